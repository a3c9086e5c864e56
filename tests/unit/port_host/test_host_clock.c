/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Simulated clock: stepped uptime, RTC with crystal error and trim, speed modes. */
#include "port_host_check.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"

Suite *host_clock_suite(void);

#define START_UTC 1774745940 /* 2026-03-29T00:59:00Z */

static msdk_rtc_time_t rtc_now(void)
{
    msdk_rtc_time_t t;
    ck_assert_int_eq(msdk_port_rtc_read(&t), MSDK_OK);
    return t;
}

START_TEST(stepped_time_moves_only_when_told)
{
    ph_start_ok(NULL);
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 0);
    ck_assert(ph_pump(20));
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 0);
    ck_assert_int_eq(msdk_host_clock_step_ms(1234), MSDK_OK);
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 1234);
    ck_assert_uint_eq(msdk_host_clock_now_us(), 1234000u);
    ck_assert(msdk_host_clock_speed() == 0.0);
}
END_TEST

START_TEST(rtc_starts_at_start_time)
{
    ph_start_ok("--start-time", "2026-03-29T00:59:00Z", NULL);
    msdk_rtc_time_t t = rtc_now();
    ck_assert(t.valid);
    ck_assert_int_eq(t.utc_s, START_UTC);
    ck_assert_uint_eq(t.frac_ms, 0);
    ck_assert_int_eq(msdk_host_clock_step_ms(1500), MSDK_OK);
    t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 1);
    ck_assert_uint_eq(t.frac_ms, 500);
}
END_TEST

START_TEST(rtc_crystal_plus_20ppm_gains_1728ms_per_day)
{
    ph_start_ok("--start-time", "2026-03-29T00:59:00Z", "--rtc-ppm", "20", NULL);
    ck_assert_int_eq(msdk_host_clock_step_ms(86400000u), MSDK_OK);
    msdk_rtc_time_t t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 86401);
    ck_assert_uint_eq(t.frac_ms, 728);
}
END_TEST

START_TEST(rtc_trim_cancels_crystal_error)
{
    ph_start_ok("--start-time", "2026-03-29T00:59:00Z", "--rtc-ppm", "20", NULL);
    ck_assert_int_eq(msdk_port_rtc_trim_set(-20000), MSDK_OK);
    ck_assert_int_eq(msdk_host_rtc_trim(), -20000);
    ck_assert_int_eq(msdk_host_clock_step_ms(86400000u), MSDK_OK);
    msdk_rtc_time_t t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 86400);
    ck_assert_uint_eq(t.frac_ms, 0);

    /* -20 ppm crystal, trim close to but not exactly +20 ppm: well within 0.5 s/day. */
    ck_assert_int_eq(msdk_host_rtc_ppm_set(-20.0), MSDK_OK);
    ck_assert_int_eq(msdk_port_rtc_trim_set(19990), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(86400000u), MSDK_OK);
    t = rtc_now();
    int64_t err_ms = (t.utc_s - (START_UTC + 2 * 86400)) * 1000 + t.frac_ms;
    ck_assert_int_le(err_ms < 0 ? -err_ms : err_ms, 500);
}
END_TEST

START_TEST(rtc_trim_keeps_reading_continuous)
{
    ph_start_ok("--start-time", "2026-03-29T00:59:00Z", "--rtc-ppm", "-20", NULL);
    ck_assert_int_eq(msdk_host_clock_step_ms(43200000u), MSDK_OK); /* half a day: -0.864 s */
    msdk_rtc_time_t t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 43199);
    ck_assert_uint_eq(t.frac_ms, 136);
    ck_assert_int_eq(msdk_port_rtc_trim_set(20000), MSDK_OK);
    t = rtc_now(); /* the trim changes the rate, not the reading */
    ck_assert_int_eq(t.utc_s, START_UTC + 43199);
    ck_assert_uint_eq(t.frac_ms, 136);
    ck_assert_int_eq(msdk_host_clock_step_ms(43200000u), MSDK_OK);
    t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 86399);
    ck_assert_uint_eq(t.frac_ms, 136);
}
END_TEST

