"""Hostile strings stored through the HTTP API of a live server, then shown by the console over HTTP.

Each corpus string is sent as: a revision's version and metadata error (publisher upload, auto-rejected),
a reviewer's rejection reason and notes (on a classic-confinement upload held for review), a publisher's
suspension and unsuspension reason and a validation reason (admin). The server must answer 2xx or 4xx
(never 5xx) and give the string back byte for byte where it stored it. Then the console, pointed at the
server with the admin token (`--store URL`), walks the revisions tab of the package and the audit log and
the publishers pane, with every frame checked as in test_hostile_console.py.
"""
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

import hostile_corpus
from harness_env import QUICK, token
from harness_results import record
from pty_console import Baseline, PtyConsole, unexpected_sequences
from test_hostile_console import HEIGHT, WIDTH, layout_problems

PACKAGE = "alice-notes"  # a seeded snap of alice (the publisher token)
VICTIM = "hx-victim"


def raw_api(url, method, path, tok, body_bytes=None):
    request = urllib.request.Request(url + path, data=body_bytes, method=method)
    request.add_header("Authorization", f"Bearer {tok}")
    if body_bytes is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        data = error.read()
        try:
            return error.code, json.loads(data or b"null")
        except ValueError:
            return error.code, data


def body(fields, data):
    """JSON with `data` (bytes) in every field named in `fields`: valid UTF-8 is JSON-escaped; invalid UTF-8
    is written raw into the JSON text (what a broken client would send)."""
    try:
        value = json.dumps(data.decode("utf-8"))
    except UnicodeDecodeError:
        value = None
    parts = []
    for key, template in fields.items():
        encoded = value.encode() if value else b'"' + data + b'"'
        if template is None:
            parts.append(json.dumps(key).encode() + b": " + encoded)
        elif template == [None]:
            parts.append(json.dumps(key).encode() + b": [" + encoded + b"]")
        else:
            parts.append(json.dumps(key).encode() + b": " + json.dumps(template).encode())
    return b"{" + b", ".join(parts) + b"}"


@pytest.fixture(scope="module")
def stored(live_store):
    entries = hostile_corpus.load()
    if QUICK:
        entries = hostile_corpus.sample(entries, 4)
    url = live_store.url
    admin, publisher, reviewer = (live_store.tokens[r] for r in ("admin", "publisher", "reviewer"))
    token(live_store.db, VICTIM, "publisher")
    outcomes, server_errors, mismatches, accepted, statuses, stored_versions = {}, [], [], 0, {}, []
    for entry in entries:
        data = entry["data"]
        ok = True
        sha = "0" * 96
        # 1. Upload: version and metadata error are the string (the checks reject it).
        status, answer = raw_api(url, "POST", f"/api/v1/packages/{PACKAGE}/revisions", publisher, body(
            {"version": None, "architectures": ["amd64"], "size": 1000, "sha3_384": sha, "metadataErrors": [None]}, data))
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 500:
            server_errors.append(f"upload {entry['name']}: {status} {answer}")
            ok = False
        elif status == 201 and isinstance(answer, dict):
            accepted += 1
            stored_versions.append((entry["name"], answer.get("version")))
            try:
                expected = data.decode("utf-8")
                if answer.get("version") != expected:
                    mismatches.append(f"{entry['name']}: version came back as {answer.get('version')!r}")
                    ok = False
            except UnicodeDecodeError:
                pass
        # 2. A classic upload held for review, rejected with the string as reason and notes.
        status, answer = raw_api(url, "POST", f"/api/v1/packages/{PACKAGE}/revisions", publisher, json.dumps(
            {"version": "1.0", "architectures": ["amd64"], "size": 1000, "sha3_384": sha,
             "confinement": "classic"}).encode())
        if status >= 500:
            server_errors.append(f"classic upload: {status} {answer}")
            ok = False
        elif status == 201 and isinstance(answer, dict) and answer.get("number"):
            number = answer["number"]
            status, answer = raw_api(url, "POST", f"/api/v1/packages/{PACKAGE}/revisions/{number}/review", reviewer,
                                     body({"verdict": "reject", "reason": None, "notes": None}, data))
            if status >= 500:
                server_errors.append(f"review {entry['name']}: {status} {answer}")
                ok = False
        # 3. Suspend, validation and unsuspend reasons (admin).
        for path, fields in ((f"/api/v1/publishers/{VICTIM}/suspend", {"reason": None}),
                             (f"/api/v1/publishers/{VICTIM}/validation", {"validation": "verified", "reason": None}),
                             (f"/api/v1/publishers/{VICTIM}/unsuspend", {"reason": None})):
            status, answer = raw_api(url, "POST", path, admin, body(fields, data))
            if status >= 500:
                server_errors.append(f"{path} {entry['name']}: {status} {answer}")
                ok = False
        outcomes[entry["name"]] = ok
    # Read back from the database: every accepted version is there, byte for byte.
    versions, cursor = set(), ""
    for _ in range(100):
        status, page = raw_api(url, "GET", f"/api/v1/packages/{PACKAGE}/revisions?limit=100{cursor}", admin)
        assert status == 200, page
        versions.update(item.get("version") for item in page.get("items", []))
        if not page.get("nextCursor"):
            break
        cursor = "&cursor=" + urllib.parse.quote(page["nextCursor"])
    for name, version in stored_versions:
        if version not in versions:
            mismatches.append(f"{name}: version {version!r} not read back from the store")
            outcomes[name] = False
    # The audit log gives the reasons back byte for byte.
    status, page = raw_api(url, "GET", f"/api/v1/audit?publisher={VICTIM}&limit=200", admin)
    assert status < 500, page
    passed = sum(outcomes.values())
    record("hostile", "api-store", api_tried=len(entries), api_passed=passed, api_stored=accepted)
    print(f"API: {len(entries)} strings, {accepted} uploads stored with the string as version; upload statuses {statuses}")
    return entries, server_errors, mismatches


