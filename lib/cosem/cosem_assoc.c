/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Association establishment and release: AARQ -> AARE, RLRQ -> RLRE (on a ciphered
 * association both carry the xDLMS Initiate APDUs ciphered: glo-initiateRequest/-Response). */
#include <string.h>

#include "cosem_server_internal.h"
#include "msdk/cosem/class_security.h"
#include "msdk/cosem/security.h"

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
    uint8_t *cbuf = a->cbuf;
    size_t cbuf_cap = a->cbuf_cap;
    if (scratch != NULL) {
        msdk_cosem_server_wipe(scratch, cap); /* a value being written may be a secret */
    }
    if (cbuf != NULL) {
        msdk_cosem_server_wipe(cbuf, cbuf_cap);
    }
    msdk_cosem_server_wipe(a, sizeof(*a)); /* the dedicated key, the challenges */
    a->ld = ld;
    a->idx = -1;
    a->scratch = scratch;
    a->scratch_cap = cap;
    a->cbuf = cbuf;
    a->cbuf_cap = cbuf_cap;
}

msdk_err_t msdk_cosem_assoc_set_cipher_buffer(msdk_cosem_assoc_t *a, uint8_t *buf, size_t cap)
{
    if ((a == NULL) || (buf == NULL) || (cap == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    a->cbuf = buf;
    a->cbuf_cap = cap;
    return MSDK_OK;
}

uint8_t msdk_cosem_assoc_status(const msdk_cosem_assoc_t *a)
{
    return ((a == NULL) || (a->idx < 0)) ? (uint8_t)MSDK_COSEM_ASSOC_STATUS_NONE : a->status;
}

bool msdk_cosem_assoc_is_open(const msdk_cosem_assoc_t *a)
{
    return msdk_cosem_assoc_status(a) == (uint8_t)MSDK_COSEM_ASSOC_STATUS_ASSOCIATED;
}

/* glo-initiateRequest: the ciphered xDLMS InitiateRequest of an AARQ. */
#define GLO_INITIATE_REQUEST 0x21u

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

static bool is_hls(uint8_t mech)
{
    return (mech >= (uint8_t)MSDK_COSEM_MECH_HLS_MD5) &&
           (mech <= (uint8_t)MSDK_COSEM_MECH_HLS_ECDSA);
}

/* Checks the AARQ's authentication against the association's mechanism: a diagnostic
 * (acse-service-user) or MSDK_COSEM_DIAG_USER_NULL when it is acceptable (for HLS: when the
 * client's challenge is acceptable; the client proves itself in pass 3). */
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
    if (!q->auth_value_present) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED;
    }
    if (is_hls(mech)) {
        bool titled = (mech == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) ||
                      (mech == (uint8_t)MSDK_COSEM_MECH_HLS_SHA256) ||
                      (mech == (uint8_t)MSDK_COSEM_MECH_HLS_ECDSA);
        if ((q->auth_value_len < MSDK_COSEM_HLS_CHALLENGE_MIN) ||
            (q->auth_value_len > MSDK_COSEM_CHALLENGE_MAX)) {
            return (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE;
        }
        if (titled && (q->calling_ap_title_len != MSDK_COSEM_SYSTEM_TITLE_LEN)) {
            return (uint8_t)MSDK_COSEM_DIAG_USER_CALLING_AP_TITLE;
        }
        /* Refuse here what pass 3 could never accept, rather than failing (and counting
         * towards the lockout) a client that answers correctly. */
        const msdk_cosem_secsetup_t *s = def->secsetup;
        const msdk_cosem_server_sec_t *sec = a->ld->sec;
        const uint8_t ek_ak =
            (uint8_t)(MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST) |
                      MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION));
        bool material = (sec != NULL) && (sec->drbg != NULL) && (!titled || (s != NULL));
        if (mech == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) {
            material = material && ((s->keys_set & ek_ak) == ek_ak);
        } else if (mech == (uint8_t)MSDK_COSEM_MECH_HLS_ECDSA) {
            material = material && s->has_sign_key && s->has_client_pub;
        }
        return material ? (uint8_t)MSDK_COSEM_DIAG_USER_NULL
                        : (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED;
    }
    if (mech != (uint8_t)MSDK_COSEM_MECH_LLS) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED;
    }
    uint8_t secret[MSDK_COSEM_AUTH_VALUE_MAX];
    size_t secret_len = 0u;
    const msdk_cosem_ldev_ops_t *ops = a->ld->ops;
    bool ok =
        (ops != NULL) && (ops->lls_secret != NULL) &&
        (ops->lls_secret(a->ld->ctx, idx, secret, sizeof secret, &secret_len) == MSDK_OK) &&
        (secret_len <= sizeof secret) &&
        (msdk_cosem_lls_check(secret, secret_len, q->auth_value, q->auth_value_len) == MSDK_OK);
    msdk_cosem_server_wipe(secret, sizeof secret);
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

