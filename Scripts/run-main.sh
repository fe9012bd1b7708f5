#!/usr/bin/env bash
# The main job: installs what is missing, builds in release mode, checks the machine, runs the
# quick-start notebook on the embedded SQLite store and renders its report.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
swift build -c release --product lab
.build/release/lab doctor
.build/release/lab run Notebooks/quickstart.md
.build/release/lab render Notebooks/quickstart.md
