/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Packed BCD: both byte orders, M-Bus signed values, limits, bad nibbles,
 * and guard bytes around every encoder output. */
#include <string.h>
#include <check.h>
#include "msdk/config.h"
#include "msdk/core/bcd.h"
#include "core_check.h"

Suite *bcd_suite(void);

/* UINT64_MAX = 18446744073709551615, big-endian digit order. */
static const uint8_t u64max_be[10] = { 0x18, 0x44, 0x67, 0x44, 0x07, 0x37, 0x09, 0x55, 0x16, 0x15 };
/* UINT64_MAX + 1. */
static const uint8_t u64max1_be[10] = {
    0x18, 0x44, 0x67, 0x44, 0x07, 0x37, 0x09, 0x55, 0x16, 0x16
};
/* INT64_MAX = 9223372036854775807 and INT64_MIN with the M-Bus sign nibble. */
static const uint8_t i64max_be[10] = { 0x09, 0x22, 0x33, 0x72, 0x03, 0x68, 0x54, 0x77, 0x58, 0x07 };
static const uint8_t i64min_be[10] = { 0xF9, 0x22, 0x33, 0x72, 0x03, 0x68, 0x54, 0x77, 0x58, 0x08 };

static void reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = src[n - 1u - i];
    }
}

START_TEST(bcd_decode_both_orders)
{
    static const uint8_t be[4] = { 0x12, 0x34, 0x56, 0x78 };
    static const uint8_t le[4] = { 0x78, 0x56, 0x34, 0x12 }; /* M-Bus identification number */
    uint64_t v = 0;
    uint32_t w = 0;
    ck_assert_int_eq(msdk_bcd_decode_u64(be, 4, MSDK_BCD_BE, &v), MSDK_OK);
    ck_assert_uint_eq(v, 12345678u);
    ck_assert_int_eq(msdk_bcd_decode_u64(le, 4, MSDK_BCD_LE, &v), MSDK_OK);
    ck_assert_uint_eq(v, 12345678u);
    ck_assert_int_eq(msdk_bcd_decode_u32(be, 4, MSDK_BCD_LE, &w), MSDK_OK);
    ck_assert_uint_eq(w, 78563412u);
    ck_assert_int_eq(msdk_bcd_decode_u32(be, 1, MSDK_BCD_BE, &w), MSDK_OK);
    ck_assert_uint_eq(w, 12u);
    ck_assert_int_eq(msdk_bcd_decode_u32(be + 3, 1, MSDK_BCD_LE, &w), MSDK_OK);
    ck_assert_uint_eq(w, 78u);
}
END_TEST

