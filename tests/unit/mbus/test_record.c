/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, records: EN 13757-3 data records against published decodings.
 *
 * Real telegrams: RSP_UD long frames of real meters published by the libmbus project
 * (test/test-frames/<name>.hex) with the decoding that project publishes next to them
 * (<name>.xml: value, unit and scale per record). Each expected row below was written from
 * that XML and from EN 13757-3's VIF table (e.g. "Volume (m m^3)" = VIF 0x13, 10^-3 m3),
 * never from this decoder's output. Where the published decoding is wrong (libmbus prints a
 * number for BCD with digits A..F: the Elster F96 records 4 and 5), the row says
 * MALFORMED, as EN 13757-3 allows only 0..9 and the sign nibble F.
 * The 32-bit reals of the Aquametro CALEC are checked as raw bits; Python's
 * struct.unpack('<f') of those bits gives the published values (13426.15625, 107.944733,
 * 135.826416, 28.958035, 106.868378).
 * Also the OMS Vol.2 Annex N mode 5 plaintext (/work/shared/vectors/mbus-vectors.md):
 * volume 28504.27 m3, a type F date-time, error flags 0. */
#include <check.h>

#include "check_hex.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/mbus/record.h"

Suite *mbus_record_suite(void);

/* ---- Helpers --------------------------------------------------------------------------- */

/* Expected record. */
typedef struct ex {
    msdk_err_t err;
    uint8_t fn;
    uint64_t storage;
    uint32_t tariff;
    uint16_t subunit;
    msdk_mbus_quantity_t q;
    msdk_mbus_unit_t u;
    int8_t exp;
    char kind; /* 'V' number, 'D' date/time, 'R' real bits, 'M' manufacturer data, 'E' bad */
    int64_t v; /* number, real bits, or manufacturer data length */
    uint16_t y;
    uint8_t mo, d, h, mi;
} ex_t;

#define Q(x) MSDK_MBUS_Q_##x
#define U(x) MSDK_MBUS_UNIT_##x
/* number */
#define V(fn, st, ta, su, q, u, e, val)                                                            \
    {                                                                                              \
        MSDK_OK, fn, st, ta, su, Q(q), U(u), e, 'V', val, 0, 0, 0, 0, 0                            \
    }
/* date (G) or date-time (F) */
#define D(fn, st, ta, su, q, y, mo, d, h, mi)                                                      \
    {                                                                                              \
        MSDK_OK, fn, st, ta, su, Q(q), U(NONE), 0, 'D', 0, y, mo, d, h, mi                         \
    }
#define R(fn, st, q, u, e, bits)                                                                   \
    {                                                                                              \
        MSDK_OK, fn, st, 0, 0, Q(q), U(u), e, 'R', bits, 0, 0, 0, 0, 0                             \
    }
#define M(nbytes)                                                                                  \
    {                                                                                              \
        MSDK_OK, 0, 0, 0, 0, Q(UNKNOWN), U(NONE), 0, 'M', nbytes, 0, 0, 0, 0, 0                    \
    }
#define BAD(fn, st, q, u, e)                                                                       \
    {                                                                                              \
        MSDK_ERR_MALFORMED, fn, st, 0, 0, Q(q), U(u), e, 'E', 0, 0, 0, 0, 0, 0                     \
    }

static void check_record(const ex_t *e, msdk_err_t err, const msdk_mbus_record_t *r, size_t i)
{
    ck_assert_msg(err == e->err, "record %zu: err %d, expected %d", i, (int)err, (int)e->err);
    if (e->kind == 'M') {
        ck_assert_int_eq(r->type, MSDK_MBUS_DT_MANUFACTURER);
        ck_assert_uint_eq(r->data_len, (size_t)e->v);
        return;
    }
    ck_assert_msg(r->function == e->fn, "record %zu: function", i);
    ck_assert_msg(r->storage == e->storage, "record %zu: storage %llu", i,
                  (unsigned long long)r->storage);
    ck_assert_msg(r->tariff == e->tariff, "record %zu: tariff", i);
    ck_assert_msg(r->subunit == e->subunit, "record %zu: subunit", i);
    ck_assert_msg(r->quantity == e->q, "record %zu: quantity %d", i, (int)r->quantity);
    ck_assert_msg(r->unit == e->u, "record %zu: unit %d", i, (int)r->unit);
    ck_assert_msg(r->exponent == e->exp, "record %zu: exponent %d", i, (int)r->exponent);
    switch (e->kind) {
    case 'V':
        ck_assert_msg((r->flags & MSDK_MBUS_VAL_NUMBER) != 0u, "record %zu: no number", i);
        ck_assert_msg(r->value == e->v, "record %zu: value %lld, expected %lld", i,
                      (long long)r->value, (long long)e->v);
        break;
    case 'D':
        ck_assert_msg((r->flags & MSDK_MBUS_VAL_DATETIME) != 0u, "record %zu: no date", i);
        ck_assert_uint_eq(r->datetime.year, e->y);
        ck_assert_uint_eq(r->datetime.month, e->mo);
        ck_assert_uint_eq(r->datetime.day, e->d);
        ck_assert_uint_eq(r->datetime.hour, e->h);
        ck_assert_uint_eq(r->datetime.minute, e->mi);
        ck_assert(!r->datetime.invalid);
        break;
    case 'R':
        ck_assert_int_eq(r->type, MSDK_MBUS_DT_REAL32);
        ck_assert((r->flags & MSDK_MBUS_VAL_REAL32) != 0u);
        ck_assert((r->flags & MSDK_MBUS_VAL_NUMBER) == 0u);
        ck_assert_uint_eq(r->real_bits, (uint32_t)e->v);
        break;
    default: /* 'E' */
        ck_assert((r->flags & (MSDK_MBUS_VAL_NUMBER | MSDK_MBUS_VAL_DATETIME)) == 0u);
        break;
    }
}

/* Walks @p data and checks every record against @p ex, then the end. */
static void walk_and_check(const uint8_t *data, size_t len, const ex_t *ex, size_t n,
                           msdk_mbus_record_t *last)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t rec;
    msdk_mbus_rec_iter_init(&it, data, len);
    for (size_t i = 0; i < n; i++) {
        msdk_err_t err = msdk_mbus_rec_next(&it, &rec);
        check_record(&ex[i], err, &rec, i);
        ck_assert_uint_le(rec.offset + rec.length, len);
        if (last != NULL) {
            last[i] = rec;
        }
    }
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_ERR_NOT_FOUND);
}

