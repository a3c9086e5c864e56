/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "quality.h"

#include <string.h>

const ma304h4_quality_config_t ma304h4_quality_defaults = {
    .u_nom_mv = 230000u,
    .missing_pct = 50u,
    .under_pct = 90u,
    .over_pct = 110u,
    .hyst_pct = 1u,
    .voltage_s = 60u,
    .seq_tol_mdeg = 30000u,
    .seq_s = 10u,
    .neutral_on_pct = 20u,
    .neutral_off_pct = 10u,
    .neutral_s = 10u,
};

/* sin(d deg) for d = 0..90, x 65536 (rounded). */
static const uint32_t sin_q16_table[91] = {
    0u,     1144u,  2287u,  3430u,  4572u,  5712u,  6850u,  7987u,  9121u,  10252u, 11380u, 12505u,
    13626u, 14742u, 15855u, 16962u, 18064u, 19161u, 20252u, 21336u, 22415u, 23486u, 24550u, 25607u,
    26656u, 27697u, 28729u, 29753u, 30767u, 31772u, 32768u, 33754u, 34729u, 35693u, 36647u, 37590u,
    38521u, 39441u, 40348u, 41243u, 42126u, 42995u, 43852u, 44695u, 45525u, 46341u, 47143u, 47930u,
    48703u, 49461u, 50203u, 50931u, 51643u, 52339u, 53020u, 53684u, 54332u, 54963u, 55578u, 56175u,
    56756u, 57319u, 57865u, 58393u, 58903u, 59396u, 59870u, 60326u, 60764u, 61183u, 61584u, 61966u,
    62328u, 62672u, 62997u, 63303u, 63589u, 63856u, 64104u, 64332u, 64540u, 64729u, 64898u, 65048u,
    65177u, 65287u, 65376u, 65446u, 65496u, 65526u, 65536u,
};

/* sin of an angle in mdeg, x 65536: the table folded into the quadrant, linear between its
 * whole degrees. */
static int32_t sin_q16(uint32_t mdeg)
{
    mdeg %= 360000u;
    bool negative = mdeg >= 180000u;
    if (negative) {
        mdeg -= 180000u;
    }
    if (mdeg > 90000u) {
        mdeg = 180000u - mdeg;
    }
    uint32_t d = mdeg / 1000u;
    uint32_t f = mdeg % 1000u;
    uint32_t s = sin_q16_table[d];
    if (f != 0u) { /* d < 90 here */
        s += ((sin_q16_table[d + 1u] - s) * f + 500u) / 1000u;
    }
    return negative ? -(int32_t)s : (int32_t)s;
}

static uint64_t isqrt64(uint64_t x)
{
    uint64_t r = 0u;
    uint64_t bit = (uint64_t)1u << 62;
    while (bit > x) {
        bit >>= 2;
    }
    while (bit != 0u) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

/* The three phasors of a result, x 2^16 mV: x = v cos(a), y = v sin(a) for the angle a behind
 * L1 (the sign of y is the same for every phase, which leaves every magnitude below as it
 * is). mV (< 2^32 / 1000 < 2^23) x 2^16: each component below 2^39 in magnitude. */
static void phasors_q16(const msdk_metro_result_t *r, int64_t x[MSDK_METRO_PHASES],
                        int64_t y[MSDK_METRO_PHASES])
{
    for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
        int64_t v = (int64_t)(r->ph[k].v_uv / 1000u);
        uint32_t a = r->ph[k].v_angle_mdeg % 360000u;
        x[k] = v * sin_q16(a + 90000u); /* cos */
        y[k] = v * sin_q16(a);
    }
}

/* n / d rounded to the nearest, halves away from 0 (d > 0). */
static int64_t div_round(int64_t n, int64_t d)
{
    return (n >= 0) ? ((n + (d / 2)) / d) : -((-n + (d / 2)) / d);
}

/* The magnitude of a vector given in units of 1 / d mV, in mV. Each component, once in mV,
 * is below 2^25 in magnitude here: the squares below 2^50. */
