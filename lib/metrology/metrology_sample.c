/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The per-frame path: called from the AFE interrupt for every frame, integer only.
 * Budget: 250 Cortex-M4 and 1400 Cortex-M0+ instructions per frame (docs/performance.md).
 *
 * Each phase's live sums, filter state and delay lines sit in one struct (msdk_metro_lane_t)
 * so one base register reaches all of them. The frame path only detects the rare events
 * (a zero crossing, the time limit, a pulse carry, an LED going off); they are handled
 * out of line, after the whole frame has been added to the live window. */
#include <string.h>

#include "metrology_frame.h"
#include "metrology_internal.h"
#include "metrology_mul.h"

/* MSDK_METRO_REFERENCE_ONLY: only the C kernel, as MSDK_METRO_SAMPLE_FN (the comparison of
 * the assembly kernel with the C one in tools/metrology-bench). */
#ifndef MSDK_METRO_REFERENCE_ONLY
#define MSDK_METRO_REFERENCE_ONLY 0
#endif

#if MSDK_METRO_ASM_KERNEL
#include <stddef.h>
#define METRO_AT(t, f, off) _Static_assert(offsetof(t, f) == (off), "metrology_frame.h: " #f)
METRO_AT(msdk_metro_t, in2, MSDK_METRO_OFF_IN2);
METRO_AT(msdk_metro_t, sin, MSDK_METRO_OFF_SIN);
METRO_AT(msdk_metro_t, frame, MSDK_METRO_OFF_FRAME);
METRO_AT(msdk_metro_t, pulse[0].frac, MSDK_METRO_OFF_PULSE0);
METRO_AT(msdk_metro_t, pulse[0].rate, MSDK_METRO_OFF_PULSE0 + 4);
METRO_AT(msdk_metro_t, pulse[1].frac, MSDK_METRO_OFF_PULSE1);
METRO_AT(msdk_metro_t, pulse[1].rate, MSDK_METRO_OFF_PULSE1 + 4);
METRO_AT(msdk_metro_t, clip, MSDK_METRO_OFF_CLIP);
METRO_AT(msdk_metro_t, zc_neg_hyst, MSDK_METRO_OFF_NEG_HYST);
METRO_AT(msdk_metro_t, win_end, MSDK_METRO_OFF_WIN_END);
METRO_AT(msdk_metro_t, led_next, MSDK_METRO_OFF_LED_NEXT);
METRO_AT(msdk_metro_t, fund_shift, MSDK_METRO_OFF_FUND);
METRO_AT(msdk_metro_t, lane, MSDK_METRO_OFF_LANE);
_Static_assert(sizeof(msdk_metro_lane_t) == MSDK_METRO_LANE_SIZE, "metrology_frame.h: lane");
METRO_AT(msdk_metro_lane_t, v2, MSDK_METRO_L_V2);
METRO_AT(msdk_metro_lane_t, i2, MSDK_METRO_L_I2);
METRO_AT(msdk_metro_lane_t, p, MSDK_METRO_L_P);
METRO_AT(msdk_metro_lane_t, q, MSDK_METRO_L_Q);
METRO_AT(msdk_metro_lane_t, sv, MSDK_METRO_L_SV);
METRO_AT(msdk_metro_lane_t, si, MSDK_METRO_L_SI);
METRO_AT(msdk_metro_lane_t, ap_x1, MSDK_METRO_L_AP_X1);
METRO_AT(msdk_metro_lane_t, ap_y1, MSDK_METRO_L_AP_Y1);
METRO_AT(msdk_metro_lane_t, ap_a_q32, MSDK_METRO_L_AP_A);
METRO_AT(msdk_metro_lane_t, armed, MSDK_METRO_L_ARMED);
METRO_AT(msdk_metro_lane_t, vtap, MSDK_METRO_L_VTAP);
METRO_AT(msdk_metro_lane_t, qtap, MSDK_METRO_L_QTAP);
METRO_AT(msdk_metro_lane_t, qfrac_q31, MSDK_METRO_L_QFRAC);
METRO_AT(msdk_metro_lane_t, zc_prev, MSDK_METRO_L_ZC_PREV);
METRO_AT(msdk_metro_lane_t, zc_cur, MSDK_METRO_L_ZC_CUR);
METRO_AT(msdk_metro_lane_t, vline, MSDK_METRO_L_VLINE);
METRO_AT(msdk_metro_lane_t, iline, MSDK_METRO_L_ILINE);
_Static_assert((MSDK_METRO_VLINE == 64u) && (MSDK_METRO_ILINE == 8u) && (MSDK_METRO_IDELAY == 5u) &&
                   (MSDK_METRO_PHASES == 3u),
               "metrology_frame_m4.S is written for these line lengths");
#endif

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

/* The delayed voltage, its quadrature (interpolated quarter period) and the delayed current
 * of a lane; vb and ib point at this frame's entries of its voltage and current lines. */
