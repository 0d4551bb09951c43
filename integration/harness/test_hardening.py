"""Regression cases of the adversarial review (issue 11): each test is one attack on `store-tui serve`,
and its docstring says the attack and what must hold.

Deep YAML and zip bombs in charm files, slow and idle connections, connection floods and descriptor
exhaustion, replayed token secrets, readable database files, the auth-failure throttle (lock-outs and
X-Forwarded-For), upload limits and quotas, temporary files left by a crash, caching and sniffing
headers, suspended accounts' permissions and control characters in upload filenames.

Tests that need particular `serve` flags, an environment or a descriptor limit start their own server
(killed with SIGKILL at the end); the rest share one. A server that dies fails the test with how it
died. Figures go to `harness_results` under the kind `hardening`: `attacks`, `held` (attacks the
server withstood) and the measured latencies (`*_ms`).
"""
import contextlib
import json
import os
import select
import socket
import stat
import subprocess
import threading
import time
import uuid

import pytest

from harness_env import BIN, QUICK
from harness_results import record
import hardening_lib as lib
from hardening_lib import Serve

SLOW_CLIENTS = 20 if QUICK else 60
BOMB_ENTRIES = 100_000


class Lab:
    """One seeded template store (tokens for admin, alice, bob, mallory), copies of it for servers
    that need their own, and a shared server restarted when an attack killed it."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.template, self.tokens = lib.template_store(tmp)
        self.servers = []
        self._shared = None
        self.shared_db = lib.copy_store(self.template, tmp, "shared.sqlite")

    def fresh_db(self, name="store"):
        return lib.copy_store(self.template, self.tmp, f"{name}-{uuid.uuid4().hex[:8]}.sqlite")

    def serve(self, *args, db="", **kwargs):
        """A server of its own: over a fresh copy of the template unless `db` is given (None: no
        `--database`, the default data directory)."""
        server = Serve(self.fresh_db() if db == "" else db, self.tmp, *args, **kwargs)
        self.servers.append(server)
        return server

    def shared(self):
        if self._shared is None or not self._shared.alive():
            self._shared = self.serve(db=self.shared_db)
        return self._shared

    def crashed(self):
        """Servers that died without the test killing them: {server: how}."""
        return {server: server.death() for server in self.servers if not server.killed and server.death()}

    def close(self):
        for server in self.servers:
            server.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.fail(f"no store-tui binary at {BIN}")
    lab = Lab(str(tmp_path_factory.mktemp("hardening")))
    yield lab
    lab.close()


@contextlib.contextmanager
def attack(lab, name):
    """Records one attack: `held` is 1 when the block finished without a failure. A failure while a
    server of the lab died during the block says so first (the failure itself may only be a refused
    connection)."""
    figures = {}
    held = 0
    dead_before = set(lab.crashed())
    try:
        yield figures
        held = 1
    except lib.ServerDied:
        raise
    except BaseException as error:
        died = {server: how for server, how in lab.crashed().items() if server not in dead_before}
        if died:
            notes = "; ".join(f"`{' '.join(s.command[1:])}` {how}, log tail: {s.log()[-600:]!r}" for s, how in died.items())
            raise lib.ServerDied(f"the server died during the attack: {notes}") from error
        raise
    finally:
        record("hardening", name, attacks=1, held=held, **figures)


# MARK: 1. Deep YAML


def test_deeply_nested_metadata_yaml_is_refused(lab):
    """Attack: a charm whose metadata.yaml is 10,000 `[` (flow nesting), uploaded and pushed by its
    publisher. Must hold: the server stays up (/health 200) and the revision is rejected with
    `metadata.yaml nests deeper than 64 levels`."""
    with attack(lab, "deep-metadata-yaml") as figures:
        server = lab.shared()
        alice = lab.tokens["alice"]
        name = lib.unique("hd-deep-meta")
        lib.register(server, alice, name)
        payload = lib.charm_zip(lib.valid_members(name, metadata="[" * 10_000))
        status, messages, seconds = lib.push_until_reviewed(server, alice, name, payload)
        figures["refuse_ms"] = int(seconds * 1000)
        server.check_alive("the deep metadata.yaml push")
        assert server.health()[0] == 200, "the server does not answer /health after the push"
        assert status == "rejected", f"the revision was {status} ({messages})"
        assert any("metadata.yaml nests deeper than 64 levels" in m for m in messages), messages


def test_deeply_nested_manifest_yaml_is_refused(lab):
    """Attack: a charm whose manifest.yaml nests by block indentation: `a:\\n b:\\n  c:…` as deep as a
    1 MiB member allows (1,400 levels; 10,000 would need 50 MB), and `- - - … x` (compact block
    sequences, 10,000 levels). Must hold: the server stays up and each revision is rejected with
    `manifest.yaml nests deeper than 64 levels`."""
    with attack(lab, "deep-manifest-yaml") as figures:
        server = lab.shared()
        alice = lab.tokens["alice"]
        mapping = "".join(" " * level + f"k{level % 10}:\n" for level in range(1_399)) + " " * 1_399 + "k: v\n"
        assert len(mapping) < 1 << 20
        variants = {"compact sequences": "- " * 10_000 + "x\n", "indented mappings": mapping}
        slowest = 0
        for label, manifest in variants.items():
            name = lib.unique("hd-deep-man")
            lib.register(server, alice, name)
            payload = lib.charm_zip(lib.valid_members(name, manifest=manifest), compression=lib.zipfile.ZIP_DEFLATED)
            status, messages, seconds = lib.push_until_reviewed(server, alice, name, payload)
            slowest = max(slowest, int(seconds * 1000))
            server.check_alive(f"the deep manifest.yaml push ({label})")
            assert server.health()[0] == 200, f"the server does not answer /health after the push ({label})"
            assert status == "rejected", f"{label}: the revision was {status} ({messages})"
            assert any("manifest.yaml nests deeper than 64 levels" in m for m in messages), (label, messages)
        figures["refuse_ms"] = slowest


# MARK: 2. Connections


def test_slowloris_heads_are_cut_off(lab):
    """Attack: with `--header-timeout 2`, 20 connections each send a request line and then one header
    line a second, never finishing the head. Must hold: the server closes each within ~3 s of its
    opening (4 s allowed), and a normal client's /health answers 200 meanwhile."""
    with attack(lab, "slowloris") as figures:
        server = lab.serve("--header-timeout", "2")
        sockets, opened, dropped = [], [], []
        for _ in range(SLOW_CLIENTS):
            sock = lib.connect(server.host, server.port, timeout=5)
            opened.append(time.monotonic())
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            sockets.append(sock)
            dropped.append(None)
        health = []
        started = time.monotonic()
        next_line, next_health, line = started + 1, started + 0.5, 0
        try:
            while time.monotonic() - started < 8 and None in dropped:
                waiting = [s for s, d in zip(sockets, dropped) if d is None]
                readable = select.select(waiting, [], [], 0.05)[0]
                now = time.monotonic()
                for sock in readable:
                    index = sockets.index(sock)
                    try:
                        data = sock.recv(4096)
                    except OSError:
                        data = b""
                    if not data:
                        dropped[index] = now - opened[index]
                if now >= next_line:
                    line += 1
                    for index, sock in enumerate(sockets):
                        if dropped[index] is None:
                            try:
                                sock.sendall(b"X-Slow-%d: 1\r\n" % line)
                            except OSError:
                                dropped[index] = now - opened[index]
                    next_line += 1
                if now >= next_health:
                    health.append(server.health(timeout=2))
                    next_health = time.monotonic() + 0.5
            server.check_alive("the slow clients")
        finally:
            lib.close_all(sockets)
        held_open = sum(d is None for d in dropped)
        figures["slow_client_dropped_ms"] = int(max((d for d in dropped if d is not None), default=8) * 1000)
        assert not held_open, f"{held_open} of {len(sockets)} slow connections were still open after 8 s"
        late = sorted(round(d, 2) for d in dropped if d > 4.0)
        assert not late, f"slow connections dropped only after {late} s (header timeout 2 s)"
        bad = [(status, round(seconds, 2)) for status, seconds in health if status != 200]
        assert health and not bad, f"/health failed while the slow clients were held: {bad}"


