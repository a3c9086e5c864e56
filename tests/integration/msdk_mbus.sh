#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tools.msdk_mbus: `msdk-mbus decode` (tools/msdk-mbus) on published M-Bus telegrams, its JSON
# checked against the decodings published with them, never against the tool's own output:
# - libmbus project test frames (github.com/rscada/libmbus test/test-frames/<name>.hex, the
#   decoding in <name>.xml, read with EN 13757-3's VIF table), the same telegrams and
#   expectations as tests/unit/mbus/test_corpus.c: EFE_Engelmann-Elster-SensoStar-2,
#   LGB_G350, EMU_EMU-Professional-375-M-Bus;
# - the OMS Vol.2 Annex N mode 5 plaintext (volume 28504.27 m3, 2008-05-31 23:50, error flags
#   0; tests/unit/mbus/test_record.c), put in a CI 78 long frame whose L field and checksum
#   this script computes itself;
# - JSON escaping of a text record with a quote, a backslash and control characters;
# - a bad checksum and a truncated frame (exit 1, {"error": ...}), bad hex and bad usage
#   (exit 2), --help (exit 0).
# Usage: msdk_mbus.sh PATH/TO/msdk-mbus
set -u
TOOL=${1:?usage: msdk_mbus.sh PATH/TO/msdk-mbus}
FAILS=0
OUT=""
RC=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# run ARGS...: the tool's stdout in OUT, its exit status in RC.
run() { OUT=$("$TOOL" "$@" 2>/dev/null); RC=$?; }

# expect_rc WANT WHAT
expect_rc() { [ "$RC" -eq "$1" ] || fail "$2: exit $RC, want $1"; }

# has WHAT TEXT SUBSTRING: TEXT contains SUBSTRING (fixed string).
has() { grep -qF -- "$3" <<<"$2" || fail "$1: no '$3' in: $2"; }

# rec N: the line of record N of OUT (one record per line).
rec() { grep -F "{\"index\": $1," <<<"$OUT" || echo "(no record $1)"; }

# json_ok WHAT: OUT is valid JSON (when python3 is there).
json_ok() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" || fail "$1: not valid JSON"
  fi
}

