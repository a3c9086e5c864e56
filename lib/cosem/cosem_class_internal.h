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

/* Reads a logical name (octet-string of exactly 6 bytes) into ln; ln is written only on
 * success. */
bool msdk_cosem_class_get_ln(msdk_rbuf_t *rb, uint8_t ln[6]);

/* Whether two byte strings (names) are equal: same length, same bytes. */
bool msdk_cosem_class_same_bytes(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len);

/* Whether v has the type `want`; for want null-data (the application did not fix the type),
 * whether v is any known simple type (not an array or structure). */
bool msdk_cosem_class_scalar_ok(uint8_t want, const msdk_cosem_value_t *v);

/* Whether v is an octet-string holding a valid 12-byte COSEM date-time. */
bool msdk_cosem_class_datetime_ok(const msdk_cosem_value_t *v);

/* Encodes scaler_unit (structure {integer scaler, enum unit}) for a GET: success, or
 * MSDK_COSEM_GET_NO_SPACE with out unchanged. */
int msdk_cosem_class_put_scaler_unit(msdk_wbuf_t *out, int8_t scaler, uint8_t unit);

/* Ends a GET that wrote its value from position `mark`: success when err is MSDK_OK, else
 * the writer goes back to mark and the result is MSDK_COSEM_GET_NO_SPACE. */
int msdk_cosem_class_put_end(msdk_wbuf_t *out, size_t mark, msdk_err_t err);

/* A class whose scalar attributes are values of a provider, checked by the class. */
typedef struct msdk_cosem_class_checked {
    const void *def; /* the class definition, passed to ok() */
    void *ctx;       /* the application context, passed to get() and set() */
    /* Reads attribute attr; a data-access-result. */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_value_t *v);
    /* Writes attribute attr (checked by ok() first); a data-access-result. */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_value_t *v);
    /* Whether v is a well-formed value of attribute attr. */
    bool (*ok)(const void *def, uint8_t attr, const msdk_cosem_value_t *v);
} msdk_cosem_class_checked_t;

/* GET of a checked attribute: object-unavailable without get(), the provider's failure, a
 * hardware fault for a value ok() refuses, else the encoded value. */
int msdk_cosem_class_get_checked(const msdk_cosem_class_checked_t *c, uint8_t attr,
                                 msdk_wbuf_t *out);

/* SET of a checked attribute: one value (else type-unmatched), accepted by ok() (else
 * type-unmatched), then set(). The caller checks that set() exists. */
uint8_t msdk_cosem_class_set_checked(const msdk_cosem_class_checked_t *c, uint8_t attr,
                                     msdk_rbuf_t *in);

/* The start of a SET of a single value: other-reason with selective access, then
 * read-write-denied when not `writable`, then the value as msdk_cosem_class_take_value(). */
uint8_t msdk_cosem_class_set_value(const msdk_cosem_req_t *rq, bool writable, msdk_rbuf_t *in,
                                   msdk_cosem_value_t *v);

/* A method that takes "data: integer(0)" and calls fn: object-unavailable when fn is NULL,
 * type-unmatched for another parameter, else fn's action-result. */
uint8_t msdk_cosem_class_call_zero(uint8_t (*fn)(void *ctx), void *ctx, msdk_rbuf_t *in);

/* Security setup (cosem_class_security_cert.c): attribute 6 certificates, and methods 4..8
 * (key pair, certification request, certificate import, export, removal). */
struct msdk_cosem_secsetup;
int msdk_cosem_secsetup_get_certs(const struct msdk_cosem_secsetup *s, msdk_cosem_req_t *rq,
                                  msdk_wbuf_t *out);
uint8_t msdk_cosem_secsetup_cert_method(struct msdk_cosem_secsetup *s, uint8_t method,
                                        const msdk_cosem_req_t *rq, msdk_rbuf_t *in,
                                        msdk_wbuf_t *out);

/* GET of a table attribute streamed row by row across blocks. On the first call
 * (rq->started false) the array announces count(ctx) rows (count may be NULL when the caller
 * has started rq->rows itself). put_row writes one row; when it fails, *fail (read after the
 * call, so put_row may set it) is the result. Returns MSDK_COSEM_GET_NO_SPACE when the
 * writer is full, else success with rq->more set while rows remain. */
int msdk_cosem_class_get_rows(msdk_cosem_req_t *rq, msdk_wbuf_t *out, uint32_t (*count)(void *ctx),
                              void *ctx, msdk_cosem_axdr_row_fn_t put_row, void *row_ctx,
                              const uint8_t *fail);

/* What the put_row of msdk_cosem_class_get_table() gets as its context. */
typedef struct msdk_cosem_class_stream {
    const void *def; /* the class definition */
    void *ctx;       /* the application context */
    uint8_t attr;    /* the table attribute being read */
    uint8_t dar;     /* the result when a row fails: hardware fault unless put_row sets it */
} msdk_cosem_class_stream_t;

/* GET of the table attribute `attr` of a class with more than one, streamed as
 * msdk_cosem_class_get_rows() does: object-unavailable when the table has no count() or
 * the application no row reader (`has_rows` false). */
int msdk_cosem_class_get_table(msdk_cosem_req_t *rq, msdk_wbuf_t *out, const void *def, void *ctx,
                               uint8_t attr, uint32_t (*count)(void *ctx), bool has_rows,
                               msdk_cosem_axdr_row_fn_t put_row);

/* A table written as a validated whole: set_begin(n), set_row for every row, set_end. */
typedef struct msdk_cosem_class_table {
    void *ctx;                                   /* the application context */
    uint8_t (*set_begin)(void *ctx, uint32_t n); /* the application's set_begin */
    uint8_t (*set_end)(void *ctx, bool commit);  /* the application's set_end */
    /* Reads row i at rb (validated before) and hands it to the application's set_row. */
    uint8_t (*set_row)(void *rows, msdk_rbuf_t *rb, uint32_t i);
    void *rows; /* passed to set_row */
} msdk_cosem_class_table_t;

/* Hands n validated rows at rb over: set_begin(n) (its failure is returned, nothing else is
 * called), set_row for rows 0..n-1, then set_end(true) and its result; when a row fails,
 * set_end(false) and the row's result. */
uint8_t msdk_cosem_class_set_rows(const msdk_cosem_class_table_t *t, msdk_rbuf_t *rb, uint32_t n);

#endif /* COSEM_CLASS_INTERNAL_H */
