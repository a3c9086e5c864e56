/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Non-blocking TCP listeners on 127.0.0.1 and their clients. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include "host_internal.h"

static bool set_flags(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    int fdfl = fcntl(fd, F_GETFD);
    return (fl >= 0) && (fdfl >= 0) && (fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0) &&
           (fcntl(fd, F_SETFD, fdfl | FD_CLOEXEC) == 0);
}

int msdk_host_tcp_listen(int32_t port, uint16_t *bound)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    int one = 1;
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!set_flags(fd) || (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0) ||
        (bind(fd, (const struct sockaddr *)&addr, sizeof(addr)) != 0) || (listen(fd, 4) != 0) ||
        (getsockname(fd, (struct sockaddr *)&addr, &len) != 0)) {
        int saved = errno;
        (void)close(fd);
        errno = saved;
        return -1;
    }
    *bound = ntohs(addr.sin_port);
    return fd;
}

int msdk_host_tcp_listen_announced(msdk_host_board_t *b, const char *channel, int32_t port,
                                   uint16_t *bound)
{
    int fd = msdk_host_tcp_listen(b->opt.tcp_any ? 0 : port, bound);
    if (fd < 0) {
        (void)fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", channel, (int)port,
                      strerror(errno));
        return -1;
    }
    msdk_host_console_printf(b, "listening: %s tcp 127.0.0.1:%u", channel, (unsigned)*bound);
    return fd;
}

int msdk_host_tcp_accept(int listen_fd)
{
    int fd = accept(listen_fd, NULL, NULL);
    if (fd < 0) {
        return -1;
    }
    int one = 1;
    if (!set_flags(fd)) {
        (void)close(fd);
        return -1;
    }
    /* Small protocol frames: do not wait to coalesce them. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

void msdk_host_fd_close(int *fd)
{
    if (*fd >= 0) {
        (void)close(*fd);
        *fd = -1;
    }
}
