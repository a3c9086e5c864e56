/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * DLMS security state tests (secstate.h): transmit invocation counter with a persisted
 * reservation window, received invocation counters, security event counters, lockout.
 *
 * No published vectors exist for this state; every expected value is derived by hand from
 * the rules of issue 6 as stated in secstate.h:
 * - transmit: boot resumes at the persisted bound B; a take with next >= bound first
 *   persists min(next + R, 0xFFFFFFFF); values 0..0xFFFFFFFE; a restart persists 0 + R;
 * - receive: accepted iff strictly greater than the last accepted (Green Book: "lowest
 *   acceptable value" = last verified + 1);
 * - lockout: N consecutive failures lock for first * 2^(k-1) ms (capped) at the kth
 *   lockout since the last success.
 *
 * The persistence callback is a fake NVM record that logs every write and can fail or
 * "lose power" at a chosen call (the write landing or not); the run then reboots from what
 * the record holds, exactly as a meter would.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <check.h>

#include "msdk/cosem/secstate.h"
#include "cosem_check.h"

Suite *cosem_secstate_suite(void);

/* ---- Fake persistence ------------------------------------------------------------------------ */

#define FP_LOG_CAP 64u

typedef struct fake_persist {
    uint32_t record;          /* the NVM record (0 when none was ever written) */
    unsigned calls;           /* every call of the callback */
    unsigned landed;          /* writes that reached the record */
    uint32_t log[FP_LOG_CAP]; /* values of the first FP_LOG_CAP calls */
    long cut_at;              /* call index at which power is lost; -1: never */
    bool cut_lands;           /* at the cut, the write reaches the record first */
    bool power_lost;          /* set at the cut; the run must reboot */
    bool failing;             /* every call fails with MSDK_ERR_IO (record unchanged) */
} fake_persist_t;

static void fp_init(fake_persist_t *fp)
{
    memset(fp, 0, sizeof *fp);
    fp->cut_at = -1;
}

static msdk_err_t fp_write(void *ctx, uint32_t bound)
{
    fake_persist_t *fp = ctx;
    if (fp->power_lost) {
        ck_abort_msg("persist called after the power was lost");
    }
    if (fp->calls < FP_LOG_CAP) {
        fp->log[fp->calls] = bound;
    }
    long idx = (long)fp->calls;
    fp->calls++;
    if (idx == fp->cut_at) {
        if (fp->cut_lands) {
            fp->record = bound;
            fp->landed++;
        }
        fp->power_lost = true;
        return MSDK_ERR_IO; /* nothing after this point runs on a real meter */
    }
    if (fp->failing) {
        return MSDK_ERR_IO;
    }
    fp->record = bound;
    fp->landed++;
    return MSDK_OK;
}

/* Boots a transmit counter from the fake record with window r. */
static void tx_boot(msdk_cosem_tx_ic_t *ic, fake_persist_t *fp, uint32_t r)
{
    const msdk_cosem_tx_ic_config_t cfg = { r, fp_write, fp };
    CK_EQ(msdk_cosem_tx_ic_init(ic, &cfg, fp->record), MSDK_OK);
}

/* A fresh fake record holding `record`, and a transmit counter booted from it with window r. */
static void tx_start(msdk_cosem_tx_ic_t *ic, fake_persist_t *fp, uint32_t record, uint32_t r)
{
    fp_init(fp);
    fp->record = record;
    tx_boot(ic, fp, r);
}

/* ---- Transmit counter: basics ---------------------------------------------------------------- */

START_TEST(tx_first_window_then_no_write)
{
    fake_persist_t fp;
    msdk_cosem_tx_ic_t ic;
    tx_start(&ic, &fp, 0u, 10u);
    ck_assert_uint_eq(fp.calls, 0u); /* init writes nothing */
    for (uint32_t i = 0; i < 10u; i++) {
        uint32_t v = 0xDEADBEEFu;
        ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
        ck_assert_uint_eq(v, i);
        ck_assert_uint_eq(fp.calls, 1u); /* only the first take wrote: B = 0 + 10 */
        ck_assert_uint_eq(fp.record, 10u);
    }
    uint32_t v = 0;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK); /* 11th: next window first */
    ck_assert_uint_eq(v, 10u);
    ck_assert_uint_eq(fp.calls, 2u);
    ck_assert_uint_eq(fp.log[1], 20u);
    ck_assert_uint_eq(msdk_cosem_tx_ic_next(&ic), 11u);
    ck_assert(!msdk_cosem_tx_ic_is_exhausted(&ic));
}
END_TEST

