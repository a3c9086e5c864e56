# shellcheck shell=bash disable=SC2034
# SPDX-License-Identifier: Apache-2.0
# Shared helpers of the simulator integration tests (sourced, not run).
# Sets: sim (absolute path of the simulator, from $1), work (temporary directory,
# removed on exit), pid (the simulator's, killed on exit), passed (count).
# Provides: fail MSG, pass MSG, wait_for REGEX SECONDS (in $work/out.txt).
sim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: tests run in a work dir
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  echo "--- simulator output ---"
  cat "$work/out.txt" 2>/dev/null || true
  exit 1
}
passed=0
pass() { echo "ok   $*"; passed=$((passed + 1)); }

wait_for() { # regex, seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if grep -Eq "$1" "$work/out.txt"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
