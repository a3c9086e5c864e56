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
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-cosem.XXXXXX")
trap 'rm -rf "$work"' EXIT
callgrind_run cosem-bench
read -r gets gets_ir < <(callgrind_cost bench_get_register)
read -r blocks blocks_ir < <(callgrind_cost bench_profile_block)
[ "$gets" -gt 0 ] && [ "$blocks" -gt 0 ] || die "no bench calls in the callgrind profile"
bytes=$(sed -n 's/.*profile_data_bytes=\([0-9]*\).*/\1/p' "$work/out.txt")
echo "cosem_ir_per_register_get=$(((gets_ir + gets / 2) / gets))"
echo "cosem_ir_per_profile_kib=$(((blocks_ir * 1024 + bytes / 2) / bytes))"
grep '^range_row_reads' "$work/out.txt"
