#!/usr/bin/env bash
# CI check of Notebooks/multimec-environments.md's quick profile (its front-matter default): it runs
# to the end with a release build, its exported tables cover every environment and heuristic, a
# second `lab run` is fully cached and rewrites no file, and it renders. Runs in a scratch
# directory with its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-multimec-quick multimec-environments
check_notebook multimec-environments

# Table 1 has 8 + 5 + 4 rows; the calibration table 9 environments × 5 heuristics; the evaluation
# 12 environments × 4 heuristics; the k sweep 12 environments × 21 values of k.
results=Results/multimec-environments
[ "$(rows table1)" -eq 17 ] || fail "table1.csv has $(rows table1) rows, expected 17"
[ "$(rows calibration)" -eq 45 ] || fail "calibration.csv has $(rows calibration) rows, expected 45"
[ "$(rows evaluation)" -eq 48 ] || fail "evaluation.csv has $(rows evaluation) rows, expected 48"
[ "$(rows k_summary)" -eq 252 ] || fail "k_summary.csv has $(rows k_summary) rows, expected 252"
for f in cost_figure k_figure; do
  for ext in png pdf svg; do [ -s "Figures/multimec-environments/$f.$ext" ] || fail "missing $f.$ext"; done
done
echo "check-multimec-quick: the quick profile ran, exported, rendered and re-ran fully cached"
