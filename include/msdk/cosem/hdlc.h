/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief HDLC-based data link layer of DLMS/COSEM (IEC 62056-46, Green Book).
 *
 * Three layers, each usable on its own, all sans-IO (bytes in, bytes out, the
 * time passed in as a millisecond counter that may wrap):
 *
 * 1. Frame codec: msdk_cosem_hdlc_frame_encode() and
 *    msdk_cosem_hdlc_frame_decode() for frame format type 3, with 1-, 2- or
 *    4-byte addresses, HCS and FCS (CRC-16/X.25, least significant byte
 *    first), plus the SNRM/UA parameter negotiation field
 *    (msdk_cosem_hdlc_params_encode(), msdk_cosem_hdlc_params_decode()).
 * 2. Deframer (::msdk_cosem_hdlc_deframer_t): finds flag-delimited frames in
 *    a serial byte stream. DLMS HDLC has no byte stuffing, so frames are
 *    delimited by their length field and checked for the closing flag.
 * 3. Link state machines: the server (secondary station, ::msdk_cosem_hdlc_server_t)
 *    of a meter and a client (primary station, ::msdk_cosem_hdlc_client_t) for
 *    tools and tests. Both support a window of 1 frame in each direction.
 *
 * Driving a server link from a main loop:
 * @code
 * n = uart_read(rx, sizeof rx);
 * (void)msdk_cosem_hdlc_server_rx(&link, rx, n, now_ms);
 * msdk_cosem_hdlc_server_poll(&link, now_ms);               // inactivity timeout
 * if (msdk_cosem_hdlc_server_take_apdu(&link, &apdu, &len) == MSDK_OK) {
 *     len = handle_apdu(apdu, len, resp, sizeof resp);      // application layer
 *     (void)msdk_cosem_hdlc_server_send_apdu(&link, resp, len);
 * }
 * if (msdk_cosem_hdlc_server_take_tx(&link, &frame, &flen) == MSDK_OK) {
 *     uart_write(frame, flen);
 * }
 * @endcode
 *
 * All structs are caller-owned; the link and deframer structs are opaque in
 * practice (use the functions). Nothing is allocated and nothing is global.
 */
#ifndef MSDK_COSEM_HDLC_H
#define MSDK_COSEM_HDLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Opening and closing flag of every frame. */
#define MSDK_COSEM_HDLC_FLAG 0x7Eu

/** @brief Largest value of the 11-bit frame length field (bytes between the flags). */
#define MSDK_COSEM_HDLC_MAX_FRAME_LEN 2047u

/** @brief Smallest frame between the flags: format, 1-byte addresses, control, FCS. */
#define MSDK_COSEM_HDLC_MIN_FRAME_LEN 7u

/**
 * @brief Largest number of bytes a frame adds around its information field:
 *        2 flags, format, two 4-byte addresses, control, HCS and FCS.
 *
 * A frame buffer of `max_info + MSDK_COSEM_HDLC_FRAME_OVERHEAD` bytes holds
 * any frame with up to `max_info` information bytes.
 */
#define MSDK_COSEM_HDLC_FRAME_OVERHEAD 17u

/** @brief Maximum information field length used when none is negotiated. */
#define MSDK_COSEM_HDLC_DEFAULT_MAX_INFO 128u

/** @brief Window size used when none is negotiated. */
#define MSDK_COSEM_HDLC_DEFAULT_WINDOW 1u

/** @brief Upper (logical device) address that a server link accepts for any logical device. */
#define MSDK_COSEM_HDLC_LOGICAL_ANY 0u

/** @brief All-station (broadcast) value of a 7-bit address part (1- and 2-byte forms). */
#define MSDK_COSEM_HDLC_ALL_STATION_7 0x7Fu

/** @brief All-station (broadcast) value of a 14-bit address part (4-byte form). */
#define MSDK_COSEM_HDLC_ALL_STATION_14 0x3FFFu

/** @brief An HDLC address (client address, or server upper and lower address). */
typedef struct msdk_cosem_hdlc_addr {
    uint16_t upper; /**< 1-byte form: the address; otherwise the logical device address. */
    uint16_t lower; /**< Physical device address; 0 and unused in the 1-byte form. */
    uint8_t size;   /**< Bytes on the wire: 1 (7-bit), 2 (7+7 bits) or 4 (14+14 bits). */
} msdk_cosem_hdlc_addr_t;

