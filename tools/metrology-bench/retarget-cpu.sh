#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compiler/linker launcher (CMake <LANG>_COMPILER_LAUNCHER / <LANG>_LINKER_LAUNCHER) that
# builds one target for another core than the rest of the build:
#
#   retarget-cpu.sh <cpu flags...> -- <compiler> <arguments...>
#
# drops every -mcpu=, -march=, -mfpu= and -mfloat-abi= of the arguments (the build's
# core, from CMAKE_C_FLAGS) and appends <cpu flags>. Dropping rather than overriding
# matters at link time: with two -mcpu options gcc's multilib selection matches nothing
# and falls back to the default (ARM-state ARMv4T) libraries.
set -eu
flags=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  flags+=("$1")
  shift
done
if [ $# -lt 2 ]; then
  echo "usage: $0 <cpu flags...> -- <compiler> <arguments...>" >&2
  exit 2
fi
shift
args=()
for a in "$@"; do
  case "$a" in
  -mcpu=* | -march=* | -mfpu=* | -mfloat-abi=*) ;;
  *) args+=("$a") ;;
  esac
done
exec "${args[@]}" "${flags[@]}"