def test_idle_keepalive_connections_are_closed(lab):
    """Attack: with `--idle-timeout 2`, a client keeps a keep-alive connection after one complete
    request, and another stalls in the middle of a declared body. Must hold: the server closes both
    within ~3 s (4 s allowed)."""
    with attack(lab, "idle-connections") as figures:
        server = lab.serve("--idle-timeout", "2")
        results = {}

        def keepalive():
            with lib.connect(server.host, server.port) as sock:
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                status, headers, _, closed = lib.read_response(sock, 5)
                results["keep-alive status"] = status
                results["keep-alive"] = 0.0 if closed else lib.wait_closed(sock, 7)

        def stalled_body():
            with lib.connect(server.host, server.port) as sock:
                sock.sendall((
                    "POST /api/v1/packages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    f"Authorization: Bearer {lab.tokens['admin']}\r\nContent-Length: 1000\r\n\r\n").encode()
                    + b'{"name": "')
                results["stalled body"] = lib.wait_closed(sock, 7)

        threads = [threading.Thread(target=keepalive), threading.Thread(target=stalled_body)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=15)
        server.check_alive("the idle connections")
        assert results.get("keep-alive status") == 200, results
        figures["idle_dropped_ms"] = int(max((v for k, v in results.items() if k != "keep-alive status" and v),
                                             default=0) * 1000)
        for kind in ("keep-alive", "stalled body"):
            seconds = results.get(kind)
            assert seconds is not None, f"the {kind} connection was still open 7 s later (idle timeout 2 s)"
            assert seconds <= 4.0, f"the {kind} connection was closed only after {seconds:.1f} s (idle timeout 2 s)"


def test_connections_per_client_are_capped(lab):
    """Attack: one address opens connections and holds them idle. With `--max-connections-per-client
    10`, the 11th must get a raw `HTTP/1.1 503` at once, JSON code `too-many-connections`,
    `Connection: close`, and be closed; another address is still served meanwhile, and once the ten
    close the address is served again."""
    with attack(lab, "connections-per-client"):
        server = lab.serve("--max-connections-per-client", "10")
        held = [lib.connect(server.host, server.port) for _ in range(10)]
        try:
            time.sleep(0.3)
            with lib.connect(server.host, server.port) as extra:
                try:
                    extra.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                except OSError:
                    pass
                status, headers, body, closed = lib.read_response(extra, 3)
            server.check_alive("the 11th connection")
            other = server.health(timeout=3, source="127.0.0.2")
        finally:
            lib.close_all(held)
        assert status == 503, f"the 11th connection from one address got {status} {body[:200]!r}, not 503"
        try:
            codes = lib.values_of(json.loads(body), "code")
        except ValueError:
            codes = []
        assert "too-many-connections" in codes, body[:300]
        assert headers.get("connection", "").lower() == "close", headers
        assert closed, "the refused connection was left open"
        assert other[0] == 200, f"another address (127.0.0.2) was not served while 127.0.0.1 was at its cap: {other}"
        time.sleep(0.3)
        assert server.health(timeout=3)[0] == 200, "the address was not served again after its connections closed"


def test_descriptor_exhaustion_leaves_room_for_health(lab):
    """Attack: the server runs with RLIMIT_NOFILE=256 on 0.0.0.0, and 250 idle connections from
    127.0.0.2 try to take every descriptor. Must hold: GET /health from 127.0.0.1 answers 200 within
    2 s while they are held, and the server stays up."""
    with attack(lab, "descriptor-exhaustion") as figures:
        server = lab.serve("--host", "0.0.0.0", nofile=256)
        sockets = []
        pending = []
        for _ in range(250):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.2", 0))
            sock.setblocking(False)
            sock.connect_ex((server.host, server.port))
            pending.append(sock)
        deadline = time.monotonic() + 3
        while pending and time.monotonic() < deadline:
            writable = select.select([], pending, [], 0.1)[1]
            for sock in writable:
                pending.remove(sock)
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    sockets.append(sock)
                else:
                    sock.close()
        try:
            time.sleep(0.5)
            status, seconds = server.health(timeout=2)
            figures["health_ms"] = int(seconds * 1000)
            figures["held_connections"] = len(sockets)
            server.check_alive("250 idle connections under a 256-descriptor limit")
        finally:
            lib.close_all(sockets + pending)
        assert status == 200 and seconds < 2, (
            f"/health from 127.0.0.1 got {status} after {seconds:.2f} s while {len(sockets)} connections from "
            f"127.0.0.2 were held (descriptor limit 256)")
        time.sleep(0.3)
        assert server.health(timeout=3)[0] == 200


# MARK: 3. Token secrets and file modes


def _issue(server, admin, key=None, username=None, role="viewer"):
    headers = {"Idempotency-Key": key} if key else {}
    body = {"username": username or lib.unique("hd-tok"), "role": role, "description": "hardening"}
    return server.request("POST", "/api/v1/tokens", admin, body, headers=headers), body


def test_issued_token_secret_is_not_replayed(lab):
    """Attack: an admin's `POST /api/v1/tokens` with `Idempotency-Key: K` is sent again with the same
    key, to read the new token's secret a second time. Must hold: the first answers 201 with the
    secret; the repeat answers 409 `token-secret-not-replayed`, has no `secret` field anywhere and
    names the issued token's id."""
    with attack(lab, "token-secret-replay"):
        server = lab.shared()
        admin = lab.tokens["admin"]
        key = str(uuid.uuid4())
        first, body = _issue(server, admin, key)
        assert first.status == 201 and (first.json() or {}).get("secret"), first
        secret = first.json()["secret"]
        token_id = (first.json().get("token") or {}).get("id")
        again = server.request("POST", "/api/v1/tokens", admin, body, headers={"Idempotency-Key": key})
        assert secret.encode() not in again.body, f"the repeat replayed the secret: {again}"
        assert again.status == 409, f"the repeat got {again.status}, not 409: {again}"
        assert "token-secret-not-replayed" in again.codes(), again
        assert not lib.values_of(again.json(), "secret"), f"the 409 has a secret field: {again}"
        assert token_id and token_id.encode() in again.body, f"the 409 does not name token {token_id}: {again}"


def test_revoked_caller_cannot_replay_an_idempotent_reply(lab):
    """Attack: an admin token issues a token with `Idempotency-Key: K`, is revoked, and then sends the
    same request with K, hoping for the kept reply. Must hold: 401, and the reply holds no secret."""
    with attack(lab, "revoked-replay"):
        server = lab.shared()
        admin = lab.tokens["admin"]
        actor_reply, _ = _issue(server, admin, role="admin", username=lib.unique("hd-actor"))
        assert actor_reply.status == 201, actor_reply
        actor, actor_id = actor_reply.json()["secret"], actor_reply.json()["token"]["id"]
        key = str(uuid.uuid4())
        first, body = _issue(server, actor, key)
        assert first.status == 201, first
        secret = first.json()["secret"]
        revoked = server.request("DELETE", f"/api/v1/tokens/{actor_id}", admin)
        assert revoked.status == 200, revoked
        again = server.request("POST", "/api/v1/tokens", actor, body, headers={"Idempotency-Key": key})
        assert secret.encode() not in again.body, f"the revoked token got the secret replayed: {again}"
        assert again.status == 401, f"the revoked token's retry got {again.status}, not 401: {again}"


def test_database_holds_no_issued_secret(lab):
    """Attack: read the server's SQLite file (every table, the file and its WAL) for token secrets
    issued over the API, with and without `Idempotency-Key` (and a repeat of the keyed one). Must
    hold: no secret is found, as is or base64-encoded."""
    with attack(lab, "secrets-in-database"):
        db = lab.fresh_db("secrets")
        server = lab.serve(db=db)
        admin = lab.tokens["admin"]
        secrets = []
        for key in (None, str(uuid.uuid4()), str(uuid.uuid4())):
            reply, body = _issue(server, admin, key)
            assert reply.status == 201, reply
            secrets.append(reply.json()["secret"])
            if key:
                server.request("POST", "/api/v1/tokens", admin, body, headers={"Idempotency-Key": key})
        found = set()
        for table, value in lib.sqlite_values(db):
            for secret in secrets:
                if lib.holds_secret(value, secret):
                    found.add((table, secret[:9] + "…"))
        for suffix in ("", "-wal"):
            if os.path.exists(db + suffix):
                with open(db + suffix, "rb") as handle:
                    data = handle.read()
                found |= {(os.path.basename(db + suffix), s[:9] + "…") for s in secrets if s.encode() in data}
        assert not found, f"issued secrets are in the database: {sorted(found)}"


def _modes(paths):
    return {os.path.basename(p): oct(stat.S_IMODE(os.stat(p).st_mode)) for p in paths if os.path.exists(p)}


def test_seeded_database_files_are_private(lab):
    """Attack: another local user reads the store a `store-tui seed --database NEW.sqlite` created
    (umask 022). Must hold: `store.sqlite` (and its -wal, -shm when present) have mode 0600."""
    with attack(lab, "seed-file-modes"):
        directory = os.path.join(lab.tmp, lib.unique("seeded"))
        os.makedirs(directory)
        db = os.path.join(directory, "store.sqlite")
        result = subprocess.run([os.path.abspath(BIN), "seed", "--packages", "20", "--database", db],
                                capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0o022))
        assert result.returncode == 0, result.stderr
        modes = _modes([db, db + "-wal", db + "-shm"])
        assert "store.sqlite" in modes, os.listdir(directory)
        loose = {name: mode for name, mode in modes.items() if mode != "0o600"}
        assert not loose, f"seeded database files readable by others: {loose}"


