/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-accuracy: the accuracy matrix of libmetrology, three ways.
 *
 * For every point a waveform (tests/metrology/model) is sampled by an AFE model with gain,
 * sensor phase, offset, crosstalk, noise and clock errors. The same integer frames feed the
 * library under test (DUT) and the double-precision golden model (tests/metrology/golden).
 * Then:
 *   DUT vs golden   : pure fixed-point error, gate 20 ppm of reading;
 *   golden vs exact : algorithmic error, gate 1/4 of the accuracy gate;
 *   DUT vs exact    : the meter's error, gated 10x tighter than class B / class 2.
 * The exact values come from the analytic reference over exactly the span of frames the
 * registers integrated (after a warm-up), never from a second sum of samples.
 *
 * The meter is first calibrated through the library's calibration API, as a factory would:
 * offsets at zero input, gains at 230 V / 10 A PF 1, phase at PF 0.5, clock trim.
 *
 * Usage: metrology-accuracy [--reduced] [--svg FILE] [--seed N] [--quiet]
 * Prints one line per point, then
 *   worst_active_error_pct=<x> worst_reactive_error_pct=<y> worst_fixed_vs_golden_ppm=<z>
 * points=<n> and exits 1 when a gate fails (the seed is printed with every failure).
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "metro_model.h"
#include "msdk/metrology/metrology.h"

#define FS       8000.0
#define PI       3.14159265358979323846
#define WARMUP_S 1.0

/* The meter's AFE: fixed imperfections that calibration must remove. */
static const double afe_gain[7] = { 1.012, 0.994, 1.003, 0.991, 1.007, 0.998, 1.004 };
/* Sensor time advance (us): current transformers lead, voltage dividers barely. */
static const double afe_lead_us[7] = { 5.0, 0.0, 2.0, 16.7, 111.1, 250.0, 40.0 };
static const double afe_offset[7] = { 120.0, -80.0, 40.0, -200.0, 150.0, -60.0, 90.0 };
/* V->I crosstalk: -134 dB in the accuracy points (an uncalibrated error: at Imin it is
 * 0.01 % of the power); -100 dB in the no-load test, where it must not count. */
#define AFE_XTALK        2e-7
#define AFE_XTALK_NOLOAD 1e-5
#define AFE_NOISE        20.0
#define AFE_CLOCK_PPM    42.0

typedef enum {
    K_ACT,
    K_REACT,
    K_NOLOAD,
    K_START,
    K_OVER
} kind_t;
typedef enum {
    G_ACT_PF1,
    G_ACT_PF05,
    G_ACT_LOW,
    G_REACT,
    G_REACT_LOW,
    G_SHIFT,
    G_HARM,
    G_WAVE,
    G_NONE
} gate_t;

static const double gate_pct[] = { 0.05, 0.1, 0.15, 0.2, 0.25, 0.05, 0.08, 0.3, 1e9 };
static const char *const gate_name[] = { "act_pf1", "act_pf05", "act_low", "react", "react_low",
                                         "shift",   "harm5",    "wave",    "-" };

typedef enum {
    L_BAL,
    L_PH1,
    L_PH2,
    L_PH3,
    L_UNBAL
} load_t;
typedef enum {
    W_SINE,
    W_HARM5,
    W_HALF,
    W_FIRED,
    W_BURST
} wave_t;

typedef struct point {
    kind_t kind;
    double fn;   /* nominal frequency (50/60) */
    double ffac; /* frequency factor */
    double vfac; /* voltage factor of Un */
    double i;    /* current, A */
    double phi;  /* current lag, degrees */
    load_t load;
    bool rev; /* reversed phase sequence */
    wave_t wave;
    double dur; /* seconds after warm-up */
    gate_t gate;
    int shift_ref; /* index of the reference point for a shift test, -1 */
    bool fund;     /* fundamental-only reactive (IEC 62053-24) */
} point_t;

typedef struct outcome {
    double err_pct;  /* DUT vs exact, energy of the tested kind */
    double gold_pct; /* golden vs exact */
    double ppm;      /* DUT vs golden, worst over energies and RMS */
    double v_err_pct, i_err_pct, f_err_hz, pf_err;
    bool ok;
    char why[160];
} outcome_t;

/* The meter's (DUT + golden) calibration, computed once by cal_run(). */
typedef struct bench {
    msdk_metro_calib_t cal;
    uint64_t seed;
    bool quiet;
} bench_t;

static void afe_setup(msdk_tm_afe_cfg_t *a, double f0, uint64_t seed)
{
    msdk_tm_afe_default(a, FS, seed);
    a->clock_ppm = AFE_CLOCK_PPM;
    for (int c = 0; c < 7; c++) {
        a->gain[c] = afe_gain[c];
        a->phase_deg[c] = afe_lead_us[c] * 1e-6 * 360.0 * f0;
        a->offset_codes[c] = afe_offset[c];
    }
    a->xtalk_v_to_i = AFE_XTALK;
    a->noise_codes = AFE_NOISE;
}

