/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Golden model of libmetrology (docs/metrology.md) in double precision.
 *
 * Written from the spec and the public headers only. Every quantity the library holds in
 * fixed point (all-pass coefficient, crossing stamps and periods, interpolation fraction,
 * |H|, energy conversion, pulse fractions) is an exact double here; the only integer
 * quantities are the input codes (clamped to 24 bits) and the hysteresis, which the spec
 * defines in whole codes.
 *
 * Interpretations where docs/metrology.md leaves room (header documentation followed
 * where it says something):
 *
 *  1. Phase correction: tau = phase_ns * 1e-9 s and D = 5 - tau * fs uses the NOMINAL fs
 *     (the header states the range as "4 samples at 8 kHz"). tau * fs is clamped to
 *     [-4, 4], so kv = floor(D - 0.5) is in 0..8 and d = D - kv in [0.5, 1.5].
 *  2. Delay lines are written before they are read: vd = y[n - kv] with kv = 0 is the
 *     all-pass output of this very frame, id = i[n - 5]. All lines start at zero, as does
 *     the all-pass state (x[-1] = y[-1] = 0).
 *  3. Quadrature: qd = kv + T/4, m = floor(qd), f = qd - m,
 *     vq = y[n-m] + f (y[n-m-1] - y[n-m]). T is the last VALID period (a window closed
 *     on time or with an out-of-range period leaves T unchanged), fs/f_nom until the
 *     first one. The taps change at the frame after the window end (the period is known
 *     when the window ends, independently of when process runs). |H| uses the f and T
 *     the window was accumulated with. T is not quantized to 1/65536.
 *  4. Hysteresis: one value for all phases, computed from the V1 gain:
 *     h = trunc(u_nom * sqrt(2) * 0.1 / (gain_q24[V1] / 2^24 * 1e-6)) codes.
 *     Armed when v < -h (strict); crosses at the first v >= 0 while armed; crossing time
 *     n - 1 + v[n-1] / (v[n-1] - v[n]) as an exact double (n = frames since init).
 *  5. Windows (N counts frame n): ends on a reference crossing when N >= fs/70 (real
 *     comparison, i.e. N >= ceil(fs/70)); a reference crossing in a shorter window is a
 *     spike: ignored entirely (it does not become the previous reference crossing).
 *     The period (crossing minus previous reference crossing) is valid when
 *     fs/70 <= T <= fs/40 (real). Otherwise the window ends on time when N reaches
 *     floor(fs/40) + 1, or, when the previous window ended on time, when N >= fs/f_nom
 *     (real; ceil(fs/f_nom) frames for 8000/60). A crossing end wins over a time end on
 *     the same frame.
 *  6. Reference phase: the first phase whose last window Vrms is at least 50 % of u_nom
 *     (no 40 ms duration); unchanged when none is. Changing it forgets the previous
 *     reference crossing (the next crossing window has no valid period).
 *  7. Q offset term: literally (sum vq id - ov sum id - oi sum vd + N ov oi) / |H|.
 *  8. Two-point gain: uncorrected current I = gi sqrt(I2/N) in A; ppm = lo for
 *     I <= i_tr, hi for I >= i_max, linear between. With i_tr_ma == 0 (single point) or
 *     i_max_ma <= i_tr_ma, ppm = lo (below or at i_tr) else hi. No gain on the neutral.
 *  9. Squelch on the corrected |P|, |Q| of the window (W, var): inactive -> active when
 *     max > on, active -> inactive when max < off. Starts inactive. Inactive phases
 *     report p = q = s = pf = 0 and vi_angle 0.
 * 10. Quadrant of (P, Q): Q1 P >= 0, Q >= 0; Q2 P < 0, Q >= 0; Q3 P < 0, Q < 0;
 *     Q4 P >= 0, Q < 0. S to S_IMP when P >= 0 else S_EXP.
 * 11. Vector netting: over the active phases, EP = sum E_P, EQ = sum E_Q and
 *     ES = sum (+E_S if that phase's P >= 0, else -E_S); the total books EP by its sign,
 *     |EQ| to the quadrant of (EP, EQ), |ES| to S_IMP when ES >= 0 else S_EXP.
 * 12. Pulses: credit = source total registers (Wh) / 1000 * imp (cumulative, exact);
 *     after each window rate = (credit - (count + frac)) / N, clamped to [0, 1), where
 *     count + frac is taken after frame n (the window's last frame) was pulsed, so the
 *     new rate applies from frame n + 1. A carry (frac >= 1) emits one pulse per frame
 *     at most. The LED width is not modelled.
 * 13. Seconds: offset/gain-corrected window sums (SI units * frames) add up; the second
 *     closes at the first window end where it holds >= fs (nominal) frames. Its
 *     V, I, P, Q, S use the window formulas on those sums; the squelch is the state after
 *     the last window (inactive: p = q = s = pf = 0); vi_angle from its P, Q; v_angle
 *     from the last window; f = fs_true * nperiods / sum(periods).
 * 14. Voltage angles: ((xing_k - xing_L1) mod T) * 360 / T with the last crossings of
 *     the window and T its period (else the last valid period); 0 when L1 or the phase
 *     did not cross in the window.
 * 15. msdk_gm_sample called again while a window awaits processing processes it first
 *     (the library would grow the window instead; callers should process every window).
 */
#include "golden.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define GM_PI       3.14159265358979323846
#define GM_CODE_MIN (-8388608)
#define GM_CODE_MAX 8388607

void msdk_gm_config_default(msdk_gm_config_t *c)
{
    if (c == NULL) {
        return;
    }
    memset(c, 0, sizeof(*c));
    c->fs = 8000.0;
    c->f_nom = 50.0;
    c->u_nom = 230.0;
    c->i_ref = 5.0;
    c->i_max = 100.0;
    c->i_start = 0.02;
    c->imp_per_kwh = 2000.0;
    c->imp_per_kvarh = 2000.0;
    c->netting = 0;
    c->pulse_p_src = 0;
    c->pulse_q_src = 0;
    c->squelch_on_w = 0.35 * c->u_nom * c->i_start;
    c->squelch_off_w = 0.7 * c->squelch_on_w;
}

static void set_taps(msdk_gm_t *g)
{
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        double qd = (double)g->kv[k] + g->t_quad / 4.0;
        double m = floor(qd);
        if (m > (double)(MSDK_GM_VLINE - 2u)) { /* cannot happen for T <= fs/40 */
            m = (double)(MSDK_GM_VLINE - 2u);
            qd = m;
        }
        g->qtap[k] = (unsigned)m;
        g->qfrac[k] = qd - m;
    }
}

static void win_reset(msdk_gm_t *g)
{
    memset(&g->live, 0, sizeof(g->live));
    g->live.t_quad = g->t_quad;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        g->live.qfrac[k] = g->qfrac[k];
    }
}

