package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvePlotTest {
  @TempDir Path dir;

  /** A plausible 30-epoch run, as the MNIST trainer would log it. */
  static List<EpochMetrics> run(int epochs) {
    List<EpochMetrics> rows = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double cost = 0.02 + 0.08 * Math.exp(-e / 4.0);
      rows.add(new EpochMetrics(e, cost, cost * 1.1 + 0.001 * e / epochs,
          0.97 - 0.07 * Math.exp(-e / 3.0), 0.968 - 0.07 * Math.exp(-e / 3.0), 4.2));
    }
    return rows;
  }

  @Test
  void writesAPngOfTheRequestedSize() throws IOException {
    Path png = dir.resolve("plots/curve.png");
    new LearningCurvePlot("784-30-10 sigmoid, SGD lr=3.0, batch 10", 1000, 420)
        .write(run(30), png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable PNG");
    assertEquals(1000, image.getWidth());
    assertEquals(420, image.getHeight());
    try (Stream<Path> files = Files.list(png.getParent())) {
      assertEquals(List.of(png), files.toList(), "no temporary file may remain");
    }
  }

  @Test
  void drawsEachSeriesColour() {
    BufferedImage image = new LearningCurvePlot("t").render(run(10));
    assertTrue(countColour(image, LearningCurvePlot.TRAIN.getRGB()) > 50, "training line");
    assertTrue(countColour(image, LearningCurvePlot.VALIDATION.getRGB()) > 100, "validation");
    assertTrue(countColour(image, LearningCurvePlot.TEST.getRGB()) > 50, "test line");
  }

  @Test
  void missingValuesAndASingleEpochStillRender() {
    List<EpochMetrics> one =
        List.of(new EpochMetrics(1, 0.1, Double.NaN, 0.9, Double.NaN, 1.0));
    BufferedImage image = new LearningCurvePlot("one epoch").render(one);
    assertTrue(countColour(image, LearningCurvePlot.VALIDATION.getRGB()) > 10);
    BufferedImage empty = new LearningCurvePlot("empty").render(List.of());
    assertEquals(1200, empty.getWidth());
  }

  private static int countColour(BufferedImage image, int argb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (argb & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }
}
