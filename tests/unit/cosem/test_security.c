/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * DLMS security codec tests (msdk/cosem/security.h): suite 0 ciphering, HLS,
 * LLS, key transfer.
 *
 * Vectors (/work/shared/vectors/dlms-vectors.md):
 * - section 1: the Green Book glo-get-request (EK, AK, system title, IC, SC 30),
 *   protected and unprotected byte for byte;
 * - section 2: the HLS 5 GMAC answer f(StoC) and the MD5 / SHA-1 HLS values;
 * - section 3: the ciphered AARQ, RLRQ and RLRE user-information, deciphered to
 *   the stated InitiateRequest / InitiateResponse;
 * - section 4: the general-glo-ciphering data-notification. The plaintext the
 *   section prints reads "0F 00000001 DB ..." (43 bytes), one 00 too many: the
 *   APDU's length field (3B = 5 + 42 + 12) and the plain data-notification of
 *   section 7 ("0F 00 00 01 DB ...", 42 bytes, long-invoke-id 000001DB) agree on
 *   the 42 bytes used here;
 * - section 5: RFC 3394 key wrap, through the key_transfer decoding.
 * Derived from the standard's structure (IEC 62056-5-3): encryption only gives
 * the section 1 ciphertext without a tag (the GCM keystream does not depend on
 * the AAD); the tag mapping; the byte orders of HLS 6 and 7; the A-XDR layout of
 * the key_transfer parameter (array of structure { enum, octet-string }). Values
 * marked "independent" were computed with Python's `cryptography` / `hashlib`
 * from that structure, not with this code.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"
#include "cosem_check.h"
#include "cosem_test_keys.h"

Suite *cosem_security_suite(void);

/* ---- Keys and vectors --------------------------------------------------------------------- */

/* Section 1. */
#define S1_PLAIN "C0010000080000010000FF0200"
#define S1_APDU  "C8 1E 30 01234567 411312FF935A47566827C467BC 7D825C3BE4A77C3FCC056B6B"
#define S1_IC    0x01234567u

/* Section 3. */
#define S3_AARQ                                                                                    \
    "6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A8008313233"   \
    "3435363738BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE" \
    "6841DB204D39EE6FDB8E356855"
#define S3_UI                                                                                      \
    "21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB" \
    "8E356855"
#define S3_IREQ "01 01 10 00112233445566778899AABBCCDDEEFF 00 00 06 5F1F04 00 007E1F 04B0"
#define S3_RLRQ                                                                                    \
    "6239800100BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE" \
    "6841DB204D39EE6FDB8E356855"
#define S3_RLRE                                                                                    \
    "6328800100BE230421281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893"
#define S3_IRESP "08 00 06 5F1F04 00 007C1F 0400 0007"

/* Section 4 (EK = AK = "MYDUMMYGLOBALKEY"). */
#define S4_APDU                                                                                    \
    "DB 08 2F19229199164103 3B 30 000001E5 025CE9D2271FD78BE8C204211A916A9D7F587E0A7A814CADEA89"   \
    "E9593F01F92EA8C087B5BDFDEFEAB6BECF282DFE49C08F5BE6DC8400"
#define S4_PLAIN                                                                                   \
    "0F 000001DB 00 09 22 12 5A 85 91 36 00 00 00 00 49 00 00 00 11 00 00 00 0A 5A 85 13 D0 14 "   \
    "80 00 00 00 0D 00 00 00 0A 01 00"
static const uint8_t k_s4_key[16] = { 'M', 'Y', 'D', 'U', 'M', 'M', 'Y', 'G',
                                      'L', 'O', 'B', 'A', 'L', 'K', 'E', 'Y' };
static const uint8_t k_s4_st[8] = { 0x2F, 0x19, 0x22, 0x91, 0x99, 0x16, 0x41, 0x03 };

/* ---- Helpers ------------------------------------------------------------------------------ */

#define BUF   700u
#define GUARD 8u

static void sec_setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
}

/* Every key of the tests: global unicast, broadcast, dedicated and authentication key. */
static msdk_cosem_sec_keys_t all_keys(void)
{
    msdk_cosem_sec_keys_t k = { .ek = k_ek, .broadcast_ek = k_bek, .dk = k_dk, .ak = k_ak };
    return k;
}

/* Suite 0, the required protection, the sender's title. */
static msdk_cosem_sec_rx_t rx_of(uint8_t required, const uint8_t *st)
{
    msdk_cosem_sec_rx_t rx = { .suite = 0u, .required = required, .peer_system_title = st };
    return rx;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0u) {
            return false;
        }
    }
    return true;
}

static bool all_guard(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xA5u) {
            return false;
        }
    }
    return true;
}

/*
 * Unprotects in[0..len) from an exact-size heap copy into a buffer of cap bytes that is
 * pre-filled with A5 and followed by guard bytes. Checks the contract: guard bytes
 * untouched; on error the whole buffer wiped and h / plain_len untouched; on success
 * everything after the plaintext zero (the buffer held no plaintext before). The output
 * is copied to out (BUF bytes).
 */
static msdk_err_t unprot(const msdk_cosem_sec_keys_t *k, const msdk_cosem_sec_rx_t *rx,
                         const uint8_t *in, size_t len, size_t cap, uint8_t *out,
                         msdk_cosem_sec_header_t *h, size_t *plain_len)
{
    CK_TRUE(cap <= BUF);
    uint8_t buf[BUF + GUARD];
    memset(buf, 0xA5, sizeof buf);
    uint8_t *copy = ck_dup(in, len);
    msdk_cosem_sec_header_t hd;
    memset(&hd, 0x5A, sizeof hd);
    const msdk_cosem_sec_header_t before = hd;
    size_t n = 0x5A5Au;
    msdk_err_t err = msdk_cosem_sec_unprotect(k, rx, copy, len, buf, cap, &hd, &n);
    free(copy);
    CK_TRUE(all_guard(&buf[cap], GUARD));
    if (err != MSDK_OK) {
        CK_TRUE(all_zero(buf, cap));
        CK_TRUE(memcmp(&hd, &before, sizeof hd) == 0);
        CK_EQ(n, 0x5A5Au);
    } else {
        CK_TRUE(n <= cap);
        /* After the plaintext: wiped work area, or the untouched fill. */
        for (size_t i = n; i < cap; i++) {
            CK_TRUE((buf[i] == 0u) || (buf[i] == 0xA5u));
        }
        if (h != NULL) {
            *h = hd;
        }
        if (plain_len != NULL) {
            *plain_len = n;
        }
    }
    memcpy(out, buf, cap);
    return err;
}

/* Protects apdu with the given form, protection, IC and title under all_keys(). */
static msdk_err_t prot(uint8_t form, uint8_t protection, uint32_t ic, const uint8_t *st,
                       const uint8_t *apdu, size_t apdu_len, uint8_t *out, size_t cap,
                       size_t *out_len)
{
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_tx_t p = {
        .form = form, .suite = 0u, .protection = protection, .ic = ic, .system_title = st
    };
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, cap);
    msdk_err_t err = msdk_cosem_sec_protect(&k, &p, apdu, apdu_len, &w);
    *out_len = w.pos;
    return err;
}

/* ---- Section 1: Green Book glo-get-request ------------------------------------------------ */

