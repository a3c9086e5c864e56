/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's interim A/B NVM record (examples/ma304h4/src/nvrec.c): a power cut at
 * every program and erase of a sequence of saves, in every cut mode, never loses the last
 * completed record and never loads a torn one. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fake_nvm.h"
#include "nvrec.h"

#define SECTOR  4096u
#define PAGE    256u
#define REGION  (8u * SECTOR)
#define BASE    (2u * SECTOR)
#define RING    3u /* sectors of the record's ring */
#define VERSION 3u
#define SAVES   6u
#define REC_LEN 700u /* three pages per record */

static uint8_t ram[REGION];
static uint8_t scratch[SECTOR / 2u];
static const msdk_nvm_geometry_t geo = { REGION, SECTOR, PAGE, 1u };

/* Payload of save number i (1-based): i repeated, and its index bytes. */
static void payload_of(uint32_t i, uint8_t *p)
{
    for (uint32_t k = 0; k < REC_LEN; k++) {
        p[k] = (uint8_t)(i * 31u + k);
    }
}

/* Which save a payload is (0: none matches). */
static uint32_t which(const uint8_t *p, size_t len)
{
    uint8_t want[REC_LEN];
    for (uint32_t i = 1; (len == REC_LEN) && (i <= SAVES); i++) {
        payload_of(i, want);
        if (memcmp(p, want, REC_LEN) == 0) {
            return i;
        }
    }
    return 0u;
}

