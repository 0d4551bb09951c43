"""Helpers of test_hardening.py: `store-tui serve` with any flags, environment and descriptor limit;
raw HTTP with timeouts; charm zips, multipart bodies and the charmcraft upload → push → review steps.

Every socket and subprocess here has a timeout; a server that died is described by how it died
(exit code or signal name) together with the tail of its log.
"""
import http.client
import io
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import time
import uuid
import warnings
import zipfile

import leakcheck

from harness_env import BIN, store_tui, token

METADATA = "name: {name}\nsummary: A hardening test charm\ndescription: Packed by test_hardening.\n"
MANIFEST = "charmcraft-version: 4.5.0\nbases:\n- name: ubuntu\n  channel: '22.04'\n  architectures: [amd64]\n"
DISPATCH = "#!/bin/sh\nJUJU_DISPATCH_PATH=\"${JUJU_DISPATCH_PATH:-$0}\" exec ./src/charm.py\n"


def unique(prefix):
    """A package name no other test uses: `prefix-` and 8 hex digits."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# MARK: servers


class ServerDied(AssertionError):
    pass


class Serve:
    """`store-tui serve --port 0 ARGS` over `db` (or the default data directory when `db` is None).

    `env` is merged over the current environment (a value of None removes the variable); `nofile`
    sets RLIMIT_NOFILE (soft and hard) in the child; the child runs with umask 022 so file modes
    are the server's own choice. The URL comes from the `listening on` line; a server that does not
    print it (an unknown flag, a crash at start) fails the test with its log."""

    def __init__(self, db, logdir, *args, env=None, nofile=None, log_level="notice", start_timeout=60):
        self.log_path = os.path.join(logdir, f"serve-{uuid.uuid4().hex[:8]}.log")
        self.args = list(args)
        self.killed = False  # by the test, on purpose
        command = [os.path.abspath(BIN), "serve", "--port", "0", "--log-level", log_level]
        if db is not None:
            command += ["--database", db]
        command += self.args
        self.command = command
        environment = dict(os.environ)
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value

        def prepare():
            os.umask(0o022)
            if nofile is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env=environment, preexec_fn=prepare)
        self.url = self._wait_for_url(start_timeout)
        match = re.match(r"http://([^:/]+):(\d+)", self.url)
        host = match.group(1)
        self.host = "127.0.0.1" if host in ("0.0.0.0", "::", "[::]") else host
        self.port = int(match.group(2))
        self.base = f"http://{self.host}:{self.port}"

    def _wait_for_url(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(r"listening on (http://\S+)", self.log())
            if match:
                return match.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        death = self.death() or "still running, but printed no 'listening on' line"
        self.kill()
        raise AssertionError(f"`{' '.join(self.command[1:])}` did not start ({death}):\n{self.log()[-2000:]}")

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            return ""

    def death(self):
        """None while running; else how the process ended."""
        code = self.proc.poll()
        if code is None:
            return None
        if code < 0:
            try:
                return f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with code {code}"

    def alive(self):
        return self.proc.poll() is None

    def check_alive(self, after, grace=0.0):
        """Fails the test, saying how, when the server is gone (waiting up to `grace` seconds for a
        process that is going down, after a connection error)."""
        deadline = time.monotonic() + grace
        while self.alive():
            if time.monotonic() >= deadline:
                return
            time.sleep(0.05)
        raise ServerDied(f"the server died ({self.death()}) after {after}; log tail:\n{self.log()[-1500:]}")

    def kill(self):
        """SIGKILL (by pid) and reap."""
        self.killed = True
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass

    # Requests

    def request(self, method, path, token=None, body=None, headers=None, timeout=15, source=None):
        return request(self.host, self.port, method, path, token=token, body=body, headers=headers,
                       timeout=timeout, source=source)

    def health(self, timeout=5, source=None):
        """(status or None, seconds) of one `GET /health` on a fresh connection."""
        started = time.monotonic()
        try:
            reply = self.request("GET", "/health", timeout=timeout, source=source,
                                 headers={"Connection": "close"})
            status = reply.status
        except (OSError, http.client.HTTPException):
            status = None
        return status, time.monotonic() - started


def template_store(directory, packages=20):
    """A seeded SQLite store with tokens for admin, alice (publisher), bob, mallory (suspended)."""
    db = os.path.join(directory, "template.sqlite")
    store_tui("seed", "--packages", str(packages), "--database", db)
    tokens = {
        "admin": token(db, "hd-admin", "admin"),
        "alice": token(db, "alice", "publisher"),
        "bob": token(db, "bob", "publisher"),
        "mallory": token(db, "mallory", "publisher"),
    }
    return db, tokens


def copy_store(template, directory, name):
    """A copy of `template` (no server may hold it open) as `directory/name`."""
    target = os.path.join(directory, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(template + suffix):
            shutil.copyfile(template + suffix, target + suffix)
    return target


# MARK: HTTP


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def codes(self):
        """Every `code` value in the JSON body (the error envelope's and any other)."""
        return sorted(set(values_of(self.json(), "code")))

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


def request(host, port, method, path, token=None, body=None, headers=None, timeout=15, source=None):
    """One request on its own connection; `body` a dict (sent as JSON) or bytes."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout,
                                            source_address=(source, 0) if source else None)
    try:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        payload = response.read()
        if response.status >= 400:
            # Every error reply the attacks provoke is scanned for internal details (issue #19).
            leaks = leakcheck.internal_details(payload, sent=[path, data if isinstance(data, (bytes, str)) else b""])
            assert not leaks, f"{method} {path} -> {response.status} leaks {leaks}: {payload[:300]!r}"
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, payload)
    finally:
        connection.close()


def values_of(document, key):
    """Every value of `key` anywhere in a JSON document."""
    found = []
    if isinstance(document, dict):
        for name, value in document.items():
            if name == key:
                found.append(value)
            found += values_of(value, key)
    elif isinstance(document, list):
        for item in document:
            found += values_of(item, key)
    return found


def read_response(sock, timeout):
    """Reads one HTTP response from a raw socket: (status or None, headers dict, body, closed).

    `closed` says the server closed the connection after it (EOF or reset) within `timeout`."""
    deadline = time.monotonic() + timeout
    data = b""
    closed = False
    while b"\r\n\r\n" not in data:
        chunk = _recv(sock, deadline)
        if chunk is None:
            break
        if chunk == b"":
            closed = True
            break
        data += chunk
    if b"\r\n\r\n" not in data:
        return (None, {}, data, closed)
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        status = None
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while not closed and len(body) < length:
        chunk = _recv(sock, deadline)
        if chunk is None:
            break
        if chunk == b"":
            closed = True
            break
        body += chunk
    if not closed and headers.get("connection", "").lower() == "close":
        closed = wait_closed(sock, max(deadline - time.monotonic(), 0.5)) is not None
    return (status, headers, body, closed)


def _recv(sock, deadline):
    """A chunk, b"" at EOF or reset, None when `deadline` passed."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    sock.settimeout(remaining)
    try:
        return sock.recv(65536)
    except socket.timeout:
        return None
    except OSError:
        return b""


def wait_closed(sock, timeout):
    """Seconds until the server closes `sock` (EOF or reset, other data is read and dropped); None
    when it is still open after `timeout`."""
    started = time.monotonic()
    deadline = started + timeout
    while True:
        chunk = _recv(sock, deadline)
        if chunk is None:
            return None
        if chunk == b"":
            return time.monotonic() - started


def connect(host, port, timeout=5, source=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    if source:
        sock.bind((source, 0))
    sock.connect((host, port))
    return sock


def close_all(sockets):
    for sock in sockets:
        try:
            sock.close()
        except OSError:
            pass


# MARK: charms and uploads


def charm_zip(members, compression=zipfile.ZIP_STORED):
    """A zip of `members` ((name, text or bytes) pairs, duplicates allowed, in order)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, content in members:
                archive.writestr(zipfile.ZipInfo(name), content)
    return buffer.getvalue()


def valid_members(name, metadata=None, manifest=None):
    return [("metadata.yaml", METADATA.format(name=name) if metadata is None else metadata),
            ("manifest.yaml", MANIFEST if manifest is None else manifest),
            ("dispatch", DISPATCH), ("version", "1.0.0\n")]


def multipart(payload, filename=b"test.charm", boundary=None, trailer=b""):
    """(content type, body) of a charmcraft upload: one file field `binary`; `trailer` follows the
    closing boundary."""
    boundary = boundary or "hd" + uuid.uuid4().hex
    head = (f"--{boundary}\r\n".encode() + b'Content-Disposition: form-data; name="binary"; filename="'
            + filename + b'"\r\nContent-Type: application/octet-stream\r\n\r\n')
    body = head + payload + f"\r\n--{boundary}--\r\n".encode() + trailer
    return f"multipart/form-data; boundary={boundary}", body


def register(server, tok, name):
    reply = server.request("POST", "/v1/charm", tok, {"name": name, "type": "charm"})
    assert reply.status == 200, f"registering {name}: {reply}"


def upload(server, tok, payload, filename=b"test.charm", headers=None, timeout=60):
    """`POST /unscanned-upload/`; the Reply."""
    content_type, body = multipart(payload, filename)
    sent = {"Content-Type": content_type, **(headers or {})}
    return server.request("POST", "/unscanned-upload/", tok, body, headers=sent, timeout=timeout)


def upload_id(server, tok, payload, **kwargs):
    reply = upload(server, tok, payload, **kwargs)
    assert reply.status == 200 and (reply.json() or {}).get("upload_id"), f"upload: {reply}"
    return reply.json()["upload_id"]


def push(server, tok, name, upload, timeout=120):
    return server.request("POST", f"/v1/charm/{name}/revisions", tok, {"upload-id": upload}, timeout=timeout)


def review(server, tok, name, upload, timeout=15):
    return server.request("GET", f"/v1/charm/{name}/revisions/review?upload-id={upload}", tok, timeout=timeout)


def push_until_reviewed(server, tok, name, payload, deadline_seconds=60):
    """Uploads `payload`, pushes it to `name` and polls its review until approved or rejected.

    Returns (status, [error messages], seconds from the push to that status). A server that dies
    on the way fails the test saying how; one that stops answering fails it too."""
    upload = upload_id(server, tok, payload)
    started = time.monotonic()
    try:
        pushed = push(server, tok, name, upload)
    except (OSError, http.client.HTTPException) as error:
        server.check_alive(f"the push to {name} (the push got {error!r})", grace=3)
        raise AssertionError(f"the push to {name} got no answer: {error!r}")
    server.check_alive(f"the push to {name}")
    assert pushed.status == 200, f"push to {name}: {pushed}"
    deadline = started + deadline_seconds
    while True:
        try:
            polled = review(server, tok, name, upload)
        except (OSError, http.client.HTTPException) as error:
            server.check_alive(f"the push to {name} (the review poll got {error!r})", grace=3)
            raise
        assert polled.status == 200, f"review poll of {name}: {polled}"
        item = (polled.json() or {}).get("revisions", [{}])[0]
        if item.get("status") in ("approved", "rejected"):
            messages = [e.get("message", "") for e in item.get("errors") or []]
            return item["status"], messages, time.monotonic() - started
        if time.monotonic() > deadline:
            raise AssertionError(f"the review of {name} was still {item.get('status')!r} after {deadline_seconds} s")
        time.sleep(0.1)


def send_streaming(sock, pieces, pause=0.0):
    """Sends `pieces` in order from the calling thread; returns the exception that stopped it, if any."""
    try:
        for piece in pieces:
            sock.sendall(piece)
            if pause:
                time.sleep(pause)
    except OSError as error:
        return error
    return None


def chunked(data, size=64 * 1024):
    """`data` in HTTP/1.1 chunked encoding, as a list of pieces."""
    pieces = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size)]
    return pieces + [b"0\r\n\r\n"]


def temp_uploads(directory):
    """Names of `store-upload-*` files in `directory`."""
    try:
        return sorted(name for name in os.listdir(directory) if name.startswith("store-upload-"))
    except OSError:
        return []


def sqlite_values(path):
    """Every text or blob value of every table in the SQLite file at `path`, read-only."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    values = []
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            try:
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.DatabaseError:
                continue  # fts shadow tables that need the module
            for row in rows:
                for value in row:
                    if isinstance(value, (str, bytes)):
                        values.append((table, value))
    finally:
        connection.close()
    return values


_BASE64_RUN = re.compile(rb"[A-Za-z0-9+/]{16,}={0,2}")


def holds_secret(value, secret, depth=2):
    """Whether `value` (str or bytes) holds `secret` as is, or inside base64 runs (a kept reply's body
    is base64 in its JSON), to `depth` levels."""
    data = value.encode("utf-8", "replace") if isinstance(value, str) else bytes(value)
    needle = secret.encode()
    if needle in data:
        return True
    if depth == 0:
        return False
    import base64
    import binascii

    for run in _BASE64_RUN.findall(data):
        for cut in range(4):  # the run may start mid-quantum
            piece = run[cut:]
            piece = piece[: len(piece) - len(piece) % 4] if not piece.endswith(b"=") else piece
            try:
                decoded = base64.b64decode(piece + b"=" * (-len(piece) % 4))
            except (binascii.Error, ValueError):
                continue
            if holds_secret(decoded, secret, depth - 1):
                return True
    return False
