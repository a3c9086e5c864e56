/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus client (class 72, version 1): attributes 2..14 and methods 1..8, every one through
 * the application (the M-Bus master is libmbus, issue 9). capture_definition is streamed row
 * by row on GET and handed over as a validated table on SET; data_send likewise. Every
 * parameter is checked completely before any callback runs. No selective access. */
#include "msdk/cosem/class_mbus.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define N_ATTRS   14u
#define N_METHODS 8u
#define LN_SIZE   6u

/* Tag of each scalar attribute 2..14 (index attr - 2); capture_definition is not scalar. */
static const uint8_t client_tags[N_ATTRS - 1u] = {
    MSDK_COSEM_AXDR_OCTET_STRING,         /* mbus_port_reference */
    MSDK_COSEM_AXDR_ARRAY,                /* capture_definition (not through get/set) */
    MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, /* capture_period */
    MSDK_COSEM_AXDR_UNSIGNED,             /* primary_address */
    MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, /* identification_number */
    MSDK_COSEM_AXDR_LONG_UNSIGNED,        /* manufacturer_id */
    MSDK_COSEM_AXDR_UNSIGNED,             /* version */
    MSDK_COSEM_AXDR_UNSIGNED,             /* device_type */
    MSDK_COSEM_AXDR_UNSIGNED,             /* access_number */
    MSDK_COSEM_AXDR_UNSIGNED,             /* status */
    MSDK_COSEM_AXDR_UNSIGNED,             /* alarm */
    MSDK_COSEM_AXDR_LONG_UNSIGNED,        /* configuration */
    MSDK_COSEM_AXDR_ENUM,                 /* encryption_key_status */
};

/* Whether v is a well-formed value of scalar attribute attr (2..14, not 3). */
static bool value_ok(uint8_t attr, const msdk_cosem_value_t *v)
{
    if ((attr < 2u) || (attr > N_ATTRS) ||
        (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_CAPTURE_DEFINITION) ||
        (v->tag != client_tags[attr - 2u])) {
        return false;
    }
    switch (attr) {
    case MSDK_COSEM_MBUS_CLIENT_PORT_REFERENCE:
        return (v->v.str.len == LN_SIZE) && (v->v.str.p != NULL);
    case MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS:
        return v->v.u <= MSDK_COSEM_MBUS_PRIMARY_ADDRESS_MAX;
    case MSDK_COSEM_MBUS_CLIENT_KEY_STATUS: return v->v.u <= (uint64_t)MSDK_COSEM_MBUS_KEY_IN_USE;
    default: return true; /* the tag bounds the rest */
    }
}

/* Values the client reads from the slave, or that only the methods change. */
static bool is_read_only(uint8_t attr)
{
    return (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_ACCESS_NUMBER) ||
           (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_STATUS) ||
           (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_ALARM) ||
           (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_KEY_STATUS);
}

/* An EN 13757-3 information block (DIB or VIB): 1..max bytes, the extension bit (0x80) set
 * on every byte but the last and clear on the last. */
static bool block_ok(const uint8_t *p, size_t len, size_t max)
{
    if ((p == NULL) || (len == 0u) || (len > max)) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        bool ext = (p[i] & 0x80u) != 0u;
        if (ext != (i + 1u < len)) {
            return false;
        }
    }
    return true;
}

/* Reads structure {octet-string DIB, octet-string VIB[, data]} with `members` members and
 * checks both blocks; the data member, if any, is left to the caller. */
static bool take_blocks(msdk_rbuf_t *rb, uint32_t members, const uint8_t **dib, size_t *dib_len,
                        const uint8_t **vib, size_t *vib_len)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == members) &&
           (msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, dib, dib_len) ==
            MSDK_OK) &&
           block_ok(*dib, *dib_len, MSDK_COSEM_MBUS_DIB_MAX) &&
           (msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, vib, vib_len) ==
            MSDK_OK) &&
           block_ok(*vib, *vib_len, MSDK_COSEM_MBUS_VIB_MAX);
}

/* ---- capture_definition ------------------------------------------------------------------- */

typedef struct cap_ctx {
    const msdk_cosem_mbus_capture_table_t *t;
    void *ctx;
    uint8_t dar; /* why a row failed */
} cap_ctx_t;

static msdk_err_t put_capture_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    cap_ctx_t *cc = (cap_ctx_t *)vctx;
    msdk_cosem_mbus_capture_elem_t e = { { 0u }, 0u, { 0u }, 0u };
    uint8_t dar = cc->t->get_row(cc->ctx, row, &e);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        cc->dar = dar;
        return MSDK_ERR_IO;
    }
    if (!block_ok(e.dib, e.dib_len, MSDK_COSEM_MBUS_DIB_MAX) ||
        !block_ok(e.vib, e.vib_len, MSDK_COSEM_MBUS_VIB_MAX)) {
        cc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad row */
        return MSDK_ERR_IO;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, e.dib, e.dib_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, e.vib, e.vib_len);
    }
    return err;
}

