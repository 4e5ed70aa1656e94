#!/usr/bin/env bash
# The slow-link trial by hand, in tmux (run after `node scripts/build.mjs`):
#   test/bench/held-key-tmux.sh COLS ROWS BYTES_PER_SECOND LABEL    e.g. 80 24 32000 "256 kbit/s"
# lakedeck runs in a tmux pane behind test/bench/pty-relay.py, which paces its output to the
# link speed; ↓ is held for 3 s (tmux send-keys every 33 ms, a keyboard's repeat rate), then the
# pane is watched: how far the screen fell behind while the key was held, when the last row
# showed, and when the listing stopped changing after the key was released.
set -euo pipefail
cols=$1 rows=$2 rate=$3 label=$4
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/lakedeck-held-key-XXXX")
part=$dir/lake/raw/bench_api/ingest_date=2024-01-15
mkdir -p "$part"
for i in $(seq 1 300); do printf 'id,value\n%d,%d\n' $i $((i*7)) > "$part/bench_api_20240115_$(printf %06d $((90000+i))).csv"; done
sock=redraw-trial-$$
session=trial
tmux -L $sock new-session -d -s $session -x "$cols" -y "$rows" \
  "env -u CI TERM=xterm-256color python3 $root/test/bench/pty-relay.py --cols $cols --rows $rows --bytes-per-second $rate -- node $root/bin/lakedeck.js --lake $dir/lake --log-file $dir/log 2>$dir/relay.json"
cap() { tmux -L $sock capture-pane -p -t $session; }
waitfor() { for _ in $(seq 1 400); do cap | grep -q -- "$1" && return 0; sleep 0.05; done; echo "never saw $1"; cap; tmux -L $sock kill-server; exit 1; }
waitfor '? help'
sleep 0.5
tmux -L $sock send-keys -t $session Enter; waitfor 'bench_api/'; sleep 0.3
tmux -L $sock send-keys -t $session Enter; waitfor 'ingest_date='; sleep 0.3
tmux -L $sock send-keys -t $session Enter; waitfor 'row 1 of 300'; sleep 1
python3 - "$sock" "$session" "$label" <<'PY'
import subprocess, sys, time, re
sock, session, label = sys.argv[1:4]
def cap():
    return subprocess.run(['tmux', '-L', sock, 'capture-pane', '-p', '-t', session], capture_output=True, text=True).stdout
def row(screen):
    m = re.search(r'row (\d+) of 300', screen)
    return int(m.group(1)) if m else None
start = time.monotonic()
sent = 0
lag = []  # rows the screen is behind the keys, sampled while held
next_key = start
while time.monotonic() - start < 3.0:
    subprocess.run(['tmux', '-L', sock, 'send-keys', '-t', session, 'Down'])
    sent += 1
    if sent % 10 == 0:
        r = row(cap())
        if r is not None:
            lag.append(sent + 1 - r)
    next_key += 1 / 30
    time.sleep(max(0, next_key - time.monotonic()))
released = time.monotonic()
target = min(300, sent + 1)
def listing(screen):
    # The listing only: the status bar's "updated … ago" changes on its own.
    return [line for line in screen.split('\n') if 'row ' in line or line.startswith('›')]
last, last_change, shown = listing(cap()), released, None
while time.monotonic() - released < 10:
    screen = cap()
    if listing(screen) != last:
        last, last_change = listing(screen), time.monotonic()
    if shown is None and row(screen) == target:
        shown = time.monotonic() - released
    if shown is not None and time.monotonic() - last_change > 1.0:
        break
    time.sleep(0.02)
print(f"{label}: {sent} ↓ in 3 s; while held the screen was behind the keys by {max(lag) if lag else '?'} rows at most "
      f"(samples {lag}); last row ({target}) on screen {shown*1000 if shown is not None else float('nan'):.0f} ms after release; "
      f"screen stopped changing {(last_change - released)*1000:.0f} ms after release; final {row(chr(10).join(last))}")
PY
tmux -L $sock send-keys -t $session q
sleep 1
cat "$dir/relay.json" 2>/dev/null || true
tmux -L $sock kill-server 2>/dev/null || true
rm -rf "$dir"
