/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the DLMS/COSEM logical device (identification, clock, energy registers,
 * instantaneous values, three associations) and the optical port (IEC 62056-21 mode E, then
 * HDLC). Board independent: the optical port is msdk_port_board_serial(OPTICAL). */
#ifndef MA304H4_DLMS_H
#define MA304H4_DLMS_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/cosem/iec21.h"
#include "msdk/cosem/object.h"
#include "msdk/cosem/session.h"
#include "msdk/eventlog/events.h"
#include "msdk/port/serial.h"
#include "dlms_cal.h"
#include "dlms_mbus.h"
#include "dlms_sec.h"
#include "dlms_tariff.h"

struct ma304h4_app;

/** HDLC addresses of the meter: logical device 1 (management), physical address 17. */
#define MA304H4_HDLC_LOGICAL  1u
#define MA304H4_HDLC_PHYSICAL 17u
/** Largest APDU the meter takes and sends. */
#define MA304H4_DLMS_PDU      512u
/** Largest HDLC information field. */
#define MA304H4_HDLC_INFO     128u
/** Default LLS secret of the reader (2) and management (1) associations (issue 6 moves the
 *  management client to HLS). Kept in RAM until storage arrives (issue 7). */
#define MA304H4_LLS_DEFAULT   "12345678"

/** Optical port state: mode E at 300 Bd, or HDLC at the negotiated speed. */
typedef struct ma304h4_optical {
    const msdk_serial_t *port;        /* the board's optical serial channel */
    msdk_cosem_iec21_server_t mode_e; /* sign-on, identification, option select */
    bool hdlc;                        /* the port runs HDLC */
    uint8_t pending[64];              /* identification waiting for its reply time */
    size_t pending_len;
    uint64_t pending_at_ms;
    msdk_cosem_hdlc_session_t session;
    uint8_t rx_frame[MA304H4_HDLC_INFO + MSDK_COSEM_HDLC_FRAME_OVERHEAD];
    uint8_t tx_frame[MA304H4_HDLC_INFO + MSDK_COSEM_HDLC_FRAME_OVERHEAD];
    uint8_t apdu[MA304H4_DLMS_PDU];
    uint8_t resp[MA304H4_DLMS_PDU];
    uint8_t scratch[256];
    uint8_t cbuf[MA304H4_DLMS_PDU]; /* ciphering */
} ma304h4_optical_t;

/** DLMS wrapper connections served at once (network port, TCP 4059). */
#define MA304H4_NET_SESSIONS 4u
/** Main-loop period while a DLMS session or a mode E handshake is open (ms). With none,
 *  the board's idle wakes on the first byte or connection, so no polling is needed. */
#define MA304H4_DLMS_POLL_MS 20u

/** One wrapper connection of the network port. */
typedef struct ma304h4_net_session {
    bool used;
    int32_t conn;                         /* the port's handle */
    msdk_cosem_wrapper_session_t session; /* stream + association */
    uint8_t rx[MA304H4_DLMS_PDU];         /* reassembly of the received APDU */
    uint8_t in[256];                      /* bytes received, not yet fed */
    size_t in_len, in_off;
    uint8_t tx[MA304H4_DLMS_PDU + 8u]; /* response (wrapper header + APDU) */
    size_t tx_len, tx_off;
    uint8_t scratch[256];
    uint8_t cbuf[MA304H4_DLMS_PDU]; /* ciphering */
} ma304h4_net_session_t;

/** Clients that may be served at the same time: the optical port (0) and each network
 *  session (1 + its slot). */
#define MA304H4_DLMS_CLIENTS (1u + MA304H4_NET_SESSIONS)

/** The reads of a Profile generic kept in a log (libeventlog), one per client: which entry
 *  of the log is its row 0 and how many rows it has, fixed when the read began (the row
 *  source's count(), called once at the start of a GET of the buffer, before any of its
 *  blocks). The rows of a read stay the same entries while it goes on over many blocks: an
 *  entry the ring evicts (or a reset clears) in the meantime makes the read fail, and
 *  entries captured in the meantime are not in it. */
typedef struct ma304h4_rows_pin {
    uint32_t base[MA304H4_DLMS_CLIENTS];  /* sequence number of row 0 */
    uint32_t count[MA304H4_DLMS_CLIENTS]; /* rows */
} ma304h4_rows_pin_t;