/* A long frame (68 L L 68 C A CI + 12-byte header ... CS 16): checks the frame around the
 * data records and returns them. */
static size_t frame_records(const char *hex, uint8_t *buf, size_t cap, const uint8_t **rec)
{
    size_t n = ck_hex(hex, buf, cap);
    ck_assert_uint_ge(n, 21u);
    ck_assert_uint_eq(buf[0], 0x68u);
    ck_assert_uint_eq(buf[1], n - 6u);
    ck_assert_uint_eq(buf[6], 0x72u);
    ck_assert_uint_eq(buf[n - 1u], 0x16u);
    uint8_t cs = 0;
    for (size_t i = 4; i < n - 2u; i++) {
        cs = (uint8_t)(cs + buf[i]);
    }
    ck_assert_uint_eq(cs, buf[n - 2u]);
    *rec = &buf[19];
    return n - 2u - 19u;
}

typedef struct telegram {
    const char *name;
    const char *hex;
    const ex_t *ex;
    size_t n;
} telegram_t;

/* ---- Published telegrams -------------------------------------------------------------- */

/* libmbus test-frames/ELS_Elster-F96-Plus (heat meter). */
static const ex_t ex_els_f96[] = {
    V(0, 0, 0, 0, ENERGY, WH, 3, 0),
    V(0, 0, 1, 0, ENERGY, WH, 3, 0),
    V(0, 0, 2, 0, VOLUME, M3, -3, 0),
    V(0, 0, 0, 0, VOLUME, M3, -3, 0),
    BAD(3, 0, POWER, W, 0),               /* BCD BD EB DD DD */
    BAD(3, 0, VOLUME_FLOW, M3_PER_H, -3), /* BCD BD EB DD */
    V(0, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -1, 227),
    V(0, 0, 0, 0, RETURN_TEMPERATURE, CELSIUS, -1, 226),
    V(0, 0, 0, 0, TEMPERATURE_DIFFERENCE, KELVIN, -1, 1),
    V(0, 0, 0, 0, OPERATING_TIME, DAY, 0, 730),
    D(0, 0, 0, 0, DATETIME, 2014, 3, 13, 13, 9),
    V(0, 1, 0, 0, ENERGY, WH, 3, 0),
    V(0, 1, 0, 0, VOLUME, M3, -3, 0),
    V(0, 1, 1, 0, ENERGY, WH, 3, 0),
    V(0, 1, 2, 0, VOLUME, M3, -3, 0),
    D(0, 1, 0, 0, DATE, 2013, 5, 31, 0, 0),
};

/* libmbus test-frames/EFE_Engelmann-WaterStar. */
static const ex_t ex_efe_waterstar[] = {
    V(0, 0, 0, 0, FABRICATION_NUMBER, NONE, 0, 4990254),
    D(0, 0, 0, 0, DATETIME, 2014, 3, 13, 12, 10),
    V(0, 0, 0, 0, VOLUME, M3, -3, 332),
    V(0, 1, 0, 0, VOLUME, M3, -3, 331),
    V(0, 2, 0, 0, VOLUME, M3, -3, 332),
    D(0, 1, 0, 0, DATE, 2013, 12, 31, 0, 0),
    D(0, 0, 0, 0, DATE, 2014, 12, 31, 0, 0),
    V(0, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 0),
    V(1, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 2070),
    V(0, 0, 0, 0, ON_TIME, DAY, 0, 1191),
    V(0, 0, 0, 0, ERROR_FLAGS, NONE, 0, 0),
    V(0, 0, 0, 0, VOLUME, M3, -6, 8), /* VIF 0x90 + combinable VIFE 0x28 */
};

/* libmbus test-frames/SLB_CF-Compact-Integral-MK-MaXX (negative BCD, subunits). */
static const ex_t ex_slb_cf[] = {
    V(0, 0, 0, 0, FABRICATION_NUMBER, NONE, 0, 11817314),
    V(0, 0, 0, 0, ENERGY, WH, 3, 0),
    V(0, 0, 0, 0, VOLUME, M3, -2, 2),
    V(0, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 0),
    V(0, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -1, 218),
    V(0, 0, 0, 0, RETURN_TEMPERATURE, CELSIUS, -1, 220),
    V(0, 0, 0, 0, TEMPERATURE_DIFFERENCE, KELVIN, -2, -18),
    V(3, 0, 0, 0, OPERATING_TIME, HOUR, 0, 0),
    V(0, 0, 0, 0, OPERATING_TIME, DAY, 0, 1176),
    D(0, 0, 0, 0, DATETIME, 2014, 3, 13, 14, 2),
    V(0, 0, 0, 1, VOLUME, M3, -2, 123),
    V(0, 0, 0, 2, VOLUME, M3, -2, 321),
    V(0, 0, 0, 0, FIRMWARE_VERSION, NONE, 0, 3),
    V(0, 0, 0, 0, SOFTWARE_VERSION, NONE, 0, 18),
    M(2),
};

/* libmbus test-frames/GWF-MTKcoder (water). */
static const ex_t ex_gwf[] = {
    V(0, 0, 0, 0, FABRICATION_NUMBER, NONE, 0, 182007),
    V(0, 0, 0, 0, VOLUME, M3, 0, 269),
};

/* libmbus test-frames/elv_temp_humid (Elvaco CMa11: plain-text VIF "%RH" with the
 * multiplicative correction VIFE 0x74 = 10^-2, DIF 0x1F at the end). */
static const ex_t ex_elv_cma11[] = {
    V(0, 0, 0, 0, DIGITAL_INPUT, NONE, 0, 0),
    V(0, 0, 0, 0, PLAIN_TEXT, TEXT, -2, 4564),
    V(2, 0, 0, 0, PLAIN_TEXT, TEXT, -2, 4552),
    V(1, 0, 0, 0, PLAIN_TEXT, TEXT, -2, 5812),
    V(0, 0, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2256),
    V(2, 0, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2160),
    V(1, 0, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2339),
    V(0, 0, 0, 0, AVERAGING_DURATION, HOUR, 0, 24),
    V(0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2276),
    V(0, 2, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2269),
    V(0, 0, 0, 0, FABRICATION_NUMBER, NONE, 0, 54000834),
    V(0, 0, 0, 0, SOFTWARE_VERSION, NONE, 0, 262144),
    M(0),
};

