/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Security setup (class 64, version 1), suite 1 key and certificate management: attribute 6
 * certificates, methods 4 generate_key_pair, 5 generate_certificate_request,
 * 6 import_certificate, 7 export_certificate and 8 remove_certificate, over the
 * application's certificate store (msdk_cosem_cert_store_t) and msdk/cosem/x509.h. What each
 * answers is in msdk/cosem/class_security.h. */
#include <string.h>

#include "msdk/cosem/class_security.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/x509.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

#include "cosem_class_internal.h"

/* export/remove_certificate: certificate_identification_type. */
#define BY_ENTITY 0u
#define BY_SERIAL 1u

/* A stored certificate, parsed. */
typedef struct stored_cert {
    msdk_cosem_x509_t c;
    uint8_t entity;
    uint8_t type;
    const uint8_t *der;
    size_t len;
} stored_cert_t;

/* The first stored certificate from number *i on that can be read and parses, into e, with
 * *i its number; false when none is left. Loops: for (i = 0; next_stored(st, &i, &e); i++). */
static bool next_stored(const msdk_cosem_cert_store_t *st, uint8_t *i, stored_cert_t *e)
{
    const uint8_t n = st->count(st->ctx);
    for (; *i < n; (*i)++) {
        if ((st->get(st->ctx, *i, &e->der, &e->len, &e->entity, &e->type) == MSDK_OK) &&
            (msdk_cosem_x509_parse(e->der, e->len, &e->c) == MSDK_OK)) {
            return true;
        }
    }
    return false;
}

/* ---- Attribute 6 ---------------------------------------------------------------------------- */

/* The context of cert_row() and cert_count(): the store. */
typedef struct cert_list {
    const msdk_cosem_cert_store_t *st;
} cert_list_t;

/* One certificate_info: the store's certificate `row` (the rows are the store's numbers). */
static msdk_err_t cert_row(void *ctx, msdk_wbuf_t *wb, uint32_t row)
{
    const msdk_cosem_cert_store_t *st = ((const cert_list_t *)ctx)->st;
    stored_cert_t e;
    uint8_t i = (uint8_t)row;
    if ((row > UINT8_MAX) || !next_stored(st, &i, &e) || (i != row)) {
        return MSDK_ERR_STATE; /* the store changed or holds something unreadable */
    }
    const msdk_cosem_x509_t *c = &e.c;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 6u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_enum(wb, e.entity);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_enum(wb, e.type);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, c->serial, c->serial_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, c->issuer, c->issuer_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, c->subject, c->subject_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, c->alt_name, c->alt_name_len);
    }
    return err;
}

static uint32_t cert_count(void *ctx)
{
    const msdk_cosem_cert_store_t *st = ((const cert_list_t *)ctx)->st;
    return st->count(st->ctx);
}

