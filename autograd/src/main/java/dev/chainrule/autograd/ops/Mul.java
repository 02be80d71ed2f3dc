package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a·b;  da = dy·b,  db = dy·a;  ẏ = ȧ·b + a·ḃ. */
public final class Mul implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0], in[1]);
    return Compute.binary(BinaryOp.MUL, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor a = ctx.saved(0), b = ctx.saved(1);
    return new Tensor[] {
        ctx.needsGrad(0) ? dy.mul(b) : null,
        ctx.needsGrad(1) ? dy.mul(a) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.sum(t[0] == null ? null : t[0].mul(x[1]), t[1] == null ? null : x[0].mul(t[1]));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Mul(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
