/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * M-Bus client (class 72) and M-Bus master port setup (class 74) through the server with
 * APDU bytes, answers compared with hand-derived bytes. The slave's values come from the
 * published OMS Vol.2 Annex N example telegram (../shared/vectors/mbus-vectors.md: ELS gas
 * meter 12345678, version 0x33), parsed here from its published bytes; the capture
 * definition uses the three records of its published plaintext; the keys are the published
 * OMS mode 5 key and the RFC 3394 wrapped key of dlms-vectors.md section 5. The class
 * functions are also called directly to check truncation at every length, trailing bytes and
 * random input (the server's APDU decoder already refuses such values before a class sees
 * them).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_mbus.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_mbus_suite(void);

/* ---- Published vectors --------------------------------------------------------------------- */

/* OMS Vol.2 Annex N N.2.1, wireless frame format A without CRCs (mbus-vectors.md). */
static const uint8_t oms_frame[] = {
    0x2E, 0x44, 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03, 0x7A, 0x2A, 0x00, 0x20, 0x25,
};
/* Its mode 5 key, and the RFC 3394 wrap of 00112233..EEFF under 000102..0F. */
static const uint8_t oms_key[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                     0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11 };
static const uint8_t wrapped_key[24] = { 0x1F, 0xA6, 0x8B, 0x0A, 0x81, 0x12, 0xB4, 0x47,
                                         0xAE, 0xF3, 0x4B, 0xD8, 0xFB, 0x5A, 0x7B, 0x82,
                                         0x9D, 0x3E, 0x86, 0x23, 0x71, 0xD2, 0xCF, 0xE5 };

/* ---- The application ----------------------------------------------------------------------- */

#define CAP_MAX 200u

typedef struct app {
    uint8_t port_ln[6];
    uint32_t capture_period;
    uint8_t primary;
    uint32_t ident;
    uint16_t manufacturer;
    uint8_t version;
    uint8_t device_type;
    uint8_t access;
    uint8_t status;
    uint8_t alarm;
    uint16_t configuration;
    uint8_t key_status;
    uint8_t fail_dar; /* get returns this when non-zero */
    bool bad_values;  /* get returns values of the wrong type or range */
    unsigned sets;    /* scalar set calls */
    /* capture_definition, and the table being written */
    msdk_cosem_mbus_capture_elem_t cap[CAP_MAX];
    uint32_t cap_n;
    msdk_cosem_mbus_capture_elem_t staged[CAP_MAX];
    uint32_t staged_n;
    unsigned begins, commits, aborts;
    uint32_t fail_row; /* set_row / get_row fail at this index (UINT32_MAX: never) */
    /* methods */
    int last_method;
    unsigned calls;
    uint8_t install_addr;
    uint8_t key[40];
    size_t key_len;
    uint32_t records;
    msdk_cosem_mbus_record_t rec_copy; /* last record (data only) */
    uint8_t rec_dib[11];
    uint8_t rec_vib[11];
    bool sent;
    /* master port */
    uint8_t speed;
} app_t;

static app_t g_app;

