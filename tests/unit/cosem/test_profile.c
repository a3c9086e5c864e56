/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Profile generic (class 7) through the server: a load profile of 16,800 rows (175 days of
 * 15-minute periods) in an in-memory row source, read whole and by range and by entry in
 * blocks, with column selection. The row source counts its time reads: locating a range
 * must take O(log n) of them. Expected rows are computed from the row formula, not from the
 * library's output.
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_profile_suite(void);

#define ROWS      16800u
#define PERIOD_S  900
#define T0_DAYS   9497 /* 2026-01-01 in days since 2000-01-01 */
#define N_COLUMNS 4u

typedef struct rows {
    uint32_t count;
    unsigned time_reads;
    unsigned resets;
} rows_t;

static rows_t g_rows;

static int64_t row_time(uint32_t r)
{
    return ((int64_t)T0_DAYS * 86400) + ((int64_t)r * PERIOD_S);
}

/* Civil date from days since 2000-01-01 (independent of the library's conversion). */
static void civil(int64_t days, unsigned *y, unsigned *m, unsigned *d)
{
    static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    unsigned year = 2000;
    for (;;) {
        bool leap = ((year % 4u) == 0u) && (((year % 100u) != 0u) || ((year % 400u) == 0u));
        int64_t len = leap ? 366 : 365;
        if (days < len) {
            break;
        }
        days -= len;
        year++;
    }
    bool leap = ((year % 4u) == 0u) && (((year % 100u) != 0u) || ((year % 400u) == 0u));
    unsigned month = 0;
    for (;;) {
        int64_t len = (int64_t)mdays[month] + (((month == 1u) && leap) ? 1 : 0);
        if (days < len) {
            break;
        }
        days -= len;
        month++;
    }
    *y = year;
    *m = month + 1u;
    *d = (unsigned)days + 1u;
}

static void datetime_bytes(int64_t t, uint8_t out[12])
{
    unsigned y, m, d;
    civil(t / 86400, &y, &m, &d);
    int64_t s = t % 86400;
    out[0] = (uint8_t)(y >> 8);
    out[1] = (uint8_t)y;
    out[2] = (uint8_t)m;
    out[3] = (uint8_t)d;
    out[4] = 0xFF; /* day of week not specified */
    out[5] = (uint8_t)(s / 3600);
    out[6] = (uint8_t)((s / 60) % 60);
    out[7] = (uint8_t)(s % 60);
    out[8] = 0x00;
    out[9] = 0x00; /* deviation 0: UTC */
    out[10] = 0x00;
    out[11] = 0x00;
}

static uint32_t rows_count(void *ctx)
{
    return ((rows_t *)ctx)->count;
}

/* Columns: clock, +A (double-long-unsigned r * 7), -A (r % 5), status (unsigned r % 256). */
static msdk_err_t rows_put_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    (void)ctx;
    uint8_t dt[12];
    switch (col) {
    case 0: datetime_bytes(row_time(row), dt); return msdk_cosem_axdr_put_octet_string(wb, dt, 12);
    case 1: return msdk_cosem_axdr_put_uint32(wb, row * 7u);
    case 2: return msdk_cosem_axdr_put_uint32(wb, row % 5u);
    default: return msdk_cosem_axdr_put_uint8(wb, (uint8_t)row);
    }
}

static msdk_err_t rows_time(void *ctx, uint32_t row, int64_t *t)
{
    rows_t *r = (rows_t *)ctx;
    r->time_reads++;
    *t = row_time(row);
    return MSDK_OK;
}

static uint8_t rows_reset(void *ctx)
{
    rows_t *r = (rows_t *)ctx;
    r->count = 0u;
    r->resets++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static const msdk_cosem_row_source_t source = { rows_count, rows_put_cell, rows_time };
static const msdk_cosem_capture_def_t columns[N_COLUMNS] = {
    { 8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u },
    { 3u, { 1, 0, 1, 8, 0, 255 }, 2, 0u },
    { 3u, { 1, 0, 2, 8, 0, 255 }, 2, 0u },
    { 1u, { 0, 0, 96, 10, 1, 255 }, 2, 0u },
};
static const msdk_cosem_profile_def_t profile = {
    columns, N_COLUMNS, 0, 900u, ROWS, &source, rows_reset, NULL,
};
static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0u, .exec = 0xFFFFFFFFu }
};
static const msdk_cosem_object_t objects[] = {
    { { 1, 0, 99, 1, 0, 255 }, &msdk_cosem_class_profile, &profile, &g_rows, r_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, 1u);

static void setup(void)
{
    memset(&g_rows, 0, sizeof g_rows);
    g_rows.count = ROWS;
    ck_srv_init(&ldev, 256u);
    ck_associate_hex(CK_AARQ_256); /* client max PDU 256 */
}

/* GET of the buffer with an optional selective access (selector, parameter bytes); the
 * value reassembled over the blocks of at most 256 bytes goes to `value`. Returns the
 * data-access-result. */
static uint8_t get_buffer(uint8_t selector, const uint8_t *param, size_t param_len, uint8_t *value,
                          size_t cap, size_t *len)
{
    return ck_get_attr_blocks(7u, objects[0].ln, 2, selector, param, param_len, 256u, value, cap,
                              len, NULL);
}

/* Checks that `value` is an array of the rows first..last-1 with the columns in `mask`. */
static void check_rows(const uint8_t *value, size_t len, uint32_t first, uint32_t last,
                       uint32_t mask)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, value, len);
    uint32_t n = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &n), MSDK_OK);
    ck_assert_uint_eq(n, last - first);
    for (uint32_t r = first; r < last; r++) {
        uint32_t fields = 0;
        ck_assert_int_eq(msdk_cosem_axdr_get_structure_header(&rb, &fields), MSDK_OK);
        ck_assert_uint_eq(fields, (unsigned)__builtin_popcount(mask));
        for (uint8_t c = 0; c < N_COLUMNS; c++) {
            if ((mask & (1u << c)) == 0u) {
                continue;
            }
            uint8_t want[16];
            msdk_wbuf_t w;
            msdk_wbuf_init(&w, want, sizeof want);
            ck_assert_int_eq(rows_put_cell(NULL, r, c, &w), MSDK_OK);
            const uint8_t *got = NULL;
            ck_assert_int_eq(msdk_rbuf_get_ref(&rb, w.pos, &got), MSDK_OK);
            if (memcmp(got, want, w.pos) != 0) {
                ck_abort_msg("row %u column %u differs", (unsigned)r, (unsigned)c);
            }
        }
    }
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
}

