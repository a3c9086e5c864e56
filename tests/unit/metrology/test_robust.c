/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Bad input (rails, DC, zeros, noise, a missing phase, an interruption, no
 * frequency), quality flags (sag, swell, over-current, phase sequence, wrong
 * phase, neutral mismatch), overrun of the processing side, and two meters
 * in one process. Every run checks that windows keep coming (at most fs/40 + 1
 * frames apart) and that the registers cover every frame but the live window;
 * the sanitizers of the host build catch undefined behaviour.
 */
#include <stdlib.h>
#include <check.h>

#include "metro_check.h"

Suite *metro_robust_suite(void);

static bool any_flag(const rig_t *r, double t0, double t1, unsigned phase, uint32_t flag);

/* Feed n copies of a frame built by fn(k). */
typedef void (*frame_fn_t)(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT]);

static void feed_fn(rig_t *r, uint64_t n, frame_fn_t fn)
{
    int32_t fr[MSDK_METRO_CH_COUNT];
    for (uint64_t k = 0; k < n; k++) {
        fn(k, fr);
        (void)rig_feed(r, fr);
    }
}

static void fr_max(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    (void)k;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        fr[c] = INT32_MAX;
    }
}

static void fr_min(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    (void)k;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        fr[c] = INT32_MIN;
    }
}

static void fr_alt(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        fr[c] = (k & 1u) ? INT32_MIN : INT32_MAX;
    }
}

/* 50 Hz full-scale-and-beyond square wave on every channel. */
static void fr_square(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        fr[c] = ((k / 80u) & 1u) ? INT32_MIN : INT32_MAX;
    }
}

static void fr_dc(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    (void)k;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        fr[c] = (c < 3u) ? 1000000 : -100000;
    }
}

static void fr_zero(uint64_t k, int32_t fr[MSDK_METRO_CH_COUNT])
{
    (void)k;
    memset(fr, 0, sizeof(int32_t) * MSDK_METRO_CH_COUNT);
}

/* The last window's results are within full scale and flagged clipped. */
static void check_clipped_sane(const rig_t *r, const char *what)
{
    const msdk_metro_result_t *c = msdk_metro_cycle(&r->m);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        ck_assert_msg((c->ph[k].flags & MSDK_METRO_PF_CLIPPED) != 0u, "%s: L%u not clipped", what,
                      k + 1u);
        ck_assert_msg(c->ph[k].v_uv <= 480001000u, "%s: L%u %u uV", what, k + 1u,
                      (unsigned)c->ph[k].v_uv);
        ck_assert_msg(c->ph[k].i_ua <= 180001000u, "%s: L%u %u uA", what, k + 1u,
                      (unsigned)c->ph[k].i_ua);
        ck_assert_msg(llabs(c->ph[k].p_uw) <= 480001LL * 180001LL, "%s: L%u P %lld", what, k + 1u,
                      (long long)c->ph[k].p_uw);
        ck_assert_msg(c->ph[k].s_uva >= 0 && c->ph[k].s_uva <= 480001LL * 180001LL,
                      "%s: L%u S %lld", what, k + 1u, (long long)c->ph[k].s_uva);
        ck_assert_msg(c->ph[k].pf_u >= -1000000 && c->ph[k].pf_u <= 1000000, "%s: PF", what);
    }
    ck_assert_msg(c->in_ua <= 180001000u, "%s: In %u uA", what, (unsigned)c->in_ua);
    rig_check_contiguous(r);
}

