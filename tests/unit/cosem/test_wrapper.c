/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * TCP-UDP wrapper tests (IEC 62056-47).
 *
 * Vectors:
 * - dlms-vectors.md section 4: the UDP datagram of a general-glo-ciphering
 *   data-notification, header `00 01 00 01 00 01 00 46` + 70 APDU bytes
 *   (u9n/dlms-cosem tests/test_udp_message.py).
 * - Hand-derived from the standard's header layout: the plain AARQ of
 *   dlms-vectors.md section 7 sent by the public client (wPort 16) to the
 *   management logical device (wPort 1): `00 01 00 10 00 01 00 1F` + 31 bytes.
 */
#include <string.h>
#include <check.h>
#include "msdk/cosem/wrapper.h"
#include "cosem_check.h"

Suite *cosem_wrapper_suite(void);

/* dlms-vectors.md section 4: wrapper header + general-glo-ciphering APDU. */
static const uint8_t udp_vec[] = {
    0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x46, /* header */
    0xDB, 0x08, 0x2F, 0x19, 0x22, 0x91, 0x99, 0x16, 0x41, 0x03, 0x3B, 0x30, 0x00, 0x00,
    0x01, 0xE5, 0x02, 0x5C, 0xE9, 0xD2, 0x27, 0x1F, 0xD7, 0x8B, 0xE8, 0xC2, 0x04, 0x21,
    0x1A, 0x91, 0x6A, 0x9D, 0x7F, 0x58, 0x7E, 0x0A, 0x7A, 0x81, 0x4C, 0xAD, 0xEA, 0x89,
    0xE9, 0x59, 0x3F, 0x01, 0xF9, 0x2E, 0xA8, 0xC0, 0x87, 0xB5, 0xBD, 0xFD, 0xEF, 0xEA,
    0xB6, 0xBE, 0xCF, 0x28, 0x2D, 0xFE, 0x49, 0xC0, 0x8F, 0x5B, 0xE6, 0xDC, 0x84, 0x00,
};
#define UDP_APDU_LEN 70u

/* Plain AARQ (dlms-vectors.md section 7), client 16 -> logical device 1. */
static const uint8_t aarq_vec[] = {
    0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0x00, 0x1F, /* header */
    0x60, 0x1D, 0xA1, 0x09, 0x06, 0x07, 0x60, 0x85, 0x74, 0x05, 0x08, 0x01, 0x01, 0xBE, 0x10, 0x04,
    0x0E, 0x01, 0x00, 0x00, 0x00, 0x06, 0x5F, 0x1F, 0x04, 0x00, 0x00, 0x7E, 0x1F, 0x04, 0xB0,
};

/* ---- Header codec ---------------------------------------------------------- */

START_TEST(wrapper_udp_vector_decode)
{
    ck_assert_uint_eq(sizeof udp_vec, 8u + UDP_APDU_LEN);
    msdk_cosem_wrapper_hdr_t h;
    const uint8_t *apdu = NULL;
    size_t alen = 0;
    ck_assert_int_eq(msdk_cosem_wrapper_decode(udp_vec, sizeof udp_vec, &h, &apdu, &alen), MSDK_OK);
    ck_assert_uint_eq(h.version, 1u);
    ck_assert_uint_eq(h.src_wport, 1u);
    ck_assert_uint_eq(h.dst_wport, 1u);
    ck_assert_uint_eq(h.length, 0x46u);
    ck_assert_ptr_eq(apdu, udp_vec + 8);
    ck_assert_uint_eq(alen, UDP_APDU_LEN);
    ck_assert_uint_eq(apdu[0], 0xDBu); /* general-glo-ciphering */
    ck_assert_uint_eq(apdu[UDP_APDU_LEN - 1u], 0x00u);

    ck_assert_int_eq(msdk_cosem_wrapper_decode(aarq_vec, sizeof aarq_vec, &h, &apdu, &alen),
                     MSDK_OK);
    ck_assert_uint_eq(h.src_wport, MSDK_COSEM_WPORT_CLIENT_PUBLIC);
    ck_assert_uint_eq(h.dst_wport, MSDK_COSEM_WPORT_SERVER_MANAGEMENT);
    ck_assert_uint_eq(alen, 31u);
    ck_assert_uint_eq(apdu[0], 0x60u); /* AARQ */
}
END_TEST

