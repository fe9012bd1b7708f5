#!/usr/bin/env bash
# Sourced by the compare scripts: the OpenBLAS core type, thread counts and a virtual
# environment with PyTorch (Benchmarks/.venv, about 5 GB: PyPI serves the CUDA build, which runs
# on CPU; set TORCH_VENV to reuse an existing one). Expects $threads; sets $venv.
source Scripts/setup.sh
export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE
venv=${TORCH_VENV:-Benchmarks/.venv}
# The twins (mad2rl_torch.py, planner_torch.py) read OffloadLab's parameters with safetensors.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch, safetensors, numpy" 2>/dev/null; then
  echo "installing PyTorch, safetensors and numpy into $venv (about 5 GB; a local CPU wheel is much smaller)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q torch safetensors numpy
fi