/* After bad input, a normal signal is measured right again within two seconds. */
static void check_recovers(rig_t *r, const char *what)
{
    r->w.ph[0].v_rms = r->w.ph[1].v_rms = r->w.ph[2].v_rms = 230.0;
    r->w.ph[0].i_rms = r->w.ph[1].i_rms = r->w.ph[2].i_rms = 10.0;
    r->w.f0_hz = 50.0;
    r->afe.cfg.noise_codes = 0.0;
    uint32_t before = r->nsec;
    rig_run(r, 2.2);
    ck_assert_uint_ge(r->nsec, before + 2u);
    const msdk_metro_result_t *s = &r->sec[r->nsec - 1u];
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        RIG_CLOSE(r->seed, what, s->ph[k].v_uv * 1e-6, 230.0, 5e-4, 230.0);
        RIG_CLOSE(r->seed, what, s->ph[k].i_ua * 1e-6, 10.0, 5e-4, 10.0);
        RIG_CLOSE(r->seed, what, s->ph[k].p_uw * 1e-6, 2300.0, 1e-3, 2300.0);
        ck_assert_msg((s->ph[k].flags & MSDK_METRO_PF_CLIPPED) == 0u, "%s: still clipped", what);
    }
    RIG_CLOSE(r->seed, what, s->freq_uhz * 1e-6, 50.0, 1e-4, 50.0);
    ck_assert_msg((s->flags & MSDK_METRO_MF_NO_FREQ) == 0u, "%s: still no frequency", what);
    rig_check_contiguous(r);
}

START_TEST(bad_rails)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    feed_fn(&r, RIG_FS / 2u, fr_max);
    check_clipped_sane(&r, "INT32_MAX");
    ck_assert_uint_ne(msdk_metro_cycle(&r.m)->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    ck_assert_uint_eq(msdk_metro_cycle(&r.m)->freq_uhz, 0u);
    RIG_CLOSE(r.seed, "INT32_MAX clamped to full scale", msdk_metro_cycle(&r.m)->ph[0].v_uv * 1e-6,
              480.0, 1e-3, 480.0);
    feed_fn(&r, RIG_FS / 2u, fr_min);
    check_clipped_sane(&r, "INT32_MIN");
    ck_assert_uint_ne(msdk_metro_cycle(&r.m)->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    RIG_CLOSE(r.seed, "INT32_MIN clamped to full scale", msdk_metro_cycle(&r.m)->ph[1].i_ua * 1e-6,
              180.0, 1e-3, 180.0);
    feed_fn(&r, RIG_FS / 2u, fr_alt);
    check_clipped_sane(&r, "alternating rails");
    feed_fn(&r, RIG_FS, fr_square);
    check_clipped_sane(&r, "square wave beyond full scale");
    check_recovers(&r, "after rails");
}
END_TEST

START_TEST(bad_dc_zero_noise)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    feed_fn(&r, RIG_FS, fr_dc);
    const msdk_metro_result_t *c = msdk_metro_cycle(&r.m);
    ck_assert_uint_ne(c->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    ck_assert_uint_eq(c->freq_uhz, 0u);
    ck_assert_uint_eq(c->ph[0].flags & MSDK_METRO_PF_CLIPPED, 0u);
    /* DC is measured as RMS: 1e6 codes x 57.22 uV. */
    RIG_CLOSE(r.seed, "DC voltage", c->ph[0].v_uv * 1e-6, 1e6 * 480.0 / 8388608.0, 1e-4, 57.2);
    rig_check_contiguous(&r);
    check_recovers(&r, "after DC");

    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    feed_fn(&r, RIG_FS, fr_zero);
    c = msdk_metro_cycle(&r.m);
    ck_assert_uint_ne(c->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        ck_assert_uint_eq(c->ph[k].v_uv, 0u);
        ck_assert_uint_eq(c->ph[k].i_ua, 0u);
        ck_assert_uint_ne(c->ph[k].flags & MSDK_METRO_PF_MISSING, 0u);
        ck_assert_uint_eq(c->ph[k].flags & MSDK_METRO_PF_ACTIVE, 0u);
    }
    ck_assert_int_eq(c->seq, MSDK_METRO_SEQ_UNKNOWN);
    ck_assert(rig_wh(&r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_S_IMP) == 0.0);
    rig_check_contiguous(&r);
    check_recovers(&r, "after zeros");

    /* Noise only: 30 codes, then 300000 codes (crosses the zero-crossing hysteresis at
     * random). */
    static const double noise[2] = { 30.0, 300000.0 };
    for (unsigned x = 0; x < 2u; x++) {
        const uint64_t seed = 0x4E4F495345ull + x;
        rig_init(&r, NULL, NULL, 50.0, 0.0, 0.0, 0.0, seed);
        msdk_tm_afe_cfg_t a = r.afe.cfg;
        a.noise_codes = noise[x];
        rig_set_afe(&r, &a);
        rig_run(&r, 1.5);
        c = msdk_metro_cycle(&r.m);
        double v = noise[x] * 480.0 / 8388608.0;
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            RIG_CLOSE(seed, "noise RMS", c->ph[k].v_uv * 1e-6, v, 0.25, v + 1e-3);
            ck_assert_msg((c->ph[k].flags & MSDK_METRO_PF_MISSING) != 0u,
                          "noise: L%u not missing, seed %llu", k + 1u, (unsigned long long)seed);
        }
        if (x == 0u) {
            ck_assert_msg((c->flags & MSDK_METRO_MF_NO_FREQ) != 0u, "seed %llu",
                          (unsigned long long)seed);
            for (unsigned g = 0; g < MSDK_METRO_REG_COUNT; g++) {
                ck_assert_msg(rig_wh(&r, MSDK_METRO_SET_TOTAL, (msdk_metro_reg_t)g) == 0.0,
                              "noise: energy counted, seed %llu", (unsigned long long)seed);
            }
        }
        rig_check_contiguous(&r);
        check_recovers(&r, "after noise");
    }
}
END_TEST

