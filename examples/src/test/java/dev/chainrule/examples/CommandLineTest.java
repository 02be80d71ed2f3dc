package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.examples.mnist.MnistNetwork;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.examples.mnist.WeightsFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user drives it: the demos' printed output, predict on a PNG, errors. */
class CommandLineTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int exit = cl.execute(args);
      return new Run(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(saved);
    }
  }

  @Test void perceptronDemoPrintsTheNandTruthTable() {
    Run r = run("demo", "perceptron");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("0 NAND 0 = 1") && r.out().contains("1 NAND 1 = 0"), r.out());
  }

  @Test void adderDemoAdds() {
    Run r = run("demo", "adder");
    assertTrue(r.out().contains("1 + 1 -> sum 0, carry 1"), r.out());
    assertTrue(r.out().contains("11 + 6 = 17") && r.out().contains("15 + 15 = 30"), r.out());
  }

  @Test void cheeseDemoDecides() {
    Run r = run("demo", "cheese");
    assertTrue(r.out().contains("weather false partner true  transit true  -> stay home"), r.out());
    String threshold3 = r.out().substring(r.out().indexOf("threshold 3.0"));
    assertTrue(threshold3.contains("weather false partner true  transit true  -> go"), threshold3);
  }

  @Test void descentDemoReachesTheMinimum() {
    Run r = run("demo", "descent");
    assertTrue(r.out().contains("step  0: v = ( 2.00000, -1.50000)"), r.out());
    assertTrue(r.out().contains("*"), "the plot marks the minimum");
  }

  @Test void xorDemoShowsTheExactNetworkAndALearnedOne() {
    Run r = run("demo", "xor");
    assertTrue(r.out().contains("0 XOR 1 -> 1.0000") && r.out().contains("1 XOR 1 -> 0.0000"), r.out());
    assertTrue(r.out().contains("learning XOR by gradient descent"), r.out());
  }

  @Test void sigmoidPerceptronDemoPrintsTheAdderAtEachScale() {
    Run r = run("demo", "sigmoid-perceptron");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("c = 1000      (0.000000, 0.000000)  (1.000000, 0.000000)"), r.out());
    assertTrue(r.out().contains("at c = 1000: 0.500000"), r.out());
  }

  @Test void learningRateDemoWritesItsPlot(@TempDir Path dir) {
    Run r = run("demo", "learning-rate", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("eta < 2/1.0000 = 2.0000"), r.out());
    assertTrue(Files.isRegularFile(dir.resolve("learning-rate.png")), r.out());
  }

  @Test void approximateNamesWhereAUsersExpressionIsWrong() {
    Run r = run("demo", "approximate", "--function", "sin(2*x");
    assertEquals(1, r.exit());
    assertEquals("demo: expression \"sin(2*x\": expected ')' at position 8 (end of input)", r.err().strip());
  }

  @Test void approximateRejectsAnIntervalWithoutAFunctionAndAnEmptyInterval() {
    Run r = run("demo", "approximate", "--from", "-1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--from and --to set the interval of --function"), r.err());
    r = run("demo", "approximate", "--function", "x", "--from", "2", "--to", "1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("interval: expected finite from < to, got [2.0, 1.0]"), r.err());
  }

  @Test void unknownDemoIsAnError() {
    assertEquals(2, run("demo", "chess").exit());
  }

  @Test void predictReadsAPngAndPrintsADigit(@TempDir Path dir) throws Exception {
    Recipe recipe = Recipe.course();
    Path weights = dir.resolve("w.safetensors");
    WeightsFile.save(weights, MnistNetwork.build(recipe, new SplittableRandom(5)), recipe);
    BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 56, 56);
    g.setColor(Color.BLACK);
    g.fillRect(24, 8, 8, 40);   // a "1"
    g.dispose();
    Path png = dir.resolve("one.png");
    ImageIO.write(img, "png", png.toFile());
    Run r = run("predict", weights.toString(), png.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("(?s).*one\\.png: [0-9]\\s*"), r.out());
  }

  @Test void badWeightsFileIsOneReadableLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.safetensors");
    Files.writeString(bad, "garbage");
    Run r = run("predict", bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("predict: ") && r.err().contains("bad.safetensors"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test void mnistHelpListsTheOptions() {
    Run r = run("mnist", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("--recipe") && r.out().contains("--schedule"), r.out());
  }
}
