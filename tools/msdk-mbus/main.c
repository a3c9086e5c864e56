/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-mbus: the integrators' M-Bus command-line tool (issue 9), built on libmbus's public
 * headers only (msdk/mbus/frame.h, tpl.h, record.h, master.h, security.h).
 *
 * - `decode HEX` decodes one RSP_UD long frame given in hex (telegram.c);
 * - `scan` probes a bus for meters: primary addresses with SND_NKE, or the secondary
 *   wildcard walk of libmbus's master;
 * - `read ADDR` reads one meter (primary address, or secondary address selected with CI 52
 *   and read at address 253): SND_NKE, then the multi-telegram REQ_UD2 readout, every
 *   telegram printed as `decode` prints one, in a JSON array.
 * The bus is a serial device / pty (raw 8E1) or a TCP gateway (bus.c). JSON goes to standard
 * output, errors to standard error. Exit status: 0 ok; 1 a bad frame, a bus or protocol
 * failure (no answer, collision, bad frame, I/O), or a telegram left encrypted (no key,
 * wrong key); 2 usage.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbus_tool.h"
#include "msdk/core/bytebuf.h"
#include "msdk/mbus/frame.h"
#include "msdk/mbus/master.h"
#include "msdk/mbus/security.h"
#include "msdk/mbus/tpl.h"
#include "msdk/port/crypto.h"

/* Longest hex text read from stdin: a 261-byte frame as "XX " with room for line breaks. */
#define STDIN_MAX 4096u

/* Devices a secondary scan can list. */
#define SCAN_IDS_MAX 250u

/* Default --allowance for a TCP gateway (ms). */
#define TCP_ALLOWANCE_DEFAULT 200u

static void usage(FILE *f)
{
    fputs("usage: msdk-mbus decode [--key HEX32] HEX | msdk-mbus decode [--key HEX32] -\n"
          "       msdk-mbus scan [--primary [--from A] [--to B] | --secondary [--skip-f]] BUS\n"
          "       msdk-mbus read ADDR [--key HEX32] [--max-telegrams N] BUS\n"
          "       msdk-mbus --help\n"
          "BUS:   --device PATH [--baud N] | --tcp HOST:PORT, [--allowance MS] [--retries N]\n"
          "       [--verbose]\n",
          f);
}

