/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Basic accuracy at the default calibration: per-second RMS, powers and
 * frequency, and the registers over a span, against the closed-form
 * reference of the same span. Also a sampling clock error with the matching
 * RTC trim and channel offsets with the matching calibration offsets.
 */
#include <check.h>

#include "metro_check.h"

Suite *metro_accuracy_suite(void);

typedef struct {
    double f;
    double phi;
} acc_case_t;

/* PF 1, 0.5 inductive, 0.8 capacitive at 50 and 60 Hz. */
static const acc_case_t acc_cases[] = {
    { 50.0, 0.0 }, { 50.0, 60.0 }, { 50.0, -36.869897645844021 },
    { 60.0, 0.0 }, { 60.0, 60.0 }, { 60.0, -36.869897645844021 },
};

/* Every per-second result logged after frames_integrated >= after_n, against the
 * model over that second's span. */
static void check_seconds(const rig_t *r, uint64_t after_n, double tol_vi, double tol_pq,
                          double tol_f, const char *what)
{
    char name[96];
    unsigned checked = 0;
    for (unsigned j = 1; j < r->nsec; j++) {
        if (r->sec_end[j - 1u] < after_n) {
            continue;
        }
        msdk_tm_ref_t ref;
        rig_ref(r, r->sec_end[j - 1u], r->sec_end[j], &ref);
        const msdk_metro_result_t *s = &r->sec[j];
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            double v = sqrt(ref.v2t[k] / ref.t);
            double i = sqrt(ref.i2t[k] / ref.t);
            if (v > 1.0) {
                snprintf(name, sizeof name, "%s s%u: L%u V", what, j, k + 1u);
                RIG_CLOSE(r->seed, name, s->ph[k].v_uv * 1e-6, v, tol_vi, v);
            }
            if (i > 0.1) {
                snprintf(name, sizeof name, "%s s%u: L%u I", what, j, k + 1u);
                RIG_CLOSE(r->seed, name, s->ph[k].i_ua * 1e-6, i, tol_vi, i);
                snprintf(name, sizeof name, "%s s%u: L%u P", what, j, k + 1u);
                RIG_CLOSE(r->seed, name, s->ph[k].p_uw * 1e-6, ref.e_act[k] / ref.t, tol_pq, v * i);
                snprintf(name, sizeof name, "%s s%u: L%u Q", what, j, k + 1u);
                RIG_CLOSE(r->seed, name, s->ph[k].q_uvar * 1e-6, ref.e_react[k] / ref.t, tol_pq,
                          v * i);
                snprintf(name, sizeof name, "%s s%u: L%u S", what, j, k + 1u);
                RIG_CLOSE(r->seed, name, s->ph[k].s_uva * 1e-6, v * i, tol_pq, v * i);
            }
        }
        snprintf(name, sizeof name, "%s s%u: f", what, j);
        RIG_CLOSE(r->seed, name, s->freq_uhz * 1e-6, ref.cycles / ref.t, tol_f, ref.cycles / ref.t);
        checked++;
    }
    ck_assert_uint_ge(checked, 2u);
}

