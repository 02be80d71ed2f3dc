package dev.chainrule.examples.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.Main;
import dev.chainrule.nn.data.DataSplit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The vision transformer of {@code chainrule vit}: patches, that it learns, determinism, the PNG and its flag checks. */
class VitCommandTest {
  private static final String[] TINY = {"--epochs", "8", "--dim", "16", "--heads", "2", "--mlp", "32", "--layers", "1",
      "--batch", "16", "--warmup", "4", "--lr", "0.01"};

  /** 64 images of two classes that only the place of the ink tells apart: top-left quarter (0) or bottom-right (1). */
  private static DataSplit twoQuarters(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 64;
    float[] x = new float[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) {
        boolean ink = y[i] == 0 ? r < 14 && c < 14 : r >= 14 && c >= 14;
        if (ink) x[i * 784 + r * 28 + c] = (float) rng.nextDouble();
      }
    }
    return new DataSplit("two quarters", n, 28, 28, x, y);
  }

  private static VitCommand tiny() {
    VitCommand cmd = new VitCommand();
    new CommandLine(cmd).parseArgs(TINY);
    return cmd;
  }

  private static List<VitCommand.Epoch> trainTiny() {
    SplittableRandom rng = new SplittableRandom(7);
    VisionTransformer net = new VisionTransformer(16, 2, 32, 1, 0.0, rng);
    return tiny().train(net, twoQuarters(1), twoQuarters(2), rng, new PrintStream(new ByteArrayOutputStream()));
  }

  @Test void patchesAreTheSixteen7x7TilesInRowMajorOrder() {
    float[] pixels = new float[784];
    for (int i = 0; i < 784; i++) pixels[i] = i;
    Tensor p = VisionTransformer.patches(Tensor.of(pixels, 1, 784));
    assertArrayEquals(new int[] {1, 16, 49}, p.dims());
    // Patch 5 is tile row 1, tile column 1: its first pixel is image row 7, column 7; its last row 13, column 13.
    assertEquals(7 * 28 + 7, p.get(0, 5, 0));
    assertEquals(13 * 28 + 13, p.get(0, 5, 48));
    assertEquals(27 * 28 + 27, p.get(0, 15, 48));
  }

  @Test void learnsWhereTheInkIsAndTheSameSeedGivesTheSameLossBits() {
    List<VitCommand.Epoch> first = trainTiny(), again = trainTiny();
    assertTrue(first.get(7).meanLoss() < first.get(0).meanLoss() / 3, "loss per epoch " + first);
    assertTrue(first.get(7).testAccuracy() >= 0.9, "accuracy per epoch " + first);
    for (int e = 0; e < first.size(); e++) {
      assertEquals(Double.doubleToRawLongBits(first.get(e).meanLoss()), Double.doubleToRawLongBits(again.get(e).meanLoss()), "epoch " + e);
    }
  }

  @Test void drawsTheClassTokensAttentionAs224PixelPng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("attention.png");
    VitCommand.drawAttention(new VisionTransformer(16, 2, 32, 2, 0.0, new SplittableRandom(3)), twoQuarters(4), 1, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "not a PNG ImageIO can read");
    assertEquals(224, img.getWidth());
    assertEquals(224, img.getHeight());
  }

  @Test void theCommandTrainsOnMnistAndWritesThePng(@TempDir Path dir) throws Exception {
    String data = System.getenv("MNIST_DIR");
    assumeTrue(data != null && Files.isDirectory(Path.of(data)), "MNIST_DIR is not set: the end-to-end vit run skipped");
    Path png = dir.resolve("vit.png");
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute("vit", "--data", data, "--epochs", "1", "--limit", "256", "--test-limit", "100",
          "--dim", "16", "--heads", "2", "--mlp", "32", "--layers", "1", "--warmup", "2", "--attention-png", png.toString());
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    assertTrue(printed.contains("epoch 1: mean training loss"), printed);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(224, img.getWidth());
    assertEquals(224, img.getHeight());
  }

  @Test void badFlagsAreRefusedBeforeLoadingData() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.getSubcommands().get("vit").setErr(new PrintWriter(err, true));
    assertEquals(1, cl.execute("vit", "--layers", "0", "--data", "/nonexistent"));
    assertTrue(err.toString().contains("--layers, --batch and --test-limit must be >= 1"), err.toString());
    assertEquals(1, cl.execute("vit", "--dim", "10", "--heads", "4", "--data", "/nonexistent"));
    assertTrue(err.toString().contains("vit: --dim 10 must be a multiple of --heads 4"), err.toString());
  }
}
