/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Critical sections: code that must not be interrupted by ISRs.
 *
 * Used where an interrupt (AFE DMA, UART, power-fail) shares data with the
 * main loop and the data is wider than one atomic access.
 */
#ifndef MSDK_PORT_CRITICAL_H
#define MSDK_PORT_CRITICAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Saved interrupt state, returned by enter and given back to exit. */
typedef uint32_t msdk_critical_state_t;

/**
 * @brief Disable interrupts (nesting allowed).
 * @return The previous interrupt state, to pass to msdk_port_critical_exit().
 */
msdk_critical_state_t msdk_port_critical_enter(void);

/**
 * @brief Restore the interrupt state saved by the matching enter.
 * @param[in] state Value returned by msdk_port_critical_enter().
 */
void msdk_port_critical_exit(msdk_critical_state_t state);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_CRITICAL_H */