void msdk_gm_init(msdk_gm_t *g, const msdk_gm_config_t *c, const msdk_metro_calib_t *cal)
{
    if (g == NULL) {
        return;
    }
    memset(g, 0, sizeof(*g));
    if (c != NULL) {
        g->cfg = *c;
    } else {
        msdk_gm_config_default(&g->cfg);
    }
    if (g->cfg.squelch_on_w <= 0.0) {
        g->cfg.squelch_on_w = 0.35 * g->cfg.u_nom * g->cfg.i_start;
    }
    if (g->cfg.squelch_off_w <= 0.0) {
        g->cfg.squelch_off_w = 0.7 * g->cfg.squelch_on_w;
    }
    if (cal != NULL) {
        g->cal = *cal;
    } else {
        for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
            /* 480 V and 180 A at 2^23 codes: 57.22 uV and 21.46 uA per code. */
            g->cal.gain_q24[ch] = ch < MSDK_METRO_PHASES ? 960000000u : 360000000u;
        }
    }
    const double q24 = 16777216.0;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        g->gv[k] = (double)g->cal.gain_q24[MSDK_METRO_CH_V1 + k] / q24 * 1e-6;
        g->gi[k] = (double)g->cal.gain_q24[MSDK_METRO_CH_I1 + k] / q24 * 1e-6;
        g->ov[k] = (double)g->cal.offset[MSDK_METRO_CH_V1 + k];
        g->oi[k] = (double)g->cal.offset[MSDK_METRO_CH_I1 + k];
    }
    g->gin = (double)g->cal.gain_q24[MSDK_METRO_CH_IN] / q24 * 1e-6;
    g->on = (double)g->cal.offset[MSDK_METRO_CH_IN];
    g->fs_true = g->cfg.fs * (1.0 + (double)g->cal.rtc_trim_ppb * 1e-9);

    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        double tfs = (double)g->cal.phase_ns[k] * 1e-9 * g->cfg.fs;
        if (tfs > 4.0) {
            tfs = 4.0;
        } else if (tfs < -4.0) {
            tfs = -4.0;
        }
        const double dtot = (double)MSDK_GM_IDELAY - tfs;
        const double kv = floor(dtot - 0.5);
        const double d = dtot - kv;
        g->kv[k] = (unsigned)kv;
        g->ap_a[k] = (1.0 - d) / (1.0 + d);
    }
    g->hyst = g->gv[0] > 0.0 ? floor(g->cfg.u_nom * sqrt(2.0) * 0.1 / g->gv[0]) : 0.0;
    g->lp_k = 0.0;
    if (g->cfg.reactive_fundamental) {
        /* k = 2^-shift, the largest shift with fs / 2^(shift+1) >= 90 (docs/metrology.md). */
        unsigned sh = 0;
        while (floor(g->cfg.fs / pow(2.0, (double)(sh + 1u))) >= 90.0) {
            sh++;
        }
        g->lp_k = pow(2.0, -(double)sh);
    }
    g->win_min = g->cfg.fs / 70.0;
    g->win_max = g->cfg.fs / 40.0;
    g->win_limit = floor(g->cfg.fs / 40.0) + 1.0;
    g->win_nom = g->cfg.fs / g->cfg.f_nom;
    g->t_quad = g->win_nom;
    g->t_last = g->win_nom;
    g->ref = 0;
    set_taps(g);
    win_reset(g);
}

