/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief A-XDR encoding of the COSEM "Data" types (IEC 62056-6-2, DLMS UA
 *        Green Book / Blue Book): tags, lengths, every simple type, arrays,
 *        structures, compact-arrays, date-time, skipping and row-by-row
 *        streaming of large arrays.
 *
 * @par Encoding
 * A tagged value is one tag byte (::msdk_cosem_axdr_tag_t) followed by its
 * body. Examples:
 *
 * | Value                                | Bytes                          |
 * |--------------------------------------|--------------------------------|
 * | double-long-unsigned 5009            | `06 00 00 13 91`               |
 * | long -2                              | `10 FF FE`                     |
 * | boolean true                         | `03 01`                        |
 * | octet-string "AB"                    | `09 02 41 42`                  |
 * | bit-string 1011 (4 bits)             | `04 04 B0`                     |
 * | structure { unsigned 1, enum 2 }     | `02 02 11 01 16 02`            |
 * | array of 2 long-unsigned             | `01 02 12 00 01 12 00 02`      |
 * | date-time as octet-string            | `09 0C` followed by 12 bytes   |
 *
 * Integers are big-endian two's complement; float32/float64 are IEEE 754
 * bit patterns, passed as uint32_t/uint64_t (the library does no floating
 * point arithmetic). boolean is written as 0x00/0x01; any non-zero byte
 * reads as true.
 *
 * @par Length and count fields
 * Lengths of strings and element counts of arrays and structures use the
 * A-XDR variable-length form: 0..127 in one byte; otherwise 0x8N followed by
 * N = 1..4 bytes big-endian. Writers always produce the shortest form.
 * Readers accept only the shortest form: `81 00`..`81 7F`, a leading zero
 * byte after 0x82..0x84, the indefinite form 0x80 and N > 4 are
 * ::MSDK_ERR_MALFORMED. (A client that writes `84 00 01 00 00` for 65536 is
 * therefore refused; no COSEM PDU carries such a length.)
 *
 * @par Readers
 * Every reader works on an ::msdk_rbuf_t and either succeeds and moves the
 * reader past the whole item, or fails and leaves the reader and all its
 * outputs unchanged. A value whose tag is not the one expected gives
 * ::MSDK_ERR_MALFORMED; to tell a type mismatch (DLMS "type-unmatched") from
 * a malformed value, peek the tag with msdk_cosem_axdr_peek_tag() first.
 * Array and structure headers whose count exceeds the bytes left are refused
 * with ::MSDK_ERR_TRUNCATED at once (each element needs at least its tag
 * byte), so a hostile count of 2^31 costs nothing.
 *
 * @par Writers
 * Every writer works on an ::msdk_wbuf_t and either writes the whole item or
 * nothing (::MSDK_ERR_BUFFER_TOO_SMALL, position unchanged). Values out of
 * range for their type give ::MSDK_ERR_OVERFLOW, bad arguments
 * ::MSDK_ERR_INVALID_ARG; nothing is written in either case.
 *
 * @par Nesting
 * Skipping and compact-array validation use an explicit stack bounded by
 * ::MSDK_COSEM_AXDR_DEPTH_MAX instead of recursion, so the stack use is fixed
 * (a few hundred bytes) whatever the input. The caller passes a depth limit
 * (at most ::MSDK_COSEM_AXDR_DEPTH_MAX): a container (array, structure or
 * compact-array, including the structures and arrays of a compact-array's
 * type description) at nesting level d, the outermost being level 1, is
 * refused with ::MSDK_ERR_NOT_SUPPORTED when d exceeds the limit.
 *
 * @par Compact-array
 * `13 <type-description> <length> <contents>`: the type description is
 * written as the tags of the types (see msdk_cosem_axdr_put_td_simple()); an
 * array in it is `01 <count: 2 bytes> <element description>`, a structure
 * `02 <count: A-XDR length> <member descriptions>`. The contents is an
 * octet-string holding the elements one after another without their tags
 * (strings and bit-strings keep their length fields). The number of elements
 * is not transmitted: the contents must consist of whole elements.
 * Example: three long-unsigned 1, 2, 3 are
 * `13 12 06 00 01 00 02 00 03`.
 *
 * @par Streaming a large array
 * A profile buffer of thousands of rows is encoded row by row into one
 * PDU-sized block at a time (the blocks of a GET-response-with-datablock are
 * just consecutive pieces of the encoding, so whole rows per block are
 * fine). Pattern, with ::msdk_cosem_axdr_rows_t doing the bookkeeping:
 * @code
 * msdk_cosem_axdr_rows_t rows;
 * msdk_cosem_axdr_rows_init(&rows, n_rows);      // once per GET
 * // for every block:
 * msdk_wbuf_init(&wb, block, block_size);
 * bool done;
 * msdk_err_t err = msdk_cosem_axdr_rows_put(&wb, &rows, encode_row, ctx, &done);
 * // err == MSDK_OK: send wb.pos bytes; if !done, the next block continues.
 * @endcode
 * The first call writes the array header with the total count, then every
 * call appends rows while they fit. A row that does not fit is rolled back
 * (msdk_cosem_axdr_mark() / msdk_cosem_axdr_rollback()), so nothing of it is
 * in the block, and it is the first row of the next call. The same two
 * primitives serve any other "append while it fits" encoder.
 */
#ifndef MSDK_COSEM_AXDR_H
#define MSDK_COSEM_AXDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/datetime.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Largest depth limit the nesting-aware functions accept. */
#define MSDK_COSEM_AXDR_DEPTH_MAX 16u

/** @brief Largest encoded size of an A-XDR length field (0x84 + 4 bytes). */
#define MSDK_COSEM_AXDR_LENGTH_MAX_SIZE 5u

