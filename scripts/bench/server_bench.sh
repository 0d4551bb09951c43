#!/usr/bin/env bash
# Server benchmark: wrk against `store-tui serve` (find, info) beside nginx serving the same
# response bytes as static files, in the same run, on this machine.
# Usage: scripts/bench/server_bench.sh BIN DATABASE   (a release binary and a seeded database)
# Env: DUR (10s), CONN (16), TTL (the server's --public-cache-ttl, 1).
# Runs: cached find/info (the public response cache serves nearly all of them), the hit rate of a
# short counted run, cache-miss runs (every request a distinct query: an ignored `miss=` parameter,
# so each is computed as with no cache), and the same with the cache off (--public-cache-ttl 0).
set -euo pipefail
BIN="$1"; DB="$2"
DUR="${DUR:-10s}"; CONN="${CONN:-16}"; TTL="${TTL:-1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null
WORK="$(mktemp -d)"; PORT=18181; NGINX_PORT=18182
SERVER=""
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi; }
cleanup() { stop_server; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
start_server() { # ttl
    "$BIN" serve --database "$DB" --port $PORT --log-level warning --public-cache-ttl "$1" > "$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
}

FIND="/v2/snaps/find?q=hello&fields=title,summary,publisher,version"
INFO="/v2/snaps/info/hello-world?fields=title,summary,publisher,version,revision"
start_server "$TTL"
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

declare -A RPS
run() { # key label url [wrk args…]
    local key="$1" label="$2" url="$3"; shift 3
    local out; out="$(wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" "$url")"
    local rps p50 p99 ratio=""
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    RPS[$key]="$rps"
    case "$key" in find*) ratio="${RPS[nginx-find]:-}";; info*) ratio="${RPS[nginx-info]:-}";; esac
    if [ -n "$ratio" ]; then ratio=$(awk -v a="$rps" -v b="$ratio" 'BEGIN { printf "%.1f %%", 100 * a / b }'); fi
    printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$ratio"
}
echo "| target ($CONN connections, $DUR, wrk -t2) | requests/s | p50 | p99 | of nginx |"
echo "| --- | --- | --- | --- | --- |"
run nginx-find "nginx static (find bytes, $(wc -c < "$WORK/www/find/index.json") B)" "http://127.0.0.1:$NGINX_PORT/find/"
run nginx-info "nginx static (info bytes, $(wc -c < "$WORK/www/info/index.json") B)" "http://127.0.0.1:$NGINX_PORT/info/"
run find "store-tui find, cached (ttl $TTL s)" "http://127.0.0.1:$PORT$FIND"
RSS_FIND=$(ps -o rss= -p "$SERVER")
run info "store-tui info, cached (ttl $TTL s)" "http://127.0.0.1:$PORT$INFO"
RSS_INFO=$(ps -o rss= -p "$SERVER")
run live "store-tui /health/live (no cache, no database: the framework's floor)" "http://127.0.0.1:$PORT/health/live"
run find-miss "store-tui find, every request a miss" "http://127.0.0.1:$PORT$FIND" -s "$HERE/distinct_queries.lua"
run info-miss "store-tui info, every request a miss" "http://127.0.0.1:$PORT$INFO" -s "$HERE/distinct_queries.lua"
RSS_MISS=$(ps -o rss= -p "$SERVER")
echo
HITS="$(wrk -t2 -c"$CONN" -d3s -s "$HERE/count_cache_hits.lua" "http://127.0.0.1:$PORT$FIND" | grep '^X-Cache')"
echo "find, 3 s counted run: $HITS"
stop_server
start_server 0
echo
run find-off "store-tui find, cache off (ttl 0)" "http://127.0.0.1:$PORT$FIND"
run info-off "store-tui info, cache off (ttl 0)" "http://127.0.0.1:$PORT$INFO"
RSS_OFF=$(ps -o rss= -p "$SERVER")
run find-off-distinct "store-tui find, cache off, distinct queries" "http://127.0.0.1:$PORT$FIND" -s "$HERE/distinct_queries.lua"
run info-off-distinct "store-tui info, cache off, distinct queries" "http://127.0.0.1:$PORT$INFO" -s "$HERE/distinct_queries.lua"
echo
echo "server resident memory: after cached find $((RSS_FIND / 1024)) MiB, cached info $((RSS_INFO / 1024)) MiB," \
    "miss runs $((RSS_MISS / 1024)) MiB, cache off $((RSS_OFF / 1024)) MiB"
