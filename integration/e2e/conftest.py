import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from tmux_session import BIN, TmuxSession  # noqa: E402


@pytest.fixture
def term():
    session = TmuxSession()
    yield session
    session.close()


@pytest.fixture
def app(term):
    """store-tui running on a fresh embedded demo store in a 100x30 terminal."""
    db = os.path.join(term.tmp, "demo.sqlite")
    term.run(f"{os.path.abspath(BIN)} --database {db}; echo EXIT=$?")
    term.wait_for("packages", timeout=60)
    term.db = db
    return term
