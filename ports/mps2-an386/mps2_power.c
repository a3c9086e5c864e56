/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Power port: the emulated supply never fails. The status reads a healthy
 * 3.3 V supply without backup source; the power-fail handler is stored but
 * never called.
 */
#include "msdk/port/power.h"
#include "msdk/port/critical.h"
#include "mps2_internal.h"

static msdk_power_fail_handler_t msdk_mps2_power_handler;
static void *msdk_mps2_power_ctx;

msdk_err_t msdk_port_power_fail_handler_set(msdk_power_fail_handler_t handler, void *ctx)
{
    msdk_critical_state_t s = msdk_port_critical_enter();
    msdk_mps2_power_handler = handler;
    msdk_mps2_power_ctx = ctx;
    msdk_port_critical_exit(s);
    return MSDK_OK;
}

msdk_err_t msdk_port_power_status(msdk_power_status_t *status)
{
    if (status == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    status->supply_mv = 3300u;
    status->backup_mv = 0u;
    status->backup_present = false;
    status->failing = false;
    return MSDK_OK;
}
