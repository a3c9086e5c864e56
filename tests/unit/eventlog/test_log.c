/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.eventlog / evlog_log: the circular log over the fake NOR flash.
 *
 * Expected layouts, slot counts and capacities are worked out by hand from
 * docs/nvm-format.md for each geometry below (the arithmetic is in the comments); the
 * power-cut tests check the invariants I2/I3/I7 of EVENTS.md after a "reboot" for every
 * program/erase cut point, every cut mode and both after-cut behaviours, for appends and for
 * a clear (the old log, a suffix of it, or the empty log). Damage counts of bad images are
 * worked out by hand from the mount's rules in log.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "evlog_check.h"
#include "fake_nvm.h"
#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"
#include "msdk/eventlog/log.h"

Suite *evlog_log_suite(void);

/* ---- Geometries (worked by hand) ------------------------------------------------------
 *
 * G1: sector 256, page 64, prog_align 1, payload 16: slot 16 + 16 = 32 bytes. Header
 *     [0, 16); page 0 keeps one slot at 16 ([48, 64) too short: unused); pages 1..3 two
 *     each at 64, 96, 128, 160, 192, 224: 7 slots per sector.
 * G2: sector 256, page 32, prog_align 8, payload 13: record 29 bytes, slot 32. Page 0 has
 *     16 bytes after the header: no slot; pages 1..7 one each at 32, 64, ..., 224: 7 slots.
 * G3: sector 256, page 32, prog_align 4, payload 40: slot 56 > page, contiguous from 16:
 *     16, 72, 128, 184 ((256 - 16) / 56 = 4 slots); the slot at 16 spans pages 0, 1, 2:
 *     three program calls.
 * G4: sector 4096, page 256, prog_align 1, payload 16: slot 32; page 0 keeps
 *     (256 - 16) / 32 = 7 slots, pages 1..15 eight each: 7 + 120 = 127 slots per sector.
 */
typedef struct test_geo {
    msdk_nvm_geometry_t geo;
    uint16_t payload;
    uint32_t slots; /* by hand, above */
} test_geo_t;

static const test_geo_t g1 = { { 8u * 256u, 256u, 64u, 1u }, 16u, 7u };
static const test_geo_t g2 = { { 8u * 256u, 256u, 32u, 8u }, 13u, 7u };
static const test_geo_t g3 = { { 8u * 256u, 256u, 32u, 4u }, 40u, 4u };

#define G4_SECTORS 134u
#define G4_SLOTS   127u
static const msdk_nvm_geometry_t g4 = { G4_SECTORS * 4096u, 4096u, 256u, 1u };

#define MEM_MAX (8u * 256u)

/* ---- Helpers ------------------------------------------------------------------------------ */

/* Payload of the a-th append: a (LE) then a pattern of a and the index. */
static void payload_of(uint32_t a, uint16_t len, uint8_t *out)
{
    uint8_t word[4];
    msdk_store_u32le(word, a);
    for (uint32_t i = 0; i < len; i++) {
        out[i] = (i < 4u) ? word[i] : (uint8_t)(a * 7u + i * 13u + 1u);
    }
}

static int64_t time_of(uint32_t a)
{
    return 1000 + 10 * (int64_t)a;
}

static msdk_evlog_log_config_t make_cfg(const msdk_nvm_t *nvm, uint32_t base, uint32_t sectors,
                                        uint16_t payload, uint16_t id)
{
    msdk_evlog_log_config_t cfg = {
        .nvm = nvm, .base = base, .sectors = sectors, .payload_len = payload, .log_id = id
    };
    return cfg;
}

/* Appends the a-th record and checks the number it got. */
static void append_expect(msdk_evlog_log_t *log, uint32_t a, uint32_t want_seq)
{
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];
    uint32_t seq = 0xDEADBEEFu;
    payload_of(a, log->cfg.payload_len, p);
    ck_assert_int_eq(msdk_evlog_log_append(log, time_of(a), p, &seq), MSDK_OK);
    ck_assert_uint_eq(seq, want_seq);
}

/* Entry seq must hold the a-th record. */
static void read_expect(const msdk_evlog_log_t *log, uint32_t seq, uint32_t a)
{
    msdk_evlog_record_t rec;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];
    payload_of(a, log->cfg.payload_len, p);
    ck_assert_int_eq(msdk_evlog_log_read(log, seq, &rec), MSDK_OK);
    ck_assert_uint_eq(rec.seq, seq);
    ck_assert(rec.time == time_of(a));
    ck_assert_mem_eq(rec.payload, p, log->cfg.payload_len);
}

/* Writes a sector header by hand (docs/nvm-format.md) into RAM. */
static void put_header(uint8_t *at, uint16_t log_id, uint16_t version, uint32_t sseq)
{
    at[0] = 'M';
    at[1] = 'S';
    at[2] = 'E';
    at[3] = 'L';
    msdk_store_u16le(&at[4], log_id);
    msdk_store_u16le(&at[6], version);
    msdk_store_u32le(&at[8], sseq);
    msdk_store_u32le(&at[12], msdk_crc32(at, 12u));
}

/* ---- Layout --------------------------------------------------------------------------- */

/* A blank chip of geometry g1 over mem. */
static void blank_chip(uint8_t *mem, size_t size, msdk_fake_nvm_t *f)
{
    memset(mem, 0xFF, size);
    ck_assert_int_eq(msdk_fake_nvm_init(f, mem, &g1.geo, NULL), MSDK_OK);
}

/* A blank chip of geometry g1, and a log of `sectors` sectors from 0 (payload 16, id 1)
 * mounted on it. */
static void mount_blank(uint8_t *mem, size_t size, msdk_fake_nvm_t *f, msdk_evlog_log_t *log,
                        msdk_evlog_log_config_t *cfg, uint32_t sectors)
{
    blank_chip(mem, size, f);
    *cfg = make_cfg(&f->nvm, 0u, sectors, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(log, cfg), MSDK_OK);
}

START_TEST(log_layout_matches_format)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    blank_chip(mem, sizeof(mem), &f);
    msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, 4u, 16u, 0x1234u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);

    uint8_t p[16];
    for (uint32_t i = 0; i < 16u; i++) {
        p[i] = (uint8_t)(0xA0u + i);
    }
    uint32_t seq = 99u;
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0x0102030405060708, p, &seq), MSDK_OK);
    ck_assert_uint_eq(seq, 0u); /* sector 0, sector sequence 0, slot 0 */
    /* Erase, header, record: one program for the record (it fits a page). */
    ck_assert_uint_eq(f.stats.erases, 1u);
    ck_assert_uint_eq(f.stats.programs, 2u);

    const uint8_t hdr[12] = { 'M', 'S', 'E', 'L', 0x34, 0x12, 0x01, 0x00, 0, 0, 0, 0 };
    ck_assert_mem_eq(mem, hdr, 12u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[12]), msdk_crc32(mem, 12u));

    const uint8_t head[12] = { 0, 0, 0, 0, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 };
    ck_assert_mem_eq(&mem[16], head, 12u);
    ck_assert_mem_eq(&mem[28], p, 16u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[44]), msdk_crc32(&mem[16], 28u));
    for (uint32_t i = 48u; i < 64u; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu); /* too short for a slot */
    }

    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0x0102030405060709, p, &seq), MSDK_OK);
    ck_assert_uint_eq(seq, 1u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[64]), 1u);
    ck_assert_uint_eq(mem[68], 0x09u);
    for (uint32_t i = 96u; i < sizeof(mem); i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
    ck_assert_uint_eq(f.stats.overprograms, 0u);
}
END_TEST

START_TEST(log_layout_aligned_and_multi_page)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];

    /* G2: slot 0 at 32, 29 record bytes then 3 bytes of 0xFF padding. */
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g2.geo, NULL), MSDK_OK);
    msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, 3u, g2.payload, 7u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    append_expect(&log, 0u, 0u);
    append_expect(&log, 1u, 1u);
    for (uint32_t i = 16u; i < 32u; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
    payload_of(0u, g2.payload, p);
    ck_assert_uint_eq(msdk_load_u32le(&mem[32]), 0u);
    ck_assert_mem_eq(&mem[44], p, g2.payload);
    ck_assert_uint_eq(msdk_load_u32le(&mem[57]), msdk_crc32(&mem[32], 25u));
    ck_assert_uint_eq(mem[61], 0xFFu);
    ck_assert_uint_eq(mem[63], 0xFFu);
    ck_assert_uint_eq(msdk_load_u32le(&mem[64]), 1u);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&cfg), 14u);

    /* G3: 56-byte slots programmed page by page: 3 calls for the slot at 16, 2 at 72. */
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g3.geo, NULL), MSDK_OK);
    cfg = make_cfg(&f.nvm, 0u, 3u, g3.payload, 7u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    append_expect(&log, 0u, 0u);
    ck_assert_uint_eq(f.stats.programs, 1u + 3u);
    append_expect(&log, 1u, 1u);
    ck_assert_uint_eq(f.stats.programs, 1u + 3u + 2u);
    payload_of(1u, g3.payload, p);
    ck_assert_uint_eq(msdk_load_u32le(&mem[72]), 1u);
    ck_assert_mem_eq(&mem[84], p, g3.payload);
    for (uint32_t a = 2u; a < 9u; a++) {
        append_expect(&log, a, a); /* slots 2, 3, then sectors 1 and 2 */
    }
    ck_assert_uint_eq(msdk_load_u32le(&mem[256u + 184u]), 7u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[512u + 16u]), 8u);
    for (uint32_t a = 0; a < 9u; a++) {
        read_expect(&log, a, a);
    }
    ck_assert_uint_eq(msdk_evlog_log_capacity(&cfg), 8u);
    ck_assert_uint_eq(f.stats.overprograms, 0u);
}
END_TEST

/* ---- Basic behaviour ------------------------------------------------------------------- */

START_TEST(log_blank_mounts_empty)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_record_t rec;
    uint32_t seq = 0u;
    msdk_evlog_log_config_t cfg;
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
    ck_assert(!msdk_evlog_log_append_ready(&log)); /* the first append must erase */
    ck_assert_int_eq(msdk_evlog_log_read(&log, 0u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, 0, &seq, NULL), MSDK_ERR_NOT_FOUND);
    /* Headers only: one read per sector. */
    ck_assert_uint_eq(f.stats.reads, 4u);
    ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&cfg), 21u);

    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
    ck_assert(msdk_evlog_log_append_ready(&log));
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
    ck_assert(msdk_evlog_log_append_ready(&log));
    append_expect(&log, 0u, 0u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 1u);
}
END_TEST

