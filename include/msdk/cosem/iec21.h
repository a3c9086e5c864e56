/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief IEC 62056-21 protocol mode E: the optical-port handshake that leads
 *        to HDLC (IEC 62056-46), server and client side, sans-IO.
 *
 * @par Message sequence (IEC 62056-21 Annex E, Green Book "mode E")
 * All three messages travel at 300 Bd, 7 data bits, even parity, 1 stop bit.
 * @code
 * client -> meter   / ? [device address] ! CR LF          sign-on (request message)
 * meter  -> client  / X X X Z \ 2 ident CR LF            identification message
 * client -> meter   ACK 2 Z 2 CR LF                       acknowledgement / option select
 * both              switch to baud rate Z, 8N1, HDLC
 * @endcode
 * Example: `/?!\r\n`, `/ABC5\2METER01\r\n`, `\x06 2 5 2 \r\n`, then HDLC at 9600 Bd.
 *
 * @par Field layout as found in the standard and in public implementations
 * - `XXX`: manufacturer's identification, three letters (FLAG registry).
 *   A lower-case third letter announces that the meter answers within 20 ms
 *   instead of the usual minimum reaction time of 200 ms.
 * - `Z`: baud rate character. Protocol modes C and E use `0`..`6` = 300, 600,
 *   1200, 2400, 4800, 9600, 19200 Bd (`7`..`9` reserved); mode B uses `A`..`F`
 *   = 600..19200 Bd.
 * - `\W`: escape sequence with the enhanced identification character W
 *   (clause 6.3.2 item 24 of IEC 62056-21); `\2` announces that the binary
 *   HDLC protocol (mode E) is available. Other values of W are reserved.
 *   Meters put it right after Z (`/ISk5\2MT382-1000`, `/APA5\2NORAX30`).
 * - `ident`: manufacturer-specific identification, at most 16 printable
 *   characters, `/` and `!` excluded. The `\W` sequence is not counted in
 *   the 16. This library also excludes `\` inside the ident.
 * - Device address in the sign-on: optional, at most 32 characters from
 *   `0-9`, `A-Z`, `a-z` and space. Leading zeros are not significant
 *   (`/?0042!` and `/?42!` address the same meter). The comparison is
 *   otherwise exact (case-sensitive). A meter answers `/?!` always, and an
 *   addressed sign-on only when the address matches; otherwise it stays silent.
 * - Option select `ACK V Z Y CR LF`: V is the protocol control character
 *   (`0` normal, `1` secondary, `2` HDLC), Z the baud rate character, Y the
 *   mode control character (`0` data readout, `1` programming, `2` binary /
 *   HDLC). Mode E is `ACK 2 Z 2 CR LF`.
 *
 * @par Timing (IEC 62056-21 clause 6.3.14)
 * - ta, time between two characters of one message: below 1500 ms
 *   (::MSDK_COSEM_IEC21_TA_MS). A message whose next character comes later is
 *   discarded.
 * - tr, reaction time from the end of a received message to the answer:
 *   200 ms (20 ms with a lower-case third manufacturer letter) to 1500 ms.
 *   The server reports the earliest start in
 *   ::msdk_cosem_iec21_event_t::tx_not_before_ms; the port must start
 *   sending before 1500 ms have passed.
 * - tt, the time the meter waits for the option select after its
 *   identification: 1500 ms < tt <= 2200 ms. This implementation waits
 *   ::MSDK_COSEM_IEC21_TT_MS (2200 ms) after the end of the identification,
 *   estimated from its length at 300 Bd (10 bits per character) or reported
 *   exactly with msdk_cosem_iec21_server_tx_done().
 *
 * @par Server side
 * msdk_cosem_iec21_server_input() takes received bytes and the current time
 * and returns at most one action per call:
 * - ::MSDK_COSEM_IEC21_ACTION_SEND: transmit the bytes appended to the caller's
 *   writer (the identification) at 300 Bd, not before `tx_not_before_ms`.
 * - ::MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC: a valid mode E option select
 *   arrived. The meter sends no answer to it. Once its own transmission has
 *   drained, the port switches to `baud`, 8N1, and hands every further byte
 *   to the HDLC layer. The handshake machine ignores the port until
 *   msdk_cosem_iec21_server_hdlc_ended().
 * - ::MSDK_COSEM_IEC21_ACTION_RESET: the answered handshake was abandoned
 *   (timeout, malformed message, an option other than mode E such as the mode
 *   C readout `ACK 0 Z 0`, or the end of the HDLC session). The port returns
 *   to 300 Bd 7E1 and drops any pending output.
 * A sign-on that is malformed or addressed to another meter gets no answer
 * and no action. Bytes other than `/` while idle are line noise and are
 * dropped. The port must deliver 7-bit characters (parity stripped by the
 * UART); bytes above 0x7F are invalid characters.
 *
 * @par Client side
 * msdk_cosem_iec21_build_sign_on(), msdk_cosem_iec21_parse_ident() and
 * msdk_cosem_iec21_build_option_select() cover the three messages for the
 * command-line tool and the integration tests.
 */
#ifndef MSDK_COSEM_IEC21_H
#define MSDK_COSEM_IEC21_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief ACK control character that starts the option select message. */
#define MSDK_COSEM_IEC21_ACK            0x06u
/** @brief Longest device address in a sign-on. */
#define MSDK_COSEM_IEC21_ADDR_MAX       32u
/** @brief Longest identification string (without the `\W` sequence). */
#define MSDK_COSEM_IEC21_IDENT_MAX      16u
/** @brief Longest sign-on message: `/?` + address + `!` CR LF. */
#define MSDK_COSEM_IEC21_SIGN_ON_MAX    (2u + MSDK_COSEM_IEC21_ADDR_MAX + 3u)
/** @brief Longest identification message the server sends: `/XXXZ\2` + ident + CR LF. */
#define MSDK_COSEM_IEC21_IDENT_MSG_MAX  (7u + MSDK_COSEM_IEC21_IDENT_MAX + 2u)
/** @brief Length of the option select message `ACK V Z Y CR LF`. */
#define MSDK_COSEM_IEC21_OPTION_LEN     6u
/** @brief ta: longest pause between two characters of one message, in ms. */
#define MSDK_COSEM_IEC21_TA_MS          1500u
/** @brief tr minimum: earliest answer after a received message, in ms. */
#define MSDK_COSEM_IEC21_TR_MIN_MS      200u
/** @brief tr minimum of a meter whose third manufacturer letter is lower case, in ms. */
#define MSDK_COSEM_IEC21_TR_MIN_FAST_MS 20u
/** @brief tt: wait for the option select after the identification, in ms. */
#define MSDK_COSEM_IEC21_TT_MS          2200u
/** @brief Baud rate of the sign-on, identification and option select messages. */
#define MSDK_COSEM_IEC21_INITIAL_BAUD   300u

/** @brief Protocol control character of the option select (V). */
typedef enum msdk_cosem_iec21_protocol {
    MSDK_COSEM_IEC21_PROTOCOL_NORMAL = '0',    /**< Normal protocol procedure. */
    MSDK_COSEM_IEC21_PROTOCOL_SECONDARY = '1', /**< Secondary protocol procedure. */
    MSDK_COSEM_IEC21_PROTOCOL_HDLC = '2',      /**< HDLC protocol procedure (mode E). */
} msdk_cosem_iec21_protocol_t;

/** @brief Mode control character of the option select (Y). */
typedef enum msdk_cosem_iec21_mode {
    MSDK_COSEM_IEC21_MODE_READOUT = '0',     /**< Data readout (mode C). */
    MSDK_COSEM_IEC21_MODE_PROGRAMMING = '1', /**< Programming mode (mode C). */
    MSDK_COSEM_IEC21_MODE_BINARY = '2',      /**< Binary mode, HDLC (mode E). */
} msdk_cosem_iec21_mode_t;

/** @brief What the port has to do after a server call. */
typedef enum msdk_cosem_iec21_action {
    MSDK_COSEM_IEC21_ACTION_NONE = 0,        /**< Nothing. */
    MSDK_COSEM_IEC21_ACTION_SEND = 1,        /**< Send the identification (see the file docs). */
    MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC = 2, /**< Switch to @c baud, 8N1, and to HDLC. */
    MSDK_COSEM_IEC21_ACTION_RESET = 3,       /**< Back to 300 Bd 7E1, idle. */
} msdk_cosem_iec21_action_t;

/** @brief State of the server handshake machine. */
typedef enum msdk_cosem_iec21_state {
    MSDK_COSEM_IEC21_STATE_IDLE = 0,     /**< 300 Bd, waiting for `/`. */
    MSDK_COSEM_IEC21_STATE_SIGN_ON = 1,  /**< Receiving a sign-on message. */
    MSDK_COSEM_IEC21_STATE_WAIT_ACK = 2, /**< Identification handed out; waiting for ACK. */
    MSDK_COSEM_IEC21_STATE_OPTION = 3,   /**< Receiving the option select message. */
    MSDK_COSEM_IEC21_STATE_HDLC = 4,     /**< Handed over to HDLC until hdlc_ended. */
} msdk_cosem_iec21_state_t;

/** @brief Server configuration (copied by msdk_cosem_iec21_server_init()). */
typedef struct msdk_cosem_iec21_config {
    const char *manufacturer; /**< Three letters `A-Z`/`a-z`; need not be NUL-terminated. */
    const char *ident;        /**< Identification, printable, no `/`, `!` or `\`; may be NULL if @c
                                 ident_len is 0. */
    size_t ident_len;         /**< 0..::MSDK_COSEM_IEC21_IDENT_MAX. */
    const char
        *address; /**< Device address (`0-9A-Za-z` and space); NULL/empty: answers only `/?!`. */
    size_t address_len;    /**< 0..::MSDK_COSEM_IEC21_ADDR_MAX. */
    uint8_t max_baud_char; /**< Highest baud character offered, `0`..`6` (`5` = 9600 Bd). */
} msdk_cosem_iec21_config_t;

/** @brief Server handshake machine; caller-owned, fields private. */
typedef struct msdk_cosem_iec21_server {
    char manufacturer[3];                      /**< Copy of the configuration. */
    char ident[MSDK_COSEM_IEC21_IDENT_MAX];    /**< Copy of the configuration. */
    char address[MSDK_COSEM_IEC21_ADDR_MAX];   /**< Copy of the configuration. */
    uint8_t ident_len;                         /**< Length of @c ident. */
    uint8_t address_len;                       /**< Length of @c address. */
    uint8_t max_baud_char;                     /**< Offered baud character. */
    uint8_t state;                             /**< A ::msdk_cosem_iec21_state_t. */
    uint8_t msg[MSDK_COSEM_IEC21_SIGN_ON_MAX]; /**< Message being received. */
    uint8_t msg_len;                           /**< Bytes in @c msg. */
    uint32_t last_rx_ms;                       /**< Time of the last received character. */
    uint32_t wait_from_ms;                     /**< Start of the tt wait for the ACK. */
    bool answered; /**< An identification was sent and the handshake is still open. */
} msdk_cosem_iec21_server_t;

/** @brief Result of a server call. */
typedef struct msdk_cosem_iec21_event {
    msdk_cosem_iec21_action_t action; /**< What to do. */
    size_t consumed;                  /**< Input bytes taken by the call. */
    size_t tx_len;                    /**< ::MSDK_COSEM_IEC21_ACTION_SEND: bytes appended. */
    uint32_t tx_not_before_ms;        /**< ::MSDK_COSEM_IEC21_ACTION_SEND: earliest start (tr). */
    uint32_t baud;                    /**< SWITCH_HDLC: new baud rate; RESET: 300; otherwise 0. */
} msdk_cosem_iec21_event_t;

/** @brief Decoded identification message (client side). */
typedef struct msdk_cosem_iec21_ident {
    char manufacturer[4]; /**< Three letters and a NUL. */
    uint8_t baud_char;    /**< Z as received. */
    uint32_t baud;        /**< Baud rate of Z; 0 for a reserved character. */
    bool mode_e;          /**< A `\2` sequence is present: mode E (HDLC) available. */
    uint8_t enhanced;     /**< W of the first `\W` sequence; 0 when there is none. */
    bool fast_reaction;   /**< Third manufacturer letter is lower case (tr >= 20 ms). */
    char ident[MSDK_COSEM_IEC21_IDENT_MAX + 1u]; /**< Identification and a NUL. */
    uint8_t ident_len;                           /**< Length of @c ident. */
} msdk_cosem_iec21_ident_t;

/**
 * @brief Baud rate of a mode C/E baud rate character.
 * @param[in]  c    `0`..`6`.
 * @param[out] baud 300..19200; untouched on error.
 * @retval MSDK_OK              Known character.
 * @retval MSDK_ERR_MALFORMED   @p c is not `0`..`6`.
 * @retval MSDK_ERR_INVALID_ARG @p baud is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_baud_from_char(uint8_t c, uint32_t *baud);

/**
 * @brief Checks the configuration and starts the server machine in the idle state.
 * @param[out] srv Server; untouched on error.
 * @param[in]  cfg Configuration; copied, need not outlive the call.
 * @retval MSDK_OK              Ready at 300 Bd.
 * @retval MSDK_ERR_INVALID_ARG @p srv or @p cfg is NULL, or a field is out of
 *                              its documented range.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_server_init(msdk_cosem_iec21_server_t *srv,
                                                       const msdk_cosem_iec21_config_t *cfg);

/**
 * @brief Feeds received characters to the server machine.
 *
 * Processing stops after the first character that causes an action, so call
 * again with the rest (`data + ev->consumed`) until all bytes are taken. A
 * timeout that expired before @p now_ms and abandons an answered handshake is
 * reported first (RESET, nothing consumed); an unanswered partial message that
 * timed out is dropped silently before the new bytes are read.
 *
 * @param[in,out] srv    Server.
 * @param[in]     data   Received characters; may be NULL when @p len is 0.
 * @param[in]     len    Number of characters.
 * @param[in]     now_ms Current time in ms (free-running, wraps at 2^32).
 * @param[in,out] tx     Writer for the identification; it needs
 *                       ::MSDK_COSEM_IEC21_IDENT_MSG_MAX bytes of room (checked
 *                       before anything is consumed).
 * @param[out]    ev     Action and details; set on success, untouched on error.
 * @retval MSDK_OK                   Done; see @p ev.
 * @retval MSDK_ERR_STATE            The port is in HDLC mode; the bytes belong to HDLC.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx has too little room; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG      A pointer is NULL (@p data only when @p len > 0).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_server_input(msdk_cosem_iec21_server_t *srv,
                                                        const uint8_t *data, size_t len,
                                                        uint32_t now_ms, msdk_wbuf_t *tx,
                                                        msdk_cosem_iec21_event_t *ev);

/**
 * @brief Checks the timeouts (ta while receiving, tt while waiting for the ACK).
 *
 * Call it periodically, for example every 100 ms, while the state is neither
 * idle nor HDLC.
 *
 * @param[in,out] srv    Server.
 * @param[in]     now_ms Current time in ms.
 * @param[out]    ev     ::MSDK_COSEM_IEC21_ACTION_RESET when an answered handshake
 *                       timed out, else ::MSDK_COSEM_IEC21_ACTION_NONE; untouched on error.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG @p srv or @p ev is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_server_poll(msdk_cosem_iec21_server_t *srv,
                                                       uint32_t now_ms,
                                                       msdk_cosem_iec21_event_t *ev);

/**
 * @brief Reports that the identification has left the UART; the tt wait for
 *        the ACK restarts from @p now_ms.
 * @param[in,out] srv    Server.
 * @param[in]     now_ms Time the last stop bit was sent.
 * @retval MSDK_OK              Timer restarted.
 * @retval MSDK_ERR_STATE       No identification is outstanding.
 * @retval MSDK_ERR_INVALID_ARG @p srv is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_server_tx_done(msdk_cosem_iec21_server_t *srv,
                                                          uint32_t now_ms);

/**
 * @brief Reports that the HDLC session ended (disconnect or inactivity
 *        timeout); the optical port returns to the sign-on at 300 Bd.
 * @param[in,out] srv Server.
 * @param[out]    ev  ::MSDK_COSEM_IEC21_ACTION_RESET with baud 300; untouched on error.
 * @retval MSDK_OK              Back to idle.
 * @retval MSDK_ERR_STATE       The server was not in HDLC mode.
 * @retval MSDK_ERR_INVALID_ARG @p srv or @p ev is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_server_hdlc_ended(msdk_cosem_iec21_server_t *srv,
                                                             msdk_cosem_iec21_event_t *ev);

/**
 * @brief Current state of the server machine.
 * @param[in] srv Server.
 * @return The state; ::MSDK_COSEM_IEC21_STATE_IDLE when @p srv is NULL.
 */
msdk_cosem_iec21_state_t msdk_cosem_iec21_server_state(const msdk_cosem_iec21_server_t *srv);

/**
 * @brief Writes a sign-on message `/?[address]!` CR LF (client side).
 * @param[in,out] wb          Writer; untouched on error.
 * @param[in]     address     Device address; may be NULL when @p address_len is 0.
 * @param[in]     address_len 0..::MSDK_COSEM_IEC21_ADDR_MAX.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p address is NULL with a
 *                                   length, too long, or has a character other
 *                                   than `0-9A-Za-z` or space.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_build_sign_on(msdk_wbuf_t *wb, const char *address,
                                                         size_t address_len);

/**
 * @brief Parses an identification message `/XXXZ[\W...]ident` CR LF (client side).
 * @param[in]  msg The whole message, from `/` to LF included.
 * @param[in]  len Its length.
 * @param[out] out The fields; untouched on error.
 * @retval MSDK_OK              Parsed.
 * @retval MSDK_ERR_TRUNCATED   The message stops before its CR LF (a prefix of a
 *                              valid message).
 * @retval MSDK_ERR_MALFORMED   A character is not allowed where it stands, the
 *                              ident is longer than 16, or bytes follow the LF.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p msg is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_parse_ident(const uint8_t *msg, size_t len,
                                                       msdk_cosem_iec21_ident_t *out);

/**
 * @brief Writes an acknowledgement / option select `ACK V Z Y` CR LF (client side).
 *
 * Mode E: `msdk_cosem_iec21_build_option_select(wb, '2', z, '2')` with the Z
 * of the identification.
 *
 * @param[in,out] wb        Writer; untouched on error.
 * @param[in]     protocol  V, a ::msdk_cosem_iec21_protocol_t character `0`..`2`.
 * @param[in]     baud_char Z, `0`..`6`.
 * @param[in]     mode      Y, a ::msdk_cosem_iec21_mode_t character `0`..`2`.
 * @retval MSDK_OK                   Written (6 bytes).
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL or a character is out of range.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_iec21_build_option_select(msdk_wbuf_t *wb, uint8_t protocol,
                                                               uint8_t baud_char, uint8_t mode);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_IEC21_H */
