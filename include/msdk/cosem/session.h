/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief A connection of a COSEM server: a transport (wrapper over TCP/UDP, or HDLC over a
 *        serial line) bound to the association state of the server. Sans-IO: bytes in,
 *        bytes out; the caller moves them to and from its socket or UART.
 *
 * Wrapper over TCP, one session per accepted connection:
 * @code
 * msdk_cosem_wrapper_session_t s;
 * msdk_cosem_wrapper_session_init(&s, &ld, 1, rx, sizeof rx, scratch, sizeof scratch);
 * // bytes from the socket:
 * size_t off = 0;
 * while (off < n) {
 *     size_t used;
 *     msdk_wbuf_t tx;
 *     msdk_wbuf_init(&tx, out, sizeof out);
 *     msdk_err_t err = msdk_cosem_wrapper_session_rx(&s, in + off, n - off, &used, &tx);
 *     off += used;
 *     if (err == MSDK_OK) { send(out, tx.pos); }
 *     else if (err != MSDK_ERR_WOULD_BLOCK) { close(); break; }
 * }
 * @endcode
 *
 * HDLC (optical port after mode E, RS-485): feed bytes with msdk_cosem_hdlc_session_rx(),
 * call msdk_cosem_hdlc_session_poll() regularly, and transmit every frame
 * msdk_cosem_hdlc_session_take_tx() gives. The session takes the LLC header
 * (`E6 E6 00`) off every request APDU and puts `E6 E7 00` in front of every response.
 */
#ifndef MSDK_COSEM_SESSION_H
#define MSDK_COSEM_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/hdlc.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/wrapper.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief LLC header of COSEM APDUs in HDLC I-frames (IEC 62056-46): destination LSAP. */
#define MSDK_COSEM_LLC_DEST         0xE6u
/** @brief LLC source LSAP of a request (client to server). */
#define MSDK_COSEM_LLC_SRC_REQUEST  0xE6u
/** @brief LLC source LSAP of a response (server to client). */
#define MSDK_COSEM_LLC_SRC_RESPONSE 0xE7u
/** @brief Bytes of the LLC header (destination, source, quality 00). */
#define MSDK_COSEM_LLC_LEN          3u

/* ---- Wrapper ------------------------------------------------------------------------------ */

/** @brief A wrapper connection (caller-allocated; fields private). */
typedef struct msdk_cosem_wrapper_session {
    msdk_cosem_wrapper_stream_t stream; /**< @private Reassembly of the received PDUs. */
    msdk_cosem_assoc_t assoc;           /**< @private Association of this connection. */
    uint16_t server_wport;              /**< @private Logical device's wPort. */
} msdk_cosem_wrapper_session_t;

/**
 * @brief Starts a wrapper connection (not associated).
 * @param[out] s            Session.
 * @param[in]  ld           Logical device served.
 * @param[in]  server_wport Its wPort (1 for the management logical device).
 * @param[in]  rx           Reassembly buffer: the largest APDU accepted (the logical
 *                          device's max PDU size).
 * @param[in]  rx_cap       Its size.
 * @param[in]  scratch      Association scratch buffer (msdk_cosem_assoc_init()), or NULL.
 * @param[in]  scratch_cap  Its size.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer or an empty buffer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_session_init(msdk_cosem_wrapper_session_t *s,
                                                          const msdk_cosem_ldev_t *ld,
                                                          uint16_t server_wport, uint8_t *rx,
                                                          size_t rx_cap, uint8_t *scratch,
                                                          size_t scratch_cap);

/**
 * @brief Feeds received bytes; stops after the first complete APDU and answers it.
 *
 * An APDU for another wPort gets no answer. The response (wrapper header and APDU) is
 * written to @p tx from its position; the server never writes more than the negotiated
 * PDU size plus the 8-byte header.
 *
 * @param[in,out] s        Session.
 * @param[in]     data     Received bytes.
 * @param[in]     len      Their number.
 * @param[out]    consumed Bytes taken (call again with the rest).
 * @param[in,out] tx       Response; nothing written: no response.
 * @retval MSDK_OK              An APDU was handled (its response, if any, is in @p tx).
 * @retval MSDK_ERR_WOULD_BLOCK All bytes taken, no complete APDU yet.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx cannot hold the response; nothing written.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 * @return Any other error: the stream cannot go on; close the connection.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_session_rx(msdk_cosem_wrapper_session_t *s,
                                                        const uint8_t *data, size_t len,
                                                        size_t *consumed, msdk_wbuf_t *tx);

/**
 * @brief The connection closed: release its association.
 * @param[in,out] s Session (may be initialised again for a new connection).
 */
