/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Server connections (session.h): the wrapper session fed with wrapped published APDUs in
 * chunks of every size, and the HDLC session driven by the HDLC client link back to back
 * (SNRM/UA, AARQ/AARE in I-frames, a GET whose answer is segmented over RR polls, DISC
 * ending the association).
 * The release of a ciphered association (IEC 62056-5-3): the published section 3 AARQ and
 * RLRQ of ../shared/vectors/dlms-vectors.md (the RLRQ repeats the AARQ's counter: refused as
 * a replay, released with a plain RLRE), then RLRQs with new counters built here by hand
 * (tag, length, SC, IC, GCM output of msdk/port/crypto.h; the builder reproduces the
 * published bytes) whose RLRE is taken apart and deciphered by hand too.
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_security.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/secstate.h"
#include "msdk/cosem/session.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

#include "cosem_check.h"
#include "cosem_test_keys.h"

Suite *cosem_session_suite(void);

static const msdk_cosem_value_t name_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDMA304H4000001", 16u },
};
static const msdk_cosem_data_def_t name_def = { &name_value, NULL, NULL };
static const msdk_cosem_assoc_ln_def_t aln_def = { 0u, 1u, NULL };
static const msdk_cosem_rights_t r_read[1] = { { .read = 0xFFFFFFFFu, .write = 0u, .exec = 0u } };
#define NAME_OBJ(c)                                                                                \
    {                                                                                              \
        { 0, 0, 96, 1, (c), 255 }, &msdk_cosem_class_data, &name_def, NULL, r_read                 \
    }
static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 42, 0, 0, 255 }, &msdk_cosem_class_data, &name_def, NULL, r_read },
    { { 0, 0, 40, 0, 0, 255 }, &msdk_cosem_class_assoc_ln, &aln_def, NULL, r_read },
    NAME_OBJ(0),
    NAME_OBJ(1),
    NAME_OBJ(2),
    NAME_OBJ(3),
    NAME_OBJ(4),
    NAME_OBJ(5),
    NAME_OBJ(6),
    NAME_OBJ(7),
    NAME_OBJ(8),
    NAME_OBJ(9),
};
static const msdk_cosem_assoc_def_t assocs[1] = { { 16u, MSDK_COSEM_MECH_LOWEST, 0x00501Fu,
                                                    &objects[1], NULL } };
static const msdk_cosem_ldev_t ldev = {
    objects, (uint16_t)(sizeof objects / sizeof objects[0]), assocs, 1u, 500u, NULL, NULL, NULL,
};

static const uint8_t aarq[] = { 0x60, 0x1D, 0xA1, 0x09, 0x06, 0x07, 0x60, 0x85, 0x74, 0x05, 0x08,
                                0x01, 0x01, 0xBE, 0x10, 0x04, 0x0E, 0x01, 0x00, 0x00, 0x00, 0x06,
                                0x5F, 0x1F, 0x04, 0x00, 0x00, 0x7E, 0x1F, 0x04, 0xB0 };
static const uint8_t aare[] = { 0x61, 0x29, 0xA1, 0x09, 0x06, 0x07, 0x60, 0x85, 0x74, 0x05, 0x08,
                                0x01, 0x01, 0xA2, 0x03, 0x02, 0x01, 0x00, 0xA3, 0x05, 0xA1, 0x03,
                                0x02, 0x01, 0x00, 0xBE, 0x10, 0x04, 0x0E, 0x08, 0x00, 0x06, 0x5F,
                                0x1F, 0x04, 0x00, 0x00, 0x50, 0x1F, 0x01, 0xF4, 0x00, 0x07 };
/* GET 0.0.42.0.0.255 (Data) attribute 2 and its answer. */
static const uint8_t get_name[] = { 0xC0, 0x01, 0xC1, 0x00, 0x01, 0x00, 0x00,
                                    0x2A, 0x00, 0x00, 0xFF, 0x02, 0x00 };
static const uint8_t name_resp[] = { 0xC4, 0x01, 0xC1, 0x00, 0x09, 0x10, 'M', 'S', 'D', 'M', 'A',
                                     '3',  '0',  '4',  'H',  '4',  '0',  '0', '0', '0', '0', '1' };

