/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * X.509 v3 certificates (RFC 5280) and PKCS#10 certification requests (RFC 2986) of DLMS
 * security suite 1: ECDSA P-256 with SHA-256.
 *
 * The parser runs on a small DER reader (ITU-T X.690) of its own: every element is a window
 * inside its parent's content, lengths are definite and in their shortest form, and an
 * element that runs past its parent's end is malformed. It walks the whole certificate
 * before it reports anything: a structural fault anywhere gives MSDK_ERR_MALFORMED, and only
 * a well-formed certificate outside suite 1 gives MSDK_ERR_NOT_SUPPORTED (the contents that
 * depend on the algorithms, the key and the signature value, are checked in detail only when
 * the algorithms are suite 1's). The result is built in a local and copied out on success.
 *
 * Leniencies, on purpose: BOOLEAN FALSE written explicitly (DER omits a DEFAULT value) is
 * accepted in Extension.critical and BasicConstraints.cA, as other X.509 parsers do; the
 * KeyUsage bits are not required to be free of trailing zero bits.
 *
 * The request writer emits a fixed structure (CertificationRequestInfo of 127 bytes) and only
 * the signature's length varies: at most 217 bytes in all.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/cosem/x509.h"
#include "msdk/port/crypto.h"

/* ---- DER reader ---------------------------------------------------------------------------- */

/* Universal tags (X.690) and the context tags of a TBSCertificate. */
#define TAG_BOOLEAN      0x01u
#define TAG_INTEGER      0x02u
#define TAG_BIT_STRING   0x03u
#define TAG_OCTET_STRING 0x04u
#define TAG_OID          0x06u
#define TAG_SEQUENCE     0x30u
#define TAG_SET          0x31u
#define TAG_VERSION      0xA0u /* [0] EXPLICIT Version */
#define TAG_ISSUER_UID   0x81u /* [1] IMPLICIT UniqueIdentifier */
#define TAG_SUBJECT_UID  0x82u /* [2] IMPLICIT UniqueIdentifier */
#define TAG_EXTENSIONS   0xA3u /* [3] EXPLICIT Extensions */

/* A window over DER bytes p[0..len), read from pos. */
typedef struct der_rd {
    const uint8_t *p;
    size_t len;
    size_t pos;
} der_rd_t;

/* One element: its identifier octet, its whole TLV and its content. */
typedef struct der_el {
    uint8_t tag;
    const uint8_t *tlv;
    size_t tlv_len;
    const uint8_t *v;
    size_t len;
} der_el_t;

static void der_init(der_rd_t *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->len = len;
    r->pos = 0u;
}

/* A reader over the content of e. */
static void der_enter(const der_el_t *e, der_rd_t *sub)
{
    der_init(sub, e->v, e->len);
}

static bool der_at_end(const der_rd_t *r)
{
    return r->pos == r->len;
}

/* Whether the next element (if any) has this identifier octet. */
static bool der_next_is(const der_rd_t *r, uint8_t tag)
{
    return (r->pos < r->len) && (r->p[r->pos] == tag);
}

/* Reads the next element of the window. Low tag numbers only (X.509 uses no other); the
 * length is definite, in its shortest form, on at most two octets (a certificate is at most
 * MSDK_COSEM_X509_MAX bytes) and inside the window. On error nothing is consumed. */
static msdk_err_t der_get(der_rd_t *r, der_el_t *e)
{
    const size_t rem = r->len - r->pos;
    const uint8_t *s = &r->p[r->pos];
    if ((rem < 2u) || ((s[0] & 0x1Fu) == 0x1Fu)) {
        return MSDK_ERR_MALFORMED;
    }
    size_t hl = 2u;
    size_t n = s[1];
    if (n == 0x81u) {
        if ((rem < 3u) || (s[2] < 0x80u)) {
            return MSDK_ERR_MALFORMED; /* short form was possible */
        }
        n = s[2];
        hl = 3u;
    } else if (n == 0x82u) {
        if ((rem < 4u) || (s[2] == 0u)) {
            return MSDK_ERR_MALFORMED; /* one length octet was enough */
        }
        n = ((size_t)s[2] << 8) | s[3];
        hl = 4u;
    } else if (n >= 0x80u) {
        return MSDK_ERR_MALFORMED; /* indefinite (0x80) or longer than any input */
    }
    if (n > rem - hl) {
        return MSDK_ERR_MALFORMED; /* runs past the enclosing element */
    }
    e->tag = s[0];
    e->tlv = s;
    e->tlv_len = hl + n;
    e->v = &s[hl];
    e->len = n;
    r->pos += hl + n;
    return MSDK_OK;
}

/* Reads the next element, which must have this identifier octet. */
static msdk_err_t der_expect(der_rd_t *r, uint8_t tag, der_el_t *e)
{
    msdk_err_t err = der_get(r, e);
    if ((err == MSDK_OK) && (e->tag != tag)) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

/* Reads the only element of p[0..len), which must have this identifier octet (the content of
 * an OCTET STRING that wraps one DER value, of an EXPLICIT tag). */
static msdk_err_t der_only(const uint8_t *p, size_t len, uint8_t tag, der_el_t *inner)
{
    der_rd_t r;
    der_init(&r, p, len);
    msdk_err_t err = der_expect(&r, tag, inner);
    if ((err == MSDK_OK) && !der_at_end(&r)) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

/* An INTEGER's content: at least one octet, two's complement in its shortest form. */
static bool der_int_ok(const der_el_t *e)
{
    if (e->len == 0u) {
        return false;
    }
    if (e->len > 1u) {
        if (((e->v[0] == 0x00u) && (e->v[1] < 0x80u)) ||
            ((e->v[0] == 0xFFu) && (e->v[1] >= 0x80u))) {
            return false;
        }
    }
    return true;
}

/* A BOOLEAN's content (DER: FF or 00); *b gets its value. */
static bool der_bool_ok(const der_el_t *e, bool *b)
{
    if ((e->len != 1u) || ((e->v[0] != 0x00u) && (e->v[0] != 0xFFu))) {
        return false;
    }
    *b = (e->v[0] == 0xFFu);
    return true;
}

/* A BIT STRING's content: the number of unused bits (0..7, 0 when empty) and zero padding. */
static bool der_bits_ok(const der_el_t *e)
{
    if ((e->len == 0u) || (e->v[0] > 7u) || ((e->len == 1u) && (e->v[0] != 0u))) {
        return false;
    }
    const uint8_t pad = (uint8_t)((1u << e->v[0]) - 1u);
    return (e->v[e->len - 1u] & pad) == 0u;
}

/* An OBJECT IDENTIFIER's content: complete subidentifiers without leading 0x80 octets. */
static bool der_oid_ok(const der_el_t *e)
{
    if ((e->len == 0u) || ((e->v[e->len - 1u] & 0x80u) != 0u)) {
        return false;
    }
    bool first = true;
    for (size_t i = 0; i < e->len; i++) {
        if (first && (e->v[i] == 0x80u)) {
            return false;
        }
        first = ((e->v[i] & 0x80u) == 0u);
    }
    return true;
}

/* Whether the content of e is the n octets at v. */
static bool der_is(const der_el_t *e, const uint8_t *v, size_t n)
{
    return (e->len == n) && (memcmp(e->v, v, n) == 0);
}

/* ---- Object identifiers (content octets) --------------------------------------------------- */

/* ecdsa-with-SHA256 1.2.840.10045.4.3.2 */
static const uint8_t oid_ecdsa_sha256[8] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
/* id-ecPublicKey 1.2.840.10045.2.1 */
static const uint8_t oid_ec_public_key[7] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
/* prime256v1 1.2.840.10045.3.1.7 */
static const uint8_t oid_prime256v1[8] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
/* id-ce-keyUsage 2.5.29.15, id-ce-subjectAltName 2.5.29.17, id-ce-basicConstraints 2.5.29.19 */
static const uint8_t oid_key_usage[3] = { 0x55, 0x1D, 0x0F };
static const uint8_t oid_subject_alt_name[3] = { 0x55, 0x1D, 0x11 };
static const uint8_t oid_basic_constraints[3] = { 0x55, 0x1D, 0x13 };

/* ---- Certificate parts --------------------------------------------------------------------- */

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }; *suite1 tells
 * whether it is ecdsa-with-SHA256 without parameters (RFC 5758 3.2). */
static msdk_err_t get_sig_alg(der_rd_t *r, bool *suite1)
{
    der_el_t seq;
    der_el_t oid;
    der_el_t params;
    der_rd_t in;
    msdk_err_t err = der_expect(r, TAG_SEQUENCE, &seq);
    if (err != MSDK_OK) {
        return err;
    }
    der_enter(&seq, &in);
    err = der_expect(&in, TAG_OID, &oid);
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_oid_ok(&oid)) {
        return MSDK_ERR_MALFORMED;
    }
    const bool has_params = !der_at_end(&in);
    if (has_params) {
        err = der_get(&in, &params);
        if (err != MSDK_OK) {
            return err;
        }
        if (!der_at_end(&in)) {
            return MSDK_ERR_MALFORMED;
        }
    }
    *suite1 = !has_params && der_is(&oid, oid_ecdsa_sha256, sizeof oid_ecdsa_sha256);
    return MSDK_OK;
}

/* Name ::= SEQUENCE OF RelativeDistinguishedName (SET SIZE (1..MAX) OF
 * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }); *name gets its whole TLV. */
static msdk_err_t get_name(der_rd_t *r, der_el_t *name)
{
    msdk_err_t err = der_expect(r, TAG_SEQUENCE, name);
    der_rd_t rdns;
    if (err != MSDK_OK) {
        return err;
    }
    der_enter(name, &rdns);
    while (!der_at_end(&rdns)) {
        der_el_t rdn;
        der_rd_t atvs;
        err = der_expect(&rdns, TAG_SET, &rdn);
        if (err != MSDK_OK) {
            return err;
        }
        der_enter(&rdn, &atvs);
        if (der_at_end(&atvs)) {
            return MSDK_ERR_MALFORMED; /* an empty RDN */
        }
        while (!der_at_end(&atvs)) {
            der_el_t atv;
            der_el_t type;
            der_el_t value;
            der_rd_t in;
            err = der_expect(&atvs, TAG_SEQUENCE, &atv);
            if (err != MSDK_OK) {
                return err;
            }
            der_enter(&atv, &in);
            err = der_expect(&in, TAG_OID, &type);
            if (err == MSDK_OK) {
                err = der_get(&in, &value);
            }
            if (err != MSDK_OK) {
                return err;
            }
            if (!der_oid_ok(&type) || !der_at_end(&in)) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    return MSDK_OK;
}

/* SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
 * STRING }. Suite 1: id-ecPublicKey on prime256v1, the key 04 || X || Y (65 octets, no unused
 * bits) copied to pub. Any other algorithm or curve sets *unsupported (its key is only
 * checked to be a BIT STRING). */
static msdk_err_t get_spki(der_rd_t *r, uint8_t pub[65], bool *unsupported)
{
    der_el_t spki;
    der_el_t alg;
    der_el_t oid;
    der_el_t curve;
    der_el_t key;
    der_rd_t in;
    der_rd_t alg_in;
    msdk_err_t err = der_expect(r, TAG_SEQUENCE, &spki);
    if (err != MSDK_OK) {
        return err;
    }
    der_enter(&spki, &in);
    err = der_expect(&in, TAG_SEQUENCE, &alg);
    if (err == MSDK_OK) {
        err = der_expect(&in, TAG_BIT_STRING, &key);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_at_end(&in) || !der_bits_ok(&key)) {
        return MSDK_ERR_MALFORMED;
    }
    der_enter(&alg, &alg_in);
    err = der_expect(&alg_in, TAG_OID, &oid);
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_oid_ok(&oid)) {
        return MSDK_ERR_MALFORMED;
    }
    bool suite1 = false;
    if (!der_at_end(&alg_in)) {
        err = der_get(&alg_in, &curve); /* parameters: ECParameters for id-ecPublicKey */
        if (err != MSDK_OK) {
            return err;
        }
        if (!der_at_end(&alg_in)) {
            return MSDK_ERR_MALFORMED;
        }
        suite1 = der_is(&oid, oid_ec_public_key, sizeof oid_ec_public_key) &&
                 (curve.tag == TAG_OID) && der_is(&curve, oid_prime256v1, sizeof oid_prime256v1);
    }
    if (!suite1) {
        *unsupported = true;
        return MSDK_OK;
    }
    if ((key.len != 66u) || (key.v[0] != 0u) || (key.v[1] != 0x04u)) {
        return MSDK_ERR_MALFORMED; /* not an uncompressed point of 65 bytes */
    }
    memcpy(pub, &key.v[1], 65u);
    return MSDK_OK;
}

/* keyUsage: extnValue holds KeyUsage ::= BIT STRING; named bit n (from the most significant
 * bit of the first octet) becomes 1 << n. At most 16 bits (RFC 5280 names 9). */
static msdk_err_t ext_key_usage(const der_el_t *value, msdk_cosem_x509_t *x)
{
    der_el_t bits;
    msdk_err_t err = der_only(value->v, value->len, TAG_BIT_STRING, &bits);
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_bits_ok(&bits) || (bits.len > 3u)) {
        return MSDK_ERR_MALFORMED;
    }
    uint16_t ku = 0u;
    for (size_t i = 1u; i < bits.len; i++) {
        for (unsigned b = 0u; b < 8u; b++) {
            if ((bits.v[i] & (0x80u >> b)) != 0u) {
                ku = (uint16_t)(ku | (1u << ((8u * (i - 1u)) + b)));
            }
        }
    }
    x->key_usage = ku;
    x->key_usage_present = true;
    return MSDK_OK;
}

/* basicConstraints: extnValue holds SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint
 * INTEGER (0..MAX) OPTIONAL }. */
static msdk_err_t ext_basic_constraints(const der_el_t *value, msdk_cosem_x509_t *x)
{
    der_el_t seq;
    der_el_t e;
    der_rd_t in;
    msdk_err_t err = der_only(value->v, value->len, TAG_SEQUENCE, &seq);
    if (err != MSDK_OK) {
        return err;
    }
    der_enter(&seq, &in);
    bool ca = false;
    if (der_next_is(&in, TAG_BOOLEAN)) {
        err = der_get(&in, &e);
        if (err != MSDK_OK) {
            return err;
        }
        if (!der_bool_ok(&e, &ca)) {
            return MSDK_ERR_MALFORMED;
        }
    }
    if (der_next_is(&in, TAG_INTEGER)) {
        err = der_get(&in, &e);
        if (err != MSDK_OK) {
            return err;
        }
        if (!der_int_ok(&e) || ((e.v[0] & 0x80u) != 0u)) {
            return MSDK_ERR_MALFORMED;
        }
    }
    if (!der_at_end(&in)) {
        return MSDK_ERR_MALFORMED;
    }
    x->is_ca = ca;
    return MSDK_OK;
}

/* subjectAltName: extnValue holds GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName;
 * its TLV is recorded. */
static msdk_err_t ext_subject_alt_name(const der_el_t *value, msdk_cosem_x509_t *x)
{
    der_el_t names;
    msdk_err_t err = der_only(value->v, value->len, TAG_SEQUENCE, &names);
    if (err != MSDK_OK) {
        return err;
    }
    if (names.len == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    x->alt_name = names.tlv;
    x->alt_name_len = names.tlv_len;
    return MSDK_OK;
}

/* Whether an extension with the identifier `id` comes before offset `end` of the extension
 * list `list` (whose elements up to there were checked already). */
static bool ext_seen(const der_el_t *list, size_t end, const der_el_t *id)
{
    der_rd_t r;
    der_init(&r, list->v, end);
    while (!der_at_end(&r)) {
        der_el_t ext;
        der_el_t prev;
        der_rd_t in;
        if (der_get(&r, &ext) != MSDK_OK) {
            return false;
        }
        der_enter(&ext, &in);
        if (der_get(&in, &prev) != MSDK_OK) {
            return false;
        }
        if (der_is(&prev, id->v, id->len)) {
            return true;
        }
    }
    return false;
}

/* [3] EXPLICIT Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension ::= SEQUENCE { extnID OID,
 * critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. Each identifier at most once
 * (RFC 5280 4.2); an unknown critical one sets *unsupported. */
static msdk_err_t get_extensions(const der_el_t *tagged, msdk_cosem_x509_t *x, bool *unsupported)
{
    der_el_t list;
    der_rd_t r;
    msdk_err_t err = der_only(tagged->v, tagged->len, TAG_SEQUENCE, &list);
    if (err != MSDK_OK) {
        return err;
    }
    if (list.len == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    der_enter(&list, &r);
    while (!der_at_end(&r)) {
        const size_t start = r.pos;
        der_el_t ext;
        der_el_t id;
        der_el_t crit;
        der_el_t value;
        der_rd_t in;
        bool critical = false;
        err = der_expect(&r, TAG_SEQUENCE, &ext);
        if (err != MSDK_OK) {
            return err;
        }
        der_enter(&ext, &in);
        err = der_expect(&in, TAG_OID, &id);
        if ((err == MSDK_OK) && der_next_is(&in, TAG_BOOLEAN)) {
            err = der_get(&in, &crit);
            if ((err == MSDK_OK) && !der_bool_ok(&crit, &critical)) {
                err = MSDK_ERR_MALFORMED;
            }
        }
        if (err == MSDK_OK) {
            err = der_expect(&in, TAG_OCTET_STRING, &value);
        }
        if (err != MSDK_OK) {
            return err;
        }
        if (!der_at_end(&in) || !der_oid_ok(&id) || ext_seen(&list, start, &id)) {
            return MSDK_ERR_MALFORMED;
        }
        if (der_is(&id, oid_key_usage, sizeof oid_key_usage)) {
            err = ext_key_usage(&value, x);
        } else if (der_is(&id, oid_basic_constraints, sizeof oid_basic_constraints)) {
            err = ext_basic_constraints(&value, x);
        } else if (der_is(&id, oid_subject_alt_name, sizeof oid_subject_alt_name)) {
            err = ext_subject_alt_name(&value, x);
        } else if (critical) {
            *unsupported = true;
        }
        if (err != MSDK_OK) {
            return err;
        }
    }
    return MSDK_OK;
}

/* [0] EXPLICIT Version ::= INTEGER { v1(0), v2(1), v3(2) } DEFAULT v1. Only v3 is suite 1;
 * an explicit v1 is not DER. */
static msdk_err_t get_version(der_rd_t *r, bool *unsupported)
{
    if (!der_next_is(r, TAG_VERSION)) {
        *unsupported = true; /* v1 */
        return MSDK_OK;
    }
    der_el_t tagged;
    der_el_t v;
    msdk_err_t err = der_get(r, &tagged);
    if (err == MSDK_OK) {
        err = der_only(tagged.v, tagged.len, TAG_INTEGER, &v);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_int_ok(&v) || ((v.len == 1u) && (v.v[0] == 0u))) {
        return MSDK_ERR_MALFORMED;
    }
    if ((v.len != 1u) || (v.v[0] != 2u)) {
        *unsupported = true;
    }
    return MSDK_OK;
}

/* TBSCertificate ::= SEQUENCE { version, serialNumber, signature, issuer, validity, subject,
 * subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2], extensions [3] }. */
static msdk_err_t get_tbs(const der_el_t *tbs, msdk_cosem_x509_t *x, bool *unsupported)
{
    der_rd_t r;
    der_el_t serial;
    der_el_t issuer;
    der_el_t validity;
    der_el_t subject;
    bool suite1 = false;
    der_enter(tbs, &r);
    msdk_err_t err = get_version(&r, unsupported);
    if (err == MSDK_OK) {
        err = der_expect(&r, TAG_INTEGER, &serial);
    }
    if (err == MSDK_OK) {
        err = get_sig_alg(&r, &suite1);
    }
    if (err == MSDK_OK) {
        err = get_name(&r, &issuer);
    }
    if (err == MSDK_OK) {
        err = der_expect(&r, TAG_SEQUENCE, &validity);
    }
    if (err == MSDK_OK) {
        err = get_name(&r, &subject);
    }
    if (err == MSDK_OK) {
        err = get_spki(&r, x->public_key, unsupported);
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_int_ok(&serial) || (serial.len > 20u)) {
        return MSDK_ERR_MALFORMED;
    }
    if (!suite1) {
        *unsupported = true;
    }
    static const uint8_t optional_tags[2] = { TAG_ISSUER_UID, TAG_SUBJECT_UID };
    for (size_t i = 0; i < sizeof optional_tags; i++) {
        if (der_next_is(&r, optional_tags[i])) {
            der_el_t uid;
            err = der_get(&r, &uid);
            if (err != MSDK_OK) {
                return err;
            }
            if (!der_bits_ok(&uid)) {
                return MSDK_ERR_MALFORMED;
            }
        }
    }
    if (der_next_is(&r, TAG_EXTENSIONS)) {
        der_el_t ext;
        err = der_get(&r, &ext);
        if (err == MSDK_OK) {
            err = get_extensions(&ext, x, unsupported);
        }
        if (err != MSDK_OK) {
            return err;
        }
    }
    if (!der_at_end(&r)) {
        return MSDK_ERR_MALFORMED;
    }
    x->tbs = tbs->tlv;
    x->tbs_len = tbs->tlv_len;
    x->serial = serial.v;
    x->serial_len = serial.len;
    x->issuer = issuer.tlv;
    x->issuer_len = issuer.tlv_len;
    x->subject = subject.tlv;
    x->subject_len = subject.tlv_len;
    return MSDK_OK;
}

/* One INTEGER of an Ecdsa-Sig-Value, non-negative, at most 32 significant octets, into
 * out[32] left-padded with zeros. */
static msdk_err_t get_sig_int(der_rd_t *r, uint8_t out[32])
{
    der_el_t e;
    msdk_err_t err = der_expect(r, TAG_INTEGER, &e);
    if (err != MSDK_OK) {
        return err;
    }
    if (!der_int_ok(&e) || ((e.v[0] & 0x80u) != 0u)) {
        return MSDK_ERR_MALFORMED;
    }
    const uint8_t *p = e.v;
    size_t n = e.len;
    if ((n > 1u) && (p[0] == 0u)) {
        p++; /* the sign octet */
        n--;
    }
    if (n > 32u) {
        return MSDK_ERR_MALFORMED;
    }
    memset(out, 0, 32u - n);
    memcpy(&out[32u - n], p, n);
    return MSDK_OK;
}

/* signatureValue BIT STRING (no unused bits) holding Ecdsa-Sig-Value ::= SEQUENCE { r
 * INTEGER, s INTEGER } (RFC 3279 2.2.3), as r || s. */
static msdk_err_t get_signature(const der_el_t *bits, uint8_t sig[64])
{
    der_el_t seq;
    der_rd_t in;
    if (bits->v[0] != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_err_t err = der_only(&bits->v[1], bits->len - 1u, TAG_SEQUENCE, &seq);
    if (err != MSDK_OK) {
        return err;
    }
    der_enter(&seq, &in);
    err = get_sig_int(&in, &sig[0]);
    if (err == MSDK_OK) {
        err = get_sig_int(&in, &sig[32]);
    }
    if ((err == MSDK_OK) && !der_at_end(&in)) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

msdk_err_t msdk_cosem_x509_parse(const uint8_t *der, size_t len, msdk_cosem_x509_t *out)
{
    if ((der == NULL) || (out == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len > MSDK_COSEM_X509_MAX) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_cosem_x509_t x;
    memset(&x, 0, sizeof x);
    bool unsupported = false;
    bool suite1 = false;
    der_rd_t top;
    der_rd_t cert;
    der_el_t seq;
    der_el_t tbs;
    der_el_t bits;
    der_init(&top, der, len);
    msdk_err_t err = der_expect(&top, TAG_SEQUENCE, &seq);
    if ((err == MSDK_OK) && !der_at_end(&top)) {
        err = MSDK_ERR_MALFORMED; /* trailing bytes */
    }
    if (err == MSDK_OK) {
        der_enter(&seq, &cert);
        err = der_expect(&cert, TAG_SEQUENCE, &tbs);
    }
    if (err == MSDK_OK) {
        err = get_tbs(&tbs, &x, &unsupported);
    }
    if (err == MSDK_OK) {
        err = get_sig_alg(&cert, &suite1);
    }
    if (err == MSDK_OK) {
        err = der_expect(&cert, TAG_BIT_STRING, &bits);
    }
    if ((err == MSDK_OK) && (!der_at_end(&cert) || !der_bits_ok(&bits))) {
        err = MSDK_ERR_MALFORMED;
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (!suite1 || unsupported) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    err = get_signature(&bits, x.signature);
    if (err != MSDK_OK) {
        return err;
    }
    *out = x;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_x509_verify(const msdk_cosem_x509_t *cert, const uint8_t issuer_pub[65])
{
    if ((cert == NULL) || (issuer_pub == NULL) || (cert->tbs == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t hash[MSDK_CRYPTO_SHA256_SIZE];
    msdk_err_t err = msdk_port_crypto_sha256(cert->tbs, cert->tbs_len, hash);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_ecdsa_p256_verify(issuer_pub, hash, cert->signature);
    }
    return err;
}

/* ---- Certification request ----------------------------------------------------------------- */

/* CertificationRequestInfo up to the common name's characters: SEQUENCE (125), version 0,
 * subject SEQUENCE (27) { SET (25) { SEQUENCE (23) { OID 2.5.4.3, UTF8String (16) ... */
static const uint8_t csr_cri_head[18] = {
    0x30, 0x7D, 0x02, 0x01, 0x00, 0x30, 0x1B, 0x31, 0x19,
    0x30, 0x17, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x10,
};
/* ... subjectPKInfo SEQUENCE (89) { SEQUENCE (19) { id-ecPublicKey, prime256v1 }, BIT STRING
 * (66) 00, then the 65 bytes of the key. */
static const uint8_t csr_spki_head[26] = {
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
    0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
};
/* signatureAlgorithm SEQUENCE (10) { ecdsa-with-SHA256 }. */
static const uint8_t csr_sig_alg[12] = {
    0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02,
};

/* CertificationRequestInfo: the heads, 16 hex digits, 65 key bytes and attributes A0 00. */
#define CSR_CRI_LEN (sizeof csr_cri_head + 16u + sizeof csr_spki_head + 65u + 2u)
/* signature BIT STRING: 03 len 00 30 len and two INTEGERs of at most 2 + 33 octets. */
#define CSR_SIG_MAX (5u + (2u * 35u))
/* The whole request: 30 81 len (the content is always 128..255 octets). */
#define CSR_MAX     (3u + CSR_CRI_LEN + sizeof csr_sig_alg + CSR_SIG_MAX)

MSDK_STATIC_ASSERT(CSR_CRI_LEN == 127u, "CertificationRequestInfo is 30 7D + 125 octets");
MSDK_STATIC_ASSERT(CSR_MAX == MSDK_COSEM_X509_CSR_MAX, "a request is at most 217 octets");

/* A non-negative 32-byte big-endian integer as a DER INTEGER at p; returns its length. */
static size_t csr_put_int(uint8_t *p, const uint8_t v[32])
{
    size_t i = 0u;
    while ((i < 31u) && (v[i] == 0u)) {
        i++;
    }
    const size_t pad = ((v[i] & 0x80u) != 0u) ? 1u : 0u;
    const size_t n = (32u - i) + pad;
    p[0] = TAG_INTEGER;
    p[1] = (uint8_t)n;
    p[2] = 0u;
    memcpy(&p[2u + pad], &v[i], 32u - i);
    return 2u + n;
}

msdk_err_t msdk_cosem_x509_csr(msdk_crypto_drbg_t *drbg, const uint8_t priv[32],
                               const uint8_t pub[65], const uint8_t system_title[8],
                               msdk_wbuf_t *out)
{
    static const char hex[16] = { '0', '1', '2', '3', '4', '5', '6', '7',
                                  '8', '9', 'A', 'B', 'C', 'D', 'E', 'F' };
    if ((drbg == NULL) || (priv == NULL) || (pub == NULL) || (system_title == NULL) ||
        (out == NULL) || (pub[0] != 0x04u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t buf[CSR_MAX];
    uint8_t hash[MSDK_CRYPTO_SHA256_SIZE];
    uint8_t sig[MSDK_CRYPTO_P256_SIGNATURE_SIZE];
    uint8_t *cri = &buf[3];
    size_t n = 0u;
    memcpy(&cri[n], csr_cri_head, sizeof csr_cri_head);
    n += sizeof csr_cri_head;
    for (size_t i = 0; i < 8u; i++) {
        cri[n++] = (uint8_t)hex[system_title[i] >> 4];
        cri[n++] = (uint8_t)hex[system_title[i] & 0x0Fu];
    }
    memcpy(&cri[n], csr_spki_head, sizeof csr_spki_head);
    n += sizeof csr_spki_head;
    memcpy(&cri[n], pub, 65u);
    n += 65u;
    cri[n++] = 0xA0; /* attributes [0] IMPLICIT SET OF Attribute, empty */
    cri[n++] = 0x00;

    msdk_err_t err = msdk_port_crypto_sha256(cri, CSR_CRI_LEN, hash);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_ecdsa_p256_sign(drbg, priv, hash, sig);
    }
    msdk_port_crypto_zeroize(hash, sizeof hash);
    if (err != MSDK_OK) {
        return err;
    }
    n += 3u;
    memcpy(&buf[n], csr_sig_alg, sizeof csr_sig_alg);
    n += sizeof csr_sig_alg;
    const size_t bits = n; /* 03 len 00 30 len r s */
    n += 5u;
    n += csr_put_int(&buf[n], &sig[0]);
    n += csr_put_int(&buf[n], &sig[32]);
    buf[bits] = TAG_BIT_STRING;
    buf[bits + 1u] = (uint8_t)(n - bits - 2u);
    buf[bits + 2u] = 0x00; /* no unused bits */
    buf[bits + 3u] = TAG_SEQUENCE;
    buf[bits + 4u] = (uint8_t)(n - bits - 5u);
    buf[0] = TAG_SEQUENCE;
    buf[1] = 0x81;
    buf[2] = (uint8_t)(n - 3u);
    return msdk_wbuf_put_bytes(out, buf, n); /* all or nothing */
}

/* ---- The system title of the subject ------------------------------------------------------- */

/* commonName 2.5.4.3 */
static const uint8_t oid_common_name[3] = { 0x55, 0x04, 0x03 };
#define TAG_UTF8_STRING      0x0Cu
#define TAG_PRINTABLE_STRING 0x13u

/* A hex digit's value, or 0xFF. */
static uint8_t hex_digit(uint8_t c)
{
    if ((c >= (uint8_t)'0') && (c <= (uint8_t)'9')) {
        return (uint8_t)(c - (uint8_t)'0');
    }
    if ((c >= (uint8_t)'A') && (c <= (uint8_t)'F')) {
        return (uint8_t)(c - (uint8_t)'A' + 10u);
    }
    if ((c >= (uint8_t)'a') && (c <= (uint8_t)'f')) {
        return (uint8_t)(c - (uint8_t)'a' + 10u);
    }
    return 0xFFu;
}

/* The 8 bytes a commonName value of 16 hex digits spells; false for any other value. */
static bool title_of(const der_el_t *value, uint8_t title[8])
{
    uint8_t t[8];
    if (((value->tag != TAG_UTF8_STRING) && (value->tag != TAG_PRINTABLE_STRING)) ||
        (value->len != 16u)) {
        return false;
    }
    for (size_t i = 0; i < 8u; i++) {
        uint8_t hi = hex_digit(value->v[2u * i]);
        uint8_t lo = hex_digit(value->v[(2u * i) + 1u]);
        if ((hi == 0xFFu) || (lo == 0xFFu)) {
            return false;
        }
        t[i] = (uint8_t)((hi << 4) | lo);
    }
    memcpy(title, t, sizeof t);
    return true;
}

msdk_err_t msdk_cosem_x509_subject_title(const msdk_cosem_x509_t *cert, uint8_t title[8])
{
    if ((cert == NULL) || (title == NULL) || (cert->subject == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The subject was checked by the parser; it is walked again with the same reader. */
    der_rd_t r;
    der_el_t name;
    der_rd_t rdns;
    der_init(&r, cert->subject, cert->subject_len);
    if (der_expect(&r, TAG_SEQUENCE, &name) != MSDK_OK) {
        return MSDK_ERR_NOT_FOUND;
    }
    der_enter(&name, &rdns);
    while (!der_at_end(&rdns)) {
        der_el_t rdn;
        der_rd_t atvs;
        if (der_expect(&rdns, TAG_SET, &rdn) != MSDK_OK) {
            return MSDK_ERR_NOT_FOUND;
        }
        der_enter(&rdn, &atvs);
        while (!der_at_end(&atvs)) {
            der_el_t atv;
            der_el_t type;
            der_el_t value;
            der_rd_t in;
            if (der_expect(&atvs, TAG_SEQUENCE, &atv) != MSDK_OK) {
                return MSDK_ERR_NOT_FOUND;
            }
            der_enter(&atv, &in);
            if ((der_expect(&in, TAG_OID, &type) == MSDK_OK) && (der_get(&in, &value) == MSDK_OK) &&
                der_is(&type, oid_common_name, sizeof oid_common_name) && title_of(&value, title)) {
                return MSDK_OK;
            }
        }
    }
    return MSDK_ERR_NOT_FOUND;
}
