/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* A record of up to MA304H4_NVREC_MAX bytes kept in a ring of NVM sectors (at least two, A/B),
 * for objects larger than a libeventlog snapshot copy (MSDK_EVLOG_SNAP_MAX): the certificates
 * of security setup 1 (dlms_cert.c). Written only when a management client imports or
 * removes a certificate, so an erase per save is affordable.
 *
 * Layout: `sectors` consecutive sectors from `base`. Each holds at most one record at its
 * start:
 *   magic u32 'MREC' | version u16 | length u16 | sequence u32 | payload | CRC-32 u32
 * (little-endian; the CRC covers everything before it). Loading takes the valid record with
 * the highest sequence. Saving erases the sector after the newest record's (round the ring)
 * and programs the new one there (sequence + 1), so a power cut at any moment leaves the
 * previous record intact: the newest complete record is what the next boot reads. Each
 * sector is erased once per `sectors` saves.
 * Cost of one save: one sector erase and ceil((16 + length) / page_size) page programs (in
 * chunks of at most 256 bytes). */
#ifndef MA304H4_NVREC_H
#define MA304H4_NVREC_H

#include <stddef.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/port/nvm.h"

/** Largest payload of a record (a record fits one 4 KiB sector; it is streamed to and from
 *  the flash, never staged whole on the stack). */
#define MA304H4_NVREC_MAX 4000u

/** One record place: two sectors of an NVM region. */
typedef struct ma304h4_nvrec {
    const msdk_nvm_t *nvm; /* region */
    uint32_t base;         /* first sector */
    uint8_t sectors;       /* sectors in the ring, >= 2 */
    uint16_t version;      /* payload format; a record of another version is not loaded */
    uint32_t seq;          /* sequence of the newest record (0: none) */
    uint8_t newest;        /* sector of the newest record, 0..sectors-1 */
} ma304h4_nvrec_t;

/**
 * Binds a record place and finds its newest valid record.
 * @param r       State.
 * @param nvm     Region.
 * @param base    First sector (sector-aligned; all `sectors` inside the region).
 * @param sectors Sectors in the ring, at least 2.
 * @param version Payload format version.
 * @param payload Where the newest record's payload goes (MA304H4_NVREC_MAX bytes), or NULL.
 * @param cap     Capacity of @p payload.
 * @param len     Its length (0 when there is no valid record of this version).
 * @return MSDK_OK (also with no record), MSDK_ERR_INVALID_ARG for a bad place, or the
 *         region's read error.
 */
msdk_err_t ma304h4_nvrec_open(ma304h4_nvrec_t *r, const msdk_nvm_t *nvm, uint32_t base,
                              uint8_t sectors, uint16_t version, uint8_t *payload, size_t cap,
                              size_t *len);

/**
 * Saves a new record (power-cut safe: the previous one stays valid until this one is).
 * @param r       State from ma304h4_nvrec_open().
 * @param payload Payload.
 * @param len     Its length, at most MA304H4_NVREC_MAX.
 * @return MSDK_OK once the record is complete and read back, or the error.
 */
msdk_err_t ma304h4_nvrec_save(ma304h4_nvrec_t *r, const uint8_t *payload, size_t len);

#endif /* MA304H4_NVREC_H */
