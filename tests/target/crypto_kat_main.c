/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * crypto-kat.elf: the crypto port's known-answer tests
 * (tests/unit/crypto/crypto_kat.c) on the Cortex-M4 with mbedTLS. One console
 * line per vector; the exit status is the number of failures.
 */
#include "crypto_kat.h"
#include "msdk/port/board.h"
#include "target_check.h"

static void report(const char *name, int ok)
{
    (void)tgt_check(name, ok != 0);
}

int main(int argc, char **argv)
{
    if (msdk_port_board_init(argc, argv) != MSDK_OK) {
        return 100;
    }
    msdk_port_board_log("crypto KAT: msdk/port/crypto.h on mbedTLS, Cortex-M target");
    int failures = msdk_test_crypto_kat(report);
    (void)tgt_summary("crypto KAT");
    return (failures > 255) ? 255 : failures;
}
