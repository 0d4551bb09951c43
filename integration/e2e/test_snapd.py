"""The real snapd (Debian's 2.57) as a device against `store-tui serve`.

The store is seeded, then a publisher uploads real squashfs snaps with the real snapcraft 4.8.1 (see
test_snapcraft.py): a snap with two tracks (`latest` and `2.0`, the default) and a revision in each of
latest/stable, latest/beta, 2.0/stable and 2.0/beta, and a snap whose second revision goes to stable
progressively. Then snapd's daemon runs by hand in a private root (SNAPPY_GLOBAL_ROOT, no systemd),
pointed at the server with SNAPPY_FORCE_API_URL; `snap find` and `snap info` go through it, `snap
download` talks to the store by itself (`POST /v2/snaps/refresh`, then the blob at `download.url`,
then `/v2/assertions/...`). Assertions are on what `snap` prints, its exit code, and the files it
saves.

A self-run store cannot sign assertions snapd trusts (it trusts only Canonical's root key), so every
`snap download` ends with `cannot fetch snap signatures/assertions: ... not found` (exit 1) after it
has saved and checked the file: that exact failure is asserted, it is the expected end.

Progressive releases are checked by posting snapd's own refresh request directly, as 200 simulated
devices told apart by the `Snap-Device-Id` header.

Needs `snap` and /usr/lib/snapd/snapd (Debian package snapd), squashfs-tools, and snapcraft 4.8.1
(scripts/install-snapcraft); the tests fail, never skip, without them, unless
STORE_TUI_SKIP_SNAPCRAFT=1 (snapcraft publishes the snaps here).
"""
import base64
import datetime
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from store_server import StoreServer, store_tui
from test_snapcraft import INSTALL_HINT, SNAPCRAFT_VERSION, Store, find_snapcraft, snap_yaml

SNAPD = "/usr/lib/snapd/snapd"
TRACKS = "e2e-snapd-tracks"     # latest + 2.0 (default track)
ROLLOUT = "e2e-snapd-rollout"   # r1 on stable, r2 progressive at 30 %
# (channel, version) of each upload of TRACKS, in order: revision i+1.
TRACK_UPLOADS = [("stable", "1.0"), ("beta", "1.1"), ("2.0/stable", "2.0.0"), ("2.0/beta", "2.1.0")]
# snapd's own headers on /v2 requests (store/store.go newRequest), for the requests the test makes itself.
SNAPD_HEADERS = {
    "Accept": "application/json", "Content-Type": "application/json",
    "Snap-Device-Series": "16", "Snap-Device-Architecture": "amd64", "Snap-Classic": "true",
    "Snap-Device-Capabilities": "default-tracks", "User-Agent": "snapd/2.57.6 (series 16; classic) debian/12 (amd64)",
}
NOT_TRUSTED = "cannot fetch snap signatures/assertions"


def sha3(data):
    return hashlib.sha3_384(data).hexdigest()


