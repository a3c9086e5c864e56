/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.tou, calendar: activity calendar, special days and the tariff in force.
 *
 * Expected values are worked out by hand from the calendars below (the comments give the
 * working), or, for the year of switching, by an independent day-by-day model in this file:
 * its own month lengths and weekday counter, the season by month ranges, the special days as
 * a plain list of dates, the DST days from the closed forms of the issue (last Sunday of
 * March = 31 - ((5y/4 + 4) mod 7), of October = 31 - ((5y/4 + 1) mod 7)), and the tariff
 * hours of a day as the lengths of its switch segments, minus the hour 02:00..03:00 that does
 * not exist in March and plus the one repeated in October. 2026-01-01 is a Thursday. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/datetime.h"
#include "msdk/tou/calendar.h"
#include "msdk/tou/time.h"

Suite *tou_calendar_suite(void);

#define NS  INT16_MIN /* deviation not specified */
#define FF  0xFFu
#define YNS 0xFFFFu

/* ---- Helpers ----------------------------------------------------------------------------- */

static msdk_tou_name_t nm(const char *s)
{
    msdk_tou_name_t n;
    memset(&n, 0, sizeof(n));
    n.len = (uint8_t)strlen(s);
    memcpy(n.b, s, n.len);
    return n;
}

static msdk_datetime_t date(uint16_t y, uint8_t m, uint8_t d)
{
    msdk_datetime_t t = { y, m, d, FF, FF, FF, FF, FF, NS, FF };
    return t;
}

static msdk_datetime_t start(uint16_t y, uint8_t m, uint8_t d, uint8_t h, uint8_t mi)
{
    msdk_datetime_t t = { y, m, d, FF, h, mi, 0, FF, NS, FF };
    return t;
}

/* UTC second of a date and time in UTC (the civil helper of core, not the engine). */
static int64_t utc(int32_t y, uint8_t m, uint8_t d, uint8_t h, uint8_t mi, uint8_t s)
{
    int64_t dn = 0;
    ck_assert_int_eq(msdk_datetime_days_from_civil(y, m, d, &dn), MSDK_OK);
    return (dn * 86400) + (h * 3600) + (mi * 60) + s;
}

/* Adds a day profile from (hour, minute, tariff) triples. */
static void add_day(msdk_tou_calendar_t *c, uint8_t id, unsigned n, const uint8_t (*p)[3])
{
    msdk_tou_day_t *d = &c->days[c->day_count++];
    memset(d, 0, sizeof(*d));
    d->day_id = id;
    d->count = (uint8_t)n;
    for (unsigned i = 0; i < n; i++) {
        d->sw[i].hour = p[i][0];
        d->sw[i].minute = p[i][1];
        d->sw[i].tariff = p[i][2];
        d->sw[i].script_ln[0] = 0; /* 0.0.10.0.100.255, tariffication script table */
        d->sw[i].script_ln[2] = 10;
        d->sw[i].script_ln[4] = 100;
        d->sw[i].script_ln[5] = 255;
    }
}

static void add_week(msdk_tou_calendar_t *c, const char *name, uint8_t wd, uint8_t sat, uint8_t sun)
{
    msdk_tou_week_t *w = &c->weeks[c->week_count++];
    w->name = nm(name);
    for (unsigned i = 0; i < 5u; i++) {
        w->day_id[i] = wd;
    }
    w->day_id[5] = sat;
    w->day_id[6] = sun;
}

static void add_season(msdk_tou_calendar_t *c, const char *name, msdk_datetime_t st,
                       const char *week)
{
    msdk_tou_season_t *s = &c->seasons[c->season_count++];
    s->name = nm(name);
    s->start = st;
    s->week = nm(week);
}

static void make_utc(msdk_tou_tz_t *tz)
{
    ck_assert_int_eq(msdk_tou_tz_init(tz, NULL), MSDK_OK);
}

static void make_cet(msdk_tou_tz_t *tz)
{
    msdk_tou_tz_config_t c;
    memset(&c, 0, sizeof(c));
    c.deviation = -60;
    c.dst_enabled = true;
    c.dst_deviation = 60;
    c.dst_rule = msdk_tou_dst_rule_eu;
    ck_assert_int_eq(msdk_tou_tz_init(tz, &c), MSDK_OK);
}

static msdk_tou_tariff_t at(const msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz, int64_t t)
{
    msdk_tou_tariff_t r;
    ck_assert_int_eq(msdk_tou_cal_tariff(cal, tz, t, &r), MSDK_OK);
    ck_assert_int_gt(r.next_utc, t);
    return r;
}

/* The hand-worked calendar "A":
 *   day 1 (Mon..Fri): 00:00 T1, 06:00 T2, 18:00 T3, 22:00 T1
 *   day 2 (Sat):      08:00 T4, 20:00 T5 (before 08:00 the previous day's last holds)
 *   day 3 (Sun):      00:00 T6
 *   one season from 1 January (every year), week "W". */
static void make_cal_a(msdk_tou_calendar_t *c)
{
    static const uint8_t d1[][3] = { { 0, 0, 1 }, { 6, 0, 2 }, { 18, 0, 3 }, { 22, 0, 1 } };
    static const uint8_t d2[][3] = { { 8, 0, 4 }, { 20, 0, 5 } };
    static const uint8_t d3[][3] = { { 0, 0, 6 } };
    memset(c, 0, sizeof(*c));
    c->name = nm("A");
    add_day(c, 1, 4, d1);
    add_day(c, 2, 2, d2);
    add_day(c, 3, 1, d3);
    add_week(c, "W", 1, 2, 3);
    add_season(c, "S", start(YNS, 1, 1, 0, 0), "W");
}

