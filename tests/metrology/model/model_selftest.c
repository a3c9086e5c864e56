/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Self test of the metrology test models (CTest unit.metrology_model).
 *
 * The closed forms of msdk_tm_ref_span() are checked against a brute-force
 * integration of msdk_tm_wave_eval() / msdk_tm_wave_eval_quad(): Simpson
 * panels at 64 times an 8 kHz sample rate, each refined adaptively (with
 * Richardson extrapolation) until its error is below 1e-13 of a panel, so
 * the kinks and jumps of the shaped currents are resolved without telling the
 * integrator where they are. Also checked: textbook values over whole cycles,
 * the periodic shortcut against a piecewise sum, and the AFE model.
 *
 * Usage: metro-model-selftest [seed]   (seed of the random cases; also read
 * from MSDK_TM_SEED). The seed is printed on any failure.
 */
#include "metro_model.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSDK_TM_ST_NQ   16
#define MSDK_TM_ST_PI   3.14159265358979323846
#define MSDK_TM_ST_DEG  (MSDK_TM_ST_PI / 180.0)
#define MSDK_TM_ST_RTOL 1e-10

typedef struct {
    uint64_t seed;
    unsigned fails;
    unsigned checks;
    double worst; /* worst error / tolerance seen by the brute-force checks */
} msdk_tm_st_t;

typedef struct {
    const msdk_tm_wave_cfg_t *w;
    double scale[MSDK_TM_ST_NQ];
    double tol;
    unsigned long evals;
} msdk_tm_st_bf_t;

static void msdk_tm_st_fail(msdk_tm_st_t *st, const char *name, const char *what, double got,
                            double want, double tol)
{
    st->fails++;
    printf("FAIL %s: %s = %.17g, want %.17g (|diff| %.3g > tol %.3g) [seed %" PRIu64 "]\n", name,
           what, got, want, fabs(got - want), tol, st->seed);
}

static void msdk_tm_st_near(msdk_tm_st_t *st, const char *name, const char *what, double got,
                            double want, double tol)
{
    st->checks++;
    if (!(fabs(got - want) <= tol)) {
        msdk_tm_st_fail(st, name, what, got, want, tol);
    }
}

/* The 16 integrands: v*i, vq*i, vq1*i, v^2, i^2 (per phase), in^2. */
static void msdk_tm_st_f(msdk_tm_st_bf_t *b, double t, double *f)
{
    double v[3], i[3], in, vq[3], vq1[3];
    msdk_tm_wave_eval(b->w, t, v, i, &in);
    msdk_tm_wave_eval_quad(b->w, t, vq, vq1);
    for (unsigned p = 0; p < 3; p++) {
        f[p] = v[p] * i[p];
        f[3 + p] = vq[p] * i[p];
        f[6 + p] = vq1[p] * i[p];
        f[9 + p] = v[p] * v[p];
        f[12 + p] = i[p] * i[p];
    }
    f[15] = in * in;
    b->evals++;
}

static void msdk_tm_st_asr(msdk_tm_st_bf_t *b, double a, double c, const double *fa,
                           const double *fm, const double *fc, const double *whole, unsigned depth,
                           double *out)
{
    double m = 0.5 * (a + c), l = 0.5 * (a + m), r = 0.5 * (m + c);
    double fl[MSDK_TM_ST_NQ], fr[MSDK_TM_ST_NQ], left[MSDK_TM_ST_NQ], right[MSDK_TM_ST_NQ];
    msdk_tm_st_f(b, l, fl);
    msdk_tm_st_f(b, r, fr);
    double err = 0.0;
    for (unsigned q = 0; q < MSDK_TM_ST_NQ; q++) {
        left[q] = (m - a) / 6.0 * (fa[q] + 4.0 * fl[q] + fm[q]);
        right[q] = (c - m) / 6.0 * (fm[q] + 4.0 * fr[q] + fc[q]);
        double e = fabs(left[q] + right[q] - whole[q]) / b->scale[q];
        if (e > err) {
            err = e;
        }
    }
    if (err <= 15.0 * b->tol || depth >= 60 || !(l > a && m > l && r > m && c > r)) {
        for (unsigned q = 0; q < MSDK_TM_ST_NQ; q++) {
            out[q] += left[q] + right[q] + (left[q] + right[q] - whole[q]) / 15.0;
        }
        return;
    }
    msdk_tm_st_asr(b, a, m, fa, fl, fm, left, depth + 1, out);
    msdk_tm_st_asr(b, m, c, fm, fr, fc, right, depth + 1, out);
}

static double msdk_tm_st_peak_rel(const msdk_tm_harm_t *h)
{
    double s = 0.0;
    for (unsigned k = 0; k < MSDK_TM_MAX_HARM; k++) {
        if (h[k].order != 0) {
            s += fabs(h[k].rel);
        }
    }
    return s;
}

