"""Plants hostile strings into a seeded SQLite store, the way another writer of the database could.

Every string goes into: a package's title, summary and description, every revision's version (so the
search list, detail, revisions tab and channel map show it), a new pending revision whose version and
automated-check message it is (review queue), a branch name in the channel map (short strings), the
display name of the package's new owner, the suspension reason of another account (publishers pane) and
the reason, before and after of an audit event (audit pane). Invalid UTF-8 is stored as TEXT bytes.
"""
import json
import sqlite3
import time


def plant(db, entries):
    """Plants `entries` (hostile_corpus dicts); returns [(entry, package name, account username)]."""
    con = sqlite3.connect(db)
    con.text_factory = bytes
    now = time.time()
    packages = con.execute(
        "SELECT pk, name FROM packages WHERE listed = 1 AND status = 'published' "
        "AND EXISTS (SELECT 1 FROM releases r WHERE r.package_pk = packages.pk) ORDER BY name").fetchall()
    if len(packages) < len(entries):
        raise AssertionError(f"only {len(packages)} published packages for {len(entries)} hostile strings")
    planted = []
    for index, entry in enumerate(entries):
        pk, name = packages[index]
        name = name.decode()
        data = entry["data"]
        user = f"hx-{index:04d}"
        account = f"HXACCOUNT{index:023d}"
        other = f"HXSUSPEND{index:023d}"
        text = "CAST(? AS TEXT)"
        con.execute(f"INSERT INTO accounts (id, username, display_name, role, validation, status, created_at) "
                    f"VALUES (?, ?, {text}, 'publisher', 'unproven', 'active', ?)", (account, user, data, now))
        con.execute(f"INSERT INTO accounts (id, username, display_name, role, validation, status, suspended_reason, "
                    f"created_at) VALUES (?, ?, 'Suspended One', 'publisher', 'unproven', 'suspended', {text}, ?)",
                    (other, f"hx-s-{index:04d}", data, now))
        con.execute(f"UPDATE packages SET title = {text}, summary = {text}, description = {text} || {text} || {text}, "
                    f"license = {text}, publisher_id = ? WHERE pk = ?",
                    (data, data, b"Hostile string follows:\n", data, b"\nend of hostile string.", data, account, pk))
        con.execute(f"UPDATE revisions SET version = {text} WHERE package_pk = ?", (data, pk))
        last = con.execute("SELECT last_revision FROM packages WHERE pk = ?", (pk,)).fetchone()[0]
        arch, base = con.execute("SELECT architectures, base FROM revisions WHERE package_pk = ? ORDER BY number DESC "
                                 "LIMIT 1", (pk,)).fetchone()
        message = data.decode("utf-8", errors="replace")
        checks = json.dumps([{"code": "hostile", "message": message, "severity": "needs-review"}]).encode()
        con.execute(f"INSERT INTO revisions (package_pk, number, version, architectures, base, size, sha3_384, created_at, "
                    f"uploader, confinement, grade, permissions, review_status, review_note, checks) VALUES "
                    f"(?, ?, {text}, ?, ?, 1000, ?, ?, ?, 'strict', 'stable', '[]', 'pending', {text}, ?)",
                    (pk, last + 1, data, arch, base, "0" * 96, now + index, user, data, checks))
        con.execute("UPDATE packages SET last_revision = ? WHERE pk = ?", (last + 1, pk))
        if entry["kind"] != "long" and len(data) <= 200:
            released = con.execute("SELECT architecture, base, revision FROM releases WHERE package_pk = ? "
                                   "AND branch = '' LIMIT 1", (pk,)).fetchone()
            if released:
                con.execute(f"INSERT OR IGNORE INTO releases (package_pk, track, risk, branch, architecture, base, "
                            f"revision, released_at, expires_at) VALUES (?, 'latest', 'edge', {text}, ?, ?, ?, ?, ?)",
                            (pk, data, released[0], released[1], released[2], now, now + 86400 * 30))
        before = json.dumps({"reason": message}).encode()
        con.execute(f"INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, package, "
                    f"publisher, before_json, after_json, reason) VALUES (?, ?, 'admin', 'publisher.suspend', "
                    f"'publisher', ?, ?, ?, ?, ?, {text})",
                    (now + index, user, other, name, f"hx-s-{index:04d}", before, before, data))
        planted.append((entry, name, user))
    con.commit()
    con.close()
    return planted
