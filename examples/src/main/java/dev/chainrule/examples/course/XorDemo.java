package dev.chainrule.examples.course;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.io.PrintStream;
import java.util.SplittableRandom;

/**
 * XOR, which no single perceptron computes: first the course's ReLU network with its exact
 * weights (W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0), then a 2-2-1 network that learns it
 * by gradient descent.
 */
public final class XorDemo {
  /** The four inputs (0,0), (0,1), (1,0), (1,1), row-major as a [4, 2] batch. */
  public static final double[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
  /** XOR of each input row: 0, 1, 1, 0. */
  public static final double[] TARGETS = {0, 1, 1, 0};

  private XorDemo() {}

  /** The course's hand-set network: h = ReLU(W x + c), y = wᵀh + b. */
  public static Sequential courseNetwork() {
    Dense hidden = new Dense(Tensor.of(new double[] {1, 1, 1, 1}, 2, 2), Tensor.of(new double[] {0, -1}, 2));
    Dense output = new Dense(Tensor.of(new double[] {1, -2}, 1, 2), Tensor.of(new double[] {0}, 1));
    return new Sequential(hidden, Activation.relu(), output);
  }

  /** Trains a 2-2-1 network (tanh hidden, sigmoid output) by full-batch gradient descent; returns it. */
  public static Sequential learn(long seed, int steps, PrintStream log) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential net = new Sequential(
        new Dense(2, 2, Init.xavier(), rng, DType.F64), Activation.tanh(),
        new Dense(2, 1, Init.xavier(), rng, DType.F64), Activation.sigmoid());
    Tensor x = Tensor.of(INPUTS, 4, 2), y = Tensor.of(TARGETS, 4, 1);
    Sgd sgd = new Sgd(net.parameters(), 2.0);
    QuadraticCost cost = new QuadraticCost();
    for (int step = 0; step <= steps; step++) {
      sgd.zeroGrad();
      Tensor c = cost.apply(net.forward(x), y);
      if (log != null && step % (steps / 5) == 0) log.printf("  step %5d: cost %.6f%n", step, c.item());
      c.backward();
      sgd.step();
    }
    return net;
  }

  static int run(PrintStream out) {
    Tensor x = Tensor.of(INPUTS, 4, 2);
    Tensor exact = courseNetwork().forward(x);
    out.println("The course's ReLU network, exact weights:");
    print(out, exact);
    out.println("A 2-2-1 network learning XOR by gradient descent (seed 3):");
    Sequential learned = learn(3, 5000, out);
    print(out, learned.forward(x));
    return 0;
  }

  private static void print(PrintStream out, Tensor y) {
    for (int i = 0; i < 4; i++) {
      out.printf("  %d XOR %d -> %.4f%n", (int) INPUTS[2 * i], (int) INPUTS[2 * i + 1], y.getRaw(i));
    }
  }
}
