/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Board bring-up, options, I/O, watchdog and reset cause, image slot, power, entropy,
 * critical sections, signals. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "port_host_check.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "msdk/port/entropy.h"
#include "msdk/port/image.h"
#include "msdk/port/io.h"
#include "msdk/port/power.h"
#include "msdk/port/watchdog.h"

Suite *host_board_suite(void);

START_TEST(options_are_checked)
{
    ck_assert_int_eq(ph_start("--no-such-option", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("positional", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--speed", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--speed", "0", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--speed", "fast", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--stepped=yes", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--optical-tcp", "70000", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--start-time", "2026-02-30T00:00:00Z", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--start-time", "2026-03-29 00:59:00", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--rtc-ppm", "2000", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--run-ms", "-1", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--seed", "x", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_ptr_null(msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL));
    ck_assert(!msdk_port_board_idle(0));
    /* --name=value works too, and the last of a repeated option wins. */
    ph_start_ok("--speed=5", "--speed", "7", "--start-time=2026-03-29T00:59:00.250Z", NULL);
    ck_assert(msdk_host_clock_speed() == 7.0);
    msdk_rtc_time_t t;
    ck_assert_int_eq(msdk_port_rtc_read(&t), MSDK_OK);
    ck_assert_int_eq(t.utc_s, 1774745940);
    ck_assert_uint_ge(t.frac_ms, 250);
    ck_assert_int_eq(msdk_port_board_init(0, NULL), MSDK_ERR_STATE); /* already up */
}
END_TEST

START_TEST(config_settings_reach_the_firmware)
{
    ck_assert_int_eq(ph_start("--config", "novalue", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--config", "=x", NULL), MSDK_ERR_INVALID_ARG);
    ph_start_ok("--config", "dlms.ek=0011", "--config=dlms.lls=a=b", "--config", "empty=", NULL);
    ck_assert_str_eq(msdk_port_board_config("dlms.ek"), "0011");
    ck_assert_str_eq(msdk_port_board_config("dlms.lls"), "a=b"); /* split at the first '=' */
    ck_assert_str_eq(msdk_port_board_config("empty"), "");
    ck_assert_ptr_null(msdk_port_board_config("dlms")); /* a prefix is another key */
    ck_assert_ptr_null(msdk_port_board_config("dlms.ak"));
    ck_assert_ptr_null(msdk_port_board_config(""));
    ck_assert_ptr_null(msdk_port_board_config(NULL));
}
END_TEST

START_TEST(board_identity_and_instances)
{
    ck_assert_str_eq(msdk_port_board_name(), "host");
    ph_start_ok(NULL);
    ck_assert_ptr_nonnull(msdk_port_board_nvm(MSDK_BOARD_NVM_DATA));
    for (int i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        ck_assert_ptr_nonnull(msdk_port_board_serial((msdk_board_serial_t)i));
    }
    msdk_port_board_log("a log line from the test");
    msdk_port_board_log(NULL);
    ck_assert(msdk_port_board_idle(0));
    msdk_host_board_shutdown();
    msdk_host_board_shutdown(); /* twice is fine */
    ck_assert_ptr_null(msdk_port_board_nvm(MSDK_BOARD_NVM_DATA));
    ck_assert(!msdk_port_board_idle(0));
    msdk_port_board_log("a log line without a board");
}
END_TEST

START_TEST(leds_count_pulses)
{
    ph_start_ok(NULL);
    for (int i = 0; i < 5; i++) {
        msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, true);
        msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, true); /* still on: not a new pulse */
        msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, false);
    }
    msdk_port_io_led_set(MSDK_IO_LED_ALARM, true);
    msdk_port_io_led_set(MSDK_IO_LED_COUNT, true); /* ignored */
    ck_assert_uint_eq(msdk_host_led_pulses(MSDK_IO_LED_ACTIVE), 5);
    ck_assert_uint_eq(msdk_host_led_pulses(MSDK_IO_LED_REACTIVE), 0);
    ck_assert_uint_eq(msdk_host_led_pulses(MSDK_IO_LED_ALARM), 1);
    ck_assert(!msdk_host_led_is_on(MSDK_IO_LED_ACTIVE));
    ck_assert(msdk_host_led_is_on(MSDK_IO_LED_ALARM));
    ck_assert(!msdk_host_led_is_on(MSDK_IO_LED_COUNT));
    msdk_host_inputs_set(MSDK_IO_IN_MAGNET | MSDK_IO_IN_METER_COVER_OPEN, true);
    ck_assert_uint_eq(msdk_port_io_inputs_read(), MSDK_IO_IN_MAGNET | MSDK_IO_IN_METER_COVER_OPEN);
    msdk_host_inputs_set(MSDK_IO_IN_MAGNET, false);
    ck_assert_uint_eq(msdk_port_io_inputs_read(), MSDK_IO_IN_METER_COVER_OPEN);
}
END_TEST

START_TEST(relay_follows_after_operate_time)
{
    ph_start_ok(NULL);
    bool closed = false;
    ck_assert_int_eq(msdk_port_io_relay_feedback(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_io_relay_feedback(&closed), MSDK_OK);
    ck_assert(closed);
    ck_assert_int_eq(msdk_port_io_relay_drive(false), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(MSDK_HOST_RELAY_OPERATE_MS - 1u), MSDK_OK);
    ck_assert_int_eq(msdk_port_io_relay_feedback(&closed), MSDK_OK);
    ck_assert(closed);
    ck_assert_int_eq(msdk_host_clock_step_ms(1), MSDK_OK);
    ck_assert_int_eq(msdk_port_io_relay_feedback(&closed), MSDK_OK);
    ck_assert(!closed);
    ck_assert_int_eq(msdk_port_io_relay_drive(true), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(MSDK_HOST_RELAY_OPERATE_MS), MSDK_OK);
    ck_assert(msdk_host_relay_is_closed());
    msdk_host_board_shutdown();
    ph_start_ok("--relay-open", NULL);
    ck_assert(!msdk_host_relay_is_closed());
}
END_TEST

START_TEST(lcd_checks_its_frame)
{
    ph_start_ok(NULL);
    msdk_lcd_frame_t f;
    memset(&f, 0, sizeof(f));
    strcpy(f.value, "-1.234:56");
    strcpy(f.code, "0.9.1");
    f.icons = MSDK_LCD_ICON_DST | MSDK_LCD_ICON_RELAY_OPEN;
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_OK);
    msdk_lcd_frame_t g;
    ck_assert_int_eq(msdk_host_lcd_get(&g), MSDK_OK);
    ck_assert_str_eq(g.value, "-1.234:56");
    char text[128];
    (void)msdk_host_lcd_format(&g, text, sizeof(text));
    ck_assert_str_eq(text, "-1.234:56 | 0.9.1 | OPEN DST");
    strcpy(f.value, "123456789"); /* nine digits */
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_ERR_INVALID_ARG);
    strcpy(f.value, "12x");
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_ERR_INVALID_ARG);
    memset(f.value, '1', sizeof(f.value)); /* unterminated */
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_ERR_INVALID_ARG);
    strcpy(f.value, "1");
    f.icons = 1u << 30;
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_lcd_show(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_lcd_get(&g), MSDK_OK);
    ck_assert_str_eq(g.value, "-1.234:56"); /* unchanged by the refusals */
}
END_TEST

