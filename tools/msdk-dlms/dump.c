/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-dlms text: A-XDR values printed with their types (structures and arrays indented,
 * 12-byte date-times also as ISO 8601 text), command-line values encoded as A-XDR, and the
 * names of DLMS result codes.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "msdk/cosem/axdr.h"
#include "msdk/cosem/object.h"
#include "msdk_dlms.h"

/* ---- Names --------------------------------------------------------------------------------------
 */

typedef struct name {
    uint8_t v;
    const char *s;
} name_t;

/* The name of v in t[0..n), or NULL. */
static const char *lookup(const name_t *t, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].v == v) {
            return t[i].s;
        }
    }
    return NULL;
}

/* Data-Access-Result and Action-Result share their names up to 14 and for 250. */
static const name_t result_names[] = {
    { 0, "success" },
    { 1, "hardware-fault" },
    { 2, "temporary-failure" },
    { 3, "read-write-denied" },
    { 4, "object-undefined" },
    { 9, "object-class-inconsistent" },
    { 11, "object-unavailable" },
    { 12, "type-unmatched" },
    { 13, "scope-of-access-violated" },
    { 14, "data-block-unavailable" },
    { 250, "other-reason" },
};

/* Then each has its own. */
static const name_t dar_names[] = {
    { 15, "long-get-aborted" },          { 16, "no-long-get-in-progress" },
    { 17, "long-set-aborted" },          { 18, "no-long-set-in-progress" },
    { 19, "data-block-number-invalid" },
};

static const name_t action_names[] = {
    { 15, "long-action-aborted" },
    { 16, "no-long-action-in-progress" },
};

/* The name of a result code: its own table t[0..n) first, then the shared names. */
static const char *result_name(const name_t *t, size_t n, uint8_t v)
{
    const char *s = lookup(t, n, v);
    if (s == NULL) {
        s = lookup(result_names, sizeof result_names / sizeof result_names[0], v);
    }
    return (s != NULL) ? s : "unknown";
}

static const name_t user_diag_names[] = {
    { 0, "null" },
    { 1, "no-reason-given" },
    { 2, "application-context-name-not-supported" },
    { 3, "calling-AP-title-not-recognized" },
    { 4, "calling-AP-invocation-id-not-recognized" },
    { 5, "calling-AE-qualifier-not-recognized" },
    { 6, "calling-AE-invocation-id-not-recognized" },
    { 7, "called-AP-title-not-recognized" },
    { 8, "called-AP-invocation-id-not-recognized" },
    { 9, "called-AE-qualifier-not-recognized" },
    { 10, "called-AE-invocation-id-not-recognized" },
    { 11, "authentication-mechanism-name-not-recognised" },
    { 12, "authentication-mechanism-name-required" },
    { 13, "authentication-failure" },
    { 14, "authentication-required" },
};

static const name_t provider_diag_names[] = {
    { 0, "null" },
    { 1, "no-reason-given" },
    { 2, "no-common-acse-version" },
};

const char *msdk_dlms_dar_name(uint8_t dar)
{
    return result_name(dar_names, sizeof dar_names / sizeof dar_names[0], dar);
}

const char *msdk_dlms_action_name(uint8_t r)
{
    return result_name(action_names, sizeof action_names / sizeof action_names[0], r);
}

const char *msdk_dlms_diag_name(uint8_t source, uint8_t diag)
{
    const char *s =
        (source == MSDK_COSEM_DIAG_SOURCE_PROVIDER)
            ? lookup(provider_diag_names,
                     sizeof provider_diag_names / sizeof provider_diag_names[0], diag)
            : lookup(user_diag_names, sizeof user_diag_names / sizeof user_diag_names[0], diag);
    return (s != NULL) ? s : "unknown";
}

/* ---- Dump ---------------------------------------------------------------------------------------
 */

