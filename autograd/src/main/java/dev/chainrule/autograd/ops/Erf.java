package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/**
 * y = erf x = (2/√π)∫₀ˣ e^(-t²) dt;  dx = dy·(2/√π)·e^(-x²);  ẏ = ẋ·(2/√π)·e^(-x²).
 *
 * <p>Java has no erf, so {@link #erf(double)} computes it from two classical expansions in plain
 * float64 arithmetic and {@link StrictMath#exp}: the same bits on every JDK and CPU.
 */
public final class Erf implements Primitive {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;   // 2/√π
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;   // 1/√π
  /** Below this |x| the series, above it the continued fraction (each converges fast on its side). */
  private static final double SWITCH = 2.0;
  /** Beyond this |x|, erfc(x) &lt; 2⁻⁵⁶ and erf rounds to ±1. */
  private static final double SATURATED = 6.0;
  private static final int CONTINUED_FRACTION_TERMS = 120;

  /**
   * erf(x) to a few ulps (checked against glibc's erf in {@code ErfTest}). For |x| &lt; 2 the
   * series of positive terms erf x = (2/√π)e^(-x²) Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (no cancellation);
   * beyond, erf x = 1 - erfc x with Laplace's continued fraction
   * erfc x = (e^(-x²)/√π) / (x + ½/(x + 1/(x + (3/2)/(x + …)))) evaluated from its tail.
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) return x;
    double a = Math.abs(x);
    if (a >= SATURATED) return Math.copySign(1.0, x);
    double gauss = gauss(a);
    if (a < SWITCH) {
      double term = a, sum = a, twoXSquared = 2 * a * a;
      for (int n = 0; n < 200 && term > sum * 0x1p-60; n++) {
        term *= twoXSquared / (2 * n + 3);
        sum += term;
      }
      return Math.copySign(TWO_OVER_SQRT_PI * gauss * sum, x);
    }
    double f = a;
    for (int k = CONTINUED_FRACTION_TERMS; k >= 1; k--) f = a + 0.5 * k / f;
    return Math.copySign(1.0 - ONE_OVER_SQRT_PI * gauss / f, x);
  }

  /** e^(-a²), with a² split into its rounded value and the exact rounding error (fma), so large a loses no digits. */
  private static double gauss(double a) {
    double hi = a * a, lo = Math.fma(a, a, -hi);
    return StrictMath.exp(-hi) * (1.0 - lo);
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    ctx.save(in[0]);
    return Pointwise.map(in[0], Erf::erf);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.mul(slope(ctx.saved(0)))};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return t[0].mul(slope(x[0]));
  }

  /** (2/√π)·e^(-x²), as tensor operations (differentiable again). */
  private static Tensor slope(Tensor x) {
    return x.square().neg().exp().mul(TWO_OVER_SQRT_PI);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Erf(), Shape.of(3, 4));
  }
}
