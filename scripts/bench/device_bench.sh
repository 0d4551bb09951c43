#!/usr/bin/env bash
# Device benchmark: what snapd and juju ask of `store-tui serve` once things are installed.
#  1. POST /v2/snaps/refresh carrying 20 installed snaps (20 context entries, 20 refresh actions, snapd's
#     fields) beside GET /health/live (the server's own floor) in the same run: wrk, like server_bench.sh.
#     Two bodies: every snap already at its latest/stable revision (nothing to refresh: the periodic check),
#     and every snap one revision behind (20 results with download URLs), the latter also at one connection
#     (a request's own latency, without queueing behind the others). Then the public response cache's
#     hit rate for an info URL, alone and while refreshes run beside it.
#  2. Downloads of a 50 MiB charm (pushed through the charmcraft wire with curl: register, upload, review,
#     release) at DL_CONN concurrent connections, from the database's upload chunks (the default) and from
#     --upload-dir (a second server, on a copy of the store), beside nginx serving the same file from disk
#     (sendfile on, as Debian ships it, and off). All four stay up; ROUNDS rounds of DL_DUR runs, one target
#     loaded at a time, the order rotating each round, so a slow spell of the shared machine falls on all of
#     them; shares of nginx are per round. The servers' VmRSS is sampled every 100 ms throughout, with shorter
#     runs at fewer connections first (DL_RSS_CONNS). Server CPU (/proc/PID/stat; nginx's workers) and wrk's
#     CPU are counted per GiB served.
# Usage: scripts/bench/device_bench.sh [BIN]   (a release binary; default .build-release/release/store-tui,
#        built by `swift build -c release --build-path .build-release --product store-tui`)
# Env: DUR (15s), CONN (16), DL_DUR (5s), DL_CONN (50), ROUNDS (3), PACKAGES (20000: the seeded store), SIZE_MB (50),
#      DEVICES (1000: refresh requests rotate Snap-Device-Id over this many devices; 0: none sent),
#      CONFIGS ("db dir": the storage configurations downloaded from), DL_RSS_CONNS ("1 10": 4 s download runs
#      before the rounds, for the servers' memory at fewer connections), PARTS ("refresh downloads": the parts run;
#      "refresh" alone skips the downloads), METRICS_ROUNDS (2: rounds of refreshes with metrics recording on and off),
#      SERVE_ARGS (extra `serve` arguments for every store server, e.g. "--public-cache-ttl 0": no refresh entries kept),
#      PROFILE (targets to profile after they are measured, any of "current behind db dir": one more run of each under
#      `perf record -e cpu-clock -g`, its breakdown by library and its top symbols printed; needs perf),
#      PROFILE_SECONDS (8), HELLO (the bench-hello binary beside BIN: a bare Hummingbird handler spinning as long as a
#      refresh costs, for the framework's own latency tail at that cost; skipped when absent).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/bench"
BIN="$(realpath "${1:-$ROOT/.build-release/release/store-tui}")"
DUR="${DUR:-15s}"; CONN="${CONN:-16}"; DL_DUR="${DL_DUR:-5s}"; DL_CONN="${DL_CONN:-50}"; ROUNDS="${ROUNDS:-3}"
PACKAGES="${PACKAGES:-20000}"; SIZE_MB="${SIZE_MB:-50}"; CONFIGS="${CONFIGS:-db dir}"; DL_RSS_CONNS="${DL_RSS_CONNS:-1 10}"
PARTS="${PARTS:-refresh downloads}"
HELLO="${HELLO:-$(dirname "$BIN")/bench-hello}"
export DEVICES="${DEVICES:-1000}"
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --build-path .build-release --product store-tui)" >&2; exit 1; }
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

