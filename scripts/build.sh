#!/usr/bin/env bash
# Configures and builds mlsys-search. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
# The default BUILD_DIR is build/ (executables land in build/bin/).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
