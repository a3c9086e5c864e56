/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk_conf_clock() over the board's link-time clock functions. Kept in its
 * own file so that users of the other checks need not link a board. */
#include <stddef.h>
#include <stdint.h>
#include "conf_internal.h"
#include "msdk/core/compiler.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"

/* Idle calls before wait_ms gives up on a clock that does not advance. */
#define CONF_CLOCK_PORT_MAX_IDLE 10000000u

static uint64_t port_uptime_ms(void *ctx)
{
    MSDK_UNUSED_PARAM(ctx);
    return msdk_port_clock_uptime_ms();
}

static msdk_err_t port_rtc_read(void *ctx, msdk_rtc_time_t *now)
{
    MSDK_UNUSED_PARAM(ctx);
    return msdk_port_rtc_read(now);
}

static msdk_err_t port_rtc_set(void *ctx, int64_t utc_s, uint16_t frac_ms)
{
    MSDK_UNUSED_PARAM(ctx);
    return msdk_port_rtc_set(utc_s, frac_ms);
}

static void port_wait_ms(void *ctx, uint32_t ms)
{
    MSDK_UNUSED_PARAM(ctx);
    uint64_t start = msdk_port_clock_uptime_ms();
    for (uint32_t i = 0; i < CONF_CLOCK_PORT_MAX_IDLE; i++) {
        uint64_t elapsed = msdk_port_clock_uptime_ms() - start;
        if (elapsed >= ms) {
            return;
        }
        (void)msdk_port_board_idle((uint32_t)(ms - elapsed));
    }
}

static const msdk_conf_clock_t conf_clock_port = {
    .uptime_ms = port_uptime_ms,
    .rtc_read = port_rtc_read,
    .rtc_set = port_rtc_set,
    .wait_ms = port_wait_ms,
    .ctx = NULL,
};

const msdk_conf_clock_t *msdk_conf_clock_port(void)
{
    return &conf_clock_port;
}
