"""SIGKILL the embedded console (store-tui over a SQLite file, under tmux) right after the user confirms a
release, at several delays. Afterwards the database passes `PRAGMA integrity_check`, the promotion is
either wholly there or wholly absent, and the channel map, its version, the release history and the
audit log agree.
"""
import json
import os
import shutil
import signal
import sqlite3
import time

from faultlib import TmuxSession, bin_path, record, scaled, sqlite_integrity, store_tui

PACKAGE = "alice-notes"


def snapshot(db):
    with sqlite3.connect(db) as conn:
        pk, version = conn.execute("SELECT pk, channel_map_version FROM packages WHERE name = ?", (PACKAGE,)).fetchone()
        releases = conn.execute("SELECT track, risk, branch, architecture, base, revision, progressive FROM releases "
                                "WHERE package_pk = ?", (pk,)).fetchall()
        events = conn.execute("SELECT action, before_json, after_json FROM audit_events WHERE package = ? AND "
                              "object_kind = 'channel-map' ORDER BY id", (PACKAGE,)).fetchall()
        history = conn.execute("SELECT COUNT(*) FROM release_history WHERE package_pk = ?", (pk,)).fetchone()[0]
    return {"version": version, "releases": releases, "events": events, "history": history}


def as_set(releases_json):
    out = set()
    for item in json.loads(releases_json or "[]"):
        channel = item["channel"].split("/")
        out.add((channel[0], channel[1], channel[2] if len(channel) > 2 else "", item["platform"]["architecture"],
                 item["platform"].get("base") or "", item["revision"], item.get("progressivePercentage")))
    return out


def test_console_killed_right_after_confirming_a_release(tmp_dir):
    pristine = os.path.join(tmp_dir, "pristine.sqlite")
    store_tui("seed", "--packages", "50", "--database", pristine)
    start = snapshot(pristine)
    delays = scaled([0.0, 0.02, 0.1], [0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5])
    problems, outcomes, lost = [], [], 0
    for delay in delays:
        db = os.path.join(tmp_dir, f"kill-{delay}.sqlite")
        shutil.copy(pristine, db)
        term = TmuxSession(width=160, height=40)
        try:
            term.run(f"exec {bin_path()} --database {db} --as alice")
            term.wait_for("packages", timeout=60)
            pid = int(term.display("#{pane_pid}"))
            term.send(":")
            term.type(f"open {PACKAGE}")
            term.send("Enter")
            term.wait_for("Publisher")
            term.send("3")
            term.wait_for("CHANNEL")
            term.send("j", "p")
            term.wait_for("Release preview")
            term.send("y")
            time.sleep(delay)
            shown = term.screen()  # what the user had been told when the process died
            os.kill(pid, signal.SIGKILL)
        finally:
            term.close()
        problems += [f"kill after {delay}s: {p}" for p in sqlite_integrity(db)]
        now = snapshot(db)
        applied = now["version"] - start["version"]
        outcomes.append(applied)
        new_events = now["events"][len(start["events"]):]
        if "Promoted" in shown and applied == 0:
            lost += 1
            problems.append(f"kill after {delay}s: the console said Promoted, the database has no promotion")
        if applied not in (0, 1):
            problems.append(f"kill after {delay}s: the map version moved by {applied}")
        if len(new_events) != applied or now["history"] - start["history"] != applied:
            problems.append(f"kill after {delay}s: version +{applied}, {len(new_events)} audit events, "
                            f"{now['history'] - start['history']} history rows")
        if applied == 1:
            action, before, after = new_events[0]
            if action != "promote" or as_set(after) != set(now["releases"]):
                problems.append(f"kill after {delay}s: the audit event does not match the map")
            if as_set(before) != set(start["releases"]):
                problems.append(f"kill after {delay}s: the audit event's before is not the map the user saw")
            stable = {r[5] for r in now["releases"] if r[1] == "stable"}
            candidate = {r[5] for r in now["releases"] if r[1] == "candidate"}
            if stable != candidate:
                problems.append(f"kill after {delay}s: half a promotion: stable {stable}, candidate {candidate}")
        elif set(now["releases"]) != set(start["releases"]):
            problems.append(f"kill after {delay}s: the map changed without a version and an audit event")
    print(f"\nconsole killed after confirming, delays {delays}: promotion applied {outcomes}")
    record("fault", "sigkill-console", scenarios=len(delays), data_lost=lost)
    assert not problems, "\n".join(problems)
