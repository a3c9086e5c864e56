/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Crypto port on mbedTLS 3.6: MD5, SHA-1, SHA-256 one-shot and streaming
 * SHA-256 in a caller-owned context.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>

#include "mbedtls/md5.h"
#include "mbedtls/sha1.h"
#include "mbedtls/sha256.h"

#include "msdk/port/crypto.h"
#include "crypto_mbedtls_internal.h"

/* Marks a started streaming context ("S256"). */
#define SHA256_MAGIC 0x53323536u

/* What lives inside msdk_crypto_sha256_ctx_t. */
typedef struct sha256_state {
    mbedtls_sha256_context sha;
    uint32_t magic;
} sha256_state_t;

MSDK_STATIC_ASSERT(sizeof(sha256_state_t) <= sizeof(msdk_crypto_sha256_ctx_t),
                   "MSDK_CRYPTO_SHA256_CTX_SIZE is too small for mbedtls_sha256_context");
MSDK_STATIC_ASSERT(alignof(sha256_state_t) <= alignof(msdk_crypto_sha256_ctx_t),
                   "msdk_crypto_sha256_ctx_t is not aligned enough for mbedtls_sha256_context");

/* mbedTLS wants a valid pointer even for an empty message. */
static const unsigned char empty_msg[1] = { 0 };

/* The one-shot digests. */
typedef enum hash_alg {
    HASH_MD5,
    HASH_SHA1,
    HASH_SHA256,
} hash_alg_t;

/* One-shot digest of len bytes at data into digest (digest_size bytes, wiped on failure). */
static msdk_err_t hash_once(hash_alg_t alg, const uint8_t *data, size_t len, uint8_t *digest,
                            size_t digest_size)
{
    msdk_err_t err = MSDK_OK;
    if (digest == NULL || (data == NULL && len != 0u)) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        msdk_crypto_wipe_output(digest, digest_size);
        return err;
    }
    const unsigned char *msg = (data != NULL) ? data : empty_msg;
    int ret;
    switch (alg) {
    case HASH_MD5: ret = mbedtls_md5(msg, len, digest); break;
    case HASH_SHA1: ret = mbedtls_sha1(msg, len, digest); break;
    default: ret = mbedtls_sha256(msg, len, digest, 0); break;
    }
    if (ret != 0) {
        msdk_crypto_wipe_output(digest, digest_size);
    }
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_md5(const uint8_t *data, size_t len, uint8_t *digest)
{
    return hash_once(HASH_MD5, data, len, digest, MSDK_CRYPTO_MD5_SIZE);
}

msdk_err_t msdk_port_crypto_sha1(const uint8_t *data, size_t len, uint8_t *digest)
{
    return hash_once(HASH_SHA1, data, len, digest, MSDK_CRYPTO_SHA1_SIZE);
}

msdk_err_t msdk_port_crypto_sha256(const uint8_t *data, size_t len, uint8_t *digest)
{
    return hash_once(HASH_SHA256, data, len, digest, MSDK_CRYPTO_SHA256_SIZE);
}

static sha256_state_t *sha256_state(msdk_crypto_sha256_ctx_t *ctx)
{
    /* The storage is a union aligned for any of our states (asserted above). */
    return (sha256_state_t *)(void *)ctx->opaque.bytes;
}

msdk_err_t msdk_port_crypto_sha256_start(msdk_crypto_sha256_ctx_t *ctx)
{
    if (ctx == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_crypto_is_ready()) {
        return MSDK_ERR_STATE;
    }
    sha256_state_t *st = sha256_state(ctx);
    mbedtls_sha256_init(&st->sha);
    int ret = mbedtls_sha256_starts(&st->sha, 0);
    st->magic = (ret == 0) ? SHA256_MAGIC : 0u;
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_sha256_update(msdk_crypto_sha256_ctx_t *ctx, const uint8_t *data,
                                          size_t len)
{
    if (ctx == NULL || (data == NULL && len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_crypto_is_ready()) {
        return MSDK_ERR_STATE;
    }
    sha256_state_t *st = sha256_state(ctx);
    if (st->magic != SHA256_MAGIC) {
        return MSDK_ERR_STATE;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    return msdk_crypto_err(mbedtls_sha256_update(&st->sha, data, len));
}

msdk_err_t msdk_port_crypto_sha256_finish(msdk_crypto_sha256_ctx_t *ctx, uint8_t *digest)
{
    if (ctx == NULL || digest == NULL) {
        msdk_crypto_wipe_output(digest, MSDK_CRYPTO_SHA256_SIZE);
        msdk_port_crypto_zeroize(ctx, (ctx != NULL) ? sizeof(*ctx) : 0u);
        return MSDK_ERR_INVALID_ARG;
    }
    sha256_state_t *st = sha256_state(ctx);
    int ret = MBEDTLS_ERR_SHA256_BAD_INPUT_DATA;
    msdk_err_t err = MSDK_ERR_STATE;
    if (msdk_crypto_is_ready() && st->magic == SHA256_MAGIC) {
        ret = mbedtls_sha256_finish(&st->sha, digest);
        err = msdk_crypto_err(ret);
    }
    if (ret != 0) {
        msdk_crypto_wipe_output(digest, MSDK_CRYPTO_SHA256_SIZE);
    }
    msdk_port_crypto_zeroize(ctx, sizeof(*ctx));
    return err;
}
