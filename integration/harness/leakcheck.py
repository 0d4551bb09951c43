"""The internal details a reply body must never show a client: database and driver messages, SQL text,
file paths of the machine, Swift and Foundation error descriptions.

`internal_details(body)` returns what it found (one short description per finding, empty when the body
is clean). It reads a JSON body's strings (keys and values, `\\/` already unescaped), else the raw text.
The store's own messages are plain sentences ("the page cursor belongs to another search; start
again", "the database is read-only", "No package named 'x' found."), so each pattern names something
only an engine, a driver or a runtime writes: `database error 1: …`, `UNIQUE constraint failed: …`,
`SELECT … FROM "package" WHERE …`, `/home/…`, `StoreServer.swift:42`, `Swift.DecodingError`,
`Optional("…")`. SQL keywords must be upper case, so English ("select a channel from the list") passes.

`sent` (optional) is what the client sent (path, query, body): a finding that occurs in it is the
client's own text echoed back ("No package named '/tmp/x'"), not an internal detail.
"""
import json
import re
import urllib.parse

_I = re.IGNORECASE
PATTERNS = [
    # Database engines and drivers.
    ("database message", re.compile(r"\bdatabase error\b", _I)),
    ("SQLite result code", re.compile(r"\bSQLITE_[A-Z_]+")),
    ("SQLite", re.compile(r"sqlite", _I)),
    ("SQL parser message", re.compile(r"\bunterminated (?:string|quoted|identifier)", _I)),
    ("SQL parser message", re.compile(r"\bsyntax error\b", _I)),
    ("SQL parser message", re.compile(r"\bnear \"[^\"]*\": ")),
    ("SQL schema message", re.compile(r"\bno such (?:table|column|function|index)\b", _I)),
    ("PostgreSQL driver", re.compile(r"\bPSQLError\b|\bPostgresNIO\b|\bPostgresError\b|\bPSQLCastingError\b")),
    ("PostgreSQL message", re.compile(r"\brelation \"")),
    ("PostgreSQL message", re.compile(r"\bviolates\b[^.]*\bconstraint\b", _I)),
    ("PostgreSQL SQLSTATE", re.compile(r"\bsqlState\b|\bSQLSTATE\b")),
    ("constraint message", re.compile(r"\bconstraint failed\b", _I)),
    ("GRDB", re.compile(r"\bGRDB\b")),
    # SQL text (upper-case keywords only).
    ("SQL text", re.compile(r"\bSELECT\s+(?:\*|DISTINCT\b|COUNT\(|\"?[A-Za-z_][\w.\"]*\s*(?:,|FROM\b))")),
    ("SQL text", re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b")),
    ("SQL text", re.compile(r"\bUPDATE\s+\"?\w+\"?\s+SET\b")),
    ("SQL text", re.compile(r"\bDELETE\s+FROM\b")),
    ("SQL text", re.compile(r"\bFROM\s+\"?[a-z_][\w.]*\"?(?:\s+(?:AS\s+)?\"?[a-z_]\w*\"?)?\s+(?:WHERE|JOIN|LEFT|INNER|ORDER|GROUP|LIMIT)\b")),
    ("SQL text", re.compile(r"\bWHERE\s+\"?[a-z_][\w.\"]*\s*(?:=|<>|!=|\bIN\b|\bLIKE\b|\bIS\b|\bMATCH\b)")),
    # File paths of the machine.
    ("file path", re.compile(r"(?<![\w.-])/(?:home|tmp|work|usr|var|root|opt|etc|private|Users|proc)/")),
    ("Swift source location", re.compile(r"\b\w+\.swift(?::\d+|\b)")),
    ("database file", re.compile(r"\.sqlite\b")),
    # Swift and Foundation error descriptions.
    ("Swift type name", re.compile(r"\b(?:Swift|Foundation|NIOCore|NIOPosix|NIOHTTP1|Hummingbird\w*|GRDB|Store(?:Server|Service|Models|SQLite|Postgres|EngineSupport|Client))\.[A-Za-z_]")),
    ("Swift error description", re.compile(r"\b(?:DecodingError|EncodingError|CocoaError|POSIXError|NIOCore|NSError|NSCocoaErrorDomain|NSPOSIXErrorDomain)\b")),
    ("Swift error description", re.compile(r"\b\w*Error\(")),
    ("Swift error description", re.compile(r"\b(?:keyNotFound|valueNotFound|typeMismatch|dataCorrupted)\(|\bCodingKeys\(|codingPath:|debugDescription:")),
    ("Swift optional", re.compile(r"\bOptional\(")),
    ("Swift runtime", re.compile(r"\bFatal error:|\bThread \d+ crashed\b|\bbacktrace\b", _I)),
]


def internal_details(body, sent=None):
    """What in `body` (bytes or str) looks like an internal detail, as `"<kind>: <matched text>"` strings.

    `sent` is the request's text (or a list of texts); findings contained in it are dropped as echoes."""
    echoes = _sent_texts(sent)
    found, seen = [], set()
    for text in _texts(body):
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(text):
                hit = match.group(0)
                if (kind, hit) in seen or any(hit.lower() in echo for echo in echoes):
                    continue
                seen.add((kind, hit))
                found.append(f"{kind}: {_context(text, match)}")
    return found


def _texts(body):
    """The strings of a JSON body (keys and values), else the whole body as text."""
    if isinstance(body, (bytes, bytearray)):
        body = bytes(body).decode("utf-8", "replace")
    body = body or ""
    try:
        document = json.loads(body)
    except ValueError:
        return [body.replace("\\/", "/")]
    texts = []
    _collect(document, texts)
    return texts


def _collect(value, texts):
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            texts.append(str(key))
            _collect(item, texts)
    elif isinstance(value, list):
        for item in value:
            _collect(item, texts)


def _sent_texts(sent):
    """Lower-cased forms of what the client sent: as given and percent-decoded (twice, for nested escapes)."""
    if sent is None:
        return []
    items = [sent] if isinstance(sent, (str, bytes, bytearray)) else list(sent)
    texts = []
    for item in items:
        if isinstance(item, (bytes, bytearray)):
            item = bytes(item).decode("utf-8", "replace")
        if not item:
            continue
        once = urllib.parse.unquote_plus(item)
        texts += [item.lower(), once.lower(), urllib.parse.unquote(once).lower()]
        try:
            texts += [text.lower() for text in _texts(item)]
        except (TypeError, ValueError):
            pass
    return texts


def _context(text, match, width=40):
    """The match with a little of its surroundings, on one line."""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    snippet = text[start:end].replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
