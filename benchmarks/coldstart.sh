#!/usr/bin/env bash
# What the course recipe's first epoch costs, and what JVM-level changes buy: runs
# CourseEpochTimer (real MNIST, the nn Trainer, one thread) once per JVM setting and prints one
# Markdown table of wall times and CPU seconds by thread kind (Java threads, C2, C1, GC) for JVM
# start, data loading, the first epoch and a steady epoch.
#
# On a shared machine the wall columns include the neighbours' load (shown per row); the CPU
# columns are what this JVM's own threads spent (Linux per-thread counters), and are the ones to
# compare across rows when the load is high.
#
# Usage: benchmarks/coldstart.sh [--jdk 17|25] [--epochs N] [--repeat R] [--no-build] [VARIANT...]
#   VARIANTs (default: all for that JDK): launcher, base, thp, young128m, young256m, young384m, g1, c2soon, simdsoon, pretouch,
#   nobg, c2only, c1quick (the launcher's flags plus -XX:-BackgroundCompilation, -XX:-TieredCompilation, lower C1 thresholds),
#   nowarm (the launcher's flags, CourseEpochTimer --no-warm-up), launchersimdsoon (the launcher's flags plus
#   CompileThresholdScaling 0.05 for the SIMD kernels), cds (JDK 17),
#   aot, g1aot (JDK 25: JEP 483/514/515 AOT cache from one training run, then a run that uses it)
# Raw logs stay in benchmarks/target/coldstart-<time>/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jdk=17
epochs=3
repeat=1
build=1
variants=()
data="${MNIST_DIR:-/work/shared/data/mnist}"
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdk="$2"; shift ;;
    --epochs) epochs="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --data) data="$2"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "coldstart.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) variants+=("$1") ;;
  esac
  shift
done
case "$jdk" in
  17) java="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java" ;;
  25) java="${JDK_NEWEST:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" ;;
  *) echo "coldstart.sh: --jdk must be 17 or 25, got '$jdk'" >&2; exit 2 ;;
esac
if [ ${#variants[@]} -eq 0 ]; then
  variants=(base launcher thp young128m g1 c2soon)
  [ "$jdk" = 17 ] && variants+=(cds) || variants+=(aot g1aot)
fi
[ "$build" = 1 ] && (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package > /dev/null 2>&1)
out="$root/benchmarks/target/coldstart-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# a private copy: a rebuild during the runs must not swap the jar under a running JVM
jar="$out/benchmarks.jar"
cp "$root/benchmarks/target/benchmarks.jar" "$jar"

common=(--add-modules jdk.incubator.vector -Dchainrule.threads=1)
# the flags ./chainrule used before this script existed
base=(-XX:+UseParallelGC -Xms2g -Xmn1g -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,dev.chainrule.autograd.kernel.simd.FloatElementwise::*Loop")
# what ./chainrule passes now (keep in step with the launcher)
launcher=($(sed -n 's/^jvm_opts="\(.*\)"$/\1/p' "$root/chainrule"))
# the SIMD kernels compiled after a twentieth of the usual counts (issue 12; tried, not adopted)
simd_soon="-XX:CompileCommand=CompileThresholdScaling,dev.chainrule.autograd.kernel.simd.*::*,0.05"
flags_of() {
  case "$1" in
    base) echo "${base[*]}" ;;
    launcher) echo "${launcher[*]}" ;;
    thp) echo "${base[*]} -XX:+UseTransparentHugePages" ;;
    young128m) echo "${base[*]} -Xmn128m" ;;
    young384m) echo "${base[*]} -Xmn384m" ;;
    young256m) echo "${base[*]} -Xmn256m" ;;
    g1) echo "${base[*]/-XX:+UseParallelGC/-XX:+UseG1GC}" ;;
    c2soon) echo "${base[*]} -XX:CompileThresholdScaling=0.1" ;;
    simdsoon) echo "${base[*]} $simd_soon" ;;
    pretouch) echo "${base[*]} -XX:+AlwaysPreTouch" ;;
    cds) echo "${base[*]} -XX:SharedArchiveFile=$out/course.jsa" ;;
    aot) echo "${base[*]} -XX:AOTCache=$out/course.aot" ;;
    # issue 12, second round: on top of the launcher's flags
    nobg) echo "${launcher[*]} -XX:-BackgroundCompilation" ;;
    c2only) echo "${launcher[*]} -XX:-TieredCompilation" ;;
    c1quick) echo "${launcher[*]} -XX:Tier3InvocationThreshold=100 -XX:Tier3BackEdgeThreshold=6000" ;;
    nowarm) echo "${launcher[*]}" ;;   # the launcher without CourseEpochTimer's JIT warm-up (see timer_args)
    g1aot) echo "${base[*]/-XX:+UseParallelGC/-XX:+UseG1GC} -XX:AOTCache=$out/course-g1.aot" ;;
    # issue 12, third round: the launcher plus an earlier compilation of the SIMD kernels (not adopted)
    launchersimdsoon) echo "${launcher[*]} $simd_soon" ;;
    *) echo "coldstart.sh: unknown variant '$1'" >&2; exit 2 ;;
  esac
}
timer_args=()
timer() { "$java" "${common[@]}" "$@" -cp "$jar" dev.chainrule.benchmarks.training.CourseEpochTimer --data "$data" --epochs "$epochs" "${timer_args[@]}"; }

