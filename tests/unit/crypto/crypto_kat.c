/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Known-answer tests of the crypto port (see crypto_kat.h). Every vector is
 * run in both directions where the operation has two (encrypt and decrypt,
 * wrap and unwrap, sign and verify).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/compiler.h"
#include "msdk/port/crypto.h"
#include "crypto_kat.h"
#include "crypto_vectors.h"

typedef void (*kat_report_fn)(const char *name, int ok);

/* Reports one check; returns 1 when it failed. */
static int kat_check(kat_report_fn report, const char *name, int ok)
{
    if (report != NULL) {
        report(name, ok);
    }
    return ok ? 0 : 1;
}

static int kat_aes_ecb(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_aes_ecb); i++) {
        const crypto_kat_aes_ecb_t *v = &crypto_kat_aes_ecb[i];
        uint8_t buf[16];
        int ok = msdk_port_crypto_aes_ecb_encrypt(v->key, v->key_len, v->pt, buf) == MSDK_OK &&
                 memcmp(buf, v->ct, sizeof(buf)) == 0;
        ok = ok && msdk_port_crypto_aes_ecb_decrypt(v->key, v->key_len, v->ct, buf) == MSDK_OK &&
             memcmp(buf, v->pt, sizeof(buf)) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_aes_cbc(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_aes_cbc); i++) {
        const crypto_kat_aes_cbc_t *v = &crypto_kat_aes_cbc[i];
        uint8_t buf[64];
        int ok = msdk_port_crypto_aes_cbc_encrypt(v->key, v->key_len, crypto_kat_sp800_38a_iv,
                                                  crypto_kat_sp800_38a_pt, sizeof(buf),
                                                  buf) == MSDK_OK &&
                 memcmp(buf, v->ct, sizeof(buf)) == 0;
        /* Decrypt in place. */
        ok = ok &&
             msdk_port_crypto_aes_cbc_decrypt(v->key, v->key_len, crypto_kat_sp800_38a_iv, buf,
                                              sizeof(buf), buf) == MSDK_OK &&
             memcmp(buf, crypto_kat_sp800_38a_pt, sizeof(buf)) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_aes_cmac(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_cmac); i++) {
        const crypto_kat_cmac_t *v = &crypto_kat_cmac[i];
        uint8_t mac[MSDK_CRYPTO_CMAC_SIZE];
        int ok = msdk_port_crypto_aes_cmac(v->key, v->key_len, crypto_kat_sp800_38a_pt, v->msg_len,
                                           mac) == MSDK_OK &&
                 memcmp(mac, v->mac, sizeof(mac)) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_aes_gcm(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_gcm); i++) {
        const crypto_kat_gcm_t *v = &crypto_kat_gcm[i];
        uint8_t buf[64];
        uint8_t tag[16];
        int ok = msdk_port_crypto_aes_gcm_encrypt(v->key, v->key_len, v->iv, sizeof(v->iv), v->aad,
                                                  v->aad_len, v->pt, v->len, buf, tag,
                                                  v->tag_len) == MSDK_OK &&
                 memcmp(buf, v->ct, v->len) == 0 && memcmp(tag, v->tag, v->tag_len) == 0;
        ok = ok &&
             msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, sizeof(v->iv), v->aad,
                                              v->aad_len, v->ct, v->len, v->tag, v->tag_len,
                                              buf) == MSDK_OK &&
             memcmp(buf, v->pt, v->len) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_aes_gmac(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_gmac); i++) {
        const crypto_kat_gmac_t *v = &crypto_kat_gmac[i];
        uint8_t tag[16];
        int ok = msdk_port_crypto_aes_gmac(v->key, v->key_len, v->iv, sizeof(v->iv), v->aad,
                                           v->aad_len, tag, v->tag_len) == MSDK_OK &&
                 memcmp(tag, v->tag, v->tag_len) == 0;
        ok =
            ok && msdk_port_crypto_aes_gmac_verify(v->key, v->key_len, v->iv, sizeof(v->iv), v->aad,
                                                   v->aad_len, v->tag, v->tag_len) == MSDK_OK;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_aes_kw(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_kw); i++) {
        const crypto_kat_kw_t *v = &crypto_kat_kw[i];
        uint8_t wrapped[40];
        uint8_t data[32];
        size_t wrapped_len = v->data_len + MSDK_CRYPTO_KW_OVERHEAD;
        int ok = msdk_port_crypto_aes_key_wrap(v->kek, v->kek_len, v->data, v->data_len, wrapped) ==
                     MSDK_OK &&
                 memcmp(wrapped, v->wrapped, wrapped_len) == 0;
        ok = ok &&
             msdk_port_crypto_aes_key_unwrap(v->kek, v->kek_len, v->wrapped, wrapped_len, data) ==
                 MSDK_OK &&
             memcmp(data, v->data, v->data_len) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

static int kat_hashes(kat_report_fn report)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_sha); i++) {
        const crypto_kat_sha_t *v = &crypto_kat_sha[i];
        const uint8_t *msg = (const uint8_t *)v->msg;
        size_t len = strlen(v->msg);
        uint8_t d1[MSDK_CRYPTO_SHA1_SIZE];
        uint8_t d256[MSDK_CRYPTO_SHA256_SIZE];
        int ok =
            msdk_port_crypto_sha1(msg, len, d1) == MSDK_OK && memcmp(d1, v->sha1, sizeof(d1)) == 0;
        ok = ok && msdk_port_crypto_sha256(msg, len, d256) == MSDK_OK &&
             memcmp(d256, v->sha256, sizeof(d256)) == 0;
        /* The same through the streaming interface, in uneven pieces. */
        msdk_crypto_sha256_ctx_t ctx;
        size_t first = len / 3u;
        ok = ok && msdk_port_crypto_sha256_start(&ctx) == MSDK_OK &&
             msdk_port_crypto_sha256_update(&ctx, msg, first) == MSDK_OK &&
             msdk_port_crypto_sha256_update(&ctx, msg + first, len - first) == MSDK_OK &&
             msdk_port_crypto_sha256_finish(&ctx, d256) == MSDK_OK &&
             memcmp(d256, v->sha256, sizeof(d256)) == 0;
        failed += kat_check(report, v->name, ok);
    }

    /* One million 'a', streamed. */
    uint8_t chunk[250];
    memset(chunk, 'a', sizeof(chunk));
    msdk_crypto_sha256_ctx_t ctx;
    int ok = msdk_port_crypto_sha256_start(&ctx) == MSDK_OK;
    for (size_t n = 0; ok && n < 1000000u / sizeof(chunk); n++) {
        ok = msdk_port_crypto_sha256_update(&ctx, chunk, sizeof(chunk)) == MSDK_OK;
    }
    uint8_t d256[MSDK_CRYPTO_SHA256_SIZE];
    ok = ok && msdk_port_crypto_sha256_finish(&ctx, d256) == MSDK_OK &&
         memcmp(d256, crypto_kat_sha256_million_a, sizeof(d256)) == 0;
    failed += kat_check(report, "FIPS 180 SHA-256 one million 'a' (streaming)", ok);

    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_md5); i++) {
        const crypto_kat_md5_t *v = &crypto_kat_md5[i];
        uint8_t d[MSDK_CRYPTO_MD5_SIZE];
        ok = msdk_port_crypto_md5((const uint8_t *)v->msg, strlen(v->msg), d) == MSDK_OK &&
             memcmp(d, v->digest, sizeof(d)) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

/* Entropy source that plays back the DRBG vector: EntropyInput, Nonce, then
 * EntropyInputReseed, in the order the DRBG asks for them. */
typedef struct kat_entropy {
    uint8_t data[32 + 16 + 32];
    size_t pos;
} kat_entropy_t;

static msdk_err_t kat_entropy_read(void *ctx, uint8_t *buf, size_t len)
{
    kat_entropy_t *src = ctx;
    if (len > sizeof(src->data) - src->pos) {
        return MSDK_ERR_IO;
    }
    memcpy(buf, &src->data[src->pos], len);
    src->pos += len;
    return MSDK_OK;
}

static void kat_entropy_init(kat_entropy_t *src)
{
    memcpy(&src->data[0], crypto_kat_drbg_entropy, 32);
    memcpy(&src->data[32], crypto_kat_drbg_nonce, 16);
    memcpy(&src->data[48], crypto_kat_drbg_entropy_reseed, 32);
    src->pos = 0;
}

/* src must outlive drbg: the DRBG keeps a pointer to it. */
static int kat_drbg(kat_report_fn report, msdk_crypto_drbg_t *drbg, kat_entropy_t *src)
{
    kat_entropy_init(src);
    uint8_t out[64];
    int ok = msdk_port_crypto_drbg_seed(drbg, kat_entropy_read, src, crypto_kat_drbg_pers,
                                        sizeof(crypto_kat_drbg_pers)) == MSDK_OK &&
             src->pos == 48u;
    ok = ok && msdk_port_crypto_drbg_reseed(drbg, NULL, 0) == MSDK_OK && src->pos == 80u;
    ok = ok && msdk_port_crypto_drbg_generate(drbg, out, sizeof(out), NULL, 0) == MSDK_OK;
    ok = ok && msdk_port_crypto_drbg_generate(drbg, out, sizeof(out), NULL, 0) == MSDK_OK &&
         memcmp(out, crypto_kat_drbg_returned, sizeof(out)) == 0;
    return kat_check(report, "CAVP CTR_DRBG AES-256 df, no PR, reseed", ok);
}

static int kat_ecdsa(kat_report_fn report, msdk_crypto_drbg_t *drbg)
{
    int failed = 0;
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(crypto_kat_ecdsa); i++) {
        const crypto_kat_ecdsa_t *v = &crypto_kat_ecdsa[i];
        uint8_t hash[MSDK_CRYPTO_SHA256_SIZE];
        uint8_t sig[MSDK_CRYPTO_P256_SIGNATURE_SIZE];
        int ok = msdk_port_crypto_sha256((const uint8_t *)v->msg, strlen(v->msg), hash) == MSDK_OK;
        ok = ok && msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, v->sig) == MSDK_OK;
        /* RFC 6979: signing is deterministic, the DRBG only blinds. */
        ok = ok &&
             msdk_port_crypto_ecdsa_p256_sign(drbg, crypto_kat_p256_priv, hash, sig) == MSDK_OK &&
             memcmp(sig, v->sig, sizeof(sig)) == 0;
        failed += kat_check(report, v->name, ok);
    }
    return failed;
}

int msdk_test_crypto_kat(void (*report)(const char *name, int ok))
{
    if (msdk_port_crypto_init() != MSDK_OK) {
        return kat_check(report, "msdk_port_crypto_init", 0);
    }
    int failed = 0;
    failed += kat_aes_ecb(report);
    failed += kat_aes_cbc(report);
    failed += kat_aes_cmac(report);
    failed += kat_aes_gcm(report);
    failed += kat_aes_gmac(report);
    failed += kat_aes_kw(report);
    failed += kat_hashes(report);

    kat_entropy_t src;
    msdk_crypto_drbg_t drbg;
    failed += kat_drbg(report, &drbg, &src);
    failed += kat_ecdsa(report, &drbg);
    msdk_port_crypto_drbg_free(&drbg);
    return failed;
}
