/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Energy registers and pulse outputs: export and the four reactive
 * quadrants, per-phase and vector netting, pulse sources, pulses against the
 * registers (count, LED width, uniform periods), no-load and starting current.
 * Reference energies come from the closed-form model over the same span.
 */
#include <check.h>

#include "metro_check.h"

Suite *metro_energy_suite(void);

/* True when a register is exactly zero (whole mWh and fraction). */
static bool reg_zero(const rig_t *r, unsigned set, msdk_metro_reg_t reg)
{
    const msdk_metro_energy_t *e = &msdk_metro_registers(&r->m)->e[set][reg];
    return (e->mwh == 0u) && (e->frac == 0u);
}

START_TEST(energy_export_to_minus_a)
{
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, 180.0, 0u);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    for (unsigned set = 0; set < MSDK_METRO_SETS; set++) {
        ck_assert_msg(reg_zero(&r, set, MSDK_METRO_REG_A_IMP), "set %u: +A counted export", set);
        ck_assert_msg(reg_zero(&r, set, MSDK_METRO_REG_S_IMP), "set %u: S import counted", set);
    }
    double tot = 0.0;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        double ref = -s.ref.e_act[k] / 3600.0;
        ck_assert(ref > 1.8);
        RIG_CLOSE(r.seed, "-A", rig_inc(&s, k, MSDK_METRO_REG_A_EXP), ref, 5e-4, ref);
        RIG_CLOSE(r.seed, "S export", rig_inc(&s, k, MSDK_METRO_REG_S_EXP),
                  sqrt(s.ref.v2t[k] * s.ref.i2t[k]) / 3600.0, 5e-4, ref);
        tot += ref;
        const msdk_metro_phase_result_t *ph = &msdk_metro_cycle(&r.m)->ph[k];
        ck_assert_uint_ne(ph->flags & MSDK_METRO_PF_REVERSED, 0u);
        ck_assert_uint_eq(ph->flags & MSDK_METRO_PF_WRONG_PHASE, 0u);
        ck_assert_int_lt(ph->p_uw, 0);
        ck_assert_int_lt(ph->pf_u, -999000);
    }
    RIG_CLOSE(r.seed, "total -A", rig_inc(&s, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP), tot,
              5e-4, tot);
}
END_TEST

/* phi 30, 150, 210, 330: Q1..Q4. */
START_TEST(energy_quadrants)
{
    static const double phis[4] = { 30.0, 150.0, 210.0, 330.0 };
    static const msdk_metro_reg_t qreg[4] = { MSDK_METRO_REG_R_Q1, MSDK_METRO_REG_R_Q2,
                                              MSDK_METRO_REG_R_Q3, MSDK_METRO_REG_R_Q4 };
    const unsigned q = (unsigned)_i;
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 10.0, phis[q], 0u);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 2.0);
    rig_span_end(&r, &s);
    bool imp = (q == 0u) || (q == 3u);
    char what[64];
    snprintf(what, sizeof what, "phi %.0f", phis[q]);
    rig_check_span_energy(&r, &s, 7u, 5e-4, 5e-4, what);
    for (unsigned set = 0; set < MSDK_METRO_SETS; set++) {
        for (unsigned x = 0; x < 4u; x++) {
            if (x != q) {
                ck_assert_msg(reg_zero(&r, set, qreg[x]), "%s: set %u counted in Q%u", what, set,
                              x + 1u);
            }
        }
        ck_assert_msg(reg_zero(&r, set, imp ? MSDK_METRO_REG_A_EXP : MSDK_METRO_REG_A_IMP),
                      "%s: set %u counted the wrong active register", what, set);
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        double ref = fabs(s.ref.e_react[k]) / 3600.0;
        RIG_CLOSE(r.seed, what, rig_inc(&s, k, qreg[q]), ref, 5e-4, ref);
        ck_assert_int_eq(msdk_metro_cycle(&r.m)->ph[k].quadrant, (msdk_metro_quadrant_t)(q + 1u));
    }
    ck_assert_int_eq(msdk_metro_cycle(&r.m)->quadrant, (msdk_metro_quadrant_t)(q + 1u));
}
END_TEST

