/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Snapshots (msdk/eventlog/snapshot.h) over the fake NOR flash and its power-cut injector.
 *
 * The object saved is a monotonic counter (as an invocation counter or an energy register
 * is) spread over the whole object with a pattern derived from it, so that a copy mixed from
 * two saves, a torn one or a default would be seen. After every cut (each program/erase call
 * k of the scenario, each cut mode, both answers of the dying chip) the test "reboots" and
 * checks I4 and I5 of ../shared/design/EVENTS.md: the object opened is wholly one copy that
 * was saved, at least the last one acknowledged and at most the one being written; never a
 * default once a save was acknowledged; then saving goes on. The power-fail path
 * (save_now) is checked to program without erasing.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "evlog_check.h"
#include "fake_nvm.h"
#include "msdk/eventlog/snapshot.h"

Suite *evlog_snap_suite(void);

/* 3 sectors of 4 KiB, 256-byte pages: a 40-byte object fills a sector with copies in 70-odd
 * saves, a 200-byte one (one copy a page) in 16, so the scenarios below cross sectors and
 * wrap the ring. */
#define SECTOR  4096u
#define SECTORS 3u
#define OBJ     40u  /* the default object size */
#define OBJ_MAX 200u /* the largest the sweeps use */
#define VERSION 3u

static uint16_t obj = OBJ; /* the object size of the current test */

static uint8_t mem[SECTOR * SECTORS];
static uint8_t scratch[SECTOR / 2u];
static msdk_fake_nvm_t flash;
static msdk_fake_nvm_cut_t cut;

static const msdk_nvm_geometry_t geo = { SECTOR * SECTORS, SECTOR, 256u, 1u };

static msdk_evlog_snap_config_t config(const msdk_nvm_t *nvm)
{
    msdk_evlog_snap_config_t c = { nvm, 0u, SECTORS, obj, 0x5A01u, VERSION };
    return c;
}

/* The object of counter value v: v in the first 4 bytes, then bytes that depend on v. */
static void object_of(uint32_t v, uint8_t *o)
{
    o[0] = (uint8_t)v;
    o[1] = (uint8_t)(v >> 8);
    o[2] = (uint8_t)(v >> 16);
    o[3] = (uint8_t)(v >> 24);
    for (size_t i = 4u; i < obj; i++) {
        o[i] = (uint8_t)((v * 131u) + (i * 7u));
    }
}

/* The counter value of an object, or UINT32_MAX when it is not wholly one value's. */
static uint32_t value_of(const uint8_t *o)
{
    uint32_t v =
        (uint32_t)o[0] | ((uint32_t)o[1] << 8) | ((uint32_t)o[2] << 16) | ((uint32_t)o[3] << 24);
    uint8_t want[OBJ_MAX];
    object_of(v, want);
    return (memcmp(o, want, obj) == 0) ? v : UINT32_MAX;
}

static void blank(void)
{
    obj = OBJ;
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    msdk_fake_nvm_erase_all(&flash);
}

/* ---- Basics --------------------------------------------------------------------------------- */

START_TEST(open_blank_then_save_and_reopen)
{
    blank();
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ];
    memset(o, 0xEE, sizeof o);
    uint16_t ver = 77u;
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, &ver), MSDK_ERR_NOT_FOUND);
    ck_assert_uint_eq(ver, 0u);
    ck_assert_uint_eq(o[0], 0xEEu); /* unchanged */
    for (uint32_t v = 1u; v <= 500u; v++) {
        object_of(v, o);
        ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    }
    memset(o, 0, sizeof o);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, &ver), MSDK_OK);
    ck_assert_uint_eq(value_of(o), 500u);
    ck_assert_uint_eq(ver, VERSION);
    /* 500 saves of 40 bytes over 3 sectors: the ring went round, few erases. */
    ck_assert_uint_lt(flash.stats.erases, 20u);
}
END_TEST

START_TEST(older_version_is_returned_for_upgrade)
{
    blank();
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    c.version = 1u;
    msdk_evlog_snap_t s;
    uint8_t o[OBJ];
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_NOT_FOUND);
    object_of(9u, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    /* New firmware (format 2) opens the copy of format 1 and converts it. */
    c.version = 2u;
    uint16_t ver = 0u;
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, &ver), MSDK_OK);
    ck_assert_uint_eq(ver, 1u);
    ck_assert_uint_eq(value_of(o), 9u);
    object_of(10u, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, &ver), MSDK_OK);
    ck_assert_uint_eq(ver, 2u);
    ck_assert_uint_eq(value_of(o), 10u);
}
END_TEST

