"""The console (`store-tui --store URL`, under tmux) against a server that goes down, answers slowly, or
answers 5xx. It must stay responsive (a key redraws the screen within a bound), show the state, retry
with backoff, and keep a release plan the user has not seen applied until they drop it themselves.
"""
import os
import re
import sqlite3
import time

import pytest

from faultlib import ChaosProxy, FixedPortServer, TmuxSession, bin_path, record, seed_store, wait_until

KEY_BOUND = 1.0  # seconds from a key to the redraw it causes (security.md's bar is 100 ms; measured and printed)


@pytest.fixture
def term():
    session = TmuxSession(width=160, height=40)
    yield session
    session.close()


@pytest.fixture
def store(term):
    db = os.path.join(term.tmp, "store.sqlite")
    tokens = seed_store(db, term.tmp, packages=50)
    server = FixedPortServer(db, term.tmp)
    server.start()
    yield {"db": db, "tokens": tokens, "server": server}
    server.close()


def open_console(term, url, tok):
    term.run(f"STORE_TUI_TOKEN={tok} {bin_path()} --store {url}; echo EXIT=$?")
    term.wait_for("packages", timeout=60)


def open_channel_map(term, name):
    term.send(":")
    term.type(f"open {name}")
    term.send("Enter")
    term.wait_for("Publisher", timeout=30)
    term.send("3")
    term.wait_for("CHANNEL", timeout=30)


def key_latency(term, *keys):
    """Seconds from sending `keys` until the screen (with its styles) changes."""
    before = term.screen(escapes=True)
    started = time.time()
    term.send(*keys)
    changed = wait_until(lambda: term.screen(escapes=True) != before, 5, interval=0.01)
    return time.time() - started if changed else None


def promote_events(db, name):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM audit_events WHERE package = ? AND action = 'promote'",
                            (name,)).fetchone()[0]


def status_line(term):
    return term.lines()[term.height - 1] if len(term.lines()) >= term.height else term.lines()[-1]


def test_console_with_the_server_down_keeps_the_plan_and_reconnects(term, store):
    server, db = store["server"], store["db"]
    problems = []
    open_console(term, server.url, store["tokens"]["alice"])
    open_channel_map(term, "alice-notes")
    term.send("j", "p")
    term.wait_for("Release preview")
    server.kill()

    term.send("y")  # confirm while the server is down
    screen = term.wait_for("did not apply", timeout=60)
    print(f"\nconfirm with the server down:\n{screen}")
    if "Release preview" not in screen:
        problems.append("the preview (the unsent plan) is gone after a failed apply")

    latencies = [key_latency(term, "Tab") for _ in range(5)]
    print(f"Tab redraw while down: {[round(x, 3) if x else x for x in latencies]} s")
    if any(x is None or x > KEY_BOUND for x in latencies):
        problems.append(f"keys did not redraw within {KEY_BOUND} s while the server is down: {latencies}")

    term.send("q")  # quitting would drop the plan: the console must ask
    screen = term.wait_for("discard", timeout=10)
    term.send("n")
    screen = term.wait_until(lambda s: "discard" not in s, timeout=10, what="the question to go away")
    if "Release preview" not in screen:
        problems.append("answering no to the quit question lost the plan")

    term.send("r")  # rebuild the preview: the reload fails, the console goes offline and retries
    screen = term.wait_for("offline", timeout=30)
    first = status_line(term)
    time.sleep(8)
    later = status_line(term)
    print(f"offline status: {first.strip()!r} then 8 s later {later.strip()!r}")
    tries = [int(x) for x in re.findall(r"try (\d+)", later)]
    if tries and tries[0] > 6:
        problems.append(f"{tries[0]} retries in about 8 s: no backoff")

    server.start()
    screen = term.wait_until(lambda s: "offline" not in s, timeout=60, what="the console to reconnect")
    term.wait_for("Release preview", timeout=30)
    before = promote_events(db, "alice-notes")
    term.send("y")
    screen = term.wait_for("Promoted", timeout=30)
    after = promote_events(db, "alice-notes")
    if after != before + 1:
        problems.append(f"{after - before} promote events after applying once")
    term.send("q")
    term.wait_for("EXIT=0")
    record("fault", "console-server-down", scenarios=1, data_lost=0 if after == before + 1 else 1)
    assert not problems, "\n".join(problems)


