"""Abusive clients against a live `store-tui serve`: malformed and oversized requests, huge query strings,
slow clients (slowloris), abrupt disconnects mid-body, many connections at once.

The server must stay up, answer every complete request with a status below 500, keep serving a normal
client while being abused, and its resident memory must not grow without bound over repeated rounds.
"""
import os
import socket
import threading
import time
import urllib.parse

import pytest

from harness_env import QUICK
from harness_results import record


# The address abusive clients connect from: any 127/8 address reaches a server bound to 127.0.0.1.
ABUSER = "127.0.0.2"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Wire:
    """Raw HTTP/1.1 over a socket to the live server."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port

    def connect(self, timeout=10, source=None):
        """A connection, from `source` (another loopback address, another client) when given."""
        return socket.create_connection((self.host, self.port), timeout=timeout,
                                        source_address=(source, 0) if source else None)

    def exchange(self, data, timeout=20, shutdown=True):
        """Sends `data`, reads until the server closes or a full response arrives; returns the status or
        None when the server closed without answering."""
        with self.connect(timeout) as sock:
            try:
                sock.sendall(data)
                if shutdown:
                    sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            return _read_status(sock)

    def healthy(self):
        return self.exchange(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == 200


def _read_status(sock):
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    if not data.startswith(b"HTTP/"):
        return None
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def _request(method, target, headers=(), body=b""):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers]
    if body and not any(h.lower().startswith("content-length") or h.lower().startswith("transfer-encoding")
                        for h in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Tally:
    def __init__(self):
        self.requests, self.server_errors, self.notes = 0, 0, []

    def add(self, name, status):
        self.requests += 1
        if status is not None and status >= 500:
            self.server_errors += 1
            self.notes.append(f"{name}: {status}")


def malformed_requests(token):
    big = "x" * (2 << 20)
    json_headers = ("Content-Type: application/json", f"Authorization: Bearer {token}")
    return {
        "garbage-line": b"\x00\x01\x02 nonsense\r\n\r\n",
        "no-version": b"GET /health\r\n\r\n",
        "http-0.9": b"GET /\r\n",
        "bad-method": _request("FOO\x7fBAR", "/health"),
        "huge-method": _request("G" * 100000, "/health"),
        "bad-version": b"GET /health HTTP/9.9\r\nHost: x\r\n\r\n",
        "no-host": b"GET /health HTTP/1.1\r\nConnection: close\r\n\r\n",
        "bare-lf": b"GET /health HTTP/1.1\nHost: x\nConnection: close\n\n",
        "header-no-colon": b"GET /health HTTP/1.1\r\nHost x\r\nConnection: close\r\n\r\n",
        "header-nul": b"GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\nConnection: close\r\n\r\n",
        "obs-fold": b"GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\nConnection: close\r\n\r\n",
        "huge-header": _request("GET", "/health", (f"X-Big: {'a' * 200000}",)),
        "many-headers": _request("GET", "/health", tuple(f"X-H{i}: {i}" for i in range(5000))),
        "huge-query": _request("GET", "/api/v1/packages?q=" + "a" * 300000),
        "many-params": _request("GET", "/api/v1/packages?" + "&".join(f"p{i}=1" for i in range(20000))),
        "huge-path": _request("GET", "/api/v1/packages/" + "a" * 100000),
        "percent-garbage": _request("GET", "/api/v1/packages?q=%ZZ%%%00%ff%c0%af"),
        "path-traversal": _request("GET", "/api/v1/packages/..%2f..%2fetc%2fpasswd"),
        "dot-segments": _request("GET", "/../../../etc/passwd"),
        "absolute-form": _request("GET", "http://evil.example/health"),
        "bad-limit": _request("GET", "/api/v1/packages?limit=-1&cursor=%00"),
        "huge-limit": _request("GET", "/api/v1/packages?limit=99999999999999999999999"),
        "bad-cursor": _request("GET", "/api/v1/packages?cursor=" + "Z" * 5000),
        "negative-length": _request("POST", "/api/v1/packages", json_headers + ("Content-Length: -5",), b"{}"),
        "non-numeric-length": _request("POST", "/api/v1/packages", json_headers + ("Content-Length: abc",), b"{}"),
        "two-lengths": _request("POST", "/api/v1/packages", json_headers + ("Content-Length: 2", "Content-Length: 3"),
                                b"{}x"),
        "length-and-chunked": _request("POST", "/api/v1/packages", json_headers + (
            "Content-Length: 4", "Transfer-Encoding: chunked"), b"0\r\n\r\n"),
        "bad-chunk-size": _request("POST", "/api/v1/packages", json_headers + ("Transfer-Encoding: chunked",),
                                   b"zz\r\nabc\r\n0\r\n\r\n"),
        "huge-chunk-size": _request("POST", "/api/v1/packages", json_headers + ("Transfer-Encoding: chunked",),
                                    b"ffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
        "oversized-body": _request("POST", "/api/v1/packages", json_headers, big.encode()),
        "oversized-chunked": _request("POST", "/api/v1/packages", json_headers + ("Transfer-Encoding: chunked",),
                                      b"".join(b"%x\r\n%s\r\n" % (65536, b"a" * 65536) for _ in range(32)) + b"0\r\n\r\n"),
        "invalid-json": _request("POST", "/api/v1/packages", json_headers, b"{\"name\": "),
        "json-nesting": _request("POST", "/api/v1/packages", json_headers, b"[" * 100000 + b"]" * 100000),
        "json-wrong-types": _request("POST", "/api/v1/packages", json_headers, b'{"name": 5, "type": []}'),
        "json-invalid-utf8": _request("POST", "/api/v1/packages", json_headers, b'{"name": "\xff\xfe", "type": "snap"}'),
        "json-huge-number": _request("POST", "/api/v1/packages/x/releases", json_headers, b'{"n": 1e999999}'),
        "json-nul": _request("POST", "/api/v1/packages", json_headers, b'{"name": "a\\u0000b", "type": "snap"}'),
        "wrong-content-type": _request("POST", "/api/v1/packages", (f"Authorization: Bearer {token}",
                                                                      "Content-Type: text/xml"), b"<a/>"),
        "bad-auth-scheme": _request("GET", "/api/v1/whoami", ("Authorization: Basic ::::",)),
        "huge-token": _request("GET", "/api/v1/whoami", ("Authorization: Bearer " + "a" * 100000,)),
        "bad-if-match": _request("POST", "/api/v1/packages/alice-notes/releases", json_headers + (
            'If-Match: "' + "x" * 10000,), b"{}"),
        "huge-idempotency-key": _request("POST", "/api/v1/packages", json_headers + (
            "Idempotency-Key: " + "k" * 100000,), b'{"name": "abuse-key", "type": "snap"}'),
        "upload-garbage": _request("POST", "/unscanned-upload/", (f"Authorization: Bearer {token}",
                                                                   "Content-Type: multipart/form-data; boundary=x"),
                                   b"--x\r\nno headers\r\n--y--"),
        "options": _request("OPTIONS", "*"),
        "trace": _request("TRACE", "/health"),
        "connect": _request("CONNECT", "127.0.0.1:22"),
    }


@pytest.fixture(scope="module")
def wire(live_store):
    return Wire(live_store.url)


def test_malformed_and_oversized_requests(live_store, wire):
    tally = Tally()
    rounds = 2 if QUICK else 5
    for _ in range(rounds):
        for name, data in malformed_requests(live_store.tokens["admin"]).items():
            tally.add(name, wire.exchange(data))
    alive = live_store.alive() and wire.healthy()
    record("abuse", "malformed", requests=tally.requests, server_errors=tally.server_errors + (0 if alive else 1))
    assert alive, "the server went down"
    assert not tally.server_errors, f"5xx answers: {sorted(set(tally.notes))}"


def test_slow_clients_and_abrupt_disconnects(live_store, wire):
    """Slowloris: many connections trickling header bytes; partial bodies; resets mid-body. A normal client
    must still be served meanwhile. The abuser is another client (127.0.0.2): from the normal client's own
    address, the per-client connection cap (64) would refuse it too, as it should."""
    tally = Tally()
    count = 40 if QUICK else 150
    slow = []
    for i in range(count):
        try:
            sock = wire.connect(timeout=5, source=ABUSER)
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            slow.append(sock)
        except OSError:
            break
    body_partial = []
    for i in range(count // 2):
        try:
            sock = wire.connect(timeout=5, source=ABUSER)
            sock.sendall(_request("POST", "/api/v1/packages", ("Content-Type: application/json",
                                                              f"Authorization: Bearer {live_store.tokens['admin']}",
                                                              "Content-Length: 100000"), b'{"name": "'))
            body_partial.append(sock)
        except OSError:
            break
    served_during = []
    for _ in range(5):
        for sock in slow:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                pass
        started = time.time()
        served_during.append(wire.healthy() and time.time() - started < 5)
        time.sleep(0.3)
    tally.requests += len(slow) + len(body_partial) + len(served_during)
    # Abrupt disconnects: RST in the middle of a body, and after the headers only.
    for i in range(count):
        try:
            sock = wire.connect(timeout=5)
            sock.sendall(_request("POST", "/api/v1/packages", ("Content-Type: application/json",
                                                              f"Authorization: Bearer {live_store.tokens['admin']}",
                                                              "Content-Length: 5000"), b'{"name": "abc'))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.close()
            tally.requests += 1
        except OSError:
            pass
    for sock in slow + body_partial:
        try:
            sock.close()
        except OSError:
            pass
    time.sleep(0.5)
    alive = live_store.alive() and wire.healthy()
    record("abuse", "slow-and-dropped", requests=tally.requests, server_errors=0 if alive else 1)
    assert alive, "the server went down"
    assert all(served_during), f"a normal client was not served within 5 s while slow clients held connections: {served_during}"


def test_many_connections(live_store, wire):
    tally = Tally()
    lock = threading.Lock()
    per_thread = 10 if QUICK else 40
    targets = ["/health", "/api/v1/packages?q=a", "/v2/snaps/find?q=b", "/api/v1/categories", "/openapi.yaml"]

    def worker(n):
        for i in range(per_thread):
            status = wire.exchange(_request("GET", targets[(n + i) % len(targets)]), shutdown=False)
            with lock:
                tally.add(f"concurrent {targets[(n + i) % len(targets)]}", status)
                if status is None:
                    tally.notes.append("no answer")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    alive = live_store.alive() and wire.healthy()
    record("abuse", "many-connections", requests=tally.requests, server_errors=tally.server_errors + (0 if alive else 1))
    assert alive
    assert not tally.server_errors, sorted(set(tally.notes))
    unanswered = tally.notes.count("no answer")
    assert unanswered <= tally.requests // 100, f"{unanswered} of {tally.requests} requests got no answer"


def test_memory_stays_bounded(live_store, wire):
    """RSS after warm-up, then after N more rounds of abuse: growth must stay under a fixed bound."""
    pid = live_store.pid()
    token = live_store.tokens["admin"]
    requests = list(malformed_requests(token).items())

    def round_():
        for name, data in requests:
            wire.exchange(data)
        for _ in range(20):
            try:
                sock = wire.connect(timeout=5)
                sock.sendall(_request("POST", "/api/v1/packages", ("Content-Type: application/json",
                                                                  "Content-Length: 50000"), b"{" + b"a" * 1000))
                sock.close()
            except OSError:
                pass

    for _ in range(2):
        round_()
    before = rss_kib(pid)
    rounds = 4 if QUICK else 15
    for _ in range(rounds):
        round_()
    time.sleep(1)
    after = rss_kib(pid)
    sent = rounds * (len(requests) + 20)
    growth = after - before
    alive = live_store.alive() and wire.healthy()
    record("abuse", "memory", requests=sent, server_errors=0 if alive else 1)
    assert alive
    # Each round sends over 4 MiB of oversized input; 32 MiB of growth after all rounds would mean it is kept.
    assert growth < 32 * 1024, f"RSS grew {growth} KiB over {rounds} rounds ({before} -> {after} KiB)"
