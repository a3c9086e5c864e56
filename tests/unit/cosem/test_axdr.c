/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * A-XDR / COSEM data encoding tests (include/msdk/cosem/axdr.h).
 *
 * Expected bytes come from the published vectors in
 * shared/vectors/dlms-vectors.md (GET response 5009, the SET clock
 * date-time, the GET-by-range selective access parameters, the
 * data-notification and ACTION response octet-strings) and from encodings
 * derived by hand from IEC 62056-6-2 / the Blue Book (tag numbers, A-XDR
 * length forms, two's complement bodies, compact-array layout). Round trips
 * through the library's own encoder are used only in addition.
 *
 * Every decoder is also run on every proper prefix of its vectors (must
 * fail and leave the reader where it was) and every encoder on every
 * too-small buffer (must fail and write nothing, checked with guard bytes).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "msdk/cosem/axdr.h"
#include "cosem_check.h"

Suite *cosem_axdr_suite(void);

#define GUARD 0xA5u

static void rb_at(msdk_rbuf_t *rb, const uint8_t *p, size_t len)
{
    msdk_rbuf_init(rb, p, len);
}

/* ---- Vectors of simple values ------------------------------------------------------- */

typedef enum kind {
    K_NULL,
    K_DONT_CARE,
    K_BOOL,
    K_I8,
    K_I16,
    K_I32,
    K_I64,
    K_U8,
    K_U16,
    K_U32,
    K_U64,
    K_ENUM,
    K_BCD,
    K_F32,
    K_F64,
} kind_t;

typedef struct {
    kind_t kind;
    int64_t s;  /* signed kinds */
    uint64_t u; /* unsigned kinds, bool, enum, bcd, float bits */
    const char *hex;
} scalar_vec_t;

static const scalar_vec_t scalars[] = {
    { K_NULL, 0, 0, "00" },
    { K_DONT_CARE, 0, 0, "FF" },
    { K_BOOL, 0, 1, "03 01" },
    { K_BOOL, 0, 0, "03 00" },
    { K_I8, -1, 0, "0F FF" },
    { K_I8, 127, 0, "0F 7F" },
    { K_I8, -128, 0, "0F 80" },
    { K_I16, -2, 0, "10 FF FE" },
    { K_I16, 32767, 0, "10 7F FF" },
    { K_I16, -32768, 0, "10 80 00" },
    { K_I32, -1000, 0, "05 FF FF FC 18" },
    { K_I32, INT32_MIN, 0, "05 80 00 00 00" },
    { K_I64, -1, 0, "14 FF FF FF FF FF FF FF FF" },
    { K_I64, INT64_MIN, 0, "14 80 00 00 00 00 00 00 00" },
    { K_I64, 0x0102030405060708, 0, "14 01 02 03 04 05 06 07 08" },
    { K_U8, 0, 200, "11 C8" },
    { K_U16, 0, 0xFFFF, "12 FF FF" },
    { K_U16, 0, 0x1234, "12 12 34" },
    { K_U32, 0, 5009, "06 00 00 13 91" }, /* GET response vector */
    { K_U32, 0, 0xFFFFFFFFu, "06 FF FF FF FF" },
    { K_U64, 0, 0x0102030405060708u, "15 01 02 03 04 05 06 07 08" },
    { K_U64, 0, UINT64_MAX, "15 FF FF FF FF FF FF FF FF" },
    { K_ENUM, 0, 3, "16 03" },
    { K_BCD, 0, 0x42, "0D 42" },
    { K_F32, 0, 0x3F800000u, "17 3F 80 00 00" },                     /* 1.0f */
    { K_F64, 0, 0x3FF0000000000000u, "18 3F F0 00 00 00 00 00 00" }, /* 1.0 */
    { K_F64, 0, 0xC00921FB54442D18u, "18 C0 09 21 FB 54 44 2D 18" }, /* -pi */
};

static msdk_err_t write_scalar(msdk_wbuf_t *wb, const scalar_vec_t *v)
{
    switch (v->kind) {
    case K_NULL: return msdk_cosem_axdr_put_null(wb);
    case K_DONT_CARE: return msdk_cosem_axdr_put_dont_care(wb);
    case K_BOOL: return msdk_cosem_axdr_put_bool(wb, v->u != 0u);
    case K_I8: return msdk_cosem_axdr_put_int8(wb, (int8_t)v->s);
    case K_I16: return msdk_cosem_axdr_put_int16(wb, (int16_t)v->s);
    case K_I32: return msdk_cosem_axdr_put_int32(wb, (int32_t)v->s);
    case K_I64: return msdk_cosem_axdr_put_int64(wb, v->s);
    case K_U8: return msdk_cosem_axdr_put_uint8(wb, (uint8_t)v->u);
    case K_U16: return msdk_cosem_axdr_put_uint16(wb, (uint16_t)v->u);
    case K_U32: return msdk_cosem_axdr_put_uint32(wb, (uint32_t)v->u);
    case K_U64: return msdk_cosem_axdr_put_uint64(wb, v->u);
    case K_ENUM: return msdk_cosem_axdr_put_enum(wb, (uint8_t)v->u);
    case K_BCD: return msdk_cosem_axdr_put_bcd(wb, (uint8_t)v->u);
    case K_F32: return msdk_cosem_axdr_put_float32(wb, (uint32_t)v->u);
    default: return msdk_cosem_axdr_put_float64(wb, v->u);
    }
}

/* Reads the kind of v; *s / *u receive the value (unchanged on error). */
static msdk_err_t read_scalar(msdk_rbuf_t *rb, kind_t kind, int64_t *s, uint64_t *u)
{
    msdk_err_t err;
    switch (kind) {
    case K_NULL: return msdk_cosem_axdr_get_null(rb);
    case K_DONT_CARE: return msdk_cosem_axdr_skip(rb, 0u);
    case K_BOOL: {
        bool b = false;
        err = msdk_cosem_axdr_get_bool(rb, &b);
        if (err == MSDK_OK) {
            *u = b ? 1u : 0u;
        }
        return err;
    }
    case K_I8: {
        int8_t x = 0x55;
        err = msdk_cosem_axdr_get_int8(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x55);
        *s = (err == MSDK_OK) ? x : *s;
        return err;
    }
    case K_I16: {
        int16_t x = 0x5555;
        err = msdk_cosem_axdr_get_int16(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x5555);
        *s = (err == MSDK_OK) ? x : *s;
        return err;
    }
    case K_I32: {
        int32_t x = 0x55555555;
        err = msdk_cosem_axdr_get_int32(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x55555555);
        *s = (err == MSDK_OK) ? x : *s;
        return err;
    }
    case K_I64: return msdk_cosem_axdr_get_int64(rb, s);
    case K_U8: {
        uint8_t x = 0x55;
        err = msdk_cosem_axdr_get_uint8(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x55);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    case K_U16: {
        uint16_t x = 0x5555;
        err = msdk_cosem_axdr_get_uint16(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x5555);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    case K_U32: {
        uint32_t x = 0x55555555u;
        err = msdk_cosem_axdr_get_uint32(rb, &x);
        CK_TRUE(err == MSDK_OK || x == 0x55555555u);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    case K_U64: return msdk_cosem_axdr_get_uint64(rb, u);
    case K_ENUM: {
        uint8_t x = 0x55;
        err = msdk_cosem_axdr_get_enum(rb, &x);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    case K_BCD: {
        uint8_t x = 0x55;
        err = msdk_cosem_axdr_get_bcd(rb, &x);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    case K_F32: {
        uint32_t x = 0x55555555u;
        err = msdk_cosem_axdr_get_float32(rb, &x);
        *u = (err == MSDK_OK) ? x : *u;
        return err;
    }
    default: return msdk_cosem_axdr_get_float64(rb, u);
    }
}

START_TEST(test_tag_numbers)
{
    /* IEC 62056-6-2 Data CHOICE numbers. */
    ck_assert_int_eq(MSDK_COSEM_AXDR_NULL_DATA, 0);
    ck_assert_int_eq(MSDK_COSEM_AXDR_ARRAY, 1);
    ck_assert_int_eq(MSDK_COSEM_AXDR_STRUCTURE, 2);
    ck_assert_int_eq(MSDK_COSEM_AXDR_BOOLEAN, 3);
    ck_assert_int_eq(MSDK_COSEM_AXDR_BIT_STRING, 4);
    ck_assert_int_eq(MSDK_COSEM_AXDR_DOUBLE_LONG, 5);
    ck_assert_int_eq(MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, 6);
    ck_assert_int_eq(MSDK_COSEM_AXDR_OCTET_STRING, 9);
    ck_assert_int_eq(MSDK_COSEM_AXDR_VISIBLE_STRING, 10);
    ck_assert_int_eq(MSDK_COSEM_AXDR_UTF8_STRING, 12);
    ck_assert_int_eq(MSDK_COSEM_AXDR_BCD, 13);
    ck_assert_int_eq(MSDK_COSEM_AXDR_INTEGER, 15);
    ck_assert_int_eq(MSDK_COSEM_AXDR_LONG, 16);
    ck_assert_int_eq(MSDK_COSEM_AXDR_UNSIGNED, 17);
    ck_assert_int_eq(MSDK_COSEM_AXDR_LONG_UNSIGNED, 18);
    ck_assert_int_eq(MSDK_COSEM_AXDR_COMPACT_ARRAY, 19);
    ck_assert_int_eq(MSDK_COSEM_AXDR_LONG64, 20);
    ck_assert_int_eq(MSDK_COSEM_AXDR_LONG64_UNSIGNED, 21);
    ck_assert_int_eq(MSDK_COSEM_AXDR_ENUM, 22);
    ck_assert_int_eq(MSDK_COSEM_AXDR_FLOAT32, 23);
    ck_assert_int_eq(MSDK_COSEM_AXDR_FLOAT64, 24);
    ck_assert_int_eq(MSDK_COSEM_AXDR_DATE_TIME, 25);
    ck_assert_int_eq(MSDK_COSEM_AXDR_DATE, 26);
    ck_assert_int_eq(MSDK_COSEM_AXDR_TIME, 27);
    ck_assert_int_eq(MSDK_COSEM_AXDR_DONT_CARE, 255);
    static const uint8_t known[] = { 0,  1,  2,  3,  4,  5,  6,  9,  10, 12, 13, 15, 16,
                                     17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 255 };
    for (unsigned t = 0; t < 256u; t++) {
        bool expect = memchr(known, (int)t, sizeof known) != NULL;
        CK_EQ(msdk_cosem_axdr_tag_known((uint8_t)t), expect);
    }
    uint8_t b[1] = { 0x12 };
    uint8_t tag = 0;
    msdk_rbuf_t rb;
    rb_at(&rb, b, 1);
    ck_assert_int_eq(msdk_cosem_axdr_peek_tag(&rb, &tag), MSDK_OK);
    ck_assert_uint_eq(tag, 0x12);
    ck_assert_uint_eq(rb.pos, 0);
    rb_at(&rb, b, 0);
    ck_assert_int_eq(msdk_cosem_axdr_peek_tag(&rb, &tag), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_axdr_peek_tag(NULL, &tag), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_scalar_vectors)
{
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        const scalar_vec_t *v = &scalars[i];
        uint8_t exp[16];
        size_t n = ck_hex(v->hex, exp, sizeof exp);
        /* Encode: exact bytes, then every too-small buffer writes nothing. */
        uint8_t buf[32];
        msdk_wbuf_t wb;
        memset(buf, GUARD, sizeof buf);
        msdk_wbuf_init(&wb, buf, sizeof buf);
        CK_EQ(write_scalar(&wb, v), MSDK_OK);
        CK_EQ(wb.pos, n);
        CK_TRUE(memcmp(buf, exp, n) == 0);
        CK_EQ(buf[n], GUARD);
        for (size_t cap = 0; cap < n; cap++) {
            memset(buf, GUARD, sizeof buf);
            msdk_wbuf_init(&wb, buf, cap);
            CK_EQ(write_scalar(&wb, v), MSDK_ERR_BUFFER_TOO_SMALL);
            CK_EQ(wb.pos, 0);
            for (size_t k = 0; k < sizeof buf; k++) {
                CK_EQ(buf[k], GUARD);
            }
        }
        /* Decode: the value, then every prefix is truncated. */
        msdk_rbuf_t rb;
        rb_at(&rb, exp, n);
        int64_t s = 0;
        uint64_t u = 0;
        CK_EQ(read_scalar(&rb, v->kind, &s, &u), MSDK_OK);
        CK_EQ(rb.pos, n);
        CK_EQ(s, v->s);
        CK_EQ(u, v->u);
        for (size_t len = 0; len < n; len++) {
            rb_at(&rb, exp, len);
            s = 77;
            u = 77;
            CK_EQ(read_scalar(&rb, v->kind, &s, &u), MSDK_ERR_TRUNCATED);
            CK_EQ(rb.pos, 0);
            CK_EQ(s, 77);
            CK_EQ(u, 77);
        }
        /* Any other tag is refused and consumes nothing. */
        if (v->kind != K_DONT_CARE) {
            for (unsigned t = 0; t < 256u; t++) {
                if (t == exp[0]) {
                    continue;
                }
                uint8_t bad[16];
                memcpy(bad, exp, n);
                bad[0] = (uint8_t)t;
                rb_at(&rb, bad, n);
                CK_EQ(read_scalar(&rb, v->kind, &s, &u), MSDK_ERR_MALFORMED);
                CK_EQ(rb.pos, 0);
            }
        }
    }
}
END_TEST

START_TEST(test_bool_reads_nonzero_as_true)
{
    uint8_t b[2] = { 0x03, 0xFF };
    bool v = false;
    msdk_rbuf_t rb;
    rb_at(&rb, b, 2);
    ck_assert_int_eq(msdk_cosem_axdr_get_bool(&rb, &v), MSDK_OK);
    ck_assert(v);
    ck_assert_int_eq(msdk_cosem_axdr_get_bool(NULL, &v), MSDK_ERR_INVALID_ARG);
    rb_at(&rb, b, 2);
    ck_assert_int_eq(msdk_cosem_axdr_get_bool(&rb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_bool(NULL, true), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Lengths -------------------------------------------------------------------------- */

typedef struct {
    uint32_t len;
    const char *hex;
} len_vec_t;

static const len_vec_t lengths[] = {
    { 0, "00" },
    { 1, "01" },
    { 127, "7F" },
    { 128, "81 80" },
    { 255, "81 FF" },
    { 256, "82 01 00" },
    { 65535, "82 FF FF" },
    { 65536, "83 01 00 00" },
    { 0xFFFFFF, "83 FF FF FF" },
    { 0x1000000, "84 01 00 00 00" },
    { UINT32_MAX, "84 FF FF FF FF" },
};

START_TEST(test_length_vectors)
{
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        uint8_t exp[8];
        size_t n = ck_hex(lengths[i].hex, exp, sizeof exp);
        CK_EQ(msdk_cosem_axdr_length_size(lengths[i].len), n);
        uint8_t buf[8];
        msdk_wbuf_t wb;
        memset(buf, GUARD, sizeof buf);
        msdk_wbuf_init(&wb, buf, sizeof buf);
        CK_EQ(msdk_cosem_axdr_put_length(&wb, lengths[i].len), MSDK_OK);
        CK_EQ(wb.pos, n);
        CK_TRUE(memcmp(buf, exp, n) == 0);
        for (size_t cap = 0; cap < n; cap++) {
            memset(buf, GUARD, sizeof buf);
            msdk_wbuf_init(&wb, buf, cap);
            CK_EQ(msdk_cosem_axdr_put_length(&wb, lengths[i].len), MSDK_ERR_BUFFER_TOO_SMALL);
            CK_EQ(wb.pos, 0);
            CK_EQ(buf[0], GUARD);
        }
        msdk_rbuf_t rb;
        uint32_t v = 12345;
        rb_at(&rb, exp, n);
        CK_EQ(msdk_cosem_axdr_get_length(&rb, &v), MSDK_OK);
        CK_EQ(v, lengths[i].len);
        CK_EQ(rb.pos, n);
        for (size_t len = 0; len < n; len++) {
            rb_at(&rb, exp, len);
            v = 12345;
            CK_EQ(msdk_cosem_axdr_get_length(&rb, &v), MSDK_ERR_TRUNCATED);
            CK_EQ(rb.pos, 0);
            CK_EQ(v, 12345);
        }
    }
}
END_TEST

START_TEST(test_length_rejects_non_minimal)
{
    static const char *const bad[] = {
        "80",                /* indefinite form */
        "85 01 00 00 00 00", /* more than 4 length bytes */
        "FF",                /* 127 length bytes */
        "81 00",             /* 0 in long form */
        "81 7F",             /* 127 in long form */
        "82 00 80",          /* leading zero */
        "82 00 FF",          /* 255 in 2 bytes */
        "83 00 FF FF",       /* leading zero */
        "84 00 FF FF FF",    /* Gurux-style 0x84 for a 3-byte value */
        "84 00 00 00 01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t b[8];
        size_t n = ck_hex(bad[i], b, sizeof b);
        msdk_rbuf_t rb;
        uint32_t v = 99;
        rb_at(&rb, b, n);
        CK_EQ(msdk_cosem_axdr_get_length(&rb, &v), MSDK_ERR_MALFORMED);
        CK_EQ(rb.pos, 0);
        CK_EQ(v, 99);
    }
    uint32_t v = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_length(NULL, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_length(NULL, 1), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Generic integers ------------------------------------------------------------------- */

START_TEST(test_get_any_integer)
{
    static const struct {
        const char *hex;
        int64_t s;
        bool s_ok;
        uint64_t u;
        bool u_ok;
    } v[] = {
        { "0F FF", -1, true, 0, false },
        { "10 80 00", -32768, true, 0, false },
        { "05 00 00 13 91", 5009, true, 5009, true },
        { "14 80 00 00 00 00 00 00 00", INT64_MIN, true, 0, false },
        { "11 FF", 255, true, 255, true },
        { "12 FF FF", 65535, true, 65535, true },
        { "06 00 00 13 91", 5009, true, 5009, true },
        { "15 7F FF FF FF FF FF FF FF", INT64_MAX, true, INT64_MAX, true },
        { "15 80 00 00 00 00 00 00 00", 0, false, UINT64_C(1) << 63, true },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t b[16];
        size_t n = ck_hex(v[i].hex, b, sizeof b);
        msdk_rbuf_t rb;
        int64_t s = 42;
        uint64_t u = 42;
        rb_at(&rb, b, n);
        CK_EQ(msdk_cosem_axdr_get_int(&rb, INT64_MIN, INT64_MAX, &s),
              v[i].s_ok ? MSDK_OK : MSDK_ERR_OVERFLOW);
        CK_EQ(rb.pos, v[i].s_ok ? n : 0u);
        CK_EQ(s, v[i].s_ok ? v[i].s : 42);
        rb_at(&rb, b, n);
        CK_EQ(msdk_cosem_axdr_get_uint(&rb, 0, UINT64_MAX, &u),
              v[i].u_ok ? MSDK_OK : MSDK_ERR_OVERFLOW);
        CK_EQ(u, v[i].u_ok ? v[i].u : 42u);
        for (size_t len = 0; len < n; len++) {
            rb_at(&rb, b, len);
            CK_EQ(msdk_cosem_axdr_get_int(&rb, INT64_MIN, INT64_MAX, &s), MSDK_ERR_TRUNCATED);
            CK_EQ(rb.pos, 0);
        }
    }
    /* Range limits given by the caller. */
    uint8_t b[8];
    size_t n = ck_hex("0F 05", b, sizeof b);
    msdk_rbuf_t rb;
    int64_t s = 0;
    uint64_t u = 0;
    rb_at(&rb, b, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_int(&rb, 6, 10, &s), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_get_int(&rb, -10, 4, &s), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_get_int(&rb, 5, 5, &s), MSDK_OK);
    ck_assert_int_eq(s, 5);
    rb_at(&rb, b, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint(&rb, 6, 10, &u), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint(&rb, 0, 4, &u), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(rb.pos, 0);
    /* Not integer types: enum, bcd, boolean, float, octet-string. */
    static const char *const not_int[] = { "16 01", "0D 01", "03 01", "17 00 00 00 00", "09 00" };
    for (size_t i = 0; i < sizeof not_int / sizeof not_int[0]; i++) {
        n = ck_hex(not_int[i], b, sizeof b);
        rb_at(&rb, b, n);
        ck_assert_int_eq(msdk_cosem_axdr_get_int(&rb, INT64_MIN, INT64_MAX, &s),
                         MSDK_ERR_MALFORMED);
        ck_assert_int_eq(msdk_cosem_axdr_get_uint(&rb, 0, UINT64_MAX, &u), MSDK_ERR_MALFORMED);
        ck_assert_uint_eq(rb.pos, 0);
    }
    ck_assert_int_eq(msdk_cosem_axdr_get_int(NULL, 0, 0, &s), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint(&rb, 0, 0, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_put_as_ranges)
{
    static const struct {
        uint8_t tag;
        int64_t lo;
        int64_t hi;
    } t[] = {
        { MSDK_COSEM_AXDR_INTEGER, -128, 127 },
        { MSDK_COSEM_AXDR_LONG, -32768, 32767 },
        { MSDK_COSEM_AXDR_DOUBLE_LONG, INT32_MIN, INT32_MAX },
        { MSDK_COSEM_AXDR_UNSIGNED, 0, 255 },
        { MSDK_COSEM_AXDR_LONG_UNSIGNED, 0, 65535 },
        { MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, 0, UINT32_MAX },
        { MSDK_COSEM_AXDR_ENUM, 0, 255 },
        { MSDK_COSEM_AXDR_BCD, 0, 255 },
        { MSDK_COSEM_AXDR_BOOLEAN, 0, 1 },
    };
    uint8_t buf[16];
    msdk_wbuf_t wb;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        msdk_wbuf_init(&wb, buf, sizeof buf);
        CK_EQ(msdk_cosem_axdr_put_int_as(&wb, t[i].tag, t[i].lo), MSDK_OK);
        CK_EQ(msdk_cosem_axdr_put_int_as(&wb, t[i].tag, t[i].hi), MSDK_OK);
        size_t pos = wb.pos;
        CK_EQ(msdk_cosem_axdr_put_int_as(&wb, t[i].tag, t[i].lo - 1), MSDK_ERR_OVERFLOW);
        CK_EQ(msdk_cosem_axdr_put_int_as(&wb, t[i].tag, t[i].hi + 1), MSDK_ERR_OVERFLOW);
        CK_EQ(msdk_cosem_axdr_put_int_body(&wb, t[i].tag, t[i].hi + 1), MSDK_ERR_OVERFLOW);
        CK_EQ(msdk_cosem_axdr_put_uint_as(&wb, t[i].tag, (uint64_t)t[i].hi + 1u),
              MSDK_ERR_OVERFLOW);
        CK_EQ(wb.pos, pos);
        /* Read back the body of hi. */
        msdk_rbuf_t rb;
        int64_t s = 0;
        uint64_t u = 0;
        rb_at(&rb, buf, pos);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 0), MSDK_OK);
        size_t second = rb.pos + 1u;
        rb_at(&rb, buf + second, pos - second);
        CK_EQ(msdk_cosem_axdr_get_int_body(&rb, t[i].tag, &s), MSDK_OK);
        CK_EQ(s, t[i].hi);
        CK_EQ(rb.pos, pos - second);
        rb_at(&rb, buf + second, pos - second);
        CK_EQ(msdk_cosem_axdr_get_uint_body(&rb, t[i].tag, &u), MSDK_OK);
        CK_EQ(u, (uint64_t)t[i].hi);
    }
    /* 64-bit edges. */
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint_as(&wb, MSDK_COSEM_AXDR_LONG64, INT64_MAX), MSDK_OK);
    ck_assert_int_eq(
        msdk_cosem_axdr_put_uint_as(&wb, MSDK_COSEM_AXDR_LONG64, (uint64_t)INT64_MAX + 1u),
        MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_put_int_as(&wb, MSDK_COSEM_AXDR_LONG64_UNSIGNED, -1),
                     MSDK_ERR_OVERFLOW);
    /* Tags that are not fixed-size numbers, or floats through the signed writer. */
    ck_assert_int_eq(msdk_cosem_axdr_put_int_as(&wb, MSDK_COSEM_AXDR_OCTET_STRING, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_int_as(&wb, MSDK_COSEM_AXDR_FLOAT32, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint_as(&wb, MSDK_COSEM_AXDR_ARRAY, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint_body(&wb, 7, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint_as(&wb, MSDK_COSEM_AXDR_FLOAT32, UINT32_MAX + 1ull),
                     MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(wb.pos, 9);
    /* Bodies: bytes by hand. */
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_int_body(&wb, MSDK_COSEM_AXDR_LONG, -2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint_body(&wb, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, 5009),
                     MSDK_OK);
    uint8_t exp[8];
    size_t n = ck_hex("FF FE 00 00 13 91", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    msdk_rbuf_t rb;
    int64_t s = 0;
    uint64_t u = 0;
    rb_at(&rb, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint_body(&rb, MSDK_COSEM_AXDR_LONG, &u),
                     MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_get_int_body(&rb, MSDK_COSEM_AXDR_LONG, &s), MSDK_OK);
    ck_assert_int_eq(s, -2);
    ck_assert_int_eq(msdk_cosem_axdr_get_int_body(&rb, MSDK_COSEM_AXDR_OCTET_STRING, &s),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_get_int_body(&rb, MSDK_COSEM_AXDR_LONG64, &s),
                     MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(rb.pos, 2);
    n = ck_hex("FF FF FF FF FF FF FF FF", exp, sizeof exp);
    rb_at(&rb, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_int_body(&rb, MSDK_COSEM_AXDR_LONG64_UNSIGNED, &s),
                     MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint_body(&rb, MSDK_COSEM_AXDR_LONG64_UNSIGNED, &u),
                     MSDK_OK);
    ck_assert_uint_eq(u, UINT64_MAX);
}
END_TEST

/* ---- Strings ------------------------------------------------------------------------------ */

START_TEST(test_string_vectors)
{
    uint8_t buf[32];
    msdk_wbuf_t wb;
    uint8_t exp[32];
    size_t n;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&wb, (const uint8_t *)"AB", 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_visible_string(&wb, "ABC", 3), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_utf8_string(&wb, (const uint8_t *)"\xC3\xA9", 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&wb, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_octets_body(&wb, (const uint8_t *)"Z", 1), MSDK_OK);
    n = ck_hex("09 02 41 42  0A 03 41 42 43  0C 02 C3 A9  09 00  01 5A", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&wb, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(NULL, buf, 1), MSDK_ERR_INVALID_ARG);

    /* Read back by reference and by copy, and every prefix. */
    static const uint8_t tags[] = { 9, 10, 12, 9 };
    static const size_t lens[] = { 2, 3, 2, 0 };
    msdk_rbuf_t rb;
    rb_at(&rb, exp, n - 2u);
    for (size_t i = 0; i < 4; i++) {
        const uint8_t *ref = NULL;
        size_t len = 99;
        size_t start = rb.pos;
        uint8_t wrong = (tags[i] == 9) ? 10 : 9;
        ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, wrong, &ref, &len),
                         MSDK_ERR_MALFORMED);
        ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, tags[i], &ref, &len), MSDK_OK);
        ck_assert_uint_eq(len, lens[i]);
        ck_assert_ptr_eq(ref, exp + start + 2);
        size_t end = rb.pos;
        for (size_t cut = start; cut < end; cut++) {
            msdk_rbuf_t t;
            rb_at(&t, exp, cut);
            t.pos = start;
            CK_EQ(msdk_cosem_axdr_get_octets_ref(&t, tags[i], &ref, &len), MSDK_ERR_TRUNCATED);
            CK_EQ(t.pos, start);
        }
        /* Copy: exact fit works, one byte less is refused without consuming. */
        uint8_t dst[4] = { GUARD, GUARD, GUARD, GUARD };
        msdk_rbuf_t t;
        rb_at(&t, exp, n);
        t.pos = start;
        if (lens[i] > 0u) {
            ck_assert_int_eq(msdk_cosem_axdr_get_octets(&t, tags[i], dst, lens[i] - 1u, &len),
                             MSDK_ERR_BUFFER_TOO_SMALL);
            ck_assert_uint_eq(t.pos, start);
            ck_assert_uint_eq(dst[0], GUARD);
        }
        ck_assert_int_eq(msdk_cosem_axdr_get_octets(&t, tags[i], dst, lens[i], &len), MSDK_OK);
        ck_assert_uint_eq(len, lens[i]);
        ck_assert_uint_eq(t.pos, end);
        ck_assert_mem_eq(dst, exp + start + 2, lens[i]);
        ck_assert_uint_eq(dst[lens[i]], GUARD);
    }
    const uint8_t *ref = NULL;
    size_t len = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, MSDK_COSEM_AXDR_LONG, &ref, &len),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_string_length_boundaries)
{
    static const size_t sizes[] = { 127, 128, 255, 256, 65535, 65536 };
    static const char *const heads[] = { "09 7F",       "09 81 80",    "09 81 FF",
                                         "09 82 01 00", "09 82 FF FF", "09 83 01 00 00" };
    size_t cap = 65536 + 16;
    uint8_t *src = malloc(cap);
    uint8_t *buf = malloc(cap);
    ck_assert_ptr_nonnull(src);
    ck_assert_ptr_nonnull(buf);
    for (size_t i = 0; i < cap; i++) {
        src[i] = (uint8_t)(i * 7u);
    }
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint8_t head[8];
        size_t hn = ck_hex(heads[i], head, sizeof head);
        msdk_wbuf_t wb;
        msdk_wbuf_init(&wb, buf, cap);
        ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&wb, src, sizes[i]), MSDK_OK);
        ck_assert_uint_eq(wb.pos, hn + sizes[i]);
        ck_assert_mem_eq(buf, head, hn);
        ck_assert(memcmp(buf + hn, src, sizes[i]) == 0);
        /* One byte short of room: nothing written. */
        msdk_wbuf_init(&wb, buf, hn + sizes[i] - 1u);
        ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&wb, src, sizes[i]),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_uint_eq(wb.pos, 0);
        msdk_rbuf_t rb;
        const uint8_t *ref = NULL;
        size_t len = 0;
        rb_at(&rb, buf, hn + sizes[i]);
        ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, 9, &ref, &len), MSDK_OK);
        ck_assert_uint_eq(len, sizes[i]);
        rb_at(&rb, buf, hn + sizes[i] - 1u);
        ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, 9, &ref, &len), MSDK_ERR_TRUNCATED);
        rb_at(&rb, buf, hn + sizes[i]);
        ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 0), MSDK_OK);
        ck_assert_uint_eq(rb.pos, hn + sizes[i]);
    }
    free(src);
    free(buf);
}
END_TEST

START_TEST(test_bit_string)
{
    uint8_t buf[16];
    msdk_wbuf_t wb;
    uint8_t exp[16];
    const uint8_t four[1] = { 0xBF }; /* 1011 + junk in the unused bits */
    const uint8_t sixteen[2] = { 0xAA, 0x55 };
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string(&wb, four, 4), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string(&wb, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string(&wb, sixteen, 16), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string_body(&wb, four, 1), MSDK_OK);
    size_t n = ck_hex("04 04 B0  04 00  04 10 AA 55  01 80", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string(&wb, NULL, 1), MSDK_ERR_INVALID_ARG);
    msdk_wbuf_init(&wb, buf, 3);
    ck_assert_int_eq(msdk_cosem_axdr_put_bit_string(&wb, sixteen, 16), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(wb.pos, 0);

    msdk_rbuf_t rb;
    const uint8_t *ref = NULL;
    uint32_t nbits = 0;
    rb_at(&rb, exp, n - 2u);
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits), MSDK_OK);
    ck_assert_uint_eq(nbits, 4);
    ck_assert_ptr_eq(ref, exp + 2);
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits), MSDK_OK);
    ck_assert_uint_eq(nbits, 0);
    uint8_t dst[2] = { 0, 0 };
    size_t start = rb.pos;
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string(&rb, dst, 1, &nbits),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(rb.pos, start);
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string(&rb, dst, 2, &nbits), MSDK_OK);
    ck_assert_uint_eq(nbits, 16);
    ck_assert_mem_eq(dst, sixteen, 2);
    for (size_t cut = 0; cut < 3; cut++) {
        rb_at(&rb, exp, cut);
        ck_assert_int_eq(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits), MSDK_ERR_TRUNCATED);
        ck_assert_uint_eq(rb.pos, 0);
    }
    /* 9 bits need 2 bytes. */
    n = ck_hex("04 09 FF", exp, sizeof exp);
    rb_at(&rb, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits), MSDK_ERR_TRUNCATED);
    /* A hostile bit count. */
    n = ck_hex("04 84 FF FF FF FF 00", exp, sizeof exp);
    rb_at(&rb, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 4), MSDK_ERR_TRUNCATED);
}
END_TEST

