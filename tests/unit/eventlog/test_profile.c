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
 * with both after-cut behaviours, and checks I2 and I7 of EVENTS.md after each reboot. The
 * year simulation runs 2026 with DST, clock changes and power failures against a model of
 * its own and reads the rows back by time ranges. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "evlog_check.h"
#include "fake_nvm.h"
#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"
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
    /* Periods: 1..3600 dividing 86400, a day, or 0 (on demand). */
    static const uint32_t bad_periods[] = { 7u,     1000u,  3601u,   7200u,
                                            43200u, 86401u, 172800u, UINT32_MAX };
    for (size_t i = 0; i < sizeof(bad_periods) / sizeof(bad_periods[0]); i++) {
        cfg = config(&cut.nvm, SMALL_SECS, bad_periods[i], 4u, &c);
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    }
    static const uint32_t good_periods[] = { 0u, 1u, 60u, 300u, 900u, 1800u, 2400u, 3600u, 86400u };
    for (size_t i = 0; i < sizeof(good_periods) / sizeof(good_periods[0]); i++) {
        cfg = config(&cut.nvm, SMALL_SECS, good_periods[i], 4u, &c);
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    }
    /* Channels 1..24 (a daily billing row of 12 energies and 4 M-Bus values with their
     * times needs 20). */
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 0u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 25u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 1u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    cfg = config(&cut.nvm, SMALL_SECS, 900u, 24u, &c);
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
    taken = true;
    ck_assert_int_eq(msdk_evlog_profile_capture(&p, T0, 0u, &taken), MSDK_ERR_STATE);
    ck_assert(!taken);
    ck_assert_int_eq(msdk_evlog_profile_clear(&p), MSDK_ERR_STATE);
    msdk_evlog_profile_mark(&p, CA);
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert_uint_eq(c.calls, 0u);
    /* NULL state. */
    taken = true;
    ck_assert_int_eq(msdk_evlog_profile_poll(NULL, T0, 0u, &taken), MSDK_ERR_INVALID_ARG);
    ck_assert(!taken);
    msdk_evlog_profile_mark(NULL, CA);
    taken = true;
    ck_assert_int_eq(msdk_evlog_profile_capture(NULL, T0, 0u, &taken), MSDK_ERR_INVALID_ARG);
    ck_assert(!taken);
    ck_assert_int_eq(msdk_evlog_profile_clear(NULL), MSDK_ERR_INVALID_ARG);
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
    /* Nothing was written outside the log's sectors (one check for the 213 sectors: a
     * passing ck_assert per byte costs seconds). */
    uint32_t written = MEM_SIZE;
    for (uint32_t i = SMALL_SECS * SECTOR; (i < MEM_SIZE) && (written == MEM_SIZE); i++) {
        written = (mem[i] != 0xFFu) ? i : MEM_SIZE;
    }
    ck_assert_uint_eq(written, MEM_SIZE);
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

/* A remount while running (a new period, a log read again) is not a start: no POWER_DOWN,
 * the marked bits kept; a mount is a start. Rows at T .. T + 2700 (T + 3600 next). */
START_TEST(profile_remount_is_not_a_start)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    msdk_evlog_profile_mark(&p, CA);
    msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 900u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_remount(&p, &cfg), MSDK_OK);
    ck_assert_uint_eq(count_of(&p), 4u);
    ck_assert(!poll_at(&p, &c, t + 3599, 0u));
    ck_assert(poll_at(&p, &c, t + 3600 + 7, 0u));
    expect_newest(&p, t + 3600, CA, t + 3600 + 7); /* the mark kept, no power down */
    /* Another period (5 minutes): the next boundary after T + 3600 is T + 3900; nothing
     * marked, nothing pending. */
    cfg.period_s = 300u;
    ck_assert_int_eq(msdk_evlog_profile_remount(&p, &cfg), MSDK_OK);
    ck_assert(!poll_at(&p, &c, t + 3899, 0u));
    ck_assert(poll_at(&p, &c, t + 3900, 0u));
    expect_newest(&p, t + 3900, 0u, t + 3900);
    /* A mount is a start: the next row has POWER_DOWN. */
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    ck_assert(poll_at(&p, &c, t + 4200 + 1, 0u));
    expect_newest(&p, t + 4200, PD, t + 4200 + 1);
    ck_assert_int_eq(msdk_evlog_profile_remount(NULL, &cfg), MSDK_ERR_INVALID_ARG);
}
END_TEST

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

/* ---- Daily and on-demand profiles ------------------------------------------------------------ */

/* Captures on demand at now (the channels read then); expects a row. */
static void capture_at(msdk_evlog_profile_t *p, chan_t *c, int64_t now, uint8_t status)
{
    bool taken = false;
    c->now = now;
    msdk_err_t err = msdk_evlog_profile_capture(p, now, status, &taken);
    pc_expect((err == MSDK_OK) && taken, "capture", "at %lld: %d", (long long)now, (int)err);
}

static uint32_t find_of(const msdk_evlog_profile_t *p, int64_t t)
{
    uint32_t seq = 0u;
    ck_assert_int_eq(msdk_evlog_log_find_time(msdk_evlog_profile_log(p), t, &seq, NULL), MSDK_OK);
    return seq;
}

