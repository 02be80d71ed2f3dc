package dev.chainrule.nn.train;

/**
 * What one epoch measured. Training figures are averaged over the epoch's mini-batches as the
 * weights changed (no extra pass, as Keras reports them); validation figures are measured after
 * the epoch in evaluation mode, and are NaN when no validation set was given.
 *
 * @param epoch              1-based epoch number
 * @param trainCost          mean training cost over the epoch's examples
 * @param trainAccuracy      fraction of training examples classified correctly during the epoch
 * @param validationCost     mean cost on the validation set after the epoch
 * @param validationAccuracy accuracy on the validation set after the epoch
 * @param millis             wall-clock time of the epoch, evaluation included
 */
public record EpochStats(int epoch, double trainCost, double trainAccuracy,
                         double validationCost, double validationAccuracy, long millis) {

  @Override public String toString() {
    return String.format("epoch %d: train cost %.4f acc %.4f | validation cost %.4f acc %.4f | %d ms",
        epoch, trainCost, trainAccuracy, validationCost, validationAccuracy, millis);
  }
}