/* Brute-force integrals over [t0, t1] with base panels of h0 seconds. */
static void msdk_tm_st_brute(const msdk_tm_wave_cfg_t *w, double t0, double t1, double h0,
                             msdk_tm_ref_t *out)
{
    msdk_tm_st_bf_t b;
    memset(&b, 0, sizeof(b));
    b.w = w;
    double sag = fabs(w->sag_factor) > 1.0 ? fabs(w->sag_factor) : 1.0;
    double npk = sqrt(2.0) * fabs(w->in_extra_rms);
    for (unsigned p = 0; p < 3; p++) {
        const msdk_tm_phase_t *ph = &w->ph[p];
        double vpk = sqrt(2.0) * fabs(ph->v_rms) * (1.0 + msdk_tm_st_peak_rel(ph->vh)) * sag;
        double ipk =
            sqrt(2.0) * fabs(ph->i_rms) * (2.0 + msdk_tm_st_peak_rel(ph->ih)) + fabs(ph->i_dc);
        vpk = vpk > 0.0 ? vpk : 1.0;
        ipk = ipk > 0.0 ? ipk : 1.0;
        b.scale[p] = b.scale[3 + p] = b.scale[6 + p] = vpk * ipk;
        b.scale[9 + p] = vpk * vpk;
        b.scale[12 + p] = ipk * ipk;
        npk += ipk;
    }
    b.scale[15] = npk * npk;
    b.tol = 1e-13 * h0;

    double acc[MSDK_TM_ST_NQ] = { 0 };
    double fa[MSDK_TM_ST_NQ], fm[MSDK_TM_ST_NQ], fc[MSDK_TM_ST_NQ], whole[MSDK_TM_ST_NQ];
    double np = ceil((t1 - t0) / h0);
    double h = (t1 - t0) / np;
    msdk_tm_st_f(&b, t0, fa);
    for (double k = 0.0; k < np; k += 1.0) {
        double a = t0 + k * h;
        double c = k + 1.0 >= np ? t1 : t0 + (k + 1.0) * h;
        double m = 0.5 * (a + c);
        msdk_tm_st_f(&b, m, fm);
        msdk_tm_st_f(&b, c, fc);
        for (unsigned q = 0; q < MSDK_TM_ST_NQ; q++) {
            whole[q] = (c - a) / 6.0 * (fa[q] + 4.0 * fm[q] + fc[q]);
        }
        msdk_tm_st_asr(&b, a, c, fa, fm, fc, whole, 0, acc);
        memcpy(fa, fc, sizeof(fa));
    }
    memset(out, 0, sizeof(*out));
    for (unsigned p = 0; p < 3; p++) {
        out->e_act[p] = acc[p];
        out->e_react[p] = acc[3 + p];
        out->e_react_fund[p] = acc[6 + p];
        out->v2t[p] = acc[9 + p];
        out->i2t[p] = acc[12 + p];
    }
    out->in2t = acc[15];
    out->t = t1 - t0;
    out->cycles = msdk_tm_wave_cycles(w, t1) - msdk_tm_wave_cycles(w, t0);
}

/* |got - want| <= tol, recording the worst ratio. */
static void msdk_tm_st_rel(msdk_tm_st_t *st, const char *name, const char *what, unsigned p,
                           double got, double want, double tol)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s[%u]", what, p + 1);
    double r = fabs(got - want) / tol;
    if (r > st->worst || isnan(r)) {
        st->worst = isnan(r) ? HUGE_VAL : r;
    }
    msdk_tm_st_near(st, name, buf, got, want, tol);
}

static void msdk_tm_st_cmp(msdk_tm_st_t *st, const char *name, const msdk_tm_ref_t *m,
                           const msdk_tm_ref_t *bf, double rtol)
{
    double isum = 0.0;
    for (unsigned p = 0; p < 3; p++) {
        double sc = sqrt(bf->v2t[p] * bf->i2t[p]);
        double tol = rtol * (sc > 1e-9 ? sc : 1e-9);
        msdk_tm_st_rel(st, name, "e_act", p, m->e_act[p], bf->e_act[p], tol);
        msdk_tm_st_rel(st, name, "e_react", p, m->e_react[p], bf->e_react[p], tol);
        msdk_tm_st_rel(st, name, "e_react_fund", p, m->e_react_fund[p], bf->e_react_fund[p], tol);
        msdk_tm_st_rel(st, name, "v2t", p, m->v2t[p], bf->v2t[p],
                       rtol * (bf->v2t[p] > 1e-9 ? bf->v2t[p] : 1e-9));
        msdk_tm_st_rel(st, name, "i2t", p, m->i2t[p], bf->i2t[p],
                       rtol * (bf->i2t[p] > 1e-9 ? bf->i2t[p] : 1e-9));
        isum += bf->i2t[p];
    }
    double nsc = bf->in2t > isum ? bf->in2t : isum;
    msdk_tm_st_rel(st, name, "in2t", 0, m->in2t, bf->in2t, rtol * (nsc > 1e-9 ? nsc : 1e-9));
    msdk_tm_st_rel(st, name, "cycles", 0, m->cycles, bf->cycles, 1e-12 * fabs(bf->cycles));
    msdk_tm_st_rel(st, name, "t", 0, m->t, bf->t, 1e-15);
}