/* L1 imports 10 A, L2 exports 10 A, L3 carries no current. */
static void netting_rig(rig_t *r, msdk_metro_netting_t net, msdk_metro_pulse_src_t src)
{
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.netting = net;
    cfg.pulse_p_src = src;
    cfg.imp_per_kwh = 10000u;
    rig_init(r, &cfg, NULL, 50.0, 230.0, 10.0, 0.0, 0u);
    r->w.ph[1].phi_deg = 180.0;
    r->w.ph[2].i_rms = 0.0;
}

/* Whole pulses the active registers of the total have earned since init. */
static double pulses_earned(const rig_t *r, msdk_metro_pulse_src_t src, uint32_t imp, bool react)
{
    double i;
    double e;
    if (!react) {
        i = rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP);
        e = rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP);
    } else {
        i = rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_R_Q1) +
            rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_R_Q2);
        e = rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_R_Q3) +
            rig_wh(r, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_R_Q4);
    }
    double wh = (src == MSDK_METRO_PULSE_IMPORT)   ? i
                : (src == MSDK_METRO_PULSE_EXPORT) ? e
                                                   : (i + e);
    return wh * (double)imp / 1000.0;
}

/* Pulses emitted against the pulses the registers earned: |count - floor(earned)| <= 1. */
static void check_pulse_count(const rig_t *r, msdk_metro_pulse_src_t src, uint32_t imp, bool react,
                              const char *what)
{
    double earned = pulses_earned(r, src, imp, react);
    uint32_t count = msdk_metro_pulses(&r->m, react);
    ck_assert_msg(fabs((double)count - floor(earned)) <= 1.0,
                  "%s: %u pulses, registers earned %.3f", what, (unsigned)count, earned);
    ck_assert_msg(r->n_on[react ? 1 : 0] == count, "%s: %u ON events, count %u", what,
                  (unsigned)r->n_on[react ? 1 : 0], (unsigned)count);
    ck_assert_msg(!r->edge_error[react ? 1 : 0], "%s: LED events do not alternate", what);
}

START_TEST(energy_netting_per_phase)
{
    rig_t r;
    netting_rig(&r, MSDK_METRO_NET_PER_PHASE, MSDK_METRO_PULSE_ABS);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    double e1 = s.ref.e_act[0] / 3600.0;
    double e2 = -s.ref.e_act[1] / 3600.0;
    ck_assert(e1 > 1.8 && e2 > 1.8);
    RIG_CLOSE(r.seed, "total +A", rig_inc(&s, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP), e1, 5e-4,
              e1);
    RIG_CLOSE(r.seed, "total -A", rig_inc(&s, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP), e2, 5e-4,
              e2);
    ck_assert(reg_zero(&r, 0u, MSDK_METRO_REG_A_EXP));
    ck_assert(reg_zero(&r, 1u, MSDK_METRO_REG_A_IMP));
    for (unsigned g = 0; g < MSDK_METRO_REG_COUNT; g++) {
        ck_assert(reg_zero(&r, 2u, (msdk_metro_reg_t)g));
    }
    /* ABS pulses: import plus export, 2 x 2300 W x 3.5 s x 10 imp/Wh = 44.7. */
    check_pulse_count(&r, MSDK_METRO_PULSE_ABS, 10000u, false, "per-phase ABS");
    ck_assert_uint_ge(msdk_metro_pulses(&r.m, false), 43u);
}
END_TEST