static uint8_t mb_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (a->fail_dar != 0u) {
        return a->fail_dar;
    }
    switch (attr) {
    case MSDK_COSEM_MBUS_CLIENT_PORT_REFERENCE:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = a->port_ln;
        v->v.str.len = a->bad_values ? 5u : 6u;
        return MSDK_COSEM_DAR_SUCCESS;
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE_PERIOD:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->capture_period;
        break;
    case MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->bad_values ? 251u : a->primary;
        return MSDK_COSEM_DAR_SUCCESS;
    case MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->ident;
        break;
    case MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID:
        v->tag = MSDK_COSEM_AXDR_LONG_UNSIGNED;
        v->v.u = a->manufacturer;
        break;
    case MSDK_COSEM_MBUS_CLIENT_VERSION:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->version;
        break;
    case MSDK_COSEM_MBUS_CLIENT_DEVICE_TYPE:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->device_type;
        break;
    case MSDK_COSEM_MBUS_CLIENT_ACCESS_NUMBER:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->access;
        break;
    case MSDK_COSEM_MBUS_CLIENT_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->status;
        break;
    case MSDK_COSEM_MBUS_CLIENT_ALARM:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->alarm;
        break;
    case MSDK_COSEM_MBUS_CLIENT_CONFIGURATION:
        v->tag = MSDK_COSEM_AXDR_LONG_UNSIGNED;
        v->v.u = a->configuration;
        break;
    default:
        v->tag = MSDK_COSEM_AXDR_ENUM;
        v->v.u = a->bad_values ? 5u : a->key_status;
        return MSDK_COSEM_DAR_SUCCESS;
    }
    if (a->bad_values) {
        v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED; /* the wrong type for every attribute */
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t mb_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->sets++;
    switch (attr) {
    case MSDK_COSEM_MBUS_CLIENT_PORT_REFERENCE: memcpy(a->port_ln, v->v.str.p, 6); break;
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE_PERIOD: a->capture_period = (uint32_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS: a->primary = (uint8_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER: a->ident = (uint32_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID: a->manufacturer = (uint16_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_VERSION: a->version = (uint8_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_DEVICE_TYPE: a->device_type = (uint8_t)v->v.u; break;
    case MSDK_COSEM_MBUS_CLIENT_CONFIGURATION: a->configuration = (uint16_t)v->v.u; break;
    default: ck_abort_msg("set of attribute %u reached the application", (unsigned)attr);
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint32_t cap_count(void *ctx)
{
    return ((app_t *)ctx)->cap_n;
}

static uint8_t cap_get_row(void *ctx, uint32_t i, msdk_cosem_mbus_capture_elem_t *row)
{
    app_t *a = (app_t *)ctx;
    if ((i >= a->cap_n) || (i == a->fail_row)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    *row = a->cap[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cap_set_begin(void *ctx, uint32_t n)
{
    app_t *a = (app_t *)ctx;
    a->begins++;
    if (n > CAP_MAX) {
        return MSDK_COSEM_DAR_OTHER_REASON;
    }
    a->staged_n = 0;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cap_set_row(void *ctx, uint32_t i, const msdk_cosem_mbus_capture_elem_t *row)
{
    app_t *a = (app_t *)ctx;
    if ((i != a->staged_n) || (i == a->fail_row)) {
        return MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    a->staged[a->staged_n++] = *row;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cap_set_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    if (commit) {
        memcpy(a->cap, a->staged, sizeof a->cap);
        a->cap_n = a->staged_n;
        a->commits++;
    } else {
        a->aborts++;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t m_install(void *ctx, uint8_t addr)
{
    app_t *a = (app_t *)ctx;
    a->last_method = 1;
    a->calls++;
    a->install_addr = addr;
    return MSDK_COSEM_ACTION_SUCCESS;
}

#define ZERO_METHOD(name, n)                                                                       \
    static uint8_t name(void *ctx)                                                                 \
    {                                                                                              \
        app_t *a = (app_t *)ctx;                                                                   \
        a->last_method = (n);                                                                      \
        a->calls++;                                                                                \
        return MSDK_COSEM_ACTION_SUCCESS;                                                          \
    }
ZERO_METHOD(m_deinstall, 2)
ZERO_METHOD(m_capture, 3)
ZERO_METHOD(m_reset_alarm, 4)
ZERO_METHOD(m_sync_clock, 5)

static uint8_t send_begin(void *ctx, uint32_t n)
{
    app_t *a = (app_t *)ctx;
    a->last_method = 6;
    a->calls++;
    a->records = 0;
    a->sent = false;
    return (n <= 4u) ? MSDK_COSEM_ACTION_SUCCESS : MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
}

static uint8_t send_record(void *ctx, uint32_t i, const msdk_cosem_mbus_record_t *rec)
{
    app_t *a = (app_t *)ctx;
    if ((i != a->records) || (i == a->fail_row)) {
        return MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    a->records++;
    a->rec_copy = *rec;
    memcpy(a->rec_dib, rec->dib, rec->dib_len);
    memcpy(a->rec_vib, rec->vib, rec->vib_len);
    a->rec_copy.dib = a->rec_dib;
    a->rec_copy.vib = a->rec_vib;
    a->rec_copy.data.v.str.p = NULL; /* a reference into the request: not kept */
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t send_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    a->sent = commit;
    if (!commit) {
        a->aborts++;
    }
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t m_key(app_t *a, int method, const uint8_t *key, size_t len)
{
    a->last_method = method;
    a->calls++;
    ck_assert_uint_le(len, sizeof a->key);
    if (len > 0u) {
        memcpy(a->key, key, len);
    }
    a->key_len = len;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t m_set_key(void *ctx, const uint8_t *key, size_t len)
{
    return m_key((app_t *)ctx, 7, key, len);
}

static uint8_t m_transfer_key(void *ctx, const uint8_t *key, size_t len)
{
    return m_key((app_t *)ctx, 8, key, len);
}

static uint8_t port_get(void *ctx, uint8_t *speed)
{
    app_t *a = (app_t *)ctx;
    if (a->fail_dar != 0u) {
        return a->fail_dar;
    }
    *speed = a->bad_values ? 10u : a->speed;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t port_set(void *ctx, uint8_t speed)
{
    app_t *a = (app_t *)ctx;
    a->speed = speed;
    a->sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static const msdk_cosem_mbus_capture_table_t cap_table = {
    cap_count, cap_get_row, cap_set_begin, cap_set_row, cap_set_end,
};
static const msdk_cosem_mbus_send_ops_t send_ops = { send_begin, send_record, send_end };
static const msdk_cosem_mbus_client_def_t client_def = {
    mb_get,        mb_set,       &cap_table, m_install, m_deinstall,    m_capture,
    m_reset_alarm, m_sync_clock, &send_ops,  m_set_key, m_transfer_key,
};
/* A client whose application provides nothing. */
static const msdk_cosem_mbus_client_def_t empty_client_def = { 0 };
/* Ports: all speeds up to 57 600 baud writable; one read-only. */
static const msdk_cosem_mbus_port_def_t port_def = { 0x01FFu, port_get, port_set };
static const msdk_cosem_mbus_port_def_t port_ro_def = { 0u, port_get, NULL };

#define ALL 0xFFFFFFFFu
static const msdk_cosem_rights_t r_all[1] = { { .read = ALL, .write = ALL, .exec = ALL } };

static const uint8_t LN_CLIENT[6] = { 0, 1, 24, 1, 0, 255 };
static const uint8_t LN_EMPTY[6] = { 0, 2, 24, 1, 0, 255 };
static const uint8_t LN_PORT[6] = { 0, 0, 24, 6, 0, 255 };
static const uint8_t LN_PORT_RO[6] = { 0, 1, 24, 6, 0, 255 };

static const msdk_cosem_object_t objects[] = {
    { { 0, 1, 24, 1, 0, 255 }, &msdk_cosem_class_mbus_client, &client_def, &g_app, r_all },
    { { 0, 2, 24, 1, 0, 255 }, &msdk_cosem_class_mbus_client, &empty_client_def, &g_app, r_all },
    { { 0, 0, 24, 6, 0, 255 }, &msdk_cosem_class_mbus_port, &port_def, &g_app, r_all },
    { { 0, 1, 24, 6, 0, 255 }, &msdk_cosem_class_mbus_port, &port_ro_def, &g_app, r_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, 4u);

/* ---- Helpers ------------------------------------------------------------------------------- */

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    /* The slave of the OMS example: fields of its published header, least significant
     * byte first as M-Bus sends them. */
    g_app.manufacturer = le16(&oms_frame[2]);
    g_app.ident = (uint32_t)le16(&oms_frame[4]) | ((uint32_t)le16(&oms_frame[6]) << 16);
    g_app.version = oms_frame[8];
    g_app.device_type = oms_frame[9];
    g_app.access = oms_frame[11];
    g_app.status = oms_frame[12];
    g_app.configuration = le16(&oms_frame[13]);
    memcpy(g_app.port_ln, LN_PORT, 6);
    g_app.capture_period = 3600u;
    g_app.primary = 5u;
    g_app.key_status = MSDK_COSEM_MBUS_KEY_IN_USE;
    g_app.fail_row = UINT32_MAX;
    g_app.speed = MSDK_COSEM_MBUS_BAUD_2400;
    ck_srv_init(&ldev, 256u);
    ck_associate_hex(CK_AARQ_256); /* client max PDU 256 */
}

static const msdk_cosem_object_t *const CLIENT = &objects[0];

/* The three records of the OMS example's plaintext: 0C 14 (volume, 8-digit BCD),
 * 04 6D (date-time type F), 02 FD 17 (error flags). */
static const uint8_t cap3[] = {
    0x01, 0x03,                                           /* array of 3 */
    0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14,       /* {0C, 14} */
    0x02, 0x02, 0x09, 0x01, 0x04, 0x09, 0x01, 0x6D,       /* {04, 6D} */
    0x02, 0x02, 0x09, 0x01, 0x02, 0x09, 0x02, 0xFD, 0x17, /* {02, FD 17} */
};

static void fill_cap3(void)
{
    static const msdk_cosem_mbus_capture_elem_t e[3] = {
        { { 0x0C }, 1, { 0x14 }, 1 },
        { { 0x04 }, 1, { 0x6D }, 1 },
        { { 0x02 }, 1, { 0xFD, 0x17 }, 2 },
    };
    memcpy(g_app.cap, e, sizeof e);
    g_app.cap_n = 3;
}

/* ---- M-Bus client: attributes -------------------------------------------------------------- */

START_TEST(client_get_scalars)
{
    /* Values from the published OMS header. */
    ck_assert_uint_eq(g_app.manufacturer, 0x1593u); /* "ELS" */
    ck_assert_uint_eq(g_app.ident, 0x12345678u);
    static const struct {
        uint8_t attr;
        const char *data;
    } attrs[] = {
        { 2, "09060000180600FF" },
        { 4, "0600000E10" },
        { 5, "1105" },
        { 6, "0612345678" },
        { 7, "121593" },
        { 8, "1133" },
        { 9, "1103" },
        { 10, "112A" },
        { 11, "1100" },
        { 12, "1100" }, /* alarm 0 */
        { 13, "122520" },
        { 14, "1604" },
        /* Logical name, by the server. */
        { 1, "09060001180100FF" },
    };
    for (size_t i = 0; i < CK_COUNT(attrs); i++) {
        uint8_t want[16];
        size_t n = ck_hex(attrs[i].data, want, sizeof want);
        ck_get(72, LN_CLIENT, attrs[i].attr);
        ck_want_get_data(want, n);
    }
    /* No attribute 15. */
    ck_get(72, LN_CLIENT, 15);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
}
END_TEST

/* A GET of every attribute 2..14 of the M-Bus client but capture_definition (3) must answer
 * the data-access-result `want`. */
static void expect_client_dars(uint8_t want)
{
    for (uint8_t attr = 2; attr <= 14; attr++) {
        if (attr == 3) {
            continue;
        }
        ck_get(72, LN_CLIENT, attr);
        if (ck_get_dar() != want) {
            ck_abort_msg("attribute %u: dar %u", (unsigned)attr, (unsigned)ck_get_dar());
        }
    }
}

START_TEST(client_get_provider_errors)
{
    /* A provider's result is passed on. */
    g_app.fail_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    expect_client_dars(MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    /* A provider's value of the wrong type or range is a hardware fault, not sent. */
    g_app.fail_dar = 0;
    g_app.bad_values = true;
    expect_client_dars(MSDK_COSEM_DAR_HARDWARE_FAULT);
    /* No provider: object-unavailable. */
    ck_get(72, LN_EMPTY, 5);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    ck_get(72, LN_EMPTY, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
}
END_TEST

START_TEST(client_get_capture_definition)
{
    ck_get(72, LN_CLIENT, 3);
    static const uint8_t empty[] = { 0x01, 0x00 };
    ck_want_get_data(empty, sizeof empty);
    fill_cap3();
    ck_get(72, LN_CLIENT, 3);
    ck_want_get_data(cap3, sizeof cap3);
    /* A provider row that breaks the block rules: hardware fault. */
    g_app.cap[1].vib[0] = 0xFD; /* extension bit on the last byte */
    ck_get(72, LN_CLIENT, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
    g_app.cap[1].vib[0] = 0x6D;
    g_app.cap[1].dib_len = 12;
    ck_get(72, LN_CLIENT, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
    g_app.cap[1].dib_len = 0;
    ck_get(72, LN_CLIENT, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
    /* A provider row error is passed on. */
    g_app.cap[1].dib_len = 1;
    g_app.fail_row = 2;
    ck_get(72, LN_CLIENT, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    /* Selective access is refused. */
    static const uint8_t sel[] = { 0xC0, 0x01, 0xC1, 0x00, 0x48, 0x00, 0x01, 0x18,
                                   0x01, 0x00, 0xFF, 0x03, 0x01, 0x02, 0x00 };
    ck_send(sel, sizeof sel);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OTHER_REASON);
}
END_TEST

/* Reassembles a GET in blocks (client PDU 256) into `value`; returns the dar. */
static uint8_t get_long(uint16_t class_id, const uint8_t ln[6], uint8_t attr, uint8_t *value,
                        size_t cap, size_t *len)
{
    uint8_t req[13];
    return ck_get_blocks(req, ck_get_req(req, class_id, ln, attr), 256u, value, cap, len, NULL);
}

START_TEST(client_get_capture_definition_in_blocks)
{
    /* 150 elements of the longest blocks: 28 bytes each, 4203 bytes in all. */
    g_app.cap_n = 150;
    for (uint32_t i = 0; i < 150; i++) {
        msdk_cosem_mbus_capture_elem_t *e = &g_app.cap[i];
        e->dib_len = 11;
        e->vib_len = 11;
        for (unsigned k = 0; k < 11; k++) {
            e->dib[k] = (uint8_t)(((k < 10u) ? 0x80u : 0x00u) | ((i + k) & 0x7Fu));
            e->vib[k] = (uint8_t)(((k < 10u) ? 0x80u : 0x00u) | ((i * 3u + k) & 0x7Fu));
        }
    }
    static uint8_t value[8000];
    size_t len = 0;
    ck_assert_uint_eq(get_long(72, LN_CLIENT, 3, value, sizeof value, &len), 0u);
    /* Expected: array header 82 00 96, then each structure. */
    ck_assert_uint_eq(len, 3u + (150u * 28u));
    static const uint8_t head[3] = { 0x01, 0x81, 0x96 };
    ck_assert_mem_eq(value, head, 3);
    for (uint32_t i = 0; i < 150; i++) {
        const uint8_t *p = &value[3u + (i * 28u)];
        const msdk_cosem_mbus_capture_elem_t *e = &g_app.cap[i];
        if ((p[0] != 0x02) || (p[1] != 0x02) || (p[2] != 0x09) || (p[3] != 11) ||
            (memcmp(&p[4], e->dib, 11) != 0) || (p[15] != 0x09) || (p[16] != 11) ||
            (memcmp(&p[17], e->vib, 11) != 0)) {
            ck_abort_msg("element %u differs", (unsigned)i);
        }
    }
    /* A row failing in a later block ends the transfer with the provider's result. */
    g_app.fail_row = 100;
    ck_assert_uint_eq(get_long(72, LN_CLIENT, 3, value, sizeof value, &len),
                      MSDK_COSEM_DAR_TEMPORARY_FAILURE);
}
END_TEST

START_TEST(client_set_scalars)
{
    static const uint8_t v2[] = { 0x09, 0x06, 0x00, 0x00, 0x18, 0x06, 0x01, 0xFF };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 2, v2, sizeof v2), 0u);
    ck_assert_mem_eq(g_app.port_ln, &v2[2], 6);
    static const uint8_t v4[] = { 0x06, 0x00, 0x01, 0x51, 0x80 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 4, v4, sizeof v4), 0u);
    ck_assert_uint_eq(g_app.capture_period, 86400u);
    static const uint8_t v5[] = { 0x11, 0xFA };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 5, v5, sizeof v5), 0u);
    ck_assert_uint_eq(g_app.primary, 250u);
    static const uint8_t v6[] = { 0x06, 0x87, 0x65, 0x43, 0x21 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 6, v6, sizeof v6), 0u);
    ck_assert_uint_eq(g_app.ident, 0x87654321u);
    static const uint8_t v7[] = { 0x12, 0x2C, 0x2D };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 7, v7, sizeof v7), 0u);
    ck_assert_uint_eq(g_app.manufacturer, 0x2C2Du);
    static const uint8_t v8[] = { 0x11, 0x40 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 8, v8, sizeof v8), 0u);
    ck_assert_uint_eq(g_app.version, 0x40u);
    static const uint8_t v9[] = { 0x11, 0x07 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 9, v9, sizeof v9), 0u);
    ck_assert_uint_eq(g_app.device_type, 7u);
    static const uint8_t v13[] = { 0x12, 0x05, 0x00 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 13, v13, sizeof v13), 0u);
    ck_assert_uint_eq(g_app.configuration, 0x0500u);
    ck_assert_uint_eq(g_app.sets, 8u);

    /* Wrong types, lengths and ranges: type-unmatched, nothing applied. */
    static const struct {
        uint8_t attr;
        uint8_t len;
        uint8_t v[9];
    } bad[] = {
        { 2, 7, { 0x09, 0x05, 0, 0, 24, 6, 0 } },         /* LN of 5 bytes */
        { 2, 9, { 0x09, 0x07, 0, 0, 24, 6, 0, 255, 1 } }, /* LN of 7 bytes */
        { 2, 8, { 0x0A, 0x06, 0, 0, 24, 6, 0, 255 } },    /* visible-string */
        { 4, 3, { 0x12, 0x0E, 0x10 } },                   /* long-unsigned */
        { 4, 5, { 0x05, 0x00, 0x00, 0x0E, 0x10 } },       /* double-long */
        { 5, 2, { 0x11, 0xFB } },                         /* address 251 */
        { 5, 2, { 0x11, 0xFF } },                         /* broadcast */
        { 5, 2, { 0x0F, 0x05 } },                         /* integer */
        { 6, 3, { 0x12, 0x12, 0x34 } },                   /* long-unsigned */
        { 7, 2, { 0x11, 0x15 } },                         /* unsigned */
        { 8, 3, { 0x12, 0x00, 0x33 } },                   /* long-unsigned */
        { 9, 2, { 0x16, 0x03 } },                         /* enum */
        { 13, 5, { 0x06, 0x00, 0x00, 0x20, 0x25 } },      /* double-long-unsigned */
        { 5, 1, { 0x00 } },                               /* null-data */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t dar = ck_set(72, LN_CLIENT, bad[i].attr, bad[i].v, bad[i].len);
        if (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("bad value %u: dar %u", (unsigned)i, (unsigned)dar);
        }
    }
    ck_assert_uint_eq(g_app.sets, 8u);
    /* Read-only attributes, whatever the rights. */
    static const uint8_t u1[] = { 0x11, 0x01 };
    static const uint8_t e1[] = { 0x16, 0x01 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 10, u1, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 11, u1, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 12, u1, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 14, e1, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 1, v2, sizeof v2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_EMPTY, 5, v5, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(72, LN_EMPTY, 3, cap3, sizeof cap3), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(g_app.sets, 8u);
    /* Trailing bytes and every truncation, at the class (the server's decoder refuses them
     * before a class sees them). */
    static const uint8_t v6x[] = { 0x06, 0x87, 0x65, 0x43, 0x21, 0x00 };
    ck_assert_uint_eq(ck_class_set(CLIENT, 6, v6x, sizeof v6x), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    for (size_t n = 0; n < sizeof v2; n++) {
        if (ck_class_set(CLIENT, 2, v2, n) != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("truncated at %u", (unsigned)n);
        }
    }
    ck_assert_uint_eq(g_app.sets, 8u);
}
END_TEST

START_TEST(client_set_capture_definition)
{
    fill_cap3();
    /* Replace with one element {DIF 84 10 (storage 1, tariff...), VIF 13}. */
    static const uint8_t one[] = {
        0x01, 0x01, 0x02, 0x02, 0x09, 0x02, 0x84, 0x10, 0x09, 0x01, 0x13
    };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, one, sizeof one), 0u);
    ck_assert_uint_eq(g_app.cap_n, 1u);
    ck_assert_uint_eq(g_app.cap[0].dib_len, 2u);
    ck_assert_uint_eq(g_app.cap[0].dib[0], 0x84u);
    ck_assert_uint_eq(g_app.cap[0].dib[1], 0x10u);
    ck_assert_uint_eq(g_app.cap[0].vib_len, 1u);
    ck_assert_uint_eq(g_app.cap[0].vib[0], 0x13u);
    /* The OMS records, then read back. */
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, cap3, sizeof cap3), 0u);
    ck_assert_uint_eq(g_app.commits, 2u);
    ck_get(72, LN_CLIENT, 3);
    ck_want_get_data(cap3, sizeof cap3);
    /* An empty table. */
    static const uint8_t empty[] = { 0x01, 0x00 };
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, empty, sizeof empty), 0u);
    ck_assert_uint_eq(g_app.cap_n, 0u);
    fill_cap3();
    const unsigned begins = g_app.begins;

    /* Malformed tables: type-unmatched, the application never called. */
    static const struct {
        uint8_t len;
        uint8_t v[16];
    } bad[] = {
        { 10, { 0x02, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14 } }, /* structure */
        { 10, { 0x01, 0x01, 0x01, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14 } }, /* array */
        { 12, { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x11, 0x00 } },
        { 7, { 0x01, 0x01, 0x02, 0x01, 0x09, 0x01, 0x0C } },                    /* 1 member */
        { 10, { 0x01, 0x01, 0x02, 0x02, 0x0A, 0x01, 0x0C, 0x09, 0x01, 0x14 } }, /* visible */
        { 10, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x11, 0x14, 0x00 } }, /* unsigned */
        { 9, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x00, 0x09, 0x01, 0x14 } },        /* empty DIB */
        { 9, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x00 } },        /* empty VIB */
        { 10, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x8C, 0x09, 0x01, 0x14 } }, /* DIF ext */
        { 11, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x02, 0x0C, 0x10, 0x09, 0x01, 0x14 } },
        { 11, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x02, 0x14, 0x13 } },
        { 10, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0xFD } }, /* VIF ext */
        { 2, { 0x09, 0x00 } },                                                  /* octets */
        { 1, { 0x00 } },                                                        /* null */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t dar = ck_class_set(CLIENT, 3, bad[i].v, bad[i].len);
        if (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("bad table %u: dar %u", (unsigned)i, (unsigned)dar);
        }
    }
    /* The well-formed A-XDR ones also through the server. */
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, bad[0].v, bad[0].len),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, bad[6].v, bad[6].len),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, bad[8].v, bad[8].len),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    /* Blocks of 12 bytes (one DIFE / VIFE too many). */
    uint8_t big[40];
    size_t n = 0;
    big[n++] = 0x01;
    big[n++] = 0x01;
    big[n++] = 0x02;
    big[n++] = 0x02;
    big[n++] = 0x09;
    big[n++] = 12;
    for (unsigned k = 0; k < 12; k++) {
        big[n++] = (k < 11u) ? 0x80u : 0x00u;
    }
    big[n++] = 0x09;
    big[n++] = 0x01;
    big[n++] = 0x13;
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, big, n), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    big[5] = 11; /* the same with 11 bytes is fine: shift the VIB down by one */
    memmove(&big[16], &big[17], n - 17);
    big[16] = 0x00;
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, big, n - 1), 0u);
    ck_assert_uint_eq(g_app.cap_n, 1u);
    ck_assert_uint_eq(g_app.cap[0].dib_len, 11u);
    fill_cap3();
    ck_assert_uint_eq(g_app.begins, begins + 1u);

    /* Every truncation and a trailing byte, at the class: nothing called. */
    ck_class_refuses_cuts(CLIENT, false, 3, cap3, sizeof cap3);
    /* A count larger than the elements present. */
    uint8_t more[sizeof cap3];
    memcpy(more, cap3, sizeof cap3);
    more[1] = 0x04;
    ck_assert_uint_eq(ck_class_set(CLIENT, 3, more, sizeof cap3), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.begins, begins + 1u);
    ck_assert_uint_eq(g_app.cap_n, 3u);

    /* The application refuses the size: its result, nothing stored. */
    static uint8_t huge[3 + ((CAP_MAX + 1u) * 8u)];
    n = 0;
    huge[n++] = 0x01;
    huge[n++] = 0x81;
    huge[n++] = (uint8_t)(CAP_MAX + 1u);
    for (unsigned k = 0; k <= CAP_MAX; k++) {
        static const uint8_t el[8] = { 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14 };
        memcpy(&huge[n], el, 8);
        n += 8;
    }
    ck_assert_uint_eq(ck_class_set(CLIENT, 3, huge, n), MSDK_COSEM_DAR_OTHER_REASON);
    ck_assert_uint_eq(g_app.cap_n, 3u);
    /* A row refused: set_end(false), the old table stays, the row's result is passed on. */
    g_app.fail_row = 1;
    const unsigned aborts = g_app.aborts;
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, one, sizeof one), 0u); /* row 0 only: fine */
    fill_cap3();
    ck_assert_uint_eq(ck_set(72, LN_CLIENT, 3, cap3, sizeof cap3), MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_assert_uint_eq(g_app.aborts, aborts + 1u);
    ck_assert_uint_eq(g_app.cap_n, 3u);
    ck_assert_uint_eq(g_app.cap[1].vib[0], 0x6Du);
    /* A selector on SET is refused. */
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    rq.selector = 1;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, cap3, sizeof cap3);
    ck_assert_uint_eq(CLIENT->cls->set(CLIENT, 3, &rq, &rb), MSDK_COSEM_DAR_OTHER_REASON);
}
END_TEST

