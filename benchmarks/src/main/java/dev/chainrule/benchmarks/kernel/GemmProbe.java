package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import java.util.Arrays;
import java.util.Random;

/**
 * A quick A/B probe for gemm kernel changes: GFLOP/s of the SIMD kernel at the given shapes (same
 * notation as {@link GemmBench}: {@code m x k x n}, {@code :tA}/{@code :tB}), best and median of
 * 10 windows of 200 ms after 2 s of warm-up, all in this one JVM. About 4 s a shape against
 * JMH's 10+; use JMH for the numbers you report, this to try ideas.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.chainrule.benchmarks.kernel.GemmProbe 10x784x100 100x10x784:tA 512x512x512</pre>
 *
 * <p>NOTE: shapes measured in one JVM share the JIT's profile, and the order can move a shape by
 * ±10%; probe the shape you are changing on its own as well.
 */
public final class GemmProbe {
  private GemmProbe() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: GemmProbe SHAPE... (e.g. 10x784x100 100x10x784:tA 512x512x512)");
      System.exit(2);
    }
    Kernels kernels = KernelProvider.simd();
    for (String shape : args) {
      String[] parts = shape.split(":");
      String[] dims = parts[0].split("x");
      if (dims.length != 3) throw new IllegalArgumentException("GemmProbe: shape '" + shape + "' is not m x k x n");
      int m = Integer.parseInt(dims[0]), depth = Integer.parseInt(dims[1]), n = Integer.parseInt(dims[2]);
      boolean transA = parts.length > 1 && parts[1].equals("tA");
      boolean transB = parts.length > 1 && parts[1].equals("tB");
      Random rnd = new Random(42);
      float[] a = new float[m * depth], b = new float[depth * n], c = new float[m * n];
      for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
      for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
      Runnable call = () -> kernels.gemm(transA, transB, m, n, depth, a, 0, b, 0, c, 0, false);
      long warmUntil = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < warmUntil) call.run();
      double[] gflops = new double[10];
      for (int w = 0; w < gflops.length; w++) {
        long start = System.nanoTime(), now;
        long calls = 0;
        do {
          call.run();
          calls++;
          now = System.nanoTime();
        } while (now - start < 200_000_000L);
        gflops[w] = 2.0 * m * n * depth * calls / (now - start);
      }
      Arrays.sort(gflops);
      System.out.printf("%-16s best %6.1f  median %6.1f GFLOP/s%n", shape, gflops[gflops.length - 1], gflops[gflops.length / 2]);
    }
  }
}
