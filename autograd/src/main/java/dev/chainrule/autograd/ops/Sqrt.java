package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = √x;  dx = dy / (2y);  ẏ = ẋ / (2y). */
public final class Sqrt implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.SQRT, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.div(ctx.saved(0)).mul(0.5)};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].div(y.mul(2.0));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(0.5, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Sqrt(), Shape.of(3, 4));
  }
}
