/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Helpers shared by the libmetrology suites: a test rig that drives one meter
 * from the waveform and AFE models (tests/metrology/model), logs every window,
 * second and pulse edge, and converts the registers and spans for comparison
 * with the closed-form reference msdk_tm_ref_span().
 *
 * Every expected value comes from the model or from a closed form written in
 * the test, never from an earlier run of the library. Noise seeds are
 * constants; every assertion of a test with noise prints its seed.
 */
#ifndef MSDK_TEST_METRO_CHECK_H
#define MSDK_TEST_METRO_CHECK_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "metro_model.h"
#include "msdk/metrology/metrology.h"

#define RIG_FS       8000u /* frame rate of every test unless noted */
#define RIG_MAX_EDGE 1024u /* pulse edges logged per output */
#define RIG_MAX_SEC  128u  /* seconds logged */
#define RIG_MAX_WIN  8192u /* windows logged */
#define RIG_PI       3.14159265358979323846

/* Silent-on-success assertion for per-frame / per-window loops. */
#define RIG_TRUE(c, ...)                                                                           \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            ck_abort_msg(__VA_ARGS__);                                                             \
        }                                                                                          \
    } while (0)

/* One meter fed by one AFE model. */
typedef struct rig {
    msdk_metro_t m;
    msdk_tm_wave_cfg_t w;
    msdk_tm_afe_t afe;
    uint64_t seed;     /* noise seed, printed by the checks */
    uint32_t fs;       /* configured frame rate */
    uint64_t fed;      /* frames fed */
    uint64_t last_win; /* rig->fed at the last MSDK_METRO_EV_WINDOW */
    uint32_t max_gap;  /* longest distance between two window events, frames */
    uint32_t ev_windows;
    uint32_t processed;
    bool hold;         /* do not call msdk_metro_process (overrun tests) */
    uint32_t last_seq; /* seconds seen */
    /* Per-window log: frames integrated after the window, its flags. */
    uint32_t nwin;
    uint64_t win_end[RIG_MAX_WIN];
    uint32_t win_mflags[RIG_MAX_WIN];
    uint32_t win_pflags[RIG_MAX_WIN][MSDK_METRO_PHASES];
    /* Per-second log: the result and the frames integrated when it closed. */
    uint32_t nsec;
    msdk_metro_result_t sec[RIG_MAX_SEC];
    uint64_t sec_end[RIG_MAX_SEC];
    /* Pulse edges of the active (0) and reactive (1) LED, in frames fed. */
    bool led[2];
    bool edge_error[2];
    uint32_t n_on[2];
    uint32_t n_off[2];
    uint64_t on_at[2][RIG_MAX_EDGE];
    uint64_t off_at[2][RIG_MAX_EDGE];
} rig_t;

/* Default calibration of the model's ideal AFE: 480 V and 180 A at 2^23 codes. */
static inline void rig_default_cal(msdk_metro_calib_t *cal)
{
    msdk_metro_calib_default(cal, (uint32_t)llround(480e6 / 8388608.0 * 16777216.0),
                             (uint32_t)llround(180e6 / 8388608.0 * 16777216.0));
}

/* Rig with a balanced 3-phase sine (f0, v, i, phi), ideal AFE at cfg's frame rate.
 * cfg and cal may be NULL (defaults). Adjust r->w and r->afe.cfg afterwards with
 * rig_set_afe() / directly (r->w is read on every frame). */
static inline void rig_init(rig_t *r, const msdk_metro_config_t *cfg, const msdk_metro_calib_t *cal,
                            double f0, double v, double i, double phi, uint64_t seed)
{
    memset(r, 0, sizeof(*r));
    msdk_err_t e = msdk_metro_init(&r->m, cfg, cal, NULL);
    ck_assert_int_eq(e, MSDK_OK);
    r->fs = ((cfg != NULL) && (cfg->fs_hz != 0u)) ? cfg->fs_hz : RIG_FS;
    msdk_tm_wave_default(&r->w, f0, v, i, phi);
    msdk_tm_afe_cfg_t a;
    msdk_tm_afe_default(&a, (double)r->fs, seed);
    msdk_tm_afe_init(&r->afe, &a);
    r->seed = seed;
}

/* Replace the AFE configuration (restarts its frame counter only if nothing was fed). */
static inline void rig_set_afe(rig_t *r, const msdk_tm_afe_cfg_t *a)
{
    ck_assert_uint_eq(r->fed, 0u);
    msdk_tm_afe_init(&r->afe, a);
    r->seed = a->seed;
}

static inline void rig_edge(rig_t *r, unsigned x, uint32_t ev, uint32_t on, uint32_t off)
{
    if ((ev & on) != 0u) {
        if (r->led[x] || ((ev & off) != 0u)) {
            r->edge_error[x] = true;
        }
        r->led[x] = true;
        if (r->n_on[x] < RIG_MAX_EDGE) {
            r->on_at[x][r->n_on[x]] = r->fed;
        }
        r->n_on[x]++;
    } else if ((ev & off) != 0u) {
        if (!r->led[x]) {
            r->edge_error[x] = true;
        }
        r->led[x] = false;
        if (r->n_off[x] < RIG_MAX_EDGE) {
            r->off_at[x][r->n_off[x]] = r->fed;
        }
        r->n_off[x]++;
    }
}

