package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y[i] = x.flat[index[i]] (a gather, shaped as asked; max pooling's forward);  dx = dy scatter-added at index ({@link FlatScatterAdd});  ẏ = ẋ taken likewise. */
public final class Take implements Primitive, SparseAdjoint {
  private final int[] index;
  private final Shape shape;

  /** Takes x's elements at these flat indices (trusted: in range) into a tensor of {@code shape}. */
  public Take(int[] index, Shape shape) {
    this.index = index;
    this.shape = shape;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Tensor.zeros(in[0].dtype(), shape);
    Windows.take(in[0], index, y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new FlatScatterAdd(index, ctx.inputShape(0)), dy)};
  }

  /** The elements {@link #backward}'s {@link FlatScatterAdd} adds dy into, for adding it there without a full-size tensor. */
  @Override public Runs adjointRuns(Context ctx) {
    return Runs.elements(index);
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public String toString() { return "Take(" + index.length + " elements into " + shape + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: a repeat, and entries never taken. */
  public static Example example() {
    return Example.of(new Take(new int[] {4, 0, 4, 5}, Shape.of(2, 2)), Shape.of(2, 3)).batched(-1, -1);
  }
}
