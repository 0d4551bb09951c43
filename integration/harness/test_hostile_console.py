"""Hostile strings through the embedded store, shown in every pane of the real console in a pty we own.

Each corpus string is planted in a seeded SQLite store (hostile_plant.py). The console then shows it in the
search list, the package detail, the revisions tab, the channel map, the review queue, the publishers pane
and the audit log, and the help overlay and command palette are opened over that store. For each string the
raw bytes the console wrote are checked (pty_console.unexpected_sequences against a benign baseline of the
same panes) and the screen, replayed through pyte at the pty size, must keep its layout: the title row,
the toolbar or tabs row and the status bar where they belong.
"""
import os
import re

import pytest

import hostile_corpus
import hostile_plant
from harness_env import QUICK, seed
from harness_results import record
from pty_console import Baseline, PtyConsole, unexpected_sequences

WIDTH, HEIGHT = 100, 30
TABS = re.compile(r"1 Detail\s+2 Revisions\s+3 Channel map")


def corpus():
    entries = hostile_corpus.load()
    return hostile_corpus.sample(entries, 6) if QUICK else entries


ENTRIES = corpus()


def layout_problems(lines, pane):
    """What is out of place on a screen of `pane` (search, detail, revisions, channels, list)."""
    problems = []
    if len(lines) != HEIGHT:
        problems.append(f"{len(lines)} rows")
    if not lines[0].startswith(" store-tui ") or "v0.1" not in lines[0]:
        problems.append(f"title row: {lines[0]!r}")
    if not lines[-1].startswith(" embedded ") or "? help" not in lines[-1] or "q quit" not in lines[-1]:
        problems.append(f"status bar: {lines[-1]!r}")
    if pane == "search" and not (lines[1].startswith(" / ") and lines[2].startswith(" NAME ")):
        problems.append(f"search rows: {lines[1]!r} {lines[2]!r}")
    if pane in ("detail", "revisions", "channels") and not TABS.search(lines[1]):
        problems.append(f"tabs row: {lines[1]!r}")
    if pane == "revisions" and not lines[2].startswith(" REV "):
        problems.append(f"revisions header: {lines[2]!r}")
    for number, line in enumerate(lines):
        if any(0x80 <= ord(ch) <= 0x9F or ord(ch) < 0x20 for ch in line):
            problems.append(f"control character shown on row {number}: {line!r}")
    return problems


class Walk:
    """One console session over `db`; `step` sends keys, waits, and returns (raw bytes, screen lines)."""

    def __init__(self, binary, db):
        self.console = PtyConsole([binary, "--database", db, "--no-mouse"], WIDTH, HEIGHT)
        self.console.wait_for(re.compile(r"\d+\+? packages"), timeout=60)

    def step(self, keys, until=None, timeout=15.0):
        start = self.console.mark()
        self.console.send(keys)
        if until is None:
            self.console.settle(quiet=0.1)
        else:
            self.console.wait_for(until, timeout=timeout, quiet=0.06)
        return self.console.raw[start:], self.console.lines()

    def package(self, name):
        """Search for `name`, open it, show each tab; yields (pane, raw, lines)."""
        # The NAME column is 20 cells wide: longer names end in an ellipsis.
        row = re.compile(r"^ " + (re.escape(name) + r" " if len(name) < 20 else re.escape(name[:19])), re.M)
        yield ("search",) + self.step(b"/\x15" + name.encode(), until=row)
        self.step(b"\r")
        yield ("detail",) + self.step(b"\r", until=TABS)
        yield ("revisions",) + self.step(b"2", until=re.compile(r"^ REV ", re.M))
        yield ("channels",) + self.step(b"3", until=re.compile(r"CHANNEL|Nothing has been released"))
        self.step(b"\x1b", until=re.compile(r"^ NAME ", re.M))

    def close(self):
        alive = self.console.alive()
        self.console.close()
        return alive


@pytest.fixture(scope="module")
def hostile_store(binary, workdir):
    db = seed(workdir, packages=max(700, 2 * len(ENTRIES)), name="hostile.sqlite")
    planted = hostile_plant.plant(db, ENTRIES)
    return db, planted


