/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * DLMS/COSEM client association (client.h): builds the AARQ, RLRQ, GET, SET and ACTION
 * requests with the ACSE and xDLMS encoders, and checks every response against the request
 * outstanding. Block transfer state (the GET value being reassembled, the SET value being
 * sent) lives in the caller's client struct; values go to caller buffers.
 *
 * Every rx path first decodes and checks the whole response, then writes the next request
 * (if any) into the caller's writer, and only then commits: an error at any step leaves
 * the client as it was.
 *
 * Ciphering (security.h) sits around that: on a ciphered association a request is encoded
 * into the caller's work buffer (req_open), then protected into the caller's writer with the
 * next invocation counter (req_close); a response is deciphered into the work buffer and
 * checked (rx_unprotect) before the plain paths see it. The HLS pass (the AARE's StoC
 * answered with reply_to_HLS_authentication, the server's f(CtoS) verified) runs as one more
 * operation, OP_HLS, before the association is reported. The RLRQ of a ciphered association
 * carries the AARQ's InitiateRequest again, ciphered the same way with its own counter; a
 * ciphered InitiateResponse in the RLRE is checked like any response.
 */
#include "msdk/cosem/client.h"

#include <string.h>

#include "msdk/cosem/axdr.h"
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"

/* Operation in progress (msdk_cosem_client_t::op). */
enum {
    OP_NONE = 0,
    OP_AARQ = 1,
    OP_RLRQ = 2,
    OP_GET = 3,
    OP_GET_LIST = 4,
    OP_SET = 5,
    OP_ACTION = 6,
    OP_HLS = 7, /* reply_to_HLS_authentication after the AARE */
};

/* Association LN of the current association, method 1: reply_to_HLS_authentication. */
static const msdk_cosem_xdlms_method_desc_t k_hls_method = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };

/* Largest invocation counter value, plus one: the counter is spent. */
#define IC_SPENT 0x100000000ull

/* ConfirmedServiceError: tag, service choice, ServiceError choice, value. */
#define CSE_LEN 4u

/* Smallest max receive PDU size a client may propose (an 8-byte request plus headers). */
#define CLIENT_MIN_PDU 12u

/* Room an A-XDR octet-string length may need beyond the one byte of a short length. */
#define LEN_EXTRA 2u

static void wipe(void *p, size_t n)
{
    volatile uint8_t *v = (volatile uint8_t *)p;
    for (size_t i = 0; i < n; i++) {
        v[i] = 0u;
    }
}

static uint8_t make_iip(const msdk_cosem_client_t *c)
{
    uint8_t iip = (uint8_t)(c->next_id & MSDK_COSEM_IIP_ID_MASK);
    if (!c->cfg.unconfirmed) {
        iip |= (uint8_t)MSDK_COSEM_IIP_CONFIRMED;
    }
    if (c->cfg.high_priority) {
        iip |= (uint8_t)MSDK_COSEM_IIP_HIGH_PRIORITY;
    }
    return iip;
}

/* A writer over the part of `tx` a request may use: its room, at most the server's PDU. */
static msdk_wbuf_t limited(const msdk_cosem_client_t *c, const msdk_wbuf_t *tx)
{
    msdk_wbuf_t w = *tx;
    size_t room = msdk_wbuf_remaining(tx);
    if ((c->server_pdu != 0u) && (room > c->server_pdu)) {
        room = c->server_pdu;
    }
    w.cap = tx->pos + room;
    return w;
}

/* ---- Ciphering ---------------------------------------------------------------------------- */

static bool mech_is_hls(uint8_t m)
{
    return (m >= (uint8_t)MSDK_COSEM_MECH_HLS_MD5) && (m <= (uint8_t)MSDK_COSEM_MECH_HLS_ECDSA);
}

/* Whether `n` more invocation counter values are left. */
static bool ic_available(const msdk_cosem_client_t *c, uint32_t n)
{
    return (c->ic_next + (uint64_t)n) <= IC_SPENT;
}

static msdk_cosem_sec_keys_t keys_of(const msdk_cosem_client_t *c)
{
    msdk_cosem_sec_keys_t k = { c->cfg.sec.ek, NULL, c->cfg.sec.dk, c->cfg.sec.ak };
    return k;
}

/* Protection of the service requests of a ciphered association. */
static uint8_t req_prot(const msdk_cosem_client_t *c)
{
    return c->cfg.sec.per_request ? c->cfg.sec.request_protection : c->cfg.sec.protection;
}

/* Whether the service requests are ciphered. */
static bool req_ciphered(const msdk_cosem_client_t *c)
{
    return c->ciphered && (req_prot(c) != 0u);
}

/* Form of the requests of a ciphered association. */
static uint8_t req_form(const msdk_cosem_client_t *c)
{
    bool ded = (c->cfg.sec.dk != NULL);
    if (c->cfg.sec.general) {
        return (uint8_t)(ded ? MSDK_COSEM_SEC_FORM_GENERAL_DED : MSDK_COSEM_SEC_FORM_GENERAL_GLO);
    }
    return (uint8_t)(ded ? MSDK_COSEM_SEC_FORM_DED : MSDK_COSEM_SEC_FORM_GLO);
}

/* Protects p[0..n) in `form` with `prot` and invocation counter `ic`, appended to `out`. */
static msdk_err_t protect(const msdk_cosem_client_t *c, uint8_t form, uint8_t prot, uint32_t ic,
                          const uint8_t *p, size_t n, msdk_wbuf_t *out)
{
    msdk_cosem_sec_keys_t k = keys_of(c);
    msdk_cosem_sec_tx_t t = { form, c->cfg.sec.suite, prot, ic, c->cfg.sec.system_title };
    return msdk_cosem_sec_protect(&k, &t, p, n, out);
}

/* Bytes a ciphered request adds to its plaintext when it must fit `room` bytes: tag,
 * [system title], length field (sized for `room`, an upper bound), SC || IC, [GCM tag]. */
static size_t cipher_overhead(const msdk_cosem_client_t *c, size_t room)
{
    size_t n = 1u + MSDK_COSEM_SEC_HEADER_LEN;
    if (c->cfg.sec.general) {
        n += 1u + MSDK_COSEM_SYSTEM_TITLE_LEN;
    }
    if ((req_prot(c) & MSDK_COSEM_SC_AUTH) != 0u) {
        n += MSDK_COSEM_SEC_TAG_LEN;
    }
    if (room < 0x80u) {
        n += 1u;
    } else if (room <= 0xFFu) {
        n += 2u;
    } else if (room <= 0xFFFFu) {
        n += 3u;
    } else {
        n += 5u;
    }
    return n;
}

/* The writer a request is encoded into: on a plain association the caller's (at most the
 * server's PDU); on a ciphered one the work buffer, with room for the plaintext of an APDU
 * whose ciphered form fits the caller's writer. */
static msdk_wbuf_t req_open(const msdk_cosem_client_t *c, const msdk_wbuf_t *tx)
{
    msdk_wbuf_t w = limited(c, tx);
    if (!req_ciphered(c)) {
        return w;
    }
    size_t room = w.cap - w.pos;
    size_t over = cipher_overhead(c, room);
    size_t plain = (room > over) ? (room - over) : 0u;
    if (plain > c->cfg.sec.work_cap) {
        plain = c->cfg.sec.work_cap;
    }
    msdk_wbuf_init(&w, c->cfg.sec.work, plain);
    return w;
}

/* Puts the request encoded in `w` (from req_open) into the caller's writer: protected with
 * the next invocation counter on a ciphered association (the counter moves on only then). */
static msdk_err_t req_close(msdk_cosem_client_t *c, msdk_wbuf_t *w, msdk_wbuf_t *tx)
{
    if (!req_ciphered(c)) {
        tx->pos = w->pos;
        return MSDK_OK;
    }
    msdk_err_t err = ic_available(c, 1u) ? MSDK_OK : MSDK_ERR_OVERFLOW;
    msdk_wbuf_t out = limited(c, tx);
    if (err == MSDK_OK) {
        err = protect(c, req_form(c), req_prot(c), (uint32_t)c->ic_next, w->p, w->pos, &out);
    }
    msdk_port_crypto_zeroize(w->p, w->pos);
    if (err == MSDK_OK) {
        tx->pos = out.pos;
        c->ic_next++;
    }
    return err;
}

