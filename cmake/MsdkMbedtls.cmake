# SPDX-License-Identifier: Apache-2.0
# mbedTLS 3.6 LTS, compiled by our own rules into libmbedcrypto.a
# (target msdk_mbedcrypto, alias msdk::mbedcrypto) with the one configuration
# header ports/common/mbedtls_config.h for every target. mbedTLS's own
# CMakeLists.txt is not used: only the library/*.c files that configuration
# needs are listed below.
#
# Where the source comes from, first match wins:
#   1. -DMSDK_MBEDTLS_SOURCE_DIR=<dir>   an unpacked mbedtls-3.6.6 tree
#   2. <repo>/.deps/mbedtls-3.6.6        what scripts/fetch-mbedtls.sh puts there
#   3. the official release archive, downloaded at configure time and
#      checked against its SHA-256 (FetchContent)

set(MSDK_MBEDTLS_VERSION 3.6.6)
set(MSDK_MBEDTLS_URL
    "https://github.com/Mbed-TLS/mbedtls/releases/download/mbedtls-${MSDK_MBEDTLS_VERSION}/mbedtls-${MSDK_MBEDTLS_VERSION}.tar.bz2")
# SHA-256 of the release archive; it is byte-for-byte the upstream tarball
# Debian ships in its source package as mbedtls_3.6.6.orig.tar.bz2.
set(MSDK_MBEDTLS_SHA256 8fb65fae8dcae5840f793c0a334860a411f884cc537ea290ce1c52bb64ca007a)

set(MSDK_MBEDTLS_SOURCE_DIR "" CACHE PATH
    "Unpacked mbedTLS ${MSDK_MBEDTLS_VERSION} source tree (empty: .deps/ or download)")

set(_msdk_mbedtls_deps_dir "${PROJECT_SOURCE_DIR}/.deps/mbedtls-${MSDK_MBEDTLS_VERSION}")
set(_msdk_mbedtls_hint
    "Run scripts/fetch-mbedtls.sh (it puts the source in .deps/mbedtls-${MSDK_MBEDTLS_VERSION}, "
    "from the release URL or from Debian's source package), or pass "
    "-DMSDK_MBEDTLS_SOURCE_DIR=<unpacked mbedtls-${MSDK_MBEDTLS_VERSION}>.")
string(CONCAT _msdk_mbedtls_hint ${_msdk_mbedtls_hint})

if(MSDK_MBEDTLS_SOURCE_DIR)
  if(NOT EXISTS "${MSDK_MBEDTLS_SOURCE_DIR}/include/mbedtls/build_info.h")
    message(FATAL_ERROR
      "MSDK_MBEDTLS_SOURCE_DIR='${MSDK_MBEDTLS_SOURCE_DIR}' is not an mbedTLS source tree "
      "(include/mbedtls/build_info.h is missing). Point it at an unpacked "
      "mbedtls-${MSDK_MBEDTLS_VERSION} release, or clear it to use .deps/ or the download.")
  endif()
  set(_msdk_mbedtls_src "${MSDK_MBEDTLS_SOURCE_DIR}")
  set(_msdk_mbedtls_origin "MSDK_MBEDTLS_SOURCE_DIR")
elseif(EXISTS "${_msdk_mbedtls_deps_dir}/include/mbedtls/build_info.h")
  set(_msdk_mbedtls_src "${_msdk_mbedtls_deps_dir}")
  set(_msdk_mbedtls_origin ".deps (scripts/fetch-mbedtls.sh)")