START_TEST(tx_default_window_and_resume)
{
    fake_persist_t fp;
    msdk_cosem_tx_ic_t ic;
    /* The record of a previous power-on; window 0: the default, 1000. */
    tx_start(&ic, &fp, 5000u, 0u);
    ck_assert_uint_eq(msdk_cosem_tx_ic_next(&ic), 5000u);
    uint32_t v = 0;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
    ck_assert_uint_eq(v, 5000u);
    ck_assert_uint_eq(fp.calls, 1u);
    ck_assert_uint_eq(fp.log[0], 6000u);

    fake_persist_t fresh;
    fp_init(&fresh);
    tx_boot(&ic, &fresh, 0u);
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
    ck_assert_uint_eq(v, 0u);
    ck_assert_uint_eq(fresh.log[0], 1000u);
}
END_TEST

START_TEST(tx_args)
{
    fake_persist_t fp;
    fp_init(&fp);
    msdk_cosem_tx_ic_t ic;
    memset(&ic, 0xA5, sizeof ic);
    const msdk_cosem_tx_ic_config_t no_cb = { 10u, NULL, &fp };
    const msdk_cosem_tx_ic_config_t ok = { 10u, fp_write, &fp };
    ck_assert_int_eq(msdk_cosem_tx_ic_init(&ic, &no_cb, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(ic.next, 0xA5A5A5A5u); /* unchanged */
    ck_assert_int_eq(msdk_cosem_tx_ic_init(NULL, &ok, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tx_ic_init(&ic, NULL, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tx_ic_init(&ic, &ok, 0u), MSDK_OK);
    uint32_t v;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(NULL, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tx_ic_restart(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(fp.calls, 0u);
    ck_assert(msdk_cosem_tx_ic_is_exhausted(NULL));
    ck_assert_uint_eq(msdk_cosem_tx_ic_next(NULL), 0xFFFFFFFFu);
}
END_TEST

/* ---- Transmit counter: persist failure hands out nothing ---------------------------------- */

START_TEST(tx_persist_failure_hands_out_nothing)
{
    fake_persist_t fp;
    fp_init(&fp);
    fp.record = 300u;
    fp.failing = true;
    msdk_cosem_tx_ic_t ic;
    tx_boot(&ic, &fp, 5u);
    for (unsigned i = 0; i < 3u; i++) {
        uint32_t v = 0xDEADBEEFu;
        ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_ERR_IO);
        ck_assert_uint_eq(v, 0xDEADBEEFu);
        ck_assert_uint_eq(msdk_cosem_tx_ic_next(&ic), 300u);
    }
    ck_assert_uint_eq(fp.calls, 3u); /* every take retried the same window */
    ck_assert_uint_eq(fp.log[0], 305u);
    ck_assert_uint_eq(fp.log[2], 305u);
    ck_assert_uint_eq(fp.record, 300u);

    fp.failing = false;
    uint32_t v = 0;
    for (uint32_t i = 0; i < 5u; i++) {
        ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
        ck_assert_uint_eq(v, 300u + i);
    }
    ck_assert_uint_eq(fp.record, 305u);
    /* The window is used up: the next take must write 310 first, and that write fails. */
    fp.failing = true;
    v = 0xDEADBEEFu;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_ERR_IO);
    ck_assert_uint_eq(v, 0xDEADBEEFu);
    ck_assert_uint_eq(fp.log[fp.calls - 1u], 310u);
    /* A reboot now resumes at 305: nothing at or above it was handed out. */
    msdk_cosem_tx_ic_t rebooted;
    fp.failing = false;
    tx_boot(&rebooted, &fp, 5u);
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&rebooted, &v), MSDK_OK);
    ck_assert_uint_eq(v, 305u);
}
END_TEST

/* ---- Transmit counter: exhaustion and restart for a new key --------------------------------- */

START_TEST(tx_exhaustion)
{
    fake_persist_t fp;
    msdk_cosem_tx_ic_t ic;
    tx_start(&ic, &fp, 0xFFFFFFFAu, 1000u);
    uint32_t v = 0;
    for (uint32_t i = 0; i < 5u; i++) { /* 0xFFFFFFFA .. 0xFFFFFFFE */
        ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
        ck_assert_uint_eq(v, 0xFFFFFFFAu + i);
    }
    ck_assert_uint_eq(fp.calls, 1u);
    ck_assert_uint_eq(fp.log[0], 0xFFFFFFFFu); /* window clamped, never wraps to 998 */
    ck_assert(msdk_cosem_tx_ic_is_exhausted(&ic));
    ck_assert_uint_eq(msdk_cosem_tx_ic_next(&ic), 0xFFFFFFFFu);
    for (unsigned i = 0; i < 3u; i++) {
        v = 0x12345678u;
        ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_ERR_OVERFLOW);
        ck_assert_uint_eq(v, 0x12345678u);
    }
    ck_assert_uint_eq(fp.calls, 1u); /* no write for an exhausted counter */

    /* Boot with the exhausted record: exhausted at once, nothing written. */
    msdk_cosem_tx_ic_t again;
    tx_boot(&again, &fp, 1000u);
    ck_assert(msdk_cosem_tx_ic_is_exhausted(&again));
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&again, &v), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(fp.calls, 1u);

    /* The key is changed: 0 + R is persisted before 0 is handed out. */
    ck_assert_int_eq(msdk_cosem_tx_ic_restart(&again), MSDK_OK);
    ck_assert_uint_eq(fp.calls, 2u);
    ck_assert_uint_eq(fp.record, 1000u);
    ck_assert(!msdk_cosem_tx_ic_is_exhausted(&again));
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&again, &v), MSDK_OK);
    ck_assert_uint_eq(v, 0u);
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&again, &v), MSDK_OK);
    ck_assert_uint_eq(v, 1u);
    ck_assert_uint_eq(fp.calls, 2u);
}
END_TEST

