package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = -x;  dx = -dy;  ẏ = -ẋ. */
public final class Neg implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.unary(UnaryOp.NEG, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.neg()};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].neg();
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Neg(), Shape.of(3, 4));
  }
}