/* ---- M-Bus client: methods ----------------------------------------------------------------- */

START_TEST(client_slave_install)
{
    static const uint8_t p_addr[] = { 0x11, 0x07 };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 1, p_addr, sizeof p_addr), 0u);
    ck_assert_int_eq(g_app.last_method, 1);
    ck_assert_uint_eq(g_app.install_addr, 7u);
    static const uint8_t p_max[] = { 0x11, 0xFA };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 1, p_max, sizeof p_max), 0u);
    ck_assert_uint_eq(g_app.install_addr, 250u);
    /* integer 0 (version-0 clients), null-data and no parameter: no address given. */
    static const uint8_t p_int0[] = { 0x0F, 0x00 };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 1, p_int0, sizeof p_int0), 0u);
    ck_assert_uint_eq(g_app.install_addr, 0u);
    g_app.install_addr = 9;
    static const uint8_t p_null[] = { 0x00 };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 1, p_null, sizeof p_null), 0u);
    ck_assert_uint_eq(g_app.install_addr, 0u);
    g_app.install_addr = 9;
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 1, NULL, 0), 0u);
    ck_assert_uint_eq(g_app.install_addr, 0u);
    ck_assert_uint_eq(g_app.calls, 5u);
    /* Out of range or of another type. */
    static const struct {
        uint8_t len;
        uint8_t v[3];
    } bad[] = {
        { 2, { 0x11, 0xFB } }, { 2, { 0x11, 0xFE } },       { 2, { 0x11, 0xFF } },
        { 2, { 0x0F, 0x01 } }, { 3, { 0x12, 0x00, 0x05 } }, { 2, { 0x16, 0x05 } },
        { 2, { 0x03, 0x00 } },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ck_action(72, LN_CLIENT, 1, bad[i].v, bad[i].len) != MSDK_COSEM_ACTION_TYPE_UNMATCHED) {
            ck_abort_msg("bad parameter %u accepted", (unsigned)i);
        }
    }
    static const uint8_t trailing[] = { 0x11, 0x07, 0x00 };
    ck_assert_uint_eq(ck_class_action(CLIENT, 1, trailing, sizeof trailing),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_class_action(CLIENT, 1, p_addr, 1), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_class_action(CLIENT, 1, p_addr, 0), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.calls, 5u);
}
END_TEST