START_TEST(tx_window_clamped_near_top)
{
    fake_persist_t fp;
    msdk_cosem_tx_ic_t ic;
    /* Room 1001 > R: one full window, then a clamped one. */
    tx_start(&ic, &fp, 0xFFFFFFFFu - 1001u, 1000u);
    uint32_t v = 0;
    unsigned n = 0;
    while (msdk_cosem_tx_ic_take(&ic, &v) == MSDK_OK) {
        CK_EQ(v, 0xFFFFFFFFu - 1001u + n);
        n++;
    }
    ck_assert_uint_eq(n, 1001u); /* 0xFFFFFC16 .. 0xFFFFFFFE */
    ck_assert_uint_eq(v, 0xFFFFFFFEu);
    ck_assert_uint_eq(fp.calls, 2u);
    ck_assert_uint_eq(fp.log[0], 0xFFFFFFFEu);
    ck_assert_uint_eq(fp.log[1], 0xFFFFFFFFu);
}
END_TEST

START_TEST(tx_restart_write_fails)
{
    fake_persist_t fp;
    msdk_cosem_tx_ic_t ic;
    tx_start(&ic, &fp, 7000u, 100u);
    uint32_t v = 0;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
    ck_assert_uint_eq(v, 7000u);
    fp.failing = true;
    ck_assert_int_eq(msdk_cosem_tx_ic_restart(&ic), MSDK_ERR_IO);
    ck_assert_uint_eq(fp.log[fp.calls - 1u], 100u);
    /* Neither the old key's 7001 nor the new key's 0: nothing until 0 + R is durable. */
    v = 0xDEADBEEFu;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_ERR_IO);
    ck_assert_uint_eq(v, 0xDEADBEEFu);
    ck_assert_uint_eq(fp.log[fp.calls - 1u], 100u);
    fp.failing = false;
    ck_assert_int_eq(msdk_cosem_tx_ic_take(&ic, &v), MSDK_OK);
    ck_assert_uint_eq(v, 0u);
    ck_assert_uint_eq(fp.record, 100u);
}
END_TEST

/* ---- Transmit counter: power cuts -------------------------------------------------------------
 */

#define PC_TAKES    10000u
#define PC_R        100u
#define PC_SEEN_MAX 16384u
static const unsigned pc_restarts[] = { 1234u, 5000u, 7777u }; /* clean reboots */

typedef struct pc_result {
    unsigned calls;  /* persist calls */
    unsigned boots;  /* the first boot, the clean restarts and the reboots after a cut */
    uint32_t record; /* NVM record at the end */
    bool cut_seen;   /* the cut took place */
} pc_result_t;

/*
 * Hands out PC_TAKES values with a clean reboot after each count in pc_restarts, and one
 * power cut: before the take that would hand out value number cut_take (RAM lost), or in
 * the persist call number cut_call (the write landing or not). After a cut the run
 * reboots from the record and goes on. No value may be handed out twice, every value must
 * be below the durable record when handed out, and the writes must stay within one per R
 * values plus one per boot.
 */
static pc_result_t pc_run(long cut_take, long cut_call, bool lands)
{
    static uint8_t seen[PC_SEEN_MAX / 8u];
    memset(seen, 0, sizeof seen);
    fake_persist_t fp;
    fp_init(&fp);
    fp.cut_at = cut_call;
    fp.cut_lands = lands;
    msdk_cosem_tx_ic_t ic;
    tx_boot(&ic, &fp, PC_R);
    pc_result_t res = { 0u, 1u, 0u, false };
    unsigned handed = 0;
    unsigned ri = 0;
    while (handed < PC_TAKES) {
        if ((ri < CK_COUNT(pc_restarts)) && (handed == pc_restarts[ri])) {
            ri++;
            tx_boot(&ic, &fp, PC_R);
            res.boots++;
        }
        if (!res.cut_seen && ((long)handed == cut_take)) {
            res.cut_seen = true;
            tx_boot(&ic, &fp, PC_R);
            res.boots++;
        }
        uint32_t v = 0xFFFFFFFFu;
        msdk_err_t err = msdk_cosem_tx_ic_take(&ic, &v);
        if (fp.power_lost) {
            CK_TRUE(err != MSDK_OK);
            CK_EQ(v, 0xFFFFFFFFu);
            res.cut_seen = true;
            fp.power_lost = false;
            fp.cut_at = -1;
            tx_boot(&ic, &fp, PC_R);
            res.boots++;
            continue;
        }
        CK_EQ(err, MSDK_OK);
        CK_TRUE(v < PC_SEEN_MAX);
        CK_TRUE(v < fp.record);
        CK_TRUE((seen[v / 8u] & (1u << (v % 8u))) == 0u);
        seen[v / 8u] = (uint8_t)(seen[v / 8u] | (1u << (v % 8u)));
        handed++;
    }
    res.calls = fp.calls;
    res.record = fp.record;
    /* writes <= takes / R + boots */
    CK_TRUE(res.calls * PC_R <= PC_TAKES + res.boots * PC_R);
    return res;
}

