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
[ "$(rows sweep_summary)" -eq 77 ] || fail "sweep_summary.csv has $(rows sweep_summary) rows, expected 77"
[ "$(rows default_table)" -eq 7 ] || fail "default_table.csv has $(rows default_table) rows, expected 7"
[ "$(rows tradeoff)" -eq 10 ] || fail "tradeoff.csv has $(rows tradeoff) rows, expected 10"
[ "$(rows ablation)" -eq 3 ] || fail "ablation.csv has $(rows ablation) rows, expected 3"
[ "$(rows decision)" -eq 5 ] || fail "decision.csv has $(rows decision) rows, expected 5"
[ "$(rows k_table)" -eq 5 ] || fail "k_table.csv has $(rows k_table) rows, expected 5"
[ "$(rows partition_histogram)" -eq 21 ] || fail "partition_histogram.csv has $(rows partition_histogram) rows, expected 21"
[ "$(rows claims)" -eq 12 ] || fail "claims.csv has $(rows claims) rows, expected 12"
for f in convergence_figure k_figure completion_sweeps queue_stability tradeoff_figure partition_figure; do
  for ext in png pdf svg; do [ -s "Figures/mad2rl/$f.$ext" ] || fail "missing Figures/mad2rl/$f.$ext"; done
done
echo "check-mad2rl-quick: the quick profile ran, exported, rendered and re-ran fully cached"
