/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * cosem-bench: the COSEM server's cost per request, measured from outside by
 * scripts/bench-cosem.sh with valgrind --tool=callgrind (instructions per call of the
 * bench_* functions below), plus the row reads it takes to locate a range in profiles of
 * 1,050 to 16,800 rows (counted here: O(log n) expected).
 *
 * A logical device with a Register (1.0.1.8.0.255) and a load profile (1.0.99.1.0.255,
 * 16,800 rows of clock + 3 values, 15-minute periods) in RAM; one public association with
 * a 1,024-byte PDU. The server is driven through msdk_cosem_server_apdu() with GET APDUs.
 */
#include <stdio.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#define BENCH_ROWS   16800u
#define BENCH_GETS   10000u
#define BENCH_PERIOD 900

typedef struct bench_rows {
    uint32_t count;
    unsigned time_reads;
} bench_rows_t;

static bench_rows_t bench_rows = { BENCH_ROWS, 0u };

static uint8_t bench_energy(void *ctx, msdk_cosem_value_t *v)
{
    (void)ctx;
    v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
    v->v.u = 123456789u;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint32_t rows_count(void *ctx)
{
    return ((bench_rows_t *)ctx)->count;
}

static msdk_err_t rows_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    (void)ctx;
    if (col == 0u) {
        /* 2026-01-01 + row * 15 min, as a date-time (UTC). */
        uint32_t m = row * 15u;
        msdk_cosem_datetime_t dt = { 2026,
                                     1,
                                     (uint8_t)(1u + (m / 1440u) % 28u),
                                     0xFF,
                                     (uint8_t)((m / 60u) % 24u),
                                     (uint8_t)(m % 60u),
                                     0,
                                     0,
                                     0,
                                     0 };
        return msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt);
    }
    return msdk_cosem_axdr_put_uint32(wb, row * col);
}

static msdk_err_t rows_time(void *ctx, uint32_t row, int64_t *t)
{
    ((bench_rows_t *)ctx)->time_reads++;
    *t = 820454400 + ((int64_t)row * BENCH_PERIOD); /* 2026-01-01 since 2000 */
    return MSDK_OK;
}

static const msdk_cosem_register_def_t energy_def = { -3, 30u, bench_energy, NULL, NULL };
static const msdk_cosem_row_source_t rows = { rows_count, rows_cell, rows_time };
static const msdk_cosem_capture_def_t columns[4] = {
    { 8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u },
    { 3u, { 1, 0, 1, 8, 0, 255 }, 2, 0u },
    { 3u, { 1, 0, 2, 8, 0, 255 }, 2, 0u },
    { 3u, { 1, 0, 3, 8, 0, 255 }, 2, 0u },
};
static const msdk_cosem_profile_def_t profile_def = {
    .columns = columns,
    .column_count = 4u,
    .time_column = 0,
    .capture_period_s = 900u,
    .max_entries = BENCH_ROWS,
    .rows = &rows,
};
static const msdk_cosem_rights_t read_all[1] = { { .read = 0xFFFFFFFFu, .write = 0u, .exec = 0u } };
static const msdk_cosem_object_t objects[2] = {
    { { 1, 0, 1, 8, 0, 255 }, &msdk_cosem_class_register, &energy_def, NULL, read_all },
    { { 1, 0, 99, 1, 0, 255 }, &msdk_cosem_class_profile, &profile_def, &bench_rows, read_all },
};
static const msdk_cosem_assoc_def_t assocs[1] = { { 16u, MSDK_COSEM_MECH_LOWEST, 0x00501Fu, NULL,
                                                    NULL } };
static const msdk_cosem_ldev_t ldev = { objects, 2u, assocs, 1u, 1024u, NULL, NULL, NULL };

static msdk_cosem_assoc_t bench_assoc;
static uint8_t bench_scratch[256];
static uint8_t bench_out[1100];

static size_t exchange(const uint8_t *apdu, size_t len)
{
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, bench_out, sizeof bench_out);
    if (msdk_cosem_server_apdu(&bench_assoc, 16u, apdu, len, &w) != MSDK_OK) {
        return 0u;
    }
    return w.pos;
}

/* One GET of the register's value (the unit callgrind counts). */
__attribute__((noinline)) static size_t bench_get_register(void)
{
    static const uint8_t get[] = { 0xC0, 0x01, 0xC1, 0x00, 0x03, 0x01, 0x00,
                                   0x01, 0x08, 0x00, 0xFF, 0x02, 0x00 };
    return exchange(get, sizeof get);
}

