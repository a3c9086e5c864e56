/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Calibration block of the metrology library: per-channel gain, offset and phase
 *        corrections, two-point current gain, RTC trim; versioned and CRC-protected.
 *
 * The block is plain data the application persists (for example through libeventlog's
 * storage) and hands back to ::msdk_metro_init or ::msdk_metro_calib_apply. The
 * functions here compute corrections from reference points: the meter is fed from a
 * reference source, the caller reads the meter's own result at the present calibration
 * and the reference standard's value, and the function moves the correction so the
 * meter would have read the reference. They run rarely, outside the sampling path, and
 * use only integer arithmetic.
 */
#ifndef MSDK_METROLOGY_CALIB_H
#define MSDK_METROLOGY_CALIB_H

#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Channels of a sample frame (same order as the AFE port's frame). */
typedef enum msdk_metro_ch {
    MSDK_METRO_CH_V1 = 0,   /**< Voltage L1-N. */
    MSDK_METRO_CH_V2 = 1,   /**< Voltage L2-N. */
    MSDK_METRO_CH_V3 = 2,   /**< Voltage L3-N. */
    MSDK_METRO_CH_I1 = 3,   /**< Current L1. */
    MSDK_METRO_CH_I2 = 4,   /**< Current L2. */
    MSDK_METRO_CH_I3 = 5,   /**< Current L3. */
    MSDK_METRO_CH_IN = 6,   /**< Neutral current. */
    MSDK_METRO_CH_COUNT = 7 /**< Channels per frame. */
} msdk_metro_ch_t;

/** @brief Phases of the meter. */
#define MSDK_METRO_PHASES 3u

/** @brief Format version of ::msdk_metro_calib_t written by ::msdk_metro_calib_pack. */
#define MSDK_METRO_CALIB_VERSION 1u

/** @brief Size in bytes of a packed calibration block. */
#define MSDK_METRO_CALIB_PACKED_SIZE 116u

/** @brief Unity channel gain: 1 unit (uV or uA) per code, in Q24. */
#define MSDK_METRO_GAIN_ONE ((uint32_t)1u << 24)

/** @brief Largest phase correction, ns (either sign): 9 degrees at 50 Hz, 4 samples at 8 kHz. */
#define MSDK_METRO_PHASE_NS_MAX 500000

/** @brief Largest channel offset, codes (either sign): 1/8 of full scale. */
#define MSDK_METRO_OFFSET_MAX 0x100000

/** @brief Largest RTC trim, ppb (either sign): 500 ppm. */
#define MSDK_METRO_TRIM_PPB_MAX 500000

/** @brief Largest two-point current gain correction, ppm (either sign): 10 %. */
#define MSDK_METRO_IGAIN_PPM_MAX 100000

/**
 * @brief Calibration of one meter.
 *
 * Gains are in Q24 units per code: a voltage channel's gain is uV per code, a current
 * channel's uA per code (the host simulator's AFE: 57.22 uV and 21.46 uA per code).
 * Offsets are the channel's code at zero input. The phase correction of a phase is the
 * time by which its current sensor path leads its voltage path (ns): positive when the
 * measured current leads the true current, so the library delays the current by it
 * (implemented as a delay of the voltage relative to the current).
 */
typedef struct msdk_metro_calib {
    uint32_t gain_q24[MSDK_METRO_CH_COUNT]; /**< Units per code, Q24; 0 is invalid. */
    int32_t offset[MSDK_METRO_CH_COUNT];    /**< Code at zero input, within
                                                 +-::MSDK_METRO_OFFSET_MAX. */
    int32_t phase_ns[MSDK_METRO_PHASES];    /**< Current lead to remove, ns, within
                                                 +-::MSDK_METRO_PHASE_NS_MAX. */
    /** Current gain correction in ppm at the transitional current (applies at and below
     *  ::msdk_metro_calib_t::i_tr_ma) ... */
    int32_t igain_lo_ppm[MSDK_METRO_PHASES];
    /** ... and at the maximum current (at and above ::msdk_metro_calib_t::i_max_ma);
     *  linear in current between the two. Both within +-::MSDK_METRO_IGAIN_PPM_MAX. */
    int32_t igain_hi_ppm[MSDK_METRO_PHASES];
    uint32_t i_tr_ma;     /**< Current of the low gain point, mA (0: single-point gain). */
    uint32_t i_max_ma;    /**< Current of the high gain point, mA (> i_tr_ma when used). */
    int32_t rtc_trim_ppb; /**< Crystal error to remove, ppb (positive: the crystal is
                               fast); used for the sampling clock and by the RTC. */
} msdk_metro_calib_t;

/**
 * @brief Factory defaults: unity gain scaled to a nominal AFE, no offset or phase error.
 * @param[out] cal     Block to fill.
 * @param[in]  v_uv_per_code_q24 Nominal voltage gain, uV per code in Q24.
 * @param[in]  i_ua_per_code_q24 Nominal current gain, uA per code in Q24.
 */
void msdk_metro_calib_default(msdk_metro_calib_t *cal, uint32_t v_uv_per_code_q24,
                              uint32_t i_ua_per_code_q24);

