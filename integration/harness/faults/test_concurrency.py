"""Many clients releasing to the same package at once, with and without If-Match, on SQLite and PostgreSQL.

Afterwards the audit log is replayed: its events chain from the empty map to the current one, one per
map version; every 200 a client got is the event of the version it was answered; with If-Match a
success is always the very next version after the one the client read (no lost update), and every
412 names a version that really had moved on and lists exactly the channels that differ.
"""
import json
import os
import random
import threading

import pytest

from faultlib import Server, call, normalize, paged, record, scaled, seed_store, revision_upload

CHANNELS = ["latest/stable", "latest/candidate", "latest/beta", "latest/edge"]


def effective(state):
    """What each risk serves: its own release, else what the next safer open risk serves (it follows it)."""
    own = dict(state)
    serving = {}
    for index, channel in enumerate(CHANNELS):
        if channel in own:
            serving[channel] = ("own", own[channel])
        else:
            safer = next((c for c in reversed(CHANNELS[:index]) if c in own), None)
            serving[channel] = ("following", safer, own[safer]) if safer else ("closed",)
    return serving


def timed(releases):
    """Plain releases as (channel, (revision, released at)): a re-release of the same revision is a change too.

    Times are kept whole: two releases a client made within the same millisecond are still two releases
    (the server tells them apart to the microsecond, and so must this replay)."""
    return frozenset((r["channel"], (r["revision"], float(r["releasedAt"])))
                     for r in releases if r.get("progressivePercentage") is None)


def same_serving(a, b):
    """Whether two `effective` values serve the same thing: same source and revision, released within 2 µs
    (one microsecond as the server compares, plus the rounding of a stored time)."""
    if a[0] != b[0] or len(a) != len(b):
        return False
    if a[0] == "closed":
        return True
    (rev_a, at_a), (rev_b, at_b) = a[-1], b[-1]
    return a[1:-1] == b[1:-1] and rev_a == rev_b and abs(at_a - at_b) < 2e-6


def differing(a, b):
    ea, eb = effective(a), effective(b)
    return {c for c in CHANNELS if not same_serving(ea[c], eb[c])}


def prepare(server, tokens, name, revisions=8):
    reply = call(server.url, "POST", "/api/v1/packages", tokens["alice"], {"name": name, "type": "snap"})
    assert reply.status == 201, reply
    for i in range(revisions):
        reply = call(server.url, "POST", f"/api/v1/packages/{name}/revisions", tokens["alice"],
                     revision_upload(f"1.{i}"))
        assert reply.status == 201 and "approved" in reply.body["review"], reply


class Releaser(threading.Thread):
    def __init__(self, base, tok, name, rounds, if_match, seed, barrier):
        super().__init__(daemon=True)
        self.base, self.token, self.name, self.rounds, self.if_match = base, tok, name, rounds, if_match
        self.rng = random.Random(seed)
        self.barrier = barrier
        self.successes = []   # (read version or None, answered version, answered map)
        self.stale = []       # (sent version, reply)
        self.other = []

    def run(self):
        self.barrier.wait()
        for _ in range(self.rounds):
            headers = {}
            seen = None
            if self.if_match:
                reply = call(self.base, "GET", f"/api/v1/packages/{self.name}/channel-map", self.token)
                seen = reply.body["version"]
                assert reply.headers["etag"] == f'"cm-{seen}"'
                headers["If-Match"] = reply.headers["etag"]
            channels = self.rng.sample(CHANNELS, self.rng.randint(1, 3))
            plan = {"operations": [{"release": {"revision": self.rng.randint(1, 8), "channels": channels}}]}
            reply = call(self.base, "POST", f"/api/v1/packages/{self.name}/releases", self.token, plan, headers=headers)
            if reply.status == 200:
                self.successes.append((seen, reply.body["map"]["version"], normalize(reply.body["map"]["releases"])))
            elif reply.status == 412:
                self.stale.append((seen, reply))
            else:
                self.other.append(reply)


