/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.tou, time: time zones and DST rules against an independent model.
 *
 * Expected instants come from Python's zoneinfo (IANA tzdata), produced while writing this
 * test and pasted as constants; the generator, run as `python3 gen.py`:
 *
 *   from datetime import datetime, timezone
 *   from zoneinfo import ZoneInfo
 *   def transitions(zone, year):   # every UTC second the zone's offset changes in `year`
 *       z = ZoneInfo(zone); off = lambda t: datetime.fromtimestamp(t, z).utcoffset()
 *       t = int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())
 *       end = int(datetime(year + 1, 1, 1, tzinfo=timezone.utc).timestamp()); out = []
 *       while t < end:
 *           if off(t + 900) != off(t):
 *               lo, hi = t, t + 900
 *               while hi - lo > 1:
 *                   mid = (lo + hi) // 2
 *                   lo, hi = (mid, hi) if off(mid) == off(t) else (lo, mid)
 *               out.append(hi)
 *           t += 900
 *       return out
 *   for y in range(2024, 2041): print(y, transitions("Europe/Berlin", y))  # and the others
 *   # single instants: datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"),
 *   #                           fold=0 or 1).timestamp(); local seconds: calendar.timegm()
 *
 * The EU days are also checked against the closed forms of the issue:
 * last Sunday of March = 31 - ((5y/4 + 4) mod 7), of October = 31 - ((5y/4 + 1) mod 7). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/datetime.h"
#include "msdk/tou/time.h"

Suite *tou_time_suite(void);

#define NS INT16_MIN /* deviation not specified */

/* ---- Reference data (zoneinfo) ----------------------------------------------------------- */

/* Europe/Berlin: DST begins (UTC second) and ends, 2024..2040. */
static const struct {
    int32_t year;
    int64_t begin, end;
} berlin[] = {
    { 2024, 1711846800LL, 1729990800LL }, { 2025, 1743296400LL, 1761440400LL },
    { 2026, 1774746000LL, 1792890000LL }, { 2027, 1806195600LL, 1824944400LL },
    { 2028, 1837645200LL, 1856394000LL }, { 2029, 1869094800LL, 1887843600LL },
    { 2030, 1901149200LL, 1919293200LL }, { 2031, 1932598800LL, 1950742800LL },
    { 2032, 1964048400LL, 1982797200LL }, { 2033, 1995498000LL, 2014246800LL },
    { 2034, 2026947600LL, 2045696400LL }, { 2035, 2058397200LL, 2077146000LL },
    { 2036, 2090451600LL, 2108595600LL }, { 2037, 2121901200LL, 2140045200LL },
    { 2038, 2153350800LL, 2172099600LL }, { 2039, 2184800400LL, 2203549200LL },
    { 2040, 2216250000LL, 2234998800LL },
};

/* Australia/Sydney, 2024..2040: DST ends in April (first Sunday, 03:00 AEDT) and begins in
 * October (first Sunday, 02:00 AEST) of the same year. */
static const struct {
    int32_t year;
    int64_t end, begin;
} sydney[] = {
    { 2024, 1712419200LL, 1728144000LL }, { 2025, 1743868800LL, 1759593600LL },
    { 2026, 1775318400LL, 1791043200LL }, { 2027, 1806768000LL, 1822492800LL },
    { 2028, 1838217600LL, 1853942400LL }, { 2029, 1869667200LL, 1885996800LL },
    { 2030, 1901721600LL, 1917446400LL }, { 2031, 1933171200LL, 1948896000LL },
    { 2032, 1964620800LL, 1980345600LL }, { 2033, 1996070400LL, 2011795200LL },
    { 2034, 2027520000LL, 2043244800LL }, { 2035, 2058969600LL, 2075299200LL },
    { 2036, 2091024000LL, 2106748800LL }, { 2037, 2122473600LL, 2138198400LL },
    { 2038, 2153923200LL, 2169648000LL }, { 2039, 2185372800LL, 2201097600LL },
    { 2040, 2216822400LL, 2233152000LL },
};

#define N_BERLIN (sizeof(berlin) / sizeof(berlin[0]))
#define N_SYDNEY (sizeof(sydney) / sizeof(sydney[0]))

/* 2024-01-01 and 2041-01-01 00:00:00 UTC. */
#define UTC_2024 INT64_C(1704067200)
#define UTC_2041 INT64_C(2240611200)

/* ---- Zones ------------------------------------------------------------------------------- */

static const msdk_datetime_t sydney_begin = { 0xFFFF, 10, 1, 7, 2, 0, 0, 0xFF, NS, 0xFF };
static const msdk_datetime_t sydney_end = { 0xFFFF, 4, 1, 7, 3, 0, 0, 0xFF, NS, 0xFF };

static void make_zone(msdk_tou_tz_t *tz, int16_t deviation, msdk_tou_deviation_sign_t sign,
                      int16_t dst_deviation, const msdk_tou_dst_rule_t *rule)
{
    msdk_tou_tz_config_t c;
    memset(&c, 0, sizeof(c));
    c.deviation = deviation;
    c.sign = sign;
    c.dst_enabled = (rule != NULL);
    c.dst_deviation = dst_deviation;
    if (rule != NULL) {
        c.dst_rule = *rule;
    }
    ck_assert_int_eq(msdk_tou_tz_init(tz, &c), MSDK_OK);
}

static void make_cet(msdk_tou_tz_t *tz)
{
    make_zone(tz, -60, MSDK_TOU_DEVIATION_DLMS, 60, &msdk_tou_dst_rule_eu);
}

static void make_sydney(msdk_tou_tz_t *tz)
{
    const msdk_tou_dst_rule_t rule = { sydney_begin, sydney_end };
    make_zone(tz, -600, MSDK_TOU_DEVIATION_DLMS, 60, &rule);
}

/* Ireland: standard time UTC+1 with a negative DST (-60) in winter, as tzdata models it:
 * "DST" from 01:00 UTC on the last Sunday of October to 01:00 UTC on the last Sunday of
 * March. */
