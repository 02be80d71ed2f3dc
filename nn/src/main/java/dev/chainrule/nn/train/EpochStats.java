package dev.chainrule.nn.train;

/**
 * What one epoch measured. Training figures are averaged over the epoch's mini-batches as the
 * weights changed (no extra pass, as Keras reports them); validation figures are measured after
 * the epoch in evaluation mode, and are NaN when no validation set was given.
 *
 * @param epoch              1-based epoch number
 * @param trainCost          mean training cost over the epoch's examples
 * @param trainAccuracy      the trainer's metric (accuracy by default) over the epoch's training
 *                           examples; NaN when the trainer measures none
 * @param validationCost     mean cost on the validation set after the epoch
 * @param validationAccuracy the metric on the validation set after the epoch
 * @param millis             wall-clock time of the epoch, evaluation included
 * @param learningRate       the optimizer's learning rate during the epoch (set by the
 *                           {@link Trainer}'s schedule, if any); NaN if not recorded
 * @param metric             the metric's name ({@code acc} for accuracy), or {@code null} for none
 * @param skippedBatches     batches left out because their cost was not finite
 *                           ({@link NonFinitePolicy#SKIP_BATCH}); their examples are not in the
 *                           training figures
 */
public record EpochStats(int epoch, double trainCost, double trainAccuracy,
                         double validationCost, double validationAccuracy, long millis, double learningRate,
                         String metric, int skippedBatches) {

  /** Statistics of a trainer measuring accuracy, with no skipped batch. */
  public EpochStats(int epoch, double trainCost, double trainAccuracy,
                    double validationCost, double validationAccuracy, long millis, double learningRate) {
    this(epoch, trainCost, trainAccuracy, validationCost, validationAccuracy, millis, learningRate, "acc", 0);
  }

  /** Statistics without a recorded learning rate (NaN), the form before rates were recorded. */
  public EpochStats(int epoch, double trainCost, double trainAccuracy,
                    double validationCost, double validationAccuracy, long millis) {
    this(epoch, trainCost, trainAccuracy, validationCost, validationAccuracy, millis, Double.NaN);
  }

  /**
   * E.g. {@code epoch 3: train cost 0.0412 acc 0.9530 | validation cost 0.0451 acc 0.9480 | lr 0.05 | 812 ms}
   * (the metric, validation and rate parts only when recorded).
   */
  @Override public String toString() {
    String m = metric == null ? "" : " " + metric + " %.4f";
    String train = String.format(java.util.Locale.ROOT, "epoch %d: train cost %.4f" + m, epoch, trainCost, trainAccuracy);
    String validation = Double.isNaN(validationCost) && Double.isNaN(validationAccuracy) ? ""
        : String.format(java.util.Locale.ROOT, " | validation cost %.4f" + m, validationCost, validationAccuracy);
    String rate = Double.isNaN(learningRate) ? "" : " | lr " + learningRate;
    String skipped = skippedBatches == 0 ? "" : " | " + skippedBatches + " non-finite batches skipped";
    return train + validation + rate + skipped + " | " + millis + " ms";
  }
}
