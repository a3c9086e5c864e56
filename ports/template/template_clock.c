/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Clock port (msdk/port/clock.h): monotonic uptime and the real-time clock.
 *
 * Typical hardware: a free-running timer or SysTick for the uptime, the
 * chip's RTC peripheral (battery or super-capacitor backed) for UTC.
 * Conformance: msdk_conf_clock() with msdk_conf_clock_port() (tests/port).
 */
#include <stddef.h>
#include "msdk/core/compiler.h"
#include "msdk/port/clock.h"

uint64_t msdk_port_clock_uptime_ms(void)
{
    /*
     * TODO(port): return milliseconds since reset as a 64-bit count that never
     * goes backwards and never wraps. Usual recipe: a 1 kHz SysTick (or a
     * low-power timer) interrupt increments a 64-bit counter; this function
     * reads it consistently, either inside msdk_port_critical_enter()/exit()
     * or by re-reading until two reads agree (a 64-bit load is not atomic on
     * a 32-bit core). Must be callable from thread and interrupt context, and
     * must keep counting across low-power sleep (use a timer that runs in the
     * sleep mode you use, or add the slept time on wake-up).
     */
    return 0u;
}

msdk_err_t msdk_port_rtc_read(msdk_rtc_time_t *now)
{
    if (now == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): read the RTC into now->utc_s (64-bit seconds since 1970,
     * UTC) and now->frac_ms (0..999). Read the calendar/counter registers
     * consistently (shadow registers, or read twice until equal: a seconds
     * roll-over between two register reads gives a time that is a minute or
     * an hour wrong). A chip with a 32-bit seconds counter or a two-digit
     * year must extend it (epoch offset in a backup register) so that 2038
     * and 2106 pass. Set now->valid = false when the RTC lost its time
     * (backup supply ran out: check the chip's "RTC initialised" flag or a
     * magic value in a backup register written by msdk_port_rtc_set()).
     * Return MSDK_ERR_IO, leaving *now unchanged, when the peripheral does
     * not answer (for example the synchronisation flag never sets).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_rtc_set(int64_t utc_s, uint16_t frac_ms)
{
    if ((utc_s < 0) || (frac_ms > 999u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /*
     * TODO(port): load the RTC with utc_s and frac_ms so that it runs from
     * there and msdk_port_rtc_read() reports valid = true (write the "time
     * set" marker as well). Convert to the chip's calendar format if it has
     * no seconds counter. Keep the write short: unlock, write, lock, wait for
     * the synchronisation flag with a bounded loop. On any failure return
     * MSDK_ERR_IO and leave the old time running.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

msdk_err_t msdk_port_rtc_trim_set(int32_t ppb)
{
    MSDK_UNUSED_PARAM(ppb);
    /*
     * TODO(port): apply a frequency correction of ppb parts per billion
     * (positive = faster) with the chip's digital calibration (add/skip of
     * oscillator pulses over a calibration window), rounding to its step.
     * At least +-200,000 ppb must be accepted; return MSDK_ERR_INVALID_ARG
     * beyond what the chip can do. Keep MSDK_ERR_NOT_SUPPORTED only if the
     * RTC has no calibration at all (then the meter loses its accuracy class
     * for the clock).
     */
    return MSDK_ERR_NOT_SUPPORTED;
}