START_TEST(energy_netting_vector)
{
    rig_t r;
    netting_rig(&r, MSDK_METRO_NET_VECTOR, MSDK_METRO_PULSE_ABS);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 3.0);
    rig_span_end(&r, &s);
    double e1 = s.ref.e_act[0] / 3600.0;
    double e2 = -s.ref.e_act[1] / 3600.0;
    /* Net zero: the totals stay within 0.05 % of one phase's energy. */
    RIG_CLOSE(r.seed, "vector total +A", rig_inc(&s, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_IMP),
              0.0, 5e-4, e1);
    RIG_CLOSE(r.seed, "vector total -A", rig_inc(&s, MSDK_METRO_SET_TOTAL, MSDK_METRO_REG_A_EXP),
              0.0, 5e-4, e1);
    /* Phase registers unchanged by the netting mode. */
    RIG_CLOSE(r.seed, "L1 +A", rig_inc(&s, 0u, MSDK_METRO_REG_A_IMP), e1, 5e-4, e1);
    RIG_CLOSE(r.seed, "L2 -A", rig_inc(&s, 1u, MSDK_METRO_REG_A_EXP), e2, 5e-4, e2);
    /* Pulses follow the (net) registers: next to none. */
    check_pulse_count(&r, MSDK_METRO_PULSE_ABS, 10000u, false, "vector ABS");
    ck_assert_uint_le(msdk_metro_pulses(&r.m, false), 1u);
}
END_TEST

/* Pure export: IMPORT pulses never, EXPORT and ABS follow -A. */
START_TEST(energy_pulse_sources_export)
{
    static const msdk_metro_pulse_src_t srcs[3] = { MSDK_METRO_PULSE_IMPORT,
                                                    MSDK_METRO_PULSE_EXPORT, MSDK_METRO_PULSE_ABS };
    for (unsigned x = 0; x < 3u; x++) {
        msdk_metro_config_t cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.pulse_p_src = srcs[x];
        cfg.pulse_q_src = srcs[x];
        cfg.imp_per_kwh = 10000u;
        cfg.imp_per_kvarh = 10000u;
        rig_t r;
        /* phi 210: export, inductive (Q3): -R too. */
        rig_init(&r, &cfg, NULL, 50.0, 230.0, 10.0, 210.0, 0u);
        rig_run(&r, 2.0);
        char what[48];
        snprintf(what, sizeof what, "export, source %u", x);
        check_pulse_count(&r, srcs[x], 10000u, false, what);
        check_pulse_count(&r, srcs[x], 10000u, true, what);
        if (srcs[x] == MSDK_METRO_PULSE_IMPORT) {
            ck_assert_uint_eq(msdk_metro_pulses(&r.m, false), 0u);
            ck_assert_uint_eq(msdk_metro_pulses(&r.m, true), 0u);
            ck_assert_uint_eq(r.n_on[0] + r.n_on[1], 0u);
        } else {
            /* 3 x 1992 W x 2 s x 10 imp/Wh = 33 pulses; 3 x 1150 var: 19. */
            ck_assert_uint_ge(msdk_metro_pulses(&r.m, false), 30u);
            ck_assert_uint_ge(msdk_metro_pulses(&r.m, true), 16u);
        }
    }
}
END_TEST

typedef struct {
    double v;
    double i;
    double phi;
    unsigned phases; /* bit mask of loaded phases */
    uint32_t imp;
    uint32_t pulse_ms;
} pulse_case_t;

static const pulse_case_t pulse_cases[] = {
    { 230.0, 5.0, 0.0, 1u, 100000u, 10u },
    { 230.0, 10.0, 60.0, 7u, 10000u, 10u },
    /* Imax x 1.15 Un, 3 phases: 79.35 kW, 44 imp/s at 2000 imp/kWh, 22.7 ms period
     * (181.5 frames); a 20 ms pulse is cut to half the period. */
    { 264.5, 100.0, 0.0, 7u, 2000u, 20u },
};

