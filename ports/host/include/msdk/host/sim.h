/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Host (Linux) port: controls of the meter simulator for tests, benchmarks and tools.
 *
 * The host port implements every porting interface of include/msdk/port/ (except
 * crypto.h, which ports/common provides on mbedTLS) so that the whole firmware runs as
 * one Linux process. This header is what only the host has: the simulated clock, the
 * grid model behind the AFE, NVM operation counters, the simulated I/O lines and the
 * addresses of the TCP listeners and pseudo-terminals.
 *
 * @par Simulated time
 * Uptime is simulated time since msdk_port_board_init(). It moves only inside
 * msdk_port_board_idle() (and msdk_host_clock_step_ms()); between two idle calls the
 * clock stands still, as if the CPU were infinitely fast. Three modes:
 * - real time (`--speed 1`, the default) and accelerated (`--speed N`): simulated time
 *   follows the host's monotonic clock times N;
 * - stepped (`--stepped`, or msdk_host_clock_speed_set(0)): time moves only when a test
 *   calls msdk_host_clock_step_ms() or a control client sends `clock step <ms>`.
 *
 * One idle call advances time by at most max(max_wait_ms, ::MSDK_HOST_IDLE_MIN_ADVANCE_MS)
 * and generates at most ::MSDK_HOST_AFE_MAX_FRAMES_PER_IDLE AFE frames, so the firmware
 * gets control back (to kick the watchdog, to serve its protocols) at least that often
 * in simulated time. Every AFE frame of every sample instant is generated: when the grid
 * model cannot keep up with the requested speed, simulated time is held back (never a
 * frame skipped), so the effective speed becomes CPU-bound. A lag of more than
 * ::MSDK_HOST_CLOCK_MAX_LAG_MS of wall time is forgotten rather than caught up. Use
 * `--afe-off` for fast long-run simulations that do not need samples.
 *
 * @par Real-time clock
 * RTC = start time (host UTC at start, or `--start-time`) + simulated elapsed time x
 * (1 + crystal error + trim). The crystal error is `--rtc-ppm` (default 0); the trim is
 * what the firmware sets with msdk_port_rtc_trim_set() (1 ppb resolution, +-1,000,000 ppb).
 * The arithmetic is exact integer microseconds: a +20 ppm crystal gains 1.728 s per
 * simulated day and a trim of -20,000 ppb cancels it exactly.
 *
 * @par Non-volatile memory
 * A file (`--nvm`, default `ma304h4-nvm.bin` in the current directory) with NOR
 * semantics and the geometry of `--nvm-size/--nvm-sector/--nvm-page` (2 MiB, 4096, 256).
 * A missing or empty file starts all 0xFF; a file of another size is refused. Every
 * program and erase is written to the file with pwrite() before the driver returns, so
 * the data is in the kernel's page cache and survives a kill -9 of the simulator. It is
 * fsync()ed when the simulation stops; `--nvm-sync` adds an fdatasync() after every
 * program and erase, for durability against a host crash (slow). The file is locked
 * (flock) so two simulators cannot share it.
 *
 * @par Serial channels
 * Each channel can have a TCP listener on 127.0.0.1 and a pseudo-terminal; when both
 * exist, received bytes from either are merged and sent bytes go to every attached peer.
 * A TCP listener serves one client: a new client replaces the old one (the old
 * connection is closed and its unsent bytes are dropped). A pty counts as attached while
 * a process has its slave side open. Defaults: optical = TCP 4060, M-Bus = TCP 4062,
 * WAN = pty, console = stdout (nothing to read). Every listener is printed at start as
 * `listening: <channel> tcp 127.0.0.1:<port>` or `listening: <channel> pty <path>`.
 * Line settings are recorded (msdk_host_serial_config()); on a pty they are also applied
 * with termios, where a client can read back the baud rate (Linux ptys always report 8
 * data bits without parity). Bytes are not paced at the baud rate.
 *
 * @par LCD
 * When stdout is a terminal, a two-line status block (the LCD, then RTC, speed, relay,
 * inputs and LED pulse counts) stays below the log and is redrawn in place with ANSI
 * escapes. Otherwise every change of the LCD prints a line
 * `LCD| <value> | <code> | <icons>` (see msdk_host_lcd_format()), limited by wall time at
 * any speed: at most ::MSDK_HOST_LCD_MAX_LINES_PER_S lines per second (token bucket), a
 * new value of the item already shown (same code) at most every
 * ::MSDK_HOST_LCD_MIN_INTERVAL_MS, a new item at once while the budget lasts; the latest
 * held-back content is printed when the budget allows and when the run stops.
 * `--no-lcd` turns both off.
 *
 * @par Control interface
 * A line-based text protocol on TCP 127.0.0.1:4070 (`--control-tcp`): one command per
 * line, one reply line per command starting with `ok` or `error <reason>`. Send `help`
 * for the list. Up to ::MSDK_HOST_CONTROL_MAX_CLIENTS clients at a time.
 *
 * @par Exit status
 * msdk_port_board_exit_status() is ::MSDK_HOST_EXIT_OK after Ctrl-C/SIGTERM, `--run-ms`,
 * `quit` or `power fail`, and ::MSDK_HOST_EXIT_WATCHDOG after a watchdog expiry.
 * msdk_port_system_reset() re-executes the simulator with the same arguments (a new
 * run that reads reset cause "software"); if that fails it exits with
 * ::MSDK_HOST_EXIT_RESET_FAILED.
 *
 * All functions here act on the one simulated board of the process and must be called
 * from the thread that runs the firmware. Functions returning ::msdk_err_t return
 * ::MSDK_ERR_STATE when the board is not initialized.
 */
