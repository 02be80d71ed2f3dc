package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = -x;  dx = -dy. */
public final class Neg implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.unary(UnaryOp.NEG, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.neg()};
  }
}
