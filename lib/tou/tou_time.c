/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Time zone and DST (include/msdk/tou/time.h): UTC seconds to local time and back, DST
 * rules as COSEM date-time wildcards, COSEM date-time conversion. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/datetime.h"
#include "msdk/tou/time.h"

#define SECONDS_PER_DAY 86400

const msdk_tou_dst_rule_t msdk_tou_dst_rule_eu = {
    .begin = { .year = MSDK_DATETIME_YEAR_UNSPECIFIED,
               .month = 3u,
               .day = MSDK_DATETIME_DAY_LAST,
               .day_of_week = 7u,
               .hour = 1u,
               .minute = 0u,
               .second = 0u,
               .hundredths = MSDK_DATETIME_UNSPECIFIED,
               .deviation = 0,
               .status = MSDK_DATETIME_STATUS_UNSPECIFIED },
    .end = { .year = MSDK_DATETIME_YEAR_UNSPECIFIED,
             .month = 10u,
             .day = MSDK_DATETIME_DAY_LAST,
             .day_of_week = 7u,
             .hour = 1u,
             .minute = 0u,
             .second = 0u,
             .hundredths = MSDK_DATETIME_UNSPECIFIED,
             .deviation = 0,
             .status = MSDK_DATETIME_STATUS_UNSPECIFIED },
};

/* ---- Rules ------------------------------------------------------------------------ */

/* Shortest length of a month over all years. */
static uint8_t min_month_days(uint8_t month)
{
    return (month == 2u) ? 28u : msdk_datetime_days_in_month(2001, month);
}

static bool rule_time_ok(const msdk_datetime_t *t)
{
    if ((msdk_datetime_validate(t) != MSDK_OK) || (t->year != MSDK_DATETIME_YEAR_UNSPECIFIED) ||
        (t->month < 1u) || (t->month > 12u) || (t->hour > 23u)) {
        return false;
    }
    bool dow_set = (t->day_of_week != MSDK_DATETIME_UNSPECIFIED);
    if ((t->day == MSDK_DATETIME_DAY_LAST) || (t->day == MSDK_DATETIME_DAY_SECOND_LAST)) {
        return true;
    }
    if ((t->day < 1u) || (t->day > 31u)) {
        return false; /* not specified */
    }
    unsigned span = dow_set ? 6u : 0u;
    return ((unsigned)t->day + span) <= min_month_days(t->month);
}