/* libmbus test-frames/ZRM_Minol-Minocal-C2 (storage numbers up to 39 over two DIFEs). */
static const ex_t ex_zrm_minocal[] = {
    V(0, 0, 0, 0, ENERGY, WH, 3, 3),
    V(0, 0, 0, 0, ERROR_FLAGS, NONE, 0, 0),
    D(0, 8, 0, 0, DATETIME, 2015, 1, 1, 0, 0),
    V(0, 8, 0, 0, ENERGY, WH, 3, 3),
    V(0, 10, 0, 0, ENERGY, WH, 3, 3),
    V(0, 0, 0, 0, VOLUME, M3, -3, 74),
    V(0, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 0),
    V(1, 1, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 43),
    D(1, 1, 0, 0, DATETIME, 2011, 9, 1, 8, 30),
    V(0, 0, 0, 0, POWER, W, 2, 0),
    V(1, 2, 0, 0, POWER, W, 2, 20),
    D(1, 2, 0, 0, DATETIME, 2011, 9, 1, 8, 30),
    V(0, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -2, 2071),
    V(0, 0, 0, 0, RETURN_TEMPERATURE, CELSIUS, -2, 2038),
    D(0, 0, 0, 0, DATETIME, 2014, 3, 13, 12, 45),
    D(0, 32, 0, 0, DATE, 2014, 3, 1, 0, 0),
    V(0, 32, 0, 0, ENERGY, WH, 3, 3),
    D(0, 33, 0, 0, DATE, 2014, 2, 1, 0, 0),
    V(0, 33, 0, 0, ENERGY, WH, 3, 3),
    D(0, 34, 0, 0, DATE, 2014, 1, 1, 0, 0),
    V(0, 34, 0, 0, ENERGY, WH, 3, 3),
    D(0, 35, 0, 0, DATE, 2013, 12, 1, 0, 0),
    V(0, 35, 0, 0, ENERGY, WH, 3, 3),
    D(0, 36, 0, 0, DATE, 2013, 11, 1, 0, 0),
    V(0, 36, 0, 0, ENERGY, WH, 3, 3),
    D(0, 37, 0, 0, DATE, 2013, 10, 1, 0, 0),
    V(0, 37, 0, 0, ENERGY, WH, 3, 3),
    D(0, 38, 0, 0, DATE, 2013, 9, 1, 0, 0),
    V(0, 38, 0, 0, ENERGY, WH, 3, 3),
    D(0, 39, 0, 0, DATE, 2013, 8, 1, 0, 0),
    V(0, 39, 0, 0, ENERGY, WH, 3, 3),
    D(1, 32, 0, 0, DATE, 2014, 3, 1, 0, 0),
    V(1, 32, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 0),
    V(1, 32, 0, 0, POWER, W, 2, 0),
};

/* libmbus test-frames/emh_diz (electricity: 409 x 10 Wh = 4090 Wh, tariff 1). */
static const ex_t ex_emh_diz[] = {
    V(0, 0, 1, 0, ENERGY, WH, 1, 409),
    V(0, 1, 0, 0, POWER, W, -1, 0),
    V(0, 0, 0, 0, ERROR_FLAGS, NONE, 0, 0),
};

/* libmbus test-frames/allmess_cf50 (Allmess Megacontrol CF-50, heat). */
static const ex_t ex_allmess_cf50[] = {
    V(0, 0, 0, 0, ENERGY, WH, 4, 0),
    V(0, 0, 0, 0, VOLUME, M3, -1, 3),
    V(0, 0, 0, 0, POWER, W, 3, 0),
    V(0, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 0),
    V(0, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -1, 1288),
    V(0, 0, 0, 0, RETURN_TEMPERATURE, CELSIUS, -1, 516),
    V(0, 0, 0, 0, TEMPERATURE_DIFFERENCE, KELVIN, -2, 7723),
    D(0, 0, 0, 0, DATE, 2012, 1, 12, 0, 0),
    V(0, 0, 0, 0, OPERATING_TIME, DAY, 0, 3383),
    M(2),
};

/* libmbus test-frames/amt_calec_mb (Aquametro CALEC MB: 32-bit reals). */
static const ex_t ex_amt_calec[] = {
    V(0, 0, 0, 0, ON_TIME, HOUR, 0, 154),
    R(0, 0, POWER, W, 3, 0x4651C8A0),                       /* 13426.15625 kW */
    R(0, 0, VOLUME_FLOW, M3_PER_H, 0, 0x42D7E3B4),          /* 107.944733 m3/h */
    R(0, 0, FLOW_TEMPERATURE, CELSIUS, 0, 0x4307D390),      /* 135.826416 C */
    R(0, 0, RETURN_TEMPERATURE, CELSIUS, 0, 0x41E7AA0E),    /* 28.958035 C */
    R(0, 0, TEMPERATURE_DIFFERENCE, KELVIN, 0, 0x42D5BC9C), /* 106.868378 K */
    D(0, 0, 0, 0, DATETIME, 1996, 5, 5, 9, 16),
};

/* libmbus test-frames/SEN_Sensus-PolluTherm (error-state values, 24-bit integer). */
static const ex_t ex_sen_pollutherm[] = {
    V(0, 0, 0, 0, ENERGY, WH, 4, 0),
    V(0, 0, 0, 0, VOLUME, M3, -2, 0),
    V(0, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -2, 0),
    V(0, 0, 0, 0, POWER, W, 1, 0),
    V(3, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -1, 0),
    V(3, 0, 0, 0, RETURN_TEMPERATURE, CELSIUS, -1, 0),
    V(3, 0, 0, 0, TEMPERATURE_DIFFERENCE, KELVIN, -3, 0),
    V(0, 0, 0, 0, FABRICATION_NUMBER, NONE, 0, 24351689),
    V(0, 0, 0, 0, CUSTOMER_LOCATION, NONE, 0, 24351689),
};

