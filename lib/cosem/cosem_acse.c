/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * ACSE APDUs (AARQ, AARE, RLRQ, RLRE) in BER. The BER primitives and the
 * two-pass emitter are in cosem_ber.c, the xDLMS APDUs of the
 * user-information field in cosem_initiate.c; the decoding and encoding
 * scheme is described in cosem_acse_internal.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/acse.h"
#include "cosem_acse_internal.h"

/* ---- Constants ---------------------------------------------------------------------------- */

/* Tag numbers of the ACSE fields (context-specific). */
#define F_PROTOCOL_VERSION     0u
#define F_APP_CONTEXT          1u
#define F_IMPL_INFO            29u
#define F_USER_INFO            30u
/* AARQ */
#define F_RQ_CALLED_AP_TITLE   2u
#define F_RQ_CALLING_AP_TITLE  6u
#define F_RQ_CALLING_AE_QUAL   7u
#define F_RQ_CALLING_AE_INVOC  9u
#define F_RQ_ACSE_REQUIREMENTS 10u
#define F_RQ_MECHANISM         11u
#define F_RQ_AUTH_VALUE        12u
/* AARE */
#define F_RE_RESULT            2u
#define F_RE_DIAGNOSTIC        3u
#define F_RE_RESP_AP_TITLE     4u
#define F_RE_RESP_AE_QUAL      5u
#define F_RE_ACSE_REQUIREMENTS 8u
#define F_RE_MECHANISM         9u
#define F_RE_AUTH_VALUE        10u
/* RLRQ / RLRE */
#define F_RL_REASON            0u

/* Identifier octet of a context-specific field: primitive, constructed. */
#define ID_CTX(num)      ((uint8_t)(MSDK_COSEM_BER_CLASS_CTX | (num)))
#define ID_CTX_CONS(num) ((uint8_t)(MSDK_COSEM_BER_CLASS_CTX | MSDK_COSEM_BER_CONSTRUCTED | (num)))

/* Authentication-value CHOICE charstring [0] IMPLICIT GraphicString. */
#define AUTH_VALUE_CHARSTRING 0x80u

/* The DLMS UA OID arcs 2.16.756.5.8.1 (contexts) and 2.16.756.5.8.2 (mechanisms). */
#define ARC_CONTEXT   1u
#define ARC_MECHANISM 2u

/* ---- Field readers ------------------------------------------------------------------------ */

static msdk_err_t get_app_context(const msdk_cosem_ber_elem_t *e, uint8_t *ctx)
{
    msdk_rbuf_t val;
    int last = -1;
    msdk_err_t err = msdk_cosem_ber_get_only(e, MSDK_COSEM_BER_OID, &val);
    if (err == MSDK_OK) {
        err = msdk_cosem_ber_dlms_oid(val, ARC_CONTEXT, &last);
    }
    if (err == MSDK_OK) {
        *ctx = (last >= MSDK_COSEM_APP_CONTEXT_LN && last <= MSDK_COSEM_APP_CONTEXT_SN_CIPHERED)
                   ? (uint8_t)last
                   : (uint8_t)MSDK_COSEM_APP_CONTEXT_UNKNOWN;
    }
    return err;
}

static msdk_err_t get_mechanism(const msdk_cosem_ber_elem_t *e, uint8_t *mech)
{
    msdk_rbuf_t val;
    int last = -1;
    msdk_err_t err = msdk_cosem_ber_primitive(e, &val);
    if (err == MSDK_OK) {
        err = msdk_cosem_ber_dlms_oid(val, ARC_MECHANISM, &last);
    }
    if (err == MSDK_OK) {
        *mech = (last >= MSDK_COSEM_MECH_LOWEST && last <= MSDK_COSEM_MECH_HLS_ECDSA)
                    ? (uint8_t)last
                    : (uint8_t)MSDK_COSEM_MECH_UNKNOWN;
    }
    return err;
}

