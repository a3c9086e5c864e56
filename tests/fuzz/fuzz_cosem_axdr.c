/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the A-XDR codec (include/msdk/cosem/axdr.h).
 *
 * The first input byte chooses the depth limit; the rest is a sequence of
 * A-XDR values. For every value that msdk_cosem_axdr_skip() accepts, the
 * harness decodes it again with the typed reader for its tag, re-encodes
 * it with the matching writer and checks that the bytes are identical (the
 * readers accept only the shortest length forms, so the encoding is
 * canonical; booleans, bit-string padding and unchecked date-time fields
 * are the documented exceptions). Besides the sanitizers it aborts when a
 * documented contract is broken:
 * - a failed reader leaves the position where it was;
 * - skip and the typed readers agree on where a value ends;
 * - no writer writes past its capacity (the buffer is exactly sized).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/axdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

/* Re-encodes the value at v[0..len) (already skipped successfully) and compares. */
static void roundtrip(const uint8_t *v, size_t len, unsigned depth)
{
    static const size_t out_cap = 512;
    uint8_t out[512];
    msdk_rbuf_t rb;
    msdk_wbuf_t wb;
    msdk_rbuf_init(&rb, v, len);
    msdk_wbuf_init(&wb, out, len < out_cap ? len : out_cap);
    bool compare = true;
    msdk_err_t err = MSDK_ERR_NOT_SUPPORTED;
    uint8_t tag = v[0];
    switch (tag) {
    case MSDK_COSEM_AXDR_NULL_DATA:
        err = msdk_cosem_axdr_get_null(&rb);
        check(err == MSDK_OK);
        err = msdk_cosem_axdr_put_null(&wb);
        break;
    case MSDK_COSEM_AXDR_BOOLEAN: {
        bool b = false;
        check(msdk_cosem_axdr_get_bool(&rb, &b) == MSDK_OK);
        err = msdk_cosem_axdr_put_bool(&wb, b);
        compare = (v[1] <= 1u);
        break;
    }
    case MSDK_COSEM_AXDR_INTEGER:
    case MSDK_COSEM_AXDR_LONG:
    case MSDK_COSEM_AXDR_DOUBLE_LONG:
    case MSDK_COSEM_AXDR_LONG64: {
        int64_t s = 0;
        check(msdk_cosem_axdr_get_int(&rb, INT64_MIN, INT64_MAX, &s) == MSDK_OK);
        err = msdk_cosem_axdr_put_int_as(&wb, tag, s);
        break;
    }
    case MSDK_COSEM_AXDR_UNSIGNED:
    case MSDK_COSEM_AXDR_LONG_UNSIGNED:
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED:
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED: {
        uint64_t u = 0;
        check(msdk_cosem_axdr_get_uint(&rb, 0, UINT64_MAX, &u) == MSDK_OK);
        err = msdk_cosem_axdr_put_uint_as(&wb, tag, u);
        break;
    }
    case MSDK_COSEM_AXDR_FLOAT64: {
        uint64_t bits = 0;
        check(msdk_cosem_axdr_get_float64(&rb, &bits) == MSDK_OK);
        err = msdk_cosem_axdr_put_float64(&wb, bits);
        break;
    }
    case MSDK_COSEM_AXDR_OCTET_STRING:
    case MSDK_COSEM_AXDR_VISIBLE_STRING:
    case MSDK_COSEM_AXDR_UTF8_STRING: {
        const uint8_t *ref = NULL;
        size_t n = 0;
        check(msdk_cosem_axdr_get_octets_ref(&rb, tag, &ref, &n) == MSDK_OK);
        check(ref >= v && ref + n <= v + len);
        if (tag == MSDK_COSEM_AXDR_OCTET_STRING) {
            err = msdk_cosem_axdr_put_octet_string(&wb, ref, n);
        } else if (tag == MSDK_COSEM_AXDR_UTF8_STRING) {
            err = msdk_cosem_axdr_put_utf8_string(&wb, ref, n);
        } else {
            err = msdk_cosem_axdr_put_visible_string(&wb, (const char *)ref, n);
        }
        break;
    }
    case MSDK_COSEM_AXDR_BIT_STRING: {
        const uint8_t *ref = NULL;
        uint32_t nbits = 0;
        check(msdk_cosem_axdr_get_bit_string_ref(&rb, &ref, &nbits) == MSDK_OK);
        err = msdk_cosem_axdr_put_bit_string(&wb, ref, nbits);
        compare = (nbits % 8u == 0u);
        break;
    }
    case MSDK_COSEM_AXDR_DATE_TIME: {
        msdk_cosem_datetime_t dt;
        err = msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_TAGGED, &dt);
        if (err != MSDK_OK) {
            check(err == MSDK_ERR_MALFORMED && rb.pos == 0u); /* a field out of range */
            return;
        }
        check(msdk_cosem_datetime_validate(&dt) == MSDK_OK);
        err = msdk_cosem_axdr_put_datetime(&wb, MSDK_COSEM_AXDR_DT_TAGGED, &dt);
        break;
    }
    case MSDK_COSEM_AXDR_ARRAY:
    case MSDK_COSEM_AXDR_STRUCTURE: {
        uint32_t count = 0;
        err = (tag == MSDK_COSEM_AXDR_ARRAY) ? msdk_cosem_axdr_get_array_header(&rb, &count)
                                             : msdk_cosem_axdr_get_structure_header(&rb, &count);
        check(err == MSDK_OK);
        err = (tag == MSDK_COSEM_AXDR_ARRAY) ? msdk_cosem_axdr_put_array_header(&wb, count)
                                             : msdk_cosem_axdr_put_structure_header(&wb, count);
        check(err == MSDK_OK && wb.pos == rb.pos);
        check(memcmp(out, v, wb.pos) == 0);
        return; /* the elements are checked when the caller walks into them */
    }
    case MSDK_COSEM_AXDR_COMPACT_ARRAY: {
        msdk_cosem_axdr_compact_t ca;
        check(msdk_cosem_axdr_get_compact_array(&rb, depth, &ca) == MSDK_OK);
        check(ca.count <= ca.contents_len);
        err = msdk_cosem_axdr_put_compact_array_header(&wb, ca.td, ca.td_len,
                                                       (uint32_t)ca.contents_len);
        if (err == MSDK_OK) {
            err = msdk_wbuf_put_bytes(&wb, ca.contents, ca.contents_len);
        }
        uint32_t count = 0;
        check(msdk_cosem_axdr_compact_check(ca.td, ca.td_len, ca.contents, ca.contents_len,
                                            depth - 1u, &count) == MSDK_OK);
        check(count == ca.count);
        break;
    }
    default:
        /* Fixed-size bodies without a dedicated branch: skip agreed already. */
        return;
    }
    check(rb.pos == len);
    if (len > out_cap) {
        check(err == MSDK_ERR_BUFFER_TOO_SMALL);
        return;
    }
    check(err == MSDK_OK && wb.pos == len);
    if (compare) {
        check(memcmp(out, v, len) == 0);
    }
}