def test_console_through_a_slow_proxy_stays_responsive(term, store):
    server, db = store["server"], store["db"]
    proxy = ChaosProxy(server.url)
    problems = []
    try:
        open_console(term, proxy.url, store["tokens"]["alice"])
        open_channel_map(term, "alice-notes")
        term.send("j", "p")
        term.wait_for("Release preview")
        proxy.mode, proxy.delay = "slow", 3.0
        before = promote_events(db, "alice-notes")
        started = time.time()
        term.send("y")
        term.wait_until(lambda s: "Applying" in s, timeout=5, what="Applying")
        latencies = [key_latency(term, "Tab") for _ in range(3)]
        screen = term.wait_for("Promoted", timeout=60)
        took = time.time() - started
        print(f"\napply through a 3 s proxy: answered after {took:.1f} s; Tab redraws meanwhile "
              f"{[round(x, 3) if x else x for x in latencies]} s")
        if any(x is None or x > KEY_BOUND for x in latencies):
            problems.append(f"keys did not redraw within {KEY_BOUND} s while a request was slow: {latencies}")
        if promote_events(db, "alice-notes") != before + 1:
            problems.append("the slow apply was not applied exactly once")

        term.send("Escape", "Escape", "/")  # typing a search while every answer takes 3 s
        echoes = []
        for char in "hello":
            before_screen = term.screen()
            started = time.time()
            term.type(char)
            wait_until(lambda: term.screen() != before_screen, 5, interval=0.01)
            echoes.append(time.time() - started)
        print(f"search keys echo through the slow proxy: {[round(x, 3) for x in echoes]} s")
        if max(echoes) > KEY_BOUND:
            problems.append(f"typed characters took up to {max(echoes):.2f} s to show")
        term.wait_for("hello", timeout=30)
        term.send("Escape", "q")
        term.wait_for("EXIT=0", timeout=30)
    finally:
        proxy.close()
    record("fault", "console-slow-server", scenarios=1, data_lost=0)
    assert not problems, "\n".join(problems)


def test_console_against_5xx_keeps_the_plan_and_recovers(term, store):
    server, db = store["server"], store["db"]
    proxy = ChaosProxy(server.url)
    problems = []
    try:
        open_console(term, proxy.url, store["tokens"]["alice"])
        open_channel_map(term, "alice-notes")
        term.send("j", "p")
        term.wait_for("Release preview")
        proxy.mode = "error"
        before = promote_events(db, "alice-notes")
        term.send("y")
        screen = term.wait_for("did not apply", timeout=60)
        print(f"\nconfirm against 503s:\n{screen}")
        if "Release preview" not in screen:
            problems.append("the plan is gone after the store answered 503")
        if "unavailable" not in screen.lower():
            problems.append("the screen does not say the store is unavailable")
        window_start = time.time()
        term.send("r")  # reload while every answer is 503
        time.sleep(6)
        in_window = [r for r in proxy.requests if r[0] >= window_start]
        print(f"requests in 6 s of 503s after r: {len(in_window)}: {[(round(t - window_start, 2), m, p.split('?')[0]) for t, m, p, _ in in_window]}")
        if len(in_window) > 20:
            problems.append(f"{len(in_window)} requests in 6 s of 503s: no backoff")
        latency = key_latency(term, "Tab")
        if latency is None or latency > KEY_BOUND:
            problems.append(f"a key took {latency} s to redraw while the store answered 503")
        proxy.mode = "pass"
        term.send("r")
        term.wait_until(lambda s: "Rebuilt on channel map" in s, timeout=30, what="the rebuilt preview")
        term.send("y")
        term.wait_for("Promoted", timeout=30)
        if promote_events(db, "alice-notes") != before + 1:
            problems.append("the plan was not applied exactly once after the 503s")
        term.send("q")
        term.wait_for("EXIT=0", timeout=30)
    finally:
        proxy.close()
    record("fault", "console-5xx", scenarios=1, data_lost=0)
    assert not problems, "\n".join(problems)


def test_quit_question_survives_a_failed_apply(term, store):
    server, db = store["server"], store["db"]
    proxy = ChaosProxy(server.url)
    try:
        open_console(term, proxy.url, store["tokens"]["alice"])
        open_channel_map(term, "alice-notes")
        term.send("j", "p")
        term.wait_for("Release preview")
        proxy.mode, proxy.delay = "slow-error", 1.0
        term.send("y")
        term.wait_until(lambda s: "Applying" in s, timeout=5, what="Applying")
        term.send("q")  # asks: still being applied, quit before the store answers?
        term.wait_until(lambda s: "still being applied" in s, timeout=5, what="the quit question")
        term.wait_for("did not apply", timeout=60)  # the store refused (503 after the client's retries)
        screen = term.screen()
        proxy.mode = "pass"
        term.send("y")  # what the screen offers now: apply again
        time.sleep(3)
        screen = term.screen()
        quit_unasked = "EXIT=" in screen
        if not quit_unasked:
            term.wait_for("Promoted", timeout=30)
    finally:
        proxy.close()
    assert not quit_unasked, f"y after the failure quit the console and dropped the plan; promote events: {promote_events(db, 'alice-notes')}"
