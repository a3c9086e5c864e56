/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * M-Bus supply port: the AN386 has no M-Bus transceiver and no bus supply.
 * The status says "not fitted"; switching returns MSDK_ERR_NOT_SUPPORTED.
 */
#include <stddef.h>
#include "msdk/core/compiler.h"
#include "msdk/port/mbus_power.h"

msdk_err_t msdk_port_mbus_power_set(bool on)
{
    MSDK_UNUSED_PARAM(on);
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_mbus_power_status(msdk_mbus_power_status_t *st)
{
    if (st == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    st->fitted = false;
    st->on = false;
    st->overcurrent = false;
    st->current_ma = 0u;
    return MSDK_OK;
}
