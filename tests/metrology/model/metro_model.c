/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Double-precision test models: waveforms, AFE and the analytic reference.
 * See metro_model.h for the conventions. The waveform evaluation
 * (msdk_tm_wave_eval) is written directly from the formulas and shares only
 * the gating rule with the reference, so the self test's brute-force
 * integration of msdk_tm_wave_eval() checks the closed forms independently.
 */
#include "metro_model.h"

#include <math.h>
#include <string.h>

#define MSDK_TM_PI       3.14159265358979323846
#define MSDK_TM_TWO_PI   6.28318530717958647693
#define MSDK_TM_HALF_PI  1.57079632679489661923
#define MSDK_TM_SQRT2    1.41421356237309504880
#define MSDK_TM_DEG      (MSDK_TM_PI / 180.0)
#define MSDK_TM_KMAX     (2 * MSDK_TM_MAX_ORDER)
#define MSDK_TM_MAXTERMS (3 * (MSDK_TM_MAX_HARM + 2) + 1)
#define MSDK_TM_GL_N     10

/* ---------------------------------------------------------------------------
 * Waveform
 * ------------------------------------------------------------------------- */

void msdk_tm_wave_default(msdk_tm_wave_cfg_t *w, double f0, double v, double i, double phi_deg)
{
    static const double angles[3] = { 0.0, -120.0, 120.0 };
    memset(w, 0, sizeof(*w));
    w->f0_hz = f0;
    w->df_dt = 0.0;
    for (unsigned p = 0; p < 3; p++) {
        w->ph[p].v_rms = v;
        w->ph[p].i_rms = i;
        w->ph[p].v_angle_deg = angles[p];
        w->ph[p].phi_deg = phi_deg;
    }
    w->wave = MSDK_TM_WAVE_SINE;
    w->fire_alpha_deg = 90.0;
    w->burst_on = 2;
    w->burst_off = 2;
    w->sag_factor = 1.0;
    w->sag_mask = 7;
}

double msdk_tm_wave_cycles(const msdk_tm_wave_cfg_t *w, double t)
{
    return t * (w->f0_hz + 0.5 * w->df_dt * t);
}

double msdk_tm_wave_freq(const msdk_tm_wave_cfg_t *w, double t)
{
    return w->f0_hz + w->df_dt * t;
}

static int msdk_tm_order_ok(unsigned order)
{
    return order >= 1 && order <= MSDK_TM_MAX_ORDER;
}

/* sin(2*pi*k*cyc + c), with k*cyc reduced to [0, 1) first. */
static double msdk_tm_sinc(double cyc, unsigned k, double c)
{
    double z = (double)k * cyc;
    z -= floor(z);
    return sin(MSDK_TM_TWO_PI * z + c);
}

static double msdk_tm_sag(const msdk_tm_wave_cfg_t *w, unsigned p, double t)
{
    unsigned mask = w->sag_mask ? w->sag_mask : 7u;
    if (w->sag_len > 0.0 && ((mask >> p) & 1u) && t >= w->sag_t0 && t < w->sag_t0 + w->sag_len) {
        return w->sag_factor;
    }
    return 1.0;
}

static double msdk_tm_alpha(const msdk_tm_wave_cfg_t *w)
{
    double a = w->fire_alpha_deg;
    if (!(a > 0.0)) {
        return 0.0;
    }
    return a > 180.0 ? 180.0 : a;
}

/* Current angle y/(2*pi) of phase p at t, in cycles. */
static double msdk_tm_ucyc(const msdk_tm_wave_cfg_t *w, unsigned p, double t)
{
    return msdk_tm_wave_cycles(w, t) + (w->ph[p].v_angle_deg - w->ph[p].phi_deg) / 360.0;
}

/*
 * The gating rule shared by the evaluation and the reference: the factor of
 * the sine fundamental current and whether the rest of the current is on.
 */