static void make_dublin(msdk_tou_tz_t *tz)
{
    const msdk_tou_dst_rule_t rule = { msdk_tou_dst_rule_eu.end, msdk_tou_dst_rule_eu.begin };
    make_zone(tz, -60, MSDK_TOU_DEVIATION_DLMS, -60, &rule);
}

static void expect_local(const msdk_tou_tz_t *tz, int64_t utc, int16_t offset, bool dst)
{
    msdk_tou_local_t l;
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(tz, utc, &l), MSDK_OK);
    ck_assert_msg((l.offset == offset) && (l.dst == dst) && (l.local_s == utc + (offset * 60)),
                  "utc %lld: offset %d dst %d local %lld, expected offset %d dst %d",
                  (long long)utc, l.offset, l.dst, (long long)l.local_s, offset, dst);
}

static void expect_fields(const msdk_datetime_t *dt, uint16_t y, uint8_t mo, uint8_t d, uint8_t dow,
                          uint8_t h, uint8_t mi, uint8_t s, int16_t dev, uint8_t status)
{
    ck_assert_msg((dt->year == y) && (dt->month == mo) && (dt->day == d) &&
                      (dt->day_of_week == dow) && (dt->hour == h) && (dt->minute == mi) &&
                      (dt->second == s) && (dt->hundredths == 0xFF) && (dt->deviation == dev) &&
                      (dt->status == status),
                  "got %04u-%02u-%02u (%u) %02u:%02u:%02u dev %d status 0x%02X, expected "
                  "%04u-%02u-%02u (%u) %02u:%02u:%02u dev %d status 0x%02X",
                  dt->year, dt->month, dt->day, dt->day_of_week, dt->hour, dt->minute, dt->second,
                  dt->deviation, dt->status, y, mo, d, dow, h, mi, s, dev, status);
}

/* ---- EU rule ------------------------------------------------------------------------------- */

START_TEST(tou_eu_rule_2024_2040)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    for (size_t i = 0; i < N_BERLIN; i++) {
        int32_t y = berlin[i].year;
        uint8_t march = (uint8_t)(31 - (((5 * y) / 4 + 4) % 7));
        uint8_t october = (uint8_t)(31 - (((5 * y) / 4 + 1) % 7));
        int64_t b = 0;
        int64_t e = 0;
        ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, y, &b, &e), MSDK_OK);
        ck_assert_int_eq(b, berlin[i].begin);
        ck_assert_int_eq(e, berlin[i].end);
        /* Around each change: offsets and the local wall clock on the closed-form day. */
        expect_local(&tz, b - 1, 60, false);
        expect_local(&tz, b, 120, true);
        expect_local(&tz, e - 1, 120, true);
        expect_local(&tz, e, 60, false);
        msdk_datetime_t dt;
        ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, b - 1, 0, &dt), MSDK_OK);
        expect_fields(&dt, (uint16_t)y, 3, march, 7, 1, 59, 59, -60, 0x00);
        ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, b, 0, &dt), MSDK_OK);
        expect_fields(&dt, (uint16_t)y, 3, march, 7, 3, 0, 0, -120, 0x80);
        ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, e - 1, 0, &dt), MSDK_OK);
        expect_fields(&dt, (uint16_t)y, 10, october, 7, 2, 59, 59, -120, 0x80);
        ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, e, 0, &dt), MSDK_OK);
        expect_fields(&dt, (uint16_t)y, 10, october, 7, 2, 0, 0, -60, 0x00);
    }
}
END_TEST

/* The EU rule is in UTC: every EU zone changes at the same instant (Europe/Helsinki,
 * Europe/Lisbon from zoneinfo: the same seconds as Berlin in 2024 and 2025). */
START_TEST(tou_eu_rule_other_zones)
{
    msdk_tou_tz_t eet;
    msdk_tou_tz_t wet;
    make_zone(&eet, -120, MSDK_TOU_DEVIATION_DLMS, 60, &msdk_tou_dst_rule_eu);
    make_zone(&wet, 0, MSDK_TOU_DEVIATION_DLMS, 60, &msdk_tou_dst_rule_eu);
    for (size_t i = 0; i < 2u; i++) {
        int64_t b = 0;
        int64_t e = 0;
        ck_assert_int_eq(msdk_tou_tz_dst_transitions(&eet, berlin[i].year, &b, &e), MSDK_OK);
        ck_assert_int_eq(b, berlin[i].begin);
        ck_assert_int_eq(e, berlin[i].end);
        ck_assert_int_eq(msdk_tou_tz_dst_transitions(&wet, berlin[i].year, &b, &e), MSDK_OK);
        ck_assert_int_eq(b, berlin[i].begin);
        ck_assert_int_eq(e, berlin[i].end);
        expect_local(&eet, berlin[i].begin - 1, 120, false);
        expect_local(&eet, berlin[i].begin, 180, true);
        expect_local(&wet, berlin[i].end - 1, 60, true);
        expect_local(&wet, berlin[i].end, 0, false);
    }
    /* EEST at the change: 04:00 on 2024-03-31. */
    msdk_datetime_t dt;
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&eet, berlin[0].begin, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 3, 31, 7, 4, 0, 0, -180, 0x80);
}
END_TEST

/* The same CET changes from COSEM rule bytes: the example (times at a specified
 * deviation) and wall-time rules (deviation not specified: begin in standard time, end in
 * daylight time). */