START_TEST(test_gb_protect)
{
    uint8_t plain[32];
    size_t pn = ck_hex(S1_PLAIN, plain, sizeof plain);
    uint8_t out[64 + GUARD];
    memset(out, 0xA5, sizeof out);
    size_t n = 0;
    ck_assert_int_eq(prot(MSDK_COSEM_SEC_FORM_GLO, MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC, S1_IC,
                          k_st_s, plain, pn, out, 64, &n),
                     MSDK_OK);
    ck_expect_bytes(out, n, S1_APDU);
    ck_assert(all_guard(&out[n], 64 + GUARD - n));

    /* Every capacity below the size: nothing written, writer unmoved. */
    for (size_t cap = 0; cap < n; cap++) {
        memset(out, 0xA5, sizeof out);
        size_t m = 99;
        CK_EQ(prot(MSDK_COSEM_SEC_FORM_GLO, 0x30u, S1_IC, k_st_s, plain, pn, out, cap, &m),
              MSDK_ERR_BUFFER_TOO_SMALL);
        CK_EQ(m, 0u);
        CK_TRUE(all_guard(out, sizeof out));
    }
}
END_TEST

START_TEST(test_gb_unprotect)
{
    uint8_t apdu[64];
    size_t len = ck_hex(S1_APDU, apdu, sizeof apdu);
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_rx_t rx = rx_of(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC, k_st_s);
    uint8_t out[BUF];
    msdk_cosem_sec_header_t h;
    size_t n = 0;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, &h, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    ck_assert_uint_eq(h.tag, 0xC8);
    ck_assert_uint_eq(h.form, MSDK_COSEM_SEC_FORM_GLO);
    ck_assert_uint_eq(h.plain_tag, 0xC0);
    ck_assert_uint_eq(h.sc, 0x30);
    ck_assert_uint_eq(h.ic, S1_IC);
    ck_assert(!h.system_title_present);
    ck_assert_uint_eq(h.text_offset, 7u);
    ck_assert_uint_eq(h.text_len, 13u);

    /* The smallest room is the plaintext. */
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, 13u, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, 12u, out, NULL, &n), MSDK_ERR_BUFFER_TOO_SMALL);

    /* In place: the plaintext at the start of the input buffer, the rest wiped. */
    uint8_t io[64];
    memcpy(io, apdu, len);
    n = 0;
    ck_assert_int_eq(msdk_cosem_sec_unprotect(&k, &rx, io, len, io, len, &h, &n), MSDK_OK);
    ck_expect_bytes(io, n, S1_PLAIN);
    ck_assert(all_zero(&io[n], len - n));
    /* In place with less room than the input, or overlapping otherwise: refused. */
    memcpy(io, apdu, len);
    ck_assert_int_eq(msdk_cosem_sec_unprotect(&k, &rx, io, len, io, len - 1u, &h, &n),
                     MSDK_ERR_INVALID_ARG);
    memcpy(io, apdu, len);
    ck_assert_int_eq(msdk_cosem_sec_unprotect(&k, &rx, io + 1, len - 1u, io, len, &h, &n),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

/* Encryption only: the section 1 ciphertext without tag; authentication only: the plaintext
 * in clear and the GMAC over SC || AK || plaintext. */
START_TEST(test_enc_only_and_auth_only)
{
    uint8_t plain[32];
    size_t pn = ck_hex(S1_PLAIN, plain, sizeof plain);
    uint8_t out[BUF];
    size_t n = 0;
    msdk_cosem_sec_keys_t k = all_keys();

    ck_assert_int_eq(prot(MSDK_COSEM_SEC_FORM_GLO, MSDK_COSEM_SC_ENC, S1_IC, k_st_s, plain, pn, out,
                          sizeof out, &n),
                     MSDK_OK);
    ck_expect_bytes(out, n, "C8 12 20 01234567 411312FF935A47566827C467BC");
    msdk_cosem_sec_rx_t rx = rx_of(MSDK_COSEM_SC_ENC, k_st_s);
    uint8_t apdu[BUF];
    memcpy(apdu, out, n);
    size_t len = n;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);

    /* Authentication only: tag computed independently (Python cryptography, AES-GCM over
     * AAD = 10 || AK || plaintext, IV = title || IC, empty plaintext, 12 bytes). */
    ck_assert_int_eq(prot(MSDK_COSEM_SEC_FORM_GLO, MSDK_COSEM_SC_AUTH, S1_IC, k_st_s, plain, pn,
                          out, sizeof out, &n),
                     MSDK_OK);
    ck_expect_bytes(out, n, "C8 1E 10 01234567 " S1_PLAIN " 06725D910F9221D263877516");
    /* The same tag straight from the port's GMAC on the hand-assembled AAD. */
    uint8_t aad[17 + 13];
    aad[0] = 0x10;
    memcpy(&aad[1], k_ak, 16);
    memcpy(&aad[17], plain, pn);
    uint8_t iv[12];
    memcpy(iv, k_st_s, 8);
    iv[8] = 0x01;
    iv[9] = 0x23;
    iv[10] = 0x45;
    iv[11] = 0x67;
    uint8_t tag[12];
    ck_assert_int_eq(msdk_port_crypto_aes_gmac(k_ek, 16, iv, 12, aad, sizeof aad, tag, 12),
                     MSDK_OK);
    ck_assert_mem_eq(&out[20], tag, 12);

    memcpy(apdu, out, n);
    len = n;
    rx = rx_of(MSDK_COSEM_SC_AUTH, k_st_s);
    /* Room: the plaintext and SC || AK in front of it. */
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, pn + 16u, out, NULL, &n),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, pn + 17u, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    ck_assert(all_zero(&out[n], 17u)); /* the AK is gone */
    /* In place. */
    uint8_t io[BUF];
    memcpy(io, apdu, len);
    ck_assert_int_eq(msdk_cosem_sec_unprotect(&k, &rx, io, len, io, len, NULL, &n), MSDK_OK);
    ck_expect_bytes(io, n, S1_PLAIN);
    ck_assert(all_zero(&io[n], len - n));
    /* A changed plaintext byte: authentication failure, nothing released. */
    apdu[10] ^= 0x01u;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
    /* Requiring encryption refuses it before deciphering. */
    apdu[10] ^= 0x01u;
    rx = rx_of(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC, k_st_s);
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
}
END_TEST

/* ---- Section 3: ciphered AARQ, RLRQ, RLRE ------------------------------------------------- */

START_TEST(test_aarq_user_info)
{
    uint8_t b[BUF];
    size_t len = ck_hex(S3_AARQ, b, sizeof b);
    msdk_cosem_aarq_t q;
    ck_assert_int_eq(msdk_cosem_aarq_decode(b, len, &q), MSDK_OK);
    ck_assert_uint_eq(q.app_context, MSDK_COSEM_APP_CONTEXT_LN_CIPHERED);
    ck_assert_uint_eq(q.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(q.user_info.tag, 0x21);
    ck_assert_uint_eq(q.calling_ap_title_len, 8u);
    ck_assert_mem_eq(q.calling_ap_title, k_st_s, 8);

    msdk_cosem_sec_keys_t k = { .ek = k_ek, .ak = k_ak };
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, q.calling_ap_title);
    uint8_t out[BUF];
    msdk_cosem_sec_header_t h;
    size_t n = 0;
    ck_assert_int_eq(unprot(&k, &rx, q.user_info.raw, q.user_info.raw_len, sizeof out, out, &h, &n),
                     MSDK_OK);
    ck_expect_bytes(out, n, S3_IREQ);
    ck_assert_uint_eq(h.plain_tag, 0x01);
    ck_assert_uint_eq(h.ic, S1_IC);
    msdk_cosem_initiate_req_t ir;
    ck_assert_int_eq(msdk_cosem_initiate_req_decode(out, n, &ir), MSDK_OK);
    ck_assert_uint_eq(ir.dedicated_key_len, 16u);
    ck_assert_mem_eq(ir.dedicated_key, k_dk, 16);
    ck_assert_uint_eq(ir.conformance, 0x007E1Fu);
    ck_assert_uint_eq(ir.max_pdu_size, 1200u);
    msdk_port_crypto_zeroize(&ir, sizeof ir);

    /* The other way: protecting the InitiateRequest gives the AARQ's user-information. */
    uint8_t plain[64];
    size_t pn = ck_hex(S3_IREQ, plain, sizeof plain);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x30u, S1_IC, k_st_s, plain, pn, out, sizeof out, &n),
        MSDK_OK);
    ck_expect_bytes(out, n, S3_UI);
    msdk_port_crypto_zeroize(&q, sizeof q);
}
END_TEST

