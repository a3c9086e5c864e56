/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Security setup (class 64, version 1), suite 1 certificates and key pair through the server:
 * attribute 6 and methods 4 generate_key_pair, 5 generate_certificate_request,
 * 6 import_certificate, 7 export_certificate, 8 remove_certificate, over a certificate store
 * in RAM that can be filled up and made to fail.
 *
 * The certificates are openssl's (cosem_test_certs.h, with the commands that made them). The
 * expected answers follow the class's definition (IEC 62056-6-2 class 64 version 1:
 * certificate_info structure {entity, type, serial, issuer, subject, subject_alt_name},
 * certificate_entity server 0 / client 1 / certification authority 2, certificate_type
 * digital signature 0 / key agreement 1; the identification structures of methods 7 and 8)
 * and the xDLMS normal responses (C7 01 C1 <result> 00, C7 01 C1 00 01 00 <data>).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/cosem/class_security.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/x509.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

#include "cosem_check.h"
#include "cosem_test_certs.h"

Suite *cosem_class_security_cert_suite(void);

/* ---- The store ------------------------------------------------------------------------------ */

#define SLOTS    3u
#define CERT_CAP 600u

typedef struct slot {
    uint8_t der[CERT_CAP];
    size_t len;
    uint8_t entity;
    uint8_t type;
} slot_t;

typedef struct app {
    msdk_cosem_secsetup_t sec;
    msdk_cosem_cert_store_t store;
    slot_t slot[SLOTS];
    uint8_t n;
    msdk_err_t put_err; /* what put() and remove() answer when not MSDK_OK */
    unsigned saves;
    msdk_err_t save_err;
    msdk_cosem_server_sec_t srv;
    msdk_crypto_drbg_t drbg;
    uint8_t entropy;
} app_t;

static app_t g;

static uint8_t st_count(void *ctx)
{
    return ((app_t *)ctx)->n;
}

static msdk_err_t st_get(void *ctx, uint8_t i, const uint8_t **der, size_t *len, uint8_t *entity,
                         uint8_t *type)
{
    app_t *a = (app_t *)ctx;
    if (i >= a->n) {
        return MSDK_ERR_NOT_FOUND;
    }
    *der = a->slot[i].der;
    *len = a->slot[i].len;
    *entity = a->slot[i].entity;
    *type = a->slot[i].type;
    return MSDK_OK;
}

static msdk_err_t st_put(void *ctx, uint8_t i, uint8_t entity, uint8_t type, const uint8_t *der,
                         size_t len)
{
    app_t *a = (app_t *)ctx;
    if (a->put_err != MSDK_OK) {
        return a->put_err;
    }
    if ((len > CERT_CAP) || ((i >= a->n) && (a->n == SLOTS))) {
        return MSDK_ERR_NO_SPACE;
    }
    if (i >= a->n) {
        i = a->n++;
    }
    memcpy(a->slot[i].der, der, len);
    a->slot[i].len = len;
    a->slot[i].entity = entity;
    a->slot[i].type = type;
    return MSDK_OK;
}

static msdk_err_t st_remove(void *ctx, uint8_t i)
{
    app_t *a = (app_t *)ctx;
    if (a->put_err != MSDK_OK) {
        return a->put_err;
    }
    if (i >= a->n) {
        return MSDK_ERR_NOT_FOUND;
    }
    memmove(&a->slot[i], &a->slot[i + 1u], (size_t)(a->n - i - 1u) * sizeof a->slot[0]);
    a->n--;
    return MSDK_OK;
}

static msdk_err_t app_save(void *ctx, const msdk_cosem_secsetup_t *s)
{
    (void)s;
    app_t *a = (app_t *)ctx;
    a->saves++;
    return a->save_err;
}

/* ---- The logical device --------------------------------------------------------------------- */

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0xFFFFFFFFu }
};

