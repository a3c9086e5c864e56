/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Clock conformance (see port_conformance.h). */
#include <stddef.h>
#include <stdint.h>
#include "conf_internal.h"
#include "msdk/core/err.h"
#include "msdk/port/clock.h"

/* Slack allowed between setting the RTC and reading it back, in ms. */
#define CONF_CLOCK_SLACK_MS    2000
/* Reads in the monotonicity check. */
#define CONF_CLOCK_READS       10000u
/* Time left to run after a far-future set, in ms. */
#define CONF_CLOCK_FAR_WAIT_MS 1000u

static long long ll(int64_t v)
{
    return (long long)v;
}

static int64_t rtc_ms(const msdk_rtc_time_t *t)
{
    return t->utc_s * 1000 + (int64_t)t->frac_ms;
}

/* Set the RTC, read it back and check it is valid and at or just after the
 * value set. */
static void check_set_read(msdk_conf_check_t *chk, const msdk_conf_clock_t *clk, int64_t utc_s,
                           uint16_t frac_ms)
{
    msdk_err_t err = clk->rtc_set(clk->ctx, utc_s, frac_ms);
    if (!msdk_conf_require(chk, err == MSDK_OK, "set %lld.%03u: %s", ll(utc_s), frac_ms,
                           msdk_err_str(err))) {
        return;
    }
    msdk_rtc_time_t now = { 0, 0u, false };
    err = clk->rtc_read(clk->ctx, &now);
    if (!msdk_conf_require(chk, err == MSDK_OK, "read after set %lld: %s", ll(utc_s),
                           msdk_err_str(err))) {
        return;
    }
    int64_t want = utc_s * 1000 + (int64_t)frac_ms;
    int64_t got = rtc_ms(&now);
    msdk_conf_require(chk, now.valid, "set %lld, read back not valid", ll(utc_s));
    msdk_conf_require(chk, now.frac_ms <= 999u, "frac_ms %u out of range", now.frac_ms);
    /* A clock with whole-second resolution may read up to 999 ms early. */
    msdk_conf_require(chk, (got >= want - 999) && (got <= want + CONF_CLOCK_SLACK_MS),
                      "set %lld.%03u, read %lld.%03u", ll(utc_s), frac_ms, ll(now.utc_s),
                      now.frac_ms);
}

/* Set utc_s.999: either refused with MSDK_ERR_INVALID_ARG, or read back valid,
 * not before and not far after the value set once time has passed (no
 * arithmetic overflow in the port). Compares seconds only: utc_s * 1000 may
 * not fit in int64. */
static void check_far_future(msdk_conf_check_t *chk, const msdk_conf_clock_t *clk, int64_t utc_s)
{
    msdk_err_t err = clk->rtc_set(clk->ctx, utc_s, 999u);
    if ((err == MSDK_ERR_INVALID_ARG) ||
        !msdk_conf_require(chk, err == MSDK_OK, "set %lld.999: %s", ll(utc_s), msdk_err_str(err))) {
        return;
    }
    clk->wait_ms(clk->ctx, CONF_CLOCK_FAR_WAIT_MS);
    msdk_rtc_time_t now = { 0, 0u, false };
    err = clk->rtc_read(clk->ctx, &now);
    msdk_conf_require(chk,
                      (err == MSDK_OK) && now.valid && (now.utc_s >= utc_s) &&
                          (now.utc_s - utc_s <=
                           1 + (CONF_CLOCK_SLACK_MS / 1000) + (CONF_CLOCK_FAR_WAIT_MS / 1000)),
                      "set %lld.999, %u ms later read %lld.%03u (%s, %s)", ll(utc_s),
                      (unsigned)CONF_CLOCK_FAR_WAIT_MS, ll(now.utc_s), now.frac_ms,
                      now.valid ? "valid" : "not valid", msdk_err_str(err));
}