/* ---- Date and time ------------------------------------------------------------------------ */

/* SET clock vector (dlms-vectors section 7): the value is at offset 13. */
static const char set_clock_hex[] =
    "C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00";

static msdk_cosem_datetime_t dt_2021(void)
{
    msdk_cosem_datetime_t dt;
    dt.year = 2021;
    dt.month = 1;
    dt.day = 24;
    dt.day_of_week = 0xFF;
    dt.hour = 14;
    dt.minute = 48;
    dt.second = 57;
    dt.hundredths = 80;
    dt.deviation = -60;
    dt.status = 0x00;
    return dt;
}

static bool dt_eq(const msdk_cosem_datetime_t *a, const msdk_cosem_datetime_t *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->day_of_week == b->day_of_week && a->hour == b->hour && a->minute == b->minute &&
           a->second == b->second && a->hundredths == b->hundredths &&
           a->deviation == b->deviation && a->status == b->status;
}

START_TEST(test_datetime_vector)
{
    uint8_t v[32];
    size_t n = ck_hex(set_clock_hex, v, sizeof v);
    ck_assert_uint_eq(n, 27);
    const uint8_t *val = v + 13;
    size_t vlen = n - 13u;
    msdk_cosem_datetime_t exp = dt_2021();

    msdk_cosem_datetime_t dt;
    msdk_rbuf_t rb;
    rb_at(&rb, val, vlen);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt),
                     MSDK_OK);
    ck_assert_uint_eq(rb.pos, vlen);
    ck_assert(dt_eq(&dt, &exp));
    rb_at(&rb, val, vlen);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt), MSDK_OK);
    rb_at(&rb, val, vlen);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_TAGGED, &dt),
                     MSDK_ERR_MALFORMED);
    ck_assert_uint_eq(rb.pos, 0);
    for (size_t cut = 0; cut < vlen; cut++) {
        rb_at(&rb, val, cut);
        CK_EQ(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt), MSDK_ERR_TRUNCATED);
        CK_EQ(rb.pos, 0);
    }
    ck_assert_int_eq(msdk_cosem_datetime_decode(val + 2, 12, &dt), MSDK_OK);
    ck_assert(dt_eq(&dt, &exp));
    ck_assert_int_eq(msdk_cosem_datetime_decode(val + 2, 11, &dt), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_datetime_decode(v, 13, &dt), MSDK_ERR_MALFORMED);

    /* Encode in the three forms. */
    uint8_t buf[48];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &exp),
                     MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_TAGGED, &exp), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_UNTAGGED, &exp), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 14 + 13 + 12);
    ck_assert_mem_eq(buf, val, 14);
    ck_assert_uint_eq(buf[14], 0x19);
    ck_assert_mem_eq(buf + 15, val + 2, 12);
    ck_assert_mem_eq(buf + 27, val + 2, 12);
    ck_assert_int_eq(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_ANY, &exp),
                     MSDK_ERR_INVALID_ARG);
    for (size_t cap = 0; cap < 14; cap++) {
        memset(buf, GUARD, sizeof buf);
        msdk_wbuf_init(&wb, buf, cap);
        CK_EQ(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &exp),
              MSDK_ERR_BUFFER_TOO_SMALL);
        CK_EQ(wb.pos, 0);
        CK_EQ(buf[0], GUARD);
    }
    uint8_t raw[12];
    ck_assert_int_eq(msdk_cosem_datetime_encode(&exp, raw, 11), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_cosem_datetime_encode(&exp, raw, 12), MSDK_OK);
    ck_assert_mem_eq(raw, val + 2, 12);

    /* The tagged form reads back, also through ANY; an octet-string of 11 is refused. */
    uint8_t tagged[13];
    tagged[0] = 0x19;
    memcpy(tagged + 1, val + 2, 12);
    rb_at(&rb, tagged, 13);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt), MSDK_OK);
    ck_assert(dt_eq(&dt, &exp));
    rb_at(&rb, tagged, 13);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt),
                     MSDK_ERR_MALFORMED);
    rb_at(&rb, tagged + 1, 12);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_UNTAGGED, &dt), MSDK_OK);
    uint8_t short_os[14];
    memcpy(short_os, val, 14);
    short_os[1] = 0x0B;
    rb_at(&rb, short_os, 13);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt),
                     MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, (msdk_cosem_axdr_dt_form_t)9, &dt),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_date_and_time_forms)
{
    msdk_cosem_datetime_t exp = dt_2021();
    uint8_t buf[32];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_date(&wb, MSDK_COSEM_AXDR_DT_TAGGED, &exp), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_date(&wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &exp), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_time(&wb, MSDK_COSEM_AXDR_DT_TAGGED, &exp), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_time(&wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &exp), MSDK_OK);
    uint8_t v[32];
    size_t n = ck_hex("1A 07 E5 01 18 FF  09 05 07 E5 01 18 FF  1B 0E 30 39 50  09 04 0E 30 39 50",
                      v, sizeof v);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, v, n);

    msdk_cosem_datetime_t dt;
    msdk_rbuf_t rb;
    rb_at(&rb, v, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_date(&rb, MSDK_COSEM_AXDR_DT_TAGGED, &dt), MSDK_OK);
    ck_assert_uint_eq(dt.year, 2021);
    ck_assert_uint_eq(dt.day, 24);
    ck_assert_uint_eq(dt.hour, 0xFF);
    ck_assert_int_eq(dt.deviation, MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED);
    ck_assert_uint_eq(dt.status, 0xFF);
    ck_assert_int_eq(msdk_cosem_axdr_get_date(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_get_time(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt), MSDK_OK);
    ck_assert_uint_eq(dt.hour, 14);
    ck_assert_uint_eq(dt.hundredths, 80);
    ck_assert_uint_eq(dt.year, 0xFFFF);
    ck_assert_uint_eq(dt.month, 0xFF);
    ck_assert_int_eq(msdk_cosem_axdr_get_date(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt),
                     MSDK_ERR_MALFORMED); /* 09 04: a time, not a date */
    ck_assert_int_eq(msdk_cosem_axdr_get_time(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt), MSDK_OK);
    ck_assert_uint_eq(rb.pos, n);

    uint8_t raw[5];
    ck_assert_int_eq(msdk_cosem_date_encode(&exp, raw, 5), MSDK_OK);
    ck_assert_mem_eq(raw, v + 1, 5);
    ck_assert_int_eq(msdk_cosem_date_encode(&exp, raw, 4), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_cosem_date_decode(v + 1, 5, &dt), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_date_decode(v + 1, 4, &dt), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_date_decode(v + 1, 6, &dt), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_time_encode(&exp, raw, 4), MSDK_OK);
    ck_assert_mem_eq(raw, v + 14, 4);
    ck_assert_int_eq(msdk_cosem_time_decode(v + 14, 4, &dt), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_time_decode(v + 14, 3, &dt), MSDK_ERR_TRUNCATED);
    /* A date ignores invalid time fields and vice versa. */
    msdk_cosem_datetime_t odd = exp;
    odd.hour = 24;
    ck_assert_int_eq(msdk_cosem_date_encode(&odd, raw, 5), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_time_encode(&odd, raw, 4), MSDK_ERR_INVALID_ARG);
    odd = exp;
    odd.month = 13;
    ck_assert_int_eq(msdk_cosem_time_encode(&odd, raw, 4), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_date_encode(&odd, raw, 5), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_datetime_validation)
{
    typedef struct {
        int field; /* 0 year 1 month 2 day 3 dow 4 hour 5 min 6 sec 7 hund 8 dev 9 status */
        int32_t value;
        bool ok;
    } case_t;
    static const case_t cases[] = {
        { 1, 0, false },    { 1, 1, true },         { 1, 12, true },         { 1, 13, false },
        { 1, 0xFC, false }, { 1, 0xFD, true },      { 1, 0xFE, true },       { 1, 0xFF, true },
        { 2, 0, false },    { 2, 31, true },        { 2, 32, false },        { 2, 0xE0, false },
        { 2, 0xFC, false }, { 2, 0xFD, true },      { 2, 0xFE, true },       { 2, 0xFF, true },
        { 3, 0, false },    { 3, 1, true },         { 3, 7, true },          { 3, 8, false },
        { 3, 0xFF, true },  { 4, 23, true },        { 4, 24, false },        { 4, 0xFF, true },
        { 5, 59, true },    { 5, 60, false },       { 5, 0xFF, true },       { 6, 59, true },
        { 6, 60, false },   { 6, 0xFF, true },      { 7, 99, true },         { 7, 100, false },
        { 7, 0xFF, true },  { 8, 720, true },       { 8, 721, false },       { 8, -720, true },
        { 8, -721, false }, { 8, INT16_MIN, true }, { 8, INT16_MAX, false }, { 9, 0x80, true },
        { 9, 0xFF, true },  { 0, 0, true },         { 0, 0xFFFE, true },     { 0, 0xFFFF, true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        msdk_cosem_datetime_t dt = dt_2021();
        switch (cases[i].field) {
        case 0: dt.year = (uint16_t)cases[i].value; break;
        case 1: dt.month = (uint8_t)cases[i].value; break;
        case 2:
            dt.month = 1;
            dt.day = (uint8_t)cases[i].value;
            break;
        case 3: dt.day_of_week = (uint8_t)cases[i].value; break;
        case 4: dt.hour = (uint8_t)cases[i].value; break;
        case 5: dt.minute = (uint8_t)cases[i].value; break;
        case 6: dt.second = (uint8_t)cases[i].value; break;
        case 7: dt.hundredths = (uint8_t)cases[i].value; break;
        case 8: dt.deviation = (int16_t)cases[i].value; break;
        default: dt.status = (uint8_t)cases[i].value; break;
        }
        msdk_err_t want = cases[i].ok ? MSDK_OK : MSDK_ERR_INVALID_ARG;
        CK_EQ(msdk_cosem_datetime_validate(&dt), want);
        /* The same bytes on the wire are refused by the decoder. */
        uint8_t raw[12];
        raw[0] = (uint8_t)(dt.year >> 8);
        raw[1] = (uint8_t)dt.year;
        raw[2] = dt.month;
        raw[3] = dt.day;
        raw[4] = dt.day_of_week;
        raw[5] = dt.hour;
        raw[6] = dt.minute;
        raw[7] = dt.second;
        raw[8] = dt.hundredths;
        raw[9] = (uint8_t)((uint16_t)dt.deviation >> 8);
        raw[10] = (uint8_t)dt.deviation;
        raw[11] = dt.status;
        msdk_cosem_datetime_t out;
        memset(&out, 0x5A, sizeof out);
        CK_EQ(msdk_cosem_datetime_decode(raw, 12, &out),
              cases[i].ok ? MSDK_OK : MSDK_ERR_MALFORMED);
        if (cases[i].ok) {
            CK_TRUE(dt_eq(&out, &dt));
        } else {
            CK_EQ(out.year, 0x5A5A);
        }
        uint8_t enc[12];
        CK_EQ(msdk_cosem_datetime_encode(&dt, enc, 12), want);
        if (cases[i].ok) {
            CK_TRUE(memcmp(enc, raw, 12) == 0);
        }
    }
    /* Month lengths and leap years. */
    static const struct {
        uint16_t y;
        uint8_t m;
        uint8_t d;
        bool ok;
    } days[] = {
        { 2021, 2, 28, true },  { 2021, 2, 29, false },   { 2020, 2, 29, true },
        { 2000, 2, 29, true },  { 1900, 2, 29, false },   { 0xFFFF, 2, 29, true },
        { 2021, 2, 30, false }, { 2021, 4, 30, true },    { 2021, 4, 31, false },
        { 2021, 12, 31, true }, { 2021, 0xFE, 31, true }, { 2021, 2, 0xFE, true },
    };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        msdk_cosem_datetime_t dt = dt_2021();
        dt.year = days[i].y;
        dt.month = days[i].m;
        dt.day = days[i].d;
        CK_EQ(msdk_cosem_datetime_validate(&dt), days[i].ok ? MSDK_OK : MSDK_ERR_INVALID_ARG);
    }
    ck_assert_int_eq(msdk_cosem_datetime_validate(NULL), MSDK_ERR_INVALID_ARG);
    /* The "from" date-time of the GET-by-range vector: 2017-10-01 (a Sunday), DST active. */
    uint8_t raw[12];
    size_t n = ck_hex("07 E1 0A 01 07 00 00 00 00 FF C4 80", raw, sizeof raw);
    msdk_cosem_datetime_t dt;
    ck_assert_int_eq(msdk_cosem_datetime_decode(raw, n, &dt), MSDK_OK);
    ck_assert_uint_eq(dt.year, 2017);
    ck_assert_uint_eq(dt.day_of_week, 7);
    ck_assert_int_eq(dt.deviation, -60);
    ck_assert_uint_eq(dt.status, MSDK_COSEM_CLOCK_STATUS_DST_ACTIVE);
    /* Deviation 0x8000 decodes to "not specified". */
    raw[9] = 0x80;
    raw[10] = 0x00;
    ck_assert_int_eq(msdk_cosem_datetime_decode(raw, n, &dt), MSDK_OK);
    ck_assert_int_eq(dt.deviation, MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED);
}
END_TEST

/* ---- Structures, arrays, skip ------------------------------------------------------------- */

/* GET-by-range request (dlms-vectors section 7); the access parameters start at 14. */
static const char get_by_range_hex[] =
    "C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 "
    "12 00 00 09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C 07 E1 0A 01 07 01 00 00 00 FF C4 80 "
    "01 00";

START_TEST(test_headers)
{
    uint8_t buf[16];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_structure_header(&wb, 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint8(&wb, 1), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_enum(&wb, 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_array_header(&wb, 128), MSDK_OK);
    uint8_t exp[16];
    size_t n = ck_hex("02 02 11 01 16 02  01 81 80", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    msdk_wbuf_init(&wb, buf, 2);
    ck_assert_int_eq(msdk_cosem_axdr_put_array_header(&wb, 128), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(wb.pos, 0);

    msdk_rbuf_t rb;
    uint32_t count = 0;
    rb_at(&rb, exp, 6);
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 2);
    ck_assert_uint_eq(rb.pos, 2);
    /* A count above the bytes left is refused at once. */
    rb_at(&rb, exp, 5);
    ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &count), MSDK_OK);
    rb_at(&rb, exp, 3);
    count = 77;
    ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &count), MSDK_ERR_TRUNCATED);
    ck_assert_uint_eq(count, 77);
    ck_assert_uint_eq(rb.pos, 0);
    n = ck_hex("01 84 80 00 00 00 00 00", exp, sizeof exp);
    rb_at(&rb, exp, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(NULL, &count), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_get_by_range_decode)
{
    uint8_t v[80];
    size_t n = ck_hex(get_by_range_hex, v, sizeof v);
    ck_assert_uint_eq(v[12], 0x01); /* access selection present */
    ck_assert_uint_eq(v[13], 0x01); /* selector 1: range_descriptor */
    msdk_rbuf_t rb;
    rb_at(&rb, v, n);
    rb.pos = 14;
    uint32_t count = 0;
    uint16_t u16 = 0;
    int8_t i8 = 0;
    const uint8_t *ref = NULL;
    size_t len = 0;
    msdk_cosem_datetime_t from;
    msdk_cosem_datetime_t to;
    ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 4);
    ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 4);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint16(&rb, &u16), MSDK_OK);
    ck_assert_uint_eq(u16, 8); /* Clock class */
    ck_assert_int_eq(msdk_cosem_axdr_get_octets_ref(&rb, 9, &ref, &len), MSDK_OK);
    ck_assert_uint_eq(len, 6);
    ck_assert_mem_eq(ref, "\x00\x00\x01\x00\x00\xFF", 6);
    ck_assert_int_eq(msdk_cosem_axdr_get_int8(&rb, &i8), MSDK_OK);
    ck_assert_int_eq(i8, 2);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint16(&rb, &u16), MSDK_OK);
    ck_assert_uint_eq(u16, 0);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &from),
                     MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &to),
                     MSDK_OK);
    ck_assert_uint_eq(from.hour, 0);
    ck_assert_uint_eq(to.hour, 1);
    ck_assert_uint_eq(to.day, 1);
    ck_assert_uint_eq(to.month, 10);
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 0);
    ck_assert_uint_eq(rb.pos, n);
}
END_TEST

