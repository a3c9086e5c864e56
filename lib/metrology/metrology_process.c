/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Per-window processing: offset and gain corrections, RMS, powers, energy registers, pulse
 * rates, frequency, angles and quality flags. Integer only; runs once per mains cycle. */
#include <string.h>

#include "metrology_internal.h"
#include "msdk/core/fixed.h"

#define Q30          ((int64_t)1 << 30)
#define UNIT_PER_MWH ((uint64_t)1u << 32)

/* Window sums after offset removal and gain corrections, in code^2 * frames. */
typedef struct sums {
    uint64_t v2[MSDK_METRO_PHASES];
    uint64_t i2[MSDK_METRO_PHASES];
    int64_t p[MSDK_METRO_PHASES];
    int64_t q[MSDK_METRO_PHASES];
    uint64_t in2;
    uint32_t n;
} sums_t;

/* Sum of squares minus the offset: s2 - 2 o s1 + n o^2, never negative. */
static uint64_t square_minus_offset(int64_t s2, int64_t s1, int32_t o, uint32_t n)
{
    int64_t r = s2 - 2 * (int64_t)o * s1 + (int64_t)n * (int64_t)o * (int64_t)o;
    return (r < 0) ? 0u : (uint64_t)r;
}

/* RMS of a sum of squares over n frames, in 1/65536 codes. */
static uint64_t rms_q16(uint64_t s2, uint32_t n)
{
    if (n == 0u) {
        return 0u;
    }
    uint64_t mean = s2 / n;
    if (mean < ((uint64_t)1u << 32)) {
        /* mean * 2^32 fits: exact to 1/65536 code. */
        msdk_metro_w128_t x = msdk_metro_w128_shl(msdk_metro_w128_mul(s2, 1u), 32u);
        x = msdk_metro_w128_divu32(x, n, NULL);
        return msdk_isqrt_u64(msdk_metro_w128_sat64(x));
    }
    uint64_t x = msdk_mul_u64_u32_div(s2, 65536u, n);
    return (uint64_t)msdk_isqrt_u64(x) << 8;
}

/* Scale an RMS in 1/65536 codes by a Q24 gain: micro-units, rounded. */
static uint32_t scale_rms(uint64_t rms_q16, uint32_t gain_q24)
{
    uint64_t v = msdk_metro_mul_shr_u64(rms_q16, gain_q24, 40u);
    return (v > UINT32_MAX) ? UINT32_MAX : (uint32_t)v;
}

/* Power in micro-units from a product sum: sum * gv * gi / (n * 2^48 * 1e6). */
static int64_t scale_power(int64_t sum, uint64_t gg, uint32_t n)
{
    if (n == 0u) {
        return 0;
    }
    msdk_metro_w128_t x = msdk_metro_w128_mul(msdk_metro_abs64(sum), gg);
    x = msdk_metro_w128_divu32(x, n, NULL);
    x = msdk_metro_w128_divu32(x, 1000000u, NULL);
    msdk_metro_w128_t half = { (uint64_t)1u << 47, 0u };
    x = msdk_metro_w128_shr(msdk_metro_w128_add(x, half), 48u);
    uint64_t u = msdk_metro_w128_sat64(x);
    if (u > (uint64_t)INT64_MAX) {
        u = (uint64_t)INT64_MAX;
    }
    return (sum < 0) ? -(int64_t)u : (int64_t)u;
}

/* Apparent sum sqrt(V2 * I2) in code^2 * frames. */
static uint64_t apparent_sum(uint64_t v2, uint64_t i2, uint32_t n)
{
    uint64_t vr = rms_q16(v2, n);
    uint64_t ir = rms_q16(i2, n);
    uint64_t prod = msdk_metro_mul_shr_u64(vr, ir, 32u); /* mean |v||i| in code^2 */
    msdk_metro_w128_t s = msdk_metro_w128_mul(prod, n);
    return msdk_metro_w128_sat64(s);
}

/* Two-point current gain factor (Q30) for a current in uA. */
static int64_t igain_factor(const msdk_metro_calib_t *cal, unsigned k, uint32_t i_ua)
{
    int64_t ppm = cal->igain_lo_ppm[k];
    if (cal->i_tr_ma != 0u) {
        uint64_t lo = (uint64_t)cal->i_tr_ma * 1000u;
        uint64_t hi = (uint64_t)cal->i_max_ma * 1000u;
        if (i_ua >= hi) {
            ppm = cal->igain_hi_ppm[k];
        } else if (i_ua > lo) {
            int64_t span = (int64_t)(hi - lo);
            ppm = cal->igain_lo_ppm[k] +
                  ((int64_t)(cal->igain_hi_ppm[k] - cal->igain_lo_ppm[k]) * (int64_t)(i_ua - lo)) /
                      span;
        }
    }
    return Q30 + (ppm * Q30) / 1000000;
}

