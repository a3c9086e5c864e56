/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Ciphering of xDLMS APDUs with security suites 0 and 1 (AES-GCM-128): the
 * tag mapping, protect, unprotect, and the key transfer of the Security
 * setup class. Every cryptographic operation goes through msdk/port/crypto.h.
 *
 * Buffers that held a key, a plaintext or the authenticated data SC || AK are
 * wiped with msdk_port_crypto_zeroize() before the function returns.
 */
#include <stdint.h>
#include <string.h>

#include "msdk/cosem/axdr.h"
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"

/* ---- Tag mapping ------------------------------------------------------------------------- */

/* A plain APDU tag and its service-specific ciphered tags (0: none, general forms only). */
typedef struct tag_map {
    uint8_t plain;
    uint8_t glo;
    uint8_t ded;
} tag_map_t;

/* IEC 62056-5-3, XDLMS-APDU CHOICE. */
static const tag_map_t k_tag_map[] = {
    { 0x01u, 0x21u, 0x41u }, /* initiateRequest */
    { 0x05u, 0x25u, 0x45u }, /* readRequest */
    { 0x06u, 0x26u, 0x46u }, /* writeRequest */
    { 0x08u, 0x28u, 0x48u }, /* initiateResponse */
    { 0x0Cu, 0x2Cu, 0x4Cu }, /* readResponse */
    { 0x0Du, 0x2Du, 0x4Du }, /* writeResponse */
    { 0x0Eu, 0x2Eu, 0x4Eu }, /* confirmedServiceError */
    { 0x0Fu, 0x00u, 0x00u }, /* data-notification: general forms only */
    { 0x16u, 0x36u, 0x56u }, /* unconfirmedWriteRequest */
    { 0x18u, 0x38u, 0x58u }, /* informationReportRequest */
    { 0xC0u, 0xC8u, 0xD0u }, /* get-request */
    { 0xC1u, 0xC9u, 0xD1u }, /* set-request */
    { 0xC2u, 0xCAu, 0xD2u }, /* event-notification-request */
    { 0xC3u, 0xCBu, 0xD3u }, /* action-request */
    { 0xC4u, 0xCCu, 0xD4u }, /* get-response */
    { 0xC5u, 0xCDu, 0xD5u }, /* set-response */
    { 0xC7u, 0xCFu, 0xD7u }, /* action-response */
    { 0xD8u, 0x00u, 0x00u }, /* exception-response: general forms only */
    { 0xD9u, 0x00u, 0x00u }, /* access-request: general forms only */
    { 0xDAu, 0x00u, 0x00u }, /* access-response: general forms only */
};

/* Form and inner plain tag (0 for the general forms) of a ciphered tag. */
static bool lookup_ciphered(uint8_t tag, uint8_t *form, uint8_t *plain)
{
    if (tag == MSDK_COSEM_SEC_TAG_GENERAL_GLO) {
        *form = MSDK_COSEM_SEC_FORM_GENERAL_GLO;
        *plain = 0u;
        return true;
    }
    if (tag == MSDK_COSEM_SEC_TAG_GENERAL_DED) {
        *form = MSDK_COSEM_SEC_FORM_GENERAL_DED;
        *plain = 0u;
        return true;
    }
    if (tag == 0u) {
        return false;
    }
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(k_tag_map); i++) {
        if (k_tag_map[i].glo == tag) {
            *form = MSDK_COSEM_SEC_FORM_GLO;
            *plain = k_tag_map[i].plain;
            return true;
        }
        if (k_tag_map[i].ded == tag) {
            *form = MSDK_COSEM_SEC_FORM_DED;
            *plain = k_tag_map[i].plain;
            return true;
        }
    }
    return false;
}

