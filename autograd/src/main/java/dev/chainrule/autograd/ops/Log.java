package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = ln x;  dx = dy / x. */
public final class Log implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.unary(UnaryOp.LOG, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.div(ctx.saved(0))};
  }
}