/* Skips the value at off in the hex vector, which must end at end (0: the vector's end). */
static void check_skip_vector(const char *hx, size_t off, unsigned depth)
{
    uint8_t v[128];
    size_t n = ck_hex(hx, v, sizeof v);
    msdk_rbuf_t rb;
    rb_at(&rb, v, n);
    rb.pos = off;
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, depth), MSDK_OK);
    ck_assert_uint_eq(rb.pos, n);
    if (depth > 0u) {
        rb.pos = off;
        ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, depth - 1u), MSDK_ERR_NOT_SUPPORTED);
        ck_assert_uint_eq(rb.pos, off);
    }
    for (size_t cut = off; cut < n; cut++) {
        rb_at(&rb, v, cut);
        rb.pos = off;
        CK_EQ(msdk_cosem_axdr_skip(&rb, depth), MSDK_ERR_TRUNCATED);
        CK_EQ(rb.pos, off);
    }
}

START_TEST(test_skip_vectors)
{
    /* GET-by-range access parameters: structure of depth 2. */
    check_skip_vector(get_by_range_hex, 14, 2);
    /* GET response data, SET clock data, ACTION response octet-string(17). */
    check_skip_vector("C4 01 C1 00 06 00 00 13 91", 4, 0);
    check_skip_vector(set_clock_hex, 13, 0);
    check_skip_vector("C7 01 C0 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1",
                      6, 0);
    /* Data-notification: long-invoke-id 000001DB, no date-time, octet-string(34). */
    check_skip_vector("0F 00 00 01 DB 00 09 22 12 5A 85 91 36 00 00 00 00 49 00 00 00 11 00 00 00 "
                      "0A 5A 85 13 D0 14 80 00 00 00 0D 00 00 00 0A 01 00",
                      6, 0);
    /* Every simple type in one structure, and nested arrays. */
    check_skip_vector("02 0F 00 FF 03 01 04 04 B0 05 00 00 00 01 06 00 00 00 01 0A 01 41 "
                      "0C 00 0D 12 10 00 01 15 00 00 00 00 00 00 00 01 17 00 00 00 00 "
                      "1A 07 E5 01 18 FF 1B 0E 30 39 50 19 07 E5 01 18 FF 0E 30 39 50 FF C4 00",
                      0, 1);
    check_skip_vector("01 02 01 01 02 02 11 01 12 00 02 01 00", 0, 3);
    /* An empty array and an empty structure. */
    check_skip_vector("01 00", 0, 1);
    check_skip_vector("02 00", 0, 1);
}
END_TEST

