/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Grid model and AFE: the generated frames checked against an independent
 * calculation (RMS, active power over whole cycles, frequency from zero crossings),
 * completeness of the frame stream, relay, noise. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "port_host_check.h"
#include "msdk/port/afe.h"
#include "msdk/port/io.h"

Suite *host_grid_suite(void);

#define CAP   16000u
#define PI    3.14159265358979323846
#define V_LSB (480.0 / 8388608.0)
#define I_LSB (180.0 / 8388608.0)

static msdk_afe_frame_t frames[CAP];
static size_t nframes;
static size_t calls;
static size_t max_chunk;

static void collect(void *ctx, const msdk_afe_frame_t *f, size_t count)
{
    ck_assert_ptr_eq(ctx, &nframes);
    ck_assert_uint_ge(count, 1);
    calls++;
    if (count > max_chunk) {
        max_chunk = count;
    }
    for (size_t i = 0; i < count; i++) {
        if (nframes < CAP) {
            frames[nframes] = f[i];
        }
        nframes++;
    }
}

static void afe_start(uint32_t rate)
{
    nframes = 0;
    calls = 0;
    max_chunk = 0;
    msdk_afe_config_t cfg = { rate };
    ck_assert_int_eq(msdk_port_afe_start(&cfg, collect, &nframes), MSDK_OK);
}

static double rms(size_t ch, double lsb, size_t from, size_t n)
{
    double s = 0.0;
    for (size_t i = from; i < from + n; i++) {
        double x = (double)frames[i].ch[ch] * lsb;
        s += x * x;
    }
    return sqrt(s / (double)n);
}

static double power(size_t vch, size_t ich, size_t from, size_t n)
{
    double s = 0.0;
    for (size_t i = from; i < from + n; i++) {
        s += ((double)frames[i].ch[vch] * V_LSB) * ((double)frames[i].ch[ich] * I_LSB);
    }
    return s / (double)n;
}

START_TEST(rms_and_power_match_the_settings)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_host_grid_phase_set(1, 230.0, 10.0, 30.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_phase_set(2, 220.0, 5.0, -20.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_phase_set(3, 240.0, 0.0, 0.0), MSDK_OK);
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(200), MSDK_OK);
    ck_assert_uint_eq(nframes, 1600); /* every sample instant, none more */
    ck_assert_uint_eq(msdk_host_afe_frames(), 1600);
    ck_assert_uint_le(max_chunk, MSDK_HOST_AFE_CHUNK_FRAMES);
    ck_assert_uint_eq(msdk_port_afe_overruns(), 0);

    /* 10 whole cycles of 50 Hz; quantisation error is far below 1e-3. */
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V1, V_LSB, 0, 1600), 230.0, 1e-3);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V2, V_LSB, 0, 1600), 220.0, 1e-3);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V3, V_LSB, 0, 1600), 240.0, 1e-3);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_I1, I_LSB, 0, 1600), 10.0, 1e-4);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_I2, I_LSB, 0, 1600), 5.0, 1e-4);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_I3, I_LSB, 0, 1600), 0.0, 1e-9);
    ck_assert_double_eq_tol(power(MSDK_AFE_CH_V1, MSDK_AFE_CH_I1, 0, 1600),
                            230.0 * 10.0 * cos(30.0 * PI / 180.0), 0.01);
    ck_assert_double_eq_tol(power(MSDK_AFE_CH_V2, MSDK_AFE_CH_I2, 0, 1600),
                            220.0 * 5.0 * cos(-20.0 * PI / 180.0), 0.01);
    /* Reactive power by the quarter-period shift (160 samples per cycle), over 9 whole
     * cycles: inductive (lagging) current gives positive Q. */
    double q = 0.0;
    for (size_t i = 160; i < 1600; i++) {
        q += ((double)frames[i - 40].ch[MSDK_AFE_CH_V1] * V_LSB) *
             ((double)frames[i].ch[MSDK_AFE_CH_I1] * I_LSB);
    }
    q /= 1440.0;
    ck_assert_double_eq_tol(q, 230.0 * 10.0 * sin(30.0 * PI / 180.0), 0.01);
    /* Neutral = sum of the phase currents, sample by sample (each rounded once). */
    for (size_t i = 0; i < 1600; i++) {
        int32_t sum = frames[i].ch[MSDK_AFE_CH_I1] + frames[i].ch[MSDK_AFE_CH_I2] +
                      frames[i].ch[MSDK_AFE_CH_I3];
        ck_assert_int_le(abs(frames[i].ch[MSDK_AFE_CH_IN] - sum), 2);
    }
    /* L2 lags L1 by 120 degrees: v2(t) = v1(t - T/3), T/3 = 53.33 samples. */
    double s1 = 230.0 * sqrt(2.0) / V_LSB;
    double s2 = 220.0 * sqrt(2.0) / V_LSB;
    for (size_t i = 160; i < 1600; i++) {
        double a = (double)frames[i].ch[MSDK_AFE_CH_V2] / s2;
        double b = ((double)frames[i - 53].ch[MSDK_AFE_CH_V1] * (2.0 / 3.0) +
                    (double)frames[i - 54].ch[MSDK_AFE_CH_V1] * (1.0 / 3.0)) /
                   s1;
        ck_assert_double_eq_tol(a, b, 1e-3);
    }
}
END_TEST

