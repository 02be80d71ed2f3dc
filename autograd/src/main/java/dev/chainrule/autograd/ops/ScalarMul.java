package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = s·x for a constant s;  dx = s·dy. */
public final class ScalarMul implements Primitive {
  private final double s;

  public ScalarMul(double s) { this.s = s; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.scalar(ScalarOp.MUL, in[0], s);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(s)};
  }

  @Override public String toString() { return "ScalarMul(" + s + ")"; }
}