START_TEST(log_append_read_remount)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    for (uint32_t a = 0; a < 10u; a++) {
        append_expect(&log, a, a);
        ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
        ck_assert_uint_eq(msdk_evlog_log_last(&log), a);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), a + 1u);
    }
    for (uint32_t a = 0; a < 10u; a++) {
        read_expect(&log, a, a);
    }
    msdk_evlog_record_t rec;
    ck_assert_int_eq(msdk_evlog_log_read(&log, 10u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_read(&log, UINT32_MAX, &rec), MSDK_ERR_NOT_FOUND);

    f.stats.reads = 0u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    /* 4 headers + head sector 1 scanned back from slot 6 to slot 2 (5) + the last slot of
     * sector 0, the sector before the head (1: used, so not cleared) + oldest sector 0's
     * slot 0 (1). */
    ck_assert_uint_eq(f.stats.reads, 4u + 5u + 1u + 1u);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 9u);
    for (uint32_t a = 0; a < 10u; a++) {
        read_expect(&log, a, a);
    }
    append_expect(&log, 10u, 10u);
    read_expect(&log, 10u, 10u);
}
END_TEST

START_TEST(log_wraps_fifo)
{
    static uint8_t mem[MEM_MAX];
    uint32_t wear[8] = { 0 };
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_t again;
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, wear), MSDK_OK);
    msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, 4u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    const uint32_t capacity = 21u; /* 7 slots x (4 - 1) sectors */
    ck_assert_uint_eq(msdk_evlog_log_capacity(&cfg), capacity);
    /* Record a goes to sector sequence a / 7; writing sector sequence k >= 4 evicts k - 4:
     * first = (k - 3) x 7. Three and a half times round the ring. */
    for (uint32_t a = 0; a < 7u * 4u * 3u + 4u; a++) {
        append_expect(&log, a, a);
        uint32_t k = a / 7u;
        uint32_t first = (k >= 4u) ? (k - 3u) * 7u : 0u;
        ck_assert_uint_eq(msdk_evlog_log_first(&log), first);
        ck_assert_uint_eq(msdk_evlog_log_last(&log), a);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), a + 1u - first);
        ck_assert_uint_le(msdk_evlog_log_count(&log), capacity + 7u);
        if (a >= 7u * 4u) {
            ck_assert_uint_ge(msdk_evlog_log_count(&log), capacity + 1u);
        }
        if ((a % 5u) == 0u) {
            ck_assert_int_eq(msdk_evlog_log_mount(&again, &cfg), MSDK_OK);
            ck_assert_uint_eq(msdk_evlog_log_first(&again), first);
            ck_assert_uint_eq(msdk_evlog_log_last(&again), a);
        }
    }
    const uint32_t first = msdk_evlog_log_first(&log);
    const uint32_t last = msdk_evlog_log_last(&log);
    ck_assert_uint_eq(first, 63u); /* last = 87, k = 12: first = 9 x 7 */
    msdk_evlog_record_t rec;
    ck_assert_int_eq(msdk_evlog_log_read(&log, first - 1u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), first);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), last);
    for (uint32_t s = first; s <= last; s++) {
        read_expect(&log, s, s);
    }
    /* Sector sequences 0..12 went to sectors 0, 1, 2, 3, 0, ...: 4 + 3 + 3 + 3 erases, and
     * nothing outside the log's 4 sectors. */
    ck_assert_uint_eq(wear[0], 4u);
    ck_assert_uint_eq(wear[1], 3u);
    ck_assert_uint_eq(wear[2], 3u);
    ck_assert_uint_eq(wear[3], 3u);
    ck_assert_uint_eq(wear[4] + wear[5] + wear[6] + wear[7], 0u);
    for (uint32_t i = 4u * 256u; i < sizeof(mem); i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
}
END_TEST

START_TEST(log_prepare_makes_append_program_only)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 3u);
    uint32_t a = 0u;
    for (uint32_t round = 0; round < 4u; round++) {
        ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
        ck_assert_uint_eq(f.stats.erases, round + 1u);
        ck_assert(msdk_evlog_log_append_ready(&log));
        /* Already ready: nothing to do. */
        uint32_t programs = f.stats.programs;
        ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
        ck_assert_uint_eq(f.stats.programs, programs);
        ck_assert_uint_eq(f.stats.erases, round + 1u);
        for (uint32_t i = 0; i < 7u; i++, a++) {
            ck_assert(msdk_evlog_log_append_ready(&log));
            append_expect(&log, a, a);
            ck_assert_uint_eq(f.stats.programs, programs + i + 1u);
            ck_assert_uint_eq(f.stats.erases, round + 1u);
        }
        ck_assert(!msdk_evlog_log_append_ready(&log));
        /* The head is full; the eviction happens at prepare, not before. */
        ck_assert_uint_eq(msdk_evlog_log_first(&log), (round >= 3u) ? 7u : 0u);
    }
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 21u);
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 14u); /* the capacity */
    ck_assert_uint_eq(msdk_evlog_log_count(&log), msdk_evlog_log_capacity(&cfg));
    /* A remount finds the prepared head and needs no erase either. */
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert(msdk_evlog_log_append_ready(&log));
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 27u);
    append_expect(&log, 28u, 28u);
}
END_TEST

/* ---- Search by time on a 16,800-row log ---------------------------------------------------- */

/* Two records per timestamp: the search must find the first of equal ones. */
static int64_t big_time(uint32_t a)
{
    return 1000 + 10 * (int64_t)(a / 2u);
}

/* Reference: the first valid entry in [first, n) with time >= t, by a plain scan. */
static uint32_t big_expect(uint32_t first, uint32_t n, int64_t t, const uint32_t *gaps,
                           uint32_t ngaps)
{
    for (uint32_t a = first; a < n; a++) {
        bool gap = false;
        for (uint32_t g = 0; g < ngaps; g++) {
            gap = gap || (gaps[g] == a);
        }
        if (!gap && (big_time(a) >= t)) {
            return a;
        }
    }
    return n;
}

static uint32_t big_probe(const msdk_evlog_log_t *log, uint32_t first, uint32_t n,
                          const uint32_t *gaps, uint32_t ngaps)
{
    uint32_t max_reads = 0u;
    for (int64_t x = -3; x < (int64_t)(n / 2u) + 3; x += 37) {
        for (int64_t d = -1; d <= 5; d += 3) {
            int64_t t = 1000 + 10 * x + d;
            uint32_t seq = 0u;
            uint32_t reads = 0u;
            ck_assert_int_eq(msdk_evlog_log_find_time(log, t, &seq, &reads), MSDK_OK);
            ck_assert_msg(seq == big_expect(first, n, t, gaps, ngaps), "t %lld: got %u, want %u",
                          (long long)t, (unsigned)seq,
                          (unsigned)big_expect(first, n, t, gaps, ngaps));
            if (reads > max_reads) {
                max_reads = reads;
            }
        }
    }
    return max_reads;
}

START_TEST(log_find_time_full_log)
{
    static uint8_t mem[G4_SECTORS * 4096u];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g4, NULL), MSDK_OK);
    msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, G4_SECTORS, 16u, 0x4C50u);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&cfg), G4_SLOTS * (G4_SECTORS - 1u)); /* 16,891 */
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    /* 138 sector sequences: 0..137; the last 134 stay, first = 4 x 127 = 508. */
    const uint32_t n = 137u * G4_SLOTS + 119u; /* 17,518 */
    const uint32_t first = 4u * G4_SLOTS;
    uint8_t p[16];
    for (uint32_t a = 0; a < n; a++) {
        payload_of(a, 16u, p);
        uint32_t seq = 0u;
        ck_assert_int_eq(msdk_evlog_log_append(&log, big_time(a), p, &seq), MSDK_OK);
        ck_assert_uint_eq(seq, a);
    }
    ck_assert_uint_eq(msdk_evlog_log_first(&log), first);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), n - first); /* 17,010 */

    uint32_t max_reads = big_probe(&log, first, n, NULL, 0u);
    ck_assert_uint_le(max_reads, 40u);
    uint32_t seq = 0u;
    uint32_t reads = 99u;
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, INT64_MAX, &seq, &reads), MSDK_OK);
    ck_assert_uint_eq(seq, n);
    ck_assert_uint_eq(reads, 0u); /* newer than the newest record: known without a read */
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, INT64_MIN, &seq, NULL), MSDK_OK);
    ck_assert_uint_eq(seq, first);

    /* After a remount (the newest record's time comes from the head scan). */
    f.stats.reads = 0u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_le(f.stats.reads, G4_SECTORS + 2u * G4_SLOTS + 1u);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), first);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), n - 1u);
    uint32_t r2 = big_probe(&log, first, n, NULL, 0u);
    ck_assert_uint_le(r2, 40u);

    /* Gaps: destroy records 9000 and 9001 (both at time 46000) in place. Record 9000 is
     * slot 9000 - 70 x 127 = 110 of sector sequence 70 (sector 70): 110 - 7 = 103 = page
     * 1 + 12, slot 7 of it: offset 13 x 256 + 7 x 32 = 3552. */
    const uint32_t at = 70u * 4096u + 3552u;
    ck_assert_uint_eq(msdk_load_u32le(&mem[at]), 9000u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[at + 32u]), 9001u);
    mem[at + 20u] ^= 0x01u;       /* a payload bit of 9000 */
    mem[at + 32u + 30u] ^= 0xFFu; /* a CRC byte of 9001 */
    msdk_evlog_record_t rec;
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9000u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9001u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9002u, &rec), MSDK_OK);
    ck_assert(rec.time == 46010);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, 46000, &seq, &reads), MSDK_OK);
    ck_assert_uint_eq(seq, 9002u);
    const uint32_t gaps[2] = { 9000u, 9001u };
    uint32_t r3 = big_probe(&log, first, n, gaps, 2u);
    ck_assert_uint_le(r3, 40u);
    if (r2 > max_reads) {
        max_reads = r2;
    }
    printf("range_search_reads=%u (entries %u; with two gaps %u)\n", (unsigned)max_reads,
           (unsigned)(n - first), (unsigned)r3);
    fflush(stdout);
}
END_TEST

