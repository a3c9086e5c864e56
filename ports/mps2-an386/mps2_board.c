/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Board port: options, main-loop idle, device instances, console log.
 *
 * Options (from the semihosting command line, i.e. QEMU's -append "..."):
 *   --run-ms N     msdk_port_board_idle() returns false once the uptime
 *                  reaches N milliseconds (a test harness ends the run)
 *   --inputs MASK  force msdk_io_input_t bits active (tamper/button tests)
 */
#include <string.h>
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "mps2_internal.h"

volatile bool msdk_mps2_event;

extern const msdk_nvm_t msdk_mps2_nvm_data;

static uint64_t msdk_mps2_run_ms; /* 0: run for ever */
static int msdk_mps2_exit_status;

static void msdk_mps2_usage(const char *what, const char *arg)
{
    char line[128];
    size_t n = msdk_mps2_fmt_str(line, sizeof line, 0, "mps2-an386: ");
    n = msdk_mps2_fmt_str(line, sizeof line, n, what);
    n = msdk_mps2_fmt_str(line, sizeof line, n, " '");
    n = msdk_mps2_fmt_str(line, sizeof line, n, arg);
    (void)msdk_mps2_fmt_str(line, sizeof line, n, "'");
    msdk_port_board_log(line);
    msdk_port_board_log("mps2-an386: options: [--run-ms N] [--inputs MASK]");
}

msdk_err_t msdk_port_board_init(int argc, char **argv)
{
    msdk_mps2_uart_start_all();
    msdk_mps2_exit_status = 0;
    msdk_mps2_noinit_report();

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt == NULL) {
            break;
        }
        if ((strcmp(opt, "--run-ms") == 0) || (strcmp(opt, "--inputs") == 0)) {
            uint32_t v;
            if ((i + 1 >= argc) || !msdk_mps2_parse_u32(argv[i + 1], &v)) {
                msdk_mps2_usage("bad or missing value for", opt);
                return MSDK_ERR_INVALID_ARG;
            }
            i++;
            if (strcmp(opt, "--run-ms") == 0) {
                msdk_mps2_run_ms = v;
            } else {
                msdk_mps2_io_forced_inputs = v;
            }
        } else {
            msdk_mps2_usage("unknown option", opt);
            return MSDK_ERR_INVALID_ARG;
        }
    }
    return MSDK_OK;
}

bool msdk_port_board_idle(uint32_t max_wait_ms)
{
    uint64_t now = msdk_port_clock_uptime_ms();
    uint64_t deadline = now + max_wait_ms;

    if ((msdk_mps2_run_ms != 0u) && (deadline > msdk_mps2_run_ms)) {
        deadline = msdk_mps2_run_ms;
    }
    /* Sleep until an interrupt brings news or the deadline passes. The check
     * runs with PRIMASK set: WFI still wakes on a pending interrupt, so an
     * event between the check and the WFI is not missed. */
    while (now < deadline) {
        __asm volatile("cpsid i" ::: "memory");
        if (msdk_mps2_event) {
            __asm volatile("cpsie i" ::: "memory");
            break;
        }
        __asm volatile("dsb\n\twfi\n\tcpsie i\n\tisb" ::: "memory");
        now = msdk_port_clock_uptime_ms();
    }
    msdk_mps2_event = false;

    if ((msdk_mps2_run_ms != 0u) && (msdk_port_clock_uptime_ms() >= msdk_mps2_run_ms)) {
        return false;
    }
    return true;
}

int msdk_port_board_exit_status(void)
{
    return msdk_mps2_exit_status;
}

const char *msdk_port_board_name(void)
{
    return "mps2-an386";
}

const char *msdk_port_board_config(const char *key)
{
    (void)key; /* no settings: the firmware's defaults apply */
    return NULL;
}

const msdk_serial_t *msdk_port_board_serial(msdk_board_serial_t which)
{
    switch (which) {
    case MSDK_BOARD_SERIAL_CONSOLE: return &msdk_mps2_serial[0];
    case MSDK_BOARD_SERIAL_OPTICAL: return &msdk_mps2_serial[1];
    case MSDK_BOARD_SERIAL_MBUS: return &msdk_mps2_serial[2];
    case MSDK_BOARD_SERIAL_WAN: return &msdk_mps2_serial[3];
    case MSDK_BOARD_SERIAL_COUNT: break;
    }
    return NULL;
}

const msdk_nvm_t *msdk_port_board_nvm(msdk_board_nvm_t which)
{
    return (which == MSDK_BOARD_NVM_DATA) ? &msdk_mps2_nvm_data : NULL;
}

void msdk_port_board_log(const char *line)
{
    if (line == NULL) {
        return;
    }
    msdk_mps2_console_write(line);
    msdk_mps2_console_write("\r\n");
}
