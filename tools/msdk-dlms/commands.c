/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-dlms commands: associate (LLS, HLS 3..7, ciphering), run one or more GET/SET/ACTION
 * operations with the libcosem client (block transfers included: GET datablocks, SET
 * datablocks, ACTION parameters and return data in pblocks; on a ciphered association every
 * APDU is protected), print the results, release.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msdk/cosem/axdr.h"
#include "msdk/cosem/object.h"
#include "msdk/cosem/security.h"
#include "msdk/port/crypto.h"
#include "msdk_dlms.h"

static uint8_t g_req[MSDK_DLMS_APDU_MAX];
static uint8_t g_val[MSDK_DLMS_VALUE_MAX];
static uint8_t g_list[MSDK_DLMS_VALUE_MAX];
/* The client's ciphering buffer: a whole APDU. */
static uint8_t g_work[MSDK_DLMS_APDU_MAX];
static msdk_crypto_drbg_t g_drbg;
/* --replay: the first request APDU of the command, as it was sent. */
static uint8_t g_replay[MSDK_DLMS_APDU_MAX];
static size_t g_replay_len;
static bool g_drbg_seeded;
static bool g_client_ready; /* msdk_cosem_client_init() succeeded */

/* Entropy of the DRBG (HLS challenges, ECDSA): the operating system's. */
static msdk_err_t os_entropy(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0) {
        return MSDK_ERR_IO;
    }
    while (len > 0u) {
        ssize_t k = read(fd, buf, len);
        if ((k < 0) && (errno == EINTR)) {
            continue;
        }
        if (k <= 0) {
            close(fd);
            return MSDK_ERR_IO;
        }
        buf += k;
        len -= (size_t)k;
    }
    close(fd);
    return MSDK_OK;
}

/* Says why a response was refused for its security (MSDK_ERR_AUTH). */
static void explain_auth(const msdk_cosem_client_t *c, const uint8_t *resp, size_t len)
{
    if ((len == 3u) && (resp[0] == MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE)) {
        fprintf(stderr,
                "msdk-dlms: plain exception-response refused on a ciphered association "
                "(state-error %u, service-error %u)\n",
                (unsigned)resp[1], (unsigned)resp[2]);
    } else if (!msdk_cosem_sec_is_ciphered_tag(resp[0]) &&
               (msdk_cosem_client_state(c) != MSDK_COSEM_CLIENT_AARQ_SENT)) {
        fprintf(stderr, "msdk-dlms: plain response refused on a ciphered association\n");
    } else if (msdk_cosem_client_state(c) == MSDK_COSEM_CLIENT_HLS_SENT) {
        fprintf(stderr, "msdk-dlms: the meter failed HLS authentication (its f(CtoS) does not "
                        "verify) or its response is not authentic\n");
    } else if (msdk_cosem_client_state(c) == MSDK_COSEM_CLIENT_AARQ_SENT) {
        fprintf(stderr, "msdk-dlms: AARE refused: InitiateResponse not protected as asked or "
                        "not authentic, or HLS not asked for\n");
    } else {
        fprintf(stderr, "msdk-dlms: response refused: not protected as asked, not authentic "
                        "(wrong key?) or replayed (invocation counter not increasing)\n");
    }
}

