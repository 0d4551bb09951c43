"""charmcraft 4.5's charm-library commands (publish-lib, list-lib, fetch-lib, fetch-libs) against `store-tui serve`.

charmcraft 4.5 no longer registers libraries (`create-lib` only prints an error), so a library is registered
the way Charmhub still allows: `POST /v1/charm/libraries/{charm}` `{"library-name"}` → `{"library-id"}`, made
here with the store's API as the charm's owner. Everything after that is real charmcraft, in project
directories of its own (publish-lib takes the charm from the project's `name`), and the store's own
library endpoints are read afterwards. list-lib, fetch-lib and fetch-libs are anonymous in charmcraft.
"""
import hashlib
import json
import os
import re
import time

from test_charmcraft import store  # noqa: F401  (the module-scoped fixture: a seeded store and its server)

PROJECT_YAML = """\
name: {name}
type: charm
title: Library test project
summary: A project directory for charm-library commands
description: publish-lib takes the charm name from here.
base: ubuntu@22.04
platforms:
  amd64:
parts:
  charm:
    plugin: charm
"""

DEPRECATION = "WARNING: Charmhub-hosted charm libraries are deprecated."


def importable(charm):
    return charm.replace("-", "_")


def full_name(charm, lib, api=0):
    return f"charms.{importable(charm)}.v{api}.{lib}"


def project(store, name, extra=""):
    """A new project directory whose charmcraft.yaml is named `name`."""
    path = os.path.join(store.tmp, "projects", f"{name}-{time.monotonic_ns()}")
    os.makedirs(path)
    with open(os.path.join(path, "charmcraft.yaml"), "w") as handle:
        handle.write(PROJECT_YAML.format(name=name) + extra)
    return path


def lib_path(root, charm, lib, api=0):
    return os.path.join(root, "lib", "charms", importable(charm), f"v{api}", f"{lib}.py")


def library_source(lib_id, api, patch, body="def hello():\n    return 'hi'\n", docstring="A test library."):
    return (f'"""{docstring}"""\n\n'
            f'LIBID = "{lib_id}"\nLIBAPI = {api}\nLIBPATCH = {patch}\n\n{body}')


def write_library(root, charm, lib, source, api=0):
    path = lib_path(root, charm, lib, api)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(source.encode())
    return path


def read_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


