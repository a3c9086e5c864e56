/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Block and sliding demand, maximum demand per billing period (msdk/tou/demand.h).
 *
 * State: the subinterval in progress [sub_start, sub_end) with its energy per channel (cur)
 * and status bits (cur_st); a ring of the last n closed subintervals (slot, slot_st, head =
 * the oldest); t_max, the latest time measured up to, and t_prev/e_prev, the time and
 * energies of the previous call. Invariants: t_prev <= t_max < sub_end, sub_end a multiple
 * of the period, sub_end - period <= sub_start < sub_end. t_prev < t_max only while the
 * clock replays time after a set back.
 *
 * Arithmetic: times are 0..MSDK_TOU_DEMAND_TIME_MAX, energies and demands >= 0; sums
 * saturate at INT64_MAX instead of overflowing. */
#include <string.h>

#include "msdk/tou/demand.h"

/* a + b for a, b >= 0, saturating. */
static int64_t sat_add(int64_t a, int64_t b)
{
    return (b > (INT64_MAX - a)) ? INT64_MAX : (a + b);
}

/* x * num / den rounded towards zero, for x >= 0, 0 <= num <= den, 0 < den <= 2^31: never
 * overflows (q * num <= x and r * num < den^2). */
static int64_t muldiv(int64_t x, int64_t num, int64_t den)
{
    int64_t q = x / den;
    int64_t r = x % den;
    return (q * num) + ((r * num) / den);
}

/* Average power of energy e >= 0 over len > 0 seconds: e * 3600 / len, saturating. */
static int64_t demand_of(int64_t e, int64_t len)
{
    int64_t q = e / len;
    int64_t r = e % len;
    if (q > (INT64_MAX / 3600)) {
        return INT64_MAX;
    }
    return sat_add(q * 3600, (r * 3600) / len);
}

static bool time_ok(int64_t t)
{
    return (t >= 0) && (t <= MSDK_TOU_DEMAND_TIME_MAX);
}

static bool energy_ok(const int64_t *energy, uint8_t channels)
{
    for (uint8_t ch = 0u; ch < channels; ch++) {
        if (energy[ch] < 0) {
            return false;
        }
    }
    return true;
}

static bool max_ok(const msdk_tou_demand_max_t *m)
{
    for (uint32_t ch = 0u; ch < MSDK_TOU_DEMAND_CHANNELS_MAX; ch++) {
        if ((m->value[ch] < 0) ||
            ((m->time[ch] != MSDK_TOU_DEMAND_NO_TIME) && !time_ok(m->time[ch]))) {
            return false;
        }
    }
    return (m->since == MSDK_TOU_DEMAND_NO_TIME) || time_ok(m->since);
}

static int64_t window_len(const msdk_tou_demand_t *d)
{
    return (int64_t)d->cfg.period * (int64_t)d->cfg.number_of_periods;
}

/* Whether d is an initialised engine whose fields keep the invariants (an engine restored
 * from storage is checked as well as one in RAM: nothing below can index out of bounds or
 * overflow on a damaged one). */
static bool engine_ok(const msdk_tou_demand_t *d)
{
    if ((d == NULL) || !d->ready || (msdk_tou_demand_config_check(&d->cfg) != MSDK_OK)) {
        return false;
    }
    const int64_t p = (int64_t)d->cfg.period;
    const uint32_t n = d->cfg.number_of_periods;
    if ((d->head >= n) || !time_ok(d->t_prev) || !time_ok(d->t_max) || (d->t_prev > d->t_max) ||
        (d->sub_end <= d->t_max) || ((d->sub_end % p) != 0) || (d->sub_start >= d->sub_end) ||
        (d->sub_start < (d->sub_end - p)) || !max_ok(&d->max)) {
        return false;
    }
    for (uint8_t ch = 0u; ch < d->cfg.channels; ch++) {
        if ((d->e_prev[ch] < 0) || (d->cur[ch] < 0) || (d->last[ch] < 0)) {
            return false;
        }
        for (uint32_t i = 0u; i < n; i++) {
            if (d->slot[ch][i] < 0) {
                return false;
            }
        }
    }
    return true;
}

