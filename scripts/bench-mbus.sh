#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cost of libmbus (issue 9; docs/performance.md, "M-Bus"). Builds mbus-bench in
# build/host-release (configured with the preset when missing), runs it under valgrind
# --tool=callgrind and prints key=value lines:
#   instructions_per_telegram=<n>   instructions to decode one 167-byte heat meter reply (frame,
#                                   header, 25 data records; the average over 1000 decodes)
#   mbus_text=<n> mbus_data=<n> mbus_bss=<n>
#                                   libmbus.a for the Cortex-M4 at -Os (arm-none-eabi-size -t of
#                                   build/mps2-an386/lib/mbus/libmbus.a, built when missing)
# and checks the issue's requirements: <= 20,000 instructions a telegram, <= 12 KB of text.
# Usage: scripts/bench-mbus.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-mbus.XXXXXX")
trap 'rm -rf "$work"' EXIT
callgrind_run mbus-bench
read -r calls ir < <(callgrind_cost bench_decode_telegram)
[ "$calls" -gt 0 ] || die "no bench calls in the profile"
per=$(((ir + calls / 2) / calls))
echo "instructions_per_telegram=$per"
arm=${MSDK_BENCH_ARM_BUILD:-$root/build/mps2-an386}
if [ ! -f "$arm/CMakeCache.txt" ]; then
  log "configuring preset mps2-an386"
  (cd "$root" && cmake --preset mps2-an386 >/dev/null)
fi
cmake --build "$arm" --target msdk_mbus >/dev/null
read -r text data bss < <(arm-none-eabi-size -t "$arm/lib/mbus/libmbus.a" | awk '/TOTALS/ { print $1, $2, $3 }')
echo "mbus_text=$text mbus_data=$data mbus_bss=$bss"
[ "$per" -le 20000 ] || die "instructions_per_telegram $per > 20000"
[ "$text" -le 12288 ] || die "mbus_text $text > 12 KB"
