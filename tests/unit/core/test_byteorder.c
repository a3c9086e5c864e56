/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Byte order loads/stores (msdk/core/byteorder.h) and the bounds-checked
 * reader/writer (msdk/core/bytebuf.h). Expected values are written out by
 * hand from the byte patterns, never produced by the code under test.
 */
#include <string.h>
#include <check.h>
#include "msdk/config.h"
#include "msdk/core/byteorder.h"
#include "msdk/core/bytebuf.h"
#include "core_check.h"

Suite *byteorder_suite(void);

static const uint8_t seq[9] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 };
static const uint8_t ones[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
static const uint8_t high_be[8] = { 0x80, 0, 0, 0, 0, 0, 0, 0 };
static const uint8_t high_le[8] = { 0, 0, 0, 0, 0, 0, 0, 0x80 };

/* ---- Loads ------------------------------------------------------------- */

START_TEST(load_unsigned)
{
    ck_assert_uint_eq(msdk_load_u16be(seq), 0x0102u);
    ck_assert_uint_eq(msdk_load_u16le(seq), 0x0201u);
    ck_assert_uint_eq(msdk_load_u24be(seq), 0x010203ul);
    ck_assert_uint_eq(msdk_load_u24le(seq), 0x030201ul);
    ck_assert_uint_eq(msdk_load_u32be(seq), 0x01020304ul);
    ck_assert_uint_eq(msdk_load_u32le(seq), 0x04030201ul);
    ck_assert_uint_eq(msdk_load_u48be(seq), 0x010203040506ull);
    ck_assert_uint_eq(msdk_load_u48le(seq), 0x060504030201ull);
    ck_assert_uint_eq(msdk_load_u64be(seq), 0x0102030405060708ull);
    ck_assert_uint_eq(msdk_load_u64le(seq), 0x0807060504030201ull);
    ck_assert_uint_eq(msdk_load_u64be(ones), UINT64_MAX);
    ck_assert_uint_eq(msdk_load_u32le(ones), UINT32_MAX);
}
END_TEST

START_TEST(load_unaligned)
{
    /* Every start offset: assembled from bytes, alignment cannot matter. */
    for (size_t off = 0; off < 2u; off++) {
        const uint8_t *p = seq + off;
        uint64_t b = off + 1u;
        ck_assert_uint_eq(msdk_load_u16be(p), (b << 8) | (b + 1u));
        ck_assert_uint_eq(msdk_load_u32be(p),
                          (b << 24) | ((b + 1u) << 16) | ((b + 2u) << 8) | (b + 3u));
        ck_assert_uint_eq(msdk_load_u64le(p) & 0xFFu, b);
        ck_assert_uint_eq(msdk_load_u64le(p) >> 56, b + 7u);
    }
    ck_assert_uint_eq(msdk_load_u32be(seq + 3), 0x04050607ul);
    ck_assert_uint_eq(msdk_load_u64be(seq + 1), 0x0203040506070809ull);
}
END_TEST

START_TEST(load_signed_extremes)
{
    ck_assert_int_eq(msdk_load_i16be(ones), -1);
    ck_assert_int_eq(msdk_load_i16be(high_be), INT16_MIN);
    ck_assert_int_eq(msdk_load_i16le(high_le + 6), INT16_MIN);
    ck_assert_int_eq(msdk_load_i24be(ones), -1);
    ck_assert_int_eq(msdk_load_i24be(high_be), -8388608);
    ck_assert_int_eq(msdk_load_i24le(high_le + 5), -8388608);
    ck_assert_int_eq(msdk_load_i32be(ones), -1);
    ck_assert_int_eq(msdk_load_i32be(high_be), INT32_MIN);
    ck_assert_int_eq(msdk_load_i32le(high_le + 4), INT32_MIN);
    ck_assert_int_eq(msdk_load_i48be(ones), -1);
    ck_assert_int_eq(msdk_load_i48be(high_be), -140737488355328LL);
    ck_assert_int_eq(msdk_load_i48le(high_le + 2), -140737488355328LL);
    ck_assert_int_eq(msdk_load_i64be(ones), -1);
    ck_assert_int_eq(msdk_load_i64be(high_be), INT64_MIN);
    ck_assert_int_eq(msdk_load_i64le(high_le), INT64_MIN);

    static const uint8_t max_be[8] = { 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    ck_assert_int_eq(msdk_load_i16be(max_be), INT16_MAX);
    ck_assert_int_eq(msdk_load_i24be(max_be), 8388607);
    ck_assert_int_eq(msdk_load_i32be(max_be), INT32_MAX);
    ck_assert_int_eq(msdk_load_i48be(max_be), 140737488355327LL);
    ck_assert_int_eq(msdk_load_i64be(max_be), INT64_MAX);

    static const uint8_t minus2_le[6] = { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    ck_assert_int_eq(msdk_load_i16le(minus2_le), -2);
    ck_assert_int_eq(msdk_load_i24le(minus2_le), -2);
    ck_assert_int_eq(msdk_load_i48le(minus2_le), -2);
}
END_TEST

START_TEST(twos_complement_helpers)
{
    ck_assert_int_eq(msdk_i16_from_u16(0x8000u), INT16_MIN);
    ck_assert_int_eq(msdk_i16_from_u16(0x7FFFu), INT16_MAX);
    ck_assert_int_eq(msdk_i32_from_u24(0xFF800000ul), -8388608); /* top byte ignored */
    ck_assert_int_eq(msdk_i32_from_u24(0x007FFFFFul), 8388607);
    ck_assert_int_eq(msdk_i32_from_u32(0x80000000ul), INT32_MIN);
    ck_assert_int_eq(msdk_i32_from_u32(0xFFFFFFFFul), -1);
    ck_assert_int_eq(msdk_i64_from_u48(0xFFFF800000000000ull), -140737488355328LL);
    ck_assert_int_eq(msdk_i64_from_u64(0x8000000000000000ull), INT64_MIN);
    ck_assert_int_eq(msdk_i64_from_u64(0x7FFFFFFFFFFFFFFFull), INT64_MAX);
    ck_assert_int_eq(msdk_i64_from_u64(UINT64_MAX), -1);
}
END_TEST

/* ---- Stores ------------------------------------------------------------ */

START_TEST(store_unsigned_with_guards)
{
    test_gbuf_t g;
    uint8_t *p;

    p = test_gbuf_init(&g);
    msdk_store_u16be(p, 0x0102u);
    ck_assert_mem_eq(p, seq, 2);
    test_gbuf_check(&g, 2);
    p = test_gbuf_init(&g);
    msdk_store_u16le(p, 0x0201u);
    ck_assert_mem_eq(p, seq, 2);
    test_gbuf_check(&g, 2);

    p = test_gbuf_init(&g);
    msdk_store_u24be(p, 0xFF010203ul); /* high byte not stored */
    ck_assert_mem_eq(p, seq, 3);
    test_gbuf_check(&g, 3);
    p = test_gbuf_init(&g);
    msdk_store_u24le(p, 0x030201ul);
    ck_assert_mem_eq(p, seq, 3);
    test_gbuf_check(&g, 3);

    p = test_gbuf_init(&g);
    msdk_store_u32be(p, 0x01020304ul);
    ck_assert_mem_eq(p, seq, 4);
    test_gbuf_check(&g, 4);
    p = test_gbuf_init(&g);
    msdk_store_u32le(p, 0x04030201ul);
    ck_assert_mem_eq(p, seq, 4);
    test_gbuf_check(&g, 4);

    p = test_gbuf_init(&g);
    msdk_store_u48be(p, 0xFFFF010203040506ull);
    ck_assert_mem_eq(p, seq, 6);
    test_gbuf_check(&g, 6);
    p = test_gbuf_init(&g);
    msdk_store_u48le(p, 0x060504030201ull);
    ck_assert_mem_eq(p, seq, 6);
    test_gbuf_check(&g, 6);

    p = test_gbuf_init(&g);
    msdk_store_u64be(p, 0x0102030405060708ull);
    ck_assert_mem_eq(p, seq, 8);
    test_gbuf_check(&g, 8);
    p = test_gbuf_init(&g);
    msdk_store_u64le(p, 0x0807060504030201ull);
    ck_assert_mem_eq(p, seq, 8);
    test_gbuf_check(&g, 8);

    /* Unaligned destination. */
    p = test_gbuf_init(&g) + 1;
    msdk_store_u32be(p, 0x01020304ul);
    ck_assert_mem_eq(p, seq, 4);
}
END_TEST

START_TEST(store_signed)
{
    uint8_t b[8];
    msdk_store_i16be(b, INT16_MIN);
    ck_assert_mem_eq(b, high_be, 2);
    msdk_store_i24be(b, -8388608);
    ck_assert_mem_eq(b, high_be, 3);
    msdk_store_i24le(b, -1);
    ck_assert_mem_eq(b, ones, 3);
    msdk_store_i32le(b, INT32_MIN);
    ck_assert_mem_eq(b, high_le + 4, 4);
    msdk_store_i48be(b, -140737488355328LL);
    ck_assert_mem_eq(b, high_be, 6);
    msdk_store_i64be(b, INT64_MIN);
    ck_assert_mem_eq(b, high_be, 8);
    msdk_store_i64le(b, -1);
    ck_assert_mem_eq(b, ones, 8);
    msdk_store_i16le(b, -2);
    ck_assert_uint_eq(b[0], 0xFEu);
    ck_assert_uint_eq(b[1], 0xFFu);
    msdk_store_i32be(b, INT32_MAX);
    ck_assert_uint_eq(b[0], 0x7Fu);
    msdk_store_i48le(b, 5);
    ck_assert_uint_eq(b[0], 5u);
    ck_assert_uint_eq(b[5], 0u);
    msdk_store_i16be(b, 0x1234);
    ck_assert_uint_eq(b[0], 0x12u);
}
END_TEST

START_TEST(store_load_roundtrip_random)
{
    uint32_t rng = 0xB0B0CAFEu;
    uint8_t b[9];
    for (unsigned i = 0; i < 2000u; i++) {
        uint64_t v = test_rand64(&rng);
        size_t off = i % 2u;
        msdk_store_u16be(b + off, (uint16_t)v);
        TEST_QUICK_EQ(msdk_load_u16be(b + off), (uint16_t)v);
        msdk_store_u16le(b + off, (uint16_t)v);
        TEST_QUICK_EQ(msdk_load_u16le(b + off), (uint16_t)v);
        msdk_store_u24be(b + off, (uint32_t)v);
        TEST_QUICK_EQ(msdk_load_u24be(b + off), (uint32_t)v & 0xFFFFFFu);
        msdk_store_u24le(b + off, (uint32_t)v);
        TEST_QUICK_EQ(msdk_load_u24le(b + off), (uint32_t)v & 0xFFFFFFu);
        msdk_store_u32be(b + off, (uint32_t)v);
        TEST_QUICK_EQ(msdk_load_u32be(b + off), (uint32_t)v);
        msdk_store_u32le(b + off, (uint32_t)v);
        TEST_QUICK_EQ(msdk_load_u32le(b + off), (uint32_t)v);
        msdk_store_u48be(b + off, v);
        TEST_QUICK_EQ(msdk_load_u48be(b + off), v & 0xFFFFFFFFFFFFull);
        msdk_store_u48le(b + off, v);
        TEST_QUICK_EQ(msdk_load_u48le(b + off), v & 0xFFFFFFFFFFFFull);
        msdk_store_u64be(b + off, v);
        TEST_QUICK_EQ(msdk_load_u64be(b + off), v);
        TEST_QUICK_EQ(b[off], (uint8_t)(v >> 56));
        msdk_store_u64le(b + off, v);
        TEST_QUICK_EQ(msdk_load_u64le(b + off), v);
        TEST_QUICK_EQ(b[off], (uint8_t)v);
        int64_t s = msdk_i64_from_u64(v);
        msdk_store_i64be(b + off, s);
        TEST_QUICK_EQ(msdk_load_i64be(b + off), s);
        int32_t s24 = msdk_i32_from_u24((uint32_t)v);
        msdk_store_i24le(b + off, s24);
        TEST_QUICK_EQ(msdk_load_i24le(b + off), s24);
        int64_t s48 = msdk_i64_from_u48(v);
        msdk_store_i48be(b + off, s48);
        TEST_QUICK_EQ(msdk_load_i48be(b + off), s48);
    }
}
END_TEST

/* ---- Reader ------------------------------------------------------------- */

START_TEST(rbuf_reads_a_message)
{
    /* A-XDR-like: tag 0x12, long-unsigned 0x0102, then M-Bus-like LE fields. */
    static const uint8_t msg[] = { 0x12, 0x01, 0x02, 0x78, 0x56, 0x34, 0x12, 0xFE,
                                   0xFF, 0xFF, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE };
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, msg, sizeof msg);
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), sizeof msg);

    uint8_t u8 = 0;
    uint16_t u16 = 0;
    uint32_t u32 = 0;
    int64_t i64 = 0;
    uint8_t bytes[2] = { 0 };
    const uint8_t *ref = NULL;

    ck_assert_int_eq(msdk_rbuf_peek_u8(&rb, &u8), MSDK_OK);
    ck_assert_uint_eq(u8, 0x12u);
    ck_assert_uint_eq(rb.pos, 0u);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &u8), MSDK_OK);
    ck_assert_uint_eq(u8, 0x12u);
    ck_assert_int_eq(msdk_rbuf_get_u16be(&rb, &u16), MSDK_OK);
    ck_assert_uint_eq(u16, 0x0102u);
    ck_assert_int_eq(msdk_rbuf_get_u32le(&rb, &u32), MSDK_OK);
    ck_assert_uint_eq(u32, 0x12345678ul);
    ck_assert_int_eq(msdk_rbuf_get_intle(&rb, 3, &i64), MSDK_OK);
    ck_assert_int_eq(i64, -2);
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, bytes, 2), MSDK_OK);
    ck_assert_uint_eq(bytes[0], 0xAAu);
    ck_assert_uint_eq(bytes[1], 0xBBu);
    ck_assert_int_eq(msdk_rbuf_get_ref(&rb, 2, &ref), MSDK_OK);
    ck_assert_ptr_eq(ref, msg + 12);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 1), MSDK_OK);
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &u8), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_peek_u8(&rb, &u8), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 0), MSDK_OK);
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, NULL, 0), MSDK_OK);
}
END_TEST