START_TEST(test_release_user_info)
{
    uint8_t b[BUF];
    size_t len = ck_hex(S3_RLRQ, b, sizeof b);
    msdk_cosem_release_t r;
    ck_assert_int_eq(msdk_cosem_rlrq_decode(b, len, &r), MSDK_OK);
    ck_assert_uint_eq(r.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    msdk_cosem_sec_keys_t k = { .ek = k_ek, .ak = k_ak };
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, k_st_s);
    uint8_t out[BUF];
    size_t n = 0;
    ck_assert_int_eq(
        unprot(&k, &rx, r.user_info.raw, r.user_info.raw_len, sizeof out, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S3_IREQ);

    len = ck_hex(S3_RLRE, b, sizeof b);
    ck_assert_int_eq(msdk_cosem_rlre_decode(b, len, &r), MSDK_OK);
    ck_assert_uint_eq(r.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(r.user_info.tag, 0x28);
    msdk_cosem_sec_header_t h;
    ck_assert_int_eq(unprot(&k, &rx, r.user_info.raw, r.user_info.raw_len, sizeof out, out, &h, &n),
                     MSDK_OK);
    ck_expect_bytes(out, n, S3_IRESP);
    ck_assert_uint_eq(h.plain_tag, 0x08);
    msdk_cosem_initiate_resp_t ip;
    ck_assert_int_eq(msdk_cosem_initiate_resp_decode(out, n, &ip), MSDK_OK);
    ck_assert_uint_eq(ip.conformance, 0x007C1Fu);
    ck_assert_uint_eq(ip.max_pdu_size, 0x0400u);
    ck_assert_uint_eq(ip.vaa_name, 0x0007u);
}
END_TEST

/* ---- Section 4: general-glo-ciphering ----------------------------------------------------- */

START_TEST(test_general_glo_notification)
{
    uint8_t apdu[BUF];
    size_t len = ck_hex(S4_APDU, apdu, sizeof apdu);
    msdk_cosem_sec_keys_t k = { .ek = k_s4_key, .ak = k_s4_key };
    /* The title travels in the APDU: none needed from the caller. */
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, NULL);
    uint8_t out[BUF];
    msdk_cosem_sec_header_t h;
    size_t n = 0;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, &h, &n), MSDK_OK);
    ck_expect_bytes(out, n, S4_PLAIN);
    ck_assert_uint_eq(h.tag, 0xDB);
    ck_assert_uint_eq(h.form, MSDK_COSEM_SEC_FORM_GENERAL_GLO);
    ck_assert_uint_eq(h.plain_tag, 0u);
    ck_assert(h.system_title_present);
    ck_assert_mem_eq(h.system_title, k_s4_st, 8);
    ck_assert_uint_eq(h.ic, 0x1E5u);
    ck_assert_uint_eq(h.text_offset, 16u);

    /* Protect gives the published APDU byte for byte. */
    uint8_t plain[BUF];
    size_t pn = ck_hex(S4_PLAIN, plain, sizeof plain);
    msdk_cosem_sec_tx_t p = { .form = MSDK_COSEM_SEC_FORM_GENERAL_GLO,
                              .protection = 0x30u,
                              .ic = 0x1E5u,
                              .system_title = k_s4_st };
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_sec_protect(&k, &p, plain, pn, &w), MSDK_OK);
    ck_expect_bytes(out, w.pos, S4_APDU);

    /* In place. */
    uint8_t io[BUF];
    memcpy(io, apdu, len);
    ck_assert_int_eq(msdk_cosem_sec_unprotect(&k, &rx, io, len, io, len, NULL, &n), MSDK_OK);
    ck_expect_bytes(io, n, S4_PLAIN);
    ck_assert(all_zero(&io[n], len - n));

    /* Without the title (DB 00 ...): the caller's peer title is used, none is an error. */
    uint8_t nt[BUF];
    nt[0] = 0xDB;
    nt[1] = 0x00;
    memcpy(&nt[2], &apdu[10], len - 10u);
    size_t ntl = len - 8u;
    ck_assert_int_eq(unprot(&k, &rx, nt, ntl, sizeof out, out, &h, &n), MSDK_ERR_STATE);
    rx.peer_system_title = k_s4_st;
    ck_assert_int_eq(unprot(&k, &rx, nt, ntl, sizeof out, out, &h, &n), MSDK_OK);
    ck_expect_bytes(out, n, S4_PLAIN);
    ck_assert(!h.system_title_present);
    /* The APDU's title wins over the caller's: a wrong peer title does not matter then,
     * a wrong title in the APDU does. */
    rx.peer_system_title = k_st_s;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
    apdu[9] ^= 0x01u;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
}
END_TEST

/* Dedicated forms use the dedicated key, general-ded carries the title. */
START_TEST(test_ded_forms)
{
    uint8_t plain[32];
    size_t pn = ck_hex(S1_PLAIN, plain, sizeof plain);
    uint8_t out[BUF];
    size_t n = 0;
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_DED, 0x30u, 7u, k_st_c, plain, pn, out, sizeof out, &n), MSDK_OK);
    ck_assert_uint_eq(n, 32u);
    ck_assert_uint_eq(out[0], 0xD0); /* ded-get-request */
    uint8_t apdu[BUF];
    memcpy(apdu, out, n);
    size_t len = n;
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, k_st_c);
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    /* Without a dedicated key: no key for it. With the global key in its place: tag fails. */
    k.dk = NULL;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_STATE);
    k.dk = k_ek;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);

    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GENERAL_DED, 0x30u, 7u, k_st_c, plain, pn, out, sizeof out, &n),
        MSDK_OK);
    ck_assert_uint_eq(n, 41u);
    ck_assert_uint_eq(out[0], 0xDC);
    ck_assert_uint_eq(out[1], 0x08);
    ck_assert_mem_eq(&out[2], k_st_c, 8);
    ck_assert_uint_eq(out[10], 0x1E);
    memcpy(apdu, out, n);
    len = n;
    k = all_keys();
    rx = rx_of(0x30u, NULL);
    msdk_cosem_sec_header_t h;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, &h, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    ck_assert_uint_eq(h.form, MSDK_COSEM_SEC_FORM_GENERAL_DED);

    /* Broadcast key set: glo only, with the broadcast key. */
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x70u, 9u, k_st_c, plain, pn, out, sizeof out, &n), MSDK_OK);
    ck_assert_uint_eq(out[2], 0x70);
    memcpy(apdu, out, n);
    len = n;
    rx = rx_of(0x30u, k_st_c);
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    k.broadcast_ek = NULL;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_STATE);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_DED, 0x70u, 9u, k_st_c, plain, pn, out, sizeof out, &n),
        MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Tags --------------------------------------------------------------------------------- */