/* Runs the exchanges of an operation whose first request is in g_req[0..n). */
static int run(msdk_dlms_transport_t *t, msdk_cosem_client_t *c, size_t n)
{
    bool more = true;
    while (more) {
        const uint8_t *resp = NULL;
        size_t len = 0;
        if (msdk_dlms_exchange(t, g_req, n, &resp, &len) != 0) {
            msdk_cosem_client_abort(c);
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, g_req, sizeof g_req);
        msdk_err_t err = msdk_cosem_client_rx(c, resp, len, &tx, &more);
        if ((err == MSDK_ERR_AUTH) && (len > 0u)) {
            explain_auth(c, resp, len);
        }
        if (err != MSDK_OK) {
            fprintf(stderr, "msdk-dlms: bad response (%s)\n", msdk_err_str(err));
            msdk_cosem_client_abort(c);
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        n = tx.pos;
    }
    return MSDK_DLMS_EXIT_OK;
}

/* Prints an exception or service error; returns 1 when the result is one. */
static int print_error_answer(const msdk_cosem_client_result_t *r)
{
    if (r->outcome == MSDK_COSEM_CLIENT_OUT_EXCEPTION) {
        printf("exception-response: state-error %u, service-error %u\n",
               (unsigned)r->exception.state_error, (unsigned)r->exception.service_error);
        return 1;
    }
    if (r->outcome == MSDK_COSEM_CLIENT_OUT_SERVICE_ERROR) {
        printf("confirmed-service-error: service %u, error type %u, value %u\n",
               (unsigned)r->service_error.service, (unsigned)r->service_error.type,
               (unsigned)r->service_error.value);
        return 1;
    }
    return 0;
}

static int associate(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                     const msdk_dlms_options_t *opt)
{
    msdk_cosem_client_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.mechanism = opt->mechanism;
    cfg.password = opt->has_secret ? opt->secret : NULL;
    cfg.password_len = opt->has_secret ? opt->secret_len : 0u;
    cfg.conformance = MSDK_COSEM_CLIENT_CONF_DEFAULT;
    cfg.max_pdu = opt->pdu;
    cfg.invoke_id = 1u;
    cfg.high_priority = true;
    msdk_cosem_client_security_t *s = &cfg.sec;
    s->protection = opt->protection;
    s->suite = opt->suite;
    s->per_request = opt->per_request;
    s->request_protection = opt->request_protection;
    s->general = opt->general;
    s->system_title = opt->has_system_title ? opt->system_title : NULL;
    s->ek = opt->has_ek ? opt->ek : NULL;
    s->ak = opt->has_ak ? opt->ak : NULL;
    s->dk = opt->has_dk ? opt->dk : NULL;
    s->ic = opt->ic;
    s->sign_key = opt->has_sign_key ? opt->sign_key : NULL;
    s->server_public_key = opt->has_server_pub ? opt->server_pub : NULL;
    s->work = g_work;
    s->work_cap = sizeof g_work;
    msdk_err_t err = msdk_port_crypto_init();
    if ((err == MSDK_OK) && (opt->mechanism >= MSDK_COSEM_MECH_HLS_MD5)) {
        static const char pers[] = "msdk-dlms";
        err = msdk_port_crypto_drbg_seed(&g_drbg, os_entropy, NULL, (const uint8_t *)pers,
                                         sizeof pers - 1u);
        g_drbg_seeded = (err == MSDK_OK);
        s->drbg = &g_drbg;
    }
    if (err != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: crypto: %s\n", msdk_err_str(err));
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    if (msdk_cosem_client_init(c, &cfg) != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: bad --pdu, or security options that do not fit together\n");
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    g_client_ready = true;
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, g_req, sizeof g_req);
    err = msdk_cosem_client_associate(c, &tx);
    if (err != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: cannot build the AARQ (%s)\n", msdk_err_str(err));
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    int rc = run(t, c, tx.pos);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(c);
    if (r->outcome == MSDK_COSEM_CLIENT_OUT_HLS_REFUSED) {
        printf("HLS authentication refused by the meter: %s (%u)\n",
               msdk_dlms_action_name(r->result), (unsigned)r->result);
        return MSDK_DLMS_EXIT_DLMS;
    }
    if (r->outcome != MSDK_COSEM_CLIENT_OUT_ASSOCIATED) {
        if (print_error_answer(r) == 0) {
            printf("association rejected (%s): %s\n",
                   (r->result == MSDK_COSEM_ASSOC_REJECTED_TRANSIENT) ? "transient" : "permanent",
                   msdk_dlms_diag_name(r->diag_source, r->diag));
        }
        return MSDK_DLMS_EXIT_DLMS;
    }
    if (opt->verbose) {
        fprintf(stderr, "associated: conformance %06X, server PDU %u%s\n",
                (unsigned)msdk_cosem_client_conformance(c),
                (unsigned)msdk_cosem_client_server_pdu(c),
                (opt->protection != 0u) ? ", ciphered" : "");
    }
    return MSDK_DLMS_EXIT_OK;
}

static void release(msdk_dlms_transport_t *t, msdk_cosem_client_t *c)
{
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, g_req, sizeof g_req);
    if (msdk_cosem_client_release(c, &tx) == MSDK_OK) {
        (void)run(t, c, tx.pos);
    }
}

/* Sends a request the client has just built (`built`: the builder's result) and runs the
 * exchange; on success *r is the result, without a rejection/exception/service error
 * answer (printed here). Returns the exit status so far. */
static int request(msdk_dlms_transport_t *t, msdk_cosem_client_t *c, msdk_err_t built,
                   const msdk_wbuf_t *tx, const char *what, const msdk_cosem_client_result_t **r)
{
    if (built != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: cannot build the %s (%s%s)\n", what, msdk_err_str(built),
                (built == MSDK_ERR_NOT_SUPPORTED)
                    ? "; it needs a block transfer the association did not negotiate"
                    : "");
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    if (g_replay_len == 0u) {
        memcpy(g_replay, tx->p, tx->pos);
        g_replay_len = tx->pos;
    }
    int rc = run(t, c, tx->pos);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    *r = msdk_cosem_client_result(c);
    return (print_error_answer(*r) != 0) ? MSDK_DLMS_EXIT_DLMS : MSDK_DLMS_EXIT_OK;
}

/* GET into g_val; prints the DLMS error answer (if `quiet` is false); returns the status. */
static int get(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
               const msdk_cosem_xdlms_attr_sel_t *a, bool quiet)
{
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, g_req, sizeof g_req);
    const msdk_cosem_client_result_t *r = NULL;
    int rc = request(t, c, msdk_cosem_client_get(c, a, g_val, sizeof g_val, &tx), &tx, "GET", &r);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    if (r->result != MSDK_COSEM_DAR_SUCCESS) {
        if (!quiet) {
            printf("data-access-result: %s (%u)\n", msdk_dlms_dar_name(r->result),
                   (unsigned)r->result);
        }
        return MSDK_DLMS_EXIT_DLMS;
    }
    return MSDK_DLMS_EXIT_OK;
}

static int parse_attr(char **argv, msdk_cosem_xdlms_attr_sel_t *a)
{
    memset(a, 0, sizeof(*a));
    char *end = NULL;
    unsigned long cls = strtoul(argv[0], &end, 0);
    long attr = 0;
    if ((*end != '\0') || (cls > 0xFFFFu) || (msdk_dlms_parse_obis(argv[1], a->attr.obis) != 0)) {
        fprintf(stderr, "msdk-dlms: want CLASS a.b.c.d.e.f N\n");
        return -1;
    }
    attr = strtol(argv[2], &end, 0);
    if ((*end != '\0') || (attr < -128) || (attr > 127)) {
        fprintf(stderr, "msdk-dlms: bad attribute/method number %s\n", argv[2]);
        return -1;
    }
    a->attr.class_id = (uint16_t)cls;
    a->attr.attr_id = (int8_t)attr;
    return 0;
}

/* A column of a range selection: CLASS/OBIS/ATTR. */
static int parse_column(const char *text, msdk_cosem_xdlms_attr_desc_t *col)
{
    char buf[64];
    size_t n = strlen(text);
    if (n >= sizeof buf) {
        return -1;
    }
    memcpy(buf, text, n + 1u);
    char *obis = strchr(buf, '/');
    char *attr = (obis != NULL) ? strchr(obis + 1, '/') : NULL;
    if (attr == NULL) {
        return -1;
    }
    *obis++ = '\0';
    *attr++ = '\0';
    char *args[3] = { buf, obis, attr };
    msdk_cosem_xdlms_attr_sel_t a;
    if (parse_attr(args, &a) != 0) {
        return -1;
    }
    *col = a.attr;
    return 0;
}

static int cmd_get(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                   const msdk_cosem_xdlms_attr_sel_t *a)
{
    int rc = get(t, c, a, false);
    if (rc == MSDK_DLMS_EXIT_OK) {
        const msdk_cosem_client_result_t *r = msdk_cosem_client_result(c);
        (void)msdk_dlms_dump(stdout, r->value, r->value_len, false);
    }
    return rc;
}

/* GET with selective access: the selector and its parameters (written in `params`). */
static int cmd_get_selected(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                            msdk_cosem_xdlms_attr_sel_t *a, uint8_t selector,
                            const msdk_wbuf_t *params)
{
    a->access.present = true;
    a->access.selector = selector;
    a->access.params.p = params->p;
    a->access.params.len = params->pos;
    return cmd_get(t, c, a);
}

static int cmd_set(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                   const msdk_cosem_xdlms_attr_sel_t *a, const uint8_t *v, size_t n)
{
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, g_req, sizeof g_req);
    const msdk_cosem_client_result_t *r = NULL;
    int rc = request(t, c, msdk_cosem_client_set(c, a, v, n, &tx), &tx, "SET", &r);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    printf("data-access-result: %s (%u)\n", msdk_dlms_dar_name(r->result), (unsigned)r->result);
    return (r->result == MSDK_COSEM_DAR_SUCCESS) ? MSDK_DLMS_EXIT_OK : MSDK_DLMS_EXIT_DLMS;
}

