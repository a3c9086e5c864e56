/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Self test of the golden metrology model: ideal sine frames computed here with sin()
 * (480 V / 180 A at 2^23 codes), checked against closed-form values: RMS, powers,
 * frequency, angles, registers and pulses within 0.01 %.
 *
 * Cases: 8000 Hz / 50 Hz 3-phase 230 V 10 A PF 0.5 inductive; 8000 Hz / 60 Hz; export
 * (quadrant 3); 2000 Hz with vector netting, one exporting and one squelched phase;
 * 7320 Hz / 60 Hz with an RTC trim and phase corrections (whole frames per cycle, so
 * the per-window values are exact too).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "golden.h"

#define PI  3.14159265358979323846
#define TOL 1e-4

typedef struct {
    const char *name;
    double fs; /* nominal frame rate */
    double f_nom;
    int32_t trim_ppb;
    double f_sig; /* signal frequency (0: f_nom) */
    double v_rms[3], i_rms[3], phi_deg[3];
    int32_t phase_ns[3]; /* current sensor lead, generated into the signal and calibrated */
    int netting;
    int pulse_p_src, pulse_q_src;
    int whole_windows; /* frames per cycle is an integer: per-window checks */
    double seconds;
} tcase_t;

static int failures;

static void check(const char *cname, const char *what, int idx, double got, double want,
                  double tol_rel, double tol_abs)
{
    const double err = fabs(got - want);
    if (err > tol_abs && err > tol_rel * fabs(want)) {
        printf("FAIL %s: %s[%d] = %.9g, expected %.9g (rel %.3g)\n", cname, what, idx, got, want,
               want != 0.0 ? err / fabs(want) : err);
        failures++;
    }
}

static int32_t code_of(double x, double per_code)
{
    double c = floor(x / per_code + 0.5);
    if (c > 8388607.0) {
        c = 8388607.0;
    }
    if (c < -8388608.0) {
        c = -8388608.0;
    }
    return (int32_t)c;
}

static double angle_norm(double deg)
{
    double a = fmod(deg, 360.0);
    return a < 0.0 ? a + 360.0 : a;
}

