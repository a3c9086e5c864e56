/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus master port setup (class 74, version 0): attribute 2, comm_speed (enum 0..9, 300 to
 * 115 200 baud), through the application. No methods, no selective access. */
#include "msdk/cosem/class_mbus.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_COMM_SPEED 2u

static bool speed_in_enum(uint64_t speed)
{
    return speed <= (uint64_t)MSDK_COSEM_MBUS_BAUD_115200;
}

static bool speed_supported(const msdk_cosem_mbus_port_def_t *d, uint8_t speed)
{
    return (d->speeds == 0u) || (((d->speeds >> speed) & 1u) != 0u);
}

static int mbus_port_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                         msdk_wbuf_t *out)
{
    const msdk_cosem_mbus_port_def_t *d = (const msdk_cosem_mbus_port_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr != ATTR_COMM_SPEED) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    uint8_t speed = 0u;
    uint8_t dar = d->get(obj->ctx, &speed);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!speed_in_enum(speed)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    return (msdk_cosem_axdr_put_enum(out, speed) == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS
                                                             : MSDK_COSEM_GET_NO_SPACE;
}

static uint8_t mbus_port_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                             msdk_rbuf_t *in)
{
    const msdk_cosem_mbus_port_def_t *d = (const msdk_cosem_mbus_port_def_t *)obj->def;
    msdk_cosem_value_t v;
    uint8_t dar =
        msdk_cosem_class_set_value(rq, (attr == ATTR_COMM_SPEED) && (d->set != NULL), in, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if ((v.tag != (uint8_t)MSDK_COSEM_AXDR_ENUM) || !speed_in_enum(v.v.u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    const uint8_t speed = (uint8_t)v.v.u;
    if (!speed_supported(d, speed)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* the hardware cannot run this speed */
    }
    return d->set(obj->ctx, speed);
}

const msdk_cosem_class_t msdk_cosem_class_mbus_port = {
    .class_id = 74u,
    .version = 0u,
    .attr_count = 2u,
    .method_count = 0u,
    .get = mbus_port_get,
    .set = mbus_port_set,
};
