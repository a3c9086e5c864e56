/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Kernel comparison: msdk_metro_sample() of the library against the C kernel
 * (msdk_bench_sample_c, bench_ref_kernel.c) on the same frames. Two instances start equal;
 * after every frame the events and the whole instances must be equal, byte for byte. On a
 * Cortex-M4 this checks the Thumb-2 kernel against the C one; elsewhere both are the C
 * kernel and the comparison only checks itself.
 *
 * Streams (each MSDK_BENCH_CHECK_FRAMES frames of the bench table, modified):
 *   1. the table as generated, default configuration;
 *   2. fundamental-only reactive, 100000 imp/kWh and imp/kvarh (an LED edge every few
 *      frames), the table with 1 in 97 frames of random 32-bit codes (clamped, clipped);
 *   3. defaults, processing skipped for two windows out of three (windows grow and fold),
 *      codes on the rails every 61 frames, and the voltages at 0 for a stretch (windows
 *      end on time, crossings restart).
 */
#include <stddef.h>
#include <string.h>

#include "bench.h"

#define MSDK_BENCH_CHECK_FRAMES 12000u

static msdk_metro_t check_a;
static msdk_metro_t check_b;

static uint32_t check_lcg(uint32_t *s)
{
    *s = (*s * 1664525u) + 1013904223u;
    return *s;
}

/* Frame n of stream `which`, from the table. */
static void check_frame(uint32_t which, uint32_t n, const int32_t (*table)[MSDK_METRO_CH_COUNT],
                        uint32_t table_len, uint32_t *seed, int32_t out[MSDK_METRO_CH_COUNT])
{
    memcpy(out, table[n % table_len], sizeof(int32_t) * MSDK_METRO_CH_COUNT);
    if ((which == 2u) && ((n % 97u) == 0u)) {
        for (uint32_t c = 0; c < MSDK_METRO_CH_COUNT; c++) {
            out[c] = (int32_t)check_lcg(seed);
        }
    }
    if (which == 3u) {
        if ((n % 61u) == 0u) {
            for (uint32_t c = 0; c < MSDK_METRO_CH_COUNT; c++) {
                out[c] = ((check_lcg(seed) & 1u) != 0u) ? 0x7FFFFF : -0x800000;
            }
        }
        if ((n >= 4000u) && (n < 5500u)) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
        }
    }
}

/* 0 when both kernels agree on every frame of every stream. */
int msdk_bench_kernel_check(const int32_t (*table)[MSDK_METRO_CH_COUNT], uint32_t table_len,
                            uint32_t *frames_out, uint32_t *events_out)
{
    uint32_t frames = 0;
    uint32_t events = 0;
    for (uint32_t which = 1u; which <= 3u; which++) {
        msdk_metro_config_t cfg;
        memset(&cfg, 0, sizeof cfg);
        if (which == 2u) {
            cfg.reactive_fundamental = 1u;
            cfg.imp_per_kwh = 100000u;
            cfg.imp_per_kvarh = 100000u;
        }
        if ((msdk_metro_init(&check_a, &cfg, NULL, NULL) != MSDK_OK) ||
            (msdk_metro_init(&check_b, &cfg, NULL, NULL) != MSDK_OK)) {
            return 2;
        }
        uint32_t seed = 0x2545F491u * which;
        uint32_t windows = 0;
        for (uint32_t n = 0; n < MSDK_BENCH_CHECK_FRAMES; n++) {
            int32_t fr[MSDK_METRO_CH_COUNT];
            check_frame(which, n, table, table_len, &seed, fr);
            uint32_t ea = msdk_metro_sample(&check_a, fr);
            uint32_t eb = msdk_bench_sample_c(&check_b, fr);
            if (ea != eb) {
                return 1;
            }
            events += (ea != 0u) ? 1u : 0u;
            if ((ea & MSDK_METRO_EV_WINDOW) != 0u) {
                windows++;
                if ((which != 3u) || ((windows % 3u) == 0u)) {
                    (void)msdk_metro_process(&check_a);
                    (void)msdk_metro_process(&check_b);
                }
            }
            if (memcmp(&check_a, &check_b, sizeof check_a) != 0) {
                return 1;
            }
            frames++;
        }
    }
    *frames_out = frames;
    *events_out = events;
    return 0;
}
