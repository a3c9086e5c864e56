/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief ACSE APDUs (AARQ, AARE, RLRQ, RLRE) and the xDLMS InitiateRequest and
 *        InitiateResponse they carry (IEC 62056-5-3, DLMS UA Green Book).
 *
 * The ACSE APDUs are BER encoded (X.690); the xDLMS APDUs inside their
 * user-information field are A-XDR encoded. Decoders and encoders work on
 * plain structs that the caller owns; there is no state between calls.
 *
 * Decoding rules (every decoder):
 * - The input must hold exactly one APDU: a length running past the input
 *   gives ::MSDK_ERR_TRUNCATED, bytes after the APDU give ::MSDK_ERR_MALFORMED.
 *   A nested element whose length runs past its enclosing element is
 *   ::MSDK_ERR_MALFORMED.
 * - BER lengths in short form and in long form with 1 to 4 length bytes are
 *   accepted (non-minimal long forms too, as BER allows); the indefinite
 *   form is ::MSDK_ERR_MALFORMED.
 * - The fields of an APDU must come in increasing tag order, each at most
 *   once (ASN.1 SEQUENCE); a repeated or out-of-order field is malformed.
 *   Unknown context-specific fields are skipped when well formed.
 * - An application context name or mechanism name outside the DLMS UA arcs
 *   (or with an unknown last arc) is not an error: it decodes to
 *   ::MSDK_COSEM_APP_CONTEXT_UNKNOWN or ::MSDK_COSEM_MECH_UNKNOWN so that the
 *   server can answer with the proper AARE diagnostic.
 * - Values the struct cannot hold (an AP title longer than
 *   ::MSDK_COSEM_SYSTEM_TITLE_LEN, an authentication value longer than
 *   ::MSDK_COSEM_AUTH_VALUE_MAX, a dedicated key longer than
 *   ::MSDK_COSEM_DEDICATED_KEY_MAX) are ::MSDK_ERR_MALFORMED.
 * - On any error the output struct is left untouched.
 *
 * Short fields (system titles, authentication values, dedicated keys) are
 * copied into the struct, so they survive the receive buffer. Long or rarely
 * used ones (the called AP title, AE qualifiers with certificates, ciphered
 * user information) are references into the input and live as long as it.
 * A decoded struct can hold secrets (an LLS password, a dedicated key): wipe
 * it (msdk_port_crypto_zeroize()) when done.
 *
 * Encoders append to a ::msdk_wbuf_t. They size the APDU first: on error
 * (::MSDK_ERR_BUFFER_TOO_SMALL, ::MSDK_ERR_INVALID_ARG) nothing is written
 * and the writer does not move. Encoders emit the DLMS field set in the
 * Green Book order; the ACSE protocol-version field is never emitted (its
 * default, version1, is what DLMS uses).
 *
 * Ciphered user information (glo-, ded-, general-glo-, general-ded- or
 * general-ciphering) is not interpreted: the decoder keeps a reference to
 * the raw xDLMS APDU and flags it; the security layer deciphers it and
 * passes the plaintext to msdk_cosem_initiate_req_decode() or
 * msdk_cosem_initiate_resp_decode().
 */
#ifndef MSDK_COSEM_ACSE_H
#define MSDK_COSEM_ACSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Sizes and fixed values ------------------------------------------------------------- */

/** @brief Length of a DLMS system title (the AP title of client and server). */
#define MSDK_COSEM_SYSTEM_TITLE_LEN  8u
/** @brief Longest authentication value kept (LLS password, HLS challenge: 8..64 bytes). */
#define MSDK_COSEM_AUTH_VALUE_MAX    64u
/** @brief Longest dedicated key kept (AES-256 for security suite 2). */
#define MSDK_COSEM_DEDICATED_KEY_MAX 32u
/** @brief The DLMS version number this stack proposes and accepts. */
#define MSDK_COSEM_DLMS_VERSION      6u
/** @brief VAA name of a logical-name association. */
#define MSDK_COSEM_VAA_NAME_LN       0x0007u
/** @brief VAA name of a short-name association. */
#define MSDK_COSEM_VAA_NAME_SN       0xFA00u

