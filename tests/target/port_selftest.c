/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * port-selftest.elf: exercises the mps2-an386 port on the emulated board.
 *
 * The run spans three boots, with its state kept in the last NVM sector:
 *   boot 0 (cold): command line, UART0 receive path, cold-start state
 *                  (reset cause power-on, NVM erased), then
 *                  msdk_port_system_reset();
 *   boot 1:        reset cause software, NVM kept across the reset, then
 *                  clock, critical sections, serial, NVM, AFE, entropy, I/O,
 *                  power, image, watchdog API; finally the watchdog is left
 *                  to expire;
 *   boot 2:        reset cause watchdog; prints the summary
 *                  "port selftest: N passed, M failed" and returns M.
 *
 * Own options (taken out of argv before msdk_port_board_init() sees the rest):
 *   --argv-probe A B C   the three words must arrive as three arguments
 *   --rx-text TEXT       TEXT + "\n" must arrive on UART0 (QEMU's stdin)
 *   --rx-flood N         N more bytes follow on UART0: the receive ring must
 *                        overflow, report MSDK_ERR_IO once, and keep the
 *                        first bytes
 *   --uart1-loopback     UART1 (optical) is wired to itself (run-qemu.sh
 *                        QEMU_UART1_LOOPBACK=1): a pseudo-random stream in
 *                        8N1 and a 7E1 stream must come back intact
 *   --fault              execute an undefined instruction (fault handler test)
 */
#include <string.h>
#include "msdk/board/mps2_an386.h"
#include "msdk/port/afe.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "msdk/port/entropy.h"
#include "msdk/port/image.h"
#include "msdk/port/io.h"
#include "msdk/port/nvm.h"
#include "msdk/port/power.h"
#include "msdk/port/serial.h"
#include "msdk/port/watchdog.h"
#include "target_check.h"

#define FPGAIO_LED0     0x40028000u
#define FPGAIO_CLK100HZ 0x40028014u
#define REG(a)          (*(volatile uint32_t *)(uintptr_t)(a))

#define MARKER_MAGIC 0x5053544Du /* "PSTM" */
#define ARGV_MAX     32

typedef struct marker {
    uint32_t magic;
    uint32_t stage;
    uint32_t passed;
    uint32_t failed;
    uint32_t check; /* ~(magic ^ stage ^ passed ^ failed) */
} marker_t;

typedef struct options {
    const char *probe[3];
    int probe_count;
    const char *rx_text;
    uint32_t rx_flood;
    bool uart1_loopback;
    bool fault;
} options_t;

static const msdk_nvm_t *nvm;
static uint32_t marker_addr;

/* ---- helpers ------------------------------------------------------------- */

static void wait_ms(uint32_t ms)
{
    uint64_t end = msdk_port_clock_uptime_ms() + ms;
    while (msdk_port_clock_uptime_ms() < end) {
        (void)msdk_port_board_idle((uint32_t)(end - msdk_port_clock_uptime_ms()));
    }
}

/* The uptime together with the FPGA's 100 Hz counter (an independent clock
 * of QEMU's virtual time), read back to back: retried when the emulated CPU
 * was stalled between the two reads. */
static void uptime_and_fpga(uint64_t *ms, uint32_t *c100)
{
    for (int i = 0; i < 10; i++) {
        uint64_t a = msdk_port_clock_uptime_ms();
        *c100 = REG(FPGAIO_CLK100HZ);
        *ms = msdk_port_clock_uptime_ms();
        if (*ms - a <= 1u) {
            return;
        }
    }
}

/* Shortest of three idle(wait_ms) calls in emulated ms. Without -icount,
 * emulated time follows the host clock, so a loaded host that stalls QEMU
 * once must not fail a bound; an idle that oversleeps fails all three. */
static uint64_t idle_elapsed_best_of_3(uint32_t wait_ms)
{
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 3; i++) {
        (void)msdk_port_board_idle(0); /* drop a pending event */
        uint64_t a = msdk_port_clock_uptime_ms();
        (void)msdk_port_board_idle(wait_ms);
        uint64_t b = msdk_port_clock_uptime_ms();
        if ((b - a) < best) {
            best = b - a;
        }
    }
    return best;
}

/* The RTC and the uptime read back to back (retried like uptime_and_fpga()). */
static bool rtc_and_uptime(msdk_rtc_time_t *rt, uint64_t *ms)
{
    bool ok = false;
    for (int i = 0; i < 10; i++) {
        uint64_t a = msdk_port_clock_uptime_ms();
        ok = msdk_port_rtc_read(rt) == MSDK_OK;
        *ms = msdk_port_clock_uptime_ms();
        if (*ms == a) {
            break;
        }
    }
    return ok;
}

static void flush_console(void)
{
    const msdk_serial_t *con = msdk_port_board_serial(MSDK_BOARD_SERIAL_CONSOLE);
    for (int i = 0; (i < 1000) && (msdk_serial_tx_pending(con) != 0u); i++) {
        wait_ms(1);
    }
}

static bool str_ends_with(const char *s, const char *end)
{
    size_t ls = strlen(s);
    size_t le = strlen(end);
    return (ls >= le) && (strcmp(s + ls - le, end) == 0);
}