START_TEST(profile_daily)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    const msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 86400u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    const int64_t t = T0 + 30 * DAY; /* a UTC midnight */
    /* The first poll, at 05:00: the row of midnight, POWER_DOWN (a start); the next
     * midnight's too; then none. The caller's bits go into the row of its poll. */
    ck_assert(poll_at(&p, &c, t + 5 * 3600, DST));
    expect_newest(&p, t, PD | DST, t + 5 * 3600);
    ck_assert(!poll_at(&p, &c, t + 20 * 3600, 0u));
    ck_assert(poll_at(&p, &c, t + DAY + 10, 0u));
    expect_newest(&p, t + DAY, PD, t + DAY + 10);
    ck_assert(poll_at(&p, &c, t + 2 * DAY + 10, 0u));
    expect_newest(&p, t + 2 * DAY, 0u, t + 2 * DAY + 10);
    ck_assert(!poll_at(&p, &c, t + 2 * DAY + 3600, 0u));
    /* The clock set forward by three days at 02:00: one row, at the newest midnight passed
     * (t + 5 days), CLOCK_ADJUSTED; none for t + 3 and t + 4 days. */
    ck_assert(poll_at(&p, &c, t + 5 * DAY + 7200, 0u));
    expect_newest(&p, t + 5 * DAY, CA, t + 5 * DAY + 7200);
    /* Set back by an hour across midnight: the row of t + 6 days is taken at 00:10, the clock
     * goes back to 23:10 the day before (marked): nothing until the next midnight, whose row
     * carries CLOCK_ADJUSTED. */
    ck_assert(poll_at(&p, &c, t + 6 * DAY + 600, 0u));
    expect_newest(&p, t + 6 * DAY, 0u, t + 6 * DAY + 600);
    msdk_evlog_profile_mark(&p, CA);
    ck_assert(!poll_at(&p, &c, t + 6 * DAY - 3000, 0u));
    ck_assert(!poll_at(&p, &c, t + 6 * DAY + 100, 0u));
    ck_assert(!poll_at(&p, &c, t + 7 * DAY - 1, 0u));
    ck_assert(poll_at(&p, &c, t + 7 * DAY + 5, 0u));
    expect_newest(&p, t + 7 * DAY, CA, t + 7 * DAY + 5);
    /* Off from 01:00 for two days (over two midnights): one row at the newest midnight passed,
     * POWER_DOWN, no CLOCK_ADJUSTED; the next midnight's POWER_DOWN too, then none. */
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    ck_assert(poll_at(&p, &c, t + 9 * DAY + 3600, 0u));
    expect_newest(&p, t + 9 * DAY, PD, t + 9 * DAY + 3600);
    ck_assert(poll_at(&p, &c, t + 10 * DAY + 1, 0u));
    expect_newest(&p, t + 10 * DAY, PD, t + 10 * DAY + 1);
    ck_assert(poll_at(&p, &c, t + 11 * DAY + 1, 0u));
    expect_newest(&p, t + 11 * DAY, 0u, t + 11 * DAY + 1);
    /* A restart within the day: the next midnight's row carries POWER_DOWN. */
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    ck_assert(!poll_at(&p, &c, t + 11 * DAY + 7200, 0u));
    ck_assert(poll_at(&p, &c, t + 12 * DAY, 0u));
    expect_newest(&p, t + 12 * DAY, PD, t + 12 * DAY);
    /* Rows t, +1, +2, +5, +6, +7, +9, +10, +11, +12 days. */
    ck_assert_uint_eq(count_of(&p), 10u);
    ck_assert_uint_eq(find_of(&p, t + 3 * DAY), 3u);
    ck_assert_uint_eq(find_of(&p, t + 8 * DAY), 6u);
    ck_assert_uint_eq(find_of(&p, t + 12 * DAY + 1), 10u);
}
END_TEST

/* Days from January 1 to the first of month m (1..12) of 2026, not a leap year. */
static int64_t month_start_2026(uint32_t m)
{
    static const uint32_t mdays[12] = {
        31u, 28u, 31u, 30u, 31u, 30u, 31u, 31u, 30u, 31u, 30u, 31u
    };
    int64_t d = 0;
    for (uint32_t i = 1u; i < m; i++) {
        d += mdays[i - 1u];
    }
    return T0 + d * DAY;
}

START_TEST(profile_on_demand)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    const msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 0u, 4u, &c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    /* Polls never take a row (nor read the channels). */
    for (int64_t k = 0; k < 200; k++) {
        ck_assert(!poll_at(&p, &c, T0 + k * 3599, DST));
    }
    ck_assert_uint_eq(c.calls, 0u);
    ck_assert_uint_eq(count_of(&p), 0u);
    /* The monthly billing profile, captured at the start of each month of 2026 (7 s late):
     * the first row has POWER_DOWN (the start), the others the caller's bits only. */
    for (uint32_t m = 1u; m <= 12u; m++) {
        const int64_t at = month_start_2026(m) + 7;
        capture_at(&p, &c, at, (m >= 4u) && (m <= 10u) ? DST : 0u);
        expect_newest(&p, at,
                      (uint8_t)(((m == 1u) ? PD : 0u) | ((m >= 4u) && (m <= 10u) ? DST : 0u)), at);
        ck_assert_uint_eq(last_of(&p), m - 1u);
    }
    ck_assert_uint_eq(c.calls, 12u);
    /* Each month's row by time: month m starts with row m - 1. */
    for (uint32_t m = 1u; m <= 12u; m++) {
        ck_assert_uint_eq(find_of(&p, month_start_2026(m)), m - 1u);
    }
    const int64_t dec = month_start_2026(12u) + 7;
    /* mark() goes into the next capture, once. */
    msdk_evlog_profile_mark(&p, CE);
    capture_at(&p, &c, dec + 100, 0u);
    expect_newest(&p, dec + 100, CE, dec + 100);
    capture_at(&p, &c, dec + 200, 0u);
    expect_newest(&p, dec + 200, 0u, dec + 200);
    /* The clock set back: the row keeps the newest time, CLOCK_ADJUSTED. The same second as
     * the newest row: that time, no flag (times never decrease, they may repeat). */
    capture_at(&p, &c, dec - 5000, 0u);
    expect_newest(&p, dec + 200, CA, dec - 5000);
    capture_at(&p, &c, dec + 200, CI);
    expect_newest(&p, dec + 200, CI, dec + 200);
    ck_assert_uint_eq(count_of(&p), 16u);
    ck_assert_uint_eq(find_of(&p, dec + 200), 13u); /* the first of the three at dec + 200 */
    ck_assert_uint_eq(find_of(&p, dec + 201), 16u);
    /* After a restart: POWER_DOWN again, and the newest time comes from the flash. */
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    capture_at(&p, &c, dec + 150, 0u);
    expect_newest(&p, dec + 200, PD | CA, dec + 150);
    capture_at(&p, &c, dec + 300, 0u);
    expect_newest(&p, dec + 300, 0u, dec + 300);
    /* A failed read: DATA_NOT_VALID and zeros. */
    c.fail = true;
    capture_at(&p, &c, dec + 400, 0u);
    expect_newest(&p, dec + 400, DNV, dec + 400);
    c.fail = false;
    ck_assert_uint_eq(count_of(&p), 19u);
}
END_TEST