/** @brief COSEM data type tags (the "Data" CHOICE of IEC 62056-6-2). */
typedef enum msdk_cosem_axdr_tag {
    MSDK_COSEM_AXDR_NULL_DATA = 0,            /**< null-data: no body. */
    MSDK_COSEM_AXDR_ARRAY = 1,                /**< array: count, then elements. */
    MSDK_COSEM_AXDR_STRUCTURE = 2,            /**< structure: count, then members. */
    MSDK_COSEM_AXDR_BOOLEAN = 3,              /**< boolean: 1 byte. */
    MSDK_COSEM_AXDR_BIT_STRING = 4,           /**< bit-string: bit count, then bytes. */
    MSDK_COSEM_AXDR_DOUBLE_LONG = 5,          /**< double-long: int32. */
    MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED = 6, /**< double-long-unsigned: uint32. */
    MSDK_COSEM_AXDR_OCTET_STRING = 9,         /**< octet-string: length, then bytes. */
    MSDK_COSEM_AXDR_VISIBLE_STRING = 10,      /**< visible-string: length, then ASCII. */
    MSDK_COSEM_AXDR_UTF8_STRING = 12,         /**< utf8-string: length, then UTF-8. */
    MSDK_COSEM_AXDR_BCD = 13,                 /**< bcd: 1 byte (two BCD digits). */
    MSDK_COSEM_AXDR_INTEGER = 15,             /**< integer: int8. */
    MSDK_COSEM_AXDR_LONG = 16,                /**< long: int16. */
    MSDK_COSEM_AXDR_UNSIGNED = 17,            /**< unsigned: uint8. */
    MSDK_COSEM_AXDR_LONG_UNSIGNED = 18,       /**< long-unsigned: uint16. */
    MSDK_COSEM_AXDR_COMPACT_ARRAY = 19,       /**< compact-array. */
    MSDK_COSEM_AXDR_LONG64 = 20,              /**< long64: int64. */
    MSDK_COSEM_AXDR_LONG64_UNSIGNED = 21,     /**< long64-unsigned: uint64. */
    MSDK_COSEM_AXDR_ENUM = 22,                /**< enum: uint8. */
    MSDK_COSEM_AXDR_FLOAT32 = 23,             /**< float32: 4 bytes IEEE 754. */
    MSDK_COSEM_AXDR_FLOAT64 = 24,             /**< float64: 8 bytes IEEE 754. */
    MSDK_COSEM_AXDR_DATE_TIME = 25,           /**< date-time: 12 bytes. */
    MSDK_COSEM_AXDR_DATE = 26,                /**< date: 5 bytes. */
    MSDK_COSEM_AXDR_TIME = 27,                /**< time: 4 bytes. */
    MSDK_COSEM_AXDR_DONT_CARE = 255,          /**< dont-care: no body. */
} msdk_cosem_axdr_tag_t;

/* ---- Date and time -------------------------------------------------------- */

/* The codec lives in libmsdk_core (msdk/core/datetime.h); these names are its
 * COSEM spellings. */

/** @brief Year "not specified" (::MSDK_DATETIME_YEAR_UNSPECIFIED). */
#define MSDK_COSEM_DATETIME_YEAR_UNSPECIFIED      MSDK_DATETIME_YEAR_UNSPECIFIED
/** @brief Any one-byte field "not specified" (::MSDK_DATETIME_UNSPECIFIED). */
#define MSDK_COSEM_DATETIME_UNSPECIFIED           MSDK_DATETIME_UNSPECIFIED
/** @brief Month: end of daylight saving time (::MSDK_DATETIME_MONTH_DST_END). */
#define MSDK_COSEM_DATETIME_MONTH_DST_END         MSDK_DATETIME_MONTH_DST_END
/** @brief Month: begin of daylight saving time (::MSDK_DATETIME_MONTH_DST_BEGIN). */
#define MSDK_COSEM_DATETIME_MONTH_DST_BEGIN       MSDK_DATETIME_MONTH_DST_BEGIN
/** @brief Day of month: second last day (::MSDK_DATETIME_DAY_SECOND_LAST). */
#define MSDK_COSEM_DATETIME_DAY_SECOND_LAST       MSDK_DATETIME_DAY_SECOND_LAST
/** @brief Day of month: last day (::MSDK_DATETIME_DAY_LAST). */
#define MSDK_COSEM_DATETIME_DAY_LAST              MSDK_DATETIME_DAY_LAST
/** @brief Deviation "not specified" (::MSDK_DATETIME_DEVIATION_UNSPECIFIED). */
#define MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED MSDK_DATETIME_DEVIATION_UNSPECIFIED
/** @brief Largest magnitude of a specified deviation (::MSDK_DATETIME_DEVIATION_MAX). */
#define MSDK_COSEM_DATETIME_DEVIATION_MAX         MSDK_DATETIME_DEVIATION_MAX
/** @brief Clock status bit: invalid value (::MSDK_DATETIME_STATUS_INVALID). */
#define MSDK_COSEM_CLOCK_STATUS_INVALID           MSDK_DATETIME_STATUS_INVALID
/** @brief Clock status bit: doubtful value (::MSDK_DATETIME_STATUS_DOUBTFUL). */
#define MSDK_COSEM_CLOCK_STATUS_DOUBTFUL          MSDK_DATETIME_STATUS_DOUBTFUL
/** @brief Clock status bit: different clock base (::MSDK_DATETIME_STATUS_DIFFERENT_BASE). */
#define MSDK_COSEM_CLOCK_STATUS_DIFFERENT_BASE    MSDK_DATETIME_STATUS_DIFFERENT_BASE
/** @brief Clock status bit: invalid clock status (::MSDK_DATETIME_STATUS_INVALID_STATUS). */
#define MSDK_COSEM_CLOCK_STATUS_INVALID_STATUS    MSDK_DATETIME_STATUS_INVALID_STATUS
/** @brief Clock status bit: daylight saving active (::MSDK_DATETIME_STATUS_DST_ACTIVE). */
#define MSDK_COSEM_CLOCK_STATUS_DST_ACTIVE        MSDK_DATETIME_STATUS_DST_ACTIVE
/** @brief Clock status "not specified" (::MSDK_DATETIME_STATUS_UNSPECIFIED). */
#define MSDK_COSEM_CLOCK_STATUS_UNSPECIFIED       MSDK_DATETIME_STATUS_UNSPECIFIED

