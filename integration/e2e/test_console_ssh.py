"""The console over SSH: `store-tui serve --ssh-port` reached with the real OpenSSH client, under tmux."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from store_server import StoreServer, store_tui, token
from tmux_session import BIN, TmuxSession

ACCOUNTS = {"sshpub": "publisher", "sshrev": "reviewer", "sshsusp": "publisher", "admin": "admin",
            "sshkeys": "publisher", "sshgone": "publisher", "sshlate": "publisher"}


def wait_log(server, pattern, timeout=30):
    """The match of `pattern` in the server's log, once it shows."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        match = re.search(pattern, server.log())
        if match:
            return match
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} never showed in the server's log:\n{server.log()}")


class SSHStore:
    """A seeded store served over HTTP and SSH, with an ed25519 key per account (registered but `stranger`'s)."""

    def __init__(self, anonymous=False, flags=()):
        self.tmp = tempfile.mkdtemp(prefix="store-tui-ssh-")
        self.db = os.path.join(self.tmp, "store.sqlite")
        store_tui("seed", "--packages", "300", "--database", self.db)
        self.tokens = {user: token(self.db, user, role) for user, role in ACCOUNTS.items()}
        self.keys = {}
        for user in [*ACCOUNTS, "stranger"]:
            path = os.path.join(self.tmp, f"id_{user}")
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{user}@e2e", "-f", path], check=True)
            self.keys[user] = path
            if user != "stranger":
                out = store_tui("ssh-key", "add", "--user", user, path + ".pub", "--database", self.db)
                assert f"for {user}" in out and "SHA256:" in out
        self.server = StoreServer(self.db, self.tmp, extra=["--ssh-port", "0", *(["--ssh-anonymous"] if anonymous else []), *flags])
        match = wait_log(self.server, r"ssh console on port (\d+) .*host key (SHA256:\S+)")
        self.port, self.fingerprint = int(match.group(1)), match.group(2)

    def ssh_args(self, user, *extra):
        return ["ssh", "-p", str(self.port), "-i", self.keys[user], "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", *extra, f"{user}@127.0.0.1"]

    def ssh_command(self, user, *extra):
        return " ".join(self.ssh_args(user, *extra))

    def consoles(self):
        """The pids of the console processes the server runs now, oldest first."""
        children = []
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == str(self.server.proc.pid):
                children.append(int(entry))
        return sorted(children)

    def close(self):
        self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def store():
    served = SSHStore()
    yield served
    served.close()


def open_console(store, user, width=100, height=30, env=None, ssh_options=()):
    session = TmuxSession(width=width, height=height, env=env)
    session.run(store.ssh_command(user, "-t", *ssh_options) + "; echo EXIT=$?")
    session.wait_for("packages", timeout=30)
    return session


def test_a_registered_key_opens_the_console_as_its_account_which_searches_resizes_and_quits_cleanly(store):
    term = open_console(store, "sshpub")
    try:
        screen = term.screen()
        assert "sshpub (publisher)" in screen
        assert "http://127.0.0.1:" in screen
        term.send("/")
        term.type("hello-world")
        term.wait_for("hello-world ")
        term.send("Escape")
        term.resize(130, 40)
        term.wait_until(lambda s: max(len(line.rstrip()) for line in s.split("\n")) > 100 and len(s.rstrip("\n").split("\n")) >= 39,
                        what="the console redrawn at 130x40")
        term.send("q")
        screen = term.wait_for("EXIT=", timeout=15)
        assert "EXIT=0" in screen
        assert term.display("#{alternate_on}") == "0"
    finally:
        term.close()
    _, audit = store.server.api("GET", "/api/v1/audit?publisher=sshpub&limit=50", store.tokens["admin"])
    actions = [event["action"] for event in audit["items"]]
    assert "ssh.login" in actions and "ssh.logout" in actions
    _, tokens = store.server.api("GET", "/api/v1/tokens?username=sshpub", store.tokens["admin"])
    session_tokens = [t for t in tokens["items"] if t["description"].startswith("ssh session")]
    assert session_tokens and all(t.get("revokedAt") for t in session_tokens)


