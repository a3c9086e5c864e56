/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Register activation (class 6, version 0): 2 register_assignment (array of
 * object_definition), 3 mask_list (array of register_act_mask), 4 active_mask (octet-string);
 * methods 1 add_register, 2 add_mask, 3 delete_mask. The tables live in the application:
 * GET streams them row by row, SET validates the whole array (including the indexes against
 * register_assignment) before handing it over in a begin/rows/end transaction. No selective
 * access.
 */
#include <string.h>

#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define DAR_OK      ((uint8_t)MSDK_COSEM_DAR_SUCCESS)
#define DAR_TYPE    ((uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED)
#define DAR_OTHER   ((uint8_t)MSDK_COSEM_DAR_OTHER_REASON)
#define DAR_HW      ((uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT)
#define DAR_UNAVAIL ((uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE)

typedef msdk_cosem_reg_activation_def_t def_t;

/* ---- Decoding ----------------------------------------------------------------------------- */

/* Register (3), Extended register (4) and Demand register (5) may be in a register set. */
static bool is_register_class(uint16_t class_id)
{
    return (class_id >= 3u) && (class_id <= 5u);
}

/* object_definition: structure {long-unsigned class_id, octet-string(6) logical_name}. */
static uint8_t take_register(msdk_rbuf_t *rb, msdk_cosem_reg_act_register_t *r)
{
    uint32_t n = 0u;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_uint16(rb, &r->class_id) != MSDK_OK) ||
        !msdk_cosem_class_get_ln(rb, r->ln) || !is_register_class(r->class_id)) {
        return DAR_TYPE;
    }
    return DAR_OK;
}

/*
 * register_act_mask: structure {octet-string mask_name, array of unsigned index_list}.
 * A name of 1..NAME_MAX bytes, at most INDEX_MAX indexes, each >= 1; *dangling is set when
 * an index is beyond `registers` (a well-formed mask that refers to no register). The name
 * is also returned as a reference into the input.
 */
static uint8_t take_mask(msdk_rbuf_t *rb, uint32_t registers, msdk_cosem_reg_act_mask_t *m,
                         const uint8_t **name, bool *dangling)
{
    uint32_t n = 0u;
    size_t name_len = 0u;
    uint32_t count = 0u;
    memset(m, 0, sizeof(*m)); /* the application sees no stale bytes past the lengths */
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, name, &name_len) !=
         MSDK_OK) ||
        (name_len == 0u) || (name_len > MSDK_COSEM_REG_ACT_NAME_MAX) ||
        (msdk_cosem_axdr_get_array_header(rb, &count) != MSDK_OK) ||
        (count > MSDK_COSEM_REG_ACT_INDEX_MAX)) {
        return DAR_TYPE;
    }
    for (uint32_t k = 0u; k < count; k++) {
        uint8_t idx = 0u;
        if ((msdk_cosem_axdr_get_uint8(rb, &idx) != MSDK_OK) || (idx == 0u)) {
            return DAR_TYPE;
        }
        if ((uint32_t)idx > registers) {
            *dangling = true;
        }
        m->index[k] = idx;
    }
    memcpy(m->name, *name, name_len);
    m->name_len = (uint8_t)name_len;
    m->index_count = (uint8_t)count;
    return DAR_OK;
}

/* ---- Application tables ------------------------------------------------------------------- */

static uint32_t register_count(const def_t *d, void *ctx)
{
    return (d->register_count != NULL) ? d->register_count(ctx) : 0u;
}

static uint32_t mask_count(const def_t *d, void *ctx)
{
    return (d->mask_count != NULL) ? d->mask_count(ctx) : 0u;
}

/* Mask i from the application, with its lengths checked. */
static uint8_t read_mask(const def_t *d, void *ctx, uint32_t i, msdk_cosem_reg_act_mask_t *m)
{
    if (d->get_mask == NULL) {
        return DAR_UNAVAIL;
    }
    m->name_len = 0u;
    m->index_count = 0u;
    uint8_t dar = d->get_mask(ctx, i, m);
    if ((dar == DAR_OK) && ((m->name_len > MSDK_COSEM_REG_ACT_NAME_MAX) ||
                            (m->index_count > MSDK_COSEM_REG_ACT_INDEX_MAX))) {
        dar = DAR_HW; /* the provider broke its bounds */
    }
    return dar;
}

