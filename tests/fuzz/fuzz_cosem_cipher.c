/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the DLMS security codec of libcosem
 * (msdk/cosem/security.h) on the mbedTLS crypto port. The first input byte
 * selects the function and its settings, the rest is the input:
 * - 0..3: msdk_cosem_sec_unprotect() of a ciphered APDU (required protection
 *   from the low bits, into a separate buffer or in place);
 * - 4: msdk_cosem_sec_header_decode();
 * - 5: msdk_cosem_sec_key_transfer_decode().
 * Besides the sanitizers it checks the documented contracts and aborts when
 * one is broken:
 * - on error the output buffer is all zero (no partial plaintext) and the
 *   header / length outputs are untouched;
 * - on success the plaintext fits its buffer, the header agrees with the
 *   input (offset and length inside it, the form matches the tag), the APDU
 *   has the protection required, and protecting the plaintext again with the
 *   same form, SC, IC and title gives back the very same APDU (canonical);
 * - the key transfer wipes every entry on error and returns key ids 0..3.
 * A fuzzer cannot forge GCM tags, so most successes are encryption-only
 * APDUs; the authenticated paths are exercised up to the tag check.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"
#include "../unit/cosem/cosem_test_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0u) {
            return false;
        }
    }
    return true;
}

#define CAP 4200u

/* The input in a heap block of its exact size (ASan sees any over-read); free() it. */
static uint8_t *dup_input(const uint8_t *p, size_t len)
{
    uint8_t *in = (uint8_t *)malloc((len > 0u) ? len : 1u);
    check(in != NULL);
    if (len > 0u) {
        memcpy(in, p, len);
    }
    return in;
}

static void fuzz_unprotect(uint8_t sel, const uint8_t *p, size_t len)
{
    static uint8_t out[CAP];
    static uint8_t again[CAP + MSDK_COSEM_SEC_OVERHEAD_MAX];
    if (len > CAP) {
        return;
    }
    const msdk_cosem_sec_keys_t keys = {
        .ek = k_ek, .broadcast_ek = k_bek, .dk = k_dk, .ak = k_ak
    };
    const uint8_t required = (uint8_t)((sel & 1u) ? (MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC) : 0u);
    const bool in_place = (sel & 2u) != 0u;
    const msdk_cosem_sec_rx_t rx = { .suite = 0u,
                                     .required = required,
                                     .peer_system_title = k_st_s };

    uint8_t *in = dup_input(p, len);
    uint8_t *dst = in_place ? in : out;
    size_t cap = in_place ? len : CAP;
    if (!in_place) {
        memset(out, 0xEE, sizeof out);
    }
    msdk_cosem_sec_header_t h;
    memset(&h, 0x5A, sizeof h);
    const msdk_cosem_sec_header_t before = h;
    size_t n = 0x5A5Au;
    msdk_err_t err = msdk_cosem_sec_unprotect(&keys, &rx, in, len, dst, cap, &h, &n);
    if (err != MSDK_OK) {
        check(all_zero(dst, cap));
        check(memcmp(&h, &before, sizeof h) == 0 && n == 0x5A5Au);
        free(in);
        return;
    }
    check(n <= cap && h.text_len == n);
    check(h.text_offset <= len && n <= len - h.text_offset);
    check(msdk_cosem_sec_is_ciphered_tag(h.tag) && p[0] == h.tag);
    check((h.sc & required) == required);
    check((h.sc & (MSDK_COSEM_SC_COMPRESSION | MSDK_COSEM_SC_SUITE_MASK)) == 0u);
    if (h.plain_tag != 0u) {
        check(n > 0u && dst[0] == h.plain_tag);
    }

    /* Canonical: the same form, SC, IC and title give the same APDU back (the general
     * forms are always written with their title, so only when the input had one). */
    bool general =
        (h.form == MSDK_COSEM_SEC_FORM_GENERAL_GLO) || (h.form == MSDK_COSEM_SEC_FORM_GENERAL_DED);
    bool ded = (h.form == MSDK_COSEM_SEC_FORM_DED) || (h.form == MSDK_COSEM_SEC_FORM_GENERAL_DED);
    bool ded_broadcast = ded && ((h.sc & MSDK_COSEM_SC_BROADCAST) != 0u); /* ignored on receive */
    if ((n > 0u) && (!general || h.system_title_present) && !ded_broadcast) {
        const msdk_cosem_sec_tx_t pr = {
            .form = h.form,
            .suite = 0u,
            .protection = (uint8_t)(h.sc & (uint8_t)~MSDK_COSEM_SC_SUITE_MASK),
            .ic = h.ic,
            .system_title = h.system_title_present ? h.system_title : k_st_s,
        };
        msdk_wbuf_t wb;
        msdk_wbuf_init(&wb, again, sizeof again);
        /* A general form may carry a plaintext without a ciphered counterpart: fine. */
        err = msdk_cosem_sec_protect(&keys, &pr, dst, n, &wb);
        check(err == MSDK_OK);
        check(wb.pos == len && memcmp(again, p, len) == 0);
    }
    free(in);
}

static void fuzz_header(const uint8_t *p, size_t len)
{
    uint8_t *in = dup_input(p, len);
    msdk_cosem_sec_header_t h;
    memset(&h, 0x5A, sizeof h);
    const msdk_cosem_sec_header_t before = h;
    msdk_err_t err = msdk_cosem_sec_header_decode(in, len, &h);
    if (err != MSDK_OK) {
        check(memcmp(&h, &before, sizeof h) == 0);
    } else {
        size_t tag_len = ((h.sc & MSDK_COSEM_SC_AUTH) != 0u) ? MSDK_COSEM_SEC_TAG_LEN : 0u;
        check(h.text_offset <= len && h.text_len + tag_len == len - h.text_offset);
        check(h.text_offset >= 1u + 1u + MSDK_COSEM_SEC_HEADER_LEN);
    }
    free(in);
}

static void fuzz_key_transfer(const uint8_t *p, size_t len)
{
    uint8_t *in = dup_input(p, len);
    msdk_cosem_sec_key_t keys[MSDK_COSEM_KEY_TRANSFER_MAX];
    memset(keys, 0xEE, sizeof keys);
    size_t count = 99;
    msdk_err_t err = msdk_cosem_sec_key_transfer_decode(k_ek, 16u, 16u, in, len, keys, 4u, &count);
    if (err != MSDK_OK) {
        check(all_zero((const uint8_t *)keys, sizeof keys) && count == 99u);
    } else {
        check(count >= 1u && count <= MSDK_COSEM_KEY_TRANSFER_MAX);
        unsigned seen = 0;
        for (size_t i = 0; i < count; i++) {
            check(keys[i].key_id <= MSDK_COSEM_KEY_ID_MASTER && keys[i].key_len == 16u);
            check((seen & (1u << keys[i].key_id)) == 0u);
            seen |= 1u << keys[i].key_id;
        }
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
    uint8_t sel = (uint8_t)(data[0] % 6u);
    const uint8_t *p = data + 1;
    size_t len = size - 1u;
    if (sel < 4u) {
        fuzz_unprotect(sel, p, len);
    } else if (sel == 4u) {
        fuzz_header(p, len);
    } else {
        fuzz_key_transfer(p, len);
    }
    return 0;
}