static void run_case(const tcase_t *tc)
{
    static msdk_gm_t g; /* large: keep it off the stack */
    msdk_gm_config_t cfg;
    msdk_metro_calib_t cal;
    msdk_gm_config_default(&cfg);
    cfg.fs = tc->fs;
    cfg.f_nom = tc->f_nom;
    cfg.netting = tc->netting;
    cfg.pulse_p_src = tc->pulse_p_src;
    cfg.pulse_q_src = tc->pulse_q_src;
    memset(&cal, 0, sizeof(cal));
    for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
        cal.gain_q24[ch] = ch < 3u ? 960000000u : 360000000u; /* 480 V, 180 A at 2^23 */
    }
    for (unsigned k = 0; k < 3u; k++) {
        cal.phase_ns[k] = tc->phase_ns[k];
    }
    cal.rtc_trim_ppb = tc->trim_ppb;
    msdk_gm_init(&g, &cfg, &cal);

    const double gv = 480.0 / 8388608.0, gi = 180.0 / 8388608.0;
    const double fs_true = tc->fs * (1.0 + (double)tc->trim_ppb * 1e-9);
    const double f = tc->f_sig > 0.0 ? tc->f_sig : tc->f_nom;
    const double vang[3] = { 0.0, -120.0, 120.0 };
    double pw[3], qw[3], sw[3];
    for (unsigned k = 0; k < 3u; k++) {
        const double ph = tc->phi_deg[k] * PI / 180.0;
        pw[k] = tc->v_rms[k] * tc->i_rms[k] * cos(ph);
        qw[k] = tc->v_rms[k] * tc->i_rms[k] * sin(ph);
        sw[k] = tc->v_rms[k] * tc->i_rms[k];
    }
    const double sq_on = cfg.squelch_on_w;
    int act[3];
    for (unsigned k = 0; k < 3u; k++) {
        act[k] = fmax(fabs(pw[k]), fabs(qw[k])) > sq_on;
    }

    const unsigned long long total = (unsigned long long)(tc->seconds * tc->fs);
    const unsigned long long warm = (unsigned long long)tc->fs; /* 1 s */
    double reg0[4][MSDK_METRO_REG_COUNT];
    unsigned long long fi0 = 0;
    double pulses0[2] = { 0.0, 0.0 };
    int snap = 0;
    unsigned windows_checked = 0, seconds_checked = 0, last_seq = 0;
    double maxwin = 0.0;

    for (unsigned long long n = 0; n < total; n++) {
        const double t = (double)n / fs_true;
        int32_t fr[7];
        double isum = 0.0;
        for (unsigned k = 0; k < 3u; k++) {
            const double x = 2.0 * PI * f * t + vang[k] * PI / 180.0;
            const double lead = 2.0 * PI * f * (double)tc->phase_ns[k] * 1e-9;
            const double iv =
                sqrt(2.0) * tc->i_rms[k] * sin(x - tc->phi_deg[k] * PI / 180.0 + lead);
            fr[k] = code_of(sqrt(2.0) * tc->v_rms[k] * sin(x), gv);
            fr[3 + k] = code_of(iv, gi);
            isum += iv;
        }
        fr[6] = code_of(isum, gi);
        if (!msdk_gm_sample(&g, fr)) {
            continue;
        }
        msdk_gm_process(&g);
        const unsigned long long fi = msdk_gm_frames_integrated(&g);
        if (!snap && fi >= warm) {
            snap = 1;
            fi0 = fi;
            for (unsigned s = 0; s < 4u; s++) {
                for (unsigned r = 0; r < MSDK_METRO_REG_COUNT; r++) {
                    reg0[s][r] = msdk_gm_energy_wh(&g, s, (msdk_metro_reg_t)r);
                }
            }
            pulses0[0] = msdk_gm_pulses(&g, 0);
            pulses0[1] = msdk_gm_pulses(&g, 1);
            continue;
        }
        if (!snap) {
            continue;
        }
        const msdk_gm_result_t *c = msdk_gm_cycle(&g);
        if ((double)c->n > maxwin) {
            maxwin = (double)c->n;
        }
        if (!c->period_valid) {
            printf("FAIL %s: window without a valid period\n", tc->name);
            failures++;
        }
        check(tc->name, "win freq", 0, c->freq, f, TOL, 0.0);
        if (tc->whole_windows) {
            windows_checked++;
            check(tc->name, "win n", 0, (double)c->n, floor(fs_true / f + 0.5), 0.0, 0.0);
            for (unsigned k = 0; k < 3u; k++) {
                check(tc->name, "win v", (int)k, c->v[k], tc->v_rms[k], TOL, 0.0);
                check(tc->name, "win i", (int)k, c->i[k], tc->i_rms[k], TOL, 1e-5);
                check(tc->name, "win p", (int)k, c->p[k], act[k] ? pw[k] : 0.0, TOL, 1e-3);
                check(tc->name, "win q", (int)k, c->q[k], act[k] ? qw[k] : 0.0, TOL, 1e-3);
                check(tc->name, "win s", (int)k, c->s[k], act[k] ? sw[k] : 0.0, TOL, 1e-3);
                if (c->active[k] != act[k]) {
                    printf("FAIL %s: active[%u] = %d\n", tc->name, k, c->active[k]);
                    failures++;
                }
                if (act[k]) {
                    check(tc->name, "win vi_angle", (int)k, c->vi_angle_deg[k],
                          angle_norm(tc->phi_deg[k]), 0.0, 0.01);
                }
                check(tc->name, "win v_angle", (int)k, c->v_angle_deg[k],
                      k == 0 ? 0.0 : (k == 1 ? 120.0 : 240.0), 0.0, 0.01);
            }
        }
        unsigned seq;
        const msdk_gm_result_t *s = msdk_gm_second(&g, &seq);
        if (seq != last_seq) {
            last_seq = seq;
            if (seq < 2u) {
                continue; /* the first second holds the start-up transient */
            }
            seconds_checked++;
            if (s->n < (unsigned)tc->fs) {
                printf("FAIL %s: second of %u frames\n", tc->name, s->n);
                failures++;
            }
            /* a second spans whole windows: within a frame of whole cycles, which at
             * 8000/60 Hz still stays within 0.01 % */
            const double stol = TOL;
            check(tc->name, "sec freq", 0, s->freq, f, TOL, 0.0);
            for (unsigned k = 0; k < 3u; k++) {
                check(tc->name, "sec v", (int)k, s->v[k], tc->v_rms[k], stol, 0.0);
                check(tc->name, "sec i", (int)k, s->i[k], tc->i_rms[k], stol, 1e-5);
                check(tc->name, "sec p", (int)k, s->p[k], act[k] ? pw[k] : 0.0, stol, 1e-3);
                check(tc->name, "sec q", (int)k, s->q[k], act[k] ? qw[k] : 0.0, stol, 1e-3);
                check(tc->name, "sec s", (int)k, s->s[k], act[k] ? sw[k] : 0.0, stol, 1e-3);
            }
        }
    }
    if (!snap || seconds_checked < (unsigned)(tc->seconds - 3.0)) {
        printf("FAIL %s: too few windows/seconds (%u seconds)\n", tc->name, seconds_checked);
        failures++;
        return;
    }

    /* registers over the frames integrated since the snapshot */
    const double dt = (double)(msdk_gm_frames_integrated(&g) - fi0) / fs_true; /* s */
    double want[4][MSDK_METRO_REG_COUNT];
    memset(want, 0, sizeof(want));
    double np = 0.0, nq = 0.0, ns = 0.0;
    for (unsigned k = 0; k < 3u; k++) {
        if (!act[k]) {
            continue;
        }
        const double ep = pw[k] * dt / 3600.0, eq = qw[k] * dt / 3600.0;
        const double es = sw[k] * dt / 3600.0;
        double *r = want[k];
        r[ep >= 0.0 ? MSDK_METRO_REG_A_IMP : MSDK_METRO_REG_A_EXP] += fabs(ep);
        r[ep >= 0.0 ? MSDK_METRO_REG_S_IMP : MSDK_METRO_REG_S_EXP] += es;
        r[ep >= 0.0 ? (eq >= 0.0 ? MSDK_METRO_REG_R_Q1 : MSDK_METRO_REG_R_Q4)
                    : (eq >= 0.0 ? MSDK_METRO_REG_R_Q2 : MSDK_METRO_REG_R_Q3)] += fabs(eq);
        if (tc->netting) {
            np += ep;
            nq += eq;
            ns += ep >= 0.0 ? es : -es;
        } else {
            for (unsigned x = 0; x < MSDK_METRO_REG_COUNT; x++) {
                want[3][x] += r[x];
            }
        }
    }
    if (tc->netting) {
        double *r = want[3];
        r[np >= 0.0 ? MSDK_METRO_REG_A_IMP : MSDK_METRO_REG_A_EXP] += fabs(np);
        r[ns >= 0.0 ? MSDK_METRO_REG_S_IMP : MSDK_METRO_REG_S_EXP] += fabs(ns);
        r[np >= 0.0 ? (nq >= 0.0 ? MSDK_METRO_REG_R_Q1 : MSDK_METRO_REG_R_Q4)
                    : (nq >= 0.0 ? MSDK_METRO_REG_R_Q2 : MSDK_METRO_REG_R_Q3)] += fabs(nq);
    }
    for (unsigned s = 0; s < 4u; s++) {
        for (unsigned r = 0; r < MSDK_METRO_REG_COUNT; r++) {
            const double got = msdk_gm_energy_wh(&g, s, (msdk_metro_reg_t)r) - reg0[s][r];
            char what[32];
            snprintf(what, sizeof(what), "energy set %u reg", s);
            check(tc->name, what, (int)r, got, want[s][r], TOL, 1e-9);
        }
    }

    /* pulses: follow the total registers with a lag of one window */
    for (int o = 0; o < 2; o++) {
        const int src = o ? tc->pulse_q_src : tc->pulse_p_src;
        const double *w = want[3];
        double e;
        if (!o) {
            e = src == 1   ? w[MSDK_METRO_REG_A_IMP]
                : src == 2 ? w[MSDK_METRO_REG_A_EXP]
                           : w[MSDK_METRO_REG_A_IMP] + w[MSDK_METRO_REG_A_EXP];
        } else {
            const double imp = w[MSDK_METRO_REG_R_Q1] + w[MSDK_METRO_REG_R_Q2];
            const double exp_ = w[MSDK_METRO_REG_R_Q3] + w[MSDK_METRO_REG_R_Q4];
            e = src == 1 ? imp : src == 2 ? exp_ : imp + exp_;
        }
        const double want_p = e * 2.0;                     /* 2000 imp/kWh: 2 per Wh */
        const double lag = want_p / dt * maxwin / fs_true; /* one window of pulses */
        const double got_p = msdk_gm_pulses(&g, o) - pulses0[o];
        if (got_p < want_p - lag - 1.0 || got_p > want_p + 1.0) {
            printf("FAIL %s: %s pulses %.0f, expected %.3f (-%.3f)\n", tc->name,
                   o ? "reactive" : "active", got_p, want_p, lag);
            failures++;
        }
    }
    printf("%s: %u windows and %u seconds checked, %.0f/%.0f pulses\n", tc->name, windows_checked,
           seconds_checked, msdk_gm_pulses(&g, 0), msdk_gm_pulses(&g, 1));
}

