/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.tou, schedule: single action schedule and script table.
 *
 * Expected values are worked out by hand (the comments give the working) from these facts:
 * Berlin is UTC+1 (CET) and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October (CEST); in 2026 those are 29 March and 25 October (closed forms
 * 31 - ((5y/4 + 4) mod 7) and 31 - ((5y/4 + 1) mod 7) with 5 * 2026 / 4 = 2532). So local
 * midnight of a day from 1 April to 25 October is 22:00 UTC the day before, and 23:00 UTC
 * otherwise. 2026-01-01 is a Thursday; 2026 has 365 days and 52 Sundays (the first on
 * 4 January, the last on 27 December). */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/datetime.h"
#include "msdk/tou/schedule.h"
#include "msdk/tou/time.h"

Suite *tou_schedule_suite(void);

#define NS  INT16_MIN /* deviation not specified */
#define FF  0xFFu
#define YNS 0xFFFFu

/* ---- Helpers ----------------------------------------------------------------------------- */

static int64_t days(int32_t y, uint8_t m, uint8_t d)
{
    int64_t dn = 0;
    ck_assert_int_eq(msdk_datetime_days_from_civil(y, m, d, &dn), MSDK_OK);
    return dn;
}

/* Seconds from 1970-01-01 of a date and time on one scale (UTC or local). */
static int64_t secs(int32_t y, uint8_t m, uint8_t d, uint8_t h, uint8_t mi, uint8_t s)
{
    return (days(y, m, d) * 86400) + (h * 3600) + (mi * 60) + s;
}

static msdk_tou_exec_time_t et(uint8_t h, uint8_t mi, uint8_t s, uint16_t y, uint8_t mo, uint8_t d,
                               uint8_t dow)
{
    msdk_tou_exec_time_t e;
    msdk_datetime_t t = { YNS, FF, FF, FF, h, mi, s, FF, NS, FF };
    msdk_datetime_t dd = { y, mo, d, dow, FF, FF, FF, FF, NS, FF };
    e.time = t;
    e.date = dd;
    return e;
}

static msdk_tou_sched_config_t cfg1(msdk_tou_exec_time_t e)
{
    msdk_tou_sched_config_t c;
    memset(&c, 0, sizeof(c));
    const uint8_t ln[6] = { 0, 0, 10, 0, 1, 255 }; /* 0.0.10.0.1.255, end of billing */
    memcpy(c.script_ln, ln, 6);
    c.script_id = 1;
    c.type = MSDK_TOU_SCHED_ONE;
    c.count = 1;
    c.times[0] = e;
    c.late_after_s = 60;
    return c;
}

static msdk_tou_tz_t berlin(void)
{
    msdk_tou_tz_config_t c;
    memset(&c, 0, sizeof(c));
    c.deviation = -60;
    c.sign = MSDK_TOU_DEVIATION_DLMS;
    c.dst_enabled = true;
    c.dst_deviation = 60;
    c.dst_rule = msdk_tou_dst_rule_eu;
    msdk_tou_tz_t tz;
    ck_assert_int_eq(msdk_tou_tz_init(&tz, &c), MSDK_OK);
    return tz;
}

static msdk_tou_tz_t utc_zone(void)
{
    msdk_tou_tz_t tz;
    ck_assert_int_eq(msdk_tou_tz_init(&tz, NULL), MSDK_OK);
    return tz;
}

#define RUNS_MAX 400

typedef struct runs {
    int n;
    int64_t occ[RUNS_MAX]; /* local second of the occurrence */
    int64_t due[RUNS_MAX]; /* due instant (UTC) */
    int64_t at[RUNS_MAX];  /* meter clock (UTC) of the poll that ran it */
    bool late[RUNS_MAX];
    bool collapsed[RUNS_MAX];
} runs_t;

