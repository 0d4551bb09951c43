"""Console benchmark: launch-to-first-frame, keystroke-to-frame latency, bytes written per move
(beside tig scrolling a list of the same size in the same terminal size), and resident memory.

Usage: python3 scripts/bench/console_bench.py --bin PATH --database DB [--cols 100 --rows 30]
Prints a Markdown table. Measured through a pty, as a terminal sees it.
"""
import argparse
import os
import pty
import select
import statistics
import struct
import subprocess
import tempfile
import time
import fcntl
import termios


class Pty:
    def __init__(self, argv, cols, rows, env=None, cwd=None):
        self.t0 = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if cwd:
                os.chdir(cwd)
            os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
            os.environ.update(env or {})
            os.execvp(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def read_until_quiet(self, quiet=0.03, first_timeout=5.0, until=None):
        """Reads until `quiet` s pass with no output; returns (bytes, first-byte s, last-byte s)."""
        data = b""
        start = time.perf_counter()
        first = last = None
        timeout = first_timeout
        while True:
            ready = select.select([self.fd], [], [], timeout)[0]
            if not ready:
                if until is not None and until not in data and time.perf_counter() - start < first_timeout:
                    timeout = quiet
                    continue
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            now = time.perf_counter()
            first = first or now
            last = now
            data += chunk
            timeout = quiet
        return data, (first - start) if first else None, (last - start) if last else None

    def send(self, keys):
        os.write(self.fd, keys)

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self, quit_keys=b"q"):
        try:
            os.write(self.fd, quit_keys)
            time.sleep(0.3)
            os.kill(self.pid, 15)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def measure_keys(term, key, count, quiet=0.03):
    sizes, latencies = [], []
    for _ in range(count):
        term.read_until_quiet(quiet=0.15, first_timeout=0.15)  # settle: spinner frames, prefetches
        term.send(key)
        data, first, last = term.read_until_quiet(quiet=quiet, first_timeout=1.0)
        if first is not None:
            sizes.append(len(data))
            latencies.append(last * 1000)
    return sizes, latencies


def store_tui(args):
    results = {}
    firsts = []
    for _ in range(5):
        term = Pty([args.bin, "--database", args.database, "--no-mouse"], args.cols, args.rows)
        data, first, last = term.read_until_quiet(quiet=0.05, first_timeout=10, until=b"packages")
        firsts.append(last * 1000 if last else float("nan"))
        term.close()
    results["first full frame (ms, median of 5)"] = statistics.median(firsts)

    term = Pty([args.bin, "--database", args.database, "--no-mouse"], args.cols, args.rows)
    term.read_until_quiet(quiet=0.1, first_timeout=10, until=b"packages")
    sizes, lat = measure_keys(term, b"j", 200)
    results["list move: bytes (median)"] = statistics.median(sizes)
    results["list move: keystroke→frame p50 / p99 (ms)"] = (pct(lat, 50), pct(lat, 99))
    sizes, lat = measure_keys(term, b"\x1b[6~", 40)
    results["page move: bytes (median)"] = statistics.median(sizes)
    results["page move: keystroke→frame p50 / p99 (ms)"] = (pct(lat, 50), pct(lat, 99))
    # Pane switches: open a package, then cycle its tabs.
    term.send(b"g")
    term.read_until_quiet()
    term.send(b"\r")
    term.read_until_quiet(quiet=0.2)
    switch = []
    for _ in range(20):
        for key in (b"2", b"3", b"1"):
            term.read_until_quiet(quiet=0.15, first_timeout=0.15)
            term.send(key)
            _, _, last = term.read_until_quiet(quiet=0.03, first_timeout=1.0)
            if last:
                switch.append(last * 1000)
    results["pane switch: keystroke→frame p50 / p99 (ms)"] = (pct(switch, 50), pct(switch, 99))
    term.send(b"\x1b")
    term.read_until_quiet(quiet=0.2)
    # Search typing: time to the echo frame, and to the results frame (120 ms debounce included).
    term.send(b"/")
    term.read_until_quiet()
    echo, results_frame = [], []
    for word in ["postgres", "firefox", "hello", "notes", "cache", "acorn", "albatross", "daemon"]:
        for ch in word:
            term.read_until_quiet(quiet=0.3, first_timeout=0.3)
            term.send(ch.encode())
            data, first, _ = term.read_until_quiet(quiet=0.01, first_timeout=1.0)
            if first:
                echo.append(first * 1000)
            # The results frame follows after the debounce and the query.
            data, _, last = term.read_until_quiet(quiet=0.05, first_timeout=1.0)
            if last:
                results_frame.append(last * 1000 + (first or 0) * 1000)
        for _ in word:
            term.send(b"\x7f")
            term.read_until_quiet(quiet=0.01, first_timeout=0.5)
        term.read_until_quiet(quiet=0.3, first_timeout=0.5)
    results["search keystroke→echo frame p50 / p99 (ms)"] = (pct(echo, 50), pct(echo, 99))
    results["search keystroke→results frame p50 / p99 (ms, incl. debounce)"] = (pct(results_frame, 50), pct(results_frame, 99))
    results["resident memory (MiB)"] = term.rss_kib() / 1024
    term.close(b"\x1bq")
    return results


def tig(args, rows_in_list):
    """tig scrolling its main view over a repository with `rows_in_list` commits."""
    repo = tempfile.mkdtemp(prefix="tig-bench-")
    subprocess.run(["git", "init", "-q", repo], check=True)
    lines = []
    for i in range(rows_in_list):
        lines.append(f"commit refs/heads/main\nmark :{i + 1}\ncommitter Bench <b@example.com> {1700000000 + i} +0000\n"
                     f"data {len(f'change {i}')}\nchange {i}\n" + (f"from :{i}\n" if i else "") + "\n")
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input="".join(lines).encode(), check=True)
    subprocess.run(["git", "-C", repo, "checkout", "-q", "main"], check=False)
    term = Pty(["tig"], args.cols, args.rows, cwd=repo)
    term.read_until_quiet(quiet=0.3, first_timeout=5)
    sizes, lat = measure_keys(term, b"j", 200)
    psizes, _ = measure_keys(term, b"\x1b[6~", 40)
    term.close(b"q")
    return {"list move: bytes (median)": statistics.median(sizes), "page move: bytes (median)": statistics.median(psizes),
            "list move: keystroke→frame p50 / p99 (ms)": (pct(lat, 50), pct(lat, 99))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--cols", type=int, default=100)
    parser.add_argument("--rows", type=int, default=30)
    args = parser.parse_args()
    ours = store_tui(args)
    theirs = tig(args, 3000) if subprocess.run(["which", "tig"], capture_output=True).returncode == 0 else {}
    print(f"| measure ({args.cols}×{args.rows}) | store-tui | tig (3,000 commits) |")
    print("| --- | --- | --- |")
    for key, value in ours.items():
        other = theirs.get(key, "")
        fmt = lambda v: (f"{v[0]:.1f} / {v[1]:.1f}" if isinstance(v, tuple) else (f"{v:.1f}" if isinstance(v, float) else str(v)))
        print(f"| {key} | {fmt(value)} | {fmt(other) if other != '' else ''} |")


if __name__ == "__main__":
    main()