/**
 * @brief Check every field against its range.
 * @param[in] cal Block.
 * @retval MSDK_OK              Usable.
 * @retval MSDK_ERR_INVALID_ARG NULL or a field out of range (a zero gain, a phase beyond
 *                              ::MSDK_METRO_PHASE_NS_MAX, ...).
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_check(const msdk_metro_calib_t *cal);

/**
 * @brief Serialize to ::MSDK_METRO_CALIB_PACKED_SIZE bytes: magic "MCAL", version,
 *        fields little-endian, CRC-32 of everything before it.
 * @param[in]  cal  Block (checked first).
 * @param[out] buf  Output.
 * @param[in]  cap  Capacity of @p buf.
 * @param[out] used Bytes written.
 * @retval MSDK_OK                 Written.
 * @retval MSDK_ERR_INVALID_ARG    NULL or an invalid block.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap below ::MSDK_METRO_CALIB_PACKED_SIZE.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_pack(const msdk_metro_calib_t *cal, uint8_t *buf,
                                                size_t cap, size_t *used);

/**
 * @brief Parse a packed block. @p cal is written only when everything checks out.
 * @param[out] cal Result.
 * @param[in]  buf Input.
 * @param[in]  len Length of @p buf.
 * @retval MSDK_OK              Parsed.
 * @retval MSDK_ERR_INVALID_ARG NULL arguments.
 * @retval MSDK_ERR_TRUNCATED   Shorter than a block.
 * @retval MSDK_ERR_MALFORMED   Wrong magic, or a field out of range.
 * @retval MSDK_ERR_NOT_SUPPORTED Unknown version.
 * @retval MSDK_ERR_CHECKSUM    CRC mismatch.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_unpack(msdk_metro_calib_t *cal, const uint8_t *buf,
                                                  size_t len);

/**
 * @brief Gain step: scale a channel's gain so a reading of @p measured becomes
 *        @p reference (RMS values in the same unit, e.g. uV or uA).
 *
 * For a current channel with two-point gain in use, take this point at the transitional
 * current or below; ::msdk_metro_calib_igain_point then sets the Imax point.
 * @param[in,out] cal       Block.
 * @param[in]     ch        Channel.
 * @param[in]     measured  Meter's reading at the present calibration (> 0).
 * @param[in]     reference Reference standard's value (> 0).
 * @retval MSDK_OK              Updated.
 * @retval MSDK_ERR_INVALID_ARG NULL, bad channel, zero value, or a ratio outside 0.5..2.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_gain(msdk_metro_calib_t *cal, msdk_metro_ch_t ch,
                                                uint32_t measured, uint32_t reference);

/**
 * @brief Offset step: record the mean code of a channel measured with zero input
 *        (::msdk_metro_mean_code_q8 divided by 256).
 * @param[in,out] cal       Block.
 * @param[in]     ch        Channel.
 * @param[in]     mean_code Mean code at zero input (within +-::MSDK_METRO_OFFSET_MAX).
 * @retval MSDK_OK              Updated.
 * @retval MSDK_ERR_INVALID_ARG NULL, bad channel or value.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_offset(msdk_metro_calib_t *cal, msdk_metro_ch_t ch,
                                                  int32_t mean_code);

/**
 * @brief Phase step at a PF 0.5 (or any non-unity) point: move the phase correction so the
 *        measured angle becomes the reference angle.
 *
 * Angles are the current's lag behind its voltage in millidegrees (60000 at PF 0.5
 * inductive), as ::msdk_metro_phase_result_t::vi_angle_mdeg reports.
 * @param[in,out] cal          Block.
 * @param[in]     phase        0..2.
 * @param[in]     measured_mdeg Meter's angle at the present calibration.
 * @param[in]     reference_mdeg Reference angle.
 * @param[in]     freq_mhz     Frequency of the point, mHz (45000..65000).
 * @retval MSDK_OK              Updated.
 * @retval MSDK_ERR_INVALID_ARG NULL, bad phase or frequency, or a result beyond
 *                              ::MSDK_METRO_PHASE_NS_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_phase(msdk_metro_calib_t *cal, uint32_t phase,
                                                 int32_t measured_mdeg, int32_t reference_mdeg,
                                                 uint32_t freq_mhz);

/** @brief Points of the two-point current gain. */
typedef enum msdk_metro_ipoint {
    MSDK_METRO_IPOINT_TR = 0, /**< Transitional current (low point). */
    MSDK_METRO_IPOINT_MAX = 1 /**< Maximum current (high point). */
} msdk_metro_ipoint_t;

/**
 * @brief Two-point current gain step: adjust the ppm correction of one point so the
 *        current reading @p measured becomes @p reference.
 * @param[in,out] cal       Block (i_tr_ma and i_max_ma must be set).
 * @param[in]     phase     0..2.
 * @param[in]     point     Which point.
 * @param[in]     measured  Meter's current at the present calibration, uA (> 0).
 * @param[in]     reference Reference current, uA (> 0).
 * @retval MSDK_OK              Updated.
 * @retval MSDK_ERR_INVALID_ARG NULL, bad argument, or the result beyond
 *                              ::MSDK_METRO_IGAIN_PPM_MAX.
 * @retval MSDK_ERR_STATE       Two-point gain not configured (i_tr_ma == 0).
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_igain_point(msdk_metro_calib_t *cal, uint32_t phase,
                                                       msdk_metro_ipoint_t point, uint32_t measured,
                                                       uint32_t reference);

/**
 * @brief RTC trim step: the meter's clock gained @p error_ms over @p span_s seconds of
 *        reference time (negative: lost). Adds the error to the stored trim.
 * @param[in,out] cal      Block.
 * @param[in]     error_ms Clock error, ms.
 * @param[in]     span_s   Reference span, s (>= 60).
 * @retval MSDK_OK              Updated.
 * @retval MSDK_ERR_INVALID_ARG NULL, span too short, or the result beyond
 *                              ::MSDK_METRO_TRIM_PPB_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_rtc(msdk_metro_calib_t *cal, int32_t error_ms,
                                               uint32_t span_s);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_METROLOGY_CALIB_H */
