/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-dlms: command-line options, then one command over one association (README.md). */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "msdk_dlms.h"

/* The options, in the order of the help: long name, key, what the argument is (NULL: none)
 * and help text; an entry without a name starts a section of the help. */
typedef struct opt_def {
    const char *name;
    int key;
    const char *arg;
    const char *help;
} opt_def_t;

static const opt_def_t opt_defs[] = {
    { NULL, 0, NULL, "transport:" },
    { "tcp", 't', "HOST:PORT", "TCP wrapper (IEC 62056-47)" },
    { "server-wport", 'w', "N", "server wPort (default 1)" },
    { "serial", 's', "DEVICE", "tty or pty: mode E sign-on at 300 Bd, then HDLC" },
    { "no-mode-e", 'n', NULL, "start in HDLC at 9600 Bd" },
    { "server-addr", 'a', "L/P", "HDLC server logical/physical address (default 1/17)" },
    { NULL, 0, NULL, "association:" },
    { "client", 'c', "SAP", "client SAP (default 16, the public client)" },
    { "password", 'p', "PW", "low level security (LLS) password" },
    { "pdu", 'u', "N", "client max receive PDU size (default 1024)" },
    { "assoc-ln", 'l', "OBIS", "Association LN object for list/read-all (0.0.40.0.0.255)" },
    { "timeout-ms", 'o', "N", "timeout of every read (default 5000)" },
    { "verbose", 'v', NULL, "trace the APDUs on stderr (also -v)" },
    { "help", 'h', NULL, "this text" },
};

#define N_OPT_DEFS (sizeof opt_defs / sizeof opt_defs[0])

static void usage(FILE *f)
{
    fputs("usage: msdk-dlms (--tcp HOST:PORT | --serial DEVICE) [options] COMMAND ...\n", f);
    for (size_t i = 0; i < N_OPT_DEFS; i++) {
        const opt_def_t *d = &opt_defs[i];
        if (d->name == NULL) {
            fprintf(f, "%s\n", d->help);
            continue;
        }
        char left[40];
        snprintf(left, sizeof left, "--%s%s%s", d->name, (d->arg != NULL) ? " " : "",
                 (d->arg != NULL) ? d->arg : "");
        fprintf(f, "  %-22s %s\n", left, d->help);
    }
    fputs("commands:\n"
          "  get CLASS OBIS ATTR\n"
          "  get-range CLASS OBIS ATTR FROM TO [COL...]  (YYYY-MM-DDTHH:MM:SS, UTC;\n"
          "                                        COL = CLASS/OBIS/ATTR, default all)\n"
          "  get-entry CLASS OBIS ATTR FIRST LAST [FROMCOL TOCOL]\n"
          "  set CLASS OBIS ATTR TYPE VALUE        (u8 u16 u32 u64 i8 i16 i32 i64 bool enum\n"
          "                                         octets-hex visible datetime)\n"
          "  action CLASS OBIS METHOD [TYPE VALUE] (parameters of any size: pblocks)\n"
          "  list                                  the object list of the association\n"
          "  read-all                              every readable attribute, one per line\n"
          "  VALUE may be @FILE: the value's text read from FILE\n"
          "exit status: 0 success, 1 DLMS error answer, 2 transport or usage error\n",
          f);
}

static int parse_u(const char *s, unsigned long max, unsigned long *v)
{
    char *end = NULL;
    unsigned long x = strtoul(s, &end, 0);
    if ((end == s) || (*end != '\0') || (x > max)) {
        return -1;
    }
    *v = x;
    return 0;
}

int main(int argc, char **argv)
{
    static struct option longopts[N_OPT_DEFS + 1u];
    size_t n = 0;
    for (size_t i = 0; i < N_OPT_DEFS; i++) {
        if (opt_defs[i].name != NULL) {
            longopts[n].name = opt_defs[i].name;
            longopts[n].has_arg = (opt_defs[i].arg != NULL) ? required_argument : no_argument;
            longopts[n].flag = NULL;
            longopts[n].val = opt_defs[i].key;
            n++;
        }
    }
    msdk_dlms_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.logical = 1u;
    opt.physical = 17u;
    opt.mode_e = true;
    opt.client = 16u;
    opt.server_wport = 1u;
    opt.pdu = 1024u;
    opt.timeout_ms = 5000u;
    static const uint8_t current_assoc[6] = { 0, 0, 40, 0, 0, 255 };
    memcpy(opt.assoc_ln, current_assoc, 6u);
    int ch;
    unsigned long v = 0;
    while ((ch = getopt_long(argc, argv, "+vh", longopts, NULL)) != -1) {
        switch (ch) {
        case 't': opt.tcp = optarg; break;
        case 's': opt.serial = optarg; break;
        case 'n': opt.mode_e = false; break;
        case 'p': opt.password = optarg; break;
        case 'v': opt.verbose = true; break;
        case 'h': usage(stdout); return MSDK_DLMS_EXIT_OK;
        case 'a': {
            unsigned l = 0;
            unsigned p = 0;
            char end;
            if ((sscanf(optarg, "%u/%u%c", &l, &p, &end) != 2) || (l > 0x3FFFu) || (p > 0x3FFFu)) {
                fprintf(stderr, "msdk-dlms: --server-addr wants LOGICAL/PHYSICAL\n");
                return MSDK_DLMS_EXIT_TRANSPORT;
            }
            opt.logical = (uint16_t)l;
            opt.physical = (uint16_t)p;
            break;
        }
        case 'w':
        case 'c':
        case 'u':
        case 'o':
            if (parse_u(optarg, (ch == 'o') ? 3600000ul : 0xFFFFul, &v) != 0) {
                fprintf(stderr, "msdk-dlms: bad number %s\n", optarg);
                return MSDK_DLMS_EXIT_TRANSPORT;
            }
            if (ch == 'w') {
                opt.server_wport = (uint16_t)v;
            } else if (ch == 'c') {
                opt.client = (uint16_t)v;
            } else if (ch == 'u') {
                opt.pdu = (uint16_t)v;
            } else {
                opt.timeout_ms = (uint32_t)v;
            }
            break;
        case 'l':
            if (msdk_dlms_parse_obis(optarg, opt.assoc_ln) != 0) {
                fprintf(stderr, "msdk-dlms: --assoc-ln wants a.b.c.d.e.f\n");
                return MSDK_DLMS_EXIT_TRANSPORT;
            }
            break;
        default: usage(stderr); return MSDK_DLMS_EXIT_TRANSPORT;
        }
    }
    if (((opt.tcp == NULL) == (opt.serial == NULL)) || (optind >= argc)) {
        usage(stderr);
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    static msdk_dlms_transport_t t;
    if (msdk_dlms_open(&t, &opt) != 0) {
        msdk_dlms_close(&t);
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    int rc = msdk_dlms_command(&t, &opt, argc - optind, &argv[optind]);
    msdk_dlms_close(&t);
    return rc;
}
