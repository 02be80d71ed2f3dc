package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = zeros with y.flat[index[i]] += x[i] (the adjoint of {@link Take}: max pooling's backward);  dx = dy taken at index;  ẏ = ẋ scatter-added. */
public final class FlatScatterAdd implements Primitive {
  private final int[] index;
  private final Shape shape;

  /** Adds element i of x into flat position {@code index[i]} (trusted: in range) of zeros of {@code shape}. */
  public FlatScatterAdd(int[] index, Shape shape) {
    this.index = index;
    this.shape = shape;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor y = Tensor.zeros(in[0].dtype(), shape);
    Windows.scatterAdd(in[0], index, y);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new Take(index, ctx.inputShape(0)), dy)};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public String toString() { return "FlatScatterAdd(" + index.length + " elements into " + shape + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: two elements land on one position. */
  public static Example example() {
    return Example.of(new FlatScatterAdd(new int[] {4, 0, 4, 5}, Shape.of(2, 3)), Shape.of(2, 2)).batched(-1, -1);
  }
}
