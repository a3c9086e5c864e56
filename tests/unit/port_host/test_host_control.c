/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Control interface: commands, their effects, and robustness to garbage. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "port_host_check.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/io.h"
#include "msdk/port/power.h"
#include "msdk/port/watchdog.h"

Suite *host_control_suite(void);

static int ctl;
static char reply[1200];

static void open_ctl(void)
{
    ctl = ph_connect(msdk_host_control_tcp_port());
}

static void expect(const char *cmd, const char *prefix)
{
    ck_assert_msg(ph_command(ctl, cmd, reply, sizeof(reply)), "no reply to '%s'", cmd);
    ck_assert_msg(strncmp(reply, prefix, strlen(prefix)) == 0, "'%s' -> '%s', expected '%s...'",
                  cmd, reply, prefix);
}

START_TEST(help_status_lcd)
{
    ph_start_ok(NULL);
    open_ctl();
    expect("help", "ok commands:");
    expect("status", "ok time_ms=0 ");
    ck_assert_ptr_nonnull(strstr(reply, " relay=closed "));
    ck_assert_ptr_nonnull(strstr(reply, " speed=stepped "));
    ck_assert_ptr_nonnull(strstr(reply, " inputs=none "));
    msdk_lcd_frame_t f;
    memset(&f, 0, sizeof(f));
    strcpy(f.value, "12345.678");
    strcpy(f.code, "1.8.0");
    f.icons = MSDK_LCD_ICON_KWH | MSDK_LCD_ICON_L1 | MSDK_LCD_ICON_T1;
    ck_assert_int_eq(msdk_port_lcd_show(&f), MSDK_OK);
    expect("lcd", "ok 12345.678 | 1.8.0 | kWh L1 T1");
    (void)close(ctl);
}
END_TEST

START_TEST(inputs_follow_commands)
{
    ph_start_ok(NULL);
    open_ctl();
    expect("cover terminal open", "ok");
    ck_assert_uint_eq(msdk_port_io_inputs_read(), MSDK_IO_IN_TERMINAL_COVER_OPEN);
    expect("cover meter open", "ok");
    expect("magnet on", "ok");
    expect("button scroll press", "ok");
    expect("button relay press", "ok");
    ck_assert_uint_eq(msdk_port_io_inputs_read(), 0x1Fu);
    expect("status", "ok ");
    ck_assert_ptr_nonnull(
        strstr(reply, "inputs=terminal_cover,meter_cover,magnet,button_scroll,button_relay"));
    expect("cover terminal closed", "ok");
    expect("cover meter closed", "ok");
    expect("magnet off", "ok");
    expect("button scroll release", "ok");
    expect("button relay release", "ok");
    ck_assert_uint_eq(msdk_port_io_inputs_read(), 0);
    (void)close(ctl);
}
END_TEST

START_TEST(relay_fail_welds_contacts)
{
    ph_start_ok(NULL);
    open_ctl();
    expect("relay fail on", "ok");
    ck_assert_int_eq(msdk_port_io_relay_drive(false), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(200), MSDK_OK);
    bool closed = false;
    ck_assert_int_eq(msdk_port_io_relay_feedback(&closed), MSDK_OK);
    ck_assert(closed);
    expect("status", "ok ");
    ck_assert_ptr_nonnull(strstr(reply, " relay=closed relay_drive=open relay_fail=on "));
    expect("relay fail off", "ok");
    ck_assert_int_eq(msdk_port_io_relay_drive(false), MSDK_OK);
    ck_assert_int_eq(msdk_host_clock_step_ms(50), MSDK_OK);
    ck_assert_int_eq(msdk_port_io_relay_feedback(&closed), MSDK_OK);
    ck_assert(!closed);
    (void)close(ctl);
}
END_TEST

