#!/usr/bin/env bash
# The browser test of mlsys-serve's page (ctest: serve_browser_test). Usage:
#   tests/browser/run.sh BIN_DIR WORK_DIR
# Installs playwright-core from package-lock.json into WORK_DIR (npm ci), then runs
# page_test.mjs, which writes its screenshots to WORK_DIR/screenshots. Without chromium or node
# it skips (exit 77) and says why; scripts/install-deps.sh installs both.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin_dir=$1
work_dir=$2
for tool in /usr/bin/chromium node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "serve_browser_test: SKIPPED: $tool is not installed (scripts/install-deps.sh installs it)"
    exit 77
  fi
done
mkdir -p "$work_dir"
# npm ci again only when the lock file changed.
if ! cmp -s "$here/package-lock.json" "$work_dir/package-lock.json" || [ ! -d "$work_dir/node_modules/playwright-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work_dir/"
  (cd "$work_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/page_test.mjs" "$work_dir/"
exec node "$work_dir/page_test.mjs" "$bin_dir" "$(cd "$here/../.." && pwd)" "$work_dir/screenshots"
