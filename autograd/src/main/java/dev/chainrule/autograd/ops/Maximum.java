package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = max(a, b);  da = dy·[a &gt; b] + dy/2·[a = b],  db = dy - da;  ẏ = ȧ or ḃ from the larger, their mean on ties (as PyTorch). */
public final class Maximum implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0], in[1]);
    return Compute.binary(BinaryOp.MAX, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return Minimum.split(dy, ctx.saved(0).detach(), ctx.saved(1).detach(), ctx);
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.split(t, x[0], x[1]);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Maximum(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