/* Closed form vs brute force over [t0, t1]; h0 = 0 means 64 x 8 kHz. */
static void msdk_tm_st_case(msdk_tm_st_t *st, const char *name, const msdk_tm_wave_cfg_t *w,
                            double t0, double t1, double h0)
{
    msdk_tm_ref_t m, bf;
    msdk_tm_ref_span(w, t0, t1, &m);
    msdk_tm_st_brute(w, t0, t1, h0 > 0.0 ? h0 : 1.0 / (64.0 * 8000.0), &bf);
    msdk_tm_st_cmp(st, name, &m, &bf, MSDK_TM_ST_RTOL);
}

static void msdk_tm_st_harm(msdk_tm_harm_t *h, unsigned order, double rel, double phase_deg)
{
    h->order = order;
    h->rel = rel;
    h->phase_deg = phase_deg;
}

/* An unbalanced sine installation with harmonics, DC, export and tamper. */
static void msdk_tm_st_rich(msdk_tm_wave_cfg_t *w)
{
    msdk_tm_wave_default(w, 50.0, 230.0, 10.0, 30.0);
    for (unsigned p = 0; p < 3; p++) {
        msdk_tm_st_harm(&w->ph[p].vh[0], 3, 0.05, 20.0);
        msdk_tm_st_harm(&w->ph[p].vh[2], 5, 0.03, -45.0);
        msdk_tm_st_harm(&w->ph[p].ih[0], 3, 0.2, 10.0);
        msdk_tm_st_harm(&w->ph[p].ih[1], 5, 0.1, 170.0);
        msdk_tm_st_harm(&w->ph[p].ih[5], 7, 0.05, 0.0);
    }
    w->ph[1].phi_deg = -40.0; /* capacitive */
    w->ph[1].i_rms = 5.0;
    w->ph[1].i_dc = 0.5;
    w->ph[2].phi_deg = 180.0; /* export */
    w->ph[2].v_rms = 220.0;
    msdk_tm_st_harm(&w->ph[2].vh[7], 2, 0.02, 90.0);
    msdk_tm_st_harm(&w->ph[2].ih[7], 2, 0.3, 45.0);
    w->in_extra_rms = 1.5;
    w->in_extra_phase_deg = 33.0;
}

static void msdk_tm_st_fixed(msdk_tm_st_t *st)
{
    msdk_tm_wave_cfg_t w;

    msdk_tm_st_rich(&w);
    msdk_tm_st_case(st, "sine-harmonics", &w, 0.0123, 0.1371, 0.0);
    msdk_tm_st_case(st, "sine-quarter-cycle", &w, 0.0201, 0.0251, 0.0);

    msdk_tm_st_rich(&w);
    w.f0_hz = 49.5;
    w.df_dt = 0.8;
    msdk_tm_st_case(st, "sine-ramp", &w, 1.0031, 1.1177, 0.0);
    w.df_dt = -2.5;
    msdk_tm_st_case(st, "sine-ramp-down", &w, 0.2031, 0.2977, 0.0);

    msdk_tm_st_rich(&w);
    w.df_dt = 100.0; /* fundamental terms take the Gauss-Legendre fallback */
    msdk_tm_st_case(st, "sine-steep-ramp", &w, 0.003, 0.093, 0.0);

    msdk_tm_st_rich(&w);
    w.f0_hz = 3.0;
    w.df_dt = 4.0;
    msdk_tm_st_case(st, "low-frequency-ramp", &w, 0.05, 0.6, 1.0 / (64.0 * 800.0));

    msdk_tm_st_rich(&w);
    w.sag_t0 = 0.05;
    w.sag_len = 0.043;
    w.sag_factor = 0.3;
    w.sag_mask = 0x2;
    msdk_tm_st_case(st, "sag-phase2", &w, 0.0123, 0.1371, 0.0);
    w.sag_t0 = 0.02;
    w.sag_len = 0.2;
    w.sag_factor = 0.0;
    w.sag_mask = 0;
    w.df_dt = 1.0;
    msdk_tm_st_case(st, "interruption-ramp", &w, 0.011, 0.09, 0.0);

    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 20.0);
    w.wave = MSDK_TM_WAVE_HALFWAVE;
    for (unsigned p = 0; p < 3; p++) {
        msdk_tm_st_harm(&w.ph[p].vh[0], 2, 0.04, 30.0);
        msdk_tm_st_harm(&w.ph[p].vh[1], 4, 0.02, -60.0);
        msdk_tm_st_harm(&w.ph[p].ih[0], 3, 0.1, 0.0);
    }
    w.ph[0].i_dc = 0.2;
    w.ph[2].phi_deg = 200.0;
    w.in_extra_rms = 0.7;
    msdk_tm_st_case(st, "halfwave", &w, 0.0071, 0.0933, 0.0);
    w.df_dt = 2.0;
    msdk_tm_st_case(st, "halfwave-ramp", &w, 0.5, 0.59, 0.0);

    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 10.0);
    w.wave = MSDK_TM_WAVE_PHASE_FIRED;
    w.fire_alpha_deg = 60.0;
    for (unsigned p = 0; p < 3; p++) {
        msdk_tm_st_harm(&w.ph[p].vh[0], 3, 0.05, 0.0);
        msdk_tm_st_harm(&w.ph[p].vh[1], 5, 0.03, 100.0);
    }
    msdk_tm_st_harm(&w.ph[1].ih[3], 5, 0.04, 30.0);
    w.ph[2].phi_deg = 150.0;
    msdk_tm_st_case(st, "phase-fired-60", &w, 0.0033, 0.0871, 0.0);
    w.fire_alpha_deg = 135.0;
    w.ph[0].phi_deg = -30.0;
    msdk_tm_st_case(st, "phase-fired-135", &w, 0.0033, 0.0871, 0.0);
    w.fire_alpha_deg = 100.0;
    msdk_tm_st_case(st, "phase-fired-long", &w, 0.0101, 0.3222, 0.0);
    w.df_dt = -1.0;
    msdk_tm_st_case(st, "phase-fired-ramp", &w, 0.4101, 0.5222, 0.0);

    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 25.0);
    w.wave = MSDK_TM_WAVE_BURST;
    msdk_tm_st_harm(&w.ph[0].ih[0], 3, 0.1, 0.0);
    w.ph[0].i_dc = 0.3;
    w.ph[1].phi_deg = 190.0;
    w.in_extra_rms = 0.4;
    msdk_tm_st_case(st, "burst-2-2", &w, 0.013, 0.2011, 0.0);
    w.burst_on = 3;
    w.burst_off = 1;
    w.df_dt = -1.5;
    msdk_tm_st_case(st, "burst-3-1-ramp", &w, 0.2, 0.33, 0.0);
    w.df_dt = 0.0;
    w.sag_t0 = 0.05;
    w.sag_len = 0.051;
    w.sag_factor = 0.5;
    w.sag_mask = 5;
    msdk_tm_st_case(st, "burst-sag", &w, 0.013, 0.2411, 0.0);
}

