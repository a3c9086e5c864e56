/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Private header of the MPS2+ AN386 port: register map, shared state and the
 * helpers the port's files call among themselves. Every global name of the
 * port starts with msdk_ (msdk_port_* for the porting interfaces, msdk_mps2_*
 * for everything else), so the library links beside any vendor code.
 *
 * Register facts (ARM AN386 / QEMU hw/arm/mps2.c, checked against QEMU 7.2):
 *   0x40000000 CMSDK APB timer 0      IRQ 8   (AFE stand-in sample clock)
 *   0x40001000 CMSDK APB timer 1      IRQ 9   (free-running time base, no interrupt)
 *   0x40004000 CMSDK APB UART 0       RX IRQ 0, TX IRQ 1   console
 *   0x40005000 CMSDK APB UART 1       RX IRQ 2, TX IRQ 3   optical port
 *   0x40006000 CMSDK APB UART 2       RX IRQ 4, TX IRQ 5   M-Bus
 *   0x40007000 CMSDK APB UART 3       RX IRQ 18, TX IRQ 19 WAN
 *   (UART 0..2 overrun interrupts are ORed onto IRQ 12)
 *   0x40008000 CMSDK APB watchdog     NMI
 *   0x40028000 FPGA IO (LED0 +0x00: 2 user LEDs, BUTTON +0x08: 2 buttons)
 *   0x00000000 ZBT SSRAM1, 4 MiB (code; the vector table sits at 0)
 *   0x20000000 ZBT SSRAM2&3, 4 MiB (data, stack)
 *   0x21000000 PSRAM, 16 MiB (NVM emulation, image slot, reset-surviving state)
 *   Main clock 25 MHz (SYSCLK = CPU clock = APB clock).
 */
#ifndef MSDK_MPS2_INTERNAL_H
#define MSDK_MPS2_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/port/serial.h"
#include "msdk/board/mps2_an386.h"

/* ---- memory-mapped registers ------------------------------------------- */

#define MSDK_MPS2_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* CMSDK APB UART */
#define MSDK_MPS2_UART0_BASE   0x40004000u
#define MSDK_MPS2_UART1_BASE   0x40005000u
#define MSDK_MPS2_UART2_BASE   0x40006000u
#define MSDK_MPS2_UART3_BASE   0x40007000u
#define MSDK_MPS2_UART0_RX_IRQ 0u
#define MSDK_MPS2_UART1_RX_IRQ 2u
#define MSDK_MPS2_UART2_RX_IRQ 4u
#define MSDK_MPS2_UART3_RX_IRQ 18u
/* TX IRQ = RX IRQ + 1 */
#define MSDK_MPS2_UART_OVR_IRQ 12u

#define MSDK_MPS2_UART_DATA      0x00u
#define MSDK_MPS2_UART_STATE     0x04u
#define MSDK_MPS2_UART_CTRL      0x08u
#define MSDK_MPS2_UART_INTSTATUS 0x0Cu /* read: status; write 1: clear */
#define MSDK_MPS2_UART_BAUDDIV   0x10u

#define MSDK_MPS2_UART_STATE_TXFULL (1u << 0)
#define MSDK_MPS2_UART_STATE_RXFULL (1u << 1)
#define MSDK_MPS2_UART_STATE_TXOVR  (1u << 2)
#define MSDK_MPS2_UART_STATE_RXOVR  (1u << 3)
#define MSDK_MPS2_UART_CTRL_TXEN    (1u << 0)
#define MSDK_MPS2_UART_CTRL_RXEN    (1u << 1)
#define MSDK_MPS2_UART_CTRL_TXIE    (1u << 2)
#define MSDK_MPS2_UART_CTRL_RXIE    (1u << 3)
#define MSDK_MPS2_UART_CTRL_RXOIE   (1u << 5)
#define MSDK_MPS2_UART_INT_TX       (1u << 0)
#define MSDK_MPS2_UART_INT_RX       (1u << 1)
#define MSDK_MPS2_UART_INT_TXO      (1u << 2)
#define MSDK_MPS2_UART_INT_RXO      (1u << 3)
/* The CMSDK UART divides PCLK by BAUDDIV; 16 is the smallest legal divider. */
#define MSDK_MPS2_UART_BAUDDIV_MIN  16u

/* CMSDK APB timers: timer 0 paces the AFE stand-in, timer 1 is the clock's time base */
#define MSDK_MPS2_TIMER0_BASE    0x40000000u
#define MSDK_MPS2_TIMER0_IRQ     8u
#define MSDK_MPS2_TIMER1_BASE    0x40001000u
#define MSDK_MPS2_TIMER_CTRL     0x00u
#define MSDK_MPS2_TIMER_VALUE    0x04u
#define MSDK_MPS2_TIMER_RELOAD   0x08u
#define MSDK_MPS2_TIMER_INTCLEAR 0x0Cu
#define MSDK_MPS2_TIMER_CTRL_EN  (1u << 0)
#define MSDK_MPS2_TIMER_CTRL_IE  (1u << 3)