START_TEST(tou_cosem_rule_bytes)
{
    static const uint8_t rules[2][2][12] = {
        { { 0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02, 0x00, 0x00, 0x00, 0xFF, 0xC4, 0x00 },
          { 0xFF, 0xFF, 0x0A, 0xFE, 0x07, 0x03, 0x00, 0x00, 0x00, 0xFF, 0x88, 0x00 } },
        { { 0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00 },
          { 0xFF, 0xFF, 0x0A, 0xFE, 0x07, 0x03, 0x00, 0x00, 0xFF, 0x80, 0x00, 0xFF } },
    };
    for (size_t r = 0; r < 2u; r++) {
        msdk_tou_dst_rule_t rule;
        ck_assert_int_eq(msdk_datetime_decode(rules[r][0], 12, &rule.begin), MSDK_OK);
        ck_assert_int_eq(msdk_datetime_decode(rules[r][1], 12, &rule.end), MSDK_OK);
        ck_assert_int_eq(msdk_tou_dst_rule_validate(&rule), MSDK_OK);
        msdk_tou_tz_t tz;
        make_zone(&tz, -60, MSDK_TOU_DEVIATION_DLMS, 60, &rule);
        for (size_t i = 0; i < N_BERLIN; i++) {
            int64_t b = 0;
            int64_t e = 0;
            ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, berlin[i].year, &b, &e), MSDK_OK);
            ck_assert_int_eq(b, berlin[i].begin);
            ck_assert_int_eq(e, berlin[i].end);
        }
    }
    /* The inverted sign: the same rule with its deviation written +60 / +120. */
    static const uint8_t inv[2][12] = {
        { 0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02, 0x00, 0x00, 0x00, 0x00, 0x3C, 0x00 },
        { 0xFF, 0xFF, 0x0A, 0xFE, 0x07, 0x03, 0x00, 0x00, 0x00, 0x00, 0x78, 0x00 },
    };
    msdk_tou_dst_rule_t rule;
    ck_assert_int_eq(msdk_datetime_decode(inv[0], 12, &rule.begin), MSDK_OK);
    ck_assert_int_eq(msdk_datetime_decode(inv[1], 12, &rule.end), MSDK_OK);
    msdk_tou_tz_t tz;
    make_zone(&tz, 60, MSDK_TOU_DEVIATION_INVERTED, 60, &rule);
    int64_t b = 0;
    int64_t e = 0;
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 2030, &b, &e), MSDK_OK);
    ck_assert_int_eq(b, berlin[6].begin);
    ck_assert_int_eq(e, berlin[6].end);
}
END_TEST

/* Hour by hour from 2024 to 2040, and at every change, the DST state against the zoneinfo
 * changes: for CET and for Sydney, whose DST spans the year boundary. */
static void scan(const msdk_tou_tz_t *tz, const int64_t *changes, size_t n, bool dst_first,
                 int16_t std_offset)
{
    size_t k = 0; /* changes[0..k) are at or before t */
    for (int64_t t = UTC_2024; t < UTC_2041; t += 3600) {
        while ((k < n) && (changes[k] <= t)) {
            k++;
        }
        bool dst = ((k % 2u) == 0u) ? dst_first : !dst_first;
        msdk_tou_local_t l;
        if ((msdk_tou_tz_local_from_utc(tz, t, &l) != MSDK_OK) || (l.dst != dst) ||
            (l.offset != (int16_t)(std_offset + (dst ? 60 : 0)))) {
            ck_abort_msg("utc %lld: dst %d offset %d, expected dst %d", (long long)t, l.dst,
                         l.offset, dst);
        }
    }
    for (size_t i = 0; i < n; i++) {
        bool after = ((i % 2u) == 0u) ? !dst_first : dst_first;
        expect_local(tz, changes[i] - 1, (int16_t)(std_offset + (after ? 0 : 60)), !after);
        expect_local(tz, changes[i], (int16_t)(std_offset + (after ? 60 : 0)), after);
    }
}

START_TEST(tou_scan_berlin_and_sydney)
{
    int64_t changes[2u * N_BERLIN];
    msdk_tou_tz_t tz;
    make_cet(&tz);
    for (size_t i = 0; i < N_BERLIN; i++) {
        changes[2u * i] = berlin[i].begin;
        changes[(2u * i) + 1u] = berlin[i].end;
    }
    scan(&tz, changes, 2u * N_BERLIN, false, 60);
    make_sydney(&tz);
    for (size_t i = 0; i < N_SYDNEY; i++) {
        changes[2u * i] = sydney[i].end;
        changes[(2u * i) + 1u] = sydney[i].begin;
    }
    scan(&tz, changes, 2u * N_SYDNEY, true, 600);
}
END_TEST

START_TEST(tou_sydney_rule)
{
    msdk_tou_tz_t tz;
    make_sydney(&tz);
    for (size_t i = 0; i < N_SYDNEY; i++) {
        int64_t b = 0;
        int64_t e = 0;
        ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, sydney[i].year, &b, &e), MSDK_OK);
        ck_assert_int_eq(b, sydney[i].begin);
        ck_assert_int_eq(e, sydney[i].end);
        ck_assert_int_lt(e, b); /* southern rule: ends before it begins in a year */
    }
    /* New year's midnight 2025 in Sydney is 2024-12-31 13:00 UTC, in daylight time. */
    msdk_datetime_t dt;
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, INT64_C(1735650000) - 1, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 12, 31, 2, 23, 59, 59, -660, 0x80);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, INT64_C(1735650000), 0, &dt), MSDK_OK);
    expect_fields(&dt, 2025, 1, 1, 3, 0, 0, 0, -660, 0x80);
    /* The changes of 2024 on the wall clock: 03:00 AEDT -> 02:00 AEST on Sunday 7 April,
     * 02:00 AEST -> 03:00 AEDT on Sunday 6 October. */
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, sydney[0].end - 1, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 4, 7, 7, 2, 59, 59, -660, 0x80);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, sydney[0].end, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 4, 7, 7, 2, 0, 0, -600, 0x00);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, sydney[0].begin - 1, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 10, 6, 7, 1, 59, 59, -600, 0x00);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, sydney[0].begin, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 10, 6, 7, 3, 0, 0, -660, 0x80);
}
END_TEST

/* DST deviation at the maximum, 120 minutes (Antarctica/Troll: UTC+0 / UTC+2 on the EU
 * dates; zoneinfo: the same seconds as Berlin in 2024), with its two-hour gap. */
