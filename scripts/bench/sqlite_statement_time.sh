#!/usr/bin/env bash
# Times one SQL statement file with the sqlite3 CLI: a warm-up, then N runs in one session.
#
# Usage: scripts/bench/sqlite_statement_time.sh DB N MATCH EXACT FILE.sql
#   FILE.sql may use the parameters :m (an FTS5 MATCH expression, e.g. '"data"*') and :e (the
#   exact name). Prints the minimum and median of user + sys time (`.timer on`), in ms.
# Example: scripts/bench/sqlite_statement_time.sh 20k.sqlite 21 '"data"*' data total.sql
set -euo pipefail
db=$1; n=$2; m=$3; e=$4; f=$5
{
    echo ".parameter set :m '$m'"
    echo ".parameter set :e '$e'"
    echo ".output /dev/null"
    echo ".read $f"
    echo ".timer on"
    for _ in $(seq "$n"); do echo ".read $f"; done
} | sqlite3 "$db" 2>&1 \
    | awk '/Run Time/ {printf "%.3f\n", ($6 + $8) * 1000}' | sort -n \
    | awk '{a[NR] = $1} END {printf "min %.2f ms  median %.2f ms (n=%d)\n", a[1], a[int((NR + 1) / 2)], NR}'
