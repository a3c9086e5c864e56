/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Power-fail-safe circular log of fixed-size records over NOR flash (msdk/eventlog/log.h).
 * docs/nvm-format.md gives the byte layout; this is how the code uses it.
 *
 * Sectors. Every sector of the log starts with a header (magic "MSEL", log_id, format
 * version 1, sector sequence number, CRC-32), programmed right after the sector's erase and
 * read back. A sector whose header does not check (never erased, torn erase, torn header,
 * another log, another version) is unusable: it holds no entries and is erased before use.
 * Sector sequence numbers grow by one per reclaim and compare modulo 2^32.
 *
 * The ring. The usable sectors of the log form one run: adjacent in ring order, with
 * consecutive sector sequence numbers, from the oldest sector to the head sector (the one
 * appended to). Mount reads every header once and takes the longest such run (on a tie, the
 * one with the larger sequence number); anything outside it is unusable. A reclaim always
 * takes the sector after the head: erase, header with the head's sequence + 1, read back;
 * when the run already covers every sector, that sector is the oldest and its records are
 * evicted. A reclaim leaves a sector for the next one only when its last slot is used, so
 * every sector of the run but the head has all its slots used (valid or torn); only a clear
 * leaves a sector before the head that is not full, which is how a mount recognises it.
 *
 * Sequence numbers. Slot i of the sector with sequence number s holds entry s * slots + i
 * (modulo 2^32), stored in the record and checked on read. Entries are therefore increasing
 * and contiguous across sectors, a record's place is pure arithmetic (read is one NVM read),
 * and a slot whose program was torn keeps its number as a gap (MSDK_ERR_NOT_FOUND); the next
 * append takes the next slot and number. A number belongs to one slot, so two records can
 * never carry it (a record that landed whole although its append failed is simply there; a
 * slot a cut left blank is free again and its number goes to the next append). The first
 * append into a blank log takes sector 0 with sequence 0: the first entry is 0.
 *
 * Slots. A record is seq u32, time i64, payload, CRC-32 over them (little-endian), padded
 * with 0xFF to a multiple of prog_align. Slots follow the header; a slot no larger than a
 * page never crosses a page boundary (the rest of a page too short for a slot is left
 * unused), so appending it is one program call; larger slots are contiguous and programmed
 * page by page. A slot is free when its record bytes read all 0xFF; anything else is used:
 * valid when the CRC and the stored sequence number check, a gap otherwise. Slots are used
 * in order, so the free slots of the head sector are the ones after its last used slot.
 *
 * Mount: the sector headers (sectors reads), the head sector's slots backwards from its
 * last slot down to its last valid record, the last slot of the sector before the head, and
 * the oldest sector's slots up to its first valid record: at most sectors + 2 * slots + 1
 * reads, no program, no erase (I7 of EVENTS.md). Last is the number before the next
 * append's. First: when the sector before the head is not full (its last slot free), the log
 * was cleared there (below) and first is the head's first number; otherwise the first valid
 * record of the oldest sector (when that sector has none, the first number of the next
 * sector, or an empty log when it is the head). On the way it counts the damage it meets:
 * headers neither blank nor usable, usable sectors outside the run, and the gaps its slot
 * scans step over (msdk_evlog_log_damage()).
 *
 * Clear: the old entries end where a fresh head follows a sector that is not full. Step 1
 * reclaims a fresh head after the old one; when the old head is full, twice (the first fresh
 * sector stays empty and is the sector before the head). From that header program on every
 * mount sees the cleared log: the clear takes effect atomically there. Then the clear is
 * finished (clear_finish()): any usable sector outside the run is erased (a damaged image
 * only: it could outlast the shrinking run at a mount), then the run's sectors before the
 * head, oldest first and the one just before the head last, each erase checked by reading
 * its header area back blank. A cut in between leaves the same cleared log (the sector
 * before the head is still the one that is not full, or the head stands alone); the mount
 * remembers that the erases are pending (clear_pending) and the next append, prepare or
 * clear finishes them first.
 *
 * Append: finish a pending clear, reclaim when the head is full (neither on the power-fail
 * path: append_ready() is false then and prepare() does them ahead), program the slot, read
 * it back. Any NVM error or mismatch in append, prepare or clear leaves the log unmounted
 * (MSDK_ERR_STATE until mount is called again), so the state in RAM never disagrees with the
 * flash.
 *
 * find_time: a lower-bound binary search over the sequence numbers, one record read per
 * probe; a probe that meets a gap steps forward to the next valid record inside the current
 * interval (gaps are rare: one per interrupted append). A time after the newest record's
 * (known after a mount that found it, or an append) is answered without a read.
 *
 * Stack: one slot buffer (256 bytes) in append, prepare, clear, read, find_time and the
 * mount scans; no heap, no globals.
 */
