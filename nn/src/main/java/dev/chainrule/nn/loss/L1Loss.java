package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code L1Loss}: ℓ = |a − y| per element, reduced by the mean over all elements
 * (default), the sum, or not at all. Its gradient is sign(a − y) (0 where a = y exactly).
 */
public final class L1Loss implements Cost {
  private final Reduction reduction;

  /** The mean over all elements, as PyTorch's default. */
  public L1Loss() { this(Reduction.MEAN); }

  /** The loss with the given reduction over its elements (mean, sum, or none: per element). */
  public L1Loss(Reduction reduction) {
    if (reduction == null) throw new IllegalArgumentException("L1Loss: reduction is null; use Reduction.MEAN, SUM or NONE");
    this.reduction = reduction;
  }

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor d = output.sub(Targets.matching("L1Loss", output, target));
    return reduction.apply(d.abs(), output.size());
  }

  @Override public String toString() { return "L1Loss(reduction=" + reduction + ")"; }
}