static void show_code(const char *value, const char *code)
{
    msdk_lcd_frame_t f;
    memset(&f, 0, sizeof(f));
    strcpy(f.value, value);
    strcpy(f.code, code);
    f.icons = MSDK_LCD_ICON_KWH;
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_OK);
}

static void show(const char *value)
{
    show_code(value, "1.8.0");
}

static double wall_s(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

START_TEST(lcd_lines_are_printed_and_rate_limited)
{
    /* stdout is not a terminal here: changes print "LCD| ..." lines, limited by wall
     * time; a new item (code) goes out at once while the budget lasts, a new value of
     * the same item waits MSDK_HOST_LCD_MIN_INTERVAL_MS (the latest value wins). */
    ph_capture_t cap;
    ph_stdout_capture_begin(&cap);
    ph_start_ok(NULL);
    show("1");
    ck_assert(msdk_port_board_idle(0));
    show("2");
    show("3");
    ck_assert(msdk_port_board_idle(0));
    double t0 = wall_s();
    while (wall_s() - t0 < (double)MSDK_HOST_LCD_MIN_INTERVAL_MS / 1000.0 + 0.05) {
        ck_assert(msdk_port_board_idle(5));
    }
    show_code("5", "2.8.0");
    ck_assert(msdk_port_board_idle(0));
    show_code("6", "3.8.0");
    ck_assert(msdk_port_board_idle(0));
    for (int i = 10; i < 30; i++) { /* a fast scroll: the budget caps the lines */
        char code[8];
        (void)snprintf(code, sizeof(code), "C.%d", i);
        show_code("8", code);
        ck_assert(msdk_port_board_idle(0));
    }
    show_code("7", "3.8.0");
    msdk_host_stop(0);
    ck_assert(!msdk_port_board_idle(0)); /* the last content is printed at the stop */
    char out[16384];
    (void)ph_stdout_capture_end(&cap, out, sizeof(out));
    ck_assert_ptr_nonnull(strstr(out, "\nLCD| 1 | 1.8.0 | kWh\n"));
    ck_assert_ptr_null(strstr(out, "LCD| 2 "));
    ck_assert_ptr_nonnull(strstr(out, "\nLCD| 3 | 1.8.0 | kWh\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nLCD| 5 | 2.8.0 | kWh\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nLCD| 6 | 3.8.0 | kWh\n"));
    ck_assert_uint_le(count(out, "LCD| 8 | C."), MSDK_HOST_LCD_MAX_LINES_PER_S);
    ck_assert_ptr_nonnull(strstr(out, "\nLCD| 7 | 3.8.0 | kWh\n"));
    ck_assert_ptr_nonnull(strstr(out, "listening: control tcp 127.0.0.1:"));
}
END_TEST

START_TEST(no_lcd_prints_no_lcd_lines)
{
    ph_capture_t cap;
    ph_stdout_capture_begin(&cap);
    ph_start_ok("--no-lcd", NULL);
    show("1");
    ck_assert(msdk_port_board_idle(0));
    msdk_host_board_shutdown();
    char out[8192];
    (void)ph_stdout_capture_end(&cap, out, sizeof(out));
    ck_assert_ptr_null(strstr(out, "LCD|"));
}
END_TEST

START_TEST(watchdog_expiry_and_reset_cause)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_port_reset_cause(), MSDK_RESET_POWER_ON);
    ck_assert_int_eq(msdk_port_watchdog_start(0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_watchdog_start(1000), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(500), MSDK_OK);
    msdk_port_watchdog_kick();
    ck_assert_int_eq(msdk_host_clock_step_ms(999), MSDK_OK);
    ck_assert(msdk_port_board_idle(0));
    ck_assert_int_eq(msdk_host_clock_step_ms(1), MSDK_OK);
    ck_assert(!msdk_port_board_idle(0));
    ck_assert_int_eq(msdk_port_board_exit_status(), MSDK_HOST_EXIT_WATCHDOG);
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 1500);
    msdk_host_board_shutdown();

    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_port_reset_cause(), MSDK_RESET_WATCHDOG);
    msdk_host_board_shutdown();
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_port_reset_cause(), MSDK_RESET_POWER_ON);
}
END_TEST

