package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ReduceOp;
import java.util.Arrays;

/** y = Σ x over some axes;  dx = dy expanded back over those axes;  ẏ = Σ ẋ over the same axes. */
public final class Sum implements Primitive {
  private final int[] axes;
  private final boolean keepDim;

  /** The sum over {@code axes} (sorted, distinct), kept as size 1 when {@code keepDim}. */
  public Sum(int[] axes, boolean keepDim) {
    this.axes = axes;
    this.keepDim = keepDim;
  }

  /** Normalises negative axes, sorts them and rejects repeats or out-of-range axes. */
  public static int[] normalize(Shape shape, int[] axes, String op) {
    int[] norm = new int[axes.length];
    for (int i = 0; i < axes.length; i++) norm[i] = shape.axis(axes[i], op);
    Arrays.sort(norm);
    for (int i = 1; i < norm.length; i++) {
      if (norm[i] == norm[i - 1]) throw new IllegalArgumentException(op + ": axis " + norm[i] + " repeated in " + Arrays.toString(axes));
    }
    return norm;
  }

  /** The reduced shape: the given axes removed, or kept as size 1. */
  static Shape reduced(Shape s, int[] axes, boolean keepDim) {
    int[] d = s.dims();
    if (keepDim) {
      for (int a : axes) d[a] = 1;
      return Shape.of(d);
    }
    int[] out = new int[d.length - axes.length];
    for (int i = 0, j = 0, k = 0; i < d.length; i++) {
      if (k < axes.length && axes[k] == i) k++;
      else out[j++] = d[i];
    }
    return Shape.of(out);
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Shape source = in[0].shape();
    Tensor kept = Compute.reduce(ReduceOp.SUM, in[0], axes);
    return kept.viewAs(reduced(source, axes, keepDim));
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Shape source = ctx.inputShape(0);
    return new Tensor[] {dy.reshape(reduced(source, axes, true).dims()).expand(source)};
  }

  @Override public String toString() { return "Sum(axes=" + Arrays.toString(axes) + ", keepDim=" + keepDim + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Sum(new int[] {1}, false), Shape.of(3, 4));
  }
}