#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"
#include "msdk/eventlog/log.h"

/* Format version written in every sector header (docs/nvm-format.md). */
#define EVLOG_FORMAT_VERSION 1u

/* Largest slot on flash: the largest record (256 bytes). Mount refuses a geometry whose
 * prog_align would pad a slot beyond it (no power-of-two prog_align up to 256 does). */
#define EVLOG_SLOT_MAX (MSDK_EVLOG_RECORD_OVERHEAD + MSDK_EVLOG_PAYLOAD_MAX)

/* Offsets inside a record and a sector header. */
#define REC_SEQ     0u
#define REC_TIME    4u
#define REC_PAYLOAD 12u
#define HDR_LOG_ID  4u
#define HDR_VERSION 6u
#define HDR_SEQ     8u
#define HDR_CRC     12u

MSDK_STATIC_ASSERT(MSDK_EVLOG_SECTOR_HEADER == HDR_CRC + 4u, "header layout");
MSDK_STATIC_ASSERT(MSDK_EVLOG_RECORD_OVERHEAD == REC_PAYLOAD + 4u, "record layout");

typedef enum slot_state {
    SLOT_FREE,  /* record bytes all 0xFF */
    SLOT_VALID, /* CRC and sequence number check */
    SLOT_BAD,   /* used but not valid: a gap */
} slot_state_t;

/* ---- Geometry ----------------------------------------------------------------------- */

static uint32_t round_up(uint32_t v, uint32_t align)
{
    return ((v + align - 1u) / align) * align;
}

/* Bytes at the start of a sector taken by the header (with its 0xFF padding). */
static uint32_t header_area(const msdk_nvm_geometry_t *geo)
{
    return round_up(MSDK_EVLOG_SECTOR_HEADER, geo->prog_align);
}

/* Offset of slot i from the start of its sector. */
static uint32_t slot_offset(const msdk_nvm_geometry_t *geo, uint32_t slot_size, uint32_t i)
{
    uint32_t hdr = header_area(geo);
    uint32_t page = geo->page_size;
    if (slot_size > page) {
        return hdr + i * slot_size;
    }
    uint32_t first_page_slots = (page - (hdr % page)) / slot_size;
    if (i < first_page_slots) {
        return hdr + i * slot_size;
    }
    uint32_t j = i - first_page_slots;
    uint32_t per_page = page / slot_size;
    return ((hdr / page) + 1u + (j / per_page)) * page + (j % per_page) * slot_size;
}

/* Slots in a sector (0 when not even one fits). */
static uint32_t slots_per_sector(const msdk_nvm_geometry_t *geo, uint32_t slot_size)
{
    uint32_t hdr = header_area(geo);
    uint32_t page = geo->page_size;
    if (hdr >= geo->sector_size) {
        return 0u;
    }
    if (slot_size > page) {
        return (geo->sector_size - hdr) / slot_size;
    }
    uint32_t first_page_slots = (page - (hdr % page)) / slot_size;
    uint32_t later_pages = (geo->sector_size / page) - (hdr / page) - 1u;
    return first_page_slots + later_pages * (page / slot_size);
}

/* Checks a configuration; on success gives the slot size and the slots per sector. */
static bool config_layout(const msdk_evlog_log_config_t *cfg, uint32_t *slot_size, uint32_t *slots)
{
    if ((cfg == NULL) || (cfg->nvm == NULL) || (cfg->nvm->ops == NULL) ||
        (msdk_nvm_geometry_check(&cfg->nvm->geo) != MSDK_OK)) {
        return false;
    }
    const msdk_nvm_geometry_t *geo = &cfg->nvm->geo;
    if ((cfg->sectors < 2u) || (cfg->payload_len == 0u) ||
        (cfg->payload_len > MSDK_EVLOG_PAYLOAD_MAX) || ((cfg->base % geo->sector_size) != 0u) ||
        (cfg->base >= geo->size) || (cfg->sectors > (geo->size - cfg->base) / geo->sector_size)) {
        return false;
    }
    if (geo->prog_align > EVLOG_SLOT_MAX) {
        return false;
    }
    uint32_t size = round_up(MSDK_EVLOG_RECORD_OVERHEAD + cfg->payload_len, geo->prog_align);
    if (size > EVLOG_SLOT_MAX) {
        return false;
    }
    uint32_t n = slots_per_sector(geo, size);
    if (n == 0u) {
        return false;
    }
    *slot_size = size;
    *slots = n;
    return true;
}

