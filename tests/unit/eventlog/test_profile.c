/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.eventlog / evlog_profile: the profile capture engine (msdk/eventlog/profile.h) over
 * the fake NOR flash and its power-cut injector.
 *
 * Expected rows are worked out by the tests from the header's rules (boundaries = multiples
 * of the period since the epoch, the status bits of each case), never taken from the engine:
 * the channel callback returns values derived from the clock it is read at, so a row's
 * values tell when it was taken. Slot counts and capacities are worked out by hand from
 * docs/nvm-format.md below. The power-cut sweep runs a few days of captures with a restart
 * in the middle over a small log that wraps, cuts at every program/erase, in every mode,
 * with both after-cut behaviours, and checks I2 and I7 of EVENTS.md after each reboot. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "evlog_check.h"
#include "fake_nvm.h"
#include "msdk/core/byteorder.h"
#include "msdk/eventlog/profile.h"

Suite *evlog_profile_suite(void);

/* ---- Geometry (worked by hand) -----------------------------------------------------------
 *
 * Sector 4096, page 256, prog_align 1. A row of 4 channels is a payload of 1 + 4 x 8 = 33
 * bytes, a record of 16 + 33 = 49 bytes. The sector header takes [0, 16); page 0 keeps
 * (256 - 16) / 49 = 4 slots, pages 1..15 keep 256 / 49 = 5 each: 4 + 75 = 79 slots a sector.
 * 175 days of 15-minute rows are 175 x 96 = 16,800: 16,800 / 79 = 212.7, so 213 sectors of
 * rows plus the one being reclaimed: 214 sectors, capacity 79 x 213 = 16,827.
 * A row of 2 channels (payload 17, record 33): page 0 keeps 240 / 33 = 7 slots, pages
 * 1..15 keep 256 / 33 = 7 each: 112 slots a sector. */
#define SECTOR       4096u
#define PAGE         256u
#define YEAR_SECTORS 214u
#define SLOTS4       79u
#define SLOTS2       112u
#define CAP_YEAR     (SLOTS4 * (YEAR_SECTORS - 1u))
#define MEM_SIZE     (YEAR_SECTORS * SECTOR)
#define SMALL_SECS   4u /* the log of the other tests: capacity 79 x 3 = 237 */

static const msdk_nvm_geometry_t geo = { MEM_SIZE, SECTOR, PAGE, 1u };

static uint8_t mem[MEM_SIZE];
static msdk_fake_nvm_t flash;
static msdk_fake_nvm_cut_t cut;

/* 2026-01-01T00:00:00Z (date -u -d @1767225600): a UTC midnight. */
#define T0     INT64_C(1767225600)
#define DAY    INT64_C(86400)
#define P15    INT64_C(900)
#define LOG_ID 0x5001u

#define PD  ((uint8_t)MSDK_EVLOG_AMR_POWER_DOWN)
#define CA  ((uint8_t)MSDK_EVLOG_AMR_CLOCK_ADJUSTED)
#define DNV ((uint8_t)MSDK_EVLOG_AMR_DATA_NOT_VALID)
#define DST ((uint8_t)MSDK_EVLOG_AMR_DST)
#define CI  ((uint8_t)MSDK_EVLOG_AMR_CLOCK_INVALID)
#define CE  ((uint8_t)MSDK_EVLOG_AMR_CRITICAL_ERROR)

/* ---- The channels ------------------------------------------------------------------------ */

/* Value of channel ch read at clock t (positive and negative, beyond 32 bits). */
static int64_t chan_value(int64_t t, uint32_t ch)
{
    switch (ch % 4u) {
    case 0: return t * 1000 + (int64_t)ch;
    case 1: return -(t * 3) - 5 - (int64_t)ch;
    case 2: return t ^ INT64_C(0x0123456789ABCDEF);
    default: return INT64_MIN + (t & INT64_C(0xFFFFFFFF)) + (int64_t)ch;
    }
}

typedef struct chan {
    int64_t now; /* the clock the channels are read at */
    bool fail;   /* answer an error (after writing garbage) */
    bool fixed;  /* answer fixed_values[] */
    int64_t fixed_values[MSDK_EVLOG_PROFILE_CHANNELS_MAX];
    uint32_t calls; /* reads so far */
    uint8_t n;      /* channels asked for at the last read */
} chan_t;

static msdk_err_t chan_read(void *ctx, int64_t *values, uint8_t n)
{
    chan_t *c = (chan_t *)ctx;
    c->calls++;
    c->n = n;
    if (c->fail) {
        values[0] = 12345; /* must not be stored */
        return MSDK_ERR_IO;
    }
    for (uint32_t i = 0; i < n; i++) {
        values[i] = c->fixed ? c->fixed_values[i] : chan_value(c->now, i);
    }
    return MSDK_OK;
}

/* ---- Helpers ------------------------------------------------------------------------------ */

/* A blank chip behind a disarmed injector. */
static void blank(void)
{
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
}

static msdk_evlog_profile_config_t config(const msdk_nvm_t *nvm, uint32_t sectors, uint32_t period,
                                          uint8_t channels, chan_t *c)
{
    msdk_evlog_profile_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.log.nvm = nvm;
    cfg.log.base = 0u;
    cfg.log.sectors = sectors;
    cfg.log.payload_len = 0u; /* set by the engine */
    cfg.log.log_id = LOG_ID;
    cfg.period_s = period;
    cfg.channels = channels;
    cfg.read = chan_read;
    cfg.ctx = c;
    return cfg;
}

/* A 15-minute profile of 4 channels over the small log. */
static void mount_small(msdk_evlog_profile_t *p, chan_t *c)
{
    const msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 900u, 4u, c);
    ck_assert_int_eq(msdk_evlog_profile_mount(p, &cfg), MSDK_OK);
}

/* Polls at clock now (the channels read then); answers whether a row was taken. */
static bool poll_at(msdk_evlog_profile_t *p, chan_t *c, int64_t now, uint8_t status)
{
    bool taken = true;
    c->now = now;
    msdk_err_t err = msdk_evlog_profile_poll(p, now, status, &taken);
    pc_expect(err == MSDK_OK, "poll", "at %lld: %d", (long long)now, (int)err);
    return taken;
}

static uint32_t count_of(const msdk_evlog_profile_t *p)
{
    return msdk_evlog_log_count(msdk_evlog_profile_log(p));
}

static uint32_t last_of(const msdk_evlog_profile_t *p)
{
    return msdk_evlog_log_last(msdk_evlog_profile_log(p));
}

/* Row seq is at boundary time with status, its channels read at read_at (or zero when the
 * read failed: DATA_NOT_VALID in the status). */