#ifndef MSDK_HOST_SIM_H
#define MSDK_HOST_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/board.h"
#include "msdk/port/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ADC scale of the simulated AFE --------------------------------------------- */

/** @brief Magnitude of a full-scale sample in codes: 2^23 (the code itself saturates at
 *         ::MSDK_AFE_CODE_MAX / ::MSDK_AFE_CODE_MIN). */
#define MSDK_HOST_AFE_FULL_SCALE_CODES    8388608.0
/** @brief Instantaneous voltage (V) of a full-scale sample on V1..V3: +-480 V <-> +-2^23 codes. */
#define MSDK_HOST_AFE_V_FULL_SCALE        480.0
/** @brief Instantaneous current (A) of a full-scale sample on I1..I3 and In: +-180 A <-> +-2^23. */
#define MSDK_HOST_AFE_I_FULL_SCALE        180.0
/** @brief Volts per code on a voltage channel (about 57.2 uV). */
#define MSDK_HOST_AFE_V_PER_CODE          (MSDK_HOST_AFE_V_FULL_SCALE / MSDK_HOST_AFE_FULL_SCALE_CODES)
/** @brief Amps per code on a current channel (about 21.5 uA). */
#define MSDK_HOST_AFE_I_PER_CODE          (MSDK_HOST_AFE_I_FULL_SCALE / MSDK_HOST_AFE_FULL_SCALE_CODES)
/** @brief Most frames given to the AFE handler in one call. */
#define MSDK_HOST_AFE_CHUNK_FRAMES        128u
/** @brief Most AFE frames generated in one msdk_port_board_idle() call. */
#define MSDK_HOST_AFE_MAX_FRAMES_PER_IDLE 8192u

/* ---- Time ---------------------------------------------------------------------- */

/** @brief Least simulated time one idle call may advance (also when max_wait_ms is 0). */
#define MSDK_HOST_IDLE_MIN_ADVANCE_MS 10u
/** @brief Wall-time lag behind the requested speed beyond which the excess is dropped. */
#define MSDK_HOST_CLOCK_MAX_LAG_MS    250u
/** @brief Largest RTC trim magnitude accepted by msdk_port_rtc_trim_set(), in ppb. */
#define MSDK_HOST_RTC_TRIM_MAX_PPB    1000000
/** @brief Largest crystal error magnitude accepted by --rtc-ppm, in ppm. */
#define MSDK_HOST_RTC_PPM_MAX         1000.0
/** @brief Largest speed factor of the simulated clock. */
#define MSDK_HOST_CLOCK_SPEED_MAX     1000000.0

/* ---- I/O ----------------------------------------------------------------------- */