else()
  # The download is done here rather than inside FetchContent so that a
  # failure ends with a message that says what to do instead of a failed
  # sub-build. FetchContent then checks the hash again and unpacks.
  include(FetchContent)
  set(_msdk_mbedtls_archive
      "${FETCHCONTENT_BASE_DIR}/mbedtls-${MSDK_MBEDTLS_VERSION}.tar.bz2")
  set(_msdk_mbedtls_have_archive FALSE)
  if(EXISTS "${_msdk_mbedtls_archive}")
    file(SHA256 "${_msdk_mbedtls_archive}" _msdk_mbedtls_hash)
    if(_msdk_mbedtls_hash STREQUAL MSDK_MBEDTLS_SHA256)
      set(_msdk_mbedtls_have_archive TRUE)
    endif()
  endif()
  if(NOT _msdk_mbedtls_have_archive)
    message(STATUS "mbedTLS: downloading ${MSDK_MBEDTLS_URL}")
    file(DOWNLOAD "${MSDK_MBEDTLS_URL}" "${_msdk_mbedtls_archive}.part"
         STATUS _msdk_mbedtls_status INACTIVITY_TIMEOUT 60 TLS_VERIFY ON)
    list(GET _msdk_mbedtls_status 0 _msdk_mbedtls_code)
    list(GET _msdk_mbedtls_status 1 _msdk_mbedtls_msg)
    if(NOT _msdk_mbedtls_code EQUAL 0)
      file(REMOVE "${_msdk_mbedtls_archive}.part")
      message(FATAL_ERROR
        "mbedTLS ${MSDK_MBEDTLS_VERSION}: the download of ${MSDK_MBEDTLS_URL} failed "
        "(${_msdk_mbedtls_msg}). ${_msdk_mbedtls_hint}")
    endif()
    file(SHA256 "${_msdk_mbedtls_archive}.part" _msdk_mbedtls_hash)
    if(NOT _msdk_mbedtls_hash STREQUAL MSDK_MBEDTLS_SHA256)
      file(REMOVE "${_msdk_mbedtls_archive}.part")
      message(FATAL_ERROR
        "mbedTLS ${MSDK_MBEDTLS_VERSION}: ${MSDK_MBEDTLS_URL} has SHA-256 ${_msdk_mbedtls_hash}, "
        "expected ${MSDK_MBEDTLS_SHA256}. ${_msdk_mbedtls_hint}")
    endif()
    file(RENAME "${_msdk_mbedtls_archive}.part" "${_msdk_mbedtls_archive}")
  endif()
  # SOURCE_SUBDIR names a folder without CMakeLists.txt: FetchContent only
  # unpacks, it does not add mbedTLS's own build.
  FetchContent_Declare(msdk_mbedtls
    URL "${_msdk_mbedtls_archive}"
    URL_HASH SHA256=${MSDK_MBEDTLS_SHA256}
    DOWNLOAD_EXTRACT_TIMESTAMP TRUE
    SOURCE_SUBDIR msdk-no-cmake)
  FetchContent_MakeAvailable(msdk_mbedtls)
  set(_msdk_mbedtls_src "${msdk_mbedtls_SOURCE_DIR}")
  set(_msdk_mbedtls_origin "release archive ${MSDK_MBEDTLS_URL}")
  if(NOT EXISTS "${_msdk_mbedtls_src}/include/mbedtls/build_info.h")
    message(FATAL_ERROR "mbedTLS: ${_msdk_mbedtls_archive} did not unpack to a source tree. "
                        "${_msdk_mbedtls_hint}")
  endif()
endif()

# Same version as pinned? (A source dir given by hand may be another one.)
file(STRINGS "${_msdk_mbedtls_src}/include/mbedtls/build_info.h" _msdk_mbedtls_ver_line
     REGEX "^#define MBEDTLS_VERSION_STRING +\"[0-9.]+\"")
string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" _msdk_mbedtls_found_version "${_msdk_mbedtls_ver_line}")
if(NOT _msdk_mbedtls_found_version STREQUAL MSDK_MBEDTLS_VERSION)
  message(WARNING "mbedTLS: ${_msdk_mbedtls_src} is version '${_msdk_mbedtls_found_version}', "
                  "the SDK is tested with ${MSDK_MBEDTLS_VERSION}")