static void expect_row(const msdk_evlog_profile_t *p, uint32_t seq, int64_t time, uint8_t status,
                       int64_t read_at)
{
    msdk_evlog_row_t row;
    msdk_err_t err = msdk_evlog_profile_read(p, seq, &row);
    pc_expect(err == MSDK_OK, "row", "read %u: %d", (unsigned)seq, (int)err);
    pc_expect(row.seq == seq, "row", "seq %u != %u", (unsigned)row.seq, (unsigned)seq);
    pc_expect(row.time == time, "row", "%u: time %lld, want %lld", (unsigned)seq,
              (long long)row.time, (long long)time);
    pc_expect(row.status == status, "row", "%u: status 0x%02x, want 0x%02x", (unsigned)seq,
              (unsigned)row.status, (unsigned)status);
    const bool valid = (status & DNV) == 0u;
    for (uint32_t i = 0; i < 4u; i++) {
        const int64_t want = valid ? chan_value(read_at, i) : 0;
        pc_expect(row.values[i] == want, "row", "%u: channel %u %lld, want %lld", (unsigned)seq,
                  (unsigned)i, (long long)row.values[i], (long long)want);
    }
    for (uint32_t i = 4u; i < MSDK_EVLOG_PROFILE_CHANNELS_MAX; i++) {
        pc_expect(row.values[i] == 0, "row", "%u: channel %u beyond the profile", (unsigned)seq,
                  (unsigned)i);
    }
}

/* The newest row is at time with status, read at read_at. */
static void expect_newest(const msdk_evlog_profile_t *p, int64_t time, uint8_t status,
                          int64_t read_at)
{
    ck_assert_uint_gt(count_of(p), 0u);
    expect_row(p, last_of(p), time, status, read_at);
}

/* ---- Arguments ---------------------------------------------------------------------------- */

START_TEST(profile_bad_args)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 900u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(NULL, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, NULL), MSDK_ERR_INVALID_ARG);
    /* Periods: 1..3600 and dividing 86400. */
    static const uint32_t bad_periods[] = { 0u, 7u, 1000u, 3601u, 7200u, 86400u };
    for (size_t i = 0; i < sizeof(bad_periods) / sizeof(bad_periods[0]); i++) {
        cfg = config(&cut.nvm, SMALL_SECS, bad_periods[i], 4u, &c);
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    }
    static const uint32_t good_periods[] = { 1u, 60u, 300u, 900u, 1800u, 2400u, 3600u };
    for (size_t i = 0; i < sizeof(good_periods) / sizeof(good_periods[0]); i++) {
        cfg = config(&cut.nvm, SMALL_SECS, good_periods[i], 4u, &c);
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    }
    /* Channels 1..16. */
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 0u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 17u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 1u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 16u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    /* No read callback. */
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 4u, &c);
    cfg.read = NULL;
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    /* A log configuration the log layer refuses: one sector, no region, beyond the region. */
    cfg = config(&cut.nvm, 1u, 900u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(NULL, SMALL_SECS, 900u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(&cut.nvm, YEAR_SECTORS + 1u, 900u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    /* After a failed mount: not mounted. */
    bool taken = true;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, T0, 0u, &taken), MSDK_ERR_STATE);
    ck_assert(!taken);
    msdk_evlog_row_t row;
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 0u, &row), MSDK_ERR_STATE);
    msdk_evlog_profile_mark(&p, CA);
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert_uint_eq(c.calls, 0u);
    /* NULL state. */
    taken = true;
    ck_assert_int_eq(msdk_evlog_profile_poll(NULL, T0, 0u, &taken), MSDK_ERR_INVALID_ARG);
    ck_assert(!taken);
    msdk_evlog_profile_mark(NULL, CA);
    ck_assert_int_eq(msdk_evlog_profile_read(NULL, 0u, &row), MSDK_ERR_INVALID_ARG);
    ck_assert_ptr_null(msdk_evlog_profile_log(NULL));
    /* Mounted: read arguments; taken may be NULL. */
    mount_small(&p, &c);
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 0u, &row), MSDK_ERR_NOT_FOUND);
    c.now = T0;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, T0, 0u, NULL), MSDK_OK);
    ck_assert_uint_eq(count_of(&p), 1u);
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 1u, &row), MSDK_ERR_NOT_FOUND);
    /* Nothing was written outside the log's sectors. */
    for (uint32_t i = SMALL_SECS * SECTOR; i < MEM_SIZE; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
}
END_TEST

/* ---- Row layout ---------------------------------------------------------------------------- */

START_TEST(profile_row_layout)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    /* 2 channels; the log's payload_len in the configuration is ignored (set to 1 + 16). */
    msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 900u, 2u, &c);
    cfg.log.payload_len = 200u;
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    c.fixed = true;
    c.fixed_values[0] = INT64_C(0x0102030405060708);
    c.fixed_values[1] = -2;
    ck_assert(poll_at(&p, &c, T0 + 5, DST));
    ck_assert_uint_eq(c.n, 2u);
    /* The record by hand: time = the boundary T0, payload = status (POWER_DOWN | DST =
     * 0x88), 08 07 06 05 04 03 02 01, FE FF FF FF FF FF FF FF. */
    static const uint8_t want[17] = {
        0x88u, 0x08u, 0x07u, 0x06u, 0x05u, 0x04u, 0x03u, 0x02u, 0x01u,
        0xFEu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu, 0xFFu,
    };
    msdk_evlog_record_t rec;
    ck_assert_int_eq(msdk_evlog_log_read(msdk_evlog_profile_log(&p), 0u, &rec), MSDK_OK);
    ck_assert(rec.time == T0);
    ck_assert_mem_eq(rec.payload, want, sizeof(want));
    for (uint32_t i = sizeof(want); i < MSDK_EVLOG_PAYLOAD_MAX; i++) {
        ck_assert_uint_eq(rec.payload[i], 0u);
    }
    msdk_evlog_row_t row;
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 0u, &row), MSDK_OK);
    ck_assert(row.values[0] == INT64_C(0x0102030405060708));
    ck_assert(row.values[1] == -2);
    ck_assert(row.values[2] == 0);
    /* Rows of 17 bytes: 112 a sector. Sector 0 was erased for the first row; the 112th row
     * fills it and the reclaim ahead erases sector 1. */
    ck_assert_uint_eq(flash.stats.erases, 1u);
    for (uint32_t k = 1; k < SLOTS2 - 1u; k++) {
        ck_assert(poll_at(&p, &c, T0 + (int64_t)k * P15, 0u));
    }
    ck_assert_uint_eq(flash.stats.erases, 1u);
    ck_assert(poll_at(&p, &c, T0 + (int64_t)(SLOTS2 - 1u) * P15, 0u));
    ck_assert_uint_eq(flash.stats.erases, 2u);
    ck_assert_uint_eq(count_of(&p), SLOTS2);
}
END_TEST

