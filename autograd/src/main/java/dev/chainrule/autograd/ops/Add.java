package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = a + b;  da = dy,  db = dy;  ẏ = ȧ + ḃ. (Operands have one shape: {@link Expand} does broadcasting.) */
public final class Add implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    return Compute.binary(BinaryOp.ADD, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy, dy};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.sum(t[0], t[1]);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Add(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
