/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Network port of the reference board: the MPS2 model has no network interface. */
#include "msdk/port/net.h"

msdk_err_t msdk_port_net_listen(uint16_t port)
{
    (void)port;
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_net_accept(int32_t *conn)
{
    (void)conn;
    return MSDK_ERR_STATE;
}

msdk_err_t msdk_port_net_recv(int32_t conn, uint8_t *buf, size_t cap, size_t *got)
{
    (void)conn;
    (void)buf;
    (void)cap;
    (void)got;
    return MSDK_ERR_CLOSED;
}

msdk_err_t msdk_port_net_send(int32_t conn, const uint8_t *data, size_t len, size_t *sent)
{
    (void)conn;
    (void)data;
    (void)len;
    (void)sent;
    return MSDK_ERR_CLOSED;
}

void msdk_port_net_close(int32_t conn)
{
    (void)conn;
}
