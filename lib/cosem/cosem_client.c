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
 */
#include "msdk/cosem/client.h"

#include <string.h>

#include "msdk/cosem/axdr.h"

/* Operation in progress (msdk_cosem_client_t::op). */
enum {
    OP_NONE = 0,
    OP_AARQ = 1,
    OP_RLRQ = 2,
    OP_GET = 3,
    OP_GET_LIST = 4,
    OP_SET = 5,
    OP_ACTION = 6,
};

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
    uint8_t iip = (uint8_t)(MSDK_COSEM_IIP_CONFIRMED | (c->next_id & MSDK_COSEM_IIP_ID_MASK));
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

msdk_err_t msdk_cosem_client_init(msdk_cosem_client_t *c, const msdk_cosem_client_config_t *cfg)
{
    if ((c == NULL) || (cfg == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cfg->mechanism == (uint8_t)MSDK_COSEM_MECH_LOWEST) {
        if (cfg->password_len != 0u) {
            return MSDK_ERR_INVALID_ARG;
        }
    } else if (cfg->mechanism == (uint8_t)MSDK_COSEM_MECH_LLS) {
        if ((cfg->password == NULL) || (cfg->password_len == 0u) ||
            (cfg->password_len > MSDK_COSEM_AUTH_VALUE_MAX)) {
            return MSDK_ERR_INVALID_ARG;
        }
    } else {
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
    if ((c->op == OP_AARQ) || (c->op == OP_RLRQ)) {
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

const msdk_cosem_client_result_t *msdk_cosem_client_result(const msdk_cosem_client_t *c)
{
    return (c == NULL) ? NULL : &c->res;
}

/* ---- Association -------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_client_associate(msdk_cosem_client_t *c, msdk_wbuf_t *tx)
{
    if ((c == NULL) || (tx == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->state != (uint8_t)MSDK_COSEM_CLIENT_IDLE) {
        return MSDK_ERR_STATE;
    }
    msdk_cosem_aarq_t aarq;
    memset(&aarq, 0, sizeof aarq);
    aarq.app_context = (uint8_t)MSDK_COSEM_APP_CONTEXT_LN;
    if (c->cfg.mechanism == (uint8_t)MSDK_COSEM_MECH_LLS) {
        aarq.auth_required = true;
        aarq.mechanism_present = true;
        aarq.mechanism = (uint8_t)MSDK_COSEM_MECH_LLS;
        aarq.auth_value_present = true;
        aarq.auth_value_len = (uint8_t)c->cfg.password_len;
        memcpy(aarq.auth_value, c->password, c->cfg.password_len);
    }
    aarq.user_info.kind = (uint8_t)MSDK_COSEM_UI_INITIATE_REQUEST;
    aarq.user_info.request.response_allowed = true;
    aarq.user_info.request.dlms_version = (uint8_t)MSDK_COSEM_DLMS_VERSION;
    aarq.user_info.request.conformance = c->cfg.conformance;
    aarq.user_info.request.max_pdu_size = c->cfg.max_pdu;
    msdk_err_t err = msdk_cosem_aarq_encode(&aarq, tx);
    wipe(aarq.auth_value, sizeof aarq.auth_value);
    if (err != MSDK_OK) {
        return err;
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
    err = msdk_cosem_rlrq_encode(&rel, tx);
    if (err != MSDK_OK) {
        return err;
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
    msdk_wbuf_t w = limited(c, tx);
    err = msdk_cosem_xdlms_get_request_encode_normal(&w, iip, attr);
    if (err != MSDK_OK) {
        return err;
    }
    tx->pos = w.pos;
    begin(c, OP_GET, iip);
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
    msdk_wbuf_t w = limited(c, tx);
    err = msdk_cosem_xdlms_get_request_encode_with_list(&w, iip, items, n);
    if (err != MSDK_OK) {
        return err;
    }
    tx->pos = w.pos;
    begin(c, OP_GET_LIST, iip);
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

/* One SET block to write: value[off..off + size) (the rest of the value if shorter). */
typedef struct set_block {
    const uint8_t *value; /* The whole value. */
    size_t len;           /* Its length. */
    size_t off;           /* First byte of this block. */
    size_t size;          /* Largest block. */
    uint32_t number;      /* Block number. */
    uint8_t iip;          /* Invoke-Id-And-Priority. */
} set_block_t;

/* Writes a SET block: the first one with the attribute descriptor `a`, later ones without. */
static msdk_err_t put_set_block(const msdk_cosem_client_t *c, const set_block_t *sb,
                                const msdk_cosem_xdlms_attr_sel_t *a, msdk_wbuf_t *tx, size_t *n)
{
    size_t rest = sb->len - sb->off;
    size_t take = (rest < sb->size) ? rest : sb->size;
    msdk_cosem_xdlms_datablock_t b;
    b.last = (take == rest);
    b.block_number = sb->number;
    b.raw.p = &sb->value[sb->off];
    b.raw.len = take;
    msdk_wbuf_t w = limited(c, tx);
    msdk_err_t err = (a != NULL)
                         ? msdk_cosem_xdlms_set_request_encode_first_block(&w, sb->iip, a, &b)
                         : msdk_cosem_xdlms_set_request_encode_block(&w, sb->iip, &b);
    if (err == MSDK_OK) {
        tx->pos = w.pos;
        *n = take;
    }
    return err;
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
    msdk_wbuf_t w = limited(c, tx);
    msdk_cosem_xdlms_raw_t raw = { value, len };
    err = msdk_cosem_xdlms_set_request_encode_normal(&w, iip, attr, &raw);
    if (err == MSDK_OK) {
        tx->pos = w.pos;
        begin(c, OP_SET, iip);
        return MSDK_OK;
    }
    if (err != MSDK_ERR_BUFFER_TOO_SMALL) {
        return err;
    }
    if ((c->conformance & MSDK_COSEM_CONF_BLOCK_TRANSFER_SET) == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    /* Size the blocks: the first-block header with no data, plus the longest length form. */
    msdk_cosem_xdlms_datablock_t probe = { false, 1u, { value, 0u } };
    w = limited(c, tx);
    err = msdk_cosem_xdlms_set_request_encode_first_block(&w, iip, attr, &probe);
    if (err != MSDK_OK) {
        return err;
    }
    size_t header = (w.pos - tx->pos) + LEN_EXTRA;
    size_t room = w.cap - tx->pos;
    if (room <= header) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    set_block_t sb = { value, len, 0u, room - header, 1u, iip };
    size_t n = 0u;
    err = put_set_block(c, &sb, attr, tx, &n);
    if (err != MSDK_OK) {
        return err;
    }
    begin(c, OP_SET, iip);
    c->tx_value = value;
    c->tx_len = len;
    c->tx_off = n;
    c->block = 1u;
    c->block_size = room - header;
    c->res.blocks = 1u;
    return MSDK_OK;
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
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t iip = make_iip(c);
    msdk_cosem_xdlms_raw_t raw = { params, len };
    msdk_wbuf_t w = limited(c, tx);
    err = msdk_cosem_xdlms_action_request_encode_normal(&w, iip, method,
                                                        (params != NULL) ? &raw : NULL);
    if (err != MSDK_OK) {
        return err;
    }
    tx->pos = w.pos;
    begin(c, OP_ACTION, iip);
    c->buf = ret;
    c->cap = cap;
    return MSDK_OK;
}

/* ---- Responses ---------------------------------------------------------------------------- */

static msdk_err_t rx_aare(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len)
{
    msdk_cosem_aare_t aare;
    msdk_err_t err = msdk_cosem_aare_decode(apdu, len, &aare);
    if (err != MSDK_OK) {
        return err;
    }
    if (aare.user_info.kind == (uint8_t)MSDK_COSEM_UI_CIPHERED) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    msdk_cosem_client_result_t r;
    memset(&r, 0, sizeof r);
    r.result = aare.result;
    r.diag_source = aare.diag_source;
    r.diag = aare.diag;
    if (aare.user_info.kind == (uint8_t)MSDK_COSEM_UI_SERVICE_ERROR) {
        r.service_error = aare.user_info.service_error;
    }
    if (aare.result == (uint8_t)MSDK_COSEM_ASSOC_ACCEPTED) {
        if ((aare.diag_source == (uint8_t)MSDK_COSEM_DIAG_SOURCE_USER) &&
            (aare.diag == (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED)) {
            return MSDK_ERR_NOT_SUPPORTED; /* HLS: a second pass this client does not make */
        }
        if (aare.app_context != (uint8_t)MSDK_COSEM_APP_CONTEXT_LN) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
        if ((aare.user_info.kind != (uint8_t)MSDK_COSEM_UI_INITIATE_RESPONSE) ||
            (aare.user_info.response.max_pdu_size < CLIENT_MIN_PDU)) {
            return MSDK_ERR_MALFORMED;
        }
        c->conformance = aare.user_info.response.conformance;
        c->server_pdu = aare.user_info.response.max_pdu_size;
        c->state = (uint8_t)MSDK_COSEM_CLIENT_ASSOCIATED;
        r.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_ASSOCIATED;
    } else {
        c->conformance = 0u;
        c->server_pdu = 0u;
        c->state = (uint8_t)MSDK_COSEM_CLIENT_IDLE;
        r.outcome = (uint8_t)MSDK_COSEM_CLIENT_OUT_REJECTED;
    }
    c->op = OP_NONE;
    c->res = r;
    return MSDK_OK;
}

static msdk_err_t rx_rlre(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len)
{
    msdk_cosem_release_t rel;
    msdk_err_t err = msdk_cosem_rlre_decode(apdu, len, &rel);
    if (err != MSDK_OK) {
        return err;
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
    if (op == OP_AARQ) {
        msdk_cosem_client_reset(c);
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
    const msdk_cosem_xdlms_raw_t *raw = &g->result.data;
    if (raw->len > (c->cap - c->len)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (raw->len != 0u) {
        memcpy(&c->buf[c->len], raw->p, raw->len);
    }
    size_t total = c->len + raw->len;
    if (!g->last) {
        msdk_err_t err = msdk_cosem_xdlms_get_request_encode_next(tx, c->iip, g->block_number);
        if (err != MSDK_OK) {
            return err;
        }
        c->len = total;
        c->block = g->block_number;
        c->res.blocks = g->block_number;
        *more = true;
        return MSDK_OK;
    }
    size_t off = 0u;
    msdk_err_t err = (c->op == OP_GET) ? one_value(c->buf, total)
                                       : list_check(c->buf, total, (uint32_t)c->tx_len, &off);
    if (err == MSDK_ERR_TRUNCATED) {
        err = MSDK_ERR_MALFORMED; /* the last block leaves the value incomplete */
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t op = c->op;
    uint8_t *buf = c->buf;
    uint32_t count = (uint32_t)c->tx_len;
    finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
    c->res.result = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    c->res.blocks = g->block_number;
    c->res.value = &buf[off];
    c->res.value_len = total - off;
    if (op == OP_GET) {
        c->res.has_value = true;
    } else {
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
    if (err != MSDK_OK) {
        return err;
    }
    if ((g.iip & MSDK_COSEM_IIP_ID_MASK) != (c->iip & MSDK_COSEM_IIP_ID_MASK)) {
        return MSDK_ERR_NOT_FOUND;
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
        uint8_t *buf = c->buf;
        finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
        c->res.result = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
        c->res.has_value = true;
        c->res.value = buf;
        c->res.value_len = g.result.data.len;
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
    if (err != MSDK_OK) {
        return err;
    }
    if ((s.iip & MSDK_COSEM_IIP_ID_MASK) != (c->iip & MSDK_COSEM_IIP_ID_MASK)) {
        return MSDK_ERR_NOT_FOUND;
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
    if ((s.type != (uint8_t)MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK) || (c->tx_off >= c->tx_len)) {
        return MSDK_ERR_MALFORMED; /* acknowledged the last block without a result */
    }
    set_block_t sb = { c->tx_value, c->tx_len, c->tx_off, c->block_size, c->block + 1u, c->iip };
    size_t n = 0u;
    err = put_set_block(c, &sb, NULL, tx, &n);
    if (err != MSDK_OK) {
        return err;
    }
    c->tx_off += n;
    c->block++;
    c->res.blocks = c->block;
    *more = true;
    return MSDK_OK;
}

static msdk_err_t rx_action(msdk_cosem_client_t *c, const uint8_t *apdu, size_t len, bool *more)
{
    msdk_cosem_xdlms_action_response_t a;
    msdk_err_t err = msdk_cosem_xdlms_action_response_decode(apdu, len, 1u, &a);
    if (err != MSDK_OK) {
        return err;
    }
    if ((a.iip & MSDK_COSEM_IIP_ID_MASK) != (c->iip & MSDK_COSEM_IIP_ID_MASK)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (a.type == (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (a.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL) {
        return MSDK_ERR_MALFORMED;
    }
    bool data = a.item.has_return && a.item.ret.is_data;
    if (data && (a.item.ret.data.len > c->cap)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    uint8_t *buf = c->buf;
    if (data) {
        memcpy(buf, a.item.ret.data.p, a.item.ret.data.len);
    }
    finish(c, (uint8_t)MSDK_COSEM_CLIENT_OUT_DONE);
    c->res.result = a.item.result;
    if (data) {
        c->res.has_value = true;
        c->res.value = buf;
        c->res.value_len = a.item.ret.data.len;
    }
    *more = false;
    return MSDK_OK;
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
            err = rx_aare(c, apdu, len);
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
            err = rx_action(c, apdu, len, &done_more);
        }
        break;
    }
    if (err == MSDK_OK) {
        *more = done_more;
    }
    return err;
}

/* ---- Selective access parameters ---------------------------------------------------------- */

msdk_err_t msdk_cosem_client_put_range(msdk_wbuf_t *wb, uint16_t class_id, const uint8_t ln[6],
                                       int8_t attr, const uint8_t from[12], const uint8_t to[12])
{
    if ((wb == NULL) || (ln == NULL) || (from == NULL) || (to == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t mark = wb->pos;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    }
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
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, from, MSDK_COSEM_DATETIME_SIZE);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, to, MSDK_COSEM_DATETIME_SIZE);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, 0u);
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
