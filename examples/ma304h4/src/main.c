/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware entry point: identical on every board. On the host it is
 * the meter simulator ma304h4-sim; on mps2-an386 it is ma304h4.elf. */
#include "app.h"
#include "msdk/port/board.h"

int main(int argc, char **argv)
{
    if (msdk_port_board_init(argc, argv) != MSDK_OK) {
        return 2;
    }
    static ma304h4_app_t app;
    if (ma304h4_app_init(&app) != MSDK_OK) {
        msdk_port_board_log("ma304h4: start-up failed");
        return 1;
    }
    while (msdk_port_board_idle(ma304h4_app_poll(&app))) {
    }
    msdk_port_board_log("ma304h4: stopped");
    return msdk_port_board_exit_status();
}
