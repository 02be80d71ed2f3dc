package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y[p] = x[p with p[axis] = index[p]] (PyTorch's gather);  dx = dy scatter-added back ({@link ScatterAdd});  ẏ = ẋ gathered. */
public final class Gather implements Primitive, SparseAdjoint {
  private final int axis;
  private final int[] index;
  private final Shape indexShape;

  /**
   * Gathers along {@code axis} (non-negative) with {@code index} of shape {@code indexShape} (each
   * value in range, checked by {@code Tensor.gather}); the array is kept, not copied.
   */
  public Gather(int axis, int[] index, Shape indexShape) {
    this.axis = axis;
    this.index = index;
    this.indexShape = indexShape;
  }

  /**
   * The flat offset into a tensor of shape {@code shape} that position p of the index addresses:
   * p's own coordinates, except {@code index[p]} along {@code axis}. Shared with {@link ScatterAdd}.
   */
  static int[] offsets(int axis, int[] index, Shape indexShape, Shape shape) {
    int[] dims = indexShape.dims(), strides = shape.strides(), coord = new int[dims.length];
    int[] out = new int[index.length];
    for (int p = 0; p < index.length; p++) {
      int off = 0;
      for (int d = 0; d < dims.length; d++) off += (d == axis ? index[p] : coord[d]) * strides[d];
      out[p] = off;
      for (int d = dims.length - 1; d >= 0 && ++coord[d] == dims[d]; d--) coord[d] = 0;   // next position
    }
    return out;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Tensor out = Tensor.zeros(x.dtype(), indexShape);
    int[] from = offsets(axis, index, indexShape, x.shape());
    for (int p = 0; p < from.length; p++) x.storage().copyElement(from[p], out.storage(), p);
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new ScatterAdd(axis, index, indexShape, ctx.inputShape(0)), dy)};
  }

  /** The elements {@link #backward}'s {@link ScatterAdd} adds dy into, for adding it there without a full-size tensor. */
  @Override public Runs adjointRuns(Context ctx) {
    return Runs.elements(offsets(axis, index, indexShape, ctx.inputShape(0)));
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public String toString() { return "Gather(axis " + axis + ", index " + indexShape + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: columns picked per row, one picked twice. */
  public static Example example() {
    return Example.of(new Gather(1, new int[] {2, 0, 1, 1, 3, 3}, Shape.of(3, 2)), Shape.of(3, 4)).batched(-1, -1);
  }
}
