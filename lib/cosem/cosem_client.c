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

/* Writes a block request (set-request-with-first-datablock / -with-datablock,
 * action-request-with-first-pblock / -with-pblock); *n gets the value bytes it carries. */
static msdk_err_t put_block(const msdk_cosem_client_t *c, const tx_block_t *tb, msdk_wbuf_t *tx,
                            size_t *n)
{
    size_t rest = tb->len - tb->off;
    size_t take = (rest < tb->size) ? rest : tb->size;
    msdk_cosem_xdlms_datablock_t b;
    b.last = (take == rest);
    b.block_number = tb->number;
    b.raw.p = &tb->value[tb->off];
    b.raw.len = take;
    msdk_wbuf_t w = limited(c, tx);
    msdk_err_t err;
    if (tb->op == OP_SET) {
        err = (tb->attr != NULL)
                  ? msdk_cosem_xdlms_set_request_encode_first_block(&w, tb->iip, tb->attr, &b)
                  : msdk_cosem_xdlms_set_request_encode_block(&w, tb->iip, &b);
    } else {
        err = (tb->method != NULL)
                  ? msdk_cosem_xdlms_action_request_encode_first_pblock(&w, tb->iip, tb->method, &b)
                  : msdk_cosem_xdlms_action_request_encode_pblock(&w, tb->iip, &b);
    }
    if (err == MSDK_OK) {
        tx->pos = w.pos;
        *n = take;
    }
    return err;
}

/* Starts a SET or an ACTION whose value does not fit one request: the first block, sized so
 * that every block request fits the room of `tx` (at most the server's PDU). */
static msdk_err_t start_blocks(msdk_cosem_client_t *c, tx_block_t *tb, msdk_wbuf_t *tx)
{
    /* Size the blocks: the first-block request with no data, plus the longest length form. */
    msdk_wbuf_t probe = *tx;
    size_t n = 0u;
    tb->size = 0u;
    msdk_err_t err = put_block(c, tb, &probe, &n);
    if (err != MSDK_OK) {
        return err;
    }
    size_t header = (probe.pos - tx->pos) + LEN_EXTRA;
    msdk_wbuf_t w = limited(c, tx);
    size_t room = w.cap - tx->pos;
    if (room <= header) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    tb->size = room - header;
    err = put_block(c, tb, tx, &n);
    if (err != MSDK_OK) {
        return err;
    }
    begin(c, tb->op, tb->iip);
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
    msdk_err_t err = put_block(c, &tb, tx, &n);
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
    msdk_wbuf_t w = limited(c, tx);
    err = msdk_cosem_xdlms_action_request_encode_normal(&w, iip, method,
                                                        (params != NULL) ? &raw : NULL);
    if (err == MSDK_OK) {
        tx->pos = w.pos;
        begin(c, OP_ACTION, iip);
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
    msdk_err_t err = (c->op == OP_ACTION)
                         ? msdk_cosem_xdlms_action_request_encode_next_pblock(tx, c->iip, number)
                         : msdk_cosem_xdlms_get_request_encode_next(tx, c->iip, number);
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
    msdk_err_t err = msdk_cosem_xdlms_action_response_decode(apdu, len, 1u, &a);
    if (err != MSDK_OK) {
        return err;
    }
    if ((a.iip & MSDK_COSEM_IIP_ID_MASK) != (c->iip & MSDK_COSEM_IIP_ID_MASK)) {
        return MSDK_ERR_NOT_FOUND;
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
            err = rx_action(c, apdu, len, tx, &done_more);
        }
        break;
    }
    if (err == MSDK_OK) {
        *more = done_more;
    }
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