static uint32_t magnitude_mv(int64_t x, int64_t y, int64_t d)
{
    const int64_t xm = div_round(x, d);
    const int64_t ym = div_round(y, d);
    return (uint32_t)isqrt64((uint64_t)(xm * xm) + (uint64_t)(ym * ym));
}

uint32_t ma304h4_quality_phasor_sum_mv(const msdk_metro_result_t *r)
{
    int64_t x[MSDK_METRO_PHASES];
    int64_t y[MSDK_METRO_PHASES];
    phasors_q16(r, x, y);
    return magnitude_mv(x[0] + x[1] + x[2], y[0] + y[1] + y[2], 65536);
}

/* A percentage of Un, in uV. */
static uint64_t pct_uv(const ma304h4_quality_config_t *c, uint32_t pct)
{
    return (uint64_t)c->u_nom_mv * pct * 10u;
}

/* Seconds in a condition: dt more when it goes on, 1 when it starts, 0 when it is not met;
 * saturates far above any configured time. */
static uint32_t held(bool now, bool before, uint32_t count, uint32_t dt)
{
    if (!now) {
        return 0u;
    }
    if (!before || (count == 0u)) {
        return 1u;
    }
    return (count > (UINT32_MAX / 2u) - dt) ? (UINT32_MAX / 2u) : count + dt;
}

static void report(ma304h4_quality_t *q, msdk_evlog_kind_t kind, uint8_t phase)
{
    if (q->event != NULL) {
        q->event(q->ctx, kind, phase);
    }
}

static void phase_second(ma304h4_quality_t *q, uint32_t k, uint32_t v_uv, uint32_t dt)
{
    const ma304h4_quality_config_t *c = q->cfg;
    ma304h4_quality_phase_t *p = &q->ph[k];
    const uint64_t v = v_uv;
    const uint64_t hyst = pct_uv(c, c->hyst_pct);
    const uint8_t rep = p->reported;
    /* The limits, moved inwards by the hysteresis while the phase is reported beyond them. */
    uint64_t missing_lim = pct_uv(c, c->missing_pct);
    uint64_t under_lim = pct_uv(c, c->under_pct);
    uint64_t over_lim = pct_uv(c, c->over_pct);
    if (rep == (uint8_t)MA304H4_QUALITY_MISSING) {
        missing_lim += hyst;
    }
    if ((rep == (uint8_t)MA304H4_QUALITY_UNDER) || (rep == (uint8_t)MA304H4_QUALITY_MISSING)) {
        under_lim += hyst;
    }
    if (rep == (uint8_t)MA304H4_QUALITY_OVER) {
        over_lim = (over_lim > hyst) ? over_lim - hyst : 0u;
    }
    const bool low = v < under_lim;
    const uint8_t zone = (v < missing_lim) ? (uint8_t)MA304H4_QUALITY_MISSING
                         : low             ? (uint8_t)MA304H4_QUALITY_UNDER
                         : (v > over_lim)  ? (uint8_t)MA304H4_QUALITY_OVER
                                           : (uint8_t)MA304H4_QUALITY_NORMAL;
    p->zone_s = held(true, zone == p->zone, p->zone_s, dt);
    p->low_s = held(low, p->low_s != 0u, p->low_s, dt);
    p->zone = zone;

    const uint32_t t = c->voltage_s;
    uint8_t next = rep;
    msdk_evlog_kind_t kind = MSDK_EVK_VOLTAGE_NORMAL;
    if ((zone == (uint8_t)MA304H4_QUALITY_MISSING) && (p->zone_s >= t)) {
        /* First: a phase that went straight to 0 V is missing, not also undervoltage. */
        next = (uint8_t)MA304H4_QUALITY_MISSING;
        kind = MSDK_EVK_MISSING_VOLTAGE;
    } else if (low && (p->low_s >= t) &&
               ((rep == (uint8_t)MA304H4_QUALITY_NORMAL) ||
                (rep == (uint8_t)MA304H4_QUALITY_OVER))) {
        /* Below 90 % for the time, missing seconds included. */
        next = (uint8_t)MA304H4_QUALITY_UNDER;
        kind = MSDK_EVK_UNDERVOLTAGE;
    } else if ((zone == (uint8_t)MA304H4_QUALITY_UNDER) && (p->zone_s >= t)) {
        /* From missing: back at or above 51 %, still below 91 % (from normal or overvoltage
         * the rule above has fired already). */
        next = (uint8_t)MA304H4_QUALITY_UNDER;
        kind = MSDK_EVK_UNDERVOLTAGE;
    } else if ((zone == (uint8_t)MA304H4_QUALITY_OVER) && (p->zone_s >= t)) {
        next = (uint8_t)MA304H4_QUALITY_OVER;
        kind = MSDK_EVK_OVERVOLTAGE;
    } else if ((zone == (uint8_t)MA304H4_QUALITY_NORMAL) && (p->zone_s >= t)) {
        next = (uint8_t)MA304H4_QUALITY_NORMAL;
        kind = MSDK_EVK_VOLTAGE_NORMAL;
    } else {
        /* Nothing has lasted long enough. */
    }
    if (next != rep) {
        p->reported = next;
        report(q, kind, (uint8_t)(k + 1u));
    }
}