/* One block of the profile buffer (GET-next), the block's data bytes out. */
__attribute__((noinline)) static size_t bench_profile_block(uint32_t block, size_t *data)
{
    uint8_t next[7] = { 0xC0,
                        0x02,
                        0xC1,
                        (uint8_t)(block >> 24),
                        (uint8_t)(block >> 16),
                        (uint8_t)(block >> 8),
                        (uint8_t)block };
    size_t n = exchange(next, sizeof next);
    msdk_cosem_xdlms_get_response_t r;
    *data = 0u;
    if ((n != 0u) && (msdk_cosem_xdlms_get_response_decode(bench_out, n, 1u, &r) == MSDK_OK) &&
        r.result.is_data) {
        *data = r.result.data.len;
        return r.last ? 0u : n;
    }
    return 0u;
}

/* Row reads to select one day by range in a profile of `count` rows. */
static unsigned range_reads(uint32_t count)
{
    bench_rows.count = count;
    bench_rows.time_reads = 0u;
    uint8_t req[128];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, req, sizeof req);
    static const uint8_t head[] = { 0xC0, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00,
                                    0x63, 0x01, 0x00, 0xFF, 0x02, 0x01, 0x01 };
    /* range: clock column, day 7 of the profile (from/to), all columns */
    static const uint8_t param[] = {
        0x02, 0x04, 0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0x00, 0x00, 0x01, 0x00,
        0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00, 0x09, 0x0C, 0x07, 0xEA, 0x01, 0x08,
        0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x0C, 0x07, 0xEA, 0x01,
        0x08, 0xFF, 0x17, 0x2D, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    };
    if ((msdk_wbuf_put_bytes(&w, head, sizeof head) != MSDK_OK) ||
        (msdk_wbuf_put_bytes(&w, param, sizeof param) != MSDK_OK)) {
        return 0u;
    }
    (void)exchange(req, w.pos);
    return bench_rows.time_reads;
}

int main(void)
{
    if (msdk_cosem_assoc_init(&bench_assoc, &ldev, bench_scratch, sizeof bench_scratch) !=
        MSDK_OK) {
        return 2;
    }
    static const uint8_t aarq[] = { 0x60, 0x1D, 0xA1, 0x09, 0x06, 0x07, 0x60, 0x85,
                                    0x74, 0x05, 0x08, 0x01, 0x01, 0xBE, 0x10, 0x04,
                                    0x0E, 0x01, 0x00, 0x00, 0x00, 0x06, 0x5F, 0x1F,
                                    0x04, 0x00, 0x00, 0x7E, 0x1F, 0x04, 0x00 };
    (void)exchange(aarq, sizeof aarq);
    if (!msdk_cosem_assoc_is_open(&bench_assoc)) {
        printf("cosem-bench: association refused\n");
        return 2;
    }
    size_t total = 0u;
    for (uint32_t i = 0; i < BENCH_GETS; i++) {
        total += bench_get_register();
    }
    printf("register_gets=%u response_bytes=%zu\n", BENCH_GETS, total / BENCH_GETS);

    /* The whole profile in blocks: the first GET, then GET-next until the last block. */
    static const uint8_t get_buffer[] = { 0xC0, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00,
                                          0x63, 0x01, 0x00, 0xFF, 0x02, 0x00 };
    bench_rows.count = BENCH_ROWS;
    (void)exchange(get_buffer, sizeof get_buffer);
    uint32_t blocks = 1u;
    size_t bytes = 0u;
    size_t data = 0u;
    while (bench_profile_block(blocks, &data) != 0u) {
        bytes += data;
        blocks++;
    }
    bytes += data;
    printf("profile_rows=%u profile_blocks=%u profile_data_bytes=%zu\n", BENCH_ROWS, blocks, bytes);

    for (uint32_t n = 1050u; n <= BENCH_ROWS; n *= 2u) {
        printf("range_row_reads rows=%u reads=%u\n", n, range_reads(n));
    }
    unsigned reads = range_reads(BENCH_ROWS);
    /* O(log n): two binary searches, at most 2 * ceil(log2(n)) reads. */
    if ((reads == 0u) || (reads > 30u)) {
        printf("cosem-bench: FAIL: %u row reads to locate a range in %u rows\n", reads, BENCH_ROWS);
        return 1;
    }
    return 0;
}