START_TEST(save_now_never_erases)
{
    blank();
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ];
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_NOT_FOUND);
    /* After every save (across sector ends and wraps), the power-fail save programs one page
     * and erases nothing; the copy it wrote is the one opened. */
    for (uint32_t v = 1u; v <= 300u; v++) {
        object_of(2u * v, o);
        ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
        uint32_t erases = flash.stats.erases;
        uint32_t programs = flash.stats.programs;
        object_of((2u * v) + 1u, o);
        ck_assert_int_eq(msdk_evlog_snap_save_now(&s, o), MSDK_OK);
        ck_assert_uint_eq(flash.stats.erases, erases);
        ck_assert_uint_eq(flash.stats.programs, programs + 1u);
        msdk_evlog_snap_t t;
        uint8_t back[OBJ];
        ck_assert_int_eq(msdk_evlog_snap_open(&t, &c, back, NULL), MSDK_OK);
        ck_assert_uint_eq(value_of(back), (2u * v) + 1u);
        s = t; /* the reopened store goes on (a reboot) */
    }
}
END_TEST

/* A save that meets an NVM error fails; once the region answers again, the next save
 * works on the same store (it mounts its log again). */
START_TEST(save_after_an_nvm_error)
{
    blank();
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    msdk_evlog_snap_config_t c = config(&cut.nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ];
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_NOT_FOUND);
    object_of(1u, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    const msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                            .cut_after = 0u,
                                            .mode = MSDK_FAKE_NVM_CUT_CLEAN,
                                            .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cc), MSDK_OK);
    object_of(2u, o);
    ck_assert_int_ne(msdk_evlog_snap_save(&s, o), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK); /* answers */
    object_of(3u, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_OK);
    ck_assert_uint_eq(value_of(o), 3u);
}
END_TEST

START_TEST(bad_arguments)
{
    blank();
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ] = { 0 };
    ck_assert_int_eq(msdk_evlog_snap_open(NULL, &c, o, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, NULL, o, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, NULL, NULL), MSDK_ERR_INVALID_ARG);
    c.size = 0u;
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_INVALID_ARG);
    c.size = MSDK_EVLOG_SNAP_MAX + 1u;
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_INVALID_ARG);
    c = config(&flash.nvm);
    c.sectors = 1u;
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_snap_save(NULL, o), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_snap_save_now(NULL, o), MSDK_ERR_INVALID_ARG);
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_snap_save_now(&s, o), MSDK_ERR_STATE);
}
END_TEST

/* ---- Damage and bad input ------------------------------------------------------------------ */

/* A copy is 16 + 2 + 40 = 58 bytes: page 0 keeps (256 - 16) / 58 = 4 slots (at 16, 74, 132,
 * 190), pages 1..15 four each (page 1 at 256, 314, 372, 430; page 2 at 512, 570, ...): 64
 * copies a sector. Opening reads at most 3 headers + 2 x 64 slots + 1 for the log's mount,
 * the copies it steps back over, and one header read back by its prepare. */
#define SLOTS_40   64u
#define OPEN_BOUND (SECTORS + 2u * SLOTS_40 + 1u + 2u)

/* `n` saves of values first+1..first+n from a blank chip (3 sectors). */
static void saves(const msdk_evlog_snap_config_t *c, uint32_t first, uint32_t n)
{
    msdk_evlog_snap_t s;
    uint8_t o[OBJ_MAX];
    msdk_err_t err = msdk_evlog_snap_open(&s, c, o, NULL);
    ck_assert((err == MSDK_OK) || (err == MSDK_ERR_NOT_FOUND));
    for (uint32_t v = first + 1u; v <= first + n; v++) {
        object_of(v, o);
        ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    }
}

/* Opens with cfg c: expects the copy of value `want` (0: none) and `damage` damaged items;
 * then a save and a reopen find the save. */
static void open_expect(const msdk_evlog_snap_config_t *c, uint32_t want, uint32_t damage,
                        uint32_t next)
{
    msdk_evlog_snap_t s;
    uint8_t o[OBJ_MAX];
    uint16_t ver = 0xFFFFu;
    flash.stats.reads = 0u;
    memset(o, 0xEE, sizeof o);
    msdk_err_t err = msdk_evlog_snap_open(&s, c, o, &ver);
    ck_assert_uint_le(flash.stats.reads, OPEN_BOUND);
    if (want == 0u) {
        ck_assert_int_eq(err, MSDK_ERR_NOT_FOUND);
        ck_assert_uint_eq(ver, 0u);
    } else {
        ck_assert_int_eq(err, MSDK_OK);
        ck_assert_uint_eq(value_of(o), want);
        ck_assert_uint_eq(ver, VERSION);
    }
    ck_assert_uint_eq(msdk_evlog_snap_damage(&s), damage);
    object_of(next, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    memset(o, 0, sizeof o);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, c, o, &ver), MSDK_OK);
    ck_assert_uint_eq(value_of(o), next);
}

