package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NonFiniteLossTest {
  /** 40 examples in batches of 10, unshuffled order irrelevant: example 25 has a NaN input. */
  private static Dataset poisoned() {
    float[] x = new float[40 * 2];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble(-1, 1);
    x[2 * 25] = Float.NaN;
    return new Dataset(Tensor.of(x, 40, 2), Tensor.zeros(DType.F32, 40, 1));
  }

  private static Trainer.Builder trainer(Sequential net, int epochs) {
    return Trainer.builder().model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 0.1))
        .epochs(epochs).batchSize(10).shuffle(new SplittableRandom(3));
  }

  private static Sequential net() {
    return new Sequential(new Dense(2, 1, Init.xavier(), new SplittableRandom(1)));
  }

  @Test void stopsByDefaultNamingEpochBatchAndTheLastFiniteCost() {
    Sequential net = net();
    var e = assertThrows(NonFiniteLossException.class, () -> trainer(net, 3).build().fit(poisoned()));
    assertEquals(1, e.epoch());
    assertEquals(4, e.batches());
    assertTrue(Double.isNaN(e.cost()));
    assertTrue(e.history().epochs().isEmpty());
    assertTrue(e.getMessage().contains("the cost is NaN at epoch 1, batch " + e.batch() + " of 4"), e.getMessage());
    assertTrue(e.getMessage().contains("AnomalyMode.on()") && e.getMessage().contains("--detect-anomaly"), e.getMessage());
    if (e.batch() > 1) {
      assertTrue(e.getMessage().contains("the last finite cost was ") && e.getMessage().contains("(epoch 1, batch " + (e.batch() - 1) + ")"),
          e.getMessage());
    }
    for (float w : net.namedParameters().get("0.weight").toFloatArray()) assertTrue(Float.isFinite(w), "no step was taken on the NaN batch");
  }

  @Test void skipBatchLeavesThePoisonedBatchOutAndCountsIt() {
    Sequential net = net();
    History h = trainer(net, 3).onNonFinite(NonFinitePolicy.SKIP_BATCH).build().fit(poisoned());
    assertEquals(3, h.epochs().size());
    for (EpochStats s : h.epochs()) {
      assertEquals(1, s.skippedBatches());
      assertTrue(Double.isFinite(s.trainCost()), s.toString());
      assertTrue(s.toString().contains("1 non-finite batches skipped"), s.toString());
    }
    for (float w : net.namedParameters().get("0.weight").toFloatArray()) assertTrue(Float.isFinite(w));
  }

  @Test void continueStepsAnywayAndTheWeightsBecomeNaN() {
    Sequential net = net();
    History h = trainer(net, 1).onNonFinite(NonFinitePolicy.CONTINUE).build().fit(poisoned());
    assertTrue(Double.isNaN(h.last().trainCost()));
    assertEquals(0, h.last().skippedBatches());
    assertTrue(Float.isNaN(net.namedParameters().get("0.weight").toFloatArray()[0]));
  }

  @Test void stopInALaterEpochCarriesTheFinishedEpochs() {
    // A learning rate that diverges: the quadratic cost overflows after a few epochs.
    float[] x = new float[20];
    java.util.Arrays.fill(x, 3f);
    Sequential net = net();
    var e = assertThrows(NonFiniteLossException.class, () -> Trainer.builder().model(net).cost(new QuadraticCost())
        .optimizer(new Sgd(net.parameters(), 50.0)).epochs(100).batchSize(5).shuffle(new SplittableRandom(3))
        .build().fit(new Dataset(Tensor.of(x, 10, 2), Tensor.ones(10, 1))));
    assertTrue(e.epoch() > 1, e.getMessage());
    assertEquals(e.epoch() - 1, e.history().epochs().size());
    assertTrue(Double.isFinite(e.lastFiniteCost()), e.getMessage());
  }

  @Test void anEmptyTrainingSetIsRefusedInsteadOfACostOfNaN() {
    Sequential net = net();
    var e = assertThrows(IllegalArgumentException.class, () -> trainer(net, 1).build()
        .fit(new Dataset(Tensor.zeros(DType.F32, 0, 2), Tensor.zeros(DType.F32, 0, 1))));
    assertTrue(e.getMessage().contains("training set is empty"), e.getMessage());
  }
}
