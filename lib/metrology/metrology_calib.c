/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Calibration block: defaults, range checks, packing with CRC-32, and the steps that
 * compute corrections from reference points. Integer only. */
#include <string.h>

#include "metrology_internal.h"
#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"

#define CAL_MAGIC 0x4C41434Du /* "MCAL" little-endian */

void msdk_metro_calib_default(msdk_metro_calib_t *cal, uint32_t v_uv_per_code_q24,
                              uint32_t i_ua_per_code_q24)
{
    memset(cal, 0, sizeof(*cal));
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        cal->gain_q24[k] = v_uv_per_code_q24;
        cal->gain_q24[MSDK_METRO_PHASES + k] = i_ua_per_code_q24;
    }
    cal->gain_q24[MSDK_METRO_CH_IN] = i_ua_per_code_q24;
}

static bool within(int32_t v, int32_t lim)
{
    return (v >= -lim) && (v <= lim);
}

msdk_err_t msdk_metro_calib_check(const msdk_metro_calib_t *cal)
{
    if (cal == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        if ((cal->gain_q24[c] == 0u) || !within(cal->offset[c], MSDK_METRO_OFFSET_MAX)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        if (!within(cal->phase_ns[k], MSDK_METRO_PHASE_NS_MAX) ||
            !within(cal->igain_lo_ppm[k], MSDK_METRO_IGAIN_PPM_MAX) ||
            !within(cal->igain_hi_ppm[k], MSDK_METRO_IGAIN_PPM_MAX)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    if ((cal->i_tr_ma != 0u) && (cal->i_max_ma <= cal->i_tr_ma)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!within(cal->rtc_trim_ppb, MSDK_METRO_TRIM_PPB_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

/* Field order of the packed block (after magic and version): 28 words. */
static void words_of(const msdk_metro_calib_t *cal, uint32_t w[26])
{
    unsigned n = 0;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        w[n++] = cal->gain_q24[c];
    }
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        w[n++] = (uint32_t)cal->offset[c];
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        w[n++] = (uint32_t)cal->phase_ns[k];
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        w[n++] = (uint32_t)cal->igain_lo_ppm[k];
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        w[n++] = (uint32_t)cal->igain_hi_ppm[k];
    }
    w[n++] = cal->i_tr_ma;
    w[n++] = cal->i_max_ma;
    w[n] = (uint32_t)cal->rtc_trim_ppb;
}

static void from_words(msdk_metro_calib_t *cal, const uint32_t w[26])
{
    unsigned n = 0;
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        cal->gain_q24[c] = w[n++];
    }
    for (unsigned c = 0; c < MSDK_METRO_CH_COUNT; c++) {
        cal->offset[c] = msdk_i32_from_u32(w[n++]);
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        cal->phase_ns[k] = msdk_i32_from_u32(w[n++]);
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        cal->igain_lo_ppm[k] = msdk_i32_from_u32(w[n++]);
    }
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        cal->igain_hi_ppm[k] = msdk_i32_from_u32(w[n++]);
    }
    cal->i_tr_ma = w[n++];
    cal->i_max_ma = w[n++];
    cal->rtc_trim_ppb = msdk_i32_from_u32(w[n]);
}

#define CAL_WORDS 26u
MSDK_STATIC_ASSERT(MSDK_METRO_CALIB_PACKED_SIZE == 4u + 4u + CAL_WORDS * 4u + 4u,
                   "packed calibration size");

msdk_err_t msdk_metro_calib_pack(const msdk_metro_calib_t *cal, uint8_t *buf, size_t cap,
                                 size_t *used)
{
    if ((buf == NULL) || (used == NULL) || (msdk_metro_calib_check(cal) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cap < MSDK_METRO_CALIB_PACKED_SIZE) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    uint32_t w[CAL_WORDS];
    words_of(cal, w);
    msdk_store_u32le(&buf[0], CAL_MAGIC);
    msdk_store_u32le(&buf[4], MSDK_METRO_CALIB_VERSION);
    for (unsigned k = 0; k < CAL_WORDS; k++) {
        msdk_store_u32le(&buf[8u + 4u * k], w[k]);
    }
    size_t body = 8u + 4u * CAL_WORDS;
    msdk_store_u32le(&buf[body], msdk_crc32(buf, body));
    *used = MSDK_METRO_CALIB_PACKED_SIZE;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_unpack(msdk_metro_calib_t *cal, const uint8_t *buf, size_t len)
{
    if ((cal == NULL) || (buf == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len < MSDK_METRO_CALIB_PACKED_SIZE) {
        return MSDK_ERR_TRUNCATED;
    }
    if (msdk_load_u32le(&buf[0]) != CAL_MAGIC) {
        return MSDK_ERR_MALFORMED;
    }
    size_t body = 8u + 4u * CAL_WORDS;
    if (msdk_crc32(buf, body) != msdk_load_u32le(&buf[body])) {
        return MSDK_ERR_CHECKSUM;
    }
    if (msdk_load_u32le(&buf[4]) != MSDK_METRO_CALIB_VERSION) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    uint32_t w[CAL_WORDS];
    for (unsigned k = 0; k < CAL_WORDS; k++) {
        w[k] = msdk_load_u32le(&buf[8u + 4u * k]);
    }
    msdk_metro_calib_t tmp;
    from_words(&tmp, w);
    if (msdk_metro_calib_check(&tmp) != MSDK_OK) {
        return MSDK_ERR_MALFORMED;
    }
    *cal = tmp;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_gain(msdk_metro_calib_t *cal, msdk_metro_ch_t ch, uint32_t measured,
                                 uint32_t reference)
{
    if ((cal == NULL) || ((uint32_t)ch >= (uint32_t)MSDK_METRO_CH_COUNT) || (measured == 0u) ||
        (reference == 0u) || (reference > 2u * (uint64_t)measured) ||
        (2u * (uint64_t)reference < measured)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint64_t g = ((uint64_t)cal->gain_q24[ch] * reference + measured / 2u) / measured;
    if ((g == 0u) || (g > UINT32_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->gain_q24[ch] = (uint32_t)g;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_offset(msdk_metro_calib_t *cal, msdk_metro_ch_t ch, int32_t mean_code)
{
    if ((cal == NULL) || ((uint32_t)ch >= (uint32_t)MSDK_METRO_CH_COUNT) ||
        !within(mean_code, MSDK_METRO_OFFSET_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->offset[ch] = mean_code;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_phase(msdk_metro_calib_t *cal, uint32_t phase, int32_t measured_mdeg,
                                  int32_t reference_mdeg, uint32_t freq_mhz)
{
    if ((cal == NULL) || (phase >= MSDK_METRO_PHASES) || (freq_mhz < 45000u) ||
        (freq_mhz > 65000u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The current appears to lag by (measured - reference) too little when its sensor
     * leads: the lead in time is err / (360 f). */
    int64_t err = (int64_t)reference_mdeg - (int64_t)measured_mdeg;
    while (err > 180000) {
        err -= 360000;
    }
    while (err < -180000) {
        err += 360000;
    }
    /* ns = err[mdeg] / 1000 / 360 / (f[mHz] / 1000) * 1e9 = err * 1e9 / (360 * f_mhz) */
    int64_t den = 360 * (int64_t)freq_mhz;
    int64_t ns = (err * 1000000000 + ((err >= 0) ? den / 2 : -den / 2)) / den;
    int64_t total = (int64_t)cal->phase_ns[phase] + ns;
    if ((total > MSDK_METRO_PHASE_NS_MAX) || (total < -MSDK_METRO_PHASE_NS_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->phase_ns[phase] = (int32_t)total;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_igain_point(msdk_metro_calib_t *cal, uint32_t phase,
                                        msdk_metro_ipoint_t point, uint32_t measured,
                                        uint32_t reference)
{
    if ((cal == NULL) || (phase >= MSDK_METRO_PHASES) || (measured == 0u) || (reference == 0u) ||
        ((uint32_t)point > (uint32_t)MSDK_METRO_IPOINT_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cal->i_tr_ma == 0u) {
        return MSDK_ERR_STATE;
    }
    int32_t *ppm =
        (point == MSDK_METRO_IPOINT_TR) ? &cal->igain_lo_ppm[phase] : &cal->igain_hi_ppm[phase];
    /* new factor = old factor * ref / meas, in ppm. */
    int64_t old = 1000000 + (int64_t)*ppm;
    int64_t nf = (old * (int64_t)reference + (int64_t)measured / 2) / (int64_t)measured;
    int64_t np = nf - 1000000;
    if ((np > MSDK_METRO_IGAIN_PPM_MAX) || (np < -MSDK_METRO_IGAIN_PPM_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *ppm = (int32_t)np;
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_rtc(msdk_metro_calib_t *cal, int32_t error_ms, uint32_t span_s)
{
    if ((cal == NULL) || (span_s < 60u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* ppb = error / span * 1e9 = error_ms * 1e6 / span_s */
    int64_t ppb = ((int64_t)error_ms * 1000000) / (int64_t)span_s;
    int64_t total = (int64_t)cal->rtc_trim_ppb + ppb;
    if ((total > MSDK_METRO_TRIM_PPB_MAX) || (total < -MSDK_METRO_TRIM_PPB_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    cal->rtc_trim_ppb = (int32_t)total;
    return MSDK_OK;
}