/* ---- Hand-worked switching ---------------------------------------------------------------- */

START_TEST(test_hand_worked_days)
{
    static msdk_tou_calendar_t a;
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_utc(&tz);
    make_cal_a(&a);
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &a), MSDK_OK);
    const msdk_tou_special_day_t sd[] = {
        { 5, date(2026, 1, 6), 3 },  /* Tuesday 6 January 2026 like a Sunday */
        { 7, date(YNS, 12, 25), 2 }, /* every 25 December like a Saturday */
    };
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, sd, 2), MSDK_OK);

    /* Friday 2026-01-02. */
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 1, 2, 5, 59, 59));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_uint_eq(r.day_id, 1);
    ck_assert_uint_eq(r.switch_index, 0);
    ck_assert(!r.special && !r.from_previous_day);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 2, 6, 0, 0));
    r = at(&cal, &tz, utc(2026, 1, 2, 6, 0, 0));
    ck_assert_uint_eq(r.tariff, 2);
    ck_assert_uint_eq(r.switch_index, 1);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 2, 18, 0, 0));
    r = at(&cal, &tz, utc(2026, 1, 2, 22, 30, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_uint_eq(r.switch_index, 3);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 3, 0, 0, 0)); /* midnight */
    /* Saturday before 08:00: Friday's last switch point (T1). */
    r = at(&cal, &tz, utc(2026, 1, 3, 3, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert(r.from_previous_day);
    ck_assert_uint_eq(r.day_id, 1);
    ck_assert_uint_eq(r.switch_index, 3);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 3, 8, 0, 0));
    r = at(&cal, &tz, utc(2026, 1, 3, 9, 0, 0));
    ck_assert_uint_eq(r.tariff, 4);
    ck_assert_uint_eq(r.day_id, 2);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 3, 20, 0, 0));
    r = at(&cal, &tz, utc(2026, 1, 3, 23, 59, 59));
    ck_assert_uint_eq(r.tariff, 5);
    /* Sunday. */
    r = at(&cal, &tz, utc(2026, 1, 4, 0, 0, 0));
    ck_assert_uint_eq(r.tariff, 6);
    ck_assert_uint_eq(r.day_id, 3);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 5, 0, 0, 0));
    /* Monday. */
    r = at(&cal, &tz, utc(2026, 1, 5, 0, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    /* Tuesday 6 January: special day 5, day 3. */
    r = at(&cal, &tz, utc(2026, 1, 6, 12, 0, 0));
    ck_assert_uint_eq(r.tariff, 6);
    ck_assert(r.special);
    ck_assert_uint_eq(r.special_index, 5);
    ck_assert_uint_eq(r.day_id, 3);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 7, 0, 0, 0));
    r = at(&cal, &tz, utc(2026, 1, 7, 0, 30, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert(!r.special);
    /* Friday 25 December 2026: special day 7 gives day 2; before 08:00 Thursday's T1. */
    r = at(&cal, &tz, utc(2026, 12, 25, 7, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert(r.special && r.from_previous_day);
    ck_assert_uint_eq(r.special_index, 7);
    r = at(&cal, &tz, utc(2026, 12, 25, 10, 0, 0));
    ck_assert_uint_eq(r.tariff, 4);
    /* Saturday 26 December before 08:00: the special Friday's last switch point, T5. */
    r = at(&cal, &tz, utc(2026, 12, 26, 5, 0, 0));
    ck_assert_uint_eq(r.tariff, 5);
    ck_assert(r.from_previous_day && !r.special);
    ck_assert_uint_eq(r.day_id, 2);
    /* And again in 2027 (year not specified): Saturday 25 December 2027, 09:00: T4. */
    r = at(&cal, &tz, utc(2027, 12, 25, 9, 0, 0));
    ck_assert(r.special);
    ck_assert_uint_eq(r.tariff, 4);
}
END_TEST

/* The same calendar in CET: switch points are local times (06:00 CET is 05:00 UTC,
 * 06:00 CEST 04:00 UTC). */
START_TEST(test_local_time)
{
    static msdk_tou_calendar_t a;
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_cet(&tz);
    make_cal_a(&a);
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &a), MSDK_OK);
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 1, 2, 4, 59, 59));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_int_eq(r.next_utc, utc(2026, 1, 2, 5, 0, 0));
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 1, 2, 5, 0, 0)).tariff, 2);
    /* Friday 2026-07-03. */
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 7, 3, 3, 59, 59)).tariff, 1);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 7, 3, 4, 0, 0)).tariff, 2);
    /* 23:30 UTC Friday is 01:30 CEST Saturday: Friday's last switch point. */
    r = at(&cal, &tz, utc(2026, 7, 3, 23, 30, 0));
    ck_assert(r.from_previous_day);
    ck_assert_int_eq(r.next_utc, utc(2026, 7, 4, 6, 0, 0)); /* 08:00 CEST */
}
END_TEST