/** @brief Frame type, from the control field. */
typedef enum msdk_cosem_hdlc_ftype {
    MSDK_COSEM_HDLC_I = 0,       /**< Information frame: N(S), N(R), P/F. */
    MSDK_COSEM_HDLC_RR = 1,      /**< Receive ready: N(R), P/F. */
    MSDK_COSEM_HDLC_RNR = 2,     /**< Receive not ready: N(R), P/F. */
    MSDK_COSEM_HDLC_SNRM = 3,    /**< Set normal response mode (command). */
    MSDK_COSEM_HDLC_DISC = 4,    /**< Disconnect (command). */
    MSDK_COSEM_HDLC_UA = 5,      /**< Unnumbered acknowledge (response). */
    MSDK_COSEM_HDLC_DM = 6,      /**< Disconnected mode (response). */
    MSDK_COSEM_HDLC_FRMR = 7,    /**< Frame reject (response). */
    MSDK_COSEM_HDLC_UI = 8,      /**< Unnumbered information. */
    MSDK_COSEM_HDLC_UNKNOWN = 9, /**< Any other control field (decode only; raw value kept). */
} msdk_cosem_hdlc_ftype_t;

/** @brief One decoded (or to be encoded) frame. */
typedef struct msdk_cosem_hdlc_frame {
    msdk_cosem_hdlc_addr_t dst;   /**< Destination address. */
    msdk_cosem_hdlc_addr_t src;   /**< Source address. */
    msdk_cosem_hdlc_ftype_t type; /**< Frame type. */
    uint8_t control;              /**< Raw control field (decode); used to encode UNKNOWN only. */
    uint8_t ns;                   /**< Send sequence number N(S), 0..7 (I frames). */
    uint8_t nr;                   /**< Receive sequence number N(R), 0..7 (I, RR, RNR). */
    bool pf;                      /**< Poll/final bit. */
    bool segmented;               /**< Segmentation bit S of the frame format field. */
    const uint8_t *info;          /**< Information field (points into the input); NULL if none. */
    size_t info_len;              /**< Length of the information field, 0 if none. */
} msdk_cosem_hdlc_frame_t;

/** @brief Link parameters negotiated with SNRM/UA (from the sender's point of view). */
typedef struct msdk_cosem_hdlc_params {
    uint32_t max_info_tx; /**< Maximum information field length the sender transmits. */
    uint32_t max_info_rx; /**< Maximum information field length the sender receives. */
    uint32_t window_tx;   /**< Window size the sender transmits. */
    uint32_t window_rx;   /**< Window size the sender receives. */
} msdk_cosem_hdlc_params_t;

/**
 * @brief Bits of the third FRMR information byte (ISO/IEC 13239), protocol data.
 */
typedef enum msdk_cosem_hdlc_frmr_reason {
    MSDK_COSEM_HDLC_FRMR_W = 0x01, /**< Undefined or not implemented control field. */
    MSDK_COSEM_HDLC_FRMR_X = 0x02, /**< Information field not permitted with this frame. */
    MSDK_COSEM_HDLC_FRMR_Y = 0x04, /**< Information field too long (or reassembly overflow). */
    MSDK_COSEM_HDLC_FRMR_Z = 0x08, /**< Invalid N(R). */
} msdk_cosem_hdlc_frmr_reason_t;

/* ---- Frame codec ----------------------------------------------------------------------------- */

