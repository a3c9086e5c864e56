#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# DLMS/COSEM on the meter simulator's optical port, end to end over its TCP channel:
# IEC 62056-21 mode E sign-on and identification at 300 Bd, the ACK option select for
# HDLC at 9600 Bd, then HDLC: the published SNRM (client 16 -> server logical 1,
# physical 17) and the published AARQ I-frame (../shared/vectors/dlms-vectors.md
# section 6), GETs built here (HCS/FCS computed with CRC-16/X.25), access rights of the
# public client, hostile frames (bad FCS, truncated APDU), DISC, and mode E again after
# the session.
# Then msdk-dlms, the project's client tool, on a second simulator's optical pty: the
# reader (client 2, LLS) reads every readable attribute of every object it sees; and over
# the DLMS wrapper on TCP (the network port): several clients at once, the object list in
# blocks with a PDU of 256, the management client setting the clock, rights enforced; and
# the load profile, filled to its 16,800 rows (175 days x 96) by stepping the simulated
# clock, read by entry and by range; its channels and capture period set by the management
# client, refused to the reader and for values the meter does not take, kept across kill -9;
# the power quality profile read block by block over a raw wrapper connection while its ring
# evicts rows; the management client's budgets of captures and resets.
# Usage: sim_dlms.sh <path to ma304h4-sim> <path to msdk-dlms>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
# The management client: HLS 5 (GMAC) with authenticated encryption, the Green Book keys;
# its invocation counter must increase from one session to the next (--ic).
# shellcheck disable=SC2046 # $(mgmt N) expands to several options on purpose
mgmt() { printf -- '--client 1 --auth hls5 --system-title 4D4D4D0000000001 --ek %s --ak %s --ic %s' \
  000102030405060708090A0B0C0D0E0F D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF "$1"; }

: >"$work/out.txt"
(cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --control-tcp off --no-wan-pty \
  --net-tcp off --start-time 2026-06-15T12:00:00Z) \
  >"$work/out.txt" 2>&1 &
pid=$!
listen_port port optical
exec 3<>"/dev/tcp/127.0.0.1/$port"

# CRC-16/X.25 of hex bytes, printed as the two bytes on the wire (LSB first).
crc16x25() {
  local crc=$((0xFFFF)) b i
  for b in $1; do
    crc=$((crc ^ 0x$b))
    for ((i = 0; i < 8; i++)); do
      if ((crc & 1)); then crc=$(((crc >> 1) ^ 0x8408)); else crc=$((crc >> 1)); fi
    done
  done
  crc=$((crc ^ 0xFFFF))
  printf '%02x %02x' $((crc & 0xFF)) $((crc >> 8))
}
# I-frame to logical 1 / physical 17 with control byte $1, info hex $2 (the LLC header
# E6 E6 00 is added), from the client whose HDLC address byte is $3 (default 21: SAP 16).
iframe() {
  local info="e6 e6 00 $2" n
  n=$(($(wc -w <<<"$info") + 2 + 3 + 1 + 2 + 2))
  local head
  head=$(printf 'a0 %02x 02 23 %s %s' "$n" "${3:-21}" "$1")
  local hcs
  hcs=$(crc16x25 "$head")
  local body="$head $hcs $info"
  printf '7e %s %s 7e' "$body" "$(crc16x25 "$body")"
}
send_hex() { # hex bytes -> fd 3
  local b out=""
  for b in $1; do out+="\\x$b"; done
  printf '%b' "$out" >&3
}
recv_hex() { # exactly $1 bytes from fd 3, as lower-case hex without spaces
  timeout 5 dd bs=1 count="$1" <&3 2>/dev/null | od -An -tx1 -v | tr -d ' \n'
}
# Reads one HDLC frame: the two bytes after the flag give its length.
recv_frame() {
  local head len
  head=$(recv_hex 3)
  [ "${#head}" -eq 6 ] || fail "no HDLC frame (got '$head')"
  len=$((0x${head:2:2} & 0x07))
  len=$(((len << 8) | 0x${head:4:2}))
  printf '%s%s' "$head" "$(recv_hex $((len - 1)))"
}

# ---- Mode E ----------------------------------------------------------------------------
printf '/?!\r\n' >&3
IFS= read -r -t 5 ident <&3 || fail "no identification"
ident=${ident%$'\r'}
[ "$ident" = '/MSD5\2MA304H4-26000001' ] || fail "identification '$ident'"
pass "mode E: identification $ident (9600 Bd offered, mode E escape \\2)"
printf '\x06252\r\n' >&3 # ACK, protocol 2 (HDLC), 9600 Bd, mode 2
sleep 0.3

# ---- HDLC ------------------------------------------------------------------------------
send_hex "7e a0 08 02 23 21 93 bd 64 7e" # published SNRM
ua=$(recv_frame)
case "$ua" in
7ea01f21022373*818012050180060180070400000001080400000001*7e) pass "SNRM -> UA (128/128, window 1)" ;;
*) fail "UA: $ua" ;;
esac

send_hex "7e a0 2c 02 23 21 10 af 9f e6 e6 00 60 1d a1 09 06 07 60 85 74 05 08 01 01 be 10 04 0e 01 00 00 00 06 5f 1f 04 00 00 1e 1d ff ff c5 e4 7e"
aare=$(recv_frame)
case "$aare" in
*e6e7006129a109060760857405080101a203020100a305a103020100be10040e0800065f1f040000101402000007*) pass "published AARQ -> AARE accepted (conformance 00 10 14, PDU 512)" ;;
*) fail "AARE: $aare" ;;
esac

# GET 0.0.42.0.0.255 (Data, logical device name) attribute 2.
send_hex "$(iframe 32 'c0 01 c1 00 01 00 00 2a 00 00 ff 02 00')"
resp=$(recv_frame)
case "$resp" in
*e6e700c401c10009104d534430303030303236303030303031*) pass "GET logical device name: MSD0000026000001" ;;
*) fail "GET 0.0.42.0.0.255: $resp" ;;
esac