/* ---- Power cuts ------------------------------------------------------------------------------ */

#define PC_SECTORS     3u
#define PC_APPENDS_MAX 96u
#define PC_LOG_ID      0x00E1u

/* Entry seq holds the a-th record. */
static void pc_expect_entry(const msdk_evlog_log_t *log, uint32_t seq, uint32_t a, const char *what)
{
    msdk_evlog_record_t rec;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];
    payload_of(a, log->cfg.payload_len, p);
    msdk_err_t err = msdk_evlog_log_read(log, seq, &rec);
    pc_expect(err == MSDK_OK, what, "entry %u (append %u): %d", (unsigned)seq, (unsigned)a,
              (int)err);
    pc_expect((rec.seq == seq) && (rec.time == time_of(a)) &&
                  (memcmp(rec.payload, p, log->cfg.payload_len) == 0),
              what, "entry %u is not append %u", (unsigned)seq, (unsigned)a);
}

/* What the workload saw before the cut. Every append before the failing call returned OK
 * (acknowledged); the failing call, if any, is the last one made. */
typedef struct pc_model {
    uint32_t attempts; /* appends called */
    uint32_t acked;    /* of which acknowledged: attempts 0..acked-1 */
    uint32_t seq_of[PC_APPENDS_MAX];
    bool failed;           /* a call failed (the cut was noticed) */
    bool in_flight;        /* that call was an append: attempt attempts-1 may be there */
    bool may_evict;        /* that call had to reclaim (append_ready() was false before it) */
    uint32_t first_before; /* first() and count() before that call */
    uint32_t count_before;
} pc_model_t;

/* Mount, then appends with a prepare() after every third one and a remount half-way;
 * stops at the first failure. */
static void pc_workload(const msdk_nvm_t *nvm, const test_geo_t *tg, uint32_t appends,
                        pc_model_t *m)
{
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg = make_cfg(nvm, 0u, PC_SECTORS, tg->payload, PC_LOG_ID);
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];
    memset(m, 0, sizeof(*m));
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, "workload", "mount");
    for (uint32_t a = 0; a < appends; a++) {
        if (a == appends / 2u) {
            uint32_t first = msdk_evlog_log_first(&log);
            uint32_t last = msdk_evlog_log_last(&log);
            pc_expect((msdk_evlog_log_mount(&log, &cfg) == MSDK_OK) &&
                          (msdk_evlog_log_first(&log) == first) &&
                          (msdk_evlog_log_last(&log) == last),
                      "workload", "remount changed first/last");
        }
        m->first_before = msdk_evlog_log_first(&log);
        m->count_before = msdk_evlog_log_count(&log);
        bool ready = msdk_evlog_log_append_ready(&log);
        payload_of(a, tg->payload, p);
        uint32_t seq = 0u;
        m->attempts = a + 1u;
        if (msdk_evlog_log_append(&log, time_of(a), p, &seq) != MSDK_OK) {
            m->failed = true;
            m->in_flight = true;
            m->may_evict = !ready;
            return;
        }
        m->seq_of[a] = seq;
        m->acked = a + 1u;
        if ((a % 3u) == 2u) {
            m->first_before = msdk_evlog_log_first(&log);
            m->count_before = msdk_evlog_log_count(&log);
            ready = msdk_evlog_log_append_ready(&log);
            if (msdk_evlog_log_prepare(&log) != MSDK_OK) {
                m->failed = true;
                m->may_evict = !ready;
                return;
            }
        }
    }
}

/* find_time agrees with a plain scan of the visible entries (seqs/times, nvis of them). */
static void pc_check_find_time(const msdk_evlog_log_t *log, const uint32_t *seqs,
                               const int64_t *times, uint32_t nvis, const char *what)
{
    const uint32_t last = msdk_evlog_log_last(log);
    uint32_t seq = 0u;
    if (msdk_evlog_log_count(log) == 0u) {
        pc_expect(msdk_evlog_log_find_time(log, 0, &seq, NULL) == MSDK_ERR_NOT_FOUND, what,
                  "find_time on an empty log");
        return;
    }
    for (uint32_t i = 0; i <= nvis; i++) {
        int64_t base = (i < nvis) ? times[i] : INT64_MAX - 1;
        for (int64_t d = -1; d <= 1; d++) {
            int64_t t = base + d;
            uint32_t want = last + 1u;
            for (uint32_t j = 0; j < nvis; j++) {
                if (times[j] >= t) {
                    want = seqs[j];
                    break;
                }
            }
            msdk_err_t err = msdk_evlog_log_find_time(log, t, &seq, NULL);
            pc_expect((err == MSDK_OK) && (seq == want), what, "find_time(%lld) = %d, %u; want %u",
                      (long long)t, (int)err, (unsigned)seq, (unsigned)want);
        }
    }
}

/* The invariants after a reboot over @p nvm (injector disarmed; @p f's counters zeroed). */
static void pc_check(const msdk_nvm_t *nvm, const msdk_fake_nvm_t *f, const test_geo_t *tg,
                     const pc_model_t *m, const char *what)
{
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg = make_cfg(nvm, 0u, PC_SECTORS, tg->payload, PC_LOG_ID);
    const uint32_t capacity = tg->slots * (PC_SECTORS - 1u);
    msdk_evlog_record_t rec;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];

    /* I7: mount succeeds with headers + two sectors' slots of reads, and writes nothing. */
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "mount");
    pc_expect(f->stats.reads <= PC_SECTORS + 2u * tg->slots + 1u, what, "mount took %u reads",
              (unsigned)f->stats.reads);
    pc_expect(f->stats.programs + f->stats.erases == 0u, what, "mount wrote");

    /* Acknowledged appends got 0, 1, 2, ... (a blank log; no gap before the cut). */
    for (uint32_t a = 0; a < m->acked; a++) {
        pc_expect(m->seq_of[a] == a, what, "append %u got %u", (unsigned)a, (unsigned)m->seq_of[a]);
    }
    const uint32_t last_acked = m->acked - 1u; /* UINT32_MAX when none */
    const uint32_t first = msdk_evlog_log_first(&log);
    const uint32_t last = msdk_evlog_log_last(&log);
    const uint32_t count = msdk_evlog_log_count(&log);
    pc_expect((count == last - first + 1u) && (count <= capacity + tg->slots), what,
              "count %u, first %u, last %u", (unsigned)count, (unsigned)first, (unsigned)last);
    pc_expect((last == last_acked) || (m->in_flight && (last == last_acked + 1u)), what,
              "last %u, last acknowledged %u", (unsigned)last, (unsigned)last_acked);
    if (m->count_before > 0u) {
        /* FIFO only: first moves by a whole sector, and only when the call could reclaim. */
        pc_expect((first == m->first_before) ||
                      (m->may_evict && (first == m->first_before + tg->slots)),
                  what, "first %u, before the cut %u", (unsigned)first, (unsigned)m->first_before);
    }

    /* I2/I3: every acknowledged entry not evicted is there; when the interrupted call could
     * reclaim, the newest `capacity` entries at least. */
    int64_t keep_from = m->first_before;
    if (m->may_evict && ((int64_t)last_acked + 1 - (int64_t)capacity > keep_from)) {
        keep_from = (int64_t)last_acked + 1 - (int64_t)capacity;
    }
    for (uint32_t a = 0; a < m->acked; a++) {
        if ((int64_t)a >= keep_from) {
            pc_expect_entry(&log, a, a, what);
        }
    }

    /* Everything visible is one of ours, in order, with no duplicate; the only possible gap
     * is the interrupted append's slot. */
    int64_t times[PC_APPENDS_MAX];
    uint32_t seqs[PC_APPENDS_MAX];
    uint32_t nvis = 0u;
    int64_t prev_a = -1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t s = first + i;
        msdk_err_t err = msdk_evlog_log_read(&log, s, &rec);
        if (err == MSDK_ERR_NOT_FOUND) {
            pc_expect(m->in_flight && (s == last_acked + 1u), what, "gap at %u", (unsigned)s);
            continue;
        }
        pc_expect(err == MSDK_OK, what, "read %u: %d", (unsigned)s, (int)err);
        uint32_t a = msdk_load_u32le(rec.payload);
        pc_expect((a < m->attempts) && ((int64_t)a > prev_a), what,
                  "entry %u holds append %u (attempts %u, previous %lld)", (unsigned)s, (unsigned)a,
                  (unsigned)m->attempts, (long long)prev_a);
        prev_a = a;
        payload_of(a, tg->payload, p);
        pc_expect((memcmp(rec.payload, p, tg->payload) == 0) && (rec.time == time_of(a)), what,
                  "entry %u: payload or time", (unsigned)s);
        /* An unacknowledged entry can only be the interrupted append, landed whole. */
        pc_expect((a < m->acked)
                      ? (m->seq_of[a] == s)
                      : (m->in_flight && (a == m->attempts - 1u) && (s == last_acked + 1u)),
                  what, "entry %u: append %u in the wrong place", (unsigned)s, (unsigned)a);
        times[nvis] = rec.time;
        seqs[nvis] = s;
        nvis++;
    }
    pc_check_find_time(&log, seqs, times, nvis, what);

    /* Appending works again, past a sector boundary, and survives a remount. */
    const uint32_t more = tg->slots + 1u;
    for (uint32_t j = 0; j < more; j++) {
        uint32_t seq = 0u;
        payload_of(1000u + j, tg->payload, p);
        msdk_err_t err = msdk_evlog_log_append(&log, time_of(1000u + j), p, &seq);
        pc_expect((err == MSDK_OK) && (seq == last + 1u + j), what,
                  "append after reboot: %d, seq %u, want %u", (int)err, (unsigned)seq,
                  (unsigned)(last + 1u + j));
        pc_expect_entry(&log, last + 1u + j, 1000u + j, what);
    }
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "second mount");
    pc_expect(msdk_evlog_log_last(&log) == last + more, what, "last after the second mount");
    for (uint32_t j = 0; j < more; j++) {
        pc_expect_entry(&log, last + 1u + j, 1000u + j, what);
    }
}

