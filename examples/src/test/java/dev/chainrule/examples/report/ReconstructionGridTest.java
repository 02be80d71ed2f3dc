package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconstructionGridTest {
  @Test void drawsEachPairSideBySideScaledWithGreyLevelsKept(@TempDir Path dir) throws Exception {
    float[] a = {0f, 0.5f, 1f, 2f, -1f, Float.NaN}, b = {1f, 1f, 1f, 0f, 0f, 0f};   // 2x3 images
    var grid = new ReconstructionGrid(2, 3, 2, 2);
    Path png = dir.resolve("sub/pairs.png");
    grid.write(new float[][] {a, a, a}, new float[][] {b, b, b}, png);
    BufferedImage img = ImageIO.read(png.toFile());
    // Two pairs per row, three pairs: two rows. Width 2·(4 + 2·(3+1+3+4)), height 2·(4 + 2·(2+4)).
    assertEquals(52, img.getWidth());
    assertEquals(32, img.getHeight());
    int[] expectedA = {0, 128, 255, 255, 0, 0};
    for (int p = 0; p < 6; p++) {
      int x = 2 * (4 + p % 3), y = 2 * (4 + p / 3);
      assertEquals(expectedA[p], img.getRaster().getSample(x + 1, y, 0), "original pixel " + p);
      int xb = 2 * (4 + 3 + 1 + p % 3);
      assertEquals(p < 3 ? 255 : 0, img.getRaster().getSample(xb, y + 1, 0), "reconstruction pixel " + p);
    }
    assertEquals(64, img.getRaster().getSample(2 * (4 + 3), 2 * 4, 0), "the gap between the halves of a pair");
    // Pair 2 starts the second row.
    assertEquals(255, img.getRaster().getSample(2 * (4 + 2), 2 * (4 + 2 + 4), 0));
  }

  @Test void refusesMismatchedInputs() {
    var grid = new ReconstructionGrid(2, 3, 1, 4);
    var e = assertThrows(IllegalArgumentException.class, () -> grid.draw(new float[][] {new float[6]}, new float[][] {new float[5]}));
    assertTrue(e.getMessage().contains("reconstruction 0 has 5 pixels, expected 2x3 = 6"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> grid.draw(new float[0][], new float[0][]));
    assertThrows(IllegalArgumentException.class, () -> new ReconstructionGrid(2, 3, 0, 4));
  }
}
