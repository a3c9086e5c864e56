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

#include "msdk/cosem/security.h"
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
    { "auth", 'A', "MECH", "lowest|lls|hls3|hls4|hls5|hls6|hls7 (default: lls with a password)" },
    { "password", 'p', "PW", "LLS password or HLS 3/4/6 secret: TEXT or HEX:hexdigits" },
    { "secret", 'S', "PW", "the same as --password" },
    { "pdu", 'u', "N", "client max receive PDU size (default 1024)" },
    { "assoc-ln", 'l', "OBIS", "Association LN object for list/read-all (0.0.40.0.0.255)" },
    { NULL, 0, NULL, "security (keys in hex):" },
    { "system-title", 'T', "HEX", "client system title (8 bytes): ciphering, HLS 5/6/7" },
    { "ek", 'E', "HEX", "global unicast encryption key (16 bytes): ciphering, HLS 5" },
    { "ak", 'K', "HEX", "authentication key (16 bytes)" },
    { "security", 'Y', "P", "none|auth|enc|auth+enc (default auth+enc with --ek)" },
    { "request-security", 'q', "P", "the GET/SET/ACTION requests only: none|auth|enc|auth+enc" },
    { "suite", 'U', "N", "security suite of the ciphering: 0 (default) or 1" },
    { "dedicated-key", 'D', "HEX", "dedicated key (16 bytes) proposed in the AARQ" },
    { "general", 'g', NULL, "general-glo/ded-ciphering instead of glo-/ded- tags" },
    { "ic", 'I', "N", "first invocation counter of the client (default 1)" },
    { "sign-key", 'G', "HEX", "HLS 7: client P-256 private key (32 bytes)" },
    { "server-pub", 'P', "HEX", "HLS 7: meter public key 04||X||Y (65 bytes)" },
    { "kek", 'W', "HEX", "key-encryption key for key-transfer (16, 24 or 32 bytes)" },
    { "replay", 'R', NULL, "then send the command's request again, byte for byte" },
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
          "                                         octets-hex visible datetime; data-hex:\n"
          "                                         one A-XDR Data value, encoded, in hex)\n"
          "  action CLASS OBIS METHOD [TYPE VALUE] (parameters of any size: pblocks)\n"
          "  list                                  the object list of the association:\n"
          "                                        r w rw (ar aw arw: authenticated), x;\n"
          "                                        /AES /aes: the request / response must\n"
          "                                        be authenticated, encrypted, signed\n"
          "  read-all                              every readable attribute, one per line\n"
          "  key-transfer OBIS KEYID:KEYHEX [...]  Security setup (class 64) method 2: each key\n"
          "                                        wrapped under --kek; KEYID 0..3 or\n"
          "                                        ek|bek|ak|kek\n"
          "  VALUE may be @FILE: the value's text read from FILE\n"
          "exit status: 0 success, 1 DLMS error answer, 2 transport or usage error;\n"
          "  with --replay: 0 only when the meter refused the repeated request with an\n"
          "  exception-response invocation-counter-error\n",
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

/* A fixed-size key or title in hex: exactly `n` bytes. */
static int parse_key(const char *name, const char *text, uint8_t *out, size_t n, bool *has)
{
    size_t len = 0;
    if ((msdk_dlms_parse_hex(text, out, n, &len) != 0) || (len != n)) {
        fprintf(stderr, "msdk-dlms: --%s wants %zu bytes in hex\n", name, n);
        return -1;
    }
    *has = true;
    return 0;
}

/* --password / --secret: TEXT, or HEX: followed by hex digits. */
static int parse_secret(const char *text, msdk_dlms_options_t *opt)
{
    size_t n = 0;
    if (strncmp(text, "HEX:", 4u) == 0) {
        if ((msdk_dlms_parse_hex(&text[4], opt->secret, sizeof opt->secret, &n) != 0) ||
            (n == 0u)) {
            fprintf(stderr, "msdk-dlms: --password HEX: wants 1..%u bytes in hex\n",
                    (unsigned)MSDK_DLMS_SECRET_MAX);
            return -1;
        }
    } else {
        n = strlen(text);
        if ((n == 0u) || (n > sizeof opt->secret)) {
            fprintf(stderr, "msdk-dlms: --password wants 1..%u characters\n",
                    (unsigned)MSDK_DLMS_SECRET_MAX);
            return -1;
        }
        memcpy(opt->secret, text, n);
    }
    opt->secret_len = n;
    opt->has_secret = true;
    return 0;
}

static int parse_mechanism(const char *text, uint8_t *mech)
{
    static const char *const names[8] = { "lowest", "lls",  NULL,   "hls3",
                                          "hls4",   "hls5", "hls6", "hls7" };
    for (uint8_t i = 0; i < 8u; i++) {
        if ((names[i] != NULL) && (strcmp(text, names[i]) == 0)) {
            *mech = i;
            return 0;
        }
    }
    fprintf(stderr, "msdk-dlms: --auth wants lowest, lls, hls3, hls4, hls5, hls6 or hls7\n");
    return -1;
}