static bool marker_read(marker_t *m)
{
    if (msdk_nvm_read(nvm, marker_addr, (uint8_t *)m, sizeof *m) != MSDK_OK) {
        return false;
    }
    return (m->magic == MARKER_MAGIC) &&
           (m->check == ~(m->magic ^ m->stage ^ m->passed ^ m->failed));
}

static void marker_write(uint32_t stage)
{
    marker_t m = { MARKER_MAGIC, stage, tgt_counts.passed, tgt_counts.failed, 0u };
    m.check = ~(m.magic ^ m.stage ^ m.passed ^ m.failed);
    bool ok = (msdk_nvm_erase(nvm, marker_addr) == MSDK_OK) &&
              (msdk_nvm_program(nvm, marker_addr, (const uint8_t *)&m, sizeof m) == MSDK_OK);
    (void)tgt_check("marker.write", ok);
}

/* ---- boot 0 -------------------------------------------------------------- */

static void test_cmdline(int argc, char **argv, const options_t *opt)
{
    tgt_check_val("cmdline.argc", argc >= 1, argc);
    tgt_check("cmdline.argv0_is_image", (argc >= 1) && str_ends_with(argv[0], ".elf"));
    tgt_check("cmdline.argv_terminated", argv[argc] == NULL);
    tgt_check_val("cmdline.probe_count", opt->probe_count == 3, opt->probe_count);
    tgt_check("cmdline.probe_words", (opt->probe_count == 3) && (strcmp(opt->probe[0], "a") == 0) &&
                                         (strcmp(opt->probe[1], "bb") == 0) &&
                                         (strcmp(opt->probe[2], "ccc") == 0));
}

static void test_board_options(void)
{
    char arg0[] = "port-selftest";
    char bogus[] = "--bogus";
    char run[] = "--run-ms";
    char junk[] = "12x";
    char *bad1[] = { arg0, bogus, NULL };
    char *bad2[] = { arg0, run, junk, NULL };
    char *bad3[] = { arg0, run, NULL };
    tgt_check("board.init_rejects_unknown_option",
              msdk_port_board_init(2, bad1) == MSDK_ERR_INVALID_ARG);
    tgt_check("board.init_rejects_bad_number",
              msdk_port_board_init(3, bad2) == MSDK_ERR_INVALID_ARG);
    tgt_check("board.init_rejects_missing_value",
              msdk_port_board_init(2, bad3) == MSDK_ERR_INVALID_ARG);
}

static void test_uart_rx(const options_t *opt)
{
    const msdk_serial_t *con = msdk_port_board_serial(MSDK_BOARD_SERIAL_CONSOLE);
    size_t text_len = strlen(opt->rx_text);
    static uint8_t got_bytes[4096];
    size_t got = 0;
    unsigned io_errors = 0;
    unsigned quiet = 0;
    uint32_t pause = 500u;
    uint64_t give_up = msdk_port_clock_uptime_ms() + 20000u;

    /* Do not read for a while so the 256-byte ring overflows; then drain it.
     * Repeat (with longer pauses while no overflow was seen, for a slow,
     * loaded host) until the input has stopped. */
    while ((quiet < 3u) && (msdk_port_clock_uptime_ms() < give_up)) {
        wait_ms(pause);
        bool news = false;
        for (int i = 0; i < 100; i++) {
            size_t n = 0;
            msdk_err_t err = msdk_serial_read(con, &got_bytes[got], sizeof got_bytes - got, &n);
            if (err == MSDK_ERR_IO) {
                io_errors++;
                news = true;
                continue;
            }
            if ((err != MSDK_OK) || (n == 0u)) {
                break;
            }
            got += n;
            news = true;
        }
        quiet = news ? 0u : (quiet + 1u);
        pause = ((io_errors == 0u) && (pause < 4000u)) ? (pause * 2u) : 200u;
    }
    tgt_check_val("uart0.rx_overrun_reports_io", io_errors >= 1u, io_errors);
    tgt_check_val("uart0.rx_keeps_a_full_ring",
                  (got >= 256u) && (got < text_len + 1u + opt->rx_flood), (int64_t)got);
    bool text_ok = (got > text_len) && (memcmp(got_bytes, opt->rx_text, text_len) == 0) &&
                   (got_bytes[text_len] == '\n');
    tgt_check("uart0.rx_text", text_ok);
    bool flood_ok = got > text_len + 1u;
    for (size_t i = text_len + 1u; i < got; i++) {
        flood_ok =
            flood_ok && ((got_bytes[i] == 'x') || ((i == got - 1u) && (got_bytes[i] == '\n')));
    }
    tgt_check("uart0.rx_flood_bytes_in_order", flood_ok);
    size_t n = 1;
    msdk_err_t err = msdk_serial_read(con, got_bytes, sizeof got_bytes, &n);
    tgt_check("uart0.rx_error_cleared_after_report", (err == MSDK_OK) && (n == 0u));
}

static void boot0(int argc, char **argv, const options_t *opt)
{
    msdk_port_board_log("port selftest: boot 0 (cold start)");
    tgt_check_val("reset.cause_power_on", msdk_port_reset_cause() == MSDK_RESET_POWER_ON,
                  msdk_port_reset_cause());
    test_cmdline(argc, argv, opt);
    test_board_options();
    if ((opt->rx_text != NULL) && (opt->rx_flood > 0u)) {
        test_uart_rx(opt);
    }

    /* A new QEMU run starts with the NVM erased. */
    static uint8_t chunk[1024];
    bool blank = true;
    for (uint32_t a = 0; blank && (a < nvm->geo.size); a += sizeof chunk) {
        blank = msdk_nvm_read(nvm, a, chunk, sizeof chunk) == MSDK_OK;
        for (size_t i = 0; blank && (i < sizeof chunk); i++) {
            blank = chunk[i] == 0xFFu;
        }
    }
    tgt_check("nvm.erased_at_cold_start", blank);

    marker_write(1u);
    msdk_port_board_log("port selftest: software reset");
    msdk_port_system_reset();
}

