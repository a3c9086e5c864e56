/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * CRC and checksum tests. Expected values are the published check values of
 * the CRC catalogue ("123456789"), frames quoted from IEC 62056-46 / DLMS and
 * EN 13757 examples, and a straightforward bit-serial model written from the
 * catalogue parameters (width, poly, init, refin, refout, xorout), which is
 * independent of both library implementations.
 *
 * This file is built twice (tests/unit/core/CMakeLists.txt): against
 * libmsdk_core with MSDK_CFG_CORE_CRC_TABLES=1 (unit.core) and with
 * core_crc.c compiled in with MSDK_CFG_CORE_CRC_TABLES=0
 * (unit.core_crc_bitwise), so both implementations meet the same tests.
 */
#include <string.h>
#include <check.h>
#include "msdk/config.h"
#include "msdk/core/crc.h"
#include "core_check.h"

Suite *crc_suite(void);

static const uint8_t check_input[9] = { '1', '2', '3', '4', '5', '6', '7', '8', '9' };

/* ---- Reference model (catalogue parameters, one bit at a time) --------- */

typedef struct {
    unsigned width;
    uint32_t poly;
    uint32_t init;
    int refin;
    int refout;
    uint32_t xorout;
} crc_model_t;

static const crc_model_t model_x25 = { 16, 0x1021u, 0xFFFFu, 1, 1, 0xFFFFu };
static const crc_model_t model_en13757 = { 16, 0x3D65u, 0x0000u, 0, 0, 0xFFFFu };
static const crc_model_t model_crc32 = { 32, 0x04C11DB7u, 0xFFFFFFFFu, 1, 1, 0xFFFFFFFFu };

static uint32_t reflect(uint32_t v, unsigned bits)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < bits; i++) {
        if (v & (1u << i)) {
            r |= 1u << (bits - 1u - i);
        }
    }
    return r;
}

static uint32_t model_crc(const crc_model_t *m, const uint8_t *data, size_t len)
{
    uint32_t top = 1u << (m->width - 1u);
    uint32_t mask = (m->width == 32u) ? 0xFFFFFFFFu : ((1u << m->width) - 1u);
    uint32_t crc = m->init;
    for (size_t i = 0; i < len; i++) {
        uint32_t b = m->refin ? reflect(data[i], 8u) : data[i];
        for (unsigned bit = 0; bit < 8u; bit++) {
            uint32_t in = (b >> (7u - bit)) & 1u;
            uint32_t msb = (crc & top) ? 1u : 0u;
            crc = (crc << 1) & mask;
            if (msb ^ in) {
                crc ^= m->poly;
            }
        }
    }
    if (m->refout) {
        crc = reflect(crc, m->width);
    }
    return (crc ^ m->xorout) & mask;
}

/* ---- Check values ------------------------------------------------------ */

START_TEST(crc_check_values)
{
    ck_assert_uint_eq(msdk_crc16_x25(check_input, sizeof check_input), 0x906Eu);
    ck_assert_uint_eq(msdk_crc16_en13757(check_input, sizeof check_input), 0xC2B7u);
    ck_assert_uint_eq(msdk_crc32(check_input, sizeof check_input), 0xCBF43926ul);
    ck_assert_uint_eq(MSDK_CRC16_X25_CHECK, 0x906Eu);
    ck_assert_uint_eq(MSDK_CRC16_EN13757_CHECK, 0xC2B7u);
    ck_assert_uint_eq(MSDK_CRC32_CHECK, 0xCBF43926ul);
    /* The model must reproduce the catalogue too, or it proves nothing. */
    ck_assert_uint_eq(model_crc(&model_x25, check_input, 9), 0x906Eu);
    ck_assert_uint_eq(model_crc(&model_en13757, check_input, 9), 0xC2B7u);
    ck_assert_uint_eq(model_crc(&model_crc32, check_input, 9), 0xCBF43926ul);
}
END_TEST

START_TEST(crc32_published_strings)
{
    static const char fox[] = "The quick brown fox jumps over the lazy dog";
    static const uint8_t zeros[32] = { 0 };
    ck_assert_uint_eq(msdk_crc32((const uint8_t *)fox, sizeof fox - 1u), 0x414FA339ul);
    ck_assert_uint_eq(msdk_crc32(zeros, sizeof zeros), 0x190A55ADul);
}
END_TEST

