package dev.chainrule.nn.train;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Cost;

/** The cost and the metric (accuracy by default; NaN for none) of a model over a whole data set. */
public record Evaluation(double cost, double accuracy) {

  /** {@link #of(Module, Cost, Metric, Dataset, int)} measuring accuracy. */
  public static Evaluation of(Module model, Cost cost, Dataset data, int batchSize) {
    return of(model, cost, Metric.accuracy(), data, batchSize);
  }

  /**
   * Evaluates {@code model} on {@code data} in evaluation mode (dropout off) with no graph
   * recorded, in batches of {@code batchSize}; the cost and the metric ({@code null}: none, NaN)
   * are means over all examples. The model's previous mode is restored afterwards.
   */
  public static Evaluation of(Module model, Cost cost, Metric metric, Dataset data, int batchSize) {
    boolean wasTraining = model.isTraining();
    model.eval();
    double costSum = 0.0, metricSum = 0.0;
    try (var noGrad = GradMode.off()) {
      for (Batch b : data.batches(batchSize)) {
        Tensor out = model.call(b.inputs());
        costSum += cost.apply(out, b.targets()).item() * b.size();
        if (metric != null) metricSum += metric.sum(out, b.targets());
      }
    } finally {
      model.train(wasTraining);
    }
    return new Evaluation(costSum / data.size(), metric == null ? Double.NaN : metricSum / data.size());
  }
}
