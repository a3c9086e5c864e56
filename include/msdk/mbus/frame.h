/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Wired M-Bus link layer frames (EN 13757-2, IEC 60870-5-2 format FT1.2):
 *        encoders, a decoder of a complete frame, a streaming receiver and the
 *        reply timing.
 *
 * @par Frame formats
 * | type           | bytes                                      | length      |
 * |----------------|--------------------------------------------|-------------|
 * | single char    | `E5`                                       | 1           |
 * | short frame    | `10 C A CS 16`                             | 5           |
 * | control frame  | `68 03 03 68 C A CI CS 16`                 | 9           |
 * | long frame     | `68 L L 68 C A CI data CS 16`              | L + 6       |
 *
 * L counts C, A, CI and the data: L = 3 + data length, so a long frame
 * carries 1..::MSDK_MBUS_FRAME_DATA_MAX data bytes and the control frame is
 * the long frame without data (L = 3). CS is the arithmetic sum, modulo 256,
 * of C and A (short frame) or of C, A, CI and the data (control and long
 * frames).
 *
 * @par Directions
 * Frames from the master set the PRM bit (0x40) of the C field; SND_NKE
 * (0x40), SND_UD (0x53/0x73) and REQ_UD2 (0x5B/0x7B) are the requests of a
 * readout; a slave answers with the single character (acknowledge) or an
 * RSP_UD long frame (C 0x08, ACD and DFC bits possibly set).
 *
 * @par Receiving
 * msdk_mbus_frame_decode() checks a buffer that holds exactly one frame;
 * ::msdk_mbus_rx_t assembles frames from a byte stream (see
 * msdk_mbus_rx_feed() for how it resynchronises and what it reports).
 * Neither reads a clock: the reply window and the inter-character gaps are the
 * master's business (msdk_mbus_frame_reply_timeout_ms() and friends give the
 * numbers).
 *
 * @par Errors
 * Every function checks its arguments; on error nothing is written to the
 * caller's buffers and no output parameter is changed. There is no heap and no
 * global state.
 */
#ifndef MSDK_MBUS_FRAME_H
#define MSDK_MBUS_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Frame constants ------------------------------------------------------------------------ */

/** @brief The single character: a slave's acknowledge (E5). */
#define MSDK_MBUS_FRAME_ACK_CHAR    0xE5u
/** @brief Start character of the short frame. */
#define MSDK_MBUS_FRAME_START_SHORT 0x10u
/** @brief Start character of the control and long frames (sent twice). */
#define MSDK_MBUS_FRAME_START_LONG  0x68u
/** @brief Stop character of every frame but the single character. */
#define MSDK_MBUS_FRAME_STOP        0x16u
/** @brief Length of the short frame in bytes. */
#define MSDK_MBUS_FRAME_SHORT_LEN   5u
/** @brief Length of the control frame in bytes. */
#define MSDK_MBUS_FRAME_CONTROL_LEN 9u
/** @brief Smallest L field (C, A and CI: the control frame). */
#define MSDK_MBUS_FRAME_L_MIN       3u
/** @brief Most data bytes of a long frame (L = 255). */
#define MSDK_MBUS_FRAME_DATA_MAX    252u
/** @brief Longest frame in bytes: 4 header + C, A, CI + 252 data + CS, stop. */
#define MSDK_MBUS_FRAME_MAX_LEN     261u

/* ---- C field -------------------------------------------------------------------------------- */

/** @brief C field bit 6: primary message (set in every frame from the master). */
#define MSDK_MBUS_C_PRM      0x40u
/** @brief C field bit 5 from the master: frame count bit. */
#define MSDK_MBUS_C_FCB      0x20u
/** @brief C field bit 4 from the master: the frame count bit is valid. */
#define MSDK_MBUS_C_FCV      0x10u
/** @brief C field bit 5 from a slave: access demand (class 1 data waiting). */
#define MSDK_MBUS_C_ACD      0x20u
/** @brief C field bit 4 from a slave: data flow control (slave cannot take more). */
#define MSDK_MBUS_C_DFC      0x10u
/** @brief C field bits 0..3: the function code. */
#define MSDK_MBUS_C_FUNCTION 0x0Fu
/** @brief SND_NKE, link reset (no FCB/FCV). */
#define MSDK_MBUS_C_SND_NKE  0x40u
/** @brief SND_UD, send user data, FCB clear (0x73 with FCB set). */
#define MSDK_MBUS_C_SND_UD   0x53u
/** @brief REQ_UD2, request class 2 data, FCB clear (0x7B with FCB set). */
#define MSDK_MBUS_C_REQ_UD2  0x5Bu
/** @brief REQ_UD1, request class 1 data (alarm), FCB clear (0x7A with FCB set). */
#define MSDK_MBUS_C_REQ_UD1  0x5Au
/** @brief RSP_UD, the slave's data response, ACD and DFC clear. */
#define MSDK_MBUS_C_RSP_UD   0x08u

