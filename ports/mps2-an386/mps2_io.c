/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Meter I/O port on the MPS2 FPGA IO block (0x40028000).
 *
 * - LEDs: the active and reactive pulse LEDs are the board's user LEDs 0 and
 *   1 (FPGAIO LED0 bits 0 and 1); the alarm LED has no lamp and is kept in
 *   RAM.
 * - Relay: none on the board; the drive state is kept in RAM and read back
 *   as the feedback (contacts closed at start).
 * - Inputs: the two user buttons (FPGAIO BUTTON bits 0 and 1) are the scroll
 *   and relay buttons, debounced in the 1 ms SysTick: a level counts once it
 *   was stable for MSDK_MPS2_DEBOUNCE_MS = 20 ms. QEMU reads the buttons as
 *   released. Covers and the magnet sensor do not exist; every input can be
 *   forced active with the --inputs MASK board option.
 * - LCD: none; msdk_port_lcd_show() prints the frame as one text line on the
 *   console when it differs from the last one, in the simulator's format
 *   (msdk/port_common/lcd_text.h), e.g. "LCD| 00012345.6 | 1.8.0 | kWh L1 L2 L3".
 */
#include <string.h>
#include "msdk/port/io.h"
#include "msdk/port/board.h"
#include "msdk/port/critical.h"
#include "msdk/port_common/lcd_text.h"
#include "mps2_internal.h"

#define MSDK_MPS2_DEBOUNCE_MS 20u
#define FPGAIO(off)           MSDK_MPS2_REG(MSDK_MPS2_FPGAIO_BASE + (off))

uint32_t msdk_mps2_io_forced_inputs;

static uint32_t msdk_mps2_leds;
static bool msdk_mps2_relay_closed = true;
static volatile uint32_t msdk_mps2_buttons_stable;
static uint32_t msdk_mps2_buttons_last;
static uint32_t msdk_mps2_buttons_count;
static msdk_lcd_frame_t msdk_mps2_lcd_last;
static bool msdk_mps2_lcd_shown;

void msdk_mps2_io_tick(void)
{
    uint32_t raw = FPGAIO(MSDK_MPS2_FPGAIO_BUTTON) & 3u;
    if (raw != msdk_mps2_buttons_last) {
        msdk_mps2_buttons_last = raw;
        msdk_mps2_buttons_count = 0u;
    } else if (msdk_mps2_buttons_count < MSDK_MPS2_DEBOUNCE_MS) {
        msdk_mps2_buttons_count++;
        if (msdk_mps2_buttons_count == MSDK_MPS2_DEBOUNCE_MS) {
            if (raw != msdk_mps2_buttons_stable) {
                msdk_mps2_event = true;
            }
            msdk_mps2_buttons_stable = raw;
        }
    }
}

void msdk_port_io_led_set(msdk_io_led_t led, bool on)
{
    if ((unsigned)led >= (unsigned)MSDK_IO_LED_COUNT) {
        return;
    }
    msdk_critical_state_t s = msdk_port_critical_enter();
    if (on) {
        msdk_mps2_leds |= 1u << (unsigned)led;
    } else {
        msdk_mps2_leds &= ~(1u << (unsigned)led);
    }
    FPGAIO(MSDK_MPS2_FPGAIO_LED0) = msdk_mps2_leds & 3u;
    msdk_port_critical_exit(s);
}

msdk_err_t msdk_port_io_relay_drive(bool connect)
{
    msdk_mps2_relay_closed = connect;
    return MSDK_OK;
}

msdk_err_t msdk_port_io_relay_feedback(bool *closed)
{
    if (closed == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    *closed = msdk_mps2_relay_closed;
    return MSDK_OK;
}

uint32_t msdk_port_io_inputs_read(void)
{
    uint32_t in = msdk_mps2_io_forced_inputs;
    uint32_t b = msdk_mps2_buttons_stable;
    if ((b & 1u) != 0u) {
        in |= MSDK_IO_IN_BUTTON_SCROLL;
    }
    if ((b & 2u) != 0u) {
        in |= MSDK_IO_IN_BUTTON_RELAY;
    }
    return in;
}

msdk_err_t msdk_port_lcd_show(const msdk_lcd_frame_t *frame)
{
    if ((frame == NULL) || !msdk_lcd_frame_is_terminated(frame)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_lcd_frame_t f;
    msdk_lcd_frame_normalize(&f, frame);
    if (msdk_mps2_lcd_shown && (memcmp(&f, &msdk_mps2_lcd_last, sizeof f) == 0)) {
        return MSDK_OK;
    }
    msdk_mps2_lcd_last = f;
    msdk_mps2_lcd_shown = true;

    char line[160];
    size_t n = msdk_mps2_fmt_str(line, sizeof line, 0, "LCD| ");
    (void)msdk_lcd_frame_format(&f, line + n, sizeof line - n);
    msdk_port_board_log(line);
    return MSDK_OK;
}
