/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS service APDUs (LN referencing), the server side: decoders of the
 * GET, SET and ACTION requests, and encoders of their responses, of the
 * exception-response and of the notification headers a meter sends. The
 * shared pieces (lengths, Data extents, common structures, lists) are in
 * cosem_xdlms.c; the layout rules are described there.
 *
 * The decoders are `const` tables of the fields of each choice, walked by
 * msdk_cosem_xdlms_decode() (cosem_xdlms.c), which fills a local copy of the
 * output and commits it only when the whole APDU was read; every encoder
 * restores the writer position on error.
 */
#include <string.h>
#include "msdk/cosem/xdlms.h"
#include "cosem_xdlms_internal.h"

/* Size of the reserved length field of a streamed data block: 0x82 HH LL. */
#define XDLMS_BLOCK_LEN_FIELD 3u

/* ---- Request decoders ---------------------------------------------------- */

/* Offsets of the members of the decoded requests. */
#define GQ(m) ((uint16_t)offsetof(msdk_cosem_xdlms_get_request_t, m))
#define SQ(m) ((uint16_t)offsetof(msdk_cosem_xdlms_set_request_t, m))
#define AQ(m) ((uint16_t)offsetof(msdk_cosem_xdlms_action_request_t, m))

/* Get-Request: normal, next, with-list. */
static const xdlms_field_t get_request_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_ATTR_SEL, 0u, GQ(attr), 0u } },
    { { XF_U32, 0u, GQ(block_number), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_ATTR_SEL, GQ(list), 0u } },
};

/* Set-Request: normal, with-first-datablock, with-datablock, with-list,
 * with-list-and-first-datablock. */
static const xdlms_field_t set_request_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_ATTR_SEL, 0u, SQ(attr), 0u }, { XF_DATA, 0u, SQ(value), 0u } },
    { { XF_ATTR_SEL, 0u, SQ(attr), 0u }, { XF_BLOCK, 0u, SQ(block), 0u } },
    { { XF_BLOCK, 0u, SQ(block), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_ATTR_SEL, SQ(attrs), 0u },
      { XF_LIST, MSDK_COSEM_XDLMS_LIST_DATA, SQ(values), 0u },
      { XF_SAME_COUNT, 0u, SQ(values), SQ(attrs) } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_ATTR_SEL, SQ(attrs), 0u }, { XF_BLOCK, 0u, SQ(block), 0u } },
};

/* Action-Request: normal, next-pblock, with-list, with-first-pblock,
 * with-list-and-first-pblock, with-pblock. */
static const xdlms_field_t action_request_fields[][XDLMS_FIELDS_MAX] = {
    { { XF_METHOD, 0u, AQ(method), 0u }, { XF_OPT_DATA, 0u, AQ(has_params), AQ(params) } },
    { { XF_U32, 0u, AQ(block_number), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_METHOD, AQ(methods), 0u },
      { XF_LIST, MSDK_COSEM_XDLMS_LIST_DATA, AQ(params_list), 0u },
      { XF_SAME_COUNT, 0u, AQ(params_list), AQ(methods) } },
    { { XF_METHOD, 0u, AQ(method), 0u }, { XF_BLOCK, 0u, AQ(block), 0u } },
    { { XF_LIST, MSDK_COSEM_XDLMS_LIST_METHOD, AQ(methods), 0u }, { XF_BLOCK, 0u, AQ(block), 0u } },
    { { XF_BLOCK, 0u, AQ(block), 0u } },
};

static const xdlms_apdu_t get_request = { MSDK_COSEM_XDLMS_TAG_GET_REQUEST,
                                          MSDK_COSEM_XDLMS_GET_REQUEST_WITH_LIST,
                                          get_request_fields };
static const xdlms_apdu_t set_request = { MSDK_COSEM_XDLMS_TAG_SET_REQUEST,
                                          MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST_FIRST_BLOCK,
                                          set_request_fields };
static const xdlms_apdu_t action_request = { MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST,
                                             MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_PBLOCK,
                                             action_request_fields };

msdk_err_t msdk_cosem_xdlms_get_request_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                               msdk_cosem_xdlms_get_request_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &get_request, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_set_request_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                               msdk_cosem_xdlms_set_request_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &set_request, out, sizeof(*out));
}

