package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x broadcast to a larger shape (NumPy rules);  dx = dy summed over the broadcast dimensions;  ẏ = ẋ broadcast.
 * The one place un-broadcasting lives: binary operations expand their operands and stay simple.
 */
public final class Expand implements Primitive {
  private final Shape target;

  /** Broadcasts to {@code target}, which the input shape must broadcast to (checked by {@code Tensor.expand}). */
  public Expand(Shape target) { this.target = target; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Shape source = in[0].shape();
    Tensor out = Tensor.zeros(in[0].dtype(), target);
    if (target.size() == 0) return out;   // a size-1 dimension broadcast to 0: nothing to copy
    int lead = target.rank() - source.rank();
    int[] srcDims = new int[target.rank()];
    for (int i = 0; i < target.rank(); i++) srcDims[i] = i < lead ? 1 : source.dim(i - lead);
    copy(Compute.array(in[0]), srcDims, Compute.array(out), target.dims(), 0, 0, 0);
    return out;
  }

  /**
   * Copies the block of dimension {@code axis} onward; returns the next output offset. The
   * innermost dimension is copied in one run (or filled from one element when broadcast).
   */
  private static int copy(Object src, int[] srcDims, Object dst, int[] dstDims, int axis, int srcOff, int dstOff) {
    int rank = dstDims.length;
    if (rank == 0) {
      System.arraycopy(src, 0, dst, 0, 1);
      return 1;
    }
    int srcBlock = 1;
    for (int i = axis + 1; i < rank; i++) srcBlock *= srcDims[i];
    if (axis == rank - 1) {
      if (srcDims[axis] == dstDims[axis]) {
        System.arraycopy(src, srcOff, dst, dstOff, dstDims[axis]);
      } else {
        for (int j = 0; j < dstDims[axis]; j++) System.arraycopy(src, srcOff, dst, dstOff + j, 1);
      }
      return dstOff + dstDims[axis];
    }
    int start = dstOff;
    int dstBlock = 1;
    for (int i = axis + 1; i < rank; i++) dstBlock *= dstDims[i];
    if (srcDims[axis] == dstDims[axis]) {
      for (int j = 0; j < dstDims[axis]; j++) {
        dstOff = copy(src, srcDims, dst, dstDims, axis + 1, srcOff + j * srcBlock, dstOff);
      }
    } else {
      // Broadcast dimension: build the block once, then repeat it.
      dstOff = copy(src, srcDims, dst, dstDims, axis + 1, srcOff, dstOff);
      for (int j = 1; j < dstDims[axis]; j++) {
        System.arraycopy(dst, start, dst, dstOff, dstBlock);
        dstOff += dstBlock;
      }
    }
    return dstOff;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {sumTo(dy, ctx.inputShape(0))};
  }

  /** Sums {@code g} down to {@code shape}, undoing a broadcast. */
  static Tensor sumTo(Tensor g, Shape shape) {
    int lead = g.rank() - shape.rank();
    int count = 0;
    int[] axes = new int[g.rank()];
    for (int i = 0; i < g.rank(); i++) {
      if (i < lead || (shape.dim(i - lead) == 1 && g.dim(i) != 1)) axes[count++] = i;
    }
    Tensor summed = count == 0 ? g : g.sum(java.util.Arrays.copyOf(axes, count), true);
    return summed.reshape(shape.dims());
  }

  @Override public String toString() { return "Expand(" + target + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Expand(Shape.of(3, 4)), Shape.of(3, 1)).batched(-1, -1);
  }
}
