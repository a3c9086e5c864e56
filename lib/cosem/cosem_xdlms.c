/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS service APDUs (LN referencing), the shared part: length fields, Data
 * extents, the common structures (descriptors, selective access, data
 * blocks, results), SEQUENCE OF lists and their iterators, the table-driven
 * APDU decoder and the APDU header writer. The server side (request decoders,
 * response encoders) is in cosem_xdlms_server.c, the client side (request
 * encoders, response decoders) in cosem_xdlms_client.c; cosem_xdlms_internal.h
 * declares what they use from here.
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

/* Reads a BER definite length (octet-string length or SEQUENCE OF count): one byte below
 * 0x80, else 0x81..0x84 and 1..4 bytes big-endian (non-minimal forms accepted). 0x80 and
 * 0x85.. are MALFORMED. The reader is unchanged on error. */
static msdk_err_t read_len(msdk_rbuf_t *rb, size_t *out)
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

/* Reads an OPTIONAL presence byte; only 00 and 01 are accepted. The reader is unchanged on
 * error. */
static msdk_err_t read_flag(msdk_rbuf_t *rb, bool *present)
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

/* OCTET STRING: its length, then the bytes, referenced in place. */
static msdk_err_t read_octets(msdk_rbuf_t *rb, msdk_cosem_xdlms_raw_t *out)
{
    size_t n;
    msdk_err_t err = read_len(rb, &n);
    if (err == MSDK_OK) {
        out->len = n;
        err = msdk_rbuf_get_ref(rb, n, &out->p);
    }
    return err;
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

static msdk_err_t read_attr_desc(msdk_rbuf_t *rb, msdk_cosem_xdlms_attr_desc_t *out)
{
    return read_desc(rb, &out->class_id, out->obis, &out->attr_id);
}

static msdk_err_t read_method_desc(msdk_rbuf_t *rb, msdk_cosem_xdlms_method_desc_t *out)
{
    return read_desc(rb, &out->class_id, out->obis, &out->method_id);
}

/* Cosem-Attribute-Descriptor-With-Selection: the descriptor and the optional selective
 * access (selector and one Data value of parameters). */
static msdk_err_t read_attr_sel(msdk_rbuf_t *rb, msdk_cosem_xdlms_attr_sel_t *out)
{
    msdk_err_t err = read_attr_desc(rb, &out->attr);
    if (err == MSDK_OK) {
        err = read_flag(rb, &out->access.present);
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

/* BOOLEAN: 00 is FALSE, anything else TRUE. */
static msdk_err_t read_bool(msdk_rbuf_t *rb, bool *out)
{
    uint8_t b;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &b);
    if (err == MSDK_OK) {
        *out = (b != 0u);
    }
    return err;
}

/* DataBlock-SA: last-block, block-number, raw-data (referenced in place). */
static msdk_err_t read_datablock(msdk_rbuf_t *rb, msdk_cosem_xdlms_datablock_t *out)
{
    msdk_err_t err = read_bool(rb, &out->last);
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_u32be(rb, &out->block_number);
    }
    if (err == MSDK_OK) {
        err = read_octets(rb, &out->raw);
    }
    return err;
}

/* Get-Data-Result (CHOICE { data [0] Data, data-access-result [1] }) and the result of
 * DataBlock-G (CHOICE { raw-data [0] OCTET STRING, data-access-result [1] }): they differ
 * only in what choice 0 carries. */
static msdk_err_t read_result(msdk_rbuf_t *rb, bool raw, msdk_cosem_xdlms_get_result_t *out)
{
    uint8_t choice;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &choice);
    if (err != MSDK_OK) {
        return err;
    }
    if (choice == 1u) {
        out->is_data = false;
        out->data.p = NULL;
        out->data.len = 0u;
        return msdk_rbuf_get_u8(rb, &out->dar);
    }
    if (choice != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    out->is_data = true;
    out->dar = 0u;
    return raw ? read_octets(rb, &out->data) : msdk_cosem_xdlms_read_data(rb, &out->data);
}

/* Action-Response-With-Optional-Data: result, Get-Data-Result OPTIONAL. */
static msdk_err_t read_action_item(msdk_rbuf_t *rb, msdk_cosem_xdlms_action_item_t *out)
{
    msdk_err_t err = msdk_rbuf_get_u8(rb, &out->result);
    if (err == MSDK_OK) {
        err = read_flag(rb, &out->has_return);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!out->has_return) {
        memset(&out->ret, 0, sizeof(out->ret));
        return MSDK_OK;
    }
    return read_result(rb, false, &out->ret);
}

/* ---- Lists --------------------------------------------------------------- */

/* One list item of any kind (every member starts at offset 0). */
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
    case MSDK_COSEM_XDLMS_LIST_ATTR_SEL: return read_attr_sel(rb, &out->attr_sel);
    case MSDK_COSEM_XDLMS_LIST_METHOD: return read_method_desc(rb, &out->method);
    case MSDK_COSEM_XDLMS_LIST_DATA: return msdk_cosem_xdlms_read_data(rb, &out->data);
    case MSDK_COSEM_XDLMS_LIST_DAR: return msdk_rbuf_get_u8(rb, &out->dar);
    case MSDK_COSEM_XDLMS_LIST_GET_RESULT: return read_result(rb, false, &out->get_result);
    case MSDK_COSEM_XDLMS_LIST_ACTION_ITEM: return read_action_item(rb, &out->action_item);
    default: return MSDK_ERR_INVALID_ARG;
    }
}

