#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What the meter simulator keeps in its NVM through libeventlog, end to end.
# Energy (snapshots, examples/ma304h4/src/energy.h): with the power-fail warning (`power
# fail` on the control port) the total registers come back exactly; after a cut without
# warning (kill -9) they come back at the last save of the policy: not below what was
# restored before, not above what was measured, and at least one quantum further when a
# quantum was measured.
# Events (examples/ma304h4/src/meter_events.h, IDIS codes): power up at every start, power
# down on the warning; terminal cover, magnet and a failed LLS authentication in the fraud
# detection log; read through the event code objects 0.0.96.11.0/1.255 and the Profile
# generic buffers 0.0.99.98.0/1.255; kept across cuts.
# The grid is 3 x 230 V, 10 A, phi 0 (6.9 kW); the energy quantum is set to 100 Wh
# (`--config energy.quantum-wh=100`) so that the policy saves within a minute of simulated
# time. +A (1.0.1.8.0.255, mWh) is read over the DLMS wrapper by the reader client 2.
# Profiles: the load profile's +A column against the grid's energy, the billing rows at
# midnight and at the end of billing (local midnight, day 1), all kept across kill -9; a
# billing period the meter was off for gets one late row, also after a monthly reset. The
# clock after outages shorter and longer than a super-capacitor's backup. An event
# log fuller than its profile entries shows the newest ones. A corrupted NVM image (random
# bytes, zeros) starts as a new meter with an NVM error event and the error register's bit;
# an NVM too small for the layout is reported at start.
# Usage: sim_storage.sh <path to ma304h4-sim> <path to msdk-dlms>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
dlms=$2