/* Whether p[0..n) is exactly one well-formed A-XDR Data value. */
static msdk_err_t one_value(const uint8_t *p, size_t n)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, p, n);
    msdk_err_t err = msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX);
    if ((err == MSDK_OK) && (msdk_rbuf_remaining(&rb) != 0u)) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

/* Starts an operation once its request has been written; services use up an invoke-id. */
static void begin(msdk_cosem_client_t *c, uint8_t op, uint8_t iip)
{
    c->op = op;
    c->iip = iip;
    c->len = 0u;
    c->block = 0u;
    c->tx_value = NULL;
    memset(&c->res, 0, sizeof c->res);
    if (op == OP_AARQ) {
        c->state = (uint8_t)MSDK_COSEM_CLIENT_AARQ_SENT;
    } else if (op == OP_RLRQ) {
        c->state = (uint8_t)MSDK_COSEM_CLIENT_RLRQ_SENT;
    } else {
        c->next_id = (uint8_t)((c->next_id + 1u) & MSDK_COSEM_IIP_ID_MASK);
        c->state = (uint8_t)MSDK_COSEM_CLIENT_BUSY;
    }
}

/* req_close for the request encoded in `w` once its encoder succeeded (err: its status). */
static msdk_err_t req_finish(msdk_cosem_client_t *c, msdk_wbuf_t *w, msdk_wbuf_t *tx,
                             msdk_err_t err)
{
    return (err == MSDK_OK) ? req_close(c, w, tx) : err;
}

/* req_finish, then the operation `op` with invoke-id `iip` begins once the request is out. */
static msdk_err_t req_send(msdk_cosem_client_t *c, msdk_wbuf_t *w, msdk_wbuf_t *tx, msdk_err_t err,
                           uint8_t op, uint8_t iip)
{
    err = req_finish(c, w, tx, err);
    if (err == MSDK_OK) {
        begin(c, op, iip);
    }
    return err;
}

