/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Network port of the template: no network yet. Also the whole network port of the boards
 * that have none (ports/mps2-an386 compiles this file).
 */
#include "msdk/port/net.h"

msdk_err_t msdk_port_net_listen(uint16_t port)
{
    /* TODO(port): listen on the module's TCP stack (or keep NOT_SUPPORTED: no network). */
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