START_TEST(test_tag_table)
{
    /* plain, glo, ded: IEC 62056-5-3 XDLMS-APDU (0: general forms only). */
    static const uint8_t rows[][3] = {
        { 0x01, 0x21, 0x41 }, { 0x05, 0x25, 0x45 }, { 0x06, 0x26, 0x46 }, { 0x08, 0x28, 0x48 },
        { 0x0C, 0x2C, 0x4C }, { 0x0D, 0x2D, 0x4D }, { 0x0E, 0x2E, 0x4E }, { 0x16, 0x36, 0x56 },
        { 0x18, 0x38, 0x58 }, { 0xC0, 0xC8, 0xD0 }, { 0xC1, 0xC9, 0xD1 }, { 0xC2, 0xCA, 0xD2 },
        { 0xC3, 0xCB, 0xD3 }, { 0xC4, 0xCC, 0xD4 }, { 0xC5, 0xCD, 0xD5 }, { 0xC7, 0xCF, 0xD7 },
        { 0x0F, 0x00, 0x00 }, { 0xD8, 0x00, 0x00 }, { 0xD9, 0x00, 0x00 }, { 0xDA, 0x00, 0x00 },
    };
    bool ciphered[256];
    memset(ciphered, 0, sizeof ciphered);
    ciphered[0xDB] = true;
    ciphered[0xDC] = true;
    for (size_t i = 0; i < CK_COUNT(rows); i++) {
        uint8_t t = 0x55;
        if (rows[i][1] == 0u) {
            CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_GLO, &t),
                  MSDK_ERR_NOT_FOUND);
            CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_DED, &t),
                  MSDK_ERR_NOT_FOUND);
            CK_EQ(t, 0x55);
        } else {
            CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_GLO, &t), MSDK_OK);
            CK_EQ(t, rows[i][1]);
            CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_DED, &t), MSDK_OK);
            CK_EQ(t, rows[i][2]);
            ciphered[rows[i][1]] = true;
            ciphered[rows[i][2]] = true;
        }
        CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_GENERAL_GLO, &t),
              MSDK_OK);
        CK_EQ(t, 0xDB);
        CK_EQ(msdk_cosem_sec_ciphered_tag(rows[i][0], MSDK_COSEM_SEC_FORM_GENERAL_DED, &t),
              MSDK_OK);
        CK_EQ(t, 0xDC);
    }
    for (unsigned v = 0; v < 256u; v++) {
        CK_EQ(msdk_cosem_sec_is_ciphered_tag((uint8_t)v), ciphered[v]);
    }
    uint8_t t;
    ck_assert_int_eq(msdk_cosem_sec_ciphered_tag(0x60, MSDK_COSEM_SEC_FORM_GLO, &t),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_cosem_sec_ciphered_tag(0xC0, 0u, &t), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_sec_ciphered_tag(0xC0, 5u, &t), MSDK_ERR_INVALID_ARG);

    /* A data-notification has no glo- form; general-glo carries it. */
    uint8_t plain[BUF];
    size_t pn = ck_hex(S4_PLAIN, plain, sizeof plain);
    uint8_t out[BUF];
    size_t n = 0;
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x30u, 1u, k_st_s, plain, pn, out, sizeof out, &n),
        MSDK_ERR_NOT_FOUND);
    ck_assert_uint_eq(n, 0u);
}
END_TEST

/* ---- Robustness --------------------------------------------------------------------------- */

/* One flipped bit anywhere: never plaintext; the exact status per field. */
START_TEST(test_bit_flips)
{
    uint8_t apdu[64];
    size_t len = ck_hex(S1_APDU, apdu, sizeof apdu);
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_rx_t rx = rx_of(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC, k_st_s);
    /* Tag C8: C9, CA, CC (other glo- services: the plaintext is a get-request) and 48
     * (ded-initiateResponse: dedicated key) authenticate nothing; C0, D8, E8, 88 are not
     * ciphered tags. */
    static const msdk_err_t tag_bit[8] = { MSDK_ERR_AUTH,      MSDK_ERR_AUTH,
                                           MSDK_ERR_AUTH,      MSDK_ERR_NOT_FOUND,
                                           MSDK_ERR_NOT_FOUND, MSDK_ERR_NOT_FOUND,
                                           MSDK_ERR_NOT_FOUND, MSDK_ERR_AUTH };
    /* Length 1E (30 bytes follow): 1F, 3E, 5E run past the input; 1C, 1A, 16, 0E leave
     * bytes after the APDU; 9E is a long form with 30 length bytes. */
    static const msdk_err_t len_bit[8] = { MSDK_ERR_TRUNCATED, MSDK_ERR_MALFORMED,
                                           MSDK_ERR_MALFORMED, MSDK_ERR_MALFORMED,
                                           MSDK_ERR_MALFORMED, MSDK_ERR_TRUNCATED,
                                           MSDK_ERR_TRUNCATED, MSDK_ERR_MALFORMED };
    /* SC 30: suites 1, 2, 4, 8 not this one; 20 (encryption only) and 10 (authentication
     * only) below the requirement; 70 (broadcast key) does not authenticate; B0 compression. */
    static const msdk_err_t sc_bit[8] = { MSDK_ERR_NOT_SUPPORTED, MSDK_ERR_NOT_SUPPORTED,
                                          MSDK_ERR_NOT_SUPPORTED, MSDK_ERR_NOT_SUPPORTED,
                                          MSDK_ERR_AUTH,          MSDK_ERR_AUTH,
                                          MSDK_ERR_AUTH,          MSDK_ERR_NOT_SUPPORTED };
    uint8_t out[BUF];
    size_t n;
    for (size_t i = 0; i < len; i++) {
        for (unsigned b = 0; b < 8u; b++) {
            apdu[i] ^= (uint8_t)(1u << b);
            msdk_err_t want = (i == 0u)   ? tag_bit[b]
                              : (i == 1u) ? len_bit[b]
                              : (i == 2u) ? sc_bit[b]
                                          : MSDK_ERR_AUTH; /* IC, ciphertext, tag */
            msdk_err_t got = unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n);
            if (got != want) {
                ck_abort_msg("byte %zu bit %u: %d, expected %d", i, b, (int)got, (int)want);
            }
            apdu[i] ^= (uint8_t)(1u << b);
        }
    }
    /* Without a requirement the encryption-only downgrade deciphers (no integrity): the
     * reason why a server passes its security policy as the requirement. */
    apdu[2] = 0x20;
    rx.required = 0u;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
    ck_assert_uint_eq(n, 25u);
}
END_TEST

/* Every proper prefix is truncated, a byte more is malformed. */
START_TEST(test_truncations)
{
    static const char *const apdus[] = { S1_APDU, S4_APDU, S3_UI };
    static const uint8_t *const titles[] = { k_st_s, NULL, k_st_s };
    for (size_t a = 0; a < CK_COUNT(apdus); a++) {
        uint8_t apdu[BUF];
        size_t len = ck_hex(apdus[a], apdu, sizeof apdu);
        msdk_cosem_sec_keys_t k =
            (a == 1u) ? (msdk_cosem_sec_keys_t){ .ek = k_s4_key, .ak = k_s4_key } : all_keys();
        msdk_cosem_sec_rx_t rx = rx_of(0x30u, titles[a]);
        uint8_t out[BUF];
        size_t n;
        for (size_t cut = 0; cut < len; cut++) {
            CK_EQ(unprot(&k, &rx, apdu, cut, sizeof out, out, NULL, &n), MSDK_ERR_TRUNCATED);
            msdk_cosem_sec_header_t h;
            CK_EQ(msdk_cosem_sec_header_decode(apdu, cut, &h), MSDK_ERR_TRUNCATED);
        }
        CK_EQ(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_OK);
        apdu[len] = 0x00;
        CK_EQ(unprot(&k, &rx, apdu, len + 1u, sizeof out, out, NULL, &n), MSDK_ERR_MALFORMED);
    }
}
END_TEST

