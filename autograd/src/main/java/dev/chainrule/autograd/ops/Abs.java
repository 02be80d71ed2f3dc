package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = |x|;  dx = dy·sign(x) (0 at x = 0). */
public final class Abs implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.unary(UnaryOp.ABS, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(Compute.unary(UnaryOp.SIGN, ctx.saved(0)))};
  }
}
