/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS service APDUs: published vectors (/work/shared/vectors/dlms-vectors.md
 * section 7, u9n/dlms-cosem tests) decoded field by field and re-encoded byte
 * for byte, hand-derived vectors for the other APDU variants (derivation in
 * the comment next to each), and every error path: truncation at every
 * length, wrong tags, unknown choices, bad lengths and Data tags, list counts
 * beyond the limit, trailing bytes, and encoders at every too-small capacity.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/xdlms.h"
#include "cosem_check.h"

Suite *cosem_xdlms_suite(void);

/* ---- Helpers ------------------------------------------------------------- */

#define MAXLEN 512u

typedef enum {
    D_GET_REQ,
    D_SET_REQ,
    D_ACT_REQ,
    D_GET_RSP,
    D_SET_RSP,
    D_ACT_RSP,
    D_EXC,
    D_DN,
    D_EN,
} dkind_t;

typedef union {
    msdk_cosem_xdlms_get_request_t get_req;
    msdk_cosem_xdlms_set_request_t set_req;
    msdk_cosem_xdlms_action_request_t act_req;
    msdk_cosem_xdlms_get_response_t get_rsp;
    msdk_cosem_xdlms_set_response_t set_rsp;
    msdk_cosem_xdlms_action_response_t act_rsp;
    msdk_cosem_xdlms_exception_t exc;
    msdk_cosem_xdlms_data_notification_t dn;
    msdk_cosem_xdlms_event_notification_t en;
} dec_t;

static msdk_err_t dec(dkind_t k, const uint8_t *p, size_t n, size_t max, dec_t *out)
{
    switch (k) {
    case D_GET_REQ: return msdk_cosem_xdlms_get_request_decode(p, n, max, &out->get_req);
    case D_SET_REQ: return msdk_cosem_xdlms_set_request_decode(p, n, max, &out->set_req);
    case D_ACT_REQ: return msdk_cosem_xdlms_action_request_decode(p, n, max, &out->act_req);
    case D_GET_RSP: return msdk_cosem_xdlms_get_response_decode(p, n, max, &out->get_rsp);
    case D_SET_RSP: return msdk_cosem_xdlms_set_response_decode(p, n, max, &out->set_rsp);
    case D_ACT_RSP: return msdk_cosem_xdlms_action_response_decode(p, n, max, &out->act_rsp);
    case D_EXC: return msdk_cosem_xdlms_exception_decode(p, n, &out->exc);
    case D_DN: return msdk_cosem_xdlms_data_notification_decode(p, n, &out->dn);
    default: return msdk_cosem_xdlms_event_notification_decode(p, n, &out->en);
    }
}

/* Decodes a copy of p[0..n) held in a buffer of exactly n bytes (so ASan
 * sees any over-read) and checks that the output is untouched on error. */
static msdk_err_t dec_exact(dkind_t k, const uint8_t *p, size_t n, size_t max)
{
    uint8_t *copy = malloc(n > 0 ? n : 1);
    dec_t out, pattern;
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, p, n);
    memset(&out, 0xA5, sizeof(out));
    memset(&pattern, 0xA5, sizeof(pattern));
    msdk_err_t err = dec(k, copy, n, max, &out);
    if (err != MSDK_OK && memcmp(&out, &pattern, sizeof(out)) != 0) {
        ck_abort_msg("decoder wrote its output on error");
    }
    free(copy);
    return err;
}

/* Full decode of a valid APDU, then: every proper prefix is TRUNCATED, one
 * trailing byte is MALFORMED, a wrong tag is MALFORMED. */
static void decode_valid(dkind_t k, const uint8_t *p, size_t n, size_t max, dec_t *out)
{
    uint8_t buf[MAXLEN + 1];
    ck_assert_int_eq(dec(k, p, n, max, out), MSDK_OK);
    for (size_t i = 0; i < n; i++) {
        msdk_err_t err = dec_exact(k, p, i, max);
        if (err != MSDK_ERR_TRUNCATED) {
            ck_abort_msg("prefix %zu/%zu: got %d", i, n, (int)err);
        }
    }
    memcpy(buf, p, n);
    buf[n] = 0x00;
    ck_assert_int_eq(dec_exact(k, buf, n + 1, max), MSDK_ERR_MALFORMED);
    buf[0] ^= 0x20;
    ck_assert_int_eq(dec_exact(k, buf, n, max), MSDK_ERR_MALFORMED);
}

static void decode_hex(dkind_t k, const char *h, size_t max, dec_t *out, uint8_t *bytes, size_t *n)
{
    *n = ck_hex(h, bytes, MAXLEN);
    decode_valid(k, bytes, *n, max, out);
}

static msdk_err_t dec_hex(dkind_t k, const char *h, size_t max)
{
    uint8_t b[MAXLEN];
    size_t n = ck_hex(h, b, MAXLEN);
    return dec_exact(k, b, n, max);
}

typedef msdk_err_t (*enc_fn)(msdk_wbuf_t *wb, const dec_t *d);

/* Runs an encoder into buffers of every size below the needed one (must fail
 * with BUFFER_TOO_SMALL and leave pos at 0), then into an exact buffer (must
 * produce the expected bytes). */
static void check_encode(enc_fn fn, const dec_t *d, const uint8_t *want, size_t n)
{
    uint8_t buf[MAXLEN];
    msdk_wbuf_t wb;
    for (size_t cap = 0; cap < n; cap++) {
        msdk_wbuf_init(&wb, buf, cap);
        msdk_err_t err = fn(&wb, d);
        if (err != MSDK_ERR_BUFFER_TOO_SMALL || wb.pos != 0) {
            ck_abort_msg("cap %zu/%zu: err %d pos %zu", cap, n, (int)err, wb.pos);
        }
    }
    msdk_wbuf_init(&wb, buf, n);
    ck_assert_int_eq(fn(&wb, d), MSDK_OK);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(buf, want, n);
}

/* Returns err; on failure, first puts the writer back to `mark`. */
static msdk_err_t restore(msdk_wbuf_t *wb, size_t mark, msdk_err_t err)
{
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* Appends caller data after a streaming header; restores pos on failure. */
static msdk_err_t append(msdk_wbuf_t *wb, size_t mark, msdk_err_t err, const uint8_t *p, size_t n)
{
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, p, n);
    }
    return restore(wb, mark, err);
}

static const uint8_t OBIS_CLOCK[6] = { 0, 0, 1, 0, 0, 255 };

static void assert_desc(uint16_t cls, const uint8_t *obis, int8_t id, uint16_t want_cls,
                        const uint8_t *want_obis, int8_t want_id)
{
    ck_assert_uint_eq(cls, want_cls);
    ck_assert_mem_eq(obis, want_obis, 6);
    ck_assert_int_eq(id, want_id);
}

/* ---- Published vectors (dlms-vectors.md section 7) ------------------------ */

static msdk_err_t enc_get_req_normal(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_get_request_encode_normal(wb, d->get_req.iip, &d->get_req.attr);
}

START_TEST(vec_get_normal)
{
    /* GET normal, 0.0.43.1.0.255 (class 1) attribute 2. */
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    const uint8_t obis[6] = { 0, 0, 43, 1, 0, 255 };
    decode_hex(D_GET_REQ, "C0 01 C1 00 01 00 00 2B 01 00 FF 02 00", 4, &d, b, &n);
    ck_assert_uint_eq(d.get_req.type, MSDK_COSEM_XDLMS_GET_REQUEST_NORMAL);
    ck_assert_uint_eq(d.get_req.iip, 0xC1);
    ck_assert_uint_eq(d.get_req.iip & MSDK_COSEM_IIP_ID_MASK, 1);
    assert_desc(d.get_req.attr.attr.class_id, d.get_req.attr.attr.obis, d.get_req.attr.attr.attr_id,
                1, obis, 2);
    ck_assert(!d.get_req.attr.access.present);
    check_encode(enc_get_req_normal, &d, b, n);
}
END_TEST

static msdk_err_t enc_get_req_next(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_get_request_encode_next(wb, d->get_req.iip, d->get_req.block_number);
}

START_TEST(vec_get_next)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    decode_hex(D_GET_REQ, "C0 02 C1 00 00 00 01", 4, &d, b, &n);
    ck_assert_uint_eq(d.get_req.type, MSDK_COSEM_XDLMS_GET_REQUEST_NEXT);
    ck_assert_uint_eq(d.get_req.block_number, 1);
    check_encode(enc_get_req_next, &d, b, n);
}
END_TEST

static msdk_cosem_xdlms_attr_sel_t g_items[4];

static msdk_err_t enc_get_req_list(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_get_request_encode_with_list(wb, d->get_req.iip, g_items,
                                                         d->get_req.list.count);
}