/* Process a pending window and log it. */
static inline bool rig_process(rig_t *r)
{
    if (!msdk_metro_process(&r->m)) {
        return false;
    }
    r->processed++;
    const msdk_metro_result_t *c = msdk_metro_cycle(&r->m);
    if (r->nwin < RIG_MAX_WIN) {
        r->win_end[r->nwin] = msdk_metro_frames_integrated(&r->m);
        r->win_mflags[r->nwin] = c->flags;
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            r->win_pflags[r->nwin][k] = c->ph[k].flags;
        }
        r->nwin++;
    }
    uint32_t seq = 0;
    const msdk_metro_result_t *s = msdk_metro_second(&r->m, &seq);
    if (seq != r->last_seq) {
        RIG_TRUE(seq == r->last_seq + 1u, "second sequence jumped %u -> %u", (unsigned)r->last_seq,
                 (unsigned)seq);
        r->last_seq = seq;
        if (r->nsec < RIG_MAX_SEC) {
            r->sec[r->nsec] = *s;
            r->sec_end[r->nsec] = msdk_metro_frames_integrated(&r->m);
            r->nsec++;
        }
    }
    return true;
}

/* Feed one frame (codes may be anything: the library clamps). */
static inline uint32_t rig_feed(rig_t *r, const int32_t fr[MSDK_METRO_CH_COUNT])
{
    uint32_t ev = msdk_metro_sample(&r->m, fr);
    r->fed++;
    uint64_t gap = r->fed - r->last_win;
    if (gap > r->max_gap) {
        r->max_gap = (uint32_t)gap;
    }
    rig_edge(r, 0u, ev, MSDK_METRO_EV_PULSE_P_ON, MSDK_METRO_EV_PULSE_P_OFF);
    rig_edge(r, 1u, ev, MSDK_METRO_EV_PULSE_Q_ON, MSDK_METRO_EV_PULSE_Q_OFF);
    if ((ev & MSDK_METRO_EV_WINDOW) != 0u) {
        r->ev_windows++;
        r->last_win = r->fed;
        if (!r->hold) {
            RIG_TRUE(rig_process(r), "EV_WINDOW but msdk_metro_process had nothing (frame %llu)",
                     (unsigned long long)r->fed);
        }
    } else if (!r->hold) {
        RIG_TRUE(!msdk_metro_process(&r->m), "msdk_metro_process without EV_WINDOW (frame %llu)",
                 (unsigned long long)r->fed);
    }
    return ev;
}

/* Feed frames from the models for a number of seconds of configured frames. */
static inline void rig_run(rig_t *r, double seconds)
{
    uint64_t n = (uint64_t)llround(seconds * (double)r->fs);
    int32_t fr[MSDK_TM_NCH];
    for (uint64_t k = 0; k < n; k++) {
        msdk_tm_afe_next(&r->afe, &r->w, fr);
        (void)rig_feed(r, fr);
    }
}

/* Feed until the next window has been processed (at most 1 s). */
static inline void rig_run_to_window(rig_t *r)
{
    uint32_t before = r->processed;
    int32_t fr[MSDK_TM_NCH];
    for (uint32_t k = 0; (k < r->fs) && (r->processed == before); k++) {
        msdk_tm_afe_next(&r->afe, &r->w, fr);
        (void)rig_feed(r, fr);
    }
    ck_assert_uint_gt(r->processed, before);
}

/* A register with its fraction, Wh (or varh, VAh). */
static inline double rig_wh(const rig_t *r, unsigned set, msdk_metro_reg_t reg)
{
    const msdk_metro_energy_t *e = &msdk_metro_registers(&r->m)->e[set][reg];
    return ((double)e->mwh + (double)e->frac / 4294967296.0) / 1000.0;
}

/* All registers of a set as Wh. */
static inline void rig_regs(const rig_t *r, unsigned set, double out[MSDK_METRO_REG_COUNT])
{
    for (unsigned k = 0; k < MSDK_METRO_REG_COUNT; k++) {
        out[k] = rig_wh(r, set, (msdk_metro_reg_t)k);
    }
}

/* Model time of the current sample integrated last when n frames are integrated. */
static inline double rig_time(const rig_t *r, uint64_t n)
{
    return msdk_tm_afe_time(&r->afe, n - MSDK_METRO_IDELAY);
}

/* Closed-form reference between two "frames integrated" marks. */
static inline void rig_ref(const rig_t *r, uint64_t n0, uint64_t n1, msdk_tm_ref_t *ref)
{
    msdk_tm_ref_span(&r->w, rig_time(r, n0), rig_time(r, n1), ref);
}

