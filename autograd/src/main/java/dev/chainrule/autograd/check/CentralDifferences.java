package dev.chainrule.autograd.check;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares the analytic gradient of Σ u·g(x) with central differences in float64, entry by entry
 * (random directions for large arguments), and sweeps eps for the worst failing entry. Used by
 * {@link LayerContract} for first derivatives (g = the function) and second derivatives (g = the
 * map from arguments to their gradients).
 */
final class CentralDifferences {
  private static final int RANDOM_DIRECTIONS = 16;

  private final Subject s;
  private final java.util.function.Function<Tensor[], Tensor> g;
  private final String title;
  private final double eps, atol, rtol;
  private final int maxElements;

  CentralDifferences(Subject s, java.util.function.Function<Tensor[], Tensor> g, String title,
                     double eps, double atol, double rtol, int maxElements) {
    this.s = s;
    this.g = g;
    this.title = title;
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.maxElements = maxElements;
  }

  GradCheckResult compare(SplittableRandom rng) {
    Tensor[] x = s.leaves(DType.F64);
    Tensor y = g.apply(x);
    if (y.dtype() != DType.F64) {
      throw new IllegalStateException(title + ": output is " + y.dtype() + " for float64 arguments; compute in F64");
    }
    Tensor u = Subject.random(rng, y.dims(), DType.F64);
    double[][] analytic = s.grads(x, y, u);
    List<GradCheckResult.Mismatch> entries = new ArrayList<>();
    List<double[]> directions = new ArrayList<>();
    for (int i : s.wrt()) {
      int n = s.values[i].length;
      if (n <= maxElements) {
        for (int j = 0; j < n; j++) {
          double[] v = new double[n];
          v[j] = 1;
          entries.add(entry(i, Subject.indexOf(s.dims[i], j), analytic[i][j], numeric(i, v, u, eps)));
          directions.add(v);
        }
      } else {
        for (int d = 0; d < RANDOM_DIRECTIONS; d++) {
          double[] v = new double[n];
          for (int j = 0; j < n; j++) v[j] = rng.nextDouble(-1, 1);
          entries.add(entry(i, "direction " + d, Subject.dot(analytic[i], v), numeric(i, v, u, eps)));
          directions.add(v);
        }
      }
    }
    ErrorSweep sweep = null;
    int worst = -1;
    for (int k = 0; k < entries.size(); k++) {
      if (!entries.get(k).ok() && (worst < 0 || severity(entries.get(k)) > severity(entries.get(worst)))) worst = k;
    }
    if (worst >= 0) sweep = sweep(entries.get(worst), directions.get(worst), u);
    return new GradCheckResult(title, eps, atol, rtol, entries.size(), entries, List.of(), sweep);
  }

  private static double severity(GradCheckResult.Mismatch m) {
    double e = m.absError();
    return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
  }

  private GradCheckResult.Mismatch entry(int input, String index, double analytic, double numeric) {
    double err = Math.abs(analytic - numeric);
    boolean ok = err <= atol + rtol * Math.abs(numeric) || analytic == numeric;
    return new GradCheckResult.Mismatch(input, index, analytic, numeric, ok);
  }

  private ErrorSweep sweep(GradCheckResult.Mismatch m, double[] v, Tensor u) {
    double[] eps = ErrorSweep.sweepEps();
    double[] numeric = new double[eps.length];
    for (int k = 0; k < eps.length; k++) numeric[k] = numeric(m.input(), v, u, eps[k]);
    return new ErrorSweep(m.input(), m.index(), m.analytic(), this.eps, atol, rtol, eps, numeric);
  }

  /** d/dt Σ u·g(x + t·v·eᵢ) at t = 0 by central differences; only argument i moves. */
  double numeric(int i, double[] v, Tensor u, double h) {
    return (loss(s.moved(i, v, h), u) - loss(s.moved(i, v, -h), u)) / (2 * h);
  }

  private double loss(Tensor[] x, Tensor u) {
    return Subject.dot(g.apply(x).toDoubleArray(), u.toDoubleArray());
  }
}
