/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Clock port.
 *
 * Uptime: CMSDK timer 1 (0x40001000) runs free at the 25 MHz APB clock; the
 * port extends its 32-bit count to 64 bits in software (milliseconds plus
 * leftover cycles). SysTick interrupts at 1 kHz: it wakes the main loop's
 * WFI, debounces the buttons and samples the counter, which must happen at
 * least once per wrap (171 s). The uptime is not a count of SysTick
 * interrupts on purpose: QEMU delivers timer interrupts late and in bursts
 * when the host is busy or the guest takes many interrupts, and a pending
 * SysTick that expires again is lost -- measured here as an uptime 20 %
 * slow under an 8 kHz AFE interrupt load. A hardware counter cannot miss
 * ticks, so uptime, AFE sample instants and QEMU's virtual time agree.
 * Reads take a short critical section (64-bit state, callable from ISRs).
 *
 * RTC: QEMU's AN386 has no battery-backed real-time clock, so the RTC is kept
 * in software on top of the uptime. It reads valid = false (and counts from
 * 1970-01-01 plus the uptime) until msdk_port_rtc_set() is called; it then
 * runs from the time set. A trim set with msdk_port_rtc_trim_set() is applied
 * exactly in software: elapsed uptime since the last set or trim change is
 * scaled by (1 + ppb / 1e9). Any trim within +-1,000,000 ppb is accepted.
 * The time is lost at every reset, as with a real RTC whose backup supply
 * ran out.
 */
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "mps2_internal.h"

#define MSDK_MPS2_TICK_HZ       1000u
#define MSDK_MPS2_TRIM_MAX_PPB  1000000
#define MSDK_MPS2_CYCLES_PER_MS (MSDK_MPS2_SYSCLK_HZ / 1000u)
#define TMR1(off)               MSDK_MPS2_REG(MSDK_MPS2_TIMER1_BASE + (off))

/* 64-bit time base (interrupts masked while touched). */
static uint32_t msdk_mps2_count_last; /* timer 1 value at the last sample */
static uint64_t msdk_mps2_ms;         /* whole milliseconds since boot */
static uint32_t msdk_mps2_rem;        /* cycles beyond msdk_mps2_ms, < 25000 */

/* Software RTC state (guarded by critical sections). */
static bool msdk_mps2_rtc_valid;
static int64_t msdk_mps2_rtc_base_ms;      /* UTC ms at msdk_mps2_rtc_base_uptime */
static uint64_t msdk_mps2_rtc_base_uptime; /* uptime ms of the last set / trim change */
static int32_t msdk_mps2_rtc_trim_ppb;

void msdk_mps2_systick_handler(void);

void msdk_mps2_clock_boot(void)
{
    /* Timer 1: free-running down counter, no interrupt. */
    TMR1(MSDK_MPS2_TIMER_CTRL) = 0u;
    TMR1(MSDK_MPS2_TIMER_RELOAD) = UINT32_MAX;
    TMR1(MSDK_MPS2_TIMER_VALUE) = UINT32_MAX;
    TMR1(MSDK_MPS2_TIMER_CTRL) = MSDK_MPS2_TIMER_CTRL_EN;
    msdk_mps2_count_last = TMR1(MSDK_MPS2_TIMER_VALUE);
    msdk_mps2_ms = 0u;
    msdk_mps2_rem = 0u;

    MSDK_MPS2_REG(MSDK_MPS2_SYST_CSR) = 0u;
    MSDK_MPS2_REG(MSDK_MPS2_SYST_RVR) = (MSDK_MPS2_SYSCLK_HZ / MSDK_MPS2_TICK_HZ) - 1u;
    MSDK_MPS2_REG(MSDK_MPS2_SYST_CVR) = 0u;
    /* SysTick priority: byte 3 of SHPR3. */
    uint32_t shpr3 = MSDK_MPS2_REG(MSDK_MPS2_SCB_SHPR3);
    MSDK_MPS2_REG(MSDK_MPS2_SCB_SHPR3) =
        (shpr3 & 0x00FFFFFFu) | ((uint32_t)MSDK_MPS2_PRIO_SYSTICK << 24);
    MSDK_MPS2_REG(MSDK_MPS2_SYST_CSR) =
        MSDK_MPS2_SYST_CSR_CLKSRC | MSDK_MPS2_SYST_CSR_TICKINT | MSDK_MPS2_SYST_CSR_ENABLE;
}

