/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Serial channels over TCP and pseudo-terminals, and the console. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "port_host_check.h"
#include "msdk/port/board.h"
#include "msdk/port/serial.h"

Suite *host_serial_suite(void);

static const msdk_serial_t *chan(msdk_board_serial_t which)
{
    const msdk_serial_t *p = msdk_port_board_serial(which);
    ck_assert_ptr_nonnull(p);
    return p;
}

static bool wait_connected(const msdk_serial_t *p, bool want)
{
    for (unsigned i = 0; i < 2000u; i++) {
        if (msdk_serial_is_connected(p) == want) {
            return true;
        }
        (void)msdk_port_board_idle(1);
    }
    return false;
}

/* Read exactly want bytes from the port, pumping idle. */
static size_t port_read(const msdk_serial_t *p, uint8_t *buf, size_t want)
{
    size_t got = 0;
    for (unsigned i = 0; (i < 4000u) && (got < want); i++) {
        size_t n = 0;
        ck_assert_int_eq(msdk_serial_read(p, buf + got, want - got, &n), MSDK_OK);
        got += n;
        if (n == 0u) {
            (void)msdk_port_board_idle(1);
        }
    }
    return got;
}

static void port_write_all(const msdk_serial_t *p, const uint8_t *data, size_t len)
{
    for (unsigned i = 0; (i < 4000u) && (len > 0u); i++) {
        size_t n = 0;
        ck_assert_int_eq(msdk_serial_write(p, data, len, &n), MSDK_OK);
        data += n;
        len -= n;
        if (len > 0u) {
            (void)msdk_port_board_idle(1);
        }
    }
    ck_assert_uint_eq(len, 0);
}

START_TEST(tcp_round_trip)
{
    ph_start_ok(NULL);
    const msdk_serial_t *opt = chan(MSDK_BOARD_SERIAL_OPTICAL);
    ck_assert_str_eq(opt->name, "optical");
    ck_assert(!msdk_serial_is_connected(opt));
    size_t n = 99;
    ck_assert_int_eq(msdk_serial_write(opt, (const uint8_t *)"x", 1, &n), MSDK_ERR_CLOSED);
    ck_assert_uint_eq(n, 0);

    int fd = ph_connect(msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_OPTICAL));
    ck_assert(wait_connected(opt, true));
    ph_send(fd, "hello", 5);
    uint8_t buf[16];
    ck_assert_uint_eq(port_read(opt, buf, 5), 5);
    ck_assert_mem_eq(buf, "hello", 5);

    port_write_all(opt, (const uint8_t *)"world", 5);
    char rx[8];
    ck_assert_uint_eq(ph_recv(fd, rx, 5), 5);
    ck_assert_mem_eq(rx, "world", 5);
    ck_assert_uint_eq(msdk_serial_tx_pending(opt), 0);

    (void)close(fd);
    ck_assert(wait_connected(opt, false));
}
END_TEST

START_TEST(tcp_new_client_replaces_old)
{
    ph_start_ok("--mbus-bus", "bridge", NULL);
    const msdk_serial_t *mbus = chan(MSDK_BOARD_SERIAL_MBUS);
    uint16_t port = msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_MBUS);
    int a = ph_connect(port);
    ck_assert(wait_connected(mbus, true));
    int b = ph_connect(port);
    ck_assert(ph_wait_eof(a));
    ck_assert(msdk_serial_is_connected(mbus));
    port_write_all(mbus, (const uint8_t *)"\x10\x40\xFE\x3E\x16", 5);
    uint8_t rx[5];
    ck_assert_uint_eq(ph_recv(b, rx, 5), 5);
    ck_assert_mem_eq(rx, "\x10\x40\xFE\x3E\x16", 5);
    (void)close(a);
    (void)close(b);
}
END_TEST