static void help(void)
{
    usage(stdout);
    fputs(
        "\n"
        "Wired M-Bus (EN 13757-2/-3) tool of the msdk SDK.\n"
        "\n"
        "commands:\n"
        "  decode HEX   decode one RSP_UD long frame, 68 L L 68 C A CI data CS 16, given in\n"
        "               hex (spaces allowed; several arguments are joined)\n"
        "  decode -     the same, the hex read from standard input\n"
        "  scan         look for meters on the bus:\n"
        "    --primary    (default) SND_NKE to each address from --from (0) to --to (250);\n"
        "                 prints every address that answered E5, and the addresses whose\n"
        "                 answer was garbled (several meters) with \"collision\": true\n"
        "    --secondary  the wildcard walk over the 8 ID digits (0..9 and A..F; a digit F\n"
        "                 is the wildcard itself), selections with CI 52 to address 253,\n"
        "                 each hit confirmed with REQ_UD2; prints every ID with its\n"
        "                 manufacturer (3 letters), version and medium (code and name).\n"
        "                 --skip-f never descends with a digit F (about 5 times fewer\n"
        "                 probes; misses IDs that need an F digit to be told apart)\n"
        "  read ADDR    read one meter: ADDR is a primary address 0..250, or a secondary\n"
        "               address as 8 hex digits (selected with CI 52, then read at 253;\n"
        "               digits F are wildcards). SND_NKE, then REQ_UD2 while the telegram\n"
        "               says more follow (DIF 1F), at most --max-telegrams (16).\n"
        "    --key HEX32  the meter's AES-128 key: telegrams with OMS security mode 5\n"
        "                 (or mode 7 behind an AFL) are decrypted; without it, or with a\n"
        "                 wrong key, such a telegram shows its header, \"encrypted\": true\n"
        "                 and an \"error\", never records (exit status 1)\n"
        "\n"
        "bus (scan, read; exactly one of --device and --tcp):\n"
        "  --device PATH    serial device (USB level converter) or pty, raw 8E1\n"
        "  --baud N         300..38400, default 2400 (the line rate; with --tcp only the\n"
        "                   master's timing: set it to the gateway's M-Bus rate)\n"
        "  --tcp HOST:PORT  TCP M-Bus gateway passing the bytes through unchanged\n"
        "  --allowance MS   added to the reply window (330 bit times + 50 ms) and to the\n"
        "                   line idle time: latency of converters and gateways; default 0\n"
        "                   with --device, 200 with --tcp\n"
        "  --retries N      repetitions of a request that got no or a bad answer, 0..2;\n"
        "                   default 2 for read, 0 for scan (each probe once)\n"
        "  --verbose        the bytes sent and received, on standard error\n"
        "\n"
        "output: JSON on standard output; errors on standard error.\n"
        "  decode: one JSON object:\n"
        "  \"frame\"    C, A, CI (hex), length, checksum and checksum_ok\n"
        "  \"afl\"      with CI 90: the AFL fields after AFLL (hex)\n"
        "  \"header\"   the transport header of CI 72/7A/78: id (its 8 digits), manufacturer\n"
        "             (3 letters), version, medium (code and name), access_number, status,\n"
        "             configuration (hex) and security_mode\n"
        "  \"records\"  per data record: dif, dife, vif, vife (hex), function, storage,\n"
        "             tariff, subunit, type, quantity, unit, exponent, raw and value:\n"
        "             numbers as exact decimal strings (raw x 10^exponent, \"28504.27\"),\n"
        "             dates as ISO 8601 text, text as text, binary data as hex, 32-bit\n"
        "             reals as their IEEE 754 bits (real32_bits); a record that does not\n"
        "             decode has an \"error\" member\n"
        "  Encrypted payloads (security mode 5/7): with --key \"decrypted\": true and the\n"
        "  records; else \"encrypted\": true, \"error\" (\"encrypted: no key given\",\n"
        "  \"wrong key: ...\") and the ciphertext as \"payload\". CI 73 gives \"fixed\".\n"
        "  read: a JSON array of such objects, one per telegram (also when the readout\n"
        "  failed after some telegrams; then the exit status is 1).\n"
        "  scan --primary: {\"scan\": \"primary\", \"from\", \"to\", \"devices\": [{\"address\": "
        "A\n"
        "  [, \"collision\": true]}, ...]}\n"
        "  scan --secondary: {\"scan\": \"secondary\", \"probes\", \"unresolved\", \"overflow\",\n"
        "  \"devices\": [{\"id\", \"manufacturer\", \"manufacturer_code\", \"version\",\n"
        "  \"medium\", \"medium_name\"}, ...]}\n"
        "\n"
        "exit status: 0 done; 1 a bad frame ({\"error\": ...} with decode), a telegram left\n"
        "             encrypted, or a bus failure: no answer, collision, bad frame (with the\n"
        "             reason on standard error), a device or connection error;\n"
        "             2 usage error or bad hex\n",
        stdout);
}

/* Parsed options of all commands. */
typedef struct args {
    mbus_tool_opts_t bus;
    bool has_baud;
    bool has_allowance;
    int retries; /* -1: the command's default */
    bool primary;
    bool secondary;
    bool skip_f;
    bool has_from;
    bool has_to;
    unsigned long from;
    unsigned long to;
    bool has_key;
    uint8_t key[MSDK_MBUS_SEC_KEY_LEN];
    unsigned long max_telegrams; /* 0: default */
    char **pos;                  /* positional arguments */
    int npos;
} args_t;

/* A decimal number 0..max. */
static bool parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
    if (s == NULL || *s < '0' || *s > '9') {
        return false;
    }
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);
    if (*end != '\0' || v > max) {
        return false;
    }
    *out = v;
    return true;
}

static int bad_option(const char *opt, const char *why)
{
    fprintf(stderr, "msdk-mbus: %s: %s\n", opt, why);
    return MBUS_TOOL_EXIT_USAGE;
}

