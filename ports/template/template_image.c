/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Firmware image port (msdk/port/image.h): the download slot and the
 * hand-off to the boot loader (for example MCUboot's secondary slot and its
 * image trailer).
 */
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/image.h"

msdk_err_t msdk_port_image_slot_info(msdk_image_slot_info_t *info)
{
    if (info == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): fill info->size (bytes available for an image, excluding
     * any trailer the boot loader keeps at the end of the slot) and
     * info->write_align (the flash program width). Keep
     * MSDK_ERR_NOT_SUPPORTED for a board without firmware upgrade.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_image_slot_erase(void)
{
    /*
     * TODO(port): erase the whole download slot (never the running image).
     * It takes seconds on large slots: kick the watchdog between sectors.
     * Not called on the power-fail path. MSDK_ERR_IO on an erase error; a
     * cut in the middle leaves a partly erased slot, and the application
     * erases again before the next download.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_image_slot_write(uint32_t offset, const uint8_t *data, size_t len)
{
    MSDK_UNUSED_PARAM(offset);
    MSDK_UNUSED_PARAM(data);
    MSDK_UNUSED_PARAM(len);
    /*
     * TODO(port): check the arguments with msdk_image_slot_write_check()
     * (msdk/port/image.h: data != NULL and offset + len <= size give
     * MSDK_ERR_INVALID_ARG, misaligned offset or len MSDK_ERR_ALIGNMENT),
     * then program the bytes into the erased slot, splitting at flash page
     * boundaries. MSDK_ERR_IO on a program error.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_image_slot_read(uint32_t offset, uint8_t *buf, size_t len)
{
    MSDK_UNUSED_PARAM(offset);
    MSDK_UNUSED_PARAM(buf);
    MSDK_UNUSED_PARAM(len);
    /*
     * TODO(port): check the arguments with msdk_image_slot_read_check()
     * (MSDK_ERR_INVALID_ARG), then copy from the slot. The application hashes
     * the image through this call to verify its signature, so it must return
     * exactly what the boot loader will install.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_image_activate(uint32_t image_size)
{
    MSDK_UNUSED_PARAM(image_size);
    /*
     * TODO(port): MSDK_ERR_INVALID_ARG for 0 or a size larger than the slot
     * (msdk_image_size_is_valid()); otherwise write the boot loader's hand-off record (MCUboot: the
     * image trailer's magic and "test" flag) so that the image in the slot is installed at the next
     * reset. Do not reset here: the application logs the event and saves state first, then calls
     * msdk_port_system_reset(). The record must be written atomically (a power cut leaves either no
     * request or a complete one). MSDK_ERR_IO if it could not be written.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}
