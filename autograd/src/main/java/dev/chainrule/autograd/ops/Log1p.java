package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = log(1 + x), accurate for small x;  dx = dy/(1 + x);  ẏ = ẋ/(1 + x).  Defined for x &gt; -1. */
public final class Log1p implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Pointwise.map(in[0], StrictMath::log1p);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0);
    return new Tensor[] {dy.div(x.add(1.0))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].div(x[0].add(1.0));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-0.7, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Log1p(), Shape.of(3, 4));
  }
}