start() { # [START_TIME [MORE OPTIONS]]
  local at=${1:-2026-03-01T00:00:00Z}
  [ $# -gt 0 ] && shift
  : >"$work/out.txt"
  (cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --no-wan-pty --optical-tcp off \
    --seed 1 --stepped --start-time "$at" --config energy.quantum-wh=100 "$@") \
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
reader() { "$dlms" --tcp "$net" --timeout-ms 10000 --client 2 --password 12345678 "$@"; }
a_import() { # +A in mWh, over DLMS
  reader get 3 1.0.1.8.0.255 2 | sed -n 's/^long64-unsigned \([0-9]*\)$/\1/p'
}
last_code() { # last_code LOG: the event code object 0.0.96.11.LOG.255
  reader get 1 "0.0.96.11.$1.255" 2 | sed -n 's/^unsigned \([0-9]*\)$/\1/p'
}
codes() { # codes LOG: the event codes of the log's buffer, oldest first, one line
  reader get 7 "0.0.99.98.$1.255" 2 | sed -n 's/^ *unsigned \([0-9]*\)$/\1/p' | tr '\n' ' '
}
stop_hard() { kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; exec 3>&-; }

start
grep -q 'energy registers restored' "$work/out.txt" && fail "a new meter restored energy"
[ "$(last_code 0)" = 2 ] && [ "$(codes 0)" = "2 " ] || fail "a new meter's standard log: $(codes 0)"
pass "a new meter: the standard log holds one power up (2)"
for c in "cover terminal open:40" "cover terminal closed:41" "magnet on:42" "magnet off:43"; do
  ask "${c%%:*}"
  step 500
  [ "$(last_code 1)" = "${c##*:}" ] || fail "${c%%:*}: fraud log code $(last_code 1)"
done
"$dlms" --tcp "$net" --timeout-ms 10000 --client 2 --password wrong get 8 0.0.1.0.0.255 2 \
  >/dev/null 2>&1 && fail "a wrong password was accepted"
[ "$(last_code 1)" = 46 ] || fail "authentication failure: fraud log code $(last_code 1)"
[ "$(codes 1)" = "40 41 42 43 46 " ] || fail "fraud log buffer: $(codes 1)"
pass "fraud detection log: terminal cover 40/41, magnet 42/43, authentication failure 46"
step 120000
e1=$(a_import)
[ -n "$e1" ] && [ "$e1" -gt 200000 ] || fail "+A after 2 min at 6.9 kW: '$e1' mWh"
pass "+A = $e1 mWh after 2 minutes at 6.9 kW"

# The power-fail warning: the totals are saved on the way down, and come back exactly.
printf 'power fail\n' >&3
wait "$pid" 2>/dev/null || true
exec 3>&-
grep -q 'power: supply failing' "$work/out.txt" || fail "no power-fail line"
start 2026-03-01T01:00:00Z # back after 58 minutes: a long power failure
grep -q 'energy registers restored' "$work/out.txt" || fail "not restored: $(cat "$work/out.txt")"
e2=$(a_import)
[ "$e2" = "$e1" ] || fail "after the power-fail warning +A = $e2 mWh, before it $e1"
pass "power fail: +A restored exactly ($e2 mWh)"
[ "$(codes 0)" = "2 1 2 " ] || fail "standard log after the power fail: $(codes 0)"
[ "$(codes 1)" = "40 41 42 43 46 " ] || fail "fraud log after the power fail: $(codes 1)"
pass "power fail: power down (1) then power up (2) in the standard log; the fraud log kept"
# The power failure log 1.0.99.97.0.255: {end time, duration 0.0.96.7.19.255}; 0.0.96.7.9.255
# counts them. The outage lasted from 00:02:02 (4 x 0.5 s, then 120 s of simulated time) to
# 01:00:00: 3478 s.
reader get 7 1.0.99.97.0.255 2 >"$work/pf.txt" 2>&1 || fail "power failure log: $(cat "$work/pf.txt")"
grep -q 'double-long-unsigned 3478$' "$work/pf.txt" && grep -q '2026-03-01T01:00:00' "$work/pf.txt" ||
  fail "power failure log: $(cat "$work/pf.txt")"
[ "$(reader get 1 0.0.96.7.9.255 2 | sed -n 's/^long-unsigned \([0-9]*\)$/\1/p')" = 1 ] ||
  fail "long power failures: $(reader get 1 0.0.96.7.9.255 2 2>&1)"
pass "long power failure: ended 01:00:00, 3478 s, counted in 0.0.96.7.9.255"

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
[ "$(codes 0)" = "2 1 2 2 2 2 2 " ] || fail "standard log after the cuts: $(codes 0)"
pass "kill -9 cuts: a power up per start, no power down without the warning"
stop_hard

# ---- Profiles (examples/ma304h4/src/profiles.h) -------------------------------------------
# A new meter at 2026-04-30T21:00Z (23:00 CEST) runs 75 minutes at 6.9 kW. Load profile
# rows at 21:00 (the start), 21:15 .. 22:15; each 15 minutes add 3 x 230 V x 10 A x 0.25 h =
# 1725 Wh of +A (the grid's own model; class B allows 1 %, the meter does far better). At
# local midnight, 2026-04-30T22:00Z, the daily billing row and the end of April's billing
# period (the first monthly row).
rm -f "$work/ma304h4-nvm.bin"
start 2026-04-30T21:00:00Z
step $((75 * 60000))
reader get 7 1.0.99.1.0.255 2 >"$work/lp.txt" 2>&1 || fail "load profile: $(cat "$work/lp.txt")"
times=$(sed -n 's/^    octet-string\[12\] .*(\(.*\))$/\1/p' "$work/lp.txt" | tr '\n' ' ')
[ "$times" = "2026-04-30T21:00:00Z 2026-04-30T21:15:00Z 2026-04-30T21:30:00Z \
2026-04-30T21:45:00Z 2026-04-30T22:00:00Z 2026-04-30T22:15:00Z " ] || fail "load profile rows: $times"
mapfile -t plus_a < <(awk '/^  structure/ { n = 0 } /^    long64-unsigned/ { n++; if (n == 1) print $2 }' "$work/lp.txt")
[ "${#plus_a[@]}" -eq 6 ] || fail "load profile +A column: ${plus_a[*]}"
for k in 2 3 4 5; do
  d=$((plus_a[k] - plus_a[k - 1]))
  [ "$d" -ge 1707750 ] && [ "$d" -le 1742250 ] || fail "+A of period $k: $d mWh, want 1725000 +- 1 %"
done
pass "load profile: 6 rows 21:00..22:15, +A grows 1725 Wh +- 1 % each 15 minutes (${plus_a[*]})"
reader get 7 1.0.99.2.0.255 2 >"$work/d.txt" 2>&1 || fail "daily: $(cat "$work/d.txt")"
grep -q '^array\[1\]' "$work/d.txt" && grep -q '(2026-04-30T22:00:00Z)' "$work/d.txt" ||
  fail "daily profile: $(cat "$work/d.txt")"
reader get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 || fail "monthly: $(cat "$work/m.txt")"
grep -q '^array\[1\]' "$work/m.txt" && grep -q '(2026-04-30T22:00:00Z)' "$work/m.txt" ||
  fail "monthly profile: $(cat "$work/m.txt")"
pass "billing: at local midnight (2026-04-30T22:00Z) a daily row and the first monthly row"
# The profiles are in the flash: kill -9, and they are all there after the restart.
stop_hard
start 2026-04-30T22:20:00Z
reader get 7 1.0.99.1.0.255 2 >"$work/lp2.txt" 2>&1 || fail "load profile: $(cat "$work/lp2.txt")"
[ "$(grep -c '^  structure' "$work/lp2.txt")" -eq 6 ] || fail "after kill -9: $(cat "$work/lp2.txt")"
pass "kill -9: the 6 load profile rows are kept"
stop_hard

# ---- The monthly billing row across restarts (examples/ma304h4/src/profiles.h) -----------
# A new meter at 2026-04-30T21:00Z (23:00 CEST) runs 10 minutes and goes down (power-fail
# warning); it comes back at 2026-04-30T23:00Z (01:00 CEST, 1 May). The end of April's
# billing period (local midnight) passed while it was off: one monthly row at its first
# poll, late, with "clock adjusted" (AMR status 0x20; CEST adds the DST bit 0x08).
rm -f "$work/ma304h4-nvm.bin"
start 2026-04-30T21:00:00Z
step 600000
reader get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 && grep -q '^array\[0\]' "$work/m.txt" ||
  fail "monthly profile in April: $(cat "$work/m.txt")"
printf 'power fail\n' >&3
wait "$pid" 2>/dev/null || true
exec 3>&-
start 2026-04-30T23:00:00Z
step 60000
reader get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 || fail "monthly: $(cat "$work/m.txt")"
grep -q '^array\[1\]' "$work/m.txt" && grep -q '(2026-04-30T23:00:0' "$work/m.txt" &&
  grep -Eq '^    unsigned (40|168)$' "$work/m.txt" ||
  fail "monthly after a restart in the next month: $(cat "$work/m.txt")"
pass "monthly billing: a meter down over the end of April takes April's row late at its first poll in May"
# The management client resets the monthly profile (HLS 5, ciphered); the meter is cut
# (kill -9) and starts again in June after local midnight: the end of May's billing period
# runs once, late, at June's first poll.
"$dlms" --tcp "$net" --timeout-ms 10000 --client 1 --auth hls5 --system-title 4D4D4D0000000001 \
  --ek 000102030405060708090A0B0C0D0E0F --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF --ic 1000 \
  action 7 0.0.98.1.0.255 1 i8 0 >"$work/a.txt" 2>&1 || fail "monthly reset: $(cat "$work/a.txt")"
reader get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 && grep -q '^array\[0\]' "$work/m.txt" ||
  fail "monthly after the reset: $(cat "$work/m.txt")"
stop_hard
start 2026-06-01T00:30:00Z
step 60000
reader get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 || fail "monthly: $(cat "$work/m.txt")"
grep -q '^array\[1\]' "$work/m.txt" && grep -q '(2026-06-01T00:30:0' "$work/m.txt" ||
  fail "monthly after a reset and a restart in June: $(cat "$work/m.txt")"
pass "monthly billing: reset in May, restarted in June: May's row at the first poll in June"
stop_hard

# ---- An event log fuller than its profile entries (examples/ma304h4/src/dlms.c) -----------
# The fraud detection log 0.0.99.98.1.255 is 2 sectors of 143 records: 143 profile entries,
# up to 286 in the log. 75 terminal cover openings and closings (events 1..150: 40 for the
# odd ones, 41 for the even ones): entries in use 143, the newest: events 8..150.
rm -f "$work/ma304h4-nvm.bin"
start 2026-07-01T00:00:00Z
for k in $(seq 1 75); do
  ask "cover terminal open"
  step 500
  ask "cover terminal closed"
  step 500
done
n=$(reader get 7 0.0.99.98.1.255 7 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
max=$(reader get 7 0.0.99.98.1.255 8 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
[ "${n:-0}" -eq 143 ] && [ "${max:-0}" -eq 143 ] || fail "fraud log: entries ${n:-none}, profile entries ${max:-none}"
want=$(seq 8 150 | awk '{ printf "%d ", ($1 % 2) ? 40 : 41 }')
[ "$(codes 1)" = "$want" ] || fail "fraud log buffer after 150 events: $(codes 1)"
pass "fraud log with 150 events: entries in use 143 = profile entries, the newest (events 8..150)"
stop_hard

# ---- A corrupted or too small NVM ----------------------------------------------------------
# Random bytes, then all zeros: the meter starts, finds no valid record (a new meter's
# registers), records an NVM error (14) in the standard log and sets bit 10 of the error
# register 0.0.97.97.0.255; it then works (events, energy saves).
for image in random zeros; do
  if [ "$image" = random ]; then
    head -c 2097152 /dev/urandom >"$work/ma304h4-nvm.bin"
  else
    head -c 2097152 /dev/zero >"$work/ma304h4-nvm.bin"
  fi
  start 2026-06-01T00:00:00Z
  grep -q 'energy registers restored' "$work/out.txt" && fail "$image image: energy restored"
  grep -q 'damaged records' "$work/out.txt" || fail "$image image: no NVM error line"
  [ "$(codes 0)" = "2 14 " ] || fail "$image image: standard log $(codes 0)"
  err=$(reader get 1 0.0.97.97.0.255 2 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
  [ $((${err:-0} & 1024)) -ne 0 ] || fail "$image image: error register ${err:-none}"
  step 60000
  e=$(a_import)
  [ "${e:-0}" -gt 0 ] || fail "$image image: +A does not count: '$e'"
  stop_hard
  pass "$image NVM image: starts empty, NVM error event 14 and error register bit 10, then works"
done
# ---- The clock after an outage (examples/ma304h4/src/tou.h) -------------------------------
# A super-capacitor that keeps the RTC for an hour (board settings rtc.backup, rtc.backup-s):
# after a 30-minute outage the clock is good; after a 3-hour one it is invalid (event 6, bit 0
# of the error register and of the clock status) until the management client sets it.
cap=(--config rtc.backup=supercap --config rtc.backup-s=3600)
err_reg() { reader get 1 0.0.97.97.0.255 2 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p'; }
clock_status() { reader get 8 0.0.1.0.0.255 4 | sed -n 's/^unsigned \([0-9]*\)$/\1/p'; }
power_cut() { printf 'power fail\n' >&3; wait "$pid" 2>/dev/null || true; exec 3>&-; }
rm -f "$work/ma304h4-nvm.bin"
start 2026-07-01T00:00:00Z "${cap[@]}"
step 60000
power_cut
start 2026-07-01T00:31:00Z "${cap[@]}"
[ $(($(err_reg) & 1)) -eq 0 ] && [ $(($(clock_status) & 1)) -eq 0 ] && [[ " $(codes 0)" != *" 6 "* ]] ||
  fail "after 30 minutes: error register $(err_reg), clock status $(clock_status), log $(codes 0)"
step 60000
power_cut
start 2026-07-01T03:32:00Z "${cap[@]}"
[ $(($(err_reg) & 1)) -eq 1 ] && [ $(($(clock_status) & 1)) -eq 1 ] && [[ " $(codes 0)" == *" 6 "* ]] ||
  fail "after 3 hours: error register $(err_reg), clock status $(clock_status), log $(codes 0)"
"$dlms" --tcp "$net" --timeout-ms 10000 --client 1 --auth hls5 --system-title 4D4D4D0000000001 \
  --ek 000102030405060708090A0B0C0D0E0F --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF --ic 100 \
  set 8 0.0.1.0.0.255 2 datetime 2026-07-01T03:32:00 >"$work/a.txt" 2>&1 ||
  fail "clock set: $(cat "$work/a.txt")"
[ $(($(err_reg) & 1)) -eq 0 ] && [ $(($(clock_status) & 1)) -eq 0 ] ||
  fail "after the clock set: error register $(err_reg), clock status $(clock_status)"
stop_hard
pass "supercap of 1 h: a 30-minute outage keeps the clock; after 3 hours it is invalid (event 6) until set"
# A 512 KiB NVM: too small for the layout; the start says so and the meter still serves.
rm -f "$work/ma304h4-nvm.bin"
: >"$work/out.txt"
(cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --no-wan-pty --optical-tcp off \
  --seed 1 --stepped --nvm-size 512k --start-time 2026-06-01T00:00:00Z) >"$work/out.txt" 2>&1 &
pid=$!
listen_port net net network
net=127.0.0.1:$net
grep -q 'data NVM too small: 512 KiB, the layout needs 1556 KiB' "$work/out.txt" ||
  fail "no size error: $(cat "$work/out.txt")"
[ -n "$(a_import)" ] || fail "a meter with a small NVM does not answer"
pass "512 KiB NVM: 'data NVM too small: 512 KiB, the layout needs 1556 KiB', the meter serves"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
echo "sim_storage: $passed checks passed"