START_TEST(bcd_decode_zero_and_leading_zeros)
{
    static const uint8_t z[16] = { 0 };
    uint8_t long_be[16] = { 0 };
    long_be[15] = 0x42;
    uint64_t v = 1;
    int64_t s = 1;
    ck_assert_int_eq(msdk_bcd_decode_u64(z, 1, MSDK_BCD_BE, &v), MSDK_OK);
    ck_assert_uint_eq(v, 0u);
    ck_assert_int_eq(msdk_bcd_decode_i64(z, sizeof z, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, 0);
    /* 32 digits with 30 leading zeros. */
    ck_assert_int_eq(msdk_bcd_decode_u64(long_be, sizeof long_be, MSDK_BCD_BE, &v), MSDK_OK);
    ck_assert_uint_eq(v, 42u);
    /* Read the other way round it is 42 * 10^30: too big. */
    ck_assert_int_eq(msdk_bcd_decode_u64(long_be, sizeof long_be, MSDK_BCD_LE, &v),
                     MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(v, 42u);
}
END_TEST

START_TEST(bcd_decode_u64_limits)
{
    uint8_t le[10];
    uint64_t v = 0;
    /* 19 nines always fit. */
    static const uint8_t nines19[10] = {
        0x09, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99
    };
    ck_assert_int_eq(msdk_bcd_decode_u64(nines19, 10, MSDK_BCD_BE, &v), MSDK_OK);
    ck_assert_uint_eq(v, 9999999999999999999ull);
    /* The largest 20-digit value that fits, and the next one. */
    ck_assert_int_eq(msdk_bcd_decode_u64(u64max_be, 10, MSDK_BCD_BE, &v), MSDK_OK);
    ck_assert_uint_eq(v, UINT64_MAX);
    reverse(le, u64max_be, 10);
    v = 0;
    ck_assert_int_eq(msdk_bcd_decode_u64(le, 10, MSDK_BCD_LE, &v), MSDK_OK);
    ck_assert_uint_eq(v, UINT64_MAX);
    v = 5;
    ck_assert_int_eq(msdk_bcd_decode_u64(u64max1_be, 10, MSDK_BCD_BE, &v), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(v, 5u);
    static const uint8_t nines20[10] = {
        0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99
    };
    ck_assert_int_eq(msdk_bcd_decode_u64(nines20, 10, MSDK_BCD_BE, &v), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(v, 5u);
}
END_TEST

START_TEST(bcd_decode_u32_limits)
{
    static const uint8_t max[5] = { 0x42, 0x94, 0x96, 0x72, 0x95 };  /* 4294967295 */
    static const uint8_t over[5] = { 0x42, 0x94, 0x96, 0x72, 0x96 }; /* 4294967296 */
    static const uint8_t big[10] = { 0x18, 0x44, 0x67, 0x44, 0x07, 0x37, 0x09, 0x55, 0x16, 0x15 };
    uint32_t w = 9;
    ck_assert_int_eq(msdk_bcd_decode_u32(max, 5, MSDK_BCD_BE, &w), MSDK_OK);
    ck_assert_uint_eq(w, UINT32_MAX);
    w = 9;
    ck_assert_int_eq(msdk_bcd_decode_u32(over, 5, MSDK_BCD_BE, &w), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_decode_u32(big, 10, MSDK_BCD_BE, &w), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(w, 9u);
}
END_TEST

START_TEST(bcd_decode_rejects_bad_nibbles)
{
    /* A nibble of 0xA..0xF in each position, high and low, both orders. */
    for (size_t pos = 0; pos < 4u; pos++) {
        for (unsigned hi = 0; hi < 2u; hi++) {
            for (unsigned nib = 0xA; nib <= 0xFu; nib++) {
                uint8_t b[4] = { 0x12, 0x34, 0x56, 0x78 };
                b[pos] = hi ? (uint8_t)((nib << 4) | (b[pos] & 0x0Fu))
                            : (uint8_t)((b[pos] & 0xF0u) | nib);
                uint64_t v = 77;
                uint32_t w = 77;
                ck_assert_int_eq(msdk_bcd_decode_u64(b, 4, MSDK_BCD_BE, &v), MSDK_ERR_MALFORMED);
                ck_assert_int_eq(msdk_bcd_decode_u64(b, 4, MSDK_BCD_LE, &v), MSDK_ERR_MALFORMED);
                ck_assert_int_eq(msdk_bcd_decode_u32(b, 4, MSDK_BCD_LE, &w), MSDK_ERR_MALFORMED);
                ck_assert_uint_eq(v, 77u);
                ck_assert_uint_eq(w, 77u);
            }
        }
    }
    /* A bad nibble wins over an overflow, wherever it is. */
    uint8_t b[10];
    memcpy(b, u64max1_be, sizeof b);
    b[9] = 0x1A;
    uint64_t v = 0;
    ck_assert_int_eq(msdk_bcd_decode_u64(b, 10, MSDK_BCD_BE, &v), MSDK_ERR_MALFORMED);
    static const uint8_t nines_then_bad[12] = { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99,
                                                0x99, 0x99, 0x99, 0x99, 0x99, 0xB0 };
    ck_assert_int_eq(msdk_bcd_decode_u64(nines_then_bad, 12, MSDK_BCD_BE, &v), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(bcd_decode_signed_mbus)
{
    int64_t s = 0;
    /* -12345 in 3 bytes, M-Bus order: 45 23 F1. */
    static const uint8_t m12345[3] = { 0x45, 0x23, 0xF1 };
    ck_assert_int_eq(msdk_bcd_decode_i64(m12345, 3, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, -12345);
    /* Read big-endian, the 0xF nibble is not in the sign position. */
    ck_assert_int_eq(msdk_bcd_decode_i64(m12345, 3, MSDK_BCD_BE, &s), MSDK_ERR_MALFORMED);
    static const uint8_t m5[1] = { 0xF5 };
    ck_assert_int_eq(msdk_bcd_decode_i64(m5, 1, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, -5);
    static const uint8_t minus0[2] = { 0x00, 0xF0 };
    s = 3;
    ck_assert_int_eq(msdk_bcd_decode_i64(minus0, 2, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, 0);
    static const uint8_t plus[2] = { 0x99, 0x99 };
    ck_assert_int_eq(msdk_bcd_decode_i64(plus, 2, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, 9999);
    /* Sign nibble A..E is not a sign. */
    for (unsigned nib = 0xA; nib <= 0xEu; nib++) {
        uint8_t b[2] = { 0x21, (uint8_t)(nib << 4) };
        s = 11;
        ck_assert_int_eq(msdk_bcd_decode_i64(b, 2, MSDK_BCD_LE, &s), MSDK_ERR_MALFORMED);
        ck_assert_int_eq(s, 11);
    }
    /* 0xF anywhere but the sign position is malformed. */
    static const uint8_t f_low[2] = { 0x2F, 0xF1 };
    ck_assert_int_eq(msdk_bcd_decode_i64(f_low, 2, MSDK_BCD_LE, &s), MSDK_ERR_MALFORMED);
    static const uint8_t f_second[2] = { 0x21, 0xFF };
    ck_assert_int_eq(msdk_bcd_decode_i64(f_second, 2, MSDK_BCD_LE, &s), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(bcd_decode_signed_limits)
{
    int64_t s = 0;
    uint8_t le[10];
    ck_assert_int_eq(msdk_bcd_decode_i64(i64max_be, 10, MSDK_BCD_BE, &s), MSDK_OK);
    ck_assert_int_eq(s, INT64_MAX);
    ck_assert_int_eq(msdk_bcd_decode_i64(i64min_be, 10, MSDK_BCD_BE, &s), MSDK_OK);
    ck_assert_int_eq(s, INT64_MIN);
    reverse(le, i64min_be, 10);
    s = 0;
    ck_assert_int_eq(msdk_bcd_decode_i64(le, 10, MSDK_BCD_LE, &s), MSDK_OK);
    ck_assert_int_eq(s, INT64_MIN);
    /* One beyond each end. */
    uint8_t b[10];
    memcpy(b, i64max_be, 10);
    b[9] = 0x08;
    s = 1;
    ck_assert_int_eq(msdk_bcd_decode_i64(b, 10, MSDK_BCD_BE, &s), MSDK_ERR_OVERFLOW);
    memcpy(b, i64min_be, 10);
    b[9] = 0x09;
    ck_assert_int_eq(msdk_bcd_decode_i64(b, 10, MSDK_BCD_BE, &s), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_decode_i64(u64max_be, 10, MSDK_BCD_BE, &s), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(s, 1);
}
END_TEST

START_TEST(bcd_decode_bad_args)
{
    static const uint8_t b[2] = { 0x12, 0x34 };
    uint64_t v = 3;
    uint32_t w = 3;
    int64_t s = 3;
    ck_assert_int_eq(msdk_bcd_decode_u64(b, 0, MSDK_BCD_BE, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_u64(b, 2, (msdk_bcd_order_t)2, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_u32(b, 0, MSDK_BCD_LE, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_i64(b, 2, (msdk_bcd_order_t)-1, &s), MSDK_ERR_INVALID_ARG);
#if MSDK_CFG_CORE_CHECK_ARGS
    ck_assert_int_eq(msdk_bcd_decode_u64(NULL, 2, MSDK_BCD_BE, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_u64(b, 2, MSDK_BCD_BE, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_u32(NULL, 2, MSDK_BCD_BE, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_decode_i64(b, 2, MSDK_BCD_BE, NULL), MSDK_ERR_INVALID_ARG);
#endif
    ck_assert_uint_eq(v, 3u);
    ck_assert_uint_eq(w, 3u);
    ck_assert_int_eq(s, 3);
}
END_TEST

/* ---- Encoders ------------------------------------------------------------ */

START_TEST(bcd_encode_both_orders)
{
    test_gbuf_t g;
    uint8_t *p = test_gbuf_init(&g);
    static const uint8_t be[4] = { 0x12, 0x34, 0x56, 0x78 };
    static const uint8_t le[4] = { 0x78, 0x56, 0x34, 0x12 };
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 4, MSDK_BCD_BE, 12345678u), MSDK_OK);
    ck_assert_mem_eq(p, be, 4);
    test_gbuf_check(&g, 4);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 4, MSDK_BCD_LE, 12345678u), MSDK_OK);
    ck_assert_mem_eq(p, le, 4);
    test_gbuf_check(&g, 4);
    /* Zero padding on the left. */
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 3, MSDK_BCD_BE, 42u), MSDK_OK);
    static const uint8_t pad_be[3] = { 0x00, 0x00, 0x42 };
    ck_assert_mem_eq(p, pad_be, 3);
    test_gbuf_check(&g, 3);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 3, MSDK_BCD_LE, 0u), MSDK_OK);
    static const uint8_t zero[3] = { 0, 0, 0 };
    ck_assert_mem_eq(p, zero, 3);
    test_gbuf_check(&g, 3);
    /* 12 bytes: more digits than any uint64_t has. */
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 12, MSDK_BCD_BE, UINT64_MAX), MSDK_OK);
    ck_assert_mem_eq(p, zero, 2);
    ck_assert_mem_eq(p + 2, u64max_be, 10);
    test_gbuf_check(&g, 12);
}
END_TEST

START_TEST(bcd_encode_overflow_writes_nothing)
{
    test_gbuf_t g;
    uint8_t *p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 1, MSDK_BCD_BE, 99u), MSDK_OK);
    test_gbuf_check(&g, 1);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 1, MSDK_BCD_BE, 100u), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 4, MSDK_BCD_LE, 100000000u), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 9, MSDK_BCD_LE, 1000000000000000000ull),
                     MSDK_ERR_OVERFLOW); /* 19 digits */
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 9, MSDK_BCD_LE, UINT64_MAX), MSDK_ERR_OVERFLOW);
    test_assert_guard(g.b, sizeof g.b);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 9, MSDK_BCD_LE, 999999999999999999ull), MSDK_OK);
    test_gbuf_check(&g, 9);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 1, MSDK_BCD_LE, -10), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 1, MSDK_BCD_LE, 100), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 9, MSDK_BCD_BE, INT64_MIN), MSDK_ERR_OVERFLOW);
    test_assert_guard(g.b, sizeof g.b);
}
END_TEST