/* 1 / |H| of the quadrature interpolator at the fundamental (Q30). */
static int64_t quadrature_gain(uint32_t period_q16)
{
    if (period_q16 == 0u) {
        return Q30;
    }
    uint32_t f = (period_q16 / 4u) & 0xFFFFu; /* interpolation fraction, Q16 */
    /* w = 2 pi / T in Q30: 2 pi * 2^46 / period_q16. */
    uint64_t w = 442097565853030u / period_q16; /* 2 pi * 2^46 = 442097565853030.4 */
    int64_t w2 = (int64_t)((w * w) >> 30);
    int64_t w4 = (w2 * w2) >> 30;
    int64_t w6 = (w4 * w2) >> 30;
    int64_t omc = w2 / 2 - w4 / 24 + w6 / 720;              /* 1 - cos w, Q30 */
    int64_t ff = ((int64_t)f * (int64_t)(65536u - f)) << 1; /* 2 f (1 - f), Q32 */
    int64_t c = (ff * omc) >> 32;                           /* Q30 */
    return Q30 + c / 2 + ((3 * c * c) >> 33);               /* 1 + c/2 + 3c^2/8 */
}

/* Move whole 2^-32 mWh units of a fine-unit product into a register. */
static uint64_t take_units(uint64_t res[2], msdk_metro_w128_t add, unsigned shift)
{
    msdk_metro_w128_t r = { res[0], res[1] };
    r = msdk_metro_w128_add(r, add);
    msdk_metro_w128_t units = msdk_metro_w128_shr(r, shift);
    msdk_metro_w128_t back = msdk_metro_w128_shl(units, shift);
    /* remainder = r - back */
    uint64_t lo = r.lo - back.lo;
    uint64_t hi = r.hi - back.hi - ((r.lo < back.lo) ? 1u : 0u);
    res[0] = lo;
    res[1] = hi;
    return msdk_metro_w128_sat64(units);
}

static void reg_add(msdk_metro_energy_t *e, uint64_t units)
{
    uint64_t t = (uint64_t)e->frac + (units & 0xFFFFFFFFu);
    e->frac = (uint32_t)t;
    e->mwh += (units >> 32) + (t >> 32);
}

static msdk_metro_quadrant_t quadrant_of(int64_t p, int64_t q)
{
    if (p >= 0) {
        return (q >= 0) ? MSDK_METRO_Q1 : MSDK_METRO_Q4;
    }
    return (q >= 0) ? MSDK_METRO_Q2 : MSDK_METRO_Q3;
}

static msdk_metro_reg_t quadrant_reg(msdk_metro_quadrant_t q)
{
    switch (q) {
    case MSDK_METRO_Q2: return MSDK_METRO_REG_R_Q2;
    case MSDK_METRO_Q3: return MSDK_METRO_REG_R_Q3;
    case MSDK_METRO_Q4: return MSDK_METRO_REG_R_Q4;
    default: return MSDK_METRO_REG_R_Q1;
    }
}

static int32_t pf_of(int64_t p, int64_t s)
{
    if (s <= 0) {
        return 0;
    }
    int64_t pf = (p * 1000000) / s; /* |p| <= ~1e14 uW, no overflow */
    if (pf > 1000000) {
        pf = 1000000;
    } else if (pf < -1000000) {
        pf = -1000000;
    }
    return (int32_t)pf;
}

/* Results of one phase from corrected sums (no squelch applied). */
static void phase_result(const msdk_metro_t *m, const sums_t *s, unsigned k,
                         msdk_metro_phase_result_t *r)
{
    uint32_t gv = m->cal.gain_q24[k];
    uint32_t gi = m->cal.gain_q24[MSDK_METRO_PHASES + k];
    uint64_t gg = (uint64_t)gv * gi;
    r->v_uv = scale_rms(rms_q16(s->v2[k], s->n), gv);
    r->i_ua = scale_rms(rms_q16(s->i2[k], s->n), gi);
    r->p_uw = scale_power(s->p[k], gg, s->n);
    r->q_uvar = scale_power(s->q[k], gg, s->n);
    r->s_uva = scale_power((int64_t)(apparent_sum(s->v2[k], s->i2[k], s->n) >> 1), gg, s->n) * 2;
    r->vi_angle_mdeg = msdk_metro_bang_to_mdeg(msdk_metro_atan2(s->q[k], s->p[k]));
}

