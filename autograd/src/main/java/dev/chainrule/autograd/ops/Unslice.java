package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = zeros with x placed at [start, start+len) along one axis (the backward of {@link Slice});  dx = dy sliced;  ẏ = ẋ placed likewise. */
public final class Unslice implements Primitive {
  private final int axis, start, length;

  /** Places the input at [start, start + its size) along {@code axis} of zeros {@code length} long. */
  public Unslice(int axis, int start, int length) {
    this.axis = axis;
    this.start = start;
    this.length = length;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Tensor out = Tensor.zeros(x.dtype(), x.shape().with(axis, length));
    int outer = x.shape().outer(axis), inner = x.shape().inner(axis);
    int run = x.dim(axis) * inner;
    for (int o = 0; o < outer; o++) {
      System.arraycopy(Compute.array(x), o * run, Compute.array(out), (o * length + start) * inner, run);
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.slice(axis, start, start + ctx.inputShape(0).dim(axis))};
  }

  @Override public String toString() { return "Unslice(axis=" + axis + ", at " + start + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Unslice(1, 1, 5), Shape.of(3, 2));
  }
}
