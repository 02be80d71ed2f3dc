#!/usr/bin/env bash
# Chainrule vs its peers, on this machine, in one invocation; prints one table of ratios
# (ours / peer) with the issue's targets and writes benchmarks/RESULTS.md.
#
#   1. builds the reactor (mvn -q -DskipTests package, JDK 17);
#   2. the course recipe on MNIST through the Trainer (CourseEpochTimer): median warm epoch, and
#      the whole 30-epoch run with per-epoch test evaluation, on JDK 17 and on the newest JDK;
#   3. the Python peers (python/run_peers.sh: NumPy per-sample and mini-batch, PyTorch CPU, all
#      one thread, and single-thread NumPy/OpenBLAS sgemm at the course shapes and squares), each
#      reporting the BLAS it loaded; a peer not on OpenBLAS is marked invalid in the table;
#   3b. the Java peers (java-peers/run.sh: DJL on PyTorch, DL4J on ND4J; a separate Maven project
#      outside the reactor, built here unless --no-java-peers), one thread, checked to learn;
#   4. JMH with short settings on both JDKs: GemmBench at the MNIST shapes and 512^3,
#      ElementwiseBench exp/sigmoid against the Math.exp / Math-sigmoid loops, ReduceBench sum,
#      TrainingStepBench (one SGD step, batch 10 and 100, warmed up until steady, and the step's two
#      large products alone), scalar and SIMD kernels; FmaPeakBench (one core's FMA peak);
#   4b. LimitProbe on both JDKs: FMA peak, training step and its two large products by CPU clock;
#   4c. convolution: LeNetCpuTime on both JDKs and python/lenet_cpu_torch.py (LeNet-5 step and its
#      two convolutions, forward + backward, batch 32 and 128, thread CPU time, one thread);
#   4d. sequences: an LSTM training step and an attention block (SequenceStepCpuTime, CPU clock, and
#       JMH SequenceStepBench, settings SEQ_JMH_OPTS, default "-f 1 -wi 8 -w 2 -i 5 -r 2") on both
#       JDKs against python/sequence_step_torch.py (PyTorch, 1 thread);
#   5. python3 compare_report.py: the table on stdout, RESULTS.md next to this script.
#
# Every JVM's command line and its full -XX:+PrintFlagsFinal go to the raw outputs (jvm-*.txt).
#
# Usage: benchmarks/compare.sh [--data DIR] [--no-build] [--no-java-peers] [--no-results-md] [--out DIR] [--with DIR]...
#   --with DIR   raw outputs of an earlier run (benchmarks/target/compare-*): adds a table of the
#                target ratios in every run, i.e. the run-to-run spread (repeatable)
# Environment: JDK17 (default /usr/lib/jvm/java-17-openjdk-amd64), JDK_NEWEST (default
#   /usr/lib/jvm/temurin-25-jdk-amd64), MNIST_DIR (default /work/shared/data/mnist),
#   PYTHON (default /usr/bin/python3), JMH_OPTS (default "-f 1 -wi 3 -w 1 -i 5 -r 1"),
#   TRAIN_JMH_OPTS (TrainingStepBench, after its own warm-up until steady; default
#   "-f 1 -wi 2 -w 1 -i 5 -r 1"),
#   EPOCHS (course epochs timed, first is warm-up; default 5), JMH_LOCK_WAIT (seconds to wait
#   for another JMH run to finish, default 300; after that runs with -Djmh.ignoreLock=true and
#   says so in the notes).
# Takes about 20 minutes on 2 cores (the Java peers about 5 of them). Raw outputs stay in benchmarks/target/compare-<time>/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK_NEWEST="${JDK_NEWEST:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PYTHON="${PYTHON:-/usr/bin/python3}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1 -i 5 -r 1}"
TRAIN_JMH_OPTS="${TRAIN_JMH_OPTS:--f 1 -wi 2 -w 1 -i 5 -r 1}"
EPOCHS="${EPOCHS:-5}"
JMH_LOCK_WAIT="${JMH_LOCK_WAIT:-300}"
data="${MNIST_DIR:-/work/shared/data/mnist}"
build=1
java_peers=1
write_md=1
out=""
earlier=()
command_line="benchmarks/compare.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift ;;
    --no-build) build=0 ;;
    --no-java-peers) java_peers=0 ;;
    --no-results-md) write_md=0 ;;
    --out) out="$2"; shift ;;
    --with) earlier+=(--with "$(cd "$2" && pwd)"); shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-$root/benchmarks/target/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
