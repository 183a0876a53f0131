#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build, index the
# bundled list into index/papers, and answer an example query.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
build/bin/mlsys-index --db index/papers --rebuild data/papers.jsonl
build/bin/mlsys-query --db index/papers "${@:-parameter server}"
