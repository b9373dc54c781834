#!/bin/bash
# Quick start, command 2: installs what is missing, builds, and runs the whole
# test suite: unit tests, CLI tests, schema validation and the end-to-end
# tests in the simulated home (these need root; without it they are reported
# as skipped, never as passed).
#
#   sudo ./scripts/test.sh [CTEST_ARGS...]     e.g. -R e2e  or  -LE e2e
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${NETFIX_BUILD_DIR:-$ROOT/build}
if [ "$(id -u)" = 0 ]; then
  "$ROOT/scripts/install-deps.sh"
else
  echo "test.sh: not root: not installing packages; the end-to-end tests will be skipped" >&2
fi
"$ROOT/scripts/build.sh"
cd "$BUILD"
ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@"