static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 43, 0, 1, 255 }, &msdk_cosem_class_security_setup, NULL, &g.sec, r_all },
};
static const msdk_cosem_ldev_t ldev = {
    objects, 1u, ck_assoc_public, 1u, 1024u, NULL, NULL, &g.srv,
};

#define SS "0040 00002B0001FF"

static const uint8_t k_server_title[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };

static void setup(void)
{
    static const uint8_t pers[] = "class 64 certificates";
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    memset(&g, 0, sizeof g);
    g.entropy = 7u;
    ck_assert_int_eq(
        msdk_port_crypto_drbg_seed(&g.drbg, ck_counter_entropy, &g.entropy, pers, sizeof pers - 1u),
        MSDK_OK);
    g.srv.drbg = &g.drbg;
    g.store.count = st_count;
    g.store.get = st_get;
    g.store.put = st_put;
    g.store.remove = st_remove;
    g.store.ctx = &g;
    msdk_cosem_secsetup_t *s = &g.sec;
    s->suite = 1u;
    memcpy(s->server_title, k_server_title, 8);
    ck_assert_uint_eq(ck_hex(KEY_SERVER_PRIV, s->sign_key, sizeof s->sign_key), 32u);
    ck_assert_uint_eq(ck_hex(KEY_SERVER_PUB, s->sign_pub, sizeof s->sign_pub), 65u);
    s->has_sign_key = true;
    s->certs = &g.store;
    s->save = app_save;
    s->save_ctx = &g;
    ck_srv_init(&ldev, 512u);
    ck_associate_hex(CK_AARQ_PLAIN);
}

/* ---- Helpers -------------------------------------------------------------------------------- */

/* The DER of a certificate of cosem_test_certs.h into der; returns its length. */
static size_t der_of(const char *hex, uint8_t *der, size_t cap)
{
    size_t n = ck_hex(hex, der, cap);
    ck_assert_uint_gt(n, 100u);
    return n;
}

/* ACTION normal of method m with the parameter p[0..n) (one Data value); returns the
 * action-result. */
static uint8_t act(uint8_t m, const uint8_t *p, size_t n)
{
    uint8_t req[700];
    static const uint8_t head[] = {
        0xC3, 0x01, 0xC1, 0x00, 0x40, 0x00, 0x00, 0x2B, 0x00, 0x01, 0xFF
    };
    memcpy(req, head, sizeof head);
    req[sizeof head] = m;
    req[sizeof head + 1u] = 0x01u; /* with parameters */
    ck_assert_uint_le(sizeof head + 2u + n, sizeof req);
    memcpy(&req[sizeof head + 2u], p, n);
    ck_send(req, sizeof head + 2u + n);
    ck_assert_uint_ge(g_srv.out_len, 5u);
    ck_assert_uint_eq(g_srv.out[0], 0xC7u);
    return g_srv.out[3];
}

/* import_certificate with the certificate `hex`; returns the action-result. */
static uint8_t import_hex(const char *hex)
{
    uint8_t der[CERT_CAP];
    size_t n = der_of(hex, der, sizeof der);
    uint8_t p[CERT_CAP + 4u];
    p[0] = 0x09u; /* octet-string, 0x82 length form */
    p[1] = 0x82u;
    p[2] = (uint8_t)(n >> 8);
    p[3] = (uint8_t)n;
    memcpy(&p[4], der, n);
    return act(6u, p, n + 4u);
}

/* The return data of the last ACTION: an octet-string; its content into out. */
static size_t returned_octets(uint8_t *out, size_t cap)
{
    /* C7 01 C1 00 01 00 09 <len> <bytes> */
    ck_assert_uint_ge(g_srv.out_len, 8u);
    ck_assert_uint_eq(g_srv.out[3], 0x00u);
    ck_assert_uint_eq(g_srv.out[4], 0x01u);
    ck_assert_uint_eq(g_srv.out[5], 0x00u);
    ck_assert_uint_eq(g_srv.out[6], 0x09u);
    size_t n = g_srv.out[7];
    size_t at = 8u;
    if (n == 0x81u) {
        n = g_srv.out[8];
        at = 9u;
    } else if (n == 0x82u) {
        n = ((size_t)g_srv.out[8] << 8) | g_srv.out[9];
        at = 10u;
    }
    ck_assert_uint_eq(at + n, g_srv.out_len);
    ck_assert_uint_le(n, cap);
    memcpy(out, &g_srv.out[at], n);
    return n;
}

