package dev.chainrule.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws attention over an image's patches: the grey image enlarged, each patch tinted orange in
 * proportion to the attention it gets (the largest weight fully tinted), with a thin line
 * between patches. Used by {@code chainrule vit} for the class token's attention over the 4x4
 * patches of a digit.
 */
public final class AttentionMap {
  private AttentionMap() {}

  /**
   * The picture, {@code cols·scale} wide and {@code rows·scale} high.
   *
   * @param pixels {@code rows·cols} grey values in [0, 1], row-major (values outside are clamped)
   * @param rows pixel rows
   * @param cols pixel columns
   * @param weights one non-negative weight per patch, row-major over the patch grid
   * @param patch patch side in pixels; must divide rows and cols
   * @param scale screen pixels per image pixel, at least 1
   */
  public static BufferedImage draw(float[] pixels, int rows, int cols, double[] weights, int patch, int scale) {
    if (rows <= 0 || cols <= 0 || pixels.length != rows * cols || patch <= 0 || rows % patch != 0 || cols % patch != 0
        || scale < 1 || weights.length != (rows / patch) * (cols / patch)) {
      throw new IllegalArgumentException("AttentionMap: need " + rows + "x" + cols + " = " + rows * cols + " pixels (got "
          + pixels.length + "), a patch side dividing both (got " + patch + "), scale >= 1 (got " + scale
          + ") and one weight per patch (got " + weights.length + ")");
    }
    double max = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("AttentionMap: weights must be finite and >= 0, got " + w);
      max = Math.max(max, w);
    }
    int patchCols = cols / patch;
    BufferedImage img = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rows * scale; y++) {
      for (int x = 0; x < cols * scale; x++) {
        int r = y / scale, c = x / scale;
        double grey = 0.15 + 0.7 * Math.min(1, Math.max(0, pixels[r * cols + c]));
        double heat = max > 0 ? weights[(r / patch) * patchCols + c / patch] / max : 0;
        boolean edge = (y % (patch * scale) == 0 && y > 0) || (x % (patch * scale) == 0 && x > 0);
        int rgb = edge ? 0x404040 : rgb(mix(grey, 1.0, heat), mix(grey, 0.55, heat), mix(grey, 0.0, heat));
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  /** Draws as {@link #draw} and writes the PNG (through a temporary file renamed into place). */
  public static void write(Path png, float[] pixels, int rows, int cols, double[] weights, int patch, int scale) throws IOException {
    Png.write(draw(pixels, rows, cols, weights, patch, scale), png);
  }

  /** a·(1 − t·0.8) + b·t·0.8: the tint never hides the digit completely. */
  private static double mix(double a, double b, double t) {
    double k = 0.8 * t;
    return a * (1 - k) + b * k;
  }

  private static int rgb(double r, double g, double b) {
    return (channel(r) << 16) | (channel(g) << 8) | channel(b);
  }

  private static int channel(double v) {
    return (int) Math.round(255 * Math.min(1, Math.max(0, v)));
  }
}