class Snapd:
    """snapd's daemon in a private root; `snap` commands talk to its socket or, for downloads, the store."""

    def __init__(self, tmp, store_url):
        self.tmp = tmp
        self.root = os.path.join(tmp, "snapd-root")
        os.makedirs(os.path.join(self.root, "run"))
        os.makedirs(os.path.join(self.root, "usr", "lib"))
        os.symlink("/usr/lib/snapd", os.path.join(self.root, "usr", "lib", "snapd"))
        self.home = os.path.join(tmp, "device-home")
        os.makedirs(self.home)
        self.store_url = store_url.rstrip("/") + "/"
        self.socket = os.path.join(self.root, "run", "snapd.socket")
        self.log_path = os.path.join(tmp, "snapd.log")
        self.serial = 0
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [SNAPD], env=self.env(SNAPD_STANDBY_WAIT="24h", SNAPD_DEBUG="1"), cwd=tmp,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_ready()

    def env(self, **extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "SNAPPY_GLOBAL_ROOT": self.root, "SNAPPY_FORCE_API_URL": self.store_url,
            "SNAP_REEXEC": "0", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        }
        env.update(extra)
        return env

    def log(self):
        with open(self.log_path, errors="replace") as handle:
            return handle.read()

    def _wait_until_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            if os.path.exists(self.socket):
                probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    probe.connect(self.socket)
                    version = subprocess.run(["snap", "version"], env=self.env(), capture_output=True, text=True,
                                             timeout=30)
                    if version.returncode == 0 and re.search(r"^snapd\s+2\.", version.stdout, re.M):
                        return
                except OSError:
                    pass
                finally:
                    probe.close()
            time.sleep(0.2)
        log = self.log()
        self.stop()
        raise AssertionError(f"snapd did not start (exit {self.proc.poll()}):\n{log[-4000:]}")

    def wait_for_catalog(self, timeout=30):
        """The daemon's catalog refresh at start (sections and names from the store): the files it wrote,
        or the reason it failed."""
        names = os.path.join(self.root, "var", "cache", "snapd", "names")
        sections = os.path.join(self.root, "var", "cache", "snapd", "sections")
        deadline = time.time() + timeout
        while time.time() < deadline:
            if os.path.exists(names) and os.path.exists(sections):
                time.sleep(0.2)  # both are written atomically; let the second one land
                with open(names) as n, open(sections) as s:
                    return n.read().split(), s.read().split()
            failed = re.search(r"Catalog refresh failed: (.*)", self.log())
            if failed:
                return failed.group(1), None
            time.sleep(0.2)
        return f"no catalog after {timeout}s", None

    def scratch(self, prefix):
        self.serial += 1
        path = os.path.join(self.tmp, f"{prefix}-{self.serial}")
        os.makedirs(path)
        return path

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 15)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()


