/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The default DRBG entropy callback: the board's true random source.
 *
 * Alone in its file so that a program which never passes it to
 * msdk_port_crypto_drbg_seed() (the host unit tests, for one) does not pull
 * msdk_port_entropy_read() from a board port into its link.
 */
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/port/crypto.h"
#include "msdk/port/entropy.h"

msdk_err_t msdk_port_crypto_board_entropy(void *ctx, uint8_t *buf, size_t len)
{
    MSDK_UNUSED_PARAM(ctx);
    if (buf == NULL && len != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_port_entropy_read(buf, len);
}
