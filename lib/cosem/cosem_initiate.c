/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * xDLMS InitiateRequest, InitiateResponse and ConfirmedServiceError (A-XDR),
 * the APDUs an AARQ or AARE carries in its user-information field, and the
 * server side negotiation of an InitiateRequest. The BER wrapper of the
 * field is cosem_acse.c's; this file handles its contents.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/acse.h"
#include "cosem_acse_internal.h"

/* Conformance: [APPLICATION 31] IMPLICIT BIT STRING (SIZE(24)), 0 unused bits. */
static const uint8_t conformance_header[4] = { 0x5F, 0x1F, 0x04, 0x00 };

/* ---- Decoding ----------------------------------------------------------------------------- */

/* An A-XDR OPTIONAL / DEFAULT presence byte. */
static msdk_err_t get_flag(msdk_rbuf_t *rb, bool *present)
{
    uint8_t b = 0;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &b);
    if (err != MSDK_OK) {
        return err;
    }
    if (b > 1u) {
        return MSDK_ERR_MALFORMED;
    }
    *present = b == 1u;
    return MSDK_OK;
}

static msdk_err_t get_conformance(msdk_rbuf_t *rb, uint32_t *conf)
{
    const uint8_t *hdr = NULL;
    msdk_err_t err = msdk_rbuf_get_ref(rb, sizeof conformance_header, &hdr);
    if (err != MSDK_OK) {
        return err;
    }
    uint64_t v = 0;
    err = msdk_rbuf_get_uintbe(rb, 3u, &v);
    if (err != MSDK_OK) {
        return err;
    }
    if (memcmp(hdr, conformance_header, sizeof conformance_header) != 0) {
        return MSDK_ERR_MALFORMED;
    }
    *conf = (uint32_t)v;
    return MSDK_OK;
}

static msdk_err_t parse_initiate_req(msdk_rbuf_t *rb, msdk_cosem_initiate_req_t *req)
{
    uint8_t tag = 0;
    bool present = false;
    uint8_t b = 0;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &tag);
    if (err != MSDK_OK) {
        return err;
    }
    if (tag != MSDK_COSEM_XDLMS_TAG_INITIATE_REQ) {
        return MSDK_ERR_MALFORMED;
    }
    /* dedicated-key OCTET STRING OPTIONAL */
    if ((err = get_flag(rb, &present)) != MSDK_OK) {
        return err;
    }
    req->dedicated_key_len = 0;
    if (present) {
        if ((err = msdk_rbuf_get_u8(rb, &b)) != MSDK_OK) {
            return err;
        }
        if (b == 0u || b > MSDK_COSEM_DEDICATED_KEY_MAX) {
            return MSDK_ERR_MALFORMED; /* also every A-XDR long-form length byte */
        }
        if ((err = msdk_rbuf_get_bytes(rb, req->dedicated_key, b)) != MSDK_OK) {
            return err;
        }
        req->dedicated_key_len = b;
    }
    /* response-allowed BOOLEAN DEFAULT TRUE */
    if ((err = get_flag(rb, &present)) != MSDK_OK) {
        return err;
    }
    req->response_allowed = true;
    if (present) {
        if ((err = msdk_rbuf_get_u8(rb, &b)) != MSDK_OK) {
            return err;
        }
        req->response_allowed = b != 0u;
    }
    /* proposed-quality-of-service [0] IMPLICIT Integer8 OPTIONAL */
    if ((err = get_flag(rb, &req->qos_present)) != MSDK_OK) {
        return err;
    }
    req->qos = 0;
    if (req->qos_present && (err = msdk_rbuf_get_i8(rb, &req->qos)) != MSDK_OK) {
        return err;
    }
    if ((err = msdk_rbuf_get_u8(rb, &req->dlms_version)) != MSDK_OK) {
        return err;
    }
    if ((err = get_conformance(rb, &req->conformance)) != MSDK_OK) {
        return err;
    }
    if ((err = msdk_rbuf_get_u16be(rb, &req->max_pdu_size)) != MSDK_OK) {
        return err;
    }
    return msdk_rbuf_remaining(rb) == 0u ? MSDK_OK : MSDK_ERR_MALFORMED;
}