START_TEST(profile_capture_with_period)
{
    msdk_evlog_profile_t p;
    chan_t c;
    const int64_t t = small_with_four_rows(&p, &c);
    /* Rows 0..3 at T .. T + 2700. On demand within the period after row 3: a row at
     * T + 2800 with the caller's bits (nothing is pending). */
    capture_at(&p, &c, t + 2800, DST);
    expect_row(&p, 4u, t + 2800, DST, t + 2800);
    /* The poll is not disturbed: T + 3600 is taken once, without CLOCK_ADJUSTED. */
    ck_assert(poll_at(&p, &c, t + 3605, 0u));
    expect_row(&p, 5u, t + 3600, 0u, t + 3605);
    ck_assert(!poll_at(&p, &c, t + 3700, 0u));
    /* A boundary due when the capture comes: the periodic row first (as the poll would take
     * it), then the on-demand row; the next poll in that period takes nothing. */
    capture_at(&p, &c, t + 4503, 0u);
    expect_row(&p, 6u, t + 4500, 0u, t + 4503);
    expect_row(&p, 7u, t + 4503, 0u, t + 4503);
    ck_assert(!poll_at(&p, &c, t + 4550, 0u));
    ck_assert(poll_at(&p, &c, t + 5401, 0u));
    expect_row(&p, 8u, t + 5400, 0u, t + 5401);
    /* Pending bits: the on-demand row has them, and they stay for the period's own row. */
    msdk_evlog_profile_mark(&p, CE);
    capture_at(&p, &c, t + 5600, 0u);
    expect_row(&p, 9u, t + 5600, CE, t + 5600);
    ck_assert(poll_at(&p, &c, t + 6300, 0u));
    expect_row(&p, 10u, t + 6300, CE, t + 6300);
    ck_assert(poll_at(&p, &c, t + 7200, 0u));
    expect_row(&p, 11u, t + 7200, 0u, t + 7200);
    /* Captured at a boundary: the periodic row and the on-demand row share its time; the
     * time search answers the first. */
    capture_at(&p, &c, t + 8100, 0u);
    expect_row(&p, 12u, t + 8100, 0u, t + 8100);
    expect_row(&p, 13u, t + 8100, 0u, t + 8100);
    ck_assert_uint_eq(find_of(&p, t + 8100), 12u);
    ck_assert(!poll_at(&p, &c, t + 8160, 0u));
    ck_assert(poll_at(&p, &c, t + 9000, 0u));
    expect_row(&p, 14u, t + 9000, 0u, t + 9000);
    /* The clock set back an hour: the on-demand row keeps the newest time, with
     * CLOCK_ADJUSTED; polling resumes once the clock passes the newest row. */
    capture_at(&p, &c, t + 5400, 0u);
    expect_row(&p, 15u, t + 9000, CA, t + 5400);
    ck_assert(!poll_at(&p, &c, t + 6000, 0u));
    ck_assert(poll_at(&p, &c, t + 9901, 0u));
    expect_row(&p, 16u, t + 9900, 0u, t + 9901);
    /* A restart, then a capture first: boundaries T + 10800 .. 12600 passed while off; the
     * capture's poll takes the catch-up row (POWER_DOWN), the on-demand row has POWER_DOWN,
     * and so does the next periodic row. */
    mount_small(&p, &c);
    capture_at(&p, &c, t + 12630, 0u);
    expect_row(&p, 17u, t + 12600, PD, t + 12630);
    expect_row(&p, 18u, t + 12630, PD, t + 12630);
    ck_assert(poll_at(&p, &c, t + 13501, 0u));
    expect_row(&p, 19u, t + 13500, PD, t + 13501);
    ck_assert(poll_at(&p, &c, t + 14400, 0u));
    expect_row(&p, 20u, t + 14400, 0u, t + 14400);
    /* An append that fails: an error, no row; the pending bits stay for the next one. */
    msdk_evlog_profile_mark(&p, CE);
    arm(0u, MSDK_FAKE_NVM_AFTER_CUT_EIO);
    bool taken = true;
    c.now = t + 14500;
    ck_assert_int_eq(msdk_evlog_profile_capture(&p, t + 14500, 0u, &taken), MSDK_ERR_IO);
    ck_assert(!taken);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    capture_at(&p, &c, t + 14600, 0u);
    expect_row(&p, 21u, t + 14600, CE, t + 14600);
    ck_assert_uint_eq(count_of(&p), 22u);
}
END_TEST

/* A chip over the fake flash that fails one erase (the fail_erase-th from 0, MSDK_ERR_IO, the
 * sector left as it was), then the next fail_reads reads; everything else goes through. */
typedef struct erase_fail {
    msdk_nvm_t nvm;
    const msdk_nvm_t *inner;
    uint32_t erases;     /* erases seen */
    uint32_t fail_erase; /* UINT32_MAX: none */
    uint32_t fail_reads; /* reads still to fail after the failed erase */
    bool failed;         /* the erase failed */
} erase_fail_t;

static msdk_err_t ef_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    erase_fail_t *e = (erase_fail_t *)ctx;
    if (e->failed && (e->fail_reads > 0u)) {
        e->fail_reads--;
        return MSDK_ERR_IO;
    }
    return e->inner->ops->read(e->inner->ctx, addr, buf, len);
}

static msdk_err_t ef_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    erase_fail_t *e = (erase_fail_t *)ctx;
    return e->inner->ops->program(e->inner->ctx, addr, data, len);
}

static msdk_err_t ef_erase(void *ctx, uint32_t addr)
{
    erase_fail_t *e = (erase_fail_t *)ctx;
    if (e->erases++ == e->fail_erase) {
        e->failed = true;
        return MSDK_ERR_IO;
    }
    return e->inner->ops->erase(e->inner->ctx, addr);
}

static const msdk_nvm_ops_t ef_ops = { ef_read, ef_program, ef_erase };

static void erase_fail_init(erase_fail_t *e, const msdk_nvm_t *inner)
{
    memset(e, 0, sizeof(*e));
    e->nvm.ops = &ef_ops;
    e->nvm.ctx = e;
    e->nvm.geo = inner->geo;
    e->inner = inner;
    e->fail_erase = UINT32_MAX;
}

