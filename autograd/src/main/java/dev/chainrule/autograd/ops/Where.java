package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;

/** y = cond ? a : b;  da = cond ? dy : 0,  db = cond ? 0 : dy;  cond gets no gradient. */
public final class Where implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.where(in[0], in[1], in[2]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor cond = ctx.saved(0);
    Tensor zero = Tensor.zeros(dy.dtype(), dy.shape());
    // Selecting rather than multiplying by the mask keeps an infinite dy from becoming NaN.
    return new Tensor[] {
        null,
        ctx.needsGrad(1) ? Tensor.where(cond, dy, zero) : null,
        ctx.needsGrad(2) ? Tensor.where(cond, zero, dy) : null};
  }
}
