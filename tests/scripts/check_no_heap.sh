#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The firmware image must not reference the C heap (defined or undefined).
# Usage: check_no_heap.sh <nm> <elf>
set -euo pipefail
nm_tool=$1
elf=$2
hits=$("$nm_tool" "$elf" | awk '{ print $NF }' |
  grep -E '^(malloc|free|calloc|realloc|_malloc_r|_free_r|_calloc_r|_realloc_r|_sbrk|_sbrk_r)$' || true)
if [ -n "$hits" ]; then
  echo "FAIL $(basename "$elf") references the heap:"
  echo "$hits" | sed 's/^/    /'
  exit 1
fi
echo "ok   $(basename "$elf"): no malloc/free/calloc/realloc/_sbrk"
