package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarKernels;
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
 * Whether the float64 SIMD kernels pay against their scalar twin: the double add, sum of rows
 * and gemm at the sizes gradient checks and float64 training use (a 784-100 layer at batch 10,
 * a 64³ product, 10k-element maps). {@code @Param kernels}: scalar vs simd.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Float64Bench {

  @State(Scope.Thread)
  public static class Case {
    @Param({"scalar", "simd"})
    public String kernels;

    Kernels k;
    double[] x, y, out, a, b, c, sq, sq2, sqc, rows;

    @Setup
    public void setup() {
      k = kernels.equals("simd") ? KernelProvider.simd() : new ScalarKernels();
      x = data(10_000, 1);
      y = data(10_000, 2);
      out = new double[10_000];
      a = data(10 * 784, 3);
      b = data(784 * 100, 4);
      c = new double[10 * 100];
      sq = data(64 * 64, 5);
      sq2 = data(64 * 64, 6);
      sqc = new double[64 * 64];
      rows = new double[100];
    }
  }

  static double[] data(int n, long seed) {
    Random rnd = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rnd.nextDouble() * 2 - 1;
    return v;
  }

  /** out = x + y, 10k elements. */
  @Benchmark public double[] add10k(Case s) {
    s.k.binary(BinaryOp.ADD, s.x, s.y, s.out, s.x.length);
    return s.out;
  }

  /** Row sums of a [100, 100] matrix. */
  @Benchmark public double[] sumRows(Case s) {
    s.k.reduceAxis(ReduceOp.SUM, s.x, 100, 100, 1, s.rows);
    return s.rows;
  }

  /** [10, 784] · [784, 100]: a dense layer's forward at batch 10. */
  @Benchmark public double[] gemm10x784x100(Case s) {
    s.k.gemm(false, false, 10, 100, 784, s.a, 0, s.b, 0, s.c, 0, false);
    return s.c;
  }

  /** [64, 64] · [64, 64]ᵀ. */
  @Benchmark public double[] gemm64(Case s) {
    s.k.gemm(false, true, 64, 64, 64, s.sq, 0, s.sq2, 0, s.sqc, 0, false);
    return s.sqc;
  }
}