/**
 * @brief Encodes one frame, both flags included, into @p wb.
 *
 * The control field is built from @p f->type, @p f->ns, @p f->nr and @p f->pf
 * (@p f->control is used for ::MSDK_COSEM_HDLC_UNKNOWN only). An HCS is
 * added when @p f->info_len is not 0.
 *
 * @param[in,out] wb Writer; advanced by the frame length on success, untouched on error.
 * @param[in]     f  Frame to encode.
 * @retval MSDK_OK                   Encoded.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p wb has no room for the whole frame.
 * @retval MSDK_ERR_INVALID_ARG      NULL pointer, an address size other than 1, 2 or 4, an
 *                                   address part out of range, N(S)/N(R) above 7, or a frame
 *                                   longer than ::MSDK_COSEM_HDLC_MAX_FRAME_LEN.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_frame_encode(msdk_wbuf_t *wb,
                                                       const msdk_cosem_hdlc_frame_t *f);

/**
 * @brief Decodes one frame.
 *
 * @p data is either the bytes between the flags (as returned by the
 * deframer) or the frame with both flags. The frame length field must match
 * @p len exactly, and HCS and FCS must be correct. An unknown control field
 * is not an error: it decodes as ::MSDK_COSEM_HDLC_UNKNOWN so that a link can
 * answer it with FRMR.
 *
 * @param[in]  data Frame bytes.
 * @param[in]  len  Number of bytes.
 * @param[out] out  The frame, its @c info pointing into @p data; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   Fewer bytes than the length field announces, or fewer than
 *                              the smallest frame.
 * @retval MSDK_ERR_MALFORMED   Not frame format type 3, length field disagrees with @p len,
 *                              bad flags, an address of 3 or more than 4 bytes, or an HCS
 *                              without an information field.
 * @retval MSDK_ERR_CHECKSUM    Bad HCS or FCS.
 * @retval MSDK_ERR_INVALID_ARG @p data or @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_frame_decode(const uint8_t *data, size_t len,
                                                       msdk_cosem_hdlc_frame_t *out);

/**
 * @brief Encodes the SNRM/UA parameter negotiation field (format 0x81, group 0x80).
 *
 * The information field lengths take 1 byte when below 256, else 2 or 4; the
 * window sizes take 4 bytes.
 *
 * @param[in,out] wb Writer; untouched on error.
 * @param[in]     p  Parameters.
 * @retval MSDK_OK                   Encoded.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_params_encode(msdk_wbuf_t *wb,
                                                        const msdk_cosem_hdlc_params_t *p);

/**
 * @brief Decodes the SNRM/UA parameter negotiation field.
 *
 * An empty field (@p len 0) and absent parameters give the defaults (128
 * bytes, window 1). Parameters 05..08 take 1, 2 or 4 bytes; unknown
 * parameters of the group are skipped; a later duplicate wins.
 *
 * @param[in]  data Information field of an SNRM or UA; may be NULL when @p len is 0.
 * @param[in]  len  Number of bytes.
 * @param[out] out  Parameters; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The field or a parameter ends early.
 * @retval MSDK_ERR_MALFORMED   Format identifier not 0x81, group not 0x80, trailing bytes,
 *                              a value length other than 1, 2 or 4, or a value of 0.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p data is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_params_decode(const uint8_t *data, size_t len,
                                                        msdk_cosem_hdlc_params_t *out);

/* ---- Deframer -------------------------------------------------------------------------------- */

/** @brief Byte-stream deframer state. Initialise with msdk_cosem_hdlc_deframer_init(). */
typedef struct msdk_cosem_hdlc_deframer {
    uint8_t *buf;        /**< Caller buffer for one frame (without flags). */
    size_t cap;          /**< Size of @c buf. */
    size_t len;          /**< Bytes collected. */
    size_t need;         /**< Frame length from the format field, 0 while unknown. */
    uint32_t timeout_ms; /**< Inter-character timeout, 0 = none. */
    uint32_t last_ms;    /**< Time of the last byte. */
    uint8_t state;       /**< Internal state. */
    uint32_t dropped;    /**< Partial frames discarded (timeout, size, missing flag). */
} msdk_cosem_hdlc_deframer_t;

/**
 * @brief Sets up a deframer.
 * @param[out] d          Deframer; untouched on error.
 * @param[in]  buf        Buffer for one frame without its flags; it bounds the frame size.
 * @param[in]  cap        Size of @p buf, at least ::MSDK_COSEM_HDLC_MIN_FRAME_LEN (bytes above
 *                        ::MSDK_COSEM_HDLC_MAX_FRAME_LEN are not used).
 * @param[in]  timeout_ms Largest gap between two bytes of one frame; 0 disables it.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p cap too small.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_deframer_init(msdk_cosem_hdlc_deframer_t *d, uint8_t *buf,
                                                        size_t cap, uint32_t timeout_ms);

/**
 * @brief Discards any partial frame and hunts for the next flag.
 * @param[in,out] d Deframer.
 */
void msdk_cosem_hdlc_deframer_reset(msdk_cosem_hdlc_deframer_t *d);

