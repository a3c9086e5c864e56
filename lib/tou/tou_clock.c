/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Clock operations (msdk/tou/clock.h): the decisions of the COSEM Clock methods, the daily
 * synchronisation limit, the status after a power-down and the RTC trim learnt from
 * synchronisations. Sans-IO: the RTC reading comes in, the actions go out in a report.
 */
#include "msdk/tou/clock.h"

#include <stddef.h>
#include <string.h>

#define MS_PER_S   INT64_C(1000)
#define MS_PER_DAY INT64_C(86400000)
#define PPB        INT64_C(1000000000)
/* A clock error growth beyond this (ms) is far past any trim; clamping it keeps the ppb
 * arithmetic within int64. */
#define GROWTH_MAX INT64_C(1000000000)

static bool ms_ok(int64_t t)
{
    return (t >= 0) && (t <= MSDK_TOU_CLOCK_MS_MAX);
}

static int64_t abs64(int64_t v)
{
    return (v < 0) ? -v : v;
}

/* Floor of a / b for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (((a % b) != 0) && (a < 0)) {
        q--;
    }
    return q;
}

/* a / b rounded to the nearest, half away from zero, for b > 0. */
static int64_t round_div(int64_t a, int64_t b)
{
    return (a >= 0) ? ((a + (b / 2)) / b) : -((-a + (b / 2)) / b);
}

static void report_clear(msdk_tou_clock_report_t *rep)
{
    memset(rep, 0, sizeof(*rep));
}

/* Forgets the drift reference (the clock error is unknown from here on). */
static void ref_reset(msdk_tou_clock_t *clk)
{
    clk->ref_true_ms = MSDK_TOU_CLOCK_NO_TIME;
    clk->ref_err_ms = 0;
    clk->corr_ms = 0;
}

static void slew_cancel(msdk_tou_clock_t *clk)
{
    clk->slew_left_ms = 0;
    clk->slew_rem = 0;
}

