/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Serial port: a byte channel (optical port, RS-485/WAN, M-Bus, console).
 *
 * A board has several, so each is an instance: an ops table of the driver, a
 * context pointer and a name. All calls are non-blocking: reads return what
 * the driver has buffered (from its receive interrupt or DMA), writes queue
 * what fits. Call through the msdk_serial_*() wrappers, which check arguments.
 */
#ifndef MSDK_PORT_SERIAL_H
#define MSDK_PORT_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Parity of a character frame. */
typedef enum msdk_serial_parity {
    MSDK_SERIAL_PARITY_NONE = 0, /**< No parity bit. */
    MSDK_SERIAL_PARITY_EVEN = 1, /**< Even parity (IEC 62056-21 7E1, M-Bus 8E1). */
    MSDK_SERIAL_PARITY_ODD = 2,  /**< Odd parity. */
} msdk_serial_parity_t;

/** @brief Line settings. A zeroed struct is not valid: baud must be set. */
typedef struct msdk_serial_config {
    uint32_t baud;               /**< Bits per second, e.g. 300, 2400, 9600, 19200. */
    uint8_t data_bits;           /**< 7 or 8. */
    msdk_serial_parity_t parity; /**< Parity. */
    uint8_t stop_bits;           /**< 1 or 2. */
} msdk_serial_config_t;

/** @brief Driver operations of one serial port. Every member is required. */
typedef struct msdk_serial_ops {
    /** Change line settings; takes effect for the next byte sent or received. */
    msdk_err_t (*configure)(void *ctx, const msdk_serial_config_t *cfg);
    /** Queue up to @p len bytes; *written tells how many were taken (0 when full). */
    msdk_err_t (*write)(void *ctx, const uint8_t *data, size_t len, size_t *written);
    /** Take up to @p cap received bytes; *got is 0 when nothing is waiting. */
    msdk_err_t (*read)(void *ctx, uint8_t *buf, size_t cap, size_t *got);
    /** Bytes queued or in the shift register, not yet fully on the line. */
    size_t (*tx_pending)(void *ctx);
    /** true when a peer is attached (always true for a UART; TCP/pty: a client is connected). */
    bool (*is_connected)(void *ctx);
} msdk_serial_ops_t;

/** @brief One serial port instance. Usually a `static const` object of the board. */
typedef struct msdk_serial {
    const msdk_serial_ops_t *ops; /**< Driver. */
    void *ctx;                    /**< Driver state, passed to every op. */
    const char *name;             /**< Short name for logs, e.g. "optical". */
} msdk_serial_t;

/**
 * @brief Change the line settings.
 * @param[in] port Serial port.
 * @param[in] cfg  New settings.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, or settings the driver cannot do.
 * @retval MSDK_ERR_IO          The driver failed.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_serial_configure(const msdk_serial_t *port,
                                                              const msdk_serial_config_t *cfg)
{
    if ((port == NULL) || (cfg == NULL) || (cfg->baud == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return port->ops->configure(port->ctx, cfg);
}

/**
 * @brief Queue bytes for sending without waiting.
 * @param[in]  port    Serial port.
 * @param[in]  data    Bytes to send (may be NULL when @p len is 0).
 * @param[in]  len     Number of bytes.
 * @param[out] written How many bytes were queued, 0..len.
 * @retval MSDK_OK              *written bytes queued (possibly fewer than len).
 * @retval MSDK_ERR_INVALID_ARG NULL @p port or @p written, or NULL @p data with len > 0.
 * @retval MSDK_ERR_CLOSED      No peer attached; nothing queued.
 * @retval MSDK_ERR_IO          The driver failed.
 */
MSDK_NODISCARD static inline msdk_err_t
msdk_serial_write(const msdk_serial_t *port, const uint8_t *data, size_t len, size_t *written)
{
    if ((port == NULL) || (written == NULL) || ((data == NULL) && (len != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    *written = 0u;
    if (len == 0u) {
        return MSDK_OK;
    }
    return port->ops->write(port->ctx, data, len, written);
}

/**
 * @brief Take received bytes without waiting.
 * @param[in]  port Serial port.
 * @param[out] buf  Destination.
 * @param[in]  cap  Size of @p buf.
 * @param[out] got  Bytes stored in @p buf, 0 when nothing was waiting.
 * @retval MSDK_OK              *got bytes read.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or @p cap 0.
 * @retval MSDK_ERR_IO          The driver failed (overrun, framing): bytes were lost.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_serial_read(const msdk_serial_t *port, uint8_t *buf,
                                                         size_t cap, size_t *got)
{
    if ((port == NULL) || (buf == NULL) || (got == NULL) || (cap == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *got = 0u;
    return port->ops->read(port->ctx, buf, cap, got);
}

/**
 * @brief Bytes not yet completely sent (wait for 0 before changing baud rate).
 * @param[in] port Serial port.
 * @return Pending byte count; 0 for a NULL @p port.
 */
static inline size_t msdk_serial_tx_pending(const msdk_serial_t *port)
{
    return (port == NULL) ? 0u : port->ops->tx_pending(port->ctx);
}

/**
 * @brief Whether a peer is attached.
 * @param[in] port Serial port.
 * @return true for a UART, or for a TCP/pty channel with a client connected.
 */
static inline bool msdk_serial_is_connected(const msdk_serial_t *port)
{
    return (port != NULL) && port->ops->is_connected(port->ctx);
}

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_SERIAL_H */