static const telegram_t k_telegrams[] = {
    { "ELS_Elster-F96-Plus",
      "68 68 68 68 08 00 72 51 39 49 44 93 15 2F 04 A1 70 00 00 0C 06 00 00 00 00 8C 10 06 00 00 "
      "00 00 8C 20 13 00 00 00 00 0C 13 00 00 00 00 3C 2B BD EB DD DD 3B 3B BD EB DD 0A 5A 27 02 "
      "0A 5E 26 02 0A 62 01 00 0A 27 30 07 04 6D 09 0D CD 13 4C 06 00 00 00 00 4C 13 00 00 00 00 "
      "CC 10 06 00 00 00 00 CC 20 13 00 00 00 00 42 6C BF 15 40 16",
      ex_els_f96, MSDK_ARRAY_SIZE(ex_els_f96) },
    { "EFE_Engelmann-WaterStar",
      "68 51 51 68 08 0B 72 54 02 99 04 C5 14 00 06 0C 27 00 00 04 78 2E 25 4C 00 04 6D 0A 0C CD "
      "13 04 13 4C 01 00 00 44 13 4B 01 00 00 84 01 13 4C 01 00 00 42 6C BF 1C 02 6C DF 1C 04 3B "
      "00 00 00 00 14 3B 16 08 00 00 02 23 A7 04 01 FD 17 00 04 90 28 08 00 00 00 3F 16",
      ex_efe_waterstar, MSDK_ARRAY_SIZE(ex_efe_waterstar) },
    { "SLB_CF-Compact-Integral-MK-MaXX",
      "68 5C 5C 68 08 04 72 14 73 81 11 82 4D 06 04 03 00 00 00 0C 78 14 73 81 11 0C 06 00 00 00 "
      "00 0C 14 02 00 00 00 0A 3B 00 00 0B 5A 18 02 00 0B 5E 20 02 00 0B 61 18 00 F0 32 26 00 00 "
      "02 27 98 04 04 6D 02 0E CD 13 84 40 14 7B 00 00 00 84 80 40 14 41 01 00 00 09 FD 0E 03 09 "
      "FD 0F 18 0F 00 16 DB 16",
      ex_slb_cf, MSDK_ARRAY_SIZE(ex_slb_cf) },
    { "GWF-MTKcoder",
      "68 1B 1B 68 08 01 72 07 20 18 00 E6 1E 35 07 4C 00 00 00 0C 78 07 20 18 00 0C 16 69 02 00 "
      "00 96 16",
      ex_gwf, MSDK_ARRAY_SIZE(ex_gwf) },
    { "elv_temp_humid",
      "68 53 53 68 08 05 72 34 08 00 54 96 15 32 00 F2 00 00 00 01 FD 1B 00 02 FC 03 48 52 25 74 "
      "D4 11 22 FC 03 48 52 25 74 C8 11 12 FC 03 48 52 25 74 B4 16 02 65 D0 08 22 65 70 08 12 65 "
      "23 09 01 72 18 42 65 E4 08 82 01 65 DD 08 0C 78 34 08 00 54 03 FD 0F 00 00 04 1F 5D 16",
      ex_elv_cma11, MSDK_ARRAY_SIZE(ex_elv_cma11) },
    { "ZRM_Minol-Minocal-C2",
      "68 EF EF 68 08 02 72 84 50 42 31 4D 6A 81 04 73 27 00 00 04 06 03 00 00 00 02 FD 17 00 00 "
      "84 04 6D 00 00 E1 11 84 04 06 03 00 00 00 84 05 06 03 00 00 00 04 13 4A 00 00 00 04 3B 00 "
      "00 00 00 54 3B 2B 00 00 00 54 6D 1E 08 61 19 04 2D 00 00 00 00 94 01 2D 14 00 00 00 94 01 "
      "6D 1E 08 61 19 02 59 17 08 02 5D F6 07 04 6D 2D 0C CD 13 82 80 01 6C C1 13 84 80 01 06 03 "
      "00 00 00 C2 80 01 6C C1 12 C4 80 01 06 03 00 00 00 82 81 01 6C C1 11 84 81 01 06 03 00 00 "
      "00 C2 81 01 6C A1 1C C4 81 01 06 03 00 00 00 82 82 01 6C A1 1B 84 82 01 06 03 00 00 00 C2 "
      "82 01 6C A1 1A C4 82 01 06 03 00 00 00 82 83 01 6C A1 19 84 83 01 06 03 00 00 00 C2 83 01 "
      "6C A1 18 C4 83 01 06 03 00 00 00 92 80 01 6C C1 13 94 80 01 3B 00 00 00 00 94 80 01 2D 00 "
      "00 00 00 8F 16",
      ex_zrm_minocal, MSDK_ARRAY_SIZE(ex_zrm_minocal) },
    { "emh_diz",
      "68 21 21 68 08 01 72 02 37 62 00 A8 15 00 02 07 00 00 00 8C 10 04 09 04 00 00 C4 00 2A 00 "
      "00 00 00 01 FD 17 00 8C 16",
      ex_emh_diz, MSDK_ARRAY_SIZE(ex_emh_diz) },
    { "allmess_cf50",
      "68 3D 3D 68 08 01 72 00 51 20 02 82 4D 02 04 00 88 00 00 04 07 00 00 00 00 0C 15 03 00 00 "
      "00 0B 2E 00 00 00 0B 3B 00 00 00 0A 5A 88 12 0A 5E 16 05 0B 61 23 77 00 02 6C 8C 11 02 27 "
      "37 0D 0F 60 00 67 16",
      ex_allmess_cf50, MSDK_ARRAY_SIZE(ex_allmess_cf50) },
    { "amt_calec_mb",
      "68 38 38 68 08 C8 72 09 31 54 03 B4 05 B0 04 C9 10 FF FF 03 22 9A 00 00 05 2E A0 C8 51 46 "
      "05 3E B4 E3 D7 42 05 5B 90 D3 07 43 05 5F 0E AA E7 41 05 63 9C BC D5 42 04 6D 10 09 05 C5 "
      "77 16",
      ex_amt_calec, MSDK_ARRAY_SIZE(ex_amt_calec) },
    { "SEN_Sensus-PolluTherm",
      "68 41 41 68 08 00 72 89 16 35 24 AE 4C 0B 04 54 10 00 00 0C 07 00 00 00 00 0C 14 00 00 00 "
      "00 0C 3C 00 00 00 00 0C 2C 00 00 00 00 32 5A 00 00 32 5E 00 00 33 60 00 00 00 0C 78 89 16 "
      "35 24 0C FD 10 89 16 35 24 CE 16",
      ex_sen_pollutherm, MSDK_ARRAY_SIZE(ex_sen_pollutherm) },
};

