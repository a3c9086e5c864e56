/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the COSEM objects of the M-Bus master (mbus.h):
 *
 * - 0.0.24.6.0.255 (M-Bus master port setup, class 74): comm_speed, 300..38400 Bd (enum 0..7),
 *   stored with the channels; the link runs at it from the next operation.
 * - 0.<ch>.24.1.0.255, ch = 1..4 (M-Bus client, class 72, version 1): mbus_port_reference
 *   0.0.24.6.0.255; capture_definition (at most one element: the value of the channel);
 *   capture_period (0, or 60..86400 s); primary_address, identification_number,
 *   manufacturer_id, version and device_type (written before slave_install to say which device
 *   to install: by secondary address when identification_number is not 0; read only once
 *   installed); access_number, status, configuration of the last telegram; alarm (status bits
 *   0..4 seen since reset_alarm); encryption_key_status. Methods slave_install (queued: the
 *   bus operation follows; the result shows in the attributes and the board log),
 *   slave_deinstall, capture (queued readout), reset_alarm, synchronize_clock (queued) and
 *   set_encryption_key (management client only, over its ciphered association; the key is
 *   stored with the channel, never readable). data_send and transfer_key are not supported.
 * - 0.<ch>.24.2.1.255 (Extended register, class 4): the captured value, long64, with the
 *   scaler and unit of its record (Blue Book units; 254 for an M-Bus unit without one),
 *   status = the device's status byte, capture_time = when it was received (UTC, every field
 *   "not specified" before the first value).
 * The hourly profiles 0.<ch>.24.3.0.255 are profiles.c's. */
#ifndef MA304H4_DLMS_MBUS_H
#define MA304H4_DLMS_MBUS_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/cosem/class_mbus.h"

/** M-Bus channels (mbus.h's MA304H4_MBUS_CHANNELS). */
#define MA304H4_DLMS_MBUS_CHANNELS 4u

/** Objects dlms_mbus.c adds: the port setup, and per channel the client and its value. */
#define MA304H4_DLMS_MBUS_OBJECTS (1u + (2u * MA304H4_DLMS_MBUS_CHANNELS))

struct ma304h4_app;

/** Context of one channel's objects. */
typedef struct ma304h4_mbus_ref {
    struct ma304h4_app *app;
    uint8_t ch; /* 0..3 */
    uint8_t port_ln[6];
    uint8_t time[12]; /* the capture_time last answered */
} ma304h4_mbus_ref_t;

/** The M-Bus objects' contexts and the capture_definition being written. */
typedef struct ma304h4_dlms_mbus {
    ma304h4_mbus_ref_t ref[MA304H4_DLMS_MBUS_CHANNELS];
    msdk_cosem_mbus_capture_elem_t def; /* the element being written */
    uint32_t def_n;                     /* elements announced */
} ma304h4_dlms_mbus_t;

/**
 * Adds the M-Bus objects to the logical device (while its object table is built at start).
 * @param app The application; the contexts are in app->dlms.mbus.
 */
void ma304h4_dlms_mbus_objects(struct ma304h4_app *app);

#endif /* MA304H4_DLMS_MBUS_H */
