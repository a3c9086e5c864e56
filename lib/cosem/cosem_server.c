/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* APDU dispatch of the COSEM server: GET (normal, next, with-list, with block transfer),
 * SET (normal, with datablocks, with-list), ACTION (normal, with-list, parameters and return
 * data in pblocks), access rights, exception responses. */
#include <string.h>

#include "cosem_server_internal.h"
#include "msdk/cosem/class_security.h"
#include "msdk/cosem/security.h"

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
    msdk_cosem_rights_t none;
    memset(&none, 0, sizeof none);
    if ((obj == NULL) || (obj->rights == NULL) || (idx < 0)) {
        return none;
    }
    return obj->rights[idx];
}

static bool visible(const msdk_cosem_rights_t *r)
{
    return (r->read | r->write | r->exec) != 0u;
}

/* Whether the current request meets the security `need` (::msdk_cosem_access_sec_t bits)
 * of a member; if so the response protection it needs is noted for the response. */
static bool security_met(msdk_cosem_assoc_t *a, uint8_t need)
{
    const uint8_t signed_bits = (uint8_t)((uint8_t)MSDK_COSEM_ACCESS_SIGNED_REQUEST |
                                          (uint8_t)MSDK_COSEM_ACCESS_SIGNED_RESPONSE);
    uint8_t rq = 0u;
    uint8_t rsp = 0u;
    if ((need & (uint8_t)MSDK_COSEM_ACCESS_AUTH_REQUEST) != 0u) {
        rq |= (uint8_t)MSDK_COSEM_SC_AUTH;
    }
    if ((need & (uint8_t)MSDK_COSEM_ACCESS_ENC_REQUEST) != 0u) {
        rq |= (uint8_t)MSDK_COSEM_SC_ENC;
    }
    if ((need & (uint8_t)MSDK_COSEM_ACCESS_AUTH_RESPONSE) != 0u) {
        rsp |= (uint8_t)MSDK_COSEM_SC_AUTH;
    }
    if ((need & (uint8_t)MSDK_COSEM_ACCESS_ENC_RESPONSE) != 0u) {
        rsp |= (uint8_t)MSDK_COSEM_SC_ENC;
    }
    /* Within a block transfer every block must carry what its first one carried: the
     * members named in the first block are judged by the protection both have. */
    const uint8_t have = (uint8_t)(a->rq_sc & a->xfer_sc);
    if (((need & signed_bits) != 0u) || ((have & rq) != rq) ||
        ((rsp != 0u) && (!a->ciphered || (msdk_cosem_server_secsetup(a) == NULL)))) {
        return false; /* no signatures; a plain association cannot protect the response */
    }
    a->sec_rq |= rq;
    a->sec_rsp |= rsp;
    return true;
}

/* Data-access-result of reaching attribute (or method) `member` of the object `d` names,
 * with the index of the object on success. kind: 0 read, 1 write, 2 execute. The security
 * the member needs is checked (and its response protection noted) last. */
static uint8_t reach(msdk_cosem_assoc_t *a, uint16_t class_id, const uint8_t ln[6], int8_t member,
                     unsigned kind, uint16_t *idx)
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
    uint8_t need = r.exec_sec;
    if (kind != 2u) {
        need = ((r.sec_attrs & bit) != 0u) ? r.attr_sec : 0u;
    }
    if (kind == 0u) {
        allowed = (member == 1) || ((r.read & bit) != 0u);
    } else if (kind == 1u) {
        allowed = (member != 1) && ((r.write & bit) != 0u) && (o->cls->set != NULL);
    } else {
        allowed = ((r.exec & bit) != 0u) && (o->cls->action != NULL);
    }
    allowed = allowed && ((need == 0u) || security_met(a, need));
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

/* Copies what fits of the spilled row bytes (kept after the item descriptors) into the
 * block. */
static msdk_err_t drain_spill(msdk_cosem_assoc_t *a, msdk_wbuf_t *w)
{
    size_t left = a->lg_spill_len - a->lg_spill_pos;
    size_t room = msdk_wbuf_remaining(w);
    size_t n = (left < room) ? left : room;
    msdk_err_t err = msdk_wbuf_put_bytes(w, &a->scratch[a->lg_list_len + a->lg_spill_pos], n);
    if (err == MSDK_OK) {
        a->lg_spill_pos += n;
    }
    return err;
}

/* Whether the long GET has sent everything. */
static bool get_finished(const msdk_cosem_assoc_t *a)
{
    return !a->lg_head && (a->lg_item >= a->lg_items) && (a->lg_spill_pos >= a->lg_spill_len);
}

/* The value being sent is complete (the class has encoded its last row). */
static void item_done(msdk_cosem_assoc_t *a)
{
    a->lg_in_item = false;
    a->lg_item++;
}

