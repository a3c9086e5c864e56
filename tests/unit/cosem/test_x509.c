/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * X.509 certificates and PKCS#10 requests of DLMS security suite 1 (msdk/cosem/x509.h).
 *
 * The certificates were made with the OpenSSL 3.0 command line (their signatures are random,
 * so running the commands again gives other bytes and other expected values):
 *
 *   cat > ca.cnf <<X
 *   [req]
 *   distinguished_name = dn
 *   prompt = no
 *   [dn]
 *   CN = MSDK Test CA
 *   [v3_ca]
 *   basicConstraints = critical,CA:TRUE
 *   keyUsage = critical,keyCertSign,cRLSign
 *   X
 *   printf 'keyUsage = critical,digitalSignature\nsubjectAltName = DNS:meter1.example\n' \
 *     > client.ext
 *   printf 'keyUsage = critical,digitalSignature\n1.2.3.4 = critical,ASN1:UTF8String:x\n' \
 *     > crit.ext
 *   openssl ecparam -name prime256v1 -genkey -noout -out ca.key
 *   openssl req -new -x509 -config ca.cnf -extensions v3_ca -key ca.key -sha256 -days 3650 \
 *     -set_serial 0x01 -outform DER -out ca.der
 *   openssl ecparam -name prime256v1 -genkey -noout -out client.key
 *   openssl req -new -key client.key -subj "/CN=4D4D4D0000000001" -out client.csr
 *   openssl x509 -req -in client.csr -CA ca.der -CAform DER -CAkey ca.key \
 *     -set_serial 0x8A5F9C21 -days 365 -sha256 -extfile client.ext -outform DER -out client.der
 *   openssl x509 -req -in client.csr -CA ca.der -CAform DER -CAkey ca.key -set_serial 2 \
 *     -days 365 -sha256 -outform DER -out v1.der
 *   openssl x509 -req -in client.csr -CA ca.der -CAform DER -CAkey ca.key -set_serial 3 \
 *     -days 365 -sha256 -extfile crit.ext -outform DER -out crit.der
 *   openssl x509 -req -in client.csr -CA ca.der -CAform DER -CAkey ca.key -set_serial 4 \
 *     -days 365 -sha384 -extfile client.ext -outform DER -out sha384.der
 *   openssl req -new -newkey rsa:1024 -nodes -keyout rsa.key -subj "/CN=RSA" -out rsa.csr
 *   openssl x509 -req -in rsa.csr -CA ca.der -CAform DER -CAkey ca.key -set_serial 5 \
 *     -days 365 -sha256 -extfile client.ext -outform DER -out rsa.der
 *   xxd -p -c 32 <file>.der | tr a-f A-F
 *
 * (openssl verify -CAfile ca.pem client.pem says OK.) The expected fields were copied by
 * hand from `openssl x509 -inform DER -in <file>.der -noout -text` (keys, serial, signature
 * value) and `openssl asn1parse -inform DER -in <file>.der -i` (offsets and lengths; r and s
 * with `-strparse <offset of the signature BIT STRING>`); the Names and GeneralNames are
 * written below from their ASN.1 structure.
 *
 * The requests are checked against the structure of RFC 2986 written out by hand, and their
 * signatures with the crypto port's verify; tests/integration/x509_openssl.sh has OpenSSL
 * check one too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <check.h>

#include "msdk/cosem/x509.h"
#include "msdk/port/crypto.h"
#include "cosem_check.h"
#include "cosem_test_certs.h"

Suite *cosem_x509_suite(void);

/* ---- Certificates (see the commands above) ------------------------------------------------- */

static const char v1_hex[] = "308201193081C0020102300A06082A8648CE3D04030230173115301306035504"
                             "030C0C4D53444B2054657374204341301E170D3236313230313035313233315A"
                             "170D3237313230313035313233315A301B3119301706035504030C1034443444"
                             "3444303030303030303030313059301306072A8648CE3D020106082A8648CE3D"
                             "03010703420004F77785AA64C9C749D68E724D445A1D47CA219470FC3804048F"
                             "D277E58795DF41922EE63AFB82ACCB4BDDFBA0633D17ABA7485ACB12B1EE897C"
                             "32976887120003300A06082A8648CE3D040302034800304502202FDB9A0DC7B3"
                             "F2C339E94F409AFC1F90BD093BF32C7A8014CDC5DD0A04AA2CBA022100EC5CCE"
                             "A6A5F71EE95E302AC3C7EC10360E8EDA3BF22EA8C2A7185FD6184235F7";
