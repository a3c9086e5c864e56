/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Board port: bring-up, the main loop's idle, and the board's device instances.
 *
 * The firmware's main() is the same on every board:
 * @code
 * int main(int argc, char **argv)
 * {
 *     if (msdk_port_board_init(argc, argv) != MSDK_OK) { return 1; }
 *     app_init(&app);
 *     while (msdk_port_board_idle(app_poll(&app))) { }
 *     return msdk_port_board_exit_status();
 * }
 * @endcode
 * On the host, argc/argv are the simulator's options; on a bare-metal board
 * they come from the debugger (semihosting command line) or are empty.
 */
#ifndef MSDK_PORT_BOARD_H
#define MSDK_PORT_BOARD_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/nvm.h"
#include "msdk/port/serial.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Serial channels a meter board may have. */
typedef enum msdk_board_serial {
    MSDK_BOARD_SERIAL_CONSOLE = 0, /**< Diagnostic console (not a metering interface). */
    MSDK_BOARD_SERIAL_OPTICAL = 1, /**< IEC 62056-21 optical port. */
    MSDK_BOARD_SERIAL_WAN = 2,     /**< RS-485 or modem port. */
    MSDK_BOARD_SERIAL_MBUS = 3,    /**< Wired M-Bus master. */
    MSDK_BOARD_SERIAL_COUNT = 4    /**< Number of channel kinds. */
} msdk_board_serial_t;

/** @brief NVM regions a meter board may have. */
typedef enum msdk_board_nvm {
    MSDK_BOARD_NVM_DATA = 0, /**< Metering data: energy, events, profiles, configuration. */
    MSDK_BOARD_NVM_COUNT = 1 /**< Number of region kinds. */
} msdk_board_nvm_t;

/**
 * @brief Bring up clocks, pins, drivers and (host) the simulation.
 * @param[in] argc Number of arguments (0 when there are none).
 * @param[in] argv Arguments; argv[0] is the program name when argc > 0.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG Bad option (the board printed why).
 * @retval MSDK_ERR_IO          A device did not start.
 */
MSDK_NODISCARD msdk_err_t msdk_port_board_init(int argc, char **argv);

/**
 * @brief Sleep until an event (interrupt, input, timer) or @p max_wait_ms.
 *
 * The host port also advances simulated time and serves its sockets here.
 * @param[in] max_wait_ms Longest sleep; 0 polls once.
 * @return false when the firmware should stop (host: Ctrl-C or the run
 *         time given with an option; board: a test harness asked to end).
 */
bool msdk_port_board_idle(uint32_t max_wait_ms);

/**
 * @brief Exit status for main() once msdk_port_board_idle() returned false.
 * @return 0 for a normal stop, non-zero after an error the board saw.
 */
int msdk_port_board_exit_status(void);

/**
 * @brief Board name for banners, e.g. "host" or "mps2-an386".
 * @return A static string.
 */
const char *msdk_port_board_name(void);

/**
 * @brief A serial channel of the board.
 * @param[in] which Channel kind.
 * @return The instance, or NULL if the board has none.
 */
const msdk_serial_t *msdk_port_board_serial(msdk_board_serial_t which);

/**
 * @brief An NVM region of the board.
 * @param[in] which Region kind.
 * @return The instance, or NULL if the board has none.
 */
const msdk_nvm_t *msdk_port_board_nvm(msdk_board_nvm_t which);

/**
 * @brief Write one diagnostic line (console UART, or stdout on the host).
 * @param[in] line NUL-terminated text without the line ending.
 */
void msdk_port_board_log(const char *line);

/**
 * @brief A setting the board was given for the firmware, by name (the host simulator's
 *        `--config KEY=VALUE`; a board without such settings answers NULL).
 * Firmware uses it for factory or test settings (keys, passwords) that a real meter would
 * get from its production programming.
 * @param[in] key Name, e.g. "dlms.ek".
 * @return The value (NUL-terminated, valid for the life of the firmware), or NULL.
 */
const char *msdk_port_board_config(const char *key);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_BOARD_H */
