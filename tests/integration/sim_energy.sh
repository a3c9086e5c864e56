#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The energy registers of the meter simulator survive restarts (libeventlog snapshots,
# examples/ma304h4/src/energy.h): with the power-fail warning (`power fail` on the control
# port) the total registers come back exactly; after a cut without warning (kill -9) they
# come back at the last save of the policy: not below what was restored before, not above
# what was measured, and at least one quantum further when a quantum was measured.
# The grid is 3 x 230 V, 10 A, phi 0 (6.9 kW); the energy quantum is set to 100 Wh
# (`--config energy.quantum-wh=100`) so that the policy saves within a minute of simulated
# time. +A (1.0.1.8.0.255, mWh) is read over the DLMS wrapper by the reader client 2.
# Usage: sim_energy.sh <path to ma304h4-sim> <path to msdk-dlms>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
dlms=$2

start() {
  : >"$work/out.txt"
  (cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --no-wan-pty --optical-tcp off \
    --seed 1 --stepped --start-time 2026-03-01T00:00:00Z --config energy.quantum-wh=100) \
    >"$work/out.txt" 2>&1 &
  pid=$!
  listen_port net net network
  net=127.0.0.1:$net
  listen_port ctl control
  exec 3<>"/dev/tcp/127.0.0.1/$ctl"
  for ph in 1 2 3; do
    ask "grid phase $ph v 230 i 10 angle 0"
  done
}
ask() {
  printf '%s\n' "$1" >&3
  IFS= read -r -t 300 reply <&3 || fail "no reply to '$1'"
  reply=${reply%$'\r'}
  [[ $reply == ok* ]] || fail "$1: $reply"
}
step() { ask "clock step $1"; }
a_import() { # +A in mWh, over DLMS
  "$dlms" --tcp "$net" --timeout-ms 10000 --client 2 --password 12345678 get 3 1.0.1.8.0.255 2 |
    sed -n 's/^long64-unsigned \([0-9]*\)$/\1/p'
}
stop_hard() { kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; exec 3>&-; }

start
grep -q 'energy registers restored' "$work/out.txt" && fail "a new meter restored energy"
step 120000
e1=$(a_import)
[ -n "$e1" ] && [ "$e1" -gt 200000 ] || fail "+A after 2 min at 6.9 kW: '$e1' mWh"
pass "+A = $e1 mWh after 2 minutes at 6.9 kW"

# The power-fail warning: the totals are saved on the way down, and come back exactly.
printf 'power fail\n' >&3
wait "$pid" 2>/dev/null || true
exec 3>&-
grep -q 'power: supply failing' "$work/out.txt" || fail "no power-fail line"
start
grep -q 'energy registers restored' "$work/out.txt" || fail "not restored: $(cat "$work/out.txt")"
e2=$(a_import)
[ "$e2" = "$e1" ] || fail "after the power-fail warning +A = $e2 mWh, before it $e1"
pass "power fail: +A restored exactly ($e2 mWh)"

# A cut without warning: the last save of the policy (a quantum of 100 Wh is measured in
# 52 s at 6.9 kW).
step 90000
e3=$(a_import)
[ "$e3" -gt "$((e2 + 100000))" ] || fail "+A did not grow: $e2 -> $e3"
stop_hard
start
e4=$(a_import)
[ -n "$e4" ] || fail "no +A after kill -9"
{ [ "$e4" -ge "$((e2 + 100000))" ] && [ "$e4" -le "$e3" ]; } ||
  fail "after kill -9 +A = $e4 mWh: expected $((e2 + 100000))..$e3 (a quantum saved)"
pass "kill -9: +A restored at the last save ($e4 mWh, measured $e3, before $e2)"

# Several cuts in a row never go backwards.
prev=$e4
for run in 1 2 3; do
  step 30000
  stop_hard
  start
  e=$(a_import)
  [ "$e" -ge "$prev" ] || fail "cut $run: +A went back from $prev to $e"
  prev=$e
done
pass "3 more cuts: +A never went back (last $prev mWh)"
stop_hard
echo "sim_energy: $passed checks passed"