START_TEST(wrapper_encode_matches_vectors)
{
    uint8_t out[128];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&wb, 1u, 1u, udp_vec + 8, UDP_APDU_LEN), MSDK_OK);
    ck_assert_uint_eq(wb.pos, sizeof udp_vec);
    ck_assert_mem_eq(out, udp_vec, sizeof udp_vec);

    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&wb, MSDK_COSEM_WPORT_CLIENT_PUBLIC,
                                               MSDK_COSEM_WPORT_SERVER_MANAGEMENT, aarq_vec + 8,
                                               sizeof aarq_vec - 8u),
                     MSDK_OK);
    ck_assert_uint_eq(wb.pos, sizeof aarq_vec);
    ck_assert_mem_eq(out, aarq_vec, sizeof aarq_vec);

    /* Header alone, then in-place APDU; large wPorts keep their byte order. */
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_wrapper_encode_header(&wb, 0xABCDu, 0x1234u, 0xFFFFu), MSDK_OK);
    const uint8_t exp[8] = { 0x00, 0x01, 0xAB, 0xCD, 0x12, 0x34, 0xFF, 0xFF };
    ck_assert_uint_eq(wb.pos, 8u);
    ck_assert_mem_eq(out, exp, 8u);
    msdk_cosem_wrapper_hdr_t h;
    ck_assert_int_eq(msdk_cosem_wrapper_decode_header(out, 8u, &h), MSDK_OK);
    ck_assert_uint_eq(h.src_wport, 0xABCDu);
    ck_assert_uint_eq(h.dst_wport, 0x1234u);
    ck_assert_uint_eq(h.length, 0xFFFFu);
}
END_TEST

