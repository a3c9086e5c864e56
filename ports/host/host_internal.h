/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Private header of the host port: the one board struct and the functions the
 * port's source files call on each other. Not installed, not for the firmware.
 *
 * Every source file defines its feature-test macros before including this file. */
#ifndef MSDK_HOST_INTERNAL_H
#define MSDK_HOST_INTERNAL_H

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/port/afe.h"
#include "msdk/port/board.h"
#include "msdk/port/io.h"
#include "msdk/port/nvm.h"
#include "msdk/port/power.h"
#include "msdk/port/serial.h"
#include "msdk/port/watchdog.h"
#include "msdk/host/sim.h"
#include "host_mbus.h"

#define MSDK_HOST_PATH_MAX     1024u
/* --config KEY=VALUE settings for the firmware (msdk_port_board_config()). */
#define MSDK_HOST_CONFIG_MAX   16u
#define MSDK_HOST_CONFIG_LEN   192u
#define MSDK_HOST_RING_SIZE    4096u
#define MSDK_HOST_POLL_MAX     48u
/* A TCP port option that is switched off. */
#define MSDK_HOST_PORT_OFF     (-1)
/* While a pty waits for its peer, poll at least this often (wall ms) to see it attach. */
#define MSDK_HOST_PTY_PROBE_MS 50u

/* ---- Byte ring -------------------------------------------------------------------- */

typedef struct msdk_host_ring {
    uint8_t data[MSDK_HOST_RING_SIZE];
    size_t head;  /* index of the oldest byte */
    size_t count; /* bytes stored */
} msdk_host_ring_t;

static inline size_t msdk_host_ring_space(const msdk_host_ring_t *r)
{
    return MSDK_HOST_RING_SIZE - r->count;
}

static inline size_t msdk_host_ring_put(msdk_host_ring_t *r, const uint8_t *src, size_t len)
{
    size_t n = (len < msdk_host_ring_space(r)) ? len : msdk_host_ring_space(r);
    for (size_t i = 0; i < n; i++) {
        r->data[(r->head + r->count + i) % MSDK_HOST_RING_SIZE] = src[i];
    }
    r->count += n;
    return n;
}

/* Contiguous free area after the newest byte; fill it, then msdk_host_ring_commit(). */
static inline size_t msdk_host_ring_free_span(msdk_host_ring_t *r, uint8_t **p)
{
    size_t tail = (r->head + r->count) % MSDK_HOST_RING_SIZE;
    size_t span;
    if (r->count == MSDK_HOST_RING_SIZE) {
        span = 0;
    } else if (tail >= r->head) {
        span = MSDK_HOST_RING_SIZE - tail;
    } else {
        span = r->head - tail;
    }
    *p = &r->data[tail];
    return span;
}

static inline void msdk_host_ring_commit(msdk_host_ring_t *r, size_t n)
{
    r->count += n;
}

/* Contiguous stored area from the oldest byte. */
static inline size_t msdk_host_ring_used_span(const msdk_host_ring_t *r, const uint8_t **p)
{
    size_t span = MSDK_HOST_RING_SIZE - r->head;
    *p = &r->data[r->head];
    return (r->count < span) ? r->count : span;
}

static inline void msdk_host_ring_drop(msdk_host_ring_t *r, size_t n)
{
    n = (n < r->count) ? n : r->count;
    r->head = (r->head + n) % MSDK_HOST_RING_SIZE;
    r->count -= n;
    if (r->count == 0u) {
        r->head = 0;
    }
}

static inline size_t msdk_host_ring_get(msdk_host_ring_t *r, uint8_t *dst, size_t cap)
{
    size_t n = (cap < r->count) ? cap : r->count;
    for (size_t i = 0; i < n; i++) {
        dst[i] = r->data[(r->head + i) % MSDK_HOST_RING_SIZE];
    }
    msdk_host_ring_drop(r, n);
    return n;
}

/* poll() events of a descriptor that fills rx and drains tx: POLLIN while rx has room,
 * POLLOUT while tx holds bytes. */
static inline short msdk_host_ring_poll_events(const msdk_host_ring_t *rx,
                                               const msdk_host_ring_t *tx)
{
    short ev = 0;
    if (msdk_host_ring_space(rx) > 0u) {
        ev |= POLLIN;
    }
    if (tx->count > 0u) {
        ev |= POLLOUT;
    }
    return ev;
}

