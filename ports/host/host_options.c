/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Command-line options of the simulator: `--name value` or `--name=value`. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "host_internal.h"

typedef enum opt_id {
    OPT_HELP,
    OPT_SPEED,
    OPT_STEPPED,
    OPT_START_TIME,
    OPT_RTC_PPM,
    OPT_RTC_INVALID,
    OPT_RUN_MS,
    OPT_NVM,
    OPT_NVM_SIZE,
    OPT_NVM_SECTOR,
    OPT_NVM_PAGE,
    OPT_NVM_SYNC,
    OPT_IMAGE,
    OPT_OPTICAL_TCP,
    OPT_NET_TCP,
    OPT_OPTICAL_PTY,
    OPT_MBUS_TCP,
    OPT_MBUS_PTY,
    OPT_MBUS_BUS,
    OPT_WAN_TCP,
    OPT_WAN_PTY,
    OPT_NO_WAN_PTY,
    OPT_CONTROL_TCP,
    OPT_TCP_ANY,
    OPT_AFE_OFF,
    OPT_SEED,
    OPT_NOISE,
    OPT_NO_LCD,
    OPT_RELAY_OPEN,
    OPT_CONFIG,
} opt_id_t;

typedef struct opt_desc {
    const char *name;
    const char *arg; /* NULL: a flag */
    opt_id_t id;
    const char *help;
} opt_desc_t;

static const opt_desc_t options[] = {
    { "--help", NULL, OPT_HELP, "show this help and exit" },
    { "--speed", "N", OPT_SPEED, "simulated time runs N x real time (default 1; up to 1e6)" },
    { "--stepped", NULL, OPT_STEPPED, "time moves only on `clock step` (control interface)" },
    { "--start-time", "UTC", OPT_START_TIME,
      "RTC at start, e.g. 2026-03-29T00:59:00Z (default: host clock)" },
    { "--rtc-ppm", "X", OPT_RTC_PPM, "RTC crystal error in ppm, +-1000 (default 0)" },
    { "--rtc-invalid", NULL, OPT_RTC_INVALID, "start with an invalid RTC (backup lost)" },
    { "--run-ms", "N", OPT_RUN_MS, "stop after N ms of simulated time" },
    { "--nvm", "FILE", OPT_NVM, "NVM file (default " MSDK_HOST_DEFAULT_NVM_FILE ")" },
    { "--nvm-size", "BYTES", OPT_NVM_SIZE, "NVM size, k/M suffix allowed (default 2M)" },
    { "--nvm-sector", "BYTES", OPT_NVM_SECTOR, "NVM erase sector (default 4096)" },
    { "--nvm-page", "BYTES", OPT_NVM_PAGE, "NVM program page (default 256)" },
    { "--nvm-sync", NULL, OPT_NVM_SYNC, "fdatasync the NVM file after every program and erase" },
    { "--image", "FILE", OPT_IMAGE,
      "firmware download slot file (default " MSDK_HOST_DEFAULT_IMAGE_FILE ")" },
    { "--optical-tcp", "PORT|off", OPT_OPTICAL_TCP, "optical channel TCP port (default 4060)" },
    { "--net-tcp", "PORT|off", OPT_NET_TCP, "network port (DLMS wrapper) TCP port (default 4059)" },
    { "--optical-pty", NULL, OPT_OPTICAL_PTY, "also give the optical channel a pty" },
    { "--mbus-tcp", "PORT|off", OPT_MBUS_TCP, "M-Bus channel TCP port (default 4062)" },
    { "--mbus-pty", NULL, OPT_MBUS_PTY, "also give the M-Bus channel a pty" },
    { "--mbus-bus", "segment|bridge", OPT_MBUS_BUS,
      "segment (default): the M-Bus UART drives the simulated slaves, --mbus-tcp/--mbus-pty "
      "are a second master on them; bridge: the M-Bus UART is on --mbus-tcp/--mbus-pty" },
    { "--wan-tcp", "PORT|off", OPT_WAN_TCP, "WAN channel TCP port (default off)" },
    { "--wan-pty", NULL, OPT_WAN_PTY, "give the WAN channel a pty (default)" },
    { "--no-wan-pty", NULL, OPT_NO_WAN_PTY, "no pty for the WAN channel" },
    { "--control-tcp", "PORT|off", OPT_CONTROL_TCP, "control interface TCP port (default 4070)" },
    { "--tcp-any", NULL, OPT_TCP_ANY, "bind every TCP listener to an ephemeral port" },
    { "--afe-off", NULL, OPT_AFE_OFF, "no AFE samples (time then runs as fast as asked)" },
    { "--seed", "N", OPT_SEED, "seed of the grid noise (default random; printed)" },
    { "--noise", "CODES", OPT_NOISE, "RMS noise added to every AFE channel (default 0)" },
    { "--no-lcd", NULL, OPT_NO_LCD, "do not render the LCD on stdout" },
    { "--relay-open", NULL, OPT_RELAY_OPEN, "start with the relay contacts open" },
    { "--config", "KEY=VALUE", OPT_CONFIG, "a setting for the firmware (repeatable)" },
};

