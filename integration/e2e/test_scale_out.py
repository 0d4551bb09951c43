"""Two `store-tui serve` processes over one PostgreSQL database behind nginx (round-robin), issue #18.

The server keeps no state of its own that a request depends on: logins, uploads, their review and
status, releases and the console's reads all live in the database. So the real charmcraft and snapcraft
publish, and the console browses and promotes, through a balancer that sends consecutive requests to
different instances; every test checks that both instances answered part of its work.
"""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

import test_charmcraft as charm_e2e
import test_snapcraft as snap_e2e
from balancer import Balanced, PostgresCluster
from store_server import store_tui, token
from tmux_session import BIN, TmuxSession


@pytest.fixture(scope="module")
def balanced():
    tmp = tempfile.mkdtemp(prefix="store-tui-scale-out-")
    cluster = PostgresCluster()
    balancer = None
    try:
        store_tui("seed", "--packages", "50", "--database", cluster.url)
        balancer = Balanced(cluster.url, tmp, count=2)
        balancer.tmp, balancer.database = tmp, cluster.url
        yield balancer
    finally:
        if balancer is not None:
            balancer.stop()
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def assert_both_answered(balancer, before, what):
    after = balancer.served()
    shares = [a - b for a, b in zip(after, before)]
    assert all(share > 0 for share in shares), f"{what}: requests per instance {shares}\n{balancer.log()}"
    print(f"\n{what}: requests per instance {shares}")
    return shares


def test_consecutive_requests_go_to_both_instances_and_each_sees_the_others_writes(balanced):
    admin = token(balanced.database, "admin", "admin")
    before = balanced.served()
    for _ in range(10):
        code, _ = balanced.api("GET", "/v2/snaps/info/hello-world")
        assert code == 200
    shares = assert_both_answered(balanced, before, "ten reads")
    assert sorted(shares) == [5, 5], f"round-robin: {shares}"

    # A write through one instance is read back through the other at once (no per-instance state).
    code, body = balanced.api("POST", "/api/v1/packages", admin, {"name": "scale-out-probe", "type": "snap"})
    assert code == 201, body
    for _ in range(2):
        code, body = balanced.api("GET", "/api/v1/packages/scale-out-probe", admin)
        assert code == 200 and body["package"]["name"] == "scale-out-probe", body


def test_charmcraft_publishes_through_two_instances(balanced):
    charmcraft = charm_e2e.find_charmcraft()
    assert charmcraft, charm_e2e.INSTALL_HINT
    store = charm_e2e.Store(tempfile.mkdtemp(dir=balanced.tmp), charmcraft, db=balanced.database, server=balanced)
    name = "scale-out-charm"
    before = balanced.served()
    assert f"You are now the publisher of charm '{name}' in Charmhub." in store.run("register", name)
    uploaded = store.run("upload", store.charm(name, version="2.0.0"))
    assert f"Revision 1 of '{name}' created" in uploaded
    released = store.run("release", name, "--revision", "1", "--channel", "beta")
    assert f"Revision 1 of '{name}' released to beta" in released
    rows = charm_e2e.status_rows(store.stdout("status", name))
    assert charm_e2e.row(rows, "beta") == ["2.0.0", "1"], rows
    assert_both_answered(balanced, before, "the charmcraft cycle")


def test_snapcraft_publishes_through_two_instances(balanced):
    if os.environ.get("STORE_TUI_SKIP_SNAPCRAFT") == "1":
        pytest.skip("STORE_TUI_SKIP_SNAPCRAFT=1")
    snapcraft = snap_e2e.find_snapcraft()
    assert snapcraft, snap_e2e.INSTALL_HINT
    store = snap_e2e.Store(tempfile.mkdtemp(dir=balanced.tmp), snapcraft, db=balanced.database, server=balanced)
    name = "scale-out-snap"
    before = balanced.served()
    # The login's macaroon is discharged by one instance and used on the other.
    assert "Login successful." in store.login("alice")
    assert re.search(r"^email:\s+alice$", store.run("whoami"), re.M)
    assert f"Congrats! You are now the publisher of '{name}'." in store.run("register", name, "--yes")
    # Upload, scan status polls and the release on approval cross instances too.
    uploaded = store.run("upload", store.pack(name, snap_e2e.snap_yaml(name, version="3.1")), "--release", "edge")
    assert f"Revision 1 of '{name}' created." in uploaded, uploaded
    assert snap_e2e.channel_row(uploaded, "edge") == ["3.1", "1"], uploaded
    released = store.run("release", name, "1", "candidate")
    assert snap_e2e.channel_row(released, "candidate") == ["3.1", "1"], released
    status = store.run("status", name)
    assert snap_e2e.channel_row(status, "edge") == ["3.1", "1"], status
    assert store.channel_map(name) == [("latest/candidate", 1, None), ("latest/edge", 1, None)]
    assert_both_answered(balanced, before, "the snapcraft cycle")


def test_the_console_browses_and_promotes_through_the_balancer(balanced):
    alice = token(balanced.database, "alice", "publisher")
    before = balanced.served()
    term = TmuxSession(width=160, height=40)
    try:
        term.run(f"STORE_TUI_TOKEN={alice} {os.path.abspath(BIN)} --store {balanced.url}; echo EXIT=$?")
        screen = term.wait_for("packages", timeout=30)
        assert "alice (publisher)" in screen, screen
        term.send(":")
        term.type("open alice-notes")
        term.send("Enter")
        term.wait_for("Publisher")
        term.send("3")
        term.wait_for("CHANNEL")
        term.send("j", "p")  # candidate's first cell, promoted to stable
        term.wait_for("Release preview")
        term.send("y")
        term.wait_for("Promoted latest/candidate to latest/stable on ", timeout=30)
        term.send("q")
        term.wait_for("EXIT=0")
    finally:
        term.close()
    code, body = balanced.api("GET", "/api/v1/packages/alice-notes/channel-map", alice)
    assert code == 200 and any(r["channel"] == "latest/stable" for r in body["releases"]), body
    assert_both_answered(balanced, before, "the console session")
