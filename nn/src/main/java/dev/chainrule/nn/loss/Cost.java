package dev.chainrule.nn.loss;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/**
 * A cost C(a, y): a scalar measuring how far a batch of network outputs {@code a} is from the
 * desired outputs {@code y}, averaged over the batch, C = (1/m) Σ_x C_x. Differentiate it with
 * {@code cost.backward()}.
 *
 * <p>Targets are given either
 * <ul>
 *   <li>densely, with the output's shape (e.g. one-hot rows [batch, classes], or [batch, 1] of
 *       0/1 for a single sigmoid output), or</li>
 *   <li>as class indices: a [batch] tensor of integral values (or an {@code int[]}), standing for
 *       one-hot rows over the output's last dimension.</li>
 * </ul>
 */
public interface Cost {

  /** The batch-mean cost of {@code output} [batch, k] against {@code target} (dense or class indices). */
  Tensor apply(Tensor output, Tensor target);

  /** The batch-mean cost of {@code output} [batch, k] against class indices {@code labels} [batch]. */
  default Tensor apply(Tensor output, int[] labels) {
    String name = getClass().getSimpleName();
    return apply(output, Targets.oneHot(name.isEmpty() ? "cost" : name, output, labels));
  }

  /**
   * {@code target} as a dense tensor of {@code output}'s shape: returned as is when the shapes
   * match, expanded to one-hot rows when it is a [batch] vector of class indices. For writing
   * your own cost; {@code op} names it in error messages.
   */
  static Tensor denseTarget(String op, Tensor output, Tensor target) {
    return Targets.dense(op, output, target);
  }

  /** Convenience for building class-index targets: a [n] tensor of labels in {@code dtype}. */
  static Tensor labels(DType dtype, int... labels) {
    double[] v = new double[labels.length];
    for (int i = 0; i < v.length; i++) v[i] = labels[i];
    return Tensor.of(v, v.length).to(dtype);
  }
}
