/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.ma304h4_quality: the MA304H4's power quality supervision
 * (examples/ma304h4/src/quality.c) alone, its events caught by a recording sink.
 *
 * Every expectation is worked out from the documented rules (quality.h, the brief's
 * defaults: Un 230 V, missing < 115 V, under < 207 V, over > 253 V, 1 % = 2.3 V of
 * hysteresis, 60 s; sequence +-30 deg for 10 s; neutral > 46 V / < 23 V for 10 s): which
 * second an event falls on is counted by hand from the scenario. The phasor sum is checked
 * against a double-precision model, and the floating-neutral voltages are made by that
 * model (each source phase voltage minus a common offset, so the sum is three times the
 * offset). The missing neutral's rule (the source given back as Ek = Vk - (V1 + V2 + V3) / 3,
 * every |Ek| within 207..253 V) is checked on cases worked out by hand and against a
 * double-precision model of the rule. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <check.h>

#include "quality.h"

Suite *quality_suite(void);

/* ---- The sink and the simulated seconds ------------------------------------------------- */

typedef struct {
    msdk_evlog_kind_t kind;
    uint8_t phase;
    uint32_t at; /* the metrology second it came in */
} rec_t;

static rec_t got[64];
static unsigned ngot;
static int ctx_marker;
static ma304h4_quality_t q;
static msdk_metro_result_t res;
static uint32_t seq; /* seconds fed so far */

static void sink(void *ctx, msdk_evlog_kind_t kind, uint8_t phase)
{
    ck_assert_ptr_eq(ctx, &ctx_marker);
    ck_assert_uint_lt(ngot, sizeof got / sizeof got[0]);
    got[ngot].kind = kind;
    got[ngot].phase = phase;
    got[ngot].at = seq;
    ngot++;
}

/* Volts in mV on the three phases, normal sequence (L2 120, L3 240 deg behind L1). */
static void volts(uint32_t v1_mv, uint32_t v2_mv, uint32_t v3_mv)
{
    res.ph[0].v_uv = v1_mv * 1000u;
    res.ph[1].v_uv = v2_mv * 1000u;
    res.ph[2].v_uv = v3_mv * 1000u;
}

static void angles(uint32_t a2_mdeg, uint32_t a3_mdeg)
{
    res.ph[0].v_angle_mdeg = 0u;
    res.ph[1].v_angle_mdeg = a2_mdeg;
    res.ph[2].v_angle_mdeg = a3_mdeg;
}

/* n more seconds of the current grid. */
static void run(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        seq++;
        ma304h4_quality_second(&q, &res, seq);
    }
}

/* The voltage and sequence tests move one phase's voltage or angle, which unbalances the
 * phasor sum (a phase's angle moved can look like a floating neutral): they run with the
 * missing neutral out of reach (400 % of Un); the neutral tests and the interplay use the
 * defaults. */
static ma304h4_quality_config_t no_neutral;

static void setup_with(const ma304h4_quality_config_t *cfg)
{
    memset(&res, 0, sizeof res);
    memset(got, 0, sizeof got);
    ngot = 0u;
    seq = 0u;
    volts(230000u, 230000u, 230000u);
    angles(120000u, 240000u);
    ma304h4_quality_init(&q, cfg, sink, &ctx_marker);
    run(10u); /* a normal grid: nothing */
    ck_assert_uint_eq(ngot, 0u);
}

static void setup(void)
{
    setup_with(&ma304h4_quality_defaults);
}

static void setup_no_neutral(void)
{
    no_neutral = ma304h4_quality_defaults;
    no_neutral.neutral_on_pct = 400u;
    setup_with(&no_neutral);
}

static void check_event(unsigned i, msdk_evlog_kind_t kind, uint8_t phase, uint32_t at)
{
    ck_assert_uint_gt(ngot, i);
    ck_assert_int_eq(got[i].kind, kind);
    ck_assert_uint_eq(got[i].phase, phase);
    ck_assert_uint_eq(got[i].at, at);
}

/* ---- Voltage events ---------------------------------------------------------------------- */

START_TEST(defaults_are_the_documented_ones)
{
    const ma304h4_quality_config_t *c = &ma304h4_quality_defaults;
    ck_assert_uint_eq(c->u_nom_mv, 230000u);
    ck_assert_uint_eq(c->missing_pct, 50u);
    ck_assert_uint_eq(c->under_pct, 90u);
    ck_assert_uint_eq(c->over_pct, 110u);
    ck_assert_uint_eq(c->hyst_pct, 1u);
    ck_assert_uint_eq(c->voltage_s, 60u);
    ck_assert_uint_eq(c->seq_tol_mdeg, 30000u);
    ck_assert_uint_eq(c->seq_s, 10u);
    ck_assert_uint_eq(c->neutral_on_pct, 20u);
    ck_assert_uint_eq(c->neutral_off_pct, 10u);
    ck_assert_uint_eq(c->neutral_s, 10u);
}
END_TEST

