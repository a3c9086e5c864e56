/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief M-Bus application layer data records (EN 13757-3): DIF/DIFE, VIF/VIFE and the
 *        value of each record, decoded to value + unit + decimal exponent.
 *
 * The input is the variable data structure of a RSP_UD telegram: the bytes after the
 * CI 0x72/0x7A header (already decrypted), up to the checksum. A caller-owned iterator
 * (::msdk_mbus_rec_iter_t) walks over it; each call of msdk_mbus_rec_next() fills a
 * ::msdk_mbus_record_t. Nothing is copied or allocated: text, binary data and the
 * manufacturer data point into the caller's bytes, which must outlive the records.
 *
 * @par Values
 * Numbers are exact: the value is `value * 10^exponent` in ::msdk_mbus_unit_t, with
 * `value` a signed 64-bit integer (binary integers are two's complement, BCD may carry
 * the M-Bus minus sign, a most significant nibble of 0xF). The 32-bit real (data field 5)
 * is never converted: its IEEE 754 bits are in `real_bits` and ::MSDK_MBUS_VAL_REAL32 is
 * set. Multiplicative correction VIFEs (E111 0nnn, 10^(nnn-6), and E111 1101, 10^3) are
 * applied to the exponent; every other combinable VIFE is only listed.
 *
 * @par Date and time
 * VIF 0x6C with a 16-bit field is type G (date), VIF 0x6D is type F (32 bits), type I
 * (48 bits) or type J (24 bits, time of day); VIF 0xFD 0x70 (battery change) the same.
 * The fields are in ::msdk_mbus_datetime_t. Type K (daylight saving, VIF 0xFD 0x72 with a
 * 32-bit field) is decoded to ::msdk_mbus_dst_t; its 32-bit integer stays in `value`.
 *
 * @par Errors and the rest of the telegram
 * One bad record never drops the others:
 * - ::MSDK_ERR_MALFORMED: the record's length is known but its content is not valid (a
 *   BCD digit A..F, an impossible date or daylight saving record, more than
 *   ::MSDK_MBUS_DIFE_MAX DIFEs or ::MSDK_MBUS_VIFE_MAX VIFEs). The header fields and
 *   `data` are filled, the value is not (`value`, `datetime` and `dst` are zero, their flags
 *   clear); the next call continues with the following record.
 * - ::MSDK_ERR_TRUNCATED: the data ends inside a record. The walk is over; every later
 *   call returns the same code.
 * - ::MSDK_ERR_NOT_SUPPORTED: a record whose length cannot be known (a reserved special
 *   function DIF 0x3F..0x6F or one with bit 7 set, a reserved LVAR). The walk is over;
 *   every later call returns the same code.
 * - ::MSDK_ERR_NOT_FOUND: no more records.
 *
 * An unknown VIF is not an error: the value is decoded as the DIF says and the quantity
 * is ::MSDK_MBUS_Q_UNKNOWN (the raw VIF and VIFEs are in the record). Idle filler bytes
 * (DIF 0x2F) are skipped. DIF 0x0F and 0x1F end the walk with one
 * ::MSDK_MBUS_DT_MANUFACTURER record holding the rest of the bytes.
 *
 * Example:
 * @code
 * msdk_mbus_rec_iter_t it;
 * msdk_mbus_record_t rec;
 * msdk_err_t err;
 * msdk_mbus_rec_iter_init(&it, data, len);
 * while ((err = msdk_mbus_rec_next(&it, &rec)) != MSDK_ERR_NOT_FOUND) {
 *     if (err == MSDK_OK) {
 *         use(rec.quantity, rec.unit, rec.value, rec.exponent);
 *     } else if (err != MSDK_ERR_MALFORMED) {
 *         break; // the rest of the telegram cannot be read
 *     }
 * }
 * @endcode
 */