/* Each fixed-width getter: succeeds with exactly its width left and fails,
 * leaving position and output alone, with one byte fewer. */
#define CHECK_GETTER(fn, type, width, expect)                                                      \
    do {                                                                                           \
        msdk_rbuf_t rb_;                                                                           \
        type v_ = (type)0x5A;                                                                      \
        msdk_rbuf_init(&rb_, src + 1, (width)-1u);                                                 \
        ck_assert_int_eq(fn(&rb_, &v_), MSDK_ERR_TRUNCATED);                                       \
        ck_assert_uint_eq(rb_.pos, 0u);                                                            \
        ck_assert(v_ == (type)0x5A);                                                               \
        msdk_rbuf_init(&rb_, src, (width));                                                        \
        ck_assert_int_eq(fn(&rb_, &v_), MSDK_OK);                                                  \
        ck_assert(v_ == (expect));                                                                 \
        ck_assert_uint_eq(rb_.pos, (width));                                                       \
        ck_assert_uint_eq(msdk_rbuf_remaining(&rb_), 0u);                                          \
    } while (0)

START_TEST(rbuf_fixed_getters)
{
    static const uint8_t src[8] = { 0x81, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88 };
    CHECK_GETTER(msdk_rbuf_get_u8, uint8_t, 1u, 0x81u);
    CHECK_GETTER(msdk_rbuf_get_i8, int8_t, 1u, -127);
    CHECK_GETTER(msdk_rbuf_get_u16be, uint16_t, 2u, 0x8102u);
    CHECK_GETTER(msdk_rbuf_get_u16le, uint16_t, 2u, 0x0281u);
    CHECK_GETTER(msdk_rbuf_get_i16be, int16_t, 2u, -32510);
    CHECK_GETTER(msdk_rbuf_get_i16le, int16_t, 2u, 641);
    CHECK_GETTER(msdk_rbuf_get_u32be, uint32_t, 4u, 0x81020304ul);
    CHECK_GETTER(msdk_rbuf_get_u32le, uint32_t, 4u, 0x04030281ul);
    CHECK_GETTER(msdk_rbuf_get_i32be, int32_t, 4u, -2130574588L);
    CHECK_GETTER(msdk_rbuf_get_i32le, int32_t, 4u, 67306113L);
    CHECK_GETTER(msdk_rbuf_get_u64be, uint64_t, 8u, 0x8102030405060788ull);
    CHECK_GETTER(msdk_rbuf_get_u64le, uint64_t, 8u, 0x8807060504030281ull);
    CHECK_GETTER(msdk_rbuf_get_i64be, int64_t, 8u, -9150748177064392824LL);
    CHECK_GETTER(msdk_rbuf_get_i64le, int64_t, 8u, -8644934341102468479LL);
}
END_TEST