/* ---- boot 1 -------------------------------------------------------------- */

static void test_clock(void)
{
    uint64_t t0;
    uint32_t c0;
    uptime_and_fpga(&t0, &c0);
    uint64_t prev = t0;
    bool monotonic = true;
    while (msdk_port_clock_uptime_ms() < t0 + 500u) {
        uint64_t now = msdk_port_clock_uptime_ms();
        monotonic = monotonic && (now >= prev);
        prev = now;
        (void)msdk_port_board_idle(50);
    }
    uint64_t t1;
    uint32_t c1;
    uptime_and_fpga(&t1, &c1);
    tgt_check("clock.uptime_monotonic", monotonic);
    tgt_check_val("clock.uptime_advances", t1 >= t0 + 500u, (int64_t)(t1 - t0));
    /* The FPGA's 100 Hz counter is an independent reference of emulated time. */
    int64_t ref_ms = (int64_t)(c1 - c0) * 10;
    int64_t diff = (int64_t)(t1 - t0) - ref_ms;
    tgt_check_val("clock.uptime_matches_fpga_100hz", (diff >= -20) && (diff <= 20), diff);

    /* idle(0) polls; idle(N) without events sleeps about N ms. */
    uint64_t e = idle_elapsed_best_of_3(0);
    tgt_check_val("board.idle0_returns_at_once", e <= 20u, (int64_t)e);
    e = idle_elapsed_best_of_3(30);
    tgt_check_val("board.idle_returns_by_deadline", e <= 200u, (int64_t)e);

    msdk_rtc_time_t rt;
    tgt_check("rtc.read_null", msdk_port_rtc_read(NULL) == MSDK_ERR_INVALID_ARG);
    tgt_check("rtc.invalid_before_set", (msdk_port_rtc_read(&rt) == MSDK_OK) && !rt.valid);
    tgt_check("rtc.set_rejects_negative", msdk_port_rtc_set(-1, 0) == MSDK_ERR_INVALID_ARG);
    tgt_check("rtc.set_rejects_frac_1000", msdk_port_rtc_set(0, 1000) == MSDK_ERR_INVALID_ARG);
    uint64_t set_at = msdk_port_clock_uptime_ms();
    tgt_check("rtc.set", msdk_port_rtc_set(4102444800LL, 500) == MSDK_OK); /* 2100-01-01 */
    uint64_t set_done = msdk_port_clock_uptime_ms();
    wait_ms(600);
    uint64_t read_at;
    tgt_check("rtc.valid_after_set", rtc_and_uptime(&rt, &read_at) && rt.valid);
    int64_t ms = (rt.utc_s - 4102444800LL) * 1000 + rt.frac_ms - 500;
    tgt_check_val("rtc.runs_with_uptime",
                  (ms >= (int64_t)(read_at - set_done)) && (ms <= (int64_t)(read_at - set_at)), ms);
    tgt_check("rtc.trim_accepts_200ppm", msdk_port_rtc_trim_set(200000) == MSDK_OK);
    tgt_check("rtc.trim_accepts_minus_200ppm", msdk_port_rtc_trim_set(-200000) == MSDK_OK);
    tgt_check("rtc.trim_rejects_out_of_range",
              msdk_port_rtc_trim_set(2000000) == MSDK_ERR_INVALID_ARG);
    /* +1000 ppm over 2 s: the RTC gains 2 ms on the uptime. */
    tgt_check("rtc.trim_max", msdk_port_rtc_trim_set(1000000) == MSDK_OK);
    msdk_rtc_time_t r0;
    msdk_rtc_time_t r1;
    uint64_t u0;
    uint64_t u1;
    bool read_ok = rtc_and_uptime(&r0, &u0);
    wait_ms(2000);
    read_ok = rtc_and_uptime(&r1, &u1) && read_ok;
    int64_t rtc_ms = (r1.utc_s - r0.utc_s) * 1000 + ((int64_t)r1.frac_ms - (int64_t)r0.frac_ms);
    int64_t gain = rtc_ms - (int64_t)(u1 - u0);
    int64_t want = (int64_t)(u1 - u0) / 1000; /* 1000 ppm */
    tgt_check_val("rtc.trim_applied", read_ok && (gain >= want - 1) && (gain <= want + 1), gain);
    tgt_check("rtc.trim_reset", msdk_port_rtc_trim_set(0) == MSDK_OK);
}

static uint32_t read_primask(void)
{
    uint32_t p;
    __asm volatile("mrs %0, primask" : "=r"(p));
    return p;
}

static void test_critical(void)
{
    msdk_critical_state_t s0 = msdk_port_critical_enter();
    bool masked = read_primask() == 1u;
    msdk_critical_state_t s1 = msdk_port_critical_enter();
    msdk_port_critical_exit(s1);
    bool still_masked = read_primask() == 1u;
    msdk_port_critical_exit(s0);
    tgt_check("critical.masks", masked && (s0 == 0u));
    tgt_check("critical.nests", still_masked && (s1 == 1u));
    tgt_check("critical.restores", read_primask() == 0u);
}

