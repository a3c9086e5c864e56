/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Crypto port on mbedTLS 3.6: setup, the static work area, error mapping and
 * helpers. The algorithms are in crypto_mbedtls_aes.c, _hash.c, _drbg.c and
 * _ecdsa.c.
 *
 * The work area below is the only mutable state of the port. mbedTLS's
 * buffer allocator (memory_buffer_alloc.c) carves every mbedtls_calloc() out
 * of it; each public function frees what it allocated before it returns, so
 * between calls the area is empty. Its size is MSDK_CFG_PORT_CRYPTO_HEAP_SIZE.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mbedtls/aes.h"
#include "mbedtls/asn1.h"
#include "mbedtls/bignum.h"
#include "mbedtls/cipher.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/md.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"

#include "msdk/config.h"
#include "msdk/core/compiler.h"
#include "msdk/port/crypto.h"
#include "crypto_mbedtls_internal.h"

#if !defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C) || !defined(MBEDTLS_PLATFORM_EXIT_ALT)
#error "crypto_mbedtls needs ports/common/mbedtls_config.h (MBEDTLS_CONFIG_FILE)"
#endif

/* The static work area: mbedTLS's heap, and whether it is set up. */
static struct {
    bool is_ready;
    MSDK_ALIGNED(8) unsigned char heap[MSDK_CFG_PORT_CRYPTO_HEAP_SIZE];
} crypto_work;

/* mbedtls_exit() target: the allocator calls it when it finds its own
 * bookkeeping corrupted (a buffer overrun elsewhere in the firmware). Going
 * on would hand out overlapping memory; stop here instead (HardFault on
 * Cortex-M, SIGILL on the host, either way visible in a test or a dump). */
static void crypto_fatal(int status)
{
    MSDK_UNUSED_PARAM(status);
    __builtin_trap();
}

msdk_err_t msdk_port_crypto_init(void)
{
    if (!crypto_work.is_ready) {
        mbedtls_platform_set_exit(crypto_fatal);
        mbedtls_memory_buffer_alloc_init(crypto_work.heap, sizeof(crypto_work.heap));
        crypto_work.is_ready = true;
    }
    return MSDK_OK;
}

void msdk_port_crypto_zeroize(void *buf, size_t len)
{
    if (buf != NULL && len != 0u) {
        mbedtls_platform_zeroize(buf, len);
    }
}

bool msdk_crypto_is_ready(void)
{
    return crypto_work.is_ready;
}

bool msdk_crypto_aes_key_len_is_valid(size_t key_len)
{
    return key_len == 16u || key_len == 24u || key_len == 32u;
}

void msdk_crypto_wipe_output(uint8_t *buf, size_t len)
{
    msdk_port_crypto_zeroize(buf, len);
}

/* One mbedTLS error code (high-level or low-level part) to msdk_err_t, or
 * MSDK_ERR_CRYPTO when it is not one we single out. */
static msdk_err_t crypto_err_one(int code)
{
    switch (code) {
    case MBEDTLS_ERR_GCM_AUTH_FAILED:
    case MBEDTLS_ERR_CIPHER_AUTH_FAILED:
    case MBEDTLS_ERR_ECP_VERIFY_FAILED: return MSDK_ERR_AUTH;
    case MBEDTLS_ERR_MPI_ALLOC_FAILED:
    case MBEDTLS_ERR_ECP_ALLOC_FAILED:
    case MBEDTLS_ERR_CIPHER_ALLOC_FAILED:
    case MBEDTLS_ERR_MD_ALLOC_FAILED:
    case MBEDTLS_ERR_ASN1_ALLOC_FAILED: return MSDK_ERR_NO_SPACE;
    case MBEDTLS_ERR_GCM_BAD_INPUT:
    case MBEDTLS_ERR_CIPHER_BAD_INPUT_DATA:
    case MBEDTLS_ERR_CIPHER_FULL_BLOCK_EXPECTED:
    case MBEDTLS_ERR_AES_INVALID_KEY_LENGTH:
    case MBEDTLS_ERR_AES_INVALID_INPUT_LENGTH:
    case MBEDTLS_ERR_AES_BAD_INPUT_DATA:
    case MBEDTLS_ERR_MPI_BAD_INPUT_DATA:
    case MBEDTLS_ERR_ECP_BAD_INPUT_DATA:
    case MBEDTLS_ERR_ECP_INVALID_KEY:
    case MBEDTLS_ERR_MD_BAD_INPUT_DATA:
    case MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG:
    case MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG: return MSDK_ERR_INVALID_ARG;
    default: return MSDK_ERR_CRYPTO;
    }
}

msdk_err_t msdk_crypto_err(int ret)
{
    if (ret == 0) {
        return MSDK_OK;
    }
    if (ret > 0 || ret < -0x7FFF) {
        return MSDK_ERR_CRYPTO; /* not an mbedTLS error code */
    }
    msdk_err_t err = crypto_err_one(ret);
    if (err != MSDK_ERR_CRYPTO) {
        return err;
    }
    /* A high-level code plus a low-level cause (mbedtls_error_add): an
     * allocation failure underneath is what the caller can act on. */
    int high = -((-ret) & 0x7F80);
    int low = -((-ret) & 0x007F);
    msdk_err_t err_low = (low != 0) ? crypto_err_one(low) : MSDK_ERR_CRYPTO;
    msdk_err_t err_high = (high != 0) ? crypto_err_one(high) : MSDK_ERR_CRYPTO;
    if (err_low == MSDK_ERR_NO_SPACE || err_high == MSDK_ERR_NO_SPACE) {
        return MSDK_ERR_NO_SPACE;
    }
    return (err_high != MSDK_ERR_CRYPTO) ? err_high : err_low;
}
