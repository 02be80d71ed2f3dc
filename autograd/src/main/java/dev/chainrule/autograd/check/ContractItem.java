package dev.chainrule.autograd.check;

/** The nine properties a {@link LayerContract} verifies, numbered and named as in its report. */
public enum ContractItem {
  FINITE_DIFFERENCES(1, "backward matches central finite differences (float64)"),
  DOT_PRODUCT(2, "dot-product test <u, J v> = <J^T u, v> against forward mode (JVP)"),
  LINEAR_IN_UPSTREAM(3, "backward is linear in the upstream gradient"),
  ACCUMULATION(4, "gradients accumulate when a tensor is used twice"),
  NO_MUTATION(5, "inputs are not mutated by forward or backward"),
  BATCH_SUM(6, "batch gradient equals the sum of per-example gradients"),
  UNUSED_GET_ZERO(7, "entries that do not affect the output get a zero gradient"),
  FLOAT32(8, "float32 agrees with float64"),
  SECOND_DERIVATIVES(9, "second derivatives match finite differences of the gradient");

  private final int number;
  private final String title;

  ContractItem(int number, String title) {
    this.number = number;
    this.title = title;
  }

  public int number() { return number; }

  public String title() { return title; }

  @Override public String toString() { return number + ". " + title; }
}
