package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = eˣ;  dx = dy·y (reuses the output). */
public final class Exp implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.EXP, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(ctx.saved(0))};
  }
}
