#!/usr/bin/env bash
# CI check of the GADSG notebooks' quick profiles (their front-matter defaults): each runs to the
# end with a release build, its exported tables have every method on every (profile, scale), and
# a second `lab run` of each is fully cached and rewrites no file. Runs in a scratch directory with
# its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lab
lab="$PWD/.build/release/lab"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Notebooks"
cp Notebooks/gadsg-*.md "$scratch/Notebooks/"
cd "$scratch"
export LAB_STORE="$scratch/store.sqlite"

fail() { echo "check-gadsg-quick: $*" >&2; exit 1; }
for nb in tables convergence generalization; do
  start=$(date +%s)
  "$lab" run --quiet "Notebooks/gadsg-$nb.md" > "run-$nb.log" 2>&1 || { cat "run-$nb.log"; fail "gadsg-$nb.md failed"; }
  echo "gadsg-$nb.md (quick): $(tail -n 1 "run-$nb.log") [$(( $(date +%s) - start )) s wall]"
  "$lab" run --quiet "Notebooks/gadsg-$nb.md" > "rerun-$nb.log" 2>&1 || { cat "rerun-$nb.log"; fail "second run of gadsg-$nb.md failed"; }
  last=$(tail -n 1 "rerun-$nb.log")
  [[ "$last" == *" hit in "* && "$last" != *" ran"* ]] || fail "second run of gadsg-$nb.md was not fully cached: $last"
  ! grep -q "wrote:" "rerun-$nb.log" || fail "second run of gadsg-$nb.md rewrote files: $(grep "wrote:" "rerun-$nb.log")"
  "$lab" render "Notebooks/gadsg-$nb.md" > /dev/null || fail "gadsg-$nb.md does not render"
done

# Every (profile, test scale) of the quick profile has all seven methods, each over 3 seeds.
rows=$(awk -F, 'NR > 1 && $9 == 3 { n++ } END { print n + 0 }' Results/gadsg-tables/summary.csv)
[ "$rows" -eq 42 ] || fail "summary.csv has $rows complete rows, expected 2 profiles × 3 scales × 7 methods = 42"
for f in Figures/gadsg-tables/comparison Figures/gadsg-convergence/figure_4 Figures/gadsg-convergence/figure_5 Figures/gadsg-generalization/figure_6; do
  for ext in png pdf svg; do [ -s "$f.$ext" ] || fail "missing $f.$ext"; done
done
echo "check-gadsg-quick: all three quick profiles ran, exported, rendered and re-ran fully cached"
