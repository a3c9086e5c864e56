/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Authentication: the LLS password check and the HLS answers f(challenge) of
 * mechanisms 3 (MD5), 4 (SHA-1), 5 (GMAC), 6 (SHA-256) and 7 (ECDSA P-256),
 * computed through msdk/port/crypto.h. Comparisons of secrets and answers run
 * in constant time; every buffer that held a secret is wiped.
 *
 * Both directions use one computation "side X answers the challenge of side
 * Y": respond() is X = this side, verify() recomputes with X = the peer.
 */
#include <stdint.h>
#include <string.h>

#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"

/* SC of an HLS 5 answer: authentication only. */
#define HLS_GMAC_SC(suite) ((uint8_t)(MSDK_COSEM_SC_AUTH | (suite)))

/* Constant-time equality of two n-byte strings (n is public). */
static bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    volatile uint8_t diff = 0u;
    for (size_t i = 0; i < n; i++) {
        diff = (uint8_t)(diff | (uint8_t)(a[i] ^ b[i]));
    }
    return diff == 0u;
}

/* ---- LLS ---------------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_lls_check(const uint8_t *secret, size_t secret_len, const uint8_t *given,
                                size_t given_len)
{
    if ((secret == NULL) || (secret_len == 0u) || (secret_len > MSDK_COSEM_AUTH_VALUE_MAX) ||
        ((given == NULL) && (given_len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (given_len > MSDK_COSEM_AUTH_VALUE_MAX) {
        return MSDK_ERR_AUTH;
    }
    /* The given value (public length) padded with zeros; the secret read without a branch. */
    uint8_t g[MSDK_COSEM_AUTH_VALUE_MAX];
    memset(g, 0, sizeof g);
    if (given_len > 0u) {
        memcpy(g, given, given_len);
    }
    uint32_t diff = (uint32_t)(secret_len ^ given_len);
    for (size_t i = 0; i < MSDK_COSEM_AUTH_VALUE_MAX; i++) {
        size_t inside = (size_t)(i < secret_len); /* 0 or 1 */
        uint8_t mask = (uint8_t)(0u - (unsigned)inside);
        uint8_t s = (uint8_t)(secret[i * inside] & mask); /* secret[0] when outside */
        diff |= (uint32_t)(uint8_t)(s ^ g[i]);
    }
    msdk_port_crypto_zeroize(g, sizeof g);
    return (diff == 0u) ? MSDK_OK : MSDK_ERR_AUTH;
}

/* ---- HLS ---------------------------------------------------------------------------------- */

size_t msdk_cosem_hls_answer_len(uint8_t mechanism)
{
    switch (mechanism) {
    case MSDK_COSEM_MECH_HLS_MD5: return MSDK_CRYPTO_MD5_SIZE;
    case MSDK_COSEM_MECH_HLS_SHA1: return MSDK_CRYPTO_SHA1_SIZE;
    case MSDK_COSEM_MECH_HLS_GMAC: return MSDK_COSEM_SEC_HEADER_LEN + MSDK_COSEM_SEC_TAG_LEN;
    case MSDK_COSEM_MECH_HLS_SHA256: return MSDK_CRYPTO_SHA256_SIZE;
    case MSDK_COSEM_MECH_HLS_ECDSA: return MSDK_CRYPTO_P256_SIGNATURE_SIZE;
    default: return 0u;
    }
}

