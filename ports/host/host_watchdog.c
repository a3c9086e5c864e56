/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Watchdog in simulated time, reset cause and system reset.
 *
 * The reset cause of a run is read from a marker file next to the NVM file
 * (<nvm>.reset, "watchdog" or "software") that the previous run wrote when its watchdog
 * expired or it called msdk_port_system_reset(); the marker is removed once read.
 * Without a marker the cause is power-on. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "host_internal.h"

#define WATCHDOG_MAX_MS 86400000u

void msdk_host_reset_cause_load(msdk_host_board_t *b)
{
    char word[16] = { 0 };
    (void)snprintf(b->reset_marker, sizeof(b->reset_marker), "%s.reset", b->opt.nvm_path);
    b->reset_cause = MSDK_RESET_POWER_ON;
    FILE *f = fopen(b->reset_marker, "r");
    if (f == NULL) {
        return;
    }
    size_t n = fread(word, 1, sizeof(word) - 1u, f);
    (void)fclose(f);
    (void)unlink(b->reset_marker);
    word[n] = '\0';
    if (strncmp(word, "watchdog", 8) == 0) {
        b->reset_cause = MSDK_RESET_WATCHDOG;
    } else if (strncmp(word, "software", 8) == 0) {
        b->reset_cause = MSDK_RESET_SOFTWARE;
    }
}

void msdk_host_reset_cause_store(msdk_host_board_t *b, msdk_reset_cause_t cause)
{
    FILE *f = fopen(b->reset_marker, "w");
    if (f == NULL) {
        return;
    }
    (void)fputs((cause == MSDK_RESET_WATCHDOG) ? "watchdog\n" : "software\n", f);
    (void)fclose(f);
}

void msdk_host_watchdog_check(msdk_host_board_t *b)
{
    msdk_host_watchdog_t *w = &b->watchdog;
    if (w->running && (b->clock.now_us >= w->deadline_us)) {
        w->running = false;
        msdk_host_console_printf(b, "watchdog expired");
        msdk_host_reset_cause_store(b, MSDK_RESET_WATCHDOG);
        msdk_host_board_stop(b, MSDK_HOST_EXIT_WATCHDOG, "watchdog expired");
    }
}

msdk_err_t msdk_port_watchdog_start(uint32_t timeout_ms)
{
    msdk_host_board_t *b = msdk_host_board();
    if ((timeout_ms == 0u) || (timeout_ms > WATCHDOG_MAX_MS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!b->initialized) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    b->watchdog.running = true;
    b->watchdog.timeout_us = (uint64_t)timeout_ms * 1000u;
    b->watchdog.deadline_us = b->clock.now_us + b->watchdog.timeout_us;
    return MSDK_OK;
}

void msdk_port_watchdog_kick(void)
{
    msdk_host_board_t *b = msdk_host_board();
    if (b->watchdog.running) {
        b->watchdog.deadline_us = b->clock.now_us + b->watchdog.timeout_us;
    }
}

msdk_reset_cause_t msdk_port_reset_cause(void)
{
    msdk_host_board_t *b = msdk_host_board();
    return b->initialized ? b->reset_cause : MSDK_RESET_UNKNOWN;
}

/* Re-executes the simulator with its arguments: the firmware boots again. */
void msdk_port_system_reset(void)
{
    msdk_host_board_t *b = msdk_host_board();
    int argc = b->argc;
    char **argv = b->argv;
    if (b->initialized) {
        msdk_host_console_printf(b, "system reset");
        msdk_host_reset_cause_store(b, MSDK_RESET_SOFTWARE);
    }
    msdk_host_board_shutdown();
    (void)fflush(NULL);
    if ((argv != NULL) && (argc > 0) && (argv[argc] == NULL)) {
        (void)execv("/proc/self/exe", argv);
        (void)fprintf(stderr, "system reset: cannot re-execute the simulator: %s\n",
                      strerror(errno));
    }
    exit(MSDK_HOST_EXIT_RESET_FAILED);
}
