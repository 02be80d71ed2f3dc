package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
  @TempDir Path dir;

  @Test
  void writesHeaderOnceAndOneLinePerEpoch() throws IOException {
    MetricsCsv csv = new MetricsCsv(dir.resolve("run/metrics.csv"));
    csv.append(new EpochMetrics(1, 0.25, 0.125, 0.9012, 0.8999, 12.3456));
    csv.append(new EpochMetrics(2, 0.2, 0.1, 0.95, Double.NaN, 11.0));

    assertEquals(List.of(
            MetricsCsv.HEADER,
            "1,0.250000,0.125000,0.901200,0.899900,12.346",
            "2,0.200000,0.100000,0.950000,,11.000"),
        Files.readAllLines(csv.file()));
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    MetricsCsv csv = new MetricsCsv(dir.resolve("m.csv"));
    EpochMetrics first = new EpochMetrics(1, 0.5, 0.25, 0.75, 0.5, 2.0);
    EpochMetrics second = new EpochMetrics(2, 0.125, Double.NaN, 1.0, 0.0, 3.5);
    csv.append(first);
    csv.append(second);

    assertEquals(List.of(first, second), MetricsCsv.read(csv.file()));
  }

  @Test
  void refusesToAppendToAFileWithAnotherHeader() throws IOException {
    Path file = Files.writeString(dir.resolve("other.csv"), "epoch,loss\n1,0.5\n");
    IOException e = assertThrows(IOException.class,
        () -> new MetricsCsv(file).append(new EpochMetrics(2, 1, 1, 0.5, 0.5, 1)));
    assertEquals("other.csv: line 1: expected header \"" + MetricsCsv.HEADER
        + "\", found \"epoch,loss\"", e.getMessage());
    assertEquals("epoch,loss\n1,0.5\n", Files.readString(file));
  }

  @Test
  void malformedLineIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), MetricsCsv.HEADER + "\n1,2,3\n");
    IOException e = assertThrows(IOException.class, () -> MetricsCsv.read(file));
    assertTrue(e.getMessage().startsWith("bad.csv: line 2: expected 6 cells"), e.getMessage());
  }

  @Test
  void accuracyAsPercentIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EpochMetrics(1, 0.1, 0.1, 95.0, 0.9, 1));
    assertTrue(e.getMessage().contains("validationAccuracy must be a fraction"), e.getMessage());
  }
}
