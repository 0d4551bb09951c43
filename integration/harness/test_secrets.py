"""Token secrets never leave the token holder: not in server logs (at the most verbose level), not in
the database (only hashes are stored), not in error replies; expired, revoked and mistyped tokens are
refused with 401, whichever credential form carries them."""
import json
import os
import re
import sqlite3
import urllib.error
import urllib.request

import pytest

from harness_env import StoreServer, seed, store_tui
from harness_results import record

SECRET = re.compile(r"stui_[A-Za-z0-9]+")


def issue(db, user, role, *extra):
    out = store_tui("token", "create", "--user", user, "--role", role, "--database", db, *extra)
    return SECRET.search(out).group(0)


def call(url, method, path, authorization=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method)
    if authorization:
        request.add_header("Authorization", authorization)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def traced_store(tmp_path_factory):
    """A server logging at `trace` over a seeded store, with an admin and a publisher token."""
    tmp = str(tmp_path_factory.mktemp("secrets"))
    db = seed(tmp, packages=50)
    admin = issue(db, "secrets-admin", "admin")
    alice = issue(db, "alice", "publisher")
    server = StoreServer(db, tmp, log_level="trace")
    yield {"db": db, "tmp": tmp, "server": server, "admin": admin, "alice": alice}
    server.stop()


def test_no_secret_reaches_the_log_the_database_or_an_error_reply(traced_store):
    server, admin, alice = traced_store["server"], traced_store["admin"], traced_store["alice"]
    url = server.url
    secrets = {admin, alice}
    replies = []
    checks = 0

    # Every credential form, valid.
    for authorization in (f"Bearer {alice}", f"Macaroon {alice}", f'Macaroon root="{alice}", discharge=""'):
        status, text = call(url, "GET", "/v1/tokens/whoami", authorization)
        replies.append(text)
        checks += 1
        assert status == 200, (authorization.split()[0], status, text)

    # A token issued over the API: its secret is in that one reply, and nowhere after.
    status, text = call(url, "POST", "/api/v1/tokens", f"Bearer {admin}",
                        {"username": "secrets-bob", "role": "publisher", "description": "harness"})
    assert status in (200, 201), text
    issued = json.loads(text)
    fresh = SECRET.search(text).group(0)
    secrets.add(fresh)
    token_id = issued.get("id") or issued.get("info", {}).get("id") or issued.get("token", {}).get("id")
    assert token_id, text
    status, _ = call(url, "GET", "/api/v1/whoami", f"Bearer {fresh}")
    checks += 1
    assert status == 200

    # Near misses and revoked tokens: 401, and the reply does not echo what was sent.
    mistyped = alice[:-1] + ("A" if alice[-1] != "A" else "B")
    status, text = call(url, "GET", "/api/v1/whoami", f"Bearer {mistyped}")
    replies.append(text)
    checks += 1
    assert status == 401 and mistyped not in text, text
    status, text = call(url, "DELETE", f"/api/v1/tokens/{token_id}", f"Bearer {admin}")
    assert status in (200, 204), text
    for path in ("/api/v1/whoami", "/api/v1/me/packages"):
        status, text = call(url, "GET", path, f"Bearer {fresh}")
        replies.append(text)
        checks += 1
        assert status == 401 and fresh not in text, (path, status, text)

    # An idempotent write with the secret in its scope.
    status, text = call(url, "GET", "/api/v1/me/packages", f"Bearer {alice}", headers={"Idempotency-Key": "harness-1"})
    checks += 1
    assert status == 200, text

    server.stop()
    with open(server.log_path, encoding="utf-8", errors="replace") as handle:
        log = handle.read()
    assert log.count("whoami") >= 3, "the server did not log the requests: nothing to check"
    leaks = [s for s in secrets if s in log]
    leaks += [s for s in secrets for r in replies if s in r and s != fresh]

    # The database holds hashes only (the file, its WAL and every text column).
    db = traced_store["db"]
    blobs = b""
    for suffix in ("", "-wal"):
        if os.path.exists(db + suffix):
            with open(db + suffix, "rb") as handle:
                blobs += handle.read()
    leaks += [s for s in secrets if s.encode() in blobs]
    connection = sqlite3.connect(db)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(tokens)")]
        rows = connection.execute("SELECT * FROM tokens").fetchall()
    finally:
        connection.close()
    assert rows, "no tokens stored"
    leaks += [s for s in secrets for row in rows for value in row if isinstance(value, str) and s in value]
    checks += 3
    record("secrets", "tokens-never-stored-logged-or-echoed", checks=checks, leaks=len(leaks))
    assert not leaks, f"token secrets leaked ({len(leaks)}); token columns: {columns}"


