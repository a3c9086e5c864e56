#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tools.msdk_mbus_bus: `msdk-mbus scan` and `msdk-mbus read` (tools/msdk-mbus) over a bus: the
# meter simulator's wired M-Bus segment (ma304h4-sim --mbus-bus segment, the default), reached
# through its TCP gateway port (--tcp) and its pty (--device). The expectations are the
# segment's published population (ports/host/README.md, "M-Bus segment"), not the tool's
# output:
#   primary 1 water 12345678 MSW v1 medium 7: 0C 13 volume L = 100000 + 2t, 04 6D date-time
#   primary 2 gas 1A2B3C4D MSG v2 medium 3, OMS mode 5, key 0102..0F11: 0C 14 volume
#     0.01 m3 = 5000 + t
#   primary 3 heat 87654321 MSH v3 medium 4: three telegrams (DIF 1F): energy kWh = 1000 +
#     t/60, volume L = 20000 + 5t; flow 60 C, return 40 C; power 1500 W, date-time
#   primary 4 slow 00000044 MSS: volume L = 300000 + t, answers after 330 bit times + 30 ms
#   primary 5 55555555 MSB: every RSP_UD with a wrong checksum
#   primary 6 66000001 + 66000002 MSC: a pair on one address; primary 0 0000ABCD + 0000ABCE
#     MSW: only secondary addressing
# with t the simulated minutes since start (the simulator runs at real time here).
#   primary 7 77000007 MSE v7 medium 07: OMS mode 7 (AFL), key 000102030405060708090A0B0C0D0E0F,
#     volume L = 700000 + 3t
# Two slaves answering at once: the gateway drops the bytes the wired AND garbled (parity
# errors), as a real gateway's UART does, so the tool sees a broken reply: a collision.
# Usage: msdk_mbus_bus.sh PATH/TO/msdk-mbus PATH/TO/ma304h4-sim
set -u
TOOL=${1:?usage: msdk_mbus_bus.sh PATH/TO/msdk-mbus PATH/TO/ma304h4-sim}
SIM=${2:?usage: msdk_mbus_bus.sh PATH/TO/msdk-mbus PATH/TO/ma304h4-sim}
KEY=0102030405060708090A0B0C0D0E0F11
FAILS=0
OUT=""
ERR=""
RC=0

command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed"; exit 77; }

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

