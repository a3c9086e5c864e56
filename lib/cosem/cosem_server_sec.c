/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The server's security: deciphering requests and enciphering responses of a ciphered
 * association (security suite 0/1, glo-, ded- and general forms) under its security policy,
 * received invocation counters, and the HLS pass 3/4 (reply_to_HLS_authentication). */
#include <string.h>

#include "cosem_server_internal.h"
#include "msdk/cosem/axdr.h"
#include "msdk/cosem/class_security.h"
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"

/* Association LN method 1: reply_to_HLS_authentication. */
#define ASSOC_LN_CLASS    15u
#define REPLY_TO_HLS      1
#define HLS_ANSWER_MAX    80u
#define SECRET_MAX        MSDK_COSEM_AUTH_VALUE_MAX
#define DEFAULT_CHALLENGE 16u

void msdk_cosem_server_wipe(void *p, size_t n)
{
    msdk_port_crypto_zeroize(p, n); /* word stores the compiler cannot drop */
}

msdk_cosem_secsetup_t *msdk_cosem_server_secsetup(const msdk_cosem_assoc_t *a)
{
    return (a->idx >= 0) ? a->ld->assocs[a->idx].secsetup : NULL;
}

void msdk_cosem_server_event(const msdk_cosem_assoc_t *a, uint8_t event, uint16_t client_sap)
{
    if (a->ld->sec != NULL) {
        (void)msdk_cosem_secevents_raise(&a->ld->sec->events, (msdk_cosem_secevent_t)event,
                                         client_sap);
    }
}

/* Authentication failed for association idx: counts towards its lockout. */
void msdk_cosem_server_auth_failed(const msdk_cosem_assoc_t *a, uint8_t idx, uint16_t client_sap)
{
    msdk_cosem_server_sec_t *sec = a->ld->sec;
    msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_AUTH_FAILED, client_sap);
    if ((sec != NULL) && (sec->lockout != NULL)) {
        (void)msdk_cosem_lockout_fail(&sec->lockout[idx], &sec->lockout_cfg, sec->now_ms);
    }
}

void msdk_cosem_server_auth_ok(const msdk_cosem_assoc_t *a, uint8_t idx)
{
    msdk_cosem_server_sec_t *sec = a->ld->sec;
    if ((sec != NULL) && (sec->lockout != NULL)) {
        msdk_cosem_lockout_success(&sec->lockout[idx]);
    }
}

bool msdk_cosem_server_locked_out(const msdk_cosem_assoc_t *a, uint8_t idx)
{
    const msdk_cosem_server_sec_t *sec = a->ld->sec;
    return (sec != NULL) && (sec->lockout != NULL) &&
           !msdk_cosem_lockout_is_allowed(&sec->lockout[idx], sec->now_ms);
}

void msdk_cosem_server_keys(const msdk_cosem_assoc_t *a, const msdk_cosem_secsetup_t *s,
                            msdk_cosem_sec_keys_t *k)
{
    k->ek = ((s->keys_set & MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST)) != 0u)
                ? s->ek
                : NULL;
    k->broadcast_ek =
        ((s->keys_set & MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_BROADCAST)) != 0u)
            ? s->bek
            : NULL;
    k->ak = ((s->keys_set & MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION)) != 0u)
                ? s->ak
                : NULL;
    k->dk = a->has_dk ? a->dk : NULL;
}

uint8_t msdk_cosem_server_required(const msdk_cosem_secsetup_t *s)
{
    uint8_t r = 0u;
    if ((s != NULL) && ((s->policy & (uint8_t)MSDK_COSEM_POLICY_AUTH_REQUEST) != 0u)) {
        r |= (uint8_t)MSDK_COSEM_SC_AUTH;
    }
    if ((s != NULL) && ((s->policy & (uint8_t)MSDK_COSEM_POLICY_ENC_REQUEST) != 0u)) {
        r |= (uint8_t)MSDK_COSEM_SC_ENC;
    }
    return r;
}

/* The received counter a ciphered request is checked against. */
static msdk_cosem_rx_ic_t *rx_counter(msdk_cosem_assoc_t *a, msdk_cosem_secsetup_t *s,
                                      const msdk_cosem_sec_header_t *h)
{
    if ((h->form == (uint8_t)MSDK_COSEM_SEC_FORM_DED) ||
        (h->form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED)) {
        return &a->dk_rx;
    }
    return &s->rx_ic[((h->sc & (uint8_t)MSDK_COSEM_SC_BROADCAST) != 0u) ? 1u : 0u];
}

