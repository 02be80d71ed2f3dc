package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a / b;  da = dy / b,  db = -dy·a / b² = -da·y. */
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
}
