/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Watchdog and reset port: CMSDK APB watchdog at 0x40008000, its interrupt
 * wired to the NMI.
 *
 * The watchdog counts timeout_ms at 25 MHz. When it expires the NMI handler
 * records "watchdog" in the reset-surviving block and resets the processor
 * at once; should the NMI handler not run (core locked up), the watchdog's
 * own reset output fires one period later (RESEN). msdk_port_watchdog_kick()
 * reloads the counter. Range: 1 ms .. 171,000 ms.
 *
 * Reset cause: the reset-surviving block in PSRAM tells a cold start
 * (MSDK_RESET_POWER_ON: a new QEMU run or a power cycle) from a warm one;
 * msdk_port_system_reset() and the watchdog NMI leave a mark there before
 * resetting (MSDK_RESET_SOFTWARE / MSDK_RESET_WATCHDOG). A warm start without
 * a mark (reset from the debugger or the QEMU monitor) reads MSDK_RESET_UNKNOWN.
 */
#include <stdint.h> /* msdk/port/watchdog.h uses uint32_t without including it */
#include "msdk/port/watchdog.h"
#include "msdk/port/board.h"
#include "mps2_internal.h"

#define MSDK_MPS2_WDOG_MAX_MS (UINT32_MAX / (MSDK_MPS2_SYSCLK_HZ / 1000u))

msdk_mps2_noinit_t *const msdk_mps2_noinit = (msdk_mps2_noinit_t *)(uintptr_t)MSDK_MPS2_NOINIT_BASE;
bool msdk_mps2_cold_boot;

MSDK_STATIC_ASSERT(sizeof(msdk_mps2_noinit_t) <= 64u, "reset-surviving block is 64 bytes");

static msdk_reset_cause_t msdk_mps2_reset_cause;
static bool msdk_mps2_wdog_running;

void msdk_mps2_nmi_handler(void);

void msdk_mps2_noinit_boot(void)
{
    msdk_mps2_noinit_t *ni = msdk_mps2_noinit;

    if ((ni->magic != MSDK_MPS2_NOINIT_MAGIC) || (ni->magic_inv != ~MSDK_MPS2_NOINIT_MAGIC)) {
        msdk_mps2_cold_boot = true;
        msdk_mps2_reset_cause = MSDK_RESET_POWER_ON;
        ni->magic = MSDK_MPS2_NOINIT_MAGIC;
        ni->magic_inv = ~MSDK_MPS2_NOINIT_MAGIC;
        ni->boot_count = 0u;
        ni->image_handoff = 0u;
        ni->image_size = 0u;
    } else {
        msdk_mps2_cold_boot = false;
        ni->boot_count++;
        switch (ni->reset_cause) {
        case MSDK_MPS2_RESET_MARK_SOFTWARE: msdk_mps2_reset_cause = MSDK_RESET_SOFTWARE; break;
        case MSDK_MPS2_RESET_MARK_WATCHDOG: msdk_mps2_reset_cause = MSDK_RESET_WATCHDOG; break;
        default: msdk_mps2_reset_cause = MSDK_RESET_UNKNOWN; break;
        }
    }
    ni->reset_cause = MSDK_MPS2_RESET_MARK_NONE;
}

void msdk_mps2_noinit_report(void)
{
    msdk_mps2_noinit_t *ni = msdk_mps2_noinit;
    if (ni->image_handoff == MSDK_MPS2_IMAGE_HANDOFF_MAGIC) {
        char line[112];
        size_t n = msdk_mps2_fmt_str(line, sizeof line, 0, "mps2-an386: image hand-off of ");
        n = msdk_mps2_fmt_u32(line, sizeof line, n, ni->image_size);
        (void)msdk_mps2_fmt_str(line, sizeof line, n,
                                " bytes found; no boot loader, the running image stays");
        msdk_port_board_log(line);
        ni->image_handoff = 0u;
    }
}

msdk_err_t msdk_port_watchdog_start(uint32_t timeout_ms)
{
    if ((timeout_ms == 0u) || (timeout_ms > MSDK_MPS2_WDOG_MAX_MS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_LOCK) = MSDK_MPS2_WDOG_UNLOCK_KEY;
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_LOAD) =
        timeout_ms * (MSDK_MPS2_SYSCLK_HZ / 1000u);
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_CTRL) =
        MSDK_MPS2_WDOG_CTRL_INTEN | MSDK_MPS2_WDOG_CTRL_RESEN;
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_LOCK) = 0u;
    msdk_mps2_wdog_running = true;
    return MSDK_OK;
}

void msdk_port_watchdog_kick(void)
{
    if (!msdk_mps2_wdog_running) {
        return;
    }
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_LOCK) = MSDK_MPS2_WDOG_UNLOCK_KEY;
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_INTCLR) = 1u; /* also reloads */
    MSDK_MPS2_REG(MSDK_MPS2_WDOG_BASE + MSDK_MPS2_WDOG_LOCK) = 0u;
}

msdk_reset_cause_t msdk_port_reset_cause(void)
{
    return msdk_mps2_reset_cause;
}

static MSDK_NORETURN void msdk_mps2_reset_now(uint32_t mark)
{
    msdk_mps2_noinit->reset_cause = mark;
    __asm volatile("dsb" ::: "memory");
    MSDK_MPS2_REG(MSDK_MPS2_SCB_AIRCR) = MSDK_MPS2_AIRCR_VECTKEY | MSDK_MPS2_AIRCR_SYSRESETREQ;
    __asm volatile("dsb" ::: "memory");
    for (;;) {
    }
}

void msdk_port_system_reset(void)
{
    msdk_mps2_uart_flush_all(100u);
    msdk_mps2_reset_now(MSDK_MPS2_RESET_MARK_SOFTWARE);
}

void msdk_mps2_nmi_handler(void)
{
    /* The only NMI source of the board is the watchdog. */
    msdk_mps2_console_write_polled("\r\n*** mps2-an386: watchdog expired, resetting\r\n");
    msdk_mps2_reset_now(MSDK_MPS2_RESET_MARK_WATCHDOG);
}