/* ---- Wrapper ------------------------------------------------------------------------------ */

static size_t wrap(uint8_t *out, uint16_t src, uint16_t dst, const uint8_t *apdu, size_t n)
{
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, 300);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&w, src, dst, apdu, n), MSDK_OK);
    return w.pos;
}

START_TEST(wrapper_session_in_chunks)
{
    /* AARQ, then GET, then a PDU for wPort 2 (no answer), in one stream cut every `chunk`. */
    uint8_t stream[300];
    size_t n = wrap(stream, 16u, 1u, aarq, sizeof aarq);
    n += wrap(&stream[n], 16u, 1u, get_name, sizeof get_name);
    n += wrap(&stream[n], 16u, 2u, get_name, sizeof get_name);
    for (size_t chunk = 1; chunk <= n; chunk++) {
        msdk_cosem_wrapper_session_t s;
        static uint8_t rx[512];
        static uint8_t scratch[128];
        ck_assert_int_eq(
            msdk_cosem_wrapper_session_init(&s, &ldev, 1u, rx, sizeof rx, scratch, sizeof scratch),
            MSDK_OK);
        uint8_t out[600];
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, out, sizeof out);
        unsigned answered = 0;
        for (size_t off = 0; off < n;) {
            size_t len = ((n - off) < chunk) ? (n - off) : chunk;
            size_t pos = 0;
            while (pos < len) {
                size_t used = 0;
                msdk_err_t err =
                    msdk_cosem_wrapper_session_rx(&s, &stream[off + pos], len - pos, &used, &tx);
                pos += used;
                if (err == MSDK_OK) {
                    answered++;
                } else {
                    ck_assert_int_eq(err, MSDK_ERR_WOULD_BLOCK);
                }
            }
            off += len;
        }
        ck_assert_uint_eq(answered, 3u);
        uint8_t want[300];
        size_t wn = wrap(want, 1u, 16u, aare, sizeof aare);
        wn += wrap(&want[wn], 1u, 16u, name_resp, sizeof name_resp);
        ck_assert_uint_eq(tx.pos, wn);
        ck_assert_mem_eq(out, want, wn);
        msdk_cosem_wrapper_session_close(&s);
    }
}
END_TEST

START_TEST(wrapper_session_bad_stream)
{
    msdk_cosem_wrapper_session_t s;
    uint8_t rx[64];
    ck_assert_int_eq(msdk_cosem_wrapper_session_init(&s, &ldev, 1u, rx, sizeof rx, NULL, 0),
                     MSDK_OK);
    uint8_t out[64];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, out, sizeof out);
    static const uint8_t bad_version[] = { 0x00, 0x02, 0x00, 0x10, 0x00, 0x01, 0x00, 0x01, 0x00 };
    size_t used = 0;
    ck_assert_int_ne(msdk_cosem_wrapper_session_rx(&s, bad_version, sizeof bad_version, &used, &tx),
                     MSDK_OK);
    ck_assert_uint_eq(tx.pos, 0u);
    /* Longer than the reassembly buffer. */
    msdk_cosem_wrapper_session_close(&s);
    static const uint8_t too_long[] = { 0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0x01, 0x00 };
    ck_assert_int_eq(msdk_cosem_wrapper_session_rx(&s, too_long, sizeof too_long, &used, &tx),
                     MSDK_ERR_BUFFER_TOO_SMALL);
}
END_TEST

/* ---- HDLC --------------------------------------------------------------------------------- */

static ck_hdlc_rig_t g_rig;

static void hdlc_setup(void)
{
    ck_hdlc_open(&g_rig, &ldev, 16u);
}