/* Whether a current mask is named name[0..len); a data-access-result. */
static uint8_t find_mask(const def_t *d, void *ctx, const uint8_t *name, size_t len, bool *found)
{
    *found = false;
    uint32_t n = mask_count(d, ctx);
    for (uint32_t i = 0u; (i < n) && !*found; i++) {
        msdk_cosem_reg_act_mask_t m;
        uint8_t dar = read_mask(d, ctx, i, &m);
        if (dar != DAR_OK) {
            return dar;
        }
        *found = (m.name_len == len) && (memcmp(m.name, name, len) == 0);
    }
    return DAR_OK;
}

/* Whether every index of the current masks is within `registers`; a data-access-result. */
static uint8_t masks_fit(const def_t *d, void *ctx, uint32_t registers, bool *fit)
{
    *fit = true;
    uint32_t n = mask_count(d, ctx);
    for (uint32_t i = 0u; (i < n) && *fit; i++) {
        msdk_cosem_reg_act_mask_t m;
        uint8_t dar = read_mask(d, ctx, i, &m);
        if (dar != DAR_OK) {
            return dar;
        }
        for (uint8_t k = 0u; k < m.index_count; k++) {
            *fit = *fit && ((uint32_t)m.index[k] <= registers);
        }
    }
    return DAR_OK;
}

/* ---- GET ---------------------------------------------------------------------------------- */

static msdk_err_t put_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    msdk_cosem_class_stream_t *sc = (msdk_cosem_class_stream_t *)vctx;
    const def_t *d = (const def_t *)sc->def;
    msdk_err_t err = MSDK_OK;
    if (sc->attr == (uint8_t)MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT) {
        msdk_cosem_reg_act_register_t r;
        uint8_t dar = d->get_register(sc->ctx, row, &r);
        if (dar != DAR_OK) {
            sc->dar = dar;
            return MSDK_ERR_IO;
        }
        err = msdk_cosem_axdr_put_structure_header(wb, 2u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint16(wb, r.class_id);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_octet_string(wb, r.ln, 6u);
        }
        return err;
    }
    msdk_cosem_reg_act_mask_t m;
    uint8_t dar = read_mask(d, sc->ctx, row, &m);
    if (dar != DAR_OK) {
        sc->dar = dar;
        return MSDK_ERR_IO;
    }
    err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, m.name, m.name_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, m.index_count);
    }
    for (uint8_t k = 0u; (err == MSDK_OK) && (k < m.index_count); k++) {
        err = msdk_cosem_axdr_put_uint8(wb, m.index[k]);
    }
    return err;
}

static int reg_activation_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                              msdk_wbuf_t *out)
{
    const def_t *d = (const def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)DAR_OTHER; /* no selective access in this class */
    }
    /* register_assignment and mask_list: streamed across blocks. */
    if (attr == (uint8_t)MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT) {
        return msdk_cosem_class_get_table(rq, out, d, obj->ctx, attr, d->register_count,
                                          d->get_register != NULL, put_row);
    }
    if (attr == (uint8_t)MSDK_COSEM_REG_ACT_MASK_LIST) {
        return msdk_cosem_class_get_table(rq, out, d, obj->ctx, attr, d->mask_count,
                                          d->get_mask != NULL, put_row);
    }
    if ((attr != (uint8_t)MSDK_COSEM_REG_ACT_ACTIVE_MASK) || (d->get_active == NULL)) {
        return (int)DAR_UNAVAIL;
    }
    uint8_t name[MSDK_COSEM_REG_ACT_NAME_MAX];
    size_t len = 0u;
    uint8_t dar = d->get_active(obj->ctx, name, &len);
    if (dar != DAR_OK) {
        return (int)dar;
    }
    if (len > sizeof name) {
        return (int)DAR_HW;
    }
    return (msdk_cosem_axdr_put_octet_string(out, name, len) == MSDK_OK) ? (int)DAR_OK
                                                                         : MSDK_COSEM_GET_NO_SPACE;
}

/* ---- SET ---------------------------------------------------------------------------------- */