/* Boundaries are floor(now / period) x period, before 1970 too; a clock far back takes
 * nothing. */
START_TEST(profile_boundaries)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    mount_small(&p, &c);
    ck_assert(poll_at(&p, &c, -1, 0u));
    expect_newest(&p, -900, PD, -1);
    ck_assert(!poll_at(&p, &c, -900, 0u));
    ck_assert(poll_at(&p, &c, 0, 0u));
    expect_newest(&p, 0, PD, 0);
    ck_assert(!poll_at(&p, &c, INT64_MIN, 0u));
    ck_assert(!poll_at(&p, &c, INT64_MIN + 899, 0u));
    ck_assert(!poll_at(&p, &c, 899, 0u));
    ck_assert(poll_at(&p, &c, 900, 0u));
    expect_newest(&p, 900, 0u, 900);
    /* A 1-second profile takes a row every second; a 1-hour one at hour boundaries. */
    const msdk_evlog_profile_config_t c1 = config(&cut.nvm, SMALL_SECS, 1u, 4u, &c);
    blank();
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &c1), MSDK_OK);
    for (int64_t t = T0 + 17; t < T0 + 40; t++) {
        ck_assert(poll_at(&p, &c, t, 0u));
        ck_assert(!poll_at(&p, &c, t, 0u));
        expect_newest(&p, t, (t < T0 + 19) ? PD : 0u, t);
    }
    const msdk_evlog_profile_config_t c3600 = config(&cut.nvm, SMALL_SECS, 3600u, 4u, &c);
    blank();
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &c3600), MSDK_OK);
    ck_assert(poll_at(&p, &c, T0 + 3599, 0u));
    expect_newest(&p, T0, PD, T0 + 3599);
    ck_assert(!poll_at(&p, &c, T0 + 3599, 0u));
    ck_assert(poll_at(&p, &c, T0 + 3600, 0u));
    expect_newest(&p, T0 + 3600, PD, T0 + 3600);
    ck_assert(poll_at(&p, &c, T0 + 7201, 0u));
    expect_newest(&p, T0 + 7200, 0u, T0 + 7201);
}
END_TEST

/* ---- A year of 15-minute rows ------------------------------------------------------------- */

/* Seconds after boundary k at which it is polled (0..599), and the poll later in its period
 * that must take nothing. */
static int64_t jitter(uint32_t k)
{
    return (int64_t)((k * 7919u) % 600u);
}

/* DST from day 88 to day 297 of 2026 (late March to late October, near enough). */
static bool is_dst(uint32_t k)
{
    const uint32_t day = k / 96u;
    return (day >= 88u) && (day < 298u);
}

/* The status of row k of the year: the first two rows follow the first start (POWER_DOWN). */
static uint8_t year_status(uint32_t k)
{
    return (uint8_t)(((k < 2u) ? PD : 0u) | (is_dst(k) ? DST : 0u));
}

#define YEAR_ROWS 35040u /* 365 x 96 */

START_TEST(profile_year_of_15_minutes)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    msdk_evlog_profile_config_t cfg = config(&cut.nvm, YEAR_SECTORS, 900u, 4u, &c);
    msdk_evlog_log_config_t lc = cfg.log;
    lc.payload_len = 33u;
    ck_assert_uint_eq(msdk_evlog_log_capacity(&lc), CAP_YEAR);
    ck_assert_uint_ge(CAP_YEAR, 16800u);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&p);
    for (uint32_t k = 0; k < YEAR_ROWS; k++) {
        const int64_t b = T0 + (int64_t)k * P15;
        const uint8_t st = is_dst(k) ? DST : 0u;
        pc_expect(poll_at(&p, &c, b + jitter(k), st), "year", "boundary %u not taken", (unsigned)k);
        /* The blank chip numbers rows from 0: row k is entry k. */
        pc_expect(last_of(&p) == k, "year", "row %u is entry %u", (unsigned)k,
                  (unsigned)last_of(&p));
        expect_row(&p, k, b, year_status(k), b + jitter(k));
        pc_expect(!poll_at(&p, &c, b + 600 + (int64_t)(k % 299u), st), "year",
                  "second row in period %u", (unsigned)k);
        /* FIFO: a reclaim ahead follows each full sector, so after N rows the head sector is
         * number N / 79 and the oldest one 213 sectors before it (or 0). */
        const uint32_t n = k + 1u;
        const uint32_t head = n / SLOTS4;
        const uint32_t oldest = (head > YEAR_SECTORS - 1u) ? head - (YEAR_SECTORS - 1u) : 0u;
        const uint32_t first = oldest * SLOTS4;
        pc_expect(msdk_evlog_log_first(log) == first, "year", "after %u rows first %u, want %u",
                  (unsigned)n, (unsigned)msdk_evlog_log_first(log), (unsigned)first);
        pc_expect(count_of(&p) == n - first, "year", "after %u rows count %u", (unsigned)n,
                  (unsigned)count_of(&p));
        pc_expect(count_of(&p) >= ((n < 16800u) ? n : 16800u), "year",
                  "fewer than 175 days after %u rows", (unsigned)n);
    }
    /* 35,040 rows: head sector 35040 / 79 = 443 (43 rows in it), oldest 443 - 213 = 230,
     * first entry 230 x 79 = 18,170, count 35,040 - 18,170 = 16,870 (capacity + 43). */
    ck_assert_uint_eq(msdk_evlog_log_first(log), 18170u);
    ck_assert_uint_eq(count_of(&p), 16870u);
    ck_assert_uint_eq(last_of(&p), YEAR_ROWS - 1u);
    /* Every row kept, at its boundary, with the values read at its poll. */
    for (uint32_t k = 18170u; k < YEAR_ROWS; k++) {
        const int64_t b = T0 + (int64_t)k * P15;
        expect_row(&p, k, b, year_status(k), b + jitter(k));
    }
    /* find_time by day: day d starts with row 96 d; days before the oldest row answer the
     * first entry, the day after the year answers last + 1. The day's rows lie between the
     * answers for d and d + 1. */
    for (uint32_t d = 0; d <= 366u; d++) {
        const int64_t start = T0 + (int64_t)d * DAY;
        uint32_t want = 96u * d;
        if (want < 18170u) {
            want = 18170u;
        }
        if (want > YEAR_ROWS) {
            want = YEAR_ROWS;
        }
        uint32_t seq = 0u;
        uint32_t reads = 0u;
        ck_assert_int_eq(msdk_evlog_log_find_time(log, start, &seq, &reads), MSDK_OK);
        pc_expect(seq == want, "find_time", "day %u: %u, want %u", (unsigned)d, (unsigned)seq,
                  (unsigned)want);
        pc_expect(reads <= 16u, "find_time", "day %u: %u reads for 16,870 rows", (unsigned)d,
                  (unsigned)reads);
        /* One second into the day: the row after midnight's. */
        ck_assert_int_eq(msdk_evlog_log_find_time(log, start + 1, &seq, NULL), MSDK_OK);
        uint32_t want1 = 96u * d + 1u;
        want1 = (want1 < 18170u) ? 18170u : ((want1 > YEAR_ROWS) ? YEAR_ROWS : want1);
        pc_expect(seq == want1, "find_time", "day %u + 1 s: %u, want %u", (unsigned)d,
                  (unsigned)seq, (unsigned)want1);
    }
    /* A remount finds the same rows; the next row after it carries POWER_DOWN. */
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 18170u);
    ck_assert_uint_eq(last_of(&p), YEAR_ROWS - 1u);
    const int64_t end = T0 + (int64_t)YEAR_ROWS * P15; /* 2027-01-01T00:00:00Z */
    ck_assert(!poll_at(&p, &c, end - 1, 0u));
    ck_assert(poll_at(&p, &c, end, 0u));
    expect_newest(&p, end, PD, end);
}
END_TEST

