/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * core-selftest.elf: the core library's published check values, computed on
 * the Cortex-M target (the host unit tests compute the same on x86-64).
 */
#include <string.h>
#include "msdk/core/crc.h"
#include "msdk/core/err.h"
#include "msdk/core/ringbuf.h"
#include "msdk/port/board.h"
#include "target_check.h"

static const uint8_t check_input[] = "123456789";

static void test_crc(void)
{
    const size_t n = sizeof check_input - 1u;
    tgt_check_val("crc16_x25(\"123456789\") == 0x906E",
                  msdk_crc16_x25(check_input, n) == MSDK_CRC16_X25_CHECK,
                  msdk_crc16_x25(check_input, n));
    tgt_check_val("crc16_en13757(\"123456789\") == 0xC2B7",
                  msdk_crc16_en13757(check_input, n) == MSDK_CRC16_EN13757_CHECK,
                  msdk_crc16_en13757(check_input, n));
    tgt_check_val("crc32(\"123456789\") == 0xCBF43926",
                  msdk_crc32(check_input, n) == MSDK_CRC32_CHECK, msdk_crc32(check_input, n));
    tgt_check("crc16_x25 value 0x906E", MSDK_CRC16_X25_CHECK == 0x906Eu);
    tgt_check("crc32 value 0xCBF43926", MSDK_CRC32_CHECK == 0xCBF43926ul);

    /* Incremental use gives the one-shot result. */
    uint32_t c = msdk_crc32_init();
    c = msdk_crc32_update(c, check_input, 4);
    c = msdk_crc32_update(c, check_input + 4, n - 4u);
    tgt_check("crc32 incremental", msdk_crc32_final(c) == MSDK_CRC32_CHECK);

    /* An HDLC frame followed by its FCS (LSB first) checks as valid. */
    uint8_t frame[sizeof check_input + 1u];
    memcpy(frame, check_input, n);
    uint16_t fcs = msdk_crc16_x25(check_input, n);
    frame[n] = (uint8_t)(fcs & 0xFFu);
    frame[n + 1u] = (uint8_t)(fcs >> 8);
    tgt_check("crc16_x25 residue check", msdk_crc16_x25_is_valid(frame, n + 2u));
    frame[0] ^= 1u;
    tgt_check("crc16_x25 detects a flipped bit", !msdk_crc16_x25_is_valid(frame, n + 2u));
    tgt_check_val("sum8(\"123456789\") == 0xDD", msdk_sum8(check_input, n) == 0xDDu,
                  msdk_sum8(check_input, n));
}

static void test_ringbuf(void)
{
    uint8_t store[5];
    msdk_ringbuf_t rb;
    uint8_t out[8];
    size_t n = 0;
    tgt_check("ringbuf init", msdk_ringbuf_init(&rb, store, sizeof store) == MSDK_OK);
    tgt_check("ringbuf put 7 takes 5",
              (msdk_ringbuf_put(&rb, check_input, 7, &n) == MSDK_OK) && (n == 5u));
    tgt_check("ringbuf full", msdk_ringbuf_is_full(&rb));
    tgt_check("ringbuf get 3", (msdk_ringbuf_get(&rb, out, 3, &n) == MSDK_OK) && (n == 3u) &&
                                   (memcmp(out, "123", 3) == 0));
    tgt_check("ringbuf wraps",
              (msdk_ringbuf_put(&rb, check_input + 5, 3, &n) == MSDK_OK) && (n == 3u));
    tgt_check("ringbuf order", (msdk_ringbuf_get(&rb, out, sizeof out, &n) == MSDK_OK) &&
                                   (n == 5u) && (memcmp(out, "45678", 5) == 0));
}

int main(int argc, char **argv)
{
    if (msdk_port_board_init(argc, argv) != MSDK_OK) {
        return 100;
    }
    msdk_port_board_log("core selftest: check values of libmsdk_core on the target");
    tgt_check("err_str", strcmp(msdk_err_str(MSDK_ERR_TRUNCATED), "MSDK_ERR_TRUNCATED") == 0);
    test_crc();
    test_ringbuf();
    return tgt_summary("core selftest");
}
