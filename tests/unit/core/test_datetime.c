/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* COSEM date-time in core: the 12/5/4-byte forms with every wildcard against bytes written
 * by hand from the Blue Book layout, invalid fields refused with the output untouched, and
 * the civil helpers against Python's datetime (values pasted below with the command) and
 * against a day-by-day calendar walk written here. */
#include <string.h>
#include <check.h>
#include "msdk/core/datetime.h"
#include "core_check.h"

Suite *datetime_suite(void);

/* A fully specified value: Sunday 2024-03-31 02:00:00.00, deviation -60, DST bit set. */
static const msdk_datetime_t full = {
    .year = 2024,
    .month = 3,
    .day = 31,
    .day_of_week = 7,
    .hour = 2,
    .minute = 0,
    .second = 0,
    .hundredths = 0,
    .deviation = -60,
    .status = 0x80,
};
static const uint8_t full_bytes[12] = { 0x07, 0xE8, 0x03, 0x1F, 0x07, 0x02,
                                        0x00, 0x00, 0x00, 0xFF, 0xC4, 0x80 };

static bool dt_equal(const msdk_datetime_t *a, const msdk_datetime_t *b)
{
    return (a->year == b->year) && (a->month == b->month) && (a->day == b->day) &&
           (a->day_of_week == b->day_of_week) && (a->hour == b->hour) && (a->minute == b->minute) &&
           (a->second == b->second) && (a->hundredths == b->hundredths) &&
           (a->deviation == b->deviation) && (a->status == b->status);
}

/* Encodes, compares with the expected bytes (guard bytes around), decodes them back. */
static void round_trip(const msdk_datetime_t *dt, const uint8_t expect[12])
{
    test_gbuf_t g;
    uint8_t *out = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_datetime_validate(dt), MSDK_OK);
    ck_assert_int_eq(msdk_datetime_encode(dt, out, 12), MSDK_OK);
    ck_assert_mem_eq(out, expect, 12);
    test_gbuf_check(&g, 12);
    msdk_datetime_t back;
    memset(&back, 0x5A, sizeof(back));
    ck_assert_int_eq(msdk_datetime_decode(expect, 12, &back), MSDK_OK);
    ck_assert(dt_equal(&back, dt));
}

START_TEST(dt_full_round_trip)
{
    round_trip(&full, full_bytes);
}
END_TEST

/* Each field on its own set to each of its wildcards, the rest as in `full`. */
START_TEST(dt_every_wildcard_round_trip)
{
    static const struct {
        unsigned byte;   /* index in the 12 bytes */
        unsigned nbytes; /* 1, or 2 for year and deviation */
        uint16_t wire;   /* the wildcard's bytes */
    } cases[] = {
        { 0, 2, 0xFFFF }, /* year not specified */
        { 2, 1, 0xFD },   /* month: DST end */
        { 2, 1, 0xFE },   /* month: DST begin */
        { 2, 1, 0xFF },   /* month not specified */
        { 3, 1, 0xFD },   /* day: second last */
        { 3, 1, 0xFE },   /* day: last */
        { 3, 1, 0xFF },   /* day not specified */
        { 4, 1, 0xFF },   /* day of week not specified */
        { 5, 1, 0xFF },   /* hour */
        { 6, 1, 0xFF },   /* minute */
        { 7, 1, 0xFF },   /* second */
        { 8, 1, 0xFF },   /* hundredths */
        { 9, 2, 0x8000 }, /* deviation not specified */
        { 11, 1, 0xFF },  /* status not specified */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        msdk_datetime_t dt = full;
        uint8_t bytes[12];
        memcpy(bytes, full_bytes, 12);
        if (cases[i].nbytes == 2u) {
            bytes[cases[i].byte] = (uint8_t)(cases[i].wire >> 8);
            bytes[cases[i].byte + 1u] = (uint8_t)cases[i].wire;
        } else {
            bytes[cases[i].byte] = (uint8_t)cases[i].wire;
        }
        switch (cases[i].byte) {
        case 0: dt.year = cases[i].wire; break;
        case 2: dt.month = (uint8_t)cases[i].wire; break;
        case 3: dt.day = (uint8_t)cases[i].wire; break;
        case 4: dt.day_of_week = (uint8_t)cases[i].wire; break;
        case 5: dt.hour = (uint8_t)cases[i].wire; break;
        case 6: dt.minute = (uint8_t)cases[i].wire; break;
        case 7: dt.second = (uint8_t)cases[i].wire; break;
        case 8: dt.hundredths = (uint8_t)cases[i].wire; break;
        case 9: dt.deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED; break;
        default: dt.status = (uint8_t)cases[i].wire; break;
        }
        round_trip(&dt, bytes);
    }
}
END_TEST