/* ---- Options (host_options.c) ----------------------------------------------------- */

typedef struct msdk_host_options {
    double speed;
    bool stepped;
    bool start_time_set;
    int64_t start_utc_us;
    double rtc_ppm;
    bool rtc_invalid;
    bool run_ms_set;
    uint64_t run_ms;
    char nvm_path[MSDK_HOST_PATH_MAX];
    uint32_t nvm_size;
    uint32_t nvm_sector;
    uint32_t nvm_page;
    bool nvm_sync;
    char image_path[MSDK_HOST_PATH_MAX];
    int32_t tcp_port[MSDK_BOARD_SERIAL_COUNT]; /* MSDK_HOST_PORT_OFF or 0..65535 */
    bool pty[MSDK_BOARD_SERIAL_COUNT];
    int32_t control_port;
    int32_t net_port; /* network port (msdk/port/net.h): TCP port or MSDK_HOST_PORT_OFF */
    bool tcp_any;
    bool afe_off;
    bool seed_set;
    uint64_t seed;
    double noise_codes;
    bool no_lcd;
    bool relay_open;
    bool mbus_bridge; /* --mbus-bus bridge: the M-Bus UART on --mbus-tcp/--mbus-pty */
    char config[MSDK_HOST_CONFIG_MAX][MSDK_HOST_CONFIG_LEN]; /* "KEY=VALUE" */
    unsigned config_n;
} msdk_host_options_t;

/* Fills defaults, then applies argv. *help is set for --help (nothing else is done). */
msdk_err_t msdk_host_options_parse(msdk_host_options_t *o, int argc, char **argv, bool *help,
                                   char *why, size_t why_cap);
void msdk_host_options_usage(FILE *stream, const char *prog);

/* ---- Parsing helpers (host_parse.c) ------------------------------------------------ */

bool msdk_host_parse_u64(const char *s, uint64_t max, uint64_t *out);
bool msdk_host_parse_double(const char *s, double min, double max, double *out);
/* Decimal with an optional k/K (x1024) or m/M (x1048576) suffix. */
bool msdk_host_parse_size(const char *s, uint64_t max, uint64_t *out);
/* "YYYY-MM-DDTHH:MM:SS[.fff]Z" -> microseconds since 1970. */
bool msdk_host_parse_utc(const char *s, int64_t *utc_us);
/* Seconds since 1970 -> "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void msdk_host_format_utc(char *buf, size_t cap, int64_t utc_s, uint32_t ms);
/* Split a line into at most max_tokens blank-separated tokens in place; returns the
 * count, or max_tokens + 1 when there are more. */
size_t msdk_host_tokenize(char *line, char **tokens, size_t max_tokens);

/* ---- Console (host_console.c) ------------------------------------------------------ */

typedef struct msdk_host_console {
    bool tty;               /* stdout is a terminal: redraw the status block in place */
    bool lcd_enabled;       /* not --no-lcd */
    bool block_drawn;       /* the status block is on screen below the last line */
    bool at_line_start;     /* the last byte written to stdout was a line ending */
    bool lcd_pending;       /* LCD content changed since the last rendering */
    uint64_t next_draw_ns;  /* tty: monotonic time of the next redraw */
    uint64_t bucket_ns;     /* lines: token bucket, in nanoseconds of budget */
    uint64_t bucket_at_ns;  /* when the bucket was last refilled */
    uint64_t printed_at_ns; /* when the last LCD line was printed */
    char printed_code[MSDK_LCD_CODE_CHARS + 1u]; /* its code field */
} msdk_host_console_t;

struct msdk_host_board;
void msdk_host_console_init(struct msdk_host_board *b);
void msdk_host_console_printf(struct msdk_host_board *b, const char *fmt, ...) MSDK_PRINTF(2, 3);
void msdk_host_console_write(struct msdk_host_board *b, const uint8_t *data, size_t len);
void msdk_host_console_lcd_changed(struct msdk_host_board *b);
void msdk_host_console_tick(struct msdk_host_board *b);
/* Wall nanoseconds until the console wants to render, UINT64_MAX if nothing waits. */
uint64_t msdk_host_console_wait_ns(const struct msdk_host_board *b);
void msdk_host_console_finish(struct msdk_host_board *b);