START_TEST(tx_clean_run_writes)
{
    pc_result_t r = pc_run(-1, -1, false);
    ck_assert(!r.cut_seen);
    ck_assert_uint_eq(r.boots, 4u);
    /* Derived by hand, R = 100:
     * boot 1: values 0..1233 (1234), ceil(12.34) = 13 writes, record 1300;
     * boot 2: 1300.. for 3766 values, 38 writes, record 1300 + 3800 = 5100;
     * boot 3: 5100.. for 2777 values, 28 writes, record 5100 + 2800 = 7900;
     * boot 4: 7900.. for 2223 values, 23 writes, record 7900 + 2300 = 10200. */
    ck_assert_uint_eq(r.calls, 13u + 38u + 28u + 23u);
    ck_assert_uint_eq(r.record, 10200u);
}
END_TEST

START_TEST(tx_power_cut_between_every_take)
{
    for (long p = 0; p < (long)PC_TAKES; p++) {
        pc_result_t r = pc_run(p, -1, false);
        CK_TRUE(r.cut_seen);
        CK_EQ(r.boots, 5u);
    }
}
END_TEST

START_TEST(tx_power_cut_in_every_write)
{
    pc_result_t clean = pc_run(-1, -1, false);
    for (int lands = 0; lands < 2; lands++) {
        for (long c = 0; c < (long)clean.calls; c++) {
            pc_result_t r = pc_run(-1, c, lands != 0);
            CK_TRUE(r.cut_seen);
            CK_EQ(r.boots, 5u);
        }
    }
}
END_TEST

/* ---- Received counter --------------------------------------------------------------------- */

START_TEST(rx_replay_and_older_rejected)
{
    msdk_cosem_rx_ic_t rx;
    msdk_cosem_rx_ic_init(&rx);
    bool now = true;
    ck_assert(msdk_cosem_rx_ic_is_fresh(&rx, 0u));
    ck_assert_uint_eq(msdk_cosem_rx_ic_lowest_acceptable(&rx), 0u);
    ck_assert(!msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 0u, false, &now), MSDK_OK); /* new key: 0 ok */
    ck_assert(!now);
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 0u, false, &now), MSDK_ERR_AUTH); /* equal */
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 1u);
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 5u, false, &now), MSDK_OK); /* gap is fine */
    ck_assert_uint_eq(msdk_cosem_rx_ic_last(&rx), 5u);
    ck_assert_uint_eq(msdk_cosem_rx_ic_lowest_acceptable(&rx), 6u);

    msdk_cosem_rx_ic_t before = rx;
    now = true;
    ck_assert(!msdk_cosem_rx_ic_is_fresh(&rx, 3u));
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 3u, true, &now), MSDK_ERR_AUTH); /* older */
    ck_assert(now); /* untouched on error */
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 5u, true, &now), MSDK_ERR_AUTH); /* replay */
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 3u);
    ck_assert_uint_eq(rx.last, before.last);
    ck_assert(rx.dirty == before.dirty);

    ck_assert(msdk_cosem_rx_ic_is_fresh(&rx, 6u));
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 3u); /* the pre-check counts nothing */
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 6u, true, &now), MSDK_OK); /* greater */
    ck_assert(now);
    ck_assert_uint_eq(msdk_cosem_rx_ic_last(&rx), 6u);

    /* The top value is accepted once; after it nothing is (the key must change). */
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 0xFFFFFFFFu, false, &now), MSDK_OK);
    ck_assert_uint_eq(msdk_cosem_rx_ic_lowest_acceptable(&rx), 0x100000000ull);
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 0xFFFFFFFFu, false, &now), MSDK_ERR_AUTH);
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 4u);

    /* Saturating count. */
    rx.rejected = 0xFFFFFFFFu;
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 1u, false, &now), MSDK_ERR_AUTH);
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 0xFFFFFFFFu);

    ck_assert_int_eq(msdk_cosem_rx_ic_accept(NULL, 1u, false, &now), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 1u, false, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert(!msdk_cosem_rx_ic_is_fresh(NULL, 1u));
}
END_TEST