static void wave_setup(msdk_tm_wave_cfg_t *w, const point_t *pt, double un)
{
    double f = pt->fn * pt->ffac;
    msdk_tm_wave_default(w, f, un * pt->vfac, pt->i, pt->phi);
    if (pt->rev) {
        w->ph[1].v_angle_deg = 120.0;
        w->ph[2].v_angle_deg = -120.0;
    }
    switch (pt->load) {
    case L_PH1:
    case L_PH2:
    case L_PH3:
        for (int k = 0; k < 3; k++) {
            if (k != (int)pt->load - (int)L_PH1) {
                w->ph[k].i_rms = 0.0;
            }
        }
        break;
    case L_UNBAL:
        w->ph[1].i_rms = pt->i * 0.5;
        w->ph[1].phi_deg = pt->phi + 20.0;
        w->ph[2].i_rms = pt->i * 0.2;
        w->ph[2].phi_deg = pt->phi - 15.0;
        break;
    default: break;
    }
    switch (pt->wave) {
    case W_HARM5:
        /* EN 50470-3: 10 % 5th in the voltage, 40 % in the current, in phase. */
        for (int k = 0; k < 3; k++) {
            w->ph[k].vh[0].order = 5;
            w->ph[k].vh[0].rel = 0.10;
            w->ph[k].vh[0].phase_deg = 0.0;
            w->ph[k].ih[0].order = 5;
            w->ph[k].ih[0].rel = 0.40;
            w->ph[k].ih[0].phase_deg = -5.0 * pt->phi;
            if (pt->fund) {
                w->ph[k].ih[0].phase_deg -= 40.0; /* harmonic reactive power to reject */
                w->ph[k].ih[1].order = 3;
                w->ph[k].ih[1].rel = 0.30;
                w->ph[k].ih[1].phase_deg = -3.0 * pt->phi - 70.0;
                w->ph[k].vh[1].order = 3;
                w->ph[k].vh[1].rel = 0.05;
            }
        }
        break;
    case W_HALF: w->wave = MSDK_TM_WAVE_HALFWAVE; break;
    case W_FIRED:
        w->wave = MSDK_TM_WAVE_PHASE_FIRED;
        w->fire_alpha_deg = 90.0;
        break;
    case W_BURST:
        w->wave = MSDK_TM_WAVE_BURST;
        w->burst_on = 2;
        w->burst_off = 2;
        break;
    default: break;
    }
}

typedef struct run {
    msdk_metro_t dut;
    msdk_gm_t gold;
    msdk_tm_afe_t afe;
} run_t;

static run_t g_run; /* large: keep off the stack */

static int run_init(run_t *r, const msdk_metro_calib_t *cal, double f0, double fnom, uint64_t seed,
                    double xtalk, bool fund)
{
    msdk_metro_config_t mc;
    memset(&mc, 0, sizeof(mc));
    mc.f_nom_hz = (uint32_t)fnom;
    mc.reactive_fundamental = fund ? 1u : 0u;
    if (msdk_metro_init(&r->dut, &mc, cal, NULL) != MSDK_OK) {
        return -1;
    }
    msdk_gm_config_t gc;
    msdk_gm_config_default(&gc);
    gc.f_nom = fnom;
    gc.reactive_fundamental = fund ? 1 : 0;
    msdk_gm_init(&r->gold, &gc, cal);
    msdk_tm_afe_cfg_t ac;
    afe_setup(&ac, f0, seed);
    ac.xtalk_v_to_i = xtalk;
    msdk_tm_afe_init(&r->afe, &ac);
    return 0;
}

static void run_frames(run_t *r, const msdk_tm_wave_cfg_t *w, uint64_t frames)
{
    for (uint64_t n = 0; n < frames; n++) {
        int32_t codes[7];
        msdk_tm_afe_next(&r->afe, w, codes);
        if ((msdk_metro_sample(&r->dut, codes) & MSDK_METRO_EV_WINDOW) != 0u) {
            (void)msdk_metro_process(&r->dut);
        }
        if (msdk_gm_sample(&r->gold, codes) != 0) {
            msdk_gm_process(&r->gold);
        }
    }
}

/* Full-precision register value in Wh (mWh + fraction). */
static double reg_wh(const msdk_metro_t *m, unsigned set, msdk_metro_reg_t reg)
{
    const msdk_metro_energy_t *e = &msdk_metro_registers(m)->e[set][reg];
    return ((double)e->mwh + (double)e->frac / 4294967296.0) / 1000.0;
}

typedef struct snap {
    double a_imp, a_exp, r_q[4];
    double g_a_imp, g_a_exp, g_r_q[4];
    uint64_t frames;
    unsigned long long g_frames;
    uint32_t pulses_p;
} snap_t;

