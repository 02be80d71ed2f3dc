package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = zeros with y[p with p[axis] = index[p]] += src[p] (the adjoint of {@link Gather});  dsrc = dy gathered;  ẏ = ṡrc scattered. */
public final class ScatterAdd implements Primitive {
  private final int axis;
  private final int[] index;
  private final Shape indexShape, outShape;

  /**
   * Scatter-adds a source of shape {@code indexShape} along {@code axis} (non-negative) into zeros
   * of shape {@code outShape}; {@code Tensor.scatterAdd} checks the values, the array is kept.
   */
  public ScatterAdd(int axis, int[] index, Shape indexShape, Shape outShape) {
    this.axis = axis;
    this.index = index;
    this.indexShape = indexShape;
    this.outShape = outShape;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor src = in[0];
    Tensor out = Tensor.zeros(src.dtype(), outShape);
    int[] to = Gather.offsets(axis, index, indexShape, outShape);
    for (int p = 0; p < to.length; p++) out.storage().set(to[p], out.storage().get(to[p]) + src.storage().get(p));
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new Gather(axis, index, indexShape), dy)};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public String toString() { return "ScatterAdd(axis " + axis + ", index " + indexShape + " into " + outShape + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: two sources land on one cell. */
  public static Example example() {
    return Example.of(new ScatterAdd(0, new int[] {2, 0, 0, 2, 1, 0}, Shape.of(2, 3), Shape.of(3, 3)), Shape.of(2, 3)).batched(-1, -1);
  }
}