static void record(runs_t *r, const msdk_tou_sched_due_t *d, int64_t now)
{
    if (d->due) {
        ck_assert_int_lt(r->n, RUNS_MAX); /* only when due: a Check assertion is slow */
        r->occ[r->n] = d->occurrence_local;
        r->due[r->n] = d->due_utc;
        r->at[r->n] = now;
        r->late[r->n] = d->late;
        r->collapsed[r->n] = d->collapsed;
        r->n++;
    }
}

/* Polls every step seconds of meter time from t0 (excluded: the schedule is armed there) to
 * t1. */
static void run_plain(msdk_tou_sched_t *s, const msdk_tou_tz_t *tz, int64_t t0, int64_t t1,
                      int64_t step, runs_t *r)
{
    ck_assert_int_eq(msdk_tou_sched_arm(s, tz, t0), MSDK_OK);
    int bad = 0; /* counted, not asserted per poll: a Check assertion is slow */
    for (int64_t t = t0 + step; t <= t1; t += step) {
        msdk_tou_sched_due_t d;
        if (msdk_tou_sched_poll(s, tz, t, &d) != MSDK_OK) {
            bad++;
            continue;
        }
        record(r, &d, t);
    }
    ck_assert_int_eq(bad, 0);
}

/* ---- A year of monthly billing ----------------------------------------------------------- */

/* Day 1 of every month, 00:00:00 local, Berlin, 2026, polled every minute of true time. The
 * meter clock is true time plus an offset:
 * - 1 March 00:01 local (28 Feb 23:01 UTC, after the March reset ran): set back 3 minutes,
 *   so midnight passes a second time;
 * - 31 May 23:30 local (21:30 UTC): set forward one hour, over midnight: the June reset runs
 *   at 00:30, 30 minutes late;
 * - power outage from 30 September 22:00 local to 1 October 08:00 local (20:00..06:00 UTC):
 *   no polls; at power-up the state saved at the last reset is restored and the October
 *   reset runs late. */
START_TEST(sched_monthly_billing_year)
{
    msdk_tou_tz_t tz = berlin();
    msdk_tou_sched_t s;
    msdk_tou_sched_config_t c = cfg1(et(0, 0, 0, YNS, FF, 1, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);

    static runs_t r;
    memset(&r, 0, sizeof(r));
    const int64_t t0 = secs(2025, 12, 31, 12, 0, 0);
    const int64_t t1 = secs(2026, 12, 31, 12, 0, 0);
    const int64_t set_back_at = secs(2026, 2, 28, 23, 1, 0);
    const int64_t forward_at = secs(2026, 5, 31, 21, 30, 0);
    const int64_t off_from = secs(2026, 9, 30, 20, 0, 0);
    const int64_t off_to = secs(2026, 10, 1, 6, 0, 0);
    int64_t offset = 0;
    bool was_off = false;
    int set_backs = 0, forwards = 0, power_ups = 0, bad = 0;
    msdk_tou_sched_state_t saved;
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, t0), MSDK_OK);
    saved = s.state;
    for (int64_t t = t0 + 60; t <= t1; t += 60) {
        int64_t meter = t + offset;
        if ((meter == set_back_at) && (set_backs == 0)) {
            offset -= 180;
            meter = t + offset;
            set_backs++;
        }
        if ((meter == forward_at) && (forwards == 0)) {
            offset += 3600;
            meter = t + offset;
            forwards++;
        }
        if ((meter > off_from) && (meter < off_to)) {
            was_off = true;
            continue;
        }
        if (was_off) {
            was_off = false;
            power_ups++;
            memset(&s, 0xA5, sizeof(s)); /* RAM lost */
            ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
            ck_assert_int_eq(msdk_tou_sched_restore(&s, &saved), MSDK_OK);
        }
        msdk_tou_sched_due_t d;
        if (msdk_tou_sched_poll(&s, &tz, meter, &d) != MSDK_OK) {
            bad++;
            continue;
        }
        record(&r, &d, meter);
        if (d.due) {
            saved = s.state; /* persisted */
        }
    }
    ck_assert_int_eq(bad, 0);
    ck_assert_int_eq(set_backs, 1);
    ck_assert_int_eq(forwards, 1);
    ck_assert_int_eq(power_ups, 1);

    ck_assert_int_eq(r.n, 12);
    for (int i = 0; i < 12; i++) {
        const uint8_t month = (uint8_t)(i + 1);
        ck_assert_int_eq(r.occ[i], secs(2026, month, 1, 0, 0, 0));
        /* Local midnight of 1 April .. 1 October is 22:00 UTC, of the others 23:00 UTC. */
        const bool summer = (month >= 4) && (month <= 10);
        const int64_t due = secs(2026, month, 1, 0, 0, 0) - (summer ? 7200 : 3600);
        ck_assert_int_eq(r.due[i], due);
        ck_assert(!r.collapsed[i]);
        if (month == 6) {
            ck_assert(r.late[i]);
            ck_assert_int_eq(r.at[i], due + 1800);
        } else if (month == 10) {
            ck_assert(r.late[i]);
            ck_assert_int_eq(r.at[i], off_to); /* first poll after power-up */
        } else {
            ck_assert(!r.late[i]);
            ck_assert_int_eq(r.at[i], due); /* polls fall on whole minutes */
        }
    }
}
END_TEST

