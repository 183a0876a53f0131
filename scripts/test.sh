#!/usr/bin/env bash
# Every test: install what is missing, build, and run the whole suite through ctest in a
# normal build (RelWithDebInfo), under AddressSanitizer and UndefinedBehaviorSanitizer (Debug),
# and in a Release build, each with warnings as errors; then, under ThreadSanitizer, only what
# the tests labelled "threads" need (--jobs builds, readers during writes). MLSYS_SKIP_SANITIZERS=1,
# MLSYS_SKIP_RELEASE=1 or MLSYS_SKIP_TSAN=1 leaves a stage out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DMLSYS_WERROR=ON
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${MLSYS_SKIP_SANITIZERS:-0}" != 1 ]; then
  scripts/build.sh build-asan -DMLSYS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DMLSYS_WERROR=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$(nproc)")
fi
if [ "${MLSYS_SKIP_RELEASE:-0}" != 1 ]; then
  scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DMLSYS_WERROR=ON
  (cd build-release && ctest --output-on-failure -j"$(nproc)")
fi
if [ "${MLSYS_SKIP_TSAN:-0}" != 1 ]; then
  cmake -S . -B build-tsan -DMLSYS_TSAN=ON -DMLSYS_WERROR=ON >/dev/null
  cmake --build build-tsan -j"$(nproc)" --target mlsys-index mlsys-query index_writer_test cli_concurrency_test
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest -L threads --output-on-failure -j"$(nproc)")
fi