START_TEST(client_zero_methods)
{
    static const uint8_t p0[] = { 0x0F, 0x00 };
    for (uint8_t m = 2; m <= 5; m++) {
        g_app.last_method = 0;
        ck_assert_uint_eq(ck_action(72, LN_CLIENT, m, p0, sizeof p0), 0u);
        ck_assert_int_eq(g_app.last_method, m);
        ck_assert_uint_eq(ck_action(72, LN_CLIENT, m, NULL, 0), 0u);
    }
    ck_assert_uint_eq(g_app.calls, 8u);
    static const struct {
        uint8_t len;
        uint8_t v[3];
    } bad[] = {
        { 2, { 0x0F, 0x01 } }, { 2, { 0x11, 0x00 } }, { 3, { 0x10, 0x00, 0x00 } },
        { 2, { 0x09, 0x00 } }, { 2, { 0x16, 0x00 } },
    };
    for (uint8_t m = 2; m <= 5; m++) {
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            if (ck_action(72, LN_CLIENT, m, bad[i].v, bad[i].len) !=
                MSDK_COSEM_ACTION_TYPE_UNMATCHED) {
                ck_abort_msg("method %u: bad parameter %u accepted", (unsigned)m, (unsigned)i);
            }
        }
        static const uint8_t trailing[] = { 0x0F, 0x00, 0x00 };
        if (ck_class_action(CLIENT, m, trailing, sizeof trailing) !=
            MSDK_COSEM_ACTION_TYPE_UNMATCHED) {
            ck_abort_msg("method %u: trailing byte accepted", (unsigned)m);
        }
    }
    ck_assert_uint_eq(g_app.calls, 8u);
    /* No callbacks: every method object-unavailable; no method 9. */
    for (uint8_t m = 1; m <= 8; m++) {
        if (ck_action(72, LN_EMPTY, m, p0, sizeof p0) != MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE) {
            ck_abort_msg("method %u of the empty client", (unsigned)m);
        }
    }
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 9, p0, sizeof p0),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(ck_class_action(CLIENT, 0, p0, sizeof p0),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(g_app.calls, 8u);
}
END_TEST

