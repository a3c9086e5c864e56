/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Wired M-Bus master procedures (EN 13757-2 link layer rules), sans-IO:
 *        a step machine the caller drives with the time, the received bytes and
 *        the bytes it sends.
 *
 * @par Driving the master
 * The context ::msdk_mbus_master_t is owned by the caller (no heap, no globals).
 * Start one operation with a `msdk_mbus_master_start_*()` function, then loop:
 * - call msdk_mbus_master_poll() with the current time; it fills an
 *   ::msdk_mbus_master_out_t saying what to do:
 *   - ::MSDK_MBUS_MASTER_SEND: transmit `tx[0..tx_len)` now, then poll again;
 *   - ::MSDK_MBUS_MASTER_WAIT: nothing to send; poll again after `wait_ms` at the
 *     latest, or as soon as bytes arrive;
 *   - ::MSDK_MBUS_MASTER_TELEGRAM: one telegram of a readout is in `frame` (valid
 *     until the next call on the master); poll again to go on;
 *   - ::MSDK_MBUS_MASTER_DONE: the operation ended with `result` (and `frame` for a
 *     single REQ_UD2); the master is idle again;
 *   - ::MSDK_MBUS_MASTER_IDLE: no operation is running.
 * - hand every received byte to msdk_mbus_master_feed() (any chunking), and every
 *   byte the UART received with a parity/framing error to
 *   msdk_mbus_master_line_error().
 *
 * @par States (msdk_mbus_master_t::state)
 * | state                           | meaning                                                   |
 * |---------------------------------|-----------------------------------------------------------|
 * | ::MSDK_MBUS_MST_IDLE            | no operation                                              |
 * | ::MSDK_MBUS_MST_SEND            | a request is encoded; it goes out when the line has been  |
 * |                                 | quiet 11 bit times after the last received byte           |
 * | ::MSDK_MBUS_MST_WAIT_REPLY      | request sent; waiting for the first byte until the end of |
 * |                                 | transmission + 330 bit times + 50 ms + allowance          |
 * | ::MSDK_MBUS_MST_RECEIVING       | a reply frame has started; each byte must follow the last |
 * |                                 | within the line idle time (33 bit times + allowance)      |
 * | ::MSDK_MBUS_MST_DRAIN           | the reply was garbled or had a bad checksum; bytes are    |
 * |                                 | discarded until the line is idle, then retry or give up   |
 * | ::MSDK_MBUS_MST_TELEGRAM        | a readout telegram waits to be handed to the caller       |
 * | ::MSDK_MBUS_MST_DONE            | the result waits to be handed to the caller               |
 *
 * @par Timing
 * The reply window is msdk_mbus_frame_reply_timeout_ms(baud, allowance) counted from
 * the end of the request, which the master computes as the time of the poll that
 * returned ::MSDK_MBUS_MASTER_SEND plus msdk_mbus_frame_tx_time_ms() of the request;
 * a reply may start until its end, so the master waits one character (11 bit times,
 * msdk_mbus_frame_min_wait_ms()) longer for the first byte to be received.
 * A request is retried at most twice (configurable down to none) when the reply is
 * missing, garbled, has a bad checksum or is not the expected kind of frame.
 *
 * @par Frame count bit
 * The master keeps, per address (0..255), the FCB its next request with FCV will
 * carry. It is 1 at init and after a SND_NKE to that address (the slave clears its
 * FCB on SND_NKE, so the first following request carries FCB = 1); it is also 1
 * for address 253 after a successful secondary selection. It is toggled after each
 * request with FCV that got its reply, and kept on a retry. After a request that
 * failed for good the slave's state is unknown: the bit is kept; send a SND_NKE to
 * be sure. The selection itself is sent with C = 0x53.
 *
 * @par Results
 * - ::MSDK_MBUS_RESULT_OK: the expected reply (E5, or an RSP_UD long frame).
 * - ::MSDK_MBUS_RESULT_NO_ANSWER: no byte in the reply window, after the retries.
 * - ::MSDK_MBUS_RESULT_COLLISION: a reply that started and broke (framing fault, a
 *   parity error, bytes that cannot start a frame, or a frame left unfinished),
 *   the signature of several slaves answering at once; after the retries.
 * - ::MSDK_MBUS_RESULT_BAD_FRAME: complete frames with a wrong checksum, or not the
 *   expected kind of frame, after the retries (and no garbled attempt).
 *
 * @par Secondary scan
 * A depth-first walk of the 8 ID digits, most significant first, each position
 * trying 0..9 and A..F with the later positions wildcarded (nibble F), manufacturer,
 * version and medium wildcarded. A probe is a selection (SND_UD to 253, CI 0x52):
 * no answer = nobody there; a garbled answer = several: the walk descends into the
 * next position; E5 = one (or several answering identical E5s in step): the master
 * confirms with REQ_UD2 to 253 and records the identification of the RSP_UD
 * (CI 0x72 header, also behind a CI 0x90 AFL; each device once), or descends when that reply is
 * garbled. A digit F is the wildcard itself: "F at this position" is the parent's mask, so the walk
 * descends under it without a probe, keeping that position wild (at most one such position per
 * mask). A device whose whole ID (no wildcard left) is acknowledged with a clean E5 but whose
 * RSP_UD stays a complete frame with a bad checksum (or of the wrong kind) after the retries is
 * recorded with its ID and manufacturer 0xFFFF, version and medium 0xFF (not known); a garbled
 * RSP_UD there is two devices with the same ID (counted in msdk_mbus_master_t::unresolved). A
 * device with one F digit is thus found where its later digits tell it apart; the cost is about
 * five times the probes of a 0..E walk (msdk_mbus_master_config_t::scan_skip_f turns it off). Two
 * devices with the same ID are counted in msdk_mbus_master_t::unresolved.
 */
