/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Association LN (class 15, versions 1 and 3): the objects an association sees with their
 * access rights (object_list, streamed one object per row), the partners, the application
 * context and mechanism names, the xDLMS context, the LLS secret (write only), the status
 * and (version 3) the user list and current user. */
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Access modes of the object list. Version 1: an enum (the authenticated variants are the
 * plain ones + 3; methods: 2 authenticated access). Version 3: bit 0 read (methods: access),
 * bit 1 write, bits 2..7 the security (::msdk_cosem_access_sec_t). */
#define ACCESS_NONE        0u
#define ACCESS_READ        1u
#define ACCESS_WRITE       2u
#define ACCESS_AUTH_OFFSET 3u
#define METHOD_ACCESS      1u
#define METHOD_AUTH_ACCESS 2u
#define ACCESS_SEC_REQUEST                                                                         \
    ((uint8_t)MSDK_COSEM_ACCESS_AUTH_REQUEST | (uint8_t)MSDK_COSEM_ACCESS_ENC_REQUEST |            \
     (uint8_t)MSDK_COSEM_ACCESS_SIGNED_REQUEST)
#define BITMAP_VERSION 3u

typedef struct list_ctx {
    const msdk_cosem_ldev_t *ld;
    int16_t idx;          /* association whose rights are listed */
    uint8_t version;      /* of the Association LN object: how access modes are written */
    msdk_cosem_req_t *rq; /* rq->cursor: next object table position */
} list_ctx_t;

static bool is_visible(const msdk_cosem_object_t *o, int16_t idx)
{
    msdk_cosem_rights_t r = msdk_cosem_object_rights(o, idx);
    return (r.read | r.write | r.exec) != 0u;
}

/* The access mode of `member` (granted `rw`: ACCESS_READ/ACCESS_WRITE bits, or
 * METHOD_ACCESS) that needs the security `sec`, as Association LN `version` writes it. */
static uint8_t access_mode(uint8_t version, uint8_t rw, uint8_t sec, bool method)
{
    if (rw == 0u) {
        return ACCESS_NONE;
    }
    if (version >= BITMAP_VERSION) {
        return (uint8_t)(rw | sec);
    }
    if ((sec & ACCESS_SEC_REQUEST) == 0u) {
        return rw;
    }
    return method ? METHOD_AUTH_ACCESS : (uint8_t)(rw + ACCESS_AUTH_OFFSET);
}

static msdk_err_t put_access_rights(msdk_wbuf_t *wb, const msdk_cosem_object_t *o, int16_t idx,
                                    uint8_t version)
{
    msdk_cosem_rights_t r = msdk_cosem_object_rights(o, idx);
    const msdk_cosem_class_t *c = o->cls;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, c->attr_count);
    }
    for (uint8_t a = 1u; (err == MSDK_OK) && (a <= c->attr_count); a++) {
        uint32_t bit = (a <= MSDK_COSEM_MAX_MEMBERS) ? MSDK_COSEM_BIT(a) : 0u;
        uint8_t rw = (a == 1u) ? ACCESS_READ : ACCESS_NONE;
        if (a > 1u) {
            rw = (uint8_t)((((r.read & bit) != 0u) ? ACCESS_READ : 0u) |
                           ((((r.write & bit) != 0u) && (c->set != NULL)) ? ACCESS_WRITE : 0u));
        }
        uint8_t sec = ((r.sec_attrs & bit) != 0u) ? r.attr_sec : 0u;
        err = msdk_cosem_axdr_put_structure_header(wb, 3u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_int8(wb, (int8_t)a);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_enum(wb, access_mode(version, rw, sec, false));
        }
        if ((err == MSDK_OK) && ((c->sel_attrs & bit) != 0u) && (c->selectors != 0u)) {
            uint32_t n = 0u;
            for (unsigned s = 0; s < 8u; s++) {
                n += ((c->selectors >> s) & 1u);
            }
            err = msdk_cosem_axdr_put_array_header(wb, n);
            for (unsigned s = 0; (err == MSDK_OK) && (s < 8u); s++) {
                if (((c->selectors >> s) & 1u) != 0u) {
                    err = msdk_cosem_axdr_put_int8(wb, (int8_t)(s + 1u));
                }
            }
        } else if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_null(wb);
        }
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, c->method_count);
    }
    for (uint8_t m = 1u; (err == MSDK_OK) && (m <= c->method_count); m++) {
        uint32_t bit = (m <= MSDK_COSEM_MAX_MEMBERS) ? MSDK_COSEM_BIT(m) : 0u;
        bool allowed = ((r.exec & bit) != 0u) && (c->action != NULL);
        err = msdk_cosem_axdr_put_structure_header(wb, 2u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_int8(wb, (int8_t)m);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_enum(
                wb, access_mode(version, allowed ? METHOD_ACCESS : 0u, r.exec_sec, true));
        }
    }
    return err;
}

/* One object_list element: the next visible object from rq->cursor on. */
static msdk_err_t list_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    (void)row;
    list_ctx_t *lc = (list_ctx_t *)vctx;
    uint32_t j = lc->rq->cursor;
    while ((j < lc->ld->object_count) && !is_visible(&lc->ld->objects[j], lc->idx)) {
        j++;
    }
    if (j >= lc->ld->object_count) {
        return MSDK_ERR_STATE; /* fewer objects than counted: the table changed */
    }
    const msdk_cosem_object_t *o = &lc->ld->objects[j];
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, o->cls->class_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, o->cls->version);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, o->ln, 6u);
    }
    if (err == MSDK_OK) {
        err = put_access_rights(wb, o, lc->idx, lc->version);
    }
    if (err == MSDK_OK) {
        lc->rq->cursor = j + 1u;
    }
    return err;
}

