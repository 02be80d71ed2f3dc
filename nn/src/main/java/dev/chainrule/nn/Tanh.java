package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** y = tanh(x) elementwise, a sigmoid rescaled to (-1, 1). No parameters. */
public final class Tanh extends Module {
  @Override public Tensor forward(Tensor x) { return x.tanh(); }
}