/* Parses argv (after the command) into @p a; positional arguments are kept in order. */
static int parse_args(int argc, char **argv, args_t *a)
{
    static char *pos[MSDK_MBUS_FRAME_MAX_LEN + 8u]; /* a frame of separate hex bytes */
    memset(a, 0, sizeof(*a));
    a->retries = -1;
    a->bus.baud = MSDK_MBUS_MASTER_BAUD_DEFAULT;
    a->pos = pos;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        unsigned long n = 0;
        if (strncmp(o, "--", 2) != 0) {
            if (a->npos == (int)(sizeof(pos) / sizeof(pos[0]))) {
                return bad_option(o, "too many arguments");
            }
            pos[a->npos++] = argv[i];
            continue;
        }
        if (strcmp(o, "--primary") == 0) {
            a->primary = true;
        } else if (strcmp(o, "--secondary") == 0) {
            a->secondary = true;
        } else if (strcmp(o, "--skip-f") == 0) {
            a->skip_f = true;
        } else if (strcmp(o, "--verbose") == 0) {
            a->bus.verbose = true;
        } else if (v == NULL) {
            return bad_option(o, "unknown option, or its value is missing");
        } else if (strcmp(o, "--device") == 0) {
            a->bus.device = v;
            i++;
        } else if (strcmp(o, "--tcp") == 0) {
            a->bus.tcp = v;
            i++;
        } else if (strcmp(o, "--baud") == 0) {
            if (!parse_ulong(v, 38400u, &n) || !msdk_mbus_baud_is_valid((uint32_t)n)) {
                return bad_option(o, "an M-Bus baud rate: 300, 600, ..., 38400");
            }
            a->bus.baud = (uint32_t)n;
            a->has_baud = true;
            i++;
        } else if (strcmp(o, "--allowance") == 0) {
            if (!parse_ulong(v, 10000u, &n)) {
                return bad_option(o, "milliseconds, 0..10000");
            }
            a->bus.allowance_ms = (uint32_t)n;
            a->has_allowance = true;
            i++;
        } else if (strcmp(o, "--retries") == 0) {
            if (!parse_ulong(v, MSDK_MBUS_MASTER_RETRIES_DEFAULT, &n)) {
                return bad_option(o, "0, 1 or 2");
            }
            a->retries = (int)n;
            i++;
        } else if (strcmp(o, "--from") == 0 || strcmp(o, "--to") == 0) {
            if (!parse_ulong(v, MSDK_MBUS_ADDR_PRIMARY_MAX, &n)) {
                return bad_option(o, "a primary address 0..250");
            }
            if (o[2] == 'f') {
                a->from = n;
                a->has_from = true;
            } else {
                a->to = n;
                a->has_to = true;
            }
            i++;
        } else if (strcmp(o, "--max-telegrams") == 0) {
            if (!parse_ulong(v, 255u, &n) || n == 0u) {
                return bad_option(o, "1..255");
            }
            a->max_telegrams = n;
            i++;
        } else if (strcmp(o, "--key") == 0) {
            if (strlen(v) != 2u * MSDK_MBUS_SEC_KEY_LEN ||
                mbus_tool_parse_hex(v, a->key, sizeof(a->key)) != (long)MSDK_MBUS_SEC_KEY_LEN) {
                return bad_option(o, "32 hex digits (AES-128)");
            }
            a->has_key = true;
            i++;
        } else {
            return bad_option(o, "unknown option");
        }
    }
    return MBUS_TOOL_EXIT_OK;
}

/* The bus options are given right, and only for scan and read. */
static int check_bus(const args_t *a, bool wanted)
{
    bool any = a->bus.device != NULL || a->bus.tcp != NULL || a->has_baud || a->has_allowance ||
               a->retries >= 0 || a->bus.verbose;
    if (!wanted) {
        return any ? bad_option("--device/--tcp/--baud/--allowance/--retries/--verbose",
                                "only for scan and read")
                   : MBUS_TOOL_EXIT_OK;
    }
    if ((a->bus.device == NULL) == (a->bus.tcp == NULL)) {
        return bad_option("--device/--tcp", "exactly one of them is needed");
    }
    return MBUS_TOOL_EXIT_OK;
}

static int crypto_ready(void)
{
    msdk_err_t err = msdk_port_crypto_init();
    if (err != MSDK_OK) {
        fprintf(stderr, "msdk-mbus: crypto: %s\n", msdk_err_str(err));
        return MBUS_TOOL_EXIT_FRAME;
    }
    return MBUS_TOOL_EXIT_OK;
}

