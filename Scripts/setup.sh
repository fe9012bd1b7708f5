#!/usr/bin/env bash
# Installs OffloadLab's system libraries when missing and exports the OpenBLAS core type.
# Sourced by Scripts/run-main.sh and Scripts/test.sh; safe to run twice.
set -euo pipefail

need=()
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists cairo 2>/dev/null || need+=(libcairo2-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing system packages; run as root or install them yourself:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 3
  fi
fi

# Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and silently runs SSE3 kernels
# (4-5x slower). It reads OPENBLAS_CORETYPE before main, so export it here.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  has() { [[ " $flags " == *" $1 "* ]]; }
  if has avx512f && has avx512bw && has avx512dq && has avx512vl; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif has avx2; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
