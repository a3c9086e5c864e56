/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief X.509 v3 certificates and PKCS#10 certification requests of DLMS security suite 1
 *        (ECDSA P-256 with SHA-256), as far as the Security setup (class 64) needs them.
 *
 * The parser is a bounded DER reader (ITU-T X.690) over the caller's bytes: it never reads
 * outside them, allocates nothing, accepts definite lengths only (in their shortest form),
 * rejects trailing bytes and leaves @p out unchanged on any error. It accepts exactly what
 * suite 1 uses: version 3, signature algorithm ecdsa-with-SHA256 (1.2.840.10045.4.3.2) in
 * the TBSCertificate and outside it, subject public key id-ecPublicKey (1.2.840.10045.2.1)
 * on prime256v1 (1.2.840.10045.3.1.7), uncompressed point. The validity dates are not
 * checked (a meter's clock may not be set when a certificate arrives).
 *
 * The results point into the caller's DER (valid as long as it is).
 */
#ifndef MSDK_COSEM_X509_H
#define MSDK_COSEM_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/port/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Largest certificate the SDK handles, in bytes. */
#define MSDK_COSEM_X509_MAX 1024u

/** @brief Largest certification request msdk_cosem_x509_csr() writes, in bytes. */
#define MSDK_COSEM_X509_CSR_MAX 217u

/** @brief KeyUsage bits (RFC 5280 4.2.1.3): named bit n is (1 << n). */
typedef enum msdk_cosem_x509_key_usage {
    MSDK_COSEM_X509_KU_DIGITAL_SIGNATURE = 0x0001u, /**< digitalSignature (0). */
    MSDK_COSEM_X509_KU_NON_REPUDIATION = 0x0002u,   /**< nonRepudiation (1). */
    MSDK_COSEM_X509_KU_KEY_ENCIPHERMENT = 0x0004u,  /**< keyEncipherment (2). */
    MSDK_COSEM_X509_KU_DATA_ENCIPHERMENT = 0x0008u, /**< dataEncipherment (3). */
    MSDK_COSEM_X509_KU_KEY_AGREEMENT = 0x0010u,     /**< keyAgreement (4). */
    MSDK_COSEM_X509_KU_KEY_CERT_SIGN = 0x0020u,     /**< keyCertSign (5). */
    MSDK_COSEM_X509_KU_CRL_SIGN = 0x0040u,          /**< cRLSign (6). */
    MSDK_COSEM_X509_KU_ENCIPHER_ONLY = 0x0080u,     /**< encipherOnly (7). */
    MSDK_COSEM_X509_KU_DECIPHER_ONLY = 0x0100u,     /**< decipherOnly (8). */
} msdk_cosem_x509_key_usage_t;

/** @brief A parsed certificate: slices of the DER it was parsed from, and the key. */
typedef struct msdk_cosem_x509 {
    const uint8_t *tbs;      /**< TBSCertificate, its whole TLV (what the signature covers). */
    size_t tbs_len;          /**< Its length. */
    const uint8_t *serial;   /**< serialNumber: the INTEGER's content octets (1..20). */
    size_t serial_len;       /**< Their number. */
    const uint8_t *issuer;   /**< issuer Name, its whole DER TLV. */
    size_t issuer_len;       /**< Its length. */
    const uint8_t *subject;  /**< subject Name, its whole DER TLV. */
    size_t subject_len;      /**< Its length. */
    const uint8_t *alt_name; /**< subjectAltName extension: the GeneralNames TLV, or NULL. */
    size_t alt_name_len;     /**< Its length (0 without the extension). */
    uint8_t public_key[65];  /**< Subject public key: 0x04 || X || Y. */
    uint8_t signature[64];   /**< signatureValue as r || s (each left-padded to 32 bytes). */
    uint16_t key_usage;      /**< ::msdk_cosem_x509_key_usage_t bits (0 without the extension). */
    bool key_usage_present;  /**< The keyUsage extension is present. */
    bool is_ca;              /**< basicConstraints with cA TRUE. */
} msdk_cosem_x509_t;

/**
 * @brief Parses a DER X.509 v3 certificate of suite 1.
 *
 * Extensions other than keyUsage (2.5.29.15), basicConstraints (2.5.29.19) and
 * subjectAltName (2.5.29.17) are skipped, unless marked critical: an unknown critical
 * extension makes the certificate unusable (RFC 5280 4.2).
 * @param[in]  der The certificate.
 * @param[in]  len Its length (at most ::MSDK_COSEM_X509_MAX).
 * @param[out] out The result (unchanged on error).
 * @retval MSDK_OK               Parsed.
 * @retval MSDK_ERR_INVALID_ARG  NULL argument.
 * @retval MSDK_ERR_MALFORMED    Not DER, or not a certificate (structure, lengths, trailing
 *                               bytes, a serial number of more than 20 octets, a duplicated
 *                               extension, a point not on 65 bytes, ...), or longer than
 *                               ::MSDK_COSEM_X509_MAX.
 * @retval MSDK_ERR_NOT_SUPPORTED A well-formed certificate outside suite 1 (version 1 or 2,
 *                               another signature or key algorithm or curve, an unknown
 *                               critical extension).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_x509_parse(const uint8_t *der, size_t len,
                                                msdk_cosem_x509_t *out);

/**
 * @brief Verifies the signature of a parsed certificate with the issuer's public key
 *        (SHA-256 of the TBSCertificate, ECDSA P-256).
 * @param[in] cert       The certificate.
 * @param[in] issuer_pub The issuer's public key, 0x04 || X || Y (the certificate's own for
 *                       a self-signed one).
 * @retval MSDK_OK              The signature is valid.
 * @retval MSDK_ERR_AUTH        It is not.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, or @p issuer_pub is not a point of the curve.
 * @retval MSDK_ERR_CRYPTO      The crypto port failed (and the other errors of
 *                              msdk_port_crypto_ecdsa_p256_verify()).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_x509_verify(const msdk_cosem_x509_t *cert,
                                                 const uint8_t issuer_pub[65]);

/**
 * @brief The system title a certificate's subject names: its commonName (2.5.4.3, a
 *        UTF8String or PrintableString) when it is 16 hex digits (either case).
 * @param[in]  cert  The certificate.
 * @param[out] title The 8 bytes (unchanged on error).
 * @retval MSDK_OK              Found.
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_NOT_FOUND   No commonName of 16 hex digits in the subject.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_x509_subject_title(const msdk_cosem_x509_t *cert,
                                                        uint8_t title[8]);

/**
 * @brief Writes a PKCS#10 certification request (RFC 2986, DER) for a P-256 key pair.
 *
 * Subject: one RDN, commonName (2.5.4.3) as a UTF8String of the system title in 16
 * upper-case hex digits (the convention of DLMS suite 1 certificates); no attributes (an
 * empty [0] set); signed with the private key, ecdsa-with-SHA256. On error nothing is
 * written (the writer's position is restored).
 * @param[in,out] drbg         Seeded DRBG (blinding of the signature).
 * @param[in]     priv         Private key, 32 bytes.
 * @param[in]     pub          Its public key, 0x04 || X || Y.
 * @param[in]     system_title The key owner's system title, 8 bytes.
 * @param[in,out] out          Writer (a request takes at most 217 bytes).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_CRYPTO           Signing failed (and the other errors of
 *                                   msdk_port_crypto_ecdsa_p256_sign()).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_x509_csr(msdk_crypto_drbg_t *drbg, const uint8_t priv[32],
                                              const uint8_t pub[65], const uint8_t system_title[8],
                                              msdk_wbuf_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_X509_H */
