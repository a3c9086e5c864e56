/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Defects found in public metering code that libmetrology must not have:
 *  a. a fractional delay whose two taps read the same sample (the phase
 *     correction moves in whole samples only): the measured angle must follow
 *     phase_ns in steps of 1/256 sample;
 *  b. one delay line shared by the three phases: each phase, with its own
 *     sensor phase and phase_ns, must measure its own angle;
 *  c. a quadrature delay fixed for 50 Hz: reactive energy at 47.5..63 Hz;
 *  d. a frequency filter overwritten each cycle: the per-second frequency is
 *     the mean over the second under a 0.5 Hz/s ramp;
 *  (e. pulses from |net total|: test_energy.c; f. time-seeded noise: every
 *  noise seed in this suite is a constant, printed by the checks.)
 */
#include <check.h>

#include "metro_check.h"

Suite *metro_defects_suite(void);

#define SAMPLE_NS (1e9 / RIG_FS) /* 125000 ns */

/* Angle of L1 (PF 0.5 inductive) in the second complete second, degrees: sensor lead
 * lead_ns on I1, correction phase_ns. */
static double angle_with(double lead_ns, int32_t phase_ns)
{
    msdk_metro_calib_t cal;
    rig_default_cal(&cal);
    cal.phase_ns[0] = phase_ns;
    rig_t r;
    rig_init(&r, NULL, &cal, 50.0, 230.0, 10.0, 60.0, 0u);
    r.w.ph[1].i_rms = 0.0;
    r.w.ph[2].i_rms = 0.0;
    msdk_tm_afe_cfg_t a = r.afe.cfg;
    a.phase_deg[MSDK_TM_CH_I1] = lead_ns * 1e-9 * 50.0 * 360.0;
    rig_set_afe(&r, &a);
    rig_run(&r, 2.3);
    ck_assert_uint_ge(r.nsec, 2u);
    return rig_angle_deg(&r.sec[r.nsec - 1u].ph[0]);
}

/* Sweep phase_ns in 1/256-sample steps around base_ns (sensor lead base_ns): the angle
 * must move by 1/256 sample = 8.79 mdeg at 50 Hz per step, each step on its own. */
static void sweep(double base_ns, int from, int to)
{
    const double step_mdeg = SAMPLE_NS / 256.0 * 1e-9 * 50.0 * 360.0 * 1000.0;
    double prev = 0.0;
    for (int j = from; j <= to; j++) {
        int32_t pns = (int32_t)llround(base_ns + j * SAMPLE_NS / 256.0);
        double got = angle_with(base_ns, pns) * 1000.0;
        double want = 60000.0 + (pns - base_ns) * 1e-9 * 50.0 * 360.0 * 1000.0;
        ck_assert_msg(fabs(got - want) <= 2.0,
                      "lead %.0f ns, phase_ns %d: angle %.3f mdeg, expected %.3f", base_ns,
                      (int)pns, got, want);
        if (j > from) {
            ck_assert_msg(fabs((got - prev) - step_mdeg) <= 1.5,
                          "phase_ns %d: a 1/256-sample step moved the angle %.3f mdeg, "
                          "expected %.3f",
                          (int)pns, got - prev, step_mdeg);
        }
        prev = got;
    }
}

START_TEST(defect_fractional_delay_steps)
{
    /* 1.37 samples: voltage delay 3.63 = 3 + 0.63 (non-zero fraction). */
    sweep(1.37 * SAMPLE_NS, -3, 3);
    /* 1.5 samples: the integer tap changes within the sweep (D = 3.5). */
    sweep(1.5 * SAMPLE_NS, -3, 3);
    /* Negative correction (current sensor lags): D = 5.8. */
    sweep(-0.8 * SAMPLE_NS, -2, 2);
}
END_TEST

