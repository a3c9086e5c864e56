/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Private to the server: association handling shared by cosem_server.c and cosem_assoc.c. */
#ifndef COSEM_SERVER_INTERNAL_H
#define COSEM_SERVER_INTERNAL_H

#include "msdk/cosem/acse.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

/* AARQ: (re)associates the connection or rejects it; writes the AARE. */
msdk_err_t msdk_cosem_server_aarq(msdk_cosem_assoc_t *a, uint16_t client_sap, const uint8_t *apdu,
                                  size_t len, msdk_wbuf_t *out);

/* RLRQ: releases the association; writes the RLRE. */
msdk_err_t msdk_cosem_server_rlrq(msdk_cosem_assoc_t *a, const uint8_t *apdu, size_t len,
                                  msdk_wbuf_t *out);

/* ---- Security (cosem_server_sec.c) ------------------------------------------------------ */

struct msdk_cosem_secsetup;
struct msdk_cosem_sec_keys;

/* Zeroes n bytes so that the compiler keeps the stores. */
void msdk_cosem_server_wipe(void *p, size_t n);
/* Security material of the association's definition, or NULL. */
struct msdk_cosem_secsetup *msdk_cosem_server_secsetup(const msdk_cosem_assoc_t *a);
/* Raises a msdk_cosem_secevent_t. */
void msdk_cosem_server_event(const msdk_cosem_assoc_t *a, uint8_t event, uint16_t client_sap);
/* Failed / successful authentication of association definition idx (events, lockout). */
void msdk_cosem_server_auth_failed(const msdk_cosem_assoc_t *a, uint8_t idx, uint16_t client_sap);
void msdk_cosem_server_auth_ok(const msdk_cosem_assoc_t *a, uint8_t idx);
/* Association definition idx refuses authentication for now (lockout). */
bool msdk_cosem_server_locked_out(const msdk_cosem_assoc_t *a, uint8_t idx);
/* The keys of a security setup (and of the association: dedicated key). */
void msdk_cosem_server_keys(const msdk_cosem_assoc_t *a, const struct msdk_cosem_secsetup *s,
                            struct msdk_cosem_sec_keys *k);
/* SC protection bits the security policy requires of requests. */
uint8_t msdk_cosem_server_required(const struct msdk_cosem_secsetup *s);
/* Deciphers a ciphered request into a->cbuf (checks, counters, events). On failure, the
 * service error (and the expected counter) of the exception-response to send. */
msdk_err_t msdk_cosem_server_decipher(msdk_cosem_assoc_t *a, uint16_t client_sap,
                                      const uint8_t *apdu, size_t len, size_t *plain_len,
                                      uint8_t *service_error, uint32_t *expected_ic);
/* Whether the response to the current request must be ciphered. */
bool msdk_cosem_server_must_encipher(const msdk_cosem_assoc_t *a);
/* Enciphers the plain response w[start..pos) in place, through a->cbuf. */
msdk_err_t msdk_cosem_server_encipher(msdk_cosem_assoc_t *a, msdk_wbuf_t *w, size_t start);
/* While an HLS association is pending: answers reply_to_HLS_authentication, refuses the rest. */
msdk_err_t msdk_cosem_server_pending(msdk_cosem_assoc_t *a, uint16_t client_sap,
                                     const uint8_t *apdu, size_t len, msdk_wbuf_t *w);
/* Draws the server challenge StoC into a->stoc. */
msdk_err_t msdk_cosem_server_challenge(msdk_cosem_assoc_t *a);

#endif /* COSEM_SERVER_INTERNAL_H */
