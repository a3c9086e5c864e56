#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Time of use of the meter simulator (examples/ma304h4/src/tou.h), driven over DLMS with
# msdk-dlms on the wrapper (TCP) port and the simulated clock stepped on the control port.
# Every expectation comes from first principles: local times from the EU rule as a POSIX TZ
# string (glibc's `date`, not the meter), tariffs from the calendar written here, energies
# from the grid set here (3 x 230 V x 10 A, phi 0 = 6.9 kW) or from the total register.
#
# 1. Clock 0.0.1.0.0.255 on the day DST begins (2026-03-29, 00:30 UTC): zone -60, the EU rule
#    as wildcard date-times (last Sunday of March / October, 01:00 UTC), DST deviation 60,
#    enabled; 01:30 at deviation -60, then an hour later 03:30 at -120 with status 0x80; the
#    LCD (control port `lcd`) shows the local time and date, the DST icon once in DST.
# 2. Tariffs: a passive calendar (day 1: T1 00:00, T2 07:00, T1 22:00; day 2: T2 all day;
#    Mon-Fri day 1, Sat-Sun day 2; one season from FFFF-01-01) written by the management
#    client, activated (events 19 then 9). Windows of 10 minutes, one clock step each, around
#    the switch points of a weekday (Friday 2026-04-10), of the day after (Saturday) and of
#    the week's wrap (Sunday to Monday), joined by clock SETs: each window's +A tariff
#    increments split the total increment as the minutes in each tariff do and add up to it
#    exactly; register activation 0.0.14.0.1.255 names the tariff in force.
#    SIM_TOU_FULL_DAYS=1 runs the two whole local days instead (48 steps of an hour, then the
#    week's wrap): about 48 h of AFE samples, 10 to 20 minutes of a sanitizer build.
# 3. Billing (0.0.15.0.0.255: local midnight starting day 1 of each month): one monthly row
#    0.0.98.1.0.255 and billing counter 0.0.0.1.0.255 + 1 at the month's end; the clock set
#    back over it and stepped forward again: no second row; the clock set forward over the
#    next month's end: one row, late (AMR status 0x20); a power failure across the following
#    month's end (`power fail`, restarted after it on the same NVM): one row, late.
# 4. Maximum demand (15 min block demand): 2 kW, then 6.9 kW from 08:22 UTC: the window
#    08:15-08:30 averages (7 x 2 kW + 8 x 6.9 kW) / 15, the window 08:30-08:45 6.9 kW;
#    1.0.1.6.0.255 holds 6.9 kW (+-1 %) captured at the end of that window.
# 5. Bad input, each refused with its data-access-result / action-result and changing
#    nothing: time_zone 800, DST deviation 121, a day profile with unsorted switch points,
#    a switch point at hour 24, a season starting in month 13, a special day on day 32 (SET
#    and insert); a week naming a missing day id is written, its activation other-reason.
# 6. RTC trim: a crystal 20 ppm fast (--rtc-ppm 20); synchronisations (SET of the true time,
#    within 60 s of the clock) a day apart teach the meter its drift: a day later the clock
#    is within 0.5 s of the true time (1.728 s ahead without the trim).
# 7. Power cuts (kill -9, the simulator restarted on its NVM) with a load, the calendar of 2
#    and energy saved every 100 Wh (--config energy.quantum-wh=100): after the tariff changed
#    (T2 to T1 at 22:00 CEST), right after the scheduled billing, minutes after it, right after
#    a billing run by the client (script 1 of 0.0.10.0.1.255). After each restart +A T1..T8 add
#    up to +A exactly and none is above its value before the cut (the meter comes back at a
#    save, never ahead of the energy); none below its value at the last billing (saved then);
#    the billing counter and the monthly rows as before the cut.
#    The monthly row (0.0.98.1.0.255): capture objects clock, AMR status, +A, -A, +R, -R, +A
#    T1..T4, -A T1..T4, +A and -A maximum demand of the closed period (1.0.x.6.0.101, value and
#    time). Its energy cells are the registers read just before the billing (the load off),
#    its +A maximum 6.9 kW (+-1 %) at the end of the first full window (20:00 UTC), the value
#    and the instant 1.0.1.6.0.101 reads after it (the row's date-times are written in UTC);
#    -A 0 (no export). The row of the client's billing: the registers then.
# 8. A pending activation: calendar A active; a complete passive calendar B (tariffs 3 and 4)
#    with an activation time, then a day table that drops day 2, which the weeks use (written:
#    the tables come one by one). Past the activation time, with and without a kill -9 and a
#    restart in between: no event 9, the active calendar still A (T2 in force, not T3). A
#    complete B with its time is activated (event 9, T3): the steps did pass the time.
# 9. The billing schedule changed on the 16th to day 15 of each month: no billing for the
#    15th just gone (the new times count from the change), with and without a kill -9 and a
#    restart; the clock set over the 1st of May (the old day: none), then midnight of May 15
#    (CEST): one row, counter 1.
# Usage: sim_tou.sh <path to ma304h4-sim> <path to msdk-dlms>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
dlms=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
nvm="$work/ma304h4-nvm.bin"

