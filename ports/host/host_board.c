/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The simulated board: its one state struct, bring-up from the command line, shutdown,
 * and the small board.h services. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include "host_internal.h"

/* All mutable state of the port. One meter per process today; everything reaches it
 * through msdk_host_board() so that several boards can be added later. */
static msdk_host_board_t board;

msdk_host_board_t *msdk_host_board(void)
{
    return &board;
}

static void board_reset(msdk_host_board_t *b)
{
    memset(b, 0, sizeof(*b));
    b->nvm.fd = -1;
    b->image.fd = -1;
    b->signal_fd = -1;
    b->control.listen_fd = -1;
    msdk_host_net_init(b);
    for (size_t i = 0; i < MSDK_HOST_CONTROL_MAX_CLIENTS; i++) {
        b->control.client[i].fd = -1;
    }
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        for (size_t e = 0; e < 2u; e++) {
            b->chan[i].ep[e].fd = -1;
            b->chan[i].ep[e].listen_fd = -1;
        }
    }
}

void msdk_host_board_stop(msdk_host_board_t *b, int exit_status, const char *reason)
{
    if (!b->stop) {
        b->stop = true;
        b->exit_status = exit_status;
        b->stop_reason = reason;
    }
}

/* SIGINT and SIGTERM arrive through a signalfd in the poll set: no handler, no global. */
static msdk_err_t signals_open(msdk_host_board_t *b)
{
    sigset_t set;
    (void)sigemptyset(&set);
    (void)sigaddset(&set, SIGINT);
    (void)sigaddset(&set, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &set, &b->saved_mask) != 0) {
        return MSDK_ERR_IO;
    }
    b->signals_blocked = true;
    b->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    return (b->signal_fd >= 0) ? MSDK_OK : MSDK_ERR_IO;
}

static void signals_close(msdk_host_board_t *b)
{
    msdk_host_fd_close(&b->signal_fd);
    if (b->signals_blocked) {
        (void)sigprocmask(SIG_SETMASK, &b->saved_mask, NULL);
        b->signals_blocked = false;
    }
}

static uint64_t pick_seed(const msdk_host_options_t *o)
{
    uint64_t seed = 0;
    if (o->seed_set) {
        return o->seed;
    }
    if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed)) {
        seed = msdk_host_mono_ns() ^ ((uint64_t)getpid() << 32);
    }
    return seed;
}

static const char *reset_cause_name(msdk_reset_cause_t cause)
{
    switch (cause) {
    case MSDK_RESET_POWER_ON: return "power-on";
    case MSDK_RESET_WATCHDOG: return "watchdog";
    case MSDK_RESET_SOFTWARE: return "software";
    default: return "unknown";
    }
}

static void banner(msdk_host_board_t *b)
{
    char utc[40];
    char speed[48];
    msdk_host_console_printf(b, "host: time %s, RTC %s%s (%+.3f ppm), reset cause %s",
                             msdk_host_clock_speed_format(&b->clock, "x", speed, sizeof(speed)),
                             msdk_host_clock_rtc_format(&b->clock, utc, sizeof(utc)),
                             b->clock.rtc_valid ? "" : " invalid",
                             (double)b->clock.crystal_ppb / 1000.0,
                             reset_cause_name(b->reset_cause));
    msdk_host_console_printf(b, "nvm: %s, %u bytes, sector %u, page %u%s", b->nvm.path,
                             (unsigned)b->nvm.nvm.geo.size, (unsigned)b->nvm.nvm.geo.sector_size,
                             (unsigned)b->nvm.nvm.geo.page_size, b->nvm.sync ? ", sync" : "");
    msdk_host_console_printf(b, "grid: noise seed %llu%s", (unsigned long long)b->grid.seed,
                             b->afe.off ? ", AFE off" : "");
}

msdk_err_t msdk_port_board_init(int argc, char **argv)
{
    msdk_host_board_t *b = &board;
    char why[256];
    bool help = false;
    if (b->alive) {
        return MSDK_ERR_STATE;
    }
    board_reset(b);
    const char *prog = ((argc > 0) && (argv != NULL) && (argv[0] != NULL)) ? argv[0] : "meter";
    msdk_err_t err =
        msdk_host_options_parse(&b->opt, (argv != NULL) ? argc : 0, argv, &help, why, sizeof(why));
    if (err != MSDK_OK) {
        (void)fprintf(stderr, "%s: %s\n", prog, why);
        msdk_host_options_usage(stderr, prog);
        board_reset(b);
        return MSDK_ERR_INVALID_ARG;
    }
    if (help) {
        msdk_host_options_usage(stdout, prog);
        (void)fflush(stdout);
        exit(EXIT_SUCCESS);
    }
    b->alive = true;
    b->argc = argc;
    b->argv = argv;
    msdk_host_console_init(b);
    msdk_host_clock_init(&b->clock, &b->opt);
    memcpy(b->image.path, b->opt.image_path, sizeof(b->image.path));
    msdk_host_io_init(b);
    msdk_host_mbus_open(b);
    msdk_host_grid_init(&b->grid, pick_seed(&b->opt), b->opt.noise_codes);
    b->afe.off = b->opt.afe_off;
    err = msdk_host_nvm_open(&b->nvm, &b->opt);
    if (err == MSDK_OK) {
        msdk_host_reset_cause_load(b); /* after the NVM lock: the marker is ours */
        err = signals_open(b);
    }
    if (err == MSDK_OK) {
        err = msdk_host_serial_open(b);
    }
    if (err == MSDK_OK) {
        err = msdk_host_control_open(b);
    }
    if (err != MSDK_OK) {
        msdk_host_board_shutdown();
        return err;
    }
    b->initialized = true;
    banner(b);
    return MSDK_OK;
}

void msdk_host_board_shutdown(void)
{
    msdk_host_board_t *b = &board;
    if (!b->alive) {
        return;
    }
    msdk_host_control_close(b);
    msdk_host_net_close(b);
    msdk_host_serial_close(b);
    msdk_host_image_close(b);
    msdk_host_nvm_close(&b->nvm);
    signals_close(b);
    (void)fflush(stdout);
    board_reset(b);
}

void msdk_host_stop(int exit_status)
{
    msdk_host_board_stop(&board, exit_status, "stop requested");
}

int msdk_port_board_exit_status(void)
{
    return board.exit_status;
}

const char *msdk_port_board_name(void)
{
    return "host";
}

const char *msdk_port_board_config(const char *key)
{
    const msdk_host_options_t *o = &msdk_host_board()->opt;
    size_t n = (key != NULL) ? strlen(key) : 0u;
    for (unsigned i = 0; (n != 0u) && (i < o->config_n); i++) {
        if ((strncmp(o->config[i], key, n) == 0) && (o->config[i][n] == '=')) {
            return &o->config[i][n + 1u];
        }
    }
    return NULL;
}

void msdk_port_board_log(const char *line)
{
    if (line == NULL) {
        return;
    }
    if (board.initialized) {
        msdk_host_console_printf(&board, "%s", line);
    } else {
        (void)puts(line);
        (void)fflush(stdout);
    }
}

const msdk_nvm_t *msdk_port_board_nvm(msdk_board_nvm_t which)
{
    if (!board.initialized || (which != MSDK_BOARD_NVM_DATA)) {
        return NULL;
    }
    return &board.nvm.nvm;
}
