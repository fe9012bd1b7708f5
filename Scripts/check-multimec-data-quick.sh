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
expect_rows environment_table 17
expect_rows returns 120
expect_rows histogram 20
expect_rows run_summary 4
expect_rows comparison 10
expect_figures multimec-data learning_curves return_histograms
key=$("$lab" cache ls --store "$LAB_STORE" | awk '/^[^ ]/ { k = $1 } /^    data  / { print k; exit }')
[ -n "$key" ] || fail "no cache entry holds the dataset \`data\`"
"$lab" cache export "$key:data" -o data.npz --store "$LAB_STORE" > /dev/null || fail "the dataset does not export to .npz"
[ "$(head -c 2 data.npz)" = "PK" ] || fail "data.npz is not a zip archive"
echo "check-multimec-data-quick: the quick profile ran, exported, rendered and re-ran fully cached"
