#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Sources/*), replays the committed corpus (Fuzz/Corpus/<target>/)
# and fuzzes each target briefly. Usage:
#   Scripts/fuzz.sh                 # CI: replay + 20 s per target (about 2 minutes in all, plus the build)
#   Scripts/fuzz.sh --runs N        # instead of 20 s each, N executions per target (e.g. 1000000)
#   Scripts/fuzz.sh --target NAME   # one target only
# New inputs found while fuzzing go to .build-fuzz/corpus/<target>/, never into the committed corpus;
# crashes are written to .build-fuzz/artifacts/ and fail the script.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

targets=(FuzzNotebook FuzzLAENetInstance FuzzLAENetSolution FuzzAIGCDrop FuzzMSCOLine)
budget=(-max_total_time=20)
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) budget=(-runs="$2"); shift 2 ;;
    --seconds) budget=(-max_total_time="$2"); shift 2 ;;
    --target) targets=("$2"); shift 2 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# libFuzzer's runtime ships with the Swift toolchain's clang (libclang_rt.fuzzer-*.a): no package needed.
export OFFLOADLAB_FUZZ=1
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
# (lld: gold fails with an internal error on these sanitizer-instrumented links.)
for t in "${targets[@]}"; do swift build "${flags[@]}" --product "$t"; done
bin=$(swift build "${flags[@]}" --show-bin-path)

mkdir -p .build-fuzz/artifacts
status=0
for t in "${targets[@]}"; do
  corpus=Fuzz/Corpus/$t
  work=.build-fuzz/corpus/$t
  mkdir -p "$work"
  echo "== $t: replaying $(ls "$corpus" | wc -l) corpus files"
  # -runs=0 executes every corpus file once; any crash, leak or input slower than 1 s fails.
  ASAN_OPTIONS=detect_leaks=1 "$bin/$t" -timeout=1 -rss_limit_mb=2048 -runs=0 "$corpus" > ".build-fuzz/$t-replay.log" 2>&1 \
    || { status=1; tail -40 ".build-fuzz/$t-replay.log"; }
  echo "== $t: fuzzing (${budget[*]})"
  if ASAN_OPTIONS=detect_leaks=1 "$bin/$t" -timeout=1 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
      -artifact_prefix=".build-fuzz/artifacts/$t-" "${budget[@]}" "$work" "$corpus" > ".build-fuzz/$t.log" 2>&1; then
    grep -E "^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)" ".build-fuzz/$t.log" || true
    grep -E "^#[0-9]+" ".build-fuzz/$t.log" | tail -1 || true
  else
    status=1
    tail -40 ".build-fuzz/$t.log"
  fi
done
exit $status