/* ---- Addresses and sequence numbers --------------------------------------------------- */

static const msdk_nvm_geometry_t *log_geo(const msdk_evlog_log_t *log)
{
    return &log->cfg.nvm->geo;
}

static uint32_t sector_addr(const msdk_evlog_log_t *log, uint32_t sector)
{
    return log->cfg.base + sector * log_geo(log)->sector_size;
}

static uint32_t slot_addr(const msdk_evlog_log_t *log, uint32_t sector, uint32_t slot)
{
    return sector_addr(log, sector) + slot_offset(log_geo(log), log->slot_size, slot);
}

/* Sector after @p sector round the ring. */
static uint32_t ring_next(const msdk_evlog_log_t *log, uint32_t sector)
{
    return (sector + 1u == log->cfg.sectors) ? 0u : sector + 1u;
}

/* Sector sequence number of a sector of the run (the head's minus its distance back). */
static uint32_t sector_seq(const msdk_evlog_log_t *log, uint32_t sector)
{
    uint32_t back = (log->head_sector >= sector) ? log->head_sector - sector
                                                 : log->head_sector + log->cfg.sectors - sector;
    return log->head_sector_seq - back;
}

/* Whether sequence number a comes before b (modulo 2^32, within half the range). */
static bool seq_is_before(uint32_t a, uint32_t b)
{
    uint32_t d = b - a;
    return (d != 0u) && (d < 0x80000000u);
}

/* Record bytes of a slot (without padding). */
static uint32_t record_len(const msdk_evlog_log_t *log)
{
    return MSDK_EVLOG_RECORD_OVERHEAD + log->cfg.payload_len;
}

/* ---- NVM helpers ------------------------------------------------------------------------ */

/* Programs [addr, addr + len) page by page (addr and len are prog_align multiples). */
static msdk_err_t program_span(const msdk_nvm_t *nvm, uint32_t addr, const uint8_t *data,
                               uint32_t len)
{
    uint32_t page = nvm->geo.page_size;
    while (len > 0u) {
        uint32_t n = page - (addr % page);
        if (n > len) {
            n = len;
        }
        msdk_err_t err = msdk_nvm_program(nvm, addr, data, n);
        if (err != MSDK_OK) {
            return err;
        }
        addr += n;
        data += n;
        len -= n;
    }
    return MSDK_OK;
}

/* ---- Sector headers ----------------------------------------------------------------------- */

static void header_encode(uint8_t *out, uint16_t log_id, uint32_t sseq)
{
    out[0] = (uint8_t)'M';
    out[1] = (uint8_t)'S';
    out[2] = (uint8_t)'E';
    out[3] = (uint8_t)'L';
    msdk_store_u16le(&out[HDR_LOG_ID], log_id);
    msdk_store_u16le(&out[HDR_VERSION], (uint16_t)EVLOG_FORMAT_VERSION);
    msdk_store_u32le(&out[HDR_SEQ], sseq);
    msdk_store_u32le(&out[HDR_CRC], msdk_crc32(out, HDR_CRC));
}

/* Whether all @p len bytes of @p b are 0xFF. */
static bool all_ff(const uint8_t *b, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        if (b[i] != 0xFFu) {
            return false;
        }
    }
    return true;
}

/* Reads the header of @p sector; *valid tells whether it is one of this log (then *sseq),
 * *blank whether its bytes are all 0xFF (NULL: not asked). */
static msdk_err_t header_read(const msdk_evlog_log_t *log, uint32_t sector, bool *valid,
                              uint32_t *sseq, bool *blank)
{
    uint8_t b[MSDK_EVLOG_SECTOR_HEADER];
    msdk_err_t err = msdk_nvm_read(log->cfg.nvm, sector_addr(log, sector), b, sizeof(b));
    if (err != MSDK_OK) {
        return err;
    }
    if (blank != NULL) {
        *blank = all_ff(b, sizeof(b));
    }
    *valid = (b[0] == (uint8_t)'M') && (b[1] == (uint8_t)'S') && (b[2] == (uint8_t)'E') &&
             (b[3] == (uint8_t)'L') && (msdk_load_u16le(&b[HDR_LOG_ID]) == log->cfg.log_id) &&
             (msdk_load_u16le(&b[HDR_VERSION]) == EVLOG_FORMAT_VERSION) &&
             (msdk_load_u32le(&b[HDR_CRC]) == msdk_crc32(b, HDR_CRC));
    *sseq = msdk_load_u32le(&b[HDR_SEQ]);
    return MSDK_OK;
}

