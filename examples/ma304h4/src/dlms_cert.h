/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's certificate store (msdk_cosem_cert_store_t) for security setup 1 (suite 1:
 * HLS 7): a few slots, each an NVM record of its own (nvrec.h: entity, type, length, DER;
 * length 0 is an empty slot) in a ring of two sectors, so that a power cut during an import
 * or a removal leaves that slot as it was or as it is meant to be, and the others untouched.
 * The records lie below the security state's ring at the top of the data NVM. */
#ifndef MA304H4_DLMS_CERT_H
#define MA304H4_DLMS_CERT_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/cosem/class_security.h"
#include "nvrec.h"

/** Certificates the store holds (a CA, the client's and the meter's signature certificate). */
#define MA304H4_CERT_SLOTS   3u
/** Largest certificate (DER) a slot holds. */
#define MA304H4_CERT_MAX     1020u
/** Sectors of one slot's record ring. */
#define MA304H4_CERT_SECTORS 2u

/** One slot. */
typedef struct ma304h4_cert_slot {
    uint8_t der[MA304H4_CERT_MAX];
    uint16_t len; /* 0: empty */
    uint8_t entity;
    uint8_t type;
    ma304h4_nvrec_t rec;
} ma304h4_cert_slot_t;

/** The store. */
typedef struct ma304h4_certs {
    ma304h4_cert_slot_t slot[MA304H4_CERT_SLOTS];
    bool stored;                   /* the NVM records are usable */
    msdk_cosem_cert_store_t store; /* the interface, ctx = this */
} ma304h4_certs_t;

/**
 * Opens the store: binds the slots' records (ending at byte @p top of the data NVM) and loads
 * what they hold. Without the NVM (or with a slot that cannot be read) the store is empty and
 * refuses changes: nothing is reported stored that is not.
 * @param c   Store.
 * @param top End of the region the slots may use (their records lie just below it).
 * @return The interface (c->store).
 */
const msdk_cosem_cert_store_t *ma304h4_certs_open(ma304h4_certs_t *c, uint32_t top);

#endif /* MA304H4_DLMS_CERT_H */
