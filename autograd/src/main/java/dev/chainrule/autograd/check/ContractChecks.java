package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.ContractReport.Status.FAIL;
import static dev.chainrule.autograd.check.ContractReport.Status.PASS;
import static dev.chainrule.autograd.check.ContractReport.Status.SKIPPED;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractReport.Entry;
import dev.chainrule.autograd.forward.ForwardMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The nine items of a {@link LayerContract}, each on fresh copies of the samples. */
final class ContractChecks {
  /** Identities with no finite differences hold to this, relative to the magnitude of their terms. */
  static final double IDENTITY_RTOL = 1e-8;
  private static final double ALPHA = 3.5, BETA = -2.25;

  private final Subject s;
  private final long seed;
  private final double eps, atol, rtol, float32Tolerance;
  private final int maxElements, batchAxis, outputBatchAxis;

  ContractChecks(Subject s, long seed, double eps, double atol, double rtol, int maxElements,
                 double float32Tolerance, int batchAxis, int outputBatchAxis) {
    this.s = s;
    this.seed = seed;
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.maxElements = maxElements;
    this.float32Tolerance = float32Tolerance;
    this.batchAxis = batchAxis;
    this.outputBatchAxis = outputBatchAxis;
  }

  Entry run(ContractItem item) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + item.number());
    try {
      return switch (item) {
        case FINITE_DIFFERENCES -> firstOrder(rng);
        case DOT_PRODUCT -> dotProduct(rng);
        case LINEAR_IN_UPSTREAM -> linearity(rng);
        case ACCUMULATION -> Accumulation.check(s, rng);
        case NO_MUTATION -> noMutation(rng);
        case BATCH_SUM -> BatchSum.check(s, rng, batchAxis, outputBatchAxis);
        case UNUSED_GET_ZERO -> unusedGetZero(rng);
        case FLOAT32 -> float32(rng);
        case SECOND_DERIVATIVES -> secondOrder(rng);
      };
    } catch (UnsupportedOperationException e) {
      if (item == ContractItem.DOT_PRODUCT) return entry(item, SKIPPED, e.getMessage(), "");
      return threw(item, e);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      return threw(item, e);
    }
  }

  private static Entry threw(ContractItem item, Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(4, st.length); i++) sb.append("\n  at ").append(st[i]);
    return entry(item, FAIL, "threw " + e.getClass().getSimpleName(), sb.toString());
  }

  static Entry entry(ContractItem item, ContractReport.Status status, String summary, String details) {
    return new Entry(item, status, summary, details);
  }

  static Entry verdict(ContractItem item, List<String> problems, String passSummary) {
    if (problems.isEmpty()) return entry(item, PASS, passSummary, "");
    if (problems.size() == 1 && problems.get(0).lines().count() == 1) return entry(item, FAIL, problems.get(0), "");
    return entry(item, FAIL, problems.size() + " problems", String.join("\n", problems));
  }

  // ---------------------------------------------------------------- 1 and 9

  private Entry firstOrder(SplittableRandom rng) {
    GradCheckResult r = new CentralDifferences(s, s.f, s.name, eps, atol, rtol, maxElements).compare(rng);
    return fromGradCheck(ContractItem.FINITE_DIFFERENCES, r);
  }

  private Entry secondOrder(SplittableRandom rng) {
    Tensor u = Subject.random(rng, s.f.apply(s.leaves(DType.F64)).dims(), DType.F64);
    java.util.function.Function<Tensor[], Tensor> gradient = x -> {
      Tensor y = s.f.apply(x);
      List<Tensor> wrt = new ArrayList<>();
      for (int i : s.wrt()) wrt.add(x[i]);
      Tensor[] g = new Tensor[wrt.size()];
      if (y.requiresGrad()) {
        g = Autograd.grad(List.of(y), List.of(Subject.copy(u)), wrt, true, true);
      } else {
        for (int k = 0; k < g.length; k++) g[k] = Tensor.zeros(DType.F64, wrt.get(k).shape());
      }
      for (int k = 0; k < g.length; k++) g[k] = g[k].reshape(-1);
      return Tensor.concat(0, g);
    };
    if (s.wrt().isEmpty()) return entry(ContractItem.SECOND_DERIVATIVES, SKIPPED, "no differentiable argument", "");
    GradCheckResult r = new CentralDifferences(s, gradient, s.name + " (grad of grad)", eps, atol, rtol, maxElements)
        .compare(rng);
    return fromGradCheck(ContractItem.SECOND_DERIVATIVES, r);
  }

  private static Entry fromGradCheck(ContractItem item, GradCheckResult r) {
    if (r.passed()) return entry(item, PASS, r.checked() + " entries within tolerance", "");
    return entry(item, FAIL, r.mismatches().size() + " of " + r.checked() + " entries outside tolerance", r.report());
  }

  // ---------------------------------------------------------------- 2

  private Entry dotProduct(SplittableRandom rng) {
    List<String> problems = new ArrayList<>();
    int trials = 3;
    for (int trial = 0; trial < trials; trial++) {
      double[][] v = new double[s.count()][];
      Tensor[] tangents = new Tensor[s.count()];
      for (int i : s.wrt()) {
        tangents[i] = Subject.random(rng, s.dims[i], DType.F64);
        v[i] = tangents[i].toDoubleArray();
      }
      ForwardMode.Jvp jvp = ForwardMode.jvp(s.f, s.leaves(DType.F64), tangents);
      Tensor u = Subject.random(rng, jvp.output().dims(), DType.F64);
      double[] uv = u.toDoubleArray(), jv = jvp.tangent().toDoubleArray();
      double forward = Subject.dot(uv, jv), scale = absDot(uv, jv);
      double[][] g = s.grads(u);
      double reverse = 0;
      for (int i : s.wrt()) {
        reverse += Subject.dot(g[i], v[i]);
        scale += absDot(g[i], v[i]);
      }
      double diff = Math.abs(forward - reverse);
      if (!(diff <= IDENTITY_RTOL * scale + Double.MIN_NORMAL)) {
        double numeric = (along(v, eps, u) - along(v, -eps, u)) / (2 * eps);
        String culprit = Math.abs(forward - numeric) > Math.abs(reverse - numeric)
            ? "forward mode (a ForwardRule) disagrees with the finite difference: suspect the tangent rule"
            : "backward disagrees with the finite difference: suspect the backward formula";
        problems.add(String.format(Locale.ROOT, "trial %d: <u, J v> by forward mode %.12g, <J^T u, v> by backward %.12g, "
            + "|diff| %.2e > %.1e; finite difference %.12g: %s", trial, forward, reverse, diff,
            IDENTITY_RTOL * scale, numeric, culprit));
      }
    }
    return verdict(ContractItem.DOT_PRODUCT, problems, trials + " random (u, v) pairs agree to " + IDENTITY_RTOL + " relative");
  }

  private double along(double[][] v, double t, Tensor u) {
    double[][] vals = s.values.clone();
    for (int i : s.wrt()) {
      vals[i] = s.values[i].clone();
      for (int j = 0; j < v[i].length; j++) vals[i][j] += t * v[i][j];
    }
    return Subject.dot(s.f.apply(s.leaves(DType.F64, vals)).toDoubleArray(), u.toDoubleArray());
  }

  private static double absDot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) sum += Math.abs(a[j] * b[j]);
    return sum;
  }

  // ---------------------------------------------------------------- 3

  private Entry linearity(SplittableRandom rng) {
    int[] outDims = s.f.apply(s.leaves(DType.F64)).dims();
    Tensor u1 = Subject.random(rng, outDims, DType.F64), u2 = Subject.random(rng, outDims, DType.F64);
    double[] a = u1.toDoubleArray(), b = u2.toDoubleArray(), mix = new double[a.length];
    for (int j = 0; j < a.length; j++) mix[j] = ALPHA * a[j] + BETA * b[j];
    double[][] g1 = s.grads(u1), g2 = s.grads(u2);
    double[][] gMix = s.grads(Tensor.of(mix, outDims));
    double[][] gZero = s.grads(Tensor.zeros(DType.F64, outDims));
    List<String> problems = new ArrayList<>();
    for (int i : s.wrt()) {
      double[] expected = new double[g1[i].length];
      double scale = 0;
      for (int j = 0; j < expected.length; j++) {
        expected[j] = ALPHA * g1[i][j] + BETA * g2[i][j];
        scale = Math.max(scale, Math.abs(ALPHA * g1[i][j]) + Math.abs(BETA * g2[i][j]));
      }
      String m = mismatch("input " + i + ": backward(" + ALPHA + "*u1 + " + BETA + "*u2) vs "
          + ALPHA + "*backward(u1) + " + BETA + "*backward(u2)", s.dims[i], gMix[i], expected, scale, IDENTITY_RTOL);
      if (m != null) problems.add(m);
      for (int j = 0; j < gZero[i].length; j++) {
        if (gZero[i][j] != 0.0) {
          problems.add(String.format(Locale.ROOT, "input %d at %s: a zero upstream gradient gave %.6g, not 0",
              i, Subject.indexOf(s.dims[i], j), gZero[i][j]));
          break;
        }
      }
    }
    return verdict(ContractItem.LINEAR_IN_UPSTREAM, problems, "backward(a*u1 + b*u2) = a*backward(u1) + b*backward(u2); backward(0) = 0");
  }

  // ---------------------------------------------------------------- 5

  private Entry noMutation(SplittableRandom rng) {
    Tensor[] x = s.leaves(DType.F64);
    Tensor y = s.f.apply(x);
    List<String> problems = new ArrayList<>();
    changed(x, "forward", problems);
    if (y.requiresGrad()) {
      s.grads(x, y, Subject.random(rng, y.dims(), DType.F64));
      changed(x, "backward", problems);
    }
    return verdict(ContractItem.NO_MUTATION, problems, "every argument bit-identical after forward and after backward");
  }

  private void changed(Tensor[] x, String stage, List<String> problems) {
    for (int i = 0; i < x.length; i++) {
      double[] now = x[i].toDoubleArray();
      for (int j = 0; j < now.length; j++) {
        if (Double.doubleToRawLongBits(now[j]) != Double.doubleToRawLongBits(s.values[i][j])) {
          problems.add(String.format(Locale.ROOT, "%s modified %s at %s: was %.12g, now %.12g",
              stage, s.describe(i), Subject.indexOf(s.dims[i], j), s.values[i][j], now[j]));
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- 7

  private Entry unusedGetZero(SplittableRandom rng) {
    Tensor[] x = s.leaves(DType.F64);
    Tensor y = s.f.apply(x);
    double[] base = y.toDoubleArray();
    double[][] g = s.grads(x, y, Subject.random(rng, y.dims(), DType.F64));
    List<String> problems = new ArrayList<>();
    int independent = 0;
    for (int i : s.wrt()) {
      for (int j = 0; j < Math.min(s.values[i].length, maxElements); j++) {
        if (!unchangedWhenMoved(i, j, base)) continue;
        independent++;
        if (g[i][j] != 0.0) {
          problems.add(String.format(Locale.ROOT, "%s at %s: the output is bit-identical when it moves "
              + "by +%.3g and -%.3g, yet its gradient is %.6g (must be exactly 0)", s.describe(i),
              Subject.indexOf(s.dims[i], j), step(i, j), 0.75 * step(i, j), g[i][j]));
        }
      }
    }
    if (independent == 0 && problems.isEmpty()) {
      return entry(ContractItem.UNUSED_GET_ZERO, SKIPPED, "every entry affects the output", "");
    }
    return verdict(ContractItem.UNUSED_GET_ZERO, problems, independent + " entries do not affect the output; all got exactly 0");
  }

  private double step(int i, int j) {
    return Math.max(1.0, Math.abs(s.values[i][j]));
  }

  private boolean unchangedWhenMoved(int i, int j, double[] base) {
    for (double t : new double[] {step(i, j), -0.75 * step(i, j)}) {
      double[] v = new double[s.values[i].length];
      v[j] = 1;
      double[] moved = s.f.apply(s.moved(i, v, t)).toDoubleArray();
      if (moved.length != base.length) return false;
      for (int k = 0; k < base.length; k++) {
        if (Double.doubleToLongBits(moved[k]) != Double.doubleToLongBits(base[k])) return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- 8

  private Entry float32(SplittableRandom rng) {
    // One precision at a time, forward then backward, so only rounding differs between the runs.
    Tensor[] x64 = s.leaves(DType.F64);
    Tensor y64 = s.f.apply(x64);
    Tensor u = Subject.random(rng, y64.dims(), DType.F64);
    double[][] g64 = s.grads(x64, y64, u);
    Tensor[] x32 = s.leaves(DType.F32);
    Tensor y32 = s.f.apply(x32);
    double[][] g32 = s.grads(x32, y32, Subject.tensor(u.toDoubleArray(), u.dims(), y32.dtype()));
    List<String> problems = new ArrayList<>();
    double worst = relative("output", y64.dims(), y32.toDoubleArray(), y64.toDoubleArray(), problems);
    for (int i : s.wrt()) {
      worst = Math.max(worst, relative("gradient of input " + i, s.dims[i], g32[i], g64[i], problems));
    }
    return verdict(ContractItem.FLOAT32, problems, String.format(Locale.ROOT,
        "output and gradients within %.1e (tolerance %.1e, relative to each tensor's largest magnitude)", worst, float32Tolerance));
  }

  private double relative(String what, int[] dims, double[] f32, double[] f64, List<String> problems) {
    double scale = 0, worst = 0;
    for (double v : f64) scale = Math.max(scale, Math.abs(v));
    String m = mismatch(what + " in float32 vs float64", dims, f32, f64, scale, float32Tolerance);
    if (m != null) problems.add(m);
    for (int j = 0; j < f64.length; j++) worst = Math.max(worst, Math.abs(f32[j] - f64[j]) / Math.max(scale, Double.MIN_NORMAL));
    return worst;
  }

  // ---------------------------------------------------------------- comparison

  /**
   * {@code null} when every |actual - expected| ≤ rtol·scale (exact equality when scale is 0);
   * otherwise the worst entry and how many differ.
   */
  static String mismatch(String what, int[] dims, double[] actual, double[] expected, double scale, double rtol) {
    double tol = rtol * scale;
    int worst = -1, bad = 0;
    double worstDiff = -1;
    for (int j = 0; j < expected.length; j++) {
      double diff = Math.abs(actual[j] - expected[j]);
      if (diff <= tol || actual[j] == expected[j]) continue;
      bad++;
      double key = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
      if (key > worstDiff) {
        worstDiff = key;
        worst = j;
      }
    }
    if (bad == 0) return null;
    return String.format(Locale.ROOT, "%s at %s: got %.12g, expected %.12g (|diff| %.2e > %.1e; %d of %d entries differ)",
        what, Subject.indexOf(dims, worst), actual[worst], expected[worst],
        Math.abs(actual[worst] - expected[worst]), tol, bad, expected.length);
  }
}
