package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.mnist.MnistNetwork;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.optim.Optimizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What a step of {@code ./mnist --recipe cnn} costs by this thread's CPU clock (batch 64: two
 * blocks of 5x5 conv, batch norm, ReLU, max-pool; dense 128 with dropout; momentum SGD with L2),
 * and batch normalisation alone at the recipe's two shapes, forward plus backward to input,
 * weight and bias: {@link Tensor#batchNorm} (the fused primitive) beside the composite it
 * replaced, written out here from the same Tensor ops it used, so one run shows what fusion buys.
 * Random MNIST-like batches (seed 7); the network from the recipe's seed 1.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -Dchainrule.threads=1 \
 *     -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.CnnStepCpuTime
 * </pre>
 * Timing as {@link LeNetCpuTime}: warm-up until five 0.3 s rounds agree within 5%, then seven
 * 0.5 s rounds; one RESULT line per figure with the median and best µs.
 */
public final class CnnStepCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int POOL = 8;

  private CnnStepCpuTime() {}

  /** Times the recipe step and batch norm, composite and fused, and prints RESULT lines. */
  public static void main(String[] args) {
    SplittableRandom rnd = new SplittableRandom(7);
    Recipe recipe = Recipe.cnn();
    int batch = recipe.batch();
    Tensor[] images = new Tensor[POOL], labels = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] x = new float[batch * 784];
      for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() < 0.19 ? (float) (1.0 - rnd.nextDouble()) : 0f;
      images[p] = Tensor.wrap(dev.chainrule.autograd.Shape.of(batch, 784), x);
      float[] classes = new float[batch];
      for (int i = 0; i < batch; i++) classes[i] = rnd.nextInt(10);
      labels[p] = Tensor.wrap(dev.chainrule.autograd.Shape.of(batch), classes);
    }
    Sequential net = MnistNetwork.build(recipe, new SplittableRandom(1));
    Cost cost = MnistNetwork.cost(recipe);
    Optimizer optimizer = MnistNetwork.optimizer(recipe, net);
    int[] next = {0};
    report("cnn_recipe_step", "batch=" + batch, () -> {
      int p = next[0]++ % POOL;
      optimizer.zeroGrad();
      Tensor c = cost.apply(net.forward(images[p]), labels[p]);
      c.backward();
      optimizer.step();
      return c.item();
    });
    for (int[] shape : new int[][] {{batch, 16, 28, 28}, {batch, 32, 14, 14}}) {
      Tensor x = Tensor.randn(rnd, DType.F32, 0, 1, shape).requiresGrad(true);
      Tensor w = Tensor.ones(DType.F32, shape[1]).requiresGrad(true), b = Tensor.zeros(DType.F32, shape[1]).requiresGrad(true);
      Tensor dy = Tensor.randn(rnd, DType.F32, 0, 1, shape);
      String where = "shape=" + shape[0] + "x" + shape[1] + "x" + shape[2] + "x" + shape[3];
      report("batchnorm_fused", where, () -> backward(x.batchNorm(w, b, 1e-5), dy, x, w, b));
      report("batchnorm_composite", where, () -> backward(composite(x, w, b, 1e-5), dy, x, w, b));
    }
  }

  private static Tensor backward(Tensor y, Tensor dy, Tensor... leaves) {
    y.backward(dy);
    Tensor g = leaves[0].grad();
    for (Tensor t : leaves) t.zeroGrad();
    return g;
  }

  /** The composite batch norm the primitive replaced: y = (x − μ)·(σ² + ε)^(-1/2)·γ + β from broadcasting Tensor ops. */
  static Tensor composite(Tensor x, Tensor weight, Tensor bias, double eps) {
    int[] axes = {0, 2, 3};
    Tensor centred = x.sub(x.mean(axes, true));
    Tensor y = centred.mul(centred.square().mean(axes, true).add(eps).pow(-0.5));
    return y.mul(weight.reshape(1, -1, 1, 1)).add(bias.reshape(1, -1, 1, 1));
  }

  private static void report(String name, String params, Supplier<?> call) {
    long warmStart = THREADS.getCurrentThreadCpuTime();
    double[] recent = new double[5];
    int rounds = 0;
    boolean steady = false;
    while (!steady && THREADS.getCurrentThreadCpuTime() - warmStart < 60e9) {
      recent[rounds++ % recent.length] = usPerCall(call, 0.3);
      if (rounds >= recent.length) {
        steady = Arrays.stream(recent).max().orElseThrow() / Arrays.stream(recent).min().orElseThrow() - 1 <= 0.05;
      }
    }
    double[] us = new double[7];
    for (int r = 0; r < us.length; r++) us[r] = usPerCall(call, 0.5);
    Arrays.sort(us);
    System.out.println(String.format(Locale.ROOT, "RESULT name=%s %s us_cpu_median=%.1f us_cpu_best=%.1f steady=%s",
        name, params, us[us.length / 2], us[0], steady ? "yes" : "no"));
  }

  private static double usPerCall(Supplier<?> call, double seconds) {
    long calls = 0, cpu0 = THREADS.getCurrentThreadCpuTime(), until = cpu0 + (long) (seconds * 1e9), now;
    Object sink = null;
    do {
      sink = call.get();
      calls++;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now < until);
    if (sink == CnnStepCpuTime.class) System.out.print("");
    return (now - cpu0) / 1e3 / calls;
  }
}
