/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The simulated-time engine and msdk_port_board_idle(): advance time (AFE frames,
 * relay, watchdog, run end, in time order), then sleep in ppoll() on every socket, pty
 * and the signal descriptor for no longer than the next simulated event needs, serve
 * what is ready, and advance again. */
#define _GNU_SOURCE /* ppoll */
#include <errno.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include "host_internal.h"

#define NS_PER_MS      1000000u
#define MAX_SLEEP_NS   (3600ull * 1000000000ull)
/* While simulated time runs behind (a long `clock step`, a high speed), the descriptors
 * are polled at most this often in wall time, not at every pass of the firmware. */
#define BEHIND_POLL_NS (1000000ull)

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return (a < b) ? a : b;
}

static uint64_t run_end_us(const msdk_host_board_t *b)
{
    return b->opt.run_ms_set ? b->opt.run_ms * 1000u : UINT64_MAX;
}

static void events_due(msdk_host_board_t *b)
{
    msdk_host_io_update(b);
    msdk_host_mbus_update(b);
    msdk_host_watchdog_check(b);
    if (b->clock.now_us >= run_end_us(b)) {
        msdk_host_board_stop(b, MSDK_HOST_EXIT_OK, "run time reached (--run-ms)");
    }
}

static uint64_t next_event_us(const msdk_host_board_t *b)
{
    uint64_t t = min_u64(msdk_host_io_next_event_us(b), msdk_host_mbus_board_next_us(b));
    if (b->watchdog.running) {
        t = min_u64(t, b->watchdog.deadline_us);
    }
    return min_u64(t, run_end_us(b));
}

bool msdk_host_sim_advance(msdk_host_board_t *b, uint64_t target_us, uint64_t *budget)
{
    bool held = false;
    b->advancing = true;
    events_due(b);
    target_us = min_u64(target_us, run_end_us(b));
    while (!b->stop && (b->clock.now_us < target_us)) {
        uint64_t step_to = min_u64(target_us, next_event_us(b));
        if (step_to <= b->clock.now_us) {
            step_to = b->clock.now_us + 1u;
        }
        uint64_t t = msdk_host_afe_generate_until(b, step_to, budget);
        if (t > b->clock.now_us) {
            b->clock.now_us = t;
        }
        events_due(b);
        if (t < step_to) {
            held = true; /* the AFE budget ran out: time waits for the frames */
            break;
        }
    }
    b->advancing = false;
    return !held && (b->clock.now_us >= target_us);
}

/* Advance as far as this idle call may; true when more is due right away. */
static bool advance_for_idle(msdk_host_board_t *b, uint64_t limit_us, uint64_t *budget)
{
    msdk_host_clock_t *c = &b->clock;
    if (b->stop) {
        return false;
    }
    if (msdk_host_clock_is_stepped(c)) {
        if (c->step_pending_us == 0u) {
            return false;
        }
        uint64_t before = c->now_us;
        uint64_t want =
            (c->step_pending_us > UINT64_MAX - before) ? UINT64_MAX : before + c->step_pending_us;
        (void)msdk_host_sim_advance(b, min_u64(want, limit_us), budget);
        uint64_t done = c->now_us - before;
        c->step_pending_us -= min_u64(done, c->step_pending_us);
        if (b->stop) {
            c->step_pending_us = 0;
        }
        if (c->step_pending_us == 0u) {
            msdk_host_control_step_done(b);
        }
        return c->step_pending_us != 0u;
    }
    uint64_t wall = msdk_host_clock_wall_target_us(c);
    bool reached = msdk_host_sim_advance(b, min_u64(wall, limit_us), budget);
    return !b->stop && (!reached || (wall > limit_us));
}

/* How long ppoll() may sleep, in wall nanoseconds. */
static uint64_t sleep_ns(const msdk_host_board_t *b, uint32_t max_wait_ms)
{
    const msdk_host_clock_t *c = &b->clock;
    uint64_t ns;
    if (msdk_host_clock_is_stepped(c)) {
        ns = (uint64_t)max_wait_ms * NS_PER_MS;
    } else {
        uint64_t wake = c->now_us + (uint64_t)max_wait_ms * 1000u;
        wake = min_u64(wake, next_event_us(b));
        wake = min_u64(wake, msdk_host_afe_next_chunk_us(b));
        uint64_t wall = msdk_host_clock_wall_target_us(c);
        if (wake <= wall) {
            return 0;
        }
        double d = (double)(wake - wall) * 1000.0 / c->speed;
        ns = (d >= (double)MAX_SLEEP_NS) ? MAX_SLEEP_NS : (uint64_t)d;
    }
    ns = min_u64(ns, msdk_host_console_wait_ns(b));
    if (msdk_host_serial_pty_waiting(b)) {
        ns = min_u64(ns, (uint64_t)MSDK_HOST_PTY_PROBE_MS * NS_PER_MS);
    }
    return min_u64(ns, MAX_SLEEP_NS);
}