/* ---- Daily across both DST changes ------------------------------------------------------- */

/* Every day at 00:00:00 local, Berlin, 2026, polled every 5 minutes: 1 January .. 31
 * December, 365 runs, one per local day, none late. */
START_TEST(sched_daily_midnight_dst)
{
    msdk_tou_tz_t tz = berlin();
    msdk_tou_sched_t s;
    msdk_tou_sched_config_t c = cfg1(et(0, 0, 0, YNS, FF, FF, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    static runs_t r;
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2025, 12, 31, 12, 0, 0), secs(2026, 12, 31, 12, 0, 0), 300, &r);
    ck_assert_int_eq(r.n, 365);
    const int64_t d0 = days(2026, 1, 1);
    for (int i = 0; i < r.n; i++) {
        ck_assert_int_eq(r.occ[i], (d0 + i) * 86400);
        ck_assert(!r.late[i]);
        ck_assert(!r.collapsed[i]);
    }
    /* 29 March (DST begins at 01:00 UTC) and 30 March; 25 October (DST ends at 01:00 UTC)
     * and 26 October. */
    ck_assert_int_eq(r.due[days(2026, 3, 29) - d0], secs(2026, 3, 28, 23, 0, 0));
    ck_assert_int_eq(r.due[days(2026, 3, 30) - d0], secs(2026, 3, 29, 22, 0, 0));
    ck_assert_int_eq(r.due[days(2026, 10, 25) - d0], secs(2026, 10, 24, 22, 0, 0));
    ck_assert_int_eq(r.due[days(2026, 10, 26) - d0], secs(2026, 10, 25, 23, 0, 0));
}
END_TEST

/* Every day at 02:30:00 local: on 29 March 02:30 does not exist (the clock jumps from 02:00
 * to 03:00 at 01:00 UTC), so it runs at the jump, on time; on 25 October 02:30 comes twice
 * (00:30 UTC in CEST, 01:30 UTC in CET) and runs on the first pass only. 365 runs. */
