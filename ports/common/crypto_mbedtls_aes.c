/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Crypto port on mbedTLS 3.6: AES block operations, CBC, CMAC, GCM/GMAC and
 * key wrap. Every context lives on the stack for the duration of one call and
 * is freed (which wipes the key schedule) before returning.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/cipher.h"
#include "mbedtls/cmac.h"
#include "mbedtls/gcm.h"
#include "mbedtls/nist_kw.h"

#include "msdk/port/crypto.h"
#include "crypto_mbedtls_internal.h"

MSDK_STATIC_ASSERT(MSDK_CRYPTO_AES_BLOCK_SIZE == 16u, "AES block is 16 bytes");

/* The key schedule for mode (MBEDTLS_AES_ENCRYPT or MBEDTLS_AES_DECRYPT). */
static int aes_setkey(mbedtls_aes_context *aes, const uint8_t *key, size_t key_len, int mode)
{
    unsigned int bits = (unsigned int)(key_len * 8u);
    return (mode == MBEDTLS_AES_ENCRYPT) ? mbedtls_aes_setkey_enc(aes, key, bits)
                                         : mbedtls_aes_setkey_dec(aes, key, bits);
}

static msdk_err_t aes_ecb(const uint8_t *key, size_t key_len, const uint8_t *in, uint8_t *out,
                          int mode)
{
    msdk_err_t err = MSDK_OK;
    if (key == NULL || in == NULL || out == NULL || !msdk_crypto_aes_key_len_is_valid(key_len)) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        msdk_crypto_wipe_output(out, MSDK_CRYPTO_AES_BLOCK_SIZE);
        return err;
    }
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    int ret = aes_setkey(&aes, key, key_len, mode);
    if (ret == 0) {
        ret = mbedtls_aes_crypt_ecb(&aes, mode, in, out);
    }
    mbedtls_aes_free(&aes);
    if (ret != 0) {
        msdk_crypto_wipe_output(out, MSDK_CRYPTO_AES_BLOCK_SIZE);
    }
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_aes_ecb_encrypt(const uint8_t *key, size_t key_len, const uint8_t *in,
                                            uint8_t *out)
{
    return aes_ecb(key, key_len, in, out, MBEDTLS_AES_ENCRYPT);
}

msdk_err_t msdk_port_crypto_aes_ecb_decrypt(const uint8_t *key, size_t key_len, const uint8_t *in,
                                            uint8_t *out)
{
    return aes_ecb(key, key_len, in, out, MBEDTLS_AES_DECRYPT);
}

static msdk_err_t aes_cbc(const uint8_t *key, size_t key_len, const uint8_t *iv, const uint8_t *in,
                          size_t len, uint8_t *out, int mode)
{
    bool len_is_valid = (len % MSDK_CRYPTO_AES_BLOCK_SIZE) == 0u;
    msdk_err_t err = MSDK_OK;
    if (key == NULL || iv == NULL || in == NULL || out == NULL ||
        !msdk_crypto_aes_key_len_is_valid(key_len) || !len_is_valid) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        if (len_is_valid) {
            msdk_crypto_wipe_output(out, len);
        }
        return err;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    /* mbedTLS advances the IV in place; the caller's stays untouched. */
    unsigned char iv_copy[MSDK_CRYPTO_AES_BLOCK_SIZE];
    memcpy(iv_copy, iv, sizeof(iv_copy));
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    int ret = aes_setkey(&aes, key, key_len, mode);
    if (ret == 0) {
        ret = mbedtls_aes_crypt_cbc(&aes, mode, len, iv_copy, in, out);
    }
    mbedtls_aes_free(&aes);
    msdk_port_crypto_zeroize(iv_copy, sizeof(iv_copy));
    if (ret != 0) {
        msdk_crypto_wipe_output(out, len);
    }
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_aes_cbc_encrypt(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                            const uint8_t *in, size_t len, uint8_t *out)
{
    return aes_cbc(key, key_len, iv, in, len, out, MBEDTLS_AES_ENCRYPT);
}

msdk_err_t msdk_port_crypto_aes_cbc_decrypt(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                            const uint8_t *in, size_t len, uint8_t *out)
{
    return aes_cbc(key, key_len, iv, in, len, out, MBEDTLS_AES_DECRYPT);
}

static const mbedtls_cipher_info_t *aes_ecb_info(size_t key_len)
{
    switch (key_len) {
    case 16u: return mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_128_ECB);
    case 24u: return mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_192_ECB);
    default: return mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_256_ECB);
    }
}

