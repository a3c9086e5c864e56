#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boot a firmware image on QEMU's MPS2 board and check what it did.
#
# Usage: run-qemu.sh ELF EXPECTED_REGEX [QEMU_APPEND]
#
#   Runs  qemu-system-arm -M mps2-an386 -nographic
#           -semihosting-config enable=on,target=native -kernel ELF [-append QEMU_APPEND]
#   under `timeout`, captures UART0 (QEMU's stdout), prints it, and passes
#   when the output matches EXPECTED_REGEX (grep -E, carriage returns removed)
#   AND the exit status is the expected one (0 by default: the firmware's
#   main() returned 0 and the port ended QEMU through semihosting
#   SYS_EXIT_EXTENDED).
#
# Environment (all optional):
#   QEMU_SYSTEM_ARM      QEMU binary (default: qemu-system-arm)
#   QEMU_MACHINE         machine (default: mps2-an386)
#   QEMU_TIMEOUT         seconds before QEMU is killed (default: 60; status 124)
#   QEMU_EXPECT_STATUS   exit status that counts as success (default: 0)
#   QEMU_STDIN           file fed to UART0's receiver (default: /dev/null)
#   QEMU_NO_SEMIHOSTING  1: run without -semihosting-config (real-hardware behaviour)
#   QEMU_UART1_LOOPBACK  1: wire UART1's output to its own input (a FIFO used as
#                        QEMU pipe chardev; UART0 stays on stdio)
#   QEMU_UART_PAIR       1: wire UART1 and UART2 to each other (UART1's output is
#                        UART2's input and the other way round: two FIFOs, each
#                        one pipe chardev's output and the other's input)
#   QEMU_EXTRA_ARGS      more QEMU options, split on blanks
#                        (e.g. "-icount shift=0" or "-serial ... ")
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 ELF EXPECTED_REGEX [QEMU_APPEND]" >&2
  exit 2
fi
elf=$1
regex=$2
append=${3-}

qemu=${QEMU_SYSTEM_ARM:-qemu-system-arm}
machine=${QEMU_MACHINE:-mps2-an386}
limit=${QEMU_TIMEOUT:-60}
expect_status=${QEMU_EXPECT_STATUS:-0}
stdin_file=${QEMU_STDIN:-/dev/null}

if [ ! -f "$elf" ]; then
  echo "run-qemu: no such image: $elf" >&2
  exit 2
fi
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "run-qemu: $qemu not found" >&2
  exit 2
fi

cmd=("$qemu" -M "$machine" -nographic)
if [ "${QEMU_NO_SEMIHOSTING:-0}" != "1" ]; then
  cmd+=(-semihosting-config "enable=on,target=native")
fi
cmd+=(-kernel "$elf")
if [ -n "$append" ]; then
  cmd+=(-append "$append")
fi
if [ -n "${QEMU_EXTRA_ARGS:-}" ]; then
  # shellcheck disable=SC2206  # deliberate word splitting
  cmd+=(${QEMU_EXTRA_ARGS})
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/run-qemu.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/uart0.log

if [ "${QEMU_UART1_LOOPBACK:-0}" = "1" ]; then
  # QEMU's pipe chardev writes <path>.out and reads <path>.in: one FIFO for both.
  mkfifo "$work/uart1.out"
  ln -s uart1.out "$work/uart1.in"
  cmd+=(-serial mon:stdio -serial "pipe:$work/uart1")
elif [ "${QEMU_UART_PAIR:-0}" = "1" ]; then
  mkfifo "$work/uart1.out" "$work/uart2.out"
  ln -s uart2.out "$work/uart1.in"
  ln -s uart1.out "$work/uart2.in"
  cmd+=(-serial mon:stdio -serial "pipe:$work/uart1" -serial "pipe:$work/uart2")
fi

printf 'run-qemu: timeout %s' "$limit"
printf ' %q' "${cmd[@]}"
printf ' < %q\n' "$stdin_file"

timeout -k 5 "$limit" "${cmd[@]}" <"$stdin_file" >"$out" 2>&1
status=$?

echo "---- UART0 ----"
tr -d '\r' <"$out"
echo "---- end of UART0 ----"

ok=1
if [ "$status" -eq 124 ] && [ "$expect_status" != "124" ]; then
  echo "run-qemu: FAIL: QEMU did not finish within ${limit} s (killed, status 124)"
  ok=0
elif [ "$status" != "$expect_status" ]; then
  echo "run-qemu: FAIL: exit status $status, expected $expect_status"
  ok=0
else
  echo "run-qemu: exit status $status (expected $expect_status)"
fi
if tr -d '\r' <"$out" | grep -Eq -- "$regex"; then
  echo "run-qemu: output matches /$regex/"
else
  echo "run-qemu: FAIL: output does not match /$regex/"
  ok=0
fi
[ "$ok" -eq 1 ]
