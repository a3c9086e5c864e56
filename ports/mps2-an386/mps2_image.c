/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Image port: a 1 MiB download slot in PSRAM (0x21080000) with flash-like
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

static bool msdk_mps2_image_range_is_valid(uint32_t offset, size_t len)
{
    return (offset <= MSDK_MPS2_IMAGE_SLOT_SIZE) &&
           (len <= (size_t)(MSDK_MPS2_IMAGE_SLOT_SIZE - offset));
}

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
    info->size = MSDK_MPS2_IMAGE_SLOT_SIZE;
    info->write_align = MSDK_MPS2_IMAGE_WRITE_ALIGN;
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_erase(void)
{
    memset(msdk_mps2_image_mem(0), 0xFF, MSDK_MPS2_IMAGE_SLOT_SIZE);
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_write(uint32_t offset, const uint8_t *data, size_t len)
{
    if ((data == NULL) || !msdk_mps2_image_range_is_valid(offset, len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (((offset % MSDK_MPS2_IMAGE_WRITE_ALIGN) != 0u) ||
        ((len % MSDK_MPS2_IMAGE_WRITE_ALIGN) != 0u)) {
        return MSDK_ERR_ALIGNMENT;
    }
    uint8_t *dst = msdk_mps2_image_mem(offset);
    for (size_t i = 0; i < len; i++) {
        dst[i] &= data[i];
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_read(uint32_t offset, uint8_t *buf, size_t len)
{
    if ((buf == NULL) || !msdk_mps2_image_range_is_valid(offset, len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memcpy(buf, msdk_mps2_image_mem(offset), len);
    return MSDK_OK;
}

msdk_err_t msdk_port_image_activate(uint32_t image_size)
{
    if ((image_size == 0u) || (image_size > MSDK_MPS2_IMAGE_SLOT_SIZE)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_mps2_noinit->image_size = image_size;
    msdk_mps2_noinit->image_handoff = MSDK_MPS2_IMAGE_HANDOFF_MAGIC;
    return MSDK_OK;
}