msdk_err_t msdk_port_crypto_aes_cmac(const uint8_t *key, size_t key_len, const uint8_t *msg,
                                     size_t msg_len, uint8_t *mac)
{
    msdk_err_t err = MSDK_OK;
    if (key == NULL || mac == NULL || (msg == NULL && msg_len != 0u) ||
        !msdk_crypto_aes_key_len_is_valid(key_len)) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        msdk_crypto_wipe_output(mac, MSDK_CRYPTO_CMAC_SIZE);
        return err;
    }
    /* mbedTLS wants a valid pointer even for an empty message. */
    static const unsigned char empty[1] = { 0 };
    const mbedtls_cipher_info_t *info = aes_ecb_info(key_len);
    int ret = (info == NULL) ? MBEDTLS_ERR_CIPHER_FEATURE_UNAVAILABLE
                             : mbedtls_cipher_cmac(info, key, key_len * 8u,
                                                   (msg != NULL) ? msg : empty, msg_len, mac);
    if (ret != 0) {
        msdk_crypto_wipe_output(mac, MSDK_CRYPTO_CMAC_SIZE);
    }
    return msdk_crypto_err(ret);
}

static bool gcm_tag_len_is_valid(size_t tag_len)
{
    return tag_len >= MSDK_CRYPTO_GCM_TAG_MIN_SIZE && tag_len <= MSDK_CRYPTO_GCM_TAG_MAX_SIZE;
}

/*
 * GCM encryption (tag_out != NULL: computes the tag into it) or authenticated
 * decryption (tag_out == NULL: checks tag_in in constant time). On failure
 * every output is wiped.
 */
static msdk_err_t aes_gcm(const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len,
                          const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                          uint8_t *out, const uint8_t *tag_in, uint8_t *tag_out, size_t tag_len)
{
    const uint8_t *tag = (tag_out != NULL) ? tag_out : tag_in;
    msdk_err_t err = MSDK_OK;
    if (key == NULL || iv == NULL || iv_len == 0u || tag == NULL ||
        (aad == NULL && aad_len != 0u) || !msdk_crypto_aes_key_len_is_valid(key_len) ||
        !gcm_tag_len_is_valid(tag_len) || (len != 0u && (in == NULL || out == NULL))) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        msdk_crypto_wipe_output(out, len);
        if (gcm_tag_len_is_valid(tag_len)) {
            msdk_crypto_wipe_output(tag_out, tag_len);
        }
        return err;
    }
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    int ret = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, (unsigned int)(key_len * 8u));
    if (ret == 0) {
        ret = (tag_out != NULL)
                  ? mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, len, iv, iv_len, aad,
                                              aad_len, in, out, tag_len, tag_out)
                  : mbedtls_gcm_auth_decrypt(&gcm, len, iv, iv_len, aad, aad_len, tag_in, tag_len,
                                             in, out);
    }
    mbedtls_gcm_free(&gcm);
    if (ret != 0) {
        msdk_crypto_wipe_output(out, len);
        msdk_crypto_wipe_output(tag_out, tag_len);
    }
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_aes_gcm_encrypt(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                            size_t iv_len, const uint8_t *aad, size_t aad_len,
                                            const uint8_t *in, size_t len, uint8_t *out,
                                            uint8_t *tag, size_t tag_len)
{
    return aes_gcm(key, key_len, iv, iv_len, aad, aad_len, in, len, out, NULL, tag, tag_len);
}

