/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Image port: a 1 MiB download slot in PSRAM (0x21200000) with flash-like
 * semantics (erase to 0xFF, writes AND into the content, 4-byte alignment).
 * The board has no boot loader: msdk_port_image_activate() stores a hand-off
 * record (size) in the reset-surviving block, the start-up code finds it at
 * the next reset and the port reports it once on the console, but the
 * running image stays. Enough for the COSEM image transfer flow to run
 * end-to-end under QEMU.
 */
#include <string.h>
#include "msdk/port/image.h"
#include "msdk/port/board.h"
#include "mps2_internal.h"

static uint8_t *msdk_mps2_image_mem(uint32_t offset)
{
    return (uint8_t *)(uintptr_t)(MSDK_MPS2_IMAGE_SLOT_BASE + offset);
}

static const msdk_image_slot_info_t msdk_mps2_image_slot = {
    .size = MSDK_MPS2_IMAGE_SLOT_SIZE,
    .write_align = MSDK_MPS2_IMAGE_WRITE_ALIGN,
};

void msdk_mps2_image_boot(void)
{
    if (msdk_mps2_cold_boot) {
        memset(msdk_mps2_image_mem(0), 0xFF, MSDK_MPS2_IMAGE_SLOT_SIZE);
    }
}

msdk_err_t msdk_port_image_slot_info(msdk_image_slot_info_t *info)
{
    if (info == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    *info = msdk_mps2_image_slot;
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_erase(void)
{
    memset(msdk_mps2_image_mem(0), 0xFF, MSDK_MPS2_IMAGE_SLOT_SIZE);
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_write(uint32_t offset, const uint8_t *data, size_t len)
{
    msdk_err_t err = msdk_image_slot_write_check(&msdk_mps2_image_slot, offset, data, len);
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t *dst = msdk_mps2_image_mem(offset);
    for (size_t i = 0; i < len; i++) {
        dst[i] &= data[i];
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_read(uint32_t offset, uint8_t *buf, size_t len)
{
    msdk_err_t err = msdk_image_slot_read_check(&msdk_mps2_image_slot, offset, buf, len);
    if (err != MSDK_OK) {
        return err;
    }
    memcpy(buf, msdk_mps2_image_mem(offset), len);
    return MSDK_OK;
}

msdk_err_t msdk_port_image_activate(uint32_t image_size)
{
    if (!msdk_image_size_is_valid(&msdk_mps2_image_slot, image_size)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_mps2_noinit->image_size = image_size;
    msdk_mps2_noinit->image_handoff = MSDK_MPS2_IMAGE_HANDOFF_MAGIC;
    return MSDK_OK;
}
