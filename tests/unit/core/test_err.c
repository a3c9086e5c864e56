/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include <string.h>
#include <check.h>
#include "msdk/core/err.h"

Suite *err_suite(void);

START_TEST(err_names_are_stable)
{
    ck_assert_str_eq(msdk_err_str(MSDK_OK), "MSDK_OK");
    ck_assert_str_eq(msdk_err_str(MSDK_ERR_TRUNCATED), "MSDK_ERR_TRUNCATED");
    ck_assert_str_eq(msdk_err_str(MSDK_ERR_ALIGNMENT), "MSDK_ERR_ALIGNMENT");
    ck_assert_str_eq(msdk_err_str((msdk_err_t)-9999), "MSDK_ERR_UNKNOWN");
    ck_assert_str_eq(msdk_err_str((msdk_err_t)1), "MSDK_ERR_UNKNOWN");
}
END_TEST

START_TEST(err_values_are_append_only)
{
    /* Stored logs carry these numbers: they never change. */
    ck_assert_int_eq(MSDK_ERR_INVALID_ARG, -1);
    ck_assert_int_eq(MSDK_ERR_CHECKSUM, -5);
    ck_assert_int_eq(MSDK_ERR_CORRUPT, -15);
    ck_assert_int_eq(MSDK_ERR_ALIGNMENT, -19);
}
END_TEST

Suite *err_suite(void)
{
    Suite *s = suite_create("err");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, err_names_are_stable);
    tcase_add_test(tc, err_values_are_append_only);
    suite_add_tcase(s, tc);
    return s;
}
