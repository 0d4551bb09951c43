"""The real snapcraft CLI (4.8.1, the Snap Store dashboard client) against `store-tui serve`.

snapcraft reaches the server through STORE_DASHBOARD_URL / STORE_UPLOAD_URL / UBUNTU_ONE_SSO_URL /
STORE_API_URL, all pointing at it. `snapcraft login` takes the account's username as the e-mail and a
token secret from `store-tui token create` as the password; the server then acts as the SSO and
discharges the macaroon. Every user has their own XDG_CONFIG_HOME (snapcraft.cfg) and every command a
fresh XDG_CACHE_HOME (so a second upload never tries a delta). Assertions are on what snapcraft prints
and its exit code (2 for a store error it understood, 1 for a crash), and on the store's own JSON API.

snapcraft 4.8.1 needs a patched install: run `scripts/install-snapcraft` (scripts/test does). The tests
fail, never skip, without it, unless STORE_TUI_SKIP_SNAPCRAFT=1. STORE_TUI_SNAPCRAFT names the binary;
by default it is `.venv-snapcraft/bin/snapcraft` at the repository root. `mksquashfs` and `unsquashfs`
(squashfs-tools) must be on PATH: the test packs snaps with the first, snapcraft and the server read
them with the second.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import textwrap

import pytest

from store_server import StoreServer, store_tui

SNAPCRAFT_VERSION = "4.8.1"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALL_HINT = (f"snapcraft {SNAPCRAFT_VERSION} is not installed; run `scripts/install-snapcraft` "
                "(scripts/test does), or set STORE_TUI_SNAPCRAFT to its path "
                "(STORE_TUI_SKIP_SNAPCRAFT=1 skips these tests)")

# Bidirectional controls a terminal or an editor would reorder text around.
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def find_snapcraft():
    named = os.environ.get("STORE_TUI_SNAPCRAFT")
    if named:
        return named if os.access(named, os.X_OK) else None
    beside_root = os.path.join(ROOT, ".venv-snapcraft", "bin", "snapcraft")
    if os.access(beside_root, os.X_OK):
        return beside_root
    return shutil.which("snapcraft")


def unsafe_characters(text, allowed="\n\t"):
    """The control characters (C0 but `allowed`, DEL, C1) and bidi controls in `text`, as U+XXXX, and
    the bytes that were not UTF-8 (decoded with surrogateescape: a raw 0x9B is an 8-bit CSI)."""
    found = set()
    for char in text:
        code = ord(char)
        if (code < 0x20 and char not in allowed) or 0x7F <= code <= 0x9F or code in BIDI:
            found.add(f"U+{code:04X}")
        elif 0xDC80 <= code <= 0xDCFF:
            found.add(f"byte 0x{code - 0xDC00:02X}")
    return sorted(found)


def strings(value):
    """Every string in a parsed JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_inert(label, value):
    """No control or bidi character in `value` (snapcraft's output, or a parsed API document)."""
    if isinstance(value, str):
        # snapcraft's own progress bars redraw with CR; nothing else may reach the terminal.
        bad = unsafe_characters(value, allowed="\n\t\r")
    else:
        bad = sorted({c for s in strings(value) for c in unsafe_characters(s)})
    assert not bad, f"{label} carries {bad}:\n{value!r}"[:4000]


def snap_yaml(name, version="1.2.3", confinement="strict", summary="An end-to-end test snap",
              apps='  hello:\n    command: bin/hello\n    plugs: [network]\n', extra=""):
    """A meta/snap.yaml; `summary` and `version` are inserted as YAML double-quoted scalars, so
    escapes such as \\e and \\x07 in them become the characters themselves."""
    return (f"name: {name}\nversion: \"{version}\"\nsummary: \"{summary}\"\n"
            "description: Packed by the end-to-end test.\narchitectures: [amd64]\nbase: core22\n"
            f"confinement: {confinement}\ngrade: stable\napps:\n{apps}{extra}")