def charmcraft_hash(data):
    """charmcraft's library hash: sha256 over the lines (split on b"\\n" only, CRLF as LF) that do not start
    with LIBAPI, LIBPATCH or LIBID."""
    pieces = data.split(b"\n")
    lines = [piece + b"\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    hasher = hashlib.sha256()
    for line in lines:
        line = line.replace(b"\r\n", b"\n")
        if not line.startswith((b"LIBAPI", b"LIBPATCH", b"LIBID")):
            hasher.update(line)
    return hasher.hexdigest()


def register_library(store, charm, lib, user="alice"):
    code, body = store.api("POST", f"/v1/charm/libraries/{charm}", user=user, body={"library-name": lib})
    assert code == 200, (code, body)
    assert isinstance(body.get("library-id"), str) and body["library-id"], body
    return body["library-id"]


def new_charm(store, name, user="alice"):
    assert f"You are now the publisher of charm '{name}' in Charmhub." in store.run("register", name, user=user)


def tips(store, items):
    """The anonymous bulk query, as charmcraft makes it."""
    code, body = store.server.api("POST", "/v1/charm/libraries/bulk", body=items)
    assert code == 200, (code, body)
    return body["libraries"]


def published(store, charm, lib, patches, user="alice"):
    """Registers `lib` on `charm` and publishes patches 1..`patches` of API 0 with charmcraft; returns
    (project dir, library id, {patch: source})."""
    lib_id = register_library(store, charm, lib, user=user)
    root = project(store, charm)
    sources = {}
    for patch in range(1, patches + 1):
        sources[patch] = library_source(lib_id, 0, patch, body=f"def hello():\n    return 'patch {patch}'\n")
        write_library(root, charm, lib, sources[patch])
        out = store.run("publish-lib", full_name(charm, lib), cwd=root, user=user)
        assert f"Library {full_name(charm, lib)} sent to the store with version 0.{patch}" in out, out
    return root, lib_id, sources


def test_register_publish_list_and_fetch_a_library(store):
    charm, lib = "e2e-lib-owner", "mylib"
    new_charm(store, charm)
    lib_id = register_library(store, charm, lib)
    root = project(store, charm)
    source = library_source(lib_id, 0, 1)
    write_library(root, charm, lib, source)
    expected_hash = charmcraft_hash(source.encode())

    assert DEPRECATION in store.run("list-lib", charm, cwd=root)
    report = json.loads(store.stdout("publish-lib", full_name(charm, lib), "--format=json", cwd=root))
    assert report == [{"charm_name": charm, "library_name": lib, "library_id": lib_id, "api": 0,
                       "published": {"patch": 1, "content_hash": expected_hash}}], out

    consumer = project(store, "e2e-lib-consumer")
    table = store.stdout("list-lib", charm, cwd=consumer)
    assert re.search(r"^Library name\s+API\s+Patch$", table, re.M), table
    assert re.search(rf"^{lib}\s+0\s+1$", table, re.M), table
    listed = json.loads(store.stdout("list-lib", charm, "--format=json", cwd=consumer))
    assert listed == [{"charm_name": charm, "library_name": lib, "library_id": lib_id, "api": 0, "patch": 1,
                       "content_hash": expected_hash}], listed

    fetched = store.run("fetch-lib", full_name(charm, lib), cwd=consumer, user="bob")
    assert f"Library {full_name(charm, lib)} version 0.1 downloaded." in fetched, fetched
    copy = read_bytes(lib_path(consumer, charm, lib))
    assert copy == source.encode()
    assert charmcraft_hash(copy) == expected_hash

    # The store's own endpoints, anonymously: the document with its content, and the tip without it.
    code, doc = store.server.api("GET", f"/v1/charm/libraries/{charm}/{lib_id}?api=0&patch=1")
    assert code == 200, doc
    assert {k: doc.get(k) for k in ("library-id", "library-name", "charm-name", "api", "patch", "hash", "content")} == {
        "library-id": lib_id, "library-name": lib, "charm-name": charm, "api": 0, "patch": 1,
        "hash": expected_hash, "content": source}, doc
    found = tips(store, [{"charm-name": charm}])
    assert [{k: item.get(k) for k in ("library-id", "library-name", "charm-name", "api", "patch", "hash")}
            for item in found] == [{"library-id": lib_id, "library-name": lib, "charm-name": charm, "api": 0,
                                    "patch": 1, "hash": expected_hash}], found
    assert tips(store, [{"library-id": lib_id, "api": 0}]) == found


def test_a_new_patch_is_fetched_over_the_old_copy(store):
    charm, lib = "e2e-lib-patches", "evolving"
    new_charm(store, charm)
    root, lib_id, sources = published(store, charm, lib, patches=1)
    consumer = project(store, "e2e-lib-follower")
    assert "version 0.1 downloaded." in store.run("fetch-lib", full_name(charm, lib), cwd=consumer)

    sources[2] = library_source(lib_id, 0, 2, body="def hello():\n    return 'patch 2'\n")
    write_library(root, charm, lib, sources[2])
    out = store.run("publish-lib", cwd=root)  # no argument: every library of the project's charm
    assert f"Library {full_name(charm, lib)} sent to the store with version 0.2" in out, out

    out = store.run("fetch-lib", full_name(charm, lib), cwd=consumer)
    assert f"Library {full_name(charm, lib)} updated to version 0.2." in out, out
    assert read_bytes(lib_path(consumer, charm, lib)) == sources[2].encode()
    out = store.run("fetch-lib", cwd=consumer)  # no argument: every library of the project
    assert f"Library {full_name(charm, lib)} was already up to date in version 0.2." in out, out

    table = store.stdout("list-lib", charm, cwd=consumer)
    assert re.search(rf"^{lib}\s+0\s+2$", table, re.M) and len(re.findall(rf"^{lib}\s", table, re.M)) == 1, table

    # Patch 1 stays readable by number, and fetch-libs follows charm-libs: "0" is the tip, "0.1" that patch.
    code, doc = store.server.api("GET", f"/v1/charm/libraries/{charm}/{lib_id}?api=0&patch=1")
    assert code == 200 and doc["patch"] == 1 and doc["content"] == sources[1], doc
    code, doc = store.server.api("GET", f"/v1/charm/libraries/{charm}/{lib_id}?api=0")
    assert code == 200 and doc["patch"] == 2 and doc["content"] == sources[2], doc
    tip = project(store, "e2e-lib-tip", extra=f'charm-libs:\n  - lib: {charm}.{lib}\n    version: "0"\n')
    out = store.run("fetch-libs", cwd=tip)
    assert "Downloaded 1 charm libraries." in out, out
    assert read_bytes(lib_path(tip, charm, lib)) == sources[2].encode()
    pinned = project(store, "e2e-lib-pinned", extra=f'charm-libs:\n  - lib: {charm}.{lib}\n    version: "0.1"\n')
    out = store.run("fetch-libs", cwd=pinned)
    assert "Downloaded 1 charm libraries." in out, out
    assert read_bytes(lib_path(pinned, charm, lib)) == sources[1].encode(), "version 0.1 fetched another patch"
    out = store.run("fetch-libs", cwd=pinned)
    assert f"Skipping {charm}.{lib} because the same file already exists on disk" in out, out


def test_publishing_the_same_version_again_says_already_updated(store):
    charm, lib = "e2e-lib-again", "steady"
    new_charm(store, charm)
    root, lib_id, sources = published(store, charm, lib, patches=1)
    out = store.run("publish-lib", full_name(charm, lib), cwd=root)
    assert f"Library {full_name(charm, lib)} is already updated in Charmhub." in out, out
    # Other content under the same patch number: charmcraft compares with the store's hash and refuses.
    write_library(root, charm, lib, library_source(lib_id, 0, 1, body="def hello():\n    return 'changed'\n"))
    out = store.run("publish-lib", full_name(charm, lib), cwd=root, expect=1)
    assert f"Library {full_name(charm, lib)} version 0.1 is the same than in Charmhub but content is different" in out
    [tip] = tips(store, [{"library-id": lib_id, "api": 0}])
    assert tip["patch"] == 1 and tip["hash"] == charmcraft_hash(sources[1].encode()), tip


def test_another_publisher_cannot_publish_to_alices_library(store):
    charm, lib = "e2e-lib-not-bobs", "guarded"
    new_charm(store, charm)
    _, lib_id, sources = published(store, charm, lib, patches=1)

    # Bob reads it like anyone, but may neither publish a patch nor register a library on alice's charm.
    bobs = project(store, charm)
    assert "version 0.1 downloaded." in store.run("fetch-lib", full_name(charm, lib), cwd=bobs, user="bob")
    write_library(bobs, charm, lib, library_source(lib_id, 0, 2, body="def hello():\n    return 'bob was here'\n"))
    out = store.run("publish-lib", full_name(charm, lib), cwd=bobs, user="bob", expect=1)
    assert "Store operation failed:" in out, out
    assert re.search(r"^- permission-denied: .+", out, re.M), out
    code, body = store.api("POST", f"/v1/charm/libraries/{charm}", user="bob", body={"library-name": "intruder"})
    assert code == 403 and body["error-list"][0]["code"] == "permission-denied", (code, body)
    code, body = store.server.api("POST", f"/v1/charm/libraries/{charm}", body={"library-name": "anonymous"})
    assert code == 401, (code, body)
    [tip] = tips(store, [{"charm-name": charm}])
    assert (tip["library-name"], tip["patch"]) == (lib, 1), tip

    # Once alice makes bob a collaborator, the same publication goes through.
    code, body = store.api("POST", f"/api/v1/packages/{charm}/collaborators", user="alice", body={"username": "bob"})
    assert code == 200, (code, body)
    out = store.run("publish-lib", full_name(charm, lib), cwd=bobs, user="bob")
    assert f"Library {full_name(charm, lib)} sent to the store with version 0.2" in out, out
    [tip] = tips(store, [{"charm-name": charm}])
    assert tip["patch"] == 2, tip

    # A suspended account may not publish, even as a collaborator (if the store lets one be added).
    code, body = store.api("POST", f"/api/v1/packages/{charm}/collaborators", user="alice",
                           body={"username": "mallory"})
    mallorys = project(store, charm)
    write_library(mallorys, charm, lib, library_source(lib_id, 0, 3, body="def hello():\n    return 'mallory'\n"))
    out = store.run("publish-lib", full_name(charm, lib), cwd=mallorys, user="mallory", expect=1)
    assert re.search(r"^- permission-denied: .+", out, re.M), out
    if code == 200:
        assert "- permission-denied: Not allowed: your account is suspended." in out, out
    [tip] = tips(store, [{"charm-name": charm}])
    assert tip["patch"] == 2, tip


def test_fetching_a_missing_library_says_not_found(store):
    charm, lib = "e2e-lib-sparse", "present"
    new_charm(store, charm)
    consumer = project(store, "e2e-lib-seeker")
    out = store.run("list-lib", charm, cwd=consumer)
    assert f"No libraries found for charm {charm}." in out, out
    published(store, charm, lib, patches=1)

    out = store.run("fetch-lib", full_name(charm, "absent"), cwd=consumer, expect=1)
    assert f"Library {full_name(charm, 'absent')} not found in Charmhub." in out, out
    # A charm that does not exist is the same "not found" (the bulk query answers [], never an error,
    # which charmcraft 4.5 would crash on with KeyError(None)).
    out = store.run("fetch-lib", full_name("e2e-no-such-charm", lib), cwd=consumer, expect=1)
    assert f"Library {full_name('e2e-no-such-charm', lib)} not found in Charmhub." in out, out
    out = store.run("fetch-lib", full_name(charm, lib, api=1), cwd=consumer, expect=1)
    assert f"Library {full_name(charm, lib, api=1)} not found in Charmhub." in out, out
    assert not os.path.exists(os.path.join(consumer, "lib", "charms", importable(charm), "v0", "absent.py"))

    missing = project(store, "e2e-lib-wants", extra=f'charm-libs:\n  - lib: {charm}.absent\n    version: "0"\n')
    out = store.run("fetch-libs", cwd=missing, expect=1)
    assert f"Could not find the following libraries on charmhub:\n- lib: {charm}.absent" in out, out

    code, body = store.server.api("GET", f"/v1/charm/libraries/{charm}/no-such-id?api=0")
    assert code == 404 and body["error-list"][0]["code"], (code, body)
    assert tips(store, [{"charm-name": "e2e-no-such-charm"}, {"library-id": "no-such-id"}]) == []


HOSTILE_DOCSTRING = (
    "Hostile \x1b[31mred\x1b[0m \x1b]0;retitled\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "bell\x07 backspace\x08 del\x7f c1-csi\x9b2J nel\x85 bidi\u202eesrever\u202c zero-width\u200b\n"
    "form feed\x0cLIBPATCH = 99 and vertical tab\x0bLIBID = 'x' and line separator\u2028LIBAPI = 7\u2029\n"
    "LIBIDs and LIBAPIs: lines starting like this are left out of the hash by charmcraft\n"
    "tab\tand unicode: ünïcödé, 日本語, emoji 🦄")


def test_hostile_content_round_trips_byte_for_byte_and_listings_stay_inert(store):
    charm, lib = "e2e-lib-hostile", "hostile"
    new_charm(store, charm)
    lib_id = register_library(store, charm, lib)
    root = project(store, charm)
    source = library_source(lib_id, 0, 1, docstring=HOSTILE_DOCSTRING,
                            body="def hello():\n    return '\\x1b[2J'  # an escape in code, as text\n")
    write_library(root, charm, lib, source)
    expected_hash = charmcraft_hash(source.encode())

    report = json.loads(store.stdout("publish-lib", full_name(charm, lib), "--format=json", cwd=root))
    assert report[0]["published"] == {"patch": 1, "content_hash": expected_hash}, out

    consumer = project(store, "e2e-lib-careful")
    assert "version 0.1 downloaded." in store.run("fetch-lib", full_name(charm, lib), cwd=consumer)
    assert read_bytes(lib_path(consumer, charm, lib)) == source.encode()
    code, doc = store.server.api("GET", f"/v1/charm/libraries/{charm}/{lib_id}?api=0&patch=1")
    assert code == 200 and doc["content"] == source and doc["hash"] == expected_hash, doc

    # What reaches a terminal from listings holds none of it: list-lib shows names and numbers, and the
    # bulk tips carry no content.
    for output in (store.run("list-lib", charm, cwd=consumer), store.stdout("list-lib", charm, "--format=json",
                                                                           cwd=consumer)):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e]", output), repr(output)
        assert "retitled" not in output and "evil.example" not in output
    for item in tips(store, [{"charm-name": charm}]):
        assert "content" not in item, item

    # A library name that is not a Python module name (here with an escape in it) is refused, since
    # charmcraft would print it as is.
    for name in ["bad\x1b[2Jname", "bad-name", "bad name", ""]:
        code, body = store.api("POST", f"/v1/charm/libraries/{charm}", body={"library-name": name}, user="alice")
        assert 400 <= code < 500 and body["error-list"], (name, code, body)
    assert [item["library-name"] for item in tips(store, [{"charm-name": charm}])] == [lib]


