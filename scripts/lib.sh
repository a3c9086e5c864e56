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
