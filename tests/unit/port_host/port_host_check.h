/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers of the ports/host suites: temporary files, board start/stop with the
 * options every test needs (stepped time, ephemeral ports, no LCD), sockets that
 * pump msdk_port_board_idle() while they wait. */
#ifndef PORT_HOST_CHECK_H
#define PORT_HOST_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <check.h>
#include "msdk/host/sim.h"

/* Checked fixture: fresh temporary file names; teardown shuts the board down and
 * removes every file the board may have made. */
void ph_setup(void);
void ph_teardown(void);

const char *ph_nvm_path(void);
const char *ph_image_path(void);

/* Start the board with "--stepped --tcp-any --nvm-size 256k --nvm <tmp> --image <tmp>"
 * followed by the NULL-terminated extra arguments. */
msdk_err_t ph_start(const char *first, ...);
/* ph_start() that must succeed. */
void ph_start_ok(const char *first, ...);

/* Blocking connect to 127.0.0.1:port, then non-blocking. */
int ph_connect(uint16_t port);
void ph_send(int fd, const void *data, size_t len);
/* Pump idle until want bytes arrived (or about 2 s of wall time); returns the count. */
size_t ph_recv(int fd, void *buf, size_t want);
/* Pump idle until a whole line arrived; strips the LF. */
bool ph_recv_line(int fd, char *line, size_t cap);
/* Send a command line and read its reply line. */
bool ph_command(int fd, const char *cmd, char *reply, size_t cap);
/* Pump idle until the peer closed the connection. */
bool ph_wait_eof(int fd);
/* Run msdk_port_board_idle(1) n times; false if it returned false. */
bool ph_pump(unsigned n);

/* Redirects stdout into an unlinked temporary file (nothing is left behind). */
typedef struct {
    int fd;    /* the temporary file */
    int saved; /* the original stdout */
} ph_capture_t;

/* Starts capturing stdout (asserts on failure). */
void ph_stdout_capture_begin(ph_capture_t *cap);
/* Restores stdout and copies what was printed into out (NUL-terminated,
 * asserts that something was); returns the length. */
size_t ph_stdout_capture_end(ph_capture_t *cap, char *out, size_t out_cap);

#endif /* PORT_HOST_CHECK_H */
