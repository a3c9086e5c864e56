#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every global symbol defined in the SDK's static libraries must start with
# msdk_ (STYLE.md: vendors link us beside GuruxDLMS.c, libmbus, ...).
# Usage: check_names.sh <nm> <build-dir>
# Third-party archives built by us (libmbedcrypto.a) are exempt. Under
# AddressSanitizer every exported object also gets an alias
# __odr_asan.<name>; the alias is judged by <name>.
set -euo pipefail
nm_tool=$1
build_dir=$2
mapfile -t libs < <(find "$build_dir" -name 'lib*.a' ! -name 'libmbedcrypto.a' ! -path '*/_deps/*' | sort)
if [ "${#libs[@]}" -eq 0 ]; then
  echo "check_names: no lib*.a under $build_dir" >&2
  exit 1
fi
bad=0
for lib in "${libs[@]}"; do
  # Defined, external symbols only: T D B R C W V S (upper case); skip undefined.
  offenders=$("$nm_tool" -g --defined-only "$lib" 2>/dev/null |
    awk 'NF == 3 { print $3 }' | sed 's/^__odr_asan[.]//' | grep -v '^msdk_' || true)
  count=$("$nm_tool" -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3' | wc -l)
  if [ -n "$offenders" ]; then
    echo "FAIL $(basename "$lib"): symbols without the msdk_ prefix:"
    echo "$offenders" | sed 's/^/    /'
    bad=$((bad + 1))
  else
    echo "ok   $(basename "$lib"): $count global symbols, all msdk_"
  fi
done
echo "check_names: ${#libs[@]} libraries, $bad failing"
[ "$bad" -eq 0 ]