START_TEST(rec_published_telegrams)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_telegrams); t++) {
        uint8_t buf[300];
        const uint8_t *data;
        size_t len = frame_records(k_telegrams[t].hex, buf, sizeof(buf), &data);
        walk_and_check(data, len, k_telegrams[t].ex, k_telegrams[t].n, NULL);
    }
}
END_TEST

/* Details the tables above do not show. */
START_TEST(rec_published_details)
{
    uint8_t buf[300];
    const uint8_t *data;
    size_t len = frame_records(k_telegrams[4].hex, buf, sizeof(buf), &data); /* ELV CMa11 */
    msdk_mbus_record_t r[MSDK_ARRAY_SIZE(ex_elv_cma11)];
    walk_and_check(data, len, ex_elv_cma11, MSDK_ARRAY_SIZE(ex_elv_cma11), r);
    char text[8];
    ck_assert_int_eq(msdk_mbus_text_copy(r[1].vif_text, r[1].vif_text_len, text, sizeof(text)),
                     MSDK_OK);
    ck_assert_str_eq(text, "%RH");
    ck_assert_uint_eq(r[1].comb_count, 1u);
    ck_assert_uint_eq(r[1].comb[0], 0x74u);
    ck_assert(r[12].more_records_follow);
    ck_assert_int_eq(r[8].type, MSDK_MBUS_DT_INT);
    ck_assert_int_eq(r[10].type, MSDK_MBUS_DT_BCD);

    len = frame_records(k_telegrams[1].hex, buf, sizeof(buf), &data); /* EFE WaterStar */
    msdk_mbus_record_t w[MSDK_ARRAY_SIZE(ex_efe_waterstar)];
    walk_and_check(data, len, ex_efe_waterstar, MSDK_ARRAY_SIZE(ex_efe_waterstar), w);
    ck_assert_uint_eq(w[11].comb_count, 1u);
    ck_assert_uint_eq(w[11].comb[0], 0x28u); /* increment per input pulse, channel 0 */
    ck_assert_int_eq(w[1].datetime.type, 'F');
    ck_assert_int_eq(w[5].datetime.type, 'G');

    len = frame_records(k_telegrams[2].hex, buf, sizeof(buf), &data); /* SLB CF compact */
    msdk_mbus_record_t s[MSDK_ARRAY_SIZE(ex_slb_cf)];
    walk_and_check(data, len, ex_slb_cf, MSDK_ARRAY_SIZE(ex_slb_cf), s);
    ck_assert_uint_eq(s[14].data[0], 0x00u);
    ck_assert_uint_eq(s[14].data[1], 0x16u);
    ck_assert(!s[14].more_records_follow);
    ck_assert_uint_eq(s[11].dife_count, 2u);
}
END_TEST

/* OMS Vol.2 Annex N, mode 5 example: the decrypted payload (mbus-vectors.md). */
START_TEST(rec_oms_mode5_plaintext)
{
    uint8_t d[64];
    size_t n =
        ck_hex("2F2F0C1427048502046D32371F1502FD1700002F2F2F2F2F2F2F2F2F2F2F2F2F", d, sizeof(d));
    static const ex_t ex[] = {
        V(0, 0, 0, 0, VOLUME, M3, -2, 2850427), /* 28504.27 m3 */
        D(0, 0, 0, 0, DATETIME, 2008, 5, 31, 23, 50),
        V(0, 0, 0, 0, ERROR_FLAGS, NONE, 0, 0),
    };
    msdk_mbus_record_t r[3];
    walk_and_check(d, n, ex, 3, r);
    ck_assert_int_eq(r[1].datetime.type, 'F');
    ck_assert(!r[1].datetime.summer);
    ck_assert_uint_eq(r[0].offset, 2u);
    ck_assert_uint_eq(r[0].length, 6u);
}
END_TEST

/* ---- Hand-made edge cases ------------------------------------------------------------- */

