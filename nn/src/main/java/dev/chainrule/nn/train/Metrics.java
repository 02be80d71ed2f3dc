package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;

/** Classification metrics computed from a batch of outputs and targets (no graph is built). */
public final class Metrics {
  private Metrics() {}

  /**
   * Number of rows of {@code output} [batch, k] classified correctly. With k &gt; 1 the prediction
   * is the index of the largest output (the course's "which output neuron fires most") and the
   * truth is a class index ([batch] targets) or the argmax of a one-hot row. With k = 1 (a single
   * sigmoid output) the prediction is output &gt; 0.5 and the truth target &gt; 0.5.
   */
  public static int correct(Tensor output, Tensor target) {
    if (output.rank() != 2 || target.dim(0) != output.dim(0)) {
      throw new IllegalArgumentException("accuracy: output must be [batch, k] with one target row each (got "
          + output.shape() + " and " + target.shape() + "); for other outputs give the Trainer a Metric of your own, or noMetric()");
    }
    int n = output.dim(0);
    int hits = 0;
    if (output.dim(1) == 1) {
      for (int i = 0; i < n; i++) if ((output.getRaw(i) > 0.5) == (target.getRaw(i) > 0.5)) hits++;
      return hits;
    }
    int[] predicted = output.argmax(1);
    int[] truth = truth("accuracy", output, target);
    for (int i = 0; i < n; i++) if (predicted[i] == truth[i]) hits++;
    return hits;
  }

  /** The fraction of rows classified correctly, see {@link #correct(Tensor, Tensor)}. */
  public static double accuracy(Tensor output, Tensor target) {
    return (double) correct(output, target) / output.dim(0);
  }

  /**
   * Number of rows of {@code output} [batch, k] whose true class (a [batch] class index or the
   * argmax of a one-hot row) has fewer than {@code k} outputs strictly above it and none equal
   * before it: the true class is among the k largest, ties broken by position like argmax.
   */
  public static int correctInTopK(Tensor output, Tensor target, int k) {
    if (output.rank() != 2 || target.dim(0) != output.dim(0)) {
      throw new IllegalArgumentException("top-" + k + " accuracy: output must be [batch, classes] with one target row each (got "
          + output.shape() + " and " + target.shape() + ")");
    }
    int n = output.dim(0), classes = output.dim(1);
    int[] truth = truth("top-" + k + " accuracy", output, target);
    for (int i = 0; i < n; i++) {
      if (truth[i] < 0 || truth[i] >= classes) {
        throw new IllegalArgumentException("top-" + k + " accuracy: class index " + truth[i] + " at position " + i
            + " is outside [0, " + classes + ")");
      }
    }
    int hits = 0;
    for (int i = 0; i < n; i++) {
      double score = output.getRaw(i * classes + truth[i]);
      int ahead = 0;
      for (int c = 0; c < classes; c++) {
        double v = output.getRaw(i * classes + c);
        if (v > score || (v == score && c < truth[i])) ahead++;
      }
      if (ahead < k) hits++;
    }
    return hits;
  }

  /** The true class of each row: a [batch] class index, or the argmax of a row of the output's shape. */
  private static int[] truth(String metric, Tensor output, Tensor target) {
    int n = output.dim(0);
    if (target.rank() == 1) {
      int[] truth = new int[n];
      for (int i = 0; i < n; i++) truth[i] = (int) target.getRaw(i);
      return truth;
    }
    if (target.shape().equals(output.shape())) return target.argmax(1);
    throw new IllegalArgumentException(metric + ": target must be [batch] class indices or have the output's shape"
        + " (got " + output.shape() + " and " + target.shape() + ")");
  }
}
