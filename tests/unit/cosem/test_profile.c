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
 *
 * A programmable profile (capture objects and capture period written by SET, as issue 7's
 * load profile): values accepted and handed over decoded, refused (bad types, too many
 * entries, every truncation) without a call, the application's refusal passed on, and GET
 * of attributes 3, 4 and 6 and the buffer's column selection following what was set. Its
 * expected encodings are written out by hand from the A-XDR rules.
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
    .columns = columns,
    .column_count = N_COLUMNS,
    .time_column = 0,
    .capture_period_s = 900u,
    .max_entries = ROWS,
    .rows = &source,
    .reset = rows_reset,
};

/* ---- A programmable profile --------------------------------------------------------------- */

/* The application: at most PROG_MAX columns, the clock first, then registers (class 3,
 * attribute 2, data index 0); periods 60..3600 s. PROG_ROWS rows, row r at PROG_T0 + r x
 * period; a register column of logical name 1.0.C.D.0.255 holds r x C in row r
 * (double-long-unsigned). */
#define PROG_MAX  5u
#define PROG_ROWS 20u
#define PROG_T0   ((int64_t)T0_DAYS * 86400)

typedef struct prog {
    msdk_cosem_capture_def_t cols[PROG_MAX];
    uint8_t n;
    uint32_t period;
    unsigned set_calls;    /* set_columns() and set_period() calls */
    uint8_t refuse_with;   /* a result other than success: every set is refused so */
    uint8_t last_n;        /* n of the last set_columns() call */
    unsigned columns_read; /* columns_now() calls */
} prog_t;

static prog_t g_prog;

static const msdk_cosem_capture_def_t prog_clock = { 8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u };

static uint32_t prog_count(void *ctx)
{
    (void)ctx;
    return PROG_ROWS;
}

static msdk_err_t prog_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    const prog_t *p = (const prog_t *)ctx;
    if (col >= p->n) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (p->cols[col].class_id == 8u) {
        uint8_t dt[12];
        datetime_bytes(PROG_T0 + ((int64_t)row * p->period), dt);
        return msdk_cosem_axdr_put_octet_string(wb, dt, 12);
    }
    return msdk_cosem_axdr_put_uint32(wb, row * p->cols[col].ln[2]);
}

static msdk_err_t prog_time(void *ctx, uint32_t row, int64_t *t)
{
    *t = PROG_T0 + ((int64_t)row * ((const prog_t *)ctx)->period);
    return MSDK_OK;
}

static const msdk_cosem_capture_def_t *prog_columns_now(void *ctx, uint8_t *n)
{
    prog_t *p = (prog_t *)ctx;
    p->columns_read++;
    *n = p->n;
    return p->cols;
}

static uint32_t prog_period_now(void *ctx)
{
    return ((const prog_t *)ctx)->period;
}

