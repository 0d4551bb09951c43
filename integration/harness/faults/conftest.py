"""Fixtures of the fault scenarios (issue #7, "Faults" and "Concurrency").

Runs alone (`.venv-test/bin/python -m pytest integration/harness/faults`) or under scripts/harness.
HARNESS_PROFILE=quick (default) or full scales the rounds; HARNESS_RESULTS collects the figures.
"""
import os
import shutil
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402


@pytest.fixture
def tmp_dir():
    path = tempfile.mkdtemp(prefix="store-tui-faults-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL cluster for the session; each test takes a database of its own."""
    cluster = faultlib.PostgresCluster()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    if not os.access(faultlib.bin_path(), os.X_OK):
        pytest.fail(f"no store-tui binary at {faultlib.bin_path()}: run `swift build --product store-tui` "
                    "or set STORE_TUI_BIN", pytrace=False)
