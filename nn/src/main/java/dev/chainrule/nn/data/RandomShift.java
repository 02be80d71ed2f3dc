package dev.chainrule.nn.data;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * Random translation of images, the augmentation of the course's chapter 6 ("expanding the
 * training data" by displacing each image by a pixel or so; torchvision's
 * {@code RandomAffine(0, translate=...)} with whole pixels): each image of a batch moves by its own
 * (dy, dx), both uniform in {@code [-maxShift, maxShift]}, pixels moved in from outside are 0.
 * Inputs are float32 rows of {@code rows·cols} pixels ([m, rows·cols], as {@link DataSplit} gives
 * them) or images [m, ..., rows, cols]; every channel of an image moves alike. Targets are kept.
 *
 * <p>Two draws of {@code nextInt} per image, dy then dx, in batch order.
 */
public final class RandomShift implements BatchTransform {
  private final int rows, cols, maxShift;

  private RandomShift(int rows, int cols, int maxShift) {
    this.rows = rows;
    this.cols = cols;
    this.maxShift = maxShift;
  }

  /** Shifts of up to {@code maxShift} pixels in each direction for images of {@code rows}×{@code cols}. */
  public static RandomShift of(int rows, int cols, int maxShift) {
    if (rows < 1 || cols < 1 || maxShift < 0 || maxShift >= Math.min(rows, cols)) {
      throw new IllegalArgumentException("RandomShift: needs positive image sizes and 0 <= maxShift < min(rows, cols), got "
          + rows + "x" + cols + " and maxShift " + maxShift);
    }
    return new RandomShift(rows, cols, maxShift);
  }

  @Override public Batch apply(Batch batch, RandomGenerator rng) {
    Tensor x = batch.inputs();
    int plane = rows * cols;
    if (x.dtype() != DType.F32 || x.rank() < 2 || (x.size() / Math.max(1, x.dim(0))) % plane != 0) {
      throw new IllegalArgumentException(this + ": inputs must be float32 [batch, ...] with a multiple of " + plane
          + " values per example (got " + x.dtype() + " " + x.shape() + ")");
    }
    int m = x.dim(0), perExample = x.size() / Math.max(1, m);
    float[] in = x.f32(), out = new float[in.length];
    for (int i = 0; i < m; i++) {
      int dy = rng.nextInt(-maxShift, maxShift + 1), dx = rng.nextInt(-maxShift, maxShift + 1);
      for (int p = i * perExample; p < (i + 1) * perExample; p += plane) shift(in, out, p, dy, dx);
    }
    return new Batch(Tensor.wrap(Shape.of(x.dims()), out), batch.targets());
  }

  /** out[r][c] = in[r - dy][c - dx] within the image at {@code offset}; 0 where that is outside. */
  private void shift(float[] in, float[] out, int offset, int dy, int dx) {
    int fromCol = Math.max(0, dx), toCol = Math.min(cols, cols + dx);
    if (fromCol >= toCol) return;
    for (int r = Math.max(0, dy); r < Math.min(rows, rows + dy); r++) {
      System.arraycopy(in, offset + (r - dy) * cols + fromCol - dx, out, offset + r * cols + fromCol, toCol - fromCol);
    }
  }

  @Override public String toString() {
    return "RandomShift(" + rows + "x" + cols + ", up to " + maxShift + " pixels)";
  }
}