/* The DST rule of the issue, every wildcard at once, and the range ends. */
START_TEST(dt_rule_and_extremes_round_trip)
{
    static const uint8_t rule[12] = { 0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02,
                                      0x00, 0x00, 0x00, 0xFF, 0xC4, 0x00 };
    const msdk_datetime_t rule_dt = { 0xFFFF, 3, 0xFE, 7, 2, 0, 0, 0, -60, 0x00 };
    round_trip(&rule_dt, rule);

    static const uint8_t all_wild[12] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xFF, 0xFF, 0xFF, 0x80, 0x00, 0xFF };
    const msdk_datetime_t all_dt = { 0xFFFF, 0xFF, 0xFF, 0xFF,      0xFF,
                                     0xFF,   0xFF, 0xFF, INT16_MIN, 0xFF };
    round_trip(&all_dt, all_wild);

    /* Deviation +720 and -720 (0x02D0, 0xFD30), February 29 with the year not specified. */
    static const uint8_t hi[12] = { 0x00, 0x00, 0x0C, 0x1F, 0x01, 0x17,
                                    0x3B, 0x3B, 0x63, 0x02, 0xD0, 0x0F };
    const msdk_datetime_t hi_dt = { 0, 12, 31, 1, 23, 59, 59, 99, 720, 0x0F };
    round_trip(&hi_dt, hi);
    static const uint8_t lo[12] = { 0xFF, 0xFF, 0x02, 0x1D, 0xFF, 0x00,
                                    0x00, 0x00, 0x00, 0xFD, 0x30, 0x00 };
    const msdk_datetime_t lo_dt = { 0xFFFF, 2, 29, 0xFF, 0, 0, 0, 0, -720, 0x00 };
    round_trip(&lo_dt, lo);
}
END_TEST