START_TEST(crc_empty_input)
{
    static const uint8_t byte = 0x55;
    ck_assert_uint_eq(msdk_crc16_x25(NULL, 0), 0x0000u);
    ck_assert_uint_eq(msdk_crc16_x25(&byte, 0), 0x0000u);
    ck_assert_uint_eq(msdk_crc16_en13757(NULL, 0), 0xFFFFu);
    ck_assert_uint_eq(msdk_crc32(NULL, 0), 0u);
    ck_assert_uint_eq(msdk_sum8(NULL, 0), 0u);
    ck_assert_uint_eq(msdk_crc16_x25_update(0x1234u, NULL, 0), 0x1234u);
    ck_assert_uint_eq(msdk_crc16_en13757_update(0x1234u, &byte, 0), 0x1234u);
    ck_assert_uint_eq(msdk_crc32_update(0x12345678ul, NULL, 0), 0x12345678ul);
    ck_assert_uint_eq(msdk_sum8_update(0x12u, NULL, 0), 0x12u);
}
END_TEST

START_TEST(crc_null_data_is_empty)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    ck_assert_uint_eq(msdk_crc16_x25_update(0xBEEFu, NULL, 10), 0xBEEFu);
    ck_assert_uint_eq(msdk_crc16_en13757_update(0xBEEFu, NULL, 10), 0xBEEFu);
    ck_assert_uint_eq(msdk_crc32_update(0xDEADBEEFul, NULL, 10), 0xDEADBEEFul);
    ck_assert_uint_eq(msdk_sum8_update(7u, NULL, 10), 7u);
    ck_assert(!msdk_crc16_x25_is_valid(NULL, 10));
    ck_assert(!msdk_crc16_en13757_is_valid(NULL, 10));
#endif
}
END_TEST

/* Every table entry is reached by some one-byte input. */
START_TEST(crc_every_single_byte_matches_model)
{
    for (unsigned v = 0; v < 256u; v++) {
        uint8_t b = (uint8_t)v;
        ck_assert_uint_eq(msdk_crc16_x25(&b, 1), model_crc(&model_x25, &b, 1));
        ck_assert_uint_eq(msdk_crc16_en13757(&b, 1), model_crc(&model_en13757, &b, 1));
        ck_assert_uint_eq(msdk_crc32(&b, 1), model_crc(&model_crc32, &b, 1));
        ck_assert_uint_eq(msdk_sum8(&b, 1), v);
    }
}
END_TEST

START_TEST(crc_random_buffers_match_model)
{
    static uint8_t buf[1500];
    uint32_t rng = 0x1234ABCDu;
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = (uint8_t)test_rand(&rng);
    }
    for (unsigned round = 0; round < 200u; round++) {
        size_t off = test_rand(&rng) % 64u;
        size_t len = test_rand(&rng) % (sizeof buf - off + 1u);
        const uint8_t *p = buf + off; /* also exercises unaligned starts */
        TEST_QUICK_EQ(msdk_crc16_x25(p, len), model_crc(&model_x25, p, len));
        TEST_QUICK_EQ(msdk_crc16_en13757(p, len), model_crc(&model_en13757, p, len));
        TEST_QUICK_EQ(msdk_crc32(p, len), model_crc(&model_crc32, p, len));
    }
    /* The longest buffer in one piece. */
    TEST_QUICK_EQ(msdk_crc32(buf, sizeof buf), model_crc(&model_crc32, buf, sizeof buf));
}
END_TEST

START_TEST(crc_incremental_equals_one_shot)
{
    /* Split "123456789" at every position, and feed it byte by byte. */
    for (size_t cut = 0; cut <= sizeof check_input; cut++) {
        uint16_t x = msdk_crc16_x25_init();
        x = msdk_crc16_x25_update(x, check_input, cut);
        x = msdk_crc16_x25_update(x, check_input + cut, sizeof check_input - cut);
        ck_assert_uint_eq(msdk_crc16_x25_final(x), 0x906Eu);

        uint16_t e = msdk_crc16_en13757_init();
        e = msdk_crc16_en13757_update(e, check_input, cut);
        e = msdk_crc16_en13757_update(e, check_input + cut, sizeof check_input - cut);
        ck_assert_uint_eq(msdk_crc16_en13757_final(e), 0xC2B7u);

        uint32_t c = msdk_crc32_init();
        c = msdk_crc32_update(c, check_input, cut);
        c = msdk_crc32_update(c, check_input + cut, sizeof check_input - cut);
        ck_assert_uint_eq(msdk_crc32_final(c), 0xCBF43926ul);

        uint8_t s = msdk_sum8_update(0, check_input, cut);
        s = msdk_sum8_update(s, check_input + cut, sizeof check_input - cut);
        ck_assert_uint_eq(s, msdk_sum8(check_input, sizeof check_input));
    }
    uint16_t x = msdk_crc16_x25_init();
    uint32_t c = msdk_crc32_init();
    for (size_t i = 0; i < sizeof check_input; i++) {
        x = msdk_crc16_x25_update(x, &check_input[i], 1);
        c = msdk_crc32_update(c, &check_input[i], 1);
    }
    ck_assert_uint_eq(msdk_crc16_x25_final(x), 0x906Eu);
    ck_assert_uint_eq(msdk_crc32_final(c), 0xCBF43926ul);
}
END_TEST