static double clamp_code(int32_t x, unsigned ch, unsigned *clip)
{
    if (x < GM_CODE_MIN) {
        *clip |= 1u << ch;
        return (double)GM_CODE_MIN;
    }
    if (x > GM_CODE_MAX) {
        *clip |= 1u << ch;
        return (double)GM_CODE_MAX;
    }
    return (double)x;
}

static void end_window(msdk_gm_t *g, int on_crossing, int period_valid, double period)
{
    msdk_gm_win_t *w = &g->live;
    w->period_valid = period_valid;
    w->period = period_valid ? period : 0.0;
    g->done = *w;
    g->pending = 1;
    g->ended_on_time = !on_crossing;
    if (period_valid) {
        g->t_quad = period;
        g->t_last = period;
        set_taps(g);
    }
    win_reset(g);
}

int msdk_gm_sample(msdk_gm_t *g, const int32_t frame[MSDK_METRO_CH_COUNT])
{
    if (g->pending) {
        msdk_gm_process(g);
    }
    msdk_gm_win_t *w = &g->live;
    double x[MSDK_METRO_CH_COUNT];
    for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
        x[ch] = clamp_code(frame[ch], ch, &w->clip);
    }
    const double n = (double)g->frame;
    g->wpos = (g->wpos + 1u) % MSDK_GM_VLINE; /* VLINE is a multiple of ILINE */
    int ref_crossed = 0;
    double ref_time = 0.0;

    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        const double v = x[MSDK_METRO_CH_V1 + k];
        const double i = x[MSDK_METRO_CH_I1 + k];
        /* 1. all-pass fractional delay */
        const double y = g->ap_x1[k] + g->ap_a[k] * (v - g->ap_y1[k]);
        g->ap_x1[k] = v;
        g->ap_y1[k] = y;
        /* 2. delay lines (written, then read) */
        g->yline[k][g->wpos] = y;
        g->iline[k][g->wpos % MSDK_GM_ILINE] = i;
        const double vd = g->yline[k][(g->wpos + MSDK_GM_VLINE - g->kv[k]) % MSDK_GM_VLINE];
        const double id = g->iline[k][(g->wpos + MSDK_GM_ILINE - MSDK_GM_IDELAY) % MSDK_GM_ILINE];
        /* 3. quadrature */
        const unsigned m = g->qtap[k];
        const double y0 = g->yline[k][(g->wpos + MSDK_GM_VLINE - m) % MSDK_GM_VLINE];
        const double y1 = g->yline[k][(g->wpos + MSDK_GM_VLINE - m - 1u) % MSDK_GM_VLINE];
        const double vq = y0 + g->qfrac[k] * (y1 - y0);
        /* 4. accumulators */
        w->v2[k] += vd * vd;
        w->i2[k] += id * id;
        w->p[k] += vd * id;
        w->q[k] += vq * id;
        w->sv[k] += vd;
        w->si[k] += id;
        if (g->lp_k > 0.0) {
            double xv = vd;
            double xq = vq;
            for (unsigned s = 0; s < 5u; s++) {
                g->lp_v[k][s] += (xv - g->lp_v[k][s]) * g->lp_k;
                g->lp_q[k][s] += (xq - g->lp_q[k][s]) * g->lp_k;
                xv = g->lp_v[k][s];
                xq = g->lp_q[k][s];
            }
            w->pf[k] += xv * id;
            w->qf[k] += xq * id;
        }
        /* 5. zero crossings of the raw voltage */
        if (v < -g->hyst) {
            g->armed[k] = 1;
        } else if (g->armed[k] && v >= 0.0) {
            const double vp = g->vprev[k];
            const double t = n - 1.0 + vp / (vp - v);
            g->armed[k] = 0;
            w->xing[k] = t;
            w->xing_seen[k] = 1;
            if (k == g->ref) {
                ref_crossed = 1;
                ref_time = t;
            }
        }
        g->vprev[k] = v;
    }
    const double in = x[MSDK_METRO_CH_IN];
    w->in2 += in * in;
    w->sin += in;
    w->n++;
    g->frame++;

    /* 6. windows */
    int ended = 0;
    const double nn = (double)w->n;
    /* A reference crossing less than fs/70 after the previous one is a spike; with no
     * previous crossing (start, reference change, after a window ended on time) the first
     * one ends the window whatever its position. */
    int spike = ref_crossed && g->ref_xing_valid && (ref_time - g->ref_xing) < g->win_min;
    if (ref_crossed && !spike) {
        int valid = 0;
        double period = 0.0;
        if (g->ref_xing_valid) {
            period = ref_time - g->ref_xing;
            valid = period <= g->win_max;
        }
        g->ref_xing = ref_time;
        g->ref_xing_valid = 1;
        end_window(g, 1, valid, period);
        ended = 1;
    } else if (nn >= (g->ended_on_time ? g->win_nom : g->win_limit)) {
        g->ref_xing_valid = 0;
        end_window(g, 0, 0, 0.0);
        ended = 1;
    }

    /* 7. pulse outputs (the rate of the window this frame belongs to) */
    for (unsigned o = 0; o < 2u; o++) {
        g->pulse_frac[o] += g->pulse_rate[o];
        if (g->pulse_frac[o] >= 1.0) {
            g->pulse_frac[o] -= 1.0;
            g->pulse_count[o] += 1.0;
        }
    }
    return ended;
}

