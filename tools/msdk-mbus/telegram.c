/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-mbus: one telegram as JSON (the frame, the transport header, the data records with
 * exact decimal values), shared by `decode` and `read`. Encrypted payloads (OMS security
 * mode 5, and mode 7 behind an AFL) are decrypted with the key of --key through
 * msdk/mbus/security.h; without a key, or when the key is wrong, the telegram is printed
 * with its header, "encrypted": true and an "error" member, never with records.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mbus_tool.h"
#include "msdk/mbus/frame.h"
#include "msdk/mbus/record.h"
#include "msdk/mbus/security.h"
#include "msdk/mbus/tpl.h"
#include "msdk/port/crypto.h"

int mbus_tool_frame_error(const char *msg)
{
    fputs("{\"error\": ", stdout);
    mbus_tool_json_cstr(stdout, msg);
    fputs("}", stdout);
    return MBUS_TOOL_EXIT_FRAME;
}

static void print_datetime(const msdk_mbus_datetime_t *dt)
{
    char s[40];
    switch (dt->type) {
    case 'G':
        snprintf(s, sizeof(s), "%04u-%02u-%02u", (unsigned)dt->year, (unsigned)dt->month,
                 (unsigned)dt->day);
        break;
    case 'F':
        snprintf(s, sizeof(s), "%04u-%02u-%02uT%02u:%02u", (unsigned)dt->year, (unsigned)dt->month,
                 (unsigned)dt->day, (unsigned)dt->hour, (unsigned)dt->minute);
        break;
    case 'J':
        snprintf(s, sizeof(s), "%02u:%02u:%02u", (unsigned)dt->hour, (unsigned)dt->minute,
                 (unsigned)dt->second);
        break;
    default: /* 'I' */
        snprintf(s, sizeof(s), "%04u-%02u-%02uT%02u:%02u:%02u", (unsigned)dt->year,
                 (unsigned)dt->month, (unsigned)dt->day, (unsigned)dt->hour, (unsigned)dt->minute,
                 (unsigned)dt->second);
        break;
    }
    fputs(", \"value\": ", stdout);
    mbus_tool_json_cstr(stdout, s);
    printf(", \"datetime_type\": \"%c\"", dt->type);
    if (dt->invalid) {
        fputs(", \"invalid\": true", stdout);
    }
    if (dt->summer) {
        fputs(", \"summer_time\": true", stdout);
    }
    if (dt->day_of_week != 0u) {
        printf(", \"day_of_week\": %u", (unsigned)dt->day_of_week);
    }
    if (dt->week != 0u) {
        printf(", \"week\": %u", (unsigned)dt->week);
    }
}

/* The members of a record: header fields always, the value as far as it was decoded. */
static void print_record(const msdk_mbus_record_t *r, msdk_err_t err)
{
    printf("\"offset\": %zu, \"dif\": \"%02X\", \"dife\": ", r->offset, (unsigned)r->dif);
    mbus_tool_json_hex(stdout, r->dife, r->dife_count);
    printf(", \"vif\": \"%02X\", \"vife\": ", (unsigned)r->vif);
    mbus_tool_json_hex(stdout, r->vife, r->vife_count);
    printf(", \"function\": \"%s\", \"storage\": %llu, \"tariff\": %lu, \"subunit\": %u",
           mbus_tool_function_name(r->function), (unsigned long long)r->storage,
           (unsigned long)r->tariff, (unsigned)r->subunit);
    printf(", \"type\": \"%s\", \"quantity\": \"%s\", \"unit\": ", mbus_tool_type_name(r->type),
           mbus_tool_quantity_name(r->quantity));
    if (r->unit == MSDK_MBUS_UNIT_TEXT && r->vif_text != NULL) {
        char text[256];
        if (msdk_mbus_text_copy(r->vif_text, r->vif_text_len, text, sizeof(text)) == MSDK_OK) {
            mbus_tool_json_str(stdout, (const uint8_t *)text, r->vif_text_len);
        } else {
            mbus_tool_json_cstr(stdout, "");
        }
    } else {
        mbus_tool_json_cstr(stdout, mbus_tool_unit_name(r->unit));
    }
    printf(", \"exponent\": %d", (int)r->exponent);
    if (r->comb_count > 0u) {
        fputs(", \"combinable_vife\": ", stdout);
        mbus_tool_json_hex(stdout, r->comb, r->comb_count);
    }
    if (err != MSDK_OK) {
        return;
    }
    if ((r->flags & MSDK_MBUS_VAL_DATETIME) != 0u) {
        print_datetime(&r->datetime);
    } else if ((r->flags & MSDK_MBUS_VAL_NUMBER) != 0u) {
        char dec[MBUS_TOOL_DEC_MAX];
        printf(", \"raw\": %lld, \"value\": \"%s\"", (long long)r->value,
               mbus_tool_decimal(r->value, r->exponent, dec));
    } else if ((r->flags & MSDK_MBUS_VAL_REAL32) != 0u) {
        printf(", \"real32_bits\": \"%08lX\"", (unsigned long)r->real_bits);
    } else if (r->type == MSDK_MBUS_DT_TEXT) {
        char text[256];
        fputs(", \"value\": ", stdout);
        if (msdk_mbus_text_copy(r->data, r->data_len, text, sizeof(text)) == MSDK_OK) {
            mbus_tool_json_str(stdout, (const uint8_t *)text, r->data_len);
        } else {
            mbus_tool_json_cstr(stdout, "");
        }
    } else if (r->data_len > 0u) {
        fputs(", \"data\": ", stdout);
        mbus_tool_json_hex(stdout, r->data, r->data_len);
    }
    if ((r->flags & MSDK_MBUS_VAL_MANUFACTURER_VIFE) != 0u) {
        fputs(", \"manufacturer_vife\": true", stdout);
    }
    if (r->more_records_follow) {
        fputs(", \"more_records_follow\": true", stdout);
    }
}

