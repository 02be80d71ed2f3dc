package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.NONZERO;
import static dev.chainrule.autograd.gradients.Checks.OFF_ZERO;
import static dev.chainrule.autograd.gradients.Checks.POSITIVE;
import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradients;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastableTo;
import static dev.chainrule.autograd.testing.TensorArbitraries.operands;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.check.GradCheck;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradients of the elementwise operations, over random shapes, broadcasting and values, in float64. */
class ElementwiseGradientProperties {
  private static final DType F64 = DType.F64;

  // ---------------------------------------------------------------- binary, broadcasting

  @Provide Arbitrary<List<Tensor>> pairs() { return operands(broadcastPairs(), F64, REALS); }

  @Provide Arbitrary<List<Tensor>> divisions() {
    return broadcastPairs().flatMap(p -> operands(p, F64, REALS, NONZERO));
  }

  @Provide Arbitrary<List<Tensor>> powers() {
    return broadcastPairs().flatMap(p -> operands(p, F64, POSITIVE, REALS));
  }

  @Property(tries = 40) void add(@ForAll("pairs") List<Tensor> in) {
    gradientsAndGradGrad("add", x -> x[0].add(x[1]), in);
  }

  @Property(tries = 40) void sub(@ForAll("pairs") List<Tensor> in) {
    gradientsAndGradGrad("sub", x -> x[0].sub(x[1]), in);
  }

  @Property(tries = 40) void mul(@ForAll("pairs") List<Tensor> in) {
    gradientsAndGradGrad("mul", x -> x[0].mul(x[1]), in);
  }

  @Property(tries = 40) void div(@ForAll("divisions") List<Tensor> in) {
    gradientsAndGradGrad("div", x -> x[0].div(x[1]), in);
  }

  @Property(tries = 40) void powTensor(@ForAll("powers") List<Tensor> in) {
    gradientsAndGradGrad("pow", x -> x[0].pow(x[1]), in);
  }

  @Property(tries = 40) void maximum(@ForAll("pairs") List<Tensor> in) {
    Assume.that(Checks.smallestGap(in.get(0), in.get(1)) > 1e-3);  // the kink is at a tie
    gradients("maximum", x -> x[0].maximum(x[1]), in);
  }

  @Property(tries = 40) void minimum(@ForAll("pairs") List<Tensor> in) {
    Assume.that(Checks.smallestGap(in.get(0), in.get(1)) > 1e-3);
    gradients("minimum", x -> x[0].minimum(x[1]), in);
  }

  // ---------------------------------------------------------------- with a constant

  @Provide Arbitrary<Double> constants() {
    return Arbitraries.doubles().between(-3, 3).ofScale(3).map(NONZERO::admit);
  }

  @Property(tries = 30)
  void scalarAddSubMulDiv(@ForAll("reals") Tensor x, @ForAll("constants") double s) {
    gradientsAndGradGrad("add(s)", in -> in[0].add(s), List.of(x));
    gradientsAndGradGrad("sub(s)", in -> in[0].sub(s), List.of(x));
    gradientsAndGradGrad("mul(s)", in -> in[0].mul(s), List.of(x));
    gradientsAndGradGrad("div(s)", in -> in[0].div(s), List.of(x));
  }

  @Property(tries = 30)
  void scalarRsubRdiv(@ForAll("nonzero") Tensor x, @ForAll("constants") double s) {
    gradientsAndGradGrad("rsub(s)", in -> in[0].rsub(s), List.of(x));
    gradientsAndGradGrad("rdiv(s)", in -> in[0].rdiv(s), List.of(x));
  }

  /** Exponents that take each branch of PowScalar's backward (0, 1, integers, fractions, negatives). */
  @Provide Arbitrary<List<Tensor>> scalarPowers() {
    return Arbitraries.of(0.0, 1.0, 2.0, 3.0, -1.0, -2.0, 0.5, 1.5, -0.5).flatMap(p -> {
      Domain base = p != Math.rint(p) ? POSITIVE : p < 0 ? NONZERO : REALS;
      return tensors(shapes(), F64, base).map(x -> List.of(Tensor.scalar(p, F64), x));
    });
  }