/* capture() with a period: its poll takes a row and then the reclaim ahead fails (the log
 * left unmounted, the poll answering OK). The capture mounts the log again and stores its
 * row; when that mount fails, it answers the mount's error, not "not mounted". */
START_TEST(profile_capture_after_failed_reclaim)
{
    msdk_evlog_profile_t p;
    chan_t c;
    erase_fail_t ef;
    memset(&c, 0, sizeof(c));
    for (uint32_t fail_reads = 0; fail_reads < 2u; fail_reads++) {
        blank();
        erase_fail_init(&ef, &flash.nvm);
        const msdk_evlog_profile_config_t cfg = config(&ef.nvm, SMALL_SECS, 900u, 4u, &c);
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
        /* Rows 0..77 in sector 0 (79 slots): one erase so far (sector 0's reclaim). */
        const int64_t t = T0 + 50 * DAY;
        for (uint32_t k = 0; k < SLOTS4 - 1u; k++) {
            ck_assert(poll_at(&p, &c, t + (int64_t)k * P15 + 2, 0u));
        }
        ck_assert_uint_eq(ef.erases, 1u);
        /* Captured 100 s after boundary 78: the poll takes row 78 (the last slot of sector
         * 0); its reclaim ahead of sector 1 (erase 1) fails. */
        ef.fail_erase = 1u;
        ef.fail_reads = fail_reads;
        const int64_t b78 = t + 78 * P15;
        bool taken = false;
        c.now = b78 + 100;
        const msdk_err_t err = msdk_evlog_profile_capture(&p, b78 + 100, 0u, &taken);
        ck_assert(ef.failed);
        if (fail_reads == 0u) {
            /* Mounted again: the on-demand row reclaims sector 1 (erase 2) and is row 79. */
            ck_assert_int_eq(err, MSDK_OK);
            ck_assert(taken);
            ck_assert_uint_eq(ef.erases, 3u); /* and the reclaim ahead after it: none due */
            ck_assert_uint_eq(count_of(&p), SLOTS4 + 1u);
            expect_row(&p, 78u, b78, 0u, b78 + 100);
            expect_row(&p, 79u, b78 + 100, 0u, b78 + 100);
        } else {
            /* The mount's first read fails: its error; the periodic row is stored. */
            ck_assert_int_eq(err, MSDK_ERR_IO);
            ck_assert(!taken);
            capture_at(&p, &c, b78 + 160, 0u);
            ck_assert_uint_eq(count_of(&p), SLOTS4 + 1u);
            expect_row(&p, 78u, b78, 0u, b78 + 100);
            expect_row(&p, 79u, b78 + 160, 0u, b78 + 160);
        }
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
        ck_assert_uint_eq(count_of(&p), SLOTS4 + 1u);
        ck_assert_uint_eq(last_of(&p), 79u);
    }
}
END_TEST

/* ---- Clear ----------------------------------------------------------------------------------- */

/* The small log's sectors are blank but for sector `sector`'s header, sector sequence `sseq`
 * (docs/nvm-format.md: "MSEL", log_id, version 1, the sequence, CRC-32 of bytes 0..11). */
static void expect_blank_but_header(uint32_t sector, uint32_t sseq)
{
    uint8_t h[16] = { 'M', 'S', 'E', 'L' };
    msdk_store_u16le(&h[4], LOG_ID);
    msdk_store_u16le(&h[6], 1u);
    msdk_store_u32le(&h[8], sseq);
    msdk_store_u32le(&h[12], msdk_crc32(h, 12u));
    ck_assert_mem_eq(&mem[sector * SECTOR], h, 16u);
    for (uint32_t i = 0; i < SMALL_SECS * SECTOR; i++) {
        if ((i < sector * SECTOR) || (i >= sector * SECTOR + 16u)) {
            ck_assert_msg(mem[i] == 0xFFu, "byte %u is 0x%02x", (unsigned)i, (unsigned)mem[i]);
        }
    }
}

START_TEST(profile_clear)
{
    msdk_evlog_profile_t p;
    chan_t c;
    msdk_evlog_row_t row;
    const int64_t t = small_with_four_rows(&p, &c);
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&p);
    /* Rows 0..3 in sector 0. A clear cut after its new head (operations: erase sector 1, its
     * header, erase sector 0): an error; the next poll mounts the log again and keeps the
     * newest time (no row at T + 2700 again). The clear took effect with the header: sector
     * 0, before the head, is not full. No row, the numbering goes on at 1 x 79. */
    arm(2u, MSDK_FAKE_NVM_AFTER_CUT_EIO);
    ck_assert_int_eq(msdk_evlog_profile_clear(&p), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert(!poll_at(&p, &c, t + 2760, 0u));
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 79u);
    for (uint32_t k = 0; k < 4u; k++) {
        ck_assert_int_eq(msdk_evlog_profile_read(&p, k, &row), MSDK_ERR_NOT_FOUND);
    }
    ck_assert(!msdk_evlog_log_append_ready(log)); /* sector 0's erase is pending */
    /* Clear again finishes it: sector 0 erased, sector 1 (sequence 1) stays the head. */
    ck_assert_int_eq(msdk_evlog_profile_clear(&p), MSDK_OK);
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 79u);
    ck_assert(msdk_evlog_log_append_ready(log));
    expect_blank_but_header(1u, 1u);
    /* The newest time stays in RAM: nothing for T + 2700 or earlier (a clock set back by a
     * day); an on-demand row keeps that time, with CLOCK_ADJUSTED. */
    ck_assert(!poll_at(&p, &c, t + 2800, 0u));
    ck_assert(!poll_at(&p, &c, t - DAY, 0u));
    capture_at(&p, &c, t + 1000, 0u);
    expect_row(&p, 79u, t + 2700, CA, t + 1000);
    ck_assert(poll_at(&p, &c, t + 3605, 0u));
    expect_row(&p, 80u, t + 3600, 0u, t + 3605);
    ck_assert_uint_eq(count_of(&p), 2u);
    /* Cleared (the head sector 1 is not full: one reclaim, sector 2 with sequence 2) and
     * mounted again, the profile knows no newest time: the documented limit, a clock set
     * back takes rows for earlier times (a start: POWER_DOWN). */
    ck_assert_int_eq(msdk_evlog_profile_clear(&p), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 158u);
    ck_assert(!poll_at(&p, &c, t + 3605, 0u));
    mount_small(&p, &c);
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert(poll_at(&p, &c, t - DAY + 5, 0u));
    expect_row(&p, 158u, t - DAY, PD, t - DAY + 5);
    ck_assert_uint_eq(msdk_evlog_log_damage(msdk_evlog_profile_log(&p)), 0u);
}
END_TEST