START_TEST(grid_commands_change_the_model)
{
    ph_start_ok(NULL);
    open_ctl();
    expect("grid phase 2 v 231.5 i 7 angle 15", "ok");
    expect("grid phase 3", "error"); /* at least one name/value pair */
    expect("grid phase 3 vangle 110 i 2", "ok");
    expect("grid freq 49.9", "ok");
    expect("grid harmonic 1 v 3 0.05 10", "ok");
    expect("grid harmonic 1 i 5 0.2 -30", "ok");
    expect("grid noise 3", "ok");
    expect("grid neutral 2 90", "ok");
    msdk_host_grid_t g;
    ck_assert_int_eq(msdk_host_grid_get(&g), MSDK_OK);
    ck_assert_double_eq(g.phase[1].v_rms, 231.5);
    ck_assert_double_eq(g.phase[1].i_rms, 7.0);
    ck_assert_double_eq(g.phase[1].i_angle_deg, 15.0);
    ck_assert_double_eq(g.phase[2].v_angle_deg, 110.0);
    ck_assert_double_eq(g.phase[2].i_rms, 2.0);
    ck_assert_double_eq(g.freq_hz, 49.9);
    ck_assert_uint_eq(g.phase[0].v_harm[0].order, 3);
    ck_assert_double_eq(g.phase[0].v_harm[0].rel, 0.05);
    ck_assert_uint_eq(g.phase[0].i_harm[0].order, 5);
    ck_assert_double_eq(g.phase[0].i_harm[0].phase_deg, -30.0);
    ck_assert_double_eq(g.noise_codes, 3.0);
    ck_assert(!g.neutral_is_sum);
    ck_assert_double_eq(g.neutral_rms, 2.0);
    expect("grid neutral sum", "ok");
    ck_assert_int_eq(msdk_host_grid_get(&g), MSDK_OK);
    ck_assert(g.neutral_is_sum);
    (void)close(ctl);
}
END_TEST

START_TEST(garbage_gets_errors)
{
    static const char *const bad[] = {
        "bogus",
        "status now",
        "cover terminal",
        "cover window open",
        "magnet maybe",
        "button scroll",
        "relay fail",
        "grid",
        "grid phase 9 v 230",
        "grid phase 1 v abc",
        "grid phase 1 v 1e400",
        "grid phase 1 v nan",
        "grid phase 1 v -5",
        "grid phase 1 x 5",
        "grid phase 1 v",
        "grid freq 0x32",
        "grid freq 5",
        "grid freq 50 60",
        "grid harmonic 1 v 1 0.1 0",
        "grid harmonic 1 q 3 0.1 0",
        "grid harmonic 1 v 3 2 0",
        "grid harmonic 1 v 99999999999999999999999 0.1 0",
        "grid noise -1",
        "clock speed -3",
        "clock speed fast",
        "clock step -5",
        "clock step 1 2",
        "power",
        "power on",
        "quit now",
        "a b c d e f g h i j k l m n o p",
        "\x01\x02\x7f",
        "st\xc3\xa4tus",
    };
    ph_start_ok(NULL);
    open_ctl();
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        expect(bad[i], "error ");
    }
    char longline[600];
    memset(longline, 'x', sizeof(longline) - 1u);
    longline[sizeof(longline) - 1u] = '\0';
    expect(longline, "error line too long");
    ph_send(ctl, "\0status\n", 8); /* a NUL byte is not a blank line */
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert_str_eq(reply, "error bad characters");
    ph_send(ctl, "\r\n\n   \t\n", 7); /* blank lines: no reply */
    expect("status", "ok ");          /* still in sync */
    ph_send(ctl, "magnet on\r\n", 11);
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert_str_eq(reply, "ok");
    ck_assert_uint_eq(msdk_port_io_inputs_read(), MSDK_IO_IN_MAGNET);
    /* Nothing changed by the errors. */
    msdk_host_grid_t g;
    ck_assert_int_eq(msdk_host_grid_get(&g), MSDK_OK);
    ck_assert_double_eq(g.freq_hz, 50.0);
    ck_assert_double_eq(g.phase[0].v_rms, 230.0);
    ck_assert(msdk_host_clock_speed() == 0.0);
    (void)close(ctl);
}
END_TEST

START_TEST(clock_commands)
{
    ph_start_ok(NULL);
    open_ctl();
    expect("clock step 1500", "ok time_ms=1500");
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), 1500);
    expect("clock step 0", "ok time_ms=1500");
    /* A long step runs in slices with the firmware's loop in between. */
    expect("clock step 5000", "ok time_ms=6500");
    /* Lines sent behind a step wait for it. */
    ph_send(ctl, "clock step 200\nstatus\n", 22);
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert_str_eq(reply, "ok time_ms=6700");
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert(strncmp(reply, "ok time_ms=6700 ", 16) == 0);
    expect("clock speed 10", "ok");
    ck_assert(msdk_host_clock_speed() == 10.0);
    expect("clock step 5", "error not in stepped mode");
    expect("clock speed 0", "ok");
    ck_assert(msdk_host_clock_speed() == 0.0);
    /* A step that runs into the end of the run says so. */
    uint64_t t = msdk_port_clock_uptime_ms();
    ck_assert_int_eq(msdk_port_watchdog_start(1000), MSDK_OK);
    char want[96];
    (void)snprintf(want, sizeof(want), "error stopped at time_ms=%llu: watchdog expired",
                   (unsigned long long)(t + 1000u));
    expect("clock step 3000", want);
    ck_assert(!msdk_port_board_idle(0));
    ck_assert_int_eq(msdk_port_board_exit_status(), MSDK_HOST_EXIT_WATCHDOG);
    (void)close(ctl);
}
END_TEST

