#!/usr/bin/env bash
# Installs exactly the Debian packages mlsys-search needs to build and test.
# Idempotent: packages already present are skipped, and `apt-get update` runs only
# when something is missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libxapian-dev xapian-tools
  nlohmann-json3-dev libcli11-dev libgtest-dev
  libcsv-dev libutf8proc-dev
  libcpp-httplib-dev
  # mlsys-serve's browser test (tests/browser) and its load test (bench/serve)
  chromium wrk
  # libFuzzer (bench/fuzz); style checks (scripts/check-style.sh: clang-tidy 22, from
  # bookworm-security, runs the checks of .clang-tidy on the project's own code only, several times faster than 14)
  clang libclang-rt-14-dev clang-format clang-tidy-22
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libsqlite3-dev time
  # manual pages (help2man), rendering them in install_test (man-db, col), the .deb (dpkg-dev, file)
  help2man man-db bsdextrautils dpkg-dev file
)
# Node (for playwright-core, which tests/browser/run.sh installs with npm ci): a machine with a
# node of its own (e.g. NodeSource's, npm included) keeps it; else Debian's nodejs and npm.
if ! command -v node >/dev/null; then packages+=(nodejs); fi
if ! command -v npm >/dev/null; then packages+=(npm); fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