msdk_err_t msdk_tou_dst_rule_validate(const msdk_tou_dst_rule_t *rule)
{
    if ((rule == NULL) || !rule_time_ok(&rule->begin) || !rule_time_ok(&rule->end)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((rule->begin.month == rule->end.month) && (rule->begin.day == rule->end.day) &&
        (rule->begin.day_of_week == rule->end.day_of_week)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

/* Day number of a (valid) rule date in a year; false outside the civil range. */
static bool rule_day(const msdk_datetime_t *t, int32_t year, int64_t *out)
{
    uint8_t dim = msdk_datetime_days_in_month(year, t->month);
    uint8_t d = t->day;
    bool backwards = false;
    if (d == MSDK_DATETIME_DAY_LAST) {
        d = dim;
        backwards = true;
    } else if (d == MSDK_DATETIME_DAY_SECOND_LAST) {
        d = (uint8_t)(dim - 1u);
        backwards = true;
    } else {
        /* a day of the month, checked against the shortest month */
    }
    int64_t days = 0;
    if (msdk_datetime_days_from_civil(year, t->month, d, &days) != MSDK_OK) {
        return false;
    }
    if (t->day_of_week != MSDK_DATETIME_UNSPECIFIED) {
        int wd = (int)msdk_datetime_day_of_week(days);
        int want = (int)t->day_of_week;
        if (backwards) {
            days -= (int64_t)((wd - want + 7) % 7);
        } else {
            days += (int64_t)((want - wd + 7) % 7);
        }
    }
    *out = days;
    return true;
}

/* Minutes local time is ahead of UTC, for a deviation in the zone's convention. */
static int32_t offset_of_deviation(const msdk_tou_tz_t *tz, int16_t deviation)
{
    return (tz->cfg.sign == MSDK_TOU_DEVIATION_DLMS) ? -(int32_t)deviation : (int32_t)deviation;
}

/* Deviation in the zone's convention for an offset (minutes local time is ahead of UTC). */
static int16_t deviation_of_offset(const msdk_tou_tz_t *tz, int32_t offset)
{
    return (int16_t)((tz->cfg.sign == MSDK_TOU_DEVIATION_DLMS) ? -offset : offset);
}

/* UTC second of a rule time (begin or end) in a year; false outside the civil range. */
static bool rule_utc(const msdk_tou_tz_t *tz, const msdk_datetime_t *t, bool is_end, int32_t year,
                     int64_t *out)
{
    int64_t day = 0;
    if (!rule_day(t, year, &day)) {
        return false;
    }
    int64_t local = (day * SECONDS_PER_DAY) + ((int64_t)t->hour * 3600);
    if (t->minute != MSDK_DATETIME_UNSPECIFIED) {
        local += (int64_t)t->minute * 60;
    }
    if (t->second != MSDK_DATETIME_UNSPECIFIED) {
        local += (int64_t)t->second;
    }
    int32_t offset;
    if (t->deviation != MSDK_DATETIME_DEVIATION_UNSPECIFIED) {
        offset = offset_of_deviation(tz, t->deviation);
    } else {
        /* Wall time: standard time before DST begins, daylight time before it ends. */
        offset = (int32_t)tz->std_offset + (is_end ? (int32_t)tz->cfg.dst_deviation : 0);
    }
    *out = local - ((int64_t)offset * 60);
    return true;
}

/* Whether DST is active at a UTC second: the state set by the last change at or before it,
 * among the changes of the rule's dates in the years around it. */
static bool dst_at(const msdk_tou_tz_t *tz, int64_t utc)
{
    if (!tz->cfg.dst_enabled) {
        return false;
    }
    /* The UTC year: every change near utc belongs to it or to a neighbour. */
    int64_t day = utc / SECONDS_PER_DAY;
    if ((utc % SECONDS_PER_DAY) < 0) {
        day -= 1;
    }
    int32_t year = 0;
    uint8_t month = 0;
    uint8_t mday = 0;
    if (msdk_datetime_civil_from_days(day, &year, &month, &mday) != MSDK_OK) {
        return false; /* outside the civil range: callers keep utc inside it */
    }
    bool found = false;
    bool active = false;
    int64_t latest = 0;
    for (int32_t y = year - 1; y <= year + 1; y++) {
        int64_t b = 0;
        int64_t e = 0;
        if (!rule_utc(tz, &tz->cfg.dst_rule.begin, false, y, &b) ||
            !rule_utc(tz, &tz->cfg.dst_rule.end, true, y, &e)) {
            continue; /* a year outside the civil range */
        }
        if ((b <= utc) && (!found || (b > latest))) {
            found = true;
            latest = b;
            active = true;
        }
        if ((e <= utc) && (!found || (e > latest))) {
            found = true;
            latest = e;
            active = false;
        }
    }
    return active;
}

/* ---- Zone -------------------------------------------------------------------------- */

static bool std_deviation_ok(int16_t deviation)
{
    return (deviation >= -MSDK_DATETIME_DEVIATION_MAX) &&
           (deviation <= MSDK_DATETIME_DEVIATION_MAX);
}

/* The whole configuration, as msdk_tou_tz_init() takes it. */
static bool config_ok(const msdk_tou_tz_config_t *c)
{
    if ((c->sign != MSDK_TOU_DEVIATION_DLMS) && (c->sign != MSDK_TOU_DEVIATION_INVERTED)) {
        return false;
    }
    if (!std_deviation_ok(c->deviation) || (c->dst_deviation < -MSDK_TOU_DST_DEVIATION_MAX) ||
        (c->dst_deviation > MSDK_TOU_DST_DEVIATION_MAX)) {
        return false;
    }
    /* The offset with DST applied must be a valid deviation too (both signs are symmetric). */
    int32_t std =
        (c->sign == MSDK_TOU_DEVIATION_DLMS) ? -(int32_t)c->deviation : (int32_t)c->deviation;
    int32_t total = std + (int32_t)c->dst_deviation;
    if ((total < -MSDK_DATETIME_DEVIATION_MAX) || (total > MSDK_DATETIME_DEVIATION_MAX)) {
        return false;
    }
    return !c->dst_enabled || (msdk_tou_dst_rule_validate(&c->dst_rule) == MSDK_OK);
}

/* Checks a candidate configuration and installs it; the zone is unchanged on error. */
static msdk_err_t tz_apply(msdk_tou_tz_t *tz, const msdk_tou_tz_config_t *c)
{
    if (!config_ok(c)) {
        return MSDK_ERR_INVALID_ARG;
    }
    tz->cfg = *c;
    tz->std_offset = (int16_t)((c->sign == MSDK_TOU_DEVIATION_DLMS) ? -(int32_t)c->deviation
                                                                    : (int32_t)c->deviation);
    return MSDK_OK;
}

msdk_err_t msdk_tou_tz_init(msdk_tou_tz_t *tz, const msdk_tou_tz_config_t *cfg)
{
    static const msdk_tou_tz_config_t zero = { 0 };
    if (tz == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return tz_apply(tz, (cfg != NULL) ? cfg : &zero);
}

msdk_err_t msdk_tou_tz_set_deviation(msdk_tou_tz_t *tz, int16_t deviation)
{
    if (tz == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_tz_config_t c = tz->cfg;
    c.deviation = deviation;
    return tz_apply(tz, &c);
}

msdk_err_t msdk_tou_tz_set_dst_deviation(msdk_tou_tz_t *tz, int16_t dst_deviation)
{
    if (tz == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_tz_config_t c = tz->cfg;
    c.dst_deviation = dst_deviation;
    return tz_apply(tz, &c);
}

msdk_err_t msdk_tou_tz_set_dst_rule(msdk_tou_tz_t *tz, const msdk_tou_dst_rule_t *rule)
{
    if ((tz == NULL) || (msdk_tou_dst_rule_validate(rule) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_tz_config_t c = tz->cfg;
    c.dst_rule = *rule;
    return tz_apply(tz, &c);
}

msdk_err_t msdk_tou_tz_set_dst_enabled(msdk_tou_tz_t *tz, bool enabled)
{
    if (tz == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_tz_config_t c = tz->cfg;
    c.dst_enabled = enabled;
    return tz_apply(tz, &c);
}

msdk_err_t msdk_tou_tz_dst_transitions(const msdk_tou_tz_t *tz, int32_t year, int64_t *begin_utc,
                                       int64_t *end_utc)
{
    if ((tz == NULL) || (begin_utc == NULL) || (end_utc == NULL) ||
        (year < MSDK_DATETIME_YEAR_MIN) || (year > MSDK_DATETIME_YEAR_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!tz->cfg.dst_enabled) {
        return MSDK_ERR_STATE;
    }
    int64_t b = 0;
    int64_t e = 0;
    if (!rule_utc(tz, &tz->cfg.dst_rule.begin, false, year, &b) ||
        !rule_utc(tz, &tz->cfg.dst_rule.end, true, year, &e)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *begin_utc = b;
    *end_utc = e;
    return MSDK_OK;
}

/* ---- Conversions ---------------------------------------------------------------------- */

static bool utc_ok(int64_t utc)
{
    return (utc >= MSDK_TOU_UTC_MIN) && (utc <= MSDK_TOU_UTC_MAX);
}

/* Offset in minutes (local minus UTC) at a UTC second inside the range. */
static int32_t offset_at(const msdk_tou_tz_t *tz, int64_t utc, bool *dst)
{
    bool active = dst_at(tz, utc);
    if (dst != NULL) {
        *dst = active;
    }
    return (int32_t)tz->std_offset + (active ? (int32_t)tz->cfg.dst_deviation : 0);
}

msdk_err_t msdk_tou_tz_local_from_utc(const msdk_tou_tz_t *tz, int64_t utc, msdk_tou_local_t *out)
{
    if ((tz == NULL) || (out == NULL) || !utc_ok(utc)) {
        return MSDK_ERR_INVALID_ARG;
    }
    bool dst = false;
    int32_t offset = offset_at(tz, utc, &dst);
    out->local_s = utc + ((int64_t)offset * 60);
    out->offset = (int16_t)offset;
    out->dst = dst;
    return MSDK_OK;
}

/* Which candidate a local time that occurs twice takes. */
typedef enum pick {
    PICK_FIRST,
    PICK_SECOND,
    PICK_DST,
    PICK_STANDARD,
} pick_t;

/* UTC of a local time under the zone's rules; the core of both local-to-UTC conversions. */
static msdk_err_t resolve_local(const msdk_tou_tz_t *tz, int64_t local_s, pick_t pick,
                                msdk_tou_gap_t gap, int64_t *utc)
{
    /* Bound local_s before any arithmetic: offsets are at most 14 hours. */
    const int64_t margin = (int64_t)(MSDK_DATETIME_DEVIATION_MAX + MSDK_TOU_DST_DEVIATION_MAX) * 60;
    if ((local_s < (MSDK_TOU_UTC_MIN - margin)) || (local_s > (MSDK_TOU_UTC_MAX + margin))) {
        return MSDK_ERR_INVALID_ARG;
    }
    int32_t off_std = tz->std_offset;
    int32_t off_dst = off_std + (tz->cfg.dst_enabled ? (int32_t)tz->cfg.dst_deviation : 0);
    int64_t u_std = local_s - ((int64_t)off_std * 60);
    int64_t u_dst = local_s - ((int64_t)off_dst * 60);
    int64_t result;
    if (off_std == off_dst) {
        result = u_std; /* no DST, or a DST deviation of 0: one candidate */
    } else {
        bool ok_std = utc_ok(u_std) && !dst_at(tz, u_std);
        bool ok_dst = utc_ok(u_dst) && dst_at(tz, u_dst);
        if (ok_std && ok_dst) {
            switch (pick) {
            case PICK_DST: result = u_dst; break;
            case PICK_STANDARD: result = u_std; break;
            case PICK_FIRST: result = (u_std < u_dst) ? u_std : u_dst; break;
            default: result = (u_std > u_dst) ? u_std : u_dst; break;
            }
        } else if (ok_std) {
            result = u_std;
        } else if (ok_dst) {
            result = u_dst;
        } else if (!utc_ok(u_std) || !utc_ok(u_dst)) {
            return MSDK_ERR_INVALID_ARG; /* at the ends of the range */
        } else if (gap == MSDK_TOU_GAP_FORWARD) {
            /* The offset before the change is the smaller one: its candidate is the later. */
            result = (u_std > u_dst) ? u_std : u_dst;
        } else {
            return MSDK_ERR_NOT_FOUND;
        }
    }
    if (!utc_ok(result)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *utc = result;
    return MSDK_OK;
}

static bool fold_gap_ok(msdk_tou_fold_t fold, msdk_tou_gap_t gap)
{
    return ((fold == MSDK_TOU_FOLD_FIRST) || (fold == MSDK_TOU_FOLD_SECOND)) &&
           ((gap == MSDK_TOU_GAP_REFUSE) || (gap == MSDK_TOU_GAP_FORWARD));
}

msdk_err_t msdk_tou_tz_utc_from_local(const msdk_tou_tz_t *tz, int64_t local_s,
                                      msdk_tou_fold_t fold, msdk_tou_gap_t gap, int64_t *utc)
{
    if ((tz == NULL) || (utc == NULL) || !fold_gap_ok(fold, gap)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return resolve_local(tz, local_s, (fold == MSDK_TOU_FOLD_FIRST) ? PICK_FIRST : PICK_SECOND, gap,
                         utc);
}

msdk_err_t msdk_tou_tz_to_datetime(const msdk_tou_tz_t *tz, int64_t utc, uint8_t status,
                                   msdk_datetime_t *dt)
{
    msdk_tou_local_t l;
    msdk_datetime_t v;
    if ((dt == NULL) || ((status & (uint8_t)~MSDK_TOU_STATUS_CALLER_BITS) != 0u) ||
        (msdk_tou_tz_local_from_utc(tz, utc, &l) != MSDK_OK) ||
        (msdk_datetime_fields_from_s(l.local_s, &v) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    v.hundredths = MSDK_DATETIME_UNSPECIFIED;
    v.deviation = deviation_of_offset(tz, l.offset);
    v.status = (uint8_t)(status | (l.dst ? MSDK_DATETIME_STATUS_DST_ACTIVE : 0u));
    *dt = v;
    return MSDK_OK;
}

msdk_err_t msdk_tou_tz_from_datetime(const msdk_tou_tz_t *tz, const msdk_datetime_t *dt,
                                     msdk_tou_fold_t fold, msdk_tou_gap_t gap, int64_t *utc)
{
    int64_t local_s = 0;
    if ((tz == NULL) || (dt == NULL) || (utc == NULL) || !fold_gap_ok(fold, gap) ||
        (msdk_datetime_validate(dt) != MSDK_OK) ||
        (msdk_datetime_fields_to_s(dt, &local_s) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (dt->day_of_week != MSDK_DATETIME_UNSPECIFIED) {
        int64_t days = local_s / SECONDS_PER_DAY;
        if ((local_s % SECONDS_PER_DAY) < 0) {
            days -= 1;
        }
        if (msdk_datetime_day_of_week(days) != dt->day_of_week) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    if (dt->deviation != MSDK_DATETIME_DEVIATION_UNSPECIFIED) {
        int64_t u = local_s - ((int64_t)offset_of_deviation(tz, dt->deviation) * 60);
        if (!utc_ok(u)) {
            return MSDK_ERR_INVALID_ARG;
        }
        *utc = u;
        return MSDK_OK;
    }
    pick_t pick = (fold == MSDK_TOU_FOLD_FIRST) ? PICK_FIRST : PICK_SECOND;
    if (dt->status != MSDK_DATETIME_STATUS_UNSPECIFIED) {
        pick = ((dt->status & MSDK_DATETIME_STATUS_DST_ACTIVE) != 0u) ? PICK_DST : PICK_STANDARD;
    }
    return resolve_local(tz, local_s, pick, gap, utc);
}

bool msdk_tou_date_matches(const msdk_datetime_t *pattern, int64_t day)
{
    int32_t y;
    uint8_t m, d;
    if ((pattern == NULL) || (msdk_datetime_civil_from_days(day, &y, &m, &d) != MSDK_OK)) {
        return false;
    }
    const uint8_t dim = msdk_datetime_days_in_month(y, m);
    const uint8_t pd = pattern->day;
    const bool day_ok = (pd == MSDK_DATETIME_UNSPECIFIED) || (pd == d) ||
                        ((pd == MSDK_DATETIME_DAY_LAST) && (d == dim)) ||
                        ((pd == MSDK_DATETIME_DAY_SECOND_LAST) && (d == (uint8_t)(dim - 1u)));
    return ((pattern->year == MSDK_DATETIME_YEAR_UNSPECIFIED) || ((int32_t)pattern->year == y)) &&
           ((pattern->month == MSDK_DATETIME_UNSPECIFIED) || (pattern->month == m)) && day_ok &&
           ((pattern->day_of_week == MSDK_DATETIME_UNSPECIFIED) ||
            (pattern->day_of_week == msdk_datetime_day_of_week(day)));
}
