package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.ScalarOp;

/** y = xᵖ for a constant p;  dx = dy·p·xᵖ⁻¹ (exactly 0 for p = 0). */
public final class PowScalar implements Primitive {
  private final double p;

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
}