/* Seasons: a start at midday with the year given, the wrap of a season without year. */
START_TEST(test_seasons)
{
    static const uint8_t d1[][3] = { { 0, 0, 1 } };
    static const uint8_t d2[][3] = { { 0, 0, 2 } };
    static msdk_tou_calendar_t c;
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_utc(&tz);
    memset(&c, 0, sizeof(c));
    add_day(&c, 1, 1, d1);
    add_day(&c, 2, 1, d2);
    add_week(&c, "W1", 1, 1, 1);
    add_week(&c, "W2", 2, 2, 2);
    add_season(&c, "late", start(2026, 7, 1, 12, 0), "W2");
    add_season(&c, "new year", start(YNS, 1, 1, FF, FF), "W1");
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &c), MSDK_OK);
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 7, 1, 11, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_uint_eq(r.season, 1);
    ck_assert_int_eq(r.next_utc, utc(2026, 7, 1, 12, 0, 0));
    r = at(&cal, &tz, utc(2026, 7, 1, 12, 0, 0));
    ck_assert_uint_eq(r.tariff, 2);
    ck_assert_uint_eq(r.season, 0);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 12, 31, 23, 59, 59)).tariff, 2);
    ck_assert_uint_eq(at(&cal, &tz, utc(2027, 1, 1, 0, 0, 0)).tariff, 1);
    ck_assert_uint_eq(at(&cal, &tz, utc(2027, 8, 1, 0, 0, 0)).tariff, 1);
    ck_assert_uint_eq(at(&cal, &tz, utc(2025, 12, 31, 0, 0, 0)).tariff, 1);

    /* Only a season that starts later: nothing in force. */
    c.season_count = 1;
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &c), MSDK_OK);
    msdk_tou_tariff_t none;
    memset(&none, 0x5A, sizeof(none));
    msdk_tou_tariff_t copy = none;
    ck_assert_int_eq(msdk_tou_cal_tariff(&cal, &tz, utc(2026, 6, 1, 0, 0, 0), &none),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_mem_eq(&none, &copy, sizeof(none));
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 7, 1, 12, 0, 0)).tariff, 2);
    /* The empty calendar. */
    ck_assert_int_eq(msdk_tou_cal_init(&cal, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_tou_cal_tariff(&cal, &tz, utc(2026, 6, 1, 0, 0, 0), &none),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_cal_tariff(&cal, &tz, 0, &none), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_cal_tariff(NULL, &tz, utc(2026, 6, 1, 0, 0, 0), &none),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- A year of switching ------------------------------------------------------------------ */

/* Day profiles of the year calendar: (hour, minute, tariff); all start at 00:00. */
static const uint8_t y_win_wd[][3] = {
    { 0, 0, 1 }, { 6, 0, 2 }, { 11, 0, 3 }, { 17, 0, 4 }, { 21, 0, 1 }
};
static const uint8_t y_win_we[][3] = { { 0, 0, 5 }, { 10, 0, 6 }, { 16, 0, 5 } };
static const uint8_t y_spr_wd[][3] = { { 0, 0, 1 }, { 7, 0, 2 }, { 12, 30, 3 }, { 19, 0, 1 } };
static const uint8_t y_spr_we[][3] = { { 0, 0, 5 }, { 2, 30, 7 }, { 9, 0, 6 }, { 18, 0, 5 } };
static const uint8_t y_sum_wd[][3] = {
    { 0, 0, 1 }, { 8, 0, 3 }, { 14, 0, 4 }, { 20, 15, 2 }, { 23, 0, 1 }
};
static const uint8_t y_sum_we[][3] = { { 0, 0, 6 }, { 12, 0, 7 } };
static const uint8_t y_aut_wd[][3] = { { 0, 0, 1 }, { 6, 45, 2 }, { 18, 0, 4 }, { 22, 0, 1 } };
static const uint8_t y_aut_we[][3] = {
    { 0, 0, 5 }, { 2, 0, 7 }, { 3, 0, 5 }, { 11, 0, 6 }, { 19, 0, 5 }
};
static const uint8_t y_hol[][3] = { { 0, 0, 8 } };
static const uint8_t y_hol2[][3] = { { 0, 0, 8 }, { 14, 0, 5 } };

static const struct {
    uint8_t id;
    unsigned n;
    const uint8_t (*p)[3];
} y_days[] = {
    { 10, 5, y_win_wd }, { 11, 3, y_win_we }, { 20, 4, y_spr_wd }, { 21, 4, y_spr_we },
    { 30, 5, y_sum_wd }, { 31, 2, y_sum_we }, { 40, 4, y_aut_wd }, { 41, 5, y_aut_we },
    { 50, 1, y_hol },    { 51, 2, y_hol2 },
};
#define N_Y_DAYS (sizeof(y_days) / sizeof(y_days[0]))

/* The special days of 2026 as the model sees them: month, day, day profile (20). */
static const uint8_t model_special[20][3] = {
    { 1, 1, 50 },  { 1, 6, 50 },   { 4, 3, 50 },   { 4, 6, 50 },   { 5, 1, 50 },
    { 5, 14, 50 }, { 5, 25, 50 },  { 6, 4, 50 },   { 8, 15, 50 },  { 10, 3, 50 },
    { 11, 1, 50 }, { 12, 24, 51 }, { 12, 25, 50 }, { 12, 26, 50 }, { 12, 31, 51 },
    { 2, 16, 51 }, { 7, 20, 51 },  { 9, 29, 50 },  { 8, 3, 51 },   { 11, 18, 50 },
};

static void make_year_calendar(msdk_tou_cal_t *cal)
{
    static msdk_tou_calendar_t c;
    memset(&c, 0, sizeof(c));
    c.name = nm("year");
    for (unsigned i = 0; i < N_Y_DAYS; i++) {
        add_day(&c, y_days[i].id, y_days[i].n, y_days[i].p);
    }
    add_week(&c, "winter", 10, 11, 11);
    add_week(&c, "spring", 20, 21, 21);
    add_week(&c, "summer", 30, 31, 31);
    add_week(&c, "autumn", 40, 41, 41);
    add_season(&c, "summer", start(YNS, 6, 1, 0, 0), "summer");
    add_season(&c, "winter", start(YNS, 11, 1, FF, FF), "winter");
    add_season(&c, "autumn", start(YNS, 9, 1, 0, 0), "autumn");
    add_season(&c, "spring", start(YNS, 3, 1, 0, 0), "spring");
    ck_assert_int_eq(msdk_tou_cal_init(cal, &c), MSDK_OK);

    msdk_datetime_t dec31 = date(YNS, 12, MSDK_DATETIME_DAY_LAST);
    msdk_datetime_t sep29 = date(YNS, 9, MSDK_DATETIME_DAY_SECOND_LAST);
    const msdk_tou_special_day_t sd[] = {
        { 1, date(YNS, 1, 1), 50 },
        { 2, date(YNS, 1, 6), 50 },
        { 3, date(2026, 4, 3), 50 },
        { 4, date(2026, 4, 6), 50 },
        { 5, date(YNS, 5, 1), 50 },
        { 6, date(2026, 5, 14), 50 },
        { 7, date(2026, 5, 25), 50 },
        { 8, date(2026, 6, 4), 50 },
        { 9, date(YNS, 8, 15), 50 },
        { 10, date(YNS, 10, 3), 50 },
        { 11, date(YNS, 11, 1), 50 },
        { 12, date(YNS, 12, 24), 51 },
        { 13, date(YNS, 12, 25), 50 },
        { 14, date(YNS, 12, 26), 50 },
        { 15, dec31, 51 },
        { 16, date(2026, 2, 16), 51 },
        { 17, date(2026, 7, 20), 51 },
        { 18, sep29, 50 },
        { 19, date(2026, 8, 3), 51 },
        { 20, date(2026, 11, 18), 50 },
        { 21, date(2025, 3, 3), 50 },  /* another year: not in 2026 */
        { 22, date(2026, 3, 10), 99 }, /* no day profile 99: skipped */
    };
    ck_assert_int_eq(msdk_tou_special_days_set(cal, sd, (uint16_t)(sizeof(sd) / sizeof(sd[0]))),
                     MSDK_OK);
}

/* Independent model: seconds per tariff (index 1..8) in the local year 2026. */
static void model_year(int64_t secs[9])
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const int y = 2026;
    const int dst_begin = 31 - (((5 * y) / 4 + 4) % 7); /* 29 March */
    const int dst_end = 31 - (((5 * y) / 4 + 1) % 7);   /* 25 October */
    memset(secs, 0, 9 * sizeof(secs[0]));
    int weekday = 4; /* 1 = Monday; 2026-01-01 is a Thursday */
    for (int m = 1; m <= 12; m++) {
        for (int d = 1; d <= mdays[m - 1]; d++) {
            bool weekend = (weekday >= 6);
            int id;
            if ((m >= 11) || (m <= 2)) {
                id = weekend ? 11 : 10;
            } else if (m <= 5) {
                id = weekend ? 21 : 20;
            } else if (m <= 8) {
                id = weekend ? 31 : 30;
            } else {
                id = weekend ? 41 : 40;
            }
            for (unsigned k = 0; k < 20u; k++) {
                if ((model_special[k][0] == m) && (model_special[k][1] == d)) {
                    id = model_special[k][2];
                }
            }
            unsigned pi = 0;
            while (y_days[pi].id != id) {
                pi++;
            }
            const uint8_t(*p)[3] = y_days[pi].p;
            unsigned n = y_days[pi].n;
            for (unsigned k = 0; k < n; k++) {
                int a = (p[k][0] * 60) + p[k][1];
                int b = (k + 1u < n) ? ((p[k + 1u][0] * 60) + p[k + 1u][1]) : 1440;
                int len = b - a;
                /* Overlap of [a, b) with 02:00..03:00 (minutes 120..180). */
                int lo = (a > 120) ? a : 120;
                int hi = (b < 180) ? b : 180;
                int ov = (hi > lo) ? (hi - lo) : 0;
                if ((m == 3) && (d == dst_begin)) {
                    len -= ov;
                }
                if ((m == 10) && (d == dst_end)) {
                    len += ov;
                }
                secs[p[k][2]] += (int64_t)len * 60;
            }
            weekday = (weekday % 7) + 1;
        }
    }
}

START_TEST(test_year_of_switching)
{
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_cet(&tz);
    make_year_calendar(&cal);
    int64_t model[9];
    model_year(model);
    int64_t total = 0;
    for (unsigned k = 1; k <= 8u; k++) {
        ck_assert_int_gt(model[k], 0); /* every tariff is used */
        total += model[k];
    }
    ck_assert_int_eq(total, INT64_C(365) * 86400);

    /* Local year 2026 in CET: 2025-12-31 23:00 UTC .. 2026-12-31 23:00 UTC. */
    const int64_t t0 = utc(2025, 12, 31, 23, 0, 0);
    const int64_t t1 = utc(2026, 12, 31, 23, 0, 0);
    const int64_t load_w = 2300; /* constant load */

    /* Register activation driven by next_utc: energy in W*s per tariff register. */
    int64_t ws[9] = { 0 };
    unsigned looks = 0;
    for (int64_t t = t0; t < t1;) {
        msdk_tou_tariff_t r = at(&cal, &tz, t);
        ck_assert_uint_ge(r.tariff, 1);
        ck_assert_uint_le(r.tariff, 8);
        int64_t e = (r.next_utc < t1) ? r.next_utc : t1;
        ws[r.tariff] += load_w * (e - t);
        t = e;
        looks++;
    }
    ck_assert_uint_lt(looks, 365u * 8u); /* at most a few looks a day */

    /* Register activation sampling every 5 minutes, without next_utc. */
    int64_t ws5[9] = { 0 };
    for (int64_t t = t0; t < t1; t += 300) {
        msdk_tou_tariff_t r = at(&cal, &tz, t);
        ws5[r.tariff] += load_w * 300;
    }

    for (unsigned k = 1; k <= 8u; k++) {
        int64_t wh_model = (model[k] * load_w) / 3600;
        ck_assert_int_eq(ws[k], model[k] * load_w);
        ck_assert_int_eq(ws[k] / 3600, wh_model);
        ck_assert_int_eq(ws5[k] / 3600, wh_model);
    }
}
END_TEST

/* ---- DST days ----------------------------------------------------------------------------- */

/* Every day: 00:00 T1, 02:30 T2, 06:00 T3, 22:00 T1. */
static void make_dst_calendar(msdk_tou_cal_t *cal)
{
    static const uint8_t d1[][3] = { { 0, 0, 1 }, { 2, 30, 2 }, { 6, 0, 3 }, { 22, 0, 1 } };
    static msdk_tou_calendar_t c;
    memset(&c, 0, sizeof(c));
    add_day(&c, 1, 4, d1);
    add_week(&c, "W", 1, 1, 1);
    add_season(&c, "S", start(YNS, 1, 1, 0, 0), "W");
    ck_assert_int_eq(msdk_tou_cal_init(cal, &c), MSDK_OK);
}

static void hours_between(const msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz, int64_t t0,
                          int64_t t1, int64_t secs[9])
{
    memset(secs, 0, 9 * sizeof(secs[0]));
    for (int64_t t = t0; t < t1;) {
        msdk_tou_tariff_t r = at(cal, tz, t);
        int64_t e = (r.next_utc < t1) ? r.next_utc : t1;
        secs[r.tariff] += e - t;
        t = e;
    }
}

START_TEST(test_dst_days)
{
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_cet(&tz);
    make_dst_calendar(&cal);
    int64_t s[9];

    /* 2026-03-29, 23 hours: local midnight 2026-03-28 23:00 UTC to 2026-03-29 22:00 UTC.
     * T1 00:00..02:00 (02:00..02:30 does not exist) + 22:00..24:00 = 4 h; T2 02:30..06:00
     * less the missing 02:30..03:00 = 3 h; T3 06:00..22:00 = 16 h. */
    hours_between(&cal, &tz, utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 22, 0, 0), s);
    ck_assert_int_eq(s[1], 4 * 3600);
    ck_assert_int_eq(s[2], 3 * 3600);
    ck_assert_int_eq(s[3], 16 * 3600);
    /* 00:30 UTC is 01:30 CET: T1 until the clock jumps to 03:00 CEST at 01:00 UTC. */
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 3, 29, 0, 30, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_int_eq(r.next_utc, utc(2026, 3, 29, 1, 0, 0));
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 3, 29, 0, 59, 59)).tariff, 1);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 3, 29, 1, 0, 0)).tariff, 2);

    /* 2026-10-25, 25 hours: 2026-10-24 22:00 UTC to 2026-10-25 23:00 UTC. T1 00:00..02:30
     * plus the repeated 02:00..02:30 plus 22:00..24:00 = 5 h; T2 02:30..06:00 plus the
     * repeated 02:30..03:00 = 4 h; T3 16 h. */
    hours_between(&cal, &tz, utc(2026, 10, 24, 22, 0, 0), utc(2026, 10, 25, 23, 0, 0), s);
    ck_assert_int_eq(s[1], 5 * 3600);
    ck_assert_int_eq(s[2], 4 * 3600);
    ck_assert_int_eq(s[3], 16 * 3600);
    /* 00:45 UTC = 02:45 CEST: T2; 01:00 UTC = 02:00 CET again: T1; 01:30 UTC = 02:30 CET. */
    r = at(&cal, &tz, utc(2026, 10, 25, 0, 45, 0));
    ck_assert_uint_eq(r.tariff, 2);
    ck_assert_int_eq(r.next_utc, utc(2026, 10, 25, 1, 0, 0));
    r = at(&cal, &tz, utc(2026, 10, 25, 1, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_int_eq(r.next_utc, utc(2026, 10, 25, 1, 30, 0));
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 10, 25, 1, 30, 0)).tariff, 2);
}
END_TEST