class Device:
    """The seeded store with the two published snaps, its server, and snapd."""

    def __init__(self, tmp, snapcraft):
        self.tmp = tmp
        self.store = DeviceStore(tmp, snapcraft)
        self.server = self.store.server
        self.url = self.server.url.rstrip("/")
        self.files = {TRACKS: {}, ROLLOUT: {}}  # name -> {revision: bytes}
        self.snapd = None

    def publish(self):
        store = self.store
        store.run("register", TRACKS, "--yes")
        code, body = store.api("POST", f"/api/v1/packages/{TRACKS}/tracks", body={"open": ["2.0"]})
        assert code == 200 and "2.0" in body.get("tracks", []), body
        for number, (channel, version) in enumerate(TRACK_UPLOADS, start=1):
            self.upload(TRACKS, version, number, channel)
        code, body = store.api("POST", f"/api/v1/packages/{TRACKS}/tracks", user="alice", body={"defaultTrack": "2.0"})
        assert code == 200, body
        code, body = store.api("GET", f"/api/v1/packages/{TRACKS}")
        assert code == 200 and body["package"]["defaultTrack"] == "2.0", body
        assert store.channel_map(TRACKS) == [("2.0/beta", 4, None), ("2.0/stable", 3, None),
                                             ("latest/beta", 2, None), ("latest/stable", 1, None)]

        store.run("register", ROLLOUT, "--yes")
        self.upload(ROLLOUT, "1.0", 1, "stable")
        self.upload(ROLLOUT, "2.0", 2, None)
        code, body = store.api("POST", f"/api/v1/packages/{ROLLOUT}/releases", user="alice", body={"operations": [
            {"release": {"revision": 2, "channels": ["latest/stable"], "progressive": 30}}]})
        assert code == 200, body
        assert store.channel_map(ROLLOUT) == [("latest/stable", 1, None), ("latest/stable", 2, 30)], \
            store.channel_map(ROLLOUT)

    def upload(self, name, version, expected_revision, channel):
        yaml_text = snap_yaml(name, version=version, summary=f"{name} {version} for snapd")
        path = self.store.pack(name, yaml_text)
        with open(path, "rb") as handle:
            self.files[name][expected_revision] = handle.read()
        args = ["upload", path] + (["--release", channel] if channel else [])
        output = self.store.run(*args)
        assert f"Revision {expected_revision} of '{name}' created." in output, output

    def start_snapd(self):
        self.snapd = Snapd(self.tmp, self.url)

    def logs(self):
        text = f"--- server log (tail) ---\n{self.server.log()[-3000:]}"
        if self.snapd:
            text += f"\n--- snapd log (tail) ---\n{self.snapd.log()[-3000:]}"
        return text

    def snap(self, *args, expect=0, cwd=None, timeout=90, **env):
        """Runs `snap args` (the client; find/info through the daemon); returns stdout + stderr."""
        proc = subprocess.run(["snap", *args], env=self.snapd.env(**env), cwd=cwd or self.snapd.home,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
                              errors="replace")
        output = proc.stdout + proc.stderr
        expected = expect if isinstance(expect, tuple) else (expect,)
        assert proc.returncode in expected, (
            f"snap {' '.join(args)} exited {proc.returncode}, expected {expect}:\n{output[-5000:]}\n{self.logs()}")
        return output

    def download(self, *args, expect_file):
        """`snap download args` in a fresh directory: asserts the expected end (the file saved and checked,
        then no trusted assertions) and returns (output, the saved file's bytes)."""
        directory = self.snapd.scratch("download")
        output = self.snap("download", *args, expect=1, cwd=directory)
        saved = os.path.join(directory, expect_file)
        assert os.path.exists(saved), (
            f"snap download {' '.join(args)} saved {sorted(os.listdir(directory))}, not {expect_file}:\n"
            f"{output}\n{self.logs()}")
        with open(saved, "rb") as handle:
            data = handle.read()
        assert_untrusted(output, data, self)
        assert [f for f in os.listdir(directory) if f.endswith(".snap")] == [expect_file], os.listdir(directory)
        return output, data

    def info(self, name):
        """The store's own `/v2/snaps/info/{name}` as snapd asks for it."""
        status, _, body = self.request("GET", f"/v2/snaps/info/{name}?architecture=amd64&fields=revision,version,download")
        assert status == 200, (status, body)
        return json.loads(body)

    def request(self, method, path, body=None, headers=None, timeout=30):
        """(status, headers, body bytes) of one request to the server, never raising on an HTTP error."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(path if path.startswith("http") else self.url + path, data=data,
                                         method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def refresh(self, body, device=None):
        headers = dict(SNAPD_HEADERS)
        if device is not None:
            headers["Snap-Device-Id"] = device
        status, _, reply = self.request("POST", "/v2/snaps/refresh", body=body, headers=headers)
        assert status == 200, (f"POST /v2/snaps/refresh {json.dumps(body)} as {device}: {status} "
                               f"{reply[:2000]!r}\n{self.logs()}")
        return json.loads(reply)


class DeviceStore(Store):
    """test_snapcraft's Store (snapcraft sessions, packing, the store API) over a 30-package seed."""

    def __init__(self, tmp, snapcraft):
        self.tmp = tmp
        self.snapcraft_bin = snapcraft
        self.db = os.path.join(tmp, "store.sqlite")
        store_tui("seed", "--packages", "30", "--database", self.db)
        self.tokens = {}
        for user, role in [("alice", "publisher"), ("admin", "admin")]:
            self.tokens[user] = self.issue_token(user, role)[1]
        # Figures flushed every half second, so the metrics test sees its download soon.
        self.server = StoreServer(self.db, tmp, extra_args=["--metrics-flush-seconds", "0.5"])
        self.url = self.server.url.rstrip("/") + "/"
        self.logged_in = set()
        self.serial = 0


def assert_untrusted(output, data, device):
    """snapd's end for a store it cannot verify: the snap-revision assertion (named by the file's
    sha3-384, base64url) answered `not-found` with a JSON error-list."""
    digest = base64.urlsafe_b64encode(hashlib.sha3_384(data).digest()).decode().rstrip("=")
    assert NOT_TRUSTED in output, f"expected {NOT_TRUSTED!r}:\n{output}\n{device.logs()}"
    line = next(line for line in output.splitlines() if NOT_TRUSTED in line)
    assert "snap-revision" in line and digest in line and line.rstrip().endswith("not found"), (
        f"expected `snap-revision ({digest}...) not found` (a JSON error-list not-found for "
        f"/v2/assertions/snap-revision/{digest}):\n{output}\n{device.logs()}")


