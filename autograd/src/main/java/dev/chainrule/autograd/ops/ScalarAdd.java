package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = x + s for a constant s;  dx = dy;  ẏ = ẋ. */
public final class ScalarAdd implements Primitive {
  private final double s;

  /** Adds the constant {@code s}. */
  public ScalarAdd(double s) { this.s = s; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.scalar(ScalarOp.ADD, in[0], s);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy};
  }

  @Override public String toString() { return "ScalarAdd(" + s + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0];
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new ScalarAdd(0.5), Shape.of(3, 4));
  }
}
