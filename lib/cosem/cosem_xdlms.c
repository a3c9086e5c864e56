/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS service APDUs (LN referencing), the shared part: length fields, Data
 * extents, the common structures (descriptors, selective access, data
 * blocks, results), SEQUENCE OF lists and their iterators, and the APDU
 * header helpers. The server side (request decoders, response encoders) is
 * in cosem_xdlms_server.c, the client side (request encoders, response
 * decoders) in cosem_xdlms_client.c; cosem_xdlms_internal.h declares what
 * they use from here.
 *
 * Layout rules used throughout (A-XDR, Green Book):
 * - Fixed-size fields (Unsigned8/16/32, the 6-byte instance-id) carry no tag
 *   and no length; integers are big-endian and read byte by byte through
 *   msdk_rbuf_t.
 * - OCTET STRING and SEQUENCE OF start with a length/count in the BER
 *   definite form: one byte below 0x80, else 0x81..0x84 followed by 1..4
 *   bytes. Longer forms and the indefinite form 0x80 are rejected.
 * - OPTIONAL fields start with a presence byte; only 00 and 01 are accepted.
 * - BOOLEAN (last-block) is one byte; 00 is FALSE, anything else TRUE (the
 *   BER rule; we always write 01).
 * - CHOICE starts with the alternative's tag byte.
 *
 * COSEM Data values are not decoded; their extent is found with
 * msdk_cosem_axdr_skip() (msdk/cosem/axdr.h), which is iterative, limits the
 * nesting to MSDK_COSEM_AXDR_DEPTH_MAX (deeper values are
 * MSDK_ERR_NOT_SUPPORTED), accepts only the shortest A-XDR length forms inside
 * Data, and checks compact-array contents against their type description.
 */
#include <string.h>
#include "msdk/cosem/axdr.h"
#include "msdk/cosem/xdlms.h"
#include "cosem_xdlms_internal.h"

/* ---- Length fields and Data values --------------------------------------- */

msdk_err_t msdk_cosem_xdlms_read_len(msdk_rbuf_t *rb, size_t *out)
{
    size_t mark = rb->pos;
    uint8_t b;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &b);
    if (err != MSDK_OK) {
        return err;
    }
    if (b < 0x80u) {
        *out = b;
        return MSDK_OK;
    }
    size_t n = (size_t)(b & 0x7Fu);
    if (n == 0u || n > 4u) {
        rb->pos = mark;
        return MSDK_ERR_MALFORMED;
    }
    uint64_t v;
    err = msdk_rbuf_get_uintbe(rb, n, &v);
    if (err != MSDK_OK) {
        rb->pos = mark;
        return err;
    }
#if SIZE_MAX < 0xFFFFFFFFu
    if (v > (uint64_t)SIZE_MAX) {
        rb->pos = mark;
        return MSDK_ERR_MALFORMED;
    }
#endif
    *out = (size_t)v;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_xdlms_write_len(msdk_wbuf_t *wb, size_t n)
{
#if SIZE_MAX > 0xFFFFFFFFu
    if (n > 0xFFFFFFFFu) {
        return MSDK_ERR_INVALID_ARG;
    }
#endif
    if (n < 0x80u) {
        return msdk_wbuf_put_u8(wb, (uint8_t)n);
    }
    size_t bytes = (n <= 0xFFu) ? 1u : (n <= 0xFFFFu) ? 2u : (n <= 0xFFFFFFu) ? 3u : 4u;
    uint8_t tmp[5];
    tmp[0] = (uint8_t)(0x80u | bytes);
    for (size_t i = 0; i < bytes; i++) {
        tmp[1u + i] = (uint8_t)(n >> (8u * (bytes - 1u - i)));
    }
    return msdk_wbuf_put_bytes(wb, tmp, bytes + 1u);
}

