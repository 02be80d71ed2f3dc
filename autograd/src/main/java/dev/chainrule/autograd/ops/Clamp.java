package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = min(max(x, lo), hi);  dx = dy·[lo ≤ x ≤ hi]. */
public final class Clamp implements Primitive {
  private final double lo, hi;

  public Clamp(double lo, double hi) {
    this.lo = lo;
    this.hi = hi;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.scalar(ScalarOp.MIN, Compute.scalar(ScalarOp.MAX, in[0], lo), hi);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0);
    Tensor inside = Compute.binary(BinaryOp.MUL,
        Compute.scalar(ScalarOp.GE, x, lo), Compute.scalar(ScalarOp.LE, x, hi));
    return new Tensor[] {dy.mul(inside)};
  }

  @Override public String toString() { return "Clamp(" + lo + ", " + hi + ")"; }
}
