"""The bytes the console writes to its terminal, as they leave it (tmux's pipe-pane), not as tmux draws them.

Over SSH every byte of a frame is latency, so a frame should say only what changed, in the terminal's cheapest words.
"""
import os
import time

# ncurses on xterm-256color going back to colour pair 0: `op` (default colours) and then `sgr0` (every attribute
# reset, charset included), where a change of colour pair alone is the 5-byte colour change.
RESET_AFTER_COLOUR = b"\x1b[39m\x1b(B\x1b[m"
DIM_TEXT = b"\x1b[38;5;245m"  # the theme's dim grey (summaries, the type column) on a 256-colour terminal


def written_by(app, *keys):
    """What the program writes to the terminal while `keys` are handled, until its screen is still."""
    path = os.path.join(app.tmp, "written.bin")
    app._tmux("pipe-pane", "-O", "-t", "t", f"cat > {path}")
    time.sleep(0.3)
    before = app.screen()
    app.send(*keys)
    app.wait_until(lambda screen: screen != before, timeout=10, what="the frame after the keys")
    app.wait_for("packages", timeout=10)  # polls until two readings agree: the frame is whole
    app._tmux("pipe-pane", "-t", "t")  # no command: stops the pipe
    time.sleep(0.3)
    with open(path, "rb") as stream:
        return stream.read()


def test_a_page_move_changes_colours_without_resetting_every_attribute(app):
    app.send("NPage")  # the first takes the selection to the page's last row; the next one turns the page
    time.sleep(0.5)
    written = written_by(app, "NPage")
    assert len(written) > 1000, written  # a page move rewrites the rows
    assert DIM_TEXT in written, written  # dim text and default text alternate along each row
    assert RESET_AFTER_COLOUR not in written, f"{written.count(RESET_AFTER_COLOUR)} resets in {len(written)} bytes"


def test_a_list_move_rewrites_only_the_rows_whose_selection_changed(app):
    app.send("j")  # off the first row, so the next move is an ordinary one
    time.sleep(0.5)
    written = written_by(app, "j")
    assert 0 < len(written) < 800, f"{len(written)} bytes: {written!r}"
    assert RESET_AFTER_COLOUR not in written, written