static void take_snap(const run_t *r, snap_t *s)
{
    s->a_imp = reg_wh(&r->dut, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP);
    s->a_exp = reg_wh(&r->dut, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP);
    s->g_a_imp = msdk_gm_energy_wh(&r->gold, 3, MSDK_METRO_REG_A_IMP);
    s->g_a_exp = msdk_gm_energy_wh(&r->gold, 3, MSDK_METRO_REG_A_EXP);
    for (int q = 0; q < 4; q++) {
        s->r_q[q] =
            reg_wh(&r->dut, MSDK_METRO_SET_TOTAL, (msdk_metro_reg_t)(MSDK_METRO_REG_R_Q1 + q));
        s->g_r_q[q] = msdk_gm_energy_wh(&r->gold, 3, (msdk_metro_reg_t)(MSDK_METRO_REG_R_Q1 + q));
    }
    s->frames = msdk_metro_frames_integrated(&r->dut);
    s->g_frames = msdk_gm_frames_integrated(&r->gold);
    s->pulses_p = msdk_metro_pulses(&r->dut, false);
}

/* Time of the current sample closing a span of n integrated frames (true clock). */
static double span_time(uint64_t n)
{
    double fs_true = FS * (1.0 + AFE_CLOCK_PPM * 1e-6);
    return ((double)n - (double)MSDK_METRO_IDELAY) / fs_true;
}

static double rel_ppm(double a, double b)
{
    double d = fabs(a - b);
    double ref = fabs(b);
    if (ref < 1e-12) {
        return (d < 1e-12) ? 0.0 : 1e9;
    }
    return d / ref * 1e6;
}

/* Signed net energy of the tested kind, Wh: active = import - export; reactive = Q1 + Q2 -
 * Q3 - Q4 (signed reactive). */
static double net_act(double imp, double exp)
{
    return imp - exp;
}
static double net_react(const double q[4])
{
    return q[0] + q[1] - q[2] - q[3];
}

/* ---------------------------------------------------------------- calibration */

static void cal_point(run_t *r, msdk_metro_calib_t *cal, const msdk_tm_wave_cfg_t *w, double secs,
                      uint64_t seed)
{
    (void)run_init(r, cal, w->f0_hz, 50.0, seed, AFE_XTALK, false);
    run_frames(r, w, (uint64_t)(secs * FS));
}

static int cal_run(bench_t *b)
{
    msdk_metro_calib_t cal;
    msdk_metro_calib_default(&cal, 960000000u, 360000000u);
    msdk_tm_wave_cfg_t w;
    run_t *r = &g_run;
    /* 1. Offsets at zero input. */
    msdk_tm_wave_default(&w, 50.0, 0.0, 0.0, 0.0);
    cal_point(r, &cal, &w, 2.2, b->seed ^ 0xCA1u);
    for (int c = 0; c < 7; c++) {
        int64_t q8 = msdk_metro_mean_code_q8(&r->dut, (msdk_metro_ch_t)c);
        int32_t code = (int32_t)((q8 >= 0) ? (q8 + 128) / 256 : -((-q8 + 128) / 256));
        if (msdk_metro_calib_offset(&cal, (msdk_metro_ch_t)c, code) != MSDK_OK) {
            return -1;
        }
    }
    /* 2. Clock trim: the crystal's error as a reference clock would see it over a day. */
    if (msdk_metro_calib_rtc(&cal, (int32_t)lround(AFE_CLOCK_PPM * 86.4), 86400u) != MSDK_OK) {
        return -1;
    }
    /* 3. Gains at PF 1 and phase at PF 0.5, twice (they interact slightly). */
    for (int pass = 0; pass < 2; pass++) {
        msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 0.0);
        cal_point(r, &cal, &w, 2.2, b->seed ^ 0xCA2u);
        const msdk_metro_result_t *s = msdk_metro_second(&r->dut, NULL);
        for (unsigned k = 0; k < 3; k++) {
            if ((msdk_metro_calib_gain(&cal, (msdk_metro_ch_t)k, s->ph[k].v_uv, 230000000u) !=
                 MSDK_OK) ||
                (msdk_metro_calib_gain(&cal, (msdk_metro_ch_t)(3 + k), s->ph[k].i_ua, 10000000u) !=
                 MSDK_OK)) {
                return -1;
            }
        }
        msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 60.0);
        cal_point(r, &cal, &w, 2.2, b->seed ^ 0xCA3u);
        s = msdk_metro_second(&r->dut, NULL);
        for (unsigned k = 0; k < 3; k++) {
            if (msdk_metro_calib_phase(&cal, k, (int32_t)s->ph[k].vi_angle_mdeg, 60000, 50000u) !=
                MSDK_OK) {
                return -1;
            }
        }
    }
    /* 4. Neutral gain with a single-phase load (In = I1). */
    msdk_tm_wave_default(&w, 50.0, 230.0, 10.0, 0.0);
    w.ph[1].i_rms = 0.0;
    w.ph[2].i_rms = 0.0;
    cal_point(r, &cal, &w, 2.2, b->seed ^ 0xCA4u);
    if (msdk_metro_calib_gain(&cal, MSDK_METRO_CH_IN, msdk_metro_second(&r->dut, NULL)->in_ua,
                              10000000u) != MSDK_OK) {
        return -1;
    }
    b->cal = cal;
    return 0;
}