def test_default_data_dir_is_private(lab):
    """Attack: another local user reads the default store `serve --seed-if-empty` creates under
    `$XDG_DATA_HOME/store-tui` (HOME and XDG_DATA_HOME fresh, umask 022). Must hold: the directory
    has mode 0700 and store.sqlite, store.sqlite-wal and store.sqlite-shm have 0600."""
    with attack(lab, "data-dir-modes"):
        home = os.path.join(lab.tmp, lib.unique("home"))
        data = os.path.join(home, ".local", "share")
        os.makedirs(data)
        server = lab.serve("--seed-if-empty", db=None, env={"HOME": home, "XDG_DATA_HOME": data})
        assert server.health(timeout=10)[0] == 200
        directory = os.path.join(data, "store-tui")
        db = os.path.join(directory, "store.sqlite")
        modes = _modes([db, db + "-wal", db + "-shm"])
        server.kill()
        assert os.path.isdir(directory), f"serve did not create {directory}:\n{server.log()[-800:]}"
        assert sorted(modes) == ["store.sqlite", "store.sqlite-shm", "store.sqlite-wal"], (modes, os.listdir(directory))
        directory_mode = oct(stat.S_IMODE(os.stat(directory).st_mode))
        loose = {name: mode for name, mode in modes.items() if mode != "0o600"}
        assert directory_mode == "0o700" and not loose, f"store-tui directory {directory_mode}, files {modes}"


