/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Firmware image port: the download slot and the hand-off to the boot loader.
 *
 * The application receives a new image block by block (COSEM image
 * transfer), writes it into the slot, verifies its signature by reading it
 * back through msdk_port_image_slot_read(), and only then asks the port to
 * activate it. The slot is never the running image.
 */
#ifndef MSDK_PORT_IMAGE_H
#define MSDK_PORT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Properties of the download slot. */
typedef struct msdk_image_slot_info {
    uint32_t size;        /**< Largest image in bytes. */
    uint32_t write_align; /**< Offsets and lengths of writes are multiples of this. */
} msdk_image_slot_info_t;

/**
 * @brief Check the arguments of msdk_port_image_slot_read() against the slot.
 *
 * A helper for ports: every port validates the same way before it touches
 * the memory.
 * @param[in] slot   The port's slot description (not NULL).
 * @param[in] offset Byte offset in the slot.
 * @param[in] buf    The caller's buffer (only checked against NULL).
 * @param[in] len    Length in bytes.
 * @retval MSDK_OK              @p buf is not NULL and offset + len <= size (no wrap-around).
 * @retval MSDK_ERR_INVALID_ARG NULL @p buf or range outside the slot.
 */
MSDK_NODISCARD static inline msdk_err_t
msdk_image_slot_read_check(const msdk_image_slot_info_t *slot, uint32_t offset, const void *buf,
                           size_t len)
{
    if ((buf == NULL) || (offset > slot->size) || (len > (size_t)(slot->size - offset))) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

/**
 * @brief Check the arguments of msdk_port_image_slot_write() against the slot.
 *
 * msdk_image_slot_read_check(), then the alignment of @p offset and @p len.
 * @param[in] slot   The port's slot description (not NULL).
 * @param[in] offset Byte offset in the slot.
 * @param[in] data   The caller's bytes (only checked against NULL).
 * @param[in] len    Length in bytes.
 * @retval MSDK_OK              Valid.
 * @retval MSDK_ERR_INVALID_ARG NULL @p data, range outside the slot, or a slot
 *                              description with write_align 0.
 * @retval MSDK_ERR_ALIGNMENT   @p offset or @p len is not a multiple of write_align.
 */
MSDK_NODISCARD static inline msdk_err_t
msdk_image_slot_write_check(const msdk_image_slot_info_t *slot, uint32_t offset, const void *data,
                            size_t len)
{
    msdk_err_t err = msdk_image_slot_read_check(slot, offset, data, len);
    if ((err == MSDK_OK) && (slot->write_align == 0u)) {
        err = MSDK_ERR_INVALID_ARG;
    } else if ((err == MSDK_OK) &&
               (((offset % slot->write_align) != 0u) || ((len % slot->write_align) != 0u))) {
        err = MSDK_ERR_ALIGNMENT;
    }
    return err;
}

/**
 * @brief Check the argument of msdk_port_image_activate() against the slot.
 * @param[in] slot       The port's slot description (not NULL).
 * @param[in] image_size Bytes of the image.
 * @return true when @p image_size is neither 0 nor larger than the slot.
 */
static inline bool msdk_image_size_is_valid(const msdk_image_slot_info_t *slot, uint32_t image_size)
{
    return (image_size != 0u) && (image_size <= slot->size);
}

/**
 * @brief Describe the download slot.
 * @param[out] info Filled on success.
 * @retval MSDK_OK               Filled.
 * @retval MSDK_ERR_INVALID_ARG  @p info is NULL.
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no download slot.
 */
MSDK_NODISCARD msdk_err_t msdk_port_image_slot_info(msdk_image_slot_info_t *info);

/**
 * @brief Erase the whole download slot (slow; call outside the power-fail path).
 * @retval MSDK_OK     Erased.
 * @retval MSDK_ERR_IO The memory failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_image_slot_erase(void);

/**
 * @brief Write part of the image into the erased slot.
 * @param[in] offset Byte offset in the slot, a multiple of write_align.
 * @param[in] data   Bytes.
 * @param[in] len    Length, a multiple of write_align; offset + len <= size.
 * @retval MSDK_OK              Written.
 * @retval MSDK_ERR_INVALID_ARG NULL @p data or range outside the slot.
 * @retval MSDK_ERR_ALIGNMENT   Misaligned offset or length.
 * @retval MSDK_ERR_IO          The memory failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_image_slot_write(uint32_t offset, const uint8_t *data,
                                                     size_t len);

/**
 * @brief Read back part of the slot (for hashing and signature verification).
 * @param[in]  offset Byte offset.
 * @param[out] buf    Destination.
 * @param[in]  len    Length; offset + len <= size.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_INVALID_ARG NULL @p buf or range outside the slot.
 * @retval MSDK_ERR_IO          The memory failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_image_slot_read(uint32_t offset, uint8_t *buf, size_t len);

/**
 * @brief Hand the verified image in the slot to the boot loader.
 *
 * Returns so the application can log the event and save state; the new image
 * runs after the next reset (msdk_port_system_reset()).
 * @param[in] image_size Bytes of the image in the slot.
 * @retval MSDK_OK              The boot loader will install the image at reset.
 * @retval MSDK_ERR_INVALID_ARG @p image_size is 0 or larger than the slot.
 * @retval MSDK_ERR_IO          The hand-off record could not be written.
 */
MSDK_NODISCARD msdk_err_t msdk_port_image_activate(uint32_t image_size);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_IMAGE_H */
