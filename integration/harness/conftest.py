"""Fixtures of the reliability harness: the binary, seeded databases, a live `store-tui serve`, tokens."""
import os
import shutil
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness_env import BIN, PROFILE, LiveStore, seed  # noqa: E402


@pytest.fixture(scope="session")
def binary():
    if not os.path.exists(BIN):
        pytest.fail(f"no store-tui binary at {BIN}: run `swift build --product store-tui` first")
    return BIN


@pytest.fixture(scope="session")
def profile():
    return PROFILE


@pytest.fixture(scope="module")
def workdir():
    path = tempfile.mkdtemp(prefix="store-tui-harness-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def seeded_db(binary, workdir):
    """A seeded demo store (300 packages) private to the test module."""
    return seed(workdir)


@pytest.fixture(scope="module")
def live_store(seeded_db, workdir):
    """`store-tui serve` over the module's seeded store; stopped after the module."""
    store = LiveStore(seeded_db, workdir)
    yield store
    store.stop()