/* The reviewer's case: a profile cleared with the power lost right after the new head's
 * header (nothing torn), no second clear. After the reboot the profile is empty, its numbers
 * go on at the new head's first (sector 1: 79); the rows after it are all readable, the
 * entries in use are exactly them, and a time search finds the first one. */
START_TEST(profile_clear_cut_after_its_head)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    blank();
    mount_small(&p, &c);
    const int64_t t = T0;
    for (int64_t k = 0; k < 4; k++) {
        ck_assert(poll_at(&p, &c, t + k * P15 + 5, 0u));
    }
    /* Operations of the clear: 0 erase sector 1, 1 its header, 2 erase sector 0: the power
     * fails there (the dying chip answers OK and does nothing; the read-back sees it). */
    arm(2u, MSDK_FAKE_NVM_AFTER_CUT_DROP);
    ck_assert_int_eq(msdk_evlog_profile_clear(&p), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    mount_small(&p, &c);
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&p);
    ck_assert_uint_eq(count_of(&p), 0u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 79u);
    ck_assert_uint_eq(msdk_evlog_log_damage(log), 0u);
    /* Ten rows from T + 9000 (a start: the first two POWER_DOWN). */
    for (int64_t k = 0; k < 10; k++) {
        ck_assert(poll_at(&p, &c, t + (10 + k) * P15 + 5, 0u));
    }
    mount_small(&p, &c);
    ck_assert_uint_eq(count_of(&p), 10u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), 79u);
    ck_assert_uint_eq(last_of(&p), 88u);
    ck_assert_uint_eq(msdk_evlog_log_damage(log), 0u);
    for (uint32_t k = 0; k < 10u; k++) {
        const int64_t b = t + (int64_t)(10u + k) * P15;
        expect_row(&p, 79u + k, b, (k < 2u) ? PD : 0u, b + 5);
    }
    /* A binary search over 10 entries: at most 4 probes (ceil(log2(11))). */
    uint32_t seq = 0u;
    uint32_t reads = 0u;
    ck_assert_int_eq(msdk_evlog_log_find_time(log, t + 10 * P15, &seq, &reads), MSDK_OK);
    ck_assert_uint_eq(seq, 79u);
    ck_assert_uint_le(reads, 4u);
    /* The old sector 0 was erased by the first row after the reboot. */
    for (uint32_t i = 0; i < SECTOR; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
}
END_TEST

/* ---- Bad input ------------------------------------------------------------------------------- */

/* n rows at T + k x 15 min polled 5 s late into a profile mounted on a blank chip: rows 0, 1
 * POWER_DOWN. */
static void write_rows(msdk_evlog_profile_t *p, chan_t *c, int64_t t, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        ck_assert(poll_at(p, c, t + (int64_t)k * P15 + 5, 0u));
    }
}

static void expect_rows(const msdk_evlog_profile_t *p, int64_t t, uint32_t n)
{
    ck_assert_uint_eq(msdk_evlog_log_first(msdk_evlog_profile_log(p)), 0u);
    ck_assert_uint_eq(count_of(p), n);
    for (uint32_t k = 0; k < n; k++) {
        expect_row(p, k, t + (int64_t)k * P15, (k < 2u) ? PD : 0u, t + (int64_t)k * P15 + 5);
    }
}

/* Mounts (within the log's read bound, writing nothing) and checks the damage. */
static void bad_mount(msdk_evlog_profile_t *p, const msdk_evlog_profile_config_t *cfg,
                      uint32_t damage)
{
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_profile_mount(p, cfg), MSDK_OK);
    ck_assert_uint_le(flash.stats.reads, cfg->log.sectors + 2u * SLOTS4 + 1u);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);
    ck_assert_uint_eq(msdk_evlog_log_damage(msdk_evlog_profile_log(p)), damage);
}

/* After a bad image: three polls an hour apart take rows (POWER_DOWN, POWER_DOWN, none), and
 * a remount finds them after the rows before. */
static void rows_go_on(msdk_evlog_profile_t *p, chan_t *c, const msdk_evlog_profile_config_t *cfg)
{
    const int64_t t = T0 + 300 * DAY;
    const uint32_t seq0 = last_of(p) + 1u;
    const uint32_t before = count_of(p);
    for (int64_t k = 0; k < 3; k++) {
        ck_assert(poll_at(p, c, t + k * P15 + 9, 0u));
    }
    ck_assert_int_eq(msdk_evlog_profile_mount(p, cfg), MSDK_OK);
    ck_assert_uint_eq(count_of(p), before + 3u);
    for (uint32_t k = 0; k < 3u; k++) {
        expect_row(p, seq0 + k, t + (int64_t)k * P15, (k < 2u) ? PD : 0u, t + (int64_t)k * P15 + 9);
    }
}

START_TEST(profile_bad_input_images)
{
    msdk_evlog_profile_t p;
    chan_t c;
    memset(&c, 0, sizeof(c));
    const msdk_evlog_profile_config_t cfg = config(&cut.nvm, SMALL_SECS, 900u, 4u, &c);
    const int64_t t = T0 + 40 * DAY;
    /* Random bytes over the log (four seeds) and all zeros: no row, four garbage headers;
     * all 0xFF: no row, clean. */
    for (uint32_t img = 0; img < 6u; img++) {
        uint32_t prng = 0x9F0F0000u + img;
        memset(mem, 0xFF, sizeof(mem));
        for (uint32_t i = 0; i < SMALL_SECS * SECTOR; i++) {
            mem[i] = (img < 4u) ? (uint8_t)(msdk_fake_prng_next(&prng) >> 24)
                                : ((img == 4u) ? 0x00u : 0xFFu);
        }
        bad_mount(&p, &cfg, (img < 5u) ? SMALL_SECS : 0u);
        ck_assert_uint_eq(count_of(&p), 0u);
        rows_go_on(&p, &c, &cfg);
    }
    /* Truncated: 170 rows (sector 0: 0..78, 1: 79..157, 2: 158..169), then sector 2 all 0xFF
     * (rows 0..157 remain, clean) or random (one garbage header). */
    for (uint32_t tr = 0; tr < 2u; tr++) {
        blank();
        ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
        write_rows(&p, &c, t, 170u);
        uint32_t prng = 0x7D00u + tr;
        for (uint32_t i = 2u * SECTOR; i < 3u * SECTOR; i++) {
            mem[i] = (tr == 0u) ? 0xFFu : (uint8_t)(msdk_fake_prng_next(&prng) >> 24);
        }
        bad_mount(&p, &cfg, tr);
        expect_rows(&p, t, 158u);
        rows_go_on(&p, &c, &cfg);
    }
    /* A region configured larger than the written part: 100 rows in the 4-sector log
     * (sectors 0 and 1), mounted as 8 sectors: the same rows, clean. */
    blank();
    ck_assert_int_eq(msdk_evlog_profile_mount(&p, &cfg), MSDK_OK);
    write_rows(&p, &c, t, 100u);
    msdk_evlog_profile_config_t wide = cfg;
    wide.log.sectors = 8u;
    bad_mount(&p, &wide, 0u);
    expect_rows(&p, t, 100u);
    rows_go_on(&p, &c, &wide);
}
END_TEST