/* ---- Passive calendar and activation ------------------------------------------------------ */

static void one_tariff_calendar(msdk_tou_calendar_t *c, const char *name, uint8_t tariff)
{
    const uint8_t d1[][3] = { { 0, 0, tariff } };
    memset(c, 0, sizeof(*c));
    c->name = nm(name);
    add_day(c, 1, 1, d1);
    add_week(c, "W", 1, 1, 1);
    add_season(c, "S", start(YNS, 1, 1, 0, 0), "W");
}

START_TEST(test_activation)
{
    static msdk_tou_calendar_t a, b;
    static msdk_tou_cal_t cal;
    msdk_tou_tz_t tz;
    make_cet(&tz);
    one_tariff_calendar(&a, "A", 1);
    one_tariff_calendar(&b, "B", 2);
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &a), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), 0);
    ck_assert_int_eq(msdk_tou_cal_set_passive(&cal, &b), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), 0);

    /* 2026-06-15 12:34 local (CEST) = 10:34 UTC. */
    msdk_datetime_t when = { 2026, 6, 15, FF, 12, 34, 0, FF, NS, FF };
    ck_assert_int_eq(msdk_tou_cal_set_activation(&cal, &when), MSDK_OK);
    const int64_t act = utc(2026, 6, 15, 10, 34, 0);
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 6, 15, 10, 0, 0));
    ck_assert_uint_eq(r.tariff, 1);
    ck_assert_int_eq(r.next_utc, act);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, act - 1), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), 0);
    ck_assert_uint_eq(at(&cal, &tz, act - 1).tariff, 1);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, act), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_ACTIVATED);
    ck_assert_uint_eq(at(&cal, &tz, act).tariff, 2);
    ck_assert_uint_eq(cal.active.name.len, 1);
    ck_assert_uint_eq(cal.active.name.b[0], 'B');
    ck_assert(!cal.activation_pending);
    ck_assert_uint_eq(cal.activate_at.year, 2026); /* attribute 10 still reads back */
    /* Clock set back over the activation time: it does not fire again. */
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, act - 3600), MSDK_OK);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, act + 3600), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), 0);
    ck_assert_uint_eq(at(&cal, &tz, act - 3600).tariff, 2);

    /* With the deviation given the time is that instant: 12:00 at -120 = 10:00 UTC. A time
     * already past fires at the next update, once. */
    ck_assert_int_eq(msdk_tou_cal_set_passive(&cal, &a), MSDK_OK);
    msdk_datetime_t fixed = { 2026, 7, 1, 3, 12, 0, 0, FF, -120, FF };
    ck_assert_int_eq(msdk_tou_cal_set_activation(&cal, &fixed), MSDK_OK);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, utc(2026, 7, 1, 9, 59, 59)), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, utc(2026, 8, 1, 0, 0, 0)), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_ACTIVATED);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 8, 1, 0, 0, 0)).tariff, 1);

    /* No activation time (year not specified): never fires; the method activates now. */
    ck_assert_int_eq(msdk_tou_cal_set_passive(&cal, &b), MSDK_OK);
    msdk_datetime_t never = { YNS, FF, FF, FF, FF, FF, FF, FF, NS, FF };
    ck_assert_int_eq(msdk_tou_cal_set_activation(&cal, &never), MSDK_OK);
    ck_assert_int_eq(msdk_tou_cal_update(&cal, &tz, utc(2030, 1, 1, 0, 0, 0)), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED);
    ck_assert_uint_eq(at(&cal, &tz, utc(2030, 1, 1, 0, 0, 0)).tariff, 1);
    ck_assert_int_eq(msdk_tou_cal_activate(&cal), MSDK_OK);
    ck_assert_uint_eq(msdk_tou_cal_take_events(&cal), MSDK_TOU_CAL_EV_ACTIVATED);
    ck_assert_uint_eq(at(&cal, &tz, utc(2030, 1, 1, 0, 0, 0)).tariff, 2);

    /* Bad activation times change nothing. */
    static msdk_tou_cal_t snap;
    snap = cal;
    msdk_datetime_t bad[] = {
        { 2026, 2, 30, FF, 0, 0, 0, FF, NS, FF },  /* no such date */
        { 2026, 13, 1, FF, 0, 0, 0, FF, NS, FF },  /* month 13 */
        { 2026, 6, 15, 1, 0, 0, 0, FF, NS, FF },   /* 2026-06-15 is a Monday: ok, below */
        { 2026, 6, 15, 2, 0, 0, 0, FF, NS, FF },   /* a Monday, not day 2 */
        { 2026, 6, 15, FF, 24, 0, 0, FF, NS, FF }, /* hour 24 */
        { 2026, FF, 15, FF, 0, 0, 0, FF, NS, FF }, /* month not specified */
        { 2026, 6, 15, FF, 0, 0, 0, FF, 721, FF }, /* deviation out of range */
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (i == 2u) {
            continue;
        }
        ck_assert_int_eq(msdk_tou_cal_set_activation(&cal, &bad[i]), MSDK_ERR_INVALID_ARG);
        ck_assert_mem_eq(&cal, &snap, sizeof(cal));
    }
    ck_assert_int_eq(msdk_tou_cal_set_activation(&cal, &bad[2]), MSDK_OK);
    ck_assert(cal.activation_pending);
}
END_TEST