msdk_err_t msdk_port_crypto_aes_gcm_decrypt(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                            size_t iv_len, const uint8_t *aad, size_t aad_len,
                                            const uint8_t *in, size_t len, const uint8_t *tag,
                                            size_t tag_len, uint8_t *out)
{
    /* mbedtls_gcm_auth_decrypt() compares the tag in constant time and wipes out on mismatch. */
    return aes_gcm(key, key_len, iv, iv_len, aad, aad_len, in, len, out, tag, NULL, tag_len);
}

msdk_err_t msdk_port_crypto_aes_gmac(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                     size_t iv_len, const uint8_t *aad, size_t aad_len,
                                     uint8_t *tag, size_t tag_len)
{
    return msdk_port_crypto_aes_gcm_encrypt(key, key_len, iv, iv_len, aad, aad_len, NULL, 0u, NULL,
                                            tag, tag_len);
}

msdk_err_t msdk_port_crypto_aes_gmac_verify(const uint8_t *key, size_t key_len, const uint8_t *iv,
                                            size_t iv_len, const uint8_t *aad, size_t aad_len,
                                            const uint8_t *tag, size_t tag_len)
{
    return msdk_port_crypto_aes_gcm_decrypt(key, key_len, iv, iv_len, aad, aad_len, NULL, 0u, tag,
                                            tag_len, NULL);
}

static msdk_err_t aes_kw(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
                         uint8_t *out, bool is_wrap)
{
    size_t min_len =
        is_wrap ? MSDK_CRYPTO_KW_MIN_SIZE : MSDK_CRYPTO_KW_MIN_SIZE + MSDK_CRYPTO_KW_OVERHEAD;
    bool len_is_valid =
        in_len >= min_len && (in_len % 8u) == 0u && in_len <= SIZE_MAX - MSDK_CRYPTO_KW_OVERHEAD;
    size_t out_size = !len_is_valid ? 0u
                      : is_wrap     ? in_len + MSDK_CRYPTO_KW_OVERHEAD
                                    : in_len - MSDK_CRYPTO_KW_OVERHEAD;
    msdk_err_t err = MSDK_OK;
    if (kek == NULL || in == NULL || out == NULL || !msdk_crypto_aes_key_len_is_valid(kek_len) ||
        !len_is_valid) {
        err = MSDK_ERR_INVALID_ARG;
    } else if (!msdk_crypto_is_ready()) {
        err = MSDK_ERR_STATE;
    }
    if (err != MSDK_OK) {
        msdk_crypto_wipe_output(out, out_size);
        return err;
    }
    size_t out_len = 0u;
    mbedtls_nist_kw_context kw;
    mbedtls_nist_kw_init(&kw);
    int ret = mbedtls_nist_kw_setkey(&kw, MBEDTLS_CIPHER_ID_AES, kek, (unsigned int)(kek_len * 8u),
                                     is_wrap ? 1 : 0);
    if (ret == 0) {
        ret = is_wrap ? mbedtls_nist_kw_wrap(&kw, MBEDTLS_KW_MODE_KW, in, in_len, out, &out_len,
                                             out_size)
                      : mbedtls_nist_kw_unwrap(&kw, MBEDTLS_KW_MODE_KW, in, in_len, out, &out_len,
                                               out_size);
    }
    mbedtls_nist_kw_free(&kw);
    if (ret == 0 && out_len != out_size) {
        ret = MBEDTLS_ERR_CIPHER_BAD_INPUT_DATA; /* cannot happen for KW; never trust it. */
    }
    if (ret != 0) {
        msdk_crypto_wipe_output(out, out_size);
    }
    return msdk_crypto_err(ret);
}

msdk_err_t msdk_port_crypto_aes_key_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in,
                                         size_t in_len, uint8_t *out)
{
    return aes_kw(kek, kek_len, in, in_len, out, true);
}

msdk_err_t msdk_port_crypto_aes_key_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in,
                                           size_t in_len, uint8_t *out)
{
    return aes_kw(kek, kek_len, in, in_len, out, false);
}
