"""The snap namespace of the Charmhub-style publisher API (`/v1/snap`), driven by the real craft-store
client (`craft_store.publisher.PublisherGateway(base, "snap", auth)`, the library newer snapcraft uses
with SNAPCRAFT_STORE_AUTH=onprem; charmcraft's dependency, so it is in the test virtualenv).

A snap is uploaded as snapcraft does (`/unscanned-upload/` without credentials), pushed with
`POST /v1/snap/{name}/revisions`, then listed, released and closed through the gateway."""
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
import uuid

import httpx
import pytest
from craft_store import errors
from craft_store.publisher import PublisherGateway

from store_server import StoreServer, store_tui, token


class MacaroonAuth(httpx.Auth):
    """`Authorization: Macaroon <token>`, as craft-store's own token auth writes it."""

    def __init__(self, secret):
        self.secret = secret

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Macaroon {self.secret}"
        yield request


def make_snap(directory, name, version="1.0", confinement="strict"):
    root = os.path.join(directory, f"root-{uuid.uuid4().hex}")
    os.makedirs(os.path.join(root, "meta"))
    os.makedirs(os.path.join(root, "bin"))
    with open(os.path.join(root, "meta", "snap.yaml"), "w") as handle:
        handle.write(f"name: {name}\nversion: '{version}'\nsummary: A gateway snap\narchitectures: [amd64]\n"
                     f"base: core22\nconfinement: {confinement}\ngrade: stable\n"
                     f"apps:\n  {name}:\n    command: bin/hello\n    plugs: [network]\n")
    with open(os.path.join(root, "bin", "hello"), "w") as handle:
        handle.write("#!/bin/sh\necho hello\n")
    path = os.path.join(directory, f"{name}-{uuid.uuid4().hex}.snap")
    if shutil.which("mksquashfs") is None:
        pytest.fail("mksquashfs is missing: install squashfs-tools (scripts/test does)")
    subprocess.run(["mksquashfs", root, path, "-noappend", "-all-root", "-no-xattrs", "-quiet"], check=True)
    return path


def upload(base, path):
    """`POST /unscanned-upload/` without credentials, as snapcraft sends it; the upload id."""
    with open(path, "rb") as handle:
        response = httpx.post(f"{base}/unscanned-upload/", files={"binary": ("filename", handle, "application/octet-stream")})
    assert response.status_code == 200, response.text
    return response.json()["upload_id"]


@pytest.fixture(scope="module")
def gateway():
    tmp = tempfile.mkdtemp(prefix="store-tui-gateway-")
    db = os.path.join(tmp, "store.sqlite")
    store_tui("seed", "--packages", "20", "--database", db)
    tokens = {user: token(db, user, role) for user, role in [("alice", "publisher"), ("bob", "publisher"), ("admin", "admin")]}
    server = StoreServer(db, tmp)
    try:
        yield {"server": server, "tmp": tmp, "tokens": tokens,
               "client": {user: PublisherGateway(server.url, "snap", MacaroonAuth(secret)) for user, secret in tokens.items()}}
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def test_a_snap_goes_through_the_gateway_from_register_to_close(gateway):
    alice = gateway["client"]["alice"]
    base = gateway["server"].url
    assert alice.whoami()["account"]["username"] == "alice"
    snap_id = alice.register_name("gateway-snap", entity_type="snap")
    assert snap_id
    assert "gateway-snap" in [item.name for item in alice.list_registered_names()]
    assert alice.get_package_metadata("gateway-snap").id == snap_id

    upload_id = upload(base, make_snap(gateway["tmp"], "gateway-snap", version="2.0"))
    pushed = httpx.post(f"{base}/v1/snap/gateway-snap/revisions", json={"upload-id": upload_id},
                        headers={"Authorization": f"Macaroon {gateway['tokens']['alice']}"})
    assert pushed.status_code == 200, pushed.text
    review = httpx.get(base + pushed.json()["status-url"], headers={"Authorization": f"Macaroon {gateway['tokens']['alice']}"})
    assert review.json()["revisions"][0]["status"] == "approved", review.text

    revisions = alice.list_revisions("gateway-snap")
    assert [(r.revision, r.version) for r in revisions] == [(1, "2.0")]
    listed = httpx.get(f"{base}/v1/snap/gateway-snap/revisions", headers={"Authorization": f"Macaroon {gateway['tokens']['alice']}"})
    described = listed.json()["revisions"][0]
    assert described["architectures"] == ["amd64"] and described["confinement"] == "strict", described

    released = alice.release("gateway-snap", [{"revision": 1, "channel": "edge"}, {"revision": 1, "channel": "beta"}])
    assert {(r.channel, r.revision) for r in released} == {("latest/edge", 1), ("latest/beta", 1)}
    releases = alice.list_releases("gateway-snap")
    assert {(c.channel, c.revision) for c in releases.channel_map} == {("latest/edge", 1), ("latest/beta", 1)}
    assert [r.revision for r in releases.revisions] == [1]

    alice.release("gateway-snap", [{"revision": None, "channel": "beta"}])
    after = alice.list_releases("gateway-snap")
    assert {(c.channel, c.revision) for c in after.channel_map} == {("latest/edge", 1)}
    # The console's API sees the same map.
    request = urllib.request.Request(f"{base}/api/v1/packages/gateway-snap/channel-map",
                                     headers={"Authorization": f"Bearer {gateway['tokens']['admin']}"})
    with urllib.request.urlopen(request) as response:
        stored = json.load(response)
    assert [entry["channel"] for entry in stored["releases"]] == ["latest/edge"]


def test_another_publisher_and_the_wrong_namespace_are_refused(gateway):
    alice, bob = gateway["client"]["alice"], gateway["client"]["bob"]
    alice.register_name("gateway-mine", entity_type="snap")
    with pytest.raises(errors.CraftStoreError) as refused:
        bob.release("gateway-mine", [{"revision": 1, "channel": "edge"}])
    assert "403" in str(refused.value)
    with pytest.raises(errors.CraftStoreError) as wrong_type:
        alice.register_name("gateway-charm", entity_type="charm")
    assert "400" in str(wrong_type.value)
    charm = PublisherGateway(gateway["server"].url, "charm", MacaroonAuth(gateway["tokens"]["alice"]))
    with pytest.raises(errors.CraftStoreError) as other_namespace:
        charm.get_package_metadata("gateway-mine")
    assert "404" in str(other_namespace.value)
