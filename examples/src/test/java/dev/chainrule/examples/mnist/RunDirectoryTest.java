package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.train.NonFiniteLossException;
import dev.chainrule.nn.train.NonFinitePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 items 5 and 7, issue 14 items 2 and 3 in process, on a small synthetic MNIST: a run
 * directory never mixes two runs, and a NaN cost stops the run and says so. Resuming is tested
 * by killing real runs: {@code InterruptedRunTest}.
 */
class RunDirectoryTest {
  @TempDir Path tmp;

  static DataSplit split(String name, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] images = new float[count * 784];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = rng.nextInt(10);
      for (int j = 0; j < 784; j++) images[i * 784 + j] = j % 10 == labels[i] ? 0.9f : (float) (0.3 * rng.nextDouble());
    }
    return new DataSplit(name, count, 28, 28, images, labels);
  }

  static final Mnist SMALL = new Mnist(split("training", 300, 1), split("validation", 60, 2), split("test", 60, 3));

  static Recipe recipe(String base, int epochs, double eta) {
    Recipe r = Recipe.named(base);
    return new Recipe(r.name(), new int[] {784, 30, 10}, r.activation(), r.cost(), r.init(), r.optimizer(), eta,
        r.momentum(), r.l2(), r.dropout(), r.schedule(), r.batch(), epochs, r.seed());
  }

  static MnistTraining.Result train(Recipe r, Path out) throws IOException {
    return new MnistTraining(r, 1, new PrintStream(PrintStream.nullOutputStream())).run(SMALL, out);
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test void aSecondRunReplacesTheFirstAsAWhole() throws IOException {
    Path out = tmp.resolve("o");
    train(recipe("course", 2, 3.0), out);
    assertEquals(List.of("checkpoint.safetensors", "confusion-matrix.csv", "confusion-matrix.txt", "learning-curves.png",
        "metrics.csv", "status.txt", "weights.safetensors"), listing(out));
    assertTrue(Files.readString(out.resolve("status.txt")).startsWith("state: finished\n"));
    // The second run diverges at once: nothing of the first may survive beside its files.
    assertThrows(NonFiniteLossException.class, () -> train(recipe("beyond", 3, 1e6), out));
    for (String gone : List.of("weights.safetensors", "confusion-matrix.txt", "confusion-matrix.csv")) {
      assertFalse(Files.exists(out.resolve(gone)), "the first run's " + gone + " is gone");
    }
    assertTrue(Files.readString(out.resolve("status.txt")).startsWith("state: stopped\n"));
    assertEquals(List.of("o"), listing(tmp), "the previous run was moved aside and deleted");
  }

  @Test void foreignFilesAreNeverDeleted() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(out.resolve("thesis.tex"), "precious");
    var e = assertThrows(IOException.class, () -> train(recipe("course", 1, 3.0), out));
    assertTrue(e.getMessage().contains("holds [thesis.tex], which chainrule mnist did not write"), e.getMessage());
    assertEquals(List.of("thesis.tex"), listing(out));
  }

  @Test void aNonFiniteCostStopsTheRunAndTheFilesSaySo() throws IOException {
    Path out = tmp.resolve("nan");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    var e = assertThrows(NonFiniteLossException.class, () -> new MnistTraining(recipe("beyond", 2, 1e6), 1,
        new PrintStream(log, true, StandardCharsets.UTF_8)).run(SMALL, out));
    assertTrue(e.getMessage().contains("at epoch 1, batch ") && e.getMessage().contains("--detect-anomaly"), e.getMessage());
    String status = Files.readString(out.resolve("status.txt"));
    assertTrue(status.startsWith("state: stopped\nStopped: the cost is "), status);
    assertTrue(status.contains("No epoch finished."), status);
    assertFalse(Files.exists(out.resolve("weights.safetensors")), "no NaN weights are written");
  }

  @Test void skipAndContinueAreThereWhenAsked() throws IOException {
    MnistTraining.Result r = new MnistTraining(recipe("beyond", 1, 1e6), 1, new PrintStream(PrintStream.nullOutputStream()))
        .nonFinite(NonFinitePolicy.CONTINUE).run(SMALL, null);
    assertTrue(Double.isNaN(r.epochs().get(0).trainCost()));
  }

  @Test void anomalyDetectionNamesTheOperation() throws IOException {
    var e = assertThrows(ArithmeticException.class, () -> new MnistTraining(recipe("beyond", 1, 1e6), 1,
        new PrintStream(PrintStream.nullOutputStream())).detectAnomaly(true).run(SMALL, tmp.resolve("anomaly")));
    assertFalse(e instanceof NonFiniteLossException, "AnomalyMode caught it first: " + e.getMessage());
    assertTrue(Files.readString(tmp.resolve("anomaly/status.txt")).startsWith("state: stopped\n"));
  }

  @Test void epochsEvaluatedBesideTheTrainingWriteTheSameFiles() throws IOException {
    // --threads 2 evaluates and saves each epoch on another thread while the next one trains.
    Recipe r = recipe("beyond", 3, 0.1);
    Path serial = tmp.resolve("serial"), beside = tmp.resolve("beside");
    train(r, serial);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new MnistTraining(r, 2, new PrintStream(log, true, StandardCharsets.UTF_8)).run(SMALL, beside);
    assertEquals(listing(serial), listing(beside));
    assertEquals(columns(serial.resolve("metrics.csv")), columns(beside.resolve("metrics.csv")));
    assertArrayEquals(Files.readAllBytes(serial.resolve(RunDirectory.WEIGHTS)), Files.readAllBytes(beside.resolve(RunDirectory.WEIGHTS)));
    var expected = Checkpoint.read(serial.resolve(RunDirectory.CHECKPOINT));
    var actual = Checkpoint.read(beside.resolve(RunDirectory.CHECKPOINT));
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertArrayEquals(t.toDoubleArray(), actual.get(name).toDoubleArray(), name));
    assertEquals("3", SafeTensors.read(beside.resolve(RunDirectory.CHECKPOINT)).metadata().get("epoch"));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.indexOf("Epoch 1: ") < printed.indexOf("Epoch 2: ") && printed.indexOf("Epoch 2: ") < printed.indexOf("Epoch 3: ")
        && printed.indexOf("Epoch 3: ") < printed.indexOf("Wrote metrics.csv"), printed);
  }

  /** The CSV without its timing column. */
  static List<String> columns(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }
}
