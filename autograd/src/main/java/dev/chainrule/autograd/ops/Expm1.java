package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = eˣ - 1, accurate for small x;  dx = dy·(y + 1);  ẏ = ẋ·(y + 1) (both reuse the output). */
public final class Expm1 implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Pointwise.map(in[0], StrictMath::expm1);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(ctx.saved(0).add(1.0))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(y.add(1.0));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Expm1(), Shape.of(3, 4));
  }
}
