#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# DLMS security of the meter simulator end to end, with msdk-dlms over the DLMS wrapper
# (TCP): HLS 3, 4, 5, 6 and 7 associations with the right and a wrong secret or key; the
# policy of the management association (authenticated encryption) against a plain and an
# authentication-only client; a replayed invocation counter (a new session reusing it, and
# the same ciphered APDU sent again on its association with msdk-dlms --replay); the
# ciphered RLRQ/RLRE of the management association; key_transfer of a new encryption key
# (then the old key fails and the new one works, also after a restart), and the NVM state of
# a power cut between the keys copy and the counters copy of that change (the new key with
# its client counter restarted; the reverse mix is refused); lockout after three
# failed authentications, kept across a power cut, and lifted after the lockout time of
# simulated time, and a lockout that ran out not brought back by a power cut; power cuts
# (kill -9) that must never make the meter reuse a transmit invocation counter value; each
# security setup's own server system title (setups 0 and 1 never share an AES-GCM nonce);
# the access rights of test client 6, which ask for more security than
# its policy (per attribute and method, GET, SET and ACTION, plain and ciphered context, and the
# version 3 object list that shows it). On new NVMs: the counters store erased under its keys
# (ciphering refused, no counter restarted), damage in a security store (NVM error event and
# error register bit), test client 6 spending its own save budget without taking the
# management client's, key changes over the keys save budget (refused before any success).
# Then HLS 3, 4, 5, 6 and 7 again over HDLC on the optical port
# (IEC 62056-21 mode E sign-on, then HDLC, on the simulator's pty, as sim_dlms.sh does).
# Usage: sim_security.sh <path to ma304h4-sim> <path to msdk-dlms>
set -euo pipefail
# shellcheck source=tests/integration/sim_lib.sh
source "$(dirname "$0")/sim_lib.sh" "$1"
dlms=$2

EK=000102030405060708090A0B0C0D0E0F
AK=D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF
KEK=000102030405060708090A0B0C0D0E0F
TITLE=4D4D4D0000000001

