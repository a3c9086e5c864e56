/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-bench on the host: wall-clock nanoseconds (CLOCK_MONOTONIC), best of five
 * runs. Instruction counts on the host come from callgrind (scripts/bench-metrology.sh).
 * The clock, the output and main() are bench_start_host.c's, shared with tools/cosem-bench.
 */
#include "bench.h"

const msdk_bench_platform_t msdk_bench_platform = {
    .name = "host",
    .unit = "ns",
    .units_per_tick = MSDK_BENCH_HOST_NS_PER_TICK,
    .null_units = 0u,
    .repeat = 5u,
    .max_per_frame = 0u,
    .fundamental = false, /* keeps the callgrind profile to the default mode */
};

uint32_t msdk_bench_null_sample(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT])
{
    (void)m;
    (void)frame;
    return 0u;
}
