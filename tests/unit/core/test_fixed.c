/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Fixed-point and wide integer helpers. The extremes (INTn_MIN, INTn_MAX,
 * UINT64_MAX) are exercised explicitly so that the sanitizer build proves
 * them free of undefined behaviour. Random cases are checked against
 * 128-bit arithmetic of the host compiler (GCC and Clang on 64-bit hosts).
 */
#include <check.h>
#include "msdk/core/byteorder.h"
#include "msdk/core/fixed.h"
#include "core_check.h"

Suite *fixed_suite(void);

#if defined(__SIZEOF_INT128__)
#define HAVE_INT128 1
/* The test needs 128-bit integers on the host; __extension__ keeps -Wpedantic quiet. */
__extension__ typedef __int128 i128_t;
__extension__ typedef unsigned __int128 u128_t;
#else
#define HAVE_INT128 0
#endif

START_TEST(asr_is_floor_division)
{
    ck_assert_int_eq(msdk_asr_i32(7, 1), 3);
    ck_assert_int_eq(msdk_asr_i32(-7, 1), -4);
    ck_assert_int_eq(msdk_asr_i32(-1, 1), -1);
    ck_assert_int_eq(msdk_asr_i32(-1, 31), -1);
    ck_assert_int_eq(msdk_asr_i32(INT32_MIN, 31), -1);
    ck_assert_int_eq(msdk_asr_i32(INT32_MIN, 1000), -1);
    ck_assert_int_eq(msdk_asr_i32(INT32_MAX, 32), 0);
    ck_assert_int_eq(msdk_asr_i32(INT32_MIN, 0), INT32_MIN);
    ck_assert_int_eq(msdk_asr_i64(INT64_MIN, 63), -1);
    ck_assert_int_eq(msdk_asr_i64(INT64_MIN, 1), INT64_MIN / 2);
    ck_assert_int_eq(msdk_asr_i64(INT64_MAX, 200), 0);
    ck_assert_int_eq(msdk_asr_i64(-5, 200), -1);
    ck_assert_int_eq(msdk_asr_i64(-(1LL << 40) - 1, 40), -2);
}
END_TEST

START_TEST(saturating_add_sub)
{
    ck_assert_int_eq(msdk_sat_add_i16(INT16_MAX, 1), INT16_MAX);
    ck_assert_int_eq(msdk_sat_add_i16(INT16_MIN, -1), INT16_MIN);
    ck_assert_int_eq(msdk_sat_add_i16(INT16_MAX, INT16_MIN), -1);
    ck_assert_int_eq(msdk_sat_sub_i16(INT16_MIN, 1), INT16_MIN);
    ck_assert_int_eq(msdk_sat_sub_i16(0, INT16_MIN), INT16_MAX);
    ck_assert_int_eq(msdk_sat_sub_i16(-1, INT16_MIN), INT16_MAX);

    ck_assert_int_eq(msdk_sat_add_i32(INT32_MAX, INT32_MAX), INT32_MAX);
    ck_assert_int_eq(msdk_sat_add_i32(INT32_MIN, INT32_MIN), INT32_MIN);
    ck_assert_int_eq(msdk_sat_add_i32(INT32_MIN, INT32_MAX), -1);
    ck_assert_int_eq(msdk_sat_sub_i32(INT32_MIN, 1), INT32_MIN);
    ck_assert_int_eq(msdk_sat_sub_i32(0, INT32_MIN), INT32_MAX);
    ck_assert_int_eq(msdk_sat_sub_i32(INT32_MAX, INT32_MIN), INT32_MAX);
    ck_assert_int_eq(msdk_sat_sub_i32(-1, INT32_MIN), INT32_MAX);

    ck_assert_int_eq(msdk_sat_add_i64(INT64_MAX, 1), INT64_MAX);
    ck_assert_int_eq(msdk_sat_add_i64(INT64_MAX, INT64_MAX), INT64_MAX);
    ck_assert_int_eq(msdk_sat_add_i64(INT64_MIN, -1), INT64_MIN);
    ck_assert_int_eq(msdk_sat_add_i64(INT64_MIN, INT64_MIN), INT64_MIN);
    ck_assert_int_eq(msdk_sat_add_i64(INT64_MIN, INT64_MAX), -1);
    ck_assert_int_eq(msdk_sat_add_i64(INT64_MAX - 1, 1), INT64_MAX);
    ck_assert_int_eq(msdk_sat_sub_i64(INT64_MIN, 1), INT64_MIN);
    ck_assert_int_eq(msdk_sat_sub_i64(0, INT64_MIN), INT64_MAX);
    ck_assert_int_eq(msdk_sat_sub_i64(-1, INT64_MIN), INT64_MAX);
    ck_assert_int_eq(msdk_sat_sub_i64(INT64_MAX, -1), INT64_MAX);
    ck_assert_int_eq(msdk_sat_sub_i64(INT64_MIN, INT64_MAX), INT64_MIN);
    ck_assert_int_eq(msdk_sat_sub_i64(INT64_MIN + 1, 1), INT64_MIN);
    ck_assert_int_eq(msdk_sat_sub_i64(5, 7), -2);

    ck_assert_int_eq(msdk_sat_abs_i32(INT32_MIN), INT32_MAX);
    ck_assert_int_eq(msdk_sat_abs_i32(-5), 5);
    ck_assert_int_eq(msdk_sat_abs_i64(INT64_MIN), INT64_MAX);
    ck_assert_int_eq(msdk_sat_abs_i64(INT64_MIN + 1), INT64_MAX);
    ck_assert_int_eq(msdk_sat_i16(70000), INT16_MAX);
    ck_assert_int_eq(msdk_sat_i16(INT32_MIN), INT16_MIN);
    ck_assert_int_eq(msdk_sat_i32(INT64_MAX), INT32_MAX);
    ck_assert_int_eq(msdk_sat_i32(INT64_MIN), INT32_MIN);
    ck_assert_int_eq(msdk_sat_i32(-3), -3);
}
END_TEST