START_TEST(test_skip_hostile)
{
    /* 1,000 nested arrays of one element around a null-data. */
    size_t n = 2001;
    uint8_t *deep = malloc(n);
    ck_assert_ptr_nonnull(deep);
    for (size_t i = 0; i < 1000; i++) {
        deep[2 * i] = 0x01;
        deep[2 * i + 1] = 0x01;
    }
    deep[2000] = 0x00;
    msdk_rbuf_t rb;
    rb_at(&rb, deep, n);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 8), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(rb.pos, 0);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX + 1u),
                     MSDK_ERR_INVALID_ARG);
    /* Exactly DEPTH_MAX levels pass at the limit. */
    size_t off = 2u * (1000u - MSDK_COSEM_AXDR_DEPTH_MAX);
    rb.pos = off;
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX), MSDK_OK);
    ck_assert_uint_eq(rb.pos, n);
    free(deep);

    /* Huge counts fail at once. */
    static const char *const huge[] = {
        "01 84 7F FF FF FF 00 00 00",    "01 84 80 00 00 00 00 00 00", "02 84 FF FF FF FF 00",
        "01 02 01 84 FF FF FF FF 00 00", "09 84 FF FF FF FF 00",       "0A 83 01 00 00 41",
    };
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        uint8_t b[16];
        size_t len = ck_hex(huge[i], b, sizeof b);
        rb_at(&rb, b, len);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 4), MSDK_ERR_TRUNCATED);
        CK_EQ(rb.pos, 0);
    }
    /* Unknown tags, at top level and inside a structure. */
    for (unsigned t = 0; t < 256u; t++) {
        if (msdk_cosem_axdr_tag_known((uint8_t)t)) {
            continue;
        }
        uint8_t b[4] = { (uint8_t)t, 0, 0, 0 };
        rb_at(&rb, b, 4);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 4), MSDK_ERR_MALFORMED);
        uint8_t s[6] = { 0x02, 0x02, 0x00, (uint8_t)t, 0, 0 };
        rb_at(&rb, s, 6);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 4), MSDK_ERR_MALFORMED);
        CK_EQ(rb.pos, 0);
    }
    /* Depth 0 accepts scalars only. */
    uint8_t arr[2] = { 0x01, 0x00 };
    rb_at(&rb, arr, 2);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 0), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_axdr_skip(NULL, 0), MSDK_ERR_INVALID_ARG);
    rb_at(&rb, arr, 0);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 0), MSDK_ERR_TRUNCATED);
}
END_TEST

