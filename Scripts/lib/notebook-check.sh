# Shared by the CI notebook checks (Scripts/check-*-quick.sh); source it from the repository root.
#
#   check_setup NAME NOTEBOOK...  builds the release `lab`, copies the notebooks into a scratch
#                                 directory with its own store (so the committed Results/ and
#                                 Figures/ are never touched) and moves there; `fail` then prefixes
#                                 its message with NAME
#   check_notebook NOTEBOOK [BUDGET]
#                                 runs Notebooks/NOTEBOOK.md's default (quick) profile; over BUDGET
#                                 seconds of wall time (default 180, the quick profiles' budget) it
#                                 warns, since a shared or loaded machine can be slower, and over
#                                 three times BUDGET it fails, since that is a quick profile grown
#                                 out of its size, not load; a second `lab run` must be fully cached
#                                 and rewrite no file, and the report must render
#   rows TABLE                    data rows of $results/TABLE.csv
#   expect_rows TABLE N           fails unless $results/TABLE.csv has N data rows
#   expect_figures DIR NAME...    fails unless Figures/DIR/NAME.{png,pdf,svg} all exist and are not empty
#
# After check_setup: $lab (the binary) and $scratch; after check_notebook: $nb (the notebook's
# path) and $seconds (the first run's wall time).

check_setup() {
  check_name=$1; shift
  swift build -c release --product lab
  lab="$PWD/.build/release/lab"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/Notebooks"
  for notebook in "$@"; do cp "Notebooks/$notebook.md" "$scratch/Notebooks/"; done
  cd "$scratch"
  export LAB_STORE="$scratch/store.sqlite"
}

fail() { echo "$check_name: $*" >&2; exit 1; }

rows() { awk 'END { print NR - 1 }' "$results/$1.csv"; }

expect_rows() {
  [ -s "$results/$1.csv" ] || fail "missing $results/$1.csv"
  local n; n=$(rows "$1")
  [ "$n" -eq "$2" ] || fail "$1.csv has $n rows, expected $2"
}

expect_figures() {
  local dir=$1 name ext; shift
  for name in "$@"; do
    for ext in png pdf svg; do [ -s "Figures/$dir/$name.$ext" ] || fail "missing Figures/$dir/$name.$ext"; done
  done
}

check_notebook() {
  local name=$1 budget=${2:-180}
  nb="Notebooks/$name.md"
  local start; start=$(date +%s)
  "$lab" run --quiet "$nb" > "run-$name.log" 2>&1 || { cat "run-$name.log"; fail "$name.md failed"; }
  seconds=$(( $(date +%s) - start ))
  echo "$name.md (quick): $(tail -n 1 "run-$name.log") [$seconds s wall]"
  if [ "$seconds" -ge $(( 3 * budget )) ]; then
    fail "the quick profile of $name.md took $seconds s, over three times its $budget s budget"
  elif [ "$seconds" -ge "$budget" ]; then
    echo "$check_name: warning: the quick profile of $name.md took $seconds s, over its $budget s budget (load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown))" >&2
  fi
  "$lab" run --quiet "$nb" > "rerun-$name.log" 2>&1 || { cat "rerun-$name.log"; fail "second run of $name.md failed"; }
  local last; last=$(tail -n 1 "rerun-$name.log")
  [[ "$last" == *" hit in "* && "$last" != *" ran"* ]] || fail "second run of $name.md was not fully cached: $last"
  ! grep -q "wrote:" "rerun-$name.log" || fail "second run of $name.md rewrote files: $(grep "wrote:" "rerun-$name.log")"
  "$lab" render "$nb" > /dev/null || fail "$name.md does not render"
}
