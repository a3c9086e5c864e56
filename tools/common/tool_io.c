/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include "tool_io.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

uint32_t msdk_tool_now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

int msdk_tool_tcp_connect(const char *prog, const char *spec)
{
    char host[256];
    const char *colon = strrchr(spec, ':');
    if ((colon == NULL) || (colon == spec) || ((size_t)(colon - spec) >= sizeof host) ||
        (colon[1] == '\0')) {
        fprintf(stderr, "%s: --tcp wants HOST:PORT, not '%s'\n", prog, spec);
        return -1;
    }
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *res = NULL;
    const int rc = getaddrinfo(host, colon + 1, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, spec, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    int err = 0;
    for (struct addrinfo *ai = res; (ai != NULL) && (fd < 0); ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot connect to %s: %s\n", prog, spec, strerror(err));
    }
    return fd;
}

speed_t msdk_tool_baud_const(uint32_t baud)
{
    switch (baud) {
    case 300u: return B300;
    case 600u: return B600;
    case 1200u: return B1200;
    case 2400u: return B2400;
    case 4800u: return B4800;
    case 9600u: return B9600;
    case 19200u: return B19200;
    case 38400u: return B38400;
    default: return B0;
    }
}
