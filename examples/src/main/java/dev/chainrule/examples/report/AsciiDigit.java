package dev.chainrule.examples.report;

/**
 * Renders a grey image as ASCII art, one line per pixel row, each pixel as two characters (a
 * terminal cell is about twice as tall as wide). Shades from blank (0) to {@code @} (1):
 * {@value #SHADES}.
 */
public final class AsciiDigit {
  /** Characters for increasing ink, index {@code round(value * (length - 1))}. */
  public static final String SHADES = " .:-=+*#%@";

  private AsciiDigit() {}

  /**
   * Renders a 28x28 MNIST image.
   *
   * @param image 784 values in [0, 1], row-major
   * @return 28 lines, each ending in a line break
   */
  public static String render(float[] image) {
    if (image.length != 28 * 28) {
      throw new IllegalArgumentException(
          "AsciiDigit: expected a 28x28 image of 784 pixels (got " + image.length + ")");
    }
    return render(image, 0, 28, 28);
  }

  /**
   * Renders one image stored inside a larger array (e.g. image {@code i} of a data split at
   * {@code offset = i * rows * cols}).
   *
   * @param pixels values in [0, 1], row-major; values outside are clamped, NaN shows as '?'
   * @param offset index of the image's first pixel
   * @param rows pixel rows
   * @param cols pixel columns
   * @return {@code rows} lines, each ending in a line break
   */
  public static String render(float[] pixels, int offset, int rows, int cols) {
    if (rows <= 0 || cols <= 0 || offset < 0 || offset + (long) rows * cols > pixels.length) {
      throw new IllegalArgumentException("AsciiDigit: a " + rows + "x" + cols + " image at "
          + "offset " + offset + " does not fit in " + pixels.length + " pixels");
    }
    StringBuilder out = new StringBuilder(rows * (2 * cols + 1));
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        char ch = shade(pixels[offset + r * cols + c]);
        out.append(ch).append(ch);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * @param value a pixel value, nominally in [0, 1]
   * @return its shade character
   */
  static char shade(float value) {
    if (Float.isNaN(value)) {
      return '?';
    }
    float v = Math.max(0f, Math.min(1f, value));
    return SHADES.charAt(Math.round(v * (SHADES.length() - 1)));
  }
}
