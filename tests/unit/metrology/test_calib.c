/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Calibration block: packing (layout from the header: magic "MCAL", version,
 * 26 little-endian words, CRC-32/ISO-HDLC of everything before it, computed
 * here bit by bit), corruption and truncation, range checks, and the
 * correction steps against hand-computed values; then two steps end to end:
 * a gain and a phase error of the AFE model removed by the computed
 * corrections, checked against the model's true values.
 */
#include <string.h>
#include <check.h>

#include "metro_check.h"
#include "msdk/metrology/calib.h"

Suite *metro_calib_suite(void);

#define PACKED MSDK_METRO_CALIB_PACKED_SIZE
#define BODY   (PACKED - 4u)

/* CRC-32/ISO-HDLC, reflected, one bit at a time (independent of msdk_crc32). */
static uint32_t crc32_bits(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (unsigned b = 0; b < 8u; b++) {
            crc = (crc & 1u) ? ((crc >> 1) ^ 0xEDB88320u) : (crc >> 1);
        }
    }
    return ~crc;
}

static uint32_t ld32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void st32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void recrc(uint8_t *buf)
{
    st32(&buf[BODY], crc32_bits(buf, BODY));
}

/* A valid block with a distinct value in every field (signs mixed). */
static void sample_cal(msdk_metro_calib_t *c)
{
    memset(c, 0, sizeof(*c));
    for (unsigned k = 0; k < MSDK_METRO_CH_COUNT; k++) {
        c->gain_q24[k] = 900000000u + 1234567u * k;
        c->offset[k] = ((k & 1u) ? -1 : 1) * (int32_t)(1000 + 77 * k);
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        c->phase_ns[k] = ((k == 1u) ? -1 : 1) * (int32_t)(12345 + 1000 * k);
        c->igain_lo_ppm[k] = -(int32_t)(100 + k);
        c->igain_hi_ppm[k] = (int32_t)(2000 + 3 * k);
    }
    c->i_tr_ma = 5000u;
    c->i_max_ma = 100000u;
    c->rtc_trim_ppb = -12345;
}

static bool cal_eq(const msdk_metro_calib_t *a, const msdk_metro_calib_t *b)
{
    for (unsigned k = 0; k < MSDK_METRO_CH_COUNT; k++) {
        if ((a->gain_q24[k] != b->gain_q24[k]) || (a->offset[k] != b->offset[k])) {
            return false;
        }
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if ((a->phase_ns[k] != b->phase_ns[k]) || (a->igain_lo_ppm[k] != b->igain_lo_ppm[k]) ||
            (a->igain_hi_ppm[k] != b->igain_hi_ppm[k])) {
            return false;
        }
    }
    return (a->i_tr_ma == b->i_tr_ma) && (a->i_max_ma == b->i_max_ma) &&
           (a->rtc_trim_ppb == b->rtc_trim_ppb);
}

static void pack_ok(const msdk_metro_calib_t *c, uint8_t buf[PACKED])
{
    size_t used = 0;
    ck_assert_int_eq(msdk_metro_calib_pack(c, buf, PACKED, &used), MSDK_OK);
    ck_assert_uint_eq(used, PACKED);
}