#ifndef MSDK_MBUS_RECORD_H
#define MSDK_MBUS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Most DIFEs of one record (EN 13757-3). */
#define MSDK_MBUS_DIFE_MAX 10u
/** @brief Most VIFEs of one record (EN 13757-3), the true VIF of 0xFB/0xFD included. */
#define MSDK_MBUS_VIFE_MAX 10u

/** @brief Value flag: `value` holds a decoded number. */
#define MSDK_MBUS_VAL_NUMBER            0x01u
/** @brief Value flag: `real_bits` holds a 32-bit IEEE 754 real (data field 5). */
#define MSDK_MBUS_VAL_REAL32            0x02u
/** @brief Value flag: `datetime` holds a decoded date/time. */
#define MSDK_MBUS_VAL_DATETIME          0x04u
/** @brief Value flag: the record carries manufacturer-specific VIFEs (after 0x7F/0xFF). */
#define MSDK_MBUS_VAL_MANUFACTURER_VIFE 0x08u
/** @brief Value flag: `dst` holds a decoded daylight saving record (type K). */
#define MSDK_MBUS_VAL_DST               0x10u

/** @brief Function field (DIF bits 4..5). */
typedef enum msdk_mbus_function {
    MSDK_MBUS_FN_INSTANTANEOUS = 0, /**< Instantaneous value. */
    MSDK_MBUS_FN_MAXIMUM = 1,       /**< Maximum value. */
    MSDK_MBUS_FN_MINIMUM = 2,       /**< Minimum value. */
    MSDK_MBUS_FN_ERROR = 3,         /**< Value during error state. */
} msdk_mbus_function_t;

/** @brief How the data field is coded (DIF bits 0..3, LVAR and special functions). */
typedef enum msdk_mbus_data_type {
    MSDK_MBUS_DT_NONE = 0,      /**< No data (field 0). */
    MSDK_MBUS_DT_INT,           /**< Binary integer, 8..64 bits (fields 1..4, 6, 7). */
    MSDK_MBUS_DT_REAL32,        /**< 32-bit real, raw bits (field 5). */
    MSDK_MBUS_DT_SELECTION,     /**< Selection for readout (field 8), no data. */
    MSDK_MBUS_DT_BCD,           /**< BCD, 2..12 digits (fields 9..C, E). */
    MSDK_MBUS_DT_TEXT,          /**< LVAR 0x00..0xBF: ASCII, transmitted last character first. */
    MSDK_MBUS_DT_LVAR_BCD,      /**< LVAR 0xC0..0xC9 (positive) or 0xD0..0xD9 (negative) BCD. */
    MSDK_MBUS_DT_BINARY,        /**< LVAR 0xE0..0xF6: binary number, raw in `data`. */
    MSDK_MBUS_DT_MANUFACTURER,  /**< DIF 0x0F/0x1F: the rest of the data, raw in `data`. */
    MSDK_MBUS_DT_GLOBAL_READOUT /**< DIF 0x7F: global readout request, no data. */
} msdk_mbus_data_type_t;

