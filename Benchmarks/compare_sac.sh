#!/usr/bin/env bash
# Side-by-side: one SAC update (twin Q + policy + temperature) in OffloadLab and in PyTorch CPU,
# after checking that PyTorch, started from OffloadLab's parameters, batches and noise, ends three
# updates with the same losses and parameters.
# Usage: Benchmarks/compare_sac.sh [--threads N] [--hidden N] [--batch N] [--steps N] [--rounds N]
# Runs never in CI. Set TORCH_VENV to reuse an existing virtual environment with PyTorch.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1 hidden=256 batch=256 steps=50 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --hidden) hidden=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product SACBench >&2
out=$(mktemp) check=$(mktemp -d)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
.build/release/SACBench --hidden "$hidden" --batch "$batch" --steps 1 --warmup 0 --export "$check" > /dev/null
"$venv/bin/python" Benchmarks/sac_torch.py --hidden "$hidden" --batch "$batch" --steps 1 --warmup 0 --check "$check" 2>/dev/null >> "$out"
for r in $(seq "$rounds"); do
  .build/release/SACBench --hidden "$hidden" --batch "$batch" --steps "$steps" >> "$out"
  "$venv/bin/python" Benchmarks/sac_torch.py --threads "$threads" --hidden "$hidden" --batch "$batch" --steps "$steps" >> "$out"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
c = next(r for r in rows if "param_max_abs_diff" in r)
print(f"agreement after 3 updates: losses within {c['metric_rel_diff']:.1e} (relative), parameters within {c['param_max_abs_diff']:.1e} "
      f"({100 * c['param_frac_above_1e5']:.3f}% differ by more than 1e-5)")
timed = [r for r in rows if "param_max_abs_diff" not in r]
ours = [r["update_ms"] for r in timed if r["framework"] == "offloadlab"]
theirs = [r["update_ms"] for r in timed if r["framework"] == "pytorch"]
a, b = statistics.median(ours), statistics.median(theirs)
print(f"| ms per update (median of rounds) | OffloadLab | PyTorch | ratio |\n|---|---|---|---|\n| hidden {timed[0]['hidden']}, batch {timed[0]['batch']} | {a:.2f} | {b:.2f} | **{a / b:.2f}** |")
print("rounds: OffloadLab " + ", ".join(f"{x:.2f}" for x in ours) + "; PyTorch " + ", ".join(f"{x:.2f}" for x in theirs))
PY
rm -rf "$out" "$check"
