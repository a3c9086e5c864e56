/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "nvrec.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"

#define NVREC_MAGIC 0x4345524Du /* "MREC" little-endian */
#define NVREC_HEAD  12u
#define NVREC_TAIL  4u

/* Bytes moved per flash read or program (records are streamed, not staged whole): a whole
 * page of the usual 256-byte page flash, so that each page is programmed once. */
#define NVREC_CHUNK 256u

/* Reads and checks the record of one sector; *len = 0 when it holds none of this version. */
static msdk_err_t slot_read(const ma304h4_nvrec_t *r, uint8_t slot, uint8_t *payload, size_t cap,
                            size_t *len, uint32_t *seq)
{
    const uint32_t at = r->base + (uint32_t)slot * r->nvm->geo.sector_size;
    uint8_t head[NVREC_HEAD];
    *len = 0u;
    *seq = 0u;
    msdk_err_t err = msdk_nvm_read(r->nvm, at, head, sizeof head);
    if (err != MSDK_OK) {
        return err;
    }
    uint16_t n = msdk_load_u16le(&head[6]);
    if ((msdk_load_u32le(head) != NVREC_MAGIC) || (msdk_load_u16le(&head[4]) != r->version) ||
        (n > MA304H4_NVREC_MAX) || ((payload != NULL) && (n > cap))) {
        return MSDK_OK;
    }
    uint32_t crc = msdk_crc32_update(msdk_crc32_init(), head, sizeof head);
    uint8_t buf[NVREC_CHUNK];
    for (size_t off = 0u; off < n;) {
        const size_t k = ((n - off) < sizeof buf) ? (n - off) : sizeof buf;
        err = msdk_nvm_read(r->nvm, at + NVREC_HEAD + (uint32_t)off, buf, k);
        if (err != MSDK_OK) {
            return err;
        }
        crc = msdk_crc32_update(crc, buf, k);
        if (payload != NULL) {
            memcpy(&payload[off], buf, k);
        }
        off += k;
    }
    uint8_t tail[NVREC_TAIL];
    err = msdk_nvm_read(r->nvm, at + NVREC_HEAD + n, tail, sizeof tail);
    if (err != MSDK_OK) {
        return err;
    }
    if (msdk_crc32_final(crc) != msdk_load_u32le(tail)) {
        return MSDK_OK;
    }
    *len = n;
    *seq = msdk_load_u32le(&head[8]);
    return MSDK_OK;
}

msdk_err_t ma304h4_nvrec_open(ma304h4_nvrec_t *r, const msdk_nvm_t *nvm, uint32_t base,
                              uint8_t sectors, uint16_t version, uint8_t *payload, size_t cap,
                              size_t *len)
{
    if ((r == NULL) || (nvm == NULL) || (len == NULL) || (nvm->geo.sector_size == 0u) ||
        (sectors < 2u) || ((base % nvm->geo.sector_size) != 0u) ||
        !msdk_nvm_range_is_valid(nvm, base, (size_t)sectors * nvm->geo.sector_size) ||
        (nvm->geo.sector_size < NVREC_HEAD + MA304H4_NVREC_MAX + NVREC_TAIL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(r, 0, sizeof *r);
    r->nvm = nvm;
    r->base = base;
    r->sectors = sectors;
    r->version = version;
    *len = 0u;
    for (uint8_t s = 0u; s < sectors; s++) {
        size_t n = 0u;
        uint32_t seq = 0u;
        msdk_err_t err = slot_read(r, s, NULL, 0u, &n, &seq);
        if (err != MSDK_OK) {
            return err;
        }
        if (seq > r->seq) {
            r->seq = seq;
            r->newest = s;
        }
    }
    if (r->seq == 0u) {
        return MSDK_OK; /* saved records have sequence numbers from 1 */
    }
    uint32_t ignored;
    return (payload != NULL) ? slot_read(r, r->newest, payload, cap, len, &ignored) : MSDK_OK;
}

msdk_err_t ma304h4_nvrec_save(ma304h4_nvrec_t *r, const uint8_t *payload, size_t len)
{
    if ((r == NULL) || (r->nvm == NULL) || ((payload == NULL) && (len != 0u)) ||
        (len > MA304H4_NVREC_MAX) || (r->seq == UINT32_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint32_t align = r->nvm->geo.prog_align;
    size_t total = NVREC_HEAD + len + NVREC_TAIL;
    if ((align == 0u) || (align > 16u) || ((NVREC_CHUNK % align) != 0u)) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    total = (total + align - 1u) / align * align; /* padding stays erased (0xFF) */
    uint8_t head[NVREC_HEAD];
    msdk_store_u32le(head, NVREC_MAGIC);
    msdk_store_u16le(&head[4], r->version);
    msdk_store_u16le(&head[6], (uint16_t)len);
    msdk_store_u32le(&head[8], r->seq + 1u);
    uint32_t crc = msdk_crc32_update(msdk_crc32_init(), head, sizeof head);
    if (len != 0u) {
        crc = msdk_crc32_update(crc, payload, len);
    }
    uint8_t tail[NVREC_TAIL];
    msdk_store_u32le(tail, msdk_crc32_final(crc));

    /* The first save goes to the first sector; after that to the one after the newest
     * record's, round the ring: never the sector of the newest record, and every sector
     * in turn (wear spread over all of them). */
    const uint8_t slot = (r->seq == 0u) ? 0u : (uint8_t)((r->newest + 1u) % r->sectors);
    const uint32_t at = r->base + (uint32_t)slot * r->nvm->geo.sector_size;
    msdk_err_t err = msdk_nvm_erase(r->nvm, at);
    const uint32_t page = r->nvm->geo.page_size;
    /* The record as a byte stream (head, payload, CRC, erased padding), programmed in chunks
     * that never cross a page. */
    for (size_t off = 0u; (err == MSDK_OK) && (off < total);) {
        size_t chunk = page - ((at + off) % page);
        chunk = (chunk < total - off) ? chunk : total - off;
        chunk = (chunk < NVREC_CHUNK) ? chunk : NVREC_CHUNK;
        uint8_t buf[NVREC_CHUNK];
        for (size_t i = 0u; i < chunk; i++) {
            const size_t b = off + i;
            buf[i] = (b < NVREC_HEAD)                      ? head[b]
                     : (b < NVREC_HEAD + len)              ? payload[b - NVREC_HEAD]
                     : (b < NVREC_HEAD + len + NVREC_TAIL) ? tail[b - NVREC_HEAD - len]
                                                           : 0xFFu;
        }
        err = msdk_nvm_program(r->nvm, at + (uint32_t)off, buf, chunk);
        off += chunk;
    }
    /* Read back: only a record that verifies becomes the newest. */
    size_t n = 0u;
    uint32_t seq = 0u;
    if (err == MSDK_OK) {
        err = slot_read(r, slot, NULL, 0u, &n, &seq);
    }
    if ((err == MSDK_OK) && (seq != r->seq + 1u)) {
        err = MSDK_ERR_IO;
    }
    if (err != MSDK_OK) {
        return err;
    }
    r->seq = seq;
    r->newest = slot;
    return MSDK_OK;
}
