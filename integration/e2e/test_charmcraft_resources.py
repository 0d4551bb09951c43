"""charmcraft 4.5's file-resource commands (resources, upload-resource, resource-revisions,
set-resource-architectures, release --resource, status) against `store-tui serve`.

A charm declares its resources in the metadata.yaml inside the .charm (where `charmcraft pack` writes the
`resources:` of charmcraft.yaml); charmcraft's upload sends nothing else about them. Every assertion is on
what charmcraft prints, then on the store's own publisher API.
"""
import hashlib
import json
import os
import re
import stat

from humanize import naturalsize  # what charmcraft formats sizes with (a dependency of charmcraft)

from test_charmcraft import pack, row, status_rows, store  # noqa: F401  (store: the module-scoped fixture)

RESOURCE_METADATA = """\
name: {name}
summary: An end-to-end test charm with a file resource
description: Packed by the test.
resources:
  data:
    type: file
    filename: data.tar
    description: The data the charm serves
"""

TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


def resource_charm(store, name, version="1.0.0"):
    """A .charm whose metadata.yaml declares the file resource `data`."""
    members = {
        "metadata.yaml": RESOURCE_METADATA.format(name=name),
        "manifest.yaml": ("charmcraft-version: 4.5.0\nbases:\n- name: ubuntu\n  channel: '22.04'\n"
                          "  architectures: [amd64]\n"),
        "dispatch": "#!/bin/sh\nJUJU_DISPATCH_PATH=\"${JUJU_DISPATCH_PATH:-$0}\" exec ./src/charm.py\n",
        "src/charm.py": "#!/usr/bin/env python3\nprint('hello')\n",
        "version": f"{version}\n",
    }
    return pack(os.path.join(store.tmp, f"{name}-{version}.charm"), name, files=members)


def registered_with_resource(store, name):
    store.run("register", name)
    out = store.run("upload", resource_charm(store, name))
    assert f"Revision 1 of '{name}' created" in out, out


def blob(store, name, size):
    path = os.path.join(store.tmp, name)
    with open(path, "wb") as handle:
        handle.write(os.urandom(size))
    return path


def upload_resource(store, charm, path, *extra, revision, resource="data"):
    out = store.run("upload-resource", charm, resource, f"--filepath={path}", *extra)
    assert f"Revision {revision} created of resource '{resource}' for charm '{charm}'." in out, out


def revisions_json(store, charm, resource="data"):
    return sorted(json.loads(store.stdout("resource-revisions", charm, resource, "--format=json")),
                  key=lambda item: item["revision"])


def architectures(item):
    return sorted({arch for base in item["bases"] for arch in base["architectures"]})


def test_a_declared_file_resource_is_listed(store):
    name = "e2e-res-listed"
    registered_with_resource(store, name)
    table = store.stdout("resources", name)
    assert re.search(r"^Charm Rev\s+Resource\s+Type\s+Optional$", table, re.M), table
    assert re.search(r"^(1\s+)?data\s+file\b", table, re.M), table
    [item] = json.loads(store.stdout("resources", name, "--format=json"))
    assert (item["name"], item["type"]) == ("data", "file"), item
    assert item["charm_revision"] in (1, None), item  # the charm revision that declares it, if the store says

    store.run("register", "e2e-res-none")
    store.run("upload", store.charm("e2e-res-none"))
    assert "No resources associated to e2e-res-none." in store.run("resources", "e2e-res-none")
    assert "No revisions found." in store.run("resource-revisions", name, "data")

    code, body = store.api("GET", f"/v1/charm/{name}/resources", user="alice")
    assert code == 200, body
    assert [(r["name"], r["type"]) for r in body["resources"]] == [("data", "file")], body


