/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The C kernel of lib/metrology/metrology_sample.c as msdk_bench_sample_c(), whatever
 * kernel the library was built with (on Cortex-M4/M7 the library's msdk_metro_sample() is
 * the Thumb-2 one): the reference of the kernel comparison (bench_check.c). The rare events
 * go to the library's msdk_metro_rare(), as from either kernel. */
#include "bench.h"

#define MSDK_METRO_C_KERNEL       1
#define MSDK_METRO_REFERENCE_ONLY 1
#define MSDK_METRO_SAMPLE_FN      msdk_bench_sample_c
#include "metrology_sample.c"
