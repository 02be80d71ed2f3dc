package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** Three Gaussian blobs in the plane, labels 0..2 as class indices. */
  static Dataset blobs(int n, SplittableRandom rng) {
    double[][] centres = {{-2, 0}, {2, 0}, {0, 2.5}};
    double[] x = new double[2 * n], y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      x[2 * i] = centres[c][0] + 0.5 * rng.nextGaussian();
      x[2 * i + 1] = centres[c][1] + 0.5 * rng.nextGaussian();
      y[i] = c;
    }
    return new Dataset(Tensor.of(x, n, 2).to(DType.F32).detach(), Tensor.of(y, n).to(DType.F32).detach());
  }

  @Test void trainsAClassifierReportingEveryEpochToListeners() {
    SplittableRandom rng = new SplittableRandom(1);
    Dataset.Split split = blobs(300, rng).split(60);
    Dense layer = new Dense(2, 3, Init.xavier(), rng);
    List<EpochStats> seen = new ArrayList<>();
    History h = Trainer.builder()
        .model(layer).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(layer.parameters(), 0.5))
        .epochs(5).batchSize(16).shuffle(rng).listener(seen::add)
        .build().fit(split.train(), split.validation());
    assertEquals(h.epochs(), seen);
    assertEquals(5, h.epochs().size());
    assertEquals(List.of(1, 2, 3, 4, 5), h.epochs().stream().map(EpochStats::epoch).toList());
    assertFalse(h.stoppedEarly());
    assertEquals(5, h.bestEpoch());
    assertTrue(h.last().validationAccuracy() > 0.95, h.last().toString());
    assertTrue(h.last().trainCost() < h.epochs().get(0).trainCost(), h.epochs().toString());
    Evaluation e = Evaluation.of(layer, new SoftmaxCrossEntropy(), split.validation(), 7);
    assertEquals(h.last().validationCost(), e.cost(), 1e-5, "evaluation is independent of its batch size");
    assertEquals(h.last().validationAccuracy(), e.accuracy());
  }

  @Test void earlyStoppingStopsWhenValidationWorsensAndRestoresTheBestWeights() {
    // Validation targets contradict the training targets: the validation cost rises from the
    // first epoch on, so epoch 1 is best, training stops after `patience` worse epochs, and the
    // model is put back to its epoch-1 weights.
    SplittableRandom rng = new SplittableRandom(2);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 20, 2);
    Dataset train = new Dataset(x, Tensor.ones(20, 1)), validation = new Dataset(x, Tensor.zeros(20, 1));
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), new Sigmoid());
    List<float[]> weightsAfterEpoch = new ArrayList<>();
    History h = Trainer.builder()
        .model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 1.0))
        .epochs(50).batchSize(5).shuffle(rng)
        .earlyStopping(EarlyStopping.onValidationCost(3))
        .listener(s -> weightsAfterEpoch.add(net.namedParameters().get("0.weight").toFloatArray()))
        .build().fit(train, validation);
    assertTrue(h.stoppedEarly());
    assertEquals(4, h.epochs().size(), "best epoch 1, then 3 epochs without improvement");
    assertEquals(1, h.bestEpoch());
    for (int i = 1; i < 4; i++) assertTrue(h.epochs().get(i).validationCost() > h.epochs().get(i - 1).validationCost());
    assertArrayEquals(weightsAfterEpoch.get(0), net.namedParameters().get("0.weight").toFloatArray());
    assertEquals(h.best().validationCost(), Evaluation.of(net, new QuadraticCost(), validation, 100).cost(), 1e-7);
  }

  @Test void bestWeightsAreRestoredEvenWhenPatienceIsNeverExhausted() {
    SplittableRandom rng = new SplittableRandom(4);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 8, 2);
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), new Sigmoid());
    Dataset validation = new Dataset(x, Tensor.zeros(8, 1));
    History h = Trainer.builder()
        .model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 1.0))
        .epochs(4).batchSize(4).shuffle(rng).earlyStopping(EarlyStopping.onValidationCost(100))
        .build().fit(new Dataset(x, Tensor.ones(8, 1)), validation);
    assertFalse(h.stoppedEarly());
    assertEquals(4, h.epochs().size());
    assertEquals(1, h.bestEpoch());
    assertEquals(h.best().validationCost(), Evaluation.of(net, new QuadraticCost(), validation, 8).cost(), 1e-7);
  }

  @Test void sameSeedsSameRun() {
    List<List<EpochStats>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      SplittableRandom rng = new SplittableRandom(5);
      Dataset data = blobs(90, rng);
      Sequential net = new Sequential(new Dense(2, 3, Init.gaussian(), rng));
      History h = Trainer.builder().model(net).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(net.parameters(), 0.1))
          .epochs(3).batchSize(7).shuffle(rng).build().fit(data, data);
      runs.add(h.epochs().stream().map(s -> new EpochStats(s.epoch(), s.trainCost(), s.trainAccuracy(),
          s.validationCost(), s.validationAccuracy(), 0)).toList());
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test void theCoursesRuleIsPatienceOne() {
    SplittableRandom rng = new SplittableRandom(3);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 8, 2);
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), new Sigmoid());
    History h = Trainer.builder()
        .model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 1.0))
        .epochs(50).batchSize(4).shuffle(rng).earlyStopping(EarlyStopping.onValidationCost(1))
        .build().fit(new Dataset(x, Tensor.ones(8, 1)), new Dataset(x, Tensor.zeros(8, 1)));
    assertEquals(2, h.epochs().size());
  }

  @Test void misconfigurationIsReported() {
    Dense d = new Dense(2, 1, Init.gaussian(), new SplittableRandom(1));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Trainer.builder().model(d).cost(new QuadraticCost()).build());
    assertTrue(e.getMessage().contains("optimizer") && e.getMessage().contains("shuffle"), e.getMessage());
    Trainer t = Trainer.builder().model(d).cost(new QuadraticCost()).optimizer(new Sgd(d.parameters(), 1))
        .shuffle(new SplittableRandom(1)).earlyStopping(EarlyStopping.onValidationAccuracy(2)).build();
    IllegalArgumentException noValidation = assertThrows(IllegalArgumentException.class,
        () -> t.fit(new Dataset(Tensor.zeros(2, 2), Tensor.zeros(2, 1))));
    assertTrue(noValidation.getMessage().contains("no validation set"), noValidation.getMessage());
    assertEquals("Trainer(Sgd(lr=1.0), QuadraticCost, epochs=30, batchSize=10, EarlyStopping(VALIDATION_ACCURACY, patience=2))",
        t.toString());
  }

  @Test void accuracyHandlesIndicesOneHotAndSingleOutputs() {
    Tensor out = Tensor.of(new float[] {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f}, 3, 2);
    assertEquals(2.0 / 3, Metrics.accuracy(out, Tensor.of(new float[] {1, 0, 0}, 3)), 1e-12);
    assertEquals(2.0 / 3, Metrics.accuracy(out, Tensor.oneHot(DType.F32, new int[] {1, 0, 0}, 2)), 1e-12);
    Tensor single = Tensor.of(new float[] {0.9f, 0.4f, 0.6f}, 3, 1);
    assertEquals(2.0 / 3, Metrics.accuracy(single, Tensor.of(new float[] {1, 0, 0}, 3, 1)), 1e-12);
  }
}
