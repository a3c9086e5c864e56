#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Put the mbedTLS 3.6.6 source tree at <repo>/.deps/mbedtls-3.6.6, where
# cmake/MsdkMbedtls.cmake looks for it (.deps/ is not tracked by git).
#
#   scripts/fetch-mbedtls.sh
#
# 1. Already there: nothing to do.
# 2. Download the official release archive (curl or wget) and check its SHA-256.
# 3. Otherwise take the same archive from Debian's source package: Debian 13
#    "trixie" ships it unchanged as mbedtls_3.6.6.orig.tar.bz2. If no deb-src
#    entry for trixie is configured, one is added
#    (/etc/apt/sources.list.d/msdk-trixie-src.sources, mirror taken from the
#    system's own debian.sources), then apt-get update and
#    apt-get source --download-only. apt checks the download against the
#    signed archive index; the SHA-256 below is checked as well.
#    Step 3 needs root for the apt configuration (sudo is used if present).
set -euo pipefail

readonly VERSION=3.6.6
readonly URL="https://github.com/Mbed-TLS/mbedtls/releases/download/mbedtls-${VERSION}/mbedtls-${VERSION}.tar.bz2"
# SHA-256 of the release archive (identical to Debian's mbedtls_3.6.6.orig.tar.bz2).
readonly SHA256=8fb65fae8dcae5840f793c0a334860a411f884cc537ea290ce1c52bb64ca007a
readonly ORIG="mbedtls_${VERSION}.orig.tar.bz2"
readonly SRC_LIST=/etc/apt/sources.list.d/msdk-trixie-src.sources
readonly DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deps="$repo/.deps"
dest="$deps/mbedtls-$VERSION"

. "$repo/scripts/lib.sh"

if [ -f "$dest/include/mbedtls/build_info.h" ]; then
  log "already present: $dest"
  exit 0
fi

for tool in tar bzip2 sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/fetch-mbedtls.XXXXXX")
trap 'rm -rf "$work"' EXIT

sha_ok() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA256" ]; }

# Unpack a checked archive and move the tree into place.
install_archive() {
  local archive=$1
  mkdir -p "$work/unpack" "$deps"
  tar -xjf "$archive" -C "$work/unpack"
  [ -f "$work/unpack/mbedtls-$VERSION/include/mbedtls/build_info.h" ] ||
    die "$archive does not contain mbedtls-$VERSION/"
  rm -rf "$dest"
  mv "$work/unpack/mbedtls-$VERSION" "$dest"
  log "installed mbedTLS $VERSION source at $dest"
}

# --- 2. the official release archive -----------------------------------------
try_release() {
  local out="$work/mbedtls-$VERSION.tar.bz2"
  if command -v curl >/dev/null 2>&1; then
    log "downloading $URL (curl)"
    curl -fsSL --connect-timeout 20 --max-time 300 --retry 1 -o "$out" "$URL" || return 1
  elif command -v wget >/dev/null 2>&1; then
    log "downloading $URL (wget)"
    wget -q --timeout=20 --read-timeout=60 --tries=2 -O "$out" "$URL" || return 1
  else
    log "neither curl nor wget is installed"
    return 1
  fi
  if ! sha_ok "$out"; then
    log "SHA-256 mismatch for $URL: $(sha256sum "$out" | cut -d' ' -f1), expected $SHA256"
    return 1
  fi
  install_archive "$out"
}

if try_release; then
  exit 0
fi
log "release download failed; trying Debian's source package"

# --- 3. Debian's source package ----------------------------------------------
# true when some enabled deb-src entry for trixie exists (one-line or deb822).
have_trixie_deb_src() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    if grep -Eq '^[[:space:]]*deb-src[[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+[[:space:]]+trixie([[:space:]]|$)' "$f"; then
      return 0
    fi
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    if awk '
      function flush() { if (src && trixie && enabled) found = 1; src = trixie = 0; enabled = 1 }
      BEGIN { enabled = 1 }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      tolower($1) == "types:"   { for (i = 2; i <= NF; i++) if ($i == "deb-src") src = 1 }
      tolower($1) == "suites:"  { for (i = 2; i <= NF; i++) if ($i == "trixie") trixie = 1 }
      tolower($1) == "enabled:" { if (tolower($2) == "no") enabled = 0 }
      END { flush(); exit(found ? 0 : 1) }' "$f"; then
      return 0
    fi
  done
  return 1
}