static const char *type_name(uint8_t tag)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_NULL_DATA: return "null-data";
    case MSDK_COSEM_AXDR_ARRAY: return "array";
    case MSDK_COSEM_AXDR_STRUCTURE: return "structure";
    case MSDK_COSEM_AXDR_BOOLEAN: return "boolean";
    case MSDK_COSEM_AXDR_BIT_STRING: return "bit-string";
    case MSDK_COSEM_AXDR_DOUBLE_LONG: return "double-long";
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED: return "double-long-unsigned";
    case MSDK_COSEM_AXDR_OCTET_STRING: return "octet-string";
    case MSDK_COSEM_AXDR_VISIBLE_STRING: return "visible-string";
    case MSDK_COSEM_AXDR_UTF8_STRING: return "utf8-string";
    case MSDK_COSEM_AXDR_BCD: return "bcd";
    case MSDK_COSEM_AXDR_INTEGER: return "integer";
    case MSDK_COSEM_AXDR_LONG: return "long";
    case MSDK_COSEM_AXDR_UNSIGNED: return "unsigned";
    case MSDK_COSEM_AXDR_LONG_UNSIGNED: return "long-unsigned";
    case MSDK_COSEM_AXDR_COMPACT_ARRAY: return "compact-array";
    case MSDK_COSEM_AXDR_LONG64: return "long64";
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED: return "long64-unsigned";
    case MSDK_COSEM_AXDR_ENUM: return "enum";
    case MSDK_COSEM_AXDR_FLOAT32: return "float32";
    case MSDK_COSEM_AXDR_FLOAT64: return "float64";
    case MSDK_COSEM_AXDR_DATE_TIME: return "date-time";
    case MSDK_COSEM_AXDR_DATE: return "date";
    case MSDK_COSEM_AXDR_TIME: return "time";
    case MSDK_COSEM_AXDR_DONT_CARE: return "dont-care";
    default: return "unknown";
    }
}

static void field(FILE *f, unsigned v, unsigned unspecified, int width)
{
    if (v == unspecified) {
        fputs((width == 4) ? "****" : "**", f);
    } else {
        fprintf(f, "%0*u", width, v);
    }
}

/* ISO 8601 text of a valid date-time; unspecified fields as asterisks. */
static void put_iso(FILE *f, const msdk_cosem_datetime_t *dt)
{
    field(f, dt->year, 0xFFFFu, 4);
    fputc('-', f);
    field(f, dt->month, 0xFFu, 2);
    fputc('-', f);
    field(f, dt->day, 0xFFu, 2);
    fputc('T', f);
    field(f, dt->hour, 0xFFu, 2);
    fputc(':', f);
    field(f, dt->minute, 0xFFu, 2);
    fputc(':', f);
    field(f, dt->second, 0xFFu, 2);
    if ((dt->hundredths != 0xFFu) && (dt->hundredths != 0u)) {
        fprintf(f, ".%02u", (unsigned)dt->hundredths);
    }
    if (dt->deviation != MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED) {
        /* The COSEM deviation is UTC minus local time; ISO gives local minus UTC. */
        int off = -(int)dt->deviation;
        if (off == 0) {
            fputc('Z', f);
        } else {
            fprintf(f, "%c%02d:%02d", (off < 0) ? '-' : '+', abs(off) / 60, abs(off) % 60);
        }
    }
}

static void put_hex(FILE *f, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s%02X", (i == 0u) ? "" : " ", p[i]);
    }
}