/* ---- HDLC (IEC 62056-46) ------------------------------------------------ */

/* SNRM frame 7E A0 07 03 21 93 0F 01 7E: format A007, server address 03,
 * client address 21, control 93 (SNRM, P=1), FCS 0x010F sent as 0F 01.
 * Without an information field the frame has a single check sequence. */
static const uint8_t hdlc_snrm[] = { 0xA0, 0x07, 0x03, 0x21, 0x93, 0x0F, 0x01 };

/* Header of the AARQ I-frame 7E A0 2B 03 21 10 FB AF E6 E6 00 ...: HCS FB AF. */
static const uint8_t hdlc_aarq_header[] = { 0xA0, 0x2B, 0x03, 0x21, 0x10, 0xFB, 0xAF };

START_TEST(crc_hdlc_snrm_frame)
{
    ck_assert_uint_eq(msdk_crc16_x25(hdlc_snrm, 5), 0x010Fu);
    ck_assert(msdk_crc16_x25_is_valid(hdlc_snrm, sizeof hdlc_snrm));
    /* Residue method: the register over the frame and its FCS is 0xF0B8. */
    ck_assert_uint_eq(msdk_crc16_x25_update(msdk_crc16_x25_init(), hdlc_snrm, sizeof hdlc_snrm),
                      MSDK_CRC16_X25_RESIDUE);
    ck_assert_uint_eq(MSDK_CRC16_X25_RESIDUE, 0xF0B8u);
}
END_TEST

START_TEST(crc_hdlc_aarq_hcs)
{
    ck_assert_uint_eq(msdk_crc16_x25(hdlc_aarq_header, 5), 0xAFFBu);
    ck_assert(msdk_crc16_x25_is_valid(hdlc_aarq_header, sizeof hdlc_aarq_header));
}
END_TEST

START_TEST(crc_x25_is_valid_rejects_every_bit_error)
{
    uint8_t f[sizeof hdlc_snrm];
    for (size_t i = 0; i < sizeof f * 8u; i++) {
        memcpy(f, hdlc_snrm, sizeof f);
        f[i / 8u] ^= (uint8_t)(1u << (i % 8u));
        ck_assert_msg(!msdk_crc16_x25_is_valid(f, sizeof f), "bit %zu", i);
    }
    /* Swapped FCS bytes (MSB first) is wrong. */
    memcpy(f, hdlc_snrm, sizeof f);
    f[5] = 0x01;
    f[6] = 0x0F;
    ck_assert(!msdk_crc16_x25_is_valid(f, sizeof f));
}
END_TEST

START_TEST(crc_x25_is_valid_short_frames)
{
    static const uint8_t empty_fcs[2] = { 0x00, 0x00 }; /* FCS of empty input is 0x0000 */
    ck_assert(!msdk_crc16_x25_is_valid(hdlc_snrm, 0));
    ck_assert(!msdk_crc16_x25_is_valid(hdlc_snrm, 1));
    ck_assert(msdk_crc16_x25_is_valid(empty_fcs, 2));
}
END_TEST

START_TEST(crc_x25_is_valid_random_frames)
{
    uint32_t rng = 0xC0FFEEu;
    uint8_t f[300];
    for (unsigned round = 0; round < 100u; round++) {
        size_t len = test_rand(&rng) % (sizeof f - 2u);
        for (size_t i = 0; i < len; i++) {
            f[i] = (uint8_t)test_rand(&rng);
        }
        uint16_t fcs = (uint16_t)model_crc(&model_x25, f, len);
        f[len] = (uint8_t)fcs; /* LSB first */
        f[len + 1u] = (uint8_t)(fcs >> 8);
        ck_assert(msdk_crc16_x25_is_valid(f, len + 2u));
        f[test_rand(&rng) % (len + 2u)] ^= (uint8_t)(1u << (test_rand(&rng) % 8u));
        ck_assert(!msdk_crc16_x25_is_valid(f, len + 2u));
    }
}
END_TEST

/* ---- Wireless M-Bus ------------------------------------------------------ */

