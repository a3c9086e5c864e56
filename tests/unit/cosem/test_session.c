/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Server connections (session.h): the wrapper session fed with wrapped published APDUs in
 * chunks of every size, and the HDLC session driven by the HDLC client link back to back
 * (SNRM/UA, AARQ/AARE in I-frames, a GET whose answer is segmented over RR polls, DISC
 * ending the association).
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/session.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_session_suite(void);

static const msdk_cosem_value_t name_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDMA304H4000001", 16u },
};
static const msdk_cosem_data_def_t name_def = { &name_value, NULL, NULL };
static const msdk_cosem_assoc_ln_def_t aln_def = { 0u, 1u, NULL };
static const msdk_cosem_rights_t r_read[1] = { { 0xFFFFFFFFu, 0u, 0u } };
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

Suite *cosem_session_suite(void)
{
    Suite *s = suite_create("cosem_session");
    CK_TCASE(s, "wrapper", NULL, wrapper_session_in_chunks, wrapper_session_bad_stream);
    CK_TCASE(s, "hdlc", hdlc_setup, hdlc_session_conversation);
    return s;
}