/* ---- Compact-array ----------------------------------------------------------------------------
 */

typedef struct {
    const char *hex; /* whole compact-array, from its tag */
    size_t td_len;   /* length of the type description */
    uint32_t count;  /* elements */
    unsigned depth;  /* smallest depth limit that accepts it */
} compact_vec_t;

static const compact_vec_t compacts[] = {
    /* long-unsigned 1, 2, 3 */
    { "13 12 06 00 01 00 02 00 03", 1, 3, 1 },
    /* structure { long-unsigned, octet-string }: {1, AA BB}, {2, ""} */
    { "13 02 02 12 09 08 00 01 02 AA BB 00 02 00", 4, 2, 2 },
    /* array[3] of unsigned, two elements */
    { "13 01 00 03 11 06 01 02 03 04 05 06", 4, 2, 2 },
    /* structure { date-time, double-long-unsigned }: one profile row */
    { "13 02 02 19 06 10 07 E5 01 18 FF 0E 30 39 50 FF C4 00 00 00 13 91", 4, 1, 2 },
    /* structure { array[2] of visible-string, boolean } */
    { "13 02 02 01 00 02 0A 03 08 01 41 00 01 00 01 42 00", 7, 2, 3 },
    /* empty contents */
    { "13 11 00", 1, 0, 1 },
    /* structure { array[0] of octet-string, unsigned } */
    { "13 02 02 01 00 00 09 11 02 07 08", 7, 2, 3 },
};

