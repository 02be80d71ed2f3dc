package dev.chainrule.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG of a training run: a title over two panels, accuracy per epoch (validation and test, in
 * percent) on the left and cost per epoch (training and validation) on the right, each with
 * grid, tick labels and legend. Drawn with antialiased Java2D, headless.
 */
public final class LearningCurvePlot {
  static {
    Headless.ensure();
  }

  /** Colour of training series. */
  static final Color TRAIN = new Color(0x2CA02C);
  /** Colour of validation series. */
  static final Color VALIDATION = new Color(0x1F77B4);
  /** Colour of test series. */
  static final Color TEST = new Color(0xFF7F0E);

  private final String title;
  private final int width;
  private final int height;

  /**
   * A 1200x500 plot.
   *
   * @param title text above both panels, e.g. the network and hyper-parameters
   */
  public LearningCurvePlot(String title) {
    this(title, 1200, 500);
  }

  /**
   * @param title text above both panels
   * @param width image width in pixels (at least 400)
   * @param height image height in pixels (at least 250)
   */
  public LearningCurvePlot(String title, int width, int height) {
    if (width < 400 || height < 250) {
      throw new IllegalArgumentException(
          "LearningCurvePlot: need at least 400x250 pixels (got " + width + "x" + height + ")");
    }
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /**
   * Draws the plot.
   *
   * @param epochs one row per epoch, in any order of epochs; NaN values are left out
   * @return an RGB image of this plot's size
   */
  public BufferedImage render(List<EpochMetrics> epochs) {
    int n = epochs.size();
    double[] x = new double[n];
    double[] trainCost = new double[n];
    double[] validationCost = new double[n];
    double[] validationAccuracy = new double[n];
    double[] testAccuracy = new double[n];
    for (int i = 0; i < n; i++) {
      EpochMetrics m = epochs.get(i);
      x[i] = m.epoch();
      trainCost[i] = m.trainCost();
      validationCost[i] = m.validationCost();
      validationAccuracy[i] = 100 * m.validationAccuracy();
      testAccuracy[i] = 100 * m.testAccuracy();
    }
    ChartPanel accuracy = new ChartPanel("Accuracy (%)", "epoch", List.of(
        new Series("validation", x, validationAccuracy, VALIDATION),
        new Series("test", x, testAccuracy, TEST)), true);
    ChartPanel cost = new ChartPanel("Cost", "epoch", List.of(
        new Series("training", x, trainCost, TRAIN),
        new Series("validation", x, validationCost, VALIDATION)), false);

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      float fontSize = Math.max(11f, height / 38f);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(fontSize * 1.4f)));
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.BLACK);
      g.drawString(title, (width - fm.stringWidth(title)) / 2, 10 + fm.getAscent());
      int top = 20 + fm.getHeight();
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(fontSize)));
      int margin = 16;
      int panelW = (width - 3 * margin) / 2;
      int panelH = height - top - margin;
      accuracy.draw(g, margin, top, panelW, panelH);
      cost.draw(g, 2 * margin + panelW, top, panelW, panelH);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Draws the plot and writes it as a PNG, via a temporary file renamed into place.
   *
   * @param epochs one row per epoch
   * @param png target file; parent directories are created
   * @throws IOException if the file cannot be written
   */
  public void write(List<EpochMetrics> epochs, Path png) throws IOException {
    Png.write(render(epochs), png);
  }

  @Override
  public String toString() {
    return "LearningCurvePlot(" + width + "x" + height + ", \"" + title + "\")";
  }
}