/* Window rules without voltage (8000/50 Hz): on time at floor(fs/40)+1 = 201 frames,
 * then fs/f_nom = 160; when L1 returns (sine from phase 0 at frame 8000) the window
 * running then ends on time at frame 8040, the next on the first crossing (frame 8160,
 * 120 frames, no previous crossing: period invalid), then 160-frame windows with a valid
 * period of 160 frames. From frame 12000 a negative spike 40 frames into each cycle
 * makes a crossing 41 frames into the window: shorter than fs/70, ignored. */
static void run_no_voltage(void)
{
    static msdk_gm_t g;
    msdk_gm_init(&g, NULL, NULL);
    const double gv = 480.0 / 8388608.0;
    unsigned nwin = 0, bad = 0;
    for (unsigned long long n = 0; n < 16000u; n++) {
        int32_t fr[7] = { 0, 0, 0, 0, 0, 0, 0 };
        if (n >= 8000u) {
            const double t = (double)(n - 8000u) / 8000.0;
            fr[0] = code_of(sqrt(2.0) * 230.0 * sin(2.0 * PI * 50.0 * t), gv);
            if (n >= 12000u && (n - 8000u) % 160u == 40u) {
                fr[0] = -1000000; /* spike: arms, and the next frame "crosses" */
            }
        }
        if (!msdk_gm_sample(&g, fr)) {
            continue;
        }
        msdk_gm_process(&g);
        const msdk_gm_result_t *c = msdk_gm_cycle(&g);
        unsigned want_n = 160u;
        int want_valid = 0;
        if (nwin == 0u) {
            want_n = 201u;
        } else if (nwin == 50u) {
            want_n = 120u;
        } else if (nwin > 50u) {
            want_valid = 1;
        }
        if (c->n != want_n || c->period_valid != want_valid ||
            (want_valid && fabs(c->freq - 50.0) > 50.0 * TOL)) {
            printf("FAIL no-voltage: window %u: %u frames, valid %d, %.6f Hz\n", nwin, c->n,
                   c->period_valid, c->freq);
            bad++;
        }
        nwin++;
    }
    if (bad || nwin != 50u + 1u + (16000u - 8161u) / 160u) {
        printf("FAIL no-voltage window rules: %u bad of %u windows\n", bad, nwin);
        failures++;
    } else {
        printf("no-voltage window rules: %u windows checked\n", nwin);
    }
}