static MSDK_ALWAYS_INLINE void lane_taps(const msdk_metro_lane_t *l, const int32_t *vb,
                                         const int32_t *ib, int32_t *vd, int32_t *vq, int32_t *id)
{
    const int32_t *q = &vb[l->qtap];
    *vd = vb[l->vtap];
    *vq = q[0] + msdk_metro_mulhi((q[1] - q[0]) * 2, l->qfrac_q31);
    *id = ib[MSDK_METRO_IDELAY];
}

#if !MSDK_METRO_REFERENCE_ONLY
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

/* Clear the live sums of every lane and of the neutral (start of a window). */
static void clear_live(msdk_metro_t *m)
{
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_lane_t *l = &m->lane[k];
        l->v2 = 0;
        l->i2 = 0;
        l->p = 0;
        l->q = 0;
        l->sv = 0;
        l->si = 0;
        l->sv_fold = 0;
        l->si_fold = 0;
        l->pf = 0;
        l->qf = 0;
    }
    m->in2 = 0;
    m->sin = 0;
    m->sin_fold = 0;
    m->n_prev = 0u;
    m->clip = 0u;
    m->xing_seen = 0u;
}

/* Copy the live window into the hand-off buffer. */
static void snapshot(msdk_metro_t *m, msdk_metro_acc_t *o, uint32_t n, uint32_t period_q16)
{
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        const msdk_metro_lane_t *l = &m->lane[k];
        o->v2[k] = l->v2;
        o->i2[k] = l->i2;
        o->p[k] = l->p;
        o->q[k] = l->q;
        o->pf[k] = l->pf;
        o->qf[k] = l->qf;
        o->sv[k] = l->sv_fold + l->sv;
        o->si[k] = l->si_fold + l->si;
        o->xing_q16[k] = m->xing_q16[k];
    }
    o->in2 = m->in2;
    o->sin = m->sin_fold + m->sin;
    o->n = m->n_prev + n;
    o->period_q16 = period_q16;
    o->xing_seen = m->xing_seen;
    o->clip = m->clip;
    o->pulse_p_count = m->pulse[0].count;
    o->pulse_p_frac = m->pulse[0].frac;
    o->pulse_q_count = m->pulse[1].count;
    o->pulse_q_frac = m->pulse[1].frac;
    o->grown = m->grown;
}

/* End the live window with this frame: hand it over, or grow it if the previous one has not
 * been taken. m->win_limit is the next window's time limit. */
static uint32_t end_window(msdk_metro_t *m, uint32_t period_q16)
{
    uint32_t f = m->frame;
    uint32_t n = f - m->win_start;
    m->win_start = f;
    m->win_end = f + m->win_limit;
    if (m->handoff == 0u) {
        snapshot(m, &m->out, n, period_q16);
        clear_live(m);
        m->grown = 0u;
        m->handoff = 1u;
        return MSDK_METRO_EV_WINDOW;
    }
    /* Processing is late: fold the 32-bit sums and keep integrating into this window. */
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_lane_t *l = &m->lane[k];
        l->sv_fold += l->sv;
        l->si_fold += l->si;
        l->sv = 0;
        l->si = 0;
    }
    m->sin_fold += m->sin;
    m->sin = 0;
    m->n_prev += n;
    m->grown++;
    if (m->n_prev > MSDK_METRO_GROW_MAX) {
        /* Processing has not run for seconds: the int64 sums would overflow. Start the
         * window again and count what is lost rather than corrupt the registers. */
        m->frames_lost += m->n_prev;
        clear_live(m);
    }
    return MSDK_METRO_EV_WINDOW;
}

/* The crossings found in this frame (bit per phase): stamps, and the window end at the
 * reference phase's. Every stamp of the frame belongs to the window the frame ends. */
static MSDK_NOINLINE uint32_t crossings(msdk_metro_t *m, uint32_t zc)
{
    uint32_t ref_stamp = 0u;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if ((zc & (1u << k)) == 0u) {
            continue;
        }
        const msdk_metro_lane_t *l = &m->lane[k];
        uint32_t stamp = crossing_stamp(m->frame, l->zc_prev, l->zc_cur);
        m->xing_q16[k] = stamp;
        m->xing_seen |= 1u << k;
        if (k == m->ref) {
            ref_stamp = stamp;
        }
    }
    if ((zc & (1u << m->ref)) == 0u) {
        return 0u;
    }
    /* A crossing sooner than the shortest period after the last one is a spike; without a
     * last crossing (start, reference change, voltage back) the first one is taken. */
    uint32_t period = ref_stamp - m->xing_last_q16;
    uint32_t min_q16 = (m->cfg.fs_hz << 16) / MSDK_METRO_F_HI_HZ;
    uint32_t max_q16 = (m->cfg.fs_hz << 16) / MSDK_METRO_F_LO_HZ;
    if ((m->xing_valid != 0u) && (period < min_q16)) {
        return 0u;
    }
    bool valid = (m->xing_valid != 0u) && (period <= max_q16);
    m->xing_last_q16 = ref_stamp;
    m->xing_valid = 1u;
    m->win_limit = m->win_max + 1u;
    return end_window(m, valid ? period : 0u);
}

