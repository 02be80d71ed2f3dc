package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = √x;  dx = dy / (2y). */
public final class Sqrt implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.SQRT, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.div(ctx.saved(0)).mul(0.5)};
  }
}