START_TEST(tou_dst_deviation_120)
{
    msdk_tou_tz_t tz;
    make_zone(&tz, 0, MSDK_TOU_DEVIATION_DLMS, 120, &msdk_tou_dst_rule_eu);
    expect_local(&tz, berlin[0].begin - 1, 0, false);
    expect_local(&tz, berlin[0].begin, 120, true);
    expect_local(&tz, berlin[0].end - 1, 120, true);
    expect_local(&tz, berlin[0].end, 0, false);
    /* Local 2024-03-31 01:00:00 .. 02:59:59 does not exist (local seconds by hand). */
    int64_t utc = 5;
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711846800), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711853999), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(utc, 5);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711854000), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, berlin[0].begin);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711853999), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_FORWARD, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711853999)); /* 02:59:59 at UTC+0 = 04:59:59 local */
}
END_TEST

/* Negative DST (Europe/Dublin in zoneinfo: offset 0 and dst() -60 in winter, offset 60 in
 * summer): 2024-01-01 00:00Z winter, 2024-07-01 00:00Z summer. */
START_TEST(tou_negative_dst)
{
    msdk_tou_tz_t tz;
    make_dublin(&tz);
    expect_local(&tz, UTC_2024, 0, true);
    expect_local(&tz, INT64_C(1719792000), 60, false);
    expect_local(&tz, berlin[0].begin - 1, 0, true);
    expect_local(&tz, berlin[0].begin, 60, false);
    expect_local(&tz, berlin[0].end - 1, 60, false);
    expect_local(&tz, berlin[0].end, 0, true);
    /* October: local 01:30 twice (zoneinfo fold=0: 1729989000, fold=1: 1729992600). */
    int64_t utc = 0;
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1729992600), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729989000));
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1729992600), MSDK_TOU_FOLD_SECOND,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729992600));
    /* March: local 01:30 missing (zoneinfo fold=0 reads it with the old offset: 1711848600). */
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711848600), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711848600), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_FORWARD, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711848600));
    msdk_datetime_t dt;
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, UTC_2024, 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 1, 1, 1, 0, 0, 0, 0, 0x80);
}
END_TEST

/* ---- The repeated and the missing hour ----------------------------------------------------- */

/* Local seconds (calendar.timegm of the wall-clock fields):
 *   2024-10-27 02:30:00 -> 1729996200, 2024-03-31 02:30:00 -> 1711852200,
 *   2025-04-06 02:30:00 -> 1743906600, 2024-10-06 02:30:00 -> 1728181800. */
START_TEST(tou_repeated_hour)
{
    static const struct {
        int64_t local, first, second;
    } cet[] = {
        { INT64_C(1729996200), INT64_C(1729989000), INT64_C(1729992600) }, /* 02:30 (zoneinfo) */
        { INT64_C(1729994400), INT64_C(1729987200), INT64_C(1729990800) }, /* 02:00:00 */
        { INT64_C(1729997999), INT64_C(1729990799), INT64_C(1729994399) }, /* 02:59:59 */
        { INT64_C(1729994399), INT64_C(1729987199), INT64_C(1729987199) }, /* 01:59:59 once */
        { INT64_C(1729998000), INT64_C(1729994400), INT64_C(1729994400) }, /* 03:00:00 once */
    };
    msdk_tou_tz_t tz;
    make_cet(&tz);
    for (size_t i = 0; i < sizeof(cet) / sizeof(cet[0]); i++) {
        for (int gap = 0; gap < 2; gap++) {
            int64_t utc = 0;
            ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, cet[i].local, MSDK_TOU_FOLD_FIRST,
                                                        (msdk_tou_gap_t)gap, &utc),
                             MSDK_OK);
            ck_assert_int_eq(utc, cet[i].first);
            ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, cet[i].local, MSDK_TOU_FOLD_SECOND,
                                                        (msdk_tou_gap_t)gap, &utc),
                             MSDK_OK);
            ck_assert_int_eq(utc, cet[i].second);
        }
    }
    /* As a COSEM date-time: the status's DST bit, else the fold parameter; a specified
     * deviation names the instant. */
    msdk_datetime_t dt = { 2024, 10, 27, 7, 2, 30, 0, 0xFF, NS, 0xFF };
    int64_t utc = 0;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729989000));
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729992600));
    dt.status = 0x80;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729989000));
    dt.status = 0x02; /* doubtful, not DST */
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729992600));
    dt.deviation = -120;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729989000));
    dt.deviation = -60;
    dt.status = 0x80; /* the deviation wins over the status */
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1729992600));

    /* Sydney, 2025-04-06 02:30 twice (zoneinfo fold=0: 1743867000, fold=1: 1743870600). */
    make_sydney(&tz);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1743906600), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1743867000));
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1743906600), MSDK_TOU_FOLD_SECOND,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1743870600));
}
END_TEST

START_TEST(tou_missing_hour)
{
    static const struct {
        int64_t local, forward; /* forward: read at the offset before the change */
    } cet[] = {
        { INT64_C(1711852200), INT64_C(1711848600) }, /* 02:30 (zoneinfo fold=0) */
        { INT64_C(1711850400), INT64_C(1711846800) }, /* 02:00:00 */
        { INT64_C(1711853999), INT64_C(1711850399) }, /* 02:59:59 */
    };
    msdk_tou_tz_t tz;
    make_cet(&tz);
    for (size_t i = 0; i < sizeof(cet) / sizeof(cet[0]); i++) {
        for (int fold = 0; fold < 2; fold++) {
            int64_t utc = 99;
            ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, cet[i].local, (msdk_tou_fold_t)fold,
                                                        MSDK_TOU_GAP_REFUSE, &utc),
                             MSDK_ERR_NOT_FOUND);
            ck_assert_int_eq(utc, 99);
            ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, cet[i].local, (msdk_tou_fold_t)fold,
                                                        MSDK_TOU_GAP_FORWARD, &utc),
                             MSDK_OK);
            ck_assert_int_eq(utc, cet[i].forward);
        }
    }
    /* The edges exist: 01:59:59 CET and 03:00:00 CEST. */
    int64_t utc = 0;
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711850399), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711846799));
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711854000), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711846800));
    /* Moved forward, 02:30 shows as 03:30 CEST. */
    msdk_datetime_t dt;
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, INT64_C(1711848600), 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 3, 31, 7, 3, 30, 0, -120, 0x80);

    /* As a COSEM date-time without deviation: refused or moved; with a deviation it names
     * an instant even inside the gap. */
    msdk_datetime_t in = { 2024, 3, 31, 0xFF, 2, 30, 0, 0xFF, NS, 0xFF };
    utc = 99;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &in, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(utc, 99);
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &in, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_FORWARD, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711848600));
    in.deviation = -120;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &in, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711845000));

    /* Sydney, 2024-10-06 02:30 missing (zoneinfo fold=0: 1728145800). */
    make_sydney(&tz);
    utc = 99;
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1728181800), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1728181800), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_FORWARD, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1728145800));
}
END_TEST

