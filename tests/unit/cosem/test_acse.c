/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * ACSE (AARQ, AARE, RLRQ, RLRE) and xDLMS Initiate tests.
 *
 * Vectors (/work/shared/vectors/dlms-vectors.md):
 * - section 3: the Green Book ciphered AARQ (LN with ciphering, calling AP
 *   title, LLS, glo-initiate-request), its decrypted InitiateRequest with a
 *   dedicated key, the ciphered RLRQ and RLRE and the RLRE's decrypted
 *   InitiateResponse (u9n/dlms-cosem tests/test_asce);
 * - section 6: the AARQ and AARE inside the HDLC I-frames (u9n test_hdlc.py);
 * - section 7: the plain AARQs (no security, LLS, HLS-2, HLS-5, epri-dev LLS),
 *   the AAREs (accepted, two rejections, HLS-5), RLRQ/RLRE and the plain
 *   InitiateRequest / InitiateResponse.
 * Every vector is decoded and checked field by field, and the same values,
 * written by hand into the structs, are encoded and compared byte for byte.
 * Other inputs are hand-derived from the ASN.1 of IEC 62056-5-3 (BER long-form
 * lengths, unknown fields, wrong tags, the AARE for an unknown mechanism).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "msdk/cosem/acse.h"
#include "cosem_acse_any.h"
#include "cosem_check.h"

Suite *cosem_acse_suite(void);

/* ---- Helpers ------------------------------------------------------------------------------ */

#define MAXBUF 512u

/* Decodes @p hex as kind @p k into @p o (must succeed); returns the bytes in @p buf. */
static size_t dec_hex(kind_t k, const char *hex, uint8_t *buf, any_t *o)
{
    size_t n = ck_hex(hex, buf, MAXBUF);
    memset(o, 0xA5, sizeof *o);
    ck_assert_int_eq(dec(k, buf, n, o), MSDK_OK);
    return n;
}

/* Encodes @p o and compares with @p hex. */
static void enc_expect(kind_t k, const any_t *o, const char *hex)
{
    uint8_t want[MAXBUF];
    uint8_t got[MAXBUF];
    size_t n = ck_hex(hex, want, MAXBUF);
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, got, sizeof got);
    ck_assert_int_eq(enc(k, o, &wb), MSDK_OK);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(got, want, n);
}

/* Decoding @p hex as kind @p k must fail with @p want and leave the output untouched. */
static void expect_err(kind_t k, const char *hex, msdk_err_t want)
{
    uint8_t buf[MAXBUF];
    any_t o;
    any_t before;
    size_t n = ck_hex(hex, buf, MAXBUF);
    memset(&o, 0x5A, sizeof o);
    before = o;
    msdk_err_t err = dec(k, buf, n, &o);
    ck_assert_msg(err == want, "%s: error %d, expected %d", hex, (int)err, (int)want);
    ck_assert_mem_eq(&o, &before, sizeof o);
}

/* One input that a decoder must refuse. */
typedef struct {
    kind_t k;
    const char *hex;
    msdk_err_t err;
} err_case_t;

static void expect_errs(const err_case_t *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        expect_err(c[i].k, c[i].hex, c[i].err);
    }
}

/*
 * Decodes every strict prefix (TRUNCATED, output untouched), re-encodes the
 * decoded value (same bytes), encodes into every smaller buffer
 * (BUFFER_TOO_SMALL, nothing written) and replaces every byte by other values
 * (never a crash; output untouched on error).
 */
static void robustness(kind_t k, const char *hex, bool reencode)
{
    uint8_t buf[MAXBUF];
    uint8_t out[MAXBUF];
    any_t o;
    any_t before;
    size_t n = ck_hex(hex, buf, MAXBUF);
    for (size_t cut = 0; cut < n; cut++) {
        memset(&o, 0x5A, sizeof o);
        before = o;
        msdk_err_t err = dec(k, cut == 0 ? NULL : buf, cut, &o);
        if (err != MSDK_ERR_TRUNCATED || memcmp(&o, &before, sizeof o) != 0) {
            ck_abort_msg("prefix %zu of %zu: err %d", cut, n, (int)err);
        }
    }
    memset(&o, 0, sizeof o);
    ck_assert_int_eq(dec(k, buf, n, &o), MSDK_OK);
    if (reencode) {
        enc_expect(k, &o, hex);
    }
    msdk_wbuf_t full;
    msdk_wbuf_init(&full, out, sizeof out);
    ck_assert_int_eq(enc(k, &o, &full), MSDK_OK);
    for (size_t cap = 0; cap < full.pos; cap++) {
        memset(out, 0xEE, sizeof out);
        msdk_wbuf_t wb;
        msdk_wbuf_init(&wb, out, cap);
        msdk_err_t err = enc(k, &o, &wb);
        if (err != MSDK_ERR_BUFFER_TOO_SMALL || wb.pos != 0u || out[0] != 0xEEu) {
            ck_abort_msg("capacity %zu of %zu: err %d", cap, full.pos, (int)err);
        }
    }
    static const uint8_t subst[] = { 0x00, 0x01, 0x7F, 0x80, 0x81, 0x84, 0x85, 0xFF };
    for (size_t i = 0; i < n; i++) {
        uint8_t keep = buf[i];
        for (size_t j = 0; j <= sizeof subst; j++) {
            buf[i] = j < sizeof subst ? subst[j] : (uint8_t)(keep ^ 0x20u);
            if (buf[i] == keep) {
                continue;
            }
            memset(&o, 0x5A, sizeof o);
            before = o;
            msdk_err_t err = dec(k, buf, n, &o);
            if (err != MSDK_OK && memcmp(&o, &before, sizeof o) != 0) {
                ck_abort_msg("byte %zu = %02X: output changed on error %d", i, buf[i], (int)err);
            }
        }
        buf[i] = keep;
    }
}

static void set_request(msdk_cosem_user_info_t *ui, uint32_t conf, uint16_t pdu)
{
    memset(ui, 0, sizeof *ui);
    ui->raw = NULL;
    ui->kind = MSDK_COSEM_UI_INITIATE_REQUEST;
    ui->request.response_allowed = true;
    ui->request.dlms_version = 6;
    ui->request.conformance = conf;
    ui->request.max_pdu_size = pdu;
}

static void set_response(msdk_cosem_user_info_t *ui, uint32_t conf, uint16_t pdu)
{
    memset(ui, 0, sizeof *ui);
    ui->raw = NULL;
    ui->kind = MSDK_COSEM_UI_INITIATE_RESPONSE;
    ui->response.dlms_version = 6;
    ui->response.conformance = conf;
    ui->response.max_pdu_size = pdu;
    ui->response.vaa_name = MSDK_COSEM_VAA_NAME_LN;
}

static void init_aarq(msdk_cosem_aarq_t *a, uint8_t ctx)
{
    memset(a, 0, sizeof *a);
    a->called_ap_title = NULL;
    a->calling_ae_qualifier = NULL;
    a->acse_version1 = true;
    a->app_context = ctx;
}

static void init_aare(msdk_cosem_aare_t *a, uint8_t result, uint8_t source, uint8_t diag)
{
    memset(a, 0, sizeof *a);
    a->responding_ae_qualifier = NULL;
    a->acse_version1 = true;
    a->app_context = MSDK_COSEM_APP_CONTEXT_LN;
    a->result = result;
    a->diag_source = source;
    a->diag = diag;
}

static void set_auth(msdk_cosem_aarq_t *a, uint8_t mech, const char *value)
{
    a->auth_required = true;
    a->mechanism_present = true;
    a->mechanism = mech;
    a->auth_value_present = true;
    a->auth_value_len = (uint8_t)strlen(value);
    memcpy(a->auth_value, value, a->auth_value_len);
}

/* ---- Vectors ------------------------------------------------------------------------------ */

/* section 7 */
#define V_IREQ       "01000000065F1F0400007E1F04B0"
#define V_IRESP      "0800065F1F040000501F01F40007"
#define V_AARQ_PLAIN "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0"
#define V_AARQ_LLS                                                                                 \
    "6036A1090607608574050801018A0207808B0760857405080201AC0A80083132333435363738BE10040E01000000" \
    "065F1F0400007E1F04B0"
#define V_AARQ_HLS5                                                                                \
    "6036A1090607608574050801018A0207808B0760857405080205AC0A80084B35366956616759BE10040E01000000" \
    "065F1F0400007E1F04B0"
#define V_AARQ_HLS2                                                                                \
    "6036A1090607608574050801018A0207808B0760857405080202AC0A80083132333435363738BE10040E01000000" \
    "065F1F0400007E1FFFFF"
