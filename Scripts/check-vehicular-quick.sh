#!/usr/bin/env bash
# CI check of Notebooks/vehicular-baselines.md's quick profile (its front-matter default): it runs
# to the end with a release build, its exported tables hold every method at every sweep point, a
# second `lab run` is fully cached and rewrites no file, and the report renders. Runs in a scratch
# directory with its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lab
lab="$PWD/.build/release/lab"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Notebooks"
cp Notebooks/vehicular-baselines.md "$scratch/Notebooks/"
cd "$scratch"
export LAB_STORE="$scratch/store.sqlite"

fail() { echo "check-vehicular-quick: $*" >&2; exit 1; }
nb=Notebooks/vehicular-baselines.md
start=$(date +%s)
"$lab" run --quiet "$nb" > run.log 2>&1 || { cat run.log; fail "vehicular-baselines.md failed"; }
echo "vehicular-baselines.md (quick): $(tail -n 1 run.log) [$(( $(date +%s) - start )) s wall]"
"$lab" run --quiet "$nb" > rerun.log 2>&1 || { cat rerun.log; fail "second run of vehicular-baselines.md failed"; }
last=$(tail -n 1 rerun.log)
[[ "$last" == *" hit in "* && "$last" != *" ran"* ]] || fail "second run of vehicular-baselines.md was not fully cached: $last"
! grep -q "wrote:" rerun.log || fail "second run of vehicular-baselines.md rewrote files: $(grep "wrote:" rerun.log)"
"$lab" render "$nb" > /dev/null || fail "vehicular-baselines.md does not render"

# 4 + 3 + 4 sweep points × 5 methods, 5 calibration settings × 5 methods, 5 values of V.
results=Results/vehicular-baselines
rows() { awk 'END { print NR - 1 }' "$results/$1.csv"; }
[ "$(rows sweep_summary)" -eq 55 ] || fail "sweep_summary.csv has $(rows sweep_summary) rows, expected 55"
[ "$(rows calibration)" -eq 25 ] || fail "calibration.csv has $(rows calibration) rows, expected 25"
[ "$(rows calibration_vs_prototype)" -eq 20 ] || fail "calibration_vs_prototype.csv has $(rows calibration_vs_prototype) rows, expected 20"
[ "$(rows tradeoff)" -eq 5 ] || fail "tradeoff.csv has $(rows tradeoff) rows, expected 5"
[ "$(rows partition_table)" -eq 21 ] || fail "partition_table.csv has $(rows partition_table) rows, expected 21"
for f in queue_stability completion_sweeps tradeoff_figure; do
  for ext in png pdf svg; do [ -s "Figures/vehicular-baselines/$f.$ext" ] || fail "missing Figures/vehicular-baselines/$f.$ext"; done
done
echo "check-vehicular-quick: the quick profile ran, exported, rendered and re-ran fully cached"