/* The xDLMS InitiateRequest of an AARQ or RLRQ (user information ui): plain, or deciphered
 * from a glo-initiate-request into a->cbuf with the client's system title `title` (NULL: not
 * known), its counter checked and accepted like a ciphered request's. A diagnostic, NULL when
 * usable; then ui holds the plain InitiateRequest and a->rq_sc the request's protection. */
static uint8_t initiate_of(msdk_cosem_assoc_t *a, uint8_t idx, uint16_t client_sap,
                           msdk_cosem_user_info_t *ui, const uint8_t *title, bool ciphered)
{
    if (!ciphered) {
        /* A dedicated key only travels ciphered. */
        return ((ui->kind == (uint8_t)MSDK_COSEM_UI_INITIATE_REQUEST) &&
                (ui->request.dedicated_key_len == 0u))
                   ? (uint8_t)MSDK_COSEM_DIAG_USER_NULL
                   : (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON;
    }
    msdk_cosem_secsetup_t *s = a->ld->assocs[idx].secsetup;
    if (title == NULL) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_CALLING_AP_TITLE;
    }
    if ((ui->kind != (uint8_t)MSDK_COSEM_UI_CIPHERED) || (ui->tag != GLO_INITIATE_REQUEST) ||
        (s == NULL) || (a->cbuf == NULL)) {
        return (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON;
    }
    msdk_cosem_sec_header_t h;
    msdk_cosem_sec_keys_t keys;
    msdk_cosem_server_keys(a, s, &keys);
    keys.dk = NULL;
    const msdk_cosem_sec_rx_t rx = { s->suite, msdk_cosem_server_required(s), title };
    size_t n = 0u;
    msdk_err_t err = msdk_cosem_sec_header_decode(ui->raw, ui->raw_len, &h);
    if ((err == MSDK_OK) && (ui->raw_len <= a->cbuf_cap)) {
        err = msdk_cosem_sec_unprotect(&keys, &rx, ui->raw, ui->raw_len, a->cbuf, a->cbuf_cap, &h,
                                       &n);
    } else if (err == MSDK_OK) {
        err = MSDK_ERR_BUFFER_TOO_SMALL;
    }
    /* Authentic, but is it new? (After the tag: forged frames raise no replay event.) */
    if ((err == MSDK_OK) && !msdk_cosem_rx_ic_is_fresh(&s->rx_ic[0], h.ic)) {
        msdk_cosem_server_wipe(a->cbuf, n);
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_REPLAY, client_sap);
        return (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON;
    }
    msdk_cosem_initiate_req_t req;
    if (err == MSDK_OK) {
        err = msdk_cosem_initiate_req_decode(a->cbuf, n, &req);
    }
    if (err == MSDK_OK) {
        bool persist_now = false;
        err = msdk_cosem_rx_ic_accept(&s->rx_ic[0], h.ic, false, &persist_now);
    }
    msdk_cosem_server_wipe(a->cbuf, n); /* unprotect wiped the rest (all of it on failure) */
    if (err != MSDK_OK) {
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_DECRYPT_FAILED, client_sap);
        return (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON;
    }
    ui->request = req;
    ui->kind = (uint8_t)MSDK_COSEM_UI_INITIATE_REQUEST;
    msdk_cosem_server_wipe(&req, sizeof req);
    a->rq_sc = h.sc; /* the InitiateResponse is protected the same way */
    return (uint8_t)MSDK_COSEM_DIAG_USER_NULL;
}

/* Ciphers the InitiateResponse in ui (of an AARE or RLRE) into a glo-initiate-response
 * through a->cbuf: the plain APDU at its start, the ciphered one after it; ui then refers to
 * it (valid until a->cbuf is reused). Protected as the request was (a->rq_sc). */
static msdk_err_t cipher_initiate(msdk_cosem_assoc_t *a, msdk_cosem_secsetup_t *s,
                                  msdk_cosem_user_info_t *ui)
{
    const size_t half = a->cbuf_cap / 2u;
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, a->cbuf, half);
    msdk_err_t err = msdk_cosem_initiate_resp_encode(&ui->response, &pw);
    uint32_t ic = 0u;
    if (err == MSDK_OK) {
        err = msdk_cosem_tx_ic_take(&s->tx_ic, &ic);
    }
    msdk_wbuf_t cw;
    msdk_wbuf_init(&cw, &a->cbuf[half], a->cbuf_cap - half);
    if (err == MSDK_OK) {
        msdk_cosem_sec_keys_t keys;
        msdk_cosem_server_keys(a, s, &keys);
        keys.dk = NULL;
        uint8_t prot =
            (uint8_t)(a->rq_sc & ((uint8_t)MSDK_COSEM_SC_AUTH | (uint8_t)MSDK_COSEM_SC_ENC));
        const msdk_cosem_sec_tx_t tx = { (uint8_t)MSDK_COSEM_SEC_FORM_GLO, s->suite,
                                         (prot != 0u) ? prot
                                                      : (uint8_t)((uint8_t)MSDK_COSEM_SC_AUTH |
                                                                  (uint8_t)MSDK_COSEM_SC_ENC),
                                         ic, s->server_title };
        err = msdk_cosem_sec_protect(&keys, &tx, a->cbuf, pw.pos, &cw);
    }
    msdk_cosem_server_wipe(a->cbuf, half);
    if (err == MSDK_OK) {
        ui->kind = (uint8_t)MSDK_COSEM_UI_CIPHERED;
        ui->tag = cw.p[0];
        ui->raw = cw.p;
        ui->raw_len = cw.pos;
    }
    return err;
}