#ifndef MSDK_MBUS_MASTER_H
#define MSDK_MBUS_MASTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/mbus/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Default number of retries of a request (EN 13757-2: at most two). */
#define MSDK_MBUS_MASTER_RETRIES_DEFAULT   2u
/** @brief Default limit of telegrams in one multi-telegram readout. */
#define MSDK_MBUS_MASTER_TELEGRAMS_DEFAULT 16u
/** @brief Default baud rate. */
#define MSDK_MBUS_MASTER_BAUD_DEFAULT      2400u

/** @brief Outcome of an operation. */
typedef enum msdk_mbus_result {
    MSDK_MBUS_RESULT_OK = 0,        /**< The expected reply came. */
    MSDK_MBUS_RESULT_NO_ANSWER = 1, /**< Nothing in the reply window, after the retries. */
    MSDK_MBUS_RESULT_COLLISION = 2, /**< A garbled reply (several slaves), after the retries. */
    MSDK_MBUS_RESULT_BAD_FRAME = 3, /**< Wrong checksum or unexpected frame, after the retries. */
} msdk_mbus_result_t;

/** @brief What the caller does after msdk_mbus_master_poll(). */
typedef enum msdk_mbus_master_action {
    MSDK_MBUS_MASTER_IDLE = 0,     /**< No operation is running. */
    MSDK_MBUS_MASTER_SEND = 1,     /**< Transmit `tx`, then poll again. */
    MSDK_MBUS_MASTER_WAIT = 2,     /**< Poll again within `wait_ms`, or when bytes arrive. */
    MSDK_MBUS_MASTER_TELEGRAM = 3, /**< A readout telegram is in `frame`; poll again. */
    MSDK_MBUS_MASTER_DONE = 4,     /**< The operation ended with `result`. */
} msdk_mbus_master_action_t;

/** @brief States of the step machine (see the file description). */
typedef enum msdk_mbus_master_state {
    MSDK_MBUS_MST_IDLE = 0,       /**< No operation. */
    MSDK_MBUS_MST_SEND = 1,       /**< A request waits to be sent. */
    MSDK_MBUS_MST_WAIT_REPLY = 2, /**< Waiting for the first byte of the reply. */
    MSDK_MBUS_MST_RECEIVING = 3,  /**< A reply frame is being received. */
    MSDK_MBUS_MST_DRAIN = 4,      /**< A bad reply: waiting for the line to go idle. */
    MSDK_MBUS_MST_TELEGRAM = 5,   /**< A readout telegram waits for the caller. */
    MSDK_MBUS_MST_DONE = 6,       /**< The result waits for the caller. */
} msdk_mbus_master_state_t;

/** @brief How a primary scan probes each address. */
typedef enum msdk_mbus_scan_method {
    MSDK_MBUS_SCAN_SND_NKE = 0, /**< SND_NKE, a present slave answers E5. */
    MSDK_MBUS_SCAN_REQ_UD2 = 1, /**< REQ_UD2, a present slave answers RSP_UD. */
} msdk_mbus_scan_method_t;

/**
 * @brief A secondary address (identification). In a selection, every nibble F of
 *        @c id and the values 0xFFFF / 0xFF of the other fields are wildcards.
 */
