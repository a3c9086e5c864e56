/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "dlms_cert.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/port/board.h"

/* Record format version 1: entity u8, type u8, length u16 (little-endian), DER. */
#define CERT_VERSION 1u
#define CERT_HEAD    4u

/* The slot of certificate number i (the i-th used slot), or NULL. */
static ma304h4_cert_slot_t *nth(ma304h4_certs_t *c, uint8_t i)
{
    uint8_t k = 0u;
    for (uint8_t s = 0u; s < MA304H4_CERT_SLOTS; s++) {
        if (c->slot[s].len != 0u) {
            if (k == i) {
                return &c->slot[s];
            }
            k++;
        }
    }
    return NULL;
}

static uint8_t count(void *ctx)
{
    ma304h4_certs_t *c = ctx;
    uint8_t n = 0u;
    for (uint8_t s = 0u; s < MA304H4_CERT_SLOTS; s++) {
        n = (uint8_t)(n + ((c->slot[s].len != 0u) ? 1u : 0u));
    }
    return n;
}

static msdk_err_t get(void *ctx, uint8_t i, const uint8_t **der, size_t *len, uint8_t *entity,
                      uint8_t *type)
{
    const ma304h4_cert_slot_t *s = nth(ctx, i);
    if (s == NULL) {
        return MSDK_ERR_NOT_FOUND;
    }
    *der = s->der;
    *len = s->len;
    *entity = s->entity;
    *type = s->type;
    return MSDK_OK;
}

/* Writes slot s as entity/type/der (len 0: empty), durably; the RAM copy changes only once
 * the record is saved. Without the NVM nothing changes. */
static msdk_err_t write_slot(const ma304h4_certs_t *c, ma304h4_cert_slot_t *s, uint8_t entity,
                             uint8_t type, const uint8_t *der, size_t len)
{
    if (len > MA304H4_CERT_MAX) {
        return MSDK_ERR_NO_SPACE;
    }
    if (!c->stored) {
        return MSDK_ERR_IO; /* a change is reported done only once it is durable */
    }
    uint8_t rec[MA304H4_CERT_MAX + 4u];
    rec[0] = entity;
    rec[1] = type;
    msdk_store_u16le(&rec[2], (uint16_t)len);
    if (len != 0u) {
        memcpy(&rec[CERT_HEAD], der, len);
    }
    msdk_err_t err = ma304h4_nvrec_save(&s->rec, rec, CERT_HEAD + len);
    if (err != MSDK_OK) {
        return err;
    }
    if (len != 0u) {
        memmove(s->der, der, len); /* der may be this slot's own bytes */
    }
    s->len = (uint16_t)len;
    s->entity = entity;
    s->type = type;
    return MSDK_OK;
}

static msdk_err_t put(void *ctx, uint8_t i, uint8_t entity, uint8_t type, const uint8_t *der,
                      size_t len)
{
    ma304h4_certs_t *c = ctx;
    ma304h4_cert_slot_t *s = nth(c, i);
    for (uint8_t k = 0u; (s == NULL) && (k < MA304H4_CERT_SLOTS); k++) {
        if (c->slot[k].len == 0u) {
            s = &c->slot[k]; /* a free one */
        }
    }
    if ((s == NULL) || (len == 0u)) {
        return MSDK_ERR_NO_SPACE;
    }
    return write_slot(c, s, entity, type, der, len);
}

static msdk_err_t remove_cert(void *ctx, uint8_t i)
{
    ma304h4_certs_t *c = ctx;
    ma304h4_cert_slot_t *s = nth(c, i);
    return (s != NULL) ? write_slot(c, s, 0u, 0u, NULL, 0u) : MSDK_ERR_NOT_FOUND;
}

const msdk_cosem_cert_store_t *ma304h4_certs_open(ma304h4_certs_t *c, uint32_t top)
{
    memset(c, 0, sizeof *c);
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    const uint32_t span =
        (nvm != NULL) ? MA304H4_CERT_SLOTS * MA304H4_CERT_SECTORS * nvm->geo.sector_size : 0u;
    c->stored = (nvm != NULL) && (top >= span) && (top <= nvm->geo.size);
    for (uint8_t k = 0u; c->stored && (k < MA304H4_CERT_SLOTS); k++) {
        uint8_t rec[MA304H4_CERT_MAX + 4u];
        size_t n = 0u;
        const uint32_t base = top - span + k * MA304H4_CERT_SECTORS * nvm->geo.sector_size;
        c->stored = ma304h4_nvrec_open(&c->slot[k].rec, nvm, base, MA304H4_CERT_SECTORS,
                                       CERT_VERSION, rec, sizeof rec, &n) == MSDK_OK;
        uint16_t len = (n >= CERT_HEAD) ? msdk_load_u16le(&rec[2]) : 0u;
        if (c->stored && (n >= CERT_HEAD) && (len <= MA304H4_CERT_MAX) && (n == CERT_HEAD + len)) {
            c->slot[k].entity = rec[0];
            c->slot[k].type = rec[1];
            c->slot[k].len = len;
            memcpy(c->slot[k].der, &rec[CERT_HEAD], len);
        }
    }
    if (!c->stored) {
        /* Part of the store unreadable: none of it is used (a removal could not be made
         * durable, and a certificate believed gone could come back). */
        for (uint8_t k = 0u; k < MA304H4_CERT_SLOTS; k++) {
            c->slot[k].len = 0u;
        }
        msdk_port_board_log("dlms: no NVM for certificates: none can be imported");
    }
    c->store.count = count;
    c->store.get = get;
    c->store.put = put;
    c->store.remove = remove_cert;
    c->store.ctx = c;
    return &c->store;
}
