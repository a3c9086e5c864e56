/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Non-volatile memory port with NOR-flash semantics.
 *
 * An NVM region is an instance: ops, context and geometry. The semantics are
 * those of NOR flash, the strictest common case, so that storage written for
 * it also works on EEPROM and F-RAM:
 * - erase works on whole sectors and sets every byte to 0xFF;
 * - program only clears bits (the result is the AND of old and new data), and
 *   one program call never crosses a page boundary;
 * - a power cut during program or erase may leave the affected page or
 *   sector in any state (the storage layer copes with that, not the driver).
 *
 * Call through the msdk_nvm_*() wrappers: they check bounds, alignment and
 * page crossing before the driver sees the request, so a driver may assume
 * valid arguments.
 */
#ifndef MSDK_PORT_NVM_H
#define MSDK_PORT_NVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Geometry of one NVM region. */
typedef struct msdk_nvm_geometry {
    uint32_t size;        /**< Bytes in the region; a multiple of sector_size. */
    uint32_t sector_size; /**< Erase unit in bytes; a power of two. */
    uint32_t page_size;   /**< Largest program unit; a program never crosses one. Power of two. */
    uint32_t prog_align;  /**< Program address and length are multiples of this (1 for NOR). */
} msdk_nvm_geometry_t;

/** @brief Driver operations of one NVM region; arguments are already checked. */
typedef struct msdk_nvm_ops {
    /** Read @p len bytes at @p addr. */
    msdk_err_t (*read)(void *ctx, uint32_t addr, uint8_t *buf, size_t len);
    /** Program @p len bytes at @p addr (within one page), ANDing into the old content. */
    msdk_err_t (*program)(void *ctx, uint32_t addr, const uint8_t *data, size_t len);
    /** Erase the sector that starts at @p addr to 0xFF. */
    msdk_err_t (*erase)(void *ctx, uint32_t addr);
} msdk_nvm_ops_t;

/** @brief One NVM region. */
typedef struct msdk_nvm {
    const msdk_nvm_ops_t *ops; /**< Driver. */
    void *ctx;                 /**< Driver state. */
    msdk_nvm_geometry_t geo;   /**< Geometry. */
} msdk_nvm_t;

/**
 * @brief Check a geometry as a port declares it (call once at init).
 * @param[in] geo Geometry.
 * @retval MSDK_OK              Sizes are non-zero powers of two where required,
 *                              pages divide sectors and sectors divide the size.
 * @retval MSDK_ERR_INVALID_ARG Anything else.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_nvm_geometry_check(const msdk_nvm_geometry_t *geo)
{
    if ((geo == NULL) || (geo->size == 0u) || (geo->sector_size == 0u) || (geo->page_size == 0u) ||
        (geo->prog_align == 0u) || ((geo->sector_size & (geo->sector_size - 1u)) != 0u) ||
        ((geo->page_size & (geo->page_size - 1u)) != 0u) || (geo->page_size > geo->sector_size) ||
        ((geo->page_size % geo->prog_align) != 0u) || ((geo->size % geo->sector_size) != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

/**
 * @brief Whether [addr, addr + len) lies inside the region (no wrap-around).
 * @param[in] nvm  Region.
 * @param[in] addr Start address.
 * @param[in] len  Length in bytes.
 * @return true inside, false outside.
 */
static inline bool msdk_nvm_range_is_valid(const msdk_nvm_t *nvm, uint32_t addr, size_t len)
{
    return (addr <= nvm->geo.size) && (len <= (size_t)(nvm->geo.size - addr));
}

/**
 * @brief Read bytes.
 * @param[in]  nvm  Region.
 * @param[in]  addr Start address.
 * @param[out] buf  Destination of @p len bytes.
 * @param[in]  len  Number of bytes; 0 reads nothing.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or range outside the region.
 * @retval MSDK_ERR_IO          The device failed.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_nvm_read(const msdk_nvm_t *nvm, uint32_t addr,
                                                      uint8_t *buf, size_t len)
{
    if ((nvm == NULL) || ((buf == NULL) && (len != 0u)) ||
        !msdk_nvm_range_is_valid(nvm, addr, len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return (len == 0u) ? MSDK_OK : nvm->ops->read(nvm->ctx, addr, buf, len);
}

/**
 * @brief Program bytes within one page (bits can only go from 1 to 0).
 * @param[in] nvm  Region.
 * @param[in] addr Start address, a multiple of prog_align.
 * @param[in] data Bytes to program.
 * @param[in] len  Number of bytes, a multiple of prog_align; the range may not cross a page.
 * @retval MSDK_OK              Programmed.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, range outside the region or crossing a page.
 * @retval MSDK_ERR_ALIGNMENT   @p addr or @p len not a multiple of prog_align.
 * @retval MSDK_ERR_IO          The device failed; the page content is undefined.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_nvm_program(const msdk_nvm_t *nvm, uint32_t addr,
                                                         const uint8_t *data, size_t len)
{
    if ((nvm == NULL) || ((data == NULL) && (len != 0u)) ||
        !msdk_nvm_range_is_valid(nvm, addr, len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    if (((addr % nvm->geo.prog_align) != 0u) || ((len % nvm->geo.prog_align) != 0u)) {
        return MSDK_ERR_ALIGNMENT;
    }
    if ((addr % nvm->geo.page_size) + len > nvm->geo.page_size) {
        return MSDK_ERR_INVALID_ARG;
    }
    return nvm->ops->program(nvm->ctx, addr, data, len);
}

/**
 * @brief Erase one sector to 0xFF.
 * @param[in] nvm  Region.
 * @param[in] addr Start address of the sector (a multiple of sector_size).
 * @retval MSDK_OK              Erased.
 * @retval MSDK_ERR_INVALID_ARG NULL @p nvm or address outside the region.
 * @retval MSDK_ERR_ALIGNMENT   @p addr is not the start of a sector.
 * @retval MSDK_ERR_IO          The device failed; the sector content is undefined.
 */
MSDK_NODISCARD static inline msdk_err_t msdk_nvm_erase(const msdk_nvm_t *nvm, uint32_t addr)
{
    if ((nvm == NULL) || (addr >= nvm->geo.size)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((addr % nvm->geo.sector_size) != 0u) {
        return MSDK_ERR_ALIGNMENT;
    }
    return nvm->ops->erase(nvm->ctx, addr);
}

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_NVM_H */