/* Periods of one LED: ON edges after frame `from` on a least-squares grid. */
static void check_pulse_grid(const rig_t *r, unsigned x, uint64_t from, double ideal_period,
                             uint32_t pulse_frames, const char *what)
{
    unsigned n = (r->n_on[x] < RIG_MAX_EDGE) ? r->n_on[x] : RIG_MAX_EDGE;
    unsigned j0 = 0;
    while ((j0 < n) && (r->on_at[x][j0] < from)) {
        j0++;
    }
    unsigned cnt = n - j0;
    ck_assert_msg(cnt >= 10u, "%s: only %u pulses after warm-up", what, cnt);
    /* Fit on_at[j] = a + b j. */
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (unsigned j = 0; j < cnt; j++) {
        double y = (double)(r->on_at[x][j0 + j] - r->on_at[x][j0]);
        sx += j;
        sy += y;
        sxx += (double)j * j;
        sxy += (double)j * y;
    }
    double b = (cnt * sxy - sx * sy) / (cnt * sxx - sx * sx);
    double a = (sy - b * sx) / cnt;
    RIG_CLOSE(r->seed, what, b, ideal_period, 1e-3, ideal_period);
    uint64_t pmin = UINT64_MAX, pmax = 0;
    for (unsigned j = 0; j < cnt; j++) {
        double y = (double)(r->on_at[x][j0 + j] - r->on_at[x][j0]);
        ck_assert_msg(fabs(y - (a + b * j)) <= 1.0, "%s: pulse %u is %.2f frames off the grid",
                      what, j, y - (a + b * j));
        if (j > 0u) {
            uint64_t p = r->on_at[x][j0 + j] - r->on_at[x][j0 + j - 1u];
            pmin = (p < pmin) ? p : pmin;
            pmax = (p > pmax) ? p : pmax;
        }
    }
    ck_assert_msg(pmax - pmin <= 1u, "%s: periods %llu..%llu frames", what,
                  (unsigned long long)pmin, (unsigned long long)pmax);
    /* LED width: pulse_ms, at most half the period. */
    uint32_t want = pulse_frames;
    if ((double)want > b / 2.0) {
        want = (uint32_t)floor(b / 2.0);
    }
    for (unsigned j = j0; (j < n) && (j < r->n_off[x]); j++) {
        uint64_t w = r->off_at[x][j] - r->on_at[x][j];
        ck_assert_msg(w >= 1u && (double)w <= (double)pmin / 2.0,
                      "%s: pulse %u on for %llu frames, period >= %llu", what, j,
                      (unsigned long long)w, (unsigned long long)pmin);
        ck_assert_msg((w + 1u >= want) && (w <= want + 1u),
                      "%s: pulse %u on for %llu frames, expected %u", what, j,
                      (unsigned long long)w, (unsigned)want);
    }
}

START_TEST(energy_pulses_follow_registers)
{
    const pulse_case_t *c = &pulse_cases[_i];
    msdk_metro_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.imp_per_kwh = c->imp;
    cfg.imp_per_kvarh = c->imp;
    cfg.pulse_ms = c->pulse_ms;
    rig_t r;
    rig_init(&r, &cfg, NULL, 50.0, c->v, c->i, c->phi, 0u);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if ((c->phases & (1u << k)) == 0u) {
            r.w.ph[k].i_rms = 0.0;
        }
    }
    rig_run(&r, 3.5);
    char what[64];
    snprintf(what, sizeof what, "%.1f V %.0f A phi %.0f", c->v, c->i, c->phi);
    check_pulse_count(&r, MSDK_METRO_PULSE_ABS, c->imp, false, what);
    ck_assert(r.fed > 0u);
    double nph = (double)__builtin_popcount(c->phases);
    double p_w = nph * c->v * c->i * fabs(cos(c->phi * RIG_PI / 180.0));
    double q_var = nph * c->v * c->i * fabs(sin(c->phi * RIG_PI / 180.0));
    uint32_t pf = (c->pulse_ms * RIG_FS) / 1000u;
    check_pulse_grid(&r, 0u, RIG_FS, RIG_FS * 3.6e6 / (p_w * c->imp), pf, what);
    if (q_var > 0.0) {
        check_pulse_count(&r, MSDK_METRO_PULSE_ABS, c->imp, true, what);
        check_pulse_grid(&r, 1u, RIG_FS, RIG_FS * 3.6e6 / (q_var * c->imp), pf, what);
    }
}
END_TEST

