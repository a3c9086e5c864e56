# shellcheck shell=bash
# SPDX-License-Identifier: Apache-2.0
# Helpers sourced by the scripts of this folder (not run on its own):
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Messages start with the name of the script that sources this file.

msdk_script=$(basename "${BASH_SOURCE[1]:-$0}" .sh)

log() { printf '%s: %s\n' "$msdk_script" "$*"; }
die() { printf '%s: error: %s\n' "$msdk_script" "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "root is needed for: $* (run as root or install sudo)"
  fi
}

# callgrind_run TARGET: builds TARGET in the host-release tree (MSDK_BENCH_HOST_BUILD,
# default build/host-release; configured with the preset when missing), runs bin/TARGET
# under valgrind --tool=callgrind into $work/cg.out (stdout in $work/out.txt, shown
# indented). Needs $work (a temporary directory) and $root (the repository).
callgrind_run() {
  local build=${MSDK_BENCH_HOST_BUILD:-$root/build/host-release}
  command -v valgrind >/dev/null 2>&1 || die "valgrind not found (scripts/bootstrap.sh installs it)"
  if [ ! -f "$build/CMakeCache.txt" ]; then
    log "configuring preset host-release"
    (cd "$root" && cmake --preset host-release >/dev/null)
  fi
  cmake --build "$build" --target "$1" >/dev/null
  valgrind --tool=callgrind --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$work/cg.out" "$build/bin/$1" >"$work/out.txt" 2>"$work/err.txt" ||
    die "callgrind run failed: $(tail -n 5 "$work/err.txt")"
  sed 's/^/  /' "$work/out.txt"
}

# callgrind_cost FUNCTION: "<calls> <inclusive Ir>" of FUNCTION in $work/cg.out, summed over
# its callers ("cfn=<name>", "calls=<n> <line>", then "<line> <inclusive Ir>").
callgrind_cost() {
  awk -v f="$1" '
    /^cfn=/ { callee = substr($0, 5); sub(/[.].*/, "", callee); next }
    /^calls=/ { if (callee == f) { split($0, a, /[= ]/); calls += a[2]; want = 1 } callee = ""; next }
    want { ir += $2; want = 0 }
    END { printf "%d %d\n", calls, ir }' "$work/cg.out"
}