/* Validates a register_assignment value: a data-access-result, *n its length. */
static uint8_t check_registers(const def_t *d, void *ctx, msdk_rbuf_t rb, uint32_t *n)
{
    if ((msdk_cosem_axdr_get_array_header(&rb, n) != MSDK_OK) ||
        (*n > MSDK_COSEM_REG_ACT_REGISTERS_MAX)) {
        return DAR_TYPE;
    }
    for (uint32_t i = 0u; i < *n; i++) {
        msdk_cosem_reg_act_register_t r;
        if (take_register(&rb, &r) != DAR_OK) {
            return DAR_TYPE;
        }
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return DAR_TYPE;
    }
    bool fit = true;
    uint8_t dar = masks_fit(d, ctx, *n, &fit); /* shrink the masks before the registers */
    return (dar != DAR_OK) ? dar : (fit ? DAR_OK : DAR_OTHER);
}

/* Validates a mask_list value: a data-access-result, *n its length. */
static uint8_t check_masks(const def_t *d, void *ctx, msdk_rbuf_t rb, uint32_t *n)
{
    const uint8_t *names[MSDK_COSEM_REG_ACT_MASKS_MAX];
    uint8_t lens[MSDK_COSEM_REG_ACT_MASKS_MAX];
    if ((msdk_cosem_axdr_get_array_header(&rb, n) != MSDK_OK) ||
        (*n > MSDK_COSEM_REG_ACT_MASKS_MAX)) {
        return DAR_TYPE;
    }
    uint32_t registers = register_count(d, ctx);
    bool dangling = false;
    for (uint32_t i = 0u; i < *n; i++) {
        msdk_cosem_reg_act_mask_t m;
        if (take_mask(&rb, registers, &m, &names[i], &dangling) != DAR_OK) {
            return DAR_TYPE;
        }
        lens[i] = m.name_len;
        for (uint32_t j = 0u; j < i; j++) {
            if ((lens[j] == lens[i]) && (memcmp(names[j], names[i], lens[i]) == 0)) {
                return DAR_TYPE; /* mask names identify the masks */
            }
        }
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return DAR_TYPE;
    }
    return dangling ? DAR_OTHER : DAR_OK;
}

/* Hands a validated table over: begin, every row, end. */
static uint8_t store_table(const def_t *d, void *ctx, uint8_t attr, msdk_rbuf_t rb, uint32_t n)
{
    uint32_t count = 0u;
    if ((msdk_cosem_axdr_get_array_header(&rb, &count) != MSDK_OK) || (count != n)) {
        return DAR_TYPE; /* cannot happen: validated before */
    }
    uint8_t dar = d->set_begin(ctx, attr, n);
    if (dar != DAR_OK) {
        return dar;
    }
    uint32_t registers = register_count(d, ctx);
    for (uint32_t i = 0u; (i < n) && (dar == DAR_OK); i++) {
        if (attr == (uint8_t)MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT) {
            msdk_cosem_reg_act_register_t r;
            dar = take_register(&rb, &r);
            dar = (dar == DAR_OK) ? d->set_register(ctx, i, &r) : dar;
        } else {
            msdk_cosem_reg_act_mask_t m;
            const uint8_t *name = NULL;
            bool dangling = false;
            dar = take_mask(&rb, registers, &m, &name, &dangling);
            dar = (dar == DAR_OK) ? d->set_mask(ctx, i, &m) : dar;
        }
    }
    uint8_t end = d->set_end(ctx, attr, dar == DAR_OK);
    return (dar == DAR_OK) ? end : dar;
}

static uint8_t set_active(const def_t *d, void *ctx, msdk_rbuf_t *in)
{
    const uint8_t *name = NULL;
    size_t len = 0u;
    if ((msdk_cosem_axdr_get_octets_ref(in, MSDK_COSEM_AXDR_OCTET_STRING, &name, &len) !=
         MSDK_OK) ||
        (msdk_rbuf_remaining(in) != 0u) || (len > MSDK_COSEM_REG_ACT_NAME_MAX)) {
        return DAR_TYPE;
    }
    if (len != 0u) { /* empty: no mask active */
        bool found = false;
        uint8_t dar = find_mask(d, ctx, name, len, &found);
        if (dar != DAR_OK) {
            return dar;
        }
        if (!found) {
            return DAR_OTHER;
        }
    }
    return d->set_active(ctx, name, len);
}