/* Whole-cycle textbook values (relative 1e-12). */
static void msdk_tm_st_textbook(msdk_tm_st_t *st)
{
    msdk_tm_wave_cfg_t w;
    msdk_tm_ref_t r;
    const double t0 = 0.0037, T = 0.2; /* 10 cycles at 50 Hz */

    /* Sine: Budeanu sums over the harmonic orders. */
    msdk_tm_st_rich(&w);
    w.ph[1].i_dc = 0.0;
    msdk_tm_ref_span(&w, t0, t0 + T, &r);
    for (unsigned p = 0; p < 3; p++) {
        const msdk_tm_phase_t *ph = &w.ph[p];
        double pa = ph->v_rms * ph->i_rms * cos(ph->phi_deg * MSDK_TM_ST_DEG);
        double q = ph->v_rms * ph->i_rms * sin(ph->phi_deg * MSDK_TM_ST_DEG);
        double q1 = q, v2 = ph->v_rms * ph->v_rms, i2 = ph->i_rms * ph->i_rms;
        for (unsigned a = 0; a < MSDK_TM_MAX_HARM; a++) {
            if (ph->vh[a].order) {
                v2 += pow(ph->v_rms * ph->vh[a].rel, 2.0);
            }
            if (ph->ih[a].order) {
                i2 += pow(ph->i_rms * ph->ih[a].rel, 2.0);
            }
            for (unsigned b = 0; b < MSDK_TM_MAX_HARM; b++) {
                if (ph->vh[a].order && ph->vh[a].order == ph->ih[b].order) {
                    double vi = ph->v_rms * ph->vh[a].rel * ph->i_rms * ph->ih[b].rel;
                    double lag = (ph->vh[a].phase_deg - ph->ih[b].phase_deg) * MSDK_TM_ST_DEG;
                    pa += vi * cos(lag);
                    q += vi * sin(lag);
                }
            }
        }
        double s = ph->v_rms * ph->i_rms * T * 1e-12;
        msdk_tm_st_rel(st, "textbook-sine", "e_act", p, r.e_act[p], pa * T, s);
        msdk_tm_st_rel(st, "textbook-sine", "e_react", p, r.e_react[p], q * T, s);
        msdk_tm_st_rel(st, "textbook-sine", "e_react_fund", p, r.e_react_fund[p], q1 * T, s);
        msdk_tm_st_rel(st, "textbook-sine", "v2t", p, r.v2t[p], v2 * T, v2 * T * 1e-12);
        msdk_tm_st_rel(st, "textbook-sine", "i2t", p, r.i2t[p], i2 * T, i2 * T * 1e-12);
    }

    /* Half-wave: fundamental RMS = i_rms; 2nd harmonic current 4I/(3 pi) at -2 phi - 90. */
    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 35.0);
    w.wave = MSDK_TM_WAVE_HALFWAVE;
    msdk_tm_st_harm(&w.ph[0].vh[0], 2, 0.05, 40.0);
    msdk_tm_ref_span(&w, t0, t0 + T, &r);
    for (unsigned p = 0; p < 3; p++) {
        double phi = 35.0 * MSDK_TM_ST_DEG, s = 2300.0 * T * 1e-12;
        double pa = 2300.0 * cos(phi), q1 = 2300.0 * sin(phi), q = q1;
        if (p == 0) {
            double vi = 230.0 * 0.05 * 4.0 * 10.0 / (3.0 * MSDK_TM_ST_PI);
            double lag = 40.0 * MSDK_TM_ST_DEG + 2.0 * phi + MSDK_TM_ST_PI / 2.0;
            pa += vi * cos(lag);
            q += vi * sin(lag);
        }
        msdk_tm_st_rel(st, "textbook-halfwave", "e_act", p, r.e_act[p], pa * T, s);
        msdk_tm_st_rel(st, "textbook-halfwave", "e_react", p, r.e_react[p], q * T, s);
        msdk_tm_st_rel(st, "textbook-halfwave", "e_react_fund", p, r.e_react_fund[p], q1 * T, s);
        msdk_tm_st_rel(st, "textbook-halfwave", "i2t", p, r.i2t[p], 200.0 * T, 200.0 * T * 1e-12);
    }

    /* Phase-fired, resistive: mean of 2 sin^2 over [alpha, pi] per half cycle. */
    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 0.0);
    w.wave = MSDK_TM_WAVE_PHASE_FIRED;
    w.fire_alpha_deg = 72.0;
    msdk_tm_ref_span(&w, t0, t0 + T, &r);
    {
        double al = 72.0 * MSDK_TM_ST_DEG;
        double k = ((MSDK_TM_ST_PI - al) + 0.5 * sin(2.0 * al)) / MSDK_TM_ST_PI;
        for (unsigned p = 0; p < 3; p++) {
            msdk_tm_st_rel(st, "textbook-phase-fired", "e_act", p, r.e_act[p], 2300.0 * k * T,
                           2300.0 * T * 1e-12);
            msdk_tm_st_rel(st, "textbook-phase-fired", "i2t", p, r.i2t[p], 100.0 * k * T,
                           100.0 * T * 1e-12);
        }
    }

    /* Burst 2 on / 3 off over 2 whole burst periods: everything scaled by 2/5. */
    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, -50.0);
    w.wave = MSDK_TM_WAVE_BURST;
    w.burst_off = 3;
    msdk_tm_ref_span(&w, t0, t0 + T, &r);
    for (unsigned p = 0; p < 3; p++) {
        double phi = -50.0 * MSDK_TM_ST_DEG, s = 2300.0 * T * 1e-12;
        msdk_tm_st_rel(st, "textbook-burst", "e_act", p, r.e_act[p], 0.4 * 2300.0 * cos(phi) * T,
                       s);
        msdk_tm_st_rel(st, "textbook-burst", "e_react", p, r.e_react[p],
                       0.4 * 2300.0 * sin(phi) * T, s);
        msdk_tm_st_rel(st, "textbook-burst", "i2t", p, r.i2t[p], 0.4 * 100.0 * T,
                       100.0 * T * 1e-12);
        msdk_tm_st_rel(st, "textbook-burst", "v2t", p, r.v2t[p], 230.0 * 230.0 * T,
                       230.0 * 230.0 * T * 1e-12);
    }
}

