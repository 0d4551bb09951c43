"""Schemathesis against a live `store-tui serve`, driven by the OpenAPI document the server serves.

Runs the schemathesis CLI (examples, coverage and fuzzing phases, deterministic generation) three times:
as an admin, as a publisher and without credentials. Checks: not_a_server_error and
response_schema_conformance. The server must still answer /health afterwards.
"""
import os
import re
import shutil
import subprocess
import sys
import urllib.request

import pytest

from harness_env import QUICK, LiveStore, seed
from harness_results import record

VENV_BIN = os.path.dirname(sys.executable)
CHECKS = "not_a_server_error,response_schema_conformance"
# Examples per operation and phase: the coverage phase adds its own boundary cases on top.
RUNS = [
    ("admin", 5 if QUICK else 60),
    ("publisher", 3 if QUICK else 30),
    (None, 3 if QUICK else 30),
]


def schemathesis():
    path = os.path.join(VENV_BIN, "schemathesis")
    return path if os.path.exists(path) else shutil.which("schemathesis")


def _figures(output):
    """(cases generated, failed cases) from the CLI's summary."""
    match = re.search(r"Test cases:\s*\n\s*(\d+) generated(.*)", output)
    if not match:
        return 0, None
    rest = match.group(2)
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|errored)", rest))
    return int(match.group(1)), failed


@pytest.mark.parametrize("role,examples", RUNS, ids=[r or "anonymous" for r, _ in RUNS])
def test_schemathesis(workdir, role, examples):
    """A fresh store and server per role: the auth-failure limiter keeps its buckets in the database, so
    one run's bad-token cases must not turn the next run's requests into 429s."""
    directory = os.path.join(workdir, role or "anonymous")
    os.makedirs(directory, exist_ok=True)
    live_store = LiveStore(seed(directory), directory)
    try:
        _run(live_store, directory, role, examples)
    finally:
        live_store.stop()


def _run(live_store, workdir, role, examples):
    tool = schemathesis()
    if tool is None:
        pytest.fail("schemathesis is not installed (scripts/harness installs it into .venv-test)")
    url = live_store.url
    args = [tool, "run", f"{url}/openapi.yaml", "--url", url, "--checks", CHECKS,
            "--phases", "examples,coverage,fuzzing", "--generation-deterministic", "-n", str(examples),
            "--max-failures", "200", "--workers", "2", "--request-timeout", "20",
            "--report", "junit", "--report-dir", os.path.join(workdir, f"schemathesis-{role or 'anonymous'}")]
    if role:
        args += ["-H", f"Authorization: Bearer {live_store.tokens[role]}"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=1800,
                            env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"})
    output = result.stdout + result.stderr
    cases, failed = _figures(output)
    with urllib.request.urlopen(url + "/health", timeout=10) as response:
        healthy = response.status == 200
    record("fuzz", f"schemathesis-{role or 'anonymous'}", cases=cases, failures=failed if failed is not None else 1)
    assert live_store.alive() and healthy, "the server went down under fuzzing"
    assert cases > 0 and failed is not None, f"schemathesis did not run:\n{output[-4000:]}"
    if failed:
        failures = output[output.find("FAILURES"):] if "FAILURES" in output else output
        pytest.fail(f"{failed} of {cases} cases failed as {role or 'anonymous'}:\n{failures[:12000]}")
