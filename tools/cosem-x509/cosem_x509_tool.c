/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * cosem-x509-tool: the X.509 side of DLMS security suite 1 (msdk/cosem/x509.h) on the host,
 * for checks against another implementation (tests/integration/x509_openssl.sh runs OpenSSL).
 *
 *   cosem-x509-tool csr [--hex] [TITLE]
 *       Generates a P-256 key pair from a DRBG with a fixed seed (the same key every run) and
 *       writes a PKCS#10 request for the system title TITLE (16 hex digits, default
 *       4D4D4D0000000001) to stdout: DER, or upper-case hex on one line with --hex.
 *   cosem-x509-tool parse CERT [ISSUER]
 *       Parses the DER certificate in the file CERT and prints its fields; with ISSUER (a DER
 *       certificate file) also verifies CERT's signature with the issuer's key.
 *
 * Exit status: 0 on success, 1 when a library call fails (its error is printed), 2 on a
 * usage error.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/err.h"
#include "msdk/cosem/x509.h"
#include "msdk/port/crypto.h"

/* Not random: a counter, so that every run makes the same key (a test tool, no secret). */
static msdk_err_t counter_entropy(void *ctx, uint8_t *buf, size_t len)
{
    uint8_t *counter = (uint8_t *)ctx;
    for (size_t i = 0; i < len; i++) {
        buf[i] = (*counter)++;
    }
    return MSDK_OK;
}

static int usage(void)
{
    fprintf(stderr, "usage: cosem-x509-tool csr [--hex] [TITLE]\n"
                    "       cosem-x509-tool parse CERT [ISSUER]\n");
    return 2;
}

static int failed(const char *what, msdk_err_t err)
{
    fprintf(stderr, "cosem-x509-tool: %s: %s\n", what, msdk_err_str(err));
    return 1;
}

static int hex_digit(char c)
{
    if ((c >= '0') && (c <= '9')) {
        return c - '0';
    }
    if ((c >= 'A') && (c <= 'F')) {
        return c - 'A' + 10;
    }
    if ((c >= 'a') && (c <= 'f')) {
        return c - 'a' + 10;
    }
    return -1;
}

/* Exactly 16 hex digits into title[8]. */
static bool parse_title(const char *s, uint8_t title[8])
{
    if (strlen(s) != 16u) {
        return false;
    }
    for (size_t i = 0; i < 8u; i++) {
        int hi = hex_digit(s[2u * i]);
        int lo = hex_digit(s[(2u * i) + 1u]);
        if ((hi < 0) || (lo < 0)) {
            return false;
        }
        title[i] = (uint8_t)((hi << 4) | lo);
    }
    return true;
}

static void print_hex(const char *name, const uint8_t *p, size_t n)
{
    printf("%s: ", name);
    for (size_t i = 0; i < n; i++) {
        printf("%02X", p[i]);
    }
    printf("\n");
}

static int cmd_csr(int argc, char **argv)
{
    bool hex = false;
    const char *title_arg = "4D4D4D0000000001";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--hex") == 0) {
            hex = true;
        } else {
            title_arg = argv[i];
        }
    }
    uint8_t title[8];
    if (!parse_title(title_arg, title)) {
        return usage();
    }
    static const uint8_t pers[] = "cosem-x509-tool";
    uint8_t counter = 1u;
    msdk_crypto_drbg_t drbg;
    uint8_t priv[32];
    uint8_t pub[65];
    uint8_t der[MSDK_COSEM_X509_MAX];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, der, sizeof der);
    msdk_err_t err =
        msdk_port_crypto_drbg_seed(&drbg, counter_entropy, &counter, pers, sizeof pers - 1u);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_ecdsa_p256_keygen(&drbg, priv, pub);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_x509_csr(&drbg, priv, pub, title, &w);
    }
    msdk_port_crypto_zeroize(priv, sizeof priv);
    msdk_port_crypto_drbg_free(&drbg);
    if (err != MSDK_OK) {
        return failed("csr", err);
    }
    if (hex) {
        for (size_t i = 0; i < w.pos; i++) {
            printf("%02X", der[i]);
        }
        printf("\n");
    } else if (fwrite(der, 1u, w.pos, stdout) != w.pos) {
        return 1;
    }
    return (fflush(stdout) == 0) ? 0 : 1;
}

/* Reads the file at path into buf[cap]; *len gets its size. */
static bool read_file(const char *path, uint8_t *buf, size_t cap, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return false;
    }
    *len = fread(buf, 1u, cap, f);
    bool ok = (ferror(f) == 0) && (feof(f) != 0);
    if (!ok) {
        fprintf(stderr, "cosem-x509-tool: %s: unreadable or larger than %zu bytes\n", path, cap);
    }
    fclose(f);
    return ok;
}

static int cmd_parse(int argc, char **argv)
{
    if ((argc < 1) || (argc > 2)) {
        return usage();
    }
    /* One byte more than the largest certificate: a longer file is seen as too long. */
    static uint8_t der[MSDK_COSEM_X509_MAX + 1u];
    static uint8_t issuer_der[MSDK_COSEM_X509_MAX + 1u];
    size_t len = 0;
    size_t issuer_len = 0;
    if (!read_file(argv[0], der, sizeof der, &len)) {
        return 1;
    }
    msdk_cosem_x509_t x;
    msdk_err_t err = msdk_cosem_x509_parse(der, len, &x);
    if (err != MSDK_OK) {
        return failed("parse", err);
    }
    print_hex("serial", x.serial, x.serial_len);
    print_hex("issuer", x.issuer, x.issuer_len);
    print_hex("subject", x.subject, x.subject_len);
    if (x.alt_name != NULL) {
        print_hex("alt_name", x.alt_name, x.alt_name_len);
    }
    print_hex("public_key", x.public_key, sizeof x.public_key);
    print_hex("signature", x.signature, sizeof x.signature);
    if (x.key_usage_present) {
        printf("key_usage: 0x%04X\n", (unsigned)x.key_usage);
    }
    printf("ca: %s\n", x.is_ca ? "yes" : "no");
    if (argc == 2) {
        if (!read_file(argv[1], issuer_der, sizeof issuer_der, &issuer_len)) {
            return 1;
        }
        msdk_cosem_x509_t issuer;
        err = msdk_cosem_x509_parse(issuer_der, issuer_len, &issuer);
        if (err != MSDK_OK) {
            return failed("parse issuer", err);
        }
        err = msdk_cosem_x509_verify(&x, issuer.public_key);
        if (err != MSDK_OK) {
            return failed("verify", err);
        }
        printf("verify: OK\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage();
    }
    msdk_err_t err = msdk_port_crypto_init();
    if (err != MSDK_OK) {
        return failed("crypto init", err);
    }
    if (strcmp(argv[1], "csr") == 0) {
        return cmd_csr(argc - 2, &argv[2]);
    }
    if (strcmp(argv[1], "parse") == 0) {
        return cmd_parse(argc - 2, &argv[2]);
    }
    return usage();
}