/* The AARQ is acceptable: negotiates, encodes the AARE and opens the association (pending
 * for HLS). */
static msdk_err_t accept(msdk_cosem_assoc_t *a, uint8_t idx, const msdk_cosem_aarq_t *q,
                         bool ciphered, uint8_t ctx_answer, msdk_wbuf_t *out)
{
    const msdk_cosem_assoc_def_t *def = &a->ld->assocs[idx];
    msdk_cosem_secsetup_t *s = def->secsetup;
    const uint8_t mech = def->mechanism;
    msdk_cosem_initiate_caps_t caps = {
        .conformance = def->conformance,
        .max_pdu_size = a->ld->max_pdu,
        .min_client_pdu = MSDK_COSEM_SERVER_MIN_PDU,
        .vaa_name = MSDK_COSEM_VAA_NAME_LN,
    };
    msdk_cosem_aare_t aare;
    memset(&aare, 0, sizeof aare);
    msdk_err_t err = msdk_cosem_initiate_negotiate(&q->user_info.request, &caps, &aare.user_info);
    if ((err == MSDK_OK) && (aare.user_info.kind == (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR)) {
        msdk_cosem_service_error_t serr = aare.user_info.service_error;
        return reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                      (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, &serr);
    }
    if ((err == MSDK_OK) && is_hls(mech)) {
        err = msdk_cosem_server_challenge(a);
    }
    if ((err == MSDK_OK) && ciphered) {
        err = cipher_initiate(a, s, &aare.user_info);
    }
    if (err != MSDK_OK) {
        return reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                      (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, NULL);
    }
    aare.acse_version1 = true;
    aare.app_context = ctx_answer;
    aare.result = (uint8_t)MSDK_COSEM_ASSOC_ACCEPTED;
    aare.diag_source = (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER;
    aare.diag = is_hls(mech) ? (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED
                             : (uint8_t)MSDK_COSEM_DIAG_USER_NULL;
    if (s != NULL) {
        memcpy(aare.responding_ap_title, s->server_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
        aare.responding_ap_title_len = MSDK_COSEM_SYSTEM_TITLE_LEN;
    }
    if (is_hls(mech)) {
        aare.auth_required = true;
        aare.mechanism_present = true;
        aare.mechanism = mech;
        aare.auth_value_present = true;
        aare.auth_value_len = a->stoc_len;
        memcpy(aare.auth_value, a->stoc, a->stoc_len);
    }
    err = msdk_cosem_aare_encode(&aare, out);
    const uint32_t conformance = aare.user_info.response.conformance;
    msdk_cosem_server_wipe(&aare, sizeof aare);
    if (err != MSDK_OK) {
        return err;
    }
    uint16_t client_pdu = q->user_info.request.max_pdu_size;
    /* 0 would mean "no limit" in some profiles; the server's own is then the limit. */
    a->pdu = ((client_pdu == 0u) || (client_pdu > a->ld->max_pdu)) ? a->ld->max_pdu : client_pdu;
    a->conformance = conformance;
    a->idx = (int16_t)idx;
    a->mech = mech;
    a->ciphered = ciphered;
    a->status = is_hls(mech) ? (uint8_t)MSDK_COSEM_ASSOC_STATUS_PENDING
                             : (uint8_t)MSDK_COSEM_ASSOC_STATUS_ASSOCIATED;
    if (q->calling_ap_title_len == MSDK_COSEM_SYSTEM_TITLE_LEN) {
        memcpy(a->title, q->calling_ap_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
        a->has_title = true;
        if (s != NULL) {
            memcpy(s->client_title, a->title, sizeof a->title);
            s->client_title_known = true;
        }
    }
    if (is_hls(mech)) {
        a->ctos_len = q->auth_value_len;
        memcpy(a->ctos, q->auth_value, q->auth_value_len);
    }
    const msdk_cosem_initiate_req_t *r = &q->user_info.request;
    if (ciphered && (r->dedicated_key_len == MSDK_COSEM_SECSETUP_KEY_LEN)) {
        memcpy(a->dk, r->dedicated_key, MSDK_COSEM_SECSETUP_KEY_LEN);
        a->has_dk = true;
        msdk_cosem_rx_ic_init(&a->dk_rx);
    }
    if (mech == (uint8_t)MSDK_COSEM_MECH_LLS) {
        msdk_cosem_server_auth_ok(a, idx);
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_server_aarq(msdk_cosem_assoc_t *a, uint16_t client_sap, const uint8_t *apdu,
                                  size_t len, msdk_wbuf_t *out)
{
    msdk_cosem_aarq_t q;
    msdk_err_t err = msdk_cosem_aarq_decode(apdu, len, &q);
    /* A new AARQ ends any association of this connection first. */
    msdk_cosem_assoc_release(a);
    if (err != MSDK_OK) {
        msdk_cosem_server_wipe(&q, sizeof q);
        return reject(out, (uint8_t)MSDK_COSEM_APP_CONTEXT_LN, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                      (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, NULL);
    }
    uint8_t ctx_answer = (q.app_context == (uint8_t)MSDK_COSEM_APP_CONTEXT_UNKNOWN)
                             ? (uint8_t)MSDK_COSEM_APP_CONTEXT_LN
                             : q.app_context;
    int idx = find_def(a->ld, client_sap);
    const msdk_cosem_assoc_def_t *def = (idx >= 0) ? &a->ld->assocs[idx] : NULL;
    const bool ciphered = q.app_context == (uint8_t)MSDK_COSEM_APP_CONTEXT_LN_CIPHERED;
    /* The ciphered context needs security material and a buffer; a policy that wants
     * protected requests needs the ciphered context. */
    const bool context_ok =
        ((q.app_context == (uint8_t)MSDK_COSEM_APP_CONTEXT_LN) &&
         ((def == NULL) || (msdk_cosem_server_required(def->secsetup) == 0u))) ||
        (ciphered && (def != NULL) && (def->secsetup != NULL) && (a->cbuf != NULL));
    if (!q.acse_version1) {
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_PROVIDER,
                     (uint8_t)MSDK_COSEM_DIAG_PROVIDER_NO_COMMON_ACSE_VERSION, NULL);
    } else if (!context_ok) {
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                     (uint8_t)MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED, NULL);
    } else if (idx < 0) {
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                     (uint8_t)MSDK_COSEM_DIAG_USER_NO_REASON, NULL);
    } else if (msdk_cosem_server_locked_out(a, (uint8_t)idx)) {
        /* Too many failed authentications on this client SAP: refused for now. */
        err = reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER,
                     (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE, NULL);
    } else {
        uint8_t diag = check_auth(a, (uint8_t)idx, &q);
        if (diag == (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE) {
            msdk_cosem_server_auth_failed(a, (uint8_t)idx, client_sap);
        }
        if (diag == (uint8_t)MSDK_COSEM_DIAG_USER_NULL) {
            const uint8_t *title =
                (q.calling_ap_title_len == MSDK_COSEM_SYSTEM_TITLE_LEN) ? q.calling_ap_title : NULL;
            diag = initiate_of(a, (uint8_t)idx, client_sap, &q.user_info, title, ciphered);
        }
        err = (diag != (uint8_t)MSDK_COSEM_DIAG_USER_NULL)
                  ? reject(out, ctx_answer, (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER, diag, NULL)
                  : accept(a, (uint8_t)idx, &q, ciphered, ctx_answer, out);
        if (a->idx < 0) {
            /* Rejected: nothing of this attempt stays. */
            msdk_cosem_assoc_release(a);
        }
    }
    msdk_cosem_server_wipe(&q, sizeof q); /* the password, the dedicated key */
    return err;
}

/* A ciphered RLRQ: deciphers its glo-initiate-request with the association's material and
 * the client's system title (counter checked and accepted as for any ciphered request) and
 * puts a glo-initiate-response into the RLRE. Any failure raises DECRYPT_FAILED (or REPLAY)
 * and leaves the RLRE without user information: the association is released all the same. */
static void rlrq_ciphered(msdk_cosem_assoc_t *a, msdk_cosem_release_t *req,
                          msdk_cosem_release_t *resp)
{
    if (a->idx < 0) {
        /* No association, no keys: client SAP 0 (no-station) stands for the unknown sender. */
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_DECRYPT_FAILED, 0u);
        return;
    }
    const uint8_t idx = (uint8_t)a->idx;
    const uint16_t sap = a->ld->assocs[idx].client_sap;
    msdk_cosem_secsetup_t *s = a->ld->assocs[idx].secsetup;
    if (!a->ciphered || (s == NULL) || (a->cbuf == NULL) || !a->has_title ||
        (req->user_info.tag != GLO_INITIATE_REQUEST)) {
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_DECRYPT_FAILED, sap);
        return;
    }
    if (initiate_of(a, idx, sap, &req->user_info, a->title, true) !=
        (uint8_t)MSDK_COSEM_DIAG_USER_NULL) {
        return; /* the event is raised */
    }
    msdk_cosem_user_info_t *ui = &resp->user_info;
    ui->kind = (uint8_t)MSDK_COSEM_UI_INITIATE_RESPONSE;
    ui->response.dlms_version = (uint8_t)MSDK_COSEM_DLMS_VERSION;
    ui->response.conformance = a->conformance;
    ui->response.max_pdu_size = a->ld->max_pdu;
    ui->response.vaa_name = (uint16_t)MSDK_COSEM_VAA_NAME_LN;
    if (cipher_initiate(a, s, ui) != MSDK_OK) {
        /* No transmit counter left: the RLRE goes without its InitiateResponse. */
        memset(ui, 0, sizeof(*ui));
    }
}

msdk_err_t msdk_cosem_server_rlrq(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len,
                                  msdk_wbuf_t *out)
{
    msdk_cosem_release_t req;
    msdk_cosem_release_t resp;
    memset(&resp, 0, sizeof resp);
    resp.reason_present = true;
    resp.reason = (uint8_t)MSDK_COSEM_RLRE_NORMAL;
    if (msdk_cosem_rlrq_decode(apdu, len, &req) != MSDK_OK) {
        /* Released all the same: the client wants out. */
        memset(&req, 0, sizeof req);
    }
    if (req.user_info.kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) {
        rlrq_ciphered(a, &req, &resp);
    }
    msdk_err_t err = msdk_cosem_rlre_encode(&resp, out);
    if ((err != MSDK_OK) && (resp.user_info.kind != (uint8_t)MSDK_COSEM_UI_NONE)) {
        /* The ciphered InitiateResponse does not fit: release without it. */
        resp.user_info.kind = (uint8_t)MSDK_COSEM_UI_NONE;
        err = msdk_cosem_rlre_encode(&resp, out);
    }
    msdk_cosem_server_wipe(&req, sizeof req); /* a dedicated key */
    msdk_cosem_assoc_release(a);              /* wipes a->cbuf too */
    return err;
}
