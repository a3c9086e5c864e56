#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cost of libmetrology's per-sample path (issue 4; docs/performance.md, "Metrology
# per-sample path"). Builds what is missing, then prints key=value lines:
#
#   host (build/host-release, -O3): metrology-bench as is (ns), then under
#     valgrind --tool=callgrind: Ir of msdk_metro_sample inclusive / its calls
#       host_callgrind_ir_per_frame=<n>
#   Cortex-M4F and Cortex-M0+ (build/mps2-an386): metrology-bench.elf on
#     qemu-system-arm -M mps2-an386 and metrology-bench-m0plus.elf on -M mps2-an385,
#     both -icount shift=0 (instructions counted with SysTick)
#       cortex_m4f_instructions_per_frame=<n>, cortex_m0plus_instructions_per_frame=<n>, ...
#       (..._fundamental_instructions_per_frame: the same with fundamental-only reactive)
#   the size of libmetrology.a for the Cortex-M4F (-Os; metrology_sample.c -O2)
#       libmetrology_cortex_m4f_text=<bytes> ..._data= ..._bss=
#
# Usage: scripts/bench-metrology.sh [--host-only | --target-only]
# Environment: MSDK_BENCH_HOST_BUILD, MSDK_BENCH_ARM_BUILD (build folders; default the
# presets' build/host-release and build/mps2-an386, configured with the presets when
# they do not exist yet), QEMU_SYSTEM_ARM (default qemu-system-arm).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)

do_host=1
do_target=1
case "${1-}" in
"") ;;
--host-only) do_target=0 ;;
--target-only) do_host=0 ;;
*) die "usage: $0 [--host-only | --target-only]" ;;
esac

host_build=${MSDK_BENCH_HOST_BUILD:-$root/build/host-release}
arm_build=${MSDK_BENCH_ARM_BUILD:-$root/build/mps2-an386}
qemu=${QEMU_SYSTEM_ARM:-qemu-system-arm}

# configure <build dir> <preset>: only the presets' own folders are configured here.
configure() {
  if [ -f "$1/CMakeCache.txt" ]; then
    return
  fi
  if [ "$1" != "$root/build/$2" ]; then
    die "$1 is not configured (configure it, or leave MSDK_BENCH_*_BUILD unset)"
  fi
  log "configuring preset $2"
  (cd "$root" && cmake --preset "$2" >/dev/null)
}

# value <key> <file>: the value of the first key=value line.
value() {
  sed -n "s/^$1=\([0-9.]*\).*/\1/p" "$2" | tr -d '\r' | head -n 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-metrology.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "$do_host" -eq 1 ]; then
  command -v valgrind >/dev/null 2>&1 || die "valgrind not found (scripts/bootstrap.sh installs it)"
  configure "$host_build" host-release
  cmake --build "$host_build" --target metrology-bench >/dev/null
  bench=$host_build/bin/metrology-bench
  log "host: $bench"
  "$bench" | tee "$work/host.txt" | sed 's/^/  /'
  echo "host_ns_per_frame=$(value ns_per_frame "$work/host.txt")"
  echo "host_process_ns_per_window=$(value process_ns_per_window "$work/host.txt")"

  log "host: valgrind --tool=callgrind"
  valgrind --tool=callgrind --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$work/callgrind.out" "$bench" >"$work/callgrind.txt" 2>&1 ||
    die "callgrind run failed: $(tail -n 5 "$work/callgrind.txt")"
  # Every call record of msdk_metro_sample from the timed loop (not from the warm-up or
  # the kernel comparison): "fn=<caller>", then per call "cfn=<name>", "calls=<n> <line>"
  # and "<line> <inclusive Ir>".
  read -r calls ir < <(awk '
    /^fn=/ { caller = substr($0, 4); next }
    /^cfn=/ { callee = substr($0, 5); next }
    /^calls=/ {
      if (callee == "msdk_metro_sample" && caller ~ /^bench_loop([.]|$)/) {
        split($0, a, /[= ]/); calls += a[2]; want = 1
      }
      callee = ""; next
    }
    want { ir += $2; want = 0 }
    END { printf "%d %d\n", calls, ir }' "$work/callgrind.out")
  [ "$calls" -gt 0 ] || die "no call of msdk_metro_sample in the callgrind profile"
  read -r pcalls pir < <(awk '
    /^fn=/ { caller = substr($0, 4); next }
    /^cfn=/ { callee = substr($0, 5); next }
    /^calls=/ {
      if (callee == "msdk_metro_process" && caller ~ /^bench_loop([.]|$)/) {
        split($0, a, /[= ]/); calls += a[2]; want = 1
      }
      callee = ""; next
    }
    want { ir += $2; want = 0 }
    END { printf "%d %d\n", calls, ir }' "$work/callgrind.out")
  echo "host_callgrind_sample_calls=$calls"
  echo "host_callgrind_sample_ir=$ir"
  echo "host_callgrind_ir_per_frame=$(((ir + calls / 2) / calls))"
  if [ "$pcalls" -gt 0 ]; then
    echo "host_callgrind_process_ir_per_call=$(((pir + pcalls / 2) / pcalls))"
  fi
fi

if [ "$do_target" -eq 1 ]; then
  command -v "$qemu" >/dev/null 2>&1 || die "$qemu not found (scripts/bootstrap.sh installs it)"
  configure "$arm_build" mps2-an386
  cmake --build "$arm_build" --target msdk_metrology metrology-bench metrology-bench-m0plus >/dev/null
  for variant in "cortex_m4f mps2-an386 metrology-bench.elf" \
                 "cortex_m0plus mps2-an385 metrology-bench-m0plus.elf"; do
    read -r cpu machine elf <<<"$variant"
    log "$cpu: $qemu -M $machine -icount shift=0 $elf"
    status=0
    timeout 240 "$qemu" -M "$machine" -nographic -icount shift=0 \
      -semihosting-config enable=on,target=native -kernel "$arm_build/bin/$elf" \
      </dev/null >"$work/$cpu.txt" 2>&1 || status=$?
    tr -d '\r' <"$work/$cpu.txt" | sed 's/^/  /'
    for key in instructions_per_frame process_instructions_per_window process_instructions_max \
               total_instructions_per_frame fundamental_instructions_per_frame; do
      echo "${cpu}_${key}=$(value "$key" "$work/$cpu.txt")"
    done
    echo "${cpu}_exit_status=$status"
  done

  lib=$(find "$arm_build/lib" -name libmetrology.a | head -n 1)
  [ -n "$lib" ] || die "no libmetrology.a under $arm_build/lib"
  log "arm-none-eabi-size -t $lib"
  arm-none-eabi-size -t "$lib" | sed 's/^/  /'
  read -r text data bss _ < <(arm-none-eabi-size -t "$lib" | awk '/\(TOTALS\)/ { print $1, $2, $3 }')
  echo "libmetrology_cortex_m4f_text=$text"
  echo "libmetrology_cortex_m4f_data=$data"
  echo "libmetrology_cortex_m4f_bss=$bss"
  m0=$(find "$arm_build/tools" -name libmsdk_metrology_m0plus.a | head -n 1)
  if [ -n "$m0" ]; then
    read -r text data bss _ < <(arm-none-eabi-size -t "$m0" | awk '/\(TOTALS\)/ { print $1, $2, $3 }')
    echo "libmetrology_cortex_m0plus_text=$text"
    echo "libmetrology_cortex_m0plus_data=$data"
    echo "libmetrology_cortex_m0plus_bss=$bss"
  fi
fi