START_TEST(test_wrong_keys_and_titles)
{
    uint8_t apdu[64];
    size_t len = ck_hex(S1_APDU, apdu, sizeof apdu);
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, k_st_s);
    uint8_t out[BUF];
    size_t n;
    msdk_cosem_sec_keys_t k = all_keys();
    k.ek = k_bek;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
    k = all_keys();
    k.ak = k_ek;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
    k.ak = NULL;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_STATE);
    k = all_keys();
    k.ek = NULL;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_STATE);
    k = all_keys();
    rx.peer_system_title = k_st_c;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
    rx.peer_system_title = NULL;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_STATE);
    /* The caller runs suite 1: a suite 0 APDU is not its suite. */
    rx = rx_of(0x30u, k_st_s);
    rx.suite = 1u;
    ck_assert_int_eq(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_NOT_SUPPORTED);
}
END_TEST

START_TEST(test_malformed_and_huge)
{
    static const struct {
        const char *hex;
        msdk_err_t want;
    } cases[] = {
        { "", MSDK_ERR_TRUNCATED },
        { "C0 01 C1", MSDK_ERR_NOT_FOUND },          /* plain get-request */
        { "60 00", MSDK_ERR_NOT_FOUND },             /* AARQ */
        { "C8 04 30 012345", MSDK_ERR_MALFORMED },   /* content shorter than SC || IC */
        { "C8 05 30 01234567", MSDK_ERR_MALFORMED }, /* authenticated without a tag */
        { "C8 10 30 01234567 0102030405060708090A0B", MSDK_ERR_MALFORMED },
        { "C8 84 FFFFFFFF 30 01234567", MSDK_ERR_TRUNCATED }, /* 4 GiB claimed */
        { "C8 83 FFFFFF 30 01234567", MSDK_ERR_TRUNCATED },
        { "C8 82 0005 30 01234567", MSDK_ERR_MALFORMED }, /* not the shortest form */
        { "C8 81 05 30 01234567", MSDK_ERR_MALFORMED },
        { "C8 85 0000000005 30 01234567", MSDK_ERR_MALFORMED }, /* 5 length bytes */
        { "C8 80 30 01234567", MSDK_ERR_MALFORMED },            /* indefinite */
        { "DB 84 FFFFFFFF", MSDK_ERR_MALFORMED },               /* title neither 0 nor 8 */
        { "DB 04 01020304 05 30 01234567", MSDK_ERR_MALFORMED },
        { "DB 09 010203040506070809 05 20 01234567", MSDK_ERR_MALFORMED },
        { "DB 08 0102030405060708 84 7FFFFFFF 20", MSDK_ERR_TRUNCATED },
        { "DC 00 83 010000 20 01234567", MSDK_ERR_TRUNCATED },
    };
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_rx_t rx = rx_of(0u, k_st_s);
    for (size_t i = 0; i < CK_COUNT(cases); i++) {
        uint8_t apdu[64];
        size_t len = ck_hex(cases[i].hex, apdu, sizeof apdu);
        uint8_t out[BUF];
        size_t n;
        msdk_err_t got = unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n);
        if (got != cases[i].want) {
            ck_abort_msg("case %zu (%s): %d, expected %d", i, cases[i].hex, (int)got,
                         (int)cases[i].want);
        }
    }
    /* Well formed, refused for the SC byte: suite 2, compression, no protection. */
    static const uint8_t scs[] = { 0x32, 0xB0, 0x00, 0x80, 0x0F };
    for (size_t i = 0; i < sizeof scs; i++) {
        uint8_t apdu[64];
        size_t len = ck_hex("C8 1E 30 01234567 411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B",
                            apdu, sizeof apdu);
        apdu[2] = scs[i];
        uint8_t out[BUF];
        size_t n;
        msdk_cosem_sec_header_t h;
        CK_EQ(msdk_cosem_sec_header_decode(apdu, len, &h), MSDK_OK);
        CK_EQ(unprot(&k, &rx, apdu, len, sizeof out, out, NULL, &n), MSDK_ERR_NOT_SUPPORTED);
    }
    /* Encryption only with nothing inside: no get-request there. */
    uint8_t e[8];
    size_t el = ck_hex("C8 05 20 01234567", e, sizeof e);
    uint8_t out[BUF];
    size_t n;
    ck_assert_int_eq(unprot(&k, &rx, e, el, sizeof out, out, NULL, &n), MSDK_ERR_AUTH);
}
END_TEST

