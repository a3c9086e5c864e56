/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.fakes: the connected serial ports. */
#include <stdint.h>
#include <string.h>
#include <check.h>
#include "fake_serial.h"
#include "msdk/port/serial.h"

Suite *fake_serial_suite(void);

static size_t write_all(const msdk_serial_t *p, const char *s)
{
    size_t w = 0;
    ck_assert_int_eq(msdk_serial_write(p, (const uint8_t *)s, strlen(s), &w), MSDK_OK);
    return w;
}

START_TEST(pair_carries_bytes_both_ways)
{
    uint8_t ab[32];
    uint8_t ba[32];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ab, sizeof(ab), ba, sizeof(ba));
    ck_assert(msdk_serial_is_connected(&p.a.port));
    ck_assert(msdk_serial_is_connected(&p.b.port));
    ck_assert_str_eq(p.a.port.name, "fake-a");
    ck_assert_uint_eq(write_all(&p.a.port, "hello"), 5u);
    ck_assert_uint_eq(write_all(&p.b.port, "HI"), 2u);
    uint8_t buf[16];
    size_t got = 0;
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 5u);
    ck_assert_mem_eq(buf, "hello", 5u);
    ck_assert_int_eq(msdk_serial_read(&p.a.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 2u);
    ck_assert_mem_eq(buf, "HI", 2u);
    ck_assert_int_eq(msdk_serial_read(&p.a.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 0u);
    ck_assert_uint_eq(p.a.bytes_written, 5u);
    ck_assert_uint_eq(p.b.bytes_read, 5u);
}
END_TEST

START_TEST(pair_partial_writes_and_wrap_around)
{
    uint8_t ab[8];
    uint8_t ba[8];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ab, sizeof(ab), ba, sizeof(ba));
    ck_assert_uint_eq(write_all(&p.a.port, "0123456789"), 8u);
    ck_assert_uint_eq(write_all(&p.a.port, "x"), 0u);
    uint8_t buf[16];
    size_t got = 0;
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, 3u, &got), MSDK_OK);
    ck_assert_uint_eq(got, 3u);
    ck_assert_mem_eq(buf, "012", 3u);
    ck_assert_uint_eq(write_all(&p.a.port, "89A"), 3u);
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 8u);
    ck_assert_mem_eq(buf, "3456789A", 8u);
    /* Many laps around the ring. */
    for (unsigned i = 0; i < 100u; i++) {
        uint8_t out[5];
        for (unsigned j = 0; j < 5u; j++) {
            out[j] = (uint8_t)(i * 5u + j);
        }
        size_t w = 0;
        ck_assert_int_eq(msdk_serial_write(&p.b.port, out, 5u, &w), MSDK_OK);
        ck_assert_uint_eq(w, 5u);
        ck_assert_int_eq(msdk_serial_read(&p.a.port, buf, sizeof(buf), &got), MSDK_OK);
        ck_assert_uint_eq(got, 5u);
        ck_assert_mem_eq(buf, out, 5u);
    }
}
END_TEST

START_TEST(line_rate_models_tx_pending)
{
    uint8_t ab[32];
    uint8_t ba[32];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ab, sizeof(ab), ba, sizeof(ba));
    msdk_fake_serial_set_line_rate(&p, 2u);
    ck_assert_uint_eq(write_all(&p.a.port, "abcde"), 5u);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 5u);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.b.port), 0u);
    uint8_t buf[16];
    size_t got = 9;
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 0u);
    msdk_fake_serial_pump(&p);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 3u);
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 2u);
    ck_assert_mem_eq(buf, "ab", 2u);
    msdk_fake_serial_pump(&p);
    msdk_fake_serial_pump(&p);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 0u);
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 3u);
    ck_assert_mem_eq(buf, "cde", 3u);
    /* Back to an instant line: pending bytes leave with the next pump. */
    ck_assert_uint_eq(write_all(&p.a.port, "fg"), 2u);
    msdk_fake_serial_set_line_rate(&p, 0u);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 2u);
    msdk_fake_serial_pump(&p);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 0u);
}
END_TEST

