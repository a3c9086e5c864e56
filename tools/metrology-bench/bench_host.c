/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-bench on the host: wall-clock nanoseconds (CLOCK_MONOTONIC), best of five
 * runs. Instruction counts on the host come from callgrind (scripts/bench-metrology.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "bench.h"

const msdk_bench_platform_t msdk_bench_platform = {
    .name = "host",
    .unit = "ns",
    .units_per_tick = 1u,
    .null_units = 0u,
    .repeat = 5u,
    .max_per_frame = 0u,
    .fundamental = false, /* keeps the callgrind profile to the default mode */
};

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

uint32_t msdk_bench_null_sample(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT])
{
    (void)m;
    (void)frame;
    return 0u;
}

int main(void)
{
    int status = msdk_bench_run();
    (void)fflush(stdout);
    return status;
}
