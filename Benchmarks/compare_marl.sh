#!/usr/bin/env bash
# Issue 17: one MAD2RL update (batch 64, M = 10, K = 5, widths 64, mixer 32: critic + mixer +
# actor through the chain + soft targets), OffloadLab next to its PyTorch twin (mad2rl_torch.py).
# First both run the same update from the same parameters, batch and noise and must agree:
# losses and gradient norms to 1e-5 relative, or the script stops. Then both are timed,
# alternating round by round, with 1 and 2 threads (see compare_twin.sh).
# Usage: Benchmarks/compare_marl.sh [--rounds N (5)] [--updates N (50)]
exec "$(dirname "$0")/compare_twin.sh" MARLBench mad2rl_torch.py updates 5 50 "$@"
