/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Control interface: a line-based text protocol on TCP 127.0.0.1 (default port 4070).
 *
 * One command per line (LF or CRLF), one reply line per command: "ok[ <details>]" or
 * "error <reason>". Blank lines are ignored. Lines longer than
 * MSDK_HOST_CONTROL_LINE_MAX bytes or with bytes outside printable ASCII are answered
 * with an error and otherwise ignored. `clock step <ms>` replies when the step is done;
 * the client's next lines wait for it. Send `help` for the command list. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include "host_internal.h"

#define MAX_TOKENS 12u

static const char help_text[] =
    "ok commands: help | status | lcd | cover terminal|meter open|closed | magnet on|off | "
    "button scroll|relay press|release | relay fail on|off | "
    "grid phase <1-3> [v <V>] [i <A>] [angle <deg>] [vangle <deg>] | grid freq <Hz> | "
    "grid harmonic <1-3> v|i <order> <rel> <deg> | grid noise <codes> | "
    "grid neutral sum|<A> <deg> | clock speed <N> (0 = stepped) | clock step <ms> | "
    "power fail | mbus status | mbus short on|off | mbus power on|off | "
    "mbus slave <1-10> on|off | mbus slave <1-10> status fraud|battery|none ... | quit";

static void client_reset(msdk_host_ctl_client_t *c)
{
    msdk_host_fd_close(&c->fd);
    c->len = 0;
    c->discarding = false;
    c->step_waiting = false;
    c->in.head = 0;
    c->in.count = 0;
    c->out.head = 0;
    c->out.count = 0;
}

static void reply(msdk_host_ctl_client_t *c, const char *fmt, ...) MSDK_PRINTF(2, 3);

static void reply(msdk_host_ctl_client_t *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf) - 1u, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    size_t len = ((size_t)n < sizeof(buf) - 1u) ? (size_t)n : sizeof(buf) - 2u;
    buf[len++] = '\n';
    if (msdk_host_ring_space(&c->out) < len) {
        client_reset(c); /* the client does not read its replies: drop it */
        return;
    }
    (void)msdk_host_ring_put(&c->out, (const uint8_t *)buf, len);
}

static void flush_out(msdk_host_ctl_client_t *c)
{
    while ((c->fd >= 0) && (c->out.count > 0u)) {
        const uint8_t *p;
        size_t span = msdk_host_ring_used_span(&c->out, &p);
        ssize_t n = send(c->fd, p, span, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            msdk_host_ring_drop(&c->out, (size_t)n);
        } else if ((n < 0) && (errno == EINTR)) {
            continue;
        } else if ((n < 0) && ((errno == EAGAIN) || (errno == EWOULDBLOCK))) {
            return;
        } else {
            client_reset(c);
        }
    }
}

/* ---- argument helpers ------------------------------------------------------------------ */

static bool word_is(const char *tok, const char *word)
{
    return strcmp(tok, word) == 0;
}