# MARK: 4. Auth-failure throttle


def _bad_token_statuses(server, count, forwarded=None):
    statuses = []
    for index in range(count):
        headers = {}
        if forwarded:
            headers["X-Forwarded-For"] = forwarded(index) if callable(forwarded) else forwarded
        reply = server.request("GET", "/api/v1/whoami", "stui_" + "x" * 40 + str(index), headers=headers)
        statuses.append(reply.status)
    return statuses


def test_auth_throttle_does_not_lock_out_valid_tokens(lab):
    """Attack: an address sends 15 requests with bad Bearer tokens to lock out the legitimate user
    behind the same address. Must hold: 429 once the burst (10) is spent, and then a request with a
    valid admin token from that address is still served (`GET /api/v1/tokens` 200)."""
    with attack(lab, "auth-lockout"):
        server = lab.serve()
        statuses = _bad_token_statuses(server, 15)
        assert statuses[:10] == [401] * 10 and 429 in statuses[10:], statuses
        valid = server.request("GET", "/api/v1/tokens", lab.tokens["admin"])
        assert valid.status == 200, f"a valid token was refused after the bad ones: {valid}"


def test_forwarded_for_counts_only_from_trusted_proxies(lab):
    """Attack: a client varies `X-Forwarded-For` to escape the auth-failure throttle. Must hold: with
    `--trusted-proxy 127.0.0.1/32`, bad tokens forwarded for 203.0.113.5 get 429 after the burst while
    one forwarded for 203.0.113.6 still gets 401; without the flag the header is ignored: once
    127.0.0.1 is throttled, new X-Forwarded-For values still get 429."""
    with attack(lab, "forwarded-for"):
        proxied = lab.serve("--trusted-proxy", "127.0.0.1/32")
        statuses = _bad_token_statuses(proxied, 15, "203.0.113.5")
        assert statuses[:10] == [401] * 10 and 429 in statuses[10:], f"forwarded for 203.0.113.5: {statuses}"
        other = _bad_token_statuses(proxied, 1, "203.0.113.6")
        assert other == [401], f"another forwarded client was throttled with the first: {other}"

        direct = lab.serve()
        statuses = _bad_token_statuses(direct, 15, "203.0.113.5")
        assert 429 in statuses[10:], f"without --trusted-proxy: {statuses}"
        varied = _bad_token_statuses(direct, 5, lambda i: f"198.51.100.{i + 1}")
        assert varied == [429] * 5, f"an untrusted X-Forwarded-For escaped the throttle: {varied}"


