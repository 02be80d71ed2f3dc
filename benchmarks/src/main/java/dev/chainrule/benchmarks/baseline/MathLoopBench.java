package dev.chainrule.benchmarks.baseline;

import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The sigmoid a hand-written Java loop gets, {@code (float) (1 / (1 + Math.exp(-x)))}: the
 * baseline for the SIMD sigmoid, as {@code ElementwiseBench.mathExpLoop} is for exp. Same inputs
 * (uniform in (-10, 10), seed 1) and units (µs per call of n elements) as {@code ElementwiseBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MathLoopBench {
  @Param({"1000", "10000", "100000", "1000000"})
  public int n;

  private float[] x, out;

  @Setup
  public void setup() {
    Random rnd = new Random(1);   // the same stream as ElementwiseBench.data(n, 1)
    x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (rnd.nextFloat() - 0.5f) * 20f;
    out = new float[n];
  }

  @Benchmark
  public float[] mathSigmoidLoop() {
    float[] x = this.x;
    float[] out = this.out;
    for (int i = 0; i < n; i++) out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
    return out;
  }
}
