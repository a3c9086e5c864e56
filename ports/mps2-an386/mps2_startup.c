/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Start-up of the MPS2+ AN386 port, in C: vector table, reset handler
 * (FPU, .data, .bss, constructors, semihosting command line, main(), exit),
 * fault handlers and the semihosting call.
 *
 * Semihosting without a host: on real hardware with no debugger attached a
 * BKPT 0xAB does not reach anybody; the core takes a HardFault (HFSR.DEBUGEVT).
 * The HardFault handler recognises the BKPT 0xAB at the stacked PC, steps over
 * it, returns -1 in r0 (every semihosting operation the port uses treats -1 as
 * failure) and marks semihosting as absent so that later calls do not trap
 * again. The firmware then runs with an empty command line, the entropy source
 * reports MSDK_ERR_NOT_SUPPORTED, and a return from main() parks the core in
 * a WFI loop instead of ending the emulator.
 */
#include <stdint.h>
#include <string.h>
#include "msdk/port/board.h"
#include "msdk/port/watchdog.h"
#include "mps2_crt.h"
#include "mps2_internal.h"

/* Symbols of the linker script (mps2_an386.ld). */
typedef void (*msdk_mps2_ctor_t)(void);
extern const msdk_mps2_ctor_t msdk_mps2_preinit_array_start[];
extern const msdk_mps2_ctor_t msdk_mps2_preinit_array_end[];
extern const msdk_mps2_ctor_t msdk_mps2_init_array_start[];
extern const msdk_mps2_ctor_t msdk_mps2_init_array_end[];

/* The firmware's entry point. */
int main(int argc, char **argv);

/* Handlers implemented in the other files of the port. */
void msdk_mps2_reset_handler(void);
void msdk_mps2_nmi_handler(void);
void msdk_mps2_hardfault_handler(void);
void msdk_mps2_default_handler(void);
void msdk_mps2_fault_c(uint32_t *frame, uint32_t exc_return);
void msdk_mps2_systick_handler(void);
void msdk_mps2_uart0_handler(void);
void msdk_mps2_uart1_handler(void);
void msdk_mps2_uart2_handler(void);
void msdk_mps2_uart3_handler(void);
void msdk_mps2_uart_overrun_handler(void);
void msdk_mps2_afe_handler(void);

#define MSDK_MPS2_NUM_IRQ   32u
#define MSDK_MPS2_CODE_SIZE 0x00400000u /* ZBT SSRAM1 at 0: code memory */

typedef void (*msdk_mps2_handler_t)(void);

/** The vector table: initial stack pointer, 15 exceptions, 32 device interrupts. */
typedef struct msdk_mps2_vector_table {
    uint32_t *stack_top;
    msdk_mps2_handler_t exceptions[15];
    msdk_mps2_handler_t irqs[MSDK_MPS2_NUM_IRQ];
} msdk_mps2_vector_table_t;

MSDK_SECTION(".msdk_vectors")
const msdk_mps2_vector_table_t msdk_mps2_vectors = {
    .stack_top = msdk_mps2_stack_top,
    .exceptions = {
        msdk_mps2_reset_handler,     /* 1 Reset */
        msdk_mps2_nmi_handler,       /* 2 NMI (CMSDK watchdog) */
        msdk_mps2_hardfault_handler, /* 3 HardFault */
        msdk_mps2_hardfault_handler, /* 4 MemManage */
        msdk_mps2_hardfault_handler, /* 5 BusFault */
        msdk_mps2_hardfault_handler, /* 6 UsageFault */
        0,
        0,
        0,
        0,
        msdk_mps2_default_handler, /* 11 SVCall */
        msdk_mps2_default_handler, /* 12 DebugMonitor */
        0,
        msdk_mps2_default_handler, /* 14 PendSV */
        msdk_mps2_systick_handler, /* 15 SysTick */
    },
    .irqs = {
        [0] = msdk_mps2_uart0_handler,  /* UART0 RX */
        [1] = msdk_mps2_uart0_handler,  /* UART0 TX */
        [2] = msdk_mps2_uart1_handler,  /* UART1 RX */
        [3] = msdk_mps2_uart1_handler,  /* UART1 TX */
        [4] = msdk_mps2_uart2_handler,  /* UART2 RX */
        [5] = msdk_mps2_uart2_handler,  /* UART2 TX */
        [6] = msdk_mps2_default_handler,
        [7] = msdk_mps2_default_handler,
        [8] = msdk_mps2_afe_handler, /* timer 0: AFE stand-in */
        [9] = msdk_mps2_default_handler,
        [10] = msdk_mps2_default_handler,
        [11] = msdk_mps2_default_handler,
        [12] = msdk_mps2_uart_overrun_handler, /* UART0..2 overrun */
        [13] = msdk_mps2_default_handler,
        [14] = msdk_mps2_default_handler,
        [15] = msdk_mps2_default_handler,
        [16] = msdk_mps2_default_handler,
        [17] = msdk_mps2_default_handler,
        [18] = msdk_mps2_uart3_handler, /* UART3 RX */
        [19] = msdk_mps2_uart3_handler, /* UART3 TX */
        [20] = msdk_mps2_default_handler,
        [21] = msdk_mps2_default_handler,
        [22] = msdk_mps2_default_handler,
        [23] = msdk_mps2_default_handler,
        [24] = msdk_mps2_default_handler,
        [25] = msdk_mps2_default_handler,
        [26] = msdk_mps2_default_handler,
        [27] = msdk_mps2_default_handler,
        [28] = msdk_mps2_default_handler,
        [29] = msdk_mps2_default_handler,
        [30] = msdk_mps2_default_handler,
        [31] = msdk_mps2_default_handler,
    },
};

