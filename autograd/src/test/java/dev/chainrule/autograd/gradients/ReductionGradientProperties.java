package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradients;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.axes;
import static dev.chainrule.autograd.testing.TensorArbitraries.distinctTensors;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradients of the reductions and of softmax and its relatives, over all axes or a random subset. */
class ReductionGradientProperties {
  private static final DType F64 = DType.F64;

  /** A tensor, axes to reduce (distinct, any order, some negative) and keepDim. */
  record Case(Tensor x, int[] axes, boolean keepDim) {
    @Override public String toString() { return x + " over " + Arrays.toString(axes) + (keepDim ? " keepDim" : ""); }
  }

  /** A tensor and one axis, possibly negative. */
  record AxisCase(Tensor x, int axis, boolean keepDim) {}

  private static Arbitrary<Case> cases(Arbitrary<Tensor> tensors) {
    return tensors.flatMap(x -> Combinators.combine(axes(x.rank()), Arbitraries.of(true, false))
        .as((a, keep) -> new Case(x, a, keep)));
  }

  @Provide Arbitrary<Case> reals() { return cases(tensors(shapes(), F64, REALS)); }

  /** No two elements tie, so no finite difference changes which one is the maximum. */
  @Provide Arbitrary<Case> distinct() {
    return cases(shapes().flatMap(s -> distinctTensors(s, F64, -2, 2)));
  }

  @Provide Arbitrary<AxisCase> axisCases() {
    return tensors(shapes(1, 4, 1, 3), F64, Domain.reals(-6, 6)).flatMap(x -> Combinators.combine(
        Arbitraries.integers().between(-x.rank(), x.rank() - 1), Arbitraries.of(true, false))
        .as((a, keep) -> new AxisCase(x, a, keep)));
  }

  @Property(tries = 40) void sum(@ForAll("reals") Case c) {
    gradientsAndGradGrad("sum(axes)", in -> in[0].sum(c.axes(), c.keepDim()), List.of(c.x()));
    gradientsAndGradGrad("sum()", in -> in[0].sum(), List.of(c.x()));
  }

  @Property(tries = 40) void mean(@ForAll("reals") Case c) {
    gradientsAndGradGrad("mean(axes)", in -> in[0].mean(c.axes(), c.keepDim()), List.of(c.x()));
    gradientsAndGradGrad("mean()", in -> in[0].mean(), List.of(c.x()));
  }

  @Property(tries = 40) void max(@ForAll("distinct") Case c) {
    gradientsAndGradGrad("max(axes)", in -> in[0].max(c.axes(), c.keepDim()), List.of(c.x()));
    gradients("max()", in -> in[0].max(), List.of(c.x()));
  }

  @Property(tries = 40) void logsumexp(@ForAll("axisCases") AxisCase c) {
    gradientsAndGradGrad("logsumexp", in -> in[0].logsumexp(c.axis(), c.keepDim()), List.of(c.x()));
  }

  @Property(tries = 40) void softmax(@ForAll("axisCases") AxisCase c) {
    gradientsAndGradGrad("softmax", in -> in[0].softmax(c.axis()), List.of(c.x()));
  }

  @Property(tries = 40) void logSoftmax(@ForAll("axisCases") AxisCase c) {
    gradientsAndGradGrad("logSoftmax", in -> in[0].logSoftmax(c.axis()), List.of(c.x()));
  }

  // ---------------------------------------------------------------- vocab (issue 19)

  @Property(tries = 40) void min(@ForAll("distinct") Case c) {
    gradientsAndGradGrad("min(axes)", in -> in[0].min(c.axes(), c.keepDim()), List.of(c.x()));
    gradients("min()", in -> in[0].min(), List.of(c.x()));
  }

  /** The reduced count must exceed the correction; std also needs a nonzero variance (random reals have one). */
  @Property(tries = 40) void varAndStd(@ForAll("reals") Case c) {
    int count = 1;
    for (int a : c.axes()) count *= c.x().dim(a);
    int correction = count > 1 ? 1 : 0;
    gradientsAndGradGrad("var(axes)", in -> in[0].var(c.axes(), correction, c.keepDim()), List.of(c.x()));
    if (count > 1) {
      // std's gradient is infinite where the variance is 0 (e.g. jqwik's all-equal edge cases)
      Assume.that(c.x().var(c.axes(), correction, false).min().item() > 1e-3);
      gradientsAndGradGrad("std(axes)", in -> in[0].std(c.axes(), correction, c.keepDim()), List.of(c.x()));
    }
  }

  @Property(tries = 40) void norm(@ForAll("reals") Case c) {
    Assume.that(c.x().norm(c.axes(), false).min().item() > 1e-3);   // the gradient at 0 is NaN, as documented
    gradientsAndGradGrad("norm(axes)", in -> in[0].norm(c.axes(), c.keepDim()), List.of(c.x()));
    gradientsAndGradGrad("norm()", in -> in[0].norm(), List.of(c.x()));
  }

  @Property(tries = 40) void prodAndCumsum(@ForAll("axisCases") AxisCase c) {
    Tensor x = c.x().mul(0.3);   // keeps products of up to 3 factors moderate
    gradientsAndGradGrad("prod(axis)", in -> in[0].prod(c.axis(), c.keepDim()), List.of(x));
    gradientsAndGradGrad("prod()", in -> in[0].prod(), List.of(x));
    gradientsAndGradGrad("cumsum", in -> in[0].cumsum(c.axis()), List.of(x));
  }

  /** Distinct values: no finite difference swaps two of them, so the order is fixed (keepDim stands for descending). */
  @Property(tries = 40) void sortAndTopk(@ForAll("distinct") Case c) {
    if (c.x().rank() == 0) return;
    int axis = c.axes().length > 0 ? c.axes()[0] : -1;
    gradientsAndGradGrad("sort", in -> in[0].sort(axis, c.keepDim()).values(), List.of(c.x()));
    int k = (c.x().dim(axis) + 1) / 2;
    gradientsAndGradGrad("topk", in -> in[0].topk(k, axis, c.keepDim()).values(), List.of(c.x()));
  }
}