@pytest.fixture(scope="module")
def device():
    if os.environ.get("STORE_TUI_SKIP_SNAPCRAFT") == "1":
        pytest.skip("STORE_TUI_SKIP_SNAPCRAFT=1: the snaps here are published with snapcraft")
    missing = [tool for tool in ("snap", "mksquashfs", "unsquashfs") if shutil.which(tool) is None]
    if not os.access(SNAPD, os.X_OK):
        missing.append(SNAPD)
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: install snapd and squashfs-tools "
                    "(apt-get install snapd squashfs-tools)", pytrace=False)
    snapcraft = find_snapcraft()
    if snapcraft is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    version = subprocess.run([snapcraft, "--version"], capture_output=True, text=True, timeout=60)
    if version.stdout.strip() != f"snapcraft, version {SNAPCRAFT_VERSION}":
        pytest.fail(f"{INSTALL_HINT} (found {snapcraft}: {version.stdout.strip()} {version.stderr.strip()[:300]})",
                    pytrace=False)
    tmp = tempfile.mkdtemp(prefix="store-tui-snapd-")
    state = None
    try:
        state = Device(tmp, snapcraft)
        state.publish()
        state.start_snapd()
        yield state
    finally:
        if state is not None:
            if state.snapd is not None:
                state.snapd.stop()
            state.server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


# --- the daemon: catalog, find, info ------------------------------------------------------------------


def test_the_daemon_loads_the_catalog_sections_and_names(device):
    """At start snapd reads /api/v1/snaps/sections and /api/v1/snaps/names (HAL) into its cache."""
    names, sections = device.snapd.wait_for_catalog()
    assert sections is not None, f"snapd's catalog refresh failed: {names}\n{device.logs()}"
    assert TRACKS in names and ROLLOUT in names and "hello-world" in names, names
    assert "featured" in sections and len(sections) > 1, sections


def a_category_and_its_snap(device):
    """A category a seeded snap has (other than featured), and that snap, from the store's find."""
    status, _, body = device.request("GET", "/v2/snaps/find?q=&architecture=amd64&fields=name,categories")
    assert status == 200, body
    for result in json.loads(body)["results"]:
        for category in result["snap"].get("categories") or []:
            if category["name"] != "featured":
                return category["name"], result["name"]
    raise AssertionError(f"no seeded snap has a category: {body[:2000]!r}")


def test_find_by_section_lists_the_snaps_of_that_category(device):
    category, name = a_category_and_its_snap(device)
    listed = device.snap("find", "--section")
    assert re.search(rf"^\s*\*\s*{re.escape(category)}$", listed, re.M), listed
    found = device.snap("find", f"--section={category}")
    assert re.search(r"^Name\s+Version\s+Publisher\s+Notes\s+Summary$", found, re.M), found
    assert re.search(rf"^{re.escape(name)}\s", found, re.M), found
    unknown = device.snap("find", "--section=no-such-section-e2e", expect=1)
    assert 'No matching section "no-such-section-e2e", use --section to list existing sections' in unknown, unknown


def test_info_shows_both_tracks_with_their_versions_and_revisions(device):
    info = device.snap("info", "--unicode=never", TRACKS)
    assert re.search(rf"^name:\s+{TRACKS}$", info, re.M), info
    assert re.search(r"^publisher:\s+Alice Andersen \(alice\)$", info, re.M), info
    for channel, version, revision in [("latest/stable", "1.0", 1), ("latest/beta", "1.1", 2),
                                       ("2.0/stable", "2.0.0", 3), ("2.0/beta", "2.1.0", 4)]:
        assert re.search(rf"^\s+{re.escape(channel)}:\s+{re.escape(version)}\s+\S+\s+\({revision}\)\s", info, re.M), \
            f"no {channel} {version} ({revision}) row:\n{info}"
    # Channels with nothing of their own follow the next safer risk of their track (`^`, snapd's ASCII ↑).
    for channel in ("latest/candidate", "latest/edge", "2.0/candidate", "2.0/edge"):
        assert re.search(rf"^\s+{re.escape(channel)}:\s+\^\s*$", info, re.M), f"no {channel} ^ row:\n{info}"