/* Every data field coding of the DIF, on VIF 0x13 (volume, 10^-3 m3). Values by hand. */
START_TEST(rec_every_data_type)
{
    uint8_t d[200];
    size_t n = ck_hex("00 13"                         /* no data */
                      "01 13 FF"                      /* int8 -1 */
                      "02 13 FE FF"                   /* int16 -2 */
                      "03 13 FD FF FF"                /* int24 -3 */
                      "04 13 78 56 34 12"             /* int32 0x12345678 */
                      "05 13 00 00 80 3F"             /* real 1.0 */
                      "06 13 01 00 00 00 00 80"       /* int48 -2^47 + 1 */
                      "07 13 FF FF FF FF FF FF FF 7F" /* int64 max */
                      "08 13"                         /* selection for readout */
                      "09 13 99"                      /* BCD2 */
                      "0A 13 34 12"                   /* BCD4 */
                      "0B 13 56 34 12"                /* BCD6 */
                      "0C 13 78 56 34 12"             /* BCD8 */
                      "0E 13 12 90 78 56 34 12"       /* BCD12 */
                      "0D 13 C3 56 34 12"             /* LVAR positive BCD, 3 bytes */
                      "0D 13 D2 34 12"                /* LVAR negative BCD, 2 bytes */
                      "0D FD 0C 03 43 42 41"          /* LVAR text "ABC", reversed */
                      "0D FD 0C E2 34 12"             /* LVAR binary, 2 bytes */
                      "0D FD 0C 00"                   /* LVAR empty text */
                      "7F",                           /* global readout */
                      d, sizeof(d));
    static const struct {
        msdk_mbus_data_type_t type;
        bool number;
        int64_t v;
    } want[] = {
        { MSDK_MBUS_DT_NONE, false, 0 },
        { MSDK_MBUS_DT_INT, true, -1 },
        { MSDK_MBUS_DT_INT, true, -2 },
        { MSDK_MBUS_DT_INT, true, -3 },
        { MSDK_MBUS_DT_INT, true, 305419896 },
        { MSDK_MBUS_DT_REAL32, false, 0 },
        { MSDK_MBUS_DT_INT, true, -140737488355327LL },
        { MSDK_MBUS_DT_INT, true, INT64_MAX },
        { MSDK_MBUS_DT_SELECTION, false, 0 },
        { MSDK_MBUS_DT_BCD, true, 99 },
        { MSDK_MBUS_DT_BCD, true, 1234 },
        { MSDK_MBUS_DT_BCD, true, 123456 },
        { MSDK_MBUS_DT_BCD, true, 12345678 },
        { MSDK_MBUS_DT_BCD, true, 123456789012LL },
        { MSDK_MBUS_DT_LVAR_BCD, true, 123456 },
        { MSDK_MBUS_DT_LVAR_BCD, true, -1234 },
        { MSDK_MBUS_DT_TEXT, false, 0 },
        { MSDK_MBUS_DT_BINARY, false, 0 },
        { MSDK_MBUS_DT_TEXT, false, 0 },
        { MSDK_MBUS_DT_GLOBAL_READOUT, false, 0 },
    };
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(want); i++) {
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
        ck_assert_msg(r.type == want[i].type, "record %zu: type %d", i, (int)r.type);
        ck_assert_msg(((r.flags & MSDK_MBUS_VAL_NUMBER) != 0u) == want[i].number, "record %zu", i);
        if (want[i].number) {
            ck_assert_msg(r.value == want[i].v, "record %zu: %lld", i, (long long)r.value);
        }
        if (i < 16u) {
            ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_VOLUME);
            ck_assert_int_eq(r.unit, MSDK_MBUS_UNIT_M3);
            ck_assert_int_eq(r.exponent, -3);
        }
        if (i == 5u) {
            ck_assert_uint_eq(r.real_bits, 0x3F800000u);
            ck_assert((r.flags & MSDK_MBUS_VAL_REAL32) != 0u);
        }
        if (i == 16u) {
            char text[4];
            ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_MODEL_VERSION);
            ck_assert_int_eq(msdk_mbus_text_copy(r.data, r.data_len, text, sizeof(text)), MSDK_OK);
            ck_assert_str_eq(text, "ABC");
            ck_assert_int_eq(msdk_mbus_text_copy(r.data, r.data_len, text, 3u),
                             MSDK_ERR_BUFFER_TOO_SMALL);
        }
        if (i == 17u) {
            ck_assert_uint_eq(r.data_len, 2u);
            ck_assert_uint_eq(r.data[0], 0x34u);
        }
        if (i == 18u) {
            ck_assert_uint_eq(r.data_len, 0u);
        }
    }
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Negative BCD (sign nibble F) and BCD with digits A..F: the bad record alone is refused. */
START_TEST(rec_bcd_sign_and_hex_digits)
{
    uint8_t d[64];
    size_t n = ck_hex("0A 5A 12 F3"       /* -312 x 0.1 C */
                      "0C 13 78 56 34 F2" /* -2345678 */
                      "0A 13 1A 00"       /* digit A */
                      "0A 13 12 E3"       /* sign nibble E */
                      "0D 13 C2 1B 00"    /* LVAR BCD digit B */
                      "09 13 42",         /* 42, after the bad ones */
                      d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.value, -312);
    ck_assert_int_eq(r.exponent, -1);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.value, -2345678);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
        ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_VOLUME);
        ck_assert_uint_eq(r.flags & MSDK_MBUS_VAL_NUMBER, 0u);
        ck_assert_int_eq(r.value, 0);
    }
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.value, 42);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Idle filler anywhere; 0x0F manufacturer tail; 0x1F. */
START_TEST(rec_filler_and_manufacturer_tail)
{
    uint8_t d[32];
    size_t n = ck_hex("2F 2F 01 13 05 2F 2F 0F AA BB CC", d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.value, 5);
    ck_assert_uint_eq(r.offset, 2u);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.type, MSDK_MBUS_DT_MANUFACTURER);
    ck_assert_uint_eq(r.offset, 7u);
    ck_assert_uint_eq(r.data_len, 3u);
    ck_assert_uint_eq(r.data[0], 0xAAu);
    ck_assert_uint_eq(r.data[2], 0xCCu);
    ck_assert(!r.more_records_follow);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);

    n = ck_hex("2F 2F 2F", d, sizeof(d)); /* only filler */
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
    msdk_mbus_rec_iter_init(&it, NULL, 0); /* nothing */
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);

    n = ck_hex("1F", d, sizeof(d));
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert(r.more_records_follow);
    ck_assert_uint_eq(r.data_len, 0u);
    ck_assert_ptr_null(r.data);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* A walk cut at every byte: the whole records before the cut are decoded exactly, then
 * TRUNCATED (sticky), or NOT_FOUND when the cut falls between records. */
START_TEST(rec_truncated_at_every_cut)
{
    uint8_t d[64];
    size_t n = ck_hex("8C 10 13 78 56 34 12"          /* ends at 7 */
                      "0D FD 0C 03 43 42 41"          /* ends at 14 */
                      "02 FC 03 48 52 25 74 D4 11"    /* ends at 23 */
                      "84 80 01 93 FF 05 78 56 34 12" /* ends at 33 */
                      "04 6D 2D 0C CD 13",            /* ends at 39 */
                      d, sizeof(d));
    static const size_t ends[] = { 7, 14, 23, 33, 39 };
    ck_assert_uint_eq(n, 39u);
    for (size_t cut = 0; cut <= n; cut++) {
        msdk_mbus_rec_iter_t it;
        msdk_mbus_record_t r;
        size_t whole = 0;
        bool boundary = (cut == 0u);
        for (size_t k = 0; k < MSDK_ARRAY_SIZE(ends); k++) {
            if (ends[k] <= cut) {
                whole++;
            }
            if (ends[k] == cut) {
                boundary = true;
            }
        }
        msdk_mbus_rec_iter_init(&it, d, cut);
        for (size_t k = 0; k < whole; k++) {
            ck_assert_msg(msdk_mbus_rec_next(&it, &r) == MSDK_OK, "cut %zu record %zu", cut, k);
            ck_assert_uint_eq(r.offset + r.length, ends[k]);
        }
        msdk_err_t want = boundary ? MSDK_ERR_NOT_FOUND : MSDK_ERR_TRUNCATED;
        ck_assert_msg(msdk_mbus_rec_next(&it, &r) == want, "cut %zu", cut);
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), want);
    }
}
END_TEST