WORK="$(mktemp -d /tmp/device-bench.XXXXXX)"
SERVER=""; SERVER_DIR=""; SERVER_OFF=""; NGINX_ON=""; NGINX_OFF=""; BESIDE=""; SAMPLERS=""
stop() { # pid…: TERM, then wait (our own children only)
    local p; for p in "$@"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
    for p in "$@"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
# shellcheck disable=SC2086
cleanup() { stop "$BESIDE" $SAMPLERS "$SERVER" "$SERVER_DIR" "$SERVER_OFF" "$NGINX_ON" "$NGINX_OFF"; rm -rf "$WORK"; }
trap cleanup EXIT
exec {NAP}<> <(:)                               # read -t on it: a sleep without a fork
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { awk '{ print $1 ", " $2 ", " $3 }' /proc/loadavg; }
PORT="$(free_port)"; PORT_DIR="$(free_port)"; NGINX_PORT_ON="$(free_port)"; NGINX_PORT_OFF="$(free_port)"
U="http://127.0.0.1:$PORT"; U_DIR="http://127.0.0.1:$PORT_DIR"

start_server() { # port database, then extra serve arguments → STARTED (its pid)
    local port="$1" db="$2"; shift 2
    # shellcheck disable=SC2086
    "$BIN" serve --database "$db" --port "$port" --log-level warning ${SERVE_ARGS:-} "$@" > "$WORK/serve-$port.log" 2>&1 &
    STARTED=$!
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && return; read -rt 0.1 -u "$NAP" _ || true; done
    echo "the server did not start:" >&2; cat "$WORK/serve-$port.log" >&2; exit 1
}
sample() { # pid → "stamp VmRSS" (kB) every 100 ms while it lives
    local k v r
    while [ -r "/proc/$1/status" ]; do
        r=""
        while read -r k v _; do case "$k" in VmRSS:) r=$v;; esac; done 2>/dev/null < "/proc/$1/status" || break
        [ -n "$r" ] && printf '%s %s\n' "$EPOCHREALTIME" "$r"
        read -rt 0.1 -u "$NAP" _ || true
    done
}
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# wrk's figures: requests/s, p50, p99, Transfer/sec in MiB/s, the error lines (non-2xx, socket errors), and the
# CPU time of the server's processes (CPU_PIDS, /proc/PID/stat) and of wrk itself over the run.
TICK=$(getconf CLK_TCK)
cpu_ticks() { local p t=0; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
declare -A RPS
CPU_PIDS=""
wrk_run() { # key url [wrk args…] → sets OUT, SRV_CPU (s), and RPS[key]
    local key="$1" url="$2" c0; shift 2
    # shellcheck disable=SC2086
    c0=$(cpu_ticks ${CPU_PIDS:-$SERVER})
    OUT="$(/usr/bin/time -f 'wrk-cpu %U %S' wrk "$@" --latency "$url" 2>&1)"
    # shellcheck disable=SC2086
    SRV_CPU=$(awk -v a="$c0" -v b="$(cpu_ticks ${CPU_PIDS:-$SERVER})" -v t="$TICK" 'BEGIN { print (b - a) / t }')
    RPS[$key]=$(awk '/Requests\/sec/ { print $2 }' <<<"$OUT")
}
field() { # name → from $OUT
    case "$1" in
        p50) awk '$1 == "50%" { print $2 }' <<<"$OUT";;
        p99) awk '$1 == "99%" { print $2 }' <<<"$OUT";;
        mibs) awk '/Transfer\/sec/ { v = $2; u = substr(v, length(v) - 1); n = v + 0
                  f = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1 / 1024 : 1 / 1048576; printf "%.0f", n * f }' <<<"$OUT";;
        errors) { grep -E 'Non-2xx|Socket errors' <<<"$OUT" || true; } | tr -s ' \n' ' ' | sed 's/^ //; s/ $//';;
        # a latency percentile in ms, the GiB read, wrk's CPU seconds
        p50ms|p99ms) awk -v q="${1%ms}" '$1 == (substr(q, 2) "%") { v = $2; n = v + 0
                        f = (v ~ /us$/) ? 0.001 : (v ~ /ms$/) ? 1 : (v ~ /m$/) ? 60000 : 1000; printf "%.1f", n * f }' <<<"$OUT";;
        gib) awk '/ read$/ { v = $(NF - 1); u = substr(v, length(v) - 1); n = v + 0
                  printf "%.4f", n * ((u == "TB") ? 1024 : (u == "GB") ? 1 : (u == "MB") ? 1 / 1024 : 1 / 1048576) }' <<<"$OUT";;
        wrk-cpu) awk '/^wrk-cpu/ { print $2 + $3 }' <<<"$OUT";;
        # server CPU per request (µs)
        us) awk -v c="$SRV_CPU" '/requests in/ { printf "%.0f µs", c * 1e6 / $1 }' <<<"$OUT";;
    esac
}
# One more run of a target under perf: the server's CPU by library, then the 25 symbols with the most samples (self).
profile_run() { # label pid url [wrk args…]
    local label="$1" pid="$2" url="$3" w; shift 3
    command -v perf > /dev/null || { echo "PROFILE needs perf (apt-get install linux-perf)" >&2; return; }
    wrk "$@" "$url" > /dev/null 2>&1 & w=$!
    read -rt 1 -u "$NAP" _ || true
    perf record -q -e cpu-clock -F 1999 -g -o "$WORK/perf-$label.data" -p "$pid" -- sleep "${PROFILE_SECONDS:-8}" > /dev/null 2>&1
    # Faults and mappings per second: fresh pages for every part show here.
    perf stat -x, -e page-faults,syscalls:sys_enter_mmap,syscalls:sys_enter_munmap,syscalls:sys_enter_madvise -p "$pid" -- sleep 3 \
        2> "$WORK/perf-$label.stat" > /dev/null || true
    stop "$w"
    echo; echo "profile: $label (perf record -e cpu-clock -F 1999 -g, ${PROFILE_SECONDS:-8} s)"
    echo "per second: $(awk -F, '$1 ~ /^[0-9]+$/ { printf "%s%s %.0f", sep, $3, $1 / 3; sep = ", " }' "$WORK/perf-$label.stat")"
    { perf report -q -i "$WORK/perf-$label.data" --no-children --sort dso 2>/dev/null || true; } > "$WORK/perf-$label.dso"
    awk 'NF && $1 + 0 >= 0.5' "$WORK/perf-$label.dso" | sed -n 1,12p
    echo "self:"
    { perf report -q -i "$WORK/perf-$label.data" --no-children --sort symbol -g none 2>/dev/null || true; } > "$WORK/perf-$label.self"
    awk 'NF' "$WORK/perf-$label.self" | sed -n 1,25p | demangled
    echo "with callees (this binary's functions):"
    { perf report -q -i "$WORK/perf-$label.data" --children --sort dso,symbol -g none 2>/dev/null || true; } > "$WORK/perf-$label.children"
    awk -v bin="$(basename "$BIN")" 'NF && $3 == bin' "$WORK/perf-$label.children" | sed -n 1,30p | demangled
}
demangled() { if command -v swift > /dev/null; then swift demangle --simplified | cut -c1-180; else cut -c1-180; fi; }
profiling() { case " ${PROFILE:-} " in *" $1 "*) return 0;; esac; return 1; }
of() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f %%", 100 * a / b }'; }

