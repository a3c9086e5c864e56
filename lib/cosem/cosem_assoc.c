/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Association establishment and release: AARQ -> AARE, RLRQ -> RLRE. */
#include <string.h>

#include "cosem_server_internal.h"

msdk_err_t msdk_cosem_assoc_init(msdk_cosem_assoc_t *a, const msdk_cosem_ldev_t *ld,
                                 uint8_t *scratch, size_t scratch_cap)
{
    if ((a == NULL) || (ld == NULL) || (ld->assoc_count == 0u) || (ld->assocs == NULL) ||
        ((ld->objects == NULL) && (ld->object_count != 0u)) ||
        ((scratch == NULL) && (scratch_cap != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(a, 0, sizeof(*a));
    a->ld = ld;
    a->idx = -1;
    a->scratch = scratch;
    a->scratch_cap = scratch_cap;
    return MSDK_OK;
}

void msdk_cosem_assoc_release(msdk_cosem_assoc_t *a)
{
    if (a == NULL) {
        return;
    }
    const msdk_cosem_ldev_t *ld = a->ld;
    uint8_t *scratch = a->scratch;
    size_t cap = a->scratch_cap;
    if (scratch != NULL) {
        memset(scratch, 0, cap); /* a value being written may be a secret */
    }
    memset(a, 0, sizeof(*a));
    a->ld = ld;
    a->idx = -1;
    a->scratch = scratch;
    a->scratch_cap = cap;
}

bool msdk_cosem_assoc_is_open(const msdk_cosem_assoc_t *a)
{
    return (a != NULL) && (a->idx >= 0);
}

/* Constant-time comparison of two secrets of possibly different lengths. */
static bool secret_equal(const uint8_t *x, size_t xn, const uint8_t *y, size_t yn)
{
    uint8_t diff = (uint8_t)(xn != yn);
    size_t n = (xn < yn) ? xn : yn;
    for (size_t i = 0; i < n; i++) {
        diff |= (uint8_t)(x[i] ^ y[i]);
    }
    return diff == 0u;
}

/* The association definition for a client SAP, or -1. */
static int find_def(const msdk_cosem_ldev_t *ld, uint16_t client_sap)
{
    for (uint8_t i = 0; i < ld->assoc_count; i++) {
        if (ld->assocs[i].client_sap == client_sap) {
            return (int)i;
        }
    }
    return -1;
}

/* Checks the AARQ's authentication against the association's mechanism: a diagnostic
 * (acse-service-user) or MSDK_COSEM_DIAG_USER_NULL when it is acceptable. */
static uint8_t check_auth(const msdk_cosem_assoc_t *a, uint8_t idx, const msdk_cosem_aarq_t *q)
{
    const msdk_cosem_assoc_def_t *def = &a->ld->assocs[idx];
    uint8_t mech = q->mechanism_present ? q->mechanism : (uint8_t)MSDK_COSEM_MECH_LOWEST;
    if (def->mechanism == (uint8_t)MSDK_COSEM_MECH_LOWEST) {
        /* Public access: an authentication offered anyway is not required; accept it only
         * if it names no mechanism or the lowest. */
        return (mech == (uint8_t)MSDK_COSEM_MECH_LOWEST)
                   ? (uint8_t)MSDK_COSEM_DIAG_USER_NULL
                   : (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED;
    }
    if (!q->mechanism_present) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_REQUIRED;
    }
    if (mech != def->mechanism) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED;
    }
    if (def->mechanism != (uint8_t)MSDK_COSEM_MECH_LLS) {
        /* HLS mechanisms come with the security layer (issue 6). */
        return (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED;
    }
    if (!q->auth_value_present) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED;
    }
    uint8_t secret[MSDK_COSEM_AUTH_VALUE_MAX];
    size_t secret_len = 0u;
    const msdk_cosem_ldev_ops_t *ops = a->ld->ops;
    bool ok = (ops != NULL) && (ops->lls_secret != NULL) &&
              (ops->lls_secret(a->ld->ctx, idx, secret, sizeof secret, &secret_len) == MSDK_OK) &&
              (secret_len <= sizeof secret) &&
              secret_equal(secret, secret_len, q->auth_value, q->auth_value_len);
    memset(secret, 0, sizeof secret);
    return ok ? (uint8_t)MSDK_COSEM_DIAG_USER_NULL
              : (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE;
}

/* Encodes a rejection into out (from its start position). */
static msdk_err_t reject(msdk_wbuf_t *out, uint8_t app_context, uint8_t source, uint8_t diag,
                         const msdk_cosem_service_error_t *serr)
{
    msdk_cosem_aare_t aare;
    msdk_err_t err = msdk_cosem_aare_reject(
        &aare, app_context, (uint8_t)MSDK_COSEM_ASSOC_REJECTED_PERMANENT, source, diag, serr);
    if (err == MSDK_OK) {
        err = msdk_cosem_aare_encode(&aare, out);
    }
    return err;
}

msdk_err_t msdk_cosem_server_aarq(msdk_cosem_assoc_t *a, uint16_t client_sap, const uint8_t *apdu,
                                  size_t len, msdk_wbuf_t *out)
{
    msdk_cosem_aarq_t q;
    msdk_err_t err = msdk_cosem_aarq_decode(apdu, len, &q);
    /* A new AARQ ends any association of this connection first. */
    msdk_cosem_assoc_release(a);
    if (err != MSDK_OK) {
        memset(&q, 0, sizeof q);
        return reject(out, (uint8_t)MSDK_COSEM_APP_CONTEXT_LN, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                      (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, NULL);
    }
    uint8_t ctx_answer = (q.app_context == (uint8_t)MSDK_COSEM_APP_CONTEXT_UNKNOWN)
                             ? (uint8_t)MSDK_COSEM_APP_CONTEXT_LN
                             : q.app_context;
    if (!q.acse_version1) {
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_PROVIDER,
                     (uint8_t)MSDK_COSEM_DIAG_PROVIDER_NO_COMMON_ACSE_VERSION, NULL);
    } else if (q.app_context != (uint8_t)MSDK_COSEM_APP_CONTEXT_LN) {
        /* SN referencing is not offered; ciphered contexts come with issue 6. */
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                     (uint8_t)MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED, NULL);
    } else {
        int idx = find_def(a->ld, client_sap);
        uint8_t diag =
            (idx < 0) ? (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON : check_auth(a, (uint8_t)idx, &q);
        if ((diag == (uint8_t)MSDK_COSEM_DIAG_USER_NULL) &&
            (q.user_info.kind != (uint8_t)MSDK_COSEM_UI_INITIATE_REQUEST)) {
            diag = (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON; /* no (plain) InitiateRequest */
        }
        if (diag != (uint8_t)MSDK_COSEM_DIAG_USER_NULL) {
            err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER, diag, NULL);
        } else {
            const msdk_cosem_assoc_def_t *def = &a->ld->assocs[idx];
            msdk_cosem_initiate_caps_t caps = {
                .conformance = def->conformance,
                .max_pdu_size = a->ld->max_pdu,
                .min_client_pdu = MSDK_COSEM_SERVER_MIN_PDU,
                .vaa_name = MSDK_COSEM_VAA_NAME_LN,
            };
            msdk_cosem_aare_t aare;
            memset(&aare, 0, sizeof aare);
            err = msdk_cosem_initiate_negotiate(&q.user_info.request, &caps, &aare.user_info);
            if ((err == MSDK_OK) && (aare.user_info.kind == (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR)) {
                msdk_cosem_service_error_t serr = aare.user_info.service_error;
                err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                             (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, &serr);
            } else if (err == MSDK_OK) {
                aare.acse_version1 = true;
                aare.app_context = (uint8_t)MSDK_COSEM_APP_CONTEXT_LN;
                aare.result = (uint8_t)MSDK_COSEM_ASSOC_ACCEPTED;
                aare.diag_source = (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER;
                aare.diag = (uint8_t)MSDK_COSEM_DIAG_USER_NULL;
                err = msdk_cosem_aare_encode(&aare, out);
                if (err == MSDK_OK) {
                    uint16_t client_pdu = q.user_info.request.max_pdu_size;
                    /* 0 would mean "no limit" in some profiles; the server's own is then the
                     * limit. */
                    a->pdu = ((client_pdu == 0u) || (client_pdu > a->ld->max_pdu)) ? a->ld->max_pdu
                                                                                   : client_pdu;
                    a->conformance = aare.user_info.response.conformance;
                    a->idx = (int16_t)idx;
                }
            }
        }
    }
    memset(&q, 0, sizeof q); /* the password */
    return err;
}

msdk_err_t msdk_cosem_server_rlrq(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len,
                                  msdk_wbuf_t *out)
{
    msdk_cosem_release_t req;
    msdk_cosem_release_t resp;
    memset(&resp, 0, sizeof resp);
    resp.reason_present = true;
    resp.reason = 0u; /* normal */
    if (msdk_cosem_rlrq_decode(apdu, len, &req) != MSDK_OK) {
        /* Released all the same: the client wants out. */
        memset(&req, 0, sizeof req);
    }
    msdk_cosem_assoc_release(a);
    return msdk_cosem_rlre_encode(&resp, out);
}