static const char *record_error_name(msdk_err_t err)
{
    switch (err) {
    case MSDK_ERR_MALFORMED: return "malformed record (bad BCD digit, date, or too many DIFE/VIFE)";
    case MSDK_ERR_TRUNCATED: return "truncated: the data ends inside the record";
    case MSDK_ERR_NOT_SUPPORTED: return "not supported: reserved DIF or LVAR, length unknown";
    default: return "record error";
    }
}

static void print_records(const uint8_t *p, size_t len)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, p, len);
    fputs(",\n  \"records\": [", stdout);
    unsigned idx = 0;
    for (;;) {
        msdk_err_t err = msdk_mbus_rec_next(&it, &r);
        if (err == MSDK_ERR_NOT_FOUND || err == MSDK_ERR_INVALID_ARG) {
            break;
        }
        printf("%s\n    {\"index\": %u, ", idx == 0u ? "" : ",", idx);
        if (err == MSDK_OK || err == MSDK_ERR_MALFORMED) {
            print_record(&r, err);
        } else {
            /* The walk is over: the record's header may be partial; show where it starts. */
            printf("\"offset\": %zu", it.pos);
        }
        if (err != MSDK_OK) {
            fputs(", \"error\": ", stdout);
            mbus_tool_json_cstr(stdout, record_error_name(err));
        }
        fputs("}", stdout);
        idx++;
        if (err != MSDK_OK && err != MSDK_ERR_MALFORMED) {
            break;
        }
    }
    fputs(idx == 0u ? "]" : "\n  ]", stdout);
}

static void print_fixed(const uint8_t *p, size_t len)
{
    msdk_mbus_fixed_t fx;
    if (msdk_mbus_fixed_decode(p, len, &fx) != MSDK_OK) {
        fputs(",\n  \"fixed\": {\"error\": \"truncated fixed data structure\"}", stdout);
        return;
    }
    char id[9];
    msdk_mbus_id_to_str(fx.id, id);
    printf(",\n  \"fixed\": {\"id\": \"%s\", \"access_number\": %u, \"status\": \"%02X\", "
           "\"medium\": %u, \"medium_name\": ",
           id, (unsigned)fx.access_number, (unsigned)fx.status, (unsigned)fx.medium);
    mbus_tool_json_cstr(stdout, msdk_mbus_fixed_medium_name(fx.medium));
    fputs(", \"counters\": [", stdout);
    for (unsigned i = 0; i < 2u; i++) {
        const msdk_mbus_fixed_counter_t *c = &fx.counter[i];
        printf("%s{\"unit_code\": \"%02X\", \"quantity\": \"%s\", \"unit\": \"%s\", "
               "\"exponent\": %d",
               i == 0u ? "" : ", ", (unsigned)c->unit_code, mbus_tool_quantity_name(c->quantity),
               mbus_tool_unit_name(c->unit), (int)c->exponent);
        if (c->historic) {
            fputs(", \"historic\": true", stdout);
        }
        if (c->valid) {
            char dec[MBUS_TOOL_DEC_MAX];
            printf(", \"raw\": %lu, \"value\": \"%s\"", (unsigned long)c->value,
                   mbus_tool_decimal((int64_t)c->value, c->exponent, dec));
        } else {
            fputs(", \"error\": \"bad BCD digit\"", stdout);
        }
        fputs("}", stdout);
    }
    fputs("]}", stdout);
}

static const char *app_state_name(uint8_t status)
{
    switch (msdk_mbus_status_app(status)) {
    case MSDK_MBUS_APP_OK: return "ok";
    case MSDK_MBUS_APP_BUSY: return "busy";
    case MSDK_MBUS_APP_ERROR: return "error";
    case MSDK_MBUS_APP_ABNORMAL: return "abnormal";
    }
    return "ok";
}