/* Additivity: one long span (periodic shortcut) = sum of short spans (no shortcut). */
static void msdk_tm_st_additive(msdk_tm_st_t *st, const msdk_tm_wave_cfg_t *w, const char *name,
                                double t0, double t1, double step)
{
    msdk_tm_ref_t whole, part, sum;
    memset(&sum, 0, sizeof(sum));
    msdk_tm_ref_span(w, t0, t1, &whole);
    for (double a = t0; a < t1; a += step) {
        double b = a + step < t1 ? a + step : t1;
        msdk_tm_ref_span(w, a, b, &part);
        for (unsigned p = 0; p < 3; p++) {
            sum.e_act[p] += part.e_act[p];
            sum.e_react[p] += part.e_react[p];
            sum.e_react_fund[p] += part.e_react_fund[p];
            sum.v2t[p] += part.v2t[p];
            sum.i2t[p] += part.i2t[p];
        }
        sum.in2t += part.in2t;
        sum.t += part.t;
        sum.cycles += part.cycles;
    }
    msdk_tm_st_cmp(st, name, &whole, &sum, 1e-11);
}

static void msdk_tm_st_additivity(msdk_tm_st_t *st)
{
    msdk_tm_wave_cfg_t w;
    msdk_tm_st_rich(&w);
    w.wave = MSDK_TM_WAVE_PHASE_FIRED;
    w.fire_alpha_deg = 45.0;
    msdk_tm_st_additive(st, &w, "additive-phase-fired", 0.0013, 2.0017, 0.0261);
    w.wave = MSDK_TM_WAVE_BURST;
    w.sag_t0 = 0.3;
    w.sag_len = 0.45;
    w.sag_factor = 0.6;
    msdk_tm_st_additive(st, &w, "additive-burst-sag", 0.0013, 2.0017, 0.0261);
    w.wave = MSDK_TM_WAVE_HALFWAVE;
    w.df_dt = 0.5;
    msdk_tm_st_additive(st, &w, "additive-halfwave-ramp", 0.0013, 1.0017, 0.0261);
    w.wave = MSDK_TM_WAVE_SINE;
    msdk_tm_st_additive(st, &w, "additive-sine-ramp", 0.0013, 10.0017, 0.7261);

    /* Degenerate spans. */
    msdk_tm_ref_t r;
    msdk_tm_ref_span(&w, 0.5, 0.5, &r);
    msdk_tm_st_near(st, "empty-span", "e_act[1]", r.e_act[0], 0.0, 0.0);
    msdk_tm_ref_span(&w, 0.5, 0.4, &r);
    st->checks++;
    if (!isnan(r.e_act[0]) || !isnan(r.in2t)) {
        msdk_tm_st_fail(st, "reversed-span", "e_act[1] (want NaN)", r.e_act[0], nan(""), 0.0);
    }
    w.df_dt = -100.0; /* f(1) = -50 Hz */
    msdk_tm_ref_span(&w, 0.0, 1.0, &r);
    st->checks++;
    if (!isnan(r.v2t[2])) {
        msdk_tm_st_fail(st, "negative-frequency", "v2t[3] (want NaN)", r.v2t[2], nan(""), 0.0);
    }
}