START_TEST(crc_en13757_block_check)
{
    uint32_t rng = 0xE1375700u;
    uint8_t b[18];
    for (unsigned round = 0; round < 100u; round++) {
        size_t len = test_rand(&rng) % 17u; /* data blocks hold up to 16 bytes */
        for (size_t i = 0; i < len; i++) {
            b[i] = (uint8_t)test_rand(&rng);
        }
        uint16_t crc = (uint16_t)model_crc(&model_en13757, b, len);
        b[len] = (uint8_t)(crc >> 8); /* MSB first */
        b[len + 1u] = (uint8_t)crc;
        ck_assert(msdk_crc16_en13757_is_valid(b, len + 2u));
        b[len + 1u] ^= 0x01u;
        ck_assert(!msdk_crc16_en13757_is_valid(b, len + 2u));
    }
    ck_assert(!msdk_crc16_en13757_is_valid(b, 1));
    ck_assert(!msdk_crc16_en13757_is_valid(b, 0));
}
END_TEST

/* ---- Wired M-Bus 8-bit checksum ------------------------------------------ */

START_TEST(sum8_mbus_frames)
{
    /* SND_NKE to address 1: 10 40 01 [41] 16. */
    static const uint8_t snd_nke[] = { 0x40, 0x01 };
    /* REQ_UD2 to address 1: 10 5B 01 [5C] 16. */
    static const uint8_t req_ud2[] = { 0x5B, 0x01 };
    /* RSP_UD example of EN 13757-3 / the M-Bus documentation:
     * 68 1F 1F 68 | 08 02 72 78 56 34 12 24 40 01 07 55 00 00 00 03 13 15 31 00
     * DA 02 3B 13 01 8B 60 04 37 18 02 | 18 16 */
    static const uint8_t rsp_ud[] = { 0x08, 0x02, 0x72, 0x78, 0x56, 0x34, 0x12, 0x24,
                                      0x40, 0x01, 0x07, 0x55, 0x00, 0x00, 0x00, 0x03,
                                      0x13, 0x15, 0x31, 0x00, 0xDA, 0x02, 0x3B, 0x13,
                                      0x01, 0x8B, 0x60, 0x04, 0x37, 0x18, 0x02 };
    ck_assert_uint_eq(sizeof rsp_ud, 0x1Fu);
    ck_assert_uint_eq(msdk_sum8(snd_nke, sizeof snd_nke), 0x41u);
    ck_assert_uint_eq(msdk_sum8(req_ud2, sizeof req_ud2), 0x5Cu);
    ck_assert_uint_eq(msdk_sum8(rsp_ud, sizeof rsp_ud), 0x18u);
    ck_assert_uint_eq(msdk_sum8(check_input, sizeof check_input), 0xDDu); /* 477 mod 256 */
}
END_TEST

START_TEST(sum8_wraps_modulo_256)
{
    uint8_t ff[257];
    memset(ff, 0xFF, sizeof ff);
    ck_assert_uint_eq(msdk_sum8(ff, 256), 0x00u); /* 256 * 255 = 0 mod 256 */
    ck_assert_uint_eq(msdk_sum8(ff, 257), 0xFFu);
    ck_assert_uint_eq(msdk_sum8_update(0x01u, ff, 1), 0x00u);
}
END_TEST

Suite *crc_suite(void)
{
    Suite *s = suite_create(MSDK_CFG_CORE_CRC_TABLES ? "crc (tables)" : "crc (bitwise)");
    TCase *tc = tcase_create("crc");
    tcase_add_test(tc, crc_check_values);
    tcase_add_test(tc, crc32_published_strings);
    tcase_add_test(tc, crc_empty_input);
    tcase_add_test(tc, crc_null_data_is_empty);
    tcase_add_test(tc, crc_every_single_byte_matches_model);
    tcase_add_test(tc, crc_random_buffers_match_model);
    tcase_add_test(tc, crc_incremental_equals_one_shot);
    tcase_add_test(tc, crc_hdlc_snrm_frame);
    tcase_add_test(tc, crc_hdlc_aarq_hcs);
    tcase_add_test(tc, crc_x25_is_valid_rejects_every_bit_error);
    tcase_add_test(tc, crc_x25_is_valid_short_frames);
    tcase_add_test(tc, crc_x25_is_valid_random_frames);
    tcase_add_test(tc, crc_en13757_block_check);
    tcase_add_test(tc, sum8_mbus_frames);
    tcase_add_test(tc, sum8_wraps_modulo_256);
    suite_add_tcase(s, tc);
    return s;
}