# --- snap download: refresh action, blob, assertions ----------------------------------------------------


def channel_entry(info, channel):
    for entry in info["channel-map"]:
        if f"{entry['channel']['track']}/{entry['channel']['risk']}" == channel:
            return entry
    raise AssertionError(f"no {channel} in {json.dumps(info)[:3000]}")


def test_download_of_the_default_channel_saves_the_default_tracks_stable_revision(device):
    output, data = device.download(TRACKS, expect_file=f"{TRACKS}_3.snap")
    assert data == device.files[TRACKS][3], "the saved file is not the uploaded revision 3"
    assert f'Fetching snap "{TRACKS}"' in output, output
    entry = channel_entry(device.info(TRACKS), "2.0/stable")
    assert entry["revision"] == 3, entry
    assert entry["download"]["sha3-384"] == sha3(data), entry
    assert entry["download"]["size"] == len(data), entry


def test_download_by_channel_and_by_revision(device):
    # `beta` is the default track's beta; `latest/beta` names the other track.
    _, data = device.download(TRACKS, "--channel=beta", expect_file=f"{TRACKS}_4.snap")
    assert data == device.files[TRACKS][4]
    _, data = device.download(TRACKS, "--channel=latest/beta", expect_file=f"{TRACKS}_2.snap")
    assert data == device.files[TRACKS][2]
    _, data = device.download(TRACKS, "--revision=1", expect_file=f"{TRACKS}_1.snap")
    assert data == device.files[TRACKS][1]


def test_download_of_a_missing_snap_or_revision_says_so(device):
    directory = device.snapd.scratch("download-missing")
    # A name-not-found result, then a revision-not-found one, as snapd words them (store/errors.go).
    missing = device.snap("download", "no-such-snap-e2e", expect=1, cwd=directory)
    assert 'error: cannot download snap "no-such-snap-e2e": snap not found' in missing, missing
    revision = device.snap("download", TRACKS, "--revision=99", expect=1, cwd=directory)
    assert f'error: cannot download snap "{TRACKS}": no snap revision available as specified' in revision, revision
    assert NOT_TRUSTED not in missing + revision
    assert os.listdir(directory) == [], os.listdir(directory)


def test_download_resumes_a_partial_file_with_a_range_request(device):
    directory = device.snapd.scratch("download-resume")
    data = device.files[TRACKS][3]
    with open(os.path.join(directory, f"{TRACKS}_3.snap.partial"), "wb") as handle:
        handle.write(data[:100])
    output = device.snap("download", TRACKS, expect=1, cwd=directory, SNAPD_DEBUG="1", SNAPD_DEBUG_HTTP="3")
    assert "Range: bytes=100-" in output, output[-5000:]
    assert re.search(r"HTTP/1\.1 206 Partial Content", output), output[-5000:]
    with open(os.path.join(directory, f"{TRACKS}_3.snap"), "rb") as handle:
        assert handle.read() == data
    assert_untrusted(output, data, device)