START_TEST(sched_daily_0230_dst)
{
    msdk_tou_tz_t tz = berlin();
    msdk_tou_sched_t s;
    msdk_tou_sched_config_t c = cfg1(et(2, 30, 0, YNS, FF, FF, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    static runs_t r;
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2025, 12, 31, 12, 0, 0), secs(2026, 12, 31, 12, 0, 0), 300, &r);
    ck_assert_int_eq(r.n, 365);
    const int64_t d0 = days(2026, 1, 1);
    for (int i = 0; i < r.n; i++) {
        ck_assert_int_eq(r.occ[i], ((d0 + i) * 86400) + 9000);
        ck_assert(!r.late[i]);
        ck_assert(!r.collapsed[i]);
    }
    ck_assert_int_eq(r.due[days(2026, 3, 28) - d0], secs(2026, 3, 28, 1, 30, 0));
    ck_assert_int_eq(r.due[days(2026, 3, 29) - d0], secs(2026, 3, 29, 1, 0, 0));
    ck_assert_int_eq(r.at[days(2026, 3, 29) - d0], secs(2026, 3, 29, 1, 0, 0));
    ck_assert_int_eq(r.due[days(2026, 3, 30) - d0], secs(2026, 3, 30, 0, 30, 0));
    ck_assert_int_eq(r.due[days(2026, 10, 25) - d0], secs(2026, 10, 25, 0, 30, 0));
    ck_assert_int_eq(r.due[days(2026, 10, 26) - d0], secs(2026, 10, 26, 1, 30, 0));
}
END_TEST

/* ---- Wildcard combinations --------------------------------------------------------------- */

/* One poll of a schedule armed at a0 (UTC zone: local = UTC). */
static msdk_tou_sched_due_t poll_once(msdk_tou_sched_t *s, int64_t now)
{
    msdk_tou_tz_t tz = utc_zone();
    msdk_tou_sched_due_t d;
    ck_assert_int_eq(msdk_tou_sched_poll(s, &tz, now, &d), MSDK_OK);
    return d;
}