static const char crit_hex[] = "3082018330820128A003020102020103300A06082A8648CE3D04030230173115"
                               "301306035504030C0C4D53444B2054657374204341301E170D32363132303130"
                               "35313233315A170D3237313230313035313233315A301B311930170603550403"
                               "0C10344434443444303030303030303030313059301306072A8648CE3D020106"
                               "082A8648CE3D03010703420004F77785AA64C9C749D68E724D445A1D47CA2194"
                               "70FC3804048FD277E58795DF41922EE63AFB82ACCB4BDDFBA0633D17ABA7485A"
                               "CB12B1EE897C32976887120003A361305F300E0603551D0F0101FF0404030207"
                               "80300D06032A03040101FF04030C0178301D0603551D0E041604143E2CD913DB"
                               "19FD4E0AF7FC5E7F827AE14C566000301F0603551D230418301680143D99CBF1"
                               "1F58395A467BCB2A94685B777B7F8BE0300A06082A8648CE3D04030203490030"
                               "460221008DC7AF6A100F791FFD7E2C4172994AD2C1EEB12F2C19C08A2C580BA1"
                               "7A3579DC022100D9F9A9B96DC5AEA89481DEC7AA499E57940F019B248717DE94"
                               "7DB58C92053716";
static const char sha384_hex[] = "3082018E30820134A003020102020104300A06082A8648CE3D04030330173115"
                                 "301306035504030C0C4D53444B2054657374204341301E170D32363132303130"
                                 "35313233315A170D3237313230313035313233315A301B311930170603550403"
                                 "0C10344434443444303030303030303030313059301306072A8648CE3D020106"
                                 "082A8648CE3D03010703420004F77785AA64C9C749D68E724D445A1D47CA2194"
                                 "70FC3804048FD277E58795DF41922EE63AFB82ACCB4BDDFBA0633D17ABA7485A"
                                 "CB12B1EE897C32976887120003A36D306B300E0603551D0F0101FF0404030207"
                                 "8030190603551D1104123010820E6D65746572312E6578616D706C65301D0603"
                                 "551D0E041604143E2CD913DB19FD4E0AF7FC5E7F827AE14C566000301F060355"
                                 "1D230418301680143D99CBF11F58395A467BCB2A94685B777B7F8BE0300A0608"
                                 "2A8648CE3D0403030348003045022002A048DBE5F94BF9D0AC34255744DEE43F"
                                 "A6B3403628573E9692FA43A000BA170221009785B4030554ECC50C78AAD60F7A"
                                 "D3768DA8AC75257DC3BC0C3E07CBF2441AEA";
static const char rsa_hex[] = "308201C83082016EA003020102020105300A06082A8648CE3D04030230173115"
                              "301306035504030C0C4D53444B2054657374204341301E170D32363132303130"
                              "35313233325A170D3237313230313035313233325A300E310C300A0603550403"
                              "0C0352534130819F300D06092A864886F70D010101050003818D003081890281"
                              "8100C476EFEC86A306B01DD16768059BA2E404F9C69A6223750AB13B48091B17"
                              "F1C2071AEBC81DBCAE06DE966F6EC6C8C8C14FF231F985145917ED08A3A312B5"
                              "BDF9571121B1CCEA5F7BFC755D8072BA68E20EDB90E8DC7EC7518F463865E8DA"
                              "4A2CDAC24920EDC3697F199294D264B5EBDB3879347D98EEB9891CC52E9E3562"
                              "2F470203010001A36D306B300E0603551D0F0101FF0404030207803019060355"
                              "1D1104123010820E6D65746572312E6578616D706C65301D0603551D0E041604"
                              "1473A35F9A5386FE451F8CD6BA3990EF4ADBF708D0301F0603551D2304183016"
                              "80143D99CBF11F58395A467BCB2A94685B777B7F8BE0300A06082A8648CE3D04"
                              "0302034800304502201B5CDAD1ABC7A30D2AB0C47D7C4F0338DF52D237337BEF"
                              "1F23300A52244E97DF02210081ECD17C0BB13BCAB59CAD76397E04866E722A04"
                              "24D011A97E8A0510F374DEFC";

/* The fields copied from the openssl output (see above). */

/* CA: subject and issuer CN = MSDK Test CA (SEQUENCE { SET { SEQUENCE { 2.5.4.3, UTF8String
 * "MSDK Test CA" } } }), serial 01. */
#define NAME_CA "30 17 31 15 30 13 06 03 55 04 03 0C 0C 4D 53 44 4B 20 54 65 73 74 20 43 41"
#define CA_PUB                                                                                     \
    "04 38C53B577DDA9D617DE89821DB199080367EEF9AA32004B7EA92BCDA1738C97D"                          \
    "C30FFA3F98FD2086D26B9A3B3F16A34370E8D52090E6EC1D9EE7B9EA869EAF63"
/* Its signature: r had a 00 sign octet (INTEGER of 33 octets), s 32 octets. */
#define CA_SIG                                                                                     \
    "9BDE841651DC16E3D3139E6A983FCDB24231BD037DB1580C7DCC161DEDCA65EC"                             \
    "079CDB45A3DD644F4C6F1AADD4A55EDB188BE83017E79B1D5F9E082A44986F3C"
