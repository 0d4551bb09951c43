"""Schemathesis against a live `store-tui serve`, driven by the OpenAPI document the server serves.

Runs the schemathesis CLI (examples, coverage and fuzzing phases) three times: as an admin, as a publisher
and without credentials, each over a fresh store and server. The generation seed is today's UTC date
(YYYYMMDD), so each day tries other cases; HARNESS_FUZZ_SEED=N replays a given day. fuzz_hooks.py gives
each run real examples for every operation (the publisher's own snap and charm, approved revisions, an
upload, a pending review) and hostile texts for the free-text searches (a NUL, quotes), keeps the run's
own token from being revoked and makes idempotency keys unique. Checks: not_a_server_error,
response_schema_conformance and no_internal_detail (no database message, SQL, path or Swift error in an
error reply, leakcheck.py). The server must still answer /health afterwards. Last, every operation must
have been reached with a valid token of a role allowed to use it: the admin run reaches all of them, the
publisher run the publishing and charmcraft ones, with a 2xx wherever the document lists one.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import uuid

import pytest
import yaml

from harness_env import HERE, QUICK, LiveStore, seed
from harness_results import record

VENV_BIN = os.path.dirname(sys.executable)
HOOKS = os.path.join(HERE, "fuzz_hooks.py")
CHECKS = "not_a_server_error,response_schema_conformance,no_internal_detail"
# Examples per operation and phase: the coverage phase adds its own boundary cases on top.
RUNS = [
    ("admin", 5 if QUICK else 60),
    ("publisher", 3 if QUICK else 30),
    (None, 3 if QUICK else 30),
]
# Operations the publisher run must reach too (tags of the served document).
PUBLISHER_TAGS = {"publishing", "charmcraft", "snapcraft"}
# Operations whose 2xx only an admin gets (tracks are opened by admins): the publisher run reaches them
# with a documented reply past the permission check (400: no guardrail allows the track).
ADMIN_SUCCESS_ONLY = {"POST /v1/charm/{name}/tracks", "POST /v1/snap/{name}/tracks"}
# Replies that say the request never got past authentication or authorization.
REFUSED = {401, 403, 429}
# Free text the searches hand to the database: a NUL (once a 500 with the database's message), quotes
# and full-text search syntax. Sent by the examples phase besides the valid example, whatever the seed.
HOSTILE_SEARCH = ["a\x00b", "it's", '"unterminated', "a* OR NEAR(b", "%_\\"]
# (operation, free-text query parameter) pairs that get them.
SEARCH_TEXT = [("GET /v2/snaps/find", "q"), ("GET /v2/snaps/find", "name"), ("GET /v2/charms/find", "q"),
               ("GET /api/v1/packages", "q")]


def fuzz_seed():
    """$HARNESS_FUZZ_SEED when set (to replay a failure), else today's UTC date as YYYYMMDD."""
    value = os.environ.get("HARNESS_FUZZ_SEED", "").strip()
    if value:
        return int(value)
    return int(datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d"))


SEED = fuzz_seed()
REPLAY = f"replay with HARNESS_FUZZ_SEED={SEED} scripts/harness -- -k fuzz"


def label(role):
    return role or "anonymous"


def say(request, line):
    """Writes a line to the terminal past pytest's output capture."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write("\n")  # off the line of progress dots
        reporter.write_line(line)


@pytest.fixture(scope="module", autouse=True)
def announce_seed(request):
    """Prints the seed once, so every log says how to replay the run."""
    say(request, f"fuzz seed {SEED} ({REPLAY})")


def schemathesis():
    path = os.path.join(VENV_BIN, "schemathesis")
    return path if os.path.exists(path) else shutil.which("schemathesis")


def _figures(output):
    """(cases generated, failed cases) from the CLI's summary: `N generated, N passed` or
    `N generated, F found U unique failures`, either followed by `, E errored` when cases errored."""
    match = re.search(r"Test cases:\s*\n\s*(\d+) generated(.*)", output)
    if not match:
        return 0, None
    rest = match.group(2)
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:found \d+ unique failures?|failed|errored)", rest))
    return int(match.group(1)), failed


@pytest.mark.parametrize("role,examples", RUNS, ids=[label(r) for r, _ in RUNS])
def test_schemathesis(workdir, role, examples):
    """A fresh store and server per role: the auth-failure limiter keeps its buckets in the database, so
    one run's bad-token cases must not turn the next run's requests into 429s."""
    directory = os.path.join(workdir, label(role))
    os.makedirs(directory, exist_ok=True)
    live_store = LiveStore(seed(directory), directory)
    try:
        plan = _write_plan(live_store, role, directory)
        _run(live_store, directory, role, examples, plan)
    finally:
        live_store.stop()


def _run(live_store, workdir, role, examples, plan):
    tool = schemathesis()
    if tool is None:
        pytest.fail("schemathesis is not installed (scripts/harness installs it into .venv-test)")
    url = live_store.url
    args = [tool, "run", f"{url}/openapi.yaml", "--url", url, "--checks", CHECKS,
            "--phases", "examples,coverage,fuzzing", "--seed", str(SEED), "--generation-database", "none",
            "-n", str(examples), "--max-failures", "200", "--workers", "2", "--request-timeout", "20",
            "--report", "junit", "--report-dir", os.path.join(workdir, f"schemathesis-{label(role)}")]
    if role:
        args += ["-H", f"Authorization: Bearer {live_store.tokens[role]}"]
    else:
        # No made-up credentials: each would spend one of the address's 10 failed authentications,
        # and after them every request carrying a header is 429.
        args += ["--generation-with-security-parameters", "false"]
    env = {**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false",
           "SCHEMATHESIS_HOOKS": HOOKS, "HARNESS_FUZZ_PLAN": plan}
    result = subprocess.run(args, capture_output=True, text=True, timeout=1800, env=env)
    output = result.stdout + result.stderr
    with open(os.path.join(workdir, f"schemathesis-{label(role)}.txt"), "w", encoding="utf-8") as handle:
        handle.write(output)
    cases, failed = _figures(output)
    with urllib.request.urlopen(url + "/health", timeout=10) as response:
        healthy = response.status == 200
    record("fuzz", f"schemathesis-{label(role)} seed={SEED}", cases=cases,
           failures=failed if failed is not None else 1)
    assert live_store.alive() and healthy, f"the server went down under fuzzing (seed {SEED}; {REPLAY})"
    assert cases > 0 and failed is not None, \
        f"schemathesis did not run (seed {SEED}; {REPLAY}):\n{output[-4000:]}"
    if failed:
        failures = output[output.find("FAILURES"):] if "FAILURES" in output else output
        pytest.fail(f"{failed} of {cases} cases failed as {label(role)} (seed {SEED}; {REPLAY}):\n"
                    f"{failures[:12000]}")


# --- The plan fuzz_hooks.py reads: examples, the tokens to keep, the call log --------------------------

def _write_plan(live_store, role, directory):
    """Writes the run's plan (see fuzz_hooks.py) and the served document; returns the plan's path."""
    facts = _facts(live_store, role)
    plan = {
        "authorization": f"Bearer {live_store.tokens[role]}" if role else None,
        "keep_token_ids": facts["keep_token_ids"],
        "spare_token_id": facts["spare_token_id"],
        "examples": _examples(facts, label(role)),
        "calls": os.path.join(directory, "calls.jsonl"),
    }
    path = os.path.join(directory, "fuzz-plan.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(plan, handle, indent=1)
    status, document = _get(live_store.url + "/openapi.yaml", live_store.tokens["admin"])
    with open(os.path.join(directory, "openapi.yaml"), "wb") as handle:
        handle.write(document)
    with open(os.path.join(directory, "document-status"), "w") as handle:
        handle.write(str(status))
    return path


def _facts(live_store, role):
    """Real things in the seeded store: the publisher's snap and charm with an approved revision each, a
    revision waiting for review, another publisher, a suspended one, an upload, the run's tokens."""
    mine = _api(live_store, "GET", "/api/v1/me/packages", "publisher")["items"]
    names = {}
    for item in mine:
        names.setdefault(item["type"], item["name"])
    facts = {"snap": names["snap"], "charm": names["charm"]}
    for kind in ("snap", "charm"):
        page = _api(live_store, "GET", f"/api/v1/packages/{facts[kind]}/revisions?status=approved&limit=1",
                    "publisher")
        facts[f"{kind}_revision"] = page["items"][0]["number"]
    queue = _api(live_store, "GET", "/api/v1/reviews?limit=1", "admin")["items"]
    facts["pending"] = (queue[0]["package"], queue[0]["revision"]["number"]) if queue else None
    facts["other"] = _api(live_store, "GET", "/api/v1/whoami", "other-publisher")["account"]["username"]
    publishers = _api(live_store, "GET", "/api/v1/publishers?limit=500", "admin")["items"]
    facts["suspended"] = next((p["username"] for p in publishers if "suspended" in json.dumps(p["status"])), None)
    facts["upload_id"] = _upload(live_store.url, live_store.tokens[role or "publisher"])
    facts["snap_upload_id"] = _upload(live_store.url, live_store.tokens[role or "publisher"])
    facts["keep_token_ids"], facts["spare_token_id"] = _tokens(live_store, role)
    facts["spare_ssh_key_id"] = _api(live_store, "POST", "/api/v1/ssh-keys", "admin",
                                     {"publicKey": _ssh_key_line(), "username": facts["other"]})["id"]
    facts.update(_snapcraft_facts(live_store, role, facts))
    facts.update(_library_facts(live_store, role, facts))
    facts.update(_resource_facts(live_store, role, facts))
    facts.update(_device_facts(live_store, facts))
    return facts


def _device_facts(live_store, facts):
    """The download file names of a released revision of the publisher's snap and charm (the demo's
    revisions all have generated files), and the snap's id."""
    found = {}
    for kind in ("snap", "charm"):
        name = facts[kind]
        package = _api(live_store, "GET", f"/api/v1/packages/{name}", "publisher")["package"]
        releases = _api(live_store, "GET", f"/api/v1/packages/{name}/channel-map", "publisher")["releases"]
        revision = releases[0]["revision"]
        found[f"{kind}_id"] = package["id"]
        found[f"{kind}_released"] = revision
        found[f"{kind}_file"] = f"{package['id']}_{revision}.{kind}"
    return found


def _resource_facts(live_store, role, facts):
    """A file resource `data` declared by a new revision of the publisher's charm, with one revision
    pushed by the run's account, and an upload of its ready to push as the next one."""
    acting = role or "publisher"
    charm = facts["charm"]
    # The size of the newest revision, so no size jump sends it to review (it must be approved to be released).
    newest = _api(live_store, "GET", f"/api/v1/packages/{charm}/revisions?limit=1", acting)["items"][0]
    upload = {"version": "9.0", "architectures": ["amd64"], "base": newest.get("base") or "ubuntu@22.04",
              "size": newest["size"], "sha3_384": "ef" * 48,
              "resources": [{"name": "data", "type": "file", "filename": "data.tar"}]}
    _api(live_store, "POST", f"/api/v1/packages/{charm}/revisions", acting, upload)
    token = live_store.tokens[acting]
    pushed = _upload(live_store.url, token)
    _api(live_store, "POST", f"/v1/charm/{charm}/resources/data/revisions", acting, {"upload-id": pushed, "type": "file"})
    # Released with the charm revision that declares it, so the resource's file is public.
    revisions = _api(live_store, "GET", f"/api/v1/packages/{charm}/revisions?limit=1", acting)["items"]
    _api(live_store, "POST", f"/api/v1/packages/{charm}/releases", acting, {"operations": [{"release": {
        "revision": revisions[0]["number"], "channels": ["latest/beta"], "resources": [{"name": "data", "revision": 1}]}}]})
    charm_id = _api(live_store, "GET", f"/api/v1/packages/{charm}", acting)["package"]["id"]
    return {"resource_pushed": pushed, "resource_upload": _upload(live_store.url, token),
            "resource_file": f"charm_{charm_id}.data_1"}


def _library_source(patch):
    return f'"""Fuzz library."""\nLIBAPI = 0\nLIBPATCH = {patch}\n\ndef f():\n    return {patch}\n'


def _library_hash(content):
    """charmcraft's hash: SHA-256 of the lines that do not start with LIBAPI, LIBPATCH or LIBID."""
    import hashlib
    digest = hashlib.sha256()
    for line in content.encode().split(b"\n")[:-1]:
        if not line.startswith((b"LIBAPI", b"LIBPATCH", b"LIBID")):
            digest.update(line + b"\n")
    return digest.hexdigest()


def _library_facts(live_store, role, facts):
    """A library of the publisher's charm registered and published at 0.1 by the run's account, so the
    examples can read it and publish 0.2."""
    acting = role or "publisher"
    charm = facts["charm"]
    library = _api(live_store, "POST", f"/v1/charm/libraries/{charm}", acting,
                   {"library-name": f"fuzz_{label(role)}_lib"})["library-id"]
    content = _library_source(1)
    _api(live_store, "POST", f"/v1/charm/libraries/{charm}/{library}", acting,
         {"api": 0, "patch": 1, "content": content, "hash": _library_hash(content)})
    next_content = _library_source(2)
    return {"library_id": library,
            "library_publication": {"api": 0, "patch": 2, "content": next_content, "hash": _library_hash(next_content)}}


def _snapcraft_facts(live_store, role, facts):
    """What the dashboard API's examples need: the run's login (username, token, a caveat of a fresh
    root macaroon) and the id of a snap the run's account owns, with a release to close."""
    acting = role or "publisher"
    username = _api(live_store, "GET", "/api/v1/whoami", acting)["account"]["username"]
    root = _api(live_store, "POST", "/dev/api/acl/", None, {"permissions": ["package_access"]})["macaroon"]
    closable = facts["snap"]
    if acting == "admin":
        # An admin closes channels of the snaps it owns (snapcraft finds snap ids in /dev/api/account).
        closable = "fuzz-admin-closable"
        _api(live_store, "POST", "/api/v1/packages", acting, {"name": closable, "type": "snap"})
        upload = {"version": "1.0", "architectures": ["amd64"], "size": 4096, "sha3_384": "cd" * 48}
        revision = _api(live_store, "POST", f"/api/v1/packages/{closable}/revisions", acting, upload)["number"]
        _api(live_store, "POST", f"/api/v1/packages/{closable}/releases", acting,
             {"operations": [{"release": {"revision": revision, "channels": ["latest/edge"]}}]})
    snap_id = _api(live_store, "GET", f"/api/v1/packages/{closable}", acting)["package"]["id"]
    # A name of the run's account with no revisions, for the unregister operations.
    droppable = [f"fuzz-{role or 'anonymous'}-drop-{n}" for n in (1, 2, 3)]
    for name, kind in zip(droppable, ("snap", "snap", "charm")):
        _api(live_store, "POST", "/api/v1/packages", acting, {"name": name, "type": kind})
    return {"droppable": droppable, "username": username, "secret": live_store.tokens[acting], "caveat_id": _caveat_id(root), "closable_snap_id": snap_id}


def _caveat_id(serialized):
    """The third-party caveat id of a format-1 macaroon (what snapcraft sends to be discharged)."""
    import base64
    raw = base64.urlsafe_b64decode(serialized + "=" * (-len(serialized) % 4))
    index, cid, caveats = 0, None, []
    while index < len(raw):
        length = int(raw[index:index + 4], 16)
        key, _, value = raw[index + 4:index + length - 1].partition(b" ")
        if key == b"cid":
            cid = value
        elif key == b"vid":
            caveats.append(cid)
        index += length
    return caveats[0].decode()


def _ssh_key_line():
    """A fresh ed25519 public key line (random key bytes: the store checks the line's shape, not the curve)."""
    import base64
    name = b"ssh-ed25519"
    blob = len(name).to_bytes(4, "big") + name + (32).to_bytes(4, "big") + os.urandom(32)
    return "ssh-ed25519 " + base64.b64encode(blob).decode() + " fuzz@harness"


def _tokens(live_store, role):
    """The ids of the run's account's tokens (never to be revoked) and of a spare one to revoke instead."""
    if not role:
        return [], None
    username = _api(live_store, "GET", "/api/v1/whoami", role)["account"]["username"]
    kept = [item["id"] for item in _api(live_store, "GET", f"/api/v1/tokens?username={username}", "admin")["items"]]
    spare = _api(live_store, "POST", "/api/v1/tokens", "admin",
                 {"username": username, "role": role, "description": "fuzz spare, revoked instead of the run's own"})
    return kept, spare["token"]["id"]


def _examples(facts, tag):
    """One valid request per operation that takes input, for a client allowed to make it; the hostile
    search texts on top."""
    snap, charm = facts["snap"], facts["charm"]
    reason = {"reason": "harness fuzz run"}
    examples = {
        "GET /v2/snaps/find": {"query": {"q": snap, "fields": "title,summary,version"}},
        "GET /v2/snaps/info/{name}": {"path": {"name": snap}},
        "GET /v2/charms/find": {"query": {"q": charm}},
        "GET /v2/charms/info/{name}": {"path": {"name": charm}},
        "GET /api/v1/packages": {"query": {"q": snap}},
        "POST /api/v1/packages": {"body": {"name": f"fuzz-{tag}-snap", "type": "snap"}},
        "GET /api/v1/packages/{name}": {"path": {"name": snap}},
        "DELETE /api/v1/packages/{name}": {"path": {"name": facts["droppable"][0]}},
        "GET /api/v1/packages/{name}/revisions": {"path": {"name": snap}},
        "POST /api/v1/packages/{name}/revisions": {
            "path": {"name": snap},
            "body": {"version": "9.9.9", "architectures": ["amd64"], "size": 4096, "sha3_384": "ab" * 48}},
        "GET /api/v1/packages/{name}/channel-map": {"path": {"name": snap}},
        "GET /api/v1/packages/{name}/metrics": {
            "path": {"name": snap}, "query": {"days": 30, "breakdown": "version", "last-day": "2026-03-31"}},
        "POST /api/v1/packages/{name}/tracks": {"path": {"name": snap}, "body": {"defaultTrack": "latest"}},
        "PUT /dev/api/snaps/{id}/metadata": {"path": {"id": facts["closable_snap_id"]}, "body": {"default_track": "latest"}},
        "POST /api/v1/packages/{name}/releases": {
            "path": {"name": snap},
            "body": {"operations": [{"release": {"revision": facts["snap_revision"], "channels": ["latest/edge"]}}]}},
        "POST /api/v1/packages/{name}/collaborators": {"path": {"name": snap}, "body": {"username": facts["other"]}},
        "GET /api/v1/publishers/{username}": {"path": {"username": facts["other"]}},
        "GET /api/v1/publishers/{username}/packages": {"path": {"username": facts["other"]}},
        "POST /api/v1/publishers/{username}/validation": {
            "path": {"username": facts["other"]}, "body": {"validation": "verified", "reason": "harness fuzz run"}},
        "POST /api/v1/publishers/{username}/suspend": {"path": {"username": facts["other"]}, "body": reason},
        "GET /api/v1/audit": {"query": {"package": snap}},
        "POST /api/v1/tokens": {"body": {"username": f"fuzz-{tag}-viewer", "role": "viewer"}},
        "POST /api/v1/ssh-keys": {"body": {"publicKey": _ssh_key_line()}},
        "DELETE /api/v1/ssh-keys/{id}": {"path": {"id": facts["spare_ssh_key_id"]}},
        "POST /v1/charm": {"body": {"name": f"fuzz-{tag}-charm", "type": "charm"}},
        "POST /v1/charm/libraries/bulk": {"body": [{"library-id": facts["library_id"], "api": 0}, {"charm-name": charm}]},
        "POST /v1/charm/libraries/{name}": {"path": {"name": charm}, "body": {"library-name": f"fuzz_{tag}_new"}},
        "GET /v1/charm/{name}/resources": {"path": {"name": charm}},
        "POST /v2/snaps/refresh": {"body": {
            "context": [{"snap-id": facts["snap_id"], "instance-key": facts["snap_id"], "revision": 1,
                         "tracking-channel": "latest/stable", "epoch": {"read": [0], "write": [0]}}],
            "actions": [{"action": "refresh", "instance-key": facts["snap_id"], "snap-id": facts["snap_id"]},
                        {"action": "download", "instance-key": "download-1", "name": snap, "epoch": None}],
            "fields": ["download", "revision", "version", "epoch"]}},
        "GET /api/v1/snaps/download/{file}": {"path": {"file": facts["snap_file"]}},
        "GET /api/v1/charms/download/{file}": {"path": {"file": facts["charm_file"]}},
        "POST /v2/charms/refresh": {"body": {
            "context": [], "actions": [{"action": "install", "instance-key": "i-1", "name": charm, "channel": "stable", "base": None}]}},
        "GET /api/v1/resources/download/{file}": {"path": {"file": facts["resource_file"]}},
        "POST /api/v1/snaps/auth/sessions": {"body": {"serial-assertion": "type: serial\nbrand-id: generic\nmodel: m\nserial: 1\n"}},
        "POST /api/v1/packages/lookup": {"body": {"ids": [facts["snap_id"], facts["charm_id"]]}},
        "GET /api/v1/packages/{name}/revisions/{revision}/download": {"path": {"name": snap, "revision": facts["snap_released"]}},
        "GET /v1/charm/{name}/resources/{resource}/revisions": {"path": {"name": charm, "resource": "data"}},
        "POST /v1/charm/{name}/resources/{resource}/revisions": {
            "path": {"name": charm, "resource": "data"}, "body": {"upload-id": facts["resource_upload"], "type": "file"}},
        "PATCH /v1/charm/{name}/resources/{resource}/revisions": {
            "path": {"name": charm, "resource": "data"},
            "body": {"resource-revision-updates": [{"revision": 1, "bases": [{"architectures": ["amd64"]}]}]}},
        "GET /v1/charm/{name}/resources/{resource}/revisions/review": {
            "path": {"name": charm, "resource": "data"}, "query": {"upload-id": facts["resource_pushed"]}},
        "GET /v1/charm/{name}/resources/{resource}/oci-image/upload-credentials": {"path": {"name": charm, "resource": "image"}},
        "GET /v1/charm/libraries/{name}/{id}": {"path": {"name": charm, "id": facts["library_id"]}, "query": {"api": 0}},
        "POST /v1/charm/libraries/{name}/{id}": {
            "path": {"name": charm, "id": facts["library_id"]}, "body": facts["library_publication"]},
        "GET /v1/charm/{name}": {"path": {"name": charm}},
        "DELETE /v1/charm/{name}": [{"path": {"name": charm}}, {"path": {"name": facts["droppable"][2]}}],
        "POST /v1/charm/{name}/tracks": {"path": {"name": charm}, "body": [{"name": "9.0"}]},
        "GET /v1/charm/{name}/revisions": {"path": {"name": charm}},
        "POST /v1/charm/{name}/revisions": {"path": {"name": charm}, "body": {"upload-id": facts["upload_id"]}},
        "GET /v1/charm/{name}/revisions/review": {"path": {"name": charm}, "query": {"upload-id": facts["upload_id"]}},
        "GET /v1/charm/{name}/releases": {"path": {"name": charm}},
        "POST /v1/snap": {"body": {"name": f"fuzz-{tag}-gwsnap", "type": "snap"}},
        "GET /v1/snap/{name}": {"path": {"name": snap}},
        "DELETE /v1/snap/{name}": [{"path": {"name": snap}}, {"path": {"name": facts["droppable"][1]}}],
        "POST /v1/snap/{name}/tracks": {"path": {"name": snap}, "body": [{"name": "9.1"}]},
        "GET /v1/snap/{name}/revisions": {"path": {"name": snap}},
        "POST /v1/snap/{name}/revisions": {"path": {"name": snap}, "body": {"upload-id": facts["snap_upload_id"]}},
        "GET /v1/snap/{name}/revisions/review": {"path": {"name": snap}, "query": {"upload-id": facts["snap_upload_id"]}},
        "GET /v1/snap/{name}/releases": {"path": {"name": snap}},
        "POST /v1/snap/{name}/releases": {
            "path": {"name": snap}, "body": [{"revision": facts["snap_revision"], "channel": "latest/edge"}]},
        "POST /dev/api/acl/": {"body": {"permissions": ["package_access", "package_upload"]}},
        "POST /api/v2/tokens/discharge": {
            "body": {"email": facts["username"], "password": facts["secret"], "caveat_id": facts["caveat_id"]}},
        "POST /dev/api/acl/verify/": {"body": {"auth_data": {"authorization": f"Bearer {facts['secret']}"}}},
        "POST /dev/api/register-name/": {"body": {"snap_name": f"fuzz-{tag}-dash", "is_private": False, "series": "16"}},
        "POST /dev/api/snap-push/": {"body": {"name": snap, "dry_run": True}},
        "GET /dev/api/snap-status/{id}": {"path": {"id": facts["upload_id"]}},
        "POST /dev/api/snap-release/": {
            "body": {"name": snap, "revision": str(facts["snap_revision"]), "channels": ["latest/edge"]}},
        "POST /dev/api/snaps/{id}/close": {"path": {"id": facts["closable_snap_id"]}, "body": {"channels": ["latest/edge"]}},
        "POST /dev/api/snaps/metrics": {"body": {"filters": [
            {"metric_name": "weekly_installed_base_by_channel", "snap_id": facts["snap_id"], "start": "2026-03-01", "end": "2026-03-31"}]}},
        "GET /api/v2/snaps/{name}/channel-map": {"path": {"name": snap}},
        "GET /api/v2/snaps/{name}/releases": {"path": {"name": snap}},
        "POST /v1/charm/{name}/releases": {
            "path": {"name": charm},
            "body": [{"revision": facts["charm_revision"], "channel": "latest/edge", "resources": []}]},
    }
    if facts["pending"]:
        package, revision = facts["pending"]
        examples["POST /api/v1/packages/{name}/revisions/{revision}/review"] = {
            "path": {"name": package, "revision": revision}, "body": {"verdict": "approve"}}
    if facts["suspended"]:
        examples["POST /api/v1/publishers/{username}/unsuspend"] = {"path": {"username": facts["suspended"]},
                                                                   "body": reason}
    if facts["spare_token_id"]:
        examples["DELETE /api/v1/tokens/{id}"] = {"path": {"id": facts["spare_token_id"]}}
    for operation, parameter in SEARCH_TEXT:
        variants = examples[operation] if isinstance(examples[operation], list) else [examples[operation]]
        examples[operation] = variants + [{"query": {parameter: text}} for text in HOSTILE_SEARCH]
    return examples


def _api(live_store, method, path, role, body=None):
    status, reply = live_store.api(method, path, role=role, body=body)
    assert 200 <= status < 300, f"{method} {path} as {role}: {status} {reply}"
    return reply


def _get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def _upload(url, token):
    """A charmcraft upload (`POST /unscanned-upload/`, one small file); returns its upload id."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"fuzz.charm\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + b"PK\x05\x06" + b"\0" * 18 \
        + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url + "/unscanned-upload/", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["upload_id"]


# --- Reach: every operation with a valid token ----------------------------------------------------------

def test_every_operation_reached_with_a_valid_token(workdir, request):
    """From the runs' call logs: the admin run (allowed everything) reached every operation of the
    document, the publisher run every publishing and charmcraft one, each with the run's own token and a
    reply past authentication; a 2xx wherever the document lists one. `GET /openapi.yaml`, which
    schemathesis loads but does not test, counts by the test's own fetch with the admin token."""
    logs = {role: os.path.join(workdir, role, "calls.jsonl") for role in ("admin", "publisher")}
    if not all(os.path.exists(path) for path in logs.values()):
        pytest.skip("the admin and publisher runs did not run in this session")
    operations = _operations(os.path.join(workdir, "admin", "openapi.yaml"))
    wanted = {"admin": set(operations),
              "publisher": {op for op, spec in operations.items() if PUBLISHER_TAGS & set(spec.get("tags", []))}}
    missing, figures = [], {}
    for role, log in logs.items():
        calls = _calls(log)
        if role == "admin":
            with open(os.path.join(workdir, "admin", "document-status")) as handle:
                calls.setdefault("GET /openapi.yaml", set()).add(int(handle.read()))
        def reach(op):
            spec = operations[op]
            if role != "admin" and op in ADMIN_SUCCESS_ONLY:
                spec = {**spec, "responses": {code: r for code, r in spec.get("responses", {}).items() if not str(code).startswith("2")}}
            return _reached(spec, calls.get(op, set()))
        reached = {op for op in wanted[role] if reach(op)}
        figures[role] = (len(reached), len(wanted[role]),
                         sum(1 for op in operations if _reached(operations[op], calls.get(op, set()))))
        missing += [f"{role}: {op} (statuses with the token: {sorted(calls.get(op, set())) or 'none'})"
                    for op in sorted(wanted[role] - reached)]
    say(request, "reached with a valid token: " + ", ".join(
        f"{role} {got} of {want} wanted ({total} of {len(operations)} operations)"
        for role, (got, want, total) in figures.items()))
    record("fuzz", f"valid-token reach seed={SEED}", operations=len(operations),
           admin_reached=figures["admin"][0], publisher_reached=figures["publisher"][0],
           publisher_wanted=figures["publisher"][1])
    assert not missing, (f"operations not reached with a valid token (seed {SEED}; {REPLAY}):\n  "
                         + "\n  ".join(missing))


def _operations(document_path):
    """{"GET /path": operation} for every operation of the served document."""
    with open(document_path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return {f"{method.upper()} {path}": spec
            for path, item in document["paths"].items() for method, spec in item.items()
            if method in ("get", "put", "post", "delete", "patch", "head", "options")}


def _calls(path):
    """{operation: statuses} of the calls that carried the run's token with the operation's own method."""
    statuses = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            call = json.loads(line)
            if call["credentials"] == "run" and call["method"] == call["operation"].split(" ", 1)[0]:
                statuses.setdefault(call["operation"], set()).add(call["status"])
    return statuses


def _reached(operation, statuses):
    """A 2xx when the document lists one, else a documented reply other than a refusal or a 5xx."""
    documented = {int(code) for code in operation.get("responses", {}) if str(code).isdigit()}
    if any(200 <= code < 300 for code in documented):
        return any(200 <= status < 300 for status in statuses)
    return any(status in documented and status not in REFUSED and status < 500 for status in statuses)