START_TEST(saturating_random_against_wide)
{
    uint32_t rng = 0x5A7u;
    for (unsigned i = 0; i < 20000u; i++) {
        int64_t a = msdk_i64_from_u64(test_rand64(&rng));
        int64_t b = msdk_i64_from_u64(test_rand64(&rng));
        if (i & 1u) {
            a = msdk_asr_i64(a, test_rand(&rng) % 64u); /* small values too */
        }
#if HAVE_INT128
        i128_t sum = (i128_t)a + b;
        i128_t dif = (i128_t)a - b;
        int64_t esum = sum > INT64_MAX ? INT64_MAX : sum < INT64_MIN ? INT64_MIN : (int64_t)sum;
        int64_t edif = dif > INT64_MAX ? INT64_MAX : dif < INT64_MIN ? INT64_MIN : (int64_t)dif;
        TEST_QUICK_EQ(msdk_sat_add_i64(a, b), esum);
        TEST_QUICK_EQ(msdk_sat_sub_i64(a, b), edif);
#endif
        int32_t a32 = (int32_t)msdk_asr_i64(a, 32);
        int32_t b32 = (int32_t)msdk_asr_i64(b, 32);
        int64_t s32 = (int64_t)a32 + b32;
        int64_t d32 = (int64_t)a32 - b32;
        TEST_QUICK_EQ(msdk_sat_add_i32(a32, b32), s32 > INT32_MAX   ? INT32_MAX
                                                  : s32 < INT32_MIN ? INT32_MIN
                                                                    : s32);
        TEST_QUICK_EQ(msdk_sat_sub_i32(a32, b32), d32 > INT32_MAX   ? INT32_MAX
                                                  : d32 < INT32_MIN ? INT32_MIN
                                                                    : d32);
    }
}
END_TEST

