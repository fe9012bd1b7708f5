#!/usr/bin/env bash
# CI check of Notebooks/diffloader.md's quick profile (its front-matter default): it runs to the
# end with a release build (over its 3-minute budget it warns; over three times it fails), its exported tables hold every method in every
# environment and a row per claim, a second `lab run` is fully cached and rewrites no file, and
# the report renders. Runs in a scratch directory with its own store, so the committed results in
# Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-diffloader-quick diffloader
check_notebook diffloader

# Quick profile: one seed, 2 in-distribution environments × 5 methods, 4 unseen × 5 methods,
# 10 ablation variants × 4 environments, 7 timed policies, 5 claims.
results=Results/diffloader
expect_rows in_dist 10
expect_rows unseen_table 20
expect_rows ablation_table 40
expect_rows decision 7
expect_rows claims 5
expect_figures diffloader return_histograms loss_figure figure3 figure4 figure5 figure6 figure7
echo "check-diffloader-quick: the quick profile ran, exported, rendered and re-ran fully cached"
