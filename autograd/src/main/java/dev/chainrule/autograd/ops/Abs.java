package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = |x|;  dx = dy·sign(x);  ẏ = sign(x)·ẋ (both 0 at x = 0). */
public final class Abs implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.unary(UnaryOp.ABS, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(Compute.unary(UnaryOp.SIGN, ctx.saved(0)))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(Tangents.mask(UnaryOp.SIGN, x[0]));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1.5, 1.5).avoiding(0.0).withMargin(0.2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Abs(), Shape.of(3, 4));
  }
}
