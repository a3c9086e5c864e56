/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS service APDUs (LN referencing), the client side: encoders of the
 * GET, SET and ACTION requests, and decoders of their responses, of the
 * exception-response and of the notifications a meter sends. The shared
 * pieces (lengths, Data extents, common structures, lists) are in
 * cosem_xdlms.c; the layout rules are described there.
 *
 * Every encoder restores the writer position on error. Data values given by
 * the caller must each be exactly one well-formed COSEM Data value (checked
 * with the same skipper the decoders use), else MSDK_ERR_INVALID_ARG.
 * Decoders fill a local copy of the output and commit it only when the whole
 * APDU was read.
 */
#include <string.h>
#include "msdk/cosem/xdlms.h"
#include "cosem_xdlms_internal.h"

/* ---- Request encoders: helpers ------------------------------------------- */

/* True when `raw` holds exactly one well-formed Data value. */
static bool is_one_data(const msdk_cosem_xdlms_raw_t *raw)
{
    if (raw == NULL || raw->p == NULL || raw->len == 0u) {
        return false;
    }
    msdk_rbuf_t rb;
    msdk_cosem_xdlms_raw_t extent;
    msdk_rbuf_init(&rb, raw->p, raw->len);
    return msdk_cosem_xdlms_read_data(&rb, &extent) == MSDK_OK && msdk_rbuf_remaining(&rb) == 0u;
}