START_TEST(vec_get_with_list)
{
    /* GET with list: 0.0.42.0.0.255 (class 1) attr 2 and the clock (class 8) attr 2. */
    const char *h = "C0 03 C1 02 00 01 00 00 2A 00 00 FF 02 00 00 08 00 00 01 00 00 FF 02 00";
    const uint8_t ldn[6] = { 0, 0, 42, 0, 0, 255 };
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_method_desc_t wrong;
    decode_hex(D_GET_REQ, h, 2, &d, b, &n);
    ck_assert_uint_eq(d.get_req.type, MSDK_COSEM_XDLMS_GET_REQUEST_WITH_LIST);
    ck_assert_uint_eq(d.get_req.list.count, 2);
    ck_assert_uint_eq(d.get_req.list.kind, MSDK_COSEM_XDLMS_LIST_ATTR_SEL);
    msdk_cosem_xdlms_iter_init(&it, &d.get_req.list);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_method(&it, &wrong), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_attr_sel(&it, &g_items[0]), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_attr_sel(&it, &g_items[1]), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_attr_sel(&it, &g_items[2]), MSDK_ERR_NOT_FOUND);
    assert_desc(g_items[0].attr.class_id, g_items[0].attr.obis, g_items[0].attr.attr_id, 1, ldn, 2);
    assert_desc(g_items[1].attr.class_id, g_items[1].attr.obis, g_items[1].attr.attr_id, 8,
                OBIS_CLOCK, 2);
    ck_assert(!g_items[0].access.present && !g_items[1].access.present);
    check_encode(enc_get_req_list, &d, b, n);
    /* The limit. */
    ck_assert_int_eq(dec_exact(D_GET_REQ, b, n, 1), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(dec_exact(D_GET_REQ, b, n, 0), MSDK_ERR_NO_SPACE);
}
END_TEST

static msdk_err_t enc_get_rsp_data(msdk_wbuf_t *wb, const dec_t *d)
{
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_normal_data(wb, d->get_rsp.iip);
    return append(wb, mark, err, d->get_rsp.result.data.p, d->get_rsp.result.data.len);
}

static msdk_err_t enc_get_rsp_error(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_get_response_encode_normal_error(wb, d->get_rsp.iip,
                                                             d->get_rsp.result.dar);
}

START_TEST(vec_get_response)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    const uint8_t value[5] = { 0x06, 0x00, 0x00, 0x13, 0x91 }; /* double-long-unsigned 5009 */
    decode_hex(D_GET_RSP, "C4 01 C1 00 06 00 00 13 91", 4, &d, b, &n);
    ck_assert_uint_eq(d.get_rsp.type, MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL);
    ck_assert_uint_eq(d.get_rsp.iip, 0xC1);
    ck_assert(d.get_rsp.result.is_data);
    ck_assert_uint_eq(d.get_rsp.result.data.len, 5);
    ck_assert_mem_eq(d.get_rsp.result.data.p, value, 5);
    check_encode(enc_get_rsp_data, &d, b, n);

    decode_hex(D_GET_RSP, "C4 01 C1 01 01", 4, &d, b, &n);
    ck_assert(!d.get_rsp.result.is_data);
    ck_assert_uint_eq(d.get_rsp.result.dar, MSDK_COSEM_DAR_HARDWARE_FAULT);
    check_encode(enc_get_rsp_error, &d, b, n);
}
END_TEST

static msdk_err_t enc_set_req_normal(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_set_request_encode_normal(wb, d->set_req.iip, &d->set_req.attr,
                                                      &d->set_req.value);
}

static msdk_err_t enc_set_rsp_normal(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_set_response_encode_normal(wb, d->set_rsp.iip, d->set_rsp.result);
}

START_TEST(vec_set_clock)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    decode_hex(D_SET_REQ,
               "C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00",
               4, &d, b, &n);
    ck_assert_uint_eq(d.set_req.type, MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL);
    ck_assert_uint_eq(d.set_req.iip, 0xC1);
    assert_desc(d.set_req.attr.attr.class_id, d.set_req.attr.attr.obis, d.set_req.attr.attr.attr_id,
                8, OBIS_CLOCK, 2);
    ck_assert(!d.set_req.attr.access.present);
    ck_assert_uint_eq(d.set_req.value.len, 14);
    ck_assert_ptr_eq(d.set_req.value.p, b + 13);
    check_encode(enc_set_req_normal, &d, b, n);

    decode_hex(D_SET_RSP, "C5 01 C1 00", 4, &d, b, &n);
    ck_assert_uint_eq(d.set_rsp.type, MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL);
    ck_assert_uint_eq(d.set_rsp.result, MSDK_COSEM_DAR_SUCCESS);
    check_encode(enc_set_rsp_normal, &d, b, n);
}
END_TEST

static msdk_err_t enc_act_req_normal(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_action_request_encode_normal(
        wb, d->act_req.iip, &d->act_req.method, d->act_req.has_params ? &d->act_req.params : NULL);
}

static msdk_err_t enc_act_rsp_normal(msdk_wbuf_t *wb, const dec_t *d)
{
    const msdk_cosem_xdlms_action_item_t *it = &d->act_rsp.item;
    if (!it->has_return) {
        return msdk_cosem_xdlms_action_response_encode_normal(wb, d->act_rsp.iip, it->result);
    }
    if (!it->ret.is_data) {
        return msdk_cosem_xdlms_action_response_encode_normal_error(wb, d->act_rsp.iip, it->result,
                                                                    it->ret.dar);
    }
    size_t mark = wb->pos;
    msdk_err_t err =
        msdk_cosem_xdlms_action_response_encode_normal_data(wb, d->act_rsp.iip, it->result);
    return append(wb, mark, err, it->ret.data.p, it->ret.data.len);
}

START_TEST(vec_action)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    const uint8_t obis[6] = { 0, 0, 40, 0, 0, 255 };
    /* Association LN (class 15) method 1 (reply_to_HLS), no parameters. */
    decode_hex(D_ACT_REQ, "C3 01 C0 00 0F 00 00 28 00 00 FF 01 00", 4, &d, b, &n);
    ck_assert_uint_eq(d.act_req.type, MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL);
    ck_assert_uint_eq(d.act_req.iip, 0xC0);
    assert_desc(d.act_req.method.class_id, d.act_req.method.obis, d.act_req.method.method_id, 15,
                obis, 1);
    ck_assert(!d.act_req.has_params);
    check_encode(enc_act_req_normal, &d, b, n);

    decode_hex(D_ACT_RSP, "C7 01 C0 00 00", 4, &d, b, &n);
    ck_assert_uint_eq(d.act_rsp.type, MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL);
    ck_assert_uint_eq(d.act_rsp.item.result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(!d.act_rsp.item.has_return);
    check_encode(enc_act_rsp_normal, &d, b, n);

    decode_hex(D_ACT_RSP,
               "C7 01 C0 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1", 4, &d,
               b, &n);
    ck_assert(d.act_rsp.item.has_return);
    ck_assert(d.act_rsp.item.ret.is_data);
    ck_assert_uint_eq(d.act_rsp.item.ret.data.len, 19);
    ck_assert_ptr_eq(d.act_rsp.item.ret.data.p, b + 6);
    check_encode(enc_act_rsp_normal, &d, b, n);
}
END_TEST

START_TEST(vec_get_by_range)
{
    /* Profile generic 1.0.99.1.0.255 attr 2, access selector 1 (range):
     * structure { restricting object (clock attr 2), from, to, columns = array[0] }. */
    const char *h = "C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 "
                    "01 00 00 FF 0F 02 12 00 00 09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C "
                    "07 E1 0A 01 07 01 00 00 00 FF C4 80 01 00";
    const uint8_t obis[6] = { 1, 0, 99, 1, 0, 255 };
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    decode_hex(D_GET_REQ, h, 4, &d, b, &n);
    assert_desc(d.get_req.attr.attr.class_id, d.get_req.attr.attr.obis, d.get_req.attr.attr.attr_id,
                7, obis, 2);
    ck_assert(d.get_req.attr.access.present);
    ck_assert_uint_eq(d.get_req.attr.access.selector, 1);
    ck_assert_ptr_eq(d.get_req.attr.access.params.p, b + 14);
    ck_assert_uint_eq(d.get_req.attr.access.params.len, n - 14);
    ck_assert_uint_eq(b[14], 0x02);
    check_encode(enc_get_req_normal, &d, b, n);
}
END_TEST

static msdk_err_t enc_dn(msdk_wbuf_t *wb, const dec_t *d)
{
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_data_notification_encode_begin(
        wb, d->dn.liip, d->dn.date_time.len > 0 ? d->dn.date_time.p : NULL);
    return append(wb, mark, err, d->dn.body.p, d->dn.body.len);
}

