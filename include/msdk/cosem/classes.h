/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM interface classes: their descriptors and the definitions an application
 *        gives for each instance.
 *
 * Each class is one `const` ::msdk_cosem_class_t in its own source file; an object points
 * at it and at a `const` definition of the type named here. Callbacks return a
 * data-access-result (::MSDK_COSEM_DAR_SUCCESS when the value was produced or applied).
 */
#ifndef MSDK_COSEM_CLASSES_H
#define MSDK_COSEM_CLASSES_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/cosem/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Data (class 1, version 0) ------------------------------------------------------------ */

/** @brief Data: attribute 2 (value), a scalar. */
typedef struct msdk_cosem_data_def {
    /** Constant value, or NULL when @c get provides it. */
    const msdk_cosem_value_t *value;
    /** Reads the value (when @c value is NULL). */
    uint8_t (*get)(void *ctx, msdk_cosem_value_t *v);
    /** Writes the value (NULL: read-only whatever the rights say). */
    uint8_t (*set)(void *ctx, const msdk_cosem_value_t *v);
} msdk_cosem_data_def_t;

/** @brief Data (class 1). */
extern const msdk_cosem_class_t msdk_cosem_class_data;

/* ---- Register (class 3, version 0) -------------------------------------------------------- */

/** @brief Register: attribute 2 (value) from the application, 3 (scaler_unit) constant,
 *         method 1 (reset). */
typedef struct msdk_cosem_register_def {
    int8_t scaler; /**< Scaler: value * 10^scaler is in @c unit. */
    uint8_t unit;  /**< Unit (Blue Book unit enumeration, e.g. 30 = Wh, 27 = W). */
    /** Reads the value. */
    uint8_t (*get)(void *ctx, msdk_cosem_value_t *v);
    /** Writes the value (NULL: not writable). */
    uint8_t (*set)(void *ctx, const msdk_cosem_value_t *v);
    /** Method 1, reset: the value to its default (NULL: not supported). */
    uint8_t (*reset)(void *ctx);
} msdk_cosem_register_def_t;

/** @brief Register (class 3). */
extern const msdk_cosem_class_t msdk_cosem_class_register;

/* ---- Clock (class 8, version 0) ----------------------------------------------------------- */

/** @brief Clock attributes (2..9). */
typedef enum msdk_cosem_clock_attr {
    MSDK_COSEM_CLOCK_TIME = 2,          /**< time: octet-string(12) date-time. */
    MSDK_COSEM_CLOCK_TIME_ZONE = 3,     /**< time_zone: long, minutes (local - UTC
                                             deviation as in the date-time). */
    MSDK_COSEM_CLOCK_STATUS = 4,        /**< status: unsigned. */
    MSDK_COSEM_CLOCK_DST_BEGIN = 5,     /**< daylight_savings_begin: octet-string(12). */
    MSDK_COSEM_CLOCK_DST_END = 6,       /**< daylight_savings_end: octet-string(12). */
    MSDK_COSEM_CLOCK_DST_DEVIATION = 7, /**< daylight_savings_deviation: integer, minutes. */
    MSDK_COSEM_CLOCK_DST_ENABLED = 8,   /**< daylight_savings_enabled: boolean. */
    MSDK_COSEM_CLOCK_CLOCK_BASE = 9,    /**< clock_base: enum. */
} msdk_cosem_clock_attr_t;

/**
 * @brief Clock: every attribute through the application (libtou keeps the clock).
 *
 * The class checks the types before @c set is called: a date-time is a valid
 * 12-byte date-time (::msdk_cosem_datetime_t), the time zone -720..720, ...
 */
typedef struct msdk_cosem_clock_def {
    /** Reads attribute @p attr (::msdk_cosem_clock_attr_t). */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_value_t *v);
    /** Writes attribute @p attr (NULL: read-only). */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_value_t *v);
    /** Method 1..6 (adjust_to_quarter, ..., shift_time); @p param is the checked parameter
     *  (a long for shift_time, a structure for preset_adjusting_time is passed raw as an
     *  octet-string of its encoding). NULL: no methods. */
    uint8_t (*method)(void *ctx, uint8_t method, const msdk_cosem_value_t *param);
} msdk_cosem_clock_def_t;

/** @brief Clock (class 8). */
extern const msdk_cosem_class_t msdk_cosem_class_clock;

/* ---- Association LN (class 15, versions 1 and 3) ---------------------------------------- */

/** @brief Association LN: attributes 2..9 from the logical device and the association. */
typedef struct msdk_cosem_assoc_ln_def {
    uint8_t assoc_index; /**< Which association of the logical device this object describes. */
    uint16_t server_sap; /**< Logical device SAP, for associated_partners_id. */
    /** Writes a new LLS secret (attribute 7), to the meter's storage; NULL: not writable. */
    uint8_t (*set_secret)(void *ctx, const uint8_t *secret, size_t len);
} msdk_cosem_assoc_ln_def_t;

/**
 * @brief Association LN (class 15, version 1): attributes 1..9; the object list gives the
 *        access modes as the version 1 enum (authenticated read/write/access where the
 *        rights need request security, ::msdk_cosem_rights_t).
 */
extern const msdk_cosem_class_t msdk_cosem_class_assoc_ln;

/**
 * @brief Association LN (class 15, version 3): attributes 1..11 (user_list empty,
 *        current_user none); the object list gives the access modes as bit maps with the
 *        security the rights need (::msdk_cosem_access_sec_t).
 */
