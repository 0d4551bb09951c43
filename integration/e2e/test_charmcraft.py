"""The real charmcraft CLI (PyPI `charmcraft` 4.x) against `store-tui serve`.

charmcraft talks to the server through CHARMCRAFT_STORE_API_URL / CHARMCRAFT_UPLOAD_URL with
CHARMCRAFT_AUTH = base64(token), and every assertion is on what charmcraft prints (plus the store's own
API afterwards). charmcraft must be installed in the test virtualenv; the tests fail, never skip, without it:

    .venv-test/bin/pip install 'charmcraft==4.5.0'
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import pytest

from store_server import StoreServer, store_tui, token

INSTALL_HINT = ("charmcraft 4.x is not installed in the test virtualenv; install it with "
                "`.venv-test/bin/pip install 'charmcraft==4.5.0'` (scripts/test does this)")

CHARMCRAFT_YAML = """\
name: e2e-project
type: charm
title: End-to-end project
summary: The project directory charmcraft runs in
description: charmcraft 4.5 needs a valid project to finish an upload.
base: ubuntu@22.04
platforms:
  amd64:
parts:
  charm:
    plugin: charm
"""


def find_charmcraft():
    beside_python = os.path.join(os.path.dirname(sys.executable), "charmcraft")
    if os.access(beside_python, os.X_OK):
        return beside_python
    return shutil.which("charmcraft")


def pack(path, name, version="1.0.0", padding=0, files=None):
    """A minimal .charm (a zip): metadata.yaml, manifest.yaml, dispatch, version."""
    members = {
        "metadata.yaml": f"name: {name}\nsummary: An end-to-end test charm\ndescription: Packed by the test.\n",
        "manifest.yaml": ("charmcraft-version: 4.5.0\nbases:\n- name: ubuntu\n  channel: '22.04'\n"
                          "  architectures: [amd64]\n"),
        "dispatch": "#!/bin/sh\nJUJU_DISPATCH_PATH=\"${JUJU_DISPATCH_PATH:-$0}\" exec ./src/charm.py\n",
        "src/charm.py": "#!/usr/bin/env python3\nprint('hello')\n",
        "version": f"{version}\n",
    }
    if files is not None:
        members = files
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
        if padding:
            archive.writestr(zipfile.ZipInfo("src/blob.bin"), os.urandom(padding))
    return path


class Store:
    """A seeded store with a server, tokens for the demo accounts, and a charmcraft runner."""

    def __init__(self, tmp, charmcraft, db=None, server=None):
        """A fresh seeded SQLite store and its server, unless `db` (seeded already) and `server` (any object
        with `url`, `log()` and `api()`, such as two instances behind a balancer) are given."""
        self.tmp = tmp
        self.charmcraft_bin = charmcraft
        self.db = db or os.path.join(tmp, "store.sqlite")
        if db is None:
            store_tui("seed", "--packages", "50", "--database", self.db)
        self.tokens = {user: token(self.db, user, role) for user, role in [
            ("alice", "publisher"), ("bob", "publisher"), ("mallory", "publisher"),
            ("reviewer", "reviewer"), ("admin", "admin")]}
        self.server = server or StoreServer(self.db, tmp)
        self.project = os.path.join(tmp, "project")
        os.makedirs(self.project)
        with open(os.path.join(self.project, "charmcraft.yaml"), "w") as handle:
            handle.write(CHARMCRAFT_YAML)
        self.home = os.path.join(tmp, "home")
        os.makedirs(os.path.join(self.home, "run"), mode=0o700)

    def env(self, user):
        home = self.home
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
            "XDG_CACHE_HOME": os.path.join(home, ".cache"),
            "XDG_STATE_HOME": os.path.join(home, ".local", "state"),
            "XDG_RUNTIME_DIR": os.path.join(home, "run"),
            "CHARMCRAFT_STORE_API_URL": self.server.url,
            "CHARMCRAFT_UPLOAD_URL": self.server.url,
            "CHARMCRAFT_AUTH": base64.b64encode(self.tokens[user].encode()).decode(),
            "CRAFT_STORE_RETRIES": "0",
        }

    def popen(self, *args, user="alice", cwd=None, env=None):
        """charmcraft `args` as `user`, in the project directory unless `cwd`; `env` adds to the environment."""
        return subprocess.Popen([self.charmcraft_bin, *args], cwd=cwd or self.project,
                                env={**self.env(user), **(env or {})},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, *args, user="alice", expect=0, timeout=120, cwd=None, env=None):
        """Runs charmcraft; returns stdout + stderr, asserting the exit code."""
        proc = self.popen(*args, user=user, cwd=cwd, env=env)
        stdout, stderr = proc.communicate(timeout=timeout)
        output = stdout + stderr
        assert proc.returncode == expect, (
            f"charmcraft {' '.join(args)} exited {proc.returncode}, expected {expect}:\n{output}\n"
            f"--- server log ---\n{self.server.log()[-3000:]}")
        return output

    def stdout(self, *args, user="alice", cwd=None, env=None):
        proc = self.popen(*args, user=user, cwd=cwd, env=env)
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"charmcraft {' '.join(args)} exited {proc.returncode}:\n{stdout}{stderr}"
        return stdout

    def charm(self, name, **kwargs):
        return pack(os.path.join(self.tmp, f"{name}-{time.monotonic_ns()}.charm"), name, **kwargs)

    def api(self, method, path, user="admin", body=None):
        return self.server.api(method, path, token=self.tokens[user], body=body)


@pytest.fixture(scope="module")
def store():
    charmcraft = find_charmcraft()
    if charmcraft is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    version = subprocess.run([charmcraft, "version"], capture_output=True, text=True, timeout=60)
    if not re.search(r"charmcraft 4\.", version.stdout):
        pytest.fail(f"{INSTALL_HINT} (found: {version.stdout.strip()} {version.stderr.strip()[:200]})", pytrace=False)
    tmp = tempfile.mkdtemp(prefix="store-tui-charmcraft-")
    store = Store(tmp, charmcraft)
    yield store
    store.server.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def status_rows(output):
    """`charmcraft status` rows as lists of cells (split on 2+ spaces), header dropped."""
    rows = []
    for line in output.splitlines():
        if not line.strip() or line.startswith("Track "):
            continue
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


def row(rows, channel):
    """The cells after the channel name, for the row of `channel`."""
    for cells in rows:
        if channel in cells:
            return cells[cells.index(channel) + 1:]
    raise AssertionError(f"no row for {channel} in {rows}")


def test_publish_a_charm_from_register_to_close(store):
    name = "e2e-lifecycle"
    whoami = store.run("whoami")
    assert re.search(r"^username:\s+alice$", whoami, re.M), whoami
    assert "package-manage" in whoami

    assert f"You are now the publisher of charm '{name}' in Charmhub." in store.run("register", name)
    names = store.stdout("names")
    assert re.search(rf"^{name}\s+charm\s+public\s+registered$", names, re.M), names

    uploaded = store.run("upload", store.charm(name, version="1.2.3"))
    assert f"Revision 1 of '{name}' created" in uploaded
    revisions = store.stdout("revisions", name)
    assert re.search(r"^1\s+1\.2\.3\s+\S+Z\s+approved$", revisions, re.M), revisions

    released = store.run("release", name, "--revision", "1", "--channel", "beta", "--channel", "edge/hotfix",
                         "--channel", "latest/candidate")
    assert f"Revision 1 of '{name}' released to beta, edge/hotfix, latest/candidate" in released

    status = store.stdout("status", name)
    rows = status_rows(status)
    assert rows[0][:3] == ["latest", "ubuntu 22.04 (amd64)", "stable"], status
    assert row(rows, "stable") == ["-", "-"]
    assert row(rows, "candidate") == ["1.2.3", "1"]
    assert row(rows, "beta") == ["1.2.3", "1"]
    assert row(rows, "edge") == ["↑", "↑"]
    branch = row(rows, "edge/hotfix")
    assert branch[:2] == ["1.2.3", "1"] and re.match(r"\d{4}-\d\d-\d\dT", branch[2]), status
    assert "Expires at" in status

    closed = store.run("close", name, "latest/candidate")
    assert f"Closed 'latest/candidate' channel for '{name}'." in closed
    rows = status_rows(store.stdout("status", name))
    assert row(rows, "candidate") == ["-", "-"]
    assert row(rows, "beta") == ["1.2.3", "1"]

    revisions = store.stdout("revisions", name)
    assert re.search(r"^1\s+1\.2\.3\s+\S+Z\s+released$", revisions, re.M), revisions

    # The store's own API sees the same channel map.
    code, body = store.api("GET", f"/api/v1/packages/{name}/channel-map", user="alice")
    assert code == 200, body
    served = sorted((r["channel"], r["revision"]) for r in body["releases"])
    assert served == [("latest/beta", 1), ("latest/edge/hotfix", 1)], body
    assert {r["platform"]["base"] for r in body["releases"]} == {"ubuntu@22.04"}

    # The audit log (admin) has the upload, the release and the close, made by alice.
    code, body = store.api("GET", f"/api/v1/audit?package={name}")
    assert code == 200, body
    actions = [(event["action"], event["actor"]) for event in body["items"]]
    for expected in [("upload", "alice"), ("release", "alice"), ("close", "alice")]:
        assert expected in actions, actions


def test_promote_copies_a_channel(store):
    name = "e2e-promote"
    store.run("register", name)
    store.run("upload", store.charm(name, version="2.0.1"))
    store.run("release", name, "--revision", "1", "--channel", "latest/beta")
    promoted = store.run("promote", "--name", name, "--from-channel", "latest/beta", "--to-channel", "latest/stable",
                         "--yes")
    assert "1 revisions promoted from latest/beta to latest/stable" in promoted
    rows = status_rows(store.stdout("status", name))
    assert row(rows, "stable") == ["2.0.1", "1"]
    assert row(rows, "candidate") == ["↑", "↑"]


def test_a_malformed_charm_is_rejected_with_review_errors(store):
    name = "e2e-malformed"
    store.run("register", name)
    broken = pack(os.path.join(store.tmp, "broken.charm"), name, files={"dispatch": "#!/bin/sh\n"})
    output = store.run("upload", "--name", name, broken, expect=1)
    assert "Upload failed with status 'rejected':" in output, output
    assert "- review-error: Missing required file: metadata.yaml" in output, output
    revisions = store.stdout("revisions", name)
    assert re.search(r"^1\s+\S+\s+\S+Z\s+rejected: Missing required file: metadata\.yaml \[review-error\]", revisions,
                     re.M), revisions


def test_a_flagged_upload_waits_until_a_reviewer_approves_it(store):
    name = "e2e-flagged"
    store.run("register", name)
    store.run("upload", store.charm(name, version="1.0.0"))
    # Over twice the size of revision 1: the automated checks send it to the review queue, so
    # charmcraft keeps polling (`scanned`) until a reviewer approves it.
    proc = store.popen("upload", store.charm(name, version="1.1.0", padding=64 * 1024))
    try:
        deadline = time.time() + 40
        pending = None
        while pending is None and time.time() < deadline:
            code, body = store.api("GET", "/api/v1/reviews", user="reviewer")
            assert code == 200, body
            pending = next((item for item in body["items"] if item["package"] == name), None)
            if pending is None:
                time.sleep(0.3)
        assert pending is not None, "the flagged revision never reached the review queue"
        number = pending["revision"]["number"]
        assert number == 2
        assert proc.poll() is None, "charmcraft stopped polling before the review"
        time.sleep(1)
        assert proc.poll() is None, "charmcraft stopped polling before the review"
        code, body = store.api("POST", f"/api/v1/packages/{name}/revisions/{number}/review", user="reviewer",
                               body={"verdict": "approve", "notes": "checked the blob"})
        assert code == 200, body
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stdout + stderr
    assert f"Revision 2 of '{name}' created" in stdout + stderr
    assert "'status': 'scanned'" in stderr, stderr  # what the polls said while it waited


def test_a_suspended_publisher_cannot_release(store):
    name = "e2e-suspended"
    store.run("register", name)
    store.run("upload", store.charm(name))
    output = store.run("release", name, "--revision", "1", "--channel", "edge", user="mallory", expect=1)
    assert "Store operation failed:" in output
    assert "- permission-denied: Not allowed: your account is suspended." in output, output
    code, body = store.api("GET", f"/api/v1/packages/{name}/channel-map", user="alice")
    assert body["releases"] == [], body


def test_a_stranger_cannot_release_or_list_anothers_charm(store):
    name = "e2e-not-bobs"
    store.run("register", name)
    store.run("upload", store.charm(name))
    output = store.run("release", name, "--revision", "1", "--channel", "edge", user="bob", expect=1)
    assert "Store operation failed:" in output
    assert "- permission-denied: Not allowed: only the package's publisher and its collaborators may do this." in output
    output = store.run("upload", store.charm(name), user="bob", expect=1)
    assert "permission-denied" in output, output
    names = store.stdout("names", user="bob")
    assert name not in names


def test_names_that_cannot_change_are_refused_clearly(store):
    name = "e2e-refusals"
    store.run("register", name)
    taken = store.run("register", name, user="bob", expect=1)
    assert "- conflict:" in taken, taken
    # Bob may not drop alice's name; alice may, since it has no revisions, and then bob may take it.
    refused = store.run("unregister", name, user="bob", expect=1)
    assert "permission-denied" in refused, refused
    store.run("unregister", name)
    assert name not in store.stdout("names")
    store.run("register", name, user="bob")
    track = store.run("create-track", "--name", name, "--track", "2", user="bob", expect=1)
    assert "does not match any track guardrail" in track, track
    # An admin opens it.
    opened = store.run("create-track", "--name", name, "--track", "2", user="admin")
    assert "2" in opened, opened
    code, body = store.api("GET", f"/api/v1/packages/{name}")
    assert code == 200 and body["package"]["tracks"] == ["latest", "2"], body


def test_console_promotion_and_suspension_show_through_charmcraft(store):
    """A publisher promotes in the console and charmcraft sees it; an admin suspends the
    publisher in the console and charmcraft's next release is refused."""
    from tmux_session import BIN, TmuxSession

    name = "e2e-console"
    store.run("register", name)
    store.run("upload", store.charm(name, version="2.0.0"))
    store.run("release", name, "--revision", "1", "--channel", "candidate")
    console = TmuxSession(width=160, height=40)
    admin = TmuxSession(width=160, height=40)
    try:
        console.run(f"STORE_TUI_TOKEN={store.tokens['alice']} {os.path.abspath(BIN)} --store {store.server.url}; echo EXIT=$?")
        console.wait_for("packages", timeout=60)
        console.send(":")
        console.type(f"open {name}")
        console.send("Enter")
        console.wait_for("Publisher")
        console.send("3")
        console.wait_for("CHANNEL")
        console.send("j", "p")  # highlight candidate, promote it to stable
        console.wait_for("Release preview")
        console.send("y")
        console.wait_for("Promoted latest/candidate to latest/stable")
        console.send("q")
        console.wait_for("EXIT=0")
        rows = status_rows(store.stdout("status", name))
        assert row(rows, "stable")[:2] == ["2.0.0", "1"], rows

        admin.run(f"STORE_TUI_TOKEN={store.tokens['admin']} {os.path.abspath(BIN)} --store {store.server.url}; echo EXIT=$?")
        admin.wait_for("packages", timeout=60)
        admin.send("P")
        admin.wait_for("Publishers")
        admin.send("f")
        admin.type("alice")
        admin.wait_until(lambda s: "1 publisher" in s, what="alice found")
        admin.send("Enter", "Enter")
        admin.wait_for("Publisher alice")
        admin.send("S")
        admin.wait_for("Suspend alice")
        admin.type("e2e suspension")
        admin.send("Enter")  # refused until the username is typed; the focus moves to it
        admin.wait_for("to confirm")
        admin.type("alice")
        admin.send("Enter")
        admin.wait_until(lambda s: "Suspend alice" not in s, what="form closed")
        # The form closes when the request is sent; the store has it once the console says so.
        admin.wait_for("Suspended alice")
        code, body = store.api("GET", "/api/v1/publishers/alice")
        assert code == 200 and "suspended" in json.dumps(body), body
        admin.send("q")

        output = store.run("release", name, "--revision", "1", "--channel", "edge", expect=1)
        assert "- permission-denied: Not allowed: your account is suspended." in output, output
    finally:
        store.api("POST", "/api/v1/publishers/alice/unsuspend", body={"reason": "end of the e2e test"})
        console.close()
        admin.close()