/* ---- A field and link-level CI values ------------------------------------------------------- */

/** @brief Primary address of a slave that has not been given one. */
#define MSDK_MBUS_ADDR_UNCONFIGURED 0u
/** @brief Highest primary address a slave can have. */
#define MSDK_MBUS_ADDR_PRIMARY_MAX  250u
/** @brief Address of the slave selected by secondary addressing (network layer). */
#define MSDK_MBUS_ADDR_NETWORK      253u
/** @brief Broadcast, every slave answers (test; collisions on a shared bus). */
#define MSDK_MBUS_ADDR_BROADCAST    254u
/** @brief Broadcast, no slave answers. */
#define MSDK_MBUS_ADDR_BROADCAST_NR 255u

/** @brief CI of SND_UD: application reset. */
#define MSDK_MBUS_CI_APP_RESET 0x50u
/** @brief CI of SND_UD: data send (mode 1, least significant byte first). */
#define MSDK_MBUS_CI_DATA_SEND 0x51u
/** @brief CI of SND_UD: selection of a slave for secondary addressing. */
#define MSDK_MBUS_CI_SELECT    0x52u
/** @brief CI of SND_UD: switch to 300 Bd; 0xB9..0xBF are 600..38400 Bd. */
#define MSDK_MBUS_CI_BAUD_300  0xB8u

/**
 * @brief The function code of a C field (bits 0..3).
 * @param[in] c C field.
 * @return `c & 0x0F`.
 */
static inline uint8_t msdk_mbus_c_function(uint8_t c)
{
    return (uint8_t)(c & MSDK_MBUS_C_FUNCTION);
}

/**
 * @brief Whether the C field comes from the master (PRM set).
 * @param[in] c C field.
 * @return true when bit 6 is set.
 */
static inline bool msdk_mbus_c_is_primary(uint8_t c)
{
    return (c & MSDK_MBUS_C_PRM) != 0u;
}

/**
 * @brief Whether the frame count bit of a master's C field is set.
 * @param[in] c C field from the master.
 * @return true when bit 5 is set.
 */
static inline bool msdk_mbus_c_is_fcb(uint8_t c)
{
    return (c & MSDK_MBUS_C_FCB) != 0u;
}

/**
 * @brief Whether the frame count bit of a master's C field is valid (FCV set).
 * @param[in] c C field from the master.
 * @return true when bit 4 is set.
 */
static inline bool msdk_mbus_c_is_fcv(uint8_t c)
{
    return (c & MSDK_MBUS_C_FCV) != 0u;
}

/**
 * @brief A master's C field with its frame count bit set or cleared.
 * @param[in] c   C field.
 * @param[in] fcb New value of bit 5.
 * @return @p c with bit 5 = @p fcb, the other bits unchanged.
 */
static inline uint8_t msdk_mbus_c_with_fcb(uint8_t c, bool fcb)
{
    return fcb ? (uint8_t)(c | MSDK_MBUS_C_FCB) : (uint8_t)(c & (uint8_t)~MSDK_MBUS_C_FCB);
}

/* ---- Frames --------------------------------------------------------------------------------- */

/** @brief Kind of frame. */
typedef enum msdk_mbus_frame_type {
    MSDK_MBUS_FRAME_ACK = 0,     /**< Single character E5. */
    MSDK_MBUS_FRAME_SHORT = 1,   /**< 10 C A CS 16. */
    MSDK_MBUS_FRAME_CONTROL = 2, /**< 68 03 03 68 C A CI CS 16 (a long frame without data). */
    MSDK_MBUS_FRAME_LONG = 3,    /**< 68 L L 68 C A CI data CS 16 with 1..252 data bytes. */
} msdk_mbus_frame_type_t;

