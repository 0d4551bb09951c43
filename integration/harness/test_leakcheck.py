"""The internal-detail scanner (leakcheck.py) that the fuzz runs' `no_internal_detail` check uses: it flags
the database message the server once sent in a 500, and other engine, SQL, path and Swift leaks, and it
does not flag the store's own error replies, hardcoded ones or fresh ones from a live server (404, 400,
401, 403, 405, 409, 413, 414, 415)."""
import json
import urllib.error
import urllib.request

from leakcheck import internal_details

# The reply of the baseline server to `GET /v2/snaps/find?q=a%00b` (issue 19).
KNOWN_LEAK = ('{"error-list":[{"code":"api-error","message":"The server failed (500): database error 1: '
              'unterminated string","extra":{"detail":"database error 1: unterminated string"}}]}')

LEAKS = [
    KNOWN_LEAK.encode(),
    "The server failed (500): database error 1: unterminated string",
    '{"error-list":[{"code":"bad-argument","message":"a value breaks a database rule (UNIQUE constraint failed: package.name)"}]}',
    'SQLite error 1: near "b": syntax error - while executing `SELECT * FROM "package" WHERE name = ?`',
    "SQLITE_BUSY: database is locked",
    'PSQLError(code: server, serverInfo: [sqlState: 23505])',
    'duplicate key value violates unique constraint "package_name_key"',
    'relation "packages" does not exist',
    "no such table: package",
    "INSERT INTO audit_events (actor) VALUES (?)",
    "UPDATE package SET title = ? WHERE id = ?",
    "cannot open the database file (/home/store/.local/share/store-tui/store.sqlite)",
    '{"message":"cannot read \\/tmp\\/uploads\\/x"}',
    "Fatal error at /opt/build/Sources/StoreServer/Routes/AdminRoutes.swift:42",
    "StoreServer.swift:42: unexpected nil",
    'Swift.DecodingError.keyNotFound(CodingKeys(stringValue: "name", intValue: nil), Context(codingPath: []))',
    "Foundation.CocoaError(_nsError: Error Domain=NSCocoaErrorDomain Code=4)",
    'the name Optional("alice") is taken',
    "NIOCore.IOError: Connection reset by peer",
    "GRDB.DatabaseError",
]

# Error replies of the store as the server writes them (collected from a live server).
LEGITIMATE = [
    '{"error-list":[{"code":"resource-not-found","extra":{"kind":"package","name":"no-such-package"},"message":"No package named \'no-such-package\' found."}]}',
    '{"error-list":[{"code":"resource-not-found","extra":{"kind":"package","name":"no-such-package"},"message":"No snap named \'no-such-package\' found in series \'16\'."}]}',
    '{"error-list":[{"code":"invalid-channel","extra":{"detail":"channel \'bad//chan\' has an empty part at position 2; write track/risk[/branch]"},"message":"channel \'bad//chan\' has an empty part at position 2; write track/risk[/branch]"}]}',
    '{"error-list":[{"code":"macaroon-permission-required","extra":{"detail":"unknown token"},"message":"unknown token. Log in with `store-tui login` or set STORE_TUI_TOKEN."}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"the body is not valid JSON (The given data was not valid JSON.)"},"message":"the body is not valid JSON (The given data was not valid JSON.)"}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"the field \'name\' must be a string: Expected to decode String but found number instead."},"message":"the field \'name\' must be a string: Expected to decode String but found number instead."}]}',
    '{"error-list":[{"code":"conflict","extra":{"detail":"The name \'alice-notes\' is already registered; choose another."},"message":"The name \'alice-notes\' is already registered; choose another."}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"unknown field \'bogus\' in the body"},"message":"unknown field \'bogus\' in the body"}]}',
    '{"error-list":[{"code":"permission-denied","extra":{"detail":"the audit log is for reviewers and admins"},"message":"Not allowed: the audit log is for reviewers and admins."}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"the page cursor belongs to another search; start again"},"message":"the page cursor belongs to another search; start again"}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"\'limit\' must be a whole number from 1 to 200 (got \'0\')"},"message":"\'limit\' must be a whole number from 1 to 200 (got \'0\')"}]}',
    '{"error-list":[{"code":"method-not-allowed","message":"/api/v1/packages does not accept PUT; use GET, HEAD, POST."}]}',
    '{"error-list":[{"code":"payload-too-large","message":"The request body is larger than the server accepts (1048576 bytes)."}]}',
    '{"error-list":[{"code":"bad-argument","extra":{"detail":"the field \'[0].resources\' is required"},"message":"the field \'[0].resources\' is required"}]}',
    '{"error-list":[{"code":"conflict","message":"\'zen-peony\' has uploaded revisions and cannot be unregistered."}]}',
    '{"error-list":[{"code":"api-error","message":"Track \'9.0\' does not match any track guardrail of \'zen-peony\'; ask an admin to open it."}]}',
    '{"error-list":[{"code":"store-unavailable","extra":{"retryAfter":1},"message":"database is locked by another writer; try again in a moment"}]}',
    '{"error-list":[{"code":"store-unavailable","message":"the database is read-only"}]}',
    '{"error-list":[{"code":"bad-argument","message":"a PostgreSQL URL looks like postgres://user:password@host:5432/database"}]}',
    '{"error-list":[{"code":"bad-argument","message":"select a channel from the list where it is open"}]}',
    "",
    b"\xff\xfe not UTF-8",
]


