package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LeNet-5 step of {@link LeNetStepBench}, written as a researcher would from public tensor
 * operations alone (issue 19): each convolution is an im2col of 25 shifted slices, stacked,
 * permuted to [positions, C·25] and multiplied by the transposed weight, the bias added by
 * broadcasting, the result permuted back to [N, O, H, W]; max-pooling is a reshape to 2x2 blocks
 * and a max over them; dense layers are {@code x.matmul(w.t()).add(b)}; the cost is
 * -mean(gather(logSoftmax, labels)); SGD with momentum 0.9 (η = 0.01). So the step exercises
 * slice, stack, permute, transpose, reshape and broadcasting, the operations views make cheap.
 * Data as LeNetStepBench's (seed 7); weights N(0, 0.1²) from seed 1, rebuilt every iteration.
 * Score: µs per step; {@link LeNetVariantCpuTime} measures it as thread CPU time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=simd", "-Dchainrule.threads=1"})
public class LeNetPublicOpsBench {
  static final int POOL = 16;

  /** Images per step. */
  @Param({"32"})
  public int batch;

  private Tensor[] images;
  private Tensor[] labels;
  private Tensor c1w, c1b, c2w, c2b, d1w, d1b, d2w, d2b, d3w, d3b;
  private Optimizer optimizer;
  private int next;

  /** Random MNIST-like batches, labels as an I64 [batch, 1] column for gather. */
  @Setup(Level.Trial)
  public void makeData() {
    SplittableRandom rnd = new SplittableRandom(7);
    images = new Tensor[POOL];
    labels = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] x = new float[batch * 28 * 28];
      for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() < 0.19 ? (float) (1.0 - rnd.nextDouble()) : 0f;
      images[p] = Tensor.wrap(Shape.of(batch, 1, 28, 28), x);
      long[] classes = new long[batch];
      for (int i = 0; i < batch; i++) classes[i] = rnd.nextInt(10);
      labels[p] = Tensor.ofLongs(classes, batch, 1);
    }
  }

  /** The weights, from seed 1. */
  @Setup(Level.Iteration)
  public void makeNetwork() {
    SplittableRandom rng = new SplittableRandom(1);
    c1w = param(rng, 6, 1, 5, 5);
    c1b = param(rng, 6);
    c2w = param(rng, 16, 6, 5, 5);
    c2b = param(rng, 16);
    d1w = param(rng, 120, 400);
    d1b = param(rng, 120);
    d2w = param(rng, 84, 120);
    d2b = param(rng, 84);
    d3w = param(rng, 10, 84);
    d3b = param(rng, 10);
    optimizer = new Sgd(List.of(c1w, c1b, c2w, c2b, d1w, d1b, d2w, d2b, d3w, d3b), 0.01, 0.9, 0.0);
    next = 0;
  }

  private static Tensor param(SplittableRandom rng, int... dims) {
    return Tensor.randn(rng, DType.F32, 0, 0.1, dims).requiresGrad(true);
  }

  /** Cross-correlation of [N, C, H, W] with [O, C, k, k] weights, stride 1, from public operations. */
  static Tensor conv(Tensor x, Tensor w, Tensor b, int pad) {
    if (pad > 0) x = x.pad(new int[] {pad, pad, pad, pad}, 0);
    int n = x.dim(0), c = x.dim(1), k = w.dim(2), o = w.dim(0);
    int h = x.dim(2) - k + 1, wd = x.dim(3) - k + 1;
    Tensor[] shifts = new Tensor[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) shifts[i * k + j] = x.slice(2, i, i + h).slice(3, j, j + wd);
    }
    Tensor cols = Tensor.stack(2, shifts)                 // [N, C, k·k, H, W]
        .reshape(n, c * k * k, h * wd)
        .permute(0, 2, 1)                                  // [N, H·W, C·k·k]
        .reshape(n * h * wd, c * k * k);
    Tensor y = cols.matmul(w.reshape(o, c * k * k).t()).add(b);   // [N·H·W, O]
    return y.reshape(n, h, wd, o).permute(0, 3, 1, 2);
  }

  /** 2x2 max-pooling with stride 2 as a max over the blocks of a reshape. */
  static Tensor pool(Tensor x) {
    int n = x.dim(0), c = x.dim(1), h = x.dim(2) / 2, w = x.dim(3) / 2;
    return x.reshape(n, c, h, 2, w, 2).max(new int[] {3, 5}, false);
  }

  /** The logits for a batch. */
  Tensor forward(Tensor x) {
    Tensor h = pool(conv(x, c1w, c1b, 2).relu());
    h = pool(conv(h, c2w, c2b, 0).relu());
    h = h.reshape(h.dim(0), 400);
    h = h.matmul(d1w.t()).add(d1b).relu();
    h = h.matmul(d2w.t()).add(d2b).relu();
    return h.matmul(d3w.t()).add(d3b);
  }

  /** The whole training step: zeroGrad, forward, cross-entropy, backward, SGD. */
  @Benchmark
  public double step() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    optimizer.zeroGrad();
    Tensor cost = forward(images[p]).logSoftmax(1).gather(1, labels[p]).mean().neg();
    cost.backward();
    optimizer.step();
    return cost.item();
  }
}
