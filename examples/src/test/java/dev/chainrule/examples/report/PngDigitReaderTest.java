package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngDigitReaderTest {
  @TempDir Path dir;

  /** A "7" in black ink on white paper, as a user would draw it, at {@code size x size}. */
  private static BufferedImage sevenOnPaper(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(size / 10f));
    g.drawLine(size / 4, size / 4, size * 3 / 4, size / 4);
    g.drawLine(size * 3 / 4, size / 4, size * 2 / 5, size * 4 / 5);
    g.dispose();
    return image;
  }

  @Test
  void darkInkOnWhiteBecomesBrightInkOnBlackAt28x28() throws IOException {
    Path png = dir.resolve("seven.png");
    ImageIO.write(sevenOnPaper(280), "png", png.toFile());

    float[] digit = PngDigitReader.read(png);

    assertEquals(784, digit.length);
    for (float v : digit) {
      assertTrue(v >= 0f && v <= 1f, "out of range: " + v);
    }
    assertEquals(0f, digit[0], 1e-6, "corner is background, so 0 after inversion");
    assertEquals(0f, digit[27 * 28 + 27], 1e-6);
    // The top bar of the 7 runs along row 7 (280/4 = 70 px = row 7) from column 7 to 21.
    assertTrue(digit[7 * 28 + 14] > 0.9f, "ink on the bar: " + digit[7 * 28 + 14]);
    float total = 0;
    for (float v : digit) {
      total += v;
    }
    assertTrue(total > 20 && total < 200, "ink mass " + total);
  }

  @Test
  void alreadyMnistLikeImagesAreNotInverted() {
    BufferedImage seven = sevenOnPaper(56);
    BufferedImage negative = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 56; x++) {
        int grey = 255 - (seven.getRGB(x, y) & 0xFF);
        negative.getRaster().setSample(x, y, 0, grey);
      }
    }
    float[] fromPaper = PngDigitReader.toDigit(seven, 28, 28);
    float[] fromNegative = PngDigitReader.toDigit(negative, 28, 28);
    for (int i = 0; i < 784; i++) {
      assertEquals(fromPaper[i], fromNegative[i], 0.01f, "pixel " + i);
    }
  }

  @Test
  void areaAveragingKeepsTheMeanAndHandlesEnlarging() {
    // A 3x3 source with one white pixel in the middle, shrunk to 2x2: each output covers 1.5x1.5
    // source pixels, a quarter of the centre pixel each.
    float[] src = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    float[] out = PngDigitReader.resizeByArea(src, 3, 3, 2, 2);
    for (float v : out) {
      assertEquals(0.25f / 2.25f, v, 1e-6f);
    }
    float[] big = PngDigitReader.resizeByArea(new float[] {1, 0}, 2, 1, 4, 2);
    assertEquals(8, big.length);
    assertEquals(1f, big[0], 1e-6f);
    assertEquals(1f, big[1], 1e-6f);
    assertEquals(0f, big[2], 1e-6f);
  }

  @Test
  void transparentBackgroundCountsAsPaper() {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(10, 10, 0xFF000000); // one opaque black pixel, the rest fully transparent
    float[] digit = PngDigitReader.toDigit(image, 28, 28);
    assertEquals(1f, digit[10 * 28 + 10], 1e-6f);
    assertEquals(0f, digit[0], 1e-6f);
  }

  @Test
  void notAnImageNamesTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("digit.png"), "this is not a PNG");
    IOException e = assertThrows(IOException.class, () -> PngDigitReader.read(text));
    assertTrue(e.getMessage().startsWith(text + ": expected an image"), e.getMessage());
    IOException missing = assertThrows(IOException.class,
        () -> PngDigitReader.read(dir.resolve("none.png")));
    assertTrue(missing.getMessage().contains("none.png: no such file"), missing.getMessage());
  }
}
