package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x[..., start:end, ...] along one axis;  dx = dy placed into zeros at [start, end) ({@link Unslice});  ẏ = ẋ sliced. */
public final class Slice implements Primitive, SparseAdjoint {
  private final int axis, start, end;

  /** Elements [start, end) along {@code axis} (normalised and in range, checked by {@code Tensor.slice}). */
  public Slice(int axis, int start, int end) {
    this.axis = axis;
    this.start = start;
    this.end = end;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    int sourceLength = x.dim(axis);
    Tensor out = Tensor.zeros(x.dtype(), x.shape().with(axis, end - start));
    int outer = x.shape().outer(axis), inner = x.shape().inner(axis);
    int run = (end - start) * inner;
    for (int o = 0; o < outer; o++) {
      System.arraycopy(Compute.array(x), (o * sourceLength + start) * inner, Compute.array(out), o * run, run);
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new Unslice(axis, start, ctx.inputShape(0).dim(axis)), dy)};
  }

  /** Where {@link #backward}'s {@link Unslice} puts dy, for adding it there without a full-size tensor. */
  @Override public Runs adjointRuns(Context ctx) {
    return Runs.slice(ctx.inputShape(0), axis, start, end - start, 1);
  }

  @Override public String toString() { return "Slice(axis=" + axis + ", " + start + ":" + end + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Slice(1, 1, 3), Shape.of(3, 4));
  }
}
