package dev.chainrule.examples.report;

/**
 * What one training epoch measured. A value not measured is {@link Double#NaN} (written as an
 * empty CSV cell, left out of plots).
 *
 * @param epoch epoch number, counting from 1 (0 may be used for "before training")
 * @param trainCost mean cost over the training set
 * @param validationCost mean cost over the validation set
 * @param validationAccuracy fraction of validation examples classified correctly, in [0, 1]
 * @param testAccuracy fraction of test examples classified correctly, in [0, 1]
 * @param epochSeconds wall-clock seconds the epoch took
 */
public record EpochMetrics(
    int epoch,
    double trainCost,
    double validationCost,
    double validationAccuracy,
    double testAccuracy,
    double epochSeconds) {

  /** Rejects accuracies outside [0, 1] (a common slip is passing a percentage or a count). */
  public EpochMetrics {
    checkFraction("validationAccuracy", validationAccuracy);
    checkFraction("testAccuracy", testAccuracy);
  }

  private static void checkFraction(String what, double value) {
    if (!Double.isNaN(value) && (value < 0 || value > 1)) {
      throw new IllegalArgumentException(
          "EpochMetrics: " + what + " must be a fraction in [0, 1] or NaN (got " + value + ")");
    }
  }
}