  @Property(tries = 40) void powScalar(@ForAll("scalarPowers") List<Tensor> pAndX) {
    double p = pAndX.get(0).item();
    gradientsAndGradGrad("pow(" + p + ")", in -> in[0].pow(p), pAndX.subList(1, 2));
  }

  // ---------------------------------------------------------------- unary

  @Provide Arbitrary<Tensor> reals() { return tensors(shapes(), F64, REALS); }

  @Provide Arbitrary<Tensor> nonzero() { return tensors(shapes(), F64, NONZERO); }

  @Provide Arbitrary<Tensor> positive() { return tensors(shapes(), F64, POSITIVE); }

  @Provide Arbitrary<Tensor> offZero() { return tensors(shapes(), F64, OFF_ZERO); }

  @Provide Arbitrary<Tensor> wide() { return tensors(shapes(), F64, Domain.reals(-8, 8)); }

  @Property(tries = 30) void neg(@ForAll("reals") Tensor x) {
    gradientsAndGradGrad("neg", in -> in[0].neg(), List.of(x));
  }

  @Property(tries = 40) void exp(@ForAll("reals") Tensor x) {
    gradientsAndGradGrad("exp", in -> in[0].exp(), List.of(x));
  }

  @Property(tries = 40) void log(@ForAll("positive") Tensor x) {
    gradientsAndGradGrad("log", in -> in[0].log(), List.of(x));
  }

  @Property(tries = 40) void sqrt(@ForAll("positive") Tensor x) {
    gradientsAndGradGrad("sqrt", in -> in[0].sqrt(), List.of(x));
  }

  @Property(tries = 40) void sigmoid(@ForAll("wide") Tensor x) {
    gradientsAndGradGrad("sigmoid", in -> in[0].sigmoid(), List.of(x));
  }

  @Property(tries = 40) void tanh(@ForAll("wide") Tensor x) {
    gradientsAndGradGrad("tanh", in -> in[0].tanh(), List.of(x));
  }

  @Property(tries = 40) void relu(@ForAll("offZero") Tensor x) {
    gradientsAndGradGrad("relu", in -> in[0].relu(), List.of(x));
  }

  @Property(tries = 30) void abs(@ForAll("offZero") Tensor x) {
    gradientsAndGradGrad("abs", in -> in[0].abs(), List.of(x));
  }

  /** The step's gradient is zero: finite differences agree away from the jump at 0. */
  @Property(tries = 30) void step(@ForAll("offZero") Tensor x) {
    gradients("step", in -> in[0].step().mul(in[0]), List.of(x));
    Tensor leaf = x.detach().requiresGrad(true);
    leaf.step().sum().backward();
    for (double g : leaf.grad().toDoubleArray()) {
      if (g != 0.0) throw new AssertionError("step: gradient " + g + " should be 0 for " + x);
    }
  }

  /** Bounds lo < hi, and x kept off both (the kinks). */
  @Provide Arbitrary<List<Tensor>> clamps() {
    Arbitrary<Double> bound = Arbitraries.doubles().between(-1.5, 1.5).ofScale(2);
    return Combinators.combine(bound, bound).as((a, b) -> new double[] {Math.min(a, b), Math.max(a, b) + 0.2})
        .flatMap(lh -> tensors(shapes(), F64, REALS.avoiding(lh[0], lh[1]))
            .map(x -> List.of(Tensor.of(lh, 2), x)));
  }

  @Property(tries = 40) void clamp(@ForAll("clamps") List<Tensor> boundsAndX) {
    double lo = boundsAndX.get(0).get(0), hi = boundsAndX.get(0).get(1);
    gradientsAndGradGrad("clamp", in -> in[0].clamp(lo, hi), boundsAndX.subList(1, 2));
    gradients("clamp (one-sided)", in -> in[0].clamp(lo, Double.POSITIVE_INFINITY), boundsAndX.subList(1, 2));
  }