/* |meas - ref| <= tol * |scale| with a message naming the quantity and the seed. */
#define RIG_CLOSE(seed, what, meas, ref, tol, scale)                                               \
    do {                                                                                           \
        double m_ = (double)(meas);                                                                \
        double r_ = (double)(ref);                                                                 \
        double s_ = fabs((double)(scale));                                                         \
        ck_assert_msg(fabs(m_ - r_) <= (tol)*s_,                                                   \
                      "%s: measured %.9g, reference %.9g, error %.4g %% of %.6g (limit %.4g %%), " \
                      "seed %llu",                                                                 \
                      (what), m_, r_, 100.0 * (m_ - r_) / s_, s_, 100.0 * (tol),                   \
                      (unsigned long long)(seed));                                                 \
    } while (0)

/* Register contents at the start and end of a span of whole windows. */
typedef struct rig_span {
    uint64_t n0, n1;
    double e0[MSDK_METRO_SETS][MSDK_METRO_REG_COUNT];
    double e1[MSDK_METRO_SETS][MSDK_METRO_REG_COUNT];
    msdk_tm_ref_t ref; /* model over the span */
} rig_span_t;

static inline void rig_span_begin(const rig_t *r, rig_span_t *s)
{
    memset(s, 0, sizeof(*s));
    s->n0 = msdk_metro_frames_integrated(&r->m);
    for (unsigned k = 0; k < MSDK_METRO_SETS; k++) {
        rig_regs(r, k, s->e0[k]);
    }
}

static inline void rig_span_end(const rig_t *r, rig_span_t *s)
{
    s->n1 = msdk_metro_frames_integrated(&r->m);
    ck_assert_uint_gt(s->n1, s->n0);
    for (unsigned k = 0; k < MSDK_METRO_SETS; k++) {
        rig_regs(r, k, s->e1[k]);
    }
    rig_ref(r, s->n0, s->n1, &s->ref);
}

/* Increase of a register over the span, Wh. */
static inline double rig_inc(const rig_span_t *s, unsigned set, msdk_metro_reg_t reg)
{
    return s->e1[set][reg] - s->e0[set][reg];
}

/* Signed active (import - export) and reactive ((Q1 + Q2) - (Q3 + Q4)) increments, Wh. */
static inline double rig_inc_p(const rig_span_t *s, unsigned set)
{
    return rig_inc(s, set, MSDK_METRO_REG_A_IMP) - rig_inc(s, set, MSDK_METRO_REG_A_EXP);
}

static inline double rig_inc_q(const rig_span_t *s, unsigned set)
{
    return rig_inc(s, set, MSDK_METRO_REG_R_Q1) + rig_inc(s, set, MSDK_METRO_REG_R_Q2) -
           rig_inc(s, set, MSDK_METRO_REG_R_Q3) - rig_inc(s, set, MSDK_METRO_REG_R_Q4);
}

/* Per-phase active and reactive energy of the span against the model: tolerance relative
 * to the reference, or to the apparent energy when the reference is below 10 % of it. */
static inline void rig_check_span_energy(const rig_t *r, const rig_span_t *s, unsigned phases,
                                         double tol_p, double tol_q, const char *what)
{
    char name[96];
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if ((phases & (1u << k)) == 0u) {
            continue;
        }
        double app = sqrt(s->ref.v2t[k] * s->ref.i2t[k]) / 3600.0;
        double ep = s->ref.e_act[k] / 3600.0;
        double eq = s->ref.e_react[k] / 3600.0;
        snprintf(name, sizeof name, "%s: L%u active energy, Wh", what, k + 1u);
        RIG_CLOSE(r->seed, name, rig_inc_p(s, k), ep, tol_p, (fabs(ep) < 0.1 * app) ? app : ep);
        snprintf(name, sizeof name, "%s: L%u reactive energy, varh", what, k + 1u);
        RIG_CLOSE(r->seed, name, rig_inc_q(s, k), eq, tol_q, (fabs(eq) < 0.1 * app) ? app : eq);
    }
}

/* Window events must keep coming at least every fs/40 (+1) frames, and the registers
 * must cover every frame fed except those of the live window. */
static inline void rig_check_contiguous(const rig_t *r)
{
    ck_assert_msg(r->max_gap <= r->fs / 40u + 1u, "window gap %u frames > fs/40 + 1, seed %llu",
                  (unsigned)r->max_gap, (unsigned long long)r->seed);
    if (!r->hold) {
        uint64_t live = r->fed - r->last_win;
        ck_assert_msg(msdk_metro_frames_integrated(&r->m) + live == r->fed,
                      "frames integrated %llu + live %llu != fed %llu",
                      (unsigned long long)msdk_metro_frames_integrated(&r->m),
                      (unsigned long long)live, (unsigned long long)r->fed);
    }
}

/* Angle of a phase from the per-second P and Q, degrees in (-180, 180]. */
static inline double rig_angle_deg(const msdk_metro_phase_result_t *ph)
{
    return atan2((double)ph->q_uvar, (double)ph->p_uw) * (180.0 / RIG_PI);
}

#endif /* MSDK_TEST_METRO_CHECK_H */