START_TEST(acc_basic)
{
    const acc_case_t *c = &acc_cases[_i];
    char what[64];
    snprintf(what, sizeof what, "%.0f Hz phi %.2f", c->f, c->phi);
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.f_nom_hz = (uint32_t)c->f;
    rig_t r;
    rig_init(&r, &cfg, NULL, c->f, 230.0, 10.0, c->phi, 0u);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    ck_assert_msg(s.ref.t > 2.9, "span %.3f s", s.ref.t);
    rig_check_span_energy(&r, &s, 7u, 5e-4, 5e-4, what);
    /* The totals are the sums of the phases (per-phase netting). */
    for (unsigned g = 0; g < MSDK_METRO_REG_COUNT; g++) {
        double sum = 0.0;
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            sum += s.e1[k][g];
        }
        RIG_CLOSE(r.seed, "total = sum of phases", s.e1[MSDK_METRO_SET_TOTAL][g], sum, 1e-9,
                  sum + 1e-3);
    }
    double tp = 0.0;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        tp += s.ref.e_act[k] / 3600.0;
    }
    RIG_CLOSE(r.seed, "total active", rig_inc_p(&s, MSDK_METRO_SET_TOTAL), tp, 5e-4, tp);
    check_seconds(&r, RIG_FS / 2u, 5e-4, 1e-3, 5e-4, what);
    rig_check_contiguous(&r);
    /* Window results of the last window. A window is a whole number of frames, not
     * of periods (60 Hz: 133 or 134 frames for 133.3), so its powers carry up to half a
     * frame of the double-frequency ripple: PF within 0.6 %, angle within 0.4 deg. */
    const msdk_metro_result_t *cy = msdk_metro_cycle(&r.m);
    double pf = cos(c->phi * RIG_PI / 180.0);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        RIG_CLOSE(r.seed, "window PF", cy->ph[k].pf_u * 1e-6, pf, 6e-3, 1.0);
        if (c->phi != 0.0) {
            ck_assert_int_eq(cy->ph[k].quadrant, (c->phi < 0.0) ? MSDK_METRO_Q4 : MSDK_METRO_Q1);
        }
        ck_assert_uint_eq(cy->ph[k].flags & ~(uint32_t)MSDK_METRO_PF_ACTIVE, 0u);
        ck_assert_uint_ne(cy->ph[k].flags & MSDK_METRO_PF_ACTIVE, 0u);
        double ang = fmod(c->phi + 360.0, 360.0);
        double d = cy->ph[k].vi_angle_mdeg * 1e-3 - ang;
        d -= 360.0 * floor(d / 360.0 + 0.5);
        ck_assert_msg(fabs(d) < 0.4, "L%u angle %u mdeg, expected %.3f deg", k + 1u,
                      (unsigned)cy->ph[k].vi_angle_mdeg, ang);
    }
    ck_assert_uint_eq(cy->flags, 0u);
    ck_assert_int_eq(cy->seq, MSDK_METRO_SEQ_OK);
    ck_assert_uint_eq(msdk_metro_registers(&r.m)->e[0][MSDK_METRO_REG_A_EXP].mwh, 0u);
    ck_assert_uint_eq(msdk_metro_registers(&r.m)->e[0][MSDK_METRO_REG_A_EXP].frac, 0u);
}
END_TEST

/* A sampling clock 80 ppm fast with the matching RTC trim, channel offsets with the
 * matching calibration offsets, and a different frame rate (4000/s). */
START_TEST(acc_trim_offset_fs)
{
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.fs_hz = 4000u;
    msdk_metro_calib_t cal;
    rig_default_cal(&cal);
    cal.rtc_trim_ppb = 80000;
    static const int32_t off[MSDK_METRO_CH_COUNT] = { 2000, -1500, 700, -3000, 2500, 123, -77 };
    for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
        cal.offset[ch] = off[ch];
    }
    rig_t r;
    rig_init(&r, &cfg, &cal, 50.0, 230.0, 10.0, 60.0, 0u);
    msdk_tm_afe_cfg_t a = r.afe.cfg;
    a.clock_ppm = 80.0;
    for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
        a.offset_codes[ch] = off[ch];
    }
    rig_set_afe(&r, &a);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    rig_check_span_energy(&r, &s, 7u, 5e-4, 5e-4, "trim+offset");
    check_seconds(&r, RIG_FS / 4u, 5e-4, 1e-3, 2e-5, "trim+offset");
    /* Zero input: the mean codes of the last second are the offsets exactly. */
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        r.w.ph[k].v_rms = 0.0;
        r.w.ph[k].i_rms = 0.0;
    }
    rig_run(&r, 2.2);
    for (unsigned ch = 0; ch < MSDK_METRO_CH_COUNT; ch++) {
        double mean = (double)msdk_metro_mean_code_q8(&r.m, (msdk_metro_ch_t)ch) / 256.0;
        ck_assert_msg(fabs(mean - off[ch]) < 0.01, "ch %u mean %.2f, offset %d", ch, mean,
                      (int)off[ch]);
    }
}
END_TEST

Suite *metro_accuracy_suite(void)
{
    Suite *s = suite_create("metrology_accuracy");
    TCase *tc = tcase_create("accuracy");
    tcase_add_loop_test(tc, acc_basic, 0, (int)(sizeof acc_cases / sizeof acc_cases[0]));
    tcase_add_test(tc, acc_trim_offset_fs);
    suite_add_tcase(s, tc);
    return s;
}
