package dev.chainrule.autograd.forward;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import dev.chainrule.autograd.ops.*;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tangent rules (JVPs) of the built-in primitives, one line each, written from the forward
 * formula and independently of the backward code, so the dot-product test
 * ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ compares two derivations. A dot over a name is its tangent
 * (ẋ = tangent of x); a {@code null} tangent is zero. A linear op L has ẏ = L(ẋ), so its rule
 * applies the op itself to the tangent; a bilinear op B has ẏ = B(ȧ, b) + B(a, ḃ). Masks
 * ([x &gt; 0], ...) are constants, as in the backward formulas.
 */
public final class BuiltinTangents {
  private BuiltinTangents() {}

  /** A tangent rule that may also read the op's parameters from the op instance. */
  private interface Rule {
    Tensor jvp(Function fn, Context ctx, Tensor[] x, Tensor[] t, Tensor y);
  }

  private static final Map<Class<?>, Rule> RULES = new HashMap<>();

  static {
    // ---- elementwise, one input: ẏ = f'(x)·ẋ
    rule(Abs.class, (fn, c, x, t, y) -> t[0].mul(sign(x[0])));                 // y = |x|:   ẏ = sign(x)·ẋ
    rule(Neg.class, (fn, c, x, t, y) -> t[0].neg());                            // y = -x:    ẏ = -ẋ
    rule(Exp.class, (fn, c, x, t, y) -> t[0].mul(y));                           // y = eˣ:    ẏ = y·ẋ
    rule(Log.class, (fn, c, x, t, y) -> t[0].div(x[0]));                        // y = ln x:  ẏ = ẋ/x
    rule(Sqrt.class, (fn, c, x, t, y) -> t[0].div(y.mul(2.0)));                 // y = √x:    ẏ = ẋ/(2y)
    rule(Sigmoid.class, (fn, c, x, t, y) -> t[0].mul(y).mul(y.rsub(1.0)));      // y = σ(x):  ẏ = y(1-y)·ẋ
    rule(Tanh.class, (fn, c, x, t, y) -> t[0].mul(y.square().rsub(1.0)));       // y = tanh:  ẏ = (1-y²)·ẋ
    rule(Relu.class, (fn, c, x, t, y) -> t[0].mul(mask(UnaryOp.STEP, x[0])));   // y = relu:  ẏ = [x>0]·ẋ
    rule(Step.class, (fn, c, x, t, y) -> null);                                 // y = [x>0]: ẏ = 0
    rule(Clamp.class, (fn, c, x, t, y) -> t[0].mul(equal(x[0], y)));            // y = clamp: ẏ = [lo≤x≤hi]·ẋ = [y=x]·ẋ
    rule(ScalarAdd.class, (fn, c, x, t, y) -> t[0]);                            // y = x+s:   ẏ = ẋ
    rule(PowScalar.class, (fn, c, x, t, y) -> {                                 // y = xᵖ:    ẏ = p·xᵖ⁻¹·ẋ
      double p = ((PowScalar) fn).exponent();
      return p == 0.0 ? null : p == 1.0 ? t[0] : t[0].mul(x[0].pow(p - 1.0)).mul(p);
    });
    // ---- elementwise, two inputs
    rule(Add.class, (fn, c, x, t, y) -> sum(t[0], t[1]));                       // y = a+b:   ẏ = ȧ + ḃ
    rule(Sub.class, (fn, c, x, t, y) -> sum(t[0], t[1] == null ? null : t[1].neg()));  // ẏ = ȧ - ḃ
    rule(Mul.class, (fn, c, x, t, y) ->                                         // y = ab:    ẏ = ȧ·b + a·ḃ
        sum(t[0] == null ? null : t[0].mul(x[1]), t[1] == null ? null : x[0].mul(t[1])));
    rule(Div.class, (fn, c, x, t, y) ->                                         // y = a/b:   ẏ = (ȧ - y·ḃ)/b
        sum(t[0], t[1] == null ? null : y.mul(t[1]).neg()).div(x[1]));
    rule(Pow.class, BuiltinTangents::pow);                                      // y = aᵇ:    ẏ = b·aᵇ⁻¹·ȧ + y·ln a·ḃ
    rule(Maximum.class, (fn, c, x, t, y) -> split(t, x[0], x[1]));              // ẏ = ȧ where a>b, ḃ where a<b, mean on ties
    rule(Minimum.class, (fn, c, x, t, y) -> split(t, x[1], x[0]));              // ẏ = ȧ where a<b, ḃ where a>b, mean on ties
    rule(Where.class, (fn, c, x, t, y) ->                                       // y = c ? a : b:  ẏ = c ? ȧ : ḃ
        Tensor.apply(fn, x[0], orZero(t[1], x[1]), orZero(t[2], x[2])));
    // ---- linear in the input: ẏ = L(ẋ)
    for (Class<?> linear : new Class<?>[] {Cast.class, Expand.class, Reshape.class, Permute.class,
        Slice.class, Unslice.class, IndexSelect.class, IndexAdd.class, Sum.class, ScalarMul.class}) {
      rule(linear, (fn, c, x, t, y) -> Tensor.apply(fn, t[0]));
    }
    rule(Concat.class, (fn, c, x, t, y) -> {                                    // y = [x₀, x₁..]: ẏ = [ẋ₀, ẋ₁..]
      Tensor[] parts = new Tensor[x.length];
      for (int i = 0; i < x.length; i++) parts[i] = orZero(t[i], x[i]);
      return Tensor.apply(fn, parts);
    });
    // ---- bilinear: ẏ = A·ḃ + ȧ·B (with the same transpose flags)
    rule(MatMul.class, (fn, c, x, t, y) -> sum(
        t[0] == null ? null : Tensor.apply(fn, t[0], x[1]),
        t[1] == null ? null : Tensor.apply(fn, x[0], t[1])));
    rule(Linear.class, (fn, c, x, t, y) -> sum(sum(                             // y = x·Wᵀ + b:  ẏ = ẋ·Wᵀ + x·Ẇᵀ + ḃ
        t[0] == null ? null : t[0].linear(x[1], null),
        t[1] == null ? null : x[0].linear(t[1], null)),
        t[2] == null ? null : t[2].expand(y.shape())));
    // ---- reductions with a derivative that picks or weights entries
    rule(LogSumExp.class, BuiltinTangents::logSumExp);                          // ẏ = Σ softmax(x)·ẋ = Σ e^(x-y)·ẋ
    rule(Max.class, BuiltinTangents::max);                                      // ẏ = Σ [x=y]·ẋ / #maxima
  }

