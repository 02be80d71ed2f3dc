package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.optim.Optimizer;
import java.util.SplittableRandom;

/**
 * Trains a throw-away copy of the recipe's network on made-up batches on a background thread,
 * so that the JIT compiles the training step's kernels while the data set loads (issue 12: the
 * first epoch ran the Vector API kernels interpreted, boxing every vector, until C2 had compiled
 * them). It shares nothing with the real run: its own network, optimizer, seed and data, and
 * the engine's per-thread state (grad mode, kept storage) is its thread's, so the real run's bits
 * do not change. {@link #close()} stops it at the next step and waits for it; call it when the
 * data is in, so the warm-up never competes with the real training for a core.
 * <pre>{@code
 * Mnist mnist;
 * try (var warm = JitWarmUp.start(recipe)) {
 *   mnist = Mnist.locateAndLoad(dir, out);
 * }
 * }</pre>
 */
public final class JitWarmUp implements AutoCloseable {
  /** Steps at most, in case loading takes long: about what C2 needs to compile the step's kernels. */
  static final int MAX_STEPS = 20_000;
  private static final int POOL = 8;
  private final Thread thread;
  private volatile boolean stop;
  private volatile int steps;

  private JitWarmUp(Recipe recipe) {
    thread = new Thread(() -> run(recipe), "chainrule-jit-warm-up");
    thread.setDaemon(true);
  }

  /** Starts warming up for {@code recipe}'s training step (nothing for the convolutional recipes). */
  public static JitWarmUp start(Recipe recipe) {
    JitWarmUp w = new JitWarmUp(recipe);
    if (!recipe.convolutional()) w.thread.start();
    return w;
  }

  /** Training steps run so far. */
  public int steps() {
    return steps;
  }

  private void run(Recipe recipe) {
    SplittableRandom rnd = new SplittableRandom(0x5eed);
    Sequential net = MnistNetwork.build(recipe, rnd);
    Cost cost = MnistNetwork.cost(recipe);
    Optimizer optimizer = MnistNetwork.optimizer(recipe, net);
    int in = recipe.sizes()[0], classes = recipe.sizes()[recipe.sizes().length - 1], batch = recipe.batch();
    Tensor[] inputs = new Tensor[POOL], targets = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      float[] x = new float[batch * in];
      for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() < 0.19 ? (float) rnd.nextDouble() : 0f;   // MNIST-like
      float[] labels = new float[batch];
      for (int i = 0; i < batch; i++) labels[i] = rnd.nextInt(classes);
      inputs[p] = Tensor.wrap(Shape.of(batch, in), x);
      targets[p] = Tensor.wrap(Shape.of(batch), labels);
    }
    for (int s = 0; s < MAX_STEPS && !stop; s++) {
      optimizer.zeroGrad();
      cost.apply(net.call(inputs[s % POOL]), targets[s % POOL]).backward();
      optimizer.step();
      steps = s + 1;
    }
  }

  /** Stops the warm-up and waits for its thread. */
  @Override public void close() {
    stop = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public String toString() {
    return "JitWarmUp(" + steps + " steps)";
  }
}
