#!/usr/bin/env bash
# Every test, each build with warnings as errors:
#   1. Release: the whole suite through ctest (install_test included), then the .deb built from
#      that tree is installed and its mlsys-query --version run (when root or sudo can dpkg);
#   2. AddressSanitizer + UndefinedBehaviorSanitizer (clang, Debug at -O1, without the bench
#      commands): the whole suite but the kill trials and the browser test, which stage 1 ran and
#      which test processes, not memory;
#   3. ThreadSanitizer (clang): only what the tests labelled "threads" need (--jobs builds,
#      readers during writes);
#   4. every fuzz target for 30 seconds, one per core at a time, from the tree of stage 2.
# The sanitizer trees are unity builds (a few sources of a library compiled as one unit): a
# third less compile time, and the one configuration that checks no two sources of a library
# define the same file-local name. Stage 1 and developers' builds compile each source alone.
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
# The sanitizer builds' flags: -O1, so that the commands under test run several times faster
# than at -O0 with the same reports (the test drivers stay at -O0, tests/CMakeLists.txt); line
# tables, all a report's stack needs.
sanitizer_flags=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -O1"
                 -DMLSYS_WERROR=ON -DMLSYS_BENCH=OFF)
sanitizer_suite() {
  # MLSYS_FUZZ: ASan and UBSan, and the fuzz targets built beside the tests (stage 4 runs them),
  # rather than a second clang build of every library.
  CXX=clang++ scripts/build.sh build-asan -DMLSYS_FUZZ=ON "${sanitizer_flags[@]}"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$jobs" -LE crash -E serve_browser_test)
}
thread_suite() {
  CXX=clang++ cmake -S . -B build-tsan -DMLSYS_TSAN=ON "${sanitizer_flags[@]}" >/dev/null
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
skipped "${MLSYS_SKIP_FUZZ:-0}" || stage fuzz env MLSYS_FUZZ_BUILD=build-asan MLSYS_FUZZ_JOBS="$jobs" bench/fuzz 30
echo "== every stage passed in $((SECONDS - start)) s"
