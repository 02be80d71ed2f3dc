package dev.chainrule.examples.course;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/**
 * The course's perceptron: output = step(w·x + b), i.e. 1 when w·x &gt; threshold (b = -threshold).
 * Written with plain tensor operations, so it evaluates a whole batch of inputs at once.
 */
public final class Perceptron {
  private final Tensor weights;
  private final Tensor bias;

  /** A perceptron that outputs 1 exactly when weights·x + bias &gt; 0. */
  public Perceptron(double[] weights, double bias) {
    this.weights = Tensor.of(weights, weights.length);
    this.bias = Tensor.scalar(bias, DType.F64);
  }

  /** A perceptron that fires when the weighted sum exceeds {@code threshold}. */
  public static Perceptron withThreshold(double[] weights, double threshold) {
    return new Perceptron(weights, -threshold);
  }

  /** The course's NAND gate: weights -2, -2 and bias 3. */
  public static Perceptron nand() {
    return new Perceptron(new double[] {-2, -2}, 3);
  }

  /** Outputs (0 or 1) for a batch of inputs [n, inputs]. */
  public Tensor fire(Tensor inputs) {
    return inputs.matmul(weights).add(bias).step();
  }

  /** Output (0 or 1) for one input vector. */
  public int fire(double... input) {
    if (input.length != weights.size()) {
      throw new IllegalArgumentException("perceptron: " + input.length + " inputs, expected " + weights.size());
    }
    return (int) fire(Tensor.of(input, 1, input.length)).get(0);
  }

  /**
   * The sigmoid neuron with this perceptron's weights and bias both multiplied by {@code c > 0}:
   * σ(c·(w·x + b)). As c grows it approaches {@link #fire}, except on the boundary w·x + b = 0,
   * where it stays σ(0) = 0.5 for every c.
   */
  public double sigmoid(double c, double... input) {
    if (input.length != weights.size()) {
      throw new IllegalArgumentException("sigmoid neuron: " + input.length + " inputs, expected " + weights.size());
    }
    if (!(c > 0)) throw new IllegalArgumentException("sigmoid neuron: scale c must be > 0, got " + c);
    return Tensor.of(input, 1, input.length).matmul(weights.mul(c)).add(bias.mul(c)).sigmoid().get(0);
  }

  /** The weighted input z = w·x + b for one input vector. */
  public double weightedInput(double... input) {
    return Tensor.of(input, 1, input.length).matmul(weights).add(bias).get(0);
  }
}