/** @brief APDU tag of AARQ ([APPLICATION 0], constructed). */
#define MSDK_COSEM_ACSE_TAG_AARQ                     0x60u
/** @brief APDU tag of AARE ([APPLICATION 1], constructed). */
#define MSDK_COSEM_ACSE_TAG_AARE                     0x61u
/** @brief APDU tag of RLRQ ([APPLICATION 2], constructed). */
#define MSDK_COSEM_ACSE_TAG_RLRQ                     0x62u
/** @brief APDU tag of RLRE ([APPLICATION 3], constructed). */
#define MSDK_COSEM_ACSE_TAG_RLRE                     0x63u
/** @brief xDLMS tag of InitiateRequest. */
#define MSDK_COSEM_XDLMS_TAG_INITIATE_REQ            0x01u
/** @brief xDLMS tag of InitiateResponse. */
#define MSDK_COSEM_XDLMS_TAG_INITIATE_RESP           0x08u
/** @brief xDLMS tag of ConfirmedServiceError. */
#define MSDK_COSEM_XDLMS_TAG_CONFIRMED_SERVICE_ERROR 0x0Eu

/* ---- Conformance block ------------------------------------------------------------------ */

/*
 * The conformance block is a 24-bit BIT STRING; bit n of the ASN.1 type is
 * bit (23 - n) of the uint32_t used here, so that the value reads like the
 * three bytes on the wire (00 7E 1F = 0x007E1F).
 */
/** @brief Conformance bit 1: general-protection. */
#define MSDK_COSEM_CONF_GENERAL_PROTECTION     0x400000u
/** @brief Conformance bit 2: general-block-transfer. */
#define MSDK_COSEM_CONF_GENERAL_BLOCK_TRANSFER 0x200000u
/** @brief Conformance bit 3: read (SN). */
#define MSDK_COSEM_CONF_READ                   0x100000u
/** @brief Conformance bit 4: write (SN). */
#define MSDK_COSEM_CONF_WRITE                  0x080000u
/** @brief Conformance bit 5: unconfirmed-write (SN). */
#define MSDK_COSEM_CONF_UNCONFIRMED_WRITE      0x040000u
/** @brief Conformance bit 6: delta-value-encoding (reserved in older editions). */
#define MSDK_COSEM_CONF_DELTA_VALUE_ENCODING   0x020000u
/** @brief Conformance bit 8: attribute0-supported-with-set. */
#define MSDK_COSEM_CONF_ATTRIBUTE0_WITH_SET    0x008000u
/** @brief Conformance bit 9: priority-mgmt-supported. */
#define MSDK_COSEM_CONF_PRIORITY_MGMT          0x004000u
/** @brief Conformance bit 10: attribute0-supported-with-get. */
#define MSDK_COSEM_CONF_ATTRIBUTE0_WITH_GET    0x002000u
/** @brief Conformance bit 11: block-transfer-with-get-or-read. */
#define MSDK_COSEM_CONF_BLOCK_TRANSFER_GET     0x001000u
/** @brief Conformance bit 12: block-transfer-with-set-or-write. */
#define MSDK_COSEM_CONF_BLOCK_TRANSFER_SET     0x000800u
/** @brief Conformance bit 13: block-transfer-with-action. */
#define MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION  0x000400u
/** @brief Conformance bit 14: multiple-references. */
#define MSDK_COSEM_CONF_MULTIPLE_REFERENCES    0x000200u
/** @brief Conformance bit 15: information-report (SN). */
#define MSDK_COSEM_CONF_INFORMATION_REPORT     0x000100u
/** @brief Conformance bit 16: data-notification. */
#define MSDK_COSEM_CONF_DATA_NOTIFICATION      0x000080u
/** @brief Conformance bit 17: access. */
#define MSDK_COSEM_CONF_ACCESS                 0x000040u
/** @brief Conformance bit 18: parameterized-access (SN). */
#define MSDK_COSEM_CONF_PARAMETERIZED_ACCESS   0x000020u
/** @brief Conformance bit 19: get. */
#define MSDK_COSEM_CONF_GET                    0x000010u
/** @brief Conformance bit 20: set. */
#define MSDK_COSEM_CONF_SET                    0x000008u
/** @brief Conformance bit 21: selective-access. */
#define MSDK_COSEM_CONF_SELECTIVE_ACCESS       0x000004u
/** @brief Conformance bit 22: event-notification. */
#define MSDK_COSEM_CONF_EVENT_NOTIFICATION     0x000002u
/** @brief Conformance bit 23: action. */
#define MSDK_COSEM_CONF_ACTION                 0x000001u
/** @brief Every bit of the 24-bit conformance block. */
#define MSDK_COSEM_CONF_MASK                   0xFFFFFFu

/* ---- Enumerations (protocol values) ----------------------------------------------------- */

