#!/usr/bin/env bash
# Shared by compare_marl.sh and compare_planner.sh: a Swift bench product and its PyTorch twin.
# First the product writes one computation's parameters, batch and noise as safetensors into a
# temporary folder (`PRODUCT twin DIR`) and the twin checks it computes the same (`--check DIR`,
# which stops the script on a mismatch). Then both are timed, alternating round by round so they
# see the same background load, with 1 and 2 threads (`PRODUCT time THREADS COUNT` and
# `--time DIR --threads THREADS --COUNT_NAME COUNT`).
# Usage: Benchmarks/compare_twin.sh PRODUCT TWIN.py COUNT_NAME ROUNDS COUNT [--rounds N] [--COUNT_NAME N]
# Runs never in CI. PyTorch goes into Benchmarks/.venv unless TORCH_VENV names one with torch.
set -euo pipefail
cd "$(dirname "$0")/.."
product=$1 twin=$2 count_name=$3 rounds=$4 count=$5 threads=1
shift 5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    "--$count_name") count=$2; shift 2 ;;
    *) echo "unknown argument $1 (expected --rounds N or --$count_name N)" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product "$product" >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(getconf _NPROCESSORS_ONLN) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
".build/release/$product" twin "$dir"
"$venv/bin/python" "Benchmarks/$twin" --check "$dir"
for r in $(seq "$rounds"); do
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t ".build/release/$product" time "$t" "$count"
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$venv/bin/python" "Benchmarks/$twin" --time "$dir" --threads "$t" "--$count_name" "$count"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