#define CA_TBS_OFF     4u /* asn1parse: 4:d=1 hl=4 l=261 */
#define CA_TBS_LEN     265u
#define CA_ISSUER_OFF  28u /* 28:d=2 hl=2 l=23 */
#define CA_SUBJECT_OFF 85u /* 85:d=2 hl=2 l=23 */
#define CA_SERIAL_OFF  15u /* 13:d=2 hl=2 l=1 INTEGER :01 */

/* Client: CN = 4D4D4D0000000001 (16 characters), serial 0x8A5F9C21 (content 00 8A 5F 9C 21),
 * subjectAltName DNS:meter1.example (GeneralNames SEQUENCE { [2] IA5String }). */
#define NAME_CLIENT                                                                                \
    "30 1B 31 19 30 17 06 03 55 04 03 0C 10"                                                       \
    "34 44 34 44 34 44 30 30 30 30 30 30 30 30 30 31"
#define CLIENT_SERIAL "00 8A 5F 9C 21"
#define CLIENT_SAN    "30 10 82 0E 6D 65 74 65 72 31 2E 65 78 61 6D 70 6C 65"
#define CLIENT_PUB                                                                                 \
    "04 F77785AA64C9C749D68E724D445A1D47CA219470FC3804048FD277E58795DF41"                          \
    "922EE63AFB82ACCB4BDDFBA0633D17ABA7485ACB12B1EE897C32976887120003"
#define CLIENT_SIG                                                                                 \
    "4C0A924B978C119FF6AA893F3DF9ECCEB8ABA43B6156567E6B6EFDCAFC39AD6A"                             \
    "11EE515884BD1777BF85849798577583483A5C0475AE7E6BCAF36E9B923B9E36"
#define CLIENT_LEN          405u
#define CLIENT_TBS_OFF      4u /* 4:d=1 hl=4 l=312 */
#define CLIENT_TBS_LEN      316u
#define CLIENT_SERIAL_OFF   15u  /* 13:d=2 hl=2 l=5 */
#define CLIENT_ISSUER_OFF   32u  /* 32:d=2 hl=2 l=23 */
#define CLIENT_SUBJECT_OFF  89u  /* 89:d=2 hl=2 l=27 */
#define CLIENT_SAN_OFF      238u /* 236:d=5 hl=2 l=18 OCTET STRING: its content */
#define CLIENT_ISSUER_CHAR  45u  /* 43:d=5 hl=2 l=12 UTF8STRING: the 'M' of "MSDK Test CA" */
/* Offsets of the length fields the edits below grow: Certificate (30 82 01 91) and
 * TBSCertificate (30 82 01 38), two octets each; [3] (A3 6D) and Extensions (30 6B). */
#define CLIENT_CERT_LEN_OFF 2u
#define CLIENT_TBS_LEN_OFF  6u
#define CLIENT_EXT3_LEN_OFF 210u
#define CLIENT_EXTS_LEN_OFF 212u
#define CLIENT_KU_OFF       213u /* 213:d=4 hl=2 l=14: the keyUsage extension */
#define CLIENT_KU_LEN       16u

/* ---- Helpers ------------------------------------------------------------------------------- */

#define PATTERN 0xA5u

/* A result filled with PATTERN; nothing may change it on error. */
static void fill(msdk_cosem_x509_t *x)
{
    memset(x, PATTERN, sizeof *x);
}

static bool is_pattern(const msdk_cosem_x509_t *x)
{
    const uint8_t *p = (const uint8_t *)x;
    for (size_t i = 0; i < sizeof *x; i++) {
        if (p[i] != PATTERN) {
            return false;
        }
    }
    return true;
}

/* Parses der[0..len) from an exact-size heap copy (ASan sees any over-read); the result goes
 * to *x (filled with PATTERN first) and must be left alone on error. When ok, *copy keeps the
 * heap copy (free() it); else it is freed. */
static msdk_err_t parse_copy(const uint8_t *der, size_t len, msdk_cosem_x509_t *x, uint8_t **copy)
{
    uint8_t *c = ck_dup(der, len);
    fill(x);
    msdk_err_t err = msdk_cosem_x509_parse(c, len, x);
    if (err != MSDK_OK) {
        CK_TRUE(is_pattern(x));
        free(c);
        c = NULL;
    }
    if (copy != NULL) {
        *copy = c;
    } else {
        free(c);
    }
    return err;
}

/* The parse of the certificate in hex; the copy is kept in *copy on success. */
static msdk_err_t parse_hex(const char *h, msdk_cosem_x509_t *x, uint8_t **copy)
{
    uint8_t der[MSDK_COSEM_X509_MAX];
    return parse_copy(der, ck_hex(h, der, sizeof der), x, copy);
}

