/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Analog front end (msdk/port/afe.h): sample frames of V1..V3, I1..I3, In.
 *
 * Typical hardware: a 7-channel sigma-delta metering ADC on SPI with a
 * data-ready line, or the chip's own metering ADC with DMA.
 */
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/afe.h"

msdk_err_t msdk_port_afe_start(const msdk_afe_config_t *cfg, msdk_afe_handler_t handler, void *ctx)
{
    if ((cfg == NULL) || (handler == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    MSDK_UNUSED_PARAM(ctx);
    /*
     * TODO(port): configure the converter for cfg->rate_hz frames per second
     * (2000..8000; MSDK_ERR_INVALID_ARG for a rate it cannot do exactly: the
     * metrology library integrates with the nominal rate), all channels
     * sampled simultaneously (or with known, compensated skew). Save handler
     * and ctx, then start: a DMA of N frames into a double buffer, calling
     * handler(ctx, frames, N) from the half/complete interrupt, or one frame
     * per data-ready interrupt. Codes are signed 24-bit, sign-extended to
     * int32_t, channel order msdk_afe_channel_t. MSDK_ERR_STATE if already
     * running, MSDK_ERR_IO if the converter does not answer (wrong ID read
     * back over SPI).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_afe_stop(void)
{
    /*
     * TODO(port): stop the converter and its interrupt/DMA, and make sure no
     * handler call is running or pending when this returns (disable the
     * interrupt, then wait for an in-progress handler). MSDK_OK also when
     * sampling was not running.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

uint32_t msdk_port_afe_overruns(void)
{
    /*
     * TODO(port): count frames lost since msdk_port_afe_start() (DMA buffer
     * overwritten before the handler returned, data-ready missed) and return
     * the count. Never drop frames silently: metrology needs to know.
     */
    return 0u;
}
