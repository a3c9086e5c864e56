/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "port_host_check.h"

#define PUMP_ROUNDS 2000u

static char nvm_path[64];
static char image_path[64];

static void remove_with_suffix(const char *path, const char *suffix)
{
    char p[96];
    (void)snprintf(p, sizeof(p), "%s%s", path, suffix);
    (void)unlink(p);
}

static void remove_files(void)
{
    remove_with_suffix(nvm_path, "");
    remove_with_suffix(nvm_path, ".reset");
    remove_with_suffix(image_path, "");
    remove_with_suffix(image_path, ".activate");
}

/* A failing check ends a forked test with _exit(), without its teardown. The names
 * depend on the test runner's PID (the parent of a forked test), so the next test's
 * setup removes what a failed one left behind; a run leaves nothing unless its last
 * test fails. */
void ph_setup(void)
{
    const char *fork_mode = getenv("CK_FORK");
    bool no_fork = (fork_mode != NULL) && (strcmp(fork_mode, "no") == 0);
    long runner = no_fork ? (long)getpid() : (long)getppid();
    (void)snprintf(nvm_path, sizeof(nvm_path), "/tmp/msdk-ph-%ld-nvm.bin", runner);
    (void)snprintf(image_path, sizeof(image_path), "/tmp/msdk-ph-%ld-image.bin", runner);
    remove_files();
}

void ph_teardown(void)
{
    msdk_host_board_shutdown();
    remove_files();
}

const char *ph_nvm_path(void)
{
    return nvm_path;
}

const char *ph_image_path(void)
{
    return image_path;
}

static msdk_err_t start_v(const char *first, va_list ap)
{
    char *argv[48];
    int argc = 0;
    static char base[][16] = { "ph", "--stepped", "--tcp-any", "--nvm-size", "256k" };
    for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
        argv[argc++] = base[i];
    }
    static char nvm_opt[] = "--nvm";
    static char image_opt[] = "--image";
    argv[argc++] = nvm_opt;
    argv[argc++] = nvm_path;
    argv[argc++] = image_opt;
    argv[argc++] = image_path;
    for (const char *a = first; (a != NULL) && (argc < 46); a = va_arg(ap, const char *)) {
        argv[argc++] = (char *)(uintptr_t)a;
    }
    argv[argc] = NULL;
    return msdk_port_board_init(argc, argv);
}

msdk_err_t ph_start(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    msdk_err_t err = start_v(first, ap);
    va_end(ap);
    return err;
}

void ph_start_ok(const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    msdk_err_t err = start_v(first, ap);
    va_end(ap);
    ck_assert_int_eq(err, MSDK_OK);
}

int ph_connect(uint16_t port)
{
    ck_assert_uint_ne(port, 0);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (const struct sockaddr *)&a, sizeof(a)), 0);
    int one = 1; /* small lines: no Nagle delay */
    ck_assert_int_eq(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
    ck_assert_int_eq(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
    return fd;
}

void ph_send(int fd, const void *data, size_t len)
{
    const uint8_t *p = data;
    unsigned rounds = 0;
    while (len > 0u) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
            continue;
        }
        ck_assert_msg((n < 0) && ((errno == EAGAIN) || (errno == EWOULDBLOCK)), "send failed");
        ck_assert_uint_lt(rounds++, PUMP_ROUNDS);
        (void)msdk_port_board_idle(1);
    }
}

size_t ph_recv(int fd, void *buf, size_t want)
{
    size_t got = 0;
    for (unsigned r = 0; (r < PUMP_ROUNDS) && (got < want); r++) {
        ssize_t n = recv(fd, (uint8_t *)buf + got, want - got, MSG_DONTWAIT);
        if (n > 0) {
            got += (size_t)n;
            continue;
        }
        if (n == 0) {
            break;
        }
        (void)msdk_port_board_idle(1);
    }
    return got;
}

bool ph_recv_line(int fd, char *line, size_t cap)
{
    size_t len = 0;
    for (unsigned r = 0; r < PUMP_ROUNDS; r++) {
        char c;
        ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
        if (n == 1) {
            if (c == '\n') {
                line[len] = '\0';
                return true;
            }
            if (len + 1u < cap) {
                line[len++] = c;
            }
            r = 0;
            continue;
        }
        if (n == 0) {
            break;
        }
        (void)msdk_port_board_idle(1);
    }
    line[len] = '\0';
    return false;
}

bool ph_command(int fd, const char *cmd, char *reply, size_t cap)
{
    char line[1024];
    size_t len = strlen(cmd);
    ck_assert_uint_lt(len, sizeof(line));
    memcpy(line, cmd, len);
    line[len] = '\n';
    ph_send(fd, line, len + 1u);
    return ph_recv_line(fd, reply, cap);
}

bool ph_wait_eof(int fd)
{
    for (unsigned r = 0; r < PUMP_ROUNDS; r++) {
        char c;
        ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
        if ((n == 0) || ((n < 0) && (errno != EAGAIN) && (errno != EWOULDBLOCK))) {
            return true;
        }
        (void)msdk_port_board_idle(1);
    }
    return false;
}

bool ph_pump(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!msdk_port_board_idle(1)) {
            return false;
        }
    }
    return true;
}

void ph_stdout_capture_begin(ph_capture_t *cap)
{
    char path[] = "/tmp/msdk-ph-out-XXXXXX";
    cap->fd = mkstemp(path);
    ck_assert_int_ge(cap->fd, 0);
    (void)unlink(path); /* read back through fd; nothing left behind */
    (void)fflush(stdout);
    cap->saved = dup(STDOUT_FILENO);
    ck_assert_int_ge(cap->saved, 0);
    ck_assert_int_ge(dup2(cap->fd, STDOUT_FILENO), 0);
}

size_t ph_stdout_capture_end(ph_capture_t *cap, char *out, size_t out_cap)
{
    (void)fflush(stdout);
    ck_assert_int_ge(dup2(cap->saved, STDOUT_FILENO), 0);
    (void)close(cap->saved);
    ssize_t n = pread(cap->fd, out, out_cap - 1u, 0);
    (void)close(cap->fd);
    ck_assert_int_gt(n, 0);
    out[n] = '\0';
    return (size_t)n;
}