# --- the store: a seeded catalogue, a publisher's token, a copy for the --upload-dir server ------------------
echo "binary: $BIN"
echo "load at start: $(load) ($(nproc) cores)"
"$BIN" seed --packages "$PACKAGES" --database "$WORK/store.sqlite" > /dev/null
"$BIN" token create --database "$WORK/store.sqlite" --user bench --role publisher > "$WORK/token.txt"
SECRET=$(sed -n '/^Secret/{n;p;}' "$WORK/token.txt")
cp "$WORK/store.sqlite" "$WORK/dir.sqlite"
recorded() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT coalesce(sum(requests), 0) FROM package_metrics").fetchone()[0])' "$WORK/store.sqlite"; }
RECORDED_AT_SEED=$(recorded)   # the demo's history

# 20 listed snaps spread over the catalogue, as snapd would send them (scripts/bench/refresh_bodies.py).
python3 "$HERE/refresh_bodies.py" "$WORK/store.sqlite" "$WORK"

# --- 1. refresh beside the floor -------------------------------------------------------------------------------
start_server "$PORT" "$WORK/store.sqlite"; SERVER=$STARTED
for body in current behind; do   # each body answered as expected before it is measured
    curl -sf -H 'Content-Type: application/json' -H 'Snap-Device-Architecture: amd64' --data-binary @"$WORK/refresh-$body.json" \
        "$U/v2/snaps/refresh" > "$WORK/refresh-$body.out" || { echo "refresh ($body) failed" >&2; exit 1; }