START_TEST(calib_pack_layout_roundtrip)
{
    msdk_metro_calib_t c;
    sample_cal(&c);
    ck_assert_int_eq(msdk_metro_calib_check(&c), MSDK_OK);
    uint8_t g[16 + PACKED + 16];
    memset(g, 0xA5, sizeof g);
    size_t used = 0;
    ck_assert_int_eq(msdk_metro_calib_pack(&c, g + 16, PACKED, &used), MSDK_OK);
    ck_assert_uint_eq(used, PACKED);
    for (size_t k = 0; k < 16u; k++) {
        ck_assert_uint_eq(g[k], 0xA5u);
        ck_assert_uint_eq(g[16u + PACKED + k], 0xA5u);
    }
    const uint8_t *b = g + 16;
    ck_assert_mem_eq(b, "MCAL", 4);
    ck_assert_uint_eq(ld32(b + 4), MSDK_METRO_CALIB_VERSION);
    /* Field order: gains, offsets, phases, igain lo, igain hi, i_tr, i_max, trim. */
    ck_assert_uint_eq(ld32(b + 8), c.gain_q24[0]);
    ck_assert_uint_eq(ld32(b + 8 + 4 * 7), (uint32_t)c.offset[0]);
    ck_assert_uint_eq(ld32(b + 8 + 4 * 8), (uint32_t)c.offset[1]);
    ck_assert_uint_eq(ld32(b + 8 + 4 * 15), (uint32_t)c.phase_ns[1]);
    ck_assert_uint_eq(ld32(b + 8 + 4 * 25), (uint32_t)c.rtc_trim_ppb);
    ck_assert_uint_eq(ld32(b + BODY), crc32_bits(b, BODY));

    msdk_metro_calib_t out;
    memset(&out, 0x5A, sizeof out);
    ck_assert_int_eq(msdk_metro_calib_unpack(&out, b, PACKED), MSDK_OK);
    ck_assert(cal_eq(&out, &c));
    /* A longer buffer is fine (trailing bytes ignored). */
    uint8_t big[PACKED + 8];
    memcpy(big, b, PACKED);
    memset(big + PACKED, 0xEE, 8);
    memset(&out, 0, sizeof out);
    ck_assert_int_eq(msdk_metro_calib_unpack(&out, big, sizeof big), MSDK_OK);
    ck_assert(cal_eq(&out, &c));

    /* Too small a buffer: error, nothing written. */
    memset(g, 0xA5, sizeof g);
    used = 7;
    ck_assert_int_eq(msdk_metro_calib_pack(&c, g + 16, PACKED - 1u, &used),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    for (size_t k = 0; k < sizeof g; k++) {
        ck_assert_uint_eq(g[k], 0xA5u);
    }
    ck_assert_int_eq(msdk_metro_calib_pack(NULL, g, PACKED, &used), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_pack(&c, NULL, PACKED, &used), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_pack(&c, g, PACKED, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_unpack(NULL, b, PACKED), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_unpack(&out, NULL, PACKED), MSDK_ERR_INVALID_ARG);
    /* An invalid block is not packed. */
    c.gain_q24[2] = 0u;
    memset(g, 0xA5, sizeof g);
    ck_assert_int_eq(msdk_metro_calib_pack(&c, g + 16, PACKED, &used), MSDK_ERR_INVALID_ARG);
    for (size_t k = 0; k < sizeof g; k++) {
        ck_assert_uint_eq(g[k], 0xA5u);
    }
}
END_TEST

START_TEST(calib_every_bit_flip_rejected)
{
    msdk_metro_calib_t c;
    sample_cal(&c);
    uint8_t b[PACKED];
    pack_ok(&c, b);
    msdk_metro_calib_t fill;
    memset(&fill, 0x5A, sizeof fill);
    for (size_t bit = 0; bit < PACKED * 8u; bit++) {
        uint8_t x[PACKED];
        memcpy(x, b, PACKED);
        x[bit / 8u] ^= (uint8_t)(1u << (bit % 8u));
        msdk_metro_calib_t out = fill;
        msdk_err_t e = msdk_metro_calib_unpack(&out, x, PACKED);
        RIG_TRUE((e == MSDK_ERR_CHECKSUM) || (e == MSDK_ERR_MALFORMED),
                 "bit %zu flipped: unpack returned %d", bit, (int)e);
        RIG_TRUE(memcmp(&out, &fill, sizeof out) == 0, "bit %zu flipped: output written", bit);
    }
}
END_TEST

START_TEST(calib_truncated_and_version)
{
    msdk_metro_calib_t c;
    sample_cal(&c);
    uint8_t b[PACKED];
    pack_ok(&c, b);
    msdk_metro_calib_t fill;
    memset(&fill, 0x5A, sizeof fill);
    for (size_t len = 0; len < PACKED; len++) {
        msdk_metro_calib_t out = fill;
        ck_assert_int_eq(msdk_metro_calib_unpack(&out, b, len), MSDK_ERR_TRUNCATED);
        ck_assert(memcmp(&out, &fill, sizeof out) == 0);
    }
    static const uint32_t versions[] = { 0u, 2u, 0x100u, 0xFFFFFFFFu };
    for (size_t k = 0; k < sizeof versions / sizeof versions[0]; k++) {
        uint8_t x[PACKED];
        memcpy(x, b, PACKED);
        st32(x + 4, versions[k]);
        recrc(x);
        msdk_metro_calib_t out = fill;
        ck_assert_int_eq(msdk_metro_calib_unpack(&out, x, PACKED), MSDK_ERR_NOT_SUPPORTED);
        ck_assert(memcmp(&out, &fill, sizeof out) == 0);
    }
    /* Wrong magic with a valid CRC: malformed. */
    uint8_t x[PACKED];
    memcpy(x, b, PACKED);
    x[0] = 'X';
    recrc(x);
    msdk_metro_calib_t out = fill;
    ck_assert_int_eq(msdk_metro_calib_unpack(&out, x, PACKED), MSDK_ERR_MALFORMED);
    ck_assert(memcmp(&out, &fill, sizeof out) == 0);
}
END_TEST

/* Word index (after magic and version) and an out-of-range value of it. */
typedef struct {
    unsigned word;
    uint32_t value;
} bad_word_t;

START_TEST(calib_out_of_range)
{
    msdk_metro_calib_t c;
    sample_cal(&c);
    ck_assert_int_eq(msdk_metro_calib_check(NULL), MSDK_ERR_INVALID_ARG);
    /* Boundaries accepted. */
    msdk_metro_calib_t e = c;
    e.offset[0] = MSDK_METRO_OFFSET_MAX;
    e.offset[6] = -MSDK_METRO_OFFSET_MAX;
    e.phase_ns[0] = MSDK_METRO_PHASE_NS_MAX;
    e.phase_ns[2] = -MSDK_METRO_PHASE_NS_MAX;
    e.igain_lo_ppm[1] = MSDK_METRO_IGAIN_PPM_MAX;
    e.igain_hi_ppm[1] = -MSDK_METRO_IGAIN_PPM_MAX;
    e.rtc_trim_ppb = -MSDK_METRO_TRIM_PPB_MAX;
    e.gain_q24[3] = 1u;
    e.gain_q24[4] = UINT32_MAX;
    ck_assert_int_eq(msdk_metro_calib_check(&e), MSDK_OK);
    e.rtc_trim_ppb = MSDK_METRO_TRIM_PPB_MAX;
    e.i_tr_ma = 0u; /* single point: i_max free */
    e.i_max_ma = 0u;
    ck_assert_int_eq(msdk_metro_calib_check(&e), MSDK_OK);

    /* Each field just out of range. */
    static const bad_word_t bad[] = {
        { 0u, 0u },                                         /* gain V1 zero */
        { 6u, 0u },                                         /* gain IN zero */
        { 7u, MSDK_METRO_OFFSET_MAX + 1u },                 /* offset beyond the maximum */
        { 13u, (uint32_t) - (MSDK_METRO_OFFSET_MAX + 1) },  /* offset beyond -maximum */
        { 14u, (uint32_t)(MSDK_METRO_PHASE_NS_MAX + 1) },   /* phase */
        { 16u, (uint32_t)(-MSDK_METRO_PHASE_NS_MAX - 1) },  /* phase */
        { 17u, (uint32_t)(MSDK_METRO_IGAIN_PPM_MAX + 1) },  /* igain lo */
        { 22u, (uint32_t)(-MSDK_METRO_IGAIN_PPM_MAX - 1) }, /* igain hi */
        { 24u, 5000u },                                     /* i_max == i_tr */
        { 24u, 4999u },                                     /* i_max < i_tr */
        { 25u, (uint32_t)(MSDK_METRO_TRIM_PPB_MAX + 1) },   /* trim */
        { 25u, (uint32_t)(-MSDK_METRO_TRIM_PPB_MAX - 1) },  /* trim */
    };
    uint8_t b[PACKED];
    pack_ok(&c, b);
    msdk_metro_calib_t fill;
    memset(&fill, 0x5A, sizeof fill);
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        uint8_t x[PACKED];
        memcpy(x, b, PACKED);
        st32(x + 8u + 4u * bad[k].word, bad[k].value);
        recrc(x);
        msdk_metro_calib_t out = fill;
        ck_assert_msg(msdk_metro_calib_unpack(&out, x, PACKED) == MSDK_ERR_MALFORMED,
                      "word %u = 0x%08X accepted", bad[k].word, (unsigned)bad[k].value);
        ck_assert(memcmp(&out, &fill, sizeof out) == 0);
    }
    /* The same through msdk_metro_calib_check, and init / apply refuse the block. */
    msdk_metro_calib_t f = c;
    f.phase_ns[1] = MSDK_METRO_PHASE_NS_MAX + 1;
    ck_assert_int_eq(msdk_metro_calib_check(&f), MSDK_ERR_INVALID_ARG);
    f = c;
    f.igain_hi_ppm[2] = MSDK_METRO_IGAIN_PPM_MAX + 1;
    ck_assert_int_eq(msdk_metro_calib_check(&f), MSDK_ERR_INVALID_ARG);
    f = c;
    f.gain_q24[5] = 0u;
    ck_assert_int_eq(msdk_metro_calib_check(&f), MSDK_ERR_INVALID_ARG);
    msdk_metro_t m;
    ck_assert_int_eq(msdk_metro_init(&m, NULL, &f, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_init(&m, NULL, &c, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_metro_calib_apply(&m, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_apply(&m, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(calib_steps_arithmetic)
{
    msdk_metro_calib_t c;
    msdk_metro_calib_default(&c, MSDK_METRO_GAIN_ONE, MSDK_METRO_GAIN_ONE);
    ck_assert_int_eq(msdk_metro_calib_check(&c), MSDK_OK);

    /* Gain: 2^24 * 1001 / 1000 = 16793993.216 -> 16793993. */
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V2, 1000u, 1001u), MSDK_OK);
    ck_assert_uint_eq(c.gain_q24[MSDK_METRO_CH_V2], 16793993u);
    ck_assert_uint_eq(c.gain_q24[MSDK_METRO_CH_V1], MSDK_METRO_GAIN_ONE);
    /* 960000000 * 229000000 / 230000000 = 955826086.96 -> 955826087. */
    c.gain_q24[MSDK_METRO_CH_I3] = 960000000u;
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_I3, 230000000u, 229000000u), MSDK_OK);
    ck_assert_uint_eq(c.gain_q24[MSDK_METRO_CH_I3], 955826087u);
    /* Ratio limits 0.5..2 inclusive. */
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 1000u, 2000u), MSDK_OK);
    ck_assert_uint_eq(c.gain_q24[MSDK_METRO_CH_V1], 2u * MSDK_METRO_GAIN_ONE);
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 2000u, 1000u), MSDK_OK);
    ck_assert_uint_eq(c.gain_q24[MSDK_METRO_CH_V1], MSDK_METRO_GAIN_ONE);
    msdk_metro_calib_t keep = c;
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 1000u, 2001u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 2001u, 1000u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 0u, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_V1, 1u, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_gain(&c, MSDK_METRO_CH_COUNT, 1u, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_gain(NULL, MSDK_METRO_CH_V1, 1u, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert(cal_eq(&c, &keep));

    /* Offset. */
    ck_assert_int_eq(msdk_metro_calib_offset(&c, MSDK_METRO_CH_IN, -4321), MSDK_OK);
    ck_assert_int_eq(c.offset[MSDK_METRO_CH_IN], -4321);
    ck_assert_int_eq(msdk_metro_calib_offset(&c, MSDK_METRO_CH_I1, MSDK_METRO_OFFSET_MAX), MSDK_OK);
    ck_assert_int_eq(c.offset[MSDK_METRO_CH_I1], MSDK_METRO_OFFSET_MAX);
    keep = c;
    ck_assert_int_eq(msdk_metro_calib_offset(&c, MSDK_METRO_CH_I1, MSDK_METRO_OFFSET_MAX + 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_offset(&c, MSDK_METRO_CH_I1, -MSDK_METRO_OFFSET_MAX - 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_offset(&c, MSDK_METRO_CH_COUNT, 0), MSDK_ERR_INVALID_ARG);
    ck_assert(cal_eq(&c, &keep));

    /* Phase: 1000 mdeg at 50 Hz = 1 / 360 / 50 s = 55555.6 ns -> 55556 ns. The
     * current lags 1 degree too little: its sensor leads, positive correction. */
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 1u, 59000, 60000, 50000u), MSDK_OK);
    ck_assert_int_eq(c.phase_ns[1], 55556);
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 1u, 61000, 60000, 50000u), MSDK_OK);
    ck_assert_int_eq(c.phase_ns[1], 0);
    /* Across 0 / 360 degrees: measured 359.5, reference 0.5 -> +1 degree. */
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 0u, 359500, 500, 50000u), MSDK_OK);
    ck_assert_int_eq(c.phase_ns[0], 55556);
    /* 60 Hz: 500 mdeg -> 1e9 * 0.5 / 360 / 60 = 23148.1 ns -> 23148 (added). */
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 0u, 60000, 59500, 60000u), MSDK_OK);
    ck_assert_int_eq(c.phase_ns[0], 55556 - 23148);
    keep = c;
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 0u, 0, 1000, 44999u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 0u, 0, 1000, 65001u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 3u, 0, 1000, 50000u), MSDK_ERR_INVALID_ARG);
    /* 9 degrees at 50 Hz = 500000 ns is the limit: 10 more degrees is beyond. */
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 2u, 0, 10000, 50000u), MSDK_ERR_INVALID_ARG);
    ck_assert(cal_eq(&c, &keep));
    ck_assert_int_eq(msdk_metro_calib_phase(&c, 2u, 0, 9000, 50000u), MSDK_OK);
    ck_assert_int_eq(c.phase_ns[2], 500000);

    /* Two-point current gain. */
    ck_assert_int_eq(msdk_metro_calib_igain_point(&c, 0u, MSDK_METRO_IPOINT_TR, 1000000u, 1001000u),
                     MSDK_ERR_STATE);
    c.i_tr_ma = 5000u;
    c.i_max_ma = 100000u;
    ck_assert_int_eq(msdk_metro_calib_igain_point(&c, 0u, MSDK_METRO_IPOINT_TR, 1000000u, 1001000u),
                     MSDK_OK);
    ck_assert_int_eq(c.igain_lo_ppm[0], 1000);
    /* Composes: 1.001 * 0.999 = 0.999999 -> -1 ppm. */
    ck_assert_int_eq(msdk_metro_calib_igain_point(&c, 0u, MSDK_METRO_IPOINT_TR, 1000000u, 999000u),
                     MSDK_OK);
    ck_assert_int_eq(c.igain_lo_ppm[0], -1);
    /* High point: 100 A read as 99.5 A -> 1.005025 -> +5025 ppm. */
    ck_assert_int_eq(
        msdk_metro_calib_igain_point(&c, 2u, MSDK_METRO_IPOINT_MAX, 99500000u, 100000000u),
        MSDK_OK);
    ck_assert_int_eq(c.igain_hi_ppm[2], 5025);
    ck_assert_int_eq(c.igain_lo_ppm[2], 0);
    keep = c;
    ck_assert_int_eq(
        msdk_metro_calib_igain_point(&c, 1u, MSDK_METRO_IPOINT_MAX, 1000000u, 1100001u),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_igain_point(&c, 3u, MSDK_METRO_IPOINT_MAX, 1u, 1u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_igain_point(&c, 1u, MSDK_METRO_IPOINT_MAX, 0u, 1u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert(cal_eq(&c, &keep));

    /* RTC: +5000 ms over a day = 57870.37 ppb -> 57870; adds up. */
    ck_assert_int_eq(msdk_metro_calib_rtc(&c, 5000, 86400u), MSDK_OK);
    ck_assert_int_eq(c.rtc_trim_ppb, 57870);
    ck_assert_int_eq(msdk_metro_calib_rtc(&c, -10000, 86400u), MSDK_OK);
    ck_assert_int_eq(c.rtc_trim_ppb, 57870 - 115740);
    /* 30 ms over 60 s = 500 ppm: -57870 + 500000 ppb. */
    ck_assert_int_eq(msdk_metro_calib_rtc(&c, 30, 60u), MSDK_OK);
    ck_assert_int_eq(c.rtc_trim_ppb, 500000 - 57870);
    keep = c;
    ck_assert_int_eq(msdk_metro_calib_rtc(&c, 1, 59u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_rtc(&c, 600, 60u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_metro_calib_rtc(NULL, 1, 60u), MSDK_ERR_INVALID_ARG);
    ck_assert(cal_eq(&c, &keep));
    ck_assert_int_eq(msdk_metro_calib_check(&c), MSDK_OK);
}
END_TEST

/* V1 and the L1 angle in the second complete second of a meter with a calibration. */
static void measure(const msdk_metro_calib_t *cal, const msdk_tm_afe_cfg_t *a, uint32_t *v_uv,
                    double *angle)
{
    rig_t r;
    rig_init(&r, NULL, cal, 50.0, 230.0, 10.0, 60.0, a->seed);
    rig_set_afe(&r, a);
    rig_run(&r, 2.3);
    ck_assert_uint_ge(r.nsec, 2u);
    *v_uv = r.sec[r.nsec - 1u].ph[0].v_uv;
    *angle = rig_angle_deg(&r.sec[r.nsec - 1u].ph[0]);
}

START_TEST(calib_steps_end_to_end)
{
    /* The AFE reads V1 0.8 % high and its I1 sensor leads by 0.7 degrees. */
    msdk_tm_afe_cfg_t a;
    msdk_tm_afe_default(&a, RIG_FS, 0u);
    a.gain[MSDK_TM_CH_V1] = 1.008;
    a.phase_deg[MSDK_TM_CH_I1] = 0.7;
    msdk_metro_calib_t cal;
    rig_default_cal(&cal);
    uint32_t v_uv;
    double ang;
    measure(&cal, &a, &v_uv, &ang);
    RIG_CLOSE(0u, "uncalibrated V1", v_uv, 230e6 * 1.008, 5e-4, 230e6);
    RIG_CLOSE(0u, "uncalibrated angle", ang, 59.3, 0.01, 1.0);
    ck_assert_int_eq(msdk_metro_calib_gain(&cal, MSDK_METRO_CH_V1, v_uv, 230000000u), MSDK_OK);
    ck_assert_int_eq(
        msdk_metro_calib_phase(&cal, 0u, (int32_t)llround(ang * 1000.0), 60000, 50000u), MSDK_OK);
    measure(&cal, &a, &v_uv, &ang);
    RIG_CLOSE(0u, "calibrated V1", v_uv, 230e6, 1e-4, 230e6);
    RIG_CLOSE(0u, "calibrated angle", ang, 60.0, 0.003, 1.0);
}
END_TEST

Suite *metro_calib_suite(void)
{
    Suite *s = suite_create("metrology_calib");
    TCase *tc = tcase_create("calib");
    tcase_add_test(tc, calib_pack_layout_roundtrip);
    tcase_add_test(tc, calib_every_bit_flip_rejected);
    tcase_add_test(tc, calib_truncated_and_version);
    tcase_add_test(tc, calib_out_of_range);
    tcase_add_test(tc, calib_steps_arithmetic);
    tcase_add_test(tc, calib_steps_end_to_end);
    suite_add_tcase(s, tc);
    return s;
}
