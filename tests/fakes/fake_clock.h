/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Test fake: a settable clock for sans-IO code.
 *
 * The libraries take the time as an argument; a test keeps one of these,
 * passes @c now_ms / the RTC reading to the code under test and advances it
 * explicitly. The fields may be read and written directly. The functions
 * with the port's semantics (msdk_fake_clock_rtc_read() / _set()) let a
 * fake stand where msdk/port/clock.h is expected, e.g. in msdk_conf_clock().
 */
#ifndef MSDK_TEST_FAKE_CLOCK_H
#define MSDK_TEST_FAKE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/clock.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A fake uptime counter and RTC. */
typedef struct msdk_fake_clock {
    uint64_t now_ms;         /**< Monotonic uptime in ms. */
    int64_t utc_s;           /**< RTC: UTC seconds since 1970. */
    uint16_t frac_ms;        /**< RTC: ms within the second, 0..999. */
    bool rtc_valid;          /**< false after msdk_fake_clock_rtc_lose(). */
    int32_t trim_ppb;        /**< Last trim set (stored, not simulated). */
    uint32_t rtc_sets;       /**< Successful msdk_fake_clock_rtc_set() calls. */
    msdk_err_t rtc_read_err; /**< Injected: returned by rtc_read when not MSDK_OK. */
    msdk_err_t rtc_set_err;  /**< Injected: returned by rtc_set when not MSDK_OK. */
} msdk_fake_clock_t;

/**
 * @brief Start at @p now_ms uptime and a valid RTC at @p utc_s.000.
 * @param[out] clk    Clock.
 * @param[in]  now_ms Initial uptime.
 * @param[in]  utc_s  Initial RTC seconds.
 */
void msdk_fake_clock_init(msdk_fake_clock_t *clk, uint64_t now_ms, int64_t utc_s);

/**
 * @brief Let @p ms milliseconds pass: uptime and RTC both advance.
 * @param[in,out] clk Clock.
 * @param[in]     ms  Milliseconds.
 */
void msdk_fake_clock_advance_ms(msdk_fake_clock_t *clk, uint64_t ms);

/**
 * @brief Let @p s seconds pass (msdk_fake_clock_advance_ms(clk, s * 1000)).
 * @param[in,out] clk Clock.
 * @param[in]     s   Seconds.
 */
void msdk_fake_clock_advance_s(msdk_fake_clock_t *clk, uint32_t s);

/**
 * @brief Move the RTC only (a clock adjustment or DST test); uptime stays.
 * @param[in,out] clk     Clock.
 * @param[in]     delta_s Seconds to add (negative: back).
 */
void msdk_fake_clock_step_rtc(msdk_fake_clock_t *clk, int64_t delta_s);

/**
 * @brief The RTC lost its time (backup supply ran out): reads report invalid.
 * @param[in,out] clk Clock.
 */
void msdk_fake_clock_rtc_lose(msdk_fake_clock_t *clk);

/**
 * @brief Uptime, as msdk_port_clock_uptime_ms() would return it.
 * @param[in] clk Clock.
 * @return @c clk->now_ms.
 */
uint64_t msdk_fake_clock_uptime_ms(const msdk_fake_clock_t *clk);

/**
 * @brief Read the RTC with the semantics of msdk_port_rtc_read().
 * @param[in]  clk Clock.
 * @param[out] now Filled on success.
 * @retval MSDK_OK              Filled (valid may be false).
 * @retval MSDK_ERR_INVALID_ARG NULL argument.
 * @retval other                @c clk->rtc_read_err when set; @p now unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_fake_clock_rtc_read(const msdk_fake_clock_t *clk,
                                                   msdk_rtc_time_t *now);

/**
 * @brief Set the RTC with the semantics of msdk_port_rtc_set().
 * @param[in,out] clk     Clock.
 * @param[in]     utc_s   Seconds, >= 0.
 * @param[in]     frac_ms 0..999.
 * @retval MSDK_OK              Set; the RTC reads valid.
 * @retval MSDK_ERR_INVALID_ARG NULL @p clk, negative @p utc_s or @p frac_ms > 999.
 * @retval other                @c clk->rtc_set_err when set; the RTC keeps its time.
 */
MSDK_NODISCARD msdk_err_t msdk_fake_clock_rtc_set(msdk_fake_clock_t *clk, int64_t utc_s,
                                                  uint16_t frac_ms);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TEST_FAKE_CLOCK_H */