/* ---------------------------------------------------------------- one point */

static double un_of(void)
{
    return 230.0;
}

static void run_point(bench_t *b, const point_t *pt, uint64_t seed, outcome_t *o)
{
    memset(o, 0, sizeof(*o));
    o->ok = true;
    msdk_tm_wave_cfg_t w;
    wave_setup(&w, pt, un_of());
    run_t *r = &g_run;
    double xt = (pt->kind == K_NOLOAD) ? AFE_XTALK_NOLOAD : AFE_XTALK;
    if (run_init(r, &b->cal, w.f0_hz, pt->fn, seed, xt, pt->fund) != 0) {
        o->ok = false;
        snprintf(o->why, sizeof(o->why), "init failed");
        return;
    }
    run_frames(r, &w, (uint64_t)(WARMUP_S * FS));
    snap_t s0;
    snap_t s1;
    take_snap(r, &s0);
    run_frames(r, &w, (uint64_t)(pt->dur * FS));
    take_snap(r, &s1);

    msdk_tm_ref_t ref;
    msdk_tm_ref_span(&w, span_time(s0.frames), span_time(s1.frames), &ref);
    double e_act = (ref.e_act[0] + ref.e_act[1] + ref.e_act[2]) / 3600.0;
    double e_react =
        pt->fund ? (ref.e_react_fund[0] + ref.e_react_fund[1] + ref.e_react_fund[2]) / 3600.0
                 : (ref.e_react[0] + ref.e_react[1] + ref.e_react[2]) / 3600.0;
    double d_act = net_act(s1.a_imp - s0.a_imp, s1.a_exp - s0.a_exp);
    double g_act = net_act(s1.g_a_imp - s0.g_a_imp, s1.g_a_exp - s0.g_a_exp);
    double dq[4];
    double gq[4];
    for (int q = 0; q < 4; q++) {
        dq[q] = s1.r_q[q] - s0.r_q[q];
        gq[q] = s1.g_r_q[q] - s0.g_r_q[q];
    }
    double d_react = net_react(dq);
    double g_react = net_react(gq);

    if (s0.frames != s0.g_frames || s1.frames != s1.g_frames) {
        o->ok = false;
        snprintf(o->why, sizeof(o->why), "windows differ: dut %" PRIu64 " golden %llu frames",
                 s1.frames, s1.g_frames);
    }
    double exact = (pt->kind == K_REACT) ? e_react : e_act;
    double dut = (pt->kind == K_REACT) ? d_react : d_act;
    double gold = (pt->kind == K_REACT) ? g_react : g_act;
    o->err_pct = (fabs(exact) > 0) ? (dut / exact - 1.0) * 100.0 : 0.0;
    o->gold_pct = (fabs(exact) > 0) ? (gold / exact - 1.0) * 100.0 : 0.0;
    /* Fixed-point error in ppm of the reading (the point's apparent energy). */
    double reading = hypot(e_act, e_react);
    o->ppm =
        (reading > 0) ? fmax(fabs(d_act - g_act), fabs(d_react - g_react)) / reading * 1e6 : 0.0;

    /* Per-second results against the exact values and the golden model. */
    const msdk_metro_result_t *sec = msdk_metro_second(&r->dut, NULL);
    const msdk_gm_result_t *gs = msdk_gm_second(&r->gold, NULL);
    msdk_tm_ref_t rs;
    msdk_tm_ref_span(&w, span_time(s1.frames) - 1.0, span_time(s1.frames), &rs);
    for (int k = 0; k < 3; k++) {
        double v_ex = sqrt(rs.v2t[k] / rs.t);
        double i_ex = sqrt(rs.i2t[k] / rs.t);
        double v = sec->ph[k].v_uv * 1e-6;
        double i = sec->ph[k].i_ua * 1e-6;
        o->v_err_pct = fmax(o->v_err_pct, fabs(v / v_ex - 1.0) * 100.0);
        if (i_ex >= 0.25 && pt->wave == W_SINE) {
            o->i_err_pct = fmax(o->i_err_pct, fabs(i / i_ex - 1.0) * 100.0);
        }
        /* DUT vs golden on RMS and power (1 LSB allowance: uV, uA, uW). */
        double pv = (fabs(v - gs->v[k]) <= 1e-6) ? 0 : rel_ppm(v, gs->v[k]);
        double pi = (fabs(i - gs->i[k]) <= 2e-6) ? 0 : rel_ppm(i, gs->i[k]);
        o->ppm = fmax(o->ppm, fmax(pv, (i_ex >= 0.25) ? pi : 0.0));
        if (pt->wave == W_SINE && i_ex >= 0.25 && sec->ph[k].s_uva > 0) {
            double pf_ex = rs.e_act[k] / sqrt(rs.v2t[k] * rs.i2t[k]);
            o->pf_err = fmax(o->pf_err, fabs(sec->ph[k].pf_u * 1e-6 - pf_ex));
        }
    }
    double f_ex = rs.cycles / rs.t;
    o->f_err_hz = fabs(sec->freq_uhz * 1e-6 - f_ex);

    /* Gates. */
    char *why = o->why;
    size_t cap = sizeof(o->why);
    double gate = gate_pct[pt->gate];
    if (pt->kind == K_ACT || pt->kind == K_REACT) {
        if (pt->gate != G_SHIFT && fabs(o->err_pct) > gate) {
            o->ok = false;
            snprintf(why, cap, "error %.4f%% > gate %.3f%%", o->err_pct, gate);
        }
        if (pt->gate != G_SHIFT && fabs(o->gold_pct) > gate / 4.0) {
            o->ok = false;
            snprintf(why, cap, "golden vs exact %.4f%% > %.4f%%", o->gold_pct, gate / 4.0);
        }
    }
    if (o->ppm > 20.0) {
        o->ok = false;
        snprintf(why, cap, "fixed vs golden %.2f ppm > 20", o->ppm);
    }
    if (pt->kind != K_NOLOAD && pt->wave == W_SINE) {
        if (o->v_err_pct > 0.05 || o->i_err_pct > 0.1 || o->f_err_hz > 0.002 || o->pf_err > 0.001) {
            o->ok = false;
            snprintf(why, cap, "V %.4f%% I %.4f%% f %.5f Hz PF %.5f", o->v_err_pct, o->i_err_pct,
                     o->f_err_hz, o->pf_err);
        }
    }
    if (pt->kind == K_NOLOAD) {
        if ((s1.a_imp != s0.a_imp) || (s1.a_exp != s0.a_exp) || (d_react != 0.0) ||
            (s1.pulses_p != s0.pulses_p)) {
            o->ok = false;
            snprintf(why, cap, "no-load: registers moved (%.9f Wh)", d_act);
        }
    }
    if (pt->kind == K_START) {
        if (fabs(o->err_pct) > 10.0) {
            o->ok = false;
            snprintf(why, cap, "starting: rate off by %.2f%%", o->err_pct);
        }
    }
    if (pt->kind == K_OVER) {
        bool flagged = true;
        for (int k = 0; k < 3; k++) {
            flagged = flagged && ((sec->ph[k].flags & MSDK_METRO_PF_OVERCURR) != 0u);
        }
        if (!flagged) {
            o->ok = false;
            snprintf(why, cap, "over-current not flagged");
        }
    }
}

