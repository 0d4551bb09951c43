"""SIGTERM under load: requests in flight finish, new connections are refused, nothing acknowledged is lost.

Some clients are genuinely mid-request when the signal arrives: they have sent the request head and half
of the body, and send the rest only after SIGTERM. Those must still be answered 201 and be in the store.
Meanwhile publisher threads keep uploading and releasing; after the server exits (code 0, within 10 s)
it is restarted and every acknowledged change is checked, as in the SIGKILL scenario. A request whose
connection was cut must not have been applied (if it was, the server dropped a request it had taken).
"""
import json
import os
import signal
import socket
import threading
import time

from faultlib import (ApiPublisher, Check, Ledger, Server, call, record, revision_upload, scaled, seed_store,
                      sqlite_integrity)


class HalfSentUpload(threading.Thread):
    """POSTs a revision upload in two parts, the second after `go` is set."""

    def __init__(self, base, tok, name, go):
        super().__init__(daemon=True)
        self.base, self.token, self.name, self.go = base, tok, name, go
        self.upload = revision_upload(f"9.{time.time_ns()}")
        self.sent_head = threading.Event()
        self.status = None
        self.error = None

    def run(self):
        host, port = self.base.split("//")[1].split(":")
        body = json.dumps(self.upload).encode()
        head = (f"POST /api/v1/packages/{self.name}/revisions HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        try:
            with socket.create_connection((host, int(port)), timeout=20) as sock:
                sock.sendall(head + body[:len(body) // 2])
                self.sent_head.set()
                self.go.wait(30)
                sock.sendall(body[len(body) // 2:])
                reply = b""
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
            self.status = int(reply.split(b" ", 2)[1]) if reply else None
        except OSError as error:
            self.error = error
        finally:
            self.sent_head.set()


def refused(base):
    host, port = base.split("//")[1].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return sock.recv(100) == b""
    except OSError:
        return True


def test_sigterm_drains_in_flight_requests(tmp_dir):
    db = os.path.join(tmp_dir, "store.sqlite")
    tokens = seed_store(db, tmp_dir)
    server = Server(db, tmp_dir)
    server.start()
    names = [f"drain-{i}" for i in range(4)]
    for name in names:
        assert call(server.url, "POST", "/api/v1/packages", tokens["alice"], {"name": name, "type": "snap"}).status == 201
    rounds = scaled(2, 5)
    problems, lost = [], 0
    half_sent_total = half_sent_ok = 0
    ledger = Ledger()
    try:
        for round_number in range(rounds):
            stop = threading.Event()
            publishers = [ApiPublisher(server, tokens["alice"], name, ledger, stop) for name in names for _ in range(2)]
            for thread in publishers:
                thread.start()
            time.sleep(0.5)
            go = threading.Event()
            slow = [HalfSentUpload(server.url, tokens["alice"], names[i % len(names)], go) for i in range(scaled(6, 20))]
            for thread in slow:
                thread.start()
            for thread in slow:
                thread.sent_head.wait(10)
            time.sleep(0.2)
            started = time.time()
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            if server.proc.poll() is None and not refused(server.url):
                problems.append(f"round {round_number + 1}: a new connection was served after SIGTERM")
            go.set()  # now the in-flight requests finish sending
            for thread in slow:
                thread.join(timeout=30)
            try:
                code = server.proc.wait(timeout=15)
            except Exception:  # noqa: BLE001
                code = None
                server.kill()
            elapsed = time.time() - started
            stop.set()
            for thread in publishers:
                thread.join(timeout=30)
            if code != 0:
                problems.append(f"round {round_number + 1}: exit code {code} after SIGTERM")
            if elapsed > 10:
                problems.append(f"round {round_number + 1}: took {elapsed:.1f} s to stop")
            half_sent_total += len(slow)
            for thread in slow:
                if thread.status == 201:
                    half_sent_ok += 1
                    ledger.ack(kind="upload-sha", package=thread.name, sha=thread.upload["sha3_384"])
                else:
                    problems.append(f"round {round_number + 1}: an in-flight upload got {thread.status} {thread.error}")

            server.start()
            check = Check(server.url, tokens["admin"])
            for name in names:
                acked = [e for e in ledger.acked if e["package"] == name]
                info = check.package(name, [e for e in acked if e["kind"] != "upload-sha"])
                hashes = {r["sha3_384"] for r in info["revisions"].values()}
                dropped = [s for n, s in ledger.cut_uploads if n == name and s in hashes]
                if dropped:
                    check.problem(f"{name}: {len(dropped)} upload(s) applied although the client's connection was cut")
                for entry in acked:
                    if entry["kind"] == "upload-sha" and entry["sha"] not in hashes:
                        check.lost += 1
                        check.problem(f"{name}: the in-flight upload answered 201 is missing")
            problems += [f"round {round_number + 1}: {p}" for p in check.problems]
            lost += check.lost
        server.stop()
        problems += sqlite_integrity(db)
    finally:
        server.kill()
    print(f"\n{rounds} SIGTERMs: {half_sent_ok}/{half_sent_total} half-sent requests answered 201; "
          f"{ledger.attempts} publisher requests, {ledger.unanswered} cut off, data lost {lost}")
    record("fault", "sigterm-drain", scenarios=rounds, data_lost=lost)
    assert lost == 0 and not problems, "\n".join(problems)
