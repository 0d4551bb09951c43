#!/usr/bin/env bash
# The read path without the cache (issue #18): uncached info and find as ratios of the server's own
# floor (`GET /health/live`), and the floor beside a bare Hummingbird hello, all in one run.
# Usage: scripts/bench/uncached_bench.sh STORE_TUI_BIN BENCH_HELLO_BIN DATABASE
#   (release binaries: `swift build -c release --build-path .build-release --product store-tui`, and
#   `--product bench-hello`; a seeded database: `store-tui seed --packages 20000 --database DB`)
# Env: DUR (10s), CONN (16), COMMON (data), RARE (a word of one package's summary, found below),
#      ROUNDS (1: the whole set again, alternating, to see the noise).
# The server runs with the response cache off and every request is a distinct URL
# (`distinct_queries.lua`), so each costs what a store's long tail costs.
set -euo pipefail
BIN="$1"; HELLO="$2"; DB="$3"
DUR="${DUR:-10s}"; CONN="${CONN:-16}"; COMMON="${COMMON:-data}"; ROUNDS="${ROUNDS:-1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
PORT=18183; HELLO_PORT=18184
WORK="$(mktemp -d)"; SERVER=""; BARE=""
cleanup() {
    for pid in $SERVER $BARE; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
"$BIN" serve --database "$DB" --port $PORT --log-level warning --public-cache-ttl 0 > "$WORK/serve.log" 2>&1 &
SERVER=$!
"$HELLO" $HELLO_PORT > "$WORK/hello.log" 2>&1 &
BARE=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && curl -sf "http://127.0.0.1:$HELLO_PORT/health/live" >/dev/null && break
    sleep 0.1
done

FIELDS="fields=title,summary,publisher,version"
INFO_NAME="${INFO_NAME:-hello-world}"
INFO="/v2/snaps/info/$INFO_NAME?fields=title,summary,publisher,version,revision"
# A rare word: the last word of the summary of a package found by browsing (unless RARE is given).
if [ -z "${RARE:-}" ]; then
    RARE=$(curl -sf "http://127.0.0.1:$PORT/v2/snaps/find?q=$COMMON&fields=summary" \
        | python3 -c 'import json,sys,re; r=json.load(sys.stdin)["results"]; print(re.findall(r"[a-z]{5,}", r[-1]["snap"]["summary"].lower())[-1])')
fi
for word in "$COMMON" "$RARE"; do
    echo "find q=$word: $(curl -sf "http://127.0.0.1:$PORT/v2/snaps/find?q=$word&$FIELDS" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]), "results")')," \
        "$(curl -sf "http://127.0.0.1:$PORT/v2/snaps/find?q=$word&$FIELDS" | wc -c) B"
done
echo "info $INFO_NAME: $(curl -sf "http://127.0.0.1:$PORT$INFO" | wc -c) B"
echo

CPU_TICKS() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK=$(getconf CLK_TCK)
declare -A RPS
run() { # key label url [wrk args…]
    local key="$1" label="$2" url="$3"; shift 3
    local before after out rps p50 p99 requests cpu ratio=""
    before=$(CPU_TICKS)
    out="$(wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" "$url")"
    after=$(CPU_TICKS)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    RPS[$key]="$rps"
    cpu=""
    case "$url" in *":$PORT/"*) cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.0f µs", 1e6 * t / hz / n }');; esac
    if [ -n "${RPS[live]:-}" ] && [ "$key" != live ]; then
        ratio=$(awk -v a="$rps" -v b="${RPS[live]}" 'BEGIN { printf "%.1f %%", 100 * a / b }')
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$ratio" "$cpu"
}
for round in $(seq 1 "$ROUNDS"); do
    echo "| round $round ($CONN connections, $DUR, wrk -t2, load $(cut -d' ' -f1 /proc/loadavg)) | requests/s | p50 | p99 | of the floor | server CPU per request |"
    echo "| --- | --- | --- | --- | --- | --- |"
    RPS=()
    run live "store-tui /health/live (the floor)" "http://127.0.0.1:$PORT/health/live"
    run hello "bare Hummingbird hello (bench-hello)" "http://127.0.0.1:$HELLO_PORT/health/live"
    run info "info, every request a new URL" "http://127.0.0.1:$PORT$INFO" -s "$HERE/distinct_queries.lua"
    run common "find q=$COMMON (common), every request a new URL" "http://127.0.0.1:$PORT/v2/snaps/find?q=$COMMON&$FIELDS" -s "$HERE/distinct_queries.lua"
    run rare "find q=$RARE (rare), every request a new URL" "http://127.0.0.1:$PORT/v2/snaps/find?q=$RARE&$FIELDS" -s "$HERE/distinct_queries.lua"
    awk -v a="${RPS[live]}" -v b="${RPS[hello]}" 'BEGIN { printf "floor / bare hello: %.1f %% (middleware and routing cost %.1f %% of the hello)\n\n", 100 * a / b, 100 * (1 - a / b) }'
done
echo "server resident memory: $(( $(ps -o rss= -p "$SERVER") / 1024 )) MiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
