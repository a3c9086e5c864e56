/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Power port (msdk/port/power.h): power-fail warning and supply state.
 */
#include <stddef.h>
#include "msdk/core/compiler.h"
#include "msdk/port/power.h"

msdk_err_t msdk_port_power_fail_handler_set(msdk_power_fail_handler_t handler, void *ctx)
{
    MSDK_UNUSED_PARAM(handler);
    MSDK_UNUSED_PARAM(ctx);
    /*
     * TODO(port): store handler and ctx (NULL handler unregisters) and enable
     * the power-fail comparator interrupt (PVD or an external comparator on
     * the unregulated supply) on its falling edge. The interrupt calls
     * handler(ctx) once per outage, at a priority above everything but the
     * AFE, with a hold-up budget of a few milliseconds: enough for one NVM
     * page program into an erased slot. Measure the hold-up time of the
     * board and write it in the port's README. Re-arm only once the supply
     * is back above the threshold (hysteresis), so a slow ramp does not call
     * the handler in a loop.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_power_status(msdk_power_status_t *status)
{
    if (status == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): fill supply_mv and backup_mv from the ADC (0 when the
     * board does not measure them), backup_present, and failing = the
     * current level of the power-fail comparator. Called from the main
     * loop; a slow ADC conversion may be started here and its previous
     * result returned.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}