/* ---- Clock changes ------------------------------------------------------------------------ */

/* Rows at T, T + 900, T + 1800, T + 2700 (the first two POWER_DOWN: a fresh start). */
static int64_t four_rows(msdk_evlog_profile_t *p, chan_t *c)
{
    const int64_t t = T0 + 10 * DAY;
    for (int64_t k = 0; k < 4; k++) {
        ck_assert(poll_at(p, c, t + k * P15 + 5, 0u));
        expect_newest(p, t + k * P15, (k < 2) ? PD : 0u, t + k * P15 + 5);
    }
    ck_assert_uint_eq(count_of(p), 4u);
    return t;
}

/* Times of all rows strictly increase by one period from the first row's. */
static void expect_contiguous(const msdk_evlog_profile_t *p, int64_t first_time)
{
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(p);
    for (uint32_t i = 0; i < count_of(p); i++) {
        msdk_evlog_row_t row;
        ck_assert_int_eq(msdk_evlog_profile_read(p, msdk_evlog_log_first(log) + i, &row), MSDK_OK);
        ck_assert(row.time == first_time + (int64_t)i * P15);
    }
}

/* A blank chip, a small profile mounted on it with fresh channels, and its first four rows;
 * returns T, as four_rows(). */
static int64_t small_with_four_rows(msdk_evlog_profile_t *p, chan_t *c)
{
    memset(c, 0, sizeof(*c));
    blank();
    mount_small(p, c);
    return four_rows(p, c);
}

START_TEST(profile_clock_set_back)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* At T + 2800 the clock is set back by an hour (to T - 800); the application marks the
     * period. Polls every 60 s of real time: nothing until the clock passes T + 3600, the
     * boundary after the newest row (real time T + 7200). */
    msdk_evlog_profile_mark(&p, CA);
    int64_t clock = t + 2800 - 3600;
    for (; clock < t + 3600; clock += 60) {
        ck_assert(!poll_at(&p, &c, clock, 0u));
    }
    ck_assert_uint_eq(count_of(&p), 4u);
    /* The clock passes T + 3600 (at T + 3640): rows resume, the marked one first; then every
     * boundary once, for 3 hours. */
    ck_assert(poll_at(&p, &c, clock, 0u));
    expect_newest(&p, t + 3600, CA, clock);
    uint32_t rows = 5u;
    for (clock += 60; clock < t + 3600 + 3 * 3600 + 60; clock += 60) {
        const bool due = ((clock - t) % P15) < 60;
        ck_assert(poll_at(&p, &c, clock, 0u) == due);
        if (due) {
            rows++;
            expect_newest(&p, clock - ((clock - t) % P15), 0u, clock);
        }
    }
    ck_assert_uint_eq(rows, 4u + 1u + 12u);
    ck_assert_uint_eq(count_of(&p), rows);
    expect_contiguous(&p, t);
}
END_TEST

START_TEST(profile_clock_set_forward)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* A poll late in its period: one boundary passed, no flag. */
    ck_assert(poll_at(&p, &c, t + 3600 + 899, 0u));
    expect_newest(&p, t + 3600, 0u, t + 3600 + 899);
    /* At T + 4530 the clock goes forward 3 hours to T + 15330: one row at the newest
     * boundary passed, T + 15300, with CLOCK_ADJUSTED; none for the 11 boundaries skipped
     * (T + 4500 .. T + 14400). */
    ck_assert(!poll_at(&p, &c, t + 4530 - 1000, 0u));
    ck_assert(poll_at(&p, &c, t + 4530 + 10800, 0u));
    expect_newest(&p, t + 15300, CA, t + 15330);
    ck_assert_uint_eq(count_of(&p), 6u);
    uint32_t seq = 0u;
    ck_assert_int_eq(msdk_evlog_log_find_time(msdk_evlog_profile_log(&p), t + 4500, &seq, NULL),
                     MSDK_OK);
    ck_assert_uint_eq(seq, 5u);
    /* Then every boundary again, no flag. */
    ck_assert(!poll_at(&p, &c, t + 15330 + 60, 0u));
    ck_assert(poll_at(&p, &c, t + 16200 + 1, 0u));
    expect_newest(&p, t + 16200, 0u, t + 16201);
    /* Forward by less than two periods but over two boundaries: one skipped, flagged. */
    ck_assert(poll_at(&p, &c, t + 16200 + 1800 + 10, 0u));
    expect_newest(&p, t + 18000, CA, t + 18010);
    ck_assert_uint_eq(count_of(&p), 8u);
}
END_TEST