def test_the_clients_term_and_no_color_reach_the_console(store):
    colored = open_console(store, "sshpub")
    plain = open_console(store, "sshpub", env={"NO_COLOR": "1"}, ssh_options=["-o", "SendEnv=NO_COLOR"])
    try:
        colors = re.compile(r"\x1b\[(?:[0-9]+;)*3[0-8][;m]")  # a foreground colour (39 is the default)
        assert colors.search(colored.screen(escapes=True))
        assert not colors.search(plain.screen(escapes=True))
        term = {}
        for pid in store.consoles():
            with open(f"/proc/{pid}/environ", "rb") as handle:
                variables = dict(item.split(b"=", 1) for item in handle.read().split(b"\0") if b"=" in item)
            term[pid] = (variables.get(b"TERM"), variables.get(b"NO_COLOR", b"unset"))
        assert sorted(term.values()) == [(b"xterm-256color", b"1"), (b"xterm-256color", b"unset")]
    finally:
        colored.close()
        plain.close()


def test_an_unknown_key_is_refused(store):
    result = subprocess.run(store.ssh_args("stranger", "-T"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 255
    assert "Permission denied" in result.stderr


def test_a_command_subsystem_or_forwarding_is_refused(store):
    result = subprocess.run(store.ssh_args("sshpub", "-T") + ["some-command"], capture_output=True, text=True, timeout=30,
                            stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "commands are refused" in result.stderr
    sftp = subprocess.run(store.ssh_args("sshpub", "-T", "-s") + ["sftp"], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    assert sftp.returncode != 0 and "subsystems" in sftp.stderr
    forward = subprocess.run(store.ssh_args("sshpub", "-T", "-N", "-o", "ExitOnForwardFailure=yes", "-L", "0:127.0.0.1:22",
                                            "-W", "127.0.0.1:22"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert forward.returncode != 0


def test_a_suspended_account_is_refused_with_its_reason(store):
    status, _ = store.server.api("POST", "/api/v1/publishers/sshsusp/suspend", store.tokens["admin"], {"reason": "spam uploads"})
    assert status == 200
    result = subprocess.run(store.ssh_args("sshsusp", "-tt"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "sshsusp is suspended: spam uploads" in result.stdout + result.stderr


def test_two_sessions_see_their_own_roles_and_killing_one_console_leaves_the_other_working(store):
    before = set(store.consoles())
    first = open_console(store, "sshpub")
    second = None
    try:
        assert "sshpub (publisher)" in first.screen()
        mine = [pid for pid in store.consoles() if pid not in before]
        assert len(mine) == 1
        second = open_console(store, "sshrev")
        assert "sshrev (reviewer)" in second.screen()
        assert "sshpub" not in second.screen()

        os.kill(mine[0], signal.SIGKILL)
        screen = first.wait_for("EXIT=", timeout=15)
        assert "EXIT=137" in screen
        assert first.display("#{alternate_on}") == "0"
        assert first.display("#{mouse_any_flag}") in ("0", "")

        second.send("/")
        second.type("hello-world")
        second.wait_for("hello-world ")
        second.send("Escape")
        second.send("q")
        assert "EXIT=0" in second.wait_for("EXIT=", timeout=15)
        assert store.server.proc.poll() is None
    finally:
        first.close()
        if second:
            second.close()


def test_anonymous_mode_lets_unknown_keys_browse_read_only():
    served = SSHStore(anonymous=True)
    term = None
    try:
        term = open_console(served, "stranger")
        screen = term.screen()
        assert "anonymous" in screen
        term.send("q")
        assert "EXIT=0" in term.wait_for("EXIT=", timeout=15)
    finally:
        if term:
            term.close()
        served.close()


def test_sessions_past_the_per_account_cap_are_refused_and_idle_sessions_are_closed():
    served = SSHStore(flags=["--ssh-max-sessions-per-account", "1", "--ssh-idle-timeout", "3"])
    term = None
    try:
        term = open_console(served, "sshpub")
        extra = subprocess.run(served.ssh_args("sshpub", "-tt"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
        assert extra.returncode == 1
        assert "this account has its most sessions open (1)" in extra.stdout + extra.stderr
        other = open_console(served, "sshrev")  # another account still gets in
        other.close()
        screen = term.wait_for("EXIT=", timeout=20)  # no key for 3 s
        assert "session closed after 3 s without input" in screen
        assert term.display("#{alternate_on}") == "0"
        _, audit = served.server.api("GET", "/api/v1/audit?action=ssh.logout&limit=50", served.tokens["admin"])
        assert any("idle" in (event.get("reason") or "") for event in audit["items"])
    finally:
        if term:
            term.close()
        served.close()


def test_refused_keys_spend_the_same_attempts_as_bad_http_tokens():
    served = SSHStore()
    try:
        for _ in range(10):
            refused = subprocess.run(served.ssh_args("stranger", "-T"), capture_output=True, text=True, timeout=30,
                                     stdin=subprocess.DEVNULL)
            assert refused.returncode == 255
        status, _ = served.server.api("GET", "/api/v1/whoami", "stui_" + "x" * 40)
        assert status == 429
        # Out of attempts, even a registered key is refused until the address earns one back.
        blocked = subprocess.run(served.ssh_args("sshpub", "-tt"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
        assert blocked.returncode == 255 and "Permission denied" in blocked.stderr
    finally:
        served.close()


def test_the_host_key_is_kept_and_its_fingerprint_stays_across_restarts(store):
    path = os.path.join(store.tmp, "ssh_host_ed25519_key")
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    scanned = subprocess.run(["ssh-keyscan", "-p", str(store.port), "-t", "ed25519", "127.0.0.1"], capture_output=True, text=True, timeout=30)
    listed = subprocess.run(["ssh-keygen", "-lf", "-"], input=scanned.stdout, capture_output=True, text=True)
    assert store.fingerprint in listed.stdout
    again = StoreServer(store.db, store.tmp, extra=["--ssh-port", "0"])
    try:
        assert wait_log(again, r"host key (SHA256:\S+)").group(1) == store.fingerprint
    finally:
        again.stop()


def key_id(store, user, fingerprint):
    _, keys = store.server.api("GET", f"/api/v1/ssh-keys?username={user}", store.tokens["admin"])
    return next(key["id"] for key in keys["items"] if key["fingerprint"] == fingerprint)


def fingerprint_of(path):
    return subprocess.run(["ssh-keygen", "-l", "-f", path + ".pub"], capture_output=True, text=True, check=True).stdout.split()[1]


def test_a_key_added_in_the_console_over_ssh_then_logs_in_as_that_account(store):
    path = os.path.join(store.tmp, "id_sshkeys_new")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "second@laptop", "-f", path], check=True)
    with open(path + ".pub") as handle:
        line = handle.read().strip()
    fingerprint = fingerprint_of(path)
    term = open_console(store, "sshkeys", width=120)
    try:
        term.send("K")
        term.wait_for("1 key")  # the key this session logged in with
        term.send("a")
        term.wait_for("Add an SSH key")
        term.type(line)
        term.send("Enter")
        screen = term.wait_for("2 keys")
        assert f"Added {fingerprint} (second@laptop) for sshkeys." in screen
        term.send("q")
        assert "EXIT=0" in term.wait_for("EXIT=", timeout=15)
    finally:
        term.close()
    store.keys["sshkeys-new"] = path
    second = TmuxSession(width=100, height=30)
    try:
        second.run(store.ssh_command("sshkeys-new", "-t").replace("sshkeys-new@", "anyone@") + "; echo EXIT=$?")
        screen = second.wait_for("packages", timeout=30)
        assert "sshkeys (publisher)" in screen
        second.send("q")
        assert "EXIT=0" in second.wait_for("EXIT=", timeout=15)
    finally:
        second.close()


def test_removing_a_key_ends_the_sessions_opened_with_it_saying_why(store):
    term = open_console(store, "sshgone")
    try:
        fingerprint = fingerprint_of(store.keys["sshgone"])
        started = time.time()
        status, _ = store.server.api("DELETE", f"/api/v1/ssh-keys/{key_id(store, 'sshgone', fingerprint)}", store.tokens["admin"])
        assert status == 200
        screen = term.wait_for("EXIT=", timeout=15)
        assert time.time() - started < 8, "ended within a few access checks (2 s apart)"
        assert f"session closed: the SSH key {fingerprint} was removed from the account" in screen.replace("\n", "")
        assert term.display("#{alternate_on}") == "0", "the terminal is left clean"
    finally:
        term.close()
    _, audit = store.server.api("GET", "/api/v1/audit?publisher=sshgone&action=ssh.logout&limit=10", store.tokens["admin"])
    assert any("was removed" in (event.get("reason") or "") for event in audit["items"])
    refused = subprocess.run(store.ssh_args("sshgone", "-T"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert refused.returncode == 255


def test_suspending_an_account_ends_its_open_sessions_with_the_reason(store):
    term = open_console(store, "sshlate")
    try:
        status, _ = store.server.api("POST", "/api/v1/publishers/sshlate/suspend", store.tokens["admin"], {"reason": "abuse reports"})
        assert status == 200
        screen = term.wait_for("EXIT=", timeout=15)
        assert "session closed: the account sshlate was suspended: abuse reports" in screen.replace("\n", "")
        assert term.display("#{alternate_on}") == "0"
    finally:
        term.close()