/* Runs the workload once per cut point, cut mode and after-cut behaviour. */
/* What the sweep's workload and check (pc_sweep()) work on. */
typedef struct pc_ctx {
    msdk_fake_nvm_cut_t *cut;
    msdk_fake_nvm_t *f;
    const test_geo_t *tg;
    uint32_t appends;
    pc_model_t *m;
} pc_ctx_t;

static void pc_sweep_workload(void *ctx, const char *what)
{
    (void)what;
    const pc_ctx_t *c = (const pc_ctx_t *)ctx;
    pc_workload(&c->cut->nvm, c->tg, c->appends, c->m);
}

static void pc_sweep_check(void *ctx, const char *what)
{
    const pc_ctx_t *c = (const pc_ctx_t *)ctx;
    pc_check(&c->cut->nvm, c->f, c->tg, c->m, what);
}

static uint32_t pc_run(const test_geo_t *tg, uint32_t appends)
{
    static uint8_t mem[MEM_MAX];
    static uint8_t scratch[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    pc_model_t m;

    /* Learn the number of program/erase calls without a cut. */
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &tg->geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    pc_workload(&cut.nvm, tg, appends, &m);
    ck_assert(!m.failed);
    ck_assert_uint_eq(m.acked, appends);
    const uint32_t ops = msdk_fake_nvm_cut_op_count(&cut);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &tg->geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    pc_check(&cut.nvm, &f, tg, &m, "no cut");

    char label[48];
    (void)snprintf(label, sizeof(label), "page %u align %u", (unsigned)tg->geo.page_size,
                   (unsigned)tg->geo.prog_align);
    pc_ctx_t ctx = { &cut, &f, tg, appends, &m };
    const pc_rig_t rig = { &f,
                           &cut,
                           mem,
                           sizeof(mem),
                           NULL,
                           &tg->geo,
                           scratch,
                           sizeof(scratch),
                           0x5EED0000u,
                           pc_sweep_workload,
                           pc_sweep_check,
                           &ctx,
                           label };
    return pc_sweep(&rig, ops);
}

START_TEST(log_power_cut_every_point)
{
    /* Three sectors, three times round the ring and a bit: appends cross every sector
     * boundary, reclaims evict, prepare() reclaims ahead. */
    uint32_t runs = 0u;
    runs += pc_run(&g1, 9u * g1.slots + 4u);
    runs += pc_run(&g2, 9u * g2.slots + 4u);
    runs += pc_run(&g3, 9u * g3.slots + 3u);
    printf("power-cut points exercised: %u\n", (unsigned)runs);
    fflush(stdout);
    ck_assert_uint_ge(runs, 3000u);
}
END_TEST

/* ---- Damaged and foreign images ------------------------------------------------------------ */

START_TEST(log_bad_images_mount)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    for (uint32_t img = 0; img < 6u; img++) {
        uint32_t prng = 0xC0FFEEu + img;
        for (uint32_t i = 0; i < sizeof(mem); i++) {
            mem[i] = (uint8_t)(msdk_fake_prng_next(&prng) >> 24);
        }
        uint32_t first_seq = 0u;
        switch (img) {
        case 0: break; /* random bytes */
        case 1: memset(mem, 0x00, sizeof(mem)); break;
        case 2: memset(mem, 0xFF, sizeof(mem)); break;
        case 3: /* every sector a valid sector of log 2 */
            for (uint32_t s = 0; s < 4u; s++) {
                put_header(&mem[s * 256u], 2u, 1u, s);
            }
            break;
        case 4: /* log 1, but format version 2 */
            memset(mem, 0xFF, sizeof(mem));
            put_header(&mem[0], 1u, 2u, 0u);
            break;
        default: /* sector 1: a valid header of log 1 (sector sequence 5) over garbage; the
                  * next sector is sequence 6: its slot 0 is entry 6 x 7 = 42. */
            put_header(&mem[256], 1u, 1u, 5u);
            memset(&mem[512], 0x00, 256u);
            first_seq = 42u;
            break;
        }
        ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
        msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, 4u, 16u, 1u);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
        ck_assert_uint_le(f.stats.reads, 4u + 2u * 7u + 1u);
        for (uint32_t a = 0; a < 10u; a++) {
            append_expect(&log, a, first_seq + a);
        }
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_log_first(&log), first_seq);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), 10u);
        for (uint32_t a = 0; a < 10u; a++) {
            read_expect(&log, first_seq + a, a);
        }
        for (uint32_t i = 4u * 256u; img == 2u && i < sizeof(mem); i++) {
            ck_assert_uint_eq(mem[i], 0xFFu); /* outside the log: untouched */
        }
    }
}
END_TEST

START_TEST(log_garbage_records_are_gaps)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_record_t rec;
    msdk_evlog_log_config_t cfg;
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    for (uint32_t a = 0; a < 12u; a++) {
        append_expect(&log, a, a);
    }
    /* Entry 3 (sector 0, slot 3 at 128) and entry 8 (sector 1, slot 1 at 64) damaged; a
     * torn record (half of its bytes) in sector 1, slot 5 at 192: entry 12. */
    mem[128u + 30u] ^= 0x40u;
    memset(&mem[256u + 64u + 4u], 0x00, 8u);
    uint8_t p[16];
    payload_of(12u, 16u, p);
    memset(&mem[256u + 192u], 0x00, 4u);
    mem[256u + 192u] = 12u;
    memcpy(&mem[256u + 192u + 12u], p, 4u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 12u); /* the torn slot is used: a gap */
    for (uint32_t a = 0; a <= 12u; a++) {
        if ((a == 3u) || (a == 8u) || (a == 12u)) {
            ck_assert_int_eq(msdk_evlog_log_read(&log, a, &rec), MSDK_ERR_NOT_FOUND);
        } else {
            read_expect(&log, a, a);
        }
    }
    uint32_t seq = 0u;
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, time_of(3u), &seq, NULL), MSDK_OK);
    ck_assert_uint_eq(seq, 4u);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, time_of(11u) + 1, &seq, NULL), MSDK_OK);
    ck_assert_uint_eq(seq, 13u);
    /* The torn slot is never programmed again: entry 13 goes to the next slot. */
    append_expect(&log, 13u, 13u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[256u + 224u]), 13u);
    read_expect(&log, 13u, 13u);
    ck_assert_uint_eq(f.stats.overprograms, 0u);

    /* The oldest sector all garbage: first becomes the next sector's first entry, 7. */
    for (uint32_t i = 16u; i < 256u; i++) {
        mem[i] = (uint8_t)(i * 5u);
    }
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 7u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 13u);
    read_expect(&log, 7u, 7u);
}
END_TEST

START_TEST(log_record_out_of_place_is_a_gap)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_record_t rec;
    msdk_evlog_log_config_t cfg;
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    for (uint32_t a = 0; a < 9u; a++) {
        append_expect(&log, a, a);
    }
    /* A copy of entry 0 (CRC intact) where entry 10 belongs: sector 1, slot 3 at 128. */
    memcpy(&mem[256u + 128u], &mem[16], 32u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 10u);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 10u, &rec), MSDK_ERR_NOT_FOUND);
    read_expect(&log, 0u, 0u);
    read_expect(&log, 8u, 8u);
    append_expect(&log, 11u, 11u);
}
END_TEST

START_TEST(log_foreign_sectors_are_not_adopted)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t a_log;
    msdk_evlog_log_t b_log;
    blank_chip(mem, sizeof(mem), &f);
    /* Two logs side by side in one region: A in sectors 0..2, B in 3..6 (payload 8). */
    msdk_evlog_log_config_t ca = make_cfg(&f.nvm, 0u, 3u, 16u, 1u);
    msdk_evlog_log_config_t cb = make_cfg(&f.nvm, 3u * 256u, 4u, 8u, 2u);
    ck_assert_int_eq(msdk_evlog_log_mount(&a_log, &ca), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&b_log, &cb), MSDK_OK);
    for (uint32_t a = 0; a < 40u; a++) {
        append_expect(&a_log, a, a);
        append_expect(&b_log, 500u + a, a);
    }
    ck_assert_int_eq(msdk_evlog_log_mount(&a_log, &ca), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&b_log, &cb), MSDK_OK);
    /* A: 7 slots, sector sequences 0..5, keeps 3 (first 21); B (payload 8: slot 24, page 0
     * has 2 slots, pages 1..3 two each: 8 slots): 0..4, keeps 4 (first 8). */
    ck_assert_uint_eq(msdk_evlog_log_first(&a_log), 21u);
    ck_assert_uint_eq(msdk_evlog_log_first(&b_log), 8u);
    for (uint32_t a = 21u; a < 40u; a++) {
        read_expect(&a_log, a, a);
    }
    for (uint32_t a = 8u; a < 40u; a++) {
        read_expect(&b_log, a, 500u + a);
    }
    ck_assert_uint_eq(mem[7u * 256u], 0xFFu);

    /* A log mounted over B's sectors with A's id sees none of them. */
    msdk_evlog_log_config_t over = make_cfg(&f.nvm, 3u * 256u, 4u, 8u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&a_log, &over), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_count(&a_log), 0u);
    /* Nor with B's id and another payload length: no record checks. */
    over = make_cfg(&f.nvm, 3u * 256u, 4u, 9u, 2u);
    ck_assert_int_eq(msdk_evlog_log_mount(&a_log, &over), MSDK_OK);
    msdk_evlog_record_t rec;
    for (uint32_t s = msdk_evlog_log_first(&a_log); s != msdk_evlog_log_last(&a_log) + 1u; s++) {
        ck_assert_int_eq(msdk_evlog_log_read(&a_log, s, &rec), MSDK_ERR_NOT_FOUND);
    }
}
END_TEST

/* ---- Arguments and errors -------------------------------------------------------------------- */

