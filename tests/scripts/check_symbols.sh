#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Symbol checks of the SDK's static libraries, with nm.
#
#   check_symbols.sh prefix <nm> <build-dir>
#     Every global symbol defined in our lib*.a starts with msdk_ (STYLE.md:
#     vendors link us beside GuruxDLMS.c, libmbus, ...). Third-party archives
#     built by us (libmbedcrypto.a) are exempt. Under AddressSanitizer every
#     exported object also gets an alias __odr_asan.<name>, judged by <name>.
#
#   check_symbols.sh no-mutable <nm> <build-dir>
#     The libraries under lib/ keep no mutable state of their own: every
#     instance lives in a caller-owned context (ARCHITECTURE.md rule 2). No
#     writable data symbol (.data, .bss, common; global or file-static) may
#     appear; constant tables (.rodata, nm type r/R, and .data.rel.ro: constant
#     tables of pointers in a position-independent host build) are fine. Sanitizer and
#     coverage instrumentation add their own bookkeeping, which is skipped
#     (clang names its UBSan type and source-location records __unnamed_<n>).
set -euo pipefail
mode=$1
nm_tool=$2
build_dir=$3

case "$mode" in
prefix)
  mapfile -t libs < <(find "$build_dir" -name 'lib*.a' ! -name 'libmbedcrypto.a' ! -path '*/_deps/*' | sort)
  what="symbols without the msdk_ prefix"
  offenders() {
    "$nm_tool" -g --defined-only "$1" 2>/dev/null |
      awk 'NF == 3 { print $3 }' | sed 's/^__odr_asan[.]//' | grep -v '^msdk_' || true
  }
  ;;
no-mutable)
  mapfile -t libs < <(find "$build_dir/lib" -name 'lib*.a' 2>/dev/null | sort)
  what="writable data (mutable state) in a library"
  offenders() {
    # sysv format: name|value|class|type|size|line|section. Constant tables holding
    # pointers (class descriptors) land in .data.rel.ro on a PIE host: read-only once
    # relocated (RELRO), .rodata on the target; they are not mutable state.
    "$nm_tool" --format=sysv "$1" 2>/dev/null |
      awk -F'|' 'NF >= 7 {
        cls = $3; gsub(/ /, "", cls); sec = $7; gsub(/ /, "", sec); name = $1; gsub(/ /, "", name)
        if (cls ~ /^[bBdDcCgGsS]$/ && sec !~ /^[.]data[.]rel[.]ro/) print cls, name
      }' |
      grep -vE ' (__odr_asan|___asan|__asan|__ubsan|__gcov|__llvm_gcov|__sancov|__llvm_prf|__unnamed_[0-9])' || true
  }
  ;;
*)
  echo "usage: check_symbols.sh prefix|no-mutable <nm> <build-dir>" >&2
  exit 2
  ;;
esac

if [ "${#libs[@]}" -eq 0 ]; then
  echo "check_symbols $mode: no libraries under $build_dir" >&2
  exit 1
fi
bad=0
for lib in "${libs[@]}"; do
  found=$(offenders "$lib")
  if [ -n "$found" ]; then
    echo "FAIL $(basename "$lib"): $what:"
    echo "$found" | sed 's/^/    /'
    bad=$((bad + 1))
  else
    echo "ok   $(basename "$lib")"
  fi
done
echo "check_symbols $mode: ${#libs[@]} libraries, $bad failing"
[ "$bad" -eq 0 ]