/**
 * @brief A parsed frame: a view, its @c data pointing into the bytes it was
 *        decoded from (or, for msdk_mbus_frame_encode(), the data to send).
 *
 * Fields a frame type does not have are 0 (@c c, @c a, @c ci of the single
 * character; @c ci of the short frame) and @c data is NULL when @c data_len is 0.
 */
typedef struct msdk_mbus_frame {
    msdk_mbus_frame_type_t type; /**< Kind of frame. */
    uint8_t c;                   /**< C field (control). */
    uint8_t a;                   /**< A field (primary address). */
    uint8_t ci;                  /**< CI field (control information). */
    const uint8_t *data;         /**< User data after the CI field. */
    size_t data_len;             /**< Number of data bytes: 0 (control) or 1..252 (long). */
} msdk_mbus_frame_t;

/**
 * @brief The FT1.2 checksum: sum of @p n bytes modulo 256.
 * @param[in] p Bytes; may be NULL when @p n is 0.
 * @param[in] n Number of bytes.
 * @return The sum modulo 256 (0 for no bytes).
 */
uint8_t msdk_mbus_frame_checksum(const uint8_t *p, size_t n);

/**
 * @brief Appends the single character E5.
 * @param[in,out] wb Writer; advanced by 1 on success, untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_ack(msdk_wbuf_t *wb);

/**
 * @brief Appends a short frame `10 C A CS 16`.
 * @param[in,out] wb Writer; advanced by 5 on success, untouched on error.
 * @param[in]     c  C field.
 * @param[in]     a  A field.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 5 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_short(msdk_wbuf_t *wb, uint8_t c, uint8_t a);

/**
 * @brief Appends a long frame, or the control frame when @p data_len is 0.
 * @param[in,out] wb       Writer; advanced by @p data_len + 9 on success, untouched on error.
 * @param[in]     c        C field.
 * @param[in]     a        A field.
 * @param[in]     ci       CI field.
 * @param[in]     data     User data; may be NULL when @p data_len is 0. It may not overlap
 *                         the free part of the writer's buffer.
 * @param[in]     data_len Number of data bytes, 0..::MSDK_MBUS_FRAME_DATA_MAX.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room for the whole frame; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p data is NULL with @p data_len > 0, or
 *                                   @p data_len is above ::MSDK_MBUS_FRAME_DATA_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_long(msdk_wbuf_t *wb, uint8_t c, uint8_t a,
                                                      uint8_t ci, const uint8_t *data,
                                                      size_t data_len);

/**
 * @brief Appends any frame from its parsed view (the inverse of msdk_mbus_frame_decode()).
 *
 * ::MSDK_MBUS_FRAME_ACK ignores the fields; ::MSDK_MBUS_FRAME_SHORT uses @c c
 * and @c a; ::MSDK_MBUS_FRAME_CONTROL needs @c data_len 0 and
 * ::MSDK_MBUS_FRAME_LONG 1..252 data bytes.
 *
 * @param[in,out] wb Writer; advanced by the frame length on success, untouched on error.
 * @param[in]     f  Frame.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room for the whole frame; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL pointer, an unknown type, or a data length that
 *                                   does not match the type.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode(msdk_wbuf_t *wb, const msdk_mbus_frame_t *f);

/**
 * @brief Appends SND_NKE (link reset) to a slave: `10 40 A CS 16`.
 * @param[in,out] wb Writer; advanced by 5 on success, untouched on error.
 * @param[in]     a  Primary address, ::MSDK_MBUS_ADDR_NETWORK or a broadcast address.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 5 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_snd_nke(msdk_wbuf_t *wb, uint8_t a);

/**
 * @brief Appends REQ_UD2 (request class 2 data): `10 5B A CS 16`, or C 0x7B with FCB set.
 * @param[in,out] wb  Writer; advanced by 5 on success, untouched on error.
 * @param[in]     a   Address of the slave.
 * @param[in]     fcb Frame count bit (FCV is always set).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 5 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_req_ud2(msdk_wbuf_t *wb, uint8_t a, bool fcb);

/**
 * @brief Appends SND_UD (send user data): C 0x53, or 0x73 with FCB set; a
 *        control frame when @p data_len is 0 (e.g. application reset, CI 0x50).
 * @param[in,out] wb       Writer; advanced by @p data_len + 9 on success, untouched on error.
 * @param[in]     a        Address of the slave.
 * @param[in]     fcb      Frame count bit (FCV is always set).
 * @param[in]     ci       CI field (::MSDK_MBUS_CI_DATA_SEND, ::MSDK_MBUS_CI_SELECT, ...).
 * @param[in]     data     User data; may be NULL when @p data_len is 0.
 * @param[in]     data_len Number of data bytes, 0..::MSDK_MBUS_FRAME_DATA_MAX.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room for the whole frame; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p data is NULL with @p data_len > 0, or
 *                                   @p data_len is above ::MSDK_MBUS_FRAME_DATA_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_encode_snd_ud(msdk_wbuf_t *wb, uint8_t a, bool fcb,
                                                        uint8_t ci, const uint8_t *data,
                                                        size_t data_len);

/**
 * @brief Decodes a buffer that holds exactly one frame.
 *
 * The checks run in transmission order, so the first fault found is the one
 * reported: start character, L field (at least 3), repeated L field, second
 * start character, then, when all bytes are there, the stop character and the
 * checksum.
 *
 * @param[in]  data Frame bytes; may be NULL when @p len is 0.
 * @param[in]  len  Number of bytes.
 * @param[out] out  The frame, its @c data pointing into @p data; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The bytes are a correct beginning of a frame but end early
 *                              (including @p len 0).
 * @retval MSDK_ERR_MALFORMED   Not a start character, L < 3, the two L fields differ, the
 *                              second start character is not 0x68, a wrong stop character,
 *                              or bytes after the stop character (a frame longer than its
 *                              L field says).
 * @retval MSDK_ERR_CHECKSUM    Framing correct, checksum wrong.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p data is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_decode(const uint8_t *data, size_t len,
                                                 msdk_mbus_frame_t *out);

/* ---- Streaming receiver --------------------------------------------------------------------- */