/* Whether angle a (mdeg) is within tol of want, around the circle. */
static bool near_mdeg(uint32_t a, uint32_t want, uint32_t tol)
{
    const uint32_t x = a % 360000u;
    uint32_t d = (x >= want) ? x - want : want - x;
    if (d > 180000u) {
        d = 360000u - d;
    }
    return d <= tol;
}

static void sequence_second(ma304h4_quality_t *q, const msdk_metro_result_t *r, bool present,
                            uint32_t dt)
{
    const ma304h4_quality_config_t *c = q->cfg;
    const uint32_t a2 = r->ph[1].v_angle_mdeg;
    const uint32_t a3 = r->ph[2].v_angle_mdeg;
    const bool reversed = present && near_mdeg(a2, 240000u, c->seq_tol_mdeg) &&
                          near_mdeg(a3, 120000u, c->seq_tol_mdeg);
    const bool correct = present && near_mdeg(a2, 120000u, c->seq_tol_mdeg) &&
                         near_mdeg(a3, 240000u, c->seq_tol_mdeg);
    q->seq_rev_s = held(reversed, true, q->seq_rev_s, dt);
    q->seq_ok_s = held(correct, true, q->seq_ok_s, dt);
    if (!q->seq_reported && (q->seq_rev_s >= c->seq_s)) {
        q->seq_reported = true;
        report(q, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u);
    } else if (q->seq_reported && (q->seq_ok_s >= c->seq_s)) {
        q->seq_reported = false; /* no event: the next reversal is recorded again */
    } else {
        /* Nothing has lasted long enough. */
    }
}

/* Whether the result is a star shifted by one common vector d around a source inside the
 * normal band: the phasor sum S = V1 + V2 + V3 above neutral_on_pct of Un, and every
 * reconstructed source phasor Ek = Vk + d = Vk - S / 3 (d = -S / 3, as the source's sum is
 * 0) at or above under_pct and at or below over_pct of Un. Sets the magnitude of S, uV. */
static bool floating_star(const ma304h4_quality_config_t *c, const msdk_metro_result_t *r,
                          uint64_t *sum_uv)
{
    int64_t x[MSDK_METRO_PHASES];
    int64_t y[MSDK_METRO_PHASES];
    phasors_q16(r, x, y);
    const int64_t sx = x[0] + x[1] + x[2]; /* below 2^41 in magnitude */
    const int64_t sy = y[0] + y[1] + y[2];
    *sum_uv = (uint64_t)magnitude_mv(sx, sy, 65536) * 1000u;
    if (*sum_uv <= pct_uv(c, c->neutral_on_pct)) {
        return false;
    }
    const uint64_t lo = pct_uv(c, c->under_pct);
    const uint64_t hi = pct_uv(c, c->over_pct);
    for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
        /* 3 Ek = 3 Vk - S, x 2^16 mV: below 2^42 in magnitude; |Ek| below 2^24 mV. */
        const uint64_t e_uv =
            (uint64_t)magnitude_mv((3 * x[k]) - sx, (3 * y[k]) - sy, 3 * 65536) * 1000u;
        if ((e_uv < lo) || (e_uv > hi)) {
            return false;
        }
    }
    return true;
}