/* Adds d to the big-endian length field of w octets at p. */
static void grow_len(uint8_t *p, size_t w, size_t d)
{
    size_t v = 0;
    for (size_t i = 0; i < w; i++) {
        v = (v << 8) | p[i];
    }
    v += d;
    for (size_t i = w; i > 0u; i--) {
        p[i - 1u] = (uint8_t)v;
        v >>= 8;
    }
}

/* The client certificate with ins[0..n) inserted at offset `at` and the lengths of the
 * Certificate and TBSCertificate (and of [3] and Extensions when in_ext) grown by n (by hand:
 * the edited structure stays valid DER apart from what ins does). Returns the new length. */
static size_t client_with(uint8_t *out, size_t cap, size_t at, const uint8_t *ins, size_t n,
                          bool in_ext)
{
    uint8_t c[CLIENT_LEN];
    ck_assert_uint_eq(ck_hex(X509_CLIENT, c, sizeof c), CLIENT_LEN);
    ck_assert_uint_le(CLIENT_LEN + n, cap);
    memcpy(out, c, at);
    memcpy(&out[at], ins, n);
    memcpy(&out[at + n], &c[at], CLIENT_LEN - at);
    grow_len(&out[CLIENT_CERT_LEN_OFF], 2u, n);
    grow_len(&out[CLIENT_TBS_LEN_OFF], 2u, n);
    if (in_ext) {
        grow_len(&out[CLIENT_EXT3_LEN_OFF], 1u, n);
        grow_len(&out[CLIENT_EXTS_LEN_OFF], 1u, n);
        ck_assert_uint_lt(out[CLIENT_EXT3_LEN_OFF], 0x80u); /* still one octet */
    }
    return CLIENT_LEN + n;
}

static void expect_hex_at(const uint8_t *p, size_t len, const char *h)
{
    ck_assert_ptr_nonnull(p);
    ck_expect_bytes(p, len, h);
}

/* ---- Parsing ------------------------------------------------------------------------------- */

START_TEST(parse_ca)
{
    msdk_cosem_x509_t x;
    uint8_t *der = NULL;
    ck_assert_int_eq(parse_hex(X509_CA, &x, &der), MSDK_OK);
    ck_assert_ptr_eq(x.tbs, der + CA_TBS_OFF);
    ck_assert_uint_eq(x.tbs_len, CA_TBS_LEN);
    ck_assert_ptr_eq(x.serial, der + CA_SERIAL_OFF);
    expect_hex_at(x.serial, x.serial_len, "01");
    ck_assert_ptr_eq(x.issuer, der + CA_ISSUER_OFF);
    expect_hex_at(x.issuer, x.issuer_len, NAME_CA);
    ck_assert_ptr_eq(x.subject, der + CA_SUBJECT_OFF);
    expect_hex_at(x.subject, x.subject_len, NAME_CA);
    ck_assert_ptr_null(x.alt_name);
    ck_assert_uint_eq(x.alt_name_len, 0u);
    ck_expect_bytes(x.public_key, sizeof x.public_key, CA_PUB);
    ck_expect_bytes(x.signature, sizeof x.signature, CA_SIG);
    ck_assert(x.key_usage_present);
    /* keyUsage BIT STRING 03 02 01 06: keyCertSign (5) and cRLSign (6). */
    ck_assert_uint_eq(x.key_usage, MSDK_COSEM_X509_KU_KEY_CERT_SIGN | MSDK_COSEM_X509_KU_CRL_SIGN);
    ck_assert(x.is_ca);
    free(der);
}
END_TEST

START_TEST(parse_client)
{
    msdk_cosem_x509_t x;
    uint8_t *der = NULL;
    ck_assert_int_eq(parse_hex(X509_CLIENT, &x, &der), MSDK_OK);
    ck_assert_ptr_eq(x.tbs, der + CLIENT_TBS_OFF);
    ck_assert_uint_eq(x.tbs_len, CLIENT_TBS_LEN);
    ck_assert_ptr_eq(x.serial, der + CLIENT_SERIAL_OFF);
    expect_hex_at(x.serial, x.serial_len, CLIENT_SERIAL);
    ck_assert_ptr_eq(x.issuer, der + CLIENT_ISSUER_OFF);
    expect_hex_at(x.issuer, x.issuer_len, NAME_CA);
    ck_assert_ptr_eq(x.subject, der + CLIENT_SUBJECT_OFF);
    expect_hex_at(x.subject, x.subject_len, NAME_CLIENT);
    ck_assert_ptr_eq(x.alt_name, der + CLIENT_SAN_OFF);
    expect_hex_at(x.alt_name, x.alt_name_len, CLIENT_SAN);
    ck_expect_bytes(x.public_key, sizeof x.public_key, CLIENT_PUB);
    ck_expect_bytes(x.signature, sizeof x.signature, CLIENT_SIG);
    ck_assert(x.key_usage_present);
    /* keyUsage BIT STRING 03 02 07 80: digitalSignature (0) alone. */
    ck_assert_uint_eq(x.key_usage, MSDK_COSEM_X509_KU_DIGITAL_SIGNATURE);
    ck_assert(!x.is_ca);
    free(der);
}
END_TEST