msdk_err_t msdk_cosem_server_decipher(msdk_cosem_assoc_t *a, uint16_t client_sap,
                                      const uint8_t *apdu, size_t len, size_t *plain_len,
                                      uint8_t *service_error, uint32_t *expected_ic)
{
    msdk_cosem_secsetup_t *s = msdk_cosem_server_secsetup(a);
    *expected_ic = 0u;
    if ((s == NULL) || !a->ciphered || (a->cbuf == NULL)) {
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE;
        return MSDK_ERR_STATE;
    }
    msdk_cosem_sec_header_t h;
    if (msdk_cosem_sec_header_decode(apdu, len, &h) != MSDK_OK) {
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_DECRYPT_FAILED, client_sap);
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_DECIPHERING_ERROR;
        return MSDK_ERR_MALFORMED;
    }
    if (len > a->cbuf_cap) {
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_PDU_TOO_LONG;
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_cosem_rx_ic_t *rx = rx_counter(a, s, &h);
    msdk_cosem_sec_keys_t keys;
    msdk_cosem_server_keys(a, s, &keys);
    const msdk_cosem_sec_rx_t rxp = { s->suite, msdk_cosem_server_required(s),
                                      a->has_title ? a->title : NULL };
    size_t n = 0u;
    msdk_err_t err = msdk_cosem_sec_unprotect(&keys, &rxp, apdu, len, a->cbuf, a->cbuf_cap, &h, &n);
    if ((err == MSDK_OK) && h.system_title_present &&
        (!a->has_title || (memcmp(h.system_title, a->title, sizeof a->title) != 0))) {
        msdk_cosem_server_wipe(a->cbuf, n);
        err = MSDK_ERR_AUTH; /* another sender's title */
    }
    if (err != MSDK_OK) {
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_DECRYPT_FAILED, client_sap);
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_DECIPHERING_ERROR;
        return err;
    }
    /* Authentic, but is it new? (Checked after the tag, so that forged frames cannot
     * raise replay events.) */
    if (!msdk_cosem_rx_ic_is_fresh(rx, h.ic)) {
        uint64_t low = msdk_cosem_rx_ic_lowest_acceptable(rx);
        msdk_cosem_server_wipe(a->cbuf, n);
        msdk_cosem_server_event(a, (uint8_t)MSDK_COSEM_SECEVENT_REPLAY, client_sap);
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR;
        *expected_ic = (low > UINT32_MAX) ? UINT32_MAX : (uint32_t)low;
        return MSDK_ERR_AUTH;
    }
    /* A request that changes state has its counter stored before it runs: after a reboot
     * a replay can only repeat a read. */
    /* (The ACTION of a pending HLS association can only be reply_to_HLS_authentication,
     * which changes nothing: no NVM write per association.) */
    const bool changes = (a->status == (uint8_t)MSDK_COSEM_ASSOC_STATUS_ASSOCIATED) &&
                         ((a->cbuf[0] == (uint8_t)MSDK_COSEM_XDLMS_TAG_SET_REQUEST) ||
                          (a->cbuf[0] == (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST));
    bool persist_now = false;
    err = msdk_cosem_rx_ic_accept(rx, h.ic, changes, &persist_now);
    if ((err == MSDK_OK) && persist_now && (rx != &a->dk_rx)) {
        err = (s->save != NULL) ? s->save(s->save_ctx, s) : MSDK_ERR_NOT_SUPPORTED;
        if (err == MSDK_OK) {
            msdk_cosem_rx_ic_mark_persisted(rx, h.ic);
        }
    }
    if (err != MSDK_OK) {
        msdk_cosem_server_wipe(a->cbuf, n);
        *service_error = (uint8_t)MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE;
        return err;
    }
    a->rq_form = h.form;
    a->rq_sc = h.sc;
    *plain_len = n;
    return MSDK_OK;
}

/* SC protection bits of the response to the current request: as the request, and as the
 * policy and the members it reached need. */
static uint8_t response_protection(const msdk_cosem_assoc_t *a, const msdk_cosem_secsetup_t *s)
{
    uint8_t p = (uint8_t)((a->rq_sc | a->sec_rsp) &
                          ((uint8_t)MSDK_COSEM_SC_AUTH | (uint8_t)MSDK_COSEM_SC_ENC));
    if ((s->policy & (uint8_t)MSDK_COSEM_POLICY_AUTH_RESPONSE) != 0u) {
        p |= (uint8_t)MSDK_COSEM_SC_AUTH;
    }
    if ((s->policy & (uint8_t)MSDK_COSEM_POLICY_ENC_RESPONSE) != 0u) {
        p |= (uint8_t)MSDK_COSEM_SC_ENC;
    }
    return p;
}

bool msdk_cosem_server_must_encipher(const msdk_cosem_assoc_t *a)
{
    const msdk_cosem_secsetup_t *s = msdk_cosem_server_secsetup(a);
    return a->ciphered && (s != NULL) && (response_protection(a, s) != 0u);
}