START_TEST(vec_data_notification)
{
    /* long-invoke-id 0x000001DB, date-time empty (00), body octet-string of 34 bytes. */
    const char *h = "0F 00 00 01 DB 00 09 22 12 5A 85 91 36 00 00 00 00 49 00 00 00 11 00 00 00 "
                    "0A 5A 85 13 D0 14 80 00 00 00 0D 00 00 00 0A 01 00";
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    decode_hex(D_DN, h, 0, &d, b, &n);
    ck_assert_uint_eq(d.dn.liip, 0x000001DBu);
    ck_assert_uint_eq(d.dn.liip & MSDK_COSEM_LIIP_ID_MASK, 0x1DB);
    ck_assert_uint_eq(d.dn.date_time.len, 0);
    ck_assert_ptr_eq(d.dn.body.p, b + 6);
    ck_assert_uint_eq(d.dn.body.len, 36);
    check_encode(enc_dn, &d, b, n);

    /* Hand-derived: same with a date-time (length 0C + 12 bytes) and body unsigned 5. */
    decode_hex(D_DN, "0F 80 00 00 02 0C 07 EA 03 0F 07 0C 00 00 00 FF C4 00 11 05", 0, &d, b, &n);
    ck_assert_uint_eq(d.dn.liip, 0x80000002u);
    ck_assert_uint_eq(d.dn.date_time.len, 12);
    ck_assert_ptr_eq(d.dn.date_time.p, b + 6);
    ck_assert_uint_eq(d.dn.body.len, 2);
    check_encode(enc_dn, &d, b, n);
    /* date-time neither empty nor 12 bytes. */
    ck_assert_int_eq(dec_hex(D_DN, "0F 00 00 00 01 01 AA 11 05", 0), MSDK_ERR_MALFORMED);
}
END_TEST

/* ---- Hand-derived vectors: GET ------------------------------------------- */

static msdk_err_t enc_get_rsp_block(msdk_wbuf_t *wb, const dec_t *d)
{
    msdk_cosem_xdlms_block_t blk;
    size_t mark = wb->pos;
    if (!d->get_rsp.result.is_data) {
        return msdk_cosem_xdlms_get_response_encode_block_error(
            wb, d->get_rsp.iip, d->get_rsp.last, d->get_rsp.block_number, d->get_rsp.result.dar);
    }
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_block_begin(
        wb, d->get_rsp.iip, d->get_rsp.block_number, &blk);
    err = append(wb, mark, err, d->get_rsp.result.data.p, d->get_rsp.result.data.len);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_block_end(wb, &blk, d->get_rsp.last);
    }
    return restore(wb, mark, err);
}

START_TEST(hand_get_response_block)
{
    /* Get-Response-With-Datablock ::= { invoke-id-and-priority C1, result DataBlock-G
     * { last-block FALSE = 00, block-number 1 = 00000001, result raw-data [0] = 00,
     * OCTET STRING length 05, 01 02 03 04 05 } }. */
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    decode_hex(D_GET_RSP, "C4 02 C1 00 00 00 00 01 00 05 01 02 03 04 05", 4, &d, b, &n);
    ck_assert_uint_eq(d.get_rsp.type, MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK);
    ck_assert(!d.get_rsp.last);
    ck_assert_uint_eq(d.get_rsp.block_number, 1);
    ck_assert(d.get_rsp.result.is_data);
    ck_assert_uint_eq(d.get_rsp.result.data.len, 5);
    ck_assert_ptr_eq(d.get_rsp.result.data.p, b + 10);
    check_encode(enc_get_rsp_block, &d, b, n);

    /* Same choice, last block 2 carrying data-access-result [1] data-block-unavailable (14). */
    decode_hex(D_GET_RSP, "C4 02 C1 01 00 00 00 02 01 0E", 4, &d, b, &n);
    ck_assert(d.get_rsp.last);
    ck_assert_uint_eq(d.get_rsp.block_number, 2);
    ck_assert(!d.get_rsp.result.is_data);
    ck_assert_uint_eq(d.get_rsp.result.dar, MSDK_COSEM_DAR_DATA_BLOCK_UNAVAILABLE);
    check_encode(enc_get_rsp_block, &d, b, n);

    /* Unknown DataBlock-G result choice, empty last block accepted. */
    ck_assert_int_eq(dec_hex(D_GET_RSP, "C4 02 C1 01 00 00 00 02 02 00", 4), MSDK_ERR_MALFORMED);
    decode_hex(D_GET_RSP, "C4 02 C1 FF 00 00 00 03 00 00", 4, &d, b, &n);
    ck_assert(d.get_rsp.last); /* any non-zero BOOLEAN is TRUE */
    ck_assert_uint_eq(d.get_rsp.result.data.len, 0);
}
END_TEST

START_TEST(stream_block_lengths)
{
    /* The streamed raw-data length: short form up to 127, 81 xx up to 255, 82 xx xx above. */
    static uint8_t buf[70000];
    static uint8_t data[66000];
    const size_t sizes[] = { 0, 1, 127, 128, 255, 256, 1000, 65535 };
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 7u + 3u);
    }
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        size_t sz = sizes[s];
        msdk_wbuf_t wb;
        msdk_cosem_xdlms_block_t blk;
        dec_t d;
        msdk_wbuf_init(&wb, buf, sizeof(buf));
        ck_assert_int_eq(msdk_cosem_xdlms_get_response_encode_block_begin(&wb, 0xC1, 7, &blk),
                         MSDK_OK);
        ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, data, sz), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, &blk, sz == 1000), MSDK_OK);
        size_t hl = sz < 128 ? 1 : sz < 256 ? 2 : 3;
        ck_assert_uint_eq(wb.pos, 9 + hl + sz);
        ck_assert_int_eq(msdk_cosem_xdlms_get_response_decode(buf, wb.pos, 0, &d.get_rsp), MSDK_OK);
        ck_assert_uint_eq(d.get_rsp.block_number, 7);
        ck_assert(d.get_rsp.last == (sz == 1000));
        ck_assert_uint_eq(d.get_rsp.result.data.len, sz);
        ck_assert_mem_eq(d.get_rsp.result.data.p, data, sz);
    }
    /* Exactly sized and nearly exactly sized buffers around the length-form limits. */
    for (size_t sz = 120; sz < 270; sz++) {
        for (size_t extra = 0; extra < 4; extra++) {
            msdk_wbuf_t wb;
            msdk_cosem_xdlms_block_t blk;
            dec_t d;
            size_t hl = sz < 128 ? 1 : sz < 256 ? 2 : 3;
            msdk_wbuf_init(&wb, buf, 9 + hl + sz + extra);
            if (msdk_cosem_xdlms_get_response_encode_block_begin(&wb, 0xC1, 1, &blk) != MSDK_OK ||
                msdk_wbuf_put_bytes(&wb, data, sz) != MSDK_OK ||
                msdk_cosem_xdlms_block_end(&wb, &blk, true) != MSDK_OK || wb.pos != 9 + hl + sz ||
                msdk_cosem_xdlms_get_response_decode(buf, wb.pos, 0, &d.get_rsp) != MSDK_OK ||
                d.get_rsp.result.data.len != sz) {
                ck_abort_msg("block of %zu bytes, %zu spare", sz, extra);
            }
        }
    }
    /* ACTION pblock stream, and a block over 65535 bytes. */
    msdk_wbuf_t wb;
    msdk_cosem_xdlms_block_t blk, bad;
    dec_t d;
    msdk_wbuf_init(&wb, buf, sizeof(buf));
    ck_assert_int_eq(msdk_cosem_xdlms_action_response_encode_pblock_begin(&wb, 0xC1, 1, &blk),
                     MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_bytes(&wb, data, 65536), MSDK_OK);
    size_t before = wb.pos;
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, &blk, true), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(wb.pos, before);
    wb.pos--;
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, &blk, true), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_xdlms_action_response_decode(buf, wb.pos, 0, &d.act_rsp), MSDK_OK);
    ck_assert_uint_eq(d.act_rsp.type, MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK);
    ck_assert(d.act_rsp.block.last);
    ck_assert_uint_eq(d.act_rsp.block.raw.len, 65535);
    /* Tokens that do not match the writer. */
    bad = blk;
    bad.len_pos = wb.pos;
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, &bad, true), MSDK_ERR_INVALID_ARG);
    bad = blk;
    bad.last_pos = bad.len_pos;
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, &bad, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(NULL, &blk, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_block_end(&wb, NULL, true), MSDK_ERR_INVALID_ARG);
}
END_TEST

static msdk_err_t enc_get_rsp_list(msdk_wbuf_t *wb, const dec_t *d)
{
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_get_result_t r;
    size_t mark = wb->pos;
    msdk_err_t err =
        msdk_cosem_xdlms_get_response_encode_list_begin(wb, d->get_rsp.iip, d->get_rsp.list.count);
    msdk_cosem_xdlms_iter_init(&it, &d->get_rsp.list);
    while (err == MSDK_OK && msdk_cosem_xdlms_iter_next_get_result(&it, &r) == MSDK_OK) {
        if (r.is_data) {
            size_t m2 = wb->pos;
            err = append(wb, m2, msdk_cosem_xdlms_get_result_encode_data(wb), r.data.p, r.data.len);
        } else {
            err = msdk_cosem_xdlms_get_result_encode_error(wb, r.dar);
        }
    }
    return restore(wb, mark, err);
}