START_TEST(wrapper_encode_errors)
{
    uint8_t out[100];
    msdk_wbuf_t wb;
    /* Every capacity below the full size: nothing written, position unchanged. */
    for (size_t cap = 0; cap < sizeof udp_vec; cap++) {
        memset(out, 0xA5, sizeof out);
        msdk_wbuf_init(&wb, out, cap);
        msdk_err_t err = msdk_cosem_wrapper_encode(&wb, 1u, 1u, udp_vec + 8, UDP_APDU_LEN);
        if (err != MSDK_ERR_BUFFER_TOO_SMALL || wb.pos != 0u) {
            ck_abort_msg("cap %zu: err %d pos %zu", cap, (int)err, wb.pos);
        }
        for (size_t i = 0; i < sizeof out; i++) {
            if (out[i] != 0xA5u) {
                ck_abort_msg("cap %zu: byte %zu written", cap, i);
            }
        }
        err = msdk_cosem_wrapper_encode_header(&wb, 1u, 1u, 1u);
        if (err != (cap >= 8u ? MSDK_OK : MSDK_ERR_BUFFER_TOO_SMALL)) {
            ck_abort_msg("header cap %zu: err %d", cap, (int)err);
        }
    }
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&wb, 1u, 1u, udp_vec, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&wb, 1u, 1u, NULL, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(NULL, 1u, 1u, udp_vec, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&wb, 1u, 1u, udp_vec, 0x10000u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode_header(&wb, 1u, 1u, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode_header(&wb, 1u, 1u, 0x10000u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_encode_header(NULL, 1u, 1u, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0u);
}
END_TEST

START_TEST(wrapper_decode_truncated_every_length)
{
    msdk_cosem_wrapper_hdr_t h = { 0x1111u, 0x2222u, 0x3333u, 0x4444u };
    const uint8_t *apdu = (const uint8_t *)&h;
    size_t alen = 777u;
    for (size_t n = 0; n < sizeof udp_vec; n++) {
        msdk_err_t err = msdk_cosem_wrapper_decode(udp_vec, n, &h, &apdu, &alen);
        if (err != MSDK_ERR_TRUNCATED || h.version != 0x1111u || h.length != 0x4444u ||
            apdu != (const uint8_t *)&h || alen != 777u) {
            ck_abort_msg("len %zu: err %d or output touched", n, (int)err);
        }
        err = msdk_cosem_wrapper_decode_header(udp_vec, n, &h);
        if (err != (n >= 8u ? MSDK_OK : MSDK_ERR_TRUNCATED)) {
            ck_abort_msg("header len %zu: err %d", n, (int)err);
        }
        h.version = 0x1111u;
        h.length = 0x4444u;
    }
    ck_assert_int_eq(msdk_cosem_wrapper_decode(NULL, 0u, &h, &apdu, &alen), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_wrapper_decode(NULL, 3u, &h, &apdu, &alen), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_decode(udp_vec, sizeof udp_vec, NULL, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_decode(udp_vec, sizeof udp_vec, &h, NULL, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_decode(udp_vec, sizeof udp_vec, &h, &apdu, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_decode_header(udp_vec, 8u, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(wrapper_decode_bad_header)
{
    uint8_t d[sizeof udp_vec + 1u];
    msdk_cosem_wrapper_hdr_t h = { 7u, 7u, 7u, 7u };
    const uint8_t *apdu = NULL;
    size_t alen = 5u;
    /* Bad versions. */
    static const uint16_t bad_versions[] = { 0x0000u, 0x0002u, 0x0100u, 0x0101u, 0xFFFFu };
    for (size_t i = 0; i < sizeof bad_versions / sizeof bad_versions[0]; i++) {
        memcpy(d, udp_vec, sizeof udp_vec);
        d[0] = (uint8_t)(bad_versions[i] >> 8);
        d[1] = (uint8_t)(bad_versions[i] & 0xFFu);
        ck_assert_int_eq(msdk_cosem_wrapper_decode(d, sizeof udp_vec, &h, &apdu, &alen),
                         MSDK_ERR_NOT_SUPPORTED);
        ck_assert_int_eq(msdk_cosem_wrapper_decode_header(d, 8u, &h), MSDK_ERR_NOT_SUPPORTED);
    }
    /* Zero length, alone and with bytes after it. */
    const uint8_t zero[] = { 0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00 };
    ck_assert_int_eq(msdk_cosem_wrapper_decode(zero, sizeof zero, &h, &apdu, &alen),
                     MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_wrapper_decode_header(zero, sizeof zero, &h), MSDK_ERR_MALFORMED);
    /* One byte more than announced. */
    memcpy(d, udp_vec, sizeof udp_vec);
    d[sizeof udp_vec] = 0x00;
    ck_assert_int_eq(msdk_cosem_wrapper_decode(d, sizeof d, &h, &apdu, &alen), MSDK_ERR_MALFORMED);
    /* Announced length one above the datagram. */
    memcpy(d, udp_vec, sizeof udp_vec);
    d[7] = 0x47;
    ck_assert_int_eq(msdk_cosem_wrapper_decode(d, sizeof udp_vec, &h, &apdu, &alen),
                     MSDK_ERR_TRUNCATED);
    /* Outputs untouched through all of it. */
    ck_assert_uint_eq(h.version, 7u);
    ck_assert_uint_eq(h.length, 7u);
    ck_assert_ptr_null(apdu);
    ck_assert_uint_eq(alen, 5u);
}
END_TEST

/* ---- Stream reassembler ---------------------------------------------------- */

/* Collected result of feeding a sequence of chunks. */
typedef struct {
    size_t count;         /* APDUs delivered */
    uint8_t data[2][128]; /* their bytes */
    size_t len[2];        /* their lengths */
    msdk_cosem_wrapper_hdr_t hdr[2];
    msdk_err_t last; /* status of the last call */
    int bad;         /* a contract violation was seen */
} feed_log_t;

/* Feeds one chunk completely, looping over delivered APDUs. */
static void feed_chunk(msdk_cosem_wrapper_stream_t *s, const uint8_t *d, size_t n, feed_log_t *log)
{
    size_t off = 0;
    do {
        size_t used = 9999u;
        msdk_cosem_wrapper_hdr_t h;
        const uint8_t *apdu = NULL;
        size_t alen = 0;
        msdk_err_t err =
            msdk_cosem_wrapper_stream_feed(s, d + off, n - off, &used, &h, &apdu, &alen);
        log->last = err;
        if (used > n - off) {
            log->bad = 1;
            return;
        }
        off += used;
        if (err == MSDK_OK) {
            if (log->count < 2u && alen <= sizeof log->data[0]) {
                memcpy(log->data[log->count], apdu, alen);
                log->len[log->count] = alen;
                log->hdr[log->count] = h;
            }
            log->count++;
        } else if (err == MSDK_ERR_WOULD_BLOCK) {
            if (off != n) {
                log->bad = 1;
            }
            return;
        } else {
            return;
        }
    } while (off < n);
}

START_TEST(wrapper_stream_every_split)
{
    uint8_t buf[128];
    msdk_cosem_wrapper_stream_t s;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, sizeof buf), MSDK_OK);
    const size_t n = sizeof udp_vec;
    /* Two chunks split at every point, then three chunks at every pair of points. */
    for (size_t a = 0; a <= n; a++) {
        for (size_t b = a; b <= n; b++) {
            feed_log_t log;
            memset(&log, 0, sizeof log);
            msdk_cosem_wrapper_stream_reset(&s);
            feed_chunk(&s, udp_vec, a, &log);
            feed_chunk(&s, udp_vec + a, b - a, &log);
            feed_chunk(&s, udp_vec + b, n - b, &log);
            if (log.bad || log.count != 1u || log.len[0] != UDP_APDU_LEN ||
                memcmp(log.data[0], udp_vec + 8, UDP_APDU_LEN) != 0 || log.hdr[0].length != 0x46u ||
                log.hdr[0].src_wport != 1u || log.hdr[0].dst_wport != 1u) {
                ck_abort_msg("split %zu/%zu: count %zu bad %d", a, b, log.count, log.bad);
            }
        }
    }
    /* Byte by byte; pending() counts what is held. */
    msdk_cosem_wrapper_stream_reset(&s);
    feed_log_t log;
    memset(&log, 0, sizeof log);
    for (size_t i = 0; i < n; i++) {
        if (msdk_cosem_wrapper_stream_pending(&s) != i) {
            ck_abort_msg("pending %zu at %zu", msdk_cosem_wrapper_stream_pending(&s), i);
        }
        feed_chunk(&s, udp_vec + i, 1u, &log);
    }
    ck_assert_uint_eq(log.count, 1u);
    ck_assert_int_eq(log.last, MSDK_OK);
    ck_assert_uint_eq(msdk_cosem_wrapper_stream_pending(&s), 0u);
}
END_TEST

START_TEST(wrapper_stream_back_to_back)
{
    uint8_t two[sizeof udp_vec + sizeof aarq_vec];
    memcpy(two, udp_vec, sizeof udp_vec);
    memcpy(two + sizeof udp_vec, aarq_vec, sizeof aarq_vec);
    uint8_t buf[UDP_APDU_LEN]; /* exactly the larger APDU */
    msdk_cosem_wrapper_stream_t s;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, sizeof buf), MSDK_OK);
    for (size_t a = 0; a <= sizeof two; a++) {
        feed_log_t log;
        memset(&log, 0, sizeof log);
        msdk_cosem_wrapper_stream_reset(&s);
        feed_chunk(&s, two, a, &log);
        feed_chunk(&s, two + a, sizeof two - a, &log);
        if (log.bad || log.count != 2u || log.len[0] != UDP_APDU_LEN ||
            memcmp(log.data[0], udp_vec + 8, UDP_APDU_LEN) != 0 ||
            log.len[1] != sizeof aarq_vec - 8u ||
            memcmp(log.data[1], aarq_vec + 8, sizeof aarq_vec - 8u) != 0 ||
            log.hdr[1].src_wport != 0x10u || log.hdr[1].dst_wport != 1u) {
            ck_abort_msg("split %zu: count %zu bad %d", a, log.count, log.bad);
        }
    }
    /* One chunk: the first call stops after the first APDU. */
    msdk_cosem_wrapper_stream_reset(&s);
    size_t used = 0;
    msdk_cosem_wrapper_hdr_t h;
    const uint8_t *apdu = NULL;
    size_t alen = 0;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, two, sizeof two, &used, &h, &apdu, &alen),
                     MSDK_OK);
    ck_assert_uint_eq(used, sizeof udp_vec);
    ck_assert_ptr_eq(apdu, buf);
    ck_assert_uint_eq(alen, UDP_APDU_LEN);
    ck_assert_int_eq(
        msdk_cosem_wrapper_stream_feed(&s, two + used, sizeof two - used, &used, &h, &apdu, &alen),
        MSDK_OK);
    ck_assert_uint_eq(used, sizeof aarq_vec);
    ck_assert_uint_eq(alen, 31u);
    /* Empty input: nothing to do. */
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, NULL, 0u, &used, &h, &apdu, &alen),
                     MSDK_ERR_WOULD_BLOCK);
    ck_assert_uint_eq(used, 0u);
}
END_TEST

/* Feeds d byte by byte and expects err at byte index at (and nothing before). */
static void expect_stream_error(const uint8_t *d, size_t n, size_t cap, size_t at, msdk_err_t want)
{
    uint8_t buf[128];
    msdk_cosem_wrapper_stream_t s;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, cap), MSDK_OK);
    /* In one chunk. */
    size_t used = 0;
    msdk_cosem_wrapper_hdr_t h = { 9u, 9u, 9u, 9u };
    const uint8_t *apdu = NULL;
    size_t alen = 3u;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, d, n, &used, &h, &apdu, &alen), want);
    ck_assert_uint_eq(used, at + 1u);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, d, n, &used, &h, &apdu, &alen),
                     MSDK_ERR_STATE);
    ck_assert_uint_eq(used, 0u);
    ck_assert_uint_eq(h.length, 9u);
    ck_assert_ptr_null(apdu);
    ck_assert_uint_eq(alen, 3u);
    /* Byte by byte. */
    msdk_cosem_wrapper_stream_reset(&s);
    for (size_t i = 0; i < n; i++) {
        msdk_err_t err = msdk_cosem_wrapper_stream_feed(&s, d + i, 1u, &used, &h, &apdu, &alen);
        msdk_err_t exp = (i < at) ? MSDK_ERR_WOULD_BLOCK : (i == at) ? want : MSDK_ERR_STATE;
        if (err != exp) {
            ck_abort_msg("byte %zu: err %d, expected %d", i, (int)err, (int)exp);
        }
    }
    /* A reset revives it. */
    msdk_cosem_wrapper_stream_reset(&s);
    ck_assert_int_eq(
        msdk_cosem_wrapper_stream_feed(&s, aarq_vec, sizeof aarq_vec, &used, &h, &apdu, &alen),
        cap >= 31u ? MSDK_OK : MSDK_ERR_BUFFER_TOO_SMALL);
}

