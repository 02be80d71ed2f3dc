package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.optim.LearningRateSchedule;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.optim.StepSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's step limit, per-step schedules, gradient accumulation and hooks (issue #20). */
class TrainerStepsTest {

  static Dataset data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new Dataset(Tensor.rand(r, DType.F64, -1, 1, n, 3), Tensor.rand(r, DType.F64, -1, 1, n, 2));
  }

  static Sequential net(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new Sequential(new Dense(3, 4, Init.xavier(), r, DType.F64), Activation.tanh(), new Dense(4, 2, Init.xavier(), r, DType.F64));
  }

  @Test void theStepLimitEndsTrainingMidEpoch() {
    Sequential net = net(1);
    List<Long> steps = new ArrayList<>();
    History h = Trainer.builder().model(net).cost(new MSELoss()).optimizer(new Sgd(net.parameters(), 0.1))
        .batchSize(4).maxSteps(7).noMetric().gradientHook((step, p) -> steps.add(step)).build().fit(data(20, 2));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), steps);   // 5 steps per epoch: epoch 1, then 2 of epoch 2
    assertEquals(2, h.epochs().size());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.builder().model(net).cost(new MSELoss())
        .optimizer(new Sgd(net.parameters(), 0.1)).maxSteps(3).schedule(LearningRateSchedule.step(1, 0.5)).build());
    assertTrue(e.getMessage().contains("needs a number of epochs"), e.getMessage());
  }

  @Test void twoMicroBatchesOfFourStepAsOneBatchOfEight() {
    Dataset d = data(16, 3);
    Sequential accumulated = net(4), whole = net(4);
    Trainer.builder().model(accumulated).cost(new MSELoss()).optimizer(new Sgd(accumulated.parameters(), 0.3))
        .epochs(3).batchSize(4).accumulate(2).noMetric().build().fit(d);
    Trainer.builder().model(whole).cost(new MSELoss()).optimizer(new Sgd(whole.parameters(), 0.3))
        .epochs(3).batchSize(8).noMetric().build().fit(d);
    List<Tensor> a = accumulated.parameters(), b = whole.parameters();
    for (int i = 0; i < a.size(); i++) assertArrayEquals(b.get(i).toDoubleArray(), a.get(i).toDoubleArray(), 1e-13);
  }

  @Test void aStepScheduleSetsTheRateBeforeEveryStep() {
    Sequential net = net(5);
    Sgd sgd = new Sgd(net.parameters(), 0.8);
    List<Double> rates = new ArrayList<>();
    History h = Trainer.builder().model(net).cost(new MSELoss()).optimizer(sgd).epochs(2).batchSize(5)
        .stepSchedule(StepSchedule.linearWarmup(4)).noMetric()
        .gradientHook((step, p) -> rates.add(sgd.learningRate())).build().fit(data(10, 6));
    assertEquals(List.of(0.2, 0.4, 0.6000000000000001, 0.8), rates);
    assertEquals(0.2, h.epochs().get(0).learningRate());
    assertEquals(0.6000000000000001, h.epochs().get(1).learningRate());
    IllegalStateException both = assertThrows(IllegalStateException.class, () -> Trainer.builder().model(net).cost(new MSELoss())
        .optimizer(sgd).stepSchedule(StepSchedule.linearWarmup(2)).schedule(LearningRateSchedule.constant()).build());
    assertTrue(both.getMessage().contains("use one"), both.getMessage());
  }

  @Test void aGradientHookCanChangeTheGradients() {
    Sequential frozen = net(7);
    double[] before = frozen.namedParameters().get("0.weight").toDoubleArray();
    Trainer.builder().model(frozen).cost(new MSELoss()).optimizer(new Sgd(frozen.parameters(), 0.5)).epochs(2).batchSize(4)
        .noMetric().gradientHook((step, p) -> p.get("0.weight").grad().mulInPlace(0.0)).build().fit(data(8, 8));
    assertArrayEquals(before, frozen.namedParameters().get("0.weight").toDoubleArray(), 0.0);
    assertNotEquals(0.0, frozen.namedParameters().get("2.weight").grad().toDoubleArray()[0]);
  }

  @Test void forwardHooksSeeAndMayReplaceALayersOutput() {
    Sequential net = net(9);
    List<int[]> seen = new ArrayList<>();
    Runnable remove = net.children().get("1").addForwardHook((m, x, y) -> { seen.add(y.dims()); return null; });
    Tensor x = Tensor.rand(new SplittableRandom(1), DType.F64, -1, 1, 5, 3);
    Tensor plain = net.call(x);
    assertEquals(1, seen.size());
    assertArrayEquals(new int[] {5, 4}, seen.get(0));
    remove.run();
    net.call(x);
    assertEquals(1, seen.size(), "a removed hook no longer runs");
    net.children().get("1").addForwardHook((m, in, y) -> y.mul(0.0));   // silence the hidden layer
    Tensor silenced = net.call(x);
    double[] bias = net.namedParameters().get("2.bias").toDoubleArray();
    for (int i = 0; i < 5; i++) assertArrayEquals(bias, silenced.slice(0, i, i + 1).reshape(2).toDoubleArray(), 0.0);
    assertNotEquals(plain.toDoubleArray()[0], silenced.toDoubleArray()[0]);
  }
}
