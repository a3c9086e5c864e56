/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The simulated wired M-Bus segment of the host port, sans-IO: master ports queue bytes,
 * slave models answer, time is passed in (simulated microseconds), received bytes leave
 * through a callback. Private to ports/host and its tests; not installed.
 *
 * Line timing: a byte is 11 bit times (8E1). Byte k (1-based) of a burst that starts at
 * origin ends at origin + ceil(k * 11e6 / baud) us; a slave sees a request byte when its
 * stop bit ends, answers after its reply delay counted from the end of the request's
 * last byte (ceil(delay_bits * 1e6 / baud) + delay_us), and its reply bytes reach the
 * master at the end of their stop bits, counted the same way from the reply's start.
 * Several slaves sending at once: the line carries the wired AND of their bytes (data and
 * parity bit); a parity that no longer matches is a line error. */
#ifndef MSDK_HOST_MBUS_H
#define MSDK_HOST_MBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/mbus_power.h"

#define MSDK_HOST_MBUS_SLAVES    10u   /* slaves of the default population */
#define MSDK_HOST_MBUS_PORTS     2u    /* master ports on the segment */
#define MSDK_HOST_MBUS_PORT_UART 0u    /* the meter's M-Bus UART */
#define MSDK_HOST_MBUS_PORT_GW   1u    /* the gateway (--mbus-tcp / --mbus-pty in segment mode) */
#define MSDK_HOST_MBUS_TXQ       1024u /* bytes a master port can queue */
#define MSDK_HOST_MBUS_FRAME_MAX 261u
#define MSDK_HOST_MBUS_BAUD      2400u /* default rate of the slaves and ports */

/* Slave status flags (`mbus slave <i> status ...`): bits of the status byte. */
#define MSDK_HOST_MBUS_STATUS_FRAUD   0x03u /* application status 11: abnormal condition */
#define MSDK_HOST_MBUS_STATUS_BATTERY 0x04u /* battery low */

typedef enum msdk_host_mbus_model {
    MSDK_HOST_MBUS_WATER = 0,  /* volume L BCD8 + date-time */
    MSDK_HOST_MBUS_GAS = 1,    /* OMS mode 5 encrypted volume 0.01 m3 + date-time */
    MSDK_HOST_MBUS_HEAT = 2,   /* three telegrams */
    MSDK_HOST_MBUS_SLOW = 3,   /* as water, late answer */
    MSDK_HOST_MBUS_BAD = 4,    /* RSP_UD with a wrong checksum */
    MSDK_HOST_MBUS_WATER7 = 5, /* OMS mode 7 (AFL MAC, KDF-A) encrypted volume L + date-time */
} msdk_host_mbus_model_t;

/* Called for every byte that reaches a master port (at the end of its stop bit). */
typedef void (*msdk_host_mbus_rx_fn)(void *ctx, unsigned port, uint8_t byte, bool line_error,
                                     uint64_t t_us);
/* RTC of the slaves (UTC seconds) at simulated time t_us. */
typedef int64_t (*msdk_host_mbus_rtc_fn)(void *ctx, uint64_t t_us);

typedef struct msdk_host_mbus_slave {
    msdk_host_mbus_model_t model;
    bool connected; /* `mbus slave <i> on|off` */
    uint8_t primary;
    uint32_t id; /* BCD digits, 0x12345678 */
    uint16_t manufacturer;
    uint8_t version;
    uint8_t medium;
    uint8_t status; /* MSDK_HOST_MBUS_STATUS_* */
    uint32_t baud;
    uint32_t pending_baud; /* after the E5 of a baud change is out */
    uint32_t delay_bits;   /* reply delay: bit times ... */
    uint32_t delay_us;     /* ... plus microseconds */
    const uint8_t *key;    /* mode 5 key, mode 7 master key (16 bytes) or NULL */
    uint32_t volume_base;  /* volume = base + per_min * t */
    uint32_t volume_per_min;
    bool selected;            /* by secondary address: answers at 253 */
    bool fcb_valid;           /* fcb_next is known (after SND_NKE, selection, a REQ_UD2) */
    bool fcb_next;            /* FCB of the next new REQ_UD2 */
    uint8_t telegram;         /* multi-telegram: index of the next telegram */
    uint8_t access;           /* access number of the last RSP_UD */
    uint32_t message_counter; /* mode 7: AFL message counter of the last RSP_UD */
    uint64_t responses;       /* RSP_UD sent (new and repeated) */
    /* receiver */
    uint8_t rx[MSDK_HOST_MBUS_FRAME_MAX];
    uint16_t rx_len;
    uint64_t rx_last_us;
    /* last RSP_UD, sent again on a repeated FCB */
    uint8_t last[MSDK_HOST_MBUS_FRAME_MAX];
    uint16_t last_len;
    /* reply in flight */
    uint8_t tx[MSDK_HOST_MBUS_FRAME_MAX];
    uint16_t tx_len;
    uint16_t tx_sent;
    uint64_t tx_start_us;
    uint64_t tx_end_us; /* when the last byte of its previous reply ended (0: none yet) */
    uint32_t tx_baud;
    unsigned tx_port;
} msdk_host_mbus_slave_t;

