package dev.chainrule.examples.course;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The course's exercise "sigmoid neurons simulating perceptrons". Part I: multiplying every
 * weight and bias of a perceptron network by c &gt; 0 changes nothing, since step(c·z) = step(z).
 * Part II: with sigmoid neurons, σ(c·z) tends to step(z) as c → ∞ for z ≠ 0, so the NAND adder of
 * sigmoids computes exactly what the perceptron adder does; but at z = 0, σ(c·0) = 0.5 for every c.
 */
public final class SigmoidPerceptrons {
  /** The scales the demo tries. */
  public static final double[] SCALES = {1, 10, 100, 1000};
  /** The four input pairs of the one-bit adder. */
  static final int[][] PAIRS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  /** An input on the NAND gate's boundary: -2·0.75 - 2·0.75 + 3 = 0. */
  public static final double[] BOUNDARY_INPUT = {0.75, 0.75};

  private SigmoidPerceptrons() {}

  /** The sigmoid adder's {sum, carry} for every input pair at scale c: [pair][0 = sum, 1 = carry]. */
  public static double[][] sigmoidAdder(double c) {
    NandAdder adder = NandAdder.ofSigmoids(c);
    double[][] out = new double[PAIRS.length][];
    for (int i = 0; i < PAIRS.length; i++) out[i] = adder.addBits((double) PAIRS[i][0], PAIRS[i][1]);
    return out;
  }

  /** The largest |sigmoid output − perceptron output| over the sums and carries of all four pairs. */
  public static double maxDeviation(double c) {
    NandAdder perceptrons = new NandAdder();
    double[][] sigmoid = sigmoidAdder(c);
    double worst = 0;
    for (int i = 0; i < PAIRS.length; i++) {
      int[] exact = perceptrons.addBits(PAIRS[i][0], PAIRS[i][1]);
      for (int k = 0; k < 2; k++) worst = Math.max(worst, Math.abs(sigmoid[i][k] - exact[k]));
    }
    return worst;
  }

  /** True if the full adder of perceptrons scaled by c gives what the unscaled one gives, for all 8 inputs. */
  public static boolean scalingLeavesPerceptronsUnchanged(double c) {
    NandAdder plain = new NandAdder(), scaled = NandAdder.ofScaledPerceptrons(c);
    for (int bits = 0; bits < 8; bits++) {
      int a = bits >> 2, b = (bits >> 1) & 1, carry = bits & 1;
      if (!java.util.Arrays.equals(plain.addBits(a, b, carry), scaled.addBits(a, b, carry))) return false;
    }
    return true;
  }

  /** The NAND sigmoid neuron at scale c fed {@link #BOUNDARY_INPUT}, where w·x + b = 0. */
  public static double boundaryOutput(double c) {
    return Perceptron.nand().sigmoid(c, BOUNDARY_INPUT);
  }

  static int run(PrintStream out) {
    out.println("Part I: every weight and bias of the NAND perceptron full adder times c (all 8 inputs):");
    for (double c : new double[] {0.001, 0.5, 7, 1000}) {
      out.printf("  c = %-6s %s%n", fmt(c), scalingLeavesPerceptronsUnchanged(c) ? "same sums and carries as c = 1" : "OUTPUTS DIFFER");
    }
    out.println("Part II: the one-bit adder with sigmoid neurons sigma(c (w.x + b)) in place of the perceptrons");
    out.println("  (sum, carry)  0+0                   0+1                   1+0                   1+1"
        + "                   max |sigmoid - perceptron|");
    NandAdder perceptrons = new NandAdder();
    StringBuilder exact = new StringBuilder("  perceptrons   ");
    for (int[] p : PAIRS) {
      int[] sc = perceptrons.addBits(p[0], p[1]);
      exact.append(String.format("%-22s", "(" + sc[0] + ", " + sc[1] + ")"));
    }
    out.println(exact);
    for (double c : SCALES) {
      StringBuilder row = new StringBuilder(String.format("  c = %-10s", fmt(c)));
      for (double[] sc : sigmoidAdder(c)) row.append(String.format(Locale.ROOT, "%-22s", String.format(Locale.ROOT, "(%.6f, %.6f)", sc[0], sc[1])));
      out.println(row.append(String.format(Locale.ROOT, "%.3e", maxDeviation(c))));
    }
    out.printf(Locale.ROOT, "On the boundary: the NAND gate fed (%.2f, %.2f) has w.x + b = %.1f; the perceptron outputs %d, the sigmoid neuron%n",
        BOUNDARY_INPUT[0], BOUNDARY_INPUT[1], Perceptron.nand().weightedInput(BOUNDARY_INPUT),
        Perceptron.nand().fire(BOUNDARY_INPUT));
    StringBuilder row = new StringBuilder(" ");
    for (double c : SCALES) row.append(String.format(Locale.ROOT, " at c = %s: %.6f;", fmt(c), boundaryOutput(c)));
    out.println(row.append(" sigma(c 0) = 0.5 for every c: no scale makes it a perceptron"));
    return 0;
  }

  private static String fmt(double c) {
    return c == Math.rint(c) ? String.valueOf((long) c) : String.valueOf(c);
  }
}
