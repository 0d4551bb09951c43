#!/usr/bin/env bash
# Snap upload benchmark: the real snapcraft 4.8.1 `snapcraft upload` of a 50 MiB snap against
# `store-tui serve`, from the command's start to its "Ready to release!", beside the bare transfer of the
# same file measured in the same run (curl's multipart POST to our /unscanned-upload/ and to nginx as a
# sink), and the server's memory while it receives the file.
# Usage: scripts/bench/snap_upload_bench.sh [BIN]   (a release binary; default .build-release/release/store-tui)
# Env: RUNS (5), SIZE_MB (50), PORT (18801), NGINX_PORT (18802), CONFIGS ("dir db"),
#      SNAPCRAFT (.venv-snapcraft/bin/snapcraft; scripts/install-snapcraft installs it).
# Two storage configurations, each with a fresh database and server: `--upload-dir` (files on disk) and
# the default (the file copied into the database in 1 MiB chunks). Each run makes a new revision of a
# new name (registered first), with a fresh XDG_CACHE_HOME so snapcraft never tries a delta. After each
# snapcraft upload, the anchors: curl POSTs a snap of the same size (another registered name) to
# /unscanned-upload/ and pushes it as snapcraft does (Bearer token), then POSTs it to nginx; then the
# same file is written with fsync (dd) and hashed with SHA3-384 (openssl), two things our receive does.
# Server figures come from its own request log (duration_ms); the log and snapcraft's output are stamped
# as each line arrives. VmRSS/VmHWM of the server are sampled from /proc every 50 ms throughout.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(realpath "${1:-$ROOT/.build-release/release/store-tui}")"
RUNS="${RUNS:-5}"; CONFIGS="${CONFIGS:-dir db}"; SIZE_MB="${SIZE_MB:-50}"; PORT="${PORT:-18801}"; NGINX_PORT="${NGINX_PORT:-18802}"
SC="${SNAPCRAFT:-$ROOT/.venv-snapcraft/bin/snapcraft}"
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --scratch-path .build-release --product store-tui)" >&2; exit 1; }
[ -x "$SC" ] || "$ROOT/scripts/install-snapcraft"
for tool in mksquashfs unsquashfs nginx curl openssl; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

