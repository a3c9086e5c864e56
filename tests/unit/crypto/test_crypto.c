/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Check suite of the crypto port (msdk/port/crypto.h on mbedTLS): the
 * known-answer vectors of crypto_kat.c plus negative tests (wrong tags,
 * wrong keys, bad lengths, tampered signatures, misuse of contexts). Every
 * test of the "port" cases ends by checking that the static work area is
 * intact and empty again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"

#include "msdk/config.h"
#include "msdk/port/crypto.h"
#include "crypto_kat.h"
#include "crypto_vectors.h"

Suite *crypto_suite(void);

/* Guard bytes around output buffers: a function must not write outside. */
#define GUARD      16u
#define GUARD_BYTE 0xA5u

static void kat_report(const char *name, int ok)
{
    if (!ok) {
        fprintf(stderr, "crypto KAT FAILED: %s\n", name);
    }
}

static int is_filled(const uint8_t *p, size_t len, uint8_t value)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != value) {
            return 0;
        }
    }
    return 1;
}

/* The work area is consistent and nothing is left allocated: one block of
 * almost its full size fits. With H the allocator's header size (8 words),
 * an empty area has at least SIZE - H - 7 contiguous bytes free; any
 * leftover allocation leaves at most SIZE - 2H - 8. */
static void assert_work_area_is_empty(void)
{
    ck_assert_int_eq(mbedtls_memory_buffer_alloc_verify(), 0);
    size_t header = 8u * sizeof(void *);
    void *p = mbedtls_calloc(1, MSDK_CFG_PORT_CRYPTO_HEAP_SIZE - 2u * header);
    ck_assert_msg(p != NULL, "the crypto work area was not empty after the call");
    mbedtls_free(p);
}

static void port_setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
}

static void port_teardown(void)
{
    assert_work_area_is_empty();
}

/* Entropy for tests that need a seeded DRBG but no particular output:
 * a counter pattern. */
static msdk_err_t counter_entropy(void *ctx, uint8_t *buf, size_t len)
{
    uint8_t *counter = ctx;
    for (size_t i = 0; i < len; i++) {
        buf[i] = (*counter)++;
    }
    return MSDK_OK;
}

static msdk_err_t failing_entropy(void *ctx, uint8_t *buf, size_t len)
{
    const msdk_err_t *err = ctx;
    memset(buf, 0, len);
    return *err;
}

static void seed_test_drbg(msdk_crypto_drbg_t *drbg, uint8_t *counter)
{
    static const uint8_t pers[] = "msdk unit test";
    ck_assert_int_eq(
        msdk_port_crypto_drbg_seed(drbg, counter_entropy, counter, pers, sizeof(pers) - 1u),
        MSDK_OK);
}

/* ---- before init ---------------------------------------------------------- */

START_TEST(calls_before_init_are_refused)
{
    /* Check runs each test in a fresh child of a runner that never called
     * init; without fork there is no "before" to test. */
    const char *fork_mode = getenv("CK_FORK");
    if (fork_mode != NULL && strcmp(fork_mode, "no") == 0) {
        return;
    }
    const crypto_kat_aes_ecb_t *v = &crypto_kat_aes_ecb[0];
    uint8_t out[16];
    uint8_t digest[32];
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(v->key, v->key_len, v->pt, out),
                     MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_port_crypto_sha256((const uint8_t *)"abc", 3, digest), MSDK_ERR_STATE);
    ck_assert_int_eq(
        msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, digest, crypto_kat_ecdsa[0].sig),
        MSDK_ERR_STATE);
    /* Argument errors are still reported as such. */
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(v->key, 15, v->pt, out),
                     MSDK_ERR_INVALID_ARG);
    /* Refused calls zero their outputs too (crypto.h: on failure every output is zeroed). */
    memset(out, 0x5A, sizeof(out));
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_decrypt(v->key, v->key_len, v->ct, out),
                     MSDK_ERR_STATE);
    ck_assert(is_filled(out, sizeof(out), 0));
    memset(digest, 0x5A, sizeof(digest));
    ck_assert_int_eq(msdk_port_crypto_md5((const uint8_t *)"abc", 3, digest), MSDK_ERR_STATE);
    ck_assert(is_filled(digest, MSDK_CRYPTO_MD5_SIZE, 0));
    /* zeroize works without init. */
    memset(out, 0x5A, sizeof(out));
    msdk_port_crypto_zeroize(out, sizeof(out));
    ck_assert(is_filled(out, sizeof(out), 0));
}
END_TEST

/* ---- known answers ------------------------------------------------------ */