int msdk_cosem_secsetup_get_certs(const msdk_cosem_secsetup_t *s, msdk_cosem_req_t *rq,
                                  msdk_wbuf_t *out)
{
    if (s->certs == NULL) {
        /* No store: no certificate. */
        return (msdk_cosem_axdr_put_array_header(out, 0u) == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS
                                                                      : MSDK_COSEM_GET_NO_SPACE;
    }
    cert_list_t list = { s->certs };
    const uint8_t fail = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    return msdk_cosem_class_get_rows(rq, out, cert_count, &list, cert_row, &list, &fail);
}

/* ---- Methods -------------------------------------------------------------------------------- */

/* The server's DRBG (the logical device's security state). */
static msdk_crypto_drbg_t *server_drbg(const msdk_cosem_req_t *rq)
{
    const msdk_cosem_assoc_t *a = rq->assoc;
    return ((a != NULL) && (a->ld != NULL) && (a->ld->sec != NULL)) ? a->ld->sec->drbg : NULL;
}

/* Reads the method's one enum parameter; false when it is something else. */
static bool one_enum(msdk_rbuf_t *in, uint8_t *v)
{
    return (msdk_cosem_axdr_get_enum(in, v) == MSDK_OK) && (msdk_rbuf_remaining(in) == 0u);
}

/* Saves a changed copy n of s and puts it in place; false when the save failed (s as it
 * was). n is wiped. */
static bool save_copy(msdk_cosem_secsetup_t *s, msdk_cosem_secsetup_t *n)
{
    bool ok = (s->save != NULL) && (s->save(s->save_ctx, n) == MSDK_OK);
    if (ok) {
        *s = *n;
    }
    msdk_port_crypto_zeroize(n, sizeof *n);
    return ok;
}

/* The index of the first stored certificate of `entity` and `type` (count when none). */
static uint8_t find_kind(const msdk_cosem_cert_store_t *st, uint8_t entity, uint8_t type)
{
    stored_cert_t e;
    for (uint8_t i = 0u; next_stored(st, &i, &e); i++) {
        if ((e.entity == entity) && (e.type == type)) {
            return i;
        }
    }
    return st->count(st->ctx);
}

/* generate_key_pair. */
static uint8_t generate_key_pair(msdk_cosem_secsetup_t *s, const msdk_cosem_req_t *rq,
                                 msdk_rbuf_t *in)
{
    uint8_t type = 0u;
    if (!one_enum(in, &type)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    if (type != (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no key agreement, no TLS */
    }
    msdk_crypto_drbg_t *drbg = server_drbg(rq);
    if (drbg == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    /* The server's signature certificate names the old key: it goes first, so that no
     * failure or cut leaves a certificate naming a key the server no longer has. */
    const msdk_cosem_cert_store_t *st = s->certs;
    if (st != NULL) {
        uint8_t i = find_kind(st, (uint8_t)MSDK_COSEM_CERT_ENTITY_SERVER,
                              (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE);
        if ((i < st->count(st->ctx)) && (st->remove(st->ctx, i) != MSDK_OK)) {
            return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
        }
    }
    msdk_cosem_secsetup_t n = *s;
    if (msdk_port_crypto_ecdsa_p256_keygen(drbg, n.sign_key, n.sign_pub) != MSDK_OK) {
        msdk_port_crypto_zeroize(&n, sizeof n);
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    n.has_sign_key = true;
    return save_copy(s, &n) ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                            : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
}

/* generate_certificate_request: the CSR of the server's signature key into out. */
static uint8_t generate_csr(const msdk_cosem_secsetup_t *s, const msdk_cosem_req_t *rq,
                            msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    uint8_t type = 0u;
    if (!one_enum(in, &type)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    if ((type != (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE) || !s->has_sign_key) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    msdk_crypto_drbg_t *drbg = server_drbg(rq);
    uint8_t csr[MSDK_COSEM_X509_CSR_MAX];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, csr, sizeof csr);
    msdk_err_t err = (drbg != NULL)
                         ? msdk_cosem_x509_csr(drbg, s->sign_key, s->sign_pub, s->server_title, &w)
                         : MSDK_ERR_STATE;
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(out, csr, w.pos);
        if (err != MSDK_OK) {
            return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no room for the answer */
        }
    }
    return (err == MSDK_OK) ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                            : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
}

/* Whether the certificate verifies under a CA certificate of the store. */
static bool trusted(const msdk_cosem_cert_store_t *st, const msdk_cosem_x509_t *c)
{
    stored_cert_t e;
    for (uint8_t i = 0u; next_stored(st, &i, &e); i++) {
        if ((e.entity == (uint8_t)MSDK_COSEM_CERT_ENTITY_CA) &&
            (msdk_cosem_x509_verify(c, e.c.public_key) == MSDK_OK)) {
            return true;
        }
    }
    return false;
}

/* import_certificate. */
static uint8_t import_cert(msdk_cosem_secsetup_t *s, msdk_rbuf_t *in)
{
    const msdk_cosem_cert_store_t *st = s->certs;
    const uint8_t *der = NULL;
    size_t len = 0u;
    msdk_cosem_x509_t c;
    if ((msdk_cosem_axdr_get_octets_ref(in, (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING, &der, &len) !=
         MSDK_OK) ||
        (msdk_rbuf_remaining(in) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    msdk_err_t err = msdk_cosem_x509_parse(der, len, &c);
    if (err != MSDK_OK) {
        return (err == MSDK_ERR_NOT_SUPPORTED) ? (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON
                                               : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    uint8_t entity;
    uint8_t type = (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE;
    bool ok;
    if (c.is_ca && ((c.key_usage & (uint16_t)MSDK_COSEM_X509_KU_KEY_CERT_SIGN) != 0u)) {
        /* A trust anchor: self-signed. */
        entity = (uint8_t)MSDK_COSEM_CERT_ENTITY_CA;
        ok = msdk_cosem_x509_verify(&c, c.public_key) == MSDK_OK;
    } else {
        entity = (s->has_sign_key && (memcmp(c.public_key, s->sign_pub, sizeof c.public_key) == 0))
                     ? (uint8_t)MSDK_COSEM_CERT_ENTITY_SERVER
                     : (uint8_t)MSDK_COSEM_CERT_ENTITY_CLIENT;
        if ((c.key_usage & (uint16_t)MSDK_COSEM_X509_KU_DIGITAL_SIGNATURE) != 0u) {
            type = (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE;
        } else {
            type = (uint8_t)MSDK_COSEM_CERT_TYPE_KEY_AGREEMENT;
        }
        ok = !c.is_ca &&
             ((c.key_usage & ((uint16_t)MSDK_COSEM_X509_KU_DIGITAL_SIGNATURE |
                              (uint16_t)MSDK_COSEM_X509_KU_KEY_AGREEMENT)) != 0u) &&
             trusted(st, &c);
    }
    if (!ok) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* not usable, or not trusted */
    }
    err = st->put(st->ctx, find_kind(st, entity, type), entity, type, der, len);
    if (err != MSDK_OK) {
        return (err == MSDK_ERR_NO_SPACE) ? (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON
                                          : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    if ((entity == (uint8_t)MSDK_COSEM_CERT_ENTITY_CLIENT) &&
        (type == (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE)) {
        /* The HLS 7 client key (the store stays the reference: see
         * msdk_cosem_secsetup_sync_certs()). */
        msdk_cosem_secsetup_t n = *s;
        memcpy(n.client_pub, c.public_key, sizeof n.client_pub);
        n.has_client_pub = true;
        if (!save_copy(s, &n)) {
            return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
        }
    }
    return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
}

/* The certificate identification of export/remove_certificate. */
typedef struct cert_id {
    uint8_t kind; /* BY_ENTITY, BY_SERIAL */
    uint8_t entity;
    uint8_t type;
    const uint8_t *title; /* 8 bytes, or NULL */
    const uint8_t *serial;
    size_t serial_len;
    const uint8_t *issuer;
    size_t issuer_len;
} cert_id_t;

static bool read_id(msdk_rbuf_t *in, cert_id_t *id)
{
    uint32_t n = 0u;
    uint32_t m = 0u;
    memset(id, 0, sizeof *id);
    if ((msdk_cosem_axdr_get_structure_header(in, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_enum(in, &id->kind) != MSDK_OK) ||
        (msdk_cosem_axdr_get_structure_header(in, &m) != MSDK_OK)) {
        return false;
    }
    const uint8_t os = (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING;
    bool ok = false;
    if ((id->kind == BY_ENTITY) && (m == 3u)) {
        size_t tl = 0u;
        ok = (msdk_cosem_axdr_get_enum(in, &id->entity) == MSDK_OK) &&
             (msdk_cosem_axdr_get_enum(in, &id->type) == MSDK_OK) &&
             (msdk_cosem_axdr_get_octets_ref(in, os, &id->title, &tl) == MSDK_OK) &&
             ((tl == 0u) || (tl == MSDK_COSEM_SYSTEM_TITLE_LEN));
        if (tl == 0u) {
            id->title = NULL;
        }
    } else if ((id->kind == BY_SERIAL) && (m == 2u)) {
        ok = (msdk_cosem_axdr_get_octets_ref(in, os, &id->serial, &id->serial_len) == MSDK_OK) &&
             (msdk_cosem_axdr_get_octets_ref(in, os, &id->issuer, &id->issuer_len) == MSDK_OK);
    } else {
        /* Another identification type. */
    }
    return ok && (msdk_rbuf_remaining(in) == 0u);
}

/* Whether a stored certificate is the one `id` names. */
static bool matches(const cert_id_t *id, const msdk_cosem_x509_t *c, uint8_t entity, uint8_t type)
{
    if (id->kind == BY_SERIAL) {
        return (c->serial_len == id->serial_len) && (c->issuer_len == id->issuer_len) &&
               (memcmp(c->serial, id->serial, id->serial_len) == 0) &&
               (memcmp(c->issuer, id->issuer, id->issuer_len) == 0);
    }
    uint8_t title[MSDK_COSEM_SYSTEM_TITLE_LEN];
    return (entity == id->entity) && (type == id->type) &&
           ((id->title == NULL) || ((msdk_cosem_x509_subject_title(c, title) == MSDK_OK) &&
                                    (memcmp(title, id->title, sizeof title) == 0)));
}

/* export_certificate (into out) and remove_certificate. */
static uint8_t export_or_remove(msdk_cosem_secsetup_t *s, bool remove, msdk_rbuf_t *in,
                                msdk_wbuf_t *out)
{
    const msdk_cosem_cert_store_t *st = s->certs;
    cert_id_t id;
    if (!read_id(in, &id)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    stored_cert_t e;
    for (uint8_t i = 0u; next_stored(st, &i, &e); i++) {
        if (!matches(&id, &e.c, e.entity, e.type)) {
            continue;
        }
        if (!remove) {
            return (msdk_cosem_axdr_put_octet_string(out, e.der, e.len) == MSDK_OK)
                       ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                       : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
        }
        bool client_key = (e.entity == (uint8_t)MSDK_COSEM_CERT_ENTITY_CLIENT) &&
                          (e.type == (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE);
        if (client_key) {
            /* Its key is no longer trusted for HLS 7: withdrawn (and saved) first, so that
             * a failure or a cut never leaves the key in force without its certificate. */
            msdk_cosem_secsetup_t k = *s;
            msdk_port_crypto_zeroize(k.client_pub, sizeof k.client_pub);
            k.has_client_pub = false;
            if (!save_copy(s, &k)) {
                return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
            }
        }
        if (st->remove(st->ctx, i) != MSDK_OK) {
            return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
        }
        return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    }
    return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no such certificate */
}

uint8_t msdk_cosem_secsetup_cert_method(msdk_cosem_secsetup_t *s, uint8_t method,
                                        const msdk_cosem_req_t *rq, msdk_rbuf_t *in,
                                        msdk_wbuf_t *out)
{
    switch (method) {
    case MSDK_COSEM_SECSETUP_GENERATE_KEY_PAIR: return generate_key_pair(s, rq, in);
    case MSDK_COSEM_SECSETUP_GENERATE_CSR: return generate_csr(s, rq, in, out);
    default: break;
    }
    if (s->certs == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE; /* no store */
    }
    switch (method) {
    case MSDK_COSEM_SECSETUP_IMPORT_CERT: return import_cert(s, in);
    case MSDK_COSEM_SECSETUP_EXPORT_CERT: return export_or_remove(s, false, in, out);
    case MSDK_COSEM_SECSETUP_REMOVE_CERT: return export_or_remove(s, true, in, out);
    default: return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE; /* 3: key agreement */
    }
}

msdk_err_t msdk_cosem_secsetup_sync_certs(msdk_cosem_secsetup_t *s)
{
    if ((s == NULL) || (s->certs == NULL)) {
        return MSDK_ERR_NOT_FOUND;
    }
    stored_cert_t e;
    for (uint8_t i = 0u; next_stored(s->certs, &i, &e); i++) {
        if ((e.entity == (uint8_t)MSDK_COSEM_CERT_ENTITY_CLIENT) &&
            (e.type == (uint8_t)MSDK_COSEM_CERT_TYPE_SIGNATURE)) {
            memcpy(s->client_pub, e.c.public_key, sizeof s->client_pub);
            s->has_client_pub = true;
            return MSDK_OK;
        }
    }
    return MSDK_ERR_NOT_FOUND;
}