WORK="$(mktemp -d /tmp/snap-upload-bench.XXXXXX)"
SERVER=""; SAMPLER=""; NGINX=""
stop() { # pid…: TERM, then wait (our own children only)
    local p; for p in "$@"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
    for p in "$@"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
cleanup() { stop "$SAMPLER" "$SERVER" "$NGINX"; rm -rf "$WORK"; }
trap cleanup EXIT
exec {NAP}<> <(:)                               # read -t on it: a sleep without a fork
now() { echo "$EPOCHREALTIME"; }
stamp() { local l; while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done; }

# --- the snaps: one random blob, one snap per name (same size: names of equal length) ---------------
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom > "$WORK/blob"
make_snap() { # name → $WORK/snaps/NAME_1.0_amd64.snap
    local name="$1" dir="$WORK/src-$1"
    mkdir -p "$dir/meta" "$dir/bin" "$WORK/snaps"
    cat > "$dir/meta/snap.yaml" <<YAML
name: $name
version: '1.0'
summary: Upload benchmark
description: A snap of ${SIZE_MB} MiB of random bytes, for the upload benchmark.
architectures: [amd64]
base: core22
confinement: strict
grade: stable
apps:
  $name:
    command: bin/hello
    plugs: [network]
YAML
    printf '#!/bin/sh\necho hello\n' > "$dir/bin/hello"; chmod 755 "$dir/bin/hello"
    ln "$WORK/blob" "$dir/blob"
    mksquashfs "$dir" "$WORK/snaps/${name}_1.0_amd64.snap" -noappend -all-root -no-xattrs -quiet -no-progress -comp gzip >/dev/null
    rm -rf "$dir"
}
for i in $(seq -w 1 "$RUNS"); do make_snap "bench-sc-$i"; make_snap "bench-cu-$i"; done
SNAP_BYTES=$(stat -c %s "$WORK/snaps/bench-sc-$(seq -w 1 "$RUNS" | head -1)_1.0_amd64.snap")

# --- nginx as a sink: reads the body and drops it -----------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http { access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; client_max_body_size 0; location / { return 200; } } }
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' & NGINX=$!

U="http://127.0.0.1:$PORT"
sample() { # pid → "stamp VmRSS VmHWM" (kB) every 50 ms while it lives
    local k v r h
    while [ -r "/proc/$1/status" ]; do
        r=""; h=""
        while read -r k v _; do case "$k" in VmRSS:) r=$v;; VmHWM:) h=$v;; esac; done 2>/dev/null < "/proc/$1/status" || break
        [ -n "$r" ] && printf '%s %s %s\n' "$EPOCHREALTIME" "$r" "$h"
        read -rt 0.05 -u "$NAP" _ || true
    done
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# One configuration: CONFIG label, then extra serve arguments. Writes $WORK/$CONFIG/{runs,mem,uptime}.
bench_config() {
    local config="$1"; shift
    local D="$WORK/$config"; mkdir -p "$D/config"
    "$BIN" token create --database "$D/store.sqlite" --user sam --role publisher > "$D/token.txt"
    local secret; secret=$(sed -n '/^Secret/{n;p;}' "$D/token.txt")
    "$BIN" serve --database "$D/store.sqlite" --port "$PORT" --log-level info --max-upload-size 300000000 \
        --max-pending-uploads 1000 --max-pending-upload-bytes 100000000000 "$@" > >(stamp > "$D/serve.log") 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -sf "$U/health/live" >/dev/null && break; read -rt 0.1 -u "$NAP" _ || true; done
    (
        export STORE_DASHBOARD_URL="$U/" STORE_UPLOAD_URL="$U/" UBUNTU_ONE_SSO_URL="$U/" STORE_API_URL="$U/"
        export XDG_CONFIG_HOME="$D/config" STORE_RETRIES=0 STORE_BACKOFF=0
        printf 'sam\n%s\n' "$secret" | SNAPCRAFT_HAS_TTY=y SNAPCRAFT_TEST_INPUT=1 "$SC" login > "$D/login.txt" 2>&1
    ) || { echo "snapcraft login failed:" >&2; cat "$D/login.txt" >&2; exit 1; }
    local i name
    for i in $(seq -w 1 "$RUNS"); do
        for name in "bench-sc-$i" "bench-cu-$i"; do
            curl -sf -o /dev/null -H "Authorization: Bearer $secret" -H 'Content-Type: application/json' \
                -d "{\"snap_name\":\"$name\"}" "$U/dev/api/register-name/" || { echo "registering $name failed" >&2; exit 1; }
        done
    done
    sample "$SERVER" > "$D/mem" & SAMPLER=$!
    read -rt 1 -u "$NAP" _ || true
    echo "$(now) $(status_kb "$SERVER" VmRSS) $(status_kb "$SERVER" VmHWM)" > "$D/idle"
    uptime > "$D/uptime"
    : > "$D/runs"
    for i in $(seq -w 1 "$RUNS"); do
        # snapcraft upload: start, "Ready to release!", exit
        local snap="$WORK/snaps/bench-sc-${i}_1.0_amd64.snap" t0 t1
        t0=$(now)
        ( cd "$WORK/snaps"
          export STORE_DASHBOARD_URL="$U/" STORE_UPLOAD_URL="$U/" UBUNTU_ONE_SSO_URL="$U/" STORE_API_URL="$U/"
          export XDG_CONFIG_HOME="$D/config" STORE_RETRIES=0 STORE_BACKOFF=0 PYTHONUNBUFFERED=1
          XDG_CACHE_HOME="$(mktemp -d "$D/cache.XXXX")" "$SC" upload "$(basename "$snap")" 2>&1 ) | stamp > "$D/sc-$i.out"
        t1=$(now)
        grep -q 'Ready to release!' "$D/sc-$i.out" || { echo "snapcraft upload $i did not say Ready to release:" >&2; cat "$D/sc-$i.out" >&2; exit 1; }
        local tready; tready=$(awk '/Ready to release!/ { print $1; exit }' "$D/sc-$i.out")
        # anchors: the same-size file through curl (upload, then the push snapcraft makes), nginx, dd, openssl
        local cu="$WORK/snaps/bench-cu-${i}_1.0_amd64.snap" out curl_up curl_bytes id curl_push ng ng_bytes dd_t sha_t a
        out=$(curl -sf -H 'Expect:' -w '\n%{time_total} %{size_upload}' -F "binary=@$cu" "$U/unscanned-upload/")
        read -r curl_up curl_bytes <<<"$(tail -1 <<<"$out")"
        id=$(head -1 <<<"$out" | json_field upload_id)
        curl_push=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $secret" -H 'Content-Type: application/json' \
            -d "{\"name\":\"bench-cu-$i\",\"updown_id\":\"$id\",\"series\":\"16\"}" "$U/dev/api/snap-push/")
        curl -sf "$U/dev/api/snap-status/$id" | grep -q ready_to_release || { echo "curl push $i not ready" >&2; exit 1; }
        read -r ng ng_bytes <<<"$(curl -sf -o /dev/null -H 'Expect:' -w '%{time_total} %{size_upload}' -F "binary=@$cu" "http://127.0.0.1:$NGINX_PORT/unscanned-upload/")"
        [ "$curl_bytes" = "$ng_bytes" ] || { echo "curl sent $curl_bytes bytes to store-tui, $ng_bytes to nginx" >&2; exit 1; }
        a=$(now); dd if="$cu" of="$D/dd.out" bs=1M conv=fsync status=none; dd_t=$(awk -v a="$a" -v b="$(now)" 'BEGIN { print b - a }'); rm -f "$D/dd.out"
        a=$(now); openssl dgst -sha3-384 "$cu" >/dev/null; sha_t=$(awk -v a="$a" -v b="$(now)" 'BEGIN { print b - a }')
        echo "$i $t0 $tready $t1 $curl_up $curl_push $ng $dd_t $sha_t" >> "$D/runs"
    done
    read -rt 0.5 -u "$NAP" _ || true
    echo "$(now) $(status_kb "$SERVER" VmRSS) $(status_kb "$SERVER" VmHWM)" > "$D/after"
    uptime >> "$D/uptime"
    stop "$SAMPLER" "$SERVER"; SAMPLER=""; SERVER=""
}