def test_the_store_checks_the_hash_and_the_patch_order(store):
    """What charmcraft never sends but the store must refuse: a wrong hash, a gap, a repeat, anonymity."""
    charm, lib = "e2e-lib-rules", "strict"
    new_charm(store, charm)
    _, lib_id, sources = published(store, charm, lib, patches=1)
    path = f"/v1/charm/libraries/{charm}/{lib_id}"

    def publish(patch, source=None, digest=None, user="alice", api=0):
        source = source or library_source(lib_id, api, patch, body=f"def hello():\n    return {api * 1000 + patch}\n")
        body = {"api": api, "patch": patch, "content": source, "hash": digest or charmcraft_hash(source.encode())}
        return store.api("POST", path, user=user, body=body)

    code, body = publish(2, digest="0" * 64)
    assert 400 <= code < 500 and body["error-list"], ("wrong hash", code, body)
    code, body = publish(3)
    assert 400 <= code < 500 and body["error-list"], ("patch gap", code, body)
    code, body = publish(1)
    assert 400 <= code < 500 and body["error-list"], ("patch repeated", code, body)
    code, body = store.server.api("POST", path, body={"api": 0, "patch": 2, "content": sources[1],
                                                      "hash": charmcraft_hash(sources[1].encode())})
    assert code == 401, ("anonymous", code, body)
    [tip] = tips(store, [{"library-id": lib_id}])
    assert tip["patch"] == 1, tip

    code, body = publish(2)
    assert code == 200, (code, body)
    assert (body["library-id"], body["library-name"], body["charm-name"], body["api"], body["patch"]) == (
        lib_id, lib, charm, 0, 2), body
    # A line starting with LIBPATCH is outside the hash, wherever it is: the server agrees with charmcraft.
    source = library_source(lib_id, 0, 3, body="def hello():\n    return 3\nLIBPATCH_NOTE = 'not hashed'\n")
    code, body = publish(3, source=source)
    assert code == 200 and body["hash"] == charmcraft_hash(source.encode()), (code, body)
