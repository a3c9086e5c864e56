#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Smoke test of the meter simulator through its real interfaces: it starts
# with no required arguments, says what it listens on, shows the LCD, obeys
# the control interface over TCP, and stops cleanly on `quit`, on SIGINT and
# at the end of --run-ms.
# Usage: sim_smoke.sh <path to ma304h4-sim>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"

start_sim() {
  : > "$work/out.txt"
  (cd "$work" && exec "$sim" --tcp-any --seed 1 "$@") > "$work/out.txt" 2>&1 &
  pid=$!
}

# 1. Start with defaults (NVM and image files land in the working directory).
start_sim
wait_for '^listening: control tcp 127\.0\.0\.1:[0-9]+' 20 || fail "no control listener line"
grep -Eq '^MA304H4 three-phase meter, firmware [0-9.]+, serial [0-9]+, board host' "$work/out.txt" ||
  fail "no banner"
pass "banner"
for ch in optical mbus control; do
  grep -Eq "^listening: $ch tcp 127\.0\.0\.1:[0-9]+" "$work/out.txt" || fail "no $ch listener"
done
pass "listeners printed"
wait_for '^LCD\| *[0-9]{2}:[0-9]{2}:[0-9]{2} *\| *0\.9\.1' 10 || fail "no LCD line with the clock"
pass "LCD shows the clock (0.9.1)"
[ -s "$work/ma304h4-nvm.bin" ] || fail "no NVM file"
pass "NVM file created"

# 2. Control interface over TCP.
port=$(sed -n 's/^listening: control tcp 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out.txt" | head -n 1)
exec 3<>"/dev/tcp/127.0.0.1/$port"
ask() {
  printf '%s\n' "$1" >&3
  IFS= read -r -t 10 reply <&3 || fail "no reply to '$1'"
  reply=${reply%$'\r'}
}
ask "status";               [[ $reply == ok\ * ]] || fail "status: $reply"; pass "status: $reply"
ask "no-such-command";      [[ $reply == error\ * ]] || fail "garbage accepted: $reply"; pass "garbage refused"
ask "cover terminal open";  [[ $reply == ok* ]] || fail "cover: $reply"
wait_for '^LCD\|.*ALARM' 10 || fail "alarm icon not shown after opening the terminal cover"
pass "terminal cover open -> ALARM icon"
ask "lcd";                  [[ $reply == ok\ * ]] || fail "lcd: $reply"; pass "lcd: $reply"
ask "quit"
exec 3>&-
wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" -eq 0 ] || fail "exit status $rc after quit"
grep -q '^ma304h4: stopped' "$work/out.txt" || fail "no clean stop line"
pass "quit -> exit 0"

# 3. Ctrl-C (SIGINT) stops it cleanly.
start_sim
wait_for '^listening: control tcp' 20 || fail "second start"
kill -INT "$pid"
wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" -eq 0 ] || fail "exit status $rc after SIGINT"
pass "SIGINT -> exit 0"

# 4. Accelerated time with a run limit: 60 simulated seconds end by themselves.
start_sim --speed 60 --run-ms 60000
wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" -eq 0 ] || fail "exit status $rc after --run-ms"
grep -Eq '^LCD\|.*0\.9\.2' "$work/out.txt" || fail "display list did not scroll to the date"
pass "--speed 60 --run-ms 60000 -> display scrolls, exit 0"

echo "sim smoke: $passed passed, 0 failed"
