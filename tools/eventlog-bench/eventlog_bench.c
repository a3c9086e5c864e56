/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Cost of libeventlog's storage (issue 7, docs/performance.md), on a RAM NOR flash of 1 MiB
 * (4 KiB sectors, 256-byte pages) with an operation counter:
 *   - a load profile of 15-minute rows (payload 32 bytes: 4 channels of 64 bits) filled
 *     beyond 16,800 rows, then: the NVM record reads of msdk_evlog_log_find_time() for
 *     every day boundary (range_search_reads= the largest; the test fails above 40), the
 *     reads of a mount of the full log (mount_reads=; fails above the bound of log.h:
 *     sectors + 2 x slots + 1);
 *   - appends (bench_append) and snapshot saves of a 64-byte object (bench_snapshot_save),
 *     and the mount (bench_mount), whose instructions scripts/bench-eventlog.sh takes from
 *     callgrind.
 * Exit status 0 when the figures are within their bounds, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "msdk/eventlog/log.h"
#include "msdk/eventlog/snapshot.h"

#define SECTOR   4096u
#define PAGE     256u
#define MEM_SIZE (1024u * 1024u)
#define ROWS     16800u
#define PERIOD_S 900
#define PAYLOAD  32u

typedef struct ram_nvm {
    uint8_t mem[MEM_SIZE];
    uint32_t reads;
} ram_nvm_t;

static ram_nvm_t ram;

static msdk_err_t ram_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    ram_nvm_t *r = ctx;
    memcpy(buf, &r->mem[addr], len);
    r->reads++;
    return MSDK_OK;
}

static msdk_err_t ram_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    ram_nvm_t *r = ctx;
    for (size_t i = 0; i < len; i++) {
        r->mem[addr + i] &= data[i];
    }
    return MSDK_OK;
}

static msdk_err_t ram_erase(void *ctx, uint32_t addr)
{
    ram_nvm_t *r = ctx;
    memset(&r->mem[addr], 0xFF, SECTOR);
    return MSDK_OK;
}

static const msdk_nvm_ops_t ram_ops = { ram_read, ram_program, ram_erase };
static const msdk_nvm_t nvm = { &ram_ops, &ram, { MEM_SIZE, SECTOR, PAGE, 1u } };

/* The profile: all of the region but the last 8 sectors (the snapshot store). */
static const msdk_evlog_log_config_t profile_cfg = { &nvm, 0u, (MEM_SIZE / SECTOR) - 8u, PAYLOAD,
                                                     0x4C50u };
static const msdk_evlog_snap_config_t snap_cfg = { &nvm, MEM_SIZE - (8u * SECTOR), 8u, 64u, 0x454Eu,
                                                   1u };

/* Kept out of line so that callgrind can attribute their cost. */
__attribute__((noinline)) static msdk_err_t bench_append(msdk_evlog_log_t *log, int64_t t,
                                                         const uint8_t *row)
{
    return msdk_evlog_log_append(log, t, row, NULL);
}

__attribute__((noinline)) static msdk_err_t bench_snapshot_save(msdk_evlog_snap_t *s,
                                                                const uint8_t *obj)
{
    return msdk_evlog_snap_save(s, obj);
}

__attribute__((noinline)) static msdk_err_t bench_mount(msdk_evlog_log_t *log)
{
    return msdk_evlog_log_mount(log, &profile_cfg);
}

int main(void)
{
    memset(ram.mem, 0xFF, sizeof ram.mem);
    msdk_evlog_log_t log;
    if (msdk_evlog_log_mount(&log, &profile_cfg) != MSDK_OK) {
        return 1;
    }
    const uint32_t capacity = msdk_evlog_log_capacity(&profile_cfg);
    /* Fill beyond 16,800 rows and beyond the capacity (the ring has wrapped). */
    const uint32_t total = capacity + (capacity / 3u);
    const int64_t t0 = 800000000; /* 2025-05-10, seconds since 2000 */
    uint8_t row[PAYLOAD];
    for (uint32_t i = 0; i < total; i++) {
        memset(row, (int)(i & 0xFFu), sizeof row);
        memcpy(row, &i, sizeof i);
        if (bench_append(&log, t0 + ((int64_t)i * PERIOD_S), row) != MSDK_OK) {
            return 1;
        }
    }
    const uint32_t count = msdk_evlog_log_count(&log);
    /* Every day boundary inside the log. */
    uint32_t worst = 0u;
    uint32_t probes = 0u;
    const int64_t first_t = t0 + ((int64_t)(total - count) * PERIOD_S);
    for (int64_t t = first_t; t < t0 + ((int64_t)total * PERIOD_S); t += 86400) {
        uint32_t seq = 0u;
        uint32_t reads = 0u;
        if (msdk_evlog_log_find_time(&log, t, &seq, &reads) != MSDK_OK) {
            return 1;
        }
        worst = (reads > worst) ? reads : worst;
        probes++;
    }
    /* Boot: a mount of the full log. */
    ram.reads = 0u;
    if (bench_mount(&log) != MSDK_OK) {
        return 1;
    }
    const uint32_t mount_reads = ram.reads;
    const uint32_t sectors = profile_cfg.sectors;
    const uint32_t slots = capacity / (sectors - 1u);
    const uint32_t mount_bound = sectors + (2u * slots) + 1u;
    /* Snapshot saves. */
    msdk_evlog_snap_t snap;
    uint8_t obj[64];
    memset(obj, 0, sizeof obj);
    msdk_err_t err = msdk_evlog_snap_open(&snap, &snap_cfg, obj, NULL);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_FOUND)) {
        return 1;
    }
    const uint32_t saves = 1000u;
    for (uint32_t i = 0; i < saves; i++) {
        memcpy(obj, &i, sizeof i);
        if (bench_snapshot_save(&snap, obj) != MSDK_OK) {
            return 1;
        }
    }
    printf("log_rows=%u capacity=%u appends=%u\n", (unsigned)count, (unsigned)capacity,
           (unsigned)total);
    printf("range_search_reads=%u (worst of %u day boundaries, %u rows)\n", (unsigned)worst,
           (unsigned)probes, (unsigned)count);
    printf("mount_reads=%u (bound %u: %u sectors + 2 x %u slots + 1) log_bytes=%u\n",
           (unsigned)mount_reads, (unsigned)mount_bound, (unsigned)sectors, (unsigned)slots,
           (unsigned)(sectors * SECTOR));
    printf("snapshot_saves=%u\n", (unsigned)saves);
    int ok = (count >= ROWS) && (worst <= 40u) && (mount_reads <= mount_bound);
    printf("bounds: rows >= %u, range_search_reads <= 40, mount_reads <= %u: %s\n", (unsigned)ROWS,
           (unsigned)mount_bound, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
