/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Power-fail-safe circular log of fixed-size records over NOR flash (libeventlog's
 *        storage for event logs and profiles).
 *
 * A log owns a range of whole sectors of an NVM region (at least two). Each sector starts
 * with a sector header (magic, sector sequence number, CRC) and then holds fixed-size record
 * slots; a record is its sequence number, its timestamp, the caller's payload and a CRC-32
 * over all of it. Records are appended in sequence order, sector after sector round the
 * ring; when the ring is full, the oldest sector is erased first (FIFO eviction of its
 * records). docs/nvm-format.md gives the byte layout.
 *
 * Slots are laid out so that a record no larger than a page never crosses a page boundary:
 * appending it is one page program (the budget of a power-fail record, EVENTS.md).
 *
 * Power cuts: an append programs one record slot (page by page, never across a page); a cut
 * leaves the slot erased, torn or complete. A torn slot fails its CRC and is never used
 * again until its sector is erased; mount skips it. A sector whose erase was cut (its header
 * missing or invalid) is erased again before use. Mount reads every sector header once, the
 * newest sector's slots, the last slot of the sector before it and the oldest sector's first
 * slots: at most sectors + 2 x (records per sector) + 1 NVM reads, and it never programs or
 * erases (I7 of EVENTS.md). It counts some of the damage it meets (msdk_evlog_log_damage()).
 *
 * A log can be cleared (msdk_evlog_log_clear(): a fresh head sector after a sector that is
 * not full, which a mount takes as "cleared", then the old sectors erased), with the
 * numbering going on after the old entries; a power cut leaves the old log or the empty one.
 *
 * Entries are numbered by their sequence number: msdk_evlog_log_first() .. last. Slot i of a
 * sector holds a fixed number (its sector's sequence number x records per sector + i), so
 * numbers increase by one from record to record, a number is never given twice, and an
 * entry whose slot was torn is a gap: reading it answers MSDK_ERR_NOT_FOUND. Searching by time
 * assumes timestamps that do not decrease along the sequence (the caller keeps them so: a
 * clock set backwards is marked in the payload, the stored timestamp stays monotonic).
 */
#ifndef MSDK_EVENTLOG_LOG_H
#define MSDK_EVENTLOG_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/port/nvm.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Largest payload of one record, in bytes (with the overhead, 256: one page of most
 *         NOR flash, so that a record of any size can be a power-fail record). */
#define MSDK_EVLOG_PAYLOAD_MAX 240u

/** @brief Bytes of a record besides its payload: sequence (4), timestamp (8), CRC-32 (4). */
#define MSDK_EVLOG_RECORD_OVERHEAD 16u

/** @brief Bytes of a sector header. */
#define MSDK_EVLOG_SECTOR_HEADER 16u

/** @brief Where a log lives and what it holds. */
typedef struct msdk_evlog_log_config {
    const msdk_nvm_t *nvm; /**< Region. */
    uint32_t base;         /**< First byte of the log: sector-aligned. */
    uint32_t sectors;      /**< Sectors of the log, at least 2. */
    uint16_t payload_len;  /**< Payload bytes per record, 1..::MSDK_EVLOG_PAYLOAD_MAX. */
    uint16_t log_id;       /**< Identifies the log in its sector headers (a sector of another
                                log is not taken for one of this one). */
} msdk_evlog_log_config_t;

/** @brief State of a mounted log (caller-owned; opaque). */
typedef struct msdk_evlog_log {
    msdk_evlog_log_config_t cfg; /**< @private */
    uint32_t slot_size;          /**< @private Record size on flash (prog_align multiple). */
    uint32_t slots;              /**< @private Record slots per sector. */
    uint32_t oldest_sector;      /**< @private Sector (0..sectors-1) of the oldest records. */
    uint32_t head_sector;        /**< @private Sector being appended to. */
    uint32_t head_slot;          /**< @private Next free slot in it. */
    uint32_t head_sector_seq;    /**< @private Sector sequence number of the head sector. */
    uint32_t used_sectors;       /**< @private Sectors oldest..head (0: no usable sector yet). */
    uint32_t first_seq;          /**< @private Sequence number of the oldest entry. */
    uint32_t next_seq;           /**< @private Sequence number the next append gets. */
    int64_t last_time;           /**< @private Timestamp of the newest record (INT64_MIN:
                                      not known). */
    uint32_t damage;             /**< @private Damaged items the last mount met. */
    bool clear_pending;          /**< @private Cleared at the head: the sectors before it are
                                      still to be erased (by the next append, prepare or
                                      clear). */
    bool mounted;                /**< @private */
} msdk_evlog_log_t;

