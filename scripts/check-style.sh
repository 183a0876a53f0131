#!/usr/bin/env bash
# The project's own C++ against .clang-format (every file) and .clang-tidy (the sources of the
# libraries, commands, bench and fuzz tools, not the tests), every finding an error.
# Usage: scripts/check-style.sh [BUILD_DIR]   (a built tree: its compile_commands.json and the
# sources it generates; default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

git ls-files -z -- '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror

# Each source compiled in BUILD_DIR that lives in the repository, tests and generated files aside.
python3 - "$build/compile_commands.json" "$PWD" <<'PY' > "$build/tidy-sources.txt"
import json, os, sys
commands, top = sys.argv[1], sys.argv[2] + "/"
for entry in json.load(open(commands)):
    path = os.path.realpath(entry["file"])
    inside = path.startswith(top) and not path.startswith(os.path.realpath(os.path.dirname(commands)) + "/")
    if inside and not path[len(top):].startswith("tests/"):
        print(path)
PY
# clang-tidy 22 (Debian 12's security archive carries it) checks only the project's code, where
# 14 also walked every system header each source includes: the checks of .clang-tidy, several
# times faster.
tidy=clang-tidy-22
command -v "$tidy" >/dev/null || tidy=clang-tidy
# clang 22 finds libstdc++ 12's stable_sort calling a function C++17 deprecates: a warning (which
# .clang-tidy then leaves out), not an error as the build's -Werror would make it.
xargs -P"$(nproc)" -n4 "$tidy" -p "$build" --quiet --extra-arg=-Wno-error=deprecated-declarations \
  < "$build/tidy-sources.txt"
echo "check-style: $(git ls-files -- '*.cc' '*.h' | wc -l) files formatted, $(wc -l < "$build/tidy-sources.txt") sources tidy"
