/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.port_conformance: the conformance suite run against the fakes, and
 * against deliberately broken ports to show that it catches them. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "conf_internal.h"
#include "conf_test.h"
#include "fake_clock.h"
#include "fake_nvm.h"
#include "fake_serial.h"
#include "port_conformance.h"

Suite *port_conformance_suite(void);

void conf_test_report(void *ctx, const msdk_conf_result_t *r)
{
    conf_test_log_t *log = ctx;
    log->checks++;
    if (!r->passed) {
        log->failed++;
        if (log->print_failures) {
            fprintf(stderr, "conformance FAIL %s.%s: %s\n", r->suite, r->check, r->detail);
        }
        if (log->first_failed[0] == '\0') {
            (void)snprintf(log->first_failed, sizeof(log->first_failed), "%s", r->check);
            (void)snprintf(log->first_detail, sizeof(log->first_detail), "%s", r->detail);
        }
    }
}

/* ---- Failure details --------------------------------------------------------------- */

/* The suite formats its details itself (no libc stdio, so no heap on a
 * target). Each vector is also run through snprintf(): both must agree. */
START_TEST(format_matches_snprintf)
{
    char got[64];
    char want[64];
#define CONF_FMT_CASE(...)                                                                         \
    do {                                                                                           \
        size_t n = msdk_conf_format(got, sizeof(got), __VA_ARGS__);                                \
        int w = snprintf(want, sizeof(want), __VA_ARGS__);                                         \
        ck_assert_str_eq(got, want);                                                               \
        ck_assert_uint_eq(n, (size_t)w);                                                           \
    } while (0)
    CONF_FMT_CASE("plain text");
    CONF_FMT_CASE("%s and %s", "one", "");
    CONF_FMT_CASE("[%5s|%-5s|%c]", "ab", "cd", 'E');
    CONF_FMT_CASE("%u %u %d %d %d", 0u, 4294967295u, -1, 2147483647, (-2147483647 - 1));
    CONF_FMT_CASE("0x%02x 0x%02x 0x%x %X", 0x7u, 0xABu, 0xDEADBEEFu, 0xBEEFu);
    CONF_FMT_CASE("%lu 0x%lx %ld", 4000000000ul, 0x21000000ul, -123456l);
    CONF_FMT_CASE("%lld %lld %llu", -9223372036854775807ll - 1, 4294967306ll,
                  18446744073709551615ull);
    CONF_FMT_CASE("%lld.%03u %03u %3u|%-4d|", 1767225600ll, 5u, 1234u, 7u, -5);
    CONF_FMT_CASE("%zu%% %08d %-3c|", (size_t)42, -42, 'x');
#undef CONF_FMT_CASE

    /* Truncation keeps the terminator and returns what was written. */
    char small[8];
    memset(small, 'Z', sizeof(small));
    ck_assert_uint_eq(msdk_conf_format(small, sizeof(small), "%s=%u", "abcdef", 12345u), 7u);
    ck_assert_str_eq(small, "abcdef=");
    ck_assert_uint_eq(msdk_conf_format(small, 1u, "%u", 1u), 0u);
    ck_assert_str_eq(small, "");
    ck_assert_uint_eq(msdk_conf_format(NULL, 0u, "%u", 1u), 0u);
}
END_TEST

/* ---- NVM ------------------------------------------------------------------------- */

static uint8_t nvm_ram[64u * 1024u];

static const msdk_nvm_geometry_t nvm_geos[] = {
    { 64u * 1024u, 4096u, 256u, 1u }, /* SPI NOR */
    { 8u * 1024u, 2048u, 2048u, 8u }, /* internal flash, double-word programming */
    { 2048u, 64u, 32u, 1u },          /* EEPROM-like: small sectors and pages */
    { 512u, 512u, 256u, 4u },         /* a single sector */
    { 1024u, 512u, 512u, 256u },      /* program unit as large as the suite allows */
};

START_TEST(nvm_fake_conforms)
{
    const msdk_nvm_geometry_t *g = &nvm_geos[_i];
    msdk_fake_nvm_t f;
    memset(nvm_ram, 0x00, sizeof(nvm_ram));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, nvm_ram, g, NULL), MSDK_OK);
    conf_test_log_t log = { .print_failures = true };
    int failed = msdk_conf_nvm(&f.nvm, conf_test_report, &log);
    ck_assert_int_eq(failed, 0);
    ck_assert_int_eq(log.failed, 0);
    ck_assert_int_ge(log.checks, 8);
    ck_assert_uint_eq(f.stats.rejected, 0u);
    /* The suite leaves what it touched erased. */
    for (uint32_t i = 0; i < g->sector_size; i++) {
        ck_assert_uint_eq(nvm_ram[i], 0xFFu);
    }
}
END_TEST