  private static void rule(Class<?> op, Rule r) {
    RULES.put(op, r);
  }

  /** The tangent rule of a built-in primitive, or {@code null} when {@code fn} is not one. */
  public static ForwardRule of(Function fn) {
    Rule r = RULES.get(fn.getClass());
    return r == null ? null : (ctx, inputs, tangents, output) -> r.jvp(fn, ctx, inputs, tangents, output);
  }

  /** The primitive classes that have a rule (a test checks this covers every {@link Primitive}). */
  public static Set<Class<?>> covered() {
    return Collections.unmodifiableSet(RULES.keySet());
  }

  private static Tensor pow(Function fn, Context c, Tensor[] x, Tensor[] t, Tensor y) {
    Tensor a = x[0], b = x[1];
    Tensor da = t[0] == null ? null : t[0].mul(b).mul(a.pow(b.sub(1.0)));
    Tensor db = null;
    if (t[1] != null) {
      // NOTE: ln 0 = -inf; take y·ln a = 0 at a = 0 (the limit for b > 0), as the backward does.
      Tensor aIsZero = equal(a, Tensor.zeros(a.dtype(), a.shape()));
      Tensor safeA = Tensor.where(aIsZero, Tensor.ones(a.dtype(), a.shape()), a);
      db = Tensor.where(aIsZero, Tensor.zeros(a.dtype(), a.shape()), t[1].mul(y).mul(safeA.log()));
    }
    return sum(da, db);
  }

  private static Tensor logSumExp(Function fn, Context c, Tensor[] x, Tensor[] t, Tensor y) {
    // The reduced axis is the one whose size changed; if none did it had size 1 and ẏ = ẋ·e⁰.
    Tensor weighted = t[0].mul(x[0].sub(y).exp());
    for (int a = 0; a < x[0].rank(); a++) {
      if (x[0].dim(a) != y.dim(a)) return weighted.sum(new int[] {a}, true);
    }
    return weighted;
  }

  private static Tensor max(Function fn, Context c, Tensor[] x, Tensor[] t, Tensor y) {
    Max op = (Max) fn;
    int[] axes = op.axes();
    Shape s = x[0].shape();
    int[] kept = s.dims();
    for (int a : axes) kept[a] = 1;
    Tensor yKept = y.detach().reshape(kept).expand(s);
    Tensor isMax = equal(x[0], yKept);
    Tensor count = isMax.sum(axes, true).expand(s);
    return t[0].mul(isMax.div(count)).sum(axes, op.keepDim());
  }

  /** ȧ·s + ḃ·(1-s) with s = [winner &gt; loser] + ½[winner = loser]. */
  private static Tensor split(Tensor[] t, Tensor winner, Tensor loser) {
    Tensor s = gt(winner, loser).add(equal(winner, loser).mul(0.5));
    return sum(t[0] == null ? null : t[0].mul(s), t[1] == null ? null : t[1].mul(s.rsub(1.0)));
  }

  private static Tensor sum(Tensor a, Tensor b) {
    return a == null ? b : b == null ? a : a.add(b);
  }

  private static Tensor orZero(Tensor t, Tensor like) {
    return t != null ? t : Tensor.zeros(like.dtype(), like.shape());
  }

  private static Tensor sign(Tensor x) { return mask(UnaryOp.SIGN, x); }

  /** A constant elementwise function of x's values (no graph). */
  private static Tensor mask(UnaryOp op, Tensor x) { return Compute.unary(op, x.detach()); }

  private static Tensor equal(Tensor a, Tensor b) { return Compute.binary(BinaryOp.EQ, a.detach(), b.detach()); }

  private static Tensor gt(Tensor a, Tensor b) { return Compute.binary(BinaryOp.GT, a.detach(), b.detach()); }
}