msdk_err_t msdk_cosem_xdlms_read_data(msdk_rbuf_t *rb, msdk_cosem_xdlms_raw_t *out)
{
    size_t start = rb->pos;
    /* msdk_cosem_axdr_skip() moves the reader only on success. */
    msdk_err_t err = msdk_cosem_axdr_skip(rb, MSDK_COSEM_AXDR_DEPTH_MAX);
    if (err != MSDK_OK) {
        return err;
    }
    out->p = rb->p + start;
    out->len = rb->pos - start;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_xdlms_read_flag(msdk_rbuf_t *rb, bool *present)
{
    uint8_t b;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &b);
    if (err != MSDK_OK) {
        return err;
    }
    if (b > 1u) {
        rb->pos--;
        return MSDK_ERR_MALFORMED;
    }
    *present = (b == 1u);
    return MSDK_OK;
}

/* ---- Common structures: decode ------------------------------------------- */

/* class-id (u16), instance-id (6 bytes), attribute-id or method-id (i8):
 * the attribute and method descriptors share this layout. */
static msdk_err_t read_desc(msdk_rbuf_t *rb, uint16_t *class_id, uint8_t obis[6], int8_t *id)
{
    msdk_err_t err = msdk_rbuf_get_u16be(rb, class_id);
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_bytes(rb, obis, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_i8(rb, id);
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_read_attr_desc(msdk_rbuf_t *rb, msdk_cosem_xdlms_attr_desc_t *out)
{
    return read_desc(rb, &out->class_id, out->obis, &out->attr_id);
}

msdk_err_t msdk_cosem_xdlms_read_method_desc(msdk_rbuf_t *rb, msdk_cosem_xdlms_method_desc_t *out)
{
    return read_desc(rb, &out->class_id, out->obis, &out->method_id);
}

msdk_err_t msdk_cosem_xdlms_read_attr_sel(msdk_rbuf_t *rb, msdk_cosem_xdlms_attr_sel_t *out)
{
    msdk_err_t err = msdk_cosem_xdlms_read_attr_desc(rb, &out->attr);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_flag(rb, &out->access.present);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!out->access.present) {
        out->access.selector = 0u;
        out->access.params.p = NULL;
        out->access.params.len = 0u;
        return MSDK_OK;
    }
    err = msdk_rbuf_get_u8(rb, &out->access.selector);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_data(rb, &out->access.params);
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_read_datablock(msdk_rbuf_t *rb, msdk_cosem_xdlms_datablock_t *out)
{
    uint8_t last;
    size_t n;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &last);
    if (err != MSDK_OK) {
        return err;
    }
    out->last = (last != 0u);
    err = msdk_rbuf_get_u32be(rb, &out->block_number);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_len(rb, &n);
    }
    if (err != MSDK_OK) {
        return err;
    }
    out->raw.len = n;
    return msdk_rbuf_get_ref(rb, n, &out->raw.p);
}

msdk_err_t msdk_cosem_xdlms_read_get_result(msdk_rbuf_t *rb, msdk_cosem_xdlms_get_result_t *out)
{
    uint8_t choice;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &choice);
    if (err != MSDK_OK) {
        return err;
    }
    if (choice == 0u) {
        out->is_data = true;
        out->dar = 0u;
        return msdk_cosem_xdlms_read_data(rb, &out->data);
    }
    if (choice == 1u) {
        out->is_data = false;
        out->data.p = NULL;
        out->data.len = 0u;
        return msdk_rbuf_get_u8(rb, &out->dar);
    }
    return MSDK_ERR_MALFORMED;
}

msdk_err_t msdk_cosem_xdlms_read_action_item(msdk_rbuf_t *rb, msdk_cosem_xdlms_action_item_t *out)
{
    msdk_err_t err = msdk_rbuf_get_u8(rb, &out->result);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_flag(rb, &out->has_return);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!out->has_return) {
        memset(&out->ret, 0, sizeof(out->ret));
        return MSDK_OK;
    }
    return msdk_cosem_xdlms_read_get_result(rb, &out->ret);
}

/* ---- Lists --------------------------------------------------------------- */

/* One list item of any kind. */
typedef union xdlms_item {
    msdk_cosem_xdlms_attr_sel_t attr_sel;
    msdk_cosem_xdlms_method_desc_t method;
    msdk_cosem_xdlms_raw_t data;
    uint8_t dar;
    msdk_cosem_xdlms_get_result_t get_result;
    msdk_cosem_xdlms_action_item_t action_item;
} xdlms_item_t;

