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
expect_rows table1 17
expect_rows calibration 45
expect_rows evaluation 48
expect_rows k_summary 252
expect_figures multimec-environments cost_figure k_figure
echo "check-multimec-quick: the quick profile ran, exported, rendered and re-ran fully cached"
