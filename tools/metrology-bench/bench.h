/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-bench: what the shared core (bench_main.c) needs from a platform
 * (bench_host.c: Linux, ns from CLOCK_MONOTONIC; bench_mps2.c: bare-metal MPS2
 * under QEMU -icount shift=0, instructions from SysTick). The clock, the output and the
 * start-up are the generic ones of bench_platform.h (bench_start_host.c,
 * bench_start_mps2.c, shared with tools/cosem-bench); this header adds what the
 * metrology bench describes of each platform.
 */
#ifndef MSDK_METROLOGY_BENCH_H
#define MSDK_METROLOGY_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "bench_platform.h"
#include "msdk/metrology/metrology.h"

/** Per-frame entry point under test, or the empty stand-in of the overhead run. */
typedef uint32_t (*msdk_bench_sample_fn)(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT]);
/** Per-window entry point under test, or its empty stand-in. */
typedef bool (*msdk_bench_process_fn)(msdk_metro_t *m);

/** What a platform measures and how it is reported. */
typedef struct msdk_bench_platform {
    const char *name;        /**< "host", "cortex-m4f", "cortex-m0plus". */
    const char *unit;        /**< Key stem of the figures: "instructions" or "ns". */
    uint32_t units_per_tick; /**< Units per tick of msdk_bench_ticks() (40 or 1). */
    uint32_t null_units;     /**< Units spent inside msdk_bench_null_sample() itself
                                  (added back after subtracting the overhead run). */
    uint32_t repeat;         /**< Timed runs; the fastest counts (1 when deterministic). */
    uint32_t max_per_frame;  /**< Budget per frame in units (0: none); above it: exit 1. */
    bool fundamental;        /**< Also measure the fundamental-only reactive mode. */
} msdk_bench_platform_t;

/** The platform's description. */
extern const msdk_bench_platform_t msdk_bench_platform;

/** Stand-in for msdk_metro_sample() with a known, minimal body (returns 0). */
uint32_t msdk_bench_null_sample(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT]);

/** The C kernel of libmetrology under its own name (bench_ref_kernel.c). */
uint32_t msdk_bench_sample_c(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT]);

/**
 * Compare the library's msdk_metro_sample() with the C kernel frame by frame (bench_check.c).
 * @return 0 when events and instances stayed equal, 1 at the first difference, 2 broken.
 */
int msdk_bench_kernel_check(const int32_t (*table)[MSDK_METRO_CH_COUNT], uint32_t table_len,
                            uint32_t *frames_out, uint32_t *events_out);

#endif /* MSDK_METROLOGY_BENCH_H */