/** @brief Simulated operate time of the supply relay (drive to feedback), in ms. */
#define MSDK_HOST_RELAY_OPERATE_MS    50u
/** @brief Least wall time between two printed values of the same LCD item (same code
 *         field), in ms; the terminal status block is redrawn every half of it. */
#define MSDK_HOST_LCD_MIN_INTERVAL_MS 500u
/** @brief Most "LCD|" lines printed per second of wall time, on average (and in a burst). */
#define MSDK_HOST_LCD_MAX_LINES_PER_S 4u

/* ---- Defaults of the listeners and files ----------------------------------------- */

/** @brief Default TCP port of the optical channel. */
#define MSDK_HOST_DEFAULT_OPTICAL_TCP_PORT 4060u
/** @brief Default TCP port of the M-Bus channel. */
#define MSDK_HOST_DEFAULT_MBUS_TCP_PORT    4062u
/** @brief Default TCP port of the control interface. */
#define MSDK_HOST_DEFAULT_CONTROL_TCP_PORT 4070u
/** @brief Most control clients connected at once (more are refused). */
#define MSDK_HOST_CONTROL_MAX_CLIENTS      4u
/** @brief Longest control line in bytes, without its line ending. */
#define MSDK_HOST_CONTROL_LINE_MAX         255u
/** @brief Default NVM file, in the current directory. */
#define MSDK_HOST_DEFAULT_NVM_FILE         "ma304h4-nvm.bin"
/** @brief Default NVM size in bytes (2 MiB). */
#define MSDK_HOST_DEFAULT_NVM_SIZE         (2u * 1024u * 1024u)
/** @brief Default NVM sector (erase unit) in bytes. */
#define MSDK_HOST_DEFAULT_NVM_SECTOR       4096u
/** @brief Default NVM page (largest program) in bytes. */
#define MSDK_HOST_DEFAULT_NVM_PAGE         256u
/** @brief Default firmware download slot file, in the current directory. */
#define MSDK_HOST_DEFAULT_IMAGE_FILE       "ma304h4-image.bin"
/** @brief Size of the download slot in bytes (512 KiB). */
#define MSDK_HOST_IMAGE_SLOT_SIZE          (512u * 1024u)
/** @brief Write alignment of the download slot in bytes. */
#define MSDK_HOST_IMAGE_WRITE_ALIGN        4u

/* ---- Exit statuses --------------------------------------------------------------- */

/** @brief Normal stop: signal, --run-ms, `quit`, `power fail`. */
#define MSDK_HOST_EXIT_OK           0
/** @brief The watchdog expired. */
#define MSDK_HOST_EXIT_WATCHDOG     3
/** @brief msdk_port_system_reset() could not re-execute the simulator. */
#define MSDK_HOST_EXIT_RESET_FAILED 4

/* ---- Board ---------------------------------------------------------------------- */

/**
 * @brief Close every file, socket and pty of the simulated board and forget its state.
 *
 * Afterwards msdk_port_board_init() may be called again (tests start a fresh board per
 * case; data in the NVM file persists). Safe to call when the board is not initialized.
 */
void msdk_host_board_shutdown(void);

/**
 * @brief Ask the simulation to stop: the next msdk_port_board_idle() returns false.
 * @param[in] exit_status Value for msdk_port_board_exit_status() (the first request wins).
 */
void msdk_host_stop(int exit_status);

/* ---- Clock ---------------------------------------------------------------------- */

/**
 * @brief Change the speed of simulated time.
 * @param[in] speed Factor on the host's monotonic clock: 1 = real time, 3600 = one
 *                  simulated hour per second, up to ::MSDK_HOST_CLOCK_SPEED_MAX;
 *                  0 switches to stepped mode.
 * @retval MSDK_OK              Applied from now on.
 * @retval MSDK_ERR_INVALID_ARG Negative, not finite or above the maximum.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_clock_speed_set(double speed);

/**
 * @brief Current speed of simulated time.
 * @return The factor, or 0 in stepped mode.
 */
double msdk_host_clock_speed(void);