START_TEST(nvm_through_disarmed_injector_conforms)
{
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, nvm_ram, &nvm_geos[0], NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_nvm(&cut.nvm, conf_test_report, &log), 0);
    ck_assert_uint_gt(msdk_fake_nvm_cut_op_count(&cut), 10u);
}
END_TEST

START_TEST(nvm_null_and_bad_geometry_fail)
{
    conf_test_log_t log = { 0 };
    ck_assert_int_eq(msdk_conf_nvm(NULL, conf_test_report, &log), 1);
    ck_assert_int_eq(msdk_conf_nvm(NULL, NULL, NULL), 1);
    msdk_fake_nvm_t f;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, nvm_ram, &nvm_geos[0], NULL), MSDK_OK);
    f.nvm.geo.page_size = 300u;
    memset(&log, 0, sizeof(log));
    ck_assert_int_eq(msdk_conf_nvm(&f.nvm, conf_test_report, &log), 1);
    ck_assert_str_eq(log.first_failed, "geometry_valid");
    ck_assert_str_eq(log.first_detail, "msdk_nvm_geometry_check() fails: size 65536, sector 4096, "
                                       "page 300, prog_align 1");
}
END_TEST

/* Broken drivers: each bug must be caught. */
typedef enum nvm_bug {
    BUG_PROGRAM_OVERWRITES, /* program stores data instead of ANDing */
    BUG_ERASE_TO_ZERO,      /* erase writes 0x00 */
    BUG_ERASE_NEXT_TOO,     /* erase also wipes the next sector */
    BUG_READ_OFF_BY_ONE,    /* read returns the byte after */
    BUG_PROGRAM_DROPS_LAST, /* program forgets the last byte */
    BUG_COUNT
} nvm_bug_t;

typedef struct buggy_nvm {
    msdk_fake_nvm_t fake;
    nvm_bug_t bug;
} buggy_nvm_t;

static msdk_err_t buggy_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    buggy_nvm_t *b = ctx;
    if ((b->bug == BUG_READ_OFF_BY_ONE) && (addr + len < b->fake.nvm.geo.size)) {
        addr++;
    }
    return b->fake.nvm.ops->read(&b->fake, addr, buf, len);
}

static msdk_err_t buggy_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    buggy_nvm_t *b = ctx;
    if (b->bug == BUG_PROGRAM_OVERWRITES) {
        memcpy(&b->fake.mem[addr], data, len);
        return MSDK_OK;
    }
    if ((b->bug == BUG_PROGRAM_DROPS_LAST) && (len > 1u)) {
        for (size_t i = 0; i + 1u < len; i++) {
            b->fake.mem[addr + i] &= data[i];
        }
        return MSDK_OK;
    }
    return b->fake.nvm.ops->program(&b->fake, addr, data, len);
}

static msdk_err_t buggy_erase(void *ctx, uint32_t addr)
{
    buggy_nvm_t *b = ctx;
    const msdk_nvm_geometry_t *g = &b->fake.nvm.geo;
    if (b->bug == BUG_ERASE_TO_ZERO) {
        memset(&b->fake.mem[addr], 0x00, g->sector_size);
        return MSDK_OK;
    }
    if ((b->bug == BUG_ERASE_NEXT_TOO) && (addr + g->sector_size < g->size)) {
        (void)b->fake.nvm.ops->erase(&b->fake, addr + g->sector_size);
    }
    return b->fake.nvm.ops->erase(&b->fake, addr);
}

static const msdk_nvm_ops_t buggy_ops = {
    .read = buggy_read,
    .program = buggy_program,
    .erase = buggy_erase,
};

START_TEST(nvm_bugs_are_caught)
{
    static buggy_nvm_t b;
    ck_assert_int_eq(msdk_fake_nvm_init(&b.fake, nvm_ram, &nvm_geos[0], NULL), MSDK_OK);
    b.bug = (nvm_bug_t)_i;
    msdk_nvm_t nvm = { &buggy_ops, &b, nvm_geos[0] };
    conf_test_log_t log = { 0 };
    int failed = msdk_conf_nvm(&nvm, conf_test_report, &log);
    ck_assert_msg(failed > 0, "bug %d not detected", _i);
    ck_assert_int_eq(failed, log.failed);
    if (b.bug == BUG_ERASE_TO_ZERO) {
        ck_assert_str_eq(log.first_failed, "erase_sets_ff");
        ck_assert_str_eq(log.first_detail, "0x0 reads 0x00, expected 0xff (erased)");
    }
}
END_TEST

/* ---- Serial ------------------------------------------------------------------------ */

static uint8_t ring_ab[4096];
static uint8_t ring_ba[4096];

