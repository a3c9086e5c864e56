/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Entropy port: the board's true random source.
 *
 * A singleton of the board, implemented as a link-time function by the board
 * port (ports/host, ports/mps2-an386, a vendor chip port). Its one consumer is the
 * DRBG of the crypto service (msdk/port/crypto.h), which reads it when it is
 * seeded and reseeded; nothing else in the SDK should read raw entropy.
 *
 * Requirements on the implementation:
 * - Every returned byte carries full entropy (8 bits per byte), either because
 *   the source is a full-entropy source or because the port conditions raw
 *   noise first (for example with a vetted conditioning function such as
 *   the hash_df / Block_Cipher_df of NIST SP 800-90A/B over enough raw
 *   samples). The DRBG asks for 32 bytes of entropy input plus a 16-byte nonce
 *   and claims 256-bit security on that basis.
 * - Health tests of the noise source (NIST SP 800-90B repetition count and
 *   adaptive proportion tests, or the vendor's equivalent) are the board's
 *   job. When they fail, the function fails; it never returns weak bytes.
 * - It may block for a bounded time while the hardware produces bytes (this is
 *   the only port function allowed to wait); it is called rarely.
 * - It is not called from interrupt context and need not be reentrant.
 */
#ifndef MSDK_PORT_ENTROPY_H
#define MSDK_PORT_ENTROPY_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Fill a buffer with bytes from the board's true random source.
 *
 * All @p len bytes are written on success. On failure the content of @p buf
 * is unspecified and must not be used.
 *
 * @pre @p buf points to @p len writable bytes.
 * @param[out] buf Destination of the random bytes.
 * @param[in]  len Number of bytes to produce; 0 is allowed and does nothing.
 * @retval MSDK_OK                @p buf holds @p len fresh random bytes.
 * @retval MSDK_ERR_INVALID_ARG   @p buf is NULL while @p len is not 0.
 * @retval MSDK_ERR_IO            The source failed or a health test failed.
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no true random source.
 */
MSDK_NODISCARD msdk_err_t msdk_port_entropy_read(uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_ENTROPY_H */