/* ---- Record slots ---------------------------------------------------------------------- */

/* Reads slot @p slot of @p sector into buf (record_len bytes) and classifies it; a valid
 * record must carry @p expect as its sequence number. */
static msdk_err_t slot_read(const msdk_evlog_log_t *log, uint32_t sector, uint32_t slot,
                            uint32_t expect, uint8_t *buf, slot_state_t *state)
{
    uint32_t len = record_len(log);
    msdk_err_t err = msdk_nvm_read(log->cfg.nvm, slot_addr(log, sector, slot), buf, len);
    if (err != MSDK_OK) {
        return err;
    }
    uint32_t crc_at = len - 4u;
    if (all_ff(buf, len)) {
        *state = SLOT_FREE;
    } else if ((msdk_load_u32le(&buf[crc_at]) == msdk_crc32(buf, crc_at)) &&
               (msdk_load_u32le(&buf[REC_SEQ]) == expect)) {
        *state = SLOT_VALID;
    } else {
        *state = SLOT_BAD;
    }
    return MSDK_OK;
}

/* Reads entry @p seq (inside first..last) into buf; MSDK_ERR_NOT_FOUND for a gap. */
static msdk_err_t entry_load(const msdk_evlog_log_t *log, uint32_t seq, uint8_t *buf)
{
    uint32_t back = log->used_sectors - 1u;
    uint32_t oldest_seq = log->head_sector_seq - back;
    uint32_t offset = seq - oldest_seq * log->slots;
    uint32_t sector = log->oldest_sector + offset / log->slots;
    if (sector >= log->cfg.sectors) {
        sector -= log->cfg.sectors;
    }
    slot_state_t state;
    msdk_err_t err = slot_read(log, sector, offset % log->slots, seq, buf, &state);
    if (err != MSDK_OK) {
        return err;
    }
    return (state == SLOT_VALID) ? MSDK_OK : MSDK_ERR_NOT_FOUND;
}

/* ---- Mount -------------------------------------------------------------------------------- */

/* Best run of usable sectors found so far. */
typedef struct run_pick {
    bool found;
    uint32_t end;  /* last (newest) sector of the run */
    uint32_t len;  /* sectors in it */
    uint32_t sseq; /* sector sequence number of its last sector */
} run_pick_t;

static void run_consider(run_pick_t *pick, uint32_t end, uint32_t len, uint32_t sseq)
{
    if (!pick->found || (len > pick->len) || ((len == pick->len) && (sseq > pick->sseq))) {
        pick->found = true;
        pick->end = end;
        pick->len = len;
        pick->sseq = sseq;
    }
}

/* Reads every header once and picks the longest run (ring order, consecutive sequence
 * numbers); a run that passes from the last sector to sector 0 counts as one. *damaged
 * counts the headers that are neither blank nor usable, and the usable ones left outside
 * the run. */
static msdk_err_t find_run(const msdk_evlog_log_t *log, run_pick_t *pick, uint32_t *damaged)
{
    const uint32_t n = log->cfg.sectors;
    bool prev_valid = false;
    uint32_t prev_sseq = 0u;
    uint32_t cur_len = 0u;    /* run ending at the sector just read */
    uint32_t prefix_len = 0u; /* run starting at sector 0 */
    uint32_t sseq0 = 0u;
    uint32_t usable = 0u;
    memset(pick, 0, sizeof(*pick));
    *damaged = 0u;
    for (uint32_t p = 0; p < n; p++) {
        bool valid;
        bool blank;
        uint32_t sseq;
        msdk_err_t err = header_read(log, p, &valid, &sseq, &blank);
        if (err != MSDK_OK) {
            return err;
        }
        if (valid) {
            usable++;
        } else if (!blank) {
            (*damaged)++;
        } else {
            /* Blank: free for a reclaim. */
        }
        if (valid && prev_valid && (sseq == prev_sseq + 1u)) {
            cur_len++;
        } else {
            if (prev_valid) {
                run_consider(pick, p - 1u, cur_len, prev_sseq);
            }
            cur_len = valid ? 1u : 0u;
        }
        if (p == 0u) {
            sseq0 = sseq;
        }
        if (valid && (cur_len == p + 1u)) {
            prefix_len = cur_len;
        }
        prev_valid = valid;
        prev_sseq = sseq;
    }
    if (prev_valid) {
        if ((prefix_len > 0u) && (cur_len < n) && (sseq0 == prev_sseq + 1u)) {
            /* The run ending at the last sector goes on at sector 0. */
            run_consider(pick, prefix_len - 1u, prefix_len + cur_len, sseq0 + prefix_len - 1u);
        } else {
            run_consider(pick, n - 1u, cur_len, prev_sseq);
        }
    }
    /* Usable sectors outside the run: left over from a damaged image (a log never leaves
     * any behind). */
    *damaged += usable - pick->len;
    return MSDK_OK;
}