/* ---- Validation --------------------------------------------------------------------------- */

static void expect_refused(msdk_tou_cal_t *cal, const msdk_tou_calendar_t *c, msdk_err_t want)
{
    static msdk_tou_cal_t snap;
    snap = *cal;
    ck_assert_int_eq(msdk_tou_cal_set_passive(cal, c), want);
    ck_assert_mem_eq(cal, &snap, sizeof(*cal));
}

START_TEST(test_calendar_refused)
{
    static msdk_tou_calendar_t good, c;
    static msdk_tou_cal_t cal;
    make_cal_a(&good);
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &good), MSDK_OK);
    ck_assert_int_eq(msdk_tou_cal_set_passive(&cal, &good), MSDK_OK);
    (void)msdk_tou_cal_take_events(&cal);

    /* Unsorted switch points (06:00 after 18:00). */
    c = good;
    c.days[0].sw[1].hour = 18;
    c.days[0].sw[2].hour = 6;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);
    /* The same start time twice. */
    c = good;
    c.days[0].sw[2].hour = 6;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);
    /* A day profile without switch points. */
    c = good;
    c.days[2].count = 0;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);
    /* Two day profiles with id 2. */
    c = good;
    c.days[2].day_id = 2;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);
    /* Two week profiles "W". */
    c = good;
    c.weeks[1] = c.weeks[0];
    c.week_count = 2;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);
    /* Two seasons "S". */
    c = good;
    c.seasons[1] = c.seasons[0];
    c.season_count = 2;
    expect_refused(&cal, &c, MSDK_ERR_MALFORMED);

    /* A week profile naming day 9, which does not exist. */
    c = good;
    c.weeks[0].day_id[3] = 9;
    expect_refused(&cal, &c, MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_calendar_validate(&c, false), MSDK_OK);
    /* A season naming week "X". */
    c = good;
    c.seasons[0].week = nm("X");
    expect_refused(&cal, &c, MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_calendar_validate(&c, false), MSDK_OK);

    /* Season starts that are not valid date-times, or not of the accepted form. */
    const msdk_datetime_t bad_start[] = {
        start(YNS, 13, 1, 0, 0),                            /* month 13 */
        start(YNS, 1, 32, 0, 0),                            /* day 32 */
        start(2026, 2, 29, 0, 0),                           /* not a leap year */
        start(YNS, 4, 31, 0, 0),                            /* 31 April */
        start(YNS, 1, 1, 24, 0),                            /* hour 24 */
        start(YNS, 1, 1, 0, 60),                            /* minute 60 */
        start(YNS, MSDK_DATETIME_MONTH_DST_BEGIN, 1, 0, 0), /* DST begin month */
        start(YNS, 1, FF, 0, 0),                            /* day not specified */
        start(0, 1, 1, 0, 0),                               /* year 0 */
        { YNS, 1, 1, 8, 0, 0, 0, FF, NS, FF },              /* day of week 8 */
        { YNS, 1, 1, FF, 0, 0, 0, FF, 800, FF },            /* deviation out of range */
    };
    for (unsigned i = 0; i < sizeof(bad_start) / sizeof(bad_start[0]); i++) {
        c = good;
        c.seasons[0].start = bad_start[i];
        expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    }
    /* Switch points out of range, tariffs 0 and 9, names. */
    c = good;
    c.days[0].sw[3].hour = 24;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    c = good;
    c.days[0].sw[3].second = 60;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    c = good;
    c.days[1].sw[0].tariff = 0;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    c = good;
    c.days[1].sw[0].tariff = 9;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    c = good;
    c.weeks[0].name.len = 0;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    c = good;
    c.name.len = MSDK_TOU_CAL_NAME_MAX + 1u;
    expect_refused(&cal, &c, MSDK_ERR_INVALID_ARG);
    expect_refused(&cal, NULL, MSDK_ERR_INVALID_ARG);

    /* More entries than the maxima. */
    c = good;
    c.season_count = MSDK_TOU_CAL_SEASONS_MAX + 1u;
    expect_refused(&cal, &c, MSDK_ERR_NO_SPACE);
    c = good;
    c.week_count = MSDK_TOU_CAL_WEEKS_MAX + 1u;
    expect_refused(&cal, &c, MSDK_ERR_NO_SPACE);
    c = good;
    c.day_count = MSDK_TOU_CAL_DAYS_MAX + 1u;
    expect_refused(&cal, &c, MSDK_ERR_NO_SPACE);
    c = good;
    c.days[0].count = MSDK_TOU_CAL_SWITCHES_MAX + 1u;
    expect_refused(&cal, &c, MSDK_ERR_NO_SPACE);

    /* The maxima themselves are accepted: 24 switch points a day. */
    c = good;
    for (unsigned h = 0; h < MSDK_TOU_CAL_SWITCHES_MAX; h++) {
        c.days[0].sw[h].hour = (uint8_t)h;
        c.days[0].sw[h].minute = 0;
        c.days[0].sw[h].second = 0;
        c.days[0].sw[h].tariff = (uint16_t)((h % MSDK_TOU_TARIFF_MAX) + 1u);
    }
    c.days[0].count = MSDK_TOU_CAL_SWITCHES_MAX;
    ck_assert_int_eq(msdk_tou_cal_set_passive(&cal, &c), MSDK_OK);

    /* init refuses the same way and leaves the struct untouched. */
    static msdk_tou_cal_t fresh, fresh_copy;
    memset(&fresh, 0xA5, sizeof(fresh));
    fresh_copy = fresh;
    c = good;
    c.weeks[0].day_id[0] = 9;
    ck_assert_int_eq(msdk_tou_cal_init(&fresh, &c), MSDK_ERR_NOT_FOUND);
    ck_assert_mem_eq(&fresh, &fresh_copy, sizeof(fresh));
    ck_assert_int_eq(msdk_tou_cal_init(NULL, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_calendar_validate(NULL, true), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_special_days_table)
{
    static msdk_tou_calendar_t a;
    static msdk_tou_cal_t cal, snap;
    static msdk_tou_special_day_t e[MSDK_TOU_SPECIAL_DAYS_MAX + 1u];
    msdk_tou_tz_t tz;
    make_utc(&tz);
    make_cal_a(&a);
    ck_assert_int_eq(msdk_tou_cal_init(&cal, &a), MSDK_OK);
    ck_assert_uint_ge(MSDK_TOU_SPECIAL_DAYS_MAX, 64);

    /* A full table of 64 entries: every day from 2026-03-02 on, as day 3 (T6). */
    for (unsigned i = 0; i <= MSDK_TOU_SPECIAL_DAYS_MAX; i++) {
        int64_t dn = 0;
        int32_t y;
        uint8_t m, d;
        ck_assert_int_eq(msdk_datetime_days_from_civil(2026, 3, 2, &dn), MSDK_OK);
        ck_assert_int_eq(msdk_datetime_civil_from_days(dn + i, &y, &m, &d), MSDK_OK);
        e[i].index = (uint16_t)(100u + i);
        e[i].date = date((uint16_t)y, m, d);
        e[i].day_id = 3;
    }
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, e, MSDK_TOU_SPECIAL_DAYS_MAX + 1u),
                     MSDK_ERR_NO_SPACE);
    ck_assert_uint_eq(cal.special_count, 0);
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, e, MSDK_TOU_SPECIAL_DAYS_MAX), MSDK_OK);
    /* Monday 2026-03-02 12:00 and the 64th day (2026-05-04, a Monday) are special. */
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 3, 2, 12, 0, 0)).tariff, 6);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 5, 4, 12, 0, 0)).tariff, 6);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 5, 5, 12, 0, 0)).tariff, 2);

    snap = cal;
    ck_assert_int_eq(msdk_tou_special_days_insert(&cal, &e[MSDK_TOU_SPECIAL_DAYS_MAX]),
                     MSDK_ERR_NO_SPACE);
    ck_assert_mem_eq(&cal, &snap, sizeof(cal));
    /* Same index: overwritten (entry 100, 2026-03-02, now a Saturday profile: 12:00 T4). */
    msdk_tou_special_day_t ow = { 100, date(2026, 3, 2), 2 };
    ck_assert_int_eq(msdk_tou_special_days_insert(&cal, &ow), MSDK_OK);
    ck_assert_uint_eq(cal.special_count, MSDK_TOU_SPECIAL_DAYS_MAX);
    ck_assert_uint_eq(at(&cal, &tz, utc(2026, 3, 2, 12, 0, 0)).tariff, 4);
    /* Same date, other index: overwritten too. */
    msdk_tou_special_day_t od = { 7, date(2026, 3, 3), 1 };
    ck_assert_int_eq(msdk_tou_special_days_insert(&cal, &od), MSDK_OK);
    ck_assert_uint_eq(cal.special_count, MSDK_TOU_SPECIAL_DAYS_MAX);
    msdk_tou_tariff_t r = at(&cal, &tz, utc(2026, 3, 3, 12, 0, 0));
    ck_assert_uint_eq(r.tariff, 2);
    ck_assert_uint_eq(r.special_index, 7);
    /* Delete: gone; a missing index is refused. */
    ck_assert_int_eq(msdk_tou_special_days_delete(&cal, 7), MSDK_OK);
    ck_assert_uint_eq(cal.special_count, MSDK_TOU_SPECIAL_DAYS_MAX - 1u);
    ck_assert(!at(&cal, &tz, utc(2026, 3, 3, 12, 0, 0)).special);
    snap = cal;
    ck_assert_int_eq(msdk_tou_special_days_delete(&cal, 7), MSDK_ERR_NOT_FOUND);
    ck_assert_mem_eq(&cal, &snap, sizeof(cal));

    /* Overlapping entries: the lowest index wins whatever the order. Every Sunday of
     * January 2026 (day of week 7, index 40) as day 1, and 2026-01-04 (index 30) as day 2. */
    msdk_tou_special_day_t ov[2] = { { 40, date(2026, 1, FF), 1 }, { 30, date(2026, 1, 4), 2 } };
    ov[0].date.day_of_week = 7;
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, ov, 2), MSDK_OK);
    r = at(&cal, &tz, utc(2026, 1, 4, 12, 0, 0));
    ck_assert_uint_eq(r.special_index, 30);
    ck_assert_uint_eq(r.tariff, 4);
    r = at(&cal, &tz, utc(2026, 1, 11, 12, 0, 0)); /* next Sunday: index 40, day 1 */
    ck_assert_uint_eq(r.special_index, 40);
    ck_assert_uint_eq(r.tariff, 2);
    ck_assert(!at(&cal, &tz, utc(2026, 2, 1, 12, 0, 0)).special);

    /* Refused tables change nothing. */
    snap = cal;
    msdk_tou_special_day_t dup[2] = { { 1, date(YNS, 1, 1), 3 }, { 1, date(YNS, 1, 2), 3 } };
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, dup, 2), MSDK_ERR_MALFORMED);
    ck_assert_mem_eq(&cal, &snap, sizeof(cal));
    msdk_tou_special_day_t badd[] = {
        { 1, date(YNS, 13, 1), 3 },
        { 2, date(YNS, 2, 30), 3 },
        { 3, date(YNS, MSDK_DATETIME_MONTH_DST_END, 1), 3 },
        { 4, date(YNS, 1, 0), 3 },
    };
    for (unsigned i = 0; i < sizeof(badd) / sizeof(badd[0]); i++) {
        ck_assert_int_eq(msdk_tou_special_days_set(&cal, &badd[i], 1), MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_tou_special_days_insert(&cal, &badd[i]), MSDK_ERR_INVALID_ARG);
        ck_assert_mem_eq(&cal, &snap, sizeof(cal));
    }
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_special_days_set(&cal, NULL, 0), MSDK_OK);
    ck_assert_uint_eq(cal.special_count, 0);
}
END_TEST

Suite *tou_calendar_suite(void)
{
    Suite *s = suite_create("tou_calendar");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_hand_worked_days);
    tcase_add_test(tc, test_local_time);
    tcase_add_test(tc, test_seasons);
    tcase_add_test(tc, test_year_of_switching);
    tcase_add_test(tc, test_dst_days);
    tcase_add_test(tc, test_activation);
    tcase_add_test(tc, test_calendar_refused);
    tcase_add_test(tc, test_special_days_table);
    suite_add_tcase(s, tc);
    return s;
}