# GET 1.0.1.8.0.255 (energy): not visible to the public client -> object-undefined.
send_hex "$(iframe 54 'c0 01 c1 00 03 01 00 01 08 00 ff 02 00')"
resp=$(recv_frame)
case "$resp" in
*e6e700c401c10104*) pass "GET 1.0.1.8.0.255 as the public client: object-undefined" ;;
*) fail "GET 1.0.1.8.0.255: $resp" ;;
esac

# Hostile input: a frame with a bad FCS is dropped, a truncated APDU gets an exception,
# and the meter goes on serving the association.
bad=$(iframe 76 'c0 01 c1 00 08 00 00 01 00 00 ff 02 00')
send_hex "${bad%?? ?? 7e} 00 00 7e"
send_hex "$(iframe 76 'c0 01 c1 00 08 00 00')"
resp=$(recv_frame)
case "$resp" in
*e6e700d8*) pass "bad FCS dropped; a truncated GET answered with an exception-response" ;;
*) fail "hostile frames: $resp" ;;
esac

# GET the clock (0.0.1.0.0.255 attribute 2): a date-time octet-string.
send_hex "$(iframe 98 'c0 01 c1 00 08 00 00 01 00 00 ff 02 00')"
resp=$(recv_frame)
case "$resp" in
*e6e700c401c100090c07ea060f*) pass "GET clock: 2026-06-15 (the simulated RTC)" ;;
*) fail "GET clock: $resp" ;;
esac

# DISC -> UA, and the port is back in mode E at 300 Bd.
send_hex "7e a0 08 02 23 21 53 $(crc16x25 'a0 08 02 23 21 53') 7e"
ua=$(recv_frame)
case "$ua" in
7ea0*7e) pass "DISC -> UA" ;;
*) fail "DISC: $ua" ;;
esac
sleep 0.3
printf '/?!\r\n' >&3
IFS= read -r -t 5 ident <&3 || fail "no identification after the session"
ident=${ident%$'\r'}
[ "$ident" = '/MSD5\2MA304H4-26000001' ] || fail "identification after the session '$ident'"
pass "mode E again after the HDLC session"

printf '\x06252\r\n' >&3
sleep 0.3

# ---- The reader (client SAP 2, HDLC address 05) with LLS "12345678" ---------------------
send_hex "7e a0 08 02 23 05 93 $(crc16x25 'a0 08 02 23 05 93') 7e"
ua=$(recv_frame)
case "$ua" in
7ea01f05022373*) pass "reader: SNRM -> UA" ;;
*) fail "reader UA: $ua" ;;
esac
lls_aarq="60 36 a1 09 06 07 60 85 74 05 08 01 01 8a 02 07 80 8b 07 60 85 74 05 08 02 01 ac 0a 80 08 31 32 33 34 35 36 37 38 be 10 04 0e 01 00 00 00 06 5f 1f 04 00 00 7e 1f 04 b0"
send_hex "$(iframe 10 "$lls_aarq" 05)"
aare=$(recv_frame)
case "$aare" in
*e6e7006129a109060760857405080101a203020100*) pass "reader: published LLS AARQ (12345678) -> AARE accepted" ;;
*) fail "reader AARE: $aare" ;;
esac
send_hex "$(iframe 32 'c0 01 c1 00 03 01 00 01 08 00 ff 02 00' 05)"
resp=$(recv_frame)
case "$resp" in
*e6e700c401c10015*) pass "reader: GET +A total 1.0.1.8.0.255 (long64-unsigned, mWh)" ;;
*) fail "reader GET 1.0.1.8.0.255: $resp" ;;
esac
send_hex "$(iframe 54 'c0 01 c1 00 03 01 00 01 08 00 ff 03 00' 05)"
resp=$(recv_frame)
case "$resp" in
*e6e700c401c10002020ffd161e*) pass "reader: scaler_unit of +A: 10^-3 Wh" ;;
*) fail "reader scaler_unit: $resp" ;;
esac
# The reader's association has no SET in its conformance: exception-response
# (service-not-allowed, service-not-supported).
send_hex "$(iframe 76 'c1 01 c1 00 08 00 00 01 00 00 ff 02 00 09 0c 07 ea 06 0f ff 0c 00 00 00 00 00 00' 05)"
resp=$(recv_frame)
case "$resp" in
*e6e700d80102*) pass "reader: SET refused (not in its conformance)" ;;
*) fail "reader SET clock: $resp" ;;
esac

exec 3>&-
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

# ---- msdk-dlms on the optical pty -------------------------------------------------------
dlms=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
: >"$work/out.txt"
(cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --control-tcp off --no-wan-pty \
  --optical-tcp off --optical-pty --start-time 2026-06-15T12:00:00Z) >"$work/out.txt" 2>&1 &
pid=$!
wait_for '^listening: optical pty /dev/' 20 || fail "no optical pty line"
pty=$(sed -n 's/^listening: optical pty \(.*\)/\1/p' "$work/out.txt" | head -n 1)
"$dlms" --serial "$pty" --client 2 --password 12345678 --timeout-ms 5000 read-all \
  >"$work/dlms.txt" 2>&1 || { cat "$work/dlms.txt"; fail "msdk-dlms read-all failed"; }
grep -q '^3 1\.0\.1\.8\.0\.255 2: ' "$work/dlms.txt" || { cat "$work/dlms.txt"; fail "no +A in read-all"; }
grep -q '^1 0\.0\.96\.1\.0\.255 2: visible-string.*26000001' "$work/dlms.txt" ||
  { cat "$work/dlms.txt"; fail "no serial number in read-all"; }
