"""The SSH keys screen in the real console under tmux, on the embedded demo store."""
import os
import subprocess

import pytest

from tmux_session import BIN, TmuxSession


@pytest.fixture
def term():
    session = TmuxSession(width=120, height=30)
    yield session
    session.close()


def new_key(directory, name, comment):
    path = os.path.join(directory, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], check=True)
    with open(path + ".pub") as handle:
        line = handle.read().strip()
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", path + ".pub"], capture_output=True, text=True,
                                 check=True).stdout.split()[1]
    return line, fingerprint


def test_an_account_adds_a_pasted_key_is_told_why_a_bad_one_is_refused_and_removes_it(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    term.run(f"{os.path.abspath(BIN)} --database {db} --as alice; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.send("K")
    term.wait_for("You have no SSH keys yet")

    term.send("a")
    term.wait_for("Add an SSH key")
    term.type("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0 old@host")
    term.send("Enter")
    screen = term.wait_for("not supported")
    assert "keys of type 'ssh-rsa' are not supported; use ed25519" in screen
    assert "Add an SSH key" in screen, "the form stays open to fix the line"

    # A bidi override in the comment (an Escape would be a key: it would cancel the form).
    line, fingerprint = new_key(term.tmp, "id_alice", "alice@desk\u202eevil")
    term.send("C-u")
    term.type(line)
    term.send("Enter")
    screen = term.wait_for("Added ")
    assert fingerprint in screen
    assert "\u202e" not in screen
    rows = [row for row in screen.split("\n") if "ed25519" in row]
    assert len(rows) == 1 and "alice@desk" in rows[0] and "evil" in rows[0], screen
    listed = subprocess.run([BIN, "ssh-key", "list", "--user", "alice", "--database", db], capture_output=True, text=True,
                            check=True).stdout
    assert fingerprint in listed

    term.send("d")
    term.wait_for("Remove an SSH key")
    term.type("yes")
    term.send("Enter")
    term.wait_for("Removed ")
    term.wait_for("You have no SSH keys yet")
    listed = subprocess.run([BIN, "ssh-key", "list", "--user", "alice", "--database", db], capture_output=True, text=True,
                            check=True).stdout
    assert fingerprint not in listed
    term.send("q")
    assert "EXIT=0" in term.wait_for("EXIT=", timeout=15)


def test_an_admin_sees_every_accounts_keys_and_narrows_to_one(term):
    db = os.path.join(term.tmp, "demo.sqlite")
    subprocess.run([BIN, "seed", "--database", db], check=True, capture_output=True)
    alice, alice_fp = new_key(term.tmp, "id_a", "alice@e2e")
    bob, bob_fp = new_key(term.tmp, "id_b", "reviewer@e2e")
    for user, path in (("alice", "id_a"), ("reviewer", "id_b")):
        subprocess.run([BIN, "ssh-key", "add", "--user", user, os.path.join(term.tmp, path + ".pub"), "--database", db],
                       check=True, capture_output=True)
    term.run(f"{os.path.abspath(BIN)} --database {db} --as admin; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.send(":")
    term.type("keys")
    term.send("Enter")
    screen = term.wait_for("2 keys")
    assert "ACCOUNT" in screen and alice_fp[:20] in screen and bob_fp[:20] in screen
    term.send("f")
    term.type("reviewer")
    term.send("Enter")
    screen = term.wait_for("1 key")
    assert bob_fp[:20] in screen and alice_fp[:20] not in screen
    term.send("q")
    assert "EXIT=0" in term.wait_for("EXIT=", timeout=15)
