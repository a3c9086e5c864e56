/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Crypto port on mbedTLS 3.6: CTR_DRBG (AES-256, derivation function, no
 * prediction resistance) in a caller-owned context, fed by a caller-chosen
 * entropy callback.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>

#include "mbedtls/ctr_drbg.h"

#include "msdk/port/crypto.h"
#include "crypto_mbedtls_internal.h"

/* Marks a seeded DRBG ("DRBG"). */
#define DRBG_MAGIC 0x44524247u

MSDK_STATIC_ASSERT(sizeof(msdk_crypto_drbg_state_t) <= sizeof(msdk_crypto_drbg_t),
                   "MSDK_CRYPTO_DRBG_CTX_SIZE is too small for mbedtls_ctr_drbg_context");
MSDK_STATIC_ASSERT(alignof(msdk_crypto_drbg_state_t) <= alignof(msdk_crypto_drbg_t),
                   "msdk_crypto_drbg_t is not aligned enough for mbedtls_ctr_drbg_context");
MSDK_STATIC_ASSERT(MSDK_CRYPTO_DRBG_MAX_REQUEST <= MBEDTLS_CTR_DRBG_MAX_REQUEST,
                   "DRBG request limit above mbedTLS's");
MSDK_STATIC_ASSERT(MSDK_CRYPTO_DRBG_MAX_INPUT <= MBEDTLS_CTR_DRBG_MAX_INPUT,
                   "DRBG additional input limit above mbedTLS's");
MSDK_STATIC_ASSERT(MSDK_CRYPTO_DRBG_ENTROPY_SIZE + MSDK_CRYPTO_DRBG_NONCE_SIZE +
                           MSDK_CRYPTO_DRBG_MAX_INPUT <=
                       MBEDTLS_CTR_DRBG_MAX_SEED_INPUT,
                   "DRBG seed material above mbedTLS's limit");
MSDK_STATIC_ASSERT(MSDK_CRYPTO_DRBG_RESEED_INTERVAL == MBEDTLS_CTR_DRBG_RESEED_INTERVAL,
                   "documented reseed interval differs from mbedTLS's");
MSDK_STATIC_ASSERT(MBEDTLS_CTR_DRBG_KEYSIZE == 32, "CTR_DRBG must use AES-256");

static msdk_crypto_drbg_state_t *drbg_storage(msdk_crypto_drbg_t *drbg)
{
    /* The storage is a union aligned for our state (asserted above). */
    return (msdk_crypto_drbg_state_t *)(void *)drbg->opaque.bytes;
}

msdk_crypto_drbg_state_t *msdk_crypto_drbg_state(msdk_crypto_drbg_t *drbg)
{
    if (drbg == NULL) {
        return NULL;
    }
    msdk_crypto_drbg_state_t *st = drbg_storage(drbg);
    /* mbedTLS keeps a pointer to the state: a moved copy is not usable. */
    if (st->magic != DRBG_MAGIC || st->self != st) {
        return NULL;
    }
    return st;
}

/* mbedTLS's view of the caller's entropy callback. */
static int drbg_entropy(void *p, unsigned char *buf, size_t len)
{
    msdk_crypto_drbg_state_t *st = p;
    msdk_err_t err = st->entropy(st->entropy_ctx, buf, len);
    if (err != MSDK_OK) {
        st->entropy_err = err;
        return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
    }
    return 0;
}

msdk_err_t msdk_crypto_drbg_err(const msdk_crypto_drbg_state_t *st, int ret)
{
    if (ret == MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED && st->entropy_err != MSDK_OK) {
        return st->entropy_err;
    }
    return msdk_crypto_err(ret);
}

int msdk_crypto_drbg_rng(void *p_rng, unsigned char *out, size_t len)
{
    msdk_crypto_drbg_state_t *st = p_rng;
    return mbedtls_ctr_drbg_random(&st->ctr, out, len);
}

msdk_crypto_drbg_state_t *msdk_crypto_drbg_begin(msdk_crypto_drbg_t *drbg)
{
    msdk_crypto_drbg_state_t *st = msdk_crypto_is_ready() ? msdk_crypto_drbg_state(drbg) : NULL;
    if (st != NULL) {
        st->entropy_err = MSDK_OK;
    }
    return st;
}