START_TEST(rx_dirty_and_mark_persisted)
{
    msdk_cosem_rx_ic_t rx;
    msdk_cosem_rx_ic_init(&rx);
    bool now = false;
    msdk_cosem_rx_ic_mark_persisted(&rx, 0u); /* nothing accepted: stays clean, no value */
    ck_assert(!msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 10u, false, &now), MSDK_OK);
    ck_assert(msdk_cosem_rx_ic_is_dirty(&rx));
    uint32_t writing = msdk_cosem_rx_ic_last(&rx); /* an asynchronous write of 10 starts */
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 11u, false, &now), MSDK_OK);
    msdk_cosem_rx_ic_mark_persisted(&rx, writing); /* 10 written, but 11 is newer */
    ck_assert(msdk_cosem_rx_ic_is_dirty(&rx));
    msdk_cosem_rx_ic_mark_persisted(&rx, 11u);
    ck_assert(!msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 12u, true, &now), MSDK_OK);
    ck_assert(now);
    ck_assert(msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert(!msdk_cosem_rx_ic_is_dirty(NULL));
}
END_TEST

/* A meter's NVM record of the received counter, written as the acceptance asks. */
typedef struct rx_nvm {
    bool has;
    uint32_t value;
} rx_nvm_t;

static void rx_request(msdk_cosem_rx_ic_t *rx, rx_nvm_t *nvm, uint32_t ic, bool changes_state)
{
    bool now = false;
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(rx, ic, changes_state, &now), MSDK_OK);
    ck_assert(now == changes_state);
    if (now) {
        nvm->has = true;
        nvm->value = msdk_cosem_rx_ic_last(rx);
        msdk_cosem_rx_ic_mark_persisted(rx, nvm->value);
    }
}

static void rx_reboot(msdk_cosem_rx_ic_t *rx, const rx_nvm_t *nvm)
{
    if (nvm->has) {
        msdk_cosem_rx_ic_restore(rx, nvm->value);
    } else {
        msdk_cosem_rx_ic_init(rx);
    }
}

START_TEST(rx_restore_after_reboot)
{
    rx_nvm_t nvm = { false, 0u };
    msdk_cosem_rx_ic_t rx;
    rx_reboot(&rx, &nvm);
    rx_request(&rx, &nvm, 1u, false); /* reads: persisted lazily (not at all here) */
    rx_request(&rx, &nvm, 2u, false);
    rx_request(&rx, &nvm, 3u, true); /* a SET: persisted before it runs */
    ck_assert(nvm.has);
    ck_assert_uint_eq(nvm.value, 3u);
    ck_assert(!msdk_cosem_rx_ic_is_dirty(&rx));
    rx_request(&rx, &nvm, 4u, false); /* reads after the SET */
    rx_request(&rx, &nvm, 5u, false);
    ck_assert(msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert_uint_eq(nvm.value, 3u);

    /* Power cut before the lazy write. */
    rx_reboot(&rx, &nvm);
    ck_assert_uint_eq(msdk_cosem_rx_ic_last(&rx), 3u);
    ck_assert(!msdk_cosem_rx_ic_is_dirty(&rx));
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 0u);
    bool now = false;
    /* Replays of the SET and of everything before it are rejected ... */
    for (uint32_t ic = 1u; ic <= 3u; ic++) {
        ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, ic, true, &now), MSDK_ERR_AUTH);
    }
    ck_assert_uint_eq(msdk_cosem_rx_ic_rejected(&rx), 3u);
    /* ... only the lazily persisted reads (4, 5) could come again. */
    ck_assert(msdk_cosem_rx_ic_is_fresh(&rx, 4u));
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 5u, false, &now), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_rx_ic_accept(&rx, 4u, false, &now), MSDK_ERR_AUTH);

    /* A restored 0 means "0 was accepted": 0 is a replay, 1 is not. */
    msdk_cosem_rx_ic_restore(&rx, 0u);
    ck_assert(!msdk_cosem_rx_ic_is_fresh(&rx, 0u));
    ck_assert(msdk_cosem_rx_ic_is_fresh(&rx, 1u));
}
END_TEST

/* ---- Security events ---------------------------------------------------------------------- */

typedef struct ev_log {
    unsigned n;
    msdk_cosem_secevent_t event[8];
    uint16_t sap[8];
    uint32_t count[8];
} ev_log_t;

static void ev_record(void *ctx, msdk_cosem_secevent_t event, uint16_t client_sap, uint32_t count)
{
    ev_log_t *log = ctx;
    ck_assert_uint_lt(log->n, 8u);
    log->event[log->n] = event;
    log->sap[log->n] = client_sap;
    log->count[log->n] = count;
    log->n++;
}

