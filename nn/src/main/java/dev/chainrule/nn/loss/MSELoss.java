package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code MSELoss}: ℓ = (a − y)² per element, reduced by the mean over <em>all</em>
 * elements (default), the sum, or not at all. Any shape; the target has the output's shape.
 *
 * <p>Not the course's {@link QuadraticCost}: that one is ½Σ‖a − y‖² divided by the batch size
 * only, so for k outputs MSELoss = QuadraticCost · 2/k.
 */
public final class MSELoss implements Cost {
  private final Reduction reduction;

  /** The mean over all elements, as PyTorch's default. */
  public MSELoss() { this(Reduction.MEAN); }

  /** The loss with the given reduction over its elements (mean, sum, or none: per element). */
  public MSELoss(Reduction reduction) {
    if (reduction == null) throw new IllegalArgumentException("MSELoss: reduction is null; use Reduction.MEAN, SUM or NONE");
    this.reduction = reduction;
  }

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor d = output.sub(Targets.matching("MSELoss", output, target));
    return reduction.apply(d.mul(d), output.size());
  }

  @Override public String toString() { return "MSELoss(reduction=" + reduction + ")"; }
}
