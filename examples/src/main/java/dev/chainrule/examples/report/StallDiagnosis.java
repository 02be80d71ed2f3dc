package dev.chainrule.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the classes a classifier has stopped predicting, the mark of the course recipe's stall:
 * an output neuron saturated on the wrong side (weighted input z far below 0 even for images of
 * its own digit), where the quadratic cost's gradient (a − y)·σ'(z) is almost zero, so the neuron
 * hardly learns, however wrong it is. (Nielsen, chapter 3, "The cross-entropy cost function".)
 *
 * <p>A class stalls when it is predicted for fewer than half as many images as it has. Pure
 * arithmetic on arrays: the caller supplies predictions, labels and the output layer's weighted
 * inputs.
 */
public final class StallDiagnosis {
  /** Below this fraction of its images, a class counts as stalled. */
  public static final double FEWER_THAN = 0.5;

  /**
   * One stalled class.
   *
   * @param digit the class
   * @param predictions how many images were predicted as it
   * @param images how many images are it
   * @param meanZ its output neuron's mean weighted input z over the images of that class
   * @param meanSigmoidPrime mean σ'(z) over those images: the factor the quadratic cost's gradient carries
   */
  public record Stall(int digit, int predictions, int images, double meanZ, double meanSigmoidPrime) {}

  private final List<Stall> stalls;
  private final int count;

  private StallDiagnosis(List<Stall> stalls, int count) {
    this.stalls = stalls;
    this.count = count;
  }

  /**
   * Diagnoses a set of predictions.
   *
   * @param predicted predicted class of each image
   * @param labels true class of each image, same length
   * @param z the output layer's weighted inputs, row-major [images, classes]
   * @param classes number of classes
   * @throws IllegalArgumentException if the lengths disagree (naming both) or a label is out of range
   */
  public static StallDiagnosis of(int[] predicted, int[] labels, float[] z, int classes) {
    if (predicted.length != labels.length || z.length != (long) labels.length * classes) {
      throw new IllegalArgumentException("StallDiagnosis: expected " + labels.length + " predictions and "
          + labels.length + " x " + classes + " weighted inputs (got " + predicted.length + " and " + z.length + ")");
    }
    int[] images = new int[classes], predictions = new int[classes];
    double[] sumZ = new double[classes], sumPrime = new double[classes];
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i];
      if (label < 0 || label >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("StallDiagnosis: image " + i + " has label " + label + " and prediction "
            + predicted[i] + ", expected 0.." + (classes - 1));
      }
      images[label]++;
      predictions[predicted[i]]++;
      double zi = z[i * classes + label];
      double s = 1 / (1 + Math.exp(-zi));
      sumZ[label] += zi;
      sumPrime[label] += s * (1 - s);
    }
    List<Stall> stalls = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      if (images[c] > 0 && predictions[c] < FEWER_THAN * images[c]) {
        stalls.add(new Stall(c, predictions[c], images[c], sumZ[c] / images[c], sumPrime[c] / images[c]));
      }
    }
    return new StallDiagnosis(List.copyOf(stalls), labels.length);
  }

  /** The stalled classes, in class order; empty when every class is predicted about as often as it occurs. */
  public List<Stall> stalls() {
    return stalls;
  }

  /**
   * What went wrong and the cures, or "" when nothing stalled.
   *
   * @param sigmoidOutputs true when the outputs are sigmoids trained with the quadratic cost (the
   *     course's network), whose learning slowdown the report then explains
   * @param cures lines naming the cures with the exact commands
   */
  public String report(boolean sigmoidOutputs, List<String> cures) {
    if (stalls.isEmpty()) return "";
    StringBuilder out = new StringBuilder();
    for (Stall s : stalls) {
      out.append(String.format(Locale.ROOT, "Stall: digit %d is predicted for %d of the %d test images, though %d of them are %s.%n",
          s.digit(), s.predictions(), count, s.images(), aDigit(s.digit())));
      out.append(String.format(Locale.ROOT, "  Output neuron %d has mean weighted input z = %.2f over the images of %s",
          s.digit(), s.meanZ(), aDigit(s.digit())));
      if (sigmoidOutputs) {
        out.append(String.format(Locale.ROOT, " (mean sigma'(z) = %.2g):%n"
            + "  saturated on the wrong side, so the quadratic cost's gradient (a - y) sigma'(z) is almost 0 and it hardly learns.%n",
            s.meanSigmoidPrime()));
      } else {
        out.append(String.format(".%n"));
      }
    }
    for (String cure : cures) out.append(cure).append(String.format("%n"));
    return out.toString();
  }

  /** "a 4", "an 8", "an 11". */
  private static String aDigit(int digit) {
    String d = Integer.toString(digit);
    return (d.startsWith("8") || d.equals("11") || d.equals("18") ? "an " : "a ") + d;
  }

  @Override public String toString() {
    return "StallDiagnosis(" + stalls + ")";
  }
}