START_TEST(known_answer_vectors_pass)
{
    ck_assert_int_eq(msdk_test_crypto_kat(kat_report), 0);
    /* init is idempotent: a second round sees the same service. */
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    ck_assert_int_eq(msdk_test_crypto_kat(NULL), 0);
    assert_work_area_is_empty();
}
END_TEST

/* ---- AES modes ------------------------------------------------------------ */

START_TEST(gcm_wrong_tag_is_auth_and_releases_no_plaintext)
{
    const crypto_kat_gcm_t *v = &crypto_kat_gcm[2]; /* test case 4: AAD and 60 bytes */
    uint8_t tag[16];
    uint8_t buf[GUARD + 64 + GUARD];
    uint8_t *out = &buf[GUARD];

    /* Flipped tag bit. */
    memcpy(tag, v->tag, v->tag_len);
    tag[v->tag_len - 1u] ^= 0x01u;
    memset(buf, GUARD_BYTE, sizeof(buf));
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, v->ct, v->len, tag, v->tag_len,
                                                      out),
                     MSDK_ERR_AUTH);
    ck_assert(is_filled(out, v->len, 0));
    ck_assert(is_filled(buf, GUARD, GUARD_BYTE));
    ck_assert(is_filled(out + v->len, sizeof(buf) - GUARD - v->len, GUARD_BYTE));

    /* Flipped ciphertext bit. */
    uint8_t ct[64];
    memcpy(ct, v->ct, v->len);
    ct[7] ^= 0x80u;
    memset(out, GUARD_BYTE, v->len);
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, ct, v->len, v->tag, v->tag_len,
                                                      out),
                     MSDK_ERR_AUTH);
    ck_assert(is_filled(out, v->len, 0));

    /* Flipped AAD bit, wrong IV, wrong key. */
    uint8_t aad[20];
    memcpy(aad, v->aad, v->aad_len);
    aad[0] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, aad,
                                                      v->aad_len, v->ct, v->len, v->tag, v->tag_len,
                                                      out),
                     MSDK_ERR_AUTH);
    uint8_t iv[12];
    memcpy(iv, v->iv, sizeof(iv));
    iv[11] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, iv, 12, v->aad,
                                                      v->aad_len, v->ct, v->len, v->tag, v->tag_len,
                                                      out),
                     MSDK_ERR_AUTH);
    uint8_t key[32];
    memcpy(key, v->key, v->key_len);
    key[0] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, v->ct, v->len, v->tag, v->tag_len,
                                                      out),
                     MSDK_ERR_AUTH);

    /* Truncated tag that does not match its prefix length. */
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, v->ct, v->len, v->tag + 1, 12,
                                                      out),
                     MSDK_ERR_AUTH);

    /* In place: the ciphertext buffer is wiped, not left as plaintext. */
    memcpy(ct, v->ct, v->len);
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, ct, v->len, tag, v->tag_len, ct),
                     MSDK_ERR_AUTH);
    ck_assert(is_filled(ct, v->len, 0));
}
END_TEST

START_TEST(gcm_in_place_and_truncated_tag)
{
    const crypto_kat_gcm_t *v = &crypto_kat_gcm[1]; /* test case 3 */
    uint8_t buf[64];
    uint8_t tag[16];
    memcpy(buf, v->pt, v->len);
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(v->key, v->key_len, v->iv, 12, NULL, 0, buf,
                                                      v->len, buf, tag, 12),
                     MSDK_OK);
    ck_assert_mem_eq(buf, v->ct, v->len);
    /* A 12-byte tag is the leading 12 bytes of the full tag. */
    ck_assert_mem_eq(tag, v->tag, 12);
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(v->key, v->key_len, v->iv, 12, NULL, 0, buf,
                                                      v->len, tag, 12, buf),
                     MSDK_OK);
    ck_assert_mem_eq(buf, v->pt, v->len);
}
END_TEST

START_TEST(gmac_wrong_tag_is_auth)
{
    const crypto_kat_gmac_t *v = &crypto_kat_gmac[3]; /* Green Book, 12-byte tag */
    uint8_t tag[16];
    memcpy(tag, v->tag, v->tag_len);
    tag[0] ^= 0x40u;
    ck_assert_int_eq(msdk_port_crypto_aes_gmac_verify(v->key, v->key_len, v->iv, 12, v->aad,
                                                      v->aad_len, tag, v->tag_len),
                     MSDK_ERR_AUTH);
    uint8_t aad[32];
    memcpy(aad, v->aad, v->aad_len);
    aad[v->aad_len - 1u] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_aes_gmac_verify(v->key, v->key_len, v->iv, 12, aad,
                                                      v->aad_len, v->tag, v->tag_len),
                     MSDK_ERR_AUTH);
}
END_TEST

