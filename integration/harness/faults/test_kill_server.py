"""SIGKILL `store-tui serve` in the middle of a stream of uploads and releases, on SQLite and PostgreSQL.

Client threads upload revisions and apply release plans through /api/v1 (each plan releases one
revision to edge, beta and candidate at once, or promotes candidate to stable, or closes the three)
and through the charmcraft routes (file upload, push, poll, release). They record every 2xx. The
server is killed at a random moment, restarted on the same database, and the store is compared with
what the clients were told: every acknowledged change is there, every audit event is one whole plan,
the audit log chains from the empty map to the current one with one event per map version, and there
is one upload event per revision.
"""
import os
import random
import shutil
import tempfile
import threading

import pytest

from faultlib import (ApiPublisher, CharmPublisher, Check, Ledger, Server, call, record, scaled, seed_store,
                      sqlite_integrity, random_pause, paged, uploads_in_database_supported)

API_PACKAGES = 3


def register(server, tokens, name, charm=False):
    if charm:
        reply = call(server.url, "POST", "/v1/charm", tokens["alice"], {"name": name, "type": "charm"}, scheme="Macaroon")
        assert reply.status == 200, reply
    else:
        reply = call(server.url, "POST", "/api/v1/packages", tokens["alice"], {"name": name, "type": "snap"})
        assert reply.status == 201, reply


def kill_loop(db, tmp, engine, rounds, seed, upload_dir):
    rng = random.Random(seed)
    tokens = seed_store(db, tmp)
    server = Server(db, tmp, upload_dir=upload_dir)
    server.start()
    names = [f"kill-{engine}-{i}" for i in range(API_PACKAGES)]
    charm = f"kill-{engine}-charm"
    for name in names:
        register(server, tokens, name)
    register(server, tokens, charm, charm=True)
    ledger = Ledger()
    charm_threads = []
    problems, lost, checks = [], 0, 0
    try:
        for round_number in range(rounds):
            stop = threading.Event()
            threads = [ApiPublisher(server, tokens["alice"], name, ledger, stop) for name in names]
            charm_thread = CharmPublisher(server, tokens["alice"], charm, ledger, stop)
            charm_threads.append(charm_thread)
            threads.append(charm_thread)
            for thread in threads:
                thread.start()
            random_pause(0.4, 1.8, rng)
            server.kill()  # SIGKILL, mid-stream
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            server.start()
            check = Check(server.url, tokens["admin"])
            for name in names + [charm]:
                check.package(name, [e for e in ledger.acked if e["package"] == name])
            problems += [f"after kill {round_number + 1}: {p}" for p in check.problems]
            lost += check.lost
            checks += check.plans_checked
        resume = resume_cut_off_pushes(server, tokens, charm, charm_threads, ledger)
        server.stop()
        if engine == "sqlite":
            problems += sqlite_integrity(db)
    finally:
        server.kill()
    acked = len(ledger.acked)
    print(f"\n{engine}: {rounds} kills, {ledger.attempts} requests, {acked} acknowledged changes, "
          f"{ledger.unanswered} cut off by the kill, refused {ledger.refused}, data lost {lost}")
    return {"resume": resume, "rounds": rounds, "ledger": ledger, "problems": problems, "lost": lost, "charm_threads": charm_threads,
            "server": server, "tokens": tokens, "charm": charm}


def resume_cut_off_pushes(server, tokens, charm, charm_threads, ledger):
    """What charmcraft does after a failed `upload`: push the stored file again. Each must end as one
    revision: not stuck as `new` (a claim left by the killed server), not a second revision."""
    problems = []
    retried = 0
    for thread in charm_threads:
        for upload_id in thread.uploaded:
            if upload_id in thread.pushed:
                continue
            retried += 1
            if thread.push(upload_id, polls=40) is None and upload_id not in thread.pushed:
                problems.append(f"upload {upload_id}: pushed again after the kill, it never became a revision")
    # Claims left by killed pushes lapse and are taken over; none is left once every push is done.
    claims = [f for f in os.listdir(server.upload_dir) if f.endswith(".claim")] if server.upload_dir else []
    if claims:
        problems.append(f"{len(claims)} push claim file(s) still held after every push finished: {claims[:3]}")
    revisions = paged(server.url, f"/api/v1/packages/{charm}/revisions", tokens["admin"])
    by_hash = {}
    for revision in revisions:
        by_hash.setdefault(revision["sha3_384"], []).append(revision["number"])
    doubles = {h[:12]: n for h, n in by_hash.items() if len(n) > 1}
    if doubles:
        problems.append(f"one uploaded file became several revisions: {doubles}")
    return {"retried": retried, "problems": problems}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def kill_run(request):
    """One kill loop per engine, shared by the assertions below."""
    tmp = tempfile.mkdtemp(prefix="store-tui-faults-kill-")
    try:
        if request.param == "sqlite":
            db = os.path.join(tmp, "store.sqlite")
        else:
            db = request.getfixturevalue("pg_cluster").new_database()
        # Uploads in a directory on SQLite; in the database on PostgreSQL when the build can (else a directory).
        in_database = request.param == "postgres" and uploads_in_database_supported()
        upload_dir = None if in_database else os.path.join(tmp, "uploads")
        result = kill_loop(db, tmp, request.param, scaled(4, 15), seed=7 if request.param == "sqlite" else 11,
                           upload_dir=upload_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result["engine"] = request.param + (" (uploads in the database)" if in_database else " (upload directory)")
    record("fault", f"sigkill-server-{request.param}", scenarios=result["rounds"], data_lost=result["lost"])
    yield result
    shutil.rmtree(tmp, ignore_errors=True)


def test_sigkill_mid_stream_loses_nothing_and_applies_whole_plans(kill_run):
    assert kill_run["ledger"].acked, "no change was acknowledged before the kills"
    assert kill_run["lost"] == 0, "\n".join(kill_run["problems"])
    assert not kill_run["problems"], "\n".join(kill_run["problems"])


def test_upload_cut_off_by_the_kill_can_be_pushed_again(kill_run):
    resume = kill_run["resume"]
    print(f"\n{kill_run['engine']}: {resume['retried']} cut-off pushes retried")
    assert not resume["problems"], "\n".join(resume["problems"])