/* ---- COSEM date-time ------------------------------------------------------------------------ */

/* Every 15 minutes of 2024 (CET) and of the southern summer 2024/25 (Sydney): UTC -> date-time
 * -> 12 bytes -> date-time -> UTC, with the deviation, with only the status, and with neither
 * (then only the second pass through a repeated hour moves, by the fold). */
static void round_trips(const msdk_tou_tz_t *tz, int64_t from, int64_t to, int64_t fold_start)
{
    for (int64_t t = from; t < to; t += 900) {
        msdk_datetime_t dt;
        msdk_datetime_t back;
        uint8_t bytes[12];
        int64_t u = -1;
        if ((msdk_tou_tz_to_datetime(tz, t, MSDK_DATETIME_STATUS_DOUBTFUL, &dt) != MSDK_OK) ||
            (msdk_datetime_encode(&dt, bytes, sizeof(bytes)) != MSDK_OK) ||
            (msdk_datetime_decode(bytes, sizeof(bytes), &back) != MSDK_OK) ||
            (msdk_tou_tz_from_datetime(tz, &back, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &u) !=
             MSDK_OK) ||
            (u != t)) {
            ck_abort_msg("utc %lld: with deviation gives %lld", (long long)t, (long long)u);
        }
        back.deviation = NS;
        if ((msdk_tou_tz_from_datetime(tz, &back, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &u) !=
             MSDK_OK) ||
            (u != t)) {
            ck_abort_msg("utc %lld: with status gives %lld", (long long)t, (long long)u);
        }
        back.status = 0xFF;
        bool first_pass = (t >= fold_start - 3600) && (t < fold_start);
        bool second_pass = (t >= fold_start) && (t < fold_start + 3600);
        int64_t want = second_pass ? t - 3600 : t;
        if ((msdk_tou_tz_from_datetime(tz, &back, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &u) !=
             MSDK_OK) ||
            (u != want)) {
            ck_abort_msg("utc %lld: fold first gives %lld", (long long)t, (long long)u);
        }
        want = first_pass ? t + 3600 : t;
        if ((msdk_tou_tz_from_datetime(tz, &back, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_REFUSE, &u) !=
             MSDK_OK) ||
            (u != want)) {
            ck_abort_msg("utc %lld: fold second gives %lld", (long long)t, (long long)u);
        }
    }
}

START_TEST(tou_datetime_round_trips)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    round_trips(&tz, UTC_2024, INT64_C(1735689600), berlin[0].end);
    make_sydney(&tz);
    /* 2024-09-01 .. 2025-05-01 UTC: DST begins, the year turns, DST ends. */
    round_trips(&tz, INT64_C(1725148800), INT64_C(1746057600), sydney[1].end);
}
END_TEST

START_TEST(tou_datetime_fields_and_status)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    msdk_datetime_t dt;
    /* 2024-07-01 00:00Z: Monday 02:00 CEST (zoneinfo: +02:00, dst 60). */
    ck_assert_int_eq(
        msdk_tou_tz_to_datetime(&tz, INT64_C(1719792000), MSDK_TOU_STATUS_CALLER_BITS, &dt),
        MSDK_OK);
    expect_fields(&dt, 2024, 7, 1, 1, 2, 0, 0, -120, 0x8F);
    /* 2024-01-01 00:00Z: Monday 01:00 CET. */
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, UTC_2024, MSDK_DATETIME_STATUS_INVALID, &dt),
                     MSDK_OK);
    expect_fields(&dt, 2024, 1, 1, 1, 1, 0, 0, -60, 0x01);
    /* The companion-standard sign: the same wall clock, deviation +120 / +60. */
    make_zone(&tz, 60, MSDK_TOU_DEVIATION_INVERTED, 60, &msdk_tou_dst_rule_eu);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, INT64_C(1719792000), 0, &dt), MSDK_OK);
    expect_fields(&dt, 2024, 7, 1, 1, 2, 0, 0, 120, 0x80);
    int64_t utc = 0;
    const msdk_datetime_t winter = { 2024, 1, 1, 1, 1, 0, 0, 0xFF, 60, 0x00 };
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &winter, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, UTC_2024);
    /* Refused status bits: reserved 4..6 and the DST bit (computed, not given). */
    static const uint8_t bad[] = { 0x10, 0x20, 0x40, 0x80, 0xFF };
    for (size_t i = 0; i < sizeof(bad); i++) {
        msdk_datetime_t keep = winter;
        ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, UTC_2024, bad[i], &keep),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(memcmp(&keep, &winter, sizeof(keep)), 0);
    }
}
END_TEST

/* ---- Configuration --------------------------------------------------------------------------- */