/** @brief Size of the date-time form in bytes (::MSDK_DATETIME_SIZE). */
#define MSDK_COSEM_DATETIME_SIZE MSDK_DATETIME_SIZE
/** @brief Size of the date form in bytes (::MSDK_DATETIME_DATE_SIZE). */
#define MSDK_COSEM_DATE_SIZE     MSDK_DATETIME_DATE_SIZE
/** @brief Size of the time form in bytes (::MSDK_DATETIME_TIME_SIZE). */
#define MSDK_COSEM_TIME_SIZE     MSDK_DATETIME_TIME_SIZE

/**
 * @brief COSEM date-time (Blue Book 4.1.6.1), field by field: the core type
 *        ::msdk_datetime_t, whose documentation gives the wire layout and the
 *        valid values.
 */
typedef msdk_datetime_t msdk_cosem_datetime_t;

/**
 * @brief Checks every field of a date-time against its range.
 * @param[in] dt Date-time.
 * @retval MSDK_OK              All fields valid.
 * @retval MSDK_ERR_INVALID_ARG A field is out of range, or @p dt is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_datetime_validate(const msdk_cosem_datetime_t *dt);

/**
 * @brief Encodes the 12-byte date-time form.
 * @param[in]  dt  Date-time; must pass msdk_cosem_datetime_validate().
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   12 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 12.
 * @retval MSDK_ERR_INVALID_ARG      A field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_datetime_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst,
                                                     size_t cap);

/**
 * @brief Decodes and validates the 12-byte date-time form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 12.
 * @param[out] dt  Date-time; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 12.
 * @retval MSDK_ERR_MALFORMED   @p len is above 12, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_datetime_decode(const uint8_t *src, size_t len,
                                                     msdk_cosem_datetime_t *dt);

/**
 * @brief Encodes the 5-byte date form (year, month, day, day of week).
 * @param[in]  dt  Date-time; only its date fields are used and validated.
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   5 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 5.
 * @retval MSDK_ERR_INVALID_ARG      A date field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_date_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst,
                                                 size_t cap);

/**
 * @brief Decodes and validates the 5-byte date form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 5.
 * @param[out] dt  Date fields set, all time fields, the deviation and the
 *                 status set to "not specified"; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 5.
 * @retval MSDK_ERR_MALFORMED   @p len is above 5, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_date_decode(const uint8_t *src, size_t len,
                                                 msdk_cosem_datetime_t *dt);

/**
 * @brief Encodes the 4-byte time form (hour, minute, second, hundredths).
 * @param[in]  dt  Date-time; only its time fields are used and validated.
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   4 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 4.
 * @retval MSDK_ERR_INVALID_ARG      A time field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_time_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst,
                                                 size_t cap);

/**
 * @brief Decodes and validates the 4-byte time form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 4.
 * @param[out] dt  Time fields set, all date fields, the deviation and the
 *                 status set to "not specified"; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 4.
 * @retval MSDK_ERR_MALFORMED   @p len is above 4, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_time_decode(const uint8_t *src, size_t len,
                                                 msdk_cosem_datetime_t *dt);

/** @brief How a date, time or date-time value is represented in A-XDR. */
typedef enum msdk_cosem_axdr_dt_form {
    /** Tagged type: date-time 25, date 26, time 27, then the bytes. */
    MSDK_COSEM_AXDR_DT_TAGGED = 0,
    /** octet-string of 12, 5 or 4 bytes (`09 0C ...`): the usual COSEM form. */
    MSDK_COSEM_AXDR_DT_OCTET_STRING = 1,
    /** The bytes alone, without tag or length (compact-array contents). */
    MSDK_COSEM_AXDR_DT_UNTAGGED = 2,
    /** Readers only: accept either the tagged or the octet-string form. */
    MSDK_COSEM_AXDR_DT_ANY = 3,
} msdk_cosem_axdr_dt_form_t;

/* ---- Tags and lengths --------------------------------------------------- */

/**
 * @brief Whether @p tag is one of the ::msdk_cosem_axdr_tag_t values.
 * @param[in] tag Tag byte.
 * @return true for a known COSEM data type tag.
 */
bool msdk_cosem_axdr_tag_known(uint8_t tag);

/**
 * @brief Returns the next tag without consuming it.
 * @param[in]  rb  Reader.
 * @param[out] tag The tag byte (possibly not a known tag); untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   No byte remains.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_peek_tag(const msdk_rbuf_t *rb, uint8_t *tag);

/**
 * @brief Number of bytes the A-XDR length field of @p len takes.
 * @param[in] len Length or count.
 * @return 1 for 0..127, 2 up to 255, 3 up to 65535, 4 up to 2^24 - 1, else 5.
 */
size_t msdk_cosem_axdr_length_size(uint32_t len);

/**
 * @brief Writes an A-XDR length field (shortest form).
 * @param[in,out] wb  Writer.
 * @param[in]     len Length or count.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_length(msdk_wbuf_t *wb, uint32_t len);

/**
 * @brief Reads an A-XDR length field (shortest form only).
 * @param[in,out] rb  Reader.
 * @param[out]    len The length; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The field is incomplete.
 * @retval MSDK_ERR_MALFORMED   0x80, more than 4 length bytes, or not the shortest form.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_length(msdk_rbuf_t *rb, uint32_t *len);

/* ---- Writers: tagged values ---------------------------------------------- */