START_TEST(q15_arithmetic)
{
    const msdk_q15_t half = 0x4000;
    const msdk_q15_t quarter = 0x2000;
    ck_assert_int_eq(msdk_q15_mul(MSDK_Q15_MIN, MSDK_Q15_MIN), MSDK_Q15_MAX); /* -1 * -1 */
    ck_assert_int_eq(msdk_q15_mul(MSDK_Q15_MIN, MSDK_Q15_MAX), -32767);
    ck_assert_int_eq(msdk_q15_mul(MSDK_Q15_MAX, MSDK_Q15_MAX), 32766);
    ck_assert_int_eq(msdk_q15_mul(half, half), quarter);
    ck_assert_int_eq(msdk_q15_mul(-half, half), -quarter);
    ck_assert_int_eq(msdk_q15_mul(MSDK_Q15_MIN, half), -half);
    /* Rounding, half up: 1 LSB * 0.5 = 0.5 LSB -> 1; -0.5 LSB -> 0. */
    ck_assert_int_eq(msdk_q15_mul(1, half), 1);
    ck_assert_int_eq(msdk_q15_mul(-1, half), 0);
    ck_assert_int_eq(msdk_q15_mul(1, 0x3FFF), 0);
    ck_assert_int_eq(msdk_q15_mul(-3, half), -1); /* -1.5 LSB -> -1 */
    ck_assert_int_eq(msdk_q15_add(MSDK_Q15_MAX, 1), MSDK_Q15_MAX);
    ck_assert_int_eq(msdk_q15_sub(MSDK_Q15_MIN, 1), MSDK_Q15_MIN);
    ck_assert_int_eq(msdk_q15_add(half, -quarter), quarter);
    ck_assert_int_eq(msdk_q15_neg(MSDK_Q15_MIN), MSDK_Q15_MAX);
    ck_assert_int_eq(msdk_q15_neg(half), -half);
}
END_TEST

START_TEST(q31_arithmetic)
{
    const msdk_q31_t half = 0x40000000;
    const msdk_q31_t quarter = 0x20000000;
    ck_assert_int_eq(msdk_q31_mul(MSDK_Q31_MIN, MSDK_Q31_MIN), MSDK_Q31_MAX); /* -1 * -1 */
    ck_assert_int_eq(msdk_q31_mul(MSDK_Q31_MIN, MSDK_Q31_MAX), -INT32_MAX);
    ck_assert_int_eq(msdk_q31_mul(MSDK_Q31_MAX, MSDK_Q31_MAX), INT32_MAX - 1);
    ck_assert_int_eq(msdk_q31_mul(half, half), quarter);
    ck_assert_int_eq(msdk_q31_mul(MSDK_Q31_MIN, half), -half);
    ck_assert_int_eq(msdk_q31_mul(1, half), 1);
    ck_assert_int_eq(msdk_q31_mul(-1, half), 0);
    ck_assert_int_eq(msdk_q31_mul(-3, half), -1);
    /* Scaling an integer by a Q31 gain. */
    ck_assert_int_eq(msdk_q31_mul(half, 1000001), 500001);
    ck_assert_int_eq(msdk_q31_mul(half, -1000001), -500000);
    ck_assert_int_eq(msdk_q31_add(MSDK_Q31_MAX, MSDK_Q31_MAX), MSDK_Q31_MAX);
    ck_assert_int_eq(msdk_q31_sub(MSDK_Q31_MIN, MSDK_Q31_MAX), MSDK_Q31_MIN);
    ck_assert_int_eq(msdk_q31_neg(MSDK_Q31_MIN), MSDK_Q31_MAX);
    ck_assert_int_eq(msdk_q31_neg(MSDK_Q31_MAX), -INT32_MAX);
}
END_TEST

START_TEST(q_mul_random_against_wide)
{
    uint32_t rng = 0x0915u;
    for (unsigned i = 0; i < 20000u; i++) {
        int32_t a = msdk_i32_from_u32(test_rand(&rng));
        int32_t b = msdk_i32_from_u32(test_rand(&rng));
        /* floor((a*b + 2^30) / 2^31) computed with exact division on int64. */
        int64_t p = (int64_t)a * b + 0x40000000LL;
        int64_t q = p / 2147483648LL;
        if (p % 2147483648LL != 0 && p < 0) {
            q -= 1; /* C division truncates; floor wanted */
        }
        TEST_QUICK_EQ(msdk_q31_mul(a, b), q > INT32_MAX ? INT32_MAX : q);
        int16_t a16 = (int16_t)msdk_asr_i32(a, 16);
        int16_t b16 = (int16_t)msdk_asr_i32(b, 16);
        int32_t p16 = (int32_t)a16 * b16 + 0x4000;
        int32_t q16 = p16 / 32768;
        if (p16 % 32768 != 0 && p16 < 0) {
            q16 -= 1;
        }
        TEST_QUICK_EQ(msdk_q15_mul(a16, b16), q16 > INT16_MAX ? INT16_MAX : q16);
    }
}
END_TEST