START_TEST(serial_fake_pair_conforms)
{
    static const struct {
        size_t cap;
        size_t rate;
    } variants[] = {
        { 4096u, 0u }, /* roomy, instant */
        { 16u, 0u },   /* tiny rings: partial writes all the time */
        { 64u, 3u },   /* slow line: tx_pending matters */
        { 1u, 1u },    /* one byte at a time */
    };
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ring_ab, variants[_i].cap, ring_ba, variants[_i].cap);
    msdk_fake_serial_set_line_rate(&p, variants[_i].rate);
    conf_test_log_t log = { .print_failures = true };
    int failed = msdk_conf_serial_pair(&p.a.port, &p.b.port, msdk_fake_serial_pump, &p,
                                       conf_test_report, &log);
    ck_assert_int_eq(failed, 0);
    ck_assert_int_ge(log.checks, 8);
    ck_assert_uint_eq(p.a.cfg.baud, 9600u);
    ck_assert_uint_eq(p.a.cfg.data_bits, 8u);
    ck_assert_uint_gt(p.a.bytes_written, 3000u);
}
END_TEST

START_TEST(serial_fake_loopback_conforms)
{
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_loopback_init(&p, ring_ab, 32u);
    msdk_fake_serial_set_line_rate(&p, 5u);
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_serial_pair(&p.a.port, &p.a.port, msdk_fake_serial_pump, &p,
                                           conf_test_report, &log),
                     0);
}
END_TEST

/* A decorator over a fake end that misbehaves. */
typedef enum serial_bug {
    SBUG_FLIP_BYTE,    /* one byte in 500 arrives corrupted */
    SBUG_DROP_BYTE,    /* one byte in 700 is lost */
    SBUG_NEWLINE,      /* 0x0A is sent as 0x0D 0x0A (a tty in cooked mode) */
    SBUG_NEVER_DRAINS, /* tx_pending never reaches 0 */
    SBUG_WRITE_FAILS,  /* writes fail once the line was configured to 7E1 */
    SBUG_COUNT
} serial_bug_t;

typedef struct buggy_serial {
    msdk_fake_serial_end_t *end;
    serial_bug_t bug;
    uint32_t n;
    bool seven_e1;
} buggy_serial_t;

static msdk_err_t bs_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    buggy_serial_t *b = ctx;
    b->seven_e1 = (cfg->data_bits == 7u);
    return b->end->port.ops->configure(b->end, cfg);
}

static msdk_err_t bs_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    buggy_serial_t *b = ctx;
    uint8_t tmp[128];
    size_t n = (len < 64u) ? len : 64u;
    size_t o = 0;
    if ((b->bug == SBUG_WRITE_FAILS) && b->seven_e1) {
        return MSDK_ERR_IO;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = data[i];
        b->n++;
        if ((b->bug == SBUG_FLIP_BYTE) && ((b->n % 500u) == 0u)) {
            c ^= 0x10u;
        }
        if ((b->bug == SBUG_DROP_BYTE) && ((b->n % 700u) == 0u)) {
            continue;
        }
        if ((b->bug == SBUG_NEWLINE) && (c == 0x0Au)) {
            tmp[o++] = 0x0Du;
        }
        tmp[o++] = c;
    }
    size_t w = 0;
    msdk_err_t err = b->end->port.ops->write(b->end, tmp, o, &w);
    /* Claim everything was taken (the bug hides the loss, as real ones do). */
    *written = n;
    return err;
}

static msdk_err_t bs_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    buggy_serial_t *b = ctx;
    return b->end->port.ops->read(b->end, buf, cap, got);
}

static size_t bs_tx_pending(void *ctx)
{
    buggy_serial_t *b = ctx;
    return (b->bug == SBUG_NEVER_DRAINS) ? 1u : b->end->port.ops->tx_pending(b->end);
}

static bool bs_is_connected(void *ctx)
{
    buggy_serial_t *b = ctx;
    return b->end->port.ops->is_connected(b->end);
}

static const msdk_serial_ops_t buggy_serial_ops = {
    .configure = bs_configure,
    .write = bs_write,
    .read = bs_read,
    .tx_pending = bs_tx_pending,
    .is_connected = bs_is_connected,
};

START_TEST(serial_bugs_are_caught)
{
    msdk_fake_serial_pair_t p;
    msdk_fake_serial_pair_init(&p, ring_ab, sizeof(ring_ab), ring_ba, sizeof(ring_ba));
    buggy_serial_t b = { &p.a, (serial_bug_t)_i, 0u, false };
    msdk_serial_t a = { &buggy_serial_ops, &b, "buggy" };
    conf_test_log_t log = { 0 };
    int failed =
        msdk_conf_serial_pair(&a, &p.b.port, msdk_fake_serial_pump, &p, conf_test_report, &log);
    ck_assert_msg(failed > 0, "bug %d not detected", _i);
}
END_TEST