done
N_CURRENT=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$WORK/refresh-current.out")
N_BEHIND=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"]; assert all(x["result"] == "refresh" for x in r), r; print(len(r))' "$WORK/refresh-behind.out")
[ "$N_CURRENT" = 0 ] && [ "$N_BEHIND" = 20 ] || { echo "expected 0 and 20 results, got $N_CURRENT and $N_BEHIND" >&2; exit 1; }
echo "snaps: $(cat "$WORK/snaps.txt")"
echo "bodies: $(wc -c < "$WORK/refresh-current.json") B (up to date, reply $(wc -c < "$WORK/refresh-current.out") B), $(wc -c < "$WORK/refresh-behind.json") B (one behind, reply $(wc -c < "$WORK/refresh-behind.out") B); Snap-Device-Id over $DEVICES devices"
echo
echo "| target ($CONN connections, $DUR, wrk -t2) | requests/s | p50 | p99 | of the floor | server CPU per request | errors |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
refresh_row() { # key label body [connections]
    local c="${4:-$CONN}"
    REFRESH_BODY="$WORK/refresh-$3.json" wrk_run "$1" "$U/v2/snaps/refresh" -t"$((c < 2 ? 1 : 2))" -c"$c" -d"$DUR" -s "$HERE/refresh_body.lua"
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${RPS[$1]}" "$(field p50)" "$(field p99)" "$(of "${RPS[$1]}" "${RPS[live]}")" "$(field us)" "$(field errors)"
}
wrk_run live "$U/health/live" -t2 -c"$CONN" -d"$DUR"
printf '| %s | %s | %s | %s | | %s | %s |\n' "store-tui /health/live (the floor)" "${RPS[live]}" "$(field p50)" "$(field p99)" "$(field us)" "$(field errors)"
refresh_row current "refresh, 20 installed snaps, all up to date (reply: no results)" current
CURRENT_CPU=$(field us | awk '{ print $1 }')
refresh_row behind "refresh, 20 installed snaps, each one revision behind (20 results)" behind
refresh_row behind1 "the same, one connection (wrk -t1 -c1): a request's own latency" behind 1
# The framework's own tail at a refresh's cost: a bare Hummingbird handler spinning as long as an up-to-date
# refresh costs in CPU, on Swift's shared pool as every plain handler runs (ours run on ComputeExecutor's threads).
if [ -x "$HELLO" ]; then
    SPIN=$(awk -v s="$CURRENT_CPU" 'BEGIN { printf "%d", s * 0.9 }')
    HELLO_PORT="$(free_port)"
    "$HELLO" "$HELLO_PORT" > "$WORK/hello.log" 2>&1 &
    HELLO_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$HELLO_PORT/health/live" >/dev/null && break; read -rt 0.1 -u "$NAP" _ || true; done
    CPU_PIDS="$HELLO_PID" wrk_run spin "http://127.0.0.1:$HELLO_PORT/spin/$SPIN" -t2 -c"$CONN" -d"$DUR"
    printf '| %s | %s | %s | %s | | %s | %s |\n' "bare Hummingbird, a handler spinning $SPIN µs (the framework's tail at that cost)" "${RPS[spin]}" "$(field p50)" "$(field p99)" "$(field us)" "$(field errors)"
    stop "$HELLO_PID"