/**
 * @brief Writes null-data (`00`).
 * @param[in,out] wb Writer.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_null(msdk_wbuf_t *wb);

/**
 * @brief Writes dont-care (`FF`).
 * @param[in,out] wb Writer.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_dont_care(msdk_wbuf_t *wb);

/**
 * @brief Writes a boolean (`03 00` or `03 01`).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_bool(msdk_wbuf_t *wb, bool v);

/**
 * @brief Writes an integer (tag 15).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int8(msdk_wbuf_t *wb, int8_t v);

/**
 * @brief Writes a long (tag 16).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int16(msdk_wbuf_t *wb, int16_t v);

/**
 * @brief Writes a double-long (tag 5).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int32(msdk_wbuf_t *wb, int32_t v);

/**
 * @brief Writes a long64 (tag 20).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int64(msdk_wbuf_t *wb, int64_t v);

/**
 * @brief Writes an unsigned (tag 17).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint8(msdk_wbuf_t *wb, uint8_t v);

/**
 * @brief Writes a long-unsigned (tag 18).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint16(msdk_wbuf_t *wb, uint16_t v);

/**
 * @brief Writes a double-long-unsigned (tag 6).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint32(msdk_wbuf_t *wb, uint32_t v);

/**
 * @brief Writes a long64-unsigned (tag 21).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint64(msdk_wbuf_t *wb, uint64_t v);

/**
 * @brief Writes an enum (tag 22).
 * @param[in,out] wb Writer.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_enum(msdk_wbuf_t *wb, uint8_t v);

/**
 * @brief Writes a bcd (tag 13): one byte as given (use msdk/core/bcd.h to
 *        pack digits).
 * @param[in,out] wb     Writer.
 * @param[in]     packed The byte.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_bcd(msdk_wbuf_t *wb, uint8_t packed);

/**
 * @brief Writes a float32 (tag 23) from its IEEE 754 bit pattern.
 * @param[in,out] wb   Writer.
 * @param[in]     bits Bit pattern (for example from memcpy of a float).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_float32(msdk_wbuf_t *wb, uint32_t bits);

/**
 * @brief Writes a float64 (tag 24) from its IEEE 754 bit pattern.
 * @param[in,out] wb   Writer.
 * @param[in]     bits Bit pattern.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_float64(msdk_wbuf_t *wb, uint64_t bits);

/**
 * @brief Writes any fixed-size numeric type given by its tag, with a range check.
 *
 * Accepted tags: boolean (0 or 1), integer, long, double-long, long64,
 * unsigned, long-unsigned, double-long-unsigned, long64-unsigned, enum and
 * bcd (0..255).
 *
 * @param[in,out] wb  Writer.
 * @param[in]     tag Type.
 * @param[in]     v   Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v is out of the type's range; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not accepted, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int_as(msdk_wbuf_t *wb, uint8_t tag, int64_t v);

/**
 * @brief Unsigned counterpart of msdk_cosem_axdr_put_int_as(); also accepts
 *        float32 and float64 (bit patterns).
 * @param[in,out] wb  Writer.
 * @param[in]     tag Type.
 * @param[in]     v   Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v is out of the type's range; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not accepted, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint_as(msdk_wbuf_t *wb, uint8_t tag, uint64_t v);

/**
 * @brief Writes a bit-string (tag 4).
 *
 * Bit 0 of the string is the most significant bit of @p bits[0]. The unused
 * low bits of the last byte are sent as zero whatever @p bits holds.
 *
 * @param[in,out] wb    Writer.
 * @param[in]     bits  (@p nbits + 7) / 8 bytes; may be NULL when @p nbits is 0.
 * @param[in]     nbits Number of bits.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p bits is NULL and @p nbits > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_bit_string(msdk_wbuf_t *wb, const uint8_t *bits,
                                                         uint32_t nbits);

/**
 * @brief Writes an octet-string (tag 9).
 * @param[in,out] wb  Writer.
 * @param[in]     src @p len bytes; may be NULL when @p len is 0.
 * @param[in]     len Number of bytes.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p src is NULL and @p len > 0,
 *                                   or @p len exceeds UINT32_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_octet_string(msdk_wbuf_t *wb, const uint8_t *src,
                                                           size_t len);

/**
 * @brief Writes a visible-string (tag 10). The characters are not checked.
 * @param[in,out] wb  Writer.
 * @param[in]     src @p len characters; may be NULL when @p len is 0.
 * @param[in]     len Number of characters.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p src is NULL and @p len > 0,
 *                                   or @p len exceeds UINT32_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_visible_string(msdk_wbuf_t *wb, const char *src,
                                                             size_t len);

/**
 * @brief Writes a utf8-string (tag 12). The encoding is not checked.
 * @param[in,out] wb  Writer.
 * @param[in]     src @p len bytes; may be NULL when @p len is 0.
 * @param[in]     len Number of bytes.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p src is NULL and @p len > 0,
 *                                   or @p len exceeds UINT32_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_utf8_string(msdk_wbuf_t *wb, const uint8_t *src,
                                                          size_t len);

/**
 * @brief Writes an array header (`01` and the element count); the elements follow.
 * @param[in,out] wb    Writer.
 * @param[in]     count Number of elements that will follow.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_array_header(msdk_wbuf_t *wb, uint32_t count);

/**
 * @brief Writes a structure header (`02` and the member count); the members follow.
 * @param[in,out] wb    Writer.
 * @param[in]     count Number of members that will follow.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_structure_header(msdk_wbuf_t *wb, uint32_t count);

/**
 * @brief Writes a date-time in the given form (`19` + 12 bytes, `09 0C` + 12
 *        bytes, or the 12 bytes alone).
 * @param[in,out] wb   Writer.
 * @param[in]     form ::MSDK_COSEM_AXDR_DT_TAGGED, ::MSDK_COSEM_AXDR_DT_OCTET_STRING
 *                     or ::MSDK_COSEM_AXDR_DT_UNTAGGED.
 * @param[in]     dt   Date-time; must pass msdk_cosem_datetime_validate().
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      A field is out of range, @p form is not a
 *                                   writer form, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_datetime(msdk_wbuf_t *wb,
                                                       msdk_cosem_axdr_dt_form_t form,
                                                       const msdk_cosem_datetime_t *dt);

/**
 * @brief Writes a date in the given form (`1A` + 5 bytes, `09 05` + 5 bytes,
 *        or the 5 bytes alone).
 * @param[in,out] wb   Writer.
 * @param[in]     form Writer form, as for msdk_cosem_axdr_put_datetime().
 * @param[in]     dt   Date-time; only the date fields are used and validated.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      A field is out of range, @p form is not a
 *                                   writer form, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_date(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form,
                                                   const msdk_cosem_datetime_t *dt);

/**
 * @brief Writes a time in the given form (`1B` + 4 bytes, `09 04` + 4 bytes,
 *        or the 4 bytes alone).
 * @param[in,out] wb   Writer.
 * @param[in]     form Writer form, as for msdk_cosem_axdr_put_datetime().
 * @param[in]     dt   Date-time; only the time fields are used and validated.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      A field is out of range, @p form is not a
 *                                   writer form, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_time(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form,
                                                   const msdk_cosem_datetime_t *dt);

/* ---- Writers: untagged bodies (compact-array contents) --------------------- */

