/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Power port: power-fail warning and supply/battery state.
 *
 * The power-fail warning comes from a comparator on the unregulated supply,
 * a few milliseconds before the regulator drops out. Its handler runs in
 * interrupt context and has that budget to save state: one page program into
 * an already erased slot, never an erase (see the storage documentation).
 */
#ifndef MSDK_PORT_POWER_H
#define MSDK_PORT_POWER_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Called once when the supply is failing (interrupt context on hardware).
 * @param ctx Context given to msdk_port_power_fail_handler_set().
 */
typedef void (*msdk_power_fail_handler_t)(void *ctx);

/** @brief Supply and backup state. */
typedef struct msdk_power_status {
    uint16_t supply_mv;  /**< Regulated supply in mV (0 if not measured). */
    uint16_t backup_mv;  /**< RTC backup (battery or super-capacitor) in mV; 0 if absent. */
    bool backup_present; /**< A backup source is fitted. */
    bool failing;        /**< The power-fail comparator is active now. */
} msdk_power_status_t;

/**
 * @brief Register the power-fail handler (one; a new call replaces it).
 * @param[in] handler Called on the falling edge of the supply; NULL unregisters.
 * @param[in] ctx     Passed to @p handler.
 * @retval MSDK_OK Registered.
 */
MSDK_NODISCARD msdk_err_t msdk_port_power_fail_handler_set(msdk_power_fail_handler_t handler,
                                                           void *ctx);

/**
 * @brief Read the supply and backup state.
 * @param[out] status Filled on success.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p status is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_port_power_status(msdk_power_status_t *status);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_POWER_H */