# MARK: 5. Zips


def _bomb(name, entries=BOMB_ENTRIES):
    members = lib.valid_members(name) + [(f"f/{i}", b"x") for i in range(entries)]
    return lib.charm_zip(members)


def test_zip_with_too_many_entries_is_refused(lab):
    """Attack: three charms of 100,000 tiny entries each, pushed at once. Must hold: each revision is
    rejected with `more than 50000 entries`, and /health keeps answering in under 0.5 s throughout."""
    with attack(lab, "zip-entries") as figures:
        server = lab.serve()
        alice = lab.tokens["alice"]
        names = [lib.unique("hd-bomb") for _ in range(3)]
        uploads = []
        for name in names:
            lib.register(server, alice, name)
            uploads.append(lib.upload_id(server, alice, _bomb(name)))
        results = {}

        def run(name, upload):
            started = time.monotonic()
            try:
                pushed = lib.push(server, alice, name, upload, timeout=60)
                if pushed.status != 200:
                    results[name] = ("push", pushed.status, [])
                    return
                while time.monotonic() - started < 60:
                    item = (lib.review(server, alice, name, upload).json() or {}).get("revisions", [{}])[0]
                    if item.get("status") in ("approved", "rejected"):
                        results[name] = (item["status"], time.monotonic() - started,
                                         [e.get("message", "") for e in item.get("errors") or []])
                        return
                    time.sleep(0.1)
                results[name] = ("still pending", 60, [])
            except Exception as error:  # noqa: BLE001 (reported below)
                results[name] = ("error", repr(error), [])

        threads = [threading.Thread(target=run, args=pair) for pair in zip(names, uploads)]
        for thread in threads:
            thread.start()
        latencies = []
        while any(thread.is_alive() for thread in threads):
            status, seconds = server.health(timeout=5)
            latencies.append((status, seconds))
            time.sleep(0.05)
        for thread in threads:
            thread.join(timeout=5)
        server.check_alive("three pushes of 100,000-entry zips")
        worst = max((s for _, s in latencies), default=0)
        figures["health_under_pushes_ms"] = int(worst * 1000)
        problems = []
        for name in names:
            outcome, _, messages = results.get(name, ("no result", 0, []))
            if outcome != "rejected" or not any("more than 50000 entries" in m for m in messages):
                problems.append(f"{name}: {outcome} {messages[:3]}")
        slow = [(status, round(seconds, 2)) for status, seconds in latencies if status != 200 or seconds >= 0.5]
        if slow:
            problems.append(f"/health during the pushes: {len(slow)} of {len(latencies)} slow or failed, worst "
                            f"{worst:.2f} s: {slow[:5]}")
        assert not problems, "; ".join(problems)