/* No reference crossing within the time limit: end the window on time. */
static MSDK_NOINLINE uint32_t end_on_time(msdk_metro_t *m)
{
    m->win_limit = m->win_nom;
    m->xing_valid = 0u;
    return end_window(m, 0u);
}

/* Schedule the next LED-off check: the lit LED due first, else 2^32 - 1 frames away. */
static void leds_schedule(msdk_metro_t *m)
{
    uint32_t f = m->frame;
    uint32_t next = f - 1u;
    uint32_t best = UINT32_MAX;
    for (unsigned x = 0; x < 2u; x++) {
        const msdk_metro_pulse_t *pu = &m->pulse[x];
        if ((pu->lit != 0u) && ((pu->off_at - f) < best)) {
            best = pu->off_at - f;
            next = pu->off_at;
        }
    }
    m->led_next = next;
}

/* A pulse is due on the LEDs in carry (bit 0 active, bit 1 reactive). */
static MSDK_NOINLINE uint32_t pulses_on(msdk_metro_t *m, uint32_t carry)
{
    static const uint32_t on_ev[2] = { MSDK_METRO_EV_PULSE_P_ON, MSDK_METRO_EV_PULSE_Q_ON };
    uint32_t ev = 0u;
    for (unsigned x = 0; x < 2u; x++) {
        if ((carry & (1u << x)) != 0u) {
            msdk_metro_pulse_t *pu = &m->pulse[x];
            pu->count++;
            pu->lit = 1u;
            pu->off_at = m->frame + pu->width;
            ev |= on_ev[x];
        }
    }
    leds_schedule(m);
    return ev;
}

/* The LED-off check is due: turn off the LEDs whose pulse has lasted its width. */
static MSDK_NOINLINE uint32_t leds_off(msdk_metro_t *m)
{
    static const uint32_t off_ev[2] = { MSDK_METRO_EV_PULSE_P_OFF, MSDK_METRO_EV_PULSE_Q_OFF };
    uint32_t ev = 0u;
    for (unsigned x = 0; x < 2u; x++) {
        msdk_metro_pulse_t *pu = &m->pulse[x];
        if ((pu->lit != 0u) && (pu->off_at == m->frame)) {
            pu->lit = 0u;
            ev |= off_ev[x];
        }
    }
    leds_schedule(m);
    return ev;
}

/* Fundamental mode: five first-order low-pass sections y += (x - y) * 2^-shift on the
 * voltage and on its quadrature (states in Q6), and their products with the current. */
static MSDK_NOINLINE void fundamental(msdk_metro_t *m, uint32_t p, uint32_t ip)
{
    const unsigned sh = m->fund_shift;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_lane_t *l = &m->lane[k];
        int32_t vd;
        int32_t vq;
        int32_t id;
        lane_taps(l, &l->vline[p], &l->iline[ip], &vd, &vq, &id);
        int32_t x = vd * 64;
        int32_t y = vq * 64;
        for (unsigned s = 0; s < 5u; s++) {
            l->lp_v[s] += (x - l->lp_v[s]) >> sh;
            l->lp_q[s] += (y - l->lp_q[s]) >> sh;
            x = l->lp_v[s];
            y = l->lp_q[s];
        }
        msdk_metro_mac(&l->pf, x, id);
        msdk_metro_mac(&l->qf, y, id);
    }
}

uint32_t msdk_metro_rare(msdk_metro_t *m, uint32_t rare)
{
    const uint32_t f = m->frame;
    if ((rare & MSDK_METRO_RARE_FUND) != 0u) {
        uint32_t p = (0u - f) & (MSDK_METRO_VLINE - 1u);
        fundamental(m, p, p & (MSDK_METRO_ILINE - 1u));
    }
    /* A fraction that wrapped is below the rate it was advanced by. The count goes up before
     * a window can end, so that a window's snapshot has the count and the fraction of the
     * same frame. */
    uint32_t ev = 0u;
    const msdk_metro_pulse_t *pu = m->pulse;
    uint32_t carry =
        (uint32_t)(pu[0].frac < pu[0].rate) | ((uint32_t)(pu[1].frac < pu[1].rate) << 1);
    if (carry != 0u) {
        ev = pulses_on(m, carry);
    }
    /* The frame is in the live sums: now the window may end with it. */
    if ((rare & MSDK_METRO_RARE_ZC) != 0u) {
        ev |= crossings(m, rare & MSDK_METRO_RARE_ZC);
    }
    if (f == m->win_end) {
        ev |= end_on_time(m);
    }
    if (f == m->led_next) {
        ev |= leds_off(m);
    }
    return ev;
}
#endif /* !MSDK_METRO_REFERENCE_ONLY */