int main(void)
{
    run_no_voltage();
    /* 3x230 V 10 A, PF 0.5 inductive, 8000 Hz, 50 Hz */
    const tcase_t base = {
        .name = "8000Hz/50Hz PF0.5i",
        .fs = 8000.0,
        .f_nom = 50.0,
        .v_rms = { 230.0, 230.0, 230.0 },
        .i_rms = { 10.0, 10.0, 10.0 },
        .phi_deg = { 60.0, 60.0, 60.0 },
        .whole_windows = 1,
        .seconds = 10.0,
    };
    run_case(&base);

    tcase_t off = base;
    off.name = "8000Hz/51.95Hz off-nominal";
    off.f_sig = 8000.0 / 154.0; /* T/4 = 38.5 frames: interpolated quadrature */
    run_case(&off);

    tcase_t c60 = base;
    c60.name = "8000Hz/60Hz PF0.5i";
    c60.f_nom = 60.0;
    c60.whole_windows = 0;
    run_case(&c60);

    tcase_t exp_ = base;
    exp_.name = "8000Hz/50Hz export Q3";
    exp_.phi_deg[0] = exp_.phi_deg[1] = exp_.phi_deg[2] = 210.0;
    exp_.i_rms[1] = 5.0;
    exp_.pulse_p_src = 2; /* export */
    exp_.pulse_q_src = 2;
    run_case(&exp_);

    tcase_t c2k = base;
    c2k.name = "2000Hz/50Hz vector netting";
    c2k.fs = 2000.0;
    c2k.i_rms[1] = 5.0;
    c2k.phi_deg[1] = 210.0; /* L2 exports */
    c2k.i_rms[2] = 0.001;   /* L3 below the squelch */
    c2k.netting = 1;
    c2k.pulse_p_src = 1; /* import */
    run_case(&c2k);

    tcase_t ct = base;
    ct.name = "7320Hz/60Hz trim+phase";
    ct.fs = 7320.0;
    ct.f_nom = 60.0;
    ct.trim_ppb = 100000;                          /* +100 ppm */
    ct.f_sig = 7320.0 * (1.0 + 100000e-9) / 122.0; /* 122 frames per cycle */
    ct.phase_ns[0] = 30000;
    ct.phase_ns[1] = -250000;
    ct.phase_ns[2] = 500000; /* +3.66 frames */
    ct.phi_deg[1] = 30.0;
    ct.phi_deg[2] = -45.0; /* capacitive import, Q4 */
    run_case(&ct);

    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("golden model self test passed\n");
    return 0;
}
