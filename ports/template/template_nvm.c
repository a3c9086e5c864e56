/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * NVM driver (msdk/port/nvm.h) and the board's NVM regions
 * (msdk_port_board_nvm() of msdk/port/board.h lives here so that the
 * instances can stay `static const`).
 *
 * Semantics are those of NOR flash whatever the memory is: erase sets a
 * whole sector to 0xFF, program ANDs new data into old (bits only go from 1
 * to 0) and never crosses a page. An EEPROM or F-RAM driver emulates that
 * (erase writes 0xFF, program reads-ANDs-writes, or the storage layer
 * simply never programs over non-erased data). The msdk_nvm_*() wrappers
 * check bounds, alignment and page crossing, so a driver may assume valid
 * arguments. Conformance: msdk_conf_nvm() (tests/port); it erases the region.
 */
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/board.h"
#include "msdk/port/nvm.h"

/* TODO(port): the geometry of the data region (here: 1 MiB SPI NOR with 4 KiB
 * sectors and 256-byte pages). Internal flash: sector = erase page, page =
 * the largest program burst, prog_align = the program width (8 for 64-bit
 * double-word programming with ECC). */
#define TEMPLATE_NVM_SIZE        (1024u * 1024u)
#define TEMPLATE_NVM_SECTOR_SIZE 4096u
#define TEMPLATE_NVM_PAGE_SIZE   256u
#define TEMPLATE_NVM_PROG_ALIGN  1u

/* State of one NVM device. TODO(port): add what the driver needs. */
typedef struct template_flash {
    uint32_t base; /* TODO(port): offset of the region in the device, SPI instance, chip select. */
} template_flash_t;

static template_flash_t flash_data_ctx = { 0u };

static msdk_err_t flash_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(addr);
    MSDK_UNUSED_PARAM(buf);
    MSDK_UNUSED_PARAM(len);
    /*
     * TODO(port): copy len bytes from region offset addr into buf (memory-
     * mapped flash: memcpy from base + addr; SPI NOR: READ 0x03 or FAST READ
     * 0x0B, any length, crossing pages and sectors). Called from the main
     * loop and from the power-fail handler; do not wait on locks the main
     * loop holds. A bus or ECC error returns MSDK_ERR_IO (the storage layer
     * then treats the record as corrupt).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

static msdk_err_t flash_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(addr);
    MSDK_UNUSED_PARAM(data);
    MSDK_UNUSED_PARAM(len);
    /*
     * TODO(port): program len bytes (within one page, aligned to prog_align)
     * so that the result is old AND data. SPI NOR: WRITE ENABLE, PAGE
     * PROGRAM 0x02, then poll the WIP bit with a bounded loop (typ. 0.7 ms,
     * max 3-5 ms per page). This is the operation of the power-fail path: it
     * must finish within the hold-up time, run with interrupts enabled and
     * not depend on anything the main loop may hold. Time-out or a program
     * error flag returns MSDK_ERR_IO; the page content is then undefined,
     * which the storage layer tolerates.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

static msdk_err_t flash_erase(void *ctx, uint32_t addr)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(addr);
    /*
     * TODO(port): erase the sector starting at addr to 0xFF. SPI NOR: WRITE
     * ENABLE, SECTOR ERASE 0x20, poll WIP (typ. 45 ms, max 400 ms); internal
     * flash: page erase (the CPU may stall while it runs: keep the AFE
     * sampling in RAM/DMA). Kick the watchdog (msdk_port_watchdog_kick())
     * while polling WIP: a log clear erases every sector of the log in one
     * call (the MA304H4 load profile: 214 sectors, about 10 s). Never called
     * on the power-fail path. Time-out or an erase error flag returns
     * MSDK_ERR_IO.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

static const msdk_nvm_ops_t flash_ops = {
    .read = flash_read,
    .program = flash_program,
    .erase = flash_erase,
};

static const msdk_nvm_t nvm_data = {
    .ops = &flash_ops,
    .ctx = &flash_data_ctx,
    .geo =
        {
            .size = TEMPLATE_NVM_SIZE,
            .sector_size = TEMPLATE_NVM_SECTOR_SIZE,
            .page_size = TEMPLATE_NVM_PAGE_SIZE,
            .prog_align = TEMPLATE_NVM_PROG_ALIGN,
        },
};

const msdk_nvm_t *msdk_port_board_nvm(msdk_board_nvm_t which)
{
    /*
     * TODO(port): return the data region (brought up by
     * msdk_port_board_init(), which should also check its geometry with
     * msdk_nvm_geometry_check() and the flash's JEDEC ID), NULL for kinds
     * the board does not have.
     */
    switch (which) {
    case MSDK_BOARD_NVM_DATA: return &nvm_data;
    case MSDK_BOARD_NVM_COUNT:
    default: return NULL;
    }
}
