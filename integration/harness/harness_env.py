"""What the harness tests share: the binary, the profile, seeding, a live server with tokens.

Reuses integration/e2e/store_server.py and tmux_session.py (imported, not copied). The profile comes from
$HARNESS_PROFILE: `quick` (CI) or `full` (the default). (Not in conftest.py, so tests can import it
by a name no other directory uses.)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "integration", "e2e"))


def _binary():
    path = os.environ.get("STORE_TUI_BIN")
    if not path:
        path = os.path.join(ROOT, ".build", "debug", "store-tui")
        if not os.path.exists(path):
            try:
                bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True,
                                         text=True, timeout=120).stdout.strip()
                path = os.path.join(bin_dir, "store-tui")
            except (OSError, subprocess.SubprocessError):
                pass
    path = os.path.abspath(path)
    os.environ["STORE_TUI_BIN"] = path  # read by integration/e2e/tmux_session.py at import
    return path


BIN = _binary()

import store_server  # noqa: E402  (after STORE_TUI_BIN is set)
from store_server import StoreServer, store_tui, token  # noqa: E402,F401

PROFILE = os.environ.get("HARNESS_PROFILE", "full")
QUICK = PROFILE == "quick"


def seed(directory, packages=300, name="store.sqlite"):
    """A freshly seeded SQLite store of `packages` packages in `directory`; returns its path."""
    db = os.path.join(directory, name)
    store_tui("seed", "--packages", str(packages), "--database", db)
    return db


class LiveStore:
    """A running server over a seeded store, with tokens for each role."""

    def __init__(self, db, tmp):
        self.db = db
        self.tokens = {
            "admin": token(db, "harness-admin", "admin"),
            "reviewer": token(db, "harness-reviewer", "reviewer"),
            "publisher": token(db, "alice", "publisher"),
            "other-publisher": token(db, "bob", "publisher"),
            "viewer": token(db, "harness-viewer", "viewer"),
        }
        self.server = StoreServer(db, tmp)
        self.url = self.server.url

    def api(self, method, path, role=None, body=None):
        """One JSON request as `role`; an error reply that shows internal details fails the test (issue #19)."""
        status, reply = self.server.api(method, path, token=self.tokens.get(role) if role else None, body=body)
        if status >= 400:
            import leakcheck  # noqa: PLC0415  (beside this file)
            leaks = leakcheck.internal_details(json.dumps(reply), sent=[path, json.dumps(body) if body is not None else ""])
            assert not leaks, f"{method} {path} -> {status} leaks {leaks}: {str(reply)[:300]}"
        return status, reply

    def pid(self):
        return self.server.proc.pid

    def alive(self):
        return self.server.proc.poll() is None

    def stop(self):
        self.server.stop()


