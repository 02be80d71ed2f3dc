package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = tanh x;  dx = dy·(1-y²);  ẏ = ẋ·(1-y²), from the saved output. */
public final class Tanh implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.TANH, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor y = ctx.saved(0);
    if (Compute.nothingWatches()) {   // first order: fused kernel passes, as in Sigmoid
      Tensor g = Compute.scalar(ScalarOp.RSUB, Compute.binary(dev.chainrule.autograd.kernel.BinaryOp.MUL, y, y), 1.0);
      return new Tensor[] {Compute.multiplyInPlace(g, dy)};
    }
    return new Tensor[] {dy.mul(y.square().rsub(1.0))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(y.square().rsub(1.0));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Tanh(), Shape.of(3, 4));
  }
}
