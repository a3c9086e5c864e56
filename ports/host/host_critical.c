/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Critical sections: the simulator has no interrupts (frames, bytes and the power-fail
 * handler all arrive from msdk_port_board_idle()), so only the nesting is tracked. */
#define _POSIX_C_SOURCE 200809L
#include "host_internal.h"
#include "msdk/port/critical.h"

msdk_critical_state_t msdk_port_critical_enter(void)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_critical_state_t prev = b->critical_nesting;
    b->critical_nesting++;
    return prev;
}

void msdk_port_critical_exit(msdk_critical_state_t state)
{
    msdk_host_board()->critical_nesting = state;
}
