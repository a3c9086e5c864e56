/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Network port (msdk/port/net.h) of the host: TCP on 127.0.0.1, the port given by
 * --net-tcp (default 4059; any free one with --tcp-any), up to MSDK_HOST_NET_CONNS
 * connections. Listening starts when the firmware asks for it. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "msdk/port/net.h"

#include "host_internal.h"

msdk_err_t msdk_port_net_listen(uint16_t port)
{
    msdk_host_board_t *b = msdk_host_board();
    (void)port; /* the board's option decides */
    if (b->opt.net_port == MSDK_HOST_PORT_OFF) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (b->net.listen_fd >= 0) {
        return MSDK_OK;
    }
    uint16_t bound = 0u;
    b->net.listen_fd = msdk_host_tcp_listen_announced(b, "net", b->opt.net_port, &bound);
    return (b->net.listen_fd >= 0) ? MSDK_OK : MSDK_ERR_IO;
}

static bool handle_ok(const msdk_host_board_t *b, int32_t conn)
{
    return (conn >= 0) && (conn < (int32_t)MSDK_HOST_NET_CONNS) && (b->net.conn[conn] >= 0);
}

msdk_err_t msdk_port_net_accept(int32_t *conn)
{
    msdk_host_board_t *b = msdk_host_board();
    if (conn == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (b->net.listen_fd < 0) {
        return MSDK_ERR_STATE;
    }
    /* accept() allocates kernel objects even when it fails: ask only when the poll saw a
     * connection waiting (a simulation stepping through months calls this a million times). */
    if (!b->net.listen_ready) {
        return MSDK_ERR_WOULD_BLOCK;
    }
    int fd = msdk_host_tcp_accept(b->net.listen_fd);
    if (fd < 0) {
        b->net.listen_ready = false;
        return MSDK_ERR_WOULD_BLOCK;
    }
    for (int32_t i = 0; i < (int32_t)MSDK_HOST_NET_CONNS; i++) {
        if (b->net.conn[i] < 0) {
            b->net.conn[i] = fd;
            *conn = i;
            return MSDK_OK;
        }
    }
    (void)close(fd); /* no free handle: refused */
    return MSDK_ERR_WOULD_BLOCK;
}

msdk_err_t msdk_port_net_recv(int32_t conn, uint8_t *buf, size_t cap, size_t *got)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((buf == NULL) || (got == NULL) || (cap == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *got = 0u;
    if (!handle_ok(b, conn)) {
        return MSDK_ERR_CLOSED;
    }
    ssize_t n = recv(b->net.conn[conn], buf, cap, 0);
    if (n > 0) {
        *got = (size_t)n;
        return MSDK_OK;
    }
    if ((n < 0) && ((errno == EAGAIN) || (errno == EWOULDBLOCK) || (errno == EINTR))) {
        return MSDK_ERR_WOULD_BLOCK;
    }
    return MSDK_ERR_CLOSED; /* 0: end of stream; other errors: the connection failed */
}

msdk_err_t msdk_port_net_send(int32_t conn, const uint8_t *data, size_t len, size_t *sent)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((sent == NULL) || ((data == NULL) && (len != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    *sent = 0u;
    if (!handle_ok(b, conn)) {
        return MSDK_ERR_CLOSED;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    ssize_t n = send(b->net.conn[conn], data, len, MSG_NOSIGNAL);
    if (n >= 0) {
        *sent = (size_t)n;
        return MSDK_OK;
    }
    return ((errno == EAGAIN) || (errno == EWOULDBLOCK) || (errno == EINTR)) ? MSDK_OK
                                                                             : MSDK_ERR_CLOSED;
}

void msdk_port_net_close(int32_t conn)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((conn >= 0) && (conn < (int32_t)MSDK_HOST_NET_CONNS)) {
        msdk_host_fd_close(&b->net.conn[conn]);
    }
}

void msdk_host_net_init(msdk_host_board_t *b)
{
    b->net.listen_fd = -1;
    b->net.listen_ready = true;
    for (unsigned i = 0; i < MSDK_HOST_NET_CONNS; i++) {
        b->net.conn[i] = -1;
    }
}

void msdk_host_net_poll_add(msdk_host_board_t *b, msdk_host_pollset_t *ps)
{
    msdk_host_pollset_add(ps, b->net.listen_fd, POLLIN, MSDK_HOST_POLL_NET, NULL);
    for (unsigned i = 0; i < MSDK_HOST_NET_CONNS; i++) {
        msdk_host_pollset_add(ps, b->net.conn[i], POLLIN, MSDK_HOST_POLL_NET, NULL);
    }
}

void msdk_host_net_on_poll(msdk_host_board_t *b, int fd)
{
    if ((fd >= 0) && (fd == b->net.listen_fd)) {
        b->net.listen_ready = true;
    }
}

void msdk_host_net_close(msdk_host_board_t *b)
{
    msdk_host_fd_close(&b->net.listen_fd);
    for (unsigned i = 0; i < MSDK_HOST_NET_CONNS; i++) {
        msdk_host_fd_close(&b->net.conn[i]);
    }
}