/**
 * @brief Feeds bytes until one frame is complete.
 *
 * Call in a loop, advancing by @p consumed, until it returns
 * ::MSDK_ERR_WOULD_BLOCK. Bytes outside frames, frames longer than the
 * buffer, frames without a closing flag and partial frames older than the
 * timeout are discarded. The closing flag of a frame also serves as the
 * opening flag of the next. The frame is only delimited, not checked:
 * pass it to msdk_cosem_hdlc_frame_decode().
 *
 * @param[in,out] d         Deframer.
 * @param[in]     data      Received bytes; may be NULL when @p n is 0.
 * @param[in]     n         Number of bytes.
 * @param[in]     now_ms    Current time in milliseconds (wraps).
 * @param[out]    consumed  Bytes of @p data used, 0..@p n.
 * @param[out]    frame     The frame without flags, valid until the next call; set on MSDK_OK.
 * @param[out]    frame_len Length of @p frame; set on MSDK_OK.
 * @retval MSDK_OK              A frame is complete.
 * @retval MSDK_ERR_WOULD_BLOCK All bytes consumed, no frame complete yet.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_deframer_feed(msdk_cosem_hdlc_deframer_t *d,
                                                        const uint8_t *data, size_t n,
                                                        uint32_t now_ms, size_t *consumed,
                                                        const uint8_t **frame, size_t *frame_len);

/* ---- Link events and counters ---------------------------------------------------------------- */

/** @brief The link entered normal response mode (server: SNRM accepted; client: UA). */
#define MSDK_COSEM_HDLC_EVT_CONNECTED    0x01u
/** @brief The link left normal response mode (DISC, DM, SNRM reset, timeout). */
#define MSDK_COSEM_HDLC_EVT_DISCONNECTED 0x02u
/** @brief A complete APDU waits in msdk_cosem_hdlc_server_take_apdu() / ..._client_take_apdu(). */
#define MSDK_COSEM_HDLC_EVT_APDU         0x04u
/** @brief The APDU given to send_apdu() has been sent and acknowledged; its buffer is free. */
#define MSDK_COSEM_HDLC_EVT_TX_DONE      0x08u
/** @brief A received APDU did not fit the APDU buffer and was discarded (FRMR sent). */
#define MSDK_COSEM_HDLC_EVT_RX_OVERFLOW  0x10u
/** @brief The inactivity (server) or response (client) timeout expired. */
#define MSDK_COSEM_HDLC_EVT_TIMEOUT      0x20u
/** @brief The peer answered DM or FRMR (client), or a response was abandoned (server). */
#define MSDK_COSEM_HDLC_EVT_REJECTED     0x40u

/** @brief Link state. */
typedef enum msdk_cosem_hdlc_state {
    MSDK_COSEM_HDLC_NDM = 0,           /**< Normal disconnected mode. */
    MSDK_COSEM_HDLC_NRM = 1,           /**< Normal response mode (connected). */
    MSDK_COSEM_HDLC_CONNECTING = 2,    /**< Client only: SNRM sent, waiting for UA. */
    MSDK_COSEM_HDLC_DISCONNECTING = 3, /**< Client only: DISC sent, waiting for UA/DM. */
} msdk_cosem_hdlc_state_t;

/** @brief Frame counters of a link (they wrap). */
typedef struct msdk_cosem_hdlc_stats {
    uint32_t rx_frames;    /**< Frames decoded and addressed to this station. */
    uint32_t rx_bad;       /**< Frames dropped for a bad HCS/FCS or format. */
    uint32_t rx_ignored;   /**< Frames for another station or from another client. */
    uint32_t tx_frames;    /**< Frames queued for transmission. */
    uint32_t frmr_sent;    /**< FRMR responses. */
    uint32_t retransmits;  /**< I-frames sent again. */
    uint32_t rx_overflows; /**< APDUs too long for the APDU buffer. */
} msdk_cosem_hdlc_stats_t;

/* ---- Server link ----------------------------------------------------------------------------- */

