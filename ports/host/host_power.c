/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Power port: the power-fail handler and a simulated supply (3.3 V regulated, 3.0 V
 * backup battery). `power fail` on the control interface is the outage. */
#define _POSIX_C_SOURCE 200809L
#include "host_internal.h"

#define SUPPLY_MV 3300u
#define BACKUP_MV 3000u

msdk_err_t msdk_port_power_fail_handler_set(msdk_power_fail_handler_t handler, void *ctx)
{
    msdk_host_power_t *p = &msdk_host_board()->power;
    p->handler = handler;
    p->ctx = (handler != NULL) ? ctx : NULL;
    return MSDK_OK;
}

msdk_err_t msdk_port_power_status(msdk_power_status_t *status)
{
    const msdk_host_power_t *p = &msdk_host_board()->power;
    if (status == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    status->supply_mv = p->failing ? 0u : SUPPLY_MV;
    status->backup_mv = BACKUP_MV;
    status->backup_present = true;
    status->failing = p->failing;
    return MSDK_OK;
}

void msdk_host_power_fail(void)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || b->power.failing) {
        return;
    }
    b->power.failing = true;
    msdk_host_console_printf(b, "power: supply failing");
    if (b->power.handler != NULL) {
        b->power.handler(b->power.ctx);
    }
    msdk_host_board_stop(b, MSDK_HOST_EXIT_OK, "power fail");
}