START_TEST(rbuf_generic_widths)
{
    static const uint8_t src[9] = { 0xFF, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88, 0x99 };
    static const uint64_t be[9] = { 0,
                                    0xFFull,
                                    0xFF02ull,
                                    0xFF0203ull,
                                    0xFF020304ull,
                                    0xFF02030405ull,
                                    0xFF0203040506ull,
                                    0xFF020304050607ull,
                                    0xFF02030405060788ull };
    static const uint64_t le[9] = { 0,
                                    0xFFull,
                                    0x02FFull,
                                    0x0302FFull,
                                    0x040302FFull,
                                    0x05040302FFull,
                                    0x0605040302FFull,
                                    0x070605040302FFull,
                                    0x88070605040302FFull };
    for (size_t n = 1; n <= 8u; n++) {
        msdk_rbuf_t rb;
        uint64_t u = 0xDEAD;
        int64_t s = 0xDEAD;
        msdk_rbuf_init(&rb, src, n);
        ck_assert_int_eq(msdk_rbuf_get_uintbe(&rb, n, &u), MSDK_OK);
        ck_assert_uint_eq(u, be[n]);
        msdk_rbuf_init(&rb, src, n);
        ck_assert_int_eq(msdk_rbuf_get_uintle(&rb, n, &u), MSDK_OK);
        ck_assert_uint_eq(u, le[n]);
        ck_assert_uint_eq(rb.pos, n);
        /* BE: the first byte 0xFF makes every width negative. */
        msdk_rbuf_init(&rb, src, n);
        ck_assert_int_eq(msdk_rbuf_get_intbe(&rb, n, &s), MSDK_OK);
        ck_assert_int_lt(s, 0);
        ck_assert_uint_eq((uint64_t)s & (n == 8u ? UINT64_MAX : ((1ull << (8u * n)) - 1u)), be[n]);
        /* LE: positive unless the last byte has its top bit set (only n = 8). */
        msdk_rbuf_init(&rb, src, n);
        ck_assert_int_eq(msdk_rbuf_get_intle(&rb, n, &s), MSDK_OK);
        if (n == 1u || n == 8u) {
            ck_assert_int_lt(s, 0);
        } else {
            ck_assert_int_eq(s, (int64_t)le[n]);
        }
        /* One byte short: nothing consumed, output untouched. */
        msdk_rbuf_init(&rb, src, n - 1u);
        u = 0xDEAD;
        s = 0xDEAD;
        ck_assert_int_eq(msdk_rbuf_get_uintbe(&rb, n, &u), MSDK_ERR_TRUNCATED);
        ck_assert_int_eq(msdk_rbuf_get_uintle(&rb, n, &u), MSDK_ERR_TRUNCATED);
        ck_assert_int_eq(msdk_rbuf_get_intbe(&rb, n, &s), MSDK_ERR_TRUNCATED);
        ck_assert_int_eq(msdk_rbuf_get_intle(&rb, n, &s), MSDK_ERR_TRUNCATED);
        ck_assert_uint_eq(u, 0xDEADu);
        ck_assert_int_eq(s, 0xDEAD);
        ck_assert_uint_eq(rb.pos, 0u);
    }
    /* M-Bus 24-bit and 48-bit signed values. */
    static const uint8_t m24[3] = { 0x00, 0x00, 0x80 };
    static const uint8_t m48[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F };
    msdk_rbuf_t rb;
    int64_t s = 0;
    msdk_rbuf_init(&rb, m24, sizeof m24);
    ck_assert_int_eq(msdk_rbuf_get_intle(&rb, 3, &s), MSDK_OK);
    ck_assert_int_eq(s, -8388608);
    msdk_rbuf_init(&rb, m48, sizeof m48);
    ck_assert_int_eq(msdk_rbuf_get_intle(&rb, 6, &s), MSDK_OK);
    ck_assert_int_eq(s, 140737488355327LL);
}
END_TEST

