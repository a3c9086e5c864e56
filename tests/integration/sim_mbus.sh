#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# sim.mbus: the MA304H4 as M-Bus master of the simulated segment of the host port, driven
# over its real interfaces: DLMS (msdk-dlms on the wrapper port) and the control port
# (stepped clock, the segment's faults). Expectations come from the segment's published
# slave table (ports/host/README.md), not from the firmware:
#   primary 1 water  12345678 MSW v1 medium 07: 0C 13 volume L = 100000 + 2t (t: simulated
#                    minutes since the start)
#   primary 2 gas    1A2B3C4D MSG v2 medium 03, OMS mode 5 key 0102030405060708090A0B0C0D0E0F11:
#                    0C 14 volume 0.01 m3 = 5000 + t
#   primary 3 heat   87654321 MSH v3 medium 04, three telegrams: 04 06 energy kWh = 1000 + t/60,
#                    0C 13 volume L = 20000 + 5t; flow 60 C, return 40 C; power 1500 W
#   primary 5 bad    55555555 (bad checksums), primary 0: 0000ABCD and 0000ABCE (secondary only)
#   primary 7 water  77000007 MSE v7 medium 07, OMS mode 7 (AFL), master key
#                    000102030405060708090A0B0C0D0E0F: 0C 13 volume L = 700000 + 3t
# Checked:
#  1. install by primary address (water, gas with its key, heat), identification attributes,
#     value, scaler and unit of each (water L -> -3 m3, gas -2 m3, heat kWh -> 3 Wh);
#  2. the gas meter without a key: communication error event (110), value never decoded; with
#     the key: communication ok (111) and the value; a wrong key: error again;
#  3. a capture_definition naming the heat meter's volume record (DIB 0C, VIB 13): 20000 + 5t;
#  4. install by secondary address (0000ABCD given primary address 20);
#  5. the hourly profiles 0.<ch>.24.3.0.255 and the M-Bus columns of the daily billing row;
#  6. battery and fraud in the device status: events 102/103 once, alarm, reset_alarm;
#     synchronize_clock: event 104;
#  7. a bus short circuit: the supply trips, readouts fail (event 100), after the retry they
#     work again (event 101);
#  8. refusals: install on an installed channel, a taken address, a device that answers with
#     bad checksums, capture_period 30, two capture elements, set_encryption_key by the reader;
#  9. kill -9 and restart: channels, identification and key kept; values read again.
# 10. an upgrade: the earlier layout's 12-channel daily log (written by legacy_daily) is taken
#     over into the daily billing profile at the first start, once.
# Usage: sim_mbus.sh <path to ma304h4-sim> <path to msdk-dlms> <path to legacy_daily>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
dlms=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
legacy=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")

