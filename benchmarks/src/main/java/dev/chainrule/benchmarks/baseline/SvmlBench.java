package dev.chainrule.benchmarks.baseline;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A reference, not a Chainrule kernel: exp and sigmoid with HotSpot's own vector exp
 * ({@code lanewise(VectorOperators.EXP)}, SVML once compiled). Chainrule does not use it because
 * its last bits differ between compiled and interpreted code (see VectorMath); this shows how
 * fast the JDK's vector exp is on this machine, against which the 30x-over-{@code Math.exp}
 * target can be judged. Same inputs as ElementwiseBench and MathLoopBench.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SvmlBench {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Param({"1000", "100000"})
  public int n;

  private float[] x, out;

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (rnd.nextFloat() - 0.5f) * 20f;
    out = new float[n];
  }

  @Benchmark
  public float[] svmlExp() {
    int i = 0;
    for (; i < S.loopBound(n); i += S.length()) FloatVector.fromArray(S, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
    for (; i < n; i++) out[i] = (float) Math.exp(x[i]);
    return out;
  }

  /** 1 / (1 + e^-x), the textbook form (no care for large negative x: a speed reference only). */
  @Benchmark
  public float[] svmlSigmoid() {
    int i = 0;
    for (; i < S.loopBound(n); i += S.length()) {
      FloatVector e = FloatVector.fromArray(S, x, i).neg().lanewise(VectorOperators.EXP);
      e.broadcast(1f).div(e.add(1f)).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
    return out;
  }
}
