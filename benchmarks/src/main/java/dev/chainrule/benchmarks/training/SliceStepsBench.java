package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
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
 * An unrolled sequence's reads: every time step t of a [32, T, 256] float32 tensor sliced out
 * ({@code x.slice(1, t, t + 1)}), each slice weighted and summed, then one backward into x. The
 * forward work per step is the same for every T; before slice gradients were summed where they
 * land, the backward built a full [32, T, 256] tensor per step, so the time per step grew with T.
 *
 * <p>Score: ms per forward and backward of all T steps; divide by T for the time per step.
 * {@link SliceStepsCpuTime} measures the same by thread CPU time, steadier on a shared machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class SliceStepsBench {
  /** Batch and feature sizes of the sequence, as in the measurement. */
  static final int BATCH = 32, FEATURES = 256;

  /** Time steps T. */
  @Param({"100", "200", "400"})
  public int steps;

  private Tensor x;
  private Tensor[] weights;

  /** x and one weight per step from seed 7. */
  @Setup public void setup() {
    SplittableRandom rnd = new SplittableRandom(7);
    x = random(rnd, BATCH, steps, FEATURES).requiresGrad(true);
    weights = new Tensor[steps];
    for (int t = 0; t < steps; t++) weights[t] = random(rnd, BATCH, 1, FEATURES);
  }

  static Tensor random(SplittableRandom rnd, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
    return Tensor.of(v, dims);
  }

  /** Σ_t sum(x[:, t, :]·w_t), then backward; returns x's gradient. */
  static Tensor sliceEveryStep(Tensor x, Tensor[] weights) {
    x.zeroGrad();
    Tensor loss = null;
    for (int t = 0; t < weights.length; t++) {
      Tensor term = x.slice(1, t, t + 1).mul(weights[t]).sum();
      loss = loss == null ? term : loss.add(term);
    }
    loss.backward();
    return x.gradForStep();
  }

  /** All T steps forward and backward. */
  @Benchmark public Tensor sliceEveryStep() {
    return sliceEveryStep(x, weights);
  }
}