START_TEST(secevents_count_and_report)
{
    ev_log_t log;
    memset(&log, 0, sizeof log);
    msdk_cosem_secevents_t ev;
    memset(&ev, 0xA5, sizeof ev);
    msdk_cosem_secevents_init(&ev, ev_record, &log);
    for (unsigned i = 0; i < MSDK_COSEM_SECEVENT_COUNT; i++) {
        ck_assert_uint_eq(ev.counters.count[i], 0u);
    }
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_AUTH_FAILED, 1u), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_AUTH_FAILED, 3u), 2u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_REPLAY, 1u), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_DECRYPT_FAILED, 2u), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_KEY_CHANGED, 1u), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_POLICY_CHANGED, 1u), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, (msdk_cosem_secevent_t)5, 1u), 0u);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(NULL, MSDK_COSEM_SECEVENT_REPLAY, 1u), 0u);

    ck_assert_uint_eq(log.n, 6u); /* the unknown event and the NULL state reported nothing */
    ck_assert_int_eq(log.event[1], MSDK_COSEM_SECEVENT_AUTH_FAILED);
    ck_assert_uint_eq(log.sap[1], 3u);
    ck_assert_uint_eq(log.count[1], 2u);
    ck_assert_int_eq(log.event[3], MSDK_COSEM_SECEVENT_DECRYPT_FAILED);
    ck_assert_uint_eq(log.sap[3], 2u);
    ck_assert_uint_eq(log.count[3], 1u);

    ck_assert_uint_eq(msdk_cosem_secevents_count(&ev, MSDK_COSEM_SECEVENT_AUTH_FAILED), 2u);
    ck_assert_uint_eq(msdk_cosem_secevents_count(&ev, MSDK_COSEM_SECEVENT_REPLAY), 1u);
    ck_assert_uint_eq(msdk_cosem_secevents_count(&ev, (msdk_cosem_secevent_t)5), 0u);
    ck_assert_uint_eq(msdk_cosem_secevents_count(NULL, MSDK_COSEM_SECEVENT_REPLAY), 0u);

    /* No callback; saturation. */
    msdk_cosem_secevents_init(&ev, NULL, NULL);
    ev.counters.count[MSDK_COSEM_SECEVENT_REPLAY] = 0xFFFFFFFEu;
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_REPLAY, 1u), 0xFFFFFFFFu);
    ck_assert_uint_eq(msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_REPLAY, 1u), 0xFFFFFFFFu);
    ck_assert_uint_eq(log.n, 6u);
}
END_TEST

/* ---- Lockout ------------------------------------------------------------------------------ */

/* n failures at `at`; returns whether the last one started a lockout. */
static bool lo_fail_n(msdk_cosem_lockout_t *lo, const msdk_cosem_lockout_config_t *cfg, uint64_t at,
                      unsigned n)
{
    bool locked = false;
    for (unsigned i = 0; i < n; i++) {
        locked = msdk_cosem_lockout_fail(lo, cfg, at);
        if (i + 1u < n) {
            ck_assert(!locked);
        }
    }
    return locked;
}

START_TEST(lockout_default_sequence)
{
    msdk_cosem_lockout_t lo;
    memset(&lo, 0xA5, sizeof lo);
    msdk_cosem_lockout_init(&lo);
    const uint64_t t0 = 1000000u;
    ck_assert(msdk_cosem_lockout_is_allowed(&lo, 0u));
    ck_assert(!msdk_cosem_lockout_fail(&lo, NULL, t0));
    ck_assert(!msdk_cosem_lockout_fail(&lo, NULL, t0 + 1u));
    ck_assert(msdk_cosem_lockout_is_allowed(&lo, t0 + 2u));
    ck_assert(msdk_cosem_lockout_fail(&lo, NULL, t0 + 2u)); /* 3rd: locked for 60 s */
    ck_assert(!msdk_cosem_lockout_is_allowed(&lo, t0 + 2u));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t0 + 2u), 60000u);
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t0 + 2u + 59999u), 1u);
    ck_assert(!msdk_cosem_lockout_is_allowed(&lo, t0 + 2u + 59999u));
    /* A failure reported while locked changes nothing. */
    ck_assert(!msdk_cosem_lockout_fail(&lo, NULL, t0 + 30000u));
    ck_assert_uint_eq(lo.failures, 0u);
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t0 + 30000u), 30002u);
    /* Allowed again after 60 s. */
    uint64_t t1 = t0 + 2u + 60000u;
    ck_assert(msdk_cosem_lockout_is_allowed(&lo, t1));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t1), 0u);
    /* Three more: 120 s. */
    ck_assert(lo_fail_n(&lo, NULL, t1, 3u));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t1), 120000u);
    ck_assert(!msdk_cosem_lockout_is_allowed(&lo, t1 + 119999u));
    uint64_t t2 = t1 + 120000u;
    ck_assert(msdk_cosem_lockout_is_allowed(&lo, t2));
    /* Two failures, then a success: the count and the back-off are cleared. */
    ck_assert(!lo_fail_n(&lo, NULL, t2, 2u));
    msdk_cosem_lockout_success(&lo);
    ck_assert(!lo_fail_n(&lo, NULL, t2, 2u));          /* 2 after the success: not locked */
    ck_assert(msdk_cosem_lockout_fail(&lo, NULL, t2)); /* 3rd: back to 60 s */
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t2), 60000u);
}
END_TEST