msdk_err_t msdk_cosem_server_encipher(msdk_cosem_assoc_t *a, msdk_wbuf_t *w, size_t start)
{
    msdk_cosem_secsetup_t *s = msdk_cosem_server_secsetup(a);
    const size_t n = w->pos - start;
    if ((s == NULL) || (n == 0u)) {
        return MSDK_OK;
    }
    if ((a->cbuf == NULL) || (n > a->cbuf_cap)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    uint8_t form = (a->rq_form != 0u) ? a->rq_form : (uint8_t)MSDK_COSEM_SEC_FORM_GLO;
    bool ded = a->has_dk && ((form == (uint8_t)MSDK_COSEM_SEC_FORM_DED) ||
                             (form == (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED));
    if ((form == (uint8_t)MSDK_COSEM_SEC_FORM_DED) || (form == (uint8_t)MSDK_COSEM_SEC_FORM_GLO)) {
        /* An answer without a service-specific ciphered form (exception-response) goes
         * in the general form of the same key. */
        uint8_t tag = 0u;
        bool specific = msdk_cosem_sec_ciphered_tag(w->p[start],
                                                    ded ? (uint8_t)MSDK_COSEM_SEC_FORM_DED
                                                        : (uint8_t)MSDK_COSEM_SEC_FORM_GLO,
                                                    &tag) == MSDK_OK;
        form = specific
                   ? (ded ? (uint8_t)MSDK_COSEM_SEC_FORM_DED : (uint8_t)MSDK_COSEM_SEC_FORM_GLO)
                   : (ded ? (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED
                          : (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_GLO);
    } else {
        form = ded ? (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_DED
                   : (uint8_t)MSDK_COSEM_SEC_FORM_GENERAL_GLO;
    }
    memcpy(a->cbuf, &w->p[start], n);
    w->pos = start;
    uint32_t ic = 0u;
    msdk_err_t err = msdk_cosem_tx_ic_take(&s->tx_ic, &ic);
    if (err == MSDK_OK) {
        msdk_cosem_sec_keys_t keys;
        msdk_cosem_server_keys(a, s, &keys);
        const msdk_cosem_sec_tx_t tx = { form, s->suite, response_protection(a, s), ic,
                                         s->server_title };
        err = msdk_cosem_sec_protect(&keys, &tx, a->cbuf, n, w);
    }
    msdk_cosem_server_wipe(a->cbuf, n);
    return err;
}

/* Whether the ACTION is reply_to_HLS_authentication on this association's object. */
static bool is_hls_reply(const msdk_cosem_assoc_t *a, const msdk_cosem_xdlms_action_request_t *r)
{
    static const uint8_t current[6] = { 0, 0, 40, 0, 0, 255 };
    const msdk_cosem_object_t *own = a->ld->assocs[a->idx].assoc_ln;
    const msdk_cosem_xdlms_method_desc_t *m = &r->method;
    return (r->type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL) && r->has_params &&
           (m->class_id == ASSOC_LN_CLASS) && (m->method_id == REPLY_TO_HLS) &&
           ((memcmp(m->obis, current, 6u) == 0) ||
            ((own != NULL) && (memcmp(m->obis, own->ln, 6u) == 0)));
}

/* Verifies the client's f(StoC) and computes f(CtoS) into out. */
static msdk_err_t hls_check(msdk_cosem_assoc_t *a, const uint8_t *answer, size_t answer_len,
                            uint8_t *out, size_t cap, size_t *out_len)
{
    msdk_cosem_secsetup_t *s = msdk_cosem_server_secsetup(a);
    const msdk_cosem_ldev_t *ld = a->ld;
    uint8_t secret[SECRET_MAX];
    size_t secret_len = 0u;
    msdk_cosem_hls_t h;
    memset(&h, 0, sizeof h);
    h.mechanism = a->mech;
    h.suite = (s != NULL) ? s->suite : 0u;
    h.own_challenge = a->stoc;
    h.own_challenge_len = a->stoc_len;
    h.peer_challenge = a->ctos;
    h.peer_challenge_len = a->ctos_len;
    h.peer_system_title = a->has_title ? a->title : NULL;
    msdk_err_t err = MSDK_OK;
    if ((a->mech == (uint8_t)MSDK_COSEM_MECH_HLS_MD5) ||
        (a->mech == (uint8_t)MSDK_COSEM_MECH_HLS_SHA1) ||
        (a->mech == (uint8_t)MSDK_COSEM_MECH_HLS_SHA256)) {
        err =
            ((ld->ops != NULL) && (ld->ops->lls_secret != NULL))
                ? ld->ops->lls_secret(ld->ctx, (uint8_t)a->idx, secret, sizeof secret, &secret_len)
                : MSDK_ERR_NOT_SUPPORTED;
        h.secret = secret;
        h.secret_len = (secret_len <= sizeof secret) ? secret_len : 0u;
    }
    msdk_cosem_sec_keys_t keys = { 0 };
    if (s != NULL) {
        msdk_cosem_server_keys(a, s, &keys);
        h.own_system_title = s->server_title;
        h.ek = keys.ek;
        h.ak = keys.ak;
        h.own_private_key = s->has_sign_key ? s->sign_key : NULL;
        h.peer_public_key = s->has_client_pub ? s->client_pub : NULL;
    }
    h.drbg = (ld->sec != NULL) ? ld->sec->drbg : NULL;
    uint32_t peer_ic = 0u;
    if (err == MSDK_OK) {
        err = msdk_cosem_hls_verify(&h, answer, answer_len, &peer_ic);
    }
    if ((err == MSDK_OK) && (a->mech == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC)) {
        /* The client's GMAC carries its invocation counter: it must be fresh too. */
        bool persist_now = false;
        err = msdk_cosem_rx_ic_accept(&s->rx_ic[0], peer_ic, false, &persist_now);
        if (err == MSDK_OK) {
            err = msdk_cosem_tx_ic_take(&s->tx_ic, &h.own_ic);
        }
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_hls_respond(&h, out, cap, out_len);
    }
    msdk_cosem_server_wipe(secret, sizeof secret);
    msdk_cosem_server_wipe(&keys, sizeof keys);
    return err;
}

msdk_err_t msdk_cosem_server_pending(msdk_cosem_assoc_t *a, uint16_t client_sap,
                                     const uint8_t *apdu, size_t len, msdk_wbuf_t *w)
{
    msdk_cosem_xdlms_action_request_t r;
    if ((apdu[0] != (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST) ||
        (msdk_cosem_xdlms_action_request_decode(apdu, len, 1u, &r) != MSDK_OK) ||
        !is_hls_reply(a, &r)) {
        /* Only the HLS pass 3 is allowed before the client is authenticated. */
        return msdk_cosem_xdlms_exception_encode(
            w, (uint8_t)MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED,
            (uint8_t)MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE, 0u);
    }
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, r.params.p, r.params.len);
    const uint8_t *answer = NULL;
    size_t answer_len = 0u;
    uint8_t f[HLS_ANSWER_MAX];
    size_t f_len = 0u;
    msdk_err_t err = msdk_cosem_axdr_get_octets_ref(&rb, (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING,
                                                    &answer, &answer_len);
    if ((err == MSDK_OK) && (rb.pos == rb.len)) {
        err = hls_check(a, answer, answer_len, f, sizeof f, &f_len);
    } else {
        err = MSDK_ERR_MALFORMED;
    }
    const uint8_t idx = (uint8_t)a->idx;
    msdk_cosem_server_wipe(a->stoc, sizeof a->stoc);
    msdk_cosem_server_wipe(a->ctos, sizeof a->ctos);
    a->stoc_len = 0u;
    a->ctos_len = 0u;
    if (err != MSDK_OK) {
        /* Wrong answer: refused, counted, and the association ends with this response. */
        msdk_cosem_server_auth_failed(a, idx, client_sap);
        a->drop = true;
        return msdk_cosem_xdlms_action_response_encode_normal(
            w, r.iip, (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON);
    }
    msdk_cosem_server_auth_ok(a, idx);
    a->status = (uint8_t)MSDK_COSEM_ASSOC_STATUS_ASSOCIATED;
    size_t mark = w->pos;
    err = msdk_cosem_xdlms_action_response_encode_normal_data(w, r.iip,
                                                              (uint8_t)MSDK_COSEM_ACTION_SUCCESS);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(w, f, f_len);
    }
    if (err != MSDK_OK) {
        w->pos = mark;
    }
    msdk_cosem_server_wipe(f, sizeof f);
    return err;
}

msdk_err_t msdk_cosem_server_challenge(msdk_cosem_assoc_t *a)
{
    const msdk_cosem_server_sec_t *sec = a->ld->sec;
    size_t n =
        ((sec != NULL) && (sec->challenge_len != 0u)) ? sec->challenge_len : DEFAULT_CHALLENGE;
    if ((sec == NULL) || (sec->drbg == NULL) || (n > sizeof a->stoc)) {
        return MSDK_ERR_STATE;
    }
    msdk_err_t err = msdk_cosem_hls_challenge(sec->drbg, a->stoc, n);
    a->stoc_len = (err == MSDK_OK) ? (uint8_t)n : 0u;
    return err;
}
