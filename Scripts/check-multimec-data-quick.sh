#!/usr/bin/env bash
# CI check of Notebooks/multimec-data.md's quick profile (its front-matter default): it runs to the
# end with a release build, its exported tables hold both collected environments, a second
# `lab run` is fully cached and rewrites no file, the report renders, and the offline dataset
# exports to .npz. Runs in a scratch directory with its own store, so the committed results in
# Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-multimec-data-quick multimec-data
check_notebook multimec-data

# Quick profile: 2 environments × 60 episodes, 10 histogram bins, 4 heuristics + SAC.
results=Results/multimec-data
[ "$(rows environment_table)" -eq 17 ] || fail "environment_table.csv has $(rows environment_table) rows, expected 17"
[ "$(rows returns)" -eq 120 ] || fail "returns.csv has $(rows returns) rows, expected 120"
[ "$(rows histogram)" -eq 20 ] || fail "histogram.csv has $(rows histogram) rows, expected 20"
[ "$(rows run_summary)" -eq 4 ] || fail "run_summary.csv has $(rows run_summary) rows, expected 4"
[ "$(rows comparison)" -eq 10 ] || fail "comparison.csv has $(rows comparison) rows, expected 10"
for f in learning_curves return_histograms; do
  for ext in png pdf svg; do [ -s "Figures/multimec-data/$f.$ext" ] || fail "missing Figures/multimec-data/$f.$ext"; done
done
key=$("$lab" cache ls --store "$LAB_STORE" | awk '/^[^ ]/ { k = $1 } /^    data  / { print k; exit }')
[ -n "$key" ] || fail "no cache entry holds the dataset \`data\`"
"$lab" cache export "$key:data" -o data.npz --store "$LAB_STORE" > /dev/null || fail "the dataset does not export to .npz"
[ "$(head -c 2 data.npz)" = "PK" ] || fail "data.npz is not a zip archive"
echo "check-multimec-data-quick: the quick profile ran, exported, rendered and re-ran fully cached"
