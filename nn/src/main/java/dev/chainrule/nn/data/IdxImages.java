package dev.chainrule.nn.data;

import java.nio.FloatBuffer;

/**
 * Images read from an IDX file: {@code count} images of {@code rows x cols} pixels, stored
 * row-major one after another in {@code pixels}, each scaled to [0, 1] (raw byte / 255).
 *
 * @param count number of images
 * @param rows pixel rows per image
 * @param cols pixel columns per image
 * @param pixels {@code count * rows * cols} values in [0, 1] from index 0 (the position is
 *     ignored); {@link IdxReader} gives a direct buffer, off the Java heap; shared, not copied
 */
public record IdxImages(int count, int rows, int cols, FloatBuffer pixels) {

  /** Validates that the pixel buffer has exactly {@code count * rows * cols} entries. */
  public IdxImages {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "IdxImages: need count >= 0 and positive rows/cols (got count " + count + ", "
              + rows + "x" + cols + ")");
    }
    if ((long) count * rows * cols != pixels.limit()) {
      throw new IllegalArgumentException(
          "IdxImages: " + count + " images of " + rows + "x" + cols + " need "
              + (long) count * rows * cols + " pixels (got " + pixels.limit() + ")");
    }
  }

  /** @return pixels per image, {@code rows * cols} (784 for MNIST) */
  public int features() {
    return rows * cols;
  }

  /**
   * Copies one image out.
   *
   * @param index image index in {@code [0, count)}
   * @return a new array of {@link #features()} pixels
   */
  public float[] image(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("image " + index + " of " + count);
    }
    float[] out = new float[features()];
    pixels.get(index * features(), out, 0, out.length);
    return out;
  }

  /** @return a copy of all pixels as one heap array (small sets and tests) */
  public float[] toArray() {
    float[] out = new float[pixels.limit()];
    pixels.get(0, out, 0, out.length);
    return out;
  }

  @Override
  public String toString() {
    return "IdxImages(" + count + " x " + rows + "x" + cols + ")";
  }
}