/**
 * @brief Writes the body of a fixed-size numeric type without its tag.
 *
 * Same tags and range rules as msdk_cosem_axdr_put_int_as().
 *
 * @param[in,out] wb  Writer.
 * @param[in]     tag Type.
 * @param[in]     v   Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v is out of the type's range; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not accepted, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_int_body(msdk_wbuf_t *wb, uint8_t tag, int64_t v);

/**
 * @brief Writes the body of a fixed-size numeric type without its tag.
 *
 * Same tags and range rules as msdk_cosem_axdr_put_uint_as().
 *
 * @param[in,out] wb  Writer.
 * @param[in]     tag Type.
 * @param[in]     v   Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v is out of the type's range; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not accepted, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_uint_body(msdk_wbuf_t *wb, uint8_t tag, uint64_t v);

/**
 * @brief Writes the body of an octet-, visible- or utf8-string: the length
 *        field and the bytes, without the tag.
 * @param[in,out] wb  Writer.
 * @param[in]     src @p len bytes; may be NULL when @p len is 0.
 * @param[in]     len Number of bytes.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, @p src is NULL and @p len > 0,
 *                                   or @p len exceeds UINT32_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_octets_body(msdk_wbuf_t *wb, const uint8_t *src,
                                                          size_t len);

/**
 * @brief Writes the body of a bit-string (bit count and bytes) without the tag.
 * @param[in,out] wb    Writer.
 * @param[in]     bits  Bits, as for msdk_cosem_axdr_put_bit_string().
 * @param[in]     nbits Number of bits.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p bits is NULL and @p nbits > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_bit_string_body(msdk_wbuf_t *wb, const uint8_t *bits,
                                                              uint32_t nbits);

/* ---- Readers ----------------------------------------------------------------- */

