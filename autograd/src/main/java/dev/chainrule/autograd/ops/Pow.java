package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = a^b;  da = dy·b·a^(b-1),  db = dy·y·ln a;  ẏ = b·a^(b-1)·ȧ + y·ln a·ḃ (y·ln a taken as 0 where a = 0, the limit for b &gt; 0). */
public final class Pow implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.binary(BinaryOp.POW, in[0], in[1]);
    ctx.save(in[0], in[1], y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor a = ctx.saved(0), b = ctx.saved(1), y = ctx.saved(2);
    Tensor da = null, db = null;
    if (ctx.needsGrad(0)) da = dy.mul(b).mul(a.pow(b.sub(1.0)));
    if (ctx.needsGrad(1)) {
      // NOTE: ln 0 = -inf would turn 0·(-inf) into NaN; PyTorch masks these to 0 too.
      Tensor aIsZero = Compute.scalar(ScalarOp.LE, Compute.unary(dev.chainrule.autograd.kernel.UnaryOp.ABS, a.detach()), 0.0);
      Tensor safeA = Tensor.where(aIsZero, Tensor.ones(a.dtype(), a.shape()), a);
      db = Tensor.where(aIsZero, Tensor.zeros(a.dtype(), a.shape()), dy.mul(y).mul(safeA.log()));
    }
    return new Tensor[] {da, db};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    Tensor a = x[0], b = x[1];
    Tensor da = t[0] == null ? null : t[0].mul(b).mul(a.pow(b.sub(1.0)));
    Tensor db = null;
    if (t[1] != null) {
      // NOTE: ln 0 = -inf; take y·ln a = 0 at a = 0 (the limit for b > 0), as the backward does.
      Tensor aIsZero = Tangents.equal(a, Tensor.zeros(a.dtype(), a.shape()));
      Tensor safeA = Tensor.where(aIsZero, Tensor.ones(a.dtype(), a.shape()), a);
      db = Tensor.where(aIsZero, Tensor.zeros(a.dtype(), a.shape()), t[1].mul(y).mul(safeA.log()));
    }
    return Tangents.sum(da, db);
  }

  @Override public Domain domain(int input) {
    return input == 0 ? Domain.reals(0.5, 2) : Domain.reals(-1.5, 1.5);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Pow(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
