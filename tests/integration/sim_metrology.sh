#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Metrology of the meter simulator end to end: the grid model feeds the AFE, the
# firmware's libmetrology measures, and the LCD and the pulse LED show the result.
#
# The simulator runs in stepped mode (--stepped): simulated time moves only on
# `clock step`, so every reading below belongs to a known simulated time. A grid of
# 230 V, 10 A, phi 0 on every phase (6.900 kW) is set through the control port; the
# display auto-scrolls every 5 s through its list. Each entry is read with the control
# command `lcd`, which replies with the LCD frame in the format of the simulator's
# `LCD| value | code | icons` lines (those lines are cross-checked at the end).
#
# Checked: 32.7.0/52.7.0/72.7.0 = 230.0 V (+-0.1), 31.7.0/51.7.0/71.7.0 = 10.00 A
# (+-0.01), 1.7.0 = 6.900 kW (+-0.005), 14.7.0 = 50.00 Hz, 13.7.0 = 1.000, no export
# (2.8.0) and almost no reactive energy (3.8.0, 4.8.0); 1.8.0 grows by 6.9 kW x the
# elapsed simulated time within 1 % over a run of about 5 minutes, and the active
# pulse LED count (status: pulses=) matches 1.8.0 x 2000 imp/kWh within 1 pulse plus
# the display resolution and lag.
# Usage: sim_metrology.sh <path to ma304h4-sim>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"

# |a - b| <= tol (decimal numbers).
near() {
  awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t + 1e-9) }'
}
# Floating-point arithmetic: calc EXPRESSION (awk syntax), printed with 6 decimals.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

: > "$work/out.txt"
(cd "$work" && exec "$sim" --tcp-any --seed 1 --stepped --start-time 2026-01-01T00:00:00Z) \
  > "$work/out.txt" 2>&1 &