/* Range parameter: restricting object = the clock column, from/to as octet-string(12),
 * selected values = `cols` columns (0: all). */
static size_t range_param(uint8_t *p, int64_t from, int64_t to, const uint8_t *cols, size_t ncols)
{
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, p, 200);
    uint8_t dt[12];
    ck_assert_int_eq(msdk_cosem_axdr_put_structure_header(&w, 4), MSDK_OK);
    static const uint8_t clock_def[] = { 0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0x00, 0x00,
                                         0x01, 0x00, 0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00 };
    ck_assert_int_eq(msdk_wbuf_put_bytes(&w, clock_def, sizeof clock_def), MSDK_OK);
    datetime_bytes(from, dt);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&w, dt, 12), MSDK_OK);
    datetime_bytes(to, dt);
    ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&w, dt, 12), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_axdr_put_array_header(&w, (uint32_t)ncols), MSDK_OK);
    for (size_t i = 0; i < ncols; i++) {
        const msdk_cosem_capture_def_t *c = &columns[cols[i]];
        ck_assert_int_eq(msdk_cosem_axdr_put_structure_header(&w, 4), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_axdr_put_uint16(&w, c->class_id), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_axdr_put_octet_string(&w, c->ln, 6), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_axdr_put_int8(&w, c->attr), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_axdr_put_uint16(&w, c->data_index), MSDK_OK);
    }
    return w.pos;
}

static uint8_t g_value[700000];

START_TEST(profile_whole_buffer)
{
    size_t len = 0;
    ck_assert_uint_eq(get_buffer(0u, NULL, 0u, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, ROWS, 0xFu);
}
END_TEST

START_TEST(profile_by_range_is_log_n)
{
    /* 2026-03-01 00:00 .. 23:45: day 59 of the profile, rows 5664..5759. */
    uint8_t p[200];
    int64_t day = (int64_t)(T0_DAYS + 59) * 86400;
    size_t n = range_param(p, day, day + (23 * 3600) + (45 * 60), NULL, 0);
    size_t len = 0;
    g_rows.time_reads = 0;
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len), MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 59u * 96u, 60u * 96u, 0xFu);
    /* Two binary searches over 16,800 rows: at most 2 * 15 time reads. */
    ck_assert_uint_le(g_rows.time_reads, 30u);
    ck_assert_uint_gt(g_rows.time_reads, 0u);
    /* A bound between two captures, and column selection (+A and the clock). */
    static const uint8_t cols[2] = { 1, 0 };
    n = range_param(p, day + 1, day + 3600, cols, 2);
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len), MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, (59u * 96u) + 1u, (59u * 96u) + 5u, 0x3u);
    /* Before the first and after the last capture: empty. */
    n = range_param(p, 0, 86400, NULL, 0);
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len), MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, 0u, 0xFu);
    /* The whole range. */
    n = range_param(p, row_time(0), row_time(ROWS - 1u), NULL, 0);
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len), MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, ROWS, 0xFu);
}
END_TEST

