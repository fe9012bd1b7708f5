#!/usr/bin/env bash
# Screenshots of the committed reports in headless Chromium (Debian's `chromium` package), for
# docs/screenshots/: the top of each report and the sections named on the command line.
# Usage: Scripts/screenshot-reports.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
out="${1:-docs/screenshots}"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "screenshot-reports: chromium is not installed (apt-get install chromium)" >&2
  exit 3
fi
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shot() {  # shot REPORT ANCHOR NAME HEIGHT: the page from the element with id ANCHOR on
  local page="$profile/$3.html"
  # Everything before the anchor is hidden in a scratch copy, so the section starts the shot.
  sed "s|</head>|<style>main > :has(~ #${2:-none}){display:none}</style></head>|" "$1" > "$page"
  local url="file://$page"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$profile" --window-size="1100,$4" --screenshot="$out/$3.png" "$url" >/dev/null 2>&1
  echo "$out/$3.png"
}
shot Reports/quickstart.html "" quickstart 2000
shot Reports/gadsg-tables/ce643525266c79fe.html "" gadsg-tables-top 1600
shot Reports/gadsg-tables/ce643525266c79fe.html cell-per_seed gadsg-tables-per-seed 1000
shot Reports/gadsg-tables/ce643525266c79fe.html cell-table_iv gadsg-tables-iv-v 1600
shot Reports/gadsg-tables/ce643525266c79fe.html cell-figure gadsg-tables-figure 1400
shot Reports/gadsg-convergence/cc3e6a07ef692cee.html cell-figure_4 gadsg-convergence-figures 1800
shot Reports/gadsg-generalization.html cell-cross_scale gadsg-generalization 1600
shot Reports/aigc-quality-control.html "" aigc-quality-control 1800
shot Reports/vehicular-baselines/6281f25a1ab1e07a.html cell-sweep_figures vehicular-baselines-sweeps 1500
shot Reports/multimec-environments/6281f25a1ab1e07a.html cell-calibration multimec-environments-calibration 1500
shot Reports/multimec-data/6281f25a1ab1e07a.html cell-figure1 multimec-data-returns 1500
shot Reports/mad2rl/6281f25a1ab1e07a.html cell-sweep_figures mad2rl-sweeps 1500
shot Reports/mad2rl/6281f25a1ab1e07a.html cell-claims mad2rl-claims 1100
shot Reports/diffloader.html "" diffloader-top 1600
shot Reports/diffloader.html cell-claims diffloader-claims 900
shot Reports/gadsg-ablations/6570842479a713d9.html cell-attribution gadsg-ablations-attribution 1600
shot Reports/gadsg-ablations/6570842479a713d9.html cell-both_halves gadsg-ablations-both-halves 1500
# The top of every other committed report (the quick profiles and the remaining full ones).
shot Reports/gadsg-tables.html "" gadsg-tables-quick-top 1400
shot Reports/gadsg-convergence.html "" gadsg-convergence-quick-top 1400
shot Reports/gadsg-generalization/c4d9dc01b162efae.html cell-cross_scale gadsg-generalization-full 1600
shot Reports/gadsg-generalization/c4d9dc01b162efae.html cell-claims gadsg-generalization-claims 900
shot Reports/gadsg-ablations.html "" gadsg-ablations-quick-top 1400
shot Reports/vehicular-baselines.html "" vehicular-baselines-quick-top 1400
shot Reports/multimec-environments.html "" multimec-environments-quick-top 1400
shot Reports/multimec-data.html "" multimec-data-quick-top 1400
shot Reports/mad2rl.html "" mad2rl-quick-top 1400
shot Reports/diffloader/6281f25a1ab1e07a.html cell-temperature diffloader-full-temperature 1400
shot Reports/diffloader/6281f25a1ab1e07a.html cell-longer diffloader-full-longer 1200
