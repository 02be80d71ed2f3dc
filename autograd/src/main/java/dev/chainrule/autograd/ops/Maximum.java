package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = max(a, b);  da = dy·[a &gt; b] + dy/2·[a = b],  db = dy - da (ties share the gradient, as PyTorch). */
public final class Maximum implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0], in[1]);
    return Compute.binary(BinaryOp.MAX, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return Minimum.split(dy, ctx.saved(0).detach(), ctx.saved(1).detach(), ctx);
  }
}
