"""Figures the reliability harness reports: each test records what it tried and what failed.

Every call appends one JSON line to the file named by $HARNESS_RESULTS (nothing happens when it
is unset, so the tests also run alone under plain pytest). `scripts/harness` reads the lines back
and prints the summary.

Kinds and the figures they carry (all integers):
- "hostile":  tried, passed            (hostile strings stored and shown)
- "fuzz":     cases, failures          (schemathesis cases against the live server)
- "fault":    scenarios, data_lost     (fault scenarios run, committed changes missing afterwards)
- "authz":    cases, failures          (endpoint x role x ownership outcomes asserted)
- "abuse":    requests, server_errors  (malformed, oversized, slow or dropped requests)
- "secrets":  checks, leaks            (token secrets looked for in logs, the database, replies)
"""
import json
import os


def record(kind, name, **figures):
    """Appends one result line: `kind` (see above), a short `name` for the check, integer figures."""
    path = os.environ.get("HARNESS_RESULTS")
    if not path:
        return
    line = {"kind": kind, "name": name}
    line.update({key: int(value) for key, value in figures.items()})
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
