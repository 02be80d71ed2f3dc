package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * The course's quadratic (mean squared error) cost, C = 1/(2m) Σ_x ||y(x) − a(x)||², i.e. the
 * batch mean of C_x = ½||y − a||² (the ½ cancels the 2 of the derivative: ∂C_x/∂a = a − y).
 *
 * <p>Because C is a mean over the m examples of the mini-batch, its gradient is already
 * (1/m) Σ_x ∂C_x/∂w, so plain SGD with learning rate η is the course's update
 * w ← w − (η/m) Σ_x ∂C_x/∂w: pass the course's η unchanged.
 *
 * <p>Note this is not PyTorch's {@code MSELoss}, which also divides by the number of outputs and
 * has no ½.
 */
public final class QuadraticCost implements Cost {
  /** The cost; it has no settings. */
  public QuadraticCost() {}

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor y = Targets.dense("QuadraticCost", output, target);
    Tensor diff = output.sub(y);
    return diff.mul(diff).sum().div(2.0 * output.dim(0));
  }

  @Override public String toString() { return "QuadraticCost"; }
}
