package dev.chainrule.nn.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * MNIST split as in Nielsen's course: the first 50,000 training images are the training set, the
 * last 10,000 the validation set, and the 10,000 test images the test set. Every image is 28x28
 * = 784 features in [0, 1]; labels are 0..9.
 *
 * @param training examples used for gradient steps
 * @param validation held-out examples for choosing hyper-parameters
 * @param test the official test set
 */
public record Mnist(DataSplit training, DataSplit validation, DataSplit test) {
  /** Pixel rows per image. */
  public static final int ROWS = 28;
  /** Pixel columns per image. */
  public static final int COLS = 28;
  /** Pixels per image, {@code ROWS * COLS}. */
  public static final int FEATURES = ROWS * COLS;
  /** Number of classes (digits 0..9). */
  public static final int CLASSES = 10;
  /** Training images kept for training; the rest of the training file is validation. */
  public static final int TRAINING_COUNT = 50_000;

  /**
   * Finds the data (see {@link DatasetLocator}: {@code --data}, {@code MNIST_DIR}, the user cache,
   * else a verified download) and loads it.
   *
   * @param explicitDir the {@code --data} directory, or {@code null}
   * @param log where download progress goes, or {@code null}
   * @return the three splits
   * @throws IOException if the data cannot be found, downloaded or parsed
   */
  public static Mnist locateAndLoad(Path explicitDir, PrintStream log) throws IOException {
    return load(DatasetLocator.standard(DatasetSpec.MNIST, log).locate(explicitDir));
  }

  /**
   * Loads MNIST from a directory holding its four files.
   *
   * @param dir the data directory
   * @return the three splits
   * @throws IOException if a file is missing or malformed
   */
  public static Mnist load(Path dir) throws IOException {
    return load(dir, DatasetSpec.MNIST, TRAINING_COUNT);
  }

  /**
   * Loads an MNIST-style data set (e.g. {@link DatasetSpec#FASHION_MNIST}) from a directory.
   *
   * @param dir the data directory
   * @param spec which files to read
   * @param trainingCount how many leading training images form the training split; the rest
   *     form the validation split
   * @return the three splits
   * @throws IOException if a file is missing or malformed, or the training file has fewer than
   *     {@code trainingCount} images
   */
  public static Mnist load(Path dir, DatasetSpec spec, int trainingCount) throws IOException {
    DataSplit full = IdxReader.readLabeled(
        "training+validation",
        DatasetLocator.resolve(dir, spec.trainImages()),
        DatasetLocator.resolve(dir, spec.trainLabels()),
        ROWS, COLS, CLASSES);
    if (trainingCount < 0 || trainingCount > full.count()) {
      throw new IllegalArgumentException(
          spec.name() + ": cannot keep " + trainingCount + " training images, the file has "
              + full.count());
    }
    DataSplit test = IdxReader.readLabeled(
        "test",
        DatasetLocator.resolve(dir, spec.testImages()),
        DatasetLocator.resolve(dir, spec.testLabels()),
        ROWS, COLS, CLASSES);
    return new Mnist(
        full.slice("training", 0, trainingCount),
        full.slice("validation", trainingCount, full.count()),
        test);
  }

  @Override
  public String toString() {
    return "Mnist(training=" + training.count() + ", validation=" + validation.count()
        + ", test=" + test.count() + ")";
  }
}
