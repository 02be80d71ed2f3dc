package dev.chainrule.autograd.check;

import java.util.Locale;

/**
 * The worst entry of a finite-difference check recomputed at eps = 1e-2 .. 1e-10, to tell the
 * kinds of error apart. A central difference has truncation error ~ eps²·f''' (falls as eps
 * shrinks) and round-off error ~ ulp(f)/eps (grows as eps shrinks); a wrong analytic gradient
 * shows an error floor that no eps removes while the numeric values themselves settle.
 *
 * @param input   the input index of the entry
 * @param index   its multi-index, or "direction k" for a random direction
 * @param usedEps the eps of the check itself
 */
public record ErrorSweep(int input, String index, double analytic, double usedEps, double atol, double rtol,
                         double[] eps, double[] numeric) {

  /** The eps values swept, 1e-2 down to 1e-10. */
  public static double[] sweepEps() {
    double[] e = new double[9];
    for (int k = 0; k < e.length; k++) e[k] = Math.pow(10, -2 - k);
    return e;
  }

  /** |numeric − analytic| at the k-th swept eps ({@code eps()[k]}). */
  public double error(int k) { return Math.abs(numeric[k] - analytic); }

  private int best() {
    int best = 0;
    for (int k = 1; k < eps.length; k++) if (error(k) < error(best) || Double.isNaN(error(best))) best = k;
    return best;
  }

  /** The spread of the numeric values at the eps next to the best one: small when they converge. */
  private double spread(int best) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int k = Math.max(0, best - 1); k <= Math.min(eps.length - 1, best + 1); k++) {
      lo = Math.min(lo, numeric[k]);
      hi = Math.max(hi, numeric[k]);
    }
    return hi - lo;
  }

  /** Which kind of error this looks like, in one sentence. */
  public String diagnosis() {
    int b = best();
    double floor = error(b);
    if (!(floor <= atol + rtol * Math.abs(numeric[b]))) {
      double spread = spread(b);
      if (spread <= 0.1 * floor) {
        return String.format(Locale.ROOT, "error floor: no eps brings the numeric derivative within tolerance "
            + "(best %.2e at eps %.0e) although it converges to %.9g (spread %.1e around that eps): "
            + "the analytic gradient is wrong here", floor, eps[b], numeric[b], spread);
      }
      return String.format(Locale.ROOT, "no eps agrees (best %.2e at eps %.0e) and the numeric values do not "
          + "settle (spread %.1e): the function is not smooth near this point (a kink or jump within eps?) "
          + "or the gradient is wrong", floor, eps[b], spread);
    }
    if (eps[b] < usedEps) {
      return String.format(Locale.ROOT, "truncation error: the error falls roughly as eps² down to %.2e at eps %.0e; "
          + "the gradient looks right, the function is strongly curved here: use a smaller eps", floor, eps[b]);
    }
    return String.format(Locale.ROOT, "round-off error: the error grows roughly as 1/eps below eps %.0e (%.2e there); "
        + "the gradient looks right: use a larger eps such as %.0e", eps[b], floor, eps[b]);
  }

  /** One line per eps, then the diagnosis. */
  public String report() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "error vs eps for input %d at %s (analytic %.9g):", input, index, analytic));
    for (int k = 0; k < eps.length; k++) {
      sb.append(String.format(Locale.ROOT, "%n      eps %.0e: numeric %.12g, |error| %.2e%s", eps[k], numeric[k], error(k),
          eps[k] == usedEps ? "  (eps of the check)" : ""));
    }
    return sb.append("\n    -> ").append(diagnosis()).toString();
  }
}