static const char *header_name(msdk_mbus_tpl_header_t h)
{
    switch (h) {
    case MSDK_MBUS_TPL_HDR_NONE: return "none";
    case MSDK_MBUS_TPL_HDR_SHORT: return "short";
    case MSDK_MBUS_TPL_HDR_LONG: return "long";
    }
    return "none";
}

static const char *kind_name(msdk_mbus_tpl_kind_t k)
{
    switch (k) {
    case MSDK_MBUS_TPL_RECORDS: return "records";
    case MSDK_MBUS_TPL_FIXED: return "fixed";
    case MSDK_MBUS_TPL_APP_ERROR: return "application_error";
    case MSDK_MBUS_TPL_ALARM: return "alarm";
    case MSDK_MBUS_TPL_DLMS: return "dlms";
    case MSDK_MBUS_TPL_SML: return "sml";
    }
    return "records";
}

static void print_header(const msdk_mbus_tpl_t *h)
{
    printf(",\n  \"header\": {\"type\": \"%s\", \"payload\": \"%s\"", header_name(h->header),
           kind_name(h->kind));
    if (h->header == MSDK_MBUS_TPL_HDR_LONG) {
        char id[9];
        char mfr[4];
        msdk_mbus_id_to_str(h->id, id);
        printf(", \"id\": \"%s\", \"manufacturer\": ", id);
        if (msdk_mbus_manufacturer_to_str(h->manufacturer, mfr) == MSDK_OK) {
            mbus_tool_json_cstr(stdout, mfr);
        } else {
            fputs("null", stdout);
        }
        printf(", \"manufacturer_code\": \"%04X\", \"version\": %u, \"medium\": %u, "
               "\"medium_name\": ",
               (unsigned)h->manufacturer, (unsigned)h->version, (unsigned)h->medium);
        mbus_tool_json_cstr(stdout, msdk_mbus_medium_name(h->medium));
    }
    if (h->header != MSDK_MBUS_TPL_HDR_NONE) {
        printf(", \"access_number\": %u, \"status\": \"%02X\", \"application_state\": \"%s\"",
               (unsigned)h->access_number, (unsigned)h->status, app_state_name(h->status));
        printf(", \"power_low\": %s, \"permanent_error\": %s, \"temporary_error\": %s",
               (h->status & MSDK_MBUS_STATUS_POWER_LOW) != 0u ? "true" : "false",
               (h->status & MSDK_MBUS_STATUS_PERMANENT) != 0u ? "true" : "false",
               (h->status & MSDK_MBUS_STATUS_TEMPORARY) != 0u ? "true" : "false");
        printf(", \"configuration\": \"%04X\", \"security_mode\": %u", (unsigned)h->config,
               (unsigned)h->security_mode);
        if (h->security_mode == MSDK_MBUS_SEC_MODE5 || h->security_mode == MSDK_MBUS_SEC_MODE7) {
            printf(", \"encrypted_blocks\": %u", (unsigned)h->encrypted_blocks);
        }
        if (h->has_config_ext) {
            printf(", \"configuration_extension\": \"%02X\"", (unsigned)h->config_ext);
        }
    }
    fputs("}", stdout);
}

/* Why an encrypted payload stays encrypted. */
static const char *decrypt_error(msdk_err_t err, uint8_t mode)
{
    switch (err) {
    case MSDK_ERR_AUTH:
        return mode == MSDK_MBUS_SEC_MODE7
                   ? "wrong key: the MAC does not match (wrong key or a tampered telegram)"
                   : "wrong key: the decrypted data does not start with 2F 2F";
    case MSDK_ERR_TRUNCATED: return "cannot decrypt: the telegram ends inside its encrypted blocks";
    case MSDK_ERR_MALFORMED: return "cannot decrypt: malformed security header";
    case MSDK_ERR_NOT_SUPPORTED:
        return "cannot decrypt: security mode or layout not supported (mode 5, or mode 7 "
               "with an AFL MAC)";
    case MSDK_ERR_INVALID_ARG:
        return "cannot decrypt: the short header needs the meter's link address for the IV";
    default: return "cannot decrypt: crypto failure";
    }
}

/* The payload of a telegram with security mode 5/7: decrypted with @p key into records, or
 * its ciphertext with an error. @p apl is the application part from its first CI on. */
