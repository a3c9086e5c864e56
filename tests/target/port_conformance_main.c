/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * port-conformance.elf: the port conformance suite (tests/port) on the
 * board: msdk_conf_nvm() on the data NVM region, msdk_conf_clock() on the
 * board's own clock and, when the board's serial channels are wired for it,
 * msdk_conf_serial_pair(). One console line per check, then
 * "port conformance: N passed, M failed"; main() returns M (at most 255).
 *
 * Nothing here is specific to one board: any port can build this image.
 *
 * Own options (taken out of argv before msdk_port_board_init() sees the rest):
 *   --serial-pair      the optical and M-Bus channels are wired to each other
 *                      (run-qemu.sh QEMU_UART_PAIR=1 on mps2-an386: UART1 and
 *                      UART2 cross-connected): full two-port serial checks
 *   --serial-loopback  the optical channel is wired to itself (run-qemu.sh
 *                      QEMU_UART1_LOOPBACK=1): the loopback variant
 * Without either the serial checks are skipped (and say so).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/compiler.h"
#include "msdk/port/board.h"
#include "msdk/port/serial.h"
#include "port_conformance.h"
#include "target_check.h"

#define ARGV_MAX 32

typedef enum serial_wiring {
    WIRING_NONE,
    WIRING_PAIR,
    WIRING_LOOPBACK
} serial_wiring_t;

/* One line per check: "ok   nvm.erase_sets_ff" or "FAIL nvm.x: detail". */
static void report(void *ctx, const msdk_conf_result_t *r)
{
    char name[80];
    MSDK_UNUSED_PARAM(ctx);
    size_t n = tgt_cat(name, sizeof name, 0, r->suite);
    n = tgt_cat(name, sizeof name, n, ".");
    (void)tgt_cat(name, sizeof name, n, r->check);
    (void)tgt_check_detail(name, r->passed, r->detail);
}

/* Called whenever the serial suite waits. The UARTs are interrupt-driven, so
 * there is nothing to serve, but every 64th call sleeps until the next
 * interrupt (at most 1 ms): on a loaded machine that leaves the emulator's
 * I/O thread time to move the bytes. The suite declares a stall after
 * 100,000 calls without progress: about 0.1 s of pure polling, about 2 s
 * this way. */
static void serial_pump(void *ctx)
{
    uint32_t *calls = ctx;
    *calls += 1u;
    if ((*calls % 64u) == 0u) {
        (void)msdk_port_board_idle(1u);
    }
}

static void run_serial(serial_wiring_t wiring, int *failed)
{
    static uint32_t pump_calls;
    const msdk_serial_t *a = msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL);
    const msdk_serial_t *b = a;
    if (wiring == WIRING_PAIR) {
        b = msdk_port_board_serial(MSDK_BOARD_SERIAL_MBUS);
        msdk_port_board_log("port conformance: serial, optical <-> mbus");
    } else if (wiring == WIRING_LOOPBACK) {
        msdk_port_board_log("port conformance: serial, optical looped back");
    } else {
        msdk_port_board_log("port conformance: serial skipped "
                            "(no --serial-pair or --serial-loopback)");
        return;
    }
    *failed += msdk_conf_serial_pair(a, b, serial_pump, &pump_calls, report, NULL);
}

int main(int argc, char **argv)
{
    static char *board_argv[ARGV_MAX + 1];
    int board_argc = 0;
    serial_wiring_t wiring = WIRING_NONE;

    /* Take our own options out; pass the rest to the board. */
    if (argc > 0) {
        board_argv[board_argc++] = argv[0];
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--serial-pair") == 0) {
            wiring = WIRING_PAIR;
        } else if (strcmp(argv[i], "--serial-loopback") == 0) {
            wiring = WIRING_LOOPBACK;
        } else if (board_argc < ARGV_MAX) {
            board_argv[board_argc++] = argv[i];
        }
    }
    board_argv[board_argc] = NULL;

    if (msdk_port_board_init(board_argc, board_argv) != MSDK_OK) {
        msdk_port_board_log("port conformance: board init failed");
        return 100;
    }

    char line[96];
    size_t n = tgt_cat(line, sizeof line, 0, "port conformance: board ");
    (void)tgt_cat(line, sizeof line, n, msdk_port_board_name());
    msdk_port_board_log(line);

    int failed = 0;
    msdk_port_board_log("port conformance: nvm, data region");
    failed += msdk_conf_nvm(msdk_port_board_nvm(MSDK_BOARD_NVM_DATA), report, NULL);
    msdk_port_board_log("port conformance: clock, board functions");
    failed += msdk_conf_clock(msdk_conf_clock_port(), report, NULL);
    run_serial(wiring, &failed);

    /* The suites' own failure counts must agree with what they reported. */
    (void)tgt_check("runner.failures_all_reported", (unsigned)failed == tgt_counts.failed);
    return tgt_summary("port conformance");
}