fi
wrk_run live2 "$U/health/live" -t2 -c"$CONN" -d"$DUR"
printf '| %s | %s | %s | %s | | %s | %s |\n' "store-tui /health/live again (after the refreshes)" "${RPS[live2]}" "$(field p50)" "$(field p99)" "$(field us)" "$(field errors)"
echo "load after the refresh runs: $(load); server VmRSS $(mib "$(rss_kb "$SERVER")") MiB"

# Metrics recording on (the default, --metrics-flush-seconds 10) and off (0) in the same run: a second server over
# the same database with recording off, the two loaded in turn (METRICS_ROUNDS rounds, both bodies), then what the
# first one recorded, read from the database after its flush.
PORT_OFF="$(free_port)"
start_server "$PORT_OFF" "$WORK/store.sqlite" --metrics-flush-seconds 0; SERVER_OFF=$STARTED
echo
echo "| metrics recording ($CONN connections, $DUR, wrk -t2) | requests/s | p50 | p99 | server CPU per request | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
declare -A SUM
for round in $(seq 1 "${METRICS_ROUNDS:-2}"); do
    for body in current behind; do
        for mode in on off; do
            if [ "$mode" = on ]; then url="$U"; CPU_PIDS="$SERVER"; else url="http://127.0.0.1:$PORT_OFF"; CPU_PIDS="$SERVER_OFF"; fi
            REFRESH_BODY="$WORK/refresh-$body.json" wrk_run "m-$body-$mode-$round" "$url/v2/snaps/refresh" -t2 -c"$CONN" -d"$DUR" -s "$HERE/refresh_body.lua"
            SUM[$body-$mode]=$(awk -v a="${SUM[$body-$mode]:-0}" -v b="${RPS[m-$body-$mode-$round]}" 'BEGIN { print a + b }')
            printf '| round %s, %s, recording %s | %s | %s | %s | %s | %s |\n' "$round" "$body" "$mode" "${RPS[m-$body-$mode-$round]}" \
                "$(field p50)" "$(field p99)" "$(field us)" "$(field errors)"
        done
    done
done
CPU_PIDS=""
for body in current behind; do
    echo "$body: recording on is $(of "${SUM[$body-on]:-0}" "${SUM[$body-off]:-0}") of recording off (sums over the rounds)"
done
stop "$SERVER_OFF"; SERVER_OFF=""
read -rt 11 -u "$NAP" _ || true   # one flush interval
echo "recorded by the server with recording on (since the seed): $(( $(recorded) - RECORDED_AT_SEED )) requests"

# The public response cache beside refreshes: a refresh is a POST, and every successful non-GET request empties it.
INFO="$U/v2/snaps/info/$(cut -d' ' -f1 "$WORK/snaps.txt")?fields=title,summary,publisher,version,revision"
hits() { wrk -t1 -c8 -d5s -s "$HERE/count_cache_hits.lua" "$INFO" | awk '/^X-Cache/ { sub(/^X-Cache /, ""); l = $0 } /Requests\/sec/ { r = $2 } END { print l "; " r " requests/s" }'; }
echo
echo "info (8 connections, 5 s, counted X-Cache) alone: $(hits)"
REFRESH_BODY="$WORK/refresh-current.json" wrk -t1 -c2 -d7s -s "$HERE/refresh_body.lua" "$U/v2/snaps/refresh" > "$WORK/beside.out" & BESIDE=$!
read -rt 1 -u "$NAP" _ || true
echo "info while refreshes run beside it (wrk -t1 -c2): $(hits)"
wait "$BESIDE"; BESIDE=""
echo "  the refreshes beside it: $(awk '/Requests\/sec/ { print $2 }' "$WORK/beside.out") requests/s"

