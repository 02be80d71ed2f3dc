package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code HuberLoss}: per element, with d = a − y,
 * ℓ = ½d² where |d| &lt; δ and δ(|d| − ½δ) elsewhere: quadratic near the target, linear (so
 * robust to outliers) far from it. Reduced by the mean over all elements (default), the sum, or
 * not at all.
 *
 * <p>Computed as ½q² + δ(|d| − q) with q = min(|d|, δ), which is both branches at once and keeps
 * the second derivative (1 inside, 0 outside) for grad of grad.
 */
public final class HuberLoss implements Cost {
  private final double delta;
  private final Reduction reduction;

  /** δ = 1 and the mean, as PyTorch's defaults. */
  public HuberLoss() { this(1.0, Reduction.MEAN); }

  /** The loss with threshold {@code delta} (quadratic below it, linear above) and the given reduction. */
  public HuberLoss(double delta, Reduction reduction) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("HuberLoss: delta must be positive and finite, got " + delta);
    }
    if (reduction == null) throw new IllegalArgumentException("HuberLoss: reduction is null; use Reduction.MEAN, SUM or NONE");
    this.delta = delta;
    this.reduction = reduction;
  }

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor absD = output.sub(Targets.matching("HuberLoss", output, target)).abs();
    Tensor q = absD.clamp(0.0, delta);
    Tensor perElement = q.mul(q).mul(0.5).add(absD.sub(q).mul(delta));
    return reduction.apply(perElement, output.size());
  }

  @Override public String toString() { return "HuberLoss(delta=" + delta + ", reduction=" + reduction + ")"; }
}