/* Finds the head's first free slot (after its last used one) and the newest record's time;
 * counts the gaps met on the way (used slots after the newest valid record). *found tells
 * whether the head holds a valid record. */
static msdk_err_t scan_head(msdk_evlog_log_t *log, bool *found)
{
    uint8_t buf[EVLOG_SLOT_MAX];
    bool used_seen = false;
    log->head_slot = 0u;
    *found = false;
    for (uint32_t i = log->slots; i > 0u; i--) {
        slot_state_t state;
        msdk_err_t err = slot_read(log, log->head_sector, i - 1u,
                                   log->head_sector_seq * log->slots + (i - 1u), buf, &state);
        if (err != MSDK_OK) {
            return err;
        }
        if ((state == SLOT_FREE) && !used_seen) {
            continue;
        }
        if (!used_seen) {
            used_seen = true;
            log->head_slot = i;
        }
        if (state == SLOT_VALID) {
            log->last_time = msdk_load_i64le(&buf[REC_TIME]);
            *found = true;
            break;
        }
        if (state == SLOT_BAD) {
            log->damage++;
        }
    }
    return MSDK_OK;
}

/* Finds the first valid record of the oldest sector; counts the gaps before it. When the
 * oldest sector is the head and the head scan found no valid record, there is none to find
 * (and its gaps are counted already). */
static msdk_err_t scan_oldest(msdk_evlog_log_t *log, bool head_found)
{
    uint8_t buf[EVLOG_SLOT_MAX];
    const bool is_head = (log->oldest_sector == log->head_sector);
    const uint32_t limit = (is_head && !head_found) ? 0u : (is_head ? log->head_slot : log->slots);
    const uint32_t start = sector_seq(log, log->oldest_sector) * log->slots;
    for (uint32_t i = 0; i < limit; i++) {
        slot_state_t state;
        msdk_err_t err = slot_read(log, log->oldest_sector, i, start + i, buf, &state);
        if (err != MSDK_OK) {
            return err;
        }
        if (state == SLOT_VALID) {
            log->first_seq = start + i;
            return MSDK_OK;
        }
        if (state == SLOT_BAD) {
            log->damage++;
        }
    }
    log->first_seq = is_head ? log->next_seq : start + log->slots;
    return MSDK_OK;
}

/* Whether the log was cleared at its head: the sector before the head in the run is not full
 * (its last slot is free). A reclaim never leaves such a sector behind; a clear does (its old
 * head, or the empty sector it adds after a full old head). One slot read. */
static msdk_err_t cleared_at_head(const msdk_evlog_log_t *log, bool *cleared)
{
    *cleared = false;
    if (log->used_sectors < 2u) {
        return MSDK_OK;
    }
    const uint32_t before =
        (log->head_sector == 0u) ? log->cfg.sectors - 1u : log->head_sector - 1u;
    uint8_t buf[EVLOG_SLOT_MAX];
    slot_state_t state;
    msdk_err_t err = slot_read(log, before, log->slots - 1u,
                               (log->head_sector_seq * log->slots) - 1u, buf, &state);
    if (err != MSDK_OK) {
        return err;
    }
    *cleared = (state == SLOT_FREE);
    return MSDK_OK;
}

