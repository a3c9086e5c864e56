#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Footprint of the DLMS/COSEM stack with its security as a firmware links it (issue 6;
# docs/performance.md, "DLMS security"): the text (code + constants, what
# arm-none-eabi-size counts as text) of the input sections that the link kept from
#   libcosem.a                the server, its classes, the ciphering and HLS
#   libmbedcrypto.a           the mbedTLS modules it pulls in
#   libmsdk_crypto_mbedtls.a  the crypto port (msdk/port/crypto.h on mbedTLS)
# summed from a GNU ld link map (-Map) after --gc-sections. Prints key=value lines:
#   <lib>_text=<bytes> <lib>_data=<bytes> <lib>_bss=<bytes>   per archive
#   total_text=<bytes>
#   budget: <bytes> bytes of text: ok | OVER
# and exits 1 when total_text is above the budget (issue 6: 96 KB, taken as 96,000 bytes;
# MSDK_FOOTPRINT_COSEM_MAX overrides it).
#
# Usage: scripts/footprint-cosem.sh [--objects] [MAP]
#   MAP        a link map; default: ma304h4.map of the Cortex-M4 build (MSDK_BENCH_ARM_BUILD,
#              default build/mps2-an386, configured with the preset and built when needed)
#   --objects  also print the text of every object file kept, largest first
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)

objects=0
map=""
while [ $# -gt 0 ]; do
  case "$1" in
  --objects) objects=1 ;;
  -*) die "usage: $0 [--objects] [MAP]" ;;
  *) [ -z "$map" ] || die "usage: $0 [--objects] [MAP]"; map=$1 ;;
  esac
  shift
done
max=${MSDK_FOOTPRINT_COSEM_MAX:-96000}

if [ -z "$map" ]; then
  build=${MSDK_BENCH_ARM_BUILD:-$root/build/mps2-an386}
  if [ ! -f "$build/CMakeCache.txt" ]; then
    [ "$build" = "$root/build/mps2-an386" ] ||
      die "$build is not configured (configure it, or leave MSDK_BENCH_ARM_BUILD unset)"
    log "configuring preset mps2-an386"
    (cd "$root" && cmake --preset mps2-an386 >/dev/null)
  fi
  cmake --build "$build" --target ma304h4 >/dev/null
  map=$build/examples/ma304h4/ma304h4.map
fi
[ -f "$map" ] || die "no link map: $map"
grep -q '^Linker script and memory map' "$map" || die "$map is not a GNU ld link map"

# The memory map part of the file: output sections start in column 0 (".text  0x... 0x..."),
# input sections are indented, "<name> <address> <size> <file>" on one line or the name
# alone on the line before. Only allocated output sections count: text (.text holds the
# code and .rodata, the exception tables beside it), .data (initial values in flash, RAM),
# .bss (RAM).
# shellcheck disable=SC2016  # awk program
awk_prog='
function hex(s,   i, v) {
  s = tolower(s); sub(/^0x/, "", s); v = 0
  for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
  return v
}
/^Linker script and memory map/ { inmap = 1; next }
!inmap { next }
/^[.\/A-Za-z_]/ { out = $1 }
{
  n = split($0, f, /[ \t]+/)
  file = f[n]
  if (file !~ /\.a\([^)]*\)$/ || f[n - 1] !~ /^0x[0-9a-fA-F]+$/ || f[n - 2] !~ /^0x[0-9a-fA-F]+$/) next
  lib = file; sub(/\(.*/, "", lib); sub(/.*\//, "", lib)
  if (lib != "libcosem.a" && lib != "libmbedcrypto.a" && lib != "libmsdk_crypto_mbedtls.a") next
  obj = file; sub(/^.*\(/, "", obj); sub(/\)$/, "", obj)
  size = hex(f[n - 1])
  if (out == ".text" || out == ".ARM.extab" || out == ".ARM.exidx") kind = "text"
  else if (out == ".data") kind = "data"
  else if (out == ".bss") kind = "bss"
  else next
  sum[lib, kind] += size
  if (kind == "text") objsum[lib "(" obj ")"] += size
}
END {
  libs[1] = "libcosem.a"; libs[2] = "libmbedcrypto.a"; libs[3] = "libmsdk_crypto_mbedtls.a"
  for (i = 1; i <= 3; i++) {
    key = libs[i]; sub(/\.a$/, "", key)
    printf "%s_text=%d\n%s_data=%d\n%s_bss=%d\n", key, sum[libs[i], "text"], key,
           sum[libs[i], "data"], key, sum[libs[i], "bss"]
    total += sum[libs[i], "text"]
  }
  printf "total_text=%d\n", total
  for (o in objsum) printf "object %d %s\n", objsum[o], o
}'
result=$(awk "$awk_prog" "$map")
grep -v '^object ' <<<"$result"
if [ "$objects" -eq 1 ]; then
  grep '^object ' <<<"$result" | sort -k2,2nr | awk '{ printf "  %7d %s\n", $2, $3 }'
fi
total=$(sed -n 's/^total_text=//p' <<<"$result")
[ "$total" -gt 0 ] || die "nothing of libcosem, libmbedcrypto or libmsdk_crypto_mbedtls in $map"
if [ "$total" -le "$max" ]; then
  echo "budget: $max bytes of text: ok"
else
  echo "budget: $max bytes of text: OVER by $((total - max))"
  exit 1
fi