START_TEST(unwrap_with_wrong_kek_is_auth)
{
    const crypto_kat_kw_t *v = &crypto_kat_kw[4]; /* 4.6: 256-bit data, 256-bit KEK */
    uint8_t kek[32];
    uint8_t buf[GUARD + 32 + GUARD];
    uint8_t *out = &buf[GUARD];
    memcpy(kek, v->kek, v->kek_len);
    kek[31] ^= 0x01u;
    memset(buf, GUARD_BYTE, sizeof(buf));
    ck_assert_int_eq(
        msdk_port_crypto_aes_key_unwrap(kek, v->kek_len, v->wrapped, v->data_len + 8u, out),
        MSDK_ERR_AUTH);
    ck_assert(is_filled(out, v->data_len, 0));
    ck_assert(is_filled(buf, GUARD, GUARD_BYTE));
    ck_assert(is_filled(out + v->data_len, GUARD, GUARD_BYTE));

    /* Right KEK, tampered data; and the 128-bit KEK of 4.1 on 4.6's data. */
    uint8_t wrapped[40];
    memcpy(wrapped, v->wrapped, v->data_len + 8u);
    wrapped[20] ^= 0x10u;
    ck_assert_int_eq(
        msdk_port_crypto_aes_key_unwrap(v->kek, v->kek_len, wrapped, v->data_len + 8u, out),
        MSDK_ERR_AUTH);
    ck_assert(is_filled(out, v->data_len, 0));
    ck_assert_int_eq(msdk_port_crypto_aes_key_unwrap(crypto_kat_kw[0].kek, 16, v->wrapped,
                                                     v->data_len + 8u, out),
                     MSDK_ERR_AUTH);
}
END_TEST

START_TEST(bad_lengths_are_invalid_arg)
{
    const crypto_kat_aes_ecb_t *e = &crypto_kat_aes_ecb[0];
    const crypto_kat_gcm_t *g = &crypto_kat_gcm[1];
    const crypto_kat_kw_t *w = &crypto_kat_kw[0];
    uint8_t out[128];
    uint8_t tag[16];
    static const size_t bad_key_lens[] = { 0, 1, 15, 17, 20, 31, 33, 64 };

    for (size_t i = 0; i < MSDK_ARRAY_SIZE(bad_key_lens); i++) {
        size_t kl = bad_key_lens[i];
        ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(e->key, kl, e->pt, out),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_ecb_decrypt(e->key, kl, e->pt, out),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_cbc_encrypt(e->key, kl, e->pt, e->pt, 16, out),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_cmac(e->key, kl, e->pt, 16, out),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(g->key, kl, g->iv, 12, NULL, 0, g->pt, 16,
                                                          out, tag, 16),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_key_wrap(w->kek, kl, w->data, 16, out),
                         MSDK_ERR_INVALID_ARG);
    }

    /* CBC: whole blocks only. */
    ck_assert_int_eq(
        msdk_port_crypto_aes_cbc_encrypt(e->key, 16, e->pt, crypto_kat_sp800_38a_pt, 17, out),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_cbc_decrypt(e->key, 16, e->pt, crypto_kat_sp800_38a_pt, 8, out),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_cbc_decrypt(e->key, 16, e->pt, crypto_kat_sp800_38a_pt, 0, out),
        MSDK_OK);

    /* GCM: tag 12..16, IV not empty. */
    static const size_t bad_tag_lens[] = { 0, 4, 8, 11, 17, 32 };
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(bad_tag_lens); i++) {
        size_t tl = bad_tag_lens[i];
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 0, g->pt, 16,
                                                          out, tag, tl),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(g->key, 16, g->iv, 12, NULL, 0, g->ct, 16,
                                                          g->tag, tl, out),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_port_crypto_aes_gmac(g->key, 16, g->iv, 12, g->pt, 16, tag, tl),
                         MSDK_ERR_INVALID_ARG);
    }
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 0, NULL, 0, g->pt, 16, out, tag, 16),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_gmac_verify(g->key, 16, g->iv, 0, g->pt, 16, g->tag, 16),
                     MSDK_ERR_INVALID_ARG);

    /* Key wrap: multiples of 8, at least 16 (wrap) / 24 (unwrap). */
    static const size_t bad_wrap_lens[] = { 0, 8, 12, 17, 23 };
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(bad_wrap_lens); i++) {
        ck_assert_int_eq(msdk_port_crypto_aes_key_wrap(w->kek, 16, w->data, bad_wrap_lens[i], out),
                         MSDK_ERR_INVALID_ARG);
    }
    static const size_t bad_unwrap_lens[] = { 0, 8, 16, 23, 25, 31 };
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(bad_unwrap_lens); i++) {
        ck_assert_int_eq(
            msdk_port_crypto_aes_key_unwrap(w->kek, 16, w->wrapped, bad_unwrap_lens[i], out),
            MSDK_ERR_INVALID_ARG);
    }
}
END_TEST