/* Starts the next item of a GET-with-list from its descriptor in the scratch buffer. Returns
 * its data-access-result; on success its value is the one being sent. */
static uint8_t item_start(msdk_cosem_assoc_t *a)
{
    msdk_cosem_xdlms_list_t rest = { (uint8_t)MSDK_COSEM_XDLMS_LIST_ATTR_SEL,
                                     a->lg_items - a->lg_item, &a->scratch[a->lg_list_pos],
                                     a->lg_list_len - a->lg_list_pos };
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_attr_sel_t item;
    msdk_cosem_xdlms_iter_init(&it, &rest);
    if (msdk_cosem_xdlms_iter_next_attr_sel(&it, &item) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* cannot happen: the list was decoded */
    }
    a->lg_list_pos += it.rb.pos;
    uint16_t idx = 0u;
    uint8_t dar = reach(a, item.attr.class_id, item.attr.obis, item.attr.attr_id, 0u, &idx);
    if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
        !selection_ok(&a->ld->objects[idx], item.attr.attr_id, &item.access)) {
        dar = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        /* The access parameters stay valid: they lie in the scratch buffer. */
        req_for(&a->lg_rq, a, &item.access);
        a->lg_obj = idx;
        a->lg_attr = (uint8_t)item.attr.attr_id;
        a->lg_in_item = true;
        a->lg_choice = false;
    }
    return dar;
}

/* Adds the next part of the answer to a block: the item count of a list, what is left of a
 * spilled row, then rows from the class, value after value (a list item's Get-Data-Result
 * choice before its value, or `01 dar` instead). A row that does not fit an empty block is
 * encoded into the spill area of the scratch buffer and sent in pieces over as many blocks
 * as it takes. Returns MSDK_COSEM_DAR_SUCCESS, or the data-access-result that ends the
 * transfer (a value that has begun and cannot go on). */
static int fill_block(msdk_cosem_assoc_t *a, msdk_wbuf_t *w)
{
    if (a->lg_head) {
        if (msdk_cosem_axdr_put_length(w, a->lg_items) != MSDK_OK) {
            return (int)MSDK_COSEM_DAR_OTHER_REASON;
        }
        a->lg_head = false;
    }
    size_t base = w->pos; /* the block's data after the count */
    for (;;) {
        if (a->lg_spill_pos < a->lg_spill_len) {
            if (drain_spill(a, w) != MSDK_OK) {
                return (int)MSDK_COSEM_DAR_OTHER_REASON;
            }
            if (a->lg_spill_pos < a->lg_spill_len) {
                return (int)MSDK_COSEM_DAR_SUCCESS; /* the block is full */
            }
        }
        size_t mark = w->pos;
        if (!a->lg_in_item) {
            if (a->lg_item >= a->lg_items) {
                return (int)MSDK_COSEM_DAR_SUCCESS;
            }
            size_t list_pos = a->lg_list_pos;
            uint8_t dar = item_start(a);
            if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
                if (msdk_cosem_xdlms_get_result_encode_error(w, dar) != MSDK_OK) {
                    a->lg_list_pos = list_pos; /* no room for its result: next block */
                    return (int)MSDK_COSEM_DAR_SUCCESS;
                }
                a->lg_item++;
                continue;
            }
        }
        if (a->lg_list && !a->lg_choice &&
            (msdk_cosem_xdlms_get_result_encode_data(w) != MSDK_OK)) {
            return (int)MSDK_COSEM_DAR_SUCCESS; /* the block is full */
        }
        const msdk_cosem_object_t *o = &a->ld->objects[a->lg_obj];
        size_t value = w->pos;
        int rc = encode_attr(a, o, a->lg_attr, &a->lg_rq, w);
        if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && (w->pos > value)) {
            a->lg_choice = true;
            if (a->lg_rq.more) {
                return rc; /* the class goes on in the next block */
            }
            item_done(a);
            continue;
        }
        if ((rc == MSDK_COSEM_GET_NO_SPACE) && (mark > base)) {
            w->pos = mark; /* the block holds other data: go on in the next one */
            return (int)MSDK_COSEM_DAR_SUCCESS;
        }
        if (rc != MSDK_COSEM_GET_NO_SPACE) {
            uint8_t dar =
                ((rc > 0) && (rc <= 255)) ? (uint8_t)rc : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
            if (!a->lg_list || a->lg_choice) {
                return (int)dar; /* the value has begun: the transfer ends */
            }
            w->pos = mark; /* a list item that has sent nothing gets its result */
            if (msdk_cosem_xdlms_get_result_encode_error(w, dar) != MSDK_OK) {
                return (int)MSDK_COSEM_DAR_SUCCESS; /* tried again in the next block */
            }
            item_done(a);
            continue;
        }
        /* Not one row fits an empty block: encode what fits the spill area and send it in
         * pieces (after the choice byte of a list item, already in the block). */
        if ((a->scratch == NULL) || (a->scratch_cap <= a->lg_list_len)) {
            return (int)MSDK_COSEM_DAR_OTHER_REASON;
        }
        msdk_wbuf_t sw;
        msdk_wbuf_init(&sw, &a->scratch[a->lg_list_len], a->scratch_cap - a->lg_list_len);
        rc = encode_attr(a, o, a->lg_attr, &a->lg_rq, &sw);
        if ((rc != (int)MSDK_COSEM_DAR_SUCCESS) || (sw.pos == 0u)) {
            return ((rc > 0) && (rc <= 255)) ? rc : (int)MSDK_COSEM_DAR_OTHER_REASON;
        }
        a->lg_choice = true;
        if (!a->lg_rq.more) {
            item_done(a);
        }
        a->lg_spill_len = sw.pos;
        a->lg_spill_pos = 0u;
    }
}