/* ---- semihosting ------------------------------------------------------- */

static volatile bool msdk_mps2_semihost_absent;

bool msdk_mps2_semihost_is_available(void)
{
    return !msdk_mps2_semihost_absent;
}

uint32_t msdk_mps2_semihost_call(uint32_t op, void *arg)
{
    if (msdk_mps2_semihost_absent) {
        return UINT32_MAX;
    }
    register uint32_t r0 __asm("r0") = op;
    register void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void msdk_mps2_semihost_exit(int status)
{
    if (msdk_mps2_semihost_is_available()) {
        uint32_t block[2] = { MSDK_MPS2_SH_ADP_APP_EXIT, (uint32_t)status };
        (void)msdk_mps2_semihost_call(MSDK_MPS2_SH_SYS_EXIT_EXTENDED, block);
    }
    /* No host (or it ignored the request): stop here, quietly. */
    __asm volatile("cpsid i" ::: "memory");
    for (;;) {
        __asm volatile("wfi");
    }
}

/* ---- command line -------------------------------------------------------- */

#define MSDK_MPS2_CMDLINE_MAX 512u
#define MSDK_MPS2_ARGV_MAX    32u

static char msdk_mps2_cmdline[MSDK_MPS2_CMDLINE_MAX];
static char *msdk_mps2_argv[MSDK_MPS2_ARGV_MAX + 1u];

/* SYS_GET_CMDLINE: QEMU answers "<kernel file> <-append string>"; split it on spaces. */
static int msdk_mps2_cmdline_fetch(void)
{
    uint32_t block[2] = { (uint32_t)(uintptr_t)msdk_mps2_cmdline, MSDK_MPS2_CMDLINE_MAX - 1u };
    int argc = 0;

    if (msdk_mps2_semihost_call(MSDK_MPS2_SH_SYS_GET_CMDLINE, block) != 0u) {
        msdk_mps2_argv[0] = NULL;
        return 0;
    }
    uint32_t len = (block[1] < MSDK_MPS2_CMDLINE_MAX) ? block[1] : (MSDK_MPS2_CMDLINE_MAX - 1u);
    msdk_mps2_cmdline[len] = '\0';

    char *p = msdk_mps2_cmdline;
    while ((*p != '\0') && (argc < (int)MSDK_MPS2_ARGV_MAX)) {
        while (*p == ' ') {
            *p++ = '\0';
        }
        if (*p == '\0') {
            break;
        }
        msdk_mps2_argv[argc++] = p;
        while ((*p != ' ') && (*p != '\0')) {
            p++;
        }
    }
    msdk_mps2_argv[argc] = NULL;
    return argc;
}

/* ---- reset --------------------------------------------------------------- */

void msdk_mps2_reset_handler(void)
{
    msdk_mps2_crt_init(&msdk_mps2_vectors);

    msdk_mps2_noinit_boot();
    msdk_mps2_nvm_boot();
    msdk_mps2_image_boot();
    msdk_mps2_clock_boot();
    msdk_mps2_console_boot();
    __asm volatile("cpsie i" ::: "memory");

    /* C constructors (__attribute__((constructor)), C++ static objects). */
    for (const msdk_mps2_ctor_t *f = msdk_mps2_preinit_array_start; f < msdk_mps2_preinit_array_end;
         ++f) {
        (*f)();
    }
    for (const msdk_mps2_ctor_t *f = msdk_mps2_init_array_start; f < msdk_mps2_init_array_end;
         ++f) {
        (*f)();
    }

    int argc = msdk_mps2_cmdline_fetch();
    int status = main(argc, msdk_mps2_argv);

    msdk_mps2_uart_flush_all(1000u);
    msdk_mps2_semihost_exit(status);
}

/* ---- faults -------------------------------------------------------------- */

static void msdk_mps2_fault_report(const char *what, uint32_t exc, const uint32_t *frame)
{
    char line[160];
    size_t n = 0;

    n = msdk_mps2_fmt_str(line, sizeof line, n, "\r\n*** mps2-an386: ");
    n = msdk_mps2_fmt_str(line, sizeof line, n, what);
    n = msdk_mps2_fmt_str(line, sizeof line, n, " (exception ");
    n = msdk_mps2_fmt_u32(line, sizeof line, n, exc);
    n = msdk_mps2_fmt_str(line, sizeof line, n, ")");
    if (frame != NULL) {
        n = msdk_mps2_fmt_str(line, sizeof line, n, " pc=");
        n = msdk_mps2_fmt_hex32(line, sizeof line, n, frame[6]);
        n = msdk_mps2_fmt_str(line, sizeof line, n, " lr=");
        n = msdk_mps2_fmt_hex32(line, sizeof line, n, frame[5]);
    }
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
    n = msdk_mps2_fmt_str(line, sizeof line, n, " cfsr=");
    n = msdk_mps2_fmt_hex32(line, sizeof line, n, MSDK_MPS2_REG(MSDK_MPS2_SCB_CFSR));
    n = msdk_mps2_fmt_str(line, sizeof line, n, " hfsr=");
    n = msdk_mps2_fmt_hex32(line, sizeof line, n, MSDK_MPS2_REG(MSDK_MPS2_SCB_HFSR));
    n = msdk_mps2_fmt_str(line, sizeof line, n, " bfar=");
    n = msdk_mps2_fmt_hex32(line, sizeof line, n, MSDK_MPS2_REG(MSDK_MPS2_SCB_BFAR));
#endif
    (void)msdk_mps2_fmt_str(line, sizeof line, n, "\r\n");
    msdk_mps2_console_write_polled(line);
}

static uint32_t msdk_mps2_ipsr(void)
{
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr & 0x1FFu;
}

/* Exit status after a fault: 128 + exception number, like a shell reports a signal. */
MSDK_NORETURN static void msdk_mps2_fault_exit(uint32_t exc)
{
    if (msdk_mps2_semihost_is_available()) {
        msdk_mps2_semihost_exit(128 + (int)exc);
    }
    /* Real hardware without a debugger: start again. */
    msdk_port_system_reset();
}

void msdk_mps2_fault_c(uint32_t *frame, uint32_t exc_return)
{
    (void)exc_return;
    uint32_t pc = frame[6];

    /* A semihosting call with nobody listening: skip it, answer -1. Only a
     * PC inside the code memory is looked at (a wild PC must not fault again). */
    if ((pc < MSDK_MPS2_CODE_SIZE) &&
        (*(const volatile uint16_t *)(uintptr_t)(pc & ~1u) == 0xBEABu)) {
        frame[0] = UINT32_MAX;
        frame[6] = pc + 2u;
        msdk_mps2_semihost_absent = true;
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
        MSDK_MPS2_REG(MSDK_MPS2_SCB_HFSR) = MSDK_MPS2_HFSR_DEBUGEVT;
        MSDK_MPS2_REG(MSDK_MPS2_SCB_DFSR) = MSDK_MPS2_DFSR_BKPT;
#endif
        return;
    }
    uint32_t exc = msdk_mps2_ipsr();
    msdk_mps2_fault_report("HardFault", exc, frame);
    msdk_mps2_fault_exit(exc);
}

/* Find the exception frame (MSP or PSP, bit 2 of EXC_RETURN) and go to C.
 * ARMv6-M compatible instructions only. */
__attribute__((naked)) void msdk_mps2_hardfault_handler(void)
{
    __asm volatile("movs r0, #4\n\t"
                   "mov r1, lr\n\t"
                   "tst r0, r1\n\t"
                   "beq 1f\n\t"
                   "mrs r0, psp\n\t"
                   "b 2f\n"
                   "1:\n\t"
                   "mrs r0, msp\n"
                   "2:\n\t"
                   "ldr r2, =msdk_mps2_fault_c\n\t"
                   "bx r2\n\t"
                   ".ltorg\n");
}

void msdk_mps2_default_handler(void)
{
    uint32_t exc = msdk_mps2_ipsr();
    msdk_mps2_fault_report("unexpected interrupt", exc, NULL);
    msdk_mps2_fault_exit(exc);
}