/* One Data value, copied as given. */
static msdk_err_t put_data(msdk_wbuf_t *wb, const msdk_cosem_xdlms_raw_t *v)
{
    if (!is_one_data(v)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_wbuf_put_bytes(wb, v->p, v->len);
}

/* Cosem-Attribute-Descriptor-With-Selection. */
static msdk_err_t put_attr_sel(msdk_wbuf_t *wb, const msdk_cosem_xdlms_attr_sel_t *a)
{
    if (a == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_write_attr_desc(wb, &a->attr);
    if (err == MSDK_OK) {
        if (!a->access.present) {
            err = msdk_wbuf_put_u8(wb, 0u);
        } else if (!is_one_data(&a->access.params)) {
            err = MSDK_ERR_INVALID_ARG;
        } else {
            err = msdk_wbuf_put_u8(wb, 1u);
            if (err == MSDK_OK) {
                err = msdk_wbuf_put_u8(wb, a->access.selector);
            }
            if (err == MSDK_OK) {
                err = msdk_wbuf_put_bytes(wb, a->access.params.p, a->access.params.len);
            }
        }
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* DataBlock-SA: last-block, block-number, raw-data. */
static msdk_err_t put_datablock(msdk_wbuf_t *wb, const msdk_cosem_xdlms_datablock_t *b)
{
    if (b == NULL || (b->raw.p == NULL && b->raw.len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_u8(wb, b->last ? 1u : 0u);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u32be(wb, b->block_number);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_write_len(wb, b->raw.len);
    }
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, b->raw.p, b->raw.len);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* What follows the header of a request: up to two parts, each one item or a SEQUENCE OF
 * items of one kind. */
typedef enum part_kind {
    PART_NONE = 0, /* nothing */
    PART_ATTR,     /* Cosem-Attribute-Descriptor-With-Selection */
    PART_METHOD,   /* Cosem-Method-Descriptor */
    PART_DATA,     /* Data */
    PART_OPT_DATA, /* Data OPTIONAL: presence byte, then the value when p is not NULL */
    PART_BLOCK,    /* DataBlock-SA */
} part_kind_t;

typedef struct part {
    part_kind_t kind;
    bool list;     /* a SEQUENCE OF n items at p (p may be NULL when n is 0) */
    const void *p; /* the item, or the first of the list */
    size_t n;      /* the number of items of a list */
} part_t;

/* One item of a part. */
static msdk_err_t put_item(msdk_wbuf_t *wb, part_kind_t kind, const void *item)
{
    switch (kind) {
    case PART_ATTR: return put_attr_sel(wb, item);
    case PART_METHOD: return msdk_cosem_xdlms_write_method_desc(wb, item);
    case PART_DATA: return put_data(wb, item);
    case PART_OPT_DATA: {
        msdk_err_t err = msdk_wbuf_put_u8(wb, item == NULL ? 0x00 : 0x01);
        if (err == MSDK_OK && item != NULL) {
            err = put_data(wb, item);
        }
        return err;
    }
    case PART_BLOCK: return put_datablock(wb, item);
    default: return MSDK_OK; /* PART_NONE */
    }
}

/* Item i of a list of items of the given kind (ATTR, METHOD or DATA); `items` is not NULL. */
static const void *list_item(part_kind_t kind, const void *items, size_t i)
{
    switch (kind) {
    case PART_ATTR: return (const msdk_cosem_xdlms_attr_sel_t *)items + i;
    case PART_METHOD: return (const msdk_cosem_xdlms_method_desc_t *)items + i;
    default: return (const msdk_cosem_xdlms_raw_t *)items + i; /* PART_DATA */
    }
}

/* One part: an item, or a SEQUENCE OF items. */
static msdk_err_t put_part(msdk_wbuf_t *wb, const part_t *part)
{
    if (!part->list) {
        return put_item(wb, part->kind, part->p);
    }
    if (part->p == NULL && part->n > 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_cosem_xdlms_write_len(wb, part->n);
    for (size_t i = 0; err == MSDK_OK && i < part->n; i++) {
        err = put_item(wb, part->kind, list_item(part->kind, part->p, i));
    }
    return err;
}

/* A request: tag, CHOICE, iip, then the two parts. The writer is restored on error. */
static msdk_err_t put_request(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice, uint8_t iip,
                              part_t first, part_t second)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_write_hdr(wb, tag, choice, iip);
    if (err == MSDK_OK) {
        err = put_part(wb, &first);
    }
    if (err == MSDK_OK) {
        err = put_part(wb, &second);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* Shorthands for the parts. */
static part_t one(part_kind_t kind, const void *p)
{
    part_t part = { kind, false, p, 0u };
    return part;
}

static part_t many(part_kind_t kind, const void *p, size_t n)
{
    part_t part = { kind, true, p, n };
    return part;
}

static part_t nothing(void)
{
    return one(PART_NONE, NULL);
}

/* ---- GET requests -------------------------------------------------------- */

msdk_err_t msdk_cosem_xdlms_get_request_encode_normal(msdk_wbuf_t *wb, uint8_t iip,
                                                      const msdk_cosem_xdlms_attr_sel_t *attr)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_GET_REQUEST, MSDK_COSEM_XDLMS_GET_REQUEST_NORMAL,
                       iip, one(PART_ATTR, attr), nothing());
}

msdk_err_t msdk_cosem_xdlms_get_request_encode_next(msdk_wbuf_t *wb, uint8_t iip,
                                                    uint32_t block_number)
{
    return msdk_cosem_xdlms_write_hdr_block(wb, MSDK_COSEM_XDLMS_TAG_GET_REQUEST,
                                            MSDK_COSEM_XDLMS_GET_REQUEST_NEXT, iip, NULL, 0u,
                                            block_number);
}

msdk_err_t msdk_cosem_xdlms_get_request_encode_with_list(msdk_wbuf_t *wb, uint8_t iip,
                                                         const msdk_cosem_xdlms_attr_sel_t *items,
                                                         size_t n)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_GET_REQUEST, MSDK_COSEM_XDLMS_GET_REQUEST_WITH_LIST,
                       iip, many(PART_ATTR, items, n), nothing());
}

/* ---- SET requests -------------------------------------------------------- */

msdk_err_t msdk_cosem_xdlms_set_request_encode_normal(msdk_wbuf_t *wb, uint8_t iip,
                                                      const msdk_cosem_xdlms_attr_sel_t *attr,
                                                      const msdk_cosem_xdlms_raw_t *value)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_SET_REQUEST, MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL,
                       iip, one(PART_ATTR, attr), one(PART_DATA, value));
}

msdk_err_t
msdk_cosem_xdlms_set_request_encode_first_block(msdk_wbuf_t *wb, uint8_t iip,
                                                const msdk_cosem_xdlms_attr_sel_t *attr,
                                                const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_SET_REQUEST,
                       MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK, iip, one(PART_ATTR, attr),
                       one(PART_BLOCK, block));
}

