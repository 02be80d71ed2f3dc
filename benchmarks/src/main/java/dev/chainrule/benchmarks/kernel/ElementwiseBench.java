package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ScalarKernels;
import dev.chainrule.autograd.kernel.UnaryOp;
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
 * Elementwise float kernels, scalar vs SIMD, from L1-resident (1k) to memory-bound (1M) arrays,
 * plus a plain {@code Math.exp} loop as the baseline the JIT gives for free.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBench {

  /** Inputs in (-10, 10): the interesting range for sigmoid and exp, no overflow. */
  static float[] data(int n, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (rnd.nextFloat() - 0.5f) * 20f;
    return x;
  }

  @State(Scope.Thread)
  public static class KernelCase {
    @Param({"scalar", "simd"})
    public String kernels;

    @Param({"add", "mul", "sigmoid", "exp"})
    public String op;

    @Param({"1000", "10000", "100000", "1000000"})
    public int n;

    Kernels k;
    float[] x, y, out;

    @Setup
    public void setup() {
      k = kernels.equals("simd") ? KernelProvider.simd() : new ScalarKernels();
      x = data(n, 1);
      y = data(n, 2);
      out = new float[n];
    }
  }

  @State(Scope.Thread)
  public static class Baseline {
    @Param({"1000", "10000", "100000", "1000000"})
    public int n;

    float[] x, out;

    @Setup
    public void setup() {
      x = data(n, 1);
      out = new float[n];
    }
  }

  @Benchmark
  public float[] kernel(KernelCase s) {
    switch (s.op) {
      case "add": s.k.binary(BinaryOp.ADD, s.x, s.y, s.out, s.n); break;
      case "mul": s.k.binary(BinaryOp.MUL, s.x, s.y, s.out, s.n); break;
      case "sigmoid": s.k.unary(UnaryOp.SIGMOID, s.x, s.out, s.n); break;
      case "exp": s.k.unary(UnaryOp.EXP, s.x, s.out, s.n); break;
      default: throw new IllegalArgumentException(s.op);
    }
    return s.out;
  }

  /** What a hand-written loop gets: Math.exp in double, rounded to float. */
  @Benchmark
  public float[] mathExpLoop(Baseline s) {
    float[] x = s.x;
    float[] out = s.out;
    for (int i = 0; i < s.n; i++) out[i] = (float) Math.exp(x[i]);
    return out;
  }
}