void msdk_cosem_wrapper_session_close(msdk_cosem_wrapper_session_t *s);

/* ---- HDLC --------------------------------------------------------------------------------- */

/** @brief An HDLC connection (caller-allocated; fields private). */
typedef struct msdk_cosem_hdlc_session {
    msdk_cosem_hdlc_server_t link; /**< @private HDLC server link. */
    msdk_cosem_assoc_t assoc;      /**< @private Association of the link's client. */
    uint8_t *resp;                 /**< @private Response APDU buffer. */
    size_t resp_cap;               /**< @private Its size. */
    uint32_t events;               /**< @private Link events seen since the last take. */
} msdk_cosem_hdlc_session_t;

/**
 * @brief Starts an HDLC server link bound to a logical device.
 * @param[out] s           Session.
 * @param[in]  ld          Logical device served.
 * @param[in]  cfg         Link configuration and buffers (msdk_cosem_hdlc_server_init()).
 * @param[in]  resp        Response APDU buffer (the logical device's max PDU size); it is
 *                         held by the link until the response has been sent.
 * @param[in]  resp_cap    Its size.
 * @param[in]  scratch     Association scratch buffer, or NULL.
 * @param[in]  scratch_cap Its size.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer, an empty buffer or a bad link configuration.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_session_init(msdk_cosem_hdlc_session_t *s,
                                                       const msdk_cosem_ldev_t *ld,
                                                       const msdk_cosem_hdlc_server_config_t *cfg,
                                                       uint8_t *resp, size_t resp_cap,
                                                       uint8_t *scratch, size_t scratch_cap);

/**
 * @brief Feeds received bytes; a complete APDU is answered at once.
 * @param[in,out] s      Session.
 * @param[in]     data   Received bytes.
 * @param[in]     n      Their number.
 * @param[in]     now_ms Millisecond time.
 * @retval MSDK_OK              Taken.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_session_rx(msdk_cosem_hdlc_session_t *s,
                                                     const uint8_t *data, size_t n,
                                                     uint32_t now_ms);

/**
 * @brief Timeouts (inactivity: the link goes back to disconnected and the association ends).
 * @param[in,out] s      Session.
 * @param[in]     now_ms Millisecond time.
 */
void msdk_cosem_hdlc_session_poll(msdk_cosem_hdlc_session_t *s, uint32_t now_ms);

/**
 * @brief The next frame to transmit, if any.
 * @param[in,out] s     Session.
 * @param[out]    frame Frame bytes (valid until the next call on the session).
 * @param[out]    len   Their number.
 * @retval MSDK_OK            A frame to send.
 * @retval MSDK_ERR_WOULD_BLOCK Nothing to send.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_session_take_tx(msdk_cosem_hdlc_session_t *s,
                                                          const uint8_t **frame, size_t *len);

/**
 * @brief Link events (MSDK_COSEM_HDLC_EVT_*) since the last call: e.g. DISCONNECTED, for
 *        the optical port to fall back to mode E at 300 Bd.
 * @param[in,out] s Session.
 * @return The events.
 */
uint32_t msdk_cosem_hdlc_session_take_events(msdk_cosem_hdlc_session_t *s);

/**
 * @brief The association state of a wrapper session, e.g. to give it a ciphering buffer
 *        (msdk_cosem_assoc_set_cipher_buffer()) after msdk_cosem_wrapper_session_init().
 * @param[in] s Session.
 * @return Its association state.
 */
msdk_cosem_assoc_t *msdk_cosem_wrapper_session_assoc(msdk_cosem_wrapper_session_t *s);

/**
 * @brief The association state of an HDLC session (see msdk_cosem_wrapper_session_assoc()).
 * @param[in] s Session.
 * @return Its association state.
 */
msdk_cosem_assoc_t *msdk_cosem_hdlc_session_assoc(msdk_cosem_hdlc_session_t *s);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_SESSION_H */