msdk_err_t msdk_tou_clock_init(msdk_tou_clock_t *clk, const msdk_tou_clock_config_t *cfg)
{
    msdk_tou_clock_config_t c;
    if (clk == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cfg != NULL) {
        c = *cfg;
    } else {
        memset(&c, 0, sizeof(c));
    }
    if ((c.slew_ms_per_s > MSDK_TOU_CLOCK_SLEW_MAX) || (c.max_shift_per_day_s > 86400u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    switch (c.backup) {
    case MSDK_TOU_CLOCK_BACKUP_NONE:
    case MSDK_TOU_CLOCK_BACKUP_BATTERY: break;
    case MSDK_TOU_CLOCK_BACKUP_SUPERCAP:
        if ((c.backup_s == 0u) || (c.doubtful_s >= c.backup_s)) {
            return MSDK_ERR_INVALID_ARG;
        }
        break;
    default: return MSDK_ERR_INVALID_ARG;
    }
    if ((c.trim_ppb > MSDK_TOU_CLOCK_TRIM_PPB_MAX) || (c.trim_ppb < -MSDK_TOU_CLOCK_TRIM_PPB_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(clk, 0, sizeof(*clk));
    clk->cfg = c;
    clk->trim_ppb = c.trim_ppb;
    clk->last_tick_ms = MSDK_TOU_CLOCK_NO_TIME;
    clk->day_start_ms = MSDK_TOU_CLOCK_NO_TIME;
    ref_reset(clk);
    return MSDK_OK;
}

uint8_t msdk_tou_clock_status(const msdk_tou_clock_t *clk)
{
    return (clk == NULL) ? (uint8_t)MSDK_DATETIME_STATUS_INVALID : clk->status;
}

int32_t msdk_tou_clock_trim(const msdk_tou_clock_t *clk)
{
    return (clk == NULL) ? 0 : clk->trim_ppb;
}

/* Absolute set: shared by set, set_datetime, adjust_to_preset and a sync of an invalid
 * clock. Arguments already checked. */
static void do_set(msdk_tou_clock_t *clk, int64_t now_ms, int64_t new_ms,
                   msdk_tou_clock_report_t *rep)
{
    clk->status = 0u;
    slew_cancel(clk);
    ref_reset(clk);
    clk->last_tick_ms = new_ms;
    report_clear(rep);
    rep->events = MSDK_TOU_CLOCK_EV_STEP | MSDK_TOU_CLOCK_EV_ADJUSTED;
    rep->old_ms = now_ms;
    rep->new_ms = new_ms;
}

msdk_err_t msdk_tou_clock_set(msdk_tou_clock_t *clk, int64_t now_ms, int64_t new_ms,
                              msdk_tou_clock_report_t *rep)
{
    if ((clk == NULL) || (rep == NULL) || !ms_ok(new_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!ms_ok(now_ms) && ((clk->status & MSDK_DATETIME_STATUS_INVALID) == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    do_set(clk, now_ms, new_ms, rep);
    return MSDK_OK;
}

/* A complete COSEM date-time read in the zone, as UTC ms. */
static msdk_err_t dt_to_ms(const msdk_tou_tz_t *tz, const msdk_datetime_t *dt, int64_t *ms)
{
    int64_t utc = 0;
    msdk_err_t err =
        msdk_tou_tz_from_datetime(tz, dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &utc);
    if (err != MSDK_OK) {
        return err;
    }
    int64_t v = utc * MS_PER_S;
    if (dt->hundredths != MSDK_DATETIME_UNSPECIFIED) {
        v += (int64_t)dt->hundredths * 10;
    }
    if (!ms_ok(v)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *ms = v;
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_set_datetime(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                       int64_t now_ms, const msdk_datetime_t *dt,
                                       msdk_tou_clock_report_t *rep)
{
    int64_t new_ms = 0;
    if ((clk == NULL) || (tz == NULL) || (dt == NULL) || (rep == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = dt_to_ms(tz, dt, &new_ms);
    if (err != MSDK_OK) {
        return err;
    }
    return msdk_tou_clock_set(clk, now_ms, new_ms, rep);
}

/* Daily limit: whether a shift of d ms fits; *start and *used give the window after it. */
static bool budget_fits(const msdk_tou_clock_t *clk, int64_t now_ms, int64_t d, int64_t *start,
                        int64_t *used)
{
    int64_t s = clk->day_start_ms;
    int64_t u = clk->day_used_ms;
    if ((s == MSDK_TOU_CLOCK_NO_TIME) || (now_ms < s) || (now_ms - s >= MS_PER_DAY)) {
        s = now_ms;
        u = 0;
    }
    u += abs64(d);
    *start = s;
    *used = u;
    return (clk->cfg.max_shift_per_day_s == 0u) ||
           (u <= (int64_t)clk->cfg.max_shift_per_day_s * MS_PER_S);
}

static void report_refused(msdk_tou_clock_report_t *rep, int64_t now_ms, int64_t asked_ms)
{
    report_clear(rep);
    rep->events = MSDK_TOU_CLOCK_EV_SYNC_REFUSED;
    rep->old_ms = now_ms;
    rep->new_ms = asked_ms;
}

/* Applies an accepted relative correction of d ms (d != 0): a step, or a slew when allowed. */
static void apply_shift(msdk_tou_clock_t *clk, int64_t now_ms, int64_t d, bool may_slew,
                        msdk_tou_clock_report_t *rep)
{
    rep->events |= MSDK_TOU_CLOCK_EV_ADJUSTED;
    rep->old_ms = now_ms;
    rep->new_ms = now_ms + d;
    if (may_slew && (clk->cfg.slew_ms_per_s != 0u)) {
        clk->slew_left_ms = d;
        clk->slew_rem = 0;
        clk->last_tick_ms = now_ms;
        rep->events |= MSDK_TOU_CLOCK_EV_SLEW;
    } else {
        slew_cancel(clk);
        clk->corr_ms += d;
        clk->last_tick_ms = now_ms + d;
        rep->events |= MSDK_TOU_CLOCK_EV_STEP;
    }
}

msdk_err_t msdk_tou_clock_shift(msdk_tou_clock_t *clk, int64_t now_ms, int32_t shift_s,
                                msdk_tou_clock_report_t *rep)
{
    int64_t start = 0;
    int64_t used = 0;
    if ((clk == NULL) || (rep == NULL) || !ms_ok(now_ms) ||
        (shift_s > MSDK_TOU_CLOCK_SHIFT_MAX_S) || (shift_s < -MSDK_TOU_CLOCK_SHIFT_MAX_S)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const int64_t d = (int64_t)shift_s * MS_PER_S;
    if (!ms_ok(now_ms + d)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((clk->status & MSDK_DATETIME_STATUS_INVALID) != 0u) {
        return MSDK_ERR_STATE;
    }
    if (clk->slew_left_ms != 0) {
        return MSDK_ERR_BUSY;
    }
    if (d == 0) {
        report_clear(rep);
        return MSDK_OK;
    }
    if (!budget_fits(clk, now_ms, d, &start, &used)) {
        report_refused(rep, now_ms, now_ms + d);
        return MSDK_ERR_STATE;
    }
    clk->day_start_ms = start;
    clk->day_used_ms = used;
    report_clear(rep);
    apply_shift(clk, now_ms, d, true, rep);
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_sync(msdk_tou_clock_t *clk, int64_t now_ms, int64_t true_ms,
                               msdk_tou_clock_report_t *rep)
{
    int64_t start = 0;
    int64_t used = 0;
    if ((clk == NULL) || (rep == NULL) || !ms_ok(true_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((clk->status & MSDK_DATETIME_STATUS_INVALID) != 0u) {
        return msdk_tou_clock_set(clk, now_ms, true_ms, rep);
    }
    if (!ms_ok(now_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (clk->slew_left_ms != 0) {
        return MSDK_ERR_BUSY;
    }
    const int64_t d = true_ms - now_ms;
    if (!budget_fits(clk, now_ms, d, &start, &used)) {
        report_refused(rep, now_ms, true_ms);
        return MSDK_ERR_STATE;
    }
    report_clear(rep);

    /* Drift of the trimmed clock since the reference: the error that grew by itself. */
    const int64_t err_now = now_ms - true_ms;
    if ((clk->cfg.trim_learn_s != 0u) && (clk->ref_true_ms != MSDK_TOU_CLOCK_NO_TIME)) {
        const int64_t span = true_ms - clk->ref_true_ms;
        if (span >= (int64_t)clk->cfg.trim_learn_s * MS_PER_S) {
            int64_t growth = err_now - clk->ref_err_ms - clk->corr_ms;
            if (growth > GROWTH_MAX) {
                growth = GROWTH_MAX;
            } else if (growth < -GROWTH_MAX) {
                growth = -GROWTH_MAX;
            }
            int64_t trim = (int64_t)clk->trim_ppb - round_div(growth * PPB, span);
            if (trim > MSDK_TOU_CLOCK_TRIM_PPB_MAX) {
                trim = MSDK_TOU_CLOCK_TRIM_PPB_MAX;
            } else if (trim < -MSDK_TOU_CLOCK_TRIM_PPB_MAX) {
                trim = -MSDK_TOU_CLOCK_TRIM_PPB_MAX;
            }
            if (trim != (int64_t)clk->trim_ppb) {
                clk->trim_ppb = (int32_t)trim;
                rep->events |= MSDK_TOU_CLOCK_EV_TRIM;
                rep->trim_ppb = (int32_t)trim;
            }
        }
    }
    clk->ref_true_ms = true_ms;
    clk->ref_err_ms = err_now;
    clk->corr_ms = 0;
    clk->status &= (uint8_t)~MSDK_DATETIME_STATUS_DOUBTFUL; /* the source confirmed the time */

    if (d != 0) {
        clk->day_start_ms = start;
        clk->day_used_ms = used;
        apply_shift(clk, now_ms, d, abs64(d) <= (int64_t)MSDK_TOU_CLOCK_SHIFT_MAX_S * MS_PER_S,
                    rep);
    } else {
        rep->old_ms = now_ms;
        rep->new_ms = now_ms;
    }
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_tick(msdk_tou_clock_t *clk, int64_t now_ms, int64_t *corr_ms)
{
    if ((clk == NULL) || (corr_ms == NULL) || !ms_ok(now_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    int64_t corr = 0;
    if ((clk->slew_left_ms != 0) && (clk->last_tick_ms != MSDK_TOU_CLOCK_NO_TIME) &&
        (now_ms > clk->last_tick_ms)) {
        /* At most rate ms per s of clock time: elapsed * rate / 1000, remainder carried. */
        const int64_t elapsed = now_ms - clk->last_tick_ms;
        const int64_t num =
            ((elapsed < MS_PER_DAY) ? elapsed : MS_PER_DAY) * (int64_t)clk->cfg.slew_ms_per_s +
            clk->slew_rem;
        const int64_t allowed = num / MS_PER_S;
        clk->slew_rem = num % MS_PER_S;
        corr = clk->slew_left_ms;
        if (corr > allowed) {
            corr = allowed;
        } else if (corr < -allowed) {
            corr = -allowed;
        }
        if (!ms_ok(now_ms + corr)) {
            corr = 0;
        }
        clk->slew_left_ms -= corr;
        clk->corr_ms += corr;
        if (clk->slew_left_ms == 0) {
            clk->slew_rem = 0;
        }
    }
    clk->last_tick_ms = now_ms + corr;
    *corr_ms = corr;
    return MSDK_OK;
}

/* Rounds the local time of now_ms to the nearest multiple of step_ms (ties forward), keeping
 * the local offset of now_ms. */
static msdk_err_t adjust_to(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz, int64_t now_ms,
                            int64_t step_ms, msdk_tou_clock_report_t *rep)
{
    msdk_tou_local_t loc;
    if ((clk == NULL) || (tz == NULL) || (rep == NULL) || !ms_ok(now_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_tou_tz_local_from_utc(tz, floor_div(now_ms, MS_PER_S), &loc);
    if (err != MSDK_OK) {
        return err;
    }
    const int64_t off_ms = (int64_t)loc.offset * 60 * MS_PER_S;
    const int64_t local_ms = now_ms + off_ms;
    const int64_t q = floor_div(local_ms, step_ms);
    const int64_t r = local_ms - (q * step_ms);
    const int64_t target = ((2 * r) >= step_ms) ? ((q + 1) * step_ms) : (q * step_ms);
    const int64_t new_ms = target - off_ms;
    if (!ms_ok(new_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((clk->status & MSDK_DATETIME_STATUS_INVALID) != 0u) {
        return MSDK_ERR_STATE;
    }
    report_clear(rep);
    if (new_ms != now_ms) {
        apply_shift(clk, now_ms, new_ms - now_ms, false, rep);
    }
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_adjust_to_quarter(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                            int64_t now_ms, msdk_tou_clock_report_t *rep)
{
    return adjust_to(clk, tz, now_ms, INT64_C(900000), rep);
}

msdk_err_t msdk_tou_clock_adjust_to_period(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                           int64_t now_ms, uint32_t period_s,
                                           msdk_tou_clock_report_t *rep)
{
    if ((period_s == 0u) || (period_s > 86400u) || ((86400u % period_s) != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return adjust_to(clk, tz, now_ms, (int64_t)period_s * MS_PER_S, rep);
}

msdk_err_t msdk_tou_clock_adjust_to_minute(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                           int64_t now_ms, msdk_tou_clock_report_t *rep)
{
    return adjust_to(clk, tz, now_ms, INT64_C(60000), rep);
}

msdk_err_t msdk_tou_clock_preset(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                 const msdk_datetime_t *preset, const msdk_datetime_t *start,
                                 const msdk_datetime_t *end)
{
    int64_t p = 0;
    int64_t s = 0;
    int64_t e = 0;
    if ((clk == NULL) || (tz == NULL) || (preset == NULL) || (start == NULL) || (end == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = dt_to_ms(tz, preset, &p);
    if (err == MSDK_OK) {
        err = dt_to_ms(tz, start, &s);
    }
    if (err == MSDK_OK) {
        err = dt_to_ms(tz, end, &e);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if ((s > p) || (p > e)) {
        return MSDK_ERR_INVALID_ARG;
    }
    clk->preset_set = true;
    clk->preset_ms = p;
    clk->preset_start_ms = s;
    clk->preset_end_ms = e;
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_adjust_to_preset(msdk_tou_clock_t *clk, int64_t now_ms,
                                           msdk_tou_clock_report_t *rep)
{
    if ((clk == NULL) || (rep == NULL) || !ms_ok(now_ms)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!clk->preset_set) {
        return MSDK_ERR_NOT_FOUND;
    }
    if ((now_ms < clk->preset_start_ms) || (now_ms > clk->preset_end_ms)) {
        return MSDK_ERR_STATE;
    }
    clk->preset_set = false;
    do_set(clk, now_ms, clk->preset_ms, rep);
    return MSDK_OK;
}

msdk_err_t msdk_tou_clock_power_up(msdk_tou_clock_t *clk,
                                   const msdk_tou_clock_power_up_info_t *info,
                                   msdk_tou_clock_report_t *rep)
{
    if ((clk == NULL) || (info == NULL) || (rep == NULL) || !ms_ok(info->down_ms) ||
        (info->rtc_valid && !ms_ok(info->now_ms))) {
        return MSDK_ERR_INVALID_ARG;
    }
    bool invalid = !info->rtc_valid || (clk->cfg.backup == MSDK_TOU_CLOCK_BACKUP_NONE) ||
                   (info->now_ms < info->down_ms);
    bool doubtful = false;
    if (!invalid) {
        const int64_t outage = info->now_ms - info->down_ms;
        if (clk->cfg.backup == MSDK_TOU_CLOCK_BACKUP_SUPERCAP) {
            invalid = outage > (int64_t)clk->cfg.backup_s * MS_PER_S;
            doubtful =
                (clk->cfg.doubtful_s != 0u) && (outage > (int64_t)clk->cfg.doubtful_s * MS_PER_S);
        } else {
            doubtful = !info->battery_ok;
        }
    }
    report_clear(rep);
    rep->old_ms = info->now_ms;
    rep->new_ms = info->now_ms;
    if (invalid && ((clk->status & MSDK_DATETIME_STATUS_INVALID) == 0u)) {
        rep->events = MSDK_TOU_CLOCK_EV_INVALID;
    }
    if (invalid) {
        clk->status |= MSDK_DATETIME_STATUS_INVALID;
    } else if (doubtful) {
        clk->status |= MSDK_DATETIME_STATUS_DOUBTFUL;
    }
    slew_cancel(clk);
    ref_reset(clk);
    clk->last_tick_ms = info->rtc_valid ? info->now_ms : MSDK_TOU_CLOCK_NO_TIME;
    return MSDK_OK;
}
