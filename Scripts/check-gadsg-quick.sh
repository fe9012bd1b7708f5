#!/usr/bin/env bash
# CI check of the GADSG notebooks' quick profiles (their front-matter defaults): each runs to the
# end with a release build, its exported tables have every method on every (profile, scale), and
# a second `lab run` of each is fully cached and rewrites no file. Runs in a scratch directory with
# its own store, so the committed results in Results/ and Figures/ are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-gadsg-quick gadsg-tables gadsg-convergence gadsg-generalization
for name in tables convergence generalization; do check_notebook "gadsg-$name"; done

# Every (profile, test scale) of the quick profile has all seven methods, each over 3 seeds.
rows=$(awk -F, 'NR > 1 && $9 == 3 { n++ } END { print n + 0 }' Results/gadsg-tables/summary.csv)
[ "$rows" -eq 42 ] || fail "summary.csv has $rows complete rows, expected 2 profiles × 3 scales × 7 methods = 42"
expect_figures gadsg-tables comparison
expect_figures gadsg-convergence figure_4 figure_5
expect_figures gadsg-generalization figure_6
echo "check-gadsg-quick: all three quick profiles ran, exported, rendered and re-ran fully cached"
