package dev.chainrule.nn.train;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import java.util.List;

/**
 * Limits the gradients between {@code backward()} and the optimizer's step, as PyTorch's
 * {@code clip_grad_norm_} and {@code clip_grad_value_}: {@link #byNorm} scales all gradients
 * together by maxNorm/(‖g‖₂ + 1e-6) when their joint 2-norm ‖g‖₂ exceeds maxNorm (the direction
 * is kept); {@link #byValue} clamps every entry into [−c, c].
 */
public final class GradientClipping {
  private final boolean byNorm;
  private final double limit;

  private GradientClipping(boolean byNorm, double limit) {
    if (!(limit > 0) || Double.isInfinite(limit)) {
      throw new IllegalArgumentException("GradientClipping: the " + (byNorm ? "max norm" : "clip value")
          + " must be positive and finite, got " + limit);
    }
    this.byNorm = byNorm;
    this.limit = limit;
  }

  /** Scales the gradients so their joint 2-norm is at most {@code maxNorm}. */
  public static GradientClipping byNorm(double maxNorm) { return new GradientClipping(true, maxNorm); }

  /** Clamps every gradient entry into [−{@code clipValue}, {@code clipValue}]. */
  public static GradientClipping byValue(double clipValue) { return new GradientClipping(false, clipValue); }

  /**
   * Clips the gradients of {@code params} in place (those with no gradient are skipped) and
   * returns their joint 2-norm before clipping, summed in float64.
   */
  public double apply(List<Tensor> params) {
    double sq = 0;
    for (Tensor p : params) {
      if (p.gradForStep() == null) continue;
      for (double g : p.gradForStep().toDoubleArray()) sq += g * g;
    }
    double norm = Math.sqrt(sq);
    try (var noGrad = GradMode.off()) {
      for (Tensor p : params) {
        Tensor g = p.gradForStep();
        if (g == null) continue;
        if (!byNorm) g.copyInPlace(g.clamp(-limit, limit));
        else if (norm > limit) g.mulInPlace(limit / (norm + 1e-6));
      }
    }
    return norm;
  }

  @Override public String toString() {
    return byNorm ? "GradientClipping.byNorm(" + limit + ")" : "GradientClipping.byValue(" + limit + ")";
  }
}