msdk_err_t msdk_cosem_xdlms_action_request_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                  msdk_cosem_xdlms_action_request_t *out)
{
    return msdk_cosem_xdlms_decode(apdu, len, max_items, &action_request, out, sizeof(*out));
}

/* ---- Response encoders: helpers ------------------------------------------ */

/* tag, CHOICE, iip, then a SEQUENCE OF count: the header of a with-list
 * response whose items the caller appends. */
static msdk_err_t put_list_begin(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice, uint8_t iip,
                                 size_t count)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_write_hdr(wb, tag, choice, iip, NULL, 0u, NULL);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_write_len(wb, count);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* Writes tag, choice, iip, a last-block placeholder, the block number, the
 * optional raw-data CHOICE byte and reserves the raw-data length field. The
 * field is sized for the largest block the writer's free room can still hold
 * (1 byte when at most 127 data bytes fit, 2 up to 255, else 3), so a block
 * that fills an exactly sized buffer needs no slack. */
static msdk_err_t block_begin(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice, uint8_t iip,
                              uint32_t block_number, bool with_choice,
                              msdk_cosem_xdlms_block_t *blk)
{
    const uint8_t last[1] = { 0x00 };
    uint8_t *len_field;
    if (wb == NULL || blk == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err =
        msdk_cosem_xdlms_write_hdr(wb, tag, choice, iip, last, sizeof(last), &block_number);
    if (err == MSDK_OK && with_choice) {
        err = msdk_wbuf_put_u8(wb, 0x00); /* raw-data [0] */
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
        return err;
    }
    size_t rem = msdk_wbuf_remaining(wb);
    size_t len_size = (rem <= 1u + 0x7Fu) ? 1u : (rem <= 2u + 0xFFu) ? 2u : XDLMS_BLOCK_LEN_FIELD;
    size_t len_pos = wb->pos;
    err = msdk_wbuf_reserve(wb, len_size, &len_field);
    if (err != MSDK_OK) {
        wb->pos = mark;
        return err;
    }
    blk->last_pos = mark + 3u;
    blk->len_pos = len_pos;
    blk->len_size = (uint8_t)len_size;
    return MSDK_OK;
}

/* ---- GET responses ------------------------------------------------------- */

msdk_err_t msdk_cosem_xdlms_get_response_encode_normal_data(msdk_wbuf_t *wb, uint8_t iip)
{
    const uint8_t tail[1] = { 0x00 };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                                      MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL, iip, tail, sizeof(tail),
                                      NULL);
}

msdk_err_t msdk_cosem_xdlms_get_response_encode_normal_error(msdk_wbuf_t *wb, uint8_t iip,
                                                             uint8_t dar)
{
    const uint8_t tail[2] = { 0x01, dar };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                                      MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL, iip, tail, sizeof(tail),
                                      NULL);
}

msdk_err_t msdk_cosem_xdlms_get_response_encode_block_begin(msdk_wbuf_t *wb, uint8_t iip,
                                                            uint32_t block_number,
                                                            msdk_cosem_xdlms_block_t *blk)
{
    return block_begin(wb, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                       MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK, iip, block_number, true, blk);
}

msdk_err_t msdk_cosem_xdlms_get_response_encode_block_error(msdk_wbuf_t *wb, uint8_t iip, bool last,
                                                            uint32_t block_number, uint8_t dar)
{
    const uint8_t pre[1] = { last ? 1u : 0u };
    const uint8_t post[2] = { 0x01, dar };
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                                                MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK, iip,
                                                pre, sizeof(pre), &block_number);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, post, sizeof(post));
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_get_response_encode_list_begin(msdk_wbuf_t *wb, uint8_t iip,
                                                           size_t count)
{
    return put_list_begin(wb, MSDK_COSEM_XDLMS_TAG_GET_RESPONSE,
                          MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST, iip, count);
}

msdk_err_t msdk_cosem_xdlms_get_result_encode_data(msdk_wbuf_t *wb)
{
    return msdk_wbuf_put_u8(wb, 0x00);
}

msdk_err_t msdk_cosem_xdlms_get_result_encode_error(msdk_wbuf_t *wb, uint8_t dar)
{
    const uint8_t b[2] = { 0x01, dar };
    return msdk_wbuf_put_bytes(wb, b, sizeof(b));
}

