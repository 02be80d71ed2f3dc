#!/usr/bin/env bash
# Builds the Java peers (DJL on PyTorch, DL4J on ND4J) and runs the course recipe in each, one
# thread, offline; prints their RESULT lines (progress on stderr). compare.sh calls this.
#
# Usage: benchmarks/java-peers/run.sh [--data DIR] [--epochs N] [--no-build] [djl|dl4j]...
#   Environment: JAVA (default: java on PATH), MNIST_DIR.
# The first build downloads ~1.3 GB of jars into ~/.m2 (libtorch, ND4J and its JavaCPP presets);
# nothing is downloaded at run time: DJL runs with ai.djl.offline=true and extracts libtorch from
# the pytorch-native-cpu jar into target/djl-cache; ND4J extracts its natives into target/javacpp.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
JAVA="${JAVA:-java}"
data="${MNIST_DIR:-/work/shared/data/mnist}"
epochs=3
build=1
peers=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift ;;
    --epochs) epochs="$2"; shift ;;
    --no-build) build=0 ;;
    djl|dl4j) peers+=("$1") ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "java-peers/run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#peers[@]} -gt 0 ] || peers=(djl dl4j)
if [ "$build" = 1 ] || [ ! -f "$here/target/classpath.txt" ]; then
  (cd "$here" && mvn -B -q -Dstyle.color=never package >&2)
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
# One thread everywhere: OpenMP (libtorch, libnd4j), OpenBLAS and MKL.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# As run_peers.sh: let OpenBLAS pick the kernel for this CPU.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
run() { echo "# jvm $*" >&2; "$@"; }   # the command line goes to the log (compare.sh keeps it)
for p in "${peers[@]}"; do
  case "$p" in
    djl)
      run "$JAVA" -Xms2g -Xmx4g -Dai.djl.offline=true -DDJL_CACHE_DIR="$here/target/djl-cache" \
        -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$cp" dev.chainrule.peers.CourseDjl --data "$data" --epochs "$epochs" ;;
    dl4j)
      run "$JAVA" -Xms2g -Xmx4g -Dorg.bytedeco.javacpp.cachedir="$here/target/javacpp" \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$cp" dev.chainrule.peers.CourseDl4j --data "$data" --epochs "$epochs" ;;
  esac
done
