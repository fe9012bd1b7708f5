#!/usr/bin/env bash
# Issue 18: DiffLoader planner training step (64 windows, PlannerConfiguration's defaults) and
# guided sampling call (K steps x 2 network rows), OffloadLab next to its PyTorch twin
# (planner_torch.py). First both compute the same step and sampling call from the same
# parameters, batch and noise and must agree: loss, gradient norm and plan to 1e-5 relative, or
# the script stops. Then both are timed, alternating round by round, with 1 and 2 threads (see
# compare_twin.sh).
# Usage: Benchmarks/compare_planner.sh [--rounds N (3)] [--steps N (20)]
exec "$(dirname "$0")/compare_twin.sh" PlannerBench planner_torch.py steps 3 20 "$@"
