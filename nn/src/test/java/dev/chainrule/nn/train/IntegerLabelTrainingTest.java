package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The data path end to end: a Dataset whose labels are I64 (or I32) trains through DataLoader,
 * Trainer, the cost and the accuracy metric to the same weights and epoch figures, bit for bit,
 * as the same labels held as F32 whole numbers.
 */
class IntegerLabelTrainingTest {
  private record Run(List<EpochStats> epochs, float[] weight, float[] bias) {}

  private static Run train(Cost cost, DType labelType) {
    Dataset floats = TrainerTest.blobs(150, new SplittableRandom(4));
    Dataset data = new Dataset(floats.inputs(), floats.targets().to(labelType).detach());
    Dataset.Split split = data.split(30);
    Dense layer = new Dense(2, 3, Init.xavier(), new SplittableRandom(5));
    History h = Trainer.builder()
        .model(layer).cost(cost).optimizer(new Sgd(layer.parameters(), 0.5))
        .epochs(3).batchSize(16).shuffle(new SplittableRandom(6))
        .build().fit(split.train(), split.validation());
    List<EpochStats> withoutTimes = h.epochs().stream().map(s -> new EpochStats(s.epoch(), s.trainCost(),
        s.trainAccuracy(), s.validationCost(), s.validationAccuracy(), 0, s.learningRate(), s.metric(), s.skippedBatches())).toList();
    return new Run(withoutTimes, layer.weight().toFloatArray(), layer.bias().toFloatArray());
  }

  @Test void integerLabelsTrainExactlyAsFloatLabelsDo() {
    for (Cost cost : new Cost[] {new CrossEntropyLoss(), new QuadraticCost()}) {
      Run floats = train(cost, DType.F32);
      for (DType labels : new DType[] {DType.I64, DType.I32}) {
        Run ints = train(cost, labels);
        assertEquals(floats.epochs(), ints.epochs(), cost + " with " + labels + " labels");
        assertArrayEquals(floats.weight(), ints.weight(), cost + " with " + labels + " labels: weights");
        assertArrayEquals(floats.bias(), ints.bias(), cost + " with " + labels + " labels: bias");
      }
    }
  }
}