/* Sends the next block of the long GET in progress. */
static msdk_err_t get_block(msdk_cosem_assoc_t *a, msdk_wbuf_t *w)
{
    uint32_t number = a->lg_block + 1u;
    size_t mark = w->pos;
    msdk_cosem_xdlms_block_t blk;
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_block_begin(w, a->lg_iip, number, &blk);
    if (err != MSDK_OK) {
        return err;
    }
    size_t data_start = w->pos;
    int rc = fill_block(a, w);
    if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && (w->pos > data_start)) {
        bool last = get_finished(a);
        err = msdk_cosem_xdlms_block_end(w, &blk, last);
        if (err == MSDK_OK) {
            a->lg_block = number;
            a->lg_active = !last;
            return MSDK_OK;
        }
    }
    /* The answer cannot go on (a provider failed, or a row exceeds the scratch buffer). */
    w->pos = mark;
    a->lg_active = false;
    uint8_t dar = ((rc > 0) && (rc <= 255)) ? (uint8_t)rc : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    return msdk_cosem_xdlms_get_response_encode_block_error(w, a->lg_iip, true, number, dar);
}

/* Starts sending an answer in blocks: `items` values, one attribute (`list` false, its
 * object and request already in lg_obj, lg_attr, lg_rq) or a list whose descriptors are in
 * the scratch buffer's first `list_len` bytes. */
static msdk_err_t get_start(msdk_cosem_assoc_t *a, uint8_t iip, bool list, uint32_t items,
                            size_t list_len, msdk_wbuf_t *w)
{
    a->lg_active = true;
    a->lg_list = list;
    a->lg_head = list;
    a->lg_in_item = !list;
    a->lg_choice = false;
    a->lg_iip = iip;
    a->lg_items = items;
    a->lg_item = 0u;
    a->lg_list_len = list_len;
    a->lg_list_pos = 0u;
    a->lg_block = 0u;
    a->lg_spill_len = 0u;
    a->lg_spill_pos = 0u;
    return get_block(a, w);
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
    a->lg_obj = idx;
    a->lg_attr = (uint8_t)d->attr_id;
    err = get_start(a, req->iip, false, 1u, 0u, w);
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

/* Answers a GET-with-list in one APDU when all its values fit; else in blocks (the raw data
 * of the transfer is the whole list of Get-Data-Results, count first) when block transfer
 * with GET was negotiated and the scratch buffer holds the item descriptors; else every
 * value that does not fit gets other-reason. */
static msdk_err_t get_list(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_get_request_t *req,
                           msdk_wbuf_t *w)
{
    uint32_t n = req->list.count;
    size_t mark = w->pos;
    bool whole = true;
    msdk_err_t err = msdk_cosem_xdlms_get_response_encode_list_begin(w, req->iip, n);
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_iter_init(&it, &req->list);
    for (uint32_t i = 0; (err == MSDK_OK) && (i < n); i++) {
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
            /* Room is kept for the result of every later item (2 bytes each). */
            size_t keep = 2u * (size_t)(n - 1u - i);
            msdk_wbuf_t vw = *w;
            vw.cap = ((w->cap - w->pos) > keep) ? (w->cap - keep) : w->pos;
            msdk_cosem_req_t rq;
            req_for(&rq, a, &item.access);
            int rc =
                (msdk_cosem_xdlms_get_result_encode_data(&vw) == MSDK_OK)
                    ? encode_attr(a, &a->ld->objects[idx], (uint8_t)item.attr.attr_id, &rq, &vw)
                    : MSDK_COSEM_GET_NO_SPACE;
            if ((rc == (int)MSDK_COSEM_DAR_SUCCESS) && !rq.more) {
                w->pos = vw.pos;
                continue;
            }
            whole = whole && (rc > 0);
            dar = (rc > 0) ? (uint8_t)rc : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        }
        err = msdk_cosem_xdlms_get_result_encode_error(w, dar);
    }
    if ((err == MSDK_OK) && whole) {
        return MSDK_OK;
    }
    if (((a->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_GET) != 0u) && (a->scratch != NULL) &&
        (req->list.len < a->scratch_cap)) {
        w->pos = mark;
        if (req->list.len != 0u) {
            memcpy(a->scratch, req->list.p, req->list.len);
        }
        return get_start(a, req->iip, true, n, req->list.len, w);
    }
    return err; /* each value that does not fit one APDU got other-reason */
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

/* State of a long ACTION (msdk_cosem_assoc_t::la_state). */
enum {
    LA_IDLE = 0,      /* none */
    LA_RECEIVING = 1, /* parameters arrive in pblocks */
    LA_SENDING = 2,   /* return data goes out in pblocks */
};

/* Runs one method (its rights checked first); return data, if any, goes to `ret`. `params`
 * is one Data value, or empty for none (the class then sees null-data). */
static uint8_t run_method(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_method_desc_t *m,
                          const msdk_cosem_xdlms_raw_t *params, msdk_wbuf_t *ret)
{
    uint16_t idx = 0u;
    uint8_t dar = reach(a, m->class_id, m->obis, m->method_id, 2u, &idx);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar; /* the values the two enums share (0..13) */
    }
    static const uint8_t null_data[1] = { (uint8_t)MSDK_COSEM_AXDR_NULL_DATA };
    const msdk_cosem_object_t *o = &a->ld->objects[idx];
    msdk_cosem_req_t rq;
    req_for(&rq, a, NULL);
    msdk_rbuf_t rb;
    if (params->len != 0u) {
        msdk_rbuf_init(&rb, params->p, params->len);
    } else {
        msdk_rbuf_init(&rb, null_data, sizeof null_data);
    }
    return o->cls->action(o, (uint8_t)m->method_id, &rq, &rb, ret);
}