/** @brief One record read back. */
typedef struct msdk_evlog_record {
    uint32_t seq;                            /**< Sequence number. */
    int64_t time;                            /**< Timestamp (the caller's unit). */
    uint8_t payload[MSDK_EVLOG_PAYLOAD_MAX]; /**< Payload (payload_len bytes). */
} msdk_evlog_record_t;

/**
 * @brief Mounts a log: finds its oldest and newest records after any interruption, and
 *        prepares the next append (a blank or foreign region mounts as an empty log).
 * @param[out] log State.
 * @param[in]  cfg Configuration (copied).
 * @retval MSDK_OK              Mounted (possibly empty).
 * @retval MSDK_ERR_INVALID_ARG NULL argument, bad geometry, sectors < 2, payload length out
 *                              of range, a range outside the region or not sector-aligned, a
 *                              sector too small for one record, or a prog_align that pads a
 *                              record slot beyond 256 bytes (no power of two up to 256
 *                              does).
 * @return Otherwise the region's read error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_mount(msdk_evlog_log_t *log,
                                               const msdk_evlog_log_config_t *cfg);

/**
 * @brief Appends a record (power-fail-safe: after a cut the record is wholly there or
 *        absent, and every older record is intact, except the oldest sector's when the append
 *        had to evict it).
 *
 * Before the record: when a clear's erases are pending (a cut interrupted a clear after it
 * took effect, see msdk_evlog_log_clear()), it finishes them; when the head sector is full,
 * it reclaims the next sector (msdk_evlog_log_prepare()). Both erase: on the power-fail path
 * append only when msdk_evlog_log_append_ready() says so.
 * @param[in,out] log     Mounted log.
 * @param[in]     time    Timestamp.
 * @param[in]     payload payload_len bytes.
 * @param[out]    seq     Its sequence number, or NULL.
 * @retval MSDK_OK              Stored and read back.
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not mounted (also after a failed append, prepare or clear).
 * @retval MSDK_ERR_IO          The region failed, or the read-back differs from what was
 *                              programmed.
 * @return Otherwise the region's error. After any error the log stays consistent on the
 *         flash but is no longer mounted: mount again to continue.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_append(msdk_evlog_log_t *log, int64_t time,
                                                const uint8_t *payload, uint32_t *seq);

/**
 * @brief Whether the next append needs no erase (the head sector has a free slot and no
 *        clear's erases are pending): the power-fail path may append then.
 *
 * After a mount that found a clear interrupted by a power cut (its erases pending) this is
 * false until msdk_evlog_log_prepare(), an append or msdk_evlog_log_clear() has finished
 * them.
 * @param[in] log Mounted log.
 * @return true when an append is program-only.
 */
bool msdk_evlog_log_append_ready(const msdk_evlog_log_t *log);

