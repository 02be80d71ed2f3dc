package dev.chainrule.benchmarks.baseline;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the scalar transcendentals cost, {@code Math} against {@code StrictMath}, in ns per double.
 * The kernels use {@code StrictMath} (fdlibm, the same bits on every JVM); {@code Math} may differ
 * between JDKs (JDK 25's {@code Math.tanh} does; see {@link MathBitsProbe}). Loops of
 * {@value #N} doubles: exp, tanh and sigmoid on (-10, 10), log and sqrt on (0, 10), pow with
 * base in (0, 10) and exponent in (-3, 3); seed 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(StrictMathBench.N)
public class StrictMathBench {
  static final int N = 10_000;

  private final double[] x = new double[N], positive = new double[N], exponent = new double[N];
  private final double[] out = new double[N];

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < N; i++) {
      x[i] = rnd.nextDouble(-10, 10);
      positive[i] = rnd.nextDouble(Double.MIN_NORMAL, 10);
      exponent[i] = rnd.nextDouble(-3, 3);
    }
  }

  @Benchmark public double[] expMath() {
    for (int i = 0; i < N; i++) out[i] = Math.exp(x[i]);
    return out;
  }

  @Benchmark public double[] expStrict() {
    for (int i = 0; i < N; i++) out[i] = StrictMath.exp(x[i]);
    return out;
  }

  @Benchmark public double[] logMath() {
    for (int i = 0; i < N; i++) out[i] = Math.log(positive[i]);
    return out;
  }

  @Benchmark public double[] logStrict() {
    for (int i = 0; i < N; i++) out[i] = StrictMath.log(positive[i]);
    return out;
  }

  @Benchmark public double[] tanhMath() {
    for (int i = 0; i < N; i++) out[i] = Math.tanh(x[i]);
    return out;
  }

  @Benchmark public double[] tanhStrict() {
    for (int i = 0; i < N; i++) out[i] = StrictMath.tanh(x[i]);
    return out;
  }

  /** The stable sigmoid of ScalarMath, on each library's exp. */
  @Benchmark public double[] sigmoidMath() {
    for (int i = 0; i < N; i++) {
      double v = x[i];
      if (v >= 0) {
        out[i] = 1.0 / (1.0 + Math.exp(-v));
      } else {
        double e = Math.exp(v);
        out[i] = e / (1.0 + e);
      }
    }
    return out;
  }

  @Benchmark public double[] sigmoidStrict() {
    for (int i = 0; i < N; i++) {
      double v = x[i];
      if (v >= 0) {
        out[i] = 1.0 / (1.0 + StrictMath.exp(-v));
      } else {
        double e = StrictMath.exp(v);
        out[i] = e / (1.0 + e);
      }
    }
    return out;
  }

  @Benchmark public double[] powMath() {
    for (int i = 0; i < N; i++) out[i] = Math.pow(positive[i], exponent[i]);
    return out;
  }

  @Benchmark public double[] powStrict() {
    for (int i = 0; i < N; i++) out[i] = StrictMath.pow(positive[i], exponent[i]);
    return out;
  }

  @Benchmark public double[] sqrtMath() {
    for (int i = 0; i < N; i++) out[i] = Math.sqrt(positive[i]);
    return out;
  }

  @Benchmark public double[] sqrtStrict() {
    for (int i = 0; i < N; i++) out[i] = StrictMath.sqrt(positive[i]);
    return out;
  }
}
