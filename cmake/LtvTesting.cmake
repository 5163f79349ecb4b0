# Test configuration: whether the tests are built, and ltv_test() to register one with ctest.
#
# LTV_BUILD_TESTS is AUTO (the default), ON or OFF. AUTO builds the tests when Criterion is
# found and otherwise says so and builds only the library and the tool, so that a machine with
# just a C compiler and CMake can build and install. ON makes a missing Criterion an error.
# After this file, LTV_BUILD_TESTS reads as ON or OFF in every CMakeLists.txt (a normal
# variable shadowing the cache entry), so `if(LTV_BUILD_TESTS)` means "tests are built".

set(LTV_BUILD_TESTS AUTO CACHE STRING "Build the tests and register them with ctest: AUTO (when Criterion is found), ON, OFF")
set_property(CACHE LTV_BUILD_TESTS PROPERTY STRINGS AUTO ON OFF)

set(_ltv_tests_wanted "${LTV_BUILD_TESTS}")
string(TOUPPER "${_ltv_tests_wanted}" _ltv_tests_wanted)
if(_ltv_tests_wanted STREQUAL "AUTO" OR LTV_BUILD_TESTS)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CRITERION QUIET IMPORTED_TARGET criterion)
  endif()
  if(NOT CRITERION_FOUND)
    # Without pkg-config, or a copy built from source without its .pc file.
    find_path(LTV_CRITERION_INCLUDE_DIR criterion/criterion.h)
    find_library(LTV_CRITERION_LIBRARY criterion)
    if(LTV_CRITERION_INCLUDE_DIR AND LTV_CRITERION_LIBRARY)
      add_library(ltv_criterion INTERFACE IMPORTED)
      set_target_properties(ltv_criterion PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${LTV_CRITERION_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${LTV_CRITERION_LIBRARY}")
      add_library(PkgConfig::CRITERION ALIAS ltv_criterion)
      set(CRITERION_FOUND TRUE)
    endif()
  endif()
  if(CRITERION_FOUND)
    set(LTV_BUILD_TESTS ON)
  elseif(_ltv_tests_wanted STREQUAL "AUTO")
    message(NOTICE "-- Tests: OFF, Criterion was not found. The library and the tool build as usual. "
      "To run the tests install Criterion (Debian: apt-get install libcriterion-dev, or all test "
      "dependencies: bash scripts/install-deps.sh) and configure again; -DLTV_BUILD_TESTS=ON makes "
      "a missing Criterion an error.")
    set(LTV_BUILD_TESTS OFF)
  else()
    message(FATAL_ERROR "LTV_BUILD_TESTS=ON but Criterion (https://github.com/Snaipe/Criterion) was not "
      "found. Install it (Debian: apt-get install libcriterion-dev; or bash scripts/install-deps.sh), "
      "point CMAKE_PREFIX_PATH or PKG_CONFIG_PATH at a copy, or configure with -DLTV_BUILD_TESTS=OFF.")
  endif()
else()
  set(LTV_BUILD_TESTS OFF)
endif()
if(LTV_BUILD_TESTS)
  message(STATUS "Tests: ON (run them with ctest; labels: ctest --print-labels)")
endif()

# ltv_test(NAME name LABELS label... COMMAND command args...
#          [WORKING_DIRECTORY dir] [ENVIRONMENT VAR=value...] [TIMEOUT seconds])
# Registers a test with ctest. Every suite of the project is one ctest test; labels group
# them (unit, cli, abi, docs, install, bindings, packaging, fuzz, harness, concurrency) so that a build
# runs the ones that make sense for it (scripts/test.sh: all in the gcc build, `-L unit` in
# the clang build, `-L 'unit|cli|harness'` under the sanitizers). A test that cannot run here
# (a missing tool) prints "NAME: skipped, why" and exits 77: ctest reports it as skipped
# and scripts/test.sh fails on it unless LTV_ALLOW_SKIPS=1. A suite that prints
# "NAME: N passed, M failed" as its last summary line has its checks counted by
# scripts/test.sh. The working directory defaults to the source tree.
function(ltv_test)
  cmake_parse_arguments(ARG "" "NAME;WORKING_DIRECTORY;TIMEOUT" "LABELS;COMMAND;ENVIRONMENT" ${ARGN})
  if(NOT ARG_WORKING_DIRECTORY)
    set(ARG_WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_COMMAND} WORKING_DIRECTORY ${ARG_WORKING_DIRECTORY})
  set(_env ${ARG_ENVIRONMENT})
  if(LTV_SANITIZE)
    list(APPEND _env "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1"
      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  endif()
  if(LTV_SANITIZE_THREAD)
    list(APPEND _env "TSAN_OPTIONS=halt_on_error=1")
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
    SKIP_RETURN_CODE 77)
  if(_env)
    set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${_env}")
  endif()
endfunction()