START_TEST(rbuf_generic_bad_width)
{
    msdk_rbuf_t rb;
    uint64_t u = 7;
    int64_t s = 7;
    msdk_rbuf_init(&rb, seq, sizeof seq);
    ck_assert_int_eq(msdk_rbuf_get_uintbe(&rb, 0, &u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_uintle(&rb, 9, &u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_intbe(&rb, 0, &s), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_intle(&rb, SIZE_MAX, &s), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(u, 7u);
    ck_assert_int_eq(s, 7);
    ck_assert_uint_eq(rb.pos, 0u);
}
END_TEST

START_TEST(rbuf_bytes_ref_skip_bounds)
{
    msdk_rbuf_t rb;
    uint8_t out[TEST_GUARD_LEN + 4u + TEST_GUARD_LEN];
    memset(out, TEST_GUARD, sizeof out);
    const uint8_t *ref = seq;

    msdk_rbuf_init(&rb, seq, 4);
    /* Too long: nothing copied, nothing consumed. */
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, out + TEST_GUARD_LEN, 5), MSDK_ERR_TRUNCATED);
    test_assert_guard(out, sizeof out);
    ck_assert_int_eq(msdk_rbuf_get_ref(&rb, 5, &ref), MSDK_ERR_TRUNCATED);
    ck_assert_ptr_eq(ref, seq);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 5), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, SIZE_MAX), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, out, SIZE_MAX), MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(rb.pos, 0u);
    /* Exactly all: copied, guards intact. */
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, out + TEST_GUARD_LEN, 4), MSDK_OK);
    ck_assert_mem_eq(out + TEST_GUARD_LEN, seq, 4);
    test_assert_guard(out, TEST_GUARD_LEN);
    test_assert_guard(out + TEST_GUARD_LEN + 4u, TEST_GUARD_LEN);
    /* Zero-length items at the end succeed. */
    ck_assert_int_eq(msdk_rbuf_get_ref(&rb, 0, &ref), MSDK_OK);
    ck_assert_ptr_eq(ref, seq + 4);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 0), MSDK_OK);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 1), MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(rb.pos, 4u);
}
END_TEST