msdk_err_t msdk_cosem_hls_challenge(msdk_crypto_drbg_t *drbg, uint8_t *out, size_t len)
{
    if ((drbg == NULL) || (out == NULL) || (len < MSDK_COSEM_HLS_CHALLENGE_MIN) ||
        (len > MSDK_COSEM_HLS_CHALLENGE_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_port_crypto_drbg_generate(drbg, out, len, NULL, 0u);
}

/* Side X answers the challenge of side Y. */
typedef struct hls_side {
    const uint8_t *st_x;
    const uint8_t *st_y;
    const uint8_t *ch_y; /* the challenge answered (sent by Y) */
    size_t ch_y_len;
    const uint8_t *ch_x; /* X's own challenge (mechanisms 6, 7) */
    size_t ch_x_len;
} hls_side_t;

static bool challenge_ok(const uint8_t *c, size_t n)
{
    return (c != NULL) && (n >= MSDK_COSEM_HLS_CHALLENGE_MIN) &&
           (n <= MSDK_COSEM_HLS_CHALLENGE_MAX);
}

/* The members mechanism h->mechanism needs, for the direction described by s. */
static msdk_err_t check_params(const msdk_cosem_hls_t *h, const hls_side_t *s)
{
    if (msdk_cosem_hls_answer_len(h->mechanism) == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (!challenge_ok(s->ch_y, s->ch_y_len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    switch (h->mechanism) {
    case MSDK_COSEM_MECH_HLS_MD5:
    case MSDK_COSEM_MECH_HLS_SHA1:
        return ((h->secret != NULL) && (h->secret_len > 0u) &&
                (h->secret_len <= MSDK_COSEM_HLS_SECRET_MAX))
                   ? MSDK_OK
                   : MSDK_ERR_INVALID_ARG;
    case MSDK_COSEM_MECH_HLS_GMAC:
        if (h->suite > MSDK_COSEM_SEC_SUITE_1) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
        return ((h->ek != NULL) && (h->ak != NULL) && (s->st_x != NULL)) ? MSDK_OK
                                                                         : MSDK_ERR_INVALID_ARG;
    case MSDK_COSEM_MECH_HLS_SHA256:
        if ((h->secret == NULL) || (h->secret_len == 0u)) {
            return MSDK_ERR_INVALID_ARG;
        }
        MSDK_FALLTHROUGH;
    case MSDK_COSEM_MECH_HLS_ECDSA:
        return ((s->st_x != NULL) && (s->st_y != NULL) && challenge_ok(s->ch_x, s->ch_x_len))
                   ? MSDK_OK
                   : MSDK_ERR_INVALID_ARG;
    default: return MSDK_ERR_NOT_SUPPORTED;
    }
}

/* MD5 or SHA-1 of challenge || secret (mechanisms 3, 4). */
static msdk_err_t hash_legacy(const msdk_cosem_hls_t *h, const hls_side_t *s, uint8_t *digest)
{
    uint8_t buf[MSDK_COSEM_HLS_CHALLENGE_MAX + MSDK_COSEM_HLS_SECRET_MAX];
    memcpy(buf, s->ch_y, s->ch_y_len);
    memcpy(&buf[s->ch_y_len], h->secret, h->secret_len);
    size_t n = s->ch_y_len + h->secret_len;
    msdk_err_t err = (h->mechanism == MSDK_COSEM_MECH_HLS_MD5)
                         ? msdk_port_crypto_md5(buf, n, digest)
                         : msdk_port_crypto_sha1(buf, n, digest);
    msdk_port_crypto_zeroize(buf, sizeof buf);
    return err;
}

/* SHA-256 of [secret ||] ST-X || ST-Y || challenge of Y || challenge of X (mechanisms 6, 7). */
static msdk_err_t hash_titles(const msdk_cosem_hls_t *h, const hls_side_t *s, bool with_secret,
                              uint8_t digest[MSDK_CRYPTO_SHA256_SIZE])
{
    msdk_crypto_sha256_ctx_t ctx;
    msdk_err_t err = msdk_port_crypto_sha256_start(&ctx);
    if ((err == MSDK_OK) && with_secret) {
        err = msdk_port_crypto_sha256_update(&ctx, h->secret, h->secret_len);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_sha256_update(&ctx, s->st_x, MSDK_COSEM_SYSTEM_TITLE_LEN);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_sha256_update(&ctx, s->st_y, MSDK_COSEM_SYSTEM_TITLE_LEN);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_sha256_update(&ctx, s->ch_y, s->ch_y_len);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_sha256_update(&ctx, s->ch_x, s->ch_x_len);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_sha256_finish(&ctx, digest);
    }
    msdk_port_crypto_zeroize(&ctx, sizeof ctx);
    return err;
}

/* HLS 5 inputs: IV = ST-X || IC, AAD = SC || AK || challenge of Y; returns the AAD length. */
static size_t gmac_inputs(const msdk_cosem_hls_t *h, const hls_side_t *s, uint32_t ic,
                          uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE],
                          uint8_t aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN + MSDK_COSEM_HLS_CHALLENGE_MAX])
{
    memcpy(iv, s->st_x, MSDK_COSEM_SYSTEM_TITLE_LEN);
    iv[8] = (uint8_t)(ic >> 24);
    iv[9] = (uint8_t)(ic >> 16);
    iv[10] = (uint8_t)(ic >> 8);
    iv[11] = (uint8_t)ic;
    aad[0] = HLS_GMAC_SC(h->suite);
    memcpy(&aad[1], h->ak, MSDK_COSEM_SEC_KEY_LEN);
    memcpy(&aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN], s->ch_y, s->ch_y_len);
    return MSDK_COSEM_SEC_AAD_PREFIX_LEN + s->ch_y_len;
}

msdk_err_t msdk_cosem_hls_respond(const msdk_cosem_hls_t *h, uint8_t *out, size_t cap,
                                  size_t *out_len)
{
    if ((out == NULL) && (cap > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = MSDK_OK;
    size_t n = 0;
    if ((h == NULL) || (out == NULL) || (out_len == NULL)) {
        err = MSDK_ERR_INVALID_ARG;
    } else {
        const hls_side_t s = {
            .st_x = h->own_system_title,
            .st_y = h->peer_system_title,
            .ch_y = h->peer_challenge,
            .ch_y_len = h->peer_challenge_len,
            .ch_x = h->own_challenge,
            .ch_x_len = h->own_challenge_len,
        };
        err = check_params(h, &s);
        n = msdk_cosem_hls_answer_len(h->mechanism);
        if ((err == MSDK_OK) && (cap < n)) {
            err = MSDK_ERR_BUFFER_TOO_SMALL;
        }
        if (err == MSDK_OK) {
            switch (h->mechanism) {
            case MSDK_COSEM_MECH_HLS_MD5:
            case MSDK_COSEM_MECH_HLS_SHA1: err = hash_legacy(h, &s, out); break;
            case MSDK_COSEM_MECH_HLS_GMAC: {
                uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE];
                uint8_t aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN + MSDK_COSEM_HLS_CHALLENGE_MAX];
                size_t aad_len = gmac_inputs(h, &s, h->own_ic, iv, aad);
                out[0] = aad[0];
                memcpy(&out[1], &iv[MSDK_COSEM_SYSTEM_TITLE_LEN], 4u);
                err = msdk_port_crypto_aes_gmac(h->ek, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, aad,
                                                aad_len, &out[MSDK_COSEM_SEC_HEADER_LEN],
                                                MSDK_COSEM_SEC_TAG_LEN);
                msdk_port_crypto_zeroize(aad, sizeof aad);
                break;
            }
            case MSDK_COSEM_MECH_HLS_SHA256: err = hash_titles(h, &s, true, out); break;
            default: { /* MSDK_COSEM_MECH_HLS_ECDSA (check_params refused the others) */
                uint8_t digest[MSDK_CRYPTO_SHA256_SIZE];
                if ((h->own_private_key == NULL) || (h->drbg == NULL)) {
                    err = MSDK_ERR_INVALID_ARG;
                } else {
                    err = hash_titles(h, &s, false, digest);
                }
                if (err == MSDK_OK) {
                    err =
                        msdk_port_crypto_ecdsa_p256_sign(h->drbg, h->own_private_key, digest, out);
                }
                break;
            }
            }
        }
    }
    if (err != MSDK_OK) {
        if (out != NULL) {
            msdk_port_crypto_zeroize(out, cap);
        }
        return err;
    }
    *out_len = n;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hls_verify(const msdk_cosem_hls_t *h, const uint8_t *answer,
                                 size_t answer_len, uint32_t *peer_ic)
{
    if ((h == NULL) || ((answer == NULL) && (answer_len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The peer (X) answered this side's (Y's) challenge. */
    const hls_side_t s = {
        .st_x = h->peer_system_title,
        .st_y = h->own_system_title,
        .ch_y = h->own_challenge,
        .ch_y_len = h->own_challenge_len,
        .ch_x = h->peer_challenge,
        .ch_x_len = h->peer_challenge_len,
    };
    msdk_err_t err = check_params(h, &s);
    if (err != MSDK_OK) {
        return err;
    }
    if ((h->mechanism == MSDK_COSEM_MECH_HLS_ECDSA) && (h->peer_public_key == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (answer_len != msdk_cosem_hls_answer_len(h->mechanism)) {
        return MSDK_ERR_AUTH;
    }
    uint8_t expect[MSDK_CRYPTO_SHA256_SIZE];
    switch (h->mechanism) {
    case MSDK_COSEM_MECH_HLS_MD5:
    case MSDK_COSEM_MECH_HLS_SHA1:
    case MSDK_COSEM_MECH_HLS_SHA256:
        err = (h->mechanism == MSDK_COSEM_MECH_HLS_SHA256) ? hash_titles(h, &s, true, expect)
                                                           : hash_legacy(h, &s, expect);
        if ((err == MSDK_OK) && !ct_equal(expect, answer, answer_len)) {
            err = MSDK_ERR_AUTH;
        }
        break;
    case MSDK_COSEM_MECH_HLS_GMAC: {
        if (answer[0] != HLS_GMAC_SC(h->suite)) {
            err = MSDK_ERR_AUTH;
            break;
        }
        uint32_t ic = ((uint32_t)answer[1] << 24) | ((uint32_t)answer[2] << 16) |
                      ((uint32_t)answer[3] << 8) | (uint32_t)answer[4];
        uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE];
        uint8_t aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN + MSDK_COSEM_HLS_CHALLENGE_MAX];
        size_t aad_len = gmac_inputs(h, &s, ic, iv, aad);
        err = msdk_port_crypto_aes_gmac_verify(h->ek, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, aad,
                                               aad_len, &answer[MSDK_COSEM_SEC_HEADER_LEN],
                                               MSDK_COSEM_SEC_TAG_LEN);
        msdk_port_crypto_zeroize(aad, sizeof aad);
        if ((err == MSDK_OK) && (peer_ic != NULL)) {
            *peer_ic = ic;
        }
        break;
    }
    default: /* MSDK_COSEM_MECH_HLS_ECDSA */
        err = hash_titles(h, &s, false, expect);
        if (err == MSDK_OK) {
            err = msdk_port_crypto_ecdsa_p256_verify(h->peer_public_key, expect, answer);
        }
        break;
    }
    msdk_port_crypto_zeroize(expect, sizeof expect);
    return err;
}