START_TEST(profile_by_entry)
{
    /* entries 1..10, columns 2..3 */
    static const uint8_t p1[] = { 0x02, 0x04, 0x06, 0x00, 0x00, 0x00, 0x01, 0x06, 0x00,
                                  0x00, 0x00, 0x0A, 0x12, 0x00, 0x02, 0x12, 0x00, 0x03 };
    size_t len = 0;
    ck_assert_uint_eq(get_buffer(2u, p1, sizeof p1, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, 10u, 0x6u);
    /* the last 5 entries: from 16796 to 0 (the last), all columns */
    static const uint8_t p2[] = { 0x02, 0x04, 0x06, 0x00, 0x00, 0x41, 0x9C, 0x06, 0x00,
                                  0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x12, 0x00, 0x00 };
    ck_assert_uint_eq(get_buffer(2u, p2, sizeof p2, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, ROWS - 5u, ROWS, 0xFu);
    /* beyond the end: empty */
    static const uint8_t p3[] = { 0x02, 0x04, 0x06, 0x00, 0x01, 0x00, 0x00, 0x06, 0x00,
                                  0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x12, 0x00, 0x00 };
    ck_assert_uint_eq(get_buffer(2u, p3, sizeof p3, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, 0u, 0xFu);
}
END_TEST

START_TEST(profile_bad_selection)
{
    size_t len = 0;
    /* Restricting object not the clock column: +A. */
    uint8_t p[200];
    size_t n = range_param(p, row_time(0), row_time(10), NULL, 0);
    p[6] = 0x03; /* class 3, logical name 1.0.1.8.0.255 */
    p[9] = 1;
    p[12] = 8;
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_OTHER_REASON);
    /* A malformed entry descriptor, selector 3, a column that is not in the profile. */
    static const uint8_t bad[] = { 0x02, 0x03, 0x06, 0x00, 0x00, 0x00, 0x01, 0x06,
                                   0x00, 0x00, 0x00, 0x0A, 0x12, 0x00, 0x02 };
    ck_assert_uint_eq(get_buffer(2u, bad, sizeof bad, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(get_buffer(3u, bad, sizeof bad, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_OTHER_REASON);
    static const uint8_t cols[1] = { 1 };
    n = range_param(p, row_time(0), row_time(10), cols, 1);
    p[n - 9] = 0x63; /* the column's logical name: 1.0.99.8.0.255 */
    ck_assert_uint_eq(get_buffer(1u, p, n, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_OTHER_REASON);
}
END_TEST

START_TEST(profile_attributes_and_reset)
{
    /* capture_objects: hand-derived from the four definitions. */
    static const uint8_t get3[] = { 0xC0, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00,
                                    0x63, 0x01, 0x00, 0xFF, 0x03, 0x00 };
    ck_send(get3, sizeof get3);
    static const uint8_t want3[] = {
        0xC4, 0x01, 0xC1, 0x00, 0x01, 0x04, /* array of 4 */
        0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0x00, 0x00,
        0x01, 0x00, 0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00, /* clock */
        0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 0x01, 0x00,
        0x01, 0x08, 0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00, /* +A */
        0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 0x01, 0x00,
        0x02, 0x08, 0x00, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00, /* -A */
        0x02, 0x04, 0x12, 0x00, 0x01, 0x09, 0x06, 0x00, 0x00,
        0x60, 0x0A, 0x01, 0xFF, 0x0F, 0x02, 0x12, 0x00, 0x00, /* status */
    };
    ck_assert_uint_eq(g_srv.out_len, sizeof want3);
    ck_assert_mem_eq(g_srv.out, want3, sizeof want3);
    /* entries_in_use 16800, profile_entries 16800, capture period 900 s, sort method FIFO. */
    static const uint8_t get7[] = { 0xC0, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00,
                                    0x63, 0x01, 0x00, 0xFF, 0x07, 0x00 };
    ck_send(get7, sizeof get7);
    static const uint8_t want7[] = { 0xC4, 0x01, 0xC1, 0x00, 0x06, 0x00, 0x00, 0x41, 0xA0 };
    ck_assert_uint_eq(g_srv.out_len, sizeof want7);
    ck_assert_mem_eq(g_srv.out, want7, sizeof want7);
    /* reset(integer 0), then the buffer is empty. */
    static const uint8_t reset[] = { 0xC3, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00, 0x63,
                                     0x01, 0x00, 0xFF, 0x01, 0x01, 0x0F, 0x00 };
    ck_send(reset, sizeof reset);
    static const uint8_t want_reset[] = { 0xC7, 0x01, 0xC1, 0x00, 0x00 };
    ck_assert_uint_eq(g_srv.out_len, sizeof want_reset);
    ck_assert_mem_eq(g_srv.out, want_reset, sizeof want_reset);
    ck_assert_uint_eq(g_rows.resets, 1u);
    size_t len = 0;
    ck_assert_uint_eq(get_buffer(0u, NULL, 0u, g_value, sizeof g_value, &len),
                      MSDK_COSEM_DAR_SUCCESS);
    check_rows(g_value, len, 0u, 0u, 0xFu);
    /* capture is not supported by this profile: object-unavailable. */
    static const uint8_t capture[] = { 0xC3, 0x01, 0xC1, 0x00, 0x07, 0x01, 0x00, 0x63,
                                       0x01, 0x00, 0xFF, 0x02, 0x01, 0x0F, 0x00 };
    ck_send(capture, sizeof capture);
    ck_assert_uint_eq(g_srv.out[3], MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
}
END_TEST

Suite *cosem_profile_suite(void)
{
    Suite *s = suite_create("cosem_profile");
    CK_TCASE(s, "profile", setup, profile_whole_buffer, profile_by_range_is_log_n, profile_by_entry,
             profile_bad_selection, profile_attributes_and_reset);
    return s;
}