START_TEST(lockout_configured_and_cap)
{
    const msdk_cosem_lockout_config_t cfg = { 2u, 60000u, 200000u };
    msdk_cosem_lockout_t lo;
    msdk_cosem_lockout_init(&lo);
    /* 60 s, 120 s, then the cap (240 s > 200 s), and the cap again. */
    static const uint64_t expect[] = { 60000u, 120000u, 200000u, 200000u };
    uint64_t t = 5000u;
    for (unsigned k = 0; k < CK_COUNT(expect); k++) {
        ck_assert(lo_fail_n(&lo, &cfg, t, 2u));
        ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t), expect[k]);
        t += expect[k];
        ck_assert(msdk_cosem_lockout_is_allowed(&lo, t));
    }

    /* Defaults: 60 s * 2^k up to 24 h (86,400 s); 60 * 2^10 = 61,440 s, 60 * 2^11 > cap. */
    static const uint64_t dflt[] = {
        60000u,   120000u,  240000u,   480000u,   960000u,   1920000u,
        3840000u, 7680000u, 15360000u, 30720000u, 61440000u, 86400000u
    };
    msdk_cosem_lockout_init(&lo);
    const msdk_cosem_lockout_config_t zero = { 0u, 0u, 0u };
    t = 0u;
    for (unsigned k = 0; k < 40u; k++) { /* beyond the level limit */
        ck_assert(lo_fail_n(&lo, (k % 2u) ? &zero : NULL, t, 3u));
        uint64_t d = (k < CK_COUNT(dflt)) ? dflt[k] : 86400000u;
        CK_EQ(msdk_cosem_lockout_remaining_ms(&lo, t), d);
        t += d;
    }
    ck_assert_uint_eq(lo.level, MSDK_COSEM_LOCKOUT_LEVEL_MAX);

    /* A cap below the first duration is raised to it; a 1 ms first lockout doubles 31
     * times at most even under the largest cap. */
    const msdk_cosem_lockout_config_t low = { 1u, 5000u, 1000u };
    msdk_cosem_lockout_init(&lo);
    ck_assert(msdk_cosem_lockout_fail(&lo, &low, 0u));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, 0u), 5000u);
    const msdk_cosem_lockout_config_t tiny = { 1u, 1u, 0xFFFFFFFFu };
    msdk_cosem_lockout_init(&lo);
    t = 0u;
    for (unsigned k = 0; k < 40u; k++) {
        ck_assert(msdk_cosem_lockout_fail(&lo, &tiny, t));
        uint64_t d = (k < 32u) ? ((uint64_t)1u << k) : ((uint64_t)1u << 31);
        CK_EQ(msdk_cosem_lockout_remaining_ms(&lo, t), d);
        t += d;
    }
}
END_TEST

START_TEST(lockout_large_uptimes)
{
    msdk_cosem_lockout_t lo;
    msdk_cosem_lockout_init(&lo);
    /* Beyond 32 bits of milliseconds (49.7 days) and beyond 2^63. */
    static const uint64_t starts[] = { 0xFFFFFFFFull - 1000u, 0x123456789ABCull,
                                       0x8000000000000005ull };
    for (unsigned i = 0; i < CK_COUNT(starts); i++) {
        msdk_cosem_lockout_init(&lo);
        uint64_t t = starts[i];
        ck_assert(lo_fail_n(&lo, NULL, t, 3u));
        ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t), 60000u);
        ck_assert(!msdk_cosem_lockout_is_allowed(&lo, t + 59999u));
        ck_assert(msdk_cosem_lockout_is_allowed(&lo, t + 60000u));
        ck_assert(lo_fail_n(&lo, NULL, t + 60000u, 3u));
        ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t + 60000u), 120000u);
    }
    /* At the end of time the deadline saturates instead of wrapping to a past time. */
    msdk_cosem_lockout_init(&lo);
    uint64_t t = UINT64_MAX - 10u;
    ck_assert(lo_fail_n(&lo, NULL, t, 3u));
    ck_assert(!msdk_cosem_lockout_is_allowed(&lo, t));
    ck_assert(!msdk_cosem_lockout_is_allowed(&lo, UINT64_MAX - 1u));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&lo, t), 10u);
    ck_assert(msdk_cosem_lockout_is_allowed(&lo, UINT64_MAX));
    ck_assert(msdk_cosem_lockout_is_allowed(NULL, 0u));
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(NULL, 0u), 0u);
    ck_assert(!msdk_cosem_lockout_fail(NULL, NULL, 0u));
}
END_TEST