static void test_serial(void)
{
    const msdk_serial_t *con = msdk_port_board_serial(MSDK_BOARD_SERIAL_CONSOLE);
    tgt_check("serial.console", (con != NULL) && (strcmp(con->name, "console") == 0));
    tgt_check("serial.optical", msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL) != NULL);
    tgt_check("serial.mbus", msdk_port_board_serial(MSDK_BOARD_SERIAL_MBUS) != NULL);
    tgt_check("serial.wan", msdk_port_board_serial(MSDK_BOARD_SERIAL_WAN) != NULL);
    tgt_check("serial.out_of_range", msdk_port_board_serial(MSDK_BOARD_SERIAL_COUNT) == NULL);
    tgt_check("serial.connected", msdk_serial_is_connected(con));

    msdk_serial_config_t cfg = { 115200u, 8u, MSDK_SERIAL_PARITY_NONE, 1u };
    tgt_check("serial.config_115200_8n1", msdk_serial_configure(con, &cfg) == MSDK_OK);
    msdk_serial_config_t bad = cfg;
    bad.data_bits = 9u;
    tgt_check("serial.config_rejects_9_bits",
              msdk_serial_configure(con, &bad) == MSDK_ERR_INVALID_ARG);
    bad = cfg;
    bad.baud = 2000000u; /* BAUDDIV would be 12 < 16 */
    tgt_check("serial.config_rejects_2mbaud",
              msdk_serial_configure(con, &bad) == MSDK_ERR_INVALID_ARG);
    const msdk_serial_t *opt = msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL);
    msdk_serial_config_t mode_e = { 300u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u };
    msdk_serial_config_t mbus = { 2400u, 8u, MSDK_SERIAL_PARITY_EVEN, 1u };
    tgt_check("serial.config_300_7e1", msdk_serial_configure(opt, &mode_e) == MSDK_OK);
    tgt_check("serial.config_2400_8e1",
              msdk_serial_configure(msdk_port_board_serial(MSDK_BOARD_SERIAL_MBUS), &mbus) ==
                  MSDK_OK);

    /* Interrupt-driven transmit through the ops: the line appears on UART0. */
    static const char line[] = "serial: interrupt-driven write through msdk_serial_write()\r\n";
    size_t written = 0;
    msdk_err_t err = msdk_serial_write(con, (const uint8_t *)line, sizeof line - 1u, &written);
    tgt_check("serial.write_queues_all", (err == MSDK_OK) && (written == sizeof line - 1u));
    for (int i = 0; (i < 100) && (msdk_serial_tx_pending(con) != 0u); i++) {
        wait_ms(1);
    }
    tgt_check("serial.tx_drains", msdk_serial_tx_pending(con) == 0u);

    /* A burst larger than the ring: partial writes, nothing lost. */
    static uint8_t big[4096 + 1024];
    for (size_t i = 0; i < sizeof big; i++) {
        big[i] = (uint8_t)(((i % 128u) == 127u) ? '\n' : ('a' + (i % 26u)));
    }
    size_t off = 0;
    bool partial_seen = false;
    for (int i = 0; (i < 5000) && (off < sizeof big); i++) {
        err = msdk_serial_write(con, &big[off], sizeof big - off, &written);
        if (err != MSDK_OK) {
            break;
        }
        partial_seen = partial_seen || (written < sizeof big - off);
        off += written;
        if (off < sizeof big) {
            (void)msdk_port_board_idle(1);
        }
    }
    msdk_port_board_log("");
    tgt_check_val("serial.large_write_completes", off == sizeof big, (int64_t)off);
    tgt_check("serial.large_write_was_partial", partial_seen);
    uint8_t rbuf[4];
    size_t got = 1;
    tgt_check("serial.read_idle_port",
              (msdk_serial_read(opt, rbuf, sizeof rbuf, &got) == MSDK_OK) && (got == 0u));
    tgt_check("serial.read_rejects_cap0",
              msdk_serial_read(con, rbuf, 0, &got) == MSDK_ERR_INVALID_ARG);
}

/* Send len bytes of pattern(seed) on a looped-back port and read them back. */
static bool loopback_stream(const msdk_serial_t *port, uint32_t seed, size_t len, uint8_t mask,
                            size_t *received)
{
    size_t sent = 0;
    size_t got = 0;
    bool same = true;
    uint64_t give_up = msdk_port_clock_uptime_ms() + 10000u;

    while ((got < len) && (msdk_port_clock_uptime_ms() < give_up)) {
        uint8_t chunk[64];
        size_t n = len - sent;
        n = (n < sizeof chunk) ? n : sizeof chunk;
        for (size_t i = 0; i < n; i++) {
            chunk[i] = (uint8_t)((seed * 2654435761u + (uint32_t)(sent + i) * 40503u) >> 13);
        }
        size_t w = 0;
        if ((n > 0u) && (msdk_serial_write(port, chunk, n, &w) != MSDK_OK)) {
            return false;
        }
        sent += w;
        uint8_t rx[128];
        size_t r = 0;
        if (msdk_serial_read(port, rx, sizeof rx, &r) != MSDK_OK) {
            return false;
        }
        for (size_t i = 0; i < r; i++, got++) {
            uint8_t want = (uint8_t)((seed * 2654435761u + (uint32_t)got * 40503u) >> 13);
            same = same && (rx[i] == (uint8_t)(want & mask));
        }
        if ((w == 0u) && (r == 0u)) {
            (void)msdk_port_board_idle(2);
        }
    }
    *received = got;
    return same && (got == len);
}