jar="$root/benchmarks/target/benchmarks.jar"
started=$(date +%s)
log() { echo "[compare $(( $(date +%s) - started ))s] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
meta() { echo "$1=$2" >> "$out/meta.txt"; }

for j in "$JDK17" "$JDK_NEWEST"; do
  [ -x "$j/bin/java" ] || { echo "compare.sh: no JDK at $j (set JDK17 / JDK_NEWEST)" >&2; exit 1; }
done
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "compare.sh: no MNIST in $data (pass --data DIR or set MNIST_DIR)" >&2; exit 1; }

: > "$out/meta.txt"
meta date "$(date -u +%Y-%m-%dT%H:%MZ)"
meta command "$command_line"
meta git "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo " (uncommitted changes)")"
meta cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1) (family $(lscpu | sed -n 's/^CPU family: *//p' | head -1) model $(lscpu | sed -n 's/^Model: *//p' | head -1)), $(nproc) cores, AVX-512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
meta jdk17 "$("$JDK17/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p') ($("$JDK17/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p'))"
meta jdk_newest "$("$JDK_NEWEST/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p') ($("$JDK_NEWEST/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p'))"
meta jmh_opts "$JMH_OPTS"
meta train_jmh_opts "$TRAIN_JMH_OPTS (after warm-up until steady)"
meta epochs "$EPOCHS"
meta load_start "$(load)"

if [ "$build" = 1 ]; then
  log "building (mvn -q -DskipTests package, JDK 17)"
  if ! (cd "$root" && JAVA_HOME="$JDK17" mvn -q -DskipTests package > "$out/build.log" 2>&1); then
    grep -v '^WARNING: Using incubator modules' "$out/build.log" | tail -40 >&2
    echo "compare.sh: the build failed (log: $out/build.log)" >&2
    exit 1
  fi
fi
[ -f "$jar" ] || { echo "compare.sh: $jar missing; the build failed" >&2; exit 1; }

java_of() { if [ "$1" = 17 ]; then echo "$JDK17/bin/java"; else echo "$JDK_NEWEST/bin/java"; fi; }
# The JVM settings ./chainrule runs with (read from its jvm_opts line), plus one thread like the peers.
read -r -a launcher_opts <<< "$(sed -n 's/^jvm_opts="\(.*\)"$/\1/p' "$root/chainrule")"
vm_flags=(--add-modules jdk.incubator.vector "${launcher_opts[@]}" -Dchainrule.threads=1)
# Every JVM flag of the runs, as each JVM resolves them (ergonomics included).
for v in 17 newest; do
  { echo "# $(java_of $v) ${vm_flags[*]} ..."; "$(java_of $v)" "${vm_flags[@]}" -XX:+PrintFlagsFinal -version 2>&1; } > "$out/jvm-$v.txt"
done
meta vm_flags "${vm_flags[*]}"

# --- 2. course epochs (Java) and 3. peers ------------------------------------------------------
for v in 17 newest; do
  log "course epoch timer, JDK $v ($EPOCHS epochs)"
  "$(java_of $v)" "${vm_flags[@]}" -cp "$jar" dev.chainrule.benchmarks.training.CourseEpochTimer \
      --data "$data" --epochs "$EPOCHS" > "$out/epoch-$v.txt" 2> "$out/epoch-$v.log"
