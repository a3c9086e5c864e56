/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.fakes: the settable clock. */
#include <stdint.h>
#include <check.h>
#include "fake_clock.h"

Suite *fake_clock_suite(void);

START_TEST(advance_moves_uptime_and_rtc)
{
    msdk_fake_clock_t c;
    msdk_fake_clock_init(&c, 5u, 1767225600);
    ck_assert_uint_eq(msdk_fake_clock_uptime_ms(&c), 5u);
    msdk_fake_clock_advance_ms(&c, 1500u);
    ck_assert_uint_eq(c.now_ms, 1505u);
    ck_assert_int_eq(c.utc_s, 1767225601);
    ck_assert_uint_eq(c.frac_ms, 500u);
    msdk_fake_clock_advance_ms(&c, 600u);
    ck_assert_int_eq(c.utc_s, 1767225602);
    ck_assert_uint_eq(c.frac_ms, 100u);
    msdk_fake_clock_advance_s(&c, 86400u);
    ck_assert_int_eq(c.utc_s, 1767225602 + 86400);
    ck_assert_uint_eq(c.now_ms, 2105u + 86400000u);
    msdk_fake_clock_step_rtc(&c, -3600);
    ck_assert_int_eq(c.utc_s, 1767225602 + 86400 - 3600);
    ck_assert_uint_eq(c.now_ms, 2105u + 86400000u);
}
END_TEST

START_TEST(rtc_has_port_semantics)
{
    msdk_fake_clock_t c;
    msdk_rtc_time_t t = { 0, 0u, false };
    msdk_fake_clock_init(&c, 0u, 100);
    ck_assert_int_eq(msdk_fake_clock_rtc_read(&c, &t), MSDK_OK);
    ck_assert(t.valid);
    ck_assert_int_eq(t.utc_s, 100);
    ck_assert_int_eq(msdk_fake_clock_rtc_read(&c, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_clock_rtc_set(&c, -1, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_clock_rtc_set(&c, 5, 1000u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(c.utc_s, 100);
    msdk_fake_clock_rtc_lose(&c);
    ck_assert_int_eq(msdk_fake_clock_rtc_read(&c, &t), MSDK_OK);
    ck_assert(!t.valid);
    ck_assert_int_eq(msdk_fake_clock_rtc_set(&c, (int64_t)UINT32_MAX + 5, 999u), MSDK_OK);
    ck_assert_int_eq(msdk_fake_clock_rtc_read(&c, &t), MSDK_OK);
    ck_assert(t.valid);
    ck_assert_int_eq(t.utc_s, (int64_t)UINT32_MAX + 5);
    ck_assert_uint_eq(t.frac_ms, 999u);
    ck_assert_uint_eq(c.rtc_sets, 1u);

    c.rtc_read_err = MSDK_ERR_IO;
    t.utc_s = 42;
    ck_assert_int_eq(msdk_fake_clock_rtc_read(&c, &t), MSDK_ERR_IO);
    ck_assert_int_eq(t.utc_s, 42);
    c.rtc_set_err = MSDK_ERR_IO;
    ck_assert_int_eq(msdk_fake_clock_rtc_set(&c, 7, 0u), MSDK_ERR_IO);
    ck_assert_int_eq(c.utc_s, (int64_t)UINT32_MAX + 5);
}
END_TEST

Suite *fake_clock_suite(void)
{
    Suite *s = suite_create("fake_clock");
    TCase *tc = tcase_create("clock");
    tcase_add_test(tc, advance_moves_uptime_and_rtc);
    tcase_add_test(tc, rtc_has_port_semantics);
    suite_add_tcase(s, tc);
    return s;
}
