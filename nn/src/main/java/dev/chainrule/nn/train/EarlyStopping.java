package dev.chainrule.nn.train;

/**
 * Stop training when a validation metric has not improved for {@code patience} epochs in a row,
 * then restore the weights of the best epoch. The course's rule, "stop as soon as the validation
 * error is higher than it was the last time and use the weights of that previous step", is
 * {@code patience = 1}.
 *
 * @param metric   what to watch
 * @param patience epochs without improvement to tolerate, ≥ 1
 * @param minDelta the least change that counts as an improvement, ≥ 0
 */
public record EarlyStopping(Metric metric, int patience, double minDelta) {

  /** A validation metric and the direction in which it improves. */
  public enum Metric {
    /** Mean cost on the validation set; lower is better. */
    VALIDATION_COST(false),
    /** Fraction of the validation set classified correctly; higher is better. */
    VALIDATION_ACCURACY(true);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) { this.higherIsBetter = higherIsBetter; }

    double of(EpochStats s) {
      return this == VALIDATION_COST ? s.validationCost() : s.validationAccuracy();
    }
  }

  /** Validates the arguments. */
  public EarlyStopping {
    if (metric == null) throw new IllegalArgumentException("EarlyStopping: metric is null");
    if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
    if (!(minDelta >= 0.0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
  }

  /** Watch the validation cost (lower is better). */
  public static EarlyStopping onValidationCost(int patience) {
    return new EarlyStopping(Metric.VALIDATION_COST, patience, 0.0);
  }

  /** Watch the validation accuracy (higher is better). */
  public static EarlyStopping onValidationAccuracy(int patience) {
    return new EarlyStopping(Metric.VALIDATION_ACCURACY, patience, 0.0);
  }

  /** Whether {@code value} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best) {
    if (Double.isNaN(best)) return !Double.isNaN(value);
    return metric.higherIsBetter ? value > best + minDelta : value < best - minDelta;
  }

  @Override public String toString() {
    return "EarlyStopping(" + metric + ", patience=" + patience + (minDelta != 0.0 ? ", minDelta=" + minDelta : "") + ")";
  }
}