for body in current behind; do
    if profiling "$body"; then
        REFRESH_BODY="$WORK/refresh-$body.json" profile_run "refresh-$body" "$SERVER" "$U/v2/snaps/refresh" -t2 -c"$CONN" -d600s -s "$HERE/refresh_body.lua"
    fi
done
case " $PARTS " in *" downloads "*) ;; *) exit 0;; esac

# --- 2. downloads of a 50 MiB charm ----------------------------------------------------------------------------
python3 - "$WORK/bench-charm.charm" "$SIZE_MB" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:   # stored: nothing to inflate on either side
    z.writestr("metadata.yaml", "name: bench-charm\nsummary: s\n")
    z.writestr("manifest.yaml", "bases:\n- name: ubuntu\n  channel: '22.04'\n  architectures: [amd64]\n")
    z.writestr("version", "1\n")
    z.writestr("blob", os.urandom(int(sys.argv[2]) * 1024 * 1024))
PY
CHARM_BYTES=$(stat -c %s "$WORK/bench-charm.charm")
CHARM_SHA=$(sha256sum "$WORK/bench-charm.charm" | cut -d' ' -f1)
json_field() { python3 -c 'import json, sys; d = json.load(sys.stdin)
for k in sys.argv[1].split("."): d = d[int(k)] if isinstance(d, list) else d[k]
print(d)' "$1"; }
auth=(-H "Authorization: Bearer $SECRET")
push_charm() { # base URL → CHARM_ID, UPLOAD_S: register, upload, review, release through the charmcraft wire
    local u="$1" out id status
    curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"bench-charm","type":"charm"}' "$u/v1/charm" > /dev/null
    out=$(curl -sf "${auth[@]}" -H 'Expect:' -w '\n%{time_total}' -F "binary=@$WORK/bench-charm.charm" "$u/unscanned-upload/")
    UPLOAD_S=$(tail -1 <<<"$out"); id=$(head -1 <<<"$out" | json_field upload_id)
    status=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"upload-id\":\"$id\"}" "$u/v1/charm/bench-charm/revisions" | json_field status-url)
    for _ in $(seq 1 100); do
        case "$(curl -sf "${auth[@]}" "$u$status" | json_field revisions.0.status)" in
            approved) break;; rejected) echo "the charm was rejected" >&2; exit 1;;
        esac
        read -rt 0.1 -u "$NAP" _ || true
    done
    curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '[{"revision":1,"channel":"stable","resources":[]}]' \
        "$u/v1/charm/bench-charm/releases" > /dev/null
    CHARM_ID=$(curl -sf "${auth[@]}" "$u/v1/charm/bench-charm" | json_field metadata.id)
}
single() { # url → median seconds of 3 lone downloads (curl to /dev/null), after checking the bytes once
    local url="$1" got
    got=$(curl -sf "$url" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$CHARM_SHA" ] || { echo "$url served other bytes" >&2; exit 1; }
    for _ in 1 2 3; do curl -sf -o /dev/null -w '%{time_total}\n' "$url"; done | sort -g | sed -n 2p
}
# nginx serving the same file from disk: two workers (as many as cores), sendfile on (Debian's default
# configuration) or off (nginx's own default: read into 2×32 KiB buffers and write).
mkdir -p "$WORK/www"; cp "$WORK/bench-charm.charm" "$WORK/www/bench-charm_1.charm"
chmod 711 "$WORK"; chmod 755 "$WORK/www"; chmod 644 "$WORK/www/bench-charm_1.charm"   # nginx's workers run as nobody
start_nginx() { # on|off port → STARTED
    local d="$WORK/nginx-$1"; mkdir -p "$d/tmp"
    cat > "$d/nginx.conf" <<CONF
worker_processes 2; pid $d/nginx.pid; error_log $d/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile $1; tcp_nopush on; default_type application/octet-stream;
  client_body_temp_path $d/tmp; proxy_temp_path $d/tmp; fastcgi_temp_path $d/tmp; uwsgi_temp_path $d/tmp; scgi_temp_path $d/tmp;
  server { listen 127.0.0.1:$2; root $WORK/www; } }
CONF
    nginx -p "$d" -c "$d/nginx.conf" -g 'daemon off;' & STARTED=$!
    for _ in $(seq 1 50); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$2/bench-charm_1.charm" && return; read -rt 0.1 -u "$NAP" _ || true; done
    echo "nginx did not start:" >&2; cat "$d/error.log" >&2; exit 1
}
declare -A URL PIDS LABEL LONE UPLOADED
start_nginx on "$NGINX_PORT_ON"; NGINX_ON=$STARTED
start_nginx off "$NGINX_PORT_OFF"; NGINX_OFF=$STARTED
URL[nginx-on]="http://127.0.0.1:$NGINX_PORT_ON/bench-charm_1.charm"; PIDS[nginx-on]="$(ps -o pid= --ppid "$NGINX_ON" | tr '\n' ' ')"
URL[nginx-off]="http://127.0.0.1:$NGINX_PORT_OFF/bench-charm_1.charm"; PIDS[nginx-off]="$(ps -o pid= --ppid "$NGINX_OFF" | tr '\n' ' ')"
LABEL[nginx-on]="nginx 1.22, sendfile on"; LABEL[nginx-off]="nginx 1.22, sendfile off"
for config in $CONFIGS; do
    case "$config" in
        db) push_charm "$U"; URL[db]="$U/api/v1/charms/download/${CHARM_ID}_1.charm"; PIDS[db]=$SERVER
            LABEL[db]="store-tui, database chunks (default)";;
        dir) start_server "$PORT_DIR" "$WORK/dir.sqlite" --upload-dir "$WORK/uploads"; SERVER_DIR=$STARTED
             push_charm "$U_DIR"; URL[dir]="$U_DIR/api/v1/charms/download/${CHARM_ID}_1.charm"; PIDS[dir]=$SERVER_DIR
             LABEL[dir]="store-tui, --upload-dir";;
        *) echo "unknown configuration $config (db, dir)" >&2; exit 1;;
    esac
    UPLOADED[$config]=$UPLOAD_S
