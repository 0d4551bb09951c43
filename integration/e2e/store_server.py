"""A real `store-tui serve` for end-to-end tests: seed a database, mint tokens, start, call the API, stop."""
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request

from tmux_session import BIN


def store_tui(*args, check=True):
    """Runs the binary with `args` and returns its stdout."""
    result = subprocess.run([os.path.abspath(BIN), *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"store-tui {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def token(db, user, role):
    """A fresh token secret for `user` with `role` (the account is created when missing)."""
    out = store_tui("token", "create", "--user", user, "--role", role, "--database", db)
    return re.search(r"stui_[A-Za-z0-9]+", out).group(0)


class StoreServer:
    """`store-tui serve --port 0` over `db`; the URL is read from the line it prints once listening."""

    def __init__(self, db, tmp, upload_dir=None, log_level="notice", extra=(), extra_args=()):
        self.log_path = os.path.join(tmp, f"serve-{time.monotonic_ns()}.log")
        # Uploads go to the database (the default) unless a test asks for a shared directory.
        self.upload_dir = upload_dir
        extra = (["--upload-dir", upload_dir] if upload_dir else []) + list(extra) + list(extra_args)
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [os.path.abspath(BIN), "serve", "--database", db, "--port", "0", *extra, "--log-level", log_level],
                stdout=log, stderr=subprocess.STDOUT)
        self.url = self._wait_for_url()

    def _wait_for_url(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(r"listening on (http://\S+)", self.log())
            if match:
                return match.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"the server did not start:\n{self.log()}")

    def log(self):
        with open(self.log_path) as handle:
            return handle.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def api(self, method, path, token=None, body=None):
        """One JSON request; returns (status, parsed body)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")
