package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  private static final double[] X = {-1, -0.5, 0, 0.5, 1};

  @Test void panelsGoTwoByTwoAndLinesTakeThePaletteInOrder(@TempDir Path dir) throws Exception {
    LinePlot plot = new LinePlot("four panels");
    for (int p = 0; p < 4; p++) {
      plot.panel("panel " + p, "x", List.of(new LinePlot.Line("a", X, new double[] {0, 1, 0, 1, 0}),
          LinePlot.Line.reference("target", X, new double[] {1, 0, 1, 0, 1})));
    }
    Path png = dir.resolve("sub/plot.png");
    plot.write(png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(2 * 600 + 3 * 16, image.getWidth(), "two columns");
    assertTrue(image.getHeight() > 2 * 450, "two rows");
    assertTrue(count(image, LinePlot.PALETTE[0].getRGB()) > 100, "first line in the first colour");
    assertTrue(count(image, LinePlot.REFERENCE.getRGB()) > 100, "reference line in near-black");
    assertEquals(0, count(image, LinePlot.PALETTE[1].getRGB()), "the reference takes no palette colour");
    try (var files = Files.list(png.getParent())) {
      assertEquals(List.of(png), files.toList(), "no temporary file may remain");
    }
  }

  @Test void noPanelsIsAnError() {
    assertThrows(IllegalStateException.class, () -> new LinePlot("empty").render(600, 450));
  }

  private static int count(BufferedImage image, int rgb) {
    int w = image.getWidth(), n = 0;
    for (int pixel : image.getRGB(0, 0, w, image.getHeight(), null, 0, w)) if ((pixel & 0xFFFFFF) == (rgb & 0xFFFFFF)) n++;
    return n;
  }
}