START_TEST(hdlc_session_conversation)
{
    ck_hdlc_rig_t *r = &g_rig;
    const uint8_t *resp = NULL;
    size_t n = ck_hdlc_request(r, aarq, sizeof aarq, &resp);
    ck_assert_uint_eq(n, sizeof aare);
    ck_assert_mem_eq(resp, aare, sizeof aare);
    n = ck_hdlc_request(r, get_name, sizeof get_name, &resp);
    ck_assert_uint_eq(n, sizeof name_resp);
    ck_assert_mem_eq(resp, name_resp, sizeof name_resp);
    /* The object list (about 380 bytes): one APDU sent in segments of 128 over RR polls. */
    static const uint8_t get_list[] = { 0xC0, 0x01, 0xC1, 0x00, 0x0F, 0x00, 0x00,
                                        0x28, 0x00, 0x00, 0xFF, 0x02, 0x00 };
    n = ck_hdlc_request(r, get_list, sizeof get_list, &resp);
    ck_assert_uint_gt(n, 256u);
    msdk_cosem_xdlms_get_response_t gr;
    ck_assert_int_eq(msdk_cosem_xdlms_get_response_decode(resp, n, 1u, &gr), MSDK_OK);
    ck_assert_uint_eq(gr.type, MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL);
    ck_assert(gr.result.is_data);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, gr.result.data.p, gr.result.data.len);
    ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 8u), MSDK_OK);
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    /* DISC ends the link and the association: a new link must associate again. */
    ck_assert_int_eq(msdk_cosem_hdlc_client_disconnect(&r->cli, r->now), MSDK_OK);
    ck_hdlc_pump(r);
    ck_assert(msdk_cosem_hdlc_session_take_events(&r->srv) & MSDK_COSEM_HDLC_EVT_DISCONNECTED);
    ck_assert(!msdk_cosem_assoc_is_open(&r->srv.assoc));
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&r->cli, r->now), MSDK_OK);
    ck_hdlc_pump(r);
    n = ck_hdlc_request(r, get_name, sizeof get_name, &resp);
    ck_assert_uint_eq(resp[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
}
END_TEST

/* ---- Release of a ciphered association --------------------------------------------------- */

/* One association: client 8, LLS "12345678" (the section 3 password), ciphered context with
 * the Green Book keys, requests authenticated and encrypted by policy; server max PDU 500. */
#define CIPH_SAP 8u
static msdk_cosem_secsetup_t g_sec;
static msdk_cosem_server_sec_t g_srvsec;
static uint8_t g_cbuf[512];
static const uint8_t ST_METER[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };

static msdk_err_t ciph_secret(void *ctx, uint8_t idx, uint8_t *buf, size_t cap, size_t *len)
{
    (void)ctx;
    (void)idx;
    ck_assert_uint_ge(cap, 8u);
    memcpy(buf, "12345678", 8u);
    *len = 8u;
    return MSDK_OK;
}

static msdk_err_t ciph_persist(void *ctx, uint32_t bound)
{
    (void)ctx;
    (void)bound;
    return MSDK_OK;
}

static const msdk_cosem_ldev_ops_t ciph_ops = { ciph_secret };
static const msdk_cosem_rights_t r_ciph[1] = { { .read = 0xFFFFFFFFu, .write = 0u, .exec = 0u } };
static const msdk_cosem_object_t ciph_objects[] = {
    { { 0, 0, 42, 0, 0, 255 }, &msdk_cosem_class_data, &name_def, NULL, r_ciph },
};
static const msdk_cosem_assoc_def_t ciph_assocs[1] = {
    { CIPH_SAP, MSDK_COSEM_MECH_LLS, 0x00501Fu, NULL, &g_sec },
};
static const msdk_cosem_ldev_t ciph_ldev = {
    ciph_objects, 1u, ciph_assocs, 1u, 500u, &ciph_ops, NULL, &g_srvsec,
};

static void ciph_setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    memset(&g_sec, 0, sizeof g_sec);
    memset(&g_srvsec, 0, sizeof g_srvsec);
    g_sec.policy = (uint8_t)(MSDK_COSEM_POLICY_AUTH_REQUEST | MSDK_COSEM_POLICY_ENC_REQUEST);
    g_sec.suite = MSDK_COSEM_SEC_SUITE_0;
    memcpy(g_sec.server_title, ST_METER, 8u);
    memcpy(g_sec.ek, k_ek, 16u);
    memcpy(g_sec.ak, k_ak, 16u);
    g_sec.keys_set = (uint8_t)(MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST) |
                               MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION));
    msdk_cosem_tx_ic_config_t tcfg = { 8u, ciph_persist, NULL };
    ck_assert_int_eq(msdk_cosem_tx_ic_init(&g_sec.tx_ic, &tcfg, 0x40u), MSDK_OK);
    msdk_cosem_rx_ic_init(&g_sec.rx_ic[0]);
    msdk_cosem_rx_ic_init(&g_sec.rx_ic[1]);
    msdk_cosem_secevents_init(&g_srvsec.events, NULL, NULL);
    ck_srv_init(&ciph_ldev, sizeof g_srv.scratch);
    ck_assert_int_eq(msdk_cosem_assoc_set_cipher_buffer(&g_srv.assoc, g_cbuf, sizeof g_cbuf),
                     MSDK_OK);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* The section 3 glo-initiateRequest with counter `ic`, by hand: 21 30, SC 30, IC, then
 * AES-GCM (EK, IV client title 4D4D4D0000BC614E || IC, AAD SC || AK) of the published
 * plaintext InitiateRequest (dedicated key 0011..FF, conformance 00 7E 1F, PDU 1200) and
 * its 12-byte tag: 50 bytes. */