START_TEST(log_rejects_bad_arguments)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_t untouched;
    msdk_evlog_record_t rec;
    uint32_t seq = 0u;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX] = { 0 };
    blank_chip(mem, sizeof(mem), &f);
    const msdk_evlog_log_config_t good = make_cfg(&f.nvm, 256u, 4u, 16u, 1u);

    memset(&log, 0xA5, sizeof(log));
    memcpy(&untouched, &log, sizeof(log));
    ck_assert_int_eq(msdk_evlog_log_mount(NULL, &good), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, NULL), MSDK_ERR_INVALID_ARG);
    msdk_evlog_log_config_t c = good;
    c.nvm = NULL;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    const uint32_t bad_sectors[] = { 0u, 1u, 8u };
    for (uint32_t i = 0; i < 3u; i++) {
        c = good;
        c.sectors = bad_sectors[i]; /* 8 from sector 1 runs past the region */
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
        ck_assert_uint_eq(msdk_evlog_log_capacity(&c), 0u);
    }
    const uint32_t bad_bases[] = { 1u, 128u, 5u * 256u, 8u * 256u, UINT32_MAX - 255u };
    for (uint32_t i = 0; i < 5u; i++) {
        c = good;
        c.base = bad_bases[i];
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
        ck_assert_uint_eq(msdk_evlog_log_capacity(&c), 0u);
    }
    c = good;
    c.payload_len = 0u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    c.payload_len = MSDK_EVLOG_PAYLOAD_MAX + 1u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&c), 0u);
    ck_assert_uint_eq(msdk_evlog_log_capacity(NULL), 0u);
    ck_assert_mem_eq(&log, &untouched, sizeof(log));

    /* Geometry: a bad one; a sector too small for header + one record (32 bytes: 16 + 32);
     * the largest record in a 256-byte page (one slot per 512-byte sector, after the
     * 256-byte header area that prog_align 256 makes). */
    msdk_fake_nvm_t small;
    msdk_nvm_geometry_t sg = { 256u, 32u, 32u, 1u };
    ck_assert_int_eq(msdk_fake_nvm_init(&small, mem, &sg, NULL), MSDK_OK);
    c = make_cfg(&small.nvm, 0u, 2u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&c), 0u);
    c.payload_len = 1u; /* 16 + 17 > 32 still */
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    small.nvm.geo.sector_size = 48u;
    c = make_cfg(&small.nvm, 0u, 2u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_ERR_INVALID_ARG);
    msdk_nvm_geometry_t wide = { 2048u, 512u, 256u, 256u };
    ck_assert_int_eq(msdk_fake_nvm_init(&small, mem, &wide, NULL), MSDK_OK);
    memset(mem, 0xFF, sizeof(mem));
    c = make_cfg(&small.nvm, 0u, 4u, MSDK_EVLOG_PAYLOAD_MAX, 1u);
    ck_assert_uint_eq(msdk_evlog_log_capacity(&c), 3u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_OK);
    for (uint32_t a = 0; a < 5u; a++) {
        payload_of(a, MSDK_EVLOG_PAYLOAD_MAX, p);
        ck_assert_int_eq(msdk_evlog_log_append(&log, time_of(a), p, &seq), MSDK_OK);
        ck_assert_uint_eq(seq, a);
    }
    ck_assert_uint_eq(small.stats.programs, 10u); /* 5 x (header + record): one page each */
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &c), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 1u);
    for (uint32_t a = 1u; a < 5u; a++) {
        read_expect(&log, a, a);
    }

    /* Calls on a mounted log. */
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &good), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_append(NULL, 0, p, &seq), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0, NULL, &seq), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0, p, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_read(NULL, 0u, &rec), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_find_time(NULL, 0, &seq, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, 0, NULL, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_log_prepare(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert(!msdk_evlog_log_append_ready(NULL));
    ck_assert_uint_eq(msdk_evlog_log_count(NULL), 0u);

    /* Calls on a log never mounted. */
    memset(&log, 0, sizeof(log));
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0, p, &seq), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 0u, &rec), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, 0, &seq, NULL), MSDK_ERR_STATE);
    ck_assert(!msdk_evlog_log_append_ready(&log));
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
}
END_TEST

START_TEST(log_region_errors_unmount)
{
    static uint8_t mem[MEM_MAX];
    static uint8_t scratch[128];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    msdk_evlog_log_t log;
    msdk_evlog_record_t rec;
    uint8_t p[16] = { 0 };
    blank_chip(mem, sizeof(mem), &f);
    /* The 4th program/erase fails (erase, header, record 0, record 1). */
    msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                      .cut_after = 3u,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_EIO,
                                      .scratch = scratch,
                                      .scratch_size = sizeof(scratch) };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    msdk_evlog_log_config_t cfg = make_cfg(&cut.nvm, 0u, 3u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 1, p, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 2, p, NULL), MSDK_ERR_IO);
    /* Unmounted until the next mount. */
    ck_assert_int_eq(msdk_evlog_log_append(&log, 3, p, NULL), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 0u, &rec), MSDK_ERR_STATE);
    ck_assert(!msdk_evlog_log_append_ready(&log));
    /* Reads fail too now: mount reports it. */
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 3, p, NULL), MSDK_ERR_STATE);

    /* A program that reports success but does not stick (the dropped-write mode): the
     * read-back catches it. */
    memset(mem, 0xFF, sizeof(mem));
    cc.after = MSDK_FAKE_NVM_AFTER_CUT_DROP;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 1, p, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 2, p, NULL), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 1u);
    /* The header of a reclaim that did not stick: the same. */
    cc.cut_after = 0u;
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_evlog_log_append(&log, 1, p, NULL), MSDK_ERR_STATE);
}
END_TEST

/* ---- Clearing ------------------------------------------------------------------------------ */

/* A chip of geometry g1 (wear counters when wear is not NULL) over blank memory, and a log of
 * `sectors` sectors from 0 (payload 16, id 1) holding appends 0..n-1 (entry a is append a). */
static void log_with(uint8_t *mem, size_t size, msdk_fake_nvm_t *f, uint32_t *wear,
                     msdk_evlog_log_t *log, msdk_evlog_log_config_t *cfg, uint32_t sectors,
                     uint32_t n)
{
    memset(mem, 0xFF, size);
    ck_assert_int_eq(msdk_fake_nvm_init(f, mem, &g1.geo, wear), MSDK_OK);
    *cfg = make_cfg(&f->nvm, 0u, sectors, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(log, cfg), MSDK_OK);
    for (uint32_t a = 0; a < n; a++) {
        append_expect(log, a, a);
    }
}

static void expect_blank(const uint8_t *mem, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        ck_assert_msg(mem[i] == 0xFFu, "byte %u is 0x%02x", (unsigned)i, (unsigned)mem[i]);
    }
}

/* An empty log: no entry, no time to find. */
static void expect_empty(const msdk_evlog_log_t *log, uint32_t next)
{
    uint32_t seq = 0u;
    ck_assert_uint_eq(msdk_evlog_log_count(log), 0u);
    ck_assert_uint_eq(msdk_evlog_log_first(log), next);
    ck_assert_uint_eq(msdk_evlog_log_last(log), next - 1u);
    ck_assert_int_eq(msdk_evlog_log_find_time(log, INT64_MIN, &seq, NULL), MSDK_ERR_NOT_FOUND);
}

START_TEST(log_clear_by_hand)
{
    static uint8_t mem[MEM_MAX];
    uint32_t wear[8] = { 0 };
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    msdk_evlog_record_t rec;
    uint8_t hdr[16];

    /* Ten appends into 4 sectors: sector 0 (sector sequence 0) holds 0..6, sector 1 (1) holds
     * 7..9 and has slots 3..6 free. */
    log_with(mem, sizeof(mem), &f, wear, &log, &cfg, 4u, 10u);
    ck_assert_uint_eq(wear[0] + wear[1], 2u);
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    /* A fresh head: sector 2 with sector sequence 2 (erase, one header program); sector 3 is
     * blank and stays so; then sectors 0 and 1 erased. 3 erases, 1 program. */
    ck_assert_uint_eq(f.stats.erases, 3u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    ck_assert_uint_eq(wear[0], 2u);
    ck_assert_uint_eq(wear[1], 2u);
    ck_assert_uint_eq(wear[2], 1u);
    ck_assert_uint_eq(wear[3], 0u);
    put_header(hdr, 1u, 1u, 2u);
    ck_assert_mem_eq(&mem[512], hdr, 16u);
    expect_blank(mem, 0u, 512u);
    expect_blank(mem, 512u + 16u, sizeof(mem));
    /* Empty; the next entry is the first of sector sequence 2: 2 x 7 = 14. */
    expect_empty(&log, 14u);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert(msdk_evlog_log_append_ready(&log));
    append_expect(&log, 100u, 14u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[512u + 16u]), 14u);
    read_expect(&log, 14u, 100u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
    read_expect(&log, 14u, 100u);

    /* Again, with one entry: sector 3 (sequence 3) becomes the head and sector 2 is erased;
     * sectors 0 and 1 are blank: not erased. The next entry is 21. */
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 2u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    ck_assert_uint_eq(wear[2], 2u);
    ck_assert_uint_eq(wear[3], 1u);
    expect_empty(&log, 21u);
    /* Empty with nothing but its head: nothing to do, before and after a remount. */
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    expect_empty(&log, 21u);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 2u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    append_expect(&log, 101u, 21u);
    ck_assert_int_eq(msdk_evlog_log_find_time(&log, INT64_MIN, &rec.seq, NULL), MSDK_OK);
    ck_assert_uint_eq(rec.seq, 21u);

    /* A log never written: nothing to do, the first entry stays 0. */
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);
    append_expect(&log, 0u, 0u);

    /* A full ring: 59 appends make sector sequences 0..8, sequence k in sector k mod 4; the
     * ring holds 5..8 (sectors 1, 2, 3, 0), first 5 x 7 = 35, the head (sector 0) holds
     * 56..58. Clear: sector 1 gets sequence 9 (evicting 35..41), then sectors 2, 3 and 0
     * are erased: 4 erases (the number of sectors), 1 program; the next entry is 63. */
    memset(wear, 0, sizeof(wear));
    log_with(mem, sizeof(mem), &f, wear, &log, &cfg, 4u, 59u);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 35u);
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 4u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    put_header(hdr, 1u, 1u, 9u);
    ck_assert_mem_eq(&mem[256], hdr, 16u);
    expect_blank(mem, 0u, 256u);
    expect_blank(mem, 256u + 16u, sizeof(mem));
    expect_empty(&log, 63u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    expect_empty(&log, 63u);
    append_expect(&log, 102u, 63u);
}
END_TEST

