/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Disconnect control (class 70, version 0): 2 output_state (boolean), 3 control_state (enum
 * 0..2), 4 control_mode (enum 0..6); methods 1 remote_disconnect and 2 remote_reconnect, both
 * taking integer(0). The control-mode state machine belongs to the application's relay
 * logic: the class checks types and ranges and reports the application's result. */
#include "msdk/cosem/class_control.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

static bool status_ok(const msdk_cosem_disconnect_status_t *st)
{
    return (st->control_state <= (uint8_t)MSDK_COSEM_DISCONNECT_STATE_READY_FOR_RECONNECTION) &&
           (st->control_mode <= MSDK_COSEM_DISCONNECT_MODE_MAX);
}

static int disconnect_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                          msdk_wbuf_t *out)
{
    const msdk_cosem_disconnect_def_t *d = (const msdk_cosem_disconnect_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if ((attr < (uint8_t)MSDK_COSEM_DISCONNECT_OUTPUT_STATE) ||
        (attr > (uint8_t)MSDK_COSEM_DISCONNECT_CONTROL_MODE) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_disconnect_status_t st = { false, 0u, 0u };
    uint8_t dar = d->get(obj->ctx, &st);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!status_ok(&st)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    msdk_err_t err;
    if (attr == (uint8_t)MSDK_COSEM_DISCONNECT_OUTPUT_STATE) {
        err = msdk_cosem_axdr_put_bool(out, st.output_state);
    } else if (attr == (uint8_t)MSDK_COSEM_DISCONNECT_CONTROL_STATE) {
        err = msdk_cosem_axdr_put_enum(out, st.control_state);
    } else {
        err = msdk_cosem_axdr_put_enum(out, st.control_mode);
    }
    return (err == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS : MSDK_COSEM_GET_NO_SPACE;
}

static uint8_t disconnect_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                              msdk_rbuf_t *in)
{
    const msdk_cosem_disconnect_def_t *d = (const msdk_cosem_disconnect_def_t *)obj->def;
    /* output_state and control_state are read-only: the relay sets them. */
    if ((attr != (uint8_t)MSDK_COSEM_DISCONNECT_CONTROL_MODE) || (rq->selector != 0u) ||
        (d->set_mode == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    uint8_t mode = 0u;
    if ((msdk_cosem_axdr_get_enum(in, &mode) != MSDK_OK) || (msdk_rbuf_remaining(in) != 0u) ||
        (mode > MSDK_COSEM_DISCONNECT_MODE_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set_mode(obj->ctx, mode);
}

static uint8_t disconnect_action(const msdk_cosem_object_t *obj, uint8_t method,
                                 msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_disconnect_def_t *d = (const msdk_cosem_disconnect_def_t *)obj->def;
    uint8_t (*fn)(void *ctx) = NULL;
    if (method == (uint8_t)MSDK_COSEM_DISCONNECT_REMOTE_DISCONNECT) {
        fn = d->remote_disconnect;
    } else if (method == (uint8_t)MSDK_COSEM_DISCONNECT_REMOTE_RECONNECT) {
        fn = d->remote_reconnect;
    }
    if (fn == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_take_zero(in) ? fn(obj->ctx)
                                          : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
}

const msdk_cosem_class_t msdk_cosem_class_disconnect = {
    .class_id = 70u,
    .version = 0u,
    .attr_count = 4u,
    .method_count = 2u,
    .get = disconnect_get,
    .set = disconnect_set,
    .action = disconnect_action,
};
