package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * y = σ(x) = 1/(1+e^-x) elementwise; after a {@link Dense} layer these are the course's sigmoid
 * neurons, σ(w·x + b). No parameters.
 */
public final class Sigmoid extends Module {
  /** The Sigmoid layer (it has no parameters). */
  public Sigmoid() {}

  @Override public Tensor forward(Tensor x) { return x.sigmoid(); }
}