grep -Eq '^[0-9]+ attributes read' "$work/dlms.txt" || { cat "$work/dlms.txt"; fail "no summary"; }
pass "msdk-dlms read-all as the reader: $(grep -E '^[0-9]+ attributes read' "$work/dlms.txt")"
# A second session on the same port: the meter is back in mode E at 300 Bd.
"$dlms" --serial "$pty" $(mgmt 1000) --timeout-ms 5000 get 3 1.0.1.8.0.255 3 \
  >"$work/dlms.txt" 2>&1 || { cat "$work/dlms.txt"; fail "second msdk-dlms session failed"; }
grep -q 'integer -3' "$work/dlms.txt" || fail "scaler_unit: $(cat "$work/dlms.txt")"
pass "msdk-dlms again on the same port as the management client: scaler_unit of +A"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

# ---- msdk-dlms over the wrapper (TCP) ----------------------------------------------------
: >"$work/out.txt"
(cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --control-tcp off --no-wan-pty \
  --optical-tcp off --start-time 2026-06-15T12:00:00Z) >"$work/out.txt" 2>&1 &
pid=$!
listen_port net net network
net=127.0.0.1:$net
dl() { "$dlms" --tcp "$net" --timeout-ms 5000 "$@"; }
# Three clients at once, each with its own association.
dl list >"$work/l16.txt" 2>&1 &
a=$!
dl --client 2 --password 12345678 list >"$work/l2.txt" 2>&1 &
b=$!
dl $(mgmt 2000) list >"$work/l1.txt" 2>&1 &
c=$!
wait "$a" && wait "$b" && wait "$c" || fail "parallel list: $(cat "$work"/l*.txt)"
grep -q '^7 objects' "$work/l16.txt" || fail "public list: $(cat "$work/l16.txt")"
grep -q '^88 objects' "$work/l2.txt" || fail "reader list: $(cat "$work/l2.txt")"
grep -q '^96 objects' "$work/l1.txt" || fail "management list: $(cat "$work/l1.txt")"
pass "wrapper: three clients at once (public, LLS, HLS 5 ciphered) see 7 / 88 / 96 objects"
dl $(mgmt 3000) --pdu 256 -v get 15 0.0.40.0.0.255 2 >"$work/g.txt" 2>&1 ||
  fail "object list at PDU 256: $(cat "$work/g.txt")"
grep -q '^array\[96\]' "$work/g.txt" && [ "$(grep -c '^<< CC' "$work/g.txt")" -gt 2 ] ||
  fail "object list at PDU 256 not in blocks: $(head -20 "$work/g.txt")"
pass "wrapper: the object list in GET blocks at PDU 256"
if dl set 8 0.0.1.0.0.255 2 datetime 2026-04-01T08:30:00 >"$work/s.txt" 2>&1; then
  fail "the public client set the clock"
fi
grep -q 'read-write-denied\|exception\|service' "$work/s.txt" || fail "public SET: $(cat "$work/s.txt")"
dl $(mgmt 4000) set 8 0.0.1.0.0.255 2 datetime 2026-04-01T08:30:00 \
  >"$work/s.txt" 2>&1 || fail "management SET clock: $(cat "$work/s.txt")"
dl get 8 0.0.1.0.0.255 2 >"$work/c.txt" 2>&1 || fail "GET clock: $(cat "$work/c.txt")"
# The SET is in UTC (deviation 0); the meter answers in its local time, CEST (+02:00).
grep -Eq '\(2026-04-01T10:3.*\+02:00\)' "$work/c.txt" || fail "clock after SET: $(cat "$work/c.txt")"
pass "wrapper: the management client sets the clock (read back in local time); the public client may not"
# A connection that sends a wrapper header of another version gets no answer (the meter
# closes it); the other clients go on.
exec 4<>"/dev/tcp/${net%:*}/${net#*:}"
printf '\x00\x02\x00\x10\x00\x01\x00\x05hello' >&4
if timeout 5 dd bs=1 count=1 <&4 2>/dev/null | od -An -tx1 | grep -q .; then
  fail "a wrapper header of version 2 got an answer"
fi
exec 4>&-
dl list >"$work/l16.txt" 2>&1 || fail "list after a bad connection: $(cat "$work/l16.txt")"
pass "wrapper: a header of another version gets no answer; the other clients go on"
if dl --client 2 --password 87654321 list >"$work/w.txt" 2>&1; then
  fail "a wrong password was accepted"
fi
grep -q 'authentication-failure' "$work/w.txt" || fail "wrong password: $(cat "$work/w.txt")"
pass "wrapper: a wrong LLS password is rejected (authentication-failure)"

kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

# ---- The load profile 1.0.99.1.0.255: 175 days x 96 rows, selective access ---------------
# Stepped simulated time from 2026-01-01T00:00Z: `clock step` runs 175 days (a capture
# every 15 minutes from the start: 16,801 rows), then the ring wraps. The profile lives in
# the data NVM (docs/nvm-format.md): 214 sectors of 79 rows, 16,827 rows when full; the
# first wrap comes when row 16,907 needs the oldest sector, and evicts its 79 rows.
# Columns: clock, AMR status 0.0.96.10.1.255, +A, -A, +R, -R.
rm -f "$work/ma304h4-nvm.bin" # a new meter: the runs above left mid-2026 rows in its flash
start_stepped 2026-01-01T00:00:00Z
exec 5<>"/dev/tcp/127.0.0.1/$ctl"
step() { # ms of simulated time; replies when done
  local reply
  printf 'clock step %s\n' "$1" >&5
  IFS= read -r -t 300 reply <&5 || fail "no reply to clock step $1"
  [[ $reply == ok\ time_ms=* ]] || fail "clock step $1: $reply"
}
rd() { "$dlms" --tcp "$net" --timeout-ms 10000 --client 2 --password 12345678 "$@"; }
entries() { rd get 7 1.0.99.1.0.255 7 2>/dev/null | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p'; }
# rows FILE: the capture times of a profile answer, one per line (a row's first date-time: the
# monthly billing rows have the maximum demand's times too)
rows() {
  awk '/^  structure/ { n = 0 }
       /^    octet-string\[12\] .*\(.*\)$/ { if (n++ == 0) { t = $NF; gsub(/[()]/, "", t); print t } }' "$1"
}
step $((175 * 86400 * 1000))
n=$(entries)
[ "${n:-0}" -eq 16801 ] || fail "after 175 days the load profile has ${n:-no} entries, not 16801"
pass "load profile: 175 days of simulated time captured 16801 entries (entries_in_use)"
rd get 7 1.0.99.1.0.255 8 >"$work/p.txt" 2>&1 && grep -q '^double-long-unsigned 16827$' "$work/p.txt" ||
  fail "profile_entries: $(cat "$work/p.txt")"
rd get-entry 7 1.0.99.1.0.255 2 1 2 >"$work/p.txt" 2>&1 || fail "get-entry: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-01-01T00:00:00Z 2026-01-01T00:15:00Z " ] ||
  fail "get-entry 1..2: $(cat "$work/p.txt")"
