/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers the interface classes share (cosem_class_util.c). */
#ifndef COSEM_CLASS_INTERNAL_H
#define COSEM_CLASS_INTERNAL_H

#include "msdk/cosem/object.h"

/* Encodes a value for a GET: a data-access-result, MSDK_COSEM_GET_NO_SPACE when it does
 * not fit (out unchanged), other-reason for a value of an unsupported type. */
int msdk_cosem_class_put_value(msdk_wbuf_t *out, const msdk_cosem_value_t *v);

/* Reads a value from a provider callback and encodes it. */
int msdk_cosem_class_get_put(uint8_t (*get)(void *ctx, msdk_cosem_value_t *v), void *ctx,
                             msdk_wbuf_t *out);

/* Decodes the one scalar value of a SET (nothing may follow it): success or
 * type-unmatched. */
uint8_t msdk_cosem_class_take_value(msdk_rbuf_t *in, msdk_cosem_value_t *v);

/* The parameter of a method that takes "data: integer(0)" (reset, capture, adjust...):
 * true for integer 0, and for null-data from clients that omit it. */
bool msdk_cosem_class_take_zero(msdk_rbuf_t *in);

#endif /* COSEM_CLASS_INTERNAL_H */
