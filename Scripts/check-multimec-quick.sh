#!/usr/bin/env bash
# CI check of Notebooks/multimec-environments.md's quick profile (its front-matter default): it runs
# to the end with a release build, its exported tables cover every environment and heuristic, a
# second `lab run` is fully cached and rewrites no file, and it renders. Runs in a scratch
# directory with its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lab
lab="$PWD/.build/release/lab"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Notebooks"
cp Notebooks/multimec-environments.md "$scratch/Notebooks/"
cd "$scratch"
export LAB_STORE="$scratch/store.sqlite"

fail() { echo "check-multimec-quick: $*" >&2; exit 1; }
nb=Notebooks/multimec-environments.md
start=$(date +%s)
"$lab" run --quiet "$nb" > run.log 2>&1 || { cat run.log; fail "multimec-environments.md failed"; }
echo "multimec-environments.md (quick): $(tail -n 1 run.log) [$(( $(date +%s) - start )) s wall]"
"$lab" run --quiet "$nb" > rerun.log 2>&1 || { cat rerun.log; fail "second run of multimec-environments.md failed"; }
last=$(tail -n 1 rerun.log)
[[ "$last" == *" hit in "* && "$last" != *" ran"* ]] || fail "second run was not fully cached: $last"
! grep -q "wrote:" rerun.log || fail "second run rewrote files: $(grep "wrote:" rerun.log)"
"$lab" render "$nb" > /dev/null || fail "multimec-environments.md does not render"

# Table 1 has 8 + 5 + 4 rows; the calibration table 9 environments × 5 heuristics; the evaluation
# 12 environments × 4 heuristics; the k sweep 12 environments × 21 values of k.
out=Results/multimec-environments
count() { awk 'END { print NR - 1 }' "$out/$1.csv"; }
[ "$(count table1)" -eq 17 ] || fail "table1.csv has $(count table1) rows, expected 17"
[ "$(count calibration)" -eq 45 ] || fail "calibration.csv has $(count calibration) rows, expected 45"
[ "$(count evaluation)" -eq 48 ] || fail "evaluation.csv has $(count evaluation) rows, expected 48"
[ "$(count k_summary)" -eq 252 ] || fail "k_summary.csv has $(count k_summary) rows, expected 252"
for f in cost_figure k_figure; do
  for ext in png pdf svg; do [ -s "Figures/multimec-environments/$f.$ext" ] || fail "missing $f.$ext"; done
done
echo "check-multimec-quick: the quick profile ran, exported, rendered and re-ran fully cached"