done
log "python peers (run_peers.sh)"
meta load_before_peers "$(load)"
PYTHON="$PYTHON" "$here/python/run_peers.sh" --data "$data" > "$out/peers.txt" 2> "$out/peers.log"
(unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; export OPENBLAS_NUM_THREADS=1; cd "$here/python"
 "$PYTHON" - <<'EOF' >> "$out/meta.txt" 2>/dev/null || true
import platform, sys, numpy, torch
import peer_env   # no threadpoolctl needed: the BLAS is read from the libraries this process mapped
numpy.ones((8, 8)) @ numpy.ones((8, 8))
b = peer_env.blas_in_use()
print("python=%s (%s)" % (platform.python_version(), sys.executable))
print("numpy=%s" % numpy.__version__)
print("torch=%s" % torch.__version__)
print("openblas=%s %s" % (b["blas"], b["blas_detail"]))
EOF
)
meta openblas_package "libopenblas0-pthread $(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo '?')"
for v in 17 newest; do
  log "full 30-epoch course run with per-epoch test evaluation, JDK $v"
  t0=$(date +%s.%N)
  "$(java_of $v)" "${vm_flags[@]}" -cp "$jar" dev.chainrule.benchmarks.training.CourseEpochTimer \
      --data "$data" --full > "$out/full-$v.txt" 2> "$out/full-$v.log"
  # the whole run as a user waits for it: JVM start, data loading, 30 epochs, 30 evaluations
  echo "RESULT name=chainrule_course_process seconds=$(awk "BEGIN { printf \"%.3f\", $(date +%s.%N) - $t0 }")" >> "$out/full-$v.txt"
done
if [ "$java_peers" = 1 ]; then
  log "Java peers (java-peers/run.sh: DJL, DL4J; 2 epochs each)"
  meta load_before_java_peers "$(load)"
  if ! JAVA="$JDK17/bin/java" "$here/java-peers/run.sh" --data "$data" --epochs 2 > "$out/java-peers.txt" 2> "$out/java-peers.log"; then
    log "Java peers failed (see $out/java-peers.log); their rows stay empty"
  fi
  # (not anchored: Maven's colour codes can precede the first line)
  grep -h -o '# jvm .*' "$out/java-peers.log" >> "$out/jvm-java-peers.txt" 2>/dev/null || true
fi

# --- 3c. distance to the limit (CPU clock: see LimitProbe) ---------------------------------------
for v in 17 newest; do
  log "LimitProbe (FMA peak, training step, its two large products), JDK $v"
  probe=("$(java_of $v)" --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -cp "$jar"
         dev.chainrule.benchmarks.training.LimitProbe)
  echo "# ${probe[*]}" > "$out/jvm-limit-$v.txt"
  "${probe[@]}" > "$out/limit-$v.txt" 2> "$out/limit-$v.log"
done

# --- 4c. convolution (issue 10: LeNet-5 step and its convolutions, CPU clock, one thread) -------
# LeNetCpuTime (ours, JDK 17 and newest) and python/lenet_cpu_torch.py (PyTorch, one thread, which
# also reports the conv kernel it ran, oneDNN's mkldnn_convolution, and its BLAS) at batch 32, 128.
for v in 17 newest; do
  log "LeNetCpuTime (LeNet-5 step, conv1, conv2; CPU clock), JDK $v"
  probe=("$(java_of $v)" --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -Dchainrule.threads=1 -cp "$jar"
         dev.chainrule.benchmarks.training.LeNetCpuTime)
  echo "# ${probe[*]}" > "$out/jvm-lenet-$v.txt"
  "${probe[@]}" > "$out/lenet-$v.txt" 2> "$out/lenet-$v.log"
done
log "PyTorch LeNet-5 step and convolutions (python/lenet_cpu_torch.py, one thread)"
meta load_before_lenet_torch "$(load)"
"$PYTHON" "$here/python/lenet_cpu_torch.py" > "$out/lenet-torch.txt" 2> "$out/lenet-torch.log" \
  || log "lenet_cpu_torch.py failed (see $out/lenet-torch.log); its rows stay empty"
# --- end 4c. convolution -----------------------------------------------------------------------

