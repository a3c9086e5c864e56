/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Start-up of the bench programs on the host (Linux), shared by metrology-bench and
 * tools/cosem-bench (cosem-bench-hls): a wall clock in nanoseconds (CLOCK_MONOTONIC),
 * lines on stdout, and main(), which returns what msdk_bench_run() returns. Instruction
 * counts on the host come from callgrind (scripts/bench-*.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "bench_platform.h"

const msdk_bench_clock_t msdk_bench_clock = { "ns", MSDK_BENCH_HOST_NS_PER_TICK };

uint32_t msdk_bench_ticks(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

uint32_t msdk_bench_elapsed(uint32_t from, uint32_t to)
{
    return to - from; /* wraps after 4.29 s; every span measured is far shorter */
}

void msdk_bench_puts(const char *line)
{
    (void)puts(line);
}

int main(void)
{
    int status = msdk_bench_run();
    (void)fflush(stdout);
    return status;
}