msdk_err_t msdk_cosem_xdlms_block_end(msdk_wbuf_t *wb, const msdk_cosem_xdlms_block_t *blk,
                                      bool last)
{
    if (wb == NULL || blk == NULL || wb->p == NULL || wb->pos > wb->cap) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t reserved = blk->len_size;
    if (reserved < 1u || reserved > XDLMS_BLOCK_LEN_FIELD || blk->last_pos >= blk->len_pos ||
        blk->len_pos > wb->pos || wb->pos - blk->len_pos < reserved) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t data_pos = blk->len_pos + reserved;
    size_t n = wb->pos - data_pos;
    if (n > MSDK_COSEM_XDLMS_BLOCK_MAX) {
        return MSDK_ERR_OVERFLOW;
    }
    size_t hl = (n < 0x80u) ? 1u : (n <= 0xFFu) ? 2u : 3u;
    if (hl > reserved) {
        /* Only when the writer grew after the begin call (cap changed). */
        return MSDK_ERR_OVERFLOW;
    }
    /* Shortest length form; the data moves down over the unused bytes. */
    uint8_t *q = wb->p + blk->len_pos;
    if (hl == 1u) {
        q[0] = (uint8_t)n;
    } else if (hl == 2u) {
        q[0] = 0x81u;
        q[1] = (uint8_t)n;
    } else {
        q[0] = 0x82u;
        q[1] = (uint8_t)(n >> 8);
        q[2] = (uint8_t)n;
    }
    if (hl < reserved && n > 0u) {
        memmove(q + hl, wb->p + data_pos, n);
    }
    wb->pos -= reserved - hl;
    wb->p[blk->last_pos] = last ? 1u : 0u;
    return MSDK_OK;
}

/* ---- SET responses ------------------------------------------------------- */

msdk_err_t msdk_cosem_xdlms_set_response_encode_normal(msdk_wbuf_t *wb, uint8_t iip, uint8_t dar)
{
    const uint8_t tail[1] = { dar };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_SET_RESPONSE,
                                      MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL, iip, tail, sizeof(tail),
                                      NULL);
}

msdk_err_t msdk_cosem_xdlms_set_response_encode_datablock(msdk_wbuf_t *wb, uint8_t iip,
                                                          uint32_t block_number)
{
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_SET_RESPONSE,
                                      MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK, iip, NULL, 0u,
                                      &block_number);
}

msdk_err_t msdk_cosem_xdlms_set_response_encode_last_datablock(msdk_wbuf_t *wb, uint8_t iip,
                                                               uint8_t dar, uint32_t block_number)
{
    const uint8_t pre[1] = { dar };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_SET_RESPONSE,
                                      MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK, iip, pre,
                                      sizeof(pre), &block_number);
}

/* tag, choice, iip, SEQUENCE OF Data-Access-Result. */
static msdk_err_t put_dar_list(msdk_wbuf_t *wb, uint8_t choice, uint8_t iip, const uint8_t *dars,
                               size_t n)
{
    if (wb == NULL || (dars == NULL && n > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = put_list_begin(wb, MSDK_COSEM_XDLMS_TAG_SET_RESPONSE, choice, iip, n);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, dars, n);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_set_response_encode_last_datablock_with_list(
    msdk_wbuf_t *wb, uint8_t iip, const uint8_t *dars, size_t n, uint32_t block_number)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err =
        put_dar_list(wb, MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK_WITH_LIST, iip, dars, n);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u32be(wb, block_number);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_set_response_encode_with_list(msdk_wbuf_t *wb, uint8_t iip,
                                                          const uint8_t *dars, size_t n)
{
    return put_dar_list(wb, MSDK_COSEM_XDLMS_SET_RESPONSE_WITH_LIST, iip, dars, n);
}

/* ---- ACTION responses ---------------------------------------------------- */

msdk_err_t msdk_cosem_xdlms_action_response_encode_normal(msdk_wbuf_t *wb, uint8_t iip,
                                                          uint8_t result)
{
    const uint8_t tail[2] = { result, 0x00 };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                                      MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL, iip, tail,
                                      sizeof(tail), NULL);
}

msdk_err_t msdk_cosem_xdlms_action_response_encode_normal_data(msdk_wbuf_t *wb, uint8_t iip,
                                                               uint8_t result)
{
    const uint8_t tail[3] = { result, 0x01, 0x00 };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                                      MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL, iip, tail,
                                      sizeof(tail), NULL);
}

