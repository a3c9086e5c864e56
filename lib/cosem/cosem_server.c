/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* APDU dispatch of the COSEM server: GET (normal, next, with-list, with block transfer),
 * SET (normal, with datablocks, with-list), ACTION (normal, with-list), access rights,
 * exception responses. */
#include <string.h>

#include "cosem_server_internal.h"

/* ---- Objects and rights ----------------------------------------------------------------- */

msdk_err_t msdk_cosem_ldev_find(const msdk_cosem_ldev_t *ld, uint16_t class_id, const uint8_t ln[6],
                                uint16_t *idx)
{
    if ((ld == NULL) || (ln == NULL) || (idx == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    bool other_class = false;
    for (uint16_t i = 0; i < ld->object_count; i++) {
        const msdk_cosem_object_t *o = &ld->objects[i];
        if (memcmp(o->ln, ln, 6u) != 0) {
            continue;
        }
        if ((o->cls != NULL) && (o->cls->class_id == class_id)) {
            *idx = i;
            return MSDK_OK;
        }
        other_class = true;
    }
    return other_class ? MSDK_ERR_MALFORMED : MSDK_ERR_NOT_FOUND;
}

msdk_cosem_rights_t msdk_cosem_object_rights(const msdk_cosem_object_t *obj, int16_t idx)
{
    msdk_cosem_rights_t none = { 0u, 0u, 0u };
    if ((obj == NULL) || (obj->rights == NULL) || (idx < 0)) {
        return none;
    }
    return obj->rights[idx];
}

static bool visible(const msdk_cosem_rights_t *r)
{
    return (r->read | r->write | r->exec) != 0u;
}

/* Data-access-result of reaching attribute (or method) `member` of the object `d` names,
 * with the index of the object on success. kind: 0 read, 1 write, 2 execute. */
static uint8_t reach(const msdk_cosem_assoc_t *a, uint16_t class_id, const uint8_t ln[6],
                     int8_t member, unsigned kind, uint16_t *idx)
{
    /* 0.0.40.0.0.255 names the Association LN object of the current association. */
    static const uint8_t current_assoc[6] = { 0u, 0u, 40u, 0u, 0u, 255u };
    const msdk_cosem_object_t *own = (a->idx >= 0) ? a->ld->assocs[a->idx].assoc_ln : NULL;
    if ((class_id == 15u) && (memcmp(ln, current_assoc, 6u) == 0) && (own != NULL) &&
        (own >= a->ld->objects) && (own < &a->ld->objects[a->ld->object_count])) {
        ln = own->ln;
    }
    msdk_err_t err = msdk_cosem_ldev_find(a->ld, class_id, ln, idx);
    if (err == MSDK_ERR_MALFORMED) {
        return (uint8_t)MSDK_COSEM_DAR_OBJECT_CLASS_INCONSISTENT;
    }
    if (err != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_OBJECT_UNDEFINED;
    }
    const msdk_cosem_object_t *o = &a->ld->objects[*idx];
    msdk_cosem_rights_t r = msdk_cosem_object_rights(o, a->idx);
    if (!visible(&r)) {
        return (uint8_t)MSDK_COSEM_DAR_OBJECT_UNDEFINED; /* not disclosed to this client */
    }
    uint8_t count = (kind == 2u) ? o->cls->method_count : o->cls->attr_count;
    if ((member < 1) || ((uint8_t)member > count) ||
        ((uint8_t)member > (uint8_t)MSDK_COSEM_MAX_MEMBERS)) {
        return (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    uint32_t bit = MSDK_COSEM_BIT((uint8_t)member);
    bool allowed;
    if (kind == 0u) {
        allowed = (member == 1) || ((r.read & bit) != 0u);
    } else if (kind == 1u) {
        allowed = (member != 1) && ((r.write & bit) != 0u) && (o->cls->set != NULL);
    } else {
        allowed = ((r.exec & bit) != 0u) && (o->cls->action != NULL);
    }
    return allowed ? (uint8_t)MSDK_COSEM_DAR_SUCCESS : (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
}

/* Whether the class takes this selective access on this attribute (none: always). */
static bool selection_ok(const msdk_cosem_object_t *o, int8_t attr,
                         const msdk_cosem_xdlms_sel_access_t *sel)
{
    if ((sel == NULL) || !sel->present) {
        return true;
    }
    return (attr >= 1) && ((uint8_t)attr <= (uint8_t)MSDK_COSEM_MAX_MEMBERS) &&
           ((o->cls->sel_attrs & MSDK_COSEM_BIT((uint8_t)attr)) != 0u) && (sel->selector >= 1u) &&
           (sel->selector <= 8u) && ((o->cls->selectors & (1u << (sel->selector - 1u))) != 0u);
}

/* Encodes an attribute: 1 (logical name) here, the others by the class. */
static int encode_attr(msdk_cosem_assoc_t *a, const msdk_cosem_object_t *o, uint8_t attr,
                       msdk_cosem_req_t *rq, msdk_wbuf_t *w)
{
    rq->assoc = a;
    rq->more = false;
    if (attr == 1u) {
        if (rq->selector != 0u) {
            return (int)MSDK_COSEM_DAR_OTHER_REASON;
        }
        msdk_err_t err = msdk_cosem_axdr_put_octet_string(w, o->ln, 6u);
        return (err == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS : MSDK_COSEM_GET_NO_SPACE;
    }
    return o->cls->get(o, attr, rq, w);
}

static void req_for(msdk_cosem_req_t *rq, msdk_cosem_assoc_t *a,
                    const msdk_cosem_xdlms_sel_access_t *sel)
{
    memset(rq, 0, sizeof(*rq));
    rq->assoc = a;
    if ((sel != NULL) && sel->present) {
        rq->selector = sel->selector;
        rq->sel_param = sel->params.p;
        rq->sel_param_len = sel->params.len;
    }
}

/* ---- GET -------------------------------------------------------------------------------- */

/* Copies what fits of the spilled row bytes into the block. */
static msdk_err_t drain_spill(msdk_cosem_assoc_t *a, msdk_wbuf_t *w)
{
    size_t left = a->lg_spill_len - a->lg_spill_pos;
    size_t room = msdk_wbuf_remaining(w);
    size_t n = (left < room) ? left : room;
    msdk_err_t err = msdk_wbuf_put_bytes(w, &a->scratch[a->lg_spill_pos], n);
    if (err == MSDK_OK) {
        a->lg_spill_pos += n;
    }
    return err;
}

/* Adds the next part of the value to a block: first what is left of a spilled row, then
 * rows from the class. A row that does not fit an empty block is encoded into the scratch
 * buffer and sent in pieces over as many blocks as it takes. Returns a data-access-result
 * (MSDK_COSEM_DAR_SUCCESS when the block holds data). */
static int fill_block(msdk_cosem_assoc_t *a, const msdk_cosem_object_t *o, msdk_wbuf_t *w)
{
    size_t data_start = w->pos;
    if (a->lg_spill_pos < a->lg_spill_len) {
        if (drain_spill(a, w) != MSDK_OK) {
            return (int)MSDK_COSEM_DAR_OTHER_REASON;
        }
        if ((a->lg_spill_pos < a->lg_spill_len) || a->lg_done) {
            return (int)MSDK_COSEM_DAR_SUCCESS;
        }
    }
    if (a->lg_done) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    int rc = encode_attr(a, o, a->lg_attr, &a->lg_rq, w);
    if (rc == (int)MSDK_COSEM_DAR_SUCCESS) {
        a->lg_done = !a->lg_rq.more;
        return rc;
    }
    if (rc != MSDK_COSEM_GET_NO_SPACE) {
        return rc;
    }
    if (w->pos > data_start) {
        return (int)MSDK_COSEM_DAR_SUCCESS; /* the spill's tail; rows go on next block */
    }
    /* Not one row fits a block: encode what fits the scratch buffer and send it in pieces. */
    msdk_wbuf_t sw;
    msdk_wbuf_init(&sw, a->scratch, a->scratch_cap);
    rc = (a->scratch != NULL) ? encode_attr(a, o, a->lg_attr, &a->lg_rq, &sw)
                              : MSDK_COSEM_GET_NO_SPACE;
    if (rc != (int)MSDK_COSEM_DAR_SUCCESS) {
        return (rc == MSDK_COSEM_GET_NO_SPACE) ? (int)MSDK_COSEM_DAR_OTHER_REASON : rc;
    }
    a->lg_done = !a->lg_rq.more;
    a->lg_spill_len = sw.pos;
    a->lg_spill_pos = 0u;
    return (drain_spill(a, w) == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS
                                          : (int)MSDK_COSEM_DAR_OTHER_REASON;
}

/* Sends the next block of the long GET in progress. */
static msdk_err_t get_block(msdk_cosem_assoc_t *a, msdk_wbuf_t *w)
{
    const msdk_cosem_object_t *o = &a->ld->objects[a->lg_obj];
    uint32_t number = a->lg_block + 1u;
    size_t mark = w->pos;
    msdk_cosem_xdlms_block_t blk;
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_block_begin(w, a->lg_iip, number, &blk);
    if (err != MSDK_OK) {
        return err;
    }
    size_t data_start = w->pos;
    int rc = fill_block(a, o, w);
    if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && (w->pos > data_start)) {
        bool last = a->lg_done && (a->lg_spill_pos >= a->lg_spill_len);
        err = msdk_cosem_xdlms_block_end(w, &blk, last);
        if (err == MSDK_OK) {
            a->lg_block = number;
            a->lg_active = !last;
            return MSDK_OK;
        }
    }
    /* The value cannot go on (the provider failed, or a row exceeds the scratch buffer). */
    w->pos = mark;
    a->lg_active = false;
    uint8_t dar = ((rc > 0) && (rc <= 255)) ? (uint8_t)rc : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    return msdk_cosem_xdlms_get_response_encode_block_error(w, a->lg_iip, true, number, dar);
}

static msdk_err_t get_normal(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_get_request_t *req,
                             msdk_wbuf_t *w)
{
    const msdk_cosem_xdlms_attr_desc_t *d = &req->attr.attr;
    uint16_t idx = 0u;
    uint8_t dar = reach(a, d->class_id, d->obis, d->attr_id, 0u, &idx);
    if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
        !selection_ok(&a->ld->objects[idx], d->attr_id, &req->attr.access)) {
        dar = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* no such selective access */
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return msdk_cosem_xdlms_get_response_encode_normal_error(w, req->iip, dar);
    }
    const msdk_cosem_object_t *o = &a->ld->objects[idx];
    msdk_cosem_req_t rq;
    req_for(&rq, a, &req->attr.access);
    size_t mark = w->pos;
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_normal_data(w, req->iip);
    if (err != MSDK_OK) {
        return err;
    }
    int rc = encode_attr(a, o, (uint8_t)d->attr_id, &rq, w);
    if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && !rq.more) {
        return MSDK_OK;
    }
    w->pos = mark;
    if (rc > 0) {
        return msdk_cosem_xdlms_get_response_encode_normal_error(w, req->iip, (uint8_t)rc);
    }
    if ((a->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_GET) == 0u) {
        return msdk_cosem_xdlms_get_response_encode_normal_error(
            w, req->iip, (uint8_t)MSDK_COSEM_DAR_OTHER_REASON);
    }
    /* Too long for one APDU: send it in blocks, from its first row again but with the
     * selection the class has made (object.h, msdk_cosem_req_t). */
    a->lg_rq = rq;
    if (a->lg_rq.started) {
        msdk_cosem_axdr_rows_init(&a->lg_rq.rows, a->lg_rq.rows.total);
        a->lg_rq.cursor = 0u;
    }
    a->lg_rq.more = false;
    a->lg_active = true;
    a->lg_iip = req->iip;
    a->lg_obj = idx;
    a->lg_attr = (uint8_t)d->attr_id;
    a->lg_block = 0u;
    a->lg_done = false;
    a->lg_spill_len = 0u;
    a->lg_spill_pos = 0u;
    err = get_block(a, w);
    /* The parameters lie in this request's buffer: no later block may read them. */
    a->lg_rq.sel_param = NULL;
    a->lg_rq.sel_param_len = 0u;
    return err;
}

static msdk_err_t get_next(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_get_request_t *req,
                           msdk_wbuf_t *w)
{
    if (!a->lg_active) {
        return msdk_cosem_xdlms_get_response_encode_block_error(
            w, req->iip, true, req->block_number, (uint8_t)MSDK_COSEM_DAR_NO_LONG_GET_IN_PROGRESS);
    }
    if (req->block_number != a->lg_block) {
        a->lg_active = false;
        return msdk_cosem_xdlms_get_response_encode_block_error(
            w, req->iip, true, req->block_number,
            (uint8_t)MSDK_COSEM_DAR_DATA_BLOCK_NUMBER_INVALID);
    }
    a->lg_iip = req->iip;
    return get_block(a, w);
}

static msdk_err_t get_list(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_get_request_t *req,
                           msdk_wbuf_t *w)
{
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_list_begin(w, req->iip, req->list.count);
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_iter_init(&it, &req->list);
    for (uint32_t i = 0; (err == MSDK_OK) && (i < req->list.count); i++) {
        msdk_cosem_xdlms_attr_sel_t item;
        uint8_t dar = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        uint16_t idx = 0u;
        if (msdk_cosem_xdlms_iter_next_attr_sel(&it, &item) == MSDK_OK) {
            dar = reach(a, item.attr.class_id, item.attr.obis, item.attr.attr_id, 0u, &idx);
            if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
                !selection_ok(&a->ld->objects[idx], item.attr.attr_id, &item.access)) {
                dar = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
            }
        }
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            msdk_cosem_req_t rq;
            req_for(&rq, a, &item.access);
            size_t mark = w->pos;
            err = msdk_cosem_xdlms_get_result_encode_data(w);
            int rc = (err == MSDK_OK)
                         ? encode_attr(a, &a->ld->objects[idx], (uint8_t)item.attr.attr_id, &rq, w)
                         : MSDK_COSEM_GET_NO_SPACE;
            if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && !rq.more) {
                continue;
            }
            /* Each value of a list answer must fit the one APDU. */
            w->pos = mark;
            dar = (rc > 0) ? (uint8_t)rc : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        }
        err = msdk_cosem_xdlms_get_result_encode_error(w, dar);
    }
    return err;
}

static msdk_err_t on_get(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len, msdk_wbuf_t *w)
{
    msdk_cosem_xdlms_get_request_t req;
    msdk_err_t err =
        msdk_cosem_xdlms_get_request_decode(apdu, len, MSDK_COSEM_SERVER_LIST_MAX, &req);
    if (err != MSDK_OK) {
        a->lg_active = false;
        return msdk_cosem_xdlms_exception_encode(w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                                 (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON,
                                                 0u);
    }
    if (req.type == (uint8_t)MSDK_COSEM_XDLMS_GET_REQUEST_NEXT) {
        return get_next(a, &req, w);
    }
    a->lg_active = false; /* a new request ends a long GET */
    if (req.type == (uint8_t)MSDK_COSEM_XDLMS_GET_REQUEST_NORMAL) {
        return get_normal(a, &req, w);
    }
    return get_list(a, &req, w);
}

/* ---- SET -------------------------------------------------------------------------------- */

/* Applies one value; returns its data-access-result. */
static uint8_t set_value(msdk_cosem_assoc_t *a, uint16_t idx, uint8_t attr,
                         const msdk_cosem_xdlms_sel_access_t *sel, const uint8_t *p, size_t n)
{
    const msdk_cosem_object_t *o = &a->ld->objects[idx];
    msdk_cosem_req_t rq;
    req_for(&rq, a, sel);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, p, n);
    return o->cls->set(o, attr, &rq, &rb);
}

static msdk_err_t set_blocks(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_set_request_t *req,
                             msdk_wbuf_t *w)
{
    const msdk_cosem_xdlms_datablock_t *b = &req->block;
    uint8_t dar = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    if (req->type == (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK) {
        const msdk_cosem_xdlms_attr_desc_t *d = &req->attr.attr;
        uint16_t idx = 0u;
        a->ls_active = false;
        dar = reach(a, d->class_id, d->obis, d->attr_id, 1u, &idx);
        if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) && (b->block_number != 1u)) {
            dar = (uint8_t)MSDK_COSEM_DAR_DATA_BLOCK_NUMBER_INVALID;
        }
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            a->ls_active = true;
            a->ls_obj = idx;
            a->ls_attr = (uint8_t)d->attr_id;
            a->ls_block = 0u;
            a->scratch_len = 0u;
        }
    } else if (!a->ls_active) {
        dar = (uint8_t)MSDK_COSEM_DAR_NO_LONG_SET_IN_PROGRESS;
    } else if (b->block_number != (a->ls_block + 1u)) {
        dar = (uint8_t)MSDK_COSEM_DAR_DATA_BLOCK_NUMBER_INVALID;
    }
    if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
        (b->raw.len > (a->scratch_cap - a->scratch_len))) {
        dar = (uint8_t)MSDK_COSEM_DAR_LONG_SET_ABORTED; /* larger than this meter takes */
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        a->ls_active = false;
        a->scratch_len = 0u;
        return msdk_cosem_xdlms_set_response_encode_last_datablock(w, req->iip, dar,
                                                                   b->block_number);
    }
    if (b->raw.len != 0u) {
        memcpy(&a->scratch[a->scratch_len], b->raw.p, b->raw.len);
    }
    a->scratch_len += b->raw.len;
    a->ls_block = b->block_number;
    if (!b->last) {
        return msdk_cosem_xdlms_set_response_encode_datablock(w, req->iip, b->block_number);
    }
    a->ls_active = false;
    dar = set_value(a, a->ls_obj, a->ls_attr, NULL, a->scratch, a->scratch_len);
    memset(a->scratch, 0, a->scratch_len);
    a->scratch_len = 0u;
    return msdk_cosem_xdlms_set_response_encode_last_datablock(w, req->iip, dar, b->block_number);
}