START_TEST(null_pointers_are_invalid_arg)
{
    const crypto_kat_aes_ecb_t *e = &crypto_kat_aes_ecb[0];
    const crypto_kat_gcm_t *g = &crypto_kat_gcm[1];
    uint8_t out[64];
    uint8_t tag[16];

    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(NULL, 16, e->pt, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(e->key, 16, NULL, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_decrypt(e->key, 16, e->pt, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_cbc_encrypt(e->key, 16, NULL, e->pt, 16, out),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(e->key, 16, NULL, 16, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(e->key, 16, e->pt, 16, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 5, g->pt, 16, out, tag, 16),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 0, NULL, 16, out, tag, 16),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 0, g->pt, 16, out, NULL, 16),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_decrypt(g->key, 16, NULL, 12, NULL, 0, g->ct, 16, g->tag, 16, out),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_aes_key_unwrap(NULL, 16, crypto_kat_kw[0].wrapped, 24, out),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_md5(NULL, 1, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_sha1((const uint8_t *)"a", 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_sha256(NULL, 3, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_sha256_start(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(NULL, out, crypto_kat_ecdsa[0].sig),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(NULL, counter_entropy, NULL, NULL, 0),
                     MSDK_ERR_INVALID_ARG);

    /* An empty message may come as NULL. */
    ck_assert_int_eq(msdk_port_crypto_sha256(NULL, 0, out), MSDK_OK);
    ck_assert_mem_eq(out, crypto_kat_sha[2].sha256, 32); /* the empty-message vector */
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(crypto_kat_cmac[0].key, 16, NULL, 0, out), MSDK_OK);
    ck_assert_mem_eq(out, crypto_kat_cmac[0].mac, 16);
}
END_TEST

/* crypto.h: "On failure every output buffer the caller passed (with a valid
 * length) is zeroed" -- argument errors included, so stale plaintext or key
 * material from an earlier call is never left behind as if it were a result. */
START_TEST(argument_errors_zero_the_outputs)
{
    const crypto_kat_aes_ecb_t *e = &crypto_kat_aes_ecb[0];
    const crypto_kat_gcm_t *g = &crypto_kat_gcm[1];
    const crypto_kat_kw_t *w = &crypto_kat_kw[0];
    uint8_t buf[GUARD + 64 + GUARD];
    uint8_t *out = &buf[GUARD];
    uint8_t tag[16];

#define FILL() memset(buf, GUARD_BYTE, sizeof(buf))
#define ASSERT_ZEROED(n)                                                                           \
    do {                                                                                           \
        ck_assert(is_filled(out, (n), 0));                                                         \
        ck_assert(is_filled(buf, GUARD, GUARD_BYTE));                                              \
        ck_assert(is_filled(out + (n), sizeof(buf) - GUARD - (n), GUARD_BYTE));                    \
    } while (0)

    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(e->key, 15, e->pt, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(16);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_decrypt(NULL, 16, e->pt, out), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(16);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_cbc_decrypt(e->key, 16, NULL, g->ct, 64, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(64);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(e->key, 20, e->pt, 16, out), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(16);

    /* GCM decrypt with a bad tag length or key length: no plaintext, zeroed. */
    FILL();
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_decrypt(g->key, 16, g->iv, 12, NULL, 0, g->ct, 64, g->tag, 8, out),
        MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(64);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(g->key, 17, g->iv, 12, NULL, 0, g->ct, 64,
                                                      g->tag, 16, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(64);
    FILL();
    memset(tag, GUARD_BYTE, sizeof(tag));
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 0, NULL, 0, g->pt, 64, out, tag, 16),
        MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(64);
    ck_assert(is_filled(tag, sizeof(tag), 0));
    memset(tag, GUARD_BYTE, sizeof(tag));
    ck_assert_int_eq(msdk_port_crypto_aes_gmac(g->key, 20, g->iv, 12, g->pt, 16, tag, 12),
                     MSDK_ERR_INVALID_ARG);
    ck_assert(is_filled(tag, 12, 0));

    /* Key unwrap with a bad KEK length: the key-data buffer is zeroed. */
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_key_unwrap(w->kek, 20, w->wrapped, 24, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(16);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_aes_key_wrap(NULL, 16, w->data, 16, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(24);

    FILL();
    ck_assert_int_eq(msdk_port_crypto_sha256(NULL, 3, out), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(32);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_sha256_finish(NULL, out), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(32);

    /* DRBG and ECDSA outputs. */
    msdk_crypto_drbg_t drbg;
    uint8_t counter = 0;
    seed_test_drbg(&drbg, &counter);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, out, 32, NULL, 1), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(32);
    FILL();
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(NULL, crypto_kat_p256_priv, out, out),
                     MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(64);
    uint8_t pub[65];
    FILL();
    memset(pub, GUARD_BYTE, sizeof(pub));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(NULL, out, pub), MSDK_ERR_INVALID_ARG);
    ASSERT_ZEROED(32);
    ck_assert(is_filled(pub, sizeof(pub), 0));
    msdk_port_crypto_drbg_free(&drbg);
#undef FILL
#undef ASSERT_ZEROED
}
END_TEST

/* An exhausted work area is reported as MSDK_ERR_NO_SPACE, and the call
 * leaves no allocation behind. */
START_TEST(exhausted_work_area_is_no_space)
{
    size_t header = 8u * sizeof(void *);
    void *hog = mbedtls_calloc(1, MSDK_CFG_PORT_CRYPTO_HEAP_SIZE - 3u * header);
    ck_assert_ptr_nonnull(hog);

    const crypto_kat_gcm_t *g = &crypto_kat_gcm[1];
    uint8_t out[64];
    uint8_t tag[16];
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 0, g->pt, 16, out, tag, 16),
        MSDK_ERR_NO_SPACE);
    ck_assert(is_filled(out, 16, 0));
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(g->key, 16, g->pt, 16, out), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(msdk_port_crypto_aes_key_wrap(g->key, 16, g->pt, 16, out), MSDK_ERR_NO_SPACE);
    uint8_t hash[32] = { 0 };
    ck_assert_int_eq(
        msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, crypto_kat_ecdsa[0].sig),
        MSDK_ERR_NO_SPACE);
    /* No allocation needed: still works. */
    ck_assert_int_eq(msdk_port_crypto_aes_ecb_encrypt(g->key, 16, g->pt, out), MSDK_OK);
    mbedtls_free(hog);
}
END_TEST

/* ---- hashes ------------------------------------------------------------- */

START_TEST(sha256_stream_misuse_is_state)
{
    msdk_crypto_sha256_ctx_t ctx;
    uint8_t digest[32];
    memset(&ctx, 0, sizeof(ctx));
    ck_assert_int_eq(msdk_port_crypto_sha256_update(&ctx, (const uint8_t *)"abc", 3),
                     MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_port_crypto_sha256_finish(&ctx, digest), MSDK_ERR_STATE);
    ck_assert(is_filled(digest, sizeof(digest), 0));

    /* finish wipes the context; it must be started again. */
    ck_assert_int_eq(msdk_port_crypto_sha256_start(&ctx), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_sha256_update(&ctx, (const uint8_t *)"abc", 3), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_sha256_finish(&ctx, digest), MSDK_OK);
    ck_assert_mem_eq(digest, crypto_kat_sha[0].sha256, 32);
    ck_assert(is_filled((const uint8_t *)&ctx, sizeof(ctx), 0));
    ck_assert_int_eq(msdk_port_crypto_sha256_update(&ctx, (const uint8_t *)"abc", 3),
                     MSDK_ERR_STATE);

    /* Byte-by-byte equals one-shot. */
    const char *msg = crypto_kat_sha[1].msg;
    ck_assert_int_eq(msdk_port_crypto_sha256_start(&ctx), MSDK_OK);
    for (size_t i = 0; msg[i] != '\0'; i++) {
        ck_assert_int_eq(msdk_port_crypto_sha256_update(&ctx, (const uint8_t *)&msg[i], 1),
                         MSDK_OK);
    }
    ck_assert_int_eq(msdk_port_crypto_sha256_update(&ctx, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_sha256_finish(&ctx, digest), MSDK_OK);
    ck_assert_mem_eq(digest, crypto_kat_sha[1].sha256, 32);
}
END_TEST

/* ---- DRBG --------------------------------------------------------------- */

START_TEST(drbg_misuse_and_entropy_failures)
{
    msdk_crypto_drbg_t drbg;
    uint8_t out[32];
    memset(&drbg, 0, sizeof(drbg));
    memset(out, 0x77, sizeof(out));
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, out, sizeof(out), NULL, 0),
                     MSDK_ERR_STATE);
    ck_assert(is_filled(out, sizeof(out), 0));
    ck_assert_int_eq(msdk_port_crypto_drbg_reseed(&drbg, NULL, 0), MSDK_ERR_STATE);

    /* The callback's own error comes back. */
    msdk_err_t cb_err = MSDK_ERR_IO;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, failing_entropy, &cb_err, NULL, 0),
                     MSDK_ERR_IO);
    cb_err = MSDK_ERR_NOT_SUPPORTED;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, failing_entropy, &cb_err, NULL, 0),
                     MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, out, sizeof(out), NULL, 0),
                     MSDK_ERR_STATE);

    /* Limits. */
    uint8_t big[MSDK_CRYPTO_DRBG_MAX_REQUEST + 1u];
    uint8_t counter = 0;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, counter_entropy, &counter, big,
                                                MSDK_CRYPTO_DRBG_MAX_INPUT + 1u),
                     MSDK_ERR_INVALID_ARG);
    seed_test_drbg(&drbg, &counter);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, out, 0, NULL, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, big, sizeof(big), NULL, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, big, MSDK_CRYPTO_DRBG_MAX_REQUEST, big,
                                                    MSDK_CRYPTO_DRBG_MAX_INPUT),
                     MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_drbg_reseed(&drbg, big, MSDK_CRYPTO_DRBG_MAX_INPUT + 1u),
                     MSDK_ERR_INVALID_ARG);

    /* A failing source on reseed is reported, and the DRBG stays usable. */
    counter = 0;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, counter_entropy, &counter, NULL, 0),
                     MSDK_OK);
    ck_assert_int_eq(counter, MSDK_CRYPTO_DRBG_ENTROPY_SIZE + MSDK_CRYPTO_DRBG_NONCE_SIZE);
    ck_assert_int_eq(msdk_port_crypto_drbg_reseed(&drbg, NULL, 0), MSDK_OK);
    ck_assert_int_eq(counter, 2u * MSDK_CRYPTO_DRBG_ENTROPY_SIZE + MSDK_CRYPTO_DRBG_NONCE_SIZE);

    /* A moved copy is refused (mbedTLS points into the original). */
    msdk_crypto_drbg_t copy;
    memcpy(&copy, &drbg, sizeof(copy));
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&copy, out, sizeof(out), NULL, 0),
                     MSDK_ERR_STATE);
    msdk_port_crypto_zeroize(&copy, sizeof(copy));

    /* free unseeds. */
    msdk_port_crypto_drbg_free(&drbg);
    ck_assert(is_filled((const uint8_t *)&drbg, sizeof(drbg), 0));
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&drbg, out, sizeof(out), NULL, 0),
                     MSDK_ERR_STATE);
    msdk_port_crypto_drbg_free(NULL);
}
END_TEST

