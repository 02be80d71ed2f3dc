package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarKernels;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Whether the float64 SIMD kernels pay: thread CPU time of each against the scalar twin, median of
 * 31 rounds (robust on a loaded machine; {@link Float64Bench} is the JMH version).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.kernel.Float64CpuTime
 * </pre>
 */
public final class Float64CpuTime {
  private Float64CpuTime() {}

  interface Job { void run(Kernels k); }

  static double[] data(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 2 - 1;
    return v;
  }

  /** Prints one line per kernel: scalar and SIMD microseconds and the speed-up. */
  public static void main(String[] args) {
    double[] x = data(10_000, 1), y = data(10_000, 2), out = new double[10_000], rows = new double[100];
    double[] a = data(10 * 784, 3), b = data(784 * 100, 4), c = new double[1000];
    double[] s1 = data(64 * 64, 5), s2 = data(64 * 64, 6), s3 = new double[64 * 64];
    double[] e = data(10_000, 7);
    String[] names = {"add 10k", "relu 10k", "sign 10k", "x*s 10k", "axpy 10k", "where 10k", "max(a,b) 10k", "exp 10k", "sum rows 100x100", "gemm 10x784x100", "gemm 64^3 (B^T)"};
    Job[] jobs = {
        k -> k.binary(BinaryOp.ADD, x, y, out, 10_000),
        k -> k.unary(UnaryOp.RELU, x, out, 10_000),
        k -> k.unary(UnaryOp.SIGN, x, out, 10_000),
        k -> k.scalar(ScalarOp.MUL, x, 0.5, out, 10_000),
        k -> k.axpy(0.5, x, out, 10_000),
        k -> k.where(x, y, e, out, 10_000),
        k -> k.binary(BinaryOp.MAX, x, y, out, 10_000),
        k -> k.unary(UnaryOp.EXP, e, out, 10_000),
        k -> k.reduceAxis(ReduceOp.SUM, x, 100, 100, 1, rows),
        k -> k.gemm(false, false, 10, 100, 784, a, 0, b, 0, c, 0, false),
        k -> k.gemm(false, true, 64, 64, 64, s1, 0, s2, 0, s3, 0, false)};
    Kernels[] ks = {new ScalarKernels(), KernelProvider.simd()};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int j = 0; j < jobs.length; j++) {
      double[] med = new double[2];
      for (int kk = 0; kk < 2; kk++) {
        int reps = 200, rounds = 31;
        double[] t = new double[rounds];
        for (int w = 0; w < 20; w++) for (int i = 0; i < reps; i++) jobs[j].run(ks[kk]);
        for (int r = 0; r < rounds; r++) {
          long t0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < reps; i++) jobs[j].run(ks[kk]);
          t[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / reps;
        }
        Arrays.sort(t);
        med[kk] = t[rounds / 2];
      }
      System.out.printf("%-18s scalar %9.2f us  simd %9.2f us  speed-up %.1fx%n", names[j], med[0], med[1], med[0] / med[1]);
    }
  }
}