/* One voltage missing (L2, then the reference phase L1): the others measure right.
 * LIB BUG: with L1 missing at exactly 50 Hz the frequency is never measured (freq 0,
 * MF_NO_FREQ for good): after the windows fell back to ending on time (fs / f_nom = 160
 * frames, exactly one period), L2's crossing falls 66 frames into every window, below
 * the fs/70 = 114-frame minimum, so it is ignored as a spike forever (on_crossing in
 * metrology_sample.c measures the minimum from the window start, not from the last
 * reference crossing). */
START_TEST(bad_phase_missing)
{
    const unsigned miss = (unsigned)_i;
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 30.0, 0u);
    r.w.ph[miss].v_rms = 0.0;
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 2.5);
    rig_span_end(&r, &s);
    unsigned others = 7u & ~(1u << miss);
    rig_check_span_energy(&r, &s, others, 5e-4, 5e-4, "phase missing");
    const msdk_metro_result_t *sec = &r.sec[r.nsec - 1u];
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        bool m = (sec->ph[k].flags & MSDK_METRO_PF_MISSING) != 0u;
        ck_assert_msg(m == (k == miss), "L%u missing flag %d", k + 1u, (int)m);
        if (k != miss) {
            RIG_CLOSE(r.seed, "V", sec->ph[k].v_uv * 1e-6, 230.0, 5e-4, 230.0);
            RIG_CLOSE(r.seed, "I", sec->ph[k].i_ua * 1e-6, 10.0, 5e-4, 10.0);
        } else {
            ck_assert_uint_eq(sec->ph[k].v_uv, 0u);
            RIG_CLOSE(r.seed, "I of the missing phase", sec->ph[k].i_ua * 1e-6, 10.0, 5e-4, 10.0);
        }
    }
    RIG_CLOSE(r.seed, "f", sec->freq_uhz * 1e-6, 50.0, 1e-4, 50.0);
    ck_assert_uint_eq(sec->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    rig_check_contiguous(&r);
}
END_TEST

/* LIB BUG: at 60 Hz the frequency stays lost for seconds after a 100 ms interruption
 * (windows end on time every 133 frames, the returning L1 crossing falls below the
 * 114-frame minimum of the window and is taken for a spike until the 0.33 frame/window
 * drift moves it out; same cause as in bad_phase_missing). At 50 Hz the time-out
 * pattern happens to put the crossing at frame 119 and it locks at once. */