msdk_err_t msdk_tou_demand_config_check(const msdk_tou_demand_config_t *cfg)
{
    if ((cfg == NULL) || (cfg->period == 0u) || (cfg->period > MSDK_TOU_DEMAND_PERIOD_MAX) ||
        ((MSDK_TOU_DEMAND_PERIOD_MAX % cfg->period) != 0u) || (cfg->number_of_periods == 0u) ||
        (cfg->number_of_periods > MSDK_TOU_DEMAND_PERIODS_MAX) || (cfg->channels == 0u) ||
        (cfg->channels > MSDK_TOU_DEMAND_CHANNELS_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

/* Closes the subinterval in progress at b (its aligned end, or earlier for next_period):
 * into the ring, the window ending at b computed, the maximum offered a complete window. */
static void close_at(msdk_tou_demand_t *d, int64_t b)
{
    const uint32_t n = d->cfg.number_of_periods;
    for (uint8_t ch = 0u; ch < d->cfg.channels; ch++) {
        d->slot[ch][d->head] = d->cur[ch];
        d->cur[ch] = 0;
    }
    d->slot_st[d->head] = d->cur_st;
    d->cur_st = 0u;
    d->head = (uint8_t)((d->head + 1u) % n);

    uint8_t st = 0u;
    for (uint32_t i = 0u; i < n; i++) {
        st |= d->slot_st[i];
    }
    d->last_st = st;
    d->capture_time = b;
    for (uint8_t ch = 0u; ch < d->cfg.channels; ch++) {
        int64_t sum = 0;
        for (uint32_t i = 0u; i < n; i++) {
            sum = sat_add(sum, d->slot[ch][i]);
        }
        d->last[ch] = demand_of(sum, window_len(d));
        if ((st == 0u) &&
            ((d->max.time[ch] == MSDK_TOU_DEMAND_NO_TIME) || (d->last[ch] > d->max.value[ch]))) {
            d->max.value[ch] = d->last[ch];
            d->max.time[ch] = b;
        }
    }
    if (b == d->sub_end) {
        d->sub_end = b + (int64_t)d->cfg.period;
    }
    d->sub_start = b;
}

/* Continues at t with the time since the last measurement unmeasured (bits `cause`): a
 * power-down, a clock step, a gap. Forwards, every subinterval the jump touches is marked
 * and the ones it passes are closed with no energy; backwards, the clock replays time up to
 * t_max without measuring it. */
static void resume(msdk_tou_demand_t *d, int64_t t, const int64_t *energy, uint8_t cause)
{
    d->cur_st |= cause;
    if (t > d->t_max) {
        const uint32_t n = d->cfg.number_of_periods;
        const int64_t p = (int64_t)d->cfg.period;
        uint32_t closes = 0u;
        while (t >= d->sub_end) {
            if (closes > n) {
                /* Every subinterval in the ring (closed during this jump) holds no energy
                 * and the bits `cause`, and so would every further one: the windows up to
                 * the subinterval containing t are all the same, 0 and marked. */
                const int64_t b = t - (t % p);
                d->sub_start = b;
                d->sub_end = b + p;
                d->capture_time = b;
                /* the subinterval now in progress starts at b: its own bits only (its
                 * energy is 0, as that of every subinterval opened during the jump) */
                d->cur_st = (t > b) ? cause : 0u;
                break;
            }
            const int64_t b = d->sub_end;
            close_at(d, b);
            closes++;
            if (t > b) {
                d->cur_st |= cause;
            }
        }
        d->t_max = t;
    }
    d->t_prev = t;
    for (uint8_t ch = 0u; ch < d->cfg.channels; ch++) {
        d->e_prev[ch] = energy[ch];
    }
}

/* Measures from the previous call to t (t_prev <= t <= t_prev + n * P). */
static void measure(msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    const uint8_t channels = d->cfg.channels;
    const int64_t dt = t - d->t_prev;
    int64_t cnt[MSDK_TOU_DEMAND_CHANNELS_MAX];
    bool reg_reset = false;
    for (uint8_t ch = 0u; ch < channels; ch++) {
        cnt[ch] = energy[ch] - d->e_prev[ch];
        if (cnt[ch] < 0) {
            cnt[ch] = 0; /* a register reset: the energy before it in this span is lost */
            reg_reset = true;
        }
        d->e_prev[ch] = energy[ch];
    }
    if (reg_reset) {
        d->cur_st |= MSDK_TOU_DEMAND_ST_REGISTER;
    }
    int64_t a = d->t_prev;
    d->t_prev = t;
    if (a < d->t_max) {
        /* The clock is replaying time already measured: only the part after t_max counts. */
        if (t <= d->t_max) {
            return;
        }
        for (uint8_t ch = 0u; ch < channels; ch++) {
            cnt[ch] = muldiv(cnt[ch], t - d->t_max, dt);
        }
        a = d->t_max;
    }
    while (t >= d->sub_end) {
        const int64_t b = d->sub_end;
        for (uint8_t ch = 0u; ch < channels; ch++) {
            const int64_t part = muldiv(cnt[ch], b - a, t - a);
            d->cur[ch] = sat_add(d->cur[ch], part);
            cnt[ch] -= part;
        }
        a = b;
        close_at(d, b);
        if (reg_reset && (t > b)) {
            d->cur_st |= MSDK_TOU_DEMAND_ST_REGISTER;
        }
    }
    for (uint8_t ch = 0u; ch < channels; ch++) {
        d->cur[ch] = sat_add(d->cur[ch], cnt[ch]);
    }
    d->t_max = t;
}

/* The regular step: a clock set back, a gap, or a measurement. */
static void step(msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    if (t < d->t_prev) {
        resume(d, t, energy, MSDK_TOU_DEMAND_ST_CLOCK);
    } else if ((t - d->t_prev) > window_len(d)) {
        resume(d, t, energy, MSDK_TOU_DEMAND_ST_GAP);
    } else {
        measure(d, t, energy);
    }
}

/* Common start of init and restart; arguments already checked. */
static void start(msdk_tou_demand_t *d, const msdk_tou_demand_config_t *cfg,
                  const msdk_tou_demand_max_t *max, int64_t t, const int64_t *energy)
{
    memset(d, 0, sizeof(*d));
    d->cfg = *cfg;
    const int64_t p = (int64_t)cfg->period;
    d->sub_start = t - (t % p);
    d->sub_end = d->sub_start + p;
    d->cur_st = (t > d->sub_start) ? MSDK_TOU_DEMAND_ST_START : 0u;
    for (uint32_t i = 0u; i < cfg->number_of_periods; i++) {
        d->slot_st[i] = MSDK_TOU_DEMAND_ST_START;
    }
    d->last_st = MSDK_TOU_DEMAND_ST_START;
    d->capture_time = t;
    d->t_prev = t;
    d->t_max = t;
    for (uint8_t ch = 0u; ch < cfg->channels; ch++) {
        d->e_prev[ch] = energy[ch];
    }
    d->max = *max;
    d->ready = true;
}

msdk_err_t msdk_tou_demand_init(msdk_tou_demand_t *d, const msdk_tou_demand_config_t *cfg,
                                const msdk_tou_demand_max_t *max, int64_t t, const int64_t *energy)
{
    if ((d == NULL) || (energy == NULL) || (msdk_tou_demand_config_check(cfg) != MSDK_OK) ||
        !time_ok(t) || !energy_ok(energy, cfg->channels) || ((max != NULL) && !max_ok(max))) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_demand_max_t m;
    if (max != NULL) {
        m = *max;
    } else {
        for (uint32_t ch = 0u; ch < MSDK_TOU_DEMAND_CHANNELS_MAX; ch++) {
            m.value[ch] = 0;
            m.time[ch] = MSDK_TOU_DEMAND_NO_TIME;
        }
        m.since = t;
    }
    start(d, cfg, &m, t, energy);
    return MSDK_OK;
}

msdk_err_t msdk_tou_demand_restart(msdk_tou_demand_t *d, const msdk_tou_demand_config_t *cfg,
                                   int64_t t, const int64_t *energy)
{
    if ((d == NULL) || (energy == NULL) || !time_ok(t)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!engine_ok(d)) {
        return MSDK_ERR_STATE;
    }
    /* copies first: cfg may point into d */
    const msdk_tou_demand_config_t c = (cfg != NULL) ? *cfg : d->cfg;
    if ((msdk_tou_demand_config_check(&c) != MSDK_OK) || !energy_ok(energy, c.channels)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_tou_demand_max_t m = d->max;
    for (uint32_t ch = c.channels; ch < MSDK_TOU_DEMAND_CHANNELS_MAX; ch++) {
        m.value[ch] = 0;
        m.time[ch] = MSDK_TOU_DEMAND_NO_TIME;
    }
    start(d, &c, &m, t, energy);
    return MSDK_OK;
}

/* The checks shared by the calls that take a time and the energies. */
static msdk_err_t check_call(const msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    if ((d == NULL) || (energy == NULL) || !time_ok(t)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!engine_ok(d)) {
        return MSDK_ERR_STATE;
    }
    return energy_ok(energy, d->cfg.channels) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

msdk_err_t msdk_tou_demand_update(msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    msdk_err_t err = check_call(d, t, energy);
    if (err == MSDK_OK) {
        step(d, t, energy);
    }
    return err;
}

msdk_err_t msdk_tou_demand_power_up(msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    msdk_err_t err = check_call(d, t, energy);
    if (err == MSDK_OK) {
        resume(d, t, energy, MSDK_TOU_DEMAND_ST_POWER);
    }
    return err;
}

msdk_err_t msdk_tou_demand_clock_step(msdk_tou_demand_t *d, int64_t t_old, int64_t t_new,
                                      const int64_t *energy)
{
    msdk_err_t err = check_call(d, t_old, energy);
    if ((err == MSDK_OK) && !time_ok(t_new)) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if (err == MSDK_OK) {
        step(d, t_old, energy);
        if (t_new != t_old) {
            resume(d, t_new, energy, MSDK_TOU_DEMAND_ST_CLOCK);
        }
    }
    return err;
}

msdk_err_t msdk_tou_demand_next_period(msdk_tou_demand_t *d, int64_t t, const int64_t *energy)
{
    msdk_err_t err = check_call(d, t, energy);
    if (err == MSDK_OK) {
        step(d, t, energy);
        /* After a set back the subinterval has been measured up to t_max, not t: it closes
         * there, so that capture times never go back. */
        const int64_t c = d->t_max;
        if (c != d->sub_start) {
            d->cur_st |= MSDK_TOU_DEMAND_ST_SHORT;
            close_at(d, c);
            d->cur_st = MSDK_TOU_DEMAND_ST_SHORT; /* the next one starts late */
        }
    }
    return err;
}

msdk_err_t msdk_tou_demand_billing_reset(msdk_tou_demand_t *d, int64_t t,
                                         msdk_tou_demand_max_t *closed)
{
    if ((d == NULL) || !time_ok(t)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!engine_ok(d)) {
        return MSDK_ERR_STATE;
    }
    if (closed != NULL) {
        *closed = d->max;
    }
    for (uint32_t ch = 0u; ch < MSDK_TOU_DEMAND_CHANNELS_MAX; ch++) {
        d->max.value[ch] = 0;
        d->max.time[ch] = MSDK_TOU_DEMAND_NO_TIME;
    }
    d->max.since = t;
    return MSDK_OK;
}

msdk_err_t msdk_tou_demand_read(const msdk_tou_demand_t *d, uint8_t ch,
                                msdk_tou_demand_reading_t *r)
{
    if ((d == NULL) || (r == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!engine_ok(d)) {
        return MSDK_ERR_STATE;
    }
    if (ch >= d->cfg.channels) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The window in progress: the n - 1 newest closed subintervals (all but the oldest, at
     * head) and the one in progress. */
    const uint32_t n = d->cfg.number_of_periods;
    int64_t sum = d->cur[ch];
    uint8_t st = d->cur_st;
    for (uint32_t i = 0u; i < n; i++) {
        if (i != d->head) {
            sum = sat_add(sum, d->slot[ch][i]);
            st |= d->slot_st[i];
        }
    }
    r->current_average = demand_of(sum, window_len(d));
    r->last_average = d->last[ch];
    r->status = d->last_st;
    r->current_status = st;
    r->capture_time = d->capture_time;
    r->start_time_current = d->sub_end - window_len(d);
    r->period = d->cfg.period;
    r->number_of_periods = d->cfg.number_of_periods;
    return MSDK_OK;
}

const msdk_tou_demand_max_t *msdk_tou_demand_max(const msdk_tou_demand_t *d)
{
    return engine_ok(d) ? &d->max : NULL;
}
