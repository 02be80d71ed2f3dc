package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's metric, shuffling and clipping options (issue #20). */
class TrainerOptionsTest {

  static Dataset line(int n) {
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / (double) n;
      y[i] = 3 * x[i] - 1;
    }
    return new Dataset(Tensor.of(x, n, 1), Tensor.of(y, n, 1));
  }

  @Test void aRegressionWithNoMetricReportsCostsOnly() {
    Dense d = new Dense(1, 1, Init.xavier(), new SplittableRandom(2), DType.F64);
    List<String> lines = new ArrayList<>();
    History h = Trainer.builder().model(d).cost(new MSELoss()).optimizer(new Sgd(d.parameters(), 0.5))
        .epochs(3).batchSize(8).noMetric().listener(s -> lines.add(s.toString())).build().fit(line(32), line(8));
    assertTrue(Double.isNaN(h.last().trainAccuracy()) && Double.isNaN(h.last().validationAccuracy()));
    assertTrue(lines.get(2).matches("epoch 3: train cost [0-9.]+ \\| validation cost [0-9.]+ \\| lr 0.5 \\| \\d+ ms"), lines.get(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().model(d)
        .cost(new MSELoss()).optimizer(new Sgd(d.parameters(), 0.5)).noMetric()
        .earlyStopping(EarlyStopping.onValidationAccuracy(2)).build().fit(line(8), line(8)));
    assertTrue(e.getMessage().contains("measures no metric"), e.getMessage());
  }

  @Test void withoutShufflingTheBatchesComeInOrderAndRunsRepeat() {
    Dataset data = line(12);
    List<Double> firstInputs = new ArrayList<>();
    Dense d = new Dense(1, 1, Init.xavier(), new SplittableRandom(2), DType.F64);
    Metric firstOfBatch = Metric.of("first", (out, y) -> { firstInputs.add(y.getRaw(0)); return 0; });
    Trainer.builder().model(d).cost(new MSELoss()).optimizer(new Sgd(d.parameters(), 0.1))
        .epochs(2).batchSize(4).metric(firstOfBatch).build().fit(data);
    double[] y = data.targets().toDoubleArray();
    assertEquals(List.of(y[0], y[4], y[8], y[0], y[4], y[8]), firstInputs);
  }

  @Test void topKCountsTheTrueClassAmongTheKLargest() {
    Tensor out = Tensor.of(new double[] {0.1, 0.5, 0.4, 0.9, 0.05, 0.05, 0.2, 0.3, 0.5}, 3, 3);
    Tensor labels = Tensor.of(new double[] {2, 0, 0}, 3);   // ranks 2, 1, 3
    assertEquals(1, Metrics.correctInTopK(out, labels, 1));
    assertEquals(2, Metrics.correctInTopK(out, labels, 2));
    assertEquals(3, Metrics.correctInTopK(out, labels, 3));
    assertEquals(Metrics.correct(out, labels), Metrics.correctInTopK(out, labels, 1));
    assertEquals("top2", Metric.topK(2).name());
    assertEquals(2.0, Metric.topK(2).sum(out, labels));
  }

  @Test void aTop2TrainerReportsTop2() {
    SplittableRandom rng = new SplittableRandom(1);
    Dataset data = TrainerTest.blobs(60, rng);
    Dense layer = new Dense(2, 3, Init.xavier(), rng);
    History h = Trainer.builder().model(layer).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(layer.parameters(), 0.5))
        .epochs(2).batchSize(10).shuffle(rng).metric(Metric.topK(2)).build().fit(data, data);
    assertTrue(h.last().toString().contains("train cost") && h.last().toString().contains(" top2 "), h.last().toString());
    assertEquals(Evaluation.of(layer, new SoftmaxCrossEntropy(), Metric.topK(2), data, 7).accuracy(), h.last().validationAccuracy());
  }

  @Test void clippingByNormKeepsTheDirectionAndByValueClampsEachEntry() {
    Tensor a = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true), b = Tensor.of(new double[] {3}, 1).requiresGrad(true);
    a.mul(Tensor.of(new double[] {3, 0}, 2)).sum().add(b.mul(Tensor.of(new double[] {4}, 1)).sum()).backward();   // grads (3, 0), (4)
    double norm = GradientClipping.byNorm(1.0).apply(List.of(a, b));
    assertEquals(5.0, norm, 1e-15);
    assertArrayEquals(new double[] {0.6, 0}, a.grad().toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {0.8}, b.grad().toDoubleArray(), 1e-6);
    GradientClipping.byNorm(10.0).apply(List.of(a, b));                                 // under the limit: unchanged
    assertArrayEquals(new double[] {0.8}, b.grad().toDoubleArray(), 1e-6);
    GradientClipping.byValue(0.7).apply(List.of(a, b));
    assertArrayEquals(new double[] {0.6, 0}, a.grad().toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {0.7}, b.grad().toDoubleArray(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
  }

  @Test void aClippedTrainerStepsNoFurtherThanTheClip() {
    Dense d = new Dense(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {0}, 1));
    Dataset far = new Dataset(Tensor.of(new double[] {1}, 1, 1), Tensor.of(new double[] {100}, 1, 1));
    Trainer.builder().model(d).cost(new MSELoss()).optimizer(new Sgd(d.parameters(), 1.0))
        .epochs(1).batchSize(1).noMetric().clipGradients(GradientClipping.byValue(0.5)).build().fit(far);
    assertEquals(0.5, d.weight().item(), 1e-15);   // the gradient −200 clamped to −0.5, one step of lr 1
    assertEquals(0.5, d.bias().item(), 1e-15);
  }

  @Test void aSequenceTaggerTrainsOnPaddedSequences() {
    // Tag each step of a sequence with the sign pattern of its two features (4 classes); tag 0 is padding.
    SplittableRandom rng = new SplittableRandom(11);
    int n = 64, steps = 5;
    double[] x = new double[n * steps * 2], tags = new double[n * steps];
    for (int i = 0; i < n * steps; i++) {
      double a = rng.nextDouble(-1, 1), b = rng.nextDouble(-1, 1);
      x[2 * i] = a;
      x[2 * i + 1] = b;
      tags[i] = i % steps == steps - 1 ? 0 : 1 + (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0);   // the last step is padding
    }
    Dataset data = new Dataset(Tensor.of(x, n, steps, 2), Tensor.of(tags, n, steps));
    Dense tagger = new Dense(2, 4, Init.xavier(), rng, DType.F64);   // [batch, time, 2] -> [batch, time, 4]
    CrossEntropyLoss loss = new CrossEntropyLoss().ignoreIndex(0);
    History h = Trainer.builder().model(tagger).cost(loss).optimizer(new Sgd(tagger.parameters(), 1.0))
        .epochs(30).batchSize(8).shuffle(rng).noMetric().build().fit(data);
    assertTrue(h.last().trainCost() < 0.6 * h.epochs().get(0).trainCost(), h.epochs().get(0) + " -> " + h.last());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().model(tagger).cost(loss)
        .optimizer(new Sgd(tagger.parameters(), 1.0)).epochs(1).build().fit(data));
    assertTrue(e.getMessage().contains("noMetric()"), e.getMessage());
  }
}
