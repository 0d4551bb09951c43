#!/usr/bin/env python3
"""Refresh bodies for the benchmarks: 20 listed snaps spread over a seeded SQLite store, each released to
latest/stable for amd64 (unbranched, not progressive, default track latest, epoch 0) at a revision with an
older one below it. Writes DIR/refresh-current.json (every snap at its released revision: nothing to
refresh), DIR/refresh-behind.json (each one revision behind: 20 results) and DIR/snaps.txt (their names).

Usage: scripts/bench/refresh_bodies.py STORE.sqlite DIR
(`store-tui seed` is deterministic: a PostgreSQL store seeded with the same --packages and --seed holds the
same snaps, so these bodies fit it too.)
"""
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("""
    SELECT p.id, p.name, r.revision, (SELECT max(o.number) FROM revisions o WHERE o.package_pk = p.pk AND o.number < r.revision)
    FROM packages p JOIN releases r ON r.package_pk = p.pk JOIN revisions v ON v.package_pk = p.pk AND v.number = r.revision
    WHERE p.type = 'snap' AND p.listed = 1 AND p.default_track = 'latest' AND r.track = 'latest' AND r.risk = 'stable'
      AND r.branch = '' AND r.progressive IS NULL AND r.architecture = 'amd64' AND r.revision > 1 AND v.epoch IS NULL
    ORDER BY p.pk""").fetchall()
assert len(rows) >= 20, f"only {len(rows)} snaps fit"
picked = [rows[i * len(rows) // 20] for i in range(20)]
fields = ["architectures", "base", "confinement", "download", "epoch", "name", "revision", "snap-id", "summary", "title", "type", "version"]
def body(behind):
    return {"context": [{"snap-id": i, "instance-key": i, "revision": older if behind else rev, "tracking-channel": "latest/stable",
                         "epoch": {"read": [0], "write": [0]}} for i, _, rev, older in picked],
            "actions": [{"action": "refresh", "instance-key": i, "snap-id": i} for i, _, _, _ in picked],
            "fields": fields}
for name, behind in (("current", False), ("behind", True)):
    with open(f"{sys.argv[2]}/refresh-{name}.json", "w") as out: json.dump(body(behind), out, separators=(",", ":"))
with open(f"{sys.argv[2]}/snaps.txt", "w") as out: out.write(" ".join(n for _, n, _, _ in picked) + "\n")
