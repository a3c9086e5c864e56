/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Everything the simulator prints goes to stdout through here.
 *
 * When stdout is a terminal, a two-line status block (LCD and simulator state) stays
 * below the log and is redrawn in place with ANSI escapes at most every
 * MSDK_HOST_LCD_MIN_INTERVAL_MS / 2 of wall time. Otherwise a change of the LCD content
 * prints a line "LCD| <value> | <code> | <icons>", limited by wall time whatever the
 * simulation speed: at most MSDK_HOST_LCD_MAX_LINES_PER_S lines per second on average
 * (token bucket, bursts of as many), and a new value of the item already shown (same
 * code, e.g. a ticking clock) at most every MSDK_HOST_LCD_MIN_INTERVAL_MS, so that new
 * items (another code) keep most of the budget. Held-back content is printed when the
 * budget allows (the latest wins). --no-lcd turns both off. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <unistd.h>
#include "host_internal.h"

#define BLOCK_LINES 2u
#define NS_PER_S    1000000000u
#define INTERVAL_NS ((uint64_t)MSDK_HOST_LCD_MIN_INTERVAL_MS * 1000000u)
#define REDRAW_NS   (INTERVAL_NS / 2u)
#define TOKEN_NS    (NS_PER_S / MSDK_HOST_LCD_MAX_LINES_PER_S)
#define TOKENS_MAX  ((uint64_t)MSDK_HOST_LCD_MAX_LINES_PER_S * TOKEN_NS)

void msdk_host_console_init(msdk_host_board_t *b)
{
    msdk_host_console_t *con = &b->console;
    memset(con, 0, sizeof(*con));
    con->tty = isatty(STDOUT_FILENO) == 1;
    con->lcd_enabled = !b->opt.no_lcd;
    con->at_line_start = true;
    con->bucket_ns = TOKENS_MAX;
    con->bucket_at_ns = msdk_host_mono_ns();
}

static void erase_block(msdk_host_console_t *con)
{
    if (con->block_drawn) {
        for (unsigned i = 0; i < BLOCK_LINES; i++) {
            (void)fputs("\033[1A\033[2K", stdout);
        }
        con->block_drawn = false;
    }
}

static void draw_block(msdk_host_board_t *b)
{
    msdk_host_console_t *con = &b->console;
    char lcd[128];
    char utc[40];
    char in[96];
    char speed[24];
    if (!con->tty || !con->lcd_enabled) {
        return;
    }
    erase_block(con);
    if (!con->at_line_start) {
        (void)fputc('\n', stdout);
        con->at_line_start = true;
    }
    (void)msdk_host_lcd_format(&b->io.lcd, lcd, sizeof(lcd));
    (void)printf("\033[2K\033[1mLCD| %s\033[0m\n", lcd);
    (void)printf("\033[2K%s up %.3f s %s | relay %s | in %s | LED %llu/%llu/%llu\n",
                 msdk_host_clock_rtc_format(&b->clock, utc, sizeof(utc)),
                 (double)b->clock.now_us / 1e6,
                 msdk_host_clock_speed_format(&b->clock, "x", speed, sizeof(speed)),
                 b->io.relay_closed ? "closed" : "open",
                 msdk_host_inputs_format(b->io.inputs, in, sizeof(in)),
                 (unsigned long long)b->io.led_pulses[0], (unsigned long long)b->io.led_pulses[1],
                 (unsigned long long)b->io.led_pulses[2]);
    con->block_drawn = true;
}

void msdk_host_console_printf(msdk_host_board_t *b, const char *fmt, ...)
{
    msdk_host_console_t *con = &b->console;
    va_list ap;
    erase_block(con);
    if (!con->at_line_start) {
        (void)fputc('\n', stdout);
    }
    va_start(ap, fmt);
    (void)vprintf(fmt, ap);
    va_end(ap);
    (void)fputc('\n', stdout);
    con->at_line_start = true;
    if (b->initialized) {
        draw_block(b);
    }
    (void)fflush(stdout);
}