/**
 * @brief Advance simulated time in stepped mode, now.
 *
 * Everything due in the interval happens before this returns, in time order: every AFE
 * frame is generated and given to the handler (in chunks), relays finish moving, the
 * watchdog expires if its deadline passes (the firmware cannot kick during a step), and
 * --run-ms ends the run. Sockets are not served here but in msdk_port_board_idle().
 * @param[in] ms Milliseconds to advance.
 * @retval MSDK_OK        Time advanced (maybe less if the run stopped on the way).
 * @retval MSDK_ERR_STATE Not in stepped mode, board not initialized, or the simulation
 *                        has stopped.
 * @retval MSDK_ERR_BUSY  Called from inside an AFE handler.
 */
MSDK_NODISCARD msdk_err_t msdk_host_clock_step_ms(uint64_t ms);

/**
 * @brief Simulated time since start in microseconds (msdk_port_clock_uptime_ms() x 1000
 *        plus the sub-millisecond part).
 * @return Microseconds, 0 when the board is not initialized.
 */
uint64_t msdk_host_clock_now_us(void);

/**
 * @brief Change the simulated crystal error of the RTC (as --rtc-ppm).
 * @param[in] ppm Parts per million; positive makes the RTC gain time. At most
 *                +-::MSDK_HOST_RTC_PPM_MAX.
 * @retval MSDK_OK              Applied from now on (the RTC keeps its current reading).
 * @retval MSDK_ERR_INVALID_ARG Out of range or not finite.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_rtc_ppm_set(double ppm);

/**
 * @brief Current RTC trim as set by msdk_port_rtc_trim_set().
 * @return Parts per billion.
 */
int32_t msdk_host_rtc_trim(void);

/**
 * @brief Simulate the loss of the RTC's backup: msdk_port_rtc_read() reports valid =
 *        false until msdk_port_rtc_set() is called (as --rtc-invalid at start).
 */
void msdk_host_rtc_invalidate(void);

/* ---- NVM ------------------------------------------------------------------------ */

/** @brief Operation counters of the NVM region since start or the last reset. */
typedef struct msdk_host_nvm_stats {
    uint64_t reads;             /**< Read calls of the driver. */
    uint64_t read_bytes;        /**< Bytes read. */
    uint64_t programs;          /**< Program calls. */
    uint64_t program_bytes;     /**< Bytes programmed. */
    uint64_t program_set_bits;  /**< Programs that asked to turn a 0 bit into 1 (NOR
                                     keeps the 0: usually a storage-layer bug). */
    uint64_t erases;            /**< Sector erases. */
    uint32_t max_sector_erases; /**< Highest erase count of any sector (wear). */
    uint32_t sector_count;      /**< Number of sectors. */
} msdk_host_nvm_stats_t;

/**
 * @brief Read the NVM counters.
 * @param[out] stats Filled on success.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p stats is NULL.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_nvm_stats(msdk_host_nvm_stats_t *stats);

/**
 * @brief Erase count of one sector since start or the last reset of the counters.
 * @param[in] sector Sector index (address / sector size).
 * @return The count; 0 for an index outside the region or no board.
 */
uint32_t msdk_host_nvm_sector_erases(uint32_t sector);

/** @brief Set every NVM counter, per-sector erase counts included, to 0. */
void msdk_host_nvm_stats_reset(void);

/**
 * @brief Path of the NVM file.
 * @return The path as given, or NULL when the board is not initialized.
 */
const char *msdk_host_nvm_path(void);

/* ---- Serial channels and the control interface ------------------------------------ */

/**
 * @brief TCP port a serial channel listens on (after --tcp-any, the ephemeral port).
 * @param[in] which Channel.
 * @return The port, or 0 when the channel has no TCP listener.
 */
uint16_t msdk_host_serial_tcp_port(msdk_board_serial_t which);

/**
 * @brief Slave path of a serial channel's pseudo-terminal, e.g. "/dev/pts/3".
 * @param[in] which Channel.
 * @return The path, or NULL when the channel has no pty.
 */
const char *msdk_host_serial_pty_path(msdk_board_serial_t which);