START_TEST(defect_per_phase_delay_lines)
{
    /* Current sensor leads of 1.37, -0.61 and 2.0 samples; L3's voltage sensor also lags
     * by 0.61 degrees, so its correction is the sum of both. */
    static const double lead_deg[3] = { 1.37 * 2.25, -0.61 * 2.25, 2.0 };
    static const double v3_lag_deg = 0.61;
    static const double phi[3] = { 60.0, 45.0, -30.0 };
    msdk_metro_calib_t cal;
    rig_default_cal(&cal);
    for (unsigned k = 0; k < 3u; k++) {
        double deg = lead_deg[k] + ((k == 2u) ? v3_lag_deg : 0.0);
        cal.phase_ns[k] = (int32_t)llround(deg / 360.0 / 50.0 * 1e9);
    }
    rig_t r;
    rig_init(&r, NULL, &cal, 50.0, 230.0, 10.0, 0.0, 0u);
    msdk_tm_afe_cfg_t a = r.afe.cfg;
    for (unsigned k = 0; k < 3u; k++) {
        r.w.ph[k].phi_deg = phi[k];
        a.phase_deg[MSDK_TM_CH_I1 + k] = lead_deg[k];
    }
    a.phase_deg[MSDK_TM_CH_V3] = -v3_lag_deg;
    rig_set_afe(&r, &a);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 2.0);
    rig_span_end(&r, &s);
    ck_assert_uint_ge(r.nsec, 2u);
    for (unsigned k = 0; k < 3u; k++) {
        double got = rig_angle_deg(&r.sec[r.nsec - 1u].ph[k]);
        ck_assert_msg(fabs(got - phi[k]) < 0.003, "L%u angle %.4f deg, expected %.1f", k + 1u, got,
                      phi[k]);
    }
    rig_check_span_energy(&r, &s, 7u, 5e-4, 5e-4, "per-phase delay");
}
END_TEST

static const double quad_freqs[] = { 47.5, 52.5, 57.0, 63.0 };

START_TEST(defect_quadrature_frequency)
{
    double f = quad_freqs[_i];
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.f_nom_hz = (f < 55.0) ? 50u : 60u;
    rig_t r;
    rig_init(&r, &cfg, NULL, f, 230.0, 10.0, 30.0, 0u);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    char what[32];
    snprintf(what, sizeof what, "%.1f Hz", f);
    /* Reactive within 0.2 % of itself (sin phi = 0.5), active within 0.05 %. */
    for (unsigned k = 0; k < 3u; k++) {
        double eq = s.ref.e_react[k] / 3600.0;
        double ep = s.ref.e_act[k] / 3600.0;
        RIG_CLOSE(r.seed, what, rig_inc(&s, k, MSDK_METRO_REG_R_Q1), eq, 2e-3, eq);
        RIG_CLOSE(r.seed, what, rig_inc(&s, k, MSDK_METRO_REG_A_IMP), ep, 5e-4, ep);
    }
}
END_TEST

/* Time at which c(t) = K (K whole cycles: a positive crossing of V1). */
static double crossing_time(const msdk_tm_wave_cfg_t *w, double k)
{
    return (-w->f0_hz + sqrt(w->f0_hz * w->f0_hz + 2.0 * w->df_dt * k)) / w->df_dt;
}

START_TEST(defect_frequency_mean_of_second)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 49.0, 230.0, 10.0, 0.0, 0u);
    r.w.df_dt = 0.5;
    rig_run(&r, 5.2);
    ck_assert_uint_ge(r.nsec, 4u);
    for (unsigned j = 1; j < r.nsec; j++) {
        /* The second's periods run from the crossing that closed the previous second to
         * the one that closed this one (frame n - 1 is the first sample >= 0). */
        double ka =
            round(msdk_tm_wave_cycles(&r.w, msdk_tm_afe_time(&r.afe, r.sec_end[j - 1u] - 1u)));
        double kb = round(msdk_tm_wave_cycles(&r.w, msdk_tm_afe_time(&r.afe, r.sec_end[j] - 1u)));
        double mean = (kb - ka) / (crossing_time(&r.w, kb) - crossing_time(&r.w, ka));
        double got = r.sec[j].freq_uhz * 1e-6;
        ck_assert_msg(fabs(got - mean) <= 0.002,
                      "second %u: %.6f Hz, mean over the second %.6f Hz (last window %.6f)", j, got,
                      mean, msdk_tm_wave_freq(&r.w, crossing_time(&r.w, kb)));
    }
}
END_TEST

Suite *metro_defects_suite(void)
{
    Suite *s = suite_create("metrology_defects");
    TCase *tc = tcase_create("defects");
    tcase_add_test(tc, defect_fractional_delay_steps);
    tcase_add_test(tc, defect_per_phase_delay_lines);
    tcase_add_loop_test(tc, defect_quadrature_frequency, 0,
                        (int)(sizeof quad_freqs / sizeof quad_freqs[0]));
    tcase_add_test(tc, defect_frequency_mean_of_second);
    suite_add_tcase(s, tc);
    return s;
}
