package dev.chainrule.autograd.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiler counts each op's calls per phase, nests self times, and writes a trace Perfetto can read. */
class ProfilerTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  private static Tensor randn(boolean grad, int... dims) {
    return Tensor.randn(RANDOM, DType.F32, 0, 1, dims).requiresGrad(grad);
  }

  /** Two layers: x (no grad) · w1 → sigmoid → · w2 → sum. */
  private static Tensor twoLayers(Tensor w1, Tensor w2) {
    return randn(false, 4, 3).matmul(w1).sigmoid().matmul(w2).sum();
  }

  @Test
  void forwardOnlyCountsOneCallPerOperation() {
    Tensor w1 = randn(true, 3, 5), w2 = randn(true, 5, 2);
    Profiler p;
    try (var started = Profiler.start()) {
      p = started;
      twoLayers(w1, w2);
    }
    assertEquals(2, p.row("MatMul", "forward").calls());
    assertEquals(1, p.row("Sigmoid", "forward").calls());
    assertEquals(1, p.row("Sum", "forward").calls());
    assertNull(p.row("MatMul", "backward"), "no backward ran");
    assertEquals(3, p.rows().size(), "MatMul, Sigmoid, Sum");
  }

  @Test
  void backwardCountsEachNodeOnceAndItsNestedForwards() {
    Tensor w1 = randn(true, 3, 5), w2 = randn(true, 5, 2);
    Profiler p;
    try (var started = Profiler.start()) {
      p = started;
      twoLayers(w1, w2).backward();
    }
    assertEquals(2, p.row("MatMul", "backward").calls());
    assertEquals(1, p.row("Sigmoid", "backward").calls());
    assertEquals(1, p.row("Sum", "backward").calls());
    // MatMul's backward applies one matmul per input that needs a gradient: 2 for the second
    // layer (w2 and the hidden layer), 1 for the first (x needs none); plus the 2 forwards.
    assertEquals(5, p.row("MatMul", "forward").calls());
    for (OpStats s : p.rows()) {
      assertTrue(s.selfNanos() <= s.totalNanos() && s.selfNanos() >= 0, s.toString());
    }
    OpStats back = p.row("MatMul", "backward");
    assertTrue(back.totalNanos() > back.selfNanos(), "nested matmuls' time is not the backward's own");
  }

  @Test
  void theTableListsEveryRowSortedByTotalTime() {
    Tensor w1 = randn(true, 3, 5), w2 = randn(true, 5, 2);
    Profiler p;
    try (var started = Profiler.start()) {
      p = started;
      twoLayers(w1, w2).backward();
    }
    String[] lines = p.table().split("\n");
    assertEquals(p.rows().size() + 2, lines.length, p.table());
    assertTrue(lines[0].startsWith("op "));
    List<OpStats> rows = p.rows();
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i - 1).totalNanos() >= rows.get(i).totalNanos());
      assertTrue(lines[i + 1].startsWith(String.format("%-16s %-8s %8d", rows.get(i).op(), rows.get(i).phase(), rows.get(i).calls()))
          || i == 0);
    }
  }

  @Test
  void closedItRecordsNothingMore() {
    Tensor w1 = randn(true, 3, 5), w2 = randn(true, 5, 2);
    Profiler p = Profiler.start();
    p.close();
    p.close();
    twoLayers(w1, w2).backward();
    assertTrue(p.rows().isEmpty());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTraceIsJsonWithOneNestedCompleteEventPerCall(@TempDir Path dir) throws IOException {
    Tensor w1 = randn(true, 3, 5), w2 = randn(true, 5, 2);
    Profiler p;
    try (var started = Profiler.start()) {
      p = started;
      twoLayers(w1, w2).backward();
    }
    Path file = dir.resolve("trace.json");
    p.writeChromeTrace(file);
    Map<String, Object> trace = (Map<String, Object>) MiniJson.parse(Files.readString(file));
    List<Map<String, Object>> events = (List<Map<String, Object>>) trace.get("traceEvents");
    assertEquals(p.rows().stream().mapToLong(OpStats::calls).sum(), events.size());
    List<double[]> spans = new ArrayList<>();
    for (Map<String, Object> e : events) {
      assertEquals("X", e.get("ph"));
      assertTrue(e.get("cat").equals("forward") || e.get("cat").equals("backward"));
      double ts = (Double) e.get("ts"), dur = (Double) e.get("dur");
      assertTrue(ts >= 0 && dur >= 0, e.toString());
      spans.add(new double[] {ts, ts + dur});
    }
    // Calls nest: two spans are disjoint or one contains the other (to the µs rounding of 0.001).
    for (double[] a : spans) {
      for (double[] b : spans) {
        boolean disjoint = a[1] <= b[0] + 1e-3 || b[1] <= a[0] + 1e-3;
        boolean nested = (a[0] <= b[0] + 1e-3 && b[1] <= a[1] + 1e-3) || (b[0] <= a[0] + 1e-3 && a[1] <= b[1] + 1e-3);
        assertTrue(disjoint || nested, "overlapping events " + a[0] + "+" + (a[1] - a[0]) + " and " + b[0]);
      }
    }
  }

  @Test
  void theJsonReaderRejectsBrokenJson() {
    assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\": [1, 2,]}"));
    assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\": 1} x"));
    assertEquals(List.of(1.0, "b\"", true), MiniJson.parse("[1, \"b\\\"\", true]"));
  }
}