/* round(a * b / 2^n) for a signed b. */
static int64_t mul_shr_signed(int64_t a, int64_t b, unsigned n)
{
    int64_t r = msdk_metro_mul_shr_i64(a, msdk_metro_abs64(b), n);
    return (b < 0) ? -r : r;
}

/* Fundamental mode: the reactive sum of the fundamental from the low-passed sums. With
 * D = 1 - (1 - k) e^-jw per section and H = (k / D)^5, the fundamental's complex power is
 * (Pf + j Qf) / H, so Q1 = Im((Pf + j Qf) (D / k)^5). */
static int64_t fundamental_q(const msdk_metro_t *m, int64_t pf_q6, int64_t qf_q6,
                             uint32_t period_q16)
{
    uint32_t sh = m->fund_shift;
    uint32_t bang = (uint32_t)(((uint64_t)1u << 48) / period_q16);
    int32_t c;
    int32_t sn;
    msdk_metro_cossin(bang, &c, &sn);
    const int64_t one = (int64_t)1 << 24;
    int64_t omk = Q30 - (Q30 >> sh);              /* 1 - k, Q30 */
    int64_t dr = (one - ((omk * c) >> 36)) << sh; /* D / k, Q24 */
    int64_t di = ((omk * sn) >> 36) << sh;
    int64_t zr = dr;
    int64_t zi = di;
    for (unsigned n = 0; n < 4u; n++) {
        int64_t nr = (zr * dr - zi * di) >> 24;
        int64_t ni = (zr * di + zi * dr) >> 24;
        zr = nr;
        zi = ni;
    }
    return mul_shr_signed(pf_q6, zi, 30u) + mul_shr_signed(qf_q6, zr, 30u);
}

/* Offset-corrected, gain-corrected sums of a window; updates the raw means on the way. */
static void window_sums(const msdk_metro_t *m, const msdk_metro_acc_t *a, sums_t *s,
                        int64_t q_gain_q30)
{
    uint32_t n = a->n;
    s->n = n;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        int32_t ov = m->cal.offset[k];
        int32_t oi = m->cal.offset[MSDK_METRO_PHASES + k];
        int64_t sv = a->sv[k];
        int64_t si = a->si[k];
        int64_t cross = -(int64_t)ov * si - (int64_t)oi * sv + (int64_t)n * ov * oi;
        uint64_t v2 = square_minus_offset(a->v2[k], sv, ov, n);
        uint64_t i2 = square_minus_offset(a->i2[k], si, oi, n);
        int64_t p = a->p[k] + cross;
        int64_t q = msdk_metro_mul_shr_i64(a->q[k] + cross, (uint64_t)q_gain_q30, 30u);
        if (m->fund_shift != 0u) {
            uint32_t per = (a->period_q16 != 0u) ? a->period_q16 : m->period_q16;
            int64_t qf = msdk_metro_mul_shr_i64(a->qf[k] + cross * 64, (uint64_t)q_gain_q30, 30u);
            q = fundamental_q(m, a->pf[k] + cross * 64, qf, per);
        }
        /* Two-point current gain from the uncorrected current. */
        uint32_t i_ua = scale_rms(rms_q16(i2, n), m->cal.gain_q24[MSDK_METRO_PHASES + k]);
        int64_t c = igain_factor(&m->cal, k, i_ua);
        if (c != Q30) {
            i2 = (uint64_t)msdk_metro_mul_shr_i64(
                msdk_metro_mul_shr_i64((int64_t)(i2 >> 1), (uint64_t)c, 30u), (uint64_t)c, 29u);
            p = msdk_metro_mul_shr_i64(p, (uint64_t)c, 30u);
            q = msdk_metro_mul_shr_i64(q, (uint64_t)c, 30u);
        }
        s->v2[k] = v2;
        s->i2[k] = i2;
        s->p[k] = p;
        s->q[k] = q;
    }
    int32_t on = m->cal.offset[MSDK_METRO_CH_IN];
    s->in2 = square_minus_offset(a->in2, a->sin, on, n);
}