START_TEST(rbuf_sub_reader)
{
    /* Outer length 2 -> content { 05 AA }; the content claims 5 more bytes. */
    static const uint8_t msg[] = { 0x02, 0x05, 0xAA, 0x77 };
    msdk_rbuf_t rb;
    msdk_rbuf_t sub = { NULL, 99, 99 };
    msdk_rbuf_t inner = { NULL, 99, 99 };
    uint8_t len = 0;
    uint16_t v = 0;
    msdk_rbuf_init(&rb, msg, sizeof msg);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &len), MSDK_OK);
    ck_assert_int_eq(msdk_rbuf_get_sub(&rb, 4, &sub), MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(sub.len, 99u);
    ck_assert_uint_eq(rb.pos, 1u);
    ck_assert_int_eq(msdk_rbuf_get_sub(&rb, len, &sub), MSDK_OK);
    ck_assert_uint_eq(rb.pos, 3u);
    ck_assert_uint_eq(sub.len, 2u);
    ck_assert_uint_eq(sub.pos, 0u);
    ck_assert_int_eq(msdk_rbuf_get_u8(&sub, &len), MSDK_OK);
    ck_assert_uint_eq(len, 5u);
    ck_assert_int_eq(msdk_rbuf_get_sub(&sub, len, &inner), MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(inner.len, 99u);
    /* The sub-reader stops at its end although the array goes on (0xAA77). */
    ck_assert_int_eq(msdk_rbuf_get_u16be(&sub, &v), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_get_u8(&sub, &len), MSDK_OK);
    ck_assert_uint_eq(len, 0xAAu);
    ck_assert_int_eq(msdk_rbuf_get_u8(&sub, &len), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &len), MSDK_OK);
    ck_assert_uint_eq(len, 0x77u);
    ck_assert_int_eq(msdk_rbuf_get_sub(&rb, 0, &rb), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(rbuf_empty_and_null)
{
    msdk_rbuf_t rb;
    uint8_t u8 = 3;
    msdk_rbuf_init(&rb, NULL, 0);
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &u8), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 0), MSDK_OK);
    const uint8_t *ref = seq;
    ck_assert_int_eq(msdk_rbuf_get_ref(&rb, 0, &ref), MSDK_OK);
    ck_assert_ptr_null(ref);
    ck_assert_uint_eq(msdk_rbuf_remaining(NULL), 0u);
