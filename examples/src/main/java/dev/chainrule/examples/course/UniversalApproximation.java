package dev.chainrule.examples.course;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.examples.report.LinePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The universal approximation theorem, tried: one hidden layer of N sigmoid neurons and a linear
 * output neuron, y(x) = Σ_j v_j σ(w_j x + b_j) + c, fitted to a function on an interval by
 * gradient descent (Adam on the quadratic cost, full batch, float64). More neurons, smaller
 * error: the theorem promises that for continuous functions; a step has a jump no finite sum of
 * sigmoids makes vertical, so its error near the jump falls only as the steepest neuron sharpens.
 *
 * <p>Each hidden neuron starts as a soft step σ(w(x − s)) at a random place s in the interval
 * with a random sign and a slope that grows with N (the picture of Nielsen's chapter 4: a sum of
 * steps), and the output weights start at zero; training then moves all of them.
 */
public final class UniversalApproximation {
  /** The hidden-layer sizes the demo compares. */
  public static final int[] HIDDEN = {2, 5, 20, 100};
  /** Points of the training grid and of the (finer) grid the error is measured on. */
  static final int TRAIN_POINTS = 200, EVAL_POINTS = 1001;
  /** Adam's initial learning rate. */
  static final double LEARNING_RATE = 0.05;
  /** Adam steps per fit in the demo. */
  public static final int STEPS = 3000;

  /** A function to fit on [from, to]. */
  public record Target(String name, DoubleUnaryOperator f, double from, double to) {
    public Target {
      if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
        throw new IllegalArgumentException("interval: expected finite from < to, got [" + from + ", " + to + "]");
      }
    }