/** @brief Application context name: last arc of 2.16.756.5.8.1.x. */
typedef enum msdk_cosem_app_context {
    MSDK_COSEM_APP_CONTEXT_UNKNOWN = 0,     /**< Any other OID (decode only). */
    MSDK_COSEM_APP_CONTEXT_LN = 1,          /**< Logical name referencing, no ciphering. */
    MSDK_COSEM_APP_CONTEXT_SN = 2,          /**< Short name referencing, no ciphering. */
    MSDK_COSEM_APP_CONTEXT_LN_CIPHERED = 3, /**< Logical name referencing with ciphering. */
    MSDK_COSEM_APP_CONTEXT_SN_CIPHERED = 4, /**< Short name referencing with ciphering. */
} msdk_cosem_app_context_t;

/** @brief Authentication mechanism name: last arc of 2.16.756.5.8.2.x. */
typedef enum msdk_cosem_mechanism {
    MSDK_COSEM_MECH_LOWEST = 0,     /**< No authentication. */
    MSDK_COSEM_MECH_LLS = 1,        /**< Low level security (password). */
    MSDK_COSEM_MECH_HLS = 2,        /**< High level security, manufacturer specific. */
    MSDK_COSEM_MECH_HLS_MD5 = 3,    /**< HLS with MD5. */
    MSDK_COSEM_MECH_HLS_SHA1 = 4,   /**< HLS with SHA-1. */
    MSDK_COSEM_MECH_HLS_GMAC = 5,   /**< HLS with GMAC. */
    MSDK_COSEM_MECH_HLS_SHA256 = 6, /**< HLS with SHA-256. */
    MSDK_COSEM_MECH_HLS_ECDSA = 7,  /**< HLS with ECDSA. */
    MSDK_COSEM_MECH_UNKNOWN = 0xFF, /**< Any other OID (decode only). */
} msdk_cosem_mechanism_t;

/** @brief AARE result (Association-result). */
typedef enum msdk_cosem_assoc_result {
    MSDK_COSEM_ASSOC_ACCEPTED = 0,           /**< accepted */
    MSDK_COSEM_ASSOC_REJECTED_PERMANENT = 1, /**< rejected-permanent */
    MSDK_COSEM_ASSOC_REJECTED_TRANSIENT = 2, /**< rejected-transient */
} msdk_cosem_assoc_result_t;

/** @brief Which CHOICE of Associate-source-diagnostic the AARE carries. */
typedef enum msdk_cosem_diag_source {
    MSDK_COSEM_DIAG_SOURCE_USER = 1,     /**< acse-service-user [1] */
    MSDK_COSEM_DIAG_SOURCE_PROVIDER = 2, /**< acse-service-provider [2] */
} msdk_cosem_diag_source_t;

/** @brief acse-service-user diagnostic values. */
typedef enum msdk_cosem_diag_user {
    MSDK_COSEM_DIAG_USER_NULL = 0,      /**< null */
    MSDK_COSEM_DIAG_USER_NO_REASON = 1, /**< no-reason-given */
    MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED =
        2,                                          /**< application-context-name-not-supported */
    MSDK_COSEM_DIAG_USER_CALLING_AP_TITLE = 3,      /**< calling-AP-title-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLING_AP_INVOCATION = 4, /**< calling-AP-invocation-id-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLING_AE_QUALIFIER = 5,  /**< calling-AE-qualifier-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLING_AE_INVOCATION = 6, /**< calling-AE-invocation-id-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLED_AP_TITLE = 7,       /**< called-AP-title-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLED_AP_INVOCATION = 8,  /**< called-AP-invocation-id-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLED_AE_QUALIFIER = 9,   /**< called-AE-qualifier-not-recognized */
    MSDK_COSEM_DIAG_USER_CALLED_AE_INVOCATION = 10, /**< called-AE-invocation-id-not-recognized */
    MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED =
        11, /**< authentication-mechanism-name-not-recognised */
    MSDK_COSEM_DIAG_USER_MECHANISM_REQUIRED = 12,     /**< authentication-mechanism-name-required */
    MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE = 13, /**< authentication-failure */
    MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED = 14, /**< authentication-required */
} msdk_cosem_diag_user_t;

/** @brief acse-service-provider diagnostic values. */
typedef enum msdk_cosem_diag_provider {
    MSDK_COSEM_DIAG_PROVIDER_NULL = 0,                   /**< null */
    MSDK_COSEM_DIAG_PROVIDER_NO_REASON = 1,              /**< no-reason-given */
    MSDK_COSEM_DIAG_PROVIDER_NO_COMMON_ACSE_VERSION = 2, /**< no-common-acse-version */
} msdk_cosem_diag_provider_t;

