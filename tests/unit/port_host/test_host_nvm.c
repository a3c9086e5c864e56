/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* File-backed NVM: NOR semantics, persistence, wrapper checks, counters, refusals. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "port_host_check.h"
#include "msdk/port/board.h"
#include "msdk/port/nvm.h"

Suite *host_nvm_suite(void);

static const msdk_nvm_t *data_nvm(void)
{
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    ck_assert_ptr_nonnull(nvm);
    return nvm;
}

static off_t file_size(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return st.st_size;
}

START_TEST(new_file_is_erased_with_the_given_geometry)
{
    ph_start_ok(NULL);
    const msdk_nvm_t *nvm = data_nvm();
    ck_assert_uint_eq(nvm->geo.size, 256u * 1024u);
    ck_assert_uint_eq(nvm->geo.sector_size, 4096u);
    ck_assert_uint_eq(nvm->geo.page_size, 256u);
    ck_assert_uint_eq(nvm->geo.prog_align, 1u);
    ck_assert_int_eq(msdk_nvm_geometry_check(&nvm->geo), MSDK_OK);
    ck_assert_int_eq(file_size(ph_nvm_path()), 256 * 1024);
    static uint8_t buf[256u * 1024u];
    static uint8_t ff[256u * 1024u];
    memset(ff, 0xFF, sizeof(ff));
    ck_assert_int_eq(msdk_nvm_read(nvm, 0, buf, sizeof(buf)), MSDK_OK);
    ck_assert(memcmp(buf, ff, sizeof(buf)) == 0);
    ck_assert_ptr_null(msdk_port_board_nvm(MSDK_BOARD_NVM_COUNT));
    ck_assert_str_eq(msdk_host_nvm_path(), ph_nvm_path());
}
END_TEST

