/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Settable clock (see fake_clock.h). */
#include "fake_clock.h"

#include <stddef.h>
#include <string.h>

void msdk_fake_clock_init(msdk_fake_clock_t *clk, uint64_t now_ms, int64_t utc_s)
{
    memset(clk, 0, sizeof(*clk));
    clk->now_ms = now_ms;
    clk->utc_s = utc_s;
    clk->rtc_valid = true;
    clk->rtc_read_err = MSDK_OK;
    clk->rtc_set_err = MSDK_OK;
}

void msdk_fake_clock_advance_ms(msdk_fake_clock_t *clk, uint64_t ms)
{
    clk->now_ms += ms;
    uint64_t frac = (uint64_t)clk->frac_ms + ms;
    clk->utc_s += (int64_t)(frac / 1000u);
    clk->frac_ms = (uint16_t)(frac % 1000u);
}

void msdk_fake_clock_advance_s(msdk_fake_clock_t *clk, uint32_t s)
{
    msdk_fake_clock_advance_ms(clk, (uint64_t)s * 1000u);
}

void msdk_fake_clock_step_rtc(msdk_fake_clock_t *clk, int64_t delta_s)
{
    clk->utc_s += delta_s;
}

void msdk_fake_clock_rtc_lose(msdk_fake_clock_t *clk)
{
    clk->rtc_valid = false;
}

uint64_t msdk_fake_clock_uptime_ms(const msdk_fake_clock_t *clk)
{
    return clk->now_ms;
}

msdk_err_t msdk_fake_clock_rtc_read(const msdk_fake_clock_t *clk, msdk_rtc_time_t *now)
{
    if ((clk == NULL) || (now == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (clk->rtc_read_err != MSDK_OK) {
        return clk->rtc_read_err;
    }
    now->utc_s = clk->utc_s;
    now->frac_ms = clk->frac_ms;
    now->valid = clk->rtc_valid;
    return MSDK_OK;
}

msdk_err_t msdk_fake_clock_rtc_set(msdk_fake_clock_t *clk, int64_t utc_s, uint16_t frac_ms)
{
    if ((clk == NULL) || (utc_s < 0) || (frac_ms > 999u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (clk->rtc_set_err != MSDK_OK) {
        return clk->rtc_set_err;
    }
    clk->utc_s = utc_s;
    clk->frac_ms = frac_ms;
    clk->rtc_valid = true;
    clk->rtc_sets++;
    return MSDK_OK;
}