# ---- Helpers -----------------------------------------------------------------------------
# shellcheck source=tests/integration/sim_dlms_lib.sh
source "$(dirname "$0")/sim_dlms_lib.sh"
value() { # value CLASS OBIS: attribute 2 as its number (registers, data); empty on an error
  rdq get "$1" "$2" 2 | sed -n 's/^[a-z0-9-]* \([0-9]*\)$/\1/p'
}
codes() { # the standard event log's codes, oldest first
  rdq get 7 0.0.99.98.0.255 2 | sed -n 's/^    unsigned \([0-9]*\)$/\1/p' | tr '\n' ' '
}
# dt_parse TEXT: the first 12-byte octet-string of the tool's output TEXT as date-time fields
# dt_y dt_mo dt_d dt_w dt_h dt_mi dt_s dt_cs (hundredths), dt_dev (32768: not specified) and
# dt_st (status).
dt_parse() {
  local hex
  hex=$(sed -n 's/^ *octet-string\[12\] \(\([0-9A-F][0-9A-F] \)\{11\}[0-9A-F][0-9A-F]\).*/\1/p' <<<"$1" | head -n 1)
  [ -n "$hex" ] || return 1
  local -a b
  read -r -a b <<<"$hex"
  dt_y=$((16#${b[0]}${b[1]})) dt_mo=$((16#${b[2]})) dt_d=$((16#${b[3]})) dt_w=$((16#${b[4]}))
  dt_h=$((16#${b[5]})) dt_mi=$((16#${b[6]})) dt_s=$((16#${b[7]})) dt_cs=$((16#${b[8]}))
  dt_dev=$((16#${b[9]}${b[10]})) dt_st=$((16#${b[11]}))
  if [ "$dt_dev" -gt 32768 ]; then dt_dev=$((dt_dev - 65536)); fi
}
dt_text() { printf '%04d-%02d-%02d %d %02d:%02d:%02d.%02d dev %d status 0x%02X' "$dt_y" "$dt_mo" \
  "$dt_d" "$dt_w" "$dt_h" "$dt_mi" "$dt_s" "$dt_cs" "$dt_dev" "$dt_st"; }
# dt_cs_utc: the parsed date-time as UTC hundredths of a second since 1970 (DLMS deviation:
# UTC = local + deviation).
dt_cs_utc() {
  local s
  s=$(date -u -d "$(printf '%04d-%02d-%02d %02d:%02d:%02d' "$dt_y" "$dt_mo" "$dt_d" "$dt_h" \
    "$dt_mi" "$dt_s")" +%s)
  echo $(((s + dt_dev * 60) * 100 + dt_cs))
}
# local_of EPOCH: the local time of the EU zone (CET, CEST from the last Sunday of March 01:00
# UTC to the last Sunday of October 01:00 UTC) as l_date l_w (1 Monday .. 7 Sunday) l_time,
# l_dev (DLMS deviation: -60 CET, -120 CEST) and l_dst (0 / 1).
tz_eu='CET-1CEST,M3.5.0,M10.5.0/3'
local_of() {
  local z
  read -r l_date l_w l_time z < <(TZ=$tz_eu date -d "@$1" '+%Y-%m-%d %u %H:%M:%S %z')
  l_dev=$((-(10#${z:1:2} * 60 + 10#${z:3:2}) * ${z:0:1}1))
  l_dst=$((l_dev != -60))
}
epoch() { date -u -d "$1" +%s; }

# ---- 1. The clock on the day DST begins ----------------------------------------------------
start_sim 2026-03-29T00:30:00Z --afe-off
t0=$(epoch 2026-03-29T00:30:00Z)
clk() { rdq get 8 0.0.1.0.0.255 "$1"; }
[ "$(clk 3)" = "long -60" ] && [ "$(clk 7)" = "integer 60" ] && [ "$(clk 8)" = "boolean true" ] ||
  fail "zone: time_zone '$(clk 3)', DST deviation '$(clk 7)', DST enabled '$(clk 8)'"
pass "clock: time_zone -60 (CET, DLMS sign), DST deviation 60, DST enabled"
# rule_ok TEXT MONTH BEGIN(1)/END(0): the last Sunday of MONTH, every year, at 01:00 UTC (a
# rule time without a deviation is in standard time for the begin, in DST for the end).
rule_ok() {
  dt_parse "$1" || return 1
  local utc_h=$((dt_h + dt_dev / 60))
  if [ "$dt_dev" = 32768 ]; then utc_h=$((dt_h - 1 - (1 - $3))); fi
  [ "$dt_y" = 65535 ] && [ "$dt_mo" = "$2" ] && [ "$dt_d" = 254 ] && [ "$dt_w" = 7 ] &&
    [ "$utc_h" = 1 ] && [ "$dt_mi" = 0 ] && [ "$dt_s" = 0 ]
}
rule_ok "$(clk 5)" 3 1 || fail "daylight_savings_begin: $(clk 5)"
rule_ok "$(clk 6)" 10 0 || fail "daylight_savings_end: $(clk 6)"
pass "clock: DST begin / end = last Sunday (day FE, weekday 7) of March / October, 01:00 UTC"
# check_clock EPOCH WHAT: attribute 2 is the local time of EPOCH (date, weekday, time,
# hundredths 0, deviation) with status 0x80 exactly when DST is in force; attribute 4 too.
check_clock() {
  local text
  text=$(clk 2)
  dt_parse "$text" || fail "$2: clock $text"
  local_of "$1"
  [ "$(printf '%04d-%02d-%02d %d %02d:%02d:%02d %d' "$dt_y" "$dt_mo" "$dt_d" "$dt_w" "$dt_h" \
    "$dt_mi" "$dt_s" "$dt_cs")" = "$l_date $l_w $l_time 0" ] && [ "$dt_dev" = "$l_dev" ] &&
    [ "$dt_st" = $((l_dst * 128)) ] ||
    fail "$2: clock $(dt_text), expected $l_date $l_w $l_time dev $l_dev DST $l_dst ($text)"
  [ "$(clk 4)" = "unsigned $((l_dst * 128))" ] || fail "$2: status $(clk 4)"
}
trim() { local s=$1; s=${s#"${s%%[! ]*}"}; s=${s%"${s##*[! ]}"}; printf '%s' "$s"; }
lcd_value="" lcd_code="" lcd_icons=""
read_lcd() {
  ask lcd
  local v c i
  IFS='|' read -r v c i <<<"${reply#ok }"
  lcd_value=$(trim "$v") lcd_code=$(trim "$c") lcd_icons=" $(trim "$i") "
}
check_clock "$t0" "00:30 UTC"
read_lcd
local_of "$t0"
[ "$lcd_code" = 0.9.1 ] && [ "$lcd_value" = "$l_time" ] && [[ $lcd_icons != *" DST "* ]] ||
  fail "LCD at the start: '$reply', expected $l_time on 0.9.1 without DST"
pass "clock 00:30 UTC: 2026-03-29 (Sunday) 01:30:00, deviation -60, status 0; LCD 0.9.1 $lcd_value, no DST icon"
step 3600000
check_clock $((t0 + 3600)) "01:30 UTC"
pass "clock 01:30 UTC: 03:30:00, deviation -120, status 0x80 (DST)"
# The display scrolls its list (5 s an entry): step until the time, then the date, shows.
show() { # CODE: steps 2.5 s at a time until the LCD shows CODE
  local i
  for ((i = 0; i < 80; i++)); do
    read_lcd
    [ "$lcd_code" = "$1" ] && return 0
    step 2500
  done
  fail "the LCD never showed $1 (last '$reply')"
}
lcd_time_ok() { # CODE FORMAT: the LCD shows the local time of the simulated UTC in FORMAT
  ask status
  [[ $reply =~ \ utc=([0-9T:-]+)\.[0-9]+Z ]] || fail "status: $reply"
  local want
  want=$(TZ=$tz_eu date -d "@$(epoch "${BASH_REMATCH[1]}Z")" "+$2")
  [ "$lcd_value" = "$want" ] && [[ $lcd_icons == *" DST "* ]] ||
    fail "LCD $1 at ${BASH_REMATCH[1]}Z: '$lcd_value |$lcd_icons', expected $want with DST"
}
show 0.9.1
lcd_time_ok 0.9.1 %H:%M:%S
t_shown=$lcd_value
show 0.9.2
lcd_time_ok 0.9.2 %y.%m.%d
pass "LCD in DST: time $t_shown (0.9.1), date $lcd_value (0.9.2), DST icon"
stop_sim

# ---- 2. Tariffs from the activity calendar -----------------------------------------------
# A-XDR of the passive calendar (0.0.13.0.0.255): day_profile_action {start_time (4 octets),
# script 0.0.10.0.100.255, selector = tariff}.
act() { printf '02030904%02x%02x0000090600000a0064ff12%04x' "$1" "$2" "$3"; } # HOUR MINUTE TARIFF
name() { # octet-string of a text
  local h="" i
  for ((i = 0; i < ${#1}; i++)); do h+=$(printf '%02x' "'${1:i:1}"); done
  printf '09%02x%s' ${#1} "$h"
}
days="0102020211010103$(act 0 0 1)$(act 7 0 2)$(act 22 0 1)020211020101$(act 0 0 2)"
week() { printf '01010208%s11%02x11%02x11%02x11%02x11%02x11%02x11%02x' "$(name WEEK)" "$@"; }
weeks=$(week 1 1 1 1 1 2 2)
seasons="01010203$(name S1)090cffff0101ff000000008000ff$(name WEEK)"
rm -f "$nvm"
if [ "${SIM_TOU_FULL_DAYS:-0}" = 1 ]; then
  start_sim 2026-04-09T22:00:00Z # Friday 2026-04-10 00:00 CEST
else
  start_sim 2026-04-10T04:55:00Z # Friday 2026-04-10 06:55 CEST
fi
grid 10
mset "SET day profiles" set 20 0.0.13.0.0.255 9 data-hex "$days"
mset "SET week profiles" set 20 0.0.13.0.0.255 8 data-hex "$weeks"
mset "SET seasons" set 20 0.0.13.0.0.255 7 data-hex "$seasons"
ev=$(codes)
[[ " $ev" == *" 19 "* ]] && [[ " $ev" != *" 9 "* ]] || fail "events after the passive calendar: $ev"
for a in 7 8 9; do rdq get 20 0.0.13.0.0.255 "$a" >"$work/passive$a.txt"; done
mset "activate_passive_calendar" action 20 0.0.13.0.0.255 1 i8 0
ev=$(codes)
[[ $ev == *" 9 " ]] || fail "events after the activation: $ev"
for a in 3 4 5; do
  rdq get 20 0.0.13.0.0.255 "$a" >"$work/active$a.txt"
  cmp -s "$work/active$a.txt" "$work/passive$((a + 4)).txt" ||
    fail "active attribute $a: $(cat "$work/active$a.txt"), passive: $(cat "$work/passive$((a + 4)).txt")"
done
pass "calendar written as the management client (event 19), activated (event 9): active = written"
# span WHAT "T:SECONDS ..." T_END: one clock step over the given tariff periods (in order);
# the +A increments of T1 and T2 add up to the total's exactly, each is the total's share of
# its seconds within a second of energy, the total is 6.9 kW x the time within 1 %, and
# register activation then names T_END.
regs() { e0=$(value 3 1.0.1.8.0.255) e1=$(value 3 1.0.1.8.1.255) e2=$(value 3 1.0.1.8.2.255); }
regs
[ "$e0" = 0 ] && [ "$e1" = 0 ] && [ "$e2" = 0 ] || fail "a new meter: +A $e0, T1 $e1, T2 $e2"
sum_s1=0 sum_s2=0 sum_d0=0 sum_d1=0 sum_d2=0 spans=0
span() {
  local s1=0 s2=0 p
  for p in $2; do
    if [ "${p%%:*}" = 1 ]; then s1=$((s1 + ${p#*:})); else s2=$((s2 + ${p#*:})); fi
  done
  local s=$((s1 + s2)) b0=$e0 b1=$e1 b2=$e2
  step $((s * 1000))
  regs
  local d0=$((e0 - b0)) d1=$((e1 - b1)) d2=$((e2 - b2))
  [ $((d1 + d2)) = "$d0" ] || fail "$1: T1 +$d1 + T2 +$d2 != total +$d0 mWh"
  local tol=$((d0 / s + 1)) x1=$((d0 * s1 / s)) # a second of energy; T1's share
  [ $((d1 - x1)) -le "$tol" ] && [ $((x1 - d1)) -le "$tol" ] ||
    fail "$1: T1 +$d1, T2 +$d2 mWh of +$d0: expected T1 $x1 +- $tol ($s1 of $s s)"
  local want=$((6900 * s * 10 / 36)) # mWh
  [ $((d0 - want)) -le $((want / 100)) ] && [ $((want - d0)) -le $((want / 100)) ] ||
    fail "$1: +A +$d0 mWh in $s s, expected $want +- 1 %"
  rdq get 6 0.0.14.0.1.255 4 >"$work/am.txt"
  grep -q "^octet-string\[2\] .* \"T$3\"$" "$work/am.txt" || fail "$1: active mask $(cat "$work/am.txt"), not T$3"
  sum_s1=$((sum_s1 + s1)) sum_s2=$((sum_s2 + s2)) spans=$((spans + 1))
  sum_d0=$((sum_d0 + d0)) sum_d1=$((sum_d1 + d1)) sum_d2=$((sum_d2 + d2))
  echo "     $1: T1 +$d1, T2 +$d2 = +$d0 mWh ($s1 s / $s2 s), then T$3"
}
set_clock() { mset "SET the clock to $1" set 8 0.0.1.0.0.255 2 datetime "$1"; } # UTC
if [ "${SIM_TOU_FULL_DAYS:-0}" = 1 ]; then
  # Friday (day 1) and Saturday (day 2), an hour a step: the tariff of hour h.
  tariff_at() { # HOUR of the 48 (0 = Friday 00:00)
    local h=$(($1 % 24))
    if [ "$1" -lt 24 ] && { [ "$h" -lt 7 ] || [ "$h" -ge 22 ]; }; then echo 1; else echo 2; fi
  }
  for ((h = 0; h < 48; h++)); do
    span "$([ $h -lt 24 ] && echo Fri || echo Sat) $(printf '%02d' $((h % 24))):00+1h" \
      "$(tariff_at $h):3600" "$([ $h -lt 47 ] && tariff_at $((h + 1)) || echo 2)"
  done
else
  span "Fri 06:55-07:05" "1:300 2:300" 2
  set_clock 2026-04-10T19:55:00
  span "Fri 21:55-22:05" "2:300 1:300" 1
  set_clock 2026-04-10T21:55:00
  span "Fri 23:55-Sat 00:05" "1:300 2:300" 2
  set_clock 2026-04-11T04:55:00
  span "Sat 06:55-07:05" "2:600" 2
  set_clock 2026-04-11T19:55:00
  span "Sat 21:55-22:05" "2:600" 2
fi
set_clock 2026-04-12T21:55:00
span "Sun 23:55-Mon 00:05" "2:300 1:300" 1
# The whole: the hours in each tariff x the measured power.
x1=$((sum_d0 * sum_s1 / (sum_s1 + sum_s2)))
tol=$((spans * (sum_d0 / (sum_s1 + sum_s2) + 1))) # a second of energy a step
[ $((sum_d1 - x1)) -le "$tol" ] && [ $((x1 - sum_d1)) -le "$tol" ] && [ $((sum_d1 + sum_d2)) = "$sum_d0" ] ||
  fail "in all: T1 +$sum_d1, T2 +$sum_d2 of +$sum_d0 mWh, expected T1 $x1 ($sum_s1 s of $((sum_s1 + sum_s2)) s)"
for t in 3 4 5 6 7 8; do
  [ "$(value 3 1.0.1.8.$t.255)" = 0 ] || fail "+A T$t = $(value 3 1.0.1.8.$t.255)"
done
pass "tariffs: T1 $sum_s1 s +$sum_d1 mWh, T2 $sum_s2 s +$sum_d2 mWh = total +$sum_d0 mWh; T3..T8 0"

# ---- 5. Bad input (this meter, its calendar active) ----------------------------------------
snap() { # the state a refusal must not change: zone, calendars, special days, events
  {
    for a in 3 5 6 7 8; do rdq get 8 0.0.1.0.0.255 "$a"; done
    for a in 2 3 4 5 6 7 8 9 10; do rdq get 20 0.0.13.0.0.255 "$a"; done
    rdq get 11 0.0.11.0.0.255 2
    rdq get 6 0.0.14.0.1.255 4
    for a in 2 3 4; do rdq get 22 0.0.15.0.0.255 "$a" && rdq get 22 0.1.15.0.0.255 "$a"; done
    codes
  } >"$work/$1"
}
refused_kept() { # as refused, and nothing changed (snap before.txt first)
  refused "$@"
  unchanged "$1"
}
unchanged() { # WHAT
  snap after.txt
  cmp -s "$work/before.txt" "$work/after.txt" ||
    fail "$1 changed: $(diff "$work/before.txt" "$work/after.txt" || true)"
}
snap before.txt
[ "$(rdq get 11 0.0.11.0.0.255 2)" = "array[0]" ] || fail "special days: $(rdq get 11 0.0.11.0.0.255 2)"
refused_kept "time_zone 800" type-unmatched set 8 0.0.1.0.0.255 3 i16 800
refused_kept "DST deviation 121" type-unmatched set 8 0.0.1.0.0.255 7 i8 121
refused_kept "a day of unsorted switch points" type-unmatched set 20 0.0.13.0.0.255 9 data-hex \
  "0101020211010102$(act 7 0 2)$(act 0 0 1)"
refused_kept "a switch point at 24:00" type-unmatched set 20 0.0.13.0.0.255 9 data-hex \
  "0102020211010102$(act 0 0 1)$(act 24 0 2)020211020101$(act 0 0 2)"
refused_kept "a season from month 13" type-unmatched set 20 0.0.13.0.0.255 7 data-hex \
  "01010203$(name S1)090cffff0d01ff000000008000ff$(name WEEK)"
refused_kept "a special day on day 32" type-unmatched set 11 0.0.11.0.0.255 2 data-hex \
  "010102031200010905ffff0520ff1102"
refused_kept "an insert of a special day on day 32" type-unmatched action 11 0.0.11.0.0.255 1 data-hex \
  "02031200010905ffff0520ff1102"
pass "refused as type-unmatched, nothing changed: time_zone 800, DST deviation 121, unsorted switch points, 24:00, month 13, day 32 (SET, insert)"
# A billing schedule at a time with wildcards (every second of every day) would bill at every
# match: refused, for both schedules.
refused_kept "the daily billing at FF:FF:FF" other-reason set 22 0.1.15.0.0.255 4 data-hex \
  "010102020904ffffff000905ffffffffff"
refused_kept "the end of billing at 00:FF:00 on day 1" other-reason set 22 0.0.15.0.0.255 4 data-hex \
  "01010202090400ff00000905ffffff01ff"
pass "billing schedules with a wildcard in the time refused as other-reason, nothing changed"
# A week naming day 3, which the day table lacks: written (the references are checked at
# the activation), its activation other-reason; the active calendar and the tariff stay.
mset "SET of a week naming day 3" set 20 0.0.13.0.0.255 8 data-hex "$(week 1 1 1 1 1 3 2)"
rdq get 20 0.0.13.0.0.255 8 | grep -q '^    unsigned 3$' || fail "passive week: $(rdq get 20 0.0.13.0.0.255 8)"
snap before.txt
refused "the activation of a week naming day 3" other-reason action 20 0.0.13.0.0.255 1 i8 0
unchanged "the refused activation"
[[ $(codes) != *" 9 9 " ]] || fail "a second event 9: $(codes)"
pass "a week naming a missing day id: written, its activation other-reason, the active calendar kept"
stop_sim

# ---- 3. The end of billing period ------------------------------------------------------------
# rows: the monthly billing profile's rows, "capture time/AMR status" each (the first
# date-time of a row is its capture time; the maximum demand times come later)
rows() {
  rd get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 || fail "monthly profile: $(cat "$work/m.txt")"
  awk '/^  structure/ { if (r != "") print r; r = "" }
       /^    octet-string\[12\]/ && r == "" { t = $NF; gsub(/[()]/, "", t); r = t }
       /^    unsigned/ && r != "" && r !~ /\// { r = r "/" $2 }
       END { if (r != "") print r }' "$work/m.txt" | tr '\n' ' '
}
rm -f "$nvm"
start_sim 2026-04-30T21:50:00Z --afe-off # 2026-04-30 23:50 CEST
[ "$(rows)" = "" ] && [ "$(value 1 0.0.0.1.0.255)" = 0 ] || fail "a new meter: rows '$(rows)', counter $(value 1 0.0.0.1.0.255)"
step 1200000
r1=$(rows)
[[ $r1 =~ ^2026-04-30T22:00:00Z/[0-9]+\ $ ]] && [ "$(value 1 0.0.0.1.0.255)" = 1 ] ||
  fail "local midnight 2026-05-01 (22:00 UTC): rows '$r1', counter $(value 1 0.0.0.1.0.255)"
dt_parse "$(rdq get 1 0.0.0.1.2.255 2)" || fail "billing time: $(rdq get 1 0.0.0.1.2.255 2)"
[ "$(dt_cs_utc)" = $(($(epoch 2026-04-30T22:00:00Z) * 100)) ] && [ "$dt_dev" = -120 ] ||
  fail "billing time $(dt_text)"
pass "billing at local midnight on 2026-05-01: one monthly row (22:00 UTC), counter 1, billing time 00:00 CEST"
set_clock 2026-04-30T21:50:00
step 1200000
[ "$(rows)" = "$r1" ] && [ "$(value 1 0.0.0.1.0.255)" = 1 ] ||
  fail "the month's end again: rows '$(rows)', counter $(value 1 0.0.0.1.0.255)"
pass "the clock set back over the month's end and stepped over it again: no second row, counter 1"
set_clock 2026-05-15T10:00:00
step 60000
set_clock 2026-06-03T10:00:00 # over 2026-06-01 00:00 CEST
step 60000
r2=$(rows)
[[ $r2 =~ ^"$r1"2026-06-03T10:00:00Z/([0-9]+)\ $ ]] && [ $((BASH_REMATCH[1] & 32)) = 32 ] &&
  [ "$(value 1 0.0.0.1.0.255)" = 2 ] ||
  fail "the clock set from 05-15 to 06-03: rows '$r2', counter $(value 1 0.0.0.1.0.255)"
pass "the clock set over the end of May: one row at the set (status ${BASH_REMATCH[1]}: clock adjusted), counter 2"
printf 'power fail\n' >&3
wait "$pid" 2>/dev/null || true
exec 3>&-
start_sim 2026-07-02T10:00:00Z --afe-off # the meter was off over 2026-07-01 00:00 CEST
step 60000
r3=$(rows)
[[ $r3 =~ ^"$r2"2026-07-02T10:00:00Z/([0-9]+)\ $ ]] && [ $((BASH_REMATCH[1] & 32)) = 32 ] &&
  [ "$(value 1 0.0.0.1.0.255)" = 3 ] ||
  fail "a power failure over the end of June: rows '$r3', counter $(value 1 0.0.0.1.0.255)"
pass "a power failure over the end of June: one row at the start (status ${BASH_REMATCH[1]}: clock adjusted), counter 3"
stop_sim

# ---- 4. Maximum demand ---------------------------------------------------------------------
rm -f "$nvm"
start_sim 2026-05-12T08:14:00Z
grid 2.9 # 3 x 230 V x 2.9 A = 2001 W
step 480000
grid 10 # 6900 W from 08:22
step 480000
near1() { [ $(($1 - $2)) -le $(($2 / 100)) ] && [ $(($2 - $1)) -le $(($2 / 100)) ]; }
last=$(rdq get 5 1.0.1.4.0.255 3 | sed -n 's/^double-long-unsigned //p')
near1 "${last:-0}" $(((7 * 2001 + 8 * 6900) * 1000 / 15)) ||
  fail "demand of 08:15-08:30: ${last:-none} mW, expected (7 x 2001 + 8 x 6900) / 15 W"
step 900000
max=$(value 4 1.0.1.6.0.255)
near1 "${max:-0}" 6900000 || fail "maximum demand ${max:-none} mW, expected 6900 W +- 1 %"
dt_parse "$(rdq get 4 1.0.1.6.0.255 5)" || fail "capture time: $(rdq get 4 1.0.1.6.0.255 5)"
[ "$(dt_cs_utc)" = $(($(epoch 2026-05-12T08:45:00Z) * 100)) ] && [ "$dt_dev" = -120 ] ||
  fail "maximum demand captured $(dt_text), expected 10:45:00 CEST"
pass "demand: 08:15-08:30 $last mW, maximum $max mW captured 10:45:00 CEST (end of 08:30-08:45 UTC)"
stop_sim

# ---- 6. RTC trim ---------------------------------------------------------------------------
rm -f "$nvm"
start_sim 2026-05-04T08:00:00Z --afe-off --rtc-ppm 20
t_true=$(epoch 2026-05-04T08:00:00Z)
off_cs() { # the clock minus the true time, hundredths of a second
  dt_parse "$(clk 2)" || fail "clock: $(clk 2)"
  echo $(($(dt_cs_utc) - t_true * 100))
}
sync_clock() { set_clock "$(date -u -d "@$t_true" +%Y-%m-%dT%H:%M:%S)"; }
sync_clock
step 86400000
t_true=$((t_true + 86400))
off1=$(off_cs)
[ "$off1" -ge 170 ] && [ "$off1" -le 176 ] || fail "20 ppm over a day: the clock is $off1 cs ahead, not 173"
sync_clock
step 86400000
t_true=$((t_true + 86400))
off2=$(off_cs)
[ "$off2" -ge -50 ] && [ "$off2" -le 50 ] || fail "after the trim the clock is $off2 cs off the true time"
pass "RTC trim: 20 ppm fast, $off1 cs ahead after a day; synchronised, a day later $off2 cs off"
stop_sim

# ---- 7. Power cuts around tariff changes and billing resets; the monthly row -----------------
# regs_read: +A (1.0.1.8.0.255) as r_tot and its tariff registers 1.0.1.8.1..8.255 as
# r_t[1..8], all from one read-all (one association: the same moment).
regs_read() {
  rd read-all >"$work/all.txt" 2>&1 || fail "read-all: $(tail -n 3 "$work/all.txt")"
  local -a v
  read -r -a v < <(awk '$1 == 3 && $3 == "2:" && $2 ~ /^1\.0\.1\.8\.[0-8]\.255$/ {
      split($2, o, "."); x[o[5]] = $NF }
    END { for (i = 0; i <= 8; i++) printf "%s ", (i in x) ? x[i] : "-"; print "" }' "$work/all.txt")
  local k
  for k in 0 1 2 3 4 5 6 7 8; do
    [[ ${v[k]} =~ ^[0-9]+$ ]] || fail "read-all: +A register 1.0.1.8.$k.255 '${v[k]}'"
  done
  r_tot=${v[0]}
  r_t=("" "${v[@]:1}")
}
# cut START_TIME: the registers now (b_tot, b_t), a kill -9 (no power-fail warning: the
# meter has only what it saved), the simulator restarted on its NVM at START_TIME (the
# simulated time of the cut), the registers read again (r_tot, r_t).
q100=(--config energy.quantum-wh=100)
cut() {
  regs_read
  b_tot=$r_tot b_t=("${r_t[@]}")
  stop_sim
  start_sim "$1" "${q100[@]}"
  regs_read
}
# cut_ok WHAT [FLOOR_T1 FLOOR_T2]: T1..T8 add up to +A exactly, none above its value before
# the cut, +A not above its value before; T1 / T2 not below FLOOR (their values at the last
# billing, which saved them).
cut_ok() {
  local k sum=0 f=("" "${2:-0}" "${3:-0}" 0 0 0 0 0 0)
  for k in 1 2 3 4 5 6 7 8; do
    sum=$((sum + r_t[k]))
    [ "${r_t[k]}" -le "${b_t[k]}" ] && [ "${r_t[k]}" -ge "${f[k]}" ] ||
      fail "$1: T$k ${r_t[k]} mWh after the restart, ${b_t[k]} before the cut, ${f[k]} at the billing"
  done
  [ "$sum" = "$r_tot" ] && [ "$r_tot" -le "$b_tot" ] ||
    fail "$1: T1..T8 $sum mWh, +A $r_tot after the restart ($b_tot before the cut)"
}
counter() { value 1 0.0.0.1.0.255; }
# row_cells: the cells of the monthly profile's newest row, "TYPE VALUE" each, as cell[0..]
row_cells() {
  rd get 7 0.0.98.1.0.255 2 >"$work/m.txt" 2>&1 || fail "monthly profile: $(cat "$work/m.txt")"
  mapfile -t cell < <(awk '/^  structure/ { n = 0; next } /^    [^ ]/ { c[++n] = substr($0, 5) }
    END { for (i = 1; i <= n; i++) print c[i] }' "$work/m.txt")
  [ "${#cell[@]}" = 18 ] || fail "monthly row of ${#cell[@]} cells: $(cat "$work/m.txt")"
}
dt_at() { # TEXT: the date-time in TEXT as UTC hundredths (empty when there is none)
  if dt_parse "$1"; then dt_cs_utc; fi
}
rm -f "$nvm"
# Thursday 2026-04-30 21:44 CEST: day 1, T2 until 22:00 CEST (20:00 UTC), then T1.
start_sim 2026-04-30T19:44:00Z "${q100[@]}"
grid 10
mset "SET day profiles" set 20 0.0.13.0.0.255 9 data-hex "$days"
mset "SET week profiles" set 20 0.0.13.0.0.255 8 data-hex "$weeks"
mset "SET seasons" set 20 0.0.13.0.0.255 7 data-hex "$seasons"
mset "activate_passive_calendar" action 20 0.0.13.0.0.255 1 i8 0
step 1290000 # 19:44:00-20:05:30 UTC: the window 19:45-20:00 at 6.9 kW, 5.5 min of T1
cut 2026-04-30T20:05:30Z
[ "${b_t[1]}" -gt 0 ] && [ "${b_t[2]}" -gt 0 ] || fail "T1 ${b_t[1]}, T2 ${b_t[2]} mWh at 20:05:30 UTC"
cut_ok "a cut 5.5 min after the change T2 -> T1"
pass "kill -9 after the tariff change: T1 ${r_t[1]} <= ${b_t[1]}, T2 ${r_t[2]} <= ${b_t[2]} mWh, T1..T8 = +A $r_tot"
# The scheduled billing, the load off before it.
grid 0
step 1000
regs_read
p_tot=$r_tot p_t=("${r_t[@]}")
set_clock 2026-04-30T21:59:00
step 120000 # over local midnight 2026-05-01 (22:00 UTC)
r1=$(rows)
[[ $r1 =~ ^2026-04-30T22:00:00Z/[0-9]+\ $ ]] && [ "$(counter)" = 1 ] ||
  fail "billing at 22:00 UTC: rows '$r1', counter $(counter)"
# The capture objects, in order: {class OBIS attribute data index}.
cols="8 0.0.1.0.0.255 2 0|1 0.0.96.10.1.255 2 0|"
for o in 1.0.1.8.0 1.0.2.8.0 1.0.3.8.0 1.0.4.8.0 1.0.1.8.1 1.0.1.8.2 1.0.1.8.3 1.0.1.8.4 \
  1.0.2.8.1 1.0.2.8.2 1.0.2.8.3 1.0.2.8.4; do cols+="3 $o.255 2 0|"; done
cols+="4 1.0.1.6.0.101 2 0|4 1.0.1.6.0.101 5 0|4 1.0.2.6.0.101 2 0|4 1.0.2.6.0.101 5 0|"
got=$(rdq get 7 0.0.98.1.0.255 3 | awk '/^  structure/ { if (r != "") printf "%s|", r; r = ""; k = 0; next }
  /^    / { k++; v = $NF; gsub(/[()]/, "", v); r = r (k > 1 ? " " : "") v }
  END { if (r != "") printf "%s|", r }')
[ "$got" = "$cols" ] || fail "monthly capture objects: $got, expected $cols"
pass "monthly row: clock, status, +A, -A, +R, -R, +A T1..T4, -A T1..T4, +A / -A maximum demand value and time (1.0.x.6.0.101)"
row_cells
want=("long64-unsigned $p_tot" "long64-unsigned 0" "long64-unsigned ${p_t[1]}" "long64-unsigned ${p_t[2]}"
  "long64-unsigned 0" "long64-unsigned 0" "long64-unsigned 0" "long64-unsigned 0"
  "long64-unsigned 0" "long64-unsigned 0")
for i in 0 1 2 3 4 5 6 7 8 9; do
  c=$((i < 2 ? i + 2 : i + 4)) # +A, -A, then +A T1..T4, -A T1..T4
  [ "${cell[c]}" = "${want[i]}" ] || fail "monthly row cell $((c + 1)): '${cell[c]}', expected '${want[i]}'"
done
[ "$(dt_at "${cell[0]}")" = $(($(epoch 2026-04-30T22:00:00Z) * 100)) ] || fail "row time ${cell[0]}"
m_val=${cell[14]#double-long-unsigned }
near1 "$m_val" 6900000 && [ "$(dt_at "${cell[15]}")" = $(($(epoch 2026-04-30T20:00:00Z) * 100)) ] ||
  fail "row's +A maximum ${cell[14]} at ${cell[15]}, expected 6900 W +- 1 % at 20:00 UTC"
[ "${cell[14]}" = "$(rdq get 4 1.0.1.6.0.101 2)" ] &&
  [ "$(dt_at "${cell[15]}")" = "$(dt_at "$(rdq get 4 1.0.1.6.0.101 5)")" ] ||
  fail "row's +A maximum ${cell[14]} at ${cell[15]}; 1.0.1.6.0.101: $(rdq get 4 1.0.1.6.0.101 2) at $(rdq get 4 1.0.1.6.0.101 5)"
[ "${cell[16]}" = "double-long-unsigned 0" ] && [ "${cell[16]}" = "$(rdq get 4 1.0.2.6.0.101 2)" ] &&
  [ "$(dt_at "${cell[17]}")" = "$(dt_at "$(rdq get 4 1.0.2.6.0.101 5)")" ] ||
  fail "row's -A maximum ${cell[16]} at ${cell[17]}; 1.0.2.6.0.101: $(rdq get 4 1.0.2.6.0.101 2) at $(rdq get 4 1.0.2.6.0.101 5)"
pass "monthly row at 22:00 UTC: +A $p_tot, T1 ${p_t[1]}, T2 ${p_t[2]} mWh as read before it; maximum $m_val mW at 20:00 UTC = 1.0.1.6.0.101"
cut 2026-04-30T22:01:00Z
cut_ok "a cut right after the scheduled billing" "${p_t[1]}" "${p_t[2]}"
[ "$(rows)" = "$r1" ] && [ "$(counter)" = 1 ] || fail "after the cut: rows '$(rows)', counter $(counter)"
grid 10
step 150000
cut 2026-04-30T22:03:30Z
cut_ok "a cut 2.5 min after the scheduled billing" "${p_t[1]}" "${p_t[2]}"
[ "$(rows)" = "$r1" ] && [ "$(counter)" = 1 ] || fail "after the cut: rows '$(rows)', counter $(counter)"
pass "kill -9 right after and 2.5 min after the scheduled billing: T1..T8 = +A, each between its billing value and its value before the cut; one row, counter 1"
grid 10
step 60000
mset "the end of billing by the client" action 9 0.0.10.0.1.255 1 u16 1
regs_read
p_tot=$r_tot p_t=("${r_t[@]}")
r2=$(rows)
[[ $r2 =~ ^"$r1"2026-04-30T22:04:30Z/[0-9]+\ $ ]] && [ "$(counter)" = 2 ] ||
  fail "the client's billing at 22:04:30 UTC: rows '$r2', counter $(counter)"
row_cells
[ "${cell[2]}" = "long64-unsigned $p_tot" ] && [ "${cell[6]}" = "long64-unsigned ${p_t[1]}" ] &&
  [ "${cell[7]}" = "long64-unsigned ${p_t[2]}" ] ||
  fail "the client's row: +A ${cell[2]}, T1 ${cell[6]}, T2 ${cell[7]}; registers $p_tot, ${p_t[1]}, ${p_t[2]}"
cut 2026-04-30T22:04:30Z
cut_ok "a cut right after the client's billing" "${p_t[1]}" "${p_t[2]}"
[ "$(rows)" = "$r2" ] && [ "$(counter)" = 2 ] || fail "after the cut: rows '$(rows)', counter $(counter)"
pass "kill -9 right after the client's billing (row = registers): T1 ${r_t[1]}, T2 ${r_t[2]} mWh = +A $r_tot as billed; two rows, counter 2"
stop_sim

# A read within a second (the tariff registers follow the totals at every pass of the main
# loop, not once a second), and a kill -9 at a tariff change (the tariff registers are saved
# with the same copy of the totals).
# (a) A read within a second: T1..T8 must add up to +A.
# (b) A kill -9 at a tariff change: no tariff register above its value before the cut.
rm -f "$nvm"
start_sim 2026-04-30T19:58:00Z "${q100[@]}" # 21:58 CEST, T2 until 22:00 CEST
grid 10
mset "SET day profiles" set 20 0.0.13.0.0.255 9 data-hex "$days"
mset "SET week profiles" set 20 0.0.13.0.0.255 8 data-hex "$weeks"
mset "SET seasons" set 20 0.0.13.0.0.255 7 data-hex "$seasons"
mset "activate_passive_calendar" action 20 0.0.13.0.0.255 1 i8 0
step 30500 # 19:58:30.5 UTC
regs_read
s=0; for k in 1 2 3 4 5 6 7 8; do s=$((s + r_t[k])); done
[ "$s" = "$r_tot" ] || fail "a read at 19:58:30.5 UTC: T1..T8 $s mWh, +A $r_tot"
step 89500 # to 20:00:00 UTC, the change T2 -> T1
cut 2026-04-30T20:00:00Z
cut_ok "a cut at the change T2 -> T1 (20:00:00 UTC)"
pass "a read within a second: T1..T8 = +A; kill -9 at the tariff change: no register above its value before"
stop_sim

# ---- 8. A pending activation left with a missing day id ------------------------------------
cal_snap() { # the active calendar (name, seasons, weeks, days) into FILE
  local a
  for a in 2 3 4 5; do rdq get 20 0.0.13.0.0.255 "$a"; done >"$work/$1"
}
nines() { codes | tr ' ' '\n' | grep -cx 9 || true; } # events 9 (calendar activated)
mask() { rdq get 6 0.0.14.0.1.255 4 | sed -n 's/^octet-string\[2\] .* "\(T[0-9]\)"$/\1/p'; }
# Calendar B: day 1 T3, day 2 T4, all day; without day 2 the weeks name a missing day.
days_b="0102020211010101$(act 0 0 3)020211020101$(act 0 0 4)"
days_b1="0101020211010101$(act 0 0 3)"
# pending UTC: the complete B with its activation time UTC, then B without day 2
pending() {
  mset "SET day profiles B" set 20 0.0.13.0.0.255 9 data-hex "$days_b"
  mset "SET activation time $1" set 20 0.0.13.0.0.255 10 datetime "$1"
  mset "SET day profiles B without day 2" set 20 0.0.13.0.0.255 9 data-hex "$days_b1"
  n9=$(nines)
}
kept() { # WHAT: no activation, calendar A in force (Friday after 07:00 CEST: T2)
  cal_snap active_now.txt
  [ "$(nines)" = "$n9" ] && cmp -s "$work/active_a.txt" "$work/active_now.txt" && [ "$(mask)" = T2 ] ||
    fail "$1: events $(codes), tariff $(mask), active calendar $(diff "$work/active_a.txt" "$work/active_now.txt" || true)"
}
rm -f "$nvm"
start_sim 2026-04-10T04:55:00Z --afe-off # Friday 06:55 CEST
mset "SET day profiles" set 20 0.0.13.0.0.255 9 data-hex "$days"
mset "SET week profiles" set 20 0.0.13.0.0.255 8 data-hex "$weeks"
mset "SET seasons" set 20 0.0.13.0.0.255 7 data-hex "$seasons"
mset "activate_passive_calendar" action 20 0.0.13.0.0.255 1 i8 0
cal_snap active_a.txt
pending 2026-04-10T06:00:00
step 4200000 # to 06:05 UTC
kept "past the activation time (06:00 UTC)"
stop_sim
start_sim 2026-04-10T06:05:00Z --afe-off
pending 2026-04-10T07:00:00
stop_sim
start_sim 2026-04-10T06:05:00Z --afe-off
step 3600000 # to 07:05 UTC
kept "restarted, past the activation time (07:00 UTC)"
mset "SET day profiles B" set 20 0.0.13.0.0.255 9 data-hex "$days_b"
mset "SET activation time 07:30 UTC" set 20 0.0.13.0.0.255 10 datetime 2026-04-10T07:30:00
step 1800000 # to 07:35 UTC
[ "$(nines)" = $((n9 + 1)) ] && [ "$(mask)" = T3 ] ||
  fail "the complete B at 07:30 UTC: events $(codes), tariff $(mask)"
pass "a pending activation, then a day table without a day the weeks use: past the time no event 9, calendar A kept (T2), with and without kill -9; the complete B activated (T3)"

# ---- 9. A billing schedule change on the 16th ---------------------------------------------
set_clock 2026-04-16T10:00:00 # Thursday 12:00 CEST, nothing billed since the 1st
step 60000
mset "SET of the billing schedule to day 15" set 22 0.0.15.0.0.255 4 data-hex \
  "010102020904000000000905ffffff0fff"
step 60000
[ "$(rows)" = "" ] && [ "$(counter)" = 0 ] || fail "day 15 set on the 16th: rows '$(rows)', counter $(counter)"
stop_sim
start_sim 2026-04-16T10:02:00Z --afe-off
step 60000
[ "$(rows)" = "" ] && [ "$(counter)" = 0 ] ||
  fail "day 15 set on the 16th, kill -9, restart: rows '$(rows)', counter $(counter)"
set_clock 2026-05-14T21:59:00 # over 2026-05-01 00:00 CEST
step 120000                   # over 2026-05-15 00:00 CEST (22:00 UTC)
[[ $(rows) =~ ^2026-05-14T22:00:00Z/[0-9]+\ $ ]] && [ "$(counter)" = 1 ] ||
  fail "billing on day 15: rows '$(rows)', counter $(counter)"
pass "billing schedule set to day 15 on the 16th: no row for the 15th gone, with and without kill -9; one row at 2026-05-15 00:00 CEST"
stop_sim

echo "sim_tou: $passed checks passed in ${SECONDS} s"
