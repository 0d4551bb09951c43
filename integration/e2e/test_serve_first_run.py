"""`serve --seed-if-empty` on a store that already has accounts (an admin issued tokens first)."""
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request

from store_server import BIN, token


def test_seeding_keeps_accounts_made_before_the_first_serve():
    """`token create --user alice` then `serve --seed-if-empty`: the server starts (it failed with
    raw SQL, `UNIQUE constraint failed: accounts.username`), seeds the demo catalogue around alice's
    account, and alice's token still works and owns her demo packages."""
    with tempfile.TemporaryDirectory(prefix="store-tui-first-run-") as tmp:
        db = os.path.join(tmp, "store.sqlite")
        secret = token(db, "alice", "publisher")
        log_path = os.path.join(tmp, "serve.log")
        with open(log_path, "w") as log:
            proc = subprocess.Popen([os.path.abspath(BIN), "serve", "--seed-if-empty", "--database", db, "--port", "0"],
                                    stdout=log, stderr=subprocess.STDOUT)
        try:
            url = None
            deadline = time.time() + 60
            while time.time() < deadline and url is None and proc.poll() is None:
                match = re.search(r"listening on (http://\S+)", open(log_path).read())
                url = match.group(1) if match else None
                time.sleep(0.1)
            assert url, f"serve did not start:\n{open(log_path).read()}"
            request = urllib.request.Request(url + "/api/v1/me/packages", headers={"Authorization": f"Bearer {secret}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                mine = json.load(response)
            names = [item["name"] for item in mine["items"]]
            assert "alice-notes" in names, names
        finally:
            proc.kill()
            proc.wait(timeout=10)
