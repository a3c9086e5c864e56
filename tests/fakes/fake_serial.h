/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Test fake: two connected serial ports (or one looped back) over
 *        ring buffers in caller memory.
 *
 * Bytes written on end A are read on end B and the other way round. A
 * simple line model gives msdk_serial_tx_pending() a meaning: with a line
 * rate of 0 a write arrives at once; with a rate of n, each
 * msdk_fake_serial_pump() call moves up to n bytes per direction "onto the
 * line" and until then they count as pending on the sender. Writes take
 * what fits in the ring (partial writes). Errors can be injected per end and
 * operation, and an end can be disconnected (writes then fail with
 * ::MSDK_ERR_CLOSED, as a TCP port without a client does).
 */
#ifndef MSDK_TEST_FAKE_SERIAL_H
#define MSDK_TEST_FAKE_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/serial.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One direction of the line. */
typedef struct msdk_fake_serial_ring {
    uint8_t *buf;     /**< Storage, caller's. */
    size_t cap;       /**< Bytes of @c buf. */
    size_t head;      /**< Index of the oldest byte. */
    size_t count;     /**< Bytes in the ring: pending + delivered. */
    size_t delivered; /**< Bytes at the head that arrived and can be read. */
    size_t rate;      /**< Bytes delivered per pump; 0 = at once. */
} msdk_fake_serial_ring_t;

/** @brief Operations into which an error can be injected. */
typedef enum msdk_fake_serial_op {
    MSDK_FAKE_SERIAL_OP_CONFIGURE = 0, /**< configure(). */
    MSDK_FAKE_SERIAL_OP_WRITE = 1,     /**< write(). */
    MSDK_FAKE_SERIAL_OP_READ = 2,      /**< read(). */
    MSDK_FAKE_SERIAL_OP_COUNT = 3      /**< Number of operations. */
} msdk_fake_serial_op_t;

/** @brief Injection count meaning "fail every call from now on". */
#define MSDK_FAKE_SERIAL_FOREVER UINT32_MAX

/** @brief One end; hand @c &end.port to the code under test (its ops may
 *         also be called directly with @c &end as context). */
typedef struct msdk_fake_serial_end {
    msdk_serial_t port;          /**< The instance (ctx = this struct). */
    msdk_fake_serial_ring_t *tx; /**< Ring this end writes into. */
    msdk_fake_serial_ring_t *rx; /**< Ring this end reads from. */
    msdk_serial_config_t cfg;    /**< Last accepted line settings. */
    bool connected;              /**< false: writes fail with MSDK_ERR_CLOSED. */
    msdk_err_t inject_err[MSDK_FAKE_SERIAL_OP_COUNT]; /**< Error to return per op. */
    uint32_t inject_left[MSDK_FAKE_SERIAL_OP_COUNT];  /**< Calls still to fail per op. */
    uint32_t configures;                              /**< Accepted configure calls. */
    uint64_t bytes_written;                           /**< Bytes taken by write. */
    uint64_t bytes_read;                              /**< Bytes returned by read. */
} msdk_fake_serial_end_t;

/** @brief Two connected ends, or one looped back (then only @c a is used). */
typedef struct msdk_fake_serial_pair {
    msdk_fake_serial_end_t a;   /**< End A. */
    msdk_fake_serial_end_t b;   /**< End B (unused for a loopback). */
    msdk_fake_serial_ring_t ab; /**< A to B (or A to A for a loopback). */
    msdk_fake_serial_ring_t ba; /**< B to A. */
    bool loopback;              /**< Initialised by msdk_fake_serial_loopback_init(). */
} msdk_fake_serial_pair_t;

/**
 * @brief Connect two ends; both start at 9600 8N1, connected, line rate 0.
 * @param[out] pair   Pair; must not move afterwards.
 * @param[in]  buf_ab Ring storage A to B.
 * @param[in]  cap_ab Its size (> 0).
 * @param[in]  buf_ba Ring storage B to A.
 * @param[in]  cap_ba Its size (> 0).
 */
void msdk_fake_serial_pair_init(msdk_fake_serial_pair_t *pair, uint8_t *buf_ab, size_t cap_ab,
                                uint8_t *buf_ba, size_t cap_ba);

/**
 * @brief One end whose writes come back to its own reads (TX wired to RX).
 * @param[out] pair Pair; only @c pair->a is usable.
 * @param[in]  buf  Ring storage.
 * @param[in]  cap  Its size (> 0).
 */
void msdk_fake_serial_loopback_init(msdk_fake_serial_pair_t *pair, uint8_t *buf, size_t cap);

/**
 * @brief Bytes per msdk_fake_serial_pump() and direction; 0 = writes arrive at once.
 * @param[in,out] pair Pair.
 * @param[in]     rate Bytes.
 */
void msdk_fake_serial_set_line_rate(msdk_fake_serial_pair_t *pair, size_t rate);

/**
 * @brief Move pending bytes onto the line (the @c pump of msdk_conf_serial_pair()).
 * @param[in,out] pair A msdk_fake_serial_pair_t.
 */
void msdk_fake_serial_pump(void *pair);

/**
 * @brief Make the next @p count calls of @p op on @p end fail with @p err
 *        without any other effect (::MSDK_FAKE_SERIAL_FOREVER: until cleared
 *        with count 0).
 * @param[in,out] end   End.
 * @param[in]     op    Operation.
 * @param[in]     err   Error to return (MSDK_ERR_IO for an overrun, ...).
 * @param[in]     count Number of calls.
 */
void msdk_fake_serial_inject(msdk_fake_serial_end_t *end, msdk_fake_serial_op_t op, msdk_err_t err,
                             uint32_t count);

/**
 * @brief Attach or detach the peer of @p end.
 * @param[in,out] end       End.
 * @param[in]     connected New state.
 */
void msdk_fake_serial_set_connected(msdk_fake_serial_end_t *end, bool connected);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TEST_FAKE_SERIAL_H */
