/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Cost of decoding a wired M-Bus telegram with libmbus (issue 9, docs/performance.md).
 *
 * The telegram is a published RSP_UD of a heat meter (Engelmann SensoStar 2, manufacturer EFE,
 * from the test frames of the libmbus project): a long frame of 167 bytes, 158 bytes of
 * application data after the CI field (CI 0x72: a 12-byte header, then 25 data records).
 * bench_decode_telegram() decodes the frame (length, checksum), takes the header's
 * identification and walks every data record to its value, unit and exponent, as the meter's
 * poller does with each reply; scripts/bench-mbus.sh takes its instructions from callgrind.
 * main() checks the figures a few records must give (the published decoding) and exits 1
 * otherwise, so the bench cannot measure a decoder that lost its way.
 */
#include <stdint.h>
#include <stdio.h>

#include "msdk/mbus/frame.h"
#include "msdk/mbus/record.h"
#include "msdk/mbus/tpl.h"

/* 68 A1 A1 68 | C 08, A 00, CI 72 | header | records | CS 16 */
static const uint8_t telegram[] = {
    0x68, 0xA1, 0xA1, 0x68, 0x08, 0x00, 0x72, 0x45, 0x33, 0x08, 0x24, 0xC5, 0x14, 0x00, 0x04, 0x66,
    0x27, 0x00, 0x00, 0x04, 0x78, 0x91, 0x7B, 0x6F, 0x01, 0x04, 0x6D, 0x17, 0x2E, 0xCC, 0x13, 0x04,
    0x15, 0x00, 0x00, 0x00, 0x00, 0x44, 0x15, 0x00, 0x00, 0x00, 0x00, 0x84, 0x01, 0x15, 0x00, 0x00,
    0x00, 0x00, 0x04, 0x06, 0x00, 0x00, 0x00, 0x00, 0x44, 0x06, 0x00, 0x00, 0x00, 0x00, 0x84, 0x01,
    0x06, 0x00, 0x00, 0x00, 0x00, 0x84, 0x10, 0x06, 0x00, 0x00, 0x00, 0x00, 0xC4, 0x10, 0x06, 0x00,
    0x00, 0x00, 0x00, 0x84, 0x11, 0x06, 0x00, 0x00, 0x00, 0x00, 0x42, 0x6C, 0xBF, 0x1C, 0x02, 0x6C,
    0xDF, 0x1C, 0x84, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x84, 0x30, 0x06, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x3B, 0x00, 0x00, 0x00, 0x00, 0x14, 0x3B, 0x19, 0x00, 0x00, 0x00, 0x04, 0x2B, 0x00, 0x00,
    0x00, 0x00, 0x14, 0x2B, 0x0B, 0x00, 0x00, 0x00, 0x02, 0x5B, 0x16, 0x00, 0x02, 0x5F, 0x15, 0x00,
    0x04, 0x61, 0x09, 0x00, 0x00, 0x00, 0x02, 0x23, 0x0C, 0x02, 0x01, 0xFD, 0x17, 0x00, 0x04, 0x90,
    0x28, 0x0B, 0x00, 0x00, 0x00, 0xEB, 0x16,
};

/* What one decode finds. */
typedef struct result {
    uint32_t id;         /* identification number, as its BCD bytes read */
    unsigned records;    /* data records decoded */
    unsigned bad;        /* records reported bad */
    int64_t fabrication; /* the fabrication number record (VIF 0x78) */
    int64_t flow_temp;   /* flow temperature (VIF 0x5B), 1 degree C */
    int64_t return_temp; /* return temperature (VIF 0x5F) */
    msdk_err_t end;      /* how the walk ended */
} result_t;

/* The decode the bench measures (not inlined, so that callgrind sees each call). */
__attribute__((noinline)) static void bench_decode_telegram(const uint8_t *bytes, size_t len,
                                                            result_t *out)
{
    msdk_mbus_frame_t f;
    out->records = 0u;
    out->bad = 0u;
    msdk_mbus_tpl_t tpl;
    out->end = msdk_mbus_frame_decode(bytes, len, &f);
    if (out->end == MSDK_OK) {
        out->end = msdk_mbus_tpl_decode_frame(&f, &tpl);
    }
    if (out->end != MSDK_OK) {
        return;
    }
    out->id = tpl.id;
    msdk_mbus_rec_iter_t it;
    msdk_mbus_rec_iter_init(&it, &f.data[tpl.payload_offset], tpl.payload_len);
    msdk_mbus_record_t rec;
    for (;;) {
        msdk_err_t err = msdk_mbus_rec_next(&it, &rec);
        if (err == MSDK_ERR_MALFORMED) {
            out->bad++;
            continue;
        }
        if (err != MSDK_OK) {
            out->end = err;
            break;
        }
        out->records++;
        if (rec.vif == 0x78u) {
            out->fabrication = rec.value;
        } else if (rec.vif == 0x5Bu) {
            out->flow_temp = rec.value;
        } else if (rec.vif == 0x5Fu) {
            out->return_temp = rec.value;
        } else {
            /* the other records: decoded, not kept */
        }
    }
}

#define RUNS 1000u

int main(void)
{
    result_t r = { 0 };
    for (unsigned i = 0; i < RUNS; i++) {
        bench_decode_telegram(telegram, sizeof telegram, &r);
    }
    printf("telegram_bytes=%zu\n", sizeof telegram);
    printf("records=%u bad=%u\n", r.records, r.bad);
    printf("id=%08X fabrication=%lld flow_temp=%lld return_temp=%lld\n", (unsigned)r.id,
           (long long)r.fabrication, (long long)r.flow_temp, (long long)r.return_temp);
    /* The published decoding: identification 24083345 (BCD 45 33 08 24, LSB first; the
     * manufacturer C5 14 is EFE), fabrication number 0x016F7B91 = 24083345, flow 22 C, return
     * 21 C, 25 records (counted by hand from the bytes), none bad, the walk ends at the end of
     * the data. */
    if ((r.id != 0x24083345u) || (r.fabrication != 24083345) || (r.flow_temp != 22) ||
        (r.return_temp != 21) || (r.records != 25u) || (r.bad != 0u) ||
        (r.end != MSDK_ERR_NOT_FOUND)) {
        fprintf(stderr, "mbus-bench: the telegram did not decode as published\n");
        return 1;
    }
    return 0;
}
