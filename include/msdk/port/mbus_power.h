/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief M-Bus supply port: the switchable bus supply of a meter that is the
 *        wired M-Bus master (EN 13757-2) of its HAN.
 *
 * The master powers the bus: the supply gives up to 50 mA, and every slave
 * draws one or more unit loads of 1.5 mA (about 33 unit loads in all).
 * An overcurrent is a short circuit of the two wires or more load than the
 * supply gives: the supply trips, switches itself off and stays off (no slave
 * can answer, bytes sent are lost) until it is switched on again with
 * msdk_port_mbus_power_set(true), which retries (and trips again at once if
 * the fault is still there). The bytes themselves go through the UART of
 * MSDK_BOARD_SERIAL_MBUS (msdk/port/board.h).
 */
#ifndef MSDK_PORT_MBUS_POWER_H
#define MSDK_PORT_MBUS_POWER_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Most current of the M-Bus supply in mA. */
#define MSDK_MBUS_POWER_MAX_MA       50u
/** @brief One M-Bus unit load in microamperes (1.5 mA). */
#define MSDK_MBUS_POWER_UNIT_LOAD_UA 1500u

/** @brief State of the M-Bus supply. */
typedef struct msdk_mbus_power_status {
    bool fitted;         /**< The board has a switchable M-Bus supply. */
    bool on;             /**< The supply is on. */
    bool overcurrent;    /**< The supply tripped (short circuit or overload) and is off;
                              msdk_port_mbus_power_set(true) retries. */
    uint16_t current_ma; /**< Bus current in mA; 0 when not measured or off. */
} msdk_mbus_power_status_t;

/**
 * @brief Switch the M-Bus supply on or off.
 *
 * Switching on clears a trip and tries again: if the short circuit or the
 * overload is still there the supply trips again at once (the status then says
 * overcurrent, off).
 * @param[in] on true to switch on, false to switch off.
 * @retval MSDK_OK                The supply was switched (or tripped again).
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no switchable M-Bus supply.
 */
MSDK_NODISCARD msdk_err_t msdk_port_mbus_power_set(bool on);

/**
 * @brief Read the state of the M-Bus supply.
 * @param[out] st Filled on success; a board without the supply reports
 *                fitted = false and the other fields false / 0.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p st is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_port_mbus_power_status(msdk_mbus_power_status_t *st);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_MBUS_POWER_H */