/** @brief What a record measures (from the VIF and its extension tables). */
typedef enum msdk_mbus_quantity {
    MSDK_MBUS_Q_UNKNOWN = 0,               /**< A VIF this decoder does not know. */
    MSDK_MBUS_Q_ENERGY,                    /**< Energy (Wh or J). */
    MSDK_MBUS_Q_REACTIVE_ENERGY,           /**< Reactive energy (varh). */
    MSDK_MBUS_Q_VOLUME,                    /**< Volume. */
    MSDK_MBUS_Q_MASS,                      /**< Mass. */
    MSDK_MBUS_Q_ON_TIME,                   /**< On time. */
    MSDK_MBUS_Q_OPERATING_TIME,            /**< Operating time. */
    MSDK_MBUS_Q_POWER,                     /**< Power (W or J/h). */
    MSDK_MBUS_Q_VOLUME_FLOW,               /**< Volume flow. */
    MSDK_MBUS_Q_MASS_FLOW,                 /**< Mass flow. */
    MSDK_MBUS_Q_FLOW_TEMPERATURE,          /**< Flow temperature. */
    MSDK_MBUS_Q_RETURN_TEMPERATURE,        /**< Return temperature. */
    MSDK_MBUS_Q_TEMPERATURE_DIFFERENCE,    /**< Temperature difference. */
    MSDK_MBUS_Q_EXTERNAL_TEMPERATURE,      /**< External temperature. */
    MSDK_MBUS_Q_PRESSURE,                  /**< Pressure. */
    MSDK_MBUS_Q_DATE,                      /**< Time point: date (type G). */
    MSDK_MBUS_Q_DATETIME,                  /**< Time point: date and time (type F, I or J). */
    MSDK_MBUS_Q_HCA_UNITS,                 /**< Units for heat cost allocator (dimensionless). */
    MSDK_MBUS_Q_AVERAGING_DURATION,        /**< Averaging duration. */
    MSDK_MBUS_Q_ACTUALITY_DURATION,        /**< Actuality duration. */
    MSDK_MBUS_Q_FABRICATION_NUMBER,        /**< Fabrication number. */
    MSDK_MBUS_Q_IDENTIFICATION,            /**< (Enhanced) identification. */
    MSDK_MBUS_Q_BUS_ADDRESS,               /**< Bus address. */
    MSDK_MBUS_Q_PLAIN_TEXT,                /**< Plain-text VIF: the unit is `vif_text`. */
    MSDK_MBUS_Q_ANY,                       /**< VIF 0x7E/0xFE: any VIF (readout selection). */
    MSDK_MBUS_Q_MANUFACTURER,              /**< VIF 0x7F/0xFF: manufacturer specific. */
    MSDK_MBUS_Q_RELATIVE_HUMIDITY,         /**< Relative humidity (0xFB table). */
    MSDK_MBUS_Q_TEMPERATURE_LIMIT,         /**< Cold/warm temperature limit (0xFB table). */
    MSDK_MBUS_Q_CUMULATIVE_MAX_POWER,      /**< Cumulative count of maximum power (0xFB). */
    MSDK_MBUS_Q_CREDIT,                    /**< Credit, local currency (0xFD table). */
    MSDK_MBUS_Q_DEBIT,                     /**< Debit, local currency. */
    MSDK_MBUS_Q_ACCESS_NUMBER,             /**< Access number (transmission count). */
    MSDK_MBUS_Q_MEDIUM,                    /**< Device type (medium). */
    MSDK_MBUS_Q_MANUFACTURER_ID,           /**< Manufacturer. */
    MSDK_MBUS_Q_PARAMETER_SET_ID,          /**< Parameter set identification. */
    MSDK_MBUS_Q_MODEL_VERSION,             /**< Model / version. */
    MSDK_MBUS_Q_HARDWARE_VERSION,          /**< Hardware version. */
    MSDK_MBUS_Q_FIRMWARE_VERSION,          /**< Firmware version. */
    MSDK_MBUS_Q_SOFTWARE_VERSION,          /**< Software version. */
    MSDK_MBUS_Q_CUSTOMER_LOCATION,         /**< Customer location. */
    MSDK_MBUS_Q_CUSTOMER,                  /**< Customer. */
    MSDK_MBUS_Q_ACCESS_CODE_USER,          /**< Access code user. */
    MSDK_MBUS_Q_ACCESS_CODE_OPERATOR,      /**< Access code operator. */
    MSDK_MBUS_Q_ACCESS_CODE_SYSTEM,        /**< Access code system operator. */
    MSDK_MBUS_Q_ACCESS_CODE_DEVELOPER,     /**< Access code developer. */
    MSDK_MBUS_Q_PASSWORD,                  /**< Password. */
    MSDK_MBUS_Q_ERROR_FLAGS,               /**< Error flags (device type specific). */
    MSDK_MBUS_Q_ERROR_MASK,                /**< Error mask. */
    MSDK_MBUS_Q_DIGITAL_OUTPUT,            /**< Digital output (binary). */
    MSDK_MBUS_Q_DIGITAL_INPUT,             /**< Digital input (binary). */
    MSDK_MBUS_Q_BAUD_RATE,                 /**< Baud rate. */
    MSDK_MBUS_Q_RESPONSE_DELAY,            /**< Response delay time (bit times). */
    MSDK_MBUS_Q_RETRY,                     /**< Retry. */
    MSDK_MBUS_Q_REMOTE_CONTROL,            /**< Remote control (device type specific). */
    MSDK_MBUS_Q_FIRST_STORAGE_NUMBER,      /**< First storage number for cyclic storage. */
    MSDK_MBUS_Q_LAST_STORAGE_NUMBER,       /**< Last storage number for cyclic storage. */
    MSDK_MBUS_Q_STORAGE_BLOCK_SIZE,        /**< Size of storage block. */
    MSDK_MBUS_Q_STORAGE_INTERVAL,          /**< Storage interval. */
    MSDK_MBUS_Q_OPERATOR_SPECIFIC,         /**< Vendor/operator specific data. */
    MSDK_MBUS_Q_TIME_POINT_SECOND,         /**< Time point, second. */
    MSDK_MBUS_Q_DURATION_SINCE_READOUT,    /**< Duration since last readout. */
    MSDK_MBUS_Q_TARIFF_START,              /**< Start (date/time) of tariff. */
    MSDK_MBUS_Q_TARIFF_DURATION,           /**< Duration of tariff. */
    MSDK_MBUS_Q_TARIFF_PERIOD,             /**< Period of tariff. */
    MSDK_MBUS_Q_DIMENSIONLESS,             /**< Dimensionless, no VIF. */
    MSDK_MBUS_Q_VOLTAGE,                   /**< Voltage. */
    MSDK_MBUS_Q_CURRENT,                   /**< Current. */
    MSDK_MBUS_Q_RESET_COUNTER,             /**< Reset counter. */
    MSDK_MBUS_Q_CUMULATION_COUNTER,        /**< Cumulation counter. */
    MSDK_MBUS_Q_CONTROL_SIGNAL,            /**< Control signal. */
    MSDK_MBUS_Q_DAY_OF_WEEK,               /**< Day of week. */
    MSDK_MBUS_Q_WEEK_NUMBER,               /**< Week number. */
    MSDK_MBUS_Q_DAY_CHANGE_TIME,           /**< Time point of day change. */
    MSDK_MBUS_Q_PARAMETER_ACTIVATION,      /**< State of parameter activation. */
    MSDK_MBUS_Q_SUPPLIER_INFO,             /**< Special supplier information. */
    MSDK_MBUS_Q_DURATION_SINCE_CUMULATION, /**< Duration since last cumulation. */
    MSDK_MBUS_Q_BATTERY_OPERATING_TIME,    /**< Operating time battery. */
    MSDK_MBUS_Q_BATTERY_CHANGE,            /**< Date and time of battery change. */
    MSDK_MBUS_Q_RF_LEVEL,                  /**< RF level. */
    MSDK_MBUS_Q_DST,                       /**< Daylight saving (type K: ::msdk_mbus_dst_t). */
    MSDK_MBUS_Q_LISTENING_WINDOW,          /**< Listening window management. */
    MSDK_MBUS_Q_REMAINING_BATTERY_LIFE,    /**< Remaining battery life. */
    MSDK_MBUS_Q_METER_STOPPED_COUNT,       /**< Number of times the meter was stopped. */
    MSDK_MBUS_Q_MANUFACTURER_CONTAINER,    /**< Data container for a manufacturer protocol. */
} msdk_mbus_quantity_t;