/* data_send with the OMS records: {0C, 14, double-long-unsigned 0x02850427} and
 * {02, FD 17, long-unsigned 0}. */
static const uint8_t send2[] = {
    0x01, 0x02, /* array of 2 */
    0x02, 0x03, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x06, 0x02, 0x85, 0x04, 0x27,
    0x02, 0x03, 0x09, 0x01, 0x02, 0x09, 0x02, 0xFD, 0x17, 0x12, 0x00, 0x00,
};

START_TEST(client_data_send)
{
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 6, send2, sizeof send2), 0u);
    ck_assert_uint_eq(g_app.records, 2u);
    ck_assert(g_app.sent);
    ck_assert_uint_eq(g_app.rec_copy.dib_len, 1u);
    ck_assert_uint_eq(g_app.rec_dib[0], 0x02u);
    ck_assert_uint_eq(g_app.rec_copy.vib_len, 2u);
    ck_assert_uint_eq(g_app.rec_vib[0], 0xFDu);
    ck_assert_uint_eq(g_app.rec_vib[1], 0x17u);
    ck_assert_uint_eq(g_app.rec_copy.data.tag, MSDK_COSEM_AXDR_LONG_UNSIGNED);
    ck_assert_uint_eq(g_app.rec_copy.data.v.u, 0u);
    /* A single record with an octet-string value. */
    static const uint8_t send1[] = { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x0D, 0x09,
                                     0x01, 0x78, 0x09, 0x03, 0x41, 0x42, 0x43 };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 6, send1, sizeof send1), 0u);
    ck_assert_uint_eq(g_app.records, 1u);
    ck_assert_uint_eq(g_app.rec_copy.data.tag, MSDK_COSEM_AXDR_OCTET_STRING);
    ck_assert_uint_eq(g_app.rec_copy.data.v.str.len, 3u);
    const unsigned calls = g_app.calls;

    static const struct {
        uint8_t len;
        uint8_t v[20];
    } bad[] = {
        { 2, { 0x01, 0x00 } }, /* empty */
        { 1, { 0x00 } },       /* null */
        { 2, { 0x0F, 0x00 } }, /* integer */
        { 12, { 0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x11, 0x00 } },
        { 14,
          { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x02, 0x01, 0x11,
            0x00 } }, /* structure */
        { 13, { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x8C, 0x09, 0x01, 0x14, 0x11, 0x00 } },
        { 11, { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0xFF } },
        { 12, { 0x01, 0x01, 0x02, 0x03, 0x0A, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x11, 0x00 } },
        { 13, { 0x01, 0x01, 0x02, 0x03, 0x09, 0x01, 0x0C, 0x09, 0x01, 0x14, 0x01, 0x00 } },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ck_class_action(CLIENT, 6, bad[i].v, bad[i].len) != MSDK_COSEM_ACTION_TYPE_UNMATCHED) {
            ck_abort_msg("bad data_send %u accepted", (unsigned)i);
        }
    }
    ck_class_refuses_cuts(CLIENT, true, 6, send2, sizeof send2);
    uint8_t more[sizeof send2];
    memcpy(more, send2, sizeof send2);
    more[1] = 0x03;
    ck_assert_uint_eq(ck_class_action(CLIENT, 6, more, sizeof send2),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.calls, calls);
    /* The application's results: begin refuses 5 records; a record refused aborts. */
    uint8_t five[2 + (5 * 13)];
    size_t n = 0;
    five[n++] = 0x01;
    five[n++] = 0x05;
    for (unsigned k = 0; k < 5; k++) {
        memcpy(&five[n], &send2[2], 13);
        n += 13;
    }
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 6, five, n), MSDK_COSEM_ACTION_TEMPORARY_FAILURE);
    ck_assert_uint_eq(g_app.records, 0u);
    g_app.fail_row = 1;
    const unsigned aborts = g_app.aborts;
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 6, send2, sizeof send2),
                      MSDK_COSEM_ACTION_HARDWARE_FAULT);
    ck_assert_uint_eq(g_app.aborts, aborts + 1u);
    ck_assert(!g_app.sent);
}
END_TEST