START_TEST(harmonics_add_rms_and_power)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_host_grid_phase_set(1, 230.0, 10.0, 0.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, false, 5, 0.1, 0.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, false, 3, 0.05, 45.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 5, 0.2, 30.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 7, 0.1, 0.0), MSDK_OK);
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(200), MSDK_OK);
    ck_assert_uint_eq(nframes, 1600);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V1, V_LSB, 0, 1600), 230.0 * sqrt(1.0 + 0.01 + 0.0025),
                            1e-3);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_I1, I_LSB, 0, 1600), 10.0 * sqrt(1.0 + 0.04 + 0.01),
                            1e-4);
    /* P = fundamental + 5th (the only order in both): V5 I5 cos(0 - 30 degrees). */
    double p = 230.0 * 10.0 + (23.0 * 2.0) * cos(-30.0 * PI / 180.0);
    ck_assert_double_eq_tol(power(MSDK_AFE_CH_V1, MSDK_AFE_CH_I1, 0, 1600), p, 0.01);
    /* Remove one, fill every slot, one too many. */
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 7, 0.0, 0.0), MSDK_OK);
    for (uint32_t h = 11; h < 11 + MSDK_HOST_GRID_MAX_HARMONICS - 1u; h++) {
        ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, h, 0.01, 0.0), MSDK_OK);
    }
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 40, 0.01, 0.0), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 1, 0.01, 0.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, true, 64, 0.01, 0.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(4, true, 5, 0.01, 0.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_harmonic_set(1, false, 5, 1.5, 0.0), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* Frequency from the rising zero crossings of V1, linearly interpolated. */
static double zero_cross_freq(size_t n, uint32_t rate)
{
    double first = -1.0, last = -1.0;
    size_t count = 0;
    for (size_t i = 1; i < n; i++) {
        double a = frames[i - 1].ch[MSDK_AFE_CH_V1];
        double b = frames[i].ch[MSDK_AFE_CH_V1];
        if ((a < 0.0) && (b >= 0.0)) {
            double t = ((double)(i - 1) + a / (a - b)) / (double)rate;
            if (first < 0.0) {
                first = t;
            }
            last = t;
            count++;
        }
    }
    ck_assert_uint_ge(count, 2);
    return (double)(count - 1u) / (last - first);
}

START_TEST(frequency_from_zero_crossings)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_host_grid_freq_set(49.5), MSDK_OK);
    afe_start(4000);
    ck_assert_int_eq(msdk_host_clock_step_ms(2000), MSDK_OK);
    ck_assert_uint_eq(nframes, 8000);
    ck_assert_double_eq_tol(zero_cross_freq(8000, 4000), 49.5, 1e-4);
    ck_assert_int_eq(msdk_host_grid_freq_set(5.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_freq_set(NAN), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(frequency_change_is_continuous)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_host_grid_phase_set(1, 230.0, 0.0, 0.0), MSDK_OK);
    afe_start(8000);
    for (int k = 0; k < 40; k++) { /* a ramp 50 -> 52 Hz in 25 ms steps */
        ck_assert_int_eq(msdk_host_grid_freq_set(50.0 + 0.05 * k), MSDK_OK);
        ck_assert_int_eq(msdk_host_clock_step_ms(25), MSDK_OK);
    }
    ck_assert_uint_eq(nframes, 8000);
    /* No jump: a sample never moves more than the steepest slope allows. */
    double vpk = 230.0 * sqrt(2.0) / V_LSB;
    double max_step = 2.0 * PI * 52.0 / 8000.0 * vpk * 1.001 + 2.0;
    for (size_t i = 1; i < 8000; i++) {
        double d =
            fabs((double)frames[i].ch[MSDK_AFE_CH_V1] - (double)frames[i - 1].ch[MSDK_AFE_CH_V1]);
        ck_assert_double_le(d, max_step);
    }
    ck_assert_double_eq_tol(zero_cross_freq(8000, 8000), 51.0, 0.1);
}
END_TEST