typedef struct msdk_mbus_secondary {
    uint32_t id;           /**< 8 digits, one per nibble, most significant first (0x1A2B3C4D). */
    uint16_t manufacturer; /**< Manufacturer code (EN 13757-3), as sent little-endian. */
    uint8_t version;       /**< Version (generation). */
    uint8_t medium;        /**< Medium (device type). */
} msdk_mbus_secondary_t;

/** @brief Configuration; a zeroed struct means the defaults. */
typedef struct msdk_mbus_master_config {
    uint32_t baud;         /**< 0: ::MSDK_MBUS_MASTER_BAUD_DEFAULT; else an M-Bus rate. */
    uint32_t allowance_ms; /**< Added to the reply window and the line idle time. */
    uint8_t retries;       /**< 0: ::MSDK_MBUS_MASTER_RETRIES_DEFAULT; else 1 or 2. */
    bool no_retries;       /**< Send each request once (overrides @c retries). */
    uint8_t max_telegrams; /**< 0: ::MSDK_MBUS_MASTER_TELEGRAMS_DEFAULT; limit of a readout. */
    bool scan_skip_f;      /**< Secondary scan: never descend with a digit F (wildcard). */
} msdk_mbus_master_config_t;

/** @brief A frame kept by the master (a reply, or the previous telegram). */
typedef struct msdk_mbus_master_frame {
    uint8_t c;                              /**< C field. */
    uint8_t a;                              /**< A field. */
    uint8_t ci;                             /**< CI field. */
    uint8_t len;                            /**< Number of data bytes. */
    uint8_t data[MSDK_MBUS_FRAME_DATA_MAX]; /**< Data after the CI field. */
} msdk_mbus_master_frame_t;

/** @brief What msdk_mbus_master_poll() asks of the caller. */
typedef struct msdk_mbus_master_out {
    msdk_mbus_master_action_t action; /**< What to do. */
    const uint8_t *tx;                /**< With ::MSDK_MBUS_MASTER_SEND: the bytes to send. */
    size_t tx_len;                    /**< Number of bytes at @c tx. */
    uint32_t wait_ms;                 /**< With ::MSDK_MBUS_MASTER_WAIT: longest wait. */
    msdk_mbus_result_t result;        /**< With ::MSDK_MBUS_MASTER_DONE: the outcome. */
    msdk_mbus_frame_t frame; /**< With TELEGRAM, or DONE of a REQ_UD2/readout: the last reply. */
    bool has_frame;          /**< Whether @c frame is set. */
} msdk_mbus_master_out_t;

/**
 * @brief The master context, owned by the caller; set up with
 *        msdk_mbus_master_init(). Fields are read-only for the caller.
 */