static msdk_err_t parse_initiate_resp(msdk_rbuf_t *rb, msdk_cosem_initiate_resp_t *resp)
{
    uint8_t tag = 0;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &tag);
    if (err != MSDK_OK) {
        return err;
    }
    if (tag != MSDK_COSEM_XDLMS_TAG_INITIATE_RESP) {
        return MSDK_ERR_MALFORMED;
    }
    if ((err = get_flag(rb, &resp->qos_present)) != MSDK_OK) {
        return err;
    }
    resp->qos = 0;
    if (resp->qos_present && (err = msdk_rbuf_get_i8(rb, &resp->qos)) != MSDK_OK) {
        return err;
    }
    if ((err = msdk_rbuf_get_u8(rb, &resp->dlms_version)) != MSDK_OK) {
        return err;
    }
    if ((err = get_conformance(rb, &resp->conformance)) != MSDK_OK) {
        return err;
    }
    if ((err = msdk_rbuf_get_u16be(rb, &resp->max_pdu_size)) != MSDK_OK) {
        return err;
    }
    if ((err = msdk_rbuf_get_u16be(rb, &resp->vaa_name)) != MSDK_OK) {
        return err;
    }
    return msdk_rbuf_remaining(rb) == 0u ? MSDK_OK : MSDK_ERR_MALFORMED;
}