static bool form_is_valid(uint8_t form)
{
    return (form >= (uint8_t)MSDK_COSEM_SEC_FORM_GLO) &&
           (form <= (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED);
}

static bool form_is_general(uint8_t form)
{
    return (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_GLO) ||
           (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED);
}

static bool form_is_dedicated(uint8_t form)
{
    return (form == (uint8_t)MSDK_COSEM_SEC_FORM_DED) ||
           (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED);
}

bool msdk_cosem_sec_is_ciphered_tag(uint8_t tag)
{
    uint8_t form;
    uint8_t plain;
    return lookup_ciphered(tag, &form, &plain);
}

msdk_err_t msdk_cosem_sec_ciphered_tag(uint8_t plain_tag, uint8_t form, uint8_t *tag)
{
    if ((tag == NULL) || !form_is_valid(form)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_GLO) {
        *tag = MSDK_COSEM_SEC_TAG_GENERAL_GLO;
        return MSDK_OK;
    }
    if (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED) {
        *tag = MSDK_COSEM_SEC_TAG_GENERAL_DED;
        return MSDK_OK;
    }
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(k_tag_map); i++) {
        if (k_tag_map[i].plain == plain_tag) {
            uint8_t t =
                (form == (uint8_t)MSDK_COSEM_SEC_FORM_GLO) ? k_tag_map[i].glo : k_tag_map[i].ded;
            if (t == 0u) {
                return MSDK_ERR_NOT_FOUND;
            }
            *tag = t;
            return MSDK_OK;
        }
    }
    return MSDK_ERR_NOT_FOUND;
}

/* ---- Helpers ------------------------------------------------------------------------------ */

/* Whether [a, a + an) and [b, b + bn) share a byte. */
static bool overlaps(const void *a, size_t an, const void *b, size_t bn)
{
    if ((a == NULL) || (b == NULL) || (an == 0u) || (bn == 0u)) {
        return false;
    }
    uintptr_t pa = (uintptr_t)a;
    uintptr_t pb = (uintptr_t)b;
    return (pa < pb) ? ((pb - pa) < an) : ((pa - pb) < bn);
}

/* IV = system title || IC (big-endian). */
static void make_iv(uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE], const uint8_t *st, uint32_t ic)
{
    memcpy(iv, st, MSDK_COSEM_SYSTEM_TITLE_LEN);
    iv[8] = (uint8_t)(ic >> 24);
    iv[9] = (uint8_t)(ic >> 16);
    iv[10] = (uint8_t)(ic >> 8);
    iv[11] = (uint8_t)ic;
}

/* Judges an SC byte against the caller's suite. */
static msdk_err_t check_sc(uint8_t sc, uint8_t suite)
{
    uint8_t s = (uint8_t)(sc & MSDK_COSEM_SC_SUITE_MASK);
    if (((sc & MSDK_COSEM_SC_COMPRESSION) != 0u) || (s != suite) || (s > MSDK_COSEM_SEC_SUITE_1) ||
        ((sc & (MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC)) == 0u)) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    return MSDK_OK;
}

/* The encryption key of a form and SC byte, or NULL. */
static const uint8_t *pick_key(const msdk_cosem_sec_keys_t *keys, uint8_t form, uint8_t sc)
{
    if (form_is_dedicated(form)) {
        return keys->dk;
    }
    return ((sc & MSDK_COSEM_SC_BROADCAST) != 0u) ? keys->broadcast_ek : keys->ek;
}