typedef struct msdk_mbus_master {
    msdk_mbus_master_state_t state; /**< Step machine state. */
    uint8_t proc;                   /**< Running procedure (internal). */
    uint8_t step;                   /**< Step of the procedure (internal). */
    uint32_t baud;                  /**< Current baud rate. */
    uint32_t window_ms;             /**< Reply window (330 bit times + 50 ms + allowance), plus
                                         the 11 bit times of the first byte. */
    uint32_t idle_ms;               /**< Line idle time (33 bit times + allowance). */
    uint32_t gap_ms;                /**< Quiet time before sending (11 bit times). */
    uint32_t allowance_ms;          /**< From the configuration. */
    uint8_t retries;                /**< Retries per request. */
    uint8_t max_telegrams;          /**< Limit of a readout. */
    /* request in flight */
    uint8_t tx[MSDK_MBUS_FRAME_MAX_LEN]; /**< Encoded request. */
    uint16_t tx_len;                     /**< Bytes in @c tx. */
    uint8_t addr;                        /**< Address of the request. */
    bool expect_long;                    /**< RSP_UD expected (else E5). */
    bool uses_fcb;                       /**< The request carries FCV = 1. */
    bool garble_is_answer;               /**< Garbled = several answered: no retry. */
    uint8_t attempts;                    /**< Transmissions of the request so far. */
    uint8_t worst;                       /**< Worst attempt outcome (internal). */
    uint8_t drain_outcome;               /**< Outcome decided while draining (internal). */
    uint32_t deadline;                   /**< End of the current wait (ms). */
    uint32_t quiet_from;                 /**< Earliest time to send (ms), with @c has_quiet. */
    bool has_quiet;                      /**< A byte was received: @c quiet_from is set. */
    uint32_t skipped_at_start;           /**< Receiver's skip counter at the window start. */
    msdk_mbus_rx_t rx;                   /**< Frame receiver. */
    /* frame count bits: next FCB per address, one bit each */
    uint8_t fcb[32]; /**< Bit a: FCB of the next request to address a. */
    /* results */
    msdk_mbus_result_t result;      /**< Result of the operation (valid with DONE). */
    msdk_mbus_master_frame_t reply; /**< Last accepted reply (RSP_UD). */
    msdk_mbus_master_frame_t prev;  /**< Previous telegram of a readout. */
    bool has_reply;                 /**< @c reply holds a frame of this operation. */
    uint8_t telegrams;              /**< Telegrams handed over by the readout. */
    uint32_t new_baud;              /**< Baud rate being set. */
    uint8_t new_addr;               /**< Primary address being set. */
    /* primary scan */
    uint8_t scan_addr;    /**< Address probed. */
    uint8_t scan_last;    /**< Last address to probe. */
    uint8_t found[32];    /**< Primary scan: bit a set when address a answered. */
    uint8_t collided[32]; /**< Primary scan: bit a set when address a gave a garbled reply. */
    /* secondary scan */
    uint8_t level;              /**< Positions fixed in the probe mask (0..8). */
    uint8_t digit[8];           /**< Digit of each fixed position. */
    msdk_mbus_secondary_t *ids; /**< Caller's array of found devices. */
    size_t ids_cap;             /**< Capacity of @c ids. */
    size_t ids_count;           /**< Devices found. */
    uint32_t unresolved;        /**< Collisions the ID walk could not resolve. */
    uint32_t probes;            /**< Selections sent by the scan. */
    bool overflow;              /**< More devices than @c ids_cap. */
    bool scan_skip_f;           /**< From the configuration. */
} msdk_mbus_master_t;

/**
 * @brief Sets up a master: idle, every FCB 1, scan results empty.
 * @param[out] m   Master.
 * @param[in]  cfg Configuration; NULL for the defaults.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL, an unknown baud rate, retries above 2, or
 *                              the timing overflows.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_init(msdk_mbus_master_t *m,
                                                const msdk_mbus_master_config_t *cfg);

/**
 * @brief The FCB the next request with FCV to @p addr will carry.
 * @param[in] m    Master.
 * @param[in] addr Address.
 * @return The bit; false when @p m is NULL.
 */
