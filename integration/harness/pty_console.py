"""The console in a pseudo-terminal we own: every byte it writes is kept raw, and replayed into pyte.

Unlike integration/e2e/tmux_session.py (tmux interprets the output before we see it), this keeps what the
binary really wrote, so a test can look for escape sequences that should never reach a terminal.
"""
import os
import pty
import re
import select
import shutil
import signal
import struct
import tempfile
import termios
import fcntl
import threading
import time

import pyte


class PtyConsole:
    """Runs `argv` in a pty of `width`x`height`; `raw` holds every byte written, `screen` the pyte view."""

    def __init__(self, argv, width=100, height=30, env=None):
        self.width, self.height = width, height
        self.tmp = tempfile.mkdtemp(prefix="store-tui-harness-")
        base = {
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": self.tmp,
            "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "SWIFT_BACKTRACE": "enable=no",
            "NCURSES_NO_UTF8_ACS": "1",
        }
        if env:
            base.update(env)
        self._lock = threading.Lock()
        self._raw = bytearray()
        self._pyte_fed = 0
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # child
            try:
                os.execve(argv[0], argv, base)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.exit_status = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        while True:
            try:
                ready = select.select([self.fd], [], [], 0.2)[0]
            except (OSError, ValueError):
                return
            if not ready:
                if self.exit_status is not None:
                    return
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._raw.extend(chunk)

    @property
    def raw(self):
        with self._lock:
            return bytes(self._raw)

    def mark(self):
        """An offset into `raw`, to look at what was written after it."""
        with self._lock:
            return len(self._raw)

    def _sync(self):
        data = self.raw
        if len(data) > self._pyte_fed:
            self.stream.feed(data[self._pyte_fed:])
            self._pyte_fed = len(data)

    def lines(self):
        self._sync()
        # pyte's own `display` trips over cells it left empty (a zero-width character drawn first), so
        # join the cells here; the stub cell after a wide character is empty and adds nothing.
        buffer = self.screen.buffer
        return ["".join(buffer[y][x].data for x in range(self.width)) for y in range(self.height)]

    def text(self):
        return "\n".join(self.lines())

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.fd, data)

    def alive(self):
        if self.exit_status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.exit_status = status
        return False

    def wait_for(self, needle, timeout=20.0, quiet=0.08):
        """Waits until `needle` (str or compiled regex) is on screen and output has been quiet for `quiet` s."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            before = self.mark()
            time.sleep(quiet)
            text = self.text()
            found = needle.search(text) if isinstance(needle, re.Pattern) else needle in text
            if found and self.mark() == before:
                return text
            if not self.alive():
                break
        raise AssertionError(f"timed out waiting for {needle!r} (alive={self.alive()}); screen:\n{self.text()}")

    def settle(self, quiet=0.12, timeout=10.0):
        """Waits until the console has written nothing for `quiet` seconds."""
        deadline = time.time() + timeout
        last = self.mark()
        while time.time() < deadline:
            time.sleep(quiet)
            now = self.mark()
            if now == last:
                return self.text()
            last = now
        return self.text()

    def close(self):
        if self.alive():
            try:
                self.send(b"q")
                deadline = time.time() + 3
                while time.time() < deadline and self.alive():
                    time.sleep(0.05)
            except OSError:
                pass
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        try:
            os.close(self.fd)
        except OSError:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- what the console may write --------------------------------------------------------------------

# One escape or control sequence in the raw stream. Order matters: 7-bit forms first.
_SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"   # CSI
    rb"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"   # OSC, DCS, SOS, PM, APC (terminated or not)
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"                 # other ESC sequences (charset, keypad, RI, 7, 8, c)
    rb"|\x1b"                                         # a lone ESC
    rb"|[\x00-\x08\x0b-\x0c\x0e-\x1a\x1c-\x1f\x7f]"  # C0 other than HT, LF, CR (ESC is above)
)


def sequences(data):
    """Every escape sequence and C0 control (other than LF and CR) in `data`, as bytes."""
    return [m.group(0) for m in _SEQUENCE.finditer(data)]


def shape(seq):
    """A sequence with its numeric arguments removed, except for modes (h/l) and erase/scroll kinds."""
    m = re.fullmatch(rb"\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])", seq)
    if m:
        params, inter, final = m.groups()
        if final in b"hl" or final in b"JKn" or params.startswith(b"?") or params.startswith(b">"):
            return seq
        return b"\x1b[" + (b"#" if params else b"") + inter + final
    return seq


# What ncurses (xterm-256color terminfo) writes on its own: cursor movement, SGR, erase, scroll regions,
# insert/delete/repeat, charset selection. Modes, window ops (`CSI 22;0;0t` saves the title with smcup) and
# anything else must appear verbatim in the baseline: the same panes drawn with benign text.
_GENERIC_CSI_FINALS = set(b"ABCDEFGHJKLMPSTXZ@`bdfmr")
_ALLOWED_ESC = {b"\x1b(B", b"\x1b)0", b"\x1b(0", b"\x1b7", b"\x1b8", b"\x1b=", b"\x1b>", b"\x1bM", b"\x1bD", b"\x1bE"}
_ALLOWED_C0 = {b"\x08", b"\x0f", b"\x0e"}  # BS (cursor left), SI/SO (charsets)


class Baseline:
    """The sequences the console wrote while showing benign text: verbatim and by shape."""

    def __init__(self, data=b""):
        self.verbatim, self.shapes = set(), set()
        self.add(data)

    def add(self, data):
        for seq in sequences(data):
            self.verbatim.add(seq)
            self.shapes.add(shape(seq))


def unexpected_sequences(data, baseline=None, planted=None):
    """What in `data` the console should never write: OSC/DCS/SOS/PM/APC, 8-bit C1, invalid UTF-8, stray C0,
    modes/queries/window ops not seen in the benign `baseline`, and verbatim copies of the escape sequences
    inside the `planted` string (unless the console wrote that very sequence for benign text too)."""
    baseline = baseline or Baseline()
    problems = []
    for seq in sequences(data):
        if seq[:2] in (b"\x1b]", b"\x1bP", b"\x1bX", b"\x1b^", b"\x1b_"):
            problems.append(seq)
        elif seq in baseline.verbatim:
            continue
        elif seq.startswith(b"\x1b["):
            # Cursor movement, SGR, erase, insert/delete and scrolling with plain numeric arguments are
            # ncurses' own editing (it picks DCH, ICH, REP... as the diff allows); a copy of such a sequence
            # coming from the data is caught by the `planted` check below.
            if seq[-1] not in _GENERIC_CSI_FINALS or not re.fullmatch(rb"[0-9;:]*", seq[2:-1]):
                problems.append(seq)
        elif seq.startswith(b"\x1b"):
            if seq not in _ALLOWED_ESC:
                problems.append(seq)
        elif seq not in _ALLOWED_C0:
            problems.append(seq)
    text = data.decode("utf-8", errors="replace")
    problems += [ch.encode() for ch in text if 0x80 <= ord(ch) <= 0x9F]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(b"invalid-utf8:" + data[max(0, error.start - 8):error.end + 8])
    if planted:
        for seq in sequences(planted):
            if seq.startswith(b"\x1b") and len(seq) >= 3 and seq not in baseline.verbatim and seq in data:
                problems.append(b"leaked:" + seq)
    return problems