START_TEST(lockout_snapshot)
{
    msdk_cosem_lockout_t lo;
    msdk_cosem_lockout_init(&lo);
    const uint64_t t0 = 10000000u;
    ck_assert(lo_fail_n(&lo, NULL, t0, 3u));
    ck_assert(lo_fail_n(&lo, NULL, t0 + 60000u, 3u)); /* 2nd lockout: 120 s */
    msdk_cosem_lockout_record_t rec;
    msdk_cosem_lockout_save(&lo, t0 + 60000u + 20000u, &rec);
    ck_assert_uint_eq(rec.remaining_ms, 100000u);
    ck_assert_uint_eq(rec.level, 2u);
    ck_assert_uint_eq(rec.failures, 0u);

    /* Reboot: the uptime restarts; the time left runs from the new uptime. */
    msdk_cosem_lockout_t b;
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, NULL, 500u, &rec), MSDK_OK);
    ck_assert(!msdk_cosem_lockout_is_allowed(&b, 500u + 99999u));
    ck_assert(msdk_cosem_lockout_is_allowed(&b, 500u + 100000u));
    ck_assert(lo_fail_n(&b, NULL, 500u + 100000u, 3u)); /* back-off kept: 3rd lockout 240 s */
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&b, 500u + 100000u), 240000u);

    /* Not locked: failures and level survive, nothing pending. */
    msdk_cosem_lockout_init(&lo);
    ck_assert(!lo_fail_n(&lo, NULL, 0u, 2u));
    msdk_cosem_lockout_save(&lo, 5u, &rec);
    ck_assert_uint_eq(rec.remaining_ms, 0u);
    ck_assert_uint_eq(rec.failures, 2u);
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, NULL, 0u, &rec), MSDK_OK);
    ck_assert(msdk_cosem_lockout_is_allowed(&b, 0u));
    ck_assert(msdk_cosem_lockout_fail(&b, NULL, 0u)); /* the 3rd consecutive failure */

    /* Untrusted records: clamped when a configuration change explains them ... */
    const msdk_cosem_lockout_config_t cfg = { 3u, 60000u, 200000u };
    const msdk_cosem_lockout_record_t big = { 0xFFFFFFFFu, 9u, 4u };
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, &cfg, 1000u, &big), MSDK_OK);
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&b, 1000u), 200000u);
    ck_assert_uint_eq(b.failures, 2u);
    /* ... refused when nothing explains them, leaving the state unchanged. */
    const msdk_cosem_lockout_record_t bad_level = { 0u, 0u, MSDK_COSEM_LOCKOUT_LEVEL_MAX + 1u };
    const msdk_cosem_lockout_record_t no_level = { 1000u, 0u, 0u };
    msdk_cosem_lockout_t keep = b;
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, &cfg, 0u, &bad_level), MSDK_ERR_CORRUPT);
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, &cfg, 0u, &no_level), MSDK_ERR_CORRUPT);
    ck_assert(memcmp(&keep, &b, sizeof b) == 0);
    ck_assert_int_eq(msdk_cosem_lockout_load(NULL, &cfg, 0u, &big), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, &cfg, 0u, NULL), MSDK_ERR_INVALID_ARG);
    /* A pending lockout restored near the end of time saturates. */
    const msdk_cosem_lockout_record_t pend = { 60000u, 0u, 1u };
    ck_assert_int_eq(msdk_cosem_lockout_load(&b, NULL, UINT64_MAX - 5u, &pend), MSDK_OK);
    ck_assert_uint_eq(msdk_cosem_lockout_remaining_ms(&b, UINT64_MAX - 5u), 5u);
}
END_TEST

Suite *cosem_secstate_suite(void)
{
    Suite *s = suite_create("cosem_secstate");
    CK_TCASE(s, "tx_ic", NULL, tx_first_window_then_no_write, tx_default_window_and_resume, tx_args,
             tx_persist_failure_hands_out_nothing, tx_exhaustion, tx_window_clamped_near_top,
             tx_restart_write_fails, tx_clean_run_writes, tx_power_cut_between_every_take,
             tx_power_cut_in_every_write);
    CK_TCASE(s, "rx_ic", NULL, rx_replay_and_older_rejected, rx_dirty_and_mark_persisted,
             rx_restore_after_reboot);
    CK_TCASE(s, "secevents", NULL, secevents_count_and_report);
    CK_TCASE(s, "lockout", NULL, lockout_default_sequence, lockout_configured_and_cap,
             lockout_large_uptimes, lockout_snapshot);
    return s;
}