START_TEST(serial_null_fails)
{
    conf_test_log_t log = { 0 };
    ck_assert_int_eq(msdk_conf_serial_pair(NULL, NULL, NULL, NULL, conf_test_report, &log), 1);
    ck_assert_str_eq(log.first_failed, "connected");
}
END_TEST

/* ---- Clock ------------------------------------------------------------------------- */

typedef struct test_clock {
    msdk_fake_clock_t fake;
    int bug; /* 0 none, 1 uptime goes back, 2 32-bit RTC, 3 RTC stands still, 4 wait too short */
    uint32_t reads;
} test_clock_t;

static uint64_t tc_uptime(void *ctx)
{
    test_clock_t *c = ctx;
    c->reads++;
    if ((c->bug == 1) && (c->reads == 5000u)) {
        return c->fake.now_ms - 1u;
    }
    return msdk_fake_clock_uptime_ms(&c->fake);
}

static msdk_err_t tc_rtc_read(void *ctx, msdk_rtc_time_t *now)
{
    test_clock_t *c = ctx;
    msdk_err_t err = msdk_fake_clock_rtc_read(&c->fake, now);
    if ((err == MSDK_OK) && (c->bug == 2)) {
        now->utc_s = (int64_t)(uint32_t)now->utc_s;
    }
    return err;
}

static msdk_err_t tc_rtc_set(void *ctx, int64_t utc_s, uint16_t frac_ms)
{
    test_clock_t *c = ctx;
    return msdk_fake_clock_rtc_set(&c->fake, utc_s, frac_ms);
}

static void tc_wait_ms(void *ctx, uint32_t ms)
{
    test_clock_t *c = ctx;
    if (c->bug == 3) {
        c->fake.now_ms += ms; /* uptime moves, the RTC does not */
        return;
    }
    msdk_fake_clock_advance_ms(&c->fake, (c->bug == 4) ? ms / 2u : ms + 3u);
}

START_TEST(clock_fake_conforms)
{
    test_clock_t c = { .bug = 0 };
    msdk_fake_clock_init(&c.fake, 1000u, 1700000000);
    const msdk_conf_clock_t clk = { tc_uptime, tc_rtc_read, tc_rtc_set, tc_wait_ms, &c };
    conf_test_log_t log = { .print_failures = true };
    ck_assert_int_eq(msdk_conf_clock(&clk, conf_test_report, &log), 0);
    ck_assert_int_ge(log.checks, 9);
    /* The RTC was put back where it would have been. */
    ck_assert_int_ge(c.fake.utc_s, 1700000001);
    ck_assert_int_le(c.fake.utc_s, 1700000003);
}
END_TEST

START_TEST(clock_bugs_are_caught)
{
    test_clock_t c = { .bug = _i + 1 };
    msdk_fake_clock_init(&c.fake, 0u, 1700000000);
    const msdk_conf_clock_t clk = { tc_uptime, tc_rtc_read, tc_rtc_set, tc_wait_ms, &c };
    conf_test_log_t log = { 0 };
    ck_assert_msg(msdk_conf_clock(&clk, conf_test_report, &log) > 0, "bug %d not detected", _i + 1);
}
END_TEST

START_TEST(clock_incomplete_fails)
{
    const msdk_conf_clock_t clk = { NULL, NULL, NULL, NULL, NULL };
    conf_test_log_t log = { 0 };
    ck_assert_int_eq(msdk_conf_clock(&clk, conf_test_report, &log), 1);
    ck_assert_int_eq(msdk_conf_clock(NULL, NULL, NULL), 1);
}
END_TEST

Suite *port_conformance_suite(void)
{
    Suite *s = suite_create("port_conformance");
    TCase *tc = tcase_create("fakes");
    tcase_add_test(tc, format_matches_snprintf);
    tcase_add_loop_test(tc, nvm_fake_conforms, 0, (int)(sizeof(nvm_geos) / sizeof(nvm_geos[0])));
    tcase_add_test(tc, nvm_through_disarmed_injector_conforms);
    tcase_add_test(tc, nvm_null_and_bad_geometry_fail);
    tcase_add_loop_test(tc, nvm_bugs_are_caught, 0, (int)BUG_COUNT);
    tcase_add_loop_test(tc, serial_fake_pair_conforms, 0, 4);
    tcase_add_test(tc, serial_fake_loopback_conforms);
    tcase_add_loop_test(tc, serial_bugs_are_caught, 0, (int)SBUG_COUNT);
    tcase_add_test(tc, serial_null_fails);
    tcase_add_test(tc, clock_fake_conforms);
    tcase_add_loop_test(tc, clock_bugs_are_caught, 0, 4);
    tcase_add_test(tc, clock_incomplete_fails);
    suite_add_tcase(s, tc);
    return s;
}
