package dev.chainrule.nn.data;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Storage;
import dev.chainrule.autograd.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A named set of labelled images: image {@code i} is pixels {@code [i * features(), (i + 1) *
 * features())} of one float buffer, its label is {@code labels[i]}.
 *
 * <p>Memory: the pixels are held once. {@link IdxReader} puts them in a direct buffer, outside the
 * Java heap, where no garbage collection copies them; {@link #slice} is a view of the same
 * buffer, and batches copy only their own rows. (MNIST: 219 MB of floats off the heap, 0.3 MB of
 * labels on it.) Reads are absolute, so several threads may gather batches at once.
 */
public final class DataSplit implements Examples {
  private final String name;
  private final int count, rows, cols;
  private final FloatBuffer images;
  private final int[] labels;

  /**
   * A split over {@code images} (read from index 0, shared, not copied) and {@code labels}.
   *
   * @param name what the split is, for messages ("training", "validation", "test")
   * @param count number of examples
   * @param rows pixel rows per image
   * @param cols pixel columns per image
   * @param images {@code count * rows * cols} pixels in [0, 1], row-major
   * @param labels {@code count} class labels
   */
  public DataSplit(String name, int count, int rows, int cols, FloatBuffer images, int[] labels) {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": need count >= 0 and positive rows/cols (got count " + count
              + ", " + rows + "x" + cols + ")");
    }
    if ((long) count * rows * cols != images.limit()) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": " + count + " images of " + rows + "x" + cols + " need "
              + (long) count * rows * cols + " pixels (got " + images.limit() + ")");
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": " + count + " images need " + count + " labels (got "
              + labels.length + ")");
    }
    this.name = name;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.images = images.duplicate().position(0).asReadOnlyBuffer();
    this.labels = labels;
  }

  /** A split over heap arrays (shared, not copied): small sets and tests. */
  public DataSplit(String name, int count, int rows, int cols, float[] images, int[] labels) {
    this(name, count, rows, cols, FloatBuffer.wrap(images), labels);
  }

  /**
   * Pairs images with their labels.
   *
   * @param name split name
   * @param images the images
   * @param labels one label per image
   * @return the split
   */
  public static DataSplit of(String name, IdxImages images, int[] labels) {
    return new DataSplit(name, images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  /** @return what the split is, for messages */
  public String name() { return name; }

  /** @return number of examples */
  public int count() { return count; }

  /** @return pixel rows per image */
  public int rows() { return rows; }

  /** @return pixel columns per image */
  public int cols() { return cols; }

  /** @return pixels per image, {@code rows * cols} (784 for MNIST) */
  public int features() { return rows * cols; }

  /** @return all pixels, read-only, {@code count * features()} of them from index 0 */
  public FloatBuffer images() { return images.duplicate(); }

  /** @return the labels, one per image; shared, not copied */
  public int[] labels() { return labels; }

  @Override
  public int size() {
    return count;
  }

  /**
   * The images at {@code indices} as float32 inputs [m, features] and their labels as I64 class
   * indices [m] (the targets {@link dev.chainrule.nn.loss.Cost}s take, as PyTorch's MNIST gives
   * int64 labels), copied.
   */
  @Override
  public Batch gather(int[] indices) {
    int f = features();
    float[] x = new float[indices.length * f];
    long[] y = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      checkIndex(indices[i]);
      images.get(indices[i] * f, x, i * f, f);
      y[i] = labels[indices[i]];
    }
    return new Batch(Tensor.wrap(Shape.of(indices.length, f), x), Tensor.wrap(Shape.of(indices.length), Storage.wrap(y)));
  }

  /**
   * Writes the examples at {@code order[from, to)} into {@code reuse} when it holds that many
   * (float32 inputs [n, features] and I64 labels [n], as {@link #gather} makes them), else gathers a
   * new batch.
   */
  @Override public Batch gatherInto(int[] order, int from, int to, Batch reuse) {
    int n = to - from, f = features();
    if (reuse == null || reuse.inputs().size() != n * f || reuse.targets().size() != n
        || !(reuse.inputs().storage().array() instanceof float[] x) || x.length != n * f
        || !(reuse.targets().storage().array() instanceof long[] y) || y.length != n) {
      return gather(java.util.Arrays.copyOfRange(order, from, to));
    }
    for (int i = 0; i < n; i++) {
      int row = order[from + i];
      checkIndex(row);
      images.get(row * f, x, i * f, f);
      y[i] = labels[row];
    }
    return reuse;
  }

  /**
   * Copies one image out.
   *
   * @param index example index in {@code [0, count)}
   * @return a new array of {@link #features()} pixels
   */
  public float[] image(int index) {
    checkIndex(index);
    float[] out = new float[features()];
    images.get(index * features(), out, 0, out.length);
    return out;
  }

  /**
   * @param index example index in {@code [0, count)}
   * @return the label of that example
   */
  public int label(int index) {
    checkIndex(index);
    return labels[index];
  }

  /**
   * The examples {@code [from, to)} as a new split: a view of the same pixels (nothing copied
   * but the labels).
   *
   * @param newName name of the new split
   * @param from first example, inclusive
   * @param to last example, exclusive
   * @return a split of {@code to - from} examples
   */
  public DataSplit slice(String newName, int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException(
          "DataSplit " + name + ": slice [" + from + ", " + to + ") outside [0, " + count + ")");
    }
    return new DataSplit(newName, to - from, rows, cols,
        images.slice(from * features(), (to - from) * features()), Arrays.copyOfRange(labels, from, to));
  }

  /**
   * Counts examples per class.
   *
   * @param classes number of classes; labels must lie in {@code [0, classes)}
   * @return {@code histogram[c]} = number of examples labelled {@code c}
   */
  public int[] labelHistogram(int classes) {
    int[] histogram = new int[classes];
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "DataSplit " + name + ": label " + label + " outside [0, " + classes + ")");
      }
      histogram[label]++;
    }
    return histogram;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("DataSplit " + name + ": example " + index + " of " + count);
    }
  }

  @Override
  public String toString() {
    return "DataSplit(" + name + ": " + count + " x " + rows + "x" + cols + ")";
  }
}