/* AES-GCM inputs of an APDU with authenticated encryption (SC 30) from title st with counter
 * ic: IV = st || ic, AAD = SC || AK. */
static void gcm_iv_aad(const uint8_t st[8], uint32_t ic, uint8_t iv[12], uint8_t aad[17])
{
    memcpy(iv, st, 8u);
    put_u32(&iv[8], ic);
    aad[0] = 0x30u;
    memcpy(&aad[1], k_ak, 16u);
}

static size_t glo_initiate(uint32_t ic, uint8_t out[50])
{
    uint8_t plain[31];
    ck_assert_uint_eq(ck_hex("01 01 10 00112233445566778899AABBCCDDEEFF 00 00 06 5F1F04 00007E1F"
                             " 04B0",
                             plain, sizeof plain),
                      31u);
    uint8_t iv[12];
    uint8_t aad[17];
    gcm_iv_aad(k_st_s, ic, iv, aad);
    out[0] = 0x21u;
    out[1] = 0x30u;
    out[2] = 0x30u;
    put_u32(&out[3], ic);
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(k_ek, 16u, iv, 12u, aad, 17u, plain, 31u,
                                                      &out[7], &out[38], 12u),
                     MSDK_OK);
    return 50u;
}

/* The section 3 AARQ (its fields before the user information, as published) and an RLRQ
 * (reason normal), each with glo_initiate(ic) as user information (BE 34 04 32 ...). */
static size_t ciph_aarq(uint32_t ic, uint8_t *out)
{
    size_t n = ck_hex("6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B07608574050802"
                      "01AC0A80083132333435363738BE340432",
                      out, 64u);
    return n + glo_initiate(ic, &out[n]);
}

static size_t ciph_rlrq(uint32_t ic, uint8_t *out)
{
    size_t n = ck_hex("6239800100BE340432", out, 16u);
    return n + glo_initiate(ic, &out[n]);
}

/* Associates with the AARQ of counter `ic`; returns the server's counter in its
 * glo-initiateResponse (AARE accepted). */