extern const msdk_cosem_class_t msdk_cosem_class_assoc_ln_v3;

/* ---- Profile generic (class 7, version 1) -------------------------------------------------- */

/** @brief Most columns (capture objects) a profile may have. */
#define MSDK_COSEM_PROFILE_MAX_COLUMNS 32u

/** @brief A capture object definition: one column of a profile. */
typedef struct msdk_cosem_capture_def {
    uint16_t class_id;   /**< Class of the captured object. */
    uint8_t ln[6];       /**< Its logical name. */
    int8_t attr;         /**< Captured attribute. */
    uint16_t data_index; /**< Element of the attribute (0: all of it). */
} msdk_cosem_capture_def_t;

/**
 * @brief Where a profile's rows live (the storage of issue 7, or RAM in tests).
 *
 * Rows are numbered 0 (oldest) .. count - 1 (newest) and are sorted by capture time, so
 * that a selection by range can binary-search them.
 */
typedef struct msdk_cosem_row_source {
    /** Number of rows in use. */
    uint32_t (*count)(void *ctx);
    /** Encodes column @p col (0-based) of row @p row as one A-XDR value; a value that does
     *  not fit returns ::MSDK_ERR_BUFFER_TOO_SMALL and writes nothing. */
    msdk_err_t (*put_cell)(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb);
    /** The capture time of row @p row in seconds (any fixed epoch; UTC), for selection by
     *  range; NULL when the profile has no time column. */
    msdk_err_t (*time_s)(void *ctx, uint32_t row, int64_t *t);
} msdk_cosem_row_source_t;

/**
 * @brief Profile generic: buffer (2) from a row source, capture objects (3), capture period
 *        (4), sort method (5, FIFO), sort object (6), entries in use (7), profile entries
 *        (8); methods reset (1) and capture (2).
 *
 * The capture objects and the capture period are constant (@c columns, @c capture_period_s)
 * unless the application gives @c columns_now / @c period_now: then these say what the
 * profile captures now, and GET of attributes 3, 4 and 6, the column selection of the
 * buffer's selective access and the rows streamed use their answer, read once per request
 * (a stream in blocks keeps the columns its first block selected). @c set_columns and
 * @c set_period make attributes 3 and 4 writable (with the write right of the
 * association): the class decodes the value, checks its type and bounds (type-unmatched
 * otherwise, and the callback is not called) and hands it over; the application accepts
 * it or refuses it with a data-access-result, changing nothing then.
 */
typedef struct msdk_cosem_profile_def {
    const msdk_cosem_capture_def_t *columns; /**< Capture objects (when no @c columns_now). */
    uint8_t column_count;                    /**< Entries in @c columns (at most 32). */
    int8_t time_column;                  /**< Column holding the capture time (the clock), or -1. */
    uint32_t capture_period_s;           /**< Capture period, seconds (0: asynchronous; when no
                                              @c period_now). */
    uint32_t max_entries;                /**< Profile entries: the capacity of the buffer. */
    const msdk_cosem_row_source_t *rows; /**< The rows. */
    /** Method 1, reset: empties the buffer (NULL: not supported). */
    uint8_t (*reset)(void *ctx);
    /** Method 2, capture: takes a row now (NULL: not supported). */
    uint8_t (*capture)(void *ctx);
    /** The capture objects now: sets @p n (at most ::MSDK_COSEM_PROFILE_MAX_COLUMNS; more are
     *  not shown) and returns them (NULL: none). NULL: @c columns and @c column_count. */
    const msdk_cosem_capture_def_t *(*columns_now)(void *ctx, uint8_t *n);
    /** The capture period now, seconds. NULL: @c capture_period_s. */
    uint32_t (*period_now)(void *ctx);
    /** SET of attribute 3: the @p n (0..::MSDK_COSEM_PROFILE_MAX_COLUMNS) capture objects
     *  decoded from a well-formed value; returns a data-access-result, and on anything but
     *  success changes nothing. NULL: attribute 3 is read-only. */
    uint8_t (*set_columns)(void *ctx, const msdk_cosem_capture_def_t *cols, uint8_t n);
    /** SET of attribute 4: the period decoded from a double-long-unsigned; returns a
     *  data-access-result, and on anything but success changes nothing. NULL: attribute 4 is
     *  read-only. */
    uint8_t (*set_period)(void *ctx, uint32_t period_s);
} msdk_cosem_profile_def_t;

/** @brief Profile generic (class 7); the buffer takes selective access by range (1) on the
 *         time column and by entry (2); attributes 3 and 4 are writable when the definition
 *         has @c set_columns / @c set_period. */
extern const msdk_cosem_class_t msdk_cosem_class_profile;

/**
 * @brief Converts a date-time to seconds since 2000-01-01 00:00:00 UTC (the deviation, when
 *        specified, is applied; hundredths are ignored), for row sources and range checks.
 * @param[in]  dt Date-time with year, month, day, hour, minute and second specified.
 * @param[out] t  Seconds.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG A needed field is not specified or out of range.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_datetime_to_s(const msdk_cosem_datetime_t *dt, int64_t *t);

#ifdef __cplusplus
}
#endif

/* The other interface classes, by area. */
#include "msdk/cosem/class_control.h"
#include "msdk/cosem/class_mbus.h"
#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/class_setup.h"

#endif /* MSDK_COSEM_CLASSES_H */