START_TEST(q_conversions)
{
    ck_assert_int_eq(msdk_q31_from_q15(MSDK_Q15_MIN), MSDK_Q31_MIN);
    ck_assert_int_eq(msdk_q31_from_q15(MSDK_Q15_MAX), 0x7FFF0000);
    ck_assert_int_eq(msdk_q31_from_q15(-1), -65536);
    ck_assert_int_eq(msdk_q15_from_q31(MSDK_Q31_MAX), MSDK_Q15_MAX); /* rounds to +1, saturates */
    ck_assert_int_eq(msdk_q15_from_q31(MSDK_Q31_MIN), MSDK_Q15_MIN);
    ck_assert_int_eq(msdk_q15_from_q31(0x00008000), 1); /* +0.5 LSB -> 1 */
    ck_assert_int_eq(msdk_q15_from_q31(0x00007FFF), 0);
    ck_assert_int_eq(msdk_q15_from_q31(-0x00008000), 0); /* -0.5 LSB -> 0 (half up) */
    ck_assert_int_eq(msdk_q15_from_q31(-0x00008001), -1);
    ck_assert_int_eq(msdk_q15_from_q31(0x40000000), 0x4000);
    for (int32_t v = INT16_MIN; v <= INT16_MAX; v += 97) {
        ck_assert_int_eq(msdk_q15_from_q31(msdk_q31_from_q15((msdk_q15_t)v)), v);
    }
}
END_TEST

START_TEST(q31_from_ratio)
{
    ck_assert_int_eq(msdk_q31_from_ratio(1, 2), 0x40000000);
    ck_assert_int_eq(msdk_q31_from_ratio(-1, 2), -0x40000000);
    ck_assert_int_eq(msdk_q31_from_ratio(1, -2), -0x40000000);
    ck_assert_int_eq(msdk_q31_from_ratio(1, 3), 715827883);   /* 715827882.67 */
    ck_assert_int_eq(msdk_q31_from_ratio(-1, 3), -715827883); /* half away from zero */
    ck_assert_int_eq(msdk_q31_from_ratio(1, 1), MSDK_Q31_MAX);
    ck_assert_int_eq(msdk_q31_from_ratio(-1, 1), MSDK_Q31_MIN); /* exactly -1 */
    ck_assert_int_eq(msdk_q31_from_ratio(INT32_MIN, INT32_MIN), MSDK_Q31_MAX);
    ck_assert_int_eq(msdk_q31_from_ratio(INT32_MIN, INT32_MAX), MSDK_Q31_MIN);
    ck_assert_int_eq(msdk_q31_from_ratio(INT32_MAX, INT32_MIN), -INT32_MAX);
    ck_assert_int_eq(msdk_q31_from_ratio(0, 0), 0);
    ck_assert_int_eq(msdk_q31_from_ratio(5, 0), MSDK_Q31_MAX);
    ck_assert_int_eq(msdk_q31_from_ratio(-5, 0), MSDK_Q31_MIN);
    ck_assert_int_eq(msdk_q31_from_ratio(0, -7), 0);
}
END_TEST

#if HAVE_INT128
static int64_t ref_mul_shr(int64_t a, int32_t b, unsigned n)
{
    i128_t p = (i128_t)a * b;
    if (n >= 96u) {
        return 0;
    }
    if (n > 0u) {
        p += (i128_t)1 << (n - 1u);
        /* floor division by 2^n without relying on >> of negative values */
        i128_t d = (i128_t)1 << n;
        i128_t q = p / d;
        if (p % d != 0 && p < 0) {
            q -= 1;
        }
        p = q;
    }
    return p > INT64_MAX ? INT64_MAX : p < INT64_MIN ? INT64_MIN : (int64_t)p;
}
#endif

