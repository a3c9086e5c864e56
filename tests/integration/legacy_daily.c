/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* legacy_daily NVMFILE BASE_SECTOR ROWS FIRST_UTC: writes ROWS rows into the daily billing log
 * of the MA304H4's earlier layout (libeventlog profile, log id 0x5002, 7 sectors from
 * BASE_SECTOR, 12 channels) of a simulator's NVM file, one a day from FIRST_UTC: channel j of
 * row k (from 0) is (k + 1) * 1000 + j, status 0. What a meter of the earlier firmware left
 * behind, for sim.mbus's upgrade check (docs/nvm-format.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_nvm.h"
#include "msdk/eventlog/profile.h"

#define SECTOR   4096u
#define PAGE     256u
#define CHANNELS 12u
#define SECTORS  7u
#define LOG_ID   0x5002u

static uint32_t g_row; /* the row being captured */

static msdk_err_t read_row(void *ctx, int64_t *values, uint8_t n)
{
    (void)ctx;
    for (uint8_t j = 0; j < n; j++) {
        values[j] = (int64_t)(g_row + 1u) * 1000 + j;
    }
    return MSDK_OK;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: legacy_daily NVMFILE BASE_SECTOR ROWS FIRST_UTC\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r+b");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 1;
    }
    const long size = ftell(f);
    const unsigned long base = strtoul(argv[2], NULL, 10) * SECTOR;
    const unsigned long rows = strtoul(argv[3], NULL, 10);
    const long long first = strtoll(argv[4], NULL, 10);
    if ((size <= 0) || ((unsigned long)size % SECTOR != 0u) ||
        (base + (SECTORS * SECTOR) > (unsigned long)size) || (rows == 0u) || (rows > 100u)) {
        fprintf(stderr, "legacy_daily: bad arguments or file size %ld\n", size);
        return 2;
    }
    uint8_t *mem = malloc((size_t)size);
    if ((mem == NULL) || (fseek(f, 0, SEEK_SET) != 0) ||
        (fread(mem, 1, (size_t)size, f) != (size_t)size)) {
        fprintf(stderr, "legacy_daily: cannot read %s\n", argv[1]);
        return 1;
    }
    const msdk_nvm_geometry_t geo = { (uint32_t)size, SECTOR, PAGE, 1u };
    msdk_fake_nvm_t nvm;
    msdk_evlog_profile_t p;
    const msdk_evlog_profile_config_t cfg = {
        .log = { .nvm = &nvm.nvm, .base = (uint32_t)base, .sectors = SECTORS, .log_id = LOG_ID },
        .period_s = 0u,
        .channels = CHANNELS,
        .read = read_row,
        .ctx = NULL,
    };
    if ((msdk_fake_nvm_init(&nvm, mem, &geo, NULL) != MSDK_OK) ||
        (msdk_evlog_profile_mount(&p, &cfg) != MSDK_OK)) {
        fprintf(stderr, "legacy_daily: the log does not mount\n");
        return 1;
    }
    for (g_row = 0; g_row < rows; g_row++) {
        if (msdk_evlog_profile_capture(&p, first + ((long long)g_row * 86400), 0u, NULL) !=
            MSDK_OK) {
            fprintf(stderr, "legacy_daily: row %u not stored\n", (unsigned)g_row);
            return 1;
        }
    }
    if ((fseek(f, 0, SEEK_SET) != 0) || (fwrite(mem, 1, (size_t)size, f) != (size_t)size) ||
        (fclose(f) != 0)) {
        fprintf(stderr, "legacy_daily: cannot write %s\n", argv[1]);
        return 1;
    }
    free(mem);
    return 0;
}