START_TEST(tcp_bulk_transfer_keeps_every_byte)
{
    ph_start_ok(NULL);
    const msdk_serial_t *opt = chan(MSDK_BOARD_SERIAL_OPTICAL);
    int fd = ph_connect(msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_OPTICAL));
    ck_assert(wait_connected(opt, true));
    static uint8_t out[20000];
    static uint8_t in[20000];
    for (size_t i = 0; i < sizeof(out); i++) {
        out[i] = (uint8_t)(i * 31u + (i >> 8));
    }
    /* More than the rings hold: flow control must hold the rest in the kernel. */
    ph_send(fd, out, sizeof(out));
    ck_assert_uint_eq(port_read(opt, in, sizeof(in)), sizeof(in));
    ck_assert_mem_eq(in, out, sizeof(in));
    (void)close(fd);
}
END_TEST

START_TEST(pty_round_trip_and_line_settings)
{
    ph_start_ok(NULL);
    const msdk_serial_t *wan = chan(MSDK_BOARD_SERIAL_WAN);
    const char *path = msdk_host_serial_pty_path(MSDK_BOARD_SERIAL_WAN);
    ck_assert_ptr_nonnull(path);
    ck_assert_uint_eq(msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_WAN), 0);
    ck_assert(ph_pump(3));
    ck_assert(!msdk_serial_is_connected(wan));

    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    ck_assert_int_ge(fd, 0);
    ck_assert(wait_connected(wan, true));
    ck_assert_int_eq(write(fd, "ping\x00\xFF", 6), 6);
    uint8_t buf[8];
    ck_assert_uint_eq(port_read(wan, buf, 6), 6);
    ck_assert_mem_eq(buf, "ping\x00\xFF", 6);

    port_write_all(wan, (const uint8_t *)"pong\r\n", 6);
    char rx[8];
    size_t got = 0;
    for (unsigned i = 0; (i < 2000u) && (got < 6u); i++) {
        ssize_t n = read(fd, rx + got, 6u - got);
        if (n > 0) {
            got += (size_t)n;
        } else {
            (void)msdk_port_board_idle(1);
        }
    }
    ck_assert_uint_eq(got, 6);
    ck_assert_mem_eq(rx, "pong\r\n", 6); /* raw: no CR/LF translation */

    msdk_serial_config_t cfg = { 300u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u };
    ck_assert_int_eq(msdk_serial_configure(wan, &cfg), MSDK_OK);
    /* The baud rate reaches the pty (Linux ptys always report CS8 without parity);
     * the whole setting is what the board recorded. */
    struct termios t;
    ck_assert_int_eq(tcgetattr(fd, &t), 0);
    ck_assert_uint_eq(cfgetospeed(&t), B300);
    msdk_serial_config_t cfg_got;
    ck_assert_int_eq(msdk_host_serial_config(MSDK_BOARD_SERIAL_WAN, &cfg_got), MSDK_OK);
    ck_assert_uint_eq(cfg_got.baud, 300u);
    ck_assert_uint_eq(cfg_got.data_bits, 7u);
    ck_assert_int_eq(cfg_got.parity, MSDK_SERIAL_PARITY_EVEN);
    ck_assert_uint_eq(cfg_got.stop_bits, 1u);
    ck_assert_int_eq(msdk_host_serial_config(MSDK_BOARD_SERIAL_COUNT, &cfg_got),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_host_serial_config(MSDK_BOARD_SERIAL_WAN, NULL), MSDK_ERR_INVALID_ARG);

    (void)close(fd);
    ck_assert(wait_connected(wan, false));
    fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK); /* a second client can attach */
    ck_assert_int_ge(fd, 0);
    ck_assert(wait_connected(wan, true));
    (void)close(fd);
}
END_TEST

