/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief M-Bus transport headers of a slave's response (EN 13757-3 / -7, OMS Vol.2):
 *        the CI field, the long (12 bytes) and short (4 bytes) headers, the fixed data
 *        structure (CI 0x73), and helpers for the identification number, the
 *        manufacturer code and the medium (device type).
 *
 * @par Layout after the CI field
 * | header | bytes                                                                  |
 * |--------|------------------------------------------------------------------------|
 * | long   | ID (4, BCD, LSB first), manufacturer (2, LSB first), version, medium,   |
 * |        | access number, status, configuration (2, LSB first)                    |
 * | short  | access number, status, configuration (2, LSB first)                    |
 * | none   | -                                                                      |
 *
 * With security mode 7 a configuration field extension byte follows the
 * configuration field. The payload (data records, possibly encrypted) starts
 * after the header: msdk_mbus_tpl_t::payload_offset and
 * msdk_mbus_tpl_t::payload_len locate it in the caller's bytes, ready for
 * msdk_mbus_rec_iter_init() once decrypted.
 *
 * @par CI values of responses
 * | CI           | meaning                                   | header | kind            |
 * |--------------|-------------------------------------------|--------|-----------------|
 * | 0x72         | variable data response                    | long   | records         |
 * | 0x7A         | variable data response                    | short  | records         |
 * | 0x78         | variable data response                    | none   | records         |
 * | 0x73         | fixed data structure (EN 1434-3)          | -      | fixed           |
 * | 0x6F/0x6E/0x70 | application error                       | long/short/none | error  |
 * | 0x75/0x74/0x71 | alarm                                   | long/short/none | alarm  |
 * | 0x7C/0x7D    | DLMS payload                              | long/short | DLMS        |
 * | 0x7E/0x7F    | SML payload                               | long/short | SML         |
 * | 0x76/0x77    | mode 2 (most significant byte first)      | refused: not supported  ||
 * | others       | commands, link/security layers (ELL 0x8C.., AFL 0x90) | refused ||
 *
 * @par Errors
 * Every function checks its arguments; on error no output is written. There is
 * no heap and no global state; the tables are const.
 */
#ifndef MSDK_MBUS_TPL_H
#define MSDK_MBUS_TPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/mbus/frame.h"
#include "msdk/mbus/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- CI values ------------------------------------------------------------------------------ */

/** @brief CI: application error, short header. */
#define MSDK_MBUS_CI_ERROR_SHORT     0x6Eu
/** @brief CI: application error, long header. */
#define MSDK_MBUS_CI_ERROR_LONG      0x6Fu
/** @brief CI: application error, no header. */
#define MSDK_MBUS_CI_ERROR_NONE      0x70u
/** @brief CI: alarm, no header. */
#define MSDK_MBUS_CI_ALARM_NONE      0x71u
/** @brief CI: variable data response, long header. */
#define MSDK_MBUS_CI_RSP_LONG        0x72u
/** @brief CI: fixed data structure response. */
#define MSDK_MBUS_CI_RSP_FIXED       0x73u
/** @brief CI: alarm, short header. */
#define MSDK_MBUS_CI_ALARM_SHORT     0x74u
/** @brief CI: alarm, long header. */
#define MSDK_MBUS_CI_ALARM_LONG      0x75u
/** @brief CI: variable data response in mode 2 (MSB first); not supported. */
#define MSDK_MBUS_CI_RSP_LONG_MODE2  0x76u
/** @brief CI: fixed data structure in mode 2 (MSB first); not supported. */
#define MSDK_MBUS_CI_RSP_FIXED_MODE2 0x77u
/** @brief CI: variable data response, no header. */
#define MSDK_MBUS_CI_RSP_NONE        0x78u
/** @brief CI: variable data response, short header. */
#define MSDK_MBUS_CI_RSP_SHORT       0x7Au
/** @brief CI: DLMS response, long header. */
#define MSDK_MBUS_CI_DLMS_LONG       0x7Cu
/** @brief CI: DLMS response, short header. */
#define MSDK_MBUS_CI_DLMS_SHORT      0x7Du
/** @brief CI: SML response, long header. */
#define MSDK_MBUS_CI_SML_LONG        0x7Eu
/** @brief CI: SML response, short header. */
#define MSDK_MBUS_CI_SML_SHORT       0x7Fu

/** @brief Bytes of the long header after the CI field (without a configuration extension). */
#define MSDK_MBUS_TPL_LONG_LEN  12u
/** @brief Bytes of the short header after the CI field (without a configuration extension). */
#define MSDK_MBUS_TPL_SHORT_LEN 4u
/** @brief Bytes of the fixed data structure after the CI field. */
#define MSDK_MBUS_FIXED_LEN     16u