/* ---- Clock (host_clock.c) ---------------------------------------------------------- */

typedef struct msdk_host_clock {
    double speed;             /* 0 = stepped */
    uint64_t now_us;          /* simulated time since start */
    uint64_t anchor_mono_ns;  /* wall reference of the running modes ... */
    uint64_t anchor_sim_us;   /* ... and the simulated time it maps to */
    uint64_t step_pending_us; /* stepped mode: `clock step` still to do */
    int64_t rtc_ref_utc_us;   /* RTC reading at rtc_ref_sim_us */
    uint64_t rtc_ref_sim_us;
    int64_t crystal_ppb;
    int32_t trim_ppb;
    bool rtc_valid;
} msdk_host_clock_t;

uint64_t msdk_host_mono_ns(void);
void msdk_host_clock_init(msdk_host_clock_t *c, const msdk_host_options_t *o);
/* Simulated time the wall clock asks for (running modes), never below now. */
uint64_t msdk_host_clock_wall_target_us(const msdk_host_clock_t *c);
void msdk_host_clock_reanchor(msdk_host_clock_t *c);
/* Forget a lag behind the wall clock longer than MSDK_HOST_CLOCK_MAX_LAG_MS. */
void msdk_host_clock_limit_lag(msdk_host_clock_t *c);
int64_t msdk_host_clock_rtc_us(const msdk_host_clock_t *c);
bool msdk_host_clock_is_stepped(const msdk_host_clock_t *c);
/* The RTC as "YYYY-MM-DDTHH:MM:SS.mmmZ" in buf; returns buf. */
const char *msdk_host_clock_rtc_format(const msdk_host_clock_t *c, char *buf, size_t cap);
/* The speed as "stepped" or <prefix><speed> ("x10" with prefix "x") in buf; returns buf. */
const char *msdk_host_clock_speed_format(const msdk_host_clock_t *c, const char *prefix, char *buf,
                                         size_t cap);

/* ---- NVM (host_nvm.c) -------------------------------------------------------------- */

typedef struct msdk_host_nvm_dev {
    int fd;
    bool sync;
    bool dirty; /* written since the last fsync() */
    char path[MSDK_HOST_PATH_MAX];
    uint8_t *mirror;         /* the file's content */
    uint32_t *sector_erases; /* per sector */
    msdk_host_nvm_stats_t stats;
    msdk_nvm_t nvm; /* the instance msdk_port_board_nvm() returns */
} msdk_host_nvm_dev_t;

msdk_err_t msdk_host_nvm_open(msdk_host_nvm_dev_t *d, const msdk_host_options_t *o);
/* pread()/pwrite() of exactly len bytes at off, retried after EINTR and short transfers;
 * false on an error or at the end of the file. The image slot file uses them too. */
bool msdk_host_file_read(int fd, uint8_t *buf, size_t len, off_t off);
bool msdk_host_file_write(int fd, const uint8_t *data, size_t len, off_t off);
void msdk_host_nvm_flush(msdk_host_nvm_dev_t *d);
void msdk_host_nvm_close(msdk_host_nvm_dev_t *d);

/* ---- Serial (host_serial.c) and TCP helpers (host_net.c) ---------------------------- */

typedef enum msdk_host_ep_kind {
    MSDK_HOST_EP_NONE = 0,
    MSDK_HOST_EP_TCP = 1,
    MSDK_HOST_EP_PTY = 2,
} msdk_host_ep_kind_t;

typedef struct msdk_host_endpoint {
    msdk_host_ep_kind_t kind;
    int listen_fd; /* TCP listener */
    int fd;        /* TCP client or pty master */
    bool attached; /* a peer is there */
    uint16_t port;
    char pty_path[64];
    msdk_host_ring_t tx;
} msdk_host_endpoint_t;

typedef struct msdk_host_chan {
    struct msdk_host_board *board;
    const char *name;
    bool is_console;
    msdk_host_endpoint_t ep[2]; /* [0] TCP, [1] pty */
    msdk_host_ring_t rx;
    msdk_serial_config_t cfg;
    uint64_t rx_bytes;
    uint64_t tx_bytes;
    bool rx_error; /* a received byte had a parity error (M-Bus segment): the next read says so */
    msdk_serial_t port; /* the instance msdk_port_board_serial() returns */
} msdk_host_chan_t;