static void on_signal(msdk_host_board_t *b)
{
    struct signalfd_siginfo si;
    while (read(b->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        msdk_host_board_stop(b, MSDK_HOST_EXIT_OK, (si.ssi_signo == SIGINT) ? "SIGINT" : "SIGTERM");
    }
}

static void wait_and_serve(msdk_host_board_t *b, uint64_t ns)
{
    msdk_host_pollset_t ps;
    ps.n = 0;
    msdk_host_pollset_add(&ps, b->signal_fd, POLLIN, MSDK_HOST_POLL_SIGNAL, b);
    msdk_host_serial_poll_add(b, &ps);
    msdk_host_control_poll_add(b, &ps);
    msdk_host_net_poll_add(b, &ps);
    struct timespec ts = { (time_t)(ns / 1000000000u), (long)(ns % 1000000000u) };
    int r = ppoll(ps.fds, (nfds_t)ps.n, &ts, NULL);
    for (size_t i = 0; (r > 0) && (i < ps.n); i++) {
        short rev = ps.fds[i].revents;
        if (rev == 0) {
            continue;
        }
        switch (ps.kind[i]) {
        case MSDK_HOST_POLL_SIGNAL: on_signal(b); break;
        case MSDK_HOST_POLL_SERIAL_LISTEN:
        case MSDK_HOST_POLL_SERIAL_PEER:
            msdk_host_serial_on_poll(b, ps.kind[i], ps.obj[i], ps.fds[i].fd, rev);
            break;
        case MSDK_HOST_POLL_CONTROL_LISTEN:
        case MSDK_HOST_POLL_CONTROL_CLIENT:
            msdk_host_control_on_poll(b, ps.kind[i], ps.obj[i], ps.fds[i].fd, rev);
            break;
        case MSDK_HOST_POLL_NET: msdk_host_net_on_poll(b, ps.fds[i].fd); break;
        }
    }
    msdk_host_serial_service(b);
    msdk_host_control_service(b);
}

void msdk_host_sim_finish(msdk_host_board_t *b)
{
    if (b->finished) {
        return;
    }
    b->finished = true;
    msdk_host_control_service(b);
    msdk_host_console_finish(b);
    msdk_host_console_printf(b, "stopped: %s (exit status %d, simulated time %llu ms)",
                             (b->stop_reason != NULL) ? b->stop_reason : "stop requested",
                             b->exit_status, (unsigned long long)(b->clock.now_us / 1000u));
    msdk_host_nvm_flush(&b->nvm);
}

bool msdk_port_board_idle(uint32_t max_wait_ms)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized) {
        return false;
    }
    if (!b->stop) {
        uint32_t span_ms = (max_wait_ms > MSDK_HOST_IDLE_MIN_ADVANCE_MS)
                               ? max_wait_ms
                               : MSDK_HOST_IDLE_MIN_ADVANCE_MS;
        uint64_t limit = b->clock.now_us + (uint64_t)span_ms * 1000u;
        uint64_t budget = MSDK_HOST_AFE_MAX_FRAMES_PER_IDLE;
        bool behind = advance_for_idle(b, limit, &budget);
        uint64_t mono = behind ? msdk_host_mono_ns() : 0u;
        if (!b->stop && (!behind || (mono - b->served_mono_ns >= BEHIND_POLL_NS))) {
            b->served_mono_ns = mono;
            wait_and_serve(b, behind ? 0u : sleep_ns(b, max_wait_ms));
            (void)advance_for_idle(b, limit, &budget);
            msdk_host_control_service(b); /* replies of steps that just ended */
        }
        msdk_host_clock_limit_lag(&b->clock);
        msdk_host_console_tick(b);
    }
    if (b->stop) {
        msdk_host_sim_finish(b);
        return false;
    }
    return true;
}