static uint8_t prog_set_columns(void *ctx, const msdk_cosem_capture_def_t *cols, uint8_t n)
{
    prog_t *p = (prog_t *)ctx;
    p->set_calls++;
    p->last_n = n;
    if (p->refuse_with != 0u) {
        return p->refuse_with;
    }
    if ((n < 1u) || (n > PROG_MAX) || (cols[0].class_id != prog_clock.class_id) ||
        (memcmp(cols[0].ln, prog_clock.ln, 6) != 0) || (cols[0].attr != prog_clock.attr) ||
        (cols[0].data_index != prog_clock.data_index)) {
        return MSDK_COSEM_DAR_OTHER_REASON;
    }
    for (uint8_t i = 1; i < n; i++) {
        if ((cols[i].class_id != 3u) || (cols[i].attr != 2) || (cols[i].data_index != 0u)) {
            return MSDK_COSEM_DAR_OTHER_REASON;
        }
    }
    memcpy(p->cols, cols, n * sizeof cols[0]);
    p->n = n;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t prog_set_period(void *ctx, uint32_t period_s)
{
    prog_t *p = (prog_t *)ctx;
    p->set_calls++;
    if (p->refuse_with != 0u) {
        return p->refuse_with;
    }
    if ((period_s < 60u) || (period_s > 3600u)) {
        return MSDK_COSEM_DAR_OTHER_REASON;
    }
    p->period = period_s;
    return MSDK_COSEM_DAR_SUCCESS;
}

static const msdk_cosem_row_source_t prog_source = { prog_count, prog_cell, prog_time };
/* The constant columns and period must not be what GET shows. */
static const msdk_cosem_profile_def_t prog_profile = {
    .columns = columns,
    .column_count = N_COLUMNS,
    .time_column = 0,
    .capture_period_s = 900u,
    .max_entries = PROG_ROWS,
    .rows = &prog_source,
    .columns_now = prog_columns_now,
    .period_now = prog_period_now,
    .set_columns = prog_set_columns,
    .set_period = prog_set_period,
};

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0u, .exec = 0xFFFFFFFFu }
};
static const msdk_cosem_rights_t r_prog[1] = {
    { .read = 0xFFFFFFFFu, .write = MSDK_COSEM_BIT(3) | MSDK_COSEM_BIT(4), .exec = 0u }
};
static const msdk_cosem_rights_t r_write_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0u }
};
#define LN_PROG 1, 0, 99, 1, 1, 255
static const msdk_cosem_object_t objects[] = {
    { { 1, 0, 99, 1, 0, 255 }, &msdk_cosem_class_profile, &profile, &g_rows, r_all },
    { { LN_PROG }, &msdk_cosem_class_profile, &prog_profile, &g_prog, r_prog },
    /* The constant profile with write rights: its attributes stay read-only. */
    { { 1, 0, 99, 1, 2, 255 }, &msdk_cosem_class_profile, &profile, &g_rows, r_write_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, 3u);

static void setup(void)
{
    memset(&g_rows, 0, sizeof g_rows);
    g_rows.count = ROWS;
    memset(&g_prog, 0, sizeof g_prog);
    g_prog.cols[0] = prog_clock;
    g_prog.cols[1] = (msdk_cosem_capture_def_t){ 3u, { 1, 0, 1, 8, 0, 255 }, 2, 0u };
    g_prog.n = 2u;
    g_prog.period = 900u;
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

/* ---- The programmable profile ------------------------------------------------------------ */

static const uint8_t ln_prog[6] = { LN_PROG };

/* Capture object definitions, A-XDR by hand: structure(4) {long-unsigned class, octet-string(6)
 * name, integer attribute 2, long-unsigned data index 0}. */
#define DEF_CLOCK      "020412000809060000010000FF0F02120000"
#define DEF_PLUS_A     "020412000309060100010800FF0F02120000" /* 1.0.1.8.0.255 */
#define DEF_MINUS_A    "020412000309060100020800FF0F02120000" /* 1.0.2.8.0.255 */
#define DEF_PLUS_R     "020412000309060100030800FF0F02120000" /* 1.0.3.8.0.255 */
/* What the fixture's application starts with: the clock and +A; its period 900 s. */
#define COLS_INITIAL   "0102" DEF_CLOCK DEF_PLUS_A
#define PERIOD_INITIAL "0600000384"

/* GET of attribute `attr` of the programmable profile must answer `data_hex`. */
static void want_prog_attr(uint8_t attr, const char *data_hex)
{
    uint8_t want[700];
    size_t n = ck_hex(data_hex, want, sizeof want);
    ck_get(7u, ln_prog, attr);
    ck_want_get_data(want, n);
}

/* SET of attribute `attr` of the programmable profile with the value `hex`: its result. */
static uint8_t set_prog_hex(uint8_t attr, const char *hex)
{
    uint8_t v[700];
    size_t n = ck_hex(hex, v, sizeof v);
    return ck_set(7u, ln_prog, attr, v, n);
}

/* `value` must be the rows first..last-1 of the programmable profile with the columns
 * c[0..nc): 0 the clock (octet-string(12) of PROG_T0 + r x period), C a register 1.0.C.x
 * (double-long-unsigned r x C, big-endian). */
static void check_prog_rows(const uint8_t *value, size_t len, uint32_t first, uint32_t last,
                            uint32_t period, const uint8_t *c, size_t nc)
{
    size_t pos = 0;
    uint8_t want[64];
    size_t w = 0;
    want[w++] = 0x01; /* array, count < 128 */
    want[w++] = (uint8_t)(last - first);
    ck_assert_uint_le(w, len);
    ck_assert_mem_eq(value, want, w);
    pos = w;
    for (uint32_t r = first; r < last; r++) {
        w = 0;
        want[w++] = 0x02;
        want[w++] = (uint8_t)nc;
        for (size_t i = 0; i < nc; i++) {
            if (c[i] == 0u) {
                want[w++] = 0x09;
                want[w++] = 0x0C;
                datetime_bytes(PROG_T0 + ((int64_t)r * period), &want[w]);
                w += 12;
            } else {
                uint32_t v = r * c[i];
                want[w++] = 0x06;
                want[w++] = (uint8_t)(v >> 24);
                want[w++] = (uint8_t)(v >> 16);
                want[w++] = (uint8_t)(v >> 8);
                want[w++] = (uint8_t)v;
            }
        }
        if ((pos + w > len) || (memcmp(&value[pos], want, w) != 0)) {
            ck_abort_msg("row %u differs", (unsigned)r);
        }
        pos += w;
    }
    ck_assert_uint_eq(pos, len);
}

static uint8_t get_prog_buffer(uint8_t selector, const uint8_t *param, size_t param_len,
                               size_t *len)
{
    return ck_get_attr_blocks(7u, ln_prog, 2, selector, param, param_len, 256u, g_value,
                              sizeof g_value, len, NULL);
}

START_TEST(profile_set_columns_and_period)
{
    /* Before: the application's columns and period, not the definition's constant ones. */
    want_prog_attr(3, COLS_INITIAL);
    want_prog_attr(4, PERIOD_INITIAL);
    /* capture_objects := {clock, +R, +A}: handed over decoded. */
    const char *cols = "0103" DEF_CLOCK DEF_PLUS_R DEF_PLUS_A;
    ck_assert_uint_eq(set_prog_hex(3, cols), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_prog.set_calls, 1u);
    ck_assert_uint_eq(g_prog.n, 3u);
    static const uint8_t ln_r[6] = { 1, 0, 3, 8, 0, 255 };
    ck_assert_uint_eq(g_prog.cols[1].class_id, 3u);
    ck_assert_mem_eq(g_prog.cols[1].ln, ln_r, 6);
    ck_assert_int_eq(g_prog.cols[1].attr, 2);
    ck_assert_uint_eq(g_prog.cols[1].data_index, 0u);
    want_prog_attr(3, cols);
    /* capture_period := 300 s (double-long-unsigned 0x12C). */
    ck_assert_uint_eq(set_prog_hex(4, "060000012C"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_prog.period, 300u);
    want_prog_attr(4, "060000012C");
    /* sort_object: the time column of the columns now. */
    want_prog_attr(6, DEF_CLOCK);
    /* The buffer: every row with the three columns, 5 minutes apart; the columns asked for
     * once for the whole GET in blocks. */
    size_t len = 0;
    g_prog.columns_read = 0u;
    unsigned blocks = 0;
    ck_assert_uint_eq(ck_get_attr_blocks(7u, ln_prog, 2, 0u, NULL, 0u, 256u, g_value,
                                         sizeof g_value, &len, &blocks),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_gt(blocks, 1u);
    ck_assert_uint_eq(g_prog.columns_read, 1u);
    static const uint8_t c_all[3] = { 0, 3, 1 };
    check_prog_rows(g_value, len, 0u, PROG_ROWS, 300u, c_all, 3);
    /* Fewer columns again: {clock} alone. */
    ck_assert_uint_eq(set_prog_hex(3, "0101" DEF_CLOCK), MSDK_COSEM_DAR_SUCCESS);
    want_prog_attr(3, "0101" DEF_CLOCK);
    ck_assert_uint_eq(get_prog_buffer(0u, NULL, 0u, &len), MSDK_COSEM_DAR_SUCCESS);
    check_prog_rows(g_value, len, 0u, PROG_ROWS, 300u, c_all, 1);
}
END_TEST

START_TEST(profile_set_refused)
{
    /* Not an array of capture object definitions: type-unmatched from the class, the
     * application is not called, nothing changes. (The server refuses a value that is not one
     * whole Data value before the class sees it: the last two go to the class directly.) */
    static const char *const bad3[] = {
        "00",                                           /* null-data */
        "0202" DEF_CLOCK DEF_PLUS_A,                    /* a structure of two definitions */
        "01010F02",                                     /* an array of integer */
        "0101020312000809060000010000FF0F02",           /* a definition of 3 members */
        "01010204120008090500000100000F02120000",       /* logical name of 5 bytes */
        "0101020412000809070000010000FF000F02120000",   /* logical name of 7 bytes */
        "0101020412000809060000010000FF1102120000",     /* attribute as unsigned */
        "01010204060000000809060000010000FF0F02120000", /* class as double-long-unsigned */
        "0101020412000809060000010000FF0F021100",       /* data index as unsigned */
        "0102" DEF_CLOCK,                               /* fewer elements than announced */
        "0101" DEF_CLOCK "00",                          /* a byte after the value */
    };
    uint8_t v[700];
    size_t n = 0;
    for (size_t i = 0; i < CK_COUNT(bad3); i++) {
        n = ck_hex(bad3[i], v, sizeof v);
        uint8_t dar = (i + 2u < CK_COUNT(bad3)) ? set_prog_hex(3, bad3[i])
                                                : ck_class_set(&objects[1], 3, v, n);
        if ((dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) ||
            (ck_class_set(&objects[1], 3, v, n) != MSDK_COSEM_DAR_TYPE_UNMATCHED)) {
            ck_abort_msg("capture_objects %s not refused as type-unmatched", bad3[i]);
        }
    }
    static const char *const bad4[] = {
        "12012C",       /* long-unsigned */
        "050000012C",   /* double-long */
        "060000012C00", /* a byte after the value */
    };
    for (size_t i = 0; i < CK_COUNT(bad4); i++) {
        n = ck_hex(bad4[i], v, sizeof v);
        uint8_t dar = (i + 1u < CK_COUNT(bad4)) ? set_prog_hex(4, bad4[i])
                                                : ck_class_set(&objects[1], 4, v, n);
        if (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("capture_period %s not refused as type-unmatched", bad4[i]);
        }
    }
    /* Every truncation of good values, and each with a byte more. */
    n = ck_hex("0103" DEF_CLOCK DEF_PLUS_R DEF_PLUS_A, v, sizeof v);
    ck_class_refuses_cuts(&objects[1], false, 3, v, n);
    n = ck_hex("060000012C", v, sizeof v);
    ck_class_refuses_cuts(&objects[1], false, 4, v, n);
    ck_assert_uint_eq(g_prog.set_calls, 0u);
    /* 33 definitions: more than a profile has (type-unmatched, not handed over); 32: handed
     * over whole (the application refuses more than 5). */
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, g_value, sizeof g_value);
    uint8_t one[18];
    ck_assert_uint_eq(ck_hex(DEF_PLUS_A, one, sizeof one), 18u);
    ck_assert_int_eq(msdk_wbuf_put_u8(&w, 0x01), MSDK_OK);
    ck_assert_int_eq(msdk_wbuf_put_u8(&w, 33), MSDK_OK);
    for (unsigned i = 0; i < 33u; i++) {
        ck_assert_int_eq(msdk_wbuf_put_bytes(&w, one, sizeof one), MSDK_OK);
    }
    ck_assert_uint_eq(ck_class_set(&objects[1], 3, g_value, w.pos), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_prog.set_calls, 0u);
    g_value[1] = 32;
    ck_assert_uint_eq(ck_class_set(&objects[1], 3, g_value, w.pos - sizeof one),
                      MSDK_COSEM_DAR_OTHER_REASON);
    ck_assert_uint_eq(g_prog.set_calls, 1u);
    ck_assert_uint_eq(g_prog.last_n, 32u);
    /* Well-formed, refused by the application: its result, nothing changed. */
    ck_assert_uint_eq(set_prog_hex(3, "0102" DEF_CLOCK "020412000109060000600A01FF0F02120000"),
                      MSDK_COSEM_DAR_OTHER_REASON); /* a Data object as a channel */
    ck_assert_uint_eq(set_prog_hex(3, "0100"), MSDK_COSEM_DAR_OTHER_REASON); /* no column */
    ck_assert_uint_eq(g_prog.last_n, 0u);
    ck_assert_uint_eq(set_prog_hex(4, "060000001E"), MSDK_COSEM_DAR_OTHER_REASON); /* 30 s */
    g_prog.refuse_with = MSDK_COSEM_DAR_HARDWARE_FAULT;
    ck_assert_uint_eq(set_prog_hex(3, "0101" DEF_CLOCK), MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_assert_uint_eq(set_prog_hex(4, "060000012C"), MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_assert_uint_eq(g_prog.set_calls, 6u);
    want_prog_attr(3, COLS_INITIAL);
    want_prog_attr(4, PERIOD_INITIAL);
    /* Other attributes are not written: by the rights (2), by the class (2, 5..8). */
    ck_assert_uint_eq(set_prog_hex(2, "0100"), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    for (uint8_t a = 5; a <= 8; a++) {
        ck_assert_uint_eq(ck_class_set(&objects[1], a, v, n), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    }
    /* A profile without set callbacks is read-only, even with the write right. */
    static const uint8_t ln_ro[6] = { 1, 0, 99, 1, 2, 255 };
    n = ck_hex("0101" DEF_CLOCK, v, sizeof v);
    ck_assert_uint_eq(ck_set(7u, ln_ro, 3, v, n), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    n = ck_hex("060000012C", v, sizeof v);
    ck_assert_uint_eq(ck_set(7u, ln_ro, 4, v, n), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    /* Without the write right the server refuses first. */
    ck_assert_uint_eq(ck_set(7u, objects[0].ln, 4, v, n), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(g_prog.set_calls, 6u);
}
END_TEST

START_TEST(profile_selection_after_set)
{
    uint8_t p[200];
    size_t len = 0;
    static const uint8_t sel_plus_a[1] = { 1 };  /* columns[1]: +A */
    static const uint8_t sel_minus_a[1] = { 2 }; /* columns[2]: -A */
    /* Before: +A is a column, -A is not. */
    size_t n = range_param(p, PROG_T0 + (2 * 900), PROG_T0 + (4 * 900), sel_plus_a, 1);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_SUCCESS);
    static const uint8_t c_a[1] = { 1 };
    check_prog_rows(g_value, len, 2u, 5u, 900u, c_a, 1);
    n = range_param(p, PROG_T0 + (2 * 900), PROG_T0 + (4 * 900), sel_minus_a, 1);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_OTHER_REASON);
    /* capture_objects := {clock, -A, +R}, period 300 s. */
    ck_assert_uint_eq(set_prog_hex(3, "0103" DEF_CLOCK DEF_MINUS_A DEF_PLUS_R),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_prog_hex(4, "060000012C"), MSDK_COSEM_DAR_SUCCESS);
    /* By range (rows 2..4 at 5-minute steps): -A selects, +A is no column any more. */
    n = range_param(p, PROG_T0 + (2 * 300), PROG_T0 + (4 * 300), sel_minus_a, 1);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_SUCCESS);
    static const uint8_t c_minus_a[1] = { 2 };
    check_prog_rows(g_value, len, 2u, 5u, 300u, c_minus_a, 1);
    n = range_param(p, PROG_T0 + (2 * 300), PROG_T0 + (4 * 300), sel_plus_a, 1);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_OTHER_REASON);
    /* By range with all columns (empty selected_values). */
    n = range_param(p, PROG_T0 + 300, PROG_T0 + 600, NULL, 0);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_SUCCESS);
    static const uint8_t c_all[3] = { 0, 2, 3 };
    check_prog_rows(g_value, len, 1u, 3u, 300u, c_all, 3);
    /* By entry: entries 1..3, columns 2..3 (-A, +R); columns 3..0 (to the last: +R); column
     * 4 is beyond the three there are now. */
    static const uint8_t e1[] = { 0x02, 0x04, 0x06, 0x00, 0x00, 0x00, 0x01, 0x06, 0x00,
                                  0x00, 0x00, 0x03, 0x12, 0x00, 0x02, 0x12, 0x00, 0x03 };
    ck_assert_uint_eq(get_prog_buffer(2u, e1, sizeof e1, &len), MSDK_COSEM_DAR_SUCCESS);
    check_prog_rows(g_value, len, 0u, 3u, 300u, &c_all[1], 2);
    static const uint8_t e2[] = { 0x02, 0x04, 0x06, 0x00, 0x00, 0x00, 0x01, 0x06, 0x00,
                                  0x00, 0x00, 0x03, 0x12, 0x00, 0x03, 0x12, 0x00, 0x00 };
    ck_assert_uint_eq(get_prog_buffer(2u, e2, sizeof e2, &len), MSDK_COSEM_DAR_SUCCESS);
    check_prog_rows(g_value, len, 0u, 3u, 300u, &c_all[2], 1);
    static const uint8_t e3[] = { 0x02, 0x04, 0x06, 0x00, 0x00, 0x00, 0x01, 0x06, 0x00,
                                  0x00, 0x00, 0x03, 0x12, 0x00, 0x04, 0x12, 0x00, 0x04 };
    ck_assert_uint_eq(get_prog_buffer(2u, e3, sizeof e3, &len), MSDK_COSEM_DAR_OTHER_REASON);
    /* The time column gone ({} has no clock): a range has nothing to restrict, sort_object
     * is the empty definition. */
    g_prog.n = 0u;
    n = range_param(p, PROG_T0, PROG_T0 + 600, NULL, 0);
    ck_assert_uint_eq(get_prog_buffer(1u, p, n, &len), MSDK_COSEM_DAR_OTHER_REASON);
    want_prog_attr(3, "0100");
    want_prog_attr(6, "020412000009060000000000000F00120000");
}
END_TEST

Suite *cosem_profile_suite(void)
{
    Suite *s = suite_create("cosem_profile");
    CK_TCASE(s, "profile", setup, profile_whole_buffer, profile_by_range_is_log_n, profile_by_entry,
             profile_bad_selection, profile_attributes_and_reset, profile_set_columns_and_period,
             profile_set_refused, profile_selection_after_set);
    return s;
}
