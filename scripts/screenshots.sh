#!/usr/bin/env bash
# Regenerates screenshots/*.png from real terminal captures of the console under tmux.
# Usage: scripts/screenshots.sh   (installs tmux, fonts and Python packages when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
need=()
command -v tmux >/dev/null || need+=(tmux)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
[ -e /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || need+=(fonts-symbola)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
VENV="$ROOT/.venv-shots"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import pyte, PIL, fontTools, wcwidth' 2>/dev/null || "$VENV/bin/pip" install -q pyte pillow fonttools wcwidth
swift build >/dev/null
BIN="$(swift build --show-bin-path)/store-tui"
WORK="$(mktemp -d)"
trap 'tmux -L shots kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB="$WORK/demo.sqlite"
COLS=120; ROWS=34

start() { # $1 = extra args
    tmux -L shots kill-server 2>/dev/null || true
    sleep 0.5  # let the old server go before starting a new one on the same socket
    tmux -L shots -f /dev/null new-session -d -x $COLS -y $ROWS -s s \
        "env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$WORK $BIN --database $DB --no-mouse $1"
    tmux -L shots set -g status off
    settle
}
settle() { # wait until two captures match
    local last="" now
    for _ in $(seq 1 100); do
        sleep 0.15
        now="$(tmux -L shots capture-pane -t s -p)"
        [ "$now" = "$last" ] && [ -n "$now" ] && ! grep -q "Searching…\|Loading" <<<"$now" && return 0
        last="$now"
    done
}
keys() { for k in "$@"; do tmux -L shots send-keys -t s "$k"; done; settle; }
shot() { # $1 = name, $2 = theme
    tmux -L shots capture-pane -t s -e -p -N > "$WORK/$1.ansi"
    "$VENV/bin/python" scripts/screenshots/ansi_to_png.py "$WORK/$1.ansi" "screenshots/$1.png" --cols $COLS --rows $ROWS --theme "${2:-dark}"
    echo "screenshots/$1.png"
}

start ""
shot search
keys / p o s t g r e s Enter Enter
shot detail
keys 2
shot revisions
keys 3
shot channel-map
start "--theme light"
keys / h e l l o - w o r l d
keys Enter
keys Enter
keys 3
shot channel-map-light light
start "--as alice"
keys : o p e n Space a l i c e - n o t e s Enter
keys 3
keys j
keys p
shot release-preview
start "--as alice"
keys : o p e n Space a l i c e - n o t e s Enter
keys 4
shot metrics
start "--as reviewer"
keys Q
shot review-queue
