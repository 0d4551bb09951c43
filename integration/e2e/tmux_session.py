"""A real terminal for end-to-end tests: the binary runs in a tmux pane we type into and read."""
import os
import shutil
import subprocess
import tempfile
import time
import uuid

BIN = os.environ.get("STORE_TUI_BIN", ".build/debug/store-tui")


class TmuxSession:
    """Runs a shell in a private tmux server at a fixed size; send keys, read the screen."""

    def __init__(self, width=100, height=30, env=None):
        self.socket = f"stui-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.tmp = tempfile.mkdtemp(prefix="store-tui-e2e-")
        self.env = {
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": self.tmp,
            "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "SWIFT_BACKTRACE": "enable=no",
            "PS1": "$ ",
        }
        if env:
            self.env.update(env)
        exports = " ".join(f"{k}='{v}'" for k, v in self.env.items())
        self._tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t",
                   f"env -i {exports} bash --norc --noprofile")
        self._tmux("set", "-g", "status", "off")
        self._tmux("set", "-g", "remain-on-exit", "on")
        self.wait_for("$")

    def _tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def send(self, *keys):
        """Sends tmux key names (`Enter`, `Escape`, `C-c`, `Down`) or literal text."""
        for key in keys:
            self._tmux("send-keys", "-t", "t", key)

    def type(self, text):
        self._tmux("send-keys", "-t", "t", "-l", text)

    def run(self, command):
        self.type(command)
        self.send("Enter")

    def screen(self, escapes=False):
        args = ["capture-pane", "-t", "t", "-p", "-N"] + (["-e"] if escapes else [])
        return self._tmux(*args).stdout

    def lines(self):
        return self.screen().split("\n")

    def display(self, fmt):
        return self._tmux("display", "-p", "-t", "t", fmt).stdout.strip()

    def resize(self, width, height):
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    def wait_for(self, text, timeout=20.0):
        """Polls the screen until `text` shows (and the screen is stable); fails with the screen."""
        deadline = time.time() + timeout
        last = ""
        while time.time() < deadline:
            screen = self.screen()
            if text in screen and screen == last:
                return screen
            last = screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {text!r}; screen was:\n{self.screen()}")

    def wait_until(self, predicate, timeout=20.0, what="condition"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.screen()}")

    def close(self):
        self._tmux("kill-server", check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)