static int decode_hex(int argc, char **argv, const uint8_t *key)
{
    static char text[STDIN_MAX + 1u];
    size_t len = 0;
    if (argc < 1) {
        usage(stderr);
        return MBUS_TOOL_EXIT_USAGE;
    }
    if (argc == 1 && strcmp(argv[0], "-") == 0) {
        len = fread(text, 1, STDIN_MAX, stdin);
        if (len == STDIN_MAX && fgetc(stdin) != EOF) {
            fprintf(stderr, "msdk-mbus: more than %u characters on standard input\n", STDIN_MAX);
            return MBUS_TOOL_EXIT_USAGE;
        }
        if (memchr(text, '\0', len) != NULL) {
            fputs("msdk-mbus: bad hex: a NUL byte on standard input\n", stderr);
            return MBUS_TOOL_EXIT_USAGE;
        }
    } else {
        for (int i = 0; i < argc; i++) {
            size_t l = strlen(argv[i]);
            if (len + l + 1u > STDIN_MAX) {
                fprintf(stderr, "msdk-mbus: more than %u characters of hex\n", STDIN_MAX);
                return MBUS_TOOL_EXIT_USAGE;
            }
            memcpy(&text[len], argv[i], l);
            len += l;
            text[len++] = ' ';
        }
    }
    text[len] = '\0';

    uint8_t frame[MSDK_MBUS_FRAME_MAX_LEN];
    long n = mbus_tool_parse_hex(text, frame, sizeof(frame));
    if (n == -2) {
        (void)mbus_tool_frame_error("longer than any M-Bus frame (261 bytes)");
        fputc('\n', stdout);
        return MBUS_TOOL_EXIT_FRAME;
    }
    if (n < 0) {
        fputs("msdk-mbus: bad hex: expected pairs of hex digits, spaces allowed\n", stderr);
        return MBUS_TOOL_EXIT_USAGE;
    }
    int rc = mbus_tool_print_telegram(frame, (size_t)n, key);
    fputc('\n', stdout);
    return rc;
}

static int cmd_decode(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc == MBUS_TOOL_EXIT_OK) {
        rc = check_bus(&a, false);
    }
    if (rc == MBUS_TOOL_EXIT_OK &&
        (a.primary || a.secondary || a.skip_f || a.has_from || a.has_to || a.max_telegrams != 0u)) {
        rc = bad_option("decode", "takes only --key and the hex");
    }
    if (rc == MBUS_TOOL_EXIT_OK && a.has_key) {
        rc = crypto_ready();
    }
    if (rc == MBUS_TOOL_EXIT_OK) {
        rc = decode_hex(a.npos, a.pos, a.has_key ? a.key : NULL);
    }
    msdk_port_crypto_zeroize(a.key, sizeof(a.key));
    return rc;
}

/* Sets up the master and opens the line; the allowance and retries by the command's default. */
static int bus_begin(const args_t *a, bool is_scan, msdk_mbus_master_t *m, mbus_tool_bus_t *bus)
{
    mbus_tool_opts_t o = a->bus;
    bus->fd = -1;
    if (!a->has_allowance) {
        o.allowance_ms = o.tcp != NULL ? TCP_ALLOWANCE_DEFAULT : 0u;
    }
    msdk_mbus_master_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.baud = o.baud;
    cfg.allowance_ms = o.allowance_ms;
    int retries = a->retries >= 0 ? a->retries : (is_scan ? 0 : 2);
    cfg.no_retries = retries == 0;
    cfg.retries = (uint8_t)retries;
    cfg.max_telegrams = (uint8_t)a->max_telegrams;
    cfg.scan_skip_f = a->skip_f;
    if (msdk_mbus_master_init(m, &cfg) != MSDK_OK) {
        fputs("msdk-mbus: bad master configuration\n", stderr);
        return MBUS_TOOL_EXIT_USAGE;
    }
    return mbus_tool_bus_open(bus, &o) == 0 ? MBUS_TOOL_EXIT_OK : MBUS_TOOL_EXIT_FRAME;
}

static const char *result_name(msdk_mbus_result_t r)
{
    switch (r) {
    case MSDK_MBUS_RESULT_OK: return "ok";
    case MSDK_MBUS_RESULT_NO_ANSWER: return "no answer";
    case MSDK_MBUS_RESULT_COLLISION: return "collision (a garbled answer: several meters?)";
    case MSDK_MBUS_RESULT_BAD_FRAME: return "bad frame (wrong checksum or unexpected reply)";
    }
    return "unknown result";
}

static bool bit_is_set(const uint8_t *bits, unsigned i)
{
    return (bits[i >> 3] & (1u << (i & 7u))) != 0u;
}