START_TEST(empty_region_has_no_record)
{
    msdk_fake_nvm_t flash;
    memset(ram, 0xFF, sizeof ram);
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, ram, &geo, NULL), MSDK_OK);
    ma304h4_nvrec_t r;
    uint8_t buf[MA304H4_NVREC_MAX];
    size_t len = 99u;
    ck_assert_int_eq(ma304h4_nvrec_open(&r, &flash.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
                     MSDK_OK);
    ck_assert_uint_eq(len, 0u);
    /* Bad places are refused. */
    ck_assert_int_eq(
        ma304h4_nvrec_open(&r, &flash.nvm, BASE + 1u, RING, VERSION, buf, sizeof buf, &len),
        MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(
        ma304h4_nvrec_open(&r, &flash.nvm, REGION - SECTOR, RING, VERSION, buf, sizeof buf, &len),
        MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(saves_go_round_the_ring_and_reload)
{
    msdk_fake_nvm_t flash;
    uint32_t wear[REGION / SECTOR] = { 0 };
    memset(ram, 0xFF, sizeof ram);
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, ram, &geo, wear), MSDK_OK);
    ma304h4_nvrec_t r;
    uint8_t buf[MA304H4_NVREC_MAX];
    uint8_t p[REC_LEN];
    size_t len = 0u;
    ck_assert_int_eq(ma304h4_nvrec_open(&r, &flash.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
                     MSDK_OK);
    for (uint32_t i = 1; i <= SAVES; i++) {
        payload_of(i, p);
        ck_assert_int_eq(ma304h4_nvrec_save(&r, p, sizeof p), MSDK_OK);
        /* Reboot: the newest is the one just saved. */
        ma304h4_nvrec_t again;
        ck_assert_int_eq(
            ma304h4_nvrec_open(&again, &flash.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
            MSDK_OK);
        ck_assert_uint_eq(which(buf, len), i);
    }
    /* One erase per save, one program per page touched (700 + 16 bytes: 3 pages). */
    ck_assert_uint_eq(flash.stats.erases, SAVES);
    ck_assert_uint_eq(flash.stats.programs, 3u * SAVES);
    /* Nothing outside the ring was touched, and the wear went round it. */
    for (uint32_t a = 0; a < REGION; a++) {
        if ((a < BASE) || (a >= BASE + RING * SECTOR)) {
            ck_assert_uint_eq(ram[a], 0xFFu);
        }
    }
    for (uint32_t k = 0; k < REGION / SECTOR; k++) {
        bool in_ring = (k >= BASE / SECTOR) && (k < BASE / SECTOR + RING);
        ck_assert_uint_eq(wear[k], in_ring ? SAVES / RING : 0u);
    }
    ck_assert_int_eq(ma304h4_nvrec_open(&r, &flash.nvm, BASE, 1u, VERSION, buf, sizeof buf, &len),
                     MSDK_ERR_INVALID_ARG);
    /* Another version is not loaded. */
    ck_assert_int_eq(
        ma304h4_nvrec_open(&r, &flash.nvm, BASE, RING, VERSION + 1u, buf, sizeof buf, &len),
        MSDK_OK);
    ck_assert_uint_eq(len, 0u);
}
END_TEST

START_TEST(power_cut_at_every_operation)
{
    uint8_t buf[MA304H4_NVREC_MAX];
    uint8_t p[REC_LEN];
    unsigned cuts = 0u;
    for (int mode = 0; mode < (int)MSDK_FAKE_NVM_CUT_MODE_COUNT; mode++) {
        for (uint32_t k = 0;; k++) {
            msdk_fake_nvm_t flash;
            memset(ram, 0xFF, sizeof ram);
            ck_assert_int_eq(msdk_fake_nvm_init(&flash, ram, &geo, NULL), MSDK_OK);
            msdk_fake_nvm_cut_t cut;
            msdk_fake_nvm_cut_config_t cfg = { 0 };
            cfg.armed = true;
            cfg.cut_after = k;
            cfg.mode = (msdk_fake_nvm_cut_mode_t)mode;
            cfg.after = MSDK_FAKE_NVM_AFTER_CUT_DROP;
            cfg.seed = 0x1234u + k;
            cfg.scratch = scratch;
            cfg.scratch_size = sizeof scratch;
            ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cfg), MSDK_OK);
            ma304h4_nvrec_t r;
            size_t len = 0u;
            ck_assert_int_eq(
                ma304h4_nvrec_open(&r, &cut.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
                MSDK_OK);
            uint32_t done = 0u; /* last save that reported success */
            for (uint32_t i = 1; i <= SAVES; i++) {
                payload_of(i, p);
                if (ma304h4_nvrec_save(&r, p, sizeof p) != MSDK_OK) {
                    break;
                }
                done = i;
            }
            bool hit = msdk_fake_nvm_cut_reached(&cut);
            /* Reboot on the same memory. */
            ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
            ck_assert_int_eq(
                ma304h4_nvrec_open(&r, &cut.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
                MSDK_OK);
            uint32_t got = which(buf, len);
            /* Never torn; never older than the last save that reported success; at most
             * the save that was cut (when its last byte made it). */
            ck_assert_msg((len == 0u) || (got != 0u), "mode %d cut %u: torn record loaded", mode,
                          (unsigned)k);
            ck_assert_msg((got >= done) && (got <= done + 1u),
                          "mode %d cut %u: loaded save %u, last completed %u", mode, (unsigned)k,
                          (unsigned)got, (unsigned)done);
            if (done < SAVES) {
                ck_assert_msg(hit, "save %u failed without a cut", (unsigned)(done + 1u));
            }
            /* After the reboot, saving goes on. */
            payload_of(SAVES, p);
            ck_assert_int_eq(ma304h4_nvrec_save(&r, p, sizeof p), MSDK_OK);
            ck_assert_int_eq(
                ma304h4_nvrec_open(&r, &cut.nvm, BASE, RING, VERSION, buf, sizeof buf, &len),
                MSDK_OK);
            ck_assert_uint_eq(which(buf, len), SAVES);
            if (!hit) {
                break;
            }
            cuts++;
        }
    }
    ck_assert_uint_gt(cuts, 6u * SAVES * 4u - 1u); /* every erase and program, every mode */
}
END_TEST

Suite *nvrec_suite(void);
Suite *nvrec_suite(void)
{
    Suite *s = suite_create("nvrec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, empty_region_has_no_record);
    tcase_add_test(tc, saves_go_round_the_ring_and_reload);
    tcase_add_test(tc, power_cut_at_every_operation);
    suite_add_tcase(s, tc);
    return s;
}
