package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;

/** y = min(a, b);  da = dy·[a &lt; b] + dy/2·[a = b],  db = dy - da;  ẏ = ȧ or ḃ from the smaller, their mean on ties. */
public final class Minimum implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0], in[1]);
    return Compute.binary(BinaryOp.MIN, in[0], in[1]);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return split(dy, ctx.saved(1).detach(), ctx.saved(0).detach(), ctx);
  }

  /** Sends dy to the first operand where winner &gt; loser, to the second where less, half each on ties. */
  static Tensor[] split(Tensor dy, Tensor winner, Tensor loser, Context ctx) {
    Tensor share = Compute.binary(BinaryOp.GT, winner, loser)
        .add(Compute.binary(BinaryOp.EQ, winner, loser).mul(0.5));
    return new Tensor[] {
        ctx.needsGrad(0) ? dy.mul(share) : null,
        ctx.needsGrad(1) ? dy.mul(share.rsub(1.0)) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.split(t, x[1], x[0]);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Minimum(), Shape.of(3, 4), Shape.of(3, 4));
  }
}