def test_flags_leaks():
    """Each body shows something only the database, its driver or the Swift runtime writes."""
    missed = [body for body in LEAKS if not internal_details(body)]
    assert not missed, "not flagged:\n" + "\n".join(repr(body) for body in missed)


def test_the_known_leak_names_the_database_message():
    """The 500 of `GET /v2/snaps/find?q=a%00b` is flagged for its database message, even when the client
    sent the query (the NUL and the letters are not what leaks)."""
    details = internal_details(KNOWN_LEAK, sent=["http://127.0.0.1:1/v2/snaps/find?q=a%00b"])
    assert any(detail.startswith("database message: ") and "database error 1" in detail for detail in details)
    assert any("unterminated string" in detail for detail in details)


def test_store_messages_are_not_flagged():
    """The store's own sentences, including the ones that mention the database, pass."""
    flagged = [(body, internal_details(body)) for body in LEGITIMATE if internal_details(body)]
    assert not flagged, "flagged:\n" + "\n".join(f"{body!r}: {details}" for body, details in flagged)


def test_client_text_quoted_back_is_not_a_leak():
    """A path the client put in the request and the reply quotes is the client's text, not the server's."""
    body = '{"error-list":[{"code":"resource-not-found","message":"No package named \'/tmp/x\' found."}]}'
    assert internal_details(body)
    assert internal_details(body, sent="http://127.0.0.1:1/api/v1/packages/%2Ftmp%2Fx") == []


def _call(url, method, path, token=None, body=None, headers=None):
    request = urllib.request.Request(url + path, data=body, method=method, headers=headers or {})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _live_requests(live_store):
    """(what, method, path, token, body, headers, expected status) for error replies of every kind."""
    publisher, admin = live_store.tokens["publisher"], live_store.tokens["admin"]
    json_type = {"Content-Type": "application/json"}
    return [
        ("unknown package", "GET", "/api/v1/packages/no-such-package", None, None, None, 404),
        ("unknown snap", "GET", "/v2/snaps/info/no-such-package", None, None, None, 404),
        ("unknown charm", "GET", "/v1/charm/no-such-charm", publisher, None, None, 404),
        ("bad channel", "GET", "/v2/snaps/find?channel=bad//chan", None, None, None, 400),
        ("bad limit", "GET", "/api/v1/packages?limit=0", None, None, None, 400),
        ("bad cursor", "GET", "/api/v1/packages?cursor=garbage", None, None, None, 400),
        ("unknown query parameter", "GET", "/api/v1/packages?bogus=1", None, None, None, 400),
        ("bad JSON", "POST", "/api/v1/packages", publisher, b'{"name":', json_type, 400),
        ("wrong JSON type", "POST", "/api/v1/packages", publisher, b'{"name":5,"type":"snap"}', json_type, 400),
        ("unknown field", "POST", "/api/v1/packages", publisher, b'{"name":"zz-x","type":"snap","x":1}', json_type, 400),
        ("bad token", "GET", "/api/v1/whoami", "stui_nonsense", None, None, 401),
        ("not multipart", "POST", "/unscanned-upload/", None, b"x", None, 400),
        ("not a reviewer", "GET", "/api/v1/audit", publisher, None, None, 403),
        ("name taken", "POST", "/api/v1/packages", admin, b'{"name":"alice-notes","type":"snap"}', json_type, 409),
        ("wrong method", "PUT", "/api/v1/packages", None, None, None, 405),
        ("body too large", "POST", "/api/v1/packages", publisher, b"a" * (1 << 20 | 1), json_type, 413),
        ("URI too long", "GET", "/api/v1/packages?q=" + "a" * 9000, None, None, None, 414),
        ("not JSON", "POST", "/v1/charm", publisher, b"x", {"Content-Type": "text/plain"}, 415),
    ]


def test_live_error_replies_are_not_flagged(live_store):
    """Fresh error replies of the server: the status expected, and nothing the scanner calls internal."""
    problems = []
    for what, method, path, token, body, headers, expected in _live_requests(live_store):
        status, reply = _call(live_store.url, method, path, token, body, headers)
        details = internal_details(reply)
        if status != expected or details:
            problems.append(f"{what}: {method} {path[:80]} -> {status} (expected {expected}) {details or ''} "
                            f"{reply[:300]!r}")
        if status >= 400 and reply:
            assert "error-list" in json.loads(reply), f"{what}: not the error envelope: {reply[:300]!r}"
    assert not problems, "\n".join(problems)