/* Book the energy of one window; returns the increments of the total registers. */
static void book_energy(msdk_metro_t *m, const sums_t *s, const bool active[MSDK_METRO_PHASES],
                        uint64_t tot_inc[MSDK_METRO_REG_COUNT])
{
    memset(tot_inc, 0, sizeof(uint64_t) * MSDK_METRO_REG_COUNT);
    /* Vector netting: signed sums of the phases' fine-unit energies per quantity. */
    msdk_metro_w128_t pos[2] = { { 0u, 0u }, { 0u, 0u } };
    msdk_metro_w128_t neg[2] = { { 0u, 0u }, { 0u, 0u } };
    msdk_metro_w128_t app = { 0u, 0u };
    unsigned shift = m->e_shift[0];
    bool same_shift = true;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if (!active[k]) {
            continue;
        }
        msdk_metro_pstate_t *ps = &m->ps[k];
        uint64_t mant = m->e_mant[k];
        unsigned sh = m->e_shift[k];
        same_shift = same_shift && (sh == shift);
        msdk_metro_w128_t ep = msdk_metro_w128_mul(msdk_metro_abs64(s->p[k]), mant);
        msdk_metro_w128_t eq = msdk_metro_w128_mul(msdk_metro_abs64(s->q[k]), mant);
        msdk_metro_w128_t es = msdk_metro_w128_mul(apparent_sum(s->v2[k], s->i2[k], s->n), mant);
        if (s->p[k] >= 0) {
            pos[0] = msdk_metro_w128_add(pos[0], ep);
        } else {
            neg[0] = msdk_metro_w128_add(neg[0], ep);
        }
        if (s->q[k] >= 0) {
            pos[1] = msdk_metro_w128_add(pos[1], eq);
        } else {
            neg[1] = msdk_metro_w128_add(neg[1], eq);
        }
        app = msdk_metro_w128_add(app, es);
        uint64_t up = take_units(ps->res[0], ep, sh);
        uint64_t uq = take_units(ps->res[1], eq, sh);
        uint64_t us = take_units(ps->res[2], es, sh);
        msdk_metro_energy_t *e = m->reg.e[k];
        msdk_metro_reg_t rp = (s->p[k] >= 0) ? MSDK_METRO_REG_A_IMP : MSDK_METRO_REG_A_EXP;
        msdk_metro_reg_t rq = quadrant_reg(quadrant_of(s->p[k], s->q[k]));
        msdk_metro_reg_t rs = (s->p[k] >= 0) ? MSDK_METRO_REG_S_IMP : MSDK_METRO_REG_S_EXP;
        reg_add(&e[rp], up);
        reg_add(&e[rq], uq);
        reg_add(&e[rs], us);
        if ((m->cfg.netting == MSDK_METRO_NET_PER_PHASE) || !same_shift) {
            tot_inc[rp] += up;
            tot_inc[rq] += uq;
            tot_inc[rs] += us;
        }
    }
    if ((m->cfg.netting == MSDK_METRO_NET_VECTOR) && same_shift) {
        /* Net each quantity across the phases, then book the net to one register. */
        msdk_metro_w128_t net[2];
        bool net_neg[2];
        for (unsigned x = 0; x < 2u; x++) {
            bool lt =
                (pos[x].hi < neg[x].hi) || ((pos[x].hi == neg[x].hi) && (pos[x].lo < neg[x].lo));
            msdk_metro_w128_t big = lt ? neg[x] : pos[x];
            msdk_metro_w128_t small = lt ? pos[x] : neg[x];
            net[x].lo = big.lo - small.lo;
            net[x].hi = big.hi - small.hi - ((big.lo < small.lo) ? 1u : 0u);
            net_neg[x] = lt;
        }
        uint64_t up = take_units(m->res_tot[0], net[0], shift);
        uint64_t uq = take_units(m->res_tot[1], net[1], shift);
        uint64_t us = take_units(m->res_tot[2], app, shift);
        int64_t sp = net_neg[0] ? -1 : 1;
        int64_t sq = net_neg[1] ? -1 : 1;
        tot_inc[net_neg[0] ? MSDK_METRO_REG_A_EXP : MSDK_METRO_REG_A_IMP] += up;
        tot_inc[quadrant_reg(quadrant_of(sp, sq))] += uq;
        tot_inc[net_neg[0] ? MSDK_METRO_REG_S_EXP : MSDK_METRO_REG_S_IMP] += us;
    }
    for (unsigned r = 0; r < MSDK_METRO_REG_COUNT; r++) {
        reg_add(&m->reg.e[MSDK_METRO_SET_TOTAL][r], tot_inc[r]);
    }
}

