package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
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
 * Single-threaded float32 gemm throughput. GFLOP/s = ops/s x 2mnk / 1e9 (see {@link #flops}).
 *
 * <p>Shapes are {@code m x k x n}, op(A) being m x k and op(B) k x n; {@code :tA}/{@code :tB}
 * mark an operand stored transposed (A stored k x m, B stored n x k). The MNIST shapes (batch 10,
 * 784-100 layer) come in two layouts:
 *
 * <ul>
 *   <li>book layout, W stored [in, out] = 784x100: {@code 10x784x100} is the forward x·W and
 *       {@code 784x10x100:tA} the weight gradient x^T·dy (x stored 10x784);</li>
 *   <li>what our {@code Dense} layer runs, W stored [out, in] = 100x784: {@code 10x784x100:tB} is
 *       the forward x·W^T, {@code 10x100x784} the input gradient dy·W (both operands plain) and
 *       {@code 100x10x784:tA} the weight gradient dy^T·x (dy stored 10x100);</li>
 *   <li>{@code 10000x784x100}: the test-set forward, book layout.</li>
 * </ul>
 *
 * <p>benchmarks/python/sgemm_numpy.py measures NumPy/OpenBLAS at the same shapes with the same
 * operand transposed (layouts A, At, Bt), so compare_report.py compares like with like.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {
  @Param({"scalar", "simd"})
  public String kernels;

  @Param({"10x784x100", "784x10x100:tA", "10x784x100:tB", "10x100x784", "100x10x784:tA",
      "10000x784x100", "256x256x256", "512x512x512", "1024x1024x1024"})
  public String shape;

  private Kernels k;
  private int m, n, depth;
  private boolean transA, transB;
  private float[] a, b, c;

  @Setup
  public void setup() {
    k = kernels.equals("simd") ? KernelProvider.simd() : new ScalarKernels();
    String[] parts = shape.split(":");
    String[] dims = parts[0].split("x");
    m = Integer.parseInt(dims[0]);
    depth = Integer.parseInt(dims[1]);
    n = Integer.parseInt(dims[2]);
    transA = parts.length > 1 && parts[1].equals("tA");
    transB = parts.length > 1 && parts[1].equals("tB");
    Random rnd = new Random(42);
    a = new float[m * depth];
    b = new float[depth * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
    for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
  }

  /** Floating-point operations of one call: one multiply and one add per term. */
  public double flops() {
    return 2.0 * m * n * depth;
  }

  @Benchmark
  public float[] gemm() {
    k.gemm(transA, transB, m, n, depth, a, 0, b, 0, c, 0, false);
    return c;
  }
}