static void test_uart1_loopback(void)
{
    const msdk_serial_t *opt = msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL);
    msdk_serial_config_t hdlc = { 9600u, 8u, MSDK_SERIAL_PARITY_NONE, 1u };
    msdk_serial_config_t mode_e = { 300u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u };
    size_t got = 0;

    tgt_check("uart1.config_8n1", msdk_serial_configure(opt, &hdlc) == MSDK_OK);
    bool ok = loopback_stream(opt, 1u, 3000u, 0xFFu, &got);
    tgt_check_val("uart1.loopback_8n1_3000_bytes", ok, (int64_t)got);
    tgt_check("uart1.tx_drained", msdk_serial_tx_pending(opt) == 0u);
    tgt_check("uart1.config_7e1", msdk_serial_configure(opt, &mode_e) == MSDK_OK);
    /* 7E1: bit 7 carries the parity on the wire and is stripped on receipt. */
    ok = loopback_stream(opt, 2u, 500u, 0x7Fu, &got);
    tgt_check_val("uart1.loopback_7e1_500_bytes", ok, (int64_t)got);
    tgt_check("uart1.config_back_to_8n1", msdk_serial_configure(opt, &hdlc) == MSDK_OK);
}

static void test_nvm(void)
{
    uint8_t buf[300];
    tgt_check("nvm.board_region", nvm != NULL);
    tgt_check("nvm.no_other_region", msdk_port_board_nvm(MSDK_BOARD_NVM_COUNT) == NULL);
    tgt_check("nvm.geometry_valid", msdk_nvm_geometry_check(&nvm->geo) == MSDK_OK);
    tgt_check("nvm.geometry", (nvm->geo.size == 2u * 1024u * 1024u) &&
                                  (nvm->geo.sector_size == 4096u) && (nvm->geo.page_size == 256u) &&
                                  (nvm->geo.prog_align == 1u));

    const uint32_t sec = 4096u;
    bool ok = msdk_nvm_erase(nvm, sec) == MSDK_OK;
    for (uint32_t a = sec; ok && (a < 2u * sec); a += sizeof buf) {
        size_t n = ((2u * sec - a) < sizeof buf) ? (2u * sec - a) : sizeof buf;
        ok = msdk_nvm_read(nvm, a, buf, n) == MSDK_OK;
        for (size_t i = 0; ok && (i < n); i++) {
            ok = buf[i] == 0xFFu;
        }
    }
    tgt_check("nvm.erase_sets_ff", ok);

    uint8_t v = 0xF0u;
    ok = msdk_nvm_program(nvm, sec + 10u, &v, 1) == MSDK_OK;
    v = 0x3Cu;
    ok = ok && (msdk_nvm_program(nvm, sec + 10u, &v, 1) == MSDK_OK);
    ok = ok && (msdk_nvm_read(nvm, sec + 9u, buf, 3) == MSDK_OK);
    tgt_check("nvm.program_ands",
              ok && (buf[0] == 0xFFu) && (buf[1] == 0x30u) && (buf[2] == 0xFFu));

    uint8_t page[256];
    for (size_t i = 0; i < sizeof page; i++) {
        page[i] = (uint8_t)(i * 7u + 1u);
    }
    ok = msdk_nvm_program(nvm, sec + 256u, page, sizeof page) == MSDK_OK;
    ok = ok && (msdk_nvm_read(nvm, sec + 256u, buf, sizeof page) == MSDK_OK);
    tgt_check("nvm.program_whole_page", ok && (memcmp(buf, page, sizeof page) == 0));

    const uint32_t size = nvm->geo.size;
    tgt_check("nvm.read_past_end", msdk_nvm_read(nvm, size - 2u, buf, 4) == MSDK_ERR_INVALID_ARG);
    tgt_check("nvm.read_wrap", msdk_nvm_read(nvm, UINT32_MAX, buf, 2) == MSDK_ERR_INVALID_ARG);
    tgt_check("nvm.read_null", msdk_nvm_read(nvm, 0, NULL, 1) == MSDK_ERR_INVALID_ARG);
    tgt_check("nvm.program_crossing_page",
              msdk_nvm_program(nvm, sec + 250u, page, 10) == MSDK_ERR_INVALID_ARG);
    tgt_check("nvm.program_past_end",
              msdk_nvm_program(nvm, size - 1u, page, 2) == MSDK_ERR_INVALID_ARG);
    tgt_check("nvm.erase_misaligned", msdk_nvm_erase(nvm, sec + 1u) == MSDK_ERR_ALIGNMENT);
    tgt_check("nvm.erase_past_end", msdk_nvm_erase(nvm, size) == MSDK_ERR_INVALID_ARG);
    ok = msdk_nvm_read(nvm, sec + 9u, buf, 3) == MSDK_OK;
    tgt_check("nvm.rejected_requests_change_nothing", ok && (buf[1] == 0x30u));
    tgt_check("nvm.erase_again", msdk_nvm_erase(nvm, sec) == MSDK_OK);
}

