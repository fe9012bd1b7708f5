#!/usr/bin/env bash
# CI check of Notebooks/vehicular-baselines.md's quick profile (its front-matter default): it runs
# to the end with a release build, its exported tables hold every method at every sweep point, a
# second `lab run` is fully cached and rewrites no file, and the report renders. Runs in a scratch
# directory with its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-vehicular-quick vehicular-baselines
check_notebook vehicular-baselines

# 4 + 3 + 4 sweep points × 5 methods, 5 calibration settings × 5 methods, 5 values of V.
results=Results/vehicular-baselines
expect_rows sweep_summary 55
expect_rows calibration 25
expect_rows calibration_vs_prototype 20
expect_rows tradeoff 5
expect_rows partition_table 21
expect_figures vehicular-baselines queue_stability completion_sweeps tradeoff_figure
echo "check-vehicular-quick: the quick profile ran, exported, rendered and re-ran fully cached"