class Store:
    """A seeded store, its server, token secrets, and snapcraft sessions (one config dir per user)."""

    def __init__(self, tmp, snapcraft, db=None, server=None):
        """A fresh seeded SQLite store and its server, unless `db` (seeded already) and `server` (any object
        with `url`, `log()` and `api()`, such as two instances behind a balancer) are given."""
        self.tmp = tmp
        self.snapcraft_bin = snapcraft
        self.db = db or os.path.join(tmp, "store.sqlite")
        if db is None:
            store_tui("seed", "--packages", "20", "--database", self.db)
        self.tokens = {}
        for user, role in [("alice", "publisher"), ("bob", "publisher"), ("admin", "admin")]:
            self.tokens[user] = self.issue_token(user, role)[1]
        self.server = server or StoreServer(self.db, tmp)
        self.url = self.server.url.rstrip("/") + "/"
        self.logged_in = set()
        self.serial = 0

    def issue_token(self, user, role="publisher"):
        """(id, secret) of a fresh token, from `store-tui token create`."""
        out = store_tui("token", "create", "--user", user, "--role", role, "--database", self.db)
        token_id = re.search(r"^Token (\S+) for ", out, re.M)
        secret = re.search(r"stui_[A-Za-z0-9]+", out)
        assert token_id and secret, out
        return token_id.group(1), secret.group(0)

    def scratch(self, prefix):
        self.serial += 1
        path = os.path.join(self.tmp, f"{prefix}-{self.serial}")
        os.makedirs(path)
        return path

    def env(self, user):
        home = os.path.join(self.tmp, "users", user)
        os.makedirs(home, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": self.scratch("cache"),  # fresh every time: no delta uploads
            "STORE_DASHBOARD_URL": self.url, "STORE_UPLOAD_URL": self.url,
            "UBUNTU_ONE_SSO_URL": self.url, "STORE_API_URL": self.url,
            "STORE_RETRIES": "0", "STORE_BACKOFF": "0",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        }
        return env

    def _run(self, argv, env, stdin_text, expect, timeout):
        proc = subprocess.run(argv, env=env, input=stdin_text, stdin=None if stdin_text is not None else subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout, errors="surrogateescape")
        output = proc.stdout + proc.stderr
        expected = expect if isinstance(expect, tuple) else (expect,)
        assert proc.returncode in expected, (
            f"{' '.join(argv[:3])}... exited {proc.returncode}, expected {expect}:\n{output[-6000:]}\n"
            f"--- server log ---\n{self.server.log()[-3000:]}")
        if 1 not in expected:
            assert "Traceback" not in output, output
        return output

    def run(self, *args, user="alice", expect=0, timeout=120):
        """Runs snapcraft as `user` (logged in before); returns stdout + stderr, asserting the exit code."""
        if user not in self.logged_in:
            self.login(user)
        return self._run([self.snapcraft_bin, *args], self.env(user), None, expect, timeout)

    def login(self, user, secret=None, expect=0):
        """`snapcraft login` with the username as e-mail and a token secret as password."""
        env = dict(self.env(user), SNAPCRAFT_HAS_TTY="y", SNAPCRAFT_TEST_INPUT="1")
        output = self._run([self.snapcraft_bin, "login"], env, f"{user}\n{secret or self.tokens[user]}\n",
                           expect, 120)
        if expect == 0:
            assert "Login successful." in output, output
            self.logged_in.add(user)
        return output

    def pack(self, name, yaml_text):
        """A .snap (squashfs) holding `yaml_text` as meta/snap.yaml and a tiny bin/hello."""
        tree = self.scratch(f"tree-{name}")
        os.makedirs(os.path.join(tree, "meta"))
        os.makedirs(os.path.join(tree, "bin"))
        with open(os.path.join(tree, "meta", "snap.yaml"), "w", encoding="utf-8") as handle:
            handle.write(yaml_text)
        hello = os.path.join(tree, "bin", "hello")
        with open(hello, "w") as handle:
            handle.write("#!/bin/sh\necho hello\n")
        os.chmod(hello, 0o755)
        path = os.path.join(self.scratch("snaps"), f"{name}.snap")
        result = subprocess.run(["mksquashfs", tree, path, "-noappend", "-all-root", "-no-xattrs", "-quiet"],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        return path

    def push_with_store_client(self, name, path, user="alice"):
        """Uploads `path` through snapcraft's own store client (`snapcraft.storeapi.StoreClient`: the
        same precheck, unscanned-upload, snap-push and status poll the CLI makes) for snaps the CLI
        refuses to read itself. Returns (the final status document, everything printed)."""
        with open(self.snapcraft_bin, "rb") as handle:
            shebang = handle.readline().decode(errors="replace")
        assert shebang.startswith("#!") and "python" in shebang, (
            f"{self.snapcraft_bin} is not a Python entry point ({shebang.strip()!r}); {INSTALL_HINT}")
        python = shebang[2:].split()[0]
        script = textwrap.dedent("""\
            import json, sys
            from snapcraft.storeapi import StoreClient
            client = StoreClient()
            client.upload_precheck(sys.argv[1])
            tracker = client.upload(snap_name=sys.argv[1], snap_filename=sys.argv[2], channels=["edge"])
            print("STATUS " + json.dumps(tracker.track()))
            """)
        if user not in self.logged_in:
            self.login(user)
        output = self._run([python, "-c", script, name, path], self.env(user), None, 0, 120)
        status = re.search(r"STATUS (\{.*\})$", output, re.M)
        assert status, output
        return json.loads(status.group(1)), output

    def api(self, method, path, user="admin", body=None):
        return self.server.api(method, path, token=self.tokens[user], body=body)

    def channel_map(self, name):
        """The store's own channel map: sorted (channel, revision, progressive percentage)."""
        code, body = self.api("GET", f"/api/v1/packages/{name}/channel-map")
        assert code == 200, body
        return sorted((r["channel"], r["revision"], r.get("progressivePercentage")) for r in body["releases"])

    def revisions(self, name):
        code, body = self.api("GET", f"/api/v1/packages/{name}/revisions")
        assert code == 200, body
        return body["items"]


@pytest.fixture(scope="module")
def store():
    if os.environ.get("STORE_TUI_SKIP_SNAPCRAFT") == "1":
        pytest.skip("STORE_TUI_SKIP_SNAPCRAFT=1: the snapcraft end-to-end tests were asked not to run")
    snapcraft = find_snapcraft()
    if snapcraft is None:
        pytest.fail(INSTALL_HINT + (f" (STORE_TUI_SNAPCRAFT={os.environ['STORE_TUI_SNAPCRAFT']} is not executable)"
                                    if os.environ.get("STORE_TUI_SNAPCRAFT") else ""), pytrace=False)
    version = subprocess.run([snapcraft, "--version"], capture_output=True, text=True, timeout=60)
    if version.stdout.strip() != f"snapcraft, version {SNAPCRAFT_VERSION}":
        pytest.fail(f"{INSTALL_HINT} (found {snapcraft}: {version.stdout.strip()} {version.stderr.strip()[:300]})",
                    pytrace=False)
    missing = [tool for tool in ("mksquashfs", "unsquashfs") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not on PATH: install squashfs-tools (scripts/test does)", pytrace=False)
    tmp = tempfile.mkdtemp(prefix="store-tui-snapcraft-")
    try:
        store = Store(tmp, snapcraft)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    yield store
    store.server.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def status_table(output):
    """The `snapcraft status` table in `output` as {column: cell} rows, cut at the header's column
    offsets (a row under another one leaves Track, Arch and, for a progressive release, Channel blank)."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Track ")), None)
    assert start is not None, f"no status table in:\n{output}"
    header = lines[start]
    offsets = [match.start() for match in re.finditer(r"\S+", header)]
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        cells = [line[a:b].strip() for a, b in zip(offsets, offsets[1:] + [None])]
        rows.append(dict(zip(header.split(), cells)))
    return rows


def channel_row(output, channel):
    """[version, revision] of `channel` in the `snapcraft status` table in `output`."""
    for row in status_table(output):
        if row["Channel"] == channel:
            return [row["Version"], row["Revision"]]
    raise AssertionError(f"no {channel} row in:\n{output}")


def test_a_publisher_logs_in_registers_uploads_releases_and_closes(store):
    name = "e2e-snap-cycle"
    login = store.login("alice")
    assert "Login successful." in login

    whoami = store.run("whoami")
    assert re.search(r"^email:\s+alice$", whoami, re.M), whoami
    developer_id = re.search(r"^developer-id:\s+(\S+)$", whoami, re.M)
    assert developer_id, whoami

    registered = store.run("register", name, "--yes")
    assert f"Congrats! You are now the publisher of '{name}'." in registered, registered
    code, body = store.api("GET", f"/api/v1/packages/{name}")
    assert code == 200, body
    assert body["package"]["type"] == "snap" and body["publisher"]["username"] == "alice", body
    assert body["publisher"]["id"] == developer_id.group(1), (body["publisher"], whoami)
    assert store.channel_map(name) == []

    uploaded = store.run("upload", store.pack(name, snap_yaml(name)), "--release", "edge")
    assert "Ready to release!" in uploaded, uploaded
    assert f"Revision 1 of '{name}' created." in uploaded, uploaded
    assert channel_row(uploaded, "edge") == ["1.2.3", "1"], uploaded
    assert channel_row(uploaded, "stable") == ["-", "-"], uploaded
    assert store.channel_map(name) == [("latest/edge", 1, None)]
    [revision] = store.revisions(name)
    assert (revision["number"], revision["version"], revision["confinement"], revision["base"]) == \
        (1, "1.2.3", "strict", "core22"), revision
    assert revision["architectures"] == ["amd64"] and "network" in revision["permissions"], revision
    assert "approved" in revision["review"], revision

    released = store.run("release", name, "1", "beta,candidate")
    assert "The 'candidate' and 'beta' channels are now open." in released, released
    assert channel_row(released, "beta") == ["1.2.3", "1"], released
    assert channel_row(released, "candidate") == ["1.2.3", "1"], released
    assert store.channel_map(name) == [("latest/beta", 1, None), ("latest/candidate", 1, None),
                                       ("latest/edge", 1, None)]

    progressive = store.run("release", name, "1", "stable", "--progressive", "30",
                            "--experimental-progressive-releases")
    assert "*EXPERIMENTAL* progressive releases in use." in progressive, progressive
    rows = status_table(progressive)
    stable = [i for i, row in enumerate(rows) if row["Channel"] == "stable"]
    assert stable and rows[stable[0]]["Revision"] == "-", progressive  # nothing at 100 % yet
    under = rows[stable[0] + 1]  # the progressive release, on a row of its own under stable
    assert (under["Channel"], under["Version"], under["Revision"]) == ("", "1.2.3", "1"), progressive
    assert under["Progress"].endswith("30%"), progressive
    assert store.channel_map(name) == [("latest/beta", 1, None), ("latest/candidate", 1, None),
                                       ("latest/edge", 1, None), ("latest/stable", 1, 30)]

    status = store.run("status", name)
    assert re.search(r"^Track\s+Arch\s+Channel\s+Version\s+Revision", status, re.M), status
    first = status_table(status)[0]
    assert (first["Track"], first["Arch"], first["Channel"]) == ("latest", "amd64", "stable"), status
    for channel in ("candidate", "beta", "edge"):
        assert channel_row(status, channel) == ["1.2.3", "1"], status

    revisions = store.run("list-revisions", name)
    assert re.search(r"^Rev\.\s+Uploaded\s+Arches\s+Version\s+Channels$", revisions, re.M), revisions
    line = re.search(r"^1\s+\d{4}-\d\d-\d\dT\S+Z\s+amd64\s+1\.2\.3\s+(\S+)$", revisions, re.M)
    assert line, revisions
    assert sorted(line.group(1).split(",")) == ["latest/beta*", "latest/candidate*", "latest/edge*",
                                                "latest/stable*"], revisions

    closed = store.run("close", name, "beta")
    assert "The beta channel is now closed." in closed, closed
    assert channel_row(closed, "beta") == ["↑", "↑"], closed
    assert store.channel_map(name) == [("latest/candidate", 1, None), ("latest/edge", 1, None),
                                       ("latest/stable", 1, 30)]

    listed = store.run("list")
    assert re.search(r"^Name\s+Since\s+Visibility\s+Price\s+Notes$", listed, re.M), listed
    assert re.search(rf"^{name}\s+\d{{4}}-\d\d-\d\dT\S+Z\s+public\s+-\s+-$", listed, re.M), listed

    # The audit log (admin) has what alice did through snapcraft.
    code, body = store.api("GET", f"/api/v1/audit?package={name}")
    assert code == 200, body
    actions = [(event["action"], event["actor"]) for event in body["items"]]
    for expected in [("package.register", "alice"), ("upload", "alice"), ("release", "alice"), ("close", "alice")]:
        assert expected in actions, actions


def test_another_publisher_cannot_upload_release_or_close(store):
    name = "e2e-snap-not-bobs"
    store.run("register", name, "--yes")
    store.run("upload", store.pack(name, snap_yaml(name)), "--release", "edge")
    code, before = store.api("GET", f"/api/v1/packages/{name}/channel-map")
    assert code == 200 and [r["channel"] for r in before["releases"]] == ["latest/edge"], before

    store.login("bob")  # a session of his own (another XDG_CONFIG_HOME)
    assert re.search(r"^email:\s+bob$", store.run("whoami", user="bob"), re.M)

    upload = store.run("upload", store.pack(name, snap_yaml(name, version="6.6.6")), "--release", "stable",
                       user="bob", expect=2)
    assert "You are not the publisher or allowed to upload revisions for this snap." in upload, upload
    release = store.run("release", name, "1", "stable", user="bob", expect=2)
    assert "Received 403:" in release and "only the package's publisher and its collaborators" in release, release
    close = store.run("close", name, "edge", user="bob", expect=2)
    assert "Your account lacks permission to close channels for this snap." in close, close
    taken = store.run("register", name, "--yes", user="bob", expect=2)
    assert f"The name '{name}' is already taken." in taken, taken
    assert name not in store.run("list", user="bob")

    code, after = store.api("GET", f"/api/v1/packages/{name}/channel-map")
    assert code == 200 and after == before, (before, after)
    assert [r["number"] for r in store.revisions(name)] == [1]
    code, body = store.api("GET", f"/api/v1/audit?package={name}")
    assert code == 200, body
    assert not [event for event in body["items"] if event["actor"] == "bob"], body["items"]


def test_a_revoked_tokens_session_is_refused(store):
    token_id, secret = store.issue_token("carol")
    store.login("carol", secret)
    assert re.search(r"^email:\s+carol$", store.run("whoami", user="carol"), re.M)

    revoked = store_tui("token", "revoke", "--database", store.db, token_id)
    assert token_id in revoked, revoked
    whoami = store.run("whoami", user="carol", expect=2)
    assert "Store Error: whoami failed." in whoami and "revoked" in whoami, whoami
    listed = store.run("list", user="carol", expect=2)
    assert "Error fetching account information from store" in listed, listed
    # The revoked secret no longer logs in either.
    again = store.login("carol", secret, expect=2)
    assert "Authentication error: Failed to get unbound discharge" in again, again

    # The same through the admin API: a new token, a new session, DELETE /api/v1/tokens/{id}.
    token_id, secret = store.issue_token("carol")
    store.login("carol", secret)
    store.run("whoami", user="carol")
    code, body = store.api("DELETE", f"/api/v1/tokens/{token_id}")
    assert code == 200, body
    whoami = store.run("whoami", user="carol", expect=2)
    assert "Store Error: whoami failed." in whoami, whoami


def review_queue(store, name):
    code, queue = store.api("GET", "/api/v1/reviews?limit=100")
    assert code == 200, queue
    return [item for item in queue["items"] if item["package"] == name]


def test_a_classic_snap_waits_for_manual_review_then_goes_to_edge(store):
    name = "e2e-snap-classic"
    store.run("register", name, "--yes")
    upload = store.run("upload", store.pack(name, snap_yaml(name, confinement="classic")), "--release", "edge",
                       expect=2)
    assert "released to 'edge' when it passes the Snap Store review." in upload, upload
    assert "Will need manual review..." in upload, upload
    assert "The Store automatic review failed." in upload, upload
    assert re.search(r"^  - .*classic", upload, re.M), upload  # the store's reason, as a hint line
    assert "created." not in upload, upload

    assert store.channel_map(name) == []
    assert "This snap has no released revisions." in store.run("status", name)
    [revision] = store.revisions(name)
    assert revision["number"] == 1 and "pending" in revision["review"], revision
    assert revision["confinement"] == "classic", revision
    queued = review_queue(store, name)
    assert [item["revision"]["number"] for item in queued] == [1], queued
    assert any("classic" in check["message"] for check in queued[0]["revision"]["checks"]), queued
    listed = store.run("list-revisions", name)
    assert re.search(r"^1\s+\S+Z\s+amd64\s+1\.2\.3\s+-$", listed, re.M), listed

    # Nobody can release it before the review, the publisher included.
    store.run("release", name, "1", "edge", expect=2)
    assert store.channel_map(name) == []

    code, body = store.api("POST", f"/api/v1/packages/{name}/revisions/1/review",
                           body={"verdict": "approve", "notes": "classic is justified"})
    assert code == 200 and "approved" in body["review"], body
    assert review_queue(store, name) == []
    # The approval releases it to the channel the upload asked for, as snapcraft promised.
    assert store.channel_map(name) == [("latest/edge", 1, None)]
    status = store.run("status", name)
    assert channel_row(status, "edge") == ["1.2.3", "1"], status
    assert channel_row(status, "beta") == ["-", "-"], status
    listed = store.run("list-revisions", name)
    assert re.search(r"^1\s+\S+Z\s+amd64\s+1\.2\.3\s+latest/edge\*$", listed, re.M), listed


def test_a_rejected_review_releases_nothing(store):
    name = "e2e-snap-classic-rejected"
    store.run("register", name, "--yes")
    store.run("upload", store.pack(name, snap_yaml(name, version="1.0.0")), "--release", "edge")
    upload = store.run("upload", store.pack(name, snap_yaml(name, version="2.0.0", confinement="classic")),
                       "--release", "edge,beta", expect=2)
    assert "Will need manual review..." in upload, upload
    assert [item["revision"]["number"] for item in review_queue(store, name)] == [2]
    code, body = store.api("POST", f"/api/v1/packages/{name}/revisions/2/review",
                           body={"verdict": "reject", "reason": "classic is not justified"})
    assert code == 200 and "rejected" in body["review"], body
    assert review_queue(store, name) == []
    assert store.channel_map(name) == [("latest/edge", 1, None)]
    store.run("release", name, "2", "beta", expect=2)
    status = store.run("status", name)
    assert channel_row(status, "edge") == ["1.0.0", "1"], status
    assert channel_row(status, "beta") == ["-", "-"], status


HOSTILE_VERSION = r"1.0\e[31m\x07\e]0;pwned\x07"
HOSTILE_SUMMARY = r"Evil \e[2J\e[Hsummary\x08\x7f\u009b31m \u202Egnp.exe"
HOSTILE_APPS = ('  "hello\\u202Eolleh":\n    command: bin/hello\n'
                '    plugs: ["network", "net\\e[0mwork"]\n')


def test_hostile_snap_yaml_is_rejected_or_stored_inert(store):
    # 1. Control characters in the version: the version is invalid, and the message quoting it is inert.
    name = "e2e-snap-hostile-version"
    store.run("register", name, "--yes")
    upload = store.run("upload", store.pack(name, snap_yaml(name, version=HOSTILE_VERSION, summary=HOSTILE_SUMMARY)),
                       "--release", "edge", expect=2)
    assert "The store was unable to accept this snap." in upload, upload
    assert_inert("snapcraft upload (hostile version)", upload)
    [revision] = store.revisions(name)
    assert "rejected" in revision["review"], revision
    assert_inert("the rejected revision", revision)
    assert store.channel_map(name) == []
    assert_inert("snapcraft list-revisions", store.run("list-revisions", name))

    # 2. A valid version, but escapes and bidi overrides in the summary, an app name and a plug.
    name = "e2e-snap-hostile-text"
    store.run("register", name, "--yes")
    # Accepted (inert) or refused, but never a crash.
    upload = store.run("upload", store.pack(name, snap_yaml(name, summary=HOSTILE_SUMMARY, apps=HOSTILE_APPS)),
                       "--release", "edge", expect=(0, 2))
    assert_inert("snapcraft upload (hostile text)", upload)
    for revision in store.revisions(name):
        assert_inert("the stored revision", revision)
    code, package = store.api("GET", f"/api/v1/packages/{name}")
    assert code == 200, package
    assert_inert("the package", package)
    code, channel_map = store.api("GET", f"/api/v1/packages/{name}/channel-map")
    assert code == 200, channel_map
    assert_inert("the channel map", channel_map)
    assert_inert("snapcraft status", store.run("status", name))
    assert_inert("snapcraft list-revisions", store.run("list-revisions", name))

    # 3. A value nested 10,000 deep. snapcraft's own YAML reader (libyaml) refuses it before
    # anything is sent, so the server then gets it from snapcraft's store client directly.
    name = "e2e-snap-deep"
    store.run("register", name, "--yes")
    deep = store.pack(name, snap_yaml(name, extra="x: " + "[" * 10_000 + "]" * 10_000 + "\n"))
    local = store.run("upload", deep, "--release", "edge", expect=1)
    assert "exceeded maximum nesting depth" in local, local
    assert store.revisions(name) == []
    status, output = store.push_with_store_client(name, deep)
    assert status["processed"] is True and status["code"] == "processing_error", status
    assert any("nest" in error["message"] for error in status["errors"]), status
    assert_inert("the deep upload's status", status)
    assert_inert("the store client's output", output)
    [revision] = store.revisions(name)
    assert "rejected" in revision["review"], revision
    assert store.channel_map(name) == []

    # 4. Raw control bytes in meta/snap.yaml (snapcraft's reader refuses them too).
    name = "e2e-snap-raw-bytes"
    store.run("register", name, "--yes")
    raw = store.pack(name, snap_yaml(name).replace('version: "1.2.3"', 'version: "1.2.3\x1b[31m\x07"')
                     .replace("An end-to-end test snap", "raw \x1b]0;title\x07 \u202e \x9b2J"))
    local = store.run("upload", raw, expect=1)
    assert "control characters are not allowed" in local, local
    status, output = store.push_with_store_client(name, raw)
    assert status["processed"] is True, status
    assert_inert("the raw upload's status", status)
    for revision in store.revisions(name):
        assert_inert("the stored revision", revision)

    code, health = store.server.api("GET", "/health")
    assert code == 200 and health.get("status") == "ok", health
    assert store.server.proc.poll() is None, store.server.log()[-3000:]
    log = store.server.log()
    assert "\x1b" not in log and "\u202e" not in log, "the server log carries raw escapes"


def test_a_reviewer_approves_a_snap_in_the_console_and_snapcraft_sees_it_released(store):
    """The console's review queue shows a snapcraft upload with its interfaces and checks; approving it
    there releases it to the channel `--release` named, which `snapcraft status` then shows."""
    from tmux_session import BIN, TmuxSession

    name = "e2e-snap-console"
    store.run("register", name, "--yes")
    yaml_text = snap_yaml(name, confinement="devmode")
    store.run("upload", store.pack(name, yaml_text), "--release", "beta", expect=2)
    reviewer_id, reviewer_secret = store.issue_token("reviewer", "reviewer")
    console = TmuxSession(width=160, height=40)
    try:
        console.run(f"STORE_TUI_TOKEN={reviewer_secret} {os.path.abspath(BIN)} --store {store.server.url}; echo EXIT=$?")
        console.wait_for("packages", timeout=60)
        console.send("Q")
        console.wait_for("Review queue")
        screen = console.wait_until(lambda s: name in s, what="the snap in the review queue")
        lines = screen.split("\n")
        row = next(index for index, line in enumerate(lines) if name in line and " 1 " in line)
        for _ in range(row - 3):  # the first item row is the fourth line
            console.send("j")
        screen = console.wait_until(lambda s: "devmode" in s, what="the snap's checks")
        assert "snap" in screen, screen
        console.send("a")
        console.wait_for(f"Approved {name} r1")
        console.send("q")
        console.wait_for("EXIT=0")
    finally:
        console.close()
    assert store.channel_map(name) == [("latest/beta", 1, None)]
    status = store.run("status", name)
    assert channel_row(status, "beta") == ["1.2.3", "1"], status


def test_tracks_opened_by_an_admin_become_the_default_with_set_default_track(store):
    """An admin opens a track (the store's own API; charmcraft create-track does the same for charms);
    the publisher lists it with `snapcraft list-tracks` and makes it the default with
    `snapcraft set-default-track`; a track that is not open is refused by snapcraft's own check."""
    name = "e2e-snap-tracks"
    store.run("register", name, "--yes")
    code, body = store.api("POST", f"/api/v1/packages/{name}/tracks", body={"open": ["2.x"]})
    assert code == 200 and body["tracks"] == ["latest", "2.x"], body
    tracks = store.run("list-tracks", name)
    assert re.search(r"^latest\s+default\b", tracks, re.M) and re.search(r"^2\.x\s+active\b", tracks, re.M), tracks
    result = store.run("set-default-track", name, "2.x")
    assert f"Default track for '{name}' set to '2.x'." in result, result
    code, body = store.api("GET", f"/api/v1/packages/{name}")
    assert body["package"]["defaultTrack"] == "2.x", body
    assert re.search(r"^2\.x\s+default\b", store.run("list-tracks", name), re.M)
    missing = store.run("set-default-track", name, "9.x", expect=2)
    assert "does not exist" in missing, missing
    # A publisher cannot open tracks: the store's answer says whom to ask.
    code, body = store.api("POST", f"/api/v1/packages/{name}/tracks", user="alice", body={"open": ["3.x"]})
    assert code == 403 and "ask one" in json.dumps(body), body
