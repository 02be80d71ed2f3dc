package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = s·x for a constant s;  dx = s·dy;  ẏ = s·ẋ. */
public final class ScalarMul implements Primitive {
  private final double s;

  /** Multiplies by the constant {@code s}. */
  public ScalarMul(double s) { this.s = s; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.scalar(ScalarOp.MUL, in[0], s);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(s)};
  }

  @Override public String toString() { return "ScalarMul(" + s + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new ScalarMul(-1.5), Shape.of(3, 4));
  }
}