/* Credit pulses for the window's register increments and set the rates for the next. */
static void pulse_update(msdk_metro_t *m, const msdk_metro_acc_t *a,
                         const uint64_t tot_inc[MSDK_METRO_REG_COUNT], uint32_t n)
{
    for (unsigned x = 0; x < 2u; x++) {
        msdk_metro_pulse_src_t src = (x == 0u) ? m->cfg.pulse_p_src : m->cfg.pulse_q_src;
        uint64_t imp_units;
        uint64_t exp_units;
        if (x == 0u) {
            imp_units = tot_inc[MSDK_METRO_REG_A_IMP];
            exp_units = tot_inc[MSDK_METRO_REG_A_EXP];
        } else {
            imp_units = tot_inc[MSDK_METRO_REG_R_Q1] + tot_inc[MSDK_METRO_REG_R_Q2];
            exp_units = tot_inc[MSDK_METRO_REG_R_Q3] + tot_inc[MSDK_METRO_REG_R_Q4];
        }
        uint64_t units = (src == MSDK_METRO_PULSE_IMPORT)   ? imp_units
                         : (src == MSDK_METRO_PULSE_EXPORT) ? exp_units
                                                            : (imp_units + exp_units);
        uint32_t imp = (x == 0u) ? m->cfg.imp_per_kwh : m->cfg.imp_per_kvarh;
        /* 2^-32 mWh -> 2^-32 pulses: * imp / 1e6, remainder carried. */
        msdk_metro_w128_t t = msdk_metro_w128_mul(units, imp);
        msdk_metro_w128_t r = { m->credit_rem[x], 0u };
        t = msdk_metro_w128_add(t, r);
        uint32_t rem = 0u;
        t = msdk_metro_w128_divu32(t, 1000000u, &rem);
        m->credit_rem[x] = rem;
        m->credit[x] += t.lo;

        msdk_metro_pulse_t *pu = &m->pulse[x];
        uint32_t cnt = (x == 0u) ? a->pulse_p_count : a->pulse_q_count;
        uint32_t frac = (x == 0u) ? a->pulse_p_frac : a->pulse_q_frac;
        uint64_t emitted = ((uint64_t)cnt << 32) | frac;
        int64_t owed = (int64_t)(m->credit[x] - emitted);
        uint32_t rate = 0u;
        if ((owed > 0) && (n > 0u)) {
            uint64_t q = (uint64_t)owed / n;
            rate = (q > UINT32_MAX) ? UINT32_MAX : (uint32_t)q;
        }
        /* Width: pulse_ms, but at most half the pulse period. */
        uint32_t w = (m->cfg.pulse_ms * m->cfg.fs_hz) / 1000u;
        if (rate != 0u) {
            uint64_t half = (((uint64_t)1u << 32) / rate) / 2u;
            if (half < w) {
                w = (uint32_t)half;
            }
        }
        pu->width = (w == 0u) ? 1u : w;
        pu->rate = rate;
    }
}

/* Add a duration to a condition counter and report whether it lasted long enough. */
static bool lasts(uint32_t *ms, bool cond, uint32_t add_ms, uint32_t need_ms)
{
    if (!cond) {
        *ms = 0u;
        return false;
    }
    if (*ms < 0x7FFFFFFFu) {
        *ms += add_ms;
    }
    return *ms >= need_ms;
}

/* Voltage angle of phase k behind L1 from the crossing stamps, mdeg. */
static uint32_t v_angle(uint32_t stamp_k, uint32_t stamp_1, uint32_t period_q16)
{
    if (period_q16 == 0u) {
        return 0u;
    }
    int64_t d = (int64_t)(int32_t)(stamp_k - stamp_1) % (int64_t)period_q16;
    if (d < 0) {
        d += period_q16;
    }
    return (uint32_t)(((uint64_t)d * 360000u + period_q16 / 2u) / period_q16) % 360000u;
}

static bool near_mdeg(uint32_t a, uint32_t centre, uint32_t tol)
{
    uint32_t d = (a > centre) ? (a - centre) : (centre - a);
    if (d > 180000u) {
        d = 360000u - d;
    }
    return d <= tol;
}