/* ---- Medium (device type) of the variable data header, EN 13757-3 --------------------------- */

/** @brief Medium: other. */
#define MSDK_MBUS_MEDIUM_OTHER       0x00u
/** @brief Medium: electricity. */
#define MSDK_MBUS_MEDIUM_ELECTRICITY 0x02u
/** @brief Medium: gas. */
#define MSDK_MBUS_MEDIUM_GAS         0x03u
/** @brief Medium: heat, volume measured at the outlet (return). */
#define MSDK_MBUS_MEDIUM_HEAT        0x04u
/** @brief Medium: warm water (30..90 degC). */
#define MSDK_MBUS_MEDIUM_WARM_WATER  0x06u
/** @brief Medium: water. */
#define MSDK_MBUS_MEDIUM_WATER       0x07u
/** @brief Medium: heat cost allocator. */
#define MSDK_MBUS_MEDIUM_HCA         0x08u
/** @brief Medium: heat, volume measured at the inlet (flow). */
#define MSDK_MBUS_MEDIUM_HEAT_INLET  0x0Cu
/** @brief Medium: heat / cooling load meter. */
#define MSDK_MBUS_MEDIUM_HEAT_COOL   0x0Du
/** @brief Medium: hot water (>= 90 degC). */
#define MSDK_MBUS_MEDIUM_HOT_WATER   0x15u
/** @brief Medium: cold water. */
#define MSDK_MBUS_MEDIUM_COLD_WATER  0x16u

/* ---- Status byte (variable data structure) -------------------------------------------------- */

/** @brief Status bits 0..1: application state (see ::msdk_mbus_app_state_t). */
#define MSDK_MBUS_STATUS_APP_MASK     0x03u
/** @brief Status bit 2: power low. */
#define MSDK_MBUS_STATUS_POWER_LOW    0x04u
/** @brief Status bit 3: permanent error. */
#define MSDK_MBUS_STATUS_PERMANENT    0x08u
/** @brief Status bit 4: temporary error. */
#define MSDK_MBUS_STATUS_TEMPORARY    0x10u
/** @brief Status bits 5..7: manufacturer specific. */
#define MSDK_MBUS_STATUS_MANUFACTURER 0xE0u

/** @brief Status bits 0..1 of a variable data response. */
typedef enum msdk_mbus_app_state {
    MSDK_MBUS_APP_OK = 0,       /**< No error. */
    MSDK_MBUS_APP_BUSY = 1,     /**< Application busy. */
    MSDK_MBUS_APP_ERROR = 2,    /**< Any application error. */
    MSDK_MBUS_APP_ABNORMAL = 3, /**< Abnormal condition / alarm (reserved in EN 13757-3:2004). */
} msdk_mbus_app_state_t;

/* ---- Configuration field -------------------------------------------------------------------- */

/** @brief Configuration bits 8..12: security mode (0 none, 5 AES-CBC IV, 7 AES-CBC KDF, ...). */
#define MSDK_MBUS_CFG_MODE_SHIFT   8u
/** @brief Mask of the security mode after the shift. */
#define MSDK_MBUS_CFG_MODE_MASK    0x1Fu
/** @brief Configuration bits 4..7 (modes 5 and 7): number of encrypted 16-byte blocks. */
#define MSDK_MBUS_CFG_BLOCKS_SHIFT 4u
/** @brief Mask of the block count after the shift. */
#define MSDK_MBUS_CFG_BLOCKS_MASK  0x0Fu
/** @brief Configuration bit 15 (mode 5): bidirectional communication. */
#define MSDK_MBUS_CFG_BIDIR        0x8000u
/** @brief Configuration bit 14 (mode 5): accessibility. */
#define MSDK_MBUS_CFG_ACCESSIBLE   0x4000u
/** @brief Configuration bit 13 (mode 5): synchronous transmission. */
#define MSDK_MBUS_CFG_SYNCHRONOUS  0x2000u
/** @brief Security mode 0: no encryption. */
#define MSDK_MBUS_SEC_NONE         0u
/** @brief Security mode 5: AES-128-CBC with a dynamic IV (OMS profile A). */
#define MSDK_MBUS_SEC_MODE5        5u
/** @brief Security mode 7: AES-128-CBC, IV 0, keys by KDF (OMS profile B). */
#define MSDK_MBUS_SEC_MODE7        7u

/* ---- Parsed header -------------------------------------------------------------------------- */

/** @brief Which transport header a CI value carries. */
typedef enum msdk_mbus_tpl_header {
    MSDK_MBUS_TPL_HDR_NONE = 0,  /**< No header: the payload starts after the CI field. */
    MSDK_MBUS_TPL_HDR_SHORT = 1, /**< Access number, status, configuration. */
    MSDK_MBUS_TPL_HDR_LONG = 2,  /**< Identification, then the short header. */
} msdk_mbus_tpl_header_t;