static int get_object_list(const msdk_cosem_ldev_t *ld, int16_t idx, uint8_t version,
                           msdk_cosem_req_t *rq, msdk_wbuf_t *out)
{
    if (!rq->started) {
        uint32_t n = 0u;
        for (uint16_t j = 0; j < ld->object_count; j++) {
            n += is_visible(&ld->objects[j], idx) ? 1u : 0u;
        }
        msdk_cosem_axdr_rows_init(&rq->rows, n);
        rq->cursor = 0u;
        rq->started = true;
    }
    list_ctx_t lc = { ld, idx, version, rq };
    const uint8_t fail = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    return msdk_cosem_class_get_rows(rq, out, NULL, NULL, list_row, &lc, &fail);
}

/* application_context_name / authentication_mechanism_name in the structure form:
 * {joint-iso-ctt 2, country 16, country-name 756, identified-organization 5, DLMS-UA 8,
 *  1 = application context or 2 = authentication mechanism, id}. */
static msdk_err_t put_context_name(msdk_wbuf_t *wb, uint8_t kind, uint8_t id)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 7u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, 2u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, 16u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, 756u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, 5u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, 8u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, kind);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, id);
    }
    return err;
}

static msdk_err_t put_xdlms_context(msdk_wbuf_t *wb, uint32_t conformance, uint16_t pdu_rx,
                                    uint16_t pdu_tx)
{
    uint8_t bits[3] = { (uint8_t)(conformance >> 16), (uint8_t)(conformance >> 8),
                        (uint8_t)conformance };
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 6u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_bit_string(wb, bits, 24u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, pdu_rx);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, pdu_tx);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, 6u); /* DLMS version */
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_int8(wb, 0);
    }
    if (err == MSDK_OK) {
        /* cyphering_info: not given out (it would be the dedicated key). */
        err = msdk_cosem_axdr_put_octet_string(wb, NULL, 0u);
    }
    return err;
}

static int assoc_ln_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_wbuf_t *out)
{
    const msdk_cosem_assoc_ln_def_t *d = (const msdk_cosem_assoc_ln_def_t *)obj->def;
    const msdk_cosem_assoc_t *a = rq->assoc;
    const msdk_cosem_ldev_t *ld = a->ld;
    if ((rq->selector != 0u) || (d->assoc_index >= ld->assoc_count)) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    const int16_t idx = (int16_t)d->assoc_index;
    const msdk_cosem_assoc_def_t *def = &ld->assocs[idx];
    const bool current = (a->idx == idx);
    if (attr == 2u) {
        return get_object_list(ld, idx, obj->cls->version, rq, out);
    }
    size_t mark = out->pos;
    msdk_err_t err = MSDK_OK;
    switch (attr) {
    case 3u: /* associated_partners_id */
        err = msdk_cosem_axdr_put_structure_header(out, 2u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_int8(out, (int8_t)def->client_sap);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint16(out, d->server_sap);
        }
        break;
    case 4u: {
        /* The context in use (current association), or the one the definition offers. */
        bool ciphered = current ? a->ciphered : (def->secsetup != NULL);
        err = put_context_name(out, 1u,
                               ciphered ? (uint8_t)MSDK_COSEM_APP_CONTEXT_LN_CIPHERED
                                        : (uint8_t)MSDK_COSEM_APP_CONTEXT_LN);
        break;
    }
    case 5u:
        err = put_xdlms_context(out, current ? a->conformance : def->conformance, ld->max_pdu,
                                current ? a->pdu : ld->max_pdu);
        break;
    case 6u: err = put_context_name(out, 2u, def->mechanism); break;
    case 7u: return (int)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* a secret is never read */
    case 8u: err = msdk_cosem_axdr_put_enum(out, current ? msdk_cosem_assoc_status(a) : 0u); break;
    case 9u: {
        static const uint8_t none[6] = { 0u, 0u, 0u, 0u, 0u, 0u };
        err = msdk_cosem_axdr_put_octet_string(out, none, sizeof none);
        break;
    }
    /* Version 3 only (the server asks no class for more attributes than it has). */
    case 10u: /* user_list: no users are identified */
        err = msdk_cosem_axdr_put_array_header(out, 0u);
        break;
    case 11u: /* current_user: structure {user_id, user_name}, none */
        err = msdk_cosem_axdr_put_structure_header(out, 2u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint8(out, 0u);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_visible_string(out, NULL, 0u);
        }
        break;
    default: return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if (err != MSDK_OK) {
        out->pos = mark;
        return MSDK_COSEM_GET_NO_SPACE;
    }
    return (int)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t assoc_ln_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                            msdk_rbuf_t *in)
{
    const msdk_cosem_assoc_ln_def_t *d = (const msdk_cosem_assoc_ln_def_t *)obj->def;
    if ((attr != 7u) || (rq->selector != 0u) || (d->set_secret == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    if ((dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) ||
        (v.tag != (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING) || (v.v.str.len == 0u) ||
        (v.v.str.len > MSDK_COSEM_AUTH_VALUE_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set_secret(obj->ctx, v.v.str.p, v.v.str.len);
}

const msdk_cosem_class_t msdk_cosem_class_assoc_ln = {
    .class_id = 15u,
    .version = 1u,
    .attr_count = 9u,
    .method_count = 0u,
    .get = assoc_ln_get,
    .set = assoc_ln_set,
};

const msdk_cosem_class_t msdk_cosem_class_assoc_ln_v3 = {
    .class_id = 15u,
    .version = BITMAP_VERSION,
    .attr_count = 11u,
    .method_count = 0u,
    .get = assoc_ln_get,
    .set = assoc_ln_set,
};
