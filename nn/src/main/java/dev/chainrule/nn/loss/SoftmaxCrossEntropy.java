package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * Softmax followed by the log-likelihood cost, fused: for logits z (the raw outputs of the last
 * {@link dev.chainrule.nn.Dense} layer, <em>no</em> softmax layer in front),
 * C = −(1/m) Σ_x Σ_j y_j ln softmax(z)_j, which for a one-hot y is −(1/m) Σ_x ln a_{y(x)}.
 *
 * <p>Stable for any magnitude of z: ln softmax(z) = z − logsumexp(z) never exponentiates a large
 * number and never takes the log of 0. Its gradient is ∂C/∂z = (softmax(z) − y)/m. Targets are
 * class indices or rows of class probabilities (one-hot).
 */
public final class SoftmaxCrossEntropy implements Cost {
  /** The cost; it has no settings. */
  public SoftmaxCrossEntropy() {}

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor y = Targets.dense("SoftmaxCrossEntropy", output, target);
    return output.logSoftmax(-1).mul(y).sum().div(-output.dim(0));
  }

  @Override public String toString() { return "SoftmaxCrossEntropy"; }
}