/** @brief What the payload after the header is. */
typedef enum msdk_mbus_tpl_kind {
    MSDK_MBUS_TPL_RECORDS = 0, /**< Variable data records (record.h), possibly encrypted. */
    MSDK_MBUS_TPL_FIXED,       /**< Fixed data structure: decode with msdk_mbus_fixed_decode(). */
    MSDK_MBUS_TPL_APP_ERROR,   /**< Report of application errors. */
    MSDK_MBUS_TPL_ALARM,       /**< Report of alarms. */
    MSDK_MBUS_TPL_DLMS,        /**< DLMS payload. */
    MSDK_MBUS_TPL_SML,         /**< SML payload. */
} msdk_mbus_tpl_kind_t;

/**
 * @brief A decoded transport header. Fields the header does not carry are 0
 *        (the identification of a short header comes from the caller's secondary
 *        address or the wireless link layer).
 */
typedef struct msdk_mbus_tpl {
    uint8_t ci;                    /**< CI field. */
    msdk_mbus_tpl_kind_t kind;     /**< Payload kind. */
    msdk_mbus_tpl_header_t header; /**< Header type. */
    uint32_t id;           /**< Identification number as its BCD digits: 12345678 is 0x12345678. */
    uint16_t manufacturer; /**< Manufacturer code (msdk_mbus_manufacturer_to_str()). */
    uint8_t version;       /**< Version (generation) of the device. */
    uint8_t medium;        /**< Medium / device type (msdk_mbus_medium_name()). */
    uint8_t access_number; /**< Access number. */
    uint8_t status;        /**< Status byte (MSDK_MBUS_STATUS_*). */
    uint16_t config;       /**< Configuration field (signature). */
    uint8_t security_mode; /**< Configuration bits 8..12. */
    uint8_t encrypted_blocks; /**< Configuration bits 4..7 for modes 5 and 7, else 0. */
    bool has_config_ext;      /**< A configuration field extension follows (mode 7). */
    uint8_t config_ext;       /**< Configuration field extension (mode 7), else 0. */
    size_t payload_offset;    /**< Offset of the payload in the bytes after the CI field. */
    size_t payload_len;       /**< Bytes of payload up to the end of the input. */
} msdk_mbus_tpl_t;

/**
 * @brief Decodes the transport header of a response.
 * @param[in]  ci   CI field.
 * @param[in]  data The bytes after the CI field (msdk_mbus_frame_t::data); may be NULL
 *                  when @p len is 0.
 * @param[in]  len  Number of bytes.
 * @param[out] out  The header; untouched on error.
 * @retval MSDK_OK                Decoded (for CI 0x73: the payload is the 16-byte structure).
 * @retval MSDK_ERR_TRUNCATED     Fewer bytes than the header (or the fixed structure) needs.
 * @retval MSDK_ERR_NOT_SUPPORTED @p ci is not a response CI this decoder knows, or mode 2
 *                                (0x76, 0x77).
 * @retval MSDK_ERR_INVALID_ARG   @p out is NULL, or @p data is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_tpl_decode(uint8_t ci, const uint8_t *data, size_t len,
                                               msdk_mbus_tpl_t *out);

/**
 * @brief Decodes the transport header of a decoded long or control frame.
 * @param[in]  f   Frame from msdk_mbus_frame_decode().
 * @param[out] out The header; untouched on error. Offsets are relative to @c f->data.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The frame's data is shorter than the header.
 * @retval MSDK_ERR_NOT_SUPPORTED Not a long/control frame, or a CI this decoder refuses.
 * @retval MSDK_ERR_INVALID_ARG   @p f or @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_tpl_decode_frame(const msdk_mbus_frame_t *f,
                                                     msdk_mbus_tpl_t *out);

/**
 * @brief Application state of a status byte (bits 0..1).
 * @param[in] status Status byte.
 * @return The state.
 */
static inline msdk_mbus_app_state_t msdk_mbus_status_app(uint8_t status)
{
    return (msdk_mbus_app_state_t)(status & MSDK_MBUS_STATUS_APP_MASK);
}

/* ---- Fixed data structure (CI 0x73) --------------------------------------------------------- */

/** @brief Fixed structure status bit 0: counters coded binary (else BCD). */
#define MSDK_MBUS_FIXED_STATUS_BINARY     0x01u
/** @brief Fixed structure status bit 1: counters stored at a fixed date (else actual). */
#define MSDK_MBUS_FIXED_STATUS_FIXED_DATE 0x02u