/* Ends a service operation with `outcome`. */
static void finish(msdk_cosem_client_t *c, uint8_t outcome)
{
    c->res.outcome = outcome;
    c->op = OP_NONE;
    c->buf = NULL;
    c->cap = 0u;
    c->tx_value = NULL;
    c->state = (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED;
}

static msdk_err_t check_service_start(const msdk_cosem_client_t *c, const msdk_wbuf_t *tx)
{
    if ((c == NULL) || (tx == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->state != (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED) {
        return MSDK_ERR_STATE;
    }
    return MSDK_OK;
}

/* ---- Life cycle --------------------------------------------------------------------------- */

/* Whether the ciphering material fits the protection asked for. */
static bool cipher_cfg_ok(const msdk_cosem_client_config_t *cfg)
{
    const msdk_cosem_client_security_t *s = &cfg->sec;
    const uint8_t ae = (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC);
    if (((s->protection & (uint8_t)~ae) != 0u) || (s->suite > MSDK_COSEM_SEC_SUITE_1)) {
        return false;
    }
    if (s->per_request &&
        (((s->request_protection & (uint8_t)~ae) != 0u) ||
         (((s->request_protection & MSDK_COSEM_SC_AUTH) != 0u) && (s->ak == NULL)))) {
        return false;
    }
    if (s->protection == 0u) {
        return (s->dk == NULL) && !s->general && !s->per_request;
    }
    size_t need =
        (cfg->max_pdu > MSDK_COSEM_CLIENT_WORK_MIN) ? cfg->max_pdu : MSDK_COSEM_CLIENT_WORK_MIN;
    return (s->system_title != NULL) && (s->ek != NULL) &&
           (((s->protection & MSDK_COSEM_SC_AUTH) == 0u) || (s->ak != NULL)) && (s->work != NULL) &&
           (s->work_cap >= need);
}

/* Whether the secret and the HLS material fit the mechanism. */
static bool mech_cfg_ok(const msdk_cosem_client_config_t *cfg)
{
    const msdk_cosem_client_security_t *s = &cfg->sec;
    const uint8_t m = cfg->mechanism;
    bool with_secret =
        (m == (uint8_t)MSDK_COSEM_MECH_LLS) || (m == (uint8_t)MSDK_COSEM_MECH_HLS_MD5) ||
        (m == (uint8_t)MSDK_COSEM_MECH_HLS_SHA1) || (m == (uint8_t)MSDK_COSEM_MECH_HLS_SHA256);
    if (with_secret) {
        if ((cfg->password == NULL) || (cfg->password_len == 0u) ||
            (cfg->password_len > MSDK_COSEM_AUTH_VALUE_MAX)) {
            return false;
        }
    } else if (cfg->password_len != 0u) {
        return false;
    }
    if ((m == (uint8_t)MSDK_COSEM_MECH_LOWEST) || (m == (uint8_t)MSDK_COSEM_MECH_LLS)) {
        return true;
    }
    if (!mech_is_hls(m) || (s->drbg == NULL) ||
        ((s->challenge_len != 0u) && ((s->challenge_len < MSDK_COSEM_HLS_CHALLENGE_MIN) ||
                                      (s->challenge_len > MSDK_COSEM_HLS_CHALLENGE_MAX)))) {
        return false;
    }
    if ((m >= (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) && (s->system_title == NULL)) {
        return false;
    }
    if ((m == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) && ((s->ek == NULL) || (s->ak == NULL))) {
        return false;
    }
    return (m != (uint8_t)MSDK_COSEM_MECH_HLS_ECDSA) ||
           ((s->sign_key != NULL) && (s->server_public_key != NULL));
}

msdk_err_t msdk_cosem_client_init(msdk_cosem_client_t *c, const msdk_cosem_client_config_t *cfg)
{
    if ((c == NULL) || (cfg == NULL) || !mech_cfg_ok(cfg) || !cipher_cfg_ok(cfg)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((cfg->conformance == 0u) || ((cfg->conformance & ~MSDK_COSEM_CONF_MASK) != 0u) ||
        (cfg->max_pdu < CLIENT_MIN_PDU) || (cfg->invoke_id > MSDK_COSEM_IIP_ID_MASK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(c, 0, sizeof(*c));
    c->cfg = *cfg;
    if (cfg->password_len != 0u) {
        memcpy(c->password, cfg->password, cfg->password_len);
    }
    c->cfg.password = c->password;
    c->next_id = cfg->invoke_id;
    c->ic_next = cfg->sec.ic;
    c->state = (uint8_t)MSDK_COSEM_CLIENT_IDLE;
    return MSDK_OK;
}

void msdk_cosem_client_reset(msdk_cosem_client_t *c)
{
    if (c == NULL) {
        return;
    }
    c->state = (uint8_t)MSDK_COSEM_CLIENT_IDLE;
    c->op = OP_NONE;
    c->conformance = 0u;
    c->server_pdu = 0u;
    c->buf = NULL;
    c->cap = 0u;
    c->len = 0u;
    c->block = 0u;
    c->tx_value = NULL;
    c->tx_len = 0u;
    c->tx_off = 0u;
    c->server_ic = 0u;
    c->server_ic_seen = false;
    c->ciphered = false;
    c->has_server_title = false;
    memset(c->server_title, 0, sizeof c->server_title);
    wipe(c->ctos, sizeof c->ctos);
    c->ctos_len = 0u;
    wipe(c->stoc, sizeof c->stoc);
    c->stoc_len = 0u;
}

void msdk_cosem_client_wipe(msdk_cosem_client_t *c)
{
    if (c != NULL) {
        wipe(c, sizeof(*c));
    }
}

void msdk_cosem_client_abort(msdk_cosem_client_t *c)
{
    if ((c == NULL) || (c->op == OP_NONE)) {
        return;
    }
    if ((c->op == OP_AARQ) || (c->op == OP_RLRQ) || (c->op == OP_HLS)) {
        msdk_cosem_client_reset(c);
        return;
    }
    c->op = OP_NONE;
    c->buf = NULL;
    c->cap = 0u;
    c->tx_value = NULL;
    c->state = (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED;
}

msdk_cosem_client_state_t msdk_cosem_client_state(const msdk_cosem_client_t *c)
{
    return (c == NULL) ? MSDK_COSEM_CLIENT_IDLE : (msdk_cosem_client_state_t)c->state;
}

bool msdk_cosem_client_is_associated(const msdk_cosem_client_t *c)
{
    return (c != NULL) && ((c->state == (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED) ||
                           (c->state == (uint8_t)MSDK_COSEM_CLIENT_BUSY) ||
                           (c->state == (uint8_t)MSDK_COSEM_CLIENT_RLRQ_SENT));
}

uint32_t msdk_cosem_client_conformance(const msdk_cosem_client_t *c)
{
    return msdk_cosem_client_is_associated(c) ? c->conformance : 0u;
}

uint16_t msdk_cosem_client_server_pdu(const msdk_cosem_client_t *c)
{
    return msdk_cosem_client_is_associated(c) ? c->server_pdu : 0u;
}

msdk_err_t msdk_cosem_client_next_ic(const msdk_cosem_client_t *c, uint32_t *ic)
{
    if ((c == NULL) || (ic == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!ic_available(c, 1u)) {
        return MSDK_ERR_OVERFLOW;
    }
    *ic = (uint32_t)c->ic_next;
    return MSDK_OK;
}

const msdk_cosem_client_result_t *msdk_cosem_client_result(const msdk_cosem_client_t *c)
{
    return (c == NULL) ? NULL : &c->res;
}

/* ---- Association -------------------------------------------------------------------------- */

/* The protection of the ciphered InitiateRequest: the association's, encrypted whenever it
 * carries the dedicated key. */
static uint8_t initiate_protection(const msdk_cosem_client_t *c)
{
    uint8_t prot = c->cfg.sec.protection;
    if (c->cfg.sec.dk != NULL) {
        prot |= (uint8_t)MSDK_COSEM_SC_ENC;
    }
    return prot;
}

/* Fills the user information of the AARQ, or of the RLRQ of a ciphered association: the
 * InitiateRequest, plain, or ciphered in the work buffer with the next invocation counter
 * (its reference stays valid until the work buffer is reused; the caller wipes it with
 * wipe_user_info() and moves the counter on once the APDU is written). */
static msdk_err_t initiate_user_info(const msdk_cosem_client_t *c, msdk_cosem_user_info_t *ui)
{
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    msdk_cosem_initiate_req_t *rq = &ui->request;
    rq->response_allowed = true;
    rq->dlms_version = (uint8_t)MSDK_COSEM_DLMS_VERSION;
    rq->conformance = c->cfg.conformance;
    rq->max_pdu_size = c->cfg.max_pdu;
    if (s->protection == 0u) {
        ui->kind = (uint8_t)MSDK_COSEM_UI_INITIATE_REQUEST;
        return MSDK_OK;
    }
    if (!ic_available(c, 1u)) {
        return MSDK_ERR_OVERFLOW;
    }
    if (s->dk != NULL) {
        memcpy(rq->dedicated_key, s->dk, MSDK_COSEM_SEC_KEY_LEN);
        rq->dedicated_key_len = (uint8_t)MSDK_COSEM_SEC_KEY_LEN;
    }
    /* The plaintext at the start of the work buffer, the ciphered APDU after it. */
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, s->work, s->work_cap);
    msdk_err_t err = msdk_cosem_initiate_req_encode(rq, &pw);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_wbuf_t cw;
    msdk_wbuf_init(&cw, &s->work[pw.pos], s->work_cap - pw.pos);
    /* glo-initiateRequest whatever the form of the later requests: the one every server
     * accepts in an AARQ. */
    err = protect(c, (uint8_t)MSDK_COSEM_SEC_FORM_GLO, initiate_protection(c), (uint32_t)c->ic_next,
                  s->work, pw.pos, &cw);
    msdk_port_crypto_zeroize(s->work, pw.pos);
    if (err != MSDK_OK) {
        return err;
    }
    ui->kind = (uint8_t)MSDK_COSEM_UI_CIPHERED;
    ui->tag = cw.p[0];
    ui->raw = cw.p;
    ui->raw_len = cw.pos;
    return MSDK_OK;
}

/* Wipes the ciphered InitiateRequest of initiate_user_info() from the work buffer (its
 * plaintext before it is wiped already), and the dedicated key of `ui`. */
static void wipe_user_info(const msdk_cosem_client_t *c, msdk_cosem_user_info_t *ui)
{
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    if (ui->kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) {
        msdk_port_crypto_zeroize(s->work, (size_t)(ui->raw - s->work) + ui->raw_len);
    }
    msdk_port_crypto_zeroize(ui, sizeof(*ui));
}

msdk_err_t msdk_cosem_client_associate(msdk_cosem_client_t *c, msdk_wbuf_t *tx)
{
    if ((c == NULL) || (tx == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->state != (uint8_t)MSDK_COSEM_CLIENT_IDLE) {
        return MSDK_ERR_STATE;
    }
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    const uint8_t mech = c->cfg.mechanism;
    msdk_cosem_aarq_t aarq;
    memset(&aarq, 0, sizeof aarq);
    aarq.app_context = (uint8_t)((s->protection != 0u) ? MSDK_COSEM_APP_CONTEXT_LN_CIPHERED
                                                       : MSDK_COSEM_APP_CONTEXT_LN);
    if (s->system_title != NULL) {
        memcpy(aarq.calling_ap_title, s->system_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
        aarq.calling_ap_title_len = (uint8_t)MSDK_COSEM_SYSTEM_TITLE_LEN;
    }
    msdk_err_t err = MSDK_OK;
    if (mech != (uint8_t)MSDK_COSEM_MECH_LOWEST) {
        aarq.auth_required = true;
        aarq.mechanism_present = true;
        aarq.mechanism = mech;
        aarq.auth_value_present = true;
        if (mech == (uint8_t)MSDK_COSEM_MECH_LLS) {
            aarq.auth_value_len = (uint8_t)c->cfg.password_len;
            memcpy(aarq.auth_value, c->password, c->cfg.password_len);
        } else {
            aarq.auth_value_len = (s->challenge_len != 0u)
                                      ? s->challenge_len
                                      : (uint8_t)MSDK_COSEM_CLIENT_CHALLENGE_DEFAULT;
            err = msdk_cosem_hls_challenge(s->drbg, aarq.auth_value, aarq.auth_value_len);
        }
    }
    if (err == MSDK_OK) {
        err = initiate_user_info(c, &aarq.user_info);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_aarq_encode(&aarq, tx);
    }
    wipe_user_info(c, &aarq.user_info);
    if ((err == MSDK_OK) && mech_is_hls(mech)) {
        memcpy(c->ctos, aarq.auth_value, aarq.auth_value_len);
        c->ctos_len = aarq.auth_value_len;
    }
    msdk_port_crypto_zeroize(&aarq, sizeof aarq);
    if (err != MSDK_OK) {
        return err;
    }
    if (s->protection != 0u) {
        c->ic_next++;
    }
    begin(c, OP_AARQ, 0u);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_client_release(msdk_cosem_client_t *c, msdk_wbuf_t *tx)
{
    msdk_err_t err = check_service_start(c, tx);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_cosem_release_t rel;
    memset(&rel, 0, sizeof rel);
    rel.reason_present = true;
    rel.reason = (uint8_t)MSDK_COSEM_RLRQ_NORMAL;
    rel.user_info.kind = (uint8_t)MSDK_COSEM_UI_NONE;
    if (c->ciphered) {
        /* The InitiateRequest of the AARQ again, in a glo-initiateRequest with a new
         * counter: the server knows the release comes from the client. */
        err = initiate_user_info(c, &rel.user_info);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_rlrq_encode(&rel, tx);
    }
    wipe_user_info(c, &rel.user_info);
    if (err != MSDK_OK) {
        return err;
    }
    if (c->ciphered) {
        c->ic_next++;
    }
    begin(c, OP_RLRQ, 0u);
    return MSDK_OK;
}

/* ---- Services ----------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_client_get(msdk_cosem_client_t *c, const msdk_cosem_xdlms_attr_sel_t *attr,
                                 uint8_t *val, size_t cap, msdk_wbuf_t *tx)
{
    msdk_err_t err = check_service_start(c, tx);
    if ((err == MSDK_OK) && ((attr == NULL) || ((val == NULL) && (cap != 0u)))) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t iip = make_iip(c);
    msdk_wbuf_t w = req_open(c, tx);
    err = msdk_cosem_xdlms_get_request_encode_normal(&w, iip, attr);
    err = req_send(c, &w, tx, err, OP_GET, iip);
    if (err != MSDK_OK) {
        return err;
    }
    c->buf = val;
    c->cap = cap;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_client_get_list(msdk_cosem_client_t *c,
                                      const msdk_cosem_xdlms_attr_sel_t *items, size_t n,
                                      uint8_t *buf, size_t cap, msdk_wbuf_t *tx)
{
    msdk_err_t err = check_service_start(c, tx);
    if ((err == MSDK_OK) &&
        ((items == NULL) || (n == 0u) || (n > 255u) || ((buf == NULL) && (cap != 0u)))) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if (err != MSDK_OK) {
        return err;
    }
    if ((c->conformance & MSDK_COSEM_CONF_MULTIPLE_REFERENCES) == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    uint8_t iip = make_iip(c);
    msdk_wbuf_t w = req_open(c, tx);
    err = msdk_cosem_xdlms_get_request_encode_with_list(&w, iip, items, n);
    err = req_send(c, &w, tx, err, OP_GET_LIST, iip);
    if (err != MSDK_OK) {
        return err;
    }
    c->buf = buf;
    c->cap = cap;
    c->tx_len = n; /* number of items asked for */
    return MSDK_OK;
}

msdk_err_t msdk_cosem_client_list_iter(const msdk_cosem_client_t *c, msdk_cosem_xdlms_iter_t *it)
{
    if ((c == NULL) || (it == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((c->op != OP_NONE) || (c->res.outcome != (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE) ||
        (c->res.count == 0u)) {
        return MSDK_ERR_STATE;
    }
    msdk_cosem_xdlms_list_t list;
    list.kind = (uint8_t)MSDK_COSEM_XDLMS_LIST_GET_RESULT;
    list.count = c->res.count;
    list.p = c->res.value;
    list.len = c->res.value_len;
    msdk_cosem_xdlms_iter_init(it, &list);
    return MSDK_OK;
}

/* One block of a SET value or of ACTION parameters to write: value[off..off + size) (the
 * rest of the value if shorter). The first block names the attribute or the method. */
typedef struct tx_block {
    uint8_t op;                                   /* OP_SET or OP_ACTION */
    const msdk_cosem_xdlms_attr_sel_t *attr;      /* SET: first block; else NULL */
    const msdk_cosem_xdlms_method_desc_t *method; /* ACTION: first block; else NULL */
    const uint8_t *value;                         /* The whole value. */
    size_t len;                                   /* Its length. */
    size_t off;                                   /* First byte of this block. */
    size_t size;                                  /* Largest block. */
    uint32_t number;                              /* Block number. */
    uint8_t iip;                                  /* Invoke-Id-And-Priority. */
} tx_block_t;

/* Encodes a block request (set-request-with-first-datablock / -with-datablock,
 * action-request-with-first-pblock / -with-pblock) into `w` (from req_open); *n gets the value
 * bytes it carries. */
static msdk_err_t put_block(const tx_block_t *tb, msdk_wbuf_t *w, size_t *n)
{
    size_t rest = tb->len - tb->off;
    size_t take = (rest < tb->size) ? rest : tb->size;
    msdk_cosem_xdlms_datablock_t b;
    b.last = (take == rest);
    b.block_number = tb->number;
    b.raw.p = &tb->value[tb->off];
    b.raw.len = take;
    msdk_err_t err;
    if (tb->op == OP_SET) {
        err = (tb->attr != NULL)
                  ? msdk_cosem_xdlms_set_request_encode_first_block(w, tb->iip, tb->attr, &b)
                  : msdk_cosem_xdlms_set_request_encode_block(w, tb->iip, &b);
    } else {
        err = (tb->method != NULL)
                  ? msdk_cosem_xdlms_action_request_encode_first_pblock(w, tb->iip, tb->method, &b)
                  : msdk_cosem_xdlms_action_request_encode_pblock(w, tb->iip, &b);
    }
    if (err == MSDK_OK) {
        *n = take;
    }
    return err;
}

/* Starts a SET or an ACTION whose value does not fit one request: the first block, sized so
 * that every block request fits the room of `tx` (at most the server's PDU; on a ciphered
 * association the room of the plaintext). */
static msdk_err_t start_blocks(msdk_cosem_client_t *c, tx_block_t *tb, msdk_wbuf_t *tx)
{
    /* Size the blocks: the first-block request with no data, plus the longest length form. */
    msdk_wbuf_t w = req_open(c, tx);
    msdk_wbuf_t probe = w;
    size_t n = 0u;
    tb->size = 0u;
    msdk_err_t err = put_block(tb, &probe, &n);
    if (err != MSDK_OK) {
        return err;
    }
    size_t header = (probe.pos - w.pos) + LEN_EXTRA;
    size_t room = w.cap - w.pos;
    if (room <= header) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    tb->size = room - header;
    err = put_block(tb, &w, &n);
    err = req_send(c, &w, tx, err, tb->op, tb->iip);
    if (err != MSDK_OK) {
        return err;
    }
    c->tx_value = tb->value;
    c->tx_len = tb->len;
    c->tx_off = n;
    c->block = 1u;
    c->block_size = tb->size;
    c->res.blocks = 1u;
    return MSDK_OK;
}

/* Writes the next block of the value being sent, after the server acknowledged block
 * `number` (the last one sent). */
static msdk_err_t next_block(msdk_cosem_client_t *c, uint32_t number, msdk_wbuf_t *tx, bool *more)
{
    if ((c->tx_value == NULL) || (number != c->block) || (c->tx_off >= c->tx_len)) {
        return MSDK_ERR_MALFORMED; /* not the block sent, or the last one acknowledged */
    }
    tx_block_t tb = { c->op,     NULL,          NULL,          c->tx_value, c->tx_len,
                      c->tx_off, c->block_size, c->block + 1u, c->iip };
    size_t n = 0u;
    msdk_wbuf_t w = req_open(c, tx);
    msdk_err_t err = req_finish(c, &w, tx, put_block(&tb, &w, &n));
    if (err != MSDK_OK) {
        return err;
    }
    c->tx_off += n;
    c->block++;
    c->res.blocks++;
    *more = true;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_client_set(msdk_cosem_client_t *c, const msdk_cosem_xdlms_attr_sel_t *attr,
                                 const uint8_t *value, size_t len, msdk_wbuf_t *tx)
{
    msdk_err_t err = check_service_start(c, tx);
    if ((err == MSDK_OK) && ((attr == NULL) || (value == NULL))) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if ((err == MSDK_OK) && (one_value(value, len) != MSDK_OK)) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t iip = make_iip(c);
    msdk_wbuf_t w = req_open(c, tx);
    msdk_cosem_xdlms_raw_t raw = { value, len };
    err = msdk_cosem_xdlms_set_request_encode_normal(&w, iip, attr, &raw);
    if (err == MSDK_OK) {
        return req_send(c, &w, tx, err, OP_SET, iip);
    }
    if (err != MSDK_ERR_BUFFER_TOO_SMALL) {
        return err;
    }
    if ((c->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_SET) == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    tx_block_t tb = { OP_SET, attr, NULL, value, len, 0u, 0u, 1u, iip };
    return start_blocks(c, &tb, tx);
}

msdk_err_t msdk_cosem_client_action(msdk_cosem_client_t *c,
                                    const msdk_cosem_xdlms_method_desc_t *method,
                                    const uint8_t *params, size_t len, uint8_t *ret, size_t cap,
                                    msdk_wbuf_t *tx)
{
    msdk_err_t err = check_service_start(c, tx);
    if ((err == MSDK_OK) &&
        ((method == NULL) || ((params == NULL) && (len != 0u)) || ((ret == NULL) && (cap != 0u)))) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if ((err == MSDK_OK) && (params != NULL) && (one_value(params, len) != MSDK_OK)) {
        err = MSDK_ERR_INVALID_ARG;
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t iip = make_iip(c);
    msdk_cosem_xdlms_raw_t raw = { params, len };
    msdk_wbuf_t w = req_open(c, tx);
    err = msdk_cosem_xdlms_action_request_encode_normal(&w, iip, method,
                                                        (params != NULL) ? &raw : NULL);
    if (err == MSDK_OK) {
        err = req_send(c, &w, tx, err, OP_ACTION, iip);
    } else if ((err == MSDK_ERR_BUFFER_TOO_SMALL) && (params != NULL)) {
        /* The parameters go in pblocks. */
        if ((c->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION) == 0u) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
        tx_block_t tb = { OP_ACTION, NULL, method, params, len, 0u, 0u, 1u, iip };
        err = start_blocks(c, &tb, tx);
    }
    if (err == MSDK_OK) {
        c->buf = ret;
        c->cap = cap;
    }
    return err;
}

/* ---- Responses ---------------------------------------------------------------------------- */

/* The members of an HLS computation, for this client (own) and the server (peer). */
static msdk_cosem_hls_t hls_params(const msdk_cosem_client_t *c, const uint8_t *stoc,
                                   size_t stoc_len)
{
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    msdk_cosem_hls_t h;
    memset(&h, 0, sizeof h);
    h.mechanism = c->cfg.mechanism;
    h.suite = s->suite;
    h.own_challenge = c->ctos;
    h.own_challenge_len = c->ctos_len;
    h.peer_challenge = stoc;
    h.peer_challenge_len = stoc_len;
    h.own_system_title = s->system_title;
    h.peer_system_title = c->has_server_title ? c->server_title : NULL;
    h.secret = c->password;
    h.secret_len = c->cfg.password_len;
    h.ek = s->ek;
    h.ak = s->ak;
    h.own_private_key = s->sign_key;
    h.drbg = s->drbg;
    h.peer_public_key = s->server_public_key;
    return h;
}

/* HLS pass 3: writes reply_to_HLS_authentication with f(StoC) (an octet-string), protected
 * like every request of the association. HLS 5 takes the invocation counter after the one of
 * the APDU (if ciphered). On success the invoke-id and the counter have moved on. */
static msdk_err_t hls_request(msdk_cosem_client_t *c, const uint8_t *stoc, size_t stoc_len,
                              msdk_wbuf_t *tx)
{
    const bool gmac = (c->cfg.mechanism == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC);
    const uint32_t apdu_ics = req_ciphered(c) ? 1u : 0u;
    if (!ic_available(c, apdu_ics + (gmac ? 1u : 0u))) {
        return MSDK_ERR_OVERFLOW;
    }
    msdk_cosem_hls_t h = hls_params(c, stoc, stoc_len);
    h.own_ic = (uint32_t)(c->ic_next + apdu_ics);
    uint8_t param[2u + MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0u;
    msdk_err_t err = msdk_cosem_hls_respond(&h, &param[2], sizeof param - 2u, &n);
    if (err == MSDK_OK) {
        param[0] = (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING;
        param[1] = (uint8_t)n; /* at most 64: the short length form */
        msdk_cosem_xdlms_raw_t raw = { param, n + 2u };
        uint8_t iip = make_iip(c);
        msdk_wbuf_t w = req_open(c, tx);
        err = msdk_cosem_xdlms_action_request_encode_normal(&w, iip, &k_hls_method, &raw);
        err = req_finish(c, &w, tx, err);
        if (err == MSDK_OK) {
            c->iip = iip;
            c->next_id = (uint8_t)((c->next_id + 1u) & MSDK_COSEM_IIP_ID_MASK);
            if (gmac) {
                c->ic_next++;
            }
        }
    }
    msdk_port_crypto_zeroize(param, sizeof param);
    return err;
}

/* Deciphers the InitiateResponse (or ConfirmedServiceError) of an AARE or RLRE (user
 * information `in`, from the server system title `title`, NULL when not known) into the work
 * buffer; `*ic` gets the server's invocation counter. The plaintext is wiped again here. */
static msdk_err_t initiate_unprotect(const msdk_cosem_client_t *c, const msdk_cosem_user_info_t *in,
                                     const uint8_t *title, msdk_cosem_user_info_t *ui, uint32_t *ic)
{
    if ((in->kind != (uint8_t)MSDK_COSEM_UI_CIPHERED) || (title == NULL)) {
        return MSDK_ERR_AUTH;
    }
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    msdk_cosem_sec_keys_t k = keys_of(c);
    msdk_cosem_sec_rx_t rx = { s->suite, s->protection, title };
    msdk_cosem_sec_header_t h;
    size_t n = 0u;
    msdk_err_t err =
        msdk_cosem_sec_unprotect(&k, &rx, in->raw, in->raw_len, s->work, s->work_cap, &h, &n);
    if (err == MSDK_ERR_STATE) {
        err = MSDK_ERR_AUTH; /* a form whose key the client does not have */
    }
    if ((err == MSDK_OK) && h.system_title_present &&
        (memcmp(h.system_title, title, MSDK_COSEM_SYSTEM_TITLE_LEN) != 0)) {
        err = MSDK_ERR_AUTH;
    }
    if (err != MSDK_OK) {
        return err;
    }
    msdk_cosem_user_info_t u;
    memset(&u, 0, sizeof u);
    if ((n > 0u) && (s->work[0] == (uint8_t)MSDK_COSEM_XDLMS_TAG_INITIATE_RESP)) {
        u.kind = (uint8_t)MSDK_COSEM_UI_INITIATE_RESPONSE;
        err = msdk_cosem_initiate_resp_decode(s->work, n, &u.response);
    } else if ((n == CSE_LEN) &&
               (s->work[0] == (uint8_t)MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR)) {
        u.kind = (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR;
        u.service_error.service = s->work[1];
        u.service_error.type = s->work[2];
        u.service_error.value = s->work[3];
    } else {
        err = MSDK_ERR_MALFORMED;
    }
    msdk_port_crypto_zeroize(s->work, n);
    if (err == MSDK_OK) {
        *ui = u;
        *ic = h.ic;
    }
    return err;
}

/* The responding-AP-title of an AARE when it is a system title, else NULL. */
static const uint8_t *aare_title(const msdk_cosem_aare_t *aare)
{
    return (aare->responding_ap_title_len == MSDK_COSEM_SYSTEM_TITLE_LEN)
               ? aare->responding_ap_title
               : NULL;
}

/* An AARE that rejects the association: a result, whatever its user information. */
static void aare_rejected(msdk_cosem_client_t *c, const msdk_cosem_aare_t *aare,
                          msdk_cosem_client_result_t *r)
{
    if (aare->user_info.kind == (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR) {
        r->service_error = aare->user_info.service_error;
    } else if ((aare->user_info.kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) &&
               (c->cfg.sec.protection != 0u)) {
        /* An initiateError the server protected; unreadable ones are left out. */
        msdk_cosem_user_info_t u;
        uint32_t ic = 0u;
        if ((initiate_unprotect(c, &aare->user_info, aare_title(aare), &u, &ic) == MSDK_OK) &&
            (u.kind == (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR)) {
            r->service_error = u.service_error;
        }
    } else {
        /* No user information, or an InitiateResponse: nothing to report. */
    }
    msdk_cosem_client_reset(c);
    r->outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_REJECTED;
    c->res = *r;
}

static msdk_err_t rx_aare(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len, msdk_wbuf_t *tx,
                          bool *more)
{
    msdk_cosem_aare_t aare;
    msdk_err_t err = msdk_cosem_aare_decode(apdu, len, &aare);
    if (err != MSDK_OK) {
        return err;
    }
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    const bool cipher = (s->protection != 0u);
    msdk_cosem_client_result_t r;
    memset(&r, 0, sizeof r);
    r.result = aare.result;
    r.diag_source = aare.diag_source;
    r.diag = aare.diag;
    if (aare.result != (uint8_t)MSDK_COSEM_ASSOC_ACCEPTED) {
        aare_rejected(c, &aare, &r);
        *more = false;
        return MSDK_OK;
    }
    const uint8_t mech = c->cfg.mechanism;
    const bool hls = mech_is_hls(mech);
    const bool auth_required = (aare.diag_source == (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER) &&
                               (aare.diag == (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED);
    const uint8_t context =
        (uint8_t)(cipher ? MSDK_COSEM_APP_CONTEXT_LN_CIPHERED : MSDK_COSEM_APP_CONTEXT_LN);
    if ((aare.app_context != context) || (auth_required && !hls)) {
        return MSDK_ERR_NOT_SUPPORTED; /* not what was proposed: another context, HLS */
    }
    if (hls && !auth_required) {
        return MSDK_ERR_AUTH; /* the server would skip the proof of its identity */
    }
    const bool titled = cipher || (mech >= (uint8_t)MSDK_COSEM_MECH_HLS_GMAC);
    if (titled && (aare.responding_ap_title_len != MSDK_COSEM_SYSTEM_TITLE_LEN)) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_cosem_user_info_t ui = aare.user_info;
    uint32_t ic = 0u;
    if (cipher) {
        err = initiate_unprotect(c, &aare.user_info, aare_title(&aare), &ui, &ic);
        if (err != MSDK_OK) {
            return err;
        }
    } else if (ui.kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) {
        return MSDK_ERR_NOT_SUPPORTED;
    } else {
        /* Plain user information, checked below. */
    }
    if ((ui.kind != (uint8_t)MSDK_COSEM_UI_INITIATE_RESPONSE) ||
        (ui.response.max_pdu_size < CLIENT_MIN_PDU)) {
        return MSDK_ERR_MALFORMED;
    }
    if (hls && (!aare.auth_value_present || (aare.auth_value_len < MSDK_COSEM_HLS_CHALLENGE_MIN) ||
                (aare.auth_value_len > MSDK_COSEM_HLS_CHALLENGE_MAX) ||
                (aare.mechanism_present && (aare.mechanism != mech)))) {
        return MSDK_ERR_MALFORMED;
    }
    /* The association as the AARE sets it up, in a copy until everything has succeeded. */
    msdk_cosem_client_t next = *c;
    next.conformance = ui.response.conformance;
    next.server_pdu = ui.response.max_pdu_size;
    next.ciphered = cipher;
    next.server_ic = ic;
    next.server_ic_seen = cipher;
    next.has_server_title = (aare.responding_ap_title_len == MSDK_COSEM_SYSTEM_TITLE_LEN);
    if (next.has_server_title) {
        memcpy(next.server_title, aare.responding_ap_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
    }
    next.res = r;
    if (hls) {
        memcpy(next.stoc, aare.auth_value, aare.auth_value_len);
        next.stoc_len = aare.auth_value_len;
        err = hls_request(&next, next.stoc, next.stoc_len, tx);
        if (err == MSDK_OK) {
            next.state = (uint8_t)MSDK_COSEM_CLIENT_HLS_SENT;
            next.op = OP_HLS;
            *c = next;
            *more = true;
        }
    } else {
        wipe(next.ctos, sizeof next.ctos);
        next.ctos_len = 0u;
        next.state = (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED;
        next.op = OP_NONE;
        next.res.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_ASSOCIATED;
        *c = next;
        *more = false;
    }
    wipe(&next, sizeof next);
    return err;
}

/* MSDK_ERR_NOT_FOUND unless `iip` (a response's) carries the invoke-id of the request. */
static msdk_err_t own_iip(const msdk_cosem_client_t *c, uint8_t iip)
{
    return ((iip & MSDK_COSEM_IIP_ID_MASK) == (c->iip & MSDK_COSEM_IIP_ID_MASK))
               ? MSDK_OK
               : MSDK_ERR_NOT_FOUND;
}

/* Decodes an action response to the request in progress (one item). */
static msdk_err_t action_answer(const msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                                msdk_cosem_xdlms_action_response_t *a)
{
    msdk_err_t err = msdk_cosem_xdlms_action_response_decode(apdu, len, 1u, a);
    return (err == MSDK_OK) ? own_iip(c, a->iip) : err;
}

/* HLS pass 4: the answer to reply_to_HLS_authentication. `h` is the security header of the
 * response on a ciphered association, NULL otherwise. */
static msdk_err_t rx_hls(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                         const msdk_cosem_sec_header_t *h)
{
    msdk_cosem_xdlms_action_response_t a;
    msdk_err_t err = action_answer(c, apdu, len, &a);
    if (err != MSDK_OK) {
        return err;
    }
    if (a.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL) {
        return MSDK_ERR_MALFORMED;
    }
    if (a.item.result != (uint8_t)MSDK_COSEM_ACTION_SUCCESS) {
        /* The server did not accept the client's answer: not associated. */
        msdk_cosem_client_result_t r = c->res;
        r.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_HLS_REFUSED;
        r.result = a.item.result;
        msdk_cosem_client_reset(c);
        c->res = r;
        return MSDK_OK;
    }
    /* Success must come with the server's proof f(CtoS), one octet-string. */
    uint8_t answer[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0u;
    if (!a.item.has_return || !a.item.ret.is_data) {
        return MSDK_ERR_AUTH;
    }
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, a.item.ret.data.p, a.item.ret.data.len);
    err = msdk_cosem_axdr_get_octets(&rb, (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING, answer,
                                     sizeof answer, &n);
    if ((err != MSDK_OK) || (msdk_rbuf_remaining(&rb) != 0u)) {
        return MSDK_ERR_AUTH;
    }
    msdk_cosem_hls_t hv = hls_params(c, c->stoc, c->stoc_len);
    uint32_t f_ic = 0u;
    err = msdk_cosem_hls_verify(&hv, answer, n, &f_ic);
    if ((err == MSDK_OK) && (c->cfg.mechanism == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) &&
        (h != NULL) && ((f_ic == h->ic) || (c->server_ic_seen && (f_ic <= c->server_ic)))) {
        err = MSDK_ERR_AUTH; /* a counter of the server used twice, or an old one */
    }
    if (err != MSDK_OK) {
        return err;
    }
    if ((c->cfg.mechanism == (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) && (h != NULL)) {
        c->server_ic = f_ic; /* rx() raises it to the response's counter if that is higher */
    }
    wipe(c->ctos, sizeof c->ctos);
    c->ctos_len = 0u;
    wipe(c->stoc, sizeof c->stoc);
    c->stoc_len = 0u;
    c->state = (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED;
    c->op = OP_NONE;
    c->res.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_ASSOCIATED;
    return MSDK_OK;
}

static msdk_err_t rx_rlre(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len)
{
    msdk_cosem_release_t rel;
    msdk_err_t err = msdk_cosem_rlre_decode(apdu, len, &rel);
    if (err != MSDK_OK) {
        return err;
    }
    const uint8_t kind = rel.user_info.kind;
    if (c->ciphered && (kind != (uint8_t)MSDK_COSEM_UI_NONE)) {
        /* The answer to a ciphered RLRQ: a glo-initiateResponse from the server's title with
         * a new counter. (Without user information: the server released without telling
         * why, e.g. it could not decipher the RLRQ; the association is over either way.) */
        msdk_cosem_user_info_t ui;
        uint32_t ic = 0u;
        err = initiate_unprotect(c, &rel.user_info, c->has_server_title ? c->server_title : NULL,
                                 &ui, &ic);
        if ((err == MSDK_OK) && ((ui.kind != (uint8_t)MSDK_COSEM_UI_INITIATE_RESPONSE) ||
                                 (c->server_ic_seen && (ic <= c->server_ic)))) {
            err = MSDK_ERR_AUTH; /* not an InitiateResponse, or a replay */
        }
        if (err != MSDK_OK) {
            return err;
        }
    } else if (kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) {
        return MSDK_ERR_NOT_SUPPORTED; /* ciphered, but the association is not */
    } else {
        /* Plain: none, or an InitiateResponse (checked by the decoder). */
    }
    msdk_cosem_client_reset(c);
    c->res.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_RELEASED;
    c->res.result = rel.reason_present ? rel.reason : (uint8_t)MSDK_COSEM_RLRE_NORMAL;
    return MSDK_OK;
}

/* exception-response or confirmed-service-error: ends any operation. */
static msdk_err_t rx_error(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len)
{
    msdk_cosem_client_result_t r;
    memset(&r, 0, sizeof r);
    if (apdu[0] == (uint8_t)MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE) {
        msdk_err_t err = msdk_cosem_xdlms_exception_decode(apdu, len, &r.exception);
        if (err != MSDK_OK) {
            return err;
        }
        r.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_EXCEPTION;
    } else {
        if (len < CSE_LEN) {
            return MSDK_ERR_TRUNCATED;
        }
        if (len > CSE_LEN) {
            return MSDK_ERR_MALFORMED;
        }
        r.service_error.service = apdu[1];
        r.service_error.type = apdu[2];
        r.service_error.value = apdu[3];
        if (r.service_error.type > (uint8_t)MSDK_COSEM_SERR_OTHER) {
            return MSDK_ERR_MALFORMED;
        }
        r.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_SERVICE_ERROR;
    }
    uint8_t op = c->op;
    if ((op == OP_AARQ) || (op == OP_HLS)) {
        msdk_cosem_client_reset(c); /* no association */
        c->res = r;
        return MSDK_OK;
    }
    finish(c, r.outcome); /* after an RLRQ too: the server did not release */
    c->res = r;
    return MSDK_OK;
}

/* Checks the reassembled bytes of a GET with list: count, then that many results. */
static msdk_err_t list_check(const uint8_t *p, size_t n, uint32_t want, size_t *off)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, p, n);
    uint32_t count = 0u;
    msdk_err_t err = msdk_cosem_axdr_get_length(&rb, &count);
    if (err != MSDK_OK) {
        return err;
    }
    if (count != want) {
        return (count > want) ? MSDK_ERR_NO_SPACE : MSDK_ERR_MALFORMED;
    }
    msdk_cosem_xdlms_list_t list = { (uint8_t)MSDK_COSEM_XDLMS_LIST_GET_RESULT, count, &p[rb.pos],
                                     n - rb.pos };
    msdk_cosem_xdlms_iter_t it;
    msdk_cosem_xdlms_iter_init(&it, &list);
    for (uint32_t i = 0; i < count; i++) {
        msdk_cosem_xdlms_get_result_t item;
        err = msdk_cosem_xdlms_iter_next_get_result(&it, &item);
        if (err != MSDK_OK) {
            return (err == MSDK_ERR_TRUNCATED) ? MSDK_ERR_MALFORMED : err;
        }
    }
    if (msdk_rbuf_remaining(&it.rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    *off = rb.pos;
    return MSDK_OK;
}

/* A block of a value received (a GET datablock, an ACTION return pblock) whose number must
 * be `expected`: its bytes are appended to the value buffer; unless it is the last, the
 * request for the next block is written and `*more` set. `*total` gets the bytes assembled.
 * The client changes only when the block is accepted and is not the last. */
static msdk_err_t rx_value_block(msdk_cosem_client_t *c, uint32_t number, uint32_t expected,
                                 const msdk_cosem_xdlms_raw_t *raw, bool last, msdk_wbuf_t *tx,
                                 bool *more, size_t *total)
{
    if (number != expected) {
        return MSDK_ERR_MALFORMED;
    }
    if (raw->len > (c->cap - c->len)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (raw->len != 0u) {
        memcpy(&c->buf[c->len], raw->p, raw->len);
    }
    *total = c->len + raw->len;
    if (last) {
        return MSDK_OK;
    }
    msdk_wbuf_t w = req_open(c, tx);
    msdk_err_t err = (c->op == OP_ACTION)
                         ? msdk_cosem_xdlms_action_request_encode_next_pblock(&w, c->iip, number)
                         : msdk_cosem_xdlms_get_request_encode_next(&w, c->iip, number);
    err = req_finish(c, &w, tx, err);
    if (err != MSDK_OK) {
        return err;
    }
    c->len = *total;
    c->block = number;
    c->tx_value = NULL;
    c->res.blocks++;
    *more = true;
    return MSDK_OK;
}

/* Ends an operation whose value (`len` bytes of the value buffer) is complete. */
static void finish_value(msdk_cosem_client_t *c, size_t len, uint8_t result)
{
    uint8_t *buf = c->buf;
    finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
    c->res.result = result;
    c->res.has_value = true;
    c->res.value = buf;
    c->res.value_len = len;
}

static msdk_err_t rx_get_block(msdk_cosem_client_t *c, const msdk_cosem_xdlms_get_response_t *g,
                               msdk_wbuf_t *tx, bool *more)
{
    if (g->block_number != (c->block + 1u)) {
        return MSDK_ERR_MALFORMED;
    }
    if (!g->result.is_data) {
        /* The server gave up the long GET. */
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = g->result.dar;
        c->res.blocks = g->block_number;
        *more = false;
        return MSDK_OK;
    }
    size_t total = 0u;
    msdk_err_t err = rx_value_block(c, g->block_number, c->block + 1u, &g->result.data, g->last, tx,
                                    more, &total);
    if ((err != MSDK_OK) || !g->last) {
        return err;
    }
    size_t off = 0u;
    err = (c->op == OP_GET) ? one_value(c->buf, total)
                            : list_check(c->buf, total, (uint32_t)c->tx_len, &off);
    if (err == MSDK_ERR_TRUNCATED) {
        err = MSDK_ERR_MALFORMED; /* the last block leaves the value incomplete */
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t op = c->op;
    uint32_t count = (uint32_t)c->tx_len;
    finish_value(c, total, (uint8_t)MSDK_COSEM_DAR_SUCCESS);
    c->res.blocks = g->block_number;
    c->res.value += off;
    c->res.value_len -= off;
    if (op == OP_GET_LIST) {
        c->res.has_value = false;
        c->res.count = count;
    }
    *more = false;
    return MSDK_OK;
}

static msdk_err_t rx_get(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len, msdk_wbuf_t *tx,
                         bool *more)
{
    msdk_cosem_xdlms_get_response_t g;
    size_t max_items = (c->op == OP_GET_LIST) ? c->tx_len : 1u;
    msdk_err_t err = msdk_cosem_xdlms_get_response_decode(apdu, len, max_items, &g);
    if (err == MSDK_OK) {
        err = own_iip(c, g.iip);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (g.type == (uint8_t)MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK) {
        return rx_get_block(c, &g, tx, more);
    }
    if (c->block != 0u) {
        return MSDK_ERR_MALFORMED; /* a block transfer cannot end with another choice */
    }
    if ((c->op == OP_GET) && (g.type == (uint8_t)MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL)) {
        if (!g.result.is_data) {
            finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
            c->res.result = g.result.dar;
            *more = false;
            return MSDK_OK;
        }
        if (g.result.data.len > c->cap) {
            return MSDK_ERR_BUFFER_TOO_SMALL;
        }
        memcpy(c->buf, g.result.data.p, g.result.data.len);
        finish_value(c, g.result.data.len, (uint8_t)MSDK_COSEM_DAR_SUCCESS);
        *more = false;
        return MSDK_OK;
    }
    if ((c->op == OP_GET_LIST) && (g.type == (uint8_t)MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST)) {
        if (g.list.count != c->tx_len) {
            return MSDK_ERR_MALFORMED;
        }
        if (g.list.len > c->cap) {
            return MSDK_ERR_BUFFER_TOO_SMALL;
        }
        if (g.list.len != 0u) {
            memcpy(c->buf, g.list.p, g.list.len);
        }
        uint8_t *buf = c->buf;
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
        c->res.value = buf;
        c->res.value_len = g.list.len;
        c->res.count = g.list.count;
        *more = false;
        return MSDK_OK;
    }
    return MSDK_ERR_MALFORMED;
}

static msdk_err_t rx_set(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len, msdk_wbuf_t *tx,
                         bool *more)
{
    msdk_cosem_xdlms_set_response_t s;
    msdk_err_t err = msdk_cosem_xdlms_set_response_decode(apdu, len, 1u, &s);
    if (err == MSDK_OK) {
        err = own_iip(c, s.iip);
    }
    if (err != MSDK_OK) {
        return err;
    }
    bool blocks = (c->tx_value != NULL);
    if (!blocks && (s.type == (uint8_t)MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL)) {
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = s.result;
        *more = false;
        return MSDK_OK;
    }
    if (!blocks || (s.block_number != c->block)) {
        return MSDK_ERR_MALFORMED;
    }
    if (s.type == (uint8_t)MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK) {
        uint32_t n = c->block;
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = s.result;
        c->res.blocks = n;
        *more = false;
        return MSDK_OK;
    }
    if (s.type != (uint8_t)MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK) {
        return MSDK_ERR_MALFORMED;
    }
    return next_block(c, s.block_number, tx, more);
}

/* The answers to an ACTION: the result (at the end, or early when the server refuses or
 * aborts a transfer), the acknowledgement of a parameter block, or a block of return data. */
static msdk_err_t rx_action(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                            msdk_wbuf_t *tx, bool *more)
{
    msdk_cosem_xdlms_action_response_t a;
    msdk_err_t err = action_answer(c, apdu, len, &a);
    if (err != MSDK_OK) {
        return err;
    }
    bool sending = (c->tx_value != NULL) && (c->tx_off < c->tx_len);
    if (a.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK) {
        return next_block(c, a.block_number, tx, more);
    }
    if (a.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK) {
        if (sending) {
            return MSDK_ERR_MALFORMED; /* return data before the last parameter block */
        }
        /* Return blocks count from 1 after the parameters (sent whole or in blocks). */
        uint32_t expected = (c->tx_value != NULL) ? 1u : (c->block + 1u);
        size_t total = 0u;
        err = rx_value_block(c, a.block.block_number, expected, &a.block.raw, a.block.last, tx,
                             more, &total);
        if ((err != MSDK_OK) || !a.block.last) {
            return err;
        }
        err = one_value(c->buf, total);
        if (err != MSDK_OK) {
            return (err == MSDK_ERR_TRUNCATED) ? MSDK_ERR_MALFORMED : err;
        }
        uint32_t blocks = c->res.blocks + 1u;
        finish_value(c, total, (uint8_t)MSDK_COSEM_ACTION_SUCCESS);
        c->res.blocks = blocks;
        *more = false;
        return MSDK_OK;
    }
    if (a.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL) {
        return MSDK_ERR_MALFORMED; /* a list answer to one method */
    }
    bool data = a.item.has_return && a.item.ret.is_data;
    if (data && (a.item.ret.data.len > c->cap)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (data) {
        memcpy(c->buf, a.item.ret.data.p, a.item.ret.data.len);
    }
    uint32_t blocks = c->res.blocks;
    if (data) {
        finish_value(c, a.item.ret.data.len, a.item.result);
    } else {
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = a.item.result;
    }
    c->res.blocks = blocks;
    *more = false;
    return MSDK_OK;
}

/* Deciphers a response of a ciphered association into the work buffer and checks where it
 * comes from and that it is new. */
static msdk_err_t rx_unprotect(const msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                               msdk_cosem_sec_header_t *h, size_t *n)
{
    if (!msdk_cosem_sec_is_ciphered_tag(apdu[0])) {
        return MSDK_ERR_AUTH; /* a plain response */
    }
    const msdk_cosem_client_security_t *s = &c->cfg.sec;
    msdk_cosem_sec_keys_t k = keys_of(c);
    msdk_cosem_sec_rx_t rx = { s->suite, req_prot(c), c->server_title };
    msdk_err_t err = msdk_cosem_sec_unprotect(&k, &rx, apdu, len, s->work, s->work_cap, h, n);
    if (err == MSDK_ERR_STATE) {
        err = MSDK_ERR_AUTH; /* a form whose key the client does not have */
    }
    if (err != MSDK_OK) {
        return err;
    }
    if ((h->system_title_present &&
         (memcmp(h->system_title, c->server_title, MSDK_COSEM_SYSTEM_TITLE_LEN) != 0)) ||
        (c->server_ic_seen && (h->ic <= c->server_ic))) {
        msdk_port_crypto_zeroize(s->work, *n);
        return MSDK_ERR_AUTH; /* another sender, or a replay */
    }
    return MSDK_OK;
}

/* A plain response (received so or deciphered); `h` as for rx_hls(). */
static msdk_err_t rx_plain(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                           const msdk_cosem_sec_header_t *h, msdk_wbuf_t *tx, bool *more)
{
    if (len == 0u) {
        return MSDK_ERR_TRUNCATED;
    }
    uint8_t tag = apdu[0];
    if ((tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE) ||
        (tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR)) {
        msdk_err_t err = rx_error(c, apdu, len);
        if (err == MSDK_OK) {
            *more = false;
        }
        return err;
    }
    bool done_more = false;
    msdk_err_t err = MSDK_ERR_MALFORMED;
    switch (c->op) {
    case OP_AARQ:
        if (tag == (uint8_t)MSDK_COSEM_ACSE_TAG_AARE) {
            err = rx_aare(c, apdu, len, tx, &done_more);
        }
        break;
    case OP_HLS:
        if (tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE) {
            err = rx_hls(c, apdu, len, h);
        }
        break;
    case OP_RLRQ:
        if (tag == (uint8_t)MSDK_COSEM_ACSE_TAG_RLRE) {
            err = rx_rlre(c, apdu, len);
        }
        break;
    case OP_GET:
    case OP_GET_LIST:
        if (tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_GET_RESPONSE) {
            err = rx_get(c, apdu, len, tx, &done_more);
        }
        break;
    case OP_SET:
        if (tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_SET_RESPONSE) {
            err = rx_set(c, apdu, len, tx, &done_more);
        }
        break;
    default:
        if (tag == (uint8_t)MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE) {
            err = rx_action(c, apdu, len, tx, &done_more);
        }
        break;
    }
    if (err == MSDK_OK) {
        *more = done_more;
    }
    return err;
}

msdk_err_t msdk_cosem_client_rx(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len,
                                msdk_wbuf_t *tx, bool *more)
{
    if ((c == NULL) || (tx == NULL) || (more == NULL) || ((apdu == NULL) && (len != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->op == OP_NONE) {
        return MSDK_ERR_STATE;
    }
    if (len == 0u) {
        return MSDK_ERR_TRUNCATED;
    }
    /* The ACSE APDUs (AARE, RLRE) are never ciphered as a whole; rx_aare() and rx_rlre()
     * decipher their user information. */
    if (!c->ciphered || (c->op == OP_AARQ) || (c->op == OP_RLRQ) ||
        ((req_prot(c) == 0u) && !msdk_cosem_sec_is_ciphered_tag(apdu[0]))) {
        /* (A plain request may be answered plain.) */
        return rx_plain(c, apdu, len, NULL, tx, more);
    }
    msdk_cosem_sec_header_t h;
    size_t n = 0u;
    msdk_err_t err = rx_unprotect(c, apdu, len, &h, &n);
    if (err != MSDK_OK) {
        return err;
    }
    err = rx_plain(c, c->cfg.sec.work, n, &h, tx, more);
    /* Deciphered, and consumed: the server's counter moves on (unless the association ended). */
    if ((err == MSDK_OK) && c->ciphered && (h.ic > c->server_ic)) {
        c->server_ic = h.ic;
    }
    msdk_port_crypto_zeroize(c->cfg.sec.work, n);
    return err;
}

msdk_err_t msdk_cosem_client_unprotect(const msdk_cosem_client_t *c, const uint8_t *apdu,
                                       size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    if ((c == NULL) || (out_len == NULL) || ((apdu == NULL) && (len != 0u)) ||
        ((out == NULL) && (cap != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!c->ciphered) {
        return MSDK_ERR_STATE;
    }
    if (len == 0u) {
        return MSDK_ERR_TRUNCATED;
    }
    msdk_cosem_sec_header_t h;
    size_t n = 0u;
    msdk_err_t err = rx_unprotect(c, apdu, len, &h, &n);
    if (err != MSDK_OK) {
        return err;
    }
    if (n > cap) {
        err = MSDK_ERR_BUFFER_TOO_SMALL;
    } else {
        memcpy(out, c->cfg.sec.work, n);
        *out_len = n;
    }
    msdk_port_crypto_zeroize(c->cfg.sec.work, n);
    return err;
}

/* ---- Selective access parameters ---------------------------------------------------------- */

/* capture_object_definition: structure { class_id, logical_name, attribute_index,
 * data_index }. */
static msdk_err_t put_capture_def(msdk_wbuf_t *wb, uint16_t class_id, const uint8_t ln[6],
                                  int8_t attr)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, class_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_int8(wb, attr);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, 0u);
    }
    return err;
}

msdk_err_t msdk_cosem_client_put_range(msdk_wbuf_t *wb, uint16_t class_id, const uint8_t ln[6],
                                       int8_t attr, const uint8_t from[12], const uint8_t to[12],
                                       const msdk_cosem_xdlms_attr_desc_t *cols, size_t ncols)
{
    if ((wb == NULL) || (ln == NULL) || (from == NULL) || (to == NULL) ||
        ((cols == NULL) && (ncols != 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = put_capture_def(wb, class_id, ln, attr);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, from, MSDK_COSEM_DATETIME_SIZE);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, to, MSDK_COSEM_DATETIME_SIZE);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, (uint32_t)ncols);
    }
    for (size_t i = 0; (err == MSDK_OK) && (i < ncols); i++) {
        err = put_capture_def(wb, cols[i].class_id, cols[i].obis, cols[i].attr_id);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}

msdk_err_t msdk_cosem_client_put_entry(msdk_wbuf_t *wb, uint32_t from, uint32_t to,
                                       uint16_t from_col, uint16_t to_col)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint32(wb, from);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint32(wb, to);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, from_col);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, to_col);
    }
    if (err != MSDK_OK) {
        wb->pos = mark;
    }
    return err;
}
