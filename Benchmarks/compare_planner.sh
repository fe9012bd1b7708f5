#!/usr/bin/env bash
# Issue 18: DiffLoader planner training step (64 windows, PlannerConfiguration's defaults) and
# guided sampling call (K steps x 2 network rows), OffloadLab next to its PyTorch twin
# (planner_torch.py). First both compute the same step and sampling call from the same
# parameters, batch and noise (OffloadLab writes them as safetensors into a temporary folder)
# and must agree: loss, gradient norm and plan to 1e-5 relative, or the script stops. Then both
# are timed, alternating round by round, with 1 and 2 threads.
# Usage: Benchmarks/compare_planner.sh [--rounds N] [--steps N]
# Runs never in CI. PyTorch goes into Benchmarks/.venv unless TORCH_VENV names one with torch.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 steps=20 threads=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product PlannerBench >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/PlannerBench twin "$dir"
"$venv/bin/python" Benchmarks/planner_torch.py --check "$dir"
for r in $(seq "$rounds"); do
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t .build/release/PlannerBench time "$t" "$steps"
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$venv/bin/python" Benchmarks/planner_torch.py --time "$dir" --threads "$t" --steps "$steps"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
