/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Clock port: monotonic uptime, the real-time clock and its trim.
 *
 * Singletons of the board, implemented as link-time functions by the port.
 * The libraries themselves are sans-IO and take the time as an argument; the
 * application reads it here and passes it on. On the host port the clock is
 * simulated: real time, accelerated, or stepped by a test.
 */
#ifndef MSDK_PORT_CLOCK_H
#define MSDK_PORT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief A reading of the real-time clock in UTC.
 *
 * UTC is the one source of truth; local time, time zone and daylight saving
 * are computed from it (libtou). 64-bit seconds do not wrap in 2038 or 2106.
 */
typedef struct msdk_rtc_time {
    int64_t utc_s;    /**< Seconds since 1970-01-01T00:00:00Z, leap seconds not counted. */
    uint16_t frac_ms; /**< Milliseconds within the second, 0..999. */
    bool valid;       /**< false when the RTC lost its time (backup supply ran out). */
} msdk_rtc_time_t;

/**
 * @brief Monotonic milliseconds since reset.
 *
 * Never goes backwards and never wraps in the life of a meter (64 bits).
 * Callable from thread and interrupt context.
 * @return Milliseconds since the board started.
 */
uint64_t msdk_port_clock_uptime_ms(void);

/**
 * @brief Read the real-time clock.
 * @param[out] now Current UTC time; @c now->valid is false if the RTC lost power.
 * @retval MSDK_OK            @p now is filled.
 * @retval MSDK_ERR_INVALID_ARG @p now is NULL.
 * @retval MSDK_ERR_IO        The RTC could not be read; @p now is unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_port_rtc_read(msdk_rtc_time_t *now);

/**
 * @brief Set the real-time clock.
 * @param[in] utc_s   New UTC seconds since 1970-01-01.
 * @param[in] frac_ms Milliseconds within the second, 0..999.
 * @retval MSDK_OK             The RTC runs from the new time and reads valid.
 * @retval MSDK_ERR_INVALID_ARG @p frac_ms > 999, @p utc_s negative, or @p utc_s beyond
 *                             the range the port can count in (at least the year 10000).
 * @retval MSDK_ERR_IO         The RTC could not be written; it keeps its old time.
 */
MSDK_NODISCARD msdk_err_t msdk_port_rtc_set(int64_t utc_s, uint16_t frac_ms);

/**
 * @brief Apply a frequency correction to the RTC oscillator.
 *
 * The calibration block stores the trim; the port applies it with whatever
 * the chip has (digital calibration register, periodic add/skip of ticks).
 * @param[in] ppb Correction in parts per billion; positive makes the clock
 *                run faster. At least +-200,000 ppb (+-200 ppm) is accepted.
 * @retval MSDK_OK             Trim applied (to the nearest step the chip has).
 * @retval MSDK_ERR_INVALID_ARG Out of the range the chip can apply.
 * @retval MSDK_ERR_NOT_SUPPORTED The board cannot trim its RTC.
 */
MSDK_NODISCARD msdk_err_t msdk_port_rtc_trim_set(int32_t ppb);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_CLOCK_H */