@pytest.fixture(scope="module")
def baseline(binary, hostile_store):
    """Sequences the console writes for benign text in the same panes (packages after the planted ones)."""
    db, planted = hostile_store
    import sqlite3
    con = sqlite3.connect(db)
    names = [row[0] for row in con.execute(
        "SELECT name FROM packages WHERE listed = 1 AND status = 'published' AND publisher_id NOT LIKE 'HX%' "
        "AND EXISTS (SELECT 1 FROM releases r WHERE r.package_pk = packages.pk) ORDER BY name DESC LIMIT 3")]
    con.close()
    result = Baseline()
    walk = Walk(binary, db)
    result.add(walk.console.raw)
    try:
        for name in names:
            for _pane, raw, _lines in walk.package(name):
                result.add(raw)
        for keys in (b"Q", b"j", b"j", b"\x1b", b"P", b"j", b"\x1b", b"A", b"j", b"\x1b", b"?", b"\x1b", b":", b"op",
                     b"\x1b"):
            result.add(walk.step(keys)[0])
    finally:
        walk.close()
        result.add(walk.console.raw)
    return result


def _check(results, entry, pane, raw, lines, baseline):
    problems = [repr(p) for p in unexpected_sequences(raw, baseline, entry["data"])]
    problems += layout_problems(lines, pane)
    if problems:
        results.setdefault(entry["name"], []).append(f"{pane}: {problems[:5]}")


def test_hostile_strings_in_package_panes(binary, hostile_store, baseline):
    """Search list, detail, revisions and channel map of every planted package."""
    db, planted = hostile_store
    failures, shown = {}, 0
    walk = Walk(binary, db)
    try:
        for entry, name, _user in planted:
            if not walk.console.alive():
                failures.setdefault(entry["name"], []).append("the console died")
                walk = Walk(binary, db)
            try:
                for pane, raw, lines in walk.package(name):
                    _check(failures, entry, pane, raw, lines, baseline)
                shown += 1
            except AssertionError as error:
                failures.setdefault(entry["name"], []).append(f"navigation: {str(error)[:300]}")
                walk.close()
                walk = Walk(binary, db)
    finally:
        survived = walk.close()
    record("hostile", "package-panes", tried=len(planted), passed=len(planted) - len(failures))
    assert survived, "the console exited"
    assert not failures, f"{len(failures)} of {len(planted)} strings broke a package pane:\n" + "\n".join(
        f"  {name}: {why}" for name, why in list(failures.items())[:40])


@pytest.mark.parametrize("pane,key,header", [
    ("review-queue", b"Q", "Review queue"),
    ("publishers", b"P", "Publishers"),
    ("audit", b"A", "Audit log"),
])
def test_hostile_strings_in_list_panes(binary, hostile_store, baseline, pane, key, header):
    """Walks the whole list row by row (the selected row's detail shows the string in full where the pane
    has a detail area); every frame is checked."""
    db, planted = hostile_store
    walk = Walk(binary, db)
    problems, frames = [], 0
    try:
        raw, lines = walk.step(key, until=header)
        problems += [f"open: {p}" for p in unexpected_sequences(raw, baseline) + layout_problems(lines, "list")]
        rows = len(planted) + 80 if not QUICK else min(len(planted) + 40, 200)
        for _ in range(rows):
            raw, lines = walk.step(b"j")
            frames += 1
            found = [repr(p) for p in unexpected_sequences(raw, baseline)] + layout_problems(lines, "list")
            if found:
                problems.append(f"frame {frames} (last row drawn {lines[-2][:60]!r}): {found[:4]}")
                walk.step(b"\x0c")  # C-l: repaint everything, so the next frame is judged on its own
            if not walk.console.alive():
                problems.append("the console died")
                break
        raw, lines = walk.step(b"G")
        problems += [f"end: {p}" for p in unexpected_sequences(raw, baseline) + layout_problems(lines, "list")]
    finally:
        survived = walk.close()
    record("hostile", pane, frames=frames, bad_frames=len(problems))
    assert survived, "the console exited"
    assert not problems, f"{len(problems)} bad frames in {pane}:\n" + "\n".join(problems[:30])


def test_hostile_store_help_and_palette(binary, hostile_store, baseline):
    """The help overlay and the command palette (with completion of package names) over the hostile store."""
    db, _planted = hostile_store
    walk = Walk(binary, db)
    problems = []
    try:
        for keys in (b"?", b"\x1b", b":", b"open ", b"a", b"\t", b"\x1b", b":", b"publisher ", b"\x1b"):
            raw, lines = walk.step(keys)
            problems += [f"{keys!r}: {p!r}" for p in unexpected_sequences(raw, baseline)]
            problems += [f"{keys!r}: {p}" for p in layout_problems(lines, "list")]
    finally:
        survived = walk.close()
    record("hostile", "help-palette", frames=10, bad_frames=len(problems) + (0 if survived else 1))
    assert survived
    assert not problems, "\n".join(problems[:20])
