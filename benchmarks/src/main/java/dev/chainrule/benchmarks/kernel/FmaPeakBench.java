package dev.chainrule.benchmarks.kernel;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
 * One core's float32 FMA peak as Java reaches it: chains of {@code acc = acc.fma(x, y)} on
 * 512-bit {@code FloatVector}s (16 lanes), the chains independent of each other so only the FMA
 * units' throughput limits them, not an FMA's latency. Score: FLOP per second (one FMA lane is 2
 * FLOP; JMH's ops/s with {@link OperationsPerInvocation} = FLOP per call), so GFLOP/s = score / 1e9.
 *
 * <p>How to read it: a core with two 512-bit FMA pipes of latency L needs at least 2·L chains in
 * flight; the score stops growing once there are enough ({@code chains8} vs {@code chains16} vs
 * {@code chains24}), and that plateau is the peak the gemm and the training step are measured
 * against (compare.sh: FMA peak row). {@code chains1} is the latency-bound case, for contrast. The
 * operands stay in registers (no loads): it is the arithmetic limit, not a memory one. Check that
 * C2 kept the chains in vector registers with {@code -prof perfasm} where perf is available.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FmaPeakBench {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  public static final int STEPS = 256;
  public static final int LANES = 16;

  private FloatVector x, y, init;

  @Setup
  public void setup() {
    // x·acc + y converges to y/(1-x): values stay finite and normal however long it runs
    x = FloatVector.broadcast(S, 0.5f);
    y = FloatVector.broadcast(S, 0.25f);
    init = FloatVector.broadcast(S, 1f);
  }

  /** A different starting value per chain, so no two chains are the same computation to C2. */
  private FloatVector start(int chain) {
    return init.add((float) chain);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * 1 * LANES * 2)
  public FloatVector chains1() {
    FloatVector a = start(0);
    for (int i = 0; i < STEPS; i++) a = a.fma(x, y);
    return a;
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * 8 * LANES * 2)
  public FloatVector chains8() {
    FloatVector a0 = start(0), a1 = start(1), a2 = start(2), a3 = start(3), a4 = start(4), a5 = start(5), a6 = start(6), a7 = start(7);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
      a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * 16 * LANES * 2)
  public FloatVector chains16() {
    FloatVector a0 = start(0), a1 = start(1), a2 = start(2), a3 = start(3), a4 = start(4), a5 = start(5), a6 = start(6), a7 = start(7);
    FloatVector b0 = start(8), b1 = start(9), b2 = start(10), b3 = start(11), b4 = start(12), b5 = start(13), b6 = start(14), b7 = start(15);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
      a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
      b0 = b0.fma(x, y); b1 = b1.fma(x, y); b2 = b2.fma(x, y); b3 = b3.fma(x, y);
      b4 = b4.fma(x, y); b5 = b5.fma(x, y); b6 = b6.fma(x, y); b7 = b7.fma(x, y);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7)
        .add(b0).add(b1).add(b2).add(b3).add(b4).add(b5).add(b6).add(b7);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS * 24 * LANES * 2)
  public FloatVector chains24() {
    FloatVector a0 = start(0), a1 = start(1), a2 = start(2), a3 = start(3), a4 = start(4), a5 = start(5), a6 = start(6), a7 = start(7);
    FloatVector b0 = start(8), b1 = start(9), b2 = start(10), b3 = start(11), b4 = start(12), b5 = start(13), b6 = start(14), b7 = start(15);
    FloatVector c0 = start(16), c1 = start(17), c2 = start(18), c3 = start(19), c4 = start(20), c5 = start(21), c6 = start(22), c7 = start(23);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
      a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
      b0 = b0.fma(x, y); b1 = b1.fma(x, y); b2 = b2.fma(x, y); b3 = b3.fma(x, y);
      b4 = b4.fma(x, y); b5 = b5.fma(x, y); b6 = b6.fma(x, y); b7 = b7.fma(x, y);
      c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
      c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7)
        .add(b0).add(b1).add(b2).add(b3).add(b4).add(b5).add(b6).add(b7)
        .add(c0).add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7);
  }
}
