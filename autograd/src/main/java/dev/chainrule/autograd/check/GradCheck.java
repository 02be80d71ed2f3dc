package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks analytic gradients against central finite differences, in float64.
 *
 * <pre>{@code
 * GradCheck.of(in -> in[0].mul(in[1]).sigmoid()).check(x, y).assertPassed();
 * GradCheck.of(new MyOp()).checkGradGrad(x).assertPassed();       // second order
 * }</pre>
 *
 * <p>For an output y = f(x₁..xₙ) and a random upstream u, it compares the analytic
 * gᵢ = ∂(Σ u·y)/∂xᵢ from one backward pass with the numeric
 * (L(xᵢ + ε·eⱼ) - L(xᵢ - ε·eⱼ)) / 2ε for every element j of every input (or, for inputs larger
 * than {@link #maxElementsPerInput}, along random directions). An element passes when
 * |analytic - numeric| ≤ atol + rtol·|numeric|. Defaults match PyTorch's gradcheck in float64
 * (eps 1e-6, atol 1e-5, rtol 1e-3). It also checks that a zero upstream gives zero gradients and
 * that a second backward gives bit-identical gradients. When an entry fails, the worst one is
 * recomputed at eps = 1e-2 .. 1e-10 ({@link ErrorSweep}) and the report says whether the error
 * looks like truncation, round-off or a wrong gradient.
 */
public final class GradCheck {
  private final java.util.function.Function<Tensor[], Tensor> f;
  private final String name;
  private double eps = 1e-6;
  private double atol = 1e-5;
  private double rtol = 1e-3;
  private long seed = 42;
  private int maxElementsPerInput = 2048;
  private int randomDirections = 16;
  private boolean[] noGrad = new boolean[0];

  private GradCheck(String name, java.util.function.Function<Tensor[], Tensor> f) {
    this.name = name;
    this.f = f;
  }

  /** Checks a function of tensors (any composition of operations, a layer's forward...). */
  public static GradCheck of(java.util.function.Function<Tensor[], Tensor> f) {
    return new GradCheck("function", f);
  }

  /** Checks a function under a name used in reports. */
  public static GradCheck of(String name, java.util.function.Function<Tensor[], Tensor> f) {
    return new GradCheck(name, f);
  }

  /** Checks one {@link Function} (a built-in primitive or a user's own op). */
  public static GradCheck of(Function op) {
    return new GradCheck(op.name(), in -> Tensor.apply(op, in));
  }

  /** The central-difference step, (f(x+eps) − f(x−eps)) / 2eps; default 1e-6 as in PyTorch. */
  public GradCheck eps(double eps) { this.eps = eps; return this; }

  /** Absolute tolerance: an entry passes when |analytic − numeric| ≤ atol + rtol·|numeric|; default 1e-5. */
  public GradCheck atol(double atol) { this.atol = atol; return this; }

  /** Relative tolerance, in the rule given at {@link #atol(double)}; default 1e-3. */
  public GradCheck rtol(double rtol) { this.rtol = rtol; return this; }

  /** Seed of the random upstream gradients and directions. */
  public GradCheck seed(long seed) { this.seed = seed; return this; }

  /** Inputs with more elements are checked along random directions instead of element by element. */
  public GradCheck maxElementsPerInput(int n) { this.maxElementsPerInput = n; return this; }

  /** Inputs at these positions are held constant (masks, labels): no gradient is expected for them. */
  public GradCheck constant(int... inputIndices) {
    int max = Arrays.stream(inputIndices).max().orElse(-1);
    noGrad = Arrays.copyOf(noGrad, Math.max(noGrad.length, max + 1));
    for (int i : inputIndices) noGrad[i] = true;
    return this;
  }

  private boolean differentiable(int i) {
    return i >= noGrad.length || !noGrad[i];
  }

  /** Compares first derivatives with finite differences. Inputs must be float64; they are not modified. */
  public GradCheckResult check(Tensor... inputs) {
    Tensor[] x = leafCopies(inputs);
    List<String> failures = new ArrayList<>();
    Tensor y = f.apply(x);
    if (y.dtype() != DType.F64) {
      throw new IllegalArgumentException("gradcheck " + name + ": output is " + y.dtype() + "; compute in F64");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Tensor u = randomLike(y, rng);
    List<Tensor> wrt = new ArrayList<>();
    List<Integer> wrtIndex = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (differentiable(i)) {
        wrt.add(x[i]);
        wrtIndex.add(i);
      }
    }
    if (!y.requiresGrad()) {
      // Output independent of every input: the gradient must be zero, finite differences agree.
      return compareAll(x, u, wrtIndex, zerosLike(wrt), rng, failures);
    }
    Tensor[] analytic = Autograd.grad(List.of(y), List.of(u), wrt, true, false);
    Tensor[] again = Autograd.grad(List.of(y), List.of(u), wrt, true, false);
    for (int k = 0; k < analytic.length; k++) {
      if (!Arrays.equals(analytic[k].toDoubleArray(), again[k].toDoubleArray())) {
        failures.add("input " + wrtIndex.get(k) + ": a second backward pass gave different gradients (nondeterministic backward)");
      }
    }
    Tensor[] fromZero = Autograd.grad(List.of(y), List.of(Tensor.zeros(DType.F64, y.shape())), wrt, true, false);
    for (int k = 0; k < fromZero.length; k++) {
      for (double v : fromZero[k].toDoubleArray()) {
        if (v != 0.0) {
          failures.add("input " + wrtIndex.get(k) + ": a zero upstream gradient gave a nonzero gradient " + v);
          break;
        }
      }
    }
    return compareAll(x, u, wrtIndex, analytic, rng, failures);
  }

  /**
   * Compares second derivatives: checks, with finite differences, the function that maps the
   * inputs to their gradients (computed with create-graph), so every backward formula is itself
   * differentiated.
   */
  public GradCheckResult checkGradGrad(Tensor... inputs) {
    Tensor[] probe = leafCopies(inputs);
    Tensor y0 = f.apply(probe);
    Tensor u = randomLike(y0, new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L)).detach();
    GradCheck second = new GradCheck(name + " (grad of grad)", x -> {
      Tensor y = f.apply(x);
      List<Tensor> wrt = new ArrayList<>();
      for (int i = 0; i < x.length; i++) if (differentiable(i)) wrt.add(x[i]);
      if (!y.requiresGrad()) return Tensor.zeros(DType.F64, 0);
      Tensor[] g = Autograd.grad(List.of(y), List.of(u), wrt, true, true);
      Tensor[] flat = new Tensor[g.length];
      for (int i = 0; i < g.length; i++) flat[i] = g[i].reshape(-1);
      return Tensor.concat(0, flat);
    });
    second.eps = eps;
    second.atol = atol;
    second.rtol = rtol;
    second.seed = seed + 1;
    second.maxElementsPerInput = maxElementsPerInput;
    second.noGrad = noGrad.clone();
    return second.check(inputs);
  }

  private GradCheckResult compareAll(Tensor[] x, Tensor u, List<Integer> wrtIndex, Tensor[] analytic,
                                     SplittableRandom rng, List<String> failures) {
    List<GradCheckResult.Mismatch> mismatches = new ArrayList<>();
    GradCheckResult.Mismatch worst = null;
    double[] worstDirection = null;
    int checked = 0;
    for (int k = 0; k < wrtIndex.size(); k++) {
      int i = wrtIndex.get(k);
      Tensor xi = x[i];
      double[] a = analytic[k].toDoubleArray();
      if (xi.size() <= maxElementsPerInput) {
        for (int j = 0; j < xi.size(); j++) {
          double[] v = unit(xi.size(), j);
          double numeric = numericDerivative(x, i, v, u, eps);
          checked++;
          GradCheckResult.Mismatch m = record(mismatches, i, indexOf(xi, j), a[j], numeric);
          if (worse(m, worst)) {
            worst = m;
            worstDirection = v;
          }
        }
      } else {
        for (int d = 0; d < randomDirections; d++) {
          double[] v = new double[xi.size()];
          for (int j = 0; j < v.length; j++) v[j] = rng.nextDouble(-1, 1);
          double analyticDir = 0;
          for (int j = 0; j < v.length; j++) analyticDir += a[j] * v[j];
          double numeric = numericDerivative(x, i, v, u, eps);
          checked++;
          GradCheckResult.Mismatch m = record(mismatches, i, "direction " + d, analyticDir, numeric);
          if (worse(m, worst)) {
            worst = m;
            worstDirection = v;
          }
        }
      }
    }
    ErrorSweep sweep = worst == null ? null : sweep(x, worst, worstDirection, u);
    return new GradCheckResult(name, eps, atol, rtol, checked, mismatches, failures, sweep);
  }

  private GradCheckResult.Mismatch record(List<GradCheckResult.Mismatch> out, int input, String index, double analytic, double numeric) {
    double err = Math.abs(analytic - numeric);
    boolean ok = err <= atol + rtol * Math.abs(numeric) || (analytic == numeric);
    GradCheckResult.Mismatch m = new GradCheckResult.Mismatch(input, index, analytic, numeric, ok);
    out.add(m);
    return m;
  }

  /** Whether {@code m} failed with a larger error than {@code worst} (NaN counts as the largest). */
  private static boolean worse(GradCheckResult.Mismatch m, GradCheckResult.Mismatch worst) {
    if (m.ok()) return false;
    return worst == null || severity(m) > severity(worst);
  }

  private static double severity(GradCheckResult.Mismatch m) {
    double e = m.absError();
    return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
  }

  /** The worst failing entry recomputed at every eps of {@link ErrorSweep#sweepEps()}. */
  private ErrorSweep sweep(Tensor[] x, GradCheckResult.Mismatch m, double[] v, Tensor u) {
    double[] sweepEps = ErrorSweep.sweepEps();
    double[] numeric = new double[sweepEps.length];
    for (int k = 0; k < sweepEps.length; k++) numeric[k] = numericDerivative(x, m.input(), v, u, sweepEps[k]);
    return new ErrorSweep(m.input(), m.index(), m.analytic(), eps, atol, rtol, sweepEps, numeric);
  }

  /** d/dt of Σ u·f(x + t·v) at t = 0, by central differences with step h. Only input i moves. */
  private double numericDerivative(Tensor[] x, int i, double[] v, Tensor u, double h) {
    double[] base = x[i].toDoubleArray();
    double plus = evaluate(x, i, base, v, +h, u);
    double minus = evaluate(x, i, base, v, -h, u);
    return (plus - minus) / (2 * h);
  }

  private double evaluate(Tensor[] x, int i, double[] base, double[] v, double t, Tensor u) {
    double[] moved = base.clone();
    for (int j = 0; j < moved.length; j++) moved[j] += t * v[j];
    Tensor[] args = x.clone();
    // Grad mode stays on: the function under test may itself take gradients (grad of grad).
    args[i] = Tensor.of(moved, x[i].dims()).requiresGrad(differentiable(i));
    Tensor y = f.apply(args);
    double[] yv = y.toDoubleArray();
    double[] uv = u.toDoubleArray();
    double sum = 0;
    for (int j = 0; j < yv.length; j++) sum += yv[j] * uv[j];
    return sum;
  }

  private Tensor[] leafCopies(Tensor[] inputs) {
    Tensor[] x = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i].dtype() != DType.F64) {
        throw new IllegalArgumentException("gradcheck " + name + ": input " + i + " is " + inputs[i].dtype()
            + " " + inputs[i].shape() + "; finite differences need F64, convert with to(DType.F64)");
      }
      x[i] = Tensor.of(inputs[i].toDoubleArray(), inputs[i].dims()).requiresGrad(differentiable(i));
    }
    return x;
  }

  private static Tensor randomLike(Tensor y, SplittableRandom rng) {
    double[] u = new double[y.size()];
    for (int j = 0; j < u.length; j++) u[j] = rng.nextDouble(-1, 1);
    return Tensor.of(u, y.dims());
  }

  private static Tensor[] zerosLike(List<Tensor> ts) {
    Tensor[] z = new Tensor[ts.size()];
    for (int i = 0; i < z.length; i++) z[i] = Tensor.zeros(DType.F64, ts.get(i).shape());
    return z;
  }

  private static double[] unit(int n, int j) {
    double[] v = new double[n];
    v[j] = 1;
    return v;
  }

  private static String indexOf(Tensor t, int flat) {
    int[] dims = t.dims();
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = flat % dims[d];
      flat /= dims[d];
    }
    return Arrays.toString(idx);
  }
}