START_TEST(test_protect_args)
{
    uint8_t plain[32];
    size_t pn = ck_hex(S1_PLAIN, plain, sizeof plain);
    uint8_t out[BUF];
    size_t n;
    /* Unsupported protections, suite bits in the protection. */
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x00u, 1u, k_st_s, plain, pn, out, sizeof out, &n),
        MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0xB0u, 1u, k_st_s, plain, pn, out, sizeof out, &n),
        MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x31u, 1u, k_st_s, plain, pn, out, sizeof out, &n),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(prot(0u, 0x30u, 1u, k_st_s, plain, pn, out, sizeof out, &n),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x30u, 1u, k_st_s, plain, 0u, out, sizeof out, &n),
        MSDK_ERR_INVALID_ARG);
    /* The APDU inside the output buffer. */
    memcpy(&out[100], plain, pn);
    ck_assert_int_eq(
        prot(MSDK_COSEM_SEC_FORM_GLO, 0x30u, 1u, k_st_s, &out[100], pn, out, sizeof out, &n),
        MSDK_ERR_INVALID_ARG);
    /* Suite 2 is not supported; suite 1 writes its id in SC. */
    msdk_cosem_sec_keys_t k = all_keys();
    msdk_cosem_sec_tx_t p = { .form = MSDK_COSEM_SEC_FORM_GLO,
                              .suite = 2u,
                              .protection = 0x30u,
                              .ic = 1u,
                              .system_title = k_st_s };
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_sec_protect(&k, &p, plain, pn, &w), MSDK_ERR_NOT_SUPPORTED);
    p.suite = 1u;
    ck_assert_int_eq(msdk_cosem_sec_protect(&k, &p, plain, pn, &w), MSDK_OK);
    ck_assert_uint_eq(out[2], 0x31);
    uint8_t apdu[BUF];
    memcpy(apdu, out, w.pos);
    msdk_cosem_sec_rx_t rx = rx_of(0x30u, k_st_s);
    rx.suite = 1u;
    ck_assert_int_eq(unprot(&k, &rx, apdu, w.pos, sizeof out, out, NULL, &n), MSDK_OK);
    ck_expect_bytes(out, n, S1_PLAIN);
    /* A missing key. */
    k.ak = NULL;
    p.suite = 0u;
    msdk_wbuf_init(&w, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_sec_protect(&k, &p, plain, pn, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(w.pos, 0u);
    /* Large APDU: long-form length field (82 01 11 = 5 + 256 + 12). */
    static uint8_t big[256];
    memset(big, 0x00, sizeof big);
    big[0] = 0xC4;
    k = all_keys();
    msdk_wbuf_init(&w, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_sec_protect(&k, &p, big, sizeof big, &w), MSDK_OK);
    ck_assert_uint_eq(w.pos, 1u + 3u + 5u + 256u + 12u);
    ck_assert_uint_eq(out[0], 0xCC);
    ck_assert_uint_eq(out[1], 0x82);
    ck_assert_uint_eq(out[2], 0x01);
    ck_assert_uint_eq(out[3], 0x11);
    memcpy(apdu, out, w.pos);
    rx = rx_of(0x30u, k_st_s);
    ck_assert_int_eq(unprot(&k, &rx, apdu, w.pos, sizeof out, out, NULL, &n), MSDK_OK);
    ck_assert_uint_eq(n, sizeof big);
    ck_assert_mem_eq(out, big, sizeof big);
}
END_TEST

/* ---- HLS ---------------------------------------------------------------------------------- */

static const uint8_t k_stoc[8] = { 'P', '6', 'w', 'R', 'J', '2', '1', 'F' };
static const uint8_t k_ctos[8] = { 'K', '5', '6', 'i', 'V', 'a', 'g', 'Y' };

/* One side's view of one association: the client's, or the server's (the mirror). */
static msdk_cosem_hls_t hls_side(uint8_t mech, bool server)
{
    msdk_cosem_hls_t h = {
        .mechanism = mech,
        .own_challenge = server ? k_stoc : k_ctos,
        .own_challenge_len = 8u,
        .peer_challenge = server ? k_ctos : k_stoc,
        .peer_challenge_len = 8u,
        .own_system_title = server ? k_st_s : k_st_c,
        .peer_system_title = server ? k_st_c : k_st_s,
        .ek = k_ek,
        .ak = k_ak,
    };
    return h;
}

static msdk_cosem_hls_t hls_client(uint8_t mech)
{
    return hls_side(mech, false);
}

static msdk_cosem_hls_t hls_server(uint8_t mech)
{
    return hls_side(mech, true);
}

/* answer must verify; a changed byte (every one, or with ECDSA the first and last of r and of
 * s: each verification is slow under the sanitizers) and a shorter or longer answer must not. */
static void expect_verify(const msdk_cosem_hls_t *v, const uint8_t *answer, size_t len)
{
    ck_assert_int_eq(msdk_cosem_hls_verify(v, answer, len, NULL), MSDK_OK);
    uint8_t a[MSDK_COSEM_HLS_ANSWER_MAX + 1u];
    memcpy(a, answer, len);
    for (size_t i = 0; i < len; i++) {
        if ((v->mechanism == MSDK_COSEM_MECH_HLS_ECDSA) && ((i % 32u) != 0u) &&
            ((i % 32u) != 31u)) {
            continue;
        }
        a[i] ^= 0x01u;
        CK_EQ(msdk_cosem_hls_verify(v, a, len, NULL), MSDK_ERR_AUTH);
        a[i] ^= 0x01u;
    }
    CK_EQ(msdk_cosem_hls_verify(v, a, len - 1u, NULL), MSDK_ERR_AUTH);
    a[len] = 0;
    CK_EQ(msdk_cosem_hls_verify(v, a, len + 1u, NULL), MSDK_ERR_AUTH);
    CK_EQ(msdk_cosem_hls_verify(v, NULL, 0u, NULL), MSDK_ERR_AUTH);
}

START_TEST(test_hls5_vector)
{
    /* Section 2: the client (title 4D4D4D0000000001, IC 1) answers StoC. */
    msdk_cosem_hls_t c = hls_client(MSDK_COSEM_MECH_HLS_GMAC);
    c.own_ic = 1u;
    uint8_t out[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_OK);
    ck_expect_bytes(out, n, "10 00000001 1A52FE7DD3E72748973C1E28");
    ck_assert_uint_eq(msdk_cosem_hls_answer_len(MSDK_COSEM_MECH_HLS_GMAC), 17u);

    /* The server checks it and learns the client's IC. */
    msdk_cosem_hls_t s = hls_server(MSDK_COSEM_MECH_HLS_GMAC);
    uint32_t ic = 0;
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, &ic), MSDK_OK);
    ck_assert_uint_eq(ic, 1u);
    expect_verify(&s, out, n);
    /* Another SC in front (authenticated + encrypted): refused. */
    uint8_t a[17];
    memcpy(a, out, 17);
    a[0] = 0x30;
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, a, 17u, &ic), MSDK_ERR_AUTH);
    /* Another AK, another title: refused. */
    s.ak = k_bek;
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);
    s = hls_server(MSDK_COSEM_MECH_HLS_GMAC);
    s.peer_system_title = k_st_s;
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);

    /* And back: the server answers CtoS with its title and IC, the client checks. */
    s = hls_server(MSDK_COSEM_MECH_HLS_GMAC);
    s.own_ic = 0x10203040u;
    ck_assert_int_eq(msdk_cosem_hls_respond(&s, out, sizeof out, &n), MSDK_OK);
    ck_assert_uint_eq(n, 17u);
    ck_assert_uint_eq(out[0], 0x10);
    ck_assert_uint_eq(out[1], 0x10);
    ck_assert_uint_eq(out[4], 0x40);
    ck_assert_int_eq(msdk_cosem_hls_verify(&c, out, n, &ic), MSDK_OK);
    ck_assert_uint_eq(ic, 0x10203040u);
    expect_verify(&c, out, n);
}
END_TEST

START_TEST(test_hls34_vectors)
{
    static const uint8_t secret[] = { 'G', 'u', 'r', 'u', 'x' };
    static const struct {
        uint8_t mech;
        const char *f;
    } v[] = {
        { MSDK_COSEM_MECH_HLS_MD5, "B481209B439AD7B31C6852FB03655DD9" },
        { MSDK_COSEM_MECH_HLS_SHA1, "EE1AE061D6C8DB8AF1F93BB7F7945D85A2D7B522" },
    };
    for (size_t i = 0; i < CK_COUNT(v); i++) {
        msdk_cosem_hls_t c = hls_client(v[i].mech);
        c.secret = secret;
        c.secret_len = sizeof secret;
        uint8_t out[MSDK_COSEM_HLS_ANSWER_MAX];
        size_t n = 0;
        ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_OK);
        ck_expect_bytes(out, n, v[i].f);
        msdk_cosem_hls_t s = hls_server(v[i].mech);
        s.secret = secret;
        s.secret_len = sizeof secret;
        expect_verify(&s, out, n);
        s.secret_len = 4u;
        ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);
    }
}
END_TEST

START_TEST(test_hls6_roundtrip)
{
    static const uint8_t secret[] = "msdk-test-secret";
    msdk_cosem_hls_t c = hls_client(MSDK_COSEM_MECH_HLS_SHA256);
    c.secret = secret;
    c.secret_len = sizeof secret - 1u;
    msdk_cosem_hls_t s = hls_server(MSDK_COSEM_MECH_HLS_SHA256);
    s.secret = secret;
    s.secret_len = sizeof secret - 1u;
    uint8_t out[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0;
    /* Client f(StoC) = SHA-256(secret || ST-C || ST-S || StoC || CtoS), independent value. */
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_OK);
    ck_expect_bytes(out, n, "4956D19C50366EBFBCC819BE7DF0E3CF3A1CFC0ACC96D873E4E421DEECFDE675");
    expect_verify(&s, out, n);
    /* Server f(CtoS) = SHA-256(secret || ST-S || ST-C || CtoS || StoC), independent value. */
    ck_assert_int_eq(msdk_cosem_hls_respond(&s, out, sizeof out, &n), MSDK_OK);
    ck_expect_bytes(out, n, "94E4E71B005C2B7E3FCFDBE49562804EDC78560BA69280C7F393F9E1551D3CBF");
    expect_verify(&c, out, n);
    /* A client that answers with the server's formula is refused (direction matters). */
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);
    /* Other secret. */
    c.secret_len--;
    ck_assert_int_eq(msdk_cosem_hls_verify(&c, out, n, NULL), MSDK_ERR_AUTH);
}
END_TEST