START_TEST(hand_get_response_list)
{
    /* Get-Response-With-List: iip C1, SEQUENCE OF Get-Data-Result with count 02:
     * data [0] unsigned 5 = 00 11 05; data-access-result [1] object-undefined = 01 04. */
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_get_result_t r;
    decode_hex(D_GET_RSP, "C4 03 C1 02 00 11 05 01 04", 2, &d, b, &n);
    ck_assert_uint_eq(d.get_rsp.type, MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST);
    ck_assert_uint_eq(d.get_rsp.list.count, 2);
    msdk_cosem_xdlms_iter_init(&it, &d.get_rsp.list);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &r), MSDK_OK);
    ck_assert(r.is_data);
    ck_assert_uint_eq(r.data.len, 2);
    ck_assert_ptr_eq(r.data.p, b + 5);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &r), MSDK_OK);
    ck_assert(!r.is_data);
    ck_assert_uint_eq(r.dar, MSDK_COSEM_DAR_OBJECT_UNDEFINED);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &r), MSDK_ERR_NOT_FOUND);
    check_encode(enc_get_rsp_list, &d, b, n);
    ck_assert_int_eq(dec_exact(D_GET_RSP, b, n, 1), MSDK_ERR_NO_SPACE);
    /* Get-Data-Result choice 2 does not exist. */
    ck_assert_int_eq(dec_hex(D_GET_RSP, "C4 03 C1 01 02 00", 2), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_GET_RSP, "C4 01 C1 02 00", 2), MSDK_ERR_MALFORMED);
}
END_TEST

/* ---- Hand-derived vectors: SET ------------------------------------------- */

/* The items of a decoded list, for the encoders (up to 8). */
typedef struct items {
    size_t n;
    msdk_cosem_xdlms_attr_sel_t attr[8];
    msdk_cosem_xdlms_method_desc_t method[8];
    msdk_cosem_xdlms_raw_t data[8];
    uint8_t dar[8];
} items_t;

/* Walks the list `l` into `out` (a list of another kind, or none, gives no items). */
static void collect(const msdk_cosem_xdlms_list_t *l, items_t *out)
{
    msdk_cosem_xdlms_iter_t it;
    memset(out, 0, sizeof(*out));
    msdk_cosem_xdlms_iter_init(&it, l);
    msdk_err_t err = MSDK_OK;
    while ((err == MSDK_OK) && (out->n < CK_COUNT(out->dar))) {
        size_t i = out->n;
        switch (l->kind) {
        case MSDK_COSEM_XDLMS_LIST_ATTR_SEL:
            err = msdk_cosem_xdlms_iter_next_attr_sel(&it, &out->attr[i]);
            break;
        case MSDK_COSEM_XDLMS_LIST_METHOD:
            err = msdk_cosem_xdlms_iter_next_method(&it, &out->method[i]);
            break;
        case MSDK_COSEM_XDLMS_LIST_DATA:
            err = msdk_cosem_xdlms_iter_next_data(&it, &out->data[i]);
            break;
        case MSDK_COSEM_XDLMS_LIST_DAR:
            err = msdk_cosem_xdlms_iter_next_dar(&it, &out->dar[i]);
            break;
        default: err = MSDK_ERR_NOT_FOUND; break;
        }
        out->n += (err == MSDK_OK) ? 1u : 0u;
    }
}

/* Re-encodes a decoded SET or ACTION request with the encoder of its choice. */
static msdk_err_t enc_request(msdk_wbuf_t *wb, const dec_t *d, bool set)
{
    const msdk_cosem_xdlms_set_request_t *s = &d->set_req;
    const msdk_cosem_xdlms_action_request_t *r = &d->act_req;
    items_t a;
    items_t v;
    collect(set ? &s->attrs : &r->methods, &a);
    collect(set ? &s->values : &r->params_list, &v);
    ck_assert_uint_eq(a.n, (set ? s->attrs.count : r->methods.count));
    unsigned choice = set ? (0x10u | s->type) : r->type;
    switch (choice) {
    case 0x10u | MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL: return enc_set_req_normal(wb, d);
    case 0x10u | MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK:
        return msdk_cosem_xdlms_set_request_encode_first_block(wb, s->iip, &s->attr, &s->block);
    case 0x10u | MSDK_COSEM_XDLMS_SET_REQUEST_WITH_DATABLOCK:
        return msdk_cosem_xdlms_set_request_encode_block(wb, s->iip, &s->block);
    case 0x10u | MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST:
        return msdk_cosem_xdlms_set_request_encode_with_list(wb, s->iip, a.attr, v.data, a.n);
    case 0x10u | MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST_FIRST_BLOCK:
        return msdk_cosem_xdlms_set_request_encode_list_first_block(wb, s->iip, a.attr, a.n,
                                                                    &s->block);
    case MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL: return enc_act_req_normal(wb, d);
    case MSDK_COSEM_XDLMS_ACTION_REQUEST_NEXT_PBLOCK:
        return msdk_cosem_xdlms_action_request_encode_next_pblock(wb, r->iip, r->block_number);
    case MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST:
        return msdk_cosem_xdlms_action_request_encode_with_list(wb, r->iip, a.method, v.data, a.n);
    case MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_FIRST_PBLOCK:
        return msdk_cosem_xdlms_action_request_encode_first_pblock(wb, r->iip, &r->method,
                                                                   &r->block);
    case MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST_FIRST_PBLOCK:
        return msdk_cosem_xdlms_action_request_encode_list_first_pblock(wb, r->iip, a.method, a.n,
                                                                        &r->block);
    default: return msdk_cosem_xdlms_action_request_encode_pblock(wb, r->iip, &r->block);
    }
}

static msdk_err_t enc_set_req(msdk_wbuf_t *wb, const dec_t *d)
{
    return enc_request(wb, d, true);
}

static msdk_err_t enc_set_rsp(msdk_wbuf_t *wb, const dec_t *d)
{
    const msdk_cosem_xdlms_set_response_t *r = &d->set_rsp;
    items_t dars;
    collect(&r->results, &dars);
    switch (r->type) {
    case MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL: return enc_set_rsp_normal(wb, d);
    case MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK:
        return msdk_cosem_xdlms_set_response_encode_datablock(wb, r->iip, r->block_number);
    case MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK:
        return msdk_cosem_xdlms_set_response_encode_last_datablock(wb, r->iip, r->result,
                                                                   r->block_number);
    case MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK_WITH_LIST:
        return msdk_cosem_xdlms_set_response_encode_last_datablock_with_list(
            wb, r->iip, dars.dar, dars.n, r->block_number);
    default: return msdk_cosem_xdlms_set_response_encode_with_list(wb, r->iip, dars.dar, dars.n);
    }
}

/* ---- Hand-derived vectors: ACTION ---------------------------------------- */

static msdk_err_t enc_act_req(msdk_wbuf_t *wb, const dec_t *d)
{
    return enc_request(wb, d, false);
}

static msdk_err_t enc_act_rsp(msdk_wbuf_t *wb, const dec_t *d)
{
    const msdk_cosem_xdlms_action_response_t *r = &d->act_rsp;
    msdk_cosem_xdlms_block_t blk;
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_action_item_t item;
    size_t mark = wb->pos;
    msdk_err_t err;
    switch (r->type) {
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL: return enc_act_rsp_normal(wb, d);
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK:
        return msdk_cosem_xdlms_action_response_encode_next_pblock(wb, r->iip, r->block_number);
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK:
        err = msdk_cosem_xdlms_action_response_encode_pblock_begin(wb, r->iip,
                                                                   r->block.block_number, &blk);
        err = append(wb, mark, err, r->block.raw.p, r->block.raw.len);
        if (err == MSDK_OK) {
            err = msdk_cosem_xdlms_block_end(wb, &blk, r->block.last);
        }
        break;
    default:
        err = msdk_cosem_xdlms_action_response_encode_list_begin(wb, r->iip, r->list.count);
        msdk_cosem_xdlms_iter_init(&it, &r->list);
        while (err == MSDK_OK && msdk_cosem_xdlms_iter_next_action_item(&it, &item) == MSDK_OK) {
            if (!item.has_return) {
                err = msdk_cosem_xdlms_action_item_encode(wb, item.result);
            } else if (!item.ret.is_data) {
                err = msdk_cosem_xdlms_action_item_encode_error(wb, item.result, item.ret.dar);
            } else {
                size_t m2 = wb->pos;
                err = append(wb, m2, msdk_cosem_xdlms_action_item_encode_data(wb, item.result),
                             item.ret.data.p, item.ret.data.len);
            }
        }
        break;
    }
    return restore(wb, mark, err);
}

/* ---- Hand-derived vectors: SET and ACTION, blocks and lists --------------- */

/* The fields the vectors check of a decoded APDU, as text: CHOICE (t), descriptor class and
 * member (c), OPTIONAL parameters present and their length (p), list counts (a/v, m/v, l),
 * result (r), block-number (n), and for a DataBlock-SA its last-block, block-number,
 * raw-data length and offset in the APDU. */
