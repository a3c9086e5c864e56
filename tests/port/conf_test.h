/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers shared by the Check suites that run the conformance suite. */
#ifndef MSDK_TEST_CONF_TEST_H
#define MSDK_TEST_CONF_TEST_H

#include <stdbool.h>
#include "port_conformance.h"

/* Collects the results of one conformance run. */
typedef struct conf_test_log {
    int checks;             /* results reported */
    int failed;             /* of which failed */
    bool print_failures;    /* print each failure on stderr */
    char first_failed[64];  /* name of the first failed check, "" if none */
    char first_detail[160]; /* its detail */
} conf_test_log_t;

/* msdk_conf_report_fn for a conf_test_log_t. */
void conf_test_report(void *ctx, const msdk_conf_result_t *r);

#endif /* MSDK_TEST_CONF_TEST_H */