START_TEST(log_clear_order_and_errors)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    msdk_evlog_record_t rec;

    ck_assert_int_eq(msdk_evlog_log_clear(NULL), MSDK_ERR_INVALID_ARG);
    memset(&log, 0, sizeof(log));
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_STATE);
    ck_assert_uint_eq(msdk_evlog_log_damage(NULL), 0u);

    /* The full ring of log_clear_by_hand (sequences 5..8 in sectors 1, 2, 3, 0). Operations:
     * 0 erase sector 1, 1 its header (sequence 9), 2 erase sector 2 (sequence 6), 3 erase
     * sector 3 (7), 4 erase sector 0 (8). The power fails at 3: sequences 7, 8 and 9
     * remain; sector 0 (8, holding 56..58) is before the head and its last slot is free: the
     * log was cleared, empty from 9 x 7 = 63, the erases of sectors 3 and 0 pending. */
    log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 4u, 59u);
    const msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                            .cut_after = 3u,
                                            .mode = MSDK_FAKE_NVM_CUT_CLEAN,
                                            .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    const msdk_evlog_log_config_t ccfg = make_cfg(&cut.nvm, 0u, 4u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_IO);
    uint8_t p[16] = { 0 };
    ck_assert_int_eq(msdk_evlog_log_append(&log, 0, p, NULL), MSDK_ERR_STATE); /* unmounted */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    expect_empty(&log, 63u);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
    ck_assert(!msdk_evlog_log_append_ready(&log)); /* erases pending */
    for (uint32_t s = 49u; s <= 58u; s++) {
        ck_assert_int_eq(msdk_evlog_log_read(&log, s, &rec), MSDK_ERR_NOT_FOUND);
    }
    /* Clear again finishes it: sectors 3 and 0 erased (sector 2 is blank: not erased), no
     * new head; the head stays sector 1 (sequence 9). */
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 2u);
    ck_assert_uint_eq(f.stats.programs, 0u);
    ck_assert(msdk_evlog_log_append_ready(&log));
    expect_empty(&log, 63u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    expect_empty(&log, 63u);
    expect_blank(mem, 0u, 256u);
    expect_blank(mem, 256u + 16u, sizeof(mem));
    append_expect(&log, 7u, 63u);

    /* An erase that does not take (the dropped-write mode) is seen: ten entries, operation
     * 2 is the erase of sector 0, whose header then does not read back blank. */
    log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 4u, 10u);
    msdk_fake_nvm_cut_config_t drop = cc;
    drop.cut_after = 2u;
    drop.after = MSDK_FAKE_NVM_AFTER_CUT_DROP;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &drop), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_IO);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_STATE);
    /* The old sectors and the new head (sector 2, sequence 2) remain; sector 1 (7..9, its
     * last slot free) is before the head: cleared, empty from 2 x 7 = 14. */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    expect_empty(&log, 14u);
    for (uint32_t s = 0; s <= 9u; s++) {
        ck_assert_int_eq(msdk_evlog_log_read(&log, s, &rec), MSDK_ERR_NOT_FOUND);
    }
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    expect_empty(&log, 14u);
    expect_blank(mem, 0u, 512u);

    /* A usable sector outside the run (sector 4 of a 6-sector log, sector sequence 9, a
     * damaged image) is erased by a clear before the run: reclaim sector 2 (1 erase), sector
     * 3 blank, sector 4 (1), sector 5 blank, then sectors 0 and 1 (2). */
    log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 6u, 10u);
    put_header(&mem[4u * 256u], 1u, 1u, 9u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 1u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 10u);
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 4u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    expect_blank(mem, 4u * 256u, 5u * 256u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    expect_empty(&log, 14u);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
}
END_TEST

/* A clear cut after its new head's header: the mount sees the empty log (the old head, not
 * full, is before the head), with the erases pending; they are not program-only; the next
 * prepare or append does them, oldest first. And a full old head: a second reclaim, so that
 * every cut leaves the whole old log or the empty one. */
START_TEST(log_clear_takes_effect_at_its_header)
{
    static uint8_t mem[MEM_MAX];
    static uint8_t image[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    msdk_evlog_record_t rec;
    uint8_t hdr[16];
    uint32_t seq = 0u;

    /* Ten appends into 4 sectors: sector 0 (sequence 0) holds 0..6, sector 1 (1) holds 7..9
     * in slots 0..2. Clear operations: 0 erase sector 2, 1 its header (sequence 2), 2 erase
     * sector 0, 3 erase sector 1. The power fails at 2 (nothing of it done). */
    log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 4u, 10u);
    msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                      .cut_after = 2u,
                                      .mode = MSDK_FAKE_NVM_CUT_CLEAN,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    const msdk_evlog_log_config_t ccfg = make_cfg(&cut.nvm, 0u, 4u, 16u, 1u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_IO);
    put_header(hdr, 1u, 1u, 2u);
    ck_assert_mem_eq(&mem[512], hdr, 16u);
    memcpy(image, mem, sizeof(mem));
    /* The reboot: 4 headers, head sector 2 scanned back from slot 6 to slot 0 (7, all
     * free), sector 1's last slot (1: free, so cleared; the oldest sector is not scanned):
     * 12 reads. Empty from 2 x 7 = 14, the old entries gone, no damage. */
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_uint_eq(f.stats.reads, 12u);
    ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);
    expect_empty(&log, 14u);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 9u, &rec), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 13u, &rec), MSDK_ERR_NOT_FOUND);
    /* The erases are pending: not program-only (the power-fail path must not append). */
    ck_assert(!msdk_evlog_log_append_ready(&log));
    /* prepare() does them, sector 0 first: a cut at its second erase (sector 1) leaves
     * sector 0 erased and the same empty log. */
    cc.cut_after = 1u;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_ERR_IO);
    ck_assert(!msdk_evlog_log_append_ready(&log));
    expect_blank(mem, 0u, 256u);
    ck_assert_uint_eq(msdk_load_u32le(&mem[256u + 16u]), 7u); /* sector 1 untouched */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    expect_empty(&log, 14u);
    ck_assert(!msdk_evlog_log_append_ready(&log));
    /* Then the rest (sector 1: one erase, no program) and the log is ready. */
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 1u);
    ck_assert_uint_eq(f.stats.programs, 0u);
    ck_assert(msdk_evlog_log_append_ready(&log));
    expect_blank(mem, 0u, 512u);
    ck_assert_mem_eq(&mem[512], hdr, 16u);
    expect_blank(mem, 512u + 16u, sizeof(mem));
    append_expect(&log, 100u, 14u);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 1u);
    read_expect(&log, 14u, 100u);

    /* From the same image, an append: it erases sectors 0 and 1 first, then programs. */
    memcpy(mem, image, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    append_expect(&log, 101u, 14u);
    ck_assert_uint_eq(f.stats.erases, 2u);
    ck_assert_uint_eq(f.stats.programs, 1u);
    expect_blank(mem, 0u, 512u);
    ck_assert(msdk_evlog_log_append_ready(&log));
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &ccfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 14u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 1u);
    read_expect(&log, 14u, 101u);

    /* A full old head: 14 appends into 6 sectors, sector 0 holds 0..6, sector 1 7..13.
     * Clear: 0 erase sector 2, 1 its header (sequence 2), 2 erase sector 3, 3 its header
     * (3): sector 2 stays empty, before the head; 4, 5, 6 erase sectors 0, 1, 2. Uncut: 5
     * erases, 2 programs, sector 3 the head, empty from 3 x 7 = 21. */
    log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 6u, 14u);
    memcpy(image, mem, sizeof(mem));
    f.stats.erases = 0u;
    f.stats.programs = 0u;
    ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_OK);
    ck_assert_uint_eq(f.stats.erases, 5u);
    ck_assert_uint_eq(f.stats.programs, 2u);
    put_header(hdr, 1u, 1u, 3u);
    expect_blank(mem, 0u, 768u);
    ck_assert_mem_eq(&mem[768], hdr, 16u);
    expect_blank(mem, 768u + 16u, sizeof(mem));
    expect_empty(&log, 21u);
    ck_assert(msdk_evlog_log_append_ready(&log));
    /* Cut at every operation: up to the second header (k <= 3) the whole old log, 0..13, a
     * remount that writes nothing; after it the empty log from 21, its erases pending. */
    for (uint32_t k = 0; k < 7u; k++) {
        memcpy(mem, image, sizeof(mem));
        ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
        cc.cut_after = k;
        ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cc), MSDK_OK);
        const msdk_evlog_log_config_t c6 = make_cfg(&cut.nvm, 0u, 6u, 16u, 1u);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &c6), MSDK_OK);
        ck_assert_int_eq(msdk_evlog_log_clear(&log), MSDK_ERR_IO);
        ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &c6), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
        if (k <= 3u) {
            ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
            ck_assert_uint_eq(msdk_evlog_log_count(&log), 14u);
            for (uint32_t a = 0; a < 14u; a++) {
                read_expect(&log, a, a);
            }
            ck_assert_int_eq(msdk_evlog_log_find_time(&log, time_of(13u), &seq, NULL), MSDK_OK);
            ck_assert_uint_eq(seq, 13u);
        } else {
            expect_empty(&log, 21u);
            ck_assert(!msdk_evlog_log_append_ready(&log));
        }
        /* Either way the next append gets a number after the old ones and the clear's
         * state: 14 in the new sector 2 (k <= 1: not yet the head; k = 2, 3: the empty
         * head), or 21. */
        append_expect(&log, 200u, (k <= 3u) ? 14u : 21u);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &c6), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), (k <= 3u) ? 15u : 1u);
        ck_assert(msdk_evlog_log_append_ready(&log));
    }
}
END_TEST

/* The power-cut sweep of a clear: what the workload and the check work on. */
typedef struct clear_ctx {
    msdk_fake_nvm_t *f;
    msdk_fake_nvm_cut_t *cut;
    const test_geo_t *tg;
    uint32_t sectors;
    uint32_t old_first; /* the image: entries old_first..old_last, entry a holds append a */
    uint32_t old_last;
    uint32_t evictions; /* old sectors the clear's reclaims may evict before it takes effect */
    msdk_err_t result;  /* what the clear answered */
    bool torn;          /* the interrupted operation was applied in part */
} clear_ctx_t;