def test_expired_tokens_are_refused_in_every_form(traced_store):
    db = traced_store["db"]
    expired = issue(db, "secrets-expired", "publisher", "--expires", "1h")
    # Let the hour pass: move the token's expiry into the past, as the clock would.
    connection = sqlite3.connect(db)
    try:
        with connection:
            changed = connection.execute(
                "UPDATE tokens SET expires_at = created_at - 1 WHERE account_id = "
                "(SELECT id FROM accounts WHERE username = 'secrets-expired')").rowcount
    finally:
        connection.close()
    assert changed == 1
    logs = os.path.join(traced_store["tmp"], "expired")
    os.makedirs(logs, exist_ok=True)
    server = StoreServer(db, logs)
    try:
        refused = 0
        forms = (f"Bearer {expired}", f"Macaroon {expired}")
        paths = ("/api/v1/whoami", "/v1/tokens/whoami")
        for authorization in forms:
            for path in paths:
                status, text = call(server.url, "GET", path, authorization)
                refused += status == 401
                assert status == 401, (authorization.split()[0], path, status, text)
        record("authz", "expired-token-forms", cases=len(forms) * len(paths), failures=len(forms) * len(paths) - refused)
    finally:
        server.stop()


def _upload(url, authorization=None):
    """`POST /unscanned-upload/` of a few bytes (anonymous, as snapcraft sends it, unless told); its id."""
    boundary = "harness0secrets0boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"x.charm\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + b"PK\x05\x06" + b"\0" * 18 + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url + "/unscanned-upload/", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    if authorization:
        request.add_header("Authorization", authorization)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["upload_id"]


def test_upload_ids_stay_out_of_the_log(tmp_path_factory):
    """An upload's id is a capability (whoever has an anonymous upload's id may push it), so even the
    `trace` log names uploads by a digest: not when received, polled or pushed."""
    tmp = str(tmp_path_factory.mktemp("upload-ids"))
    db = seed(tmp, packages=20)
    alice = issue(db, "alice", "publisher")
    server = StoreServer(db, tmp, log_level="trace")
    try:
        anonymous = _upload(server.url)
        status, _ = call(server.url, "GET", f"/dev/api/snap-status/{anonymous}")
        assert status == 200
        status, text = call(server.url, "POST", "/v1/charm", f"Bearer {alice}", {"name": "harness-ids", "type": "charm"})
        assert status == 200, text
        mine = _upload(server.url, f"Bearer {alice}")
        status, text = call(server.url, "POST", "/v1/charm/harness-ids/revisions", f"Bearer {alice}", {"upload-id": mine})
        assert status == 200, text
        status, _ = call(server.url, "GET", f"/v1/charm/harness-ids/revisions/review?upload-id={mine}", f"Bearer {alice}")
        assert status == 200
    finally:
        server.stop()
    with open(server.log_path, encoding="utf-8", errors="replace") as handle:
        log = handle.read()
    assert "upload received" in log and "upload pushed" in log, "the server did not log the uploads: nothing to check"
    leaks = [upload for upload in (anonymous, mine) if upload in log]
    record("secrets", "upload-ids-never-logged", checks=2, leaks=len(leaks))
    assert not leaks, f"upload ids reached the log: {leaks}"