static void msdk_tm_gate(const msdk_tm_wave_cfg_t *w, unsigned p, double t, double *fund,
                         int *all_on)
{
    double u = msdk_tm_ucyc(w, p, t);
    *fund = 1.0;
    *all_on = 1;
    switch (w->wave) {
    case MSDK_TM_WAVE_HALFWAVE: *fund = (u - floor(u)) < 0.5 ? 2.0 : 0.0; break;
    case MSDK_TM_WAVE_PHASE_FIRED: {
        double h = 2.0 * u;
        *fund = (h - floor(h)) >= msdk_tm_alpha(w) / 180.0 ? 1.0 : 0.0;
        break;
    }
    case MSDK_TM_WAVE_BURST: {
        uint64_t n = (uint64_t)w->burst_on + (uint64_t)w->burst_off;
        if (n != 0) {
            double q = floor(u / (double)n);
            double r = floor(u - q * (double)n); /* cycle index within the burst period */
            if (!(r < (double)w->burst_on)) {
                *fund = 0.0;
                *all_on = 0;
            }
        }
        break;
    }
    case MSDK_TM_WAVE_SINE:
    default: break;
    }
}

void msdk_tm_wave_eval(const msdk_tm_wave_cfg_t *w, double t, double v[3], double i[3], double *in)
{
    double cyc = msdk_tm_wave_cycles(w, t);
    double isum = 0.0;
    for (unsigned p = 0; p < 3; p++) {
        const msdk_tm_phase_t *ph = &w->ph[p];
        double va = ph->v_angle_deg * MSDK_TM_DEG;
        if (v) {
            double x = msdk_tm_sinc(cyc, 1, va);
            for (unsigned h = 0; h < MSDK_TM_MAX_HARM; h++) {
                const msdk_tm_harm_t *hm = &ph->vh[h];
                if (msdk_tm_order_ok(hm->order)) {
                    x += hm->rel *
                         msdk_tm_sinc(cyc, hm->order, hm->order * va + hm->phase_deg * MSDK_TM_DEG);
                }
            }
            v[p] = msdk_tm_sag(w, p, t) * MSDK_TM_SQRT2 * ph->v_rms * x;
        }
        double fund;
        int all_on;
        msdk_tm_gate(w, p, t, &fund, &all_on);
        double y = 0.0;
        if (all_on) {
            y = fund * msdk_tm_sinc(cyc, 1, va - ph->phi_deg * MSDK_TM_DEG);
            for (unsigned h = 0; h < MSDK_TM_MAX_HARM; h++) {
                const msdk_tm_harm_t *hm = &ph->ih[h];
                if (msdk_tm_order_ok(hm->order)) {
                    y += hm->rel *
                         msdk_tm_sinc(cyc, hm->order, hm->order * va + hm->phase_deg * MSDK_TM_DEG);
                }
            }
            y = MSDK_TM_SQRT2 * ph->i_rms * y + ph->i_dc;
        }
        if (i) {
            i[p] = y;
        }
        isum += y;
    }
    if (in) {
        *in = isum + MSDK_TM_SQRT2 * w->in_extra_rms *
                         msdk_tm_sinc(cyc, 1, w->in_extra_phase_deg * MSDK_TM_DEG);
    }
}

void msdk_tm_wave_eval_quad(const msdk_tm_wave_cfg_t *w, double t, double vq[3], double vq1[3])
{
    double cyc = msdk_tm_wave_cycles(w, t);
    for (unsigned p = 0; p < 3; p++) {
        const msdk_tm_phase_t *ph = &w->ph[p];
        double va = ph->v_angle_deg * MSDK_TM_DEG;
        double k = msdk_tm_sag(w, p, t) * MSDK_TM_SQRT2 * ph->v_rms;
        double x1 = msdk_tm_sinc(cyc, 1, va - MSDK_TM_HALF_PI);
        if (vq1) {
            vq1[p] = k * x1;
        }
        if (vq) {
            double x = x1;
            for (unsigned h = 0; h < MSDK_TM_MAX_HARM; h++) {
                const msdk_tm_harm_t *hm = &ph->vh[h];
                if (msdk_tm_order_ok(hm->order)) {
                    x += hm->rel * msdk_tm_sinc(cyc, hm->order,
                                                hm->order * va + hm->phase_deg * MSDK_TM_DEG -
                                                    MSDK_TM_HALF_PI);
                }
            }
            vq[p] = k * x;
        }
    }
}

