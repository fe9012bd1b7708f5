#!/usr/bin/env bash
# Issue 17: one MAD2RL update (batch 64, M = 10, K = 5, widths 64, mixer 32: critic + mixer +
# actor through the chain + soft targets), OffloadLab next to its PyTorch twin (mad2rl_torch.py).
# First both run the same update from the same parameters, batch and noise (OffloadLab writes
# them as safetensors into a temporary folder) and must agree: losses and gradient norms to 1e-5
# relative, or the script stops. Then both are timed, alternating round by round, with 1 and 2
# threads. Usage: Benchmarks/compare_marl.sh [--rounds N] [--updates N]
# Runs never in CI. PyTorch goes into Benchmarks/.venv unless TORCH_VENV names one with torch.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5 updates=50 threads=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --updates) updates=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product MARLBench >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/MARLBench twin "$dir"
"$venv/bin/python" Benchmarks/mad2rl_torch.py --check "$dir"
for r in $(seq "$rounds"); do
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t .build/release/MARLBench time "$t" "$updates"
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$venv/bin/python" Benchmarks/mad2rl_torch.py --time "$dir" --threads "$t" --updates "$updates"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