int msdk_conf_clock(const msdk_conf_clock_t *clk, msdk_conf_report_fn report, void *ctx)
{
    msdk_conf_run_t run;
    msdk_conf_check_t chk;
    msdk_conf_run_init(&run, "clock", report, ctx);

    msdk_conf_begin(&run, &chk, "interface_complete");
    msdk_conf_require(&chk,
                      (clk != NULL) && (clk->uptime_ms != NULL) && (clk->rtc_read != NULL) &&
                          (clk->rtc_set != NULL) && (clk->wait_ms != NULL),
                      "clock descriptor missing or incomplete");
    if (!msdk_conf_end(&chk)) {
        return run.failed;
    }

    msdk_conf_begin(&run, &chk, "uptime_monotonic");
    uint64_t prev = clk->uptime_ms(clk->ctx);
    for (uint32_t i = 0; i < CONF_CLOCK_READS; i++) {
        uint64_t now = clk->uptime_ms(clk->ctx);
        if (!msdk_conf_require(&chk, now >= prev, "uptime went back from %llu to %llu",
                               (unsigned long long)prev, (unsigned long long)now)) {
            break;
        }
        prev = now;
    }
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(&run, &chk, "uptime_advances");
    uint64_t t0 = clk->uptime_ms(clk->ctx);
    clk->wait_ms(clk->ctx, 100u);
    uint64_t t1 = clk->uptime_ms(clk->ctx);
    msdk_conf_require(&chk, (t1 >= t0) && (t1 - t0 >= 100u),
                      "waited 100 ms, uptime went from %llu to %llu", (unsigned long long)t0,
                      (unsigned long long)t1);
    (void)msdk_conf_end(&chk);

    /* Remember the RTC to put it back at the end. */
    msdk_rtc_time_t orig = { 0, 0u, false };
    uint64_t orig_up = clk->uptime_ms(clk->ctx);
    bool have_orig = (clk->rtc_read(clk->ctx, &orig) == MSDK_OK) && orig.valid;

    msdk_conf_begin(&run, &chk, "rtc_read_rejects_null");
    msdk_err_t err = clk->rtc_read(clk->ctx, NULL);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "rtc_read(NULL): %s", msdk_err_str(err));
    (void)msdk_conf_end(&chk);

    const int64_t t2026 = 1767225600; /* 2026-01-01T00:00:00Z */
    msdk_conf_begin(&run, &chk, "rtc_set_read_round_trip");
    check_set_read(&chk, clk, t2026, 250u);
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(&run, &chk, "rtc_set_rejects_invalid");
    err = clk->rtc_set(clk->ctx, -1, 0u);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "set(-1): %s", msdk_err_str(err));
    err = clk->rtc_set(clk->ctx, t2026 + 3600, 1000u);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "set(frac 1000): %s", msdk_err_str(err));
    msdk_rtc_time_t now = { 0, 0u, false };
    err = clk->rtc_read(clk->ctx, &now);
    msdk_conf_require(&chk,
                      (err == MSDK_OK) && now.valid && (rtc_ms(&now) >= t2026 * 1000 - 999) &&
                          (rtc_ms(&now) <= t2026 * 1000 + 250 + CONF_CLOCK_SLACK_MS),
                      "after rejected sets the RTC reads %lld.%03u (%s)", ll(now.utc_s),
                      now.frac_ms, msdk_err_str(err));
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(&run, &chk, "rtc_past_2038");
    check_set_read(&chk, clk, (int64_t)INT32_MAX + 10, 0u);
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(&run, &chk, "rtc_past_2106");
    check_set_read(&chk, clk, (int64_t)UINT32_MAX + 11, 0u);
    (void)msdk_conf_end(&chk);

    /* A port may refuse times beyond its range, but a time it takes must keep
     * counting: the largest seconds that still fit in int64 milliseconds or
     * microseconds must not overflow a few hundred ms later. */
    msdk_conf_begin(&run, &chk, "rtc_far_future_accepted_or_rejected");
    check_far_future(&chk, clk, (INT64_MAX / 1000000) - 1);
    check_far_future(&chk, clk, (INT64_MAX / 1000) - 1);
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(&run, &chk, "rtc_advances_with_uptime");
    msdk_rtc_time_t r0 = { 0, 0u, false };
    msdk_rtc_time_t r1 = { 0, 0u, false };
    err = clk->rtc_set(clk->ctx, t2026, 0u);
    uint64_t u0 = clk->uptime_ms(clk->ctx);
    msdk_err_t e0 = clk->rtc_read(clk->ctx, &r0);
    clk->wait_ms(clk->ctx, 1100u);
    msdk_err_t e1 = clk->rtc_read(clk->ctx, &r1);
    uint64_t u1 = clk->uptime_ms(clk->ctx);
    if (msdk_conf_require(&chk, (err == MSDK_OK) && (e0 == MSDK_OK) && (e1 == MSDK_OK),
                          "set %s, reads %s / %s", msdk_err_str(err), msdk_err_str(e0),
                          msdk_err_str(e1))) {
        int64_t rtc_delta = rtc_ms(&r1) - rtc_ms(&r0);
        int64_t up_delta = (int64_t)(u1 - u0);
        /* Whole-second RTCs are allowed one second of quantisation. */
        msdk_conf_require(&chk, (rtc_delta >= up_delta - 1000) && (rtc_delta <= up_delta + 1000),
                          "uptime advanced %lld ms, RTC %lld ms", ll(up_delta), ll(rtc_delta));
    }
    (void)msdk_conf_end(&chk);

    if (have_orig) {
        msdk_conf_begin(&run, &chk, "rtc_restored");
        int64_t back = rtc_ms(&orig) + (int64_t)(clk->uptime_ms(clk->ctx) - orig_up);
        err = clk->rtc_set(clk->ctx, back / 1000, (uint16_t)(back % 1000));
        msdk_conf_require(&chk, err == MSDK_OK, "restoring the RTC: %s", msdk_err_str(err));
        (void)msdk_conf_end(&chk);
    }
    return run.failed;
}