START_TEST(rtc_trim_range)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_port_rtc_trim_set(200000), MSDK_OK);
    ck_assert_int_eq(msdk_port_rtc_trim_set(-200000), MSDK_OK);
    ck_assert_int_eq(msdk_port_rtc_trim_set(MSDK_HOST_RTC_TRIM_MAX_PPB + 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_rtc_trim_set(-MSDK_HOST_RTC_TRIM_MAX_PPB - 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_rtc_ppm_set(1001.0), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(rtc_set_and_valid_flag)
{
    ph_start_ok("--rtc-invalid", NULL);
    ck_assert(!rtc_now().valid);
    ck_assert_int_eq(msdk_port_rtc_read(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_rtc_set(1000, 1000), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_rtc_set(-1, 0), MSDK_ERR_INVALID_ARG);
    ck_assert(!rtc_now().valid);
    ck_assert_int_eq(msdk_port_rtc_set(START_UTC, 250), MSDK_OK);
    msdk_rtc_time_t t = rtc_now();
    ck_assert(t.valid);
    ck_assert_int_eq(t.utc_s, START_UTC);
    ck_assert_uint_eq(t.frac_ms, 250);
    ck_assert_int_eq(msdk_host_clock_step_ms(750), MSDK_OK);
    t = rtc_now();
    ck_assert_int_eq(t.utc_s, START_UTC + 1);
    ck_assert_uint_eq(t.frac_ms, 0);
    msdk_host_rtc_invalidate();
    ck_assert(!rtc_now().valid);
}
END_TEST

START_TEST(accelerated_run_stops_at_run_ms)
{
    ph_start_ok("--speed", "2000", "--run-ms", "50", NULL);
    ck_assert(msdk_host_clock_speed() == 2000.0);
    ck_assert_int_eq(msdk_host_clock_step_ms(1), MSDK_ERR_STATE);
    uint64_t last = 0;
    unsigned rounds = 0;
    while (msdk_port_board_idle(5)) {
        uint64_t now = msdk_host_clock_now_us();
        ck_assert_uint_ge(now, last);
        last = now;
        ck_assert_uint_lt(++rounds, 200000u);
    }
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 50);
    ck_assert_int_eq(msdk_port_board_exit_status(), MSDK_HOST_EXIT_OK);
    ck_assert(!msdk_port_board_idle(0));
}
END_TEST

START_TEST(stepped_run_ms_clamps_a_step)
{
    ph_start_ok("--run-ms", "100", NULL);
    ck_assert_int_eq(msdk_host_clock_step_ms(500), MSDK_OK);
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 100);
    ck_assert(!msdk_port_board_idle(0));
    ck_assert_int_eq(msdk_host_clock_step_ms(1), MSDK_ERR_STATE);
}
END_TEST

START_TEST(speed_switches_modes)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_host_clock_speed_set(-1.0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_clock_speed_set(2e6), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_clock_speed_set(1000.0), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(10), MSDK_ERR_STATE);
    unsigned rounds = 0;
    while (msdk_port_clock_uptime_ms() < 20u) {
        ck_assert(msdk_port_board_idle(10));
        ck_assert_uint_lt(++rounds, 100000u);
    }
    ck_assert_int_eq(msdk_host_clock_speed_set(0.0), MSDK_OK);
    uint64_t frozen = msdk_host_clock_now_us();
    ck_assert(ph_pump(5));
    ck_assert_uint_eq(msdk_host_clock_now_us(), frozen);
    ck_assert_int_eq(msdk_host_clock_step_ms(10), MSDK_OK);
    ck_assert_uint_eq(msdk_host_clock_now_us(), frozen + 10000u);
}
END_TEST

Suite *host_clock_suite(void)
{
    Suite *s = suite_create("port_host.clock");
    TCase *tc = tcase_create("clock");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, stepped_time_moves_only_when_told);
    tcase_add_test(tc, rtc_starts_at_start_time);
    tcase_add_test(tc, rtc_crystal_plus_20ppm_gains_1728ms_per_day);
    tcase_add_test(tc, rtc_trim_cancels_crystal_error);
    tcase_add_test(tc, rtc_trim_keeps_reading_continuous);
    tcase_add_test(tc, rtc_trim_range);
    tcase_add_test(tc, rtc_set_and_valid_flag);
    tcase_add_test(tc, accelerated_run_stops_at_run_ms);
    tcase_add_test(tc, stepped_run_ms_clamps_a_step);
    tcase_add_test(tc, speed_switches_modes);
    suite_add_tcase(s, tc);
    return s;
}