/** @brief Release-request-reason (RLRQ). */
typedef enum msdk_cosem_rlrq_reason {
    MSDK_COSEM_RLRQ_NORMAL = 0,        /**< normal */
    MSDK_COSEM_RLRQ_URGENT = 1,        /**< urgent */
    MSDK_COSEM_RLRQ_USER_DEFINED = 30, /**< user-defined */
} msdk_cosem_rlrq_reason_t;

/** @brief Release-response-reason (RLRE). */
typedef enum msdk_cosem_rlre_reason {
    MSDK_COSEM_RLRE_NORMAL = 0,        /**< normal */
    MSDK_COSEM_RLRE_NOT_FINISHED = 1,  /**< not-finished */
    MSDK_COSEM_RLRE_USER_DEFINED = 30, /**< user-defined */
} msdk_cosem_rlre_reason_t;

/** @brief ConfirmedServiceError CHOICE used in an AARE: initiateError [1]. */
#define MSDK_COSEM_CSE_INITIATE_ERROR 1u

/** @brief ServiceError CHOICE (the kind of error). */
typedef enum msdk_cosem_service_error_type {
    MSDK_COSEM_SERR_APPLICATION_REFERENCE = 0, /**< application-reference */
    MSDK_COSEM_SERR_HARDWARE_RESOURCE = 1,     /**< hardware-resource */
    MSDK_COSEM_SERR_VDE_STATE_ERROR = 2,       /**< vde-state-error */
    MSDK_COSEM_SERR_SERVICE = 3,               /**< service */
    MSDK_COSEM_SERR_DEFINITION = 4,            /**< definition */
    MSDK_COSEM_SERR_ACCESS = 5,                /**< access */
    MSDK_COSEM_SERR_INITIATE = 6,              /**< initiate */
    MSDK_COSEM_SERR_LOAD_DATA_SET = 7,         /**< load-data-set */
    MSDK_COSEM_SERR_CHANGE_SCOPE = 8,          /**< change-scope (reserved) */
    MSDK_COSEM_SERR_TASK = 9,                  /**< task */
    MSDK_COSEM_SERR_OTHER = 10,                /**< other */
} msdk_cosem_service_error_type_t;

/** @brief Values of ServiceError initiate [6]. */
typedef enum msdk_cosem_initiate_error {
    MSDK_COSEM_INIT_ERR_OTHER = 0,                    /**< other */
    MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW = 1,     /**< dlms-version-too-low */
    MSDK_COSEM_INIT_ERR_INCOMPATIBLE_CONFORMANCE = 2, /**< incompatible-conformance */
    MSDK_COSEM_INIT_ERR_PDU_SIZE_TOO_SHORT = 3,       /**< pdu-size-too-short */
    MSDK_COSEM_INIT_ERR_REFUSED_BY_VDE_HANDLER = 4,   /**< refused-by-the-VDE-Handler */
} msdk_cosem_initiate_error_t;

/** @brief What the user-information field of an ACSE APDU holds. */
typedef enum msdk_cosem_user_info_kind {
    MSDK_COSEM_UI_NONE = 0,              /**< Field absent. */
    MSDK_COSEM_UI_INITIATE_REQUEST = 1,  /**< Plain InitiateRequest (AARQ, RLRQ). */
    MSDK_COSEM_UI_INITIATE_RESPONSE = 2, /**< Plain InitiateResponse (AARE, RLRE). */
    MSDK_COSEM_UI_SERVICE_ERROR = 3,     /**< Plain ConfirmedServiceError (AARE). */
    MSDK_COSEM_UI_CIPHERED = 4,          /**< Ciphered xDLMS APDU, kept raw. */
} msdk_cosem_user_info_kind_t;

/* ---- xDLMS structures ------------------------------------------------------------------- */

/** @brief xDLMS InitiateRequest. */
typedef struct msdk_cosem_initiate_req {
    uint8_t dedicated_key[MSDK_COSEM_DEDICATED_KEY_MAX]; /**< Dedicated key (secret). */
    uint8_t dedicated_key_len; /**< Bytes in @c dedicated_key; 0 = field absent. */
    bool response_allowed;     /**< response-allowed (default TRUE). */
    bool qos_present;          /**< proposed-quality-of-service is present. */
    int8_t qos;                /**< proposed-quality-of-service (Integer8). */
    uint8_t dlms_version;      /**< proposed-dlms-version-number (6). */
    uint32_t conformance;      /**< proposed-conformance, MSDK_COSEM_CONF_* bits. */
    uint16_t max_pdu_size;     /**< client-max-receive-pdu-size. */
} msdk_cosem_initiate_req_t;