void msdk_host_console_write(msdk_host_board_t *b, const uint8_t *data, size_t len)
{
    msdk_host_console_t *con = &b->console;
    if (len == 0u) {
        return;
    }
    erase_block(con);
    (void)fwrite(data, 1, len, stdout);
    con->at_line_start = data[len - 1u] == '\n';
    (void)fflush(stdout);
}

void msdk_host_console_lcd_changed(msdk_host_board_t *b)
{
    b->console.lcd_pending = true;
}

static void print_lcd_line(msdk_host_board_t *b, uint64_t now)
{
    msdk_host_console_t *con = &b->console;
    char lcd[128];
    (void)msdk_host_lcd_format(&b->io.lcd, lcd, sizeof(lcd));
    msdk_host_console_printf(b, "LCD| %s", lcd);
    memcpy(con->printed_code, b->io.lcd.code, sizeof(con->printed_code));
    con->printed_at_ns = now;
    con->lcd_pending = false;
}

/* Refill the token bucket (tokens kept as nanoseconds of budget). */
static void refill(msdk_host_console_t *con, uint64_t now)
{
    if (now > con->bucket_at_ns) {
        con->bucket_ns += now - con->bucket_at_ns;
        if (con->bucket_ns > TOKENS_MAX) {
            con->bucket_ns = TOKENS_MAX;
        }
    }
    con->bucket_at_ns = now;
}

/* Wall nanoseconds until the pending LCD line may be printed (0: now). */
static uint64_t line_wait_ns(const msdk_host_board_t *b, uint64_t now)
{
    const msdk_host_console_t *con = &b->console;
    uint64_t bucket = con->bucket_ns + ((now > con->bucket_at_ns) ? now - con->bucket_at_ns : 0u);
    uint64_t wait = (bucket >= TOKEN_NS) ? 0u : TOKEN_NS - bucket;
    bool same_item = strncmp(con->printed_code, b->io.lcd.code, sizeof(con->printed_code)) == 0;
    if (same_item && (now < con->printed_at_ns + INTERVAL_NS)) {
        uint64_t w = con->printed_at_ns + INTERVAL_NS - now;
        wait = (w > wait) ? w : wait;
    }
    return wait;
}

void msdk_host_console_tick(msdk_host_board_t *b)
{
    msdk_host_console_t *con = &b->console;
    if (!con->lcd_enabled) {
        return;
    }
    uint64_t now = msdk_host_mono_ns();
    if (con->tty) {
        if (now >= con->next_draw_ns) {
            draw_block(b);
            (void)fflush(stdout);
            con->lcd_pending = false;
            con->next_draw_ns = now + REDRAW_NS;
        }
        return;
    }
    if (con->lcd_pending && (line_wait_ns(b, now) == 0u)) {
        refill(con, now);
        con->bucket_ns -= TOKEN_NS;
        print_lcd_line(b, now);
    }
}

uint64_t msdk_host_console_wait_ns(const msdk_host_board_t *b)
{
    const msdk_host_console_t *con = &b->console;
    uint64_t now = msdk_host_mono_ns();
    if (!con->lcd_enabled) {
        return UINT64_MAX;
    }
    if (con->tty) {
        return (now >= con->next_draw_ns) ? 0u : con->next_draw_ns - now;
    }
    return con->lcd_pending ? line_wait_ns(b, now) : UINT64_MAX;
}

void msdk_host_console_finish(msdk_host_board_t *b)
{
    msdk_host_console_t *con = &b->console;
    if (con->lcd_enabled && con->tty) {
        draw_block(b);
    } else if (con->lcd_enabled && con->lcd_pending) {
        print_lcd_line(b, msdk_host_mono_ns()); /* the last content, whatever the budget */
    }
    (void)fflush(stdout);
}