def test_zip_naming_metadata_twice_is_refused(lab):
    """Attack: a charm zip names metadata.yaml twice, the first valid, the second with another charm
    name (reader-dependent content). Must hold: rejected with `names metadata.yaml more than once`."""
    with attack(lab, "zip-duplicate-member"):
        server = lab.shared()
        alice = lab.tokens["alice"]
        name = lib.unique("hd-twice")
        lib.register(server, alice, name)
        members = lib.valid_members(name) + [("metadata.yaml", lib.METADATA.format(name="someone-else"))]
        status, messages, _ = lib.push_until_reviewed(server, alice, name, lib.charm_zip(members))
        server.check_alive("the duplicate-member push")
        assert status == "rejected", f"the revision was {status} ({messages})"
        assert any("names metadata.yaml more than once" in m for m in messages), messages


# MARK: 6. Upload limits


def _raw_exchange(server, head, pieces, timeout=20):
    """Sends `head` then `pieces` from a thread while reading the reply: (status, body, send error)."""
    with lib.connect(server.host, server.port, timeout=timeout) as sock:
        sock.sendall(head)
        outcome = {}
        sender = threading.Thread(target=lambda: outcome.update(error=lib.send_streaming(sock, pieces)))
        sender.start()
        status, _, body, _ = lib.read_response(sock, timeout)
        sender.join(timeout=timeout)
        return status, body, outcome.get("error")


def test_bytes_after_the_closing_boundary_count_against_the_upload_limit(lab):
    """Attack: with `--max-upload-size 1048576`, an upload whose file is small but whose multipart body
    carries 3 MiB after the closing boundary, sent chunked (no length to refuse up front) and with a
    Content-Length. Must hold: 413 both ways."""
    with attack(lab, "bytes-after-boundary"):
        server = lab.serve("--max-upload-size", "1048576")
        alice = lab.tokens["alice"]
        content_type, body = lib.multipart(lib.charm_zip(lib.valid_members("hd-trailer")), trailer=b"x" * (3 << 20))
        head = (f"POST /unscanned-upload/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {alice}\r\n"
                f"Content-Type: {content_type}\r\nConnection: close\r\n")
        outcomes = {}
        outcomes["chunked"] = _raw_exchange(server, (head + "Transfer-Encoding: chunked\r\n\r\n").encode(),
                                            lib.chunked(body))
        outcomes["content-length"] = _raw_exchange(server, (head + f"Content-Length: {len(body)}\r\n\r\n").encode(),
                                                   [body[i:i + 65536] for i in range(0, len(body), 65536)])
        server.check_alive("the uploads with trailing bytes")
        wrong = {kind: (status, reply[:200]) for kind, (status, reply, _) in outcomes.items() if status != 413}
        assert not wrong, f"3 MiB after the closing boundary was not refused with 413: {wrong}"