/* The system title in the subject's commonName: the client's (CN=4D4D4D0000000001); the CA's
 * CN is not 16 hex digits. */
START_TEST(subject_title)
{
    static const uint8_t want[8] = { 0x4D, 0x4D, 0x4D, 0x00, 0x00, 0x00, 0x00, 0x01 };
    msdk_cosem_x509_t x;
    uint8_t *der = NULL;
    uint8_t title[8];
    ck_assert_int_eq(parse_hex(X509_CLIENT, &x, &der), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_x509_subject_title(&x, title), MSDK_OK);
    ck_assert_mem_eq(title, want, 8);
    free(der);
    ck_assert_int_eq(parse_hex(X509_CA, &x, &der), MSDK_OK);
    memset(title, 0xA5, sizeof title);
    ck_assert_int_eq(msdk_cosem_x509_subject_title(&x, title), MSDK_ERR_NOT_FOUND);
    ck_assert_uint_eq(title[0], 0xA5u); /* unchanged */
    ck_assert_int_eq(msdk_cosem_x509_subject_title(NULL, title), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_subject_title(&x, NULL), MSDK_ERR_INVALID_ARG);
    free(der);
}
END_TEST

/* Well-formed certificates outside suite 1. */
START_TEST(parse_not_supported)
{
    static const char *const certs[] = {
        rsa_hex,    /* rsaEncryption key */
        v1_hex,     /* no version: v1 */
        crit_hex,   /* critical extension 1.2.3.4 */
        sha384_hex, /* ecdsa-with-SHA384, inside and outside the TBSCertificate */
    };
    for (size_t i = 0; i < CK_COUNT(certs); i++) {
        msdk_cosem_x509_t x;
        msdk_err_t err = parse_hex(certs[i], &x, NULL);
        if (err != MSDK_ERR_NOT_SUPPORTED) {
            ck_abort_msg("certificate %zu: %d", i, (int)err);
        }
    }
}
END_TEST

START_TEST(parse_bad_arguments)
{
    uint8_t der[MSDK_COSEM_X509_MAX + 1u];
    msdk_cosem_x509_t x;
    size_t n = ck_hex(X509_CLIENT, der, sizeof der);
    ck_assert_int_eq(msdk_cosem_x509_parse(NULL, n, &x), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_parse(der, n, NULL), MSDK_ERR_INVALID_ARG);
    /* Longer than MSDK_COSEM_X509_MAX: refused before reading. */
    fill(&x);
    ck_assert_int_eq(msdk_cosem_x509_parse(der, sizeof der, &x), MSDK_ERR_MALFORMED);
    ck_assert(is_pattern(&x));
}
END_TEST

/* Every proper prefix of the client certificate is refused, the result untouched. */
START_TEST(parse_every_truncation)
{
    uint8_t der[CLIENT_LEN];
    ck_assert_uint_eq(ck_hex(X509_CLIENT, der, sizeof der), CLIENT_LEN);
    for (size_t k = 0; k < CLIENT_LEN; k++) {
        msdk_cosem_x509_t x;
        msdk_err_t err = parse_copy(der, k, &x, NULL);
        if (err != MSDK_ERR_MALFORMED) {
            ck_abort_msg("%zu of %u bytes: %d", k, CLIENT_LEN, (int)err);
        }
    }
}
END_TEST

START_TEST(parse_trailing_byte)
{
    uint8_t der[CLIENT_LEN + 1u];
    ck_assert_uint_eq(ck_hex(X509_CLIENT, der, sizeof der), CLIENT_LEN);
    der[CLIENT_LEN] = 0x00;
    msdk_cosem_x509_t x;
    ck_assert_int_eq(parse_copy(der, CLIENT_LEN + 1u, &x, NULL), MSDK_ERR_MALFORMED);
}
END_TEST

/* The Certificate in the indefinite form: 30 80 ... 00 00. */
START_TEST(parse_indefinite_length)
{
    uint8_t c[CLIENT_LEN];
    uint8_t der[CLIENT_LEN + 2u];
    ck_assert_uint_eq(ck_hex(X509_CLIENT, c, sizeof c), CLIENT_LEN);
    der[0] = 0x30;
    der[1] = 0x80;
    memcpy(&der[2], &c[4], CLIENT_LEN - 4u);
    der[CLIENT_LEN - 2u] = 0x00;
    der[CLIENT_LEN - 1u] = 0x00;
    msdk_cosem_x509_t x;
    ck_assert_int_eq(parse_copy(der, CLIENT_LEN, &x, NULL), MSDK_ERR_MALFORMED);
}
END_TEST