/**
 * @brief Line settings a serial channel was last configured with (9600 8N1 until the
 *        firmware calls msdk_serial_configure()).
 * @param[in]  which Channel.
 * @param[out] cfg   Filled on success.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p which out of range or @p cfg NULL.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_serial_config(msdk_board_serial_t which,
                                                  msdk_serial_config_t *cfg);

/**
 * @brief TCP port of the control interface.
 * @return The port, or 0 when it is disabled (--control-tcp off).
 */
uint16_t msdk_host_control_tcp_port(void);

/* ---- Grid model ----------------------------------------------------------------- */

/** @brief Harmonic slots per voltage or current waveform. */
#define MSDK_HOST_GRID_MAX_HARMONICS 8u
/** @brief Highest harmonic order accepted. */
#define MSDK_HOST_GRID_MAX_ORDER     63u

/**
 * @brief One harmonic of a waveform.
 *
 * Its instantaneous value is sqrt(2) x rms1 x @c rel x sin(order x x + @c phase_deg),
 * where rms1 is the waveform's fundamental RMS and x the angle of the phase's
 * *voltage* fundamental (so a 3rd harmonic is in phase on all three phases).
 */
typedef struct msdk_host_harmonic {
    uint32_t order;   /**< 2..::MSDK_HOST_GRID_MAX_ORDER; 0 marks an unused slot. */
    double rel;       /**< Amplitude relative to the fundamental, 0..1. */
    double phase_deg; /**< Phase in degrees, positive = leading. */
} msdk_host_harmonic_t;

/**
 * @brief Supply and load of one phase.
 *
 * v(t) = sqrt(2) V sin(x) + harmonics, i(t) = sqrt(2) I sin(x - phi) + harmonics, with
 * x = 2 pi (integrated frequency) + v_angle. So P = V I cos(phi) and Q = V I sin(phi)
 * for the fundamental: phi > 0 is an inductive load (current lags), phi = 180 is export.
 */
typedef struct msdk_host_grid_phase {
    double v_rms;       /**< Fundamental voltage RMS in V, 0..1000 (clips beyond 339 V). */
    double i_rms;       /**< Fundamental current RMS in A, 0..1000 (clips beyond 127 A). */
    double v_angle_deg; /**< Voltage angle in degrees (defaults 0, -120, +120). */
    double i_angle_deg; /**< phi: degrees the current lags its voltage, -360..360. */
    msdk_host_harmonic_t v_harm[MSDK_HOST_GRID_MAX_HARMONICS]; /**< Voltage harmonics. */
    msdk_host_harmonic_t i_harm[MSDK_HOST_GRID_MAX_HARMONICS]; /**< Current harmonics. */
} msdk_host_grid_phase_t;

/**
 * @brief The grid model behind the AFE.
 *
 * Samples are computed in double precision, then converted to codes with the
 * scale constants above: code = round(value / full scale x 2^23 + noise), saturated to
 * 24 bits. Currents (phases and neutral) are 0 while the supply relay's contacts are
 * open; voltages are measured on the supply side and stay.
 */
typedef struct msdk_host_grid {
    double freq_hz;                  /**< Frequency in Hz, 10..100 (default 50). A change
                                          keeps the waveforms continuous. */
    msdk_host_grid_phase_t phase[3]; /**< L1..L3 (default 230 V, 5 A, phi 0). */
    bool neutral_is_sum;             /**< true (default): In = i1 + i2 + i3 sample by sample. */
    double neutral_rms;              /**< Otherwise In RMS in A, 0..1000 ... */
    double neutral_angle_deg;        /**< ... lagging the L1 voltage by this angle. */
    double noise_codes;              /**< RMS of white Gaussian noise added to every
                                          channel, in codes, 0..100000 (default 0). */
} msdk_host_grid_t;