msdk_err_t msdk_cosem_xdlms_set_request_encode_block(msdk_wbuf_t *wb, uint8_t iip,
                                                     const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_SET_REQUEST,
                       MSDK_COSEM_XDLMS_SET_REQUEST_WITH_DATABLOCK, iip, one(PART_BLOCK, block),
                       nothing());
}

msdk_err_t msdk_cosem_xdlms_set_request_encode_with_list(msdk_wbuf_t *wb, uint8_t iip,
                                                         const msdk_cosem_xdlms_attr_sel_t *items,
                                                         const msdk_cosem_xdlms_raw_t *values,
                                                         size_t n)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_SET_REQUEST, MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST,
                       iip, many(PART_ATTR, items, n), many(PART_DATA, values, n));
}

msdk_err_t msdk_cosem_xdlms_set_request_encode_list_first_block(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *items, size_t n,
    const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_SET_REQUEST,
                       MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST_FIRST_BLOCK, iip,
                       many(PART_ATTR, items, n), one(PART_BLOCK, block));
}

/* ---- ACTION requests ----------------------------------------------------- */

msdk_err_t
msdk_cosem_xdlms_action_request_encode_normal(msdk_wbuf_t *wb, uint8_t iip,
                                              const msdk_cosem_xdlms_method_desc_t *method,
                                              const msdk_cosem_xdlms_raw_t *params)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                       MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL, iip, one(PART_METHOD, method),
                       one(PART_OPT_DATA, params));
}

msdk_err_t msdk_cosem_xdlms_action_request_encode_next_pblock(msdk_wbuf_t *wb, uint8_t iip,
                                                              uint32_t block_number)
{
    return msdk_cosem_xdlms_write_hdr_block(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                                            MSDK_COSEM_XDLMS_ACTION_REQUEST_NEXT_PBLOCK, iip, NULL,
                                            0u, block_number);
}

msdk_err_t
msdk_cosem_xdlms_action_request_encode_with_list(msdk_wbuf_t *wb, uint8_t iip,
                                                 const msdk_cosem_xdlms_method_desc_t *methods,
                                                 const msdk_cosem_xdlms_raw_t *params, size_t n)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                       MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST, iip,
                       many(PART_METHOD, methods, n), many(PART_DATA, params, n));
}

msdk_err_t
msdk_cosem_xdlms_action_request_encode_first_pblock(msdk_wbuf_t *wb, uint8_t iip,
                                                    const msdk_cosem_xdlms_method_desc_t *method,
                                                    const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                       MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_FIRST_PBLOCK, iip,
                       one(PART_METHOD, method), one(PART_BLOCK, block));
}

msdk_err_t msdk_cosem_xdlms_action_request_encode_list_first_pblock(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_method_desc_t *methods, size_t n,
    const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                       MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST_FIRST_PBLOCK, iip,
                       many(PART_METHOD, methods, n), one(PART_BLOCK, block));
}

msdk_err_t msdk_cosem_xdlms_action_request_encode_pblock(msdk_wbuf_t *wb, uint8_t iip,
                                                         const msdk_cosem_xdlms_datablock_t *block)
{
    return put_request(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                       MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_PBLOCK, iip, one(PART_BLOCK, block),
                       nothing());
}

/* ---- Response decoders --------------------------------------------------- */

/* The result of a get-response-with-datablock (DataBlock-G after block-number):
 * CHOICE { raw-data [0] OCTET STRING, data-access-result [1] }. */
static msdk_err_t read_block_result(msdk_rbuf_t *rb, msdk_cosem_xdlms_get_result_t *out)
{
    uint8_t choice;
    size_t n;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &choice);
    if (err != MSDK_OK) {
        return err;
    }
    if (choice == 1u) {
        return msdk_rbuf_get_u8(rb, &out->dar);
    }
    if (choice != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    out->is_data = true;
    err = msdk_cosem_xdlms_read_len(rb, &n);
    if (err != MSDK_OK) {
        return err;
    }
    out->data.len = n;
    return msdk_rbuf_get_ref(rb, n, &out->data.p);
}