/**
 * @brief Reads null-data.
 * @param[in,out] rb Reader.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   No byte remains.
 * @retval MSDK_ERR_MALFORMED   The tag is not null-data.
 * @retval MSDK_ERR_INVALID_ARG @p rb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_null(msdk_rbuf_t *rb);

/**
 * @brief Reads a boolean; any non-zero byte is true.
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not boolean.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_bool(msdk_rbuf_t *rb, bool *v);

/**
 * @brief Reads an integer (tag 15).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not integer.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int8(msdk_rbuf_t *rb, int8_t *v);

/**
 * @brief Reads a long (tag 16).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not long.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int16(msdk_rbuf_t *rb, int16_t *v);

/**
 * @brief Reads a double-long (tag 5).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not double-long.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int32(msdk_rbuf_t *rb, int32_t *v);

/**
 * @brief Reads a long64 (tag 20).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not long64.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int64(msdk_rbuf_t *rb, int64_t *v);

/**
 * @brief Reads an unsigned (tag 17).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not unsigned.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint8(msdk_rbuf_t *rb, uint8_t *v);

/**
 * @brief Reads a long-unsigned (tag 18).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not long-unsigned.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint16(msdk_rbuf_t *rb, uint16_t *v);

/**
 * @brief Reads a double-long-unsigned (tag 6).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not double-long-unsigned.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint32(msdk_rbuf_t *rb, uint32_t *v);

/**
 * @brief Reads a long64-unsigned (tag 21).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not long64-unsigned.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint64(msdk_rbuf_t *rb, uint64_t *v);

/**
 * @brief Reads an enum (tag 22).
 * @param[in,out] rb Reader.
 * @param[out]    v  Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not enum.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_enum(msdk_rbuf_t *rb, uint8_t *v);

/**
 * @brief Reads a bcd (tag 13) as the raw byte (digits are not checked).
 * @param[in,out] rb     Reader.
 * @param[out]    packed The byte; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not bcd.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_bcd(msdk_rbuf_t *rb, uint8_t *packed);

/**
 * @brief Reads a float32 (tag 23) as its IEEE 754 bit pattern.
 * @param[in,out] rb   Reader.
 * @param[out]    bits Bit pattern; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not float32.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_float32(msdk_rbuf_t *rb, uint32_t *bits);

/**
 * @brief Reads a float64 (tag 24) as its IEEE 754 bit pattern.
 * @param[in,out] rb   Reader.
 * @param[out]    bits Bit pattern; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not float64.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_float64(msdk_rbuf_t *rb, uint64_t *bits);

/**
 * @brief Reads any integer type (integer, long, double-long, long64,
 *        unsigned, long-unsigned, double-long-unsigned, long64-unsigned) and
 *        checks it against [@p min, @p max].
 * @param[in,out] rb  Reader.
 * @param[in]     min Smallest accepted value.
 * @param[in]     max Largest accepted value.
 * @param[out]    v   Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not an integer type.
 * @retval MSDK_ERR_OVERFLOW    The value is outside [@p min, @p max] (or above INT64_MAX).
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int(msdk_rbuf_t *rb, int64_t min, int64_t max,
                                                  int64_t *v);

/**
 * @brief Unsigned counterpart of msdk_cosem_axdr_get_int(): negative values
 *        of the signed types are out of range.
 * @param[in,out] rb  Reader.
 * @param[in]     min Smallest accepted value.
 * @param[in]     max Largest accepted value.
 * @param[out]    v   Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not an integer type.
 * @retval MSDK_ERR_OVERFLOW    The value is negative or outside [@p min, @p max].
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint(msdk_rbuf_t *rb, uint64_t min, uint64_t max,
                                                   uint64_t *v);

/**
 * @brief Reads the untagged body of a fixed-size numeric type (compact-array
 *        contents) as a signed value.
 * @param[in,out] rb  Reader.
 * @param[in]     tag Type, as for msdk_cosem_axdr_put_uint_as(); a boolean
 *                    reads as 0 or 1.
 * @param[out]    v   Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The body is incomplete.
 * @retval MSDK_ERR_OVERFLOW    A long64-unsigned (or float64 pattern) above INT64_MAX.
 * @retval MSDK_ERR_INVALID_ARG @p tag is not a fixed-size numeric type, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_int_body(msdk_rbuf_t *rb, uint8_t tag, int64_t *v);

/**
 * @brief Reads the untagged body of a fixed-size numeric type as an unsigned value.
 * @param[in,out] rb  Reader.
 * @param[in]     tag Type, as for msdk_cosem_axdr_put_uint_as().
 * @param[out]    v   Value; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The body is incomplete.
 * @retval MSDK_ERR_OVERFLOW    A negative value of a signed type.
 * @retval MSDK_ERR_INVALID_ARG @p tag is not a fixed-size numeric type, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_uint_body(msdk_rbuf_t *rb, uint8_t tag, uint64_t *v);

/**
 * @brief Reads an octet-, visible- or utf8-string as a reference into the
 *        input (no copy).
 * @param[in,out] rb  Reader.
 * @param[in]     tag ::MSDK_COSEM_AXDR_OCTET_STRING, ::MSDK_COSEM_AXDR_VISIBLE_STRING
 *                    or ::MSDK_COSEM_AXDR_UTF8_STRING: the tag expected.
 * @param[out]    ref First byte inside the reader's array; untouched on error.
 * @param[out]    len Number of bytes; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   Another tag, or a malformed length.
 * @retval MSDK_ERR_INVALID_ARG @p tag is not a string type, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_octets_ref(msdk_rbuf_t *rb, uint8_t tag,
                                                         const uint8_t **ref, size_t *len);

/**
 * @brief Reads an octet-, visible- or utf8-string into a caller buffer.
 * @param[in,out] rb  Reader.
 * @param[in]     tag The string tag expected, as for msdk_cosem_axdr_get_octets_ref().
 * @param[out]    dst Destination of @p cap bytes; untouched on error. May be
 *                    NULL when @p cap is 0.
 * @param[in]     cap Size of @p dst.
 * @param[out]    len Number of bytes copied; untouched on error.
 * @retval MSDK_OK                   Read.
 * @retval MSDK_ERR_TRUNCATED        The value is incomplete.
 * @retval MSDK_ERR_MALFORMED        Another tag, or a malformed length.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL The string is longer than @p cap; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not a string type, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_octets(msdk_rbuf_t *rb, uint8_t tag, uint8_t *dst,
                                                     size_t cap, size_t *len);

/**
 * @brief Reads a bit-string as a reference into the input.
 * @param[in,out] rb    Reader.
 * @param[out]    ref   First byte ((@p nbits + 7) / 8 bytes); untouched on error.
 * @param[out]    nbits Number of bits; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   The tag is not bit-string, or a malformed length.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_bit_string_ref(msdk_rbuf_t *rb, const uint8_t **ref,
                                                             uint32_t *nbits);

/**
 * @brief Reads a bit-string into a caller buffer.
 * @param[in,out] rb    Reader.
 * @param[out]    dst   Destination of @p cap bytes; untouched on error.
 * @param[in]     cap   Size of @p dst in bytes.
 * @param[out]    nbits Number of bits; untouched on error.
 * @retval MSDK_OK                   Read.
 * @retval MSDK_ERR_TRUNCATED        The value is incomplete.
 * @retval MSDK_ERR_MALFORMED        The tag is not bit-string, or a malformed length.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL The bits need more than @p cap bytes; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG      A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_bit_string(msdk_rbuf_t *rb, uint8_t *dst, size_t cap,
                                                         uint32_t *nbits);

/**
 * @brief Reads an array header and returns the element count.
 * @param[in,out] rb    Reader; left at the first element.
 * @param[out]    count Number of elements; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The header is incomplete, or @p count exceeds
 *                              the bytes left.
 * @retval MSDK_ERR_MALFORMED   The tag is not array, or a malformed count.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_array_header(msdk_rbuf_t *rb, uint32_t *count);

/**
 * @brief Reads a structure header and returns the member count.
 * @param[in,out] rb    Reader; left at the first member.
 * @param[out]    count Number of members; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The header is incomplete, or @p count exceeds
 *                              the bytes left.
 * @retval MSDK_ERR_MALFORMED   The tag is not structure, or a malformed count.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_structure_header(msdk_rbuf_t *rb, uint32_t *count);

/**
 * @brief Reads and validates a date-time in the given form.
 * @param[in,out] rb   Reader.
 * @param[in]     form Any ::msdk_cosem_axdr_dt_form_t; ::MSDK_COSEM_AXDR_DT_ANY
 *                     accepts `19 ...` and `09 0C ...`.
 * @param[out]    dt   Date-time; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   Another tag, an octet-string of another length,
 *                              or a field out of range.
 * @retval MSDK_ERR_INVALID_ARG @p form is unknown, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_datetime(msdk_rbuf_t *rb,
                                                       msdk_cosem_axdr_dt_form_t form,
                                                       msdk_cosem_datetime_t *dt);

/**
 * @brief Reads and validates a date (`1A ...`, `09 05 ...` or 5 bytes).
 * @param[in,out] rb   Reader.
 * @param[in]     form As for msdk_cosem_axdr_get_datetime().
 * @param[out]    dt   Date fields; the others "not specified"; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   Another tag or length, or a field out of range.
 * @retval MSDK_ERR_INVALID_ARG @p form is unknown, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_date(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form,
                                                   msdk_cosem_datetime_t *dt);

/**
 * @brief Reads and validates a time (`1B ...`, `09 04 ...` or 4 bytes).
 * @param[in,out] rb   Reader.
 * @param[in]     form As for msdk_cosem_axdr_get_datetime().
 * @param[out]    dt   Time fields; the others "not specified"; untouched on error.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_TRUNCATED   The value is incomplete.
 * @retval MSDK_ERR_MALFORMED   Another tag or length, or a field out of range.
 * @retval MSDK_ERR_INVALID_ARG @p form is unknown, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_time(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form,
                                                   msdk_cosem_datetime_t *dt);

/**
 * @brief Skips one whole value of any type, including nested arrays,
 *        structures and compact-arrays (whose contents are validated against
 *        their type description).
 *
 * Runs in time linear in the bytes skipped (quadratic at worst for
 * compact-arrays with long type descriptions) and uses a fixed stack.
 * Date-time field ranges are not checked.
 *
 * @param[in,out] rb        Reader; moved past the value on success.
 * @param[in]     max_depth Nesting limit, 0..::MSDK_COSEM_AXDR_DEPTH_MAX
 *                          (0 accepts scalars only).
 * @retval MSDK_OK                Skipped.
 * @retval MSDK_ERR_TRUNCATED     The value is incomplete.
 * @retval MSDK_ERR_MALFORMED     An unknown tag, a malformed length, or
 *                                compact-array contents that do not match
 *                                their description.
 * @retval MSDK_ERR_NOT_SUPPORTED The nesting exceeds @p max_depth.
 * @retval MSDK_ERR_INVALID_ARG   @p rb is NULL, or @p max_depth exceeds
 *                                ::MSDK_COSEM_AXDR_DEPTH_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_skip(msdk_rbuf_t *rb, unsigned max_depth);

/* ---- Compact-array -------------------------------------------------------- */