static void clear_workload(void *ctx, const char *what)
{
    clear_ctx_t *c = (clear_ctx_t *)ctx;
    msdk_evlog_log_t log;
    const msdk_evlog_log_config_t cfg =
        make_cfg(&c->cut->nvm, 0u, c->sectors, c->tg->payload, PC_LOG_ID);
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "mount");
    c->result = msdk_evlog_log_clear(&log);
    const msdk_fake_nvm_cut_mode_t mode = c->cut->cfg.mode;
    const bool prog_mode = (mode == MSDK_FAKE_NVM_CUT_PROG_ONE) ||
                           (mode == MSDK_FAKE_NVM_CUT_PROG_HALF) ||
                           (mode == MSDK_FAKE_NVM_CUT_PROG_ALL_BUT_ONE);
    const bool erase_mode =
        (mode == MSDK_FAKE_NVM_CUT_ERASE_HALF) || (mode == MSDK_FAKE_NVM_CUT_ERASE_RANDOM);
    c->torn = (prog_mode && (c->cut->cut_op == MSDK_FAKE_NVM_OP_PROGRAM)) ||
              (erase_mode && (c->cut->cut_op == MSDK_FAKE_NVM_OP_ERASE));
}

/* After the reboot: the whole old log (less the oldest sectors the clear's reclaims evicted
 * from a full ring, FIFO, as any reclaim does), or the empty log: never a part of the old
 * head, never an entry that does not read (a clear programs sector headers only, so no cut
 * can leave a gap). Then appends, a remount, and a clear that completes. */
static void clear_check(void *ctx, const char *what)
{
    const clear_ctx_t *c = (const clear_ctx_t *)ctx;
    msdk_evlog_log_t log;
    const uint32_t slots = c->tg->slots;
    const msdk_evlog_log_config_t cfg =
        make_cfg(&c->cut->nvm, 0u, c->sectors, c->tg->payload, PC_LOG_ID);
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "mount");
    pc_expect(c->f->stats.reads <= c->sectors + 2u * slots + 1u, what, "mount took %u reads",
              (unsigned)c->f->stats.reads);
    pc_expect(c->f->stats.programs + c->f->stats.erases == 0u, what, "mount wrote");
    pc_expect(c->torn || (msdk_evlog_log_damage(&log) == 0u), what,
              "damage %u without a torn operation", (unsigned)msdk_evlog_log_damage(&log));
    const uint32_t first = msdk_evlog_log_first(&log);
    const uint32_t count = msdk_evlog_log_count(&log);
    pc_expect((c->result != MSDK_OK) || (count == 0u), what, "clear acknowledged, %u entries",
              (unsigned)count);
    if (count == 0u) {
        /* Empty: numbering goes on after the old entries. */
        pc_expect(first > c->old_last, what, "empty from %u, old entries up to %u", (unsigned)first,
                  (unsigned)c->old_last);
    } else {
        /* The old log from a sector boundary the evictions allow, up to its last entry. */
        bool first_ok = false;
        for (uint32_t j = 0; j <= c->evictions; j++) {
            first_ok = first_ok || (first == c->old_first + j * slots);
        }
        pc_expect(first_ok && (msdk_evlog_log_last(&log) == c->old_last), what,
                  "entries %u..%u; old %u..%u, %u evictions", (unsigned)first,
                  (unsigned)msdk_evlog_log_last(&log), (unsigned)c->old_first,
                  (unsigned)c->old_last, (unsigned)c->evictions);
        for (uint32_t i = 0; i < count; i++) {
            pc_expect_entry(&log, first + i, first + i, what);
        }
    }
    /* Numbers go on after the old ones; a remount finds the new entry and nothing that was
     * not visible before. An empty log whose next append is not program-only has the
     * clear's erases pending: prepare() does them and changes no entry. */
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];
    uint32_t seq = 0u;
    const uint32_t last = msdk_evlog_log_last(&log);
    if ((count == 0u) && !msdk_evlog_log_append_ready(&log)) {
        pc_expect(msdk_evlog_log_prepare(&log) == MSDK_OK, what, "prepare");
        pc_expect(msdk_evlog_log_append_ready(&log), what, "ready after prepare");
        pc_expect((msdk_evlog_log_count(&log) == 0u) && (msdk_evlog_log_first(&log) == first), what,
                  "prepare changed the entries");
    }
    payload_of(500u, c->tg->payload, p);
    pc_expect(msdk_evlog_log_append(&log, time_of(500u), p, &seq) == MSDK_OK, what, "append");
    pc_expect((seq == last + 1u) && (seq > c->old_last), what, "append got %u after %u",
              (unsigned)seq, (unsigned)last);
    /* The append may have evicted the oldest sector (a full old head in a full ring). */
    const uint32_t first_now = msdk_evlog_log_first(&log);
    const uint32_t count_now = msdk_evlog_log_count(&log);
    pc_expect((count == 0u)
                  ? ((count_now == 1u) && (first_now == seq) && msdk_evlog_log_append_ready(&log))
                  : ((first_now == first) || (first_now == first + slots)),
              what, "after the append: %u entries from %u", (unsigned)count_now,
              (unsigned)first_now);
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "remount");
    pc_expect(msdk_evlog_log_last(&log) == seq, what, "remount: last");
    pc_expect((msdk_evlog_log_count(&log) == count_now) &&
                  (msdk_evlog_log_first(&log) == first_now),
              what, "remount: %u entries from %u", (unsigned)msdk_evlog_log_count(&log),
              (unsigned)msdk_evlog_log_first(&log));
    pc_expect_entry(&log, seq, 500u, what);
    /* Clearing again completes it; numbering still goes on. */
    pc_expect(msdk_evlog_log_clear(&log) == MSDK_OK, what, "clear again");
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "mount after the clear");
    pc_expect(msdk_evlog_log_count(&log) == 0u, what, "%u entries after the clear",
              (unsigned)msdk_evlog_log_count(&log));
    const uint32_t after = seq;
    payload_of(501u, c->tg->payload, p);
    pc_expect((msdk_evlog_log_append(&log, time_of(501u), p, &seq) == MSDK_OK) && (seq > after),
              what, "append after the clear got %u", (unsigned)seq);
    pc_expect(msdk_evlog_log_mount(&log, &cfg) == MSDK_OK, what, "last remount");
    pc_expect((msdk_evlog_log_count(&log) == 1u) && (msdk_evlog_log_first(&log) == seq), what,
              "after the last remount");
    pc_expect_entry(&log, seq, 501u, what);
}

/* One image (appends 0..appends-1 into `sectors` sectors of tg, then a prepare() if asked),
 * its clear cut at every point. Returns the runs.
 *
 * The image by hand: the appends fill sector sequences 0..n-1, n = ceil(appends / slots),
 * plus an empty one when a prepare() follows a full head; the run keeps the last
 * min(n, sectors) of them. The clear reclaims once, twice when the old head is full (no
 * prepare and appends a multiple of slots); a reclaim evicts an old sector when no sector
 * outside the run is left. */
static uint32_t clear_sweep(const test_geo_t *tg, uint32_t sectors, uint32_t appends, bool prepare)
{
    static uint8_t mem[MEM_MAX];
    static uint8_t image[MEM_MAX];
    static uint8_t scratch[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    msdk_evlog_log_t log;
    uint8_t p[MSDK_EVLOG_PAYLOAD_MAX];

    const bool head_full = ((appends % tg->slots) == 0u);
    const uint32_t seqs =
        (appends + tg->slots - 1u) / tg->slots + ((prepare && head_full) ? 1u : 0u);
    const uint32_t used = (seqs < sectors) ? seqs : sectors;
    const uint32_t reclaims = (head_full && !prepare) ? 2u : 1u;
    const uint32_t spare = sectors - used;
    const uint32_t evictions = (reclaims > spare) ? reclaims - spare : 0u;
    const uint32_t old_first = (seqs - used) * tg->slots;

    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &tg->geo, NULL), MSDK_OK);
    const msdk_evlog_log_config_t cfg = make_cfg(&f.nvm, 0u, sectors, tg->payload, PC_LOG_ID);
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    for (uint32_t a = 0; a < appends; a++) {
        uint32_t seq = 0u;
        payload_of(a, tg->payload, p);
        ck_assert_int_eq(msdk_evlog_log_append(&log, time_of(a), p, &seq), MSDK_OK);
        ck_assert_uint_eq(seq, a);
    }
    if (prepare) {
        ck_assert_int_eq(msdk_evlog_log_prepare(&log), MSDK_OK);
    }
    memcpy(image, mem, sizeof(mem));
    ck_assert_uint_eq(msdk_evlog_log_first(&log), old_first);
    clear_ctx_t ctx = { &f, &cut, tg, sectors, old_first, appends - 1u, evictions, MSDK_OK, false };
    ck_assert_uint_gt(msdk_evlog_log_count(&log), 0u);

    /* The operations of the clear, uncut; the uncut clear checks as the others. At most
     * `sectors` erases and one header program, one more of each for a full old head. */
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &tg->geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    clear_workload(&ctx, "no cut");
    ck_assert_int_eq(ctx.result, MSDK_OK);
    const uint32_t ops = msdk_fake_nvm_cut_op_count(&cut);
    ck_assert_uint_eq(f.stats.programs, reclaims);
    ck_assert_uint_le(f.stats.erases, sectors + reclaims - 1u);
    ck_assert_uint_eq(ops, f.stats.programs + f.stats.erases);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &tg->geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
    clear_check(&ctx, "no cut");

    char label[64];
    (void)snprintf(label, sizeof(label), "clear: page %u align %u, %u sectors, %u appends%s",
                   (unsigned)tg->geo.page_size, (unsigned)tg->geo.prog_align, (unsigned)sectors,
                   (unsigned)appends, prepare ? ", prepared" : "");
    const pc_rig_t rig = { &f,          &cut,           mem,         sizeof(mem),
                           image,       &tg->geo,       scratch,     sizeof(scratch),
                           0xC1EA0000u, clear_workload, clear_check, &ctx,
                           label };
    return pc_sweep(&rig, ops);
}

