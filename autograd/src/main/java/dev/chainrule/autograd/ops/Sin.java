package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = sin x;  dx = dy·cos x;  ẏ = ẋ·cos x. */
public final class Sin implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Pointwise.map(in[0], StrictMath::sin);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0);
    return new Tensor[] {dy.mul(x.cos())};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(x[0].cos());
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-3, 3);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Sin(), Shape.of(3, 4));
  }
}