typedef struct msdk_host_mbus_port {
    uint32_t baud;    /* bits per second */
    bool framing_8e1; /* false: every byte is garbage to the slaves */
    uint8_t q[MSDK_HOST_MBUS_TXQ];
    size_t q_head;
    size_t q_count;
    uint64_t origin_us;   /* start of the current burst */
    uint32_t origin_baud; /* its rate */
    bool origin_8e1;      /* its framing */
    uint32_t sent;        /* bytes of the burst already on the line */
    uint64_t last_end_us; /* end of the last byte sent */
    uint64_t tx_bytes;
    uint64_t rx_bytes;
} msdk_host_mbus_port_t;

typedef struct msdk_host_mbus {
    uint64_t now_us; /* time processed so far */
    bool power_on;
    bool overcurrent;
    bool short_circuit;
    msdk_host_mbus_port_t port[MSDK_HOST_MBUS_PORTS];
    msdk_host_mbus_slave_t slave[MSDK_HOST_MBUS_SLAVES];
    msdk_host_mbus_rx_fn rx_fn;
    msdk_host_mbus_rtc_fn rtc_fn;
    void *ctx;
} msdk_host_mbus_t;

/* The default population (README table), supply on, ports at 2400 Bd, time 0.
 * rx_fn receives the bytes for the masters; rtc_fn (NULL: 2026-01-01T00:00:00Z +
 * simulated time) gives the slaves' clock. */
void msdk_host_mbus_init(msdk_host_mbus_t *seg, msdk_host_mbus_rx_fn rx_fn,
                         msdk_host_mbus_rtc_fn rtc_fn, void *ctx);
/* Process every line event up to now_us, in time order (never goes back). */
void msdk_host_mbus_advance(msdk_host_mbus_t *seg, uint64_t now_us);
/* Time of the next line event, UINT64_MAX if none. */
uint64_t msdk_host_mbus_next_event_us(const msdk_host_mbus_t *seg);
/* A master port sends: advances to now_us, queues what fits; returns the bytes taken. */
size_t msdk_host_mbus_send(msdk_host_mbus_t *seg, unsigned port, uint64_t now_us,
                           const uint8_t *data, size_t len);
/* Bytes of a port not yet fully on the line. */
size_t msdk_host_mbus_tx_pending(const msdk_host_mbus_t *seg, unsigned port);
/* Rate and framing of a master port (framing_8e1 false: every byte is garbage to the
 * slaves). Takes effect for the bytes queued after it. MSDK_ERR_INVALID_ARG for a bad
 * port or rate 0. */
msdk_err_t msdk_host_mbus_port_config(msdk_host_mbus_t *seg, unsigned port, uint32_t baud,
                                      bool framing_8e1);
/* The supply (msdk/port/mbus_power.h semantics). */
void msdk_host_mbus_power_set(msdk_host_mbus_t *seg, uint64_t now_us, bool on);
void msdk_host_mbus_power_get(const msdk_host_mbus_t *seg, msdk_mbus_power_status_t *st);
/* A short circuit of the bus wires: on trips the supply. */
void msdk_host_mbus_short(msdk_host_mbus_t *seg, uint64_t now_us, bool on);
/* Slave 1..MSDK_HOST_MBUS_SLAVES: connect/disconnect; status flags (MSDK_HOST_MBUS_STATUS_*). */
msdk_err_t msdk_host_mbus_slave_connect(msdk_host_mbus_t *seg, unsigned index, bool on);
msdk_err_t msdk_host_mbus_slave_status(msdk_host_mbus_t *seg, unsigned index, uint8_t flags);
/* Connected slaves. */
unsigned msdk_host_mbus_slaves_connected(const msdk_host_mbus_t *seg);

/* ---- Between host_mbus.c and host_mbus_slaves.c ---- */

/* Line time of k bytes of 11 bits at baud, rounded up to the microsecond. */
static inline uint64_t msdk_host_mbus_bytes_us(uint64_t k, uint32_t baud)
{
    return (k * 11000000u + baud - 1u) / baud;
}
/* Fill the slaves with the default population. */
void msdk_host_mbus_population(msdk_host_mbus_t *seg);
/* A slave hears a byte of a master port at t_us (ok: same rate and framing). */
void msdk_host_mbus_slave_hear(msdk_host_mbus_t *seg, msdk_host_mbus_slave_t *s, unsigned port,
                               uint8_t byte, bool ok, uint64_t t_us);
/* Forget the link state (receiver, reply in flight, selection, FCB): supply lost. */
void msdk_host_mbus_slave_drop(msdk_host_mbus_slave_t *s);

#endif /* MSDK_HOST_MBUS_H */