  /** A 0/1 mask and two branches, all three broadcasting against each other. */
  @Provide Arbitrary<List<Tensor>> selections() {
    Domain mask = Domain.reals(-1, 1);
    return shapes().flatMap(s -> Combinators.combine(broadcastableTo(s), broadcastableTo(s), broadcastableTo(s))
        .flatAs((c, a, b) -> Combinators.combine(
                tensors(c, F64, mask).map(Tensor::step), tensors(a, F64, REALS), tensors(b, F64, REALS))
            .as(List::of)));
  }

  @Property(tries = 40) void where(@ForAll("selections") List<Tensor> in) {
    GradCheck.of("where", x -> Tensor.where(x[0], x[1], x[2])).constant(0)
        .check(in.toArray(Tensor[]::new)).assertPassed();
    GradCheck.of("where", x -> Tensor.where(x[0], x[1], x[2])).constant(0)
        .checkGradGrad(in.toArray(Tensor[]::new)).assertPassed();
  }

  /**
   * F64 → F32 → F64 round trip (and a float32 op in between): the gradient converts back. The
   * step is widened to 1e-3 because float32 rounding (~6e-8) would swamp a 1e-6 difference.
   */
  @Property(tries = 30) void castRoundTrip(@ForAll("reals") Tensor x) {
    GradCheck.of("to(F32).to(F64)", in -> in[0].to(DType.F32).to(F64)).eps(1e-3).atol(1e-4)
        .check(x).assertPassed();
    GradCheck.of("to(F32).sigmoid().to(F64)", in -> in[0].to(DType.F32).sigmoid().to(F64)).eps(1e-3).atol(1e-4)
        .check(x).assertPassed();
    GradCheck.of("square().to(F32).sigmoid().to(F64)", in -> in[0].mul(in[0]).to(DType.F32).sigmoid().to(F64))
        .eps(1e-3).atol(1e-4).checkGradGrad(x).assertPassed();
  }

  // ---------------------------------------------------------------- vocab (issue 19)

  @Provide Arbitrary<Tensor> aboveMinusOne() { return tensors(shapes(), F64, Domain.reals(-0.7, 3)); }

  /** Around softplus' switch at 20, but not on it. */
  @Provide Arbitrary<Tensor> nearTwenty() { return tensors(shapes(), F64, Domain.reals(17, 23).avoiding(20.0)); }

  @Property(tries = 30) void sinCosExpm1Erf(@ForAll("reals") Tensor x) {
    gradientsAndGradGrad("sin", in -> in[0].sin(), List.of(x));
    gradientsAndGradGrad("cos", in -> in[0].cos(), List.of(x));
    gradientsAndGradGrad("expm1", in -> in[0].expm1(), List.of(x));
    gradientsAndGradGrad("erf", in -> in[0].erf(), List.of(x));
  }

  @Property(tries = 30) void log1p(@ForAll("aboveMinusOne") Tensor x) {
    gradientsAndGradGrad("log1p", in -> in[0].log1p(), List.of(x));
  }

  @Property(tries = 30) void smoothActivations(@ForAll("wide") Tensor x) {
    gradientsAndGradGrad("softplus", in -> in[0].softplus(), List.of(x));
    gradientsAndGradGrad("silu", in -> in[0].silu(), List.of(x));
    gradientsAndGradGrad("gelu", in -> in[0].gelu(), List.of(x));
    gradientsAndGradGrad("geluTanh", in -> in[0].geluTanh(), List.of(x));
  }

  @Property(tries = 20) void softplusOnBothSidesOfItsSwitch(@ForAll("nearTwenty") Tensor x) {
    gradientsAndGradGrad("softplus", in -> in[0].softplus(), List.of(x));
  }

  @Property(tries = 30) void kinkedActivations(@ForAll("offZero") Tensor x) {
    gradientsAndGradGrad("leakyRelu", in -> in[0].leakyRelu(0.1), List.of(x));
    gradientsAndGradGrad("elu", in -> in[0].elu(1.3), List.of(x));
    gradients("sign", in -> in[0].sign(), List.of(x));
  }
}