def test_pending_uploads_are_capped_by_count(lab):
    """Attack: a publisher fills the store with uploads never pushed. With `--max-pending-uploads 3`,
    must hold: alice's 4th `/unscanned-upload/` gets 403 `upload-quota-exceeded`, while bob (another
    publisher) can still upload."""
    with attack(lab, "pending-upload-count"):
        server = lab.serve("--max-pending-uploads", "3")
        alice, bob = lab.tokens["alice"], lab.tokens["bob"]
        replies = [lib.upload(server, alice, os.urandom(2048)) for _ in range(4)]
        assert [r.status for r in replies[:3]] == [200] * 3, replies[:3]
        assert replies[3].status == 403 and "upload-quota-exceeded" in replies[3].codes(), \
            f"the 4th pending upload got {replies[3]}"
        assert lib.upload(server, bob, os.urandom(2048)).status == 200, "another publisher was refused too"


def test_pending_uploads_are_capped_by_bytes(lab):
    """Attack: a publisher fills the store with large uploads never pushed. With
    `--max-pending-upload-bytes 655360` (and a count cap out of the way), 256 KiB uploads: must hold:
    two are accepted, and the 3rd or (when the cap is checked before the file arrives) the 4th gets
    403 `upload-quota-exceeded`."""
    with attack(lab, "pending-upload-bytes"):
        server = lab.serve("--max-pending-uploads", "100", "--max-pending-upload-bytes", "655360")
        alice = lab.tokens["alice"]
        statuses = []
        refusal = None
        for _ in range(5):
            reply = lib.upload(server, alice, os.urandom(256 << 10))
            statuses.append(reply.status)
            if reply.status != 200:
                refusal = reply
                break
        assert statuses[:2] == [200, 200], statuses
        assert refusal is not None and len(statuses) in (3, 4), f"statuses of 256 KiB uploads: {statuses}"
        assert refusal.status == 403 and "upload-quota-exceeded" in refusal.codes(), refusal


def test_idempotent_upload_is_not_cut_at_the_body_limit(lab):
    """Attack (on availability): charmcraft-style clients retrying safely send `Idempotency-Key`; a 2 MiB
    upload with one must not be cut at the 1 MiB JSON body limit. Must hold: 200 with `upload_id`."""
    with attack(lab, "idempotent-upload"):
        server = lab.shared()
        reply = lib.upload(server, lab.tokens["alice"], os.urandom(2 << 20), headers={"Idempotency-Key": str(uuid.uuid4())})
        assert reply.status == 200 and (reply.json() or {}).get("upload_id"), f"2 MiB upload with Idempotency-Key: {reply}"


