#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cost of the COSEM server (issue 5; docs/performance.md, "DLMS/COSEM server"). Builds
# cosem-bench in build/host-release (-O3; configured with the preset when missing), runs it
# under valgrind --tool=callgrind and prints key=value lines:
#   cosem_ir_per_register_get=<n>     instructions per GET of a Register value (request
#                                      decode, lookup, rights, encode)
#   cosem_ir_per_profile_kib=<n>      instructions per 1,024 bytes of profile data sent in
#                                      GET-next blocks (16,800-row load profile)
#   range_row_reads rows=<n> reads=<r> row reads to locate a one-day range (O(log n))
# Usage: scripts/bench-cosem.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
build=${MSDK_BENCH_HOST_BUILD:-$root/build/host-release}
command -v valgrind >/dev/null 2>&1 || die "valgrind not found (scripts/bootstrap.sh installs it)"
if [ ! -f "$build/CMakeCache.txt" ]; then
  log "configuring preset host-release"
  (cd "$root" && cmake --preset host-release >/dev/null)
fi
cmake --build "$build" --target cosem-bench >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-cosem.XXXXXX")
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --compress-strings=no --compress-pos=no \
  --callgrind-out-file="$work/cg.out" "$build/bin/cosem-bench" >"$work/out.txt" 2>"$work/err.txt" ||
  die "callgrind run failed: $(tail -n 5 "$work/err.txt")"
sed 's/^/  /' "$work/out.txt"
# Inclusive Ir and calls of a function, summed over its callers: "cfn=<name>",
# "calls=<n> <line>", then "<line> <inclusive Ir>".
cost() {
  awk -v f="$1" '
    /^cfn=/ { callee = substr($0, 5); sub(/[.].*/, "", callee); next }
    /^calls=/ { if (callee == f) { split($0, a, /[= ]/); calls += a[2]; want = 1 } callee = ""; next }
    want { ir += $2; want = 0 }
    END { printf "%d %d\n", calls, ir }' "$work/cg.out"
}
read -r gets gets_ir < <(cost bench_get_register)
read -r blocks blocks_ir < <(cost bench_profile_block)
[ "$gets" -gt 0 ] && [ "$blocks" -gt 0 ] || die "no bench calls in the callgrind profile"
bytes=$(sed -n 's/.*profile_data_bytes=\([0-9]*\).*/\1/p' "$work/out.txt")
echo "cosem_ir_per_register_get=$(((gets_ir + gets / 2) / gets))"
echo "cosem_ir_per_profile_kib=$(((blocks_ir * 1024 + bytes / 2) / bytes))"
grep '^range_row_reads' "$work/out.txt"
