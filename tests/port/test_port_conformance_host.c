/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.port_conformance, host part: the conformance suite against ports/host
 * (file NVM, simulated clock, a serial channel over TCP). Built only when the
 * board is the host port. Every test starts its own simulated board on files
 * in a fresh temporary directory, with no fixed TCP ports. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <check.h>
#include "conf_test.h"
#include "fake_nvm.h"
#include "msdk/host/sim.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/nvm.h"
#include "msdk/port/serial.h"
#include "port_conformance.h"

Suite *port_conformance_host_suite(void);

/* The board keeps argv (it re-executes itself on reset), so it is static. */
static char host_dir[64];
static char host_nvm[128];
static char host_img[128];
static char *host_argv[20];

static void host_up(void)
{
    static char a_prog[] = "conformance";
    static char a_stepped[] = "--stepped";
    static char a_afe_off[] = "--afe-off";
    static char a_no_lcd[] = "--no-lcd";
    static char a_nvm[] = "--nvm";
    static char a_nvm_size[] = "--nvm-size";
    static char a_256k[] = "256k";
    static char a_image[] = "--image";
    static char a_tcp_any[] = "--tcp-any";
    static char a_mbus[] = "--mbus-tcp";
    static char a_control[] = "--control-tcp";
    static char a_off[] = "off";
    static char a_no_wan[] = "--no-wan-pty";
    char *args[] = { a_prog,  a_stepped, a_afe_off,  a_no_lcd, a_nvm,     host_nvm,
                     a_image, host_img,  a_nvm_size, a_256k,   a_tcp_any, a_mbus,
                     a_off,   a_control, a_off,      a_no_wan };
    int argc = (int)(sizeof(args) / sizeof(args[0]));
    memcpy(host_argv, args, sizeof(args));
    host_argv[argc] = NULL;
    ck_assert_int_eq(msdk_port_board_init(argc, host_argv), MSDK_OK);
}

static void host_setup(void)
{
    (void)snprintf(host_dir, sizeof(host_dir), "/tmp/msdk-conformance-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(host_dir));
    (void)snprintf(host_nvm, sizeof(host_nvm), "%s/nvm.bin", host_dir);
    (void)snprintf(host_img, sizeof(host_img), "%s/image.bin", host_dir);
    host_up();
}

static void host_teardown(void)
{
    char marker[160];
    msdk_host_board_shutdown();
    (void)snprintf(marker, sizeof(marker), "%s.reset", host_nvm);
    (void)unlink(marker);
    (void)unlink(host_nvm);
    (void)unlink(host_img);
    (void)rmdir(host_dir);
}

/* ---- NVM ------------------------------------------------------------------------- */

START_TEST(host_nvm_conforms)
{
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    ck_assert_ptr_nonnull(nvm);
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_nvm(nvm, conf_test_report, &log), 0);
    ck_assert_int_ge(log.checks, 8);
    msdk_host_nvm_stats_t st;
    ck_assert_int_eq(msdk_host_nvm_stats(&st), MSDK_OK);
    ck_assert_uint_gt(st.programs, 0u);
    ck_assert_uint_gt(st.erases, 0u);
}
END_TEST

/* The injector decorates the host's file NVM too, and what a cut leaves in
 * the file is what the next boot of the simulator reads. */
START_TEST(host_nvm_power_cut_persists)
{
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    ck_assert_ptr_nonnull(nvm);
    msdk_fake_nvm_cut_t cut;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, nvm, NULL), MSDK_OK);
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_nvm(&cut.nvm, conf_test_report, &log), 0);

    const uint32_t page = nvm->geo.page_size;
    ck_assert_uint_le(page, 256u);
    ck_assert_uint_ge(nvm->geo.sector_size, 3u * page);
    msdk_fake_nvm_cut_config_t cfg = { .armed = true,
                                       .cut_after = 2u,
                                       .mode = MSDK_FAKE_NVM_CUT_PROG_HALF };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, nvm, &cfg), MSDK_OK);
    uint8_t zeros[256];
    memset(zeros, 0, sizeof(zeros));
    ck_assert_int_eq(msdk_nvm_erase(&cut.nvm, 0u), MSDK_OK);
    for (uint32_t p = 0; p < 3u; p++) {
        ck_assert_int_eq(msdk_nvm_program(&cut.nvm, p * page, zeros, page), MSDK_OK);
    }
    ck_assert(msdk_fake_nvm_cut_reached(&cut));

    /* Reboot the simulator on the same file. */
    msdk_host_board_shutdown();
    host_up();
    nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    ck_assert_ptr_nonnull(nvm);
    uint8_t buf[256];
    for (uint32_t p = 0; p < 3u; p++) {
        ck_assert_int_eq(msdk_nvm_read(nvm, p * page, buf, page), MSDK_OK);
        for (uint32_t i = 0; i < page; i++) {
            uint8_t want = ((p == 0u) || ((p == 1u) && (i < page / 2u))) ? 0x00u : 0xFFu;
            ck_assert_msg(buf[i] == want, "page %u byte %u: 0x%02x", (unsigned)p, (unsigned)i,
                          buf[i]);
        }
    }
}
END_TEST

