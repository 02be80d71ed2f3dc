package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = min(max(x, lo), hi);  dx = dy·[lo ≤ x ≤ hi];  ẏ = ẋ·[lo ≤ x ≤ hi]. */
public final class Clamp implements Primitive {
  private final double lo, hi;

  /** Clamps into [lo, hi] (either may be infinite); lo ≤ hi, checked by {@code Tensor.clamp}. */
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

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(Tangents.equal(x[0], y));
  }

  @Override public Domain domain(int input) {
    Domain d = Domain.reals(-1.5, 1.5);
    if (Double.isFinite(lo)) d = d.avoiding(lo);
    if (Double.isFinite(hi)) d = d.avoiding(hi);
    return d.avoid().isEmpty() ? d : d.withMargin(0.2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Clamp(-0.5, 0.5), Shape.of(3, 4));
  }
}