START_TEST(injected_errors_count_down)
{
    uint8_t ab[16];
    uint8_t ba[16];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ab, sizeof(ab), ba, sizeof(ba));
    msdk_fake_serial_inject(&p.a, MSDK_FAKE_SERIAL_OP_WRITE, MSDK_ERR_IO, 2u);
    size_t w = 7;
    const uint8_t x = 'x';
    ck_assert_int_eq(msdk_serial_write(&p.a.port, &x, 1u, &w), MSDK_ERR_IO);
    ck_assert_uint_eq(w, 0u);
    ck_assert_int_eq(msdk_serial_write(&p.a.port, &x, 1u, &w), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_serial_write(&p.a.port, &x, 1u, &w), MSDK_OK);
    ck_assert_uint_eq(w, 1u);

    msdk_fake_serial_inject(&p.b, MSDK_FAKE_SERIAL_OP_READ, MSDK_ERR_IO, MSDK_FAKE_SERIAL_FOREVER);
    uint8_t buf[4];
    size_t got = 0;
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_ERR_IO);
        ck_assert_uint_eq(got, 0u);
    }
    msdk_fake_serial_inject(&p.b, MSDK_FAKE_SERIAL_OP_READ, MSDK_OK, 0u);
    ck_assert_int_eq(msdk_serial_read(&p.b.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 1u);
    ck_assert_uint_eq(buf[0], 'x');

    const msdk_serial_config_t cfg = { 2400u, 8u, MSDK_SERIAL_PARITY_EVEN, 1u };
    msdk_fake_serial_inject(&p.a, MSDK_FAKE_SERIAL_OP_CONFIGURE, MSDK_ERR_BUSY, 1u);
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_ERR_BUSY);
    ck_assert_uint_eq(p.a.cfg.baud, 9600u);
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_OK);
    ck_assert_uint_eq(p.a.cfg.baud, 2400u);
    ck_assert_int_eq(p.a.cfg.parity, MSDK_SERIAL_PARITY_EVEN);
    ck_assert_uint_eq(p.a.configures, 1u);
}
END_TEST

START_TEST(configure_validates_and_disconnect_closes)
{
    uint8_t ab[16];
    uint8_t ba[16];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ab, sizeof(ab), ba, sizeof(ba));
    msdk_serial_config_t cfg = { 9600u, 9u, MSDK_SERIAL_PARITY_NONE, 1u };
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.data_bits = 7u;
    cfg.stop_bits = 3u;
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.stop_bits = 2u;
    cfg.parity = (msdk_serial_parity_t)3;
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.parity = MSDK_SERIAL_PARITY_ODD;
    ck_assert_int_eq(msdk_serial_configure(&p.a.port, &cfg), MSDK_OK);

    msdk_fake_serial_set_connected(&p.a, false);
    ck_assert(!msdk_serial_is_connected(&p.a.port));
    size_t w = 3;
    const uint8_t x = 'x';
    ck_assert_int_eq(msdk_serial_write(&p.a.port, &x, 1u, &w), MSDK_ERR_CLOSED);
    ck_assert_uint_eq(w, 0u);
    msdk_fake_serial_set_connected(&p.a, true);
    ck_assert_int_eq(msdk_serial_write(&p.a.port, &x, 1u, &w), MSDK_OK);
    ck_assert_uint_eq(w, 1u);
}
END_TEST

START_TEST(loopback_returns_own_bytes)
{
    uint8_t ring[8];
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_loopback_init(&p, ring, sizeof(ring));
    ck_assert_str_eq(p.a.port.name, "fake-loop");
    ck_assert_uint_eq(write_all(&p.a.port, "ping"), 4u);
    uint8_t buf[8];
    size_t got = 0;
    ck_assert_int_eq(msdk_serial_read(&p.a.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 4u);
    ck_assert_mem_eq(buf, "ping", 4u);
    msdk_fake_serial_set_line_rate(&p, 1u);
    ck_assert_uint_eq(write_all(&p.a.port, "ab"), 2u);
    msdk_fake_serial_pump(&p);
    ck_assert_int_eq(msdk_serial_read(&p.a.port, buf, sizeof(buf), &got), MSDK_OK);
    ck_assert_uint_eq(got, 1u);
    ck_assert_uint_eq(msdk_serial_tx_pending(&p.a.port), 1u);
}
END_TEST

Suite *fake_serial_suite(void)
{
    Suite *s = suite_create("fake_serial");
    TCase *tc = tcase_create("pair");
    tcase_add_test(tc, pair_carries_bytes_both_ways);
    tcase_add_test(tc, pair_partial_writes_and_wrap_around);
    tcase_add_test(tc, line_rate_models_tx_pending);
    tcase_add_test(tc, injected_errors_count_down);
    tcase_add_test(tc, configure_validates_and_disconnect_closes);
    tcase_add_test(tc, loopback_returns_own_bytes);
    suite_add_tcase(s, tc);
    return s;
}
