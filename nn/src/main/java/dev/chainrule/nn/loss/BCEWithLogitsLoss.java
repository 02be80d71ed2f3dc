package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code BCEWithLogitsLoss}: binary cross-entropy on logits x (no sigmoid layer in
 * front), per element ℓ = −[y ln σ(x) + (1 − y) ln(1 − σ(x))], reduced by the mean over all
 * elements (default), the sum, or not at all. Targets y are in [0, 1], of the output's shape.
 *
 * <p>Stable for any x, with no clamp: ℓ = softplus(x) − x·y where softplus(x) = ln(1 + eˣ) is
 * computed as logsumexp(x, 0), which never exponentiates a large number. The gradient is
 * σ(x) − y everywhere (the clamp of {@link BinaryCrossEntropy} makes it zero on saturated outputs).
 */
public final class BCEWithLogitsLoss implements Cost {
  private final Reduction reduction;

  /** The mean over all elements, as PyTorch's default. */
  public BCEWithLogitsLoss() { this(Reduction.MEAN); }

  /** The loss with the given reduction over its elements (mean, sum, or none: per element). */
  public BCEWithLogitsLoss(Reduction reduction) {
    if (reduction == null) throw new IllegalArgumentException("BCEWithLogitsLoss: reduction is null; use Reduction.MEAN, SUM or NONE");
    this.reduction = reduction;
  }

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor y = Targets.matching("BCEWithLogitsLoss", output, target);
    Tensor perElement = softplus(output).sub(output.mul(y));
    return reduction.apply(perElement, output.size());
  }

  /** ln(1 + eˣ) = logsumexp over the pair (x, 0), elementwise. */
  static Tensor softplus(Tensor x) {
    int[] pairDims = java.util.Arrays.copyOf(x.dims(), x.rank() + 1);
    pairDims[x.rank()] = 1;
    Tensor column = x.reshape(pairDims);
    Tensor pairs = Tensor.concat(-1, column, Tensor.zeros(x.dtype(), pairDims));
    return pairs.logsumexp(-1, false);
  }

  @Override public String toString() { return "BCEWithLogitsLoss(reduction=" + reduction + ")"; }
}