static void summary(dkind_t k, const dec_t *d, const uint8_t *apdu, char *out, size_t cap)
{
    const msdk_cosem_xdlms_datablock_t *blk = NULL;
    size_t n = 0;
    if (k == D_SET_REQ) {
        const msdk_cosem_xdlms_set_request_t *r = &d->set_req;
        n = (size_t)snprintf(out, cap, "t%u c%u/%d a%u v%u", r->type, r->attr.attr.class_id,
                             r->attr.attr.attr_id, r->attrs.count, r->values.count);
        blk = &r->block;
    } else if (k == D_ACT_REQ) {
        const msdk_cosem_xdlms_action_request_t *r = &d->act_req;
        n = (size_t)snprintf(out, cap, "t%u c%u/%d p%d/%zu m%u v%u n%u", r->type,
                             r->method.class_id, r->method.method_id, r->has_params, r->params.len,
                             r->methods.count, r->params_list.count, r->block_number);
        blk = &r->block;
    } else if (k == D_SET_RSP) {
        const msdk_cosem_xdlms_set_response_t *r = &d->set_rsp;
        n = (size_t)snprintf(out, cap, "t%u r%u l%u n%u", r->type, r->result, r->results.count,
                             r->block_number);
    } else {
        const msdk_cosem_xdlms_action_response_t *r = &d->act_rsp;
        n = (size_t)snprintf(out, cap, "t%u r%u l%u n%u", r->type, r->item.result, r->list.count,
                             r->block_number);
        blk = &r->block;
    }
    if ((blk != NULL) && (blk->block_number != 0u)) {
        (void)snprintf(&out[n], cap - n, " last%d b%u raw%zu@%zu", blk->last, blk->block_number,
                       blk->raw.len, (size_t)(blk->raw.p - apdu));
    }
}

/* The encoder that must give a decoded APDU back byte for byte. */
static enc_fn encoder_of(dkind_t k)
{
    switch (k) {
    case D_SET_REQ: return enc_set_req;
    case D_ACT_REQ: return enc_act_req;
    case D_SET_RSP: return enc_set_rsp;
    default: return enc_act_rsp;
    }
}

/* A hand-derived APDU (its derivation in the comment above its row), the list limit given
 * to the decoder, and summary() of what it decodes to. */
typedef struct hand_vec {
    dkind_t k;
    size_t max;
    const char *hex;
    const char *fields;
} hand_vec_t;

static const hand_vec_t hand_vecs[] = {
    /* Set-Request-With-First-Datablock: iip C1, clock attr 2 (00 08 | 00 00 01 00 00 FF |
     * 02), no access (00), DataBlock-SA { last FALSE 00, block 00000001, raw-data 03 AA BB
     * CC }. */
    { D_SET_REQ, 4, "C1 02 C1 00 08 00 00 01 00 00 FF 02 00 00 00 00 00 01 03 AA BB CC",
      "t2 c8/2 a0 v0 last0 b1 raw3@19" },
    /* Set-Request-With-Datablock: iip C1, DataBlock-SA { last TRUE 01, block 2, 02 DD EE }. */
    { D_SET_REQ, 4, "C1 03 C1 01 00 00 00 02 02 DD EE", "t3 c0/0 a0 v0 last1 b2 raw2@9" },
    /* Set-Request-With-List: count 02 of { clock attr 2, no access }, { clock attr 3, no
     * access }; values count 02: unsigned 1 (11 01), long-unsigned 2 (12 00 02). */
    { D_SET_REQ, 2,
      "C1 04 C1 02 00 08 00 00 01 00 00 FF 02 00 00 08 00 00 01 00 00 FF 03 00 02 11 01 12 00 02",
      "t4 c0/0 a2 v2" },
    /* Set-Request-With-List-And-First-Datablock: count 01 { clock attr 2, no access },
     * DataBlock-SA { last TRUE, block 1, raw 02 01 02 }. */
    { D_SET_REQ, 2, "C1 05 C1 01 00 08 00 00 01 00 00 FF 02 00 01 00 00 00 01 02 01 02",
      "t5 c0/0 a1 v0 last1 b1 raw2@20" },
    /* Set-Response-Datablock: iip C1, block-number 1. */
    { D_SET_RSP, 4, "C5 02 C1 00 00 00 01", "t2 r0 l0 n1" },
    /* Set-Response-Last-Datablock: result success 00, block-number 2. */
    { D_SET_RSP, 4, "C5 03 C1 00 00 00 00 02", "t3 r0 l0 n2" },
    /* Set-Response-Last-Datablock-With-List: results 02 { success, read-write-denied 03 },
     * block-number 2. */
    { D_SET_RSP, 4, "C5 04 C1 02 00 03 00 00 00 02", "t4 r0 l2 n2" },
    /* Set-Response-With-List: results 03 { success, type-unmatched 0C, other-reason FA }. */
    { D_SET_RSP, 4, "C5 05 C1 03 00 0C FA", "t5 r0 l3 n0" },
    /* Action-Request-Normal: disconnect control (class 70 = 00 46, 0.0.96.3.10.255),
     * method 2, parameters present 01, integer 0 = 0F 00. */
    { D_ACT_REQ, 4, "C3 01 C1 00 46 00 00 60 03 0A FF 02 01 0F 00", "t1 c70/2 p1/2 m0 v0 n0" },
    /* Action-Request-Next-Pblock: block-number 1. */
    { D_ACT_REQ, 4, "C3 02 C1 00 00 00 01", "t2 c0/0 p0/0 m0 v0 n1" },
    /* Action-Request-With-List: methods 02 { disconnect m1, disconnect m2 }, parameters
     * 02 { integer 0, integer 0 }. */
    { D_ACT_REQ, 2,
      "C3 03 C1 02 00 46 00 00 60 03 0A FF 01 00 46 00 00 60 03 0A FF 02 02 0F 00 0F 00",
      "t3 c0/0 p0/0 m2 v2 n0" },
    /* Action-Request-With-First-Pblock: disconnect m1, DataBlock-SA { FALSE, 1, 02 AA BB }. */
    { D_ACT_REQ, 4, "C3 04 C1 00 46 00 00 60 03 0A FF 01 00 00 00 00 01 02 AA BB",
      "t4 c70/1 p0/0 m0 v0 n0 last0 b1 raw2@18" },
    /* Action-Request-With-List-And-First-Pblock: methods 01 { disconnect m1 },
     * DataBlock-SA { TRUE, 1, 01 CC }. */
    { D_ACT_REQ, 4, "C3 05 C1 01 00 46 00 00 60 03 0A FF 01 01 00 00 00 01 01 CC",
      "t5 c0/0 p0/0 m1 v0 n0 last1 b1 raw1@19" },
    /* Action-Request-With-Pblock: DataBlock-SA { TRUE, 2, empty raw-data 00 }. */
    { D_ACT_REQ, 4, "C3 06 C1 01 00 00 00 02 00", "t6 c0/0 p0/0 m0 v0 n0 last1 b2 raw0@9" },
    /* Action-Response-Normal with return-parameters data-access-result: result
     * object-unavailable 0B, present 01, choice [1] 01, dar 0B. */
    { D_ACT_RSP, 4, "C7 01 C1 0B 01 01 0B", "t1 r11 l0 n0" },
    /* Action-Response-With-Pblock: DataBlock-SA { TRUE, 1, raw 03 09 01 41 }. */
    { D_ACT_RSP, 4, "C7 02 C1 01 00 00 00 01 03 09 01 41", "t2 r0 l0 n0 last1 b1 raw3@9" },
    /* Action-Response-With-List: 03 items { success, no data: 00 00 }, { success, data [0]
     * unsigned 7: 00 01 00 11 07 }, { read-write-denied 03, dar [1] read-write-denied:
     * 03 01 01 03 }. */
    { D_ACT_RSP, 3, "C7 03 C1 03 00 00 00 01 00 11 07 03 01 01 03", "t3 r0 l3 n0" },
    /* Action-Response-Next-Pblock: block-number 5. */
    { D_ACT_RSP, 4, "C7 04 C1 00 00 00 05", "t4 r0 l0 n5" },
};

/* Hand-derived APDUs that must be refused, and how. */
typedef struct bad_vec {
    dkind_t k;
    size_t max;
    const char *hex;
    msdk_err_t err;
} bad_vec_t;

static const bad_vec_t bad_vecs[] = {
    /* Lists longer than the limit: the set-request-with-list, set-response-with-list,
     * action-request-with-list and action-response-with-list vectors above. */
    { D_SET_REQ, 1,
      "C1 04 C1 02 00 08 00 00 01 00 00 FF 02 00 00 08 00 00 01 00 00 FF 03 00 02 11 01 12 00 02",
      MSDK_ERR_NO_SPACE },
    { D_SET_RSP, 2, "C5 05 C1 03 00 0C FA", MSDK_ERR_NO_SPACE },
    { D_ACT_REQ, 1,
      "C3 03 C1 02 00 46 00 00 60 03 0A FF 01 00 46 00 00 60 03 0A FF 02 02 0F 00 0F 00",
      MSDK_ERR_NO_SPACE },
    { D_ACT_RSP, 2, "C7 03 C1 03 00 00 00 01 00 11 07 03 01 01 03", MSDK_ERR_NO_SPACE },
    /* Value count differs from the descriptor count; zero parameters for two methods. */
    { D_SET_REQ, 2,
      "C1 04 C1 02 00 08 00 00 01 00 00 FF 02 00 00 08 00 00 01 00 00 FF 03 00 01 11 01",
      MSDK_ERR_MALFORMED },
    { D_ACT_REQ, 2, "C3 03 C1 02 00 46 00 00 60 03 0A FF 01 00 46 00 00 60 03 0A FF 02 00",
      MSDK_ERR_MALFORMED },
    /* Parameters presence flag 02; a return-parameters choice 02. */
    { D_ACT_REQ, 4, "C3 01 C1 00 46 00 00 60 03 0A FF 02 02 0F 00", MSDK_ERR_MALFORMED },
    { D_ACT_RSP, 4, "C7 01 C1 00 02", MSDK_ERR_MALFORMED },
    /* Unknown choices. */
    { D_SET_REQ, 4, "C1 00 C1", MSDK_ERR_MALFORMED },
    { D_SET_REQ, 4, "C1 06 C1", MSDK_ERR_MALFORMED },
    { D_SET_RSP, 4, "C5 00 C1 00", MSDK_ERR_MALFORMED },
    { D_SET_RSP, 4, "C5 06 C1 00", MSDK_ERR_MALFORMED },
    { D_ACT_REQ, 4, "C3 00 C1", MSDK_ERR_MALFORMED },
    { D_ACT_REQ, 4, "C3 07 C1", MSDK_ERR_MALFORMED },
    { D_ACT_RSP, 4, "C7 05 C1 00 00 00 05", MSDK_ERR_MALFORMED },
};

