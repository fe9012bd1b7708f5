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
[ "$(rows in_dist)" -eq 10 ] || fail "in_dist.csv has $(rows in_dist) rows, expected 10"
[ "$(rows unseen_table)" -eq 20 ] || fail "unseen_table.csv has $(rows unseen_table) rows, expected 20"
[ "$(rows ablation_table)" -eq 40 ] || fail "ablation_table.csv has $(rows ablation_table) rows, expected 40"
[ "$(rows decision)" -eq 7 ] || fail "decision.csv has $(rows decision) rows, expected 7"
[ "$(rows claims)" -eq 5 ] || fail "claims.csv has $(rows claims) rows, expected 5"
for f in return_histograms loss_figure figure3 figure4 figure5 figure6 figure7; do
  for ext in png pdf svg; do [ -s "Figures/diffloader/$f.$ext" ] || fail "missing Figures/diffloader/$f.$ext"; done
done
echo "check-diffloader-quick: the quick profile ran, exported, rendered and re-ran fully cached"
