package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training on the real MNIST files (MNIST_DIR); skipped with a message when absent. */
class MnistTrainingTest {
  static Mnist mnist;

  @BeforeAll static void load() throws IOException {
    String dir = System.getenv("MNIST_DIR");
    if (dir != null && Files.isDirectory(Path.of(dir))) mnist = Mnist.load(Path.of(dir));
  }

  static void assumeData() {
    assumeTrue(mnist != null, "MNIST_DIR is not set to a directory with the four MNIST files: end-to-end training skipped");
  }

  static Recipe withEpochs(Recipe r, int epochs) {
    return new Recipe(r.name(), r.sizes(), r.activation(), r.cost(), r.init(), r.optimizer(), r.eta(), r.momentum(),
        r.l2(), r.dropout(), r.schedule(), r.batch(), epochs, r.seed());
  }

  @Test void courseRecipeLearnsInOneEpochAndWritesItsReports(@TempDir Path out) throws IOException {
    assumeData();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MnistTraining.Result r = new MnistTraining(withEpochs(Recipe.course(), 1), 2,
        new PrintStream(log, true, StandardCharsets.UTF_8)).run(mnist, out);
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Epoch 1: " + r.testCorrect() + " / 10000"), text);
    // Far above chance (10%); the course's N(0,1) init saturates many of the 100 sigmoids, so one
    // epoch lands around 50% and the full 30 epochs near 95% (see README).
    assertTrue(r.testAccuracy() > 0.40, "accuracy " + r.testAccuracy());
    for (String f : new String[] {"metrics.csv", "learning-curves.png", "weights.safetensors", "confusion-matrix.txt"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    WeightsFile.Loaded loaded = WeightsFile.load(out.resolve("weights.safetensors"));
    assertEquals(withEpochs(Recipe.course(), 1), loaded.recipe());
    try (Evaluator e = new Evaluator(1)) {
      int[] predicted = e.predict(loaded.net(), mnist.test());
      assertEquals(r.testCorrect(), Evaluator.correct(predicted, mnist.test().labels()), "reloaded weights give the same accuracy");
    }
  }

  @Test void beyondRecipeBeatsNinetyPercentInOneEpoch() throws IOException {
    assumeData();
    MnistTraining.Result r = new MnistTraining(withEpochs(Recipe.beyond(), 1), 2, new PrintStream(PrintStream.nullOutputStream()))
        .run(mnist, null);
    assertTrue(r.testAccuracy() > 0.93, "accuracy " + r.testAccuracy());
  }

  @Test void sameSeedSameNumbers() throws IOException {
    assumeData();
    DataSplit small = mnist.training().slice("training", 0, 3000);
    Mnist subset = new Mnist(small, mnist.validation(), mnist.test());
    Recipe r = withEpochs(Recipe.beyond(), 2);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    MnistTraining.Result a = new MnistTraining(r, 1, quiet).run(subset, null);
    MnistTraining.Result b = new MnistTraining(r, 2, quiet).run(subset, null);
    assertEquals(a.testCorrect(), b.testCorrect());
    for (int i = 0; i < a.epochs().size(); i++) {
      assertEquals(a.epochs().get(i).trainCost(), b.epochs().get(i).trainCost(), 0.0, "epoch " + (i + 1) + " cost, bit for bit");
      assertEquals(a.epochs().get(i).validationAccuracy(), b.epochs().get(i).validationAccuracy(), 0.0);
    }
  }
}