START_TEST(dt_date_and_time_forms)
{
    test_gbuf_t g;
    uint8_t *out = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_datetime_date_encode(&full, out, 5), MSDK_OK);
    ck_assert_mem_eq(out, full_bytes, 5);
    test_gbuf_check(&g, 5);
    out = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_datetime_time_encode(&full, out, 4), MSDK_OK);
    ck_assert_mem_eq(out, full_bytes + 5, 4);
    test_gbuf_check(&g, 4);

    msdk_datetime_t d;
    ck_assert_int_eq(msdk_datetime_date_decode(full_bytes, 5, &d), MSDK_OK);
    const msdk_datetime_t want_d = { 2024, 3, 31, 7, 0xFF, 0xFF, 0xFF, 0xFF, INT16_MIN, 0xFF };
    ck_assert(dt_equal(&d, &want_d));
    ck_assert_int_eq(msdk_datetime_time_decode(full_bytes + 5, 4, &d), MSDK_OK);
    const msdk_datetime_t want_t = { 0xFFFF, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0, INT16_MIN, 0xFF };
    ck_assert(dt_equal(&d, &want_t));

    /* Date wildcards: every year, DST-begin month, last day, any weekday. */
    static const uint8_t wild_date[5] = { 0xFF, 0xFF, 0xFE, 0xFE, 0xFF };
    ck_assert_int_eq(msdk_datetime_date_decode(wild_date, 5, &d), MSDK_OK);
    ck_assert_uint_eq(d.year, 0xFFFF);
    ck_assert_uint_eq(d.month, MSDK_DATETIME_MONTH_DST_BEGIN);
    ck_assert_uint_eq(d.day, MSDK_DATETIME_DAY_LAST);
    out = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_datetime_date_encode(&d, out, 5), MSDK_OK);
    ck_assert_mem_eq(out, wild_date, 5);
    test_gbuf_check(&g, 5);

    /* The time form does not look at the date: a bad month does not stop it. */
    msdk_datetime_t t = full;
    t.month = 13;
    out = test_gbuf_init(&g);
    ck_assert_int_eq(msdk_datetime_time_encode(&t, out, 4), MSDK_OK);
    ck_assert_int_eq(msdk_datetime_date_encode(&t, out, 5), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_time_validate(&t), MSDK_OK);
    ck_assert_int_eq(msdk_datetime_date_validate(&t), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* One field changed to an invalid value: refused by validate and encode (nothing written),
 * and its bytes refused by decode (output untouched). */
START_TEST(dt_invalid_fields_refused)
{
    static const struct {
        unsigned byte;
        uint16_t wire;
    } cases[] = {
        { 2, 0 },      /* month 0 */
        { 2, 13 },     /* month 13 */
        { 2, 0xFC },   /* below the wildcards */
        { 3, 0 },      /* day 0 */
        { 3, 32 },     /* day 32 */
        { 3, 0xFC },   /* below the wildcards */
        { 4, 0 },      /* day of week 0 */
        { 4, 8 },      /* day of week 8 */
        { 5, 24 },     /* hour 24 */
        { 6, 60 },     /* minute 60 */
        { 7, 60 },     /* second 60 */
        { 8, 100 },    /* hundredths 100 */
        { 9, 721 },    /* deviation +721 */
        { 9, 0xFD2F }, /* deviation -721 */
        { 9, 0x8001 }, /* deviation -32767 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t bytes[12];
        memcpy(bytes, full_bytes, 12);
        msdk_datetime_t dt = full;
        if (cases[i].byte == 9u) {
            bytes[9] = (uint8_t)(cases[i].wire >> 8);
            bytes[10] = (uint8_t)cases[i].wire;
            int32_t w = (int32_t)cases[i].wire;
            dt.deviation = (int16_t)((w >= 0x8000) ? (w - 65536) : w);
        } else {
            bytes[cases[i].byte] = (uint8_t)cases[i].wire;
            uint8_t *f[] = { NULL,     NULL,       &dt.month,  &dt.day,       &dt.day_of_week,
                             &dt.hour, &dt.minute, &dt.second, &dt.hundredths };
            *f[cases[i].byte] = (uint8_t)cases[i].wire;
        }
        ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_ERR_INVALID_ARG);
        test_gbuf_t g;
        uint8_t *out = test_gbuf_init(&g);
        ck_assert_int_eq(msdk_datetime_encode(&dt, out, 12), MSDK_ERR_INVALID_ARG);
        test_gbuf_check(&g, 0);
        msdk_datetime_t back = full;
        ck_assert_int_eq(msdk_datetime_decode(bytes, 12, &back), MSDK_ERR_MALFORMED);
        ck_assert(dt_equal(&back, &full));
    }
}
END_TEST

START_TEST(dt_month_lengths)
{
    msdk_datetime_t dt = full;
    /* February 29: only in a leap year, or with the year not specified. */
    dt.month = 2;
    dt.day = 29;
    dt.year = 2023;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_ERR_INVALID_ARG);
    dt.year = 1900;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_ERR_INVALID_ARG);
    dt.year = 2000;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_OK);
    dt.year = 2024;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_OK);
    dt.year = 0xFFFF;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_OK);
    dt.day = 30;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_ERR_INVALID_ARG);
    /* 30-day months. */
    static const uint8_t m30[] = { 4, 6, 9, 11 };
    for (size_t i = 0; i < sizeof(m30); i++) {
        dt.month = m30[i];
        dt.day = 30;
        ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_OK);
        dt.day = 31;
        ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_ERR_INVALID_ARG);
    }
    /* With the month not specified or a DST wildcard, day 31 is fine. */
    dt.month = 0xFE;
    ck_assert_int_eq(msdk_datetime_validate(&dt), MSDK_OK);
}
END_TEST

