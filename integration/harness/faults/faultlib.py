"""Shared pieces of the fault scenarios: HTTP calls, a killable server, a throwaway PostgreSQL cluster
that can be stopped and started again, a workload that records what the store acknowledged, and the
consistency check that compares the store (channel maps, revisions, audit log) with that record.

Everything goes through the real binary and the public API; nothing here reads a private table.
"""
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
os.environ.setdefault("STORE_TUI_BIN", os.path.join(ROOT, ".build", "debug", "store-tui"))
for extra in (os.path.join(ROOT, "integration", "e2e"), os.path.join(ROOT, "integration", "harness")):
    if extra not in sys.path:
        sys.path.insert(0, extra)

from harness_results import record  # noqa: E402,F401  (re-exported for the tests)
from store_server import store_tui, token  # noqa: E402,F401
from tmux_session import BIN, TmuxSession  # noqa: E402,F401

PROFILE = os.environ.get("HARNESS_PROFILE", "quick")
FULL = PROFILE == "full"

TRIPLE = ("latest/edge", "latest/beta", "latest/candidate")


def scaled(quick, full):
    return full if FULL else quick


def bin_path():
    return os.path.abspath(BIN)


# --- HTTP ------------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.raw = raw
        try:
            self.body = json.loads(raw) if raw else None
        except ValueError:
            self.body = None

    @property
    def error_code(self):
        try:
            return self.body["error-list"][0]["code"]
        except (TypeError, KeyError, IndexError):
            return None

    @property
    def error_message(self):
        try:
            return self.body["error-list"][0]["message"]
        except (TypeError, KeyError, IndexError):
            return None

    def __repr__(self):
        return f"<{self.status} {self.raw[:300]!r}>"


def call(base, method, path, token=None, body=None, headers=None, timeout=15, scheme="Bearer", raw=None,
         content_type="application/json"):
    """One request; returns a Response. Connection failures raise OSError / http.client errors."""
    host, port = re.match(r"http://([^:/]+):(\d+)", base).groups()
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        send_headers = {"Connection": "close"}
        if token:
            send_headers["Authorization"] = f"{scheme} {token}"
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            send_headers["Content-Type"] = content_type
        send_headers.update(headers or {})
        conn.request(method, path, body=data, headers=send_headers)
        reply = conn.getresponse()
        return Response(reply.status, reply.getheaders(), reply.read())
    finally:
        conn.close()


def paged(base, path, token, key="items"):
    """Every item of a cursor-paged list endpoint."""
    items, cursor = [], None
    while True:
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}limit=500" + (f"&cursor={cursor}" if cursor else "")
        reply = call(base, "GET", url, token)
        assert reply.status == 200, f"GET {url}: {reply}"
        items += reply.body[key]
        cursor = reply.body.get("nextCursor")
        if not cursor:
            return items


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


# --- The server --------------------------------------------------------------------------------------