msdk_err_t msdk_evlog_log_mount(msdk_evlog_log_t *log, const msdk_evlog_log_config_t *cfg)
{
    uint32_t slot_size = 0u;
    uint32_t slots = 0u;
    if ((log == NULL) || !config_layout(cfg, &slot_size, &slots)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(log, 0, sizeof(*log));
    log->cfg = *cfg;
    log->slot_size = slot_size;
    log->slots = slots;
    log->last_time = INT64_MIN;

    run_pick_t pick;
    msdk_err_t err = find_run(log, &pick, &log->damage);
    if (err != MSDK_OK) {
        return err;
    }
    if (!pick.found) {
        /* No usable sector: the first append reclaims sector 0 with sequence number 0. */
        log->head_sector = cfg->sectors - 1u;
        log->head_sector_seq = UINT32_MAX;
        log->head_slot = slots;
        log->oldest_sector = 0u;
        log->used_sectors = 0u;
        log->next_seq = 0u;
        log->first_seq = 0u;
        log->mounted = true;
        return MSDK_OK;
    }
    log->head_sector = pick.end;
    log->head_sector_seq = pick.sseq;
    log->used_sectors = pick.len;
    log->oldest_sector = (pick.end + cfg->sectors + 1u - pick.len) % cfg->sectors;
    bool head_found = false;
    err = scan_head(log, &head_found);
    if (err != MSDK_OK) {
        return err;
    }
    log->next_seq = log->head_sector_seq * slots + log->head_slot;
    bool cleared = false;
    err = cleared_at_head(log, &cleared);
    if (err != MSDK_OK) {
        return err;
    }
    if (cleared) {
        /* Cleared at the head: the entries before it are gone, their sectors still to be
         * erased (by the next append, prepare or clear). */
        log->first_seq = log->head_sector_seq * slots;
        log->clear_pending = true;
    } else {
        err = scan_oldest(log, head_found);
        if (err != MSDK_OK) {
            return err;
        }
    }
    log->mounted = true;
    return MSDK_OK;
}

/* ---- Append ----------------------------------------------------------------------------- */

/* Erases the sector after the head and makes it the head (evicting it when it is the
 * oldest). hdr is scratch of EVLOG_SLOT_MAX bytes. On failure the log is left unmounted. */
static msdk_err_t reclaim(msdk_evlog_log_t *log, uint8_t *hdr)
{
    const msdk_nvm_t *nvm = log->cfg.nvm;
    const uint32_t target = ring_next(log, log->head_sector);
    const uint32_t sseq = log->head_sector_seq + 1u;
    const uint32_t addr = sector_addr(log, target);
    const uint32_t area = header_area(log_geo(log));
    uint8_t back[MSDK_EVLOG_SECTOR_HEADER];
    memset(hdr, 0xFF, area);
    header_encode(hdr, log->cfg.log_id, sseq);

    msdk_err_t err = msdk_nvm_erase(nvm, addr);
    if (err == MSDK_OK) {
        err = program_span(nvm, addr, hdr, area);
    }
    if (err == MSDK_OK) {
        err = msdk_nvm_read(nvm, addr, back, sizeof(back));
    }
    if ((err == MSDK_OK) && (memcmp(back, hdr, sizeof(back)) != 0)) {
        err = MSDK_ERR_IO;
    }
    if (err != MSDK_OK) {
        log->mounted = false;
        return err;
    }
    if (log->used_sectors == 0u) {
        log->oldest_sector = target;
        log->used_sectors = 1u;
    } else if (log->used_sectors == log->cfg.sectors) {
        /* target was the oldest sector: its entries are gone. */
        log->oldest_sector = ring_next(log, target);
        uint32_t start = (sseq - (log->cfg.sectors - 1u)) * log->slots;
        if (seq_is_before(log->first_seq, start)) {
            log->first_seq = start;
        }
    } else {
        log->used_sectors++;
    }
    log->head_sector = target;
    log->head_sector_seq = sseq;
    log->head_slot = 0u;
    log->next_seq = sseq * log->slots;
    return MSDK_OK;
}

/* Erases @p sector and checks that its header area reads blank (an erase that did not take
 * is an error, not a sector that comes back at the next mount). */
static msdk_err_t erase_checked(const msdk_evlog_log_t *log, uint32_t sector)
{
    const uint32_t addr = sector_addr(log, sector);
    uint8_t back[MSDK_EVLOG_SECTOR_HEADER];
    msdk_err_t err = msdk_nvm_erase(log->cfg.nvm, addr);
    if (err == MSDK_OK) {
        err = msdk_nvm_read(log->cfg.nvm, addr, back, sizeof(back));
    }
    if ((err == MSDK_OK) && !all_ff(back, sizeof(back))) {
        err = MSDK_ERR_IO;
    }
    return err;
}

/* Finishes a clear that took effect (its fresh head follows a sector that is not full):
 * erases the usable sectors outside the run (a damaged image only: they could outlast the
 * shrinking run at a mount), then the run's sectors before the head, oldest first, the one
 * just before the head last, so that a cut at any point leaves the same cleared log. On
 * failure the log is left unmounted. */
static msdk_err_t clear_finish(msdk_evlog_log_t *log)
{
    msdk_err_t err = MSDK_OK;
    for (uint32_t s = ring_next(log, log->head_sector);
         (err == MSDK_OK) && (s != log->oldest_sector); s = ring_next(log, s)) {
        bool valid = false;
        uint32_t sseq = 0u;
        err = header_read(log, s, &valid, &sseq, NULL);
        if ((err == MSDK_OK) && valid) {
            err = erase_checked(log, s);
        }
    }
    uint32_t s = log->oldest_sector;
    for (uint32_t i = 1u; (err == MSDK_OK) && (i < log->used_sectors); i++) {
        err = erase_checked(log, s);
        s = ring_next(log, s);
    }
    if (err != MSDK_OK) {
        log->mounted = false;
        return err;
    }
    log->oldest_sector = log->head_sector;
    log->used_sectors = 1u;
    log->clear_pending = false;
    return MSDK_OK;
}

msdk_err_t msdk_evlog_log_append(msdk_evlog_log_t *log, int64_t time, const uint8_t *payload,
                                 uint32_t *seq)
{
    if ((log == NULL) || (payload == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log->mounted) {
        return MSDK_ERR_STATE;
    }
    uint8_t buf[EVLOG_SLOT_MAX];
    msdk_err_t err = MSDK_OK;
    if (log->clear_pending) {
        err = clear_finish(log);
        if (err != MSDK_OK) {
            return err;
        }
    }
    if (log->head_slot >= log->slots) {
        err = reclaim(log, buf);
        if (err != MSDK_OK) {
            return err;
        }
    }
    const uint32_t len = record_len(log);
    const uint32_t crc_at = len - 4u;
    const uint32_t number = log->next_seq;
    const uint32_t addr = slot_addr(log, log->head_sector, log->head_slot);
    memset(buf, 0xFF, log->slot_size);
    msdk_store_u32le(&buf[REC_SEQ], number);
    msdk_store_i64le(&buf[REC_TIME], time);
    memcpy(&buf[REC_PAYLOAD], payload, log->cfg.payload_len);
    const uint32_t crc = msdk_crc32(buf, crc_at);
    msdk_store_u32le(&buf[crc_at], crc);

    err = program_span(log->cfg.nvm, addr, buf, log->slot_size);
    if (err == MSDK_OK) {
        /* Read back over the same buffer and compare field by field with the sources. */
        err = msdk_nvm_read(log->cfg.nvm, addr, buf, len);
    }
    if ((err == MSDK_OK) &&
        ((msdk_load_u32le(&buf[REC_SEQ]) != number) || (msdk_load_i64le(&buf[REC_TIME]) != time) ||
         (memcmp(&buf[REC_PAYLOAD], payload, log->cfg.payload_len) != 0) ||
         (msdk_load_u32le(&buf[crc_at]) != crc))) {
        err = MSDK_ERR_IO;
    }
    if (err != MSDK_OK) {
        log->mounted = false;
        return err;
    }
    log->head_slot++;
    log->next_seq = number + 1u;
    log->last_time = time;
    if (seq != NULL) {
        *seq = number;
    }
    return MSDK_OK;
}

bool msdk_evlog_log_append_ready(const msdk_evlog_log_t *log)
{
    return (log != NULL) && log->mounted && !log->clear_pending && (log->head_slot < log->slots);
}

msdk_err_t msdk_evlog_log_prepare(msdk_evlog_log_t *log)
{
    if (log == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log->mounted) {
        return MSDK_ERR_STATE;
    }
    if (log->clear_pending) {
        msdk_err_t err = clear_finish(log);
        if (err != MSDK_OK) {
            return err;
        }
    }
    if (log->head_slot < log->slots) {
        return MSDK_OK;
    }
    uint8_t scratch[EVLOG_SLOT_MAX];
    return reclaim(log, scratch);
}

/* ---- Clear -------------------------------------------------------------------------------- */

msdk_err_t msdk_evlog_log_clear(msdk_evlog_log_t *log)
{
    if (log == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log->mounted) {
        return MSDK_ERR_STATE;
    }
    if (!log->clear_pending) {
        if ((log->used_sectors == 0u) || ((log->used_sectors == 1u) && (log->head_slot == 0u))) {
            return MSDK_OK; /* never written, or already empty: nothing to erase */
        }
        /* 1. A fresh head after the old one (a full ring evicts its oldest sector here, as a
         *    normal reclaim does). The old head, not full, is the sector before it: the clear
         *    takes effect with the header. A full old head gets an empty sector after it
         *    first, which is then the sector before the head. */
        const bool head_full = (log->head_slot >= log->slots);
        uint8_t scratch[EVLOG_SLOT_MAX];
        msdk_err_t err = reclaim(log, scratch);
        if ((err == MSDK_OK) && head_full) {
            err = reclaim(log, scratch);
        }
        if (err != MSDK_OK) {
            return err;
        }
        log->clear_pending = true;
        log->first_seq = log->next_seq;
        log->last_time = INT64_MIN;
    }
    /* 2. The erases. */
    return clear_finish(log);
}

uint32_t msdk_evlog_log_damage(const msdk_evlog_log_t *log)
{
    return (log == NULL) ? 0u : log->damage;
}

/* ---- Reading ------------------------------------------------------------------------------ */

msdk_err_t msdk_evlog_log_read(const msdk_evlog_log_t *log, uint32_t seq, msdk_evlog_record_t *rec)
{
    if ((log == NULL) || (rec == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log->mounted) {
        return MSDK_ERR_STATE;
    }
    if ((uint32_t)(seq - log->first_seq) >= msdk_evlog_log_count(log)) {
        return MSDK_ERR_NOT_FOUND;
    }
    uint8_t buf[EVLOG_SLOT_MAX];
    msdk_err_t err = entry_load(log, seq, buf);
    if (err != MSDK_OK) {
        return err;
    }
    rec->seq = seq;
    rec->time = msdk_load_i64le(&buf[REC_TIME]);
    memset(rec->payload, 0, sizeof(rec->payload));
    memcpy(rec->payload, &buf[REC_PAYLOAD], log->cfg.payload_len);
    return MSDK_OK;
}

uint32_t msdk_evlog_log_count(const msdk_evlog_log_t *log)
{
    if ((log == NULL) || !log->mounted) {
        return 0u;
    }
    return log->next_seq - log->first_seq;
}

uint32_t msdk_evlog_log_first(const msdk_evlog_log_t *log)
{
    return (log == NULL) ? 0u : log->first_seq;
}

uint32_t msdk_evlog_log_last(const msdk_evlog_log_t *log)
{
    return (log == NULL) ? 0u : log->next_seq - 1u;
}

msdk_err_t msdk_evlog_log_find_time(const msdk_evlog_log_t *log, int64_t time, uint32_t *seq,
                                    uint32_t *reads)
{
    if ((log == NULL) || (seq == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log->mounted) {
        return MSDK_ERR_STATE;
    }
    const uint32_t count = msdk_evlog_log_count(log);
    if (count == 0u) {
        return MSDK_ERR_NOT_FOUND;
    }
    uint32_t nreads = 0u;
    /* Answer in entries after first: every valid entry before lo is older than time, ans is
     * count or a valid entry at or after hi that is not older. */
    uint32_t lo = 0u;
    uint32_t hi = count;
    uint32_t ans = count;
    /* The newest record's time is known after an append or a mount that found it. */
    if ((log->last_time != INT64_MIN) && (time > log->last_time)) {
        lo = count;
    }
    uint8_t buf[EVLOG_SLOT_MAX];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2u;
        uint32_t v = mid;
        bool found = false;
        while (v < hi) {
            nreads++;
            msdk_err_t err = entry_load(log, log->first_seq + v, buf);
            if (err == MSDK_OK) {
                found = true;
                break;
            }
            if (err != MSDK_ERR_NOT_FOUND) {
                if (reads != NULL) {
                    *reads = nreads;
                }
                return err;
            }
            v++;
        }
        if (!found || (msdk_load_i64le(&buf[REC_TIME]) >= time)) {
            if (found) {
                ans = v;
            }
            hi = mid;
        } else {
            lo = v + 1u;
        }
    }
    *seq = log->first_seq + ans;
    if (reads != NULL) {
        *reads = nreads;
    }
    return MSDK_OK;
}

uint32_t msdk_evlog_log_capacity(const msdk_evlog_log_config_t *cfg)
{
    uint32_t slot_size = 0u;
    uint32_t slots = 0u;
    if (!config_layout(cfg, &slot_size, &slots)) {
        return 0u;
    }
    return slots * (cfg->sectors - 1u);
}
