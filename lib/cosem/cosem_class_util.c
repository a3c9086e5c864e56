/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers the interface classes share: values to and from providers. */
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

int msdk_cosem_class_put_value(msdk_wbuf_t *out, const msdk_cosem_value_t *v)
{
    msdk_err_t err = msdk_cosem_value_put(out, v);
    if (err == MSDK_OK) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    return (err == MSDK_ERR_BUFFER_TOO_SMALL) ? MSDK_COSEM_GET_NO_SPACE
                                              : (int)MSDK_COSEM_DAR_OTHER_REASON;
}

int msdk_cosem_class_get_put(uint8_t (*get)(void *ctx, msdk_cosem_value_t *v), void *ctx,
                             msdk_wbuf_t *out)
{
    if (get == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v = { 0 };
    uint8_t dar = get(ctx, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    return msdk_cosem_class_put_value(out, &v);
}

uint8_t msdk_cosem_class_take_value(msdk_rbuf_t *in, msdk_cosem_value_t *v)
{
    if ((msdk_cosem_value_get(in, v) != MSDK_OK) || (msdk_rbuf_remaining(in) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

bool msdk_cosem_class_take_zero(msdk_rbuf_t *in)
{
    msdk_cosem_value_t v;
    return (msdk_cosem_class_take_value(in, &v) == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
           ((v.tag == (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) ||
            ((v.tag == (uint8_t)MSDK_COSEM_AXDR_INTEGER) && (v.v.i == 0)));
}