static msdk_err_t parse_service_error(msdk_rbuf_t *rb, msdk_cosem_service_error_t *serr)
{
    uint8_t b[4] = { 0 };
    msdk_err_t err = msdk_rbuf_get_bytes(rb, b, sizeof b);
    if (err != MSDK_OK) {
        return err;
    }
    if (b[0] != MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR || b[2] > MSDK_COSEM_SERR_OTHER ||
        msdk_rbuf_remaining(rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    serr->service = b[1];
    serr->type = b[2];
    serr->value = b[3];
    return MSDK_OK;
}

/* Ciphered xDLMS APDUs that may stand for an initiate request or response. */
static bool ciphered_tag(uint8_t tag, unsigned allow)
{
    switch (tag) {
    case 0xDBu: /* general-glo-ciphering */
    case 0xDCu: /* general-ded-ciphering */
    case 0xDDu: /* general-ciphering */ return true;
    case 0x21u: /* glo-initiateRequest */
    case 0x41u: /* ded-initiateRequest */ return (allow & MSDK_COSEM_ACSE_UI_ALLOW_REQUEST) != 0u;
    case 0x28u: /* glo-initiateResponse */
    case 0x48u: /* ded-initiateResponse */ return (allow & MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE) != 0u;
    case 0x2Eu: /* glo-confirmedServiceError */
    case 0x4Eu: /* ded-confirmedServiceError */
        return (allow & MSDK_COSEM_ACSE_UI_ALLOW_SERR) != 0u;
    default: return false;
    }
}

msdk_err_t msdk_cosem_initiate_ui_parse(msdk_rbuf_t *val, unsigned allow,
                                        msdk_cosem_user_info_t *ui)
{
    size_t n = msdk_rbuf_remaining(val);
    if (n == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    uint8_t tag = val->p[val->pos];
    ui->tag = tag;
    ui->raw = &val->p[val->pos];
    ui->raw_len = n;
    if (tag == MSDK_COSEM_XDLMS_TAG_INITIATE_REQ &&
        (allow & MSDK_COSEM_ACSE_UI_ALLOW_REQUEST) != 0u) {
        ui->kind = MSDK_COSEM_UI_INITIATE_REQUEST;
        return parse_initiate_req(val, &ui->request);
    }
    if (tag == MSDK_COSEM_XDLMS_TAG_INITIATE_RESP &&
        (allow & MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE) != 0u) {
        ui->kind = MSDK_COSEM_UI_INITIATE_RESPONSE;
        return parse_initiate_resp(val, &ui->response);
    }
    if (tag == MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR &&
        (allow & MSDK_COSEM_ACSE_UI_ALLOW_SERR) != 0u) {
        ui->kind = MSDK_COSEM_UI_SERVICE_ERROR;
        return parse_service_error(val, &ui->service_error);
    }
    if (ciphered_tag(tag, allow)) {
        ui->kind = MSDK_COSEM_UI_CIPHERED;
        return MSDK_OK;
    }
    return MSDK_ERR_NOT_SUPPORTED;
}

/* ---- Encoding ----------------------------------------------------------------------------- */

static void out_conformance(msdk_cosem_ber_out_t *o, uint32_t conf)
{
    msdk_cosem_ber_out_bytes(o, conformance_header, sizeof conformance_header);
    msdk_cosem_ber_out_u8(o, (uint8_t)(conf >> 16));
    msdk_cosem_ber_out_u8(o, (uint8_t)(conf >> 8));
    msdk_cosem_ber_out_u8(o, (uint8_t)conf);
}

static void out_u16(msdk_cosem_ber_out_t *o, uint16_t v)
{
    msdk_cosem_ber_out_u8(o, (uint8_t)(v >> 8));
    msdk_cosem_ber_out_u8(o, (uint8_t)v);
}

static void emit_initiate_req(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_initiate_req_t *req = obj;
    msdk_cosem_ber_out_u8(o, MSDK_COSEM_XDLMS_TAG_INITIATE_REQ);
    if (req->dedicated_key_len > 0u) {
        msdk_cosem_ber_out_u8(o, 1);
        msdk_cosem_ber_out_u8(o, req->dedicated_key_len);
        msdk_cosem_ber_out_bytes(o, req->dedicated_key, req->dedicated_key_len);
    } else {
        msdk_cosem_ber_out_u8(o, 0);
    }
    if (req->response_allowed) {
        msdk_cosem_ber_out_u8(o, 0); /* DEFAULT TRUE */
    } else {
        msdk_cosem_ber_out_u8(o, 1);
        msdk_cosem_ber_out_u8(o, 0);
    }
    if (req->qos_present) {
        msdk_cosem_ber_out_u8(o, 1);
        msdk_cosem_ber_out_u8(o, (uint8_t)req->qos);
    } else {
        msdk_cosem_ber_out_u8(o, 0);
    }
    msdk_cosem_ber_out_u8(o, req->dlms_version);
    out_conformance(o, req->conformance);
    out_u16(o, req->max_pdu_size);
}

static void emit_initiate_resp(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_initiate_resp_t *resp = obj;
    msdk_cosem_ber_out_u8(o, MSDK_COSEM_XDLMS_TAG_INITIATE_RESP);
    if (resp->qos_present) {
        msdk_cosem_ber_out_u8(o, 1);
        msdk_cosem_ber_out_u8(o, (uint8_t)resp->qos);
    } else {
        msdk_cosem_ber_out_u8(o, 0);
    }
    msdk_cosem_ber_out_u8(o, resp->dlms_version);
    out_conformance(o, resp->conformance);
    out_u16(o, resp->max_pdu_size);
    out_u16(o, resp->vaa_name);
}

void msdk_cosem_initiate_ui_emit(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_user_info_t *ui = obj;
    switch (ui->kind) {
    case MSDK_COSEM_UI_INITIATE_REQUEST: emit_initiate_req(o, &ui->request); break;
    case MSDK_COSEM_UI_INITIATE_RESPONSE: emit_initiate_resp(o, &ui->response); break;
    case MSDK_COSEM_UI_SERVICE_ERROR:
        msdk_cosem_ber_out_u8(o, MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR);
        msdk_cosem_ber_out_u8(o, ui->service_error.service);
        msdk_cosem_ber_out_u8(o, ui->service_error.type);
        msdk_cosem_ber_out_u8(o, ui->service_error.value);
        break;
    case MSDK_COSEM_UI_CIPHERED: msdk_cosem_ber_out_bytes(o, ui->raw, ui->raw_len); break;
    default: break;
    }
}

bool msdk_cosem_initiate_ui_valid(const msdk_cosem_user_info_t *ui, unsigned allow)
{
    switch (ui->kind) {
    case MSDK_COSEM_UI_NONE: return true;
    case MSDK_COSEM_UI_INITIATE_REQUEST:
        return (allow & MSDK_COSEM_ACSE_UI_ALLOW_REQUEST) != 0u &&
               ui->request.dedicated_key_len <= MSDK_COSEM_DEDICATED_KEY_MAX &&
               (ui->request.conformance & ~(uint32_t)MSDK_COSEM_CONF_MASK) == 0u;
    case MSDK_COSEM_UI_INITIATE_RESPONSE:
        return (allow & MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE) != 0u &&
               (ui->response.conformance & ~(uint32_t)MSDK_COSEM_CONF_MASK) == 0u;
    case MSDK_COSEM_UI_SERVICE_ERROR: return (allow & MSDK_COSEM_ACSE_UI_ALLOW_SERR) != 0u;
    case MSDK_COSEM_UI_CIPHERED:
        return ui->raw != NULL && ui->raw_len > 0u && ui->raw_len <= MSDK_COSEM_ACSE_RAW_MAX &&
               ciphered_tag(ui->raw[0], allow);
    default: return false;
    }
}

/* ---- Public API --------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_initiate_req_decode(const uint8_t *p, size_t len,
                                          msdk_cosem_initiate_req_t *req)
{
    if (!msdk_cosem_acse_args_ok(p, len, req)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t rb;
    msdk_cosem_initiate_req_t tmp = { 0 };
    msdk_rbuf_init(&rb, p, len);
    msdk_err_t err = parse_initiate_req(&rb, &tmp);
    if (err == MSDK_OK) {
        *req = tmp;
    }
    msdk_cosem_acse_wipe(&tmp, sizeof tmp);
    return err;
}

msdk_err_t msdk_cosem_initiate_req_encode(const msdk_cosem_initiate_req_t *req, msdk_wbuf_t *wb)
{
    if (req == NULL || wb == NULL || req->dedicated_key_len > MSDK_COSEM_DEDICATED_KEY_MAX ||
        (req->conformance & ~(uint32_t)MSDK_COSEM_CONF_MASK) != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_initiate_req, req);
}

msdk_err_t msdk_cosem_initiate_resp_decode(const uint8_t *p, size_t len,
                                           msdk_cosem_initiate_resp_t *resp)
{
    if (!msdk_cosem_acse_args_ok(p, len, resp)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t rb;
    msdk_cosem_initiate_resp_t tmp = { 0 };
    msdk_rbuf_init(&rb, p, len);
    msdk_err_t err = parse_initiate_resp(&rb, &tmp);
    if (err == MSDK_OK) {
        *resp = tmp;
    }
    return err;
}

msdk_err_t msdk_cosem_initiate_resp_encode(const msdk_cosem_initiate_resp_t *resp, msdk_wbuf_t *wb)
{
    if (resp == NULL || wb == NULL || (resp->conformance & ~(uint32_t)MSDK_COSEM_CONF_MASK) != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_initiate_resp, resp);
}

msdk_err_t msdk_cosem_initiate_negotiate(const msdk_cosem_initiate_req_t *req,
                                         const msdk_cosem_initiate_caps_t *caps,
                                         msdk_cosem_user_info_t *ui)
{
    if (req == NULL || caps == NULL || ui == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint32_t common = req->conformance & caps->conformance & MSDK_COSEM_CONF_MASK;
    msdk_cosem_user_info_t tmp = { 0 };
    tmp.raw = NULL;
    tmp.kind = MSDK_COSEM_UI_SERVICE_ERROR;
    tmp.tag = MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR;
    tmp.service_error.service = MSDK_COSEM_CSE_INITIATE_ERROR;
    tmp.service_error.type = MSDK_COSEM_SERR_INITIATE;
    if (req->dlms_version < MSDK_COSEM_DLMS_VERSION) {
        tmp.service_error.value = MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW;
    } else if (req->max_pdu_size < caps->min_client_pdu) {
        tmp.service_error.value = MSDK_COSEM_INIT_ERR_PDU_SIZE_TOO_SHORT;
    } else if (common == 0u) {
        tmp.service_error.value = MSDK_COSEM_INIT_ERR_INCOMPATIBLE_CONFORMANCE;
    } else {
        tmp.service_error.service = 0;
        tmp.service_error.type = 0;
        tmp.kind = MSDK_COSEM_UI_INITIATE_RESPONSE;
        tmp.tag = MSDK_COSEM_XDLMS_TAG_INITIATE_RESP;
        tmp.response.qos_present = false;
        tmp.response.dlms_version = MSDK_COSEM_DLMS_VERSION;
        tmp.response.conformance = common;
        tmp.response.max_pdu_size = caps->max_pdu_size;
        tmp.response.vaa_name = caps->vaa_name;
    }
    *ui = tmp;
    return MSDK_OK;
}