rd get-entry 7 1.0.99.1.0.255 2 16800 16801 >"$work/p.txt" 2>&1 || fail "get-entry: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-24T23:45:00Z 2026-06-25T00:00:00Z " ] ||
  fail "get-entry 16800..16801: $(cat "$work/p.txt")"
rd get-entry 7 1.0.99.1.0.255 2 16801 20000 >"$work/p.txt" 2>&1 || fail "get-entry: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-25T00:00:00Z " ] ||
  fail "get-entry 16801..20000: $(cat "$work/p.txt")"
pass "load profile by entry: 1..2, 16800..16801 and 16801..20000 (clipped) of 16801"
# The AMR status column: the first two rows follow the start (power down, 0x80), the
# third has none.
rd get-entry 7 1.0.99.1.0.255 2 1 3 2 2 >"$work/p.txt" 2>&1 || fail "status: $(cat "$work/p.txt")"
[ "$(sed -n 's/^    unsigned \([0-9]*\)$/\1/p' "$work/p.txt" | tr '\n' ' ')" = "128 128 0 " ] ||
  fail "AMR status of rows 1..3: $(cat "$work/p.txt")"
pass "load profile: AMR status 0x80 (power down) on the rows of the start period, then 0"
# One column of every row (+A; the AFE is off here: sim.storage checks the values).
rd get-entry 7 1.0.99.1.0.255 2 1 16801 3 3 >"$work/p.txt" 2>&1 || fail "+A: $(tail -3 "$work/p.txt")"
sed -n 's/^    long64-unsigned \([0-9]*\)$/\1/p' "$work/p.txt" >"$work/a.txt"
[ "$(wc -l <"$work/a.txt")" -eq 16801 ] && sort -n -c "$work/a.txt" ||
  fail "the +A column is not 16801 non-decreasing values"
pass "load profile: column +A of all 16801 rows by entry"
# The billing profiles: a daily row at every local midnight from 2 January to 25 June (175),
# a monthly one at the end of each billing period, local midnight starting 1 February ..
# 1 June (CET, then CEST from 29 March); the power quality profile is full.
rd get 7 1.0.99.2.0.255 7 >"$work/p.txt" 2>&1 && grep -q '^double-long-unsigned 175$' "$work/p.txt" ||
  fail "daily entries: $(cat "$work/p.txt")"
rd get-range 7 1.0.99.2.0.255 2 2026-03-28T23:00:00 2026-03-30T22:00:00 >"$work/p.txt" 2>&1 ||
  fail "daily by range: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-03-28T23:00:00Z 2026-03-29T22:00:00Z \
2026-03-30T22:00:00Z " ] || fail "daily by range: $(cat "$work/p.txt")"
rd get 7 0.0.98.1.0.255 2 >"$work/p.txt" 2>&1 || fail "monthly: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-01-31T23:00:00Z 2026-02-28T23:00:00Z \
2026-03-31T22:00:00Z 2026-04-30T22:00:00Z 2026-05-31T22:00:00Z " ] ||
  fail "monthly rows: $(cat "$work/p.txt")"
n=$(rd get 7 1.0.99.1.1.255 7 2>/dev/null | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
# Its log holds 1024 + up to 31 rows (a sector more than its capacity): the buffer shows the
# newest 1024 (profile_entries).
[ "${n:-0}" -eq 1024 ] || fail "power quality entries: ${n:-none}, not 1024"
pass "billing profiles: 175 daily rows (by range: 3 local midnights over the DST change), 5 monthly rows; power quality: $n rows"
rd get-range 7 1.0.99.1.0.255 2 2026-03-01T00:00:00 2026-03-01T01:00:00 >"$work/p.txt" 2>&1 ||
  fail "get-range: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-03-01T00:00:00Z 2026-03-01T00:15:00Z \
2026-03-01T00:30:00Z 2026-03-01T00:45:00Z 2026-03-01T01:00:00Z " ] || fail "get-range: $(cat "$work/p.txt")"
pass "load profile by range 2026-03-01 00:00..01:00 in 16801 rows: the 5 captures of that hour"
rd --pdu 256 -v get-range 7 1.0.99.1.0.255 2 2026-04-10T00:00:00 2026-04-11T00:00:00 \
  >"$work/p.txt" 2>"$work/v.txt" || fail "get-range at PDU 256: $(tail -5 "$work/v.txt")"
got=$(rows "$work/p.txt")
[ "$(wc -l <<<"$got")" -eq 97 ] && [ "$(head -n 1 <<<"$got")" = 2026-04-10T00:00:00Z ] &&
  [ "$(tail -n 1 <<<"$got")" = 2026-04-11T00:00:00Z ] && grep -q '^<< C4 02' "$work/v.txt" ||
  fail "a day by range at PDU 256: $(grep -c . <<<"$got") rows"
pass "load profile: one day by range (97 rows) in GET blocks at PDU 256"
# Restricted columns: by range with selected_values (the clock and -A), by entry with
# columns 2..3 (+A and -A, no clock).
rd get-range 7 1.0.99.1.0.255 2 2026-03-01T00:00:00 2026-03-01T00:30:00 8/0.0.1.0.0.255/2 \
  3/1.0.2.8.0.255/2 >"$work/p.txt" 2>&1 || fail "get-range with columns: $(cat "$work/p.txt")"