/** @brief Configuration of a server link; the buffers are caller-owned and outlive the link. */
typedef struct msdk_cosem_hdlc_server_config {
    uint16_t logical;       /**< Upper address to answer, or ::MSDK_COSEM_HDLC_LOGICAL_ANY. */
    uint16_t physical;      /**< Lower (physical device) address, 1..0x3FFD. */
    bool accept_short_addr; /**< Also answer 1-byte server addresses (no physical part). */
    uint16_t max_info_tx;   /**< Largest information field this server sends (>= 32). */
    uint16_t max_info_rx;   /**< Largest information field this server receives (>= 32). */
    uint32_t inactivity_ms; /**< NRM inactivity timeout back to NDM; 0 = none. */
    uint32_t interchar_ms;  /**< Deframer inter-character timeout; 0 = none. */
    uint8_t
        *rx_frame_buf;   /**< Deframer buffer, >= max_info_rx + ::MSDK_COSEM_HDLC_FRAME_OVERHEAD. */
    size_t rx_frame_cap; /**< Size of @c rx_frame_buf. */
    uint8_t *tx_frame_buf; /**< Output frame buffer, >= max_info_tx +
                              ::MSDK_COSEM_HDLC_FRAME_OVERHEAD. */
    size_t tx_frame_cap;   /**< Size of @c tx_frame_buf. */
    uint8_t *apdu_buf;     /**< Reassembly buffer for received APDUs. */
    size_t apdu_cap;       /**< Size of @c apdu_buf, >= 1. */
} msdk_cosem_hdlc_server_config_t;

/** @brief Server link (secondary station) state. Initialise with msdk_cosem_hdlc_server_init(). */
typedef struct msdk_cosem_hdlc_server {
    msdk_cosem_hdlc_server_config_t cfg; /**< Copy of the configuration. */
    msdk_cosem_hdlc_deframer_t deframer; /**< Byte-stream deframer. */
    msdk_cosem_hdlc_stats_t stats;       /**< Counters. */
    msdk_cosem_hdlc_addr_t own;          /**< Server address as the client used it (NRM). */
    uint16_t client;                     /**< Client address bound by SNRM (NRM). */
    uint16_t max_tx;                     /**< Negotiated information field length, sending. */
    uint16_t max_rx;                     /**< Negotiated information field length, receiving. */
    uint8_t state;                       /**< ::msdk_cosem_hdlc_state_t. */
    uint8_t vs;                          /**< V(S): N(S) of the next new I-frame. */
    uint8_t vr;                          /**< V(R): expected N(S). */
    bool owed;                           /**< A poll is waiting for the upper layer's answer. */
    bool apdu_ready;                     /**< The APDU buffer holds a complete APDU. */
    bool tx_pending;                     /**< @c tx_frame_buf holds a frame not yet taken. */
    bool tx_outstanding;                 /**< An I-frame was sent and not yet acknowledged. */
    size_t apdu_len;                     /**< Bytes in the APDU buffer. */
    size_t tx_len;                       /**< Bytes of the frame in @c tx_frame_buf. */
    const uint8_t *tx_apdu;              /**< APDU being sent, NULL when none. */
    size_t tx_apdu_len;                  /**< Its length. */
    size_t tx_off;                       /**< Offset of the outstanding (or next) segment. */
    size_t tx_seg;                       /**< Length of the outstanding segment. */
    uint32_t last_ms;                    /**< Time of the last frame received in NRM. */
    uint32_t events;                     /**< Pending MSDK_COSEM_HDLC_EVT_* bits. */
} msdk_cosem_hdlc_server_t;

