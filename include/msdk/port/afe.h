/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Analog front end port: simultaneous sample frames of a 3-phase 4-wire meter.
 *
 * The AFE (a metering ADC such as a sigma-delta converter with 7 channels)
 * delivers frames of V1..V3, I1..I3 and the neutral current In at a fixed
 * rate. The port calls the handler from its DMA or data-ready interrupt with
 * one or more consecutive frames; on the host port the grid model generates
 * them as simulated time advances. No frame may be dropped silently: a port
 * that misses frames counts them (msdk_port_afe_overruns()).
 */
#ifndef MSDK_PORT_AFE_H
#define MSDK_PORT_AFE_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Channel index within a frame. */
typedef enum msdk_afe_channel {
    MSDK_AFE_CH_V1 = 0,   /**< Voltage L1-N. */
    MSDK_AFE_CH_V2 = 1,   /**< Voltage L2-N. */
    MSDK_AFE_CH_V3 = 2,   /**< Voltage L3-N. */
    MSDK_AFE_CH_I1 = 3,   /**< Current L1. */
    MSDK_AFE_CH_I2 = 4,   /**< Current L2. */
    MSDK_AFE_CH_I3 = 5,   /**< Current L3. */
    MSDK_AFE_CH_IN = 6,   /**< Neutral current. */
    MSDK_AFE_CH_COUNT = 7 /**< Channels per frame. */
} msdk_afe_channel_t;

/** @brief Full scale of a sample: signed 24-bit ADC codes, sign-extended. */
#define MSDK_AFE_CODE_MAX ((int32_t)0x7FFFFF)
/** @brief Most negative sample code. */
#define MSDK_AFE_CODE_MIN ((int32_t)-0x800000)

/** @brief One simultaneous sample of every channel. */
typedef struct msdk_afe_frame {
    int32_t ch[MSDK_AFE_CH_COUNT]; /**< Codes in [MSDK_AFE_CODE_MIN, MSDK_AFE_CODE_MAX]. */
} msdk_afe_frame_t;

/**
 * @brief Receives consecutive frames, oldest first (interrupt context on hardware).
 * @param ctx    Context given to msdk_port_afe_start().
 * @param frames @p count frames.
 * @param count  At least 1.
 */
typedef void (*msdk_afe_handler_t)(void *ctx, const msdk_afe_frame_t *frames, size_t count);

/** @brief Sampling settings. */
typedef struct msdk_afe_config {
    uint32_t rate_hz; /**< Frames per second, 2000..8000 (the metrology library's range). */
} msdk_afe_config_t;

/**
 * @brief Start sampling; @p handler receives every frame from now on.
 * @param[in] cfg     Settings.
 * @param[in] handler Frame consumer.
 * @param[in] ctx     Passed to @p handler.
 * @retval MSDK_OK               Sampling.
 * @retval MSDK_ERR_INVALID_ARG  NULL argument or unsupported rate.
 * @retval MSDK_ERR_STATE        Already running.
 * @retval MSDK_ERR_IO           The converter did not start.
 */
MSDK_NODISCARD msdk_err_t msdk_port_afe_start(const msdk_afe_config_t *cfg,
                                              msdk_afe_handler_t handler, void *ctx);

/**
 * @brief Stop sampling; no handler call happens after this returns.
 * @retval MSDK_OK Stopped (also when it was not running).
 */
MSDK_NODISCARD msdk_err_t msdk_port_afe_stop(void);

/**
 * @brief Frames lost since start because the consumer was too slow.
 * @return Overrun count; a healthy system reads 0.
 */
uint32_t msdk_port_afe_overruns(void);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_AFE_H */