START_TEST(tou_enable_disable_and_setters)
{
    msdk_tou_tz_t tz;
    ck_assert_int_eq(msdk_tou_tz_init(&tz, NULL), MSDK_OK); /* UTC */
    expect_local(&tz, INT64_C(1719792000), 0, false);
    int64_t b = 0;
    int64_t e = 0;
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 2024, &b, &e), MSDK_ERR_STATE);
    /* No rule yet: enabling is refused. */
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(&tz, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_deviation(&tz, -60), MSDK_OK);
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(&tz, 60), MSDK_OK);
    ck_assert_int_eq(msdk_tou_tz_set_dst_rule(&tz, &msdk_tou_dst_rule_eu), MSDK_OK);
    expect_local(&tz, INT64_C(1719792000), 60, false); /* rule set, DST still off */
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(&tz, true), MSDK_OK);
    expect_local(&tz, INT64_C(1719792000), 120, true);
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 2024, &b, &e), MSDK_OK);
    ck_assert_int_eq(b, berlin[0].begin);
    ck_assert_int_eq(e, berlin[0].end);
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(&tz, 30), MSDK_OK);
    expect_local(&tz, INT64_C(1719792000), 90, true);
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(&tz, false), MSDK_OK);
    expect_local(&tz, INT64_C(1719792000), 60, false);
    /* With DST off the local time is a plain offset: no gap, no fold. */
    int64_t utc = 0;
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711852200), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711848600));
    /* A DST deviation of 0: DST is flagged, the clock does not move. */
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(&tz, 0), MSDK_OK);
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(&tz, true), MSDK_OK);
    expect_local(&tz, INT64_C(1719792000), 60, true);
    ck_assert_int_eq(msdk_tou_tz_utc_from_local(&tz, INT64_C(1711852200), MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_REFUSE, &utc),
                     MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1711848600));
}
END_TEST

static void expect_unchanged(const msdk_tou_tz_t *a, const msdk_tou_tz_t *b)
{
    ck_assert_int_eq(memcmp(a, b, sizeof(*a)), 0);
}