/** @brief Unit of `value * 10^exponent`. */
typedef enum msdk_mbus_unit {
    MSDK_MBUS_UNIT_NONE = 0,       /**< No unit (counts, identifiers, dates). */
    MSDK_MBUS_UNIT_WH,             /**< Watt hour. */
    MSDK_MBUS_UNIT_J,              /**< Joule. */
    MSDK_MBUS_UNIT_VARH,           /**< Var hour. */
    MSDK_MBUS_UNIT_M3,             /**< Cubic metre. */
    MSDK_MBUS_UNIT_KG,             /**< Kilogram. */
    MSDK_MBUS_UNIT_SECOND,         /**< Second. */
    MSDK_MBUS_UNIT_MINUTE,         /**< Minute. */
    MSDK_MBUS_UNIT_HOUR,           /**< Hour. */
    MSDK_MBUS_UNIT_DAY,            /**< Day. */
    MSDK_MBUS_UNIT_MONTH,          /**< Month. */
    MSDK_MBUS_UNIT_YEAR,           /**< Year. */
    MSDK_MBUS_UNIT_W,              /**< Watt. */
    MSDK_MBUS_UNIT_J_PER_H,        /**< Joule per hour. */
    MSDK_MBUS_UNIT_M3_PER_H,       /**< Cubic metre per hour. */
    MSDK_MBUS_UNIT_M3_PER_MIN,     /**< Cubic metre per minute. */
    MSDK_MBUS_UNIT_M3_PER_S,       /**< Cubic metre per second. */
    MSDK_MBUS_UNIT_KG_PER_H,       /**< Kilogram per hour. */
    MSDK_MBUS_UNIT_CELSIUS,        /**< Degree Celsius. */
    MSDK_MBUS_UNIT_KELVIN,         /**< Kelvin (temperature differences). */
    MSDK_MBUS_UNIT_FAHRENHEIT,     /**< Degree Fahrenheit. */
    MSDK_MBUS_UNIT_BAR,            /**< Bar. */
    MSDK_MBUS_UNIT_PERCENT,        /**< Percent (relative humidity). */
    MSDK_MBUS_UNIT_FT3,            /**< Cubic foot. */
    MSDK_MBUS_UNIT_US_GAL,         /**< American gallon. */
    MSDK_MBUS_UNIT_US_GAL_PER_MIN, /**< American gallon per minute. */
    MSDK_MBUS_UNIT_US_GAL_PER_H,   /**< American gallon per hour. */
    MSDK_MBUS_UNIT_V,              /**< Volt. */
    MSDK_MBUS_UNIT_A,              /**< Ampere. */
    MSDK_MBUS_UNIT_DBM,            /**< dBm. */
    MSDK_MBUS_UNIT_CURRENCY,       /**< Local currency unit. */
    MSDK_MBUS_UNIT_BAUD,           /**< Baud. */
    MSDK_MBUS_UNIT_BIT_TIMES,      /**< Bit times. */
    MSDK_MBUS_UNIT_TEXT,           /**< The plain-text unit of `vif_text`. */
} msdk_mbus_unit_t;

