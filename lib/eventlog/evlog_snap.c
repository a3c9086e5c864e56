/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Snapshots of small state over the circular log (msdk/eventlog/snapshot.h): each copy is a
 * record [format version u16 LE | data]; the newest record that reads back with its CRC is
 * the object. */
#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/eventlog/snapshot.h"

msdk_err_t msdk_evlog_snap_open(msdk_evlog_snap_t *snap, const msdk_evlog_snap_config_t *cfg,
                                uint8_t *data, uint16_t *version)
{
    if ((snap == NULL) || (cfg == NULL) || (data == NULL) || (cfg->size == 0u) ||
        (cfg->size > MSDK_EVLOG_SNAP_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const msdk_evlog_log_config_t lc = { cfg->nvm, cfg->base, cfg->sectors,
                                         (uint16_t)(cfg->size + MSDK_EVLOG_SNAP_OVERHEAD),
                                         cfg->id };
    memset(snap, 0, sizeof *snap);
    msdk_err_t err = msdk_evlog_log_mount(&snap->log, &lc);
    if (err != MSDK_OK) {
        return err;
    }
    snap->size = cfg->size;
    snap->version = cfg->version;
    if (version != NULL) {
        *version = 0u;
    }
    /* The newest copy that reads back: torn or corrupted ones are gaps, stepped over. */
    msdk_err_t found = MSDK_ERR_NOT_FOUND;
    uint32_t n = msdk_evlog_log_count(&snap->log);
    uint32_t seq = msdk_evlog_log_last(&snap->log);
    msdk_evlog_record_t rec;
    for (uint32_t i = 0u; (i < n) && (found == MSDK_ERR_NOT_FOUND); i++, seq--) {
        err = msdk_evlog_log_read(&snap->log, seq, &rec);
        if (err == MSDK_OK) {
            memcpy(data, &rec.payload[MSDK_EVLOG_SNAP_OVERHEAD], cfg->size);
            if (version != NULL) {
                *version = msdk_load_u16le(rec.payload);
            }
            found = MSDK_OK;
        } else if (err != MSDK_ERR_NOT_FOUND) {
            return err;
        } else {
            snap->skipped++; /* a gap: the copy before it */
        }
    }
    /* A spare slot for the power-fail path (its failure is seen by save_now). */
    err = msdk_evlog_log_prepare(&snap->log);
    return (err == MSDK_OK) ? found : err;
}

/* The record of a copy: version then data. */
static void copy_of(const msdk_evlog_snap_t *snap, const uint8_t *data, uint8_t *rec)
{
    msdk_store_u16le(rec, snap->version);
    memcpy(&rec[MSDK_EVLOG_SNAP_OVERHEAD], data, snap->size);
}

msdk_err_t msdk_evlog_snap_save(msdk_evlog_snap_t *snap, const uint8_t *data)
{
    if ((snap == NULL) || (data == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (snap->size == 0u) {
        return MSDK_ERR_STATE;
    }
    uint8_t rec[MSDK_EVLOG_PAYLOAD_MAX];
    copy_of(snap, data, rec);
    msdk_err_t err = msdk_evlog_log_append(&snap->log, 0, rec, NULL);
    if (err == MSDK_ERR_STATE) {
        /* An earlier NVM error left the log unmounted: mount it again (the flash is the
         * reference) and retry once. */
        const msdk_evlog_log_config_t cfg = snap->log.cfg;
        err = msdk_evlog_log_mount(&snap->log, &cfg);
        if (err == MSDK_OK) {
            err = msdk_evlog_log_append(&snap->log, 0, rec, NULL);
        }
    }
    if (err == MSDK_OK) {
        err = msdk_evlog_log_prepare(&snap->log);
    }
    return err;
}

msdk_err_t msdk_evlog_snap_save_now(msdk_evlog_snap_t *snap, const uint8_t *data)
{
    if ((snap == NULL) || (data == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((snap->size == 0u) || !msdk_evlog_log_append_ready(&snap->log)) {
        return MSDK_ERR_STATE; /* an append now would have to erase */
    }
    uint8_t rec[MSDK_EVLOG_PAYLOAD_MAX];
    copy_of(snap, data, rec);
    return msdk_evlog_log_append(&snap->log, 0, rec, NULL);
}

uint32_t msdk_evlog_snap_damage(const msdk_evlog_snap_t *snap)
{
    return (snap == NULL) ? 0u : msdk_evlog_log_damage(&snap->log) + snap->skipped;
}