START_TEST(program_ands_and_erase_sets_ff)
{
    ph_start_ok(NULL);
    const msdk_nvm_t *nvm = data_nvm();
    const uint8_t a[4] = { 0xF0, 0xFF, 0x0F, 0x55 };
    const uint8_t b[4] = { 0x3C, 0x0F, 0xFF, 0xAA };
    uint8_t r[6];
    ck_assert_int_eq(msdk_nvm_program(nvm, 4097, a, 4), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_program(nvm, 4097, b, 4), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_read(nvm, 4096, r, 6), MSDK_OK);
    ck_assert_uint_eq(r[0], 0xFF);
    ck_assert_uint_eq(r[1], 0x30);
    ck_assert_uint_eq(r[2], 0x0F);
    ck_assert_uint_eq(r[3], 0x0F);
    ck_assert_uint_eq(r[4], 0x00);
    ck_assert_uint_eq(r[5], 0xFF);

    msdk_host_nvm_stats_t st;
    ck_assert_int_eq(msdk_host_nvm_stats(&st), MSDK_OK);
    ck_assert_uint_eq(st.programs, 2);
    ck_assert_uint_eq(st.program_bytes, 8);
    ck_assert_uint_eq(st.program_set_bits, 1); /* the second one asked for 0 -> 1 */
    ck_assert_uint_eq(st.reads, 1);
    ck_assert_uint_eq(st.read_bytes, 6);
    ck_assert_uint_eq(st.erases, 0);
    ck_assert_uint_eq(st.sector_count, 64);

    ck_assert_int_eq(msdk_nvm_erase(nvm, 4096), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_erase(nvm, 4096), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_read(nvm, 4096, r, 6), MSDK_OK);
    for (size_t i = 0; i < 6u; i++) {
        ck_assert_uint_eq(r[i], 0xFF);
    }
    ck_assert_uint_eq(msdk_host_nvm_sector_erases(1), 2);
    ck_assert_uint_eq(msdk_host_nvm_sector_erases(0), 0);
    ck_assert_uint_eq(msdk_host_nvm_sector_erases(64), 0);
    ck_assert_int_eq(msdk_host_nvm_stats(&st), MSDK_OK);
    ck_assert_uint_eq(st.erases, 2);
    ck_assert_uint_eq(st.max_sector_erases, 2);
    msdk_host_nvm_stats_reset();
    ck_assert_int_eq(msdk_host_nvm_stats(&st), MSDK_OK);
    ck_assert_uint_eq(st.erases, 0);
    ck_assert_uint_eq(st.sector_count, 64);
    ck_assert_uint_eq(msdk_host_nvm_sector_erases(1), 0);
    ck_assert_int_eq(msdk_host_nvm_stats(NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(wrappers_reject_bad_ranges)
{
    ph_start_ok(NULL);
    const msdk_nvm_t *nvm = data_nvm();
    uint8_t d[16] = { 0 };
    ck_assert_int_eq(msdk_nvm_program(nvm, 250, d, 10), MSDK_ERR_INVALID_ARG); /* crosses a page */
    ck_assert_int_eq(msdk_nvm_program(nvm, 246, d, 10), MSDK_OK);              /* ends on it */
    ck_assert_int_eq(msdk_nvm_program(nvm, 256u * 1024u - 4u, d, 8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_nvm_read(nvm, 256u * 1024u - 4u, d, 8), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_nvm_read(nvm, UINT32_MAX, d, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_nvm_erase(nvm, 100), MSDK_ERR_ALIGNMENT);
    ck_assert_int_eq(msdk_nvm_erase(nvm, 256u * 1024u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_nvm_program(nvm, 0, NULL, 1), MSDK_ERR_INVALID_ARG);
    msdk_host_nvm_stats_t st;
    ck_assert_int_eq(msdk_host_nvm_stats(&st), MSDK_OK);
    ck_assert_uint_eq(st.programs, 1); /* the rejected calls never reached the driver */
    ck_assert_uint_eq(st.erases, 0);
}
END_TEST

START_TEST(data_survives_shutdown_and_restart)
{
    uint8_t pattern[256];
    for (size_t i = 0; i < sizeof(pattern); i++) {
        pattern[i] = (uint8_t)(i * 7u + 3u);
    }
    ph_start_ok(NULL);
    ck_assert_int_eq(msdk_nvm_erase(data_nvm(), 8192), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_program(data_nvm(), 8192 + 256, pattern, sizeof(pattern)), MSDK_OK);
    msdk_host_board_shutdown();

    ph_start_ok(NULL);
    uint8_t r[256];
    ck_assert_int_eq(msdk_nvm_read(data_nvm(), 8192 + 256, r, sizeof(r)), MSDK_OK);
    ck_assert_mem_eq(r, pattern, sizeof(r));
    ck_assert_uint_eq(msdk_host_nvm_sector_erases(2), 0); /* counters are per run */
}
END_TEST

START_TEST(programmed_data_is_in_the_file_immediately)
{
    /* What the driver reported as programmed is in the file (page cache) before the
     * call returns, so a kill -9 cannot lose it: read the file behind the board. */
    ph_start_ok(NULL);
    const uint8_t d[3] = { 0x12, 0x34, 0x56 };
    ck_assert_int_eq(msdk_nvm_program(data_nvm(), 1000, d, 3), MSDK_OK);
    int fd = open(ph_nvm_path(), O_RDONLY);
    ck_assert_int_ge(fd, 0);
    uint8_t r[3];
    ck_assert_int_eq(pread(fd, r, 3, 1000), 3);
    ck_assert_mem_eq(r, d, 3);
    (void)close(fd);
}
END_TEST

START_TEST(wrong_size_file_is_refused)
{
    ph_start_ok(NULL);
    msdk_host_board_shutdown();
    ck_assert_int_eq(ph_start("--nvm-size", "128k", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(file_size(ph_nvm_path()), 256 * 1024); /* untouched */
    ck_assert_ptr_null(msdk_port_board_nvm(MSDK_BOARD_NVM_DATA));
    ph_start_ok(NULL); /* the matching size works again */
}
END_TEST

START_TEST(bad_geometry_options_are_refused)
{
    ck_assert_int_eq(ph_start("--nvm-page", "300", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--nvm-page", "8192", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--nvm-size", "10000", NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(ph_start("--nvm-size", "abc", NULL), MSDK_ERR_INVALID_ARG);
    ph_start_ok("--nvm-size", "64k", "--nvm-sector", "512", "--nvm-page", "64", NULL);
    ck_assert_uint_eq(data_nvm()->geo.sector_size, 512u);
    ck_assert_uint_eq(data_nvm()->geo.page_size, 64u);
}
END_TEST

START_TEST(file_in_use_is_refused)
{
    int fd = open(ph_nvm_path(), O_RDWR | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_EX), 0);
    ck_assert_int_eq(ph_start(NULL), MSDK_ERR_IO);
    (void)close(fd);
    ph_start_ok(NULL);
}
END_TEST

START_TEST(sync_option_works)
{
    ph_start_ok("--nvm-sync", NULL);
    const uint8_t d = 0x42;
    ck_assert_int_eq(msdk_nvm_program(data_nvm(), 0, &d, 1), MSDK_OK);
    ck_assert_int_eq(msdk_nvm_erase(data_nvm(), 0), MSDK_OK);
}
END_TEST

Suite *host_nvm_suite(void)
{
    Suite *s = suite_create("port_host.nvm");
    TCase *tc = tcase_create("nvm");
    tcase_add_checked_fixture(tc, ph_setup, ph_teardown);
    tcase_add_test(tc, new_file_is_erased_with_the_given_geometry);
    tcase_add_test(tc, program_ands_and_erase_sets_ff);
    tcase_add_test(tc, wrappers_reject_bad_ranges);
    tcase_add_test(tc, data_survives_shutdown_and_restart);
    tcase_add_test(tc, programmed_data_is_in_the_file_immediately);
    tcase_add_test(tc, wrong_size_file_is_refused);
    tcase_add_test(tc, bad_geometry_options_are_refused);
    tcase_add_test(tc, file_in_use_is_refused);
    tcase_add_test(tc, sync_option_works);
    suite_add_tcase(s, tc);
    return s;
}