static int cmd_action(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                      const msdk_cosem_xdlms_attr_sel_t *a, const uint8_t *v, size_t n)
{
    msdk_cosem_xdlms_method_desc_t m;
    m.class_id = a->attr.class_id;
    memcpy(m.obis, a->attr.obis, 6u);
    m.method_id = a->attr.attr_id;
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, g_req, sizeof g_req);
    const msdk_cosem_client_result_t *r = NULL;
    int rc = request(t, c, msdk_cosem_client_action(c, &m, v, n, g_val, sizeof g_val, &tx), &tx,
                     "ACTION", &r);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    printf("action-result: %s (%u)\n", msdk_dlms_action_name(r->result), (unsigned)r->result);
    if (r->has_value) {
        (void)msdk_dlms_dump(stdout, r->value, r->value_len, false);
    }
    return (r->result == MSDK_COSEM_ACTION_SUCCESS) ? MSDK_DLMS_EXIT_OK : MSDK_DLMS_EXIT_DLMS;
}

/* ---- Object list ------------------------------------------------------------------------------
 */

/* One object of the object list, with its attribute and method access modes. */
typedef struct obj {
    uint16_t class_id;
    uint8_t version;
    uint8_t ln[6];
    uint8_t attr_mode[128];
    uint8_t attr_count;
    uint8_t method_mode[128];
    uint8_t method_count;
    bool bitmap; /* access modes as Association LN version 3 writes them */
} obj_t;

