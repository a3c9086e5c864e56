/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * NVM port: 2 MiB of PSRAM (0x21000000) with NOR-flash semantics, 4 KiB
 * sectors, 256 B pages, byte programming. Erase sets a sector to 0xFF;
 * program ANDs the new data into the old content. At a cold start (first boot
 * of a QEMU run) the region is filled with 0xFF like a new flash chip; it
 * keeps its content across processor resets.
 */
#include <string.h>
#include "msdk/port/nvm.h"
#include "mps2_internal.h"

static uint8_t *msdk_mps2_nvm_mem(uint32_t addr)
{
    return (uint8_t *)(uintptr_t)(MSDK_MPS2_NVM_BASE + addr);
}

void msdk_mps2_nvm_boot(void)
{
    if (msdk_mps2_cold_boot) {
        memset(msdk_mps2_nvm_mem(0), 0xFF, MSDK_MPS2_NVM_SIZE);
    }
}

static msdk_err_t msdk_mps2_nvm_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    (void)ctx;
    memcpy(buf, msdk_mps2_nvm_mem(addr), len);
    return MSDK_OK;
}

static msdk_err_t msdk_mps2_nvm_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    (void)ctx;
    uint8_t *dst = msdk_mps2_nvm_mem(addr);
    for (size_t i = 0; i < len; i++) {
        dst[i] &= data[i];
    }
    return MSDK_OK;
}

static msdk_err_t msdk_mps2_nvm_erase(void *ctx, uint32_t addr)
{
    (void)ctx;
    memset(msdk_mps2_nvm_mem(addr), 0xFF, MSDK_MPS2_NVM_SECTOR_SIZE);
    return MSDK_OK;
}

static const msdk_nvm_ops_t msdk_mps2_nvm_ops = {
    .read = msdk_mps2_nvm_read,
    .program = msdk_mps2_nvm_program,
    .erase = msdk_mps2_nvm_erase,
};

const msdk_nvm_t msdk_mps2_nvm_data = {
    .ops = &msdk_mps2_nvm_ops,
    .ctx = NULL,
    .geo = {
        .size = MSDK_MPS2_NVM_SIZE,
        .sector_size = MSDK_MPS2_NVM_SECTOR_SIZE,
        .page_size = MSDK_MPS2_NVM_PAGE_SIZE,
        .prog_align = 1u,
    },
};