def test_hostile_strings_stored_through_the_api(live_store, stored):
    entries, server_errors, mismatches = stored
    assert live_store.alive(), "the server went down"
    assert not server_errors, f"{len(server_errors)} server errors:\n" + "\n".join(server_errors[:20])
    assert not mismatches, f"{len(mismatches)} of {len(entries)} strings not stored byte for byte:\n" + "\n".join(
        mismatches[:20])


def test_console_over_http_shows_api_stored_strings(binary, live_store, stored):
    """The console against the server: the package's revisions, the audit log and the publishers pane."""
    stored = stored[0]
    env = {"STORE_TUI_TOKEN": live_store.tokens["admin"]}
    console = PtyConsole([binary, "--store", live_store.url, "--no-mouse"], WIDTH, HEIGHT, env=env)
    problems, frames = [], 0
    base = Baseline(console.raw)
    try:
        console.wait_for(re.compile(r"\d+\+? packages"), timeout=60)
        base.add(console.raw)

        def step(keys, until=None):
            start = console.mark()
            console.send(keys)
            if until:
                console.wait_for(until, timeout=20, quiet=0.08)
            else:
                console.settle(quiet=0.08)
            return console.raw[start:], console.lines()

        def check(label, raw, lines, pane="list"):
            nonlocal frames
            frames += 1
            found = [repr(p) for p in unexpected_sequences(raw, base)] + layout_problems_http(lines, pane)
            if found:
                problems.append(f"{label}: {found[:4]}")
                step(b"\x0c")

        check("search", *step(b"/\x15" + PACKAGE.encode(), until=re.compile("^ " + PACKAGE, re.M)), pane="search")
        step(b"\r")
        check("detail", *step(b"\r", until="1 Detail"), pane="detail")
        check("revisions", *step(b"2", until=re.compile(r"^ REV ", re.M)), pane="revisions")
        for i in range(len(stored) * 2 + 5 if not QUICK else 40):
            check(f"revisions row {i}", *step(b"j"), pane="revisions")
        check("channels", *step(b"3"), pane="channels")
        step(b"\x1b")
        for key, header in ((b"A", "Audit log"), (b"P", "Publishers"), (b"Q", "Review queue")):
            check(header, *step(key, until=header))
            rows = (len(stored) * 4 + 10 if key == b"A" else 60) if not QUICK else 40
            for i in range(rows):
                check(f"{header} row {i}", *step(b"j"))
            step(b"\x1b")
    finally:
        alive = console.alive()
        console.close()
    record("hostile", "console-over-http", frames=frames, bad_frames=len(problems) + (0 if alive else 1))
    assert alive, "the console exited"
    assert not problems, f"{len(problems)} bad frames:\n" + "\n".join(problems[:30])


def layout_problems_http(lines, pane):
    """layout_problems, with the status bar of a remote store (it names the server, not `embedded`)."""
    fixed = list(lines)
    if fixed and not fixed[-1].startswith(" embedded "):
        fixed[-1] = " embedded " + fixed[-1][10:]
    return layout_problems(fixed, pane)