static unsigned quadrant_reg(double p, double q)
{
    if (p >= 0.0) {
        return q >= 0.0 ? (unsigned)MSDK_METRO_REG_R_Q1 : (unsigned)MSDK_METRO_REG_R_Q4;
    }
    return q >= 0.0 ? (unsigned)MSDK_METRO_REG_R_Q2 : (unsigned)MSDK_METRO_REG_R_Q3;
}

static void book(double *r, double ep, double eq, double es)
{
    if (ep >= 0.0) {
        r[MSDK_METRO_REG_A_IMP] += ep;
        r[MSDK_METRO_REG_S_IMP] += es;
    } else {
        r[MSDK_METRO_REG_A_EXP] += -ep;
        r[MSDK_METRO_REG_S_EXP] += es;
    }
    r[quadrant_reg(ep, eq)] += fabs(eq);
}

static double angle360(double deg)
{
    double a = fmod(deg, 360.0);
    if (a < 0.0) {
        a += 360.0;
    }
    if (a >= 360.0) {
        a -= 360.0;
    }
    return a;
}

static double src_wh(const double *t, int reactive, int src)
{
    if (!reactive) {
        const double imp = t[MSDK_METRO_REG_A_IMP];
        const double exp_ = t[MSDK_METRO_REG_A_EXP];
        return src == 1 ? imp : src == 2 ? exp_ : imp + exp_;
    }
    const double imp = t[MSDK_METRO_REG_R_Q1] + t[MSDK_METRO_REG_R_Q2];
    const double exp_ = t[MSDK_METRO_REG_R_Q3] + t[MSDK_METRO_REG_R_Q4];
    return src == 1 ? imp : src == 2 ? exp_ : imp + exp_;
}