/* ---- A year with DST, clock changes and power failures -------------------------------------
 *
 * The 214-sector log (16,827 rows and a sector) polled through 2026 twice per 15 minutes of
 * real time (at jitter(k) and at 600 + k mod 299 s into period k): the clock is real time
 * plus an offset that clock changes move. An independent model (plain rows built by the
 * header's rules from the same polls, never from the engine) gives the expected rows; then
 * many time ranges are read with msdk_evlog_log_find_time() and compared row by row. */

/* First second of day `day` of month `month` of 2026 (not a leap year). */
static int64_t date_2026(uint32_t month, uint32_t day)
{
    return month_start_2026(month) + (int64_t)(day - 1u) * DAY;
}

/* EU summer time, 2026: from the last Sunday of March to the last Sunday of October, at
 * 01:00 UTC; the day is 31 - ((5y/4 + 4) mod 7) for March, 31 - ((5y/4 + 1) mod 7) for
 * October (integer division). */
static int64_t dst_start(void)
{
    const uint32_t y = 2026u;
    return date_2026(3u, 31u - (((5u * y) / 4u + 4u) % 7u)) + 3600;
}

static int64_t dst_end(void)
{
    const uint32_t y = 2026u;
    return date_2026(10u, 31u - (((5u * y) / 4u + 1u) % 7u)) + 3600;
}

static bool eu_dst(int64_t t)
{
    return (t >= dst_start()) && (t < dst_end());
}

/* Clock changes, after the first poll of period 37 (09:15 real time) of the day: set back an
 * hour, or forward by 1..6 hours. The application marks the period (CLOCK_ADJUSTED) when it
 * sets the clock back, and when it sets it forward on half the dates; on the others the
 * engine must see the skipped boundaries itself. */
static const struct {
    uint16_t day;
    int8_t hours;
    bool mark;
} sim_clock[] = {
    { 10u, -1, true },  { 20u, 1, true },   { 40u, -1, true },  { 50u, 2, false },
    { 70u, -1, true },  { 80u, 3, true },   { 100u, -1, true }, { 110u, 4, false },
    { 130u, -1, true }, { 140u, 5, true },  { 160u, -1, true }, { 170u, 6, false },
    { 190u, -1, true }, { 200u, 1, false }, { 220u, -1, true }, { 230u, 2, true },
    { 250u, -1, true }, { 260u, 3, false }, { 280u, -1, true }, { 290u, 4, true },
    { 310u, -1, true }, { 320u, 5, false }, { 340u, -1, true }, { 350u, 6, true },
};
#define SIM_CLOCKS (sizeof(sim_clock) / sizeof(sim_clock[0]))

/* Power failures, from just after the first poll of a period, from 3 minutes to 2 days (two
 * across the DST changes of days 87 and 297). */
static const struct {
    uint16_t day;
    uint8_t period;
    uint32_t secs;
} sim_outage[] = {
    { 5u, 40u, 180u },     { 30u, 10u, 600u },    { 60u, 50u, 840u },    { 87u, 3u, 2400u },
    { 120u, 70u, 7200u },  { 150u, 20u, 18000u }, { 175u, 90u, 39600u }, { 195u, 60u, 86400u },
    { 235u, 30u, 93600u }, { 265u, 5u, 129600u }, { 297u, 2u, 169200u }, { 325u, 80u, 172800u },
};
#define SIM_OUTAGES (sizeof(sim_outage) / sizeof(sim_outage[0]))

#define SIM_ROWS_MAX 36000u

typedef struct sim_row {
    int64_t time;
    int64_t read_at; /* the clock at the poll that took it */
    uint8_t status;
} sim_row_t;

typedef struct sim_model {
    sim_row_t row[SIM_ROWS_MAX];
    uint32_t n;
    uint8_t pending;
    bool started;
} sim_model_t;

/* The header's rules, for a 15-minute profile. A start: the period it falls in gets
 * POWER_DOWN; the first poll is the start's. */
static void model_start(sim_model_t *m)
{
    m->pending = PD;
    m->started = false;
}

/* A poll: a row when the boundary at or before the clock is after the newest row; its status
 * is the pending bits, the poll's, CLOCK_ADJUSTED when a boundary was skipped while running;
 * after a row taken at the first poll of a start, the next row gets POWER_DOWN too. */
static bool model_poll(sim_model_t *m, int64_t clock, uint8_t status)
{
    const int64_t b = clock - (((clock % P15) + P15) % P15);
    const bool any = m->n > 0u;
    const int64_t newest = any ? m->row[m->n - 1u].time : INT64_MIN;
    if (any && (b <= newest)) {
        m->started = true;
        return false;
    }
    uint8_t st = (uint8_t)(m->pending | status);
    if (m->started && any && (b - newest > P15)) {
        st |= CA;
    }
    ck_assert_uint_lt(m->n, SIM_ROWS_MAX);
    m->row[m->n].time = b;
    m->row[m->n].read_at = clock;
    m->row[m->n].status = st;
    m->n++;
    m->pending = m->started ? 0u : PD;
    m->started = true;
    return true;
}