#if MSDK_CFG_CORE_CHECK_ARGS
    msdk_rbuf_init(&rb, NULL, 10); /* treated as empty */
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    msdk_rbuf_init(NULL, seq, 1); /* no crash */
    msdk_rbuf_init(&rb, seq, sizeof seq);
    ck_assert_int_eq(msdk_rbuf_get_u8(NULL, &u8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_u64be(&rb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_peek_u8(NULL, &u8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_peek_u8(&rb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_bytes(&rb, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_ref(&rb, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_sub(&rb, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_get_uintle(&rb, 2, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_skip(NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(rb.pos, 0u);
    ck_assert_uint_eq(u8, 3u);
#endif
    /* A broken invariant (pos > len) is refused rather than read past the end. */
    msdk_rbuf_init(&rb, seq, 2);
    rb.pos = 5;
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    ck_assert_int_eq(msdk_rbuf_get_u8(&rb, &u8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_rbuf_skip(&rb, 0), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Writer ------------------------------------------------------------- */

START_TEST(wbuf_writes_a_message)
{
    static const uint8_t expect[] = { 0x12, 0x01, 0x02, 0x78, 0x56, 0x34, 0x12, 0xFE, 0xFF,
                                      0xFF, 0xAA, 0xBB, 0x00, 0x00, 0x80, 0x7F, 0x80 };
    uint8_t buf[TEST_GUARD_LEN + sizeof expect + TEST_GUARD_LEN];
    memset(buf, TEST_GUARD, sizeof buf);
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf + TEST_GUARD_LEN, sizeof expect);
    static const uint8_t ab[2] = { 0xAA, 0xBB };
    ck_assert_int_eq(msdk_wbuf_put_u8(&wb, 0x12u), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_u16be(&wb, 0x0102u), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_u32le(&wb, 0x12345678ul), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_intle(&wb, 3, -2), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, ab, 2), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_fill(&wb, 0x00u, 2), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_i8(&wb, INT8_MIN), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_intbe(&wb, 1, 127), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, 1, 0x80u), MSDK_OK);
    ck_assert_uint_eq(msdk_wbuf_len(&wb), sizeof expect);
    ck_assert_uint_eq(msdk_wbuf_remaining(&wb), 0u);
    ck_assert_mem_eq(buf + TEST_GUARD_LEN, expect, sizeof expect);
    /* Full: every putter fails and writes nothing. */
    ck_assert_int_eq(msdk_wbuf_put_u8(&wb, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_fill(&wb, 0, 0), MSDK_OK);
    test_assert_guard(buf, TEST_GUARD_LEN);
    test_assert_guard(buf + TEST_GUARD_LEN + sizeof expect, TEST_GUARD_LEN);
}
END_TEST

/* Each fixed-width putter into a buffer one byte too small, then exactly big
 * enough; the guarded buffer shows nothing is written partially. */
#define CHECK_PUTTER(fn, value, width, ...)                                                        \
    do {                                                                                           \
        static const uint8_t expect_[] = { __VA_ARGS__ };                                          \
        uint8_t buf_[TEST_GUARD_LEN + 8u + TEST_GUARD_LEN];                                        \
        msdk_wbuf_t wb_;                                                                           \
        ck_assert_uint_eq(sizeof expect_, (width));                                                \
        memset(buf_, TEST_GUARD, sizeof buf_);                                                     \
        msdk_wbuf_init(&wb_, buf_ + TEST_GUARD_LEN, (width)-1u);                                   \
        ck_assert_int_eq(fn(&wb_, (value)), MSDK_ERR_BUFFER_TOO_SMALL);                            \
        ck_assert_uint_eq(wb_.pos, 0u);                                                            \
        test_assert_guard(buf_, sizeof buf_);                                                      \
        msdk_wbuf_init(&wb_, buf_ + TEST_GUARD_LEN, (width));                                      \
        ck_assert_int_eq(fn(&wb_, (value)), MSDK_OK);                                              \
        ck_assert_uint_eq(wb_.pos, (width));                                                       \
        ck_assert_mem_eq(buf_ + TEST_GUARD_LEN, expect_, (width));                                 \
        test_assert_guard(buf_, TEST_GUARD_LEN);                                                   \
        test_assert_guard(buf_ + TEST_GUARD_LEN + (width),                                         \
                          sizeof buf_ - TEST_GUARD_LEN - (width));                                 \
    } while (0)

START_TEST(wbuf_fixed_putters)
{
    CHECK_PUTTER(msdk_wbuf_put_u8, 0x81u, 1u, 0x81);
    CHECK_PUTTER(msdk_wbuf_put_i8, -127, 1u, 0x81);
    CHECK_PUTTER(msdk_wbuf_put_u16be, 0x8102u, 2u, 0x81, 0x02);
    CHECK_PUTTER(msdk_wbuf_put_u16le, 0x8102u, 2u, 0x02, 0x81);
    CHECK_PUTTER(msdk_wbuf_put_i16be, -32510, 2u, 0x81, 0x02);
    CHECK_PUTTER(msdk_wbuf_put_i16le, INT16_MIN, 2u, 0x00, 0x80);
    CHECK_PUTTER(msdk_wbuf_put_u32be, 0x01020304ul, 4u, 0x01, 0x02, 0x03, 0x04);
    CHECK_PUTTER(msdk_wbuf_put_u32le, 0x01020304ul, 4u, 0x04, 0x03, 0x02, 0x01);
    CHECK_PUTTER(msdk_wbuf_put_i32be, INT32_MIN, 4u, 0x80, 0x00, 0x00, 0x00);
    CHECK_PUTTER(msdk_wbuf_put_i32le, -2, 4u, 0xFE, 0xFF, 0xFF, 0xFF);
    CHECK_PUTTER(msdk_wbuf_put_u64be, 0x0102030405060708ull, 8u, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                 0x07, 0x08);
    CHECK_PUTTER(msdk_wbuf_put_u64le, 0x0102030405060708ull, 8u, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03,
                 0x02, 0x01);
    CHECK_PUTTER(msdk_wbuf_put_i64be, INT64_MIN, 8u, 0x80, 0, 0, 0, 0, 0, 0, 0);
    CHECK_PUTTER(msdk_wbuf_put_i64le, INT64_MAX, 8u, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                 0x7F);
}
END_TEST

START_TEST(wbuf_generic_ranges)
{
    uint8_t buf[8];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    /* Unsigned: the largest value of each width fits, one more does not. */
    for (size_t n = 1; n < 8u; n++) {
        uint64_t max = (1ull << (8u * n)) - 1u;
        wb.pos = 0;
        ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, n, max + 1u), MSDK_ERR_OVERFLOW);
        ck_assert_int_eq(msdk_wbuf_put_uintle(&wb, n, max + 1u), MSDK_ERR_OVERFLOW);
        ck_assert_uint_eq(wb.pos, 0u);
        ck_assert_int_eq(msdk_wbuf_put_uintle(&wb, n, max), MSDK_OK);
        ck_assert_uint_eq(wb.pos, n);
        /* Signed: [-2^(8n-1), 2^(8n-1) - 1]. */
        int64_t lim = (int64_t)1 << (8u * n - 1u);
        wb.pos = 0;
        ck_assert_int_eq(msdk_wbuf_put_intbe(&wb, n, lim), MSDK_ERR_OVERFLOW);
        ck_assert_int_eq(msdk_wbuf_put_intle(&wb, n, -lim - 1), MSDK_ERR_OVERFLOW);
        ck_assert_uint_eq(wb.pos, 0u);
        ck_assert_int_eq(msdk_wbuf_put_intbe(&wb, n, -lim), MSDK_OK);
        ck_assert_uint_eq(buf[0], 0x80u);
        wb.pos = 0;
        ck_assert_int_eq(msdk_wbuf_put_intle(&wb, n, lim - 1), MSDK_OK);
        ck_assert_uint_eq(buf[n - 1u], 0x7Fu);
    }
    wb.pos = 0;
    ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, 8, UINT64_MAX), MSDK_OK);
    wb.pos = 0;
    ck_assert_int_eq(msdk_wbuf_put_intle(&wb, 8, INT64_MIN), MSDK_OK);
    ck_assert_uint_eq(buf[7], 0x80u);
    ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, 0, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_wbuf_put_intbe(&wb, 9, 0), MSDK_ERR_INVALID_ARG);
    /* 3-byte M-Bus style values, both orders. */
    wb.pos = 0;
    ck_assert_int_eq(msdk_wbuf_put_uintle(&wb, 3, 0x123456u), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, 3, 0x123456u), MSDK_OK);
    static const uint8_t expect[6] = { 0x56, 0x34, 0x12, 0x12, 0x34, 0x56 };
    ck_assert_mem_eq(buf, expect, 6);
    /* Too small for the width: nothing written. */
    memset(buf, TEST_GUARD, sizeof buf);
    msdk_wbuf_init(&wb, buf, 2);
    ck_assert_int_eq(msdk_wbuf_put_uintbe(&wb, 3, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_intle(&wb, 3, -1), MSDK_ERR_BUFFER_TOO_SMALL);
    test_assert_guard(buf, sizeof buf);
}
END_TEST

START_TEST(wbuf_bytes_fill_reserve)
{
    uint8_t buf[TEST_GUARD_LEN + 6u + TEST_GUARD_LEN];
    memset(buf, TEST_GUARD, sizeof buf);
    msdk_wbuf_t wb;
    uint8_t *ref = NULL;
    msdk_wbuf_init(&wb, buf + TEST_GUARD_LEN, 6);

    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, seq, 7), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_fill(&wb, 0, 7), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_reserve(&wb, 7, &ref), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, seq, SIZE_MAX), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_fill(&wb, 0, SIZE_MAX), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_ptr_null(ref);
    test_assert_guard(buf, sizeof buf);
    ck_assert_uint_eq(msdk_wbuf_len(&wb), 0u);

    /* Reserve a length byte, write the content, patch the length. */
    ck_assert_int_eq(msdk_wbuf_reserve(&wb, 1, &ref), MSDK_OK);
    ck_assert_ptr_eq(ref, buf + TEST_GUARD_LEN);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, seq, 3), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_fill(&wb, 0xEEu, 2), MSDK_OK);
    *ref = (uint8_t)(msdk_wbuf_len(&wb) - 1u);
    static const uint8_t expect[6] = { 5, 0x01, 0x02, 0x03, 0xEE, 0xEE };
    ck_assert_mem_eq(buf + TEST_GUARD_LEN, expect, 6);
    test_assert_guard(buf, TEST_GUARD_LEN);
    test_assert_guard(buf + TEST_GUARD_LEN + 6u, TEST_GUARD_LEN);
}
END_TEST

START_TEST(wbuf_zero_capacity_and_null)
{
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, NULL, 0);
    ck_assert_uint_eq(msdk_wbuf_remaining(&wb), 0u);
    ck_assert_int_eq(msdk_wbuf_put_u8(&wb, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, NULL, 0), MSDK_OK);
    ck_assert_uint_eq(msdk_wbuf_len(NULL), 0u);
    ck_assert_uint_eq(msdk_wbuf_remaining(NULL), 0u);
#if MSDK_CFG_CORE_CHECK_ARGS
    uint8_t buf[4];
    uint8_t *ref = NULL;
    msdk_wbuf_init(&wb, NULL, 10); /* treated as zero capacity */
    ck_assert_uint_eq(msdk_wbuf_remaining(&wb), 0u);
    msdk_wbuf_init(NULL, buf, sizeof buf); /* no crash */
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_wbuf_put_u32be(NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_wbuf_reserve(&wb, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_wbuf_reserve(NULL, 1, &ref), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_wbuf_put_uintle(NULL, 2, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0u);
#endif
    /* Broken invariant. */
    uint8_t b2[2];
    msdk_wbuf_init(&wb, b2, sizeof b2);
    wb.pos = 3;
    ck_assert_uint_eq(msdk_wbuf_remaining(&wb), 0u);
    ck_assert_int_eq(msdk_wbuf_put_u8(&wb, 0), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(wbuf_rbuf_roundtrip)
{
    uint32_t rng = 0x5EED0001u;
    uint8_t buf[64];
    for (unsigned round = 0; round < 500u; round++) {
        uint64_t v = test_rand64(&rng);
        size_t n = 1u + test_rand(&rng) % 8u;
        uint64_t uv = (n == 8u) ? v : (v & ((1ull << (8u * n)) - 1u));
        int64_t sv = msdk_i64_from_u64(v);
        if (n < 8u) {
            /* Sign-extend the low 8n bits by hand. */
            uint64_t sign = 1ull << (8u * n - 1u);
            sv = (int64_t)(uv & (sign - 1u)) - (int64_t)(uv & sign);
        }
        msdk_wbuf_t wb;
        msdk_wbuf_init(&wb, buf, sizeof buf);
        TEST_QUICK_EQ(msdk_wbuf_put_uintbe(&wb, n, uv), MSDK_OK);
        TEST_QUICK_EQ(msdk_wbuf_put_uintle(&wb, n, uv), MSDK_OK);
        TEST_QUICK_EQ(msdk_wbuf_put_intbe(&wb, n, sv), MSDK_OK);
        TEST_QUICK_EQ(msdk_wbuf_put_intle(&wb, n, sv), MSDK_OK);
        TEST_QUICK_EQ(msdk_wbuf_put_u64be(&wb, v), MSDK_OK);
        msdk_rbuf_t rb;
        uint64_t u = 0;
        int64_t s = 0;
        msdk_rbuf_init(&rb, buf, msdk_wbuf_len(&wb));
        TEST_QUICK_EQ(msdk_rbuf_get_uintbe(&rb, n, &u), MSDK_OK);
        TEST_QUICK_EQ(u, uv);
        TEST_QUICK_EQ(msdk_rbuf_get_uintle(&rb, n, &u), MSDK_OK);
        TEST_QUICK_EQ(u, uv);
        TEST_QUICK_EQ(msdk_rbuf_get_intbe(&rb, n, &s), MSDK_OK);
        TEST_QUICK_EQ(s, sv);
        TEST_QUICK_EQ(msdk_rbuf_get_intle(&rb, n, &s), MSDK_OK);
        TEST_QUICK_EQ(s, sv);
        TEST_QUICK_EQ(msdk_rbuf_get_u64be(&rb, &u), MSDK_OK);
        TEST_QUICK_EQ(u, v);
        TEST_QUICK_EQ(msdk_rbuf_remaining(&rb), 0u);
    }
}
END_TEST

Suite *byteorder_suite(void)
{
    Suite *s = suite_create("byteorder");
    TCase *tc = tcase_create("load_store");
    tcase_add_test(tc, load_unsigned);
    tcase_add_test(tc, load_unaligned);
    tcase_add_test(tc, load_signed_extremes);
    tcase_add_test(tc, twos_complement_helpers);
    tcase_add_test(tc, store_unsigned_with_guards);
    tcase_add_test(tc, store_signed);
    tcase_add_test(tc, store_load_roundtrip_random);
    suite_add_tcase(s, tc);

    tc = tcase_create("rbuf");
    tcase_add_test(tc, rbuf_reads_a_message);
    tcase_add_test(tc, rbuf_fixed_getters);
    tcase_add_test(tc, rbuf_generic_widths);
    tcase_add_test(tc, rbuf_generic_bad_width);
    tcase_add_test(tc, rbuf_bytes_ref_skip_bounds);
    tcase_add_test(tc, rbuf_sub_reader);
    tcase_add_test(tc, rbuf_empty_and_null);
    suite_add_tcase(s, tc);

    tc = tcase_create("wbuf");
    tcase_add_test(tc, wbuf_writes_a_message);
    tcase_add_test(tc, wbuf_fixed_putters);
    tcase_add_test(tc, wbuf_generic_ranges);
    tcase_add_test(tc, wbuf_bytes_fill_reserve);
    tcase_add_test(tc, wbuf_zero_capacity_and_null);
    tcase_add_test(tc, wbuf_rbuf_roundtrip);
    suite_add_tcase(s, tc);
    return s;
}