START_TEST(mul_i64_i32_shr_extremes)
{
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 0), INT64_MAX);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 31), INT64_MAX); /* 2^63 */
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 32), 1LL << 62);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MAX, 31), INT64_MIN + (1LL << 32));
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, 1, 0), INT64_MIN);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, -1, 0), INT64_MAX);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MAX, -1, 0), -INT64_MAX);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MAX, INT32_MAX, 31), INT64_MAX - (1LL << 32));
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MAX, INT32_MAX, 95), 0);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 94), 1);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 95), 1); /* 0.5 rounds up */
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MAX, 94), -1);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 96), 0);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(INT64_MIN, INT32_MIN, 1000), 0);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(0, INT32_MIN, 5), 0);
    ck_assert_int_eq(msdk_mul_i64_i32_shr(3, 1, 1), 2);   /* 1.5 -> 2 */
    ck_assert_int_eq(msdk_mul_i64_i32_shr(-3, 1, 1), -1); /* -1.5 -> -1 (half up) */
    ck_assert_int_eq(msdk_mul_i64_i32_shr(-5, 1, 1), -2); /* -2.5 -> -2 */
    ck_assert_int_eq(msdk_mul_i64_i32_shr(1000000, 3, 0), 3000000);
}
END_TEST

START_TEST(mul_i64_i32_shr_random)
{
#if HAVE_INT128
    uint32_t rng = 0x96u;
    for (unsigned i = 0; i < 50000u; i++) {
        int64_t a = msdk_i64_from_u64(test_rand64(&rng));
        int32_t b = msdk_i32_from_u32(test_rand(&rng));
        unsigned n = test_rand(&rng) % 100u;
        if (i % 3u == 0u) {
            a = msdk_asr_i64(a, test_rand(&rng) % 64u);
        }
        TEST_QUICK_EQ(msdk_mul_i64_i32_shr(a, b, n), ref_mul_shr(a, b, n));
    }
#endif
}
END_TEST

START_TEST(mul_u64_u32_div)
{
    ck_assert_uint_eq(msdk_mul_u64_u32_div(UINT64_MAX, UINT32_MAX, UINT32_MAX), UINT64_MAX);
    ck_assert_uint_eq(msdk_mul_u64_u32_div(UINT64_MAX, 2, 1), UINT64_MAX); /* saturates */
    ck_assert_uint_eq(msdk_mul_u64_u32_div(UINT64_MAX, 2, 2), UINT64_MAX);
    ck_assert_uint_eq(msdk_mul_u64_u32_div(UINT64_MAX, 1, 2), 1ull << 63); /* x.5 rounds up */
    ck_assert_uint_eq(msdk_mul_u64_u32_div(10, 1, 4), 3u);                 /* 2.5 -> 3 */
    ck_assert_uint_eq(msdk_mul_u64_u32_div(1, 1, 3), 0u);
    ck_assert_uint_eq(msdk_mul_u64_u32_div(2, 1, 3), 1u);
    ck_assert_uint_eq(msdk_mul_u64_u32_div(0, 0, 5), 0u);
    ck_assert_uint_eq(msdk_mul_u64_u32_div(5, 5, 0), UINT64_MAX);
    /* 1e15 pulses at 1000 imp/kWh with a 3600 s factor. */
    ck_assert_uint_eq(msdk_mul_u64_u32_div(1000000000000000ull, 3600, 1000), 3600000000000000ull);
#if HAVE_INT128
    uint32_t rng = 0xD1Du;
    for (unsigned i = 0; i < 50000u; i++) {
        uint64_t a = test_rand64(&rng) >> (test_rand(&rng) % 64u);
        uint32_t b = test_rand(&rng) >> (test_rand(&rng) % 32u);
        uint32_t d = test_rand(&rng) >> (test_rand(&rng) % 32u);
        if (d == 0u) {
            d = 1u;
        }
        u128_t p = (u128_t)a * b;
        u128_t q = p / d;
        u128_t r = p % d;
        if (r >= d - r) {
            q += 1u;
        }
        uint64_t e = q > UINT64_MAX ? UINT64_MAX : (uint64_t)q;
        TEST_QUICK_EQ(msdk_mul_u64_u32_div(a, b, d), e);
    }
#endif
}
END_TEST