def uploads_in_database_supported():
    """Whether this build keeps charmcraft uploads in the database when `--upload-dir` is not given."""
    out = subprocess.run([bin_path(), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    return "instead of the database" in out


class Server:
    """`store-tui serve --port 0` over `db` (a SQLite path or a postgres:// URL) that can be killed and
    restarted. Each start logs to a file of its own; uploads go to one shared directory, or to the
    database when `upload_dir` is None (builds that support it)."""

    def __init__(self, db, tmp, upload_dir="default"):
        self.db, self.tmp = db, tmp
        self.upload_dir = os.path.join(tmp, "uploads") if upload_dir == "default" else upload_dir
        self.starts = 0
        self.proc = None
        self.url = None
        self.log_path = None

    def start(self, timeout=60):
        self.starts += 1
        self.log_path = os.path.join(self.tmp, f"serve-{self.starts}.log")
        args = [bin_path(), "serve", "--database", self.db, "--port", "0", "--log-level", "notice"]
        if self.upload_dir:
            args += ["--upload-dir", self.upload_dir]
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(r"listening on (http://\S+)", self.log())
            if match:
                self.url = match.group(1)
                return self.url
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.kill()
        raise AssertionError(f"the server did not start:\n{self.log()}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        if not self.log_path:
            return ""
        with open(self.log_path, errors="replace") as handle:
            return handle.read()


# --- PostgreSQL ----------------------------------------------------------------------------------------


def _pg_bindir():
    for candidate in sorted((p for p in _glob("/usr/lib/postgresql/*/bin")), reverse=True):
        if os.access(os.path.join(candidate, "pg_ctl"), os.X_OK):
            return candidate
    found = shutil.which("pg_ctl")
    return os.path.dirname(os.path.realpath(found)) if found else None


def _glob(pattern):
    import glob
    return glob.glob(pattern)


class PostgresCluster:
    """A throwaway cluster from scripts/postgres-cluster, plus stop/start of the same data directory
    (the script's `stop` removes the directory, so stopping to simulate an outage uses pg_ctl)."""

    def __init__(self):
        self.parent = tempfile.mkdtemp(prefix="store-tui-faults-pg-")
        os.chmod(self.parent, 0o755)  # the postgres OS user must reach the cluster directory
        self.dir = os.path.join(self.parent, "cluster")
        result = subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "start", self.dir, str(os.getpid())],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise AssertionError(f"postgres-cluster start failed:\n{result.stderr}")
        self.base_url = result.stdout.strip().splitlines()[-1]
        self.port = int(re.search(r":(\d+)/", self.base_url).group(1))
        self.bindir = _pg_bindir()
        self.databases = 0

    def _as_owner(self, *args):
        if os.getuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def psql(self, sql, database="postgres"):
        return subprocess.run(self._as_owner(os.path.join(self.bindir, "psql"), "-X", "-q", "-At", "-h", "127.0.0.1",
                                             "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql),
                              capture_output=True, text=True, timeout=60)

    def new_database(self):
        """A fresh empty database in the cluster; returns its URL."""
        self.databases += 1
        name = f"faults_{os.getpid()}_{self.databases}"
        result = self.psql(f"CREATE DATABASE {name}")
        assert result.returncode == 0, result.stderr
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop_server(self, mode="fast"):
        result = subprocess.run(self._as_owner(os.path.join(self.bindir, "pg_ctl"), "-D", os.path.join(self.dir, "data"),
                                               "-m", mode, "-w", "-t", "60", "stop"),
                                capture_output=True, text=True, timeout=90)
        assert result.returncode == 0, result.stdout + result.stderr

    def start_server(self):
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.dir} "
                "-c max_connections=400")
        result = subprocess.run(self._as_owner(os.path.join(self.bindir, "pg_ctl"), "-D", os.path.join(self.dir, "data"),
                                               "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60",
                                               "-o", opts, "start"),
                                capture_output=True, text=True, timeout=90)
        assert result.returncode == 0, result.stdout + result.stderr

    def destroy(self):
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "stop", self.dir], capture_output=True,
                       timeout=120)
        shutil.rmtree(self.parent, ignore_errors=True)


# --- A store to hurt -------------------------------------------------------------------------------


def seed_store(db, tmp, packages=20):
    """Seeds `db` (SQLite path or PostgreSQL URL) and returns tokens for alice, bob and admin."""
    store_tui("seed", "--packages", str(packages), "--database", db)
    return {"alice": token(db, "alice", "publisher"), "bob": token(db, "bob", "publisher"),
            "admin": token(db, "admin", "admin")}


def sha(seed=None):
    return (uuid.uuid4().hex * 3)[:96] if seed is None else (seed * 96)[:96]


def revision_upload(version):
    return {"version": version, "architectures": ["amd64"], "size": 1000, "sha3_384": sha(),
            "confinement": "strict", "grade": "stable"}


def charm_zip(name, version):
    """A minimal .charm (metadata, manifest, version) with unique content, as bytes."""
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata.yaml", f"name: {name}\nsummary: fault test\ndescription: fault test charm\n")
        archive.writestr("manifest.yaml", "bases:\n- name: ubuntu\n  channel: '22.04'\n  architectures: [amd64]\n")
        archive.writestr("version", f"{version}\n")
        archive.writestr("dispatch", f"#!/bin/sh\n# {uuid.uuid4().hex}\n")
    return buffer.getvalue()