START_TEST(test_compact_vectors)
{
    for (size_t i = 0; i < sizeof compacts / sizeof compacts[0]; i++) {
        const compact_vec_t *c = &compacts[i];
        uint8_t v[64];
        size_t n = ck_hex(c->hex, v, sizeof v);
        msdk_rbuf_t rb;
        msdk_cosem_axdr_compact_t out;
        memset(&out, 0, sizeof out);
        rb_at(&rb, v, n);
        ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, c->depth, &out), MSDK_OK);
        ck_assert_uint_eq(rb.pos, n);
        ck_assert_ptr_eq(out.td, v + 1);
        ck_assert_uint_eq(out.td_len, c->td_len);
        ck_assert_uint_eq(out.count, c->count);
        ck_assert_ptr_eq(out.contents + out.contents_len, v + n);
        uint32_t count = 0;
        ck_assert_int_eq(msdk_cosem_axdr_compact_check(out.td, out.td_len, out.contents,
                                                       out.contents_len, c->depth - 1u, &count),
                         MSDK_OK);
        ck_assert_uint_eq(count, c->count);
        /* Inside an array, via skip. */
        uint8_t wrapped[70];
        wrapped[0] = 0x01;
        wrapped[1] = 0x01;
        memcpy(wrapped + 2, v, n);
        rb_at(&rb, wrapped, n + 2u);
        ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, c->depth + 1u), MSDK_OK);
        ck_assert_uint_eq(rb.pos, n + 2u);
        rb.pos = 0;
        ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, c->depth), MSDK_ERR_NOT_SUPPORTED);
        check_skip_vector(c->hex, 0, c->depth);
        /* Every prefix: never accepted, reader unchanged. The contents length
         * makes a shorter prefix look truncated, never valid. */
        for (size_t cut = 0; cut < n; cut++) {
            rb_at(&rb, v, cut);
            msdk_err_t err = msdk_cosem_axdr_get_compact_array(&rb, c->depth, &out);
            CK_EQ(err, MSDK_ERR_TRUNCATED);
            CK_EQ(rb.pos, 0);
        }
    }
}
END_TEST

