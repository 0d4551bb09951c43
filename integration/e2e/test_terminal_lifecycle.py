"""The real binary under tmux: it takes the screen and gives the terminal back on every way out."""
import os
import signal
import subprocess

from tmux_session import BIN


def stty(term):
    term.run("stty -g > stty.txt")
    term.wait_for("$")
    with open(os.path.join(term.tmp, "stty.txt")) as f:
        return f.read().strip()


def assert_restored(term, before):
    screen = term.wait_for("EXIT=")
    assert term.display("#{alternate_on}") == "0", screen
    assert term.display("#{cursor_flag}") == "1", screen
    assert stty(term) == before


def test_q_quits_and_restores_the_terminal(term):
    term.run("cd " + term.tmp)
    before = stty(term)
    term.run(f"{os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    assert term.display("#{alternate_on}") == "1"
    term.send("q")
    assert "EXIT=0" in term.wait_for("EXIT=")
    assert_restored(term, before)


def test_ctrl_c_quits_cleanly(term):
    term.run("cd " + term.tmp)
    before = stty(term)
    term.run(f"{os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.send("C-c")
    assert "EXIT=0" in term.wait_for("EXIT=")
    assert_restored(term, before)


def test_sigterm_restores_the_terminal(term):
    term.run("cd " + term.tmp)
    before = stty(term)
    term.run(f"{os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    subprocess.run(["pkill", "-TERM", "-f", f"{os.path.abspath(BIN)} --database demo.sqlite"], check=False)
    term.wait_for("EXIT=")
    assert_restored(term, before)


def test_crash_signal_restores_the_terminal(term):
    term.run("cd " + term.tmp)
    before = stty(term)
    term.run(f"{os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    subprocess.run(["pkill", "-SEGV", "-f", f"{os.path.abspath(BIN)} --database demo.sqlite"], check=False)
    screen = term.wait_for("EXIT=")
    assert "EXIT=139" in screen
    assert_restored(term, before)


def test_ctrl_z_suspends_and_fg_resumes(term):
    term.run("cd " + term.tmp)
    before = stty(term)
    term.run(f"{os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.send("C-z")
    term.wait_until(lambda s: "Stopped" in s, what="job stopped")
    assert term.display("#{alternate_on}") == "0"
    term.run("fg")
    term.wait_for("packages")
    assert term.display("#{alternate_on}") == "1"
    term.send("q")
    assert_restored(term, before)


def test_resize_redraws_and_too_small_says_so(app):
    app.resize(40, 10)
    app.wait_for("Terminal too small")
    app.resize(120, 40)
    screen = app.wait_for("packages")
    assert "Terminal too small" not in screen
    assert len(screen.split("\n")[0]) >= 100
    app.send("q")
    app.wait_for("EXIT=0")


def test_help_flag_and_version():
    out = subprocess.run([BIN, "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "terminal console" in out.stdout
    assert "seed" in out.stdout
    version = subprocess.run([BIN, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip().count(".") == 2


def test_without_a_terminal_it_fails_with_a_clear_error(tmp_path):
    out = subprocess.run([BIN, "--database", str(tmp_path / "db.sqlite")], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode != 0
    assert "needs a terminal" in out.stderr


def test_unknown_term_falls_back_instead_of_exiting(term):
    term.run("cd " + term.tmp)
    term.run(f"TERM=xterm-ghostty {os.path.abspath(BIN)} --database demo.sqlite; echo EXIT=$?")
    screen = term.wait_for("packages", timeout=60)
    assert "Error opening terminal" not in screen
    term.send("q")
    assert "EXIT=0" in term.wait_for("EXIT=")


def test_escape_is_instant(app):
    import time
    app.send("/")
    app.wait_for("▏")
    start = time.time()
    app.send("Escape")
    app.wait_until(lambda s: "▏" not in s.split("\n")[1], timeout=5, what="escape handled")
    assert time.time() - start < 0.9  # ncurses' default ESC delay is about 1 s; we set 25 ms
    app.send("q")
    app.wait_for("EXIT=0")


def test_first_run_seeds_the_demo_store_under_home(term):
    term.run(f"env -u XDG_DATA_HOME {os.path.abspath(BIN)}; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.send("q")
    assert "EXIT=0" in term.wait_for("EXIT=")
    assert os.path.exists(os.path.join(term.tmp, ".local", "share", "store-tui", "store.sqlite"))