/** @brief A received compact-array, as references into the input. */
typedef struct msdk_cosem_axdr_compact {
    const uint8_t *td;       /**< Type description (starts with its type tag). */
    size_t td_len;           /**< Length of the type description. */
    const uint8_t *contents; /**< The elements, without tags. */
    size_t contents_len;     /**< Length of the contents. */
    uint32_t count;          /**< Number of elements found in the contents. */
} msdk_cosem_axdr_compact_t;

/**
 * @brief Writes a simple type into a type description (its tag byte).
 * @param[in,out] wb  Writer.
 * @param[in]     tag A simple type: any known tag except array, structure and
 *                    compact-array.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p tag is not a simple type, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_td_simple(msdk_wbuf_t *wb, uint8_t tag);

/**
 * @brief Writes an array into a type description (`01`, 2-byte count); the
 *        element's description must follow.
 * @param[in,out] wb    Writer.
 * @param[in]     count Number of elements.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_td_array(msdk_wbuf_t *wb, uint16_t count);

/**
 * @brief Writes a structure into a type description (`02`, count); @p count
 *        member descriptions must follow.
 * @param[in,out] wb    Writer.
 * @param[in]     count Number of members.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_td_structure(msdk_wbuf_t *wb, uint32_t count);

/**
 * @brief Reads one complete type description.
 * @param[in,out] rb        Reader.
 * @param[in]     max_depth Nesting limit of arrays and structures in the
 *                          description, 0..::MSDK_COSEM_AXDR_DEPTH_MAX.
 * @param[out]    td        The description inside the input; untouched on error.
 * @param[out]    td_len    Its length; untouched on error.
 * @retval MSDK_OK                Read.
 * @retval MSDK_ERR_TRUNCATED     The description is incomplete.
 * @retval MSDK_ERR_MALFORMED     An unknown or compact-array tag, or a malformed count.
 * @retval MSDK_ERR_NOT_SUPPORTED The nesting exceeds @p max_depth.
 * @retval MSDK_ERR_INVALID_ARG   A pointer is NULL, or @p max_depth is too large.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_td(msdk_rbuf_t *rb, unsigned max_depth,
                                                 const uint8_t **td, size_t *td_len);

/**
 * @brief Size in bytes of one element of a type description whose elements
 *        all have the same size (no strings, no bit-strings).
 * @param[in]  td     Type description.
 * @param[in]  td_len Its length; must be exactly one description.
 * @param[out] size   Bytes per element; untouched on error.
 * @retval MSDK_OK                Computed.
 * @retval MSDK_ERR_NOT_SUPPORTED The size depends on the value (a string or
 *                                bit-string is inside), or the nesting
 *                                exceeds ::MSDK_COSEM_AXDR_DEPTH_MAX.
 * @retval MSDK_ERR_OVERFLOW      The size exceeds UINT32_MAX.
 * @retval MSDK_ERR_TRUNCATED     @p td is incomplete.
 * @retval MSDK_ERR_MALFORMED     @p td is invalid or has bytes after the description.
 * @retval MSDK_ERR_INVALID_ARG   A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_td_fixed_size(const uint8_t *td, size_t td_len,
                                                        uint32_t *size);

/**
 * @brief Writes a compact-array header: tag 19, the type description, and
 *        the contents length. The caller then writes exactly @p contents_len
 *        bytes of untagged elements (the `*_body` writers, date-times in
 *        ::MSDK_COSEM_AXDR_DT_UNTAGGED form).
 * @param[in,out] wb           Writer.
 * @param[in]     td           Type description (validated here).
 * @param[in]     td_len       Its length; exactly one description.
 * @param[in]     contents_len Length of the contents that will follow
 *                             (elements × msdk_cosem_axdr_td_fixed_size() for
 *                             fixed-size elements).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p td is not one valid description
 *                                   (nesting up to ::MSDK_COSEM_AXDR_DEPTH_MAX),
 *                                   or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_put_compact_array_header(msdk_wbuf_t *wb,
                                                                   const uint8_t *td, size_t td_len,
                                                                   uint32_t contents_len);

/**
 * @brief Validates compact-array contents against a type description and
 *        counts the elements.
 * @param[in]  td           Type description.
 * @param[in]  td_len       Its length; exactly one description.
 * @param[in]  contents     Contents; may be NULL when @p contents_len is 0.
 * @param[in]  contents_len Length of the contents.
 * @param[in]  max_depth    Nesting limit of the description, 0..::MSDK_COSEM_AXDR_DEPTH_MAX.
 * @param[out] count        Number of elements; untouched on error.
 * @retval MSDK_OK                Valid.
 * @retval MSDK_ERR_TRUNCATED     @p td is incomplete.
 * @retval MSDK_ERR_MALFORMED     @p td is invalid, or the contents are not a
 *                                sequence of whole elements.
 * @retval MSDK_ERR_NOT_SUPPORTED The nesting exceeds @p max_depth.
 * @retval MSDK_ERR_INVALID_ARG   A pointer is NULL, or @p max_depth is too large.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_compact_check(const uint8_t *td, size_t td_len,
                                                        const uint8_t *contents,
                                                        size_t contents_len, unsigned max_depth,
                                                        uint32_t *count);

/**
 * @brief Reads a whole compact-array (tag 19) and validates its contents.
 * @param[in,out] rb        Reader.
 * @param[in]     max_depth Nesting limit; the compact-array itself is level 1
 *                          and its description's containers nest below it.
 * @param[out]    out       References and element count; untouched on error.
 * @retval MSDK_OK                Read.
 * @retval MSDK_ERR_TRUNCATED     The value is incomplete.
 * @retval MSDK_ERR_MALFORMED     Another tag, an invalid description, or
 *                                contents that do not match it.
 * @retval MSDK_ERR_NOT_SUPPORTED The nesting exceeds @p max_depth.
 * @retval MSDK_ERR_INVALID_ARG   A pointer is NULL, or @p max_depth is too large.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_get_compact_array(msdk_rbuf_t *rb, unsigned max_depth,
                                                            msdk_cosem_axdr_compact_t *out);

/* ---- Streaming ------------------------------------------------------------- */

