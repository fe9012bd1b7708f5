#!/usr/bin/env bash
# CI check of Notebooks/mad2rl.md's quick profile (its front-matter default): it runs to the end
# with a release build (over its 3-minute budget it warns; over three times it fails), its exported tables hold every method and learner at
# every sweep point and a row per claim, a second `lab run` is fully cached and rewrites no file,
# and the report renders. Runs in a scratch directory with its own store, so the committed
# results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-mad2rl-quick mad2rl
check_notebook mad2rl

# (4 values of M + 3 of λ + 4 of F) × 7 rules; 7 rules at the default; 5 values of V × 2;
# 3 ablation rows; 5 rules timed; 12 claims.
results=Results/mad2rl
expect_rows sweep_summary 77
expect_rows default_table 7
expect_rows tradeoff 10
expect_rows ablation 3
expect_rows decision 5
expect_rows k_table 5
expect_rows partition_histogram 21
expect_rows claims 12
expect_figures mad2rl convergence_figure k_figure completion_sweeps queue_stability tradeoff_figure partition_figure
echo "check-mad2rl-quick: the quick profile ran, exported, rendered and re-ran fully cached"