START_TEST(profile_status_bits)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    mount_small(&p, &c);
    const int64_t t = T0 + 100 * DAY;
    /* The caller's bits are OR-ed into the row taken by that poll. */
    ck_assert(poll_at(&p, &c, t, DST));
    expect_newest(&p, t, PD | DST, t);
    ck_assert(poll_at(&p, &c, t + 900, CI));
    expect_newest(&p, t + 900, PD | CI, t + 900);
    ck_assert(poll_at(&p, &c, t + 1800, DST | CI));
    expect_newest(&p, t + 1800, DST | CI, t + 1800);
    /* mark() flags the period being recorded: its row only. A poll that takes nothing does
     * not leave its status bits for later. */
    msdk_evlog_profile_mark(&p, CE);
    ck_assert(!poll_at(&p, &c, t + 2000, DST));
    msdk_evlog_profile_mark(&p, CA);
    ck_assert(!poll_at(&p, &c, t + 2600, CI));
    ck_assert(poll_at(&p, &c, t + 2700, 0u));
    expect_newest(&p, t + 2700, CE | CA, t + 2700);
    ck_assert(poll_at(&p, &c, t + 3600, 0u));
    expect_newest(&p, t + 3600, 0u, t + 3600);
    msdk_evlog_profile_mark(&p, DST);
    ck_assert(poll_at(&p, &c, t + 4500, DST));
    expect_newest(&p, t + 4500, DST, t + 4500);
    ck_assert(poll_at(&p, &c, t + 5400, 0u));
    expect_newest(&p, t + 5400, 0u, t + 5400);
}
END_TEST

/* ---- Restarts ------------------------------------------------------------------------------ */

START_TEST(profile_restart_within_period)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* Off at T + 2800, on again at T + 3100: the same period. The mount writes nothing. */
    const uint32_t writes = flash.stats.programs + flash.stats.erases;
    mount_small(&p, &c);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, writes);
    ck_assert(!poll_at(&p, &c, t + 3100, 0u));
    ck_assert(!poll_at(&p, &c, t + 3500, 0u));
    /* The period's row carries POWER_DOWN, the next one does not. */
    ck_assert(poll_at(&p, &c, t + 3600 + 3, 0u));
    expect_newest(&p, t + 3600, PD, t + 3603);
    ck_assert(poll_at(&p, &c, t + 4500 + 3, 0u));
    expect_newest(&p, t + 4500, 0u, t + 4503);
    ck_assert_uint_eq(count_of(&p), 6u);
    expect_contiguous(&p, t);
}
END_TEST

START_TEST(profile_restart_after_outage)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* Off at T + 3200, on 2 hours later at T + 10400. Boundaries T + 3600 .. T + 9900
     * passed while off: one row at the newest, T + 9900 (10400 = 11 x 900 + 500), with
     * POWER_DOWN and without CLOCK_ADJUSTED; the next row has POWER_DOWN too, the third
     * not. */
    mount_small(&p, &c);
    ck_assert(poll_at(&p, &c, t + 10400, 0u));
    expect_newest(&p, t + 9900, PD, t + 10400);
    ck_assert_uint_eq(count_of(&p), 5u);
    ck_assert(!poll_at(&p, &c, t + 10700, 0u));
    ck_assert(poll_at(&p, &c, t + 10800 + 5, 0u));
    expect_newest(&p, t + 10800, PD, t + 10805);
    ck_assert(poll_at(&p, &c, t + 11700 + 5, 0u));
    expect_newest(&p, t + 11700, 0u, t + 11705);
    ck_assert_uint_eq(count_of(&p), 7u);
    /* A restart whose first poll finds nothing due, then a skipped boundary: POWER_DOWN
     * and CLOCK_ADJUSTED (the skip happened while running). */
    mount_small(&p, &c);
    ck_assert(!poll_at(&p, &c, t + 11800, 0u));
    ck_assert(poll_at(&p, &c, t + 13500 + 1, 0u));
    expect_newest(&p, t + 13500, PD | CA, t + 13501);
    ck_assert(poll_at(&p, &c, t + 14400 + 1, 0u));
    expect_newest(&p, t + 14400, 0u, t + 14401);
}
END_TEST

START_TEST(profile_data_not_valid)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    ck_assert_uint_eq(c.calls, 4u);
    ck_assert_uint_eq(c.n, 4u);
    c.fail = true;
    ck_assert(!poll_at(&p, &c, t + 3000, 0u));
    ck_assert_uint_eq(c.calls, 4u); /* read only when a row is due */
    ck_assert(poll_at(&p, &c, t + 3600 + 7, DST));
    expect_newest(&p, t + 3600, DNV | DST, t + 3607);
    msdk_evlog_row_t row;
    ck_assert_int_eq(msdk_evlog_profile_read(&p, last_of(&p), &row), MSDK_OK);
    for (uint32_t i = 0; i < MSDK_EVLOG_PROFILE_CHANNELS_MAX; i++) {
        ck_assert(row.values[i] == 0);
    }
    c.fail = false;
    ck_assert(poll_at(&p, &c, t + 4500 + 7, 0u));
    expect_newest(&p, t + 4500, 0u, t + 4507);
    ck_assert_uint_eq(c.calls, 6u);
}
END_TEST

/* ---- NVM errors ---------------------------------------------------------------------------- */

static void arm(uint32_t after_ops, msdk_fake_nvm_after_cut_t after)
{
    msdk_fake_nvm_cut_config_t cc = {
        .armed = true, .cut_after = after_ops, .mode = MSDK_FAKE_NVM_CUT_CLEAN, .after = after
    };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cc), MSDK_OK);
}

START_TEST(profile_prepare_failure)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    mount_small(&p, &c);
    const int64_t t = T0 + 200 * DAY;
    for (uint32_t k = 0; k < SLOTS4 - 1u; k++) {
        ck_assert(poll_at(&p, &c, t + (int64_t)k * P15 + 2, 0u));
    }
    /* Row 78 fills sector 0 (its program is operation 0); the reclaim ahead's erase of
     * sector 1 (operation 1) fails and the chip stays dead. The row is stored: OK. */
    arm(1u, MSDK_FAKE_NVM_AFTER_CUT_EIO);
    const int64_t b78 = t + 78 * P15;
    ck_assert(poll_at(&p, &c, b78 + 2, 0u));
    ck_assert(msdk_fake_nvm_cut_reached(&cut));
    ck_assert_uint_eq(count_of(&p), 0u); /* the log is unmounted */
    /* The next polls mount it again, once each, and report the chip's error. */
    const int64_t b79 = b78 + P15;
    bool taken = true;
    c.now = b79 + 2;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, b79 + 2, 0u, &taken), MSDK_ERR_IO);
    ck_assert(!taken);
    c.now = b79 + 62;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, b79 + 62, 0u, &taken), MSDK_ERR_IO);
    ck_assert(!taken);
    ck_assert_uint_eq(c.calls, SLOTS4);
    /* The chip recovers: the boundary is taken at the next poll, no flag (one boundary
     * passed since the newest row). */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert(poll_at(&p, &c, b79 + 122, 0u));
    ck_assert_uint_eq(count_of(&p), SLOTS4 + 1u);
    expect_row(&p, 78u, b78, 0u, b78 + 2);
    expect_row(&p, 79u, b79, 0u, b79 + 122);
    ck_assert(msdk_evlog_log_append_ready(msdk_evlog_profile_log(&p)));
}
END_TEST