START_TEST(damage_counts)
{
    blank();
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    ck_assert_uint_eq(msdk_evlog_snap_damage(NULL), 0u);
    /* Ten saves, no interruption: clean. */
    saves(&c, 0u, 10u);
    open_expect(&c, 10u, 0u, 11u);
    /* The newest copy (11, slot 10 at 570 + 58 = 628) torn: the open steps back to 10; the
     * mount met the gap (1), the open stepped over it (1). */
    mem[628u + 30u] ^= 0x10u;
    open_expect(&c, 10u, 2u, 12u);
    /* Copy 12 went to slot 11: the torn one is behind the newest copy now, neither the
     * mount nor the open meets it. Sector 2's header garbage: 1. */
    memset(&mem[2u * SECTOR], 0x00, 16u);
    open_expect(&c, 12u, 1u, 13u);
}
END_TEST

START_TEST(bad_input_images)
{
    msdk_evlog_snap_config_t c;
    /* Random bytes (four seeds) and all zeros: no copy, three garbage headers; all 0xFF: no
     * copy, clean. */
    for (uint32_t img = 0; img < 6u; img++) {
        blank();
        uint32_t prng = 0x5AB00000u + img;
        for (uint32_t i = 0; i < sizeof mem; i++) {
            mem[i] = (img < 4u) ? (uint8_t)(msdk_fake_prng_next(&prng) >> 24)
                                : ((img == 4u) ? 0x00u : 0xFFu);
        }
        c = config(&flash.nvm);
        open_expect(&c, 0u, (img < 5u) ? 3u : 0u, 7u);
        /* 70 more saves fill sector 0 and go into sector 1: a reopen finds the last; sector
         * 2 is still garbage. */
        saves(&c, 7u, 70u);
        open_expect(&c, 77u, (img < 5u) ? 1u : 0u, 78u);
    }
    /* Truncated: 100 saves (sector 0: 1..64, sector 1: 65..100), then sector 1 all 0xFF (64
     * is the newest copy left, clean) or random (one garbage header). */
    for (uint32_t t = 0; t < 2u; t++) {
        blank();
        c = config(&flash.nvm);
        saves(&c, 0u, 100u);
        uint32_t prng = 0x7B00u + t;
        for (uint32_t i = SECTOR; i < 2u * SECTOR; i++) {
            mem[i] = (t == 0u) ? 0xFFu : (uint8_t)(msdk_fake_prng_next(&prng) >> 24);
        }
        open_expect(&c, 64u, t, 101u);
    }
    /* A region configured larger than the written part: 50 saves into a 2-sector store
     * (sector 0 only), opened as 3 sectors: copy 50, clean. */
    blank();
    c = config(&flash.nvm);
    c.sectors = 2u;
    saves(&c, 0u, 50u);
    c.sectors = 3u;
    open_expect(&c, 50u, 0u, 51u);
}
END_TEST

/* ---- Power cuts ----------------------------------------------------------------------------- */

/* The scenario: open, then `saves` saves of values first+1.., with a power-fail save after
 * every 10th. Returns the last value acknowledged (0: none); *writing is the value of the
 * save in flight when an operation failed (or the last one tried). */
static uint32_t scenario(const msdk_nvm_t *nvm, uint32_t first, uint32_t saves, uint32_t *writing)
{
    msdk_evlog_snap_config_t c = config(nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ_MAX];
    uint32_t acked = 0u;
    *writing = 0u;
    msdk_err_t err = msdk_evlog_snap_open(&s, &c, o, NULL);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_FOUND)) {
        return acked;
    }
    for (uint32_t i = 1u; i <= saves; i++) {
        uint32_t v = first + i;
        *writing = v;
        object_of(v, o);
        err = ((i % 10u) == 0u) ? msdk_evlog_snap_save_now(&s, o) : msdk_evlog_snap_save(&s, o);
        if (err != MSDK_OK) {
            return acked;
        }
        acked = v;
    }
    return acked;
}

/* Runs the scenario with a cut at every program/erase call, in every mode: after each cut
 * the store reopens with a copy between the last acknowledged value and the one in flight
 * (I4, I5), and a later save and reopen work. Returns the cut points exercised. */
/* What a sweep's run works on: the prefill, and what the scenario acknowledged and was
 * writing when the cut came; `runs` numbers the runs. */