/** @brief xDLMS InitiateResponse. */
typedef struct msdk_cosem_initiate_resp {
    bool qos_present;      /**< negotiated-quality-of-service is present. */
    int8_t qos;            /**< negotiated-quality-of-service (Integer8). */
    uint8_t dlms_version;  /**< negotiated-dlms-version-number (6). */
    uint32_t conformance;  /**< negotiated-conformance, MSDK_COSEM_CONF_* bits. */
    uint16_t max_pdu_size; /**< server-max-receive-pdu-size. */
    uint16_t vaa_name;     /**< vaa-name (::MSDK_COSEM_VAA_NAME_LN for LN). */
} msdk_cosem_initiate_resp_t;

/** @brief xDLMS ConfirmedServiceError (`0E choice type value`). */
typedef struct msdk_cosem_service_error {
    uint8_t service; /**< ConfirmedServiceError CHOICE (::MSDK_COSEM_CSE_INITIATE_ERROR). */
    uint8_t type;    /**< ServiceError CHOICE, a ::msdk_cosem_service_error_type_t. */
    uint8_t value;   /**< The ENUMERATED value, e.g. a ::msdk_cosem_initiate_error_t. */
} msdk_cosem_service_error_t;

/**
 * @brief The user-information field of an ACSE APDU.
 *
 * Only the member that @c kind names is meaningful. @c raw always points at
 * the whole xDLMS APDU (starting with its tag) when the field is present in
 * a decoded APDU; an encoder reads it only for ::MSDK_COSEM_UI_CIPHERED.
 */
typedef struct msdk_cosem_user_info {
    uint8_t kind;                             /**< A ::msdk_cosem_user_info_kind_t. */
    uint8_t tag;                              /**< First byte of the xDLMS APDU (0x21, 0xDB...). */
    const uint8_t *raw;                       /**< The xDLMS APDU; reference, not a copy. */
    size_t raw_len;                           /**< Bytes at @c raw. */
    msdk_cosem_initiate_req_t request;        /**< For ::MSDK_COSEM_UI_INITIATE_REQUEST. */
    msdk_cosem_initiate_resp_t response;      /**< For ::MSDK_COSEM_UI_INITIATE_RESPONSE. */
    msdk_cosem_service_error_t service_error; /**< For ::MSDK_COSEM_UI_SERVICE_ERROR. */
} msdk_cosem_user_info_t;

/* ---- ACSE structures -------------------------------------------------------------------- */

/** @brief AARQ (association request, client to server). */
typedef struct msdk_cosem_aarq {
    bool acse_version1;             /**< Decoded: protocol-version absent or with version1 set. */
    uint8_t app_context;            /**< A ::msdk_cosem_app_context_t. */
    const uint8_t *called_ap_title; /**< called-AP-title octets (reference) or NULL. */
    size_t called_ap_title_len;     /**< Bytes at @c called_ap_title. */
    uint8_t calling_ap_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< Client system title. */
    uint8_t calling_ap_title_len;        /**< Bytes in @c calling_ap_title; 0 = absent. */
    const uint8_t *calling_ae_qualifier; /**< calling-AE-qualifier octets (reference) or NULL. */
    size_t calling_ae_qualifier_len;     /**< Bytes at @c calling_ae_qualifier. */
    bool
        calling_ae_invocation_id_present; /**< calling-AE-invocation-id (client user id) present. */
    uint32_t calling_ae_invocation_id;    /**< calling-AE-invocation-id, 0..2^31-1. */
    bool auth_required;      /**< sender-acse-requirements with the authentication bit. */
    bool mechanism_present;  /**< mechanism-name present. */
    uint8_t mechanism;       /**< A ::msdk_cosem_mechanism_t. */
    bool auth_value_present; /**< calling-authentication-value present. */
    uint8_t auth_value_len;  /**< Bytes in @c auth_value. */
    uint8_t auth_value[MSDK_COSEM_AUTH_VALUE_MAX]; /**< Password or CtoS challenge (secret). */
    msdk_cosem_user_info_t user_info;              /**< InitiateRequest, plain or ciphered. */
} msdk_cosem_aarq_t;

