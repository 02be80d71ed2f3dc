package dev.chainrule.benchmarks.kernel;

import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarKernels;
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

/** Sum of a float vector (reduceAxis with outer = inner = 1), scalar vs SIMD. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ReduceBench {
  @Param({"scalar", "simd"})
  public String kernels;

  @Param({"1000", "10000", "100000", "1000000"})
  public int n;

  private Kernels k;
  private float[] x;
  private final float[] out = new float[1];

  @Setup
  public void setup() {
    k = kernels.equals("simd") ? KernelProvider.simd() : new ScalarKernels();
    x = ElementwiseBench.data(n, 3);
  }

  @Benchmark
  public float sum() {
    k.reduceAxis(ReduceOp.SUM, x, 1, n, 1, out);
    return out[0];
  }
}