/* ---------------------------------------------------------------------------
 * Random numbers: splitmix64 seeding, xoshiro256**
 * ------------------------------------------------------------------------- */

static uint64_t msdk_tm_rotl(uint64_t x, unsigned k)
{
    return (x << k) | (x >> (64u - k));
}

void msdk_tm_rng_seed(msdk_tm_rng_t *r, uint64_t seed)
{
    uint64_t x = seed;
    for (unsigned k = 0; k < 4; k++) {
        uint64_t z = (x += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        r->s[k] = z ^ (z >> 31);
    }
}

uint64_t msdk_tm_rng_next(msdk_tm_rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t out = msdk_tm_rotl(s[1] * 5u, 7) * 9u;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = msdk_tm_rotl(s[3], 45);
    return out;
}

double msdk_tm_rng_uniform(msdk_tm_rng_t *r)
{
    return (double)(msdk_tm_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double msdk_tm_rng_gauss(msdk_tm_rng_t *r)
{
    double u1 = 1.0 - msdk_tm_rng_uniform(r); /* (0, 1] */
    double u2 = msdk_tm_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(MSDK_TM_TWO_PI * u2);
}

/* ---------------------------------------------------------------------------
 * AFE
 * ------------------------------------------------------------------------- */

void msdk_tm_afe_default(msdk_tm_afe_cfg_t *a, double fs_hz, uint64_t seed)
{
    memset(a, 0, sizeof(*a));
    a->fs_hz = fs_hz;
    a->v_fs = 480.0;
    a->i_fs = 180.0;
    for (unsigned c = 0; c < MSDK_TM_NCH; c++) {
        a->gain[c] = 1.0;
    }
    a->seed = seed;
}

void msdk_tm_afe_init(msdk_tm_afe_t *a, const msdk_tm_afe_cfg_t *cfg)
{
    memset(a, 0, sizeof(*a));
    a->cfg = *cfg;
    msdk_tm_rng_seed(&a->rng, cfg->seed);
}

double msdk_tm_afe_time(const msdk_tm_afe_t *a, uint64_t n)
{
    return (double)n / (a->cfg.fs_hz * (1.0 + a->cfg.clock_ppm * 1e-6));
}

void msdk_tm_afe_next(msdk_tm_afe_t *a, const msdk_tm_wave_cfg_t *w, int32_t codes[MSDK_TM_NCH])
{
    const msdk_tm_afe_cfg_t *c = &a->cfg;
    double t = msdk_tm_afe_time(a, a->n);
    double v[3] = { 0 }, i[3] = { 0 }, in = 0.0;
    double ideal[MSDK_TM_NCH];
    double last_t = 0.0;
    int have = 0;
    for (unsigned ch = 0; ch < MSDK_TM_NCH; ch++) {
        double tc = t;
        if (c->phase_deg[ch] != 0.0) {
            tc = t + c->phase_deg[ch] / (360.0 * w->f0_hz);
        }
        if (!have || tc != last_t) {
            msdk_tm_wave_eval(w, tc, v, i, &in);
            last_t = tc;
            have = 1;
        }
        double x;
        double scale = c->i_fs;
        if (ch < 3) {
            x = v[ch];
            scale = c->v_fs;
        } else if (ch < 6) {
            x = i[ch - 3];
        } else {
            x = in;
        }
        ideal[ch] = x / scale * MSDK_TM_CODE_FS * c->gain[ch];
    }
    for (unsigned ch = 0; ch < MSDK_TM_NCH; ch++) {
        double x = ideal[ch] + c->offset_codes[ch];
        if (c->noise_codes > 0.0) {
            x += c->noise_codes * msdk_tm_rng_gauss(&a->rng);
        }
        if (ch >= 3 && ch < 6) {
            x += c->xtalk_v_to_i * ideal[ch - 3];
        }
        x = round(x);
        if (!(x <= (double)MSDK_TM_CODE_MAX)) { /* NaN saturates high */
            codes[ch] = MSDK_TM_CODE_MAX;
            a->clipped++;
        } else if (x < (double)MSDK_TM_CODE_MIN) {
            codes[ch] = MSDK_TM_CODE_MIN;
            a->clipped++;
        } else {
            codes[ch] = (int32_t)x;
        }
    }
    a->n++;
}

/* ---------------------------------------------------------------------------
 * Analytic reference
 * ------------------------------------------------------------------------- */

/* A * sin(k*theta + c), with (cr, ci) = (cos c, sin c). */
typedef struct {
    double a;
    int k;
    double cr, ci;
} msdk_tm_term_t;

typedef struct {
    msdk_tm_term_t t[MSDK_TM_MAXTERMS];
    unsigned n;
} msdk_tm_terms_t;

/* K(m) = integral over [a, b] of exp(j*m*theta(t)) dt, cached per piece. */
typedef struct {
    const msdk_tm_wave_cfg_t *w;
    double a, b;
    unsigned char have[MSDK_TM_KMAX + 1];
    double re[MSDK_TM_KMAX + 1], im[MSDK_TM_KMAX + 1];
    int gl_ready;
    double glx[MSDK_TM_GL_N], glw[MSDK_TM_GL_N];
} msdk_tm_kc_t;

static void msdk_tm_term_add(msdk_tm_terms_t *l, double a, unsigned k, double c)
{
    if (a == 0.0 || l->n >= MSDK_TM_MAXTERMS) {
        return;
    }
    msdk_tm_term_t *t = &l->t[l->n++];
    t->a = a;
    t->k = (int)k;
    t->cr = cos(c);
    t->ci = sin(c);
}

static void msdk_tm_term_add_dc(msdk_tm_terms_t *l, double a)
{
    if (a == 0.0 || l->n >= MSDK_TM_MAXTERMS) {
        return;
    }
    msdk_tm_term_t *t = &l->t[l->n++];
    t->a = a;
    t->k = 0;
    t->cr = 0.0; /* sin(0*theta + pi/2) = 1 */
    t->ci = 1.0;
}

/* Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_n). */
static void msdk_tm_gl_init(double *x, double *wt, unsigned n)
{
    for (unsigned i = 0; i < (n + 1) / 2; i++) {
        double z = cos(MSDK_TM_PI * ((double)i + 0.75) / ((double)n + 0.5));
        double pp = 1.0;
        for (unsigned it = 0; it < 100; it++) {
            double p1 = 1.0, p2 = 0.0;
            for (unsigned j = 1; j <= n; j++) {
                double p3 = p2;
                p2 = p1;
                p1 = ((2.0 * j - 1.0) * z * p2 - (j - 1.0) * p3) / (double)j;
            }
            pp = (double)n * (z * p1 - p2) / (z * z - 1.0);
            double z1 = z;
            z = z1 - p1 / pp;
            if (fabs(z - z1) < 1e-16) {
                break;
            }
        }
        x[i] = -z;
        x[n - 1 - i] = z;
        wt[i] = 2.0 / ((1.0 - z * z) * pp * pp);
        wt[n - 1 - i] = wt[i];
    }
}

/* exp(j*m*theta(t)) as (cos, sin) with the cycle count reduced first. */
static void msdk_tm_expm(const msdk_tm_wave_cfg_t *w, unsigned m, double t, double *c, double *s)
{
    double z = (double)m * msdk_tm_wave_cycles(w, t);
    double ph = MSDK_TM_TWO_PI * (z - floor(z));
    *c = cos(ph);
    *s = sin(ph);
}

/* Integration-by-parts expansion evaluated at t (see msdk_tm_ref_span()). */
static void msdk_tm_kser(const msdk_tm_wave_cfg_t *w, unsigned m, double t, unsigned nk, double *re,
                         double *im)
{
    double om = MSDK_TM_TWO_PI * (double)m * msdk_tm_wave_freq(w, t);
    double g = MSDK_TM_TWO_PI * (double)m * w->df_dt;
    double ck = 1.0 / om, sre = 0.0, sim = 0.0;
    for (unsigned k = 0; k <= nk; k++) {
        if (k > 0) {
            ck *= (2.0 * k - 1.0) * g / (om * om);
        }
        switch (k & 3u) { /* (-j)^(k+1) */
        case 0: sim -= ck; break;
        case 1: sre -= ck; break;
        case 2: sim += ck; break;
        default: sre += ck; break;
        }
    }
    double c, s;
    msdk_tm_expm(w, m, t, &c, &s);
    *re = c * sre - s * sim;
    *im = c * sim + s * sre;
}

static void msdk_tm_kint(msdk_tm_kc_t *kc, unsigned m, double *re, double *im)
{
    const msdk_tm_wave_cfg_t *w = kc->w;
    double a = kc->a, b = kc->b;
    if (m == 0) {
        *re = b - a;
        *im = 0.0;
        return;
    }
    if (w->df_dt == 0.0) {
        double om = MSDK_TM_TWO_PI * (double)m * w->f0_hz;
        double ca, sa, cb, sb;
        msdk_tm_expm(w, m, a, &ca, &sa);
        msdk_tm_expm(w, m, b, &cb, &sb);
        /* [exp(j*phi) / (j*om)] = [(sin phi - j cos phi) / om] */
        *re = (sb - sa) / om;
        *im = (ca - cb) / om;
        return;
    }
    double fa = msdk_tm_wave_freq(w, a), fb = msdk_tm_wave_freq(w, b);
    double fmin = fa < fb ? fa : fb;
    double eps = fabs(w->df_dt) / (MSDK_TM_TWO_PI * (double)m * fmin * fmin);
    double bound = eps; /* (2K+1)!! eps^(K+1), K = nk */
    unsigned nk = 0;
    while (!(bound < 1e-17) && nk < 12) {
        nk++;
        bound *= (2.0 * nk + 1.0) * eps;
    }
    if (bound < 1e-17) {
        double rb, ib, ra, ia;
        msdk_tm_kser(w, m, b, nk, &rb, &ib);
        msdk_tm_kser(w, m, a, nk, &ra, &ia);
        *re = rb - ra;
        *im = ib - ia;
        return;
    }
    /* Fallback: composite Gauss-Legendre, <= 1 rad of m*theta per panel. */
    if (!kc->gl_ready) {
        msdk_tm_gl_init(kc->glx, kc->glw, MSDK_TM_GL_N);
        kc->gl_ready = 1;
    }
    double fmax = fa > fb ? fa : fb;
    double np = ceil(MSDK_TM_TWO_PI * (double)m * fmax * (b - a)) + 1.0;
    double h = (b - a) / np;
    double sr = 0.0, si = 0.0;
    for (double j = 0.0; j < np; j += 1.0) {
        double lo = a + j * h, mid = lo + 0.5 * h;
        double pr = 0.0, pi = 0.0;
        for (unsigned q = 0; q < MSDK_TM_GL_N; q++) {
            double c, s;
            msdk_tm_expm(w, m, mid + 0.5 * h * kc->glx[q], &c, &s);
            pr += kc->glw[q] * c;
            pi += kc->glw[q] * s;
        }
        sr += pr;
        si += pi;
    }
    *re = 0.5 * h * sr;
    *im = 0.5 * h * si;
}

static void msdk_tm_k(msdk_tm_kc_t *kc, int m, double *re, double *im)
{
    unsigned am = (unsigned)(m < 0 ? -m : m);
    if (!kc->have[am]) {
        msdk_tm_kint(kc, am, &kc->re[am], &kc->im[am]);
        kc->have[am] = 1;
    }
    *re = kc->re[am];
    *im = m < 0 ? -kc->im[am] : kc->im[am];
}

/* Integral of (sum of A) * (sum of B) over the piece, by product-to-sum. */
static double msdk_tm_prod(msdk_tm_kc_t *kc, const msdk_tm_terms_t *A, const msdk_tm_terms_t *B)
{
    double sum = 0.0;
    for (unsigned i = 0; i < A->n; i++) {
        const msdk_tm_term_t *x = &A->t[i];
        for (unsigned j = 0; j < B->n; j++) {
            const msdk_tm_term_t *y = &B->t[j];
            /* sin X sin Y = (cos(X - Y) - cos(X + Y)) / 2 */
            double dre = x->cr * y->cr + x->ci * y->ci, dim = x->ci * y->cr - x->cr * y->ci;
            double sre = x->cr * y->cr - x->ci * y->ci, sim = x->ci * y->cr + x->cr * y->ci;
            double kdr, kdi, ksr, ksi;
            msdk_tm_k(kc, x->k - y->k, &kdr, &kdi);
            msdk_tm_k(kc, x->k + y->k, &ksr, &ksi);
            sum += x->a * y->a * ((dre * kdr - dim * kdi) - (sre * ksr - sim * ksi));
        }
    }
    return 0.5 * sum;
}

/* Voltage terms of phase p with sag factor s: v, vq (all shifted -90 deg), vq1. */
static void msdk_tm_vterms(const msdk_tm_wave_cfg_t *w, unsigned p, double s, msdk_tm_terms_t *v,
                           msdk_tm_terms_t *vq, msdk_tm_terms_t *vq1)
{
    const msdk_tm_phase_t *ph = &w->ph[p];
    double va = ph->v_angle_deg * MSDK_TM_DEG;
    double k = s * MSDK_TM_SQRT2 * ph->v_rms;
    v->n = vq->n = vq1->n = 0;
    msdk_tm_term_add(v, k, 1, va);
    msdk_tm_term_add(vq, k, 1, va - MSDK_TM_HALF_PI);
    msdk_tm_term_add(vq1, k, 1, va - MSDK_TM_HALF_PI);
    for (unsigned h = 0; h < MSDK_TM_MAX_HARM; h++) {
        const msdk_tm_harm_t *hm = &ph->vh[h];
        if (msdk_tm_order_ok(hm->order)) {
            double c = hm->order * va + hm->phase_deg * MSDK_TM_DEG;
            msdk_tm_term_add(v, k * hm->rel, hm->order, c);
            msdk_tm_term_add(vq, k * hm->rel, hm->order, c - MSDK_TM_HALF_PI);
        }
    }
}

/* Current terms of phase p on a piece whose gating state is that at t. */
static void msdk_tm_iterms(const msdk_tm_wave_cfg_t *w, unsigned p, double t, msdk_tm_terms_t *i)
{
    const msdk_tm_phase_t *ph = &w->ph[p];
    double va = ph->v_angle_deg * MSDK_TM_DEG;
    double k = MSDK_TM_SQRT2 * ph->i_rms;
    double fund;
    int all_on;
    i->n = 0;
    msdk_tm_gate(w, p, t, &fund, &all_on);
    if (!all_on) {
        return;
    }
    msdk_tm_term_add(i, fund * k, 1, va - ph->phi_deg * MSDK_TM_DEG);
    for (unsigned h = 0; h < MSDK_TM_MAX_HARM; h++) {
        const msdk_tm_harm_t *hm = &ph->ih[h];
        if (msdk_tm_order_ok(hm->order)) {
            msdk_tm_term_add(i, k * hm->rel, hm->order,
                             hm->order * va + hm->phase_deg * MSDK_TM_DEG);
        }
    }
    msdk_tm_term_add_dc(i, ph->i_dc);
}

/* One piece [a, b] on which no sag or gating edge falls: add scale * integrals to acc. */
static void msdk_tm_seg(const msdk_tm_wave_cfg_t *w, double a, double b, double scale,
                        msdk_tm_ref_t *acc)
{
    if (!(b > a)) {
        return;
    }
    msdk_tm_kc_t kc;
    kc.w = w;
    kc.a = a;
    kc.b = b;
    kc.gl_ready = 0;
    memset(kc.have, 0, sizeof(kc.have));
    double mid = a + 0.5 * (b - a);
    msdk_tm_terms_t v, vq, vq1, i, n;
    n.n = 0;
    for (unsigned p = 0; p < 3; p++) {
        msdk_tm_vterms(w, p, msdk_tm_sag(w, p, mid), &v, &vq, &vq1);
        msdk_tm_iterms(w, p, mid, &i);
        acc->e_act[p] += scale * msdk_tm_prod(&kc, &v, &i);
        acc->e_react[p] += scale * msdk_tm_prod(&kc, &vq, &i);
        acc->e_react_fund[p] += scale * msdk_tm_prod(&kc, &vq1, &i);
        acc->v2t[p] += scale * msdk_tm_prod(&kc, &v, &v);
        acc->i2t[p] += scale * msdk_tm_prod(&kc, &i, &i);
        for (unsigned j = 0; j < i.n && n.n < MSDK_TM_MAXTERMS; j++) {
            n.t[n.n++] = i.t[j];
        }
    }
    msdk_tm_term_add(&n, MSDK_TM_SQRT2 * w->in_extra_rms, 1, w->in_extra_phase_deg * MSDK_TM_DEG);
    acc->in2t += scale * msdk_tm_prod(&kc, &n, &n);
}

/* Time t >= 0 branch with cycles(t) = c and f(t) > 0; NaN if unreachable. */
static double msdk_tm_inv_cycles(const msdk_tm_wave_cfg_t *w, double c)
{
    double f0 = w->f0_hz, r = w->df_dt;
    if (r == 0.0) {
        return c / f0;
    }
    double disc = f0 * f0 + 2.0 * r * c;
    if (disc < 0.0) {
        return nan("");
    }
    double s = sqrt(disc);
    return f0 > 0.0 ? 2.0 * c / (f0 + s) : (s - f0) / r;
}

/*
 * Gating edges of the current shape, in cycles of the current angle u:
 * u = off[i] + j*period. Returns the number of offsets (0: no edges).
 */
static unsigned msdk_tm_pattern(const msdk_tm_wave_cfg_t *w, double *period, double off[2])
{
    switch (w->wave) {
    case MSDK_TM_WAVE_HALFWAVE:
        *period = 0.5;
        off[0] = 0.0;
        return 1;
    case MSDK_TM_WAVE_PHASE_FIRED:
        *period = 0.5;
        off[0] = 0.0;
        off[1] = msdk_tm_alpha(w) / 360.0;
        return 2;
    case MSDK_TM_WAVE_BURST:
        if (w->burst_on == 0 || w->burst_off == 0) {
            return 0;
        }
        *period = (double)w->burst_on + (double)w->burst_off;
        off[0] = 0.0;
        off[1] = (double)w->burst_on;
        return 2;
    case MSDK_TM_WAVE_SINE:
    default: return 0;
    }
}

/* Waveform period in fundamental cycles for the periodic shortcut. */
static double msdk_tm_wave_period_cycles(const msdk_tm_wave_cfg_t *w)
{
    if (w->wave == MSDK_TM_WAVE_BURST) {
        return (double)w->burst_on + (double)w->burst_off;
    }
    return 1.0;
}

static double msdk_tm_next_edge(const msdk_tm_wave_cfg_t *w, unsigned p, double tc, double tend,
                                double period, const double *off, unsigned noff)
{
    double d = (w->ph[p].v_angle_deg - w->ph[p].phi_deg) / 360.0;
    double uc = msdk_tm_ucyc(w, p, tc);
    double best = tend;
    for (unsigned o = 0; o < noff; o++) {
        double ub = off[o] + (floor((uc - off[o]) / period) + 1.0) * period;
        for (unsigned k = 0; k < 4; k++) {
            double tb = msdk_tm_inv_cycles(w, ub - d);
            if (isnan(tb)) {
                break;
            }
            if (tb > tc) {
                if (tb < best) {
                    best = tb;
                }
                break;
            }
            ub += period;
        }
    }
    return best;
}

static void msdk_tm_sweep(const msdk_tm_wave_cfg_t *w, double a, double b, double scale,
                          msdk_tm_ref_t *acc)
{
    double period, off[2];
    unsigned noff = msdk_tm_pattern(w, &period, off);
    if (noff == 0) {
        msdk_tm_seg(w, a, b, scale, acc);
        return;
    }
    double tc = a;
    while (tc < b) {
        double tn = b;
        for (unsigned p = 0; p < 3; p++) {
            tn = msdk_tm_next_edge(w, p, tc, tn, period, off, noff);
        }
        msdk_tm_seg(w, tc, tn, scale, acc);
        tc = tn;
    }
}

static void msdk_tm_ref_axpy(msdk_tm_ref_t *acc, double s, const msdk_tm_ref_t *x)
{
    for (unsigned p = 0; p < 3; p++) {
        acc->e_act[p] += s * x->e_act[p];
        acc->e_react[p] += s * x->e_react[p];
        acc->e_react_fund[p] += s * x->e_react_fund[p];
        acc->v2t[p] += s * x->v2t[p];
        acc->i2t[p] += s * x->i2t[p];
    }
    acc->in2t += s * x->in2t;
}

/* A piece with a constant sag state. */
static void msdk_tm_piece(const msdk_tm_wave_cfg_t *w, double a, double b, msdk_tm_ref_t *acc)
{
    double period, off[2];
    if (msdk_tm_pattern(w, &period, off) != 0 && w->df_dt == 0.0) {
        double pt = msdk_tm_wave_period_cycles(w) / w->f0_hz;
        double n = floor((b - a) / pt);
        if (n >= 2.0) {
            msdk_tm_ref_t one;
            memset(&one, 0, sizeof(one));
            msdk_tm_sweep(w, a, a + pt, 1.0, &one);
            msdk_tm_ref_axpy(acc, n, &one);
            a += n * pt;
            if (a > b) {
                a = b;
            }
        }
    }
    msdk_tm_sweep(w, a, b, 1.0, acc);
}

void msdk_tm_ref_span(const msdk_tm_wave_cfg_t *w, double t0, double t1, msdk_tm_ref_t *out)
{
    memset(out, 0, sizeof(*out));
    out->t = t1 - t0;
    if (t1 == t0) {
        return;
    }
    if (!(t1 > t0) || !(msdk_tm_wave_freq(w, t0) > 0.0) || !(msdk_tm_wave_freq(w, t1) > 0.0)) {
        for (unsigned p = 0; p < 3; p++) {
            out->e_act[p] = out->e_react[p] = out->e_react_fund[p] = nan("");
            out->v2t[p] = out->i2t[p] = nan("");
        }
        out->in2t = out->cycles = nan("");
        return;
    }
    out->cycles = (t1 - t0) * (w->f0_hz + 0.5 * w->df_dt * (t1 + t0));

    double cuts[4];
    unsigned nc = 0;
    cuts[nc++] = t0;
    unsigned mask = w->sag_mask ? w->sag_mask : 7u;
    if (w->sag_len > 0.0 && (mask & 7u)) {
        double e[2] = { w->sag_t0, w->sag_t0 + w->sag_len };
        for (unsigned k = 0; k < 2; k++) {
            if (e[k] > cuts[nc - 1] && e[k] < t1) {
                cuts[nc++] = e[k];
            }
        }
    }
    cuts[nc++] = t1;
    for (unsigned k = 0; k + 1 < nc; k++) {
        msdk_tm_piece(w, cuts[k], cuts[k + 1], out);
    }
}