def test_uploaded_resource_revisions_are_listed_with_their_sizes(store):
    name = "e2e-res-revisions"
    registered_with_resource(store, name)
    first, second = blob(store, "data-1.tar", 3000), blob(store, "data-2.tar", 5 * 1024 + 17)
    upload_resource(store, name, first, revision=1)
    upload_resource(store, name, second, "--arch=amd64,arm64", revision=2)

    table = store.stdout("resource-revisions", name, "data")
    lines = [line for line in table.splitlines() if line.strip()]
    assert re.match(r"^Revision\s+Created at\s+Size\s+Architectures$", lines[0]), table
    assert re.match(rf"^2\s+{TIMESTAMP}\s+{re.escape(naturalsize(5 * 1024 + 17, gnu=True))}\s+amd64,arm64$",
                    lines[1]), table
    assert re.match(rf"^1\s+{TIMESTAMP}\s+{re.escape(naturalsize(3000, gnu=True))}\s+all$", lines[2]), table
    assert len(lines) == 3, table

    listed = revisions_json(store, name)
    assert [(item["revision"], item["size"], architectures(item)) for item in listed] == [
        (1, 3000, ["all"]), (2, 5 * 1024 + 17, ["amd64", "arm64"])], listed

    # The store's own view: the digests are those of the bytes sent.
    code, body = store.api("GET", f"/v1/charm/{name}/resources/data/revisions", user="alice")
    assert code == 200, body
    by_revision = {item["revision"]: item for item in body["revisions"]}
    for revision, path in [(1, first), (2, second)]:
        with open(path, "rb") as handle:
            data = handle.read()
        item = by_revision[revision]
        assert (item["name"], item["type"], item["size"]) == ("data", "file", len(data)), item
        assert item["sha256"] == hashlib.sha256(data).hexdigest(), item
        assert item["sha384"] == hashlib.sha384(data).hexdigest(), item
        assert item["sha512"] == hashlib.sha512(data).hexdigest(), item
        assert item["sha3-384"] == hashlib.sha3_384(data).hexdigest(), item


def test_a_release_with_a_resource_shows_in_status(store):
    name = "e2e-res-release"
    registered_with_resource(store, name)
    upload_resource(store, name, blob(store, "rel-1.tar", 1000), revision=1)
    upload_resource(store, name, blob(store, "rel-2.tar", 2000), revision=2)

    out = store.run("release", name, "--revision=1", "--channel=beta", "--resource=data:2")
    assert f"Revision 1 of '{name}' released to beta (attaching resources: 'data' r2)" in out, out
    status = store.stdout("status", name)
    assert re.search(r"^Track\s+Base\s+Channel\s+Version\s+Revision\s+Resources$", status, re.M), status
    rows = status_rows(status)
    assert row(rows, "stable") == ["-", "-", "-"], status
    assert row(rows, "candidate") == ["-", "-", "-"], status
    assert row(rows, "beta") == ["1.0.0", "1", "data (r2)"], status
    assert row(rows, "edge") == ["↑", "↑", "↑"], status

    # upload --release --resource: a new charm revision released with the older resource revision.
    out = store.run("upload", resource_charm(store, name, version="1.1.0"), "--release=edge", "--resource=data:1")
    assert f"Revision 2 of '{name}' created" in out, out
    assert "Revision released to edge (attaching resources: 'data' r1)" in out, out
    rows = status_rows(store.stdout("status", name))
    assert row(rows, "beta") == ["1.0.0", "1", "data (r2)"], rows
    assert row(rows, "edge") == ["1.1.0", "2", "data (r1)"], rows

    mapped = json.loads(store.stdout("status", name, "--format=json"))
    releases = {r["channel"]: r for m in mapped[0]["mappings"] for r in m["releases"]}
    assert releases["latest/beta"]["resources"] == [{"name": "data", "revision": 2}], mapped
    assert releases["latest/edge"]["resources"] == [{"name": "data", "revision": 1}], mapped

    code, body = store.api("GET", f"/v1/charm/{name}/releases", user="alice")
    assert code == 200, body
    served = {item["channel"]: item["resources"] for item in body["channel-map"]}
    assert [(r["name"], r["revision"], r["type"]) for r in served["latest/beta"]] == [("data", 2, "file")], body
    assert [(r["name"], r["revision"], r["type"]) for r in served["latest/edge"]] == [("data", 1, "file")], body


def test_an_undeclared_resource_or_revision_is_refused(store):
    name = "e2e-res-undeclared"
    registered_with_resource(store, name)
    upload_resource(store, name, blob(store, "ok.tar", 500), revision=1)

    out = store.run("upload-resource", name, "nope", f"--filepath={blob(store, 'nope.tar', 100)}", expect=1)
    assert "Store operation failed:" in out, out
    assert re.search(r"^- [a-z-]+: .*nope", out, re.M), out
    for resource in ["nope:1", "data:7"]:
        out = store.run("release", name, "--revision=1", "--channel=edge", f"--resource={resource}", expect=1)
        assert "Store operation failed:" in out, out
        assert re.search(r"^- [a-z-]+: .+", out, re.M), out
    code, body = store.api("GET", f"/v1/charm/{name}/releases", user="alice")
    assert body["channel-map"] == [], body
    assert [item["revision"] for item in revisions_json(store, name)] == [1]

    # Bob may not add revisions to alice's resource.
    out = store.run("upload-resource", name, "data", f"--filepath={blob(store, 'bob.tar', 100)}", user="bob", expect=1)
    assert re.search(r"^- permission-denied: .+", out, re.M), out
    assert [item["revision"] for item in revisions_json(store, name)] == [1]