START_TEST(step_of_a_vanished_client_is_cancelled)
{
    ph_start_ok(NULL);
    open_ctl();
    /* 317 years in one step: only stepped on behalf of a client that waits. */
    ph_send(ctl, "clock step 10000000000000\n", 26);
    ck_assert(ph_pump(3));
    uint64_t during = msdk_port_clock_uptime_ms();
    ck_assert_msg(during > 0u, "the step did not start");
    (void)close(ctl);
    /* Let the board notice the hang-up (while it runs behind, it polls its descriptors
     * once per millisecond of wall time, not at every pass); then time must stand still. */
    uint64_t after_close = msdk_port_clock_uptime_ms();
    bool stopped = false;
    for (unsigned i = 0; (i < 2000u) && !stopped; i++) {
        ck_assert(ph_pump(20));
        uint64_t t = msdk_port_clock_uptime_ms();
        stopped = (t == after_close);
        after_close = t;
        if (!stopped) {
            const struct timespec ms = { 0, 1000000L };
            (void)nanosleep(&ms, NULL);
        }
    }
    ck_assert_msg(stopped, "the step of a vanished client went on");
    ck_assert(ph_pump(20));
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), after_close);
    /* A new client still gets prompt answers. */
    open_ctl();
    expect("clock step 10", "ok time_ms=");
    ck_assert_uint_eq(msdk_port_clock_uptime_ms(), after_close + 10u);
    (void)close(ctl);
}
END_TEST

static unsigned power_calls;

static void on_power_fail(void *ctx)
{
    ck_assert_ptr_eq(ctx, &power_calls);
    power_calls++;
}

START_TEST(power_fail_stops_with_status_0)
{
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_port_power_fail_handler_set(on_power_fail, &power_calls), MSDK_OK);
    open_ctl();
    ph_send(ctl, "power fail\n", 11);
    bool running = true;
    for (unsigned i = 0; (i < 2000u) && running; i++) {
        running = msdk_port_board_idle(1);
    }
    ck_assert(!running);
    ck_assert_uint_eq(power_calls, 1);
    ck_assert_int_eq(msdk_port_board_exit_status(), MSDK_HOST_EXIT_OK);
    msdk_power_status_t st;
    ck_assert_int_eq(msdk_port_power_status(&st), MSDK_OK);
    ck_assert(st.failing);
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert_str_eq(reply, "ok");
    (void)close(ctl);
}
END_TEST

START_TEST(quit_stops_with_status_0)
{
    ph_start_ok(NULL);
    open_ctl();
    ph_send(ctl, "quit\n", 5);
    bool running = true;
    for (unsigned i = 0; (i < 2000u) && running; i++) {
        running = msdk_port_board_idle(1);
    }
    ck_assert(!running);
    ck_assert_int_eq(msdk_port_board_exit_status(), 0);
    ck_assert(ph_recv_line(ctl, reply, sizeof(reply)));
    ck_assert_str_eq(reply, "ok bye");
    (void)close(ctl);
}
END_TEST

START_TEST(too_many_clients_are_refused)
{
    ph_start_ok(NULL);
    int fds[MSDK_HOST_CONTROL_MAX_CLIENTS + 1u];
    for (size_t i = 0; i <= MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        fds[i] = ph_connect(msdk_host_control_tcp_port());
        ck_assert(ph_pump(2));
    }
    ck_assert(ph_recv_line(fds[MSDK_HOST_CONTROL_MAX_CLIENTS], reply, sizeof(reply)));
    ck_assert_str_eq(reply, "error too many control clients");
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        ck_assert(ph_command(fds[i], "help", reply, sizeof(reply)));
        ck_assert(strncmp(reply, "ok ", 3) == 0);
    }
    for (size_t i = 0; i <= MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        (void)close(fds[i]);
    }
}
END_TEST

Suite *host_control_suite(void)
{
    Suite *s = suite_create("port_host.control");
    TCase *tc = tcase_create("control");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, help_status_lcd);
    tcase_add_test(tc, inputs_follow_commands);
    tcase_add_test(tc, relay_fail_welds_contacts);
    tcase_add_test(tc, grid_commands_change_the_model);
    tcase_add_test(tc, garbage_gets_errors);
    tcase_add_test(tc, clock_commands);
    tcase_add_test(tc, step_of_a_vanished_client_is_cancelled);
    tcase_add_test(tc, power_fail_stops_with_status_0);
    tcase_add_test(tc, quit_stops_with_status_0);
    tcase_add_test(tc, too_many_clients_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
