/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Runner shared by every Check suite executable; the suite list is generated
 * by msdk_add_check_suite() in tests/CMakeLists.txt. */
#include <stdlib.h>
#include <check.h>
#include MSDK_TEST_SUITES_H

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    for (size_t i = 0; i < sizeof(msdk_test_suites) / sizeof(msdk_test_suites[0]); i++) {
        srunner_add_suite(sr, msdk_test_suites[i]());
    }
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
