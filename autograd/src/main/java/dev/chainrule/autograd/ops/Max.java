package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ReduceOp;
import java.util.Arrays;

/** y = max of x over some axes;  dx = dy·[x = y] / (number of maxima);  ẏ = Σ ẋ·[x = y] / (number of maxima).
 * The gradient goes to the maximal elements, shared equally on ties (PyTorch's amax).
 */
public final class Max implements Primitive {
  private final int[] axes;
  private final boolean keepDim;

  /** The maximum over {@code axes} (sorted, distinct), kept as size 1 when {@code keepDim}. */
  public Max(int[] axes, boolean keepDim) {
    this.axes = axes;
    this.keepDim = keepDim;
  }

  /** The reduced axes, sorted (a copy). */
  public int[] axes() { return axes.clone(); }

  /** Whether the reduced axes are kept as size 1. */
  public boolean keepDim() { return keepDim; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    for (int a : axes) {
      if (x.dim(a) == 0) throw new IllegalArgumentException("max: axis " + a + " of shape " + x.shape() + " is empty");
    }
    Tensor kept = Compute.reduce(ReduceOp.MAX, x, axes);
    ctx.save(x, kept);
    return kept.viewAs(Sum.reduced(x.shape(), axes, keepDim));
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0).detach(), kept = ctx.saved(1);
    Shape s = x.shape();
    Tensor isMax = Compute.binary(BinaryOp.EQ, x, kept.expand(s));
    Tensor count = Compute.reduce(ReduceOp.SUM, isMax, axes);
    Tensor share = Compute.binary(BinaryOp.DIV, isMax, count.expand(s));
    return new Tensor[] {dy.reshape(kept.dims()).expand(s).mul(share)};
  }

  @Override public String toString() { return "Max(axes=" + Arrays.toString(axes) + ", keepDim=" + keepDim + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    Shape s = x[0].shape();
    int[] kept = s.dims();
    for (int a : axes) kept[a] = 1;
    Tensor isMax = Tangents.equal(x[0], y.detach().reshape(kept).expand(s));
    Tensor count = isMax.sum(axes, true).expand(s);
    return t[0].mul(isMax.div(count)).sum(axes, keepDim);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1.5, 1.5);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Max(new int[] {1}, false), Shape.of(3, 4));
  }
}
