/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Meter I/O (msdk/port/io.h): LEDs, relay, tamper inputs, buttons, LCD.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/io.h"

void msdk_port_io_led_set(msdk_io_led_t led, bool on)
{
    MSDK_UNUSED_PARAM(led);
    MSDK_UNUSED_PARAM(on);
    /*
     * TODO(port): drive the LED's GPIO (mind active-low wiring). Ignore
     * out-of-range values. The pulse LEDs are switched from the metrology
     * interrupt at the pulse rate: a single register write, no locking.
     */
}

msdk_err_t msdk_port_io_relay_drive(bool connect)
{
    MSDK_UNUSED_PARAM(connect);
    /*
     * TODO(port): start driving the supply relay: for a latching relay,
     * start the set (connect) or reset coil pulse (typically 20..100 ms) and
     * end it from a timer, not by waiting here. Return at once; the caller
     * confirms the result with msdk_port_io_relay_feedback(). MSDK_ERR_IO if
     * the driver reports a fault (coil open, supply for the coil missing).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_io_relay_feedback(bool *closed)
{
    if (closed == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): read the relay's real state (auxiliary contact, or voltage
     * present on the load side) and set *closed. Keep
     * MSDK_ERR_NOT_SUPPORTED only for a board without feedback.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

uint32_t msdk_port_io_inputs_read(void)
{
    /*
     * TODO(port): return the OR of the active msdk_io_input_t bits, with
     * buttons and cover switches debounced (state the debounce time in the
     * port's README; 20..50 ms is usual). Covers must also be detected while
     * the meter is unpowered if the hardware latches them (battery-backed
     * tamper pins): report a latched opening here after power-up.
     */
    return 0u;
}

msdk_err_t msdk_port_lcd_show(const msdk_lcd_frame_t *frame)
{
    if (frame == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): check that frame->value and frame->code are NUL-terminated
     * within their arrays (MSDK_ERR_INVALID_ARG if not), map the characters
     * and icons to the glass's segments and write the LCD controller's RAM.
     * Characters the glass cannot show are blank. MSDK_ERR_IO if the
     * controller does not answer.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}