# long_frame C A CI DATAHEX: a long frame 68 L L 68 C A CI data CS 16, L and CS computed here.
long_frame() {
  local c=$1 a=$2 ci=$3 data=${4// /} sum len i b
  len=$(( ${#data} / 2 ))
  sum=$(( 0x$c + 0x$a + 0x$ci ))
  for ((i = 0; i < ${#data}; i += 2)); do
    b=${data:i:2}
    sum=$(( sum + 0x$b ))
  done
  printf '68 %02X %02X 68 %s %s %s %s %02X 16' $((len + 3)) $((len + 3)) "$c" "$a" "$ci" \
    "$data" $((sum % 256))
}

# ---- EFE_Engelmann-Elster-SensoStar-2 (heat meter; published: EFE, 24083345, version 0,
# access number 102, 25 records) ---------------------------------------------------------------
EFE="68 A1 A1 68 08 00 72 45 33 08 24 C5 14 00 04 66 27 00 00 04 78 91 7B 6F 01 04 6D 17 2E CC \
13 04 15 00 00 00 00 44 15 00 00 00 00 84 01 15 00 00 00 00 04 06 00 00 00 00 44 06 00 00 \
00 00 84 01 06 00 00 00 00 84 10 06 00 00 00 00 C4 10 06 00 00 00 00 84 11 06 00 00 00 00 \
42 6C BF 1C 02 6C DF 1C 84 20 06 00 00 00 00 84 30 06 00 00 00 00 04 3B 00 00 00 00 14 3B \
19 00 00 00 04 2B 00 00 00 00 14 2B 0B 00 00 00 02 5B 16 00 02 5F 15 00 04 61 09 00 00 00 \
02 23 0C 02 01 FD 17 00 04 90 28 0B 00 00 00 EB 16"
run decode "$EFE"
expect_rc 0 "EFE"
json_ok "EFE"
has "EFE frame" "$OUT" '"c": "08", "a": 0, "ci": "72"'
has "EFE frame" "$OUT" '"checksum": "EB", "checksum_ok": true'
has "EFE header" "$OUT" '"id": "24083345", "manufacturer": "EFE"'
has "EFE header" "$OUT" '"version": 0, "medium": 4,'
has "EFE header" "$OUT" '"access_number": 102,'
has "EFE header" "$OUT" '"security_mode": 0'
[ "$(grep -c '{"index": ' <<<"$OUT")" -eq 25 ] || fail "EFE: not 25 records"
r=$(rec 0)
has "EFE #0" "$r" '"quantity": "fabrication_number"'
has "EFE #0" "$r" '"value": "24083345"'
r=$(rec 1)
has "EFE #1" "$r" '"quantity": "datetime"'
has "EFE #1" "$r" '"value": "2014-03-12T14:23"'
r=$(rec 9)
has "EFE #9" "$r" '"dif": "C4", "dife": "10", "vif": "06"'
has "EFE #9" "$r" '"storage": 1, "tariff": 1, "subunit": 0'
has "EFE #9" "$r" '"quantity": "energy", "unit": "Wh", "exponent": 3'
r=$(rec 11)
has "EFE #11" "$r" '"storage": 1,'
has "EFE #11" "$r" '"value": "2013-12-31"'
r=$(rec 16)
has "EFE #16" "$r" '"function": "maximum"'
has "EFE #16" "$r" '"quantity": "volume_flow", "unit": "m3/h", "exponent": -3'
has "EFE #16" "$r" '"value": "0.025"'
r=$(rec 19)
has "EFE #19" "$r" '"quantity": "flow_temperature", "unit": "degC"'
has "EFE #19" "$r" '"value": "22"'
r=$(rec 21)
has "EFE #21" "$r" '"quantity": "temperature_difference", "unit": "K", "exponent": -2'
has "EFE #21" "$r" '"value": "0.09"'
r=$(rec 22)
has "EFE #22" "$r" '"quantity": "on_time", "unit": "d"'
has "EFE #22" "$r" '"value": "524"'
r=$(rec 24)
has "EFE #24" "$r" '"vif": "90", "vife": "28"'
has "EFE #24" "$r" '"quantity": "volume", "unit": "m3", "exponent": -6'
has "EFE #24" "$r" '"value": "0.000011"'

# The same frame from standard input, spread over lines.
OUT=$(printf '%s\n' "${EFE:0:90}" "${EFE:90}" | "$TOOL" decode - 2>/dev/null)
RC=$?
expect_rc 0 "EFE on stdin"
has "EFE on stdin" "$OUT" '"id": "24083345"'

# The same frame (167 bytes) given as one argument per byte.
# shellcheck disable=SC2086
run decode $EFE
expect_rc 0 "EFE as separate arguments"
has "EFE as separate arguments" "$OUT" '"id": "24083345"'

# ---- LGB_G350 (Landis+Gyr gas; published: LGB, 12082058, version 64, access number 64) -------
run decode "68 40 40 68 08 01 72 58 20 08 12 E2 30 40 03 40 00 00 00 2F 2F 4C 13 92 40 83 10 46 6D 00 \
00 08 16 27 00 0D 78 11 34 31 38 35 30 32 38 30 32 31 39 35 37 31 30 30 47 89 40 FD 1A 01 \
01 FD 17 00 01 FD 67 0F 38 16"
expect_rc 0 "LGB"
json_ok "LGB"
has "LGB header" "$OUT" '"id": "12082058", "manufacturer": "LGB"'
has "LGB header" "$OUT" '"version": 64, "medium": 3,'
has "LGB header" "$OUT" '"access_number": 64,'
has "LGB frame" "$OUT" '"a": 1,'
r=$(rec 0)
has "LGB #0" "$r" '"storage": 1,'
has "LGB #0" "$r" '"quantity": "volume", "unit": "m3", "exponent": -3'
has "LGB #0" "$r" '"value": "10834.092"'
r=$(rec 1)
has "LGB #1" "$r" '"value": "2016-07-22T08:00'
r=$(rec 2)
has "LGB #2" "$r" '"quantity": "fabrication_number"'
has "LGB #2" "$r" '"value": "G0017591208205814"'
r=$(rec 3)
has "LGB #3" "$r" '"subunit": 1,'
has "LGB #3" "$r" '"quantity": "digital_output"'
r=$(rec 5)
has "LGB #5" "$r" '"quantity": "supplier_info"'
has "LGB #5" "$r" '"value": "15"'

# ---- EMU_EMU-Professional-375-M-Bus (electricity; published: EMU, 32629, version 16, access
# number 2, 32 records) ---------------------------------------------------------------------------
run decode "68 F4 F4 68 08 00 72 29 26 03 00 B5 15 10 02 02 00 00 00 0C 78 29 26 03 00 84 10 03 54 05 \
00 00 84 20 03 00 00 00 00 84 90 40 03 AE 1E 00 00 84 A0 40 03 00 00 00 00 04 AB FF 01 FE \
FF FF FF 04 AB FF 02 00 00 00 00 04 AB FF 03 00 00 00 00 04 2B FE FF FF FF 84 80 40 AB FF \
01 0E 00 00 00 84 80 40 AB FF 02 00 00 00 00 84 80 40 AB FF 03 00 00 00 00 84 80 40 2B 0E \
00 00 00 02 FD C8 FF 01 D1 08 02 FD C8 FF 02 00 00 02 FD C8 FF 03 00 00 22 FD C8 FF 01 52 \
07 22 FD C8 FF 02 00 00 22 FD C8 FF 03 00 00 12 FD C8 FF 01 6A 09 12 FD C8 FF 02 00 00 12 \
FD C8 FF 03 00 00 03 FD D9 FF 01 BE FF FF 03 FD D9 FF 02 00 00 00 03 FD D9 FF 03 00 00 00 \
03 FD 59 BE FF FF 01 FF E1 FF 01 0D 01 FF E1 FF 02 00 01 FF E1 FF 03 00 02 FF 52 F4 01 02 \
FD 60 38 00 01 FD 17 00 74 16"
expect_rc 0 "EMU"
json_ok "EMU"
has "EMU header" "$OUT" '"id": "00032629", "manufacturer": "EMU"'
has "EMU header" "$OUT" '"version": 16, "medium": 2,'
has "EMU header" "$OUT" '"access_number": 2,'
[ "$(grep -c '{"index": ' <<<"$OUT")" -eq 32 ] || fail "EMU: not 32 records"
r=$(rec 3)
has "EMU #3" "$r" '"storage": 0, "tariff": 1, "subunit": 2'
has "EMU #3" "$r" '"quantity": "energy", "unit": "Wh", "exponent": 0'
has "EMU #3" "$r" '"value": "7854"'
r=$(rec 5)
has "EMU #5" "$r" '"quantity": "power", "unit": "W"'
has "EMU #5" "$r" '"value": "-2"'
r=$(rec 13)
has "EMU #13" "$r" '"quantity": "voltage", "unit": "V", "exponent": -1'
has "EMU #13" "$r" '"value": "225.7"'
r=$(rec 16)
has "EMU #16" "$r" '"function": "minimum"'
has "EMU #16" "$r" '"value": "187.4"'
r=$(rec 22)
has "EMU #22" "$r" '"quantity": "current", "unit": "A", "exponent": -3'
has "EMU #22" "$r" '"value": "-0.066"'
r=$(rec 30)
has "EMU #30" "$r" '"quantity": "reset_counter"'
has "EMU #30" "$r" '"value": "56"'

# ---- OMS Vol.2 Annex N mode 5 plaintext in a CI 78 frame (no transport header) ---------------
run decode "$(long_frame 08 01 78 2F2F0C1427048502046D32371F1502FD1700002F2F2F2F2F2F2F2F2F2F2F2F2F)"
expect_rc 0 "OMS"
json_ok "OMS"
has "OMS header" "$OUT" '"type": "none"'
r=$(rec 0)
has "OMS #0" "$r" '"dif": "0C", "dife": "", "vif": "14"'
has "OMS #0" "$r" '"quantity": "volume", "unit": "m3", "exponent": -2'
has "OMS #0" "$r" '"value": "28504.27"'
r=$(rec 1)
has "OMS #1" "$r" '"value": "2008-05-31T23:50"'
r=$(rec 2)
has "OMS #2" "$r" '"quantity": "error_flags"'
has "OMS #2" "$r" '"value": "0"'

# ---- JSON escaping: LVAR text (last character first) a " b \ c 01 d 0A E9 -------------------
run decode "$(long_frame 08 01 78 "0D FD 0C 09 E9 0A 64 01 63 5C 62 22 61")"
expect_rc 0 "escape"
json_ok "escape"
has "escape" "$(rec 0)" '"value": "a\"b\\c\u0001d\n\u00e9"'

# ---- Bad frames: exit 1 with {"error": ...} ----------------------------------------------------
run decode "${EFE%EB 16}EC 16"
expect_rc 1 "bad checksum"
has "bad checksum" "$OUT" '{"error": '
has "bad checksum" "$OUT" 'EB'
json_ok "bad checksum"
run decode "${EFE:0:60}"
expect_rc 1 "truncated"
has "truncated" "$OUT" '{"error": '

# ---- Usage: exit 2 -------------------------------------------------------------------------
run decode "68 ZZ"
expect_rc 2 "bad hex"
run decode "68 A"
expect_rc 2 "odd hex digits"
run decode
expect_rc 2 "decode without HEX"
run
expect_rc 2 "no command"
run frobnicate
expect_rc 2 "unknown command"
run --help
expect_rc 0 "--help"
has "--help" "$OUT" "decode HEX"
has "--help" "$OUT" "scan"

if [ "$FAILS" -ne 0 ]; then
  echo "tools.msdk_mbus: $FAILS failure(s)" >&2
  exit 1
fi
echo "tools.msdk_mbus: all checks passed"