/** @brief AARE (association response, server to client). */
typedef struct msdk_cosem_aare {
    bool acse_version1;  /**< Decoded: protocol-version absent or with version1 set. */
    uint8_t app_context; /**< A ::msdk_cosem_app_context_t. */
    uint8_t result;      /**< A ::msdk_cosem_assoc_result_t. */
    uint8_t diag_source; /**< A ::msdk_cosem_diag_source_t. */
    uint8_t diag;        /**< ::msdk_cosem_diag_user_t or ::msdk_cosem_diag_provider_t. */
    uint8_t responding_ap_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< Server system title. */
    uint8_t responding_ap_title_len;        /**< Bytes in @c responding_ap_title; 0 = absent. */
    const uint8_t *responding_ae_qualifier; /**< responding-AE-qualifier octets or NULL. */
    size_t responding_ae_qualifier_len;     /**< Bytes at @c responding_ae_qualifier. */
    bool auth_required;      /**< responder-acse-requirements with the authentication bit. */
    bool mechanism_present;  /**< mechanism-name present. */
    uint8_t mechanism;       /**< A ::msdk_cosem_mechanism_t. */
    bool auth_value_present; /**< responding-authentication-value present. */
    uint8_t auth_value_len;  /**< Bytes in @c auth_value. */
    uint8_t auth_value[MSDK_COSEM_AUTH_VALUE_MAX]; /**< StoC challenge. */
    msdk_cosem_user_info_t user_info; /**< InitiateResponse, ConfirmedServiceError or ciphered. */
} msdk_cosem_aare_t;

/** @brief RLRQ or RLRE (release request or response). */
typedef struct msdk_cosem_release {
    bool reason_present; /**< reason present. */
    uint8_t reason;      /**< ::msdk_cosem_rlrq_reason_t or ::msdk_cosem_rlre_reason_t. */
    msdk_cosem_user_info_t user_info; /**< InitiateRequest (RLRQ) / Response (RLRE), or ciphered. */
} msdk_cosem_release_t;

/** @brief What a server offers, for msdk_cosem_initiate_negotiate(). */
typedef struct msdk_cosem_initiate_caps {
    uint32_t conformance;    /**< Conformance bits the server supports. */
    uint16_t max_pdu_size;   /**< server-max-receive-pdu-size. */
    uint16_t min_client_pdu; /**< Smallest client-max-receive-pdu-size accepted. */
    uint16_t vaa_name;       /**< VAA name to answer with. */
} msdk_cosem_initiate_caps_t;

/* ---- xDLMS Initiate --------------------------------------------------------------------- */

/**
 * @brief Decodes a plain xDLMS InitiateRequest (`01 ...`).
 * @param[in]  p   The APDU, exactly.
 * @param[in]  len Bytes at @p p.
 * @param[out] req The request; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, bad OPTIONAL flag, a dedicated key longer than
 *                              ::MSDK_COSEM_DEDICATED_KEY_MAX or empty, a bad conformance
 *                              header, or bytes after the APDU.
 * @retval MSDK_ERR_INVALID_ARG @p req is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_req_decode(const uint8_t *p, size_t len,
                                                         msdk_cosem_initiate_req_t *req);

/**
 * @brief Appends a plain xDLMS InitiateRequest.
 * @param[in]     req The request.
 * @param[in,out] wb  Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument, @c dedicated_key_len above
 *                                   ::MSDK_COSEM_DEDICATED_KEY_MAX, or conformance bits
 *                                   outside ::MSDK_COSEM_CONF_MASK.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_req_encode(const msdk_cosem_initiate_req_t *req,
                                                         msdk_wbuf_t *wb);

/**
 * @brief Decodes a plain xDLMS InitiateResponse (`08 ...`).
 * @param[in]  p    The APDU, exactly.
 * @param[in]  len  Bytes at @p p.
 * @param[out] resp The response; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, bad OPTIONAL flag, bad conformance header, or
 *                              bytes after the APDU.
 * @retval MSDK_ERR_INVALID_ARG @p resp is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_resp_decode(const uint8_t *p, size_t len,
                                                          msdk_cosem_initiate_resp_t *resp);

/**
 * @brief Appends a plain xDLMS InitiateResponse.
 * @param[in]     resp The response.
 * @param[in,out] wb   Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or conformance bits outside
 *                                   ::MSDK_COSEM_CONF_MASK.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_resp_encode(const msdk_cosem_initiate_resp_t *resp,
                                                          msdk_wbuf_t *wb);

/**
 * @brief Server side: checks an InitiateRequest against the server's offer.
 *
 * The checks run in this order: a DLMS version below 6 gives
 * ::MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW; a client PDU size below
 * @c caps->min_client_pdu gives ::MSDK_COSEM_INIT_ERR_PDU_SIZE_TOO_SHORT; no
 * common conformance bit gives ::MSDK_COSEM_INIT_ERR_INCOMPATIBLE_CONFORMANCE.
 * Otherwise the answer is an InitiateResponse with version 6, the common
 * conformance bits, the server's PDU size and VAA name, and no QoS. Policy
 * checks beyond these (a dedicated key without ciphering, ...) belong to the
 * association.
 *
 * @param[in]  req  The client's request.
 * @param[in]  caps The server's offer.
 * @param[out] ui   The user information of the AARE: @c kind is
 *                  ::MSDK_COSEM_UI_INITIATE_RESPONSE (accept the association) or
 *                  ::MSDK_COSEM_UI_SERVICE_ERROR (an initiateError: reject it with
 *                  rejected-permanent, acse-service-user no-reason-given); the other
 *                  members are zero. Untouched on error.
 * @retval MSDK_OK              @p ui filled.
 * @retval MSDK_ERR_INVALID_ARG A NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_negotiate(const msdk_cosem_initiate_req_t *req,
                                                        const msdk_cosem_initiate_caps_t *caps,
                                                        msdk_cosem_user_info_t *ui);

/* ---- AARQ / AARE ------------------------------------------------------------------------ */

