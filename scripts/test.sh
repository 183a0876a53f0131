#!/usr/bin/env bash
# Every test, each build with warnings as errors:
#   1. Release: the whole suite through ctest (install_test included), then the .deb built from
#      that tree is installed and its mlsys-query --version run (when root or sudo can dpkg);
#   2. AddressSanitizer + UndefinedBehaviorSanitizer (Debug, at -O1, without the bench commands):
#      the whole suite but the kill trials and the browser test, which stage 1 ran and which test
#      processes, not memory;
#   3. ThreadSanitizer: only what the tests labelled "threads" need (--jobs builds, readers
#      during writes);
#   4. every fuzz target for 30 seconds (bench/fuzz: a clang build of the libraries and targets),
#      one per core at a time.
# Between 1 and 2, scripts/check-style.sh: clang-format and clang-tidy on the project's sources.
# MLSYS_SKIP_SANITIZERS=1, MLSYS_SKIP_TSAN=1, MLSYS_SKIP_FUZZ=1, MLSYS_SKIP_DEB=1 or
# MLSYS_SKIP_STYLE=1 leaves a stage out. Developers' everyday build is scripts/build.sh build (RelWithDebInfo).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# Runs one stage and says how long it took, so that CI's log shows where the time goes.
stage() {
  local name=$1 start=$SECONDS
  shift
  echo "== stage $name"
  "$@"
  echo "== stage $name: $((SECONDS - start)) s"
}
skipped() { [ "${1:-0}" = 1 ]; }

release_suite() {
  scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DMLSYS_WERROR=ON
  (cd build-release && ctest --output-on-failure -j"$jobs")
}
sanitizer_suite() {
  # -O1: the commands under test run several times faster than at -O0, with the same reports
  # (the test drivers stay at -O0, tests/CMakeLists.txt).
  scripts/build.sh build-asan -DMLSYS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
    -DMLSYS_WERROR=ON -DMLSYS_BENCH=OFF
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$jobs" -LE crash -E serve_browser_test)
}
thread_suite() {
  cmake -S . -B build-tsan -DMLSYS_TSAN=ON -DMLSYS_WERROR=ON >/dev/null
  cmake --build build-tsan -j"$jobs" --target mlsys-index mlsys-query index_writer_test cli_concurrency_test
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest -L threads --output-on-failure -j"$jobs")
}

start=$SECONDS
stage install-deps scripts/install-deps.sh
stage release release_suite
skipped "${MLSYS_SKIP_DEB:-0}" || stage deb scripts/test-deb.sh build-release
skipped "${MLSYS_SKIP_STYLE:-0}" || stage style scripts/check-style.sh build-release
skipped "${MLSYS_SKIP_SANITIZERS:-0}" || stage asan sanitizer_suite
skipped "${MLSYS_SKIP_TSAN:-0}" || stage tsan thread_suite
skipped "${MLSYS_SKIP_FUZZ:-0}" || stage fuzz env MLSYS_FUZZ_JOBS="$jobs" bench/fuzz 30
echo "== every stage passed in $((SECONDS - start)) s"