[ "$(grep -c '^  structure\[2\]$' "$work/p.txt")" -eq 3 ] &&
  [ "$(grep -c '^    long64-unsigned' "$work/p.txt")" -eq 3 ] &&
  [ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-03-01T00:00:00Z 2026-03-01T00:15:00Z \
2026-03-01T00:30:00Z " ] || fail "range with columns clock, -A: $(cat "$work/p.txt")"
rd get-entry 7 1.0.99.1.0.255 2 100 101 3 4 >"$work/p.txt" 2>&1 ||
  fail "get-entry with columns: $(cat "$work/p.txt")"
[ "$(grep -c '^  structure\[2\]$' "$work/p.txt")" -eq 2 ] &&
  [ "$(grep -c '^    long64-unsigned' "$work/p.txt")" -eq 4 ] && ! grep -q 'octet-string' "$work/p.txt" ||
  fail "entries 100..101, columns 3..4: $(cat "$work/p.txt")"
pass "load profile: restricted columns by range (clock, -A) and by entry (columns 3..4)"
rd get-range 7 1.0.99.1.0.255 2 2025-12-01T00:00:00 2025-12-31T00:00:00 >"$work/p.txt" 2>&1 ||
  fail "get-range before the first row: $(cat "$work/p.txt")"
grep -q '^array\[0\]' "$work/p.txt" || fail "range before the first row: $(cat "$work/p.txt")"
pass "load profile: a range before the first row is an empty array"
# 27 hours more (108 rows, 16,909 in all): row 16,907 took the oldest sector, its 79 rows
# are gone: 16,830 remain in the log, rows 80..16,909. The buffer shows the newest 16,827
# (profile_entries, never more): rows 83..16,909, the oldest at 82 x 15 min, 20:30.
step $((27 * 3600000))
n=$(entries)
[ "${n:-0}" -eq 16827 ] || fail "after the wrap the load profile has ${n:-no} entries, not 16827"
rd get-entry 7 1.0.99.1.0.255 2 1 1 >"$work/p.txt" 2>&1 || fail "get-entry: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt")" = 2026-01-01T20:30:00Z ] || fail "oldest after the wrap: $(cat "$work/p.txt")"
rd get-range 7 1.0.99.1.0.255 2 2026-06-26T02:30:00 2026-06-26T04:00:00 >"$work/p.txt" 2>&1 ||
  fail "get-range: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-26T02:30:00Z 2026-06-26T02:45:00Z \
2026-06-26T03:00:00Z " ] || fail "range across the wrap: $(cat "$work/p.txt")"
pass "load profile after the ring wraps: 16827 rows (profile_entries), oldest 20:30, newest rows by range"
if "$dlms" --tcp "$net" --timeout-ms 5000 get 7 1.0.99.1.0.255 2 >"$work/p.txt" 2>&1; then
  fail "the public client read the load profile"
fi
pass "load profile hidden from the public client"
# ACTION reset (method 1): refused to the reader, done for the management client.
if rd action 7 1.0.99.1.0.255 1 i8 0 >"$work/a.txt" 2>&1; then
  fail "the reader reset the load profile"
fi
grep -q 'read-write-denied\|exception-response' "$work/a.txt" || fail "reader ACTION: $(cat "$work/a.txt")"
"$dlms" --tcp "$net" --timeout-ms 5000 $(mgmt 5000) action 7 1.0.99.1.0.255 1 \
  i8 0 >"$work/a.txt" 2>&1 || fail "management ACTION reset: $(cat "$work/a.txt")"
n=$(rd get 7 1.0.99.1.0.255 7 2>/dev/null | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
[ "${n:-9}" -eq 0 ] || fail "entries after reset: ${n:-none}"
rd get 1 0.0.96.11.0.255 2 >"$work/p.txt" 2>&1 && grep -q '^unsigned 254$' "$work/p.txt" ||
  fail "last standard event after the reset: $(cat "$work/p.txt")"
pass "ACTION reset of the load profile: refused to the reader, done by the management client (event 254)"
# The reset is in the flash: after a kill -9 the profile is still empty, and the next
# boundary starts it again.
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
exec 5>&-
start_stepped 2026-06-26T03:05:00Z
exec 5<>"/dev/tcp/127.0.0.1/$ctl"
# Rows: the start's catch-up row (03:00, power down), then 03:15 (power down: its period
# began before the start); none of the 16,830 cleared ones.
step 600000
rd get 7 1.0.99.1.0.255 2 >"$work/p.txt" 2>&1 || fail "after restart: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-26T03:00:00Z 2026-06-26T03:15:00Z " ] ||
  fail "rows after the reset and a restart: $(cat "$work/p.txt")"
pass "load profile reset survives kill -9; after the restart only the new rows are there"