done
KEYS="nginx-on nginx-off $CONFIGS"
for key in $KEYS; do LONE[$key]=$(single "${URL[$key]}"); done
read -rt 1 -u "$NAP" _ || true

# Memory: sampled throughout; the fewer-connection runs first (glibc keeps what it freed, so a larger run's
# peak would hide a smaller one's).
declare -A BEFORE SMALL AFTER
for config in $CONFIGS; do
    BEFORE[$config]=$(rss_kb "${PIDS[$config]}")
    sample "${PIDS[$config]}" > "$WORK/mem-$config" & SAMPLERS+=" $!"
    : > "$WORK/spans-$config"
done
peak() { # config from to → the highest VmRSS sampled between the two stamps, MiB
    awk -v a="$2" -v b="$3" '$1 >= a && $1 <= b && $2 > p { p = $2 } END { printf "%.1f", p / 1024 }' "$WORK/mem-$1"
}
for config in $CONFIGS; do
    for n in $DL_RSS_CONNS; do
        t0=$EPOCHREALTIME; wrk -t1 -c"$n" -d4s --timeout 120s "${URL[$config]}" > /dev/null; t1=$EPOCHREALTIME
        SMALL[$config]+="${SMALL[$config]:+, }$(peak "$config" "$t0" "$t1") MiB at $n"
    done
