package dev.chainrule.autograd.check;

/** The nine properties a {@link LayerContract} verifies, numbered and named as in its report. */
public enum ContractItem {
  /** 1: the analytic gradient agrees with central finite differences, in float64. */
  FINITE_DIFFERENCES(1, "backward matches central finite differences (float64)"),
  /** 2: backward (Jᵀ·u) and the forward-mode tangent rule (J·v) describe the same Jacobian. */
  DOT_PRODUCT(2, "dot-product test <u, J v> = <J^T u, v> against forward mode (JVP)"),
  /** 3: backward(a·dy₁ + b·dy₂) = a·backward(dy₁) + b·backward(dy₂), and zero in gives zero out. */
  LINEAR_IN_UPSTREAM(3, "backward is linear in the upstream gradient"),
  /** 4: an input used twice receives the sum of both gradients. */
  ACCUMULATION(4, "gradients accumulate when a tensor is used twice"),
  /** 5: forward and backward leave their arguments' values unchanged. */
  NO_MUTATION(5, "inputs are not mutated by forward or backward"),
  /** 6: the gradient of a batch is the sum of the examples' gradients (needs a batch axis). */
  BATCH_SUM(6, "batch gradient equals the sum of per-example gradients"),
  /** 7: an entry the output does not depend on gets exactly zero gradient. */
  UNUSED_GET_ZERO(7, "entries that do not affect the output get a zero gradient"),
  /** 8: the float32 forward and backward agree with float64 within a relative tolerance. */
  FLOAT32(8, "float32 agrees with float64"),
  /** 9: the gradient's own gradient (grad of grad) agrees with finite differences of the gradient. */
  SECOND_DERIVATIVES(9, "second derivatives match finite differences of the gradient");

  private final int number;
  private final String title;

  ContractItem(int number, String title) {
    this.number = number;
    this.title = title;
  }

  /** The item's number in reports and in {@code LayerContract.skip}, 1 to 9. */
  public int number() { return number; }

  /** The one-line statement of the property, as printed in reports. */
  public String title() { return title; }

  @Override public String toString() { return number + ". " + title; }
}