/* Get-Response after its tag and CHOICE: iip and the variant's fields. */
static msdk_err_t get_response_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items, void *vr)
{
    msdk_cosem_xdlms_get_response_t *r = (msdk_cosem_xdlms_get_response_t *)vr;
    uint8_t last;
    r->type = choice;
    msdk_err_t err = msdk_cosem_xdlms_read_iip(rb, choice, MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL,
                                               MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST, &r->iip);
    if (err != MSDK_OK) {
        return err;
    }
    switch (r->type) {
    case MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL:
        return msdk_cosem_xdlms_read_get_result(rb, &r->result);
    case MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK:
        err = msdk_rbuf_get_u8(rb, &last);
        if (err != MSDK_OK) {
            return err;
        }
        r->last = (last != 0u);
        err = msdk_rbuf_get_u32be(rb, &r->block_number);
        if (err != MSDK_OK) {
            return err;
        }
        return read_block_result(rb, &r->result);
    default: /* MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST */
        return msdk_cosem_xdlms_read_list(rb, MSDK_COSEM_XDLMS_LIST_GET_RESULT, max_items,
                                          &r->list);
    }
}

msdk_err_t msdk_cosem_xdlms_get_response_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                msdk_cosem_xdlms_get_response_t *out)
{
    msdk_cosem_xdlms_get_response_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE, true,
                                        max_items, get_response_body, &r, out, sizeof(r));
}

/* Set-Response after its tag and CHOICE: iip and the variant's fields. */
static msdk_err_t set_response_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items, void *vr)
{
    msdk_cosem_xdlms_set_response_t *r = (msdk_cosem_xdlms_set_response_t *)vr;
    r->type = choice;
    msdk_err_t err = msdk_cosem_xdlms_read_iip(rb, choice, MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL,
                                               MSDK_COSEM_XDLMS_SET_RESPONSE_WITH_LIST, &r->iip);
    if (err != MSDK_OK) {
        return err;
    }
    switch (r->type) {
    case MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL: return msdk_rbuf_get_u8(rb, &r->result);
    case MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK: return msdk_rbuf_get_u32be(rb, &r->block_number);
    case MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK:
        err = msdk_rbuf_get_u8(rb, &r->result);
        if (err == MSDK_OK) {
            err = msdk_rbuf_get_u32be(rb, &r->block_number);
        }
        return err;
    case MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK_WITH_LIST:
        err = msdk_cosem_xdlms_read_list(rb, MSDK_COSEM_XDLMS_LIST_DAR, max_items, &r->results);
        if (err == MSDK_OK) {
            err = msdk_rbuf_get_u32be(rb, &r->block_number);
        }
        return err;
    default: /* MSDK_COSEM_XDLMS_SET_RESPONSE_WITH_LIST */
        return msdk_cosem_xdlms_read_list(rb, MSDK_COSEM_XDLMS_LIST_DAR, max_items, &r->results);
    }
}

msdk_err_t msdk_cosem_xdlms_set_response_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                msdk_cosem_xdlms_set_response_t *out)
{
    msdk_cosem_xdlms_set_response_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_SET_RESPONSE, true,
                                        max_items, set_response_body, &r, out, sizeof(r));
}

/* Action-Response after its tag and CHOICE: iip and the variant's fields. */
static msdk_err_t action_response_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items, void *vr)
{
    msdk_cosem_xdlms_action_response_t *r = (msdk_cosem_xdlms_action_response_t *)vr;
    r->type = choice;
    msdk_err_t err =
        msdk_cosem_xdlms_read_iip(rb, choice, MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL,
                                  MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK, &r->iip);
    if (err != MSDK_OK) {
        return err;
    }
    switch (r->type) {
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL:
        return msdk_cosem_xdlms_read_action_item(rb, &r->item);
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK:
        return msdk_cosem_xdlms_read_datablock(rb, &r->block);
    case MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_LIST:
        return msdk_cosem_xdlms_read_list(rb, MSDK_COSEM_XDLMS_LIST_ACTION_ITEM, max_items,
                                          &r->list);
    default: /* MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK */
        return msdk_rbuf_get_u32be(rb, &r->block_number);
    }
}

msdk_err_t msdk_cosem_xdlms_action_response_decode(const uint8_t *apdu, size_t len,
                                                   size_t max_items,
                                                   msdk_cosem_xdlms_action_response_t *out)
{
    msdk_cosem_xdlms_action_response_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE, true,
                                        max_items, action_response_body, &r, out, sizeof(r));
}

