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
 * The decoders are `const` tables of the fields of each choice, walked by
 * msdk_cosem_xdlms_decode() (cosem_xdlms.c), which fills a local copy of the
 * output and commits it only when the whole APDU was read.
 */
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
    msdk_err_t err = msdk_cosem_xdlms_write_hdr(wb, tag, choice, iip, NULL, 0u, NULL);
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
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_GET_REQUEST,
                                      MSDK_COSEM_XDLMS_GET_REQUEST_NEXT, iip, NULL, 0u,
                                      &block_number);
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
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                                      MSDK_COSEM_XDLMS_ACTION_REQUEST_NEXT_PBLOCK, iip, NULL, 0u,
                                      &block_number);
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

/* Offsets of the members of the decoded responses and notifications. */
#define GR(m) ((uint16_t)offsetof(msdk_cosem_xdlms_get_response_t, m))
#define SR(m) ((uint16_t)offsetof(msdk_cosem_xdlms_set_response_t, m))
#define AR(m) ((uint16_t)offsetof(msdk_cosem_xdlms_action_response_t, m))
#define EX(m) ((uint16_t)offsetof(msdk_cosem_xdlms_exception_t, m))
#define DN(m) ((uint16_t)offsetof(msdk_cosem_xdlms_data_notification_t, m))
#define EN(m) ((uint16_t)offsetof(msdk_cosem_xdlms_event_notification_t, m))

/* Get-Response: normal, with-datablock (DataBlock-G: last-block, block-number, raw-data or
 * data-access-result), with-list. */
static const xdlms_field_t get_response_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_GET_RESULT, 0u, GR(result), 0u } },
    { { XF_BOOL, 0u, GR(last), 0u },
      { XF_U32, 0u, GR(block_number), 0u },
      { XF_BLOCK_RESULT, 0u, GR(result), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_GET_RESULT, GR(list), 0u } },
};

/* Set-Response: normal, datablock, last-datablock, last-datablock-with-list, with-list. */
static const xdlms_field_t set_response_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_U8, 0u, SR(result), 0u } },
    { { XF_U32, 0u, SR(block_number), 0u } },
    { { XF_U8, 0u, SR(result), 0u }, { XF_U32, 0u, SR(block_number), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_DAR, SR(results), 0u },
      { XF_U32, 0u, SR(block_number), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_DAR, SR(results), 0u } },
};

/* Action-Response: normal, with-pblock, with-list, next-pblock. */
static const xdlms_field_t action_response_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_ACTION_ITEM, 0u, AR(item), 0u } },
    { { XF_BLOCK, 0u, AR(block), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_ACTION_ITEM, AR(list), 0u } },
    { { XF_U32, 0u, AR(block_number), 0u } },
};

/* Exception-Response: state-error, service-error and, for an invocation-counter-error, the
 * expected counter. */
static const xdlms_field_t exception_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_ENUM, MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN, EX(state_error), 0u },
      { XF_ENUM, MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR, EX(service_error), 0u },
      { XF_IC_IF_SERVICE, 0u, EX(invocation_counter), EX(service_error) } },
};

/* Data-Notification: long-invoke-id-and-priority, date-time (empty or 12 bytes),
 * notification-body. */
static const xdlms_field_t data_notification_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_U32, 0u, DN(liip), 0u },
      { XF_DATE_TIME, 0u, DN(date_time), 0u },
      { XF_DATA, 0u, DN(body), 0u } },
};

/* Event-Notification-Request: time (12 bytes) OPTIONAL, cosem-attribute-descriptor,
 * attribute-value. */
static const xdlms_field_t event_notification_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_OPT_DATE_TIME, 0u, EN(has_time), EN(time) },
      { XF_ATTR, 0u, EN(attr), 0u },
      { XF_DATA, 0u, EN(value), 0u } },
};

static const xdlms_apdu_t get_response = { MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                                           MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST,
                                           get_response_fields };
static const xdlms_apdu_t set_response = { MSDK_COSEM_XDLMS_TAG_SET_RESPONSE,
                                           MSDK_COSEM_XDLMS_SET_RESPONSE_WITH_LIST,
                                           set_response_fields };
static const xdlms_apdu_t action_response = { MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                                              MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK,
                                              action_response_fields };
static const xdlms_apdu_t exception = { MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE, 0u,
                                        exception_fields };
static const xdlms_apdu_t data_notification = { MSDK_COSEM_XDLMS_TAG_DATA_NOTIFICATION, 0u,
                                                data_notification_fields };
static const xdlms_apdu_t event_notification = { MSDK_COSEM_XDLMS_TAG_EVENT_NOTIFICATION, 0u,
                                                 event_notification_fields };

msdk_err_t msdk_cosem_xdlms_get_response_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                msdk_cosem_xdlms_get_response_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &get_response, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_set_response_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                msdk_cosem_xdlms_set_response_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &set_response, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_action_response_decode(const uint8_t *apdu, size_t len,
                                                   size_t max_items,
                                                   msdk_cosem_xdlms_action_response_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &action_response, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_exception_decode(const uint8_t *apdu, size_t len,
                                             msdk_cosem_xdlms_exception_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, 0u, &exception, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_data_notification_decode(const uint8_t *apdu, size_t len,
                                                     msdk_cosem_xdlms_data_notification_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, 0u, &data_notification, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_event_notification_decode(const uint8_t *apdu, size_t len,
                                                      msdk_cosem_xdlms_event_notification_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, 0u, &event_notification, out, sizeof(*out));
}
