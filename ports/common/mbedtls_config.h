/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief mbedTLS 3.6 configuration of the SDK (selected with MBEDTLS_CONFIG_FILE).
 *
 * One configuration for every target: the host build and the Cortex-M4 build
 * compile exactly the same mbedTLS, so the host tests exercise the code that
 * ships. Only what the meter protocols need is enabled:
 *
 * - AES-128/192/256 with ECB, CBC (OMS mode 5), CMAC (OMS mode 7), GCM/GMAC
 *   (DLMS security suites 0..2) and NIST key wrap (DLMS key transfer);
 * - SHA-1, SHA-256, MD5 (legacy DLMS authentication mechanisms, images);
 * - ECDSA on NIST P-256 only, with deterministic nonces (RFC 6979);
 * - CTR_DRBG (AES-256) seeded by a board entropy callback.
 *
 * Things a meter firmware must not link are left out or redirected: no file
 * system, sockets, timing, time(), self tests, PSA, threading or printf; no
 * mbedTLS entropy collector (the board port feeds the DRBG directly). Memory
 * comes only from the static work area of the crypto port through the
 * mbedTLS buffer allocator: with MBEDTLS_PLATFORM_NO_STD_FUNCTIONS, platform.c
 * never names calloc()/free(); until msdk_port_crypto_init() installs the
 * buffer allocator every allocation fails cleanly (returns NULL).
 */
#ifndef MSDK_MBEDTLS_CONFIG_H
#define MSDK_MBEDTLS_CONFIG_H

/* --- System support ----------------------------------------------------- */

/** Inline assembly for the bignum multiply (UMAAL on Cortex-M4, x86-64 on host). */
#define MBEDTLS_HAVE_ASM
/** Drop deprecated APIs so nothing new starts to depend on them. */
#define MBEDTLS_DEPRECATED_REMOVED

/* --- Platform: allocation from the static work area only ---------------- */

#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
/** No default calloc/free/printf/exit/time: nothing from libc is named. */
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
/** mbedtls_exit() is a pointer (no-op by default); the crypto port points it at a trap. */
#define MBEDTLS_PLATFORM_EXIT_ALT
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/** 8-byte alignment: 64-bit limbs on the host, doubles-safe everywhere. */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8

/* --- Block cipher and modes --------------------------------------------- */

#define MBEDTLS_AES_C
/** S-box and round tables in flash (const), not generated into RAM. */
#define MBEDTLS_AES_ROM_TABLES
/** One table per direction instead of four: ~6 KiB less flash. */
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_GCM_C
#define MBEDTLS_CMAC_C
#define MBEDTLS_NIST_KW_C

/* --- Hashes ------------------------------------------------------------- */

#define MBEDTLS_MD_C
#define MBEDTLS_MD5_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C

/* --- Public key: ECDSA on P-256 ----------------------------------------- */

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
/** Fast modular reduction for the NIST prime. */
#define MBEDTLS_ECP_NIST_OPTIM
/** Generator multiples come from a const table in flash (no RAM cost). */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 1
/** Small comb window for non-fixed points: less work-area use in verify. */
#define MBEDTLS_ECP_WINDOW_SIZE       2
#define MBEDTLS_ECDSA_C
/** RFC 6979 nonces: a signature never depends on the quality of the RNG. */
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* --- Random numbers ----------------------------------------------------- */

/** AES-256 CTR_DRBG with derivation function (NIST SP 800-90A). */
#define MBEDTLS_CTR_DRBG_C

#endif /* MSDK_MBEDTLS_CONFIG_H */
