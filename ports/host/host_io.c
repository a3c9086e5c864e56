/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Meter I/O: pulse LEDs, the supply relay with its operate time, tamper inputs and
 * buttons (set by the control interface; clean levels, no debounce needed), the LCD. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include "host_internal.h"
#include "msdk/port_common/lcd_text.h"

#define LCD_ICON_MASK ((1u << MSDK_LCD_ICON_COUNT) - 1u)

void msdk_host_io_init(msdk_host_board_t *b)
{
    memset(&b->io, 0, sizeof(b->io));
    b->io.relay_closed = !b->opt.relay_open;
    b->io.relay_target = b->io.relay_closed;
}

void msdk_host_io_update(msdk_host_board_t *b)
{
    msdk_host_io_t *io = &b->io;
    if (io->relay_moving && (b->clock.now_us >= io->relay_done_us)) {
        io->relay_moving = false;
        io->relay_closed = io->relay_target;
        msdk_host_console_printf(b, "relay: contacts %s", io->relay_closed ? "closed" : "open");
    }
}

uint64_t msdk_host_io_next_event_us(const msdk_host_board_t *b)
{
    return b->io.relay_moving ? b->io.relay_done_us : UINT64_MAX;
}

const char *msdk_host_inputs_format(uint32_t inputs, char *buf, size_t cap)
{
    static const char *const names[5] = { "terminal_cover", "meter_cover", "magnet",
                                          "button_scroll", "button_relay" };
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < 5u; i++) {
        if ((inputs & (1u << i)) != 0u) {
            int n = snprintf(buf + len, cap - len, "%s%s", (len != 0u) ? "," : "", names[i]);
            if ((n < 0) || ((size_t)n >= cap - len)) {
                break;
            }
            len += (size_t)n;
        }
    }
    if (len == 0u) {
        (void)snprintf(buf, cap, "none");
    }
    return buf;
}

/* ---- io.h ------------------------------------------------------------------------- */

void msdk_port_io_led_set(msdk_io_led_t led, bool on)
{
    msdk_host_io_t *io = &msdk_host_board()->io;
    if ((unsigned)led >= MSDK_IO_LED_COUNT) {
        return;
    }
    if (on && !io->led_on[led]) {
        io->led_pulses[led]++;
    }
    io->led_on[led] = on;
}

msdk_err_t msdk_port_io_relay_drive(bool connect)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_host_io_t *io = &b->io;
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    io->relay_operations++;
    io->relay_target = connect;
    if (io->relay_fail) {
        return MSDK_OK; /* the coil is pulsed, the contacts do not follow */
    }
    if (connect == io->relay_closed) {
        io->relay_moving = false;
    } else {
        io->relay_moving = true;
        io->relay_done_us = b->clock.now_us + (uint64_t)MSDK_HOST_RELAY_OPERATE_MS * 1000u;
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_io_relay_feedback(bool *closed)
{
    if (closed == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    *closed = msdk_host_board()->io.relay_closed;
    return MSDK_OK;
}

uint32_t msdk_port_io_inputs_read(void)
{
    return msdk_host_board()->io.inputs;
}

/* Strings are terminated (msdk_lcd_frame_is_terminated()). */
static bool lcd_value_is_valid(const char *v)
{
    static const char allowed[] = "0123456789 -ABCDEFHLNOPRSTUbcdhnoru";
    size_t digits = 0;
    for (const char *p = v; *p != '\0'; p++) {
        if ((*p == '.') || (*p == ':')) {
            continue;
        }
        if (strchr(allowed, *p) == NULL) {
            return false;
        }
        digits++;
    }
    return digits <= MSDK_LCD_VALUE_DIGITS;
}

static bool lcd_code_is_valid(const char *c)
{
    for (const char *p = c; *p != '\0'; p++) {
        if ((*p < 0x20) || (*p > 0x7E)) {
            return false;
        }
    }
    return true;
}

msdk_err_t msdk_port_lcd_show(const msdk_lcd_frame_t *frame)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((frame == NULL) || !msdk_lcd_frame_is_terminated(frame) ||
        !lcd_value_is_valid(frame->value) || !lcd_code_is_valid(frame->code) ||
        ((frame->icons & ~LCD_ICON_MASK) != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    msdk_lcd_frame_t f;
    msdk_lcd_frame_normalize(&f, frame);
    if (memcmp(&f, &b->io.lcd, sizeof(f)) != 0) {
        b->io.lcd = f;
        b->io.lcd_updates++;
        msdk_host_console_lcd_changed(b);
    }
    return MSDK_OK;
}

/* ---- sim.h ------------------------------------------------------------------------ */

void msdk_host_inputs_set(uint32_t mask, bool active)
{
    msdk_host_io_t *io = &msdk_host_board()->io;
    mask &= 0x1Fu;
    if (active) {
        io->inputs |= mask;
    } else {
        io->inputs &= ~mask;
    }
}

void msdk_host_relay_fail_set(bool fail)
{
    msdk_host_io_t *io = &msdk_host_board()->io;
    io->relay_fail = fail;
    if (fail) {
        io->relay_moving = false; /* stuck where they are */
    }
}

bool msdk_host_relay_is_closed(void)
{
    return msdk_host_board()->io.relay_closed;
}

bool msdk_host_led_is_on(msdk_io_led_t led)
{
    return ((unsigned)led < MSDK_IO_LED_COUNT) && msdk_host_board()->io.led_on[led];
}

uint64_t msdk_host_led_pulses(msdk_io_led_t led)
{
    return ((unsigned)led < MSDK_IO_LED_COUNT) ? msdk_host_board()->io.led_pulses[led] : 0u;
}

msdk_err_t msdk_host_lcd_get(msdk_lcd_frame_t *frame)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, frame != NULL);
    if (err != MSDK_OK) {
        return err;
    }
    *frame = b->io.lcd;
    return MSDK_OK;
}

size_t msdk_host_lcd_format(const msdk_lcd_frame_t *frame, char *buf, size_t cap)
{
    return msdk_lcd_frame_format(frame, buf, cap);
}
