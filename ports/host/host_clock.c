/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Simulated clock: uptime, the RTC with crystal error and trim, speed and steps. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <time.h>
#include "host_internal.h"
#include "msdk/port/clock.h"

#define NS_PER_US 1000u
#define US_PER_S  1000000

uint64_t msdk_host_mono_ns(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

bool msdk_host_clock_is_stepped(const msdk_host_clock_t *c)
{
    return c->speed <= 0.0;
}

void msdk_host_clock_init(msdk_host_clock_t *c, const msdk_host_options_t *o)
{
    memset(c, 0, sizeof(*c));
    c->speed = o->stepped ? 0.0 : o->speed;
    c->anchor_mono_ns = msdk_host_mono_ns();
    if (o->start_time_set) {
        c->rtc_ref_utc_us = o->start_utc_us;
    } else {
        struct timespec ts;
        (void)clock_gettime(CLOCK_REALTIME, &ts);
        c->rtc_ref_utc_us = (int64_t)ts.tv_sec * US_PER_S + (int64_t)(ts.tv_nsec / 1000);
    }
    c->crystal_ppb = (int64_t)llround(o->rtc_ppm * 1000.0);
    c->rtc_valid = !o->rtc_invalid;
}

uint64_t msdk_host_clock_wall_target_us(const msdk_host_clock_t *c)
{
    if (msdk_host_clock_is_stepped(c)) {
        return c->now_us;
    }
    uint64_t mono = msdk_host_mono_ns();
    uint64_t elapsed_ns = (mono > c->anchor_mono_ns) ? mono - c->anchor_mono_ns : 0u;
    double sim = (double)elapsed_ns * c->speed / (double)NS_PER_US;
    uint64_t target = c->anchor_sim_us + (uint64_t)sim;
    return (target > c->now_us) ? target : c->now_us;
}

void msdk_host_clock_reanchor(msdk_host_clock_t *c)
{
    c->anchor_mono_ns = msdk_host_mono_ns();
    c->anchor_sim_us = c->now_us;
}

void msdk_host_clock_limit_lag(msdk_host_clock_t *c)
{
    if (msdk_host_clock_is_stepped(c)) {
        return;
    }
    uint64_t target = msdk_host_clock_wall_target_us(c);
    double lag_wall_ms = (double)(target - c->now_us) / c->speed / 1000.0;
    if (lag_wall_ms > (double)MSDK_HOST_CLOCK_MAX_LAG_MS) {
        msdk_host_clock_reanchor(c);
    }
}

/* RTC microseconds: the reference plus the elapsed simulated time scaled by
 * (1 + error), in exact integer arithmetic. */
int64_t msdk_host_clock_rtc_us(const msdk_host_clock_t *c)
{
    int64_t elapsed = (int64_t)(c->now_us - c->rtc_ref_sim_us);
    int64_t err_ppb = c->crystal_ppb + (int64_t)c->trim_ppb;
    int64_t corr =
        (elapsed / 1000000000) * err_ppb + ((elapsed % 1000000000) * err_ppb) / 1000000000;
    return c->rtc_ref_utc_us + elapsed + corr;
}

static void rtc_rebase(msdk_host_clock_t *c)
{
    c->rtc_ref_utc_us = msdk_host_clock_rtc_us(c);
    c->rtc_ref_sim_us = c->now_us;
}

/* The RTC as whole seconds since 1970 and milliseconds (rounded down, also before 1970). */
static void rtc_split(const msdk_host_clock_t *c, int64_t *utc_s, uint16_t *ms)
{
    int64_t us = msdk_host_clock_rtc_us(c);
    int64_t s = us / US_PER_S;
    int64_t rem = us % US_PER_S;
    if (rem < 0) {
        rem += US_PER_S;
        s--;
    }
    *utc_s = s;
    *ms = (uint16_t)(rem / 1000);
}

const char *msdk_host_clock_rtc_format(const msdk_host_clock_t *c, char *buf, size_t cap)
{
    int64_t s;
    uint16_t ms;
    rtc_split(c, &s, &ms);
    msdk_host_format_utc(buf, cap, s, ms);
    return buf;
}

const char *msdk_host_clock_speed_format(const msdk_host_clock_t *c, const char *prefix, char *buf,
                                         size_t cap)
{
    if (msdk_host_clock_is_stepped(c)) {
        (void)snprintf(buf, cap, "stepped");
    } else {
        (void)snprintf(buf, cap, "%s%g", prefix, c->speed);
    }
    return buf;
}

/* ---- clock.h -------------------------------------------------------------------- */

uint64_t msdk_port_clock_uptime_ms(void)
{
    return msdk_host_board()->clock.now_us / 1000u;
}

msdk_err_t msdk_port_rtc_read(msdk_rtc_time_t *now)
{
    msdk_host_board_t *b = msdk_host_board();
    if (now == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    rtc_split(&b->clock, &now->utc_s, &now->frac_ms);
    now->valid = b->clock.rtc_valid;
    return MSDK_OK;
}

msdk_err_t msdk_port_rtc_set(int64_t utc_s, uint16_t frac_ms)
{
    msdk_host_board_t *b = msdk_host_board();
    /* Half the int64 microsecond range: the reading (reference + elapsed time +
     * correction) cannot overflow in 146,000 years of uptime. */
    if ((utc_s < 0) || (frac_ms > 999u) || (utc_s > INT64_MAX / US_PER_S / 2)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    b->clock.rtc_ref_utc_us = utc_s * US_PER_S + (int64_t)frac_ms * 1000;
    b->clock.rtc_ref_sim_us = b->clock.now_us;
    b->clock.rtc_valid = true;
    return MSDK_OK;
}

msdk_err_t msdk_port_rtc_trim_set(int32_t ppb)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((ppb > MSDK_HOST_RTC_TRIM_MAX_PPB) || (ppb < -MSDK_HOST_RTC_TRIM_MAX_PPB)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    rtc_rebase(&b->clock);
    b->clock.trim_ppb = ppb;
    return MSDK_OK;
}

/* ---- sim.h ------------------------------------------------------------------------ */

msdk_err_t msdk_host_clock_speed_set(double speed)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, isfinite(speed) && (speed >= 0.0) &&
                                                (speed <= MSDK_HOST_CLOCK_SPEED_MAX) &&
                                                ((speed == 0.0) || (speed >= 1e-3)));
    if (err != MSDK_OK) {
        return err;
    }
    b->clock.speed = speed;
    msdk_host_clock_reanchor(&b->clock);
    if (b->clock.step_pending_us != 0u) {
        b->clock.step_pending_us = 0;
        msdk_host_control_step_done(b);
    }
    return MSDK_OK;
}

double msdk_host_clock_speed(void)
{
    return msdk_host_board()->clock.speed;
}

msdk_err_t msdk_host_clock_step_ms(uint64_t ms)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || b->stop || !msdk_host_clock_is_stepped(&b->clock)) {
        return MSDK_ERR_STATE;
    }
    if (b->advancing) {
        return MSDK_ERR_BUSY;
    }
    uint64_t add =
        (ms > (UINT64_MAX - b->clock.now_us) / 1000u) ? UINT64_MAX - b->clock.now_us : ms * 1000u;
    (void)msdk_host_sim_advance(b, b->clock.now_us + add, NULL);
    return MSDK_OK;
}

uint64_t msdk_host_clock_now_us(void)
{
    return msdk_host_board()->clock.now_us;
}

msdk_err_t msdk_host_rtc_ppm_set(double ppm)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, isfinite(ppm) && (ppm <= MSDK_HOST_RTC_PPM_MAX) &&
                                                (ppm >= -MSDK_HOST_RTC_PPM_MAX));
    if (err != MSDK_OK) {
        return err;
    }
    rtc_rebase(&b->clock);
    b->clock.crystal_ppb = (int64_t)llround(ppm * 1000.0);
    return MSDK_OK;
}

int32_t msdk_host_rtc_trim(void)
{
    return msdk_host_board()->clock.trim_ppb;
}

void msdk_host_rtc_invalidate(void)
{
    msdk_host_board()->clock.rtc_valid = false;
}