START_TEST(client_keys)
{
    uint8_t p[64];
    p[0] = 0x09;
    p[1] = 16;
    memcpy(&p[2], oms_key, 16);
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 7, p, 18), 0u);
    ck_assert_int_eq(g_app.last_method, 7);
    ck_assert_uint_eq(g_app.key_len, 16u);
    ck_assert_mem_eq(g_app.key, oms_key, 16);
    /* The empty key removes it. */
    static const uint8_t none[] = { 0x09, 0x00 };
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 7, none, sizeof none), 0u);
    ck_assert_uint_eq(g_app.key_len, 0u);
    /* transfer_key with the RFC 3394 wrapped key. */
    p[1] = 24;
    memcpy(&p[2], wrapped_key, 24);
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 8, p, 26), 0u);
    ck_assert_int_eq(g_app.last_method, 8);
    ck_assert_uint_eq(g_app.key_len, 24u);
    ck_assert_mem_eq(g_app.key, wrapped_key, 24);
    const unsigned calls = g_app.calls;
    /* Lengths: set_encryption_key takes 0 or 16, transfer_key 16..40. */
    memset(&p[2], 0x5A, 60);
    for (unsigned len = 0; len <= 60; len++) {
        p[1] = (uint8_t)len;
        uint8_t r7 = ck_action(72, LN_CLIENT, 7, p, 2u + len);
        uint8_t r8 = ck_action(72, LN_CLIENT, 8, p, 2u + len);
        bool ok7 = (len == 0u) || (len == 16u);
        bool ok8 = (len >= 16u) && (len <= 40u);
        if ((r7 != (ok7 ? 0u : MSDK_COSEM_ACTION_TYPE_UNMATCHED)) ||
            (r8 != (ok8 ? 0u : MSDK_COSEM_ACTION_TYPE_UNMATCHED))) {
            ck_abort_msg("key length %u: %u %u", len, (unsigned)r7, (unsigned)r8);
        }
    }
    ck_assert_uint_eq(g_app.calls, calls + 2u + 25u);
    /* Other types, truncation, trailing bytes. */
    p[0] = 0x0A; /* visible-string */
    p[1] = 16;
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 7, p, 18), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 8, p, 18), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_action(72, LN_CLIENT, 7, NULL, 0), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    p[0] = 0x09;
    for (size_t k = 0; k < 18; k++) {
        if ((ck_class_action(CLIENT, 7, p, k) != MSDK_COSEM_ACTION_TYPE_UNMATCHED) ||
            (ck_class_action(CLIENT, 8, p, k) != MSDK_COSEM_ACTION_TYPE_UNMATCHED)) {
            ck_abort_msg("truncated key at %u", (unsigned)k);
        }
    }
    ck_assert_uint_eq(ck_class_action(CLIENT, 7, p, 19), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.calls, calls + 2u + 25u);
}
END_TEST