/** @brief Why the receiver rejected a frame (msdk_mbus_rx_t::fault). */
typedef enum msdk_mbus_rx_fault {
    MSDK_MBUS_RX_FAULT_NONE = 0,       /**< No frame rejected since the last init or reset. */
    MSDK_MBUS_RX_FAULT_L_SHORT = 1,    /**< L field below 3. */
    MSDK_MBUS_RX_FAULT_L_MISMATCH = 2, /**< The two L fields differ. */
    MSDK_MBUS_RX_FAULT_START = 3,      /**< The second start character of a long frame is not 68. */
    MSDK_MBUS_RX_FAULT_STOP = 4,       /**< The stop character is not 16. */
    MSDK_MBUS_RX_FAULT_CHECKSUM = 5,   /**< Framing correct, checksum wrong. */
    MSDK_MBUS_RX_FAULT_TRUNCATED = 6, /**< The frame stopped before its end (msdk_mbus_rx_end()). */
    MSDK_MBUS_RX_FAULT_LINE = 7,      /**< The UART reported a parity/framing error inside it. */
} msdk_mbus_rx_fault_t;

/**
 * @brief Streaming frame receiver, owned by the caller. Initialise with
 *        msdk_mbus_rx_init(); the fields are read-only for the caller.
 *
 * It holds the frame being received in its own buffer, never a pointer to the
 * caller's bytes.
 */
typedef struct msdk_mbus_rx {
    uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN]; /**< Frame being assembled, then bytes to rescan. */
    uint16_t len;                         /**< Bytes of @c buf checked as a frame prefix. */
    uint16_t avail;                       /**< Bytes in @c buf (@c len..@c avail: to rescan). */
    uint16_t drop;                        /**< Bytes to remove at the start of the next call. */
    msdk_mbus_rx_fault_t fault;           /**< Reason of the last rejected frame. */
    uint32_t skipped;                     /**< Bytes outside frames skipped (saturates). */
    uint32_t frames;                      /**< Frames received (saturates). */
    uint32_t faults;                      /**< Frames rejected (saturates). */
} msdk_mbus_rx_t;

