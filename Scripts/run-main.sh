#!/usr/bin/env bash
# The main job: installs what is missing, builds in release mode, checks the machine and
# trains the demo model.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
swift build -c release --product lab
.build/release/lab doctor
.build/release/lab demo
