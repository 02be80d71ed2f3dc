package dev.chainrule.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file with one row per epoch, columns {@value #HEADER}.
 *
 * <p>Each {@link #append} opens the file, writes one whole line (plus the header when the file is
 * new or empty) in a single write, and closes it, so the file is complete after every epoch even
 * if the run is killed. Appending to a file whose header differs is refused rather than mixing
 * two layouts.
 */
public final class MetricsCsv {
  /** The header line, without the line break. */
  public static final String HEADER =
      "epoch,train_cost,validation_cost,validation_accuracy,test_accuracy,epoch_seconds";

  private final Path file;

  /**
   * @param file the CSV file; it and its parent directories are created on the first append
   */
  public MetricsCsv(Path file) {
    this.file = file;
  }

  /** @return the CSV file */
  public Path file() {
    return file;
  }

  /**
   * Appends one epoch's row, writing the header first if the file is new or empty.
   *
   * @param m the epoch's metrics
   * @throws IOException if the file cannot be written or has a different header
   */
  public void append(EpochMetrics m) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    StringBuilder text = new StringBuilder();
    if (!Files.exists(file) || Files.size(file) == 0) {
      text.append(HEADER).append('\n');
    } else {
      checkHeader(firstLine());
    }
    text.append(format(m)).append('\n');
    Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  /**
   * Reads a file written by {@link #append}.
   *
   * @param file the CSV file
   * @return its rows in file order
   * @throws IOException if the file cannot be read or a line is malformed (the message names
   *     the file, the line number and what was expected)
   */
  public static List<EpochMetrics> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return List.of();
    }
    new MetricsCsv(file).checkHeader(lines.get(0));
    List<EpochMetrics> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        rows.add(parse(file, i + 1, lines.get(i)));
      }
    }
    return rows;
  }

  /**
   * Formats one row (no line break): numbers with six significant digits, seconds with three
   * decimals, NaN as an empty cell.
   *
   * @param m the metrics
   * @return the CSV line
   */
  public static String format(EpochMetrics m) {
    return m.epoch() + "," + cell(m.trainCost(), "%.6g") + "," + cell(m.validationCost(), "%.6g")
        + "," + cell(m.validationAccuracy(), "%.6g") + "," + cell(m.testAccuracy(), "%.6g")
        + "," + cell(m.epochSeconds(), "%.3f");
  }

  private static String cell(double value, String pattern) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, pattern, value);
  }

  private static EpochMetrics parse(Path file, int lineNumber, String line) throws IOException {
    String[] cells = line.split(",", -1);
    if (cells.length != 6) {
      throw new IOException(file.getFileName() + ": line " + lineNumber + ": expected 6 cells ("
          + HEADER + "), found " + cells.length);
    }
    try {
      return new EpochMetrics(Integer.parseInt(cells[0].trim()), number(cells[1]),
          number(cells[2]), number(cells[3]), number(cells[4]), number(cells[5]));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          file.getFileName() + ": line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private static double number(String cell) {
    return cell.isBlank() ? Double.NaN : Double.parseDouble(cell.trim());
  }

  private String firstLine() throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("");
    }
  }

  private void checkHeader(String found) throws IOException {
    if (!found.equals(HEADER)) {
      throw new IOException(file.getFileName() + ": line 1: expected header \"" + HEADER
          + "\", found \"" + found + "\"");
    }
  }

  @Override
  public String toString() {
    return "MetricsCsv(" + file + ")";
  }
}