START_TEST(hand_set_action_apdus)
{
    /* Each decodes to its fields, refuses every prefix, trailing bytes and a wrong tag, and
     * encodes back to the same bytes (and fails cleanly in every smaller writer). */
    for (size_t i = 0; i < CK_COUNT(hand_vecs); i++) {
        const hand_vec_t *v = &hand_vecs[i];
        uint8_t b[MAXLEN];
        size_t n;
        dec_t d;
        char got[96];
        decode_hex(v->k, v->hex, v->max, &d, b, &n);
        summary(v->k, &d, b, got, sizeof got);
        ck_assert_str_eq(got, v->fields);
        check_encode(encoder_of(v->k), &d, b, n);
    }
    for (size_t i = 0; i < CK_COUNT(bad_vecs); i++) {
        ck_assert_int_eq(dec_hex(bad_vecs[i].k, bad_vecs[i].hex, bad_vecs[i].max), bad_vecs[i].err);
    }
}
END_TEST

START_TEST(hand_action_response_list_items)
{
    /* The items of the Action-Response-With-List vector above. */
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_action_item_t item;
    decode_hex(D_ACT_RSP, "C7 03 C1 03 00 00 00 01 00 11 07 03 01 01 03", 3, &d, b, &n);
    msdk_cosem_xdlms_iter_init(&it, &d.act_rsp.list);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_action_item(&it, &item), MSDK_OK);
    ck_assert(!item.has_return);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_action_item(&it, &item), MSDK_OK);
    ck_assert(item.has_return && item.ret.is_data);
    ck_assert_uint_eq(item.ret.data.len, 2);
    ck_assert_ptr_eq(item.ret.data.p, b + 9);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_action_item(&it, &item), MSDK_OK);
    ck_assert_uint_eq(item.result, MSDK_COSEM_ACTION_READ_WRITE_DENIED);
    ck_assert_uint_eq(item.ret.dar, MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_action_item(&it, &item), MSDK_ERR_NOT_FOUND);
}
END_TEST

START_TEST(pblocks_long_raw_data)
{
    /* Action-Request-With-First-Pblock: C3 04, iip C1, method 7F F0 | 00 80 63 00 00 FF |
     * 01, DataBlock-SA { last FALSE 00, block 00000001, raw-data 81 C8 (200) + 200 bytes }:
     * the raw data at offset 19. */
    uint8_t b[MAXLEN];
    size_t n = ck_hex("C3 04 C1 7F F0 00 80 63 00 00 FF 01 00 00 00 00 01 81 C8", b, MAXLEN);
    for (size_t i = 0; i < 200u; i++) {
        b[n++] = (uint8_t)(i * 3u);
    }
    dec_t d;
    decode_valid(D_ACT_REQ, b, n, 4, &d);
    char got[96];
    summary(D_ACT_REQ, &d, b, got, sizeof got);
    ck_assert_str_eq(got, "t4 c32752/1 p0/0 m0 v0 n0 last0 b1 raw200@19");
    check_encode(enc_act_req, &d, b, n);
    /* Action-Response-With-Pblock: C7 02, iip C1, DataBlock-SA { last TRUE 01, block
     * 00000002, raw-data 82 01 2C (300) + 300 bytes }, encoded by the streaming encoder
     * (pblock_begin, the data, block_end) with the three-byte length. */
    n = ck_hex("C7 02 C1 01 00 00 00 02 82 01 2C", b, MAXLEN);
    for (size_t i = 0; i < 300u; i++) {
        b[n++] = (uint8_t)(i * 5u);
    }
    decode_valid(D_ACT_RSP, b, n, 4, &d);
    summary(D_ACT_RSP, &d, b, got, sizeof got);
    ck_assert_str_eq(got, "t2 r0 l0 n0 last1 b2 raw300@11");
    check_encode(enc_act_rsp, &d, b, n);
}
END_TEST

/* ---- Exception, event-notification --------------------------------------- */

static msdk_err_t enc_exc(msdk_wbuf_t *wb, const dec_t *d)
{
    return msdk_cosem_xdlms_exception_encode(wb, d->exc.state_error, d->exc.service_error,
                                             d->exc.invocation_counter);
}