/** @brief One counter of the fixed data structure. */
typedef struct msdk_mbus_fixed_counter {
    uint8_t unit_code;             /**< The 6-bit unit code as received. */
    msdk_mbus_quantity_t quantity; /**< What is counted (::MSDK_MBUS_Q_UNKNOWN if reserved). */
    msdk_mbus_unit_t unit;         /**< Unit of `value * 10^exponent`. */
    int8_t exponent;               /**< Decimal exponent. */
    bool historic;  /**< Unit code 0x3E: counter 1's unit, a value at a fixed date. */
    bool valid;     /**< The value was decoded (false: BCD with a digit A..F). */
    uint32_t value; /**< Counter value (BCD decoded, or unsigned binary). */
} msdk_mbus_fixed_counter_t;

/** @brief The decoded fixed data structure. */
typedef struct msdk_mbus_fixed {
    uint32_t id;           /**< Identification number as its BCD digits. */
    uint8_t access_number; /**< Access (transmission) number. */
    uint8_t status;        /**< Status byte (MSDK_MBUS_FIXED_STATUS_*, bits 2..4 as variable). */
    uint8_t medium;        /**< 4-bit medium (msdk_mbus_fixed_medium_name()). */
    msdk_mbus_fixed_counter_t counter[2]; /**< Counters 1 and 2. */
} msdk_mbus_fixed_t;

/**
 * @brief Decodes the 16-byte fixed data structure (the bytes after CI 0x73).
 *
 * Layout: ID (4, BCD LSB first), access number, status, medium/unit (2), counter 1
 * (4, LSB first), counter 2 (4). The medium is the top two bits of the second
 * medium/unit byte (medium bits 3..2) and of the first (bits 1..0); the lower six bits
 * of each are the counters' unit codes.
 *
 * @param[in]  data The bytes after the CI field.
 * @param[in]  len  Number of bytes, at least ::MSDK_MBUS_FIXED_LEN (more are ignored).
 * @param[out] out  The structure; untouched on error.
 * @retval MSDK_OK              Decoded; a BCD counter with digits A..F has `valid` false.
 * @retval MSDK_ERR_TRUNCATED   Fewer than 16 bytes.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p data is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_fixed_decode(const uint8_t *data, size_t len,
                                                 msdk_mbus_fixed_t *out);

/* ---- Helpers -------------------------------------------------------------------------------- */

/**
 * @brief Letters of a manufacturer code: ((c1 - 64) * 32 + (c2 - 64)) * 32 + (c3 - 64).
 * @param[in]  code Manufacturer field (2 bytes, LSB first, as a number).
 * @param[out] out  Room for 4 characters: three letters A..Z and NUL; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_MALFORMED   A letter is outside A..Z, or bit 15 is set.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_manufacturer_to_str(uint16_t code, char out[4]);

/**
 * @brief Manufacturer code of three letters.
 * @param[in]  s   NUL-terminated string of exactly three letters A..Z.
 * @param[out] out The code; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_MALFORMED   Not exactly three upper-case letters.
 * @retval MSDK_ERR_INVALID_ARG @p s or @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_manufacturer_from_str(const char *s, uint16_t *out);

/**
 * @brief The identification number's digits from its 4 bytes (LSB first).
 * @param[in] b Four bytes as received; must not be NULL.
 * @return The digits as a number read in hexadecimal: 78 56 34 12 gives 0x12345678.
 */
uint32_t msdk_mbus_id_from_bytes(const uint8_t b[4]);

/**
 * @brief The identification number as a decimal number.
 * @param[in]  id  Digits from msdk_mbus_id_from_bytes().
 * @param[out] out 0..99999999; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_MALFORMED   A digit is A..F (not BCD): use msdk_mbus_id_to_str().
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_id_to_decimal(uint32_t id, uint32_t *out);

/**
 * @brief The identification number as 8 characters 0..9, A..F (hex digits reported as such).
 * @param[in]  id  Digits from msdk_mbus_id_from_bytes().
 * @param[out] out Room for 9 characters (8 digits, NUL); must not be NULL.
 */
void msdk_mbus_id_to_str(uint32_t id, char out[9]);

/**
 * @brief Name of a medium / device type of a variable data header (EN 13757-3 table).
 * @param[in] medium Device type byte.
 * @return A constant string; "Reserved" for reserved codes.
 */
const char *msdk_mbus_medium_name(uint8_t medium);

/**
 * @brief Name of the 4-bit medium of the fixed data structure.
 * @param[in] medium 0..15 (higher bits are ignored).
 * @return A constant string.
 */
const char *msdk_mbus_fixed_medium_name(uint8_t medium);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_MBUS_TPL_H */