START_TEST(log_clear_power_cut_every_point)
{
    uint32_t runs = 0u;
    runs += clear_sweep(&g1, 4u, 10u, false); /* the ring not full: no eviction */
    runs += clear_sweep(&g1, 4u, 28u, false); /* full, its head full: two reclaims evict */
    runs += clear_sweep(&g1, 4u, 59u, false); /* full, its head in part */
    runs += clear_sweep(&g1, 4u, 28u, true);  /* full, its head prepared and empty */
    runs += clear_sweep(&g1, 6u, 7u, false);  /* one full sector, five blank ones */
    runs += clear_sweep(&g1, 6u, 14u, false); /* two full sectors: two reclaims, no eviction */
    runs += clear_sweep(&g1, 4u, 21u, false); /* three full sectors: the second reclaim evicts */
    runs += clear_sweep(&g1, 2u, 14u, false); /* two sectors, both full */
    runs += clear_sweep(&g1, 2u, 10u, false); /* two sectors, the head in part */
    runs += clear_sweep(&g1, 3u, 3u, false);  /* one sector in part */
    runs += clear_sweep(&g2, 3u, 17u, false); /* prog_align 8 */
    runs += clear_sweep(&g3, 3u, 10u, false); /* slots across pages, full ring */
    runs += clear_sweep(&g3, 3u, 8u, false);  /* slots across pages, its head full */
    printf("clear: power-cut points exercised: %u\n", (unsigned)runs);
    fflush(stdout);
    ck_assert_uint_ge(runs, 600u);
}
END_TEST

/* ---- Damage -------------------------------------------------------------------------------- */

START_TEST(log_damage_by_hand)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    msdk_evlog_record_t rec;

    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
    /* Ten appends, without interruption: clean. Sector 0 holds 0..6, sector 1 holds 7..9 in
     * slots 0..2 (at 256 + 16, 64, 96); sectors 2 and 3 are blank. */
    for (uint32_t a = 0; a < 10u; a++) {
        append_expect(&log, a, a);
    }
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);

    /* Sector 3's header: another log's, another version's, zeros, a torn one (its first
     * byte programmed): one damaged item each. */
    uint8_t *h3 = &mem[3u * 256u];
    for (int k = 0; k < 4; k++) {
        memset(h3, 0xFF, 16u);
        switch (k) {
        case 0: put_header(h3, 2u, 1u, 2u); break;
        case 1: put_header(h3, 1u, 2u, 2u); break;
        case 2: memset(h3, 0x00, 16u); break;
        default: h3[0] = 'M'; break;
        }
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), 1u);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), 10u);
    }
    memset(h3, 0xFF, 16u);

    /* Gaps the head scan meets: entry 9 (slot 2 at 96, a CRC byte), then entry 8 (slot 1 at
     * 64) too. */
    mem[256u + 96u + 28u] ^= 0x01u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 1u);
    ck_assert_uint_eq(msdk_evlog_log_last(&log), 9u);
    mem[256u + 64u + 20u] ^= 0x01u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 2u);
    /* And the oldest sector's first two (entries 0 and 1 at 16 and 64): 4; first is 2. */
    mem[16u + 5u] ^= 0x80u;
    mem[64u + 5u] ^= 0x80u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 4u);
    ck_assert_uint_eq(msdk_evlog_log_first(&log), 2u);
    /* A gap no scan meets (entry 4 at 160, in the oldest sector after its first valid entry)
     * is not counted: it reads as a gap. */
    mem[160u + 30u] ^= 0x01u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 4u);
    ck_assert_int_eq(msdk_evlog_log_read(&log, 4u, &rec), MSDK_ERR_NOT_FOUND);

    /* The oldest sector is the head and holds nothing but gaps (three torn records): each
     * counted once, and the log is empty. */
    mount_blank(mem, sizeof(mem), &f, &log, &cfg, 4u);
    for (uint32_t a = 0; a < 3u; a++) {
        append_expect(&log, a, a);
    }
    mem[16u + 20u] ^= 0x02u;
    mem[64u + 20u] ^= 0x02u;
    mem[96u + 20u] ^= 0x02u;
    ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_damage(&log), 3u);
    ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
    append_expect(&log, 3u, 3u);
}
END_TEST

/* Appends `n` records (a = base..base+n-1) from entry `seq0` on, then a remount that finds
 * them, value by value, after the entries before. */
static void appends_survive(msdk_evlog_log_t *log, const msdk_evlog_log_config_t *cfg,
                            uint32_t base, uint32_t n)
{
    const uint32_t first = msdk_evlog_log_first(log);
    const uint32_t seq0 = msdk_evlog_log_last(log) + 1u;
    for (uint32_t i = 0; i < n; i++) {
        append_expect(log, base + i, seq0 + i);
    }
    ck_assert_int_eq(msdk_evlog_log_mount(log, cfg), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_log_last(log), seq0 + n - 1u);
    if (msdk_evlog_log_count(log) > n) {
        ck_assert_uint_eq(msdk_evlog_log_first(log), first);
    }
    for (uint32_t i = 0; i < n; i++) {
        read_expect(log, seq0 + i, base + i);
    }
}

/* The "bad input" images: each mounts (within the read bound, writing nothing) as empty or
 * as exactly its valid part, with the damage worked out by hand, and takes appends a remount
 * finds. */
START_TEST(log_bad_input_images)
{
    static uint8_t mem[MEM_MAX];
    msdk_fake_nvm_t f;
    msdk_evlog_log_t log;
    msdk_evlog_log_config_t cfg;
    /* A 6-sector log of geometry g1 (7 slots): mount reads at most 6 + 2 x 7 + 1. */
    const uint32_t bound = 6u + 2u * 7u + 1u;

    /* Random bytes (five seeds), all zeros: six garbage headers, empty. All 0xFF: clean. */
    for (uint32_t img = 0; img < 7u; img++) {
        uint32_t prng = 0xBAD00000u + img;
        for (uint32_t i = 0; i < sizeof(mem); i++) {
            mem[i] = (img < 5u) ? (uint8_t)(msdk_fake_prng_next(&prng) >> 24)
                                : ((img == 5u) ? 0x00u : 0xFFu);
        }
        ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
        cfg = make_cfg(&f.nvm, 0u, 6u, 16u, 1u);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_le(f.stats.reads, bound);
        ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);
        ck_assert_uint_eq(msdk_evlog_log_count(&log), 0u);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), (img < 6u) ? 6u : 0u);
        /* Ten appends take sectors 0 and 1 (entries 0..9); the four others stay damaged. */
        appends_survive(&log, &cfg, 0u, 10u);
        ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), (img < 6u) ? 4u : 0u);
    }

    /* Truncated: 20 appends (sector 0: 0..6, 1: 7..13, 2: 14..19), then sector 2 all 0xFF
     * (clean: 0..13 remain), or random (one damaged header), or sectors 1 and 2 random
     * (two; 0..6 remain). The next append takes the first lost sector again. */
    static const struct {
        uint32_t from; /* first sector replaced */
        bool random;
        uint32_t last;   /* last entry left */
        uint32_t damage; /* by hand */
    } trunc[] = { { 2u, false, 13u, 0u }, { 2u, true, 13u, 1u }, { 1u, true, 6u, 2u } };
    for (uint32_t t = 0; t < 3u; t++) {
        log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 6u, 20u);
        uint32_t prng = 0x7A00u + t;
        for (uint32_t i = trunc[t].from * 256u; i < 3u * 256u; i++) {
            mem[i] = trunc[t].random ? (uint8_t)(msdk_fake_prng_next(&prng) >> 24) : 0xFFu;
        }
        ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_le(f.stats.reads, bound);
        ck_assert_uint_eq(f.stats.programs + f.stats.erases, 0u);
        ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
        ck_assert_uint_eq(msdk_evlog_log_last(&log), trunc[t].last);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), trunc[t].damage);
        for (uint32_t s = 0; s <= trunc[t].last; s++) {
            read_expect(&log, s, s);
        }
        appends_survive(&log, &cfg, 300u, 9u);
    }

    /* A region configured larger than the written part: 20 appends into 3 sectors (no wrap
     * yet), mounted as 6 and as 8 sectors: the same 20 entries, clean. */
    for (uint32_t n = 6u; n <= 8u; n += 2u) {
        log_with(mem, sizeof(mem), &f, NULL, &log, &cfg, 3u, 20u);
        ck_assert_int_eq(msdk_fake_nvm_init(&f, mem, &g1.geo, NULL), MSDK_OK);
        cfg = make_cfg(&f.nvm, 0u, n, 16u, 1u);
        ck_assert_int_eq(msdk_evlog_log_mount(&log, &cfg), MSDK_OK);
        ck_assert_uint_le(f.stats.reads, n + 2u * 7u + 1u);
        ck_assert_uint_eq(msdk_evlog_log_first(&log), 0u);
        ck_assert_uint_eq(msdk_evlog_log_last(&log), 19u);
        ck_assert_uint_eq(msdk_evlog_log_damage(&log), 0u);
        for (uint32_t s = 0; s < 20u; s++) {
            read_expect(&log, s, s);
        }
        appends_survive(&log, &cfg, 400u, 12u); /* into sector 3, beyond the old region */
    }
}
END_TEST

Suite *evlog_log_suite(void)
{
    Suite *s = suite_create("evlog_log");
    TCase *tc = tcase_create("log");
    tcase_add_test(tc, log_layout_matches_format);
    tcase_add_test(tc, log_layout_aligned_and_multi_page);
    tcase_add_test(tc, log_blank_mounts_empty);
    tcase_add_test(tc, log_append_read_remount);
    tcase_add_test(tc, log_wraps_fifo);
    tcase_add_test(tc, log_prepare_makes_append_program_only);
    tcase_add_test(tc, log_find_time_full_log);
    tcase_add_test(tc, log_bad_images_mount);
    tcase_add_test(tc, log_garbage_records_are_gaps);
    tcase_add_test(tc, log_record_out_of_place_is_a_gap);
    tcase_add_test(tc, log_foreign_sectors_are_not_adopted);
    tcase_add_test(tc, log_rejects_bad_arguments);
    tcase_add_test(tc, log_region_errors_unmount);
    tcase_add_test(tc, log_clear_by_hand);
    tcase_add_test(tc, log_clear_order_and_errors);
    tcase_add_test(tc, log_clear_takes_effect_at_its_header);
    tcase_add_test(tc, log_damage_by_hand);
    tcase_add_test(tc, log_bad_input_images);
    suite_add_tcase(s, tc);
    TCase *pc = tcase_create("power_cut");
    tcase_add_test(pc, log_power_cut_every_point);
    tcase_add_test(pc, log_clear_power_cut_every_point);
    suite_add_tcase(s, pc);
    return s;
}