/* ---------------------------------------------------------------- the matrix */

#define MAX_POINTS 1024

typedef struct matrix {
    point_t p[MAX_POINTS];
    int n;
} matrix_t;

static int add(matrix_t *m, point_t pt)
{
    if (m->n >= MAX_POINTS) {
        return -1;
    }
    m->p[m->n] = pt;
    return m->n++;
}

static point_t mk(kind_t kind, double fn, double i, double phi, gate_t gate, double dur)
{
    point_t p;
    memset(&p, 0, sizeof(p));
    p.kind = kind;
    p.fn = fn;
    p.ffac = 1.0;
    p.vfac = 1.0;
    p.i = i;
    p.phi = phi;
    p.load = L_BAL;
    p.wave = W_SINE;
    p.dur = dur;
    p.gate = gate;
    p.shift_ref = -1;
    return p;
}

static gate_t act_gate(double i, double phi)
{
    if (i < 0.5) {
        return G_ACT_LOW;
    }
    double pf = fabs(cos(phi * PI / 180.0));
    return (pf > 0.999) ? G_ACT_PF1 : G_ACT_PF05;
}

static void build(matrix_t *m, bool reduced)
{
    static const double cur_full[] = { 0.25, 0.5, 1, 5, 10, 50, 100 };
    static const double cur_red[] = { 0.25, 0.5, 10, 100 };
    /* PF 1, 0.5 ind, 0.8 cap; import and export. */
    static const double act_phi[] = { 0, 60, -36.8699, 180, 240, 143.1301 };
    /* sin phi 1, 0.5 ind/cap, 0.25, in all four quadrants. */
    static const double react_phi[] = { 90,  270,     30,       150,      210,
                                        330, 14.4775, 165.5225, 194.4775, 345.5225 };
    static const double fns[] = { 50, 60 };
    const double *cur = reduced ? cur_red : cur_full;
    int ncur = reduced ? 4 : 7;
    double dur = reduced ? 4.0 : 10.0;
    double dur_low = reduced ? 6.0 : 60.0;
    for (int f = 0; f < (reduced ? 1 : 2); f++) {
        for (int c = 0; c < ncur; c++) {
            for (int a = 0; a < (reduced ? 3 : 6); a++) {
                double i = cur[c];
                (void)add(m, mk(K_ACT, fns[f], i, act_phi[a], act_gate(i, act_phi[a]),
                                (i <= 0.25) ? dur_low : dur));
            }
        }
        for (int c = 1; c < ncur; c++) {
            for (int a = 0; a < (reduced ? 4 : 10); a++) {
                double i = cur[c];
                gate_t g = (fabs(sin(react_phi[a] * PI / 180.0)) < 0.3) ? G_REACT_LOW : G_REACT;
                (void)add(m, mk(K_REACT, fns[f], i, react_phi[a], g, dur));
            }
        }
    }
    if (reduced) {
        /* One of each other kind. */
        point_t p = mk(K_ACT, 50, 10, 60, G_SHIFT, dur);
        int ref = add(m, p);
        p.ffac = 1.05;
        p.shift_ref = ref;
        (void)add(m, p);
        p = mk(K_ACT, 50, 10, 0, G_HARM, dur);
        p.wave = W_HARM5;
        p.load = L_PH1;
        (void)add(m, p);
        p = mk(K_REACT, 50, 10, 30, G_REACT, dur);
        p.fund = true;
        p.wave = W_HARM5;
        (void)add(m, p);
        p = mk(K_START, 50, 0.02, 0, G_NONE, 20.0);
        (void)add(m, p);
        p = mk(K_NOLOAD, 50, 0, 0, G_NONE, 30.0);
        p.vfac = 1.15;
        (void)add(m, p);
        return;
    }
    /* Voltage and frequency shifts against the same point at Un, fn. */
    static const double vfacs[] = { 0.8, 0.9, 1.1, 1.15 };
    static const double ffacs[] = { 0.95, 1.05 };
    static const double shift_i[] = { 0.5, 10, 100 };
    static const double shift_phi[] = { 0, 60 };
    for (int f = 0; f < 2; f++) {
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < 2; a++) {
                point_t p = mk(K_ACT, fns[f], shift_i[c], shift_phi[a], G_SHIFT, dur);
                int ref = add(m, p);
                for (int v = 0; v < 4; v++) {
                    point_t q = p;
                    q.vfac = vfacs[v];
                    q.shift_ref = ref;
                    (void)add(m, q);
                }
                for (int v = 0; v < 2; v++) {
                    point_t q = p;
                    q.ffac = ffacs[v];
                    q.shift_ref = ref;
                    (void)add(m, q);
                    q.vfac = 0.9; /* frequency shift at 0.9 and 1.1 Un too */
                    (void)add(m, q);
                    q.vfac = 1.1;
                    (void)add(m, q);
                }
                point_t q = mk(K_REACT, fns[f], shift_i[c], 30.0, G_SHIFT, dur);
                int rref = add(m, q);
                for (int v = 0; v < 2; v++) {
                    point_t x = q;
                    x.ffac = ffacs[v];
                    x.shift_ref = rref;
                    (void)add(m, x);
                }
            }
        }
        /* Single-phase loads on each phase, reversed sequence, unbalance. */
        for (int l = L_PH1; l <= L_PH3; l++) {
            for (int a = 0; a < 2; a++) {
                point_t p = mk(K_ACT, fns[f], 10, shift_phi[a], a ? G_ACT_PF05 : G_ACT_PF1, dur);
                p.load = (load_t)l;
                (void)add(m, p);
                p.i = 100;
                (void)add(m, p);
            }
        }
        for (int a = 0; a < 2; a++) {
            point_t p = mk(K_ACT, fns[f], 10, shift_phi[a], a ? G_ACT_PF05 : G_ACT_PF1, dur);
            p.rev = true;
            (void)add(m, p);
            p.rev = false;
            p.load = L_UNBAL;
            p.gate = G_ACT_PF05;
            (void)add(m, p);
            point_t q = mk(K_REACT, fns[f], 10, 30, G_REACT, dur);
            q.load = L_UNBAL;
            (void)add(m, q);
        }
        /* Harmonics: 5th-harmonic test with a single-phase load (active and reactive),
         * half-wave DC, phase-fired odd harmonics, sub-harmonic bursts. */
        for (int c = 0; c < 2; c++) {
            double i = c ? 50 : 10;
            point_t p = mk(K_ACT, fns[f], i, 0, G_HARM, dur);
            p.wave = W_HARM5;
            p.load = L_PH1;
            (void)add(m, p);
            p.phi = 60;
            (void)add(m, p);
            point_t q = mk(K_REACT, fns[f], i, 30, G_REACT, dur);
            q.wave = W_HARM5;
            q.load = L_PH1;
            (void)add(m, q);
        }
        static const wave_t others[] = { W_HALF, W_FIRED, W_BURST };
        for (int x = 0; x < 3; x++) {
            point_t p = mk(K_ACT, fns[f], 10, 0, G_WAVE, dur);
            p.wave = others[x];
            (void)add(m, p);
        }
        /* Fundamental-only reactive (IEC 62053-24), with and without harmonic reactive power,
         * at and off the nominal frequency. */
        static const double fund_phi[] = { 30, 90, 330, 210 };
        for (int a = 0; a < 4; a++) {
            for (int x = 0; x < 2; x++) {
                point_t q = mk(K_REACT, fns[f], 10, fund_phi[a], G_REACT, dur);
                q.fund = true;
                q.wave = x ? W_HARM5 : W_SINE;
                (void)add(m, q);
                q.i = 100;
                q.ffac = 0.95;
                (void)add(m, q);
            }
        }
        /* Overload flags at 120 A. */
        point_t p = mk(K_OVER, fns[f], 120, 0, G_ACT_PF1, dur);
        (void)add(m, p);
    }
    /* Starting current (3 pulse periods: 13.8 W total -> 130 s per pulse), no-load 1 h. */
    point_t p = mk(K_START, 50, 0.02, 0, G_NONE, 3.0 * 3600.0 / (3 * 230 * 0.02 * 2.0));
    (void)add(m, p);
    p = mk(K_NOLOAD, 50, 0, 0, G_NONE, 3600.0);
    p.vfac = 1.15;
    (void)add(m, p);
}