# ---- The load profile's channels and period, set by the management client ----------------
# capture_objects := {clock, AMR status, V1 1.0.32.7.0.255, +A 1.0.1.8.0.255}, then
# capture_period := 300 s. Each change clears the profile (event 254), saves the selection
# (event 47) and mounts the profile again with its period (not a start: no power down bit
# in its rows). The clock stands at 03:15:00.
# shellcheck disable=SC2046 # $(mgmt N) expands to several options on purpose
mg() { "$dlms" --tcp "$net" --timeout-ms 5000 $(mgmt "$1") "${@:2}"; }
capdef() { printf '020412%04x0906%s0f02120000' "$1" "$2"; } # class, logical name (hex)
lp_cols="0104$(capdef 8 0000010000ff)$(capdef 1 0000600a01ff)$(capdef 3 0100200700ff)\
$(capdef 3 0100010800ff)"
# sel FILE: the capture objects of a GET of attribute 3, class/(name)/attribute/index each
sel() {
  awk '/^  structure/ { if (s != "") print s; s = "" }
       /^    / { s = s (s == "" ? "" : "/") $NF }
       END { if (s != "") print s }' "$1" | tr '\n' ' '
}
want_sel="8/(0.0.1.0.0.255)/2/0 1/(0.0.96.10.1.255)/2/0 3/(1.0.32.7.0.255)/2/0 3/(1.0.1.8.0.255)/2/0 "
# check_sel WHAT: capture objects and period as set above
check_sel() {
  rd get 7 1.0.99.1.0.255 3 >"$work/c3.txt" 2>&1 || fail "$1: GET capture_objects: $(cat "$work/c3.txt")"
  [ "$(sel "$work/c3.txt")" = "$want_sel" ] || fail "$1: capture_objects: $(cat "$work/c3.txt")"
  rd get 7 1.0.99.1.0.255 4 >"$work/c4.txt" 2>&1 || fail "$1: GET capture_period: $(cat "$work/c4.txt")"
  grep -q '^double-long-unsigned 300$' "$work/c4.txt" || fail "$1: capture_period: $(cat "$work/c4.txt")"
}
# types FILE: the types of each row's cells, a/b/c/d per row
types() {
  awk '/^  structure/ { if (s != "") print s; s = "" }
       /^    / { s = s (s == "" ? "" : "/") $1 }
       END { if (s != "") print s }' "$1" | sort -u
}
std_events() { rd get 7 0.0.99.98.0.255 2 | sed -n 's/^    unsigned \([0-9]*\)$/\1/p' | tr '\n' ' '; }
mg 6000 set 7 1.0.99.1.0.255 3 data-hex "$lp_cols" >"$work/s.txt" 2>&1 ||
  fail "SET capture_objects: $(cat "$work/s.txt")"
mg 6100 set 7 1.0.99.1.0.255 4 u32 300 >"$work/s.txt" 2>&1 || fail "SET capture_period: $(cat "$work/s.txt")"
check_sel "after the SETs"
[[ "$(std_events)" == *" 254 47 254 47 " ]] || fail "events of the changes: $(std_events)"
pass "load profile: the management client sets {clock, status, V1, +A} and 300 s (events 254, 47 each)"
step 600000
rd get 7 1.0.99.1.0.255 2 >"$work/p.txt" 2>&1 || fail "buffer after the change: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-26T03:15:00Z 2026-06-26T03:20:00Z \
2026-06-26T03:25:00Z " ] || fail "rows after the change: $(cat "$work/p.txt")"
# AMR status 8: daylight saving time (CEST) and nothing else.
[ "$(sed -n 's/^    unsigned \([0-9]*\)$/\1/p' "$work/p.txt" | tr '\n' ' ')" = "8 8 8 " ] ||
  fail "AMR status after the change: $(cat "$work/p.txt")"
v1_type=$(rd get 3 1.0.32.7.0.255 2 | awk 'NR == 1 { print $1 }')
a_type=$(rd get 3 1.0.1.8.0.255 2 | awk 'NR == 1 { print $1 }')
[ -n "$v1_type" ] && [ -n "$a_type" ] || fail "register types: '$v1_type' '$a_type'"
[ "$(types "$work/p.txt")" = "octet-string[12]/unsigned/$v1_type/$a_type" ] ||
  fail "cell types (V1 $v1_type, +A $a_type): $(types "$work/p.txt")"
pass "load profile: rows 03:15, 03:20, 03:25 of 4 columns, V1 as $v1_type, +A as $a_type"
# Refused: a SET by the reader; a channel that is not a register of the meter (1.0.99.8.0.255),
# a period of 420 s; nothing changes (selection, rows, standard log).
n_events=$(std_events)
if rd set 7 1.0.99.1.0.255 4 u32 600 >"$work/s.txt" 2>&1; then
  fail "the reader set the capture period"
fi
bad_cols="0103$(capdef 8 0000010000ff)$(capdef 1 0000600a01ff)$(capdef 3 0100630800ff)"
if mg 6200 set 7 1.0.99.1.0.255 3 data-hex "$bad_cols" >"$work/s.txt" 2>&1; then
  fail "a channel that is no register was taken"
fi
grep -q 'other-reason' "$work/s.txt" || fail "SET of a channel that is no register: $(cat "$work/s.txt")"
if mg 6300 set 7 1.0.99.1.0.255 4 u32 420 >"$work/s.txt" 2>&1; then
  fail "a period of 420 s was taken"
fi
grep -q 'other-reason' "$work/s.txt" || fail "SET of 420 s: $(cat "$work/s.txt")"
check_sel "after the refused SETs"
rd get 7 1.0.99.1.0.255 2 >"$work/p2.txt" 2>&1 && cmp -s "$work/p.txt" "$work/p2.txt" ||
  fail "rows after the refused SETs: $(cat "$work/p2.txt")"
[ "$(std_events)" = "$n_events" ] || fail "events after the refused SETs: $(std_events)"
pass "load profile: SET refused to the reader, a channel that is no register and 420 s refused; nothing changed"
# The selection is in the flash: after a kill -9 (at 03:25) the profile goes on at 300 s.
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
exec 5>&-
start_stepped 2026-06-26T03:27:00Z
exec 5<>"/dev/tcp/127.0.0.1/$ctl"
check_sel "after kill -9"
step 300000
rd get 7 1.0.99.1.0.255 2 >"$work/p.txt" 2>&1 || fail "buffer after restart: $(cat "$work/p.txt")"
[ "$(rows "$work/p.txt" | tr '\n' ' ')" = "2026-06-26T03:15:00Z 2026-06-26T03:20:00Z \
2026-06-26T03:25:00Z 2026-06-26T03:30:00Z " ] || fail "rows after restart: $(cat "$work/p.txt")"
[ "$(types "$work/p.txt")" = "octet-string[12]/unsigned/$v1_type/$a_type" ] ||
  fail "cell types after restart: $(types "$work/p.txt")"
