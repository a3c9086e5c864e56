/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The per-frame path: called from the AFE interrupt for every frame, integer only.
 * Budget: 250 Cortex-M4 instructions per frame (see docs/performance.md). */
#include <string.h>

#include "metrology_internal.h"

#if defined(__ARM_FEATURE_SAT) && (__ARM_FEATURE_SAT == 1)
#include <arm_acle.h>
#define METRO_HAVE_SSAT 1
#else
#define METRO_HAVE_SSAT 0
#endif

#define SAT24_MAX ((int32_t)0x7FFFFF)
#define SAT24_MIN ((int32_t)-0x800000)

/* Clamp to 24 bits (one SSAT on cores that have it). */
static MSDK_ALWAYS_INLINE int32_t sat24(int32_t x)
{
#if METRO_HAVE_SSAT
    return __ssat(x, 24);
#else
    return (x > SAT24_MAX) ? SAT24_MAX : ((x < SAT24_MIN) ? SAT24_MIN : x);
#endif
}

/* 1 when a clamped code sits on a rail (full scale reached). */
static MSDK_ALWAYS_INLINE uint32_t on_rail(int32_t x)
{
    uint32_t t = (uint32_t)(x ^ (x >> 31)); /* |x| or |x| - 1, 0..2^23-1 */
    return (t + 1u) >> 23;
}

/* (a * b) >> 32, the high word of a 32x32 signed product (one SMULL). */
static MSDK_ALWAYS_INLINE int32_t mulhi(int32_t a, int32_t b)
{
    return (int32_t)(((int64_t)a * (int64_t)b) >> 32);
}

/* Positive-going crossing of an armed voltage: time stamp in 1/65536 frame. */
static uint32_t crossing_stamp(uint32_t frame, int32_t prev, int32_t cur)
{
    /* prev < 0 <= cur: the crossing lies at prev / (prev - cur) of the way from frame - 1. */
    uint32_t num = (uint32_t)(-(int64_t)prev);
    uint32_t den = (uint32_t)((int64_t)cur - (int64_t)prev);
    uint32_t frac = (uint32_t)(((uint64_t)num << 16) / den); /* < 65536 since cur >= 0 */
    if (frac > 0xFFFFu) {
        frac = 0xFFFFu;
    }
    return ((frame - 1u) << 16) + frac;
}

/* Hand the live window over, or grow it if the previous one has not been taken. */
static uint32_t end_window(msdk_metro_t *m, msdk_metro_acc_t *a, uint32_t period_q16)
{
    a->period_q16 = period_q16;
    a->pulse_p_count = m->pulse[0].count;
    a->pulse_p_frac = m->pulse[0].frac;
    a->pulse_q_count = m->pulse[1].count;
    a->pulse_q_frac = m->pulse[1].frac;
    if (m->handoff == 0u) {
        uint32_t next = m->live ^ 1u;
        msdk_metro_acc_t *b = &m->acc[next];
        memset(b, 0, sizeof(*b));
        m->live = next;
        m->handoff = 1u;
        return MSDK_METRO_EV_WINDOW;
    }
    /* Processing is late: fold the 32-bit sums and keep integrating into this window. */
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        a->sv_fold[k] += a->sv[k];
        a->si_fold[k] += a->si[k];
        a->sv[k] = 0;
        a->si[k] = 0;
    }
    a->sin_fold += a->sin;
    a->sin = 0;
    a->n_prev += a->n;
    a->n = 0;
    a->grown++;
    if (a->n_prev > MSDK_METRO_GROW_MAX) {
        /* Processing has not run for seconds: the int64 sums would overflow. Start the
         * window again and count what is lost rather than corrupt the registers. */
        m->frames_lost += a->n_prev;
        uint32_t grown = a->grown;
        memset(a, 0, sizeof(*a));
        a->grown = grown;
    }
    return MSDK_METRO_EV_WINDOW;
}

/* Zero-crossing bookkeeping of one phase (rare path: only at a crossing). */
static uint32_t on_crossing(msdk_metro_t *m, msdk_metro_acc_t *a, unsigned k, int32_t prev,
                            int32_t cur)
{
    uint32_t stamp = crossing_stamp(m->frame, prev, cur);
    a->xing_q16[k] = stamp;
    a->xing_seen |= 1u << k;
    if (k != m->ref) {
        return 0u;
    }
    /* A crossing sooner than the shortest period after the last one is a spike; without a
     * last crossing (start, reference change, voltage back) the first one is taken. */
    uint32_t period = stamp - m->xing_last_q16;
    uint32_t min_q16 = (m->cfg.fs_hz << 16) / MSDK_METRO_F_HI_HZ;
    uint32_t max_q16 = (m->cfg.fs_hz << 16) / MSDK_METRO_F_LO_HZ;
    if ((m->xing_valid != 0u) && (period < min_q16)) {
        return 0u;
    }
    bool valid = (m->xing_valid != 0u) && (period <= max_q16);
    m->xing_last_q16 = stamp;
    m->xing_valid = 1u;
    m->win_limit = m->win_max + 1u;
    return end_window(m, a, valid ? period : 0u);
}