/* ---------------------------------------------------------------- SVG */

static double svg_x(double i)
{
    return 70.0 + (log10(i) - log10(0.2)) / (log10(120.0) - log10(0.2)) * 560.0;
}
static double svg_y(double pct, double span)
{
    return 40.0 + (span - pct) / (2 * span) * 320.0;
}

static void write_svg(const char *path, const matrix_t *m, const outcome_t *o)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s\n", path);
        return;
    }
    const double span = 1.6;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"420\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n");
    fprintf(f, "<rect width=\"700\" height=\"420\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"350\" y=\"20\" text-anchor=\"middle\" font-size=\"13\">libmetrology "
               "active energy error, 50 Hz, Un, balanced (class B limits, our gates)</text>\n");
    for (int t = -3; t <= 3; t++) {
        double pct = t * 0.5;
        double y = svg_y(pct, span);
        fprintf(f,
                "<line x1=\"70\" x2=\"630\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                "<text x=\"64\" y=\"%.1f\" text-anchor=\"end\">%.1f %%</text>\n",
                y, y, y + 4, pct);
    }
    static const double ticks[] = { 0.25, 0.5, 1, 5, 10, 50, 100 };
    for (int t = 0; t < 7; t++) {
        double x = svg_x(ticks[t]);
        fprintf(f,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"40\" y2=\"360\" stroke=\"#eee\"/>"
                "<text x=\"%.1f\" y=\"376\" text-anchor=\"middle\">%g A</text>\n",
                x, x, x, ticks[t]);
    }
    /* Class B (PF 1) and our PF 1 gates as step lines. */
    const struct {
        double lim_low, lim_high;
        const char *color, *dash, *label;
    } lims[] = { { 1.5, 1.0, "#c00", "6,3", "class B" },
                 { 0.15, 0.05, "#080", "2,2", "gate PF 1" },
                 { 0.15, 0.1, "#06c", "2,2", "gate PF 0.5/0.8" } };
    for (int l = 0; l < 3; l++) {
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            double y1 = svg_y(sgn * lims[l].lim_low, span);
            double y2 = svg_y(sgn * lims[l].lim_high, span);
            fprintf(f,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
                    "points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n",
                    lims[l].color, lims[l].dash, svg_x(0.2), y1, svg_x(0.5), y1, svg_x(0.5), y2,
                    svg_x(120), y2);
        }
        fprintf(f, "<text x=\"640\" y=\"%d\" fill=\"%s\">%s</text>\n", 60 + 14 * l, lims[l].color,
                lims[l].label);
    }
    const struct {
        double phi;
        const char *color, *label;
    } curves[] = { { 0, "#000", "PF 1" },
                   { 60, "#a0a", "PF 0.5 ind" },
                   { -36.8699, "#e80", "PF 0.8 cap" } };
    for (int c = 0; c < 3; c++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                curves[c].color);
        for (int k = 0; k < m->n; k++) {
            const point_t *p = &m->p[k];
            if (p->kind == K_ACT && p->fn == 50 && p->ffac == 1.0 && p->vfac == 1.0 &&
                p->load == L_BAL && !p->rev && p->wave == W_SINE && p->gate != G_SHIFT &&
                fabs(p->phi - curves[c].phi) < 1e-6) {
                fprintf(f, "%.1f,%.1f ", svg_x(p->i), svg_y(o[k].err_pct, span));
            }
        }
        fprintf(f, "\"/><text x=\"640\" y=\"%d\" fill=\"%s\">%s</text>\n", 120 + 14 * c,
                curves[c].color, curves[c].label);
    }
    fprintf(f, "<text x=\"350\" y=\"400\" text-anchor=\"middle\">current (log scale); errors "
               "of the calibrated meter against the analytic reference</text>\n</svg>\n");
    fclose(f);
}

