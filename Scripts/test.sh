#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
swift build --build-tests "$@"
swift test --skip-build "$@"