/* Random values and parameters at the class: never a crash, never a read past the input (ASan),
 * and a value the class accepts is exactly one well-formed value. */
START_TEST(client_random_input)
{
    uint32_t x = 0x12345678u;
    static uint8_t buf[64];
    fill_cap3();
    for (unsigned iter = 0; iter < 20000u; iter++) {
        size_t len = 0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        len = x % sizeof buf;
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            buf[i] = (uint8_t)x;
        }
        /* Bias towards the structures the class parses. */
        if ((iter & 1u) != 0u && len > 2u) {
            buf[0] = 0x01;
            buf[1] = (uint8_t)(buf[1] & 0x03u);
        }
        uint8_t *heap = (uint8_t *)malloc(len + 1u); /* exact-size copy: ASan sees overreads */
        ck_assert_ptr_nonnull(heap);
        memcpy(heap, buf, len);
        (void)ck_class_set(CLIENT, (uint8_t)(2u + (iter % 13u)), heap, len);
        (void)ck_class_set(CLIENT, 3, heap, len);
        (void)ck_class_action(CLIENT, (uint8_t)(1u + (iter % 8u)), heap, len);
        (void)ck_class_action(CLIENT, 6, heap, len);
        free(heap);
        if (g_app.cap_n > CAP_MAX) {
            ck_abort_msg("table overflow");
        }
    }
}
END_TEST

