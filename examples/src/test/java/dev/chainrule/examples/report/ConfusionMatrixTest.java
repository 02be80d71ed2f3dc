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

class ConfusionMatrixTest {
  //                                 actual:    0  0  1  1  1  2  2  2  2  9
  private static final int[] ACTUAL =          {0, 0, 1, 1, 1, 2, 2, 2, 2, 9};
  private static final int[] PREDICTED =       {0, 1, 1, 1, 7, 2, 2, 2, 3, 9};

  @Test
  void countsAndTotals() {
    ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL);
    assertEquals(10, m.classes());
    assertEquals(1, m.count(0, 0));
    assertEquals(1, m.count(0, 1));
    assertEquals(2, m.count(1, 1));
    assertEquals(1, m.count(1, 7));
    assertEquals(1, m.count(2, 3));
    assertEquals(4, m.actualTotal(2));
    assertEquals(3, m.predictedTotal(1));
    assertEquals(0, m.actualTotal(5));
    assertEquals(10, m.total());
    assertEquals(7, m.correct());
    assertEquals(0.7, m.accuracy(), 1e-12);
    assertEquals(0.5, m.classAccuracy(0), 1e-12);
    assertEquals(0.75, m.classAccuracy(2), 1e-12);
    assertTrue(Double.isNaN(m.classAccuracy(5)));
  }

  @Test
  void tableIsAlignedWithTotalsAndAccuracy() {
    String table = ConfusionMatrix.of(PREDICTED, ACTUAL).toString();
    List<String> lines = table.lines().toList();
    assertEquals(13, lines.size(), table); // header, 10 classes, rule, totals
    int width = lines.get(0).length();
    for (String line : lines) {
      assertEquals(width, line.length(), "ragged line: '" + line + "'\n" + table);
    }
    assertEquals("          2     0     0     3     1     0     0     0     0     0     0 |"
        + "    4   75.00", lines.get(3));
    assertTrue(lines.get(12).endsWith("|   10   70.00"), lines.get(12));
    assertTrue(lines.get(6).endsWith("|    0       -"), lines.get(6));
  }

  @Test
  void csvHasRowsTotalsAndAccuracy(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("confusion.csv");
    ConfusionMatrix.of(PREDICTED, ACTUAL).writeCsv(file);
    List<String> lines = Files.readAllLines(file);
    assertEquals(12, lines.size());
    assertEquals("actual/predicted,0,1,2,3,4,5,6,7,8,9,total,accuracy", lines.get(0));
    assertEquals("1,0,2,0,0,0,0,0,1,0,0,3,0.6667", lines.get(2));
    assertEquals("5,0,0,0,0,0,0,0,0,0,0,0,", lines.get(6));
    assertEquals("total,1,3,3,1,0,0,0,1,0,1,10,0.7000", lines.get(11));
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[2], new int[3]));
    assertEquals("ConfusionMatrix: predicted and actual lengths differ (got 2 and 3)",
        lengths.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0, 10}, new int[] {0, 1}));
    assertEquals("ConfusionMatrix: predicted[1] = 10, expected 0..9", range.getMessage());
  }
}
