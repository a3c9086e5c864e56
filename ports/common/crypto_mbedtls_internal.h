/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Private helpers shared by the files of the mbedTLS crypto port
 * (crypto_mbedtls*.c). Not installed, not part of the port interface.
 */
#ifndef MSDK_CRYPTO_MBEDTLS_INTERNAL_H
#define MSDK_CRYPTO_MBEDTLS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mbedtls/ctr_drbg.h"
#include "msdk/port/crypto.h"

/* true once msdk_port_crypto_init() has set up the work area. */
bool msdk_crypto_is_ready(void);

/* Maps an mbedTLS return code to the SDK error enum (0 -> MSDK_OK). */
msdk_err_t msdk_crypto_err(int ret);

/* true for 16, 24 and 32. */
bool msdk_crypto_aes_key_len_is_valid(size_t key_len);

/* Zeroes buf when it is non-NULL (outputs on failure paths). */
void msdk_crypto_wipe_output(uint8_t *buf, size_t len);

/* What lives inside msdk_crypto_drbg_t. */
typedef struct msdk_crypto_drbg_state {
    mbedtls_ctr_drbg_context ctr;     /* mbedTLS CTR_DRBG; its entropy context is this struct. */
    const void *self;                 /* This struct's address: catches moved copies. */
    msdk_crypto_entropy_fn_t entropy; /* Caller's entropy callback. */
    void *entropy_ctx;                /* Its context. */
    msdk_err_t entropy_err;           /* Last failure of the callback, reported to the caller. */
    uint32_t magic;                   /* MSDK_CRYPTO_DRBG_MAGIC once seeded. */
} msdk_crypto_drbg_state_t;

/* Seeded DRBG state of a caller's context, or NULL when it is not seeded. */
msdk_crypto_drbg_state_t *msdk_crypto_drbg_state(msdk_crypto_drbg_t *drbg);

/* Start of every call that draws from a DRBG: its seeded state with the entropy
 * error cleared, or NULL (report MSDK_ERR_STATE) when the port is not initialised
 * or the context is not seeded. */
msdk_crypto_drbg_state_t *msdk_crypto_drbg_begin(msdk_crypto_drbg_t *drbg);

/* mbedtls_f_rng_t over a seeded DRBG state (p_rng is a msdk_crypto_drbg_state_t). */
int msdk_crypto_drbg_rng(void *p_rng, unsigned char *out, size_t len);

/* Turns a failed mbedTLS DRBG call into the error to report (the entropy
 * callback's own error when that was the cause). */
msdk_err_t msdk_crypto_drbg_err(const msdk_crypto_drbg_state_t *st, int ret);

#endif /* MSDK_CRYPTO_MBEDTLS_INTERNAL_H */