/* The methods of one ACTION request and their parameters. */
typedef struct act_job {
    uint8_t iip;                           /* of the request */
    uint32_t count;                        /* with-list: methods; 0: one method */
    msdk_cosem_xdlms_method_desc_t method; /* one method */
    msdk_cosem_xdlms_raw_t params;         /* its parameters (empty: none) */
    msdk_cosem_xdlms_iter_t methods;       /* with-list: the methods */
    msdk_cosem_xdlms_iter_t values;        /* with-list: their parameters (none: kind NONE) */
    size_t used;                           /* scratch bytes holding the request */
} act_job_t;

/* Runs one method and appends its Action-Response-With-Optional-Data to `cw`: the result,
 * with the return data when the method succeeded and wrote some. `keep` bytes stay free
 * for the results of the methods after it. */
static msdk_err_t act_item(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_method_desc_t *m,
                           const msdk_cosem_xdlms_raw_t *params, size_t keep, msdk_wbuf_t *cw)
{
    size_t mark = cw->pos;
    msdk_wbuf_t rw = *cw;
    rw.cap = ((cw->cap - cw->pos) > keep) ? (cw->cap - keep) : cw->pos;
    if (msdk_cosem_xdlms_action_item_encode_data(&rw, (uint8_t)MSDK_COSEM_ACTION_SUCCESS) !=
        MSDK_OK) {
        rw.cap = rw.pos; /* no room for return data */
    }
    size_t data = rw.pos;
    uint8_t result = run_method(a, m, params, &rw);
    if ((result == (uint8_t)MSDK_COSEM_ACTION_SUCCESS) && (rw.pos > data)) {
        cw->pos = rw.pos;
        return MSDK_OK;
    }
    cw->pos = mark;
    return msdk_cosem_xdlms_action_item_encode(cw, result);
}

/* Sends the next pblock of the return data in the scratch buffer. */
static msdk_err_t act_send_block(msdk_cosem_assoc_t *a, uint8_t iip, msdk_wbuf_t *w)
{
    uint32_t number = a->la_block + 1u;
    size_t mark = w->pos;
    msdk_cosem_xdlms_block_t blk;
    msdk_err_t err = msdk_cosem_xdlms_action_response_encode_pblock_begin(w, iip, number, &blk);
    size_t left = a->la_len - a->la_pos;
    size_t n = (left < msdk_wbuf_remaining(w)) ? left : msdk_wbuf_remaining(w);
    bool last = (n == left);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(w, &a->scratch[a->la_pos], n);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_block_end(w, &blk, last);
    }
    if (err != MSDK_OK) {
        w->pos = mark;
        a->la_state = LA_IDLE;
        return err;
    }
    a->la_pos += n;
    a->la_block = number;
    a->la_state = last ? LA_IDLE : LA_SENDING;
    return MSDK_OK;
}