# shellcheck source=tests/integration/sim_dlms_lib.sh
source "$(dirname "$0")/sim_dlms_lib.sh"
# Reads by the reader (client 2): command substitutions run in a subshell, where the management
# client's invocation counter could not grow.
num() { # num CLASS OBIS ATTR: the number read
  rd get "$1" "$2" "$3" 2>&1 | sed -n 's/^[a-z0-9-]* \(-\{0,1\}[0-9]*\)$/\1/p'
}
scal() { # scal OBIS: "scaler unit" of an M-Bus value
  rd get 4 "$1" 3 2>&1 | sed -n 's/^  [a-z]* \(-\{0,1\}[0-9]*\)$/\1/p' | tr '\n' ' ' | sed 's/ $//'
}
mcodes() { # the M-Bus event log's codes, oldest first
  rd get 7 0.0.99.98.3.255 2 2>&1 | sed -n 's/^    unsigned \([0-9]*\)$/\1/p' | tr '\n' ' ' | sed 's/ $//'
}
mfr() { # EN 13757-3 manufacturer code of three letters
  local s=$1
  echo $(((($(printf '%d' "'${s:0:1}") - 64) << 10) | (($(printf '%d' "'${s:1:1}") - 64) << 5) |
    ($(printf '%d' "'${s:2:1}") - 64)))
}
eq() { [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"; }

now_ms=0
adv() { step "$1"; now_ms=$((now_ms + $1)); }
t_min() { echo $((now_ms / 60000)); }

# ---- 1. Install by primary address -------------------------------------------------------
start_sim 2026-06-01T09:59:30Z --afe-off
eq "nothing installed" "$(num 72 0.1.24.1.0.255 5)" 0
eq "value before install" "$(num 4 0.1.24.2.1.255 2)" 0
mset "install water" action 72 0.1.24.1.0.255 1 u8 1
adv 2000
eq "water id" "$(num 72 0.1.24.1.0.255 6)" $((0x12345678))
eq "water manufacturer" "$(num 72 0.1.24.1.0.255 7)" "$(mfr MSW)"
eq "water version" "$(num 72 0.1.24.1.0.255 8)" 1
eq "water medium" "$(num 72 0.1.24.1.0.255 9)" 7
eq "water address" "$(num 72 0.1.24.1.0.255 5)" 1
eq "water value" "$(num 4 0.1.24.2.1.255 2)" $((100000 + 2 * $(t_min)))
eq "water scaler/unit" "$(scal 0.1.24.2.1.255)" "-3 13"
pass "water meter installed at primary address 1: identification, 100000 L as -3 m3"

# ---- 2. Gas: encrypted (mode 5), first without its key ------------------------------------
mset "install gas" action 72 0.2.24.1.0.255 1 u8 2
adv 3000
eq "gas installed" "$(num 72 0.2.24.1.0.255 6)" $((0x1A2B3C4D))
eq "gas no value without a key" "$(num 4 0.2.24.2.1.255 2)" 0
eq "gas key status" "$(num 72 0.2.24.1.0.255 14)" 0
eq "events without key" "$(mcodes)" "110"
mset "gas wrong key" action 72 0.2.24.1.0.255 7 octets-hex 0102030405060708090A0B0C0D0E0F12
mset "gas capture" action 72 0.2.24.1.0.255 3
adv 3000
eq "gas wrong key: no value" "$(num 4 0.2.24.2.1.255 2)" 0
eq "no event for the same error" "$(mcodes)" "110"
mset "gas key" action 72 0.2.24.1.0.255 7 octets-hex 0102030405060708090A0B0C0D0E0F11
eq "gas key status" "$(num 72 0.2.24.1.0.255 14)" 1
mset "gas capture" action 72 0.2.24.1.0.255 3
adv 3000
eq "gas value" "$(num 4 0.2.24.2.1.255 2)" $((5000 + $(t_min)))
eq "gas scaler/unit" "$(scal 0.2.24.2.1.255)" "-2 13"
eq "events with key" "$(mcodes)" "110 111"
pass "gas meter (OMS mode 5): no key and a wrong key are communication errors, the key decrypts"

# ---- Heat: three telegrams; then the capture_definition -----------------------------------
mset "install heat" action 72 0.3.24.1.0.255 1 u8 3
adv 3000
eq "heat value" "$(num 4 0.3.24.2.1.255 2)" $((1000 + $(t_min) / 60))
eq "heat scaler/unit" "$(scal 0.3.24.2.1.255)" "3 30"
mset "heat definition" set 72 0.3.24.1.0.255 3 data-hex 0101020209010C090113
mset "heat capture" action 72 0.3.24.1.0.255 3
adv 3000
eq "heat volume" "$(num 4 0.3.24.2.1.255 2)" $((20000 + 5 * $(t_min)))
eq "heat volume scaler/unit" "$(scal 0.3.24.2.1.255)" "-3 13"
pass "heat meter: energy 1000 kWh as 3 Wh; the capture_definition 0C/13 takes its volume"

# ---- 8. Refusals ------------------------------------------------------------------------------
refused "install on an installed channel" other-reason action 72 0.1.24.1.0.255 1 u8 9
refused "a taken address" other-reason action 72 0.4.24.1.0.255 1 u8 1
refused "capture_period 30" other-reason set 72 0.1.24.1.0.255 4 u32 30
refused "two capture elements" other-reason set 72 0.1.24.1.0.255 3 data-hex \
  0102020209010C0901130202090104090106
if rd action 72 0.1.24.1.0.255 7 octets-hex 0102030405060708090A0B0C0D0E0F11 >"$work/s.txt" 2>&1; then
  fail "the reader set a key: $(cat "$work/s.txt")"
fi
mset "install bad" action 72 0.4.24.1.0.255 1 u8 5
adv 5000
eq "bad checksums: not installed" "$(num 72 0.4.24.1.0.255 6)" 0
wait_for "mbus: channel 4: install failed" 5 || fail "no install failure logged"
pass "refused: a second install, a taken address, period 30 s, two elements, the reader's key; bad checksums never install"

# ---- 4. Install by secondary address ---------------------------------------------------------
mset "identification" set 72 0.4.24.1.0.255 6 u32 $((0x0000ABCD))
mset "install by id" action 72 0.4.24.1.0.255 1 u8 20
adv 5000
eq "secondary install address" "$(num 72 0.4.24.1.0.255 5)" 20
eq "secondary install id" "$(num 72 0.4.24.1.0.255 6)" $((0x0000ABCD))
eq "secondary install manufacturer" "$(num 72 0.4.24.1.0.255 7)" "$(mfr MSW)"
v4=$(num 4 0.4.24.2.1.255 2)
[ -n "$v4" ] && [ "$v4" != 0 ] || fail "no value from the device at its new address 20: '$v4'"
pass "0000ABCD selected by its secondary address, given primary address 20, read there"

# ---- 5. Hourly profiles and the daily billing row -----------------------------------------
adv $((3600000 - now_ms % 3600000 + 60000)) # 11:00 + 1 min: the hourly readouts are done
rows=$(rd get 7 0.1.24.3.0.255 2 2>&1)
last=$(echo "$rows" | sed -n 's/^    long64 \([0-9]*\)$/\1/p' | tail -n 1)
# The 11:00:00 readout (channel 1: no stagger): t = minutes from 09:59:30 to 11:00:00.
eq "hourly row at 11:00" "$last" $((100000 + 2 * 60))
echo "$rows" | grep -q "(2026-06-01T11:00:00Z)" || fail "no 11:00 row: $rows"
n=$(echo "$rows" | grep -c "^  structure")
[ "$n" -ge 2 ] || fail "hourly profile rows: $n"
pass "hourly profile: a row per hour with the value read at 11:00:00 (100120 L)"
# The heat channel's rows of energy (before its capture_definition named the volume) are not
# shown as volumes: null-data; its 11:00:10 row is the volume, 20000 + 5 x 60 L.
rows3=$(rd get 7 0.3.24.3.0.255 2 2>&1)
echo "$rows3" | grep -q "null-data" || fail "heat energy rows shown under the volume's unit: $rows3"
eq "heat volume row" "$(echo "$rows3" | sed -n 's/^    long64 \([0-9]*\)$/\1/p' | tail -n 1)" \
  $((20000 + 5 * 60))
pass "hourly rows of another scaler/unit than the value's now read as null-data"
# Local midnight (CEST, UTC+2) is 22:00 UTC: step over it.
adv $(((22 * 3600 - (9 * 3600 + 59 * 60 + 30)) * 1000 - now_ms + 120000))
daily=$(rd get 7 1.0.99.2.0.255 2 2>&1)
# The row's M-Bus columns come after 12 energy columns: value then time, channels 1..4.
vals=$(echo "$daily" | sed -n 's/^    long64 \(-\{0,1\}[0-9]*\)$/\1/p' | head -n 3 | tr '\n' ' ')
# Water was read at 21:00:00 (t = 660.5 -> 660 min), gas at 21:00:05, heat at 21:00:10.
eq "daily M-Bus values" "$vals" "$((100000 + 2 * 660)) $((5000 + 660)) $((20000 + 5 * 660)) "
echo "$daily" | grep -q "(2026-06-01T21:00:05Z)" || fail "no gas capture time 21:00:05: $daily"
pass "daily billing row at local midnight: the four channels' values and capture times"

# ---- 6. Battery, fraud, reset_alarm, clock synchronisation -----------------------------------
before=$(mcodes)
ask "mbus slave 1 status battery"
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
eq "battery once" "$(mcodes)" "$before 102"
eq "alarm" "$(num 72 0.1.24.1.0.255 12)" 4
ask "mbus slave 1 status fraud"
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
eq "fraud" "$(mcodes)" "$before 102 103"
mset "reset alarm" action 72 0.1.24.1.0.255 4
eq "alarm cleared" "$(num 72 0.1.24.1.0.255 12)" 0
ask "mbus slave 1 status none"
mset "sync" action 72 0.1.24.1.0.255 5
adv 3000
eq "clock adjusted" "$(mcodes)" "$before 102 103 104"
pass "battery (102) and fraud (103) once each, alarm 4 then reset; synchronize_clock (104)"

# ---- 7. Short circuit ----------------------------------------------------------------------------
before=$(mcodes)
ask "mbus short on"
mset "capture" action 72 0.1.24.1.0.255 3
adv 5000
wait_for "mbus: bus supply tripped" 5 || fail "no trip logged"
eq "comm error" "$(mcodes)" "$before 100"
ask "mbus short off"
adv 61000
wait_for "mbus: bus supply on again" 5 || fail "supply not on again"
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
eq "comm ok" "$(mcodes)" "$before 100 101"
pass "short circuit: the supply trips, readouts fail (100); after the retry they work again (101)"

# ---- 9. kill -9, restart ------------------------------------------------------------------
stop_sim
start_sim 2026-06-02T08:00:00Z --afe-off
now_ms=0
# Before the first readout after the start, the hourly rows still read with the stored
# scaler/unit of their channel (not as null-data).
rows1=$(rd get 7 0.1.24.3.0.255 2 2>&1)
echo "$rows1" | grep -q "^    long64 100000$" || fail "hourly rows before the first readout: $rows1"
echo "$rows1" | grep -q "null-data" && fail "hourly rows null before the first readout: $rows1"
eq "scaler/unit before the first readout" "$(scal 0.1.24.2.1.255)" "-3 13"
adv 20000
eq "kept: gas id" "$(num 72 0.2.24.1.0.255 6)" $((0x1A2B3C4D))
eq "kept: gas key" "$(num 72 0.2.24.1.0.255 14)" 1
eq "read again: gas" "$(num 4 0.2.24.2.1.255 2)" 5000
eq "read again: water" "$(num 4 0.1.24.2.1.255 2)" 100000
eq "kept: heat definition" "$(scal 0.3.24.2.1.255)" "-3 13"
eq "kept: address 20" "$(num 72 0.4.24.1.0.255 5)" 20
mset "deinstall" action 72 0.4.24.1.0.255 2
eq "deinstalled" "$(num 72 0.4.24.1.0.255 6)" 0
pass "after kill -9: channels, identification, key and definition kept; the values read again"

# ---- Review findings -------------------------------------------------------------------------
# Two installs queued for one address: the second is refused; a device another channel holds
# is refused by its identification.
mset "deinstall heat" action 72 0.3.24.1.0.255 2
mset "install heat again" action 72 0.3.24.1.0.255 1 u8 3
refused "a queued install's address" other-reason action 72 0.4.24.1.0.255 1 u8 3
adv 3000
eq "heat again" "$(num 72 0.3.24.1.0.255 6)" $((0x87654321))
mset "identification of channel 1's device" set 72 0.4.24.1.0.255 6 u32 $((0x12345678))
refused "a device another channel holds" other-reason action 72 0.4.24.1.0.255 1 u8 30
# ... and named with a wildcard: the selection takes it, the read-back shows whose it is, and
# it keeps its address (channel 1 still reads it).
before=$(mcodes)
mset "wildcard identification" set 72 0.4.24.1.0.255 6 u32 $((0x1234567F))
mset "install by wildcard" action 72 0.4.24.1.0.255 1 u8 30
adv 5000
eq "not installed" "$(num 72 0.4.24.1.0.255 6)" $((0x1234567F))
grep -q "mbus: channel 4: install failed MSDK_ERR_STATE" "$work/out.txt" || fail "no refusal logged"
mset "capture channel 1" action 72 0.1.24.1.0.255 3
adv 3000
eq "channel 1 still reads its device" "$(mcodes)" "$before"
# A keyed channel takes no plain telegram (no downgrade); without the key it reads again.
before=$(mcodes)
mset "key on the plain water meter" action 72 0.1.24.1.0.255 7 octets-hex \
  00112233445566778899AABBCCDDEEFF
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
eq "plain telegram refused" "$(mcodes)" "$before 100"
eq "value kept" "$(num 4 0.1.24.2.1.255 2)" 100000
mset "key removed" action 72 0.1.24.1.0.255 7 octets-hex ""
mset "capture" action 72 0.1.24.1.0.255 3
adv 3000
eq "plain again" "$(mcodes)" "$before 100 101"
# A channel deinstalled while its readout runs gets no event from it.
before=$(mcodes)
mset "capture gas" action 72 0.2.24.1.0.255 3
mset "deinstall gas" action 72 0.2.24.1.0.255 2
adv 3000
eq "no event of a deinstalled channel" "$(mcodes)" "$before"
pass "one device per address and per channel; a keyed channel refuses plain telegrams; a deinstall cancels its readout"

# ---- OMS mode 7 (AFL with message counter and MAC) ----------------------------------------
mset "no identification" set 72 0.4.24.1.0.255 6 u32 0
mset "mode 7 key" action 72 0.4.24.1.0.255 7 octets-hex 000102030405060708090A0B0C0D0E0F
mset "install mode 7" action 72 0.4.24.1.0.255 1 u8 7
adv 3000
eq "mode 7 id" "$(num 72 0.4.24.1.0.255 6)" $((0x77000007))
eq "mode 7 value" "$(num 4 0.4.24.2.1.255 2)" $((700000 + 3 * $(t_min)))
eq "mode 7 configuration" "$(num 72 0.4.24.1.0.255 13)" $((0x0710))
pass "OMS mode 7 water meter (primary 7): AFL MAC checked, 700000 + 3t L decrypted"

# ---- 10. Upgrade from the earlier layout ----------------------------------------------------
# A new NVM file; then the earlier firmware's daily log with three rows written into its place:
# from the data NVM's top (docs/nvm-format.md) 3 + 9 + 2 + 2 sectors of DLMS security, 6 of
# certificates, 8 + 6 of energy, 14 of event logs, 214 of load profile, 33 of power quality:
# 512 - 16 - 6 - 14 - 14 - 214 - 33 = 215, minus its 7 sectors = sector 208.
stop_sim
rm -f "$work/ma304h4-nvm.bin"
start_sim 2026-07-10T08:00:00Z --afe-off
step 1000
stop_sim
first=$(date -u -d 2026-07-07T22:00:00Z +%s)
"$legacy" "$work/ma304h4-nvm.bin" 208 3 "$first" || fail "legacy_daily failed"
for run in 1 2; do
  start_sim 2026-07-10T08:00:00Z --afe-off
  step 1000
  daily=$(rd get 7 1.0.99.2.0.255 2 2>&1)
  [ "$(echo "$daily" | grep -c '^  structure')" = 3 ] || fail "start $run: daily rows: $daily"
  # row k: channel j = (k + 1) x 1000 + j: +A total 1000, 2000, 3000; -A T4 (channel 11) 3011
  eq "start $run: +A of the rows" "$(echo "$daily" | sed -n 's/^    long64-unsigned \([0-9]*\)$/\1/p' |
    awk 'NR % 12 == 1' | tr '\n' ' ')" "1000 2000 3000 "
  eq "start $run: last -A T4" "$(echo "$daily" | sed -n 's/^    long64-unsigned \([0-9]*\)$/\1/p' |
    tail -n 1)" 3011
  echo "$daily" | grep -q "(2026-07-09T22:00:00Z)" || fail "start $run: no row at 2026-07-09 22:00"
  taken=$(grep -c "daily billing rows of the earlier layout taken over" "$work/out.txt" || true)
  eq "start $run: rows taken over" "$taken" $((run == 1 ? 1 : 0))
  stop_sim
done
# A reset of the daily profile is not undone by the next start (the earlier log was cleared).
start_sim 2026-07-10T08:00:00Z --afe-off
mset "daily reset" action 7 1.0.99.2.0.255 1 i8 0
stop_sim
start_sim 2026-07-10T08:00:00Z --afe-off
step 1000
eq "rows after a reset and a start" "$(rd get 7 1.0.99.2.0.255 7 2>&1)" "double-long-unsigned 0"
pass "upgrade: the earlier 12-channel daily rows are in the daily billing profile, once"

echo "sim.mbus: $passed checks passed"
