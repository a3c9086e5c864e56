/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Port conformance suite: checks that a port's NVM, serial and clock
 *        behave as include/msdk/port/ promises.
 *
 * Plain C with no test framework, no heap and no libc stdio (the details are
 * formatted by the suite itself), so the same checks run in a Check suite on
 * the host (against the fakes and ports/host) and inside a heap-free
 * firmware image on the target or under QEMU. Each function runs a set of
 * named checks, calls @p report once per check (passed or failed) and
 * returns the number of failed checks, so 0 means conformant.
 *
 * A minimal runner on a board (tests/target/port_conformance_main.c is the
 * complete one, qemu.port_conformance runs it on mps2-an386):
 * @code
 * static void log_failure(void *ctx, const msdk_conf_result_t *r)
 * {
 *     (void)ctx;
 *     if (!r->passed) {
 *         msdk_port_board_log(r->check); // and r->suite, r->detail
 *     }
 * }
 * int failed = msdk_conf_nvm(msdk_port_board_nvm(MSDK_BOARD_NVM_DATA), log_failure, NULL);
 * failed += msdk_conf_clock(msdk_conf_clock_port(), log_failure, NULL);
 * @endcode
 */
#ifndef MSDK_TEST_PORT_CONFORMANCE_H
#define MSDK_TEST_PORT_CONFORMANCE_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/clock.h"
#include "msdk/port/nvm.h"
#include "msdk/port/serial.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Outcome of one check. */
typedef struct msdk_conf_result {
    const char *suite;  /**< "nvm", "serial" or "clock". */
    const char *check;  /**< Name of the check, e.g. "erase_sets_ff". */
    bool passed;        /**< true when the port behaved as specified. */
    const char *detail; /**< What went wrong ("" when passed); valid during the call only. */
} msdk_conf_result_t;

/**
 * @brief Receives every check's outcome.
 * @param ctx    The @c ctx given to the suite function.
 * @param result Outcome.
 */
typedef void (*msdk_conf_report_fn)(void *ctx, const msdk_conf_result_t *result);

/**
 * @brief NVM conformance. Destructive: erases and programs the region.
 *
 * Checks: the geometry is valid; the wrappers reject out-of-range, wrapping,
 * misaligned and page-crossing requests and these leave the content intact;
 * erase sets a sector to 0xFF; program ANDs into the old content; a partial
 * program leaves the rest of the page erased; a whole page programs in one
 * call; pseudo-random patterns read back intact across several sectors
 * (first ones and last ones), also with reads that cross page and sector
 * boundaries at odd offsets; erasing one sector leaves its neighbours
 * intact. Touches at most five sectors, so it is quick on large regions.
 * @param[in] nvm    Region under test.
 * @param[in] report Called for every check; may be NULL.
 * @param[in] ctx    Passed to @p report.
 * @return Number of failed checks (a NULL @p nvm counts as one).
 */
int msdk_conf_nvm(const msdk_nvm_t *nvm, msdk_conf_report_fn report, void *ctx);

/**
 * @brief Serial conformance over two ports wired to each other.
 *
 * Checks: both ends come up connected; line settings used by metering
 * (300 and 9600 7E1, 9600 8N1, 2400 8E1) are accepted; an idle port reads
 * nothing; ASCII sent at 9600 7E1 arrives unchanged (bit 7 clear); every byte value 0x00..0xFF
 * passes unchanged and in order in both directions; a long pseudo-random stream arrives intact and
 * in order A to B, B to A and in both directions at once, with partial writes handled; nothing
 * echoes back to the sender (unless @p a == @p b, a loopback); tx_pending drains to 0. Both ends
 * are left at 9600 8N1.
 * @param[in] a        One end.
 * @param[in] b        The other end (may equal @p a for a port looped back).
 * @param[in] pump     Called whenever the suite waits (a host port serves
 *                     its sockets, a fake moves bytes); may be NULL.
 * @param[in] pump_ctx Passed to @p pump.
 * @param[in] report   Called for every check; may be NULL.
 * @param[in] ctx      Passed to @p report.
 * @return Number of failed checks.
 */
int msdk_conf_serial_pair(const msdk_serial_t *a, const msdk_serial_t *b, void (*pump)(void *),
                          void *pump_ctx, msdk_conf_report_fn report, void *ctx);

/** @brief The clock under test, as functions with a context. */
typedef struct msdk_conf_clock {
    /** msdk_port_clock_uptime_ms(). */
    uint64_t (*uptime_ms)(void *ctx);
    /** msdk_port_rtc_read(). */
    msdk_err_t (*rtc_read)(void *ctx, msdk_rtc_time_t *now);
    /** msdk_port_rtc_set(). */
    msdk_err_t (*rtc_set)(void *ctx, int64_t utc_s, uint16_t frac_ms);
    /** Let at least @p ms of this clock's time pass (busy-wait, idle, or
     *  advance a simulated clock). */
    void (*wait_ms)(void *ctx, uint32_t ms);
    void *ctx; /**< Passed to every function. */
} msdk_conf_clock_t;

/**
 * @brief Clock conformance. Sets the RTC and restores it afterwards.
 *
 * Checks: uptime never goes backwards over many reads and advances by at
 * least the waited time; rtc_read rejects NULL; rtc_set rejects a negative
 * time and frac_ms > 999 and leaves the clock running where it was; a set
 * time reads back valid, at or slightly after the set value, also past
 * 2038-01-19 and past 2106-02-07 (32-bit counters wrap there); the RTC
 * advances with the uptime. Waits about 3.2 s of clock time in total.
 * @param[in] clk    Clock under test.
 * @param[in] report Called for every check; may be NULL.
 * @param[in] ctx    Passed to @p report.
 * @return Number of failed checks.
 */
int msdk_conf_clock(const msdk_conf_clock_t *clk, msdk_conf_report_fn report, void *ctx);

/**
 * @brief The board's own clock (the link-time msdk_port_clock_* and
 *        msdk_port_rtc_* functions), for msdk_conf_clock().
 *
 * wait_ms calls msdk_port_board_idle() until the uptime has advanced, and
 * gives up after a bounded number of calls if it does not.
 * @return A static descriptor.
 */
const msdk_conf_clock_t *msdk_conf_clock_port(void);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TEST_PORT_CONFORMANCE_H */
