#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The libraries under lib/ keep no mutable state of their own: every instance
# lives in a caller-owned context (ARCHITECTURE.md rule 2). nm must show no
# writable data symbol (.data, .bss, common; global or file-static) in them.
# Constant tables (.rodata, nm type r/R) are fine.
# Usage: check_no_globals.sh <nm> <build-dir>
set -euo pipefail
nm_tool=$1
build_dir=$2
mapfile -t libs < <(find "$build_dir/lib" -name 'lib*.a' | sort)
if [ "${#libs[@]}" -eq 0 ]; then
  echo "check_no_globals: no libraries under $build_dir/lib" >&2
  exit 1
fi
bad=0
for lib in "${libs[@]}"; do
  # Sanitizer and coverage instrumentation add their own bookkeeping (clang
  # names its UBSan type and source-location records __unnamed_<n>).
  writable=$("$nm_tool" "$lib" 2>/dev/null |
    awk 'NF == 3 && $2 ~ /^[bBdDcCgGsS]$/ { print $2, $3 }' |
    grep -vE ' (__odr_asan|___asan|__asan|__ubsan|__gcov|__llvm_gcov|__sancov|__llvm_prf|__unnamed_[0-9])' || true)
  if [ -n "$writable" ]; then
    echo "FAIL $(basename "$lib"): writable data (mutable state) in a library:"
    echo "$writable" | sed 's/^/    /'
    bad=$((bad + 1))
  else
    echo "ok   $(basename "$lib"): no mutable data"
  fi
done
echo "check_no_globals: ${#libs[@]} libraries, $bad failing"
[ "$bad" -eq 0 ]