START_TEST(isqrt_exact_floor)
{
    TEST_QUICK_EQ(msdk_isqrt_u64(0), 0u);
    TEST_QUICK_EQ(msdk_isqrt_u64(1), 1u);
    TEST_QUICK_EQ(msdk_isqrt_u64(2), 1u);
    TEST_QUICK_EQ(msdk_isqrt_u64(3), 1u);
    TEST_QUICK_EQ(msdk_isqrt_u64(4), 2u);
    TEST_QUICK_EQ(msdk_isqrt_u64(UINT64_MAX), UINT32_MAX);
    TEST_QUICK_EQ(msdk_isqrt_u64((uint64_t)UINT32_MAX * UINT32_MAX), UINT32_MAX);
    TEST_QUICK_EQ(msdk_isqrt_u64((uint64_t)UINT32_MAX * UINT32_MAX - 1u), UINT32_MAX - 1u);
    TEST_QUICK_EQ(msdk_isqrt_u64(1ull << 62), 1u << 31);
    TEST_QUICK_EQ(msdk_isqrt_u64((1ull << 62) - 1u), (1u << 31) - 1u);
    TEST_QUICK_EQ(msdk_isqrt_u32(0), 0u);
    TEST_QUICK_EQ(msdk_isqrt_u32(UINT32_MAX), UINT16_MAX);
    TEST_QUICK_EQ(msdk_isqrt_u32(65535u * 65535u), 65535u);
    TEST_QUICK_EQ(msdk_isqrt_u32(65535u * 65535u - 1u), 65534u);
    /* Around every perfect square of 16 bits for the 32-bit version. */
    for (uint32_t k = 1; k <= 65535u; k++) {
        uint32_t sq = k * k;
        TEST_QUICK_EQ(msdk_isqrt_u32(sq), k);
        TEST_QUICK_EQ(msdk_isqrt_u32(sq - 1u), k - 1u);
    }
    /* Random 64-bit values: r^2 <= x < (r+1)^2, checked without overflow. */
    uint32_t rng = 0x5157u;
    for (unsigned i = 0; i < 50000u; i++) {
        uint64_t x = test_rand64(&rng) >> (test_rand(&rng) % 64u);
        uint64_t r = msdk_isqrt_u64(x);
        TEST_QUICK_TRUE(r * r <= x);
        if (r < UINT32_MAX) {
            TEST_QUICK_TRUE((r + 1u) * (r + 1u) > x);
        }
        uint64_t k = test_rand(&rng);
        TEST_QUICK_EQ(msdk_isqrt_u64(k * k), k);
        if (k > 0u) {
            TEST_QUICK_EQ(msdk_isqrt_u64(k * k - 1u), k - 1u);
        }
    }
}
END_TEST

START_TEST(div_round_unsigned)
{
    ck_assert_uint_eq(msdk_div_round_u32(7, 2), 4u);
    ck_assert_uint_eq(msdk_div_round_u32(5, 2), 3u);
    ck_assert_uint_eq(msdk_div_round_u32(4, 3), 1u);
    ck_assert_uint_eq(msdk_div_round_u32(5, 3), 2u);
    ck_assert_uint_eq(msdk_div_round_u32(0, 3), 0u);
    ck_assert_uint_eq(msdk_div_round_u32(UINT32_MAX, 1), UINT32_MAX);
    ck_assert_uint_eq(msdk_div_round_u32(UINT32_MAX, 2), 1u << 31);
    ck_assert_uint_eq(msdk_div_round_u32(UINT32_MAX, UINT32_MAX), 1u);
    ck_assert_uint_eq(msdk_div_round_u32(UINT32_MAX / 2u, UINT32_MAX), 0u);
    ck_assert_uint_eq(msdk_div_round_u32(UINT32_MAX / 2u + 1u, UINT32_MAX), 1u);
    ck_assert_uint_eq(msdk_div_round_u32(1, 0), UINT32_MAX);
    ck_assert_uint_eq(msdk_div_round_u64(UINT64_MAX, 1), UINT64_MAX);
    ck_assert_uint_eq(msdk_div_round_u64(UINT64_MAX, 2), 1ull << 63);
    ck_assert_uint_eq(msdk_div_round_u64(UINT64_MAX, UINT64_MAX), 1u);
    ck_assert_uint_eq(msdk_div_round_u64(UINT64_MAX / 2u, UINT64_MAX), 0u);
    ck_assert_uint_eq(msdk_div_round_u64(UINT64_MAX / 2u + 1u, UINT64_MAX), 1u);
    ck_assert_uint_eq(msdk_div_round_u64(10, 4), 3u);
    ck_assert_uint_eq(msdk_div_round_u64(0, 0), UINT64_MAX);
}
END_TEST

