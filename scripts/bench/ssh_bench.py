"""SSH console benchmark: connect to first full frame over SSH beside the same console in a local pty
(both against the same `serve`), resident memory per extra session (the console process each session
runs, plus what the server grows by), and bytes written per list move over SSH and locally.

Usage: python3 scripts/bench/ssh_bench.py --bin PATH --database DB [--runs 7 --sessions 4]
Needs the OpenSSH client. Prints a Markdown table. Everything stays on loopback.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console_bench import Pty  # noqa: E402

COLS, ROWS = 100, 30


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def private_kib(pid):
    """Memory only this process holds (Private_Clean + Private_Dirty): what one more session costs."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                if handle.read().rsplit(")", 1)[1].split()[1] == str(pid):
                    found.append(int(entry))
        except (OSError, IndexError):
            continue
    return found


def first_frame(argv, env):
    """Seconds from starting `argv` to the first full frame (the list shown and the output quiet)."""
    session = Pty(argv, COLS, ROWS, env=env)
    data, _, last = session.read_until_quiet(quiet=0.15, first_timeout=15, until=b"packages")
    elapsed = last if b"packages" in data else None
    return session, elapsed


def list_moves(session, count=20):
    sizes = []
    for _ in range(count):
        session.send(b"j")
        data, _, _ = session.read_until_quiet(quiet=0.08, first_timeout=2)
        sizes.append(len(data))
    return statistics.median(sizes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=4)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    tmp = tempfile.mkdtemp(prefix="ssh-bench-")
    out = subprocess.run([binary, "token", "create", "--user", "benchssh", "--role", "publisher", "--database", args.database],
                         check=True, capture_output=True, text=True).stdout
    token = re.search(r"stui_[A-Za-z0-9]+", out).group(0)
    key = os.path.join(tmp, "id")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    subprocess.run([binary, "ssh-key", "add", "--user", "benchssh", key + ".pub", "--database", args.database],
                   check=True, capture_output=True)
    log = open(os.path.join(tmp, "serve.log"), "w+")
    server = subprocess.Popen([binary, "serve", "--database", args.database, "--port", "0", "--ssh-port", "0",
                               "--ssh-max-sessions-per-account", str(args.sessions + 2), "--log-level", "warning"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            text = open(log.name).read()
            match = re.search(r"listening on (http://\S+).*\n.*ssh console on port (\d+)", text)
            if match:
                break
            time.sleep(0.1)
        url, port = match.group(1), match.group(2)
        ssh = ["ssh", "-p", port, "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR", "-t", "bench@127.0.0.1"]
        local = [binary, "--store", url]
        env = {"STORE_TUI_TOKEN": token, "HOME": tmp, "XDG_CONFIG_HOME": tmp}
        results = {"ssh": [], "local": []}
        moves = {}
        for run in range(args.runs):
            for name, argv in (("ssh", ssh), ("local", local)):
                session, elapsed = first_frame(argv, env)
                if elapsed is not None:
                    results[name].append(elapsed * 1000)
                if run == 0:
                    moves[name] = list_moves(session)
                session.close()
                time.sleep(0.3)
        base_server = rss_kib(server.pid)
        sessions = []
        for _ in range(args.sessions):
            session, _ = first_frame(ssh, env)
            sessions.append(session)
        time.sleep(1)
        consoles = children(server.pid)
        console_rss = [rss_kib(pid) for pid in consoles]
        console_private = [private_kib(pid) for pid in consoles]
        grown = rss_kib(server.pid) - base_server
        for session in sessions:
            session.close()
        per_session = (sum(console_private) + grown) / max(len(sessions), 1) / 1024
        print("| measure | over SSH | local pty | target |")
        print("| --- | --- | --- | --- |")
        print(f"| connect → first full frame, median (min–max) of {args.runs} | "
              f"{statistics.median(results['ssh']):.0f} ms ({min(results['ssh']):.0f}–{max(results['ssh']):.0f}) | "
              f"{statistics.median(results['local']):.0f} ms ({min(results['local']):.0f}–{max(results['local']):.0f}) | ≤ 300 ms over SSH |")
        print(f"| memory per extra session ({len(sessions)} sessions: console private memory + server growth) | {per_session:.1f} MB "
              f"(each console: {statistics.median(console_private) / 1024:.1f} MB private, {statistics.median(console_rss) / 1024:.1f} MB RSS; "
              f"server +{grown / 1024:.1f} MB in all) | | ≤ 15 MB |")
        print(f"| bytes written per list move (median of 20) | {moves['ssh']:.0f} B | {moves['local']:.0f} B | the same |")
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