int msdk_host_tcp_listen(int32_t port, uint16_t *bound);
/* msdk_host_tcp_listen() on port (any free port with --tcp-any) for a channel, announced
 * on the console as "listening: <channel> tcp 127.0.0.1:<port>"; a failure is reported
 * on stderr. Returns the listening descriptor or -1. */
int msdk_host_tcp_listen_announced(struct msdk_host_board *b, const char *channel, int32_t port,
                                   uint16_t *bound);
int msdk_host_tcp_accept(int listen_fd);
void msdk_host_fd_close(int *fd);

/* ---- Poll set ---------------------------------------------------------------------- */

typedef enum msdk_host_poll_kind {
    MSDK_HOST_POLL_SIGNAL = 0,
    MSDK_HOST_POLL_SERIAL_LISTEN = 1,
    MSDK_HOST_POLL_SERIAL_PEER = 2,
    MSDK_HOST_POLL_CONTROL_LISTEN = 3,
    MSDK_HOST_POLL_CONTROL_CLIENT = 4,
    MSDK_HOST_POLL_NET = 5, /* network port: wakes the board, the firmware reads */
} msdk_host_poll_kind_t;

typedef struct msdk_host_pollset {
    struct pollfd fds[MSDK_HOST_POLL_MAX];
    msdk_host_poll_kind_t kind[MSDK_HOST_POLL_MAX];
    void *obj[MSDK_HOST_POLL_MAX];
    size_t n;
} msdk_host_pollset_t;

static inline void msdk_host_pollset_add(msdk_host_pollset_t *ps, int fd, short events,
                                         msdk_host_poll_kind_t kind, void *obj)
{
    if ((fd >= 0) && (ps->n < MSDK_HOST_POLL_MAX)) {
        ps->fds[ps->n].fd = fd;
        ps->fds[ps->n].events = events;
        ps->fds[ps->n].revents = 0;
        ps->kind[ps->n] = kind;
        ps->obj[ps->n] = obj;
        ps->n++;
    }
}

msdk_err_t msdk_host_serial_open(struct msdk_host_board *b);
void msdk_host_serial_close(struct msdk_host_board *b);
void msdk_host_serial_poll_add(struct msdk_host_board *b, msdk_host_pollset_t *ps);
void msdk_host_serial_on_poll(struct msdk_host_board *b, msdk_host_poll_kind_t kind, void *obj,
                              int fd, short revents);
/* Notice pty peers coming and going, push queued bytes. */
void msdk_host_serial_service(struct msdk_host_board *b);
bool msdk_host_serial_pty_waiting(const struct msdk_host_board *b);

/* ---- Grid model (host_grid.c) ------------------------------------------------------ */

typedef struct msdk_host_grid_state {
    msdk_host_grid_t cfg;
    double cycle; /* fundamental phase in cycles, 0 <= cycle < 1 */
    uint64_t rng; /* noise generator state */
    uint64_t seed;
    bool have_spare;
    double spare;
} msdk_host_grid_state_t;

void msdk_host_grid_defaults(msdk_host_grid_t *g);
msdk_err_t msdk_host_grid_validate(const msdk_host_grid_t *g);
void msdk_host_grid_init(msdk_host_grid_state_t *st, uint64_t seed, double noise_codes);
void msdk_host_grid_generate(msdk_host_grid_state_t *st, uint32_t rate_hz, bool currents_on,
                             msdk_afe_frame_t *out, size_t count);

/* ---- AFE (host_afe.c) -------------------------------------------------------------- */

typedef struct msdk_host_afe {
    bool off; /* --afe-off */
    bool running;
    bool in_handler;
    uint32_t rate_hz;
    msdk_afe_handler_t handler;
    void *ctx;
    uint32_t session; /* incremented at every start and stop */
    uint64_t t0_us;   /* frame n (0-based) is at t0 + (n + 1) / rate */
    uint64_t delivered;
    uint64_t total_frames;
    msdk_afe_frame_t buf[MSDK_HOST_AFE_CHUNK_FRAMES];
} msdk_host_afe_t;