def test_the_download_url_serves_heads_ranges_and_etags(device):
    entry = channel_entry(device.info(TRACKS), "2.0/stable")
    url = entry["download"]["url"]
    data = device.files[TRACKS][3]
    size = len(data)
    snap_id = device.info(TRACKS)["snap-id"]
    assert url == f"{device.url}/api/v1/snaps/download/{snap_id}_3.snap", url

    status, headers, body = device.request("GET", url)
    assert status == 200 and body == data, (status, dict(headers))
    assert headers["Content-Length"] == str(size), dict(headers)

    status, headers, body = device.request("HEAD", url)
    assert status == 200 and body == b"", (status, dict(headers), body[:100])
    assert headers["Content-Length"] == str(size), dict(headers)
    assert headers["Accept-Ranges"] == "bytes", dict(headers)
    etag = headers["ETag"]
    assert etag, dict(headers)

    status, headers, body = device.request("GET", url, headers={"Range": "bytes=10-"})
    assert status == 206 and body == data[10:], (status, dict(headers), len(body))
    assert headers["Content-Range"] == f"bytes 10-{size - 1}/{size}", dict(headers)
    assert headers["Content-Length"] == str(size - 10), dict(headers)

    status, headers, body = device.request("GET", url, headers={"If-None-Match": etag})
    assert status == 304 and body == b"", (status, dict(headers), body[:100])

    status, headers, _ = device.request("GET", url, headers={"Range": f"bytes={size}-"})
    assert status == 416, (status, dict(headers))
    assert headers["Content-Range"] == f"bytes */{size}", dict(headers)

    status, _, _ = device.request("GET", f"{device.url}/api/v1/snaps/download/{snap_id}_99.snap")
    assert status == 404, status


def test_an_install_from_a_risk_only_channel_is_redirected_to_the_default_track(device):
    """snapd sends `Snap-Device-Capabilities: default-tracks`; for a track-less channel the store answers
    from the default track and says so with `redirect-channel`, which snapd then tracks (snapstate.go:
    `snapsup.Channel = sar.RedirectChannel`; snapd's spread test tests/main/default-tracks checks that
    `snap install --candidate` of such a snap tracks `<default>/candidate`). A full channel is not
    redirected."""
    for channel, revision, redirect in [("stable", 3, "2.0/stable"), ("beta", 4, "2.0/beta"),
                                        ("latest/stable", 1, None), ("2.0/stable", 3, None)]:
        body = {"context": [], "fields": ["revision", "version"],
                "actions": [{"action": "install", "instance-key": "install-1", "name": TRACKS, "channel": channel,
                             "epoch": None}]}
        [result] = device.refresh(body)["results"]
        assert (result["result"], result["snap"]["revision"]) == ("install", revision), (channel, result)
        assert result.get("effective-channel") == (redirect or channel), (channel, result)
        assert result.get("redirect-channel") == redirect, (
            f"install from {channel!r} of a snap whose default track is 2.0: expected redirect-channel "
            f"{redirect!r}, got {json.dumps(result)}")


def test_assertions_are_answered_not_found_as_a_json_error_list(device):
    """What snapd asks for after a download, in its order; each a 404 with a JSON error-list `not-found`
    (a non-JSON 404 would make snapd print `got unexpected HTTP status code 404`)."""
    data = device.files[TRACKS][3]
    digest = base64.urlsafe_b64encode(hashlib.sha3_384(data).digest()).decode().rstrip("=")
    snap_id = device.info(TRACKS)["snap-id"]
    headers = {"Accept": "application/x.ubuntu.assertion", "X-Ubuntu-Series": "16", "X-Ubuntu-Architecture": "amd64",
               "X-Ubuntu-Wire-Protocol": "1"}
    for path in [f"/v2/assertions/snap-revision/{digest}?max-format=0",
                 f"/v2/assertions/snap-declaration/16/{snap_id}?max-format=5",
                 "/v2/assertions/account/some-account-id?max-format=0",
                 f"/v2/assertions/account-key/{digest}?max-format=0"]:
        status, reply_headers, body = device.request("GET", path, headers=headers)
        assert status == 404, (path, status, body[:500])
        assert reply_headers["Content-Type"] == "application/json", (path, dict(reply_headers))
        errors = json.loads(body)["error-list"]
        assert errors and errors[0]["code"] == "not-found" and errors[0]["message"], (path, errors)


# --- progressive releases --------------------------------------------------------------------------


