#!/usr/bin/env bash
# Server benchmark: wrk against `store-tui serve` (find, info) beside nginx serving the same
# response bytes as static files, in the same run, on this machine.
# Usage: scripts/bench/server_bench.sh BIN DATABASE   (a release binary and a seeded database)
set -euo pipefail
BIN="$1"; DB="$2"
DUR="${DUR:-10s}"; CONN="${CONN:-16}"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null
WORK="$(mktemp -d)"; PORT=18181; NGINX_PORT=18182
cleanup() { kill "$SERVER" 2>/dev/null || true; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$BIN" serve --database "$DB" --port $PORT --log-level warning > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

FIND="/v2/snaps/find?q=hello&fields=title,summary,publisher,version"
INFO="/v2/snaps/info/hello-world?fields=title,summary,publisher,version,revision"
mkdir -p "$WORK/www/find" "$WORK/www/info"
curl -sf "http://127.0.0.1:$PORT$FIND" > "$WORK/www/find/index.json"
curl -sf "http://127.0.0.1:$PORT$INFO" > "$WORK/www/info/index.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2; daemon on; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; index index.json; } }
CONF
nginx -c "$WORK/nginx.conf"
sleep 0.5

run() { # name url
    local out; out="$(wrk -t2 -c"$CONN" -d"$DUR" --latency "$2")"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    printf '| %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99"
}
echo "| target ($CONN connections, $DUR, wrk -t2) | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- |"
run "store-tui find" "http://127.0.0.1:$PORT$FIND"
RSS_FIND=$(ps -o rss= -p "$SERVER")
run "nginx static (find bytes, $(wc -c < "$WORK/www/find/index.json") B)" "http://127.0.0.1:$NGINX_PORT/find/"
run "store-tui info" "http://127.0.0.1:$PORT$INFO"
RSS_INFO=$(ps -o rss= -p "$SERVER")
run "nginx static (info bytes, $(wc -c < "$WORK/www/info/index.json") B)" "http://127.0.0.1:$NGINX_PORT/info/"
echo
echo "server resident memory after find load: $((RSS_FIND / 1024)) MiB, after info load: $((RSS_INFO / 1024)) MiB"