/* No load at 1.15 Un with AFE noise and crosstalk: nothing counts for 60 s. */
START_TEST(energy_no_load)
{
    const uint64_t seed = 0x4E4F4C4F4144ull;
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 264.5, 0.0, 0.0, seed);
    msdk_tm_afe_cfg_t a = r.afe.cfg;
    a.noise_codes = 30.0;
    a.xtalk_v_to_i = 1e-5;
    rig_set_afe(&r, &a);
    rig_run(&r, 60.0);
    for (unsigned set = 0; set < MSDK_METRO_SETS; set++) {
        for (unsigned g = 0; g < MSDK_METRO_REG_COUNT; g++) {
            ck_assert_msg(reg_zero(&r, set, (msdk_metro_reg_t)g),
                          "no load: register %u of set %u moved (%.9f Wh), seed %llu", g, set,
                          rig_wh(&r, set, (msdk_metro_reg_t)g), (unsigned long long)seed);
        }
    }
    ck_assert_msg(msdk_metro_pulses(&r.m, false) == 0u && msdk_metro_pulses(&r.m, true) == 0u &&
                      r.n_on[0] == 0u && r.n_on[1] == 0u,
                  "no load: pulses, seed %llu", (unsigned long long)seed);
    for (unsigned w = 0; w < r.nwin; w++) {
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            RIG_TRUE((r.win_pflags[w][k] & MSDK_METRO_PF_ACTIVE) == 0u,
                     "no load: L%u active in window %u, seed %llu", k + 1u, w,
                     (unsigned long long)seed);
        }
    }
    ck_assert_uint_ge(r.nwin, 2900u);
    rig_check_contiguous(&r);
}
END_TEST

/* Starting current 20 mA, PF 1, 230 V, with AFE noise: energy within 10 %. */
START_TEST(energy_start)
{
    const uint64_t seed = 0x5354415254ull;
    rig_t r;
    rig_init(&r, NULL, NULL, 50.0, 230.0, 0.020, 0.0, seed);
    msdk_tm_afe_cfg_t a = r.afe.cfg;
    a.noise_codes = 30.0;
    rig_set_afe(&r, &a);
    rig_run(&r, 0.5);
    rig_span_t s;
    rig_span_begin(&r, &s);
    rig_run(&r, 10.0);
    rig_span_end(&r, &s);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        double ref = s.ref.e_act[k] / 3600.0; /* 12.8 mWh */
        char what[48];
        snprintf(what, sizeof what, "start: L%u +A", k + 1u);
        RIG_CLOSE(seed, what, rig_inc(&s, k, MSDK_METRO_REG_A_IMP), ref, 0.10, ref);
        ck_assert_uint_ne(msdk_metro_cycle(&r.m)->ph[k].flags & MSDK_METRO_PF_ACTIVE, 0u);
    }
}
END_TEST

Suite *metro_energy_suite(void)
{
    Suite *s = suite_create("metrology_energy");
    TCase *tc = tcase_create("energy");
    tcase_add_test(tc, energy_export_to_minus_a);
    tcase_add_loop_test(tc, energy_quadrants, 0, 4);
    tcase_add_test(tc, energy_netting_per_phase);
    tcase_add_test(tc, energy_netting_vector);
    tcase_add_test(tc, energy_pulse_sources_export);
    tcase_add_loop_test(tc, energy_pulses_follow_registers, 0,
                        (int)(sizeof pulse_cases / sizeof pulse_cases[0]));
    tcase_add_test(tc, energy_no_load);
    tcase_add_test(tc, energy_start);
    suite_add_tcase(s, tc);
    return s;
}
