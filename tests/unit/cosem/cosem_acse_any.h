/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The ACSE and xDLMS Initiate decoders and encoders of libcosem (msdk/cosem/acse.h) behind
 * one signature, chosen by a kind, for the loops of test_acse.c and of the ACSE fuzz harness
 * (tests/fuzz/fuzz_cosem_acse.c). Plain C: no test framework, no heap.
 */
#ifndef MSDK_TEST_COSEM_ACSE_ANY_H
#define MSDK_TEST_COSEM_ACSE_ANY_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/acse.h"

/* The APDU kinds. */
typedef enum kind {
    K_AARQ,
    K_AARE,
    K_RLRQ,
    K_RLRE,
    K_IREQ,
    K_IRESP,
    K_COUNT /* how many */
} kind_t;

/* A decoded APDU of any kind. */
typedef union {
    msdk_cosem_aarq_t aarq;
    msdk_cosem_aare_t aare;
    msdk_cosem_release_t rel;
    msdk_cosem_initiate_req_t ireq;
    msdk_cosem_initiate_resp_t iresp;
} any_t;

/* The decoder of kind k. */
static inline msdk_err_t dec(kind_t k, const uint8_t *p, size_t len, any_t *o)
{
    switch (k) {
    case K_AARQ: return msdk_cosem_aarq_decode(p, len, &o->aarq);
    case K_AARE: return msdk_cosem_aare_decode(p, len, &o->aare);
    case K_RLRQ: return msdk_cosem_rlrq_decode(p, len, &o->rel);
    case K_RLRE: return msdk_cosem_rlre_decode(p, len, &o->rel);
    case K_IREQ: return msdk_cosem_initiate_req_decode(p, len, &o->ireq);
    default: return msdk_cosem_initiate_resp_decode(p, len, &o->iresp);
    }
}

/* The encoder of kind k. */
static inline msdk_err_t enc(kind_t k, const any_t *o, msdk_wbuf_t *wb)
{
    switch (k) {
    case K_AARQ: return msdk_cosem_aarq_encode(&o->aarq, wb);
    case K_AARE: return msdk_cosem_aare_encode(&o->aare, wb);
    case K_RLRQ: return msdk_cosem_rlrq_encode(&o->rel, wb);
    case K_RLRE: return msdk_cosem_rlre_encode(&o->rel, wb);
    case K_IREQ: return msdk_cosem_initiate_req_encode(&o->ireq, wb);
    default: return msdk_cosem_initiate_resp_encode(&o->iresp, wb);
    }
}

#endif /* MSDK_TEST_COSEM_ACSE_ANY_H */