/* ---- AFE ----------------------------------------------------------------- */

typedef struct afe_probe {
    volatile uint32_t frames;
    volatile uint32_t calls;
    volatile int32_t v1_max;
    volatile int32_t i1_max;
    volatile int32_t in_abs_max;
    volatile int32_t quarter_v1; /* V1 of frame rate/200 (a quarter grid period) */
    volatile int32_t first_v1;
    uint32_t quarter_index;
} afe_probe_t;

static void afe_handler(void *ctx, const msdk_afe_frame_t *frames, size_t count)
{
    afe_probe_t *p = ctx;
    for (size_t i = 0; i < count; i++) {
        const msdk_afe_frame_t *f = &frames[i];
        uint32_t index = p->frames + (uint32_t)i;
        if (index == 0u) {
            p->first_v1 = f->ch[MSDK_AFE_CH_V1];
        }
        if (index == p->quarter_index) {
            p->quarter_v1 = f->ch[MSDK_AFE_CH_V1];
        }
        if (f->ch[MSDK_AFE_CH_V1] > p->v1_max) {
            p->v1_max = f->ch[MSDK_AFE_CH_V1];
        }
        if (f->ch[MSDK_AFE_CH_I1] > p->i1_max) {
            p->i1_max = f->ch[MSDK_AFE_CH_I1];
        }
        int32_t in = f->ch[MSDK_AFE_CH_IN];
        in = (in < 0) ? -in : in;
        if (in > p->in_abs_max) {
            p->in_abs_max = in;
        }
    }
    p->frames += (uint32_t)count;
    p->calls++;
}

static void test_afe_rate(uint32_t rate)
{
    static afe_probe_t probe;
    memset(&probe, 0, sizeof probe);
    probe.quarter_index = rate / 200u;
    msdk_afe_config_t cfg = { rate };
    char name[64];

    uint64_t t0a = msdk_port_clock_uptime_ms();
    msdk_err_t err = msdk_port_afe_start(&cfg, afe_handler, &probe);
    uint64_t t0b = msdk_port_clock_uptime_ms();
    size_t n = tgt_cat(name, sizeof name, 0, "afe.start_");
    (void)tgt_cat_i64(name, sizeof name, n, rate);
    tgt_check(name, err == MSDK_OK);
    if (err != MSDK_OK) {
        return;
    }
    tgt_check("afe.start_twice_is_state_error",
              msdk_port_afe_start(&cfg, afe_handler, &probe) == MSDK_ERR_STATE);
    uint64_t r0;
    uint32_t ref0;
    uptime_and_fpga(&r0, &ref0);
    wait_ms(1000);
    uint64_t r1;
    uint32_t ref1;
    uptime_and_fpga(&r1, &ref1);
    int64_t ref_diff = (int64_t)(r1 - r0) - (int64_t)(ref1 - ref0) * 10;
    tgt_check_val("afe.uptime_matches_fpga_100hz", (ref_diff >= -20) && (ref_diff <= 20), ref_diff);
    uint64_t t1a = msdk_port_clock_uptime_ms();
    uint32_t frames = probe.frames;
    uint32_t lost = msdk_port_afe_overruns();
    uint64_t t1b = msdk_port_clock_uptime_ms();
    tgt_check("afe.stop", msdk_port_afe_stop() == MSDK_OK);
    uint32_t after_stop = probe.frames;
    wait_ms(20);

    /* Every frame due is delivered or counted: frames + overruns match the
     * emulated time the source ran, within 1 % plus the read-out window. */
    int64_t lo = (int64_t)rate * (int64_t)(t1a - t0b) / 1000;
    int64_t hi = (int64_t)rate * (int64_t)(t1b - t0a + 1u) / 1000;
    int64_t total = (int64_t)frames + (int64_t)lost;
    lo -= lo / 100;
    hi += hi / 100;
    n = tgt_cat(name, sizeof name, 0, "afe.frame_rate_");
    (void)tgt_cat_i64(name, sizeof name, n, rate);
    tgt_check_val(name, (total >= lo) && (total <= hi), total);
    tgt_check("afe.no_frame_after_stop", probe.frames == after_stop);
    tgt_check_val("afe.no_overruns", msdk_port_afe_overruns() == 0u, msdk_port_afe_overruns());
    tgt_check_val("afe.frame0_v1_is_zero", probe.first_v1 == 0, probe.first_v1);
    int32_t dq = probe.quarter_v1 - MSDK_MPS2_AFE_V_PEAK_CODE;
    tgt_check_val("afe.quarter_period_is_peak", (dq >= -2) && (dq <= 2), dq);
    int32_t dv = probe.v1_max - MSDK_MPS2_AFE_V_PEAK_CODE;
    tgt_check_val("afe.v1_peak_230v", (dv >= -2) && (dv <= 2), dv);
    int32_t di = probe.i1_max - MSDK_MPS2_AFE_I_PEAK_CODE;
    tgt_check_val("afe.i1_peak_5a", (di >= -2) && (di <= 2), di);
    tgt_check_val("afe.neutral_near_zero", probe.in_abs_max <= 8, probe.in_abs_max);
}