/* "on"/"off", "open"/"closed", "press"/"release" -> true/false. */
static bool parse_switch(const char *tok, const char *yes, const char *no, bool *out)
{
    if (word_is(tok, yes)) {
        *out = true;
        return true;
    }
    if (word_is(tok, no)) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_phase(const char *tok, uint32_t *phase)
{
    uint64_t v;
    if (!msdk_host_parse_u64(tok, 3u, &v) || (v < 1u)) {
        return false;
    }
    *phase = (uint32_t)v;
    return true;
}

/* ---- commands ------------------------------------------------------------------------- */

static void cmd_status(msdk_host_board_t *b, msdk_host_ctl_client_t *c)
{
    char utc[40];
    char in[96];
    char speed[24];
    const msdk_host_io_t *io = &b->io;
    const char *afe = b->afe.off ? "off" : (b->afe.running ? "running" : "stopped");
    reply(c,
          "ok time_ms=%llu utc=%s rtc_valid=%d speed=%s relay=%s relay_drive=%s relay_fail=%s "
          "inputs=%s leds=%d,%d,%d pulses=%llu,%llu,%llu afe=%s afe_rate=%u afe_frames=%llu "
          "watchdog=%s power=%s",
          (unsigned long long)(b->clock.now_us / 1000u),
          msdk_host_clock_rtc_format(&b->clock, utc, sizeof(utc)), b->clock.rtc_valid ? 1 : 0,
          msdk_host_clock_speed_format(&b->clock, "", speed, sizeof(speed)),
          io->relay_closed ? "closed" : "open", io->relay_target ? "closed" : "open",
          io->relay_fail ? "on" : "off", msdk_host_inputs_format(io->inputs, in, sizeof(in)),
          io->led_on[0] ? 1 : 0, io->led_on[1] ? 1 : 0, io->led_on[2] ? 1 : 0,
          (unsigned long long)io->led_pulses[0], (unsigned long long)io->led_pulses[1],
          (unsigned long long)io->led_pulses[2], afe, (unsigned)b->afe.rate_hz,
          (unsigned long long)b->afe.total_frames, b->watchdog.running ? "running" : "off",
          b->power.failing ? "failing" : "ok");
}

static void cmd_grid(msdk_host_board_t *b, msdk_host_ctl_client_t *c, char **t, size_t n)
{
    msdk_host_grid_t g = b->grid.cfg;
    uint32_t ph;
    double x, y;
    if ((n >= 3u) && word_is(t[1], "phase")) {
        if (!parse_phase(t[2], &ph) || (n < 5u) || ((n % 2u) == 0u)) {
            reply(c, "error usage: grid phase <1-3> [v <V>] [i <A>] [angle <deg>] [vangle <deg>]");
            return;
        }
        msdk_host_grid_phase_t *p = &g.phase[ph - 1u];
        for (size_t k = 3; k + 1u < n; k += 2u) {
            double *dst = word_is(t[k], "v")        ? &p->v_rms
                          : word_is(t[k], "i")      ? &p->i_rms
                          : word_is(t[k], "angle")  ? &p->i_angle_deg
                          : word_is(t[k], "vangle") ? &p->v_angle_deg
                                                    : NULL;
            if ((dst == NULL) || !msdk_host_parse_double(t[k + 1u], -1e6, 1e6, dst)) {
                reply(c, "error bad argument '%.32s'", (dst == NULL) ? t[k] : t[k + 1u]);
                return;
            }
        }
    } else if ((n == 3u) && word_is(t[1], "freq")) {
        if (!msdk_host_parse_double(t[2], -1e6, 1e6, &g.freq_hz)) {
            reply(c, "error bad frequency");
            return;
        }
    } else if ((n == 3u) && word_is(t[1], "noise")) {
        if (!msdk_host_parse_double(t[2], -1e6, 1e6, &g.noise_codes)) {
            reply(c, "error bad noise");
            return;
        }
    } else if ((n == 3u) && word_is(t[1], "neutral") && word_is(t[2], "sum")) {
        g.neutral_is_sum = true;
    } else if ((n == 4u) && word_is(t[1], "neutral")) {
        if (!msdk_host_parse_double(t[2], -1e6, 1e6, &g.neutral_rms) ||
            !msdk_host_parse_double(t[3], -1e6, 1e6, &g.neutral_angle_deg)) {
            reply(c, "error usage: grid neutral sum|<A> <deg>");
            return;
        }
        g.neutral_is_sum = false;
    } else if ((n == 7u) && word_is(t[1], "harmonic")) {
        uint64_t order;
        bool current;
        if (!parse_phase(t[2], &ph) || !parse_switch(t[3], "i", "v", &current) ||
            !msdk_host_parse_u64(t[4], MSDK_HOST_GRID_MAX_ORDER, &order) ||
            !msdk_host_parse_double(t[5], -1e6, 1e6, &x) ||
            !msdk_host_parse_double(t[6], -1e6, 1e6, &y)) {
            reply(c, "error usage: grid harmonic <1-3> v|i <order> <rel> <deg>");
            return;
        }
        msdk_err_t err = msdk_host_grid_harmonic_set(ph, current, (uint32_t)order, x, y);
        if (err == MSDK_ERR_NO_SPACE) {
            reply(c, "error no free harmonic slot");
        } else if (err != MSDK_OK) {
            reply(c, "error out of range (order 2-%u, rel 0-1, deg -360-360)",
                  (unsigned)MSDK_HOST_GRID_MAX_ORDER);
        } else {
            reply(c, "ok");
        }
        return;
    } else {
        reply(c, "error usage: grid phase|freq|harmonic|noise|neutral ...");
        return;
    }
    if (msdk_host_grid_set(&g) != MSDK_OK) {
        reply(c, "error out of range");
        return;
    }
    reply(c, "ok");
}

static void cmd_clock(msdk_host_board_t *b, msdk_host_ctl_client_t *c, char **t, size_t n)
{
    if ((n == 3u) && word_is(t[1], "speed")) {
        double speed;
        if (!msdk_host_parse_double(t[2], 0.0, MSDK_HOST_CLOCK_SPEED_MAX, &speed) ||
            (msdk_host_clock_speed_set(speed) != MSDK_OK)) {
            reply(c, "error bad speed (0 = stepped, or 0.001-%g)", MSDK_HOST_CLOCK_SPEED_MAX);
            return;
        }
        reply(c, "ok");
        return;
    }
    if ((n == 3u) && word_is(t[1], "step")) {
        uint64_t ms;
        if (!msdk_host_clock_is_stepped(&b->clock)) {
            reply(c, "error not in stepped mode (clock speed 0)");
            return;
        }
        if (!msdk_host_parse_u64(t[2], 10000000000000ull, &ms)) {
            reply(c, "error bad step");
            return;
        }
        if (ms == 0u) {
            reply(c, "ok time_ms=%llu", (unsigned long long)(b->clock.now_us / 1000u));
            return;
        }
        /* ms <= 1e13, so ms * 1000 fits; the sum of several clients' steps saturates. */
        uint64_t us = ms * 1000u;
        b->clock.step_pending_us = (b->clock.step_pending_us > UINT64_MAX - us)
                                       ? UINT64_MAX
                                       : b->clock.step_pending_us + us;
        c->step_waiting = true; /* replied by msdk_host_control_step_done() */
        return;
    }
    reply(c, "error usage: clock speed <N> | clock step <ms>");
}

static void execute(msdk_host_board_t *b, msdk_host_ctl_client_t *c, char *line)
{
    char *t[MAX_TOKENS];
    bool on;
    for (const char *p = line; *p != '\0'; p++) {
        if (((*p < 0x20) && (*p != '\t')) || (*p > 0x7E)) {
            reply(c, "error bad characters");
            return;
        }
    }
    size_t n = msdk_host_tokenize(line, t, MAX_TOKENS);
    if (n == 0u) {
        return;
    }
    if (n > MAX_TOKENS) {
        reply(c, "error too many words");
        return;
    }
    if ((n == 1u) && word_is(t[0], "help")) {
        reply(c, "%s", help_text);
    } else if ((n == 1u) && word_is(t[0], "status")) {
        cmd_status(b, c);
    } else if ((n == 1u) && word_is(t[0], "lcd")) {
        char lcd[128];
        (void)msdk_host_lcd_format(&b->io.lcd, lcd, sizeof(lcd));
        reply(c, "ok %s", lcd);
    } else if ((n == 3u) && word_is(t[0], "cover") &&
               (word_is(t[1], "terminal") || word_is(t[1], "meter")) &&
               parse_switch(t[2], "open", "closed", &on)) {
        msdk_host_inputs_set(word_is(t[1], "terminal") ? MSDK_IO_IN_TERMINAL_COVER_OPEN
                                                       : MSDK_IO_IN_METER_COVER_OPEN,
                             on);
        reply(c, "ok");
    } else if ((n == 2u) && word_is(t[0], "magnet") && parse_switch(t[1], "on", "off", &on)) {
        msdk_host_inputs_set(MSDK_IO_IN_MAGNET, on);
        reply(c, "ok");
    } else if ((n == 3u) && word_is(t[0], "button") &&
               (word_is(t[1], "scroll") || word_is(t[1], "relay")) &&
               parse_switch(t[2], "press", "release", &on)) {
        msdk_host_inputs_set(
            word_is(t[1], "scroll") ? MSDK_IO_IN_BUTTON_SCROLL : MSDK_IO_IN_BUTTON_RELAY, on);
        reply(c, "ok");
    } else if ((n == 3u) && word_is(t[0], "relay") && word_is(t[1], "fail") &&
               parse_switch(t[2], "on", "off", &on)) {
        msdk_host_relay_fail_set(on);
        reply(c, "ok");
    } else if ((n >= 2u) && word_is(t[0], "grid")) {
        cmd_grid(b, c, t, n);
    } else if ((n >= 2u) && word_is(t[0], "clock")) {
        cmd_clock(b, c, t, n);
    } else if ((n == 2u) && word_is(t[0], "power") && word_is(t[1], "fail")) {
        reply(c, "ok");
        flush_out(c);
        msdk_host_power_fail();
    } else if ((n >= 2u) && word_is(t[0], "mbus")) {
        char out[256];
        msdk_host_mbus_command(b, t, n, out, sizeof(out));
        reply(c, "%s", out);
    } else if ((n == 1u) && word_is(t[0], "quit")) {
        reply(c, "ok bye");
        flush_out(c);
        msdk_host_board_stop(b, MSDK_HOST_EXIT_OK, "quit (control interface)");
    } else {
        reply(c, "error unknown command '%.32s' (try help)", t[0]);
    }
}

/* Turn received bytes into lines and execute them, unless a step is running. */
static void process_input(msdk_host_board_t *b, msdk_host_ctl_client_t *c)
{
    while ((c->fd >= 0) && !c->step_waiting && (c->in.count > 0u)) {
        uint8_t ch;
        (void)msdk_host_ring_get(&c->in, &ch, 1u);
        if (ch == '\n') {
            if (c->discarding) {
                reply(c, "error line too long (max %u bytes)",
                      (unsigned)MSDK_HOST_CONTROL_LINE_MAX);
            } else {
                if ((c->len > 0u) && (c->line[c->len - 1u] == '\r')) {
                    c->len--;
                }
                c->line[c->len] = '\0';
                execute(b, c, c->line);
            }
            c->len = 0;
            c->discarding = false;
        } else if (c->discarding) {
            continue;
        } else if (c->len < MSDK_HOST_CONTROL_LINE_MAX) {
            /* A NUL would end the C string early: keep it visible as a bad byte. */
            c->line[c->len++] = (ch == 0u) ? (char)0x01 : (char)ch;
        } else {
            c->discarding = true;
        }
    }
}

/* ---- board side ------------------------------------------------------------------------ */

msdk_err_t msdk_host_control_open(msdk_host_board_t *b)
{
    msdk_host_control_t *ctl = &b->control;
    memset(ctl, 0, sizeof(*ctl));
    ctl->listen_fd = -1;
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        ctl->client[i].fd = -1;
    }
    if (b->opt.control_port == MSDK_HOST_PORT_OFF) {
        return MSDK_OK;
    }
    ctl->listen_fd = msdk_host_tcp_listen_announced(b, "control", b->opt.control_port, &ctl->port);
    return (ctl->listen_fd < 0) ? MSDK_ERR_IO : MSDK_OK;
}

