/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Keys and system titles of the published DLMS security examples
 * (/work/shared/vectors/dlms-vectors.md sections 1-3, the Green Book's), shared by the unit
 * suites and the fuzz harnesses (no Check dependency). Each includer uses what it needs. */
#ifndef COSEM_TEST_KEYS_H
#define COSEM_TEST_KEYS_H

#include <stdint.h>

#if defined(__GNUC__)
#define COSEM_TEST_KEY_UNUSED __attribute__((unused))
#else
#define COSEM_TEST_KEY_UNUSED
#endif

/* Global unicast encryption key and authentication key of section 1. */
COSEM_TEST_KEY_UNUSED static const uint8_t k_ek[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
                                                        0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
                                                        0x0C, 0x0D, 0x0E, 0x0F };
COSEM_TEST_KEY_UNUSED static const uint8_t k_ak[16] = { 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5,
                                                        0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB,
                                                        0xDC, 0xDD, 0xDE, 0xDF };
/* Another key (so that a changed SC or tag selects a wrong key, not none). */
COSEM_TEST_KEY_UNUSED static const uint8_t k_bek[16] = { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
                                                         0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA,
                                                         0xAA, 0xAA, 0xAA, 0xAA };
/* The dedicated key of the section 3 AARQ. */
COSEM_TEST_KEY_UNUSED static const uint8_t k_dk[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                                        0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB,
                                                        0xCC, 0xDD, 0xEE, 0xFF };
/* System titles: the Green Book server ("MMM" 12345678) and the client of section 2. */
COSEM_TEST_KEY_UNUSED static const uint8_t k_st_s[8] = { 0x4D, 0x4D, 0x4D, 0x00,
                                                         0x00, 0xBC, 0x61, 0x4E };
COSEM_TEST_KEY_UNUSED static const uint8_t k_st_c[8] = { 0x4D, 0x4D, 0x4D, 0x00,
                                                         0x00, 0x00, 0x00, 0x01 };

/* The key-encryption key of section 5's first key-wrap vector (RFC 3394): it wraps k_dk. */
COSEM_TEST_KEY_UNUSED static const uint8_t k_kek[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
                                                         0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
                                                         0x0C, 0x0D, 0x0E, 0x0F };

/* Section 5 (RFC 3394), first vector: the key k_kek wraps into WRAP_S5 (a new global key in
 * the key_transfer tests). */
COSEM_TEST_KEY_UNUSED static const uint8_t k_s5_key[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                                            0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB,
                                                            0xCC, 0xDD, 0xEE, 0xFF };
#define WRAP_S5 "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"

#endif /* COSEM_TEST_KEYS_H */