def multipart(field, filename, content):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class Ledger:
    """What the clients were told: every acknowledged (2xx) change, and every attempt."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = []        # dicts with kind, package, ...
        self.attempts = 0
        self.unanswered = 0    # requests cut off by the fault (outcome unknown to the client)
        self.refused = {}      # status -> count
        self.cut_uploads = []  # (package, sha) of uploads whose request got no answer

    def ack(self, **entry):
        with self.lock:
            self.acked.append(entry)

    def note(self, status=None):
        with self.lock:
            self.attempts += 1
            if status is None:
                self.unanswered += 1
            elif status >= 300:
                self.refused[status] = self.refused.get(status, 0) + 1


class ApiPublisher(threading.Thread):
    """Uploads revisions of its own package over /api/v1 and releases each to edge, beta and candidate in
    one plan (all or nothing), promoting candidate to stable or closing the three now and then."""

    def __init__(self, server, tok, package, ledger, stop, if_match=False):
        super().__init__(daemon=True)
        self.server, self.token, self.package, self.ledger, self.stop = server, tok, package, ledger, stop
        self.if_match = if_match
        self.step = 0

    def _call(self, method, path, body=None, headers=None):
        try:
            reply = call(self.server.url, method, path, self.token, body=body, headers=headers, timeout=10)
        except (OSError, http.client.HTTPException):
            self.ledger.note(None)
            return None
        self.ledger.note(reply.status)
        return reply

    def run(self):
        while not self.stop.is_set():
            self.step += 1
            upload = revision_upload(f"{int(time.time() * 1000)}.{self.step}")
            reply = self._call("POST", f"/api/v1/packages/{self.package}/revisions", upload,
                               {"Idempotency-Key": uuid.uuid4().hex})
            if reply is None or reply.status != 201:
                if reply is None:
                    with self.ledger.lock:
                        self.ledger.cut_uploads.append((self.package, upload["sha3_384"]))
                    time.sleep(0.05)
                continue
            number = reply.body["number"]
            self.ledger.ack(kind="upload", package=self.package, number=number, sha=upload["sha3_384"])
            if self.step % 5 == 0:
                plan, kind = {"operations": [{"close": {"channels": list(TRIPLE)}}]}, "close"
            elif self.step % 3 == 0:
                plan, kind = {"operations": [{"promote": {"from": "latest/candidate", "to": "latest/stable"}}]}, "promote"
            else:
                plan, kind = {"operations": [{"release": {"revision": number, "channels": list(TRIPLE)}}]}, "release"
            reply = self._call("POST", f"/api/v1/packages/{self.package}/releases", plan,
                               {"Idempotency-Key": uuid.uuid4().hex})
            if reply is not None and reply.status == 200:
                self.ledger.ack(kind="plan", action=kind, package=self.package, revision=number,
                                version=reply.body["map"]["version"], releases=normalize(reply.body["map"]["releases"]))


class CharmPublisher(threading.Thread):
    """charmcraft's upload protocol (file, push, poll) and release route, on a charm of its own."""

    def __init__(self, server, tok, package, ledger, stop):
        super().__init__(daemon=True)
        self.server, self.token, self.package, self.ledger, self.stop = server, tok, package, ledger, stop
        self.step = 0
        self.uploaded = []  # upload ids whose file was stored (2xx)
        self.pushed = {}    # upload id -> revision, acknowledged

    def _call(self, method, path, body=None, raw=None, content_type="application/json"):
        try:
            reply = call(self.server.url, method, path, self.token, body=body, raw=raw, content_type=content_type,
                         timeout=10, scheme="Macaroon")
        except (OSError, http.client.HTTPException):
            self.ledger.note(None)
            return None
        self.ledger.note(reply.status)
        return reply

    def run(self):
        while not self.stop.is_set():
            self.step += 1
            data, ctype = multipart("binary", "fault.charm", charm_zip(self.package, f"1.{self.step}"))
            reply = self._call("POST", "/unscanned-upload/", raw=data, content_type=ctype)
            if reply is None or reply.status != 200:
                time.sleep(0.05)
                continue
            upload_id = reply.body["upload_id"]
            self.uploaded.append(upload_id)
            self.ledger.ack(kind="charm-file", package=self.package, upload_id=upload_id)
            number = self.push(upload_id)
            if number is None:
                continue
            items = [{"revision": number, "channel": c, "resources": []} for c in ("edge", "beta", "candidate")]
            reply = self._call("POST", f"/v1/charm/{self.package}/releases", body=items)
            if reply is not None and reply.status == 200:
                self.ledger.ack(kind="charm-release", package=self.package, revision=number)

    def push(self, upload_id, polls=20):
        reply = self._call("POST", f"/v1/charm/{self.package}/revisions", body={"upload-id": upload_id})
        if reply is None or reply.status != 200:
            return None
        status_url = reply.body["status-url"]
        for _ in range(polls):
            reply = self._call("GET", status_url)
            if reply is None:
                return None
            item = reply.body["revisions"][0] if reply.status == 200 else None
            if item and item["status"] in ("approved", "rejected") and item["revision"]:
                self.pushed[upload_id] = item["revision"]
                self.ledger.ack(kind="charm-push", package=self.package, upload_id=upload_id, number=item["revision"],
                                status=item["status"])
                return item["revision"] if item["status"] == "approved" else None
            time.sleep(0.05)
        return None


