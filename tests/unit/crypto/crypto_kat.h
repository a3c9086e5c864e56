/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Known-answer tests of msdk/port/crypto.h, runnable anywhere: plain C, no
 * Check, no stdio, no heap. The host Check suite (test_crypto.c) calls it and
 * so can the Cortex-M4 firmware tests under QEMU (tests/target/): link
 * crypto_kat.c with the crypto port under test.
 */
#ifndef MSDK_TEST_CRYPTO_KAT_H
#define MSDK_TEST_CRYPTO_KAT_H

/*
 * Runs every vector of crypto_vectors.h through the crypto port (it calls
 * msdk_port_crypto_init() itself). For each check, calls report(name, ok)
 * when report is not NULL; ok is 1 for a pass, 0 for a failure. Needs about
 * 2 KiB of stack in all (measured on Cortex-M4 at -Os, the port's use
 * included) and a crypto work area of the default size.
 * Returns the number of failed checks (0: all passed).
 */
int msdk_test_crypto_kat(void (*report)(const char *name, int ok));

#endif /* MSDK_TEST_CRYPTO_KAT_H */
