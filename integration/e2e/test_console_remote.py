"""The console against a live `store-tui serve`: browse over HTTP, survive the server going away."""
import os
import re
import socket
import subprocess
import time

from tmux_session import BIN


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db, port, log):
    proc = subprocess.Popen([os.path.abspath(BIN), "serve", "--database", db, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not start")


def test_console_browses_a_live_server_and_recovers_when_it_returns(term):
    db = os.path.join(term.tmp, "served.sqlite")
    subprocess.run([BIN, "seed", "--packages", "300", "--database", db], check=True, capture_output=True)
    out = subprocess.run([BIN, "token", "create", "--user", "admin", "--role", "admin", "--database", db],
                         check=True, capture_output=True, text=True).stdout
    token = re.search(r"stui_[A-Za-z0-9]+", out).group(0)
    port = free_port()
    log = open(os.path.join(term.tmp, "serve.log"), "w")
    server = start_server(db, port, log)
    try:
        term.run(f"STORE_TUI_TOKEN={token} {os.path.abspath(BIN)} --store http://127.0.0.1:{port}; echo EXIT=$?")
        screen = term.wait_for("packages", timeout=30)
        assert f"http://127.0.0.1:{port}" in screen
        assert "admin (admin)" in screen
        term.send("/")
        term.type("hello-world")
        term.wait_for("hello-world ")
        term.send("Enter", "Enter")
        term.wait_for("Publisher")
        term.send("3")
        term.wait_for("CHANNEL")

        server.terminate()
        server.wait(timeout=15)
        term.send("Escape", "/")
        term.type("x")  # a new search while the server is down
        screen = term.wait_for("offline", timeout=30)
        assert "hello-world " in screen  # the results already shown are kept

        server = start_server(db, port, log)
        term.wait_for("Reconnected", timeout=60)
        term.send("Escape", "q")
        term.wait_for("EXIT=0")
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()
