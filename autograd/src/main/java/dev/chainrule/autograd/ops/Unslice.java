package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;

/** y = zeros with x placed at [start, start+len) along one axis (the backward of {@link Slice});  dx = dy sliced. */
public final class Unslice implements Primitive {
  private final int axis, start, length;

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
}
