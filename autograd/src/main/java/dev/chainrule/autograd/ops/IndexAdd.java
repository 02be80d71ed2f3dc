package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = zeros with y[indices[i]] += x[i] (scatter-add, the backward of {@link IndexSelect});  dx = dy gathered;  ẏ = ẋ scatter-added. */
public final class IndexAdd implements Primitive {
  private final int[] indices;
  private final int rows;

  /** Scatter-adds row i of the input into row {@code indices[i]} of a {@code rows}-row output. */
  public IndexAdd(int[] indices, int rows) {
    this.indices = indices;
    this.rows = rows;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Tensor out = Tensor.zeros(x.dtype(), x.shape().with(0, rows));
    int row = x.shape().inner(0);
    for (int i = 0; i < indices.length; i++) {
      int dst = indices[i] * row, src = i * row;
      x.storage().addRange(src, out.storage(), dst, row);
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.indexSelect(indices)};
  }

  @Override public String toString() { return "IndexAdd(" + indices.length + " rows into " + rows + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new IndexAdd(new int[] {2, 0, 2}, 4), Shape.of(3, 2)).batched(1, 1);
  }
}
