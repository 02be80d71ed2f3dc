package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = max(x, 0);  dx = dy·[x &gt; 0] (0 at the kink, as PyTorch). */
public final class Relu implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.RELU, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    // The mask is a constant: its own derivative is zero almost everywhere.
    Tensor mask = Compute.unary(UnaryOp.STEP, ctx.saved(0));
    return new Tensor[] {dy.mul(mask)};
  }
}
