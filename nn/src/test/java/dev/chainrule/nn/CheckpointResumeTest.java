package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.BatchTransform;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.RandomShift;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.LearningRateSchedule;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.train.EpochStats;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.ResumableRandom;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 5: 4 epochs = 2 epochs, save, load into fresh objects, 2 more, bit for bit. */
class CheckpointResumeTest {
  @TempDir Path dir;

  private static Dataset data() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 90;
    float[] x = new float[n * 4], y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) x[4 * i + j] = (float) (rng.nextGaussian() + (i % 3 == j ? 2 : 0));
      y[i] = i % 3;
    }
    return new Dataset(Tensor.of(x, n, 4), Tensor.of(y, n));
  }

  /** Everything built from the seed, as a fresh process would (dropout draws from the shuffling source). */
  private record Run(Sequential net, Optimizer optimizer, ResumableRandom rng, BatchTransform augment) {
    static Run create(Function<Sequential, Optimizer> optimizer) {
      return create(optimizer, null);
    }

    static Run create(Function<Sequential, Optimizer> optimizer, BatchTransform augment) {
      ResumableRandom rng = new ResumableRandom(5);
      Sequential net = new Sequential(new Dense(4, 16, Init.he(), rng), Activation.relu(), new Dropout(0.25, rng),
          new Dense(16, 3, Init.xavier(), rng));
      return new Run(net, optimizer.apply(net), rng, augment);
    }

    History train(int from, int to) {
      return Trainer.builder().model(net).cost(new SoftmaxCrossEntropy()).optimizer(optimizer)
          .epochs(to).startEpoch(from).batchSize(8).shuffle(rng).augment(augment)
          .schedule(LearningRateSchedule.cosine(4, 0.1)).build().fit(data());
    }
  }

  private void assertFourEqualsTwoPlusTwo(Function<Sequential, Optimizer> optimizer) throws IOException {
    assertFourEqualsTwoPlusTwo(optimizer, null);
  }

  private void assertFourEqualsTwoPlusTwo(Function<Sequential, Optimizer> optimizer, BatchTransform augment) throws IOException {
    Run whole = Run.create(optimizer, augment);
    History all = whole.train(1, 4);

    Run first = Run.create(optimizer, augment);
    first.train(1, 2);
    Path file = dir.resolve("epoch-2.safetensors");
    Checkpoint.save(first.net(), first.optimizer(), file, Map.of("epoch", "2", "rng", Long.toString(first.rng().state())));

    Run resumed = Run.create(optimizer, augment);                 // fresh objects, another seed's weights would do too
    Map<String, String> meta = Checkpoint.load(resumed.net(), resumed.optimizer(), file);
    resumed.rng().restore(Long.parseLong(meta.get("rng")));   // the dropout layer holds this generator
    Run second = resumed;
    second.net().namedParameters().values().forEach(p -> assertTrue(p.requiresGrad(), "still parameters"));
    History rest = second.train(3, 4);

    List<Long> expected = new ArrayList<>(), actual = new ArrayList<>();
    for (EpochStats s : all.epochs().subList(2, 4)) expected.add(Double.doubleToRawLongBits(s.trainCost()));
    for (EpochStats s : rest.epochs()) actual.add(Double.doubleToRawLongBits(s.trainCost()));
    assertEquals(expected, actual, "train cost of epochs 3 and 4");
    assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochStats::epoch).toList());
    assertEquals(all.last().learningRate(), rest.last().learningRate(), "the schedule continues from the base rate");
    whole.net().namedParameters().forEach((name, p) ->
        assertArrayEquals(p.toFloatArray(), second.net().namedParameters().get(name).toFloatArray(), name));
  }

  @Test void sgdWithMomentumAndDropoutContinuesBitForBit() throws IOException {
    assertFourEqualsTwoPlusTwo(net -> new Sgd(net.parameters(), 0.05, 0.9, 1e-4));
  }

  @Test void augmentationContinuesBitForBit() throws IOException {
    // The four features as 2x2 images shifted by up to a pixel: each epoch's shifts are seeded
    // from the shuffling source, whose position the checkpoint keeps.
    assertFourEqualsTwoPlusTwo(net -> new Sgd(net.parameters(), 0.05, 0.9, 1e-4), RandomShift.of(2, 2, 1));
  }

  @Test void adamContinuesBitForBit() throws IOException {
    assertFourEqualsTwoPlusTwo(net -> Adam.adamW(net.parameters(), 0.01, 1e-3));
  }

  @Test void aSnapshotWrittenAfterTrainingWentOnHoldsItsOwnEpoch() throws IOException {
    // Checkpoint.snapshot copies now; writing it two epochs later must give the epoch-2 file,
    // byte for byte what save wrote at epoch 2, and resuming from it continues bit for bit.
    Function<Sequential, Optimizer> adam = net -> Adam.adamW(net.parameters(), 0.01, 1e-3);
    Run whole = Run.create(adam);
    whole.train(1, 4);
    Run first = Run.create(adam);
    first.train(1, 2);
    Map<String, String> meta = Map.of("epoch", "2", "rng", Long.toString(first.rng().state()));
    Checkpoint.Snapshot snapshot = Checkpoint.snapshot(first.net(), first.optimizer(), meta);
    Path saved = dir.resolve("saved.safetensors"), later = dir.resolve("later.safetensors");
    Checkpoint.save(first.net(), first.optimizer(), saved, meta);
    first.train(3, 4);                                       // the snapshot's tensors must not follow
    snapshot.write(later);
    assertArrayEquals(java.nio.file.Files.readAllBytes(saved), java.nio.file.Files.readAllBytes(later));

    Run resumed = Run.create(adam);
    resumed.rng().restore(Long.parseLong(Checkpoint.load(resumed.net(), resumed.optimizer(), later).get("rng")));
    resumed.train(3, 4);
    whole.net().namedParameters().forEach((name, p) ->
        assertArrayEquals(p.toFloatArray(), resumed.net().namedParameters().get(name).toFloatArray(), name));
  }

  @Test void withoutTheOptimizerStateMomentumRunsDiverge() throws IOException {
    // The check above can fail: dropping the velocity changes the bits.
    Run whole = Run.create(net -> new Sgd(net.parameters(), 0.05, 0.9, 0.0));
    whole.train(1, 4);
    Run first = Run.create(net -> new Sgd(net.parameters(), 0.05, 0.9, 0.0));
    first.train(1, 2);
    long state = first.rng().state();
    first.rng().restore(state);
    Run second = new Run(first.net(), new Sgd(first.net().parameters(), 0.05, 0.9, 0.0), first.rng(), null);
    second.train(3, 4);
    assertFalse(java.util.Arrays.equals(whole.net().namedParameters().get("0.weight").toFloatArray(),
        second.net().namedParameters().get("0.weight").toFloatArray()));
  }

  @Test void stateOfAnotherOptimizerIsRefusedByName() throws IOException {
    Run adam = Run.create(net -> new Adam(net.parameters(), 0.01));
    adam.train(1, 1);
    Path file = dir.resolve("adam.safetensors");
    Checkpoint.save(adam.net(), adam.optimizer(), file, Map.of());
    Run sgd = Run.create(net -> new Sgd(net.parameters(), 0.05, 0.9, 0.0));
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(sgd.net(), sgd.optimizer(), file));
    assertTrue(e.getMessage().contains("does not fit the optimizer") && e.getMessage().contains("was it saved by another optimizer"), e.getMessage());
  }

  @Test void optimizerStateNamesFollowTheParameters() throws IOException {
    Run run = Run.create(net -> new Adam(net.parameters(), 0.01));
    run.train(1, 1);
    Path file = dir.resolve("names.safetensors");
    Checkpoint.save(run.net(), run.optimizer(), file, Map.of("epoch", "1"));
    var names = Checkpoint.read(file).keySet();
    assertTrue(names.containsAll(List.of("0.weight", "3.bias", "optimizer.m.0.weight", "optimizer.v.3.bias", "optimizer.step")), names.toString());
    assertEquals(12, Checkpoint.read(file).get("optimizer.step").item(), "90 examples in batches of 8: 12 steps");
    assertEquals(DType.F64, Checkpoint.read(file).get("optimizer.step").dtype());
  }
}
