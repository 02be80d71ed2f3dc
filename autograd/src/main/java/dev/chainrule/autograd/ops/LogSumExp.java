package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = log Σ exp(x) along one axis (kept as size 1);  dx = dy·exp(x - y) = dy·softmax(x);  ẏ = Σ ẋ·exp(x - y).
 * Computed as m + log Σ exp(x - m) with m = max x, so nothing overflows.
 */
public final class LogSumExp implements Primitive {
  private final int axis;

  /** Reduces {@code axis} (normalised), keeping it as size 1. */
  public LogSumExp(int axis) { this.axis = axis; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Tensor m = Compute.reduceAxis(ReduceOp.MAX, x, axis);
    // NOTE: a row of all -inf (or an empty row) has m = -inf; shifting by it would give NaN.
    Tensor shift = Compute.where(isFinite(m), m, Tensor.zeros(m.dtype(), m.shape()));
    Tensor y = x.sub(shift).exp().sum(new int[] {axis}, true).log().add(shift);
    ctx.save(x, y);
    return y;
  }

  private static Tensor isFinite(Tensor m) {
    Tensor magnitude = Compute.unary(dev.chainrule.autograd.kernel.UnaryOp.ABS, m);
    // NOTE: the float kernels round the scalar to float, and (float) Double.MAX_VALUE is +inf.
    double largest = m.dtype().largestFinite();
    return Compute.scalar(ScalarOp.LE, magnitude, largest);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0), y = ctx.saved(1);
    return new Tensor[] {dy.mul(x.sub(y).exp())};
  }

  @Override public String toString() { return "LogSumExp(axis=" + axis + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(x[0].sub(y).exp()).sum(new int[] {axis}, true);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new LogSumExp(1), Shape.of(3, 4));
  }
}
