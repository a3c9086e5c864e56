#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Line coverage of a --coverage build (MSDK_COVERAGE=ON), with plain gcov.
#
# Usage: coverage_report.sh GCOV BUILD_DIR SOURCE_DIR SUMMARY_FILE DIR...
#        coverage_report.sh --reset BUILD_DIR
#        coverage_report.sh --show SUMMARY_FILE
#
# Report: runs `gcov --stdout` over every .gcno under BUILD_DIR (an object
# whose program never ran has no .gcda; gcov counts it as not executed, so
# code that no test reaches still counts against the figure) and merges the
# per-line counts: a source compiled into several objects, or a header with
# inline code, counts each line once, as hit when any object hit it. Prints
# one line per DIR (relative to SOURCE_DIR) and the files in it, then
#   coverage: lines=<pct>% (<hit>/<total>) in lib/
# and writes the same report to SUMMARY_FILE. Exits 0 whatever the figures
# (no gate yet); non-zero only when gcov fails or there is nothing to read.
#
# --reset deletes every .gcda under BUILD_DIR (the build does it, so counts
# never mix two builds). --show prints SUMMARY_FILE and removes it (CTest's
# post-test hook: the report shows up at the end of the ctest run that made
# it, and only there).
set -euo pipefail

if [ "${1-}" = "--reset" ] && [ $# -eq 2 ]; then
  find "$2" -name '*.gcda' -type f -delete
  exit 0
fi
if [ "${1-}" = "--show" ] && [ $# -eq 2 ]; then
  if [ -f "$2" ]; then
    cat "$2"
    rm -f "$2"
  fi
  exit 0
fi
if [ $# -lt 5 ]; then
  echo "usage: $0 GCOV BUILD_DIR SOURCE_DIR SUMMARY_FILE DIR..." >&2
  echo "       $0 --reset BUILD_DIR | --show SUMMARY_FILE" >&2
  exit 2
fi
gcov_tool=$1
build_dir=$(cd "$2" && pwd -P)
source_dir=$(cd "$3" && pwd -P)
summary=$4
shift 4

if ! "$gcov_tool" --version >/dev/null 2>&1; then
  echo "coverage: FAIL: cannot run $gcov_tool" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/msdk-coverage.XXXXXX")
trap 'rm -rf "$work"' EXIT

find "$build_dir" -name '*.gcno' -type f -print0 | sort -z >"$work/notes"
count=$(tr -cd '\0' <"$work/notes" | wc -c)
if [ "$count" -eq 0 ]; then
  echo "coverage: FAIL: no .gcno files under $build_dir (is MSDK_COVERAGE on?)" >&2
  exit 1
fi

# gcov writes nothing with --stdout, but runs in a scratch directory anyway.
# A missing .gcda is reported on stderr ("assuming not executed"); keep
# stderr for the real errors.
if ! (cd "$work" && xargs -0 -n 64 "$gcov_tool" --stdout <"$work/notes" \
  >"$work/gcov.txt" 2>"$work/gcov.err"); then
  echo "coverage: FAIL: $gcov_tool failed:" >&2
  grep -v 'cannot open data file, assuming not executed' "$work/gcov.err" >&2 || true
  exit 1
fi

# Lines of gcov's text format: "<count>:<line>:<source text>"; count is "-"
# (no code), "#####" or "=====" (not executed) or a number, possibly with a
# "*" (some block on the line not executed). Line 0 carries Source:.
awk -v src="$source_dir/" -v dirs="$*" -v nobj="$count" '
function pct(h, t) { return (t > 0) ? sprintf("%.1f", 100.0 * h / t) : "0.0" }
/^ *-: *0:Source:/ {
  file = $0
  sub(/^ *-: *0:Source:/, "", file)
  keep = (index(file, src) == 1)
  if (keep) { file = substr(file, length(src) + 1) }
  next
}
keep {
  c = index($0, ":")
  if (c == 0) { next }
  cnt = substr($0, 1, c - 1)
  rest = substr($0, c + 1)
  c2 = index(rest, ":")
  if (c2 == 0) { next }
  line = substr(rest, 1, c2 - 1) + 0
  gsub(/ /, "", cnt)
  if (line == 0 || cnt == "-" || cnt == "") { next }
  key = file SUBSEP line
  exec[key] = 1
  if (cnt !~ /^(#####|=====)$/ && (cnt + 0) > 0) { hit[key] = 1 }
}
END {
  for (key in exec) {
    split(key, kf, SUBSEP)
    ftotal[kf[1]]++
    if (key in hit) { fhit[kf[1]]++ }
  }
  n = split(dirs, d, " ")
  printf "coverage: lines executed per directory (gcov, %d object files)\n", nobj
  for (i = 1; i <= n; i++) {
    dt = 0; dh = 0; nf = 0
    delete names
    for (f in ftotal) {
      if (index(f, d[i] "/") == 1) { names[++nf] = f; dt += ftotal[f]; dh += fhit[f] }
    }
    # Insertion sort: awk has no portable sort.
    for (a = 2; a <= nf; a++) {
      v = names[a]
      for (b = a - 1; b >= 1 && names[b] > v; b--) { names[b + 1] = names[b] }
      names[b + 1] = v
    }
    if (nf == 0) {
      printf "  %-28s  no instrumented code\n", d[i] "/"
      continue
    }
    printf "  %-28s %6s%% %6d/%-6d\n", d[i] "/", pct(dh, dt), dh, dt
    for (a = 1; a <= nf; a++) {
      f = names[a]
      printf "    %-26s %6s%% %6d/%-6d\n", substr(f, length(d[i]) + 2), pct(fhit[f], ftotal[f]), fhit[f], ftotal[f]
    }
  }
  lt = 0; lh = 0
  for (f in ftotal) {
    if (index(f, "lib/") == 1) { lt += ftotal[f]; lh += fhit[f] }
  }
  printf "coverage: lines=%s%% (%d/%d) in lib/\n", pct(lh, lt), lh, lt
}' "$work/gcov.txt" >"$work/report.txt"

mkdir -p "$(dirname "$summary")"
cp "$work/report.txt" "$summary"
cat "$work/report.txt"