def test_a_progressive_release_reaches_only_its_share_of_devices(device):
    info = device.info(ROLLOUT)
    snap_id = info["snap-id"]
    body = {
        "context": [{"snap-id": snap_id, "instance-key": snap_id, "revision": 1, "tracking-channel": "latest/stable",
                     "epoch": {"read": [0], "write": [0]}}],
        "actions": [{"action": "refresh", "instance-key": snap_id, "snap-id": snap_id}],
        "fields": ["revision", "version", "download"],
    }

    def offered(device_id):
        reply = device.refresh(body, device_id)
        results = [r for r in reply.get("results", []) if r.get("instance-key") == snap_id]
        assert len(results) <= 1 and len(reply.get("results", [])) == len(results), reply
        if not results:
            return 1, None
        [result] = results
        assert result["result"] == "refresh" and result["snap-id"] == snap_id, result
        assert result.get("effective-channel") in ("latest/stable", "stable"), result
        return result["snap"]["revision"], result

    first = {f"device-{n}": offered(f"device-{n}") for n in range(200)}
    revisions = {device_id: revision for device_id, (revision, _) in first.items()}
    assert set(revisions.values()) <= {1, 2}, revisions
    updated = [device_id for device_id, revision in revisions.items() if revision == 2]
    assert 30 <= len(updated) <= 90, f"{len(updated)} of 200 devices got the 30 % release: {updated}"

    # The offered revision is the real one: its download is the uploaded revision 2.
    _, result = first[updated[0]]
    assert result["snap"]["download"]["sha3-384"] == sha3(device.files[ROLLOUT][2]), result
    assert result["snap"]["download"]["size"] == len(device.files[ROLLOUT][2]), result
    assert result["snap"]["download"]["url"].endswith(f"/api/v1/snaps/download/{snap_id}_2.snap"), result

    # A device keeps its bucket.
    again = {device_id: offered(device_id)[0] for device_id in list(revisions)}
    assert again == revisions, {d: (revisions[d], again[d]) for d in revisions if again[d] != revisions[d]}

    # Without any device identity the device is in no rollout: it gets the plain release, and so does
    # `snap download` (it runs in the client, with no device session).
    assert offered(None)[0] == 1
    _, data = device.download(ROLLOUT, expect_file=f"{ROLLOUT}_1.snap")
    assert data == device.files[ROLLOUT][1]


# --- metrics: what devices run, as the publisher reads it ----------------------------------------------


def metrics(device, name, breakdown):
    """{label: (requests, downloads, active devices)} of `name` today and yesterday (UTC), as alice reads them."""
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    code, body = device.store.api(
        "GET", f"/api/v1/packages/{name}/metrics?days=2&breakdown={breakdown}&last-day={today}", user="alice")
    assert code == 200, body
    return {s["label"]: (sum(s["requests"]), sum(s["downloads"]), sum(s["activeDevices"])) for s in body["series"]}


def wait_for_metrics(device, name, breakdown, done, timeout=20):
    deadline = time.time() + timeout
    while True:
        figures = metrics(device, name, breakdown)
        if done(figures) or time.time() > deadline:
            return figures
        time.sleep(0.2)


def test_a_snap_download_counts_in_the_publishers_metrics(device):
    # Earlier downloads may still be on their way to the database: settle first, then count one more.
    time.sleep(1.5)
    before = metrics(device, TRACKS, "version").get("1.0 (r1)", (0, 0, 0))
    _, data = device.download(TRACKS, "--revision=1", expect_file=f"{TRACKS}_1.snap")
    assert data == device.files[TRACKS][1]
    after = wait_for_metrics(device, TRACKS, "version", lambda f: f.get("1.0 (r1)", (0, 0, 0))[1] > before[1])
    requests, downloads, _ = after.get("1.0 (r1)", (0, 0, 0))
    assert downloads == before[1] + 1 and requests == before[0] + 1, (before, after)


def test_the_progressive_releases_devices_show_on_both_revisions(device):
    # test_a_progressive_release_reaches_only_its_share_of_devices asked as 200 devices (twice each).
    figures = wait_for_metrics(device, ROLLOUT, "version", lambda f: len(f) >= 2)
    on_old, on_new = figures.get("1.0 (r1)", (0, 0, 0)), figures.get("2.0 (r2)", (0, 0, 0))
    assert on_new[2] >= 25 and on_old[2] >= 100, figures
    assert 190 <= on_old[2] + on_new[2] <= 210, figures