/* Deliver the frames due up to target_us, at most *budget of them (budget NULL:
 * unlimited). Returns the simulated time reached: target_us, or earlier when the budget
 * ran out (then exactly the frames up to the returned time are delivered). */
uint64_t msdk_host_afe_generate_until(struct msdk_host_board *b, uint64_t target_us,
                                      uint64_t *budget);
/* Simulated time at which the next full chunk is due, UINT64_MAX when not sampling. */
uint64_t msdk_host_afe_next_chunk_us(const struct msdk_host_board *b);

/* ---- I/O (host_io.c) --------------------------------------------------------------- */

typedef struct msdk_host_io {
    bool led_on[MSDK_IO_LED_COUNT];
    uint64_t led_pulses[MSDK_IO_LED_COUNT];
    bool relay_closed; /* contacts */
    bool relay_target; /* last drive */
    bool relay_moving;
    bool relay_fail;
    uint64_t relay_done_us;
    uint64_t relay_operations;
    uint32_t inputs;
    msdk_lcd_frame_t lcd;
    uint64_t lcd_updates;
} msdk_host_io_t;

void msdk_host_io_init(struct msdk_host_board *b);
/* Finish a relay movement that is due. */
void msdk_host_io_update(struct msdk_host_board *b);
/* Simulated time of the next I/O event, UINT64_MAX if none. */
uint64_t msdk_host_io_next_event_us(const struct msdk_host_board *b);
const char *msdk_host_inputs_format(uint32_t inputs, char *buf, size_t cap);

/* ---- Control interface (host_control.c) ---------------------------------------------- */

typedef struct msdk_host_ctl_client {
    int fd;
    size_t len;        /* bytes in line */
    bool discarding;   /* the current line is too long: drop it up to its end */
    bool step_waiting; /* a `clock step` runs; its reply is due when it ends */
    char line[MSDK_HOST_CONTROL_LINE_MAX + 1u];
    msdk_host_ring_t in;  /* received, not yet processed */
    msdk_host_ring_t out; /* replies not yet sent */
} msdk_host_ctl_client_t;

typedef struct msdk_host_control {
    int listen_fd;
    uint16_t port;
    msdk_host_ctl_client_t client[MSDK_HOST_CONTROL_MAX_CLIENTS];
} msdk_host_control_t;

msdk_err_t msdk_host_control_open(struct msdk_host_board *b);
void msdk_host_control_close(struct msdk_host_board *b);
void msdk_host_control_poll_add(struct msdk_host_board *b, msdk_host_pollset_t *ps);
void msdk_host_control_on_poll(struct msdk_host_board *b, msdk_host_poll_kind_t kind, void *obj,
                               int fd, short revents);
/* Process buffered lines of clients that were waiting and flush replies. */
void msdk_host_control_service(struct msdk_host_board *b);
/* A `clock step` finished (or was cancelled): send the deferred replies. */
void msdk_host_control_step_done(struct msdk_host_board *b);

/* ---- Power, watchdog, image ------------------------------------------------------------ */

typedef struct msdk_host_power {
    msdk_power_fail_handler_t handler;
    void *ctx;
    bool failing;
} msdk_host_power_t;

typedef struct msdk_host_watchdog {
    bool running;
    uint64_t timeout_us;
    uint64_t deadline_us;
} msdk_host_watchdog_t;

typedef struct msdk_host_image {
    int fd;
    char path[MSDK_HOST_PATH_MAX];
} msdk_host_image_t;

/* Read and remove the reset-cause marker of the previous run. */
void msdk_host_reset_cause_load(struct msdk_host_board *b);
/* Write the marker the next run reads. */
void msdk_host_reset_cause_store(struct msdk_host_board *b, msdk_reset_cause_t cause);
void msdk_host_watchdog_check(struct msdk_host_board *b);
void msdk_host_image_close(struct msdk_host_board *b);

/* ---- Network port (host_dlmsnet.c) -------------------------------------------------------- */

/* Connections the network port takes at once. */
#define MSDK_HOST_NET_CONNS 8u

typedef struct msdk_host_net {
    int listen_fd;
    bool listen_ready; /* the last poll saw a connection waiting (or none has run yet) */
    int conn[MSDK_HOST_NET_CONNS];
} msdk_host_net_t;

