package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.autograd.kernel.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One SGD step of the course network through the nn API, exactly what {@code Trainer} does per
 * mini-batch: {@code optimizer.zeroGrad()}, forward through
 * {@code Sequential(Dense(784,100), Sigmoid, Dense(100,10), Sigmoid)}, {@link QuadraticCost},
 * {@code backward()}, {@code Sgd(lr=3.0).step()}.
 *
 * <p>Kernels: {@code KernelProvider} reads {@code -Dchainrule.kernels} once per JVM, so the two
 * twins are two benchmark methods, {@link #simd} and {@link #scalar}, each with its own fork flags
 * (JMH forks every method and parameter combination separately). The setup checks that the
 * kernels in use are the ones the method's name promises, so a run with {@code -f 0} (no fork)
 * fails instead of silently timing the wrong twin.
 *
 * <p>Data: a fixed pool of {@value #POOL} random mini-batches (seed 7), stepped through in turn so
 * the weights keep moving as in training. Pixels look like MNIST's: about 81% exact zeros, the
 * rest uniform in (0, 1]; labels uniform in 0..9 (one-hot, as the course's targets). The network
 * is rebuilt from seed 1 with the course's N(0, 1) init before every iteration, so every
 * iteration times the same stretch of the same trajectory.
 *
 * <p>Warm-up: each fork first steps until the time per step has settled (warmUntilSteady, at
 * most 40 s), then JMH's two warm-up iterations, then five measured ones; compare.sh reports their
 * median and min–max. {@link #largeProducts} times only the step's two large gemms.
 *
 * <p>Score: µs per step. One course epoch is 50,000 / batch steps, so at batch 10 the implied
 * epoch time is 5,000 × score µs (benchmarks/compare.sh prints it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBench {
  static final int POOL = 64;
  static final int IN = 784, HIDDEN = 100, OUT = 10;
  static final double ETA = 3.0;
  static final double CHUNK_SECONDS = 0.25;
  static final int STEADY_CHUNKS = 4;
  static final double STEADY_SPREAD = 0.05;
  static final int WARM_LIMIT_SECONDS = Integer.getInteger("trainingStepBench.warmLimitSeconds", 40);

  @Param({"10", "100"})
  public int batch;

  private Tensor[] inputs, targets;
  private float[][] inputPixels;
  private Sequential net;
  private Cost cost;
  private Optimizer optimizer;
  private int next;

  /** Data, kernel check, then warm-up until steady; one method, so the order is fixed. */
  @Setup(Level.Trial)
  public void setUpTrial(BenchmarkParams params) {
    checkKernels(params);
    makeData();
    makeProductOperands();
    warmUntilSteady();
  }

  private void checkKernels(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    String inUse = KernelProvider.kernels().getClass().getSimpleName();
    String expected = method.equals("scalar") ? "ScalarKernels" : "SimdKernels";
    if (!inUse.equals(expected)) {
      throw new IllegalStateException("TrainingStepBench." + method + " needs " + expected + " but this JVM uses "
          + inUse + " (chainrule.kernels=" + System.getProperty("chainrule.kernels")
          + "); run with forks (-f 1 or more): each kernel choice needs its own JVM");
    }
  }

  void makeData() {
    SplittableRandom rnd = new SplittableRandom(7);
    inputs = new Tensor[POOL];
    inputPixels = new float[POOL][];
    targets = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] x = new float[batch * IN];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextDouble() < 0.19 ? (float) (1.0 - rnd.nextDouble()) : 0f;
      }
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) labels[i] = rnd.nextInt(OUT);
      inputPixels[p] = x;
      inputs[p] = Tensor.wrap(Shape.of(batch, IN), x);
      targets[p] = Tensor.oneHot(DType.F32, labels, OUT);
    }
  }

  @Setup(Level.Iteration)
  public void makeNetwork() {
    SplittableRandom rng = new SplittableRandom(1);
    net = new Sequential(new Dense(IN, HIDDEN, Init.gaussian(), rng), Activation.sigmoid(),
        new Dense(HIDDEN, OUT, Init.gaussian(), rng), Activation.sigmoid());
    cost = new QuadraticCost();
    optimizer = new Sgd(net.parameters(), ETA);
    next = 0;
  }

  double step() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    optimizer.zeroGrad();
    Tensor out = net.forward(inputs[p]);
    Tensor c = cost.apply(out, targets[p]);
    c.backward();
    optimizer.step();
    return c.item();
  }

  /**
   * Steps until the time per step has settled, before JMH's own warm-up: the course step needed
   * more than three 1-second warm-ups on JDK 25 (14,642 -> 313 -> 1,174 µs, then about 50). Times
   * chunks of {@value #CHUNK_SECONDS} s; steady once the last {@value #STEADY_CHUNKS} chunks are
   * within {@value #STEADY_SPREAD} of each other (max/min - 1), or after WARM_LIMIT_SECONDS (40,
   * or {@code -DtrainingStepBench.warmLimitSeconds} via -jvmArgsPrepend) s. Prints the history on
   * the fork's stdout ("steady after ..."), which compare.sh keeps.
   */
  private void warmUntilSteady() {
    makeNetwork();
    List<Double> chunks = new ArrayList<>();
    long start = System.nanoTime();
    boolean steady = false;
    while (!steady && System.nanoTime() - start < WARM_LIMIT_SECONDS * 1_000_000_000L) {
      long t0 = System.nanoTime();
      int steps = 0;
      while (System.nanoTime() - t0 < CHUNK_SECONDS * 1e9) {
        step();
        steps++;
      }
      chunks.add((System.nanoTime() - t0) / 1e3 / steps);
      int n = chunks.size();
      if (n >= STEADY_CHUNKS) {
        List<Double> last = chunks.subList(n - STEADY_CHUNKS, n);
        steady = Collections.max(last) / Collections.min(last) - 1 <= STEADY_SPREAD;
      }
    }
    StringBuilder history = new StringBuilder();
    for (double c : chunks) history.append(String.format(Locale.ROOT, " %.1f", c));
    System.out.printf(Locale.ROOT, "%s after %.1f s of warm-up; µs/step per %.2f s chunk:%s%n",
        steady ? "steady" : "NOT steady", (System.nanoTime() - start) / 1e9, CHUNK_SECONDS, history);
  }

  // The two large products of a step as our Dense runs them (W stored [out, in]): the forward
  // x·W1ᵀ (batch×784 by 784×100, accumulated onto the bias) and the weight gradient dyᵀ·x
  // (100×batch by batch×784), on arrays of the step's shapes.
  private Kernels kernels;
  private float[] productW, productDy, productY, productDw;

  void makeProductOperands() {
    kernels = KernelProvider.kernels();
    SplittableRandom rnd = new SplittableRandom(11);
    productW = new float[HIDDEN * IN];
    productDy = new float[batch * HIDDEN];
    productY = new float[batch * HIDDEN];
    productDw = new float[HIDDEN * IN];
    for (int i = 0; i < productW.length; i++) productW[i] = (float) rnd.nextGaussian();
    for (int i = 0; i < productDy.length; i++) productDy[i] = (float) rnd.nextGaussian() * 0.01f;
  }

  /**
   * Only the two large products of a step (see above), same kernels and shapes: the step's time
   * minus this one is what the step spends outside them (compare.sh: distance to the limit).
   */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=simd"})
  public float[] largeProducts() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    float[] x = inputPixels[p];
    kernels.gemm(false, true, batch, HIDDEN, IN, x, 0, productW, 0, productY, 0, true);
    kernels.gemm(true, false, HIDDEN, IN, batch, productDy, 0, x, 0, productDw, 0, false);
    return productDw;
  }

  /** One step with the Vector API kernels. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=simd"})
  public double simd() {
    return step();
  }

  /**
   * One step with the scalar reference kernels. The module is added here too, so the two forks
   * differ only in the kernel choice.
   */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=scalar"})
  public double scalar() {
    return step();
  }
}