/**
 * @brief Decodes an AARQ (server side).
 *
 * The user information must be a plain InitiateRequest (decoded into
 * @c user_info.request) or a ciphered initiate request (tags 0x21, 0x41, 0xDB, 0xDC, 0xDD;
 * kept raw with @c user_info.kind ::MSDK_COSEM_UI_CIPHERED).
 *
 * @param[in]  p    The APDU, exactly.
 * @param[in]  len  Bytes at @p p.
 * @param[out] aarq The request; untouched on error. References point into @p p.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED     A BER violation (tag, length, order, duplicate), a field
 *                                of the wrong form, an AP title above 8 bytes, an
 *                                authentication value above 64 bytes, a malformed
 *                                InitiateRequest, or bytes after the APDU.
 * @retval MSDK_ERR_NOT_SUPPORTED An authentication value that is not a GraphicString
 *                                ([0]), or user information that is not an initiate request.
 * @retval MSDK_ERR_INVALID_ARG   @p aarq is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_aarq_decode(const uint8_t *p, size_t len,
                                                 msdk_cosem_aarq_t *aarq);

/**
 * @brief Appends an AARQ (client side).
 *
 * Emits, in order: application-context-name, called-AP-title (if not NULL),
 * calling-AP-title (if its length is not 0), calling-AE-qualifier (if not
 * NULL), calling-AE-invocation-id (if present), sender-acse-requirements (if
 * @c auth_required), mechanism-name (if present), calling-authentication-value
 * (if present) and user-information (unless ::MSDK_COSEM_UI_NONE). For
 * ::MSDK_COSEM_UI_CIPHERED the raw bytes are copied as they are.
 *
 * @param[in]     aarq The request.
 * @param[in,out] wb   Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or a field out of range (context 0 or
 *                                   above 4, mechanism above 7, lengths above their
 *                                   maximum, user information of a kind an AARQ cannot
 *                                   carry, an APDU above 65535 bytes).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_aarq_encode(const msdk_cosem_aarq_t *aarq, msdk_wbuf_t *wb);

/**
 * @brief Decodes an AARE (client side).
 *
 * The user information may be a plain InitiateResponse, a plain
 * ConfirmedServiceError, or a ciphered one (tags 0x28, 0x2E, 0x48, 0x4E, 0xDB,
 * 0xDC, 0xDD). result and result-source-diagnostic are mandatory.
 *
 * @param[in]  p    The APDU, exactly.
 * @param[in]  len  Bytes at @p p.
 * @param[out] aare The response; untouched on error. References point into @p p.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED     A BER violation, a missing mandatory field, a result
 *                                above 2, a diagnostic above 255, an AP title above
 *                                8 bytes, an authentication value above 64 bytes, bad
 *                                xDLMS content, or bytes after the APDU.
 * @retval MSDK_ERR_NOT_SUPPORTED An authentication value that is not a GraphicString,
 *                                or user information of another kind.
 * @retval MSDK_ERR_INVALID_ARG   @p aare is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_aare_decode(const uint8_t *p, size_t len,
                                                 msdk_cosem_aare_t *aare);

/**
 * @brief Appends an AARE (server side).
 *
 * Emits, in order: application-context-name, result,
 * result-source-diagnostic, responding-AP-title (if its length is not 0),
 * responding-AE-qualifier (if not NULL), responder-acse-requirements (if
 * @c auth_required), mechanism-name (if present),
 * responding-authentication-value (if present) and user-information (unless
 * ::MSDK_COSEM_UI_NONE).
 *
 * @param[in]     aare The response.
 * @param[in,out] wb   Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or a field out of range (context,
 *                                   result above 2, diagnostic source not 1 or 2,
 *                                   mechanism, lengths, user information kind).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_aare_encode(const msdk_cosem_aare_t *aare, msdk_wbuf_t *wb);

/**
 * @brief Fills an AARE for a rejected association (server side).
 *
 * Sets every field to its empty value, then the application context, the
 * result, the diagnostic and, when @p serr is not NULL, a ConfirmedServiceError
 * as user information (xDLMS initiate errors: result rejected-permanent,
 * acse-service-user no-reason-given). Add a responding AP title afterwards if
 * the profile wants one.
 *
 * @param[out] aare        The AARE to fill.
 * @param[in]  app_context Application context to answer with (normally the client's if
 *                         known, else ::MSDK_COSEM_APP_CONTEXT_LN).
 * @param[in]  result      ::MSDK_COSEM_ASSOC_REJECTED_PERMANENT or _TRANSIENT.
 * @param[in]  diag_source A ::msdk_cosem_diag_source_t.
 * @param[in]  diag        The diagnostic value.
 * @param[in]  serr        ConfirmedServiceError to carry, or NULL for none.
 * @retval MSDK_OK              Filled.
 * @retval MSDK_ERR_INVALID_ARG @p aare is NULL, @p app_context is not 1..4, @p result is
 *                              not a rejection, or @p diag_source is not 1 or 2.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_aare_reject(msdk_cosem_aare_t *aare, uint8_t app_context,
                                                 uint8_t result, uint8_t diag_source, uint8_t diag,
                                                 const msdk_cosem_service_error_t *serr);

/* ---- RLRQ / RLRE ------------------------------------------------------------------------ */