/* Runs the methods of a request and answers it. Their results (and return data) are
 * encoded once, after the request bytes in the scratch buffer (straight into the answer
 * when there is no scratch space); an answer longer than the APDU goes out in pblocks, when
 * block transfer with ACTION was negotiated: their raw data is the return Data value of one
 * method, the list of Action-Response-With-Optional-Data of a with-list request. */
static msdk_err_t act_answer(msdk_cosem_assoc_t *a, act_job_t *job, msdk_wbuf_t *w)
{
    const uint8_t hdr[3] = { (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE,
                             (job->count != 0u)
                                 ? (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_LIST
                                 : (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL,
                             job->iip };
    size_t mark = w->pos;
    size_t room = msdk_wbuf_remaining(w);
    room = (room > sizeof hdr) ? (room - sizeof hdr) : 0u;
    /* Staged when the scratch space left holds at least what the APDU can. */
    bool staged = (a->scratch != NULL) && ((a->scratch_cap - job->used) >= room);
    msdk_wbuf_t cw = *w;
    msdk_err_t err = MSDK_OK;
    if (staged) {
        msdk_wbuf_init(&cw, &a->scratch[job->used], a->scratch_cap - job->used);
        if ((a->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION) == 0u) {
            cw.cap = room; /* what does not fit the APDU cannot be sent */
        }
    } else {
        err = msdk_wbuf_put_bytes(&cw, hdr, sizeof hdr);
    }
    if ((err == MSDK_OK) && (job->count != 0u)) {
        err = msdk_cosem_axdr_put_length(&cw, job->count);
    }
    uint32_t n = (job->count != 0u) ? job->count : 1u;
    for (uint32_t i = 0; (err == MSDK_OK) && (i < n); i++) {
        msdk_cosem_xdlms_method_desc_t m = job->method;
        msdk_cosem_xdlms_raw_t params = job->params;
        if ((job->count != 0u) &&
            ((msdk_cosem_xdlms_iter_next_method(&job->methods, &m) != MSDK_OK) ||
             ((job->values.kind != (uint8_t)MSDK_COSEM_XDLMS_LIST_NONE) &&
              (msdk_cosem_xdlms_iter_next_data(&job->values, &params) != MSDK_OK)))) {
            err = msdk_cosem_xdlms_action_item_encode(&cw, (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON);
            continue;
        }
        err = act_item(a, &m, &params, 2u * (size_t)(n - 1u - i), &cw);
    }
    if ((err != MSDK_OK) || !staged) {
        w->pos = (err == MSDK_OK) ? cw.pos : mark;
        return err;
    }
    size_t len = cw.pos;
    const uint8_t *content = &a->scratch[job->used];
    if ((sizeof hdr + len) <= msdk_wbuf_remaining(w)) {
        err = msdk_wbuf_put_bytes(w, hdr, sizeof hdr);
        if (err == MSDK_OK) {
            err = msdk_wbuf_put_bytes(w, content, len);
        }
        return err;
    }
    /* One method's item is `00 01 00` (success, data) and its return Data. */
    size_t skip = (job->count != 0u) ? 0u : 3u;
    memmove(a->scratch, &content[skip], len - skip);
    a->la_len = len - skip;
    a->la_pos = 0u;
    a->la_block = 0u;
    return act_send_block(a, job->iip, w);
}

/* Ends a long ACTION with `result` (an Action-Response-Normal). */
static msdk_err_t act_abort(msdk_cosem_assoc_t *a, uint8_t iip, uint8_t result, msdk_wbuf_t *w)
{
    a->la_state = LA_IDLE;
    a->scratch_len = 0u;
    return msdk_cosem_xdlms_action_response_encode_normal(w, iip, result);
}

/* The parameters are complete: checks them and runs the ACTION. The method descriptors of a
 * with-list request take the first la_head bytes of the scratch buffer, the parameters
 * (one Data value, or a SEQUENCE OF Data) the bytes up to scratch_len. */
static msdk_err_t act_collected(msdk_cosem_assoc_t *a, uint8_t iip, msdk_wbuf_t *w)
{
    act_job_t job;
    memset(&job, 0, sizeof job);
    job.iip = iip;
    job.count = a->la_count;
    job.method = a->la_method;
    job.used = a->scratch_len;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, &a->scratch[a->la_head], a->scratch_len - a->la_head);
    uint32_t values = 1u;
    bool ok = (job.count == 0u) ||
              ((msdk_cosem_axdr_get_length(&rb, &values) == MSDK_OK) && (values == job.count));
    size_t first = rb.pos;
    for (uint32_t i = 0; ok && (i < values); i++) {
        ok = (msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX) == MSDK_OK);
    }
    if (!ok || (msdk_rbuf_remaining(&rb) != 0u)) {
        /* Not the parameters the methods want. */
        a->scratch_len = 0u;
        return (job.count == 0u) ? act_abort(a, iip, (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED, w)
                                 : msdk_cosem_xdlms_exception_encode(
                                       w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                       (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON, 0u);
    }
    job.params.p = &a->scratch[a->la_head];
    job.params.len = a->scratch_len - a->la_head;
    msdk_cosem_xdlms_list_t ml = { (uint8_t)MSDK_COSEM_XDLMS_LIST_METHOD, job.count, a->scratch,
                                   a->la_head };
    msdk_cosem_xdlms_list_t vl = { (uint8_t)MSDK_COSEM_XDLMS_LIST_DATA, values,
                                   &job.params.p[first], job.params.len - first };
    msdk_cosem_xdlms_iter_init(&job.methods, &ml);
    msdk_cosem_xdlms_iter_init(&job.values, &vl);
    a->scratch_len = 0u;
    return act_answer(a, &job, w);
}

/* Appends a parameter block to the scratch buffer; after the last, runs the ACTION. */
static msdk_err_t act_block(msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_action_request_t *req,
                            msdk_wbuf_t *w)
{
    const msdk_cosem_xdlms_datablock_t *b = &req->block;
    if (b->raw.len > (a->scratch_cap - a->scratch_len)) {
        /* Longer than this meter takes. */
        return act_abort(a, req->iip, (uint8_t)MSDK_COSEM_ACTION_LONG_ACTION_ABORTED, w);
    }
    if (b->raw.len != 0u) {
        memcpy(&a->scratch[a->scratch_len], b->raw.p, b->raw.len);
    }
    a->scratch_len += b->raw.len;
    a->la_block = b->block_number;
    if (!b->last) {
        a->la_state = LA_RECEIVING;
        return msdk_cosem_xdlms_action_response_encode_next_pblock(w, req->iip, b->block_number);
    }
    a->la_state = LA_IDLE;
    return act_collected(a, req->iip, w);
}

/* The first pblock of a request: the access rights first (a method refused is answered
 * at once, nothing is collected), then block number 1, then the collection starts. */
static msdk_err_t act_first_block(msdk_cosem_assoc_t *a,
                                  const msdk_cosem_xdlms_action_request_t *req, msdk_wbuf_t *w)
{
    bool list = (req->type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST_FIRST_PBLOCK);
    uint16_t idx = 0u;
    uint8_t refused = (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_iter_init(&it, &req->methods);
    uint32_t allowed = 0u;
    for (uint32_t i = 0; list && (i < req->methods.count); i++) {
        msdk_cosem_xdlms_method_desc_t m;
        if ((msdk_cosem_xdlms_iter_next_method(&it, &m) == MSDK_OK) &&
            (reach(a, m.class_id, m.obis, m.method_id, 2u, &idx) ==
             (uint8_t)MSDK_COSEM_DAR_SUCCESS)) {
            allowed++;
        }
    }
    if (!list) {
        refused = reach(a, req->method.class_id, req->method.obis, req->method.method_id, 2u, &idx);
    }
    if (refused != (uint8_t)MSDK_COSEM_ACTION_SUCCESS) {
        return act_abort(a, req->iip, refused, w);
    }
    if (list && (allowed == 0u)) {
        /* No method of the list may run: their results now. */
        act_job_t job;
        memset(&job, 0, sizeof job);
        job.iip = req->iip;
        job.count = req->methods.count;
        msdk_cosem_xdlms_iter_init(&job.methods, &req->methods);
        msdk_cosem_xdlms_iter_init(&job.values, NULL);
        return act_answer(a, &job, w);
    }
    size_t head = list ? req->methods.len : 0u;
    if ((req->block.block_number != 1u) || (a->scratch == NULL) || (head > a->scratch_cap)) {
        return act_abort(a, req->iip, (uint8_t)MSDK_COSEM_ACTION_LONG_ACTION_ABORTED, w);
    }
    if (head != 0u) {
        memcpy(a->scratch, req->methods.p, head);
    }
    a->la_method = req->method;
    a->la_count = list ? req->methods.count : 0u;
    a->la_head = head;
    a->scratch_len = head;
    return act_block(a, req, w);
}

static msdk_err_t on_action(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len, msdk_wbuf_t *w)
{
    msdk_cosem_xdlms_action_request_t req;
    uint8_t state = a->la_state;
    a->la_state = LA_IDLE; /* a request other than the next step ends a long ACTION */
    msdk_err_t err =
        msdk_cosem_xdlms_action_request_decode(apdu, len, MSDK_COSEM_SERVER_LIST_MAX, &req);
    if (err != MSDK_OK) {
        return msdk_cosem_xdlms_exception_encode(w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN,
                                                 (uint8_t)MSDK_COSEM_SERVICE_ERROR_OTHER_REASON,
                                                 0u);
    }
    bool normal = (req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL);
    bool with_list = (req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST);
    if (!normal && !with_list && ((a->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION) == 0u)) {
        return msdk_cosem_xdlms_exception_encode(
            w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
            (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
    }
    if (normal || with_list) {
        act_job_t job;
        memset(&job, 0, sizeof job);
        job.iip = req.iip;
        job.count = with_list ? req.methods.count : 0u;
        job.method = req.method;
        job.params = req.params; /* empty when absent */
        msdk_cosem_xdlms_iter_init(&job.methods, &req.methods);
        msdk_cosem_xdlms_iter_init(&job.values, &req.params_list);
        return act_answer(a, &job, w);
    }
    if ((req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_FIRST_PBLOCK) ||
        (req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST_FIRST_PBLOCK)) {
        return act_first_block(a, &req, w);
    }
    bool next = (req.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_NEXT_PBLOCK);
    if (state != (next ? (uint8_t)LA_SENDING : (uint8_t)LA_RECEIVING)) {
        return act_abort(a, req.iip, (uint8_t)MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS, w);
    }
    /* The next pblock asked for must follow the last one sent; a parameter block must
     * follow the last one received. */
    uint32_t number = next ? req.block_number : req.block.block_number;
    if (number != (next ? a->la_block : (a->la_block + 1u))) {
        return act_abort(a, req.iip, (uint8_t)MSDK_COSEM_ACTION_LONG_ACTION_ABORTED, w);
    }
    return next ? act_send_block(a, req.iip, w) : act_block(a, &req, w);
}

/* ---- Dispatch --------------------------------------------------------------------------- */

typedef msdk_err_t (*service_fn_t)(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len,
                                   msdk_wbuf_t *w);

/* The xDLMS services: request tag, the conformance bit that allows the service, handler. */
typedef struct service {
    uint8_t tag;
    uint32_t conformance;
    service_fn_t fn;
} service_t;

static const service_t services[] = {
    { (uint8_t)MSDK_COSEM_XDLMS_TAG_GET_REQUEST, MSDK_COSEM_CONF_GET, on_get },
    { (uint8_t)MSDK_COSEM_XDLMS_TAG_SET_REQUEST, MSDK_COSEM_CONF_SET, on_set },
    { (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST, MSDK_COSEM_CONF_ACTION, on_action },
};

/* Whether a block transfer (long GET, SET with datablocks, ACTION with pblocks) is going on. */
static bool transferring(const msdk_cosem_assoc_t *a)
{
    return a->lg_active || a->ls_active || (a->la_state != (uint8_t)LA_IDLE);
}

/* A request of one service ends the block transfer of another (they share the scratch
 * buffer); its own handler decides about its own. Tag 0 ends them all. */
static void end_other_transfers(msdk_cosem_assoc_t *a, uint8_t tag)
{
    if (tag != (uint8_t)MSDK_COSEM_XDLMS_TAG_GET_REQUEST) {
        a->lg_active = false;
    }
    if (tag != (uint8_t)MSDK_COSEM_XDLMS_TAG_SET_REQUEST) {
        a->ls_active = false;
    }
    if (tag != (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST) {
        a->la_state = LA_IDLE;
    }
}

/* Answers a service request, or refuses it with an exception-response: a service outside
 * the negotiated conformance `conf` is not allowed, an unknown APDU not supported. */
static msdk_err_t on_service(msdk_cosem_assoc_t *a, uint32_t conf, const uint8_t *apdu, size_t len,
                             msdk_wbuf_t *w)
{
    uint8_t state = (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN;
    for (size_t i = 0; i < (sizeof services / sizeof services[0]); i++) {
        if (services[i].tag == apdu[0]) {
            end_other_transfers(a, apdu[0]);
            if ((conf & services[i].conformance) != 0u) {
                return services[i].fn(a, apdu, len, w);
            }
            state = (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED;
        }
    }
    return msdk_cosem_xdlms_exception_encode(
        w, state, (uint8_t)MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED, 0u);
}

/* A ciphered or plain service request of an open association, answered into w: deciphered
 * first, refused when plain but the policy wants protection, answered, the answer
 * enciphered as the policy and the request ask. */
static msdk_err_t on_request(msdk_cosem_assoc_t *a, uint16_t client_sap, const uint8_t *apdu,
                             size_t len, msdk_wbuf_t *w, bool *refused)
{
    const size_t start = w->pos;
    const msdk_cosem_secsetup_t *s = msdk_cosem_server_secsetup(a);
    const uint8_t *req = apdu;
    size_t req_len = len;
    if (msdk_cosem_sec_is_ciphered_tag(apdu[0])) {
        uint8_t serr = 0u;
        uint32_t expected = 0u;
        if (msdk_cosem_server_decipher(a, client_sap, apdu, len, &req_len, &serr, &expected) !=
            MSDK_OK) {
            *refused = true;
            return msdk_cosem_xdlms_exception_encode(
                w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED, serr, expected);
        }
        req = a->cbuf;
    } else if (msdk_cosem_server_required(s) != 0u) {
        /* The policy wants protected requests (also of an association opened in the plain
         * context before the policy was raised): a plain one is not served. */
        *refused = true;
        return msdk_cosem_xdlms_exception_encode(
            w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
            (uint8_t)MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE, 0u);
    }
    if (((a->rq_sc & a->sec_rq) != a->sec_rq) && transferring(a)) {
        /* A block transfer goes on only with the protection its first request needed: a
         * continuation without it finds none in progress (and what it assembled goes). */
        end_other_transfers(a, 0u);
        if (a->scratch != NULL) {
            msdk_cosem_server_wipe(a->scratch, a->scratch_cap);
        }
        a->sec_rq = 0u;
        a->sec_rsp = 0u;
    }
    if (!transferring(a)) {
        a->xfer_sc = a->rq_sc; /* a request that starts afresh */
    }
    msdk_wbuf_t pw = *w;
    if (a->ciphered && (s != NULL)) {
        /* Room for the security header and tag around the answer (whether it is protected
         * is known once the members it reaches have been checked). */
        size_t room = pw.cap - pw.pos;
        pw.cap =
            (room > MSDK_COSEM_SEC_OVERHEAD_MAX) ? (pw.cap - MSDK_COSEM_SEC_OVERHEAD_MAX) : pw.pos;
    }
    msdk_err_t err = (a->status == (uint8_t)MSDK_COSEM_ASSOC_STATUS_PENDING)
                         ? msdk_cosem_server_pending(a, client_sap, req, req_len, &pw)
                         : on_service(a, a->conformance, req, req_len, &pw);
    if (req != apdu) {
        msdk_cosem_server_wipe(a->cbuf, req_len);
    }
    w->pos = pw.pos;
    if ((err == MSDK_OK) && msdk_cosem_server_must_encipher(a)) {
        err = msdk_cosem_server_encipher(a, w, start);
        if (err != MSDK_OK) {
            /* No counter or no key: the answer cannot be protected, say so in clear (and
             * what the request changed in the security material does not take effect). */
            *refused = true;
            w->pos = start;
            err = msdk_cosem_xdlms_exception_encode(
                w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
                (uint8_t)MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE, 0u);
        }
    }
    return err;
}

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
    a->rq_form = 0u;
    a->rq_sc = 0u;
    if (!transferring(a)) {
        a->sec_rq = 0u; /* a new request: its own members' needs */
        a->sec_rsp = 0u;
    }
    bool refused = false;
    msdk_err_t err;
    if (apdu[0] == (uint8_t)MSDK_COSEM_ACSE_TAG_AARQ) {
        err = msdk_cosem_server_aarq(a, client_sap, apdu, len, &w);
    } else if (apdu[0] == (uint8_t)MSDK_COSEM_ACSE_TAG_RLRQ) {
        err = msdk_cosem_server_rlrq(a, apdu, len, &w);
    } else if (open) {
        err = on_request(a, client_sap, apdu, len, &w, &refused);
    } else {
        err = on_service(a, 0u, apdu, len, &w);
    }
    /* Changes of the security material (key_transfer, security_activate, on whichever
     * Security setup the request reached) take effect now that the response is protected
     * with the old material. */
    for (uint8_t i = 0; i < a->ld->assoc_count; i++) {
        msdk_cosem_secsetup_t *s = a->ld->assocs[i].secsetup;
        if ((s == NULL) || !msdk_cosem_secsetup_has_pending(s)) {
            continue;
        }
        if ((err == MSDK_OK) && !refused) {
            /* The events of a change are raised by the commit once it is saved. A save that
             * fails (a write error: the application reserved its budget before the method
             * answered success, msdk_cosem_secsetup_t::reserve) leaves the old material in
             * force and raises nothing: nothing changed. */
            msdk_err_t cerr = msdk_cosem_secsetup_commit(
                s, (a->ld->sec != NULL) ? &a->ld->sec->events : NULL, client_sap);
            (void)cerr;
        } else {
            msdk_cosem_secsetup_discard(s);
        }
    }
    if (a->drop) {
        msdk_cosem_assoc_release(a);
    }
    if (err != MSDK_OK) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    out->pos = w.pos;
    return MSDK_OK;
}