START_TEST(accelerated_time_never_skips_a_frame)
{
    ph_start_ok("--speed", "100000", NULL);
    afe_start(8000);
    uint64_t prev = 0;
    for (int i = 0; i < 300; i++) {
        ck_assert(msdk_port_board_idle(0));
        uint64_t now = msdk_host_clock_now_us();
        uint64_t due = now * 8000u / 1000000u;
        ck_assert_uint_eq(msdk_host_afe_frames(), due);
        ck_assert_uint_ge(now, prev);
        ck_assert_uint_le(now - prev, (uint64_t)MSDK_HOST_IDLE_MIN_ADVANCE_MS * 1000u);
        prev = now;
    }
    ck_assert_uint_gt(prev, 0);
    ck_assert_uint_eq(nframes, msdk_host_afe_frames());
}
END_TEST

START_TEST(open_relay_removes_current)
{
    ph_start_ok(NULL);
    afe_start(8000);
    ck_assert_int_eq(msdk_port_io_relay_drive(false), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(50), MSDK_OK);
    ck_assert(!msdk_host_relay_is_closed());
    size_t from = nframes;
    ck_assert_int_eq(msdk_host_clock_step_ms(100), MSDK_OK);
    ck_assert_uint_eq(nframes - from, 800);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V1, V_LSB, from, 800), 230.0, 1e-3);
    for (size_t i = from; i < nframes; i++) {
        ck_assert_int_eq(frames[i].ch[MSDK_AFE_CH_I1], 0);
        ck_assert_int_eq(frames[i].ch[MSDK_AFE_CH_IN], 0);
    }
    ck_assert_double_gt(rms(MSDK_AFE_CH_I1, I_LSB, 0, 400), 4.9); /* before: 5 A */
}
END_TEST

START_TEST(noise_is_seeded)
{
    ph_start_ok("--seed", "42", "--noise", "100", NULL);
    ck_assert_uint_eq(msdk_host_grid_seed(), 42);
    msdk_host_grid_t g;
    ck_assert_int_eq(msdk_host_grid_get(&g), MSDK_OK);
    ck_assert_double_eq(g.noise_codes, 100.0);
    for (uint32_t p = 1; p <= 3; p++) {
        ck_assert_int_eq(msdk_host_grid_phase_set(p, 0.0, 0.0, 0.0), MSDK_OK);
    }
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(500), MSDK_OK);
    ck_assert_uint_eq(nframes, 4000);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_V1, 1.0, 0, 4000), 100.0, 5.0);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_IN, 1.0, 0, 4000), 100.0, 5.0);
    msdk_afe_frame_t first[4];
    memcpy(first, frames, sizeof(first));
    msdk_host_board_shutdown();

    ph_start_ok("--seed", "42", "--noise", "100", NULL);
    for (uint32_t p = 1; p <= 3; p++) {
        ck_assert_int_eq(msdk_host_grid_phase_set(p, 0.0, 0.0, 0.0), MSDK_OK);
    }
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(1), MSDK_OK);
    ck_assert_mem_eq(frames, first, sizeof(first));
}
END_TEST

