/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * M-Bus supply port (msdk/port/mbus_power.h): the switchable supply of the
 * wired M-Bus (up to 50 mA, a unit load is 1.5 mA) with its overcurrent trip.
 * A board without an M-Bus master keeps the "not fitted" answers below.
 */
#include <stddef.h>
#include "msdk/core/compiler.h"
#include "msdk/port/mbus_power.h"

msdk_err_t msdk_port_mbus_power_set(bool on)
{
    MSDK_UNUSED_PARAM(on);
    /*
     * TODO(port): drive the enable pin of the M-Bus supply (the level
     * converter's bus driver, e.g. a TSS721-style transceiver fed by a
     * 36 V boost stage). Switching on must also clear a latched overcurrent
     * trip and try again: if the short circuit is still there the hardware
     * trips again at once, and msdk_port_mbus_power_status() then reports
     * overcurrent with the supply off. Give the bus its settling time (the
     * slaves power up; EN 13757-2 asks the master to wait before the first
     * request) and write it in the port's README. Return MSDK_OK once the
     * pin is driven.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_mbus_power_status(msdk_mbus_power_status_t *st)
{
    if (st == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): fitted = true; on = the enable pin and no trip;
     * overcurrent = the latched trip flag of the supply (set by the current
     * limiter's interrupt: short circuit, or more load than the 50 mA the
     * supply gives, and the supply switched itself off); current_ma = the
     * bus current from the shunt ADC (0 when not measured or off). Called
     * from the main loop.
     */
    st->fitted = false;
    st->on = false;
    st->overcurrent = false;
    st->current_ma = 0u;
    return MSDK_OK;
}