START_TEST(wrapper_stream_errors)
{
    uint8_t d[sizeof udp_vec];
    /* Bad version: detected at the 8th byte, before any APDU byte. */
    memcpy(d, udp_vec, sizeof d);
    d[1] = 0x02;
    expect_stream_error(d, sizeof d, 128u, 7u, MSDK_ERR_NOT_SUPPORTED);
    /* Zero length. */
    memcpy(d, udp_vec, sizeof d);
    d[7] = 0x00;
    expect_stream_error(d, sizeof d, 128u, 7u, MSDK_ERR_MALFORMED);
    /* Length one beyond the buffer; exactly the buffer works (tested above). */
    expect_stream_error(udp_vec, sizeof udp_vec, UDP_APDU_LEN - 1u, 7u, MSDK_ERR_BUFFER_TOO_SMALL);
    /* Largest length against a small buffer. */
    memcpy(d, udp_vec, sizeof d);
    d[6] = 0xFF;
    d[7] = 0xFF;
    expect_stream_error(d, sizeof d, 128u, 7u, MSDK_ERR_BUFFER_TOO_SMALL);
    /* A bad header after a good APDU fails only the second one. */
    uint8_t two[sizeof aarq_vec * 2u];
    memcpy(two, aarq_vec, sizeof aarq_vec);
    memcpy(two + sizeof aarq_vec, aarq_vec, sizeof aarq_vec);
    two[sizeof aarq_vec] = 0x80;
    uint8_t buf[64];
    msdk_cosem_wrapper_stream_t s;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, sizeof buf), MSDK_OK);
    feed_log_t log;
    memset(&log, 0, sizeof log);
    feed_chunk(&s, two, sizeof two, &log);
    ck_assert_uint_eq(log.count, 1u);
    ck_assert_int_eq(log.last, MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(msdk_cosem_wrapper_stream_pending(&s), 0u);
}
END_TEST