/* Meter-wide results and flags from the phase results. */
static void meter_result(msdk_metro_t *m, msdk_metro_result_t *r, const sums_t *s,
                         uint32_t freq_uhz, uint32_t window_ms, bool window)
{
    r->in_ua = scale_rms(rms_q16(s->in2, s->n), m->cal.gain_q24[MSDK_METRO_CH_IN]);
    r->p_uw = 0;
    r->q_uvar = 0;
    r->s_uva = 0;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        r->p_uw += r->ph[k].p_uw;
        r->q_uvar += r->ph[k].q_uvar;
        r->s_uva += r->ph[k].s_uva;
    }
    r->pf_u = pf_of(r->p_uw, r->s_uva);
    r->quadrant = (r->s_uva > 0) ? quadrant_of(r->p_uw, r->q_uvar) : MSDK_METRO_Q_NONE;
    r->freq_uhz = freq_uhz;
    r->samples = s->n;
    if (freq_uhz == 0u) {
        r->flags |= MSDK_METRO_MF_NO_FREQ;
    }
    /* Phase sequence from the voltage angles of L2 / L3 (L1 must be present). */
    r->seq = MSDK_METRO_SEQ_UNKNOWN;
    if ((r->ph[0].flags & MSDK_METRO_PF_MISSING) == 0u) {
        for (unsigned k = 1; k < MSDK_METRO_PHASES; k++) {
            if ((r->ph[k].flags & MSDK_METRO_PF_MISSING) != 0u) {
                continue;
            }
            uint32_t ok = (k == 1u) ? 120000u : 240000u;
            uint32_t rev = (k == 1u) ? 240000u : 120000u;
            if (near_mdeg(r->ph[k].v_angle_mdeg, ok, 30000u)) {
                r->seq = MSDK_METRO_SEQ_OK;
            } else if (near_mdeg(r->ph[k].v_angle_mdeg, rev, 30000u)) {
                r->seq = MSDK_METRO_SEQ_REVERSED;
            }
            break;
        }
    }
    if (r->seq == MSDK_METRO_SEQ_REVERSED) {
        r->flags |= MSDK_METRO_MF_SEQ_REV;
    }
    /* Neutral: |In - |I1 + I2 + I3|| from the phasors (angles relative to L1). */
    int64_t x = 0;
    int64_t y = 0;
    uint32_t imax = 0u;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        const msdk_metro_phase_result_t *ph = &r->ph[k];
        uint32_t ang =
            (uint32_t)(((uint64_t)((ph->v_angle_mdeg + ph->vi_angle_mdeg) % 360000u) << 32) /
                       360000u);
        int32_t c;
        int32_t sn;
        msdk_metro_cossin(0u - ang, &c, &sn);
        x += ((int64_t)ph->i_ua * c) >> 30;
        y += ((int64_t)ph->i_ua * sn) >> 30;
        if (ph->i_ua > imax) {
            imax = ph->i_ua;
        }
    }
    uint64_t vec = msdk_isqrt_u64((uint64_t)(x * x) + (uint64_t)(y * y));
    uint64_t diff = (r->in_ua > vec) ? (r->in_ua - vec) : (vec - r->in_ua);
    bool bad = (diff > (uint64_t)m->cfg.neutral_ma * 1000u) &&
               (diff > ((uint64_t)imax * m->cfg.neutral_pct) / 100u);
    if (window) {
        m->neutral_bad = lasts(&m->neutral_ms, bad, window_ms, 1000u);
    }
    if (m->neutral_bad) {
        r->flags |= MSDK_METRO_MF_NEUTRAL;
    }
}

/* Frequency in uHz from a sum of periods, with the clock trim. */
static uint32_t freq_from(const msdk_metro_t *m, uint64_t periods_q16, uint32_t count)
{
    if ((count == 0u) || (periods_q16 == 0u)) {
        return 0u;
    }
    /* f = fs * (1 + trim) * count * 65536 / periods, in uHz. */
    msdk_metro_w128_t x = msdk_metro_w128_mul((uint64_t)m->cfg.fs_hz * 65536u * count,
                                              (uint64_t)(1000000000 + m->cal.rtc_trim_ppb));
    x = msdk_metro_w128_divu32(x, 1000u, NULL); /* 1e9 ppb -> uHz: * 1e6 / 1e9 */
    uint64_t f = msdk_metro_w128_sat64(x) / periods_q16;
    return (f > UINT32_MAX) ? UINT32_MAX : (uint32_t)f;
}

