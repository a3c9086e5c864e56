/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Register (class 3, version 0): 2 value (application), 3 scaler_unit (constant),
 * method 1 reset. */
#include "msdk/cosem/classes.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

static int register_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_wbuf_t *out)
{
    const msdk_cosem_register_def_t *d = (const msdk_cosem_register_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (attr == 2u) {
        return msdk_cosem_class_get_put(d->get, obj->ctx, out);
    }
    if (attr != 3u) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_put_scaler_unit(out, d->scaler, d->unit);
}

static uint8_t register_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                            msdk_rbuf_t *in)
{
    const msdk_cosem_register_def_t *d = (const msdk_cosem_register_def_t *)obj->def;
    if ((attr != 2u) || (rq->selector != 0u) || (d->set == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* scaler_unit is fixed */
    }
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    return (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) ? d->set(obj->ctx, &v) : dar;
}

static uint8_t register_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                               msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_register_def_t *d = (const msdk_cosem_register_def_t *)obj->def;
    return msdk_cosem_class_call_zero((method == 1u) ? d->reset : NULL, obj->ctx, in);
}

const msdk_cosem_class_t msdk_cosem_class_register = {
    .class_id = 3u,
    .version = 0u,
    .attr_count = 3u,
    .method_count = 1u,
    .get = register_get,
    .set = register_set,
    .action = register_action,
};