#define V_AARQ_EPRI                                                                                \
    "6036A1090607608574050801018A0207808B0760857405080201AC0A80083333333333333333BE10040E01000000" \
    "065F1F0400007E1F0000"
#define V_AARE_OK                                                                                  \
    "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007"
#define V_AARE_CTX                                                                                 \
    "6129A109060760857405080101A203020101A305A103020102BE10040E0800065F1F040000501F01F40007"
#define V_AARE_VERSION "611FA109060760857405080101A203020101A305A103020101BE0604040E010601"
#define V_AARE_HLS5                                                                                \
    "6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A800850367752" \
    "4A323146BE10040E0800065F1F040000501F01F40007"
#define V_RLRQ       "6203800100"
#define V_RLRE       "6303800100"
#define V_RLRE_IRESP "6316800100BE11040F080100065F1F0400001E1D04C80007"
/* section 6: the APDUs inside the HDLC I-frames (after the LLC bytes, before the FCS) */
#define V_HDLC_AARQ  "601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF"
#define V_HDLC_AARE                                                                                \
    "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007"
/* section 3 */
#define V_CIPH_INFO                                                                                \
    "21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB" \
    "8E356855"
#define V_AARQ_CIPH                                                                                \
    "6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A800831323334" \
    "35363738BE340432" V_CIPH_INFO
#define V_IREQ_DED       "01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0"
#define V_RLRQ_CIPH      "6239800100BE340432" V_CIPH_INFO
#define V_RLRE_CIPH_INFO "281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893"
#define V_RLRE_CIPH      "6328800100BE230421" V_RLRE_CIPH_INFO
#define V_IRESP_DEC      "0800065F1F0400007C1F04000007"

/* ---- xDLMS Initiate ----------------------------------------------------------------------- */

START_TEST(initiate_request_vector)
{
    uint8_t buf[MAXBUF];
    any_t o;
    dec_hex(K_IREQ, V_IREQ, buf, &o);
    ck_assert_uint_eq(o.ireq.dedicated_key_len, 0);
    ck_assert(o.ireq.response_allowed);
    ck_assert(!o.ireq.qos_present);
    ck_assert_uint_eq(o.ireq.dlms_version, 6);
    ck_assert_uint_eq(o.ireq.conformance, 0x007E1Fu);
    ck_assert_uint_eq(o.ireq.max_pdu_size, 1200);
    /* 00 7E 1F: the usual LN client proposal, bit by bit */
    ck_assert_uint_eq(MSDK_COSEM_CONF_PRIORITY_MGMT | MSDK_COSEM_CONF_ATTRIBUTE0_WITH_GET |
                          MSDK_COSEM_CONF_BLOCK_TRANSFER_GET | MSDK_COSEM_CONF_BLOCK_TRANSFER_SET |
                          MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION |
                          MSDK_COSEM_CONF_MULTIPLE_REFERENCES | MSDK_COSEM_CONF_GET |
                          MSDK_COSEM_CONF_SET | MSDK_COSEM_CONF_SELECTIVE_ACCESS |
                          MSDK_COSEM_CONF_EVENT_NOTIFICATION | MSDK_COSEM_CONF_ACTION,
                      0x007E1Fu);

    any_t w;
    memset(&w, 0, sizeof w);
    w.ireq.response_allowed = true;
    w.ireq.dlms_version = 6;
    w.ireq.conformance = 0x007E1F;
    w.ireq.max_pdu_size = 0x04B0;
    enc_expect(K_IREQ, &w, V_IREQ);
    robustness(K_IREQ, V_IREQ, true);
}
END_TEST

START_TEST(initiate_request_dedicated_key)
{
    uint8_t buf[MAXBUF];
    uint8_t key[16];
    any_t o;
    ck_hex("00112233445566778899AABBCCDDEEFF", key, MAXBUF);
    dec_hex(K_IREQ, V_IREQ_DED, buf, &o);
    ck_assert_uint_eq(o.ireq.dedicated_key_len, 16);
    ck_assert_mem_eq(o.ireq.dedicated_key, key, 16);
    ck_assert(o.ireq.response_allowed);
    ck_assert_uint_eq(o.ireq.conformance, 0x007E1Fu);
    ck_assert_uint_eq(o.ireq.max_pdu_size, 1200);

    any_t w;
    memset(&w, 0, sizeof w);
    memcpy(w.ireq.dedicated_key, key, 16);
    w.ireq.dedicated_key_len = 16;
    w.ireq.response_allowed = true;
    w.ireq.dlms_version = 6;
    w.ireq.conformance = 0x007E1F;
    w.ireq.max_pdu_size = 1200;
    enc_expect(K_IREQ, &w, V_IREQ_DED);
    robustness(K_IREQ, V_IREQ_DED, true);

    /* response-allowed FALSE and a QoS, hand-derived: 01 00 | 01 00 | 01 05 */
    w.ireq.dedicated_key_len = 0;
    w.ireq.response_allowed = false;
    w.ireq.qos_present = true;
    w.ireq.qos = -3;
    enc_expect(K_IREQ, &w, "01 00 0100 01FD 06 5F1F0400007E1F 04B0");
    dec_hex(K_IREQ, "01 00 0100 01FD 06 5F1F0400007E1F 04B0", buf, &o);
    ck_assert(!o.ireq.response_allowed);
    ck_assert(o.ireq.qos_present);
    ck_assert_int_eq(o.ireq.qos, -3);
    /* explicit TRUE */
    dec_hex(K_IREQ, "01 00 0101 00 06 5F1F0400007E1F 04B0", buf, &o);
    ck_assert(o.ireq.response_allowed);
}
END_TEST

