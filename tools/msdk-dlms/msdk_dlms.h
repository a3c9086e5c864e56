/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-dlms: declarations shared by the tool's sources (not a library header). */
#ifndef MSDK_DLMS_H
#define MSDK_DLMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "msdk/cosem/client.h"
#include "msdk/cosem/hdlc.h"
#include "msdk/cosem/wrapper.h"

/* Exit status: success, a DLMS error answer, a transport or usage error. */
#define MSDK_DLMS_EXIT_OK        0
#define MSDK_DLMS_EXIT_DLMS      1
#define MSDK_DLMS_EXIT_TRANSPORT 2

/* Largest APDU the tool sends or receives, and its value buffers. */
#define MSDK_DLMS_APDU_MAX    65535u
#define MSDK_DLMS_VALUE_MAX   (1024u * 1024u)
/** Most columns a get-range selects. */
#define MSDK_DLMS_COLUMNS_MAX 8
/* Longest secret (LLS password, HLS 3/4/6 secret) and key-encryption key. */
#define MSDK_DLMS_SECRET_MAX  64
#define MSDK_DLMS_KEK_MAX     32

/* ---- Transport (transport.c) ---------------------------------------------------------------- */

typedef struct msdk_dlms_options {
    const char *tcp;       /* HOST:PORT, or NULL */
    const char *serial;    /* device, or NULL */
    uint16_t logical;      /* HDLC server logical address */
    uint16_t physical;     /* HDLC server physical address */
    bool mode_e;           /* IEC 62056-21 mode E sign-on before HDLC */
    uint16_t client;       /* client SAP */
    uint16_t server_wport; /* wrapper destination wPort */
    uint16_t pdu;          /* client max receive PDU size */
    uint32_t timeout_ms;   /* every read */
    bool verbose;          /* trace the exchanges on stderr */
    bool replay;           /* send the command's request again (replay protection check) */
    uint8_t assoc_ln[6];   /* Association LN object read by list / read-all */
    /* Security (--auth, --password/--secret, --security, keys, --ic, --general). */
    uint8_t mechanism;                    /* MSDK_COSEM_MECH_* */
    bool has_secret;                      /* --password / --secret given */
    uint8_t secret[MSDK_DLMS_SECRET_MAX]; /* LLS password or HLS 3/4/6 secret */
    size_t secret_len;                    /* bytes in secret */
    uint8_t protection;                   /* 0, or MSDK_COSEM_SC_AUTH and/or _ENC */
    uint8_t suite;                        /* security suite of the ciphering: 0 or 1 */
    bool per_request;                     /* --request-security given */
    uint8_t request_protection;           /* of the service requests with per_request */
    bool general;                         /* general-glo/ded-ciphering */
    uint32_t ic;                          /* first invocation counter */
    bool has_system_title, has_ek, has_ak, has_dk, has_sign_key, has_server_pub;
    uint8_t system_title[8];        /* client system title */
    uint8_t ek[16], ak[16], dk[16]; /* global unicast, authentication, dedicated */
    uint8_t kek[MSDK_DLMS_KEK_MAX]; /* key-encryption key of key-transfer */
    size_t kek_len;                 /* 0: none */
    uint8_t sign_key[32];           /* HLS 7: client P-256 private key */
    uint8_t server_pub[65];         /* HLS 7: meter public key 04 || X || Y */
} msdk_dlms_options_t;

typedef struct msdk_dlms_transport {
    int fd;
    bool hdlc;
    const msdk_dlms_options_t *opt;
    msdk_cosem_hdlc_client_t link;
    msdk_cosem_wrapper_stream_t stream;
    uint8_t rx_frame[2048];
    uint8_t tx_frame[2048];
    uint8_t apdu[MSDK_DLMS_APDU_MAX + 8u];
    uint8_t out[MSDK_DLMS_APDU_MAX + 8u];
} msdk_dlms_transport_t;

/* Opens the transport of the options (TCP, or serial with mode E and SNRM); prints why not. */
int msdk_dlms_open(msdk_dlms_transport_t *t, const msdk_dlms_options_t *opt);
/* Sends one request APDU and waits for the response APDU (valid until the next call). */
int msdk_dlms_exchange(msdk_dlms_transport_t *t, const uint8_t *req, size_t n, const uint8_t **resp,
                       size_t *len);
/* Disconnects (DISC on HDLC) and closes. */
void msdk_dlms_close(msdk_dlms_transport_t *t);
/* Monotonic milliseconds. */
uint32_t msdk_dlms_now_ms(void);

/* ---- A-XDR text (dump.c) --------------------------------------------------------------------- */

/* Prints one A-XDR value: indented lines (multi-line) or one line. Returns 0, -1 if malformed. */
int msdk_dlms_dump(FILE *f, const uint8_t *p, size_t n, bool one_line);
/* Encodes TYPE VALUE of the command line as one A-XDR value; -1 with a message on error. */
int msdk_dlms_parse_value(const char *type, const char *text, uint8_t *out, size_t cap,
                          size_t *len);
/* Parses YYYY-MM-DDTHH:MM:SS (UTC) into a 12-byte COSEM date-time. */
int msdk_dlms_parse_datetime(const char *text, uint8_t dt[12]);
/* Parses a.b.c.d.e.f. */
int msdk_dlms_parse_obis(const char *text, uint8_t ln[6]);
/* Parses hex digits (spaces, colons, tabs and line ends ignored) into out; -1 when not hex,
 * an odd number of digits, or longer than cap. */
int msdk_dlms_parse_hex(const char *text, uint8_t *out, size_t cap, size_t *len);
/* Names of protocol results. */
const char *msdk_dlms_dar_name(uint8_t dar);
const char *msdk_dlms_action_name(uint8_t r);
const char *msdk_dlms_diag_name(uint8_t source, uint8_t diag);

/* ---- Commands (commands.c) ------------------------------------------------------------------ */

/* Runs a command (argv[0] is its name) over an open transport; returns the exit status. */
int msdk_dlms_command(msdk_dlms_transport_t *t, const msdk_dlms_options_t *opt, int argc,
                      char **argv);

#endif /* MSDK_DLMS_H */
