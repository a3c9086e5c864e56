/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Crypto port on mbedTLS 3.6: ECDSA on NIST P-256 with raw key and signature
 * encodings (no ASN.1 at this interface). Bignums live in the static work
 * area during a call; mbedtls_mpi_free() wipes them before they go back.
 */
#include <stddef.h>
#include <stdint.h>

#include "mbedtls/bignum.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/ecp.h"

#include "msdk/port/crypto.h"
#include "crypto_mbedtls_internal.h"

#define P256_SCALAR_SIZE 32u

MSDK_STATIC_ASSERT(MSDK_CRYPTO_P256_SIGNATURE_SIZE == 2u * P256_SCALAR_SIZE, "r || s");
MSDK_STATIC_ASSERT(MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE == 1u + 2u * P256_SCALAR_SIZE, "04 || X || Y");

msdk_err_t msdk_port_crypto_ecdsa_p256_verify(const uint8_t *pub, const uint8_t *hash,
                                              const uint8_t *sig)
{
    if (pub == NULL || hash == NULL || sig == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_crypto_is_ready()) {
        return MSDK_ERR_STATE;
    }
    if (pub[0] != 0x04u) {
        return MSDK_ERR_INVALID_ARG; /* only the uncompressed form is accepted */
    }
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q;
    mbedtls_mpi r;
    mbedtls_mpi s;
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);

    msdk_err_t err = MSDK_OK;
    int ret = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
    if (ret == 0) {
        ret = mbedtls_ecp_point_read_binary(&grp, &q, pub, MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE);
        if (ret == 0) {
            ret = mbedtls_ecp_check_pubkey(&grp, &q);
        }
        if (ret == MBEDTLS_ERR_ECP_BAD_INPUT_DATA || ret == MBEDTLS_ERR_ECP_INVALID_KEY ||
            ret == MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE) {
            err = MSDK_ERR_INVALID_ARG; /* not a point of the curve */
        }
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&r, sig, P256_SCALAR_SIZE);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&s, sig + P256_SCALAR_SIZE, P256_SCALAR_SIZE);
    }
    if (ret == 0) {
        /* r or s outside [1, n-1] also reports VERIFY_FAILED. */
        ret = mbedtls_ecdsa_verify(&grp, hash, MSDK_CRYPTO_SHA256_SIZE, &q, &r, &s);
    }
    if (err == MSDK_OK) {
        err = msdk_crypto_err(ret);
    }

    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    return err;
}

msdk_err_t msdk_port_crypto_ecdsa_p256_sign(msdk_crypto_drbg_t *drbg, const uint8_t *priv,
                                            const uint8_t *hash, uint8_t *sig)
{
    if (drbg == NULL || priv == NULL || hash == NULL || sig == NULL) {
        msdk_crypto_wipe_output(sig, MSDK_CRYPTO_P256_SIGNATURE_SIZE);
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_crypto_drbg_state_t *st = msdk_crypto_drbg_begin(drbg);
    if (st == NULL) {
        msdk_crypto_wipe_output(sig, MSDK_CRYPTO_P256_SIGNATURE_SIZE);
        return MSDK_ERR_STATE;
    }
    mbedtls_ecp_group grp;
    mbedtls_mpi d;
    mbedtls_mpi r;
    mbedtls_mpi s;
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);

    msdk_err_t err = MSDK_OK;
    int ret = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&d, priv, MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_check_privkey(&grp, &d);
        if (ret == MBEDTLS_ERR_ECP_INVALID_KEY) {
            err = MSDK_ERR_INVALID_ARG; /* 0 or >= n */
        }
    }
    if (ret == 0) {
        /* RFC 6979 nonce; the DRBG only feeds the blinding. */
        ret = mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &d, hash, MSDK_CRYPTO_SHA256_SIZE,
                                         MBEDTLS_MD_SHA256, msdk_crypto_drbg_rng, st);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&r, sig, P256_SCALAR_SIZE);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&s, sig + P256_SCALAR_SIZE, P256_SCALAR_SIZE);
    }
    if (err == MSDK_OK) {
        err = msdk_crypto_drbg_err(st, ret);
    }
    if (ret != 0) {
        msdk_crypto_wipe_output(sig, MSDK_CRYPTO_P256_SIGNATURE_SIZE);
    }

    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&d);
    mbedtls_ecp_group_free(&grp);
    return err;
}

msdk_err_t msdk_port_crypto_ecdsa_p256_keygen(msdk_crypto_drbg_t *drbg, uint8_t *priv, uint8_t *pub)
{
    if (drbg == NULL || priv == NULL || pub == NULL) {
        msdk_crypto_wipe_output(priv, MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE);
        msdk_crypto_wipe_output(pub, MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE);
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_crypto_drbg_state_t *st = msdk_crypto_drbg_begin(drbg);
    if (st == NULL) {
        msdk_crypto_wipe_output(priv, MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE);
        msdk_crypto_wipe_output(pub, MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE);
        return MSDK_ERR_STATE;
    }
    mbedtls_ecp_group grp;
    mbedtls_mpi d;
    mbedtls_ecp_point q;
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&d);
    mbedtls_ecp_point_init(&q);

    size_t pub_len = 0u;
    int ret = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
    if (ret == 0) {
        ret = mbedtls_ecp_gen_keypair(&grp, &d, &q, msdk_crypto_drbg_rng, st);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&d, priv, MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_point_write_binary(&grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &pub_len, pub,
                                             MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE);
    }
    if (ret == 0 && pub_len != MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE) {
        ret = MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL; /* cannot happen for P-256 */
    }
    msdk_err_t err = msdk_crypto_drbg_err(st, ret);
    if (ret != 0) {
        msdk_crypto_wipe_output(priv, MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE);
        msdk_crypto_wipe_output(pub, MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE);
    }

    mbedtls_ecp_point_free(&q);
    mbedtls_mpi_free(&d);
    mbedtls_ecp_group_free(&grp);
    return err;
}