/* Fold the cycles since the last sample into the 64-bit state; interrupts masked. */
static void msdk_mps2_clock_sample(void)
{
    uint32_t now = TMR1(MSDK_MPS2_TIMER_VALUE);
    uint32_t elapsed = msdk_mps2_count_last - now; /* down counter, modulo 2^32 */
    msdk_mps2_count_last = now;
    msdk_mps2_ms += elapsed / MSDK_MPS2_CYCLES_PER_MS;
    msdk_mps2_rem += elapsed % MSDK_MPS2_CYCLES_PER_MS;
    if (msdk_mps2_rem >= MSDK_MPS2_CYCLES_PER_MS) {
        msdk_mps2_rem -= MSDK_MPS2_CYCLES_PER_MS;
        msdk_mps2_ms++;
    }
}

void msdk_mps2_systick_handler(void)
{
    msdk_critical_state_t s = msdk_port_critical_enter();
    msdk_mps2_clock_sample();
    msdk_port_critical_exit(s);
    msdk_mps2_io_tick();
}

uint64_t msdk_mps2_clock_cycles(void)
{
    msdk_critical_state_t s = msdk_port_critical_enter();
    msdk_mps2_clock_sample();
    uint64_t c = (msdk_mps2_ms * MSDK_MPS2_CYCLES_PER_MS) + msdk_mps2_rem;
    msdk_port_critical_exit(s);
    return c;
}

uint64_t msdk_port_clock_uptime_ms(void)
{
    msdk_critical_state_t s = msdk_port_critical_enter();
    msdk_mps2_clock_sample();
    uint64_t now = msdk_mps2_ms;
    msdk_port_critical_exit(s);
    return now;
}

/* UTC milliseconds now; call with interrupts masked. */
static int64_t msdk_mps2_rtc_now_ms(uint64_t uptime)
{
    int64_t elapsed = (int64_t)(uptime - msdk_mps2_rtc_base_uptime);
    int64_t corr = (elapsed * (int64_t)msdk_mps2_rtc_trim_ppb) / 1000000000;
    return msdk_mps2_rtc_base_ms + elapsed + corr;
}

msdk_err_t msdk_port_rtc_read(msdk_rtc_time_t *now)
{
    if (now == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint64_t up = msdk_port_clock_uptime_ms();
    msdk_critical_state_t s = msdk_port_critical_enter();
    bool valid = msdk_mps2_rtc_valid;
    int64_t ms = valid ? msdk_mps2_rtc_now_ms(up) : (int64_t)up;
    msdk_port_critical_exit(s);

    now->utc_s = ms / 1000;
    now->frac_ms = (uint16_t)(ms % 1000);
    now->valid = valid;
    return MSDK_OK;
}

msdk_err_t msdk_port_rtc_set(int64_t utc_s, uint16_t frac_ms)
{
    /* Half the int64 millisecond range: the reading (base + elapsed uptime +
     * trim correction) cannot overflow in 146 million years of uptime. */
    if ((utc_s < 0) || (frac_ms > 999u) || (utc_s > (INT64_MAX / 1000) / 2)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint64_t up = msdk_port_clock_uptime_ms();
    msdk_critical_state_t s = msdk_port_critical_enter();
    msdk_mps2_rtc_base_ms = (utc_s * 1000) + (int64_t)frac_ms;
    msdk_mps2_rtc_base_uptime = up;
    msdk_mps2_rtc_valid = true;
    msdk_port_critical_exit(s);
    return MSDK_OK;
}

msdk_err_t msdk_port_rtc_trim_set(int32_t ppb)
{
    if ((ppb > MSDK_MPS2_TRIM_MAX_PPB) || (ppb < -MSDK_MPS2_TRIM_MAX_PPB)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint64_t up = msdk_port_clock_uptime_ms();
    msdk_critical_state_t s = msdk_port_critical_enter();
    /* Re-base so the new trim applies from now on only. */
    if (msdk_mps2_rtc_valid) {
        msdk_mps2_rtc_base_ms = msdk_mps2_rtc_now_ms(up);
        msdk_mps2_rtc_base_uptime = up;
    }
    msdk_mps2_rtc_trim_ppb = ppb;
    msdk_port_critical_exit(s);
    return MSDK_OK;
}
