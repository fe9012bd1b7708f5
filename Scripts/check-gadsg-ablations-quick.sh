#!/usr/bin/env bash
# CI check of Notebooks/gadsg-ablations.md's quick profile (its front-matter defaults) with a
# release build: it runs to the end in a scratch directory with its own store, a second run is
# fully cached and rewrites no file, it renders, and the values it just computed satisfy the
# paper's qualitative claims (issue 21, item 8):
# - GADSG's mean cost ratio is below RE's and AO's on every quick scale;
# - every solution of every method is feasible (no infinite ratio on any instance);
# - every test reference is a certified optimum.
# These are the paper's claims, not thresholds fitted to an outcome: no margin is used.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/notebook-check.sh
check_setup check-gadsg-ablations-quick gadsg-ablations
check_notebook gadsg-ablations

summary=Results/gadsg-ablations/summary.csv
references=Results/gadsg-ablations/references.csv
[ -s "$summary" ] && [ -s "$references" ] || fail "missing $summary or $references"
# column NAME of a CSV header line
col() { head -n 1 "$1" | tr ',' '\n' | grep -n -x "$2" | cut -d: -f1; }
ratio=$(col "$summary" ratio); worst=$(col "$summary" worst_ratio); cert=$(col "$summary" certified)
variant=$(col "$summary" variant); scale=$(col "$summary" scale)
scales=$(awk -F, -v s="$scale" 'NR > 1 { print $s }' "$summary" | sort -u)
[ -n "$scales" ] || fail "$summary has no rows"
for sc in $scales; do
  get() { awk -F, -v s="$scale" -v v="$variant" -v r="$ratio" -v sc="$sc" -v m="$1" 'NR > 1 && $s == sc && $v == m { print $r }' "$summary"; }
  g=$(get gadsg); re=$(get random); ao=$(get ao)
  [ -n "$g" ] && [ -n "$re" ] && [ -n "$ao" ] || fail "$sc lacks gadsg, random or ao in $summary"
  awk -v g="$g" -v re="$re" -v ao="$ao" 'BEGIN { exit !(g < re && g < ao) }' \
    || fail "on $sc GADSG's ratio $g is not below RE's ($re) and AO's ($ao)"
  echo "  $sc: GADSG $g < RE $re and AO $ao"
done
awk -F, -v w="$worst" 'NR > 1 && !($w + 0 < 1e300) { bad = bad " " $0 } END { if (bad != "") { print "infeasible:" bad; exit 1 } }' "$summary" \
  || fail "some method left an instance without a feasible solution"
awk -F, -v c="$cert" 'NR > 1 && $c != 1 && $c != "1.0" { bad = 1 } END { exit bad }' "$summary" || fail "a summary row has an uncertified reference"
rc=$(col "$references" certified_mean)
awk -F, -v c="$rc" 'NR > 1 && $c != 1 && $c != "1.0" { bad = 1 } END { exit bad }' "$references" || fail "a test reference is not certified: $(cat "$references")"
expect_figures gadsg-ablations attribution_figure learning_rate_figure figure_6_seeds
echo "check-gadsg-ablations-quick: ran, exported, rendered, re-ran fully cached; GADSG < RE and AO on every scale, all feasible, all certified"
