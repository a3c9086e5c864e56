/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Extended register (class 4, version 0): 2 value, 4 status and 5 capture_time through the
 * application with their types checked here, 3 scaler_unit constant (or the application's), method
 * 1 reset (data: integer 0). No selective access. scaler_unit comes from the application when the
 * definition has a scaler_unit callback. */
#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Whether v is a well-formed value of attribute attr (2, 4 or 5). */
static bool value_ok(const void *def, uint8_t attr, const msdk_cosem_value_t *v)
{
    const msdk_cosem_ext_register_def_t *d = (const msdk_cosem_ext_register_def_t *)def;
    switch (attr) {
    case MSDK_COSEM_EXT_REGISTER_VALUE: return msdk_cosem_class_scalar_ok(d->value_tag, v);
    case MSDK_COSEM_EXT_REGISTER_STATUS: return msdk_cosem_class_scalar_ok(d->status_tag, v);
    default: return msdk_cosem_class_datetime_ok(v);
    }
}

static bool is_app_attr(uint8_t attr)
{
    return (attr == (uint8_t)MSDK_COSEM_EXT_REGISTER_VALUE) ||
           (attr == (uint8_t)MSDK_COSEM_EXT_REGISTER_STATUS) ||
           (attr == (uint8_t)MSDK_COSEM_EXT_REGISTER_CAPTURE_TIME);
}

static msdk_cosem_class_checked_t checked(const msdk_cosem_object_t *obj)
{
    const msdk_cosem_ext_register_def_t *d = (const msdk_cosem_ext_register_def_t *)obj->def;
    msdk_cosem_class_checked_t c = { d, obj->ctx, d->get, d->set, value_ok };
    return c;
}

static int ext_register_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                            msdk_wbuf_t *out)
{
    const msdk_cosem_ext_register_def_t *d = (const msdk_cosem_ext_register_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if (attr == (uint8_t)MSDK_COSEM_EXT_REGISTER_SCALER_UNIT) {
        int8_t scaler = d->scaler;
        uint8_t unit = d->unit;
        if (d->scaler_unit != NULL) {
            const uint8_t dar = d->scaler_unit(obj->ctx, &scaler, &unit);
            if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
                return (int)dar;
            }
        }
        return msdk_cosem_class_put_scaler_unit(out, scaler, unit);
    }
    if (!is_app_attr(attr)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_class_checked_t c = checked(obj);
    return msdk_cosem_class_get_checked(&c, attr, out);
}

static uint8_t ext_register_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                                msdk_rbuf_t *in)
{
    const msdk_cosem_ext_register_def_t *d = (const msdk_cosem_ext_register_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (!is_app_attr(attr) || (d->set == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* scaler_unit is fixed */
    }
    msdk_cosem_class_checked_t c = checked(obj);
    return msdk_cosem_class_set_checked(&c, attr, in);
}

static uint8_t ext_register_action(const msdk_cosem_object_t *obj, uint8_t method,
                                   msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_ext_register_def_t *d = (const msdk_cosem_ext_register_def_t *)obj->def;
    return msdk_cosem_class_call_zero((method == 1u) ? d->reset : NULL, obj->ctx, in);
}

const msdk_cosem_class_t msdk_cosem_class_ext_register = {
    .class_id = 4u,
    .version = 0u,
    .attr_count = 5u,
    .method_count = 1u,
    .get = ext_register_get,
    .set = ext_register_set,
    .action = ext_register_action,
};
