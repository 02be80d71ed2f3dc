package dev.chainrule.examples.course;

import dev.chainrule.autograd.Derivatives;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.report.LinePlot;
import dev.chainrule.nn.loss.QuadraticCost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The course's "learning rate: low values, high values", on the slides' neuron with two weights
 * θ₁, θ₂ and a bias b, here with a linear output so that too high a rate truly diverges (a
 * sigmoid output keeps the cost bounded). Data: the nine points of the grid {-1, 0, 1}², target
 * y = 2x₁ − 3x₂ + 1 plus seeded noise; cost C = 1/(2m) Σ (θ·x + b − y)², starting from zero.
 *
 * <p>Gradient descent on a quadratic cost converges exactly when η &lt; 2/λ, λ the largest
 * eigenvalue of the cost's Hessian (the steepest curvature): along that direction each step
 * multiplies the error by |1 − ηλ|. The demo finds λ from Hessian-vector products (power
 * iteration) rather than by hand; on this grid the Hessian is diag(2/3, 2/3, 1), so λ = 1.
 */
public final class LearningRates {
  /** The three rates: too low (slow), good, too high (diverges, since 2.5 &gt; 2/λ = 2). */
  public static final double[] ETAS = {0.02, 1.0, 2.5};
  /** The names the demo gives the three rates. */
  static final String[] NAMES = {"too low", "good", "too high"};
  /** Steps per run. */
  public static final int STEPS = 50;
  private static final double[] TRUE_PARAMS = {2, -3, 1};

  private final Tensor inputs;    // [9, 3]: x₁, x₂ and a 1 for the bias
  private final Tensor targets;   // [9, 1]

  /** The grid data with noise N(0, 0.1²) drawn from {@code seed}. */
  public LearningRates(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[27], y = new double[9];
    int i = 0;
    for (int x1 = -1; x1 <= 1; x1++) {
      for (int x2 = -1; x2 <= 1; x2++, i++) {
        x[3 * i] = x1;
        x[3 * i + 1] = x2;
        x[3 * i + 2] = 1;
        y[i] = TRUE_PARAMS[0] * x1 + TRUE_PARAMS[1] * x2 + TRUE_PARAMS[2] + 0.1 * rng.nextGaussian();
      }
    }
    this.inputs = Tensor.of(x, 9, 3);
    this.targets = Tensor.of(y, 9, 1);
  }

  /** The cost at parameters θ = (θ₁, θ₂, b), shape [3]. */
  public Tensor cost(Tensor theta) {
    return new QuadraticCost().apply(inputs.matmul(theta.reshape(3, 1)), targets);
  }

  /** The largest eigenvalue of the cost's Hessian, by power iteration on Hessian-vector products. */
  public double largestCurvature() {
    Tensor theta = Tensor.of(new double[3], 3);
    Tensor v = Tensor.of(new double[] {1, 0.5, 0.25}, 3);
    double lambda = 0;
    for (int i = 0; i < 100; i++) {
      Tensor hv = Derivatives.hvp(this::cost, theta, v);
      lambda = Math.sqrt(hv.square().sum().item()) / Math.sqrt(v.square().sum().item());
      v = hv.div(Math.sqrt(hv.square().sum().item()));
    }
    return lambda;
  }

  /** The cost before each of {@code steps} gradient-descent steps at rate {@code eta}, and after the last. */
  public double[] descend(double eta, int steps) {
    Tensor theta = Tensor.of(new double[3], 3).requiresGrad(true);
    double[] costs = new double[steps + 1];
    for (int step = 0; step <= steps; step++) {
      Tensor c = cost(theta);
      costs[step] = c.item();
      if (step == steps) break;
      c.backward();
      try (var noGrad = GradMode.off()) {
        theta.addInPlace(-eta, theta.grad());   // θ ← θ − η ∇C, the slides' update for θ₁, θ₂ and b
      }
      theta.zeroGrad();
    }
    return costs;
  }

  static int run(PrintStream out, long seed, Path png) throws IOException {
    LearningRates problem = new LearningRates(seed);
    double lambda = problem.largestCurvature();
    out.printf(Locale.ROOT, "A linear neuron y = t1 x1 + t2 x2 + b fitted to 9 points (target 2 x1 - 3 x2 + 1, noise seed %d)%n", seed);
    out.printf(Locale.ROOT, "by gradient descent from zero. The cost's steepest curvature is %.4f (Hessian-vector products),%n"
        + "so descent converges only for eta < 2/%.4f = %.4f.%n", lambda, lambda, 2 / lambda);
    double[][] runs = new double[ETAS.length][];
    StringBuilder header = new StringBuilder("  step");
    for (int k = 0; k < ETAS.length; k++) {
      runs[k] = problem.descend(ETAS[k], STEPS);
      header.append(String.format(Locale.ROOT, "  %20s", "eta " + ETAS[k] + " (" + NAMES[k] + ")"));
    }
    out.println(header);
    for (int step = 0; step <= STEPS; step += 5) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %4d", step));
      for (double[] costs : runs) row.append(String.format(Locale.ROOT, "  %20.6g", costs[step]));
      out.println(row);
    }
    double[] steps = new double[STEPS + 1];
    for (int i = 0; i <= STEPS; i++) steps[i] = i;
    List<LinePlot.Line> lines = new ArrayList<>();
    for (int k = 0; k < ETAS.length; k++) {
      double[] logCost = new double[STEPS + 1];
      for (int i = 0; i <= STEPS; i++) logCost[i] = Math.log10(runs[k][i]);
      lines.add(new LinePlot.Line("eta " + ETAS[k] + " (" + NAMES[k] + ")", steps, logCost));
    }
    new LinePlot("Learning rate: too low, good, too high")
        .panel(String.format(Locale.ROOT, "log10 of the cost (descent converges for eta < %.2f)", 2 / lambda), "step", lines)
        .write(png);
    out.println("Wrote " + png);
    return 0;
  }
}