/* The identification of an RSP_UD with a long header, as JSON members. */
static void print_identity(const msdk_mbus_frame_t *f)
{
    msdk_mbus_tpl_t h;
    if (msdk_mbus_tpl_decode_frame(f, &h) != MSDK_OK || h.header != MSDK_MBUS_TPL_HDR_LONG) {
        return;
    }
    char id[9];
    char mfr[4];
    msdk_mbus_id_to_str(h.id, id);
    printf(", \"id\": \"%s\", \"manufacturer\": ", id);
    if (msdk_mbus_manufacturer_to_str(h.manufacturer, mfr) == MSDK_OK) {
        mbus_tool_json_cstr(stdout, mfr);
    } else {
        fputs("null", stdout);
    }
    printf(", \"version\": %u, \"medium\": %u, \"medium_name\": ", (unsigned)h.version,
           (unsigned)h.medium);
    mbus_tool_json_cstr(stdout, msdk_mbus_medium_name(h.medium));
}

/* Primary scan: SND_NKE to every address; then a REQ_UD2 to each one that answered: its
 * RSP_UD names the meter, a garbled one shows several meters on that address (identical
 * E5s add up to a clean E5 on the line, their RSP_UDs do not). */
static int scan_primary(const args_t *a, msdk_mbus_master_t *m, mbus_tool_bus_t *bus)
{
    static uint8_t found[32];
    static uint8_t collided[32];
    unsigned from = a->has_from ? (unsigned)a->from : 0u;
    unsigned to = a->has_to ? (unsigned)a->to : MSDK_MBUS_ADDR_PRIMARY_MAX;
    msdk_mbus_master_out_t done;
    if (msdk_mbus_master_start_scan_primary(m, MSDK_MBUS_SCAN_SND_NKE, (uint8_t)from,
                                            (uint8_t)to) != MSDK_OK ||
        mbus_tool_bus_run(bus, m, NULL, &done) != 0) {
        return MBUS_TOOL_EXIT_FRAME;
    }
    for (unsigned addr = from; addr <= to; addr++) {
        if (msdk_mbus_master_is_found(m, (uint8_t)addr)) {
            found[addr >> 3] |= (uint8_t)(1u << (addr & 7u));
        }
        if (bit_is_set(m->collided, addr)) {
            collided[addr >> 3] |= (uint8_t)(1u << (addr & 7u));
        }
    }
    printf("{\"scan\": \"primary\", \"from\": %u, \"to\": %u, \"devices\": [", from, to);
    unsigned n = 0;
    for (unsigned addr = from; addr <= to; addr++) {
        bool is_found = bit_is_set(found, addr);
        bool is_collided = bit_is_set(collided, addr);
        if (!is_found && !is_collided) {
            continue;
        }
        printf("%s\n  {\"address\": %u", n == 0u ? "" : ",", addr);
        n++;
        if (is_found) {
            if (msdk_mbus_master_start_req_ud2(m, (uint8_t)addr) != MSDK_OK ||
                mbus_tool_bus_run(bus, m, NULL, &done) != 0) {
                fputs("}\n]}\n", stdout);
                return MBUS_TOOL_EXIT_FRAME;
            }
            if (done.result == MSDK_MBUS_RESULT_OK && done.has_frame) {
                print_identity(&done.frame);
            } else if (done.result == MSDK_MBUS_RESULT_COLLISION) {
                is_collided = true;
            } else {
                fputs(", \"error\": ", stdout);
                mbus_tool_json_cstr(stdout, done.result == MSDK_MBUS_RESULT_BAD_FRAME
                                                ? "REQ_UD2: bad frame"
                                                : "REQ_UD2: no answer");
            }
        }
        if (is_collided) {
            fputs(", \"collision\": true", stdout);
        }
        fputs("}", stdout);
        fflush(stdout);
    }
    fputs(n == 0u ? "]}\n" : "\n]}\n", stdout);
    return MBUS_TOOL_EXIT_OK;
}

/* Secondary scan: the full IDs (no digit F) that acknowledged their selection, seen from the
 * requests the master sends (a REQ_UD2 to 253 right after a selection means the E5 came). An
 * ID among them that the master did not record answered E5 but gave no readable RSP_UD. */
typedef struct sec_watch {
    uint32_t mask; /* ID of the last selection */
    bool full;     /* ... without wildcard digits */
    uint32_t acked[SCAN_IDS_MAX];
    size_t nacked;
} sec_watch_t;