START_TEST(tou_invalid_config_refused)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    const msdk_tou_tz_t copy = tz;
    msdk_tou_tz_config_t c = tz.cfg;

    /* Deviation out of range, alone and with DST applied; DST deviation out of range. */
    static const struct {
        int16_t dev, dst;
        msdk_tou_deviation_sign_t sign;
    } bad[] = {
        { 721, 60, MSDK_TOU_DEVIATION_DLMS },      { -721, 60, MSDK_TOU_DEVIATION_DLMS },
        { NS, 60, MSDK_TOU_DEVIATION_DLMS },       { -60, 121, MSDK_TOU_DEVIATION_DLMS },
        { -60, -121, MSDK_TOU_DEVIATION_DLMS },    { -720, 60, MSDK_TOU_DEVIATION_DLMS },
        { 720, 60, MSDK_TOU_DEVIATION_INVERTED },  { 700, -60, MSDK_TOU_DEVIATION_DLMS },
        { -60, 60, (msdk_tou_deviation_sign_t)2 },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        c = copy.cfg;
        c.deviation = bad[i].dev;
        c.dst_deviation = bad[i].dst;
        c.sign = bad[i].sign;
        ck_assert_int_eq(msdk_tou_tz_init(&tz, &c), MSDK_ERR_INVALID_ARG);
        expect_unchanged(&tz, &copy);
    }
    /* The edges are fine: +-720 with a DST deviation pointing inwards, +-120 DST. */
    c = copy.cfg;
    c.deviation = -720;
    c.dst_deviation = -60;
    msdk_tou_tz_t other;
    ck_assert_int_eq(msdk_tou_tz_init(&other, &c), MSDK_OK);
    c.deviation = 0;
    c.dst_deviation = -120;
    ck_assert_int_eq(msdk_tou_tz_init(&other, &c), MSDK_OK);

    ck_assert_int_eq(msdk_tou_tz_set_deviation(&tz, 721), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_deviation(&tz, -700), MSDK_ERR_INVALID_ARG); /* +60 DST */
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(&tz, 121), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(&tz, -121), MSDK_ERR_INVALID_ARG);
    expect_unchanged(&tz, &copy);

    /* DST enabled with a zeroed rule. */
    c = copy.cfg;
    memset(&c.dst_rule, 0, sizeof(c.dst_rule));
    ck_assert_int_eq(msdk_tou_tz_init(&tz, &c), MSDK_ERR_INVALID_ARG);
    c.dst_enabled = false;
    ck_assert_int_eq(msdk_tou_tz_init(&other, &c), MSDK_OK); /* not checked while off */
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(&other, true), MSDK_ERR_INVALID_ARG);

    ck_assert_int_eq(msdk_tou_tz_init(NULL, &c), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_deviation(NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_dst_deviation(NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_dst_enabled(NULL, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_dst_rule(NULL, &msdk_tou_dst_rule_eu), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_set_dst_rule(&tz, NULL), MSDK_ERR_INVALID_ARG);
    expect_unchanged(&tz, &copy);
}
END_TEST

START_TEST(tou_invalid_rules_refused)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    const msdk_tou_tz_t copy = tz;
    const msdk_datetime_t ok = sydney_begin; /* first Sunday of October, 02:00 */
    msdk_datetime_t bad[16];
    size_t n = 0;
    for (size_t i = 0; i < 16; i++) {
        bad[i] = ok;
    }
    bad[n++].month = 13;
    bad[n++].month = 0xFE; /* DST wildcards have no meaning in a DST rule */
    bad[n++].month = 0xFF;
    bad[n++].day = 32;
    bad[n++].day = 0xFF;
    bad[n++].hour = 24;
    bad[n++].hour = 0xFF;
    bad[n++].minute = 60;
    bad[n++].year = 2024; /* a rule is for every year */
    bad[n++].deviation = 721;
    bad[n++].day_of_week = 8;
    bad[n].day = 26; /* 26 + 6 > 31: no whole week left in October */
    n++;
    bad[n].month = 4; /* 25 + 6 > 30 in April */
    bad[n].day = 25;
    n++;
    bad[n].month = 2; /* February 23 + 6 > 28 */
    bad[n].day = 23;
    n++;
    bad[n].month = 2; /* February 29 does not exist every year */
    bad[n].day = 29;
    bad[n].day_of_week = 0xFF;
    n++;
    for (size_t i = 0; i < n; i++) {
        msdk_tou_dst_rule_t r = { bad[i], msdk_tou_dst_rule_eu.end };
        ck_assert_msg(msdk_tou_dst_rule_validate(&r) == MSDK_ERR_INVALID_ARG, "case %zu", i);
        ck_assert_int_eq(msdk_tou_tz_set_dst_rule(&tz, &r), MSDK_ERR_INVALID_ARG);
        msdk_tou_dst_rule_t r2 = { msdk_tou_dst_rule_eu.begin, bad[i] };
        ck_assert_int_eq(msdk_tou_tz_set_dst_rule(&tz, &r2), MSDK_ERR_INVALID_ARG);
        expect_unchanged(&tz, &copy);
    }
    /* Begin and end on the same day. */
    msdk_tou_dst_rule_t same = { msdk_tou_dst_rule_eu.begin, msdk_tou_dst_rule_eu.begin };
    same.end.hour = 3;
    ck_assert_int_eq(msdk_tou_tz_set_dst_rule(&tz, &same), MSDK_ERR_INVALID_ARG);
    expect_unchanged(&tz, &copy);
    /* The limits that are fine: 25 + 6 = 31 in October, 24 in April, 22 in February,
     * February 28 without a weekday, the second last Sunday, minute and second wildcards. */
    msdk_datetime_t good[5] = { ok, ok, ok, ok, ok };
    good[0].day = 25;
    good[1].month = 4;
    good[1].day = 24;
    good[2].month = 2;
    good[2].day = 22;
    good[3].month = 2;
    good[3].day = 28;
    good[3].day_of_week = 0xFF;
    good[4].day = MSDK_DATETIME_DAY_SECOND_LAST;
    good[4].minute = 0xFF;
    good[4].second = 0xFF;
    for (size_t i = 0; i < 5; i++) {
        msdk_tou_dst_rule_t r = { good[i], msdk_tou_dst_rule_eu.end };
        ck_assert_msg(msdk_tou_dst_rule_validate(&r) == MSDK_OK, "good %zu", i);
    }
    ck_assert_int_eq(msdk_tou_dst_rule_validate(NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* Day rules with a weekday: the first / last / second-last such weekday, checked by hand on
 * the 2024 calendar (October 2024: Tuesday 1st .. Thursday 31st). */
START_TEST(tou_rule_days)
{
    static const struct {
        uint8_t day, dow;
        uint8_t want; /* day of October 2024 */
    } v[] = {
        { 1, 7, 6 },     /* first Sunday */
        { 8, 7, 13 },    /* second Sunday */
        { 1, 2, 1 },     /* first Tuesday: the 1st itself */
        { 0xFE, 7, 27 }, /* last Sunday */
        { 0xFE, 4, 31 }, /* last Thursday: the 31st itself */
        { 0xFD, 4, 24 }, /* on or before the 30th */
        { 0xFD, 3, 30 }, /* the 30th is a Wednesday */
        { 0xFE, 0xFF, 31 }, { 0xFD, 0xFF, 30 }, { 15, 0xFF, 15 },
    };
    msdk_tou_tz_t tz;
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        /* Begin at 00:00 UTC on the rule day, end on 1 January. */
        msdk_tou_dst_rule_t r = {
            { 0xFFFF, 10, v[i].day, v[i].dow, 0, 0, 0, 0xFF, 0, 0xFF },
            { 0xFFFF, 1, 1, 0xFF, 0, 0, 0, 0xFF, 0, 0xFF },
        };
        make_zone(&tz, 0, MSDK_TOU_DEVIATION_DLMS, 60, &r);
        int64_t b = 0;
        int64_t e = 0;
        ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 2024, &b, &e), MSDK_OK);
        /* 2024-10-01 00:00:00 UTC is 1727740800 (calendar.timegm). */
        ck_assert_msg(b == INT64_C(1727740800) + ((int64_t)(v[i].want - 1) * 86400),
                      "case %zu: day %lld", i, (long long)((b - INT64_C(1727740800)) / 86400 + 1));
        ck_assert_int_eq(e, UTC_2024);
    }
}
END_TEST

START_TEST(tou_invalid_conversions_refused)
{
    msdk_tou_tz_t tz;
    make_cet(&tz);
    const msdk_tou_tz_t copy = tz;
    const msdk_datetime_t ok = { 2024, 7, 1, 1, 2, 0, 0, 0xFF, -120, 0x80 };
    int64_t utc = 1234;
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &ok, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_OK);
    ck_assert_int_eq(utc, INT64_C(1719792000));

    msdk_datetime_t bad[12];
    for (size_t i = 0; i < 12; i++) {
        bad[i] = ok;
    }
    bad[0].month = 13;
    bad[1].day = 32;
    bad[2].hour = 24;
    bad[3].deviation = 721;
    bad[4].deviation = -721;
    bad[5].month = 2; /* February 30 */
    bad[5].day = 30;
    bad[6].year = 0xFFFF;
    bad[7].minute = 0xFF;
    bad[8].day_of_week = 2; /* 2024-07-01 is a Monday */
    bad[9].month = 0xFE;
    bad[10].day = 0xFE;
    bad[11].second = 0xFF;
    for (size_t i = 0; i < 12; i++) {
        utc = 1234;
        ck_assert_msg(msdk_tou_tz_from_datetime(&tz, &bad[i], MSDK_TOU_FOLD_FIRST,
                                                MSDK_TOU_GAP_FORWARD, &utc) == MSDK_ERR_INVALID_ARG,
                      "case %zu", i);
        ck_assert_int_eq(utc, 1234);
    }
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &ok, (msdk_tou_fold_t)2, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &ok, MSDK_TOU_FOLD_FIRST, (msdk_tou_gap_t)2, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_utc_from_local(&tz, 0, (msdk_tou_fold_t)2, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(NULL, &ok, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, NULL, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_from_datetime(&tz, &ok, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, NULL),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(utc, 1234);

    /* The UTC range: 1970 .. 9999. */
    msdk_tou_local_t l = { 7, 7, true };
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(&tz, -1, &l), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(&tz, MSDK_TOU_UTC_MAX + 1, &l),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(&tz, INT64_MIN, &l), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(NULL, 0, &l), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_local_from_utc(&tz, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(l.local_s, 7);
    expect_local(&tz, 0, 60, false);
    expect_local(&tz, MSDK_TOU_UTC_MAX, 60, false);
    /* Local 1970-01-01 00:30 CET is before the range; so are far-off local times. */
    ck_assert_int_eq(
        msdk_tou_tz_utc_from_local(&tz, 1800, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_utc_from_local(&tz, INT64_MAX, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_tou_tz_utc_from_local(&tz, INT64_MIN, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(utc, 1234);
    /* The last UTC second is 10000-01-01 00:59:59 in CET: no COSEM date-time for it. */
    msdk_datetime_t dt = ok;
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, MSDK_TOU_UTC_MAX, 0, &dt), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, -1, 0, &dt), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_to_datetime(&tz, 0, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(memcmp(&dt, &ok, sizeof(dt)), 0);
    int64_t b = 3;
    int64_t e = 4;
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 0, &b, &e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 10000, &b, &e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_tz_dst_transitions(&tz, 2024, NULL, &e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(b, 3);
    ck_assert_int_eq(e, 4);
    expect_unchanged(&tz, &copy);
}
END_TEST

/* msdk_tou_date_matches(): dates worked out by hand. 1970-01-01 (day 0) is a Thursday;
 * 2026-02-01 is a Sunday, so 2026-02-13 is a Friday and, February 2026 having 28 days,
 * 2026-03-13 too; 2026-01-13 is a Tuesday. 2024 is a leap year. */
static int64_t dn_of(int32_t y, uint8_t m, uint8_t d)
{
    int64_t dn = 0;
    ck_assert_int_eq(msdk_datetime_days_from_civil(y, m, d, &dn), MSDK_OK);
    return dn;
}

START_TEST(tou_date_matches)
{
    msdk_datetime_t p = { 0xFFFFu, 12, 25, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, INT16_MIN, 0xFF };
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 12, 25)));
    ck_assert(msdk_tou_date_matches(&p, dn_of(1999, 12, 25)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 12, 24)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 11, 25)));
    p.month = 0xFF; /* last day of every month */
    p.day = MSDK_DATETIME_DAY_LAST;
    ck_assert(msdk_tou_date_matches(&p, dn_of(2024, 2, 29)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2024, 2, 28)));
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 2, 28)));
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 4, 30)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 5, 30)));
    p.day = MSDK_DATETIME_DAY_SECOND_LAST;
    ck_assert(msdk_tou_date_matches(&p, dn_of(2024, 2, 28)));
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 2, 27)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 2, 28)));
    p.day = 13; /* Friday the 13th */
    p.day_of_week = 5;
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 2, 13)));
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 3, 13)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 1, 13)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 2, 20)));
    p.day = 0xFF; /* every Thursday */
    p.day_of_week = 4;
    ck_assert(msdk_tou_date_matches(&p, 0));
    ck_assert(msdk_tou_date_matches(&p, 7));
    ck_assert(!msdk_tou_date_matches(&p, 1));
    p.day_of_week = 0xFF; /* day 1 of every month of 2026 */
    p.year = 2026;
    p.day = 1;
    ck_assert(msdk_tou_date_matches(&p, dn_of(2026, 5, 1)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2025, 5, 1)));
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 5, 2)));
    p.year = 0xFFFFu; /* everything not specified: every day */
    p.day = 0xFF;
    ck_assert(msdk_tou_date_matches(&p, MSDK_DATETIME_DAYS_MIN));
    ck_assert(msdk_tou_date_matches(&p, MSDK_DATETIME_DAYS_MAX));
    ck_assert(!msdk_tou_date_matches(&p, MSDK_DATETIME_DAYS_MAX + 1));
    ck_assert(!msdk_tou_date_matches(&p, MSDK_DATETIME_DAYS_MIN - 1));
    p.month = MSDK_DATETIME_MONTH_DST_BEGIN; /* matches no date */
    ck_assert(!msdk_tou_date_matches(&p, dn_of(2026, 3, 29)));
    ck_assert(!msdk_tou_date_matches(NULL, 0));
}
END_TEST