/** Readings the registers show (energy, power, voltages, currents, frequency, PF). */
typedef enum reading {
    R_A_IMPORT,
    R_A_EXPORT,
    R_R_IMPORT,
    R_R_EXPORT,
    R_P_IMPORT,
    R_P_EXPORT,
    R_V1,
    R_V2,
    R_V3,
    R_I1,
    R_I2,
    R_I3,
    R_FREQ,
    R_PF,
    R_COUNT
} reading_t;

/**
 * The Register object (class 3) that shows a reading, by its logical name.
 * @param ln    Logical name.
 * @param which Its reading, when found.
 * @return true when @p ln is one of the meter's Register objects.
 */
bool ma304h4_dlms_register_find(const uint8_t ln[6], reading_t *which);

/**
 * The logical name of the Register object that shows a reading.
 * @param which The reading (< R_COUNT).
 * @param ln    Its logical name.
 */
void ma304h4_dlms_register_ln(reading_t which, uint8_t ln[6]);

/**
 * The value (attribute 2) of the Register object that shows a reading, as a GET answers it:
 * its A-XDR type and its unit scaled by the register's scaler (e.g. long64-unsigned mWh).
 * @param app   The application.
 * @param which The reading (< R_COUNT).
 * @param v     The value.
 * @return A data-access-result.
 */
uint8_t ma304h4_dlms_register_value(const struct ma304h4_app *app, reading_t which,
                                    msdk_cosem_value_t *v);

/** Context of a register object: the application and which reading it shows. */
typedef struct ma304h4_dlms_binding {
    const struct ma304h4_app *app;
    unsigned which; /* a reading_t */
} ma304h4_dlms_binding_t;

/** An event log shown over DLMS, with the row last read (a GET reads each row once per
 *  column and once for its time). */
typedef struct ma304h4_event_binding {
    const struct ma304h4_app *app;
    unsigned which;         /* the log: an msdk_evlog_log_id_t */
    ma304h4_rows_pin_t pin; /* the reads going on */
    bool cached;            /* `row` holds the entry asked for as `seq` */
    uint32_t seq;           /* sequence number asked for */
    msdk_evlog_event_t row; /* what it reads as (the entry before it, code 0, for a gap) */
} ma304h4_event_binding_t;

/** Event logs shown over DLMS (standard, fraud detection, disconnector control, M-Bus, power
 *  quality, long power failures): a Profile generic and a Data object each (the last event
 *  code; the number of long power failures). */
#define MA304H4_DLMS_EVENT_LOGS 6u

/** Objects of the logical device: identification (3), clock, registers, the profiles (4,
 *  and the 4 M-Bus hourly profiles) and their AMR status object, the error register,
 *  associations (7), security setups (2), the client invocation counters (2), the event
 *  logs, the calendar, tariff and M-Bus objects. */
#define MA304H4_DLMS_OBJECTS                                                                       \
    (4u + (unsigned)R_COUNT + 10u + MA304H4_ASSOCS + 4u + (2u * MA304H4_DLMS_EVENT_LOGS) +         \
     MA304H4_DLMS_CAL_OBJECTS + MA304H4_DLMS_TARIFF_OBJECTS + MA304H4_DLMS_MBUS_OBJECTS)

/** DLMS state of the meter. */
typedef struct ma304h4_dlms {
    char secret[2][17];  /* LLS secrets: [0] reader (SAP 2), [1] management (SAP 1) */
    char hls_secret[33]; /* secret of the HLS 3/4/6 test clients */
    msdk_cosem_object_t objects[MA304H4_DLMS_OBJECTS]; /* built at start (dlms.c) */
    uint16_t object_count;
    msdk_cosem_assoc_def_t assocs[MA304H4_ASSOCS];
    ma304h4_sec_t sec; /* keys, counters, lockout */
    bool sec_ok;       /* the security started (random source, crypto) */
    msdk_cosem_ldev_t ld;
    ma304h4_dlms_binding_t bindings[R_COUNT];
    ma304h4_event_binding_t event_logs[MA304H4_DLMS_EVENT_LOGS];
    ma304h4_dlms_tariff_t tariff; /* tariff, demand and billing objects (dlms_tariff.c) */
    ma304h4_dlms_cal_t cal;       /* calendar and special days writes (dlms_cal.c) */
    ma304h4_dlms_mbus_t mbus;     /* the M-Bus objects (dlms_mbus.c) */
    int64_t sec_event_logged[MSDK_COSEM_SECEVENT_COUNT]; /* when each kind was last logged */
    uint8_t time[12];                                    /* the clock's last date-time answer */
    ma304h4_optical_t optical;                           /* the optical port */
    bool net;                                            /* the network port listens */
    uint8_t client; /* the client being served: 0 optical, 1 + slot of a network session */
    ma304h4_net_session_t sessions[MA304H4_NET_SESSIONS];
} ma304h4_dlms_t;