static void sec_sent(void *ctx, const uint8_t *tx, size_t n)
{
    sec_watch_t *w = ctx;
    /* Selection: 68 0B 0B 68 C FD 52 ID(4, LSB first) M(2) V Med CS 16. */
    if (n == 17u && tx[0] == MSDK_MBUS_FRAME_START_LONG && tx[5] == MSDK_MBUS_ADDR_NETWORK &&
        tx[6] == MSDK_MBUS_CI_SELECT) {
        w->mask = (uint32_t)tx[7] | ((uint32_t)tx[8] << 8) | ((uint32_t)tx[9] << 16) |
                  ((uint32_t)tx[10] << 24);
        w->full = true;
        for (unsigned i = 0; i < 8u; i++) {
            w->full = w->full && ((w->mask >> (4u * i)) & 0xFu) != 0xFu;
        }
        return;
    }
    /* REQ_UD2 to 253 (10 5B/7B FD CS 16) after a selection of a full ID. */
    if (n == 5u && tx[0] == MSDK_MBUS_FRAME_START_SHORT && tx[2] == MSDK_MBUS_ADDR_NETWORK &&
        (tx[1] & (uint8_t)~MSDK_MBUS_C_FCB) == MSDK_MBUS_C_REQ_UD2 && w->full) {
        for (size_t i = 0; i < w->nacked; i++) {
            if (w->acked[i] == w->mask) {
                return;
            }
        }
        if (w->nacked < SCAN_IDS_MAX) {
            w->acked[w->nacked++] = w->mask;
        }
    }
}

static int cmp_secondary(const void *pa, const void *pb)
{
    const msdk_mbus_secondary_t *a = pa;
    const msdk_mbus_secondary_t *b = pb;
    if (a->id != b->id) {
        return a->id < b->id ? -1 : 1;
    }
    return a->manufacturer < b->manufacturer ? -1 : (a->manufacturer > b->manufacturer ? 1 : 0);
}

static int scan_secondary(msdk_mbus_master_t *m, mbus_tool_bus_t *bus)
{
    static msdk_mbus_secondary_t ids[SCAN_IDS_MAX];
    static sec_watch_t w;
    mbus_tool_hooks_t hooks = { NULL, sec_sent, &w };
    msdk_mbus_master_out_t done;
    if (msdk_mbus_master_start_scan_secondary(m, ids, SCAN_IDS_MAX) != MSDK_OK ||
        mbus_tool_bus_run(bus, m, &hooks, &done) != 0) {
        return MBUS_TOOL_EXIT_FRAME;
    }
    size_t n = m->ids_count;
    qsort(ids, n, sizeof(ids[0]), cmp_secondary);
    printf("{\"scan\": \"secondary\", \"probes\": %lu, \"unresolved\": %lu, \"overflow\": %s, "
           "\"devices\": [",
           (unsigned long)m->probes, (unsigned long)m->unresolved, m->overflow ? "true" : "false");
    for (size_t i = 0; i < n; i++) {
        char id[9];
        char mfr[4];
        msdk_mbus_id_to_str(ids[i].id, id);
        printf("%s\n  {\"id\": \"%s\", ", i == 0u ? "" : ",", id);
        if (ids[i].manufacturer == 0xFFFFu && ids[i].version == 0xFFu && ids[i].medium == 0xFFu) {
            /* The master's mark: the whole ID acknowledged, its RSP_UD complete but bad. */
            fputs("\"error\": \"acknowledged its selection, but its RSP_UD has a bad checksum: "
                  "manufacturer, version and medium unknown\"}",
                  stdout);
            continue;
        }
        fputs("\"manufacturer\": ", stdout);
        if (msdk_mbus_manufacturer_to_str(ids[i].manufacturer, mfr) == MSDK_OK) {
            mbus_tool_json_cstr(stdout, mfr);
        } else {
            fputs("null", stdout);
        }
        printf(", \"manufacturer_code\": \"%04X\", \"version\": %u, \"medium\": %u, "
               "\"medium_name\": ",
               (unsigned)ids[i].manufacturer, (unsigned)ids[i].version, (unsigned)ids[i].medium);
        mbus_tool_json_cstr(stdout, msdk_mbus_medium_name(ids[i].medium));
        fputs("}", stdout);
    }
    size_t shown = n;
    for (size_t j = 0; j < w.nacked; j++) {
        bool known = false;
        for (size_t i = 0; i < n; i++) {
            known = known || ids[i].id == w.acked[j];
        }
        if (!known) {
            char id[9];
            msdk_mbus_id_to_str(w.acked[j], id);
            printf("%s\n  {\"id\": \"%s\", \"error\": \"acknowledged its selection, but no "
                   "RSP_UD, or a garbled one (several meters with this ID?)\"}",
                   shown == 0u ? "" : ",", id);
            shown++;
        }
    }
    fputs(shown == 0u ? "]}\n" : "\n]}\n", stdout);
    return MBUS_TOOL_EXIT_OK;
}

