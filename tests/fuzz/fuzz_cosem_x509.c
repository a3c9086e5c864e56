/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the X.509 parser of libcosem (msdk/cosem/x509.h) on the mbedTLS
 * crypto port. The first input byte selects what is parsed:
 * - bit 0 clear: the rest of the input as it is;
 * - bit 0 set: a valid certificate (bit 1: the self-signed CA, else the client certificate of
 *   tests/unit/cosem/test_x509.c) edited by the rest of the input, taken in groups of three
 *   bytes (a, b, c): offset ((a & 0x7F) << 8 | b) modulo the length; a's top bit set cuts
 *   the certificate there, else the byte at the offset becomes c. Random bytes rarely get
 *   past the first SEQUENCE; this reaches the extensions and the signature.
 * Besides the sanitizers it checks the documented contracts and aborts when one is broken:
 * - on error the result is untouched and the error is MALFORMED or NOT_SUPPORTED;
 * - on success every slice lies inside the input (the serial, the names and the
 *   subjectAltName inside the TBSCertificate), the serial has 1..20 octets, the key is an
 *   uncompressed point, the key usage is 0 when absent, and a second parse gives the same;
 *   then, when the selector's four top bits are set (and at most VERIFY_MAX times per
 *   process), msdk_cosem_x509_verify() with the certificate's own key returns OK, AUTH or
 *   INVALID_ARG (a key off the curve).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/x509.h"
#include "msdk/port/crypto.h"

#include "cosem_test_certs.h" /* openssl-made certificates (tests/unit/cosem) */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

/* The selector bits that ask for msdk_cosem_x509_verify() after a successful parse, and the
 * number of verifies per process: one costs tens of milliseconds under the sanitizers, and the
 * fuzzer, finding new coverage there, soon sets those bits in most inputs. An input that
 * breaks the verify still does when it is run alone. */
#define VERIFY_BITS 0xF0u
#define VERIFY_MAX  256u

static int hex_digit(char c)
{
    return (c <= '9') ? (c - '0') : (c - 'A' + 10);
}

/* The certificate in hex into out[cap]; returns its length. */
static size_t from_hex(const char *h, uint8_t *out, size_t cap)
{
    size_t n = strlen(h) / 2u;
    check(n <= cap);
    for (size_t i = 0; i < n; i++) {
        out[i] = (uint8_t)((hex_digit(h[2u * i]) << 4) | hex_digit(h[(2u * i) + 1u]));
    }
    return n;
}

/* Whether p[0..n) lies inside base[0..len). */
static bool inside(const uint8_t *p, size_t n, const uint8_t *base, size_t len)
{
    return (p >= base) && (p <= base + len) && (n <= (size_t)(base + len - p));
}

static void fuzz_parse(const uint8_t *p, size_t len, bool verify)
{
    /* An exact-size heap copy: ASan sees any over-read. */
    uint8_t *in = (uint8_t *)malloc((len > 0u) ? len : 1u);
    check(in != NULL);
    if (len > 0u) {
        memcpy(in, p, len);
    }
    msdk_cosem_x509_t x;
    msdk_cosem_x509_t before;
    memset(&x, 0x5A, sizeof x);
    memcpy(&before, &x, sizeof x);
    msdk_err_t err = msdk_cosem_x509_parse(in, len, &x);
    if (err != MSDK_OK) {
        check((err == MSDK_ERR_MALFORMED) || (err == MSDK_ERR_NOT_SUPPORTED));
        check(memcmp(&x, &before, sizeof x) == 0);
        free(in);
        return;
    }
    check(len <= MSDK_COSEM_X509_MAX);
    check(inside(x.tbs, x.tbs_len, in, len) && (x.tbs_len > 0u));
    check(inside(x.serial, x.serial_len, x.tbs, x.tbs_len));
    check((x.serial_len >= 1u) && (x.serial_len <= 20u));
    check(inside(x.issuer, x.issuer_len, x.tbs, x.tbs_len) && (x.issuer_len >= 2u));
    check(inside(x.subject, x.subject_len, x.tbs, x.tbs_len) && (x.subject_len >= 2u));
    check((x.issuer[0] == 0x30u) && (x.subject[0] == 0x30u));
    if (x.alt_name == NULL) {
        check(x.alt_name_len == 0u);
    } else {
        check(inside(x.alt_name, x.alt_name_len, x.tbs, x.tbs_len) && (x.alt_name_len > 2u));
        check(x.alt_name[0] == 0x30u);
    }
    check(x.public_key[0] == 0x04u);
    check(x.key_usage_present || (x.key_usage == 0u));
    msdk_cosem_x509_t again;
    check(msdk_cosem_x509_parse(in, len, &again) == MSDK_OK);
    check(memcmp(&x, &again, sizeof x) == 0);

    static unsigned verifies;
    if (verify && (verifies < VERIFY_MAX)) {
        verifies++;
        err = msdk_cosem_x509_verify(&x, x.public_key);
        check((err == MSDK_OK) || (err == MSDK_ERR_AUTH) || (err == MSDK_ERR_INVALID_ARG));
    }
    free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (msdk_port_crypto_init() != MSDK_OK) {
        abort();
    }
    if (size < 1u) {
        return 0;
    }
    const uint8_t sel = data[0];
    const bool verify = (sel & VERIFY_BITS) == VERIFY_BITS;
    if ((sel & 1u) == 0u) {
        fuzz_parse(data + 1, size - 1u, verify);
        return 0;
    }
    uint8_t cert[MSDK_COSEM_X509_MAX];
    size_t len = from_hex(((sel & 2u) != 0u) ? X509_CA : X509_CLIENT, cert, sizeof cert);
    for (size_t i = 1u; i + 3u <= size; i += 3u) {
        size_t off = ((((size_t)data[i] & 0x7Fu) << 8) | data[i + 1u]) % len;
        if ((data[i] & 0x80u) != 0u) {
            len = off;
            if (len == 0u) {
                break;
            }
        } else {
            cert[off] = data[i + 2u];
        }
    }
    fuzz_parse(cert, len, verify);
    return 0;
}