START_TEST(sched_wildcards)
{
    msdk_tou_tz_t tz = utc_zone();
    msdk_tou_sched_t s;
    msdk_tou_sched_due_t d;

    /* Every hour on the hour. */
    ck_assert_int_eq(msdk_tou_sched_init(&s, &(msdk_tou_sched_config_t){ 0 }),
                     MSDK_ERR_INVALID_ARG);
    msdk_tou_sched_config_t c = cfg1(et(FF, 0, 0, YNS, FF, FF, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, secs(2026, 5, 4, 10, 20, 0)), MSDK_OK);
    d = poll_once(&s, secs(2026, 5, 4, 10, 59, 59));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 4, 11, 0, 0));
    ck_assert(d.due && !d.late && !d.collapsed);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 5, 4, 11, 0, 0));
    d = poll_once(&s, secs(2026, 5, 4, 11, 0, 1));
    ck_assert(!d.due);
    /* Jump forward to 13:30: 12:00 and 13:00 passed; 13:00 runs, late, standing for 12:00. */
    d = poll_once(&s, secs(2026, 5, 4, 13, 30, 0));
    ck_assert(d.due && d.late && d.collapsed);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 5, 4, 13, 0, 0));
    ck_assert_int_eq(d.due_utc, secs(2026, 5, 4, 13, 0, 0));
    ck_assert_int_eq(s.state.last_local, secs(2026, 5, 4, 13, 0, 0));
    /* Within late_after_s (60 s) of the occurrence: on time. */
    d = poll_once(&s, secs(2026, 5, 4, 14, 1, 0));
    ck_assert(d.due && !d.late && !d.collapsed);
    /* Set back to 12:10: 13:00 and 14:00 do not run again; 15:00 does. */
    d = poll_once(&s, secs(2026, 5, 4, 12, 10, 0));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 4, 13, 0, 0));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 4, 14, 0, 0));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 4, 15, 0, 0));
    ck_assert(d.due && !d.late);
    /* The same after a power-up with the set-back clock: no rerun, then late at power-up. */
    msdk_tou_sched_state_t st = s.state;
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    ck_assert_int_eq(msdk_tou_sched_restore(&s, &st), MSDK_OK);
    d = poll_once(&s, secs(2026, 5, 4, 14, 30, 0));
    ck_assert(!d.due);
    ck_assert_int_eq(msdk_tou_sched_restore(&s, &st), MSDK_OK);
    d = poll_once(&s, secs(2026, 5, 4, 16, 0, 0));
    ck_assert(d.due && d.late && !d.collapsed);

    /* Every minute (hour and minute not specified, second 0). */
    c = cfg1(et(FF, FF, 0, YNS, FF, FF, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, secs(2026, 5, 4, 10, 0, 0)), MSDK_OK);
    d = poll_once(&s, secs(2026, 5, 4, 10, 0, 59));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 4, 10, 1, 0));
    ck_assert(d.due);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 5, 4, 10, 1, 0));
    d = poll_once(&s, secs(2026, 5, 4, 23, 59, 30));
    ck_assert_int_eq(d.occurrence_local, secs(2026, 5, 4, 23, 59, 0));

    /* Friday the 13th at 12:00 (day 13, day of week 5): 13 February and 13 March 2026. An
     * outage from 1 January to 31 March: at power-up 13 March runs, late, for both. */
    c = cfg1(et(12, 0, 0, YNS, FF, 13, 5));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, secs(2026, 1, 1, 0, 0, 0)), MSDK_OK);
    st = s.state;
    ck_assert_int_eq(msdk_tou_sched_restore(&s, &st), MSDK_OK);
    d = poll_once(&s, secs(2026, 3, 31, 0, 0, 0));
    ck_assert(d.due && d.late && d.collapsed);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 3, 13, 12, 0, 0));
    /* Only 13 February: not collapsed. */
    ck_assert_int_eq(msdk_tou_sched_restore(&s, &st), MSDK_OK);
    d = poll_once(&s, secs(2026, 3, 13, 11, 59, 59));
    ck_assert(d.due && d.late && !d.collapsed);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 2, 13, 12, 0, 0));

    /* Second last day of February, every year, 00:00: 28 Feb 2024 (leap), 27 Feb 2026. */
    c = cfg1(et(0, 0, 0, YNS, 2, MSDK_DATETIME_DAY_SECOND_LAST, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, secs(2023, 6, 1, 0, 0, 0)), MSDK_OK);
    d = poll_once(&s, secs(2024, 12, 31, 0, 0, 0));
    ck_assert_int_eq(d.occurrence_local, secs(2024, 2, 28, 0, 0, 0));
    d = poll_once(&s, secs(2026, 12, 31, 0, 0, 0));
    ck_assert(d.due && d.collapsed);
    ck_assert_int_eq(d.occurrence_local, secs(2026, 2, 27, 0, 0, 0));

    /* Every Sunday at 06:00, 2026: 52 runs, the first on 4 January, the last 27 December. */
    c = cfg1(et(6, 0, 0, YNS, FF, FF, 7));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    static runs_t r;
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2026, 1, 1, 0, 0, 0), secs(2026, 12, 31, 23, 0, 0), 3600, &r);
    ck_assert_int_eq(r.n, 52);
    ck_assert_int_eq(r.occ[0], secs(2026, 1, 4, 6, 0, 0));
    ck_assert_int_eq(r.occ[51], secs(2026, 12, 27, 6, 0, 0));
    for (int i = 1; i < r.n; i++) {
        ck_assert_int_eq(r.occ[i] - r.occ[i - 1], 7 * 86400);
    }

    /* Type 4: two dates without wildcards and different times; type 3: one time, two
     * wildcard dates (day 1 and day 15 of every month: 24 runs in 2026). */
    memset(&c, 0, sizeof(c));
    c.type = MSDK_TOU_SCHED_ANY_TIME;
    c.count = 2;
    c.times[0] = et(8, 0, 0, 2026, 6, 15, FF);
    c.times[1] = et(9, 30, 0, 2026, 7, 20, 1); /* 20 July 2026 is a Monday */
    c.late_after_s = 60;
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2026, 1, 1, 0, 0, 0), secs(2027, 1, 1, 0, 0, 0), 900, &r);
    ck_assert_int_eq(r.n, 2);
    ck_assert_int_eq(r.occ[0], secs(2026, 6, 15, 8, 0, 0));
    ck_assert_int_eq(r.occ[1], secs(2026, 7, 20, 9, 30, 0));
    c.type = MSDK_TOU_SCHED_SAME_TIME_WILD;
    c.times[0] = et(0, 0, 0, YNS, FF, 1, FF);
    c.times[1] = et(0, 0, 0, YNS, FF, 15, FF);
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2025, 12, 31, 12, 0, 0), secs(2026, 12, 31, 12, 0, 0), 3600, &r);
    ck_assert_int_eq(r.n, 24);
    ck_assert_int_eq(r.occ[0], secs(2026, 1, 1, 0, 0, 0));
    ck_assert_int_eq(r.occ[1], secs(2026, 1, 15, 0, 0, 0));
    ck_assert_int_eq(r.occ[23], secs(2026, 12, 15, 0, 0, 0));
    /* Type 2/3/4/5 with no execution times never run. */
    c.count = 0;
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    memset(&r, 0, sizeof(r));
    run_plain(&s, &tz, secs(2026, 1, 1, 0, 0, 0), secs(2026, 3, 1, 0, 0, 0), 3600, &r);
    ck_assert_int_eq(r.n, 0);

    /* A state that is not armed arms at the first poll: nothing before it runs. */
    c = cfg1(et(0, 0, 0, YNS, FF, FF, FF));
    ck_assert_int_eq(msdk_tou_sched_init(&s, &c), MSDK_OK);
    d = poll_once(&s, secs(2026, 5, 4, 12, 0, 0));
    ck_assert(!d.due);
    d = poll_once(&s, secs(2026, 5, 5, 0, 0, 0));
    ck_assert(d.due && !d.late);
}
END_TEST

