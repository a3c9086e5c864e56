# SPDX-License-Identifier: Apache-2.0
# Helpers of the integration tests that drive a stepped simulator over DLMS (msdk-dlms on the
# wrapper port) and its control port: sourced after sim_lib.sh, with $dlms set.
# shellcheck shell=bash
# start_sim START_TIME [OPTION...]: a stepped simulator in $work (its NVM file there), the
# control connection on fd 3.
start_sim() {
  : >"$work/out.txt"
  (cd "$work" && exec "$sim" --tcp-any --no-lcd --mbus-tcp off --no-wan-pty --optical-tcp off \
    --stepped --seed 1 --start-time "$1" "${@:2}") >"$work/out.txt" 2>&1 &
  pid=$!
  listen_port net net network
  net=127.0.0.1:$net
  listen_port ctl control
  exec 3<>"/dev/tcp/127.0.0.1/$ctl"
}
stop_sim() {
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exec 3>&-
}
ask() { # a control command that must answer ok
  printf '%s\n' "$1" >&3
  IFS= read -r -t 300 reply <&3 || fail "no reply to '$1'"
  reply=${reply%$'\r'}
  [[ $reply == ok* ]] || fail "$1: $reply"
}
step() { ask "clock step $1"; }
grid() { # grid AMPERES: 230 V, phi 0 on each phase
  local ph
  for ph in 1 2 3; do ask "grid phase $ph v 230 i $1 angle 0"; done
}
rd() { "$dlms" --tcp "$net" --timeout-ms 10000 --client 2 --password 12345678 "$@"; }
rdq() { rd "$@" 2>&1 || true; } # an answer (or the error) to compare: never stops the script
# The management client: HLS 5, the Green Book keys, an invocation counter that increases
# from one session to the next (and across the simulators: it only has to grow).
ic=1000
mg() {
  ic=$((ic + 100))
  "$dlms" --tcp "$net" --timeout-ms 10000 --client 1 --auth hls5 --system-title 4D4D4D0000000001 \
    --ek 000102030405060708090A0B0C0D0E0F --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF --ic "$ic" "$@"
}
# mset WHAT ARGS...: a SET / ACTION by the management client that must succeed
mset() { mg "${@:2}" >"$work/s.txt" 2>&1 || fail "$1: $(cat "$work/s.txt")"; }
# refused WHAT RESULT ARGS...: a SET / ACTION by the management client answered RESULT
refused() {
  if mg "${@:3}" >"$work/s.txt" 2>&1; then fail "$1 was taken: $(cat "$work/s.txt")"; fi
  grep -q "result: $2 (" "$work/s.txt" || fail "$1: $(cat "$work/s.txt"), not $2"
}