/* Reads structure{id integer, mode enum|boolean, ...} items of an access list. */
static int read_access(msdk_rbuf_t *rb, uint8_t *modes, uint8_t *count)
{
    uint32_t n = 0;
    if (msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) {
        return -1;
    }
    *count = 0u;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t m = 0;
        int8_t id = 0;
        msdk_cosem_value_t mode;
        if ((msdk_cosem_axdr_get_structure_header(rb, &m) != MSDK_OK) || (m < 2u) ||
            (msdk_cosem_axdr_get_int8(rb, &id) != MSDK_OK) ||
            (msdk_cosem_value_get(rb, &mode) != MSDK_OK)) {
            return -1;
        }
        for (uint32_t k = 2; k < m; k++) {
            if (msdk_cosem_axdr_skip(rb, MSDK_COSEM_AXDR_DEPTH_MAX) != MSDK_OK) {
                return -1;
            }
        }
        if (id >= 1) {
            uint8_t v =
                (mode.tag == MSDK_COSEM_AXDR_BOOLEAN) ? (uint8_t)mode.v.b : (uint8_t)mode.v.u;
            modes[id] = v;
            if ((uint8_t)id > *count) {
                *count = (uint8_t)id;
            }
        }
    }
    return 0;
}

static int next_object(msdk_rbuf_t *rb, obj_t *o)
{
    uint32_t n = 0;
    uint32_t k = 0;
    uint16_t cls = 0;
    uint8_t ver = 0;
    memset(o, 0, sizeof(*o));
    size_t ln_len = 0;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 4u) ||
        (msdk_cosem_axdr_get_uint16(rb, &cls) != MSDK_OK) ||
        (msdk_cosem_axdr_get_uint8(rb, &ver) != MSDK_OK) ||
        (msdk_cosem_axdr_get_octets(rb, MSDK_COSEM_AXDR_OCTET_STRING, o->ln, sizeof o->ln,
                                    &ln_len) != MSDK_OK) ||
        (ln_len != 6u) || (msdk_cosem_axdr_get_structure_header(rb, &k) != MSDK_OK) || (k != 2u) ||
        (read_access(rb, o->attr_mode, &o->attr_count) != 0) ||
        (read_access(rb, o->method_mode, &o->method_count) != 0)) {
        return -1;
    }
    o->class_id = cls;
    o->version = ver;
    return 0;
}

/* Association LN version 3: bit 0 read (methods: access), 1 write, 2..4 the request must be
 * authenticated, encrypted, signed, 5..7 the response is. */
#define BITMAP_VERSION 3u

/* An access mode as text into buf: version 1 "-", "r", "w", "rw", "ar", "aw", "arw" (methods
 * "x", "ax"); version 3 the same letters then "/" and the security: A E S of the request,
 * a e s of the response. */
static const char *mode_text(uint8_t m, bool bitmap, bool method, char *buf, size_t cap)
{
    static const char *const t[] = { "-", "r", "w", "rw", "ar", "aw", "arw" };
    static const char flags[] = "AESaes";
    if (!bitmap) {
        if (method) {
            return (m == 0u) ? "-" : ((m == 2u) ? "ax" : "x");
        }
        return (m < 7u) ? t[m] : "?";
    }
    size_t k =
        (size_t)snprintf(buf, cap, "%s", method ? (((m & 1u) != 0u) ? "x" : "-") : t[m & 3u]);
    if (((m & 0xFCu) != 0u) && (k + 1u < cap)) {
        buf[k++] = '/';
        for (unsigned b = 0; (b < 6u) && (k + 1u < cap); b++) {
            if (((m >> (b + 2u)) & 1u) != 0u) {
                buf[k++] = flags[b];
            }
        }
        buf[k] = '\0';
    }
    return buf;
}

