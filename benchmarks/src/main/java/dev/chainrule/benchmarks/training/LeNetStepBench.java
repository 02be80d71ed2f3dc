package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.Sgd;
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
 * One LeNet-5 training step (issue 10's benchmark): conv 1→6 5x5 pad 2, ReLU, max-pool 2, conv
 * 6→16 5x5, ReLU, max-pool 2, flatten, dense 400→120→84→10 with ReLU, softmax cross-entropy on
 * class indices, SGD with momentum 0.9 (η = 0.01): zeroGrad, forward, backward, step, on one
 * thread ({@code -Dchainrule.threads=1}, the same bits at any thread count anyway).
 * {@link #convForwardBackward} times the first convolution alone, forward plus backward to its
 * input and weight, at the same batch; {@link #conv2ForwardBackward} the second. Data: {@value #POOL} random batches of MNIST-like pixels
 * (seed 7), stepped through in turn; the network is rebuilt from seed 1 before every iteration.
 * Score: µs per step (PyTorch 1.13 on this machine, one thread: about 8 ms at batch 128, per the issue).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=simd", "-Dchainrule.threads=1"})
public class LeNetStepBench {
  static final int POOL = 16;

  @Param({"32", "128"})
  public int batch;

  private Tensor[] images;
  private Tensor[] labels;
  private Sequential net;
  private Cost cost;
  private Optimizer optimizer;
  private Tensor[] conv2Inputs;
  private Tensor convWeight, convBias, conv2Weight, conv2Bias;
  private int next;

  @Setup(Level.Trial)
  public void makeData() {
    SplittableRandom rnd = new SplittableRandom(7);
    images = new Tensor[POOL];
    labels = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] x = new float[batch * 28 * 28];
      for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() < 0.19 ? (float) (1.0 - rnd.nextDouble()) : 0f;
      images[p] = Tensor.wrap(Shape.of(batch, 1, 28, 28), x);
      float[] classes = new float[batch];
      for (int i = 0; i < batch; i++) classes[i] = rnd.nextInt(10);
      labels[p] = Tensor.wrap(Shape.of(batch), classes);
    }
    conv2Inputs = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] h = new float[batch * 6 * 14 * 14];   // what the second convolution sees: pooled ReLUs
      for (int i = 0; i < h.length; i++) h[i] = rnd.nextBoolean() ? (float) rnd.nextDouble() : 0f;
      conv2Inputs[p] = Tensor.wrap(Shape.of(batch, 6, 14, 14), h);
    }
  }

  /** LeNet-5 as the issue describes it, PyTorch's default initialisation for the convolutions. */
  static Sequential leNet5(SplittableRandom rng) {
    return new Sequential(
        new Conv2d(1, 6, 5, 1, 2, rng), Activation.relu(), new MaxPool2d(2),
        new Conv2d(6, 16, 5, rng), Activation.relu(), new MaxPool2d(2),
        new Flatten(),
        new Dense(400, 120, Init.he(), rng), Activation.relu(),
        new Dense(120, 84, Init.he(), rng), Activation.relu(),
        new Dense(84, 10, Init.he(), rng));
  }

  @Setup(Level.Iteration)
  public void makeNetwork() {
    SplittableRandom rng = new SplittableRandom(1);
    net = leNet5(rng);
    cost = new SoftmaxCrossEntropy();
    optimizer = new Sgd(net.parameters(), 0.01, 0.9, 0.0);
    convWeight = Tensor.randn(rng, DType.F32, 0, 0.2, 6, 1, 5, 5).requiresGrad(true);
    convBias = Tensor.zeros(DType.F32, 6).requiresGrad(true);
    conv2Weight = Tensor.randn(rng, DType.F32, 0, 0.08, 16, 6, 5, 5).requiresGrad(true);
    conv2Bias = Tensor.zeros(DType.F32, 16).requiresGrad(true);
    next = 0;
  }

  /** The whole training step. */
  @Benchmark
  public double step() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    optimizer.zeroGrad();
    Tensor logits = net.forward(images[p]);
    Tensor c = cost.apply(logits, labels[p]);
    c.backward();
    optimizer.step();
    return c.item();
  }

  /** The first convolution alone: forward, then backward to the input and the weight. */
  @Benchmark
  public Tensor convForwardBackward() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    Tensor x = images[p].detach().requiresGrad(true);
    x.conv2d(convWeight, convBias, 1, 2).sum().backward();
    convWeight.zeroGrad();
    convBias.zeroGrad();
    return x.grad();
  }

  /** The second convolution alone (6→16 5x5 on 14x14, no padding): forward, then backward to the input and the weight. */
  @Benchmark
  public Tensor conv2ForwardBackward() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    Tensor x = conv2Inputs[p].detach().requiresGrad(true);
    x.conv2d(conv2Weight, conv2Bias, 1, 0).sum().backward();
    conv2Weight.zeroGrad();
    conv2Bias.zeroGrad();
    return x.grad();
  }
}
