package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Determinism;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Training with the nn layers, cost and optimizer is bitwise repeatable: the same seed gives the
 * same weights, gradients and cost on a second run and on two threads at once (see
 * {@link Determinism} for what is order-stable and why SIMD and scalar kernels are compared only
 * against themselves).
 */
class TrainingDeterminismTest {
  private static final int IN = 6, HIDDEN = 12, OUT = 3, BATCH = 16, STEPS = 3;

  /** Dense-Sigmoid-Dense-Sigmoid with weights and data drawn from {@code seed}. */
  private static Sequential network(SplittableRandom r, DType dtype) {
    return new Sequential(new Dense(IN, HIDDEN, Init.xavier(), r, dtype), Activation.sigmoid(),
        new Dense(HIDDEN, OUT, Init.xavier(), r, dtype), Activation.sigmoid());
  }

  private static Dataset data(SplittableRandom r, DType dtype, int n) {
    return new Dataset(Tensor.rand(r, dtype, -1, 1, n, IN), Tensor.oneHot(dtype, r.ints(n, 0, OUT).toArray(), OUT));
  }

  /**
   * {@link #STEPS} SGD steps on one batch, each zero-grad, forward, QuadraticCost, backward, step,
   * built from {@code seed}; returns the parameters, the last step's gradients and the costs.
   */
  static Tensor[] sgdSteps(DType dtype, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Sequential net = network(r, dtype);
    Dataset batch = data(r, dtype, BATCH);
    Sgd sgd = new Sgd(net.parameters(), 3.0);
    QuadraticCost cost = new QuadraticCost();
    double[] costs = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      sgd.zeroGrad();
      Tensor c = cost.apply(net.forward(batch.inputs()), batch.targets());
      c.backward();
      sgd.step();
      costs[step] = c.item();
    }
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : net.parameters()) out.add(p.detach());
    for (Tensor p : net.parameters()) out.add(p.grad().detach());
    out.add(Tensor.of(costs, STEPS));
    return out.toArray(new Tensor[0]);
  }

  @Test
  void sgdStepsAreBitwiseRepeatableOnOneThreadAndOnTwoAtOnce() {
    Determinism.assertRepeatable("Dense-Sigmoid-Dense-Sigmoid, QuadraticCost, Sgd, float32", () -> sgdSteps(DType.F32, 7));
    Determinism.assertRepeatable("Dense-Sigmoid-Dense-Sigmoid, QuadraticCost, Sgd, float64", () -> sgdSteps(DType.F64, 7));
  }

  @Test
  void theComparisonSeesTheTrainingAndTheSeed() {
    // Not vacuous: the steps move the weights, and another seed gives other bits.
    Tensor[] trained = sgdSteps(DType.F32, 7);
    SplittableRandom r = new SplittableRandom(7);
    Tensor[] initial = network(r, DType.F32).parameters().toArray(new Tensor[0]);
    Tensor[] weights = Arrays.copyOf(trained, initial.length);
    assertNotNull(Determinism.difference(initial, weights), "three SGD steps left every weight unchanged");
    assertNotNull(Determinism.difference(trained, sgdSteps(DType.F32, 8)), "seeds 7 and 8 gave identical training");
  }

  @Test
  void aTrainerEpochWithShuffledMiniBatchesIsBitwiseRepeatable() {
    Determinism.assertRepeatable("Trainer, 2 epochs of shuffled mini-batches, float32", () -> {
      SplittableRandom r = new SplittableRandom(11);
      Sequential net = network(r, DType.F32);
      Dataset train = data(r, DType.F32, 40);
      var history = Trainer.builder().model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 3.0))
          .epochs(2).batchSize(8).shuffle(new SplittableRandom(12)).build().fit(train);
      assertEquals(2, history.epochs().size());
      List<Tensor> out = new ArrayList<>(net.parameters());
      out.add(Tensor.of(new double[] {history.epochs().get(0).trainCost(), history.epochs().get(1).trainCost()}, 2));
      return out.toArray(new Tensor[0]);
    });
  }
}