void msdk_host_control_close(msdk_host_board_t *b)
{
    msdk_host_control_t *ctl = &b->control;
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        client_reset(&ctl->client[i]);
    }
    msdk_host_fd_close(&ctl->listen_fd);
}

void msdk_host_control_poll_add(msdk_host_board_t *b, msdk_host_pollset_t *ps)
{
    msdk_host_control_t *ctl = &b->control;
    msdk_host_pollset_add(ps, ctl->listen_fd, POLLIN, MSDK_HOST_POLL_CONTROL_LISTEN, ctl);
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        msdk_host_ctl_client_t *c = &ctl->client[i];
        if (c->fd < 0) {
            continue;
        }
        msdk_host_pollset_add(ps, c->fd, msdk_host_ring_poll_events(&c->in, &c->out),
                              MSDK_HOST_POLL_CONTROL_CLIENT, c);
    }
}

static void accept_client(msdk_host_board_t *b)
{
    msdk_host_control_t *ctl = &b->control;
    int fd = msdk_host_tcp_accept(ctl->listen_fd);
    if (fd < 0) {
        return;
    }
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        if (ctl->client[i].fd < 0) {
            client_reset(&ctl->client[i]);
            ctl->client[i].fd = fd;
            return;
        }
    }
    static const char busy[] = "error too many control clients\n";
    (void)send(fd, busy, sizeof(busy) - 1u, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)close(fd);
}

