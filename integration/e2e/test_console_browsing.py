"""Browsing the demo catalogue in the real console under tmux: search, open, tabs, help, palette."""
import re


def test_search_open_package_and_switch_tabs(app):
    app.send("/")
    app.type("postgresql-k8s")
    screen = app.wait_for("postgresql-k8s ")
    assert "Canonical ✓" in screen
    app.send("Enter", "Enter")
    screen = app.wait_for("Publisher")
    assert "Search › postgresql-k8s › Detail" in screen
    assert "Tracks" in screen and "14" in screen
    app.send("2")
    screen = app.wait_for("REVIEW")
    assert "Search › postgresql-k8s › Revisions" in screen
    assert "pending" in screen or "approved" in screen
    app.send("3")
    screen = app.wait_for("amd64 ubuntu 22.04")  # a column per base and architecture
    assert "CHANNEL" in screen and "latest/stable" in screen
    app.send("Escape")
    app.wait_for("NAME")
    app.send("q")
    app.wait_for("EXIT=0")


def test_the_catalogue_is_counted_exactly_and_end_goes_to_the_true_end(app):
    screen = app.screen()
    total = re.search(r"row 1 of (\d+) packages", screen)
    assert total, screen  # an exact count, not "100+"
    app.send("G")  # the remaining pages load one after the other
    app.wait_for(f"row {total.group(1)} of {total.group(1)} packages", timeout=30)
    app.send("q")
    app.wait_for("EXIT=0")


def test_channel_map_shows_following_progressive_and_branches(app):
    app.send(":")
    app.type("open firefox")
    app.send("Enter")
    app.wait_for("Publisher")
    app.send("3")
    screen = app.wait_for("CHANNEL")
    assert "↑" in screen or "–" in screen
    assert "%" in screen  # firefox has a progressive release on latest/stable
    app.send("q")
    app.wait_for("EXIT=0")


def test_help_overlay_lists_the_keys_of_the_pane(app):
    app.send("?")
    screen = app.wait_for("Keys — search")
    assert "filter by type" in screen
    app.send("x")
    screen = app.wait_until(lambda s: "Keys —" not in s, what="help closed")
    app.send("Enter")
    app.wait_for("Publisher")
    app.send("2", "?")
    screen = app.wait_for("Keys — revisions")
    assert "sort by the next column" in screen
    app.send("Escape", "q")
    app.wait_for("EXIT=0")


def test_filters_narrow_the_results(app):
    app.send("t", "t")  # all → snap → charm
    screen = app.wait_for("type: charm")
    rows = [line for line in screen.split("\n")[3:] if line.strip() and "embedded" not in line]
    assert rows and all(" charm " in row for row in rows), screen
    app.send("q")
    app.wait_for("EXIT=0")


def test_hostile_package_text_never_reaches_the_terminal_raw(app):
    app.send(":")
    app.type("open mallory-miner")
    app.send("Enter")
    screen = app.wait_for("Publisher")
    raw = app.screen(escapes=True)
    assert "\x1b]52" not in raw and "\x1b]0;" not in raw and "\x07" not in raw
    assert "␛" in screen or "�" in screen
    app.send("q")
    app.wait_for("EXIT=0")


def test_vim_keys_move_the_selection(app):
    before = app.screen(escapes=True)
    app.send("j", "j", "j")
    app.wait_until(lambda s: True, what="")
    after = app.screen(escapes=True)
    assert before != after
    app.send("G")
    app.send("g")
    app.send("q")
    app.wait_for("EXIT=0")


def result_rows(screen):
    """The results table's rows: the lines between the header and the status line."""
    lines = screen.split("\n")
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("NAME"))
    return [line for line in lines[header + 1:]
            if line.strip() and "embedded" not in line and not line.lstrip().startswith("Sorted by")]


def test_s_sorts_the_results_and_capital_s_reverses_the_order(app):
    app.send("s")
    screen = app.wait_for("by name ↑")
    names = [row.split()[0] for row in result_rows(screen)]
    assert len(names) > 5 and names == sorted(names), screen
    app.send("s", "s", "s")  # publisher, version, updated
    screen = app.wait_for("by updated ↓")
    assert "UPDATED ↓" in screen
    dates = [re.search(r"\d{4}-\d\d-\d\d", row).group(0) for row in result_rows(screen)]
    assert len(dates) > 5 and dates == sorted(dates, reverse=True), screen
    app.send("S")
    screen = app.wait_for("by updated ↑")
    dates = [re.search(r"\d{4}-\d\d-\d\d", row).group(0) for row in result_rows(screen)]
    assert dates == sorted(dates), screen
    # G loads every page of the sorted results.
    total = re.search(r"of (\d+) packages", screen).group(1)
    app.send("G")
    app.wait_for(f"row {total} of {total} packages", timeout=30)
    app.send("q")
    app.wait_for("EXIT=0")