START_TEST(test_compact_malformed)
{
    static const struct {
        const char *hex;
        msdk_err_t err;
    } bad[] = {
        /* contents not a whole number of elements */
        { "13 12 05 00 01 00 02 00", MSDK_ERR_MALFORMED },
        /* a variable element running past the contents */
        { "13 02 02 12 09 04 00 01 02 AA", MSDK_ERR_MALFORMED },
        /* compact-array inside a description */
        { "13 02 01 13 00", MSDK_ERR_MALFORMED },
        /* unknown type in a description */
        { "13 07 00", MSDK_ERR_MALFORMED },
        /* zero-size elements with contents */
        { "13 00 01 00", MSDK_ERR_MALFORMED },
        { "13 02 00 01 00", MSDK_ERR_MALFORMED },
        /* a bad length inside the contents */
        { "13 09 02 81 05", MSDK_ERR_MALFORMED },
        /* description structure count above the bytes left */
        { "13 02 84 7F FF FF FF 11", MSDK_ERR_TRUNCATED },
        /* contents length above the bytes left */
        { "13 11 84 7F FF FF FF 00", MSDK_ERR_TRUNCATED },
        /* non-minimal contents length */
        { "13 11 81 01 00", MSDK_ERR_MALFORMED },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t v[32];
        size_t n = ck_hex(bad[i].hex, v, sizeof v);
        msdk_rbuf_t rb;
        msdk_cosem_axdr_compact_t out;
        rb_at(&rb, v, n);
        CK_EQ(msdk_cosem_axdr_get_compact_array(&rb, 4, &out), bad[i].err);
        CK_EQ(rb.pos, 0);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 4), bad[i].err);
        CK_EQ(rb.pos, 0);
    }
    /* Empty contents of zero-size elements: zero elements. */
    uint8_t z[3] = { 0x13, 0x00, 0x00 };
    msdk_rbuf_t rb;
    msdk_cosem_axdr_compact_t out;
    rb_at(&rb, z, 3);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 1, &out), MSDK_OK);
    ck_assert_uint_eq(out.count, 0);
    /* Depth 0 refuses any compact-array; a deep description is refused. */
    rb_at(&rb, z, 3);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 0, &out), MSDK_ERR_NOT_SUPPORTED);
    uint8_t deep[64];
    size_t n = 0;
    deep[n++] = 0x13;
    for (unsigned i = 0; i < 20u; i++) {
        deep[n++] = 0x02;
        deep[n++] = 0x01;
    }
    deep[n++] = 0x11;
    deep[n++] = 0x01;
    deep[n++] = 0x05;
    rb_at(&rb, deep, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, MSDK_COSEM_AXDR_DEPTH_MAX, &out),
                     MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, MSDK_COSEM_AXDR_DEPTH_MAX + 1u, &out),
                     MSDK_ERR_INVALID_ARG);
    /* Wrong tag. */
    uint8_t arr[2] = { 0x01, 0x00 };
    rb_at(&rb, arr, 2);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 4, &out), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(test_compact_hostile_counts)
{
    /* structure { array[65535] of array[65535] of null-data, octet-string }:
     * 4e9 zero-size elements per row must not be iterated. */
    uint8_t v[32];
    size_t n = ck_hex("13 02 02 01 FF FF 01 FF FF 00 09 04 01 AA 01 BB", v, sizeof v);
    msdk_rbuf_t rb;
    msdk_cosem_axdr_compact_t out;
    rb_at(&rb, v, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 4, &out), MSDK_OK);
    ck_assert_uint_eq(out.count, 2);
    /* array[65535] of array[65535] of double-long-unsigned: 17 GB per element. */
    n = ck_hex("13 01 FF FF 01 FF FF 06 04 00 00 00 01", v, sizeof v);
    rb_at(&rb, v, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 4, &out), MSDK_ERR_MALFORMED);
    uint32_t size = 0;
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(v + 1, 7, &size), MSDK_ERR_OVERFLOW);
    /* The same with a variable member: the walk stops at the end of the contents. */
    n = ck_hex("13 01 FF FF 01 FF FF 09 04 00 00 00 01", v, sizeof v);
    rb_at(&rb, v, n);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 4, &out), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(test_compact_write)
{
    /* Description built with the helpers: structure { long-unsigned, array[2] of unsigned }. */
    uint8_t td[16];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, td, sizeof td);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_structure(&wb, 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_simple(&wb, MSDK_COSEM_AXDR_LONG_UNSIGNED), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_array(&wb, 2), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_simple(&wb, MSDK_COSEM_AXDR_UNSIGNED), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_simple(&wb, MSDK_COSEM_AXDR_ARRAY),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_simple(&wb, MSDK_COSEM_AXDR_COMPACT_ARRAY),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_td_simple(&wb, 7), MSDK_ERR_INVALID_ARG);
    size_t td_len = wb.pos;
    uint8_t exp[32];
    size_t n = ck_hex("02 02 12 01 00 02 11", exp, sizeof exp);
    ck_assert_uint_eq(td_len, n);
    ck_assert_mem_eq(td, exp, n);
    uint32_t size = 0;
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(td, td_len, &size), MSDK_OK);
    ck_assert_uint_eq(size, 4);
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(td, td_len - 1u, &size), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(exp, 4, &size), MSDK_ERR_TRUNCATED);
    uint8_t trailing[8] = { 0x11, 0x11 };
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(trailing, 2, &size), MSDK_ERR_MALFORMED);
    uint8_t var[1] = { 0x09 };
    ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(var, 1, &size), MSDK_ERR_NOT_SUPPORTED);
    static const char *const sizes_hex[] = { "19", "1A", "1B", "00", "02 00", "01 00 05 06" };
    static const uint32_t sizes[] = { 12, 5, 4, 0, 0, 20 };
    for (size_t i = 0; i < 6; i++) {
        uint8_t t[8];
        size_t tn = ck_hex(sizes_hex[i], t, sizeof t);
        ck_assert_int_eq(msdk_cosem_axdr_td_fixed_size(t, tn, &size), MSDK_OK);
        ck_assert_uint_eq(size, sizes[i]);
    }

    /* Two elements {7, [1, 2]}, {8, [3, 4]}. */
    uint8_t buf[32];
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_compact_array_header(&wb, td, td_len, 2u * 4u), MSDK_OK);
    for (uint8_t row = 0; row < 2u; row++) {
        ck_assert_int_eq(
            msdk_cosem_axdr_put_uint_body(&wb, MSDK_COSEM_AXDR_LONG_UNSIGNED, 7u + row), MSDK_OK);
        ck_assert_int_eq(
            msdk_cosem_axdr_put_uint_body(&wb, MSDK_COSEM_AXDR_UNSIGNED, 1u + 2u * row), MSDK_OK);
        ck_assert_int_eq(
            msdk_cosem_axdr_put_uint_body(&wb, MSDK_COSEM_AXDR_UNSIGNED, 2u + 2u * row), MSDK_OK);
    }
    n = ck_hex("13 02 02 12 01 00 02 11 08 00 07 01 02 00 08 03 04", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    msdk_rbuf_t rb;
    msdk_cosem_axdr_compact_t out;
    rb_at(&rb, buf, wb.pos);
    ck_assert_int_eq(msdk_cosem_axdr_get_compact_array(&rb, 3, &out), MSDK_OK);
    ck_assert_uint_eq(out.count, 2);
    /* Reading the contents with the body readers. */
    msdk_rbuf_t c;
    uint64_t u = 0;
    rb_at(&c, out.contents, out.contents_len);
    ck_assert_int_eq(msdk_cosem_axdr_get_uint_body(&c, MSDK_COSEM_AXDR_LONG_UNSIGNED, &u), MSDK_OK);
    ck_assert_uint_eq(u, 7);
    /* Header errors: nothing written. */
    msdk_wbuf_init(&wb, buf, td_len + 1u);
    ck_assert_int_eq(msdk_cosem_axdr_put_compact_array_header(&wb, td, td_len, 8),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(wb.pos, 0);
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_axdr_put_compact_array_header(&wb, td, td_len - 1u, 8),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_put_compact_array_header(&wb, trailing, 2, 8),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
    /* Date-times inside contents use the untagged form. */
    msdk_cosem_datetime_t dt = dt_2021();
    uint8_t dtd[1] = { MSDK_COSEM_AXDR_DATE_TIME };
    ck_assert_int_eq(msdk_cosem_axdr_put_compact_array_header(&wb, dtd, 1, 12), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_UNTAGGED, &dt), MSDK_OK);
    n = ck_hex("13 19 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, exp, n);
    /* get_td */
    const uint8_t *tref = NULL;
    size_t tlen = 0;
    rb_at(&rb, td, td_len);
    ck_assert_int_eq(msdk_cosem_axdr_get_td(&rb, 1, &tref, &tlen), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(rb.pos, 0);
    ck_assert_int_eq(msdk_cosem_axdr_get_td(&rb, 2, &tref, &tlen), MSDK_OK);
    ck_assert_ptr_eq(tref, td);
    ck_assert_uint_eq(tlen, td_len);
    uint32_t count = 0;
    ck_assert_int_eq(msdk_cosem_axdr_compact_check(td, td_len, NULL, 0, 2, &count), MSDK_OK);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(msdk_cosem_axdr_compact_check(td, td_len, NULL, 1, 2, &count),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Streaming ------------------------------------------------------------------------------- */

#define ROWS 100u

typedef struct {
    uint32_t fail_at; /* row whose encoder returns MSDK_ERR_IO, or UINT32_MAX */
    uint32_t calls;
} row_ctx_t;

/* Row i: structure { long-unsigned i, double-long-unsigned i * 1000 } = 10 bytes. */
static msdk_err_t encode_row(void *ctx, msdk_wbuf_t *wb, uint32_t row)
{
    row_ctx_t *c = ctx;
    c->calls++;
    if (row == c->fail_at) {
        msdk_err_t partial = msdk_cosem_axdr_put_structure_header(wb, 2);
        (void)partial; /* partial output, then failure */
        return MSDK_ERR_IO;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, (uint16_t)row);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint32(wb, row * 1000u);
    }
    return err;
}

START_TEST(test_streaming_rows)
{
    /* Expected encoding, built by hand: 01 64, then 100 rows of 10 bytes. */
    uint8_t exp[2 + ROWS * 10u];
    exp[0] = 0x01;
    exp[1] = 0x64;
    for (uint32_t i = 0; i < ROWS; i++) {
        uint8_t *r = exp + 2 + 10u * i;
        uint32_t x = i * 1000u;
        r[0] = 0x02;
        r[1] = 0x02;
        r[2] = 0x12;
        r[3] = (uint8_t)(i >> 8);
        r[4] = (uint8_t)i;
        r[5] = 0x06;
        r[6] = (uint8_t)(x >> 24);
        r[7] = (uint8_t)(x >> 16);
        r[8] = (uint8_t)(x >> 8);
        r[9] = (uint8_t)x;
    }
    /* Several block sizes: the blocks concatenate to the expected bytes. */
    static const size_t blocks[] = { 10, 11, 19, 64, 128, 2000 };
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        uint8_t out[sizeof exp + 16];
        size_t total = 0;
        msdk_cosem_axdr_rows_t rows;
        row_ctx_t ctx = { UINT32_MAX, 0 };
        msdk_cosem_axdr_rows_init(&rows, ROWS);
        bool done = false;
        unsigned calls = 0;
        while (!done) {
            uint8_t block[2016];
            memset(block, GUARD, sizeof block);
            msdk_wbuf_t wb;
            msdk_wbuf_init(&wb, block, blocks[b]);
            CK_EQ(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_OK);
            CK_TRUE(wb.pos > 0u);
            CK_TRUE(wb.pos <= blocks[b]);
            CK_EQ(block[blocks[b]], GUARD);
            /* Whole rows only: every block after the first starts at a row. */
            if (total > 0u) {
                CK_EQ((total - 2u) % 10u, 0);
            }
            memcpy(out + total, block, wb.pos);
            total += wb.pos;
            CK_TRUE(++calls < 1000u);
        }
        CK_EQ(total, sizeof exp);
        CK_TRUE(memcmp(out, exp, sizeof exp) == 0);
        msdk_rbuf_t rb;
        rb_at(&rb, out, total);
        CK_EQ(msdk_cosem_axdr_skip(&rb, 2), MSDK_OK);
        CK_EQ(rb.pos, total);
    }
}
END_TEST

START_TEST(test_streaming_errors)
{
    msdk_cosem_axdr_rows_t rows;
    row_ctx_t ctx = { UINT32_MAX, 0 };
    uint8_t block[16];
    msdk_wbuf_t wb;
    bool done = false;
    /* A block of 9 bytes holds the header but never a row. */
    msdk_cosem_axdr_rows_init(&rows, 3);
    msdk_wbuf_init(&wb, block, 9);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_OK);
    ck_assert(!done);
    ck_assert_uint_eq(wb.pos, 2);
    ck_assert(rows.header_done);
    msdk_wbuf_init(&wb, block, 9);
    done = true;
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(wb.pos, 0);
    ck_assert_uint_eq(rows.next, 0);
    ck_assert(done); /* untouched */
    /* No room for the header either. */
    msdk_cosem_axdr_rows_init(&rows, 3);
    msdk_wbuf_init(&wb, block, 1);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert(!rows.header_done);
    /* An encoder error rolls its row back and stops. */
    msdk_cosem_axdr_rows_init(&rows, 3);
    ctx.fail_at = 1;
    uint8_t big[64];
    msdk_wbuf_init(&wb, big, sizeof big);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_ERR_IO);
    ck_assert_uint_eq(wb.pos, 12);
    ck_assert_uint_eq(rows.next, 1);
    ctx.fail_at = UINT32_MAX;
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_OK);
    ck_assert(done);
    ck_assert_uint_eq(wb.pos, 32);
    /* Done already: nothing more, still OK. */
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_OK);
    ck_assert(done);
    ck_assert_uint_eq(wb.pos, 32);
    /* Zero rows: just the header. */
    msdk_cosem_axdr_rows_init(&rows, 0);
    msdk_wbuf_init(&wb, block, sizeof block);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, &ctx, &done), MSDK_OK);
    ck_assert(done);
    ck_assert_uint_eq(wb.pos, 2);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(NULL, &rows, encode_row, &ctx, &done),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_rows_put(&wb, &rows, NULL, &ctx, &done), MSDK_ERR_INVALID_ARG);
    /* mark / rollback */
    msdk_wbuf_init(&wb, block, sizeof block);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint8(&wb, 1), MSDK_OK);
    size_t mark = msdk_cosem_axdr_mark(&wb);
    ck_assert_uint_eq(mark, 2);
    ck_assert_int_eq(msdk_cosem_axdr_put_uint16(&wb, 1), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_rollback(&wb, mark + 4u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_axdr_rollback(&wb, mark), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 2);
    ck_assert_int_eq(msdk_cosem_axdr_rollback(NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(msdk_cosem_axdr_mark(NULL), 0);
}
END_TEST

Suite *cosem_axdr_suite(void)
{
    Suite *s = suite_create("cosem_axdr");
    CK_TCASE(s, "values", NULL, test_tag_numbers, test_scalar_vectors,
             test_bool_reads_nonzero_as_true, test_length_vectors, test_length_rejects_non_minimal,
             test_get_any_integer, test_put_as_ranges, test_string_vectors,
             test_string_length_boundaries, test_bit_string);
    CK_TCASE(s, "datetime", NULL, test_datetime_vector, test_date_and_time_forms,
             test_datetime_validation);
    CK_TCASE(s, "structured", NULL, test_headers, test_get_by_range_decode, test_skip_vectors,
             test_skip_hostile, test_compact_vectors, test_compact_malformed,
             test_compact_hostile_counts, test_compact_write);
    CK_TCASE(s, "streaming", NULL, test_streaming_rows, test_streaming_errors);
    return s;
}