static uint32_t ciph_associate(uint32_t ic)
{
    uint8_t q[128];
    ck_send_sap(CIPH_SAP, q, ciph_aarq(ic, q));
    ck_assert(msdk_cosem_assoc_is_open(&g_srv.assoc));
    msdk_cosem_aare_t ans;
    ck_assert_int_eq(msdk_cosem_aare_decode(g_srv.out, g_srv.out_len, &ans), MSDK_OK);
    ck_assert_uint_eq(ans.result, MSDK_COSEM_ASSOC_ACCEPTED);
    ck_assert_uint_eq(ans.user_info.raw[0], 0x28u);
    const uint8_t *p = &ans.user_info.raw[3];
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint32_t count(msdk_cosem_secevent_t e)
{
    return msdk_cosem_secevents_count(&g_srvsec.events, e);
}

START_TEST(rlrq_ciphered)
{
    /* The builders reproduce the published section 3 AARQ and RLRQ. */
    static const char aarq3[] =
        "6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A8008"
        "3132333435363738BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB004772060"
        "6B175BD52211BE6841DB204D39EE6FDB8E356855";
    static const char rlrq3[] = "6239800100BE34043221303001234567801302FF8A7874133D414CED25B42534"
                                "D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855";
    uint8_t q[128];
    ck_expect_bytes(q, ciph_aarq(0x01234567u, q), aarq3);
    ck_expect_bytes(q, ciph_rlrq(0x01234567u, q), rlrq3);

    /* The published AARQ, then the published RLRQ: its counter is the AARQ's, a replay.
     * Released all the same, with a plain RLRE. */
    (void)ciph_associate(0x01234567u);
    ck_xchg_sap(CIPH_SAP, rlrq3, "6303800100");
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_REPLAY), 1u);
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_DECRYPT_FAILED), 0u);

    /* A new counter: the RLRE carries a glo-initiateResponse, taken apart here: 63 28,
     * reason 80 01 00, BE 23 04 21, then 28 1F SC 30 IC, 14 bytes of ciphertext, the tag. */
    uint32_t aare_ic = ciph_associate(0x01234568u);
    ck_send_sap(CIPH_SAP, q, ciph_rlrq(0x01234569u, q));
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
    const uint8_t *r = g_srv.out;
    ck_assert_uint_eq(g_srv.out_len, 0x2Au);
    uint8_t head[12];
    ck_hex("6328800100BE230421281F30", head, sizeof head);
    ck_assert_mem_eq(r, head, sizeof head);
    uint32_t ic =
        ((uint32_t)r[12] << 24) | ((uint32_t)r[13] << 16) | ((uint32_t)r[14] << 8) | r[15];
    ck_assert_uint_gt(ic, aare_ic);
    /* Deciphered as the client does (IV = the meter's title || IC, AAD = SC || AK): the
     * published InitiateResponse of section 7 (conformance 00 50 1F, PDU 500). */
    uint8_t iv[12];
    uint8_t aad[17];
    gcm_iv_aad(ST_METER, ic, iv, aad);
    uint8_t plain[14];
    ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(k_ek, 16u, iv, 12u, aad, 17u, &r[16], 14u,
                                                      &r[30], 12u, plain),
                     MSDK_OK);
    ck_expect_bytes(plain, sizeof plain, "0800065F1F040000501F01F40007");
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_REPLAY), 1u);
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_DECRYPT_FAILED), 0u);

    /* A ciphertext byte changed: released, plain RLRE, DECRYPT_FAILED. */
    (void)ciph_associate(0x0123456Au);
    size_t n = ciph_rlrq(0x0123456Bu, q);
    q[20] ^= 0x01u;
    ck_send_sap(CIPH_SAP, q, n);
    ck_expect_hex("6303800100");
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_DECRYPT_FAILED), 1u);

    /* A plain RLRQ on the ciphered association (whose policy wants protected requests)
     * still releases it, with a plain RLRE. */
    (void)ciph_associate(0x0123456Cu);
    ck_xchg_sap(CIPH_SAP, "6203800100", "6303800100");
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));

    /* A ciphered RLRQ without an association: nothing to decipher it with. */
    ck_send_sap(CIPH_SAP, q, ciph_rlrq(0x0123456Du, q));
    ck_expect_hex("6303800100");
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_DECRYPT_FAILED), 2u);
    ck_assert_uint_eq(count(MSDK_COSEM_SECEVENT_REPLAY), 1u);
}
END_TEST

Suite *cosem_session_suite(void)
{
    Suite *s = suite_create("cosem_session");
    CK_TCASE(s, "wrapper", NULL, wrapper_session_in_chunks, wrapper_session_bad_stream);
    CK_TCASE(s, "hdlc", hdlc_setup, hdlc_session_conversation);
    CK_TCASE(s, "release", ciph_setup, rlrq_ciphered);
    return s;
}
