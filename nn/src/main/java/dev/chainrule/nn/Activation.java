package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.function.UnaryOperator;

/**
 * An activation layer: a fixed elementwise (or, for softmax, row-wise) function with no
 * parameters. One class for all of them, made by factories named after the {@link Tensor} method
 * each one applies ({@code Activation.sigmoid()} applies {@link Tensor#sigmoid()}), so that layer
 * names never clash with the op classes of {@code dev.chainrule.autograd.ops}. Prints as PyTorch
 * names the matching module, e.g. {@code Sigmoid()} and {@code ReLU()}.
 *
 * <pre>{@code
 * var net = new Sequential(new Dense(784, 100, Init.gaussian(), rng), Activation.sigmoid(),
 *                          new Dense(100, 10, Init.gaussian(), rng), Activation.sigmoid());
 * }</pre>
 */
public final class Activation extends Module {
  private final String name;
  private final UnaryOperator<Tensor> f;

  private Activation(String name, UnaryOperator<Tensor> f) {
    this.name = name;
    this.f = f;
  }

  /**
   * y = σ(x) = 1/(1+e⁻ˣ) elementwise; after a {@link Dense} layer these are the course's sigmoid
   * neurons, σ(w·x + b).
   */
  public static Activation sigmoid() {
    return new Activation("Sigmoid", Tensor::sigmoid);
  }

  /** y = max(0, x) elementwise (rectified linear unit), the hidden activation of the course's XOR network. */
  public static Activation relu() {
    return new Activation("ReLU", Tensor::relu);
  }

  /** y = tanh(x) elementwise, a sigmoid rescaled to (-1, 1). */
  public static Activation tanh() {
    return new Activation("Tanh", Tensor::tanh);
  }

  /**
   * The perceptron's output rule, y = 1 where x &gt; 0 and 0 otherwise, so that after a
   * {@link Dense} layer a neuron outputs 0 exactly when w·x + b ≤ 0, as in the course. Its
   * gradient is zero everywhere: a network of perceptrons cannot learn by gradient descent, which
   * is why the course moves on to sigmoid neurons.
   */
  public static Activation step() {
    return new Activation("Step", Tensor::step);
  }

  /**
   * y_j = e^{x_j} / Σ_k e^{x_k} over the last axis (each row of a [batch, classes] batch becomes
   * a probability distribution), computed stably as exp(logSoftmax).
   *
   * <p>For training, do not end the network with this layer and take a log in the cost: give the
   * raw outputs (logits) to {@link dev.chainrule.nn.loss.SoftmaxCrossEntropy}, which fuses the two
   * stably. Use softmax when you want the probabilities themselves.
   */
  public static Activation softmax() {
    return new Activation("Softmax", x -> {
      if (x.rank() == 0) throw new IllegalArgumentException("Softmax: needs rank >= 1, got a scalar");
      return x.softmax(-1);
    });
  }

  /** Applies the function. */
  @Override public Tensor forward(Tensor x) {
    return f.apply(x);
  }

  /** PyTorch's name for the matching module: {@code Sigmoid}, {@code ReLU}, {@code Tanh}, {@code Softmax} or {@code Step}. */
  public String name() {
    return name;
  }

  /** PyTorch's module name with empty parentheses, e.g. {@code ReLU()}. */
  @Override public String toString() {
    return name + "()";
  }
}