static void put_scalar(FILE *f, const msdk_cosem_value_t *v)
{
    fputs(type_name(v->tag), f);
    switch (v->tag) {
    case MSDK_COSEM_AXDR_NULL_DATA:
    case MSDK_COSEM_AXDR_DONT_CARE: return;
    case MSDK_COSEM_AXDR_BOOLEAN: fputs(v->v.b ? " true" : " false", f); return;
    case MSDK_COSEM_AXDR_INTEGER:
    case MSDK_COSEM_AXDR_LONG:
    case MSDK_COSEM_AXDR_DOUBLE_LONG:
    case MSDK_COSEM_AXDR_LONG64: fprintf(f, " %" PRId64, v->v.i); return;
    case MSDK_COSEM_AXDR_FLOAT32:
    case MSDK_COSEM_AXDR_FLOAT64:
    case MSDK_COSEM_AXDR_BCD: fprintf(f, " 0x%" PRIX64, v->v.u); return;
    case MSDK_COSEM_AXDR_VISIBLE_STRING:
    case MSDK_COSEM_AXDR_UTF8_STRING:
        fprintf(f, "[%zu] \"", v->v.str.len);
        for (size_t i = 0; i < v->v.str.len; i++) {
            uint8_t c = v->v.str.p[i];
            if ((c >= 0x20u) && (c < 0x7Fu) && (c != '"') && (c != '\\')) {
                fputc(c, f);
            } else {
                fprintf(f, "\\x%02X", c);
            }
        }
        fputc('"', f);
        return;
    case MSDK_COSEM_AXDR_OCTET_STRING:
    case MSDK_COSEM_AXDR_DATE_TIME:
    case MSDK_COSEM_AXDR_DATE:
    case MSDK_COSEM_AXDR_TIME: {
        fprintf(f, "[%zu] ", v->v.str.len);
        put_hex(f, v->v.str.p, v->v.str.len);
        msdk_cosem_datetime_t dt;
        if ((v->v.str.len == MSDK_COSEM_DATETIME_SIZE) &&
            (msdk_cosem_datetime_decode(v->v.str.p, v->v.str.len, &dt) == MSDK_OK)) {
            fputs(" (", f);
            put_iso(f, &dt);
            fputc(')', f);
        } else if ((v->tag == MSDK_COSEM_AXDR_OCTET_STRING) && (v->v.str.len == 6u)) {
            const uint8_t *o = v->v.str.p;
            fprintf(f, " (%u.%u.%u.%u.%u.%u)", o[0], o[1], o[2], o[3], o[4], o[5]);
        } else if ((v->tag == MSDK_COSEM_AXDR_OCTET_STRING) && (v->v.str.len > 0u)) {
            bool text = true;
            for (size_t i = 0; i < v->v.str.len; i++) {
                text = text && (v->v.str.p[i] >= 0x20u) && (v->v.str.p[i] < 0x7Fu);
            }
            if (text) {
                fprintf(f, " \"%.*s\"", (int)v->v.str.len, (const char *)v->v.str.p);
            }
        }
        return;
    }
    default: fprintf(f, " %" PRIu64, v->v.u); return;
    }
}

static void indent(FILE *f, unsigned depth, bool one_line)
{
    if (!one_line) {
        for (unsigned i = 0; i < depth; i++) {
            fputs("  ", f);
        }
    }
}

static int dump_value(FILE *f, msdk_rbuf_t *rb, unsigned depth, bool one_line)
{
    uint8_t tag;
    if ((depth > MSDK_COSEM_AXDR_DEPTH_MAX) || (msdk_cosem_axdr_peek_tag(rb, &tag) != MSDK_OK)) {
        return -1;
    }
    indent(f, depth, one_line);
    if ((tag == MSDK_COSEM_AXDR_ARRAY) || (tag == MSDK_COSEM_AXDR_STRUCTURE)) {
        uint32_t n = 0;
        msdk_err_t err = (tag == MSDK_COSEM_AXDR_ARRAY)
                             ? msdk_cosem_axdr_get_array_header(rb, &n)
                             : msdk_cosem_axdr_get_structure_header(rb, &n);
        if (err != MSDK_OK) {
            return -1;
        }
        fprintf(f, "%s[%" PRIu32 "]%s", type_name(tag), n, one_line ? "{" : "\n");
        for (uint32_t i = 0; i < n; i++) {
            if (one_line && (i > 0u)) {
                fputs(", ", f);
            }
            if (dump_value(f, rb, depth + 1u, one_line) != 0) {
                return -1;
            }
        }
        if (one_line) {
            fputc('}', f);
        }
        return 0;
    }
    if (tag == MSDK_COSEM_AXDR_BIT_STRING) {
        const uint8_t *bits = NULL;
        uint32_t nbits = 0;
        if (msdk_cosem_axdr_get_bit_string_ref(rb, &bits, &nbits) != MSDK_OK) {
            return -1;
        }
        fprintf(f, "bit-string[%" PRIu32 "] ", nbits);
        put_hex(f, bits, (nbits + 7u) / 8u);
    } else if (tag == MSDK_COSEM_AXDR_COMPACT_ARRAY) {
        size_t start = rb->pos;
        if (msdk_cosem_axdr_skip(rb, MSDK_COSEM_AXDR_DEPTH_MAX) != MSDK_OK) {
            return -1;
        }
        fprintf(f, "%s (raw) ", type_name(tag));
        put_hex(f, &rb->p[start + 1u], rb->pos - start - 1u);
    } else {
        msdk_cosem_value_t v;
        if (msdk_cosem_value_get(rb, &v) != MSDK_OK) {
            return -1;
        }
        put_scalar(f, &v);
    }
    if (!one_line) {
        fputc('\n', f);
    }
    return 0;
}

