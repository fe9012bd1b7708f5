#!/usr/bin/env bash
# Issue 7: GADSG / GDSG diffusion training step and P = 8 inference, OffloadLab next to PyTorch CPU.
# Usage: Benchmarks/compare_diffusion.sh [--threads N] [--steps N] [--warmup N] [--rounds N]
#                                        [--infer-repeats N] [--model gadsg|gdsg|both]
# Runs never in CI. PyTorch goes into Benchmarks/.venv (about 5 GB) unless TORCH_VENV names an
# existing virtual environment with torch. Both frameworks train on the same 32 labelled
# gs2_gu5_au3 instances (DiffusionBench --dump), alternating round by round.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1 steps=20 warmup=3 rounds=3 repeats=5 model=both
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --infer-repeats) repeats=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source Benchmarks/torch-env.sh
swift build -c release --product DiffusionBench >&2
out=$(mktemp) data=$(mktemp --suffix=.json) check=$(mktemp --suffix=.json)
trap 'rm -f "$out" "$data" "$check"' EXIT
.build/release/DiffusionBench --dump "$data"
# Faithfulness first: the twin, loaded with OffloadLab's parameters, must give the same output,
# loss terms and gradient norm on the benchmark batch (exits non-zero otherwise).
.build/release/DiffusionBench --check "$check"
"$venv/bin/python" Benchmarks/diffusion_torch.py --data "$data" --check "$check" 2>/dev/null | tee -a "$out" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $load_before" >&2
args=(--threads "$threads" --steps "$steps" --warmup "$warmup" --infer-repeats "$repeats" --model "$model")
# Alternate the frameworks so both see the same background load.
for r in $(seq "$rounds"); do
  .build/release/DiffusionBench "${args[@]}" | tee -a "$out" >&2
  expect=$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get("framework") == "offloadlab" and r.get("kind") == "train":
        print("--expect-" + r["model"], r["parameters"], end=" ")' "$out")
  # shellcheck disable=SC2086
  "$venv/bin/python" Benchmarks/diffusion_torch.py --data "$data" "${args[@]}" $expect 2>/dev/null | tee -a "$out" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after: $load_after" >&2
python3 - "$out" "$threads" "$steps" "$warmup" "$rounds" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
threads, steps, warmup, rounds, before, after = sys.argv[2:8]
version = next((r["version"] for r in rows if "version" in r), "?")
print(f"{rounds} rounds alternating, per round {steps} steps after {warmup} warm-up, batch 32, threads {threads}; "
      f"PyTorch {version}; load (1/5/15 min) before {before}, after {after}")
for r in rows:
    if "check" in r:
        print(f"twin check {r['check']}: OffloadLab's parameters loaded into PyTorch give max |Δoutput| {r['max_abs_output_diff']:.1e} "
              f"(outputs up to {r['output_scale']:.2f}), loss {r['ce'][0] + r['mse'][0]:.6f} vs {r['ce'][1] + r['mse'][1]:.6f}, "
              f"gradient norm {r['grad_norm'][0]:.6f} vs {r['grad_norm'][1]:.6f}")
rows = [r for r in rows if "check" not in r]
def pick(fw, model, kind, **kw):
    return [r for r in rows if r["framework"] == fw and r["model"] == model and r["kind"] == kind
            and all(r.get(k) == v for k, v in kw.items())]
def med(rs, key):
    return statistics.median(r[key] for r in rs)
for model in ["gadsg", "gdsg"]:
    a, b = pick("offloadlab", model, "train"), pick("pytorch", model, "train")
    if not a or not b:
        continue
    print()
    print(f"**{model.upper()}** (H 64, L 4{', K 4' if model == 'gadsg' else ''}, heads [2, 1]) — "
          f"parameters: OffloadLab {a[0]['parameters']:,}, PyTorch {b[0]['parameters']:,}")
    print()
    print("| training phase (median ms per step) | OffloadLab | PyTorch | ratio |")
    print("|---|---|---|---|")
    for key, name in [("data_ms", "data (targets, noising)"), ("forward_ms", "forward + loss"), ("backward_ms", "backward"),
                      ("optimizer_ms", "clip + AdamW"), ("step_ms", "whole step")]:
        x, y = med(a, key), med(b, key)
        print(f"| {name} | {x:.2f} | {y:.2f} | {x / y:.2f} |")
    x, y = med(a, "instances_per_s"), med(b, "instances_per_s")
    print(f"| **instances/s** | **{x:.0f}** | **{y:.0f}** | {y / x:.2f} (time ratio) |")
    print()
    print("rounds (step ms): OffloadLab " + ", ".join(f"{r['step_ms']:.1f}" for r in a)
          + "; PyTorch " + ", ".join(f"{r['step_ms']:.1f}" for r in b))
    print()
    print("| inference, P = 8, 5 steps (median ms per instance) | OffloadLab | PyTorch | ratio |")
    print("|---|---|---|---|")
    for n in [32, 1]:
        ia, ib = pick("offloadlab", model, "infer", instances=n), pick("pytorch", model, "infer", instances=n)
        if not ia or not ib:
            continue
        for key, name in [("network_ms_per_instance", "network only (5 forward passes)"),
                          ("sample_ms_per_instance", "sampler (network + posterior draws)")]:
            x, y = med(ia, key), med(ib, key)
            print(f"| {n} instance{'s' if n > 1 else ''} × 8 rows: {name} | {x:.2f} | {y:.2f} | {x / y:.2f} |")
        print(f"| {n} instance{'s' if n > 1 else ''} × 8 rows: decode + repair + score only | "
              f"{med(ia, 'decode_repair_ms_per_instance'):.2f} | — | — |")
        print(f"| {n} instance{'s' if n > 1 else ''} × 8 rows: solve (sampler + decode + repair) | "
              f"{med(ia, 'solve_ms_per_instance'):.2f} | — | — |")
PY