START_TEST(undervoltage_after_60_s_not_59_then_normal_after_60_s)
{
    volts(190000u, 230000u, 230000u); /* from second 11 */
    run(59u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u); /* second 70: the 60th */
    ck_assert_uint_eq(ngot, 1u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 1u, 70u);
    run(500u); /* one event at the start only */
    ck_assert_uint_eq(ngot, 1u);
    volts(230000u, 230000u, 230000u); /* from second 571 */
    run(59u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    ck_assert_uint_eq(ngot, 2u);
    check_event(1, MSDK_EVK_VOLTAGE_NORMAL, 1u, 630u);
    run(500u);
    ck_assert_uint_eq(ngot, 2u);
}
END_TEST

START_TEST(an_interruption_restarts_the_time)
{
    volts(230000u, 200000u, 230000u);
    run(59u);
    volts(230000u, 230000u, 230000u); /* one normal second */
    run(1u);
    volts(230000u, 200000u, 230000u); /* from second 71 */
    run(59u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 2u, 130u);
}
END_TEST

START_TEST(limits_are_strict)
{
    /* Exactly 207 V and exactly 253 V are inside. */
    volts(207000u, 253000u, 230000u);
    run(300u);
    ck_assert_uint_eq(ngot, 0u);
    /* 1 mV beyond: both, at the same 60th second (second 370), L1 first. */
    volts(206999u, 253001u, 230000u);
    run(60u);
    ck_assert_uint_eq(ngot, 2u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 1u, 370u);
    check_event(1, MSDK_EVK_OVERVOLTAGE, 2u, 370u);
    /* Exactly 115 V is not missing (it is below 207 V: already undervoltage). */
    volts(115000u, 230000u, 230000u);
    run(300u);
    ck_assert_uint_eq(ngot, 3u); /* L2 back to normal */
    check_event(2, MSDK_EVK_VOLTAGE_NORMAL, 2u, 430u);
    volts(114999u, 230000u, 230000u); /* from second 671 */
    run(60u);
    ck_assert_uint_eq(ngot, 4u);
    check_event(3, MSDK_EVK_MISSING_VOLTAGE, 1u, 730u);
}
END_TEST

START_TEST(undervoltage_hysteresis)
{
    volts(200000u, 230000u, 230000u);
    run(60u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 1u, 70u);
    /* Inside 90 % but not 91 % (209.3 V): still undervoltage. */
    volts(208000u, 230000u, 230000u);
    run(300u);
    volts(209299u, 230000u, 230000u);
    run(300u);
    ck_assert_uint_eq(ngot, 1u);
    /* Sitting on the 207 V limit, up and down every second: no chatter. */
    for (uint32_t i = 0; i < 300u; i++) {
        volts(((i % 2u) == 0u) ? 206500u : 207500u, 230000u, 230000u);
        run(1u);
    }
    ck_assert_uint_eq(ngot, 1u);
    /* 209.3 V is at 91 %: back to normal after 60 s (seconds 971..1030). */
    volts(209300u, 230000u, 230000u);
    run(59u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, MSDK_EVK_VOLTAGE_NORMAL, 1u, 1030u);
    /* Normal again: 208 V is inside 90 %, nothing (the hysteresis is for leaving). */
    volts(208000u, 230000u, 230000u);
    run(300u);
    ck_assert_uint_eq(ngot, 2u);
    /* Up and down on 207 V while normal: never 60 s in a row below it. */
    for (uint32_t i = 0; i < 300u; i++) {
        volts(((i % 2u) == 0u) ? 206500u : 207500u, 230000u, 230000u);
        run(1u);
    }
    ck_assert_uint_eq(ngot, 2u);
}
END_TEST

/* L3 at `start_mv`: `first` at second 70; then 300 s at `still1_mv` and 300 s at
 * `still2_mv`, both still inside the hysteresis: nothing; then `back_mv`: `back` after
 * 60 s (seconds 671..730), not at 59. */
static void l3_leaves(uint32_t start_mv, msdk_evlog_kind_t first, uint32_t still1_mv,
                      uint32_t still2_mv, uint32_t back_mv, msdk_evlog_kind_t back)
{
    volts(230000u, 230000u, start_mv);
    run(60u);
    check_event(0, first, 3u, 70u);
    volts(230000u, 230000u, still1_mv);
    run(300u);
    volts(230000u, 230000u, still2_mv);
    run(300u);
    ck_assert_uint_eq(ngot, 1u);
    volts(230000u, 230000u, back_mv);
    run(59u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, back, 3u, 730u);
}

START_TEST(overvoltage_hysteresis)
{
    /* 251 V and 250.701 V are above 109 % (250.7 V): still overvoltage; 250.7 V: normal. */
    l3_leaves(260000u, MSDK_EVK_OVERVOLTAGE, 251000u, 250701u, 250700u, MSDK_EVK_VOLTAGE_NORMAL);
    /* 252 V is inside 110 % again: nothing. */
    volts(230000u, 230000u, 252000u);
    run(300u);
    ck_assert_uint_eq(ngot, 2u);
}
END_TEST

START_TEST(over_to_under_and_back_directly)
{
    volts(260000u, 230000u, 230000u);
    run(60u);
    check_event(0, MSDK_EVK_OVERVOLTAGE, 1u, 70u);
    volts(200000u, 230000u, 230000u); /* from second 71 */
    run(59u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, MSDK_EVK_UNDERVOLTAGE, 1u, 130u);
    volts(260000u, 230000u, 230000u); /* from second 131 */
    run(59u);
    ck_assert_uint_eq(ngot, 2u);
    run(1u);
    check_event(2, MSDK_EVK_OVERVOLTAGE, 1u, 190u);
    ck_assert_uint_eq(ngot, 3u);
}
END_TEST

START_TEST(missing_voltage_takes_precedence)
{
    volts(230000u, 0u, 230000u);
    run(59u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    ck_assert_uint_eq(ngot, 1u); /* missing voltage, not also undervoltage */
    check_event(0, MSDK_EVK_MISSING_VOLTAGE, 2u, 70u);
    run(600u);
    ck_assert_uint_eq(ngot, 1u);
    volts(230000u, 230000u, 230000u); /* from second 671 */
    run(60u);
    ck_assert_uint_eq(ngot, 2u);
    check_event(1, MSDK_EVK_VOLTAGE_NORMAL, 2u, 730u);
}
END_TEST

START_TEST(missing_then_partly_back_is_undervoltage)
{
    /* 116 V and 117.299 V are below 51 % (117.3 V): still missing; 150 V: undervoltage. */
    l3_leaves(0u, MSDK_EVK_MISSING_VOLTAGE, 116000u, 117299u, 150000u, MSDK_EVK_UNDERVOLTAGE);
    /* Then down to 0 V again: missing after 60 s (seconds 731..790). */
    volts(230000u, 230000u, 0u);
    run(60u);
    check_event(2, MSDK_EVK_MISSING_VOLTAGE, 3u, 790u);
    ck_assert_uint_eq(ngot, 3u);
}
END_TEST

START_TEST(below_90_pct_counts_missing_seconds)
{
    /* 30 s at 200 V, then 0 V: below 207 V for 60 s at second 70 (undervoltage), below
     * 115 V for 60 s at second 100 (missing). */
    volts(200000u, 230000u, 230000u);
    run(30u);
    volts(0u, 230000u, 230000u);
    run(29u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 1u, 70u);
    run(29u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, MSDK_EVK_MISSING_VOLTAGE, 1u, 100u);
    /* Now 30 s at 0 V then 200 V on L2: undervoltage at its 60th second below 207 V. */
    volts(0u, 0u, 230000u); /* L2 from second 101 */
    run(30u);
    volts(0u, 200000u, 230000u);
    run(29u);
    ck_assert_uint_eq(ngot, 2u);
    run(1u);
    check_event(2, MSDK_EVK_UNDERVOLTAGE, 2u, 160u);
    run(300u);
    ck_assert_uint_eq(ngot, 3u);
}
END_TEST

START_TEST(seconds_missed_and_repeated)
{
    /* The same second again, or second 0, changes nothing, whatever it holds (here a normal
     * L1, which would restart the time). */
    msdk_metro_result_t normal = res;
    volts(200000u, 230000u, 230000u);
    for (uint32_t i = 0; i < 59u; i++) {
        seq++;
        ma304h4_quality_second(&q, &res, seq);
        ma304h4_quality_second(&q, &normal, seq);
        ma304h4_quality_second(&q, &normal, 0u);
    }
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 1u, 70u);
    /* Every other second seen: the gaps count. L2 at 200 V from second 72: held 1 s there,
     * 1 + 2k s at second 72 + 2k; 59 s at 130, 61 s at 132. */
    volts(200000u, 200000u, 230000u);
    seq = 70u;
    for (uint32_t s = 72u; s <= 130u; s += 2u) {
        seq = s;
        ma304h4_quality_second(&q, &res, s);
    }
    ck_assert_uint_eq(ngot, 1u);
    seq = 132u;
    ma304h4_quality_second(&q, &res, 132u);
    check_event(1, MSDK_EVK_UNDERVOLTAGE, 2u, 132u);
}
END_TEST

START_TEST(nothing_before_a_second)
{
    ma304h4_quality_init(&q, NULL, sink, &ctx_marker); /* NULL: the defaults */
    volts(0u, 0u, 0u);
    for (uint32_t i = 0; i < 200u; i++) {
        ma304h4_quality_second(&q, &res, 0u);
    }
    ck_assert_uint_eq(ngot, 0u);
    /* And without a sink nothing breaks. */
    ma304h4_quality_init(&q, NULL, NULL, NULL);
    run(100u);
    ck_assert_uint_eq(ngot, 0u);
}
END_TEST

/* ---- Phase sequence ----------------------------------------------------------------------- */

START_TEST(sequence_reversal_after_10_s_once)
{
    angles(240000u, 120000u);
    run(9u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u); /* second 20 */
    check_event(0, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u, 20u);
    run(300u);
    ck_assert_uint_eq(ngot, 1u);
    /* Correct for 9 s only: the next reversal is the same one. */
    angles(120000u, 240000u);
    run(9u);
    angles(240000u, 120000u);
    run(100u);
    ck_assert_uint_eq(ngot, 1u);
    /* Correct for 10 s, then reversed again: a new event at its 10th second. */
    angles(120000u, 240000u);
    run(10u);
    angles(240000u, 120000u);
    run(9u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u, 449u);
}
END_TEST

START_TEST(sequence_tolerance)
{
    /* 30 deg off each ideal angle is still reversed (270 and 90 deg; 210 and 150 deg). */
    angles(270000u, 90000u);
    run(10u);
    check_event(0, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u, 20u);
    /* Correct at the far ends of the tolerance (L2 150, L3 210 deg) for 10 s ends the
     * reversal; reversed at the other ends (L2 210, L3 150 deg) for 10 s is a new one. */
    angles(150000u, 210000u);
    run(10u);
    angles(210000u, 150000u);
    run(10u);
    check_event(1, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u, 40u);
    /* 30.001 deg off: neither reversed nor correct, nothing counts. */
    angles(120000u, 240000u);
    run(10u);
    angles(270001u, 120000u);
    run(100u);
    angles(240000u, 89999u);
    run(100u);
    ck_assert_uint_eq(ngot, 2u);
    /* The angle wraps around 0: 359.9 deg is 0.1 deg from 0, not a reversed L2. */
    angles(359900u, 120000u);
    run(100u);
    ck_assert_uint_eq(ngot, 2u);
}
END_TEST

START_TEST(sequence_needs_three_voltages)
{
    angles(240000u, 120000u);
    volts(230000u, 114999u, 230000u); /* L2 below the missing level */
    run(40u);
    ck_assert_uint_eq(ngot, 0u);
    volts(230000u, 115000u, 230000u); /* at the missing level counts as present */
    run(10u);
    check_event(0, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, 0u, 60u);
    ck_assert_uint_eq(ngot, 1u); /* L2 below 207 V for 50 s only */
}
END_TEST

/* ---- Missing neutral ------------------------------------------------------------------------ */

#define PI 3.14159265358979323846

/* A source of e1, e2, e3 volts (L2 120, L3 240 deg behind L1) with a floating neutral at
 * offset `vn` volts, `deg` ahead of L1: the measured voltages Ek - Vn, their angles behind the
 * measured L1 (to the uV and mdeg, as the metrology gives them). Their phasor sum is
 * E1 + E2 + E3 - 3 Vn. */
static void floating_source(double e1, double e2, double e3, double vn, double deg)
{
    const double e[3] = { e1, e2, e3 };
    double vx[3];
    double vy[3];
    for (int k = 0; k < 3; k++) {
        double a = -120.0 * k * PI / 180.0;
        vx[k] = e[k] * cos(a) - vn * cos(deg * PI / 180.0);
        vy[k] = e[k] * sin(a) - vn * sin(deg * PI / 180.0);
    }
    double a1 = atan2(vy[0], vx[0]);
    for (int k = 0; k < 3; k++) {
        double behind = (a1 - atan2(vy[k], vx[k])) * 180.0 / PI;
        while (behind < 0.0) {
            behind += 360.0;
        }
        while (behind >= 360.0) {
            behind -= 360.0;
        }
        res.ph[k].v_uv = (uint32_t)lround(sqrt(vx[k] * vx[k] + vy[k] * vy[k]) * 1e6);
        res.ph[k].v_angle_mdeg = (uint32_t)lround(behind * 1000.0) % 360000u;
    }
}

/* The three 230 V phases with a floating neutral. */
static void floating_neutral(double vn, double deg)
{
    floating_source(230.0, 230.0, 230.0, vn, deg);
}

/* The model of the rule, in volts, from the inputs as the meter has them (uV, mdeg behind L1):
 * the phasor sum S and the source given back, |Vk - S / 3|. */
typedef struct {
    double sum;  /* |V1 + V2 + V3| */
    double e[3]; /* |Ek| */
    double vmin; /* the lowest measured voltage */
} model_t;

static model_t model_rule(const msdk_metro_result_t *r)
{
    model_t m;
    double x[3];
    double y[3];
    double sx = 0.0;
    double sy = 0.0;
    m.vmin = 1e9;
    for (int k = 0; k < 3; k++) {
        double v = r->ph[k].v_uv / 1e6;
        double a = r->ph[k].v_angle_mdeg / 1000.0 * PI / 180.0;
        x[k] = v * cos(a);
        y[k] = -v * sin(a);
        sx += x[k];
        sy += y[k];
        m.vmin = (v < m.vmin) ? v : m.vmin;
    }
    m.sum = sqrt(sx * sx + sy * sy);
    for (int k = 0; k < 3; k++) {
        double ex = x[k] - sx / 3.0;
        double ey = y[k] - sy / 3.0;
        m.e[k] = sqrt(ex * ex + ey * ey);
    }
    return m;
}

/* A fresh supervision (defaults) given the current `res` for 10 s: whether it logged a missing
 * neutral (and nothing else: 10 s is short of every voltage event). */
static bool neutral_after_10_s(void)
{
    ngot = 0u;
    seq = 0u;
    ma304h4_quality_init(&q, NULL, sink, &ctx_marker);
    run(10u);
    ck_assert_uint_le(ngot, 1u);
    if (ngot == 0u) {
        return false;
    }
    check_event(0, MSDK_EVK_MISSING_NEUTRAL, 0u, 10u);
    return true;
}

START_TEST(missing_neutral_on_and_cleared)
{
    /* Offset 16 V: sum 48 V > 46 V; every phase stays within 207..253 V (214 V, 238.4 V). */
    floating_neutral(16.0, 0.0);
    ck_assert_uint_gt(res.ph[0].v_uv, 207000000u);
    ck_assert_uint_lt(res.ph[1].v_uv, 253000000u);
    run(9u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    check_event(0, MSDK_EVK_MISSING_NEUTRAL, 0u, 20u);
    run(40u);
    ck_assert_uint_eq(ngot, 1u);
    /* 15 V (sum 45 V): between the limits, neither on nor cleared. */
    floating_neutral(15.0, 200.0);
    run(40u);
    /* 7 V (sum 21 V < 23 V) for 9 s only: not cleared, the next offset is the same event. */
    floating_neutral(7.0, 45.0);
    run(9u);
    floating_neutral(16.0, 0.0);
    run(40u);
    ck_assert_uint_eq(ngot, 1u);
    /* 7 V for 10 s: cleared; 16 V again: a new event at its 10th second. */
    floating_neutral(7.0, 300.0);
    run(10u);
    floating_neutral(20.0, 100.0);
    run(9u);
    ck_assert_uint_eq(ngot, 1u);
    run(1u);
    check_event(1, MSDK_EVK_MISSING_NEUTRAL, 0u, 169u);
    ck_assert_uint_eq(ngot, 2u);
}
END_TEST

START_TEST(missing_neutral_limits)
{
    /* Sums of 45.8 V and 46.2 V: only the second is above 46 V. */
    floating_neutral(45.8 / 3.0, 10.0);
    run(100u);
    ck_assert_uint_eq(ngot, 0u);
    floating_neutral(46.2 / 3.0, 10.0);
    run(10u);
    check_event(0, MSDK_EVK_MISSING_NEUTRAL, 0u, 120u);
    /* 23.2 V is not below 23 V; 22.8 V is. */
    floating_neutral(23.2 / 3.0, 10.0);
    run(100u);
    floating_neutral(46.2 / 3.0, 10.0);
    run(100u);
    ck_assert_uint_eq(ngot, 1u);
    floating_neutral(22.8 / 3.0, 10.0);
    run(10u);
    floating_neutral(46.2 / 3.0, 10.0);
    run(10u);
    check_event(1, MSDK_EVK_MISSING_NEUTRAL, 0u, 340u);
}
END_TEST

/* L2 alone at `mv`, then L3 alone (the others at 230 V): no missing neutral either way. */
static void not_neutral_on_l2_l3(uint32_t mv)
{
    volts(230000u, mv, 230000u);
    ck_assert(!neutral_after_10_s());
    volts(230000u, 230000u, mv);
    ck_assert(!neutral_after_10_s());
}

/* L1 at `first_mv` (the others at 230 V): one `kind` event on L1 at the 60th second (70),
 * none before; then L1 at `big_mv`, whose sum with the others is 70 V (above 46 V) but whose
 * source given back is out of the band: nothing more for 10 minutes; the same on L2, L3. */
static void one_phase_only(uint32_t first_mv, msdk_evlog_kind_t kind, uint32_t big_mv)
{
    volts(first_mv, 230000u, 230000u);
    run(59u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    ck_assert_uint_eq(ngot, 1u);
    check_event(0, kind, 1u, 70u);
    volts(big_mv, 230000u, 230000u);
    ck_assert_uint_gt(ma304h4_quality_phasor_sum_mv(&res), 69900u);
    ck_assert_uint_lt(ma304h4_quality_phasor_sum_mv(&res), 70100u);
    run(600u);
    ck_assert_uint_eq(ngot, 1u);
    not_neutral_on_l2_l3(big_mv);
}

START_TEST(single_phase_sag_is_not_missing_neutral)
{
    /* L1 at 160 V: the sum is 70 V, above 46 V, but the source given back has L1 at
     * 160 + 70 / 3 = 183.3 V (below 207 V): undervoltage only. */
    one_phase_only(160000u, MSDK_EVK_UNDERVOLTAGE, 160000u);
}
END_TEST

START_TEST(single_phase_swell_is_not_missing_neutral)
{
    /* L1 at 265 V: the sum is 35 V (below 46 V) and L1 given back at 265 - 35 / 3 = 253.3 V:
     * overvoltage only. At 300 V the sum is 70 V, but L1 given back at 300 - 70 / 3 =
     * 276.7 V (above 253 V): still no missing neutral. */
    one_phase_only(265000u, MSDK_EVK_OVERVOLTAGE, 300000u);
}
END_TEST

START_TEST(two_phase_sag_is_not_missing_neutral)
{
    /* L2 and L3 at 180 V: the sum is 50 V (L1 230 V against 180 V), L2 and L3 given back at
     * |180 V at -120 deg - 50 / 3 V at 0 deg| = sqrt(106.67^2 + 155.88^2) = 188.9 V: no
     * missing neutral; undervoltage on L2 and L3 at second 70. */
    volts(230000u, 180000u, 180000u);
    ck_assert_uint_gt(ma304h4_quality_phasor_sum_mv(&res), 49900u);
    run(60u);
    ck_assert_uint_eq(ngot, 2u);
    check_event(0, MSDK_EVK_UNDERVOLTAGE, 2u, 70u);
    check_event(1, MSDK_EVK_UNDERVOLTAGE, 3u, 70u);
    /* At 160 V: sum 70 V, L1 given back at 230 - 70 / 3 = 206.7 V, L2 and L3 at 172.9 V. */
    volts(230000u, 160000u, 160000u);
    run(600u);
    ck_assert_uint_eq(ngot, 2u);
    volts(160000u, 160000u, 230000u);
    ck_assert(!neutral_after_10_s());
    volts(160000u, 230000u, 160000u);
    ck_assert(!neutral_after_10_s());
}
END_TEST

START_TEST(floating_neutral_any_direction_and_size)
{
    /* A balanced 230 V source gives itself back whatever the offset: every offset whose sum is
     * above 46 V and that leaves the three voltages at or above 115 V is a missing neutral,
     * at its 10th second. 90 V is the largest offset here: the lowest phase is 140 V. */
    static const double vn[] = { 15.5, 16.0, 20.0, 30.0, 50.0, 70.0, 90.0 };
    static const double deg[] = { 0.0,   17.0,  30.0,  60.0,  90.0,  135.0,
                                  180.0, 200.0, 240.0, 270.0, 300.0, 359.5 };
    for (unsigned i = 0; i < sizeof vn / sizeof vn[0]; i++) {
        for (unsigned j = 0; j < sizeof deg / sizeof deg[0]; j++) {
            floating_neutral(vn[i], deg[j]);
            model_t m = model_rule(&res);
            ck_assert(m.sum > 46.1);
            ck_assert(m.vmin > 115.0);
            ngot = 0u;
            seq = 0u;
            ma304h4_quality_init(&q, NULL, sink, &ctx_marker);
            run(9u);
            ck_assert_msg(ngot == 0u, "offset %.1f V at %.1f deg: early", vn[i], deg[j]);
            run(1u);
            ck_assert_msg(ngot == 1u, "offset %.1f V at %.1f deg: no event", vn[i], deg[j]);
            check_event(0, MSDK_EVK_MISSING_NEUTRAL, 0u, 10u);
        }
    }
    /* 100 V at 0 deg puts L1 at 130 V, 120 V at 0 deg at 110 V: only the first is present. */
    floating_neutral(100.0, 0.0);
    ck_assert(neutral_after_10_s());
    floating_neutral(120.0, 0.0);
    ck_assert(!neutral_after_10_s());
}
END_TEST

START_TEST(floating_neutral_source_band)
{
    /* A 20 V offset (sum 60 V) on a balanced source that is 12 % low (202.4 V) or 12 % high
     * (257.6 V): the source given back is outside 207..253 V, no missing neutral. */
    floating_source(202.4, 202.4, 202.4, 20.0, 0.0);
    ck_assert(!neutral_after_10_s());
    floating_source(202.4, 202.4, 202.4, 20.0, 150.0);
    ck_assert(!neutral_after_10_s());
    floating_source(257.6, 257.6, 257.6, 20.0, 250.0);
    ck_assert(!neutral_after_10_s());
    /* The band's edges, 0.1 V either side (the phasors are within a few tens of mV). */
    floating_source(207.1, 207.1, 207.1, 20.0, 40.0);
    ck_assert(neutral_after_10_s());
    floating_source(206.9, 206.9, 206.9, 20.0, 40.0);
    ck_assert(!neutral_after_10_s());
    floating_source(252.9, 252.9, 252.9, 20.0, 220.0);
    ck_assert(neutral_after_10_s());
    floating_source(253.1, 253.1, 253.1, 20.0, 220.0);
    ck_assert(!neutral_after_10_s());
    /* One source phase out of the band is enough, when far enough out: the source is given
     * back less its own mean, which moves one phase moved by x by 2 x / 3 only. A 30 V offset
     * on 230, 230, 190 V gives back L3 at 190 + 40 / 3 = 203.3 V; on 270, 230, 230 V L1 at
     * 270 - 40 / 3 = 256.7 V; on 230, 230, 200 V L3 at 210 V, a missing neutral. */
    floating_source(230.0, 230.0, 190.0, 30.0, 100.0);
    model_t m = model_rule(&res);
    ck_assert(m.sum > 46.1);
    ck_assert(fabs(m.e[2] - 203.33) < 0.01);
    ck_assert(!neutral_after_10_s());
    floating_source(270.0, 230.0, 230.0, 30.0, 100.0);
    m = model_rule(&res);
    ck_assert(m.sum > 46.1);
    ck_assert(fabs(m.e[0] - 256.67) < 0.01);
    ck_assert(!neutral_after_10_s());
    floating_source(230.0, 230.0, 200.0, 30.0, 100.0);
    m = model_rule(&res);
    ck_assert(m.sum > 46.1);
    ck_assert(fabs(m.e[2] - 210.0) < 0.01);
    ck_assert(neutral_after_10_s());
    /* A source inside the band but not balanced, shifted: a missing neutral. L1 260 V, L2
     * 200 V, L3 230 V (the header's example) gives back about 245.2, 215.2 and 230.7 V, sum
     * 52.0 V. */
    volts(260000u, 200000u, 230000u);
    angles(120000u, 240000u);
    m = model_rule(&res);
    ck_assert(fabs(m.sum - 51.96) < 0.01);
    ck_assert(fabs(m.e[0] - 245.15) < 0.01);
    ck_assert(fabs(m.e[1] - 215.17) < 0.01);
    ck_assert(fabs(m.e[2] - 230.65) < 0.01);
    ck_assert(neutral_after_10_s());
}
END_TEST

START_TEST(missing_neutral_matches_a_model)
{
    /* Pseudo-random sources (each phase 190..270 V, its angle up to 10 deg off) and offsets
     * (0..100 V, any direction): a missing neutral after 10 s exactly when the model of the
     * rule says so, the cases within 0.1 V of a limit left out. */
    uint32_t lcg = 2024u;
    unsigned yes = 0u;
    unsigned no = 0u;
    for (int i = 0; i < 4000; i++) {
        double e[3];
        double ea[3];
        for (int k = 0; k < 3; k++) {
            lcg = lcg * 1664525u + 1013904223u;
            e[k] = 190.0 + (lcg % 80001u) / 1000.0;
            lcg = lcg * 1664525u + 1013904223u;
            ea[k] = -120.0 * k + ((double)(lcg % 20001u) - 10000.0) / 1000.0;
        }
        lcg = lcg * 1664525u + 1013904223u;
        double vn = (lcg % 100001u) / 1000.0;
        lcg = lcg * 1664525u + 1013904223u;
        double deg = (lcg % 360000u) / 1000.0;
        /* The measured voltages, as floating_source() does, with the source's own angles. */
        double vx[3];
        double vy[3];
        for (int k = 0; k < 3; k++) {
            vx[k] = e[k] * cos(ea[k] * PI / 180.0) - vn * cos(deg * PI / 180.0);
            vy[k] = e[k] * sin(ea[k] * PI / 180.0) - vn * sin(deg * PI / 180.0);
        }
        double a1 = atan2(vy[0], vx[0]);
        for (int k = 0; k < 3; k++) {
            double behind = fmod((a1 - atan2(vy[k], vx[k])) * 180.0 / PI + 720.0, 360.0);
            res.ph[k].v_uv = (uint32_t)lround(sqrt(vx[k] * vx[k] + vy[k] * vy[k]) * 1e6);
            res.ph[k].v_angle_mdeg = (uint32_t)lround(behind * 1000.0) % 360000u;
        }
        model_t m = model_rule(&res);
        bool near = (fabs(m.sum - 46.0) < 0.1) || (fabs(m.vmin - 115.0) < 0.1);
        bool band = true;
        for (int k = 0; k < 3; k++) {
            near = near || (fabs(m.e[k] - 207.0) < 0.1) || (fabs(m.e[k] - 253.0) < 0.1);
            band = band && (m.e[k] >= 207.0) && (m.e[k] <= 253.0);
        }
        if (near) {
            continue;
        }
        bool want = (m.vmin >= 115.0) && (m.sum > 46.0) && band;
        bool have = neutral_after_10_s();
        ck_assert_msg(have == want, "case %d: %s, model %s (sum %.3f V, E %.3f %.3f %.3f V)", i,
                      have ? "missing neutral" : "none", want ? "missing neutral" : "none", m.sum,
                      m.e[0], m.e[1], m.e[2]);
        if (want) {
            yes++;
        } else {
            no++;
        }
    }
    /* Both answers well represented. */
    ck_assert_uint_gt(yes, 500u);
    ck_assert_uint_gt(no, 500u);
}
END_TEST

START_TEST(missing_phase_is_not_missing_neutral)
{
    /* L3 at 0 V: the sum is 230 V, but the three voltages are not present. */
    volts(230000u, 230000u, 0u);
    run(59u);
    ck_assert_uint_eq(ngot, 0u);
    run(1u);
    ck_assert_uint_eq(ngot, 1u);
    check_event(0, MSDK_EVK_MISSING_VOLTAGE, 3u, 70u);
}
END_TEST

/* The model: |sum of v_k at -a_k| in mV, from the same inputs. */
static double model_sum_mv(const msdk_metro_result_t *r)
{
    double x = 0.0;
    double y = 0.0;
    for (int k = 0; k < 3; k++) {
        double v = r->ph[k].v_uv / 1000.0;
        double a = r->ph[k].v_angle_mdeg / 1000.0 * PI / 180.0;
        x += v * cos(a);
        y -= v * sin(a);
    }
    return sqrt(x * x + y * y);
}

START_TEST(phasor_sum_matches_a_model)
{
    /* Balanced: 0 (within the table's rounding). */
    volts(230000u, 230000u, 230000u);
    angles(120000u, 240000u);
    ck_assert_uint_le(ma304h4_quality_phasor_sum_mv(&res), 20u);
    /* Right angles: 3-4-5. */
    volts(300000u, 400000u, 0u);
    angles(90000u, 0u);
    ck_assert_uint_eq(ma304h4_quality_phasor_sum_mv(&res), 500000u);
    angles(270000u, 0u);
    ck_assert_uint_eq(ma304h4_quality_phasor_sum_mv(&res), 500000u);
    /* All in phase, L1 at 180 deg: the arithmetic sum. */
    volts(100000u, 200000u, 300000u);
    res.ph[0].v_angle_mdeg = 180000u;
    res.ph[1].v_angle_mdeg = 180000u;
    res.ph[2].v_angle_mdeg = 180000u;
    ck_assert_uint_eq(ma304h4_quality_phasor_sum_mv(&res), 600000u);
    /* Pseudo-random voltages 0..400 V and angles: within 0.01 % of V1 + V2 + V3 + 4 mV. */
    uint32_t lcg = 12345u;
    for (int i = 0; i < 20000; i++) {
        double vsum = 0.0;
        for (int k = 0; k < 3; k++) {
            lcg = lcg * 1664525u + 1013904223u;
            res.ph[k].v_uv = lcg % 400000001u;
            lcg = lcg * 1664525u + 1013904223u;
            res.ph[k].v_angle_mdeg = lcg % 360000u;
            vsum += res.ph[k].v_uv / 1000.0;
        }
        double want = model_sum_mv(&res);
        double have = (double)ma304h4_quality_phasor_sum_mv(&res);
        ck_assert_msg(fabs(have - want) <= (vsum * 1e-4) + 4.0, "case %d: %f mV, model %f mV", i,
                      have, want);
    }
}
END_TEST

/* ---- Profile values ---------------------------------------------------------------------------
 */

START_TEST(profile_values_of_a_period)
{
    ma304h4_quality_init(&q, NULL, sink, &ctx_marker);
    int64_t v[MA304H4_QUALITY_VALUES];
    for (unsigned i = 0; i < MA304H4_QUALITY_VALUES; i++) {
        v[i] = 77;
    }
    /* No second yet: not valid, zeros. */
    ck_assert(!ma304h4_quality_take(&q, v));
    for (unsigned i = 0; i < MA304H4_QUALITY_VALUES; i++) {
        ck_assert_int_eq(v[i], 0);
    }
    /* Four seconds (by hand):
     * L1 V 230000500 + 229999500 + 231234600 + 228000100 = 919234700 uV, / 4 = 229808675 uV:
     *    avg 229808 mV, min 228000 mV, max 231234 mV;
     *    I 5000400 + 5000400 + 4999000 + 10000000 = 24999800 uA, / 4 = 6249950 uA: 6249 mA.
     * L2 0 V, 0 A: all 0.
     * L3 V 253000999 x 2 + 100 x 2 = 506002198 uV, / 4 = 126500549.5: avg 126500 mV,
     *    min 0 mV (100 uV), max 253000 mV; I 1 + 2 + 3 + 4 = 10 uA, / 4: 0 mA. */
    static const uint32_t v1[4] = { 230000500u, 229999500u, 231234600u, 228000100u };
    static const uint32_t i1[4] = { 5000400u, 5000400u, 4999000u, 10000000u };
    static const uint32_t v3[4] = { 253000999u, 100u, 253000999u, 100u };
    memset(&res, 0, sizeof res);
    for (uint32_t s = 0; s < 4u; s++) {
        res.ph[0].v_uv = v1[s];
        res.ph[0].i_ua = i1[s];
        res.ph[2].v_uv = v3[s];
        res.ph[2].i_ua = s + 1u;
        ma304h4_quality_second(&q, &res, 100u + s);
        ma304h4_quality_second(&q, &res, 100u + s);
        msdk_metro_result_t other = res; /* the same second again: ignored */
        other.ph[0].v_uv = 1u;
        other.ph[0].i_ua = 900000000u;
        ma304h4_quality_second(&q, &other, 100u + s);
    }
    ck_assert(ma304h4_quality_take(&q, v));
    static const int64_t want[MA304H4_QUALITY_VALUES] = {
        229808, 228000, 231234, 6249, 0, 0, 0, 0, 126500, 0, 253000, 0,
    };
    for (unsigned i = 0; i < MA304H4_QUALITY_VALUES; i++) {
        ck_assert_msg(v[i] == want[i], "value %u: %lld, want %lld", i, (long long)v[i],
                      (long long)want[i]);
    }
    /* A new period: empty again. */
    ck_assert(!ma304h4_quality_take(&q, v));
    for (unsigned i = 0; i < MA304H4_QUALITY_VALUES; i++) {
        ck_assert_int_eq(v[i], 0);
    }
    /* One second: average = minimum = maximum. */
    volts(231000u, 232000u, 233000u);
    res.ph[1].i_ua = 7000999u;
    ma304h4_quality_second(&q, &res, 104u);
    ck_assert(ma304h4_quality_take(&q, v));
    static const int64_t one[MA304H4_QUALITY_VALUES] = {
        231000, 231000, 231000, 10000, 232000, 232000, 232000, 7000, 233000, 233000, 233000, 0,
    };
    for (unsigned i = 0; i < MA304H4_QUALITY_VALUES; i++) {
        ck_assert_msg(v[i] == one[i], "value %u: %lld, want %lld", i, (long long)v[i],
                      (long long)one[i]);
    }
}
END_TEST

Suite *quality_suite(void)
{
    Suite *s = suite_create("ma304h4_quality");
    TCase *tc = tcase_create("voltage");
    tcase_add_checked_fixture(tc, setup_no_neutral, NULL);
    tcase_add_test(tc, defaults_are_the_documented_ones);
    tcase_add_test(tc, undervoltage_after_60_s_not_59_then_normal_after_60_s);
    tcase_add_test(tc, an_interruption_restarts_the_time);
    tcase_add_test(tc, limits_are_strict);
    tcase_add_test(tc, undervoltage_hysteresis);
    tcase_add_test(tc, overvoltage_hysteresis);
    tcase_add_test(tc, over_to_under_and_back_directly);
    tcase_add_test(tc, missing_voltage_takes_precedence);
    tcase_add_test(tc, missing_then_partly_back_is_undervoltage);
    tcase_add_test(tc, below_90_pct_counts_missing_seconds);
    tcase_add_test(tc, seconds_missed_and_repeated);
    tcase_add_test(tc, nothing_before_a_second);
    suite_add_tcase(s, tc);
    tc = tcase_create("sequence");
    tcase_add_checked_fixture(tc, setup_no_neutral, NULL);
    tcase_add_test(tc, sequence_reversal_after_10_s_once);
    tcase_add_test(tc, sequence_tolerance);
    tcase_add_test(tc, sequence_needs_three_voltages);
    suite_add_tcase(s, tc);
    tc = tcase_create("neutral");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, missing_neutral_on_and_cleared);
    tcase_add_test(tc, missing_neutral_limits);
    tcase_add_test(tc, single_phase_sag_is_not_missing_neutral);
    tcase_add_test(tc, single_phase_swell_is_not_missing_neutral);
    tcase_add_test(tc, two_phase_sag_is_not_missing_neutral);
    tcase_add_test(tc, floating_neutral_any_direction_and_size);
    tcase_add_test(tc, floating_neutral_source_band);
    tcase_add_test(tc, missing_neutral_matches_a_model);
    tcase_add_test(tc, missing_phase_is_not_missing_neutral);
    tcase_add_test(tc, phasor_sum_matches_a_model);
    suite_add_tcase(s, tc);
    tc = tcase_create("profile");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, profile_values_of_a_period);
    suite_add_tcase(s, tc);
    return s;
}
