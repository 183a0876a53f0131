#!/usr/bin/env bash
# Builds the .deb of a configured build tree (CPack, install.cmake), installs it with dpkg,
# runs the installed mlsys-query --version and indexes and searches the installed bundled list,
# then removes the package. Needs root or sudo; without either it says so and fails.
set -euo pipefail
build_dir=${1:?usage: scripts/test-deb.sh BUILD_DIR}
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build_dir"/mlsys-search_*.deb | head -1)
if dpkg-query -W -f='${Status}' mlsys-search 2>/dev/null | grep -q "install ok installed"; then
  echo "test-deb: mlsys-search is already installed on this machine; not replacing it" >&2
  exit 1
fi
"${sudo_cmd[@]}" dpkg -i "$deb" >/dev/null
trap '"${sudo_cmd[@]}" dpkg -r mlsys-search >/dev/null' EXIT

version=$(/usr/bin/mlsys-query --version)
[ "$version" = "mlsys-query $(sed -n 's/^project(mlsys-search VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] ||
  { echo "test-deb: unexpected version: $version" >&2; exit 1; }
scratch=$(mktemp -d)
(cd "$scratch" && HOME=$scratch XDG_DATA_HOME= /usr/bin/mlsys-index -q &&
   [ "$(HOME=$scratch XDG_DATA_HOME= /usr/bin/mlsys-query --format ids --limit 1 gandiva)" = osdi18-gandiva ]) ||
  { echo "test-deb: the installed commands did not index and search the installed list" >&2; rm -rf "$scratch"; exit 1; }
rm -rf "$scratch"
[ -f /usr/share/man/man1/mlsys-query.1.gz ] || [ -f /usr/share/man/man1/mlsys-query.1 ] ||
  { echo "test-deb: no manual page installed" >&2; exit 1; }
echo "test-deb: $(basename "$deb") installed; $version; indexed and searched the installed list"