START_TEST(initiate_request_errors)
{
    static const err_case_t cases[] = {
        { K_IREQ, "08000000065F1F0400007E1F04B0", MSDK_ERR_MALFORMED }, /* tag */
        { K_IREQ, "01020000065F1F0400007E1F04B0", MSDK_ERR_MALFORMED }, /* flag 2 */
        { K_IREQ, "01000200065F1F0400007E1F04B0", MSDK_ERR_MALFORMED },
        { K_IREQ, "01000002065F1F0400007E1F04B0", MSDK_ERR_MALFORMED },
        { K_IREQ, "010000000640 1F0400007E1F04B0", MSDK_ERR_MALFORMED },    /* conf tag */
        { K_IREQ, "01000000065F1F0500007E1F04B0", MSDK_ERR_MALFORMED },     /* conf len */
        { K_IREQ, "01000000065F1F0401007E1F04B0", MSDK_ERR_MALFORMED },     /* unused bits */
        { K_IREQ, "01000000065F1F0400007E1F04B000", MSDK_ERR_MALFORMED },   /* trailing */
        { K_IREQ, "010100000000065F1F0400007E1F04B0", MSDK_ERR_MALFORMED }, /* empty key */
        /* a 33-byte dedicated key is longer than any AES key */
        { K_IREQ,
          "010121"
          "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20"
          "0000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_IREQ,
          "01018110"
          "00112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED }, /* A-XDR long-form key length */
    };
    expect_errs(cases, CK_COUNT(cases));
    /* a 32-byte key (AES-256) is fine */
    uint8_t buf[MAXBUF];
    any_t o;
    dec_hex(K_IREQ,
            "010120"
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
            "0000065F1F0400007E1F04B0",
            buf, &o);
    ck_assert_uint_eq(o.ireq.dedicated_key_len, 32);
    ck_assert_uint_eq(o.ireq.dedicated_key[31], 0x1F);
    ck_assert_int_eq(msdk_cosem_initiate_req_decode(buf, 3, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_req_decode(NULL, 3, &o.ireq), MSDK_ERR_INVALID_ARG);

    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    o.ireq.dedicated_key_len = 33;
    ck_assert_int_eq(msdk_cosem_initiate_req_encode(&o.ireq, &wb), MSDK_ERR_INVALID_ARG);
    o.ireq.dedicated_key_len = 0;
    o.ireq.conformance = 0x1000000;
    ck_assert_int_eq(msdk_cosem_initiate_req_encode(&o.ireq, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_req_encode(NULL, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_req_encode(&o.ireq, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
}
END_TEST

START_TEST(initiate_response_vectors)
{
    uint8_t buf[MAXBUF];
    any_t o;
    dec_hex(K_IRESP, V_IRESP, buf, &o);
    ck_assert(!o.iresp.qos_present);
    ck_assert_uint_eq(o.iresp.dlms_version, 6);
    ck_assert_uint_eq(o.iresp.conformance, 0x00501Fu);
    ck_assert_uint_eq(o.iresp.max_pdu_size, 0x01F4);
    ck_assert_uint_eq(o.iresp.vaa_name, MSDK_COSEM_VAA_NAME_LN);
    dec_hex(K_IRESP, V_IRESP_DEC, buf, &o);
    ck_assert_uint_eq(o.iresp.conformance, 0x007C1Fu);
    ck_assert_uint_eq(o.iresp.max_pdu_size, 0x0400);

    any_t w;
    memset(&w, 0, sizeof w);
    w.iresp.dlms_version = 6;
    w.iresp.conformance = MSDK_COSEM_CONF_PRIORITY_MGMT | MSDK_COSEM_CONF_BLOCK_TRANSFER_GET |
                          MSDK_COSEM_CONF_GET | MSDK_COSEM_CONF_SET |
                          MSDK_COSEM_CONF_SELECTIVE_ACCESS | MSDK_COSEM_CONF_EVENT_NOTIFICATION |
                          MSDK_COSEM_CONF_ACTION;
    w.iresp.max_pdu_size = 500;
    w.iresp.vaa_name = MSDK_COSEM_VAA_NAME_LN;
    enc_expect(K_IRESP, &w, V_IRESP);
    robustness(K_IRESP, V_IRESP, true);
    robustness(K_IRESP, V_IRESP_DEC, true);
    robustness(K_IRESP, "080100065F1F0400001E1D04C80007", true);

    static const err_case_t cases[] = {
        { K_IRESP, "0900065F1F040000501F01F40007", MSDK_ERR_MALFORMED },
        { K_IRESP, "0803065F1F040000501F01F40007", MSDK_ERR_MALFORMED },
        { K_IRESP, "0800065F1E040000501F01F40007", MSDK_ERR_MALFORMED },
        { K_IRESP, "0800065F1F040000501F01F4000700", MSDK_ERR_MALFORMED },
    };
    expect_errs(cases, CK_COUNT(cases));
    w.iresp.conformance = 0xFF000000u;
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_initiate_resp_encode(&w.iresp, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_resp_decode(buf, 1, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- AARQ --------------------------------------------------------------------------------- */

START_TEST(aarq_plain_vectors)
{
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;
    dec_hex(K_AARQ, V_AARQ_PLAIN, buf, &o);
    ck_assert(o.aarq.acse_version1);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_LN);
    ck_assert_ptr_null(o.aarq.called_ap_title);
    ck_assert_uint_eq(o.aarq.calling_ap_title_len, 0);
    ck_assert_ptr_null(o.aarq.calling_ae_qualifier);
    ck_assert(!o.aarq.calling_ae_invocation_id_present);
    ck_assert(!o.aarq.auth_required);
    ck_assert(!o.aarq.mechanism_present);
    ck_assert(!o.aarq.auth_value_present);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_INITIATE_REQUEST);
    ck_assert_uint_eq(o.aarq.user_info.tag, 0x01);
    ck_assert_ptr_eq(o.aarq.user_info.raw, buf + 17);
    ck_assert_uint_eq(o.aarq.user_info.raw_len, 14);
    ck_assert_uint_eq(o.aarq.user_info.request.dlms_version, 6);
    ck_assert_uint_eq(o.aarq.user_info.request.conformance, 0x007E1Fu);
    ck_assert_uint_eq(o.aarq.user_info.request.max_pdu_size, 1200);
    init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN);
    set_request(&w.aarq.user_info, 0x007E1F, 1200);
    enc_expect(K_AARQ, &w, V_AARQ_PLAIN);
    robustness(K_AARQ, V_AARQ_PLAIN, true);

    dec_hex(K_AARQ, V_HDLC_AARQ, buf, &o);
    ck_assert_uint_eq(o.aarq.user_info.request.conformance, 0x001E1Du);
    ck_assert_uint_eq(o.aarq.user_info.request.max_pdu_size, 0xFFFF);
    set_request(&w.aarq.user_info, 0x001E1D, 0xFFFF);
    enc_expect(K_AARQ, &w, V_HDLC_AARQ);
    robustness(K_AARQ, V_HDLC_AARQ, true);
}
END_TEST

START_TEST(aarq_authenticated_vectors)
{
    static const struct {
        const char *hex;
        uint8_t mech;
        const char *value;
        uint16_t pdu;
    } v[] = {
        { V_AARQ_LLS, MSDK_COSEM_MECH_LLS, "12345678", 1200 },
        { V_AARQ_HLS5, MSDK_COSEM_MECH_HLS_GMAC, "K56iVagY", 1200 },
        { V_AARQ_HLS2, MSDK_COSEM_MECH_HLS, "12345678", 0xFFFF },
        { V_AARQ_EPRI, MSDK_COSEM_MECH_LLS, "33333333", 0 },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t buf[MAXBUF];
        any_t o;
        any_t w;
        dec_hex(K_AARQ, v[i].hex, buf, &o);
        ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_LN);
        ck_assert(o.aarq.auth_required);
        ck_assert(o.aarq.mechanism_present);
        ck_assert_uint_eq(o.aarq.mechanism, v[i].mech);
        ck_assert(o.aarq.auth_value_present);
        ck_assert_uint_eq(o.aarq.auth_value_len, 8);
        ck_assert_mem_eq(o.aarq.auth_value, v[i].value, 8);
        ck_assert_uint_eq(o.aarq.calling_ap_title_len, 0);
        ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_INITIATE_REQUEST);
        ck_assert_uint_eq(o.aarq.user_info.request.conformance, 0x007E1Fu);
        ck_assert_uint_eq(o.aarq.user_info.request.max_pdu_size, v[i].pdu);

        init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN);
        set_auth(&w.aarq, v[i].mech, v[i].value);
        set_request(&w.aarq.user_info, 0x007E1F, v[i].pdu);
        enc_expect(K_AARQ, &w, v[i].hex);
        robustness(K_AARQ, v[i].hex, true);
    }
}
END_TEST

START_TEST(aarq_ciphered_vector)
{
    uint8_t buf[MAXBUF];
    uint8_t info[MAXBUF];
    uint8_t title[8];
    any_t o;
    any_t w;
    size_t info_len = ck_hex(V_CIPH_INFO, info, MAXBUF);
    ck_hex("4D4D4D0000BC614E", title, MAXBUF);
    size_t n = dec_hex(K_AARQ, V_AARQ_CIPH, buf, &o);
    ck_assert_uint_eq(n, 0x68);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_LN_CIPHERED);
    ck_assert_uint_eq(o.aarq.calling_ap_title_len, 8);
    ck_assert_mem_eq(o.aarq.calling_ap_title, title, 8);
    ck_assert(o.aarq.auth_required);
    ck_assert_uint_eq(o.aarq.mechanism, MSDK_COSEM_MECH_LLS);
    ck_assert_uint_eq(o.aarq.auth_value_len, 8);
    ck_assert_mem_eq(o.aarq.auth_value, "12345678", 8);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(o.aarq.user_info.tag, 0x21);
    ck_assert_uint_eq(o.aarq.user_info.raw_len, 0x32);
    ck_assert_uint_eq(info_len, 0x32);
    ck_assert_ptr_eq(o.aarq.user_info.raw, buf + n - info_len);
    ck_assert_mem_eq(o.aarq.user_info.raw, info, info_len);

    init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN_CIPHERED);
    memcpy(w.aarq.calling_ap_title, title, 8);
    w.aarq.calling_ap_title_len = 8;
    set_auth(&w.aarq, MSDK_COSEM_MECH_LLS, "12345678");
    w.aarq.user_info.kind = MSDK_COSEM_UI_CIPHERED;
    w.aarq.user_info.raw = info;
    w.aarq.user_info.raw_len = info_len;
    enc_expect(K_AARQ, &w, V_AARQ_CIPH);
    robustness(K_AARQ, V_AARQ_CIPH, true);

    /* The raw user information of a ciphered AARQ, once deciphered, is V_IREQ_DED. */
    any_t d;
    dec_hex(K_IREQ, V_IREQ_DED, info, &d);
    ck_assert_uint_eq(d.ireq.dedicated_key_len, 16);

    /* Ciphered initiate requests of the other forms are flagged too; responses are not. */
    static const char *const forms[] = { "41", "DB", "DC", "DD" };
    for (size_t i = 0; i < 4; i++) {
        char hex[80];
        strcpy(hex, "6011A109060760857405080103BE0404020000");
        memcpy(hex + 34, forms[i], 2);
        dec_hex(K_AARQ, hex, buf, &o);
        ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_CIPHERED);
        ck_assert_uint_eq(o.aarq.user_info.raw_len, 2);
    }
    static const err_case_t cases[] = {
        { K_AARQ, "6011A109060760857405080103BE0404022800", MSDK_ERR_NOT_SUPPORTED },
        { K_AARQ, "6011A109060760857405080103BE0404020800", MSDK_ERR_NOT_SUPPORTED },
        { K_AARQ, "6011A109060760857405080103BE04040209FF", MSDK_ERR_NOT_SUPPORTED },
    };
    expect_errs(cases, CK_COUNT(cases));
}
END_TEST