/* Calls `visit` with every object of the current association's object list (read into
 * g_list), after one call with `o` NULL and the number of objects; stops at the first status
 * that is not success and returns it. */
typedef int (*visit_fn_t)(void *ctx, const obj_t *o, uint32_t count);

static int walk_objects(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                        const msdk_dlms_options_t *opt, visit_fn_t visit, void *ctx)
{
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    a.attr.class_id = 15u;
    memcpy(a.attr.obis, opt->assoc_ln, 6u);
    a.attr.attr_id = 2;
    int rc = get(t, c, &a, false);
    if (rc != MSDK_DLMS_EXIT_OK) {
        return rc;
    }
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(c);
    memcpy(g_list, r->value, r->value_len);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, g_list, r->value_len);
    uint32_t count = 0;
    if (msdk_cosem_axdr_get_array_header(&rb, &count) != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: the object list is not an array\n");
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    /* The access modes are written as the Association LN objects' version says. */
    bool bitmap = false;
    const size_t first = rb.pos;
    for (uint32_t i = 0; i < count; i++) {
        obj_t o;
        if (next_object(&rb, &o) != 0) {
            fprintf(stderr, "msdk-dlms: malformed object list entry %u\n", (unsigned)i);
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        bitmap = bitmap || ((o.class_id == 15u) && (o.version >= BITMAP_VERSION));
    }
    rb.pos = first;
    rc = visit(ctx, NULL, count);
    for (uint32_t i = 0; (rc == MSDK_DLMS_EXIT_OK) && (i < count); i++) {
        obj_t o;
        (void)next_object(&rb, &o); /* checked above */
        o.bitmap = bitmap;
        rc = visit(ctx, &o, count);
    }
    return rc;
}

/* `list`: one line per object. */
static int print_object(void *ctx, const obj_t *o, uint32_t count)
{
    (void)ctx;
    if (o == NULL) {
        printf("%u objects\n", (unsigned)count);
        return MSDK_DLMS_EXIT_OK;
    }
    printf("class %3u v%u %3u.%u.%u.%u.%u.%u  attrs", (unsigned)o->class_id, (unsigned)o->version,
           o->ln[0], o->ln[1], o->ln[2], o->ln[3], o->ln[4], o->ln[5]);
    char text[16];
    for (unsigned k = 1; k <= o->attr_count; k++) {
        printf(" %u:%s", k, mode_text(o->attr_mode[k], o->bitmap, false, text, sizeof text));
    }
    if (o->method_count > 0u) {
        printf("  methods");
        for (unsigned k = 1; k <= o->method_count; k++) {
            printf(" %u:%s", k, mode_text(o->method_mode[k], o->bitmap, true, text, sizeof text));
        }
    }
    printf("\n");
    return MSDK_DLMS_EXIT_OK;
}

/* `read-all`: the association and what the walk has read and been refused. */
typedef struct read_all {
    msdk_dlms_transport_t *t;
    msdk_cosem_client_t *c;
    unsigned ok;
    unsigned failed;
} read_all_t;

/* `read-all`: every readable attribute of an object, one line each. */
static int read_object(void *ctx, const obj_t *o, uint32_t count)
{
    read_all_t *w = (read_all_t *)ctx;
    (void)count;
    for (unsigned k = 1; (o != NULL) && (k <= o->attr_count); k++) {
        uint8_t m = o->attr_mode[k];
        bool readable =
            o->bitmap ? ((m & 1u) != 0u) : ((m == 1u) || (m == 3u) || (m == 4u) || (m == 6u));
        if (!readable) {
            continue;
        }
        msdk_cosem_xdlms_attr_sel_t a;
        memset(&a, 0, sizeof a);
        a.attr.class_id = o->class_id;
        memcpy(a.attr.obis, o->ln, 6u);
        a.attr.attr_id = (int8_t)k;
        printf("%u %u.%u.%u.%u.%u.%u %u: ", (unsigned)o->class_id, o->ln[0], o->ln[1], o->ln[2],
               o->ln[3], o->ln[4], o->ln[5], k);
        fflush(stdout);
        int rc = get(w->t, w->c, &a, true);
        const msdk_cosem_client_result_t *r = msdk_cosem_client_result(w->c);
        if (rc == MSDK_DLMS_EXIT_OK) {
            (void)msdk_dlms_dump(stdout, r->value, r->value_len, true);
            printf("\n");
            w->ok++;
        } else if (rc == MSDK_DLMS_EXIT_DLMS) {
            if (r->outcome == MSDK_COSEM_CLIENT_OUT_DONE) {
                printf("error %s\n", msdk_dlms_dar_name(r->result));
            }
            w->failed++;
        } else {
            printf("transport error\n");
            return rc;
        }
    }
    return MSDK_DLMS_EXIT_OK;
}

static int cmd_read_all(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                        const msdk_dlms_options_t *opt)
{
    read_all_t w = { t, c, 0u, 0u };
    int rc = walk_objects(t, c, opt, read_object, &w);
    if (rc == MSDK_DLMS_EXIT_OK) {
        printf("%u attributes read, %u refused\n", w.ok, w.failed);
    }
    return rc;
}

/* ---- Dispatch -----------------------------------------------------------------------------------
 */

static int usage_error(const char *msg)
{
    fprintf(stderr, "msdk-dlms: %s\n", msg);
    return MSDK_DLMS_EXIT_TRANSPORT;
}

/* VALUE of the command line, or, for @FILE, the text of that file (trailing white space
 * removed): a value of any size (a command-line argument is limited to 128 KiB). NULL, with
 * a message, when the file cannot be read or is too long. */
static const char *value_text(const char *arg)
{
    static char text[(2u * MSDK_DLMS_VALUE_MAX) + 2u];
    if (arg[0] != '@') {
        return arg;
    }
    FILE *f = fopen(&arg[1], "r");
    if (f == NULL) {
        fprintf(stderr, "msdk-dlms: cannot read %s\n", &arg[1]);
        return NULL;
    }
    size_t n = fread(text, 1u, sizeof text - 1u, f);
    bool whole = (feof(f) != 0) && (ferror(f) == 0);
    fclose(f);
    if (!whole) {
        fprintf(stderr, "msdk-dlms: cannot read all of %s (too long?)\n", &arg[1]);
        return NULL;
    }
    while ((n > 0u) && ((text[n - 1u] == '\n') || (text[n - 1u] == '\r') || (text[n - 1u] == ' ') ||
                        (text[n - 1u] == '\t'))) {
        n--;
    }
    text[n] = '\0';
    return text;
}

/* KEYID of key-transfer: 0..3 or a name. */
static int parse_key_id(const char *text, size_t n, uint8_t *id)
{
    static const char *const names[4] = { "ek", "bek", "ak", "kek" };
    if ((n == 1u) && (text[0] >= '0') && (text[0] <= '3')) {
        *id = (uint8_t)(text[0] - '0');
        return 0;
    }
    for (uint8_t i = 0; i < 4u; i++) {
        if ((strlen(names[i]) == n) && (strncmp(text, names[i], n) == 0)) {
            *id = i;
            return 0;
        }
    }
    return -1;
}

/* key-transfer OBIS KEYID:KEYHEX...: Security setup method 2 (global_key_transfer) with
 * array of structure { key_id enum, key_wrapped octet-string }, each key wrapped under the
 * KEK (RFC 3394). */
static int cmd_key_transfer(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                            const msdk_dlms_options_t *opt, int argc, char **argv)
{
    if ((argc < 3) || (argc > 2 + (int)MSDK_COSEM_KEY_TRANSFER_MAX)) {
        return usage_error("key-transfer OBIS KEYID:KEYHEX [...] (1 to 4 keys)");
    }
    if (opt->kek_len == 0u) {
        return usage_error("key-transfer needs --kek");
    }
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    if (msdk_dlms_parse_obis(argv[1], a.attr.obis) != 0) {
        return usage_error("key-transfer wants the OBIS of a Security setup object");
    }
    a.attr.class_id = 64u;
    a.attr.attr_id = 2; /* method 2: key_transfer */
    static uint8_t param[256];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, param, sizeof param);
    msdk_err_t err = msdk_cosem_axdr_put_array_header(&w, (uint32_t)(argc - 2));
    for (int i = 2; (err == MSDK_OK) && (i < argc); i++) {
        const char *colon = strchr(argv[i], ':');
        uint8_t id = 0;
        uint8_t key[MSDK_COSEM_KEY_MAX_LEN];
        uint8_t wrapped[MSDK_COSEM_KEY_MAX_LEN + MSDK_CRYPTO_KW_OVERHEAD];
        size_t kn = 0;
        if ((colon == NULL) || (parse_key_id(argv[i], (size_t)(colon - argv[i]), &id) != 0) ||
            (msdk_dlms_parse_hex(colon + 1, key, sizeof key, &kn) != 0) ||
            ((kn != 16u) && (kn != 24u) && (kn != 32u))) {
            return usage_error("a key is KEYID:KEYHEX, KEYID 0..3 or ek|bek|ak|kek, a key of "
                               "16, 24 or 32 bytes");
        }
        err = msdk_port_crypto_aes_key_wrap(opt->kek, opt->kek_len, key, kn, wrapped);
        msdk_port_crypto_zeroize(key, sizeof key);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_structure_header(&w, 2u);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_enum(&w, id);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_octet_string(&w, wrapped, kn + MSDK_CRYPTO_KW_OVERHEAD);
        }
    }
    if (err != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: cannot wrap the keys (%s)\n", msdk_err_str(err));
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    return cmd_action(t, c, &a, param, w.pos);
}