static void test_afe(void)
{
    msdk_afe_config_t slow = { 1000u };
    msdk_afe_config_t fast = { 9000u };
    static afe_probe_t dummy;
    tgt_check("afe.rejects_1000hz",
              msdk_port_afe_start(&slow, afe_handler, &dummy) == MSDK_ERR_INVALID_ARG);
    tgt_check("afe.rejects_9000hz",
              msdk_port_afe_start(&fast, afe_handler, &dummy) == MSDK_ERR_INVALID_ARG);
    tgt_check("afe.rejects_null_handler",
              msdk_port_afe_start(&slow, NULL, NULL) == MSDK_ERR_INVALID_ARG);
    tgt_check("afe.stop_when_idle", msdk_port_afe_stop() == MSDK_OK);
    test_afe_rate(4000u);
    test_afe_rate(8000u);
}

/* ---- the rest ------------------------------------------------------------ */

static void test_entropy(void)
{
    uint8_t a[32];
    uint8_t b[32];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    tgt_check("entropy.read", msdk_port_entropy_read(a, sizeof a) == MSDK_OK);
    tgt_check("entropy.read_again", msdk_port_entropy_read(b, sizeof b) == MSDK_OK);
    tgt_check("entropy.reads_differ", memcmp(a, b, sizeof a) != 0);
    uint8_t zero[32] = { 0 };
    tgt_check("entropy.not_all_zero", memcmp(a, zero, sizeof a) != 0);
    tgt_check("entropy.len0", msdk_port_entropy_read(NULL, 0) == MSDK_OK);
    tgt_check("entropy.null", msdk_port_entropy_read(NULL, 1) == MSDK_ERR_INVALID_ARG);
    static uint8_t large[1000];
    tgt_check("entropy.read_1000", msdk_port_entropy_read(large, sizeof large) == MSDK_OK);
}

static void test_io(void)
{
    msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, true);
    msdk_port_io_led_set(MSDK_IO_LED_REACTIVE, false);
    tgt_check("io.led_active_on_fpga", (REG(FPGAIO_LED0) & 3u) == 1u);
    msdk_port_io_led_set(MSDK_IO_LED_REACTIVE, true);
    msdk_port_io_led_set(MSDK_IO_LED_ALARM, true);
    msdk_port_io_led_set(MSDK_IO_LED_COUNT, true); /* ignored */
    tgt_check("io.led_both_on_fpga", (REG(FPGAIO_LED0) & 3u) == 3u);
    msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, false);
    msdk_port_io_led_set(MSDK_IO_LED_REACTIVE, false);
    tgt_check("io.led_off_on_fpga", (REG(FPGAIO_LED0) & 3u) == 0u);

    bool closed = false;
    tgt_check("io.relay_closed_at_start",
              (msdk_port_io_relay_feedback(&closed) == MSDK_OK) && closed);
    tgt_check("io.relay_open", msdk_port_io_relay_drive(false) == MSDK_OK);
    tgt_check("io.relay_feedback_open",
              (msdk_port_io_relay_feedback(&closed) == MSDK_OK) && !closed);
    tgt_check("io.relay_close", msdk_port_io_relay_drive(true) == MSDK_OK);
    tgt_check("io.relay_feedback_null", msdk_port_io_relay_feedback(NULL) == MSDK_ERR_INVALID_ARG);
    /* --inputs 5 on the command line: terminal cover open + magnet. */
    tgt_check_val("io.inputs_forced",
                  msdk_port_io_inputs_read() ==
                      (uint32_t)(MSDK_IO_IN_TERMINAL_COVER_OPEN | MSDK_IO_IN_MAGNET),
                  msdk_port_io_inputs_read());

    msdk_lcd_frame_t f;
    memset(&f, 0, sizeof f);
    memcpy(f.value, "00012345.6", 11);
    memcpy(f.code, "1.8.0", 6);
    f.icons = MSDK_LCD_ICON_KWH | MSDK_LCD_ICON_L1 | MSDK_LCD_ICON_L2 | MSDK_LCD_ICON_L3;
    tgt_check("lcd.show", msdk_port_lcd_show(&f) == MSDK_OK);
    tgt_check("lcd.show_same_again", msdk_port_lcd_show(&f) == MSDK_OK); /* prints nothing */
    memset(f.code, 'x', sizeof f.code);
    tgt_check("lcd.rejects_unterminated", msdk_port_lcd_show(&f) == MSDK_ERR_INVALID_ARG);
    tgt_check("lcd.rejects_null", msdk_port_lcd_show(NULL) == MSDK_ERR_INVALID_ARG);
}

static void power_handler(void *ctx)
{
    (void)ctx;
}