/**
 * @brief Sets up a server link in NDM.
 * @param[out] s   Link; untouched on error.
 * @param[in]  cfg Configuration (copied).
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or buffer, a limit below 32 or above 2030, a
 *                              frame buffer smaller than its limit plus the overhead, or a
 *                              physical address out of range.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_init(msdk_cosem_hdlc_server_t *s,
                                                      const msdk_cosem_hdlc_server_config_t *cfg);

/**
 * @brief Feeds received bytes from the serial line; all of them are consumed.
 *
 * Each complete frame is processed as by msdk_cosem_hdlc_server_rx_frame().
 * Should several frames arrive in one call, a later response replaces an
 * earlier one not yet taken.
 *
 * @param[in,out] s      Link.
 * @param[in]     data   Bytes; may be NULL when @p n is 0.
 * @param[in]     n      Number of bytes.
 * @param[in]     now_ms Current time in milliseconds (wraps).
 * @retval MSDK_OK              Processed (bad or foreign frames are counted, not reported).
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_rx(msdk_cosem_hdlc_server_t *s,
                                                    const uint8_t *data, size_t n, uint32_t now_ms);

/**
 * @brief Processes one already delimited frame (with or without its flags).
 *
 * For transports that deliver whole frames. Frames that do not decode, are
 * for another server address or, in NRM, from another client are dropped.
 *
 * @param[in,out] s      Link.
 * @param[in]     frame  Frame bytes.
 * @param[in]     len    Number of bytes.
 * @param[in]     now_ms Current time in milliseconds (wraps).
 * @retval MSDK_OK              Processed; the frame was for this station.
 * @retval MSDK_ERR_NOT_FOUND   Dropped: another station's frame, or another client in NRM.
 * @retval MSDK_ERR_TRUNCATED   Dropped (see msdk_cosem_hdlc_frame_decode()).
 * @retval MSDK_ERR_MALFORMED   Dropped (see msdk_cosem_hdlc_frame_decode()).
 * @retval MSDK_ERR_CHECKSUM    Dropped: bad HCS or FCS.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_rx_frame(msdk_cosem_hdlc_server_t *s,
                                                          const uint8_t *frame, size_t len,
                                                          uint32_t now_ms);

/**
 * @brief Applies the inactivity timeout; call periodically.
 * @param[in,out] s      Link.
 * @param[in]     now_ms Current time in milliseconds (wraps).
 */
void msdk_cosem_hdlc_server_poll(msdk_cosem_hdlc_server_t *s, uint32_t now_ms);

/**
 * @brief Returns the received APDU, if one is complete.
 *
 * The bytes stay valid and the link answers further I-frames with RNR until
 * msdk_cosem_hdlc_server_send_apdu() or msdk_cosem_hdlc_server_release_apdu()
 * is called, or the link is reset.
 *
 * @param[in,out] s    Link.
 * @param[out]    apdu The APDU inside the configured APDU buffer; set on MSDK_OK.
 * @param[out]    len  Its length; set on MSDK_OK.
 * @retval MSDK_OK              An APDU is ready.
 * @retval MSDK_ERR_WOULD_BLOCK None.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_take_apdu(msdk_cosem_hdlc_server_t *s,
                                                           const uint8_t **apdu, size_t *len);

/**
 * @brief Frees the received APDU without a response; an owed poll is answered with RR.
 * @param[in,out] s Link.
 */
void msdk_cosem_hdlc_server_release_apdu(msdk_cosem_hdlc_server_t *s);

/**
 * @brief Sends an APDU to the client, segmented to the negotiated length.
 *
 * Releases the received APDU. The first I-frame goes out at once when the
 * client's poll is owed, otherwise at the next RR; each further segment
 * answers one RR. @p apdu stays in use until ::MSDK_COSEM_HDLC_EVT_TX_DONE
 * (or the link resets, or the client sends a new I-frame, which ends the
 * response); it may lie in the configured APDU buffer.
 *
 * @param[in,out] s    Link.
 * @param[in]     apdu APDU bytes, caller-owned.
 * @param[in]     len  Its length, >= 1.
 * @retval MSDK_OK              Queued.
 * @retval MSDK_ERR_STATE       The link is not in NRM.
 * @retval MSDK_ERR_BUSY        A previous APDU is still being sent.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p len 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_send_apdu(msdk_cosem_hdlc_server_t *s,
                                                           const uint8_t *apdu, size_t len);

/**
 * @brief Whether an APDU given to msdk_cosem_hdlc_server_send_apdu() is still in use.
 * @param[in] s Link.
 * @return true while the response is being sent.
 */
bool msdk_cosem_hdlc_server_tx_busy(const msdk_cosem_hdlc_server_t *s);

/**
 * @brief Returns the frame to transmit, if any, and marks it taken.
 * @param[in,out] s     Link.
 * @param[out]    frame Frame with flags, valid until the next call on the link; set on MSDK_OK.
 * @param[out]    len   Its length; set on MSDK_OK.
 * @retval MSDK_OK              A frame is to be sent.
 * @retval MSDK_ERR_WOULD_BLOCK Nothing to send.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_take_tx(msdk_cosem_hdlc_server_t *s,
                                                         const uint8_t **frame, size_t *len);

/**
 * @brief Returns and clears the pending events.
 * @param[in,out] s Link.
 * @return MSDK_COSEM_HDLC_EVT_* bits.
 */
