package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = 1/(1+e⁻ˣ);  dx = dy·y·(1-y);  ẏ = ẋ·y·(1-y), from the saved output (stable for any x). */
public final class Sigmoid implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.SIGMOID, in[0]);
    ctx.save(y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor y = ctx.saved(0);
    if (Compute.nothingWatches()) {
      // First-order backward records nothing: three kernel passes into one fresh tensor instead
      // of four recorded operations. With create-graph the composite below is differentiated.
      Tensor g = Compute.scalar(ScalarOp.RSUB, y, 1.0);
      return new Tensor[] {Compute.multiplyInPlace(Compute.multiplyInPlace(g, y), dy)};
    }
    return new Tensor[] {dy.mul(y.mul(y.rsub(1.0)))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(y).mul(y.rsub(1.0));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-3, 3);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Sigmoid(), Shape.of(3, 4));
  }
}
