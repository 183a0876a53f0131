#!/usr/bin/env bash
# Every test: install what is missing, build, and run the whole suite through ctest, once in a
# normal build and once under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DMLSYS_WERROR=ON
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${MLSYS_SKIP_SANITIZERS:-0}" != 1 ]; then
  scripts/build.sh build-asan -DMLSYS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DMLSYS_WERROR=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$(nproc)")
fi
