package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a - b;  da = dy,  db = -dy. */
public final class Sub implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.binary(BinaryOp.SUB, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy, ctx.needsGrad(1) ? dy.neg() : null};
  }
}