START_TEST(aarq_optional_fields)
{
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;
    /* Hand-derived: protocol-version, called AP title, calling AE qualifier,
     * calling-AE-invocation-id 5, implementation-information, then user info. */
    const char *hex = "6045"
                      "80020780"
                      "A109060760857405080101"
                      "A20A04080102030405060708"
                      "A60A04084D4D4D0000000001"
                      "A705040301AABB"
                      "A903020105"
                      "BE10040E01000000065F1F0400007E1F04B0";
    size_t n = dec_hex(K_AARQ, hex, buf, &o);
    ck_assert_uint_eq(n, 0x47);
    ck_assert(o.aarq.acse_version1);
    ck_assert_ptr_eq(o.aarq.called_ap_title, buf + 21);
    ck_assert_uint_eq(o.aarq.called_ap_title_len, 8);
    ck_assert_uint_eq(o.aarq.calling_ap_title_len, 8);
    ck_assert_uint_eq(o.aarq.calling_ap_title[7], 1);
    ck_assert_ptr_eq(o.aarq.calling_ae_qualifier, buf + 45);
    ck_assert_uint_eq(o.aarq.calling_ae_qualifier_len, 3);
    ck_assert(o.aarq.calling_ae_invocation_id_present);
    ck_assert_uint_eq(o.aarq.calling_ae_invocation_id, 5);
    /* The encoder never emits protocol-version: the rest is the same. */
    w = o;
    enc_expect(K_AARQ, &w,
               "6041A109060760857405080101A20A04080102030405060708A60A04084D4D4D0000000001"
               "A705040301AABBA903020105BE10040E01000000065F1F0400007E1F04B0");
    robustness(K_AARQ, hex, false);

    /* protocol-version without version1 decodes, for a no-common-acse-version AARE */
    dec_hex(K_AARQ, "6021800207 00A109060760857405080101BE10040E01000000065F1F0400007E1F04B0", buf,
            &o);
    ck_assert(!o.aarq.acse_version1);
    /* Unknown fields are skipped: called-AP-invocation-id [4], implementation-info [29],
     * and a high-tag-number field [31] after user-information. */
    dec_hex(K_AARQ,
            "6029A109060760857405080101A403020107"
            "9D024142"
            "BE10040E01000000065F1F0400007E1F04B0"
            "9F1F00",
            buf, &o);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_INITIATE_REQUEST);
    /* No user information at all is not a decoding error. */
    dec_hex(K_AARQ, "600BA109060760857405080101", buf, &o);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_NONE);
    /* An empty authentication value (LLS without password) */
    dec_hex(K_AARQ, "600FA109060760857405080101AC028000", buf, &o);
    ck_assert(o.aarq.auth_value_present);
    ck_assert_uint_eq(o.aarq.auth_value_len, 0);
    /* calling-AE-invocation-id 128 needs two content bytes; re-encodes the same */
    init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN);
    w.aarq.calling_ae_invocation_id_present = true;
    w.aarq.calling_ae_invocation_id = 128;
    enc_expect(K_AARQ, &w, "6011A109060760857405080101A90402020080");
    dec_hex(K_AARQ, "6011A109060760857405080101A90402020080", buf, &o);
    ck_assert_uint_eq(o.aarq.calling_ae_invocation_id, 128);
}
END_TEST

START_TEST(aarq_unknown_names)
{
    uint8_t buf[MAXBUF];
    any_t o;
    /* mechanism 2.16.756.5.8.2.8: not a known mechanism, still a valid AARQ */
    dec_hex(K_AARQ,
            "6036A1090607608574050801018A0207808B0760857405080208AC0A80083132333435363738BE10040E"
            "01000000065F1F0400007E1F04B0",
            buf, &o);
    ck_assert(o.aarq.mechanism_present);
    ck_assert_uint_eq(o.aarq.mechanism, MSDK_COSEM_MECH_UNKNOWN);
    /* a mechanism OID outside the DLMS arc (1.2.3) */
    dec_hex(K_AARQ, "600FA1090607608574050801018B022A03", buf, &o);
    ck_assert_uint_eq(o.aarq.mechanism, MSDK_COSEM_MECH_UNKNOWN);
    /* application context 2.16.756.5.8.1.5 and a longer OID */
    dec_hex(K_AARQ, "600BA109060760857405080105", buf, &o);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_UNKNOWN);
    dec_hex(K_AARQ, "600CA10A06086085740508010101", buf, &o);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_UNKNOWN);
    dec_hex(K_AARQ, "600BA109060760857405080201", buf, &o); /* a mechanism OID as context */
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_UNKNOWN);
    dec_hex(K_AARQ, "600BA109060760857405080104", buf, &o);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_SN_CIPHERED);

    /* The server's answer to the unknown mechanism, hand-derived from the AARE ASN.1:
     * rejected-permanent, acse-service-user authentication-mechanism-name-not-recognised. */
    any_t w;
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, MSDK_COSEM_APP_CONTEXT_LN,
                                            MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                                            MSDK_COSEM_DIAG_SOURCE_USER,
                                            MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED, NULL),
                     MSDK_OK);
    enc_expect(K_AARE, &w, "6117A109060760857405080101A203020101A305A10302010B");
    /* and to an unknown application context */
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, MSDK_COSEM_APP_CONTEXT_LN,
                                            MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                                            MSDK_COSEM_DIAG_SOURCE_USER,
                                            MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED, NULL),
                     MSDK_OK);
    enc_expect(K_AARE, &w, "6117A109060760857405080101A203020101A305A103020102");
    /* and to a protocol-version without version1 (acse-service-provider) */
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, MSDK_COSEM_APP_CONTEXT_LN,
                                            MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                                            MSDK_COSEM_DIAG_SOURCE_PROVIDER,
                                            MSDK_COSEM_DIAG_PROVIDER_NO_COMMON_ACSE_VERSION, NULL),
                     MSDK_OK);
    enc_expect(K_AARE, &w, "6117A109060760857405080101A203020101A305A203020102");
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, 0, 1, 1, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, 1, 0, 1, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, 1, 1, 3, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aare_reject(NULL, 1, 1, 1, 0, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(aarq_long_form_lengths)
{
    uint8_t buf[MAXBUF];
    any_t o;
    /* V_AARQ_PLAIN with every length in long form (81 xx, 82 00 xx, 84 00 00 00 xx) */
    dec_hex(K_AARQ,
            "6081 25 A1810A 068107 60857405080101 BE8200 14 04 84 0000000E"
            "01000000065F1F0400007E1F04B0",
            buf, &o);
    ck_assert_uint_eq(o.aarq.app_context, MSDK_COSEM_APP_CONTEXT_LN);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_INITIATE_REQUEST);
    ck_assert_uint_eq(o.aarq.user_info.request.max_pdu_size, 1200);
    robustness(K_AARQ,
               "6081 25 A1810A 068107 60857405080101 BE8200 14 04 84 0000000E"
               "01000000065F1F0400007E1F04B0",
               false);

    /* The encoder uses the long form once the APDU passes 127 bytes: 64-byte HLS challenge
     * and a 16-byte dedicated key. */
    any_t w;
    init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN);
    w.aarq.auth_required = true;
    w.aarq.mechanism_present = true;
    w.aarq.mechanism = MSDK_COSEM_MECH_HLS_SHA256;
    w.aarq.auth_value_present = true;
    w.aarq.auth_value_len = MSDK_COSEM_AUTH_VALUE_MAX;
    for (size_t i = 0; i < MSDK_COSEM_AUTH_VALUE_MAX; i++) {
        w.aarq.auth_value[i] = (uint8_t)('A' + i % 26u);
    }
    set_request(&w.aarq.user_info, 0x007E1F, 1200);
    w.aarq.user_info.request.dedicated_key_len = 16;
    memset(w.aarq.user_info.request.dedicated_key, 0x11, 16);
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&w.aarq, &wb), MSDK_OK);
    /* 11 + 4 + 9 + (2 + 2 + 64) + (2 + 2 + 31) = 127 bytes of fields: still short form.
     * One more byte of challenge is not allowed, so add a calling AP title instead. */
    ck_assert_uint_eq(buf[1], 127);
    ck_assert_uint_eq(wb.pos, 129);
    memset(w.aarq.calling_ap_title, 0x4D, 8);
    w.aarq.calling_ap_title_len = 8;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&w.aarq, &wb), MSDK_OK);
    ck_assert_uint_eq(buf[1], 0x81);
    ck_assert_uint_eq(buf[2], 139);
    ck_assert_uint_eq(wb.pos, 142);
    ck_assert_int_eq(msdk_cosem_aarq_decode(buf, wb.pos, &o.aarq), MSDK_OK);
    ck_assert_uint_eq(o.aarq.auth_value_len, 64);
    ck_assert_mem_eq(o.aarq.auth_value, w.aarq.auth_value, 64);
    ck_assert_uint_eq(o.aarq.mechanism, MSDK_COSEM_MECH_HLS_SHA256);
    ck_assert_uint_eq(o.aarq.user_info.request.dedicated_key_len, 16);
    ck_assert_uint_eq(o.aarq.calling_ap_title_len, 8);

    /* Ciphered user information longer than 255 bytes: 82 xx xx lengths */
    static uint8_t big[300];
    memset(big, 0x33, sizeof big);
    big[0] = 0xDB;
    init_aarq(&w.aarq, MSDK_COSEM_APP_CONTEXT_LN_CIPHERED);
    w.aarq.user_info.kind = MSDK_COSEM_UI_CIPHERED;
    w.aarq.user_info.raw = big;
    w.aarq.user_info.raw_len = sizeof big;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&w.aarq, &wb), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 4u + 11u + 4u + 4u + 300u);
    ck_assert_uint_eq(buf[1], 0x82);
    ck_assert_int_eq(msdk_cosem_aarq_decode(buf, wb.pos, &o.aarq), MSDK_OK);
    ck_assert_uint_eq(o.aarq.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(o.aarq.user_info.raw_len, 300);
    ck_assert_ptr_eq(o.aarq.user_info.raw, buf + wb.pos - 300);
}
END_TEST

