package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y[i] = x[indices[i]] along the first axis (row gather);  dx = dy scatter-added back to the rows ({@link IndexAdd});  ẏ = ẋ gathered. */
public final class IndexSelect implements Primitive, SparseAdjoint {
  private final int[] indices;

  /** Gathers rows {@code indices} (each in range, checked by {@code Tensor.indexSelect}); the array is kept, not copied. */
  public IndexSelect(int[] indices) { this.indices = indices; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Tensor out = Tensor.zeros(x.dtype(), x.shape().with(0, indices.length));
    int row = x.shape().inner(0);
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(Compute.array(x), indices[i] * row, Compute.array(out), i * row, row);
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new IndexAdd(indices, ctx.inputShape(0).dim(0)), dy)};
  }

  /** The rows {@link #backward}'s {@link IndexAdd} adds dy into, for adding it there without a full-size tensor. */
  @Override public Runs adjointRuns(Context ctx) {
    return Runs.rows(indices, ctx.inputShape(0).inner(0));
  }

  @Override public String toString() { return "IndexSelect(" + indices.length + " rows)"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new IndexSelect(new int[] {2, 0, 2, 3}), Shape.of(4, 3)).batched(1, 1);
  }
}