/**
 * @brief Makes the next append program-only: finishes a clear's pending erases (see
 *        msdk_evlog_log_clear()), then, when the head sector is full, reclaims the next
 *        sector now (erase, sector header; its records are evicted) and makes it the head.
 *        Does nothing when a free slot is there and no erase is pending. Call it after a
 *        mount and after a normal append, outside the power-fail path.
 * @param[in,out] log Mounted log.
 * @retval MSDK_OK              A free slot is ready.
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @retval MSDK_ERR_IO          The region failed, the sector header read back wrong, or an
 *                              erased sector did not read back erased.
 * @return Otherwise the region's error; as for msdk_evlog_log_append(), the log then needs
 *         mounting again.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_prepare(msdk_evlog_log_t *log);

/**
 * @brief Clears the log (the COSEM Profile generic method "reset"): afterwards it holds no
 *        entry, and the next append gets the first number of the new head sector, so that
 *        numbers go on increasing (a number is never given twice).
 *
 * Reclaims a fresh head sector after the old head (erase, sector header with the head's
 * sector sequence + 1; when the ring is full this evicts the oldest sector, as a normal
 * reclaim does). When the old head is full it reclaims twice, so that the sector before the
 * new head is an empty one. A head that follows a sector which is not full (its last slot
 * free) is how a mount recognises a cleared log: the clear takes effect with that header
 * program. Then it erases the old sectors, oldest first and the one just before the new head
 * last, checking that each reads back erased. At most `sectors` erases and one header
 * program (`sectors` + 1 erases and two header programs when the old head was full);
 * nothing when the log was never written or is empty with no other sector (cleared
 * already). A sector outside the run that still carries a valid header of this log (only on
 * a damaged image) is erased before the run, so that it cannot be taken for the log
 * afterwards.
 *
 * Power cuts: a mount after a cut finds the old log (less the sectors the fresh head's
 * reclaims evicted from a full ring: the oldest one, two when the old head was full), or
 * the empty log, never a part of it. When the cut came after the clear took effect but
 * before its erases were done, the mount leaves them pending: msdk_evlog_log_append_ready()
 * is false, and the next msdk_evlog_log_prepare(), append or clear finishes them (oldest
 * first, so that a cut during them leaves the same empty log). docs/nvm-format.md
 * ("Clearing") has the details.
 * @param[in,out] log Mounted log.
 * @retval MSDK_OK              Cleared (or nothing to clear).
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @retval MSDK_ERR_IO          The region failed, the sector header read back wrong, or an
 *                              erased sector did not read back erased.
 * @return Otherwise the region's error; as for msdk_evlog_log_append(), the log then needs
 *         mounting again (it is then the old log or the cleared one, as after a cut; clear
 *         again when it is the old one).
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_clear(msdk_evlog_log_t *log);

/**
 * @brief Damaged items the last mount met, for an "NVM error" event or an error code.
 *
 * Counted: sector headers that are neither blank (all 0xFF) nor valid for this log (another
 * log's, another format version's, torn, garbage), usable sectors left outside the log's
 * run, and gaps (slots neither free nor valid) met by the mount's scans: the head sector's
 * used slots after its newest valid record, the oldest sector's before its first valid one
 * (not scanned when the log was cleared at its head). Nothing else is read or counted: gaps
 * elsewhere (a read answers MSDK_ERR_NOT_FOUND for them), and whatever lies under a blank
 * header: a sector whose 16 header bytes read 0xFF counts as free, so an erase cut after it
 * had blanked the header area but not the rest of the sector (old records or garbage under
 * a blank header) counts 0.
 *
 * A count above 0 means corruption or an interrupted write (a torn header or record is
 * counted like corruption). 0 means that the mount met nothing damaged, not that the image
 * is clean: a power cut during an erase or a program may show as damage, or not (a cut
 * that left a blank header, or a torn record in a slot no scan reads).
 * @param[in] log A log after msdk_evlog_log_mount() (the count stays until the next mount).
 * @return The count; 0 for NULL.
 */
uint32_t msdk_evlog_log_damage(const msdk_evlog_log_t *log);

/**
 * @brief Reads the entry with sequence number @p seq.
 * @param[in]  log Mounted log.
 * @param[in]  seq first..last.
 * @param[out] rec The record.
 * @retval MSDK_OK              Read, CRC checked.
 * @retval MSDK_ERR_NOT_FOUND   Outside first..last, or a gap (torn slot, corrupted record).
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @return Otherwise the region's read error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_read(const msdk_evlog_log_t *log, uint32_t seq,
                                              msdk_evlog_record_t *rec);

/**
 * @brief Entries in the log: last - first + 1 (gaps included), 0 when empty.
 *
 * At most the capacity plus the records of one sector: the head sector fills up before the
 * next reclaim evicts the oldest sector.
 * @param[in] log Mounted log.
 * @return The count.
 */
uint32_t msdk_evlog_log_count(const msdk_evlog_log_t *log);

/**
 * @brief Sequence number of the oldest entry (meaningful when the count is not 0).
 * @param[in] log Mounted log.
 * @return It.
 */
uint32_t msdk_evlog_log_first(const msdk_evlog_log_t *log);

/**
 * @brief Sequence number of the newest entry (meaningful when the count is not 0).
 * @param[in] log Mounted log.
 * @return It.
 */
uint32_t msdk_evlog_log_last(const msdk_evlog_log_t *log);

/**
 * @brief Finds the first entry whose timestamp is >= @p time, by binary search over the
 *        sequence (O(log n) record reads, plus one per gap stepped over; none when @p time
 *        is after the newest record's).
 * @param[in]  log   Mounted log.
 * @param[in]  time  Timestamp sought.
 * @param[out] seq   Its sequence number; last + 1 when every entry is older.
 * @param[out] reads Record reads it took, or NULL.
 * @retval MSDK_OK              Found (or last + 1).
 * @retval MSDK_ERR_NOT_FOUND   The log is empty.
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @return Otherwise the region's read error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_log_find_time(const msdk_evlog_log_t *log, int64_t time,
                                                   uint32_t *seq, uint32_t *reads);

/**
 * @brief Entries the log holds when full (records per sector times sectors - 1: one sector
 *        is always being reclaimed), for sizing.
 * @param[in] cfg Configuration.
 * @return The capacity, or 0 for a configuration mount refuses.
 */
uint32_t msdk_evlog_log_capacity(const msdk_evlog_log_config_t *cfg);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_EVENTLOG_LOG_H */