START_TEST(drbg_outputs_depend_on_inputs)
{
    msdk_crypto_drbg_t a;
    msdk_crypto_drbg_t b;
    uint8_t ca = 0;
    uint8_t cb = 0;
    uint8_t oa[32];
    uint8_t ob[32];
    static const uint8_t pers_b[] = "other device";
    seed_test_drbg(&a, &ca);
    ck_assert_int_eq(
        msdk_port_crypto_drbg_seed(&b, counter_entropy, &cb, pers_b, sizeof(pers_b) - 1u), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&a, oa, sizeof(oa), NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&b, ob, sizeof(ob), NULL, 0), MSDK_OK);
    ck_assert(memcmp(oa, ob, sizeof(oa)) != 0);
    /* Successive outputs differ; additional input changes the output. */
    ck_assert_int_eq(msdk_port_crypto_drbg_generate(&a, ob, sizeof(ob), NULL, 0), MSDK_OK);
    ck_assert(memcmp(oa, ob, sizeof(oa)) != 0);
    msdk_port_crypto_drbg_free(&a);
    msdk_port_crypto_drbg_free(&b);
}
END_TEST

/* ---- ECDSA -------------------------------------------------------------- */

START_TEST(ecdsa_tampered_signature_fails)
{
    const crypto_kat_ecdsa_t *v = &crypto_kat_ecdsa[0];
    uint8_t hash[32];
    uint8_t sig[64];
    ck_assert_int_eq(msdk_port_crypto_sha256((const uint8_t *)v->msg, strlen(v->msg), hash),
                     MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, v->sig),
                     MSDK_OK);

    /* Flipped bit in r, in s, in the hash. */
    memcpy(sig, v->sig, sizeof(sig));
    sig[5] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, sig),
                     MSDK_ERR_AUTH);
    memcpy(sig, v->sig, sizeof(sig));
    sig[63] ^= 0x80u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, sig),
                     MSDK_ERR_AUTH);
    hash[0] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, v->sig),
                     MSDK_ERR_AUTH);
    hash[0] ^= 0x01u;

    /* The signature of "test" does not verify "sample". */
    ck_assert_int_eq(
        msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, crypto_kat_ecdsa[1].sig),
        MSDK_ERR_AUTH);

    /* r = 0, s = 0, r and s all ones (>= n). */
    memcpy(sig, v->sig, sizeof(sig));
    memset(sig, 0, 32);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, sig),
                     MSDK_ERR_AUTH);
    memcpy(sig, v->sig, sizeof(sig));
    memset(sig + 32, 0, 32);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, sig),
                     MSDK_ERR_AUTH);
    memset(sig, 0xFF, sizeof(sig));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, sig),
                     MSDK_ERR_AUTH);
}
END_TEST