pass "load profile selection survives kill -9: 300 s, {clock, status, V1, +A}, the next row at 03:30"

# ---- A profile read in blocks while its ring evicts (examples/ma304h4/src/dlms.h) ---------
# The power quality profile 1.0.99.1.1.255 takes a row every 10 minutes from the start at
# 2026-01-01T00:00Z; its log is 33 sectors of 32 rows (docs/nvm-format.md): after row
# 1,056 (33 x 32) fills the ring, the oldest sector is evicted (rows 1..32), then again
# after every 32 rows (after rows 1,088, 1,120, ...). Its buffer shows the newest 1,024
# rows (profile_entries). A read keeps the rows it began with: rows captured meanwhile are
# not in it, and a row evicted before the read reaches it ends the read with an error
# (data-access-result), never with a jump. The reads go over a raw wrapper connection as
# the reader (the published LLS AARQ above), which steps the clock between its blocks.
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
exec 5>&-
rm -f "$work/ma304h4-nvm.bin"
start_stepped 2026-01-01T00:00:00Z
exec 5<>"/dev/tcp/127.0.0.1/$ctl"
# Rows 1..1087 (00:00 .. 1086 x 10 min = 2026-01-08T13:00), then a minute: the log keeps
# rows 33..1087 (1055), the buffer shows rows 64..1087 (10:30 on 2026-01-01 onwards).
step $(((1086 * 600 + 60) * 1000))
qn=$(rd get 7 1.0.99.1.1.255 7 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
qmax=$(rd get 7 1.0.99.1.1.255 8 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
[ "${qn:-0}" -eq 1024 ] && [ "${qmax:-0}" -eq 1024 ] ||
  fail "power quality with 1055 rows in its log: entries ${qn:-none}, profile entries ${qmax:-none}"
pass "power quality, 1055 rows in the log: entries in use 1024 = profile entries"
exec 6<>"/dev/tcp/127.0.0.1/${net#*:}"
wsend() { # APDU hex -> fd 6, in a wrapper frame from the reader (wPort 2) to the meter (1)
  local n b out=""
  n=$(wc -w <<<"$1")
  for b in 00 01 00 02 00 01 $(printf '%02x %02x' $((n >> 8)) $((n & 255))) $1; do out+="\\x$b"; done
  printf '%b' "$out" >&6
}
wrecv() { # r := the APDU of the next wrapper frame on fd 6, lower-case hex without spaces
  local h
  h=$(timeout 10 dd bs=8 count=1 iflag=fullblock <&6 2>/dev/null | od -An -tx1 -v | tr -d ' \n')
  [ "${#h}" -eq 16 ] || fail "no wrapper frame from the meter (got '$h')"
  r=$(timeout 10 dd bs=$((0x${h:12:4})) count=1 iflag=fullblock <&6 2>/dev/null | od -An -tx1 -v | tr -d ' \n')
}
# blk: appends to data the raw data of the GET-Response-With-Datablock in r (c4 02 invoke,
# last-block, block-number, then [0] raw-data: a length and the bytes); fails on anything
# else.
blk() {
  [ "${r:0:6}" = c402c1 ] && [ "${r:16:2}" = 00 ] || fail "not a data block: ${r:0:40}"
  case "${r:18:2}" in
  81) data+=${r:22} ;;
  82) data+=${r:24} ;;
  *) if [ $((0x${r:18:2})) -lt 128 ]; then data+=${r:20}; else fail "raw-data length ${r:18:6}"; fi ;;
  esac
}
# qrows HEX: the capture times of power quality rows (raw data after the array header,
# 78 bytes a row: structure of 14, the date-time, the status, 12 double-long-unsigned), as
# minutes since 2026-01-01T00:00 (the rows are in January 2026).
qrows() {
  awk 'function hx(s, i, v) {
         v = 0
         for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
         return v
       }
       {
         for (p = 1; p + 155 <= length($0); p += 156) {
           if (substr($0, p, 8) != "020e090c" || substr($0, p + 32, 2) != "11") { print "bad"; exit }
           print ((hx(substr($0, p + 14, 2)) - 1) * 24 + hx(substr($0, p + 18, 2))) * 60 + hx(substr($0, p + 20, 2))
         }
         if ((length($0) % 156) != 0) print "bad"
       }' <<<"$1"
}
get_q="c0 01 c1 00 07 01 00 63 01 01 ff 02 00" # GET 1.0.99.1.1.255 attribute 2
next_q() { wsend "c0 02 c1 $(printf '%08x' "$1" | sed 's/../& /g')"; } # GET next after block $1
wsend "$lls_aarq"
wrecv
[[ $r == 6129a109060760857405080101a203020100* ]] || fail "raw wrapper AARE: $r"
# Read 1: the first block (rows 64..69), then a row (1088) whose capture evicts rows 33..64:
# row 64 was sent already; the read goes on with 65.. and ends at 1087.
wsend "$get_q"
wrecv
data=""
blk
[ "${data:0:8}" = 01820400 ] || fail "read 1 announces ${data:0:8}, not array[1024]"
data=${data:8}
step 600000
k=1
while [ "${r:6:2}" = 00 ] && [ "$k" -lt 400 ]; do
  next_q "$k"
  wrecv
  blk
  k=$((k + 1))
done
[ "${r:6:2}" = 01 ] || fail "read 1 did not end"
qrows "$data" >"$work/q.txt"
awk -v first=630 -v n=1024 'NR == 1 && $1 != first { bad = 1 }
  NR > 1 && $1 != prev + 10 { bad = 1 } { prev = $1 } END { exit (bad || NR != n || prev != 10860) }' \
  "$work/q.txt" || fail "read 1 across an eviction: $(wc -l <"$work/q.txt") rows, $(head -n 3 "$work/q.txt" | tr '\n' ' ').. $(tail -n 3 "$work/q.txt" | tr '\n' ' ')"