/* ---- Header ------------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_sec_header_decode(const uint8_t *in, size_t len, msdk_cosem_sec_header_t *h)
{
    if ((h == NULL) || ((in == NULL) && (len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, in, len);
    msdk_cosem_sec_header_t t;
    memset(&t, 0, sizeof t);

    msdk_err_t err = msdk_rbuf_get_u8(&rb, &t.tag);
    if (err != MSDK_OK) {
        return err;
    }
    if (!lookup_ciphered(t.tag, &t.form, &t.plain_tag)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (form_is_general(t.form)) {
        uint32_t st_len;
        err = msdk_cosem_axdr_get_length(&rb, &st_len);
        if (err != MSDK_OK) {
            return err;
        }
        if (st_len == MSDK_COSEM_SYSTEM_TITLE_LEN) {
            err = msdk_rbuf_get_bytes(&rb, t.system_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
            if (err != MSDK_OK) {
                return err;
            }
            t.system_title_present = true;
        } else if (st_len != 0u) {
            return MSDK_ERR_MALFORMED;
        }
    }
    uint32_t content_len;
    err = msdk_cosem_axdr_get_length(&rb, &content_len);
    if (err != MSDK_OK) {
        return err;
    }
    size_t rest = msdk_rbuf_remaining(&rb);
    if (content_len > rest) {
        return MSDK_ERR_TRUNCATED;
    }
    if (content_len < rest) {
        return MSDK_ERR_MALFORMED; /* bytes after the APDU */
    }
    if (content_len < MSDK_COSEM_SEC_HEADER_LEN) {
        return MSDK_ERR_MALFORMED;
    }
    err = msdk_rbuf_get_u8(&rb, &t.sc);
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_u32be(&rb, &t.ic);
    }
    if (err != MSDK_OK) {
        return err;
    }
    size_t tag_len = ((t.sc & MSDK_COSEM_SC_AUTH) != 0u) ? MSDK_COSEM_SEC_TAG_LEN : 0u;
    size_t body = (size_t)content_len - MSDK_COSEM_SEC_HEADER_LEN;
    if (body < tag_len) {
        return MSDK_ERR_MALFORMED;
    }
    t.text_offset = rb.pos;
    t.text_len = body - tag_len;
    *h = t;
    return MSDK_OK;
}

/* ---- Protect ------------------------------------------------------------------------------ */