/* Waveform identities: in = sum + extra; vq is v a quarter period earlier. */
static void msdk_tm_st_eval(msdk_tm_st_t *st)
{
    msdk_tm_wave_cfg_t w;
    msdk_tm_st_rich(&w);
    for (unsigned k = 0; k < 200; k++) {
        double t = 0.000137 * k, v[3], i[3], in, vq[3], vq1[3], vd[3];
        msdk_tm_wave_eval(&w, t, v, i, &in);
        msdk_tm_wave_eval_quad(&w, t, vq, vq1);
        double ex = sqrt(2.0) * 1.5 * sin(2.0 * MSDK_TM_ST_PI * 50.0 * t + 33.0 * MSDK_TM_ST_DEG);
        msdk_tm_st_near(st, "eval", "in", in, i[0] + i[1] + i[2] + ex, 1e-12);
        /* the fundamental alone: vq1(t) = v1(t - T/4) */
        msdk_tm_wave_cfg_t s = w;
        for (unsigned p = 0; p < 3; p++) {
            memset(s.ph[p].vh, 0, sizeof(s.ph[p].vh));
        }
        msdk_tm_wave_eval(&s, t - 0.005, vd, NULL, NULL);
        for (unsigned p = 0; p < 3; p++) {
            msdk_tm_st_near(st, "eval", "vq1(t) = v1(t - T/4)", vq1[p], vd[p], 1e-9);
        }
        double i1 = sqrt(2.0) * 10.0 *
                    (sin(2.0 * MSDK_TM_ST_PI * 50.0 * t - 30.0 * MSDK_TM_ST_DEG) +
                     0.2 * sin(3.0 * 2.0 * MSDK_TM_ST_PI * 50.0 * t + 10.0 * MSDK_TM_ST_DEG) +
                     0.1 * sin(5.0 * 2.0 * MSDK_TM_ST_PI * 50.0 * t + 170.0 * MSDK_TM_ST_DEG) +
                     0.05 * sin(7.0 * 2.0 * MSDK_TM_ST_PI * 50.0 * t));
        msdk_tm_st_near(st, "eval", "i1 formula", i[0], i1, 1e-9);
    }
}

static void msdk_tm_st_random(msdk_tm_st_t *st, unsigned count)
{
    msdk_tm_rng_t r;
    msdk_tm_rng_seed(&r, st->seed);
    for (unsigned c = 0; c < count; c++) {
        msdk_tm_wave_cfg_t w;
        char name[48];
        msdk_tm_wave_default(&w, 45.0 + 20.0 * msdk_tm_rng_uniform(&r), 230.0, 10.0, 0.0);
        w.wave = (msdk_tm_wave_t)(msdk_tm_rng_next(&r) % 4u);
        if (msdk_tm_rng_uniform(&r) < 0.5) {
            w.df_dt = 6.0 * msdk_tm_rng_uniform(&r) - 3.0;
        }
        for (unsigned p = 0; p < 3; p++) {
            msdk_tm_phase_t *ph = &w.ph[p];
            ph->v_rms = 50.0 + 250.0 * msdk_tm_rng_uniform(&r);
            ph->i_rms = 100.0 * msdk_tm_rng_uniform(&r);
            ph->v_angle_deg = 360.0 * msdk_tm_rng_uniform(&r) - 180.0;
            ph->phi_deg = 360.0 * msdk_tm_rng_uniform(&r) - 180.0;
            unsigned nh = (unsigned)(msdk_tm_rng_next(&r) % 4u);
            for (unsigned h = 0; h < nh; h++) {
                unsigned slot = (unsigned)(msdk_tm_rng_next(&r) % MSDK_TM_MAX_HARM);
                msdk_tm_st_harm(&ph->vh[slot], 2u + (unsigned)(msdk_tm_rng_next(&r) % 24u),
                                0.1 * msdk_tm_rng_uniform(&r), 360.0 * msdk_tm_rng_uniform(&r));
                slot = (unsigned)(msdk_tm_rng_next(&r) % MSDK_TM_MAX_HARM);
                msdk_tm_st_harm(&ph->ih[slot], 2u + (unsigned)(msdk_tm_rng_next(&r) % 24u),
                                0.3 * msdk_tm_rng_uniform(&r), 360.0 * msdk_tm_rng_uniform(&r));
            }
            if (msdk_tm_rng_uniform(&r) < 0.3) {
                ph->i_dc = 2.0 * msdk_tm_rng_uniform(&r) - 1.0;
            }
        }
        w.fire_alpha_deg = 180.0 * msdk_tm_rng_uniform(&r);
        w.burst_on = 1u + (unsigned)(msdk_tm_rng_next(&r) % 3u);
        w.burst_off = (unsigned)(msdk_tm_rng_next(&r) % 4u);
        double t0 = 0.5 * msdk_tm_rng_uniform(&r);
        double t1 = t0 + 0.02 + 0.1 * msdk_tm_rng_uniform(&r);
        if (msdk_tm_rng_uniform(&r) < 0.5) {
            w.sag_t0 = t0 + (t1 - t0) * msdk_tm_rng_uniform(&r);
            w.sag_len = 0.1 * msdk_tm_rng_uniform(&r);
            w.sag_factor = msdk_tm_rng_uniform(&r) < 0.3 ? 0.0 : msdk_tm_rng_uniform(&r);
            w.sag_mask = (unsigned)(msdk_tm_rng_next(&r) % 8u);
        }
        w.in_extra_rms = msdk_tm_rng_uniform(&r) < 0.5 ? 5.0 * msdk_tm_rng_uniform(&r) : 0.0;
        w.in_extra_phase_deg = 360.0 * msdk_tm_rng_uniform(&r);
        snprintf(name, sizeof(name), "random-%u(wave %d)", c, (int)w.wave);
        msdk_tm_st_case(st, name, &w, t0, t1, 0.0);
    }
}