START_TEST(dt_lengths_and_pointers)
{
    uint8_t out[12];
    msdk_datetime_t back = full;
    ck_assert_int_eq(msdk_datetime_encode(&full, out, 11), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_datetime_date_encode(&full, out, 4), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_datetime_time_encode(&full, out, 3), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_datetime_decode(full_bytes, 11, &back), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_datetime_decode(full_bytes, 13, &back), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_datetime_date_decode(full_bytes, 4, &back), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_datetime_date_decode(full_bytes, 6, &back), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_datetime_time_decode(full_bytes, 3, &back), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_datetime_time_decode(full_bytes, 5, &back), MSDK_ERR_MALFORMED);
    ck_assert(dt_equal(&back, &full));
    ck_assert_int_eq(msdk_datetime_encode(NULL, out, 12), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_encode(&full, NULL, 12), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_decode(NULL, 12, &back), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_decode(full_bytes, 12, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_validate(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_date_validate(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_time_validate(NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* Day numbers from Python (proleptic Gregorian, day 0 = 1970-01-01, ISO weekday):
 *   python3 -c "from datetime import date; E=date(1970,1,1).toordinal();
 *   [print(d, date(*d).toordinal()-E, date(*d).isoweekday()) for d in [(1,1,1), ...]]" */
static const struct {
    int32_t y;
    uint8_t m, d;
    int64_t days;
    uint8_t dow;
} civil_vectors[] = {
    { 1, 1, 1, -719162, 1 },    { 1600, 2, 29, -135081, 2 },  { 1899, 12, 31, -25568, 7 },
    { 1900, 2, 28, -25509, 3 }, { 1900, 3, 1, -25508, 4 },    { 1969, 12, 31, -1, 3 },
    { 1970, 1, 1, 0, 4 },       { 2000, 1, 1, 10957, 6 },     { 2000, 2, 29, 11016, 2 },
    { 2024, 2, 29, 19782, 4 },  { 2024, 3, 31, 19813, 7 },    { 2038, 1, 19, 24855, 2 },
    { 2100, 3, 1, 47541, 1 },   { 9999, 12, 31, 2932896, 5 },
};

START_TEST(dt_civil_vectors)
{
    for (size_t i = 0; i < sizeof(civil_vectors) / sizeof(civil_vectors[0]); i++) {
        int64_t days = 0;
        ck_assert_int_eq(msdk_datetime_days_from_civil(civil_vectors[i].y, civil_vectors[i].m,
                                                       civil_vectors[i].d, &days),
                         MSDK_OK);
        ck_assert_int_eq(days, civil_vectors[i].days);
        int32_t y = 0;
        uint8_t m = 0;
        uint8_t d = 0;
        ck_assert_int_eq(msdk_datetime_civil_from_days(civil_vectors[i].days, &y, &m, &d), MSDK_OK);
        ck_assert_int_eq(y, civil_vectors[i].y);
        ck_assert_uint_eq(m, civil_vectors[i].m);
        ck_assert_uint_eq(d, civil_vectors[i].d);
        ck_assert_uint_eq(msdk_datetime_day_of_week(civil_vectors[i].days), civil_vectors[i].dow);
    }
    ck_assert_int_eq(MSDK_DATETIME_DAYS_MIN, -719162);
    ck_assert_int_eq(MSDK_DATETIME_DAYS_MAX, 2932896);
}
END_TEST

/* Every day from 0001-01-01 to 9999-12-31 against a calendar walked one day at a time with
 * the Gregorian rule written out here. */
START_TEST(dt_civil_walk_all_days)
{
    static const uint8_t len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int32_t y = 1;
    uint8_t m = 1;
    uint8_t d = 1;
    uint8_t dow = 1; /* 0001-01-01 is a Monday (table above) */
    for (int64_t n = MSDK_DATETIME_DAYS_MIN; n <= MSDK_DATETIME_DAYS_MAX; n++) {
        bool leap = ((y % 4) == 0 && (y % 100) != 0) || ((y % 400) == 0);
        uint8_t mlen = (m == 2u && leap) ? 29u : len[m - 1u];
        int64_t days = 0;
        int32_t gy = 0;
        uint8_t gm = 0;
        uint8_t gd = 0;
        TEST_QUICK_EQ(msdk_datetime_days_from_civil(y, m, d, &days), MSDK_OK);
        TEST_QUICK_EQ(days, n);
        TEST_QUICK_EQ(msdk_datetime_civil_from_days(n, &gy, &gm, &gd), MSDK_OK);
        TEST_QUICK_EQ(gy, y);
        TEST_QUICK_EQ(gm, m);
        TEST_QUICK_EQ(gd, d);
        TEST_QUICK_EQ(msdk_datetime_day_of_week(n), dow);
        TEST_QUICK_EQ(msdk_datetime_days_in_month(y, m), mlen);
        TEST_QUICK_EQ(msdk_datetime_is_leap_year(y), leap);
        dow = (uint8_t)((dow % 7u) + 1u);
        if (d < mlen) {
            d++;
        } else if (m < 12u) {
            d = 1;
            m++;
        } else {
            d = 1;
            m = 1;
            y++;
        }
    }
    ck_assert_int_eq(y, 10000);
}
END_TEST

START_TEST(dt_civil_refused)
{
    int64_t days = 77;
    ck_assert_int_eq(msdk_datetime_days_from_civil(0, 1, 1, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(10000, 1, 1, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 13, 1, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 0, 1, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 1, 32, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 1, 0, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2023, 2, 29, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 4, 31, &days), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_days_from_civil(2024, 4, 30, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(days, 77);
    int32_t y = 5;
    uint8_t m = 6;
    uint8_t d = 7;
    ck_assert_int_eq(msdk_datetime_civil_from_days(MSDK_DATETIME_DAYS_MIN - 1, &y, &m, &d),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_civil_from_days(MSDK_DATETIME_DAYS_MAX + 1, &y, &m, &d),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_civil_from_days(0, NULL, &m, &d), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(y, 5);
    ck_assert_uint_eq(m, 6);
    ck_assert_uint_eq(d, 7);
    ck_assert_uint_eq(msdk_datetime_days_in_month(2024, 0), 0);
    ck_assert_uint_eq(msdk_datetime_days_in_month(2024, 13), 0);
    /* Far from the range the day of week still cycles (day 0 Thursday). */
    ck_assert_uint_eq(msdk_datetime_day_of_week(-7), 4);
    ck_assert_uint_eq(msdk_datetime_day_of_week(INT64_C(7000000000)), 4);
    ck_assert_uint_eq(msdk_datetime_day_of_week(INT64_C(-7000000001)), 3);
}
END_TEST

/* Seconds from calendar.timegm():
 *   python3 -c "import calendar; print(calendar.timegm((2024,3,31,1,0,0,0,0,0)))" etc. */
START_TEST(dt_fields_seconds)
{
    static const struct {
        msdk_datetime_t dt;
        int64_t s;
    } v[] = {
        { { 2024, 3, 31, 7, 1, 0, 0, 0xFF, INT16_MIN, 0xFF }, INT64_C(1711846800) },
        { { 2038, 1, 19, 2, 3, 14, 8, 0xFF, INT16_MIN, 0xFF }, INT64_C(2147483648) },
        { { 1969, 12, 31, 3, 23, 59, 59, 0xFF, INT16_MIN, 0xFF }, INT64_C(-1) },
        { { 9999, 12, 31, 5, 23, 59, 59, 0xFF, INT16_MIN, 0xFF }, INT64_C(253402300799) },
        { { 2000, 2, 29, 2, 12, 34, 56, 0xFF, INT16_MIN, 0xFF }, INT64_C(951827696) },
        { { 1, 1, 1, 1, 0, 0, 0, 0xFF, INT16_MIN, 0xFF }, INT64_C(-62135596800) },
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        int64_t s = 0;
        ck_assert_int_eq(msdk_datetime_fields_to_s(&v[i].dt, &s), MSDK_OK);
        ck_assert_int_eq(s, v[i].s);
        msdk_datetime_t back;
        memset(&back, 0, sizeof(back));
        ck_assert_int_eq(msdk_datetime_fields_from_s(v[i].s, &back), MSDK_OK);
        msdk_datetime_t want = v[i].dt;
        want.hundredths = 0;
        ck_assert(dt_equal(&back, &want));
    }
    /* The deviation, status, day of week and hundredths do not enter fields_to_s. */
    msdk_datetime_t dt = v[0].dt;
    dt.deviation = -120;
    dt.status = 0x80;
    dt.day_of_week = 0xFF;
    dt.hundredths = 99;
    int64_t s = 0;
    ck_assert_int_eq(msdk_datetime_fields_to_s(&dt, &s), MSDK_OK);
    ck_assert_int_eq(s, INT64_C(1711846800));
}
END_TEST

START_TEST(dt_fields_refused)
{
    const msdk_datetime_t ok = { 2024, 3, 31, 7, 1, 0, 0, 0, INT16_MIN, 0xFF };
    msdk_datetime_t bad[8];
    for (size_t i = 0; i < 8; i++) {
        bad[i] = ok;
    }
    bad[0].year = 0xFFFF;
    bad[1].month = 0xFE;
    bad[2].day = 0xFE;
    bad[3].hour = 24;
    bad[4].minute = 0xFF;
    bad[5].second = 60;
    bad[6].year = 10000;
    bad[7].day = 32;
    for (size_t i = 0; i < 8; i++) {
        int64_t s = 42;
        ck_assert_int_eq(msdk_datetime_fields_to_s(&bad[i], &s), MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(s, 42);
    }
    int64_t s = 42;
    ck_assert_int_eq(msdk_datetime_fields_to_s(NULL, &s), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_fields_to_s(&ok, NULL), MSDK_ERR_INVALID_ARG);
    msdk_datetime_t out = ok;
    ck_assert_int_eq(msdk_datetime_fields_from_s(INT64_C(253402300800), &out),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_fields_from_s(INT64_C(-62135596801), &out),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_fields_from_s(INT64_MAX, &out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_fields_from_s(INT64_MIN, &out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_datetime_fields_from_s(0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert(dt_equal(&out, &ok));
}
END_TEST

Suite *datetime_suite(void)
{
    Suite *s = suite_create("datetime");
    TCase *tc = tcase_create("forms");
    tcase_add_test(tc, dt_full_round_trip);
    tcase_add_test(tc, dt_every_wildcard_round_trip);
    tcase_add_test(tc, dt_rule_and_extremes_round_trip);
    tcase_add_test(tc, dt_date_and_time_forms);
    tcase_add_test(tc, dt_invalid_fields_refused);
    tcase_add_test(tc, dt_month_lengths);
    tcase_add_test(tc, dt_lengths_and_pointers);
    suite_add_tcase(s, tc);
    TCase *tcc = tcase_create("civil");
    tcase_add_test(tcc, dt_civil_vectors);
    tcase_add_test(tcc, dt_civil_walk_all_days);
    tcase_add_test(tcc, dt_civil_refused);
    tcase_add_test(tcc, dt_fields_seconds);
    tcase_add_test(tcc, dt_fields_refused);
    suite_add_tcase(s, tcc);
    return s;
}
