package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** y = tanh(x) elementwise, a sigmoid rescaled to (-1, 1). No parameters. */
public final class Tanh extends Module {
  /** The Tanh layer (it has no parameters). */
  public Tanh() {}

  @Override public Tensor forward(Tensor x) { return x.tanh(); }
}
