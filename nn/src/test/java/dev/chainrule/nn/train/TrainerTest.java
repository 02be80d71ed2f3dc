package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.LearningRateSchedule;
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
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), Activation.sigmoid());
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
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), Activation.sigmoid());
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
          s.validationCost(), s.validationAccuracy(), 0, s.learningRate())).toList());
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test void theCoursesRuleIsPatienceOne() {
    SplittableRandom rng = new SplittableRandom(3);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 8, 2);
    Sequential net = new Sequential(new Dense(2, 1, Init.gaussian(), rng), Activation.sigmoid());
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
    assertTrue(e.getMessage().contains("optimizer") && !e.getMessage().contains("shuffle"), e.getMessage());
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

  @Test void theScheduleSetsTheOptimizersRateAtTheStartOfEveryEpoch() {
    SplittableRandom rng = new SplittableRandom(7);
    Dataset data = blobs(60, rng);
    Dense layer = new Dense(2, 3, Init.xavier(), rng);
    Sgd sgd = new Sgd(layer.parameters(), 0.2);
    List<Double> seenByListener = new ArrayList<>();
    Trainer t = Trainer.builder().model(layer).cost(new SoftmaxCrossEntropy()).optimizer(sgd)
        .epochs(5).batchSize(16).shuffle(rng).schedule(LearningRateSchedule.step(2, 0.5))
        .listener(s -> seenByListener.add(sgd.learningRate()))
        .build();
    assertTrue(t.toString().contains("step(everyEpochs=2, gamma=0.5)"), t.toString());
    History h = t.fit(data);
    List<Double> expected = List.of(0.2, 0.2, 0.1, 0.1, 0.05);
    assertEquals(expected, seenByListener);
    assertEquals(expected, h.epochs().stream().map(EpochStats::learningRate).toList());
    assertEquals(0.05, sgd.learningRate(), "the optimizer keeps the last epoch's rate");
    assertTrue(h.last().toString().contains("| lr 0.05 |"), h.last().toString());
  }

  @Test void scheduledTrainingEqualsSettingTheRateByHand() {
    // Full-batch F64 training, so shuffling changes nothing but summation order
    SplittableRandom rng = new SplittableRandom(8);
    Dataset f32 = blobs(30, rng);
    Dataset data = new Dataset(f32.inputs().to(DType.F64).detach(), f32.targets().to(DType.F64).detach());
    Dense scheduled = new Dense(2, 3, Init.gaussian(), new SplittableRandom(3), DType.F64);
    Dense byHand = new Dense(2, 3, Init.gaussian(), new SplittableRandom(3), DType.F64);
    Trainer.builder().model(scheduled).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(scheduled.parameters(), 0.4))
        .epochs(3).batchSize(30).shuffle(new SplittableRandom(1)).schedule(LearningRateSchedule.cosine(2, 0.25))
        .build().fit(data);
    Sgd sgd = new Sgd(byHand.parameters(), 0.4);
    for (double rate : new double[] {0.4, 0.4 * (0.25 + 0.75 * 0.5), 0.1}) {
      sgd.setLearningRate(rate);
      Trainer.builder().model(byHand).cost(new SoftmaxCrossEntropy()).optimizer(sgd)
          .epochs(1).batchSize(30).shuffle(new SplittableRandom(1)).build().fit(data);
    }
    assertArrayEquals(byHand.weight().toDoubleArray(), scheduled.weight().toDoubleArray(), 1e-12);
    assertArrayEquals(byHand.bias().toDoubleArray(), scheduled.bias().toDoubleArray(), 1e-12);
    // and the schedule made a difference: a constant rate ends elsewhere
    Dense constant = new Dense(2, 3, Init.gaussian(), new SplittableRandom(3), DType.F64);
    Trainer.builder().model(constant).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(constant.parameters(), 0.4))
        .epochs(3).batchSize(30).shuffle(new SplittableRandom(1)).build().fit(data);
    assertTrue(Math.abs(constant.weight().get(0, 0) - scheduled.weight().get(0, 0)) > 1e-6);
  }

  @Test void withoutAScheduleTheRateIsLeftAloneAndRecorded() {
    SplittableRandom rng = new SplittableRandom(9);
    Dense layer = new Dense(2, 3, Init.xavier(), rng);
    Sgd sgd = new Sgd(layer.parameters(), 0.3);
    History h = Trainer.builder().model(layer).cost(new SoftmaxCrossEntropy()).optimizer(sgd)
        .epochs(2).batchSize(16).shuffle(rng)
        .listener(s -> sgd.setLearningRate(0.1))       // a listener may still set it by hand
        .build().fit(blobs(30, rng));
    assertEquals(List.of(0.3, 0.1), h.epochs().stream().map(EpochStats::learningRate).toList());
  }

  @Test void aScheduleGivingAnInvalidRateFailsBeforeTraining() {
    SplittableRandom rng = new SplittableRandom(10);
    Dense layer = new Dense(2, 3, Init.xavier(), rng);
    double[] before = layer.weight().toDoubleArray();
    Trainer t = Trainer.builder().model(layer).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(layer.parameters(), 0.1))
        .epochs(5).batchSize(16).shuffle(rng).schedule(LearningRateSchedule.cosine(3, 0.0)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(blobs(30, rng)));
    assertEquals("Trainer: schedule cosine(totalEpochs=3, minFactor=0.0) gives learning rate 0.0 for epoch 4 of 5"
        + " (base rate 0.1); rates must be positive and finite", e.getMessage());
    assertArrayEquals(before, layer.weight().toDoubleArray(), "no epoch was run");
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().model(layer)
        .cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(layer.parameters(), 0.1)).epochs(2).shuffle(rng)
        .schedule(epoch -> epoch == 2 ? Double.NaN : 1.0).build().fit(blobs(30, rng)));
    assertTrue(nan.getMessage().contains("gives learning rate NaN for epoch 2 of 2"), nan.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().schedule(null));
    assertTrue(none.getMessage().contains("LearningRateSchedule.constant()"), none.getMessage());
  }

  @Test void epochStatsWithoutARateKeepTheOldForm() {
    EpochStats old = new EpochStats(2, 0.5, 0.75, Double.NaN, Double.NaN, 12);
    assertTrue(Double.isNaN(old.learningRate()));
    assertEquals("epoch 2: train cost 0.5000 acc 0.7500 | 12 ms", old.toString());
    assertEquals("epoch 2: train cost 0.5000 acc 0.7500 | lr 0.01 | 12 ms",
        new EpochStats(2, 0.5, 0.75, Double.NaN, Double.NaN, 12, 0.01).toString());
  }
}