/* ---- Exception-response and notifications -------------------------------- */

/* Exception-Response after its tag: state-error, service-error and, for an
 * invocation-counter-error, the expected counter. */
static msdk_err_t exception_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items, void *vr)
{
    msdk_cosem_xdlms_exception_t *r = (msdk_cosem_xdlms_exception_t *)vr;
    (void)choice;
    (void)max_items;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &r->state_error);
    if (err != MSDK_OK) {
        return err;
    }
    if (r->state_error < MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED ||
        r->state_error > MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN) {
        return MSDK_ERR_MALFORMED;
    }
    err = msdk_rbuf_get_u8(rb, &r->service_error);
    if (err != MSDK_OK) {
        return err;
    }
    if (r->service_error < MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE ||
        r->service_error > MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
        return MSDK_ERR_MALFORMED;
    }
    if (r->service_error == MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
        return msdk_rbuf_get_u32be(rb, &r->invocation_counter);
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_xdlms_exception_decode(const uint8_t *apdu, size_t len,
                                             msdk_cosem_xdlms_exception_t *out)
{
    msdk_cosem_xdlms_exception_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE, false,
                                        0u, exception_body, &r, out, sizeof(r));
}

/* Data-Notification after its tag: long-invoke-id-and-priority, date-time
 * (OCTET STRING, empty or a 12-byte COSEM date-time), notification-body. */
static msdk_err_t data_notification_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items,
                                         void *vr)
{
    msdk_cosem_xdlms_data_notification_t *r = (msdk_cosem_xdlms_data_notification_t *)vr;
    (void)choice;
    (void)max_items;
    size_t n;
    msdk_err_t err = msdk_rbuf_get_u32be(rb, &r->liip);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_len(rb, &n);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (n != 0u && n != MSDK_COSEM_XDLMS_DATE_TIME_LEN) {
        return MSDK_ERR_MALFORMED;
    }
    r->date_time.len = n;
    err = msdk_rbuf_get_ref(rb, n, &r->date_time.p);
    if (err != MSDK_OK) {
        return err;
    }
    if (n == 0u) {
        r->date_time.p = NULL;
    }
    return msdk_cosem_xdlms_read_data(rb, &r->body);
}

msdk_err_t msdk_cosem_xdlms_data_notification_decode(const uint8_t *apdu, size_t len,
                                                     msdk_cosem_xdlms_data_notification_t *out)
{
    msdk_cosem_xdlms_data_notification_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_DATA_NOTIFICATION, false,
                                        0u, data_notification_body, &r, out, sizeof(r));
}

/* Event-Notification-Request after its tag: time (OCTET STRING OPTIONAL, a
 * 12-byte COSEM date-time when present), cosem-attribute-descriptor,
 * attribute-value. */
static msdk_err_t event_notification_body(msdk_rbuf_t *rb, uint8_t choice, size_t max_items,
                                          void *vr)
{
    msdk_cosem_xdlms_event_notification_t *r = (msdk_cosem_xdlms_event_notification_t *)vr;
    (void)choice;
    (void)max_items;
    size_t n;
    msdk_err_t err = msdk_cosem_xdlms_read_flag(rb, &r->has_time);
    if (err != MSDK_OK) {
        return err;
    }
    if (r->has_time) {
        err = msdk_cosem_xdlms_read_len(rb, &n);
        if (err != MSDK_OK) {
            return err;
        }
        if (n != MSDK_COSEM_XDLMS_DATE_TIME_LEN) {
            return MSDK_ERR_MALFORMED;
        }
        r->time.len = n;
        err = msdk_rbuf_get_ref(rb, n, &r->time.p);
        if (err != MSDK_OK) {
            return err;
        }
    }
    err = msdk_cosem_xdlms_read_attr_desc(rb, &r->attr);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_read_data(rb, &r->value);
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_event_notification_decode(const uint8_t *apdu, size_t len,
                                                      msdk_cosem_xdlms_event_notification_t *out)
{
    msdk_cosem_xdlms_event_notification_t r;
    return msdk_cosem_xdlms_decode_apdu(apdu, len, MSDK_COSEM_XDLMS_TAG_EVENT_NOTIFICATION, false,
                                        0u, event_notification_body, &r, out, sizeof(r));
}
