package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The sweep tells truncation from round-off from a wrong gradient, on synthetic and on real checks. */
class ErrorSweepTest {

  private static ErrorSweep sweep(double usedEps, double analytic, DoubleUnaryOperator numericAt) {
    double[] eps = ErrorSweep.sweepEps();
    double[] numeric = new double[eps.length];
    for (int k = 0; k < eps.length; k++) numeric[k] = numericAt.applyAsDouble(eps[k]);
    return new ErrorSweep(0, "[0]", analytic, usedEps, 1e-5, 1e-3, eps, numeric);
  }

  @Test
  void classifiesSyntheticErrorCurves() {
    // Truncation 100·eps² plus round-off 1e-16/eps: too large at eps 1e-2, fine near 1e-6.
    assertTrue(sweep(1e-2, 1.0, e -> 1 + 100 * e * e + 1e-16 / e).diagnosis().startsWith("truncation error"));
    // Round-off only: 1e-13/eps is 1e-3 at eps 1e-10 and tiny at 1e-2.
    assertTrue(sweep(1e-10, 1.0, e -> 1 + 1e-13 / e).diagnosis().startsWith("round-off error"));
    // A wrong analytic value: the numbers converge to 1.5, never to 1.
    String floor = sweep(1e-6, 1.0, e -> 1.5 + e * e).diagnosis();
    assertTrue(floor.startsWith("error floor") && floor.contains("converges to 1.5"), floor);
  }

  @Test
  void reportListsEveryEpsAndMarksTheOneUsed() {
    String text = sweep(1e-6, 1.0, e -> 1.5).report();
    assertEquals(9, text.lines().filter(l -> l.trim().startsWith("eps ")).count(), text);
    assertTrue(text.contains("eps 1e-06: numeric 1.50000000000, |error| 5.00e-01  (eps of the check)"), text);
  }

  @Test
  void aRightGradientCheckedWithABadEpsIsDiagnosedAsSuch() {
    Tensor x = Tensor.of(new double[] {0.9, 1.1, 1.2}, 3);
    String big = LayerContract.of("exp(3x)", in -> in[0].mul(3.0).exp()).inputs(x).eps(0.1).check().report();
    assertTrue(big.contains("1. backward matches central finite differences (float64)") && big.contains("truncation error"), big);
    String tiny = LayerContract.of("exp(3x)", in -> in[0].mul(3.0).exp()).inputs(x).eps(1e-14).check().report();
    assertTrue(tiny.contains("round-off error") && tiny.contains("use a larger eps"), tiny);
  }

  @Test
  void aFailingGradCheckCarriesTheSweepAndCallsAWrongBackwardWrong() {
    Tensor x = Tensor.of(new double[] {0.9, -1.1, 1.3, 0.7, -0.6, 1.4}, 2, 3);
    GradCheckResult r = GradCheck.of(new BrokenOps.WrongBackward()).check(x);
    assertTrue(r.sweep().isPresent(), r.report());
    assertTrue(r.sweep().get().diagnosis().startsWith("error floor"), r.report());
    String m = assertThrows(AssertionError.class, r::assertPassed).getMessage();
    assertTrue(m.contains("error vs eps for input 0 at [") && m.contains("eps 1e-02:") && m.contains("eps 1e-10:"), m);
    assertTrue(m.contains("eps 1e-06: numeric") && m.contains("(eps of the check)"), m);
    assertTrue(m.contains("-> error floor") && m.contains("the analytic gradient is wrong here"), m);
    // The sweep is of the worst entry, the one listed first.
    assertEquals(r.mismatches().get(0).index(), r.sweep().get().index(), m);
    // Second derivatives go through the same comparison and carry a sweep too: a backward built
    // from raw arrays is a constant to grad of grad.
    GradCheckResult second = GradCheck.of(new BrokenOps.OnceDifferentiable()).checkGradGrad(x);
    assertTrue(second.sweep().isPresent() && second.report().contains("(grad of grad)"), second.report());
    assertTrue(second.report().contains("-> error floor"), second.report());
  }

  @Test
  void aRightGradientOfAStronglyCurvedFunctionIsDiagnosedAsTruncation() {
    // f(x) = exp(2e5 x) for x in [0, 1e-5]: f''' / f' = 4e10, so at eps 1e-6 the central difference
    // is off by eps^2 f''' / 6, about 0.7% of f', beyond rtol 1e-3, although backward is exact.
    Tensor x = Tensor.of(new double[] {1e-6, 4e-6, 7e-6, 9e-6}, 4);
    java.util.function.Function<Tensor[], Tensor> f = in -> in[0].mul(2e5).exp();
    GradCheckResult r = GradCheck.of("exp(2e5 x)", f).check(x);
    String m = assertThrows(AssertionError.class, r::assertPassed).getMessage();
    assertTrue(m.contains("error vs eps") && m.contains("-> truncation error") && m.contains("use a smaller eps"), m);
    assertFalse(m.contains("error floor"), m);
    // Following the advice passes.
    GradCheck.of("exp(2e5 x)", f).eps(1e-8).check(x).assertPassed();
  }

  @Test
  void aPassingGradCheckHasNoSweep() {
    Tensor x = Tensor.of(new double[] {0.9, -1.1, 1.3}, 3);
    GradCheckResult r = GradCheck.of(new BrokenOps.Cube()).check(x).assertPassed();
    assertFalse(r.sweep().isPresent(), r.report());
    assertFalse(r.report().contains("error vs eps"), r.report());
  }
}
