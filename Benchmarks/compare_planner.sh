#!/usr/bin/env bash
# Issue 18: DiffLoader planner training step and guided planning decision, OffloadLab next to a
# PyTorch twin of the same architecture (same parameter count), alternating round by round.
# Usage: Benchmarks/compare_planner.sh [--threads N] [--steps N] [--decisions N] [--rounds N]
# Runs never in CI. PyTorch goes into Benchmarks/.venv (about 5 GB) unless TORCH_VENV names an
# existing virtual environment with torch.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1 steps=20 decisions=10 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --decisions) decisions=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product PlannerBench >&2
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  .build/release/PlannerBench "$steps" "$decisions" "$threads"
  "$venv/bin/python" Benchmarks/planner_torch.py --steps "$steps" --decisions "$decisions" --threads "$threads" 2>/dev/null
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
