/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Watchdog and reset port.
 */
#ifndef MSDK_PORT_WATCHDOG_H
#define MSDK_PORT_WATCHDOG_H

#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Why the processor last started. */
typedef enum msdk_reset_cause {
    MSDK_RESET_UNKNOWN = 0,  /**< The board cannot tell. */
    MSDK_RESET_POWER_ON = 1, /**< Cold start. */
    MSDK_RESET_WATCHDOG = 2, /**< The watchdog expired. */
    MSDK_RESET_SOFTWARE = 3, /**< msdk_port_system_reset() or a debugger. */
    MSDK_RESET_BROWNOUT = 4, /**< Supply dropped below the brown-out level. */
    MSDK_RESET_PIN = 5,      /**< External reset pin. */
} msdk_reset_cause_t;

/**
 * @brief Start the watchdog.
 * @param[in] timeout_ms Expiry time; the board rounds up to what it can do.
 * @retval MSDK_OK               Running; it cannot be stopped again.
 * @retval MSDK_ERR_INVALID_ARG  Timeout outside the board's range.
 * @retval MSDK_ERR_NOT_SUPPORTED No watchdog.
 */
MSDK_NODISCARD msdk_err_t msdk_port_watchdog_start(uint32_t timeout_ms);

/** @brief Restart the watchdog period (call from the main loop only). */
void msdk_port_watchdog_kick(void);

/**
 * @brief Cause of the last reset.
 * @return The cause, read once at start-up.
 */
msdk_reset_cause_t msdk_port_reset_cause(void);

/** @brief Reset the processor now. */
MSDK_NORETURN void msdk_port_system_reset(void);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_WATCHDOG_H */