done
echo
echo "charm: $CHARM_BYTES bytes (${SIZE_MB} MiB of random bytes, zip stored); $ROUNDS rounds of $DL_DUR at $DL_CONN connections, wrk -t2 --timeout 120s"
echo "load before the rounds: $(load)"
# Each run: round MiB/s downloads/s p50ms p99ms server-CPU-s wrk-CPU-s GiB errors
for key in $KEYS; do : > "$WORK/dl-$key"; done
set -- $KEYS; count=$#
for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((count - 1))); do
        j=$(( (i + round - 1) % count + 1 )); key="${!j}"
        CPU_PIDS="${PIDS[$key]}"
        t0=$EPOCHREALTIME
        wrk_run "$key" "${URL[$key]}" -t2 -c"$DL_CONN" -d"$DL_DUR" --timeout 120s
        t1=$EPOCHREALTIME
        case " $CONFIGS " in *" $key "*) echo "$t0 $t1" >> "$WORK/spans-$key";; esac
        echo "$round $(field mibs) ${RPS[$key]} $(field p50ms) $(field p99ms) $SRV_CPU $(field wrk-cpu) $(field gib) $(field errors | tr ' ' '_')" >> "$WORK/dl-$key"
    done
done
CPU_PIDS=""
read -rt 2 -u "$NAP" _ || true
for config in $CONFIGS; do AFTER[$config]=$(rss_kb "${PIDS[$config]}"); done
# shellcheck disable=SC2086
stop $SAMPLERS; SAMPLERS=""
echo "load after the rounds: $(load)"
echo
col() { # key column → "median (min–max)" of that column over the rounds
    awk -v c="$2" '{ print $c }' "$WORK/dl-$1" | sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        if (m >= 100) printf "%.0f (%.0f–%.0f)", m, v[1], v[NR]; else printf "%.1f (%.1f–%.1f)", m, v[1], v[NR] }'
}
share() { # key anchor → median of the per-round shares (min–max)
    awk 'FNR == NR { a[$1] = $2; next } a[$1] > 0 { printf "%.1f\n", 100 * $2 / a[$1] }' "$WORK/dl-$2" "$WORK/dl-$1" | sort -g |
        awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %% (%.1f–%.1f)", m, v[1], v[NR] }'
}
per_gib() { awk '{ s += $6; w += $7; g += $8 } END { if (g > 0) printf "%.2f / %.2f s", s / g, w / g }' "$WORK/dl-$1"; }
errors() { awk '$9 != "" { print $9 }' "$WORK/dl-$1" | tr '_' ' ' | sort -u | paste -sd ';' -; }
echo "| target ($DL_CONN connections, $ROUNDS × $DL_DUR; median (min–max)) | MiB/s | downloads/s | p50 ms | p99 ms | of nginx sendfile on | of nginx sendfile off | CPU per GiB: server / wrk | one download alone (median of 3) | errors |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for key in $KEYS; do
    label="${LABEL[$key]}"; [ -n "${UPLOADED[$key]:-}" ] && label+=" (its upload: ${UPLOADED[$key]} s)"
    echo "| $label | $(col "$key" 2) | $(col "$key" 3) | $(col "$key" 4) | $(col "$key" 5) | $(share "$key" nginx-on) | $(share "$key" nginx-off) | $(per_gib "$key") | $(awk -v b="$CHARM_BYTES" -v t="${LONE[$key]}" 'BEGIN { printf "%.3f s (%.0f MiB/s)", t, b / t / 1048576 }') | $(errors "$key") |"
done
echo
for config in $CONFIGS; do
    during=$(while read -r a b; do awk -v a="$a" -v b="$b" '$1 >= a && $1 <= b { print $2 }' "$WORK/mem-$config"; done < "$WORK/spans-$config" | sort -n |
        awk '{ v[NR] = $1 } END { printf "median %.1f / peak %.1f MiB (%d samples)", v[int((NR + 1) / 2)] / 1024, v[NR] / 1024, NR }')
    echo "server VmRSS, ${LABEL[$config]}: before $(mib "${BEFORE[$config]}") MiB; peak during 4 s runs: ${SMALL[$config]}; during its $DL_CONN-connection runs $during; 2 s after $(mib "${AFTER[$config]}") MiB"
done
for config in $CONFIGS; do
    if profiling "$config"; then profile_run "download-$config" "${PIDS[$config]}" "${URL[$config]}" -t2 -c"$DL_CONN" -d600s --timeout 120s; fi
done
