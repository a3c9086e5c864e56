/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the ACSE and xDLMS Initiate decoders of libcosem
 * (msdk/cosem/acse.h). The first input byte selects the decoder, the rest is
 * the APDU. Besides the sanitizers it checks the documented contracts and
 * aborts when one is broken:
 * - on error the output struct is untouched;
 * - references in a decoded struct point inside the input;
 * - whatever decodes and is accepted by the encoder re-encodes to bytes that
 *   decode again and re-encode to the very same bytes (the encoding is
 *   canonical after one round);
 * - an encoder given too little room writes nothing.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/acse.h"
#include "../unit/cosem/cosem_acse_any.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

static void check_ref(const uint8_t *ref, size_t n, const uint8_t *p, size_t len)
{
    if (ref != NULL) {
        check(ref >= p && (size_t)(ref - p) <= len && n <= len - (size_t)(ref - p));
    }
}

static void check_refs(kind_t k, const any_t *o, const uint8_t *p, size_t len)
{
    const msdk_cosem_user_info_t *ui = NULL;
    if (k == K_AARQ) {
        check_ref(o->aarq.called_ap_title, o->aarq.called_ap_title_len, p, len);
        check_ref(o->aarq.calling_ae_qualifier, o->aarq.calling_ae_qualifier_len, p, len);
        check(o->aarq.calling_ap_title_len <= MSDK_COSEM_SYSTEM_TITLE_LEN);
        check(o->aarq.auth_value_len <= MSDK_COSEM_AUTH_VALUE_MAX);
        ui = &o->aarq.user_info;
    } else if (k == K_AARE) {
        check_ref(o->aare.responding_ae_qualifier, o->aare.responding_ae_qualifier_len, p, len);
        check(o->aare.responding_ap_title_len <= MSDK_COSEM_SYSTEM_TITLE_LEN);
        check(o->aare.auth_value_len <= MSDK_COSEM_AUTH_VALUE_MAX);
        ui = &o->aare.user_info;
    } else if (k == K_RLRQ || k == K_RLRE) {
        ui = &o->rel.user_info;
    }
    if (ui != NULL && ui->kind != MSDK_COSEM_UI_NONE) {
        check(ui->raw != NULL && ui->raw_len > 0u && ui->raw[0] == ui->tag);
        check_ref(ui->raw, ui->raw_len, p, len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t enc1[1024];
    static uint8_t enc2[1024];
    if (size < 1u) {
        return 0;
    }
    kind_t k = (kind_t)(data[0] % K_COUNT);
    const uint8_t *p = data + 1;
    size_t len = size - 1u;

    any_t o;
    any_t before;
    memset(&o, 0x5A, sizeof o);
    before = o;
    msdk_err_t err = dec(k, len == 0u ? NULL : p, len, &o);
    if (err != MSDK_OK) {
        check(memcmp(&o, &before, sizeof o) == 0);
        return 0;
    }
    check_refs(k, &o, p, len);

    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, enc1, sizeof enc1);
    err = enc(k, &o, &wb);
    if (err != MSDK_OK) {
        check(err == MSDK_ERR_INVALID_ARG || err == MSDK_ERR_BUFFER_TOO_SMALL);
        check(wb.pos == 0u);
        return 0;
    }
    size_t n1 = wb.pos;

    /* Too little room: nothing written. */
    memset(enc2, 0xEE, sizeof enc2);
    msdk_wbuf_init(&wb, enc2, n1 - 1u);
    check(enc(k, &o, &wb) == MSDK_ERR_BUFFER_TOO_SMALL && wb.pos == 0u && enc2[0] == 0xEEu);

    /* Canonical after one round. */
    any_t o2;
    check(dec(k, enc1, n1, &o2) == MSDK_OK);
    check_refs(k, &o2, enc1, n1);
    msdk_wbuf_init(&wb, enc2, sizeof enc2);
    check(enc(k, &o2, &wb) == MSDK_OK);
    check(wb.pos == n1 && memcmp(enc1, enc2, n1) == 0);
    return 0;
}
