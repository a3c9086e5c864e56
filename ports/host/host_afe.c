/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* AFE port: every sample instant of simulated time becomes a frame of the grid model.
 *
 * Frame n (0-based) of a sampling session is the sample at t0 + (n + 1) / rate, t0 the
 * simulated time of msdk_port_afe_start(). Frames are generated as simulated time
 * passes them and handed to the handler in chunks of up to MSDK_HOST_AFE_CHUNK_FRAMES,
 * from msdk_port_board_idle() (or msdk_host_clock_step_ms()). None is ever skipped:
 * when the budget of an idle call runs out, simulated time stops at the last frame. */
#define _POSIX_C_SOURCE 200809L
#include "host_internal.h"

#define US_PER_S 1000000u

/* Frames of the session due at t_us. */
static uint64_t frames_due(const msdk_host_afe_t *a, uint64_t t_us)
{
    if (t_us <= a->t0_us) {
        return 0;
    }
    uint64_t d = t_us - a->t0_us;
    return (d / US_PER_S) * a->rate_hz + ((d % US_PER_S) * a->rate_hz) / US_PER_S;
}

/* Earliest simulated time at which n frames are due. */
static uint64_t time_of_frames(const msdk_host_afe_t *a, uint64_t n)
{
    uint64_t q = n / a->rate_hz;
    uint64_t r = n % a->rate_hz;
    return a->t0_us + q * US_PER_S + (r * US_PER_S + a->rate_hz - 1u) / a->rate_hz;
}

static bool producing(const msdk_host_afe_t *a)
{
    return a->running && !a->off && (a->handler != NULL);
}

uint64_t msdk_host_afe_generate_until(msdk_host_board_t *b, uint64_t target_us, uint64_t *budget)
{
    msdk_host_afe_t *a = &b->afe;
    if (!producing(a)) {
        return target_us;
    }
    uint64_t due = frames_due(a, target_us);
    if (due <= a->delivered) {
        return target_us;
    }
    uint64_t todo = due - a->delivered;
    bool held = false;
    if ((budget != NULL) && (todo > *budget)) {
        todo = *budget;
        held = true;
    }
    uint32_t session = a->session;
    while (todo > 0u) {
        size_t n = (todo < MSDK_HOST_AFE_CHUNK_FRAMES) ? (size_t)todo : MSDK_HOST_AFE_CHUNK_FRAMES;
        msdk_host_grid_generate(&b->grid, a->rate_hz, b->io.relay_closed, a->buf, n);
        a->delivered += n;
        a->total_frames += n;
        todo -= n;
        if (budget != NULL) {
            *budget -= n;
        }
        a->in_handler = true;
        a->handler(a->ctx, a->buf, n);
        a->in_handler = false;
        if ((a->session != session) || !producing(a)) {
            return target_us; /* stopped (or restarted) by the handler */
        }
    }
    return held ? time_of_frames(a, a->delivered + 1u) - 1u : target_us;
}

uint64_t msdk_host_afe_next_chunk_us(const msdk_host_board_t *b)
{
    const msdk_host_afe_t *a = &b->afe;
    if (!producing(a)) {
        return UINT64_MAX;
    }
    return time_of_frames(a, a->delivered + MSDK_HOST_AFE_CHUNK_FRAMES);
}

/* ---- afe.h ------------------------------------------------------------------------ */

msdk_err_t msdk_port_afe_start(const msdk_afe_config_t *cfg, msdk_afe_handler_t handler, void *ctx)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_host_afe_t *a = &b->afe;
    if ((cfg == NULL) || (handler == NULL) || (cfg->rate_hz < 2000u) || (cfg->rate_hz > 8000u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    if (a->running) {
        return MSDK_ERR_STATE;
    }
    a->running = true;
    a->rate_hz = cfg->rate_hz;
    a->handler = handler;
    a->ctx = ctx;
    a->session++;
    a->t0_us = b->clock.now_us;
    a->delivered = 0;
    if (a->off) {
        msdk_host_console_printf(b, "afe: --afe-off: sampling at %u Hz requested, no frames",
                                 (unsigned)cfg->rate_hz);
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_afe_stop(void)
{
    msdk_host_afe_t *a = &msdk_host_board()->afe;
    a->running = false;
    a->handler = NULL;
    a->ctx = NULL;
    a->session++;
    return MSDK_OK;
}

uint32_t msdk_port_afe_overruns(void)
{
    return 0; /* time waits for the model instead */
}

uint64_t msdk_host_afe_frames(void)
{
    return msdk_host_board()->afe.total_frames;
}