static msdk_err_t set_list(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_set_request_t *req,
                           msdk_wbuf_t *w)
{
    uint8_t dars[MSDK_COSEM_SERVER_LIST_MAX];
    uint32_t n = req->attrs.count;
    if ((n > MSDK_COSEM_SERVER_LIST_MAX) || (req->values.count != n)) {
        return msdk_cosem_xdlms_exception_encode(w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                                 (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON,
                                                 0u);
    }
    msdk_cosem_xdlms_iter_t ia;
    msdk_cosem_xdlms_iter_t iv;
    msdk_cosem_xdlms_iter_init(&ia, &req->attrs);
    msdk_cosem_xdlms_iter_init(&iv, &req->values);
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_xdlms_attr_sel_t item;
        msdk_cosem_xdlms_raw_t value;
        uint16_t idx = 0u;
        dars[i] = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        if ((msdk_cosem_xdlms_iter_next_attr_sel(&ia, &item) == MSDK_OK) &&
            (msdk_cosem_xdlms_iter_next_data(&iv, &value) == MSDK_OK)) {
            dars[i] = reach(a, item.attr.class_id, item.attr.obis, item.attr.attr_id, 1u, &idx);
            if (dars[i] == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
                dars[i] =
                    set_value(a, idx, (uint8_t)item.attr.attr_id, &item.access, value.p, value.len);
            }
        }
    }
    return msdk_cosem_xdlms_set_response_encode_with_list(w, req->iip, dars, n);
}