static msdk_err_t read_item(msdk_rbuf_t *rb, uint8_t kind, xdlms_item_t *out)
{
    switch (kind) {
    case MSDK_COSEM_XDLMS_LIST_ATTR_SEL: return msdk_cosem_xdlms_read_attr_sel(rb, &out->attr_sel);
    case MSDK_COSEM_XDLMS_LIST_METHOD: return msdk_cosem_xdlms_read_method_desc(rb, &out->method);
    case MSDK_COSEM_XDLMS_LIST_DATA: return msdk_cosem_xdlms_read_data(rb, &out->data);
    case MSDK_COSEM_XDLMS_LIST_DAR: return msdk_rbuf_get_u8(rb, &out->dar);
    case MSDK_COSEM_XDLMS_LIST_GET_RESULT:
        return msdk_cosem_xdlms_read_get_result(rb, &out->get_result);
    case MSDK_COSEM_XDLMS_LIST_ACTION_ITEM:
        return msdk_cosem_xdlms_read_action_item(rb, &out->action_item);
    default: return MSDK_ERR_INVALID_ARG;
    }
}

msdk_err_t msdk_cosem_xdlms_read_list(msdk_rbuf_t *rb, uint8_t kind, size_t max_items,
                                      msdk_cosem_xdlms_list_t *out)
{
    size_t count;
    msdk_err_t err = msdk_cosem_xdlms_read_len(rb, &count);
    if (err != MSDK_OK) {
        return err;
    }
    /* read_len() reads at most 4 length bytes, so count fits in uint32_t. */
    if (count > max_items) {
        return MSDK_ERR_NO_SPACE;
    }
    if (count > msdk_rbuf_remaining(rb)) {
        return MSDK_ERR_TRUNCATED;
    }
    size_t start = rb->pos;
    for (size_t i = 0; i < count; i++) {
        xdlms_item_t item;
        err = read_item(rb, kind, &item);
        if (err != MSDK_OK) {
            return err;
        }
    }
    out->kind = kind;
    out->count = (uint32_t)count;
    out->p = rb->p + start;
    out->len = rb->pos - start;
    return MSDK_OK;
}

void msdk_cosem_xdlms_iter_init(msdk_cosem_xdlms_iter_t *it, const msdk_cosem_xdlms_list_t *list)
{
    if (it == NULL) {
        return;
    }
    if (list == NULL || (list->p == NULL && list->len > 0u)) {
        msdk_rbuf_init(&it->rb, NULL, 0u);
        it->left = 0u;
        it->kind = MSDK_COSEM_XDLMS_LIST_NONE;
        return;
    }
    msdk_rbuf_init(&it->rb, list->p, list->len);
    it->left = list->count;
    it->kind = list->kind;
}

/* Reads the next item of a list of the given kind; the iterator is
 * unchanged on error. */