def test_an_oci_image_is_refused_clearly(store):
    """charmcraft inspects the image with skopeo before it asks the store anything; a stand-in skopeo lets it
    reach the store, which does not host OCI images and says so."""
    name = "e2e-res-oci"
    registered_with_resource(store, name)
    bin_dir = os.path.join(store.tmp, "fake-skopeo")
    os.makedirs(bin_dir, exist_ok=True)
    skopeo = os.path.join(bin_dir, "skopeo")
    with open(skopeo, "w") as handle:
        handle.write("#!/bin/sh\n"
                     "for a in \"$@\"; do case \"$a\" in --version) echo 'skopeo version 1.13.3'; exit 0;;"
                     " --raw) echo '{\"schemaVersion\": 2}'; exit 0;; esac; done\n"
                     "echo '{\"Digest\": \"sha256:" + "ab" * 32 + "\", \"Architecture\": \"amd64\"}'\n")
    os.chmod(skopeo, os.stat(skopeo).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    env = {"PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}"}

    out = store.run("upload-resource", name, "data", "--image=docker://registry.example/app:1", env=env, expect=1)
    assert "Store operation failed:" in out, out
    assert re.search(r"^- [a-z-]+: .*\b(OCI|oci)", out, re.M), out
    assert "No endpoint" not in out, out  # a refusal, not a missing route
    assert "No revisions found." in store.run("resource-revisions", name, "data")


def test_set_resource_architectures_changes_bases(store):
    name = "e2e-res-arches"
    registered_with_resource(store, name)
    upload_resource(store, name, blob(store, "arch-1.tar", 700), revision=1)
    upload_resource(store, name, blob(store, "arch-2.tar", 800), "--arch=s390x", revision=2)

    out = store.run("set-resource-architectures", name, "data", "--revision=1", "arm64,amd64")
    assert "1 revision(s) updated." in out, out
    assert re.search(rf"^\s*1\s+({TIMESTAMP}|--)\s+amd64,arm64$", out, re.M), out
    listed = revisions_json(store, name)
    assert [(item["revision"], architectures(item)) for item in listed] == [(1, ["amd64", "arm64"]), (2, ["s390x"])]

    updated = json.loads(store.stdout("set-resource-architectures", name, "data", "--revision=1", "--revision=2",
                                      "all", "--format=json"))
    assert sorted((item["revision"], item["architectures"]) for item in updated) == [(1, ["all"]), (2, ["all"])]
    assert [architectures(item) for item in revisions_json(store, name)] == [["all"], ["all"]]

    out = store.run("set-resource-architectures", name, "data", "--revision=1", "riscv64", user="bob", expect=1)
    assert re.search(r"^- permission-denied: .+", out, re.M), out
    assert [architectures(item) for item in revisions_json(store, name)] == [["all"], ["all"]]


def test_a_hostile_resource_declaration_is_rejected_and_printed_inertly(store):
    """A resource name with an escape sequence in it: the review rejects the revision, and nothing charmcraft
    prints carries the control characters."""
    name = "e2e-res-hostile"
    store.run("register", name)
    members = {
        "metadata.yaml": (f"name: {name}\nsummary: s\ndescription: d\nresources:\n"
                          "  \"da\\x1b[2Jta\":\n    type: file\n    filename: \"x\\x07.tar\"\n"
                          "    description: \"\\x1b]0;retitled\\x07\"\n"),
        "manifest.yaml": ("charmcraft-version: 4.5.0\nbases:\n- name: ubuntu\n  channel: '22.04'\n"
                          "  architectures: [amd64]\n"),
        "dispatch": "#!/bin/sh\n",
        "src/charm.py": "print('hello')\n",
        "version": "1.0.0\n",
    }
    charm = pack(os.path.join(store.tmp, f"{name}.charm"), name, files=members)
    out = store.run("upload", charm, expect=1)
    assert "Upload failed with status 'rejected':" in out, out
    assert re.search(r"^- review-error: .*resource", out, re.M), out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
    assert f"No resources associated to {name}." in store.run("resources", name)
