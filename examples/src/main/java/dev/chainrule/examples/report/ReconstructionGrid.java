package dev.chainrule.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A PNG of grey images beside their reconstructions: pairs (original | reconstruction) in rows of
 * {@code pairsPerRow}, each pixel drawn as a {@code scale}×{@code scale} block, white on black
 * as MNIST stores digits, a dark grey gap between the two halves of a pair and a wider black one
 * between pairs.
 */
public final class ReconstructionGrid {
  static {
    Headless.ensure();
  }

  /** Pixels between the two images of a pair and around every pair, before scaling. */
  static final int GAP = 1, MARGIN = 4;
  private static final int GAP_GREY = 64;

  private final int rows, cols, scale, pairsPerRow;

  /**
   * A grid of {@code rows}×{@code cols} images.
   *
   * @param scale        screen pixels per image pixel (at least 1)
   * @param pairsPerRow  pairs side by side before the next row starts (at least 1)
   */
  public ReconstructionGrid(int rows, int cols, int scale, int pairsPerRow) {
    if (rows < 1 || cols < 1 || scale < 1 || pairsPerRow < 1) {
      throw new IllegalArgumentException("ReconstructionGrid: sizes, scale and pairs per row must be positive, got "
          + rows + "x" + cols + ", scale " + scale + ", " + pairsPerRow + " pairs per row");
    }
    this.rows = rows;
    this.cols = cols;
    this.scale = scale;
    this.pairsPerRow = pairsPerRow;
  }

  /** Width in pixels of a picture of {@code pairs} pairs. */
  public int width(int pairs) {
    return scale * (MARGIN + Math.min(pairs, pairsPerRow) * (2 * cols + GAP + MARGIN));
  }

  /** Height in pixels of a picture of {@code pairs} pairs. */
  public int height(int pairs) {
    int lines = (pairs + pairsPerRow - 1) / pairsPerRow;
    return scale * (MARGIN + lines * (rows + MARGIN));
  }

  /**
   * The picture of {@code originals[i]} beside {@code reconstructions[i]}, each {@code rows·cols}
   * values in [0, 1] (clamped).
   */
  public BufferedImage draw(float[][] originals, float[][] reconstructions) {
    if (originals.length == 0 || originals.length != reconstructions.length) {
      throw new IllegalArgumentException("ReconstructionGrid: need as many reconstructions as originals, at least one (got "
          + originals.length + " and " + reconstructions.length + ")");
    }
    int n = originals.length;
    BufferedImage img = new BufferedImage(width(n), height(n), BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < n; i++) {
      int x0 = MARGIN + (i % pairsPerRow) * (2 * cols + GAP + MARGIN), y0 = MARGIN + (i / pairsPerRow) * (rows + MARGIN);
      paint(img, originals[i], x0, y0, "original " + i);
      fill(img, x0 + cols, y0, GAP, rows, GAP_GREY);
      paint(img, reconstructions[i], x0 + cols + GAP, y0, "reconstruction " + i);
    }
    return img;
  }

  /** Draws the pairs and writes them to {@code png} (through a temporary file renamed into place). */
  public void write(float[][] originals, float[][] reconstructions, Path png) throws IOException {
    Png.write(draw(originals, reconstructions), png);
  }

  private void paint(BufferedImage img, float[] pixels, int x0, int y0, String what) {
    if (pixels.length != rows * cols) {
      throw new IllegalArgumentException("ReconstructionGrid: " + what + " has " + pixels.length + " pixels, expected "
          + rows + "x" + cols + " = " + rows * cols);
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = pixels[r * cols + c];
        int grey = v > 0 ? (int) Math.round(255 * Math.min(1f, v)) : 0;   // NaN and negatives draw black
        fill(img, x0 + c, y0 + r, 1, 1, grey);
      }
    }
  }

  /** Fills w×h image pixels at (x, y), in image-pixel units, with one grey level. */
  private void fill(BufferedImage img, int x, int y, int w, int h, int grey) {
    // NOTE: the raster, not setRGB: a grey image's colour space is linear, so setRGB would
    // gamma-convert the levels and darken the digits' edges.
    var raster = img.getRaster();
    for (int py = y * scale; py < (y + h) * scale; py++) {
      for (int px = x * scale; px < (x + w) * scale; px++) raster.setSample(px, py, 0, grey);
    }
  }
}