static double two_point(const msdk_gm_t *g, unsigned k, double iu)
{
    const double lo = (double)g->cal.igain_lo_ppm[k];
    const double hi = (double)g->cal.igain_hi_ppm[k];
    const double itr = (double)g->cal.i_tr_ma * 1e-3;
    const double imax = (double)g->cal.i_max_ma * 1e-3;
    double ppm;
    if (iu <= itr || g->cal.i_tr_ma == 0u) {
        ppm = lo;
    } else if (iu >= imax) {
        ppm = hi;
    } else {
        ppm = lo + (hi - lo) * (iu - itr) / (imax - itr);
    }
    return 1.0 + ppm * 1e-6;
}

static void second_close(msdk_gm_t *g)
{
    msdk_gm_result_t *r = &g->second;
    const double n = (double)g->s_n;
    memset(r, 0, sizeof(*r));
    r->n = g->s_n;
    r->clip = g->s_clip;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        r->v[k] = sqrt(g->s_v2[k] / n);
        r->i[k] = sqrt(g->s_i2[k] / n);
        r->active[k] = g->active[k];
        r->v_angle_deg[k] = g->cycle.v_angle_deg[k];
        if (g->active[k]) {
            r->p[k] = g->s_p[k] / n;
            r->q[k] = g->s_q[k] / n;
            r->s[k] = sqrt(g->s_v2[k] * g->s_i2[k]) / n;
            r->pf[k] = r->s[k] > 0.0 ? r->p[k] / r->s[k] : 0.0;
            r->vi_angle_deg[k] = angle360(atan2(r->q[k], r->p[k]) * 180.0 / GM_PI);
        }
        r->p_total += r->p[k];
        r->q_total += r->q[k];
        r->s_total += r->s[k];
    }
    r->in = sqrt(g->s_in2 / n);
    r->period_valid = g->s_nperiods > 0u;
    r->freq = r->period_valid ? g->fs_true * (double)g->s_nperiods / g->s_periods : 0.0;
    g->seconds++;
    memset(g->s_v2, 0, sizeof(g->s_v2));
    memset(g->s_i2, 0, sizeof(g->s_i2));
    memset(g->s_p, 0, sizeof(g->s_p));
    memset(g->s_q, 0, sizeof(g->s_q));
    g->s_in2 = 0.0;
    g->s_periods = 0.0;
    g->s_nperiods = 0;
    g->s_n = 0;
    g->s_clip = 0;
}