# Starts the simulator (stepped time) in $work, keeping its NVM file across starts.
start() { start_stepped 2026-05-01T00:00:00Z; }
cut() { # power cut: no shutdown of any kind
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
key() { sed -n "s/^dlms: test key $1 \([0-9A-F]*\)$/\1/p" "$work/out.txt" | head -n 1; }
step() { # ms of simulated time
  local reply
  exec 5<>"/dev/tcp/127.0.0.1/$ctl"
  printf 'clock step %s\n' "$1" >&5
  IFS= read -r -t 60 reply <&5 || fail "no reply to clock step $1"
  exec 5>&-
  [[ $reply == ok\ time_ms=* ]] || fail "clock step $1: $reply"
}
d() { "$dlms" --tcp "$net" --timeout-ms 10000 "$@"; }
# The counter the management client (setup 0) or test clients 6/7 (setup 1) must use next,
# as the meter says (0.0.43.1.0.255, 0.0.43.1.1.255): next_ic_of CLIENT SETUP through CLIENT
# (d or ds), next_ic [SETUP] through d.
next_ic_of() { "$1" get 1 "0.0.43.1.$2.255" 2 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p'; }
next_ic() { next_ic_of d "${1:-0}"; }
# mg EK [options...] COMMAND...: the management client (HLS 5, authenticated encryption).
mg() {
  local ek=$1
  shift
  d --client 1 --auth hls5 --system-title "$TITLE" --ek "$ek" --ak "$AK" --ic "$(next_ic)" "$@"
}
clock_ok() { grep -q '^octet-string\[12\] 07 EA ' "$1"; }
# Test client 6 (HLS 6, security setup 1: suite 1, no policy) in the ciphered context; its
# access rights ask for more security than the policy (see examples/ma304h4/src/dlms.c).
# c6 [options...] COMMAND...
c6() {
  d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" --suite 1 \
    --ek "$EK" --ak "$AK" --ic "$(next_ic 1)" "$@"
}
# hls_secret_checks CLIENT TAG: through CLIENT (d or ds), HLS 3, 4 and 6 with the right
# secret associate and read the clock, with a wrong one are refused. TAG starts the messages.
# (Client 6 may read the time only in authenticated and encrypted requests: ciphered.)
hls_secret_checks() {
  local m
  local -a ciph
  for m in 3 4 6; do
    ciph=()
    if [ "$m" = 6 ]; then
      ciph=(--suite 1 --ek "$EK" --ak "$AK" --ic "$(next_ic_of "$1" 1)")
    fi
    "$1" --client "$m" --auth "hls$m" --system-title "$TITLE" --secret msdk-test-secret "${ciph[@]}" \
      get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
      fail "$2HLS $m with the right secret: $(cat "$work/r.txt")"
    if [ "$m" = 6 ]; then
      ciph=(--suite 1 --ek "$EK" --ak "$AK" --ic "$(next_ic_of "$1" 1)")
    fi
    if "$1" --client "$m" --auth "hls$m" --system-title "$TITLE" --secret msdk-test-secreT "${ciph[@]}" \
      get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
      fail "$2HLS $m accepted a wrong secret"
    fi
    grep -q 'HLS authentication refused' "$work/r.txt" ||
      fail "$2HLS $m wrong secret: $(cat "$work/r.txt")"
    pass "$2HLS $m: the right secret associates and reads the clock; a wrong one is refused in pass 3"
  done
}
# hls7_checks CLIENT TAG: through CLIENT, HLS 7 with the client key the meter printed
# associates and reads the clock, with another key is refused. TAG starts the messages.
hls7_checks() {
  local c7 mpub
  c7=$(key client7-private)
  mpub=$(key meter-public)
  [ ${#c7} -eq 64 ] && [ ${#mpub} -eq 130 ] || fail "$2HLS 7 test keys not printed"
  "$1" --client 7 --auth hls7 --system-title "$TITLE" --sign-key "$c7" --server-pub "$mpub" \
    get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
    fail "$2HLS 7 with the printed key pair: $(cat "$work/r.txt")"
  if "$1" --client 7 --auth hls7 --system-title "$TITLE" \
    --sign-key 0101010101010101010101010101010101010101010101010101010101010101 \
    --server-pub "$mpub" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
    fail "$2HLS 7 accepted a signature with another key"
  fi
  pass "$2HLS 7 (ECDSA P-256): the printed client key associates; another key is refused"
}

start

# ---- HLS 3, 4, 6, 7: right and wrong secret ------------------------------------------------
hls_secret_checks d ""
hls7_checks d ""

# ---- Each security setup's own server system title -----------------------------------------
# Both setups start with the same EK and AK and each has its own transmit counter, so with one
# system title both would send the same IV (system title || counter) under the same key.
spaced() { printf '%s' "$1" | sed 's/../& /g; s/ $//'; }
title0=$(key system-title)
title1=$(key system-title-1)
[ ${#title0} -eq 16 ] && [ ${#title1} -eq 16 ] || fail "system titles not printed: '$title0' '$title1'"
[ "$title0" != "$title1" ] || fail "security setups 0 and 1 have the same system title $title0"
mg "$EK" get 64 0.0.43.0.0.255 5 >"$work/r.txt" 2>&1 &&
  grep -qx "octet-string\[8\] $(spaced "$title0")" "$work/r.txt" ||
  fail "setup 0's server_system_title: $(cat "$work/r.txt")"
mg "$EK" get 64 0.0.43.0.1.255 5 >"$work/r.txt" 2>&1 &&
  grep -qx "octet-string\[8\] $(spaced "$title1")" "$work/r.txt" ||
  fail "setup 1's server_system_title: $(cat "$work/r.txt")"
# The AAREs (responding-AP-title A4 0A 04 08 ...) give each client the title of its setup.
mg "$EK" -v get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" ||
  fail "client 1: $(cat "$work/r.txt" "$work/v.txt")"
grep -q "^<< 61 .*A4 0A 04 08 $(spaced "$title0")" "$work/v.txt" || fail "client 1's AARE: $(cat "$work/v.txt")"
d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" --suite 1 --ek "$EK" \
  --ak "$AK" --ic "$(next_ic 1)" -v get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" ||
  fail "client 6: $(cat "$work/r.txt" "$work/v.txt")"
grep -q "^<< 61 .*A4 0A 04 08 $(spaced "$title1")" "$work/v.txt" || fail "client 6's AARE: $(cat "$work/v.txt")"
pass "system titles: setup 0 $title0, setup 1 $title1 (attribute 5, the AAREs): no IV of one is one of the other's"

# ---- HLS 5 and the management association's policy -----------------------------------------
mg "$EK" -v get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" && clock_ok "$work/r.txt" ||
  fail "HLS 5: $(cat "$work/r.txt" "$work/v.txt")"
grep -q '^<< CC' "$work/v.txt" || fail "HLS 5: the answer is not a glo-get-response"
pass "HLS 5 (GMAC) with authenticated encryption: the GET is answered glo-ciphered"
if mg "$EK" --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDE get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "HLS 5 accepted a wrong authentication key"
fi
if d --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak "$AK" --security none \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the management association accepted a plain client"
fi
grep -q 'application-context-name-not-supported' "$work/r.txt" || fail "plain: $(cat "$work/r.txt")"
if mg "$EK" --security auth get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the management association accepted authentication without encryption"
fi
pass "policy: a wrong AK, a plain client and an authentication-only client are refused"

# ---- Replay --------------------------------------------------------------------------------
ic=$(next_ic)
d --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak "$AK" --ic "$((ic + 100))" \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 || fail "session at IC $((ic + 100)): $(cat "$work/r.txt")"
if d --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak "$AK" --ic "$((ic + 100))" \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "a replayed invocation counter was accepted"
fi
[ "$(next_ic)" -gt "$((ic + 100))" ] || fail "the counter object did not move past the replay"
pass "replay: the same invocation counter again is refused; 0.0.43.1.0.255 says what comes next"
# The same frame again on the same association: the GET's ciphered APDU, byte for byte.
mg "$EK" -v --replay get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" ||
  fail "--replay: $(cat "$work/r.txt" "$work/v.txt")"
clock_ok "$work/r.txt" || fail "--replay: the first GET: $(cat "$work/r.txt")"
grep -q '^replay: exception-response: service-not-allowed (1), invocation-counter-error (6)' \
  "$work/r.txt" || fail "--replay: $(cat "$work/r.txt")"
[ "$(grep -c '^>> C8 ' "$work/v.txt")" -eq 2 ] && [ "$(grep '^>> C8 ' "$work/v.txt" | sort -u | wc -l)" -eq 1 ] ||
  fail "--replay did not send the same glo-get-request twice: $(cat "$work/v.txt")"
pass "replay: the same glo-get-request sent again on its association is refused (invocation-counter-error)"
# Its release: a glo-initiateRequest in the RLRQ, a glo-initiateResponse in the RLRE.
grep -qE '^>> 62 [0-9A-F]{2} 80 01 00 BE [0-9A-F]{2} 04 [0-9A-F]{2} 21 ' "$work/v.txt" ||
  fail "the RLRQ is not ciphered: $(cat "$work/v.txt")"
grep -qE '^<< 63 [0-9A-F]{2} 80 01 00 BE [0-9A-F]{2} 04 [0-9A-F]{2} 28 ' "$work/v.txt" ||
  fail "the RLRE carries no glo-initiateResponse: $(cat "$work/v.txt")"
pass "release of the ciphered association: ciphered RLRQ, RLRE with a glo-initiateResponse"

# ---- key_transfer of a new global unicast key ------------------------------------------------
NEW=00112233445566778899AABBCCDDEEFF
nvm="$work/ma304h4-nvm.bin"
# An ACTION (security_activate with the policy in force: nothing changes) makes the meter
# store the client counter it reached under the old EK.
mg "$EK" action 64 0.0.43.0.0.255 1 enum 108 >"$work/r.txt" 2>&1 ||
  fail "security_activate with the same policy: $(cat "$work/r.txt")"
old_ic=$(next_ic)
[ "$old_ic" -gt 100 ] || fail "the management client's counter before the key change: $old_ic"
cut # the NVM as a cut leaves it before the change
cp "$nvm" "$work/before.bin"
start
mg "$EK" --kek "$KEK" key-transfer 0.0.43.0.0.255 "0:$NEW" >"$work/r.txt" 2>&1 ||
  fail "key_transfer: $(cat "$work/r.txt")"
if mg "$EK" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the old encryption key still works after key_transfer"
fi
mg "$NEW" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "the new key: $(cat "$work/r.txt")"
pass "key_transfer (wrapped under the KEK): the old EK fails, the new EK works"
cut # the NVM as a cut leaves it after the change
cp "$nvm" "$work/after.bin"

# ---- A cut between the keys copy and the counters copy of the key change -----------------------
# examples/ma304h4/src/dlms_sec.c keeps the security state in snapshot stores in the top 16
# sectors of the data NVM (4 KiB sectors): the keys in sectors 0-1 of those 16, the counters
# in sectors 4-12. A key change writes the keys copy first, then the counters copy of the
# new keys. kill -9 cannot be timed between the two writes from here, so the state such a
# cut leaves is put together from the two images taken by the cuts around the change: the
# keys sectors as after it, the counters sectors as before it. (The real cut would also
# have the session's own counters copies, the old EK's client counter and transmit bound:
# values of the key the change replaced, which the meter must drop in both cases.)
# The reverse, the keys as before and the counters as after (the old EK with the counters
# restarted for the new one), is a state no cut leaves with that order: the meter must not
# take it either.
total=$(($(stat -c %s "$nvm") / 4096))
[ "$total" -ge 64 ] || fail "NVM of $total sectors"
sec0=$((total - 16))
# mix KEYS_FROM COUNTERS_FROM: the NVM with those two stores from those images.
mix() {
  cp "$1" "$nvm"
  dd if="$2" of="$nvm" bs=4096 skip=$((sec0 + 4)) seek=$((sec0 + 4)) count=9 conv=notrunc status=none
}
cmp -s <(dd if="$work/before.bin" bs=4096 skip="$sec0" count=2 status=none) \
  <(dd if="$work/after.bin" bs=4096 skip="$sec0" count=2 status=none) &&
  fail "the key change did not write the keys store (sectors $sec0-$((sec0 + 1)))"
# The reverse: the old EK with the new one's counters.
mix "$work/before.bin" "$work/after.bin"
start
[ "$(key EK)" = "$EK" ] || fail "keys before, counters after: EK $(key EK)"
grep -q '^dlms: setup 0: keys and counters do not match: ciphering refused' "$work/out.txt" ||
  fail "keys before, counters after: not refused"
if mg "$EK" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the old EK works with the counters of the new one: $(cat "$work/r.txt")"
fi
pass "keys of before the change with counters of after it: the meter refuses to cipher with them"
cut
# The cut between the two copies: the new EK, the counters of the old one.
mix "$work/after.bin" "$work/before.bin"
start
[ "$(key EK)" = "$NEW" ] || fail "cut between the copies: EK $(key EK), not the new one"
[ "$(next_ic)" = 0 ] ||
  fail "cut between the copies: the new EK kept the old EK's client counter ($(next_ic); it was $old_ic)"
if mg "$EK" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "cut between the copies: the old EK still works"
fi
mg "$NEW" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "cut between the copies: the new key: $(cat "$work/r.txt")"
pass "kill -9 between the keys copy and the counters copy: the new EK with its client counter restarted, the old EK refused"

# ---- Lockout ---------------------------------------------------------------------------------
for i in 1 2 3; do
  if d --client 2 --password "wrong$i" get 8 0.0.1.0.0.255 2 >/dev/null 2>&1; then
    fail "a wrong LLS password was accepted"
  fi
done
if d --client 2 --password 12345678 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the right password was accepted during the lockout"
fi
pass "lockout: after 3 failures the right LLS password is refused"
cut
start
if d --client 2 --password 12345678 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "a power cut lifted the lockout"
fi
mg "$NEW" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "the new key after a power cut: $(cat "$work/r.txt")"
pass "after a power cut: still locked out, and the transferred key is still in force"
step 61000
d --client 2 --password 12345678 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "the lockout did not end after 61 s: $(cat "$work/r.txt")"
pass "lockout: the right password is accepted again after 61 s of simulated time"
# A lockout that runs out is saved: a power cut after its end does not bring it back.
for i in 1 2 3; do
  if d --client 2 --password "wrong$i" get 8 0.0.1.0.0.255 2 >/dev/null 2>&1; then
    fail "a wrong LLS password was accepted"
  fi
done
if d --client 2 --password 12345678 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "the right password was accepted during the second lockout"
fi
step 61000
step 1000
cut
start
d --client 2 --password 12345678 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "a lockout that ran out came back after a power cut: $(cat "$work/r.txt")"
pass "lockout: its end is saved, a power cut after it does not lock the client out again"

# ---- Power cuts never reuse a transmit invocation counter ------------------------------------
# The server's counters are in the security headers of its answers (SC then 4 bytes):
# the glo-initiate-response in the AARE and the glo-responses (tags CC, CD, CF).
server_ics() {
  {
    grep -oE '^<< C[CDF] [0-9A-F]{2} 30( [0-9A-F]{2}){4}' "$1" || true
    grep -oE 'BE [0-9A-F]{2} 04 [0-9A-F]{2} 28 [0-9A-F]{2} 30( [0-9A-F]{2}){4}' "$1" || true
  } | awk '{ print $(NF-3) $(NF-2) $(NF-1) $NF }' | while read -r h; do echo $((16#$h)); done |
    sort -n
}
high=-1
for run in 1 2 3 4 5 6 7 8; do
  mg "$NEW" -v get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" ||
    fail "run $run: $(cat "$work/r.txt" "$work/v.txt")"
  mapfile -t ics < <(server_ics "$work/v.txt")
  [ "${#ics[@]}" -ge 2 ] || fail "run $run: no server counters in the trace: $(cat "$work/v.txt")"
  for v in "${ics[@]}"; do
    [ "$v" -gt "$high" ] || fail "run $run: server counter $v is not above $high (reused after a cut)"
    high=$v
  done
  cut
  start
done
pass "8 power cuts (kill -9): the meter's transmit counters only grew (last $high)"

# ---- Access rights with security (Association LN version 3), test client 6 -----------------
denied() { grep -q '^data-access-result: read-write-denied (3)$' "$1"; }
d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" list >"$work/r.txt" 2>&1 ||
  fail "client 6 list: $(cat "$work/r.txt")"
grep -q '^class   8 v0   0\.0\.1\.0\.0\.255  attrs 1:r 2:rw/AE 3:r ' "$work/r.txt" &&
  grep -q '^class   3 v0   1\.0\.1\.8\.0\.255  attrs 1:r/A 2:r/A 3:r/A ' "$work/r.txt" &&
  grep -q '^class   1 v0   0\.0\.96\.1\.0\.255  attrs 1:r/ae 2:r/ae$' "$work/r.txt" &&
  grep -q '^class  64 v1   0\.0\.43\.0\.1\.255  attrs 1:r/AEae .*methods 1:x/AEae 2:- ' "$work/r.txt" &&
  grep -q '^class  15 v3   0\.0\.40\.0\.6\.255  attrs 1:r .* 11:r$' "$work/r.txt" ||
  fail "client 6's object list (version 3 access modes): $(cat "$work/r.txt")"
pass "object list (Association LN v3): the access modes carry the security each access needs"
# The plain context cannot meet any of it; what needs nothing is served.
d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 || true
denied "$work/r.txt" || fail "plain context, the time: $(cat "$work/r.txt")"
d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" \
  get 8 0.0.1.0.0.255 3 >"$work/r.txt" 2>&1 && grep -q '^long -60$' "$work/r.txt" ||
  fail "plain context, the time zone: $(cat "$work/r.txt")"
# Ciphered context, request by request: GET KIND ATTR... with each protection.
# expect PROT EXPECTATION CLASS OBIS ATTR: EXPECTATION "denied" or a regex of the answer.
expect() {
  local prot=$1 want=$2
  shift 2
  c6 --request-security "$prot" -v get "$@" >"$work/r.txt" 2>"$work/v.txt" || true
  if [ "$want" = denied ]; then
    denied "$work/r.txt" || fail "$prot request for $*: not refused: $(cat "$work/r.txt")"
  else
    grep -qE "$want" "$work/r.txt" || fail "$prot request for $*: $(cat "$work/r.txt" "$work/v.txt")"
  fi
}
for p in none auth enc; do expect "$p" denied 8 0.0.1.0.0.255 2; done
expect auth+enc '^octet-string\[12\] 07 EA ' 8 0.0.1.0.0.255 2
for p in none enc; do expect "$p" denied 3 1.0.1.8.0.255 2; done
expect auth '^long64-unsigned ' 3 1.0.1.8.0.255 2
grep -q '^<< CC [0-9A-F ]*$' "$work/v.txt" || fail "authenticated GET: the answer is not glo-ciphered"
expect none '^visible-string\[8\] ' 1 0.0.96.1.0.255 2
grep -qE '^<< CC [0-9A-F]{2} 31 ' "$work/v.txt" ||
  fail "plain GET of the serial number: not answered authenticated and encrypted: $(cat "$work/v.txt")"
for p in none auth enc; do expect "$p" denied 64 0.0.43.0.1.255 2; done
expect auth+enc '^enum 0$' 64 0.0.43.0.1.255 2
pass "GET: each access gets exactly the protection its rights ask (plain, auth, enc, auth+enc)"
for p in none auth; do
  c6 --request-security "$p" set 8 0.0.1.0.0.255 2 datetime 2026-06-01T00:00:00 >"$work/r.txt" 2>&1 || true
  denied "$work/r.txt" || fail "$p SET of the time: not refused: $(cat "$work/r.txt")"
done
c6 set 8 0.0.1.0.0.255 2 datetime 2026-06-01T00:00:00 >"$work/r.txt" 2>&1 ||
  fail "authenticated and encrypted SET of the time: $(cat "$work/r.txt")"
c6 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && grep -q '^octet-string\[12\] 07 EA 06 01 ' "$work/r.txt" ||
  fail "the time after the SET: $(cat "$work/r.txt")"
c6 --request-security none action 64 0.0.43.0.1.255 1 enum 0 >"$work/r.txt" 2>&1 || true
grep -q '^action-result: read-write-denied (3)$' "$work/r.txt" ||
  fail "plain security_activate: $(cat "$work/r.txt")"
c6 action 64 0.0.43.0.1.255 1 enum 0 >"$work/r.txt" 2>&1 ||
  fail "authenticated and encrypted security_activate: $(cat "$work/r.txt")"
pass "SET and ACTION: refused without the request security the rights ask, done with it"

# ---- Suite 1 certificates of security setup 1 (HLS 7), with openssl as the CA ---------------
# The management client runs class 64 methods 5 (certification request), 6 (import), 7
# (export), 8 (remove) and 4 (new key pair) on 0.0.43.0.1.255; openssl (an independent
# implementation) checks the meter's request, plays the certification authority and makes
# a new HLS 7 client key.
SETUP1=0.0.43.0.1.255
certs="$work/certs"
mkdir -p "$certs"
hex_of() { od -An -v -tx1 "$1" | tr -d ' \n' | tr a-f A-F; }
bin_of() { printf '%b' "$(printf '%s' "$1" | sed 's/../\\x&/g')" >"$2"; }
# The octet-string an ACTION returned (msdk-dlms prints it on one line), in hex.
returned() { sed -n 's/^octet-string\[[0-9]*\] \([0-9A-F ]*\).*$/\1/p' "$1" | tr -d ' '; }
# Length field of an A-XDR octet-string of N bytes (short or 0x81/0x82 form), in hex.
axdr_len() { if [ "$1" -lt 128 ]; then printf '%02X' "$1"; elif [ "$1" -lt 256 ]; then printf '81%02X' "$1"; else printf '82%04X' "$1"; fi; }
octets() { printf '09%s%s' "$(axdr_len $((${#1} / 2)))" "$1"; }
import() { # import FILE.der: class 64 method 6 through the management client
  mg "$NEW" action 64 "$SETUP1" 6 data-hex "$(octets "$(hex_of "$1")")" >"$work/r.txt" 2>&1
}
cert_infos() { # the certificate_info entries of attribute 6, one "entity type" per line
  mg "$NEW" get 64 "$SETUP1" 6 >"$work/a6.txt" 2>&1 || fail "attribute 6: $(cat "$work/a6.txt")"
  grep -E '^ *enum [0-9]+$' "$work/a6.txt" | awk '{ printf "%s%s", $2, (NR % 2) ? " " : "\n" }'
}
[ -z "$(cert_infos)" ] || fail "a new meter lists certificates: $(cat "$work/a6.txt")"
# The meter's certification request: openssl verifies its signature and reads its subject.
mg "$NEW" action 64 "$SETUP1" 5 enum 0 >"$work/r.txt" 2>&1 || fail "method 5: $(cat "$work/r.txt")"
bin_of "$(returned "$work/r.txt")" "$certs/meter.csr"
openssl req -inform DER -in "$certs/meter.csr" -verify -noout >"$work/o.txt" 2>&1 ||
  fail "openssl rejects the meter's certification request: $(cat "$work/o.txt" "$work/r.txt")"
openssl req -inform DER -in "$certs/meter.csr" -noout -subject | grep -q "CN *= *$title1" ||
  fail "the request's subject is not setup 1's system title $title1"
pass "generate_certificate_request: a PKCS#10 request that openssl verifies, CN = setup 1's system title"
# The CA, the meter's certificate from its request, a new client key and its certificate.
ossl() { openssl "$@" >>"$work/openssl.txt" 2>&1 || fail "openssl $1: $(tail -5 "$work/openssl.txt")"; }
printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = MSDK-Test-CA\n[v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n' >"$certs/ca.cnf"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n' >"$certs/ee.ext"
ossl ecparam -name prime256v1 -genkey -noout -out "$certs/ca.key"
ossl req -new -x509 -config "$certs/ca.cnf" -extensions v3_ca -key "$certs/ca.key" -days 3650 \
  -sha256 -outform DER -out "$certs/ca.der"
ossl x509 -inform DER -in "$certs/ca.der" -out "$certs/ca.pem"
ossl x509 -req -inform DER -in "$certs/meter.csr" -CA "$certs/ca.pem" -CAkey "$certs/ca.key" \
  -set_serial 0x1001 -days 3650 -sha256 -extfile "$certs/ee.ext" -outform DER -out "$certs/meter.der"
ossl ecparam -name prime256v1 -genkey -noout -out "$certs/client.key"
ossl req -new -key "$certs/client.key" -subj "/CN=$TITLE" -sha256 -out "$certs/client.csr"
ossl x509 -req -in "$certs/client.csr" -CA "$certs/ca.pem" -CAkey "$certs/ca.key" \
  -set_serial 0x2002 -days 3650 -sha256 -extfile "$certs/ee.ext" -outform DER -out "$certs/client.der"
ossl ec -in "$certs/client.key" -outform DER -out "$certs/client.key.der"
c7new=$(hex_of "$certs/client.key.der")
c7new=${c7new:14:64} # SEC1: 30 77 02 01 01 04 20 <d> ...
[ ${#c7new} -eq 64 ] || fail "the new client key: $c7new"
# Without a CA the client certificate is not trusted; then CA, meter, client.
if import "$certs/client.der"; then fail "a certificate without its CA was imported"; fi
grep -q '^action-result: other-reason (250)$' "$work/r.txt" ||
  fail "a certificate without its CA was imported: $(cat "$work/r.txt")"
for f in ca meter client; do
  import "$certs/$f.der" || fail "import of the $f certificate: $(cat "$work/r.txt")"
done
[ "$(cert_infos | sort | tr '\n' ,)" = "0 0,1 0,2 0," ] ||
  fail "attribute 6 after the imports: $(cat "$work/a6.txt")"
pass "import_certificate: refused without its CA; CA, meter and client listed (server, client, CA)"
mpub=$(key meter-public)
old7=$(key client7-private)
h7() { d --client 7 --auth hls7 --system-title "$TITLE" --sign-key "$1" --server-pub "$mpub" \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; }
h7 "$c7new" && clock_ok "$work/r.txt" || fail "HLS 7 with the certified client key: $(cat "$work/r.txt")"
if h7 "$old7"; then fail "HLS 7 still takes the client key the certificate replaced"; fi
pass "HLS 7 takes the key of the imported client certificate, no longer the old one"
# Export by entity (server, digital signature, the meter's title): the certificate as imported.
mg "$NEW" action 64 "$SETUP1" 7 data-hex "020216000203160016000908$title1" >"$work/r.txt" 2>&1 ||
  fail "export by entity: $(cat "$work/r.txt")"
[ "$(returned "$work/r.txt")" = "$(hex_of "$certs/meter.der")" ] ||
  fail "export by entity did not give the meter's certificate back: $(cat "$work/r.txt")"
cut
start
[ "$(cert_infos | sort | tr '\n' ,)" = "0 0,1 0,2 0," ] ||
  fail "attribute 6 after a power cut: $(cat "$work/a6.txt")"
h7 "$c7new" && clock_ok "$work/r.txt" || fail "HLS 7 after a power cut: $(cat "$work/r.txt")"
pass "export_certificate by entity; certificates and the client key kept across a power cut"
# Remove the client certificate by serial and issuer (as openssl reads them): HLS 7 stops.
serial=$(openssl x509 -inform DER -in "$certs/client.der" -noout -serial | sed 's/^serial=//')
# The issuer Name's DER is the CA's subject Name: the 6th element of the CA certificate's
# TBSCertificate (depth 2), located with asn1parse (offset, header length, length).
read -r off hl len < <(openssl asn1parse -inform DER -in "$certs/ca.der" |
  sed -n 's/^ *\([0-9]*\):d=2 *hl=\([0-9]*\) *l= *\([0-9]*\) .*/\1 \2 \3/p' | sed -n 6p)
issuer=$(hex_of "$certs/ca.der")
issuer=${issuer:$((2 * off)):$((2 * (hl + len)))}
mg "$NEW" action 64 "$SETUP1" 8 data-hex \
  "02021601020209$(axdr_len $((${#serial} / 2)))${serial}09$(axdr_len $((${#issuer} / 2)))${issuer}" \
  >"$work/r.txt" 2>&1 || fail "remove by serial: $(cat "$work/r.txt")"
[ "$(cert_infos | sort | tr '\n' ,)" = "0 0,2 0," ] || fail "attribute 6 after the removal: $(cat "$work/a6.txt")"
if h7 "$c7new"; then fail "HLS 7 still takes the key of a removed certificate"; fi
pass "remove_certificate by serial and issuer: the client certificate and its HLS 7 key are gone"
# A new key pair for the meter: its certificate goes. After a power cut right after the
# change (nothing else saved in between) the new key is in force and setup 0, whose keys
# share a store with setup 1's, keeps its own policy (authenticated and encrypted requests
# and responses: 108); the meter's new request names the new key.
pub_of() { # the P-256 point of a DER certification request, in hex
  openssl req -inform DER -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER |
    tail -c 65 | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F
}
mpub1=$(key meter-public)
[ "$mpub1" = "$(pub_of "$certs/meter.csr")" ] || fail "the first request does not name the meter's key"
mg "$NEW" action 64 "$SETUP1" 4 enum 0 >"$work/r.txt" 2>&1 || fail "method 4: $(cat "$work/r.txt")"
[ "$(cert_infos | tr '\n' ,)" = "2 0," ] || fail "attribute 6 after a new key pair: $(cat "$work/a6.txt")"
cut
start
mpub2=$(key meter-public)
[ ${#mpub2} -eq 130 ] || fail "no meter key printed after the cut"
[ "$mpub2" != "$mpub1" ] || fail "after a power cut the meter has its old key again"
mg "$NEW" get 64 0.0.43.0.0.255 2 >"$work/r.txt" 2>&1 && grep -q '^enum 108$' "$work/r.txt" ||
  fail "setup 0's policy after a key pair change of setup 1 and a power cut: $(cat "$work/r.txt")"
mg "$NEW" action 64 "$SETUP1" 5 enum 0 >"$work/r.txt" 2>&1 || fail "method 5 again: $(cat "$work/r.txt")"
bin_of "$(returned "$work/r.txt")" "$certs/meter2.csr"
openssl req -inform DER -in "$certs/meter2.csr" -verify -noout >/dev/null 2>&1 || fail "the second request"
[ "$(pub_of "$certs/meter2.csr")" = "$mpub2" ] ||
  fail "the second request does not name the meter's new key"
pass "generate_key_pair: a new meter key, kept across a power cut with setup 0's policy; its old certificate removed; the new request names it"
cut

# ---- The counters store erased under its keys ------------------------------------------------
# A new meter writes its first counters copy before its first keys copy, so no cut leaves keys
# without counters: that state is damage, and the meter must not restart a counter under keys
# that were used (the same EK with its transmit counter from 0 again).
rm -f "$nvm"
start
mg "$EK" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "a new meter: $(cat "$work/r.txt")"
cut
dd if=/dev/zero bs=4096 count=9 status=none | tr '\0' '\377' |
  dd of="$nvm" bs=4096 seek=$((sec0 + 4)) conv=notrunc status=none
start
for i in 0 1; do
  grep -q "^dlms: setup $i: keys without counters: ciphering refused until its keys change" \
    "$work/out.txt" || fail "counters erased: setup $i not refused"
done
if mg "$EK" -v get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt"; then
  fail "counters erased: the management client is served: $(cat "$work/r.txt")"
fi
[ -z "$(server_ics "$work/v.txt")" ] || fail "counters erased: ciphered answers $(server_ics "$work/v.txt")"
if c6 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "counters erased: client 6 is served ciphered: $(cat "$work/r.txt")"
fi
pass "the counters store erased under its keys: no ciphering with either setup, no counter restarted"
cut

# ---- Damage in a security store --------------------------------------------------------------
# The pairs copy of a new meter (store sectors 2-3) overwritten: the meter makes new key
# pairs, records an NVM error (14) in the standard log and sets bit 10 of the error register.
rm -f "$nvm"
start
cut
printf '%0200d' 0 | tr 0 Z | dd of="$nvm" bs=1 seek=$(((sec0 + 2) * 4096 + 16)) conv=notrunc status=none
start
grep -q 'damaged records' "$work/out.txt" || fail "security store damage: no NVM error line"
codes=$(d --client 2 --password 12345678 get 7 0.0.99.98.0.255 2 | sed -n 's/^ *unsigned \([0-9]*\)$/\1/p' | tr '\n' ' ')
[[ " $codes" == *" 14 "* ]] || fail "security store damage: standard log $codes"
err=$(d --client 2 --password 12345678 get 1 0.0.97.97.0.255 2 | sed -n 's/^double-long-unsigned \([0-9]*\)$/\1/p')
[ $((${err:-0} & 1024)) -ne 0 ] || fail "security store damage: error register ${err:-none}"
pass "damage in a security store: NVM error event 14 and error register bit 10"
cut

# ---- Test client 6 cannot take the management client's saves ----------------------------------
# The counters store's budget has a bucket per setup: 64 saves each on a new meter. Client 6
# (setup 1) spends its bucket: the first ciphered APDU of a start reserves its transmit
# counter (1 save), every ciphered ACTION saves its received counter (1 save), so 63 ACTIONs
# go through and the 64th is refused; the management client (setup 0) still sets, acts and,
# after a power cut, associates.
rm -f "$nvm"
start
base=$(next_ic 1)
ok=0
for n in $(seq 1 130); do
  c6_n() { d --client 6 --auth hls6 --secret msdk-test-secret --system-title "$TITLE" --suite 1 \
    --ek "$EK" --ak "$AK" --ic "$((base + 10 * n))" "$@"; }
  c6_n action 64 0.0.43.0.1.255 1 enum 0 >"$work/r.txt" 2>&1 || break
  ok=$((ok + 1))
done
[ "$ok" -eq 63 ] || fail "client 6 had $ok ciphered ACTIONs saved, not the 63 of its bucket: $(cat "$work/r.txt")"
mg "$EK" set 8 0.0.1.0.0.255 2 datetime 2026-05-01T00:00:10 >"$work/r.txt" 2>&1 ||
  fail "the management client's SET after client 6's: $(cat "$work/r.txt")"
mg "$EK" action 7 1.0.99.1.0.255 2 i8 0 >"$work/r.txt" 2>&1 ||
  fail "the management client's ACTION after client 6's: $(cat "$work/r.txt")"
cut
start
mg "$EK" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "the management client after client 6's ACTIONs and a power cut: $(cat "$work/r.txt")"
pass "client 6 spent its 63 ACTIONs of setup 1's budget; the management client sets, acts, associates"
cut

# ---- Key changes over the keys save budget ---------------------------------------------------
# The keys store's budget: 8 saves on a new meter, one taken by its first keys copy. Seven AK
# changes go through; the eighth is refused (temporary-failure) before anything is answered
# success, and the AK in force stays, also after a power cut.
AKS=("$AK" A0A1A2A3A4A5A6A7A8A9AAABACADAEAF)
mga() { # mga AK COMMAND...: the management client with that AK
  local ak=$1
  shift
  d --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak "$ak" --ic "$(next_ic)" "$@"
}
rm -f "$nvm"
start
cur=0
for n in 1 2 3 4 5 6 7 8; do
  new=$((1 - cur))
  rc=0
  mga "${AKS[$cur]}" --kek "$KEK" key-transfer 0.0.43.0.0.255 "ak:${AKS[$new]}" >"$work/r.txt" 2>&1 ||
    rc=$?
  if [ "$n" -le 7 ]; then
    [ $rc -eq 0 ] || fail "AK change $n: $(cat "$work/r.txt")"
    mga "${AKS[$new]}" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
      fail "AK change $n: the new AK: $(cat "$work/r.txt")"
    cur=$new
  else
    grep -q '^action-result: temporary-failure (2)$' "$work/r.txt" ||
      fail "AK change $n over the budget: $(cat "$work/r.txt")"
  fi
done
if mga "${AKS[$((1 - cur))]}" get 8 0.0.1.0.0.255 2 >/dev/null 2>&1; then
  fail "the AK of the refused change is in force"
fi
cut
start
mga "${AKS[$cur]}" get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1 && clock_ok "$work/r.txt" ||
  fail "the AK in force after a power cut: $(cat "$work/r.txt")"
pass "keys budget: 7 AK changes, the 8th refused with temporary-failure; the AK in force stays, also after a power cut"
cut

# ---- HLS 3, 4, 5, 6, 7 over HDLC on the optical port -----------------------------------------
# A meter in real time (mode E needs its clock to run) with its own NVM (no lockout left).
mkdir "$work/hdlc"
: >"$work/out.txt"
(cd "$work/hdlc" && exec "$sim" --no-lcd --mbus-tcp off --control-tcp off --no-wan-pty \
  --net-tcp off --optical-tcp off --optical-pty --afe-off --start-time 2026-05-01T00:00:00Z) \
  >"$work/out.txt" 2>&1 &
pid=$!
wait_for '^listening: optical pty /dev/' 20 || fail "no optical pty line"
pty=$(sed -n 's/^listening: optical pty \(.*\)/\1/p' "$work/out.txt" | head -n 1)
ds() { "$dlms" --serial "$pty" --timeout-ms 5000 "$@"; }
hls_secret_checks ds "HDLC: "
ds --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak "$AK" --ic 1 -v \
  get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>"$work/v.txt" && clock_ok "$work/r.txt" ||
  fail "HDLC: HLS 5: $(cat "$work/r.txt" "$work/v.txt")"
grep -q '^<< CC' "$work/v.txt" || fail "HDLC: HLS 5: the answer is not a glo-get-response"
if ds --client 1 --auth hls5 --system-title "$TITLE" --ek "$EK" --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDE \
  --ic 1000 get 8 0.0.1.0.0.255 2 >"$work/r.txt" 2>&1; then
  fail "HDLC: HLS 5 accepted a wrong authentication key"
fi
pass "HDLC: HLS 5 with authenticated encryption answers glo-ciphered; a wrong AK is refused"
hls7_checks ds "HDLC: "

cut
echo "sim_security: $passed checks passed"