/* ---- M-Bus master port setup --------------------------------------------------------------- */

START_TEST(port_get_set)
{
    ck_get(74, LN_PORT, 2);
    static const uint8_t s2400[] = { 0x16, 0x03 };
    ck_want_get_data(s2400, sizeof s2400);
    static const uint8_t s9600[] = { 0x16, 0x05 };
    ck_assert_uint_eq(ck_set(74, LN_PORT, 2, s9600, sizeof s9600), 0u);
    ck_assert_uint_eq(g_app.speed, MSDK_COSEM_MBUS_BAUD_9600);
    ck_get(74, LN_PORT, 2);
    ck_want_get_data(s9600, sizeof s9600);
    static const uint8_t s300[] = { 0x16, 0x00 };
    ck_assert_uint_eq(ck_set(74, LN_PORT, 2, s300, sizeof s300), 0u);
    ck_assert_uint_eq(g_app.speed, 0u);
    /* Every enum value: 0..8 are supported by this port, 9 (115 200) is not, 10.. are no
     * speed at all. */
    for (unsigned s = 0; s < 256; s++) {
        const uint8_t v[2] = { 0x16, (uint8_t)s };
        uint8_t dar = ck_set(74, LN_PORT, 2, v, 2);
        uint8_t want = (s <= 8u)   ? 0u
                       : (s == 9u) ? MSDK_COSEM_DAR_OTHER_REASON
                                   : MSDK_COSEM_DAR_TYPE_UNMATCHED;
        if (dar != want) {
            ck_abort_msg("speed %u: dar %u", s, (unsigned)dar);
        }
    }
    const unsigned sets = g_app.sets;
    static const uint8_t u3[] = { 0x11, 0x03 };
    ck_assert_uint_eq(ck_set(74, LN_PORT, 2, u3, sizeof u3), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    static const uint8_t l3[] = { 0x12, 0x00, 0x03 };
    ck_assert_uint_eq(ck_set(74, LN_PORT, 2, l3, sizeof l3), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    static const uint8_t trailing[] = { 0x16, 0x03, 0x00 };
    ck_assert_uint_eq(ck_class_set(&objects[2], 2, trailing, sizeof trailing),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_class_set(&objects[2], 2, trailing, 1), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_class_set(&objects[2], 2, trailing, 0), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_class_set(&objects[2], 3, trailing, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    /* Read-only port. */
    g_app.speed = MSDK_COSEM_MBUS_BAUD_2400;
    ck_assert_uint_eq(ck_set(74, LN_PORT_RO, 2, s2400, sizeof s2400),
                      MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(g_app.sets, sets);
    ck_get(74, LN_PORT_RO, 2);
    ck_want_get_data(s2400, sizeof s2400);
    /* Provider errors, a bad provider value, no attribute 3, selective access. */
    g_app.fail_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_get(74, LN_PORT, 2);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    g_app.fail_dar = 0;
    g_app.bad_values = true;
    ck_get(74, LN_PORT, 2);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_get(74, LN_PORT, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    static const uint8_t sel[] = { 0xC0, 0x01, 0xC1, 0x00, 0x4A, 0x00, 0x00, 0x18,
                                   0x06, 0x00, 0xFF, 0x02, 0x01, 0x01, 0x00 };
    ck_send(sel, sizeof sel);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OTHER_REASON);
    ck_assert_uint_eq(ck_action(74, LN_PORT, 1, NULL, 0), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    /* The descriptors. */
    ck_assert_uint_eq(msdk_cosem_class_mbus_port.class_id, 74u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_port.version, 0u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_port.attr_count, 2u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_client.class_id, 72u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_client.version, 1u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_client.attr_count, 14u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_client.method_count, 8u);
    ck_assert_uint_eq(msdk_cosem_class_mbus_client.sel_attrs, 0u);
}
END_TEST

Suite *cosem_class_mbus_suite(void)
{
    Suite *s = suite_create("cosem_class_mbus");
    CK_TCASE(s, "mbus_client_attributes", setup, client_get_scalars, client_get_provider_errors,
             client_get_capture_definition, client_get_capture_definition_in_blocks,
             client_set_scalars, client_set_capture_definition);
    CK_TCASE(s, "mbus_client_methods", setup, client_slave_install, client_zero_methods,
             client_data_send, client_keys, client_random_input);
    CK_TCASE(s, "mbus_port", setup, port_get_set);
    return s;
}
