/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Watchdog and reset port (msdk/port/watchdog.h).
 */
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/watchdog.h"

msdk_err_t msdk_port_watchdog_start(uint32_t timeout_ms)
{
    MSDK_UNUSED_PARAM(timeout_ms);
    /*
     * TODO(port): start the independent watchdog (clocked from its own
     * oscillator, not the main clock) with the smallest period >= timeout_ms
     * the prescaler allows; MSDK_ERR_INVALID_ARG outside its range. Once
     * started it cannot be stopped. Freeze it while the core is halted by a
     * debugger if the chip allows (debug freeze bit).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

void msdk_port_watchdog_kick(void)
{
    /*
     * TODO(port): reload the watchdog counter (write the reload key). Called
     * from the main loop only, never from an interrupt, so that a main loop
     * stuck with interrupts still running does reset the meter.
     */
}

msdk_reset_cause_t msdk_port_reset_cause(void)
{
    /*
     * TODO(port): read the reset-cause flags once at start-up (before
     * anything clears them; then clear them so the next reset reads fresh),
     * map them to msdk_reset_cause_t and return the saved value on every
     * call. Several flags may be set at once: prefer watchdog > brown-out >
     * software > pin > power-on.
     */
    return MSDK_RESET_UNKNOWN;
}

void msdk_port_system_reset(void)
{
    /*
     * TODO(port): request a system reset (Cortex-M: NVIC_SystemReset(), i.e.
     * write SYSRESETREQ to AIRCR after a DSB) and wait for it. Leave
     * msdk_port_reset_cause() reporting MSDK_RESET_SOFTWARE at the next boot.
     */
    for (;;) {
    }
}