# --- Consistency ---------------------------------------------------------------------------------------


def normalize(releases):
    """A channel map's releases as a comparable set (release times left out)."""
    out = set()
    for item in releases:
        platform = item.get("platform") or {}
        out.add((item["channel"], platform.get("architecture"), platform.get("base") or "", item["revision"],
                 item.get("progressivePercentage")))
    return frozenset(out)


def serving(releases, channel):
    """The revisions `channel` serves in a normalized map (one per platform)."""
    return {entry[3] for entry in releases if entry[0] == channel and entry[4] is None}


def triple_ok(releases):
    """A plan always sets edge, beta and candidate together: all closed, or all one revision."""
    states = [frozenset(serving(releases, c)) for c in TRIPLE]
    return all(s == states[0] for s in states)


class Check:
    """The store compared with the ledger, package by package, through the API."""

    def __init__(self, base, admin_token):
        self.base, self.admin = base, admin_token
        self.problems = []
        self.lost = 0
        self.plans_checked = 0

    def problem(self, text):
        self.problems.append(text)

    def package(self, name, acked, plan_actions=("release", "promote", "close")):
        reply = call(self.base, "GET", f"/api/v1/packages/{name}/channel-map", self.admin)
        assert reply.status == 200, f"channel map of {name}: {reply}"
        current = normalize(reply.body["releases"])
        version = reply.body["version"]
        revisions = {r["number"]: r for r in paged(self.base, f"/api/v1/packages/{name}/revisions", self.admin)}
        events = sorted(paged(self.base, f"/api/v1/audit?package={name}", self.admin), key=lambda e: e["id"])
        map_events = [e for e in events if e["objectKind"] == "channel-map"]
        uploads = [e for e in events if e["action"] == "upload"]

        # One audit event per applied plan, chained before -> after, ending at the current map.
        if len(map_events) != version:
            self.problem(f"{name}: channel map version {version} but {len(map_events)} channel-map audit events")
        previous = frozenset()
        for index, event in enumerate(map_events, start=1):
            before = normalize(json.loads(event.get("before") or "[]"))
            after = normalize(json.loads(event.get("after") or "[]"))
            if before != previous:
                self.problem(f"{name}: audit event {event['id']} (v{index}) starts from a map no event produced")
            self._plan_shape(name, event, before, after)
            previous = after
        if previous != current:
            self.problem(f"{name}: the last audit event's map differs from the channel map\n  audit: {sorted(previous)}\n"
                         f"  map:   {sorted(current)}")
        if not triple_ok(current):
            self.problem(f"{name}: half-applied plan in the current map: {sorted(current)}")
        for revision in {entry[3] for entry in current}:
            if revision not in revisions:
                self.problem(f"{name}: the map serves r{revision}, which does not exist")

        # One upload event per revision.
        numbers = [int(e["objectID"].rsplit("#", 1)[1]) for e in uploads]
        if sorted(numbers) != sorted(revisions):
            self.problem(f"{name}: upload events {sorted(numbers)} vs revisions {sorted(revisions)}")

        # Every acknowledged change is there.
        for entry in acked:
            kind = entry["kind"]
            if kind == "upload":
                got = revisions.get(entry["number"])
                if not got or got["sha3_384"] != entry["sha"]:
                    self.lost += 1
                    self.problem(f"{name}: acknowledged upload r{entry['number']} is missing or different")
            elif kind == "plan":
                self.plans_checked += 1
                v = entry["version"]
                if v > len(map_events) or normalize(json.loads(map_events[v - 1].get("after") or "[]")) != entry["releases"]:
                    self.lost += 1
                    self.problem(f"{name}: acknowledged {entry['action']} (map v{v}) is not in the audit log as answered")
            elif kind == "charm-push":
                if entry["number"] not in revisions:
                    self.lost += 1
                    self.problem(f"{name}: acknowledged push of {entry['upload_id']} (r{entry['number']}) is missing")
            elif kind == "charm-release":
                self.plans_checked += 1
                if not any(serving(normalize(json.loads(e.get("after") or "[]")), "latest/candidate") == {entry["revision"]}
                           and e["action"] == "release" for e in map_events):
                    self.lost += 1
                    self.problem(f"{name}: acknowledged charm release of r{entry['revision']} is not in the audit log")
        return {"version": version, "revisions": revisions, "events": events, "map": current}

    def _plan_shape(self, name, event, before, after):
        """The change an audit event records is one whole plan of the workload."""
        action = event["action"]
        changed = {entry[0] for entry in before ^ after}
        if action == "release":
            ok = changed <= set(TRIPLE) and triple_ok(after) and serving(after, TRIPLE[0])
        elif action == "promote":
            # A closed candidate follows stable, so promoting it then changes nothing.
            source = serving(before, "latest/candidate") or serving(before, "latest/stable")
            ok = changed <= {"latest/stable"} and serving(after, "latest/stable") == source
        elif action == "close":
            ok = changed <= set(TRIPLE) and not any(serving(after, c) for c in TRIPLE)
        else:
            ok = True
        if not ok:
            self.problem(f"{name}: audit event {event['id']} ({action}) is not one whole plan: "
                         f"{sorted(before)} -> {sorted(after)}")