START_TEST(full_scale_and_clipping)
{
    ph_start_ok(NULL);
    /* 480 V peak is the full scale: 400 V RMS (566 V peak) clips. */
    ck_assert_int_eq(msdk_host_grid_phase_set(1, 400.0, 0.0, 0.0), MSDK_OK);
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(20), MSDK_OK);
    int32_t hi = MSDK_AFE_CODE_MIN, lo = MSDK_AFE_CODE_MAX;
    for (size_t i = 0; i < nframes; i++) {
        hi = frames[i].ch[MSDK_AFE_CH_V1] > hi ? frames[i].ch[MSDK_AFE_CH_V1] : hi;
        lo = frames[i].ch[MSDK_AFE_CH_V1] < lo ? frames[i].ch[MSDK_AFE_CH_V1] : lo;
    }
    ck_assert_int_eq(hi, MSDK_AFE_CODE_MAX);
    ck_assert_int_eq(lo, MSDK_AFE_CODE_MIN);
    /* 230 V RMS: peak code = 230 sqrt(2) / 480 * 2^23. */
    ck_assert_int_eq(msdk_host_grid_phase_set(1, 230.0, 0.0, 0.0), MSDK_OK);
    size_t from = nframes;
    ck_assert_int_eq(msdk_host_clock_step_ms(20), MSDK_OK);
    hi = 0;
    for (size_t i = from; i < nframes; i++) {
        hi = frames[i].ch[MSDK_AFE_CH_V1] > hi ? frames[i].ch[MSDK_AFE_CH_V1] : hi;
    }
    ck_assert_double_eq_tol((double)hi, 230.0 * sqrt(2.0) / 480.0 * 8388608.0, 2.0);
}
END_TEST

START_TEST(neutral_can_be_set)
{
    ph_start_ok(NULL);
    msdk_host_grid_t g;
    ck_assert_int_eq(msdk_host_grid_get(&g), MSDK_OK);
    ck_assert(g.neutral_is_sum);
    g.neutral_is_sum = false;
    g.neutral_rms = 3.0;
    g.neutral_angle_deg = 90.0;
    ck_assert_int_eq(msdk_host_grid_set(&g), MSDK_OK);
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(100), MSDK_OK);
    ck_assert_double_eq_tol(rms(MSDK_AFE_CH_IN, I_LSB, 0, 800), 3.0, 1e-4);
    g.phase[0].v_rms = -1.0;
    ck_assert_int_eq(msdk_host_grid_set(&g), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_set(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_get(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_phase_set(0, 230.0, 1.0, 0.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_grid_noise_set(-1.0), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(afe_start_stop_rules)
{
    ph_start_ok(NULL);
    msdk_afe_config_t cfg = { 1999 };
    ck_assert_int_eq(msdk_port_afe_start(&cfg, collect, &nframes), MSDK_ERR_INVALID_ARG);
    cfg.rate_hz = 8001;
    ck_assert_int_eq(msdk_port_afe_start(&cfg, collect, &nframes), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_afe_start(NULL, collect, &nframes), MSDK_ERR_INVALID_ARG);
    cfg.rate_hz = 2000;
    ck_assert_int_eq(msdk_port_afe_start(&cfg, NULL, NULL), MSDK_ERR_INVALID_ARG);
    afe_start(2000);
    ck_assert_int_eq(msdk_port_afe_start(&cfg, collect, &nframes), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_host_clock_step_ms(10), MSDK_OK);
    ck_assert_uint_eq(nframes, 20);
    ck_assert_int_eq(msdk_port_afe_stop(), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(10), MSDK_OK);
    ck_assert_uint_eq(nframes, 20);
    ck_assert_int_eq(msdk_port_afe_stop(), MSDK_OK);
}
END_TEST

START_TEST(afe_off_produces_nothing)
{
    ph_start_ok("--afe-off", NULL);
    afe_start(8000);
    ck_assert_int_eq(msdk_host_clock_step_ms(100), MSDK_OK);
    ck_assert_uint_eq(nframes, 0);
}
END_TEST

Suite *host_grid_suite(void)
{
    Suite *s = suite_create("port_host.grid");
    TCase *tc = tcase_create("grid");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, rms_and_power_match_the_settings);
    tcase_add_test(tc, harmonics_add_rms_and_power);
    tcase_add_test(tc, frequency_from_zero_crossings);
    tcase_add_test(tc, frequency_change_is_continuous);
    tcase_add_test(tc, accelerated_time_never_skips_a_frame);
    tcase_add_test(tc, open_relay_removes_current);
    tcase_add_test(tc, noise_is_seeded);
    tcase_add_test(tc, full_scale_and_clipping);
    tcase_add_test(tc, neutral_can_be_set);
    tcase_add_test(tc, afe_start_stop_rules);
    tcase_add_test(tc, afe_off_produces_nothing);
    suite_add_tcase(s, tc);
    return s;
}