# The mirror to copy: the URIs of the first enabled "Types: deb" stanza of
# debian.sources (container images, Debian 12 cloud images), else the URI of
# the first http(s) "deb" line that is not a -security suite in the one-line
# sources.list (what the Debian 12 installer writes; it may also hold a
# "deb cdrom:" line, which is skipped).
debian_mirror_uris() {
  if [ -f "$DEBIAN_SOURCES" ] && awk '
    function flush() { if (deb && enabled && uris != "" && out == "") out = uris; deb = 0; uris = ""; enabled = 1 }
    BEGIN { enabled = 1 }
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { flush(); next }
    tolower($1) == "types:"   { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
    tolower($1) == "uris:"    { uris = $2; for (i = 3; i <= NF; i++) uris = uris " " $i }
    tolower($1) == "enabled:" { if (tolower($2) == "no") enabled = 0 }
    END { flush(); if (out == "") exit 1; print out }' "$DEBIAN_SOURCES"; then
    return 0
  fi
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    if awk '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
        if ($i ~ /^https?:\/\// && $(i + 1) !~ /-security$/) { print $i; found = 1; exit }
      }
      END { exit(found ? 0 : 1) }' "$f"; then
      return 0
    fi
  done
  return 1
}

command -v apt-get >/dev/null 2>&1 || die "no apt-get: cannot use Debian's source package. Download $URL by other means (SHA-256 $SHA256) and unpack it to $dest"

if have_trixie_deb_src; then
  log "a deb-src entry for trixie is already configured"
else
  uris=$(debian_mirror_uris) ||
    die "no deb-src entry for trixie, and no Debian mirror found in $DEBIAN_SOURCES or /etc/apt/sources.list to copy; add a deb-src entry for trixie yourself"
  log "adding $SRC_LIST (deb-src trixie main from $uris)"
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uris" >"$work/msdk-trixie-src.sources"
  as_root install -m 0644 "$work/msdk-trixie-src.sources" "$SRC_LIST"
fi

log "apt-get update"
if ! as_root apt-get update -q >"$work/apt-update.log" 2>&1; then
  # Another, unrelated repository may fail; the source lookup below decides.
  log "apt-get update reported errors (continuing):"
  tail -n 5 "$work/apt-update.log" | sed 's/^/    /'
fi

# The Debian revision (e.g. 3.6.6-0.1~deb13u1) of a source package of VERSION.
# (|| true: under pipefail a failing apt-cache, or awk leaving early, must not
# end the script silently; an empty result falls through to the plain lookup.)
version=$(apt-cache showsrc mbedtls 2>/dev/null |
  awk -v v="$VERSION" '$1 == "Version:" && index($2, v "-") == 1 { print $2; exit }') || version=
mkdir -p "$work/apt"
# apt downloads as its unprivileged _apt user: let it write there.
chmod 0755 "$work"
if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
  chown _apt "$work/apt"
fi
if [ -n "$version" ]; then
  log "apt-get source --download-only mbedtls=$version"
  (cd "$work/apt" && apt-get source -q --download-only "mbedtls=$version") ||
    die "apt-get source mbedtls=$version failed"
else
  log "no mbedtls $VERSION source package listed; trying apt-get source --download-only mbedtls"
  (cd "$work/apt" && apt-get source -q --download-only mbedtls) ||
    die "apt-get source mbedtls failed (is a deb-src entry for trixie configured and reachable?)"
fi

archive="$work/apt/$ORIG"
[ -f "$archive" ] ||
  die "Debian's source package has no $ORIG (got: $(cd "$work/apt" && ls | tr '\n' ' '))"
sha_ok "$archive" ||
  die "SHA-256 mismatch for $ORIG: $(sha256sum "$archive" | cut -d' ' -f1), expected $SHA256"
log "$ORIG: SHA-256 ok"
install_archive "$archive"