static int get_capture(const msdk_cosem_mbus_capture_table_t *t, void *ctx, msdk_cosem_req_t *rq,
                       msdk_wbuf_t *out)
{
    if ((t == NULL) || (t->count == NULL) || (t->get_row == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    cap_ctx_t cc = { t, ctx, (uint8_t)MSDK_COSEM_DAR_OTHER_REASON };
    return msdk_cosem_class_get_rows(rq, out, t->count, ctx, put_capture_row, &cc, &cc.dar);
}

static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

static uint8_t set_capture(const msdk_cosem_mbus_capture_table_t *t, void *ctx, msdk_rbuf_t *in)
{
    if ((t == NULL) || (t->set_begin == NULL) || (t->set_row == NULL) || (t->set_end == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    /* Pass 1: the whole value, nothing applied. */
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    const uint8_t *dib = NULL;
    const uint8_t *vib = NULL;
    size_t dib_len = 0u;
    size_t vib_len = 0u;
    bool ok = (msdk_cosem_axdr_get_array_header(&r, &n) == MSDK_OK);
    for (uint32_t i = 0; ok && (i < n); i++) {
        ok = take_blocks(&r, 2u, &dib, &dib_len, &vib, &vib_len);
    }
    if (!ok || (msdk_rbuf_remaining(&r) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    /* Pass 2: hand the checked rows over. */
    uint8_t dar = t->set_begin(ctx, n);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    r = *in;
    ok = (msdk_cosem_axdr_get_array_header(&r, &n) == MSDK_OK);
    for (uint32_t i = 0; ok && (i < n); i++) {
        msdk_cosem_mbus_capture_elem_t e = { { 0u }, 0u, { 0u }, 0u };
        ok = take_blocks(&r, 2u, &dib, &dib_len, &vib, &vib_len);
        if (ok) {
            copy_bytes(e.dib, dib, dib_len);
            e.dib_len = (uint8_t)dib_len;
            copy_bytes(e.vib, vib, vib_len);
            e.vib_len = (uint8_t)vib_len;
            dar = t->set_row(ctx, i, &e);
            ok = (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS);
        }
    }
    if (!ok) {
        (void)t->set_end(ctx, false);
        return (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) ? dar
                                                        : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    *in = r;
    return t->set_end(ctx, true);
}

/* ---- Attributes --------------------------------------------------------------------------- */

static int mbus_client_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                           msdk_wbuf_t *out)
{
    const msdk_cosem_mbus_client_def_t *d = (const msdk_cosem_mbus_client_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr < 2u) || (attr > N_ATTRS)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_CAPTURE_DEFINITION) {
        return get_capture(d->capture_definition, obj->ctx, rq, out);
    }
    if (d->get == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v = { 0 };
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!value_ok(attr, &v)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    return msdk_cosem_class_put_value(out, &v);
}

static uint8_t mbus_client_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                               msdk_rbuf_t *in)
{
    const msdk_cosem_mbus_client_def_t *d = (const msdk_cosem_mbus_client_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr < 2u) || (attr > N_ATTRS) || is_read_only(attr)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if (attr == (uint8_t)MSDK_COSEM_MBUS_CLIENT_CAPTURE_DEFINITION) {
        return set_capture(d->capture_definition, obj->ctx, in);
    }
    if (d->set == NULL) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if (!value_ok(attr, &v)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

/* ---- Methods ------------------------------------------------------------------------------ */

/* slave_install: unsigned 0..250 (version 1); integer 0 and null-data, as version-0 clients
 * send, mean "no address given" (0). */
static bool take_install_address(msdk_rbuf_t *in, uint8_t *addr)
{
    msdk_cosem_value_t v;
    if (msdk_cosem_class_take_value(in, &v) != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return false;
    }
    if ((v.tag == (uint8_t)MSDK_COSEM_AXDR_UNSIGNED) &&
        (v.v.u <= MSDK_COSEM_MBUS_PRIMARY_ADDRESS_MAX)) {
        *addr = (uint8_t)v.v.u;
        return true;
    }
    if ((v.tag == (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) ||
        ((v.tag == (uint8_t)MSDK_COSEM_AXDR_INTEGER) && (v.v.i == 0))) {
        *addr = 0u;
        return true;
    }
    return false;
}

/* Reads one data_definition_element: structure {DIB, VIB, data (a scalar)}. */
static bool take_record(msdk_rbuf_t *rb, msdk_cosem_mbus_record_t *rec)
{
    return take_blocks(rb, 3u, &rec->dib, &rec->dib_len, &rec->vib, &rec->vib_len) &&
           (msdk_cosem_value_get(rb, &rec->data) == MSDK_OK) &&
           (rec->data.tag != (uint8_t)MSDK_COSEM_AXDR_DONT_CARE);
}

static uint8_t data_send(const msdk_cosem_mbus_send_ops_t *ops, void *ctx, msdk_rbuf_t *in)
{
    /* Pass 1: the whole parameter, nothing sent. An empty array sends nothing: refused. */
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    msdk_cosem_mbus_record_t rec;
    bool ok = (msdk_cosem_axdr_get_array_header(&r, &n) == MSDK_OK) && (n > 0u);
    for (uint32_t i = 0; ok && (i < n); i++) {
        ok = take_record(&r, &rec);
    }
    if (!ok || (msdk_rbuf_remaining(&r) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    /* Pass 2: the records to the application. */
    uint8_t res = ops->begin(ctx, n);
    if (res != (uint8_t)MSDK_COSEM_ACTION_SUCCESS) {
        return res;
    }
    r = *in;
    ok = (msdk_cosem_axdr_get_array_header(&r, &n) == MSDK_OK);
    for (uint32_t i = 0; ok && (i < n); i++) {
        ok = take_record(&r, &rec);
        if (ok) {
            res = ops->record(ctx, i, &rec);
            ok = (res == (uint8_t)MSDK_COSEM_ACTION_SUCCESS);
        }
    }
    if (!ok) {
        (void)ops->end(ctx, false);
        return (res != (uint8_t)MSDK_COSEM_ACTION_SUCCESS)
                   ? res
                   : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    return ops->end(ctx, true);
}

/* The octet-string parameter of set_encryption_key / transfer_key, of an allowed length. */
static bool take_key(msdk_rbuf_t *in, bool wrapped, msdk_cosem_value_t *v)
{
    if ((msdk_cosem_class_take_value(in, v) != (uint8_t)MSDK_COSEM_DAR_SUCCESS) ||
        (v->tag != (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING)) {
        return false;
    }
    size_t len = v->v.str.len;
    if (wrapped) {
        return (len >= MSDK_COSEM_MBUS_WRAPPED_KEY_MIN) && (len <= MSDK_COSEM_MBUS_WRAPPED_KEY_MAX);
    }
    return (len == 0u) || (len == MSDK_COSEM_MBUS_KEY_SIZE);
}

/* The callback of a method that takes integer(0), or NULL. */
static uint8_t (*zero_method(const msdk_cosem_mbus_client_def_t *d, uint8_t method))(void *)
{
    switch (method) {
    case MSDK_COSEM_MBUS_CLIENT_SLAVE_DEINSTALL: return d->slave_deinstall;
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE: return d->capture;
    case MSDK_COSEM_MBUS_CLIENT_RESET_ALARM: return d->reset_alarm;
    case MSDK_COSEM_MBUS_CLIENT_SYNCHRONIZE_CLOCK: return d->synchronize_clock;
    default: return NULL;
    }
}

static uint8_t mbus_client_action(const msdk_cosem_object_t *obj, uint8_t method,
                                  msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_mbus_client_def_t *d = (const msdk_cosem_mbus_client_def_t *)obj->def;
    const uint8_t unavailable = (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    const uint8_t unmatched = (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    switch (method) {
    case MSDK_COSEM_MBUS_CLIENT_SLAVE_INSTALL: {
        uint8_t addr = 0u;
        if (d->slave_install == NULL) {
            return unavailable;
        }
        return take_install_address(in, &addr) ? d->slave_install(obj->ctx, addr) : unmatched;
    }
    case MSDK_COSEM_MBUS_CLIENT_SLAVE_DEINSTALL:
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE:
    case MSDK_COSEM_MBUS_CLIENT_RESET_ALARM:
    case MSDK_COSEM_MBUS_CLIENT_SYNCHRONIZE_CLOCK: {
        uint8_t (*fn)(void *ctx) = zero_method(d, method);
        if (fn == NULL) {
            return unavailable;
        }
        return msdk_cosem_class_take_zero(in) ? fn(obj->ctx) : unmatched;
    }
    case MSDK_COSEM_MBUS_CLIENT_DATA_SEND:
        if ((d->data_send == NULL) || (d->data_send->begin == NULL) ||
            (d->data_send->record == NULL) || (d->data_send->end == NULL)) {
            return unavailable;
        }
        return data_send(d->data_send, obj->ctx, in);
    case MSDK_COSEM_MBUS_CLIENT_SET_ENCRYPTION_KEY:
    case MSDK_COSEM_MBUS_CLIENT_TRANSFER_KEY: {
        const bool wrapped = (method == (uint8_t)MSDK_COSEM_MBUS_CLIENT_TRANSFER_KEY);
        uint8_t (*fn)(void *ctx, const uint8_t *key, size_t len) =
            wrapped ? d->transfer_key : d->set_encryption_key;
        msdk_cosem_value_t v;
        if (fn == NULL) {
            return unavailable;
        }
        return take_key(in, wrapped, &v) ? fn(obj->ctx, v.v.str.p, v.v.str.len) : unmatched;
    }
    default: return unavailable;
    }
}

const msdk_cosem_class_t msdk_cosem_class_mbus_client = {
    .class_id = 72u,
    .version = 1u,
    .attr_count = (uint8_t)N_ATTRS,
    .method_count = (uint8_t)N_METHODS,
    .get = mbus_client_get,
    .set = mbus_client_set,
    .action = mbus_client_action,
};