for v in "${variants[@]}"; do
  case "$v" in  # the one-off training run that writes the archive, not timed
    cds) timer ${base[*]} -XX:ArchiveClassesAtExit="$out/course.jsa" > /dev/null 2> "$out/$v-train.log" ;;
    aot) timer ${base[*]} -XX:AOTCacheOutput="$out/course.aot" > /dev/null 2> "$out/$v-train.log" ;;
    g1aot) timer ${base[*]/-XX:+UseParallelGC/-XX:+UseG1GC} -XX:AOTCacheOutput="$out/course-g1.aot" > /dev/null 2> "$out/$v-train.log" ;;
  esac
  for r in $(seq 1 "$repeat"); do
    echo "[coldstart] JDK $jdk $v run $r: $(flags_of "$v")" >&2
    load="$(cut -d' ' -f1 /proc/loadavg)"
    if [ "$v" = nowarm ]; then timer_args=(--no-warm-up); else timer_args=(); fi
    # shellcheck disable=SC2046
    timer $(flags_of "$v") > "$out/$v-$r.txt" 2> "$out/$v-$r.log" || { tail -5 "$out/$v-$r.log" >&2; continue; }
    echo "variant=$v run=$r load=$load flags=$(flags_of "$v" | tr ' ' ',')" >> "$out/$v-$r.txt"
  done
done

"${PYTHON:-/usr/bin/python3}" - "$out" "$jdk" <<'PY'
import glob, os, sys
out, jdk = sys.argv[1], sys.argv[2]
rows = []
for path in sorted(glob.glob(os.path.join(out, "*-[0-9]*.txt")), key=os.path.getmtime):
    r, meta = {}, {}
    for line in open(path):
        if line.startswith("RESULT "):
            r = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
        elif line.startswith("variant="):
            meta = dict(kv.split("=", 1) for kv in line.split())
    if r:
        rows.append((meta, r))
f = lambda r, k: float(r.get(k, "nan"))
print("| variant | load | start s | load s (CPU) | 1st epoch s | 1st: CPU java / C2 / C1 / GC, GC pauses | steady epoch s | steady: CPU java / GC | 1st/steady wall | 1st/steady CPU (java+GC) |")
print("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: |")
for meta, r in rows:
    first_cpu = f(r, "first_cpu_java") + f(r, "first_cpu_gc")
    steady_cpu = f(r, "steady_cpu_java") + f(r, "steady_cpu_gc")
    print("| %s | %s | %.2f | %.2f (%.2f) | %.2f | %.2f / %.2f / %.2f / %.2f, %s in %s ms | %.3f | %.2f / %.2f | %.1f | %.1f |" % (
        meta.get("variant", "?"), meta.get("load", "?"), f(r, "start_seconds"), f(r, "load_seconds"),
        f(r, "load_cpu_java") + f(r, "load_cpu_gc"), f(r, "first_epoch_seconds"),
        f(r, "first_cpu_java"), f(r, "first_cpu_c2"), f(r, "first_cpu_c1"), f(r, "first_cpu_gc"),
        r.get("first_gc_count"), r.get("first_gc_ms"), f(r, "seconds"), f(r, "steady_cpu_java"), f(r, "steady_cpu_gc"),
        f(r, "first_epoch_seconds") / f(r, "seconds"), first_cpu / steady_cpu if steady_cpu else float("nan")))
print("\nJDK %s; flags per variant in %s/*.txt; raw logs beside them." % (jdk, os.path.relpath(out)))
PY