/* 10 DIFEs and 10 VIFEs are the limits; 11 make the record malformed, not the walk. */
START_TEST(rec_dife_vife_limits)
{
    uint8_t d[96];
    size_t n = ck_hex("C1 FF FF FF FF FF FF FF FF FF 7F 13 07"    /* 10 DIFEs, all bits */
                      "81 80 80 80 80 80 80 80 80 80 80 00 13 07" /* 11 DIFEs */
                      "01 93 80 80 80 80 80 80 80 80 80 00 07"    /* 10 VIFEs */
                      "01 93 80 80 80 80 80 80 80 80 80 80 00 07" /* 11 VIFEs */
                      "01 13 09",
                      d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_uint_eq(r.dife_count, 10u);
    ck_assert_uint_eq(r.storage, (1ULL << 41) - 1u);
    ck_assert_uint_eq(r.tariff, (1UL << 20) - 1u);
    ck_assert_uint_eq(r.subunit, (1u << 10) - 1u);
    ck_assert_int_eq(r.value, 7);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_uint_eq(r.length, 14u);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_uint_eq(r.vife_count, 10u);
    ck_assert_uint_eq(r.comb_count, 10u);
    ck_assert_int_eq(r.value, 7);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.value, 9);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Unknown VIFs decode their value with quantity UNKNOWN; manufacturer VIF and VIFE. */
START_TEST(rec_unknown_and_manufacturer_vif)
{
    uint8_t d[64];
    size_t n = ck_hex("01 6F 05"           /* reserved primary VIF */
                      "01 FB 04 06"        /* reserved in the 0xFB table */
                      "01 FF 12 34"        /* manufacturer VIF + VIFE 0x12 */
                      "02 93 FF 01 34 12"  /* volume, then VIFE 0x7F: the rest is manufacturer */
                      "01 93 7D 05"        /* correction 10^3 */
                      "01 93 72 05"        /* correction 10^(2-6) */
                      "02 FB 8D 74 02 00", /* 0xFB 0x0D (reserved) with a correction */
                      d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_UNKNOWN);
    ck_assert_int_eq(r.value, 5);
    ck_assert_uint_eq(r.vif, 0x6Fu);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_UNKNOWN);
    ck_assert_int_eq(r.value, 6);
    ck_assert_uint_eq(r.vife[0], 0x04u);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_MANUFACTURER);
    ck_assert((r.flags & MSDK_MBUS_VAL_MANUFACTURER_VIFE) != 0u);
    ck_assert_uint_eq(r.comb_count, 0u);
    ck_assert_int_eq(r.value, 0x34);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_VOLUME);
    ck_assert_int_eq(r.exponent, -3);
    ck_assert((r.flags & MSDK_MBUS_VAL_MANUFACTURER_VIFE) != 0u);
    ck_assert_uint_eq(r.comb_count, 0u);
    ck_assert_uint_eq(r.vife_count, 2u);
    ck_assert_int_eq(r.value, 0x1234);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.exponent, 0);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.exponent, -7);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_UNKNOWN);
    ck_assert_int_eq(r.value, 2);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Extension tables: values by EN 13757-3 tables 12 (0xFB) and 13 (0xFD). */
START_TEST(rec_extension_tables)
{
    uint8_t d[64];
    size_t n = ck_hex("01 FB 01 07"    /* energy 10^0 MWh = 10^6 Wh */
                      "01 FB 09 07"    /* energy 10^0 GJ = 10^9 J */
                      "01 FB 11 07"    /* volume 10^3 m3 */
                      "01 FB 1A 07"    /* relative humidity 10^-1 % */
                      "02 FD 48 E6 08" /* 2278 x 10^-1 V */
                      "02 FD 59 10 00" /* 16 x 10^-3 A */
                      "01 FD 1C 0B"    /* baud rate */
                      "01 FD 74 0B",   /* remaining battery life, days */
                      d, sizeof(d));
    static const ex_t ex[] = {
        V(0, 0, 0, 0, ENERGY, WH, 6, 7),       V(0, 0, 0, 0, ENERGY, J, 9, 7),
        V(0, 0, 0, 0, VOLUME, M3, 3, 7),       V(0, 0, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 7),
        V(0, 0, 0, 0, VOLTAGE, V, -1, 2278),   V(0, 0, 0, 0, CURRENT, A, -3, 16),
        V(0, 0, 0, 0, BAUD_RATE, BAUD, 0, 11), V(0, 0, 0, 0, REMAINING_BATTERY_LIFE, DAY, 0, 11),
    };
    walk_and_check(d, n, ex, MSDK_ARRAY_SIZE(ex), NULL);
}
END_TEST

/* Dates: type G/F by hand, time invalid, impossible dates refused alone, type J. */
START_TEST(rec_dates)
{
    uint8_t d[64];
    size_t n = ck_hex("04 6D 3C 00 01 01"  /* minute 60 */
                      "04 6D BC 00 01 01"  /* minute 60 but IV set: kept, invalid */
                      "02 6C 01 0D"        /* month 13 */
                      "03 6D 1E 2D 0C"     /* type J 12:45:30 */
                      "04 6D 0F 97 7F 2C", /* 2019-12-31 23:15, summer, hundred-year 0 */
                      d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_DATETIME);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert(r.datetime.invalid);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.datetime.type, 'J');
    ck_assert_uint_eq(r.datetime.hour, 12u);
    ck_assert_uint_eq(r.datetime.minute, 45u);
    ck_assert_uint_eq(r.datetime.second, 30u);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_uint_eq(r.datetime.year, 2019u);
    ck_assert_uint_eq(r.datetime.month, 12u);
    ck_assert_uint_eq(r.datetime.day, 31u);
    ck_assert_uint_eq(r.datetime.hour, 23u);
    ck_assert_uint_eq(r.datetime.minute, 15u);
    ck_assert(r.datetime.summer);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Type K (daylight saving, VIF 0xFD 0x72), bytes worked by hand from the bit layout of
 * EN 13757-3:2018 Annex A (bit 0 the least significant, first byte first):
 * byte 1 = hour begin (bits 0..4) | local deviation bits 0..2 (bits 5..7);
 * byte 2 = day begin (0..4) | local deviation bits 3..4 (5..6) | enabled (7);
 * byte 3 = day end (0..4) | deviation hours (5..6) | sign, 1 = + (7);
 * byte 4 = month begin (0..3) | month end (4..7).
 * - 22 9F BB A3: begins 31 March 02h, ends 27 October, +1 h, enabled, local deviation 1:
 *   0x22 = 001 00010, 0x9F = 1 00 11111, 0xBB = 1 01 11011, 0xA3 = 1010 0011;
 * - A3 25 46 4A: begins 5 October 03h, ends 6 April, -2 h, not enabled, local deviation 13
 *   (0b01101: 101 in byte 1, 01 in byte 2): 0xA3 = 101 00011, 0x25 = 0 01 00101,
 *   0x46 = 0 10 00110, 0x4A = 0100 1010;
 * - month 13 (byte 4 0x1D) and hour 24 (byte 1 0x18) are malformed, alone;
 * - a 16-bit field with that VIF is an integer only. */