void msdk_host_options_usage(FILE *stream, const char *prog)
{
    (void)fprintf(stream,
                  "usage: %s [options]\n"
                  "Runs the meter firmware as a simulator process (msdk host port).\n"
                  "options:\n",
                  (prog != NULL) ? prog : "meter");
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(options); i++) {
        char left[40];
        (void)snprintf(left, sizeof(left), "%s%s%s", options[i].name,
                       (options[i].arg != NULL) ? " " : "",
                       (options[i].arg != NULL) ? options[i].arg : "");
        (void)fprintf(stream, "  %-26s %s\n", left, options[i].help);
    }
}

static bool parse_port(const char *s, int32_t *port)
{
    uint64_t v;
    if (strcmp(s, "off") == 0) {
        *port = MSDK_HOST_PORT_OFF;
        return true;
    }
    if (!msdk_host_parse_u64(s, 65535u, &v)) {
        return false;
    }
    *port = (int32_t)v;
    return true;
}

static bool copy_path(char *dst, const char *src)
{
    size_t len = strlen(src);
    if ((len == 0u) || (len >= MSDK_HOST_PATH_MAX)) {
        return false;
    }
    memcpy(dst, src, len + 1u);
    return true;
}

static void defaults(msdk_host_options_t *o)
{
    memset(o, 0, sizeof(*o));
    o->speed = 1.0;
    (void)copy_path(o->nvm_path, MSDK_HOST_DEFAULT_NVM_FILE);
    o->nvm_size = MSDK_HOST_DEFAULT_NVM_SIZE;
    o->nvm_sector = MSDK_HOST_DEFAULT_NVM_SECTOR;
    o->nvm_page = MSDK_HOST_DEFAULT_NVM_PAGE;
    (void)copy_path(o->image_path, MSDK_HOST_DEFAULT_IMAGE_FILE);
    o->tcp_port[MSDK_BOARD_SERIAL_CONSOLE] = MSDK_HOST_PORT_OFF;
    o->tcp_port[MSDK_BOARD_SERIAL_OPTICAL] = (int32_t)MSDK_HOST_DEFAULT_OPTICAL_TCP_PORT;
    o->tcp_port[MSDK_BOARD_SERIAL_MBUS] = (int32_t)MSDK_HOST_DEFAULT_MBUS_TCP_PORT;
    o->tcp_port[MSDK_BOARD_SERIAL_WAN] = MSDK_HOST_PORT_OFF;
    o->pty[MSDK_BOARD_SERIAL_WAN] = true;
    o->control_port = (int32_t)MSDK_HOST_DEFAULT_CONTROL_TCP_PORT;
    o->net_port = 4059;
}

