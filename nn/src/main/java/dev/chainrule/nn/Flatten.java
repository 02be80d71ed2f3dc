package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** [batch, d1, d2, ...] to [batch, d1·d2·...], PyTorch's {@code nn.Flatten()}: between convolutions and dense layers. */
public final class Flatten extends Module {
  /** Flattens every axis after the first. */
  public Flatten() {}

  @Override public Tensor forward(Tensor x) {
    if (x.rank() < 1) throw new IllegalArgumentException(this + ": input must have a batch axis (got a scalar)");
    return x.reshape(x.dim(0), -1);
  }

  @Override public String toString() { return "Flatten()"; }
}