/* ---- Refused input ----------------------------------------------------------------------- */

START_TEST(sched_refused)
{
    msdk_tou_sched_config_t good = cfg1(et(0, 0, 0, YNS, FF, 1, FF));
    msdk_tou_sched_t s;
    ck_assert_int_eq(msdk_tou_sched_init(&s, &good), MSDK_OK);
    const msdk_tou_sched_t before = s;
    msdk_tou_sched_config_t c;

#define REFUSED(expr, code)                                                                        \
    do {                                                                                           \
        c = good;                                                                                  \
        expr;                                                                                      \
        ck_assert_int_eq(msdk_tou_sched_config_validate(&c), code);                                \
        ck_assert_int_eq(msdk_tou_sched_set_config(&s, &c), code);                                 \
        ck_assert_mem_eq(&s, &before, sizeof(s));                                                  \
    } while (0)

    REFUSED(c.times[0].date.month = 13, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].date.day = 32, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].date.day = 0, MSDK_ERR_INVALID_ARG);
    REFUSED((c.times[0].date.month = 2, c.times[0].date.day = 30), MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].date.month = MSDK_DATETIME_MONTH_DST_BEGIN, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].date.day_of_week = 8, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].date.year = 0, MSDK_ERR_INVALID_ARG);
    /* 2026-05-01 is a Friday, not a Monday. */
    REFUSED(
        (c.times[0].date.year = 2026, c.times[0].date.month = 5, c.times[0].date.day_of_week = 1),
        MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].time.hour = 24, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].time.minute = 60, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].time.second = 60, MSDK_ERR_INVALID_ARG);
    REFUSED(c.times[0].time.hundredths = 50, MSDK_ERR_INVALID_ARG);
    REFUSED(c.type = (msdk_tou_sched_type_t)0, MSDK_ERR_INVALID_ARG);
    REFUSED(c.type = (msdk_tou_sched_type_t)6, MSDK_ERR_INVALID_ARG);
    /* Type 1 with two times or none. */
    REFUSED((c.count = 2, c.times[1] = c.times[0]), MSDK_ERR_MALFORMED);
    REFUSED(c.count = 0, MSDK_ERR_MALFORMED);
    /* Type 2 and 4 refuse date wildcards; 2 and 3 refuse different times. */
    REFUSED(c.type = MSDK_TOU_SCHED_SAME_TIME, MSDK_ERR_MALFORMED);
    REFUSED(c.type = MSDK_TOU_SCHED_ANY_TIME, MSDK_ERR_MALFORMED);
    REFUSED((c.type = MSDK_TOU_SCHED_ANY_TIME, c.times[0].date.year = 2026,
             c.times[0].date.month = 5, c.times[0].date.day = MSDK_DATETIME_DAY_LAST),
            MSDK_ERR_MALFORMED);
    REFUSED((c.type = MSDK_TOU_SCHED_SAME_TIME_WILD, c.count = 2, c.times[1] = c.times[0],
             c.times[1].time.hour = 1),
            MSDK_ERR_MALFORMED);
    REFUSED(c.count = MSDK_TOU_SCHED_TIMES_MAX + 1u, MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(msdk_tou_sched_config_validate(NULL), MSDK_ERR_INVALID_ARG);
#undef REFUSED

    /* The accepted forms of the same types. */
    c = good;
    c.type = MSDK_TOU_SCHED_SAME_TIME;
    c.times[0].date.year = 2026;
    c.times[0].date.month = 5;
    c.times[0].date.day_of_week = 5;
    ck_assert_int_eq(msdk_tou_sched_config_validate(&c), MSDK_OK);
    c.type = MSDK_TOU_SCHED_ANY_TIME_WILD;
    c.count = MSDK_TOU_SCHED_TIMES_MAX;
    for (unsigned i = 1; i < c.count; i++) {
        c.times[i] = et((uint8_t)i, FF, 0, YNS, FF, FF, FF);
    }
    ck_assert_int_eq(msdk_tou_sched_set_config(&s, &c), MSDK_OK);
    ck_assert_int_eq(s.cfg.count, MSDK_TOU_SCHED_TIMES_MAX);

    /* Bad arguments of the other calls. */
    msdk_tou_tz_t tz = utc_zone();
    msdk_tou_sched_due_t d;
    ck_assert_int_eq(msdk_tou_sched_init(NULL, &good), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_restore(&s, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_arm(&s, &tz, -1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_poll(&s, &tz, 86399, &d), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_poll(&s, &tz, MSDK_TOU_UTC_MAX - 86399, &d),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_poll(&s, &tz, 86400, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_sched_poll(&s, &tz, 86400, &d), MSDK_OK);
}
END_TEST

/* ---- Script table ------------------------------------------------------------------------ */

START_TEST(script_table)
{
    msdk_tou_script_t sc[3];
    memset(sc, 0, sizeof(sc));
    sc[0].id = 1; /* capture the billing profile: execute method 2 of 0.0.98.1.0.255 */
    sc[0].count = 1;
    sc[0].actions[0].service = MSDK_TOU_SCRIPT_EXECUTE_METHOD;
    sc[0].actions[0].class_id = 7;
    const uint8_t ln[6] = { 0, 0, 98, 1, 0, 255 };
    memcpy(sc[0].actions[0].logical_name, ln, 6);
    sc[0].actions[0].index = 2;
    sc[0].actions[0].param_len = 2;
    sc[0].actions[0].param[0] = 0x0F; /* integer 0 */
    sc[1].id = 7;
    sc[1].count = 0;
    sc[2].id = 65535;
    sc[2].count = MSDK_TOU_SCRIPT_ACTIONS_MAX;
    for (unsigned k = 0; k < sc[2].count; k++) {
        sc[2].actions[k].service = MSDK_TOU_SCRIPT_WRITE_ATTRIBUTE;
        sc[2].actions[k].index = 127;
        sc[2].actions[k].param_len = MSDK_TOU_SCRIPT_PARAM_MAX;
    }
    msdk_tou_script_table_t t;
    memset(&t, 0, sizeof(t));
    ck_assert_ptr_null(msdk_tou_script_find(&t, 1));
    ck_assert_int_eq(msdk_tou_script_table_set(&t, sc, 3), MSDK_OK);
    ck_assert_int_eq(t.count, 3);
    ck_assert_ptr_eq(msdk_tou_script_find(&t, 1), &t.scripts[0]);
    ck_assert_ptr_eq(msdk_tou_script_find(&t, 7), &t.scripts[1]);
    ck_assert_ptr_eq(msdk_tou_script_find(&t, 65535), &t.scripts[2]);
    ck_assert_ptr_null(msdk_tou_script_find(&t, 2));
    ck_assert_ptr_null(msdk_tou_script_find(&t, 0));
    ck_assert_ptr_null(msdk_tou_script_find(NULL, 1));
    ck_assert_int_eq(msdk_tou_script_find(&t, 1)->actions[0].class_id, 7);

    const msdk_tou_script_table_t before = t;
    msdk_tou_script_t bad[3];
#define REFUSED(n, expr, code)                                                                     \
    do {                                                                                           \
        memcpy(bad, sc, sizeof(bad));                                                              \
        expr;                                                                                      \
        ck_assert_int_eq(msdk_tou_script_table_set(&t, bad, n), code);                             \
        ck_assert_mem_eq(&t, &before, sizeof(t));                                                  \
    } while (0)
    REFUSED(3, bad[1].id = 1, MSDK_ERR_MALFORMED);
    REFUSED(3, bad[2].id = 0, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[0].actions[0].service = 3, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[0].actions[0].service = 0, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[0].actions[0].index = 0, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[0].actions[0].index = -1, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[0].actions[0].param_len = MSDK_TOU_SCRIPT_PARAM_MAX + 1u, MSDK_ERR_INVALID_ARG);
    REFUSED(3, bad[1].count = MSDK_TOU_SCRIPT_ACTIONS_MAX + 1u, MSDK_ERR_NO_SPACE);
#undef REFUSED
    static msdk_tou_script_t many[MSDK_TOU_SCRIPTS_MAX + 1u];
    memset(many, 0, sizeof(many));
    for (unsigned i = 0; i < MSDK_TOU_SCRIPTS_MAX + 1u; i++) {
        many[i].id = (uint16_t)(i + 1u);
    }
    ck_assert_int_eq(msdk_tou_script_table_set(&t, many, MSDK_TOU_SCRIPTS_MAX + 1u),
                     MSDK_ERR_NO_SPACE);
    ck_assert_mem_eq(&t, &before, sizeof(t));
    ck_assert_int_eq(msdk_tou_script_table_set(&t, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_script_table_set(NULL, sc, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_script_table_set(&t, many, MSDK_TOU_SCRIPTS_MAX), MSDK_OK);
    ck_assert_ptr_eq(msdk_tou_script_find(&t, MSDK_TOU_SCRIPTS_MAX), &t.scripts[7]);
    ck_assert_int_eq(msdk_tou_script_table_set(&t, NULL, 0), MSDK_OK);
    ck_assert_int_eq(t.count, 0);
    ck_assert_ptr_null(msdk_tou_script_find(&t, 1));
}
END_TEST

Suite *tou_schedule_suite(void)
{
    Suite *s = suite_create("tou_schedule");
    TCase *tc = tcase_create("schedule");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sched_monthly_billing_year);
    tcase_add_test(tc, sched_daily_midnight_dst);
    tcase_add_test(tc, sched_daily_0230_dst);
    tcase_add_test(tc, sched_wildcards);
    tcase_add_test(tc, sched_refused);
    tcase_add_test(tc, script_table);
    suite_add_tcase(s, tc);
    return s;
}
