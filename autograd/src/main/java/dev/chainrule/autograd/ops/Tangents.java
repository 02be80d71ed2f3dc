package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * Small helpers the primitives' tangent rules share: sums with zero (null) tangents, constant masks.
 */
final class Tangents {
  private Tangents() {}

  /** a + b where {@code null} is zero. */
  static Tensor sum(Tensor a, Tensor b) {
    return a == null ? b : b == null ? a : a.add(b);
  }

  /** t, or zeros shaped like {@code like} when t is {@code null}. */
  static Tensor orZero(Tensor t, Tensor like) {
    return t != null ? t : Tensor.zeros(like.dtype(), like.shape());
  }

  /** A constant elementwise function of x's values (no graph). */
  static Tensor mask(UnaryOp op, Tensor x) {
    return Compute.unary(op, x.detach());
  }

  /** The constant [a = b]. */
  static Tensor equal(Tensor a, Tensor b) {
    return Compute.binary(BinaryOp.EQ, a.detach(), b.detach());
  }

  /** The constant [a &gt; b]. */
  static Tensor greater(Tensor a, Tensor b) {
    return Compute.binary(BinaryOp.GT, a.detach(), b.detach());
  }

  /** ȧ·s + ḃ·(1-s) with s = [winner &gt; loser] + ½[winner = loser]: maximum's and minimum's rule. */
  static Tensor split(Tensor[] t, Tensor winner, Tensor loser) {
    Tensor s = greater(winner, loser).add(equal(winner, loser).mul(0.5));
    return sum(t[0] == null ? null : t[0].mul(s), t[1] == null ? null : t[1].mul(s.rsub(1.0)));
  }

  /** The op applied to every tangent, zeros for the missing ones: the rule of an op linear in all inputs. */
  static Tensor linear(Primitive op, Tensor[] x, Tensor[] t) {
    Tensor[] parts = new Tensor[x.length];
    for (int i = 0; i < x.length; i++) parts[i] = orZero(t[i], x[i]);
    return Tensor.apply(op, parts);
  }
}
