package dev.chainrule.nn.loss;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/**
 * A cost C(a, y): a scalar measuring how far a batch of network outputs {@code a} is from the
 * desired outputs {@code y}. Differentiate it with {@code cost.backward()}.
 *
 * <p>The course's costs ({@link QuadraticCost}, {@link BinaryCrossEntropy},
 * {@link SoftmaxCrossEntropy}) take outputs [batch, k] and return the batch mean
 * C = (1/m) Σ_x C_x. The PyTorch-style losses ({@link MSELoss}, {@link L1Loss}, {@link HuberLoss},
 * {@link BCEWithLogitsLoss}, {@link CrossEntropyLoss}, {@link NLLLoss}) take any shape and reduce
 * as their {@link Reduction} says (the mean over elements by default, as PyTorch).
 *
 * <p>Targets are given either
 * <ul>
 *   <li>densely, with the output's shape (e.g. one-hot rows [batch, classes], or [batch, 1] of
 *       0/1 for a single sigmoid output), or</li>
 *   <li>as class indices: an I64 or I32 tensor (whole numbers in a float tensor also do) or an
 *       {@code int[]}, one per row ([batch]) for the course's costs, one per position of the
 *       output without its class axis for {@link CrossEntropyLoss} and {@link NLLLoss}.</li>
 * </ul>
 */
public interface Cost {

  /** The cost of {@code output} against {@code target} (dense or class indices). */
  Tensor apply(Tensor output, Tensor target);

  /**
   * The cost of {@code output} against class indices; by default one-hot rows over the last axis of
   * an output [batch, k], one label per row (the class losses override it).
   */
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
