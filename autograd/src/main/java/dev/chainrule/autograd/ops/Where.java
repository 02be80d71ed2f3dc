package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = cond ? a : b;  da = cond ? dy : 0,  db = cond ? 0 : dy;  ẏ = cond ? ȧ : ḃ;  cond gets no gradient. */
public final class Where implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Compute.where(in[0], in[1], in[2]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor cond = ctx.saved(0);
    Tensor zero = Tensor.zeros(dy.dtype(), dy.shape());
    // Selecting rather than multiplying by the mask keeps an infinite dy from becoming NaN.
    return new Tensor[] {
        null,
        ctx.needsGrad(1) ? Tensor.where(cond, dy, zero) : null,
        ctx.needsGrad(2) ? Tensor.where(cond, zero, dy) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tensor.apply(this, x[0], Tangents.orZero(t[1], x[1]), Tangents.orZero(t[2], x[2]));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: the condition is a fixed mask (a constant input). */
  public static Example example() {
    double[] mask = new double[12];
    for (int i = 0; i < mask.length; i++) mask[i] = i % 3 == 1 ? 0.0 : 1.0;
    Shape s = Shape.of(3, 4);
    return Example.of(new Where(), s, s, s).fixing(0, Tensor.of(mask, 3, 4));
  }
}
