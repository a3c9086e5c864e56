/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Entropy port: the kernel's random source (getrandom(), blocking only until the
 * kernel pool is initialized at boot). */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <sys/random.h>
#include "host_internal.h"
#include "msdk/port/entropy.h"

msdk_err_t msdk_port_entropy_read(uint8_t *buf, size_t len)
{
    if ((buf == NULL) && (len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    while (len > 0u) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return MSDK_ERR_IO;
        }
        buf += (size_t)n;
        len -= (size_t)n;
    }
    return MSDK_OK;
}
