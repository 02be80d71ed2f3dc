package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;

/**
 * A figure of merit the {@link Trainer} measures besides the cost on every batch (no graph is
 * built): summed over the examples of each batch, then divided by the number of examples of the
 * epoch or validation set. {@link #accuracy()} is the default; {@code Trainer.Builder.noMetric()}
 * measures nothing (for regression or autoencoders, where accuracy means nothing).
 * <pre>{@code
 * Metric meanAbsError = Metric.of("mae", (out, y) -> out.sub(y).abs().sum().item() / out.dim(1));
 * }</pre>
 */
public interface Metric {

  /** The name in reports, e.g. {@code acc} or {@code top5}. */
  String name();

  /** The metric summed over the batch's examples (for accuracy: how many are right). */
  double sum(Tensor output, Tensor target);

  /** The fraction of examples classified correctly (see {@link Metrics#correct}). */
  static Metric accuracy() {
    return of("acc", Metrics::correct);
  }

  /** The fraction of examples whose true class is among the {@code k} largest outputs (ties count against). */
  static Metric topK(int k) {
    if (k < 1) throw new IllegalArgumentException("Metric.topK: k must be >= 1, got " + k);
    return of("top" + k, (output, target) -> Metrics.correctInTopK(output, target, k));
  }

  /** A metric from its name and its per-batch sum. */
  static Metric of(String name, java.util.function.ToDoubleBiFunction<Tensor, Tensor> sum) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Metric.of: name is empty");
    return new Metric() {
      @Override public String name() { return name; }
      @Override public double sum(Tensor output, Tensor target) { return sum.applyAsDouble(output, target); }
      @Override public String toString() { return name; }
    };
  }
}
