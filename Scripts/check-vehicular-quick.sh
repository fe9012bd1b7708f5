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
[ "$(rows sweep_summary)" -eq 55 ] || fail "sweep_summary.csv has $(rows sweep_summary) rows, expected 55"
[ "$(rows calibration)" -eq 25 ] || fail "calibration.csv has $(rows calibration) rows, expected 25"
[ "$(rows calibration_vs_prototype)" -eq 20 ] || fail "calibration_vs_prototype.csv has $(rows calibration_vs_prototype) rows, expected 20"
[ "$(rows tradeoff)" -eq 5 ] || fail "tradeoff.csv has $(rows tradeoff) rows, expected 5"
[ "$(rows partition_table)" -eq 21 ] || fail "partition_table.csv has $(rows partition_table) rows, expected 21"
for f in queue_stability completion_sweeps tradeoff_figure; do
  for ext in png pdf svg; do [ -s "Figures/vehicular-baselines/$f.$ext" ] || fail "missing Figures/vehicular-baselines/$f.$ext"; done
done
echo "check-vehicular-quick: the quick profile ran, exported, rendered and re-ran fully cached"