/* Typed readers on arbitrary bytes: a failure never moves the reader. */
static void readers(const uint8_t *data, size_t size)
{
    msdk_rbuf_t rb;
    msdk_cosem_datetime_t dt;
    uint32_t u32 = 0;
    int64_t s = 0;
    const uint8_t *ref = NULL;
    size_t n = 0;
    msdk_cosem_axdr_compact_t ca;
    uint8_t copy[64];
    for (int which = 0; which < 8; which++) {
        msdk_err_t err;
        msdk_rbuf_init(&rb, data, size);
        switch (which) {
        case 0: err = msdk_cosem_axdr_get_length(&rb, &u32); break;
        case 1: err = msdk_cosem_axdr_get_datetime(&rb, MSDK_COSEM_AXDR_DT_ANY, &dt); break;
        case 2: err = msdk_cosem_axdr_get_int(&rb, -1000, 1000, &s); break;
        case 3: err = msdk_cosem_axdr_get_octets_ref(&rb, 9, &ref, &n); break;
        case 4: err = msdk_cosem_axdr_get_octets(&rb, 10, copy, sizeof copy, &n); break;
        case 5: err = msdk_cosem_axdr_get_compact_array(&rb, 4, &ca); break;
        case 6: err = msdk_cosem_axdr_get_td(&rb, 4, &ref, &n); break;
        default: err = msdk_cosem_axdr_get_date(&rb, MSDK_COSEM_AXDR_DT_UNTAGGED, &dt); break;
        }
        check(err == MSDK_OK ? (rb.pos > 0u || which == 7) && rb.pos <= size : rb.pos == 0u);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0u) {
        return 0;
    }
    unsigned depth = data[0] % (MSDK_COSEM_AXDR_DEPTH_MAX + 1u);
    data++;
    size--;
    readers(data, size);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, data, size);
    /* Walk the input value by value, descending into arrays and structures
     * (by consuming their headers) so nested values are round-tripped too. */
    while (msdk_rbuf_remaining(&rb) > 0u) {
        size_t start = rb.pos;
        msdk_err_t err = msdk_cosem_axdr_skip(&rb, depth);
        if (err != MSDK_OK) {
            check(rb.pos == start);
            break;
        }
        check(rb.pos > start && rb.pos <= size);
        roundtrip(data + start, rb.pos - start, depth);
        uint8_t tag = data[start];
        if (tag == MSDK_COSEM_AXDR_ARRAY || tag == MSDK_COSEM_AXDR_STRUCTURE) {
            /* Step into the container: continue with its first element. */
            uint32_t count = 0;
            rb.pos = start;
            err = (tag == MSDK_COSEM_AXDR_ARRAY)
                      ? msdk_cosem_axdr_get_array_header(&rb, &count)
                      : msdk_cosem_axdr_get_structure_header(&rb, &count);
            check(err == MSDK_OK);
        }
    }
    return 0;
}