/* Entity and type of every certificate_info of attribute 6, as "e t," pairs. */
static void expect_listed(const char *want)
{
    ck_send_hex("C001C1" SS "0600");
    ck_assert_uint_ge(g_srv.out_len, 6u);
    ck_assert_uint_eq(g_srv.out[3], 0x00u); /* data */
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, &g_srv.out[4], g_srv.out_len - 4u);
    uint32_t n = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &n), MSDK_OK);
    char got[64] = "";
    for (uint32_t i = 0; i < n; i++) {
        uint32_t m = 0;
        uint8_t e = 0;
        uint8_t t = 0;
        ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &m), MSDK_OK);
        ck_assert_uint_eq(m, 6u);
        ck_assert_int_eq(msdk_cosem_axdr_get_enum(&rb, &e), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_axdr_get_enum(&rb, &t), MSDK_OK);
        for (unsigned k = 0; k < 4u; k++) {
            const uint8_t *p = NULL;
            size_t len = 0;
            ck_assert_int_eq(
                msdk_cosem_axdr_get_octets_ref(&rb, MSDK_COSEM_AXDR_OCTET_STRING, &p, &len),
                MSDK_OK);
        }
        size_t k = strlen(got);
        got[k] = (char)('0' + e);
        got[k + 1u] = ' ';
        got[k + 2u] = (char)('0' + t);
        got[k + 3u] = ',';
        got[k + 4u] = '\0';
    }
    ck_assert_uint_eq(rb.pos, rb.len);
    ck_assert_str_eq(got, want);
}

static bool all_zero_key(const uint8_t *p)
{
    uint8_t any = 0u;
    for (size_t i = 0; i < 65u; i++) {
        any = (uint8_t)(any | p[i]);
    }
    return any == 0u;
}

static void import_ca_and_client(void)
{
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(import_hex(CERT_CLIENT), MSDK_COSEM_ACTION_SUCCESS);
}

/* ---- Tests ---------------------------------------------------------------------------------- */

START_TEST(empty_store_lists_nothing)
{
    ck_xchg("C001C1" SS "0600", "C401C100 0100");
    g.sec.certs = NULL;
    ck_xchg("C001C1" SS "0600", "C401C100 0100");
}
END_TEST

