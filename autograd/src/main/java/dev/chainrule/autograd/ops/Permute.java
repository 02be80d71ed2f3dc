package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.Arrays;

/** y = x with dimensions reordered (y dim i = x dim order[i], a view sharing x's storage);  dx = dy permuted by the inverse order;  ẏ = ẋ permuted. */
public final class Permute implements Primitive {
  private final int[] order;

  /** Output dimension i is input dimension {@code order[i]} (normalised, see {@link #check}). */
  public Permute(int[] order) { this.order = order.clone(); }

  /** Validates {@code order} against {@code shape}: a permutation of 0..rank-1 (negatives count from the end). */
  public static int[] check(Shape shape, int[] order) {
    if (order.length != shape.rank()) {
      throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " has "
          + order.length + " entries for shape " + shape + " of rank " + shape.rank());
    }
    int[] norm = new int[order.length];
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      norm[i] = shape.axis(order[i], "permute");
      if (seen[norm[i]]) {
        throw new IllegalArgumentException("permute: dimension " + norm[i] + " repeated in "
            + Arrays.toString(order) + " for shape " + shape);
      }
      seen[norm[i]] = true;
    }
    return norm;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return in[0].permutedView(order);   // strides reordered, nothing copied
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) inverse[order[i]] = i;
    return new Tensor[] {dy.permute(inverse)};
  }

  @Override public String toString() { return "Permute(" + Arrays.toString(order) + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Permute(new int[] {0, 2, 1}), Shape.of(2, 3, 4));
  }
}
