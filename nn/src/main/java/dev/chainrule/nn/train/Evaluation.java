package dev.chainrule.nn.train;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Cost;

/** The cost and accuracy of a model over a whole data set. */
public record Evaluation(double cost, double accuracy) {

  /**
   * Evaluates {@code model} on {@code data} in evaluation mode (dropout off) with no graph
   * recorded, in batches of {@code batchSize}; the cost is the mean over all examples. The model's
   * previous mode is restored afterwards.
   */
  public static Evaluation of(Module model, Cost cost, Dataset data, int batchSize) {
    boolean wasTraining = model.isTraining();
    model.eval();
    double costSum = 0.0;
    long hits = 0;
    try (var noGrad = GradMode.off()) {
      for (Batch b : data.batches(batchSize)) {
        Tensor out = model.forward(b.inputs());
        costSum += cost.apply(out, b.targets()).item() * b.size();
        hits += Metrics.correct(out, b.targets());
      }
    } finally {
      model.train(wasTraining);
    }
    return new Evaluation(costSum / data.size(), (double) hits / data.size());
  }
}
