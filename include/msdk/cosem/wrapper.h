/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief DLMS/COSEM TCP-UDP wrapper (IEC 62056-47, Green Book "TCP-UDP based
 *        transport layers"): header codec and per-connection TCP reassembler.
 *
 * Every APDU sent over TCP or UDP is preceded by an 8-byte wrapper header,
 * four 16-bit big-endian fields:
 *
 * | Offset | Field               | Value                                   |
 * |--------|---------------------|-----------------------------------------|
 * | 0      | version             | 0x0001 (the only version defined)       |
 * | 2      | source wPort        | SAP of the sender                       |
 * | 4      | destination wPort   | SAP of the receiver                     |
 * | 6      | length              | number of APDU bytes that follow        |
 *
 * Example (a data-notification pushed over UDP, dlms-vectors section 4):
 * `00 01 00 01 00 01 00 46` followed by 0x46 = 70 APDU bytes.
 *
 * @par wPort conventions
 * The wPorts carry the DLMS SAPs that HDLC carries in its address fields:
 * - A client request: source wPort = client SAP, destination wPort = SAP of
 *   the server logical device. The server's answer swaps the two.
 * - Client SAPs: 0x0001 client management process, 0x0010 public client
 *   (lowest security, no authentication); other values are assigned by the
 *   companion specification (DSMR, for example, also defines a
 *   pre-established client, 102).
 * - Server SAPs (logical devices): 0x0001 management logical device (every
 *   meter has it), 0x0010..0x007E further logical devices, 0x007F all-station
 *   (broadcast), 0x0000 no-station.
 * - A push (data-notification) from a server uses the logical device as the
 *   source and the configured destination client SAP as the destination.
 * - The IANA-registered TCP and UDP port of DLMS/COSEM is 4059.
 *
 * @par TCP stream reassembly
 * TCP delivers a byte stream, so one `recv()` may carry a fraction of a
 * header, several APDUs, or the middle of one. ::msdk_cosem_wrapper_stream_t
 * takes chunks of any size and yields one complete APDU at a time into a
 * caller buffer sized for the largest APDU the server accepts (its
 * negotiated max-receive-PDU-size). Nothing in the stream allows
 * resynchronisation after a bad header (there is no flag or checksum), so a
 * wrong version, a zero length or a length beyond the buffer is fatal for the
 * connection: the reassembler refuses further input until it is reset, and
 * the server closes the TCP connection.
 *
 * All functions are sans-IO: they neither block nor allocate; the structs
 * are owned by the caller.
 */
#ifndef MSDK_COSEM_WRAPPER_H
#define MSDK_COSEM_WRAPPER_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The only wrapper protocol version defined by IEC 62056-47. */
#define MSDK_COSEM_WRAPPER_VERSION    0x0001u
/** @brief Size of the wrapper header in bytes. */
#define MSDK_COSEM_WRAPPER_HEADER_LEN 8u
/** @brief Largest APDU a header can announce (16-bit length field). */
#define MSDK_COSEM_WRAPPER_MAX_APDU   0xFFFFu
/** @brief IANA-registered TCP/UDP port of DLMS/COSEM. */
#define MSDK_COSEM_WRAPPER_IP_PORT    4059u

/** @brief wPort "no-station" (client or server side). */
#define MSDK_COSEM_WPORT_NO_STATION        0x0000u
/** @brief Client wPort of the client management process. */
#define MSDK_COSEM_WPORT_CLIENT_MANAGEMENT 0x0001u
/** @brief Client wPort of the public client. */
#define MSDK_COSEM_WPORT_CLIENT_PUBLIC     0x0010u
/** @brief Server wPort of the management logical device. */
#define MSDK_COSEM_WPORT_SERVER_MANAGEMENT 0x0001u
/** @brief Server wPort "all-station" (broadcast). */
#define MSDK_COSEM_WPORT_ALL_STATION       0x007Fu

/** @brief Decoded wrapper header. */
typedef struct msdk_cosem_wrapper_hdr {
    uint16_t version;   /**< Protocol version; always ::MSDK_COSEM_WRAPPER_VERSION once decoded. */
    uint16_t src_wport; /**< Source wPort (SAP of the sender). */
    uint16_t dst_wport; /**< Destination wPort (SAP of the receiver). */
    uint16_t length;    /**< APDU length in bytes, 1..65535. */
} msdk_cosem_wrapper_hdr_t;

/** @brief Phase of a TCP stream reassembler (see ::msdk_cosem_wrapper_stream_t). */
typedef enum msdk_cosem_wrapper_phase {
    MSDK_COSEM_WRAPPER_PHASE_HEADER = 0, /**< Collecting the 8 header bytes. */
    MSDK_COSEM_WRAPPER_PHASE_BODY = 1,   /**< Collecting the APDU. */
    MSDK_COSEM_WRAPPER_PHASE_READY = 2,  /**< An APDU was handed out; next feed starts anew. */
    MSDK_COSEM_WRAPPER_PHASE_FAILED = 3, /**< A bad header was seen; only a reset helps. */
} msdk_cosem_wrapper_phase_t;

/**
 * @brief Per-connection TCP reassembler. Initialise with
 *        msdk_cosem_wrapper_stream_init(); the fields are private.
 */
typedef struct msdk_cosem_wrapper_stream {
    uint8_t *buf;                               /**< Caller buffer for one APDU. */
    size_t cap;                                 /**< Size of @c buf. */
    size_t got;                                 /**< APDU bytes collected so far. */
    msdk_cosem_wrapper_hdr_t hdr;               /**< Header of the APDU being collected. */
    uint8_t raw[MSDK_COSEM_WRAPPER_HEADER_LEN]; /**< Header bytes collected so far. */
    uint8_t raw_len;                            /**< Number of valid bytes in @c raw. */
    uint8_t phase;                              /**< A ::msdk_cosem_wrapper_phase_t. */
} msdk_cosem_wrapper_stream_t;

/**
 * @brief Writes a wrapper header and an APDU.
 * @param[in,out] wb        Writer; advanced by 8 + @p apdu_len on success,
 *                          untouched on error (nothing is written partially).
 * @param[in]     src_wport Source wPort.
 * @param[in]     dst_wport Destination wPort.
 * @param[in]     apdu      APDU bytes; must not overlap the free part of @p wb.
 * @param[in]     apdu_len  APDU length, 1..::MSDK_COSEM_WRAPPER_MAX_APDU.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 + @p apdu_len bytes of room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb or @p apdu is NULL, or @p apdu_len is
 *                                   0 or above ::MSDK_COSEM_WRAPPER_MAX_APDU.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_encode(msdk_wbuf_t *wb, uint16_t src_wport,
                                                    uint16_t dst_wport, const uint8_t *apdu,
                                                    size_t apdu_len);

/**
 * @brief Writes only a wrapper header, for an APDU the caller writes next
 *        (encoding in place, without copying the APDU).
 * @param[in,out] wb        Writer; advanced by 8 on success, untouched on error.
 * @param[in]     src_wport Source wPort.
 * @param[in]     dst_wport Destination wPort.
 * @param[in]     apdu_len  Length of the APDU that will follow, 1..65535.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 bytes of room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p apdu_len is 0 or above
 *                                   ::MSDK_COSEM_WRAPPER_MAX_APDU.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_encode_header(msdk_wbuf_t *wb, uint16_t src_wport,
                                                           uint16_t dst_wport, size_t apdu_len);

/**
 * @brief Decodes and checks the 8-byte header at the start of @p data.
 * @param[in]  data Received bytes; only the first 8 are read.
 * @param[in]  len  Number of bytes at @p data.
 * @param[out] hdr  The header; untouched on error.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     @p len is below 8.
 * @retval MSDK_ERR_NOT_SUPPORTED The version is not 0x0001.
 * @retval MSDK_ERR_MALFORMED     The length field is 0.
 * @retval MSDK_ERR_INVALID_ARG   @p hdr is NULL, or @p data is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_decode_header(const uint8_t *data, size_t len,
                                                           msdk_cosem_wrapper_hdr_t *hdr);

/**
 * @brief Decodes one UDP datagram: a header and exactly the APDU it announces.
 * @param[in]  data     The datagram.
 * @param[in]  len      Its length.
 * @param[out] hdr      The header; untouched on error.
 * @param[out] apdu     Points at the APDU inside @p data; untouched on error.
 * @param[out] apdu_len APDU length (equals `hdr->length`); untouched on error.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The datagram is shorter than 8 + length.
 * @retval MSDK_ERR_MALFORMED     The length field is 0, or bytes follow the APDU
 *                                (a datagram carries exactly one APDU).
 * @retval MSDK_ERR_NOT_SUPPORTED The version is not 0x0001.
 * @retval MSDK_ERR_INVALID_ARG   An output pointer is NULL, or @p data is NULL
 *                                and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_decode(const uint8_t *data, size_t len,
                                                    msdk_cosem_wrapper_hdr_t *hdr,
                                                    const uint8_t **apdu, size_t *apdu_len);

/**
 * @brief Sets up a TCP reassembler for one connection.
 * @param[out] s   Reassembler; untouched on error.
 * @param[in]  buf Buffer for one APDU, at least as large as the largest APDU
 *                 the server accepts; it must outlive @p s.
 * @param[in]  cap Size of @p buf, at least 1.
 * @retval MSDK_OK              Ready, expecting a header.
 * @retval MSDK_ERR_INVALID_ARG @p s or @p buf is NULL, or @p cap is 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_stream_init(msdk_cosem_wrapper_stream_t *s,
                                                         uint8_t *buf, size_t cap);

/**
 * @brief Drops any partial header or APDU and expects a new header (for a new
 *        connection on the same buffer).
 * @param[in,out] s Reassembler; nothing happens when NULL.
 */
void msdk_cosem_wrapper_stream_reset(msdk_cosem_wrapper_stream_t *s);

/**
 * @brief Feeds received bytes; stops after the first complete APDU.
 *
 * Call it with each chunk read from the socket. When it returns ::MSDK_OK,
 * handle the APDU, then call it again with the rest of the chunk
 * (`data + *consumed`), which may hold further APDUs. The APDU stays valid in
 * the buffer until the next call.
 *
 * @code
 * size_t off = 0;
 * while (off < n) {
 *     size_t used;
 *     msdk_err_t err = msdk_cosem_wrapper_stream_feed(&s, rx + off, n - off, &used, &hdr,
 *                                                     &apdu, &apdu_len);
 *     off += used;
 *     if (err == MSDK_OK) {
 *         handle(&hdr, apdu, apdu_len);
 *     } else if (err != MSDK_ERR_WOULD_BLOCK) {
 *         close_connection();
 *         break;
 *     }
 * }
 * @endcode
 *
 * @param[in,out] s        Reassembler.
 * @param[in]     data     Received bytes; may be NULL when @p len is 0.
 * @param[in]     len      Number of bytes.
 * @param[out]    consumed Bytes of @p data taken, 0..@p len; set on every
 *                         return except ::MSDK_ERR_INVALID_ARG.
 * @param[out]    hdr      Header of the complete APDU; untouched unless ::MSDK_OK.
 * @param[out]    apdu     The complete APDU (inside the reassembler's buffer);
 *                         untouched unless ::MSDK_OK.
 * @param[out]    apdu_len Its length; untouched unless ::MSDK_OK.
 * @retval MSDK_OK                   One APDU is complete.
 * @retval MSDK_ERR_WOULD_BLOCK      All of @p data was taken and no APDU is complete yet.
 * @retval MSDK_ERR_NOT_SUPPORTED    A header with a version other than 0x0001; the
 *                                   stream is now failed (close the connection).
 * @retval MSDK_ERR_MALFORMED        A header with length 0; the stream is now failed.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL A header announces more bytes than the buffer
 *                                   holds; the stream is now failed.
 * @retval MSDK_ERR_STATE            The stream failed earlier; nothing taken.
 * @retval MSDK_ERR_INVALID_ARG      A pointer is NULL (@p data only when @p len > 0),
 *                                   or @p s was not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_wrapper_stream_feed(msdk_cosem_wrapper_stream_t *s,
                                                         const uint8_t *data, size_t len,
                                                         size_t *consumed,
                                                         msdk_cosem_wrapper_hdr_t *hdr,
                                                         const uint8_t **apdu, size_t *apdu_len);

/**
 * @brief Bytes of an unfinished header or APDU held by the reassembler.
 *
 * Non-zero means a peer stopped in the middle of a PDU; a server may use it
 * together with its inactivity timer to close such connections early.
 *
 * @param[in] s Reassembler.
 * @return Buffered header plus APDU bytes; 0 when @p s is NULL, idle, failed
 *         or has just handed out an APDU.
 */
size_t msdk_cosem_wrapper_stream_pending(const msdk_cosem_wrapper_stream_t *s);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_WRAPPER_H */