START_TEST(bcd_encode_signed_mbus)
{
    test_gbuf_t g;
    uint8_t *p = test_gbuf_init(&g);
    static const uint8_t m12345[3] = { 0x45, 0x23, 0xF1 };
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 3, MSDK_BCD_LE, -12345), MSDK_OK);
    ck_assert_mem_eq(p, m12345, 3);
    test_gbuf_check(&g, 3);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 1, MSDK_BCD_LE, -9), MSDK_OK);
    ck_assert_uint_eq(p[0], 0xF9u);
    test_gbuf_check(&g, 1);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 2, MSDK_BCD_BE, 9999), MSDK_OK);
    ck_assert_uint_eq(p[0], 0x99u);
    ck_assert_uint_eq(p[1], 0x99u);
    test_gbuf_check(&g, 2);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 10, MSDK_BCD_BE, INT64_MIN), MSDK_OK);
    ck_assert_mem_eq(p, i64min_be, 10);
    test_gbuf_check(&g, 10);
    p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 10, MSDK_BCD_BE, INT64_MAX), MSDK_OK);
    ck_assert_mem_eq(p, i64max_be, 10);
    test_gbuf_check(&g, 10);
}
END_TEST

START_TEST(bcd_encode_bad_args)
{
    test_gbuf_t g;
    uint8_t *p = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 0, MSDK_BCD_BE, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_encode_u64(p, 2, (msdk_bcd_order_t)5, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 0, MSDK_BCD_BE, -1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_encode_i64(p, 2, (msdk_bcd_order_t)5, -1), MSDK_ERR_INVALID_ARG);
#if MSDK_CFG_CORE_CHECK_ARGS
    ck_assert_int_eq(msdk_bcd_encode_u64(NULL, 2, MSDK_BCD_BE, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_bcd_encode_i64(NULL, 2, MSDK_BCD_BE, -1), MSDK_ERR_INVALID_ARG);
#endif
    test_assert_guard(g.b, sizeof g.b);
}
END_TEST

START_TEST(bcd_roundtrip_random)
{
    uint32_t rng = 0xBCDBCD01u;
    uint8_t b[10];
    for (unsigned i = 0; i < 3000u; i++) {
        uint64_t v = test_rand64(&rng) >> (test_rand(&rng) % 64u);
        msdk_bcd_order_t order = (i & 1u) ? MSDK_BCD_LE : MSDK_BCD_BE;
        uint64_t back = 0;
        TEST_QUICK_EQ(msdk_bcd_encode_u64(b, 10, order, v), MSDK_OK);
        TEST_QUICK_EQ(msdk_bcd_decode_u64(b, 10, order, &back), MSDK_OK);
        TEST_QUICK_EQ(back, v);

        int64_t s = (int64_t)(v >> 1) * ((i & 2u) ? -1 : 1);
        int64_t sback = 0;
        TEST_QUICK_EQ(msdk_bcd_encode_i64(b, 10, order, s), MSDK_OK);
        TEST_QUICK_EQ(msdk_bcd_decode_i64(b, 10, order, &sback), MSDK_OK);
        TEST_QUICK_EQ(sback, s);

        /* Independent digit check: the last digit of v is the low nibble of
         * the least significant byte. */
        TEST_QUICK_EQ(msdk_bcd_encode_u64(b, 10, MSDK_BCD_LE, v), MSDK_OK);
        TEST_QUICK_EQ(b[0] & 0x0Fu, v % 10u);
        TEST_QUICK_EQ(b[0] >> 4, (v / 10u) % 10u);
    }
}
END_TEST

Suite *bcd_suite(void)
{
    Suite *s = suite_create("bcd");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, bcd_decode_both_orders);
    tcase_add_test(tc, bcd_decode_zero_and_leading_zeros);
    tcase_add_test(tc, bcd_decode_u64_limits);
    tcase_add_test(tc, bcd_decode_u32_limits);
    tcase_add_test(tc, bcd_decode_rejects_bad_nibbles);
    tcase_add_test(tc, bcd_decode_signed_mbus);
    tcase_add_test(tc, bcd_decode_signed_limits);
    tcase_add_test(tc, bcd_decode_bad_args);
    suite_add_tcase(s, tc);
    tc = tcase_create("encode");
    tcase_add_test(tc, bcd_encode_both_orders);
    tcase_add_test(tc, bcd_encode_overflow_writes_nothing);
    tcase_add_test(tc, bcd_encode_signed_mbus);
    tcase_add_test(tc, bcd_encode_bad_args);
    tcase_add_test(tc, bcd_roundtrip_random);
    suite_add_tcase(s, tc);
    return s;
}
