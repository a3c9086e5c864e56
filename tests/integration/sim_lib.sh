# shellcheck shell=bash disable=SC2034
# SPDX-License-Identifier: Apache-2.0
# Shared helpers of the simulator integration tests (sourced, not run).
# Sets: sim (absolute path of the simulator, from $1), work (temporary directory,
# removed on exit), pid (the simulator's, killed on exit), passed (count).
# Provides: fail MSG, pass MSG, wait_for REGEX SECONDS (in $work/out.txt),
# listen_port VAR CHANNEL [NAME], start_stepped START_TIME.
sim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: tests run in a work dir
work=$(mktemp -d)
pid=""
port="" net="" ctl="" # set by listen_port / start_stepped
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

# listen_port VAR CHANNEL [NAME]: waits for the simulator's line "listening: CHANNEL tcp
# 127.0.0.1:PORT" and sets VAR to PORT (NAME, default CHANNEL, names it in the failure).
listen_port() {
  wait_for "^listening: $2 tcp 127\\.0\\.0\\.1:[0-9]+" 20 || fail "no ${3:-$2} listener line"
  printf -v "$1" '%s' "$(sed -n "s/^listening: $2 tcp 127\\.0\\.0\\.1:\\([0-9]*\\).*/\\1/p" "$work/out.txt" | head -n 1)"
}

# start_stepped START_TIME: starts the simulator in $work (output in $work/out.txt, emptied)
# with stepped time from START_TIME, the AFE off, the network and control channels on TCP.
# Sets pid, net (127.0.0.1:PORT) and ctl (the control port).
start_stepped() {
  : >"$work/out.txt"
  (cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --no-wan-pty --optical-tcp off \
    --afe-off --stepped --start-time "$1") >"$work/out.txt" 2>&1 &
  pid=$!
  listen_port net net network
  net=127.0.0.1:$net
  listen_port ctl control
}