Suite *tou_time_suite(void)
{
    Suite *s = suite_create("tou_time");
    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, tou_eu_rule_2024_2040);
    tcase_add_test(rules, tou_eu_rule_other_zones);
    tcase_add_test(rules, tou_cosem_rule_bytes);
    tcase_add_test(rules, tou_scan_berlin_and_sydney);
    tcase_add_test(rules, tou_sydney_rule);
    tcase_add_test(rules, tou_dst_deviation_120);
    tcase_add_test(rules, tou_negative_dst);
    tcase_add_test(rules, tou_rule_days);
    tcase_add_test(rules, tou_date_matches);
    suite_add_tcase(s, rules);
    TCase *conv = tcase_create("conversions");
    tcase_add_test(conv, tou_repeated_hour);
    tcase_add_test(conv, tou_missing_hour);
    tcase_add_test(conv, tou_datetime_round_trips);
    tcase_add_test(conv, tou_datetime_fields_and_status);
    suite_add_tcase(s, conv);
    TCase *cfg = tcase_create("config");
    tcase_add_test(cfg, tou_enable_disable_and_setters);
    tcase_add_test(cfg, tou_invalid_config_refused);
    tcase_add_test(cfg, tou_invalid_rules_refused);
    tcase_add_test(cfg, tou_invalid_conversions_refused);
    suite_add_tcase(s, cfg);
    return s;
}