static int parse_protection(const char *text, uint8_t *prot)
{
    if (strcmp(text, "none") == 0) {
        *prot = 0u;
    } else if (strcmp(text, "auth") == 0) {
        *prot = MSDK_COSEM_SC_AUTH;
    } else if (strcmp(text, "enc") == 0) {
        *prot = MSDK_COSEM_SC_ENC;
    } else if ((strcmp(text, "auth+enc") == 0) || (strcmp(text, "enc+auth") == 0)) {
        *prot = (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC);
    } else {
        fprintf(stderr, "msdk-dlms: --security wants none, auth, enc or auth+enc\n");
        return -1;
    }
    return 0;
}

/* What the mechanism and the protection need, with a message naming the missing option. */
static int check_security(const msdk_dlms_options_t *opt)
{
    const char *missing = NULL;
    uint8_t m = opt->mechanism;
    bool cipher = (opt->protection != 0u);
    bool with_secret = (m == MSDK_COSEM_MECH_LLS) || (m == MSDK_COSEM_MECH_HLS_MD5) ||
                       (m == MSDK_COSEM_MECH_HLS_SHA1) || (m == MSDK_COSEM_MECH_HLS_SHA256);
    if (with_secret && !opt->has_secret) {
        missing = "--password (or --secret)";
    } else if ((cipher || (m >= MSDK_COSEM_MECH_HLS_GMAC)) && !opt->has_system_title) {
        missing = "--system-title";
    } else if ((cipher || (m == MSDK_COSEM_MECH_HLS_GMAC)) && !opt->has_ek) {
        missing = "--ek";
    } else if (((((opt->protection | opt->request_protection) & MSDK_COSEM_SC_AUTH) != 0u) ||
                (m == MSDK_COSEM_MECH_HLS_GMAC)) &&
               !opt->has_ak) {
        missing = "--ak";
    } else if ((m == MSDK_COSEM_MECH_HLS_ECDSA) && !opt->has_sign_key) {
        missing = "--sign-key";
    } else if ((m == MSDK_COSEM_MECH_HLS_ECDSA) && !opt->has_server_pub) {
        missing = "--server-pub";
    } else {
        /* Complete. */
    }
    if (missing != NULL) {
        fprintf(stderr, "msdk-dlms: this --auth / --security needs %s\n", missing);
        return -1;
    }
    if (!cipher && (opt->has_dk || opt->general || opt->per_request)) {
        fprintf(stderr, "msdk-dlms: --dedicated-key, --general and --request-security need "
                        "ciphering (--security)\n");
        return -1;
    }
    if (opt->has_secret && !with_secret) {
        fprintf(stderr, "msdk-dlms: --password is for lls, hls3, hls4 and hls6 only\n");
        return -1;
    }
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
    opt.ic = 1u;
    int ch;
    unsigned long v = 0;
    bool mech_set = false;
    bool prot_set = false;
    int bad = 0;
    size_t kn = 0;
    while ((ch = getopt_long(argc, argv, "+vh", longopts, NULL)) != -1) {
        switch (ch) {
        case 't': opt.tcp = optarg; break;
        case 's': opt.serial = optarg; break;
        case 'n': opt.mode_e = false; break;
        case 'p':
        case 'S': bad = parse_secret(optarg, &opt); break;
        case 'A':
            bad = parse_mechanism(optarg, &opt.mechanism);
            mech_set = true;
            break;
        case 'U':
            bad = parse_u(optarg, 1ul, &v);
            opt.suite = (uint8_t)v;
            break;
        case 'q':
            bad = parse_protection(optarg, &opt.request_protection);
            opt.per_request = true;
            break;
        case 'Y':
            bad = parse_protection(optarg, &opt.protection);
            prot_set = true;
            break;
        case 'g': opt.general = true; break;
        case 'T':
            bad = parse_key("system-title", optarg, opt.system_title, 8u, &opt.has_system_title);
            break;
        case 'E': bad = parse_key("ek", optarg, opt.ek, 16u, &opt.has_ek); break;
        case 'K': bad = parse_key("ak", optarg, opt.ak, 16u, &opt.has_ak); break;
        case 'D': bad = parse_key("dedicated-key", optarg, opt.dk, 16u, &opt.has_dk); break;
        case 'G': bad = parse_key("sign-key", optarg, opt.sign_key, 32u, &opt.has_sign_key); break;
        case 'P':
            bad = parse_key("server-pub", optarg, opt.server_pub, 65u, &opt.has_server_pub);
            break;
        case 'W':
            if ((msdk_dlms_parse_hex(optarg, opt.kek, sizeof opt.kek, &kn) != 0) ||
                ((kn != 16u) && (kn != 24u) && (kn != 32u))) {
                fprintf(stderr, "msdk-dlms: --kek wants 16, 24 or 32 bytes in hex\n");
                bad = -1;
            }
            opt.kek_len = kn;
            break;
        case 'I':
            if (parse_u(optarg, 0xFFFFFFFFul, &v) != 0) {
                fprintf(stderr, "msdk-dlms: --ic wants 0..4294967295\n");
                bad = -1;
            }
            opt.ic = (uint32_t)v;
            break;
        case 'v': opt.verbose = true; break;
        case 'R': opt.replay = true; break;
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
        if (bad != 0) {
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
    }
    if (!mech_set) {
        opt.mechanism = opt.has_secret ? MSDK_COSEM_MECH_LLS : MSDK_COSEM_MECH_LOWEST;
    }
    if (!prot_set) {
        opt.protection = opt.has_ek ? (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC) : 0u;
    }
    if (check_security(&opt) != 0) {
        return MSDK_DLMS_EXIT_TRANSPORT;
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
