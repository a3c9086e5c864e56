#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prepares a Debian 12 machine to build and test the SDK:
#   1. installs the Debian packages the build needs (only the missing ones);
#   2. puts the mbedTLS 3.6 LTS source at .deps/ (scripts/fetch-mbedtls.sh).
# Safe to run again: it does nothing that is already done.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

packages=(
  cmake ninja-build gcc clang pkg-config check doxygen valgrind
  gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi
  qemu-system-arm bzip2 xz-utils ca-certificates openssl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "all Debian packages present"
fi

bash "$here/fetch-mbedtls.sh"
log "done"
