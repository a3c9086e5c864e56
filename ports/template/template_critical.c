/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Critical sections (msdk/port/critical.h).
 *
 * Used by the application where an interrupt handler (AFE DMA, UART,
 * power-fail) shares data wider than one atomic access with the main loop.
 */
#include "msdk/core/compiler.h"
#include "msdk/port/critical.h"

msdk_critical_state_t msdk_port_critical_enter(void)
{
    /*
     * TODO(port): save the current interrupt mask and disable interrupts,
     * then return the saved mask. Cortex-M: read PRIMASK, then "cpsid i"
     * (return the PRIMASK value). Must nest: an inner enter/exit pair may not
     * re-enable interrupts that an outer enter disabled, which saving and
     * restoring the mask (rather than counting) gives for free. Keep the
     * sections short: the AFE interrupt must not miss a frame.
     */
    return 0u;
}

void msdk_port_critical_exit(msdk_critical_state_t state)
{
    MSDK_UNUSED_PARAM(state);
    /*
     * TODO(port): restore the interrupt mask saved by the matching
     * msdk_port_critical_enter() (Cortex-M: write PRIMASK back). Never
     * enable interrupts unconditionally here.
     */
}
