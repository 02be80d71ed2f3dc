package dev.chainrule.autograd.gradients;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.check.GradCheck;
import java.util.List;
import java.util.function.Function;

/** The two checks every gradient property runs, and the domains they sample from. */
final class Checks {
  private Checks() {}

  /** Anything moderate. */
  static final Domain REALS = Domain.reals(-2, 2);
  /** Divisors and other poles at 0: far enough that 1/x² stays moderate. */
  static final Domain NONZERO = REALS.avoiding(0.0).withMargin(0.3);
  /** log, sqrt, the base of a real power. */
  static final Domain POSITIVE = Domain.reals(0.3, 3);
  /** Kinks at 0 (relu, abs, step). */
  static final Domain OFF_ZERO = REALS.avoiding(0.0);

  /** First derivatives against central differences (float64, default tolerances). */
  static void gradients(String name, Function<Tensor[], Tensor> f, List<Tensor> inputs) {
    GradCheck.of(name, f).check(inputs.toArray(Tensor[]::new)).assertPassed();
  }

  /** First and second derivatives: the backward formulas are themselves differentiated. */
  static void gradientsAndGradGrad(String name, Function<Tensor[], Tensor> f, List<Tensor> inputs) {
    gradients(name, f, inputs);
    GradCheck.of(name, f).checkGradGrad(inputs.toArray(Tensor[]::new)).assertPassed();
  }

  /** Smallest |a - b| after broadcasting: zero means a tie somewhere. */
  static double smallestGap(Tensor a, Tensor b) {
    double gap = Double.POSITIVE_INFINITY;
    for (double v : a.sub(b).toDoubleArray()) gap = Math.min(gap, Math.abs(v));
    return gap;
  }
}