    /** f at each of {@code xs}; an error names the first x where f is not finite. */
    double[] values(double[] xs) {
      double[] ys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        ys[i] = f.applyAsDouble(xs[i]);
        if (!Double.isFinite(ys[i])) {
          throw new IllegalArgumentException(name + " is " + ys[i] + " at x = " + xs[i] + ", inside the interval ["
              + from + ", " + to + "]; choose an interval where it is finite (--from, --to)");
        }
      }
      return ys;
    }
  }

  /** The course's examples: a smooth function, a jump and a kink, on [-π, π]. */
  public static List<Target> builtIns() {
    return List.of(
        new Target("sin(x)", Math::sin, -Math.PI, Math.PI),
        new Target("step(x)", x -> x > 0 ? 1 : 0, -Math.PI, Math.PI),
        new Target("|x|", Math::abs, -Math.PI, Math.PI));
  }

  /**
   * One fitted network.
   *
   * @param hidden number of hidden sigmoids N
   * @param maxError max |y(x) − f(x)| over the evaluation grid
   * @param meanError mean |y(x) − f(x)| over the evaluation grid
   * @param x the evaluation grid
   * @param y the network's output there
   */
  public record Fit(int hidden, double maxError, double meanError, double[] x, double[] y) {}

  private UniversalApproximation() {}

  /** Fits {@code target} with each of {@code hiddenSizes} sigmoids for {@code steps} Adam steps, seeded. */
  public static List<Fit> fit(Target target, int[] hiddenSizes, int steps, long seed) {
    double[] trainX = grid(target, TRAIN_POINTS), evalX = grid(target, EVAL_POINTS);
    double[] trainY = target.values(trainX), evalY = target.values(evalX);
    Tensor x = column(trainX), y = column(trainY), xEval = column(evalX);
    List<Fit> fits = new ArrayList<>();
    for (int n : hiddenSizes) {
      Sequential net = network(n, target, new SplittableRandom(seed));
      train(net, x, y, steps);
      double[] out;
      try (var noGrad = GradMode.off()) {
        out = net.forward(xEval).f64();
      }
      double max = 0, sum = 0;
      for (int i = 0; i < out.length; i++) {
        double error = Math.abs(out[i] - evalY[i]);
        max = Math.max(max, error);
        sum += error;
      }
      fits.add(new Fit(n, max, sum / out.length, evalX, out));
    }
    return fits;
  }

  /** The evaluation grid of {@code target} and f on it (for plotting the target). */
  public static double[][] targetCurve(Target target) {
    double[] xs = grid(target, EVAL_POINTS);
    return new double[][] {xs, target.values(xs)};
  }

  /** N soft steps at random places in the interval, slopes growing with N, a zero output layer. */
  static Sequential network(int n, Target target, SplittableRandom rng) {
    double width = target.to() - target.from();
    double[] w = new double[n], b = new double[n];
    for (int j = 0; j < n; j++) {
      double place = target.from() + width * (j + rng.nextDouble()) / n;   // one in each n-th of the interval
      // NOTE: a slope of about 4N/width makes each step about as wide as the gaps between N steps.
      double slope = (rng.nextBoolean() ? 1 : -1) * (2 + 4.0 * n * rng.nextDouble()) / width;
      w[j] = slope;
      b[j] = -slope * place;
    }
    Dense hidden = new Dense(Tensor.of(w, n, 1), Tensor.of(b, n));
    double[] v = new double[n];
    // NOTE: small random output weights, not zeros: from zeros, seed 1's two neurons for |x| were
    // pushed into saturation before they were of any use, and the fit stayed a constant.
    for (int j = 0; j < n; j++) v[j] = rng.nextGaussian() / Math.sqrt(n);
    Dense output = new Dense(Tensor.of(v, 1, n), Tensor.zeros(DType.F64, 1));
    return new Sequential(hidden, Activation.sigmoid(), output);
  }

  private static void train(Sequential net, Tensor x, Tensor y, int steps) {
    Adam adam = new Adam(net.parameters(), LEARNING_RATE);
    QuadraticCost cost = new QuadraticCost();
    for (int step = 0; step < steps; step++) {
      // Cosine decay to 1% of the rate: large steps to find the shape, small ones to settle.
      adam.setLearningRate(LEARNING_RATE * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * step / steps))));
      adam.zeroGrad();
      cost.apply(net.forward(x), y).backward();
      adam.step();
    }
  }

  /**
   * The demo: fits the built-ins (and {@code extra}, if not null) for every size in {@link #HIDDEN},
   * prints max and mean error per N, and draws each target with its fits into {@code png}.
   */
  static int run(PrintStream out, Target extra, long seed, Path png) throws IOException {
    List<Target> targets = new ArrayList<>(builtIns());
    if (extra != null) targets.add(extra);
    LinePlot plot = new LinePlot("One hidden layer of N sigmoids, linear output (seed " + seed + ", "
        + STEPS + " Adam steps each)");
    out.printf("One hidden layer of N sigmoids and a linear output, %d Adam steps on %d points, seed %d;%n"
        + "error |network - f| on %d points:%n", STEPS, TRAIN_POINTS, seed, EVAL_POINTS);
    for (Target t : targets) {
      List<Fit> fits = fit(t, HIDDEN, STEPS, seed);
      out.printf(Locale.ROOT, "  %s on [%.4g, %.4g]%n", t.name(), t.from(), t.to());
      double[][] curve = targetCurve(t);
      List<LinePlot.Line> lines = new ArrayList<>();
      for (Fit f : fits) {
        out.printf(Locale.ROOT, "    N = %3d: max error %.4f, mean error %.4f%n", f.hidden(), f.maxError(), f.meanError());
        lines.add(new LinePlot.Line("N = " + f.hidden(), f.x(), f.y()));
      }
      lines.add(LinePlot.Line.reference("target", curve[0], curve[1]));   // drawn last: on top of the fits
      plot.panel(t.name(), "x", lines);
    }
    out.println("  (a step has a jump: near it the error stays about half the jump for any N; the mean error falls)");
    plot.write(png);
    out.println("Wrote " + png);
    return 0;
  }

  private static double[] grid(Target t, int points) {
    double[] xs = new double[points];
    for (int i = 0; i < points; i++) xs[i] = t.from() + (t.to() - t.from()) * i / (points - 1);
    return xs;
  }

  private static Tensor column(double[] values) {
    return Tensor.of(values, values.length, 1);
  }
}
