/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* SAP assignment (class 17, version 0): 2 SAP_assignment_list, an array of asslist_element
 * (structure {long-unsigned SAP, octet-string logical_device_name}) streamed row by row from
 * the application, written as a whole after validation; method 1 connect_logical_device
 * (data: asslist_element). One SAP serves one logical device (SAP 0, "not connected",
 * excepted) and a logical device has one SAP: a list or a connection that breaks this is
 * refused. */
#include "msdk/cosem/class_setup.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define METHOD_CONNECT 1u

msdk_err_t msdk_cosem_sap_entry_check(const msdk_cosem_sap_entry_t *entry)
{
    if ((entry == NULL) || (entry->name_len == 0u) || (entry->name_len > MSDK_COSEM_SAP_NAME_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

static bool same_name(const msdk_cosem_sap_entry_t *x, const msdk_cosem_sap_entry_t *y)
{
    return msdk_cosem_class_same_bytes(x->name, x->name_len, y->name, y->name_len);
}

/* Two entries that cannot be in one list: the same name, or the same SAP other than 0. */
static bool conflict(const msdk_cosem_sap_entry_t *x, const msdk_cosem_sap_entry_t *y)
{
    return same_name(x, y) || ((x->sap != MSDK_COSEM_SAP_NONE) && (x->sap == y->sap));
}

/* Reads one asslist_element; false (reader position undefined) when it is not one. */
static bool get_entry(msdk_rbuf_t *rb, msdk_cosem_sap_entry_t *e)
{
    uint32_t n = 0u;
    const uint8_t *name = NULL;
    size_t len = 0u;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_uint16(rb, &e->sap) != MSDK_OK) ||
        (msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, &name, &len) !=
         MSDK_OK) ||
        (len == 0u) || (len > MSDK_COSEM_SAP_NAME_MAX)) {
        return false;
    }
    e->name_len = (uint8_t)len;
    for (size_t i = 0; i < len; i++) {
        e->name[i] = name[i];
    }
    return true;
}

static msdk_err_t put_entry(msdk_wbuf_t *wb, const msdk_cosem_sap_entry_t *e)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, e->sap);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, e->name, e->name_len);
    }
    return err;
}

/* ---- GET: the list, streamed ---------------------------------------------------------------- */

typedef struct row_ctx {
    const msdk_cosem_sap_list_t *list;
    void *ctx;
    uint8_t dar; /* the application's answer when it could not give a row */
} row_ctx_t;

static msdk_err_t put_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    row_ctx_t *rc = (row_ctx_t *)vctx;
    msdk_cosem_sap_entry_t e = { 0 };
    uint8_t dar = rc->list->get(rc->ctx, row, &e);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        rc->dar = dar;
        return MSDK_ERR_IO;
    }
    if (msdk_cosem_sap_entry_check(&e) != MSDK_OK) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* a bad row from the application */
        return MSDK_ERR_CORRUPT;
    }
    return put_entry(wb, &e);
}

static int sap_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                   msdk_wbuf_t *out)
{
    const msdk_cosem_sap_assignment_def_t *d = (const msdk_cosem_sap_assignment_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if ((attr != 2u) || (d->list == NULL) || (d->list->count == NULL) || (d->list->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    row_ctx_t rc = { d->list, obj->ctx, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, d->list->count, obj->ctx, put_row, &rc, &rc.dar);
}

/* ---- SET: the whole list, validated first ------------------------------------------------- */

/* Checks the n entries at rb (after the array header) and that nothing follows them: each
 * entry well-formed, no two in conflict. O(n^2) entry reads, n <= max_entries. */
static uint8_t set_row(void *rows, msdk_rbuf_t *rb, uint32_t i)
{
    const row_ctx_t *rc = (const row_ctx_t *)rows;
    msdk_cosem_sap_entry_t e;
    (void)get_entry(rb, &e); /* cannot fail: list_ok() read the same bytes */
    return rc->list->set_row(rc->ctx, i, &e);
}

static bool list_ok(const msdk_rbuf_t *rb, uint32_t n)
{
    msdk_rbuf_t r = *rb;
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_sap_entry_t e;
        if (!get_entry(&r, &e)) {
            return false;
        }
        msdk_rbuf_t later = r;
        for (uint32_t j = i + 1u; j < n; j++) {
            msdk_cosem_sap_entry_t f;
            if (!get_entry(&later, &f) || conflict(&e, &f)) {
                return false;
            }
        }
    }
    return msdk_rbuf_remaining(&r) == 0u;
}

static uint8_t sap_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                       msdk_rbuf_t *in)
{
    const msdk_cosem_sap_assignment_def_t *d = (const msdk_cosem_sap_assignment_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    const msdk_cosem_sap_list_t *l = d->list;
    if ((attr != 2u) || (l == NULL) || (l->set_begin == NULL) || (l->set_row == NULL) ||
        (l->set_end == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    if (msdk_cosem_axdr_get_array_header(&r, &n) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    if (n > d->max_entries) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* more than the application holds */
    }
    if (!list_ok(&r, n)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    row_ctx_t rc = { l, obj->ctx, (uint8_t)MSDK_COSEM_DAR_SUCCESS };
    const msdk_cosem_class_table_t t = { obj->ctx, l->set_begin, l->set_end, set_row, &rc };
    uint8_t dar = msdk_cosem_class_set_rows(&t, &r, n);
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        *in = r;
    }
    return dar;
}

/* ---- ACTION: connect_logical_device ------------------------------------------------------- */

/* Whether connecting e would give its SAP to a second logical device. Sets *dar to a
 * failure when the list cannot be read. */
static bool sap_taken(const msdk_cosem_sap_assignment_def_t *d, void *ctx,
                      const msdk_cosem_sap_entry_t *e, uint8_t *dar)
{
    *dar = (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    if ((e->sap == MSDK_COSEM_SAP_NONE) || (d->list == NULL) || (d->list->count == NULL) ||
        (d->list->get == NULL)) {
        return false;
    }
    uint32_t n = d->list->count(ctx);
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_sap_entry_t cur = { 0 };
        if ((d->list->get(ctx, i, &cur) != (uint8_t)MSDK_COSEM_DAR_SUCCESS) ||
            (msdk_cosem_sap_entry_check(&cur) != MSDK_OK)) {
            *dar = (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
            return true;
        }
        if ((cur.sap == e->sap) && !same_name(&cur, e)) {
            return true;
        }
    }
    return false;
}

static uint8_t sap_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                          msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_sap_assignment_def_t *d = (const msdk_cosem_sap_assignment_def_t *)obj->def;
    if ((method != METHOD_CONNECT) || (d->connect == NULL)) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    msdk_rbuf_t r = *in;
    msdk_cosem_sap_entry_t e;
    if (!get_entry(&r, &e) || (msdk_rbuf_remaining(&r) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    uint8_t result = (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    if (sap_taken(d, obj->ctx, &e, &result)) {
        /* the SAP serves another logical device */
        return (result != (uint8_t)MSDK_COSEM_ACTION_SUCCESS)
                   ? result
                   : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    *in = r;
    return d->connect(obj->ctx, &e);
}

const msdk_cosem_class_t msdk_cosem_class_sap_assignment = {
    .class_id = 17u,
    .version = 0u,
    .attr_count = 2u,
    .method_count = 1u,
    .get = sap_get,
    .set = sap_set,
    .action = sap_action,
};