msdk_err_t msdk_cosem_sec_protect(const msdk_cosem_sec_keys_t *keys, const msdk_cosem_sec_tx_t *p,
                                  const uint8_t *apdu, size_t apdu_len, msdk_wbuf_t *wb)
{
    if ((keys == NULL) || (p == NULL) || (apdu == NULL) || (apdu_len == 0u) || (wb == NULL) ||
        (p->system_title == NULL) || !form_is_valid(p->form)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t prot = p->protection;
    const uint8_t ae = (uint8_t)(prot & (MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC));
    if (((prot & MSDK_COSEM_SC_COMPRESSION) != 0u) || (ae == 0u) ||
        (p->suite > MSDK_COSEM_SEC_SUITE_1)) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (((prot & MSDK_COSEM_SC_SUITE_MASK) != 0u) ||
        (((prot & MSDK_COSEM_SC_BROADCAST) != 0u) && form_is_dedicated(p->form))) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t tag;
    msdk_err_t err = msdk_cosem_sec_ciphered_tag(apdu[0], p->form, &tag);
    if (err != MSDK_OK) {
        return err;
    }
    const uint8_t sc = (uint8_t)(prot | p->suite);
    const bool auth = (ae & MSDK_COSEM_SC_AUTH) != 0u;
    const uint8_t *key = pick_key(keys, p->form, sc);
    if ((key == NULL) || (auth && (keys->ak == NULL))) {
        return MSDK_ERR_INVALID_ARG;
    }
    const size_t tag_len = auth ? MSDK_COSEM_SEC_TAG_LEN : 0u;
    if (apdu_len > (size_t)(UINT32_MAX - MSDK_COSEM_SEC_OVERHEAD_MAX)) {
        return MSDK_ERR_INVALID_ARG; /* keeps every size below 2^32 */
    }
    const uint32_t content_len = (uint32_t)(MSDK_COSEM_SEC_HEADER_LEN + apdu_len + tag_len);

    /* The header: tag, [system title], length, SC, IC. */
    uint8_t hdr[1u + 1u + MSDK_COSEM_SYSTEM_TITLE_LEN + MSDK_COSEM_AXDR_LENGTH_MAX_SIZE +
                MSDK_COSEM_SEC_HEADER_LEN];
    msdk_wbuf_t hw;
    msdk_wbuf_init(&hw, hdr, sizeof hdr);
    err = msdk_wbuf_put_u8(&hw, tag);
    if ((err == MSDK_OK) && form_is_general(p->form)) {
        err = msdk_wbuf_put_u8(&hw, (uint8_t)MSDK_COSEM_SYSTEM_TITLE_LEN);
        if (err == MSDK_OK) {
            err = msdk_wbuf_put_bytes(&hw, p->system_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
        }
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_length(&hw, content_len);
    }
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u8(&hw, sc);
    }
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u32be(&hw, p->ic);
    }
    if (err != MSDK_OK) {
        return err;
    }
    const size_t hdr_len = hw.pos;
    const size_t total = hdr_len + apdu_len + tag_len;
    if (msdk_wbuf_remaining(wb) < total) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (overlaps(apdu, apdu_len, wb->p, wb->cap)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const size_t start = wb->pos;
    uint8_t *base = NULL;
    err = msdk_wbuf_reserve(wb, total, &base);
    if (err != MSDK_OK) {
        return err;
    }

    uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE];
    make_iv(iv, p->system_title, p->ic);
    uint8_t gtag[MSDK_CRYPTO_GCM_TAG_MAX_SIZE];
    if (ae == MSDK_COSEM_SC_AUTH) {
        /*
         * Authentication only: the GMAC covers SC || AK || plaintext, assembled in
         * the output area (total >= 17 + apdu_len because hdr_len >= 7), then the
         * plaintext is moved behind the header. Header, plaintext and tag cover the
         * whole area afterwards, so no byte of AK survives.
         */
        base[0] = sc;
        memcpy(&base[1], keys->ak, MSDK_COSEM_SEC_KEY_LEN);
        memcpy(&base[MSDK_COSEM_SEC_AAD_PREFIX_LEN], apdu, apdu_len);
        err = msdk_port_crypto_aes_gmac(key, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, base,
                                        MSDK_COSEM_SEC_AAD_PREFIX_LEN + apdu_len, gtag,
                                        MSDK_COSEM_SEC_TAG_LEN);
        if (err == MSDK_OK) {
            memmove(&base[hdr_len], &base[MSDK_COSEM_SEC_AAD_PREFIX_LEN], apdu_len);
            memcpy(base, hdr, hdr_len);
            memcpy(&base[hdr_len + apdu_len], gtag, MSDK_COSEM_SEC_TAG_LEN);
        }
    } else {
        uint8_t aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN];
        aad[0] = sc;
        if (auth) {
            memcpy(&aad[1], keys->ak, MSDK_COSEM_SEC_KEY_LEN);
        }
        memcpy(base, hdr, hdr_len);
        /* Encryption only: the GCM ciphertext; the tag is computed and dropped. */
        uint8_t *tag_out = auth ? &base[hdr_len + apdu_len] : gtag;
        err = msdk_port_crypto_aes_gcm_encrypt(
            key, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, auth ? aad : NULL, auth ? sizeof aad : 0u,
            apdu, apdu_len, &base[hdr_len], tag_out, MSDK_COSEM_SEC_TAG_LEN);
        msdk_port_crypto_zeroize(aad, sizeof aad);
    }
    msdk_port_crypto_zeroize(gtag, sizeof gtag);
    if (err != MSDK_OK) {
        msdk_port_crypto_zeroize(base, total);
        wb->pos = start;
    }
    return err;
}

/* ---- Unprotect ---------------------------------------------------------------------------- */