START_TEST(profile_append_failure)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* A restart after 2 hours whose first row fails: its program is dropped and the
     * read-back catches it. */
    mount_small(&p, &c);
    arm(0u, MSDK_FAKE_NVM_AFTER_CUT_DROP);
    bool taken = true;
    c.now = t + 10400;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, t + 10400, 0u, &taken), MSDK_ERR_IO);
    ck_assert(!taken);
    ck_assert_uint_eq(count_of(&p), 0u);
    /* The chip recovers: the next poll mounts the log again and takes the boundary, still as
     * the first row after the start (POWER_DOWN, and on the next row too). */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert(poll_at(&p, &c, t + 10460, 0u));
    ck_assert_uint_eq(count_of(&p), 5u);
    expect_newest(&p, t + 9900, PD, t + 10460);
    ck_assert(poll_at(&p, &c, t + 10800, 0u));
    expect_newest(&p, t + 10800, PD, t + 10800);
    ck_assert(poll_at(&p, &c, t + 11700, 0u));
    expect_newest(&p, t + 11700, 0u, t + 11700);
    ck_assert_uint_eq(count_of(&p), 7u);
}
END_TEST

START_TEST(profile_torn_newest_row)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* The power fails while row 4 (T + 3600) is programmed: half of it lands, a gap. */
    msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                      .cut_after = 0u,
                                      .mode = MSDK_FAKE_NVM_CUT_PROG_HALF,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cc), MSDK_OK);
    c.now = t + 3605;
    ck_assert_int_eq(msdk_evlog_profile_poll(&p, t + 3605, 0u, NULL), MSDK_ERR_IO);
    /* Restart: entries 0..4, 4 a gap; the newest row is T + 2700 (stepping back over the
     * gap). A clock showing T + 2000 takes nothing (no second row at T + 1800). */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    mount_small(&p, &c);
    ck_assert_uint_eq(count_of(&p), 5u);
    msdk_evlog_row_t row;
    ck_assert_int_eq(msdk_evlog_profile_read(&p, 4u, &row), MSDK_ERR_NOT_FOUND);
    ck_assert(!poll_at(&p, &c, t + 2000, 0u));
    ck_assert(!poll_at(&p, &c, t + 2700, 0u));
    /* The clock right again: T + 3600 is taken as entry 5 (the period of the start). */
    ck_assert(poll_at(&p, &c, t + 3650, 0u));
    ck_assert_uint_eq(last_of(&p), 5u);
    expect_row(&p, 5u, t + 3600, PD, t + 3650);
    ck_assert(poll_at(&p, &c, t + 4500, 0u));
    expect_row(&p, 6u, t + 4500, 0u, t + 4500);
}
END_TEST

/* ---- Power cuts ---------------------------------------------------------------------------
 *
 * Sector 512, page 128, prog_align 1, 4 channels (record 49 bytes): page 0 keeps
 * (128 - 16) / 49 = 2 slots, pages 1..3 keep 128 / 49 = 2 each: 8 slots a sector. 6 sectors:
 * capacity 8 x 5 = 40. A 30-minute profile over 3 days is 144 boundaries: the log wraps
 * three times. */
#define PC_SECTOR  512u
#define PC_SECTORS 6u
#define PC_SLOTS   8u
#define PC_CAP     (PC_SLOTS * (PC_SECTORS - 1u))
#define PC_MEM     (PC_SECTOR * PC_SECTORS)
#define PC_PERIOD  INT64_C(1800)
#define PC_K       144u
#define PC_STEPS   320u
#define PC_OFF     72u /* boundaries 72..75 pass while off; restart before 76 */
#define PC_ON      76u
#define PC_FWD     100u /* the clock jumps over 101..102 after 100; row 103 flagged */
#define PC_FWD_END 103u

static const msdk_nvm_geometry_t pc_geo = { PC_MEM, PC_SECTOR, 128u, 1u };
static uint8_t pc_mem[PC_MEM];
static uint8_t pc_scratch[PC_SECTOR];
static msdk_fake_nvm_t pc_flash;
static msdk_fake_nvm_cut_t pc_cut;

typedef struct pc_step {
    bool reboot;    /* a start (mount) instead of a poll */
    int64_t now;    /* the poll's clock */
    uint8_t status; /* the caller's bits */
    bool fail;      /* the channel read fails */
    /* Expected without a cut (worked out from the header's rules). */
    bool row;
    int64_t time;
    uint8_t amr;
    /* Outcome. */
    bool acked;     /* poll returned MSDK_OK and took the row */
    bool in_flight; /* the cut happened during this poll */
    uint32_t seq;   /* when acked */
} pc_step_t;

typedef struct pc_model {
    pc_step_t step[PC_STEPS];
    uint32_t n;
    int64_t t;       /* boundary 0 */
    uint8_t pd_left; /* rows still to get POWER_DOWN */
} pc_model_t;

static pc_step_t *pc_add(pc_model_t *m, int64_t now)
{
    ck_assert_uint_lt(m->n, PC_STEPS);
    pc_step_t *s = &m->step[m->n++];
    memset(s, 0, sizeof(*s));
    s->now = now;
    return s;
}

/* A poll at boundary k + off that takes boundary k's row. */
static void pc_row(pc_model_t *m, uint32_t k, int64_t off, uint8_t status, bool fail, bool adj)
{
    pc_step_t *s = pc_add(m, m->t + (int64_t)k * PC_PERIOD + off);
    s->status = status;
    s->fail = fail;
    s->row = true;
    s->time = m->t + (int64_t)k * PC_PERIOD;
    s->amr =
        (uint8_t)(status | (fail ? DNV : 0u) | (adj ? CA : 0u) | ((m->pd_left > 0u) ? PD : 0u));
    if (m->pd_left > 0u) {
        m->pd_left--;
    }
}

/* Three days: a fresh start (rows 0 and 1 POWER_DOWN), a poll in the middle of every
 * period that takes nothing, DST over boundaries 20..49, clock invalid at 60, failed reads
 * at 30 and 110; off over 72..75 and a start before 76 (rows 76 and 77 POWER_DOWN); the
 * clock set forward from period 100 over boundaries 101 and 102 (row 103 CLOCK_ADJUSTED). */