msdk_err_t msdk_cosem_xdlms_action_response_encode_normal_error(msdk_wbuf_t *wb, uint8_t iip,
                                                                uint8_t result, uint8_t dar)
{
    const uint8_t tail[4] = { result, 0x01, 0x01, dar };
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                                      MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL, iip, tail,
                                      sizeof(tail), NULL);
}

msdk_err_t msdk_cosem_xdlms_action_response_encode_pblock_begin(msdk_wbuf_t *wb, uint8_t iip,
                                                                uint32_t block_number,
                                                                msdk_cosem_xdlms_block_t *blk)
{
    return block_begin(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                       MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK, iip, block_number, false, blk);
}

msdk_err_t msdk_cosem_xdlms_action_response_encode_list_begin(msdk_wbuf_t *wb, uint8_t iip,
                                                              size_t count)
{
    return put_list_begin(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                          MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_LIST, iip, count);
}

msdk_err_t msdk_cosem_xdlms_action_item_encode(msdk_wbuf_t *wb, uint8_t result)
{
    const uint8_t b[2] = { result, 0x00 };
    return msdk_wbuf_put_bytes(wb, b, sizeof(b));
}

msdk_err_t msdk_cosem_xdlms_action_item_encode_data(msdk_wbuf_t *wb, uint8_t result)
{
    const uint8_t b[3] = { result, 0x01, 0x00 };
    return msdk_wbuf_put_bytes(wb, b, sizeof(b));
}

msdk_err_t msdk_cosem_xdlms_action_item_encode_error(msdk_wbuf_t *wb, uint8_t result, uint8_t dar)
{
    const uint8_t b[4] = { result, 0x01, 0x01, dar };
    return msdk_wbuf_put_bytes(wb, b, sizeof(b));
}

msdk_err_t msdk_cosem_xdlms_action_response_encode_next_pblock(msdk_wbuf_t *wb, uint8_t iip,
                                                               uint32_t block_number)
{
    return msdk_cosem_xdlms_write_hdr(wb, MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                                      MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK, iip, NULL, 0u,
                                      &block_number);
}

/* ---- Exception-response and notifications -------------------------------- */

msdk_err_t msdk_cosem_xdlms_exception_encode(msdk_wbuf_t *wb, uint8_t state_error,
                                             uint8_t service_error, uint32_t invocation_counter)
{
    if (wb == NULL || state_error < MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED ||
        state_error > MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN ||
        service_error < MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE ||
        service_error > MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    const uint8_t hdr[3] = { MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE, state_error, service_error };
    msdk_err_t err = msdk_wbuf_put_bytes(wb, hdr, sizeof(hdr));
    if (err == MSDK_OK && service_error == MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
        err = msdk_wbuf_put_u32be(wb, invocation_counter);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

/* A 12-byte COSEM date-time as an OCTET STRING: its length byte, then the bytes. */
static msdk_err_t put_date_time(msdk_wbuf_t *wb, const uint8_t *date_time)
{
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_u8(wb, MSDK_COSEM_XDLMS_DATE_TIME_LEN);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, date_time, MSDK_COSEM_XDLMS_DATE_TIME_LEN);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_xdlms_data_notification_encode_begin(msdk_wbuf_t *wb, uint32_t liip,
                                                           const uint8_t *date_time)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_u8(wb, MSDK_COSEM_XDLMS_TAG_DATA_NOTIFICATION);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_u32be(wb, liip);
    }
    if (err == MSDK_OK) {
        if (date_time == NULL) {
            err = msdk_wbuf_put_u8(wb, 0x00); /* empty octet string */
        } else {
            err = put_date_time(wb, date_time);
        }
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t
msdk_cosem_xdlms_event_notification_encode_begin(msdk_wbuf_t *wb, const uint8_t *time,
                                                 const msdk_cosem_xdlms_attr_desc_t *attr)
{
    if (wb == NULL || attr == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_wbuf_put_u8(wb, MSDK_COSEM_XDLMS_TAG_EVENT_NOTIFICATION);
    if (err == MSDK_OK) {
        if (time == NULL) {
            err = msdk_wbuf_put_u8(wb, 0x00); /* time absent */
        } else {
            err = msdk_wbuf_put_u8(wb, 0x01);
            if (err == MSDK_OK) {
                err = put_date_time(wb, time);
            }
        }
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_write_attr_desc(wb, attr);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}