/* The length of the version's [0] written A0 81 03 instead of A0 03. */
START_TEST(parse_non_minimal_length)
{
    static const uint8_t long_form = 0x81;
    uint8_t der[CLIENT_LEN + 1u];
    size_t n = client_with(der, sizeof der, 9u, &long_form, 1u, false);
    ck_assert_uint_eq(der[8], 0xA0);
    ck_assert_uint_eq(der[9], 0x81);
    ck_assert_uint_eq(der[10], 0x03);
    msdk_cosem_x509_t x;
    ck_assert_int_eq(parse_copy(der, n, &x, NULL), MSDK_ERR_MALFORMED);
}
END_TEST

/* The version INTEGER (02 01 02 inside A0 03) with length 2: it runs past the end of [0]
 * although it stays inside the TBSCertificate. */
START_TEST(parse_element_past_its_parent)
{
    uint8_t der[CLIENT_LEN];
    ck_assert_uint_eq(ck_hex(X509_CLIENT, der, sizeof der), CLIENT_LEN);
    ck_assert_uint_eq(der[10], 0x02);
    ck_assert_uint_eq(der[11], 0x01);
    der[11] = 0x02;
    msdk_cosem_x509_t x;
    ck_assert_int_eq(parse_copy(der, CLIENT_LEN, &x, NULL), MSDK_ERR_MALFORMED);
}
END_TEST

/* The keyUsage extension twice; and, to show that the edit itself keeps the certificate
 * well-formed, an unknown non-critical extension inserted at the same place parses. */
START_TEST(parse_duplicate_extension)
{
    uint8_t c[CLIENT_LEN];
    uint8_t der[CLIENT_LEN + 32u];
    msdk_cosem_x509_t x;
    ck_assert_uint_eq(ck_hex(X509_CLIENT, c, sizeof c), CLIENT_LEN);
    ck_assert_uint_eq(c[CLIENT_KU_OFF], 0x30);
    ck_assert_uint_eq(c[CLIENT_KU_OFF + 1u], CLIENT_KU_LEN - 2u);
    size_t n = client_with(der, sizeof der, CLIENT_KU_OFF + CLIENT_KU_LEN, &c[CLIENT_KU_OFF],
                           CLIENT_KU_LEN, true);
    ck_assert_int_eq(parse_copy(der, n, &x, NULL), MSDK_ERR_MALFORMED);

    /* SEQUENCE { OID 1.2.3.4, OCTET STRING { 00 } } */
    uint8_t other[10];
    ck_assert_uint_eq(ck_hex("30 08 06 03 2A 03 04 04 01 00", other, sizeof other), 10u);
    n = client_with(der, sizeof der, CLIENT_KU_OFF + CLIENT_KU_LEN, other, sizeof other, true);
    ck_assert_int_eq(parse_copy(der, n, &x, NULL), MSDK_OK);
    ck_assert_uint_eq(x.key_usage, MSDK_COSEM_X509_KU_DIGITAL_SIGNATURE);
}
END_TEST

/* ---- Signatures ---------------------------------------------------------------------------- */

static void crypto_setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
}

/* Parses the certificate `hex` and verifies it with the key `pub_hex` (NULL: its own). */
static msdk_err_t verify_hex(const char *hex, const char *pub_hex)
{
    msdk_cosem_x509_t x;
    uint8_t pub[65];
    uint8_t *der = NULL; /* kept: verify reads the TBSCertificate through x */
    ck_assert_int_eq(parse_hex(hex, &x, &der), MSDK_OK);
    if (pub_hex != NULL) {
        ck_assert_uint_eq(ck_hex(pub_hex, pub, sizeof pub), 65u);
    } else {
        memcpy(pub, x.public_key, sizeof pub);
    }
    msdk_err_t err = msdk_cosem_x509_verify(&x, pub);
    free(der);
    return err;
}

START_TEST(verify_client_with_ca_key)
{
    ck_assert_int_eq(verify_hex(X509_CLIENT, CA_PUB), MSDK_OK);
}
END_TEST

START_TEST(verify_client_with_own_key_fails)
{
    ck_assert_int_eq(verify_hex(X509_CLIENT, NULL), MSDK_ERR_AUTH);
}
END_TEST

START_TEST(verify_ca_self_signed)
{
    ck_assert_int_eq(verify_hex(X509_CA, NULL), MSDK_OK);
}
END_TEST

/* One character of the issuer's name changed ('M' -> 'N'): still DER, the signature fails. */
START_TEST(verify_tampered_tbs_fails)
{
    uint8_t der[CLIENT_LEN];
    uint8_t ca_pub[65];
    ck_assert_uint_eq(ck_hex(CA_PUB, ca_pub, sizeof ca_pub), 65u);
    ck_assert_uint_eq(ck_hex(X509_CLIENT, der, sizeof der), CLIENT_LEN);
    ck_assert_uint_eq(der[CLIENT_ISSUER_CHAR], 'M');
    der[CLIENT_ISSUER_CHAR] = 'N';
    msdk_cosem_x509_t x;
    uint8_t *copy = NULL;
    ck_assert_int_eq(parse_copy(der, CLIENT_LEN, &x, &copy), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_x509_verify(&x, ca_pub), MSDK_ERR_AUTH);
    free(copy);
}
END_TEST

