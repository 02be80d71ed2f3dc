#!/usr/bin/env bash
# Which JIT compilations a cold course run pays for: runs CourseEpochTimer (3 epochs, the
# launcher's JVM flags) under JFR with every jdk.Compilation event, then prints the C2 and C1
# totals and the 25 longest C2 compilations. JFR's own bytecode instrumentation adds ASM
# compilations (jdk.internal.org.objectweb.asm) that a normal run does not have.
#
# Usage: benchmarks/jitcost.sh [--data DIR]   (after mvn -pl benchmarks -am package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="${MNIST_DIR:-$root/../shared/data/mnist}"
[ "${1:-}" = "--data" ] && data="$2"
out="$(mktemp -d)"
cat > "$out/compilations.jfc" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
X
opts=$(sed -n 's/^jvm_opts="\(.*\)"$/\1/p' "$root/chainrule")
# shellcheck disable=SC2086
java --add-modules jdk.incubator.vector $opts -Dchainrule.threads=1 \
  "-XX:StartFlightRecording=filename=$out/run.jfr,settings=$out/compilations.jfc" \
  -cp "$root/benchmarks/target/benchmarks.jar" dev.chainrule.benchmarks.training.CourseEpochTimer \
  --data "$data" --epochs 3 2>&1 | grep '^epoch'
jfr print --events jdk.Compilation "$out/run.jfr" > "$out/compilations.txt"
python3 - "$out/compilations.txt" <<'P'
import re, sys
events = []
for block in open(sys.argv[1]).read().split('jdk.Compilation {')[1:]:
    duration = re.search(r'duration = ([\d.]+) (ms|s|us)', block)
    method = re.search(r'method = (.*)', block)
    level = re.search(r'compileLevel = (\d)', block)
    if duration and method and level:
        ms = float(duration.group(1)) * {'ms': 1, 's': 1000, 'us': 0.001}[duration.group(2)]
        events.append((ms, int(level.group(1)), method.group(1).strip()))
c2 = [e for e in events if e[1] == 4]
print("C2: %d compilations, %.0f ms; C1: %d, %.0f ms" % (len(c2), sum(e[0] for e in c2),
      len(events) - len(c2), sum(e[0] for e in events if e[1] != 4)))
for ms, _, method in sorted(c2, reverse=True)[:25]:
    print("%8.1f ms  %s" % (ms, method[:120]))
P
rm -rf "$out"
