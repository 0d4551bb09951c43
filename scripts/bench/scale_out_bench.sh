#!/usr/bin/env bash
# Scale-out benchmark (issue #18): refresh throughput with one and with two `store-tui serve` instances over one
# PostgreSQL database behind nginx (round-robin, upstream keepalive), beside the floor (/health/live) through the
# same balancer and one instance reached directly, all in one run. The refresh bodies are the device benchmark's
# (20 installed snaps each; scripts/bench/refresh_bodies.py): all up to date, and each one revision behind.
# On a machine with fewer cores than instances + nginx + PostgreSQL + wrk, a second instance cannot add
# throughput; the run prints the core count and load beside the figures for that reason.
# Usage: scripts/bench/scale_out_bench.sh [BIN]   (a release binary; default .build-release/release/store-tui)
# Env: DUR (10s), CONN (16), PACKAGES (20000), DEVICES (1000), SERVE_ARGS (extra `serve` arguments for both instances)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/bench"
BIN="$(realpath "${1:-$ROOT/.build-release/release/store-tui}")"
DUR="${DUR:-10s}"; CONN="${CONN:-16}"; PACKAGES="${PACKAGES:-20000}"
export DEVICES="${DEVICES:-1000}"
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --build-path .build-release --product store-tui)" >&2; exit 1; }
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

WORK="$(mktemp -d /tmp/scale-out-bench.XXXXXX)"
PGDIR="/tmp/scale-out-bench-pg.$$"
PIDS=""; NGINX=""
cleanup() {
    local p; for p in $PIDS $NGINX; do kill "$p" 2>/dev/null || true; done
    for p in $PIDS $NGINX; do wait "$p" 2>/dev/null || true; done
    "$ROOT/scripts/postgres-cluster" stop "$PGDIR" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { awk '{ print $1 ", " $2 ", " $3 }' /proc/loadavg; }
TICK=$(getconf CLK_TCK)
cpu_ticks() { local p t=0; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }

echo "binary: $BIN"
echo "load at start: $(load) ($(nproc) cores)"
URL="$("$ROOT/scripts/postgres-cluster" start "$PGDIR" $$ 2>"$WORK/pg.log")" || { cat "$WORK/pg.log" >&2; exit 1; }
"$BIN" seed --packages "$PACKAGES" --database "$URL" > /dev/null
"$BIN" seed --packages "$PACKAGES" --database "$WORK/store.sqlite" > /dev/null   # the same catalogue, to pick snaps from
python3 "$HERE/refresh_bodies.py" "$WORK/store.sqlite" "$WORK"

start_server() { # port → STARTED (its pid)
    local port="$1"
    # shellcheck disable=SC2086
    "$BIN" serve --database "$URL" --port "$port" --log-level warning ${SERVE_ARGS:-} > "$WORK/serve-$port.log" 2>&1 &
    STARTED=$!
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && return; sleep 0.1; done
    echo "the server did not start:" >&2; cat "$WORK/serve-$port.log" >&2; exit 1
}
PORT_A="$(free_port)"; PORT_B="$(free_port)"; ONE="$(free_port)"; TWO="$(free_port)"
start_server "$PORT_A"; A=$STARTED; PIDS="$A"
start_server "$PORT_B"; B=$STARTED; PIDS="$PIDS $B"
USER_LINE=""; [ "$(id -u)" = 0 ] && USER_LINE="user root;"
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<CONF
$USER_LINE
worker_processes 1; daemon off; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  upstream one { server 127.0.0.1:$PORT_A; keepalive 32; }
  upstream two { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; keepalive 32; }
  server { listen 127.0.0.1:$ONE; location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:$TWO; location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx.stderr" & NGINX=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$TWO/health/live" >/dev/null && break; sleep 0.1; done
NGINX_PIDS="$(pgrep -P "$NGINX" | tr '\n' ' ') $NGINX"

for body in current behind; do   # each body answered as expected, through both instances, before it is measured
    for _ in 1 2; do
        curl -sf -H 'Content-Type: application/json' -H 'Snap-Device-Architecture: amd64' --data-binary @"$WORK/refresh-$body.json" \
            "http://127.0.0.1:$TWO/v2/snaps/refresh" > "$WORK/refresh-$body.out" || { echo "refresh ($body) failed" >&2; exit 1; }
    done
done
N_CURRENT=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$WORK/refresh-current.out")
N_BEHIND=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$WORK/refresh-behind.out")
[ "$N_CURRENT" = 0 ] && [ "$N_BEHIND" = 20 ] || { echo "expected 0 and 20 results, got $N_CURRENT and $N_BEHIND" >&2; exit 1; }

declare -A RPS
# key label url cpu-pids [wrk args…]
run() {
    local key="$1" label="$2" url="$3" pids="$4" c0 c1 out; shift 4
    # shellcheck disable=SC2086
    c0=$(cpu_ticks $pids)
    out="$(wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" "$url")"
    # shellcheck disable=SC2086
    c1=$(cpu_ticks $pids)
    RPS[$key]=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
    local p50 p99 n errors
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out"); p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    n=$(awk '/requests in/ { print $1 }' <<<"$out")
    errors=$({ grep -E 'Non-2xx|Socket errors' <<<"$out" || true; } | tr -s ' \n' ' ')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "${RPS[$key]}" "$p50" "$p99" \
        "$(awk -v a="$c0" -v b="$c1" -v t="$TICK" -v n="$n" 'BEGIN { printf "%.0f µs", (b - a) / t * 1e6 / n }')" "$errors"
}
echo "snaps: $(cat "$WORK/snaps.txt")"
echo
echo "| target ($CONN connections, $DUR, wrk -t2, PostgreSQL, $PACKAGES packages) | requests/s | p50 | p99 | CPU per request (servers + nginx) | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
run direct-live "one instance directly: /health/live (the floor)" "http://127.0.0.1:$PORT_A/health/live" "$A"
REFRESH_BODY="$WORK/refresh-current.json" run direct-current "one instance directly: refresh, 20 up to date" \
    "http://127.0.0.1:$PORT_A/v2/snaps/refresh" "$A" -s "$HERE/refresh_body.lua"
for n in one two; do
    if [ $n = one ]; then port=$ONE; pids="$A $NGINX_PIDS"; label="nginx → one instance"; else port=$TWO; pids="$A $B $NGINX_PIDS"; label="nginx → two instances"; fi
    run "$n-live" "$label: /health/live" "http://127.0.0.1:$port/health/live" "$pids"
    REFRESH_BODY="$WORK/refresh-current.json" run "$n-current" "$label: refresh, 20 up to date" \
        "http://127.0.0.1:$port/v2/snaps/refresh" "$pids" -s "$HERE/refresh_body.lua"
    REFRESH_BODY="$WORK/refresh-behind.json" run "$n-behind" "$label: refresh, each one behind (20 results)" \
        "http://127.0.0.1:$port/v2/snaps/refresh" "$pids" -s "$HERE/refresh_body.lua"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b }'; }
echo
echo "two instances against one, through nginx: floor $(ratio "${RPS[two-live]}" "${RPS[one-live]}"), refresh up to date $(ratio "${RPS[two-current]}" "${RPS[one-current]}"), one behind $(ratio "${RPS[two-behind]}" "${RPS[one-behind]}")"
echo "nginx in front of one instance against none: refresh up to date $(ratio "${RPS[one-current]}" "${RPS[direct-current]}")"
echo "load at the end: $(load) ($(nproc) cores)"