#if !MSDK_METRO_ASM_KERNEL
/* One phase: fractional voltage delay, delay lines, the four products and the two sums, and
 * the zero-crossing detector. Returns bit k when the voltage crossed zero going up. */
static MSDK_ALWAYS_INLINE uint32_t lane_step(msdk_metro_lane_t *l, unsigned k, int32_t v, int32_t i,
                                             uint32_t p, uint32_t ip, int32_t neg_hyst)
{
    /* Fractional voltage delay: first-order all-pass, unity gain at every frequency. */
    int32_t x1 = l->ap_x1;
    int32_t y = x1 + msdk_metro_mulhi(l->ap_a_q32, v - l->ap_y1);
    l->ap_x1 = v;
    l->ap_y1 = y;

    int32_t *vb = &l->vline[p];
    int32_t *ib = &l->iline[ip];
    vb[0] = y;
    vb[MSDK_METRO_VLINE] = y;
    ib[0] = i;
    ib[MSDK_METRO_ILINE] = i;

    int32_t vd;
    int32_t vq;
    int32_t id;
    lane_taps(l, vb, ib, &vd, &vq, &id);
    msdk_metro_mac(&l->v2, vd, vd);
    msdk_metro_mac(&l->i2, id, id);
    msdk_metro_mac(&l->p, vd, id);
    msdk_metro_mac(&l->q, vq, id);
    l->sv += vd;
    l->si += id;

    /* Zero crossing with arming hysteresis on the raw voltage. */
    if (l->armed != 0u) {
        if (v >= 0) {
            l->armed = 0u;
            l->zc_prev = x1;
            l->zc_cur = v;
            return 1u << k;
        }
    } else if (v < neg_hyst) {
        l->armed = 1u;
    }
    return 0u;
}

/* The C kernel: the frame's arithmetic, and which rare events may be due. */
static MSDK_ALWAYS_INLINE uint32_t frame_step(msdk_metro_t *m,
                                              const int32_t frame[MSDK_METRO_CH_COUNT])
{
    const uint32_t f = m->frame + 1u;
    m->frame = f;
    const uint32_t p = (0u - f) & (MSDK_METRO_VLINE - 1u);
    const uint32_t ip = p & (MSDK_METRO_ILINE - 1u);
    const int32_t neg_hyst = m->zc_neg_hyst;

    int32_t i1 = sat24(frame[MSDK_METRO_CH_I1]);
    int32_t i2 = sat24(frame[MSDK_METRO_CH_I2]);
    int32_t i3 = sat24(frame[MSDK_METRO_CH_I3]);
    /* Full scale is flagged on the current channels (voltages have swell flags). */
    m->clip |= (on_rail(i1) << MSDK_METRO_CH_I1) | (on_rail(i2) << MSDK_METRO_CH_I2) |
               (on_rail(i3) << MSDK_METRO_CH_I3);

    uint32_t rare = lane_step(&m->lane[0], 0u, sat24(frame[MSDK_METRO_CH_V1]), i1, p, ip, neg_hyst);
    rare |= lane_step(&m->lane[1], 1u, sat24(frame[MSDK_METRO_CH_V2]), i2, p, ip, neg_hyst);
    rare |= lane_step(&m->lane[2], 2u, sat24(frame[MSDK_METRO_CH_V3]), i3, p, ip, neg_hyst);

    int32_t in = sat24(frame[MSDK_METRO_CH_IN]);
    msdk_metro_mac(&m->in2, in, in);
    m->sin += in;

    if (m->fund_shift != 0u) {
        rare |= MSDK_METRO_RARE_FUND;
    }
    /* Pulse integrators: a carry out of the 32-bit fraction is a pulse. */
    msdk_metro_pulse_t *pu = m->pulse;
    uint32_t a0 = pu[0].frac + pu[0].rate;
    uint32_t a1 = pu[1].frac + pu[1].rate;
    if ((a0 < pu[0].frac) || (a1 < pu[1].frac) || (f == m->win_end) || (f == m->led_next)) {
        rare |= MSDK_METRO_RARE_TICK;
    }
    pu[0].frac = a0;
    pu[1].frac = a1;
    return rare;
}

#ifndef MSDK_METRO_SAMPLE_FN
#define MSDK_METRO_SAMPLE_FN msdk_metro_sample
#endif

uint32_t MSDK_METRO_SAMPLE_FN(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT])
{
    uint32_t rare = frame_step(m, frame);
    return (rare != 0u) ? msdk_metro_rare(m, rare) : 0u;
}
#endif