typedef struct sweep_ctx {
    uint32_t prefill;
    uint32_t acked;
    uint32_t writing;
    uint32_t runs;
} sweep_ctx_t;

static void sweep_workload(void *ctx, const char *what)
{
    (void)what;
    sweep_ctx_t *w = (sweep_ctx_t *)ctx;
    w->acked = scenario(&cut.nvm, w->prefill, 120u, &w->writing);
}

/* After the reboot: a copy between the last acknowledged value and the one in flight (I4,
 * I5), then a save and a reopen. */
static void sweep_check(void *ctx, const char *what)
{
    sweep_ctx_t *w = (sweep_ctx_t *)ctx;
    msdk_evlog_snap_config_t c = config(&flash.nvm);
    msdk_evlog_snap_t s;
    uint8_t o[OBJ_MAX];
    msdk_err_t err = msdk_evlog_snap_open(&s, &c, o, NULL);
    uint32_t floor = (w->acked != 0u) ? w->acked : w->prefill;
    if (floor == 0u) {
        ck_assert((err == MSDK_OK) || (err == MSDK_ERR_NOT_FOUND));
    } else {
        ck_assert_int_eq(err, MSDK_OK);
    }
    if (err == MSDK_OK) {
        uint32_t v = value_of(o);
        if ((v < floor) || (v > w->writing)) {
            ck_abort_msg("%s: opened %u, acknowledged %u, writing %u", what, (unsigned)v,
                         (unsigned)w->acked, (unsigned)w->writing);
        }
    }
    /* Life goes on: a save and a reopen. */
    const uint32_t next = 1000000u + w->runs++;
    object_of(next, o);
    ck_assert_int_eq(msdk_evlog_snap_save(&s, o), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_snap_open(&s, &c, o, NULL), MSDK_OK);
    ck_assert_uint_eq(value_of(o), next);
}

static unsigned sweep(uint32_t prefill, uint16_t size)
{
    /* The scenario's number of operations, uncut, on a store prefilled with `prefill` saves. */
    blank();
    obj = size;
    uint32_t writing = 0u;
    (void)scenario(&flash.nvm, 0u, prefill, &writing);
    static uint8_t image[sizeof mem];
    memcpy(image, mem, sizeof mem);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    (void)scenario(&cut.nvm, prefill, 120u, &writing);
    const uint32_t ops = msdk_fake_nvm_cut_op_count(&cut);
    ck_assert_uint_gt(ops, 100u);
    sweep_ctx_t w = { prefill, 0u, 0u, 0u };
    const pc_rig_t rig = { &flash,      &cut,           mem, sizeof mem,     image,       &geo,
                           scratch,     sizeof scratch, 1u,  sweep_workload, sweep_check, &w,
                           "evlog_snap" };
    return pc_sweep(&rig, ops);
}

START_TEST(power_cuts_from_blank)
{
    unsigned n = sweep(0u, OBJ);
    printf("evlog_snap from blank: power-cut points exercised: %u\n", n);
}
END_TEST

START_TEST(power_cuts_across_wrap)
{
    /* Prefilled so that the scenario reclaims sectors (the ring wraps) while it runs. */
    unsigned n = sweep(150u, OBJ) + sweep(300u, OBJ);
    printf("evlog_snap across a wrap: power-cut points exercised: %u\n", n);
}
END_TEST

START_TEST(power_cuts_page_sized_copies)
{
    /* One copy a page (200 bytes): 16 a sector, the ring wraps every 32 saves or so. */
    unsigned n = sweep(0u, OBJ_MAX) + sweep(40u, OBJ_MAX);
    printf("evlog_snap, copies of a page: power-cut points exercised: %u\n", n);
}
END_TEST

Suite *evlog_snap_suite(void)
{
    Suite *s = suite_create("evlog_snap");
    TCase *t = tcase_create("basics");
    tcase_add_test(t, open_blank_then_save_and_reopen);
    tcase_add_test(t, older_version_is_returned_for_upgrade);
    tcase_add_test(t, save_now_never_erases);
    tcase_add_test(t, save_after_an_nvm_error);
    tcase_add_test(t, bad_arguments);
    tcase_add_test(t, damage_counts);
    tcase_add_test(t, bad_input_images);
    suite_add_tcase(s, t);
    TCase *p = tcase_create("power_cuts");
    tcase_set_timeout(p, 600);
    tcase_add_test(p, power_cuts_from_blank);
    tcase_add_test(p, power_cuts_across_wrap);
    tcase_add_test(p, power_cuts_page_sized_copies);
    suite_add_tcase(s, p);
    return s;
}