static int cmd_scan(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc == MBUS_TOOL_EXIT_OK) {
        rc = check_bus(&a, true);
    }
    if (rc != MBUS_TOOL_EXIT_OK) {
        return rc;
    }
    if (a.npos != 0) {
        return bad_option(a.pos[0], "scan takes no arguments");
    }
    if (a.has_key || a.max_telegrams != 0u) {
        return bad_option("--key/--max-telegrams", "only for read");
    }
    if (a.primary && a.secondary) {
        return bad_option("--primary/--secondary", "one or the other");
    }
    if (a.secondary && (a.has_from || a.has_to)) {
        return bad_option("--from/--to", "only for a primary scan");
    }
    if (!a.secondary && a.skip_f) {
        return bad_option("--skip-f", "only for a secondary scan");
    }
    if (a.has_from && a.has_to && a.from > a.to) {
        return bad_option("--from/--to", "--from is above --to");
    }
    msdk_mbus_master_t m;
    mbus_tool_bus_t bus;
    rc = bus_begin(&a, true, &m, &bus);
    if (rc == MBUS_TOOL_EXIT_OK) {
        rc = a.secondary ? scan_secondary(&m, &bus) : scan_primary(&a, &m, &bus);
    }
    mbus_tool_bus_close(&bus);
    return rc;
}

/* State of a readout: the telegrams printed so far and the worst status. */
typedef struct readout {
    const uint8_t *key;
    unsigned telegrams;
    int rc;
} readout_t;

static void on_telegram(void *ctx, const msdk_mbus_frame_t *f)
{
    readout_t *r = ctx;
    uint8_t b[MSDK_MBUS_FRAME_MAX_LEN];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, b, sizeof(b));
    fputs(r->telegrams == 0u ? "[\n" : ",\n", stdout);
    int rc = msdk_mbus_frame_encode(&wb, f) == MSDK_OK
                 ? mbus_tool_print_telegram(b, wb.pos, r->key)
                 : mbus_tool_frame_error("telegram cannot be encoded again");
    if (rc > r->rc) {
        r->rc = rc;
    }
    r->telegrams++;
    fflush(stdout);
}

/* Runs the operation started on @p m; a result other than OK is reported as @p what. */
static int step(msdk_mbus_master_t *m, mbus_tool_bus_t *bus, readout_t *r, const char *what,
                const char *addr)
{
    msdk_mbus_master_out_t done;
    mbus_tool_hooks_t hooks = { on_telegram, NULL, r };
    if (mbus_tool_bus_run(bus, m, r != NULL ? &hooks : NULL, &done) != 0) {
        return MBUS_TOOL_EXIT_FRAME;
    }
    if (done.result != MSDK_MBUS_RESULT_OK) {
        fprintf(stderr, "msdk-mbus: %s %s: %s\n", what, addr, result_name(done.result));
        return MBUS_TOOL_EXIT_FRAME;
    }
    return MBUS_TOOL_EXIT_OK;
}

/* ADDR: a primary address 0..250, or 8 hex digits (a secondary address). */
static bool parse_addr(const char *s, bool *secondary, uint8_t *primary, uint32_t *id)
{
    unsigned long n = 0;
    if (strlen(s) == 8u) {
        uint8_t b[4];
        if (mbus_tool_parse_hex(s, b, sizeof(b)) != 4) {
            return false;
        }
        *id = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
        *secondary = true;
        return true;
    }
    if (strlen(s) > 3u || !parse_ulong(s, MSDK_MBUS_ADDR_PRIMARY_MAX, &n)) {
        return false;
    }
    *primary = (uint8_t)n;
    *secondary = false;
    return true;
}

