#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cost of libeventlog's storage (issue 7; docs/performance.md, "Event logs and storage").
# Builds eventlog-bench in build/host-release (configured with the preset when missing),
# runs it under valgrind --tool=callgrind and prints key=value lines:
#   eventlog_ir_per_append=<n>          instructions per record appended (payload 32 bytes,
#                                       reclaims included: the average over 26,000 appends)
#   eventlog_ir_per_snapshot_save=<n>   instructions per snapshot save (64-byte object,
#                                       the preparing erase included)
#   eventlog_ir_mount_full_log=<n>      instructions to mount a full 1 MiB log
# and the bench's own lines (range_search_reads, mount_reads).
# Usage: scripts/bench-eventlog.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-eventlog.XXXXXX")
trap 'rm -rf "$work"' EXIT
callgrind_run eventlog-bench
read -r appends appends_ir < <(callgrind_cost bench_append)
read -r saves saves_ir < <(callgrind_cost bench_snapshot_save)
read -r mounts mount_ir < <(callgrind_cost bench_mount)
[ "$appends" -gt 0 ] && [ "$saves" -gt 0 ] && [ "$mounts" -gt 0 ] || die "no bench calls in the profile"
echo "eventlog_ir_per_append=$(((appends_ir + appends / 2) / appends))"
echo "eventlog_ir_per_snapshot_save=$(((saves_ir + saves / 2) / saves))"
echo "eventlog_ir_mount_full_log=$((mount_ir / mounts))"
