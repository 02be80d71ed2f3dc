package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/**
 * y = x[..., start:end:step, ...] along one axis (a view sharing x's storage);  dx = dy placed
 * into zeros at start, start + step, ... ({@link Unslice} for step 1);  ẏ = ẋ sliced.
 */
public final class Slice implements Primitive, SparseAdjoint {
  private final int axis, start, end, step;

  /** Elements [start, end) along {@code axis} (normalised and in range, checked by {@code Tensor.slice}). */
  public Slice(int axis, int start, int end) {
    this(axis, start, end, 1);
  }

  /** Every {@code step}-th element of [start, end) along {@code axis} (normalised, in range, step &gt;= 1). */
  public Slice(int axis, int start, int end, int step) {
    this.axis = axis;
    this.start = start;
    this.end = end;
    this.step = step;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return in[0].slicedView(axis, start, end, step);   // offset and stride changed, nothing copied
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    int length = ctx.inputShape(0).dim(axis);
    if (step == 1) return new Tensor[] {Tensor.apply(new Unslice(axis, start, length), dy)};
    return new Tensor[] {spread(dy, length)};
  }

  /** Where {@link #backward} puts dy (every step-th entry from start), for adding it there without a full-size tensor. */
  @Override public Runs adjointRuns(Context ctx) {
    return Runs.slice(ctx.inputShape(0), axis, start, (end - start + step - 1) / step, step);
  }

  /**
   * dy's m entries along the axis moved to start + i·step in zeros of the input's length: each
   * followed by step-1 zeros (a new axis padded and merged), cut, then padded to the full length.
   */
  private Tensor spread(Tensor dy, int length) {
    int m = dy.dim(axis);
    int[] pads = new int[2 * (dy.rank() - axis)];
    pads[1] = step - 1;                                     // after the new axis, which is last-but-(rank-axis-1)
    int[] pad = new int[2 * (dy.rank() + 1 - (axis + 1))];
    pad[pad.length - 1] = step - 1;                         // F.pad order: the new axis' pair comes last
    Tensor gaps = dy.unsqueeze(axis + 1).pad(pad, 0.0);     // [..., m, step, ...]
    int[] merged = dy.dims();
    merged[axis] = m * step;
    Tensor spaced = gaps.reshape(merged).slice(axis, 0, Math.min(m * step, length - start));
    int[] around = new int[2 * (dy.rank() - axis)];
    around[around.length - 2] = start;
    around[around.length - 1] = length - start - spaced.dim(axis);
    return spaced.pad(around, 0.0);
  }

  @Override public String toString() {
    return "Slice(axis=" + axis + ", " + start + ":" + end + (step == 1 ? "" : ":" + step) + ")";
  }

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
