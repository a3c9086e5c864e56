/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Single action schedule and script table (include/msdk/tou/schedule.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/datetime.h"
#include "msdk/tou/schedule.h"
#include "msdk/tou/time.h"

#define DAY_S 86400
#define FF    MSDK_DATETIME_UNSPECIFIED

/* Instants msdk_tou_sched_poll() takes: 1970-01-02 00:00:00 .. 9999-12-30 23:59:59 UTC, so
 * that local time (at most 14 hours off) stays in the civil range. */
#define POLL_UTC_MIN INT64_C(86400)
#define POLL_UTC_MAX (MSDK_TOU_UTC_MAX - DAY_S)

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (((a % b) != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

/* ---- Validation ------------------------------------------------------------------------ */

static bool exec_time_ok(const msdk_tou_exec_time_t *e)
{
    const msdk_datetime_t *t = &e->time;
    const msdk_datetime_t *d = &e->date;
    if ((msdk_datetime_time_validate(t) != MSDK_OK) ||
        (msdk_datetime_date_validate(d) != MSDK_OK)) {
        return false;
    }
    if ((t->hundredths != 0u) && (t->hundredths != FF)) {
        return false;
    }
    if ((d->year != MSDK_DATETIME_YEAR_UNSPECIFIED) &&
        ((d->year < MSDK_DATETIME_YEAR_MIN) || (d->year > MSDK_DATETIME_YEAR_MAX))) {
        return false;
    }
    if ((d->month == MSDK_DATETIME_MONTH_DST_END) || (d->month == MSDK_DATETIME_MONTH_DST_BEGIN)) {
        return false;
    }
    if ((d->year != MSDK_DATETIME_YEAR_UNSPECIFIED) && (d->month != FF) && (d->day >= 1u) &&
        (d->day <= 31u) && (d->day_of_week != FF)) {
        int64_t dn = 0;
        if ((msdk_datetime_days_from_civil(d->year, d->month, d->day, &dn) != MSDK_OK) ||
            (msdk_datetime_day_of_week(dn) != d->day_of_week)) {
            return false;
        }
    }
    return true;
}

static bool date_wild(const msdk_datetime_t *d)
{
    return (d->year == MSDK_DATETIME_YEAR_UNSPECIFIED) || (d->month == FF) || (d->day < 1u) ||
           (d->day > 31u);
}

static bool same_time(const msdk_datetime_t *a, const msdk_datetime_t *b)
{
    return (a->hour == b->hour) && (a->minute == b->minute) && (a->second == b->second);
}

msdk_err_t msdk_tou_sched_config_validate(const msdk_tou_sched_config_t *cfg)
{
    if ((cfg == NULL) || (cfg->type < MSDK_TOU_SCHED_ONE) ||
        (cfg->type > MSDK_TOU_SCHED_ANY_TIME_WILD)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cfg->count > MSDK_TOU_SCHED_TIMES_MAX) {
        return MSDK_ERR_NO_SPACE;
    }
    for (unsigned i = 0; i < cfg->count; i++) {
        if (!exec_time_ok(&cfg->times[i])) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    if ((cfg->type == MSDK_TOU_SCHED_ONE) && (cfg->count != 1u)) {
        return MSDK_ERR_MALFORMED;
    }
    const bool one_time =
        (cfg->type == MSDK_TOU_SCHED_SAME_TIME) || (cfg->type == MSDK_TOU_SCHED_SAME_TIME_WILD);
    const bool no_wild =
        (cfg->type == MSDK_TOU_SCHED_SAME_TIME) || (cfg->type == MSDK_TOU_SCHED_ANY_TIME);
    for (unsigned i = 0; i < cfg->count; i++) {
        if ((one_time && !same_time(&cfg->times[i].time, &cfg->times[0].time)) ||
            (no_wild && date_wild(&cfg->times[i].date))) {
            return MSDK_ERR_MALFORMED;
        }
    }
    return MSDK_OK;
}

msdk_err_t msdk_tou_sched_init(msdk_tou_sched_t *s, const msdk_tou_sched_config_t *cfg)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_tou_sched_config_validate(cfg);
    if (err != MSDK_OK) {
        return err;
    }
    memset(s, 0, sizeof(*s));
    s->cfg = *cfg;
    return MSDK_OK;
}

msdk_err_t msdk_tou_sched_set_config(msdk_tou_sched_t *s, const msdk_tou_sched_config_t *cfg)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_tou_sched_config_validate(cfg);
    if (err == MSDK_OK) {
        s->cfg = *cfg;
    }
    return err;
}

msdk_err_t msdk_tou_sched_restore(msdk_tou_sched_t *s, const msdk_tou_sched_state_t *state)
{
    if ((s == NULL) || (state == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    s->state = *state;
    s->polled = false;
    s->scanned_local = 0;
    return MSDK_OK;
}

static msdk_err_t local_of(const msdk_tou_tz_t *tz, int64_t utc, int64_t *local_s)
{
    msdk_tou_local_t loc;
    msdk_err_t err = msdk_tou_tz_local_from_utc(tz, utc, &loc);
    if (err == MSDK_OK) {
        *local_s = loc.local_s;
    }
    return err;
}

msdk_err_t msdk_tou_sched_arm(msdk_tou_sched_t *s, const msdk_tou_tz_t *tz, int64_t utc)
{
    int64_t L = 0;
    if ((s == NULL) || (tz == NULL) || (local_of(tz, utc, &L) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    s->state.last_local = L;
    s->state.armed = true;
    s->polled = true;
    s->scanned_local = L;
    return MSDK_OK;
}

/* ---- Occurrences ----------------------------------------------------------------------- */

/* Latest time of day (seconds) at or before lim (0..86399) that the time fields match. */
static bool tod_latest(const msdk_datetime_t *t, int32_t lim, int32_t *out)
{
    const int32_t lh = lim / 3600;
    const int32_t lm = (lim % 3600) / 60;
    const int32_t ls = lim % 60;
    for (int32_t h = lh; h >= 0; h--) {
        if ((t->hour != FF) && ((int32_t)t->hour != h)) {
            continue;
        }
        for (int32_t m = (h == lh) ? lm : 59; m >= 0; m--) {
            if ((t->minute != FF) && ((int32_t)t->minute != m)) {
                continue;
            }
            const int32_t smax = ((h == lh) && (m == lm)) ? ls : 59;
            const int32_t sec = (t->second == FF) ? smax : (int32_t)t->second;
            if (sec <= smax) {
                *out = (h * 3600) + (m * 60) + sec;
                return true;
            }
        }
    }
    return false;
}

/* Latest occurrence of an execution time in the local seconds (lo, hi]. Whole months and
 * years the date cannot match are skipped, so a search costs at most about 31 day checks
 * per matching month. */
static bool entry_latest(const msdk_tou_exec_time_t *e, int64_t lo, int64_t hi, int64_t *occ)
{
    const msdk_datetime_t *p = &e->date;
    const int64_t dlo = floor_div(lo, DAY_S);
    const int64_t dhi = floor_div(hi, DAY_S);
    int64_t dn = dhi;
    while (dn >= dlo) {
        int32_t y;
        uint8_t m, d;
        if (msdk_datetime_civil_from_days(dn, &y, &m, &d) != MSDK_OK) {
            return false;
        }
        int32_t jy = y;
        uint8_t jm = m;
        bool jump = false;
        if (p->year != MSDK_DATETIME_YEAR_UNSPECIFIED) {
            if ((int32_t)p->year > y) {
                return false;
            }
            if ((int32_t)p->year < y) {
                jy = p->year;
                jm = (p->month != FF) ? p->month : 12u;
                jump = true;
            }
        }
        if (!jump && (p->month != FF) && (p->month != m)) {
            jy = (p->month < m) ? y : (y - 1);
            jm = p->month;
            jump = true;
        }
        if (jump) {
            if ((jy < MSDK_DATETIME_YEAR_MIN) ||
                (msdk_datetime_days_from_civil(jy, jm, msdk_datetime_days_in_month(jy, jm), &dn) !=
                 MSDK_OK)) {
                return false;
            }
            continue;
        }
        if (msdk_tou_date_matches(p, dn)) {
            const int32_t lim = (dn == dhi) ? (int32_t)(hi - (dn * DAY_S)) : (DAY_S - 1);
            int32_t tod;
            if (tod_latest(&e->time, lim, &tod)) {
                const int64_t o = (dn * DAY_S) + tod;
                if (o <= lo) {
                    return false;
                }
                *occ = o;
                return true;
            }
        }
        dn--;
    }
    return false;
}

/* Latest occurrence of any execution time in (lo, hi]. */
static bool sched_latest(const msdk_tou_sched_config_t *cfg, int64_t lo, int64_t hi, int64_t *occ)
{
    bool found = false;
    for (unsigned i = 0; (i < cfg->count) && (lo < hi); i++) {
        int64_t o;
        if (entry_latest(&cfg->times[i], lo, hi, &o) && (!found || (o > *occ))) {
            *occ = o;
            found = true;
        }
    }
    return found;
}

/* First UTC second at which the local clock reads local_s or later: the instant of local_s
 * (its first one when repeated), or for a local time that does not exist the DST change that
 * jumps over it. */
static int64_t due_utc_of(const msdk_tou_tz_t *tz, int64_t local_s, int64_t now)
{
    int64_t u;
    if (msdk_tou_tz_utc_from_local(tz, local_s, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &u) ==
        MSDK_OK) {
        return u;
    }
    if (msdk_tou_tz_utc_from_local(tz, local_s, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_FORWARD, &u) !=
        MSDK_OK) {
        return now;
    }
    /* Read at the offset before the change, the time lands after the change instant and
     * before the next one: the change is the latest transition at or before it. */
    int32_t y;
    uint8_t m, d;
    int64_t best = u;
    bool have = false;
    if (msdk_datetime_civil_from_days(floor_div(u, DAY_S), &y, &m, &d) == MSDK_OK) {
        for (int32_t yy = y - 1; yy <= y + 1; yy++) {
            int64_t b, e;
            if (msdk_tou_tz_dst_transitions(tz, yy, &b, &e) != MSDK_OK) {
                continue;
            }
            const int64_t t[2] = { b, e };
            for (unsigned k = 0; k < 2u; k++) {
                if ((t[k] <= u) && (!have || (t[k] > best))) {
                    best = t[k];
                    have = true;
                }
            }
        }
    }
    return best;
}

msdk_err_t msdk_tou_sched_poll(msdk_tou_sched_t *s, const msdk_tou_tz_t *tz, int64_t utc,
                               msdk_tou_sched_due_t *out)
{
    int64_t L = 0;
    if ((s == NULL) || (tz == NULL) || (out == NULL) || (utc < POLL_UTC_MIN) ||
        (utc > POLL_UTC_MAX) || (local_of(tz, utc, &L) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_sched_due_t r;
    memset(&r, 0, sizeof(r));
    if (!s->state.armed) {
        s->state.last_local = L;
        s->state.armed = true;
    } else {
        int64_t lo = s->state.last_local;
        if (s->polled && (s->scanned_local > lo)) {
            lo = s->scanned_local; /* occurrences up to it were handled at earlier polls */
        }
        int64_t o = 0;
        if (sched_latest(&s->cfg, lo, L, &o)) {
            int64_t earlier;
            r.due = true;
            r.occurrence_local = o;
            r.collapsed = sched_latest(&s->cfg, lo, o - 1, &earlier);
            r.due_utc = due_utc_of(tz, o, utc);
            if (r.due_utc > utc) {
                r.due_utc = utc;
            }
            r.late = !s->polled || ((utc - r.due_utc) > (int64_t)s->cfg.late_after_s);
            s->state.last_local = o;
        }
    }
    if (!s->polled || (L > s->scanned_local)) {
        s->scanned_local = L;
    }
    s->polled = true;
    *out = r;
    return MSDK_OK;
}

/* ---- Script table ---------------------------------------------------------------------- */

static bool action_ok(const msdk_tou_script_action_t *a)
{
    return ((a->service == MSDK_TOU_SCRIPT_WRITE_ATTRIBUTE) ||
            (a->service == MSDK_TOU_SCRIPT_EXECUTE_METHOD)) &&
           (a->index >= 1) && (a->param_len <= MSDK_TOU_SCRIPT_PARAM_MAX);
}

msdk_err_t msdk_tou_script_table_set(msdk_tou_script_table_t *t, const msdk_tou_script_t *scripts,
                                     uint8_t n)
{
    if ((t == NULL) || ((scripts == NULL) && (n > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (n > MSDK_TOU_SCRIPTS_MAX) {
        return MSDK_ERR_NO_SPACE;
    }
    for (unsigned i = 0; i < n; i++) {
        const msdk_tou_script_t *sc = &scripts[i];
        if (sc->count > MSDK_TOU_SCRIPT_ACTIONS_MAX) {
            return MSDK_ERR_NO_SPACE;
        }
        if (sc->id == 0u) {
            return MSDK_ERR_INVALID_ARG;
        }
        for (unsigned k = 0; k < sc->count; k++) {
            if (!action_ok(&sc->actions[k])) {
                return MSDK_ERR_INVALID_ARG;
            }
        }
        for (unsigned j = 0; j < i; j++) {
            if (scripts[j].id == sc->id) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    if (n > 0u) {
        memcpy(t->scripts, scripts, (size_t)n * sizeof(scripts[0]));
    }
    t->count = n;
    return MSDK_OK;
}

const msdk_tou_script_t *msdk_tou_script_find(const msdk_tou_script_table_t *t, uint16_t id)
{
    if ((t == NULL) || (id == 0u)) {
        return NULL;
    }
    for (unsigned i = 0; (i < t->count) && (i < MSDK_TOU_SCRIPTS_MAX); i++) {
        if (t->scripts[i].id == id) {
            return &t->scripts[i];
        }
    }
    return NULL;
}