/* A system title (AP title), copied. */
static msdk_err_t get_title(const msdk_cosem_ber_elem_t *e, uint8_t *title, uint8_t *title_len)
{
    const uint8_t *p = NULL;
    size_t n = 0;
    msdk_err_t err = msdk_cosem_ber_explicit_octets(e, &p, &n);
    if (err != MSDK_OK) {
        return err;
    }
    if (n == 0u || n > MSDK_COSEM_SYSTEM_TITLE_LEN) {
        return MSDK_ERR_MALFORMED;
    }
    memcpy(title, p, n);
    *title_len = (uint8_t)n;
    return MSDK_OK;
}

/* An Authentication-value: only the charstring alternative is used by DLMS. */
static msdk_err_t get_auth_value(const msdk_cosem_ber_elem_t *e, uint8_t *value, uint8_t *value_len)
{
    if ((e->id & MSDK_COSEM_BER_CONSTRUCTED) == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_rbuf_t rb = e->val;
    msdk_cosem_ber_elem_t inner;
    msdk_err_t err = msdk_cosem_ber_nested(msdk_cosem_ber_get(&rb, &inner));
    if (err != MSDK_OK) {
        return err;
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    if (inner.id != AUTH_VALUE_CHARSTRING) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    size_t n = msdk_rbuf_remaining(&inner.val);
    if (n > MSDK_COSEM_AUTH_VALUE_MAX) {
        return MSDK_ERR_MALFORMED;
    }
    memcpy(value, &inner.val.p[inner.val.pos], n);
    *value_len = (uint8_t)n;
    return MSDK_OK;
}

/* user-information [30] EXPLICIT Association-information (an OCTET STRING). */
static msdk_err_t get_user_info(const msdk_cosem_ber_elem_t *e, unsigned allow,
                                msdk_cosem_user_info_t *ui)
{
    msdk_rbuf_t val;
    msdk_err_t err = msdk_cosem_ber_get_only(e, MSDK_COSEM_BER_OCTET_STRING, &val);
    if (err != MSDK_OK) {
        return err;
    }
    return msdk_cosem_ber_nested(msdk_cosem_initiate_ui_parse(&val, allow, ui));
}

/*
 * Iterates over the fields of an ACSE APDU: context-specific elements in
 * strictly increasing tag order. Returns MSDK_OK with *done = true at the end.
 */
typedef struct field_iter {
    msdk_rbuf_t rb;
    bool any;
    uint32_t last;
} field_iter_t;

static msdk_err_t next_field(field_iter_t *it, msdk_cosem_ber_elem_t *e, bool *done)
{
    if (msdk_rbuf_remaining(&it->rb) == 0u) {
        *done = true;
        return MSDK_OK;
    }
    msdk_err_t err = msdk_cosem_ber_nested(msdk_cosem_ber_get(&it->rb, e));
    if (err != MSDK_OK) {
        return err;
    }
    if ((e->id & MSDK_COSEM_BER_CLASS_MASK) != MSDK_COSEM_BER_CLASS_CTX ||
        (it->any && e->num <= it->last)) {
        return MSDK_ERR_MALFORMED;
    }
    it->any = true;
    it->last = e->num;
    *done = false;
    return MSDK_OK;
}

/* Reads the outer APDU: exactly one element with identifier @p tag. */
static msdk_err_t open_apdu(const uint8_t *p, size_t len, uint8_t tag, field_iter_t *it)
{
    msdk_rbuf_t rb;
    msdk_cosem_ber_elem_t e;
    msdk_rbuf_init(&rb, p, len);
    msdk_err_t err = msdk_cosem_ber_get(&rb, &e);
    if (err != MSDK_OK) {
        return err;
    }
    if (e.id != tag || msdk_rbuf_remaining(&rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    it->rb = e.val;
    it->any = false;
    it->last = 0;
    return MSDK_OK;
}

/* ---- Field writers ------------------------------------------------------------------------ */

static void out_app_context(msdk_cosem_ber_out_t *o, uint8_t ctx)
{
    msdk_cosem_ber_out_hdr(o, ID_CTX_CONS(F_APP_CONTEXT),
                           msdk_cosem_ber_tlv_size(MSDK_COSEM_BER_DLMS_OID_LEN));
    msdk_cosem_ber_out_hdr(o, MSDK_COSEM_BER_OID, MSDK_COSEM_BER_DLMS_OID_LEN);
    msdk_cosem_ber_out_dlms_oid(o, ARC_CONTEXT, ctx);
}

static void out_acse_requirements(msdk_cosem_ber_out_t *o, uint8_t num)
{
    static const uint8_t authentication[2] = { 0x07, 0x80 }; /* 7 unused bits, bit 0 set */
    msdk_cosem_ber_out_hdr(o, ID_CTX(num), sizeof authentication);
    msdk_cosem_ber_out_bytes(o, authentication, sizeof authentication);
}

static void out_mechanism(msdk_cosem_ber_out_t *o, uint8_t num, uint8_t mech)
{
    msdk_cosem_ber_out_hdr(o, ID_CTX(num), MSDK_COSEM_BER_DLMS_OID_LEN);
    msdk_cosem_ber_out_dlms_oid(o, ARC_MECHANISM, mech);
}

static void out_auth_value(msdk_cosem_ber_out_t *o, uint8_t num, const uint8_t *p, size_t n)
{
    msdk_cosem_ber_out_hdr(o, ID_CTX_CONS(num), msdk_cosem_ber_tlv_size(n));
    msdk_cosem_ber_out_hdr(o, AUTH_VALUE_CHARSTRING, n);
    msdk_cosem_ber_out_bytes(o, p, n);
}

/* An AP title unless its length is 0 (field `num`) and an AE qualifier unless NULL (field
 * `num` + 1): calling-AP-title and calling-AE-qualifier of an AARQ, responding-... of an AARE. */
static void out_title_and_qualifier(msdk_cosem_ber_out_t *o, uint8_t num, const uint8_t *title,
                                    uint8_t title_len, const uint8_t *qual, size_t qual_len)
{
    if (title_len > 0u) {
        msdk_cosem_ber_out_explicit_octets(o, ID_CTX_CONS(num), title, title_len);
    }
    if (qual != NULL) {
        msdk_cosem_ber_out_explicit_octets(o, ID_CTX_CONS(num + 1u), qual, qual_len);
    }
}

/* user-information [30] EXPLICIT OCTET STRING, unless none. */
static void out_user_info(msdk_cosem_ber_out_t *o, const msdk_cosem_user_info_t *ui)
{
    if (ui->kind == MSDK_COSEM_UI_NONE) {
        return;
    }
    size_t n = msdk_cosem_ber_sized(msdk_cosem_initiate_ui_emit, ui);
    msdk_cosem_ber_out_hdr(o, ID_CTX_CONS(F_USER_INFO), msdk_cosem_ber_tlv_size(n));
    msdk_cosem_ber_out_hdr(o, MSDK_COSEM_BER_OCTET_STRING, n);
    msdk_cosem_initiate_ui_emit(o, ui);
}

/* The fields that close an AARQ and an AARE: acse-requirements, mechanism-name and
 * authentication-value (numbered `first`, `first` + 1, `first` + 2), then user-information.
 * Both structs name these members alike. */
#define OUT_AUTH_AND_UI(o, a, first)                                                               \
    out_auth_and_ui(                                                                               \
        (o), (first), (a)->auth_required, (a)->mechanism_present ? (int)(a)->mechanism : -1,       \
        (a)->auth_value_present ? (a)->auth_value : NULL, (a)->auth_value_len, &(a)->user_info)

static void out_auth_and_ui(msdk_cosem_ber_out_t *o, uint8_t first, bool required, int mech,
                            const uint8_t *value, uint8_t value_len,
                            const msdk_cosem_user_info_t *ui)
{
    if (required) {
        out_acse_requirements(o, first);
    }
    if (mech >= 0) {
        out_mechanism(o, (uint8_t)(first + 1u), (uint8_t)mech);
    }
    if (value != NULL) {
        out_auth_value(o, (uint8_t)(first + 2u), value, value_len);
    }
    out_user_info(o, ui);
}

/* Decodes an ACSE APDU with identifier `tag` into `tmp` (initialised by the caller) with
 * `parse`, copies it to `out` on success and wipes `tmp`. */
static msdk_err_t decode_apdu(const uint8_t *p, size_t len, uint8_t tag,
                              msdk_err_t (*parse)(field_iter_t *it, void *obj), void *tmp,
                              void *out, size_t size)
{
    field_iter_t it;
    msdk_err_t err = open_apdu(p, len, tag, &it);
    if (err == MSDK_OK) {
        err = parse(&it, tmp);
    }
    if (err == MSDK_OK) {
        memcpy(out, tmp, size);
    }
    msdk_cosem_acse_wipe(tmp, size);
    return err;
}

/* The outer APDU: identifier, length of the fields, fields. */
static void out_apdu(msdk_cosem_ber_out_t *o, uint8_t id, msdk_cosem_ber_emit_fn_t fields,
                     const void *obj)
{
    msdk_cosem_ber_out_hdr(o, id, msdk_cosem_ber_sized(fields, obj));
    fields(o, obj);
}

/* ---- Encoder argument checks -------------------------------------------------------------- */

static bool context_valid(uint8_t ctx)
{
    return ctx >= MSDK_COSEM_APP_CONTEXT_LN && ctx <= MSDK_COSEM_APP_CONTEXT_SN_CIPHERED;
}

static bool titles_valid(uint8_t title_len, const uint8_t *qual, size_t qual_len)
{
    return title_len <= MSDK_COSEM_SYSTEM_TITLE_LEN &&
           (qual == NULL || qual_len <= MSDK_COSEM_ACSE_RAW_MAX);
}

static bool auth_valid(bool mech_present, uint8_t mech, bool value_present, uint8_t value_len)
{
    return (!mech_present || mech <= MSDK_COSEM_MECH_HLS_ECDSA) &&
           (!value_present || value_len <= MSDK_COSEM_AUTH_VALUE_MAX);
}

/* ---- AARQ and AARE fields ----------------------------------------------------------------- */

/*
 * Where the fields that an AARQ and an AARE share go: protocol-version,
 * application-context-name, the acse-requirements, mechanism-name and
 * authentication-value fields (tags `first`, `first` + 1, `first` + 2) and
 * user-information (holding the plain APDUs of `allow`). Both structs name
 * these members alike.
 */
typedef struct shared_fields {
    bool *acse_version1;
    uint8_t *app_context;
    bool *auth_required;
    uint8_t *mechanism;
    bool *mechanism_present;
    uint8_t *auth_value;
    uint8_t *auth_value_len;
    bool *auth_value_present;
    msdk_cosem_user_info_t *user_info;
    uint32_t first;
    unsigned allow;
} shared_fields_t;

#define SHARED_FIELDS(a, first, allow)                                                             \
    {                                                                                              \
        &(a)->acse_version1, &(a)->app_context, &(a)->auth_required, &(a)->mechanism,              \
            &(a)->mechanism_present, (a)->auth_value, &(a)->auth_value_len,                        \
            &(a)->auth_value_present, &(a)->user_info, (first), (allow)                            \
    }

/* Reads a field particular to an AARQ or an AARE (called-AP-title, result, ...) at `e`
 * into `obj`; other fields are skipped. */
typedef msdk_err_t (*own_field_fn_t)(const msdk_cosem_ber_elem_t *e, void *obj);

/* Reads the field at `e` of an AARQ or an AARE: a shared one into `s`, else with `own`. */
static msdk_err_t get_field(const msdk_cosem_ber_elem_t *e, const shared_fields_t *s,
                            own_field_fn_t own, void *obj)
{
    if (e->num == F_PROTOCOL_VERSION) {
        return msdk_cosem_ber_bit0(e, s->acse_version1);
    }
    if (e->num == F_APP_CONTEXT) {
        return get_app_context(e, s->app_context);
    }
    if (e->num == s->first) {
        return msdk_cosem_ber_bit0(e, s->auth_required);
    }
    if (e->num == s->first + 1u) {
        *s->mechanism_present = true;
        return get_mechanism(e, s->mechanism);
    }
    if (e->num == s->first + 2u) {
        *s->auth_value_present = true;
        return get_auth_value(e, s->auth_value, s->auth_value_len);
    }
    if (e->num == F_USER_INFO) {
        return get_user_info(e, s->allow, s->user_info);
    }
    return own(e, obj);
}

/* Reads every field of an AARQ or AARE; the application-context-name is mandatory. */
static msdk_err_t parse_fields(field_iter_t *it, const shared_fields_t *s, own_field_fn_t own,
                               void *obj)
{
    bool have_context = false;
    *s->acse_version1 = true;
    for (;;) {
        msdk_cosem_ber_elem_t e;
        bool done = false;
        msdk_err_t err = next_field(it, &e, &done);
        if (err != MSDK_OK) {
            return err;
        }
        if (done) {
            break;
        }
        have_context = have_context || (e.num == F_APP_CONTEXT);
        err = get_field(&e, s, own, obj);
        if (err != MSDK_OK) {
            return err;
        }
    }
    return have_context ? MSDK_OK : MSDK_ERR_MALFORMED;
}

/* ---- AARQ --------------------------------------------------------------------------------- */

static msdk_err_t get_aarq_field(const msdk_cosem_ber_elem_t *e, void *obj)
{
    msdk_cosem_aarq_t *a = obj;
    uint32_t v = 0;
    switch (e->num) {
    case F_RQ_CALLED_AP_TITLE:
        return msdk_cosem_ber_explicit_octets(e, &a->called_ap_title, &a->called_ap_title_len);
    case F_RQ_CALLING_AP_TITLE: return get_title(e, a->calling_ap_title, &a->calling_ap_title_len);
    case F_RQ_CALLING_AE_QUAL:
        return msdk_cosem_ber_explicit_octets(e, &a->calling_ae_qualifier,
                                              &a->calling_ae_qualifier_len);
    case F_RQ_CALLING_AE_INVOC: {
        msdk_err_t err = msdk_cosem_ber_explicit_int(e, 0x7FFFFFFFu, &v);
        a->calling_ae_invocation_id = v;
        a->calling_ae_invocation_id_present = true;
        return err;
    }
    default: return MSDK_OK; /* well formed and unknown (or unused by DLMS): skipped */
    }
}

static msdk_err_t parse_aarq(field_iter_t *it, void *obj)
{
    msdk_cosem_aarq_t *a = obj;
    const shared_fields_t s =
        SHARED_FIELDS(a, F_RQ_ACSE_REQUIREMENTS, MSDK_COSEM_ACSE_UI_ALLOW_REQUEST);
    return parse_fields(it, &s, get_aarq_field, a);
}

msdk_err_t msdk_cosem_aarq_decode(const uint8_t *p, size_t len, msdk_cosem_aarq_t *aarq)
{
    if (!msdk_cosem_acse_args_ok(p, len, aarq)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_aarq_t tmp = { 0 };
    tmp.called_ap_title = NULL;
    tmp.calling_ae_qualifier = NULL;
    tmp.user_info.raw = NULL;
    return decode_apdu(p, len, MSDK_COSEM_ACSE_TAG_AARQ, parse_aarq, &tmp, aarq, sizeof tmp);
}

static void emit_aarq_fields(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_aarq_t *a = obj;
    out_app_context(o, a->app_context);
    if (a->called_ap_title != NULL) {
        msdk_cosem_ber_out_explicit_octets(o, ID_CTX_CONS(F_RQ_CALLED_AP_TITLE), a->called_ap_title,
                                           a->called_ap_title_len);
    }
    out_title_and_qualifier(o, F_RQ_CALLING_AP_TITLE, a->calling_ap_title, a->calling_ap_title_len,
                            a->calling_ae_qualifier, a->calling_ae_qualifier_len);
    if (a->calling_ae_invocation_id_present) {
        msdk_cosem_ber_out_explicit_int(o, ID_CTX_CONS(F_RQ_CALLING_AE_INVOC),
                                        a->calling_ae_invocation_id);
    }
    OUT_AUTH_AND_UI(o, a, F_RQ_ACSE_REQUIREMENTS);
}

static void emit_aarq(msdk_cosem_ber_out_t *o, const void *obj)
{
    out_apdu(o, MSDK_COSEM_ACSE_TAG_AARQ, emit_aarq_fields, obj);
}

msdk_err_t msdk_cosem_aarq_encode(const msdk_cosem_aarq_t *aarq, msdk_wbuf_t *wb)
{
    if (aarq == NULL || wb == NULL || !context_valid(aarq->app_context) ||
        (aarq->called_ap_title != NULL && aarq->called_ap_title_len > MSDK_COSEM_ACSE_RAW_MAX) ||
        !titles_valid(aarq->calling_ap_title_len, aarq->calling_ae_qualifier,
                      aarq->calling_ae_qualifier_len) ||
        (aarq->calling_ae_invocation_id_present && aarq->calling_ae_invocation_id > 0x7FFFFFFFu) ||
        !auth_valid(aarq->mechanism_present, aarq->mechanism, aarq->auth_value_present,
                    aarq->auth_value_len) ||
        !msdk_cosem_initiate_ui_valid(&aarq->user_info, MSDK_COSEM_ACSE_UI_ALLOW_REQUEST)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_aarq, aarq);
}

/* ---- AARE --------------------------------------------------------------------------------- */

/* result-source-diagnostic [3] EXPLICIT CHOICE { acse-service-user [1], -provider [2] } */
static msdk_err_t get_diagnostic(const msdk_cosem_ber_elem_t *e, uint8_t *source, uint8_t *diag)
{
    if ((e->id & MSDK_COSEM_BER_CONSTRUCTED) == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_rbuf_t rb = e->val;
    msdk_cosem_ber_elem_t choice;
    msdk_err_t err = msdk_cosem_ber_nested(msdk_cosem_ber_get(&rb, &choice));
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t id_user = ID_CTX_CONS(MSDK_COSEM_DIAG_SOURCE_USER);
    uint8_t id_provider = ID_CTX_CONS(MSDK_COSEM_DIAG_SOURCE_PROVIDER);
    if (msdk_rbuf_remaining(&rb) != 0u || (choice.id != id_user && choice.id != id_provider)) {
        return MSDK_ERR_MALFORMED;
    }
    uint32_t v = 0;
    err = msdk_cosem_ber_explicit_int(&choice, 0xFFu, &v);
    if (err == MSDK_OK) {
        *source = (uint8_t)(choice.id & 0x1Fu);
        *diag = (uint8_t)v;
    }
    return err;
}

/* The AARE being read and which of its mandatory fields were seen. */
typedef struct aare_fields {
    msdk_cosem_aare_t *a;
    bool have_result;
    bool have_diag;
} aare_fields_t;

static msdk_err_t get_aare_field(const msdk_cosem_ber_elem_t *e, void *obj)
{
    aare_fields_t *f = obj;
    msdk_cosem_aare_t *a = f->a;
    uint32_t v = 0;
    msdk_err_t err = MSDK_OK;
    switch (e->num) {
    case F_RE_RESULT:
        err = msdk_cosem_ber_explicit_int(e, MSDK_COSEM_ASSOC_REJECTED_TRANSIENT, &v);
        a->result = (uint8_t)v;
        f->have_result = true;
        break;
    case F_RE_DIAGNOSTIC:
        err = get_diagnostic(e, &a->diag_source, &a->diag);
        f->have_diag = true;
        break;
    case F_RE_RESP_AP_TITLE:
        err = get_title(e, a->responding_ap_title, &a->responding_ap_title_len);
        break;
    case F_RE_RESP_AE_QUAL:
        err = msdk_cosem_ber_explicit_octets(e, &a->responding_ae_qualifier,
                                             &a->responding_ae_qualifier_len);
        break;
    default: break;
    }
    return err;
}

static msdk_err_t parse_aare(field_iter_t *it, void *obj)
{
    aare_fields_t f = { obj, false, false };
    const shared_fields_t s =
        SHARED_FIELDS(f.a, F_RE_ACSE_REQUIREMENTS,
                      MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE | MSDK_COSEM_ACSE_UI_ALLOW_SERR);
    msdk_err_t err = parse_fields(it, &s, get_aare_field, &f);
    if (err == MSDK_OK && !(f.have_result && f.have_diag)) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

msdk_err_t msdk_cosem_aare_decode(const uint8_t *p, size_t len, msdk_cosem_aare_t *aare)
{
    if (!msdk_cosem_acse_args_ok(p, len, aare)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_aare_t tmp = { 0 };
    tmp.responding_ae_qualifier = NULL;
    tmp.user_info.raw = NULL;
    return decode_apdu(p, len, MSDK_COSEM_ACSE_TAG_AARE, parse_aare, &tmp, aare, sizeof tmp);
}

static void emit_aare_fields(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_aare_t *a = obj;
    out_app_context(o, a->app_context);
    msdk_cosem_ber_out_explicit_int(o, ID_CTX_CONS(F_RE_RESULT), a->result);
    size_t inner =
        msdk_cosem_ber_tlv_size(msdk_cosem_ber_tlv_size(msdk_cosem_ber_int_size(a->diag)));
    msdk_cosem_ber_out_hdr(o, ID_CTX_CONS(F_RE_DIAGNOSTIC), inner);
    msdk_cosem_ber_out_explicit_int(o, ID_CTX_CONS(a->diag_source), a->diag);
    out_title_and_qualifier(o, F_RE_RESP_AP_TITLE, a->responding_ap_title,
                            a->responding_ap_title_len, a->responding_ae_qualifier,
                            a->responding_ae_qualifier_len);
    OUT_AUTH_AND_UI(o, a, F_RE_ACSE_REQUIREMENTS);
}

static void emit_aare(msdk_cosem_ber_out_t *o, const void *obj)
{
    out_apdu(o, MSDK_COSEM_ACSE_TAG_AARE, emit_aare_fields, obj);
}

msdk_err_t msdk_cosem_aare_encode(const msdk_cosem_aare_t *aare, msdk_wbuf_t *wb)
{
    if (aare == NULL || wb == NULL || !context_valid(aare->app_context) ||
        aare->result > MSDK_COSEM_ASSOC_REJECTED_TRANSIENT ||
        (aare->diag_source != MSDK_COSEM_DIAG_SOURCE_USER &&
         aare->diag_source != MSDK_COSEM_DIAG_SOURCE_PROVIDER) ||
        !titles_valid(aare->responding_ap_title_len, aare->responding_ae_qualifier,
                      aare->responding_ae_qualifier_len) ||
        !auth_valid(aare->mechanism_present, aare->mechanism, aare->auth_value_present,
                    aare->auth_value_len) ||
        !msdk_cosem_initiate_ui_valid(&aare->user_info, MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE |
                                                            MSDK_COSEM_ACSE_UI_ALLOW_SERR)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_aare, aare);
}

msdk_err_t msdk_cosem_aare_reject(msdk_cosem_aare_t *aare, uint8_t app_context, uint8_t result,
                                  uint8_t diag_source, uint8_t diag,
                                  const msdk_cosem_service_error_t *serr)
{
    if (aare == NULL || !context_valid(app_context) ||
        (result != MSDK_COSEM_ASSOC_REJECTED_PERMANENT &&
         result != MSDK_COSEM_ASSOC_REJECTED_TRANSIENT) ||
        (diag_source != MSDK_COSEM_DIAG_SOURCE_USER &&
         diag_source != MSDK_COSEM_DIAG_SOURCE_PROVIDER)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_aare_t tmp = { 0 };
    tmp.responding_ae_qualifier = NULL;
    tmp.user_info.raw = NULL;
    tmp.acse_version1 = true;
    tmp.app_context = app_context;
    tmp.result = result;
    tmp.diag_source = diag_source;
    tmp.diag = diag;
    if (serr != NULL) {
        tmp.user_info.kind = MSDK_COSEM_UI_SERVICE_ERROR;
        tmp.user_info.tag = MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR;
        tmp.user_info.service_error = *serr;
    }
    *aare = tmp;
    return MSDK_OK;
}

/* ---- RLRQ / RLRE -------------------------------------------------------------------------- */

static msdk_err_t release_decode(const uint8_t *p, size_t len, uint8_t tag, unsigned allow,
                                 msdk_cosem_release_t *rel)
{
    if (!msdk_cosem_acse_args_ok(p, len, rel)) {
        return MSDK_ERR_INVALID_ARG;
    }
    field_iter_t it;
    msdk_cosem_release_t tmp = { 0 };
    tmp.user_info.raw = NULL;
    msdk_err_t err = open_apdu(p, len, tag, &it);
    while (err == MSDK_OK) {
        msdk_cosem_ber_elem_t e;
        bool done = false;
        err = next_field(&it, &e, &done);
        if (err != MSDK_OK || done) {
            break;
        }
        msdk_rbuf_t val;
        uint32_t v = 0;
        if (e.num == F_RL_REASON) {
            err = msdk_cosem_ber_primitive(&e, &val);
            if (err == MSDK_OK) {
                err = msdk_cosem_ber_int(val, 0xFFu, &v);
            }
            tmp.reason = (uint8_t)v;
            tmp.reason_present = true;
        } else if (e.num == F_USER_INFO) {
            err = get_user_info(&e, allow, &tmp.user_info);
        }
    }
    if (err == MSDK_OK) {
        *rel = tmp;
    }
    msdk_cosem_acse_wipe(&tmp, sizeof tmp);
    return err;
}

static void emit_release_fields(msdk_cosem_ber_out_t *o, const void *obj)
{
    const msdk_cosem_release_t *r = obj;
    if (r->reason_present) {
        size_t n = msdk_cosem_ber_int_size(r->reason);
        msdk_cosem_ber_out_hdr(o, ID_CTX(F_RL_REASON), n);
        if (n > 1u) {
            msdk_cosem_ber_out_u8(o, 0);
        }
        msdk_cosem_ber_out_u8(o, r->reason);
    }
    out_user_info(o, &r->user_info);
}

static void emit_rlrq(msdk_cosem_ber_out_t *o, const void *obj)
{
    out_apdu(o, MSDK_COSEM_ACSE_TAG_RLRQ, emit_release_fields, obj);
}

static void emit_rlre(msdk_cosem_ber_out_t *o, const void *obj)
{
    out_apdu(o, MSDK_COSEM_ACSE_TAG_RLRE, emit_release_fields, obj);
}

msdk_err_t msdk_cosem_rlrq_decode(const uint8_t *p, size_t len, msdk_cosem_release_t *rel)
{
    return release_decode(p, len, MSDK_COSEM_ACSE_TAG_RLRQ, MSDK_COSEM_ACSE_UI_ALLOW_REQUEST, rel);
}

msdk_err_t msdk_cosem_rlre_decode(const uint8_t *p, size_t len, msdk_cosem_release_t *rel)
{
    return release_decode(p, len, MSDK_COSEM_ACSE_TAG_RLRE, MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE, rel);
}

msdk_err_t msdk_cosem_rlrq_encode(const msdk_cosem_release_t *rel, msdk_wbuf_t *wb)
{
    if (rel == NULL || wb == NULL ||
        !msdk_cosem_initiate_ui_valid(&rel->user_info, MSDK_COSEM_ACSE_UI_ALLOW_REQUEST)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_rlrq, rel);
}

msdk_err_t msdk_cosem_rlre_encode(const msdk_cosem_release_t *rel, msdk_wbuf_t *wb)
{
    if (rel == NULL || wb == NULL ||
        !msdk_cosem_initiate_ui_valid(&rel->user_info, MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_ber_encode(wb, emit_rlre, rel);
}