def sqlite_integrity(path):
    """`PRAGMA integrity_check` and `foreign_key_check` with the sqlite3 CLI; returns problems."""
    problems = []
    out = subprocess.run(["sqlite3", path, "PRAGMA integrity_check;"], capture_output=True, text=True, timeout=120)
    if out.stdout.strip() != "ok":
        problems.append(f"integrity_check: {out.stdout.strip()} {out.stderr.strip()}")
    out = subprocess.run(["sqlite3", path, "PRAGMA foreign_key_check;"], capture_output=True, text=True, timeout=120)
    if out.stdout.strip():
        problems.append(f"foreign_key_check: {out.stdout.strip()[:500]}")
    return problems


def random_pause(low, high, rng=random):
    time.sleep(rng.uniform(low, high))


# --- A fixed-port server and a misbehaving proxy, for the console --------------------------------------


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FixedPortServer:
    """`store-tui serve` on a port chosen once, so a console pointed at it finds it again after a restart."""

    def __init__(self, db, tmp, port=None):
        self.db, self.tmp = db, tmp
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = open(os.path.join(tmp, f"serve-{self.port}.log"), "a")

    def start(self):
        self.proc = subprocess.Popen([bin_path(), "serve", "--database", self.db, "--port", str(self.port),
                                      "--upload-dir", os.path.join(self.tmp, "uploads"), "--log-level", "notice"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        ok = wait_until(lambda: self._answers(), 30)
        assert ok, "the server did not start"

    def _answers(self):
        try:
            return call(self.url, "GET", "/health", timeout=1).status == 200
        except OSError:
            return False

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def close(self):
        self.kill()
        self.log.close()


class ChaosProxy:
    """An HTTP/1.1 proxy in front of the server (crates.io's ChaosProxy idea): `mode` is "pass",
    "slow" (each answer `delay` seconds late), "error" (503 store-unavailable with Retry-After) or
    "slow-error" (the 503, `delay` seconds late)."""

    def __init__(self, upstream):
        import http.server
        proxy = self
        self.upstream = upstream
        self.mode = "pass"
        self.delay = 0.0
        self.requests = []  # (time, method, path, status answered)
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                mode, delay = proxy.mode, proxy.delay
                if mode in ("slow", "slow-error"):
                    time.sleep(delay)
                if mode in ("error", "slow-error"):
                    status, headers = 503, [("Content-Type", "application/json"), ("Retry-After", "1")]
                    raw = json.dumps({"error-list": [{"code": "store-unavailable",
                                                      "message": "The store's database is unavailable (chaos proxy)."}]}).encode()
                else:
                    try:
                        reply = call(proxy.upstream, self.command, self.path, body=None, raw=body, timeout=60,
                                     headers={k: v for k, v in self.headers.items()
                                              if k.lower() not in ("connection", "host", "content-length", "keep-alive")},
                                     content_type=self.headers.get("Content-Type") or "application/json")
                        status, raw = reply.status, reply.raw
                        headers = [(k, v) for k, v in reply.headers.items()
                                   if k not in ("connection", "content-length", "transfer-encoding", "keep-alive")]
                    except OSError:
                        status, headers, raw = 502, [("Content-Type", "application/json")], json.dumps(
                            {"error-list": [{"code": "bad-gateway", "message": "upstream down"}]}).encode()
                with proxy.lock:
                    proxy.requests.append((time.time(), self.command, self.path, status))
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _relay

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client that hung up mid-answer
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