pass "power quality read in $k blocks while row 1088 evicted rows 33..64: rows 64..1087, 10 min apart, none skipped, none added"
# Read 2: it begins with 1024 rows in the log (65..1088); the first block sends rows 65..70,
# then 32 rows (1089..1120) evict rows 65..96: the next block is an error, not row 103.
wsend "$get_q"
wrecv
data=""
blk
[ "${data:0:8}" = 01820400 ] && [ "$(qrows "${data:8}" | head -n 1)" = 640 ] ||
  fail "read 2 begins with ${data:0:40}"
step $((32 * 600000))
next_q 1
wrecv
# c4 02 c1, last block, block 2, [1] data-access-result (not success)
[[ $r =~ ^c402c1010000000201[0-9a-f]{2}$ ]] && [ "${r:18:2}" != 00 ] ||
  fail "read 2 after its unread rows were evicted: ${r:0:60}"
exec 6>&-
pass "power quality read whose unread rows were evicted: the next block is a data-access-result"

# ---- The management client's budgets (examples/ma304h4/src/profiles.h) ------------------
# Each profile takes from the management client 4 captures at once, then one more per
# interval of uptime (2 h for the billing profiles), and 2 resets at once, then one more
# per 24 h (the load profile's changes of capture_objects and capture_period are resets).
# A call over the budget answers temporary-failure and changes nothing. The monthly
# billing profile 0.0.98.1.0.255 has no row yet (the meter has not seen a new month).
ic=7000
mgi() { # the management client with a new invocation counter each time
  ic=$((ic + 100))
  mg "$ic" "$@"
}
m_entries() { rd get 7 0.0.98.1.0.255 7 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p'; }
# refused WHAT FILE COMMAND...: the management client's COMMAND answers temporary-failure
refused() {
  if mgi "${@:3}" >"$2" 2>&1; then
    fail "$1 was taken"
  fi
  grep -q 'temporary-failure' "$2" || fail "$1: $(cat "$2")"
}
for k in 1 2 3 4; do
  mgi action 7 0.0.98.1.0.255 2 i8 0 >"$work/a.txt" 2>&1 || fail "capture $k: $(cat "$work/a.txt")"
done
[ "$(m_entries)" = 4 ] || fail "monthly entries after 4 captures: $(m_entries)"
rd get 7 0.0.98.1.0.255 2 >"$work/m1.txt" 2>&1 || fail "monthly: $(cat "$work/m1.txt")"
refused "a fifth capture at once" "$work/a.txt" action 7 0.0.98.1.0.255 2 i8 0
rd get 7 0.0.98.1.0.255 2 >"$work/m2.txt" 2>&1 && cmp -s "$work/m1.txt" "$work/m2.txt" ||
  fail "a refused capture changed the rows: $(cat "$work/m2.txt")"
pass "monthly billing: 4 captures at once taken, the fifth answered temporary-failure, rows unchanged"
mgi action 7 0.0.98.1.0.255 1 i8 0 >"$work/a.txt" 2>&1 || fail "reset 1: $(cat "$work/a.txt")"
[ "$(m_entries)" = 0 ] || fail "monthly entries after a reset: $(m_entries)"
step 7200000 # 2 h: one more capture
mgi action 7 0.0.98.1.0.255 2 i8 0 >"$work/a.txt" 2>&1 || fail "capture after 2 h: $(cat "$work/a.txt")"
refused "a second capture within 2 h" "$work/a.txt" action 7 0.0.98.1.0.255 2 i8 0
mgi action 7 0.0.98.1.0.255 1 i8 0 >"$work/a.txt" 2>&1 || fail "reset 2: $(cat "$work/a.txt")"
step 7200000
mgi action 7 0.0.98.1.0.255 2 i8 0 >"$work/a.txt" 2>&1 || fail "capture after 4 h: $(cat "$work/a.txt")"
[ "$(m_entries)" = 1 ] || fail "monthly entries: $(m_entries)"
rd get 7 0.0.98.1.0.255 2 >"$work/m1.txt" 2>&1 || fail "monthly: $(cat "$work/m1.txt")"
refused "a third reset within 24 h" "$work/a.txt" action 7 0.0.98.1.0.255 1 i8 0
rd get 7 0.0.98.1.0.255 2 >"$work/m2.txt" 2>&1 && cmp -s "$work/m1.txt" "$work/m2.txt" ||
  fail "a refused reset changed the rows: $(cat "$work/m2.txt")"
pass "monthly billing: 2 resets at once, the third answered temporary-failure (rows kept); a capture per 2 h"
step 86400000 # 24 h: one more reset, not two
mgi action 7 0.0.98.1.0.255 1 i8 0 >"$work/a.txt" 2>&1 || fail "reset after 24 h: $(cat "$work/a.txt")"
[ "$(m_entries)" = 0 ] || fail "monthly entries after the reset: $(m_entries)"
refused "a second reset after 24 h" "$work/a.txt" action 7 0.0.98.1.0.255 1 i8 0
pass "monthly billing: 24 h later one more reset, and only one"
# The load profile: two changes of its period at once, the third refused (it would clear
# the profile once more); the period stays.
mgi set 7 1.0.99.1.0.255 4 u32 300 >"$work/s.txt" 2>&1 || fail "SET 300 s: $(cat "$work/s.txt")"
mgi set 7 1.0.99.1.0.255 4 u32 600 >"$work/s.txt" 2>&1 || fail "SET 600 s: $(cat "$work/s.txt")"
refused "a third change of the load profile at once" "$work/s.txt" set 7 1.0.99.1.0.255 4 u32 900
rd get 7 1.0.99.1.0.255 4 >"$work/c4.txt" 2>&1 && grep -q '^double-long-unsigned 600$' "$work/c4.txt" ||
  fail "period after a refused change: $(cat "$work/c4.txt")"
pass "load profile: 2 changes of capture_period at once, the third answered temporary-failure (600 s kept)"

echo "sim_dlms: $passed checks passed"