/* ---- Clock ------------------------------------------------------------------------- */

static uint64_t step_uptime(void *ctx)
{
    (void)ctx;
    return msdk_port_clock_uptime_ms();
}

static msdk_err_t step_rtc_read(void *ctx, msdk_rtc_time_t *now)
{
    (void)ctx;
    return msdk_port_rtc_read(now);
}

static msdk_err_t step_rtc_set(void *ctx, int64_t utc_s, uint16_t frac_ms)
{
    (void)ctx;
    return msdk_port_rtc_set(utc_s, frac_ms);
}

static void step_wait(void *ctx, uint32_t ms)
{
    (void)ctx;
    ck_assert_int_eq(msdk_host_clock_step_ms(ms), MSDK_OK);
}

START_TEST(host_clock_stepped_conforms)
{
    const msdk_conf_clock_t clk = { step_uptime, step_rtc_read, step_rtc_set, step_wait, NULL };
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_clock(&clk, conf_test_report, &log), 0);
    ck_assert_int_ge(log.checks, 9);
}
END_TEST

/* The port adapter waits with msdk_port_board_idle(): run time fast. */
START_TEST(host_clock_port_adapter_conforms)
{
    ck_assert_int_eq(msdk_host_clock_speed_set(100000.0), MSDK_OK);
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_clock(msdk_conf_clock_port(), conf_test_report, &log), 0);
}
END_TEST

/* ---- Serial ------------------------------------------------------------------------ */

/* The far end of a host channel: a TCP client as an msdk_serial_t. */
typedef struct tcp_end {
    int fd;
    bool connected;
} tcp_end_t;

static msdk_err_t tcp_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    (void)ctx;
    (void)cfg;
    return MSDK_OK; /* a socket has no line settings */
}

static msdk_err_t tcp_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    tcp_end_t *t = ctx;
    ssize_t n = send(t->fd, data, len, MSG_NOSIGNAL);
    if (n < 0) {
        return ((errno == EAGAIN) || (errno == EWOULDBLOCK)) ? MSDK_OK : MSDK_ERR_IO;
    }
    *written = (size_t)n;
    return MSDK_OK;
}

static msdk_err_t tcp_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    tcp_end_t *t = ctx;
    ssize_t n = recv(t->fd, buf, cap, 0);
    if (n < 0) {
        return ((errno == EAGAIN) || (errno == EWOULDBLOCK)) ? MSDK_OK : MSDK_ERR_IO;
    }
    if (n == 0) {
        t->connected = false;
        return MSDK_ERR_CLOSED;
    }
    *got = (size_t)n;
    return MSDK_OK;
}

static size_t tcp_tx_pending(void *ctx)
{
    (void)ctx;
    return 0u; /* the kernel delivers what send() took */
}

static bool tcp_is_connected(void *ctx)
{
    const tcp_end_t *t = ctx;
    return t->connected;
}

static const msdk_serial_ops_t tcp_ops = {
    .configure = tcp_configure,
    .write = tcp_write,
    .read = tcp_read,
    .tx_pending = tcp_tx_pending,
    .is_connected = tcp_is_connected,
};

static void host_pump(void *ctx)
{
    (void)ctx;
    (void)msdk_port_board_idle(0u);
}

START_TEST(host_serial_optical_conforms)
{
    const msdk_serial_t *optical = msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL);
    ck_assert_ptr_nonnull(optical);
    uint16_t port = msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_OPTICAL);
    ck_assert_uint_ne(port, 0u);

    tcp_end_t t = { socket(AF_INET, SOCK_STREAM, 0), false };
    ck_assert_int_ge(t.fd, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(t.fd, (const struct sockaddr *)&sa, sizeof(sa)), 0);
    ck_assert_int_eq(fcntl(t.fd, F_SETFL, fcntl(t.fd, F_GETFL) | O_NONBLOCK), 0);
    t.connected = true;
    msdk_serial_t client = { &tcp_ops, &t, "tcp-client" };

    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(
        msdk_conf_serial_pair(optical, &client, host_pump, NULL, conf_test_report, &log), 0);
    ck_assert_int_ge(log.checks, 8);
    (void)close(t.fd);
}
END_TEST

Suite *port_conformance_host_suite(void)
{
    Suite *s = suite_create("port_conformance_host");
    TCase *tc = tcase_create("host");
    tcase_add_checked_fixture(tc, host_setup, host_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, host_nvm_conforms);
    tcase_add_test(tc, host_nvm_power_cut_persists);
    tcase_add_test(tc, host_clock_stepped_conforms);
    tcase_add_test(tc, host_clock_port_adapter_conforms);
    tcase_add_test(tc, host_serial_optical_conforms);
    suite_add_tcase(s, tc);
    return s;
}