START_TEST(bad_interruption)
{
    const double f = (_i == 0) ? 50.0 : 60.0;
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.f_nom_hz = (uint32_t)f;
    rig_t r;
    rig_init(&r, &cfg, NULL, f, 230.0, 10.0, 30.0, 0u);
    r.w.sag_t0 = 1.013; /* not on a crossing */
    r.w.sag_len = 0.1;
    r.w.sag_factor = 0.0;
    r.w.sag_mask = 7u;
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 2.5);
    rig_span_end(&r, &s);
    rig_check_contiguous(&r);
    /* The model integrates zero power during the interruption. */
    rig_check_span_energy(&r, &s, 7u, 1e-3, 1e-3, "interruption");
    bool nofreq = false;
    for (unsigned w = 0; w < r.nwin; w++) {
        nofreq = nofreq || ((r.win_mflags[w] & MSDK_METRO_MF_NO_FREQ) != 0u);
    }
    ck_assert(nofreq);
    /* The frequency is back within 0.2 s of the voltage's return (t = 1.113 s). */
    ck_assert_msg(!any_flag(&r, 1.32, 3.0, 3u, MSDK_METRO_MF_NO_FREQ),
                  "%.0f Hz: no frequency still after the voltage returned", f);
    const msdk_metro_result_t *c = msdk_metro_cycle(&r.m);
    ck_assert_uint_eq(c->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    RIG_CLOSE(r.seed, "f after", c->freq_uhz * 1e-6, f, 2e-4, f);
}
END_TEST

START_TEST(bad_no_frequency)
{
    /* 0 Hz: the waveform stands still at its angles (L1 0 V, L2 and L3 +-281 V DC). */
    rig_t r;
    rig_init(&r, NULL, NULL, 0.0, 230.0, 10.0, 0.0, 0u);
    rig_run(&r, 1.2);
    ck_assert_uint_ge(r.nsec, 1u);
    const msdk_metro_result_t *c = msdk_metro_cycle(&r.m);
    ck_assert_uint_ne(c->flags & MSDK_METRO_MF_NO_FREQ, 0u);
    ck_assert_uint_eq(c->freq_uhz, 0u);
    ck_assert_uint_ne(r.sec[r.nsec - 1u].flags & MSDK_METRO_MF_NO_FREQ, 0u);
    ck_assert_uint_eq(r.sec[r.nsec - 1u].freq_uhz, 0u);
    RIG_CLOSE(r.seed, "L2 DC", c->ph[1].v_uv * 1e-6, 230.0 * sqrt(2.0) * sin(RIG_PI / 3.0), 1e-3,
              230.0);
    rig_check_contiguous(&r);
    /* 20 Hz: below the range, periods invalid, windows on time. */
    rig_init(&r, NULL, NULL, 20.0, 230.0, 10.0, 0.0, 0u);
    rig_run(&r, 1.0);
    ck_assert_uint_eq(msdk_metro_cycle(&r.m)->freq_uhz, 0u);
    rig_check_contiguous(&r);
    check_recovers(&r, "after 20 Hz");
}
END_TEST

/* A flag (phase 0..2, or 3: meter-wide) in a window ending within [t0, t1] s. */
static bool any_flag(const rig_t *r, double t0, double t1, unsigned phase, uint32_t flag)
{
    for (unsigned w = 0; w < r->nwin; w++) {
        double t = (double)r->win_end[w] / RIG_FS;
        if ((t >= t0) && (t <= t1)) {
            uint32_t f = (phase < 3u) ? r->win_pflags[w][phase] : r->win_mflags[w];
            if ((f & flag) != 0u) {
                return true;
            }
        }
    }
    return false;
}

static void voltage_event(double factor, uint32_t flag, const char *what)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    r.w.sag_t0 = 1.0;
    r.w.sag_len = 0.1;
    r.w.sag_factor = factor;
    r.w.sag_mask = 7u;
    rig_run(&r, 1.6);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        ck_assert_msg(!any_flag(&r, 0.0, 1.0, k, flag), "%s: L%u flagged before", what, k + 1u);
        ck_assert_msg(any_flag(&r, 1.04, 1.13, k, flag), "%s: L%u not flagged", what, k + 1u);
        ck_assert_msg(!any_flag(&r, 1.2, 2.0, k, flag), "%s: L%u still flagged after", what,
                      k + 1u);
        ck_assert_msg(!any_flag(&r, 0.0, 2.0, k, MSDK_METRO_PF_MISSING), "%s: L%u missing", what,
                      k + 1u);
    }
    rig_check_contiguous(&r);
}

START_TEST(flag_sag_swell)
{
    voltage_event(0.8, MSDK_METRO_PF_SAG, "sag 80 %");
    voltage_event(1.15, MSDK_METRO_PF_SWELL, "swell 115 %");
}
END_TEST