START_TEST(verify_bad_arguments)
{
    msdk_cosem_x509_t x;
    uint8_t *der = NULL;
    ck_assert_int_eq(parse_hex(X509_CA, &x, &der), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_x509_verify(NULL, x.public_key), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_verify(&x, NULL), MSDK_ERR_INVALID_ARG);
    /* 04 followed by zeros is not a point of the curve. */
    uint8_t not_a_point[65] = { 0x04 };
    ck_assert_int_eq(msdk_cosem_x509_verify(&x, not_a_point), MSDK_ERR_INVALID_ARG);
    free(der);
}
END_TEST

/* ---- Certification requests ---------------------------------------------------------------- */

static msdk_crypto_drbg_t drbg;
static uint8_t entropy_counter;

static void csr_setup(void)
{
    static const uint8_t pers[] = "msdk x509 test";
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    entropy_counter = 1u;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&drbg, ck_counter_entropy, &entropy_counter, pers,
                                                sizeof pers - 1u),
                     MSDK_OK);
}

/* System title 4D 4D 4D 00 00 00 00 01: common name "4D4D4D0000000001". */
static const uint8_t title[8] = { 0x4D, 0x4D, 0x4D, 0x00, 0x00, 0x00, 0x00, 0x01 };

/* The CertificationRequestInfo of RFC 2986 for that title, up to the key (then 65 key bytes
 * and the empty attributes A0 00):
 *   SEQUENCE (125) {
 *     INTEGER 0,
 *     subject Name SEQUENCE (27) { SET (25) { SEQUENCE (23) {
 *       OID 2.5.4.3 (55 04 03), UTF8String (16) "4D4D4D0000000001" } } },
 *     subjectPKInfo SEQUENCE (89) {
 *       SEQUENCE (19) { OID 1.2.840.10045.2.1, OID 1.2.840.10045.3.1.7 },
 *       BIT STRING (66) 00 04 X Y },
 *     attributes [0] (0) } */
#define CRI_HEAD                                                                                   \
    "30 7D 02 01 00"                                                                               \
    "30 1B 31 19 30 17 06 03 55 04 03 0C 10 34 44 34 44 34 44 30 30 30 30 30 30 30 30 30 31"       \
    "30 59 30 13 06 07 2A 86 48 CE 3D 02 01 06 08 2A 86 48 CE 3D 03 01 07 03 42 00"
#define CRI_LEN 127u
/* signatureAlgorithm SEQUENCE (10) { OID 1.2.840.10045.4.3.2 } */
#define SIG_ALG "30 0A 06 08 2A 86 48 CE 3D 04 03 02"

/* Reads a DER INTEGER of an Ecdsa-Sig-Value at p[*off] (before end): tag 02, a one-octet
 * length, minimal and non-negative, at most 32 octets of value; writes it to v[32]. */
static void take_int(const uint8_t *p, size_t *off, size_t end, uint8_t v[32])
{
    size_t o = *off;
    ck_assert_uint_le(o + 2u, end);
    ck_assert_uint_eq(p[o], 0x02);
    size_t n = p[o + 1u];
    ck_assert_uint_ge(n, 1u);
    ck_assert_uint_le(o + 2u + n, end);
    const uint8_t *c = &p[o + 2u];
    ck_assert_uint_eq(c[0] & 0x80u, 0u); /* non-negative */
    if (n > 1u) {
        ck_assert(!((c[0] == 0x00) && (c[1] < 0x80))); /* minimal */
    }
    if (c[0] == 0x00 && n > 1u) {
        c++;
        n--;
    }
    ck_assert_uint_le(n, 32u);
    memset(v, 0, 32u - n);
    memcpy(&v[32u - n], c, n);
    *off = o + 2u + p[o + 1u];
}

/* A request from a fresh key pair: its bytes against the structure above, and its signature
 * verified over the SHA-256 of the CertificationRequestInfo. */