typedef struct sim {
    msdk_evlog_profile_t p;
    msdk_evlog_profile_config_t cfg;
    chan_t c;
    sim_model_t *m;
    int64_t offset; /* clock - real time */
} sim_t;

static void sim_poll(sim_t *s, int64_t real)
{
    const int64_t clock = real + s->offset;
    const uint8_t st = eu_dst(clock) ? DST : 0u;
    const bool want = model_poll(s->m, clock, st);
    const bool got = poll_at(&s->p, &s->c, clock, st);
    pc_expect(got == want, "year", "poll at %lld: taken %d, the model %d", (long long)clock,
              (int)got, (int)want);
}

/* First model row at or after index `from` with time >= t (m->n when none). */
static uint32_t model_lower(const sim_model_t *m, uint32_t from, int64_t t)
{
    uint32_t lo = from;
    uint32_t hi = m->n;
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2u;
        if (m->row[mid].time < t) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* The rows found for [from, to) are exactly the model's rows still in the log; returns the
 * most reads one search took. */
static uint32_t sim_range(const sim_t *s, uint32_t first, int64_t from, int64_t to)
{
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&s->p);
    uint32_t a = 0u;
    uint32_t b = 0u;
    uint32_t ra = 0u;
    uint32_t rb = 0u;
    ck_assert_int_eq(msdk_evlog_log_find_time(log, from, &a, &ra), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_find_time(log, to, &b, &rb), MSDK_OK);
    const uint32_t lo = model_lower(s->m, first, from);
    const uint32_t hi = model_lower(s->m, first, to);
    pc_expect((a == lo) && (b == hi), "range", "[%lld, %lld): rows %u..%u, the model %u..%u",
              (long long)from, (long long)to, (unsigned)a, (unsigned)b, (unsigned)lo, (unsigned)hi);
    for (uint32_t i = lo; i < hi; i++) {
        const sim_row_t *r = &s->m->row[i];
        expect_row(&s->p, i, r->time, r->status, r->read_at);
    }
    return (ra > rb) ? ra : rb;
}

/* Every range the test reads; returns the most reads of a search. */
static uint32_t sim_ranges(const sim_t *s, uint32_t first, uint32_t *ranges)
{
    const sim_model_t *m = s->m;
    const int64_t oldest = m->row[first].time;
    const int64_t newest = m->row[m->n - 1u].time;
    uint32_t max_reads = 0u;
    uint32_t n = 0u;
#define SIM_RANGE(f, t)                                                                            \
    do {                                                                                           \
        const uint32_t r_ = sim_range(s, first, (f), (t));                                         \
        max_reads = (r_ > max_reads) ? r_ : max_reads;                                             \
        n++;                                                                                       \
    } while (0)
    /* Whole days and weeks, from before the oldest row to after the newest. */
    for (int64_t d = -2; d <= 368; d++) {
        SIM_RANGE(T0 + d * DAY, T0 + (d + 1) * DAY);
    }
    for (int64_t w = -1; w <= 53; w++) {
        SIM_RANGE(T0 + w * 7 * DAY, T0 + (w + 1) * 7 * DAY);
    }
    /* Ranges starting inside every gap (power failures, clock set forward). */
    for (uint32_t i = first; i + 1u < m->n; i++) {
        const int64_t a = m->row[i].time;
        const int64_t b = m->row[i + 1u].time;
        if (b - a <= P15) {
            continue;
        }
        const int64_t starts[3] = { a + 1, a + P15, b - 1 };
        for (int j = 0; j < 3; j++) {
            SIM_RANGE(starts[j], starts[j] + 1);
            SIM_RANGE(starts[j], starts[j] + 3600);
            SIM_RANGE(starts[j], starts[j] + DAY);
        }
    }
    /* Before the oldest row, around it, after the newest, everything, reversed. */
    SIM_RANGE(T0 - 10 * DAY, oldest);
    SIM_RANGE(T0 - 10 * DAY, oldest + 1);
    SIM_RANGE(INT64_MIN, oldest - 1);
    SIM_RANGE(INT64_MIN, INT64_MIN + 1);
    SIM_RANGE(oldest, oldest + 1);
    SIM_RANGE(newest, newest + 1);
    SIM_RANGE(newest - 1, newest);
    SIM_RANGE(newest + 1, newest + DAY);
    SIM_RANGE(newest + 1, INT64_MAX);
    SIM_RANGE(INT64_MIN, INT64_MAX);
    SIM_RANGE(newest, oldest);
    /* Random ranges of up to three days over the kept rows and a day either side. */
    uint32_t prng = 0x5EA50000u;
    const uint64_t span = (uint64_t)(newest - oldest) + 2u * (uint64_t)DAY;
    for (uint32_t i = 0; i < 400u; i++) {
        const int64_t from =
            oldest - DAY + (int64_t)(((uint64_t)msdk_fake_prng_next(&prng) * 8191u) % span);
        const int64_t len = (int64_t)(msdk_fake_prng_next(&prng) % (uint32_t)(3 * DAY));
        SIM_RANGE(from, from + len);
    }
#undef SIM_RANGE
    *ranges = n;
    return max_reads;
}