/* Fill phase results from corrected sums, apply the squelch state. */
static void phases_from_sums(msdk_metro_t *m, const sums_t *s, msdk_metro_result_t *r,
                             const bool active[MSDK_METRO_PHASES],
                             const msdk_metro_phase_result_t *pre)
{
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_phase_result_t *ph = &r->ph[k];
        if (pre != NULL) {
            /* Measured values already computed for the squelch (flags and angles kept). */
            ph->v_uv = pre[k].v_uv;
            ph->i_ua = pre[k].i_ua;
            ph->p_uw = pre[k].p_uw;
            ph->q_uvar = pre[k].q_uvar;
            ph->s_uva = pre[k].s_uva;
            ph->vi_angle_mdeg = pre[k].vi_angle_mdeg;
        } else {
            phase_result(m, s, k, ph);
        }
        if (!active[k]) {
            ph->p_uw = 0;
            ph->q_uvar = 0;
            ph->s_uva = 0;
            ph->pf_u = 0;
            ph->quadrant = MSDK_METRO_Q_NONE;
            ph->vi_angle_mdeg = 0u;
        } else {
            ph->pf_u = pf_of(ph->p_uw, ph->s_uva);
            ph->quadrant = quadrant_of(ph->p_uw, ph->q_uvar);
            ph->flags |= MSDK_METRO_PF_ACTIVE;
            if (ph->p_uw < 0) {
                ph->flags |= MSDK_METRO_PF_REVERSED;
            }
            uint32_t a = ph->vi_angle_mdeg;
            if (((a >= 90000u) && (a <= 150000u)) || ((a >= 210000u) && (a <= 270000u))) {
                ph->flags |= MSDK_METRO_PF_WRONG_PHASE;
            }
        }
    }
}

static void accumulate_second(msdk_metro_t *m, const sums_t *s, const msdk_metro_acc_t *a)
{
    msdk_metro_sec_t *sc = &m->sec;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        sc->v2[k] += (int64_t)s->v2[k];
        sc->i2[k] += (int64_t)s->i2[k];
        sc->p[k] += s->p[k];
        sc->q[k] += s->q[k];
        sc->sv[k] += a->sv[k];
        sc->sv[MSDK_METRO_PHASES + k] += a->si[k];
    }
    sc->in2 += (int64_t)s->in2;
    sc->sv[MSDK_METRO_CH_IN] += a->sin;
    if (a->period_q16 != 0u) {
        sc->periods_q16 += a->period_q16;
        sc->nperiods++;
    }
    sc->n += s->n;
    sc->flags_or |= m->cycle.flags;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        sc->pflags_or[k] |= m->cycle.ph[k].flags;
    }
    if (sc->n < m->cfg.fs_hz) {
        return;
    }
    /* Close the second. */
    sums_t t;
    memset(&t, 0, sizeof(t));
    bool active[MSDK_METRO_PHASES];
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        t.v2[k] = (uint64_t)sc->v2[k];
        t.i2[k] = (uint64_t)sc->i2[k];
        t.p[k] = sc->p[k];
        t.q[k] = sc->q[k];
        active[k] = m->ps[k].active;
    }
    t.in2 = (uint64_t)sc->in2;
    t.n = sc->n;
    msdk_metro_result_t *r = &m->second;
    memset(r, 0, sizeof(*r));
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        r->ph[k].flags = sc->pflags_or[k] & ~(uint32_t)MSDK_METRO_PF_ACTIVE;
        r->ph[k].v_angle_mdeg = m->cycle.ph[k].v_angle_mdeg;
    }
    phases_from_sums(m, &t, r, active, NULL);
    r->flags = sc->flags_or & ~(uint32_t)MSDK_METRO_MF_NO_FREQ;
    meter_result(m, r, &t, freq_from(m, sc->periods_q16, sc->nperiods), 0u, false);
    r->seq = m->cycle.seq;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        m->mean_code[c] = (sc->sv[c] * 256) / (int64_t)sc->n;
    }
    m->seconds++;
    memset(sc, 0, sizeof(*sc));
}

