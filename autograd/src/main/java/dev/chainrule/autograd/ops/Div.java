package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a / b;  da = dy / b,  db = -dy·a / b² = -da·y;  ẏ = (ȧ - y·ḃ) / b. */
public final class Div implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.binary(BinaryOp.DIV, in[0], in[1]);
    ctx.save(in[1], y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor b = ctx.saved(0), y = ctx.saved(1);
    Tensor da = dy.div(b);
    return new Tensor[] {ctx.needsGrad(0) ? da : null, ctx.needsGrad(1) ? da.mul(y).neg() : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.sum(t[0], t[1] == null ? null : y.mul(t[1]).neg()).div(x[1]);
  }

  @Override public Domain domain(int input) {
    return input == 1 ? Domain.reals(0.5, 2) : Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Div(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
