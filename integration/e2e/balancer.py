"""Several `store-tui serve` processes over one PostgreSQL database behind nginx, round-robin.

`Balanced` looks like a `StoreServer` to the tests (`url`, `log()`, `api()`, `stop()`), so the charmcraft,
snapcraft and console tests can run through it unchanged. Each instance logs one line per request
(`--log-level info`), which is how a test tells that consecutive requests were answered by different
instances (`served()`).
"""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
import urllib.request

from store_server import StoreServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REQUEST_LINE = re.compile(r"\b(?:GET|HEAD|POST|PUT|PATCH|DELETE) /\S* \d{3}\b")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    """A throwaway cluster from `scripts/postgres-cluster`, stopped by `stop()` (or by the script's watcher
    when this process dies)."""

    def __init__(self):
        # Its own directory straight under the temporary directory: the server may run as `postgres`, which
        # cannot enter a test's private (0700) directory.
        self.directory = os.path.join(tempfile.gettempdir(), f"store-tui-pg-{uuid.uuid4().hex[:12]}")
        result = subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "start", self.directory,
                                 str(os.getpid())], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"PostgreSQL did not start:\n{result.stderr[-3000:]}"
        self.url = result.stdout.strip().splitlines()[-1]

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "stop", self.directory],
                       capture_output=True, timeout=120)


class Balanced:
    """`count` servers over `database` and an nginx in front of them, round-robin, keeping connections to
    the instances open as a production balancer would."""

    def __init__(self, database, tmp, count=2):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        assert os.access(nginx, os.X_OK), "nginx is not installed (apt-get install nginx; scripts/test does)"
        self.instances = [StoreServer(database, tmp, log_level="info") for _ in range(count)]
        self.work = os.path.join(tmp, f"nginx-{time.monotonic_ns()}")
        os.makedirs(self.work)
        port = free_port()
        upstreams = "".join(f"server {instance.url.split('://', 1)[1].rstrip('/')};\n" for instance in self.instances)
        user = "user root;\n" if os.geteuid() == 0 else ""
        with open(os.path.join(self.work, "nginx.conf"), "w") as handle:
            handle.write(f"""{user}worker_processes 1; daemon off; pid {self.work}/nginx.pid;
error_log {self.work}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {self.work}/body; proxy_temp_path {self.work}/proxy;
  fastcgi_temp_path {self.work}/fastcgi; uwsgi_temp_path {self.work}/uwsgi; scgi_temp_path {self.work}/scgi;
  upstream store {{ {upstreams} keepalive 16; }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 0;
    location / {{
      proxy_pass http://store;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_read_timeout 120s;
    }}
  }}
}}
""")
        self.nginx = subprocess.Popen([nginx, "-c", os.path.join(self.work, "nginx.conf"), "-p", self.work],
                                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.work, "stderr"), "w"))
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 20
        while True:
            try:
                with urllib.request.urlopen(self.url + "/health/live", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            assert self.nginx.poll() is None and time.time() < deadline, f"nginx did not start:\n{self.nginx_log()}"
            time.sleep(0.1)

    def nginx_log(self):
        text = ""
        for name in ("stderr", "error.log"):
            path = os.path.join(self.work, name)
            if os.path.exists(path):
                with open(path) as handle:
                    text += handle.read()
        return text

    def served(self):
        """How many requests each instance has logged so far."""
        return [len(REQUEST_LINE.findall(instance.log())) for instance in self.instances]

    def log(self):
        return "\n".join(f"--- instance {i} ---\n{instance.log()[-2000:]}" for i, instance in enumerate(self.instances)) \
            + f"\n--- nginx ---\n{self.nginx_log()[-1000:]}"

    def api(self, method, path, token=None, body=None):
        return StoreServer.api(self, method, path, token=token, body=body)

    def stop(self):
        if self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for instance in self.instances:
            instance.stop()