START_TEST(rec_type_k_daylight_saving)
{
    uint8_t d[64];
    size_t n = ck_hex("04 FD 72 22 9F BB A3"
                      "04 FD 72 A3 25 46 4A"
                      "04 FD 72 02 9F BB 1D"
                      "04 FD 72 18 9F BB A3"
                      "02 FD 72 22 9F",
                      d, sizeof(d));
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, d, n);

    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_DST);
    ck_assert_uint_eq(r.flags & (MSDK_MBUS_VAL_DST | MSDK_MBUS_VAL_NUMBER),
                      MSDK_MBUS_VAL_DST | MSDK_MBUS_VAL_NUMBER);
    ck_assert_int_eq(r.value, (int64_t)(int32_t)0xA3BB9F22u);
    ck_assert_uint_eq(r.dst.begin_hour, 2u);
    ck_assert_uint_eq(r.dst.begin_day, 31u);
    ck_assert_uint_eq(r.dst.begin_month, 3u);
    ck_assert_uint_eq(r.dst.end_day, 27u);
    ck_assert_uint_eq(r.dst.end_month, 10u);
    ck_assert_int_eq(r.dst.deviation, 1);
    ck_assert(r.dst.enabled);
    ck_assert_uint_eq(r.dst.local_deviation, 1u);

    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_uint_eq(r.dst.begin_hour, 3u);
    ck_assert_uint_eq(r.dst.begin_day, 5u);
    ck_assert_uint_eq(r.dst.begin_month, 10u);
    ck_assert_uint_eq(r.dst.end_day, 6u);
    ck_assert_uint_eq(r.dst.end_month, 4u);
    ck_assert_int_eq(r.dst.deviation, -2);
    ck_assert(!r.dst.enabled);
    ck_assert_uint_eq(r.dst.local_deviation, 13u);

    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(r.quantity, MSDK_MBUS_Q_DST);
    ck_assert_uint_eq(r.flags & (MSDK_MBUS_VAL_DST | MSDK_MBUS_VAL_NUMBER), 0u);
    ck_assert_uint_eq(r.dst.begin_month, 0u); /* nothing half-decoded is left (month 13) */
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_MALFORMED);
    ck_assert_uint_eq(r.flags & MSDK_MBUS_VAL_DST, 0u);
    ck_assert_uint_eq(r.dst.begin_hour, 0u); /* (hour 24) */

    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
    ck_assert_uint_eq(r.flags & MSDK_MBUS_VAL_DST, 0u);
    ck_assert_int_eq(r.value, 0x9F22 - 0x10000);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_FOUND);
}
END_TEST

/* Records whose length cannot be known end the walk, and say so. */
START_TEST(rec_unknown_length_ends_walk)
{
    static const char *const cases[] = {
        "01 13 05 3F 01 13 05", /* reserved special function */
        "01 13 05 8F 01 13 05", /* special function with bit 7 */
        "01 13 05 0D 13 F8 00", /* reserved LVAR */
        "01 13 05 0D 13 CA 00", /* reserved LVAR (BCD range) */
    };
    for (size_t c = 0; c < MSDK_ARRAY_SIZE(cases); c++) {
        uint8_t d[16];
        size_t n = ck_hex(cases[c], d, sizeof(d));
        msdk_mbus_rec_iter_t it;
        msdk_mbus_record_t r;
        msdk_mbus_rec_iter_init(&it, d, n);
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_OK);
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_SUPPORTED);
        ck_assert_uint_eq(r.offset, 3u);
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_NOT_SUPPORTED);
    }
}
END_TEST

START_TEST(rec_bad_arguments)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    uint8_t d[1] = { 0x00 };
    char text[2] = { 'x', 'y' };
    msdk_mbus_rec_iter_init(NULL, d, 1);
    msdk_mbus_rec_iter_init(&it, d, 1);
    ck_assert_int_eq(msdk_mbus_rec_next(NULL, &r), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &r), MSDK_ERR_TRUNCATED); /* DIF without VIF */
    ck_assert_int_eq(msdk_mbus_text_copy(NULL, 1, text, 2), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_text_copy(d, 1, NULL, 2), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_text_copy(d, 1, text, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(text[0], 'x');
    ck_assert_int_eq(msdk_mbus_text_copy(NULL, 0, text, 1), MSDK_OK);
    ck_assert_int_eq(text[0], '\0');
}
END_TEST

Suite *mbus_record_suite(void)
{
    Suite *s = suite_create("mbus_record");
    TCase *pub = tcase_create("published");
    tcase_add_test(pub, rec_published_telegrams);
    tcase_add_test(pub, rec_published_details);
    tcase_add_test(pub, rec_oms_mode5_plaintext);
    suite_add_tcase(s, pub);
    TCase *edge = tcase_create("edge");
    tcase_add_test(edge, rec_every_data_type);
    tcase_add_test(edge, rec_bcd_sign_and_hex_digits);
    tcase_add_test(edge, rec_filler_and_manufacturer_tail);
    tcase_add_test(edge, rec_truncated_at_every_cut);
    tcase_add_test(edge, rec_dife_vife_limits);
    tcase_add_test(edge, rec_unknown_and_manufacturer_vif);
    tcase_add_test(edge, rec_extension_tables);
    tcase_add_test(edge, rec_dates);
    tcase_add_test(edge, rec_type_k_daylight_saving);
    tcase_add_test(edge, rec_unknown_length_ends_walk);
    tcase_add_test(edge, rec_bad_arguments);
    suite_add_tcase(s, edge);
    return s;
}
