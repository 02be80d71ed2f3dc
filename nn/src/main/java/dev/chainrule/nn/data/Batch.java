package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;

/** A mini-batch: {@code inputs} [m, ...] and {@code targets} [m, ...], row i of one matching row i of the other. */
public record Batch(Tensor inputs, Tensor targets) {
  /** Number of examples m. */
  public int size() { return inputs.dim(0); }
}
