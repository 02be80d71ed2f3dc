package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * y_j = e^{x_j} / Σ_k e^{x_k} over the last axis (each row of a [batch, classes] batch becomes a
 * probability distribution), computed stably as exp(logSoftmax). No parameters.
 *
 * <p>For training, do not end the network with this layer and take a log in the cost: give the
 * raw outputs (logits) to {@link dev.chainrule.nn.loss.SoftmaxCrossEntropy}, which fuses the two
 * stably. Use {@code Softmax} when you want the probabilities themselves.
 */
public final class Softmax extends Module {
  /** The Softmax layer (it has no parameters). */
  public Softmax() {}

  @Override public Tensor forward(Tensor x) {
    if (x.rank() == 0) throw new IllegalArgumentException("Softmax: needs rank >= 1, got a scalar");
    return x.softmax(-1);
  }
}
