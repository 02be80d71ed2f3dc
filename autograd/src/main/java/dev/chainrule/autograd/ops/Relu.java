package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = max(x, 0);  dx = dy·[x &gt; 0];  ẏ = ẋ·[x &gt; 0] (0 at the kink, as PyTorch). */
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

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(Tangents.mask(UnaryOp.STEP, x[0]));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1.5, 1.5).avoiding(0.0).withMargin(0.2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Relu(), Shape.of(3, 4));
  }
}