START_TEST(ecdsa_bad_keys_are_invalid_arg)
{
    const crypto_kat_ecdsa_t *v = &crypto_kat_ecdsa[0];
    uint8_t hash[32];
    uint8_t pub[65];
    uint8_t sig[64];
    ck_assert_int_eq(msdk_port_crypto_sha256((const uint8_t *)v->msg, strlen(v->msg), hash),
                     MSDK_OK);

    /* Not a point of the curve; compressed / bad prefix; the point at infinity. */
    memcpy(pub, crypto_kat_p256_pub, sizeof(pub));
    pub[64] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, v->sig), MSDK_ERR_INVALID_ARG);
    memcpy(pub, crypto_kat_p256_pub, sizeof(pub));
    pub[0] = 0x02u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, v->sig), MSDK_ERR_INVALID_ARG);
    memset(pub, 0, sizeof(pub));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, v->sig), MSDK_ERR_INVALID_ARG);
    pub[0] = 0x04u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, v->sig), MSDK_ERR_INVALID_ARG);

    /* Private keys 0, n (the group order) and 2^256 - 1 are out of range. */
    static const uint8_t order_n[32] = {
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
        0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
    };
    uint8_t priv[32];
    msdk_crypto_drbg_t drbg;
    uint8_t counter = 0;
    seed_test_drbg(&drbg, &counter);
    memset(priv, 0, sizeof(priv));
    memset(sig, 0x33, sizeof(sig));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, priv, hash, sig),
                     MSDK_ERR_INVALID_ARG);
    ck_assert(is_filled(sig, sizeof(sig), 0));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, order_n, hash, sig),
                     MSDK_ERR_INVALID_ARG);
    memset(priv, 0xFF, sizeof(priv));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, priv, hash, sig),
                     MSDK_ERR_INVALID_ARG);

    /* Unseeded DRBG. */
    msdk_crypto_drbg_t unseeded;
    memset(&unseeded, 0, sizeof(unseeded));
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&unseeded, crypto_kat_p256_priv, hash, sig),
                     MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&unseeded, priv, pub), MSDK_ERR_STATE);
    msdk_port_crypto_drbg_free(&drbg);
}
END_TEST

