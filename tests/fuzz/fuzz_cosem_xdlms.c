/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the xDLMS APDU decoders: every decoder sees every
 * input, decoded lists are walked to the end, and successfully decoded
 * requests are re-encoded (the encoder must accept what the decoder
 * produced).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "msdk/cosem/xdlms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walks a decoded list; iteration of a validated list must never fail. */
static void walk(const msdk_cosem_xdlms_list_t *list)
{
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_attr_sel_t a;
    msdk_cosem_xdlms_method_desc_t m;
    msdk_cosem_xdlms_raw_t r;
    msdk_cosem_xdlms_get_result_t g;
    msdk_cosem_xdlms_action_item_t ai;
    uint8_t dar;
    msdk_err_t err = MSDK_OK;
    uint32_t seen = 0;
    msdk_cosem_xdlms_iter_init(&it, list);
    while (err == MSDK_OK) {
        switch (list->kind) {
        case MSDK_COSEM_XDLMS_LIST_ATTR_SEL:
            err = msdk_cosem_xdlms_iter_next_attr_sel(&it, &a);
            break;
        case MSDK_COSEM_XDLMS_LIST_METHOD: err = msdk_cosem_xdlms_iter_next_method(&it, &m); break;
        case MSDK_COSEM_XDLMS_LIST_DATA: err = msdk_cosem_xdlms_iter_next_data(&it, &r); break;
        case MSDK_COSEM_XDLMS_LIST_DAR: err = msdk_cosem_xdlms_iter_next_dar(&it, &dar); break;
        case MSDK_COSEM_XDLMS_LIST_GET_RESULT:
            err = msdk_cosem_xdlms_iter_next_get_result(&it, &g);
            break;
        case MSDK_COSEM_XDLMS_LIST_ACTION_ITEM:
            err = msdk_cosem_xdlms_iter_next_action_item(&it, &ai);
            break;
        default: return;
        }
        if (err == MSDK_OK) {
            seen++;
        }
    }
    if (err != MSDK_ERR_NOT_FOUND || seen != list->count) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t out[4096];
    msdk_wbuf_t wb;
    msdk_cosem_xdlms_get_request_t gq;
    msdk_cosem_xdlms_set_request_t sq;
    msdk_cosem_xdlms_action_request_t aq;
    msdk_cosem_xdlms_get_response_t gs;
    msdk_cosem_xdlms_set_response_t ss;
    msdk_cosem_xdlms_action_response_t as;
    msdk_cosem_xdlms_exception_t ex;
    msdk_cosem_xdlms_data_notification_t dn;
    msdk_cosem_xdlms_event_notification_t en;
    const size_t max = 16;

    msdk_wbuf_init(&wb, out, sizeof(out));
    if (msdk_cosem_xdlms_get_request_decode(data, size, max, &gq) == MSDK_OK) {
        walk(&gq.list);
        if (gq.type == MSDK_COSEM_XDLMS_GET_REQUEST_NORMAL &&
            msdk_cosem_xdlms_get_request_encode_normal(&wb, gq.iip, &gq.attr) != MSDK_OK) {
            abort();
        }
    }
    msdk_wbuf_init(&wb, out, sizeof(out));
    if (msdk_cosem_xdlms_set_request_decode(data, size, max, &sq) == MSDK_OK) {
        walk(&sq.attrs);
        walk(&sq.values);
        if (sq.type == MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL &&
            msdk_cosem_xdlms_set_request_encode_normal(&wb, sq.iip, &sq.attr, &sq.value) !=
                MSDK_OK) {
            abort();
        }
    }
    msdk_wbuf_init(&wb, out, sizeof(out));
    if (msdk_cosem_xdlms_action_request_decode(data, size, max, &aq) == MSDK_OK) {
        walk(&aq.methods);
        walk(&aq.params_list);
        if (aq.type == MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL &&
            msdk_cosem_xdlms_action_request_encode_normal(
                &wb, aq.iip, &aq.method, aq.has_params ? &aq.params : NULL) != MSDK_OK) {
            abort();
        }
    }
    if (msdk_cosem_xdlms_get_response_decode(data, size, max, &gs) == MSDK_OK) {
        walk(&gs.list);
    }
    if (msdk_cosem_xdlms_set_response_decode(data, size, max, &ss) == MSDK_OK) {
        walk(&ss.results);
    }
    if (msdk_cosem_xdlms_action_response_decode(data, size, max, &as) == MSDK_OK) {
        walk(&as.list);
    }
    (void)msdk_cosem_xdlms_exception_decode(data, size, &ex);
    (void)msdk_cosem_xdlms_data_notification_decode(data, size, &dn);
    (void)msdk_cosem_xdlms_event_notification_decode(data, size, &en);
    return 0;
}