/**
 * @brief A decoded M-Bus date/time (types F, G, I, J).
 *
 * Fields a type does not carry are 0. The year is the full year: with the hundred-year
 * bits of type F at 0, years 0..80 are 2000..2080 and 81..99 are 1981..1999; otherwise
 * it is 1900 + 100 * hundred-year + year.
 */
typedef struct msdk_mbus_datetime {
    uint16_t year;       /**< Full year (0 for type J). */
    uint8_t month;       /**< 1..12 (0 for type J). */
    uint8_t day;         /**< 1..31 (0 for type J). */
    uint8_t hour;        /**< 0..23. */
    uint8_t minute;      /**< 0..59. */
    uint8_t second;      /**< 0..59 (types I and J). */
    uint8_t day_of_week; /**< 1 = Monday .. 7 = Sunday, 0 not given (type I). */
    uint8_t week;        /**< Week 1..53, 0 not given (type I). */
    uint8_t type;        /**< 'F', 'G', 'I' or 'J'. */
    bool invalid;        /**< Time invalid (IV bit of types F and I). */
    bool summer;         /**< Summer time (SU bit of type F). */
} msdk_mbus_datetime_t;

/**
 * @brief A decoded daylight saving record (type K, EN 13757-3:2018 Annex A), VIF 0xFD 0x72.
 *
 * The four bytes, first byte transmitted first (bit 0 the least significant):
 * - byte 1: bits 0..4 hour DST begins, bits 5..7 local deviation bits 0..2;
 * - byte 2: bits 0..4 day DST begins, bits 5..6 local deviation bits 3..4, bit 7 DST enabled;
 * - byte 3: bits 0..4 day DST ends, bits 5..6 deviation in hours, bit 7 its sign (1 = +);
 * - byte 4: bits 0..3 month DST begins, bits 4..7 month DST ends.
 *
 * A month above 12 or an hour above 23 makes the record ::MSDK_ERR_MALFORMED; day and
 * month 0 (not given) are kept. The local deviation is the 5-bit field as transmitted, its
 * low three bits in byte 1 (as the year of types F and G is spread, low bits first); its
 * meaning (the local time zone) is not interpreted here.
 */