/* CMSDK APB watchdog */
#define MSDK_MPS2_WDOG_BASE       0x40008000u
#define MSDK_MPS2_WDOG_LOAD       0x000u
#define MSDK_MPS2_WDOG_VALUE      0x004u
#define MSDK_MPS2_WDOG_CTRL       0x008u
#define MSDK_MPS2_WDOG_INTCLR     0x00Cu
#define MSDK_MPS2_WDOG_LOCK       0xC00u
#define MSDK_MPS2_WDOG_CTRL_INTEN (1u << 0)
#define MSDK_MPS2_WDOG_CTRL_RESEN (1u << 1)
#define MSDK_MPS2_WDOG_UNLOCK_KEY 0x1ACCE551u

/* MPS2 FPGA IO */
#define MSDK_MPS2_FPGAIO_BASE   0x40028000u
#define MSDK_MPS2_FPGAIO_LED0   0x00u
#define MSDK_MPS2_FPGAIO_BUTTON 0x08u

/* Cortex-M system control space */
#define MSDK_MPS2_SYST_CSR  0xE000E010u
#define MSDK_MPS2_SYST_RVR  0xE000E014u
#define MSDK_MPS2_SYST_CVR  0xE000E018u
#define MSDK_MPS2_NVIC_ISER 0xE000E100u
#define MSDK_MPS2_NVIC_ICER 0xE000E180u
#define MSDK_MPS2_NVIC_ICPR 0xE000E280u
#define MSDK_MPS2_NVIC_IPR  0xE000E400u
#define MSDK_MPS2_SCB_ICSR  0xE000ED04u
#define MSDK_MPS2_SCB_VTOR  0xE000ED08u
#define MSDK_MPS2_SCB_AIRCR 0xE000ED0Cu
#define MSDK_MPS2_SCB_SHPR3 0xE000ED20u
#define MSDK_MPS2_SCB_CFSR  0xE000ED28u
#define MSDK_MPS2_SCB_HFSR  0xE000ED2Cu
#define MSDK_MPS2_SCB_DFSR  0xE000ED30u
#define MSDK_MPS2_SCB_MMFAR 0xE000ED34u
#define MSDK_MPS2_SCB_BFAR  0xE000ED38u
#define MSDK_MPS2_SCB_CPACR 0xE000ED88u

#define MSDK_MPS2_SYST_CSR_ENABLE   (1u << 0)
#define MSDK_MPS2_SYST_CSR_TICKINT  (1u << 1)
#define MSDK_MPS2_SYST_CSR_CLKSRC   (1u << 2)
#define MSDK_MPS2_AIRCR_VECTKEY     0x05FA0000u
#define MSDK_MPS2_AIRCR_SYSRESETREQ (1u << 2)
#define MSDK_MPS2_HFSR_DEBUGEVT     (1u << 31)
#define MSDK_MPS2_DFSR_BKPT         (1u << 1)

/* Interrupt priorities (upper bits of the 8-bit field; 0 is the most urgent). */
#define MSDK_MPS2_PRIO_AFE     0x40u
#define MSDK_MPS2_PRIO_UART    0x80u
#define MSDK_MPS2_PRIO_SYSTICK 0xC0u

/** Enable device interrupt @p irq at priority @p prio. */
void msdk_mps2_irq_enable(uint32_t irq, uint8_t prio);
/** Disable device interrupt @p irq and drop a pending request. */
void msdk_mps2_irq_disable(uint32_t irq);

/* ---- start-up, semihosting, reset-surviving state ----------------------- */

/** Semihosting operations used by the port (ARM "Semihosting for AArch32 and AArch64"). */
#define MSDK_MPS2_SH_SYS_OPEN          0x01u
#define MSDK_MPS2_SH_SYS_CLOSE         0x02u
#define MSDK_MPS2_SH_SYS_READ          0x06u
#define MSDK_MPS2_SH_SYS_GET_CMDLINE   0x15u
#define MSDK_MPS2_SH_SYS_EXIT          0x18u
#define MSDK_MPS2_SH_SYS_EXIT_EXTENDED 0x20u
#define MSDK_MPS2_SH_ADP_APP_EXIT      0x20026u

/**
 * Issue one semihosting call (BKPT 0xAB). Without a debugger or an emulator
 * that serves it, the HardFault handler skips the BKPT and the call returns
 * (uint32_t)-1; from then on msdk_mps2_semihost_is_available() is false and
 * later calls return -1 without trapping.
 */