bool msdk_mbus_master_next_fcb(const msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts a SND_NKE (link reset) to @p addr; expects E5. Sets the FCB of @p addr.
 * @param[in,out] m    Master (idle).
 * @param[in]     addr Address.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_snd_nke(msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts one REQ_UD2 to @p addr; expects an RSP_UD long frame, given with
 *        ::MSDK_MBUS_MASTER_DONE.
 * @param[in,out] m    Master (idle).
 * @param[in]     addr Address.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_req_ud2(msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts a multi-telegram readout of @p addr: REQ_UD2 (FCB toggled each
 *        time) while the telegram ends with DIF 0x1F; stops at a telegram without
 *        the mark (0x0F or none), at a telegram identical (CI and data) to the
 *        previous one (not handed over), or after the configured number of
 *        telegrams. Each telegram comes with ::MSDK_MBUS_MASTER_TELEGRAM.
 * @param[in,out] m    Master (idle).
 * @param[in]     addr Address.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_readout(msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts a SND_UD with user data to @p addr; expects E5.
 * @param[in,out] m        Master (idle).
 * @param[in]     addr     Address.
 * @param[in]     ci       CI field.
 * @param[in]     data     Data (copied into the request); may be NULL when @p len is 0.
 * @param[in]     len      Number of bytes, 0..::MSDK_MBUS_FRAME_DATA_MAX.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL, @p data NULL with @p len > 0, or @p len too big.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_snd_ud(msdk_mbus_master_t *m, uint8_t addr,
                                                        uint8_t ci, const uint8_t *data,
                                                        size_t len);

/**
 * @brief Starts setting the primary address of the slave at @p addr to @p new_addr
 *        (SND_UD, CI 0x51, DIF 0x01 VIF 0x7A); expects E5. On success the FCB state
 *        moves with the slave to @p new_addr.
 * @param[in,out] m        Master (idle).
 * @param[in]     addr     Current address (primary or 253).
 * @param[in]     new_addr New primary address, 0..250.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL or @p new_addr above 250.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_set_address(msdk_mbus_master_t *m, uint8_t addr,
                                                             uint8_t new_addr);

/**
 * @brief Starts switching the slave at @p addr to @p baud (SND_UD, CI 0xB8..0xBF,
 *        no data); the E5 comes at the old rate. On success the master's rate
 *        (msdk_mbus_master_t::baud) is @p baud: switch the UART after DONE.
 * @param[in,out] m    Master (idle).
 * @param[in]     addr Address.
 * @param[in]     baud New rate (msdk_mbus_baud_is_valid()).
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL or not an M-Bus rate.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_set_baud(msdk_mbus_master_t *m, uint8_t addr,
                                                          uint32_t baud);

/**
 * @brief Starts an application reset of @p addr (SND_UD, CI 0x50, no data); expects E5.
 * @param[in,out] m    Master (idle).
 * @param[in]     addr Address.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_app_reset(msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts a secondary selection (SND_UD to 253, CI 0x52, 8 bytes: ID BCD
 *        little-endian, manufacturer, version, medium; wildcards F / 0xFF).
 *        OK = exactly one slave acknowledged; COLLISION = a garbled reply (several);
 *        NO_ANSWER = none. On success the FCB of address 253 is set.
 * @param[in,out] m   Master (idle).
 * @param[in]     sel Secondary address with wildcards.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m or @p sel is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_select(msdk_mbus_master_t *m,
                                                        const msdk_mbus_secondary_t *sel);

/**
 * @brief Starts a primary scan of addresses @p first..@p last (at most 0..250):
 *        one probe per address; the answering ones are in msdk_mbus_master_t::found
 *        (msdk_mbus_master_is_found()), garbled ones also in @c collided.
 * @param[in,out] m      Master (idle).
 * @param[in]     method SND_NKE or REQ_UD2.
 * @param[in]     first  First address.
 * @param[in]     last   Last address, @p first..250.
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL, an unknown method, or a bad range.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_scan_primary(msdk_mbus_master_t *m,
                                                              msdk_mbus_scan_method_t method,
                                                              uint8_t first, uint8_t last);

/**
 * @brief Whether the last primary scan found a slave at @p addr.
 * @param[in] m    Master.
 * @param[in] addr Address.
 * @return true when @p addr answered; false when @p m is NULL.
 */
bool msdk_mbus_master_is_found(const msdk_mbus_master_t *m, uint8_t addr);

/**
 * @brief Starts the secondary wildcard scan (see the file description). Found
 *        devices go to @p ids (each once); the count is
 *        msdk_mbus_master_t::ids_count.
 * @param[in,out] m   Master (idle).
 * @param[out]    ids Caller's array; must stay valid until DONE.
 * @param[in]     cap Its capacity (devices beyond it set @c overflow).
 * @retval MSDK_OK              Started.
 * @retval MSDK_ERR_BUSY        An operation is running.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL, or @p ids NULL with @p cap > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_start_scan_secondary(msdk_mbus_master_t *m,
                                                                msdk_mbus_secondary_t *ids,
                                                                size_t cap);

/**
 * @brief Advances the step machine and says what the caller does next.
 * @param[in,out] m      Master.
 * @param[in]     now_ms Current time in milliseconds (wraps at 2^32).
 * @param[out]    out    What to do (see ::msdk_mbus_master_action_t).
 * @retval MSDK_OK              @p out is filled.
 * @retval MSDK_ERR_INVALID_ARG @p m or @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_poll(msdk_mbus_master_t *m, uint32_t now_ms,
                                                msdk_mbus_master_out_t *out);

/**
 * @brief Hands received bytes to the master. Bytes outside a reply window are ignored.
 * @param[in,out] m      Master.
 * @param[in]     now_ms Time the bytes arrived.
 * @param[in]     data   Bytes; may be NULL when @p n is 0.
 * @param[in]     n      Number of bytes.
 * @retval MSDK_OK              Taken.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL, or @p data NULL with @p n > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_feed(msdk_mbus_master_t *m, uint32_t now_ms,
                                                const uint8_t *data, size_t n);

/**
 * @brief Reports a byte received with a parity, framing or overrun error: inside a
 *        reply window the reply is garbled.
 * @param[in,out] m      Master.
 * @param[in]     now_ms Time of the error.
 * @retval MSDK_OK              Taken.
 * @retval MSDK_ERR_INVALID_ARG @p m is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_master_line_error(msdk_mbus_master_t *m, uint32_t now_ms);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_MBUS_MASTER_H */
