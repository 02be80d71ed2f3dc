package dev.chainrule.nn.data;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * A labelled set of images as flat arrays: image {@code i} is
 * {@code images[i * features() .. (i + 1) * features())}, its label is {@code labels[i]}.
 *
 * @param name what the split is, for messages ("training", "validation", "test")
 * @param count number of examples
 * @param rows pixel rows per image
 * @param cols pixel columns per image
 * @param images {@code count * rows * cols} pixels in [0, 1], row-major; shared, not copied
 * @param labels {@code count} class labels; shared, not copied
 */
public record DataSplit(String name, int count, int rows, int cols, float[] images, int[] labels)
    implements Examples {

  /** Validates that both arrays match {@code count}. */
  public DataSplit {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": need count >= 0 and positive rows/cols (got count " + count
              + ", " + rows + "x" + cols + ")");
    }
    if ((long) count * rows * cols != images.length) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": " + count + " images of " + rows + "x" + cols + " need "
              + (long) count * rows * cols + " pixels (got " + images.length + ")");
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(
          "DataSplit " + name + ": " + count + " images need " + count + " labels (got "
              + labels.length + ")");
    }
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
    return new DataSplit(
        name, images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  @Override
  public int size() {
    return count;
  }

  /**
   * The images at {@code indices} as float32 inputs [m, features] and their labels as float32
   * class indices [m] (the targets {@link dev.chainrule.nn.loss.Cost}s take), copied.
   */
  @Override
  public Batch gather(int[] indices) {
    int f = features();
    float[] x = new float[indices.length * f];
    float[] y = new float[indices.length];
    for (int i = 0; i < indices.length; i++) {
      checkIndex(indices[i]);
      System.arraycopy(images, indices[i] * f, x, i * f, f);
      y[i] = labels[indices[i]];
    }
    return new Batch(Tensor.wrap(Shape.of(indices.length, f), x), Tensor.wrap(Shape.of(indices.length), y));
  }

  /** @return pixels per image, {@code rows * cols} (784 for MNIST) */
  public int features() {
    return rows * cols;
  }

  /**
   * Copies one image out.
   *
   * @param index example index in {@code [0, count)}
   * @return a new array of {@link #features()} pixels
   */
  public float[] image(int index) {
    checkIndex(index);
    int from = index * features();
    return Arrays.copyOfRange(images, from, from + features());
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
   * Copies the examples {@code [from, to)} into a new split.
   *
   * @param newName name of the new split
   * @param from first example, inclusive
   * @param to last example, exclusive
   * @return a split of {@code to - from} examples with its own arrays
   */
  public DataSplit slice(String newName, int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException(
          "DataSplit " + name + ": slice [" + from + ", " + to + ") outside [0, " + count + ")");
    }
    return new DataSplit(
        newName,
        to - from,
        rows,
        cols,
        Arrays.copyOfRange(images, from * features(), to * features()),
        Arrays.copyOfRange(labels, from, to));
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
      throw new IndexOutOfBoundsException(
          "DataSplit " + name + ": example " + index + " of " + count);
    }
  }

  @Override
  public String toString() {
    return "DataSplit(" + name + ": " + count + " x " + rows + "x" + cols + ")";
  }
}
