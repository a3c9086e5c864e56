# SPDX-License-Identifier: Apache-2.0
# Per-target build settings. Every target of the SDK (libraries, ports, tests,
# firmware) calls msdk_target_defaults(); nothing here touches global flags.

option(MSDK_WERROR "Treat warnings as errors (on in our presets and CI, off for vendors by default)" OFF)
option(MSDK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer (host only)" OFF)
option(MSDK_COVERAGE "Build with gcov instrumentation (host only)" OFF)
option(MSDK_FUZZ "Build libFuzzer harnesses (clang, host only)" OFF)

set(MSDK_WARNING_FLAGS
    -Wall -Wextra -Wundef -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wcast-align -Wwrite-strings -Wformat=2 -Wvla
    -Wimplicit-fallthrough)

# msdk_target_defaults(<target> [THIRD_PARTY])
#   C11, the SDK warning set, -Werror when MSDK_WERROR, and the sanitizer /
#   coverage / fuzz instrumentation of the preset. THIRD_PARTY keeps -Wall
#   -Wextra -Werror but drops our stricter style warnings (for mbedTLS).
function(msdk_target_defaults tgt)
  cmake_parse_arguments(ARG "THIRD_PARTY" "" "" ${ARGN})
  get_target_property(type ${tgt} TYPE)
  set(scope PRIVATE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  set_target_properties(${tgt} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  if(ARG_THIRD_PARTY)
    target_compile_options(${tgt} ${scope} -Wall -Wextra)
  else()
    target_compile_options(${tgt} ${scope} ${MSDK_WARNING_FLAGS})
  endif()
  if(MSDK_WERROR)
    target_compile_options(${tgt} ${scope} -Werror)
  endif()
  if(CMAKE_CROSSCOMPILING)
    target_compile_options(${tgt} ${scope} -ffunction-sections -fdata-sections)
    return()
  endif()
  if(MSDK_SANITIZE)
    target_compile_options(${tgt} ${scope} -fsanitize=address,undefined
                           -fno-sanitize-recover=all -fno-omit-frame-pointer)
    if(NOT type STREQUAL "STATIC_LIBRARY" AND NOT type STREQUAL "OBJECT_LIBRARY")
      target_link_options(${tgt} ${scope} -fsanitize=address,undefined)
    endif()
  endif()
  if(MSDK_COVERAGE)
    target_compile_options(${tgt} ${scope} --coverage -O0)
    if(NOT type STREQUAL "STATIC_LIBRARY" AND NOT type STREQUAL "OBJECT_LIBRARY")
      target_link_options(${tgt} ${scope} --coverage)
    endif()
  endif()
  if(MSDK_FUZZ)
    target_compile_options(${tgt} ${scope} -fsanitize=fuzzer-no-link,address,undefined
                           -fno-omit-frame-pointer)
    if(NOT type STREQUAL "STATIC_LIBRARY" AND NOT type STREQUAL "OBJECT_LIBRARY")
      target_link_options(${tgt} ${scope} -fsanitize=address,undefined)
    endif()
  endif()
endfunction()