START_TEST(profile_year_simulation)
{
    static sim_model_t model;
    static sim_t s;
    memset(&model, 0, sizeof(model));
    memset(&s, 0, sizeof(s));
    s.m = &model;
    /* The EU dates of 2026 worked out by hand: Sunday 29 March and Sunday 25 October
     * (1970-01-01 was a Thursday: day d is a Sunday when (d + 4) mod 7 = 0). */
    ck_assert(dst_start() == T0 + 87 * DAY + 3600);
    ck_assert(dst_end() == T0 + 297 * DAY + 3600);
    ck_assert_int_eq(((dst_start() / DAY) + 4) % 7, 0);
    ck_assert_int_eq(((dst_end() / DAY) + 4) % 7, 0);

    blank();
    s.cfg = config(&cut.nvm, YEAR_SECTORS, 900u, 4u, &s.c);
    ck_assert_int_eq(msdk_evlog_profile_mount(&s.p, &s.cfg), MSDK_OK);
    model_start(&model);
    bool off = false;
    int64_t r_on = 0;
    uint32_t ci = 0u;
    uint32_t oi = 0u;
    uint32_t pd_want = 2u; /* the first start: rows 0 and 1 */
    for (uint32_t k = 0; k < 365u * 96u; k++) {
        const int64_t r = T0 + (int64_t)k * P15;
        const int64_t at[2] = { r + jitter(k), r + 600 + (int64_t)(k % 299u) };
        for (int i = 0; i < 2; i++) {
            if (off && (at[i] >= r_on)) {
                /* Power back: a start from the flash image (I7: the mount's read bound). */
                off = false;
                ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
                ck_assert_int_eq(msdk_evlog_profile_mount(&s.p, &s.cfg), MSDK_OK);
                ck_assert_uint_le(flash.stats.reads, YEAR_SECTORS + 2u * SLOTS4 + 1u);
                ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);
                model_start(&model);
                sim_poll(&s, r_on);
            }
            if (!off) {
                sim_poll(&s, at[i]);
            }
            if (i == 1) {
                continue;
            }
            const uint32_t day = k / 96u;
            const uint32_t per = k % 96u;
            const int64_t ev = at[0] + 1;
            if ((ci < SIM_CLOCKS) && (sim_clock[ci].day == day) && (per == 37u)) {
                ck_assert(!off);
                s.offset += (int64_t)sim_clock[ci].hours * 3600;
                if (sim_clock[ci].mark) {
                    msdk_evlog_profile_mark(&s.p, CA);
                    model.pending |= CA;
                }
                ci++;
            }
            if ((oi < SIM_OUTAGES) && (sim_outage[oi].day == day) &&
                (sim_outage[oi].period == per)) {
                ck_assert(!off);
                off = true;
                r_on = ev + (int64_t)sim_outage[oi].secs;
                /* Back in the same period: its next row gets POWER_DOWN; after a boundary
                 * passed: the catch-up row and the next one. */
                pd_want += ((r_on / P15) == (ev / P15)) ? 1u : 2u;
                oi++;
            }
        }
    }
    ck_assert(!off);
    ck_assert_uint_eq(ci, SIM_CLOCKS);
    ck_assert_uint_eq(oi, SIM_OUTAGES);

    /* The model against the scenario: times strictly increasing on boundaries, one
     * CLOCK_ADJUSTED row per clock change, POWER_DOWN rows as the outages say, DST rows
     * exactly those read in summer time. */
    uint32_t ca = 0u;
    uint32_t pd = 0u;
    for (uint32_t i = 0; i < model.n; i++) {
        const sim_row_t *r = &model.row[i];
        ck_assert_int_eq(r->time % P15, 0);
        ck_assert((i == 0u) || (r->time > model.row[i - 1u].time));
        ca += ((r->status & CA) != 0u) ? 1u : 0u;
        pd += ((r->status & PD) != 0u) ? 1u : 0u;
        ck_assert(((r->status & DST) != 0u) == eu_dst(r->read_at));
    }
    ck_assert_uint_eq(ca, SIM_CLOCKS);
    ck_assert_uint_eq(pd, pd_want);
    ck_assert_uint_gt(model.n, 34000u);

    /* The log: the rows 0..n-1 of a blank chip with a reclaim ahead after each; the head is
     * sector sequence n / 79, the oldest 213 before it. */
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(&s.p);
    const uint32_t head = model.n / SLOTS4;
    const uint32_t first = (head - (YEAR_SECTORS - 1u)) * SLOTS4;
    ck_assert_uint_ge(head, YEAR_SECTORS - 1u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), first);
    ck_assert_uint_eq(msdk_evlog_log_last(log), model.n - 1u);
    ck_assert_uint_ge(count_of(&s.p), 16800u);
    for (uint32_t i = first; i < model.n; i++) {
        const sim_row_t *r = &model.row[i];
        expect_row(&s.p, i, r->time, r->status, r->read_at);
    }
    uint32_t ranges = 0u;
    uint32_t reads = sim_ranges(&s, first, &ranges);
    ck_assert_uint_le(reads, 40u);
    /* Again after a remount (the newest time from the head scan). */
    ck_assert_int_eq(msdk_evlog_profile_mount(&s.p, &s.cfg), MSDK_OK);
    uint32_t ranges2 = 0u;
    const uint32_t reads2 = sim_ranges(&s, first, &ranges2);
    ck_assert_uint_le(reads2, 40u);
    printf("year simulation: %u rows, %u kept, %u ranges twice, at most %u reads a search\n",
           (unsigned)model.n, (unsigned)(model.n - first), (unsigned)ranges,
           (unsigned)((reads > reads2) ? reads : reads2));
    fflush(stdout);
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
    /* I7: the log's bound (headers, the head's and the oldest sector's slots, the last slot
     * of the sector before the head) plus the newest row and at most one gap before it. */
    const uint32_t bound = PC_SECTORS + 2u * PC_SLOTS + 1u + 2u;
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
    tcase_add_test(tc, profile_remount_is_not_a_start);
    tcase_add_test(tc, profile_row_layout);
    tcase_add_test(tc, profile_boundaries);
    tcase_add_test(tc, profile_clock_set_back);
    tcase_add_test(tc, profile_clock_set_forward);
    tcase_add_test(tc, profile_status_bits);
    tcase_add_test(tc, profile_restart_within_period);
    tcase_add_test(tc, profile_restart_after_outage);
    tcase_add_test(tc, profile_data_not_valid);
    tcase_add_test(tc, profile_prepare_failure);
    tcase_add_test(tc, profile_capture_after_failed_reclaim);
    tcase_add_test(tc, profile_append_failure);
    tcase_add_test(tc, profile_torn_newest_row);
    tcase_add_test(tc, profile_daily);
    tcase_add_test(tc, profile_on_demand);
    tcase_add_test(tc, profile_capture_with_period);
    tcase_add_test(tc, profile_clear);
    tcase_add_test(tc, profile_clear_cut_after_its_head);
    tcase_add_test(tc, profile_bad_input_images);
    suite_add_tcase(s, tc);
    TCase *yr = tcase_create("year");
    tcase_add_test(yr, profile_year_of_15_minutes);
    tcase_add_test(yr, profile_year_simulation);
    suite_add_tcase(s, yr);
    TCase *pc = tcase_create("power_cut");
    tcase_add_test(pc, profile_power_cut_every_point);
    suite_add_tcase(s, pc);
    return s;
}
