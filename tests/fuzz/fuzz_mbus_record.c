/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the EN 13757-3 data record iterator of libmbus.
 *
 * The input is walked as the data records of a telegram (the bytes after the
 * CI header), whole and from every offset of its first 16 bytes. Besides the
 * sanitizers, the harness aborts when a documented contract breaks:
 * - every record lies inside the input (offset + length <= size), records
 *   follow each other without overlapping, and every pointer of a record
 *   (data, plain-text unit) points into the input;
 * - the walk terminates: each record uses at least one byte, so there are at
 *   most `size` records, and once msdk_mbus_rec_next() returned an end code
 *   (anything but MSDK_OK and MSDK_ERR_MALFORMED) it keeps returning it;
 * - values are within what their coding can hold (BCD 12 digits, dates in
 *   range unless marked invalid, DIFE/VIFE counts within their maxima);
 * - the same input gives the same records (the walk is repeated and compared).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/mbus/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

static bool inside(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
    if (n == 0u) {
        return true;
    }
    return p != NULL && p >= data && n <= size && p <= data + size - n;
}

/* Digest of the fields a caller uses, so two walks can be compared. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    for (unsigned i = 0; i < 8u; i++) {
        h = (h ^ (uint8_t)(v >> (8u * i))) * 0x100000001B3u;
    }
    return h;
}

static uint64_t digest(uint64_t h, msdk_err_t err, const msdk_mbus_record_t *r, const uint8_t *base)
{
    h = mix(h, (uint64_t)(int64_t)err);
    h = mix(h, r->offset);
    h = mix(h, r->length);
    h = mix(h, ((uint64_t)r->dif << 8) | r->vif);
    h = mix(h, ((uint64_t)r->dife_count << 8) | r->vife_count);
    h = mix(h, (uint64_t)r->function);
    h = mix(h, r->storage);
    h = mix(h, ((uint64_t)r->tariff << 16) | r->subunit);
    h = mix(h, ((uint64_t)r->type << 16) | ((uint64_t)r->quantity << 8) | r->unit);
    h = mix(h, (uint64_t)(int64_t)r->exponent);
    h = mix(h, r->flags);
    h = mix(h, (uint64_t)r->value);
    h = mix(h, r->real_bits);
    h = mix(h, r->more_records_follow);
    h = mix(h, r->data != NULL ? (uint64_t)(r->data - base) : UINT64_MAX);
    h = mix(h, r->data_len);
    h = mix(h, r->vif_text_len);
    return h;
}

static void check_record(const msdk_mbus_record_t *r, const uint8_t *data, size_t size)
{
    check(r->length > 0u && r->offset < size && r->length <= size - r->offset);
    check(r->dife_count <= MSDK_MBUS_DIFE_MAX && r->vife_count <= MSDK_MBUS_VIFE_MAX);
    check(r->comb_count <= MSDK_MBUS_VIFE_MAX);
    check(inside(r->data, r->data_len, data, size));
    check(inside(r->vif_text, r->vif_text_len, data, size));
    /* The record's bytes hold its data and plain-text unit. */
    if (r->data_len > 0u) {
        check(r->data >= data + r->offset && r->data + r->data_len <= data + r->offset + r->length);
    }
    if ((r->flags & MSDK_MBUS_VAL_NUMBER) != 0u && r->type == MSDK_MBUS_DT_BCD) {
        check(r->value < 1000000000000 && r->value > -1000000000000);
    }
    if ((r->flags & MSDK_MBUS_VAL_DATETIME) != 0u && !r->datetime.invalid) {
        check(r->datetime.month <= 12u && r->datetime.hour <= 23u && r->datetime.minute <= 59u &&
              r->datetime.second <= 59u);
    }
    if (r->type == MSDK_MBUS_DT_TEXT) {
        char s[256];
        check(msdk_mbus_text_copy(r->data, r->data_len, s, sizeof s) == MSDK_OK);
        check(s[r->data_len] == '\0');
    }
}

/* Walks @p size bytes; returns the digest of the walk. */
static uint64_t walk(const uint8_t *data, size_t size)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t rec;
    msdk_mbus_rec_iter_init(&it, data, size);
    uint64_t h = 0xCBF29CE484222325u;
    size_t end = 0;
    size_t records = 0;
    msdk_err_t err;
    for (;;) {
        err = msdk_mbus_rec_next(&it, &rec);
        if (err != MSDK_OK && err != MSDK_ERR_MALFORMED) {
            break;
        }
        check_record(&rec, data, size);
        check(rec.offset >= end);
        end = rec.offset + rec.length;
        h = digest(h, err, &rec, data);
        check(++records <= size);
        if (rec.type == MSDK_MBUS_DT_MANUFACTURER) {
            /* DIF 0x0F/0x1F takes the rest of the bytes and ends the walk. */
            check(err == MSDK_OK && end == size);
        }
    }
    check(err == MSDK_ERR_NOT_FOUND || err == MSDK_ERR_TRUNCATED || err == MSDK_ERR_NOT_SUPPORTED);
    for (int k = 0; k < 2; k++) {
        check(msdk_mbus_rec_next(&it, &rec) == err);
    }
    return mix(h, (uint64_t)(int64_t)err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t first = walk(data, size);
    check(walk(data, size) == first);
    for (size_t skip = 1; skip < size && skip <= 16u; skip++) {
        (void)walk(data + skip, size - skip);
    }
    return 0;
}