/* Applies one option; returns false with *why filled when the value is bad. */
static bool apply(msdk_host_options_t *o, opt_id_t id, const char *v, char *why, size_t cap)
{
    uint64_t u = 0;
    bool ok = true;
    switch (id) {
    case OPT_HELP: break;
    case OPT_SPEED:
        ok = msdk_host_parse_double(v, 1e-3, MSDK_HOST_CLOCK_SPEED_MAX, &o->speed);
        o->stepped = false;
        break;
    case OPT_STEPPED: o->stepped = true; break;
    case OPT_START_TIME:
        ok = msdk_host_parse_utc(v, &o->start_utc_us);
        o->start_time_set = ok;
        break;
    case OPT_RTC_PPM:
        ok = msdk_host_parse_double(v, -MSDK_HOST_RTC_PPM_MAX, MSDK_HOST_RTC_PPM_MAX, &o->rtc_ppm);
        break;
    case OPT_RTC_INVALID: o->rtc_invalid = true; break;
    case OPT_RUN_MS:
        ok = msdk_host_parse_u64(v, UINT64_MAX / 1000u, &o->run_ms);
        o->run_ms_set = ok;
        break;
    case OPT_NVM: ok = copy_path(o->nvm_path, v); break;
    case OPT_NVM_SIZE:
        ok = msdk_host_parse_size(v, 1024u * 1024u * 1024u, &u);
        o->nvm_size = (uint32_t)u;
        break;
    case OPT_NVM_SECTOR:
        ok = msdk_host_parse_size(v, 16u * 1024u * 1024u, &u);
        o->nvm_sector = (uint32_t)u;
        break;
    case OPT_NVM_PAGE:
        ok = msdk_host_parse_size(v, 16u * 1024u * 1024u, &u);
        o->nvm_page = (uint32_t)u;
        break;
    case OPT_NVM_SYNC: o->nvm_sync = true; break;
    case OPT_IMAGE: ok = copy_path(o->image_path, v); break;
    case OPT_OPTICAL_TCP: ok = parse_port(v, &o->tcp_port[MSDK_BOARD_SERIAL_OPTICAL]); break;
    case OPT_OPTICAL_PTY: o->pty[MSDK_BOARD_SERIAL_OPTICAL] = true; break;
    case OPT_MBUS_TCP: ok = parse_port(v, &o->tcp_port[MSDK_BOARD_SERIAL_MBUS]); break;
    case OPT_MBUS_PTY: o->pty[MSDK_BOARD_SERIAL_MBUS] = true; break;
    case OPT_MBUS_BUS:
        ok = (strcmp(v, "segment") == 0) || (strcmp(v, "bridge") == 0);
        o->mbus_bridge = ok && (strcmp(v, "bridge") == 0);
        break;
    case OPT_WAN_TCP: ok = parse_port(v, &o->tcp_port[MSDK_BOARD_SERIAL_WAN]); break;
    case OPT_WAN_PTY: o->pty[MSDK_BOARD_SERIAL_WAN] = true; break;
    case OPT_NO_WAN_PTY: o->pty[MSDK_BOARD_SERIAL_WAN] = false; break;
    case OPT_CONTROL_TCP: ok = parse_port(v, &o->control_port); break;
    case OPT_NET_TCP: ok = parse_port(v, &o->net_port); break;
    case OPT_TCP_ANY: o->tcp_any = true; break;
    case OPT_AFE_OFF: o->afe_off = true; break;
    case OPT_SEED:
        ok = msdk_host_parse_u64(v, UINT64_MAX, &o->seed);
        o->seed_set = ok;
        break;
    case OPT_NOISE: ok = msdk_host_parse_double(v, 0.0, 100000.0, &o->noise_codes); break;
    case OPT_NO_LCD: o->no_lcd = true; break;
    case OPT_RELAY_OPEN: o->relay_open = true; break;
    case OPT_CONFIG:
        ok = (o->config_n < MSDK_HOST_CONFIG_MAX) && (strchr(v, '=') != NULL) && (v[0] != '=') &&
             (strlen(v) < MSDK_HOST_CONFIG_LEN);
        if (ok) {
            memcpy(o->config[o->config_n++], v, strlen(v) + 1u);
        }
        break;
    }
    if (!ok) {
        (void)snprintf(why, cap, "bad value '%s'", v);
    }
    return ok;
}

msdk_err_t msdk_host_options_parse(msdk_host_options_t *o, int argc, char **argv, bool *help,
                                   char *why, size_t why_cap)
{
    defaults(o);
    *help = false;
    why[0] = '\0';
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg == NULL) {
            break;
        }
        const char *eq = strchr(arg, '=');
        size_t name_len = (eq != NULL) ? (size_t)(eq - arg) : strlen(arg);
        const opt_desc_t *d = NULL;
        for (size_t k = 0; k < MSDK_ARRAY_SIZE(options); k++) {
            if ((strlen(options[k].name) == name_len) &&
                (strncmp(options[k].name, arg, name_len) == 0)) {
                d = &options[k];
                break;
            }
        }
        if ((d == NULL) && (strcmp(arg, "-h") == 0)) {
            d = &options[0];
        }
        if (d == NULL) {
            (void)snprintf(why, why_cap, "unknown option '%.64s'", arg);
            return MSDK_ERR_INVALID_ARG;
        }
        const char *value = NULL;
        if (d->arg != NULL) {
            if (eq != NULL) {
                value = eq + 1;
            } else if ((i + 1 < argc) && (argv[i + 1] != NULL)) {
                value = argv[++i];
            } else {
                (void)snprintf(why, why_cap, "option %s needs a value (%s)", d->name, d->arg);
                return MSDK_ERR_INVALID_ARG;
            }
        } else if (eq != NULL) {
            (void)snprintf(why, why_cap, "option %s takes no value", d->name);
            return MSDK_ERR_INVALID_ARG;
        }
        if (d->id == OPT_HELP) {
            *help = true;
            return MSDK_OK;
        }
        char vwhy[96];
        if (!apply(o, d->id, value, vwhy, sizeof(vwhy))) {
            (void)snprintf(why, why_cap, "%s: %.80s", d->name, vwhy);
            return MSDK_ERR_INVALID_ARG;
        }
    }
    msdk_nvm_geometry_t geo = { o->nvm_size, o->nvm_sector, o->nvm_page, 1u };
    if (msdk_nvm_geometry_check(&geo) != MSDK_OK) {
        (void)snprintf(why, why_cap,
                       "NVM geometry size %u / sector %u / page %u: sector and page must be "
                       "powers of two, page <= sector, size a multiple of the sector",
                       (unsigned)o->nvm_size, (unsigned)o->nvm_sector, (unsigned)o->nvm_page);
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}
