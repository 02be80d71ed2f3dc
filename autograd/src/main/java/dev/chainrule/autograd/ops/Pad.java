package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.Arrays;

/** y = x surrounded by the constant c (before[a] and after[a] entries along each axis a);  dx = dy with the border sliced off;  ẏ = ẋ padded with zeros.
 * PyTorch's F.pad(x, pads, value=c) in "constant" mode, with the pads given per axis here.
 */
public final class Pad implements Primitive {
  private final int[] before, after;
  private final double value;

  /** Pads axis a of the input with {@code before[a]} and {@code after[a]} entries (trusted: non-negative, one per axis) of {@code value}. */
  public Pad(int[] before, int[] after, double value) {
    this.before = before;
    this.after = after;
    this.value = value;
  }

  /**
   * The user-facing pad in PyTorch's order: {@code pads} holds (before, after) pairs starting at
   * the last axis, (left, right, top, bottom, ...), for at most every axis.
   */
  public static Tensor pad(Tensor x, int[] pads, double value) {
    if (pads.length % 2 != 0 || pads.length / 2 > x.rank()) {
      throw new IllegalArgumentException("pad: needs (before, after) pairs for at most " + x.rank() + " axes, got "
          + Arrays.toString(pads) + " (for " + x.shape() + ")");
    }
    int[] before = new int[x.rank()], after = new int[x.rank()];
    for (int i = 0; i < pads.length / 2; i++) {
      int axis = x.rank() - 1 - i;
      before[axis] = pads[2 * i];
      after[axis] = pads[2 * i + 1];
      if (before[axis] < 0 || after[axis] < 0) {
        throw new IllegalArgumentException("pad: pads must be >= 0, got " + Arrays.toString(pads) + " (for " + x.shape() + ")");
      }
    }
    return Tensor.apply(new Pad(before, after, value), x);
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    int rank = x.rank();
    int[] out = new int[rank];
    for (int a = 0; a < rank; a++) out[a] = x.dim(a) + before[a] + after[a];
    Tensor y = Tensor.zeros(x.dtype(), Shape.of(out));
    if (value != 0) y.fillInPlace(value);
    if (x.size() == 0) return y;
    if (rank == 0) return Compute.copy(x);
    // Copy x one row (last axis) at a time; idx walks the row's leading coordinates in order.
    int row = x.dim(rank - 1), rows = x.size() / row;
    int[] idx = new int[rank - 1];
    for (int r = 0; r < rows; r++) {
      int dst = 0;
      for (int a = 0; a < rank - 1; a++) dst = (dst + idx[a] + before[a]) * out[a + 1];
      System.arraycopy(Compute.array(x), r * row, Compute.array(y), dst + before[rank - 1], row);
      for (int a = rank - 2; a >= 0 && ++idx[a] == x.dim(a); a--) idx[a] = 0;
    }
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Shape xs = ctx.inputShape(0);
    Tensor dx = dy;
    for (int a = 0; a < xs.rank(); a++) {
      if (before[a] != 0 || after[a] != 0) dx = dx.slice(a, before[a], before[a] + xs.dim(a));
    }
    return new Tensor[] {dx == dy ? dy.mul(1.0) : dx};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tensor.apply(new Pad(before, after, 0.0), Tangents.orZero(t[0], x[0]));
  }

  @Override public String toString() {
    return "Pad(before=" + Arrays.toString(before) + ", after=" + Arrays.toString(after) + ", value=" + value + ")";
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: the last two axes padded unevenly with 0.5. */
  public static Example example() {
    return Example.of(new Pad(new int[] {0, 1, 2}, new int[] {0, 0, 1}, 0.5), Shape.of(2, 3, 4));
  }
}