uint32_t msdk_mps2_semihost_call(uint32_t op, void *arg);
/** false once a semihosting call trapped (no host attached). */
bool msdk_mps2_semihost_is_available(void);
/** End the program with @p status (SYS_EXIT_EXTENDED); halts when no host is attached. */
MSDK_NORETURN void msdk_mps2_semihost_exit(int status);

/**
 * RAM that keeps its content across a processor reset (not across a QEMU
 * restart or a power cycle): lives in PSRAM outside every loaded section, so
 * neither the start-up code nor QEMU's image reload touch it.
 */
typedef struct msdk_mps2_noinit {
    uint32_t magic;         /* MSDK_MPS2_NOINIT_MAGIC when the block is initialised */
    uint32_t magic_inv;     /* ~magic */
    uint32_t reset_cause;   /* MSDK_MPS2_RESET_MARK_* written just before a reset */
    uint32_t boot_count;    /* resets since the block was initialised */
    uint32_t image_handoff; /* MSDK_MPS2_IMAGE_HANDOFF_MAGIC after msdk_port_image_activate() */
    uint32_t image_size;    /* bytes of the image handed off */
} msdk_mps2_noinit_t;

#define MSDK_MPS2_IMAGE_HANDOFF_MAGIC 0x494D4721u /* "IMG!" */

#define MSDK_MPS2_NOINIT_MAGIC        0x4D534B31u /* "MSK1" */
#define MSDK_MPS2_RESET_MARK_NONE     0u
#define MSDK_MPS2_RESET_MARK_SOFTWARE 0x53465452u /* "SFTR" */
#define MSDK_MPS2_RESET_MARK_WATCHDOG 0x57444F47u /* "WDOG" */

/** The reset-surviving block (valid after msdk_mps2_noinit_boot()). */
extern msdk_mps2_noinit_t *const msdk_mps2_noinit;
/** true when this boot found the reset-surviving state uninitialised (cold start). */
extern bool msdk_mps2_cold_boot;

/* Called once by the reset handler, in this order, before main(). */
void msdk_mps2_noinit_boot(void);  /* mps2_watchdog.c: cold/warm start, reset cause */
void msdk_mps2_nvm_boot(void);     /* mps2_nvm.c: 0xFF-fill at cold start */
void msdk_mps2_image_boot(void);   /* mps2_image.c: 0xFF-fill at cold start */
void msdk_mps2_clock_boot(void);   /* mps2_clock.c: timer 1 time base, SysTick at 1 kHz */
void msdk_mps2_console_boot(void); /* mps2_uart.c: all rings, UART0 up (interrupt driven) */

/** Log (once) what the reset-surviving block recorded; called by msdk_port_board_init(). */
void msdk_mps2_noinit_report(void);

/** Serial instances: console (UART0), optical (UART1), M-Bus (UART2), WAN (UART3). */
extern const msdk_serial_t msdk_mps2_serial[4];
/** Start UART1..3 (UART0 runs from boot); called by msdk_port_board_init(). */
void msdk_mps2_uart_start_all(void);
/** Called by the SysTick handler every millisecond (input debouncing). */
void msdk_mps2_io_tick(void);
/** Forced input bits given with the --inputs board option. */
extern uint32_t msdk_mps2_io_forced_inputs;

/** Cycles of the 25 MHz clock since boot (64-bit; any context). */
uint64_t msdk_mps2_clock_cycles(void);

/** Flush the console (and the other UARTs) for at most @p max_ms; used before exit. */
void msdk_mps2_uart_flush_all(uint32_t max_ms);
/**
 * Write raw bytes to UART0 by polling, bypassing the queue (fault handlers,
 * start-up errors). Enables the transmitter if needed.
 */
void msdk_mps2_console_write_polled(const char *s);
/** Queue a string on the console; waits (serving the UART by hand if needed) until queued. */
void msdk_mps2_console_write(const char *s);

/** Wake-up flag for msdk_port_board_idle(): set by every ISR that brings news. */
extern volatile bool msdk_mps2_event;

/* ---- small formatting helpers (no printf in the firmware) -------------- */

/** Append @p s to @p buf (capacity @p cap, always NUL-terminated); returns new length. */
size_t msdk_mps2_fmt_str(char *buf, size_t cap, size_t len, const char *s);
/** Append @p v in decimal. */
size_t msdk_mps2_fmt_u32(char *buf, size_t cap, size_t len, uint32_t v);
/** Append @p v as 0x%08X. */
size_t msdk_mps2_fmt_hex32(char *buf, size_t cap, size_t len, uint32_t v);
/** Parse an unsigned decimal (or 0x hex) number; false on junk or overflow. */
bool msdk_mps2_parse_u32(const char *s, uint32_t *out);

#endif /* MSDK_MPS2_INTERNAL_H */