/* Reads a SEQUENCE OF items of one kind: the count, then every item is validated so that
 * iterating the list later cannot fail. A count above `max_items` is MSDK_ERR_NO_SPACE, a
 * count above the bytes left MSDK_ERR_TRUNCATED. */
static msdk_err_t read_list(msdk_rbuf_t *rb, uint8_t kind, size_t max_items,
                            msdk_cosem_xdlms_list_t *out)
{
    size_t count;
    msdk_err_t err = read_len(rb, &count);
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

/* Reads the next item of a list of the given kind into `out` (`size` bytes: the item's
 * type); the iterator and `out` are unchanged on error. */
static msdk_err_t iter_next(msdk_cosem_xdlms_iter_t *it, uint8_t kind, void *out, size_t size)
{
    if (it == NULL || out == NULL || it->kind != kind) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (it->left == 0u) {
        return MSDK_ERR_NOT_FOUND;
    }
    xdlms_item_t item;
    size_t mark = it->rb.pos;
    msdk_err_t err = read_item(&it->rb, kind, &item);
    if (err != MSDK_OK) {
        it->rb.pos = mark;
        return err;
    }
    it->left--;
    memcpy(out, &item, size);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_xdlms_iter_next_attr_sel(msdk_cosem_xdlms_iter_t *it,
                                               msdk_cosem_xdlms_attr_sel_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_ATTR_SEL, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_iter_next_method(msdk_cosem_xdlms_iter_t *it,
                                             msdk_cosem_xdlms_method_desc_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_METHOD, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_iter_next_data(msdk_cosem_xdlms_iter_t *it, msdk_cosem_xdlms_raw_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_DATA, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_iter_next_dar(msdk_cosem_xdlms_iter_t *it, uint8_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_DAR, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_iter_next_get_result(msdk_cosem_xdlms_iter_t *it,
                                                 msdk_cosem_xdlms_get_result_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_GET_RESULT, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_iter_next_action_item(msdk_cosem_xdlms_iter_t *it,
                                                  msdk_cosem_xdlms_action_item_t *out)
{
    return iter_next(it, MSDK_COSEM_XDLMS_LIST_ACTION_ITEM, out, sizeof(*out));
}

/* ---- APDU decoding ------------------------------------------------------- */

/* Every decoded APDU, for the decoder's local copy. */
typedef union xdlms_decoded {
    msdk_cosem_xdlms_get_request_t get_req;
    msdk_cosem_xdlms_get_response_t get_rsp;
    msdk_cosem_xdlms_set_request_t set_req;
    msdk_cosem_xdlms_set_response_t set_rsp;
    msdk_cosem_xdlms_action_request_t act_req;
    msdk_cosem_xdlms_action_response_t act_rsp;
    msdk_cosem_xdlms_exception_t exc;
    msdk_cosem_xdlms_data_notification_t dn;
    msdk_cosem_xdlms_event_notification_t en;
} xdlms_decoded_t;

/* The decoder writes the CHOICE and the Invoke-Id-And-Priority of a service APDU to the
 * first two bytes of its decoded struct. */
MSDK_STATIC_ASSERT((offsetof(msdk_cosem_xdlms_get_request_t, iip) == 1u) &&
                       (offsetof(msdk_cosem_xdlms_get_response_t, iip) == 1u) &&
                       (offsetof(msdk_cosem_xdlms_set_request_t, iip) == 1u) &&
                       (offsetof(msdk_cosem_xdlms_set_response_t, iip) == 1u) &&
                       (offsetof(msdk_cosem_xdlms_action_request_t, iip) == 1u) &&
                       (offsetof(msdk_cosem_xdlms_action_response_t, iip) == 1u),
                   "type and iip lead every decoded service APDU");

/* A COSEM date-time OCTET STRING: 12 bytes, or (when `may_be_empty`) none, then `p` is
 * NULL. Any other length is MALFORMED. */
static msdk_err_t read_date_time(msdk_rbuf_t *rb, bool may_be_empty, msdk_cosem_xdlms_raw_t *out)
{
    size_t n;
    msdk_err_t err = read_len(rb, &n);
    if (err != MSDK_OK) {
        return err;
    }
    if ((n != MSDK_COSEM_XDLMS_DATE_TIME_LEN) && (!may_be_empty || (n != 0u))) {
        return MSDK_ERR_MALFORMED;
    }
    out->len = n;
    err = msdk_rbuf_get_ref(rb, n, &out->p);
    if (n == 0u) {
        out->p = NULL;
    }
    return err;
}

/* An OPTIONAL field: the presence byte into the bool at off, then, when present, the value
 * (Data, or a 12-byte date-time) into off2. */
static msdk_err_t read_optional(msdk_rbuf_t *rb, const xdlms_field_t *f, uint8_t *r)
{
    bool *present = (bool *)(void *)(r + f->off);
    msdk_cosem_xdlms_raw_t *v = (msdk_cosem_xdlms_raw_t *)(void *)(r + f->off2);
    msdk_err_t err = read_flag(rb, present);
    if ((err != MSDK_OK) || !*present) {
        return err;
    }
    return (f->kind == XF_OPT_DATA) ? msdk_cosem_xdlms_read_data(rb, v)
                                    : read_date_time(rb, false, v);
}

/* A field that checks members decoded before it, or reads a value that depends on them. */
static msdk_err_t read_dependent(msdk_rbuf_t *rb, const xdlms_field_t *f, uint8_t *r)
{
    if (f->kind == XF_SAME_COUNT) {
        const msdk_cosem_xdlms_list_t *a = (const msdk_cosem_xdlms_list_t *)(void *)(r + f->off);
        const msdk_cosem_xdlms_list_t *b = (const msdk_cosem_xdlms_list_t *)(void *)(r + f->off2);
        return (a->count == b->count) ? MSDK_OK : MSDK_ERR_MALFORMED;
    }
    /* XF_IC_IF_SERVICE */
    if (r[f->off2] != (uint8_t)MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
        return MSDK_OK;
    }
    return msdk_rbuf_get_u32be(rb, (uint32_t *)(void *)(r + f->off));
}

/* One field into the struct at r. */
static msdk_err_t read_field(msdk_rbuf_t *rb, const xdlms_field_t *f, size_t max_items, uint8_t *r)
{
    void *p = r + f->off;
    msdk_err_t err;
    switch (f->kind) {
    case XF_ATTR: return read_attr_desc(rb, p);
    case XF_ATTR_SEL: return read_attr_sel(rb, p);
    case XF_METHOD: return read_method_desc(rb, p);
    case XF_DATA: return msdk_cosem_xdlms_read_data(rb, p);
    case XF_BLOCK: return read_datablock(rb, p);
    case XF_U8: return msdk_rbuf_get_u8(rb, p);
    case XF_ENUM:
        err = msdk_rbuf_get_u8(rb, p);
        return ((err == MSDK_OK) && ((r[f->off] < 1u) || (r[f->off] > f->arg))) ? MSDK_ERR_MALFORMED
                                                                                : err;
    case XF_U32: return msdk_rbuf_get_u32be(rb, p);
    case XF_BOOL: return read_bool(rb, p);
    case XF_GET_RESULT: return read_result(rb, false, p);
    case XF_BLOCK_RESULT: return read_result(rb, true, p);
    case XF_ACTION_ITEM: return read_action_item(rb, p);
    case XF_LIST: return read_list(rb, f->arg, max_items, p);
    case XF_DATE_TIME: return read_date_time(rb, true, p);
    case XF_OPT_DATA:
    case XF_OPT_DATE_TIME: return read_optional(rb, f, r);
    default: return read_dependent(rb, f, r);
    }
}

msdk_err_t msdk_cosem_xdlms_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                   const xdlms_apdu_t *spec, void *out, size_t size)
{
    xdlms_decoded_t d;
    uint8_t *r = (uint8_t *)(void *)&d;
    msdk_rbuf_t rb;
    if ((out == NULL) || (spec == NULL) || (size > sizeof(d))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((apdu == NULL) && (len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(&d, 0, sizeof(d));
    msdk_rbuf_init(&rb, apdu, len);
    uint8_t tag = 0u;
    size_t row = 0u;
    msdk_err_t err = msdk_rbuf_get_u8(&rb, &tag);
    if ((err == MSDK_OK) && (tag != spec->tag)) {
        err = MSDK_ERR_MALFORMED;
    }
    if ((err == MSDK_OK) && (spec->choices > 0u)) {
        /* The decoded struct starts with `type`, then `iip`. */
        err = msdk_rbuf_get_u8(&rb, &r[0]);
        if ((err == MSDK_OK) && ((r[0] < 1u) || (r[0] > spec->choices))) {
            err = MSDK_ERR_MALFORMED;
        }
        if (err == MSDK_OK) {
            err = msdk_rbuf_get_u8(&rb, &r[1]);
            row = (size_t)r[0] - 1u;
        }
    }
    const xdlms_field_t *f = spec->fields[row];
    for (size_t i = 0; (err == MSDK_OK) && (i < XDLMS_FIELDS_MAX) && (f[i].kind != XF_END); i++) {
        err = read_field(&rb, &f[i], max_items, r);
    }
    if ((err == MSDK_OK) && (msdk_rbuf_remaining(&rb) != 0u)) {
        err = MSDK_ERR_MALFORMED;
    }
    if (err == MSDK_OK) {
        memcpy(out, &d, size);
    }
    return err;
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

msdk_err_t msdk_cosem_xdlms_write_hdr(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice, uint8_t iip,
                                      const uint8_t *pre, size_t pre_len, const uint32_t *number)
{
    const uint8_t hdr[3] = { tag, choice, iip };
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_bytes(wb, hdr, sizeof(hdr));
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, pre, pre_len);
    }
    if ((err == MSDK_OK) && (number != NULL)) {
        err = msdk_wbuf_put_u32be(wb, *number);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}