TMP=$(mktemp -d)
SIM_PID=""
cleanup() {
  if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# run ARGS...: stdout in OUT, stderr in ERR, exit status in RC.
run() { "$TOOL" "$@" >"$TMP/out" 2>"$TMP/err"; RC=$?; OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err"); }
expect_rc() { [ "$RC" -eq "$1" ] || fail "$2: exit $RC, want $1 (stderr: $ERR)"; }
has() { grep -qF -- "$3" <<<"$2" || fail "$1: no '$3' in: $2"; }

# check WHAT PYTHON: runs PYTHON with `d` = the JSON of OUT and `tmax` = the simulated minutes
# elapsed so far (rounded up); every line it prints is a failure.
check() {
  local msgs
  msgs=$(TMAX=$(tmax) python3 -c '
import json, os, sys
tmax = int(os.environ["TMAX"])
try:
    d = json.loads(sys.stdin.read())
except ValueError as e:
    print("not valid JSON: %s" % e); sys.exit(0)
def want(cond, msg):
    if not cond:
        print(msg)
def recs(t, quantity):
    return [r for r in t.get("records", []) if r.get("quantity") == quantity]
def one(t, quantity):
    r = recs(t, quantity)
    if len(r) != 1:
        print("%d records of %s, want 1" % (len(r), quantity)); return {}
    return r[0]
def inrange(r, lo, hi, what):
    try:
        v = int(r["raw"])
    except (KeyError, ValueError):
        print("%s: no raw value" % what); return
    want(lo <= v <= hi, "%s: raw %d not in [%d, %d]" % (what, v, lo, hi))
def header(t, ident, mfr, ver, med):
    h = t.get("header", {})
    want((h.get("id"), h.get("manufacturer"), h.get("version"), h.get("medium")) ==
         (ident, mfr, ver, med), "header %s, want %s %s %d %d" % (h, ident, mfr, ver, med))
'"$2" <<<"$OUT" 2>&1)
  if [ -n "$msgs" ]; then
    while IFS= read -r l; do fail "$1: $l"; done <<<"$msgs"
  fi
}

# ---- the simulator ---------------------------------------------------------------------------
"$SIM" --tcp-any --afe-off --no-lcd --mbus-pty --nvm "$TMP/nvm.bin" --image "$TMP/image.bin" \
  >"$TMP/sim.out" 2>"$TMP/sim.err" &
SIM_PID=$!
START=$(date +%s)
PORT=""
PTY=""
for _ in $(seq 1 100); do
  PORT=$(sed -n 's/^listening: mbus tcp 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out")
  PTY=$(sed -n 's/^listening: mbus pty \(.*\)$/\1/p' "$TMP/sim.out")
  [ -n "$PORT" ] && [ -n "$PTY" ] && break
  sleep 0.1
done
if [ -z "$PORT" ] || [ -z "$PTY" ]; then
  echo "FAIL: the simulator did not open its M-Bus gateway port" >&2
  cat "$TMP/sim.out" "$TMP/sim.err" >&2
  exit 1
fi
# Simulated minutes since start, rounded up, plus one for the meter's own clock granularity.
tmax() { echo $(( ($(date +%s) - START) / 60 + 2 )); }
BUS=(--tcp "127.0.0.1:$PORT" --allowance 50)

# ---- read over the TCP gateway ---------------------------------------------------------------
run read 1 "${BUS[@]}"
expect_rc 0 "read 1"
check "read 1" '
want(isinstance(d, list) and len(d) == 1, "want an array of 1 telegram")
t = d[0]
want(t["frame"]["a"] == 1 and t["frame"]["ci"] == "72", "frame %s" % t["frame"])
header(t, "12345678", "MSW", 1, 7)
v = one(t, "volume")
want((v.get("unit"), v.get("exponent"), v.get("type")) == ("m3", -3, "bcd"), "volume %s" % v)
inrange(v, 100000, 100000 + 2 * tmax, "volume L")
dt = one(t, "datetime")
want(dt.get("datetime_type") == "F" and len(dt.get("value", "")) == 16, "date-time %s" % dt)'

run read 2 --key "$KEY" "${BUS[@]}"
expect_rc 0 "read 2 --key"
check "read 2 --key" '
t = d[0]
header(t, "1A2B3C4D", "MSG", 2, 3)
want(t["header"]["security_mode"] == 5 and t.get("decrypted") is True, "not decrypted")
v = one(t, "volume")
want((v.get("unit"), v.get("exponent")) == ("m3", -2), "volume %s" % v)
inrange(v, 5000, 5000 + tmax, "gas volume")
want(len(recs(t, "datetime")) == 1, "no date-time")'

run read 2 "${BUS[@]}"
expect_rc 1 "read 2 without key"
check "read 2 without key" '
t = d[0]
header(t, "1A2B3C4D", "MSG", 2, 3)
want(t.get("encrypted") is True and "no key" in t.get("error", ""), "no encrypted error: %s" % t)
want("records" not in t, "records printed from an encrypted payload")'

run read 2 --key 0102030405060708090A0B0C0D0E0F10 "${BUS[@]}"
expect_rc 1 "read 2 wrong key"
check "read 2 wrong key" '
t = d[0]
want(t.get("encrypted") is True and "wrong key" in t.get("error", ""), "no wrong key error: %s" % t)
want("records" not in t, "records printed with a wrong key")'

run read 3 "${BUS[@]}"
expect_rc 0 "read 3"
check "read 3" '
want(isinstance(d, list) and len(d) == 3, "want 3 telegrams, got %d" % len(d))
for t in d:
    header(t, "87654321", "MSH", 3, 4)
e = one(d[0], "energy")
want((e.get("unit"), e.get("exponent")) == ("Wh", 3), "energy %s" % e)
inrange(e, 1000, 1000 + tmax // 60 + 1, "energy kWh")
inrange(one(d[0], "volume"), 20000, 20000 + 5 * tmax, "heat volume L")
want(one(d[1], "flow_temperature").get("value") == "60", "flow temperature")
want(one(d[1], "return_temperature").get("value") == "40", "return temperature")
p = one(d[2], "power")
want((p.get("value"), p.get("unit")) == ("1500", "W"), "power %s" % p)
want(len(recs(d[2], "datetime")) == 1, "no date-time in telegram 3")
want(all(r.get("more_records_follow") for r in d[0]["records"] + d[1]["records"]
         if r.get("dif") == "1F"), "1F without more_records_follow")'

run read 4 "${BUS[@]}"
expect_rc 0 "read 4 (slow)"
check "read 4" '
header(d[0], "00000044", "MSS", 1, 7)
inrange(one(d[0], "volume"), 300000, 300000 + tmax, "slow volume L")'

run read 5 "${BUS[@]}"
expect_rc 1 "read 5 (bad checksum)"
has "read 5" "$ERR" "bad frame"
[ -z "$OUT" ] || fail "read 5: output on stdout: $OUT"

run read 9 "${BUS[@]}"
expect_rc 1 "read 9 (nobody)"
has "read 9" "$ERR" "no answer"

run read 6 "${BUS[@]}"
{ [ "$RC" -eq 1 ] && grep -qF "collision" <<<"$ERR"; } ||
  fail "read 6 (a pair): exit $RC, '$ERR', want exit 1 and a collision"

# Secondary addresses: selection with CI 52, then the readout at 253.
run read 1A2B3C4D --key "$KEY" --verbose "${BUS[@]}"
expect_rc 0 "read 1A2B3C4D"
# EN 13757-3: SND_UD to 253 (C 53/73, A FD), CI 52, ID LSB first, wildcards FFFF FF FF; then
# REQ_UD2 to 253.
grep -qE '>> 68 0B 0B 68 [57]3 FD 52 4D 3C 2B 1A FF FF FF FF [0-9A-F]{2} 16$' <<<"$ERR" ||
  fail "read 1A2B3C4D: no selection of 1A2B3C4D in the trace: $ERR"
grep -qE '>> 10 [57]B FD [0-9A-F]{2} 16$' <<<"$ERR" || fail "read 1A2B3C4D: no REQ_UD2 to 253"
check "read 1A2B3C4D" '
t = d[0]
header(t, "1A2B3C4D", "MSG", 2, 3)
want(t.get("decrypted") is True, "not decrypted")
inrange(one(t, "volume"), 5000, 5000 + tmax, "gas volume")'

# OMS mode 7: the AFL's MAC checked, then the records decrypted
run read 7 --key 000102030405060708090A0B0C0D0E0F "${BUS[@]}"
expect_rc 0 "read 7 (mode 7)"
check "read 7" '
t = d[0]
header(t, "77000007", "MSE", 7, 7)
want(t.get("decrypted") is True, "not decrypted")
inrange(one(t, "volume"), 700000, 700000 + 3 * tmax, "mode 7 volume")'
run read 7 --key "$KEY" "${BUS[@]}"
expect_rc 1 "read 7 wrong key"
check "read 7, wrong key" '
t = d[0]
want(t.get("encrypted") is True and "records" not in t, "records with a wrong key: %s" % t)'

run read 0000ABCE "${BUS[@]}"
expect_rc 0 "read 0000ABCE"
check "read 0000ABCE" '
header(d[0], "0000ABCE", "MSW", 1, 7)
inrange(one(d[0], "volume"), 100000, 100000 + 2 * tmax, "volume L")'

run read 99999999 "${BUS[@]}"
expect_rc 1 "read 99999999 (no such ID)"
has "read 99999999" "$ERR" "no answer"

# ---- scans -------------------------------------------------------------------------------------
run scan --primary --from 0 --to 12 "${BUS[@]}"
expect_rc 0 "scan --primary"
check "scan --primary" '
dev = {x["address"]: x for x in d["devices"]}
want(sorted(dev) == [0, 1, 2, 3, 4, 5, 6, 7], "addresses %s, want 0..7" % sorted(dev))
for a, ident, mfr in ((1, "12345678", "MSW"), (2, "1A2B3C4D", "MSG"), (3, "87654321", "MSH"),
                      (4, "00000044", "MSS")):
    x = dev.get(a, {})
    want((x.get("id"), x.get("manufacturer")) == (ident, mfr), "address %d: %s" % (a, x))
    want("collision" not in x, "address %d flagged as a collision" % a)
want("error" in dev.get(5, {}) and "id" not in dev.get(5, {}), "address 5: %s" % dev.get(5))'
for a in 0 6; do
  grep -qF "{\"address\": $a, \"collision\": true}" <<<"$OUT" ||
    fail "scan --primary: address $a (two meters) not flagged as a collision: $(grep -F "\"address\": $a," <<<"$OUT")"
done

# The wildcard walk; --skip-f keeps it near 200 probes (none of these IDs has a digit F).
run scan --secondary --skip-f "${BUS[@]}"
expect_rc 0 "scan --secondary"
check "scan --secondary" '
dev = {x["id"]: x for x in d["devices"]}
for ident, mfr, ver, med in (("12345678", "MSW", 1, 7), ("1A2B3C4D", "MSG", 2, 3),
                             ("87654321", "MSH", 3, 4)):
    x = dev.get(ident, {})
    want((x.get("manufacturer"), x.get("version"), x.get("medium")) == (mfr, ver, med),
         "%s: %s" % (ident, x))
want("error" in dev.get("55555555", {}), "55555555 (bad checksum) not listed with an error")'
python3 -c '
import json, sys
d = json.load(sys.stdin)
want = {"12345678", "1A2B3C4D", "87654321", "00000044", "55555555", "66000001", "66000002",
        "0000ABCD", "0000ABCE", "77000007"}
got = {x["id"] for x in d["devices"]}
if got != want:
    print("IDs %s; missing %s, not on the bus %s" % (sorted(got), sorted(want - got), sorted(got - want)))
' <<<"$OUT" >"$TMP/sec" 2>&1
[ -s "$TMP/sec" ] && fail "scan --secondary: $(cat "$TMP/sec")"

# ---- the same over the simulator's pty (--device: raw 8E1 termios) ----------------------------
run read 3 --device "$PTY" --allowance 30
expect_rc 0 "read 3 --device"
check "read 3 --device" '
want(len(d) == 3, "want 3 telegrams, got %d" % len(d))
header(d[0], "87654321", "MSH", 3, 4)'
run scan --from 1 --to 2 --device "$PTY" --allowance 30
expect_rc 0 "scan --device"
check "scan --device" '
want([(x["address"], x.get("id")) for x in d["devices"]] == [(1, "12345678"), (2, "1A2B3C4D")],
     "devices %s" % d["devices"])'

# ---- decode --key on the published OMS Vol.2 Annex N mode 5 telegram -----------------------
# Its ciphertext behind a wired long header (CI 72: ELS 12345678 v33 medium 03, access 2A,
# configuration 20 25) has the same IV as the published wireless one, so the same plaintext:
# volume 28504.27 m3, 2008-05-31 23:50 (/work/shared/vectors/mbus-vectors.md).
DATA="78563412 9315 33 03 2A 00 2025 5923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3"
DATA=${DATA// /}
SUM=$(( 0x08 + 0x01 + 0x72 ))
for ((i = 0; i < ${#DATA}; i += 2)); do SUM=$(( SUM + 0x${DATA:i:2} )); done
L=$(( ${#DATA} / 2 + 3 ))
ANNEX_N=$(printf '68 %02X %02X 68 08 01 72 %s %02X 16' "$L" "$L" "$DATA" $(( SUM % 256 )))
run decode --key "$KEY" "$ANNEX_N"
expect_rc 0 "decode Annex N --key"
check "decode Annex N --key" '
want(d["header"]["manufacturer"] == "ELS" and d.get("decrypted") is True, "not decrypted")
v = one(d, "volume")
want((v.get("value"), v.get("unit")) == ("28504.27", "m3"), "volume %s" % v)
want(one(d, "datetime").get("value") == "2008-05-31T23:50", "date-time")'
run decode "$ANNEX_N"
expect_rc 1 "decode Annex N without key"
has "decode Annex N without key" "$OUT" '"encrypted": true, "error": "encrypted: no key given'

# ---- usage and line errors ---------------------------------------------------------------------
run read 1
expect_rc 2 "read without a bus"
run read 1 --tcp "127.0.0.1:$PORT" --device "$PTY"
expect_rc 2 "read with two buses"
run read 251 "${BUS[@]}"
expect_rc 2 "read 251"
run read 1 --key 0102 "${BUS[@]}"
expect_rc 2 "short key"
run scan --secondary --from 3 "${BUS[@]}"
expect_rc 2 "scan --secondary --from"
run scan --from 9 --to 3 "${BUS[@]}"
expect_rc 2 "scan --from above --to"
run read 1 --baud 1234 "${BUS[@]}"
expect_rc 2 "bad baud"
run read 1 --device "$TMP/no-such-device"
expect_rc 1 "missing device"
run read 1 --tcp 127.0.0.1:1
expect_rc 1 "closed TCP port"
run --help
expect_rc 0 "--help"
for w in "scan" "read ADDR" "--device" "--tcp" "--allowance" "--key" "--secondary" "--from"; do
  has "--help" "$OUT" "$w"
done

kill -0 "$SIM_PID" 2>/dev/null || fail "the simulator died: $(cat "$TMP/sim.err")"
if [ "$FAILS" -ne 0 ]; then
  echo "$FAILS check(s) failed" >&2
  exit 1
fi
echo "msdk_mbus_bus: all checks passed"
