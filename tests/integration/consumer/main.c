/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Links libmsdk_core.a from an installed SDK and checks a published value. */
#include <stdio.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/crc.h"
#include "msdk/core/err.h"

int main(void)
{
    static const char check[] = "123456789";
    /* CRC-16/X.25 check value from the CRC catalogue. */
    uint16_t fcs = msdk_crc16_x25((const uint8_t *)check, strlen(check));
    if ((fcs != 0x906Eu) || (strcmp(msdk_err_str(MSDK_ERR_CHECKSUM), "MSDK_ERR_CHECKSUM") != 0)) {
        printf("consumer: FAIL fcs=0x%04X\n", (unsigned)fcs);
        return 1;
    }
    printf("consumer: ok, installed msdk::core gives CRC-16/X.25 0x%04X\n", (unsigned)fcs);
    return 0;
}