START_TEST(csr_structure_and_signature)
{
    uint8_t priv[32];
    uint8_t pub[65];
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, priv, pub), MSDK_OK);
    uint8_t buf[300];
    memset(buf, 0xEE, sizeof buf);
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, &w), MSDK_OK);
    const size_t n = w.pos;
    ck_assert_uint_eq(buf[n], 0xEE); /* nothing written past the request */

    /* CertificationRequest ::= SEQUENCE (81 len) { info, signatureAlgorithm, signature } */
    ck_assert_uint_ge(n, 3u + CRI_LEN + 12u + 5u);
    ck_assert_uint_eq(buf[0], 0x30);
    ck_assert_uint_eq(buf[1], 0x81);
    ck_assert_uint_eq(buf[2], n - 3u);
    uint8_t cri[CRI_LEN];
    size_t h = ck_hex(CRI_HEAD, cri, sizeof cri);
    ck_assert_uint_eq(h, CRI_LEN - 65u - 2u);
    memcpy(&cri[h], pub, 65u);
    cri[h + 65u] = 0xA0;
    cri[h + 66u] = 0x00;
    ck_assert_mem_eq(&buf[3], cri, CRI_LEN);
    size_t off = 3u + CRI_LEN;
    uint8_t alg[12];
    ck_assert_uint_eq(ck_hex(SIG_ALG, alg, sizeof alg), 12u);
    ck_assert_mem_eq(&buf[off], alg, sizeof alg);
    off += sizeof alg;

    /* signature BIT STRING (len) 00 { SEQUENCE (len) { INTEGER r, INTEGER s } } */
    ck_assert_uint_eq(buf[off], 0x03);
    ck_assert_uint_eq(buf[off + 1u], n - off - 2u);
    ck_assert_uint_eq(buf[off + 2u], 0x00);
    ck_assert_uint_eq(buf[off + 3u], 0x30);
    ck_assert_uint_eq(buf[off + 4u], n - off - 5u);
    off += 5u;
    uint8_t sig[64];
    take_int(buf, &off, n, &sig[0]);
    take_int(buf, &off, n, &sig[32]);
    ck_assert_uint_eq(off, n);

    uint8_t hash[32];
    ck_assert_int_eq(msdk_port_crypto_sha256(&buf[3], CRI_LEN, hash), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, sig), MSDK_OK);
    /* The check can fail: another message does not verify. */
    hash[0] ^= 0x01u;
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(pub, hash, sig), MSDK_ERR_AUTH);
    msdk_port_crypto_zeroize(priv, sizeof priv);
}
END_TEST

/* A new key pair, and a writer over buf. */
static void new_key(uint8_t priv[32], uint8_t pub[65], msdk_wbuf_t *w, uint8_t *buf, size_t cap)
{
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&drbg, priv, pub), MSDK_OK);
    msdk_wbuf_init(w, buf, cap);
}

/* Too little room, behind bytes already written: nothing written, position unchanged. */
START_TEST(csr_buffer_too_small)
{
    uint8_t priv[32];
    uint8_t pub[65];
    uint8_t buf[300];
    msdk_wbuf_t w;
    new_key(priv, pub, &w, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, &w), MSDK_OK);
    const size_t n = w.pos; /* the same key and hash give the same signature (RFC 6979) */
    const size_t caps[] = { 2u, 3u, 2u + n - 1u };
    for (size_t i = 0; i < CK_COUNT(caps); i++) {
        memset(buf, 0xEE, sizeof buf);
        msdk_wbuf_init(&w, buf, caps[i]);
        ck_assert_int_eq(msdk_wbuf_put_u16be(&w, 0x1234u), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, &w),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_uint_eq(w.pos, 2u);
        for (size_t k = 2u; k < sizeof buf; k++) {
            CK_EQ(buf[k], 0xEEu);
        }
    }
    msdk_wbuf_init(&w, buf, 2u + n);
    ck_assert_int_eq(msdk_wbuf_put_u16be(&w, 0x1234u), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, &w), MSDK_OK);
    ck_assert_uint_eq(w.pos, 2u + n);
    msdk_port_crypto_zeroize(priv, sizeof priv);
}
END_TEST

START_TEST(csr_bad_arguments)
{
    uint8_t priv[32];
    uint8_t pub[65];
    uint8_t buf[300];
    msdk_wbuf_t w;
    new_key(priv, pub, &w, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_x509_csr(NULL, priv, pub, title, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, NULL, pub, title, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, NULL, title, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, NULL, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, NULL), MSDK_ERR_INVALID_ARG);
    pub[0] = 0x02; /* not an uncompressed point */
    ck_assert_int_eq(msdk_cosem_x509_csr(&drbg, priv, pub, title, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(w.pos, 0u);
    msdk_port_crypto_zeroize(priv, sizeof priv);
}
END_TEST

/* ---- Suite --------------------------------------------------------------------------------- */

Suite *cosem_x509_suite(void)
{
    Suite *s = suite_create("cosem_x509");
    CK_TCASE(s, "parse", NULL, parse_ca, parse_client, parse_not_supported, parse_bad_arguments,
             parse_every_truncation, parse_trailing_byte, parse_indefinite_length,
             parse_non_minimal_length, parse_element_past_its_parent, parse_duplicate_extension,
             subject_title);
    CK_TCASE(s, "verify", crypto_setup, verify_client_with_ca_key, verify_client_with_own_key_fails,
             verify_ca_self_signed, verify_tampered_tbs_fails, verify_bad_arguments);
    CK_TCASE(s, "csr", csr_setup, csr_structure_and_signature, csr_buffer_too_small,
             csr_bad_arguments);
    return s;
}