static void pc_scenario(pc_model_t *m)
{
    memset(m, 0, sizeof(*m));
    m->t = T0 + 45 * DAY;
    m->pd_left = 2u;
    for (uint32_t k = 0; k < PC_K; k++) {
        if ((k >= PC_OFF) && (k < PC_ON)) {
            continue;
        }
        if ((k > PC_FWD) && (k < PC_FWD_END)) {
            continue;
        }
        if (k == PC_ON) {
            pc_step_t *s = pc_add(m, 0);
            s->reboot = true;
            m->pd_left = 2u;
        }
        const uint8_t status = (uint8_t)(((k >= 20u) && (k < 50u)) ? DST : ((k == 60u) ? CI : 0u));
        const int64_t off = (int64_t)((k * 37u) % 300u);
        pc_row(m, k, off, status, (k == 30u) || (k == 110u), k == PC_FWD_END);
        (void)pc_add(m, m->t + (int64_t)k * PC_PERIOD + 900 + off);
    }
}

static msdk_evlog_profile_config_t pc_config(const msdk_nvm_t *nvm, chan_t *c)
{
    return config(nvm, PC_SECTORS, (uint32_t)PC_PERIOD, 4u, c);
}

/* Runs the scenario over the injector, recording outcomes; goes on after a failure. */
static void pc_workload(pc_model_t *m, const char *what)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    const msdk_evlog_profile_config_t cfg = pc_config(&pc_cut.nvm, &c);
    pc_expect(msdk_evlog_profile_mount(&p, &cfg) == MSDK_OK, what, "mount");
    for (uint32_t i = 0; i < m->n; i++) {
        pc_step_t *s = &m->step[i];
        const bool cut_before = msdk_fake_nvm_cut_reached(&pc_cut);
        if (s->reboot) {
            msdk_err_t err = msdk_evlog_profile_mount(&p, &cfg);
            pc_expect((err == MSDK_OK) || cut_before, what, "mount at the restart: %d", (int)err);
            continue;
        }
        c.now = s->now;
        c.fail = s->fail;
        bool taken = false;
        msdk_err_t err = msdk_evlog_profile_poll(&p, s->now, s->status, &taken);
        s->in_flight = !cut_before && msdk_fake_nvm_cut_reached(&pc_cut);
        if (!cut_before && !s->in_flight) {
            pc_expect((err == MSDK_OK) && (taken == s->row), what,
                      "step %u: err %d taken %d before the cut", (unsigned)i, (int)err, (int)taken);
        }
        if ((err == MSDK_OK) && taken) {
            pc_expect(!cut_before, what, "step %u: a row acknowledged after the cut", (unsigned)i);
            s->acked = true;
            s->seq = last_of(&p);
        }
    }
}

/* I2 and I7 after the reboot, then polling resumes. */
static void pc_check(pc_model_t *m, const char *what)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    const msdk_evlog_profile_config_t cfg = pc_config(&pc_cut.nvm, &c);
    pc_expect(msdk_evlog_profile_mount(&p, &cfg) == MSDK_OK, what, "mount");
    /* I7: the log's bound (headers, the head's and the oldest sector's slots) plus the
     * newest row and at most one gap before it. */
    const uint32_t bound = PC_SECTORS + 2u * PC_SLOTS + 2u;
    pc_expect(pc_flash.stats.reads <= bound, what, "mount took %u reads (at most %u)",
              (unsigned)pc_flash.stats.reads, (unsigned)bound);
    pc_expect(pc_flash.stats.programs + pc_flash.stats.erases == 0u, what, "mount wrote");

    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&p);
    const uint32_t first = msdk_evlog_log_first(log);
    const uint32_t last = msdk_evlog_log_last(log);
    const uint32_t count = msdk_evlog_log_count(log);
    int32_t step_of[PC_K + 2u];
    for (uint32_t i = 0; i < PC_K + 2u; i++) {
        step_of[i] = -1;
    }
    bool any_acked = false;
    uint32_t last_acked = 0u;
    int32_t flight = -1;
    for (uint32_t i = 0; i < m->n; i++) {
        const pc_step_t *s = &m->step[i];
        if (s->acked) {
            /* A blank chip numbers rows from 0; acknowledged rows are contiguous. */
            pc_expect(any_acked ? (s->seq == last_acked + 1u) : (s->seq == 0u), what,
                      "acknowledged rows %u, %u", (unsigned)last_acked, (unsigned)s->seq);
            pc_expect(s->seq < PC_K + 2u, what, "seq %u", (unsigned)s->seq);
            any_acked = true;
            last_acked = s->seq;
            step_of[s->seq] = (int32_t)i;
        }
        if (s->in_flight) {
            flight = (int32_t)i;
        }
    }
    /* Count consistent: no more than capacity + one sector, at least every acknowledged row
     * still within the capacity. */
    pc_expect(count <= PC_CAP + PC_SLOTS, what, "count %u", (unsigned)count);
    if (!any_acked) {
        pc_expect((count == 0u) || ((flight >= 0) && (count == 1u)), what,
                  "%u entries, none acknowledged", (unsigned)count);
    } else {
        pc_expect((last == last_acked) || ((flight >= 0) && (last == last_acked + 1u)), what,
                  "last %u, last acknowledged %u", (unsigned)last, (unsigned)last_acked);
        const uint32_t n_acked = last_acked + 1u;
        pc_expect(count >= ((n_acked < PC_CAP) ? n_acked : PC_CAP), what, "count %u after %u rows",
                  (unsigned)count, (unsigned)n_acked);
    }
    /* Every acknowledged row present at its place unless evicted (FIFO: only rows at least
     * a capacity older than the newest); its values are checked below. */
    for (uint32_t seq = 0; any_acked && (seq <= last_acked); seq++) {
        const pc_step_t *s = &m->step[step_of[seq]];
        if ((uint32_t)(seq - first) >= count) {
            pc_expect(seq + PC_CAP <= last, what, "row %u lost; first %u last %u", (unsigned)seq,
                      (unsigned)first, (unsigned)last);
            continue;
        }
        msdk_evlog_row_t row;
        msdk_err_t err = msdk_evlog_profile_read(&p, seq, &row);
        pc_expect((err == MSDK_OK) && (row.time == s->time), what, "row %u: %d", (unsigned)seq,
                  (int)err);
    }
    /* Every visible row is an acknowledged one at its place or the interrupted one: each
     * once, times strictly increasing, values as read. */
    int64_t prev = INT64_MIN;
    for (uint32_t k = 0; k < count; k++) {
        const uint32_t seq = first + k;
        msdk_evlog_row_t row;
        msdk_err_t err = msdk_evlog_profile_read(&p, seq, &row);
        if (err == MSDK_ERR_NOT_FOUND) {
            pc_expect((flight >= 0) && (seq == last) && (!any_acked || (seq == last_acked + 1u)),
                      what, "gap at %u", (unsigned)seq);
            continue;
        }
        pc_expect(err == MSDK_OK, what, "read %u: %d", (unsigned)seq, (int)err);
        const pc_step_t *s = NULL;
        if ((seq < PC_K + 2u) && (step_of[seq] >= 0)) {
            s = &m->step[step_of[seq]];
        } else {
            pc_expect((flight >= 0) && !m->step[flight].acked && (seq == last), what,
                      "row %u was never acknowledged", (unsigned)seq);
            s = &m->step[flight];
        }
        pc_expect(row.time > prev, what, "row %u: time %lld after %lld", (unsigned)seq,
                  (long long)row.time, (long long)prev);
        pc_expect((row.time == s->time) && (row.status == s->amr), what,
                  "row %u: time %lld status 0x%02x, want %lld 0x%02x", (unsigned)seq,
                  (long long)row.time, (unsigned)row.status, (long long)s->time, (unsigned)s->amr);
        for (uint32_t ch = 0; ch < 4u; ch++) {
            const int64_t want = s->fail ? 0 : chan_value(s->now, ch);
            pc_expect(row.values[ch] == want, what, "row %u channel %u", (unsigned)seq,
                      (unsigned)ch);
        }
        prev = row.time;
    }
    /* No duplicate time after the reboot: a clock showing the newest visible row's period
     * takes nothing (a separate start, so the next one is a plain start again). */
    if (prev != INT64_MIN) {
        msdk_evlog_profile_t q;
        bool taken = true;
        c.now = prev + 1;
        pc_expect((msdk_evlog_profile_mount(&q, &cfg) == MSDK_OK) &&
                      (msdk_evlog_profile_poll(&q, prev + 1, 0u, &taken) == MSDK_OK) && !taken,
                  what, "a second row at %lld", (long long)prev);
        pc_expect(msdk_evlog_log_last(msdk_evlog_profile_log(&q)) == last, what, "entries added");
    }
    /* Polling resumes: 3 hours after the scenario's end (boundary 143), a start: one row at
     * boundary 149 with POWER_DOWN, the next with POWER_DOWN, then none. */
    const int64_t resume = m->t + (int64_t)(PC_K + 5u) * PC_PERIOD;
    for (uint32_t r = 0; r < 3u; r++) {
        const int64_t b = resume + (int64_t)r * PC_PERIOD;
        const uint32_t before = last_of(&p);
        c.now = b + 11;
        bool taken = false;
        msdk_err_t err = msdk_evlog_profile_poll(&p, b + 11, 0u, &taken);
        pc_expect((err == MSDK_OK) && taken, what, "poll after the reboot: %d", (int)err);
        pc_expect(last_of(&p) == before + 1u, what, "resumed row numbered %u after %u",
                  (unsigned)last_of(&p), (unsigned)before);
        msdk_evlog_row_t row;
        pc_expect((msdk_evlog_profile_read(&p, last_of(&p), &row) == MSDK_OK) && (row.time == b) &&
                      (row.status == ((r < 2u) ? PD : 0u)) &&
                      (row.values[0] == chan_value(b + 11, 0u)),
                  what, "resumed row %u", (unsigned)r);
    }
}