/* Descriptors to "none" (before anything can fail). */
void msdk_host_net_init(struct msdk_host_board *b);
/* Close the listener and every connection. */
void msdk_host_net_close(struct msdk_host_board *b);
/* Watch the listener and the connections for input, so that a connection or a request
 * wakes the board from msdk_port_board_idle() (the firmware accepts and reads). */
void msdk_host_net_poll_add(struct msdk_host_board *b, msdk_host_pollset_t *ps);
/* The poll reported input on fd. */
void msdk_host_net_on_poll(struct msdk_host_board *b, int fd);

/* ---- M-Bus segment (host_mbus.c, host_mbus_slaves.c) ------------------------------------ */

typedef struct msdk_host_mbus_board {
    bool segment;           /* --mbus-bus segment (default) */
    msdk_host_mbus_t seg;   /* the simulated segment */
    msdk_host_ring_t gw_in; /* bytes of the gateway peer not yet on the segment */
} msdk_host_mbus_board_t;

struct msdk_host_board;
void msdk_host_mbus_open(struct msdk_host_board *b);
/* Queue the gateway's bytes and process the line up to the simulated time. */
void msdk_host_mbus_update(struct msdk_host_board *b);
/* Simulated time of the next line event, UINT64_MAX if none (or bridge mode). */
uint64_t msdk_host_mbus_board_next_us(const struct msdk_host_board *b);
/* `mbus ...` of the control interface: the reply line (without LF) in out. */
void msdk_host_mbus_command(struct msdk_host_board *b, char **t, size_t n, char *out, size_t cap);

/* ---- The board --------------------------------------------------------------------------- */

typedef struct msdk_host_board {
    bool alive;       /* init got far enough that shutdown has descriptors to close */
    bool initialized; /* init completed */
    bool stop;
    bool finished;
    bool advancing;
    uint64_t served_mono_ns; /* wall time of the last poll of the descriptors */
    int exit_status;
    const char *stop_reason;
    int argc;
    char **argv;
    msdk_host_options_t opt;
    msdk_host_console_t console;
    msdk_host_clock_t clock;
    msdk_host_nvm_dev_t nvm;
    msdk_host_chan_t chan[MSDK_BOARD_SERIAL_COUNT];
    msdk_host_grid_state_t grid;
    msdk_host_afe_t afe;
    msdk_host_io_t io;
    msdk_host_control_t control;
    msdk_host_power_t power;
    msdk_host_watchdog_t watchdog;
    msdk_host_image_t image;
    msdk_host_net_t net;
    msdk_host_mbus_board_t mbus;
    msdk_reset_cause_t reset_cause;
    char reset_marker[MSDK_HOST_PATH_MAX + 8u];
    uint32_t critical_nesting;
    int signal_fd;
    bool signals_blocked;
    sigset_t saved_mask;
} msdk_host_board_t;

/* The board of this process. */
msdk_host_board_t *msdk_host_board(void);
/* The check every sim.h call starts with: MSDK_ERR_INVALID_ARG unless args_ok, else
 * MSDK_ERR_STATE before msdk_port_board_init() completed, else MSDK_OK. */
static inline msdk_err_t msdk_host_sim_check(const msdk_host_board_t *b, bool args_ok)
{
    if (!args_ok) {
        return MSDK_ERR_INVALID_ARG;
    }
    return b->initialized ? MSDK_OK : MSDK_ERR_STATE;
}
/* Request a stop (first request sets the status and reason). */
void msdk_host_board_stop(msdk_host_board_t *b, int exit_status, const char *reason);

/* ---- Simulated time engine (host_sim.c) ---------------------------------------------------- */

/* Advance simulated time to target_us, in time order: AFE frames, relay, watchdog,
 * run end. budget: most AFE frames (NULL: unlimited), decremented. Returns true when
 * target_us was reached. */
bool msdk_host_sim_advance(msdk_host_board_t *b, uint64_t target_us, uint64_t *budget);
/* Print the stop reason, render the last LCD content, flush the NVM (once). */
void msdk_host_sim_finish(msdk_host_board_t *b);

#endif /* MSDK_HOST_INTERNAL_H */