msdk_err_t msdk_port_crypto_drbg_seed(msdk_crypto_drbg_t *drbg, msdk_crypto_entropy_fn_t entropy,
                                      void *entropy_ctx, const uint8_t *pers, size_t pers_len)
{
    if (drbg == NULL || entropy == NULL || (pers == NULL && pers_len != 0u) ||
        pers_len > MSDK_CRYPTO_DRBG_MAX_INPUT) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_crypto_is_ready()) {
        return MSDK_ERR_STATE;
    }
    msdk_crypto_drbg_state_t *st = drbg_storage(drbg);
    msdk_port_crypto_zeroize(drbg, sizeof(*drbg));
    st->entropy = entropy;
    st->entropy_ctx = entropy_ctx;
    st->entropy_err = MSDK_OK;
    mbedtls_ctr_drbg_init(&st->ctr);
    /* Entropy input, then the nonce, read in that order (see crypto.h). */
    mbedtls_ctr_drbg_set_entropy_len(&st->ctr, MSDK_CRYPTO_DRBG_ENTROPY_SIZE);
    int ret = mbedtls_ctr_drbg_set_nonce_len(&st->ctr, MSDK_CRYPTO_DRBG_NONCE_SIZE);
    if (ret == 0) {
        ret = mbedtls_ctr_drbg_seed(&st->ctr, drbg_entropy, st, pers, pers_len);
    }
    msdk_err_t err = msdk_crypto_drbg_err(st, ret);
    if (ret != 0) {
        mbedtls_ctr_drbg_free(&st->ctr);
        msdk_port_crypto_zeroize(drbg, sizeof(*drbg));
        return err;
    }
    mbedtls_ctr_drbg_set_prediction_resistance(&st->ctr, MBEDTLS_CTR_DRBG_PR_OFF);
    st->self = st;
    st->magic = DRBG_MAGIC;
    return MSDK_OK;
}

msdk_err_t msdk_port_crypto_drbg_reseed(msdk_crypto_drbg_t *drbg, const uint8_t *additional,
                                        size_t additional_len)
{
    if (drbg == NULL || (additional == NULL && additional_len != 0u) ||
        additional_len > MSDK_CRYPTO_DRBG_MAX_INPUT) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_crypto_drbg_state_t *st = msdk_crypto_drbg_begin(drbg);
    if (st == NULL) {
        return MSDK_ERR_STATE;
    }
    return msdk_crypto_drbg_err(st, mbedtls_ctr_drbg_reseed(&st->ctr, additional, additional_len));
}

msdk_err_t msdk_port_crypto_drbg_generate(msdk_crypto_drbg_t *drbg, uint8_t *out, size_t len,
                                          const uint8_t *additional, size_t additional_len)
{
    if (drbg == NULL || out == NULL || len == 0u || len > MSDK_CRYPTO_DRBG_MAX_REQUEST ||
        (additional == NULL && additional_len != 0u) ||
        additional_len > MSDK_CRYPTO_DRBG_MAX_INPUT) {
        if (len <= MSDK_CRYPTO_DRBG_MAX_REQUEST) {
            msdk_crypto_wipe_output(out, len);
        }
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_crypto_drbg_state_t *st = msdk_crypto_drbg_begin(drbg);
    if (st == NULL) {
        msdk_crypto_wipe_output(out, len);
        return MSDK_ERR_STATE;
    }
    int ret = mbedtls_ctr_drbg_random_with_add(&st->ctr, out, len, additional, additional_len);
    if (ret != 0) {
        msdk_crypto_wipe_output(out, len);
    }
    return msdk_crypto_drbg_err(st, ret);
}

void msdk_port_crypto_drbg_free(msdk_crypto_drbg_t *drbg)
{
    if (drbg == NULL) {
        return;
    }
    msdk_crypto_drbg_state_t *st = msdk_crypto_drbg_state(drbg);
    if (st != NULL) {
        mbedtls_ctr_drbg_free(&st->ctr);
    }
    msdk_port_crypto_zeroize(drbg, sizeof(*drbg));
}
