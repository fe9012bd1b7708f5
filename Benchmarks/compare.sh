#!/usr/bin/env bash
# Side-by-side: the same GNN training step in OffloadLab and in PyTorch CPU, in one invocation.
# Usage: Benchmarks/compare.sh [--threads N] [--steps N] [--rounds N]
# Runs never in CI. PyTorch goes into Benchmarks/.venv (about 5 GB: PyPI serves the CUDA build,
# which runs on CPU). Set TORCH_VENV to reuse an existing virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1 steps=20 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product OffloadBench >&2
out=$(mktemp)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Alternate the frameworks so both see the same background load.
for r in $(seq "$rounds"); do
  .build/release/OffloadBench --threads "$threads" --steps "$steps" >> "$out"
  "$venv/bin/python" Benchmarks/torch_step.py --threads "$threads" --steps "$steps" 2>/dev/null >> "$out"
done
.build/release/OffloadBench --gemm >> "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
steps = [r for r in rows if "step_ms" in r]
def med(fw, key):
    return statistics.median(r[key] for r in steps if r["framework"] == fw)
print("| phase (median ms per step) | OffloadLab | PyTorch | ratio |")
print("|---|---|---|---|")
for key, name in [("forward_ms", "forward"), ("backward_ms", "backward"), ("optimizer_ms", "optimizer"), ("step_ms", "whole step")]:
    a, b = med("offloadlab", key), med("pytorch", key)
    print(f"| {name} | {a:.1f} | {b:.1f} | {a / b:.2f} |")
per_round = [r["step_ms"] for r in steps if r["framework"] == "offloadlab"], [r["step_ms"] for r in steps if r["framework"] == "pytorch"]
print()
print("rounds (step ms): OffloadLab " + ", ".join(f"{x:.1f}" for x in per_round[0]) + "; PyTorch " + ", ".join(f"{x:.1f}" for x in per_round[1]))
print()
print("| sgemm shape M×K×N | C=A·B GFLOP/s | dW=Xᵀ·dY GFLOP/s |")
print("|---|---|---|")
for r in rows:
    if "gemm" in r:
        print(f"| {r['gemm']} | {r['c_gflops']:.0f} | {r['dw_gflops']:.0f} |")
PY
rm -f "$out"