START_TEST(wrapper_stream_args)
{
    uint8_t buf[16];
    msdk_cosem_wrapper_stream_t s;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(NULL, buf, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, NULL, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_init(&s, buf, sizeof buf), MSDK_OK);
    size_t used;
    msdk_cosem_wrapper_hdr_t h;
    const uint8_t *apdu;
    size_t alen;
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(NULL, buf, 1u, &used, &h, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, NULL, 1u, &used, &h, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, buf, 1u, NULL, &h, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, buf, 1u, &used, NULL, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, buf, 1u, &used, &h, NULL, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&s, buf, 1u, &used, &h, &apdu, NULL),
                     MSDK_ERR_INVALID_ARG);
    /* A struct that was never initialised properly. */
    msdk_cosem_wrapper_stream_t z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(msdk_cosem_wrapper_stream_feed(&z, buf, 1u, &used, &h, &apdu, &alen),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(msdk_cosem_wrapper_stream_pending(NULL), 0u);
    msdk_cosem_wrapper_stream_reset(NULL);
}
END_TEST

Suite *cosem_wrapper_suite(void)
{
    Suite *s = suite_create("cosem_wrapper");
    CK_TCASE(s, "wrapper", NULL, wrapper_udp_vector_decode, wrapper_encode_matches_vectors,
             wrapper_encode_errors, wrapper_decode_truncated_every_length,
             wrapper_decode_bad_header, wrapper_stream_every_split, wrapper_stream_back_to_back,
             wrapper_stream_errors, wrapper_stream_args);
    return s;
}