/**
 * @brief Decodes an RLRQ.
 *
 * The user information, when present, must be a plain InitiateRequest or a
 * ciphered initiate request (kept raw).
 *
 * @param[in]  p   The APDU, exactly.
 * @param[in]  len Bytes at @p p.
 * @param[out] rel The request; untouched on error.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED     A BER violation, a reason outside 0..255, bad xDLMS
 *                                content, or bytes after the APDU.
 * @retval MSDK_ERR_NOT_SUPPORTED User information of another kind.
 * @retval MSDK_ERR_INVALID_ARG   @p rel is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_rlrq_decode(const uint8_t *p, size_t len,
                                                 msdk_cosem_release_t *rel);

/**
 * @brief Appends an RLRQ: reason (if present) and user information (unless none).
 * @param[in]     rel The request.
 * @param[in,out] wb  Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or user information an RLRQ cannot carry.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_rlrq_encode(const msdk_cosem_release_t *rel, msdk_wbuf_t *wb);

/**
 * @brief Decodes an RLRE.
 *
 * The user information, when present, must be a plain InitiateResponse or a
 * ciphered one (kept raw).
 *
 * @param[in]  p   The APDU, exactly.
 * @param[in]  len Bytes at @p p.
 * @param[out] rel The response; untouched on error.
 * @retval MSDK_OK                Decoded.
 * @retval MSDK_ERR_TRUNCATED     The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED     A BER violation, a reason outside 0..255, bad xDLMS
 *                                content, or bytes after the APDU.
 * @retval MSDK_ERR_NOT_SUPPORTED User information of another kind.
 * @retval MSDK_ERR_INVALID_ARG   @p rel is NULL, or @p p is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_rlre_decode(const uint8_t *p, size_t len,
                                                 msdk_cosem_release_t *rel);

/**
 * @brief Appends an RLRE: reason (if present) and user information (unless none).
 * @param[in]     rel The response.
 * @param[in,out] wb  Writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or user information an RLRE cannot carry.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_rlre_encode(const msdk_cosem_release_t *rel, msdk_wbuf_t *wb);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_ACSE_H */