static int32_t msdk_tm_st_code(double x, double fs)
{
    double c = round(x / fs * MSDK_TM_CODE_FS);
    return (int32_t)(c > 8388607.0 ? 8388607.0 : c < -8388608.0 ? -8388608.0 : c);
}

static void msdk_tm_st_afe(msdk_tm_st_t *st)
{
    msdk_tm_wave_cfg_t w;
    msdk_tm_afe_cfg_t cfg;
    msdk_tm_afe_t a;
    int32_t codes[MSDK_TM_NCH];
    msdk_tm_st_rich(&w);

    /* Ideal AFE. */
    msdk_tm_afe_default(&cfg, 8000.0, st->seed);
    msdk_tm_afe_init(&a, &cfg);
    for (unsigned n = 0; n < 400; n++) {
        double v[3], i[3], in, t = n / 8000.0;
        msdk_tm_afe_next(&a, &w, codes);
        msdk_tm_wave_eval(&w, t, v, i, &in);
        for (unsigned p = 0; p < 3; p++) {
            msdk_tm_st_near(st, "afe-ideal", "V code", codes[p], msdk_tm_st_code(v[p], 480.0), 0);
            msdk_tm_st_near(st, "afe-ideal", "I code", codes[3 + p], msdk_tm_st_code(i[p], 180.0),
                            0);
        }
        msdk_tm_st_near(st, "afe-ideal", "IN code", codes[6], msdk_tm_st_code(in, 180.0), 0);
    }
    msdk_tm_st_near(st, "afe-ideal", "n", (double)a.n, 400.0, 0.0);
    msdk_tm_st_near(st, "afe-ideal", "clipped", (double)a.clipped, 0.0, 0.0);

    /* Clock error, gain, phase, offset, crosstalk. */
    cfg.clock_ppm = 150.0;
    cfg.gain[MSDK_TM_CH_V2] = 1.01;
    cfg.phase_deg[MSDK_TM_CH_I1] = 2.5;
    cfg.offset_codes[MSDK_TM_CH_I3] = 37.25;
    cfg.xtalk_v_to_i = 1e-3;
    msdk_tm_afe_init(&a, &cfg);
    double tn = 1000.0 / (8000.0 * (1.0 + 150e-6));
    msdk_tm_st_near(st, "afe-clock", "time(1000)", msdk_tm_afe_time(&a, 1000), tn, 1e-15);
    for (unsigned n = 0; n < 100; n++) {
        double v[3], i[3], vs[3], is[3], t = msdk_tm_afe_time(&a, a.n);
        msdk_tm_afe_next(&a, &w, codes);
        msdk_tm_wave_eval(&w, t, v, i, NULL);
        msdk_tm_wave_eval(&w, t + 2.5 / (360.0 * 50.0), vs, is, NULL);
        double cv1 = v[0] / 480.0 * MSDK_TM_CODE_FS;
        double cv2 = v[1] / 480.0 * MSDK_TM_CODE_FS * 1.01;
        double cv3 = v[2] / 480.0 * MSDK_TM_CODE_FS;
        msdk_tm_st_near(st, "afe-errors", "V2 code", codes[1], round(cv2), 0);
        msdk_tm_st_near(st, "afe-errors", "I1 code", codes[3],
                        round(is[0] / 180.0 * MSDK_TM_CODE_FS + 1e-3 * cv1), 0);
        msdk_tm_st_near(st, "afe-errors", "I2 code", codes[4],
                        round(i[1] / 180.0 * MSDK_TM_CODE_FS + 1e-3 * cv2), 0);
        msdk_tm_st_near(st, "afe-errors", "I3 code", codes[5],
                        round(i[2] / 180.0 * MSDK_TM_CODE_FS + 37.25 + 1e-3 * cv3), 0);
    }

    /* Clipping: 400 V RMS peaks at 566 V > 480 V full scale. */
    msdk_tm_wave_default(&w, 50.0, 400.0, 1.0, 0.0);
    msdk_tm_afe_default(&cfg, 8000.0, st->seed);
    msdk_tm_afe_init(&a, &cfg);
    int32_t vmax = 0, vmin = 0;
    for (unsigned n = 0; n < 160; n++) {
        msdk_tm_afe_next(&a, &w, codes);
        vmax = codes[0] > vmax ? codes[0] : vmax;
        vmin = codes[0] < vmin ? codes[0] : vmin;
    }
    st->checks++;
    if (a.clipped == 0 || vmax != MSDK_TM_CODE_MAX || vmin != MSDK_TM_CODE_MIN) {
        msdk_tm_st_fail(st, "afe-clip", "clipped", (double)a.clipped, 1.0, 0.0);
    }

    /* Noise: RMS and mean, and determinism by seed. */
    msdk_tm_wave_default(&w, 50.0, 0.0, 0.0, 0.0);
    cfg.noise_codes = 3.0;
    msdk_tm_afe_init(&a, &cfg);
    msdk_tm_afe_t b;
    msdk_tm_afe_init(&b, &cfg);
    double s1 = 0.0, s2 = 0.0;
    const unsigned frames = 20000;
    int same = 1;
    for (unsigned n = 0; n < frames; n++) {
        int32_t c2[MSDK_TM_NCH];
        msdk_tm_afe_next(&a, &w, codes);
        msdk_tm_afe_next(&b, &w, c2);
        same = same && memcmp(codes, c2, sizeof(c2)) == 0;
        for (unsigned ch = 0; ch < MSDK_TM_NCH; ch++) {
            s1 += codes[ch];
            s2 += (double)codes[ch] * codes[ch];
        }
    }
    double cnt = (double)frames * MSDK_TM_NCH;
    double rms = sqrt(s2 / cnt);
    /* rounding adds 1/12 code^2; the RMS estimate has relative sd 1/sqrt(2N) = 0.2 % */
    msdk_tm_st_near(st, "afe-noise", "rms", rms, sqrt(9.0 + 1.0 / 12.0), 0.03);
    msdk_tm_st_near(st, "afe-noise", "mean", s1 / cnt, 0.0, 0.05);
    msdk_tm_st_near(st, "afe-noise", "same seed same codes", same, 1, 0);
    cfg.seed = st->seed + 1;
    msdk_tm_afe_init(&b, &cfg);
    cfg.seed = st->seed;
    msdk_tm_afe_init(&a, &cfg);
    int32_t c2[MSDK_TM_NCH];
    msdk_tm_afe_next(&a, &w, codes);
    msdk_tm_afe_next(&b, &w, c2);
    st->checks++;
    if (memcmp(codes, c2, sizeof(c2)) == 0) {
        msdk_tm_st_fail(st, "afe-noise", "different seeds give the same codes", 1.0, 0.0, 0.0);
    }

    /* Generator basics. */
    msdk_tm_rng_t r;
    msdk_tm_rng_seed(&r, 0);
    double su = 0.0, mn = 1.0, mx = 0.0;
    for (unsigned n = 0; n < 100000; n++) {
        double u = msdk_tm_rng_uniform(&r);
        su += u;
        mn = u < mn ? u : mn;
        mx = u > mx ? u : mx;
    }
    msdk_tm_st_near(st, "rng", "uniform mean", su / 100000.0, 0.5, 0.005);
    st->checks++;
    if (!(mn >= 0.0 && mx < 1.0)) {
        msdk_tm_st_fail(st, "rng", "uniform range", mn, mx, 0.0);
    }
}

int main(int argc, char **argv)
{
    msdk_tm_st_t st;
    memset(&st, 0, sizeof(st));
    st.seed = 0x6d736b2d6d6f646cu;
    const char *env = getenv("MSDK_TM_SEED");
    if (argc > 1) {
        st.seed = strtoull(argv[1], NULL, 0);
    } else if (env && *env) {
        st.seed = strtoull(env, NULL, 0);
    }
    msdk_tm_st_eval(&st);
    msdk_tm_st_textbook(&st);
    msdk_tm_st_fixed(&st);
    msdk_tm_st_additivity(&st);
    msdk_tm_st_random(&st, 8);
    msdk_tm_st_afe(&st);
    printf("metro-model-selftest: %u checks, %u failures, worst error/tolerance %.3g, seed %" PRIu64
           "\n",
           st.checks, st.fails, st.worst, st.seed);
    return st.fails ? 1 : 0;
}
