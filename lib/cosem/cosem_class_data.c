/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Data (class 1, version 0): attribute 2, value, a scalar from the application. */
#include "msdk/cosem/classes.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

static int data_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                    msdk_wbuf_t *out)
{
    const msdk_cosem_data_def_t *d = (const msdk_cosem_data_def_t *)obj->def;
    if ((attr != 2u) || (rq->selector != 0u)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if (d->value != NULL) {
        return msdk_cosem_class_put_value(out, d->value);
    }
    return msdk_cosem_class_get_put(d->get, obj->ctx, out);
}

static uint8_t data_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_rbuf_t *in)
{
    const msdk_cosem_data_def_t *d = (const msdk_cosem_data_def_t *)obj->def;
    if ((attr != 2u) || (rq->selector != 0u) || (d->set == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    return (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) ? d->set(obj->ctx, &v) : dar;
}

const msdk_cosem_class_t msdk_cosem_class_data = {
    .class_id = 1u,
    .version = 0u,
    .attr_count = 2u,
    .method_count = 0u,
    .get = data_get,
    .set = data_set,
};
