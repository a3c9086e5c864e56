/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The per-frame multiplications built from 16-bit halves (lib/metrology/metrology_mul.h,
 * the Cortex-M0/M0+ path) against the compiler's 64-bit arithmetic: the edges of int32
 * and of the 16-bit split, and a million pseudo-random pairs of every magnitude.
 */
#include <check.h>
#include <stdint.h>

#include "metrology_mul.h"

Suite *metro_mul_suite(void);

static const int32_t mul_edges[] = {
    0,
    1,
    -1,
    2,
    -2,
    0x7FFF,
    -0x7FFF,
    0x8000,
    -0x8000,
    0xFFFF,
    -0xFFFF,
    0x10000,
    -0x10000,
    0x10001,
    -0x10001,
    0x7FFFFF,
    -0x800000,
    0x800000,
    0x1234567,
    -0x1234567,
    0x40000000,
    -0x40000000,
    INT32_MAX,
    INT32_MIN,
    INT32_MAX - 1,
    INT32_MIN + 1,
    0x7FFF8000,
    -0x7FFF8000,
};

#define MUL_NEDGES (sizeof mul_edges / sizeof mul_edges[0])

static int32_t ref_mulhi(int32_t a, int32_t b)
{
    return (int32_t)(((int64_t)a * (int64_t)b) >> 32);
}

static void check_pair(int32_t a, int32_t b, int64_t start)
{
    if (msdk_metro_mulhi_split(a, b) != ref_mulhi(a, b)) {
        ck_abort_msg("mulhi(%ld, %ld)", (long)a, (long)b);
    }
    int64_t acc = start;
    msdk_metro_mac_split(&acc, a, b);
    /* Wrapping sum of the exact product, as the 64-bit accumulator of the other cores. */
    int64_t want = (int64_t)((uint64_t)start + (uint64_t)((int64_t)a * (int64_t)b));
    if (acc != want) {
        ck_abort_msg("mac(%lld, %ld, %ld)", (long long)start, (long)a, (long)b);
    }
}

START_TEST(mul_edges_all_pairs)
{
    static const int64_t starts[] = {
        0, -1, 0xFFFFFFFFLL, 0x100000000LL, -0x100000000LL, INT64_MAX - 0x10000, INT64_MIN + 0x10000
    };
    for (unsigned i = 0; i < MUL_NEDGES; i++) {
        for (unsigned j = 0; j < MUL_NEDGES; j++) {
            for (unsigned s = 0; s < sizeof starts / sizeof starts[0]; s++) {
                check_pair(mul_edges[i], mul_edges[j], starts[s]);
            }
        }
    }
}
END_TEST

START_TEST(mul_random_pairs)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (unsigned n = 0; n < 1000000u; n++) {
        /* xorshift64*; magnitudes from 1 to 32 bits. */
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint64_t r = x * 0x2545F4914F6CDD1Dull;
        int32_t a = (int32_t)(uint32_t)r >> (r >> 59);
        int32_t b = (int32_t)(uint32_t)(r >> 32) >> ((r >> 54) & 31u);
        int64_t start = (int64_t)(r ^ (r << 17)) >> ((r >> 48) & 63u);
        check_pair(a, b, start);
    }
}
END_TEST

Suite *metro_mul_suite(void)
{
    Suite *s = suite_create("metrology_mul");
    TCase *tc = tcase_create("split");
    tcase_add_test(tc, mul_edges_all_pairs);
    tcase_add_test(tc, mul_random_pairs);
    suite_add_tcase(s, tc);
    return s;
}