START_TEST(optical_can_have_tcp_and_pty)
{
    ph_start_ok("--optical-pty", "--no-wan-pty", NULL);
    ck_assert_ptr_null(msdk_host_serial_pty_path(MSDK_BOARD_SERIAL_WAN));
    const char *path = msdk_host_serial_pty_path(MSDK_BOARD_SERIAL_OPTICAL);
    ck_assert_ptr_nonnull(path);
    const msdk_serial_t *opt = chan(MSDK_BOARD_SERIAL_OPTICAL);
    int pty = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    ck_assert_int_ge(pty, 0);
    int tcp = ph_connect(msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_OPTICAL));
    ck_assert(ph_pump(5));
    ck_assert(msdk_serial_is_connected(opt));
    port_write_all(opt, (const uint8_t *)"/?!\r\n", 5);
    char rx[8];
    ck_assert_uint_eq(ph_recv(tcp, rx, 5), 5);
    ck_assert_mem_eq(rx, "/?!\r\n", 5);
    size_t got = 0;
    for (unsigned i = 0; (i < 2000u) && (got < 5u); i++) {
        ssize_t n = read(pty, rx + got, 5u - got);
        if (n > 0) {
            got += (size_t)n;
        } else {
            (void)msdk_port_board_idle(1);
        }
    }
    ck_assert_uint_eq(got, 5);
    ck_assert_mem_eq(rx, "/?!\r\n", 5);
    (void)close(tcp);
    (void)close(pty);
}
END_TEST

START_TEST(console_writes_stdout_and_reads_nothing)
{
    ph_start_ok(NULL);
    const msdk_serial_t *con = chan(MSDK_BOARD_SERIAL_CONSOLE);
    ck_assert(msdk_serial_is_connected(con));
    size_t n = 0;
    ck_assert_int_eq(msdk_serial_write(con, (const uint8_t *)"console line\n", 13, &n), MSDK_OK);
    ck_assert_uint_eq(n, 13);
    uint8_t buf[4];
    ck_assert_int_eq(msdk_serial_read(con, buf, sizeof(buf), &n), MSDK_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(msdk_serial_tx_pending(con), 0);
}
END_TEST

START_TEST(configure_checks_settings)
{
    ph_start_ok(NULL);
    const msdk_serial_t *opt = chan(MSDK_BOARD_SERIAL_OPTICAL);
    msdk_serial_config_t cfg = { 9600u, 6u, MSDK_SERIAL_PARITY_NONE, 1u };
    ck_assert_int_eq(msdk_serial_configure(opt, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.data_bits = 8u;
    cfg.stop_bits = 3u;
    ck_assert_int_eq(msdk_serial_configure(opt, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.stop_bits = 2u;
    cfg.parity = (msdk_serial_parity_t)7;
    ck_assert_int_eq(msdk_serial_configure(opt, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.parity = MSDK_SERIAL_PARITY_ODD;
    ck_assert_int_eq(msdk_serial_configure(opt, &cfg), MSDK_OK);
    cfg.baud = 0;
    ck_assert_int_eq(msdk_serial_configure(opt, &cfg), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(channels_can_be_switched_off)
{
    ph_start_ok("--mbus-bus", "bridge", "--mbus-tcp", "off", "--control-tcp", "off", NULL);
    ck_assert_uint_eq(msdk_host_serial_tcp_port(MSDK_BOARD_SERIAL_MBUS), 0);
    ck_assert_uint_eq(msdk_host_control_tcp_port(), 0);
    const msdk_serial_t *mbus = chan(MSDK_BOARD_SERIAL_MBUS);
    ck_assert(!msdk_serial_is_connected(mbus));
    ck_assert_ptr_null(msdk_port_board_serial(MSDK_BOARD_SERIAL_COUNT));
}
END_TEST

Suite *host_serial_suite(void)
{
    Suite *s = suite_create("port_host.serial");
    TCase *tc = tcase_create("serial");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, tcp_round_trip);
    tcase_add_test(tc, tcp_new_client_replaces_old);
    tcase_add_test(tc, tcp_bulk_transfer_keeps_every_byte);
    tcase_add_test(tc, pty_round_trip_and_line_settings);
    tcase_add_test(tc, optical_can_have_tcp_and_pty);
    tcase_add_test(tc, console_writes_stdout_and_reads_nothing);
    tcase_add_test(tc, configure_checks_settings);
    tcase_add_test(tc, channels_can_be_switched_off);
    suite_add_tcase(s, tc);
    return s;
}