/** Access rights the objects of other files use (one entry per association). */
typedef enum ma304h4_dlms_rights_kind {
    MA304H4_RIGHTS_VALUES = 0, /* read by every authenticated client, not the public one */
    MA304H4_RIGHTS_CONFIG = 1, /* as VALUES; every attribute written and every method run by
                                  the management client */
} ma304h4_dlms_rights_kind_t;

/**
 * The access rights table of a kind.
 * @param kind Which.
 * @return MA304H4_ASSOCS entries.
 */
const msdk_cosem_rights_t *ma304h4_dlms_rights(ma304h4_dlms_rights_kind_t kind);

/**
 * Adds an object to the logical device's table (while it is built at start).
 * @param d      DLMS state.
 * @param ln     Logical name.
 * @param cls    Interface class.
 * @param def    Class definition (the provider).
 * @param ctx    Object context.
 * @param rights Access rights (MA304H4_ASSOCS entries).
 */
void ma304h4_dlms_put(ma304h4_dlms_t *d, const uint8_t ln[6], const msdk_cosem_class_t *cls,
                      const void *def, void *ctx, const msdk_cosem_rights_t *rights);

/**
 * Start the DLMS side: the optical port at 300 Bd in mode E.
 * @param app The application (the objects read its state).
 * @return MSDK_OK, or the error of the serial port or of a configuration.
 */
msdk_err_t ma304h4_dlms_init(struct ma304h4_app *app);

/**
 * A COSEM date-time of a UTC time (deviation 0), as the meter's objects show times.
 * @param utc_s      Seconds since 1970 (UTC).
 * @param hundredths Hundredths of a second.
 * @param status     Clock status byte.
 * @return The date-time.
 */
msdk_cosem_datetime_t ma304h4_dlms_datetime(int64_t utc_s, uint8_t hundredths, uint8_t status);

/**
 * Puts a profile row's capture time (UTC seconds) into a buffer cell: a 12-byte octet-string
 * date-time, deviation 0, status 0.
 * @param wb    Buffer.
 * @param utc_s Seconds since 1970 (UTC).
 * @return As msdk_cosem_axdr_put_datetime().
 */
msdk_err_t ma304h4_dlms_put_time(msdk_wbuf_t *wb, int64_t utc_s);

/**
 * Begins a read of a Profile generic kept in a log, for the client being served (the row
 * source's count()): its rows are the newest @p max entries of @p log (all of them when
 * there are fewer), row 0 the oldest of those. At most @p max (profile_entries) are shown:
 * the log holds up to one sector more than its capacity.
 * @param app The application (the client being served).
 * @param pin The reads of the profile.
 * @param log Its log (NULL: no rows).
 * @param max Profile entries.
 * @return The rows: entries in use.
 */
uint32_t ma304h4_dlms_rows_begin(const struct ma304h4_app *app, ma304h4_rows_pin_t *pin,
                                 const msdk_evlog_log_t *log, uint32_t max);

/**
 * The log entry of row @p row of the read of the client being served
 * (ma304h4_dlms_rows_begin()).
 * @param app The application (the client being served).
 * @param pin The reads of the profile.
 * @param log Its log (NULL: none).
 * @param row Row, 0 = the oldest of the read.
 * @param seq Its sequence number in the log.
 * @return false when the read has no such row, or the entry is no longer in the log (the
 *         ring evicted it, or a reset cleared it, since the read began).
 */
bool ma304h4_dlms_rows_seq(const struct ma304h4_app *app, const ma304h4_rows_pin_t *pin,
                           const msdk_evlog_log_t *log, uint32_t row, uint32_t *seq);

/**
 * Serve the optical port: bytes in, answers out, timeouts. Called from the main loop.
 * @param app The application.
 * @return Milliseconds until the next call is needed at the latest (UINT32_MAX when
 *         nothing is open: input wakes the board).
 */
uint32_t ma304h4_dlms_poll(struct ma304h4_app *app);

#endif /* MA304H4_DLMS_H */