static msdk_err_t iter_next(msdk_cosem_xdlms_iter_t *it, uint8_t kind, xdlms_item_t *item)
{
    if (it == NULL || it->kind != kind) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (it->left == 0u) {
        return MSDK_ERR_NOT_FOUND;
    }
    size_t mark = it->rb.pos;
    msdk_err_t err = read_item(&it->rb, kind, item);
    if (err != MSDK_OK) {
        it->rb.pos = mark;
        return err;
    }
    it->left--;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_xdlms_iter_next_attr_sel(msdk_cosem_xdlms_iter_t *it,
                                               msdk_cosem_xdlms_attr_sel_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_ATTR_SEL, &item);
    if (err == MSDK_OK) {
        *out = item.attr_sel;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_iter_next_method(msdk_cosem_xdlms_iter_t *it,
                                             msdk_cosem_xdlms_method_desc_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_METHOD, &item);
    if (err == MSDK_OK) {
        *out = item.method;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_iter_next_data(msdk_cosem_xdlms_iter_t *it, msdk_cosem_xdlms_raw_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_DATA, &item);
    if (err == MSDK_OK) {
        *out = item.data;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_iter_next_dar(msdk_cosem_xdlms_iter_t *it, uint8_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_DAR, &item);
    if (err == MSDK_OK) {
        *out = item.dar;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_iter_next_get_result(msdk_cosem_xdlms_iter_t *it,
                                                 msdk_cosem_xdlms_get_result_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_GET_RESULT, &item);
    if (err == MSDK_OK) {
        *out = item.get_result;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_iter_next_action_item(msdk_cosem_xdlms_iter_t *it,
                                                  msdk_cosem_xdlms_action_item_t *out)
{
    xdlms_item_t item;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = iter_next(it, MSDK_COSEM_XDLMS_LIST_ACTION_ITEM, &item);
    if (err == MSDK_OK) {
        *out = item.action_item;
    }
    return err;
}

/* ---- APDU framing: decode ------------------------------------------------ */

msdk_err_t msdk_cosem_xdlms_decode_begin(msdk_rbuf_t *rb, const uint8_t *apdu, size_t len,
                                         uint8_t tag, uint8_t *choice)
{
    uint8_t t;
    if (apdu == NULL && len > 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_init(rb, apdu, len);
    msdk_err_t err = msdk_rbuf_get_u8(rb, &t);
    if (err != MSDK_OK) {
        return err;
    }
    if (t != tag) {
        return MSDK_ERR_MALFORMED;
    }
    if (choice == NULL) {
        return MSDK_OK;
    }
    return msdk_rbuf_get_u8(rb, choice);
}

msdk_err_t msdk_cosem_xdlms_decode_end(const msdk_rbuf_t *rb)
{
    return msdk_rbuf_remaining(rb) == 0u ? MSDK_OK : MSDK_ERR_MALFORMED;
}

msdk_err_t msdk_cosem_xdlms_decode_apdu(const uint8_t *apdu, size_t len, uint8_t tag,
                                        bool has_choice, size_t max_items,
                                        msdk_cosem_xdlms_body_fn_t body, void *scratch, void *out,
                                        size_t size)
{
    msdk_rbuf_t rb;
    uint8_t choice = 0u;
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(scratch, 0, size);
    msdk_err_t err =
        msdk_cosem_xdlms_decode_begin(&rb, apdu, len, tag, has_choice ? &choice : NULL);
    if (err == MSDK_OK) {
        err = body(&rb, choice, max_items, scratch);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_decode_end(&rb);
    }
    if (err == MSDK_OK) {
        memcpy(out, scratch, size);
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_read_iip(msdk_rbuf_t *rb, uint8_t choice, uint8_t lo, uint8_t hi,
                                     uint8_t *iip)
{
    if (choice < lo || choice > hi) {
        return MSDK_ERR_MALFORMED;
    }
    return msdk_rbuf_get_u8(rb, iip);
}

/* ---- Common structures: encode ------------------------------------------- */

static msdk_err_t write_desc(msdk_wbuf_t *wb, uint16_t class_id, const uint8_t obis[6], int8_t id)
{
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_u16be(wb, class_id);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, obis, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_i8(wb, id);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_write_attr_desc(msdk_wbuf_t *wb, const msdk_cosem_xdlms_attr_desc_t *a)
{
    if (a == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return write_desc(wb, a->class_id, a->obis, a->attr_id);
}

msdk_err_t msdk_cosem_xdlms_write_method_desc(msdk_wbuf_t *wb,
                                              const msdk_cosem_xdlms_method_desc_t *m)
{
    if (m == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return write_desc(wb, m->class_id, m->obis, m->method_id);
}

/* ---- APDU framing: encode ------------------------------------------------ */

msdk_err_t msdk_cosem_xdlms_write_hdr(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice, uint8_t iip)
{
    uint8_t hdr[3] = { tag, choice, iip };
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_wbuf_put_bytes(wb, hdr, sizeof(hdr));
}

msdk_err_t msdk_cosem_xdlms_write_hdr_block(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice,
                                            uint8_t iip, const uint8_t *pre, size_t pre_len,
                                            uint32_t block_number)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_write_hdr(wb, tag, choice, iip);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, pre, pre_len);
    }
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u32be(wb, block_number);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}