/**
 * @brief Current end of the output, to roll back to.
 * @param[in] wb Writer.
 * @return `wb->pos`; 0 when @p wb is NULL.
 */
size_t msdk_cosem_axdr_mark(const msdk_wbuf_t *wb);

/**
 * @brief Discards everything written after @p mark.
 * @param[in,out] wb   Writer.
 * @param[in]     mark A value of msdk_cosem_axdr_mark() on the same writer.
 * @retval MSDK_OK              Rolled back.
 * @retval MSDK_ERR_INVALID_ARG @p wb is NULL, or @p mark is beyond the output.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_rollback(msdk_wbuf_t *wb, size_t mark);

/**
 * @brief Encodes one row (one array element, with its tag) of a streamed array.
 * @param[in]     ctx Caller context.
 * @param[in,out] wb  Writer; the row may be written partially on error, the
 *                    caller of the callback rolls it back.
 * @param[in]     row Index of the row, 0..total - 1.
 * @return ::MSDK_OK, ::MSDK_ERR_BUFFER_TOO_SMALL when the row does not fit, or
 *         any other error, which stops the stream.
 */
typedef msdk_err_t (*msdk_cosem_axdr_row_fn_t)(void *ctx, msdk_wbuf_t *wb, uint32_t row);

/** @brief Progress of a streamed array; caller-owned, one per transfer. */
typedef struct msdk_cosem_axdr_rows {
    uint32_t total;   /**< Number of rows announced in the header. */
    uint32_t next;    /**< Next row to encode. */
    bool header_done; /**< The array header has been written. */
} msdk_cosem_axdr_rows_t;

/**
 * @brief Starts a streamed array of @p total rows.
 * @param[out] rows  Progress to initialise.
 * @param[in]  total Number of rows (the array's element count).
 */
void msdk_cosem_axdr_rows_init(msdk_cosem_axdr_rows_t *rows, uint32_t total);

/**
 * @brief Appends the array header (first call only) and as many whole rows
 *        as fit.
 *
 * A row whose callback returns ::MSDK_ERR_BUFFER_TOO_SMALL is rolled back
 * and becomes the first row of the next call.
 *
 * @param[in,out] wb   Writer (a block buffer, possibly partly filled).
 * @param[in,out] rows Progress; advanced by the rows written.
 * @param[in]     fn   Row encoder.
 * @param[in]     ctx  Passed to @p fn.
 * @param[out]    done true when every row has been written; untouched on error.
 * @retval MSDK_OK                   The header or at least one row was written
 *                                   (or nothing was left to write).
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not even the header or the next row fits
 *                                   in the room left; nothing written. With an
 *                                   empty block this means the row is larger
 *                                   than a block.
 * @retval MSDK_ERR_INVALID_ARG      A pointer is NULL.
 * @retval MSDK_ERR_STATE            @p fn returned ::MSDK_OK but moved the
 *                                   writer backwards or past its capacity; its
 *                                   row is rolled back.
 * @return Any other error of @p fn, after rolling its row back (the rows
 *         written before it stay written and counted).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_rows_put(msdk_wbuf_t *wb, msdk_cosem_axdr_rows_t *rows,
                                                   msdk_cosem_axdr_row_fn_t fn, void *ctx,
                                                   bool *done);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_AXDR_H */
