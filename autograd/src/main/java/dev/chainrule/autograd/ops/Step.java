package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = [x &gt; 0] (Heaviside);  dx = 0: a perceptron cannot learn by gradient descent. */
public final class Step implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.unary(UnaryOp.STEP, in[0]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.zeros(dy.dtype(), dy.shape())};
  }
}