void msdk_gm_process(msdk_gm_t *g)
{
    if (g == NULL || !g->pending) {
        return;
    }
    g->pending = 0;
    const msdk_gm_win_t *w = &g->done;
    msdk_gm_result_t *r = &g->cycle;
    memset(r, 0, sizeof(*r));
    const double n = (double)w->n;
    r->n = w->n;
    r->clip = w->clip;
    r->period_valid = w->period_valid;
    r->freq = w->period_valid ? g->fs_true / w->period : 0.0;
    const double w_fund = 2.0 * GM_PI / w->t_quad;

    double net_p = 0.0, net_q = 0.0, net_s = 0.0;
    int any_active = 0;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        const double ov = g->ov[k], oi = g->oi[k];
        double v2 = w->v2[k] - 2.0 * ov * w->sv[k] + n * ov * ov;
        double i2 = w->i2[k] - 2.0 * oi * w->si[k] + n * oi * oi;
        if (v2 < 0.0) {
            v2 = 0.0;
        }
        if (i2 < 0.0) {
            i2 = 0.0;
        }
        const double p = w->p[k] - ov * w->si[k] - oi * w->sv[k] + n * ov * oi;
        const double f = w->qfrac[k];
        const double h = sqrt(1.0 - 2.0 * f * (1.0 - f) * (1.0 - cos(w_fund)));
        double q = (w->q[k] - ov * w->si[k] - oi * w->sv[k] + n * ov * oi) / h;
        if (g->lp_k > 0.0) {
            /* Fundamental: (Pf + j Qf) / H with H = (k / (1 - (1 - k) e^-jw))^5. */
            const double per = w->period_valid ? w->period : w->t_quad;
            const double wf = 2.0 * GM_PI / per;
            const double kk = g->lp_k;
            const double dr = (1.0 - (1.0 - kk) * cos(wf)) / kk;
            const double di = ((1.0 - kk) * sin(wf)) / kk;
            /* z = (dr + j di)^5 */
            const double z2r = dr * dr - di * di;
            const double z2i = 2.0 * dr * di;
            const double z4r = z2r * z2r - z2i * z2i;
            const double z4i = 2.0 * z2r * z2i;
            const double zr = z4r * dr - z4i * di;
            const double zi = z4r * di + z4i * dr;
            const double pfc = w->pf[k] - ov * w->si[k] - oi * w->sv[k] + n * ov * oi;
            const double qfc = (w->qf[k] - ov * w->si[k] - oi * w->sv[k] + n * ov * oi) / h;
            q = pfc * zi + qfc * zr;
        }

        const double iu = g->gi[k] * sqrt(i2 / n);
        const double c = two_point(g, k, iu);
        const double kvi = c * g->gv[k] * g->gi[k]; /* W per code^2 */
        const double pw = kvi * p / n;
        const double qw = kvi * q / n;
        const double sw = kvi * sqrt(v2 * i2) / n;
        r->v[k] = g->gv[k] * sqrt(v2 / n);
        r->i[k] = c * iu;

        const double mx = fmax(fabs(pw), fabs(qw));
        if (!g->active[k] && mx > g->cfg.squelch_on_w) {
            g->active[k] = 1;
        } else if (g->active[k] && mx < g->cfg.squelch_off_w) {
            g->active[k] = 0;
        }
        r->active[k] = g->active[k];

        /* second sums (offset and gain corrected) */
        g->s_v2[k] += g->gv[k] * g->gv[k] * v2;
        g->s_i2[k] += c * c * g->gi[k] * g->gi[k] * i2;
        g->s_p[k] += kvi * p;
        g->s_q[k] += kvi * q;

        if (g->active[k]) {
            r->p[k] = pw;
            r->q[k] = qw;
            r->s[k] = sw;
            r->pf[k] = sw > 0.0 ? pw / sw : 0.0;
            r->vi_angle_deg[k] = angle360(atan2(qw, pw) * 180.0 / GM_PI);
            const double e = kvi / g->fs_true / 3600.0; /* Wh per code^2 * frame */
            const double ep = e * p, eq = e * q, es = e * sqrt(v2 * i2);
            book(g->reg[k], ep, eq, es);
            if (g->cfg.netting == (int)MSDK_METRO_NET_VECTOR) {
                net_p += ep;
                net_q += eq;
                net_s += ep >= 0.0 ? es : -es;
                any_active = 1;
            } else {
                book(g->reg[MSDK_METRO_SET_TOTAL], ep, eq, es);
            }
        }
        r->p_total += r->p[k];
        r->q_total += r->q[k];
        r->s_total += r->s[k];
    }
    if (any_active) {
        double *t = g->reg[MSDK_METRO_SET_TOTAL];
        if (net_p >= 0.0) {
            t[MSDK_METRO_REG_A_IMP] += net_p;
        } else {
            t[MSDK_METRO_REG_A_EXP] += -net_p;
        }
        t[quadrant_reg(net_p, net_q)] += fabs(net_q);
        if (net_s >= 0.0) {
            t[MSDK_METRO_REG_S_IMP] += net_s;
        } else {
            t[MSDK_METRO_REG_S_EXP] += -net_s;
        }
    }

    /* neutral */
    double in2 = w->in2 - 2.0 * g->on * w->sin + n * g->on * g->on;
    if (in2 < 0.0) {
        in2 = 0.0;
    }
    r->in = g->gin * sqrt(in2 / n);
    g->s_in2 += g->gin * g->gin * in2;

    /* voltage angles */
    const double tper = w->period_valid ? w->period : g->t_last;
    for (unsigned k = 1; k < MSDK_METRO_PHASES; k++) {
        if (w->xing_seen[0] && w->xing_seen[k]) {
            double dt = fmod(w->xing[k] - w->xing[0], tper);
            if (dt < 0.0) {
                dt += tper;
            }
            r->v_angle_deg[k] = angle360(dt * 360.0 / tper);
        }
    }

    /* pulse credit and rates for the next window */
    const double per_unit[2] = { g->cfg.imp_per_kwh / 1000.0, g->cfg.imp_per_kvarh / 1000.0 };
    const int srcs[2] = { g->cfg.pulse_p_src, g->cfg.pulse_q_src };
    for (unsigned o = 0; o < 2u; o++) {
        g->credit[o] = src_wh(g->reg[MSDK_METRO_SET_TOTAL], (int)o, srcs[o]) * per_unit[o];
        double rate = (g->credit[o] - (g->pulse_count[o] + g->pulse_frac[o])) / n;
        if (rate < 0.0) {
            rate = 0.0;
        }
        if (rate >= 1.0) {
            rate = nextafter(1.0, 0.0);
        }
        g->pulse_rate[o] = rate;
    }

    /* reference phase: first phase with its voltage present */
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if (r->v[k] >= 0.5 * g->cfg.u_nom) {
            if (k != g->ref) {
                g->ref = k;
                g->ref_xing_valid = 0;
            }
            break;
        }
    }

    g->frames_integrated += w->n;

    /* second */
    g->s_n += w->n;
    g->s_clip |= w->clip;
    if (w->period_valid) {
        g->s_periods += w->period;
        g->s_nperiods++;
    }
    if ((double)g->s_n >= g->cfg.fs) {
        second_close(g);
    }
}

const msdk_gm_result_t *msdk_gm_cycle(const msdk_gm_t *g)
{
    return &g->cycle;
}

const msdk_gm_result_t *msdk_gm_second(const msdk_gm_t *g, unsigned *seq)
{
    if (seq != NULL) {
        *seq = g->seconds;
    }
    return &g->second;
}

double msdk_gm_energy_wh(const msdk_gm_t *g, unsigned set, msdk_metro_reg_t reg)
{
    if (g == NULL || set >= MSDK_METRO_SETS || (unsigned)reg >= (unsigned)MSDK_METRO_REG_COUNT) {
        return 0.0;
    }
    return g->reg[set][reg];
}

double msdk_gm_pulses(const msdk_gm_t *g, int reactive)
{
    return g->pulse_count[reactive ? 1 : 0];
}

unsigned long long msdk_gm_frames_integrated(const msdk_gm_t *g)
{
    return g->frames_integrated;
}