START_TEST(test_hls7_roundtrip)
{
    uint8_t counter = 1;
    msdk_crypto_drbg_t drbg;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, ck_counter_entropy, &counter, NULL, 0u),
                     MSDK_OK);
    uint8_t c_priv[32], c_pub[65], s_priv[32], s_pub[65];
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, c_priv, c_pub), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, s_priv, s_pub), MSDK_OK);

    msdk_cosem_hls_t c = hls_client(MSDK_COSEM_MECH_HLS_ECDSA);
    c.own_private_key = c_priv;
    c.drbg = &drbg;
    c.peer_public_key = s_pub;
    msdk_cosem_hls_t s = hls_server(MSDK_COSEM_MECH_HLS_ECDSA);
    s.own_private_key = s_priv;
    s.drbg = &drbg;
    s.peer_public_key = c_pub;

    uint8_t out[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_OK);
    ck_assert_uint_eq(n, 64u);
    /* The client signs SHA-256(ST-C || ST-S || StoC || CtoS) (independent digest). */
    uint8_t digest[32];
    ck_hex("BCB0A76353E87246027F4FC66E1624EFBFE005B29BDBF6BE0B15D93861AED248", digest,
           sizeof digest);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(c_pub, digest, out), MSDK_OK);
    expect_verify(&s, out, n);
    /* Signed by another key: refused. */
    s.peer_public_key = s_pub;
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);
    s.peer_public_key = c_pub;

    /* The server signs SHA-256(ST-S || ST-C || CtoS || StoC); the client checks. */
    ck_assert_int_eq(msdk_cosem_hls_respond(&s, out, sizeof out, &n), MSDK_OK);
    expect_verify(&c, out, n);
    ck_assert_int_eq(msdk_cosem_hls_verify(&s, out, n, NULL), MSDK_ERR_AUTH);
    /* No private key: refused, output wiped. */
    s.own_private_key = NULL;
    memset(out, 0xA5, sizeof out);
    ck_assert_int_eq(msdk_cosem_hls_respond(&s, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    ck_assert(all_zero(out, sizeof out));
    msdk_port_crypto_zeroize(c_priv, sizeof c_priv);
    msdk_port_crypto_zeroize(s_priv, sizeof s_priv);
    msdk_port_crypto_drbg_free(&drbg);
}
END_TEST

START_TEST(test_hls_args)
{
    static const uint8_t secret[] = { 's', 'e', 'c' };
    static const uint8_t long_ch[65] = { 0 };
    uint8_t out[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 77;
    msdk_cosem_hls_t c = hls_client(MSDK_COSEM_MECH_HLS_MD5);
    c.secret = secret;
    c.secret_len = sizeof secret;
    /* Challenges of 7 and 65 bytes. */
    c.peer_challenge_len = 7u;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    c.peer_challenge = long_ch;
    c.peer_challenge_len = sizeof long_ch;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    c.peer_challenge_len = 64u;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_OK);
    ck_assert_uint_eq(n, 16u);
    /* Room. */
    memset(out, 0xA5, sizeof out);
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, 15u, &n), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert(all_zero(out, 15u));
    /* Mechanisms other than 3..7. */
    static const uint8_t others[] = { 0, 1, 2, 8, 0xFF };
    for (size_t i = 0; i < sizeof others; i++) {
        c.mechanism = others[i];
        CK_EQ(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_NOT_SUPPORTED);
        CK_EQ(msdk_cosem_hls_verify(&c, out, 16u, NULL), MSDK_ERR_NOT_SUPPORTED);
        CK_EQ(msdk_cosem_hls_answer_len(others[i]), 0u);
    }
    /* Secrets: none, too long for MD5. */
    c = hls_client(MSDK_COSEM_MECH_HLS_SHA1);
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    c.secret = long_ch;
    c.secret_len = 65u;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    /* HLS 6 needs both challenges and titles. */
    c = hls_client(MSDK_COSEM_MECH_HLS_SHA256);
    c.secret = secret;
    c.secret_len = sizeof secret;
    c.own_challenge = NULL;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_INVALID_ARG);
    c = hls_client(MSDK_COSEM_MECH_HLS_SHA256);
    c.secret = secret;
    c.secret_len = sizeof secret;
    c.peer_system_title = NULL;
    ck_assert_int_eq(msdk_cosem_hls_verify(&c, out, 32u, NULL), MSDK_ERR_INVALID_ARG);
    /* HLS 5: suite 2 not supported. */
    c = hls_client(MSDK_COSEM_MECH_HLS_GMAC);
    c.suite = 2u;
    ck_assert_int_eq(msdk_cosem_hls_respond(&c, out, sizeof out, &n), MSDK_ERR_NOT_SUPPORTED);
}
END_TEST