START_TEST(import_trust_and_client_key)
{
    /* Without its CA the client certificate is not trusted. */
    ck_assert_uint_eq(import_hex(CERT_CLIENT), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(g.n, 0u);
    import_ca_and_client();
    expect_listed("2 0,1 0,");
    uint8_t pub[65];
    ck_assert_uint_eq(ck_hex(KEY_CLIENT_PUB, pub, sizeof pub), 65u);
    ck_assert(g.sec.has_client_pub);
    ck_assert_mem_eq(g.sec.client_pub, pub, 65);
    ck_assert_uint_eq(g.saves, 1u);
    /* A certificate of another CA: refused, nothing changes. */
    ck_assert_uint_eq(import_hex(CERT_CLIENT_ROGUE), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(g.n, 2u);
    /* The key agreement certificate of the same client: its own entry, the HLS 7 key stays. */
    memset(g.sec.client_pub, 0, sizeof g.sec.client_pub);
    ck_assert_uint_eq(import_hex(CERT_CLIENT_KA), MSDK_COSEM_ACTION_SUCCESS);
    expect_listed("2 0,1 0,1 1,");
    ck_assert(all_zero_key(g.sec.client_pub));
    /* The client's signature certificate again: replaced, not added. */
    ck_assert_uint_eq(import_hex(CERT_CLIENT), MSDK_COSEM_ACTION_SUCCESS);
    expect_listed("2 0,1 0,1 1,");
    ck_assert_mem_eq(g.sec.client_pub, pub, 65);
}
END_TEST

START_TEST(import_server_certificate)
{
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_SUCCESS);
    /* Its key is the server's signature key: entity server. */
    ck_assert_uint_eq(import_hex(CERT_SERVER), MSDK_COSEM_ACTION_SUCCESS);
    expect_listed("2 0,0 0,");
    ck_assert(!g.sec.has_client_pub);
    ck_assert_uint_eq(g.saves, 0u);
}
END_TEST

START_TEST(import_refusals)
{
    /* Not one octet-string; an octet-string that is not a certificate. */
    static const uint8_t not_octets[] = { 0x11, 0x05 };
    ck_assert_uint_eq(act(6u, not_octets, sizeof not_octets), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    static const uint8_t junk[] = { 0x09, 0x04, 0x30, 0x02, 0x05, 0x00 };
    ck_assert_uint_eq(act(6u, junk, sizeof junk), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    /* A tampered signature: the CA does not verify itself. */
    uint8_t der[CERT_CAP];
    size_t n = der_of(CERT_CA, der, sizeof der);
    der[n - 3u] ^= 0x01u;
    uint8_t p[CERT_CAP + 4u] = { 0x09, 0x82, (uint8_t)(n >> 8), (uint8_t)n };
    memcpy(&p[4], der, n);
    ck_assert_uint_eq(act(6u, p, n + 4u), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(g.n, 0u);
    /* The store fails, or is full. */
    g.put_err = MSDK_ERR_IO;
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    g.put_err = MSDK_OK;
    import_ca_and_client();
    ck_assert_uint_eq(import_hex(CERT_CLIENT_KA), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(import_hex(CERT_SERVER), MSDK_COSEM_ACTION_OTHER_REASON); /* full */
    /* The key cannot be saved: hardware-fault (the store keeps the certificate; at boot
     * msdk_cosem_secsetup_sync_certs() takes the key from it). */
    g.n = 1u; /* the CA alone */
    g.sec.has_client_pub = false;
    g.save_err = MSDK_ERR_IO;
    ck_assert_uint_eq(import_hex(CERT_CLIENT), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert(!g.sec.has_client_pub);
    ck_assert_int_eq(msdk_cosem_secsetup_sync_certs(&g.sec), MSDK_OK);
    ck_assert(g.sec.has_client_pub);
}
END_TEST

/* export_certificate / remove_certificate by entity: structure { enum 0, structure { entity,
 * type, system_title } }. */
static uint8_t by_entity(uint8_t method, uint8_t entity, uint8_t type, const char *title_hex)
{
    uint8_t p[32] = { 0x02, 0x02, 0x16, 0x00, 0x02, 0x03, 0x16, entity, 0x16, type, 0x09 };
    size_t n = ck_hex(title_hex, &p[12], 8u);
    p[11] = (uint8_t)n;
    return act(method, p, 12u + n);
}

START_TEST(export_by_entity_and_serial)
{
    import_ca_and_client();
    uint8_t der[CERT_CAP];
    uint8_t want[CERT_CAP];
    size_t wn = der_of(CERT_CLIENT, want, sizeof want);
    ck_assert_uint_eq(by_entity(7u, 1u, 0u, "4D4D4D0000BC614E"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(returned_octets(der, sizeof der), wn);
    ck_assert_mem_eq(der, want, wn);
    ck_assert_uint_eq(by_entity(7u, 1u, 0u, ""), MSDK_COSEM_ACTION_SUCCESS); /* any title */
    ck_assert_uint_eq(by_entity(7u, 1u, 0u, "4D4D4D0000BC614F"), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(by_entity(7u, 0u, 0u, ""), MSDK_COSEM_ACTION_OTHER_REASON); /* none */
    /* By serial: 20 02 (openssl's -set_serial 0x2002), issuer the CA's subject Name. */
    msdk_cosem_x509_t ca;
    uint8_t ca_der[CERT_CAP];
    size_t cn = der_of(CERT_CA, ca_der, sizeof ca_der);
    ck_assert_int_eq(msdk_cosem_x509_parse(ca_der, cn, &ca), MSDK_OK);
    uint8_t p[200] = { 0x02, 0x02, 0x16, 0x01, 0x02, 0x02, 0x09, 0x02, 0x20, 0x02, 0x09 };
    ck_assert_uint_lt(ca.subject_len, 0x80u);
    p[11] = (uint8_t)ca.subject_len;
    memcpy(&p[12], ca.subject, ca.subject_len);
    ck_assert_uint_eq(act(7u, p, 12u + ca.subject_len), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(returned_octets(der, sizeof der), wn);
    ck_assert_mem_eq(der, want, wn);
    p[9] = 0x03u; /* serial 20 03: none */
    ck_assert_uint_eq(act(7u, p, 12u + ca.subject_len), MSDK_COSEM_ACTION_OTHER_REASON);
    /* Not an identification. */
    static const uint8_t bad[] = { 0x02, 0x02, 0x16, 0x02, 0x02, 0x00 };
    ck_assert_uint_eq(act(7u, bad, sizeof bad), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
}
END_TEST

START_TEST(remove_withdraws_the_client_key)
{
    import_ca_and_client();
    unsigned saves = g.saves;
    /* The key cannot be withdrawn (save fails): nothing is removed, the key stays. */
    g.save_err = MSDK_ERR_IO;
    ck_assert_uint_eq(by_entity(8u, 1u, 0u, ""), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert(g.sec.has_client_pub);
    expect_listed("2 0,1 0,");
    g.save_err = MSDK_OK;
    /* The store fails after the key went: the key stays withdrawn (fail closed); the
     * certificate is still there, so a reboot (sync) takes its key again. */
    g.put_err = MSDK_ERR_IO;
    ck_assert_uint_eq(by_entity(8u, 1u, 0u, ""), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert(!g.sec.has_client_pub);
    expect_listed("2 0,1 0,");
    ck_assert_int_eq(msdk_cosem_secsetup_sync_certs(&g.sec), MSDK_OK);
    ck_assert(g.sec.has_client_pub);
    g.put_err = MSDK_OK;
    saves = g.saves;
    ck_assert_uint_eq(by_entity(8u, 1u, 0u, "4D4D4D0000BC614E"), MSDK_COSEM_ACTION_SUCCESS);
    expect_listed("2 0,");
    ck_assert(!g.sec.has_client_pub);
    ck_assert_uint_eq(g.saves, saves + 1u);
    ck_assert_uint_eq(by_entity(8u, 1u, 0u, ""), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_int_eq(msdk_cosem_secsetup_sync_certs(&g.sec), MSDK_ERR_NOT_FOUND);
}
END_TEST

START_TEST(key_pair_and_request)
{
    /* The request of the current key, then a new key: a new request, the server's
     * certificate gone. */
    static const uint8_t sig0[] = { 0x16, 0x00 };
    uint8_t csr1[CERT_CAP];
    ck_assert_uint_eq(act(5u, sig0, sizeof sig0), MSDK_COSEM_ACTION_SUCCESS);
    size_t n1 = returned_octets(csr1, sizeof csr1);
    ck_assert_uint_eq(csr1[0], 0x30u);
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(import_hex(CERT_SERVER), MSDK_COSEM_ACTION_SUCCESS);
    uint8_t old_pub[65];
    memcpy(old_pub, g.sec.sign_pub, 65);
    ck_assert_uint_eq(act(4u, sig0, sizeof sig0), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g.saves, 1u);
    ck_assert_mem_ne(g.sec.sign_pub, old_pub, 65);
    expect_listed("2 0,");
    uint8_t csr2[CERT_CAP];
    ck_assert_uint_eq(act(5u, sig0, sizeof sig0), MSDK_COSEM_ACTION_SUCCESS);
    size_t n2 = returned_octets(csr2, sizeof csr2);
    /* Each request carries its key. */
    bool has_old = false;
    bool has_new = false;
    for (size_t i = 0; i + 65u <= n1; i++) {
        has_old = has_old || (memcmp(&csr1[i], old_pub, 65) == 0);
    }
    for (size_t i = 0; i + 65u <= n2; i++) {
        has_new = has_new || (memcmp(&csr2[i], g.sec.sign_pub, 65) == 0);
    }
    ck_assert(has_old && has_new);
    /* Other key pair types, other parameters; a failed save keeps the old key. */
    static const uint8_t ka[] = { 0x16, 0x01 };
    static const uint8_t u8[] = { 0x11, 0x00 };
    ck_assert_uint_eq(act(4u, ka, sizeof ka), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(act(5u, ka, sizeof ka), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(act(4u, u8, sizeof u8), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(act(5u, u8, sizeof u8), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    memcpy(old_pub, g.sec.sign_pub, 65);
    g.save_err = MSDK_ERR_IO;
    ck_assert_uint_eq(act(4u, sig0, sizeof sig0), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert_mem_eq(g.sec.sign_pub, old_pub, 65);
    /* No key, no DRBG. */
    g.sec.has_sign_key = false;
    ck_assert_uint_eq(act(5u, sig0, sizeof sig0), MSDK_COSEM_ACTION_OTHER_REASON);
    g.srv.drbg = NULL;
    g.save_err = MSDK_OK;
    ck_assert_uint_eq(act(4u, sig0, sizeof sig0), MSDK_COSEM_ACTION_HARDWARE_FAULT);
}
END_TEST

/* The server's certificate cannot be removed: the key does not change (no certificate is
 * ever left naming a key the server no longer has). */
START_TEST(key_pair_keeps_key_when_the_store_fails)
{
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(import_hex(CERT_SERVER), MSDK_COSEM_ACTION_SUCCESS);
    uint8_t old_pub[65];
    memcpy(old_pub, g.sec.sign_pub, 65);
    g.put_err = MSDK_ERR_IO;
    static const uint8_t sig0[] = { 0x16, 0x00 };
    ck_assert_uint_eq(act(4u, sig0, sizeof sig0), MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert_mem_eq(g.sec.sign_pub, old_pub, 65);
    ck_assert_uint_eq(g.saves, 0u);
    g.put_err = MSDK_OK;
    expect_listed("2 0,0 0,");
}
END_TEST

START_TEST(no_store)
{
    g.sec.certs = NULL;
    static const uint8_t sig0[] = { 0x16, 0x00 };
    ck_assert_uint_eq(act(5u, sig0, sizeof sig0), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(import_hex(CERT_CA), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(by_entity(7u, 1u, 0u, ""), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(by_entity(8u, 1u, 0u, ""), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(act(3u, sig0, sizeof sig0), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_int_eq(msdk_cosem_secsetup_sync_certs(&g.sec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_cosem_secsetup_sync_certs(NULL), MSDK_ERR_NOT_FOUND);
}
END_TEST

Suite *cosem_class_security_cert_suite(void)
{
    Suite *s = suite_create("cosem_class_security_cert");
    CK_TCASE(s, "certificates", setup, empty_store_lists_nothing, import_trust_and_client_key,
             import_server_certificate, import_refusals, export_by_entity_and_serial,
             remove_withdraws_the_client_key, key_pair_and_request,
             key_pair_keeps_key_when_the_store_fails, no_store);
    return s;
}
