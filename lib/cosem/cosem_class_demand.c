/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Demand register (class 5, version 0): 2 current_average_value, 3 last_average_value,
 * 5 status, 6 capture_time, 7 start_time_current, 8 period, 9 number_of_periods through the
 * application (libtou computes the demand) with their types and ranges checked here,
 * 4 scaler_unit constant; methods 1 reset and 2 next_period (data: integer 0). Only period
 * and number_of_periods are writable. No selective access. */
#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Whether v is a well-formed value of attribute attr (2, 3, 5..9). */
static bool value_ok(const void *def, uint8_t attr, const msdk_cosem_value_t *v)
{
    const msdk_cosem_demand_def_t *d = (const msdk_cosem_demand_def_t *)def;
    switch (attr) {
    case MSDK_COSEM_DEMAND_CURRENT_AVERAGE:
    case MSDK_COSEM_DEMAND_LAST_AVERAGE: return msdk_cosem_class_scalar_ok(d->value_tag, v);
    case MSDK_COSEM_DEMAND_STATUS: return msdk_cosem_class_scalar_ok(d->status_tag, v);
    case MSDK_COSEM_DEMAND_CAPTURE_TIME:
    case MSDK_COSEM_DEMAND_START_TIME: return msdk_cosem_class_datetime_ok(v);
    case MSDK_COSEM_DEMAND_PERIOD:
        /* seconds; a period of 0 would make the demand undefined */
        return (v->tag == (uint8_t)MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED) && (v->v.u >= 1u) &&
               (v->v.u <= UINT32_MAX);
    case MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS:
        /* 1: block demand; more: sliding demand over that many periods */
        return (v->tag == (uint8_t)MSDK_COSEM_AXDR_LONG_UNSIGNED) && (v->v.u >= 1u) &&
               (v->v.u <= UINT16_MAX);
    default: return false;
    }
}

static msdk_cosem_class_checked_t checked(const msdk_cosem_object_t *obj)
{
    const msdk_cosem_demand_def_t *d = (const msdk_cosem_demand_def_t *)obj->def;
    msdk_cosem_class_checked_t c = { d, obj->ctx, d->get, d->set, value_ok };
    return c;
}

static int demand_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                      msdk_wbuf_t *out)
{
    const msdk_cosem_demand_def_t *d = (const msdk_cosem_demand_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if (attr == (uint8_t)MSDK_COSEM_DEMAND_SCALER_UNIT) {
        return msdk_cosem_class_put_scaler_unit(out, d->scaler, d->unit);
    }
    if ((attr < 2u) || (attr > 9u)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_class_checked_t c = checked(obj);
    return msdk_cosem_class_get_checked(&c, attr, out);
}

static uint8_t demand_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                          msdk_rbuf_t *in)
{
    const msdk_cosem_demand_def_t *d = (const msdk_cosem_demand_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (((attr != (uint8_t)MSDK_COSEM_DEMAND_PERIOD) &&
         (attr != (uint8_t)MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS)) ||
        (d->set == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* computed by the meter */
    }
    msdk_cosem_class_checked_t c = checked(obj);
    return msdk_cosem_class_set_checked(&c, attr, in);
}

static uint8_t demand_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                             msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_demand_def_t *d = (const msdk_cosem_demand_def_t *)obj->def;
    uint8_t (*fn)(void *ctx) = (method == 1u) ? d->reset : ((method == 2u) ? d->next_period : NULL);
    return msdk_cosem_class_call_zero(fn, obj->ctx, in);
}

const msdk_cosem_class_t msdk_cosem_class_demand = {
    .class_id = 5u,
    .version = 0u,
    .attr_count = 9u,
    .method_count = 2u,
    .get = demand_get,
    .set = demand_set,
    .action = demand_action,
};