/* Everything after the arguments are checked; on error the caller wipes the output. */
static msdk_err_t unprotect(const msdk_cosem_sec_keys_t *keys, const msdk_cosem_sec_rx_t *rx,
                            const uint8_t *in, size_t len, uint8_t *out, size_t cap, bool in_place,
                            msdk_cosem_sec_header_t *hd)
{
    msdk_err_t err = msdk_cosem_sec_header_decode(in, len, hd);
    if (err != MSDK_OK) {
        return err;
    }
    const uint8_t sc = hd->sc;
    err = check_sc(sc, rx->suite);
    if (err != MSDK_OK) {
        return err;
    }
    const uint8_t need = (uint8_t)(rx->required & (MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC));
    if ((need & (uint8_t)~sc) != 0u) {
        return MSDK_ERR_AUTH; /* weaker protection than required: not even deciphered */
    }
    const bool auth = (sc & MSDK_COSEM_SC_AUTH) != 0u;
    const bool enc = (sc & MSDK_COSEM_SC_ENC) != 0u;
    const uint8_t *key = pick_key(keys, hd->form, sc);
    const uint8_t *st = hd->system_title_present ? hd->system_title : rx->peer_system_title;
    if ((key == NULL) || (auth && (keys->ak == NULL)) || (st == NULL)) {
        return MSDK_ERR_STATE;
    }
    const size_t n = hd->text_len;
    const size_t prefix = (auth && !enc) ? MSDK_COSEM_SEC_AAD_PREFIX_LEN : 0u;
    if (cap < n + prefix) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    uint8_t iv[MSDK_CRYPTO_GCM_IV_SIZE];
    make_iv(iv, st, hd->ic);
    const uint8_t *text = &in[hd->text_offset];
    /* In place the text is deciphered where it lies (the port allows exactly that). */
    uint8_t *dst = in_place ? &out[hd->text_offset] : out;
    uint8_t tmp[MSDK_CRYPTO_GCM_TAG_MAX_SIZE];

    if (auth && enc) {
        uint8_t aad[MSDK_COSEM_SEC_AAD_PREFIX_LEN];
        aad[0] = sc;
        memcpy(&aad[1], keys->ak, MSDK_COSEM_SEC_KEY_LEN);
        err = msdk_port_crypto_aes_gcm_decrypt(key, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, aad,
                                               sizeof aad, text, n, &text[n],
                                               MSDK_COSEM_SEC_TAG_LEN, dst);
        msdk_port_crypto_zeroize(aad, sizeof aad);
    } else if (enc) {
        /* Encryption only: GCM decryption is the same keystream as encryption. */
        err = msdk_port_crypto_aes_gcm_encrypt(key, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, NULL, 0u,
                                               text, n, dst, tmp, MSDK_COSEM_SEC_TAG_LEN);
    } else {
        /* Authentication only: SC || AK || plaintext assembled in the output. */
        memcpy(tmp, &text[n], MSDK_COSEM_SEC_TAG_LEN);
        dst = &out[MSDK_COSEM_SEC_AAD_PREFIX_LEN];
        memmove(dst, text, n);
        out[0] = sc;
        memcpy(&out[1], keys->ak, MSDK_COSEM_SEC_KEY_LEN);
        err = msdk_port_crypto_aes_gmac_verify(key, MSDK_COSEM_SEC_KEY_LEN, iv, sizeof iv, out,
                                               MSDK_COSEM_SEC_AAD_PREFIX_LEN + n, tmp,
                                               MSDK_COSEM_SEC_TAG_LEN);
    }
    msdk_port_crypto_zeroize(tmp, sizeof tmp);
    if (err != MSDK_OK) {
        return err;
    }
    if (dst != out) {
        memmove(out, dst, n);
    }
    /* A service-specific form carries exactly the APDU its tag names. */
    if ((hd->plain_tag != 0u) && ((n == 0u) || (out[0] != hd->plain_tag))) {
        return MSDK_ERR_AUTH;
    }
    /* Wipe what the work left behind the plaintext (copies of it, AK). */
    size_t used = in_place ? len : (n + prefix);
    msdk_port_crypto_zeroize(&out[n], used - n);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_sec_unprotect(const msdk_cosem_sec_keys_t *keys,
                                    const msdk_cosem_sec_rx_t *rx, const uint8_t *in, size_t len,
                                    uint8_t *out, size_t cap, msdk_cosem_sec_header_t *h,
                                    size_t *plain_len)
{
    if ((out == NULL) && (cap > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const bool in_place = (out != NULL) && ((const uint8_t *)out == in);
    msdk_err_t err = MSDK_OK;
    if ((keys == NULL) || (rx == NULL) || (plain_len == NULL) || (out == NULL) ||
        ((in == NULL) && (len > 0u)) || (in_place && (cap < len)) ||
        (!in_place && overlaps(in, len, out, cap))) {
        err = MSDK_ERR_INVALID_ARG;
    } else {
        msdk_cosem_sec_header_t hd;
        err = unprotect(keys, rx, in, len, out, cap, in_place, &hd);
        if (err == MSDK_OK) {
            if (h != NULL) {
                *h = hd;
            }
            *plain_len = hd.text_len;
        }
    }
    if ((err != MSDK_OK) && (out != NULL)) {
        msdk_port_crypto_zeroize(out, cap);
    }
    return err;
}

/* ---- Key transfer ------------------------------------------------------------------------- */

/* A key_data element found by the first pass. */
typedef struct wrapped {
    uint8_t id;
    const uint8_t *p;
} wrapped_t;

/* First pass: the structure of the parameter, without cryptography. */
static msdk_err_t key_transfer_parse(const uint8_t *param, size_t param_len, size_t key_len,
                                     wrapped_t w[MSDK_COSEM_KEY_TRANSFER_MAX], size_t *n)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, param, param_len);
    uint32_t count;
    msdk_err_t err = msdk_cosem_axdr_get_array_header(&rb, &count);
    if (err != MSDK_OK) {
        return err;
    }
    if ((count == 0u) || (count > MSDK_COSEM_KEY_TRANSFER_MAX)) {
        return MSDK_ERR_MALFORMED; /* more than 4 means a key id repeats */
    }
    unsigned seen = 0u;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t members;
        err = msdk_cosem_axdr_get_structure_header(&rb, &members);
        if (err != MSDK_OK) {
            return err;
        }
        if (members != 2u) {
            return MSDK_ERR_MALFORMED;
        }
        uint8_t id;
        err = msdk_cosem_axdr_get_enum(&rb, &id);
        if (err != MSDK_OK) {
            return err;
        }
        if ((id > (uint8_t)MSDK_COSEM_KEY_ID_MASTER) || ((seen & (1u << id)) != 0u)) {
            return MSDK_ERR_MALFORMED;
        }
        seen |= 1u << id;
        const uint8_t *ref;
        size_t wlen;
        err = msdk_cosem_axdr_get_octets_ref(&rb, MSDK_COSEM_AXDR_OCTET_STRING, &ref, &wlen);
        if (err != MSDK_OK) {
            return err;
        }
        if (wlen != key_len + MSDK_CRYPTO_KW_OVERHEAD) {
            return MSDK_ERR_MALFORMED;
        }
        w[i].id = id;
        w[i].p = ref;
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    *n = count;
    return MSDK_OK;
}

static bool aes_key_len_ok(size_t len)
{
    return (len == 16u) || (len == 24u) || (len == 32u);
}

msdk_err_t msdk_cosem_sec_key_transfer_decode(const uint8_t *kek, size_t kek_len, size_t key_len,
                                              const uint8_t *param, size_t param_len,
                                              msdk_cosem_sec_key_t *keys, size_t max_keys,
                                              size_t *count)
{
    if ((keys == NULL) || (max_keys == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = MSDK_OK;
    wrapped_t w[MSDK_COSEM_KEY_TRANSFER_MAX];
    size_t n = 0;
    if ((kek == NULL) || (count == NULL) || ((param == NULL) && (param_len > 0u)) ||
        !aes_key_len_ok(kek_len) || !aes_key_len_ok(key_len)) {
        err = MSDK_ERR_INVALID_ARG;
    } else {
        err = key_transfer_parse(param, param_len, key_len, w, &n);
    }
    if ((err == MSDK_OK) && (n > max_keys)) {
        err = MSDK_ERR_BUFFER_TOO_SMALL;
    }
    for (size_t i = 0; (err == MSDK_OK) && (i < n); i++) {
        keys[i].key_id = w[i].id;
        keys[i].key_len = (uint8_t)key_len;
        err = msdk_port_crypto_aes_key_unwrap(kek, kek_len, w[i].p,
                                              key_len + MSDK_CRYPTO_KW_OVERHEAD, keys[i].key);
    }
    if (err != MSDK_OK) {
        msdk_port_crypto_zeroize(keys, max_keys * sizeof(*keys));
        return err;
    }
    *count = n;
    return MSDK_OK;
}
