"""Publisher and reviewer work in the real console under tmux, on the embedded demo store."""
import os
import sqlite3

import pytest

from tmux_session import BIN, TmuxSession


@pytest.fixture
def term():
    """A wide terminal, so status messages are not truncated."""
    session = TmuxSession(width=160, height=40)
    yield session
    session.close()


def open_console(term, db, user):
    term.run(f"{os.path.abspath(BIN)} --database {db} --as {user}; echo EXIT=$?")
    term.wait_for("packages", timeout=60)


def open_channel_map(term, name):
    term.send(":")
    term.type(f"open {name}")
    term.send("Enter")
    term.wait_for("Publisher")
    term.send("3")
    term.wait_for("CHANNEL")


def test_publisher_promotes_candidate_to_stable(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    open_console(term, db, "alice")
    open_channel_map(term, "alice-notes")
    screen = term.screen()
    stable_row = next(line for line in screen.split("\n") if " latest/stable" in line)
    assert "·" in stable_row  # nothing on stable yet: never released
    term.send("j", "p")  # highlight candidate's first cell, promote it there
    screen = term.wait_for("Release preview")
    assert "latest/stable" in screen and "never released" in screen
    term.send("y")
    screen = term.wait_for("Promoted latest/candidate to latest/stable on ")
    stable_row = next(line for line in screen.split("\n") if " latest/stable" in line)
    assert stable_row.split()[-1] == "·", "the other platforms are left as they were (never released)"
    term.send("*")  # the next action covers every platform
    term.wait_for("* every platform")
    term.send("p")
    term.wait_for("Release preview")
    term.send("y")
    screen = term.wait_for("Promoted latest/candidate to latest/stable on every platform")
    stable_row = next(line for line in screen.split("\n") if " latest/stable" in line)
    candidate_row = next(line for line in screen.split("\n") if " latest/candidate" in line)
    assert stable_row.split()[-4:] == candidate_row.split()[-4:]  # same versions and revisions on both
    term.send("q")
    term.wait_for("EXIT=0")


def test_stale_plan_shows_a_conflict_and_can_be_rebuilt(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    open_console(term, db, "alice")
    open_channel_map(term, "alice-notes")
    term.send("j", "p")
    term.wait_for("Release preview")
    other = TmuxSession(width=160, height=40)
    try:  # meanwhile, bob (a collaborator) closes edge from another console
        open_console(other, db, "bob")
        open_channel_map(other, "alice-notes")
        other.send("j", "j", "j", "x")
        other.wait_for("Release preview")
        other.send("y")
        other.wait_for("version 3")
        other.send("q")
    finally:
        other.close()
    term.send("y")
    screen = term.wait_for("changed", timeout=20)
    assert "edge" in screen
    term.send("r")
    term.wait_for("Release preview")
    term.send("y")
    screen = term.wait_for("Promoted", timeout=20)
    term.send("q")
    term.wait_for("EXIT=0")


def test_reviewer_rejects_an_upload_with_a_reason(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    open_console(term, db, "reviewer")
    term.send("Q")
    screen = term.wait_for("Review queue")
    first = screen.split("\n")[3].split()
    package, revision = first[2], int(first[3])
    term.send("d")
    term.wait_for("Reason")
    term.type("uses system-files without a justification")
    term.send("Enter")
    term.wait_for(f"Rejected {package} r{revision}")
    term.send("q")
    term.wait_for("EXIT=0")
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT r.review_status, r.review_note FROM revisions r JOIN packages p ON p.pk = r.package_pk "
            "WHERE p.name = ? AND r.number = ?", (package, revision)).fetchone()
        audit = conn.execute("SELECT COUNT(*) FROM audit_events WHERE action = 'review.reject' AND actor = 'reviewer'").fetchone()
    assert row == ("rejected", "uses system-files without a justification")
    assert audit[0] == 1


def test_viewer_is_offered_no_changing_action(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    open_console(term, db, "viewer")
    open_channel_map(term, "alice-notes")
    term.send("p")
    screen = term.wait_for("Not allowed")
    assert "Release preview" not in screen
    term.send("Q")
    term.wait_for("Not allowed")
    term.send("q")
    term.wait_for("EXIT=0")
