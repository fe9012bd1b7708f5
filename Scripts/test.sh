#!/usr/bin/env bash
# The test command: installs what is missing, builds and runs every test, then runs the quick
# profiles of the three GADSG reproduction notebooks with a release build (Scripts/check-gadsg-quick.sh)
# and of the GADSG ablations notebook, asserting the paper's claims on its values
# (Scripts/check-gadsg-ablations-quick.sh),
# of the vehicular baselines and MAD2RL notebooks (Scripts/check-vehicular-quick.sh,
# Scripts/check-mad2rl-quick.sh), of the DiffLoader notebook (Scripts/check-diffloader-quick.sh) and of the two multi-MEC notebooks (Scripts/check-multimec-quick.sh,
# Scripts/check-multimec-data-quick.sh), then replays the fuzz corpus and fuzzes each reader
# briefly (Scripts/fuzz.sh, about 2 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
swift build --build-tests "$@"
swift test --skip-build "$@"
Scripts/check-gadsg-quick.sh
Scripts/check-gadsg-ablations-quick.sh
Scripts/check-vehicular-quick.sh
Scripts/check-multimec-quick.sh
Scripts/check-multimec-data-quick.sh
Scripts/check-mad2rl-quick.sh
Scripts/check-diffloader-quick.sh
Scripts/fuzz.sh