/* ---------------------------------------------------------------- main */

static const char *kind_name(kind_t k)
{
    static const char *const names[] = { "active", "reactive", "noload", "start", "overload" };
    return names[k];
}

static const char *wave_name(wave_t w)
{
    static const char *const names[] = { "sine", "harm5", "halfwave", "fired", "burst" };
    return names[w];
}

static outcome_t g_out[MAX_POINTS];
static matrix_t g_matrix;

int main(int argc, char **argv)
{
    bench_t b;
    memset(&b, 0, sizeof(b));
    b.seed = 0x4D4554524F4C4F47u; /* fixed: never time-seeded */
    bool reduced = false;
    const char *svg = NULL;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--reduced") == 0) {
            reduced = true;
        } else if (strcmp(argv[a], "--quiet") == 0) {
            b.quiet = true;
        } else if ((strcmp(argv[a], "--svg") == 0) && (a + 1 < argc)) {
            svg = argv[++a];
        } else if ((strcmp(argv[a], "--seed") == 0) && (a + 1 < argc)) {
            b.seed = strtoull(argv[++a], NULL, 0);
        } else {
            fprintf(stderr, "usage: %s [--reduced] [--svg FILE] [--seed N] [--quiet]\n", argv[0]);
            return 2;
        }
    }
    printf("seed=0x%016" PRIx64 "\n", b.seed);
    if (cal_run(&b) != 0) {
        printf("FAIL calibration seed=0x%016" PRIx64 "\n", b.seed);
        return 1;
    }
    printf("calibration: gains V %u %u %u I %u %u %u N %u (Q24) phase_ns %d %d %d trim %d ppb\n",
           b.cal.gain_q24[0], b.cal.gain_q24[1], b.cal.gain_q24[2], b.cal.gain_q24[3],
           b.cal.gain_q24[4], b.cal.gain_q24[5], b.cal.gain_q24[6], b.cal.phase_ns[0],
           b.cal.phase_ns[1], b.cal.phase_ns[2], b.cal.rtc_trim_ppb);
    matrix_t *m = &g_matrix;
    build(m, reduced);
    double worst_act = 0;
    double worst_react = 0;
    double worst_ppm = 0;
    int failed = 0;
    for (int k = 0; k < m->n; k++) {
        const point_t *p = &m->p[k];
        uint64_t seed = b.seed + (uint64_t)k;
        outcome_t *o = &g_out[k];
        run_point(&b, p, seed, o);
        if (p->shift_ref >= 0) {
            double shift = o->err_pct - g_out[p->shift_ref].err_pct;
            double gshift = o->gold_pct - g_out[p->shift_ref].gold_pct;
            if (fabs(shift) > gate_pct[G_SHIFT] || fabs(gshift) > gate_pct[G_SHIFT] / 4.0) {
                o->ok = false;
                snprintf(o->why, sizeof(o->why), "shift %.4f%% (golden %.4f%%) > %.3f%%", shift,
                         gshift, gate_pct[G_SHIFT]);
            }
        }
        if (p->kind == K_ACT) {
            worst_act = fmax(worst_act, fabs(o->err_pct));
        } else if (p->kind == K_REACT) {
            worst_react = fmax(worst_react, fabs(o->err_pct));
        }
        worst_ppm = fmax(worst_ppm, o->ppm);
        if (!o->ok) {
            failed++;
        }
        if (!b.quiet || !o->ok) {
            printf(
                "%s point=%d kind=%s f=%.2f U=%.1f I=%g phi=%.2f load=%d rev=%d wave=%s "
                "fund=%d dur=%.0f gate=%s err_pct=%.4f golden_pct=%.4f fixed_ppm=%.2f V_pct=%.4f "
                "I_pct=%.4f f_err=%.5f pf_err=%.5f seed=0x%016" PRIx64 "%s%s\n",
                o->ok ? "ok  " : "FAIL", k, kind_name(p->kind), p->fn * p->ffac, 230.0 * p->vfac,
                p->i, p->phi, (int)p->load, p->rev ? 1 : 0, wave_name(p->wave), p->fund ? 1 : 0,
                p->dur, gate_name[p->gate], o->err_pct, o->gold_pct, o->ppm, o->v_err_pct,
                o->i_err_pct, o->f_err_hz, o->pf_err, seed,
                o->ok ? "" : " why=", o->ok ? "" : o->why);
            fflush(stdout);
        }
    }
    if (svg != NULL) {
        write_svg(svg, m, g_out);
    }
    printf("worst_active_error_pct=%.4f worst_reactive_error_pct=%.4f "
           "worst_fixed_vs_golden_ppm=%.2f points=%d\n",
           worst_act, worst_react, worst_ppm, m->n);
    if (failed != 0) {
        printf("FAILED points=%d seed=0x%016" PRIx64 "\n", failed, b.seed);
        return 1;
    }
    return 0;
}