/**
 * @brief Sets up a receiver: empty, counters at 0.
 * @param[out] rx Receiver.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG @p rx is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_rx_init(msdk_mbus_rx_t *rx);

/**
 * @brief Discards every buffered byte (a new request starts a new reply
 *        window); keeps the counters and clears @c fault.
 * @param[in,out] rx Receiver; nothing happens when it is NULL.
 */
void msdk_mbus_rx_reset(msdk_mbus_rx_t *rx);

/**
 * @brief Feeds received bytes until a frame is complete or rejected.
 *
 * Call in a loop, advancing by @p consumed, until it returns
 * ::MSDK_ERR_WOULD_BLOCK. One byte at a time, or any chunk, gives the same
 * results.
 *
 * - Bytes that cannot start a frame (anything but E5, 10, 68) are skipped and
 *   counted in @c skipped: the receiver resynchronises on garbage silently.
 * - A frame that started correctly and then breaks is rejected as soon as the
 *   breaking byte arrives, with ::MSDK_ERR_MALFORMED (L < 3, L fields differ,
 *   second start character, stop character) or ::MSDK_ERR_CHECKSUM, and the
 *   reason in @c fault. This is distinct from skipped garbage: a master treats
 *   it as a garbled reply (a collision when several slaves may have answered).
 * - After a rejection in the header of a long frame (L < 3, L fields differ,
 *   second start character) or a wrong stop character of a short frame, the
 *   receiver hunts again from the byte after the rejected start character
 *   (those bytes are rescanned at the next call), so a stray 10 or 68 does not
 *   hide a frame that follows it. A frame with a wrong checksum, or a long
 *   frame (correct `68 L L 68` header) with a wrong stop character, was
 *   delimited by its L field: its bytes are dropped whole, never searched for
 *   frames inside the data.
 * - L is one byte, so no frame can be longer than ::MSDK_MBUS_FRAME_MAX_LEN:
 *   the buffer inside the receiver always holds it.
 *
 * @param[in,out] rx       Receiver.
 * @param[in]     data     Received bytes; may be NULL when @p n is 0.
 * @param[in]     n        Number of bytes.
 * @param[out]    consumed Bytes of @p data used, 0..@p n (always set unless an argument is
 *                         invalid).
 * @param[out]    frame    On ::MSDK_OK, the frame; its @c data points into @p rx and stays
 *                         valid until the next call on @p rx. Untouched otherwise.
 * @retval MSDK_OK              A frame is complete.
 * @retval MSDK_ERR_WOULD_BLOCK All bytes consumed; no frame complete yet ("need more").
 * @retval MSDK_ERR_MALFORMED   A started frame broke (see @c fault).
 * @retval MSDK_ERR_CHECKSUM    A delimited frame had a wrong checksum.
 * @retval MSDK_ERR_INVALID_ARG @p rx, @p consumed or @p frame is NULL, or @p data is NULL
 *                              with @p n > 0; nothing done.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_rx_feed(msdk_mbus_rx_t *rx, const uint8_t *data, size_t n,
                                            size_t *consumed, msdk_mbus_frame_t *frame);

/**
 * @brief Reports a byte the UART received with a parity, framing or overrun
 *        error (8E1): a frame in progress is broken; the buffer is emptied.
 * @param[in,out] rx Receiver.
 * @retval MSDK_OK              No frame was in progress; the error is counted in @c skipped.
 * @retval MSDK_ERR_MALFORMED   A frame in progress was discarded (@c fault =
 *                              ::MSDK_MBUS_RX_FAULT_LINE).
 * @retval MSDK_ERR_INVALID_ARG @p rx is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_rx_line_error(msdk_mbus_rx_t *rx);

/**
 * @brief Whether bytes of an unfinished frame are buffered.
 * @param[in] rx Receiver.
 * @return true when a frame has started and is not complete (or bytes wait to be
 *         rescanned); false when @p rx is NULL.
 */
bool msdk_mbus_rx_is_busy(const msdk_mbus_rx_t *rx);

