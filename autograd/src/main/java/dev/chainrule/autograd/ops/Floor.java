package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = ⌊x⌋;  dx = 0;  ẏ = 0: piecewise constant, so no gradient flows (as in PyTorch). */
public final class Floor implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Pointwise.map(in[0], StrictMath::floor);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.zeros(dy.dtype(), dy.shape())};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return null;
  }

  /** Away from the jumps, where the (zero) derivative exists. */
  @Override public Domain domain(int input) {
    return Domain.reals(-1.5, 1.5).avoiding(-1.0, 0.0, 1.0).withMargin(0.2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Floor(), Shape.of(3, 4));
  }
}