static void neutral_second(ma304h4_quality_t *q, const msdk_metro_result_t *r, bool present,
                           uint32_t dt)
{
    const ma304h4_quality_config_t *c = q->cfg;
    uint64_t sum_uv = 0u;
    const bool on = floating_star(c, r, &sum_uv) && present;
    const bool off = sum_uv < pct_uv(c, c->neutral_off_pct);
    q->neutral_on_s = held(on, true, q->neutral_on_s, dt);
    q->neutral_off_s = held(off, true, q->neutral_off_s, dt);
    if (!q->neutral_reported && (q->neutral_on_s >= c->neutral_s)) {
        q->neutral_reported = true;
        report(q, MSDK_EVK_MISSING_NEUTRAL, 0u);
    } else if (q->neutral_reported && (q->neutral_off_s >= c->neutral_s)) {
        q->neutral_reported = false; /* no event (IDIS has no code for it) */
    } else {
        /* Nothing has lasted long enough. */
    }
}

static void period_reset(ma304h4_quality_period_t *p)
{
    memset(p, 0, sizeof *p);
    for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
        p->v_min_uv[k] = UINT32_MAX;
    }
}

void ma304h4_quality_init(ma304h4_quality_t *q, const ma304h4_quality_config_t *cfg,
                          ma304h4_quality_event_fn event, void *ctx)
{
    memset(q, 0, sizeof *q);
    q->cfg = (cfg != NULL) ? cfg : &ma304h4_quality_defaults;
    q->event = event;
    q->ctx = ctx;
    period_reset(&q->period);
}

void ma304h4_quality_second(ma304h4_quality_t *q, const msdk_metro_result_t *r, uint32_t seq)
{
    if ((seq == 0u) || (q->started && (seq == q->seq))) {
        return;
    }
    const uint32_t dt = q->started ? seq - q->seq : 1u; /* wraps correctly */
    q->started = true;
    q->seq = seq;

    bool present = true;
    const uint64_t missing_lim = pct_uv(q->cfg, q->cfg->missing_pct);
    for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
        phase_second(q, k, r->ph[k].v_uv, dt);
        if (r->ph[k].v_uv < missing_lim) {
            present = false;
        }
    }
    sequence_second(q, r, present, dt);
    neutral_second(q, r, present, dt);

    ma304h4_quality_period_t *p = &q->period;
    if (p->n < UINT32_MAX) { /* 136 years of seconds */
        p->n++;
        for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
            const uint32_t v = r->ph[k].v_uv;
            p->v_sum_uv[k] += v;
            p->i_sum_ua[k] += r->ph[k].i_ua;
            if (v < p->v_min_uv[k]) {
                p->v_min_uv[k] = v;
            }
            if (v > p->v_max_uv[k]) {
                p->v_max_uv[k] = v;
            }
        }
    }
}

bool ma304h4_quality_take(ma304h4_quality_t *q, int64_t values[MA304H4_QUALITY_VALUES])
{
    ma304h4_quality_period_t *p = &q->period;
    const bool valid = p->n != 0u;
    for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
        int64_t *v = &values[4u * k];
        if (valid) {
            v[MA304H4_QUALITY_V_AVG] = (int64_t)(p->v_sum_uv[k] / p->n / 1000u);
            v[MA304H4_QUALITY_V_MIN] = (int64_t)(p->v_min_uv[k] / 1000u);
            v[MA304H4_QUALITY_V_MAX] = (int64_t)(p->v_max_uv[k] / 1000u);
            v[MA304H4_QUALITY_I_AVG] = (int64_t)(p->i_sum_ua[k] / p->n / 1000u);
        } else {
            v[MA304H4_QUALITY_V_AVG] = 0;
            v[MA304H4_QUALITY_V_MIN] = 0;
            v[MA304H4_QUALITY_V_MAX] = 0;
            v[MA304H4_QUALITY_I_AVG] = 0;
        }
    }
    period_reset(p);
    return valid;
}
