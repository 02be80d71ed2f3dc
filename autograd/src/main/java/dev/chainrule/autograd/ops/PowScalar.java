package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = xᵖ for a constant p;  dx = dy·p·xᵖ⁻¹;  ẏ = p·xᵖ⁻¹·ẋ (exactly 0 for p = 0). */
public final class PowScalar implements Primitive {
  private final double p;

  /** Raises to the constant power {@code p}. */
  public PowScalar(double p) { this.p = p; }

  /** The constant exponent p. */
  public double exponent() { return p; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.scalar(ScalarOp.POW, in[0], p);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    if (p == 0.0) return new Tensor[] {Tensor.zeros(dy.dtype(), dy.shape())};
    if (p == 1.0) return new Tensor[] {dy};
    return new Tensor[] {dy.mul(ctx.saved(0).pow(p - 1.0)).mul(p)};
  }

  @Override public String toString() { return "PowScalar(" + p + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return p == 0.0 ? null : p == 1.0 ? t[0] : t[0].mul(x[0].pow(p - 1.0)).mul(p);
  }

  @Override public Domain domain(int input) {
    // A non-integer power needs x > 0; a negative one has a pole at 0.
    if (p != Math.rint(p)) return Domain.reals(0.5, 2);
    return p < 0 ? Domain.reals(-2, 2).avoiding(0.0).withMargin(0.5) : Domain.reals(-1.5, 1.5);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new PowScalar(3.0), Shape.of(3, 4));
  }
}