static msdk_err_t on_set(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len, msdk_wbuf_t *w)
{
    a->lg_active = false; /* a new request ends a long GET (and frees the scratch buffer) */
    msdk_cosem_xdlms_set_request_t req;
    msdk_err_t err =
        msdk_cosem_xdlms_set_request_decode(apdu, len, MSDK_COSEM_SERVER_LIST_MAX, &req);
    if ((err != MSDK_OK) ||
        ((req.type != (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL) &&
         (req.type != (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK) &&
         (req.type != (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_DATABLOCK) &&
         (req.type != (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST))) {
        a->ls_active = false;
        return msdk_cosem_xdlms_exception_encode(w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                                 (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON,
                                                 0u);
    }
    if ((req.type == (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK) ||
        (req.type == (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_DATABLOCK)) {
        return set_blocks(a, &req, w);
    }
    a->ls_active = false;
    if (req.type == (uint8_t)MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST) {
        return set_list(a, &req, w);
    }
    const msdk_cosem_xdlms_attr_desc_t *d = &req.attr.attr;
    uint16_t idx = 0u;
    uint8_t dar = reach(a, d->class_id, d->obis, d->attr_id, 1u, &idx);
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        dar = set_value(a, idx, (uint8_t)d->attr_id, &req.attr.access, req.value.p, req.value.len);
    }
    return msdk_cosem_xdlms_set_response_encode_normal(w, req.iip, dar);
}

/* ---- ACTION ----------------------------------------------------------------------------- */

/* Runs one method. When it returns data, `w` holds `item_data_header + data`. */
static uint8_t run_method(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_method_desc_t *m,
                          const msdk_cosem_xdlms_raw_t *params, msdk_wbuf_t *ret)
{
    uint16_t idx = 0u;
    uint8_t dar = reach(a, m->class_id, m->obis, m->method_id, 2u, &idx);
    if (dar == (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar; /* the shared values of the two enums */
    }
    static const uint8_t null_data[1] = { (uint8_t)MSDK_COSEM_AXDR_NULL_DATA };
    const msdk_cosem_object_t *o = &a->ld->objects[idx];
    msdk_cosem_req_t rq;
    req_for(&rq, a, NULL);
    msdk_rbuf_t rb;
    if ((params != NULL) && (params->len != 0u)) {
        msdk_rbuf_init(&rb, params->p, params->len);
    } else {
        msdk_rbuf_init(&rb, null_data, sizeof null_data);
    }
    return o->cls->action(o, (uint8_t)m->method_id, &rq, &rb, ret);
}

/* Encodes one action result: with its return data when the method wrote some. */
static msdk_err_t action_item(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_method_desc_t *m,
                              const msdk_cosem_xdlms_raw_t *params, msdk_wbuf_t *w, bool normal,
                              uint8_t iip)
{
    size_t mark = w->pos;
    msdk_err_t err =
        normal ? msdk_cosem_xdlms_action_response_encode_normal_data(
                     w, iip, (uint8_t)MSDK_COSEM_ACTION_SUCCESS)
               : msdk_cosem_xdlms_action_item_encode_data(w, (uint8_t)MSDK_COSEM_ACTION_SUCCESS);
    if (err != MSDK_OK) {
        return err;
    }
    size_t data_start = w->pos;
    uint8_t result = run_method(a, m, params, w);
    bool has_data = (w->pos != data_start);
    if ((result == (uint8_t)MSDK_COSEM_ACTION_SUCCESS) && has_data) {
        return MSDK_OK;
    }
    w->pos = mark;
    return normal ? msdk_cosem_xdlms_action_response_encode_normal(w, iip, result)
                  : msdk_cosem_xdlms_action_item_encode(w, result);
}

static msdk_err_t on_action(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len, msdk_wbuf_t *w)
{
    a->lg_active = false;
    msdk_cosem_xdlms_action_request_t req;
    msdk_err_t err =
        msdk_cosem_xdlms_action_request_decode(apdu, len, MSDK_COSEM_SERVER_LIST_MAX, &req);
    if ((err != MSDK_OK) || ((req.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL) &&
                             (req.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST))) {
        /* Parameters in blocks are not taken yet (docs/cosem.md). */
        return msdk_cosem_xdlms_exception_encode(
            w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
            (err != MSDK_OK) ? (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON
                             : (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED,
            0u);
    }
    if (req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL) {
        return action_item(a, &req.method, req.has_params ? &req.params : NULL, w, true, req.iip);
    }
    if (req.params_list.count != req.methods.count) {
        return msdk_cosem_xdlms_exception_encode(w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                                 (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON,
                                                 0u);
    }
    err = msdk_cosem_xdlms_action_response_encode_list_begin(w, req.iip, req.methods.count);
    msdk_cosem_xdlms_iter_t im;
    msdk_cosem_xdlms_iter_t ip;
    msdk_cosem_xdlms_iter_init(&im, &req.methods);
    msdk_cosem_xdlms_iter_init(&ip, &req.params_list);
    for (uint32_t i = 0; (err == MSDK_OK) && (i < req.methods.count); i++) {
        msdk_cosem_xdlms_method_desc_t m;
        msdk_cosem_xdlms_raw_t params;
        if ((msdk_cosem_xdlms_iter_next_method(&im, &m) != MSDK_OK) ||
            (msdk_cosem_xdlms_iter_next_data(&ip, &params) != MSDK_OK)) {
            err = msdk_cosem_xdlms_action_item_encode(w, (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON);
        } else {
            err = action_item(a, &m, &params, w, false, req.iip);
        }
    }
    return err;
}

/* ---- Dispatch --------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_server_apdu(msdk_cosem_assoc_t *a, uint16_t client_sap, const uint8_t *apdu,
                                  size_t len, msdk_wbuf_t *out)
{
    if ((a == NULL) || (a->ld == NULL) || (out == NULL) || ((apdu == NULL) && (len != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_OK; /* nothing to answer */
    }
    /* Never write more than the client accepts (or the server's own limit before an
     * association has negotiated one). */
    msdk_wbuf_t w = *out;
    size_t limit = (a->idx >= 0) ? a->pdu : a->ld->max_pdu;
    if ((w.cap - w.pos) > limit) {
        w.cap = w.pos + limit;
    }
    bool open = (a->idx >= 0) && (a->ld->assocs[a->idx].client_sap == client_sap);
    uint32_t conf = open ? a->conformance : 0u;
    msdk_err_t err;
    switch (apdu[0]) {
    case MSDK_COSEM_ACSE_TAG_AARQ:
        err = msdk_cosem_server_aarq(a, client_sap, apdu, len, &w);
        break;
    case MSDK_COSEM_ACSE_TAG_RLRQ: err = msdk_cosem_server_rlrq(a, apdu, len, &w); break;
    case MSDK_COSEM_XDLMS_TAG_GET_REQUEST:
        err = ((conf & MSDK_COSEM_CONF_GET) != 0u)
                  ? on_get(a, apdu, len, &w)
                  : msdk_cosem_xdlms_exception_encode(
                        &w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
                        (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
        break;
    case MSDK_COSEM_XDLMS_TAG_SET_REQUEST:
        err = ((conf & MSDK_COSEM_CONF_SET) != 0u)
                  ? on_set(a, apdu, len, &w)
                  : msdk_cosem_xdlms_exception_encode(
                        &w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
                        (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
        break;
    case MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST:
        err = ((conf & MSDK_COSEM_CONF_ACTION) != 0u)
                  ? on_action(a, apdu, len, &w)
                  : msdk_cosem_xdlms_exception_encode(
                        &w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
                        (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
        break;
    default:
        err = msdk_cosem_xdlms_exception_encode(
            &w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
            (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
        break;
    }
    if (err != MSDK_OK) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    out->pos = w.pos;
    return MSDK_OK;
}