# --- 4. JMH ------------------------------------------------------------------------------------
# JMH holds /tmp/jmh.lock while it runs; another engineer's JMH run on this machine would skew
# both, so wait for it (up to JMH_LOCK_WAIT seconds), then run anyway and say so.
ignore_lock=()
jmh() {  # jmh VERSION NAME PATTERN [JMH args...]
  local v="$1" name="$2"; shift 2
  local waited=0
  while :; do
    # shellcheck disable=SC2086
    local opts="$JMH_OPTS"
    [ "$name" = train ] && opts="$TRAIN_JMH_OPTS"
    # shellcheck disable=SC2086
    if "$(java_of "$v")" "${ignore_lock[@]}" -jar "$jar" $opts "$@" -rf json -rff "$out/jmh-$name-$v.json" \
        > "$out/jmh-$name-$v.log" 2>&1; then
      return 0
    fi
    if grep -q 'Unable to acquire the JMH lock' "$out/jmh-$name-$v.log" && [ "$waited" -lt "$JMH_LOCK_WAIT" ]; then
      [ "$waited" = 0 ] && log "another JMH run holds /tmp/jmh.lock; waiting up to ${JMH_LOCK_WAIT}s"
      sleep 15; waited=$((waited + 15))
      continue
    fi
    if grep -q 'Unable to acquire the JMH lock' "$out/jmh-$name-$v.log"; then
      log "still locked after ${JMH_LOCK_WAIT}s: running concurrently with the other JMH run (-Djmh.ignoreLock=true)"
      ignore_lock=(-Djmh.ignoreLock=true)
      meta jmh_lock_ignored "yes (another JMH run was active; kernel numbers are skewed)"
      continue
    fi
    echo "compare.sh: JMH $name on JDK $v failed; see $out/jmh-$name-$v.log" >&2
    tail -20 "$out/jmh-$name-$v.log" >&2
    return 1
  done
}
for v in 17 newest; do
  meta "load_before_jmh_$v" "$(load)"
  log "JMH GemmBench, JDK $v"
  jmh $v gemm 'GemmBench' -p shape=10x784x100,784x10x100:tA,10x784x100:tB,10x100x784,100x10x784:tA,10000x784x100,512x512x512
  log "JMH ElementwiseBench exp/sigmoid + Math loops, JDK $v"
  jmh $v elem 'ElementwiseBench|MathLoopBench' -p op=exp,sigmoid -p n=1000,100000
  log "JMH ReduceBench, JDK $v"
  jmh $v reduce 'ReduceBench' -p n=1000,100000
  log "JMH TrainingStepBench (warm-up until steady), JDK $v"
  jmh $v train 'TrainingStepBench'
  log "JMH FmaPeakBench, JDK $v"
  jmh $v fma 'FmaPeakBench'
done
# --- 4d. sequences (seqspeed, issue 11: an LSTM training step and an attention block) --------
# Both sides by this thread's CPU clock (ours adds its GC threads' CPU), one thread, the same
# shapes and layers: SequenceStepCpuTime on both JDKs, python/sequence_step_torch.py for PyTorch;
# JMH's wall-clock SequenceStepBench alongside for reference (SEQ_JMH_OPTS, default below).
SEQ_JMH_OPTS="${SEQ_JMH_OPTS:--f 1 -wi 8 -w 2 -i 5 -r 2}"
meta seq_jmh_opts "$SEQ_JMH_OPTS"
for v in 17 newest; do
  log "SequenceStepCpuTime (LSTM step, attention block; CPU clock), JDK $v"
  "$(java_of $v)" "${vm_flags[@]}" -cp "$jar" dev.chainrule.benchmarks.training.SequenceStepCpuTime lstm,attention 15 10 \
      > "$out/seq-$v.txt" 2> "$out/seq-$v.log"
  log "JMH SequenceStepBench, JDK $v"
  # its own settings: a fresh fork needs several seconds of steps before the JIT settles
  JMH_OPTS="$SEQ_JMH_OPTS" jmh $v seq 'SequenceStepBench' || log "JMH SequenceStepBench failed on JDK $v"
done
log "PyTorch sequence steps (python/sequence_step_torch.py)"
meta load_before_seq_torch "$(load)"
(unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; "$PYTHON" "$here/python/sequence_step_torch.py" > "$out/seq-torch.txt" 2> "$out/seq-torch.log") \
  || log "python/sequence_step_torch.py failed (see $out/seq-torch.log); its rows stay empty"
# --- end of 4d. sequences ----------------------------------------------------------------------
meta load_end "$(load)"
meta other_busy_processes "$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 {print $2"("$1"%)"}' | head -5 | tr '\n' ' ')"
meta total_seconds "$(( $(date +%s) - started ))"

# --- 5. report ---------------------------------------------------------------------------------
md_args=()
[ "$write_md" = 1 ] && md_args=(--write "$here/RESULTS.md")
"$PYTHON" "$here/compare_report.py" "$out" "${md_args[@]}" "${earlier[@]}"
log "done in $(( $(date +%s) - started ))s; raw outputs in $out"