/**
 * @brief Ends a reply window (its timeout passed, or the line went idle):
 *        discards any unfinished frame and empties the receiver.
 *
 * Call it after msdk_mbus_rx_feed() returned ::MSDK_ERR_WOULD_BLOCK (so the
 * bytes left for rescanning after a rejection have been looked at). The
 * counters are kept.
 *
 * @param[in,out] rx Receiver.
 * @retval MSDK_OK              Nothing was pending.
 * @retval MSDK_ERR_TRUNCATED   A frame had started and did not finish (@c fault =
 *                              ::MSDK_MBUS_RX_FAULT_TRUNCATED); it is discarded.
 * @retval MSDK_ERR_INVALID_ARG @p rx is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_rx_end(msdk_mbus_rx_t *rx);

/* ---- Timing --------------------------------------------------------------------------------- */

/**
 * @brief Whether @p baud is an M-Bus baud rate: 300, 600, 1200, 2400, 4800,
 *        9600, 19200 or 38400.
 * @param[in] baud Bits per second.
 * @return true for the eight rates.
 */
bool msdk_mbus_baud_is_valid(uint32_t baud);

/**
 * @brief The CI field of the SND_UD that switches a slave to @p baud (0xB8..0xBF).
 * @param[in]  baud Bits per second.
 * @param[out] ci   The CI; untouched on error.
 * @retval MSDK_OK              Found.
 * @retval MSDK_ERR_INVALID_ARG Not an M-Bus baud rate, or @p ci is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_baud_to_ci(uint32_t baud, uint8_t *ci);

/**
 * @brief Time to transmit @p nbytes characters of 11 bits (start, 8 data, even
 *        parity, stop) at @p baud, in milliseconds rounded up:
 *        `ceil(nbytes * 11 * 1000 / baud)`.
 *
 * Examples: a short frame (5 bytes) takes 184 ms at 300 Bd and 23 ms at 2400 Bd.
 *
 * @param[in]  baud    An M-Bus baud rate (msdk_mbus_baud_is_valid()).
 * @param[in]  nbytes  Number of characters, 0..::MSDK_MBUS_FRAME_MAX_LEN.
 * @param[out] ms      The time; untouched on error.
 * @retval MSDK_OK              Computed.
 * @retval MSDK_ERR_INVALID_ARG Unknown baud rate, @p nbytes too large or @p ms NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_tx_time_ms(uint32_t baud, size_t nbytes, uint32_t *ms);

/**
 * @brief The shortest wait of EN 13757-2, 11 bit times (a slave does not
 *        answer sooner; a master leaves at least this between frames), in
 *        milliseconds rounded up: `ceil(11 * 1000 / baud)`.
 *
 * Examples: 37 ms at 300 Bd (36.67), 5 ms at 2400 Bd (4.58), 1 ms at 38400 Bd.
 *
 * @param[in]  baud An M-Bus baud rate.
 * @param[out] ms   The time; untouched on error.
 * @retval MSDK_OK              Computed.
 * @retval MSDK_ERR_INVALID_ARG Unknown baud rate or @p ms NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_min_wait_ms(uint32_t baud, uint32_t *ms);

/**
 * @brief The longest time a master waits for the start of a reply after the end
 *        of its request: 330 bit times + 50 ms (EN 13757-2) + @p allowance_ms
 *        (level converters, radio bridges), in milliseconds.
 *
 * The bit-time part is rounded up to a whole millisecond, so the window is
 * never shorter than the standard's: `ceil(330 * 1000 / baud) + 50 +
 * allowance_ms`. Examples: 1150 ms at 300 Bd (exact), 188 ms at 2400 Bd
 * (137.5 + 50), 85 ms at 9600 Bd (34.375 + 50).
 *
 * @param[in]  baud         An M-Bus baud rate.
 * @param[in]  allowance_ms Extra time added to the window.
 * @param[out] ms           The timeout; untouched on error.
 * @retval MSDK_OK              Computed.
 * @retval MSDK_ERR_INVALID_ARG Unknown baud rate or @p ms NULL.
 * @retval MSDK_ERR_OVERFLOW    The sum does not fit in 32 bits.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_frame_reply_timeout_ms(uint32_t baud, uint32_t allowance_ms,
                                                           uint32_t *ms);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_MBUS_FRAME_H */
