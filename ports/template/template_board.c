/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Board port (msdk/port/board.h): bring-up, idle, exit status, name, log.
 *
 * msdk_port_board_serial() is in template_serial.c and msdk_port_board_nvm()
 * in template_nvm.c, next to the `static const` instances they return.
 */
#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/board.h"

msdk_err_t msdk_port_board_init(int argc, char **argv)
{
    MSDK_UNUSED_PARAM(argc);
    MSDK_UNUSED_PARAM(argv);
    /*
     * TODO(port): bring the board up, in this order: clocks (PLL, flash wait
     * states), the uptime timer, GPIO (relay off or in its last state, LEDs
     * off), the UARTs' rings and interrupts, the NVM (check the JEDEC ID and
     * msdk_nvm_geometry_check()), the RTC, the power-fail comparator. Read
     * and save the reset cause first. argc/argv are the semihosting command
     * line or 0/NULL. Return MSDK_ERR_IO if a device does not answer (the
     * firmware then stops with msdk_port_board_exit_status()); print why
     * with msdk_port_board_log().
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

bool msdk_port_board_idle(uint32_t max_wait_ms)
{
    MSDK_UNUSED_PARAM(max_wait_ms);
    /*
     * TODO(port): sleep until an interrupt or max_wait_ms (0: do not sleep),
     * e.g. arm a wake-up timer and execute WFI with interrupts masked via
     * PRIMASK so that an interrupt arriving between the check and the WFI
     * still wakes the core. Choose a sleep mode that keeps the AFE, the
     * UARTs and the uptime timer running. Return false only when a test
     * harness asked the firmware to stop; a meter returns true forever.
     */
    return false;
}

int msdk_port_board_exit_status(void)
{
    /*
     * TODO(port): 0 after a normal stop, non-zero after an error the board
     * saw (a test under QEMU reports it through semihosting SYS_EXIT).
     */
    return 0;
}

const char *msdk_port_board_name(void)
{
    /* TODO(port): the board's name as in ports/<name>, e.g. "acme-m4-meter". */
    return "template";
}

const char *msdk_port_board_config(const char *key)
{
    /* TODO(port): production settings by name, if the board has a place for them. */
    (void)key;
    return NULL;
}

void msdk_port_board_log(const char *line)
{
    MSDK_UNUSED_PARAM(line);
    /*
     * TODO(port): write line and "\r\n" to the console UART (or ITM/RTT).
     * Called from the main loop; do not block for long (drop the line, or
     * part of it, when the console's transmit ring is full) and do not call
     * it from interrupts.
     */
}
