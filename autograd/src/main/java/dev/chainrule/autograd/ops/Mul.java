package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a·b;  da = dy·b,  db = dy·a. */
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
}