START_TEST(hand_exception)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    msdk_wbuf_t wb;
    /* state-error service-not-allowed (1), service-error service-not-supported (2). */
    decode_hex(D_EXC, "D8 01 02", 0, &d, b, &n);
    ck_assert_uint_eq(d.exc.state_error, MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED);
    ck_assert_uint_eq(d.exc.service_error, MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED);
    check_encode(enc_exc, &d, b, n);
    /* service-unknown (2), invocation-counter-error (6) with the expected counter 42. */
    decode_hex(D_EXC, "D8 02 06 00 00 00 2A", 0, &d, b, &n);
    ck_assert_uint_eq(d.exc.invocation_counter, 42);
    check_encode(enc_exc, &d, b, n);
    ck_assert_int_eq(dec_hex(D_EXC, "D8 00 02", 0), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EXC, "D8 03 02", 0), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EXC, "D8 01 00", 0), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EXC, "D8 01 07", 0), MSDK_ERR_MALFORMED);
    msdk_wbuf_init(&wb, b, sizeof(b));
    ck_assert_int_eq(msdk_cosem_xdlms_exception_encode(&wb, 0, 1, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_exception_encode(&wb, 1, 7, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
}
END_TEST

static msdk_err_t enc_en(msdk_wbuf_t *wb, const dec_t *d)
{
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_event_notification_encode_begin(
        wb, d->en.has_time ? d->en.time.p : NULL, &d->en.attr);
    return append(wb, mark, err, d->en.value.p, d->en.value.len);
}

START_TEST(hand_event_notification)
{
    uint8_t b[MAXLEN];
    size_t n;
    dec_t d;
    const uint8_t ev[6] = { 0, 0, 96, 11, 0, 255 };
    /* EventNotificationRequest: time present 01, OCTET STRING 0C + 12 date-time bytes,
     * attribute class 1 / 0.0.96.11.0.255 / 2 (event code), value long-unsigned 5. */
    decode_hex(D_EN,
               "C2 01 0C 07 EA 03 0F 07 0C 00 00 00 FF C4 00 00 01 00 00 60 0B 00 FF 02 12 00 05",
               0, &d, b, &n);
    ck_assert(d.en.has_time);
    ck_assert_ptr_eq(d.en.time.p, b + 3);
    assert_desc(d.en.attr.class_id, d.en.attr.obis, d.en.attr.attr_id, 1, ev, 2);
    ck_assert_uint_eq(d.en.value.len, 3);
    check_encode(enc_en, &d, b, n);
    /* Without time (00). */
    decode_hex(D_EN, "C2 00 00 01 00 00 60 0B 00 FF 02 12 00 05", 0, &d, b, &n);
    ck_assert(!d.en.has_time);
    check_encode(enc_en, &d, b, n);
    ck_assert_int_eq(dec_hex(D_EN, "C2 02 00 01 00 00 60 0B 00 FF 02 12 00 05", 0),
                     MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EN, "C2 01 01 AA 00 01 00 00 60 0B 00 FF 02 12 00 05", 0),
                     MSDK_ERR_MALFORMED);
}
END_TEST

/* ---- A-XDR Data skipping, lengths, limits -------------------------------- */

/* Builds "C1 01 C1 <clock attr 2> 00 <value>" and decodes it as a SET request. */
static msdk_err_t set_with_value(const uint8_t *v, size_t vn, msdk_cosem_xdlms_set_request_t *out)
{
    static uint8_t buf[40000];
    const uint8_t hdr[13] = { 0xC1, 0x01, 0xC1, 0x00, 0x08, 0, 0, 1, 0, 0, 0xFF, 0x02, 0x00 };
    ck_assert_uint_le(vn + 13, sizeof(buf));
    memcpy(buf, hdr, 13);
    memcpy(buf + 13, v, vn);
    return msdk_cosem_xdlms_set_request_decode(buf, vn + 13, 4, out);
}

static msdk_err_t set_hex(const char *h)
{
    uint8_t v[MAXLEN];
    msdk_cosem_xdlms_set_request_t r;
    size_t n = ck_hex(h, v, MAXLEN);
    return set_with_value(v, n, &r);
}

START_TEST(data_skip)
{
    /* Every Data type accepted once. */
    ck_assert_int_eq(set_hex("02 1C 00 03 01 04 0A 12 34 05 00 00 00 01 06 00 00 00 01 09 02 AA BB "
                             "0A 01 41 0C 01 41 0D 12 0F FF 10 00 01 11 01 12 00 01 14 00 00 00 00 "
                             "00 00 00 01 15 00 00 00 00 00 00 00 01 16 02 17 00 00 00 00 18 00 00 "
                             "00 00 00 00 00 00 19 07 EA 03 0F 07 0C 00 00 00 FF C4 00 1A 07 EA 03 "
                             "0F 07 1B 0C 00 00 00 FF 01 00 02 00 13 01 00 02 11 02 05 06 "
                             "13 02 02 11 12 03 01 00 02 00 09 01 AB"),
                     MSDK_OK);
    /* Unused Data tags. */
    const uint8_t bad[] = { 0x07, 0x08, 0x0B, 0x0E, 0x1C, 0x80, 0xFE };
    for (size_t i = 0; i < sizeof(bad); i++) {
        uint8_t v[4] = { bad[i], 0, 0, 0 };
        msdk_cosem_xdlms_set_request_t r;
        ck_assert_int_eq(set_with_value(v, sizeof(v), &r), MSDK_ERR_MALFORMED);
    }
    /* Compact-array with a bad or nested type description. */
    ck_assert_int_eq(set_hex("13 13 00"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("13 07 00"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("13 02 02 11 13 00"), MSDK_ERR_MALFORMED);
    /* Bit-string: 9 bits need 2 bytes. */
    ck_assert_int_eq(set_hex("04 09 FF 80"), MSDK_OK);
    ck_assert_int_eq(set_hex("04 09 FF"), MSDK_ERR_TRUNCATED);
    /* Length forms inside Data (msdk_cosem_axdr_skip()): indefinite (80), over four
     * length bytes (85) and non-minimal forms (IEC 61334-6 variable-length integers are
     * minimal) are malformed; a huge length is only truncated input. */
    ck_assert_int_eq(set_hex("09 80"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("09 85 00 00 00 00 01 AA"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("09 82 00 01 AA"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("09 81 01 AB"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("09 81 7F"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("02 84 00 00 00 03 00 00"), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(set_hex("09 84 FF FF FF FF AA"), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(set_hex("01 84 FF FF FF FF 00 00"), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(set_hex("02 03 00 00"), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(set_hex("13 02 84 FF FF FF FF 11"), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(set_hex("13 01 FF FF 01 FF FF 11 00"), MSDK_OK);
    /* Compact-array contents must be whole elements of the type description. */
    ck_assert_int_eq(set_hex("13 12 04 00 01 00 02"), MSDK_OK);
    ck_assert_int_eq(set_hex("13 12 03 00 01 00"), MSDK_ERR_MALFORMED);
    /* Nesting: up to MSDK_COSEM_AXDR_DEPTH_MAX (16) levels are accepted, one more is
     * not supported, and a hostile depth is refused without recursion. */
    {
        static uint8_t deep[30001];
        msdk_cosem_xdlms_set_request_t r;
        for (size_t i = 0; i < 15000; i++) {
            deep[2 * i] = 0x01;
            deep[2 * i + 1] = 0x01;
        }
        deep[30000] = 0x00;
        ck_assert_int_eq(set_with_value(deep, sizeof(deep), &r), MSDK_ERR_NOT_SUPPORTED);
        ck_assert_int_eq(set_with_value(deep, sizeof(deep) - 1, &r), MSDK_ERR_NOT_SUPPORTED);
        /* 16 arrays around a null-data: the last 33 bytes of deep. */
        const uint8_t *d16 = deep + sizeof(deep) - 33;
        ck_assert_int_eq(set_with_value(d16, 33, &r), MSDK_OK);
        ck_assert_uint_eq(r.value.len, 33);
        ck_assert_int_eq(set_with_value(d16, 32, &r), MSDK_ERR_TRUNCATED);
        ck_assert_int_eq(set_with_value(d16 - 2, 35, &r), MSDK_ERR_NOT_SUPPORTED);
        /* 15 arrays around a compact-array: 16 levels. */
        const uint8_t compact[4] = { 0x13, 0x11, 0x01, 0x05 };
        uint8_t cv[40];
        memcpy(cv, deep, 30);
        memcpy(cv + 30, compact, 4);
        ck_assert_int_eq(set_with_value(cv, 34, &r), MSDK_OK);
        memcpy(cv, deep, 32);
        memcpy(cv + 32, compact, 4);
        ck_assert_int_eq(set_with_value(cv, 36, &r), MSDK_ERR_NOT_SUPPORTED);
        /* The encoders apply the same limit to the values they are given. */
        uint8_t out[64];
        msdk_wbuf_t wb;
        msdk_cosem_xdlms_attr_sel_t attr;
        memset(&attr, 0, sizeof(attr));
        attr.attr.class_id = 8;
        attr.attr.attr_id = 2;
        msdk_cosem_xdlms_raw_t v = { d16, 33 };
        msdk_wbuf_init(&wb, out, sizeof(out));
        ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &attr, &v), MSDK_OK);
        v.p = d16 - 2;
        v.len = 35;
        msdk_wbuf_init(&wb, out, sizeof(out));
        ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &attr, &v),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_uint_eq(wb.pos, 0);
    }
}
END_TEST

START_TEST(list_limits)
{
    /* A count that cannot fit the input is truncated input, even with no limit. */
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 84 FF FF FF FF 00", SIZE_MAX),
                     MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 84 FF FF FF FF 00", 3), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 80", 3), MSDK_ERR_MALFORMED);
    /* Lengths and counts of the APDU itself (not inside Data) accept non-minimal BER
     * forms: a list count of 81 01, a raw-data length of 82 00 02. */
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 81 01 00 08 00 00 01 00 00 FF 02 00", 1),
                     MSDK_OK);
    ck_assert_int_eq(dec_hex(D_SET_REQ, "C1 03 C1 01 00 00 00 01 82 00 02 AA BB", 1), MSDK_OK);
    /* An empty list is valid. */
    dec_t d;
    uint8_t b[MAXLEN];
    size_t n;
    decode_hex(D_GET_REQ, "C0 03 C1 00", 0, &d, b, &n);
    ck_assert_uint_eq(d.get_req.list.count, 0);
    /* A list item with selective access, its presence flag bad, its params bad. */
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 01 00 08 00 00 01 00 00 FF 02 01 02 11 05", 1),
                     MSDK_OK);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 01 00 08 00 00 01 00 00 FF 02 02 02 11 05", 1),
                     MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 03 C1 01 00 08 00 00 01 00 00 FF 02 01 02 07 05", 1),
                     MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 04 C1", 1), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_GET_REQ, "C0 00 C1", 1), MSDK_ERR_MALFORMED);
    /* Every decoder rejects an APDU of another service. */
    ck_assert_int_eq(dec_hex(D_SET_REQ, "C0 02 C1 00 00 00 01", 4), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_DN, "C0 02 C1 00 00 00 01", 4), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EN, "C0 02 C1 00 00 00 01", 4), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_EXC, "C0 02 C1 00 00 00 01", 4), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(iterator_misuse)
{
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_list_t list;
    msdk_cosem_xdlms_raw_t raw;
    uint8_t dar;
    const uint8_t bytes[3] = { 0x11, 0x05, 0x07 };
    /* A NULL list gives an empty iterator of no kind. */
    msdk_cosem_xdlms_iter_init(&it, NULL);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_data(&it, &raw), MSDK_ERR_INVALID_ARG);
    msdk_cosem_xdlms_iter_init(NULL, NULL);
    /* A hand-made list whose bytes lie about the count. */
    list.kind = MSDK_COSEM_XDLMS_LIST_DATA;
    list.count = 3;
    list.p = bytes;
    list.len = sizeof(bytes);
    msdk_cosem_xdlms_iter_init(&it, &list);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_data(&it, &raw), MSDK_OK);
    ck_assert_uint_eq(raw.len, 2);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_data(&it, &raw), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_data(NULL, &raw), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_data(&it, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_dar(&it, &dar), MSDK_ERR_INVALID_ARG);
    list.kind = MSDK_COSEM_XDLMS_LIST_DAR;
    list.count = 4;
    msdk_cosem_xdlms_iter_init(&it, &list);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(msdk_cosem_xdlms_iter_next_dar(&it, &dar), MSDK_OK);
    }
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_dar(&it, &dar), MSDK_ERR_TRUNCATED);
}
END_TEST

START_TEST(encoder_args)
{
    uint8_t buf[64];
    msdk_wbuf_t wb;
    msdk_cosem_xdlms_attr_sel_t a;
    msdk_cosem_xdlms_method_desc_t m;
    msdk_cosem_xdlms_datablock_t blk;
    const uint8_t two[4] = { 0x11, 0x01, 0x11, 0x02 };
    const uint8_t bad[2] = { 0x07, 0x00 };
    msdk_cosem_xdlms_raw_t v_two = { two, 4 }, v_one = { two, 2 }, v_bad = { bad, 2 };
    msdk_cosem_xdlms_raw_t v_empty = { NULL, 0 };
    memset(&a, 0, sizeof(a));
    memset(&m, 0, sizeof(m));
    memset(&blk, 0, sizeof(blk));
    msdk_wbuf_init(&wb, buf, sizeof(buf));
    /* Values and access parameters must be exactly one Data value. */
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &a, &v_two),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &a, &v_bad),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &a, &v_empty),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_normal(&wb, 0xC1, &a, NULL),
                     MSDK_ERR_INVALID_ARG);
    a.access.present = true;
    a.access.params = v_two;
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_normal(&wb, 0xC1, &a),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_with_list(&wb, 0xC1, &a, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_action_request_encode_normal(&wb, 0xC1, &m, &v_bad),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_action_request_encode_with_list(&wb, 0xC1, &m, &v_two, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
    /* NULL pointers. */
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_normal(NULL, 0xC1, &a),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_normal(&wb, 0xC1, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_with_list(&wb, 0xC1, NULL, 1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_block(&wb, 0xC1, NULL),
                     MSDK_ERR_INVALID_ARG);
    blk.raw.len = 3;
    ck_assert_int_eq(msdk_cosem_xdlms_set_request_encode_block(&wb, 0xC1, &blk),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_action_request_encode_first_pblock(&wb, 0xC1, NULL, &blk),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_response_encode_with_list(&wb, 0xC1, NULL, 2),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_event_notification_encode_begin(&wb, NULL, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_response_encode_block_begin(&wb, 0xC1, 1, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_response_encode_normal_data(NULL, 0xC1),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0);
    /* One Data value is fine; an empty with-list encodes a zero count. */
    ck_assert_int_eq(msdk_cosem_xdlms_action_request_encode_normal(&wb, 0xC1, &m, &v_one), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 15);
    msdk_wbuf_init(&wb, buf, sizeof(buf));
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_with_list(&wb, 0xC1, NULL, 0), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 4);
    ck_assert_uint_eq(buf[3], 0);
    /* A long list count uses the 81 xx form. */
    {
        static uint8_t big[2048];
        static uint8_t dars[200];
        dec_t d;
        msdk_wbuf_init(&wb, big, sizeof(big));
        ck_assert_int_eq(msdk_cosem_xdlms_set_response_encode_with_list(&wb, 0xC1, dars, 200),
                         MSDK_OK);
        ck_assert_uint_eq(wb.pos, 3 + 2 + 200);
        ck_assert_uint_eq(big[3], 0x81);
        ck_assert_uint_eq(big[4], 200);
        ck_assert_int_eq(msdk_cosem_xdlms_set_response_decode(big, wb.pos, 200, &d.set_rsp),
                         MSDK_OK);
        ck_assert_uint_eq(d.set_rsp.results.count, 200);
        ck_assert_int_eq(msdk_cosem_xdlms_set_response_decode(big, wb.pos, 199, &d.set_rsp),
                         MSDK_ERR_NO_SPACE);
    }
}
END_TEST

START_TEST(null_writer)
{
    /* Every encoder refuses a NULL writer. */
    msdk_cosem_xdlms_attr_sel_t a;
    msdk_cosem_xdlms_method_desc_t m;
    msdk_cosem_xdlms_datablock_t blk;
    msdk_cosem_xdlms_block_t tok;
    const uint8_t one[2] = { 0x11, 0x01 };
    msdk_cosem_xdlms_raw_t v = { one, 2 };
    uint8_t dar = 0;
    memset(&a, 0, sizeof(a));
    memset(&m, 0, sizeof(m));
    memset(&blk, 0, sizeof(blk));
    const msdk_err_t e[] = {
        msdk_cosem_xdlms_get_response_encode_normal_error(NULL, 1, 1),
        msdk_cosem_xdlms_get_response_encode_block_begin(NULL, 1, 1, &tok),
        msdk_cosem_xdlms_get_response_encode_block_error(NULL, 1, true, 1, 1),
        msdk_cosem_xdlms_get_response_encode_list_begin(NULL, 1, 1),
        msdk_cosem_xdlms_get_result_encode_data(NULL),
        msdk_cosem_xdlms_get_result_encode_error(NULL, 1),
        msdk_cosem_xdlms_set_response_encode_normal(NULL, 1, 1),
        msdk_cosem_xdlms_set_response_encode_datablock(NULL, 1, 1),
        msdk_cosem_xdlms_set_response_encode_last_datablock(NULL, 1, 1, 1),
        msdk_cosem_xdlms_set_response_encode_last_datablock_with_list(NULL, 1, &dar, 1, 1),
        msdk_cosem_xdlms_set_response_encode_with_list(NULL, 1, &dar, 1),
        msdk_cosem_xdlms_action_response_encode_normal(NULL, 1, 0),
        msdk_cosem_xdlms_action_response_encode_normal_data(NULL, 1, 0),
        msdk_cosem_xdlms_action_response_encode_normal_error(NULL, 1, 0, 1),
        msdk_cosem_xdlms_action_response_encode_pblock_begin(NULL, 1, 1, &tok),
        msdk_cosem_xdlms_action_response_encode_list_begin(NULL, 1, 1),
        msdk_cosem_xdlms_action_item_encode(NULL, 0),
        msdk_cosem_xdlms_action_item_encode_data(NULL, 0),
        msdk_cosem_xdlms_action_item_encode_error(NULL, 0, 1),
        msdk_cosem_xdlms_action_response_encode_next_pblock(NULL, 1, 1),
        msdk_cosem_xdlms_exception_encode(NULL, 1, 1, 0),
        msdk_cosem_xdlms_data_notification_encode_begin(NULL, 1, NULL),
        msdk_cosem_xdlms_event_notification_encode_begin(NULL, NULL, &a.attr),
        msdk_cosem_xdlms_get_request_encode_next(NULL, 1, 1),
        msdk_cosem_xdlms_get_request_encode_with_list(NULL, 1, &a, 1),
        msdk_cosem_xdlms_set_request_encode_normal(NULL, 1, &a, &v),
        msdk_cosem_xdlms_set_request_encode_first_block(NULL, 1, &a, &blk),
        msdk_cosem_xdlms_set_request_encode_block(NULL, 1, &blk),
        msdk_cosem_xdlms_set_request_encode_with_list(NULL, 1, &a, &v, 1),
        msdk_cosem_xdlms_set_request_encode_list_first_block(NULL, 1, &a, 1, &blk),
        msdk_cosem_xdlms_action_request_encode_normal(NULL, 1, &m, NULL),
        msdk_cosem_xdlms_action_request_encode_next_pblock(NULL, 1, 1),
        msdk_cosem_xdlms_action_request_encode_with_list(NULL, 1, &m, &v, 1),
        msdk_cosem_xdlms_action_request_encode_first_pblock(NULL, 1, &m, &blk),
        msdk_cosem_xdlms_action_request_encode_list_first_pblock(NULL, 1, &m, 1, &blk),
        msdk_cosem_xdlms_action_request_encode_pblock(NULL, 1, &blk),
    };
    for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
        if (e[i] != MSDK_ERR_INVALID_ARG) {
            ck_abort_msg("encoder %zu: %d", i, (int)e[i]);
        }
    }
    /* Truncated long-form lengths and unknown Get-Response choices. */
    ck_assert_int_eq(set_hex("09 82 00"), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(dec_hex(D_GET_RSP, "C4 04 C1 00", 4), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(dec_hex(D_GET_RSP, "C4 00 C1 00", 4), MSDK_ERR_MALFORMED);
}
END_TEST

START_TEST(decoder_args)
{
    dec_t d;
    const uint8_t b[3] = { 0xC0, 0x02, 0xC1 };
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_decode(b, 3, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_decode(NULL, 3, 1, &d.get_req),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_decode(NULL, 0, 1, &d.get_req),
                     MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_xdlms_exception_decode(b, 3, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_data_notification_decode(b, 3, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_event_notification_decode(b, 3, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_set_response_decode(b, 3, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_xdlms_action_response_decode(b, 3, 1, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

Suite *cosem_xdlms_suite(void)
{
    Suite *s = suite_create("cosem_xdlms");
    CK_TCASE(s, "vectors", NULL, vec_get_normal, vec_get_next, vec_get_with_list, vec_get_response,
             vec_set_clock, vec_action, vec_get_by_range, vec_data_notification);
    CK_TCASE(s, "hand_derived", NULL, hand_get_response_block, stream_block_lengths,
             hand_get_response_list, hand_set_action_apdus, hand_action_response_list_items,
             pblocks_long_raw_data, hand_exception, hand_event_notification);
    CK_TCASE(s, "errors", NULL, data_skip, list_limits, iterator_misuse, encoder_args, decoder_args,
             null_writer);
    return s;
}