def run_contention(db, tmp, clients, rounds):
    tokens = seed_store(db, tmp)
    server = Server(db, tmp)
    server.start()
    problems = []
    try:
        name = "contended"
        prepare(server, tokens, name)
        barrier = threading.Barrier(clients)
        threads = [Releaser(server.url, tokens["alice" if i % 2 else "admin"], name, rounds, if_match=i % 2 == 0,
                            seed=i, barrier=barrier) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)

        reply = call(server.url, "GET", f"/api/v1/packages/{name}/channel-map", tokens["admin"])
        version, current = reply.body["version"], normalize(reply.body["releases"])
        events = sorted((e for e in paged(server.url, f"/api/v1/audit?package={name}", tokens["admin"])
                         if e["objectKind"] == "channel-map"), key=lambda e: e["id"])
        states = [frozenset()]  # states[v] is the map at version v, replayed from the audit log
        timed_states = [frozenset()]
        for event in events:
            before = normalize(json.loads(event["before"] or "[]"))
            if before != states[-1]:
                problems.append(f"audit event {event['id']} does not start from the previous event's map")
            states.append(normalize(json.loads(event["after"] or "[]")))
            timed_states.append(timed(json.loads(event["after"] or "[]")))
        if len(events) != version:
            problems.append(f"map version {version}, {len(events)} audit events")
        if states[-1] != current:
            problems.append("replaying the audit log does not give the current channel map")

        successes = [s for t in threads for s in t.successes]
        answered = [v for _, v, _ in successes]
        if len(set(answered)) != len(answered):
            problems.append("two successful releases were answered with the same map version (a lost update)")
        if len(successes) != version:
            problems.append(f"{len(successes)} releases succeeded but the map is at version {version}")
        for seen, answered_version, answered_map in successes:
            if answered_version >= len(states) or states[answered_version] != answered_map:
                problems.append(f"the success answered with v{answered_version} is not that version in the audit log")
            if seen is not None and answered_version != seen + 1:
                problems.append(f"If-Match v{seen} succeeded as v{answered_version}: applied over a map it never saw")
        explained = 0
        for t in threads:
            for seen, reply in t.stale:
                extra = reply.body["error-list"][0].get("extra", {})
                actual = extra.get("actual")
                if reply.error_code != "channel-map-changed" or extra.get("expected") != seen or not actual or actual <= seen:
                    problems.append(f"unexplained 412 for If-Match v{seen}: {reply}")
                    continue
                if reply.headers.get("etag") != f'"cm-{actual}"':
                    problems.append(f"412 ETag {reply.headers.get('etag')} is not v{actual}")
                differ = differing(timed_states[seen], timed_states[actual]) if actual < len(states) else None
                listed = {c["channel"] for c in extra.get("changes", [])}
                if differ is None or listed != differ:
                    problems.append(f"412 v{seen}->v{actual} lists {sorted(listed)}, the audit log says {sorted(differ or [])}")
                    continue
                explained += 1
        others = [r for t in threads for r in t.other]
        if others:
            problems.append(f"{len(others)} releases failed otherwise: {others[:3]}")
        stale = sum(len(t.stale) for t in threads)
        print(f"\n{clients} clients x {rounds}: {len(successes)} applied, {stale} answered 412 ({explained} explained), "
              f"{len(others)} other; final version {version}")
    finally:
        server.stop()
    return problems, len(successes) + stale


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_concurrent_releases_to_one_package(engine, tmp_dir, request):
    if engine == "sqlite":
        db = os.path.join(tmp_dir, "store.sqlite")
    else:
        db = request.getfixturevalue("pg_cluster").new_database()
    clients, rounds = scaled(8, 16), scaled(15, 40)
    problems, requests = run_contention(db, tmp_dir, clients, rounds)
    record("fault", f"concurrent-releases-{engine}", scenarios=1, data_lost=len([p for p in problems if "lost" in p]))
    assert requests == clients * rounds
    assert not problems, "\n".join(problems)