static int dispatch(msdk_dlms_transport_t *t, msdk_cosem_client_t *c,
                    const msdk_dlms_options_t *opt, int argc, char **argv)
{
    const char *cmd = argv[0];
    msdk_cosem_xdlms_attr_sel_t a;
    static uint8_t value[MSDK_DLMS_VALUE_MAX];
    static uint8_t params[256];
    size_t vn = 0;
    if (strcmp(cmd, "list") == 0) {
        return walk_objects(t, c, opt, print_object, NULL);
    }
    if (strcmp(cmd, "read-all") == 0) {
        return cmd_read_all(t, c, opt);
    }
    if (strcmp(cmd, "key-transfer") == 0) {
        return cmd_key_transfer(t, c, opt, argc, argv);
    }
    if ((argc < 4) || (parse_attr(&argv[1], &a) != 0)) {
        return usage_error("want CLASS OBIS ATTR after the command");
    }
    if ((strcmp(cmd, "get") == 0) && (argc == 4)) {
        return cmd_get(t, c, &a);
    }
    if ((strcmp(cmd, "get-range") == 0) && (argc >= 6) && (argc <= 6 + MSDK_DLMS_COLUMNS_MAX)) {
        static const uint8_t clock_ln[6] = { 0, 0, 1, 0, 0, 255 };
        uint8_t from[12];
        uint8_t to[12];
        msdk_cosem_xdlms_attr_desc_t cols[MSDK_DLMS_COLUMNS_MAX];
        size_t ncols = (size_t)(argc - 6);
        for (size_t i = 0; i < ncols; i++) {
            if (parse_column(argv[6 + i], &cols[i]) != 0) {
                return usage_error("a column is CLASS/OBIS/ATTR, e.g. 3/1.0.1.8.0.255/2");
            }
        }
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, params, sizeof params);
        if ((msdk_dlms_parse_datetime(argv[4], from) != 0) ||
            (msdk_dlms_parse_datetime(argv[5], to) != 0) ||
            (msdk_cosem_client_put_range(&w, 8u, clock_ln, 2, from, to, cols, ncols) != MSDK_OK)) {
            return usage_error("FROM and TO are YYYY-MM-DDTHH:MM:SS (UTC)");
        }
        return cmd_get_selected(t, c, &a, 1u, &w);
    }
    if ((strcmp(cmd, "get-entry") == 0) && ((argc == 6) || (argc == 8))) {
        unsigned long n[4] = { 0u, 0u, 1u, 0u };
        for (int i = 4; i < argc; i++) {
            char *e = NULL;
            n[i - 4] = strtoul(argv[i], &e, 0);
            if ((*e != '\0') || (n[i - 4] > ((i < 6) ? UINT32_MAX : 0xFFFFu))) {
                return usage_error("FIRST and LAST are entry numbers (1-based, 0 = newest), "
                                   "FROMCOL and TOCOL column numbers (1-based, 0 = last)");
            }
        }
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, params, sizeof params);
        if (msdk_cosem_client_put_entry(&w, (uint32_t)n[0], (uint32_t)n[1], (uint16_t)n[2],
                                        (uint16_t)n[3]) != MSDK_OK) {
            return usage_error("bad entry descriptor");
        }
        return cmd_get_selected(t, c, &a, 2u, &w);
    }
    if ((strcmp(cmd, "set") == 0) && (argc == 6)) {
        const char *text = value_text(argv[5]);
        if ((text == NULL) ||
            (msdk_dlms_parse_value(argv[4], text, value, sizeof value, &vn) != 0)) {
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        return cmd_set(t, c, &a, value, vn);
    }
    if ((strcmp(cmd, "action") == 0) && ((argc == 4) || (argc == 6))) {
        const char *text = (argc == 6) ? value_text(argv[5]) : "";
        if ((text == NULL) || ((argc == 6) && (msdk_dlms_parse_value(argv[4], text, value,
                                                                     sizeof value, &vn) != 0))) {
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        return cmd_action(t, c, &a, (argc == 6) ? value : NULL, vn);
    }
    return usage_error("unknown command or wrong number of arguments (see --help)");
}

/* Names of the exception-response errors (IEC 62056-5-3). */
static const char *state_error_name(uint8_t e)
{
    static const char *const names[] = { "?", "service-not-allowed", "service-unknown" };
    return (e < 3u) ? names[e] : "?";
}

static const char *service_error_name(uint8_t e)
{
    static const char *const names[] = {
        "?",
        "operation-not-possible",
        "service-not-supported",
        "other-reason",
        "pdu-too-long",
        "deciphering-error",
        "invocation-counter-error",
    };
    return (e < 7u) ? names[e] : "?";
}

/* --replay: sends the command's first request again, byte for byte (its invocation counter
 * included), prints the answer; success only for an exception-response
 * invocation-counter-error (plain, or ciphered by the meter and authentic). */
static int replay(msdk_dlms_transport_t *t, const msdk_cosem_client_t *c, bool *answered)
{
    *answered = false;
    static uint8_t plain[MSDK_DLMS_APDU_MAX];
    if (g_replay_len == 0u) {
        fprintf(stderr, "msdk-dlms: --replay: the command sent no request\n");
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    const uint8_t *resp = NULL;
    size_t len = 0;
    if (msdk_dlms_exchange(t, g_replay, g_replay_len, &resp, &len) != 0) {
        return MSDK_DLMS_EXIT_TRANSPORT;
    }
    *answered = true;
    printf("replay: the request (%zu bytes) sent again; answer:", g_replay_len);
    for (size_t i = 0; i < len; i++) {
        printf(" %02X", resp[i]);
    }
    printf("\n");
    const uint8_t *p = resp;
    size_t n = len;
    if ((len > 0u) && msdk_cosem_sec_is_ciphered_tag(resp[0])) {
        msdk_err_t err = msdk_cosem_client_unprotect(c, resp, len, plain, sizeof plain, &n);
        if (err != MSDK_OK) {
            printf("replay: a ciphered answer that does not verify (%s)\n", msdk_err_str(err));
            return MSDK_DLMS_EXIT_TRANSPORT;
        }
        p = plain;
    }
    msdk_cosem_xdlms_exception_t e;
    if ((n > 0u) && (p[0] == MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE) &&
        (msdk_cosem_xdlms_exception_decode(p, n, &e) == MSDK_OK)) {
        printf("replay: exception-response: %s (%u), %s (%u)", state_error_name(e.state_error),
               (unsigned)e.state_error, service_error_name(e.service_error),
               (unsigned)e.service_error);
        if (e.service_error == MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR) {
            printf(", expected counter %lu\nreplay: refused\n",
                   (unsigned long)e.invocation_counter);
            return MSDK_DLMS_EXIT_OK;
        }
        printf("\n");
    }
    printf("replay: NOT refused as a replay (no invocation-counter-error)\n");
    return MSDK_DLMS_EXIT_DLMS;
}

/* -v: the invocation counter a next run continues with (the client increments it for every
 * APDU it protects and every HLS 5 answer). */
static void print_next_ic(const msdk_cosem_client_t *c, const msdk_dlms_options_t *opt)
{
    uint32_t ic = 0;
    if (!opt->verbose ||
        ((opt->protection == 0u) && (opt->mechanism != MSDK_COSEM_MECH_HLS_GMAC))) {
        return;
    }
    if (msdk_cosem_client_next_ic(c, &ic) == MSDK_OK) {
        fprintf(stderr, "next invocation counter: %lu\n", (unsigned long)ic);
    } else {
        fprintf(stderr, "next invocation counter: none (spent)\n");
    }
}

int msdk_dlms_command(msdk_dlms_transport_t *t, const msdk_dlms_options_t *opt, int argc,
                      char **argv)
{
    static msdk_cosem_client_t c;
    g_replay_len = 0u;
    int rc = associate(t, &c, opt);
    if (rc == MSDK_DLMS_EXIT_OK) {
        rc = dispatch(t, &c, opt, argc, argv);
        bool link_ok = (rc != MSDK_DLMS_EXIT_TRANSPORT);
        if (opt->replay && link_ok) {
            /* The command's request was answered (successfully or not): now again. */
            rc = replay(t, &c, &link_ok);
        }
        if (link_ok) {
            release(t, &c);
        }
    }
    msdk_port_crypto_zeroize(g_replay, sizeof g_replay);
    if (g_client_ready) {
        print_next_ic(&c, opt);
    }
    msdk_cosem_client_wipe(&c);
    if (g_drbg_seeded) {
        msdk_port_crypto_drbg_free(&g_drbg);
    }
    msdk_port_crypto_zeroize(g_work, sizeof g_work);
    return rc;
}
