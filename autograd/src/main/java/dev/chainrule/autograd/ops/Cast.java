package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x converted to another dtype;  dx = dy converted back;  ẏ = ẋ converted. */
public final class Cast implements Primitive {
  private final DType target;

  /** Converts to {@code target}. */
  public Cast(DType target) { this.target = target; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Tensor.wrap(in[0].shape(), in[0].storage().to(target));
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.to(ctx.inputDType(0))};
  }

  @Override public String toString() { return "Cast(" + target + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Cast(DType.F64), Shape.of(3, 4));
  }
}