START_TEST(image_slot)
{
    ph_start_ok(NULL);
    msdk_image_slot_info_t info;
    ck_assert_int_eq(msdk_port_image_slot_info(&info), MSDK_OK);
    ck_assert_uint_eq(info.size, 512u * 1024u);
    ck_assert_uint_eq(info.write_align, 4u);
    ck_assert_int_eq(msdk_port_image_slot_info(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_image_slot_erase(), MSDK_OK);
    const uint8_t img[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    ck_assert_int_eq(msdk_port_image_slot_write(16, img, 8), MSDK_OK);
    ck_assert_int_eq(msdk_port_image_slot_write(18, img, 8), MSDK_ERR_ALIGNMENT);
    ck_assert_int_eq(msdk_port_image_slot_write(16, img, 6), MSDK_ERR_ALIGNMENT);
    ck_assert_int_eq(msdk_port_image_slot_write(512u * 1024u - 4u, img, 8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_image_slot_write(0, NULL, 4), MSDK_ERR_INVALID_ARG);
    uint8_t r[12];
    ck_assert_int_eq(msdk_port_image_slot_read(12, r, 12), MSDK_OK);
    ck_assert_uint_eq(r[0], 0xFF);
    ck_assert_mem_eq(r + 4, img, 8);
    ck_assert_int_eq(msdk_port_image_slot_read(512u * 1024u, r, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_image_activate(0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_image_activate(512u * 1024u + 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_image_activate(24), MSDK_OK);
    char marker[96];
    (void)snprintf(marker, sizeof(marker), "%s.activate", ph_image_path());
    FILE *f = fopen(marker, "r");
    ck_assert_ptr_nonnull(f);
    char line[32] = { 0 };
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
    (void)fclose(f);
    ck_assert_str_eq(line, "size=24\n");
}
END_TEST

static unsigned fails;

static void on_fail(void *ctx)
{
    (void)ctx;
    fails++;
}

START_TEST(power_status_and_outage)
{
    ph_start_ok(NULL);
    msdk_power_status_t st;
    ck_assert_int_eq(msdk_port_power_status(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_power_status(&st), MSDK_OK);
    ck_assert(!st.failing);
    ck_assert_uint_gt(st.supply_mv, 0);
    ck_assert(st.backup_present);
    ck_assert_int_eq(msdk_port_power_fail_handler_set(on_fail, NULL), MSDK_OK);
    msdk_host_power_fail();
    msdk_host_power_fail(); /* once */
    ck_assert_uint_eq(fails, 1);
    ck_assert(!msdk_port_board_idle(0));
    ck_assert_int_eq(msdk_port_board_exit_status(), 0);
    ck_assert_int_eq(msdk_port_power_status(&st), MSDK_OK);
    ck_assert(st.failing);
}
END_TEST

START_TEST(entropy_and_critical)
{
    uint8_t a[32], b[32];
    ck_assert_int_eq(msdk_port_entropy_read(a, sizeof(a)), MSDK_OK);
    ck_assert_int_eq(msdk_port_entropy_read(b, sizeof(b)), MSDK_OK);
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    ck_assert_int_eq(msdk_port_entropy_read(NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_entropy_read(NULL, 0), MSDK_OK);
    ph_start_ok(NULL);
    msdk_critical_state_t s1 = msdk_port_critical_enter();
    msdk_critical_state_t s2 = msdk_port_critical_enter();
    ck_assert_uint_eq(s1, 0);
    ck_assert_uint_eq(s2, 1);
    msdk_port_critical_exit(s2);
    msdk_port_critical_exit(s1);
    ck_assert_uint_eq(msdk_port_critical_enter(), 0);
}
END_TEST

START_TEST(sigterm_stops_the_run)
{
    ph_start_ok(NULL);
    ck_assert(msdk_port_board_idle(0));
    ck_assert_int_eq(raise(SIGTERM), 0); /* blocked: picked up by the board */
    bool running = true;
    for (unsigned i = 0; (i < 100u) && running; i++) {
        running = msdk_port_board_idle(1);
    }
    ck_assert(!running);
    ck_assert_int_eq(msdk_port_board_exit_status(), 0);
}
END_TEST

Suite *host_board_suite(void)
{
    Suite *s = suite_create("port_host.board");
    TCase *tc = tcase_create("board");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, options_are_checked);
    tcase_add_test(tc, config_settings_reach_the_firmware);
    tcase_add_test(tc, board_identity_and_instances);
    tcase_add_test(tc, leds_count_pulses);
    tcase_add_test(tc, relay_follows_after_operate_time);
    tcase_add_test(tc, lcd_checks_its_frame);
    tcase_add_test(tc, lcd_lines_are_printed_and_rate_limited);
    tcase_add_test(tc, no_lcd_prints_no_lcd_lines);
    tcase_add_test(tc, watchdog_expiry_and_reset_cause);
    tcase_add_test(tc, image_slot);
    tcase_add_test(tc, power_status_and_outage);
    tcase_add_test(tc, entropy_and_critical);
    tcase_add_test(tc, sigterm_stops_the_run);
    suite_add_tcase(s, tc);
    return s;
}