/**
 * @brief Read the grid model.
 * @param[out] grid Filled on success.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p grid is NULL.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_get(msdk_host_grid_t *grid);

/**
 * @brief Replace the whole grid model; applies from the next frame.
 * @param[in] grid New model.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG NULL, or a value out of its documented range (nothing
 *                              changed).
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_set(const msdk_host_grid_t *grid);

/**
 * @brief Set the fundamental of one phase (`grid phase <n> v <V> i <A> angle <deg>`).
 * @param[in] phase       1..3.
 * @param[in] v_rms       Voltage RMS in V.
 * @param[in] i_rms       Current RMS in A.
 * @param[in] i_angle_deg Degrees the current lags the voltage.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG Out of range.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_phase_set(uint32_t phase, double v_rms, double i_rms,
                                                   double i_angle_deg);

/**
 * @brief Set the frequency (`grid freq <Hz>`).
 * @param[in] hz 10..100.
 * @retval MSDK_OK              Applied from the next frame, phase-continuous.
 * @retval MSDK_ERR_INVALID_ARG Out of range.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_freq_set(double hz);

/**
 * @brief Add, change or remove a harmonic (`grid harmonic <n> v|i <order> <rel> <deg>`).
 * @param[in] phase     1..3.
 * @param[in] current   false: voltage, true: current.
 * @param[in] order     2..::MSDK_HOST_GRID_MAX_ORDER.
 * @param[in] rel       Relative amplitude 0..1; 0 removes the harmonic.
 * @param[in] phase_deg Phase in degrees, -360..360.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG Out of range.
 * @retval MSDK_ERR_NO_SPACE    All ::MSDK_HOST_GRID_MAX_HARMONICS slots are used.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_harmonic_set(uint32_t phase, bool current, uint32_t order,
                                                      double rel, double phase_deg);

/**
 * @brief Set the noise (`grid noise <codes>`).
 * @param[in] codes RMS in codes, 0..100000.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG Out of range.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_grid_noise_set(double codes);

/**
 * @brief Seed of the noise generator (printed at start; set with --seed).
 * @return The seed.
 */
uint64_t msdk_host_grid_seed(void);

/**
 * @brief AFE frames given to handlers since the board started.
 * @return Frame count.
 */
uint64_t msdk_host_afe_frames(void);

/* ---- Meter I/O ------------------------------------------------------------------- */

/**
 * @brief Set or clear simulated input lines (covers, magnet, buttons).
 * @param[in] mask   OR of ::msdk_io_input_t bits to change.
 * @param[in] active true sets them, false clears them.
 */
void msdk_host_inputs_set(uint32_t mask, bool active);

/**
 * @brief Make the relay fail: while on, its contacts do not move when driven (welded or
 *        stuck open, whichever state they are in); the drive still reports MSDK_OK.
 * @param[in] fail true: fail, false: work normally again.
 */
void msdk_host_relay_fail_set(bool fail);

/**
 * @brief State of the relay's contacts.
 * @return true when closed (supply connected).
 */
bool msdk_host_relay_is_closed(void);

/**
 * @brief State of an LED.
 * @param[in] led LED.
 * @return true when lit; false for an out-of-range @p led.
 */
bool msdk_host_led_is_on(msdk_io_led_t led);

/**
 * @brief Number of times an LED was switched on (pulses) since start.
 * @param[in] led LED.
 * @return Count; 0 for an out-of-range @p led.
 */
uint64_t msdk_host_led_pulses(msdk_io_led_t led);

/**
 * @brief Content of the LCD as last shown.
 * @param[out] frame Filled on success (all fields empty if nothing was shown yet).
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p frame is NULL.
 * @retval MSDK_ERR_STATE       Board not initialized.
 */
MSDK_NODISCARD msdk_err_t msdk_host_lcd_get(msdk_lcd_frame_t *frame);

/**
 * @brief Render an LCD frame as text: "<value> | <code> | <icons>", icons as
 *        space-separated names ("kWh L1 T1 ..."), "-" when there is none.
 * @param[in]  frame LCD content.
 * @param[out] buf   Destination, NUL-terminated (truncated if too small).
 * @param[in]  cap   Size of @p buf.
 * @return Length of the full text (as snprintf).
 */
size_t msdk_host_lcd_format(const msdk_lcd_frame_t *frame, char *buf, size_t cap);

/* ---- Power ----------------------------------------------------------------------- */

/**
 * @brief Simulate an outage (`power fail`): call the registered power-fail handler, then
 *        stop the simulation with exit status ::MSDK_HOST_EXIT_OK.
 */
void msdk_host_power_fail(void);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_HOST_SIM_H */