void msdk_host_control_on_poll(msdk_host_board_t *b, msdk_host_poll_kind_t kind, void *obj, int fd,
                               short revents)
{
    if (kind == MSDK_HOST_POLL_CONTROL_LISTEN) {
        if ((revents & POLLIN) != 0) {
            accept_client(b);
        }
        return;
    }
    msdk_host_ctl_client_t *c = obj;
    if (c->fd != fd) {
        return;
    }
    if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        for (;;) {
            uint8_t *p;
            size_t span = msdk_host_ring_free_span(&c->in, &p);
            if (span == 0u) {
                break;
            }
            ssize_t n = recv(c->fd, p, span, MSG_DONTWAIT);
            if (n > 0) {
                msdk_host_ring_commit(&c->in, (size_t)n);
                continue;
            }
            if ((n < 0) && (errno == EINTR)) {
                continue;
            }
            if ((n == 0) || ((errno != EAGAIN) && (errno != EWOULDBLOCK))) {
                /* Peer gone: execute what it sent, then drop it. */
                process_input(b, c);
                flush_out(c);
                client_reset(c);
                return;
            }
            break;
        }
        process_input(b, c);
    }
    flush_out(c);
}

void msdk_host_control_service(msdk_host_board_t *b)
{
    bool waiting = false;
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        msdk_host_ctl_client_t *c = &b->control.client[i];
        process_input(b, c);
        flush_out(c);
        waiting = waiting || ((c->fd >= 0) && c->step_waiting);
    }
    /* A step nobody waits for any more (its client went away) is cancelled,
     * so a huge `clock step` from a vanished client does not keep the
     * simulator busy. */
    if (!waiting) {
        b->clock.step_pending_us = 0;
    }
}

void msdk_host_control_step_done(msdk_host_board_t *b)
{
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        msdk_host_ctl_client_t *c = &b->control.client[i];
        if ((c->fd >= 0) && c->step_waiting) {
            c->step_waiting = false;
            if (b->stop) {
                reply(c, "error stopped at time_ms=%llu: %s",
                      (unsigned long long)(b->clock.now_us / 1000u),
                      (b->stop_reason != NULL) ? b->stop_reason : "stop requested");
            } else {
                reply(c, "ok time_ms=%llu", (unsigned long long)(b->clock.now_us / 1000u));
            }
        }
    }
}

uint16_t msdk_host_control_tcp_port(void)
{
    msdk_host_board_t *b = msdk_host_board();
    return (b->initialized && (b->control.listen_fd >= 0)) ? b->control.port : 0u;
}