def test_upload_temp_files_left_by_a_crash_are_removed_at_start(lab):
    """Attack: fill the disk through uploads cut off by crashes. The server (TMPDIR a test directory)
    receives half of an 8 MiB upload and is killed with SIGKILL: a `store-upload-*` file is left.
    Must hold: a server started over the same database and TMPDIR removes it at start, and leaves its
    own in-progress upload file alone (that upload then completes with 200)."""
    with attack(lab, "crash-temp-files"):
        tmpdir = os.path.join(lab.tmp, lib.unique("tmpdir"))
        os.makedirs(tmpdir)
        db = lab.fresh_db("crash")
        alice = lab.tokens["alice"]
        content_type, body = lib.multipart(os.urandom(8 << 20))
        head = (f"POST /unscanned-upload/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {alice}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        half = len(body) // 2

        def start_partial(server):
            sock = lib.connect(server.host, server.port, timeout=20)
            sock.sendall(head + body[:half])
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                files = lib.temp_uploads(tmpdir)
                if any(os.path.getsize(os.path.join(tmpdir, f)) > 0 for f in files if os.path.exists(os.path.join(tmpdir, f))):
                    return sock, files
                time.sleep(0.05)
            sock.close()
            raise AssertionError(f"no store-upload-* file with data appeared in TMPDIR: {os.listdir(tmpdir)}")

        first = lab.serve(db=db, env={"TMPDIR": tmpdir})
        sock, _ = start_partial(first)
        first.kill()
        sock.close()
        leftovers = lib.temp_uploads(tmpdir)
        assert leftovers, "SIGKILL left no store-upload-* file: nothing to test"

        second = lab.serve(db=db, env={"TMPDIR": tmpdir})
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and set(leftovers) & set(lib.temp_uploads(tmpdir)):
            time.sleep(0.1)
        remaining = set(leftovers) & set(lib.temp_uploads(tmpdir))
        assert not remaining, f"the restarted server left the crashed upload's files: {sorted(remaining)}"

        sock, files = start_partial(second)
        try:
            own = set(files) - set(leftovers)
            time.sleep(1)
            assert own <= set(lib.temp_uploads(tmpdir)), "the server removed its own in-progress upload file"
            sock.sendall(body[half:])
            status, _, reply, _ = lib.read_response(sock, 30)
        finally:
            sock.close()
        second.check_alive("the upload after the restart")
        assert status == 200, f"the upload on the restarted server got {status} {reply[:200]!r}"


# MARK: 7. Headers, suspended accounts, filenames


def test_credentialed_replies_are_not_cacheable(lab):
    """Attack: a shared cache (proxy, CDN) keeps a reply made for a logged-in caller and serves it to
    others. Must hold: every reply to a request with valid credentials, errors and the public v2
    reads included, carries `Cache-Control: private, no-store`."""
    with attack(lab, "credentialed-cache-control"):
        server = lab.shared()
        alice = lab.tokens["alice"]
        paths = ["/api/v1/whoami", "/api/v1/me/packages", "/api/v1/packages?q=a", "/v2/snaps/find?q=a",
                 "/v1/tokens/whoami", "/v1/charm", "/api/v1/packages/hd-no-such-package"]
        wrong = {}
        for path in paths:
            reply = server.request("GET", path, alice)
            value = reply.header("cache-control") or ""
            directives = {part.strip().lower() for part in value.split(",")}
            if not {"private", "no-store"} <= directives:
                wrong[f"{path} ({reply.status})"] = value or None
        assert not wrong, f"credentialed replies without Cache-Control: private, no-store: {wrong}"


def test_every_reply_forbids_mime_sniffing(lab):
    """Attack: a browser sniffs a reply (an error echoing input, the YAML document) as HTML. Must hold:
    every reply carries `X-Content-Type-Options: nosniff`: anonymous reads, credentialed ones, 400,
    401, 404, /health and /openapi.yaml."""
    with attack(lab, "nosniff"):
        server = lab.shared()
        cases = [("GET", "/api/v1/packages?q=a", None), ("GET", "/v2/snaps/find?q=a", None),
                 ("GET", "/api/v1/whoami", lab.tokens["alice"]), ("GET", "/api/v1/packages?bogus=1", None),
                 ("GET", "/api/v1/whoami", "stui_" + "y" * 43), ("GET", "/hd-no-such-path", None),
                 ("GET", "/health", None), ("GET", "/openapi.yaml", None),
                 ("GET", "/api/v1/packages/hd-no-such-package", None)]
        wrong = {}
        for method, path, tok in cases:
            reply = server.request(method, path, tok)
            if (reply.header("x-content-type-options") or "").lower() != "nosniff":
                wrong[f"{method} {path} ({reply.status}{', token' if tok else ''})"] = reply.header("x-content-type-options")
        assert not wrong, f"replies without X-Content-Type-Options: nosniff: {wrong}"


def test_suspended_account_whoami_lists_no_manage_permission(lab):
    """Attack: a suspended publisher (the seeded mallory) asks charmcraft's whoami what it may do,
    and tooling trusts the answer. Must hold: 200 or 403, and no `package-manage*` permission listed."""
    with attack(lab, "suspended-whoami"):
        server = lab.shared()
        reply = server.request("GET", "/v1/tokens/whoami", lab.tokens["mallory"])
        assert reply.status in (200, 403), reply
        listed = [p for perms in lib.values_of(reply.json(), "permissions") for p in (perms or [])]
        manage = [p for p in listed if str(p).startswith("package-manage")]
        assert not manage, f"a suspended account is told it may {manage}"


def test_upload_filename_control_characters_are_neutralised(lab):
    """Attack: an upload whose multipart filename carries terminal escapes (`evil\\x1b[31m\\x07.charm`)
    for whoever lists uploads later. Must hold: the upload is accepted and its record in the database
    keeps the filename with visible placeholders: no character below 0x20, `evil` and `.charm` kept."""
    with attack(lab, "upload-filename"):
        server = lab.shared()
        upload = lib.upload_id(server, lab.tokens["alice"], b"PK-not-really", filename=b"evil\x1b[31m\x07.charm")
        import sqlite3

        connection = sqlite3.connect(f"file:{lab.shared_db}?mode=ro", uri=True, timeout=10)
        try:
            rows = connection.execute("SELECT filename FROM uploads WHERE upload_id = ?", (upload,)).fetchall()
        finally:
            connection.close()
        assert rows, f"no uploads row for {upload}"
        filename = rows[0][0]
        assert filename is not None and "evil" in filename and ".charm" in filename, repr(filename)
        controls = [hex(ord(c)) for c in filename if ord(c) < 0x20]
        assert not controls, f"the stored filename {filename!r} keeps control characters {controls}"
