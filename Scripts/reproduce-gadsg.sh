#!/usr/bin/env bash
# Reproduces the GADSG paper's Tables IV-V and Figures 4-6 with the three GADSG notebooks.
#
#   Scripts/reproduce-gadsg.sh quick   # the front-matter defaults: a few minutes; writes Results/gadsg-*/,
#                                      # Figures/gadsg-*/ and Reports/gadsg-*.html
#   Scripts/reproduce-gadsg.sh full    # the committed results: about 1.5 hours on 2 cores; writes the
#                                      # parameter-keyed folders Results/gadsg-*/<params-digest>/ and
#                                      # Figures/gadsg-*/<params-digest>/ (with params.json) and
#                                      # Reports/gadsg-*/<params-digest>.html
#
# The full profile runs the two environment profiles (paper, balanced) as two `lab run`
# processes at once, one per core, on the same store; every training and solve is memoised in
# it, and they write no files (--no-exports). The final pass runs each notebook with both
# profiles: everything it needs is already in the store, so it only assembles the tables and
# figures, writes them and renders the reports.
# Set LAB_STORE to use another store (default .lab/store.sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-quick}"
lab=.build/release/lab
[ -x "$lab" ] || swift build -c release --product lab

full_params=(
  --param 'train_scales=["gs2_gu4_au2", "gs2_gu5_au3", "gs3_gu6_au4", "gs3_gu7_au5"]'
  --param train_count=4000 --param validation_count=64 --param epochs=16
)
test_params=(
  --param 'test_scales=["gs2_gu4_au2", "gs2_gu5_au3", "gs3_gu6_au4", "gs3_gu7_au5", "gs6_gu14_au10", "gs6_gu16_au11", "gs9_gu19_au12", "gs9_gu20_au13"]'
  --param test_count=300
)
trained_on=(--param 'trained_on=["gs2_gu4_au2", "gs2_gu5_au3", "gs3_gu6_au4", "gs3_gu7_au5", "gs3_gu7_au5", "gs3_gu7_au5", "gs3_gu7_au5", "gs3_gu7_au5"]')

tables=("${full_params[@]}" "${test_params[@]}" "${trained_on[@]}")
convergence=("${full_params[@]}" --param loss_window=25)
generalization=("${full_params[@]}" "${test_params[@]}")

case "$profile" in
quick)
  for nb in tables convergence generalization; do "$lab" run "Notebooks/gadsg-$nb.md"; "$lab" render "Notebooks/gadsg-$nb.md"; done
  ;;
full)
  # One process per environment profile (each is single-threaded), sharing the store.
  mkdir -p .lab
  pids=()
  for p in paper balanced; do
    (
      "$lab" run Notebooks/gadsg-tables.md --quiet --no-exports --param "profiles=[\"$p\"]" "${tables[@]}"
      "$lab" run Notebooks/gadsg-generalization.md --quiet --no-exports --param "profiles=[\"$p\"]" "${generalization[@]}"
    ) > ".lab/reproduce-$p.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { echo "a profile run failed; see .lab/reproduce-*.log" >&2; exit 1; }; done
  # Both profiles together: every memoised call is a store hit.
  "$lab" run Notebooks/gadsg-tables.md "${tables[@]}"
  "$lab" run Notebooks/gadsg-convergence.md "${convergence[@]}"
  "$lab" run Notebooks/gadsg-generalization.md "${generalization[@]}"
  "$lab" render Notebooks/gadsg-tables.md "${tables[@]}"
  "$lab" render Notebooks/gadsg-convergence.md "${convergence[@]}"
  "$lab" render Notebooks/gadsg-generalization.md "${generalization[@]}"
  ;;
*)
  echo "usage: Scripts/reproduce-gadsg.sh [quick|full]" >&2
  exit 2
  ;;
esac