endif()
message(STATUS "mbedTLS ${_msdk_mbedtls_found_version}: ${_msdk_mbedtls_src} (from ${_msdk_mbedtls_origin})")

# Exactly the modules ports/common/mbedtls_config.h enables.
set(_msdk_mbedtls_modules
  aes                   # AES block cipher (ROM tables)
  asn1parse asn1write   # required by ECDSA_C
  bignum bignum_core    # MPI for ECP
  cipher cipher_wrap    # generic cipher layer used by GCM, CMAC, NIST_KW
  cmac                  # AES-CMAC
  constant_time         # constant-time compare / copy
  ctr_drbg              # CTR_DRBG
  ecdsa                 # ECDSA (deterministic, RFC 6979)
  ecp ecp_curves        # elliptic curves (P-256 only)
  gcm                   # AES-GCM / GMAC
  hmac_drbg             # RFC 6979 nonce generation
  md md5 sha1 sha256    # hashes and the MD layer HMAC_DRBG uses
  memory_buffer_alloc   # allocator on the static work area
  nist_kw               # AES key wrap
  platform platform_util)
list(TRANSFORM _msdk_mbedtls_modules PREPEND "${_msdk_mbedtls_src}/library/")
list(TRANSFORM _msdk_mbedtls_modules APPEND ".c")

set(_msdk_mbedtls_config "${PROJECT_SOURCE_DIR}/ports/common/mbedtls_config.h")
add_library(msdk_mbedcrypto STATIC ${_msdk_mbedtls_modules} "${_msdk_mbedtls_config}")
add_library(msdk::mbedcrypto ALIAS msdk_mbedcrypto)
set_target_properties(msdk_mbedcrypto PROPERTIES OUTPUT_NAME mbedcrypto EXPORT_NAME mbedcrypto)
# Third-party headers: SYSTEM, so our stricter warnings do not judge them in
# the code that includes them.
target_include_directories(msdk_mbedcrypto SYSTEM
  PUBLIC $<BUILD_INTERFACE:${_msdk_mbedtls_src}/include>
         $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/msdk-mbedtls>)
target_include_directories(msdk_mbedcrypto PRIVATE "${_msdk_mbedtls_src}/library")
# The configuration is named by path: a bare "mbedtls_config.h" would resolve
# to mbedTLS's default configuration next to build_info.h.
target_compile_definitions(msdk_mbedcrypto PUBLIC
  "$<BUILD_INTERFACE:MBEDTLS_CONFIG_FILE=\"${_msdk_mbedtls_config}\">"
  "$<INSTALL_INTERFACE:MBEDTLS_CONFIG_FILE=\"msdk_mbedtls_config.h\">")
msdk_target_defaults(msdk_mbedcrypto THIRD_PARTY)
# GCC 12 at -O3 reports a false -Wstringop-overflow in cmac.c, where
# mbedtls_xor() is inlined into mbedtls_cipher_cmac_finish() (the 16-byte
# M_last buffer is written exactly, offsets 0..15). Silenced for mbedTLS only.
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  target_compile_options(msdk_mbedcrypto PRIVATE -Wno-stringop-overflow)
endif()

install(TARGETS msdk_mbedcrypto EXPORT msdk-mbedcrypto-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT msdk-mbedcrypto-targets NAMESPACE msdk::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/msdk)
install(DIRECTORY "${_msdk_mbedtls_src}/include/mbedtls" "${_msdk_mbedtls_src}/include/psa"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/msdk-mbedtls
        FILES_MATCHING PATTERN "*.h")
install(FILES "${_msdk_mbedtls_config}"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/msdk-mbedtls
        RENAME msdk_mbedtls_config.h)
install(FILES "${_msdk_mbedtls_src}/LICENSE"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/msdk/mbedtls)
set(MSDK_EXPORTED_COMPONENTS ${MSDK_EXPORTED_COMPONENTS} mbedcrypto CACHE INTERNAL "")