int msdk_dlms_dump(FILE *f, const uint8_t *p, size_t n, bool one_line)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, p, n);
    if ((dump_value(f, &rb, 0u, one_line) != 0) || (msdk_rbuf_remaining(&rb) != 0u)) {
        fprintf(f, "%s(malformed value: ", one_line ? " " : "");
        put_hex(f, p, n);
        fprintf(f, ")%s", one_line ? "" : "\n");
        return -1;
    }
    return 0;
}

/* ---- Parsing ------------------------------------------------------------------------------------
 */

int msdk_dlms_parse_obis(const char *text, uint8_t ln[6])
{
    unsigned v[6];
    char end;
    if ((sscanf(text, "%u.%u.%u.%u.%u.%u%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) !=
         6)) {
        return -1;
    }
    for (unsigned i = 0; i < 6u; i++) {
        if (v[i] > 255u) {
            return -1;
        }
        ln[i] = (uint8_t)v[i];
    }
    return 0;
}

int msdk_dlms_parse_hex(const char *text, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = 0;
    int hi = -1;
    for (const char *s = text; *s != '\0'; s++) {
        int d;
        if ((*s >= '0') && (*s <= '9')) {
            d = *s - '0';
        } else if ((*s >= 'a') && (*s <= 'f')) {
            d = *s - 'a' + 10;
        } else if ((*s >= 'A') && (*s <= 'F')) {
            d = *s - 'A' + 10;
        } else if ((*s == ' ') || (*s == ':') || (*s == '\n') || (*s == '\r') || (*s == '\t')) {
            continue;
        } else {
            return -1;
        }
        if (hi < 0) {
            hi = d;
            continue;
        }
        if (n >= cap) {
            return -1;
        }
        out[n++] = (uint8_t)((hi << 4) | d);
        hi = -1;
    }
    if (hi >= 0) {
        return -1;
    }
    *len = n;
    return 0;
}

int msdk_dlms_parse_datetime(const char *text, uint8_t dt[12])
{
    unsigned y, mo, d, h, mi, s;
    char end;
    if (sscanf(text, "%4u-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &end) != 6) {
        return -1;
    }
    msdk_cosem_datetime_t t = {
        (uint16_t)y, (uint8_t)mo, (uint8_t)d, 0xFFu, (uint8_t)h, (uint8_t)mi, (uint8_t)s, 0u, 0, 0u,
    };
    if ((y > 0xFFFEu) || (mo > 12u) || (d > 31u) || (h > 23u) || (mi > 59u) || (s > 59u)) {
        return -1;
    }
    return (msdk_cosem_datetime_encode(&t, dt, 12u) == MSDK_OK) ? 0 : -1;
}

static int parse_int(const char *text, int64_t min, int64_t max, int64_t *v)
{
    char *end = NULL;
    errno = 0;
    long long x = strtoll(text, &end, 0);
    if ((errno != 0) || (end == text) || (*end != '\0') || (x < min) || (x > max)) {
        return -1;
    }
    *v = x;
    return 0;
}

static int parse_uint(const char *text, uint64_t max, uint64_t *v)
{
    char *end = NULL;
    errno = 0;
    if (text[0] == '-') {
        return -1;
    }
    unsigned long long x = strtoull(text, &end, 0);
    if ((errno != 0) || (end == text) || (*end != '\0') || (x > max)) {
        return -1;
    }
    *v = x;
    return 0;
}

int msdk_dlms_parse_value(const char *type, const char *text, uint8_t *out, size_t cap, size_t *len)
{
    static const struct {
        const char *name;
        uint8_t tag;
        bool is_signed;
        uint64_t umax;
        int64_t smin;
        int64_t smax;
    } ints[] = {
        { "u8", MSDK_COSEM_AXDR_UNSIGNED, false, UINT8_MAX, 0, 0 },
        { "u16", MSDK_COSEM_AXDR_LONG_UNSIGNED, false, UINT16_MAX, 0, 0 },
        { "u32", MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, false, UINT32_MAX, 0, 0 },
        { "u64", MSDK_COSEM_AXDR_LONG64_UNSIGNED, false, UINT64_MAX, 0, 0 },
        { "enum", MSDK_COSEM_AXDR_ENUM, false, UINT8_MAX, 0, 0 },
        { "i8", MSDK_COSEM_AXDR_INTEGER, true, 0, INT8_MIN, INT8_MAX },
        { "i16", MSDK_COSEM_AXDR_LONG, true, 0, INT16_MIN, INT16_MAX },
        { "i32", MSDK_COSEM_AXDR_DOUBLE_LONG, true, 0, INT32_MIN, INT32_MAX },
        { "i64", MSDK_COSEM_AXDR_LONG64, true, 0, INT64_MIN, INT64_MAX },
    };
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, cap);
    msdk_err_t err = MSDK_ERR_INVALID_ARG;
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        if (strcmp(type, ints[i].name) != 0) {
            continue;
        }
        if (ints[i].is_signed) {
            int64_t v = 0;
            if (parse_int(text, ints[i].smin, ints[i].smax, &v) == 0) {
                err = msdk_cosem_axdr_put_int_as(&w, ints[i].tag, v);
            }
        } else {
            uint64_t v = 0;
            if (parse_uint(text, ints[i].umax, &v) == 0) {
                err = msdk_cosem_axdr_put_uint_as(&w, ints[i].tag, v);
            }
        }
        goto done;
    }
    if (strcmp(type, "bool") == 0) {
        bool b = (strcmp(text, "true") == 0) || (strcmp(text, "1") == 0);
        if (b || (strcmp(text, "false") == 0) || (strcmp(text, "0") == 0)) {
            err = msdk_cosem_axdr_put_bool(&w, b);
        }
    } else if (strcmp(type, "octets-hex") == 0) {
        static uint8_t bytes[MSDK_DLMS_VALUE_MAX];
        size_t n = 0;
        if (msdk_dlms_parse_hex(text, bytes, sizeof bytes, &n) == 0) {
            err = msdk_cosem_axdr_put_octet_string(&w, bytes, n);
        }
    } else if (strcmp(type, "data-hex") == 0) {
        /* One whole A-XDR Data value, already encoded (a structure, an array...). */
        size_t n = 0;
        if ((msdk_dlms_parse_hex(text, out, cap, &n) == 0) && (n != 0u)) {
            msdk_rbuf_t rb;
            msdk_rbuf_init(&rb, out, n);
            if ((msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX) == MSDK_OK) &&
                (rb.pos == n)) {
                w.pos = n;
                err = MSDK_OK;
            }
        }
    } else if (strcmp(type, "visible") == 0) {
        err = msdk_cosem_axdr_put_visible_string(&w, text, strlen(text));
    } else if (strcmp(type, "datetime") == 0) {
        uint8_t dt[12];
        if (msdk_dlms_parse_datetime(text, dt) == 0) {
            err = msdk_cosem_axdr_put_octet_string(&w, dt, sizeof dt);
        }
    } else {
        fprintf(stderr,
                "msdk-dlms: unknown type %s (u8 u16 u32 u64 i8 i16 i32 i64 bool enum "
                "octets-hex data-hex visible datetime)\n",
                type);
        return -1;
    }
done:
    if (err != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: bad %s value \"%s\"\n", type, text);
        return -1;
    }
    *len = w.pos;
    return 0;
}
