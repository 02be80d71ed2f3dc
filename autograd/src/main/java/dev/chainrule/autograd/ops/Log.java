package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = ln x;  dx = dy / x;  ẏ = ẋ / x. */
public final class Log implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.unary(UnaryOp.LOG, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.div(ctx.saved(0))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].div(x[0]);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(0.5, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Log(), Shape.of(3, 4));
  }
}
