/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Network port: a TCP server of the meter's WAN/LAN interface (the DLMS wrapper of
 *        IEC 62056-47 listens on it).
 *
 * A singleton of the board, implemented as link-time functions by the board port: the
 * sockets of a cellular or Ethernet module's TCP stack, the host's sockets in the
 * simulator. Non-blocking throughout; the application polls. A board without a network
 * returns ::MSDK_ERR_NOT_SUPPORTED from msdk_port_net_listen().
 *
 * Connections are small non-negative handles the port chooses; a closed handle may be
 * reused by a later accept.
 */
#ifndef MSDK_PORT_NET_H
#define MSDK_PORT_NET_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Start accepting TCP connections on @p port (the board may bind it elsewhere,
 *        e.g. an ephemeral port in tests, and says where in its log).
 * @param[in] port TCP port, e.g. 4059.
 * @retval MSDK_OK                Listening.
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no network, or it is turned off.
 * @retval MSDK_ERR_IO            The stack refused.
 */
MSDK_NODISCARD msdk_err_t msdk_port_net_listen(uint16_t port);

/**
 * @brief Take a new connection, if one is waiting.
 * @param[out] conn Its handle.
 * @retval MSDK_OK              A new connection.
 * @retval MSDK_ERR_WOULD_BLOCK None waiting.
 * @retval MSDK_ERR_STATE       Not listening.
 */
MSDK_NODISCARD msdk_err_t msdk_port_net_accept(int32_t *conn);

/**
 * @brief Take received bytes.
 * @param[in]  conn Connection.
 * @param[out] buf  Buffer.
 * @param[in]  cap  Its size (> 0).
 * @param[out] got  Bytes taken.
 * @retval MSDK_OK              @p got > 0 bytes.
 * @retval MSDK_ERR_WOULD_BLOCK Nothing waiting.
 * @retval MSDK_ERR_CLOSED      The peer closed or the connection failed: close it.
 */
MSDK_NODISCARD msdk_err_t msdk_port_net_recv(int32_t conn, uint8_t *buf, size_t cap, size_t *got);

/**
 * @brief Queue bytes for sending.
 * @param[in]  conn Connection.
 * @param[in]  data Bytes.
 * @param[in]  len  Their number.
 * @param[out] sent Bytes taken (may be fewer than @p len when the stack's queue is full).
 * @retval MSDK_OK         Taken (see @p sent).
 * @retval MSDK_ERR_CLOSED The connection failed: close it.
 */
MSDK_NODISCARD msdk_err_t msdk_port_net_send(int32_t conn, const uint8_t *data, size_t len,
                                             size_t *sent);

/**
 * @brief Close a connection (its handle becomes free).
 * @param[in] conn Connection.
 */
void msdk_port_net_close(int32_t conn);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_NET_H */
