#!/usr/bin/env bash
# CI check of Notebooks/diffloader.md's quick profile (its front-matter default): it runs to the
# end with a release build in under 3 minutes, its exported tables hold every method in every
# environment and a row per claim, a second `lab run` is fully cached and rewrites no file, and
# the report renders. Runs in a scratch directory with its own store, so the committed results in
# Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lab
lab="$PWD/.build/release/lab"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Notebooks"
cp Notebooks/diffloader.md "$scratch/Notebooks/"
cd "$scratch"
export LAB_STORE="$scratch/store.sqlite"

fail() { echo "check-diffloader-quick: $*" >&2; exit 1; }
nb=Notebooks/diffloader.md
start=$(date +%s)
"$lab" run --quiet "$nb" > run.log 2>&1 || { cat run.log; fail "diffloader.md failed"; }
seconds=$(( $(date +%s) - start ))
echo "diffloader.md (quick): $(tail -n 1 run.log) [$seconds s wall]"
[ "$seconds" -lt 180 ] || fail "the quick profile took $seconds s, over 3 minutes"
"$lab" run --quiet "$nb" > rerun.log 2>&1 || { cat rerun.log; fail "second run of diffloader.md failed"; }
last=$(tail -n 1 rerun.log)
[[ "$last" == *" hit in "* && "$last" != *" ran"* ]] || fail "second run of diffloader.md was not fully cached: $last"
! grep -q "wrote:" rerun.log || fail "second run of diffloader.md rewrote files: $(grep "wrote:" rerun.log)"
"$lab" render "$nb" > /dev/null || fail "diffloader.md does not render"

# Quick profile: one seed, 2 in-distribution environments × 5 methods, 4 unseen × 5 methods,
# 10 ablation variants × 4 environments, 7 timed policies, 5 claims.
results=Results/diffloader
rows() { awk 'END { print NR - 1 }' "$results/$1.csv"; }
[ "$(rows in_dist)" -eq 10 ] || fail "in_dist.csv has $(rows in_dist) rows, expected 10"
[ "$(rows unseen_table)" -eq 20 ] || fail "unseen_table.csv has $(rows unseen_table) rows, expected 20"
[ "$(rows ablation_table)" -eq 40 ] || fail "ablation_table.csv has $(rows ablation_table) rows, expected 40"
[ "$(rows decision)" -eq 7 ] || fail "decision.csv has $(rows decision) rows, expected 7"
[ "$(rows claims)" -eq 5 ] || fail "claims.csv has $(rows claims) rows, expected 5"
for f in return_histograms loss_figure figure3 figure4 figure5 figure6 figure7; do
  for ext in png pdf svg; do [ -s "Figures/diffloader/$f.$ext" ] || fail "missing Figures/diffloader/$f.$ext"; done
done
echo "check-diffloader-quick: the quick profile ran, exported, rendered and re-ran fully cached"