static int print_secured(const uint8_t *apl, size_t apl_len, const msdk_mbus_tpl_t *h,
                         const uint8_t *payload, const uint8_t *key)
{
    const char *msg = "encrypted: no key given (--key)";
    if (key != NULL) {
        uint8_t plain[MSDK_MBUS_SEC_APL_MAX];
        msdk_mbus_sec_info_t info;
        msdk_err_t err =
            msdk_mbus_sec_decrypt(key, NULL, apl, apl_len, plain, sizeof(plain), &info);
        if (err == MSDK_OK) {
            fputs(",\n  \"decrypted\": true", stdout);
            print_records(plain, info.data_len);
            msdk_port_crypto_zeroize(plain, sizeof(plain));
            return MBUS_TOOL_EXIT_OK;
        }
        msdk_port_crypto_zeroize(plain, sizeof(plain));
        msg = decrypt_error(err, h->security_mode);
    }
    fputs(",\n  \"encrypted\": true, \"error\": ", stdout);
    mbus_tool_json_cstr(stdout, msg);
    fputs(", \"payload\": ", stdout);
    mbus_tool_json_hex(stdout, payload, h->payload_len);
    return MBUS_TOOL_EXIT_FRAME;
}

int mbus_tool_print_telegram(const uint8_t *b, size_t n, const uint8_t *key)
{
    msdk_mbus_frame_t f;
    msdk_err_t err = msdk_mbus_frame_decode(b, n, &f);
    if (err == MSDK_ERR_CHECKSUM) {
        /* Framing is right (68 L L 68 ... CS 16 or 10 C A CS 16): say which sum was expected. */
        size_t first = b[0] == MSDK_MBUS_FRAME_START_SHORT ? 1u : 4u;
        char msg[96];
        snprintf(msg, sizeof(msg), "bad checksum: the frame has %02X, its bytes sum to %02X",
                 (unsigned)b[n - 2u],
                 (unsigned)msdk_mbus_frame_checksum(&b[first], n - 2u - first));
        return mbus_tool_frame_error(msg);
    }
    if (err == MSDK_ERR_TRUNCATED) {
        return mbus_tool_frame_error("truncated frame: fewer bytes than its L field says");
    }
    if (err != MSDK_OK) {
        return mbus_tool_frame_error(
            "malformed frame: bad start or stop character, L field, or extra bytes");
    }
    if (f.type != MSDK_MBUS_FRAME_LONG) {
        return mbus_tool_frame_error(
            f.type == MSDK_MBUS_FRAME_ACK     ? "not a long frame: single character E5"
            : f.type == MSDK_MBUS_FRAME_SHORT ? "not a long frame: short frame"
                                              : "not a long frame: control frame");
    }
    /* An AFL (CI 90, security mode 7) in front of the transport layer: AFLL, then its fields. */
    size_t afl_len = 0;
    if (f.ci == MSDK_MBUS_SEC_CI_AFL && f.data_len >= 2u && (size_t)f.data[0] + 2u < f.data_len) {
        afl_len = (size_t)f.data[0] + 2u; /* AFLL, the fields, and the transport CI after them */
    }
    msdk_mbus_tpl_t h;
    err = afl_len > 0u ? msdk_mbus_tpl_decode(f.data[afl_len - 1u], &f.data[afl_len],
                                              f.data_len - afl_len, &h)
                       : msdk_mbus_tpl_decode_frame(&f, &h);
    if (err != MSDK_OK) {
        char msg[96];
        snprintf(msg, sizeof(msg), "%s (CI %02X)",
                 err == MSDK_ERR_TRUNCATED ? "transport header truncated" : "CI not supported",
                 (unsigned)(afl_len > 0u ? f.data[afl_len - 1u] : f.ci));
        return mbus_tool_frame_error(msg);
    }

    printf("{\n  \"frame\": {\"c\": \"%02X\", \"a\": %u, \"ci\": \"%02X\", \"length\": %zu, "
           "\"data_length\": %zu, \"checksum\": \"%02X\", \"checksum_ok\": true}",
           (unsigned)f.c, (unsigned)f.a, (unsigned)f.ci, n, f.data_len, (unsigned)b[n - 2u]);
    if (afl_len > 0u) {
        fputs(",\n  \"afl\": ", stdout);
        mbus_tool_json_hex(stdout, &f.data[1], afl_len - 2u);
    }
    print_header(&h);
    const uint8_t *payload = &f.data[afl_len + h.payload_offset];
    int rc = MBUS_TOOL_EXIT_OK;
    if (h.kind == MSDK_MBUS_TPL_FIXED) {
        print_fixed(payload, h.payload_len);
    } else if (h.kind != MSDK_MBUS_TPL_RECORDS) {
        fputs(",\n  \"payload\": ", stdout);
        mbus_tool_json_hex(stdout, payload, h.payload_len);
    } else if (h.security_mode != MSDK_MBUS_SEC_NONE) {
        /* The application part from the first CI: the byte before the data in the frame. */
        rc = print_secured(&b[6], f.data_len + 1u, &h, payload, key);
    } else {
        print_records(payload, h.payload_len);
    }
    fputs("\n}", stdout);
    return rc;
}
