#!/usr/bin/env bash
# Installs OffloadLab's system libraries when missing and exports the OpenBLAS core type.
# Sourced by Scripts/run-main.sh and Scripts/test.sh; safe to run twice.
set -euo pipefail

need=()
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists cairo 2>/dev/null || need+=(libcairo2-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists libcmark-gfm 2>/dev/null || need+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need+=(libcmark-gfm-extensions-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# Optional: headless Chromium for the report screenshot tests (skipped with a message without it).
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
# Optional: a math font, so stretchy brackets in formulas stretch in the screenshots.
[ -f /usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf ] || want+=(fonts-lmodern)
updated=0
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq
    updated=1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing system packages; run as root or install them yourself:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 3
  fi
fi
if [ ${#want[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && [ -z "${OFFLOADLAB_NO_CHROMIUM:-}" ]; then
  # Never fatal: without Chromium the screenshot tests say they were skipped.
  echo "setup: installing ${want[*]} (optional, for the report screenshot tests)" >&2
  { [ "$updated" = 1 ] || apt-get update -qq; } >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null 2>&1 \
    || echo "setup: ${want[*]} is unavailable; the report screenshot tests will be skipped" >&2
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
