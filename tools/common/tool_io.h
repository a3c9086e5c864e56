/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Host tools: the monotonic clock, a TCP client connection, termios baud constants (POSIX). */
#ifndef MSDK_TOOL_IO_H
#define MSDK_TOOL_IO_H

#include <stdint.h>
#include <termios.h>

/* CLOCK_MONOTONIC in milliseconds (wraps at 2^32). */
uint32_t msdk_tool_now_ms(void);

/* Connects to HOST:PORT (the last colon splits them; IPv4 or IPv6 as getaddrinfo() resolves
 * them). Errors are printed on stderr after "<prog>: ". Returns the blocking socket, or -1. */
int msdk_tool_tcp_connect(const char *prog, const char *spec);

/* The termios constant of a baud rate 300..38400, or B0 for any other rate. */
speed_t msdk_tool_baud_const(uint32_t baud);

#endif /* MSDK_TOOL_IO_H */
