package dev.chainrule.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Counts of (actual, predicted) label pairs: rows are the true class, columns the predicted
 * class, so the diagonal holds the correct answers. {@link #toString()} prints an aligned table
 * with row and column totals and per-class accuracy (the fraction of each true class predicted
 * correctly).
 */
public final class ConfusionMatrix {
  private final int classes;
  private final int[][] counts;

  private ConfusionMatrix(int classes, int[][] counts) {
    this.classes = classes;
    this.counts = counts;
  }

  /**
   * Tallies predictions for the ten digit classes.
   *
   * @param predicted predicted labels
   * @param actual true labels, same length
   * @return the matrix
   */
  public static ConfusionMatrix of(int[] predicted, int[] actual) {
    return of(predicted, actual, 10);
  }

  /**
   * Tallies predictions.
   *
   * @param predicted predicted labels in {@code [0, classes)}
   * @param actual true labels in {@code [0, classes)}, same length as {@code predicted}
   * @param classes number of classes
   * @return the matrix
   * @throws IllegalArgumentException if the lengths differ or a label is out of range (the
   *     message names the index and the value)
   */
  public static ConfusionMatrix of(int[] predicted, int[] actual, int classes) {
    if (classes <= 0) {
      throw new IllegalArgumentException("ConfusionMatrix: classes must be positive (got "
          + classes + ")");
    }
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException("ConfusionMatrix: predicted and actual lengths differ "
          + "(got " + predicted.length + " and " + actual.length + ")");
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < predicted.length; i++) {
      checkLabel("predicted", i, predicted[i], classes);
      checkLabel("actual", i, actual[i], classes);
      counts[actual[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(classes, counts);
  }

  private static void checkLabel(String which, int index, int label, int classes) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException("ConfusionMatrix: " + which + "[" + index + "] = "
          + label + ", expected 0.." + (classes - 1));
    }
  }

  /** @return number of classes (rows and columns) */
  public int classes() {
    return classes;
  }

  /**
   * @param actual true class (row)
   * @param predicted predicted class (column)
   * @return how many examples of class {@code actual} were predicted as {@code predicted}
   */
  public int count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /**
   * @param actual a true class
   * @return the row total: how many examples have that true class
   */
  public int actualTotal(int actual) {
    int sum = 0;
    for (int p = 0; p < classes; p++) {
      sum += counts[actual][p];
    }
    return sum;
  }

  /**
   * @param predicted a predicted class
   * @return the column total: how many examples were predicted as that class
   */
  public int predictedTotal(int predicted) {
    int sum = 0;
    for (int a = 0; a < classes; a++) {
      sum += counts[a][predicted];
    }
    return sum;
  }

  /** @return number of examples tallied */
  public int total() {
    int sum = 0;
    for (int a = 0; a < classes; a++) {
      sum += actualTotal(a);
    }
    return sum;
  }

  /** @return number of correct predictions (the diagonal) */
  public int correct() {
    int sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += counts[c][c];
    }
    return sum;
  }

  /** @return overall accuracy in [0, 1], NaN if empty */
  public double accuracy() {
    int total = total();
    return total == 0 ? Double.NaN : (double) correct() / total;
  }

  /**
   * @param actual a true class
   * @return the fraction of that class predicted correctly (its recall), NaN if it never occurs
   */
  public double classAccuracy(int actual) {
    int total = actualTotal(actual);
    return total == 0 ? Double.NaN : (double) counts[actual][actual] / total;
  }

  /**
   * The matrix as CSV: header {@code actual/predicted,0,..,n-1,total,accuracy}, one row per true
   * class, then a {@code total} row of column totals with the overall accuracy.
   *
   * @return CSV text with a trailing line break
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("actual/predicted");
    for (int p = 0; p < classes; p++) {
      out.append(',').append(p);
    }
    out.append(",total,accuracy\n");
    for (int a = 0; a < classes; a++) {
      out.append(a);
      for (int p = 0; p < classes; p++) {
        out.append(',').append(counts[a][p]);
      }
      out.append(',').append(actualTotal(a)).append(',').append(fraction(classAccuracy(a)))
          .append('\n');
    }
    out.append("total");
    for (int p = 0; p < classes; p++) {
      out.append(',').append(predictedTotal(p));
    }
    return out.append(',').append(total()).append(',').append(fraction(accuracy())).append('\n')
        .toString();
  }

  /**
   * Writes {@link #toCsv()} to a file, replacing it.
   *
   * @param file target CSV; parent directories are created
   * @throws IOException if it cannot be written
   */
  public void writeCsv(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
  }

  private static String fraction(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * An aligned table, rows = actual, columns = predicted, with totals and per-class accuracy:
   *
   * <pre>
   * actual\pred     0     1 ...  | total   acc%
   *           0   970     0 ...  |   980  98.98
   *       total   ...            | 10000  95.12
   * </pre>
   */
  @Override
  public String toString() {
    int width = Math.max(5, String.valueOf(total()).length() + 1);
    String cell = "%" + width + "s";
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%11s", "actual\\pred"));
    for (int p = 0; p < classes; p++) {
      out.append(' ').append(String.format(Locale.ROOT, cell, p));
    }
    out.append(" |").append(String.format(Locale.ROOT, cell, "total"))
        .append(String.format(Locale.ROOT, "%8s", "acc%")).append('\n');
    for (int a = 0; a < classes; a++) {
      out.append(String.format(Locale.ROOT, "%11s", a));
      for (int p = 0; p < classes; p++) {
        out.append(' ').append(String.format(Locale.ROOT, cell, counts[a][p]));
      }
      out.append(" |").append(String.format(Locale.ROOT, cell, actualTotal(a)))
          .append(String.format(Locale.ROOT, "%8s", percent(classAccuracy(a)))).append('\n');
    }
    out.append("-".repeat(11 + classes * (width + 1) + 2 + width + 8)).append('\n');
    out.append(String.format(Locale.ROOT, "%11s", "total"));
    for (int p = 0; p < classes; p++) {
      out.append(' ').append(String.format(Locale.ROOT, cell, predictedTotal(p)));
    }
    return out.append(" |").append(String.format(Locale.ROOT, cell, total()))
        .append(String.format(Locale.ROOT, "%8s", percent(accuracy()))).append('\n').toString();
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * value);
  }
}
