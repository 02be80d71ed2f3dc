package dev.chainrule.examples.report;

import dev.chainrule.nn.io.InputFiles;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a user's picture of a digit (PNG, or any format ImageIO reads, of any size) into an
 * MNIST-like input: grey, 28x28 by area averaging, ink high and background low, in [0, 1].
 *
 * <p>Steps: each pixel becomes its luminance (0.299 R + 0.587 G + 0.114 B), composited over
 * white by its alpha so a transparent background counts as paper; the image is resized by
 * averaging the exact area each output pixel covers (correct for shrinking and enlarging); if
 * the border of the original is light on average (> 0.5), the image is inverted so dark ink on
 * white paper becomes bright ink on black, as in MNIST. It is not re-centred by mass as MNIST
 * was, so a digit drawn off-centre stays off-centre.
 */
public final class PngDigitReader {
  static {
    Headless.ensure();
  }

  /** Largest picture read, in pixels (4096x4096): about 200 MB while it is converted. */
  public static final long MAX_PIXELS = 4096L * 4096L;

  private PngDigitReader() {}

  /**
   * Reads a picture as a 28x28 MNIST-like image.
   *
   * @param file the image file
   * @return 784 values in [0, 1], row-major, ink high
   * @throws IOException if the file cannot be read or is not an image (the message names it)
   */
  public static float[] read(Path file) throws IOException {
    return read(file, 28, 28);
  }

  /**
   * Reads a picture as a {@code rows x cols} image.
   *
   * @param file the image file
   * @param rows output rows
   * @param cols output columns
   * @return {@code rows * cols} values in [0, 1], row-major, ink high
   * @throws IOException if the file cannot be read or is not an image
   */
  public static float[] read(Path file, int rows, int cols) throws IOException {
    InputFiles.requireRegular(file, "an image file (PNG, JPEG, GIF, BMP)");
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException(file + ": expected an image (PNG, JPEG, GIF, BMP), found "
            + Files.size(file) + " bytes no image reader recognizes");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkSize(file, reader.getWidth(0), reader.getHeight(0));   // from the header, before decoding
        return toDigit(reader.read(0), rows, cols);
      } finally {
        reader.dispose();
      }
    } catch (IIOException e) {
      throw new IOException(file + ": not a readable " + formatOf(file) + " image: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses an image of more than {@link #MAX_PIXELS} pixels before it is decoded: a small
   * compressed file can declare a huge canvas (a 1.5 MB PNG of 40000x40000 grey pixels needs 1.6 GB
   * decoded, and more as floats).
   */
  static void checkSize(Path file, int width, int height) throws IOException {
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS) {
      throw new IOException(file + ": image of " + width + "x" + height + " = " + pixels
          + " pixels, expected at most " + MAX_PIXELS + " (4096x4096); scale it down first");
    }
  }

  private static String formatOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Converts an image already in memory.
   *
   * @param image any image
   * @param rows output rows
   * @param cols output columns
   * @return {@code rows * cols} values in [0, 1], row-major, ink high
   */
  public static float[] toDigit(BufferedImage image, int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "PngDigitReader: output size must be positive (got " + rows + "x" + cols + ")");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    float[] grey = grey(image);
    float[] resized = resizeByArea(grey, w, h, cols, rows);
    if (borderMean(grey, w, h) > 0.5f) {
      for (int i = 0; i < resized.length; i++) {
        resized[i] = 1f - resized[i];
      }
    }
    for (int i = 0; i < resized.length; i++) {
      resized[i] = Math.max(0f, Math.min(1f, resized[i]));
    }
    return resized;
  }

  /** Luminance in [0, 1] (1 = white), transparent pixels composited over white. */
  static float[] grey(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel model = image.getColorModel();
    if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(model instanceof IndexColorModel)) {
      return greySamples(image);
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[w * h];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      float alpha = ((p >>> 24) & 0xFF) / 255f;
      float lum = (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF)
          + 0.114f * (p & 0xFF)) / 255f;
      out[i] = alpha * lum + (1f - alpha);
    }
    return out;
  }

  /**
   * Grey images read straight from the raster. NOTE: {@code getRGB} on a grey image converts
   * from the linear grey colour space to sRGB, which brightens mid-tones (128 becomes ~186); the
   * stored sample is what the user drew.
   */
  private static float[] greySamples(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    boolean hasAlpha = image.getColorModel().hasAlpha() && raster.getNumBands() > 1;
    float greyMax = (1 << image.getColorModel().getComponentSize(0)) - 1;
    float alphaMax = hasAlpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float lum = raster.getSample(x, y, 0) / greyMax;
        float alpha = hasAlpha ? raster.getSample(x, y, 1) / alphaMax : 1f;
        out[y * w + x] = alpha * lum + (1f - alpha);
      }
    }
    return out;
  }

  /**
   * Box-filter resize: each output pixel is the mean of the source area it covers, counting
   * partly covered source pixels by their covered fraction. Done as two 1-D passes.
   */
  static float[] resizeByArea(float[] src, int w, int h, int outW, int outH) {
    float[] rowsDone = new float[h * outW];
    float[] line = new float[Math.max(w, h)];
    float[] result = new float[Math.max(outW, outH)];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src, y * w, line, 0, w);
      resample(line, w, result, outW);
      System.arraycopy(result, 0, rowsDone, y * outW, outW);
    }
    float[] out = new float[outH * outW];
    for (int x = 0; x < outW; x++) {
      for (int y = 0; y < h; y++) {
        line[y] = rowsDone[y * outW + x];
      }
      resample(line, h, result, outH);
      for (int y = 0; y < outH; y++) {
        out[y * outW + x] = result[y];
      }
    }
    return out;
  }

  private static void resample(float[] in, int n, float[] out, int m) {
    double scale = (double) n / m;
    for (int o = 0; o < m; o++) {
      double lo = o * scale;
      double hi = (o + 1) * scale;
      double sum = 0;
      for (int i = (int) Math.floor(lo); i < Math.min(n, (int) Math.ceil(hi)); i++) {
        double cover = Math.min(hi, i + 1) - Math.max(lo, i);
        sum += cover * in[i];
      }
      out[o] = (float) (sum / (hi - lo));
    }
  }

  private static float borderMean(float[] grey, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < w; x++) {
      sum += grey[x] + grey[(h - 1) * w + x];
      n += 2;
    }
    for (int y = 1; y < h - 1; y++) {
      sum += grey[y * w] + grey[y * w + w - 1];
      n += 2;
    }
    return (float) (sum / n);
  }
}