uint32_t msdk_cosem_hdlc_server_take_events(msdk_cosem_hdlc_server_t *s);

/**
 * @brief Current state.
 * @param[in] s Link.
 * @return ::MSDK_COSEM_HDLC_NDM or ::MSDK_COSEM_HDLC_NRM.
 */
msdk_cosem_hdlc_state_t msdk_cosem_hdlc_server_state(const msdk_cosem_hdlc_server_t *s);

/**
 * @brief Addresses of the current connection, for the association layer.
 * @param[in]  s       Link.
 * @param[out] client  Client address (SAP); untouched on error.
 * @param[out] logical Server upper (logical device) address; untouched on error.
 * @retval MSDK_OK              Connected.
 * @retval MSDK_ERR_STATE       Not in NRM.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_server_peer(const msdk_cosem_hdlc_server_t *s,
                                                      uint16_t *client, uint16_t *logical);

/* ---- Client link ----------------------------------------------------------------------------- */

/** @brief Configuration of a client link; the buffers are caller-owned and outlive the link. */
typedef struct msdk_cosem_hdlc_client_config {
    uint16_t client;               /**< Client address, 1..0x7E. */
    msdk_cosem_hdlc_addr_t server; /**< Server address (1, 2 or 4 bytes). */
    uint16_t max_info_tx;          /**< Largest information field proposed for sending (>= 32). */
    uint16_t max_info_rx;          /**< Largest information field proposed for receiving (>= 32). */
    uint32_t response_ms;          /**< Response timeout before a repetition; 0 = none. */
    uint8_t max_retries;   /**< Repetitions before giving up (::MSDK_COSEM_HDLC_EVT_TIMEOUT). */
    uint32_t interchar_ms; /**< Deframer inter-character timeout; 0 = none. */
    uint8_t
        *rx_frame_buf;   /**< Deframer buffer, >= max_info_rx + ::MSDK_COSEM_HDLC_FRAME_OVERHEAD. */
    size_t rx_frame_cap; /**< Size of @c rx_frame_buf. */
    uint8_t *tx_frame_buf; /**< Output frame buffer, >= max_info_tx +
                              ::MSDK_COSEM_HDLC_FRAME_OVERHEAD. */
    size_t tx_frame_cap;   /**< Size of @c tx_frame_buf. */
    uint8_t *apdu_buf;     /**< Reassembly buffer for the response APDU. */
    size_t apdu_cap;       /**< Size of @c apdu_buf, >= 1. */
} msdk_cosem_hdlc_client_config_t;

/** @brief Client link (primary station) state. Initialise with msdk_cosem_hdlc_client_init(). */
typedef struct msdk_cosem_hdlc_client {
    msdk_cosem_hdlc_client_config_t cfg; /**< Copy of the configuration. */
    msdk_cosem_hdlc_deframer_t deframer; /**< Byte-stream deframer. */
    msdk_cosem_hdlc_stats_t stats;       /**< Counters. */
    msdk_cosem_hdlc_params_t params;     /**< Negotiated, client's point of view. */
    uint8_t state;                       /**< ::msdk_cosem_hdlc_state_t. */
    uint8_t vs;                          /**< V(S). */
    uint8_t vr;                          /**< V(R). */
    uint8_t retries;                     /**< Repetitions of the current command. */
    bool waiting;                        /**< A command was sent and not answered yet. */
    bool want_response;                  /**< The request is sent; its response is incomplete. */
    bool apdu_ready;                     /**< The APDU buffer holds the complete response. */
    bool tx_pending;                     /**< @c tx_frame_buf holds a frame not yet taken. */
    bool tx_outstanding;                 /**< An I-frame was sent and not yet acknowledged. */
    size_t apdu_len;                     /**< Bytes in the APDU buffer. */
    size_t tx_len;                       /**< Bytes of the frame in @c tx_frame_buf. */
    const uint8_t *tx_apdu;              /**< Request being sent, NULL when none. */
    size_t tx_apdu_len;                  /**< Its length. */
    size_t tx_off;                       /**< Offset of the outstanding (or next) segment. */
    size_t tx_seg;                       /**< Length of the outstanding segment. */
    uint32_t last_ms;                    /**< Time of the last transmission. */
    uint32_t events;                     /**< Pending MSDK_COSEM_HDLC_EVT_* bits. */
} msdk_cosem_hdlc_client_t;