START_TEST(div_round_signed)
{
    ck_assert_int_eq(msdk_div_round_i64(7, 2), 4);
    ck_assert_int_eq(msdk_div_round_i64(-7, 2), -4);
    ck_assert_int_eq(msdk_div_round_i64(7, -2), -4);
    ck_assert_int_eq(msdk_div_round_i64(-7, -2), 4);
    ck_assert_int_eq(msdk_div_round_i64(-5, 3), -2);
    ck_assert_int_eq(msdk_div_round_i64(-4, 3), -1);
    ck_assert_int_eq(msdk_div_round_i64(-1, 3), 0);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MIN, -1), INT64_MAX);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MIN, 1), INT64_MIN);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MIN, 2), INT64_MIN / 2);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MIN, INT64_MIN), 1);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MAX, INT64_MIN), -1);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MIN, INT64_MAX), -1);
    ck_assert_int_eq(msdk_div_round_i64(INT64_MAX, -1), -INT64_MAX);
    ck_assert_int_eq(msdk_div_round_i64(1, 0), INT64_MAX);
    ck_assert_int_eq(msdk_div_round_i64(-1, 0), INT64_MIN);
    ck_assert_int_eq(msdk_div_round_i64(0, 0), 0);
    ck_assert_int_eq(msdk_div_round_i32(INT32_MIN, -1), INT32_MAX);
    ck_assert_int_eq(msdk_div_round_i32(INT32_MIN, 1), INT32_MIN);
    ck_assert_int_eq(msdk_div_round_i32(-9, 2), -5);
    ck_assert_int_eq(msdk_div_round_i32(9, 0), INT32_MAX);
    ck_assert_int_eq(msdk_div_round_i32(-9, 0), INT32_MIN);
#if HAVE_INT128
    uint32_t rng = 0xD17u;
    for (unsigned i = 0; i < 50000u; i++) {
        int64_t n = msdk_asr_i64(msdk_i64_from_u64(test_rand64(&rng)), test_rand(&rng) % 64u);
        int64_t d = msdk_asr_i64(msdk_i64_from_u64(test_rand64(&rng)), test_rand(&rng) % 64u);
        if (d == 0) {
            continue;
        }
        /* Half away from zero: sign(n/d) * floor((2|n| + |d|) / (2|d|)). */
        u128_t an = n < 0 ? (u128_t)(-(i128_t)n) : (u128_t)n;
        u128_t ad = d < 0 ? (u128_t)(-(i128_t)d) : (u128_t)d;
        u128_t q = (2u * an + ad) / (2u * ad);
        i128_t e = ((n < 0) != (d < 0)) ? -(i128_t)q : (i128_t)q;
        if (e > INT64_MAX) {
            e = INT64_MAX;
        }
        TEST_QUICK_EQ(msdk_div_round_i64(n, d), (int64_t)e);
    }
#endif
}
END_TEST

Suite *fixed_suite(void)
{
    Suite *s = suite_create("fixed");
    TCase *tc = tcase_create("saturation");
    tcase_add_test(tc, asr_is_floor_division);
    tcase_add_test(tc, saturating_add_sub);
    tcase_add_test(tc, saturating_random_against_wide);
    suite_add_tcase(s, tc);
    tc = tcase_create("q");
    tcase_add_test(tc, q15_arithmetic);
    tcase_add_test(tc, q31_arithmetic);
    tcase_add_test(tc, q_mul_random_against_wide);
    tcase_add_test(tc, q_conversions);
    tcase_add_test(tc, q31_from_ratio);
    suite_add_tcase(s, tc);
    tc = tcase_create("wide");
    tcase_add_test(tc, mul_i64_i32_shr_extremes);
    tcase_add_test(tc, mul_i64_i32_shr_random);
    tcase_add_test(tc, mul_u64_u32_div);
    tcase_add_test(tc, isqrt_exact_floor);
    tcase_add_test(tc, div_round_unsigned);
    tcase_add_test(tc, div_round_signed);
    suite_add_tcase(s, tc);
    return s;
}
