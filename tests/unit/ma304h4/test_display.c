/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include <check.h>
#include <string.h>
#include "display.h"

/* The tariff entry 96.14.0: "T<n>" from the readings, "T-" without them. */
START_TEST(render_tariff)
{
    msdk_rtc_time_t now = { .utc_s = 1234567890, .frac_ms = 0, .valid = true };
    ma304h4_readings_t rd;
    memset(&rd, 0, sizeof rd);
    msdk_lcd_frame_t f;
    rd.tariff = 2u;
    ma304h4_display_render_readings(MA304H4_DISPLAY_TARIFF, &now, &rd, MSDK_LCD_ICON_T2, &f);
    ck_assert_str_eq(f.code, "96.14.0");
    ck_assert_str_eq(f.value, "T2");
    ck_assert_uint_eq(f.icons, MSDK_LCD_ICON_T2);
    rd.tariff = 8u;
    ma304h4_display_render_readings(MA304H4_DISPLAY_TARIFF, &now, &rd, 0u, &f);
    ck_assert_str_eq(f.value, "T8");
    rd.tariff = 0u;
    ma304h4_display_render_readings(MA304H4_DISPLAY_TARIFF, &now, &rd, 0u, &f);
    ck_assert_str_eq(f.value, "T-");
    ma304h4_display_render(MA304H4_DISPLAY_TARIFF, &now, 0u, &f);
    ck_assert_str_eq(f.value, "T-");
}
END_TEST

Suite *display_suite(void);

/* Reference instants with their civil dates, as published (Unix time of
 * well-known dates); not produced by the code under test. */
static const struct {
    int64_t utc_s;
    int32_t y;
    uint8_t mo, d, h, mi, s;
} civil_vectors[] = {
    { 0, 1970, 1, 1, 0, 0, 0 },
    { -1, 1969, 12, 31, 23, 59, 59 },
    { 951782400, 2000, 2, 29, 0, 0, 0 }, /* leap day of a 400-year leap year */
    { 951868800, 2000, 3, 1, 0, 0, 0 },
    { 1234567890, 2009, 2, 13, 23, 31, 30 },
    { 2147483647, 2038, 1, 19, 3, 14, 7 }, /* int32 time_t ends here; we go on */
    { 2147483648, 2038, 1, 19, 3, 14, 8 },
    { 4107542400, 2100, 3, 1, 0, 0, 0 }, /* 2100 is not a leap year */
    { 4107456000, 2100, 2, 28, 0, 0, 0 },
    { 1711846800, 2024, 3, 31, 1, 0, 0 }, /* EU DST start 2024 */
};

START_TEST(civil_matches_reference_dates)
{
    for (size_t i = 0; i < sizeof(civil_vectors) / sizeof(civil_vectors[0]); i++) {
        ma304h4_civil_t c;
        ma304h4_civil_from_utc(civil_vectors[i].utc_s, &c);
        ck_assert_msg((c.year == civil_vectors[i].y) && (c.month == civil_vectors[i].mo) &&
                          (c.day == civil_vectors[i].d) && (c.hour == civil_vectors[i].h) &&
                          (c.minute == civil_vectors[i].mi) && (c.second == civil_vectors[i].s),
                      "vector %zu (%lld): got %d-%02u-%02u %02u:%02u:%02u", i,
                      (long long)civil_vectors[i].utc_s, (int)c.year, c.month, c.day, c.hour,
                      c.minute, c.second);
    }
}
END_TEST

START_TEST(civil_days_are_contiguous)
{
    /* Walking day by day from 1900 to 2200, the date always advances by
     * exactly one calendar day (independent of the era arithmetic). */
    static const uint8_t mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    ma304h4_civil_t prev;
    ma304h4_civil_from_utc(-2208988800LL, &prev); /* 1900-01-01 */
    ck_assert_int_eq(prev.year, 1900);
    ck_assert_uint_eq(prev.month, 1);
    ck_assert_uint_eq(prev.day, 1);
    for (int64_t t = -2208988800LL + 86400; t < 7258118400LL; t += 86400) {
        ma304h4_civil_t c;
        ma304h4_civil_from_utc(t, &c);
        int32_t y = prev.year;
        bool leap = ((y % 4) == 0) && (((y % 100) != 0) || ((y % 400) == 0));
        uint8_t len = (uint8_t)(mdays[prev.month - 1] + (((prev.month == 2) && leap) ? 1 : 0));
        if (prev.day < len) {
            ck_assert(c.year == prev.year && c.month == prev.month && c.day == prev.day + 1);
        } else if (prev.month < 12) {
            ck_assert(c.year == prev.year && c.month == prev.month + 1 && c.day == 1);
        } else {
            ck_assert(c.year == prev.year + 1 && c.month == 1 && c.day == 1);
        }
        prev = c;
    }
    ck_assert_int_eq(prev.year, 2199);
    ck_assert_uint_eq(prev.month, 12);
    ck_assert_uint_eq(prev.day, 31);
}
END_TEST

START_TEST(render_time_date_serial)
{
    msdk_rtc_time_t now = { .utc_s = 1234567890, .frac_ms = 0, .valid = true };
    msdk_lcd_frame_t f;
    ma304h4_display_render(MA304H4_DISPLAY_TIME, &now, MSDK_LCD_ICON_L1, &f);
    ck_assert_str_eq(f.value, "23:31:30");
    ck_assert_str_eq(f.code, "0.9.1");
    ck_assert_uint_eq(f.icons, MSDK_LCD_ICON_L1);
    ma304h4_display_render(MA304H4_DISPLAY_DATE, &now, 0, &f);
    ck_assert_str_eq(f.value, "09.02.13");
    ck_assert_str_eq(f.code, "0.9.2");
    ma304h4_display_render(MA304H4_DISPLAY_SERIAL, &now, 0, &f);
    ck_assert_str_eq(f.value, MA304H4_SERIAL);
    ck_assert_str_eq(f.code, "0.0.0");
    now.valid = false;
    ma304h4_display_render(MA304H4_DISPLAY_TIME, &now, 0, &f);
    ck_assert_str_eq(f.value, "--:--:--");
}
END_TEST

Suite *display_suite(void)
{
    Suite *s = suite_create("ma304h4_display");
    TCase *tc = tcase_create("display");
    tcase_add_test(tc, civil_matches_reference_dates);
    tcase_add_test(tc, civil_days_are_contiguous);
    tcase_add_test(tc, render_time_date_serial);
    tcase_add_test(tc, render_tariff);
    suite_add_tcase(s, tc);
    return s;
}