typedef struct msdk_mbus_dst {
    uint8_t begin_hour;      /**< Hour at which DST begins, 0..23. */
    uint8_t begin_day;       /**< Day DST begins, 1..31 (0 not given). */
    uint8_t begin_month;     /**< Month DST begins, 1..12 (0 not given). */
    uint8_t end_day;         /**< Day DST ends, 1..31 (0 not given). */
    uint8_t end_month;       /**< Month DST ends, 1..12 (0 not given). */
    int8_t deviation;        /**< Clock change during DST in hours, -3..+3. */
    bool enabled;            /**< DST is applied. */
    uint8_t local_deviation; /**< The 5-bit local deviation field, 0..31, uninterpreted. */
} msdk_mbus_dst_t;

/** @brief One data record. The pointers point into the iterator's bytes. */
typedef struct msdk_mbus_record {
    size_t offset;                    /**< Offset of the DIF in the walked bytes. */
    size_t length;                    /**< Bytes of the record, DIF to end of data. */
    uint8_t dif;                      /**< DIF byte. */
    uint8_t dife_count;               /**< Number of DIFEs (0..::MSDK_MBUS_DIFE_MAX). */
    uint8_t dife[MSDK_MBUS_DIFE_MAX]; /**< DIFE bytes as received. */
    uint8_t vif;                      /**< VIF byte as received (0 for DIF special functions). */
    uint8_t vife_count;               /**< Number of VIFEs (0..::MSDK_MBUS_VIFE_MAX). */
    uint8_t
        vife[MSDK_MBUS_VIFE_MAX]; /**< VIFE bytes as received (0xFB/0xFD: the true VIF first). */
    uint8_t comb_count;           /**< Number of combinable VIFEs. */
    uint8_t comb[MSDK_MBUS_VIFE_MAX]; /**< Combinable (orthogonal) VIFEs, extension bit cleared. */
    msdk_mbus_function_t function;    /**< Function field. */
    uint64_t storage;                 /**< Storage number (DIF bit 6 and 4 bits per DIFE). */
    uint32_t tariff;                  /**< Tariff (2 bits per DIFE). */
    uint16_t subunit;                 /**< Subunit / device (1 bit per DIFE). */
    msdk_mbus_data_type_t type;       /**< Coding of the data field. */
    msdk_mbus_quantity_t quantity;    /**< What is measured. */
    msdk_mbus_unit_t unit;            /**< Unit. */
    int8_t exponent;                  /**< Decimal exponent: the value is `value * 10^exponent`. */
    uint8_t flags;                    /**< MSDK_MBUS_VAL_* flags: which value fields are set. */
    int64_t value;                    /**< Number (with ::MSDK_MBUS_VAL_NUMBER). */
    uint32_t real_bits;               /**< IEEE 754 bits (with ::MSDK_MBUS_VAL_REAL32). */
    msdk_mbus_datetime_t datetime;    /**< Date/time (with ::MSDK_MBUS_VAL_DATETIME). */
    msdk_mbus_dst_t dst;              /**< Daylight saving, type K (with ::MSDK_MBUS_VAL_DST). */
    bool more_records_follow;         /**< DIF 0x1F: the slave has more data (ask again). */
    const uint8_t *data;              /**< Data field bytes (after an LVAR byte). */
    size_t data_len;                  /**< Number of bytes at @c data. */
    const uint8_t *vif_text;          /**< Plain-text unit, last character first, or NULL. */
    uint8_t vif_text_len;             /**< Number of bytes at @c vif_text. */
} msdk_mbus_record_t;