pid=$!
wait_for '^listening: control tcp 127\.0\.0\.1:[0-9]+' 20 || fail "no control listener line"
port=$(sed -n 's/^listening: control tcp 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out.txt" | head -n 1)
exec 3<>"/dev/tcp/127.0.0.1/$port"
ask() { # a long `clock step` with the AFE on may take minutes on a loaded sanitizer build
  printf '%s\n' "$1" >&3
  IFS= read -r -t 180 reply <&3 || fail "no reply to '$1'"
  reply=${reply%$'\r'}
}

t_ms=0
step() { # ms: advance simulated time
  ask "clock step $1"
  [[ $reply =~ ^ok\ time_ms=([0-9]+) ]] || fail "clock step $1: $reply"
  t_ms=${BASH_REMATCH[1]}
}
trim() { local s=$1; s=${s#"${s%%[! ]*}"}; s=${s%"${s##*[! ]}"}; printf '%s' "$s"; }
lcd_value="" lcd_code="" lcd_icons="" last_code=""
read_lcd() {
  ask "lcd"
  [[ $reply == ok\ * ]] || fail "lcd: $reply"
  local v c i
  IFS='|' read -r v c i <<< "${reply#ok }"
  lcd_value=$(trim "$v")
  lcd_code=$(trim "$c")
  lcd_icons=$(trim "$i")
}
# Step until CODE is on the display (the list takes 16 x 5 s). Each new entry is held
# for a moment of wall time, so the simulator's rate-limited `LCD|` lines show it too.
show() {
  local i
  for ((i = 0; i < 400; i++)); do
    read_lcd
    if [ "$lcd_code" != "$last_code" ]; then
      last_code=$lcd_code
      sleep 0.3
    fi
    [ "$lcd_code" = "$1" ] && return 0
    step 250
  done
  fail "display never showed $1 (last: '$lcd_value | $lcd_code | $lcd_icons')"
}
# check CODE EXPECTED TOLERANCE UNIT_ICON (or -)
check() {
  show "$1"
  [[ $lcd_value =~ ^-?[0-9]+\.[0-9]+$ ]] || fail "$1 shows '$lcd_value'"
  near "$lcd_value" "$2" "$3" || fail "$1 shows $lcd_value, expected $2 +- $3"
  if [ "$4" != "-" ]; then
    [[ " $lcd_icons " == *" $4 "* ]] || fail "$1 without the $4 icon: '$lcd_icons'"
  fi
  pass "$1 = $lcd_value $4 at t=${t_ms} ms (expected $2 +- $3)"
}

imp_per_kwh=2000 # default pulse constant, imp/kWh and imp/kvarh
# Pulses in 270 ms at RATE W (or var): one display refresh (250 ms) plus one mains window.
lag_pulses() {
  awk -v p="$1" -v k=$imp_per_kwh 'BEGIN { x = p * k / 3600000 * 0.27; print int(x) + (x > int(x)) }'
}

# check_pulses WHICH RATE ENERGY_SINCE_START: WHICH 1 = active LED, 2 = reactive LED
# (status `pulses=active,reactive,alarm`); RATE the power (W or var) since the start, or
# 0 when it changed; the register reading just taken (kWh or kvarh, whole Wh shown:
# 2 pulses of resolution at 2000 imp/kWh). The LED count must match the register
# within 1 pulse plus the lag and the display resolution; with a constant RATE, also
# RATE x time within 1 pulse plus one window.
check_pulses() {
  ask "status"
  [[ $reply =~ \ pulses=([0-9]+),([0-9]+),([0-9]+) ]] || fail "status: $reply"
  local p=${BASH_REMATCH[$1]}
  local name=active
  [ "$1" = 1 ] || name=reactive
  local wh lo hi lag
  lag=$(lag_pulses "$2")
  wh=$(awk -v e="$3" 'BEGIN { printf "%d", e * 1000 + 0.5 }')
  lo=$((wh * imp_per_kwh / 1000 - 1 - lag))
  hi=$(((wh + 1) * imp_per_kwh / 1000 + 1 + lag))
  if [ "$p" -lt "$lo" ] || [ "$p" -gt "$hi" ]; then
    fail "$name LED pulses $p at t=${t_ms} ms, register $3: expected $lo..$hi"
  fi
  pass "$name LED pulses $p match the register $3 x $imp_per_kwh imp ($lo..$hi)"
  if [ "$4" != 0 ]; then
    local exp
    exp=$(calc "$4 * $t_ms * $imp_per_kwh / 3600000000")
    near "$p" "$exp" 1.1 ||
      fail "$name LED pulses $p at t=${t_ms} ms, expected $exp +- 1 from $4 W x time"
    pass "$name LED pulses $p = $4 x time x $imp_per_kwh imp ($exp) within 1 pulse"
  fi
}

# 1. Grid: 230 V, 10 A, phi 0 on every phase (voltage angles stay 0/-120/+120).
for ph in 1 2 3; do
  ask "grid phase $ph v 230 i 10 angle 0"
  [[ $reply == ok* ]] || fail "grid phase $ph: $reply"
done
pass "grid set: 3 x 230 V, 10 A, phi 0"

# 2. First pass through the display list (display order).
rate_w=6900 # 3 x 230 V x 10 A, phi 0
check 1.8.0 "$(calc "$rate_w * 15 / 3600000")" 0.002 kWh
e1=$lcd_value
t1=$t_ms
check_pulses 1 $rate_w "$e1" $rate_w
check 2.8.0 0 0 kWh
check 3.8.0 0 0.001 kvarh
check 4.8.0 0 0.001 kvarh
check 1.7.0 6.900 0.005 kW
p_kw=$lcd_value
check 32.7.0 230.0 0.1 V
check 52.7.0 230.0 0.1 V
check 72.7.0 230.0 0.1 V
check 31.7.0 10.00 0.01 A
check 51.7.0 10.00 0.01 A
check 71.7.0 10.00 0.01 A
check 14.7.0 50.00 0.01 Hz
check 13.7.0 1.000 0.001 -
[[ " $lcd_icons " == *" IMP "* ]] || fail "no IMP icon while importing: '$lcd_icons'"
pass "IMP icon while importing"

# 3. About four more minutes, then 1.8.0 again: energy = power x time within 1 %.
step 240000
show 1.8.0
e2=$lcd_value
t2=$t_ms
[[ $e2 =~ ^[0-9]+\.[0-9]{3}$ ]] || fail "1.8.0 shows '$e2'"
de=$(calc "$e2 - $e1")
expect=$(calc "$rate_w * ($t2 - $t1) / 3600000000")
near "$de" "$expect" "$(calc "$expect / 100")" ||
  fail "1.8.0 grew by $de kWh in $((t2 - t1)) ms, expected $expect kWh +- 1 %"
pass "1.8.0 grew by $de kWh in $((t2 - t1)) ms of simulated time (6.9 kW: $expect kWh +- 1 %)"
from_p=$(calc "$p_kw * ($t2 - $t1) / 3600000")
near "$de" "$from_p" "$(calc "$from_p / 100")" ||
  fail "1.8.0 grew by $de kWh, the displayed power $p_kw kW gives $from_p kWh"
pass "1.8.0 growth agrees with 1.7.0 = $p_kw kW x time within 1 %"
check_pulses 1 $rate_w "$e2" $rate_w
[[ $reply =~ \ pulses=[0-9]+,0, ]] || fail "reactive LED pulsed at phi 0: $reply"
pass "reactive LED quiet at phi 0"

# The simulator's own LCD lines (printed so far, all at phi 0) agree.
cp "$work/out.txt" "$work/out-phi0.txt"
for spec in "32.7.0 230.0 0.1" "31.7.0 10.00 0.01" "1.7.0 6.900 0.005" "14.7.0 50.00 0.01"; do
  read -r code value tol <<< "$spec"
  lines=$(grep -E "^LCD\| *[^|]* \| ${code//./\\.} \|" "$work/out-phi0.txt" || true)
  [ -n "$lines" ] || fail "no 'LCD| ... | $code | ...' line on stdout"
  while IFS='|' read -r _ v _; do
    v=$(trim "$v")
    near "$v" "$value" "$tol" || fail "stdout shows $code = '$v', expected $value +- $tol"
  done <<< "$lines"
done
pass "stdout LCD lines show 32.7.0, 31.7.0, 1.7.0 and 14.7.0 with the same values"

# 4. Inductive load, phi 60: half the active power, +R (Q1) grows, reactive LED pulses.
for ph in 1 2 3; do
  ask "grid phase $ph angle 60"
  [[ $reply == ok* ]] || fail "grid phase $ph angle 60: $reply"
done
pass "grid set: phi 60 (inductive)"
q_var=$(calc "6900 * sqrt(3) / 2")
show 3.8.0
r1=$lcd_value
t1=$t_ms
[[ $r1 =~ ^[0-9]+\.[0-9]{3}$ ]] || fail "3.8.0 shows '$r1'"
check 1.7.0 3.450 0.005 kW
check 13.7.0 0.500 0.001 -
step 60000
show 3.8.0
r2=$lcd_value
t2=$t_ms
dr=$(calc "$r2 - $r1")
expect=$(calc "$q_var * ($t2 - $t1) / 3600000000")
near "$dr" "$expect" "$(calc "$expect / 100")" ||
  fail "3.8.0 grew by $dr kvarh in $((t2 - t1)) ms, expected $expect kvarh +- 1 %"
pass "3.8.0 grew by $dr kvarh in $((t2 - t1)) ms ($q_var var: $expect kvarh +- 1 %)"
check_pulses 2 "$q_var" "$r2" 0
check 4.8.0 0 0 kvarh

# 5. Stop.
ask "quit"
exec 3>&-
wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" -eq 0 ] || fail "exit status $rc after quit"

echo "sim metrology: $passed passed, 0 failed"
