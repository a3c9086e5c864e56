/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Activity calendar, special days and the tariff in force (include/msdk/tou/calendar.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/datetime.h"
#include "msdk/tou/calendar.h"
#include "msdk/tou/time.h"

#define DAY_S 86400

/* Instants msdk_tou_cal_tariff() takes: 1970-01-03 00:00:00 .. 9998-12-31 23:59:59 UTC, so
 * that the previous and the next local day and the next year's DST rule stay in range. */
#define TARIFF_UTC_MIN INT64_C(172800)
#define TARIFF_UTC_MAX INT64_C(253370764799)

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (((a % b) != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

static uint8_t or_zero(uint8_t v)
{
    return (v == MSDK_DATETIME_UNSPECIFIED) ? 0u : v;
}

/* ---- Validation ------------------------------------------------------------------------ */

static bool name_ok(const msdk_tou_name_t *n, bool allow_empty)
{
    return (n->len <= MSDK_TOU_CAL_NAME_MAX) && (allow_empty || (n->len > 0u));
}

static bool name_eq(const msdk_tou_name_t *a, const msdk_tou_name_t *b)
{
    return (a->len == b->len) && (memcmp(a->b, b->b, a->len) == 0);
}

static bool season_start_ok(const msdk_datetime_t *s)
{
    if (msdk_datetime_validate(s) != MSDK_OK) {
        return false;
    }
    if ((s->year != MSDK_DATETIME_YEAR_UNSPECIFIED) &&
        ((s->year < MSDK_DATETIME_YEAR_MIN) || (s->year > MSDK_DATETIME_YEAR_MAX))) {
        return false;
    }
    if ((s->month == MSDK_DATETIME_MONTH_DST_END) || (s->month == MSDK_DATETIME_MONTH_DST_BEGIN)) {
        return false;
    }
    return s->day != MSDK_DATETIME_UNSPECIFIED;
}

static uint32_t sw_time(const msdk_tou_switch_t *w)
{
    return ((uint32_t)w->hour * 3600u) + ((uint32_t)w->minute * 60u) + (uint32_t)w->second;
}

static int find_week(const msdk_tou_calendar_t *c, const msdk_tou_name_t *name)
{
    for (unsigned i = 0; i < c->week_count; i++) {
        if (name_eq(&c->weeks[i].name, name)) {
            return (int)i;
        }
    }
    return -1;
}

static int find_day(const msdk_tou_calendar_t *c, uint8_t day_id)
{
    for (unsigned i = 0; i < c->day_count; i++) {
        if (c->days[i].day_id == day_id) {
            return (int)i;
        }
    }
    return -1;
}

static msdk_err_t check_ranges(const msdk_tou_calendar_t *c)
{
    if (!name_ok(&c->name, true)) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (unsigned i = 0; i < c->season_count; i++) {
        const msdk_tou_season_t *s = &c->seasons[i];
        if (!name_ok(&s->name, false) || !name_ok(&s->week, false) || !season_start_ok(&s->start)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (unsigned i = 0; i < c->week_count; i++) {
        if (!name_ok(&c->weeks[i].name, false)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (unsigned i = 0; i < c->day_count; i++) {
        const msdk_tou_day_t *d = &c->days[i];
        for (unsigned k = 0; k < d->count; k++) {
            const msdk_tou_switch_t *w = &d->sw[k];
            if ((w->hour > 23u) || (w->minute > 59u) || (w->second > 59u) || (w->tariff < 1u) ||
                (w->tariff > MSDK_TOU_TARIFF_MAX)) {
                return MSDK_ERR_INVALID_ARG;
            }
        }
    }
    return MSDK_OK;
}

static msdk_err_t check_keys(const msdk_tou_calendar_t *c)
{
    for (unsigned i = 0; i < c->season_count; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (name_eq(&c->seasons[i].name, &c->seasons[j].name)) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    for (unsigned i = 0; i < c->week_count; i++) {
        if (find_week(c, &c->weeks[i].name) != (int)i) {
            return MSDK_ERR_MALFORMED;
        }
    }
    for (unsigned i = 0; i < c->day_count; i++) {
        const msdk_tou_day_t *d = &c->days[i];
        if ((d->count == 0u) || (find_day(c, d->day_id) != (int)i)) {
            return MSDK_ERR_MALFORMED;
        }
        for (unsigned k = 1; k < d->count; k++) {
            if (sw_time(&d->sw[k]) <= sw_time(&d->sw[k - 1u])) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    return MSDK_OK;
}

static msdk_err_t check_refs(const msdk_tou_calendar_t *c)
{
    for (unsigned i = 0; i < c->season_count; i++) {
        if (find_week(c, &c->seasons[i].week) < 0) {
            return MSDK_ERR_NOT_FOUND;
        }
    }
    for (unsigned i = 0; i < c->week_count; i++) {
        for (unsigned k = 0; k < 7u; k++) {
            if (find_day(c, c->weeks[i].day_id[k]) < 0) {
                return MSDK_ERR_NOT_FOUND;
            }
        }
    }
    return MSDK_OK;
}

msdk_err_t msdk_tou_calendar_validate(const msdk_tou_calendar_t *c, bool refs)
{
    if (c == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((c->season_count > MSDK_TOU_CAL_SEASONS_MAX) || (c->week_count > MSDK_TOU_CAL_WEEKS_MAX) ||
        (c->day_count > MSDK_TOU_CAL_DAYS_MAX)) {
        return MSDK_ERR_NO_SPACE;
    }
    for (unsigned i = 0; i < c->day_count; i++) {
        if (c->days[i].count > MSDK_TOU_CAL_SWITCHES_MAX) {
            return MSDK_ERR_NO_SPACE;
        }
    }
    msdk_err_t err = check_ranges(c);
    if (err == MSDK_OK) {
        err = check_keys(c);
    }
    if ((err == MSDK_OK) && refs) {
        err = check_refs(c);
    }
    return err;
}

/* ---- Engine set-up and programming ----------------------------------------------------- */

static const msdk_datetime_t no_activation = {
    MSDK_DATETIME_YEAR_UNSPECIFIED,      MSDK_DATETIME_UNSPECIFIED,
    MSDK_DATETIME_UNSPECIFIED,           MSDK_DATETIME_UNSPECIFIED,
    MSDK_DATETIME_UNSPECIFIED,           MSDK_DATETIME_UNSPECIFIED,
    MSDK_DATETIME_UNSPECIFIED,           MSDK_DATETIME_UNSPECIFIED,
    MSDK_DATETIME_DEVIATION_UNSPECIFIED, MSDK_DATETIME_STATUS_UNSPECIFIED,
};

msdk_err_t msdk_tou_cal_init(msdk_tou_cal_t *cal, const msdk_tou_calendar_t *active)
{
    if (cal == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (active != NULL) {
        msdk_err_t err = msdk_tou_calendar_validate(active, true);
        if (err != MSDK_OK) {
            return err;
        }
    }
    memset(cal, 0, sizeof(*cal));
    if (active != NULL) {
        cal->active = *active;
    }
    cal->activate_at = no_activation;
    return MSDK_OK;
}

msdk_err_t msdk_tou_cal_set_passive(msdk_tou_cal_t *cal, const msdk_tou_calendar_t *passive)
{
    if (cal == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_tou_calendar_validate(passive, true);
    if (err != MSDK_OK) {
        return err;
    }
    cal->passive = *passive;
    cal->events |= MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED;
    return MSDK_OK;
}

msdk_err_t msdk_tou_cal_set_activation(msdk_tou_cal_t *cal, const msdk_datetime_t *at)
{
    if ((cal == NULL) || (at == NULL) || (msdk_datetime_validate(at) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (at->year == MSDK_DATETIME_YEAR_UNSPECIFIED) {
        cal->activate_at = *at;
        cal->activation_pending = false;
        return MSDK_OK;
    }
    int64_t dn;
    if ((at->year < MSDK_DATETIME_YEAR_MIN) || (at->year > MSDK_DATETIME_YEAR_MAX) ||
        (msdk_datetime_days_from_civil(at->year, at->month, at->day, &dn) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((at->day_of_week != MSDK_DATETIME_UNSPECIFIED) &&
        (at->day_of_week != msdk_datetime_day_of_week(dn))) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->activate_at = *at;
    cal->activation_pending = true;
    return MSDK_OK;
}

msdk_err_t msdk_tou_cal_activate(msdk_tou_cal_t *cal)
{
    if (cal == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->active = cal->passive;
    cal->activation_pending = false;
    cal->events |= MSDK_TOU_CAL_EV_ACTIVATED;
    return MSDK_OK;
}

/* UTC instant of the activation time (set and pending). */
static bool activation_utc(const msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz, int64_t *utc)
{
    if (!cal->activation_pending) {
        return false;
    }
    msdk_datetime_t dt = cal->activate_at;
    dt.hour = or_zero(dt.hour);
    dt.minute = or_zero(dt.minute);
    dt.second = or_zero(dt.second);
    return msdk_tou_tz_from_datetime(tz, &dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_FORWARD, utc) ==
           MSDK_OK;
}

msdk_err_t msdk_tou_cal_update(msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz, int64_t utc)
{
    if ((cal == NULL) || (tz == NULL) || (utc < MSDK_TOU_UTC_MIN) || (utc > MSDK_TOU_UTC_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    int64_t at;
    if (activation_utc(cal, tz, &at) && (utc >= at)) {
        return msdk_tou_cal_activate(cal);
    }
    return MSDK_OK;
}

uint32_t msdk_tou_cal_take_events(msdk_tou_cal_t *cal)
{
    if (cal == NULL) {
        return 0u;
    }
    uint32_t ev = cal->events;
    cal->events = 0u;
    return ev;
}

/* ---- Special days ----------------------------------------------------------------------- */

static bool special_date_ok(const msdk_datetime_t *d)
{
    return (msdk_datetime_date_validate(d) == MSDK_OK) &&
           (d->month != MSDK_DATETIME_MONTH_DST_END) && (d->month != MSDK_DATETIME_MONTH_DST_BEGIN);
}

static bool same_date(const msdk_datetime_t *a, const msdk_datetime_t *b)
{
    return (a->year == b->year) && (a->month == b->month) && (a->day == b->day) &&
           (a->day_of_week == b->day_of_week);
}

msdk_err_t msdk_tou_special_days_set(msdk_tou_cal_t *cal, const msdk_tou_special_day_t *entries,
                                     uint16_t n)
{
    if ((cal == NULL) || ((entries == NULL) && (n > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (n > MSDK_TOU_SPECIAL_DAYS_MAX) {
        return MSDK_ERR_NO_SPACE;
    }
    for (unsigned i = 0; i < n; i++) {
        if (!special_date_ok(&entries[i].date)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (entries[i].index == entries[j].index) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    if (n > 0u) {
        memcpy(cal->special, entries, (size_t)n * sizeof(entries[0]));
    }
    cal->special_count = n;
    return MSDK_OK;
}

msdk_err_t msdk_tou_special_days_insert(msdk_tou_cal_t *cal, const msdk_tou_special_day_t *entry)
{
    if ((cal == NULL) || (entry == NULL) || !special_date_ok(&entry->date)) {
        return MSDK_ERR_INVALID_ARG;
    }
    unsigned replaced = 0;
    for (unsigned i = 0; i < cal->special_count; i++) {
        if ((cal->special[i].index == entry->index) ||
            same_date(&cal->special[i].date, &entry->date)) {
            replaced++;
        }
    }
    if ((replaced == 0u) && (cal->special_count >= MSDK_TOU_SPECIAL_DAYS_MAX)) {
        return MSDK_ERR_NO_SPACE;
    }
    unsigned out = 0;
    for (unsigned i = 0; i < cal->special_count; i++) {
        if ((cal->special[i].index != entry->index) &&
            !same_date(&cal->special[i].date, &entry->date)) {
            cal->special[out++] = cal->special[i];
        }
    }
    cal->special[out++] = *entry;
    cal->special_count = (uint16_t)out;
    return MSDK_OK;
}

msdk_err_t msdk_tou_special_days_delete(msdk_tou_cal_t *cal, uint16_t index)
{
    if (cal == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (unsigned i = 0; i < cal->special_count; i++) {
        if (cal->special[i].index == index) {
            for (unsigned k = i + 1u; k < cal->special_count; k++) {
                cal->special[k - 1u] = cal->special[k];
            }
            cal->special_count--;
            return MSDK_OK;
        }
    }
    return MSDK_ERR_NOT_FOUND;
}

/* ---- Evaluation ------------------------------------------------------------------------- */

/* Local second a season start falls on in a month (the start is valid). */
static int64_t start_in_month(const msdk_datetime_t *s, int32_t y, uint8_t m)
{
    uint8_t dim = msdk_datetime_days_in_month(y, m);
    uint8_t d = s->day;
    if (d == MSDK_DATETIME_DAY_LAST) {
        d = dim;
    } else if (d == MSDK_DATETIME_DAY_SECOND_LAST) {
        d = (uint8_t)(dim - 1u);
    } else if (d > dim) {
        d = dim;
    }
    int64_t dn = 0;
    if (msdk_datetime_days_from_civil(y, m, d, &dn) != MSDK_OK) {
        return INT64_MAX; /* outside the civil range: never at or before a time */
    }
    return (dn * DAY_S) + ((int64_t)or_zero(s->hour) * 3600) + ((int64_t)or_zero(s->minute) * 60) +
           (int64_t)or_zero(s->second);
}

/* Latest start of a season at or before local second L. */
static bool season_latest(const msdk_datetime_t *s, int64_t L, int64_t *occ)
{
    int32_t y;
    uint8_t m, d;
    if (msdk_datetime_civil_from_days(floor_div(L, DAY_S), &y, &m, &d) != MSDK_OK) {
        return false;
    }
    bool year_set = (s->year != MSDK_DATETIME_YEAR_UNSPECIFIED);
    if (year_set) {
        if ((int32_t)s->year > y) {
            return false;
        }
        if ((int32_t)s->year < y) {
            y = s->year;
            m = 12u;
        }
    }
    for (unsigned k = 0; k < 26u; k++) {
        if ((y < MSDK_DATETIME_YEAR_MIN) || (year_set && (y != (int32_t)s->year))) {
            break;
        }
        if ((s->month == MSDK_DATETIME_UNSPECIFIED) || (s->month == m)) {
            int64_t o = start_in_month(s, y, m);
            if (o <= L) {
                *occ = o;
                return true;
            }
        }
        if (m == 1u) {
            m = 12u;
            y--;
        } else {
            m--;
        }
    }
    return false;
}

/* Season in force at local second L: index, or -1. */
static int season_at(const msdk_tou_calendar_t *c, int64_t L)
{
    int best = -1;
    int64_t best_occ = 0;
    for (unsigned i = 0; i < c->season_count; i++) {
        int64_t o;
        if (season_latest(&c->seasons[i].start, L, &o) && ((best < 0) || (o > best_occ))) {
            best = (int)i;
            best_occ = o;
        }
    }
    return best;
}

/* Day profile of local day dn with the season in force at local second L (in or at the
 * end of that day); fills the season and special fields of r. */
static const msdk_tou_day_t *day_profile(const msdk_tou_cal_t *cal, int64_t dn, int64_t L,
                                         msdk_tou_tariff_t *r)
{
    const msdk_tou_calendar_t *c = &cal->active;
    int s = season_at(c, L);
    if ((s < 0) || (dn < MSDK_DATETIME_DAYS_MIN) || (dn > MSDK_DATETIME_DAYS_MAX)) {
        return NULL;
    }
    uint8_t dow = msdk_datetime_day_of_week(dn);
    r->season = (uint8_t)s;
    r->special = false;
    r->special_index = 0u;
    int day = -1;
    for (unsigned i = 0; i < cal->special_count; i++) {
        const msdk_tou_special_day_t *e = &cal->special[i];
        if ((!r->special || (e->index < r->special_index)) && msdk_tou_date_matches(&e->date, dn)) {
            int k = find_day(c, e->day_id);
            if (k >= 0) {
                r->special = true;
                r->special_index = e->index;
                day = k;
            }
        }
    }
    if (day < 0) {
        int w = find_week(c, &c->seasons[s].week);
        if (w < 0) {
            return NULL;
        }
        day = find_day(c, c->weeks[w].day_id[dow - 1u]);
    }
    return (day < 0) ? NULL : &c->days[day];
}

static msdk_err_t utc_of_local(const msdk_tou_tz_t *tz, int64_t local_s, int64_t after,
                               int64_t *utc)
{
    int64_t u;
    msdk_err_t err =
        msdk_tou_tz_utc_from_local(tz, local_s, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_FORWARD, &u);
    if ((err == MSDK_OK) && (u <= after)) {
        err =
            msdk_tou_tz_utc_from_local(tz, local_s, MSDK_TOU_FOLD_SECOND, MSDK_TOU_GAP_FORWARD, &u);
    }
    if (err == MSDK_OK) {
        *utc = (u > after) ? u : (after + 1);
    }
    return err;
}

msdk_err_t msdk_tou_cal_tariff(const msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz, int64_t utc,
                               msdk_tou_tariff_t *out)
{
    if ((cal == NULL) || (tz == NULL) || (out == NULL) || (utc < TARIFF_UTC_MIN) ||
        (utc > TARIFF_UTC_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_local_t loc;
    msdk_err_t err = msdk_tou_tz_local_from_utc(tz, utc, &loc);
    if (err != MSDK_OK) {
        return err;
    }
    const int64_t L = loc.local_s;
    const int64_t dn = floor_div(L, DAY_S);
    const uint32_t tod = (uint32_t)(L - (dn * DAY_S));
    msdk_tou_tariff_t r;
    memset(&r, 0, sizeof(r));
    const msdk_tou_day_t *p = day_profile(cal, dn, L, &r);
    if (p == NULL) {
        return MSDK_ERR_NOT_FOUND;
    }
    int k = -1;
    for (unsigned i = 0; i < p->count; i++) {
        if (sw_time(&p->sw[i]) <= tod) {
            k = (int)i;
        }
    }
    if (k >= 0) {
        r.tariff = (uint8_t)p->sw[k].tariff;
        r.day_id = p->day_id;
        r.switch_index = (uint8_t)k;
    } else {
        msdk_tou_tariff_t prev;
        const msdk_tou_day_t *pp = day_profile(cal, dn - 1, (dn * DAY_S) - 1, &prev);
        if (pp == NULL) {
            return MSDK_ERR_NOT_FOUND;
        }
        r.tariff = (uint8_t)pp->sw[pp->count - 1u].tariff;
        r.day_id = pp->day_id;
        r.switch_index = (uint8_t)(pp->count - 1u);
        r.from_previous_day = true;
    }

    /* Next local breakpoint: a switch point later today, midnight, a season start today. */
    int64_t next_local = (dn + 1) * DAY_S;
    for (unsigned i = 0; i < p->count; i++) {
        uint32_t t = sw_time(&p->sw[i]);
        if (t > tod) {
            next_local = (dn * DAY_S) + (int64_t)t;
            break;
        }
    }
    for (unsigned i = 0; i < cal->active.season_count; i++) {
        int64_t o;
        if (season_latest(&cal->active.seasons[i].start, ((dn + 1) * DAY_S) - 1, &o) && (o > L) &&
            (o < next_local)) {
            next_local = o;
        }
    }
    int64_t next;
    err = utc_of_local(tz, next_local, utc, &next);
    if (err != MSDK_OK) {
        return err;
    }
    /* The local clock jumps at a DST change. */
    if (tz->cfg.dst_enabled) {
        int32_t y;
        uint8_t m, d;
        if (msdk_datetime_civil_from_days(floor_div(utc, DAY_S), &y, &m, &d) != MSDK_OK) {
            return MSDK_ERR_INVALID_ARG;
        }
        for (int32_t yy = y - 1; yy <= y + 1; yy++) {
            int64_t b, e;
            if (msdk_tou_tz_dst_transitions(tz, yy, &b, &e) == MSDK_OK) {
                if ((b > utc) && (b < next)) {
                    next = b;
                }
                if ((e > utc) && (e < next)) {
                    next = e;
                }
            }
        }
    }
    int64_t at;
    if (activation_utc(cal, tz, &at) && (at > utc) && (at < next)) {
        next = at;
    }
    r.next_utc = next;
    *out = r;
    return MSDK_OK;
}