START_TEST(ecdsa_keygen_sign_verify_round_trip)
{
    msdk_crypto_drbg_t drbg;
    uint8_t counter = 0;
    seed_test_drbg(&drbg, &counter);
    uint8_t priv[32];
    uint8_t pub[65];
    uint8_t priv2[32];
    uint8_t pub2[65];
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, priv, pub), MSDK_OK);
    ck_assert_int_eq(pub[0], 0x04);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, priv2, pub2), MSDK_OK);
    ck_assert(memcmp(priv, priv2, sizeof(priv)) != 0);

    uint8_t hash[32];
    uint8_t sig[64];
    uint8_t sig2[64];
    ck_assert_int_eq(msdk_port_crypto_sha256((const uint8_t *)"meter 42", 8, hash), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, priv, hash, sig), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, sig), MSDK_OK);
    /* Deterministic: signing again gives the same signature. */
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, priv, hash, sig2), MSDK_OK);
    ck_assert_mem_eq(sig, sig2, sizeof(sig));
    /* The other key does not verify it; a flipped bit does not verify. */
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub2, hash, sig), MSDK_ERR_AUTH);
    sig[40] ^= 0x04u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, sig), MSDK_ERR_AUTH);
    msdk_port_crypto_zeroize(priv, sizeof(priv));
    msdk_port_crypto_zeroize(priv2, sizeof(priv2));
    msdk_port_crypto_drbg_free(&drbg);
}
END_TEST

#if defined(MBEDTLS_MEMORY_DEBUG)
/* Measurement build only: configure with
 *   -DCMAKE_C_FLAGS="-DMBEDTLS_MEMORY_DEBUG -include stdio.h"
 * (MEMORY_DEBUG makes mbedTLS print to stderr; never in a firmware). Prints
 * the peak use of the work area per operation. */