START_TEST(flag_overcurrent)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    rig_run(&r, 0.3);
    double t_on = (double)r.fed / RIG_FS;
    r.w.ph[2].i_rms = 120.0;
    rig_run(&r, 1.5);
    ck_assert(!any_flag(&r, 0.0, t_on + 0.95, 2u, MSDK_METRO_PF_OVERCURR));
    ck_assert(any_flag(&r, t_on + 0.95, t_on + 1.1, 2u, MSDK_METRO_PF_OVERCURR));
    ck_assert_uint_ne(msdk_metro_cycle(&r.m)->ph[2].flags & MSDK_METRO_PF_OVERCURR, 0u);
    ck_assert(!any_flag(&r, 0.0, 2.0, 0u, MSDK_METRO_PF_OVERCURR));
    ck_assert_uint_eq(msdk_metro_cycle(&r.m)->ph[2].flags & MSDK_METRO_PF_CLIPPED, 0u);
    RIG_CLOSE(r.seed, "120 A", msdk_metro_cycle(&r.m)->ph[2].i_ua * 1e-6, 120.0, 5e-4, 120.0);
}
END_TEST

START_TEST(flag_sequence)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    rig_run(&r, 1.2);
    const msdk_metro_result_t *c = msdk_metro_cycle(&r.m);
    ck_assert_int_eq(c->seq, MSDK_METRO_SEQ_OK);
    ck_assert_uint_eq(c->flags & MSDK_METRO_MF_SEQ_REV, 0u);
    ck_assert_uint_le(labs((long)c->ph[1].v_angle_mdeg - 120000L), 100);
    ck_assert_uint_le(labs((long)c->ph[2].v_angle_mdeg - 240000L), 100);

    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    r.w.ph[1].v_angle_deg = 120.0;
    r.w.ph[2].v_angle_deg = -120.0;
    rig_run(&r, 1.2);
    c = msdk_metro_cycle(&r.m);
    ck_assert_int_eq(c->seq, MSDK_METRO_SEQ_REVERSED);
    ck_assert_uint_ne(c->flags & MSDK_METRO_MF_SEQ_REV, 0u);
    ck_assert_uint_le(labs((long)c->ph[1].v_angle_mdeg - 240000L), 100);
    ck_assert_uint_le(labs((long)c->ph[2].v_angle_mdeg - 120000L), 100);
    ck_assert_int_eq(r.sec[r.nsec - 1u].seq, MSDK_METRO_SEQ_REVERSED);
    ck_assert_uint_ne(r.sec[r.nsec - 1u].flags & MSDK_METRO_MF_SEQ_REV, 0u);
    /* Energy is still right in reversed sequence. */
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        RIG_CLOSE(r.seed, "P reversed seq", r.sec[r.nsec - 1u].ph[k].p_uw * 1e-6, 2300.0, 1e-3,
                  2300.0);
    }
}
END_TEST

START_TEST(flag_wrong_phase)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    r.w.ph[0].phi_deg = 120.0; /* L1's CT on L2's conductor */
    rig_run(&r, 1.2);
    const msdk_metro_result_t *c = msdk_metro_cycle(&r.m);
    uint32_t want = MSDK_METRO_PF_WRONG_PHASE | MSDK_METRO_PF_REVERSED;
    ck_assert_uint_eq(c->ph[0].flags & want, want);
    ck_assert_uint_eq(c->ph[1].flags & want, 0u);
    ck_assert_uint_eq(c->ph[2].flags & want, 0u);
    ck_assert_uint_le(labs((long)c->ph[0].vi_angle_mdeg - 120000L), 300);
}
END_TEST

