package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataSplit;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StallCheckTest {
  /** Twenty random 28x28 images, two of each digit. */
  private static DataSplit images() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] pixels = new float[20 * 784];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (float) rng.nextDouble();
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) labels[i] = i % 10;
    return new DataSplit("test", 20, 28, 28, pixels, labels);
  }

  @Test void aSilencedOutputNeuronIsReportedWithItsWeightedInputAndTheCure() {
    Recipe course = Recipe.course();
    Sequential net = MnistNetwork.build(course, new SplittableRandom(1));
    ((Dense) net.get(2)).bias().f32()[3] = -60f;   // the net is ours alone: write the backing array
    String report = StallCheck.report(new WeightsFile.Loaded(course, net), images());
    assertTrue(report.contains("Stall: digit 3 is predicted for 0 of the 20 test images, though 2 of them are a 3."), report);
    // z of neuron 3 is -60 plus a weighted sum of 100 hidden outputs in [0, 1] with N(0, 1) weights.
    String z = report.substring(report.indexOf("Output neuron 3 has mean weighted input z = ") + 44).split(" ")[0];
    assertTrue(Double.parseDouble(z) < -40, z);
    assertTrue(report.contains("  ./mnist --cost cross-entropy --init scaled --eta 0.5 --seed 1"), report);
  }

  @Test void theCureCommandIsOneTheMnistCommandAccepts() {
    Recipe course = new Recipe("course", new int[] {784, 100, 10}, "sigmoid", "quadratic", "gaussian", "sgd",
        3.0, 0, 0, 0, "constant", 10, 30, 7);
    List<String> cures = StallCheck.cures(course);
    String command = cures.stream().filter(l -> l.startsWith("  ./mnist ")).findFirst().orElseThrow();
    String[] args = command.strip().substring("./mnist ".length()).split(" ");
    MnistCommand cmd = new MnistCommand();
    new CommandLine(cmd).parseArgs(args);
    Recipe cured = cmd.recipe();
    assertEquals("cross-entropy", cured.cost(), Arrays.toString(args));
    assertEquals("scaled", cured.init());
    assertEquals(StallCheck.CROSS_ENTROPY_ETA, cured.eta());
    assertEquals(7, cured.seed());
  }

  @Test void aRecipeThatHasTheCuresIsPointedPastTheCourse() {
    Recipe courseWithCures = new Recipe("course", new int[] {784, 100, 10}, "sigmoid", "cross-entropy", "scaled",
        "sgd", 0.5, 0, 0, 0, "constant", 10, 30, 2);
    assertEquals(List.of("Try: ./mnist --recipe beyond --seed 2"), StallCheck.cures(courseWithCures));
    assertEquals(List.of(), StallCheck.cures(Recipe.beyond()), "nothing left to suggest");
  }
}