for config in $CONFIGS; do
    case "$config" in
        dir) bench_config dir --upload-dir "$WORK/dir/uploads";;
        db) bench_config db;;
        *) echo "unknown configuration $config (dir, db)" >&2; exit 1;;
    esac
done

# --- the table ------------------------------------------------------------------------------------------
# Per run of a configuration: a line of "name value" pairs (seconds, or kB for memory).
derive() { # config
    local D="$WORK/$1"
    while read -r i t0 tready t1 curl_up curl_push ng dd_t sha_t; do
        awk -v t0="$t0" -v tr="$tready" -v t1="$t1" -v cu="$curl_up" -v cp="$curl_push" -v ng="$ng" -v dd="$dd_t" -v sha="$sha_t" '
            # the server log lines stamped within the snapcraft run
            $1 >= t0 && $1 <= t1 {
                d = ""; p = ""; s = ""
                for (f = 2; f <= NF; f++) {
                    if ($f ~ /^duration_ms=/) d = substr($f, 13) / 1000
                    if ($f ~ /^http.path=/) p = substr($f, 11)
                    if ($f ~ /^http.status=/) s = substr($f, 13)
                }
                if (p == "/unscanned-upload/") { up = d; upend = $1 }
                else if (p == "/dev/api/snap-push/" && s == "200") { dry = d; dryend = $1 }
                else if (p == "/dev/api/snap-push/" && s == "202") { push = d }
                else if (p ~ /^\/dev\/api\/snap-status\//) { st += d; polls++ }
            }
            END {
                printf "ready %f total %f curl_up %f curl_push %f nginx %f dd %f sha %f ", tr - t0, t1 - t0, cu, cp, ng, dd, sha
                printf "beyond %f beyond_exit %f srv_up %f srv_push %f srv_dry %f srv_status %f polls %d ", tr - t0 - cu, t1 - t0 - cu, up, push, dry, st, polls
                # from the server having stored the whole file to "Ready to release!"
                printf "after_stored %f ", tr - upend
                # snapcraft before the transfer starts: launch, local checks, the dry-run push answered
                printf "before_transfer %f ", (upend - up) - t0
                printf "client %f\n", (tr - t0) - (up + push + dry + st)
            }' "$D/serve.log"
    done < "$D/runs"
}
med() { # config key [format] → "median (min–max)"
    derive "$1" | awk -v k="$2" '{ for (f = 1; f < NF; f += 2) if ($f == k) print $(f + 1) }' | sort -g |
        awk -v fmt="${3:-%.3f}" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
              printf fmt " (" fmt "–" fmt ")", m, a[1], a[NR] }'
}
mem() { # config → MiB: idle, peak during the first snapcraft upload, peak during any, after, VmHWM after
    local D="$WORK/$1" idle hwm_idle after hwm
    read -r _ idle hwm_idle < "$D/idle"; read -r _ after hwm < "$D/after"
    awk -v i="$idle" -v hi="$hwm_idle" -v a="$after" -v h="$hwm" '
        FNR == NR { n++; t0[n] = $2; t1[n] = $4; next }         # runs: i t0 tready t1 …
        { for (k = 1; k <= n; k++) if ($1 >= t0[k] && $1 <= t1[k]) { if ($2 > p) p = $2; if (k == 1 && $2 > f) f = $2 } }
        END { printf "%.1f / %.1f / %.1f / %.1f / %.1f MiB (sampled peak − idle %.1f MiB, VmHWM after − idle %.1f MiB; VmHWM idle %.1f MiB)",
              i/1024, f/1024, p/1024, a/1024, h/1024, (p - i)/1024, (h - i)/1024, hi/1024 }' "$D/runs" "$D/mem"
}
declare -A TITLE=([dir]="--upload-dir" [db]="database (default)")
row() { # label key [format]: one column per configuration
    local label="$1" key="$2" c line="| $1 |"
    for c in $CONFIGS; do line+=" $(med "$c" "$key" "${3:-}") |"; done
    echo "$line"
}
echo
echo "snap: $SNAP_BYTES bytes (${SIZE_MB} MiB of random bytes, gzip squashfs); $RUNS runs per configuration; seconds, median (min–max)"
echo "binary: $BIN"
for c in $CONFIGS; do echo "load ($c): $(head -1 "$WORK/$c/uptime" | sed 's/.*load average: //') → $(tail -1 "$WORK/$c/uptime" | sed 's/.*load average: //')"; done
echo
header="| measure |"; rule="| --- |"
for c in $CONFIGS; do header+=" ${TITLE[$c]} |"; rule+=" --- |"; done
echo "$header"; echo "$rule"
row "snapcraft upload: start → \"Ready to release!\"" ready
row "snapcraft upload: start → exit" total
row "anchor: curl POST /unscanned-upload/ (store-tui)" curl_up
row "anchor: curl POST to nginx (sink)" nginx
row "anchor: dd the file with fsync" dd
row "anchor: openssl SHA3-384 of the file" sha
row "beyond the transfer: Ready − curl POST (same run)" beyond
row "beyond the transfer, to exit: exit − curl POST" beyond_exit
row "server: snapcraft's POST /unscanned-upload/" srv_up
row "server: the push (POST /dev/api/snap-push/, 202)" srv_push
row "server: the dry-run push" srv_dry
row "server: the status polls" srv_status
row "status polls per upload" polls %d
row "anchor: curl's push of its upload (client side)" curl_push
row "snapcraft: start → transfer starts (launch, local checks, dry run)" before_transfer
row "file stored (server log) → \"Ready to release!\"" after_stored
row "snapcraft's own time (Ready − server request durations)" client
echo
echo "server memory, VmRSS idle / peak during the first upload / peak during all $RUNS snapcraft uploads (50 ms samples) / after / VmHWM after (its peak over the whole run, the curl uploads included):"
for c in $CONFIGS; do echo "  ${TITLE[$c]}: $(mem "$c")"; done