/* Fundamental mode: five first-order low-pass sections y += (x - y) * 2^-shift on the
 * voltage and on its quadrature (states in Q6), and their products with the current. */
static void lane_fundamental(msdk_metro_lane_t *l, msdk_metro_acc_t *a, unsigned k, unsigned sh,
                             int32_t vd, int32_t vq, int32_t id)
{
    int32_t x = vd * 64;
    int32_t y = vq * 64;
    for (unsigned s = 0; s < 5u; s++) {
        l->lp_v[s] += (x - l->lp_v[s]) >> sh;
        l->lp_q[s] += (y - l->lp_q[s]) >> sh;
        x = l->lp_v[s];
        y = l->lp_q[s];
    }
    a->pf[k] += (int64_t)x * id;
    a->qf[k] += (int64_t)y * id;
}

static MSDK_ALWAYS_INLINE uint32_t lane_step(msdk_metro_t *m, msdk_metro_acc_t *a, unsigned k,
                                             int32_t v, int32_t i, uint32_t p, uint32_t ip)
{
    msdk_metro_lane_t *l = &m->lane[k];

    /* Fractional voltage delay: first-order all-pass, unity gain at every frequency. */
    int32_t y = l->ap_x1 + mulhi(l->ap_a_q32, v - l->ap_y1);
    int32_t prev = l->ap_x1;
    l->ap_x1 = v;
    l->ap_y1 = y;

    l->vline[p] = y;
    l->vline[p + MSDK_METRO_VLINE] = y;
    l->iline[ip] = i;
    l->iline[ip + MSDK_METRO_ILINE] = i;

    int32_t vd = l->vline[p + l->vtap];
    int32_t id = l->iline[ip + MSDK_METRO_IDELAY];
    const int32_t *q = &l->vline[p + l->qtap];
    int32_t vq = q[0] + mulhi((q[1] - q[0]) * 2, l->qfrac_q31);

    a->v2[k] += (int64_t)vd * vd;
    a->i2[k] += (int64_t)id * id;
    a->p[k] += (int64_t)vd * id;
    a->q[k] += (int64_t)vq * id;
    a->sv[k] += vd;
    a->si[k] += id;
    if (m->fund_shift != 0u) {
        lane_fundamental(l, a, k, m->fund_shift, vd, vq, id);
    }

    /* Zero crossing with arming hysteresis on the raw voltage. */
    uint32_t bit = 1u << k;
    if (v < -(int32_t)m->zc_hyst) {
        m->zc_armed |= bit;
    } else if ((v >= 0) && ((m->zc_armed & bit) != 0u)) {
        m->zc_armed &= ~bit;
        return on_crossing(m, a, k, prev, v);
    }
    return 0u;
}

static MSDK_ALWAYS_INLINE uint32_t pulse_step(msdk_metro_pulse_t *pu, uint32_t on, uint32_t off)
{
    uint32_t before = pu->frac;
    uint32_t after = before + pu->rate;
    pu->frac = after;
    if (after < before) {
        pu->count++;
        pu->width_left = pu->width;
        return on;
    }
    if (pu->width_left != 0u) {
        pu->width_left--;
        if (pu->width_left == 0u) {
            return off;
        }
    }
    return 0u;
}

uint32_t msdk_metro_sample(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT])
{
    msdk_metro_acc_t *a = &m->acc[m->live];
    uint32_t p = (m->wpos - 1u) & (MSDK_METRO_VLINE - 1u);
    uint32_t ip = p & (MSDK_METRO_ILINE - 1u);
    m->wpos = p;
    m->frame++;

    int32_t v1 = sat24(frame[0]);
    int32_t v2 = sat24(frame[1]);
    int32_t v3 = sat24(frame[2]);
    int32_t i1 = sat24(frame[3]);
    int32_t i2 = sat24(frame[4]);
    int32_t i3 = sat24(frame[5]);
    int32_t in = sat24(frame[6]);
    /* Full scale is flagged on the current channels (voltages have swell flags). */
    a->clip |= (on_rail(i1) << 3) | (on_rail(i2) << 4) | (on_rail(i3) << 5) | (on_rail(in) << 6);

    a->n++;
    uint32_t ev = lane_step(m, a, 0u, v1, i1, p, ip);
    ev |= lane_step(m, a, 1u, v2, i2, p, ip);
    ev |= lane_step(m, a, 2u, v3, i3, p, ip);

    a->in2 += (int64_t)in * in;
    a->sin += in;

    if (((ev & MSDK_METRO_EV_WINDOW) == 0u) && (a->n >= m->win_limit)) {
        m->win_limit = m->win_nom;
        m->xing_valid = 0u;
        ev |= end_window(m, a, 0u);
    }
    ev |= pulse_step(&m->pulse[0], MSDK_METRO_EV_PULSE_P_ON, MSDK_METRO_EV_PULSE_P_OFF);
    ev |= pulse_step(&m->pulse[1], MSDK_METRO_EV_PULSE_Q_ON, MSDK_METRO_EV_PULSE_Q_OFF);
    return ev;
}
