/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Entropy port (msdk/port/entropy.h): the board's true random source, read
 * only by the DRBG of the crypto service when it seeds and reseeds.
 *
 * Crypto itself (msdk/port/crypto.h) is not templated: the default
 * implementation, ports/common/crypto_mbedtls.c, works on every chip.
 */
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/entropy.h"

msdk_err_t msdk_port_entropy_read(uint8_t *buf, size_t len)
{
    if ((buf == NULL) && (len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): fill all len bytes from the chip's TRNG, each byte with
     * full entropy: condition raw noise first if the TRNG does not (see
     * entropy.h). Run the source's health tests (repetition count, adaptive
     * proportion; on many TRNGs: check the seed-error / clock-error flags,
     * then reset the peripheral once and retry) and return MSDK_ERR_IO when
     * they fail; never return weak or repeated bytes with MSDK_OK. May wait
     * a bounded time for the TRNG (poll its data-ready flag with a time-out
     * -> MSDK_ERR_IO); not called from interrupts. A board without a TRNG
     * keeps MSDK_ERR_NOT_SUPPORTED and cannot run high-level security.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}