static void report_peak(const char *what)
{
    size_t used = 0;
    size_t blocks = 0;
    mbedtls_memory_buffer_alloc_max_get(&used, &blocks);
    printf("crypto work area peak, %-24s %5zu bytes in %3zu blocks (+ %zu header bytes each)\n",
           what, used, blocks, 8u * sizeof(void *));
    mbedtls_memory_buffer_alloc_max_reset();
}

START_TEST(work_area_high_water_mark)
{
    const crypto_kat_ecdsa_t *v = &crypto_kat_ecdsa[0];
    uint8_t hash[32];
    uint8_t sig[64];
    uint8_t out[64];
    uint8_t tag[16];
    msdk_crypto_drbg_t drbg;
    uint8_t counter = 0;
    const crypto_kat_gcm_t *g = &crypto_kat_gcm[1];
    ck_assert_int_eq(msdk_port_crypto_sha256((const uint8_t *)v->msg, strlen(v->msg), hash),
                     MSDK_OK);
    seed_test_drbg(&drbg, &counter);
    mbedtls_memory_buffer_alloc_max_reset();
    ck_assert_int_eq(
        msdk_port_crypto_aes_gcm_encrypt(g->key, 16, g->iv, 12, NULL, 0, g->pt, 64, out, tag, 16),
        MSDK_OK);
    report_peak("AES-GCM:");
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(g->key, 16, g->pt, 64, out), MSDK_OK);
    report_peak("AES-CMAC:");
    ck_assert_int_eq(msdk_port_crypto_aes_key_wrap(g->key, 16, g->pt, 32, out), MSDK_OK);
    report_peak("AES key wrap:");
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(crypto_kat_p256_pub, hash, v->sig),
                     MSDK_OK);
    report_peak("ECDSA P-256 verify:");
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&drbg, crypto_kat_p256_priv, hash, sig),
                     MSDK_OK);
    report_peak("ECDSA P-256 sign:");
    uint8_t pub[65];
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, out, pub), MSDK_OK);
    report_peak("ECDSA P-256 keygen:");
    msdk_port_crypto_drbg_free(&drbg);
}
END_TEST
#endif

Suite *crypto_suite(void)
{
    Suite *s = suite_create("crypto");

    TCase *tc_init = tcase_create("init");
    tcase_add_test(tc_init, calls_before_init_are_refused);
    suite_add_tcase(s, tc_init);

    TCase *tc_kat = tcase_create("kat");
    tcase_add_checked_fixture(tc_kat, port_setup, port_teardown);
    tcase_add_test(tc_kat, known_answer_vectors_pass);
    suite_add_tcase(s, tc_kat);

    TCase *tc_aes = tcase_create("aes");
    tcase_add_checked_fixture(tc_aes, port_setup, port_teardown);
    tcase_add_test(tc_aes, gcm_wrong_tag_is_auth_and_releases_no_plaintext);
    tcase_add_test(tc_aes, gcm_in_place_and_truncated_tag);
    tcase_add_test(tc_aes, gmac_wrong_tag_is_auth);
    tcase_add_test(tc_aes, unwrap_with_wrong_kek_is_auth);
    tcase_add_test(tc_aes, bad_lengths_are_invalid_arg);
    tcase_add_test(tc_aes, null_pointers_are_invalid_arg);
    tcase_add_test(tc_aes, argument_errors_zero_the_outputs);
    tcase_add_test(tc_aes, exhausted_work_area_is_no_space);
    suite_add_tcase(s, tc_aes);

    TCase *tc_hash = tcase_create("hash");
    tcase_add_checked_fixture(tc_hash, port_setup, port_teardown);
    tcase_add_test(tc_hash, sha256_stream_misuse_is_state);
    suite_add_tcase(s, tc_hash);

    TCase *tc_drbg = tcase_create("drbg");
    tcase_add_checked_fixture(tc_drbg, port_setup, port_teardown);
    tcase_add_test(tc_drbg, drbg_misuse_and_entropy_failures);
    tcase_add_test(tc_drbg, drbg_outputs_depend_on_inputs);
    suite_add_tcase(s, tc_drbg);

    TCase *tc_ecdsa = tcase_create("ecdsa");
    tcase_add_checked_fixture(tc_ecdsa, port_setup, port_teardown);
    tcase_add_test(tc_ecdsa, ecdsa_tampered_signature_fails);
    tcase_add_test(tc_ecdsa, ecdsa_bad_keys_are_invalid_arg);
    tcase_add_test(tc_ecdsa, ecdsa_keygen_sign_verify_round_trip);
#if defined(MBEDTLS_MEMORY_DEBUG)
    tcase_add_test(tc_ecdsa, work_area_high_water_mark);
#endif
    suite_add_tcase(s, tc_ecdsa);
    return s;
}
