#!/usr/bin/env bash
# Runs every peer benchmark once and prints their RESULT lines (progress goes to stderr).
#
# Environment it sets up (documented in README.md):
#   - Debian's interpreter /usr/bin/python3 (override with PYTHON=...), not a pyenv shim: the
#     Debian packages python3-numpy, python3-torch, python3-threadpoolctl and libopenblas0-pthread
#     are installed there (apt-get install -y python3-numpy python3-torch python3-threadpoolctl
#     libopenblas0-pthread). Without libopenblas0-pthread both NumPy and torch use the reference
#     BLAS and every number here is meaningless; the scripts print the BLAS they found.
#   - one thread everywhere (THREADS=1 default): each script pins OPENBLAS/OMP/MKL_NUM_THREADS
#     before NumPy loads, torch.set_num_threads(THREADS), and threadpoolctl verifies it.
#   - OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset together for the measurement so OpenBLAS
#     picks the kernel for this CPU; pass --keep-openblas-env to measure with them as inherited.
#   - MNIST from --data DIR, else $MNIST_DIR, else /work/shared/data/mnist.
#
# Usage: benchmarks/python/run_peers.sh [--keep-openblas-env] [--data DIR] [--seed N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
THREADS="${THREADS:-1}"
seed=1
keep_env=0
data="${MNIST_DIR:-/work/shared/data/mnist}"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-openblas-env) keep_env=1 ;;
    --data) data="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    *) echo "run_peers.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
if [ "$keep_env" = 0 ]; then
  unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
fi
"$PYTHON" -c 'import numpy, torch' 2>/dev/null || {
  echo "run_peers.sh: $PYTHON lacks numpy or torch; apt-get install -y python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread" >&2
  exit 1
}
echo "# $(date -u +%Y-%m-%dT%H:%MZ) cpu='$(lscpu | sed -n 's/^Model name: *//p' | head -1)' python=$PYTHON threads=$THREADS OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-<unset>}" >&2

common=(--seed "$seed" --threads "$THREADS")
run() { "$PYTHON" "$here/$1" "${@:2}" | grep '^RESULT '; }
run sgemm_numpy.py "${common[@]}"
run course_numpy_per_sample.py "${common[@]}" --data "$data" --epochs 1
run course_numpy_minibatch.py "${common[@]}" --data "$data" --epochs 1
run course_torch.py "${common[@]}" --data "$data" --epochs 1