/**
 * @brief Sets up a client link in NDM.
 * @param[out] c   Link; untouched on error.
 * @param[in]  cfg Configuration (copied).
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or buffer, bad address, a limit below 32 or above
 *                              2030, or a frame buffer too small for its limit.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_init(msdk_cosem_hdlc_client_t *c,
                                                      const msdk_cosem_hdlc_client_config_t *cfg);

/**
 * @brief Queues an SNRM with the configured limits.
 * @param[in,out] c      Link.
 * @param[in]     now_ms Current time in milliseconds.
 * @retval MSDK_OK              SNRM queued (take it with msdk_cosem_hdlc_client_take_tx()).
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_connect(msdk_cosem_hdlc_client_t *c,
                                                         uint32_t now_ms);

/**
 * @brief Queues a DISC.
 * @param[in,out] c      Link.
 * @param[in]     now_ms Current time in milliseconds.
 * @retval MSDK_OK              DISC queued.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_disconnect(msdk_cosem_hdlc_client_t *c,
                                                            uint32_t now_ms);

/**
 * @brief Sends a request APDU in I-frames; the response arrives as ::MSDK_COSEM_HDLC_EVT_APDU.
 *
 * @p apdu stays in use until the response is complete or the link resets.
 *
 * @param[in,out] c      Link.
 * @param[in]     apdu   APDU bytes, caller-owned.
 * @param[in]     len    Its length, >= 1.
 * @param[in]     now_ms Current time in milliseconds.
 * @retval MSDK_OK              First I-frame queued.
 * @retval MSDK_ERR_STATE       Not in NRM.
 * @retval MSDK_ERR_BUSY        A request is still in progress.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p len 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_send_apdu(msdk_cosem_hdlc_client_t *c,
                                                           const uint8_t *apdu, size_t len,
                                                           uint32_t now_ms);

/**
 * @brief Feeds received bytes; all of them are consumed.
 * @param[in,out] c      Link.
 * @param[in]     data   Bytes; may be NULL when @p n is 0.
 * @param[in]     n      Number of bytes.
 * @param[in]     now_ms Current time in milliseconds.
 * @retval MSDK_OK              Processed (bad or foreign frames are counted).
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_rx(msdk_cosem_hdlc_client_t *c,
                                                    const uint8_t *data, size_t n, uint32_t now_ms);

/**
 * @brief Applies the response timeout: repeats SNRM or DISC, or polls with RR.
 * @param[in,out] c      Link.
 * @param[in]     now_ms Current time in milliseconds.
 */
void msdk_cosem_hdlc_client_poll(msdk_cosem_hdlc_client_t *c, uint32_t now_ms);

/**
 * @brief Returns the response APDU and frees the buffer for the next one.
 * @param[in,out] c    Link.
 * @param[out]    apdu The APDU inside the configured buffer, valid until the next request.
 * @param[out]    len  Its length.
 * @retval MSDK_OK              A response is ready.
 * @retval MSDK_ERR_WOULD_BLOCK None.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_take_apdu(msdk_cosem_hdlc_client_t *c,
                                                           const uint8_t **apdu, size_t *len);

/**
 * @brief Returns the frame to transmit, if any, and marks it taken.
 * @param[in,out] c     Link.
 * @param[out]    frame Frame with flags, valid until the next call on the link.
 * @param[out]    len   Its length.
 * @retval MSDK_OK              A frame is to be sent.
 * @retval MSDK_ERR_WOULD_BLOCK Nothing to send.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_client_take_tx(msdk_cosem_hdlc_client_t *c,
                                                         const uint8_t **frame, size_t *len);

/**
 * @brief Returns and clears the pending events.
 * @param[in,out] c Link.
 * @return MSDK_COSEM_HDLC_EVT_* bits.
 */
uint32_t msdk_cosem_hdlc_client_take_events(msdk_cosem_hdlc_client_t *c);

/**
 * @brief Current state.
 * @param[in] c Link.
 * @return The state.
 */
msdk_cosem_hdlc_state_t msdk_cosem_hdlc_client_state(const msdk_cosem_hdlc_client_t *c);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_HDLC_H */
