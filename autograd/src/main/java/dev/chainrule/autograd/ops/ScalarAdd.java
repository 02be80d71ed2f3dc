package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = x + s for a constant s;  dx = dy. */
public final class ScalarAdd implements Primitive {
  private final double s;

  public ScalarAdd(double s) { this.s = s; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.scalar(ScalarOp.ADD, in[0], s);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy};
  }

  @Override public String toString() { return "ScalarAdd(" + s + ")"; }
}