/* The sweep's workload and check (pc_sweep()): ctx is the model. */
static void pc_sweep_workload(void *ctx, const char *what)
{
    pc_scenario((pc_model_t *)ctx);
    pc_workload((pc_model_t *)ctx, what);
}

static void pc_sweep_check(void *ctx, const char *what)
{
    pc_check((pc_model_t *)ctx, what);
}

static uint32_t pc_run(void)
{
    static pc_model_t m;

    /* Without a cut: learn the operation count; the scenario does what it claims. */
    pc_scenario(&m);
    memset(pc_mem, 0xFF, sizeof(pc_mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&pc_flash, pc_mem, &pc_geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&pc_cut, &pc_flash.nvm, NULL), MSDK_OK);
    pc_workload(&m, "no cut");
    const uint32_t ops = msdk_fake_nvm_cut_op_count(&pc_cut);
    uint32_t rows = 0u;
    for (uint32_t i = 0; i < m.n; i++) {
        const pc_step_t *s = &m.step[i];
        ck_assert(s->acked == s->row);
        if (s->row) {
            ck_assert_uint_eq(s->seq, rows); /* a blank chip: 0, 1, 2, ... */
            rows++;
        }
    }
    /* 144 boundaries less 4 while off and 2 skipped; the log wrapped (rows > 6 sectors). */
    ck_assert_uint_eq(rows, PC_K - 6u);
    ck_assert_uint_gt(rows, 2u * PC_SLOTS * PC_SECTORS);
    ck_assert_int_eq(msdk_fake_nvm_init(&pc_flash, pc_mem, &pc_geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&pc_cut, &pc_flash.nvm, NULL), MSDK_OK);
    pc_check(&m, "no cut");

    const pc_rig_t rig = { &pc_flash,   &pc_cut,           pc_mem,         sizeof(pc_mem),
                           NULL,        &pc_geo,           pc_scratch,     sizeof(pc_scratch),
                           0x9A0F0000u, pc_sweep_workload, pc_sweep_check, &m,
                           "profile" };
    return pc_sweep(&rig, ops);
}

START_TEST(profile_power_cut_every_point)
{
    uint32_t runs = pc_run();
    printf("power-cut points exercised: %u\n", (unsigned)runs);
    fflush(stdout);
    ck_assert_uint_ge(runs, 1000u);
}
END_TEST

Suite *evlog_profile_suite(void)
{
    Suite *s = suite_create("evlog_profile");
    TCase *tc = tcase_create("profile");
    tcase_add_test(tc, profile_bad_args);
    tcase_add_test(tc, profile_row_layout);
    tcase_add_test(tc, profile_boundaries);
    tcase_add_test(tc, profile_clock_set_back);
    tcase_add_test(tc, profile_clock_set_forward);
    tcase_add_test(tc, profile_status_bits);
    tcase_add_test(tc, profile_restart_within_period);
    tcase_add_test(tc, profile_restart_after_outage);
    tcase_add_test(tc, profile_data_not_valid);
    tcase_add_test(tc, profile_prepare_failure);
    tcase_add_test(tc, profile_append_failure);
    tcase_add_test(tc, profile_torn_newest_row);
    suite_add_tcase(s, tc);
    TCase *yr = tcase_create("year");
    tcase_add_test(yr, profile_year_of_15_minutes);
    suite_add_tcase(s, yr);
    TCase *pc = tcase_create("power_cut");
    tcase_add_test(pc, profile_power_cut_every_point);
    suite_add_tcase(s, pc);
    return s;
}