static void test_power_image(void)
{
    msdk_power_status_t ps;
    tgt_check("power.handler_set",
              msdk_port_power_fail_handler_set(power_handler, NULL) == MSDK_OK);
    tgt_check("power.status",
              (msdk_port_power_status(&ps) == MSDK_OK) && !ps.failing && (ps.supply_mv > 0u));
    tgt_check("power.status_null", msdk_port_power_status(NULL) == MSDK_ERR_INVALID_ARG);

    msdk_image_slot_info_t info;
    tgt_check("image.info", (msdk_port_image_slot_info(&info) == MSDK_OK) &&
                                (info.size == MSDK_MPS2_IMAGE_SLOT_SIZE) &&
                                (info.write_align == 4u));
    tgt_check("image.erase", msdk_port_image_slot_erase() == MSDK_OK);
    static const uint8_t blk[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    uint8_t rd[8];
    tgt_check("image.write", msdk_port_image_slot_write(1024u, blk, sizeof blk) == MSDK_OK);
    tgt_check("image.read_back", (msdk_port_image_slot_read(1024u, rd, sizeof rd) == MSDK_OK) &&
                                     (memcmp(rd, blk, sizeof rd) == 0));
    tgt_check("image.write_misaligned",
              msdk_port_image_slot_write(1026u, blk, 4) == MSDK_ERR_ALIGNMENT);
    tgt_check("image.write_past_end",
              msdk_port_image_slot_write(info.size - 4u, blk, 8) == MSDK_ERR_INVALID_ARG);
    tgt_check("image.read_past_end",
              msdk_port_image_slot_read(info.size, rd, 1) == MSDK_ERR_INVALID_ARG);
    tgt_check("image.activate_zero", msdk_port_image_activate(0) == MSDK_ERR_INVALID_ARG);
    tgt_check("image.activate_too_big",
              msdk_port_image_activate(info.size + 1u) == MSDK_ERR_INVALID_ARG);
}

static void boot1(const options_t *opt)
{
    msdk_port_board_log("port selftest: boot 1 (after software reset)");
    tgt_check_val("reset.cause_software", msdk_port_reset_cause() == MSDK_RESET_SOFTWARE,
                  msdk_port_reset_cause());
    tgt_check("nvm.kept_across_reset", true); /* the marker was read back */
    tgt_check("board.name", strcmp(msdk_port_board_name(), "mps2-an386") == 0);

    test_clock();
    test_critical();
    test_serial();
    if (opt->uart1_loopback) {
        test_uart1_loopback();
    }
    test_nvm();
    test_afe();
    test_entropy();
    test_io();
    test_power_image();

    tgt_check("watchdog.rejects_0", msdk_port_watchdog_start(0) == MSDK_ERR_INVALID_ARG);
    tgt_check("watchdog.rejects_200s", msdk_port_watchdog_start(200000u) == MSDK_ERR_INVALID_ARG);
    tgt_check("watchdog.start", msdk_port_watchdog_start(300u) == MSDK_OK);
    for (int i = 0; i < 10; i++) { /* 1 s, kicked every 100 ms */
        wait_ms(100);
        msdk_port_watchdog_kick();
    }
    tgt_check("watchdog.kick_keeps_running", true);

    marker_write(2u);
    msdk_port_board_log("port selftest: waiting for the watchdog");
    flush_console();
    wait_ms(3000);
    tgt_check("watchdog.resets", false);
}

int main(int argc, char **argv)
{
    static char *board_argv[ARGV_MAX + 1];
    int board_argc = 0;
    options_t opt;
    memset(&opt, 0, sizeof opt);

    /* Take our own options out; pass the rest to the board. */
    if (argc > 0) {
        board_argv[board_argc++] = argv[0];
    }
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "--argv-probe") == 0) && (i + 3 < argc)) {
            for (int k = 0; k < 3; k++) {
                opt.probe[k] = argv[i + 1 + k];
            }
            opt.probe_count = 3;
            i += 3;
        } else if ((strcmp(argv[i], "--rx-text") == 0) && (i + 1 < argc)) {
            opt.rx_text = argv[++i];
        } else if ((strcmp(argv[i], "--rx-flood") == 0) && (i + 1 < argc)) {
            uint32_t v = 0;
            for (const char *c = argv[++i]; (*c >= '0') && (*c <= '9'); c++) {
                v = (v * 10u) + (uint32_t)(*c - '0');
            }
            opt.rx_flood = v;
        } else if (strcmp(argv[i], "--uart1-loopback") == 0) {
            opt.uart1_loopback = true;
        } else if (strcmp(argv[i], "--fault") == 0) {
            opt.fault = true;
        } else if (board_argc < ARGV_MAX) {
            board_argv[board_argc++] = argv[i];
        }
    }
    board_argv[board_argc] = NULL;

    if (msdk_port_board_init(board_argc, board_argv) != MSDK_OK) {
        msdk_port_board_log("port selftest: board init failed");
        return 100;
    }
    if (opt.fault) {
        msdk_port_board_log("port selftest: executing an undefined instruction");
        __asm volatile("udf #0");
    }

    nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        msdk_port_board_log("port selftest: no NVM");
        return 101;
    }
    marker_addr = nvm->geo.size - nvm->geo.sector_size;

    if (argc == 0) {
        /* No semihosting host: BKPT 0xAB was skipped by the fault handler. */
        uint8_t b[4];
        tgt_check("semihosting_absent.entropy_not_supported",
                  msdk_port_entropy_read(b, sizeof b) == MSDK_ERR_NOT_SUPPORTED);
        return tgt_summary("port selftest (no semihosting)");
    }

    marker_t m;
    if (!marker_read(&m)) {
        boot0(argc, argv, &opt); /* does not return */
        return 102;
    }
    tgt_counts.passed = m.passed;
    tgt_counts.failed = m.failed;
    if (m.stage == 1u) {
        boot1(&opt); /* ends in a watchdog reset */
        return 103;
    }
    msdk_port_board_log("port selftest: boot 2 (after watchdog reset)");
    tgt_check_val("reset.cause_watchdog", msdk_port_reset_cause() == MSDK_RESET_WATCHDOG,
                  msdk_port_reset_cause());
    tgt_check("marker.erase", msdk_nvm_erase(nvm, marker_addr) == MSDK_OK);
    return tgt_summary("port selftest");
}