/** @brief Iterator over the records of one variable data structure. Caller-owned. */
typedef struct msdk_mbus_rec_iter {
    const uint8_t *p; /**< First byte of the data records. */
    size_t len;       /**< Number of bytes. */
    size_t pos;       /**< Offset of the next record. */
    msdk_err_t
        end; /**< ::MSDK_OK while records may follow, else the code every next call returns. */
} msdk_mbus_rec_iter_t;

/**
 * @brief Starts a walk over @p len bytes of data records.
 * @param[out] it   Iterator.
 * @param[in]  data The bytes after the CI header, decrypted; must outlive the records.
 *                  May be NULL when @p len is 0.
 * @param[in]  len  Number of bytes.
 * @pre @p it is not NULL (nothing happens when it is).
 */
void msdk_mbus_rec_iter_init(msdk_mbus_rec_iter_t *it, const uint8_t *data, size_t len);

/**
 * @brief Decodes the next data record.
 *
 * Idle filler (DIF 0x2F) is skipped. On every return but ::MSDK_OK and
 * ::MSDK_ERR_MALFORMED the iterator is at its end and keeps returning the same code.
 *
 * @param[in,out] it  Iterator; moves past the record when its length is known.
 * @param[out]    rec The record; zeroed first, then filled as far as it was decoded.
 * @retval MSDK_OK                The record is decoded.
 * @retval MSDK_ERR_MALFORMED     The record's content is invalid (BCD digit A..F, bad date
 *                                or daylight saving record, too many DIFEs or VIFEs); it is
 *                                skipped, the walk goes on.
 * @retval MSDK_ERR_TRUNCATED     The data ends inside the record; the walk is over.
 * @retval MSDK_ERR_NOT_SUPPORTED A reserved DIF or LVAR: the record's length is unknown;
 *                                the walk is over.
 * @retval MSDK_ERR_NOT_FOUND     No more records.
 * @retval MSDK_ERR_INVALID_ARG   @p it or @p rec is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_rec_next(msdk_mbus_rec_iter_t *it, msdk_mbus_record_t *rec);

/**
 * @brief Copies M-Bus text (transmitted last character first) in reading order.
 *
 * For LVAR text records (`data`, `data_len`) and plain-text units (`vif_text`,
 * `vif_text_len`). The result is NUL-terminated.
 *
 * @param[in]  src Text bytes as received; may be NULL when @p len is 0.
 * @param[in]  len Number of bytes.
 * @param[out] dst Room for @p cap bytes; untouched on error.
 * @param[in]  cap Size of @p dst, at least @p len + 1.
 * @retval MSDK_OK                Copied.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below @p len + 1.
 * @retval MSDK_ERR_INVALID_ARG   @p dst is NULL, or @p src is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_text_copy(const uint8_t *src, size_t len, char *dst,
                                              size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_MBUS_RECORD_H */