static int read_meter(const args_t *a, msdk_mbus_master_t *m, mbus_tool_bus_t *bus)
{
    const char *addr_text = a->pos[0];
    bool secondary = false;
    uint8_t addr = 0;
    uint32_t id = 0;
    (void)parse_addr(addr_text, &secondary, &addr, &id);
    int rc = MBUS_TOOL_EXIT_OK;
    if (secondary) {
        /* Deselect whoever is selected (SND_NKE to 253, answered or not), then select. */
        msdk_mbus_master_config_t once;
        memset(&once, 0, sizeof(once));
        once.baud = m->baud;
        once.allowance_ms = m->allowance_ms;
        once.no_retries = true;
        msdk_mbus_master_t m0;
        msdk_mbus_master_out_t done;
        if (msdk_mbus_master_init(&m0, &once) != MSDK_OK ||
            msdk_mbus_master_start_snd_nke(&m0, MSDK_MBUS_ADDR_NETWORK) != MSDK_OK ||
            mbus_tool_bus_run(bus, &m0, NULL, &done) != 0) {
            return MBUS_TOOL_EXIT_FRAME;
        }
        msdk_mbus_secondary_t sel = {
            .id = id, .manufacturer = 0xFFFFu, .version = 0xFFu, .medium = 0xFFu
        };
        if (msdk_mbus_master_start_select(m, &sel) != MSDK_OK) {
            return MBUS_TOOL_EXIT_FRAME;
        }
        rc = step(m, bus, NULL, "select (CI 52)", addr_text);
        addr = MSDK_MBUS_ADDR_NETWORK;
    } else {
        if (msdk_mbus_master_start_snd_nke(m, addr) != MSDK_OK) {
            return MBUS_TOOL_EXIT_FRAME;
        }
        rc = step(m, bus, NULL, "SND_NKE to", addr_text);
    }
    if (rc != MBUS_TOOL_EXIT_OK) {
        return rc;
    }
    readout_t r = { a->has_key ? a->key : NULL, 0u, MBUS_TOOL_EXIT_OK };
    if (msdk_mbus_master_start_readout(m, addr) != MSDK_OK) {
        return MBUS_TOOL_EXIT_FRAME;
    }
    rc = step(m, bus, &r, "REQ_UD2 to", addr_text);
    if (r.telegrams > 0u) {
        fputs("\n]\n", stdout);
    }
    if (rc == MBUS_TOOL_EXIT_OK && r.telegrams == 0u) {
        fprintf(stderr, "msdk-mbus: %s: no telegram\n", addr_text);
        rc = MBUS_TOOL_EXIT_FRAME;
    }
    return rc > r.rc ? rc : r.rc;
}

static int cmd_read(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc == MBUS_TOOL_EXIT_OK) {
        rc = check_bus(&a, true);
    }
    if (rc == MBUS_TOOL_EXIT_OK && a.npos != 1) {
        rc = bad_option("read", "wants one ADDR: 0..250 or 8 hex digits");
    }
    bool sec = false;
    uint8_t pa = 0;
    uint32_t id = 0;
    if (rc == MBUS_TOOL_EXIT_OK && !parse_addr(a.pos[0], &sec, &pa, &id)) {
        rc = bad_option(a.pos[0], "not a primary address 0..250 nor 8 hex digits");
    }
    if (rc == MBUS_TOOL_EXIT_OK &&
        (a.primary || a.secondary || a.skip_f || a.has_from || a.has_to)) {
        rc = bad_option("--primary/--secondary/--from/--to/--skip-f", "only for scan");
    }
    if (rc == MBUS_TOOL_EXIT_OK && a.has_key) {
        rc = crypto_ready();
    }
    if (rc == MBUS_TOOL_EXIT_OK) {
        msdk_mbus_master_t m;
        mbus_tool_bus_t bus;
        rc = bus_begin(&a, false, &m, &bus);
        if (rc == MBUS_TOOL_EXIT_OK) {
            rc = read_meter(&a, &m, &bus);
        }
        mbus_tool_bus_close(&bus);
    }
    msdk_port_crypto_zeroize(a.key, sizeof(a.key));
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return MBUS_TOOL_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        help();
        return MBUS_TOOL_EXIT_OK;
    }
    if (strcmp(argv[1], "decode") == 0) {
        return cmd_decode(argc - 2, &argv[2]);
    }
    if (strcmp(argv[1], "scan") == 0) {
        return cmd_scan(argc - 2, &argv[2]);
    }
    if (strcmp(argv[1], "read") == 0) {
        return cmd_read(argc - 2, &argv[2]);
    }
    fprintf(stderr, "msdk-mbus: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return MBUS_TOOL_EXIT_USAGE;
}