START_TEST(flag_neutral)
{
    /* Extra 5 A in the neutral: flagged within about a second. */
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    r.w.in_extra_rms = 5.0;
    rig_run(&r, 2.0);
    ck_assert(!any_flag(&r, 0.0, 0.9, 3u, MSDK_METRO_MF_NEUTRAL));
    ck_assert(any_flag(&r, 0.9, 1.25, 3u, MSDK_METRO_MF_NEUTRAL));
    ck_assert_uint_ne(msdk_metro_cycle(&r.m)->flags & MSDK_METRO_MF_NEUTRAL, 0u);
    RIG_CLOSE(r.seed, "In", msdk_metro_cycle(&r.m)->in_ua * 1e-6, 5.0, 1e-3, 5.0);

    /* Loads where In is the phase currents' sum: never flagged. */
    for (unsigned x = 0; x < 3u; x++) {
        rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
        if (x == 1u) { /* single phase */
            r.w.ph[1].i_rms = 0.0;
            r.w.ph[2].i_rms = 0.0;
        } else if (x == 2u) { /* unbalanced, mixed angles */
            r.w.ph[1].i_rms = 5.0;
            r.w.ph[1].phi_deg = 30.0;
            r.w.ph[2].i_rms = 0.0;
        }
        rig_run(&r, 2.5);
        ck_assert_msg(!any_flag(&r, 0.0, 3.0, 3u, MSDK_METRO_MF_NEUTRAL), "load %u flagged", x);
        ck_assert_uint_eq(r.sec[r.nsec - 1u].flags & MSDK_METRO_MF_NEUTRAL, 0u);
    }
}
END_TEST

/* Processing misses windows now and then: the window grows, nothing is lost. */
START_TEST(overrun_no_energy_lost)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 60.0, 0u);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    int32_t fr[MSDK_TM_NCH];
    unsigned holds = 0;
    unsigned held_windows = 0;
    uint32_t hold_for = 0;
    for (uint32_t k = 0; (k < 3u * RIG_FS) || r.hold; k++) {
        msdk_tm_afe_next(&r.afe, &r.w, fr);
        uint32_t ev = rig_feed(&r, fr);
        if ((ev & MSDK_METRO_EV_WINDOW) == 0u) {
            continue;
        }
        if (r.hold) {
            if (--hold_for == 0u) {
                /* Two (or more) windows fed without processing: process now. */
                ck_assert(rig_process(&r));
                r.hold = false;
            }
        } else if ((r.ev_windows % 12u) == 5u) {
            /* Feed 2 windows without processing, later 6 (120 ms). */
            hold_for = (holds < 3u) ? 2u : 6u;
            held_windows += hold_for - 1u; /* events folded into a growing window */
            r.hold = true;
            holds++;
        }
    }
    ck_assert(!r.hold);
    rig_run_to_window(&r);
    rig_span_end(&r, &s);
    rig_check_span_energy(&r, &s, 7u, 5e-4, 5e-4, "overrun");
    unsigned overruns = 0;
    for (unsigned w = 0; w < r.nwin; w++) {
        overruns += ((r.win_mflags[w] & MSDK_METRO_MF_OVERRUN) != 0u) ? 1u : 0u;
    }
    ck_assert_uint_ge(holds, 5u);
    ck_assert_uint_eq(overruns, holds);
    ck_assert_uint_eq(r.processed + held_windows, r.ev_windows);
    rig_check_contiguous(&r);
}
END_TEST

/* A consumer that stops for longer than MSDK_METRO_GROW_MAX frames: the window is dropped
 * and counted instead of overflowing its sums (UBSan would report it); then the meter
 * measures again. */
START_TEST(stall_drops_and_counts)
{
    static msdk_metro_t m;
    ck_assert_int_eq(msdk_metro_init(&m, NULL, NULL, NULL), MSDK_OK);
    msdk_tm_wave_cfg_t w;
    msdk_tm_wave_default(&w, 50.0, 264.5, 120.0, 0.0);
    msdk_tm_afe_cfg_t ac;
    msdk_tm_afe_default(&ac, 8000.0, 0x57A11u);
    msdk_tm_afe_t afe;
    msdk_tm_afe_init(&afe, &ac);
    int32_t fr[MSDK_TM_NCH];
    uint32_t windows = 0;
    for (uint32_t k = 0; k < 10u * 8000u; k++) { /* 10 s, never processed */
        msdk_tm_afe_next(&afe, &w, fr);
        windows += ((msdk_metro_sample(&m, fr) & MSDK_METRO_EV_WINDOW) != 0u) ? 1u : 0u;
    }
    ck_assert_uint_gt(windows, 400u);
    ck_assert_uint_gt(msdk_metro_frames_lost(&m), (uint32_t)MSDK_METRO_GROW_MAX);
    ck_assert_uint_lt(msdk_metro_frames_lost(&m), 10u * 8000u);
    uint64_t before = msdk_metro_energy_mwh(&m, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP);
    for (uint32_t k = 0; k < 2u * 8000u; k++) {
        msdk_tm_afe_next(&afe, &w, fr);
        if ((msdk_metro_sample(&m, fr) & MSDK_METRO_EV_WINDOW) != 0u) {
            (void)msdk_metro_process(&m);
        }
    }
    const msdk_metro_result_t *r = msdk_metro_second(&m, NULL);
    ck_assert_msg(llabs((long long)r->ph[0].i_ua - 120000000LL) < 120000LL, "I %u seed 0x57A11",
                  r->ph[0].i_ua);
    ck_assert_uint_gt(msdk_metro_energy_mwh(&m, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP),
                      before);
}
END_TEST