static uint8_t reg_activation_set(const msdk_cosem_object_t *obj, uint8_t attr,
                                  msdk_cosem_req_t *rq, msdk_rbuf_t *in)
{
    const def_t *d = (const def_t *)obj->def;
    if (rq->selector != 0u) {
        return DAR_OTHER;
    }
    if (attr == (uint8_t)MSDK_COSEM_REG_ACT_ACTIVE_MASK) {
        return (d->set_active == NULL) ? (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED
                                       : set_active(d, obj->ctx, in);
    }
    bool reg = (attr == (uint8_t)MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT);
    if ((!reg && (attr != (uint8_t)MSDK_COSEM_REG_ACT_MASK_LIST)) || (d->set_begin == NULL) ||
        (d->set_end == NULL) || (reg && (d->set_register == NULL)) ||
        (!reg && (d->set_mask == NULL))) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    uint32_t n = 0u;
    uint8_t dar = reg ? check_registers(d, obj->ctx, *in, &n) : check_masks(d, obj->ctx, *in, &n);
    return (dar == DAR_OK) ? store_table(d, obj->ctx, attr, *in, n) : dar;
}

/* ---- Methods ------------------------------------------------------------------------------ */

static uint8_t add_register(const def_t *d, void *ctx, msdk_rbuf_t *in)
{
    msdk_cosem_reg_act_register_t r;
    if ((take_register(in, &r) != DAR_OK) || (msdk_rbuf_remaining(in) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    if (register_count(d, ctx) >= MSDK_COSEM_REG_ACT_REGISTERS_MAX) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no index left for it */
    }
    return d->add_register(ctx, &r);
}

static uint8_t add_mask(const def_t *d, void *ctx, msdk_rbuf_t *in)
{
    msdk_cosem_reg_act_mask_t m;
    const uint8_t *name = NULL;
    bool dangling = false;
    if ((take_mask(in, register_count(d, ctx), &m, &name, &dangling) != DAR_OK) ||
        (msdk_rbuf_remaining(in) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    if (dangling) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    bool found = false;
    uint8_t dar = find_mask(d, ctx, m.name, m.name_len, &found);
    if (dar != DAR_OK) {
        return dar; /* the shared values of the two enums */
    }
    if (!found && (mask_count(d, ctx) >= MSDK_COSEM_REG_ACT_MASKS_MAX)) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    return d->add_mask(ctx, &m);
}

static uint8_t delete_mask(const def_t *d, void *ctx, msdk_rbuf_t *in)
{
    const uint8_t *name = NULL;
    size_t len = 0u;
    if ((msdk_cosem_axdr_get_octets_ref(in, MSDK_COSEM_AXDR_OCTET_STRING, &name, &len) !=
         MSDK_OK) ||
        (msdk_rbuf_remaining(in) != 0u) || (len == 0u) || (len > MSDK_COSEM_REG_ACT_NAME_MAX)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    bool found = false;
    uint8_t dar = find_mask(d, ctx, name, len, &found);
    if (dar != DAR_OK) {
        return dar;
    }
    return found ? d->delete_mask(ctx, name, len) : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
}

static uint8_t reg_activation_action(const msdk_cosem_object_t *obj, uint8_t method,
                                     msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const def_t *d = (const def_t *)obj->def;
    switch (method) {
    case 1u:
        return (d->add_register != NULL) ? add_register(d, obj->ctx, in)
                                         : (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    case 2u:
        return (d->add_mask != NULL) ? add_mask(d, obj->ctx, in)
                                     : (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    case 3u:
        return (d->delete_mask != NULL) ? delete_mask(d, obj->ctx, in)
                                        : (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    default: return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
}

const msdk_cosem_class_t msdk_cosem_class_reg_activation = {
    .class_id = 6u,
    .version = 0u,
    .attr_count = 4u,
    .method_count = 3u,
    .get = reg_activation_get,
    .set = reg_activation_set,
    .action = reg_activation_action,
};