bool msdk_metro_process(msdk_metro_t *m)
{
    if (m->handoff == 0u) {
        return false;
    }
    const msdk_metro_acc_t *a = &m->out;
    uint32_t n = a->n;
    int64_t qg = quadrature_gain(m->period_q16);
    sums_t s;
    window_sums(m, a, &s, qg);
    uint32_t window_ms = (uint32_t)(((uint64_t)n * 1000u) / m->cfg.fs_hz);

    msdk_metro_result_t *r = &m->cycle;
    memset(r, 0, sizeof(*r));
    /* Squelch with hysteresis, on the window's powers. */
    bool active[MSDK_METRO_PHASES];
    msdk_metro_phase_result_t measured[MSDK_METRO_PHASES];
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_phase_result_t tmp;
        phase_result(m, &s, k, &tmp);
        measured[k] = tmp;
        uint64_t ap = msdk_metro_abs64(tmp.p_uw);
        uint64_t aq = msdk_metro_abs64(tmp.q_uvar);
        uint64_t big = ((ap > aq) ? ap : aq) / 1000u; /* mW */
        msdk_metro_pstate_t *ps = &m->ps[k];
        if (ps->active) {
            ps->active = big >= m->cfg.squelch_off_mw;
        } else {
            ps->active = big > m->cfg.squelch_on_mw;
        }
        active[k] = ps->active;
    }

    /* Voltage angles and presence, quality flags. */
    uint64_t u_nom_uv = (uint64_t)m->cfg.u_nom_mv * 1000u;
    uint32_t period = (a->period_q16 != 0u) ? a->period_q16 : m->period_q16;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_phase_result_t *ph = &r->ph[k];
        msdk_metro_pstate_t *ps = &m->ps[k];
        uint32_t v = scale_rms(rms_q16(s.v2[k], n), m->cal.gain_q24[k]);
        uint32_t i = scale_rms(rms_q16(s.i2[k], n), m->cal.gain_q24[MSDK_METRO_PHASES + k]);
        uint32_t f = 0u;
        if (lasts(&ps->miss_ms, v < (u_nom_uv * m->cfg.missing_pct) / 100u, window_ms,
                  m->cfg.sag_ms)) {
            f |= MSDK_METRO_PF_MISSING;
        }
        if (lasts(&ps->sag_ms, v < (u_nom_uv * m->cfg.sag_pct) / 100u, window_ms, m->cfg.sag_ms)) {
            f |= MSDK_METRO_PF_SAG;
        }
        if (lasts(&ps->swell_ms, v > (u_nom_uv * m->cfg.swell_pct) / 100u, window_ms,
                  m->cfg.sag_ms)) {
            f |= MSDK_METRO_PF_SWELL;
        }
        if (lasts(&ps->over_ms, (uint64_t)i > ((uint64_t)m->cfg.i_max_ma * 10u * m->cfg.over_pct),
                  window_ms, m->cfg.over_ms)) {
            f |= MSDK_METRO_PF_OVERCURR;
        }
        if ((a->clip & ((1u << k) | (1u << (MSDK_METRO_PHASES + k)))) != 0u) {
            f |= MSDK_METRO_PF_CLIPPED;
        }
        ph->flags = f;
        if ((k != 0u) && ((a->xing_seen & 1u) != 0u) && ((a->xing_seen & (1u << k)) != 0u)) {
            ph->v_angle_mdeg = v_angle(a->xing_q16[k], a->xing_q16[0], period);
        } else if (k != 0u) {
            ph->v_angle_mdeg = m->cycle_prev_angle[k];
        }
        m->cycle_prev_angle[k] = ph->v_angle_mdeg;
    }
    phases_from_sums(m, &s, r, active, measured);
    if (a->grown != 0u) {
        r->flags |= MSDK_METRO_MF_OVERRUN;
    }
    uint32_t freq = (a->period_q16 != 0u) ? freq_from(m, a->period_q16, 1u) : 0u;
    meter_result(m, r, &s, freq, window_ms, true);

    /* Energy, pulses. */
    uint64_t tot_inc[MSDK_METRO_REG_COUNT];
    book_energy(m, &s, active, tot_inc);
    pulse_update(m, a, tot_inc, n);
    m->samples_done += n;
    m->windows++;

    /* Reference phase: the first with its voltage present. */
    uint32_t ref = m->ref;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if ((r->ph[k].flags & MSDK_METRO_PF_MISSING) == 0u) {
            ref = k;
            break;
        }
    }

    accumulate_second(m, &s, a);

    /* Quadrature for the next window from this window's period. */
    if (a->period_q16 != 0u) {
        msdk_metro_set_quadrature(m, a->period_q16);
    }
    /* Release the buffer last: the sampling side may reuse it from now on. */
    if (ref != m->ref) {
        m->ref = ref;
        m->xing_valid = 0u;
    }
    m->handoff = 0u;
    return true;
}