/* Two contexts fed interleaved frames of different signals. */
START_TEST(two_meters)
{
    msdk_metro_config_t cfg_b;
    memset(&cfg_b, 0, sizeof cfg_b);
    cfg_b.f_nom_hz = 60u;
    cfg_b.u_nom_mv = 120000u;
    cfg_b.netting = MSDK_METRO_NET_VECTOR;
    static rig_t ra;
    static rig_t rb;
    rig_init(&ra, NULL, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    rig_init(&rb, &cfg_b, NULL, 60.0, 120.0, 5.0, 60.0, 0u);
    rb.w.ph[0].phi_deg = 180.0 + 60.0;
    rig_span_t sa;
    rig_span_t sb;
    int32_t fr[MSDK_TM_NCH];
    for (uint32_t k = 0; k < 3u * RIG_FS; k++) {
        if (k == RIG_FS / 2u) {
            rig_span_begin(&ra, &sa);
            rig_span_begin(&rb, &sb);
        }
        msdk_tm_afe_next(&ra.afe, &ra.w, fr);
        (void)rig_feed(&ra, fr);
        msdk_tm_afe_next(&rb.afe, &rb.w, fr);
        (void)rig_feed(&rb, fr);
    }
    rig_span_end(&ra, &sa);
    rig_span_end(&rb, &sb);
    rig_check_span_energy(&ra, &sa, 7u, 5e-4, 5e-4, "meter A");
    rig_check_span_energy(&rb, &sb, 7u, 5e-4, 5e-4, "meter B");
    RIG_CLOSE(0u, "A f", ra.sec[ra.nsec - 1u].freq_uhz * 1e-6, 50.0, 1e-4, 50.0);
    RIG_CLOSE(0u, "B f", rb.sec[rb.nsec - 1u].freq_uhz * 1e-6, 60.0, 1e-4, 60.0);
    ck_assert(rig_wh(&ra, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP) == 0.0);
    ck_assert(rig_wh(&rb, 0u, MSDK_METRO_REG_A_EXP) > 0.0);
    rig_check_contiguous(&ra);
    rig_check_contiguous(&rb);
}
END_TEST

Suite *metro_robust_suite(void)
{
    Suite *s = suite_create("metrology_robust");
    TCase *tc = tcase_create("bad_input");
    tcase_add_test(tc, bad_rails);
    tcase_add_test(tc, bad_dc_zero_noise);
    tcase_add_loop_test(tc, bad_phase_missing, 0, 2);
    tcase_add_loop_test(tc, bad_interruption, 0, 2);
    tcase_add_test(tc, bad_no_frequency);
    suite_add_tcase(s, tc);
    tc = tcase_create("flags");
    tcase_add_test(tc, flag_sag_swell);
    tcase_add_test(tc, flag_overcurrent);
    tcase_add_test(tc, flag_sequence);
    tcase_add_test(tc, flag_wrong_phase);
    tcase_add_test(tc, flag_neutral);
    suite_add_tcase(s, tc);
    tc = tcase_create("overrun");
    tcase_add_test(tc, overrun_no_energy_lost);
    tcase_add_test(tc, two_meters);
    tcase_add_test(tc, stall_drops_and_counts);
    suite_add_tcase(s, tc);
    return s;
}