START_TEST(aarq_malformed)
{
    /* wrong outer tag, trailing byte, outer length beyond the input */
    static const err_case_t cases[] = {
        { K_AARQ, "611DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B000",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "601EA109060760857405080101BE10040E01000000065F1F0400007E1F04B0",
          MSDK_ERR_TRUNCATED },
        /* indefinite length, 5 length bytes */
        { K_AARQ, "6080A1090607608574050801010000", MSDK_ERR_MALFORMED },
        { K_AARQ, "60850000000009A109060760857405080101", MSDK_ERR_MALFORMED },
        /* inner lengths running past their parent */
        { K_AARQ, "600BA10A060760857405080101", MSDK_ERR_MALFORMED },
        { K_AARQ, "600BA109060860857405080101", MSDK_ERR_MALFORMED },
        { K_AARQ, "601DA109060760857405080101BE11040E01000000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "601DA109060760857405080101BE10040F01000000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "600DA109060760857405080101A984", MSDK_ERR_MALFORMED },
        /* user information: content shorter than the InitiateRequest, or longer */
        { K_AARQ, "601CA109060760857405080101BE0F040D01000000065F1F0400007E1F04",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "601EA109060760857405080101BE11040F01000000065F1F0400007E1F04B000",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA109060760857405080101BE020400", MSDK_ERR_MALFORMED },
        /* wrong tags: A1 primitive, OID as OCTET STRING, BE content not an OCTET STRING,
         * user-info primitive, a universal-class field, mechanism constructed */
        { K_AARQ, "600B8109060760857405080101", MSDK_ERR_MALFORMED },
        { K_AARQ, "600BA109040760857405080101", MSDK_ERR_MALFORMED },
        { K_AARQ, "601DA109060760857405080101BE10030E01000000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "601DA1090607608574050801019E10040E01000000065F1F0400007E1F04B0",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "600EA1090607608574050801010401AA", MSDK_ERR_MALFORMED },
        { K_AARQ, "6014A109060760857405080101AB0760857405080201", MSDK_ERR_MALFORMED },
        /* two elements inside an EXPLICIT wrapper */
        { K_AARQ, "600DA10B0607608574050801010500", MSDK_ERR_MALFORMED },
        /* missing application context; fields out of order; duplicate field */
        { K_AARQ, "6012BE10040E01000000065F1F0400007E1F04B0", MSDK_ERR_MALFORMED },
        { K_AARQ, "601DBE10040E01000000065F1F0400007E1F04B0A109060760857405080101",
          MSDK_ERR_MALFORMED },
        { K_AARQ, "6016A109060760857405080101A109060760857405080101", MSDK_ERR_MALFORMED },
        /* OIDs: empty, last sub-identifier unfinished */
        { K_AARQ, "6004A1020600", MSDK_ERR_MALFORMED },
        { K_AARQ, "600BA109060760857405080181", MSDK_ERR_MALFORMED },
        { K_AARQ, "600DA1090607608574050801018B00", MSDK_ERR_MALFORMED },
        /* ACSE requirements: empty, unused bits 8, unused bits without data */
        { K_AARQ, "600DA1090607608574050801018A00", MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA1090607608574050801018A020880", MSDK_ERR_MALFORMED },
        { K_AARQ, "600EA1090607608574050801018A0107", MSDK_ERR_MALFORMED },
        /* high tag number form: number below 31, leading zero digit, more than 3 bytes */
        { K_AARQ, "600EA1090607608574050801019F0500", MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA1090607608574050801019F801F00", MSDK_ERR_MALFORMED },
        { K_AARQ, "6011A1090607608574050801019F8181817F00", MSDK_ERR_MALFORMED },
        /* calling AP title: 9 bytes, empty, not an OCTET STRING */
        { K_AARQ, "6018A109060760857405080101A60B04094D4D4D0000BC614E01", MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA109060760857405080101A6020400", MSDK_ERR_MALFORMED },
        { K_AARQ, "6017A109060760857405080101A60A06084D4D4D0000BC614E", MSDK_ERR_MALFORMED },
        /* calling-AE-invocation-id: negative, not minimal, too big */
        { K_AARQ, "6010A109060760857405080101A9030201FF", MSDK_ERR_MALFORMED },
        { K_AARQ, "6011A109060760857405080101A90402020005", MSDK_ERR_MALFORMED },
        { K_AARQ, "6014A109060760857405080101A907020500FFFFFFFF", MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA109060760857405080101A9020200", MSDK_ERR_MALFORMED },
        /* authentication value: bit string alternative, two elements, primitive wrapper */
        { K_AARQ, "6014A109060760857405080101AC0781050031323334", MSDK_ERR_NOT_SUPPORTED },
        { K_AARQ, "6013A109060760857405080101AC06800131800131", MSDK_ERR_MALFORMED },
        { K_AARQ, "600FA1090607608574050801018C028000", MSDK_ERR_MALFORMED },
    };
    expect_errs(cases, CK_COUNT(cases));
}
END_TEST

START_TEST(aarq_auth_value_limit)
{
    uint8_t buf[MAXBUF];
    char hex[600];
    any_t o;
    /* 64 bytes: accepted; 65 bytes: longer than MSDK_COSEM_AUTH_VALUE_MAX */
    for (unsigned len = 64; len <= 66; len++) {
        size_t pos = 0;
        pos += (size_t)snprintf(hex + pos, sizeof hex - pos,
                                "60%02XA109060760857405080101AC%02X80%02X", 11u + 4u + len,
                                2u + len, len);
        for (unsigned i = 0; i < len; i++) {
            pos += (size_t)snprintf(hex + pos, sizeof hex - pos, "%02X", 0x30u + i % 10u);
        }
        if (len == 64) {
            dec_hex(K_AARQ, hex, buf, &o);
            ck_assert_uint_eq(o.aarq.auth_value_len, 64);
            ck_assert_uint_eq(o.aarq.auth_value[63], 0x33);
        } else {
            expect_err(K_AARQ, hex, MSDK_ERR_MALFORMED);
        }
    }
}
END_TEST

START_TEST(aarq_encode_args)
{
    uint8_t buf[MAXBUF];
    msdk_wbuf_t wb;
    msdk_cosem_aarq_t a;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    ck_assert_int_eq(msdk_cosem_aarq_encode(NULL, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, NULL), MSDK_ERR_INVALID_ARG);
    a.app_context = 0;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    a.app_context = 5;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    a.calling_ap_title_len = 9;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    a.mechanism_present = true;
    a.mechanism = 8;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    a.auth_value_present = true;
    a.auth_value_len = 65;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    a.calling_ae_invocation_id_present = true;
    a.calling_ae_invocation_id = 0x80000000u;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    set_response(&a.user_info, 0x1F, 500); /* a response in an AARQ */
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    a.user_info.kind = MSDK_COSEM_UI_SERVICE_ERROR;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    a.user_info.kind = 9;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    static const uint8_t glo_resp[2] = { 0x28, 0x00 };
    a.user_info.kind = MSDK_COSEM_UI_CIPHERED;
    a.user_info.raw = glo_resp; /* a ciphered response in an AARQ */
    a.user_info.raw_len = 2;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    a.user_info.raw = NULL;
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    set_request(&a.user_info, 0x1000000, 500);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
    ck_assert_int_eq(msdk_cosem_aarq_decode(NULL, 1, (msdk_cosem_aarq_t *)&a),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aarq_decode(buf, 1, NULL), MSDK_ERR_INVALID_ARG);

    /* Appends after what the writer holds (an HDLC LLC header, here). */
    msdk_wbuf_init(&wb, buf, sizeof buf);
    ck_assert_int_eq(msdk_wbuf_put_u8(&wb, 0xE6), MSDK_OK);
    init_aarq(&a, MSDK_COSEM_APP_CONTEXT_LN);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&a, &wb), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 14);
    ck_assert_uint_eq(buf[0], 0xE6);
    ck_assert_uint_eq(buf[1], 0x60);
}
END_TEST

/* ---- AARE --------------------------------------------------------------------------------- */

START_TEST(aare_vectors)
{
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;

    dec_hex(K_AARE, V_AARE_OK, buf, &o);
    ck_assert(o.aare.acse_version1);
    ck_assert_uint_eq(o.aare.app_context, MSDK_COSEM_APP_CONTEXT_LN);
    ck_assert_uint_eq(o.aare.result, MSDK_COSEM_ASSOC_ACCEPTED);
    ck_assert_uint_eq(o.aare.diag_source, MSDK_COSEM_DIAG_SOURCE_USER);
    ck_assert_uint_eq(o.aare.diag, MSDK_COSEM_DIAG_USER_NULL);
    ck_assert_uint_eq(o.aare.responding_ap_title_len, 0);
    ck_assert(!o.aare.auth_required);
    ck_assert(!o.aare.mechanism_present);
    ck_assert(!o.aare.auth_value_present);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_INITIATE_RESPONSE);
    ck_assert_uint_eq(o.aare.user_info.response.conformance, 0x00501Fu);
    ck_assert_uint_eq(o.aare.user_info.response.max_pdu_size, 500);
    ck_assert_uint_eq(o.aare.user_info.response.vaa_name, 7);
    init_aare(&w.aare, 0, 1, 0);
    set_response(&w.aare.user_info, 0x00501F, 500);
    enc_expect(K_AARE, &w, V_AARE_OK);
    robustness(K_AARE, V_AARE_OK, true);

    dec_hex(K_AARE, V_HDLC_AARE, buf, &o);
    ck_assert_uint_eq(o.aare.user_info.response.conformance, 0x001E1Du);
    ck_assert_uint_eq(o.aare.user_info.response.max_pdu_size, 0x04C8);
    set_response(&w.aare.user_info, 0x001E1D, 0x04C8);
    enc_expect(K_AARE, &w, V_HDLC_AARE);

    dec_hex(K_AARE, V_AARE_CTX, buf, &o);
    ck_assert_uint_eq(o.aare.result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(o.aare.diag_source, MSDK_COSEM_DIAG_SOURCE_USER);
    ck_assert_uint_eq(o.aare.diag, MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_INITIATE_RESPONSE);
    init_aare(&w.aare, 1, 1, 2);
    set_response(&w.aare.user_info, 0x00501F, 500);
    enc_expect(K_AARE, &w, V_AARE_CTX);
    robustness(K_AARE, V_AARE_CTX, true);

    dec_hex(K_AARE, V_AARE_VERSION, buf, &o);
    ck_assert_uint_eq(o.aare.result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(o.aare.diag, MSDK_COSEM_DIAG_USER_NO_REASON);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_SERVICE_ERROR);
    ck_assert_uint_eq(o.aare.user_info.tag, 0x0E);
    ck_assert_uint_eq(o.aare.user_info.service_error.service, MSDK_COSEM_CSE_INITIATE_ERROR);
    ck_assert_uint_eq(o.aare.user_info.service_error.type, MSDK_COSEM_SERR_INITIATE);
    ck_assert_uint_eq(o.aare.user_info.service_error.value,
                      MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW);
    msdk_cosem_service_error_t serr = { MSDK_COSEM_CSE_INITIATE_ERROR, MSDK_COSEM_SERR_INITIATE,
                                        MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW };
    ck_assert_int_eq(msdk_cosem_aare_reject(
                         &w.aare, MSDK_COSEM_APP_CONTEXT_LN, MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                         MSDK_COSEM_DIAG_SOURCE_USER, MSDK_COSEM_DIAG_USER_NO_REASON, &serr),
                     MSDK_OK);
    enc_expect(K_AARE, &w, V_AARE_VERSION);
    robustness(K_AARE, V_AARE_VERSION, true);

    dec_hex(K_AARE, V_AARE_HLS5, buf, &o);
    ck_assert_uint_eq(o.aare.result, MSDK_COSEM_ASSOC_ACCEPTED);
    ck_assert_uint_eq(o.aare.diag, MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED);
    ck_assert(o.aare.auth_required);
    ck_assert(o.aare.mechanism_present);
    ck_assert_uint_eq(o.aare.mechanism, MSDK_COSEM_MECH_HLS_GMAC);
    ck_assert(o.aare.auth_value_present);
    ck_assert_uint_eq(o.aare.auth_value_len, 8);
    ck_assert_mem_eq(o.aare.auth_value, "P6wRJ21F", 8);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_INITIATE_RESPONSE);
    init_aare(&w.aare, 0, 1, 14);
    w.aare.auth_required = true;
    w.aare.mechanism_present = true;
    w.aare.mechanism = MSDK_COSEM_MECH_HLS_GMAC;
    w.aare.auth_value_present = true;
    w.aare.auth_value_len = 8;
    memcpy(w.aare.auth_value, "P6wRJ21F", 8);
    set_response(&w.aare.user_info, 0x00501F, 500);
    enc_expect(K_AARE, &w, V_AARE_HLS5);
    robustness(K_AARE, V_AARE_HLS5, true);
}
END_TEST

START_TEST(aare_every_diagnostic)
{
    /* Every rejection reason: user diagnostics 0..14, provider 0..2, results 1 and 2.
     * Each AARE is hand-built from the ASN.1 and must decode to the same values. */
    for (unsigned src = 1; src <= 2; src++) {
        unsigned top = src == 1 ? 14u : 2u;
        for (unsigned d = 0; d <= top; d++) {
            for (unsigned r = 1; r <= 2; r++) {
                uint8_t want[32] = { 0x61, 0x17, 0xA1, 0x09, 0x06, 0x07, 0x60, 0x85,
                                     0x74, 0x05, 0x08, 0x01, 0x01, 0xA2, 0x03, 0x02,
                                     0x01, 0x00, 0xA3, 0x05, 0xA0, 0x03, 0x02, 0x01 };
                want[17] = (uint8_t)r;
                want[20] = (uint8_t)(0xA0u + src);
                want[24] = (uint8_t)d;
                msdk_cosem_aare_t a;
                uint8_t got[32];
                msdk_wbuf_t wb;
                msdk_wbuf_init(&wb, got, sizeof got);
                if (msdk_cosem_aare_reject(&a, 1, (uint8_t)r, (uint8_t)src, (uint8_t)d, NULL) !=
                        MSDK_OK ||
                    msdk_cosem_aare_encode(&a, &wb) != MSDK_OK || wb.pos != 25u ||
                    memcmp(got, want, 25) != 0) {
                    ck_abort_msg("encode src %u diag %u result %u", src, d, r);
                }
                memset(&a, 0, sizeof a);
                if (msdk_cosem_aare_decode(want, 25, &a) != MSDK_OK || a.result != r ||
                    a.diag_source != src || a.diag != d || a.user_info.kind != MSDK_COSEM_UI_NONE) {
                    ck_abort_msg("decode src %u diag %u result %u", src, d, r);
                }
            }
        }
    }
    /* Diagnostic 200 needs a two-byte INTEGER */
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;
    init_aare(&w.aare, 1, 1, 200);
    enc_expect(K_AARE, &w, "6118A109060760857405080101A203020101A306A104020200C8");
    dec_hex(K_AARE, "6118A109060760857405080101A203020101A306A104020200C8", buf, &o);
    ck_assert_uint_eq(o.aare.diag, 200);
}
END_TEST

START_TEST(aare_negotiation)
{
    /* Server flow: AARQ vector in, InitiateRequest negotiated, AARE vector out. */
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;
    const msdk_cosem_initiate_caps_t caps = { 0x00501F, 500, 64, MSDK_COSEM_VAA_NAME_LN };
    dec_hex(K_AARQ, V_AARQ_PLAIN, buf, &o);
    init_aare(&w.aare, 0, 1, 0);
    ck_assert_int_eq(
        msdk_cosem_initiate_negotiate(&o.aarq.user_info.request, &caps, &w.aare.user_info),
        MSDK_OK);
    ck_assert_uint_eq(w.aare.user_info.kind, MSDK_COSEM_UI_INITIATE_RESPONSE);
    enc_expect(K_AARE, &w, V_AARE_OK);

    /* DLMS version 5: the vector's rejection */
    msdk_cosem_initiate_req_t req = o.aarq.user_info.request;
    msdk_cosem_user_info_t ui;
    req.dlms_version = 5;
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(&req, &caps, &ui), MSDK_OK);
    ck_assert_uint_eq(ui.kind, MSDK_COSEM_UI_SERVICE_ERROR);
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, MSDK_COSEM_APP_CONTEXT_LN,
                                            MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                                            MSDK_COSEM_DIAG_SOURCE_USER,
                                            MSDK_COSEM_DIAG_USER_NO_REASON, &ui.service_error),
                     MSDK_OK);
    enc_expect(K_AARE, &w, V_AARE_VERSION);
    /* PDU size too short (the epri vector proposes 0), incompatible conformance */
    req.dlms_version = 6;
    req.max_pdu_size = 0;
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(&req, &caps, &ui), MSDK_OK);
    ck_assert_uint_eq(ui.service_error.value, MSDK_COSEM_INIT_ERR_PDU_SIZE_TOO_SHORT);
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, MSDK_COSEM_APP_CONTEXT_LN,
                                            MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                                            MSDK_COSEM_DIAG_SOURCE_USER,
                                            MSDK_COSEM_DIAG_USER_NO_REASON, &ui.service_error),
                     MSDK_OK);
    enc_expect(K_AARE, &w, "611FA109060760857405080101A203020101A305A103020101BE0604040E010603");
    req.max_pdu_size = 64;
    req.conformance = MSDK_COSEM_CONF_READ | MSDK_COSEM_CONF_WRITE;
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(&req, &caps, &ui), MSDK_OK);
    ck_assert_uint_eq(ui.kind, MSDK_COSEM_UI_SERVICE_ERROR);
    ck_assert_uint_eq(ui.service_error.value, MSDK_COSEM_INIT_ERR_INCOMPATIBLE_CONFORMANCE);
    /* refused-by-the-VDE-handler is the association's choice; its AARE: */
    msdk_cosem_service_error_t vde = { 1, 6, MSDK_COSEM_INIT_ERR_REFUSED_BY_VDE_HANDLER };
    ck_assert_int_eq(msdk_cosem_aare_reject(&w.aare, 1, 1, 1, 1, &vde), MSDK_OK);
    enc_expect(K_AARE, &w, "611FA109060760857405080101A203020101A305A103020101BE0604040E010604");
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(NULL, &caps, &ui), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(&req, NULL, &ui), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_initiate_negotiate(&req, &caps, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(aare_optional_and_errors)
{
    uint8_t buf[MAXBUF];
    uint8_t cipher[2] = { 0x28, 0x00 };
    any_t o;
    any_t w;
    /* responding AP title and AE qualifier, a ciphered InitiateResponse (hand-derived) */
    const char *hex = "6130A109060760857405080103A203020100A305A103020100"
                      "A40A04084D4D4D0000BC614E"
                      "A5050403010203"
                      "BE0404022800";
    dec_hex(K_AARE, hex, buf, &o);
    ck_assert_uint_eq(o.aare.app_context, MSDK_COSEM_APP_CONTEXT_LN_CIPHERED);
    ck_assert_uint_eq(o.aare.responding_ap_title_len, 8);
    ck_assert_uint_eq(o.aare.responding_ap_title[7], 0x4E);
    ck_assert_ptr_eq(o.aare.responding_ae_qualifier, buf + 41);
    ck_assert_uint_eq(o.aare.responding_ae_qualifier_len, 3);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(o.aare.user_info.tag, 0x28);
    init_aare(&w.aare, 0, 1, 0);
    w.aare.app_context = MSDK_COSEM_APP_CONTEXT_LN_CIPHERED;
    memcpy(w.aare.responding_ap_title, o.aare.responding_ap_title, 8);
    w.aare.responding_ap_title_len = 8;
    w.aare.responding_ae_qualifier = o.aare.responding_ae_qualifier;
    w.aare.responding_ae_qualifier_len = 3;
    w.aare.user_info.kind = MSDK_COSEM_UI_CIPHERED;
    w.aare.user_info.raw = cipher;
    w.aare.user_info.raw_len = 2;
    enc_expect(K_AARE, &w, hex);
    robustness(K_AARE, hex, true);
    /* Ciphered confirmed-service-errors are flagged too; a ciphered request is not allowed. */
    dec_hex(K_AARE, "611DA109060760857405080101A203020101A305A103020101BE0404022E00", buf, &o);
    ck_assert_uint_eq(o.aare.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    expect_err(K_AARE, "611DA109060760857405080101A203020101A305A103020101BE0404022100",
               MSDK_ERR_NOT_SUPPORTED);
    expect_err(K_AARE, "611DA109060760857405080101A203020101A305A103020101BE0404020100",
               MSDK_ERR_NOT_SUPPORTED);

    /* missing result, missing diagnostic, missing context */
    static const err_case_t cases[] = {
        { K_AARE, "6112A109060760857405080101A305A103020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6110A109060760857405080101A203020100", MSDK_ERR_MALFORMED },
        { K_AARE, "610CA203020100A305A103020100", MSDK_ERR_MALFORMED },
        /* result 3, result negative, diagnostic 256, diagnostic choice [0] or [3], two choices */
        { K_AARE, "6117A109060760857405080101A203020103A305A103020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6117A109060760857405080101A2030201FFA305A103020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6119A109060760857405080101A203020100A307A105020300FF00", MSDK_ERR_MALFORMED },
        { K_AARE, "6118A109060760857405080101A203020100A306A10402020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6117A109060760857405080101A203020100A305A003020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6117A109060760857405080101A203020100A305A303020100", MSDK_ERR_MALFORMED },
        { K_AARE, "611CA109060760857405080101A203020100A30AA103020100A103020100",
          MSDK_ERR_MALFORMED },
        { K_AARE, "6117A109060760857405080101A203020100A3058103020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6117A109060760857405080101A203020100A305A104020100", MSDK_ERR_MALFORMED },
        /* wrong outer tag (an AARQ), responding AP title of 9 bytes, bad service error */
        { K_AARE, "6017A109060760857405080101A203020100A305A103020100", MSDK_ERR_MALFORMED },
        { K_AARE, "6124A109060760857405080101A203020100A305A103020100A40B04094D4D4D0000BC614E01",
          MSDK_ERR_MALFORMED },
        { K_AARE, "611FA109060760857405080101A203020101A305A103020101BE0604040E010B01",
          MSDK_ERR_MALFORMED },
        { K_AARE, "611EA109060760857405080101A203020101A305A103020101BE0504030E0106",
          MSDK_ERR_MALFORMED },
    };
    expect_errs(cases, CK_COUNT(cases));
    /* auth value longer than 64 in an AARE */
    {
        char big[400];
        size_t pos = (size_t)snprintf(big, sizeof big,
                                      "615CA109060760857405080101A203020100A305A103020100AA4380"
                                      "41");
        for (unsigned i = 0; i < 65; i++) {
            pos += (size_t)snprintf(big + pos, sizeof big - pos, "41");
        }
        expect_err(K_AARE, big, MSDK_ERR_MALFORMED);
    }

    /* encoder arguments */
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    init_aare(&w.aare, 3, 1, 0);
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    init_aare(&w.aare, 0, 0, 0);
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    init_aare(&w.aare, 0, 3, 0);
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    init_aare(&w.aare, 0, 1, 0);
    w.aare.app_context = 7;
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    init_aare(&w.aare, 0, 1, 0);
    w.aare.responding_ap_title_len = 9;
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    init_aare(&w.aare, 0, 1, 0);
    set_request(&w.aare.user_info, 0x1F, 100);
    ck_assert_int_eq(msdk_cosem_aare_encode(&w.aare, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aare_encode(NULL, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_aare_decode(buf, 2, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
}
END_TEST

/* ---- RLRQ / RLRE -------------------------------------------------------------------------- */

START_TEST(release_vectors)
{
    uint8_t buf[MAXBUF];
    uint8_t info[MAXBUF];
    any_t o;
    any_t w;

    dec_hex(K_RLRQ, V_RLRQ, buf, &o);
    ck_assert(o.rel.reason_present);
    ck_assert_uint_eq(o.rel.reason, MSDK_COSEM_RLRQ_NORMAL);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_NONE);
    memset(&w, 0, sizeof w);
    w.rel.user_info.raw = NULL;
    w.rel.reason_present = true;
    w.rel.reason = MSDK_COSEM_RLRQ_NORMAL;
    enc_expect(K_RLRQ, &w, V_RLRQ);
    robustness(K_RLRQ, V_RLRQ, true);

    dec_hex(K_RLRE, V_RLRE, buf, &o);
    ck_assert(o.rel.reason_present);
    ck_assert_uint_eq(o.rel.reason, MSDK_COSEM_RLRE_NORMAL);
    enc_expect(K_RLRE, &w, V_RLRE);
    robustness(K_RLRE, V_RLRE, true);

    dec_hex(K_RLRE, V_RLRE_IRESP, buf, &o);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_INITIATE_RESPONSE);
    ck_assert(o.rel.user_info.response.qos_present);
    ck_assert_int_eq(o.rel.user_info.response.qos, 0);
    ck_assert_uint_eq(o.rel.user_info.response.conformance, 0x001E1Du);
    ck_assert_uint_eq(o.rel.user_info.response.max_pdu_size, 0x04C8);
    set_response(&w.rel.user_info, 0x001E1D, 0x04C8);
    w.rel.user_info.response.qos_present = true;
    enc_expect(K_RLRE, &w, V_RLRE_IRESP);
    robustness(K_RLRE, V_RLRE_IRESP, true);

    size_t info_len = ck_hex(V_CIPH_INFO, info, MAXBUF);
    dec_hex(K_RLRQ, V_RLRQ_CIPH, buf, &o);
    ck_assert_uint_eq(o.rel.reason, 0);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(o.rel.user_info.tag, 0x21);
    ck_assert_uint_eq(o.rel.user_info.raw_len, info_len);
    ck_assert_mem_eq(o.rel.user_info.raw, info, info_len);
    memset(&w, 0, sizeof w);
    w.rel.reason_present = true;
    w.rel.user_info.kind = MSDK_COSEM_UI_CIPHERED;
    w.rel.user_info.raw = info;
    w.rel.user_info.raw_len = info_len;
    enc_expect(K_RLRQ, &w, V_RLRQ_CIPH);
    robustness(K_RLRQ, V_RLRQ_CIPH, true);

    info_len = ck_hex(V_RLRE_CIPH_INFO, info, MAXBUF);
    dec_hex(K_RLRE, V_RLRE_CIPH, buf, &o);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_CIPHERED);
    ck_assert_uint_eq(o.rel.user_info.tag, 0x28);
    ck_assert_uint_eq(o.rel.user_info.raw_len, 0x21);
    ck_assert_mem_eq(o.rel.user_info.raw, info, info_len);
    w.rel.user_info.raw = info;
    w.rel.user_info.raw_len = info_len;
    enc_expect(K_RLRE, &w, V_RLRE_CIPH);
    robustness(K_RLRE, V_RLRE_CIPH, true);
    /* the deciphered content is the InitiateResponse of section 3 */
    dec_hex(K_IRESP, V_IRESP_DEC, info, &o);
    ck_assert_uint_eq(o.iresp.conformance, 0x007C1Fu);
}
END_TEST

START_TEST(release_other)
{
    uint8_t buf[MAXBUF];
    any_t o;
    any_t w;
    /* empty RLRQ, urgent, user-defined, a plain InitiateRequest inside (hand-derived) */
    dec_hex(K_RLRQ, "6200", buf, &o);
    ck_assert(!o.rel.reason_present);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_NONE);
    memset(&w, 0, sizeof w);
    w.rel.user_info.raw = NULL;
    enc_expect(K_RLRQ, &w, "6200");
    dec_hex(K_RLRQ, "6203800101", buf, &o);
    ck_assert_uint_eq(o.rel.reason, MSDK_COSEM_RLRQ_URGENT);
    dec_hex(K_RLRE, "630380011E", buf, &o);
    ck_assert_uint_eq(o.rel.reason, MSDK_COSEM_RLRE_USER_DEFINED);
    w.rel.reason_present = true;
    w.rel.reason = 30;
    enc_expect(K_RLRE, &w, "630380011E");
    w.rel.reason = 200;
    enc_expect(K_RLRE, &w, "63048002 00C8");
    dec_hex(K_RLRE, "6304800200C8", buf, &o);
    ck_assert_uint_eq(o.rel.reason, 200);
    dec_hex(K_RLRQ, "6215800100BE10040E01000000065F1F0400007E1F04B0", buf, &o);
    ck_assert_uint_eq(o.rel.user_info.kind, MSDK_COSEM_UI_INITIATE_REQUEST);
    ck_assert_uint_eq(o.rel.user_info.request.max_pdu_size, 1200);
    robustness(K_RLRQ, "6215800100BE10040E01000000065F1F0400007E1F04B0", true);
    /* unknown fields skipped */
    dec_hex(K_RLRQ, "6206800100 8D0100", buf, &o);

    static const err_case_t cases[] = {
        { K_RLRQ, "6303800100", MSDK_ERR_MALFORMED },       /* an RLRE */
        { K_RLRE, "6203800100", MSDK_ERR_MALFORMED },       /* an RLRQ */
        { K_RLRQ, "6203A00100", MSDK_ERR_MALFORMED },       /* reason constructed */
        { K_RLRQ, "62028000", MSDK_ERR_MALFORMED },         /* empty INTEGER */
        { K_RLRQ, "62038001FF", MSDK_ERR_MALFORMED },       /* negative */
        { K_RLRQ, "620580030100 00", MSDK_ERR_MALFORMED },  /* 65536 */
        { K_RLRQ, "6206800100800100", MSDK_ERR_MALFORMED }, /* twice */
        { K_RLRQ, "6204800100", MSDK_ERR_TRUNCATED },
        { K_RLRQ, "6203800200", MSDK_ERR_MALFORMED },
        { K_RLRQ, "6203800100 00", MSDK_ERR_MALFORMED },
        /* an InitiateResponse in an RLRQ, an InitiateRequest in an RLRE */
        { K_RLRQ, "6213BE11040F080100065F1F0400001E1D04C80007", MSDK_ERR_NOT_SUPPORTED },
        { K_RLRE, "6312BE10040E01000000065F1F0400007E1F04B0", MSDK_ERR_NOT_SUPPORTED },
        /* a service error is not a release response */
        { K_RLRE, "6308BE0604040E010601", MSDK_ERR_NOT_SUPPORTED },
    };
    expect_errs(cases, CK_COUNT(cases));

    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, sizeof buf);
    set_response(&w.rel.user_info, 1, 100);
    ck_assert_int_eq(msdk_cosem_rlrq_encode(&w.rel, &wb), MSDK_ERR_INVALID_ARG);
    set_request(&w.rel.user_info, 1, 100);
    ck_assert_int_eq(msdk_cosem_rlre_encode(&w.rel, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_rlrq_encode(NULL, &wb), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_rlre_encode(&w.rel, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_rlrq_decode(buf, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_rlre_decode(NULL, 1, &o.rel), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
}
END_TEST

Suite *cosem_acse_suite(void)
{
    Suite *s = suite_create("cosem_acse");
    CK_TCASE(s, "initiate", NULL, initiate_request_vector, initiate_request_dedicated_key,
             initiate_request_errors, initiate_response_vectors);
    CK_TCASE(s, "aarq", NULL, aarq_plain_vectors, aarq_authenticated_vectors, aarq_ciphered_vector,
             aarq_optional_fields, aarq_unknown_names, aarq_long_form_lengths, aarq_malformed,
             aarq_auth_value_limit, aarq_encode_args);
    CK_TCASE(s, "aare", NULL, aare_vectors, aare_every_diagnostic, aare_negotiation,
             aare_optional_and_errors);
    CK_TCASE(s, "release", NULL, release_vectors, release_other);
    return s;
}
