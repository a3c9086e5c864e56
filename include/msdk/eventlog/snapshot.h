/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Power-fail-safe snapshots of small state (energy registers, demand, configuration,
 *        counters, security state): the newest complete copy wins.
 *
 * A snapshot store is a circular log (msdk/eventlog/log.h) whose records are successive
 * copies of one object: each save appends a record [format version u16 | data]; opening the
 * store returns the newest record that passes its CRC, so a power cut during a save leaves
 * the previous copy (I4 of EVENTS.md: wholly old or wholly new, never a default unless never
 * written). Saving into a ring of several sectors spreads the erases: with 4 KiB sectors and
 * a 64-byte copy, one erase per 60-odd saves (docs/nvm-format.md has the endurance
 * arithmetic).
 *
 * The power-fail path: after every normal save (and at open) the store keeps a free,
 * already erased slot (msdk_evlog_log_prepare()), so msdk_evlog_snap_save_now() only programs:
 * one page program when the copy with its 16 + 2 bytes of overhead fits a page, and never an
 * erase.
 *
 * Versions: the version stored with each copy is the caller's format version. A copy written
 * by older firmware comes back with its version, and the caller converts it (the upgrade path)
 * and saves it in the new format.
 *
 * Any image opens (random bytes, zeros, a store cut short): as no copy or as the newest copy
 * that reads back; msdk_evlog_snap_damage() tells the application whether the open met
 * damage (for an "NVM error" event).
 */
#ifndef MSDK_EVENTLOG_SNAPSHOT_H
#define MSDK_EVENTLOG_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/eventlog/log.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Bytes of a copy besides the caller's data: the format version. */
#define MSDK_EVLOG_SNAP_OVERHEAD 2u

/** @brief Largest object a snapshot store holds, in bytes. */
#define MSDK_EVLOG_SNAP_MAX (MSDK_EVLOG_PAYLOAD_MAX - MSDK_EVLOG_SNAP_OVERHEAD)

/** @brief Where a snapshot store lives and what it holds. */
typedef struct msdk_evlog_snap_config {
    const msdk_nvm_t *nvm; /**< Region. */
    uint32_t base;         /**< First byte: sector-aligned. */
    uint32_t sectors;      /**< Sectors, at least 2. */
    uint16_t size;         /**< Bytes of the object, 1..::MSDK_EVLOG_SNAP_MAX. */
    uint16_t id;           /**< Identifies the store in its sector headers. */
    uint16_t version;      /**< Format version of the copies this firmware writes. */
} msdk_evlog_snap_config_t;

/** @brief A snapshot store (caller-owned; opaque). */
typedef struct msdk_evlog_snap {
    msdk_evlog_log_t log; /**< @private The copies. */
    uint16_t size;        /**< @private Object size. */
    uint16_t version;     /**< @private Format version written. */
    uint32_t skipped;     /**< @private Copies stepped over at open. */
} msdk_evlog_snap_t;

/**
 * @brief Opens a store and reads its newest complete copy; leaves a free erased slot ready
 *        for msdk_evlog_snap_save_now().
 * @param[out] snap    State.
 * @param[in]  cfg     Configuration (copied).
 * @param[out] data    cfg->size bytes: the newest copy's data (unchanged when none).
 * @param[out] version Its format version (0 when none), or NULL.
 * @retval MSDK_OK              A copy was found: @p data holds it.
 * @retval MSDK_ERR_NOT_FOUND   The store holds no valid copy (never written, or erased): the
 *                              caller starts from its defaults. The store is usable.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or a configuration the log refuses.
 * @return Otherwise the region's error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_snap_open(msdk_evlog_snap_t *snap,
                                               const msdk_evlog_snap_config_t *cfg, uint8_t *data,
                                               uint16_t *version);

/**
 * @brief Saves a new copy (power-fail-safe), then makes the next save erase-free.
 * @param[in,out] snap Open store.
 * @param[in]     data size bytes.
 * @retval MSDK_OK              Saved (and the spare slot ready).
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not open.
 * @return Otherwise the region's error: the newest complete copy is the previous one, or
 *         this one if it was written before the error. (After an error the store mounts its
 *         log again at the next save.)
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_snap_save(msdk_evlog_snap_t *snap, const uint8_t *data);

/**
 * @brief Saves a copy from the power-fail interrupt: program only, never an erase (the
 *        slot was prepared by the last save or the open).
 * @param[in,out] snap Open store.
 * @param[in]     data size bytes.
 * @retval MSDK_OK              Saved.
 * @retval MSDK_ERR_STATE       Not open, or no free slot ready (a save or the preparing erase
 *                              failed before): nothing written.
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @return Otherwise the region's error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_snap_save_now(msdk_evlog_snap_t *snap, const uint8_t *data);

/**
 * @brief Damaged items met at open, for an "NVM error" event or an error code: the damage
 *        its log's mount met (msdk_evlog_log_damage()) plus the copies the open stepped over
 *        because they do not read back (a torn newest copy is met by both and counts twice).
 *
 * 0 means a clean image (blank, or written without interruption); a power cut during a
 * save or an erase also shows as damage (conservative).
 * @param[in] snap A store after msdk_evlog_snap_open().
 * @return The count; 0 for NULL.
 */
uint32_t msdk_evlog_snap_damage(const msdk_evlog_snap_t *snap);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_EVENTLOG_SNAPSHOT_H */
