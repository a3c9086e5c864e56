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

#endif /* COSEM_SERVER_INTERNAL_H */
