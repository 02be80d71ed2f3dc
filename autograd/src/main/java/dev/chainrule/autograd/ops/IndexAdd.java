package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/** y = zeros with y[indices[i]] += x[i] (scatter-add, the backward of {@link IndexSelect});  dx = dy gathered. */
public final class IndexAdd implements Primitive {
  private final int[] indices;
  private final int rows;

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
      if (x.dtype() == DType.F32) {
        float[] o = out.f32(), v = x.f32();
        for (int j = 0; j < row; j++) o[dst + j] += v[src + j];
      } else {
        double[] o = out.f64(), v = x.f64();
        for (int j = 0; j < row; j++) o[dst + j] += v[src + j];
      }
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.indexSelect(indices)};
  }

  @Override public String toString() { return "IndexAdd(" + indices.length + " rows into " + rows + ")"; }
}