START_TEST(test_hls_challenge)
{
    uint8_t counter = 7;
    msdk_crypto_drbg_t drbg;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, ck_counter_entropy, &counter, NULL, 0u),
                     MSDK_OK);
    uint8_t a[64], b[64];
    ck_assert_int_eq(msdk_cosem_hls_challenge(&drbg, a, 16u), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hls_challenge(&drbg, b, 16u), MSDK_OK);
    ck_assert(memcmp(a, b, 16) != 0);
    ck_assert_int_eq(msdk_cosem_hls_challenge(&drbg, a, 7u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hls_challenge(&drbg, a, 65u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hls_challenge(&drbg, a, 64u), MSDK_OK);
    msdk_port_crypto_drbg_free(&drbg);
}
END_TEST

START_TEST(test_lls)
{
    static const uint8_t pw[] = { '1', '2', '3', '4', '5', '6', '7', '8' };
    uint8_t g[65];
    memcpy(g, pw, sizeof pw);
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, g, 8u), MSDK_OK);
    for (size_t i = 0; i < 8u; i++) {
        g[i] ^= 0x01u;
        CK_EQ(msdk_cosem_lls_check(pw, 8u, g, 8u), MSDK_ERR_AUTH);
        g[i] ^= 0x01u;
    }
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, g, 7u), MSDK_ERR_AUTH); /* a prefix */
    g[8] = 0x00;
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, g, 9u), MSDK_ERR_AUTH); /* padded with 00 */
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 7u, g, 8u), MSDK_ERR_AUTH);
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, NULL, 0u), MSDK_ERR_AUTH);
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, g, 65u), MSDK_ERR_AUTH);
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 0u, g, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_lls_check(NULL, 8u, g, 8u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_lls_check(pw, 8u, NULL, 8u), MSDK_ERR_INVALID_ARG);
    uint8_t max[64];
    memset(max, 'x', sizeof max);
    ck_assert_int_eq(msdk_cosem_lls_check(max, 64u, max, 64u), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_lls_check(max, 65u, max, 64u), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Key transfer ------------------------------------------------------------------------- */

/* key_transfer parameter: array of structure { enum key_id, octet-string key_wrapped }. */
#define KT_W1  "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5" /* RFC 3394 4.1 */
#define KT_W2  "11E143E576383E25FF8129F77CCCF2FD561A8F33F8D695EE" /* KEK 31..31 */
#define KT_WAK "C498429FF0B8E698352B17AFFAC7CA6C708D61062E82B6D4" /* AK under 00..0F, indep. */

static msdk_err_t kt(const uint8_t *kek, const char *hex, msdk_cosem_sec_key_t *keys, size_t max,
                     size_t *count)
{
    uint8_t p[BUF];
    size_t n = ck_hex(hex, p, sizeof p);
    uint8_t *c = ck_dup(p, n);
    for (size_t i = 0; i < max; i++) {
        memset(&keys[i], 0xA5, sizeof keys[i]);
    }
    msdk_err_t err = msdk_cosem_sec_key_transfer_decode(kek, 16u, 16u, c, n, keys, max, count);
    free(c);
    if (err != MSDK_OK) {
        CK_TRUE(all_zero((const uint8_t *)keys, max * sizeof(*keys)));
    }
    return err;
}

START_TEST(test_key_transfer_vectors)
{
    msdk_cosem_sec_key_t keys[MSDK_COSEM_KEY_TRANSFER_MAX];
    size_t count = 99;
    ck_assert_int_eq(kt(k_ek, "01 01 02 02 16 00 09 18 " KT_W1, keys, 4u, &count), MSDK_OK);
    ck_assert_uint_eq(count, 1u);
    ck_assert_uint_eq(keys[0].key_id, MSDK_COSEM_KEY_ID_GLOBAL_UNICAST);
    ck_assert_uint_eq(keys[0].key_len, 16u);
    ck_assert_mem_eq(keys[0].key, k_dk, 16); /* 00112233..EEFF */

    static const uint8_t kek31[16] = { '1', '1', '1', '1', '1', '1', '1', '1',
                                       '1', '1', '1', '1', '1', '1', '1', '1' };
    ck_assert_int_eq(kt(kek31, "01 01 02 02 16 02 09 18 " KT_W2, keys, 4u, &count), MSDK_OK);
    ck_assert_uint_eq(count, 1u);
    ck_assert_uint_eq(keys[0].key_id, MSDK_COSEM_KEY_ID_AUTHENTICATION);
    ck_assert_mem_eq(keys[0].key, k_ek, 16); /* 00010203..0F */

    /* Two keys under one KEK, in the order of the parameter. */
    ck_assert_int_eq(
        kt(k_ek, "01 02 02 02 16 02 09 18 " KT_WAK " 02 02 16 00 09 18 " KT_W1, keys, 4u, &count),
        MSDK_OK);
    ck_assert_uint_eq(count, 2u);
    ck_assert_uint_eq(keys[0].key_id, MSDK_COSEM_KEY_ID_AUTHENTICATION);
    ck_assert_mem_eq(keys[0].key, k_ak, 16);
    ck_assert_uint_eq(keys[1].key_id, MSDK_COSEM_KEY_ID_GLOBAL_UNICAST);
    ck_assert_mem_eq(keys[1].key, k_dk, 16);
    msdk_port_crypto_zeroize(keys, sizeof keys);
}
END_TEST

START_TEST(test_key_transfer_errors)
{
    msdk_cosem_sec_key_t keys[MSDK_COSEM_KEY_TRANSFER_MAX];
    size_t count = 99;
    /* All or nothing: the second key was wrapped under another KEK. */
    ck_assert_int_eq(
        kt(k_ek, "01 02 02 02 16 00 09 18 " KT_W1 " 02 02 16 02 09 18 " KT_W2, keys, 4u, &count),
        MSDK_ERR_AUTH);
    ck_assert_uint_eq(count, 99u);
    /* Wrong KEK; every flipped bit of the wrapped key. */
    ck_assert_int_eq(kt(k_ak, "01 01 02 02 16 00 09 18 " KT_W1, keys, 4u, &count), MSDK_ERR_AUTH);
    uint8_t p[BUF];
    size_t n = ck_hex("01 01 02 02 16 00 09 18 " KT_W1, p, sizeof p);
    for (size_t i = 8; i < n; i++) {
        for (unsigned b = 0; b < 8u; b++) {
            p[i] ^= (uint8_t)(1u << b);
            memset(keys, 0xA5, sizeof keys);
            CK_EQ(msdk_cosem_sec_key_transfer_decode(k_ek, 16u, 16u, p, n, keys, 4u, &count),
                  MSDK_ERR_AUTH);
            CK_TRUE(all_zero((const uint8_t *)keys, sizeof keys));
            p[i] ^= (uint8_t)(1u << b);
        }
    }
    /* Every truncation. */
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *c = ck_dup(p, cut);
        memset(keys, 0xA5, sizeof keys);
        CK_EQ(msdk_cosem_sec_key_transfer_decode(k_ek, 16u, 16u, c, cut, keys, 4u, &count),
              MSDK_ERR_TRUNCATED);
        CK_TRUE(all_zero((const uint8_t *)keys, sizeof keys));
        free(c);
    }
    ck_assert_uint_eq(count, 99u);
    /* Structure. */
    static const struct {
        const char *hex;
        msdk_err_t want;
    } cases[] = {
        { "01 00", MSDK_ERR_MALFORMED },                                /* empty */
        { "01 01 02 02 16 04 09 18 " KT_W1, MSDK_ERR_MALFORMED },       /* key id 4 */
        { "01 01 02 03 16 00 09 18 " KT_W1 " 00", MSDK_ERR_MALFORMED }, /* 3 members */
        { "01 01 02 02 11 00 09 18 " KT_W1, MSDK_ERR_MALFORMED },       /* unsigned */
        { "01 01 02 02 16 00 0A 18 " KT_W1, MSDK_ERR_MALFORMED },       /* visible-string */
        { "01 01 02 02 16 00 09 10 1FA68B0A8112B447AEF34BD8FB5A7B82", MSDK_ERR_MALFORMED },
        { "01 01 02 02 16 00 09 18 " KT_W1 " 00", MSDK_ERR_MALFORMED }, /* trailing */
        { "02 01 02 02 16 00 09 18 " KT_W1, MSDK_ERR_MALFORMED },       /* not an array */
        { "01 02 02 02 16 00 09 18 " KT_W1 " 02 02 16 00 09 18 " KT_W1, MSDK_ERR_MALFORMED },
        { "01 05 00 00 00 00 00", MSDK_ERR_MALFORMED },                /* more than 4 keys */
        { "01 84 7FFFFFFF 02 02", MSDK_ERR_TRUNCATED },                /* huge count */
        { "01 01 02 02 16 00 09 84 FFFFFFFF 00", MSDK_ERR_TRUNCATED }, /* huge length */
    };
    for (size_t i = 0; i < CK_COUNT(cases); i++) {
        msdk_err_t got = kt(k_ek, cases[i].hex, keys, 4u, &count);
        if (got != cases[i].want) {
            ck_abort_msg("case %zu (%s): %d, expected %d", i, cases[i].hex, (int)got,
                         (int)cases[i].want);
        }
    }
    /* Room for one key only. */
    ck_assert_int_eq(
        kt(k_ek, "01 02 02 02 16 02 09 18 " KT_WAK " 02 02 16 00 09 18 " KT_W1, keys, 1u, &count),
        MSDK_ERR_BUFFER_TOO_SMALL);
    /* Arguments. */
    ck_assert_int_eq(msdk_cosem_sec_key_transfer_decode(k_ek, 15u, 16u, p, n, keys, 4u, &count),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_sec_key_transfer_decode(k_ek, 16u, 20u, p, n, keys, 4u, &count),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_sec_key_transfer_decode(k_ek, 16u, 16u, p, n, NULL, 4u, &count),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(count, 99u);
}
END_TEST

/* ---- Suite -------------------------------------------------------------------------------- */

Suite *cosem_security_suite(void)
{
    Suite *s = suite_create("cosem_security");
    CK_TCASE(s, "vectors", sec_setup, test_gb_protect, test_gb_unprotect,
             test_enc_only_and_auth_only, test_aarq_user_info, test_release_user_info,
             test_general_glo_notification, test_ded_forms, test_tag_table);
    CK_TCASE(s, "robustness", sec_setup, test_bit_flips, test_truncations,
             test_wrong_keys_and_titles, test_malformed_and_huge, test_protect_args);
    CK_TCASE(s, "hls", sec_setup, test_hls5_vector, test_hls34_vectors, test_hls6_roundtrip,
             test_hls7_roundtrip, test_hls_args, test_hls_challenge, test_lls);
    CK_TCASE(s, "key_transfer", sec_setup, test_key_transfer_vectors, test_key_transfer_errors);
    return s;
}
